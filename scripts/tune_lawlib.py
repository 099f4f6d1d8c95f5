"""The law-library choices, measured: the tail's rank penalty by 5-fold CV, and the everyday-word lexicon on / off.

Usage: python scripts/tune_lawlib.py [--lawlib-index index/lawlib]   (needs a built law-library index: make bench)
Prints stard_dev R@10 / R@100 / MRR@10 for each penalty with and without the lexicon, then the CV estimate of
R@100 when the penalty is picked on 4 folds and scored on the 5th.
"""
from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from unittest.mock import patch

from app.config import Settings
from app.evaluation import gold_sources, load_set, ranks, retrieval_metrics
from app.retrieve import lexicon
from app.service import build_service

ROOT = Path(__file__).resolve().parent.parent
PENALTIES = (0.0, 0.1, 0.2, 0.3, 0.5)


def rows_for(svc, qs: list[dict], penalty: float) -> list[list[int | None]]:
    svc.retriever.w = replace(svc.retriever.w, rank_penalty=penalty)
    return [ranks(q, [h.to_json() for h in svc.search(q["question"], 100)]) for q in qs]


def show(label: str, m: dict) -> None:
    print(f"{label:28s} R@10={m['R@10']:.3f} R@100={m['R@100']:.3f} MRR@10={m['MRR@10']:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lawlib-index", default=str(ROOT / "index" / "lawlib"))
    args = ap.parse_args()
    s = Settings(_env_file=None, corpus_dir=ROOT.parent / "shared" / "lawlib", index_dir=Path(args.lawlib_index),
                 llm_model=None)
    svc = build_service(s)
    qs = [q for q in load_set(ROOT.parent / "shared" / "bench" / "stard_dev.jsonl") if gold_sources(q)]
    rows = {p: rows_for(svc, qs, p) for p in PENALTIES}
    for p in PENALTIES:
        show(f"rank_penalty={p}", retrieval_metrics(rows[p]))
    with patch("app.retrieve.query.expand", lambda q: lexicon.expand(q, {})):  # ablation: no statute words added
        for p in (0.0, 0.2):
            show(f"no lexicon, rank_penalty={p}", retrieval_metrics(rows_for(svc, qs, p)))
    folds = [list(range(i, len(qs), 5)) for i in range(5)]
    hit = 0.0
    for i, test in enumerate(folds):
        train = [j for f, fold in enumerate(folds) if f != i for j in fold]
        best = max(PENALTIES, key=lambda p: retrieval_metrics([rows[p][j] for j in train])["R@100"])
        m = retrieval_metrics([rows[best][j] for j in test])
        print(f"fold {i}: best rank_penalty={best} -> test R@100={m['R@100']:.3f}")
        hit += m["R@100"] * len(test)
    print(f"CV R@100: {hit / len(qs):.3f}")


if __name__ == "__main__":
    main()
