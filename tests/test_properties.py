"""Property-based tests (hypothesis) for the parsers and the Chinese-numeral conversion.

Parsers: never crash on any text; statute article numbers only grow; every chunk's text comes from the
input (compared whitespace-free, as the parsers rejoin lines); chunk ids are unique.
"""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings, strategies as st

from app.chunking import chunk_documents
from app.chunking.law import parse_law
from app.chunking.plain import parse_plain
from app.chunking.report import parse_report
from app.ingest.clean import strip_invisible
from app.retrieve.query import TitleIndex, analyse
from app.schema import Document
from app.text import article_label, cn_to_int, int_to_cn, to_halfwidth

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like the corpus: CJK, digits, Chinese numerals, punctuation, the odd Latin letter.
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
PIECES = st.sampled_from(list("的和或应当依法规定第条款章节一二三四五六七八九十百（）()、，。；：《》 0123456789.．")
                         + ["第三条", "第十条", "本法", "之一", "\u3000", "\t", "\u200b"])
LINE = st.lists(st.one_of(CJK, PIECES), min_size=1, max_size=40).map("".join).filter(lambda s: s.strip())
PARA = LINE.filter(lambda s: not s.strip().startswith("第"))  # a paragraph that does not open like an article
ANY_TEXT = st.text(max_size=600)


def squash(s: str) -> str:
    """Whitespace- and zero-width-free form with the bracket and dot variants the cleaners unify."""
    s = strip_invisible(s).replace("（", "(").replace("）", ")").replace("．", ".")
    return re.sub(r"\s+", "", s)


def assert_from_input(chunks, text: str) -> None:
    whole = squash(text)
    for c in chunks:
        for line in c.text.split("\n"):
            assert squash(line) in whole, (line, text)


# --- statutes -------------------------------------------------------------------------------------

@st.composite
def statutes(draw):
    """A statute in the corpus format: title, INFO END marker, chapters, articles with numbers that grow
    (with gaps), continuation paragraphs and cross-reference lines that begin with an earlier 第X条."""
    n = draw(st.integers(1, 25))
    numbers = sorted(draw(st.sets(st.integers(1, 400), min_size=n, max_size=n)))
    lines = [f"# {draw(LINE).strip() or '甲'}法", "", "<!-- INFO END -->", ""]
    for i, no in enumerate(numbers):
        if draw(st.integers(0, 6)) == 0:
            lines += [f"## 第{int_to_cn(i + 1)}章 {draw(LINE)}", ""]
        sep = draw(st.sampled_from([" ", "\u3000", "\t", "  "]))
        lines += [f"第{int_to_cn(no)}条{sep}{draw(LINE)}", ""]
        for _ in range(draw(st.integers(0, 2))):
            lines += [draw(PARA), ""]
        if i and draw(st.booleans()):  # a paragraph opening with a reference to an earlier article
            lines += [f"第{int_to_cn(numbers[0])}条 规定的{draw(LINE)}", ""]
    return "\n".join(lines), numbers


@FAST
@given(ANY_TEXT)
def test_law_parser_never_crashes(text):
    parse_law(text, "laws/x.md")
    chunks = chunk_documents([Document("laws/x.md", text, "law")])
    assert len({c.chunk_id for c in chunks}) == len(chunks)


def test_law_parser_repeated_zhi_article_is_not_a_new_article():
    chunks = parse_law("# 甲法\n\n第五条 甲\n\n第五条之一 乙\n\n第五条之一 乙\n\n第六条 丙\n", "laws/甲法.md")
    assert [c.article for c in chunks] == ["第五条", "第五条之一", "第六条"]


@FAST
@given(statutes())
def test_law_parser_articles_grow_come_from_input_and_ids_are_unique(doc):
    text, numbers = doc
    chunks = parse_law(text, "laws/甲法(2020-01-01).md")
    got = [c.article_no for c in chunks]
    assert sorted(set(got)) == numbers  # every article found, cross-references not taken for articles
    assert got == sorted(got)  # never decreasing (parts of one long article share its number)
    labels = list(dict.fromkeys(c.article for c in chunks))
    assert [cn_to_int(l[1:-1]) for l in labels] == numbers  # strictly increasing, one label each
    assert len({c.chunk_id for c in chunks}) == len(chunks)
    assert all(c.version == "2020-01-01" and c.doc_type == "law" for c in chunks)
    assert_from_input(chunks, text)


# --- work reports --------------------------------------------------------------------------------

@st.composite
def reports(draw):
    """A work report: title, 一、/（一）/1. headings, paragraphs (distinct, as in a real report), a date."""
    lines, seen = ["孟州市自然资源和规划局2025年法治政府建设工作报告", ""], set()
    for i in range(draw(st.integers(1, 4))):
        lines += [f"{'一二三四五六七八九十'[i]}、{draw(LINE)[:20]}", ""]
        for j in range(draw(st.integers(0, 3))):
            lines += [f"{draw(st.sampled_from(['（', '(']))}{'一二三四五六七八九十'[j]}"
                      f"{draw(st.sampled_from(['）', ')']))}{draw(LINE)}", ""]
            for k in range(draw(st.integers(0, 3))):
                body = draw(LINE)
                if body in seen:
                    continue
                seen.add(body)
                dot = draw(st.sampled_from([".", "．", "、"]))
                lines += [f"{k + 1}{dot}{body}。" if draw(st.booleans()) else f"{body}。", ""]
    lines += ["2025年12月31日"]
    return "\n".join(lines)


@FAST
@given(ANY_TEXT)
def test_report_parser_never_crashes(text):
    parse_report(text, "report/r.txt")


@FAST
@given(reports())
def test_report_parser_chunks_come_from_input_with_unique_ids(text):
    chunks = parse_report(text, "report/r.txt")
    assert len({c.chunk_id for c in chunks}) == len(chunks)
    assert all(c.section for c in chunks)
    assert_from_input(chunks, text)


def test_repeated_paragraph_in_a_section_gets_distinct_ids():
    """The parsers hash (source, version, section, text); chunk_documents gives a repeat a derived id."""
    text = "报告\n\n一、工作\n\n（一）规范管理\n\n完成了全部任务。\n\n完成了全部任务。\n\n2025年12月31日"
    chunks = chunk_documents([Document("report/r.txt", text, "report")])
    assert len(chunks) == 2 and len({c.chunk_id for c in chunks}) == 2


@FAST
@given(st.lists(st.sampled_from(["完成了全部任务。", "巡查150余次。", "（一）规范管理", "一、工作"]), max_size=30),
       st.sampled_from(["law", "report", "other"]))
def test_ids_unique_whatever_repeats(paragraphs, kind):
    text = "报告\n\n" + "\n\n".join(paragraphs)
    chunks = chunk_documents([Document("report/r.txt", text, kind)] * 2)  # the same document twice, too
    assert len({c.chunk_id for c in chunks}) == len(chunks)


@FAST
@given(ANY_TEXT)
def test_plain_parser_never_crashes_and_keeps_text(text):
    chunks = parse_plain(text, "user/x.txt")
    assert all(len(c.text) <= 500 for c in chunks)
    assert_from_input(chunks, text)


@FAST
@given(ANY_TEXT, st.sampled_from(["law", "report", "other"]))
def test_dispatch_never_crashes(text, kind):
    chunk_documents([Document("laws/x.md", text, kind)])


# --- numerals ------------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=99999))
def test_numeral_round_trip_to_99999(n):
    cn = int_to_cn(n)
    assert cn_to_int(cn) == n
    assert set(cn) <= set("零一二三四五六七八九十百千万")
    assert not cn.startswith("一十")  # statutes write 十条, not 一十条


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_digits_halfwidth_and_fullwidth(n):
    full = "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    assert cn_to_int(str(n)) == n and cn_to_int(full) == n and to_halfwidth(full) == str(n)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_cn_to_int_never_crashes(s):
    v = cn_to_int(s)
    assert v is None or (isinstance(v, int) and v >= 0)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=999))
def test_article_forms_are_one_reference(n):
    """第10条, 第十条, 第１０条 and 第 10 条 all name the same article."""
    titles = TitleIndex({"中华人民共和国土地管理法": "土地管理法"})
    full = "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    forms = [f"土地管理法第{n}条", f"土地管理法{article_label(n)}", f"土地管理法第{full}条",
             f"《土地管理法》第 {n} 条规定了什么？"]
    refs = {analyse(q, titles).articles for q in forms}
    assert len(refs) == 1 and next(iter(refs))[0].article_no == n
