"""Classes the seventh independent case set showed, each on short texts written here: clauses cited one by one
inside a sentence, list items run on with 、, a claim joining two figures the passage separates by a comma, a
quiz answer line with a note, a table row given its neighbour item's figure inside one clause, a discretionary
penalty stated as mandatory, a dropped 且 condition inside a ；-clause."""
from __future__ import annotations

from app.answer.verify import Verifier, facts
from app.answer.verify.claims import split_sentences
from app.answer.verify.placement import figure_misplaced, row_figure_elsewhere
from app.answer.verify.polarity import discretion_changed, qualifier_dropped
from tests.test_verify import law

TITLE = "河南省示例条例"


def _shown(reply: str, *chunks) -> str:
    return Verifier(list(chunks)).verify(reply).text


def test_a_marker_before_a_comma_ends_a_claim_when_the_next_clause_is_cited_too():
    line = "期限不计入审理期限[1]，第三方应当在十日内提出意见[3]。"
    assert split_sentences(line) == ["期限不计入审理期限[1]，", "第三方应当在十日内提出意见[3]。"]
    assert split_sentences("收到申请之日起[1]，应当审查。") == ["收到申请之日起[1]，应当审查。"]  # rest uncited


def test_one_wrong_clause_does_not_take_its_cited_neighbour_with_it():
    a = law("第八条　补正材料所用时间不计入审理期限。", "第八条", 8, TITLE)
    b = law("第九条　第三方应当自收到通知之日起五个工作日内提出意见。", "第九条", 9, TITLE)
    shown = _shown("补正材料所用时间不计入审理期限[1]，第三方应当自收到通知之日起十五个工作日内提出意见[2]。", a, b)
    assert "不计入审理期限" in shown and "十五个工作日" not in shown


def test_list_items_run_on_with_commas_place_each_figure_by_its_own_item():
    text = ("第五条　下列案件可以简化办理：\n（一）行为是当场作出的；\n（二）涉及金额五百元以下；\n"
            "（三）当事人书面同意。")
    shown = _shown("下列案件可以简化办理：行为是当场作出的、涉及金额五百元以下的、当事人书面同意的[1]。",
                   law(text, "第五条", 5, TITLE))
    assert "五百元以下" in shown


def test_a_figure_right_after_another_keeps_that_figures_words_as_its_own():
    passage = ("（一）人均耕地一千平方米以下的平原地区，每户用地不得超过一百平方米；"
               "（二）人均耕地一千平方米以上的平原地区，每户用地不得超过一百五十平方米。")
    right = "人均耕地一千平方米以上的平原地区不超过一百五十平方米"
    assert not figure_misplaced(right, [passage])


def test_a_quiz_answer_line_with_a_note_stands_with_its_item_and_falls_with_a_wrong_note():
    text = "第十条　对个人处以二百元以下罚款的，可以当场作出决定；对单位处以三千元以下罚款的，同样适用。"
    a = law(text, "第十条", 10, TITLE)
    quiz = "对个人处以多少元以下罚款的，可以当场作出决定？[1]\nA. 100元　B. 200元　C. 500元\n答案：B（{}）"
    kept = _shown(quiz.format("对单位为3000元以下"), a)
    assert "答案：B" in kept and "B. 200元" in kept
    wrong = _shown(quiz.format("对单位为5000元以下"), a)
    assert "答案：B" not in wrong and "A. 100元" not in wrong


def test_a_table_row_with_its_neighbour_items_figure_inside_one_clause():
    passage = ("第七条　占用甲类用地10公顷以上的，乙类用地35公顷以上的，其他用地70公顷以上的，由省人民政府审批；"
               "低于上述面积的，由市人民政府审批。")
    assert row_figure_elsewhere("| 乙类用地 | 70公顷以上 |", [passage])
    assert not row_figure_elsewhere("| 乙类用地 | 35公顷以上 |", [passage])
    assert not row_figure_elsewhere("| 其他用地 | 70公顷以上 |", [passage])


def test_a_discretionary_penalty_stated_as_mandatory_or_the_reverse():
    may = [facts.plain("损坏林木的，责令补种一倍以上三倍以下的树木，可以并处损坏林木价值一倍以上五倍以下的罚款。")]
    assert discretion_changed("并处损坏林木价值一倍以上五倍以下的罚款", may)
    assert not discretion_changed("可以并处损坏林木价值一倍以上五倍以下的罚款", may)
    must = [facts.plain("盗伐林木的，并处盗伐林木价值五倍以上十倍以下的罚款。")]
    assert discretion_changed("可以并处盗伐林木价值五倍以上十倍以下的罚款", must)
    assert not discretion_changed("并处盗伐林木价值五倍以上十倍以下的罚款", must)


def test_a_dropped_further_condition_inside_one_clause_of_several():
    sentences = [facts.plain(s) for s in ("违法行为在二年内未被发现的，不再给予处罚；", "涉及公共安全且有危害后果的，上述期限延长至五年。")]
    claim = "违法行为在二年内未被发现的，不再给予处罚；涉及公共安全的，上述期限延长至五年。"
    assert qualifier_dropped(claim, sentences)
    assert not qualifier_dropped("违法行为在二年内未被发现的，不再给予处罚；涉及公共安全且有危害后果的，上述期限延长至五年。",
                                 sentences)
