"""The learned ranker: a small LightGBM LambdaRank model over app.retrieve.features, trained by `make train`.

The model file is plain LightGBM text plus a JSON header line naming its feature list; a file whose features differ
from this code's FEATURES is refused (the retriever then uses the hand-set fallback weights, with a log line).
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from app.retrieve.features import FEATURES, LITE_FEATURES

log = logging.getLogger("lawdesk.ranker")
DEFAULT_MODEL = Path(__file__).resolve().parents[2] / "corpus" / "ranker" / "ranker.lgb.txt"
LIBRARY_MODEL = DEFAULT_MODEL.with_name("library.lgb.txt")


MIN_QUESTION_COVERAGE = 0.5  # share of the index's chunks with written questions (default corpus: .96)


@dataclass(frozen=True)
class Ranker:
    booster: Any  # lightgbm.Booster: thread-safe for predict
    meta: dict[str, Any]

    def fits(self, snapshot: object) -> bool:
        """The model was trained on one embedder's similarities and on an index where nearly every article has
        written questions (their scores are its strongest features): an index built otherwise (the test embedder;
        the law library, where 4% of the articles have questions and those few would crowd out the rest) ranks by
        the hand-set weights instead."""
        manifest = getattr(snapshot, "manifest", None)
        expansions = getattr(snapshot, "expansions", None)
        chunks = getattr(snapshot, "chunks", ())
        covered = len(getattr(expansions, "has", ())) / max(1, len(chunks))
        same_embedder = getattr(manifest, "embedder", None) == self.meta.get("embedder")
        if self.lite:  # the library's model: trained where hardly any article has written questions
            return same_embedder and covered < MIN_QUESTION_COVERAGE
        return same_embedder and expansions is not None and covered >= MIN_QUESTION_COVERAGE

    @property
    def lite(self) -> bool:
        return tuple(self.meta.get("features", ())) == LITE_FEATURES

    @property
    def features(self) -> tuple[str, ...]:
        return LITE_FEATURES if self.lite else FEATURES

    def score(self, x: np.ndarray) -> np.ndarray:
        if not len(x):
            return np.zeros(0)
        return np.asarray(self.booster.predict(x, num_threads=1), dtype=np.float64)


def meta_path(model: Path) -> Path:
    return model.with_suffix(".json")


def load_ranker(path: Path | None = DEFAULT_MODEL) -> Ranker | None:
    """The model at `path`, or None (hand-set weights) when it is absent or was trained on other features."""
    if path is None or not path.is_file():
        return None
    try:
        meta = json.loads(meta_path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        log.warning("ranker metadata unreadable (%s): using hand-set weights", err)
        return None
    if tuple(meta.get("features", ())) not in (FEATURES, LITE_FEATURES):
        log.warning("ranker %s was trained on other features: using hand-set weights", path.name)
        return None
    import lightgbm

    return Ranker(lightgbm.Booster(model_file=str(path)), meta)


def save_ranker(booster: Any, path: Path, meta: dict[str, Any], features: tuple[str, ...] = FEATURES) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    booster.save_model(str(path))
    meta_path(path).write_text(json.dumps({**meta, "features": list(features)}, ensure_ascii=False, indent=1),
                               encoding="utf-8")
