"""Version comparison: alignment across renumbering, classification, counts, summary, exports."""
from __future__ import annotations

import json

import docx
import pytest

from app.chunking.law import parse_law
from app.training import TrainingError, find_versions
from app.training.commands import main_for_tests
from app.training.diff import diff_law, mark_changes, summarise_diff
from app.training.export import diff_docx, diff_markdown, marked_markdown



@pytest.fixture(scope="module")
def chunks(corpus_chunks):
    return corpus_chunks[0]


@pytest.fixture(scope="module")
def fuyi(chunks):
    return diff_law(chunks, "行政复议法", 2017, 2023)


def _pair(diff, to_article=None, from_article=None):
    for p in diff.pairs:
        if (to_article is None or (p.to_article and p.to_article.label == to_article)) and \
                (from_article is None or (p.from_article and p.from_article.label == from_article)):
            return p
    raise AssertionError(f"no pair {from_article} -> {to_article}")


def test_article_counts_add_up(fuyi):
    s = fuyi.summary
    assert s["removed"] + s["modified"] + s["unchanged"] == 43
    assert s["added"] + s["modified"] + s["unchanged"] == 90
    assert len(fuyi.pairs) == sum(s.values())
    assert sum(c.added + c.removed + c.modified + c.unchanged for c in fuyi.chapters) == len(fuyi.pairs)
    assert [c.chapter for c in fuyi.chapters][0] == "第一章 总则"


def test_renumbered_sixty_day_article_is_modified(fuyi):
    p = _pair(fuyi, from_article="第九条")
    assert p.to_article.label == "第二十条" and p.status == "modified"
    assert "六十日" in p.to_article.text


def test_new_twenty_and_five_year_limits_are_added(fuyi):
    p = _pair(fuyi, to_article="第二十一条")
    assert p.status == "added" and p.from_article is None
    assert "超过二十年" in p.to_article.text and "超过五年" in p.to_article.text


def test_unchanged_and_json_shape(fuyi):
    assert _pair(fuyi, from_article="第四十一条").status == "unchanged"
    data = fuyi.to_json()
    assert set(data) == {"title", "from", "to", "summary", "pairs"}
    assert (data["from"], data["to"]) == ("2017-09-01", "2023-09-01")
    assert set(data["summary"]) == {"added", "removed", "modified", "unchanged"}
    assert {"from_article": None, "to_article": "第二十一条", "status": "added"} in data["pairs"]
    json.dumps(data, ensure_ascii=False)


def test_mineral_law_diff_counts_add_up(chunks):
    diff = diff_law(chunks, "《中华人民共和国矿产资源法》", "2024-11-08", "2009")  # given backwards: still old -> new
    s = diff.summary
    assert (diff.old.version, diff.new.version) == ("2009-08-27", "2024-11-08")
    assert s["removed"] + s["modified"] + s["unchanged"] == 53
    assert s["added"] + s["modified"] + s["unchanged"] == 80
    assert s["modified"] >= 5  # e.g. 民族自治地方 (2009 第十条 -> 2024 第十三条)
    assert _pair(diff, from_article="第十条").to_article.label == "第十三条"


def test_summary_names_counts_and_articles(fuyi):
    text = summarise_diff(fuyi)
    s = fuyi.summary
    assert f"新增{s['added']}条" in text and f"删除{s['removed']}条" in text and f"修改{s['modified']}条" in text
    assert "2017年版共43条" in text and "2023年版共90条" in text
    assert "（原第" in text


def test_find_versions_and_errors(chunks):
    assert find_versions(chunks, "行政复议法") == ["2017-09-01", "2023-09-01"]
    with pytest.raises(TrainingError, match="同一版本"):
        diff_law(chunks, "行政复议法", 2023, "2023-09-01")


LAW_A = "# 示例法\n<!-- INFO END -->\n## 第一章 总则\n第一条 本法 适用于示例。\n第二条 申请人应当在三十日内申请。\n第三条 旧的规定。\n"
LAW_B = "# 示例法\n<!-- INFO END -->\n## 第一章 总则\n第一条 本法适用于示例。\n第二条 新增的规定，与旧文毫不相干。\n第三条 申请人应当在六十日内申请。\n"


def test_whitespace_is_not_a_change_and_renumbering_is_followed():
    fixture = parse_law(LAW_A, "laws/示例法(2020-01-01).md") + parse_law(LAW_B, "laws/示例法(2024-01-01).md")
    diff = diff_law(fixture, "示例法", 2020, 2024)
    assert [(p.from_article and p.from_article.label, p.to_article and p.to_article.label, p.status)
            for p in diff.pairs] == [("第一条", "第一条", "unchanged"), (None, "第二条", "added"),
                                     ("第二条", "第三条", "modified"), ("第三条", None, "removed")]


def test_word_marks():
    """Marked per jieba word, item markers whole: 三十日 -> 六十日, not 三 -> 六; （六） -> （七）, not 六 -> 七."""
    assert mark_changes("在三十日内申请", "在六十日内申请") == (("=", "在"), ("-", "三十日"), ("+", "六十日"),
                                                            ("=", "内申请"))
    assert marked_markdown("在三十日内申请", "在六十日内申请") == ("在<del>三十日</del>内申请", "在<ins>六十日</ins>内申请")
    runs = mark_changes("坚持便民的原则。\n（六）其他情形", "坚持为民、便民的原则。\n（七）其他情形")
    assert ("+", "为民、") in runs and ("-", "（六）") in runs and ("+", "（七）") in runs
    old, new = marked_markdown("申请<人>的", "申请&人的")  # the law's words are escaped inside and outside the marks
    assert "&lt;" in old and "&amp;" in new and "<人>" not in old


def test_markdown_marks_survive_cjk_punctuation(fuyi):
    """No ** or ~~ anywhere: emphasis next to 、，。 does not render in CommonMark and shows as stray asterisks."""
    md = diff_markdown(fuyi)
    assert "**" not in md and "~~" not in md
    assert md.count("<ins>") == md.count("</ins>") and md.count("<del>") == md.count("</del>")


def test_markdown_and_docx_reports(fuyi, tmp_path):
    md = diff_markdown(fuyi)
    assert "| 第九条" in md and "<ins>或者应当知道</ins>" in md and "<del>具体</del>" in md
    path = diff_docx(fuyi, tmp_path / "diff.docx")
    doc = docx.Document(str(path))
    runs = [r for t in doc.tables for row in t.rows for c in row.cells for para in c.paragraphs for r in para.runs]
    assert any(r.font.strike and "具体" in r.text for r in runs)
    assert any(r.bold and "或者应当知道" in r.text for r in runs)


def test_diff_command(chunks, capsys):
    assert main_for_tests(["diff", "行政复议法", "--from", "2017", "--to", "2023", "--format", "json"], chunks) == 0
    assert json.loads(capsys.readouterr().out)["summary"] == {"added": 54, "removed": 7, "modified": 35, "unchanged": 1}
    assert main_for_tests(["diff", "行政复议法", "--from", "2010"], chunks) == 2
    assert "2017年版、2023年版" in capsys.readouterr().err


def test_page_view_is_html_with_word_marks(fuyi, chunks):
    from app.training.export import diff_html
    from app.ui.training_tab import diff_callback

    page = diff_html(fuyi)
    assert "<ins>或者应当知道</ins>" in page and "<del>具体</del>" in page and "**" not in page
    view, files = diff_callback(lambda: chunks, "行政复议法", "2017", "")
    assert view == page and len(files) == 2
    view, files = diff_callback(lambda: chunks, "行政复议法", "2010", "")
    assert files is None and "无法生成" in view and 'role="status"' in view
