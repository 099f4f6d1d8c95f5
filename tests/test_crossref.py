"""Cross-references inside articles become links to the article or 款 they name, only when it exists;
related_articles lists what a cited article relies on."""
from app.chunking.law import parse_law
from app.crossref import ArticleTable, anchor, find_links, related_articles
from app.render import context_html, document_html, sources_block
from app.schema import Answer, Citation

LAW = """# 中华人民共和国示例处罚法

<!-- INFO END -->

第一条 为了示例，制定本法。

第二条 行政机关应当依照本法第五条的规定办理。
对前款规定的事项，依照本条第三款处理。
不服的，可以依照《中华人民共和国示例诉讼法》第四十六条、第四十七条的规定起诉。

第三条 适用本法第二条第二款、第四条规定的，依照《中华人民共和国民法典》第十条处理；本法第九十九条不存在。

第四条 违反本法第一条规定的，处一万元以下罚款。
依照第一款规定处罚的，由县级以上人民政府决定。
"""
OTHER = """# 中华人民共和国示例诉讼法

<!-- INFO END -->

第四十六条 起诉期限为六个月。

第四十七条 行政机关不履行职责的，可以起诉。
"""
CHUNKS = parse_law(LAW, "laws/示例处罚法(2021-01-22).md") + parse_law(OTHER, "laws/示例诉讼法(2017-06-27).md")
TABLE = ArticleTable(CHUNKS)


def _art(label, chunks=CHUNKS):
    return next(c for c in chunks if c.article == label)


def _links(label):
    c = _art(label)
    return [(c.text[lk.start:lk.end], lk.target.title[-5:], lk.target.article, lk.target.paragraph)
            for lk in find_links(c.text, c, TABLE)]


def test_references_resolve_to_existing_articles_and_paragraphs():
    assert _links("第二条") == [
        ("前款", "示例处罚法", "第二条", 1),
        ("本条第三款", "示例处罚法", "第二条", 3),
        ("《中华人民共和国示例诉讼法》第四十六条", "示例诉讼法", "第四十六条", None),
        ("第四十七条", "示例诉讼法", "第四十七条", None),  # a list carries the named law on
    ]  # 本法第五条 does not exist: no link
    # a 款 of another article; 第四条 in the list; an unknown law (民法典) and a missing article give no link
    assert _links("第三条") == [("本法第二条第二款", "示例处罚法", "第二条", 2), ("第四条", "示例处罚法", "第四条", None)]
    assert _links("第四条") == [("本法第一条", "示例处罚法", "第一条", None), ("第一款", "示例处罚法", "第四条", 1)]
    assert _links("第一条") == []  # the article's own label is no reference


def test_version_is_kept_for_the_same_law():
    c = _art("第二条")
    targets = {lk.target.title: lk.target.version for lk in find_links(c.text, c, TABLE)}
    assert targets == {"中华人民共和国示例处罚法": "2021-01-22", "中华人民共和国示例诉讼法": "2017-06-27"}


def test_real_penalty_law_links(corpus_chunks):
    chunks = corpus_chunks[0]
    table = ArticleTable(chunks)
    c = next(x for x in chunks if x.title == "中华人民共和国行政处罚法" and x.article == "第五十九条")
    [link] = [lk for lk in find_links(c.text, c, table) if lk.target.article == "第五十七条"]
    assert c.text[link.start:link.end] == "本法第五十七条" and link.target.version == c.version
    penalty = next(x for x in chunks if x.title == "中华人民共和国行政处罚法" and x.article == "第七十六条")
    assert [r.article for r in related_articles(penalty, chunks, table)] == ["第二十条"]


def test_related_articles_whole_and_in_order():
    related = related_articles(_art("第三条"), CHUNKS)
    assert [r.article for r in related] == ["第二条", "第四条"]
    assert related[0].text == _art("第二条").text
    assert related_articles(_art("第一条"), CHUNKS) == []


def test_browse_view_has_anchors_and_links():
    law = [c for c in CHUNKS if c.title.endswith("示例处罚法")]
    html = document_html(law, {_art("第二条").chunk_id}, TABLE, paragraph=3)
    two = ("中华人民共和国示例处罚法", "2021-01-22", "第二条")
    assert f'id="{anchor(*two)}"' in html and f'id="{anchor(*two, 3)}"' in html
    assert f'<span class="ld-kuan ld-ktarget" id="{anchor(*two, 3)}">' in html
    assert f'href="#{anchor(*two, 1)}"' in html  # 前款 -> the first 款
    assert 'data-ref="《中华人民共和国示例诉讼法》(2017)第四十六条"' in html
    assert "<script" not in html


def test_sources_panel_links_and_related():
    cited = _art("第三条")
    answer = Answer("问", "问", "适用第二条第二款的[1]。", (Citation(1, cited, "依照"),), False, "extractive")
    html = sources_block(answer, 1, {cited.chunk_id: [cited]}, {cited.chunk_id: related_articles(cited, CHUNKS)}, TABLE)
    assert "相关条文" in html and html.count('class="ld-xref"') >= 4 and "<mark>依照</mark>" in html
    assert context_html([cited], cited, None) == context_html([cited], cited, None, None)  # no table: no links
    assert 'class="ld-xref"' not in context_html([cited], cited, None)
