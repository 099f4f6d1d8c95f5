"""Documents uploaded on the 管理 tab: save, list (with what the index made of each), delete.

The upload folder is flat: a file is known by its name, which is never allowed to point outside the folder.
Listing joins the folder with the committed index (chunks, skipped files, build time), so staff see which files
are searchable, which were skipped and why, and which wait for the next build.
"""
from __future__ import annotations

import shutil
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from app.errors import LawdeskError
from app.ingest import UPLOAD_PREFIX
from app.ingest.loaders import SUPPORTED
from app.schema import Chunk


class UploadError(LawdeskError):
    """An upload, listing or deletion the user asked for cannot be done; the message says why."""


class Kind(Enum):
    STATUTE = "法规条文"
    REPORT = "工作报告"
    SECTIONS = "分节文件"
    PLAIN = "普通文件"
    SKIPPED = "未能读取"
    PENDING = "尚未建立索引"


@dataclass(frozen=True)
class UploadInfo:
    name: str
    size: int  # bytes
    kind: Kind
    chunks: int
    articles: int  # for a statute: distinct articles
    indexed_at: str | None  # build time of the index that holds it
    skipped: str | None  # why the last build could not read it
    stale: bool  # added or changed after the last build: re-index to pick it up

    @property
    def source(self) -> str:
        return UPLOAD_PREFIX + self.name


def unsupported_message(names: Iterable[str]) -> str:
    kinds = "、".join(s.lstrip(".") for s in SUPPORTED)
    return f"不支持的文件类型：{'、'.join(names)}。只支持上传 {kinds} 文件。"


def save_uploads(folder: Path, paths: Sequence[Path]) -> list[str]:
    """Copies each supported file into the folder; one Chinese line per file."""
    bad = [p.name for p in paths if p.suffix.lower() not in SUPPORTED]
    if bad:
        raise UploadError(unsupported_message(bad))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for p in paths:
            shutil.copy(p, folder / p.name)
    except OSError as err:
        raise UploadError(f"保存上传文件失败：{err.strerror or type(err).__name__}。") from err
    return [f"已添加 {p.name}" for p in paths]


def _target(folder: Path, name: str) -> Path:
    name = (name or "").strip()
    path = folder / name
    if not name or "/" in name or "\\" in name or name in (".", "..") or path.parent != folder:
        raise UploadError(f"文件名无效：{name or '（空）'}")
    if not path.is_file():
        raise UploadError(f"没有找到已上传的文件“{name}”，可能已被删除。")
    return path


def delete_upload(folder: Path, name: str) -> str:
    """Removes one uploaded file; the index keeps it until the next build."""
    path = _target(folder, name)
    try:
        path.unlink()
    except OSError as err:
        raise UploadError(f"删除“{name}”失败：{err.strerror or type(err).__name__}。") from err
    return f"已删除 {name}。重新建立索引后，它将从知识库中移除。"


def _kind(mine: list[Chunk]) -> Kind:
    kinds = {c.doc_type for c in mine}
    if "law" in kinds:
        return Kind.STATUTE
    if "report" in kinds:
        return Kind.REPORT
    sections = {c.section for c in mine} - {None, "引言", mine[0].title}
    return Kind.SECTIONS if any(s and s[0] in "一二三四五六七八九十（" for s in sections) else Kind.PLAIN


def _built_epoch(built_at: str | None) -> float | None:
    try:
        return time.mktime(time.strptime(built_at, "%Y-%m-%d %H:%M:%S")) if built_at else None
    except ValueError:
        return None


def list_uploads(folder: Path, chunks: Sequence[Chunk], built_at: str | None,
                 skipped: Iterable[tuple[str, str]] = ()) -> list[UploadInfo]:
    """Every file in the upload folder, by name, with what the committed index holds of it."""
    if not folder.is_dir():
        return []
    reasons = dict(skipped)
    by_source: dict[str, list[Chunk]] = {}
    for c in chunks:
        if c.source.startswith(UPLOAD_PREFIX):
            by_source.setdefault(c.source, []).append(c)
    built = _built_epoch(built_at)
    out = []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        source, stat = UPLOAD_PREFIX + path.name, path.stat()
        mine, reason = by_source.get(source, []), reasons.get(source)
        stale = built is None or stat.st_mtime > built + 1 or not (mine or reason)
        kind = _kind(mine) if mine else (Kind.SKIPPED if reason else Kind.PENDING)
        out.append(UploadInfo(path.name, stat.st_size, kind, len(mine), len({c.article for c in mine if c.article}),
                              built_at if (mine or reason) else None, reason, stale))
    return out


def size_label(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"
