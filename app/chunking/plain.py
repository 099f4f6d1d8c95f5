"""Documents with neither statute nor report structure: paragraph chunks of <= ~500 chars. Pure."""
from __future__ import annotations

import re

from app.ingest.clean import HEADING, paragraphs
from app.schema import Chunk, make_chunk_id

MAX_CHARS = 500


def split_sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？!?；;])", text) if s.strip()]


def pack(sentences: list[str], limit: int = MAX_CHARS) -> list[str]:
    out: list[str] = []
    for s in sentences:
        if out and len(out[-1]) + len(s) <= limit:
            out[-1] += s
        else:
            out.extend(s[i:i + limit] for i in range(0, len(s), limit))  # a run-on sentence is cut hard
    return out


def _is_heading(par: str) -> bool:
    return par.startswith("#") or (len(par) <= 30 and not re.search(r"[，。；]", par)) or (
        bool(HEADING.match(par)) and len(par) <= 40)


def parse_plain(text: str, source: str) -> list[Chunk]:
    pars = paragraphs(text)
    stem = source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    title = pars[0].lstrip("#").strip() if pars and _is_heading(pars[0]) else stem
    section, chunks = title, []
    for par in pars:
        if _is_heading(par):
            section = par.lstrip("#").strip()
            continue
        for piece in pack(split_sentences(par)):
            chunks.append(Chunk(
                chunk_id=make_chunk_id(source, None, section, piece), doc_type="other", title=title,
                short_title=title, version=None, is_current=True, article=None, article_no=None,
                part=None, heading_path=(section,) if section != title else (), section=section,
                text=piece, source=source,
            ))
    return chunks
