"""Classes the sixty-fifth to sixty-eighth independent case sets showed, each on short texts written here (no
corpus text): what a good reply says and must keep, beside the mistake of the same shape that must go."""
from __future__ import annotations

from app.answer.verify import Verifier, facts
from app.answer.verify.lists import beyond_complete_list
from app.answer.verify.ranks import relative_level_added
from app.answer.verify.placement import level_replaced
from app.answer.verify.polarity import permits_what_is_prohibited, reversed_meaning
from app.answer.verify.succession import range_under_other_condition, successor_replaced
from tests.test_verify import law

TITLE = "示例程序法"


def _shown(reply: str, *chunks) -> str:
    return Verifier(list(chunks)).verify(reply).text


def test_a_permission_for_what_the_restated_clause_forbids_though_another_sentence_names_the_act():
    passage = [facts.plain("当事人申请复核，复核机关已经受理的，不得向法院起诉。"),
               facts.plain("当事人向法院起诉，法院已经受理的，不得申请复核。"),
               facts.plain("用户申请登记，由登记机关审核批准。"), facts.plain("村民出卖、出租住宅后，再申请补贴的，不予批准。")]
    claim = "另外，如果先去法院起诉，法院已经受理的，仍然可以申请复核"
    assert permits_what_is_prohibited(facts.content_words(claim), claim, passage)
    claim = "您把住宅卖掉或者出租以后，再申请补贴的，仍可以予以批准"
    assert permits_what_is_prohibited(facts.content_words(claim), claim, passage)
    # 不予 refuses the act it precedes only: 不予赔偿决定 refuses no 决定
    ok = [facts.plain("机关作出不予赔偿决定的，请求人可以自决定作出之日起三个月内起诉。")]
    claim = "机关决定不予赔偿的，可以自作出决定之日起三个月内起诉"
    assert not permits_what_is_prohibited(facts.content_words(claim), claim, ok)
    claim = "复核机关受理后，当事人可以在复核结束后向法院起诉"
    assert not permits_what_is_prohibited(facts.content_words(claim), claim, [facts.plain(
        "当事人对复核决定不服的，可以向法院起诉。")])


def test_an_authority_named_by_a_rank_the_passage_never_gives():
    texts = ["作出决定的机关被撤销的，继续行使其职权的机关是被申请人。"]
    assert relative_level_added("作出决定的机关被撤销的，由其上一级行政机关作为被申请人", texts)
    assert not relative_level_added("作出决定的机关被撤销的，继续行使其职权的机关是被申请人", texts)
    assert not relative_level_added("可以向上级主管部门申请复核", ["可以向上一级主管部门申请复核。"])


def test_a_level_above_which_the_passage_never_names():
    texts = ["省、自治区、直辖市人民政府地质矿产主管部门主管本行政区域内矿产资源的监督管理工作。"]
    assert level_replaced("县级以上地方人民政府地质矿产主管部门主管本行政区域内矿产资源的监督管理工作", texts)
    assert not level_replaced("县级以上地方人民政府主管本行政区域内的监督管理工作",
                              ["县级以上地方人民政府主管本行政区域内的监督管理工作。", "省人民政府负责协调。"])


def test_a_range_stated_under_the_other_cases_condition():
    s = [facts.plain("砍伐林木不足五株的，责令补种十倍的树木，并处价值三倍至五倍的罚款。"),
         facts.plain("砍伐林木五株以上的，责令补种十倍的树木，并处价值五倍至十倍的罚款。")]
    assert range_under_other_condition("砍伐林木不足5株的，并处价值5倍至10倍的罚款", s)
    assert not range_under_other_condition("砍伐林木5株以上的，并处价值5倍至10倍的罚款", s)
    assert not range_under_other_condition("砍伐林木不足5株的，并处价值3倍至5倍的罚款", s)
    # a clause left out between two figures is not a figure replaced (补种 10倍 skipped, 价值 5倍 stated)
    assert not successor_replaced("砍伐林木5株以上的，并处价值5倍至10倍的罚款", s)
    assert successor_replaced("核实划定37.2万亩，超保护目标1.3万亩",
                              ["核实划定37.2万亩，超保护目标0.02万亩；完成43.3万亩，超保护目标1.3万亩。"])


def test_a_permission_the_passage_excepts_from_its_prohibition_is_not_reversed():
    s = [facts.plain("承包方不得单方解除流转合同，但受让方弃耕抛荒连续两年以上的除外。")]
    claim = "受让方弃耕抛荒连续两年以上的，承包方可以单方解除流转合同"
    assert not reversed_meaning(facts.content_words(claim), claim, s)
    s = [facts.plain("承包方不得单方解除流转合同。")]
    assert reversed_meaning(facts.content_words("承包方可以单方解除流转合同"), "承包方可以单方解除流转合同", s)


def test_a_second_partys_member_left_out_and_an_excuse_dropped():
    a = law("第九条　对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款的，可以当场作出决定。\n"
            "申请人无正当理由逾期不补正的，视为放弃申请。", "第九条", 9, TITLE)
    assert "对公民处以200元以下罚款的，可以当场作出决定" in _shown("对公民处以200元以下罚款的，可以当场作出决定[1]。", a)
    assert "视为放弃申请" not in _shown("申请人逾期不补正的，视为放弃申请[1]。", a)
    assert "视为放弃申请" in _shown("申请人无正当理由逾期不补正的，视为放弃申请[1]。", a)


def test_an_item_beyond_a_list_its_siblings_complete():
    s = [facts.plain("第七条　学校、幼儿园、医院占用耕地，免征耕地占用税。")]
    assert beyond_complete_list("体育场馆", ["学校", "幼儿园", "医院"], s)
    assert not beyond_complete_list("医院", ["学校", "幼儿园", "体育场馆"], s)
    a = law("第七条　学校、幼儿园、医院占用耕地，免征耕地占用税。", "第七条", 7, TITLE)
    shown = _shown("下列单位占用耕地，免征耕地占用税[1]：\n- 学校\n- 幼儿园\n- 医院\n- 体育场馆", a)
    assert "医院" in shown and "体育场馆" not in shown
    # an item standing in for a member no sibling restates may be a paraphrase
    b = law("第二十五条　证据包括：\n（一）书证；\n（二）视听资料、电子数据。", "第二十五条", 25, TITLE)
    assert "录音录像" in _shown("证据包括[1]：\n1. 书证；\n2. 录音录像；\n3. 电子数据。", b)


def test_a_wrong_figure_in_a_claim_its_own_passage_covers_is_removed_not_repointed():
    a = law("第五十八条　当事人对不予执行的裁定有异议的，可以自收到裁定之日起十五日内向上一级人民法院申请复议，上一级人民法院应当自收到复议申请之日起"
            "三十日内作出是否执行的裁定。", "第五十八条", 58, TITLE)
    b = law("第五十六条　人民法院接到强制执行的申请，应当在五日内受理。当事人对不予受理的裁定有异议的，可以向上一级人民法院"
            "申请复议，上一级人民法院应当自收到复议申请之日起十五日内作出是否受理的裁定。", "第五十六条", 56, TITLE)
    v = Verifier([a, b]).verify("上一级人民法院应当自收到复议申请之日起15日内作出是否执行的裁定[1]。人民法院接到强制执行的申请，"
                                "应当在5日内受理[2]。")
    assert "出处已更正" not in v.text and v.repointed == 0 and "5日内受理" in v.text


def test_a_short_act_excused_that_the_passage_requires_of_the_same_party():
    from app.answer.verify.duties import obligation_denied
    s = [facts.plain("对口头提出的申请事项，有关机关、单位应当如实记录。")]
    assert obligation_denied("对口头提出的申请事项，有关机关、单位不需要作记录", s)
    assert not obligation_denied("对口头提出的申请事项，申请人不需要作记录", s)


def test_an_items_opening_condition_of_two_clauses_left_out():
    a = law("第九十条　机关拒绝履行判决的，法院可以采取下列措施：\n（一）通知银行划拨；\n"
            "（二）拒不履行判决，社会影响恶劣的，可以对直接负责的主管人员予以拘留。", "第九十条", 90, TITLE)
    reply = "法院可以采取下列措施[1]：\n1. 通知银行划拨；\n2. 可以对直接负责的主管人员予以拘留。"
    assert "予以拘留" not in _shown(reply, a) and "通知银行划拨" in _shown(reply, a)
    assert "予以拘留" in _shown(reply.replace("2. 可以", "2. 拒不履行判决，社会影响恶劣的，可以"), a)


def test_a_cases_own_condition_joined_away_with_figures_written_as_digits():
    a = law("第七十条　未取得施工许可或者未按照施工许可的规定进行施工的，由县级以上人民政府建设主管部门责令停止施工；尚可采取补救"
            "措施消除对周边影响的，限期补救，处工程造价百分之五以上百分之十以下的罚款；无法补救的，限期拆除。", "第七十条", 70, TITLE)
    wrong = "未取得施工许可或者未按照许可规定进行施工的，由县级以上人民政府建设主管部门责令停止施工，限期补救，处工程造价5%以上10%以下罚款[1]。"
    assert "限期补救" not in _shown(wrong, a)
    right = wrong.replace("责令停止施工，", "责令停止施工；尚可采取补救措施消除对周边影响的，")
    assert "限期补救" in _shown(right, a)


def test_a_level_for_an_authority_whose_level_has_an_aside_in_brackets():
    texts = ["开采零星分散的矿产资源，由县(市、区)地质矿产管理部门审批。"]
    assert level_replaced("开采零星分散的矿产资源，由省地质矿产主管部门审批", texts)
    assert not level_replaced("开采零星分散的矿产资源，由县地质矿产管理部门审批", texts)


def test_the_neighbouring_paragraphs_figure_in_this_paragraphs_rule():
    from app.answer.verify.succession import figure_of_other_sentence
    s = [facts.plain("适用普通程序审理的案件，机关应当自受理之日起六十日内作出决定；"),
         facts.plain("适用简易程序审理的案件，机关应当自受理之日起三十日内作出决定。")]
    assert figure_of_other_sentence("适用简易程序的，机关应当自受理之日起60日内作出决定", s)
    assert not figure_of_other_sentence("适用简易程序的，机关应当自受理之日起30日内作出决定", s)
    assert not figure_of_other_sentence("适用普通程序的，机关应当自受理之日起60日内作出决定", s)
    # a claim joining two neighbouring sentences takes its figure from the second
    s = [facts.plain("情况复杂，不能在规定期限内作出决定的，经机构负责人批准，可以适当延长，并书面告知当事人；"),
         facts.plain("但是延长期限最多不得超过三十日。"), facts.plain("适用简易程序审理的案件，应当在三十日内审结。")]
    assert not figure_of_other_sentence("情况复杂的，经机构负责人批准，可以适当延长，并书面告知当事人，但延长期限最多不得超过30日", s)


def test_a_rank_replaced_by_a_fixed_level_and_a_role_given_to_the_conditions_party():
    from app.answer.verify.parties import role_given_to_other
    from app.answer.verify.ranks import rank_given_level
    s = [facts.plain("协商不成的，由共同的上一级人民政府登记主管部门指定办理。")]
    assert rank_given_level("协商不成的，由省级人民政府登记主管部门指定办理", s)
    assert not rank_given_level("协商不成的，由共同的上一级人民政府登记主管部门指定办理", s)
    s = [facts.plain("受行政机关委托的组织在行使受委托的权力时造成损害的，委托的行政机关为赔偿义务机关。"),
         facts.plain("法律授权的组织在行使授予的权力时造成损害的，被授权的组织为赔偿义务机关。")]
    assert role_given_to_other("受委托的组织造成损害的，受委托的组织为赔偿义务机关", s)
    assert not role_given_to_other("受委托的组织造成损害的，委托机关为赔偿义务机关", s)
    assert not role_given_to_other("法律授权的组织造成损害的，被授权的组织为赔偿义务机关", s)


def test_an_item_of_a_prohibited_list_restated_with_the_prohibition():
    a = law("第二十六条　信访人不得有下列行为：\n（一）在机关办公场所周围、公共场所非法聚集，围堵、冲击机关，拦截公务车辆；\n"
            "（二）携带危险物品、管制器具。", "第二十六条", 26, TITLE)
    reply = "去信访时不能在机关办公场所周围、公共场所非法聚集，不能围堵、冲击机关，不能拦截公务车辆[1]。"
    assert "不能拦截公务车辆" in _shown(reply, a)


def test_what_the_new_checks_leave_alone():
    from app.answer.verify.conditions import qualifier_dropped
    from app.answer.verify.parties import role_given_to_other
    from app.answer.verify.succession import figure_of_other_sentence
    # a case left out of the clause but named in the claim's own label
    a = law("第七十条　未取得施工许可或者未按照施工许可的规定进行施工的，由县级以上人民政府建设主管部门责令停止施工；尚可采取补救"
            "措施消除对周边影响的，限期补救，处工程造价百分之五以上百分之十以下的罚款；无法补救的，限期拆除。", "第七十条", 70, TITLE)
    labelled = "**尚可采取补救措施消除对周边影响的**：由县级以上人民政府建设主管部门责令停止施工，限期补救，处工程造价5%以上10%以下的罚款[1]。"
    assert "限期补救" in _shown(labelled, a)
    # a sentence's condition of several clauses is often the reply's lead-in, said before: not read as dropped
    s = [facts.plain("违反本法规定，未取得许可证开采矿产资源的，由主管部门责令停止违法行为，并处矿产品价值三倍以上五倍以下罚款。")]
    assert not qualifier_dropped("由主管部门责令停止违法行为，并处矿产品价值3倍以上5倍以下罚款", s)
    # the asker's own bodies given the role are an application of the rule
    s = [facts.plain("复议机关决定维持原行政行为的，原机关和复议机关是共同被告。")]
    assert not role_given_to_other("市政府维持的，我局与市政府是共同被告", s)
    # a figure named again by a demonstrative, and a table row
    s = [facts.plain("违法行为在二年内未被发现的，不再给予行政处罚。"), facts.plain("违法行为有连续或者继续状态的，从行为终了之日起计算。")]
    assert not figure_of_other_sentence("这2年不一定从那天算起：违法行为有连续或者继续状态的，从行为终了之日起计算", s)
    assert not figure_of_other_sentence("| 违法行为有连续或者继续状态的 | 2年 | 从行为终了之日起计算 |", s)
