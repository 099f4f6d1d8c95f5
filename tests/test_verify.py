"""Golden tests for verify_answer on small hand-made passages."""
from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from app.answer.prompts import CITIZEN_DISCLAIMER, NO_ANSWER
from app.answer.verify import (
    NOTHING_LEFT, Verified, figures, normalise_markers, split_sentences, states_fact, verify_answer,
)
from app.schema import Chunk

ART20 = (
    "第二十条　公民、法人或者其他组织认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起"
    "六十日内提出行政复议申请；但是法律规定的申请期限超过六十日的除外。\n"
    "因不可抗力或者其他正当理由耽误法定申请期限的，申请期限自障碍消除之日起继续计算。"
)
ART62 = "第六十二条　适用普通程序审理的行政复议案件，行政复议机关应当自受理申请之日起六十日内作出行政复议决定；情况复杂的，经批准可以适当延长，但是延长期限最多不得超过三十日。"
ART_SHORT = "第三十条　行政复议机关收到行政复议申请后，应当在五日内进行审查。补正材料的期限为二十个工作日。"
REPORT = (
    "3. 规范资源管理秩序。聚焦非法采砂采土等问题，组织联合巡查150余次，扣押涉嫌违法车辆18辆。"
    "全年受理各类线索233条，罚没收入约237万元。"
)
REPORT2 = "（二）严守耕地保护红线。全市耕地保有量 40.13 万亩，2025年9月完成年度变更调查，整改问题图斑三个月内全部销号。"


def law(text: str, article: str, no: int, title: str = "中华人民共和国行政复议法") -> Chunk:
    return Chunk(
        chunk_id=f"law-{no}", doc_type="law", title=title, short_title=title.replace("中华人民共和国", ""),
        version="2023-09-01", is_current=True, article=article, article_no=no, part=None,
        heading_path=("第三章 行政复议申请",), section=None, text=text, source="laws/行政复议法(2023-09-01).md",
    )


def report(text: str, section: str) -> Chunk:
    return Chunk(
        chunk_id=f"rep-{section}", doc_type="report", title="孟州市自然资源和规划局2025年法治政府建设工作报告",
        short_title="2025年法治政府建设工作报告", version=None, is_current=True, article=None, article_no=None,
        part=None, heading_path=("一、",), section=section, text=text, source="report/report.txt",
    )


@pytest.fixture
def a20() -> Chunk:
    return law(ART20, "第二十条", 20)


@pytest.fixture
def a62() -> Chunk:
    return law(ART62, "第六十二条", 62)


@pytest.fixture
def rep() -> Chunk:
    return report(REPORT, "二、（一）3")


@pytest.fixture
def rep2() -> Chunk:
    return report(REPORT2, "一、（二）")


# --- building blocks -------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("六十日内", {(Decimal(60), "日")}),
    ("60 天", {(Decimal(60), "日")}),
    ("二十个工作日", {(Decimal(20), "工作日")}),
    ("20个工作日", {(Decimal(20), "工作日")}),
    ("三个月", {(Decimal(3), "个月")}),
    ("40.13 万亩", {(Decimal("401300"), "亩")}),
    ("约237万元", {(Decimal(2370000), "元")}),
    ("二百三十七万元", {(Decimal(2370000), "元")}),
    ("2025年9月", {(Decimal(2025), "年"), (Decimal(9), "月")}),
    ("150余次", {(Decimal(150), "次")}),
    ("百分之二十五", {(Decimal(25), "%")}),
    ("编号233", {(Decimal(233), "")}),
    ("依照第二十条第一款", set()),  # article labels are checked separately, not as amounts
    ("主要有三个方面，统一一次性告知", set()),  # counting words in prose
])
def test_figures(text, expected):
    assert figures(text) == expected


def test_split_sentences_round_trips_and_keeps_trailing_markers():
    line = "申请期限为六十日。[1]逾期的，「不予受理」。[2][3]最后一句没有句号[1]"
    parts = split_sentences(line)
    assert "".join(parts) == line
    assert parts == ["申请期限为六十日。[1]", "逾期的，「不予受理」。[2][3]", "最后一句没有句号[1]"]


def test_marker_variants_are_normalised():
    assert normalise_markers("见【1】和［2］，以及[1, 3]、[2，4]") == "见[1]和[2]，以及[1][3]、[2][4]"


@pytest.mark.parametrize("sentence, fact", [
    ("**申请期限**", False),
    ("一、办理流程", False),
    ("# 申请期限", False),
    ("- 不予受理", True),  # list items are content, even without a full stop
    ("2. 可以申请复议", True),
    ("- 需要准备以下材料：", False),
    ("具体规定如下：", False),
    ("综上所述，", False),
    ("不能申请行政复议。", True),
    ("期限为六十日", True),  # a figure always makes it a fact, however short
    (CITIZEN_DISCLAIMER, False),
])
def test_states_fact(sentence, fact):
    assert states_fact(sentence) is fact


# --- whole answers -----------------------------------------------------------------------------


def test_good_answer_is_kept_verbatim_with_exact_quotes(a20, rep):
    text = "公民可以自知道该行政行为之日起六十日内提出行政复议申请[1]。全年受理各类线索233条，罚没收入约237万元[2]。"
    v = verify_answer(text, [a20, rep])
    assert v == Verified(v.text, v.citations, (), 0)
    assert v.text == text
    assert [(c.n, c.chunk.chunk_id) for c in v.citations] == [(1, "law-20"), (2, rep.chunk_id)]
    assert v.citations[0].quote.endswith("六十日内提出行政复议申请；")
    assert v.citations[1].quote == "全年受理各类线索233条，罚没收入约237万元。"
    assert all(c.quote in c.chunk.text for c in v.citations)


def test_markers_are_renumbered_in_order_of_first_appearance(a20, a62, rep):
    text = "巡查150余次[3]。复议申请期限为六十日[1]，决定期限为六十日[2][1]。"
    v = verify_answer(text, [a20, a62, rep])
    assert v.text == "巡查150余次[1]。复议申请期限为六十日[2]，决定期限为六十日[3][2]。"
    assert [c.chunk.chunk_id for c in v.citations] == [rep.chunk_id, "law-20", "law-62"]
    assert v.removed == 0


@pytest.mark.parametrize("sentence", [
    "申请期限为60天[1]。", "申请期限为60日[1]。", "申请期限为六十日[1]。", "申请期限为 60 日[1]。",
])
def test_equivalent_figures_are_accepted(a20, sentence):
    assert verify_answer(sentence, [a20]).text == sentence


@pytest.mark.parametrize("sentence", [
    "耕地保有量为40.13万亩[1]。", "2025年9月完成年度变更调查[1]。", "问题图斑须在3个月内销号[1]。",
])
def test_report_figures_in_other_notation(rep2, sentence):
    assert verify_answer(sentence, [rep2]).text == sentence


def test_working_days_are_not_calendar_days():
    chunk = law(ART_SHORT, "第三十条", 30)
    assert verify_answer("补正材料的期限为20个工作日[1]。", [chunk]).removed == 0
    assert verify_answer("补正材料的期限为20日[1]。", [chunk]).text == ""


def test_wrong_figure_sentence_is_removed_with_notice(a20, rep):
    text = "申请期限为九十日[1]。全年受理各类线索233条[2]。"
    v = verify_answer(text, [a20, rep])
    assert v.text == "全年受理各类线索233条[1]。"
    assert v.removed == 1
    assert v.notices == ("已删除 1 句：其中的数字、条文或引文在所引资料中找不到。",)
    assert [c.chunk.chunk_id for c in v.citations] == [rep.chunk_id]


@pytest.mark.parametrize("sentence, ok", [
    ("全年受理各类线索233条[1]。", True),
    ("线索编号共233个[1]。", False),  # the right number with another unit is another fact
    ("全年受理各类线索23条[1]。", False),  # a prefix of 233 is not 233
    ("全年受理2330条线索[1]。", False),
    ("扣押车辆18辆，线索233[1]。", True),  # a bare number only needs the value
    ("扣押车辆19辆[1]。", False),
])
def test_bare_and_partial_numbers(rep, sentence, ok):
    assert (verify_answer(sentence, [rep]).removed == 0) is ok


def test_figure_must_be_in_a_cited_passage_not_just_any_passage(a20, rep):
    # 233 is in [2], not in [1]: the claim is not kept as cited. Issue 15 changed what happens next: a claim
    # that another given passage supports is re-pointed to it, with a notice (before: removed), and shown in
    # that passage's words with a visible mark (this session).
    v = verify_answer("全年受理各类线索233条[1]。", [a20, rep])
    assert v.text == "「全年受理各类线索233条，罚没收入约237万元」[1]（出处已更正）。" and v.removed == 0 and v.repointed == 1
    assert [c.chunk.chunk_id for c in v.citations] == [rep.chunk_id]
    assert v.notices == ("已将 1 句的出处改为实际支持它的资料（句中标有“出处已更正”）。",)
    assert verify_answer("全年受理各类线索233条[1]。", [a20]).text == ""  # nowhere supported: removed


def test_sentence_citing_two_passages_may_draw_figures_from_either(a20, rep):
    v = verify_answer("复议申请期限为六十日，去年受理线索233条[1][2]。", [a20, rep])
    assert v.removed == 0 and len(v.citations) == 2


@pytest.mark.parametrize("sentence, ok", [
    ("《行政复议法》第二十条规定了申请期限[1]。", True),
    ("依照第20条，申请期限为六十日[1]。", True),
    ("《行政复议法》第二十一条规定了申请期限[1]。", False),
    ("《行政诉讼法》第二十条规定了申请期限[1]。", False),  # the cited passage is another law
    ("《中华人民共和国行政复议法》第二十条规定了申请期限[1]。", True),
])
def test_article_labels_and_titles(a20, sentence, ok):
    assert (verify_answer(sentence, [a20]).removed == 0) is ok


def test_article_named_in_the_passage_text_is_accepted():
    chunk = law("第二十一条　依照本法第二十条的规定申请行政复议的，应当提交申请书。", "第二十一条", 21)
    assert verify_answer("申请人依照第二十条申请复议的，应当提交申请书[1]。", [chunk]).removed == 0


@pytest.mark.parametrize("sentence, ok", [
    ("法律规定「申请期限自障碍消除之日起继续计算」[1]。", True),
    ("法律规定“申请期限自障碍消除 之日起继续计算。”[1]", True),  # whitespace and end punctuation ignored
    ("法律规定「申请期限自障碍消除之日起重新计算」[1]。", False),
    ("这叫「正当理由」[1]。", True),  # short quotes are terms, not citations
])
def test_quotations_must_be_verbatim(a20, sentence, ok):
    assert (verify_answer(sentence, [a20]).removed == 0) is ok


def test_uncited_fact_removed_but_headings_and_disclaimer_kept(a20):
    text = f"**申请期限**\n申请期限一般为六十日[1]。\n逾期的一律不予受理。\n{CITIZEN_DISCLAIMER}"
    v = verify_answer(text, [a20])
    assert v.text == f"**申请期限**\n申请期限一般为六十日[1]。\n{CITIZEN_DISCLAIMER}"
    assert v.notices == ("已删除 1 句：没有标注出处。",)


def test_out_of_range_marker_removes_the_sentence(a20):
    v = verify_answer("申请期限为六十日[1]。期限可以延长[3]。", [a20])
    assert v.text == "申请期限为六十日[1]。"
    assert v.notices == ("已删除 1 句：引用了不存在的资料编号。",)


def test_unrelated_citation_is_removed(a20, rep):
    v = verify_answer("申请期限为六十日[1]。国家鼓励开展植树造林活动[2]。", [a20, rep])
    assert v.text == "申请期限为六十日[1]。"
    assert v.notices == ("已删除 1 句：所引资料与该句内容无关。",)


def test_list_items_keep_their_lines(a20, a62):
    text = "要点如下：\n1. 申请期限：六十日[1]；\n2. 决定期限：六十日，最多延长三十日[2]。\n3. 没有出处的说法。"
    v = verify_answer(text, [a20, a62])
    assert v.text == "要点如下：\n1. 申请期限：六十日[1]；\n2. 决定期限：六十日，最多延长三十日[2]。"
    assert v.removed == 1


def test_dangling_lead_in_is_dropped_when_its_items_are_removed(a20):
    v = verify_answer("申请期限为六十日[1]。\n另外还需注意：\n- 期限为九十日[1]。", [a20])
    assert v.text == "申请期限为六十日[1]。"


def test_nothing_left_returns_empty_text_with_notice(a20):
    v = verify_answer("申请期限是六十日。期限可以延长。", [a20])
    assert v.text == "" and v.citations == () and v.removed == 2
    assert v.notices == ("已删除 2 句：没有标注出处。", NOTHING_LEFT)


def test_no_answer_reply_passes_through(a20):
    for reply in (NO_ANSWER, f"{NO_ANSWER}。", f"{NO_ANSWER}\n\n{CITIZEN_DISCLAIMER}"):
        assert verify_answer(reply, [a20]) == Verified(NO_ANSWER, (), (), 0)


def test_empty_reply(a20):
    v = verify_answer("", [a20])
    assert v.text == "" and v.notices == (NOTHING_LEFT,)


def test_quote_prefers_the_sentence_that_supports_the_claim(a20):
    v = verify_answer("因不可抗力耽误期限的，申请期限自障碍消除之日起继续计算[1]。", [a20])
    assert v.citations[0].quote == "因不可抗力或者其他正当理由耽误法定申请期限的，申请期限自障碍消除之日起继续计算。"


def test_verified_is_frozen(a20):
    v = verify_answer("申请期限为六十日[1]。", [a20])
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.text = "x"


# --- quotations spanning sentences (the extractive composer's format) ---------------------------------


def test_quoted_article_spanning_sentences_and_lines_is_one_unit(a20):
    text = f"根据《中华人民共和国行政复议法》第二十条规定：“{ART20[6:]}”[1]"
    assert split_sentences(text.replace("\n", " ")) == [text.replace("\n", " ")]
    v = verify_answer(text, [a20])
    assert v.text == text and v.removed == 0


def test_quoted_report_passage_with_section_label(rep):
    text = f"根据《{rep.title}》二、（一）3部分记载：“全年受理各类线索233条，罚没收入约237万元。”[1]"
    assert verify_answer(text, [rep]).text == text


def test_stray_open_quote_does_not_swallow_the_next_paragraph(a20):
    v = verify_answer("他说“申请期限为六十日[1]。\n\n逾期不予受理。", [a20])
    assert v.text == "他说“申请期限为六十日[1]。" and v.removed == 1
