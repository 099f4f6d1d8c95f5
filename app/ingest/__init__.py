"""Files -> Documents: discover, read, classify, clean. Unreadable files are reported, never fatal."""
from __future__ import annotations

import re
from pathlib import Path

from app.errors import CorpusError, FileSkipped
from app.ingest.clean import repair_pdf_text, strip_invisible
from app.ingest.loaders import SUPPORTED, read_file
from app.schema import Document, DocType, Skipped

_ARTICLE_LINE = re.compile(r"^第[零〇一二两三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?[\s\u3000]", re.M)


def discover(corpus_dir: Path) -> list[Path]:
    """Every candidate file under the corpus dir, sorted, README files excluded."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"找不到语料目录：{corpus_dir}（请检查 LAWDESK_CORPUS_DIR）")
    files = [p for p in corpus_dir.rglob("*") if p.is_file() and not p.name.startswith(".")]
    return sorted(p for p in files if p.suffix.lower() in SUPPORTED and p.stem.lower() != "readme")


def classify(source: str, text: str) -> DocType:
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if first.startswith("#") and _ARTICLE_LINE.search(text):
        return "law"
    if source.startswith("report/") or ("报告" in first and re.search(r"^\s*一、", text, re.M)):
        return "report"
    return "other"


def load_document(path: Path, corpus_dir: Path) -> Document:
    source = path.relative_to(corpus_dir).as_posix()
    text = read_file(path, source)
    kind = classify(source, strip_invisible(text))
    cleaned = repair_pdf_text(text) if kind != "law" else strip_invisible(text)
    return Document(source=source, text=cleaned, kind=kind)


def load_corpus(corpus_dir: Path, extra_dirs: tuple[Path, ...] = ()) -> tuple[list[Document], list[Skipped]]:
    docs: list[Document] = []
    skipped: list[Skipped] = []
    for root in (corpus_dir, *[d for d in extra_dirs if d.is_dir()]):
        for path in discover(root):
            try:
                doc = load_document(path, root)
            except FileSkipped as err:
                skipped.append(Skipped(err.source, err.reason))
                continue
            if root != corpus_dir:
                doc = Document(source=f"user/{doc.source}", text=doc.text, kind=doc.kind)
            docs.append(doc)
    return docs, skipped
