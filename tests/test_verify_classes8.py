"""Classes the fifteenth and sixteenth independent case sets showed, each on short texts written here: a quiz stem
with its kind in brackets instead of a blank, a numbered quiz title (题1（单选）：), a trainer's outline timing its
parts, a dropped member of a coordination, a dropped 多数, an acting body replaced by another kind of body, 一律 added
where the passage makes an exception, a back-reference (按前两项执行) read as a figure, a framed quotation."""
from __future__ import annotations

from app.answer.verify import Verifier, facts
from app.answer.verify.conditions import absolute_added, actor_swapped, qualifier_dropped
from tests.test_verify import law

TITLE = "河南省示例条例"


def _shown(reply: str, *chunks) -> str:
    return Verifier(list(chunks)).verify(reply).text


def test_a_true_false_stem_marked_by_its_kind_is_checked_with_its_answer():
    a = law("第九条　有下列情形之一的，申请人应当先申请复查：\n（一）对当场作出的决定不服；\n（二）对收费决定不服。",
            "第九条", 9, TITLE)
    right = "1. 对当场作出的决定不服的，应当先申请复查。\n（判断）\n答案：正确，属于应当先申请复查的情形[1]。"
    assert "答案：正确" in _shown(right, a)
    wrong = "1. 对当场作出的决定不服的，可以直接起诉。（判断）\n答案：正确，属于可以直接起诉的情形[1]。"
    assert "答案：正确" not in _shown(wrong, a)


def test_a_numbered_quiz_title_is_a_label_not_a_figure():
    a = law("第十二条　未造成后果的，对个人处二百元以上一千元以下的罚款。", "第十二条", 12, TITLE)
    quiz = ("**题1（单选）**：未造成后果的个人，罚款幅度是？\nA. 一百元以下　B. 二百元以上一千元以下\n"
            "答案：B。未造成后果的，对个人处二百元以上一千元以下的罚款[1]。")
    assert "答案：B" in _shown(quiz, a)


def test_an_outline_timing_its_own_parts_states_no_fact():
    a = law("第三条　每年开展法治讲座不少于四场。", "第三条", 3, TITLE)
    reply = "**课程大纲：法治讲座怎么办（45分钟）**\n一、规定要求（15分钟）\n1. 每年开展法治讲座不少于四场[1]。"
    shown = _shown(reply, a)
    assert "45分钟" in shown and "15分钟" in shown
    assert "不少于四场" not in _shown("二、每年开展法治讲座不少于六场（10分钟）[1]。", a)


def test_leaving_out_one_member_of_a_coordination_is_not_a_dropped_qualifier():
    passage = ["开采本办法第二十条规定以外的零星分散的矿产资源和只能用作普通建筑材料的砂、石，由县级主管部门审批。"]
    assert not qualifier_dropped("开采只能用作普通建筑材料的砂、石，由县级主管部门审批", passage)
    assert qualifier_dropped("开采零星分散的矿产资源和只能用作普通建筑材料的砂、石，由县级主管部门审批", passage)


def test_a_dropped_majority_widens_who_may_invoke_the_rule():
    passage = ["多数被征地的农村集体经济组织成员认为补偿方案不符合规定的，县级人民政府应当组织听证。"]
    assert qualifier_dropped("被征地的农村集体经济组织成员认为补偿方案不符合规定的，县级人民政府应当组织听证", passage)
    assert not qualifier_dropped("多数被征地的农村集体经济组织成员认为补偿方案不符合规定的，县级人民政府应当组织听证",
                                 passage)


def test_an_acting_body_replaced_by_another_kind_of_body():
    passage = ["被征收人逾期不搬迁的，由作出房屋征收决定的市、县级人民政府依法申请人民法院强制执行。"]
    assert actor_swapped("被征收人逾期不搬迁的，由房屋征收部门依法申请人民法院强制执行", passage)
    assert not actor_swapped("被征收人逾期不搬迁的，由作出房屋征收决定的县级人民政府依法申请人民法院强制执行", passage)
    # 机关 / 部门 are one another's paraphrase: not judged here
    assert not actor_swapped("由作出决定的行政部门申请强制执行", ["由作出决定的行政机关申请强制执行。"])


def test_an_absolute_word_added_where_the_passage_makes_an_exception():
    passage = ["行政机关依申请提供政府信息，不收取费用。", "但是，申请数量明显超过合理范围的，可以收取信息处理费。"]
    assert absolute_added("行政机关依申请提供政府信息，一律不收取费用", passage)
    assert not absolute_added("行政机关依申请提供政府信息，不收取费用", passage)
    assert not absolute_added("行政机关依申请提供政府信息，一律不收取费用", passage[:1])  # no exception: true


def test_a_back_reference_to_the_preceding_items_is_not_a_figure():
    assert facts.figures("山区每户不超过200平方米，但占用耕地的按前两项执行") == {(200, "平方米")}


def test_a_framed_quotation_of_its_passage_names_the_point_in_the_passage_words():
    old = law("第九条　公民认为具体行政行为侵犯其合法权益的，可以自知道该具体行政行为之日起六十日内提出申请。",
              "第九条", 9, TITLE)
    new = law("第二十条　公民认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起六十日内提出申请。",
              "第二十条", 20, TITLE)
    other = law("第二十一条　公民提出申请的期限为六十日。", "第二十一条", 21, TITLE)
    shown = _shown("与旧版相比，旧法的起算点是“自知道该具体行政行为之日起”[1]。", old, new, other)
    assert "旧法的起算点" in shown
