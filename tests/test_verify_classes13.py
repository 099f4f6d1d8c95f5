"""Classes the fifty-fifth to fifty-seventh independent case sets showed, each on short texts written here (no
corpus text): what a good reply says and must keep, beside the mistake of the same shape that must go."""
from __future__ import annotations

from app.answer.verify import Verifier, facts
from app.answer.verify.parties import consequence_swapped, lead_swapped
from app.answer.verify.polarity import negation_dropped, permits_what_is_prohibited
from app.answer.verify.tables import with_head_units
from tests.test_verify import law, report

TITLE = "示例程序法"


def _shown(reply: str, *chunks) -> str:
    return Verifier(list(chunks)).verify(reply).text


def test_a_figure_named_again_by_a_demonstrative_needs_no_new_place():
    a = law("第三十条　机关在接到申请之日起两个月内不履行的，申请人可以起诉。\n紧急情况下机关不履行的，起诉不受前款规定期限的限制。",
            "第三十条", 30, TITLE)
    reply = "机关在接到申请之日起2个月内不履行的，可以起诉[1]。紧急情况下机关不履行的，起诉不受这2个月的限制[1]。"
    assert "起诉不受这2个月的限制" in _shown(reply, a)
    # a figure the passage does not have stays wrong, demonstrative or not
    assert "不受这3个月的限制" not in _shown(reply.replace("这2个月", "这3个月"), a)


def test_a_condition_given_the_consequence_of_another_condition():
    passage = [facts.plain("复核机关维持原决定的，原机关和复核机关是共同被告；复核机关改变原决定的，复核机关是被告。")]
    assert consequence_swapped("复核机关改变原决定的，原机关是共同被告", passage)
    assert not consequence_swapped("复核机关改变原决定的，复核机关是被告", passage)
    assert not consequence_swapped("复核机关维持原决定的，原机关和复核机关是共同被告", passage)


def test_a_permission_for_what_the_passage_forbids_read_off_after_the_permission():
    passage = [facts.plain("配套工程未经验收的，主体工程不得投入生产或者使用。")]
    words = facts.content_words("配套工程尚未验收的，主体工程可以先行投入使用")
    assert permits_what_is_prohibited(words, "配套工程尚未验收的，主体工程可以先行投入使用", passage)
    assert not permits_what_is_prohibited(words, "配套工程验收合格后，主体工程可以投入使用", [facts.plain(
        "配套工程验收合格的，主体工程可以投入生产或者使用。")])


def test_a_bare_number_in_a_table_takes_its_column_heads_unit():
    assert with_head_units(" 耕地 | 40.13 | 43.3 ", " 指标 | 目标（万亩） | 完成（万亩） ") == " 耕地 |40.13万亩|43.3万亩"
    assert with_head_units(" 耕地 | 约40 | 43.3 ", " 指标 | 目标 | 完成（说明） ") == " 耕地 | 约40 | 43.3 "
    a = report("1. 保护耕地。围绕全市40.13万亩耕地保护目标，完成保护面积43.3万亩。", "一、（一）1")
    table = "耕地保护目标超额完成[1]：\n\n| 指标 | 目标（万亩） | 完成（万亩） |\n|---|---|---|\n| 耕地 | 40.13 | 43.3 |\n"
    assert "| 耕地 | 40.13 | 43.3 |" in _shown(table, a)
    assert "| 耕地 | 40.13 | 45.3 |" not in _shown(table.replace("43.3 |", "45.3 |"), a)


def test_the_leading_body_and_the_one_joining_it_swapped():
    passage = [facts.plain("修复由自然资源主管部门会同生态环境主管部门等有关部门组织验收。")]
    assert lead_swapped("修复由生态环境主管部门会同自然资源主管部门等有关部门组织验收", passage)
    assert not lead_swapped("修复由自然资源主管部门会同生态环境主管部门组织验收", passage)


def test_a_denial_dropped_after_the_same_subject_in_a_joined_claim():
    passage = [facts.plain(s) for s in ("复核机关可以举行听证。", "听证所需时间不计算在前款规定的期限内。")]
    words = ["复核", "机关", "举行", "听证", "时间", "计算"]
    assert negation_dropped(words, "复核机关可以举行听证，听证所需时间计算在这30日之内", passage)
    assert not negation_dropped(words, "复核机关可以举行听证，听证所需时间不计算在这30日之内", passage)


def test_a_count_of_grades_is_the_size_of_the_passages_list():
    a = law("第四十条　事故分为以下等级：\n（一）一般事故：死亡1人以下的；\n（二）较大事故：死亡3人以下的；\n（三）重大事故：死亡10人以下的；\n"
            "（四）特别重大事故：死亡10人以上的。", "第四十条", 40, TITLE)
    assert "事故分为四级" in _shown("事故分为四级[1]：\n- 一般事故：死亡1人以下的；\n- 较大事故：死亡3人以下的。", a)
    assert "事故分为五级" not in _shown("事故分为五级[1]：\n- 一般事故：死亡1人以下的；\n- 较大事故：死亡3人以下的。", a)


def test_an_items_own_label_of_ten_characters_names_no_thing_of_the_list():
    a = law("第二十一条　勘查中造成财产损害的，按照下列规定给以补偿：\n（一）对竹木造成损害的，根据实际损害株数，以当地市场平均价格计算，给以补偿；\n"
            "（二）对土地上的附着物造成损害的，根据实际损害的程度，以当地市场价格，给以适当补偿。", "第二十一条", 21, TITLE)
    b = law("第二十二条　在没有农作物和其他附着物的荒地上进行勘查的，不予补偿。", "第二十二条", 22, TITLE)
    reply = ("勘查中造成财产损害的，要按规定补偿[1]：\n- 竹木受损：按实际损害株数，以当地市场平均价格计算；\n"
             "- 地上其他附着物受损：根据实际损害程度，按当地市场价格给予适当补偿。")
    assert "按当地市场价格给予适当补偿" in _shown(reply, a, b)


def test_an_opening_condition_that_names_only_what_the_claim_names_is_not_dropped():
    a = law("第二十条　出让矿业权的，矿业权出让部门应当以书面形式签订出让合同。\n情况复杂的，经负责人批准，可以延长十日。", "第二十条", 20,
            TITLE)
    quiz = "1. 出让合同可以采用口头形式。（×）\n   解析：矿业权出让部门应当以书面形式签订出让合同[1]。"
    assert "以书面形式签订出让合同" in _shown(quiz, a)
    assert "可以延长10日" not in _shown("经负责人批准，可以延长10日[1]。", a)


def test_a_clauses_own_condition_replaced_by_a_joining_word():
    a = law("第二十九条　接到报告的当地人民政府应当及时动员受威胁的居民转移到安全地带；情况紧急时，可以强行组织避灾疏散。", "第二十九条",
            29, TITLE)
    good = "当地人民政府应当及时动员受威胁的居民转移到安全地带；情况紧急时，可以强行组织避灾疏散[1]。"
    assert "可以强行组织避灾疏散" in _shown(good, a)
    assert "可以强行组织避灾疏散" not in _shown("当地人民政府应当及时动员受威胁的居民转移到安全地带，并可以强行组织避灾疏散[1]。", a)

