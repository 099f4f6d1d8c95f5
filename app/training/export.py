"""Markdown and DOCX renderings of quizzes, outlines and diffs. Markdown is pure text; DOCX via python-docx.

The quiz puts its answer key on a separate page (a page break in DOCX, a rule in Markdown) so the first part can be
handed out as is.
"""
from __future__ import annotations

import html
from pathlib import Path

from docx import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn

from app.training.diff import STATUS_CN, DiffPair, LawDiff, mark_changes, summarise_diff
from app.training.outline import Outline
from app.training.questions import Question, Quiz

_ORDER = ("单选", "多选", "判断")
_TYPE_TITLE = {"单选": "单项选择题", "多选": "多项选择题", "判断": "判断题"}
_NUM = "一二三"


def _year(version: str) -> str:
    return f"（{version[:4]}年版）" if version else ""


def _short(title: str) -> str:
    return title.replace("中华人民共和国", "")


def _grouped(quiz: Quiz) -> list[tuple[str, list[tuple[int, Question]]]]:
    """Questions grouped by type in exam order and numbered through, as a printed paper is."""
    groups, n = [], 0
    for kind in _ORDER:
        qs = [q for q in quiz.questions if q.type == kind]
        if qs:
            groups.append((kind, list(enumerate(qs, n + 1))))
            n += len(qs)
    return groups


def _answer_text(q: Question) -> str:
    return "、".join(q.answer) if q.type != "判断" else q.answer[0]


def _citation_text(q: Question) -> str:
    c = q.citation
    quote = c.quote.replace("\n", "")  # a 多选 quote spans item lines; one line reads better in a key
    return f"《{_short(c.title)}》{_year(c.version)}{c.article}：“{quote}”"


# --- Markdown -----------------------------------------------------------------------------------------------------

def quiz_markdown(quiz: Quiz) -> str:
    lines = [f"# 《{_short(quiz.law)}》{_year(quiz.version)}培训测试题", ""]
    for i, (kind, qs) in enumerate(_grouped(quiz)):
        lines += [f"## {_NUM[i]}、{_TYPE_TITLE[kind]}", ""]
        for n, q in qs:
            lines.append(f"{n}. {q.stem}" + ("（  ）" if q.type == "判断" else ""))
            # each option its own paragraph of the list item: every Markdown viewer puts it on its own line
            # (trailing-space line breaks are dropped by editors and some renderers, joining A to the stem)
            for o in q.options:
                lines += ["", f"   {o}"]
            lines.append("")
    lines += ["---", "", "## 参考答案与依据", ""]
    for _, qs in _grouped(quiz):
        lines += [f"{n}. {_answer_text(q)}。依据：{_citation_text(q)}" for n, q in qs]
    return "\n".join(lines).rstrip() + "\n"


def outline_markdown(outline: Outline) -> str:
    ref = outline.law
    head = f"# 《{ref.short_title}》{_year(ref.version)}课程提纲" + (f"：{outline.chapter}" if outline.chapter else "")
    lines: list[str] = [head, ""]
    shown: tuple[str, ...] = ()
    for s in outline.sections:
        for depth, h in enumerate(s.heading_path):
            if shown[:depth + 1] != s.heading_path[:depth + 1]:
                lines += [f"{'#' * min(depth + 2, 4)} {h}", ""]
        shown = s.heading_path
        lines += [f"- **{p.article}** {p.point}" for p in s.points] + [f"- （本部分共 {s.articles} 条）", ""]
    if outline.report:
        lines += ["## 工作报告中的相关内容", ""]
        lines += [f"- 【{r.section}{'' if r.direct else '，相关工作'}】{r.text}" for r in outline.report] + [""]
    return "\n".join(lines).rstrip() + "\n"


def marked_markdown(old: str, new: str) -> tuple[str, str]:
    """Old text with deletions in <del>, new text with insertions in <ins>, the words HTML-escaped.
    HTML tags, not ~~ / **: CommonMark ignores emphasis flanked by CJK punctuation (便**民、为**民 shows the
    asterisks), while <ins>/<del> render in GitHub, GitLab, VS Code, Typora and Gradio alike."""
    runs = mark_changes(old, new)
    left = "".join(html.escape(t) if op == "=" else _wrap(t, "del") for op, t in runs if op != "+")
    right = "".join(html.escape(t) if op == "=" else _wrap(t, "ins") for op, t in runs if op != "-")
    return left, right


def _wrap(text: str, tag: str) -> str:
    """Mark a changed run, keeping line breaks outside the tags (each 款 stays its own line)."""
    core = text.strip("\n")
    if not core:
        return text
    head, tail = text[:len(text) - len(text.lstrip("\n"))], text[len(text.rstrip("\n")):]
    return f"{head}<{tag}>{html.escape(core)}</{tag}>{tail}"


def _cell(text: str) -> str:
    return text.replace("|", "｜").replace("\n", "<br>")


def _label(p: DiffPair) -> tuple[str, str]:
    return (p.from_article.label if p.from_article else "—", p.to_article.label if p.to_article else "—")


def diff_markdown(diff: LawDiff) -> str:
    old, new = diff.old.year + "年版", diff.new.year + "年版"
    lines = [f"# 《{_short(diff.new.title)}》{old}与{new}对照", "", summarise_diff(diff), "",
             "## 分章统计（按新版章节）", "", "| 章节 | 新增 | 删除 | 修改 | 未改 |", "|---|---|---|---|---|"]
    lines += [f"| {c.chapter} | {c.added} | {c.removed} | {c.modified} | {c.unchanged} |" for c in diff.chapters]
    lines += ["", "## 修改条文对照", "", "删除的文字标为 <del>删除</del>，新增的文字标为 <ins>新增</ins>。", "",
              f"| {old} | {new} |", "|---|---|"]
    for p in diff.pairs:
        if p.status == "modified":
            a, b = marked_markdown(p.from_article.body, p.to_article.body)  # type: ignore[union-attr]
            la, lb = _label(p)
            lines.append(f"| {la}　{_cell(a)} | {lb}　{_cell(b)} |")
    lines += ["", "## 全部条文对应", "", f"| {old} | {new} | 情况 |", "|---|---|---|"]
    lines += [f"| {_label(p)[0]} | {_label(p)[1]} | {STATUS_CN[p.status]} |" for p in diff.pairs]
    return "\n".join(lines) + "\n"


def diff_html(diff: LawDiff) -> str:
    """The comparison as the page shows it: summary, per-chapter counts and the modified articles side by side,
    deletions in <del> and insertions in <ins>; every word of the law is escaped."""
    old, new = diff.old.year + "年版", diff.new.year + "年版"
    e = html.escape
    counts = "".join(f"<tr><td>{e(c.chapter)}</td><td>{c.added}</td><td>{c.removed}</td><td>{c.modified}</td>"
                     f"<td>{c.unchanged}</td></tr>" for c in diff.chapters)
    rows = []
    for p in diff.pairs:
        if p.status == "modified":
            a, b = marked_markdown(p.from_article.body, p.to_article.body)  # type: ignore[union-attr]
            la, lb = _label(p)
            rows.append(f"<tr><td><b>{e(la)}</b>　{a.replace(chr(10), '<br>')}</td>"
                        f"<td><b>{e(lb)}</b>　{b.replace(chr(10), '<br>')}</td></tr>")
    return (f'<div class="ld-diff"><h3>《{e(_short(diff.new.title))}》{e(old)}与{e(new)}对照</h3>'
            f"<p>{e(summarise_diff(diff))}</p><h4>分章统计（按新版章节）</h4>"
            f"<table><tr><th>章节</th><th>新增</th><th>删除</th><th>修改</th><th>未改</th></tr>{counts}</table>"
            f"<h4>修改条文对照</h4><p>删除的文字标为 <del>删除</del>，新增的文字标为 <ins>新增</ins>。</p>"
            f"<table><tr><th>{e(old)}</th><th>{e(new)}</th></tr>{''.join(rows)}</table></div>")


# --- DOCX ---------------------------------------------------------------------------------------------------------

def _new_doc():
    doc = DocxDocument()
    style = doc.styles["Normal"]
    style.font.name = "宋体"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")  # python-docx sets only the Latin font otherwise
    return doc


def quiz_docx(quiz: Quiz, path: Path) -> Path:
    doc = _new_doc()
    doc.add_heading(f"《{_short(quiz.law)}》{_year(quiz.version)}培训测试题", level=1)
    for i, (kind, qs) in enumerate(_grouped(quiz)):
        doc.add_heading(f"{_NUM[i]}、{_TYPE_TITLE[kind]}", level=2)
        for n, q in qs:
            doc.add_paragraph(f"{n}. {q.stem}" + ("（  ）" if q.type == "判断" else ""))
            for o in q.options:
                doc.add_paragraph(o).paragraph_format.left_indent = 228600  # 0.25 inch: options under the stem
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("参考答案与依据", level=2)
    for _, qs in _grouped(quiz):
        for n, q in qs:
            doc.add_paragraph(f"{n}. {_answer_text(q)}。依据：{_citation_text(q)}")
    return _save(doc, path)


def outline_docx(outline: Outline, path: Path) -> Path:
    doc = _new_doc()
    for line in outline_markdown(outline).splitlines():
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            doc.add_heading(line.lstrip("# "), level=min(level, 3))
        elif line.startswith("- "):
            _bullet(doc, line[2:])
    return _save(doc, path)


def _bullet(doc, text: str) -> None:
    """A list paragraph where **x** is bold, as in the Markdown."""
    para = doc.add_paragraph(style="List Bullet")
    for i, part in enumerate(text.split("**")):
        if part:
            para.add_run(part).bold = i % 2 == 1


def diff_docx(diff: LawDiff, path: Path) -> Path:
    doc = _new_doc()
    old, new = diff.old.year + "年版", diff.new.year + "年版"
    doc.add_heading(f"《{_short(diff.new.title)}》{old}与{new}对照", level=1)
    doc.add_paragraph(summarise_diff(diff))
    doc.add_heading("分章统计（按新版章节）", level=2)
    _table(doc, ["章节", "新增", "删除", "修改", "未改"],
           [[c.chapter, str(c.added), str(c.removed), str(c.modified), str(c.unchanged)] for c in diff.chapters])
    doc.add_heading("修改条文对照（删除的文字加删除线，新增的文字加粗）", level=2)
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = old, new
    for p in diff.pairs:
        if p.status == "modified":
            _marked_row(table, p)
    doc.add_heading("全部条文对应", level=2)
    _table(doc, [old, new, "情况"], [[*_label(p), STATUS_CN[p.status]] for p in diff.pairs])
    return _save(doc, path)


def _marked_row(table, p: DiffPair) -> None:
    left, right = (c.paragraphs[0] for c in table.add_row().cells)
    la, lb = _label(p)
    left.add_run(la + "　").bold = True
    right.add_run(lb + "　").bold = True
    for op, text in mark_changes(p.from_article.body, p.to_article.body):  # type: ignore[union-attr]
        if op != "+":
            left.add_run(text).font.strike = op == "-"
        if op != "-":
            right.add_run(text).bold = op == "+"


def _table(doc, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text


def _save(doc, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
