"""Classes the seventy-third to seventy-sixth independent case sets showed, each on short texts written here (no
corpus text): what a good reply says and must keep, beside the mistake of the same shape that must go."""
from __future__ import annotations

from app.answer.verify import facts
from app.answer.verify.acts import act_given_other_body
from app.answer.verify.attributes import attribute_reversed
from app.answer.verify.conditions import approval_dropped, qualifier_dropped
from app.answer.verify.evidence import word_forms
from app.answer.verify.exceptions import exception_dropped
from app.answer.verify.lists import enumeration_extended, item_cut_short
from app.answer.verify.polarity import negation_introduced
from app.answer.verify.rates import rate_unit_swapped


def _plain(*texts: str) -> list[str]:
    return [facts.plain(t) for t in texts]


def test_an_approval_before_a_long_permitted_party_may_not_be_left_out():
    s = _plain("汛期内，经省人民政府批准，水利主管部门、流域管理机构可以设立临时性的检查站，对过往船只进行检查。")
    assert approval_dropped("水利主管部门、流域管理机构可以设立临时性的检查站", s)
    assert not approval_dropped("经省人民政府批准，水利主管部门可以设立临时检查站", s)


def test_an_unauthorised_condition_may_not_be_left_out():
    s = _plain("机关设立的内设机构，未经法律授权，对外以自己名义作出决定的，该机关为被告。")
    assert qualifier_dropped("机关设立的内设机构，对外以自己名义作出决定的，该机关为被告", s)
    assert not qualifier_dropped("机关设立的内设机构，未经法律授权，对外以自己名义作出决定的，该机关为被告", s)


def test_only_when_needed_may_not_become_also():
    s = _plain("上级机关可以对下一级机关开展检查，必要时可以对所辖各级机关开展检查。")
    assert qualifier_dropped("上级机关可以对下一级机关开展检查，也可以对所辖各级机关开展检查", s)
    assert not qualifier_dropped("上级机关可以对下一级机关开展检查，必要时还可以对所辖各级机关开展检查", s)
    # 必要的 names a quantity, not a case: a limiter dropped elsewhere in the sentence is still found
    s = _plain("送请审查，应当保证必要的审查时间，一般不少于五个工作日。")
    assert qualifier_dropped("送请审查，应当保证必要的审查时间，不得少于5个工作日", s)


def test_the_need_a_permission_serves_may_not_be_left_out():
    s = _plain("除前款规定情形外，档案实行有偿查阅。", "但是，各级机关因救灾、维护安全等公共利益的需要，可以无偿查阅。")
    assert qualifier_dropped("各级机关可以无偿查阅", s)
    assert not qualifier_dropped("各级机关因救灾等公共利益的需要，可以无偿查阅", s)


def test_a_restricting_modifier_of_a_list_item_may_not_be_left_out():
    s = _plain("有下列情形之一的，无需取得许可：", "（一）个人为自用挖取只能用作普通填料的泥土；")
    assert qualifier_dropped("个人为自用挖取泥土的，不需要取得许可", s)
    assert not qualifier_dropped("个人为自用挖取只能用作普通填料的泥土的，不需要取得许可", s)
    # an alternative left out narrows the rule: 国有或者集体所有的 names every owner
    s = _plain("建设单位需要临时使用国有土地或者集体所有的土地的，由县级机关批准。")
    assert not qualifier_dropped("建设单位需要临时使用土地的，由县级机关批准", s)


def test_an_exception_named_in_its_own_words_may_not_be_left_out():
    s = _plain("除涉及国家秘密的工程外，使用财政资金五十万元以上的工程，应当通过招标确定承包方。")
    assert exception_dropped("使用财政资金50万元以上的工程，都应当通过招标确定承包方", s)
    assert not exception_dropped("除涉及国家秘密的工程外，使用财政资金50万元以上的工程应当招标", s)
    assert not exception_dropped("使用财政资金50万元以上的工程，一般应当通过招标确定承包方", s)
    # an exception by reference defers to another rule, which good replies state apart
    s = _plain("除可以当场作出决定的外，机关应当自受理之日起二十日内作出决定。",
               "除本条例第九条规定的信息外，县级机关还应当公开征收信息。")
    assert not exception_dropped("机关应当自受理之日起20日内作出决定", s)
    assert not exception_dropped("县级机关还应当公开征收信息", s)


def test_the_short_names_of_congresses_and_provincial_governments():
    assert "人民代表大会常务委员会" in "".join(word_forms("人大常委会"))
    assert "省、自治区、直辖市人民政府" in word_forms("省级政府")
    assert "当地人民政府" in word_forms("当地政府")


def test_framing_of_how_plainly_a_law_says_it_is_not_content():
    words = facts.content_words("5月12日是防灾减灾日，这是条例明确规定的")
    assert "明确规定" not in words and "明确" not in words and "这是" not in words


def test_an_act_given_to_the_body_of_the_neighbouring_clause():
    s = _plain("逾期不缴纳的，由县级以上人民政府水行政主管部门责令限期缴纳；拒不缴纳的，由发证机关吊销取水许可证。")
    assert act_given_other_body("拒不缴纳的，由县级以上人民政府水行政主管部门吊销其取水许可证", s)
    assert not act_given_other_body("拒不缴纳的，由发证机关吊销取水许可证", s)
    assert not act_given_other_body("逾期不缴纳的，由县级以上人民政府水行政主管部门责令限期缴纳", s)


def test_a_duty_stated_for_what_the_passage_lets_go_unpublished():
    s = _plain("内部讨论记录、请示报告等过程性信息以及行政处罚案卷信息，可以不予公开。",
               "法律规定上述信息应当公开的，从其规定。")
    assert attribute_reversed("讨论记录可以不予公开，但行政处罚案卷信息应当公开", s)
    assert not attribute_reversed("行政处罚案卷信息可以不予公开；法律规定应当公开的，从其规定", s)
    assert not attribute_reversed("行政机关的年度报告应当公开", _plain("行政机关的年度报告应当于三月底前公开。"))
    # … or a refusal stated as what will happen, where the thing is named twice in the sentence
    s = _plain("投诉已经受理的，投诉人又向受理机关的上级机关提出同一投诉的，上级机关不予受理。")
    assert attribute_reversed("已经受理的，又向上级提出同一投诉，上级机关也会受理", s)
    assert not attribute_reversed("已经受理的，又向上级提出同一投诉，上级机关不予受理", s)
    # a negation before the modal is the claim's own (……原因不能采伐 restates the passage's 不能采伐)
    assert not attribute_reversed("因树木未成材或者其他原因不能采伐", _plain("因树木未成材或者其他原因不能采伐的，依法享有获取补偿的权利。"))


def test_a_period_named_by_its_length_is_not_a_new_place_for_it():
    from app.answer.verify.anchor import figures_placed
    from app.answer.verify.evidence import Evidence, Passage
    from tests.test_verify import law

    ev = Evidence((Passage.of(law("第九条　机关应当自收到申请之日起二十个工作日内答复。\n机关征求第三方意见所需时间不计算在前款规定的期限内。",
                                  "第九条", 9, "示例公开条例")),))
    assert figures_placed("征求第三方意见所需的时间不计算在20个工作日的答复期限内", ev)
    assert not figures_placed("征求第三方意见所需的时间为20个工作日", ev)


def test_an_enumeration_restated_in_full_with_one_member_more():
    s = _plain("严禁在湿地保护区内挖沙、取土、开垦、捕捞、放牧。", "禁止在林地内砍柴。")
    assert enumeration_extended("严禁在湿地保护区内挖沙、取土、开垦、捕捞、放牧、砍柴", s)
    assert not enumeration_extended("严禁在湿地保护区内挖沙、取土、开垦、捕捞、放牧", s)
    assert not enumeration_extended("保护区内不能挖沙、取土、开垦等", s)
    # the same enumeration between quotation marks is the same enumeration
    s = _plain("保证金遵循企业所有、政府监管、专户储存、专款专用的原则。")
    assert not enumeration_extended("保证金遵循「企业所有、政府监管、专户储存、专款专用」的原则", s)


def test_a_quiz_explanation_naming_the_wrong_article_loses_the_number_and_keeps_the_rule():
    from app.answer.verify import Verifier
    from tests.test_verify import law

    chunk = law("第三十条　属于主动公开范围的档案，应当自形成之日起二十个工作日内公开。", "第三十条", 30, "示例档案条例")
    reply = ("**题目**：属于主动公开范围的档案，应当自形成之日起30日内公开。（ ）\n**答案**：错误。\n"
             "**解析**：《示例档案条例》第二十八条规定，属于主动公开范围的档案，应当自形成之日起20个工作日内公开[1]。")
    shown = Verifier([chunk]).verify(reply).text
    assert "第二十八条" not in shown and "应当自形成之日起20个工作日内公开" in shown


def test_a_rate_per_another_unit_of_area():
    texts = _plain("逾期不改正的，按照未剥离的面积处每公顷二万元的罚款。")
    assert rate_unit_swapped("逾期不改正的，按面积每亩2万元罚款", texts)
    assert not rate_unit_swapped("逾期不改正的，按面积每公顷2万元罚款", texts)
    assert not rate_unit_swapped("每日加处罚款", _plain("逾期不缴纳的，每日按罚款数额的百分之三加处罚款。"))


def test_a_reversed_clause_inside_a_cell_that_restates_two_clauses():
    s = _plain("持证人需要续期的，应当在有效期届满三十日前向发证机关提出申请。",
               "发证机关应当在有效期届满前作出是否准予续期的决定；", "逾期未作决定的，视为准予续期。")
    cell = "有效期届满30日前向发证机关提出申请；发证机关应当在届满前作出是否准予续期的决定，逾期未作决定的，视为{}续期"
    assert negation_introduced(cell.format("不予"), s)
    assert not negation_introduced(cell.format("准予"), s)
    # a negated act the passage states itself is a restatement of that clause
    s = _plain("（一）人均耕地不超过一亩的地区（以县、自治县、不设区的市、市辖区为计算单位，下同），每平方米为十元至五十元；",
               "（二）人均耕地超过一亩但不超过二亩的地区，每平方米为八元至四十元；",
               "（三）人均耕地超过二亩但不超过三亩的地区，每平方米为六元至三十元；")
    assert not negation_introduced("资料只规定了幅度，例如人均耕地不超过1亩的地区每平方米10元至50元；", s)


def test_a_qualifier_the_matcher_splits_around_one_kept_character():
    s = _plain("城镇居民采伐自家院内个人所有的零星果树，不需要申请许可。")
    assert qualifier_dropped("城镇居民采伐自家院内的果树，不需要申请许可", s)
    assert not qualifier_dropped("城镇居民采伐自家院内个人所有的零星果树，不需要申请许可", s)


def test_bands_restated_one_after_another_keep_their_figures():
    from app.answer.verify.succession import figure_of_other_sentence

    s = _plain("第九条　护林费的费额如下：", "（一）人均林地不超过一亩的地区（以县、自治县、不设区的市、市辖区为计算单位，下同），每平方米为十元至五十元；",
               "（二）人均林地超过一亩但不超过二亩的地区，每平方米为八元至四十元；", "（三）人均林地超过二亩但不超过三亩的地区，每平方米为六元至三十元；",
               "（四）人均林地超过三亩的地区，每平方米为五元至二十五元。", "各地区护林费的适用费额，由省人民政府在前款规定的费额幅度内提出。")
    assert not figure_of_other_sentence("人均林地超过1亩但不超过2亩的为8元至40元，超过2亩但不超过3亩的为6元至30元，超过3亩的为5元至25元", s)
    # … and a question on one band with its answer
    assert not figure_of_other_sentence("人均林地不超过1亩的地区，护林费每平方米的费额幅度是多少？每平方米10元至50元", s)


def test_a_condition_left_out_where_the_reply_says_all():
    s = _plain("公共档案和财政投资形成的其他档案，用于政府决策和公共服务的，应当无偿提供。")
    assert qualifier_dropped("公共档案和财政投资形成的其他档案，都应当无偿提供", s)
    assert not qualifier_dropped("公共档案和财政投资形成的其他档案，用于政府决策和公共服务的，应当无偿提供", s)
    s = _plain("需要批准的建设项目，以划拨方式取得用地的，建设单位在报批前，应当申请核发意见书。")
    assert qualifier_dropped("需要批准的建设项目，建设单位在报批前，都应当申请核发意见书", s)
    assert not qualifier_dropped("需要批准的建设项目，以划拨方式取得用地的，建设单位在报批前都应当申请核发意见书", s)


def test_a_citizens_names_for_the_parties_and_a_ban_with_its_place():
    assert "公民" in "".join(word_forms("个人")) and "法人或者其他组织" in "".join(word_forms("单位"))
    # 不能在里面放牧 restates 禁止放牧: the ban is kept, nothing is reversed
    assert facts.negated_at("不能在里面放牧", 5, wide=True)
    assert not facts.negated_at("可以在里面放牧", 5, wide=True)


def test_a_range_of_levels_made_one_level():
    from app.answer.verify.parties import level_swapped

    s = _plain("责任单位由事故发生地的县级以上人民政府应急管理部门组织专家论证后认定。")
    assert level_swapped("责任单位由事故发生地的省级人民政府应急管理部门组织专家论证后认定", s)
    assert not level_swapped("责任单位由事故发生地的县级以上人民政府应急管理部门组织专家论证后认定", s)


def test_a_list_item_restated_without_the_decision_it_waits_on():
    s = _plain("有下列情形之一的，应当暂停施工：", "（一）建设单位认为需要暂停的；",
               "（二）施工单位申请暂停施工，监理机构认为其理由成立，决定暂停施工的；",
               "（三）监理机构应当指定本项目以外的人员为验收人，施工单位认为验收人与工程有利害关系的，有权申请回避；")
    assert item_cut_short("2. 施工单位申请暂停施工的；", s)
    assert not item_cut_short("2. 施工单位申请暂停施工，监理机构认为其理由成立，决定暂停施工的；", s)
    assert not item_cut_short("1. 建设单位认为需要暂停的；", s)
    # a further provision of its own is not a condition of the first clause
    assert not item_cut_short("监理机构应当指定本项目以外的人员为验收人；", s)


def test_a_table_row_read_as_the_sentence_its_cells_split():
    s = _plain("占用林地的项目连续2年未使用的，经省人民政府批准，由县级以上人民政府无偿收回用地单位的林地使用权。")
    assert qualifier_dropped("连续2年未使用的 | 由县级以上人民政府无偿收回用地单位的林地使用权", s)
    assert not qualifier_dropped("连续2年未使用的 | 经省人民政府批准，由县级以上人民政府无偿收回用地单位的林地使用权", s)


def test_the_period_a_duty_holds_in_may_not_be_left_out():
    s = _plain("在汛期重点防范期内，乡（镇）人民政府、村民委员会应当加强险情的巡回检查，发现险情及时报告。")
    assert qualifier_dropped("乡（镇）人民政府、村民委员会应当加强险情的巡回检查，发现险情及时报告", s)
    assert not qualifier_dropped("在汛期重点防范期内，乡（镇）人民政府、村民委员会应当加强险情的巡回检查", s)
    # a frame without 在 (承包期内，……) is often the reply's context, said before
    s = _plain("承包期内，因自然灾害等特殊情形确需适当调整承包地的，必须经村民会议三分之二以上成员同意。")
    assert not qualifier_dropped("因自然灾害等特殊情形确需适当调整承包地的，必须经村民会议三分之二以上成员同意", s)


def test_a_lead_in_in_the_replys_own_words_that_asserts_nothing_stays():
    from app.answer.verify import Verifier
    from tests.test_verify import law

    chunk = law("第十五条　期限的计算，依照下列规定办理：\n（一）当场作出决定的，自决定作出之日起计算；\n"
                "（二）决定书邮寄送达的，自受送达人在邮件签收单上签收之日起计算。", "第十五条", 15, "示例复核条例")
    reply = "至于从哪天算，要看决定是怎么送到您手上的[1]：\n- 当场作出的：从作出之日起算；\n- 邮寄送达的：从您在邮件签收单上签收之日起算。"
    v = Verifier([chunk]).verify(reply)
    assert "要看决定是怎么送到您手上的" in v.text and "从您在邮件签收单上签收之日起算" in v.text
