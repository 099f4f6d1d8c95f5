"""Files -> Documents: discover, read, classify, clean. Unreadable files are reported, never fatal."""
from __future__ import annotations

from pathlib import Path

from app.errors import CorpusError, FileSkipped
from app.ingest.classify import ARTICLE_LINE, Structure, detect, statute_text
from app.ingest.clean import repair_pdf_text, strip_invisible
from app.ingest.loaders import SUPPORTED, read_file
from app.schema import Document, DocType, Skipped

UPLOAD_PREFIX = "user/"  # the source of every document from the upload folder starts so
_KINDS: dict[Structure, DocType] = {Structure.STATUTE: "law", Structure.REPORT: "report",
                                    Structure.POLICY: "other", Structure.PLAIN: "other"}


def discover(corpus_dir: Path) -> list[Path]:
    """Every candidate file under the corpus dir, sorted, README files excluded."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"找不到语料目录：{corpus_dir}（请检查 LAWDESK_CORPUS_DIR）")
    files = [p for p in corpus_dir.rglob("*") if p.is_file() and not p.name.startswith(".")]
    return sorted(p for p in files if p.suffix.lower() in SUPPORTED and p.stem.lower() != "readme")


def classify(source: str, text: str) -> DocType:
    return _KINDS[detect(source, text)]


def load_document(path: Path, corpus_dir: Path) -> Document:
    source = path.relative_to(corpus_dir).as_posix()
    text = read_file(path, source)
    plain = strip_invisible(text)
    kind = classify(source, plain)
    if kind != "law":
        return Document(source=source, text=repair_pdf_text(text), kind=kind)
    # a Markdown law keeps its text as is; any other statute-like text gets a title line first
    markdown_law = plain.lstrip().startswith("#") and ARTICLE_LINE.search(plain)
    shaped = plain if markdown_law else statute_text(plain, path.stem, path.suffix.lower() == ".pdf")
    return Document(source=source, text=shaped, kind=kind)


def load_corpus(corpus_dir: Path, extra_dirs: tuple[Path, ...] = ()) -> tuple[list[Document], list[Skipped]]:
    docs: list[Document] = []
    skipped: list[Skipped] = []
    for root in (corpus_dir, *[d for d in extra_dirs if d.is_dir()]):
        for path in discover(root):
            try:
                doc = load_document(path, root)
            except FileSkipped as err:
                skipped.append(Skipped(err.source if root == corpus_dir else UPLOAD_PREFIX + err.source, err.reason))
                continue
            if root != corpus_dir:
                doc = Document(source=UPLOAD_PREFIX + doc.source, text=doc.text, kind=doc.kind)
            docs.append(doc)
    return docs, skipped
