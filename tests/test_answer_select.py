"""Sentence selection, the opening line, low-confidence wording and the audience registry, on short texts written
here (golden: the exact sentences chosen)."""
from __future__ import annotations

from app.answer import extractive as ex
from app.answer.opening import opening_line
from app.answer.select import Scorer, question_parts, select, units
from app.audiences import AUDIENCES, Audience, audience, keys
from app.patterns import QType, question_types
from app.schema import Chunk, Hit, HitSource
from app.text import tokenize

SCORER = Scorer(tokenize, lambda _t: 1.0)

ART = ("第十条　申请人申请示例许可，应当提交申请书和身份证明。\n"
       "示例机关应当自受理申请之日起二十日内作出决定；二十日内不能作出决定的，经本机关负责人批准，可以延长十日。\n"
       "示例机关受理申请，不得收取任何费用。\n"
       "有下列情形之一的，不予许可：\n（一）申请材料虚假的；\n（二）申请人不具备条件的。")


def law(text: str = ART, n: int = 10) -> Chunk:
    label = {10: "第十条", 11: "第十一条"}[n]
    return Chunk(f"c{n}", "law", "示例许可条例", "示例许可条例", "2024-01-01", True, label, n, None, (), None,
                 text, "laws/示例许可条例(2024-01-01).md")


def test_units_keep_a_list_with_its_lead_in():
    us = [u.text for u in units(ART)]
    assert "有下列情形之一的，不予许可：\n（一）申请材料虚假的；\n（二）申请人不具备条件的。" in us
    assert all(ART[u.start:u.end] == u.text for u in units(ART))


def test_each_question_type_picks_the_sentence_that_answers_it():
    def best(q: str) -> str:
        return select(ART, q, SCORER, whole_limit=0).best.text

    assert "二十日内作出决定" in best("示例许可多长时间内作出决定？")
    assert best("申请示例许可要交钱吗？") == "示例机关受理申请，不得收取任何费用。"
    assert best("哪些情形不予许可？").startswith("有下列情形之一的，不予许可：\n（一）")


def test_a_two_part_question_gets_a_unit_per_part():
    assert question_parts("许可多长时间内作出决定？能否延长？") == ["许可多长时间内作出决定", "能否延长"]
    sel = select(ART, "示例许可多长时间内作出决定？申请要收费吗？", SCORER, whole_limit=0)
    texts = [u.text for u in sel.per_part]
    assert any("二十日内" in t for t in texts) and any("不得收取" in t for t in texts)
    assert all(p in ART for p in sel.pieces)


def test_a_short_article_is_quoted_whole_without_its_label():
    sel = select("第二条　本条例适用于示例许可。", "适用范围", SCORER)
    assert sel.pieces == ("本条例适用于示例许可。",)


def test_the_opening_line_leaves_out_the_articles_label():
    s = "第三十八条　示例机关应当自受理申请之日起二十日内作出决定；二十日内不能作出决定的，可以延长十日。"
    assert opening_line(s, (QType.DEADLINE,), plain=False) == "期限：示例机关应当自受理申请之日起二十日内作出决定。"


def test_opening_lines_are_cut_from_the_sentence():
    s = "示例机关应当自受理申请之日起二十日内作出决定；二十日内不能作出决定的，可以延长十日。"
    assert opening_line(s, (QType.DEADLINE,), plain=False) == "期限：示例机关应当自受理申请之日起二十日内作出决定。"
    assert opening_line(s, (QType.DEADLINE,), plain=True) == "一般是示例机关应当自受理申请之日起二十日内作出决定。"
    fee = "示例机关受理申请，不得收取任何费用。"
    assert opening_line(fee, (QType.FEE,), plain=True) == "不收费。不得收取任何费用。"
    assert opening_line(fee, (QType.FEE,), plain=False) == "费用：不得收取任何费用。"
    ban = "行政机关不得因当事人陈述、申辩而给予更重的处罚。"
    asked = "能不能因为申辩从重处罚？"
    assert opening_line("当事人有权陈述申辩；" + ban, question_types(asked), plain=True, question=asked) \
        == "不可以。行政机关不得因当事人陈述、申辩而给予更重的处罚。"
    assert opening_line("本条例适用于示例许可。", (), plain=False) is None


def test_an_exception_clause_is_no_direct_answer_and_no_need_is_not_a_duty():
    asked = "屋后自己种的树要砍，要不要办采伐手续？"
    s = "采伐房前屋后个人所有的零星林木，不需要申请采伐许可证，但应当符合林木采伐技术规程。"
    assert opening_line(s, question_types(asked), plain=True, question=asked) == "不需要。不需要申请采伐许可证。"
    deadline = "申请期限自知道之日起计算，但是最长不得超过一年。"
    assert opening_line(deadline, (QType.DEADLINE,), plain=False, question="申请期限多长？") is None
    assert opening_line(deadline, (QType.DEADLINE,), plain=False, question="申请期限有没有例外？") \
        == "期限：但是最长不得超过一年。"


def test_a_confident_answer_opens_with_the_line_then_quotes_and_cites():
    hit = Hit(law(), 1.0, (HitSource.LEXICAL,))
    text, cites = ex.compose(ex.choose([hit], "申请示例许可要交钱吗？", False, SCORER, plain=False), "staff")
    assert text.startswith("费用：不得收取任何费用。[1]") and "根据《示例许可条例》第十条规定" in text
    assert all(c.quote in c.chunk.text for c in cites)


def test_a_low_confidence_answer_never_states_the_law():
    hits = [Hit(law(), 1.0, (HitSource.LEXICAL,)), Hit(law("第十一条　示例许可证有效期为三年。", 11), 0.9, ())]
    text, cites = ex.compose_unsure(hits, "示例许可到底怎么办才能快？", SCORER)
    assert "根据" not in text and "规定：" not in text
    assert text.startswith("1. 《示例许可条例》第十条：“") and len(cites) == 2
    assert all(c.quote in c.chunk.text for c in cites)


def test_the_audience_registry_drives_every_audience():
    assert keys() == [str(a) for a in Audience]
    for spec in AUDIENCES.values():
        assert spec.label and spec.prompt_style and spec.examples
    assert audience("nobody").key is Audience.STAFF and audience(None).key is Audience.STAFF
    assert audience("citizen").plain and audience("citizen").disclaimer
    assert ex.audience_suffix("citizen", "答案") .strip() == audience("citizen").closing


def test_everyday_words_find_their_statute_sentence_by_shared_characters():
    text = ("第六十二条　农村村民一户只能拥有一处宅基地。\n"
            "农村村民建住宅，应当符合村庄规划，并尽量使用原有的宅基地和村内空闲地。\n"
            "农村村民出卖、出租、赠与住宅后，再申请宅基地的，不予批准。")
    best = select(text, "村民把原有住房卖掉或者租出去以后，又来申请宅基地，能不能批？", SCORER, whole_limit=0).best.text
    assert best == "农村村民出卖、出租、赠与住宅后，再申请宅基地的，不予批准。"


def test_how_many_years_or_months_asks_for_a_time_limit():
    assert QType.DEADLINE in question_types("这个探矿权能管多少年？")
    assert QType.DEADLINE in question_types("临时用地最长能用几年？")
    assert QType.DEADLINE in question_types("要提前几个月告知？")


def test_no_extension_or_penalty_topic_as_the_direct_answer_unless_asked():
    s = "行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，延长的期限最长不得超过20个工作日。"
    q = "信息公开申请多久答复？"
    assert opening_line(s, question_types(q), plain=False, question=q) == "期限：应当自收到申请之日起20个工作日内予以答复。"
    q2 = "答复期限最长能延长多久？"
    assert "延长" in (opening_line(s, question_types(q2), plain=False, question=q2) or "")
    hearing = "行政机关拟作出下列行政处罚决定，应当告知当事人有要求听证的权利。"
    q3 = "行政处罚听证要自己出钱吗？"
    assert opening_line(hearing, question_types(q3), plain=True, question=q3) is None


def test_a_special_case_sentence_answers_only_a_question_about_that_case():
    text = ("第二十条　公民认为行政行为侵犯其合法权益的，可以自知道该行政行为之日起六十日内提出行政复议申请；"
            "但是法律规定的申请期限超过六十日的除外。\n"
            "行政机关作出行政行为时，未告知公民申请行政复议的权利和申请期限的，申请期限自公民知道申请行政复议的权利"
            "和申请期限之日起计算，但是最长不得超过一年。")
    plain = select(text, "申请行政复议的期限是多长时间？", SCORER, whole_limit=0)
    assert "六十日" in plain.best.text
    asked = select(text, "行政机关没告知申请期限，申请行政复议的期限怎么算？", SCORER, whole_limit=0)
    assert "未告知" in asked.best.text


def test_a_clause_ending_in_a_semicolon_runs_on_to_the_clause_that_takes_up_its_words():
    text = ("第十一条　示例公告发布后，任何单位和个人不得在示例范围内抢建示例设施；违反规定抢建示例设施的，对抢建部分不予补偿；"
            "管理机关应当另行公布办理时限。\n示例公告期限不少于十日。")
    pieces = select(text, "公告后 抢建", SCORER, whole_limit=0).pieces
    assert pieces == ("示例公告发布后，任何单位和个人不得在示例范围内抢建示例设施；违反规定抢建示例设施的，对抢建部分不予补偿；",)
    # a next clause on another matter is not pulled in
    other = select(text, "对抢建部分补偿吗", SCORER, whole_limit=0).pieces
    assert all("另行公布" not in p for p in other)
