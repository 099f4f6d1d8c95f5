"""Classes the sixteenth session's case sets showed, each on short texts written here (no corpus text): what a good
reply says and must keep, beside the mistake of the same shape that must go."""
from __future__ import annotations

from app.answer.verify import facts
from app.answer.verify.conditions import qualifier_dropped
from app.answer.verify.evidence import Evidence, Passage
from tests.test_verify import law


def _plain(*texts: str) -> list[str]:
    return [facts.plain(t) for t in texts]


def _evidence(text: str, article: str, no: int, title: str) -> Evidence:
    return Evidence((Passage.of(law(text, article, no, title)),))


def test_a_condition_stated_as_enough_may_not_leave_part_of_it_out():
    s = _plain("对发现塌陷迹象，可能危及行人安全的路段，县级人民政府应当及时设置警示标志。")
    assert qualifier_dropped("只要发现塌陷迹象的路段，县级人民政府就应当及时设置警示标志", s)
    # the whole condition kept, or 只要 not said: the reply does not claim the shorter condition is enough
    assert not qualifier_dropped("只要发现塌陷迹象，可能危及行人安全的路段，县级人民政府就应当及时设置警示标志", s)
    assert not qualifier_dropped("发现塌陷迹象的路段，县级人民政府应当及时设置警示标志", s)


def test_a_wrong_article_after_a_label_loses_the_label_and_keeps_the_rule():
    from app.answer.verify import Verifier

    chunk = law("第十二条　档案复制费由省人民政府档案行政主管部门负责收取。", "第十二条", 12, "示例档案条例")
    reply = "**题目**：档案复制费由谁收取？\n**答案**：省档案部门。\n**解析**：依据该条例第十四条，档案复制费由省人民政府档案行政主管部门负责收取[1]。"
    shown = Verifier([chunk]).verify(reply).text
    assert "第十四条" not in shown and "档案复制费由省人民政府档案行政主管部门负责收取" in shown


def test_two_short_names_in_one_body_both_expand():
    from app.answer.verify.evidence import word_forms

    assert "环境保护行政主管部门" in word_forms("环保部门")
    assert "环境保护主管部门" in word_forms("环保部门")


def test_the_askers_own_place_said_with_li_is_their_situation():
    from app.answer.verify.evidence import Passage
    from app.answer.verify.support import situation_words

    p = Passage.of(law("第九条　申请人可以申请复核。", "第九条", 9))
    assert "局里" in situation_words("局里让我重新交材料，怎么办？", [p])


def test_a_reply_moving_on_to_details_is_framing():
    assert "具体来说" not in facts.content_words("具体来说：申请复查时要带上原处理意见书")


def test_a_short_subject_clause_joined_to_a_neighbours_figure_clause():
    from app.answer.verify.anchor import figures_placed

    ev = _evidence("第八条　省级基础档案成果，重点地区每五年整理一次；其他地区每十年整理一次。省辖市、县（区）基础档案成果五年整理一次；"
                   "急需的档案应当及时整理。", "第八条", 8, "示例档案条例")
    assert not figures_placed("省辖市、县（区）基础档案成果，每10年整理一次", ev)
    assert figures_placed("省辖市、县（区）基础档案成果，每5年整理一次", ev)
    assert figures_placed("其他地区，每10年整理一次", ev)
    # the figure's sentence, restated in other words than the clause's neighbour: still its own (不能当场告知的，
    # 应当自收到之日起15日内…… where another sentence says 自收到之日起15日内 word for word)
    ev = _evidence("第七条　能够当场告知的，应当当场告知；不能当场告知的，应当自收到申请事项之日起15日内书面告知。"
                   "对转交的事项，应当自收到之日起15日内书面告知。", "第七条", 7, "示例告知条例")
    assert figures_placed("不能当场告知的，应当自收到之日起15日内书面告知", ev)


def test_a_case_the_passage_excepts_may_not_be_said_forbidden_too():
    from app.answer.verify.exceptions import excepted_case_forbidden

    s = _plain("在保护区内不得放牧、割草。", "经批准的科研单位在试验区内开展放牧试验的除外。")
    assert excepted_case_forbidden("经批准的科研单位在试验区内，同样不得开展放牧试验", s)
    assert not excepted_case_forbidden("经批准的科研单位可以在试验区内开展放牧试验", s)
    assert not excepted_case_forbidden("在保护区内不得放牧、割草，但经批准的科研单位在试验区内开展放牧试验的除外", s)


def test_cannot_said_of_what_the_passage_permits_is_a_reversal_outside_a_condition():
    from app.answer.verify.polarity import prohibits_what_is_permitted

    s = _plain("申请人应当先向作出决定的机关提出，也可以向上一级档案管理机关提出。")
    claim = "应当先找作出决定的机关，不能直接找上一级档案管理机关"
    assert prohibits_what_is_permitted(facts.content_words(claim), claim, s)
    # 不能 in a condition states a case, not a ban (不能当场办的，……)
    s = _plain("除可以当场办理的外，档案管理机关应当自受理之日起十日内办结。")
    claim = "不能当场办理的，档案管理机关应当自受理之日起10日内办结"
    assert not prohibits_what_is_permitted(facts.content_words(claim), claim, s)


def test_an_approval_given_by_the_body_another_case_needs():
    from app.answer.verify.acts import approval_given_other_body

    s = _plain("确需在保护区内取水的，应当经县级人民政府批准；", "需要在保护区内进行勘探的，应当经省、自治区、直辖市人民政府水行政主管部门批准；",
               "驻军因执行紧急任务需要进入保护区的，应当经其上级主管部门批准。")
    assert approval_given_other_body("驻军因执行紧急任务进入保护区的，应当经省级水行政主管部门批准", s)
    assert not approval_given_other_body("需要在保护区内进行勘探的，应当经省级水行政主管部门批准", s)
    assert not approval_given_other_body("驻军因执行紧急任务进入保护区的，应当经其上级主管部门批准", s)


def test_a_penalty_put_on_another_party():
    from app.answer.verify.acts import penalised_party_swapped

    s = _plain("无许可证运输砂石的，由县级以上人民政府水行政主管部门没收砂石，对货主可以并处砂石价款30%以下的罚款。")
    assert penalised_party_swapped("没收砂石，对承运人可以并处砂石价款30%以下的罚款", s)
    assert not penalised_party_swapped("没收砂石，对货主可以并处砂石价款30%以下的罚款", s)
    assert not penalised_party_swapped("没收砂石，对您可以并处砂石价款30%以下的罚款", s)


def test_a_restricting_modifier_cut_out_of_a_long_sentence_in_place():
    from app.answer.verify.modifiers import restriction_dropped

    s = _plain("国家对集体勘查单位和个体勘查实行积极扶持、合理规划、正确引导、加强管理的方针，鼓励集体勘查单位勘查国家指定范围内的"
               "区域，允许个人采集零星分散标本和只能用作普通教学材料的岩、土、砂以及为科研自用采集少量化石。")
    assert restriction_dropped("国家允许个人采集零星分散标本和岩、土、砂，也允许为科研自用采集少量化石", s)
    assert not restriction_dropped("国家允许个人采集零星分散标本和只能用作普通教学材料的岩、土、砂", s)


def _two_fines():

    return [law("第五十条　擅自在保护区内用火的，由主管部门责令停止违法行为，给予警告，对个人并处200元以上3000元以下罚款。",
                "第五十条", 50, "示例防火条例"),
            law("第四十九条　拒绝接受检查的，由主管部门责令改正，给予警告，对个人并处200元以上2000元以下罚款。",
                "第四十九条", 49, "示例防火条例")]


def test_a_fine_of_the_neighbouring_article_under_the_marker_of_its_context_goes():
    from app.answer.verify import Verifier

    reply = "擅自在保护区内用火的，由主管部门责令停止违法行为，给予警告[1]。对个人并处200元以上2000元以下罚款[1]。"
    shown = Verifier(_two_fines()).verify(reply).text
    assert "200元以上2000元以下" not in shown and "给予警告" in shown


def test_a_marker_out_of_line_with_its_context_is_still_repointed():
    from app.answer.verify import Verifier

    reply = "擅自在保护区内用火的，由主管部门给予警告[1]，对个人并处200元以上3000元以下罚款[2]。"
    shown = Verifier(_two_fines()).verify(reply).text
    assert "出处已更正" in shown and "200元以上3000元以下" in shown


def test_a_qualifier_moved_within_the_claim_is_not_left_out():
    s = _plain("应当编制水土保持与恢复方案而未编制的，由主管部门责令限期改正。")
    assert not qualifier_dropped("应编制而未编制恢复方案的，由主管部门责令限期改正", s)
    # left out for good, it is still found
    assert qualifier_dropped("应当编制水土保持与恢复方案的，由主管部门责令限期改正", s)


def test_a_figure_named_as_said_before_may_come_from_another_given_passage():
    from app.answer.verify import Verifier

    chunks = [law("第三十二条　材料不齐全的，应当在五日内一次告知申请人需要补正的全部内容。", "第三十二条", 32, "示例许可条例"),
              law("第八十二条　本条例规定的期限以工作日计算，不含法定节假日。", "第八十二条", 82, "示例许可条例")]
    reply = "材料不齐全的，应当在5日内一次告知需要补正的全部内容[1]。上述5日按工作日计算，不含法定节假日[2]。"
    shown = Verifier(chunks).verify(reply).text
    assert "上述5日按工作日计算" in shown
    # a figure no passage gives stays unsupported, however it is introduced
    shown = Verifier(chunks).verify(reply.replace("上述5日", "上述7日")).text
    assert "上述7日" not in shown


def test_a_causal_modifier_describing_a_kind_may_be_left_out():
    s = _plain("造成伤残的，应当支付因伤残而增加的必要支出，以及伤残补助金。")
    assert not qualifier_dropped("造成伤残的，应当支付必要支出，以及伤残补助金", s)
    # a 而-case that limits the rule still may not (投入而提高……的)
    s = _plain("承包方对其在承包地上投入而提高土地生产能力的，有权获得相应的补偿。")
    assert qualifier_dropped("承包方对其在承包地上投入的，有权获得相应的补偿", s)


def test_list_items_restated_as_one_run_keep_their_subjects():
    from app.answer.verify.anchor import subjects_placed

    ev = _evidence("第十九条　属于下列情形之一的，登记机构可以进行实地查看：\n（一）房屋等建筑物所有权首次登记；\n"
                   "（二）在建建筑物抵押权登记；\n（三）因土地灭失导致的注销登记。", "第十九条", 19, "示例登记条例")
    claim = "房屋等建筑物所有权首次登记，在建建筑物抵押权登记，因土地灭失导致的注销登记，可以实地查看"
    assert subjects_placed(facts.content_words(claim), claim, ev)


def test_words_ending_an_enumeration_of_parallel_clauses_place_no_member():
    from app.answer.verify.placement import figure_misplaced

    t = _plain("证据确凿的，对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告的，可以当场决定。")
    assert not figure_misplaced("| 对公民 | 200元以下罚款或者警告 |", t)
    assert figure_misplaced("对公民处以3000元以下罚款", t)
    assert figure_misplaced("对法人处以200元以下罚款", t)


def test_the_land_department_for_the_forestry_one_is_a_wrong_department():
    from app.answer.verify.support import wrong_department

    ev = _evidence("第三十一条　未经审核批准，非法占用林地的，由县级以上人民政府林业行政主管部门责令退还非法占用的林地。",
                   "第三十一条", 31, "示例林地条例")
    assert wrong_department("未经审核批准非法占用林地的，由县级以上人民政府土地行政主管部门责令退还非法占用的林地", ev)
    assert not wrong_department("未经审核批准非法占用林地的，由县级以上人民政府林业行政主管部门责令退还非法占用的林地", ev)


def test_must_be_given_restated_as_not_given_is_a_reversal():
    from app.answer.verify.polarity import negation_introduced

    s = _plain("未成年人在不能辨认自己行为时有违法行为的，不予处分。", "成年人在精神正常时有违法行为的，应当给予处分。")
    assert negation_introduced("成年人在精神正常时有违法行为的，不予处分", s)
    assert not negation_introduced("成年人在精神正常时有违法行为的，应当给予处分", s)


def test_bu_xu_negates_the_act_after_it():
    from app.answer.verify.polarity import negation_dropped

    s = _plain("场地使用权属于建设单位或者个人的，进行临时搭建不需办理临时场地许可证。")
    claim = "场地使用权属于个人的，进行临时搭建需要办理临时场地许可证"
    assert facts.negated_at(s[0], s[0].find("办理"))
    assert negation_dropped(facts.content_words(claim), claim, s)


def test_a_count_of_the_items_the_passage_lists():
    from app.answer.verify import Verifier

    chunk = law("第十二条　检查可以采取以下方式：\n（一）听取汇报；\n（二）调阅资料；\n（三）实地查看。", "第十二条", 12, "示例检查条例")
    reply = "检查可以采取以下3种方式[1]：\n1. 听取汇报\n2. 调阅资料\n3. 实地查看"
    assert "以下3种方式" in Verifier([chunk]).verify(reply).text
    assert "以下4种方式" not in Verifier([chunk]).verify(reply.replace("3种", "4种")).text


def test_an_unmarked_verdict_under_the_paragraphs_marker_counts_as_uncited():
    from app.answer.verify import Verifier
    from app.answer.verify.support import Reason

    chunk = law("第二十四条　个人生活自用采挖少量砂、石、粘土不办理采矿登记手续。", "第二十四条", 24, "示例矿产办法")
    v = Verifier([chunk]).verify("自己盖房用、挖的量不大，不用办。个人生活自用采挖少量砂、石、粘土，不办理采矿登记手续[1]。")
    assert v.uncited_only and "不办理采矿登记手续" in v.text
    assert Reason.UNCITED.value in " ".join(v.notices)


def test_not_more_than_said_without_de_is_placed_at_the_bu_de_sentence():
    from app.answer.verify.anchor import figures_placed

    ev = _evidence("第三十八条　取得许可证后十二个月内未开工的，应当在有效期届满三十日前提出延期申请。延长期限不得超过六个月。",
                   "第三十八条", 38, "示例许可办法")
    assert figures_placed("| 许可证 | 12个月内未开工 | 有效期届满30日前提出 | 不超过6个月 |", ev)
    assert not figures_placed("| 许可证 | 6个月内未开工 | 有效期届满30日前提出 | 不超过12个月 |", ev)


def test_an_item_beyond_a_list_the_other_items_restate_one_for_one():
    from app.answer.verify.lists import extra_beyond_restated_list

    s = _plain("有下列情形之一的，可以适用简易程序：", "（一）被审查的行为是当场作出；", "（二）被审查的行为是警告；",
               "（三）案件涉及款额三千元以下。")
    siblings = ["（一）被审查的行为是当场作出；", "（二）被审查的行为是警告；", "（三）案件涉及款额三千元以下；"]
    assert extra_beyond_restated_list("（四）申请人已按规定缴纳保证金。", siblings, s, s)
    # an item that restates another sentence of a given passage is no invention
    more = s + _plain("当事人各方同意适用简易程序的，也可以适用。")
    assert not extra_beyond_restated_list("（四）当事人各方同意适用简易程序的，也可以适用。", siblings, s, more)
    # the siblings must restate every item: a shorter list says nothing of what else it leaves out
    assert not extra_beyond_restated_list("（三）申请人已按规定缴纳保证金。", siblings[:2], s, s)


def test_a_range_of_levels_made_the_next_cases_level():
    from app.answer.verify.parties import level_swapped

    s = _plain("单位之间的纠纷，由县级以上人民政府调处；个人之间的纠纷，由乡级人民政府或者县级以上人民政府调处。")
    assert level_swapped("单位之间的纠纷，由乡级人民政府调处", s)
    assert not level_swapped("单位之间的纠纷，由县级以上人民政府调处", s)
    assert not level_swapped("个人之间的纠纷，由乡级人民政府调处", s)
    # 省级 for 省、自治区、直辖市 is its short name
    s = _plain("建设单位必须向所在省、自治区、直辖市地质主管部门了解拟建工程所在地区的资源分布情况。")
    assert not level_swapped("建设单位必须向所在省级地质主管部门了解拟建工程所在地区的资源分布情况", s)


def test_a_wrong_article_named_as_the_basis_after_the_rule_is_dropped():
    from app.answer.verify import Verifier

    chunks = [law("第十三条　省档案部门管辖下列案件：\n（一）跨市的；\n（二）上级交办的。", "第十三条", 13, "示例档案条例"),
              law("第十四条　市档案部门管辖本行政区域内县级机关违法的案件。", "第十四条", 14, "示例档案条例")]
    shown = Verifier(chunks).verify("县级机关违法的案件由市档案部门管辖，依据为《示例档案条例》第十三条[2]。").text
    assert "第十三条" not in shown and "由市档案部门管辖" in shown


def test_a_range_with_dao_counts_people_as_zhi_does():
    assert facts.figures("您可以委托1到2名代理人") == facts.figures("可以委托一至二名律师")
    assert facts.figures("您也可以委托1到2个人当代理人") == facts.figures("可以委托一至二人作为代理人")
    assert not facts.figures("对个人处以罚款")
