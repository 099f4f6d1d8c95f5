"""Golden tests for the law, report and plain parsers on short texts written here."""
import pytest

from app.chunking import chunk_documents
from app.chunking.level import legal_level
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


def test_chunk_id_changes_with_heading_path():
    """The heading path is embedded with the text: a moved article needs a new vector, hence a new id."""
    moved = LAW.replace("## 第二章 法律责任", "## 第二章 罚则")
    before, after = parse_law(LAW, "a.md"), parse_law(moved, "a.md")
    assert before[0].chunk_id == after[0].chunk_id and before[3].chunk_id != after[3].chunk_id


CODE_PART = """# 中华人民共和国示例法典

# 侵权责任编

2020年5月28日 第十三届全国人民代表大会第三次会议通过

<!-- INFO END -->

## 第一章  一般规定

第一千一百六十四条 本编调整因侵害民事权益产生的民事关系。
"""


def test_other_header_lines_are_not_parts():
    text = CODE_PART.replace("# 侵权责任编", "# 目录")
    (c,) = parse_law(text, "x/示例.md")
    assert c.heading_path == ("第一章 一般规定",)


def test_code_split_by_part_keeps_the_part_in_the_heading_path():
    (c,) = parse_law(CODE_PART, "民法典/侵权责任编.md")
    assert c.title == "中华人民共和国示例法典" and c.version == "2020-05-28"
    assert c.heading_path == ("侵权责任编", "第一章 一般规定")
    assert "侵权责任编" in c.index_text()


@pytest.mark.parametrize("source,title,level", [
    ("laws/土地管理法(2019-08-26).md", "中华人民共和国土地管理法", "法律"),
    ("laws/宪法.md", "中华人民共和国宪法", "法律"),
    ("laws/土地管理法实施条例(2021-07-02).md", "中华人民共和国土地管理法实施条例", "行政法规"),
    ("laws/矿产资源法实施细则(1994-03-26).md", "中华人民共和国矿产资源法实施细则", "行政法规"),
    ("local/河南省信访条例(2012-11-29).md", "河南省信访条例", "地方性法规"),
    ("user/焦作市北山生态环境保护条例.md", "焦作市北山生态环境保护条例", "地方性法规"),
    ("user/城市房地产管理法.md", "中华人民共和国城市房地产管理法", "法律"),
    ("user/解释.md", "最高人民法院关于审理民间借贷案件适用法律若干问题的规定", "司法解释"),
    ("民法典/总则.md", "中华人民共和国民法典", "法律"),
    ("行政法规/快递暂行条例(2019-03-02).md", "快递暂行条例", "行政法规"),
    ("部门规章/某办法.md", "某办法", "部门规章"),
    ("其他/劳动仲裁和劳动诉讼的攻略.md", "劳动仲裁和劳动诉讼的攻略", "其他"),
    ("刑法/刑法修正案（十一）.md", "中华人民共和国刑法修正案（十一）", "法律"),
    ("user/刑法修正案（十一）.md", "中华人民共和国刑法修正案（十一）", "法律"),
    ("user/中国公民出国旅游管理办法.md", "中国公民出国旅游管理办法", "行政法规"),  # 办法 ends in 法, is no 法律
    ("user/新疆维吾尔自治区实施办法.md", "新疆维吾尔自治区实施《土地管理法》办法", "地方性法规"),
])
def test_legal_level_from_folder_or_title(source, title, level):
    assert legal_level(source, title) == level


def test_law_chunks_carry_their_level():
    assert {c.level for c in parse_law(LAW, "laws/示例法.md")} == {"法律"}


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


def test_chunks_of_an_older_index_get_their_level_on_loading():
    from dataclasses import replace

    from app.service import law_category
    from app.stores.snapshot import with_level
    old = replace(parse_law(LAW, "laws/示例法.md")[0], level="")
    assert with_level(old).level == "法律" and law_category(with_level(old)) == "法律"
    assert law_category(replace(old, level="其他")) == "其他文件"
