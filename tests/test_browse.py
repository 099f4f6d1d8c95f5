"""Browse lookups: every form a user types resolves to the right law, version, article, 款 or report section,
or says why not; the report's 目录 links to its sections."""
import pytest

from app.browse import References, Status, parse_reference
from app.render import document_html
from app.render_markup import section_anchor, toc_html


@pytest.fixture(scope="module")
def refs(corpus_chunks):
    return References(corpus_chunks[0])


@pytest.mark.parametrize("text, version, article", [
    ("宪法第十条", "2018-03-11", "第十条"),  # a two-character short title
    ("《中华人民共和国宪法》第十条", "2018-03-11", "第十条"),
    ("行政复议法第九条", "2023-09-01", "第九条"),
    ("行政复议法(2017)第九条", "2017-09-01", "第九条"),
    ("行政复议法（2017年）第九条", "2017-09-01", "第九条"),
    ("行政复议法2017版第九条", "2017-09-01", "第九条"),
    ("行政复议法2017年版 第九条", "2017-09-01", "第九条"),
    ("行政复议法旧法第九条", "2017-09-01", "第九条"),
    ("修订前的行政复议法第九条", "2017-09-01", "第九条"),
    ("行政復議法第九條", "2023-09-01", "第九条"),  # traditional characters
    ("土地管理法第47条", "2019-08-26", "第四十七条"),
    ("土地管理法 47", "2019-08-26", "第四十七条"),
    ("土地管理法实施条例第十条", "2021-07-02", "第十条"),  # the longer title wins
])
def test_forms_resolve_to_the_article(refs, text, version, article):
    res = refs.resolve(text)
    assert res.status is Status.FOUND, res.message
    assert res.version == version and {c.article for c in res.targets} == {article}


def test_unknown_version_article_and_paragraph_are_said(refs):
    res = refs.resolve("行政复议法(2015)第九条")
    assert res.status is Status.NO_VERSION and res.message == "行政复议法没有 2015 年版本，现有 2017、2023"
    res = refs.resolve("行政复议法第二百条")
    assert res.status is Status.NO_ARTICLE and res.message == "《中华人民共和国行政复议法》(2023) 没有第二百条"
    assert refs.resolve("土地管理法第四十七条第九款").status is Status.NO_PARAGRAPH
    assert "只收录了一个版本" in refs.resolve("宪法旧法第十条").message
    res = refs.resolve("民法典第1条")
    assert res.status is Status.NO_TITLE and "没有找到“民法典第1条”" in res.message
    assert refs.resolve("  ").status is Status.EMPTY


def test_paragraph_and_whole_law(refs):
    res = refs.resolve("土地管理法第四十七条第二款")
    assert res.found and res.reference.paragraph == 2
    whole = refs.resolve("宪法")
    assert whole.found and not whole.targets and "条号" in whole.message


@pytest.mark.parametrize("text, section", [
    ("报告 一、（四）2", "一、（四）2"), ("一、(四)2", "一、（四）2"), ("工作报告一（四）2", "一、（四）2"),
    ("报告（四）2", "一、（四）2"), ("报告 三、", None),
])
def test_report_sections(refs, text, section):
    res = refs.resolve(text)
    assert res.found and res.targets, res.message
    if section:
        assert {c.section for c in res.targets} == {section}
    else:
        assert res.targets[0].section.startswith("三、")


def test_unknown_report_section(refs):
    res = refs.resolve("报告 一、（九）")
    assert res.status is Status.NO_SECTION and "一、（九）" in res.message


def test_parse_reference_is_pure():
    ref = parse_reference("《示例法》（2020年修订版）第十条之一第三款", {"中华人民共和国示例法": "示例法"})
    assert (ref.title, ref.year, ref.article_no, ref.sub, ref.paragraph) == ("中华人民共和国示例法", "2020", 10, 1, 3)
    assert ref.article == "第十条之一"


def test_report_toc_links_to_section_anchors(refs):
    report = [c for c in refs.chunks if c.doc_type == "report"]
    toc = toc_html(report)
    assert toc.count("<li") == len({c.heading_path[:d + 1] for c in report for d in range(len(c.heading_path))})
    first = next(c for c in report if c.heading_path)
    target = section_anchor(first.source, first.heading_path[:1])
    assert f'href="#{target}"' in toc and f'id="{target}"' in document_html(report)
    assert toc_html([]) == ""


def test_browser_callbacks_jump_section_and_toc(refs):
    from app.ui.views import BrowserCallbacks
    from tests.fake_service import FakeService

    svc = FakeService()
    cb = BrowserCallbacks(svc)
    key, view, notice = cb.section("一、（四）3")
    assert key.startswith("工作报告|") and view.count("ld-target") == 2 and notice == ""
    assert "目录" in cb.toc(key) and cb.toc("法律|x|") == "" and cb.toc(None) == ""
    key, view, notice = cb.jump("行政复议法(2015)第九条")
    assert key is None and "没有 2015 年版本" in notice
    key, view, notice = cb.jump("行政复议法（2017年）第九条")
    assert key == "法律|中华人民共和国行政复议法|2017-09-01" and "ld-target" in view
    assert "请输入" in cb.section(" ")[2]
