"""Classes the seventh independent case set showed, each on short texts written here: clauses cited one by one
inside a sentence, list items run on with 、, a claim joining two figures the passage separates by a comma, a
quiz answer line with a note, a table row given its neighbour item's figure inside one clause, a discretionary
penalty stated as mandatory, a dropped 且 condition inside a ；-clause."""
from __future__ import annotations

from app.answer.verify import Verifier, facts
from app.answer.verify.claims import split_sentences
from app.answer.verify.placement import figure_misplaced, row_figure_elsewhere
from app.answer.verify.conditions import discretion_changed, qualifier_dropped
from tests.test_verify import law, report

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


# --- the eighth set -------------------------------------------------------------------------------------------


def test_one_body_named_for_another_in_a_restated_sentence():
    from app.answer.verify.parties import body_swapped

    s = [facts.plain("情况复杂的，经行政复议机构的负责人批准，可以适当延长，并书面告知当事人；")]
    assert body_swapped("情况复杂的，经行政复议机关的负责人批准，可以适当延长，并书面告知当事人", s)
    assert not body_swapped("情况复杂的，经行政复议机构的负责人批准，可以适当延长，并书面告知当事人", s)


def test_a_permission_that_needs_an_approval_stated_as_a_right():
    from app.answer.verify.conditions import approval_dropped

    s = [facts.plain("扣押的期限不得超过三十日；情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日。")]
    assert approval_dropped("如果需要，还可以再延长，但最多不超过30日", s)
    assert not approval_dropped("情况复杂的，经负责人批准可以延长，但最多不超过30日", s)
    free = s + [facts.plain("当事人可以延长履行期限。")]
    assert not approval_dropped("如果需要，还可以再延长", free)  # a passage also permits it without approval


def test_a_short_discretionary_penalty():
    s = [facts.plain("对符合规划的，没收新建的建筑物，可以并处罚款；")]
    assert discretion_changed("没收新建的建筑物，并处罚款", s)
    assert not discretion_changed("没收新建的建筑物，可以并处罚款", s)


def test_a_figure_grafted_onto_another_sentences_subject():
    a = law("第七条　铁路线路占用耕地，减按每平方米二元的税额征收耕地占用税。\n"
            "农村居民在规定用地标准以内占用耕地新建自用住宅，按照当地适用税额减半征收耕地占用税。",
            "第七条", 7, TITLE)
    wrong = "农村居民在规定用地标准以内占用耕地新建自用住宅，减按每平方米二元的税额征收耕地占用税[1]。"
    assert "二元" not in _shown(wrong, a)
    assert "二元" in _shown("铁路线路占用耕地，减按每平方米二元的税额征收耕地占用税[1]。", a)


def test_an_unmarked_semicolon_clause_takes_the_marker_after_it_and_is_checked_alone():
    a = law("第六十四条　听证应当依照以下程序组织：\n（一）当事人要求听证的，应当在行政机关告知后五日内提出；\n"
            "（二）行政机关应当在举行听证的七日前，通知当事人听证的时间、地点。", "第六十四条", 64, TITLE)
    shown = _shown("当事人要求听证的，应当在告知后七日内提出；行政机关应当在举行听证的七日前，通知当事人听证的时间、地点[1]。", a)
    assert "告知后七日内" not in shown and "举行听证的七日前" in shown


def test_a_negation_of_another_object_is_no_dropped_negation():
    from app.answer.verify.polarity import negation_dropped

    s = [facts.plain("不属于以上情形的，应当听取信访人陈述事实和理由，并调查核实，出具信访处理意见书。")]
    claim = "如果您的事项属于需要听取陈述、调查核实并出具信访处理意见书的情形"
    assert not negation_dropped(facts.content_words(claim), claim, s)


def test_a_table_cell_listing_facts_one_figure_each_is_placed_fact_by_fact():
    from app.answer.verify.placement import row_figures_apart

    passage = "2. 抓实森林防火工作。召开森林防火会议4次，张贴禁火令1000余张。将森林划分为28个网格，层层压实责任。累计投入172万元，组织演练6次。"
    assert not row_figures_apart("| 森林防火 | 会议4次，禁火令1000余张，划分28个网格，投入172万元，演练6次 | [2] |", [passage])
    a = report(passage, "一、（六）2")
    assert "划分28个网格" in _shown("| 工作 | 数据 |\n|---|---|\n| 森林防火 | 召开会议4次，划分28个网格，组织演练6次 | [1] |", a)


# --- the ninth and tenth sets: quiz shapes ----------------------------------------------------------------------

QUIZ_LAW = ("第六十二条　适用普通程序审理的行政复议案件，行政复议机关应当自受理申请之日起六十日内作出行政复议决定。\n"
            "适用简易程序审理的行政复议案件，行政复议机关应当自受理申请之日起三十日内作出行政复议决定。")


def _quiz_shown(reply: str) -> str:
    return _shown(reply, law(QUIZ_LAW, "第六十二条", 62, TITLE))


def test_a_choice_item_cited_only_by_its_explanation_line_stands_with_it():
    reply = ("**单选题1**：适用简易程序的，复议机关应当自受理申请之日起（ ）内作出决定。\n"
             "A. 十日　B. 二十日　C. 三十日　D. 六十日\n答案：C\n解析：简易程序应当自受理申请之日起三十日内作出决定[1]。")
    shown = _quiz_shown(reply)
    assert "答案：C" in shown and "A. 十日" in shown
    assert "答案：D" not in _quiz_shown(reply.replace("答案：C", "答案：D"))


def test_true_false_items_with_the_verdict_in_the_stem_or_on_the_answer_line():
    true = "1. 复议机关应当自受理申请之日起六十日内作出行政复议决定。（√）[1]"
    assert "（√）" in _quiz_shown(true)
    assert "九十日" not in _quiz_shown(true.replace("六十日", "九十日"))
    false = "2. 复议机关应当自受理申请之日起九十日内作出行政复议决定。（ ）\n答案：错误。解析：应当在六十日内作出[1]。"
    assert "答案：错误" in _quiz_shown(false)  # false on purpose: only its 解析 is checked
    assert "答案：错误" not in _quiz_shown(false.replace("应当在六十日内", "应当在九十日内"))


def test_a_fill_in_item_is_its_stem_with_the_blanks_filled():
    reply = "1. 普通程序应当自受理申请之日起（　）日内作出决定，简易程序（　）日内作出决定。\n答案：六十；三十[1]"
    assert "答案：六十；三十" in _quiz_shown(reply)
    assert "答案：三十；六十" not in _quiz_shown(reply.replace("六十；三十", "三十；六十"))


def test_a_multiple_choice_answer_checks_every_chosen_option():
    reply = ("5. 复议机关作出决定的期限有（　）。\nA. 普通程序六十日内　B. 简易程序三十日内　C. 简易程序十五日内\n答案：AB[1]")
    assert "答案：AB" in _quiz_shown(reply)
    assert "答案：AC" not in _quiz_shown(reply.replace("答案：AB", "答案：AC"))


def test_a_replys_title_line_with_a_year_is_a_heading_not_an_uncited_claim():
    reply = "2025年复议期限练习题（附答案）\n\n复议机关应当自受理申请之日起六十日内作出行政复议决定[1]。"
    assert _quiz_shown(reply).startswith("2025年复议期限练习题")


def test_every_article_quoted_whole_under_its_own_citation_survives(corpus_chunks):
    """The extractive answer quotes its article verbatim: no check may remove it (a graft check once removed
    重大行政决策程序暂行条例第十五条 quoted whole, leaving an empty answer)."""
    from app.patterns import ARTICLE_LABEL

    changed = []
    for c in corpus_chunks[0][::3]:
        where = f"《{c.short_title}》{c.article}" if c.article else f"《{c.short_title}》{c.section or ''}部分"
        shown = Verifier([c]).verify(f"根据{where}规定：“{ARTICLE_LABEL.sub('', c.text).strip()}”[1]")
        if shown.notices:
            changed.append((c.title, c.article or c.section))
    assert changed == []


def test_a_verbatim_quote_under_a_wrong_article_number_or_altered_is_still_caught():
    a = law("第十五条　公开征求意见的期限一般不少于30日。", "第十五条", 15, TITLE)
    assert "30日" in _shown(f"根据《{TITLE}》第十五条规定：“公开征求意见的期限一般不少于30日。”[1]", a)
    assert "30日" not in _shown(f"根据《{TITLE}》第九条规定：“公开征求意见的期限一般不少于30日。”[1]", a)
    assert "20日" not in _shown(f"根据《{TITLE}》第十五条规定：“公开征求意见的期限一般不少于20日。”[1]", a)


# --- the eleventh and twelfth sets -------------------------------------------------------------------------------


def test_a_range_given_after_the_word_that_sets_another_range_apart():
    from app.answer.verify.placement import range_misplaced

    t = ["盗伐林木的，责令限期补种盗伐株数一倍以上五倍以下的树木。滥伐林木的，责令限期补种滥伐株数一倍以上三倍以下的树木。"]
    assert range_misplaced("滥伐林木的，责令限期补种滥伐株数一倍以上五倍以下的树木", t)
    assert not range_misplaced("滥伐林木的，责令限期补种滥伐株数一倍以上三倍以下的树木", t)


def test_a_negation_before_whose_act_it_is_and_a_word_used_otherwise_are_no_reversal():
    from app.answer.verify.polarity import reversed_meaning

    s = [facts.plain("当事人、利害关系人不承担行政机关组织听证的费用。")]
    claim = "听证费用不由当事人、利害关系人承担"
    assert not reversed_meaning(facts.content_words(claim), claim, s)
    s2 = [facts.plain("起诉复议机关不作为的，复议机关是被告。")]
    claim2 = "作为对比：复议机关决定维持原行政行为的，复议机关是共同被告"
    assert not reversed_meaning(facts.content_words(claim2), claim2, s2)
    s3 = [facts.plain("当事人在法定期限内不申请行政复议或者提起行政诉讼，又不拆除的，行政机关可以依法强制拆除。")]
    claim3 = "当事人在法定期限内申请了行政复议的，行政机关仍然可以依法强制拆除"
    assert reversed_meaning(facts.content_words(claim3), claim3, s3)


def test_a_choice_item_asking_which_is_not_checks_only_its_explanation():
    text = "第五条　下列案件可以适用简易程序：\n（一）行为是当场作出的；\n（二）案件涉及款额三千元以下。"
    a = law(text, "第五条", 5, TITLE)
    reply = ("1. 下列哪一项不属于可以适用简易程序的情形？\nA. 行为是当场作出的　B. 案件涉及款额五千元\n"
             "答案：B。案件涉及款额三千元以下的才可以适用简易程序[1]。")
    shown = _shown(reply, a)
    assert "答案：B" in shown and "B. 案件涉及款额五千元" in shown
    assert "答案：B" not in _shown(reply.replace("三千元以下的才", "一万元以下的才"), a)


def test_a_dropped_opening_condition_widens_the_rule():
    s = [facts.plain("情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日。")]
    assert qualifier_dropped("经行政机关负责人批准，可以延长，但是延长期限不得超过三十日", s)
    assert not qualifier_dropped("情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日", s)


# --- the thirteenth and fourteenth sets --------------------------------------------------------------------------


def test_a_courtesy_line_is_shown_as_written_and_never_cited():
    a = law("第十条　当事人不承担行政机关组织听证的费用。", "第十条", 10, TITLE)
    shown = Verifier([a]).verify("当事人不承担行政机关组织听证的费用[1]。\n祝您顺利。")
    assert shown.text.rstrip().endswith("祝您顺利。") and not shown.notices


def test_leaving_out_an_alternative_narrows_but_leaving_out_a_joint_party_changes_the_rule():
    from app.answer.verify.parties import joint_dropped

    s = [facts.plain("当事人及其代理人无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利；")]
    assert not qualifier_dropped("无正当理由拒不出席听证的，视为放弃听证权利", s)
    j = [facts.plain("经复议的案件，复议机关决定维持原行政行为的，作出原行政行为的行政机关和复议机关是共同被告；")]
    assert joint_dropped("经复议的案件，复议机关决定维持原行政行为的，作出原行政行为的乡政府是被告", j)
    assert not joint_dropped("经复议的案件，复议机关决定维持原行政行为的，作出原行政行为的乡政府和复议机关是共同被告", j)
