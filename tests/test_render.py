"""app.render: pure Markdown/HTML rendering; everything from users and documents stays inert."""
from app import render
from app.schema import Answer, Citation, Hit, KBStats
from tests.fake_service import FYF9, FYF20, REP_A, REP_B, TDF46, TDF47A, TDF47B, FakeService

XSS = "<img src=x onerror=alert(1)>"


def _answer(text, cites=(), **kw):
    return Answer("问", "问", text, tuple(cites), kw.pop("declined", False), kw.pop("mode", "extractive"), **kw)


def test_answer_markdown_links_cited_markers_golden():
    a = _answer("期限为六十日[1]，另见[3]。", [Citation(1, FYF20, "六十日")])
    assert render.answer_markdown(a, 2) == "期限为六十日[\\[1\\]](#src-2-1)，另见\\[3\\]。"


def test_answer_markdown_escapes_html_and_markdown():
    a = _answer(f"**粗** {XSS} [x](javascript:alert(1)) $x$[1]", [Citation(1, FYF20, "六十日")])
    md = render.answer_markdown(a, 1)
    assert "<img" not in md and "&lt;img src=x onerror=alert\\(1\\)&gt;" in md
    assert "\\*\\*粗\\*\\*" in md and "\\[x\\]\\(javascript:alert\\(1\\)\\)" in md and "\\$x\\$" in md
    assert md.endswith("[\\[1\\]](#src-1-1)")


def test_md_inert_neutralises_line_starts():
    assert render.md_inert("1. 第一\n# 标题\n- 项\n> 引") == "1\\. 第一\n\\# 标题\n\\- 项\n&gt; 引"


def test_declined_answer_lists_related_and_notices():
    a = _answer("没有找到依据。", declined=True, notices=("未找到依据",),
                related=(Hit(TDF46, 0.2, ("lexical",)),))
    md = render.answer_markdown(a, 1)
    assert "可能相关" in md and "《中华人民共和国土地管理法》\\(2019\\) 第四十六条" in md
    assert md.endswith("> 提示：未找到依据")


def test_highlight_marks_quote_and_escapes():
    assert render.highlight("甲<b>乙</b>丙\n丁", "乙</b>丙") == "甲&lt;b&gt;<mark>乙&lt;/b&gt;丙</mark><br>丁"
    assert render.highlight("甲乙", "不在") == "甲乙"
    assert render.highlight("甲乙", "") == "甲乙"


def test_sources_block_shows_title_version_article_quote_and_context():
    a = _answer("公告[1]并公告三十日[2]。", [Citation(1, TDF47A, "予以公告"), Citation(2, TDF47B, "公告至少三十日")])
    html = render.sources_block(a, 3, {TDF47A.chunk_id: [TDF47A, TDF47B]})
    assert 'id="src-3-1"' in html and 'id="src-3-2"' in html
    assert "《中华人民共和国土地管理法》" in html and "第四十七条（第1部分）" in html
    assert "2019-08-26 版 · 现行有效" in html and "第五章 建设用地" in html
    assert "<mark>予以公告</mark>" in html and "查看全文" in html
    assert '<p class="ld-ctx ld-focus">' in html  # the cited part marked inside the whole article
    assert "暂无全文" in html  # citation 2 had no context supplied


def test_sources_block_old_version_and_report_section():
    a = _answer("旧法[1]；报告[2]。", [Citation(1, FYF9, "六十日"), Citation(2, REP_A, "233 条")])
    html = render.sources_block(a, 1, {})
    assert "2017-09-01 版 · 已修订（旧版）" in html
    assert "一、（四）3" in html and "（四）坚守监管底线，依法规范资源管理" in html


def test_sources_block_escapes_question_and_passages():
    a = Answer(XSS, XSS, "x", (), True, "extractive", related=(Hit(FYF20, 0.1, ()),))
    html = render.sources_block(a, 1, {})
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html and "可能相关" in html


def test_sources_panel_newest_first_and_empty():
    assert "提问后" in render.sources_panel([])
    assert render.sources_panel(["<a>", "<b>"]) == '<div class="ld-sources"><b><a></div>'


def test_notices_and_header():
    assert render.notices_html(["<x>", ""]) == '<div class="ld-notice" role="status">&lt;x&gt;</div>'
    s = KBStats(documents=47, laws=45, law_versions=47, articles=2700, report_sections=20, other_docs=0, chunks=3000)
    h = render.header_html(s, public=True)
    assert "法律法规 45 部（47 个版本）" in h and "条文 2700 条" in h and "（20 节）" in h and "群众" in h
    assert "工作人员版" in render.header_html(None, public=False)
    library = render.header_html(KBStats(1512, 1500, 1512, 62000, 0, 0, 67000), public=True, title="法律法规问答")
    assert "<h1>法律法规问答</h1>" in library and "工作报告" not in library


def test_law_choices_grouped_in_category_order():
    labels = [label for label, _ in render.law_choices(FakeService().laws())]
    assert labels[0].startswith("法律｜") and labels[-1].startswith("工作报告｜")
    assert "法律｜中华人民共和国行政复议法（2017-09-01，旧版）" in labels
    key = render.law_key(FakeService().laws()[0])
    assert render.split_law_key(key) == ("法律", "中华人民共和国行政复议法", "2023-09-01")


def test_document_html_headings_target_and_escaping():
    html = render.document_html([TDF46, TDF47A, TDF47B], {TDF47A.chunk_id})
    assert html.count("第五章 建设用地") == 1  # heading printed once for the run of articles under it
    assert f'class="ld-art ld-target" id="art-{TDF47A.chunk_id}"' in html
    report = render.document_html([REP_A, REP_B])
    assert report.count("一、主要工作举措及成效") == 1 and '<span class="ld-sec">一、（四）3</span>' in report
    assert "没有可显示的内容" in render.document_html([])


def test_laws_overview_groups():
    html = render.laws_overview_html(FakeService().laws())
    assert "法律（3）" in html and "工作报告（1）" in html and "行政法规" not in html


def test_document_text_is_escaped_in_every_view():
    from dataclasses import replace
    evil = replace(TDF46, text=f"第四十六条　{XSS}<script>alert(1)</script>")
    for html in (render.document_html([evil]), render.highlight(evil.text, "alert"),
                 render.context_html([evil], evil, None), render.passage_head(replace(evil, title=XSS))):
        assert "<img" not in html and "<script" not in html


def test_laws_overview_lists_every_level():
    from app.schema import LawInfo
    kinds = ("法律", "司法解释", "行政法规", "部门规章", "地方性法规", "其他文件")
    laws = [LawInfo(f"示例{k}", f"示例{k}", None, True, k, 1, f"x/{k}.md") for k in kinds]
    html = render.laws_overview_html(laws)
    assert all(f"{k}（1）" in html for k in kinds)
