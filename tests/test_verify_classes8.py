"""Classes the fifteenth and sixteenth independent case sets showed, each on short texts written here: a quiz stem
with its kind in brackets instead of a blank, a numbered quiz title (题1（单选）：), a trainer's outline timing its
parts, a dropped member of a coordination, a dropped 多数, an acting body replaced by another kind of body, 一律 added
where the passage makes an exception, a back-reference (按前两项执行) read as a figure, a framed quotation."""
from __future__ import annotations

from app.answer.verify import Verifier, facts
from app.answer.verify.conditions import absolute_added, qualifier_dropped
from app.answer.verify.parties import actor_swapped
from tests.test_verify import law, report

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


# --- classes of the seventeenth and eighteenth sets -------------------------------------------------------

def test_a_figure_replaced_in_a_statement_restated_word_for_word():
    from app.answer.verify.anchor import figure_replaced
    passage = ["完成耕地保护面积43.3万亩，超保护目标1.3万亩；", "永久基本农田划定37.22万亩，超保护目标0.02万亩。"]
    assert figure_replaced("永久基本农田划定37.22万亩，超保护目标1.3万亩", passage)
    assert not figure_replaced("永久基本农田划定37.22万亩，超保护目标0.02万亩", passage)
    tiers = ["死亡30人以上的为特大型；", "死亡10人以上30人以下的为大型。"]  # one wording, two tiers: both stand
    assert not figure_replaced("死亡10人以上30人以下的为大型", tiers)


def test_the_party_on_the_other_side_named_for_the_one_the_passage_names():
    from app.answer.verify.parties import party_flipped
    passage = ["被申请人应当自收到申请书副本之日起五日内，提出书面答复。"]
    assert party_flipped("申请人应当自收到申请书副本之日起五日内提出书面答复", passage)
    assert not party_flipped("被申请人应当自收到申请书副本之日起五日内提出书面答复", passage)


def test_a_duty_restated_as_a_discretion():
    from app.answer.verify.conditions import modal_changed
    passage = [facts.plain("被许可人以欺骗、贿赂等不正当手段取得行政许可的，应当予以撤销。")]  # sentences come plain
    assert modal_changed("被许可人以欺骗、贿赂等不正当手段取得行政许可的，可以予以撤销", passage)
    both = passage + [facts.plain("有下列情形之一的，作出行政许可决定的行政机关可以予以撤销。")]
    assert not modal_changed("被许可人以欺骗、贿赂等不正当手段取得行政许可的，可以予以撤销", both)


def test_a_prohibition_where_the_passage_permits():
    from app.answer.verify.polarity import prohibits_what_is_permitted
    passage = ["地方性法规可以根据环境保护的实际需要，增加按日连续处罚的违法行为的种类。"]
    claim = "地方性法规不得增加按日连续处罚的违法行为种类"
    assert prohibits_what_is_permitted(["地方性法规", "增加", "种类"], claim, passage)
    excepted = ["除按照下列规定可以转让外，探矿权、采矿权不得转让。"]
    assert not prohibits_what_is_permitted(["转让"], "探矿权、采矿权不得转让", excepted)
    # 不能 often only describes a situation (暂时不能转为采矿权的): not a prohibition the claim states
    assert not prohibits_what_is_permitted(["转为"], "暂时不能转为采矿权的，可以申请保留", ["可以转为采矿权。"])


def test_items_under_a_prohibiting_lead_in_are_read_with_it():
    a = law("第十九条　在地质灾害危险区内，禁止爆破、削坡、进行工程建设。", "第十九条", 19, TITLE)
    shown = _shown("在危险区内禁止以下活动[1]：\n- 爆破；\n- 削坡；\n- 进行工程建设。", a)
    assert "爆破" in shown and "削坡" in shown


def test_a_sentence_citing_for_itself_ends_the_list_before_it():
    a = law("第二十七条　从事测绘活动的单位应当具备下列条件：\n（一）有法人资格；\n（二）有专业技术人员。", "第二十七条", 27,
            TITLE)
    b = law("第五十五条　未取得测绘资质证书，擅自从事测绘活动的，责令停止违法行为，并处测绘约定报酬一倍以上二倍以下的罚款；"
            "情节严重的，没收测绘工具。", "第五十五条", 55, TITLE)
    c = law("第二十九条　测绘单位不得超越资质等级许可的范围从事测绘活动。", "第二十九条", 29, TITLE)
    reply = ("测绘单位应当具备下列条件[1]：\n1. 有法人资格；\n2. 有专业技术人员。\n测绘单位不得超越资质等级许可的范围从事测绘活动[3]。"
             "未取得测绘资质证书擅自从事测绘活动的，并处测绘约定报酬一倍以上二倍以下的罚款；情节严重的，没收测绘工具[2]。")
    assert "一倍以上二倍以下" in _shown(reply, a, b, c)


def test_the_corpus_misprint_of_one_as_a_letter():
    assert facts.figures("对个人处l万元以上5万元以下的罚款") == {(10000, "元"), (50000, "元")}


def test_a_fill_in_answer_in_brackets_completes_its_stem():
    a = law("第六十四条　除涉及国家秘密、商业秘密或者个人隐私依法予以保密外，听证公开举行。当事人不承担听证的费用。", "第六十四条",
            64, TITLE)
    shown = _shown("1. 当事人____承担听证的费用。（答案：不）[1]\n2. 听证一律____举行。（答案：公开）[1]", a)
    assert "（答案：不）" in shown and "一律" not in shown


def test_a_wrong_article_in_brackets_goes_and_the_rule_stays():
    a = law("第二十八条　有下列情形之一的，行政机关应当及时作出解除扣押决定：\n（一）当事人没有违法行为；\n（二）扣押期限已经届满。",
            "第二十八条", 28, TITLE)
    shown = _shown("3. 应当解除的情形（第二十七条）：当事人没有违法行为；扣押期限已经届满[1]。", a)
    assert "第二十七条" not in shown and "当事人没有违法行为" in shown


def test_a_shortened_government_is_the_same_body():
    a = law("第十七条　市、县级人民政府应当制定补助和奖励办法，对被征收人给予补助和奖励。", "第十七条", 17, TITLE)
    assert "补助和奖励" in _shown("市、县政府还应当对被征收人给予补助和奖励[1]。", a)


def test_a_table_cell_is_held_to_the_passage_it_cites():
    a = law("第五十三条　涉及款额三千元以下的，可以适用简易程序。", "第五十三条", 53, TITLE)
    b = law("第八十二条　案件涉及款额二千元以下的，可以适用简易程序。", "第八十二条", 82, TITLE)
    shown = _shown("| 项目 | 复议 | 诉讼 |\n|---|---|---|\n| 涉及款额 | 三千元以下[1] | 三千元以下[2] |", a, b)
    assert "| 涉及款额 | 三千元以下[1] | — |" in shown


def test_a_cell_of_two_statements_places_each_on_its_own():
    from app.answer.verify.placement import row_figures_apart
    passage = ["并处矿产品市场价值三倍以上五倍以下罚款；没有采出矿产品的，并处十万元以上一百万元以下罚款。"]
    row = "| 罚款 | 并处矿产品市场价值三倍以上五倍以下罚款；没有采出矿产品的，并处十万元以上一百万元以下罚款 |"
    assert not row_figures_apart(row, passage)


def test_a_qualifier_left_out_with_the_verb_put_in_other_words():
    passage = ["采伐自然保护区以外的竹林，不需要申请采伐许可证。"]
    assert qualifier_dropped("砍竹林不需要申请采伐许可证", passage)
    other = ["除前款规定以外的行政复议案件，当事人各方同意适用简易程序的，可以适用简易程序。"]
    assert not qualifier_dropped("其他案件当事人各方同意的，也可以适用简易程序", other)


# --- classes of the nineteenth and twentieth sets ---------------------------------------------------------

def test_a_table_cell_naming_another_body_than_its_own_passage():
    old = law("第三十一条　情况复杂的，经行政复议机关的负责人批准，可以适当延长，但是延长期限最多不超过三十日。", "第三十一条",
              31, TITLE)
    new = law("第六十二条　情况复杂的，经行政复议机构的负责人批准，可以适当延长；但是延长期限最多不得超过三十日。", "第六十二条",
              62, TITLE)
    row = "| 事项 | 旧法 | 新法 |\n|---|---|---|\n| 延长 | 经行政复议机关的负责人批准，最多三十日[1] | 经行政复议机关的负责人批准，最多三十日[2] |"
    assert "| 延长 | 经行政复议机关的负责人批准，最多三十日[1] | — |" in _shown(row, old, new)


def test_a_third_party_is_not_a_count():
    assert facts.figures("增加第三人可以申请停止执行") == set()


def test_a_discretionary_fine_stated_as_mandatory():
    from app.answer.verify.conditions import discretion_changed
    passage = [facts.plain("滥伐林木的，责令限期补种，可以处滥伐林木价值三倍以上五倍以下的罚款。")]
    assert discretion_changed("滥伐林木的，必须处滥伐林木价值三倍以上五倍以下的罚款", passage)
    assert not discretion_changed("滥伐林木的，可以处滥伐林木价值三倍以上五倍以下的罚款", passage)


def test_directly_where_the_passage_allows_the_act_only_after_conditions():
    passage = [facts.plain("但是，当事人经催告仍不履行的，已经采取扣押措施的行政机关，可以将扣押的财物依法拍卖抵缴罚款。")]
    assert absolute_added("已经扣押的，可以直接将扣押的财物依法拍卖抵缴罚款", passage)


def test_a_consequence_given_to_a_party_of_the_condition():
    from app.answer.verify.parties import consequence_moved
    passage = [facts.plain("受行政机关委托的组织或者个人在行使受委托的行政权力时侵犯合法权益造成损害的，委托的行政机关为赔偿义务机关。")]
    wrong = "受行政机关委托的组织或者个人在行使受委托的行政权力时造成损害的，由该受委托的组织承担赔偿义务"
    assert consequence_moved(wrong, passage)
    assert not consequence_moved("受行政机关委托的组织或者个人在行使受委托的行政权力时造成损害的，委托的行政机关为赔偿义务机关",
                                 passage)


def test_a_sentence_without_a_subject_acts_under_its_articles_first():
    a = law("第二十六条　需要征收土地，县级以上地方人民政府认为符合规定的，应当发布征收土地预公告。\n"
            "征收土地预公告应当在拟征收土地所在的乡（镇）和村、村民小组范围内发布，预公告时间不少于十个工作日。", "第二十六条", 26,
            TITLE)
    reply = "县级以上地方人民政府应当在拟征收土地所在的乡（镇）和村、村民小组范围内发布预公告，预公告时间不少于十个工作日[1]。"
    assert "十个工作日" in _shown(reply, a)


def test_excusing_what_a_duty_governs_several_clauses_later():
    from app.answer.verify.duties import obligation_denied
    s = [facts.plain("进行验收，应当邀请有关专家进行现场踏勘，核实复垦后的土地类型，并将初步验收结果公告，听取相关权利人的意见。")]
    assert obligation_denied("初步验收结果无需公告", s)
    assert not obligation_denied("初步验收结果无需公告", [facts.plain("进行验收，可以将初步验收结果公告。")])


# --- classes of the twenty-first and twenty-second sets ---------------------------------------------------

def test_a_duty_changed_inside_a_list_lead_in_the_claim_joined_to_its_items():
    from app.answer.verify.conditions import modal_changed
    passage = [facts.plain(s) for s in ("有下列情形之一的，决策机关可以组织决策后评估，并确定承担评估具体工作的单位：",
                                        "（一）重大行政决策实施后明显未达到预期效果；")]
    claim = "重大行政决策实施后明显未达到预期效果的，决策机关应当组织决策后评估，并确定承担评估具体工作的单位"
    assert modal_changed(claim, passage)


def test_a_semicolon_clause_acts_under_the_subject_before_it():
    a = law("第四十三条　行政执法机关应当在规定的期限内依法处理；在规定期限内未自行处理的，由行政执法监督机关依法予以撤销或者纠正。",
            "第四十三条", 43, TITLE)
    assert "予以撤销" in _shown("执法机关在规定期限内未自行处理的，由监督机关依法予以撤销或者纠正[1]。", a)


def test_a_cited_lead_in_names_its_lists_topic_in_its_own_words():
    a = law("第四十六条　追究行政执法机关及其行政执法人员的责任，按照下列规定进行：\n（一）对行政执法机关的行政处理，由本级人民政府决定；"
            "\n（二）对行政执法人员的处分，由任免机关决定。", "第四十六条", 46, TITLE)
    shown = _shown("追究责任的决定主体分两种情况[1]：\n1. 对行政执法机关的行政处理，由本级人民政府决定；\n"
                   "2. 对行政执法人员的处分，由任免机关决定。", a)
    assert "决定主体分两种情况" in shown


def test_a_further_condition_joined_by_bing_left_out():
    passage = [facts.plain("初次违法且危害后果轻微并及时改正的，可以不予行政处罚。")]
    assert qualifier_dropped("初次违法且危害后果轻微的，可以不予行政处罚", passage)
    assert not qualifier_dropped("初次违法且危害后果轻微并及时改正的，可以不予行政处罚", passage)


def test_a_figure_clause_opening_its_own_sentence_keeps_its_subject():
    a = law("第四十二条　行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外。", "第四十二条", 42,
            TITLE)
    shown = _shown("行政处罚应当由具有行政执法资格的执法人员实施，执法人员不得少于两人，法律另有规定的除外[1]。", a)
    assert "不得少于两人" in shown


# --- classes of the twenty-third and twenty-fourth sets ---------------------------------------------------

def test_a_claim_joining_two_sentences_names_the_second_ones_subject():
    from app.answer.verify.placement import subject_replaced
    sents = [facts.plain("行政执法机关正职负责人应当自接到报告之日起3日内作出批准移送或者不批准移送的决定。"),
             facts.plain("决定批准的，应当在24小时内向同级公安机关移送；")]
    claim = "负责人应当自接到报告之日起3日内作出批准移送或者不批准移送的决定，决定批准的，应当在24小时内向同级公安机关移送"
    assert not subject_replaced(claim, facts.content_words(claim), sents)


def test_a_table_row_under_its_figures_own_longer_clause():
    from app.answer.verify.placement import row_figure_elsewhere
    passage = ["围绕全市40.13万亩耕地、36.91万亩永久基本农田保护目标，完成耕地保护面积43.3万亩，扣除相关面积后超保护目标1.3万亩。"]
    assert not row_figure_elsewhere("| 耕地保护目标 | 40.13万亩 |", passage)


def test_a_role_some_passage_sentence_names_is_no_flipped_party():
    from app.answer.verify.parties import party_flipped
    sents = [facts.plain(s) for s in ("（一）被申请人认为需要停止执行；", "（三）申请人、第三人申请停止执行，复议机关认为其要求合理，决定停止执行；")]
    assert not party_flipped("被申请人或者复议机关认为需要停止执行，或者申请人申请停止执行的，应当停止执行", sents)


def test_a_reply_counting_its_own_points_of_comparison_states_no_figure():
    assert facts.figures("与2017年版相比有两处变化") == {(2017, "年")}
    assert facts.figures("处置3处图斑") == {(3, "处")}


def test_the_frame_of_a_version_comparison_is_not_held_to_the_passage():
    old = law("第二十一条　行政复议期间具体行政行为不停止执行；但是，有下列情形之一的，可以停止执行。", "第二十一条", 21, TITLE)
    shown = _shown("与旧版相比，旧法对上述情形的表述是“可以停止执行”[1]。", old)
    assert "可以停止执行" in shown


def test_one_wrong_clause_goes_and_the_rest_of_its_sentence_stays():
    a = report("接待来访群众42批172人次，办结各类信访件52宗，处理行政复议、诉讼案件13件。", "二、（一）")
    shown = _shown("2025年我局接待来访群众42批172人次，办结各类信访件42宗，处理行政复议、诉讼案件13件[1]。", a)
    assert "42宗" not in shown and "42批172人次" in shown and "13件[1]" in shown


def test_a_wrong_condition_takes_its_whole_sentence():
    a = law("第五十一条　对公民处以二百元以下罚款的，可以当场作出行政处罚决定，并填写预定格式的决定书。", "第五十一条", 51, TITLE)
    shown = _shown("对公民处以五百元以下罚款的，可以当场作出行政处罚决定，并填写预定格式的决定书[1]。", a)
    assert "当场作出" not in shown


def test_a_township_government_shortened_is_the_statutes_body():
    a = law("第四十七条　经审查符合规划的，乡、镇人民政府应当自接到申请之日起十日内核发乡村建设规划许可证。", "第四十七条", 47, TITLE)
    assert "十日内" in _shown("符合规划的，乡镇政府应当自接到申请之日起十日内核发乡村建设规划许可证[1]。", a)


def test_a_row_comparing_two_versions_keeps_both_right_cells():
    old = law("第三十一条　情况复杂，不能在规定期限内作出行政复议决定的，经行政复议机关的负责人批准，可以适当延长，"
              "并告知申请人和被申请人；但是延长期限最多不超过三十日。", "第三十一条", 31, TITLE)
    new = law("第六十二条　情况复杂，不能在规定期限内作出行政复议决定的，经行政复议机构的负责人批准，可以适当延长，"
              "并书面告知当事人；但是延长期限最多不得超过三十日。", "第六十二条", 62, TITLE)
    row = ("| 事项 | 旧法 | 新法 |\n|---|---|---|\n| 延长审批 | 经行政复议机关的负责人批准，最多延长三十日[1] | "
           "经行政复议机构的负责人批准，最多延长三十日，并书面告知当事人[2] |")
    shown = _shown(row, old, new)  # read as one claim, 机关 in one cell and 机构 in the other removed the row
    assert "机关的负责人批准，最多延长三十日[1]" in shown and "机构的负责人批准，最多延长三十日，并书面告知当事人[2]" in shown
