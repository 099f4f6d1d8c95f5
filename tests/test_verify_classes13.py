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



def test_a_but_clause_read_with_its_sentence_is_no_rival_for_its_figure():
    a = law("第五十条　持证人需要延续依法取得的许可证的有效期的，应当在该许可证有效期届满三十日前向发证的行政机关提出申请。但是，法律、"
            "法规、规章另有规定的，依照其规定。\n发证机关应当在该许可证有效期届满前作出是否准予延续的决定。", "第五十条", 50, TITLE)
    good = "需要延续许可证有效期的，应当在有效期届满30日前向发证的行政机关提出申请，法律、法规、规章另有规定的依照其规定[1]。"
    assert "届满30日前" in _shown(good, a)
    assert "届满20日前" not in _shown(good.replace("30日", "20日"), a)

def test_a_sentence_naming_a_body_only_as_its_object_keeps_the_subject_before():
    a = law("第八条　公安机关应当自接受移送的案件之日起三日内进行审查。认为依法不予立案的，应当说明理由，并书面通知移送案件的行政执法机关，"
            "相应退回案卷材料。", "第八条", 8, TITLE)
    assert "应当说明理由并相应退回案卷材料" in _shown("公安机关不予立案的，应当说明理由并相应退回案卷材料[1]。", a)
    assert "相应退回案卷材料" not in _shown("检察机关不予立案的，应当说明理由并相应退回案卷材料[1]。", a)
    # a body after 经 acts in its sentence: the approver of the sentence before is not carried into it
    b = law("第五十七条　临时使用土地的，由县级以上人民政府自然资源主管部门批准。其中，在规划区内的临时用地，在报批前，应当先经规划主管"
            "部门同意。", "第五十七条", 57, TITLE)
    assert "乡（镇）人民政府批准" not in _shown("临时用地由乡（镇）人民政府批准；在规划区内的临时用地，报批前应当先经规划主管部门同意[1]。", b)


def test_one_person_as_a_threshold_is_a_figure():
    assert (1, "人") in facts.figures("造成一人以上死亡的森林火灾")
    assert not facts.figures("一人一户")
    a = law("第三十三条　发生下列森林火灾，应当立即报告：\n（一）边界附近的森林火灾；\n（二）造成一人以上死亡或者三人以上重伤的森林火灾。",
            "第三十三条", 33, TITLE)
    reply = "发生下列森林火灾，应当立即报告[1]：\n1. 边界附近的森林火灾；\n2. 造成1人以上死亡或者3人以上重伤的森林火灾。"
    assert "造成1人以上死亡" in _shown(reply, a)
    assert "造成2人以上死亡" not in _shown(reply.replace("1人以上", "2人以上"), a)


def test_an_enforcing_body_named_by_its_role():
    a = law("第二十四条　查封、扣押清单一式二份，由当事人和行政机关分别保存。", "第二十四条", 24, TITLE)
    assert "您和执法机关各保存" in _shown("清单一式二份，您和执法机关各保存一份[1]。", a)
    assert "公安机关各保存" not in _shown("清单一式二份，您和公安机关各保存一份[1]。", a)


def test_a_bare_verdict_line_is_kept_without_a_citation_it_could_not_have():
    a = law("第三十条　机关在接到申请之日起两个月内不履行的，申请人可以起诉。", "第三十条", 30, TITLE)
    b = law("第三十一条　起诉应当提交起诉状。", "第三十一条", 31, TITLE)
    shown = _shown("可以告。\n\n机关在接到申请之日起2个月内不履行的，可以起诉[1]。", a, b)
    assert shown.startswith("可以告。\n") and "可以告[" not in shown
    # a line with a figure or a link is a claim: without a marker it goes
    assert "5000元" not in _shown("罚款5000元。\n\n机关在接到申请之日起2个月内不履行的，可以起诉[1]。", a, b)
    assert "第四十四条" not in _shown("机关在接到申请之日起2个月内不履行的，可以起诉[1]。这一规定见《示例法》第四十四条。", a, b)


def test_a_true_false_item_numbered_with_its_kind_and_explained_on_the_answer_line():
    a = law("第二十二条　因征收造成搬迁的，部门应当支付搬迁费；选择产权调换的，产权调换房屋交付前，部门应当向被征收人支付临时安置费或者提供"
            "周转用房。", "第二十二条", 22, TITLE)
    quiz = ("**题3**（判断）：选择产权调换的，在产权调换房屋交付前，被征收人只能自行解决过渡住房。\n"
            "答案：错误。产权调换房屋交付前，部门应当向被征收人支付临时安置费或者提供周转用房[1]。")
    shown = _shown(quiz, a)
    assert "只能自行解决过渡住房" in shown and "支付临时安置费或者提供周转用房" in shown
    # the explanation is still checked: a wrong one takes the item with it
    assert "30日内" not in _shown(quiz.replace("部门应当向被征收人支付", "部门应当在30日内向被征收人支付"), a)


def test_a_numbered_quiz_question_asserts_nothing():
    a = law("第二十一条　被征收人可以选择货币补偿，也可以选择房屋产权调换。", "第二十一条", 21, TITLE)
    shown = _shown("**题2**：被征收人可以选择哪些补偿方式？\n答案：可以选择货币补偿，也可以选择房屋产权调换[1]。", a)
    assert "**题2**：被征收人可以选择哪些补偿方式？" in shown


def test_an_explanation_read_in_the_case_its_stem_opens_with():
    a = law("第八条　经复议机关复议的，最初造成侵权行为的行政机关为赔偿义务机关，但复议机关的复议决定加重损害的，复议机关对加重的部分履行"
            "赔偿义务。", "第八条", 8, TITLE)
    quiz = ("2. 经复议机关复议的案件，复议决定加重了损害，加重部分由复议机关履行赔偿义务。（ ）\n"
            "   答案：√。最初造成侵权行为的行政机关为赔偿义务机关，但复议机关对加重的部分履行赔偿义务[1]。")
    assert "复议机关对加重的部分履行赔偿义务" in _shown(quiz, a)


def test_exercising_a_power_names_no_holder_of_a_right():
    assert facts.entities(["行使职权", "依法授权", "探矿权", "主管部门"]) == ["探矿权", "主管部门"]


def test_a_list_items_authority_is_named_by_its_lead_in():
    a = law("第十五条　中级人民法院管辖下列第一审行政案件：\n（一）对国务院部门或者县级以上地方人民政府所作的行政行为提起诉讼的案件；\n"
            "（二）海关处理的案件。", "第十五条", 15, TITLE)
    good = "对县级以上地方人民政府所作的行政行为提起诉讼的案件，由中级人民法院管辖第一审[1]。"
    assert "由中级人民法院管辖第一审" in _shown(good, a)
    assert "由高级人民法院管辖第一审" not in _shown(good.replace("中级", "高级"), a)
