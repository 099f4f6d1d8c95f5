"""Golden tests: uploaded documents keep their structure without Markdown (docx, txt, pdf-like text, policy)."""
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

from app.chunking import chunk_documents
from app.ingest import load_corpus
from app.ingest.classify import Structure, detect, is_statute, statute_text

ARTICLES = [
    "为了规范示例事项的管理，根据有关法律法规，结合本市实际，制定本办法。",
    "本办法适用于本市行政区域内示例事项的申请、审核和监督管理。",
    "申请人应当自收到补正通知之日起十五日内补正材料。",
    "市自然资源主管部门负责示例事项的审核。\n县级人民政府有关部门按照各自职责做好相关工作。",
    "本办法自2025年1月1日起施行。",
]
NUMS = "一二三四五"


def make_docx(path: Path, title: str = "孟州市示例事项管理办法") -> Path:
    doc = docx.Document()
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.add_run(title).bold = True
    doc.add_paragraph("（2024年12月1日市人民政府第5次常务会议通过）")
    for n, body in zip(NUMS, ARTICLES):
        first, *rest = body.split("\n")
        doc.add_paragraph(f"第{n}条　{first}")
        for par in rest:
            doc.add_paragraph(par)
    doc.save(str(path))
    return path


def chunks_of(tmp_path: Path):
    (tmp_path / "corpus").mkdir(exist_ok=True)
    docs, skipped = load_corpus(tmp_path / "corpus", (tmp_path / "up",))
    assert not skipped
    return chunk_documents(docs)


def test_docx_with_bold_centred_title_is_a_statute(tmp_path):
    (tmp_path / "up").mkdir()
    make_docx(tmp_path / "up" / "示例办法.docx")
    chunks = chunks_of(tmp_path)
    assert [c.article for c in chunks] == [f"第{n}条" for n in NUMS]
    c = chunks[2]
    assert c.doc_type == "law" and c.title == "孟州市示例事项管理办法" and c.source == "user/示例办法.docx"
    assert c.version is None and c.is_current  # no date in the file name; the 通过 date is not a version
    assert c.locator == "《孟州市示例事项管理办法》 第三条"
    assert chunks[3].text.split("\n") == ["第四条　市自然资源主管部门负责示例事项的审核。",
                                          "县级人民政府有关部门按照各自职责做好相关工作。"]  # two 款


def test_txt_statute_with_chapters_and_unspaced_articles(tmp_path):
    (tmp_path / "up").mkdir()
    text = ("\n\n示例资源保护条例\n\n第一章 总则\n\n第一条：为了保护示例资源，制定本条例。\n"
            "第二条本条例适用于本省。\n第二章 法律责任\n第三条 违反本条例第二条规定的，责令改正。\n"
            "第二条规定的情形，由县级人民政府处理。\n")
    (tmp_path / "up" / "条例(2020-05-01).txt").write_text(text, encoding="gbk")
    chunks = chunks_of(tmp_path)
    assert [c.article for c in chunks] == ["第一条", "第二条", "第三条"]
    assert chunks[0].title == "示例资源保护条例" and chunks[0].version == "2020-05-01"
    assert chunks[0].heading_path == ("第一章 总则",) and chunks[2].heading_path == ("第二章 法律责任",)
    assert chunks[0].text == "第一条　为了保护示例资源，制定本条例。"
    assert chunks[1].text == "第二条　本条例适用于本省。"
    assert chunks[2].text.endswith("第二条规定的情形，由县级人民政府处理。")  # a cross-reference line stays inside


def test_statute_without_a_title_line_is_named_by_its_file():
    shaped = statute_text("第一条 为了示例，制定本规定。\n第二条 本规定自发布之日起施行。", "示例规定")
    assert shaped.splitlines()[0] == "# 示例规定"


def test_pdf_lines_cut_at_the_page_width_are_rejoined():
    raw = "示例管理规定\n第一条 为了规范示例管理，根据有关法律\n规定，制定本规定。\n\n第二条 本规定自发布之日起施行。"
    lines = statute_text(raw, "x", wrapped=True).splitlines()
    assert lines == ["# 示例管理规定", "第一条　为了规范示例管理，根据有关法律规定，制定本规定。", "第二条　本规定自发布之日起施行。"]


def test_policy_txt_becomes_sections(tmp_path):
    (tmp_path / "up").mkdir()
    text = ("关于做好2025年示例工作的通知\n\n各乡镇人民政府：\n\n一、工作目标\n\n全面完成示例任务。\n\n"
            "二、主要措施\n\n（一）加强组织领导\n\n成立工作专班，明确责任分工。\n\n（二）强化督促检查\n\n"
            "每季度开展一次督查。\n")
    (tmp_path / "up" / "通知.txt").write_text(text, encoding="utf-8")
    chunks = chunks_of(tmp_path)
    assert {c.doc_type for c in chunks} == {"other"} and chunks[0].title == "关于做好2025年示例工作的通知"
    assert [(c.section, c.text) for c in chunks] == [
        ("引言", "各乡镇人民政府："), ("一、", "全面完成示例任务。"),
        ("二、（一）", "成立工作专班，明确责任分工。"), ("二、（二）", "每季度开展一次督查。")]
    assert chunks[2].heading_path == ("二、主要措施", "（一）加强组织领导")
    assert chunks[2].version is None


def test_plain_text_stays_paragraphs(tmp_path):
    (tmp_path / "up").mkdir()
    (tmp_path / "up" / "说明.txt").write_text("会议纪要\n\n会议讨论了示例事项。第三条意见已采纳。", encoding="utf-8")
    chunks = chunks_of(tmp_path)
    assert [c.doc_type for c in chunks] == ["other"] and chunks[0].section == "会议纪要"


def test_detection_rules():
    assert detect("x.txt", "标题\n第一条 甲。\n第二条 乙。") is Structure.STATUTE
    assert detect("x.txt", "标题\n第三条 甲。\n第四条 乙。") is not Structure.STATUTE  # an excerpt quoting articles
    assert not is_statute("依照本法\n第一条的规定的处理\n第二条的规定")  # cross-reference sentences
    assert detect("x.txt", "工作报告\n一、甲\n二、乙") is Structure.REPORT
    assert detect("x.txt", "通知\n一、甲\n二、乙") is Structure.POLICY


def test_label_on_its_own_line_joins_its_text():
    shaped = statute_text("示例规定\n第一条\n\n为了示例，制定本规定。\n第二条：本规定自发布之日起施行。", "x")
    assert shaped.splitlines() == ["# 示例规定", "第一条　为了示例，制定本规定。", "第二条　本规定自发布之日起施行。"]
