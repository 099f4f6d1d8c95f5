"""Work-report parser: 一、 > （一） > 1. headings, one chunk per paragraph with its section label. Pure."""
from __future__ import annotations

import re

from app.ingest.clean import DATE_LINE, is_heading, paragraphs
from app.schema import Chunk, DocType, make_chunk_id

L1 = re.compile(r"^([一二三四五六七八九十]+)、\s*(.*)$")
L2 = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]\s*(.*)$")
L3 = re.compile(r"^(\d{1,2})\s*[.．、]\s*(.*)$")
INTRO = "引言"


def doc_date(pars: list[str]) -> str | None:
    for p in reversed(pars[-3:]):
        m = DATE_LINE.match(p)
        if m:
            y, mo, d = re.findall(r"\d+", p)
            return f"{y}-{int(mo):02d}-{int(d):02d}"
    return None


def _first_sentence(s: str) -> str:
    return re.split(r"(?<=。)", s, maxsplit=1)[0].rstrip("。")


class _Cursor:
    """Tracks the current 一、/（一）/1. position while walking paragraphs."""

    def __init__(self) -> None:
        self.levels: list[tuple[str, str] | None] = [None, None, None]

    def enter(self, depth: int, label: str, title: str) -> None:
        self.levels[depth] = (label, title)
        for i in range(depth + 1, 3):
            self.levels[i] = None

    def label(self) -> str:
        parts = [lv[0] for lv in self.levels if lv]
        return "".join(parts) or INTRO

    def path(self) -> tuple[str, ...]:
        return tuple(lv[0] + lv[1] for lv in self.levels if lv)


def _position(par: str, cur: _Cursor) -> bool:
    """Updates the cursor for a heading; True when the paragraph is only a heading (no body)."""
    for depth, rx, fmt in ((0, L1, "{}、"), (1, L2, "（{}）"), (2, L3, "{}")):
        m = rx.match(par)
        if m and (depth < 2 or cur.levels[0]):
            title = m.group(2)
            heading_only = is_heading(par)
            shown = title if heading_only else _first_sentence(title)
            cur.enter(depth, fmt.format(m.group(1)), shown if depth < 2 else f". {shown}")
            return heading_only
    return False


def parse_report(text: str, source: str) -> list[Chunk]:
    pars = paragraphs(text)
    if not pars:
        return []
    return parse_sections(pars, source, "report", pars[0].lstrip("#").strip(), doc_date(pars))


def parse_policy(text: str, source: str) -> list[Chunk]:
    """A policy document or notice in 一、/（一）/1. sections: read as the report is, but an "other" document
    without a version (its date, if any, is not a law's version)."""
    pars = paragraphs(text)
    if not pars:
        return []
    stem = source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    titled = not (L1.match(pars[0]) or L2.match(pars[0]))
    title = pars[0].lstrip("#").strip() if titled else stem
    return parse_sections(pars if titled else [title, *pars], source, "other", title, None)


def parse_sections(pars: list[str], source: str, doc_type: DocType, title: str, version: str | None) -> list[Chunk]:
    """One chunk per paragraph after the title paragraph, labelled with its 一、（四）3 position."""
    cur = _Cursor()
    chunks: list[Chunk] = []
    for par in pars[1:]:
        if DATE_LINE.match(par) or _position(par, cur):
            continue
        label = cur.label()
        chunks.append(Chunk(
            chunk_id=make_chunk_id(source, version, label, par), doc_type=doc_type, title=title,
            short_title=title, version=version, is_current=True, article=None, article_no=None,
            part=None, heading_path=cur.path(), section=label, text=par, source=source,
        ))
    return chunks
