"""Callbacks of the 法规浏览 and 管理 tabs: thin calls to the service, rendered by app.render."""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from app import render
from app.crossref import TableCache
from app.errors import LawdeskError
from app.feedback import FeedbackStore
from app.render_admin import uploads_html
from app.render_markup import toc_html
from app.uploads import unsupported_message

log = logging.getLogger("lawdesk.ui")
UPLOAD_TYPES = (".txt", ".md", ".docx", ".pdf")
MAX_REF_CHARS = 100  # a reference is a title and an article number; longer input is refused before tokenising
TOO_LONG = "输入太长了：按条文跳转最多 {n} 个字，例如：土地管理法第47条。"
NOT_FOUND = "没有找到“{ref}”。请写出法规名称和条号，例如：土地管理法第47条、行政复议法 第二十条。"


def friendly(fn: Callable, *args, fallback: str = "操作未能完成，请稍后再试。"):
    """Runs fn; returns (result, None) or (None, message fit to show)."""
    try:
        return fn(*args), None
    except LawdeskError as e:
        return None, str(e)
    except Exception:
        log.exception("%s failed", getattr(fn, "__name__", "call"))
        return None, fallback


class BrowserCallbacks:
    def __init__(self, service):
        self.service = service
        self.tables = TableCache()  # cross-reference targets of the loaded index

    def choices(self) -> list[tuple[str, str]]:
        laws, _ = friendly(self.service.laws)
        return render.law_choices(laws or [])

    def overview(self) -> str:
        laws, _ = friendly(self.service.laws)
        return render.laws_overview_html(laws or [])

    def _chunks(self, key: str) -> list:
        category, title, version = render.split_law_key(key)
        if category == "工作报告":
            return self.service.report()
        found = self.service.articles(title, version)
        return found or [c for c in self.service.chunks if c.title == title and c.version == version]

    def show(self, key: str | None) -> tuple[str, str]:
        """(document view, notice) for a dropdown key."""
        if not key or len(key) > 4 * MAX_REF_CHARS:  # keys come from the dropdown: category|title|version
            return "", ""
        chunks, err = friendly(self._chunks, key)
        if err is not None:
            return "", render.notices_html([err])
        return render.document_html(chunks or [], (), self._table()), ""

    def jump(self, ref: str) -> tuple[str | None, str, str]:
        """(dropdown key, document view with the article marked, notice) for 土地管理法第47条, 宪法第十条,
        行政复议法（2017年）第九条第二款, 报告 一、（四）2 …; a version or article that does not exist is said so."""
        ref = (ref or "").strip()
        if not ref:
            return None, "", render.notices_html(["请输入法规名称和条号，例如：土地管理法第47条。"])
        if len(ref) > MAX_REF_CHARS:
            return None, "", render.notices_html([TOO_LONG.format(n=MAX_REF_CHARS)])
        res, err = friendly(self.service.resolve_reference, ref)
        if err or res is None:
            return None, "", render.notices_html([err or NOT_FOUND.format(ref=ref[:60])])
        if not res.found:
            return None, "", render.notices_html([res.message])
        key = self._key(res.title, res.version)
        doc, err = friendly(self._chunks, key)
        view = render.document_html(doc or list(res.targets), {c.chunk_id for c in res.targets}, self._table(),
                                    res.reference.paragraph)
        return key, view, render.notices_html([err or res.message])

    def section(self, label: str) -> tuple[str | None, str, str]:
        """The report's section box: 一、（四）2 -> that paragraph marked in the report."""
        label = (label or "").strip()
        if not label:
            return None, "", render.notices_html(["请输入工作报告的章节，例如：一、（四）2。"])
        return self.jump(f"报告 {label}")

    def _key(self, title: str | None, version: str | None) -> str:
        infos = friendly(self.service.laws)[0] or []
        category = next((i.category for i in infos if i.title == title and i.version == version), "法律")
        return f"{category}|{title}|{version or ''}"

    def _table(self):
        chunks = getattr(self.service, "chunks", None)
        return self.tables.get(chunks) if chunks else None

    def toc(self, key: str | None) -> str:
        """目录 of the report or a sectioned document shown (links into the view); empty for a law."""
        if not key or key.split("|", 1)[0] == "法律":
            return ""
        chunks, _ = friendly(self._chunks, key)
        return toc_html([c for c in chunks or [] if c.doc_type != "law"])


class AdminCallbacks:
    def __init__(self, service, store: FeedbackStore):
        self.service, self.store = service, store

    def stats(self) -> str:
        stats, err = friendly(self.service.stats)
        return render.stats_html(stats) if err is None else render.notices_html([err])

    def upload(self, files: list[str] | None) -> tuple[str, str]:
        """(status, stats) after copying uploads into the user-docs folder."""
        paths = [Path(f) for f in files or []]
        if not paths:
            return render.notices_html(["请先选择要上传的文件。"]), self.stats()
        bad = [p.name for p in paths if p.suffix.lower() not in UPLOAD_TYPES]
        if bad:
            return render.notices_html([unsupported_message(bad)]), self.stats()
        msgs, err = friendly(self.service.add_documents, paths)
        lines = [err] if err else [*msgs, "上传完成。点击“重新建立索引”后，新文件即可被检索。"]
        return render.notices_html(lines), self.stats()

    def uploads(self) -> tuple[str, list[str]]:
        """(table of uploaded files, their names for the delete choice)."""
        files, err = friendly(self.service.uploads)
        if err:
            return render.notices_html([err]), []
        return uploads_html(files or []), [f.name for f in files or []]

    def ask_delete(self, name: str | None) -> tuple[str, bool]:
        """(question, show the confirm buttons): deleting asks first."""
        if not name:
            return render.notices_html(["请先在列表中选择要删除的文件。"]), False
        return render.notices_html([f"确定删除“{name}”吗？确认后文件被删除并重新建立索引，其内容将不再能被检索。"]), True

    def delete(self, name: str | None, progress: Callable | None = None) -> tuple[str, str, str, list[str]]:
        """(status, stats, uploads table, names): deletes one uploaded file, then rebuilds the index so that
        nothing of it stays searchable."""
        msg, err = friendly(self.service.delete_upload, name or "")
        if err:
            status, stats = render.notices_html([err]), self.stats()
        else:
            rebuilt, stats = self.rebuild(progress)
            status = render.notices_html([msg or ""]) + rebuilt
        table, names = self.uploads()
        return status, stats, table, names

    def rebuild(self, progress: Callable | None = None) -> tuple[str, str]:
        def report(frac: float, desc: str) -> None:
            if progress:
                progress(frac, desc=desc)

        result, err = friendly(self.service.rebuild, report)
        if err:
            return render.notices_html([err]), self.stats()
        msg = (f"索引已更新：{result.documents} 个文件，{result.chunks} 个片段，"
               f"用时 {result.seconds:.1f} 秒。")
        skipped = [f"跳过 {s.source}：{s.reason}" for s in result.skipped]
        return render.notices_html([msg, *skipped, *result.notes]), self.stats()

    def feedback(self) -> tuple[str, str]:
        """(gaps table, recent feedback table)."""
        gaps, err1 = friendly(self.store.gaps)
        recent, err2 = friendly(self.store.recent)
        if err1 or err2:
            return render.notices_html([err1 or err2]), ""
        return (render.feedback_html(gaps, "暂无未能回答或被点踩的问题。"),
                render.feedback_html(recent, "暂无反馈。"))
