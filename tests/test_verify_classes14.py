"""Classes the sixty-fifth to sixty-eighth independent case sets showed, each on short texts written here (no
corpus text): what a good reply says and must keep, beside the mistake of the same shape that must go."""
from __future__ import annotations

from app.answer.verify import Verifier, facts
from app.answer.verify.lists import beyond_complete_list
from app.answer.verify.parties import relative_level_added
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
