"""Classes the seventeenth session's case sets showed, each on short texts written here (no corpus text): what a
good reply says and must keep, beside the mistake of the same shape that must go."""
from __future__ import annotations

from app.answer.verify import Verifier, facts
from app.answer.verify.conditions import qualifier_dropped
from app.answer.verify.succession import tier_figure_swapped
from app.answer.verify.tables import headed
from tests.test_verify import law


def _plain(*texts: str) -> list[str]:
    return [facts.plain(t) for t in texts]


def _shown(reply: str, article_text: str, article: str, no: int, title: str) -> str:
    """What a reader is shown of `reply` cited to one article."""
    return Verifier([law(article_text, article, no, title)]).verify(reply).text


def test_the_place_a_duty_holds_in_may_not_be_dropped():
    s = _plain("在泥石流易发区内修建道路应当事先进行稳定性论证，并报县级人民政府备案。")
    assert qualifier_dropped("修建道路应当事先进行稳定性论证，并报县级人民政府备案", s)
    assert not qualifier_dropped("在泥石流易发区内修建道路应当事先进行稳定性论证，并报县级人民政府备案", s)
    # the asker's own jurisdiction narrows nothing a reader would miss
    own = _plain("在本行政区域内修建道路应当事先进行稳定性论证，并报县级人民政府备案。")
    assert not qualifier_dropped("修建道路应当事先进行稳定性论证，并报县级人民政府备案", own)


def test_an_empty_cell_takes_no_column_head():
    row = headed("| 中止 | 保留期间，期限中止计算 | — |", "| 项目 | 勘查权 | 开采权 |")
    assert "开采权" not in row and "勘查权保留期间" in row


def test_a_column_head_run_into_a_cell_is_no_enumeration():
    reply = ("| 项目 | 采砂许可 | 取水许可 |\n|---|---|---|\n"
             "| 延续 | 可以延续[1] | 可以延续[1] |\n| 例外 | 法律、行政法规另有规定的除外[1] | — |")
    shown = _shown(reply, "第八条　采砂许可期限届满，可以延续；法律、行政法规另有规定的除外。取水许可期限届满，可以延续。",
                   "第八条", 8, "示例河道条例")
    assert "法律、行政法规另有规定的除外" in shown


def test_a_question_restated_in_the_reply_asserts_nothing():
    assert "多长时间" not in facts.content_words("保留多长时间看林场大小：大型林场不超过5年")
    assert "你们" not in facts.content_words("给你们留一段时间")


def test_a_tier_given_the_next_tiers_figure_is_caught():
    s = _plain("苗圃保留期：甲类苗圃不得超过五年，乙类苗圃不得超过三年，丙类苗圃不得超过一年。")
    assert tier_figure_swapped("丙类苗圃最长也不超过3年", s)
    assert not tier_figure_swapped("乙类苗圃最长不超过3年", s)
    assert not tier_figure_swapped("丙类苗圃不超过1年", s)


def test_this_year_points_at_a_time_it_measures_nothing():
    assert facts.figures("这一年共办结信访件12宗") == facts.figures("共办结信访件12宗")
    assert (1, "年") in {(int(v), u) for v, u in facts.figures("期限为一年")}


def test_a_table_rows_cells_are_enumerations_of_their_own():
    from app.answer.verify.lists import enumeration_extended

    s = _plain("码头、仓库、堆场、泵站占用滩地，免收占用费。", "桥梁、涵洞、渡口、闸门占用滩地，减半收取占用费。")
    assert not enumeration_extended("适用对象 | 码头、仓库、堆场、泵站占用滩地 | 桥梁、涵洞、渡口、闸门占用滩地", s)
    # one enumeration of all eight restated as one, read across the cells, would count an extension
    assert not enumeration_extended("码头、仓库、堆场、泵站占用滩地", s)


def test_the_figures_own_subject_in_the_clause_before_keeps_it_in_place():
    from app.answer.verify.placement import figure_misplaced

    t = ["征收部门应当自收到补偿申请之日起五日内向审计部门提出核查申请，审计部门应当自收到核查申请之日起二十日内出具核查意见。"]
    assert not figure_misplaced("征收部门收到您的申请后，要在5日内向审计部门提出核查申请", t)
    assert figure_misplaced("审计部门收到核查申请后，要在5日内出具核查意见", t)


def test_the_right_holder_the_asker_says_they_are_is_their_situation():
    from app.answer.verify.evidence import Passage
    from app.answer.verify.support import situation_words

    p = Passage.of(law("第九条　未按期缴纳复绿费的，责令限期缴纳。", "第九条", 9))
    assert "经营权" in situation_words("经营权人没有按期缴纳复绿费，怎么处理？", [p])
    named = Passage.of(law("第九条　经营权人未按期缴纳复绿费的，责令限期缴纳。", "第九条", 9))
    assert "经营权" not in situation_words("经营权人没有按期缴纳复绿费，怎么处理？", [named])


def test_the_excepted_case_said_to_fall_under_the_rule_too_is_reversed():
    from app.answer.verify.exceptions import excepted_case_included

    s = _plain("除涉及军事设施的勘测项目外，使用财政资金五十万元以上的勘测项目，应当公开招标。")
    assert excepted_case_included("涉及军事设施的勘测项目也适用这一招标要求", s)
    assert not excepted_case_included("涉及军事设施的勘测项目不适用这一招标要求", s)
    assert not excepted_case_included("使用财政资金五十万元以上的勘测项目也应当公开招标", s)


def test_a_case_given_the_prohibition_beside_its_permission_is_reversed():
    from app.answer.verify.polarity import case_permission_forbidden

    s = _plain("方案未经论证的，不得提交局务会议审议。", "对尚无先例的试点方案，可以说明风险，提交局务会议审议。")
    assert case_permission_forbidden("3. 易混淆点：对尚无先例的试点方案，同样不得提交局务会议审议", s)
    assert not case_permission_forbidden("对尚无先例的试点方案，可以说明风险后提交局务会议审议", s)
    assert not case_permission_forbidden("方案未经论证的，不得提交局务会议审议", s)


def test_a_long_approval_left_out_between_two_clauses_widens_the_rule():
    s = _plain("督办机构可以提出问责建议，经本级人民政府或者本级人民政府主要负责人批准后，交有权机关处理。")
    assert qualifier_dropped("督办机构可以提出问责建议，交有权机关处理", s)
    assert not qualifier_dropped("督办机构可以提出问责建议，经本级人民政府或者本级人民政府主要负责人批准后，交有权机关处理", s)


def test_a_case_joined_away_with_its_comma_is_caught_though_the_act_repeats_a_word_of_it():
    s = _plain("由县级以上人民政府水行政主管部门责令限期整改；逾期不整改的，处二千元以上二万元以下的罚款。")
    assert qualifier_dropped("由县级以上人民政府水行政主管部门责令限期整改，并处二千元以上二万元以下的罚款", s)
    assert not qualifier_dropped("由县级以上人民政府水行政主管部门责令限期整改；逾期不整改的，处二千元以上二万元以下的罚款", s)
    # the case named elsewhere in the claim's own words (a label) keeps it
    assert not qualifier_dropped("逾期不整改的：由县级以上人民政府水行政主管部门责令限期整改，并处二千元以上二万元以下的罚款", s)


def test_a_rule_joined_on_that_holds_only_in_a_case_is_cut_and_the_rest_stays():
    reply = "没有许可就取水的，会被责令停止违法行为，没收违法所得，并处取水费用一倍以上二倍以下的罚款，同时没收取水设备[1]。"
    shown = _shown(reply, "第九条　未取得许可擅自取水的，责令停止违法行为，没收违法所得，并处取水费用一倍以上二倍以下的罚款；"
                   "情节严重的，没收取水设备。", "第九条", 9, "示例取水条例")
    assert "没收取水设备" not in shown and "并处取水费用一倍以上二倍以下的罚款" in shown


def test_a_case_of_two_clauses_joined_away_is_caught():
    s = _plain("超出许可范围取水的，依照前款规定处罚；拒不停止违法行为，情节严重的，原发证机关可以吊销其取水许可证。")
    assert qualifier_dropped("超出许可范围取水的，依照前款规定处罚，原发证机关可以吊销其取水许可证", s)
    assert not qualifier_dropped("超出许可范围取水的，依照前款规定处罚", s)


def test_a_longer_invented_list_item_is_caught_and_a_paraphrased_one_kept():
    reply = "湿地保护区内禁止下面这些行为[1]：\n- 非法把湿地变成耕地；\n- 擅自挖砂、采石、取土；\n- 在湿地保护区内挖塘养鱼；\n- 排放污水。"
    shown = _shown(reply, "第十七条　湿地保护区内禁止下列行为：\n（一）非法将湿地变为耕地；\n（二）擅自挖砂、采石、取土；\n（三）排放污水。",
                   "第十七条", 17, "示例湿地条例")
    assert "挖塘养鱼" not in shown
    assert "非法把湿地变成耕地" in shown and "擅自挖砂、采石、取土" in shown
