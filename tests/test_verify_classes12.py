"""Classes the fifty-first to fifty-fourth independent case sets showed, each on short texts written here (no
corpus text): what a good reply says and must keep, beside the mistake of the same shape that must go."""
from __future__ import annotations

from app.answer.verify import Verifier, facts
from app.answer.verify.polarity import negation_dropped
from tests.test_verify import law

TITLE = "示例程序法"


def _shown(reply: str, *chunks) -> str:
    return Verifier(list(chunks)).verify(reply).text


def test_a_law_defining_its_day_counts_as_working_days_states_them_in_working_days():
    a = law("第九十条　期间的计算，本法没有规定的，依照其他法律。\n本法关于期间有关“三日”、“五日”的规定是指工作日，不含法定休假日。", "第九十条", 90, TITLE)
    assert (5, "工作日") in facts.figures("本法关于期间有关“三日”、“五日”的规定是指工作日。")
    assert "应按5个工作日计算" in _shown("因此这里的5日应按5个工作日计算[1]。", a)
    assert "30个工作日" not in _shown("因此这里的30日应按30个工作日计算[1]。", a)


def test_figures_given_respectively_follow_the_passages_order():
    a = law("第五十条　适用简易程序的，机构应当自受理之日起三日内发送副本。被申请人应当自收到副本之日起五日内答复。",
            "第五十条", 50, TITLE)
    assert "分别为3日内和5日内" in _shown("简易程序下分别为3日内和5日内[1]。", a)
    assert "分别为5日内和3日内" not in _shown("简易程序下分别为5日内和3日内[1]。", a)


def test_an_exception_frame_is_no_new_point():
    # three passages sharing the frame (复议, 申请, 人民法院, 提起诉讼): 除……以外 must not count as the claim's point,
    # which would leave it 以外 and 当事人 alone, neither in the cited passage
    a = law("第四十条　公民、法人或者其他组织可以先申请复议，也可以直接向人民法院提起诉讼。\n法律、法规规定应当先申请复议的，"
            "依照其规定。", "第四十条", 40, TITLE)
    b = law("第四十一条　法规规定应当先申请复议的，申请人对复议决定不服的，可以向人民法院提起诉讼。", "第四十一条", 41, TITLE)
    c = law("第四十二条　复议机关不予受理的，应当告知申请人可以自收到决定书之日起十五日内向人民法院提起诉讼，法规另有规定的除外。",
            "第四十二条", 42, TITLE)
    good = "除法律、法规规定应当先复议的以外，当事人可以先申请复议，也可以直接向人民法院提起诉讼[1]。"
    assert "也可以直接向人民法院提起诉讼" in _shown(good, a, b, c)


def test_a_prohibition_stated_after_what_it_prohibits_keeps_its_negation():
    passage = [facts.plain("二类保护区内禁止开山、采石、开垦等破坏植被的活动。")]
    assert not negation_dropped(["二类", "开山", "采石"], "在二类保护区内，开山、采石、开垦等破坏植被的活动都是禁止的",
                                passage)
    assert negation_dropped(["二类", "开山", "采石"], "在二类保护区内，开山、采石、开垦等破坏植被的活动都可以开展",
                            passage)


def test_a_recurring_word_restated_without_the_negation_the_passage_puts_on_it():
    passage = [facts.plain("依照前款规定撤销许可，可能对公共利益造成重大损害的，不予撤销。")]
    words = ["撤销", "公共利益", "重大", "损害"]
    assert negation_dropped(words, "撤销可能对公共利益造成重大损害的，仍应当依法撤销", passage)
    assert not negation_dropped(words, "撤销许可可能对公共利益造成重大损害的，不予撤销", passage)
    # the same lead also reaching an unnegated occurrence places nothing
    both = [facts.plain("一年内未完成复垦或者未恢复种植条件的，由主管部门代为完成复垦或者恢复种植条件。")]
    assert not negation_dropped(["完成", "复垦", "恢复", "种植", "条件"],
                                "一年内未完成复垦或者未恢复种植条件的，由主管部门代为完成复垦或者恢复种植条件", both)


def test_a_recurring_word_the_passage_affirms_in_another_sentence_is_no_reversal():
    first = facts.plain("经核实符合规划条件的，出具核实合格手续。")
    second = facts.plain("经核实不符合规划条件的，不得组织竣工验收。")
    claim = facts.plain("经核实符合规划条件的，出具核实合格手续。经核实不符合规划条件的，不得组织竣工验收。")
    assert not negation_dropped(["核实", "符合", "规划", "条件"], claim, [first, second])
