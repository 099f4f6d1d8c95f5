"""Confidence of an offline answer (pure): a logistic model over retrieval and sentence-match signals.

Trained by `make train` on the dev sets with out-of-fold rankings (so it learns how sure the ranker is on questions
it did not see), cross-validated over families, and shipped as a few coefficients in corpus/ranker/confidence.json.
It reads the hand-made signals below and the ranker's own features of the first hit (which lists found it, how
its BM25 and dense scores stand against the best candidate, …): with them, out-of-fold AUC rose from .822 to .847
and confident & right from .513 to .552 at the same confidently-wrong share (family CV, 3 splits).
Below the threshold an answer is "low": it says plainly that no certain answer was found and lists 可能相关 articles.
Without a model file every answer is "high" except where the hand-set checks (weak evidence, …) already decline.
"""
from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass, field
from pathlib import Path

from app.retrieve.features import FEATURES

log = logging.getLogger("lawdesk.confidence")
DEFAULT_MODEL = Path(__file__).resolve().parents[2] / "corpus" / "ranker" / "confidence.json"
SIGNALS: tuple[str, ...] = ("top", "margin", "margin3", "sentence", "answers_type", "asks_type", "evidence",
                            "report_match", "names_law", "short_question", "agree", "xq_match", "bm25_rel")
NAMES: tuple[str, ...] = SIGNALS + tuple(f"ranker.{f}" for f in FEATURES)  # the model's inputs, in order
RANK_ONE = 0.6931  # log1p(1): a feature rank of 1


@dataclass(frozen=True)
class Signals:
    top: float  # ranker score of the first hit
    margin: float  # first minus second
    margin3: float  # first minus third
    sentence: float  # best sentence's match score (app.answer.select)
    answers_type: bool  # the best sentence has the shape the question type asks for
    asks_type: bool  # the question has a recognised type (期限, 机关, 费用…)
    evidence: float  # share of the question's idf mass in the first hit
    report_match: bool  # a report question answered from the report
    names_law: bool  # the question names the law of the first hit
    short_question: bool  # a search-box query (≤ 8 characters)
    agree: float  # how many of the four candidate lists rank the first hit first
    xq_match: float  # best character overlap between the question and a question written for the first hit
    bm25_rel: float  # the first hit's BM25 relative to the best BM25 candidate
    # the ranker's features of the first hit, in FEATURES order; NaN where unknown (a rerank chose another first
    # hit): the model then reads the training mean, i.e. that feature says nothing either way
    ranked: tuple[float, ...] = field(default=(math.nan,) * len(FEATURES))

    def vector(self) -> list[float]:
        return [float(getattr(self, name)) for name in SIGNALS] + [float(v) for v in self.ranked]


@dataclass(frozen=True)
class Calibrator:
    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float
    threshold_short: float  # search-box queries say less, so they need more certainty (chosen on CV separately)

    def probability(self, s: Signals) -> float:
        z = self.bias + sum(w * (x - m) / sd for w, x, m, sd in zip(self.weights, s.vector(), self.mean, self.scale)
                            if not math.isnan(x))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def confident(self, s: Signals) -> bool:
        return self.probability(s) >= (self.threshold_short if s.short_question else self.threshold)

    def to_json(self) -> dict[str, object]:
        return {"signals": list(NAMES), "weights": list(self.weights), "bias": self.bias, "mean": list(self.mean),
                "scale": list(self.scale), "threshold": self.threshold, "threshold_short": self.threshold_short}


def load_calibrator(path: Path | None = DEFAULT_MODEL) -> Calibrator | None:
    if path is None or not path.is_file():
        return None
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        log.warning("confidence model unreadable (%s): every answer counts as confident", err)
        return None
    if tuple(d.get("signals", ())) != NAMES:
        log.warning("confidence model %s was trained on other signals: ignored", path.name)
        return None
    return Calibrator(tuple(d["weights"]), float(d["bias"]), tuple(d["mean"]), tuple(d["scale"]), float(d["threshold"]),
                      float(d.get("threshold_short", d["threshold"])))
