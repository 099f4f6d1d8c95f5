"""Questions each article answers, written in advance (doc2query), indexed with the article.

Citizens ask 「罚款决定不服，最晚多少天内要提复议？」; the article says 「自知道或者应当知道该行政行为之日起六十日内」.
Neither BM25 nor a small dense model bridges that gap, but questions written for the article in everyday words do.
They live in `corpus/questions/*.jsonl` (our own text, written from the article texts alone, never from the
evaluation sets), one line per article: {"title", "article", "q": [...]} or, for a work-report paragraph,
{"report": true, "section", "starts", "q": [...]}. Matching is by law title and article number of the current
version, or by report section and the paragraph's opening words, so a re-worded article keeps its questions only
while its number stays.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.schema import Chunk
from app.text import norm_title

log = logging.getLogger("lawdesk.expansions")


@dataclass(frozen=True)
class ExpansionKey:
    title: str  # normalised title, or "" for a report paragraph
    place: str  # 第二十条, or the report section
    starts: str = ""  # report: the paragraph's opening characters


def key_of(c: Chunk) -> ExpansionKey | None:
    if c.doc_type == "law" and c.article and c.is_current:
        return ExpansionKey(norm_title(c.title), c.article)
    if c.doc_type == "report" and c.section:
        return ExpansionKey("", c.section, c.text[:16])
    return None


def _line_key(d: dict) -> ExpansionKey | None:
    if d.get("report"):
        return ExpansionKey("", str(d.get("section") or ""), str(d.get("starts") or ""))
    if d.get("title") and d.get("article"):
        return ExpansionKey(norm_title(str(d["title"])), str(d["article"]))
    return None


def load_questions(folder: Path | None) -> dict[ExpansionKey, tuple[str, ...]]:
    """Every questions file in the folder; an unreadable line is skipped with a warning, never fatal."""
    if folder is None or not folder.is_dir():
        return {}
    return load_question_files(sorted(folder.glob("*.jsonl")))


def load_question_files(paths: Iterable[Path]) -> dict[ExpansionKey, tuple[str, ...]]:
    out: dict[ExpansionKey, tuple[str, ...]] = {}
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError:
                log.warning("%s:%d is not JSON; skipped", path.name, n)
                continue
            key = _line_key(d)
            qs = tuple(q.strip() for q in d.get("q") or [] if isinstance(q, str) and q.strip())
            if key and qs:
                out[key] = out.get(key, ()) + qs
    return out


def questions_for(chunks: Iterable[Chunk], table: dict[ExpansionKey, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """chunk_id of the first chunk of each article -> its questions (split parts share their article's)."""
    out: dict[str, tuple[str, ...]] = {}
    seen: set[ExpansionKey] = set()
    for c in chunks:
        k = key_of(c)
        if k is None or k in seen:
            continue
        qs = table.get(k)
        if qs:
            seen.add(k)
            out[c.chunk_id] = qs
    return out
