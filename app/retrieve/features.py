"""Ranking features of one (question, article) pair (pure given the precomputed signals).

Every feature is scale-free (ranks, ratios to the best candidate, shares of the question's idf mass), so one model
serves a 2,600-chunk bureau corpus and a 67,000-chunk library alike. Names are listed once, in FEATURES, and the
trained model file records them: a model trained on another feature list is refused, not silently misread.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from app.chunking.level import INTERPRETATION, LAW, LOCAL, REGULATION, RULE
from app.patterns import CUES, QType
from app.schema import Chunk

FEATURES: tuple[str, ...] = (
    "bm25_rel", "bm25_log", "bm25_rank", "dense", "dense_rel", "dense_rank",
    "xq_bm25_rel", "xq_bm25_rank", "xq_dense", "xq_dense_rel", "xq_dense_rank", "has_xq", "xq_chars",
    "names_law", "title_cov", "level", "dependent_rule", "local_unasked", "old_version", "version_wanted",
    "report", "report_intent", "bureau_report",
    "cov_best_sentence", "cov_whole", "cov_heading", "chars_best_sentence", "log_len",
    *(f"cue_{c.qtype.name.lower()}" for c in CUES), "asks_any_cue",
)
# the law library's ranker: what needs no sentence-level text of the candidate (62,500 articles cannot all be
# tokenized at start, nor 500 of them per question within the library's 100 ms)
LITE_FEATURES: tuple[str, ...] = (
    "bm25_rel", "bm25_log", "bm25_rank", "dense", "dense_rel", "dense_rank", "names_law", "title_cov", "level",
    "dependent_rule", "local_unasked", "old_version", "version_wanted", "log_len",
)
MISSING_RANK = 6.0  # log1p of a rank past every candidate list
_DEPENDENT = re.compile(r"实施条例|实施细则|实施办法|实施《")
_SENT = re.compile(r"[^。；！？\n]+[。；！？]?")
_LEVEL_RANK = {LAW: 0.0, INTERPRETATION: 0.0, REGULATION: 1.0, RULE: 1.5, LOCAL: 2.0}


def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of the CJK letters and digits: robust where jieba cuts colloquial words differently."""
    s = "".join(ch for ch in text if ch.isalnum())
    return frozenset(s[i:i + 2] for i in range(len(s) - 1))


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def containment(q: frozenset[str], s: frozenset[str]) -> float:
    """Share of the question's bigrams found in s."""
    return len(q & s) / len(q) if q else 0.0


@dataclass(frozen=True)
class GroupText:
    """What features need of one article (all its parts): token sets per sentence, cue flags, title tokens."""

    sentences: tuple[frozenset[str], ...]
    sentence_chars: tuple[frozenset[str], ...]
    tokens: frozenset[str]
    heading: frozenset[str]
    title: frozenset[str]
    answers: frozenset[QType]
    length: int


def group_text(chunks: Sequence[Chunk], tokenize: Callable[[str], list[str]]) -> GroupText:
    text = "\n".join(c.text for c in chunks)
    sents = [s for s in _SENT.findall(text) if s.strip()]
    first = chunks[0]
    return GroupText(
        sentences=tuple(frozenset(tokenize(s)) for s in sents) or (frozenset(),),
        sentence_chars=tuple(bigrams(s) for s in sents) or (frozenset(),),
        tokens=frozenset(tokenize(text)), heading=frozenset(tokenize(" ".join(first.heading_path))),
        title=frozenset(tokenize(first.short_title)),
        answers=frozenset(c.qtype for c in CUES if any(c.answers.search(s) for s in sents)),
        length=len(text))


@dataclass(frozen=True)
class QueryView:
    """The question as features see it: idf-weighted tokens, asked question types, the plan's flags."""

    weights: dict[str, float]
    qtypes: frozenset[QType]
    laws: frozenset[str]
    report: bool
    local: bool
    chars: frozenset[str]  # the question's character bigrams
    bureau: bool  # names the bureau (局里, 本局, 自然资源局…): its own report may hold the answer
    wanted: dict[str, str]  # title -> the version the question asks for (a year or 旧版), when it asks

    keys: frozenset[str] = frozenset()  # the weights' keys, as a set: coverage intersects it with each sentence
    total: float = 0.0  # the weights' sum

    def coverage(self, tokens: frozenset[str]) -> float:
        return sum(self.weights[t] for t in self.keys & tokens) / self.total if self.total else 0.0


@dataclass(frozen=True)
class Signals:
    """One candidate's raw retrieval signals (None: the list did not return it)."""

    bm25: float | None
    bm25_rank: int | None
    dense: float | None
    dense_rank: int | None
    xq_bm25: float | None
    xq_bm25_rank: int | None
    xq_dense: float | None
    xq_dense_rank: int | None
    has_xq: bool
    xq_chars: float  # best character-bigram Dice between the question and one of the article's questions


def _rank(r: int | None) -> float:
    return math.log1p(r) if r is not None else MISSING_RANK


def _rel(v: float | None, best: float, floor: float = 0.0) -> float:
    return (v / best) if (v is not None and best > 0) else floor


def _version_wanted(q: QueryView, c: Chunk) -> float:
    want = q.wanted.get(c.title)
    if want is None or c.doc_type != "law":
        return 0.0
    return 1.0 if c.version == want else -1.0


def feature_row(q: QueryView, c: Chunk, g: GroupText, s: Signals, best: dict[str, float]) -> list[float]:
    """The values of FEATURES, in order, for one candidate; `best` holds each list's top score."""
    cues = [float(cue.qtype in q.qtypes and cue.qtype in g.answers) for cue in CUES]
    title_cov = len(g.title & q.weights.keys()) / len(g.title) if g.title else 0.0
    report = c.doc_type == "report"
    return [
        _rel(s.bm25, best["bm25"]), math.log1p(s.bm25 or 0.0), _rank(s.bm25_rank),
        s.dense if s.dense is not None else 0.0,
        (s.dense - best["dense"]) if s.dense is not None else -1.0, _rank(s.dense_rank),
        _rel(s.xq_bm25, best["xq_bm25"]), _rank(s.xq_bm25_rank),
        s.xq_dense if s.xq_dense is not None else 0.0,
        (s.xq_dense - best["xq_dense"]) if s.xq_dense is not None else -1.0, _rank(s.xq_dense_rank), float(s.has_xq),
        s.xq_chars,
        float(c.title in q.laws), title_cov,
        _LEVEL_RANK.get(c.level, 3.0), float(bool(_DEPENDENT.search(c.title))),
        float(c.level == LOCAL and not q.local), float(c.doc_type == "law" and not c.is_current), _version_wanted(q, c),
        float(report), float(q.report and report), float(q.bureau and report),
        max(q.coverage(t) for t in g.sentences), q.coverage(g.tokens), q.coverage(g.heading),
        max(containment(q.chars, t) for t in g.sentence_chars), math.log1p(g.length),
        *cues, float(bool(q.qtypes)),
    ]


def lite_row(q: QueryView, c: Chunk, title: frozenset[str], length: int, s: Signals, best: dict[str, float]
             ) -> list[float]:
    """The values of LITE_FEATURES, in order: the same formulas as feature_row, without the candidate's sentences."""
    title_cov = len(title & q.weights.keys()) / len(title) if title else 0.0
    return [
        _rel(s.bm25, best["bm25"]), math.log1p(s.bm25 or 0.0), _rank(s.bm25_rank),
        s.dense if s.dense is not None else 0.0,
        (s.dense - best["dense"]) if s.dense is not None else -1.0, _rank(s.dense_rank),
        float(c.title in q.laws), title_cov,
        _LEVEL_RANK.get(c.level, 3.0), float(bool(_DEPENDENT.search(c.title))),
        float(c.level == LOCAL and not q.local), float(c.doc_type == "law" and not c.is_current), _version_wanted(q, c),
        math.log1p(length),
    ]


def matrix(rows: list[list[float]], width: int = len(FEATURES)) -> np.ndarray:
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), width)
