"""The placement and polarity checks on short texts written for these tests: a figure given after another
subject's words, a table row mixing two clauses' figures, 不必 for what a passage requires, ranges and Chinese
decimals, a cited heading over dash items, and the asker's own situation in an applied claim."""
from __future__ import annotations

from app.answer.verify import Verifier, facts
from app.answer.verify.placement import figure_misplaced, row_figures_apart
from app.answer.verify.duties import obligation_denied
from tests.test_verify import law

FINES = "违反本办法，未造成损失的，责令改正，对个人并处三百元以上三千元以下罚款，对单位并处一万元以上五万元以下罚款。"
RATES = ("第四条　补偿标准如下：\n（一）人均不超过一亩的地区，每亩为十元至五十元；\n"
         "（二）人均超过一亩但不超过二亩的地区，每亩为八元至四十元；\n（三）人均超过二亩的地区，每亩为六元至三十元。")
MUST = "第九条　建设单位应当按照条件施工；确需变更的，必须向县级主管部门提出申请。"


def _p(text: str) -> list[str]:
    return [facts.plain(text)]


def test_a_figure_given_after_another_subjects_words_is_misplaced():
    assert figure_misplaced("对个人会并处1万元以上5万元以下的罚款", _p(FINES))
    assert not figure_misplaced("对个人并处300元以上3000元以下的罚款", _p(FINES))
    assert not figure_misplaced("单位要并处1万元以上5万元以下罚款", _p(FINES))


def test_a_figure_named_after_it_in_the_passage_is_not_judged_by_its_lead():
    text = "围绕全市40.13万亩耕地保护目标，完成耕地保护面积43.3万亩。"
    assert not figure_misplaced("全市耕地保护目标为40.13万亩", _p(text))


def test_a_table_row_must_find_its_figures_in_one_clause():
    assert row_figures_apart("超过1亩但不超过2亩 | 6元至30元", _p(RATES))
    assert not row_figures_apart("超过1亩但不超过2亩 | 8元至40元", _p(RATES))
    assert not row_figures_apart("超过1亩但不超过2亩的地区每亩8元至40元", _p(RATES))  # not a row: other checks


def test_excusing_what_the_passage_requires_reverses_it():
    assert obligation_denied("确需变更的，不必向县级主管部门提出申请，备案即可", _p(MUST))
    assert not obligation_denied("确需变更的，必须向县级主管部门提出申请", _p(MUST))
    both = "采伐林木应当申请许可证；采伐竹林，不需要申请许可证。"
    assert not obligation_denied("采伐竹林，不需要申请许可证", _p(both))
    excepted = "听证应当公开举行，但涉及国家秘密的除外。"
    assert not obligation_denied("涉及国家秘密的，不必公开举行", _p(excepted))


def test_ranges_and_chinese_decimals_state_each_figure():
    assert facts.figures("并处损失额一至三倍罚款") == facts.figures("并处损失额1至3倍的罚款") == {
        (facts.Decimal(1), "倍"), (facts.Decimal(3), "倍")}
    assert facts.figures("人均耕地低于零点五亩") == {(facts.Decimal("0.5"), "亩")}
    assert facts.figures("委托一至二人代理") == facts.figures("委托1至2人代理")


def test_a_figure_is_not_found_inside_a_longer_one():
    text = "第六条　有下列行为之一的，处十日以上十五日以下拘留；情节较轻的，处五日以上十日以下拘留。"
    reply = "有下列行为之一的，处10日以上15日以下拘留，情节较轻的处5日以上10日以下拘留[1]。"
    v = Verifier([law(text, "第六条", 6)]).verify(reply)
    assert "5日以上10日以下" in v.text and not v.removed


def test_dash_items_under_a_cited_heading_are_covered_by_its_marker():
    text = "第八条　听证依照下列程序：（一）当事人应当在告知后五日内提出；（二）行政机关应当在听证的七日前通知当事人。"
    reply = "二、听证步骤[1]\n— 提出：当事人应当在告知后5日内提出；\n— 通知：行政机关应当在听证的7日前通知当事人。"
    v = Verifier([law(text, "第八条", 8)]).verify(reply)
    assert "5日内提出" in v.text and "7日前通知" in v.text and not v.removed


def test_the_askers_own_situation_does_not_count_against_an_applied_claim():
    text = "第二十六条　经复议的案件，复议机关决定维持原行政行为的，作出原行政行为的行政机关和复议机关是共同被告。"
    a = law(text, "第二十六条", 26, "中华人民共和国行政诉讼法")
    reply = "若市政府复议维持我局的处罚决定，我局与市政府为共同被告[1]。"
    question = "当事人对我局处罚申请复议，市政府维持了，被告是谁？"
    assert not Verifier([a], question).verify(reply).removed
    outside = "复议机关维持的，当事人还可以要求我局赔偿精神损失[1]。"
    assert Verifier([a], question).verify(outside).removed


def test_a_restated_rule_given_another_authority_is_caught():
    from app.answer.verify.placement import subject_replaced

    text = ["永久基本农田转为建设用地的，由国务院批准。",
            "在规模范围外将其他农用地转为建设用地的，由国务院或者国务院授权的省、自治区、直辖市人民政府批准。"]
    sents = [facts.plain(s) for s in text]
    wrong, right = "永久基本农田转为建设用地的，由省、自治区、直辖市人民政府批准", "永久基本农田转为建设用地的，由国务院批准"
    assert subject_replaced(wrong, facts.content_words(wrong), sents)
    assert not subject_replaced(right, facts.content_words(right), sents)


def test_leaving_to_discretion_what_the_passage_requires_reverses_it():
    text = "多数成员认为补偿方案不符合法律规定的，县级以上地方人民政府应当组织召开听证会。"
    assert obligation_denied("多数成员认为方案不合法的，县级以上地方人民政府可以视情况决定是否组织召开听证会", _p(text))
    assert not obligation_denied("多数成员认为方案不合法的，县级以上地方人民政府应当组织召开听证会", _p(text))


def test_a_count_of_list_items_is_supported_by_the_list():
    text = "第十八条　立案应当符合下列条件：\n（一）有明确的行为人；\n（二）有违法事实；\n（三）应当追究责任的；\n（四）属于本部门管辖的。"
    a = law(text, "第十八条", 18, "河南省示例监察条例")
    assert not Verifier([a]).verify("立案须同时符合四项条件[1]：有明确的行为人；有违法事实；应当追究责任；属于本部门管辖。").removed
    assert Verifier([a]).verify("立案须同时符合五项条件，包括有明确的行为人和违法事实[1]。").removed


def test_a_nested_title_and_a_shortened_authority_are_found():
    text = "第二十六条　闲置基本农田应按照《河南省实施〈土地管理法〉办法》的规定缴纳闲置费；下级行政机关应当在二十日内审查完毕。"
    a = law(text, "第二十六条", 26, "河南省示例保护条例")
    v = Verifier([a]).verify("闲置基本农田应按照《河南省实施〈土地管理法〉办法》的规定缴纳闲置费[1]。下级机关应当在20日内审查完毕[1]。")
    assert not v.removed


def test_an_unmarked_sentence_one_passage_states_is_cited_to_it():
    text = "第四十七条　在乡、村庄规划区内村民使用原有宅基地进行住宅建设的，应向村民委员会提出申请。"
    a = law(text, "第四十七条", 47, "河南省示例规划办法")
    reply = ("您好，根据您提供的资料，您家的情况属于村民在乡、村庄规划区内使用原有宅基地进行住宅建设。\n\n"
             "您需要先向村民委员会提出申请[1]。")
    v = Verifier([a]).verify(reply)
    assert not v.removed and "住宅建设[1]。" in v.text and any("补上" in n for n in v.notices)
    unsupported = "翻建老房子一般不需要任何手续。\n\n您需要先向村民委员会提出申请[1]。"
    assert Verifier([a]).verify(unsupported).removed == 1


def test_a_streamed_reply_cites_the_unmarked_sentence_as_the_whole_reply_does():
    from app.answer.verify.stream import StreamVerifier

    text = "第四十七条　在乡、村庄规划区内村民使用原有宅基地进行住宅建设的，应向村民委员会提出申请。"
    a = law(text, "第四十七条", 47, "河南省示例规划办法")
    reply = ("您家的情况属于村民在乡、村庄规划区内使用原有宅基地进行住宅建设。\n\n"
             "您需要先向村民委员会提出申请[1]。\n\n具体以当地答复为准。")
    sv = StreamVerifier(Verifier([a]))
    shown = "".join(sv.feed(reply[i:i + 3]) for i in range(0, len(reply), 3))
    final, rest = sv.close()
    assert shown + rest == final.text and "住宅建设[1]。" in final.text
    assert Verifier([a]).verify("您家的情况属于村民在乡、村庄规划区内使用原有宅基地进行住宅建设。").removed == 1


def test_a_dropped_qualifier_widens_the_rule():
    from app.answer.verify.conditions import qualifier_dropped

    text = ["采伐自然保护区以外的竹林，不需要申请采伐许可证。", "对复查意见不服的，可以向原办理机关的上一级机关请求复核。",
            "在规划区内村民使用原有宅基地或者村内空闲地进行住宅建设的，应当提出申请。"]
    sents = [facts.plain(s) for s in text]
    assert qualifier_dropped("采伐竹林，不需要申请采伐许可证", sents)
    assert qualifier_dropped("对复查意见不服的，可以向原办理机关请求复核", sents)
    assert not qualifier_dropped("采伐自然保护区以外的竹林，不需要申请采伐许可证", sents)
    assert not qualifier_dropped("村民使用原有宅基地进行住宅建设的，应当提出申请", sents)  # an alternative left out
