"""Documents -> Chunks, dispatching on document kind; marks the current version of each law."""
from __future__ import annotations

import hashlib
from dataclasses import replace

from app.chunking.law import parse_law
from app.chunking.plain import parse_plain
from app.chunking.report import parse_policy, parse_report
from app.ingest.classify import is_policy
from app.schema import Chunk, Document

_PARSERS = {"law": parse_law, "report": parse_report, "other": parse_plain}


def chunk_document(doc: Document) -> list[Chunk]:
    if doc.kind == "other" and is_policy(doc.text):
        return parse_policy(doc.text, doc.source) or parse_plain(doc.text, doc.source)
    chunks = _PARSERS[doc.kind](doc.text, doc.source)
    if doc.kind != "other" and not chunks:  # structure promised but not found: keep the text anyway
        return parse_plain(doc.text, doc.source)
    return chunks


def mark_current(chunks: list[Chunk]) -> list[Chunk]:
    """is_current is True only for the latest version of each law title."""
    latest: dict[str, str] = {}
    for c in chunks:
        if c.doc_type == "law" and c.version and c.version > latest.get(c.title, ""):
            latest[c.title] = c.version
    return [
        replace(c, is_current=(c.version or "") == latest.get(c.title, c.version or ""))
        if c.doc_type == "law" else c
        for c in chunks
    ]


def unique_ids(chunks: list[Chunk]) -> list[Chunk]:
    """A document may repeat a paragraph word for word under one heading; the repeat gets a derived id."""
    seen: dict[str, int] = {}
    out = []
    for c in chunks:
        n = seen.get(c.chunk_id, 0)
        seen[c.chunk_id] = n + 1
        out.append(c if n == 0 else replace(c, chunk_id=hashlib.sha1(f"{c.chunk_id}#{n}".encode()).hexdigest()[:20]))
    return out


def chunk_documents(docs: list[Document]) -> list[Chunk]:
    return mark_current(unique_ids([c for d in docs for c in chunk_document(d)]))
