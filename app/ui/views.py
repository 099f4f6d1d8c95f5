"""Callbacks of the 法规浏览 and 管理 tabs: thin calls to the service, rendered by app.render."""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from app import render
from app.errors import LawdeskError
from app.feedback import FeedbackStore

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
        return (render.document_html(chunks), "") if err is None else ("", render.notices_html([err]))

    def jump(self, ref: str) -> tuple[str | None, str, str]:
        """(dropdown key, document view with the article marked, notice) for "土地管理法第47条"."""
        ref = (ref or "").strip()
        if not ref:
            return None, "", render.notices_html(["请输入法规名称和条号，例如：土地管理法第47条。"])
        if len(ref) > MAX_REF_CHARS:
            return None, "", render.notices_html([TOO_LONG.format(n=MAX_REF_CHARS)])
        hits, err = friendly(self.service.lookup, ref)
        if err or not hits:
            return None, "", render.notices_html([err or NOT_FOUND.format(ref=ref[:60])])
        first = hits[0]
        category = next((i.category for i in friendly(self.service.laws)[0] or []
                         if i.title == first.title and i.version == first.version), "法律")
        key = f"{category}|{first.title}|{first.version or ''}"
        doc, err = friendly(self._chunks, key)
        targets = {c.chunk_id for c in hits}
        return key, render.document_html(doc or hits, targets), render.notices_html([err] if err else [])


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
            return render.notices_html([f"只支持 txt、md、docx、pdf 文件：{'、'.join(bad)}"]), self.stats()
        msgs, err = friendly(self.service.add_documents, paths)
        lines = [err] if err else [*msgs, "上传完成。点击“重新建立索引”后，新文件即可被检索。"]
        return render.notices_html(lines), self.stats()

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
