"""Classes the forty-third to forty-sixth independent case sets showed, each on short texts written here (no
corpus text): what a good reply says and must keep, beside the mistake of the same shape that must go."""
from __future__ import annotations

from app.answer.verify import Verifier, facts
from app.answer.verify.claims import Kind, parse
from app.answer.verify.tables import headed
from app.answer.verify.conditions import qualifier_dropped
from app.answer.verify.starts import start_changed
from tests.test_verify import law

TITLE = "河南省示例条例"


def _shown(reply: str, *chunks) -> str:
    return Verifier(list(chunks)).verify(reply).text


def test_a_further_condition_after_a_comma_may_not_be_dropped():
    passage = [facts.plain("经催告，当事人逾期仍不履行行政决定，且无正当理由的，行政机关可以作出强制执行决定。")]
    assert qualifier_dropped("经催告，当事人逾期仍不履行行政决定的，行政机关可以作出强制执行决定", passage)
    assert not qualifier_dropped("经催告，当事人逾期仍不履行行政决定，且无正当理由的，行政机关可以作出强制执行决定",
                                 passage)


def test_a_figure_may_keep_the_words_of_the_clause_before_it_in_the_passage():
    a = law("第十二条　行政机关应当自受理申请之日起二十日内作出决定。二十日内不能作出决定的，经本行政机关负责人批准，"
            "可以延长十日。\n统一办理的，办理的时间不得超过四十五日；四十五日内不能办结的，经本级人民政府负责人批准，"
            "可以延长十五日。", "第十二条", 12, TITLE)
    good = "二十日内不能作出的，经本行政机关负责人批准可延长10日[1]。"
    assert "可延长10日" in _shown(good, a)
    assert "可延长15日" not in _shown(good.replace("10日", "15日"), a)


def test_an_items_own_label_is_not_a_word_of_the_list():
    a = law("第八条　申请公开的信息会损害第三方合法权益的，行政机关应当书面征求第三方的意见。第三方应当自收到征求意见书"
            "之日起十五个工作日内提出意见。", "第八条", 8, TITLE)
    b = law("第九条　行政机关告知申请人获取信息的方式。", "第九条", 9, TITLE)
    reply = "涉及第三方的，要求如下[1]：\n- 征求方式：会损害第三方合法权益的，行政机关应当书面征求第三方的意见。\n" \
            "- 答复期限：第三方应当自收到征求意见书之日起15个工作日内提出意见。"
    assert "书面征求第三方的意见" in _shown(reply, a, b)
    assert "15日内" not in _shown(reply.replace("15个工作日", "15日"), a, b)


def test_a_wrong_clause_is_cut_from_a_sentence_its_paragraphs_marker_cites():
    a = law("第四十二条　违反第四项规定，未造成火灾事故的，由森林防火人员当场责令改正，对个人并处以二百元以上一千元以下的"
            "罚款，对单位并处以五千元以上二万元以下的罚款；造成森林火灾的，依照有关法律法规处罚。", "第四十二条", 42, TITLE)
    reply = "违反该项规定、未造成火灾事故的，由森林防火人员当场责令改正，对个人并处以三百元以上三千元以下的罚款，" \
            "对单位并处以五千元以上二万元以下的罚款；造成森林火灾的，依照有关法律法规处罚[1]。"
    shown = _shown(reply, a)
    assert "三百元" not in shown
    assert "对单位并处以五千元以上二万元以下的罚款" in shown and "当场责令改正" in shown


def test_an_ordinal_year_is_no_amount():
    assert facts.figures("每年11月1日到第二年4月30日") == facts.figures("每年11月1日到次年4月30日")


def test_a_reference_to_its_own_laws_article_may_be_restated_with_the_title():
    a = law("第三十四条　对本条例第三十一条第六项规定的信访事项应当自受理之日起60日内办结。", "第三十四条", 34, TITLE)
    good = f"对《{TITLE}》第三十一条第六项规定的信访事项，应当自受理之日起60日内办结[1]。"
    assert "60日内办结" in _shown(good, a)
    # naming that article as where the rule stands is citing it, which this passage does not support
    assert f"见《{TITLE}》第三十一条" not in _shown(f"上述办结期限规定见《{TITLE}》第三十一条[1]。", a)


def test_a_figure_only_cell_is_read_with_its_row_less_the_cells_with_figures_of_their_own():
    a = law("第十二条　行政机关应当自受理申请之日起二十日内作出决定。\n统一办理的，办理的时间不得超过四十五日；"
            "四十五日内不能办结的，经本级人民政府负责人批准，可以延长十五日。", "第十二条", 12, TITLE)
    head = "期限如下[1]：\n| 情形 | 期限 | 可延长 | 延长须经 |\n|---|---|---|---|\n"
    good = head + "| 统一办理 | 办理时间不得超过45日 | 15日 | 本级人民政府负责人批准 |"
    assert "| 15日 |" in _shown(good, a)
    assert "20日 | 本级" not in _shown(good.replace("| 15日 |", "| 20日 |"), a)


def test_a_comparison_row_is_read_under_the_parties_its_columns_name():
    assert headed("续期 | 可以续期 | 可以续期", "| 项目 | 探矿权 | 采矿权 |") == "续期 | 探矿权可以续期 | 采矿权可以续期"
    assert headed("统一办理 | 45日 | 15日", "| 情形 | 期限 | 可延长 |") == "统一办理 | 45日 | 15日"
    a = law("第二十四条　探矿权的期限为五年。探矿权期限届满，可以续期，续期最多不超过三次，每次期限为五年。\n"
            "采矿权的期限最长不超过三十年。采矿权期限届满，仍有可供开采的矿产资源的，可以续期。", "第二十四条", 24, TITLE)
    head = "对比如下[1]：\n| 项目 | 探矿权 | 采矿权 |\n|---|---|---|\n"
    # a bare 5年 beside 最长不超过30年 is placed only once the cells are read as 探矿权's and 采矿权's
    assert "| 5年 | 最长不超过30年 |" in _shown(head + "| 期限 | 5年 | 最长不超过30年 |", a)
    assert "30年 | 最长不超过5年" not in _shown(head + "| 期限 | 30年 | 最长不超过5年 |", a)


def test_a_time_limit_counts_from_the_event_its_passage_counts_it_from():
    passage = ["可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请。"]
    assert start_changed("应当自受理申请之日起60日内作出行政复议决定", passage)
    assert not start_changed("自知道该行政行为之日起60日内提出申请", passage)
    assert not start_changed("自受理申请之日起30日内作出决定", passage)  # a figure the passage does not frame


def test_an_unmarked_row_cites_the_markers_of_its_head_row():
    a = law("第十四条　北山范围内的其他区域为三类保护区。", "第十四条", 14, TITLE)
    b = law("第十五条　三类保护区内应当以增加绿化面积为主，适度发展生态旅游。", "第十五条", 15, TITLE)
    reply = "各类保护区对比如下[1]：\n| 类别 | 范围[1] | 管控要求[2] |\n|---|---|---|\n" \
            "| 三类保护区 | 北山范围内的其他区域 | 以增加绿化面积为主，适度发展生态旅游 |"
    assert [u.scope for u in parse(reply) if u.kind is Kind.ROW] == [(1, 2)]
    assert "增加绿化面积" in _shown(reply, a, b)
    assert "增加绿化面积" not in _shown(reply, a)  # with the second column's passage missing, the row goes


def test_a_step_chain_is_read_step_by_step():
    a = law("第六十四条　当事人要求听证的，应当在行政机关告知后五日内提出；行政机关应当在举行听证的七日前，通知当事人"
            "听证的时间、地点；听证由行政机关指定的非本案调查人员主持；举行听证时，调查人员提出当事人违法的事实、证据和"
            "行政处罚建议，当事人进行申辩和质证。", "第六十四条", 64, "中华人民共和国行政处罚法")
    lead = "程序链条[1]：\n"
    good = lead + "当事人在告知后5日内提出—机关在听证7日前通知时间、地点—由行政机关指定的非本案调查人员主持—调查人员提出" \
                  "事实、证据和处罚建议，当事人申辩和质证。"
    shown = _shown(good, a)
    assert "告知后5日内提出" in shown and "7日前通知" in shown and "非本案调查人员主持" in shown
    shown = _shown(good.replace("非本案", "本案"), a)
    assert "指定的本案调查人员主持" not in shown
    assert "告知后5日内提出" in shown and "7日前通知" in shown


def test_a_marker_no_passage_answers_to_is_removed_wherever_it_was_inherited_from():
    a = law("第十四条　北山范围内的其他区域为三类保护区。", "第十四条", 14, TITLE)
    for reply in ("要求如下[9]：\n- 北山范围内的其他区域为三类保护区", "北山范围内的其他区域为三类保护区。其他区域也是[9]。",
                  "| 类别 | 范围[9] |\n|---|---|\n| 三类保护区 | 北山范围内的其他区域 |"):
        shown = Verifier([a]).verify(reply)  # once an IndexError
        assert "三类保护区" not in shown.text and shown.removed


def test_spoken_deixis_is_no_content_word():
    assert "咱们" not in facts.content_words("咱们这儿对森林防火抓得很紧")
    assert "森林" in facts.content_words("咱们这儿对森林防火抓得很紧")


def test_an_absence_line_may_name_the_title_the_passages_lack():
    from app.answer.verify.claims import is_exempt
    assert is_exempt("关于《法治政府建设实施纲要（2021—2025年）》的主要目标，资料中没有相关内容，提供的段落未收录纲要原文。")
    assert not is_exempt("关于《纲要》的目标，资料中没有相关内容，但规定了2025年完成。")  # that tail states a fact


def test_a_party_cell_is_placed_with_its_rows_label_not_the_other_partys_cell():
    a = law("第二十四条　探矿权的期限为五年。探矿权期限届满，可以续期，续期最多不超过三次，每次期限为五年。\n"
            "采矿权的期限结合矿产资源储量和矿山建设规模确定，最长不超过三十年。", "第二十四条", 24, TITLE)
    head = "对比如下：\n| 对比项 | 探矿权 | 采矿权 |\n|---|---|---|\n"
    assert "| 5年 |" in _shown(head + "| 期限[1] | 5年 | 结合矿产资源储量和矿山建设规模确定，最长不超过30年 |", a)


def test_columns_citing_apart_mark_and_judge_each_cell_by_its_own_column():
    a = law("第四十四条　未造成火灾事故的，对个人并处三百元以上三千元以下罚款。", "第四十四条", 44, "河南省示例防火条例")
    b = law("第四十二条　未造成火灾事故的，对个人并处以二百元以上一千元以下的罚款。", "第四十二条", 42, "焦作市示例条例")
    head = "对比如下：\n| 对比项 | 《河南省示例防火条例》[1] | 《焦作市示例条例》[2] |\n|---|---|---|\n"
    shown = _shown(head + "| 个人罚款 | 300元以上3000元以下 | 200元以上1000元以下 |", a, b)
    assert "300元以上3000元以下[1]" in shown and "200元以上1000元以下[2]" in shown
    swapped = _shown(head + "| 个人罚款 | 200元以上1000元以下 | 300元以上3000元以下 |", a, b)
    assert "200元以上1000元以下[1]" not in swapped and "300元以上3000元以下[2]" not in swapped


def test_reporting_as_a_duty_is_a_content_word():
    a = law("第二十四条　探矿权人应当按照探矿权出让合同的约定及时开展勘查工作，并每年向原矿业权出让部门报告有关情况。",
            "第二十四条", 24, TITLE)
    b = law("第二十五条　原矿业权出让部门应当与该探矿权人签订采矿权出让合同，设立采矿权。", "第二十五条", 25, TITLE)
    assert "报告" in facts.content_words("每年向原矿业权出让部门报告有关情况")
    shown = _shown("采矿权人应当每年向原矿业权出让部门报告有关情况[1]。", a, b)
    assert "采矿权人应当每年" not in shown and "[2]" not in shown  # not re-pointed to a passage that says no such thing
    assert "每年向原矿业权出让部门报告" in _shown("探矿权人应当每年向原矿业权出让部门报告有关情况[1]。", a, b)


def test_a_stage_swap_that_opens_the_clause_is_caught():
    from app.answer.verify.parties import mining_stage_swapped
    passage = [facts.plain("探矿权人在登记的勘查区域内，享有勘查有关矿产资源并依法取得采矿权的权利。")]
    assert mining_stage_swapped("采矿权人在登记的勘查区域内，享有勘查有关矿产资源并依法取得采矿权的权利", passage)
    assert not mining_stage_swapped("探矿权人在登记的勘查区域内，享有勘查有关矿产资源并依法取得采矿权的权利", passage)


def test_a_figure_follows_the_figure_its_passage_puts_before_it():
    from app.answer.verify.succession import successor_replaced
    passage = ["完成耕地保护面积43.3万亩，扣除相关面积后超保护目标1.3万亩；永久基本农田核实处置划定37.22万亩，超保护目标0.02万亩。"]
    assert successor_replaced("永久基本农田核实处置划定37.22万亩，超保护目标1.3万亩", passage)
    assert not successor_replaced("永久基本农田核实处置划定37.22万亩，超保护目标0.02万亩", passage)
    assert not successor_replaced("完成耕地保护面积43.3万亩，超保护目标1.3万亩", passage)


def test_heads_the_passage_uses_to_tell_cases_apart_place_the_cells():
    a = law("第六十二条　适用普通程序审理的行政复议案件，行政复议机关应当自受理申请之日起六十日内作出行政复议决定。"
            "适用简易程序审理的行政复议案件，行政复议机关应当自受理申请之日起三十日内作出行政复议决定。",
            "第六十二条", 62)
    head = "| 事项 | 普通程序 | 简易程序 |\n|---|---|---|\n"
    assert "60日内" in _shown(head + "| 作出行政复议决定 | 受理之日起60日内[1] | 受理之日起30日内[1] |", a)
    assert "30日内[1] | 受理之日起60日内" not in _shown(
        head + "| 作出行政复议决定 | 受理之日起30日内[1] | 受理之日起60日内[1] |", a)


def test_a_count_of_the_claims_own_list_needs_no_figure_in_the_passage():
    a = law("第二十条　保证金遵循企业所有、政府监管、专户储存、专款专用的原则。", "第二十条", 20, TITLE)
    assert "专款专用" in _shown("四项原则：「企业所有、政府监管、专户储存、专款专用」[1]。", a)
    assert "专款专用" not in _shown("三项原则：「企业所有、政府监管、专户储存、专款专用」[1]。", a)


def test_the_spoken_negation_mei_reads_as_wei_and_moshou_is_no_negation():
    a = law("第二十四条　行政执法人员应当主动出示行政执法证。未出示行政执法证的，当事人有权拒绝。", "第二十四条", 24, TITLE)
    assert "有权拒绝" in _shown("没出示行政执法证的，当事人有权拒绝[1]。", a)
    assert "有权拒绝" not in _shown("出示行政执法证的，当事人有权拒绝[1]。", a)
    assert not facts.negated_at("并处没收违法所得", 4, wide=True)


def test_a_dropped_bufen_states_of_all_what_the_passage_says_of_some():
    passage = [facts.plain("执法规范化水平仍需提升。"), facts.plain("部分行政处罚案件存在程序瑕疵、法律法规适用不准确等问题，案件败诉率偏高。")]
    assert qualifier_dropped("行政处罚案件存在程序瑕疵、法律法规适用不准确等问题", passage)
    assert not qualifier_dropped("部分行政处罚案件存在程序瑕疵、法律法规适用不准确等问题", passage)
    assert not qualifier_dropped("有些行政处罚案件存在程序瑕疵、法律法规适用不准确等问题", passage)


def test_a_body_swap_the_matcher_splits_round_a_shared_character_is_caught():
    from app.answer.verify.parties import body_swapped
    passage = [facts.plain("二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日。")]
    assert body_swapped("20日内不能作出决定的，经本级人民政府负责人批准，可以延长10日", passage)
    assert not body_swapped("20日内不能作出决定的，经本行政机关负责人批准，可以延长10日", passage)


def test_a_clause_restated_with_the_department_of_another_clause_is_caught():
    a = law("第四十二条　非法开采矿产资源的，由地质矿产主管部门责令停止开采，并处罚款。\n毁林采石、采砂、取土的，由林业主管部门"
            "责令限期改正，没收违法所得。", "第四十二条", 42, TITLE)
    assert "林业主管部门责令限期改正" in _shown("毁林采石、采砂的，由林业主管部门责令限期改正，没收违法所得[1]。", a)
    assert "责令限期改正" not in _shown("毁林采石、采砂的，由地质矿产主管部门责令限期改正，没收违法所得[1]。", a)


def test_a_two_character_shortening_of_a_passage_phrase_is_no_word_from_elsewhere():
    from app.answer.verify import Verifier as V
    a = law("第七条　法律、法规授权的组织在行使授予的行政权力时侵犯公民、法人和其他组织的合法权益造成损害的，被授权的组织为"
            "赔偿义务机关。\n受行政机关委托的组织在行使受委托的行政权力时侵犯公民的合法权益造成损害的，委托的行政机关为赔偿义务"
            "机关。", "第七条", 7, TITLE)
    b = law("第八条　经复议机关复议的，最初造成侵权行为的行政机关为赔偿义务机关。", "第八条", 8, TITLE)
    reply = "赔偿义务机关按以下情形确定[1]：\n- 法律、法规授权的组织在行使授予的行政权力时侵权的，被授权的组织为赔偿义务机关；\n" \
            "- 受行政机关委托的组织在行使受委托的行政权力时侵权的，委托的行政机关为赔偿义务机关。"
    shown = V([a, b]).verify(reply).text
    assert "被授权的组织为赔偿义务机关" in shown and "委托的行政机关为赔偿义务机关" in shown
