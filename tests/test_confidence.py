"""The confidence model's arithmetic: unknown ranker features say nothing, the shipped model matches its inputs."""
from __future__ import annotations

import json
import math
from dataclasses import replace

from app.answer.confidence import DEFAULT_MODEL, NAMES, SIGNALS, Calibrator, Signals, load_calibrator
from app.retrieve.features import FEATURES


def _signals(**kw: object) -> Signals:
    base = Signals(top=1.0, margin=0.5, margin3=0.7, sentence=0.4, answers_type=True, asks_type=True, evidence=0.6,
                   report_match=False, names_law=False, short_question=False, agree=2.0, xq_match=10.0, bm25_rel=1.0)
    return replace(base, **kw)  # type: ignore[arg-type]


def _calibrator(weights: list[float]) -> Calibrator:
    n = len(NAMES)
    return Calibrator(tuple(weights), 0.0, (0.5,) * n, (2.0,) * n, 0.5, 0.8)


def test_the_model_reads_the_signals_and_the_ranker_features_in_order() -> None:
    assert NAMES[: len(SIGNALS)] == SIGNALS and len(NAMES) == len(SIGNALS) + len(FEATURES)
    ranked = tuple(float(i) for i in range(len(FEATURES)))
    assert _signals(ranked=ranked).vector()[len(SIGNALS):] == list(ranked)


def test_an_unknown_ranker_feature_counts_as_the_training_mean() -> None:
    w = [0.0] * len(SIGNALS) + [1.0] * len(FEATURES)
    cal = _calibrator(w)
    unknown = _signals()  # a rerank chose another first hit: no ranker features
    at_mean = _signals(ranked=(0.5,) * len(FEATURES))
    assert math.isclose(cal.probability(unknown), cal.probability(at_mean))
    assert math.isclose(cal.probability(unknown), 0.5)
    assert cal.probability(_signals(ranked=(3.0,) * len(FEATURES))) > 0.99


def test_search_box_queries_need_their_own_threshold() -> None:
    cal = _calibrator([1.0] + [0.0] * (len(NAMES) - 1))  # only `top` counts
    s = _signals(top=1.3, ranked=(0.5,) * len(FEATURES))  # z = 0.4 -> p = 0.6
    assert cal.confident(s) and not cal.confident(replace(s, short_question=True))


def test_the_shipped_model_loads_and_a_model_on_other_inputs_is_ignored(tmp_path) -> None:
    shipped = load_calibrator(DEFAULT_MODEL)
    assert shipped is not None and len(shipped.weights) == len(NAMES)
    d = json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))
    old = tmp_path / "old.json"
    old.write_text(json.dumps(d | {"signals": list(SIGNALS)}), encoding="utf-8")
    assert load_calibrator(old) is None
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert load_calibrator(broken) is None and load_calibrator(tmp_path / "absent.json") is None
