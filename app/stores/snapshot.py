"""IndexSnapshot: everything one committed generation holds, loaded completely, then never changed.

A serving instance swaps a new snapshot in as one reference (app.service), so a question is always answered from
one generation, never from a mix; a build elsewhere is picked up by comparing CURRENT between questions.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from app.chunking.level import legal_level
from app.schema import Chunk
from app.stores import expansion_index
from app.stores.expansion_index import ExpansionIndex
from app.stores.lexical import BM25Index
from app.stores.manifest import Manifest, current_generation
from app.tokenizer import Tokenizer


@dataclass(frozen=True)
class IndexSnapshot:
    generation: str
    manifest: Manifest
    chunks: tuple[Chunk, ...]
    by_id: Mapping[str, Chunk]
    bm25: BM25Index
    tokenizer: Tokenizer
    expansions: ExpansionIndex | None
    report_years: frozenset[str]  # years the report's text speaks of
    report_title_years: tuple[str, ...]  # the years its title names (the report's own year)

    @property
    def law_titles(self) -> dict[str, str]:
        return {c.title: c.short_title for c in self.chunks if c.doc_type == "law"}


def with_level(c: Chunk) -> Chunk:
    """Chunks of an index built before levels were recorded get theirs on loading (no rebuild needed)."""
    return replace(c, level=legal_level(c.source, c.title)) if c.doc_type == "law" and not c.level else c


def committed(index_dir: Path) -> str | None:
    """The committed generation's name, cheaply (one small file read): serving instances poll it."""
    try:
        return (index_dir / "CURRENT").read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def load_snapshot(index_dir: Path) -> IndexSnapshot:
    gen = current_generation(index_dir)
    manifest = Manifest.load(gen)
    with open(gen / "chunks.jsonl", encoding="utf-8") as fh:
        chunks = tuple(with_level(Chunk.from_json(json.loads(line))) for line in fh)
    words = json.loads((gen / "userwords.json").read_text(encoding="utf-8"))
    pos = {c.chunk_id: i for i, c in enumerate(chunks)}
    report = [c for c in chunks if c.doc_type == "report"]
    years = frozenset(y for c in report for y in re.findall(r"(20\d{2})年", c.text))
    title_years = tuple(sorted({y for t in {c.title for c in report} for y in re.findall(r"(20\d{2})年", t)}))
    return IndexSnapshot(gen.name, manifest, chunks, MappingProxyType({c.chunk_id: c for c in chunks}),
                         BM25Index.load(gen), Tokenizer(words), expansion_index.load(gen, pos), years, title_years)
