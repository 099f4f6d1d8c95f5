"""Grid-search retrieval weights on the dev sets, with leave-one-fold-out cross-validation.

Usage: LAWDESK_INDEX_DIR=index python scripts/tune.py
Prints the best weights on all dev questions and the CV estimate (pick on 4 folds, score the 5th).
"""
from __future__ import annotations

import itertools

from app.config import Settings
from app.evaluation import gold_sources, history_of, load_set, ranks, retrieval_metrics
from app.retrieve.retriever import Weights
from app.service import build_service


def score(svc, qs, w):
    svc.retriever.w = w
    rows = [ranks(q, [h.to_json() for h in svc.search(q["question"], 100, history_of(q))]) for q in qs]
    return retrieval_metrics(rows)


def objective(m):
    return m["R@10"] + m["MRR@10"]


def main() -> None:
    s = Settings()
    svc = build_service(s)
    bench = s.corpus_dir.parent / "bench"
    qs = [q for q in load_set(bench / "stard_domain_dev.jsonl") if gold_sources(q)]
    grid = [Weights(dense=d, law_boost=lb, report_boost=rb)
            for d, lb, rb in itertools.product([0.0, 0.15, 0.25, 0.35, 0.45], [0.2, 0.35], [0.25])]
    folds = [qs[i::5] for i in range(5)]
    cv = []
    for i, test in enumerate(folds):
        train = [q for j, f in enumerate(folds) if j != i for q in f]
        best = max(grid, key=lambda w: objective(score(svc, train, w)))
        cv.append((best, score(svc, test, best)))
        print(f"fold {i}: best dense={best.dense} law={best.law_boost} -> test R@10={cv[-1][1]['R@10']:.3f} MRR={cv[-1][1]['MRR@10']:.3f}")
    n = len(qs)
    for key in ("R@10", "MRR@10"):
        print(f"CV {key}: {sum(m[key] * len(f) for (_, m), f in zip(cv, folds)) / n:.3f}")
    for w in grid:
        m = score(svc, qs, w)
        print(f"dense={w.dense:.2f} law={w.law_boost:.2f}  R@1={m['R@1']:.3f} R@10={m['R@10']:.3f} R@100={m['R@100']:.3f} MRR@10={m['MRR@10']:.3f}")


if __name__ == "__main__":
    main()
