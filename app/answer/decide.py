"""The signals the confidence model reads from one answered question (pure given the retriever)."""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from app.answer.confidence import RANK_ONE, Signals
from app.answer.refuse import Lexical, evidence
from app.answer.select import Scorer, select
from app.patterns import answers, question_types
from app.retrieve.features import FEATURES
from app.retrieve.query import QueryPlan
from app.schema import Hit


def answer_signals(question: str, plan: QueryPlan | None, hits: Sequence[Hit], scorer: Scorer,
                   index: Lexical, first: Mapping[str, float]) -> Signals:
    """first: the ranker's feature values of the first hit (Retriever.search_ranked)."""
    top = hits[0]
    scores = [h.score for h in hits[:3]] + [hits[-1].score] * (3 - min(3, len(hits)))
    sel = select(top.chunk.text, question, scorer)
    qtypes = question_types(question)
    return Signals(
        top=scores[0], margin=scores[0] - scores[1], margin3=scores[0] - scores[2], sentence=sel.score,
        answers_type=any(answers(t, sel.best.text) for t in qtypes), asks_type=bool(qtypes),
        evidence=evidence(question, top.chunk, index),
        report_match=bool(plan and plan.report) and top.chunk.doc_type == "report",
        names_law=bool(plan and top.chunk.title in plan.laws), short_question=len(question) <= 8,
        agree=float(sum(abs(first.get(f, 9.0) - RANK_ONE) < 1e-3
                        for f in ("bm25_rank", "dense_rank", "xq_bm25_rank", "xq_dense_rank"))),
        xq_match=first.get("xq_chars", 0.0), bm25_rel=first.get("bm25_rel", 0.0),
        ranked=tuple(first.get(f, math.nan) for f in FEATURES))
