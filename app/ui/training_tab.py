"""培训工具 tab: quiz, lesson outline and version comparison over the loaded chunks.

Call `build_training_tab(chunks_fn)` inside `with gr.Tab("培训工具"):` of a Blocks app. Callbacks only gather the
inputs, call the pure trainer functions and render; files go to a temp folder for gr.File downloads.
"""
from __future__ import annotations

import html
import tempfile
from collections.abc import Callable
from pathlib import Path

import gradio as gr

from app.errors import LawdeskError
from app.schema import Chunk
from app.training import find_versions, law_titles
from app.training.diff import diff_law
from app.training.export import diff_docx, diff_html, diff_markdown, outline_docx, outline_markdown, quiz_docx, quiz_markdown
from app.training.outline import build_outline
from app.training.questions import QTYPES
from app.training.quiz import generate_quiz

ChunksFn = Callable[[], list[Chunk]]
DEFAULT_LAW = "行政复议法"


def _files(name: str, markdown: str, write_docx: Callable[[Path], Path]) -> list[str]:
    """The Markdown and DOCX versions of one result, saved for download."""
    folder = Path(tempfile.mkdtemp(prefix="lawdesk_training_"))
    md = folder / f"{name}.md"
    md.write_text(markdown, encoding="utf-8")
    return [str(write_docx(folder / f"{name}.docx")), str(md)]


def _error(err: LawdeskError) -> tuple[str, None]:
    return f"**无法生成：** {err}", None


def _error_html(err: LawdeskError) -> tuple[str, None]:
    return f'<div class="ld-notice" role="status">无法生成：{html.escape(str(err))}</div>', None


def quiz_callback(chunks_fn: ChunksFn, law: str, version: str, chapter: str, n: float, types: list[str],
                  seed: float) -> tuple[str, list[str] | None]:
    try:
        quiz = generate_quiz(chunks_fn(), law, version or None, chapter or None, int(n), tuple(types), int(seed))
    except LawdeskError as err:
        return _error(err)
    md = quiz_markdown(quiz)
    notes = "".join(f"> {x}\n\n" for x in quiz.notices)
    return notes + md, _files(f"测试题_{law}", md, lambda p: quiz_docx(quiz, p))


def outline_callback(chunks_fn: ChunksFn, law: str, version: str, chapter: str) -> tuple[str, list[str] | None]:
    try:
        outline = build_outline(chunks_fn(), law, version or None, chapter or None)
    except LawdeskError as err:
        return _error(err)
    md = outline_markdown(outline)
    return md, _files(f"课程提纲_{law}", md, lambda p: outline_docx(outline, p))


def diff_callback(chunks_fn: ChunksFn, law: str, old: str, new: str) -> tuple[str, list[str] | None]:
    try:
        diff = diff_law(chunks_fn(), law, old, new or "")
    except LawdeskError as err:
        return _error_html(err)
    md = diff_markdown(diff)
    return diff_html(diff), _files(f"版本对照_{law}", md, lambda p: diff_docx(diff, p))


def version_choices(chunks_fn: ChunksFn, law: str) -> list[str]:
    try:
        return [v for v in find_versions(chunks_fn(), law) if v]
    except LawdeskError:
        return []


def _versions_update(chunks_fn: ChunksFn, law: str):
    versions = version_choices(chunks_fn, law)
    return gr.update(choices=["", *versions], value="")


def build_training_tab(chunks_fn: ChunksFn) -> gr.Dropdown:
    """Controls and outputs of the 培训工具 tab (to be called inside a gr.Tab context)."""
    laws = law_titles(chunks_fn()) or [DEFAULT_LAW]
    first = DEFAULT_LAW if DEFAULT_LAW in laws else laws[0]
    gr.Markdown("为法治培训生成测试题、课程提纲和新旧版本对照。题目均标注所依据的条文，答案可在条文中核对。")
    with gr.Row():
        law = gr.Dropdown(laws, value=first, label="法律", allow_custom_value=True)
        version = gr.Dropdown(["", *version_choices(chunks_fn, first)], value="", label="版本（空 = 现行）",
                              allow_custom_value=True)
        chapter = gr.Textbox(label="章节（可选，如 第三章）")
    law.change(lambda name: _versions_update(chunks_fn, name), inputs=law, outputs=version)
    with gr.Tab("测试题"):
        with gr.Row():
            n = gr.Number(value=10, precision=0, minimum=1, maximum=200, label="题目数量")
            types = gr.CheckboxGroup(list(QTYPES), value=list(QTYPES), label="题型")
            seed = gr.Number(value=0, precision=0, label="随机种子（相同种子出相同的题）")
        quiz_btn = gr.Button("生成测试题", variant="primary")
        quiz_md, quiz_files = gr.Markdown(), gr.File(label="下载（DOCX / Markdown）", file_count="multiple")
    quiz_btn.click(lambda *a: quiz_callback(chunks_fn, *a), inputs=[law, version, chapter, n, types, seed],
                   outputs=[quiz_md, quiz_files])
    with gr.Tab("课程提纲"):
        outline_btn = gr.Button("生成课程提纲", variant="primary")
        outline_md, outline_files = gr.Markdown(), gr.File(label="下载（DOCX / Markdown）", file_count="multiple")
    outline_btn.click(lambda *a: outline_callback(chunks_fn, *a), inputs=[law, version, chapter],
                      outputs=[outline_md, outline_files])
    with gr.Tab("版本对照"):
        with gr.Row():
            old = gr.Textbox(value="2017", label="旧版本（年份或日期）")
            new = gr.Textbox(value="", label="新版本（空 = 现行）")
        diff_btn = gr.Button("对照两个版本", variant="primary")
        diff_md, diff_files = gr.HTML(), gr.File(label="下载（DOCX / Markdown）", file_count="multiple")
    diff_btn.click(lambda *a: diff_callback(chunks_fn, *a), inputs=[law, old, new], outputs=[diff_md, diff_files])
    return law
