"""Golden tests for the law, report and plain parsers on short texts written here."""
from app.chunking import chunk_documents
from app.chunking.law import parse_law
from app.chunking.plain import parse_plain
from app.chunking.report import parse_report
from app.ingest.clean import paragraphs, repair_pdf_text
from app.schema import Document

LAW = """# 中华人民共和国示例法

2001年1月1日 第九届全国人民代表大会常务委员会通过

2019年8月26日 第十三届全国人民代表大会常务委员会修正

<!-- INFO END -->

## 第一编　总　则

## 第一章 总 则

\u200b
第一条 为了示例，制定本法。

第二条　行政机关应当依照本法第五十七条的规定办理。
第一条 所称的情形包括：

（一）甲情形；

（二）乙情形。

### 第一节 一般规定

第十条 本节适用于一般情形。

## 第二章 法律责任

第二十一条 违反本法第二条规定的，处一万元以下罚款。

前款规定的罚款，由县级以上人民政府决定。
"""


def test_law_header_and_articles():
    chunks = parse_law(LAW, "laws/示例法.md")
    assert [c.article for c in chunks] == ["第一条", "第二条", "第十条", "第二十一条"]
    first = chunks[0]
    assert first.title == "中华人民共和国示例法" and first.short_title == "示例法"
    assert first.version == "2019-08-26"  # no date in the file name: the last history line
    assert first.heading_path == ("第一编 总则", "第一章 总则")
    # a cross-reference at the start of a line inside an article is not an article or heading
    assert "第一条 所称的情形包括" in chunks[1].text and "（一）甲情形；" in chunks[1].text
    assert chunks[2].heading_path == ("第一编 总则", "第一章 总则", "第一节 一般规定")
    last = chunks[3]
    assert last.article_no == 21 and last.heading_path == ("第一编 总则", "第二章 法律责任")
    assert last.text.split("\n")[1] == "前款规定的罚款，由县级以上人民政府决定。"


def test_version_from_file_name_and_current_flag():
    old = Document("laws/示例法(2017-09-01).md", LAW, "law")
    new = Document("laws/示例法(2023-09-01).md", LAW, "law")
    chunks = chunk_documents([old, new])
    assert {c.version for c in chunks} == {"2017-09-01", "2023-09-01"}
    assert all(c.is_current == (c.version == "2023-09-01") for c in chunks)
    assert len({c.chunk_id for c in chunks}) == len(chunks)


def test_long_article_split_at_paragraphs():
    body = "\n\n".join(["第一条 " + "甲" * 700, "乙" * 700, "丙" * 300])
    chunks = parse_law(f"# 长法\n\n<!-- INFO END -->\n\n{body}\n", "laws/长法.md")
    assert [c.part for c in chunks] == [1, 2]
    assert all(c.article == "第一条" for c in chunks)
    assert chunks[1].text.startswith("乙")


def test_chunk_ids_stable():
    assert [c.chunk_id for c in parse_law(LAW, "a.md")] == [c.chunk_id for c in parse_law(LAW, "a.md")]


REPORT = """

某市某局 2025 年法治政府建设工作报告

2025 年以来，我局坚持依法行政。

一、主要工作举措及成效

(一) 深化理论武装

1. 强化政治引领。全年组织学习近 30 次，开展法律知识培

训 3 次。

2. 深化行

政执法。完成 40.13 万亩耕地保护。

（二）压实主体责任

全年召开专题会议 3 次。

二、存在的问题

（一）普法宣传实效有待提升。宣传形式创新不足。

2026年2月27日"""


def test_report_sections_and_repair():
    chunks = parse_report(REPORT, "report/r.txt")
    got = [(c.section, c.text) for c in chunks]
    assert got == [
        ("引言", "2025年以来，我局坚持依法行政。"),
        ("一、（一）1", "1. 强化政治引领。全年组织学习近30次，开展法律知识培训3次。"),
        ("一、（一）2", "2. 深化行政执法。完成40.13万亩耕地保护。"),
        ("一、（二）", "全年召开专题会议3次。"),
        ("二、（一）", "（一）普法宣传实效有待提升。宣传形式创新不足。"),
    ]
    assert chunks[0].title == "某市某局2025年法治政府建设工作报告"
    assert chunks[0].version == "2026-02-27"  # the closing date line is the document date
    assert chunks[1].heading_path == ("一、主要工作举措及成效", "（一）深化理论武装", "1. 强化政治引领")


def test_heading_not_joined_to_body():
    pars = paragraphs("（三）不断增强普法宣传工作实效\n\n创新普法宣传方式。")
    assert pars == ["（三）不断增强普法宣传工作实效", "创新普法宣传方式。"]
    assert repair_pdf_text("我局开展多项工作，组织法律知识培\n\n训 3 次。") == "我局开展多项工作，组织法律知识培训3次。"


def test_plain_document_chunks():
    text = "# 某政策文件\n\n第一部分 总体要求\n\n" + "这是一句话。" * 120 + "\n\n结尾段落。"
    chunks = parse_plain(text, "user/policy.md")
    assert chunks[0].title == "某政策文件" and chunks[0].section == "第一部分 总体要求"
    assert all(len(c.text) <= 500 for c in chunks)
    assert "".join(c.text for c in chunks).count("这是一句话。") == 120


def test_repeated_paragraphs_get_distinct_ids():
    doc = Document("user/notes.md", "# 通知\n\n（略）\n\n正文一段。\n\n（略）\n\n正文一段。", "other")
    chunks = chunk_documents([doc])
    assert len(chunks) == 2 and len({c.chunk_id for c in chunks}) == 2
