"""`make train-library`: fit the law library's ranker (LITE_FEATURES) on stard_dev, with cross-validation.

    python scripts/train_library_ranker.py --index DIR [--corpus ../shared/lawlib] [--out corpus/ranker/library.lgb.txt]

Needs an index of the law library (`LAWDESK_CORPUS_DIR=../shared/lawlib LAWDESK_INDEX_DIR=DIR lawdesk build`,
about 20 minutes on 2 cores). On the library hardly any article has written questions, so the main model's
strongest features are missing there; this model ranks each list's top LITE_DEPTH articles by retrieval scores,
title match, legal rank and version. Each STARD question is its own family. Printed: R@100 and R@10 (score.py
search: share of a question's gold articles found) of the hand-set fallback, of the model cross-validated
(5 folds x 3 repeats) and in-sample.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_ranker import PARAMS, scorer  # noqa: E402

from app.config import Settings  # noqa: E402
from app.retrieve.features import LITE_FEATURES  # noqa: E402
from app.retrieve.query import analyse  # noqa: E402
from app.retrieve.ranker import LIBRARY_MODEL, save_ranker  # noqa: E402
from app.schema import Hit  # noqa: E402
from app.service import LawdeskService, embedder_for  # noqa: E402

LIBRARY_PARAMS = {**PARAMS, "lambdarank_truncation_level": 100}  # R@100 is what the library is judged on


@dataclass
class Row:
    question: dict
    heads: list[int]
    x: np.ndarray
    y: np.ndarray
    lookups: list[int]
    fallback: list[int]
    hits: dict[int, dict]  # head -> the hit as the scorer reads it


def collect(svc: LawdeskService, bench: Path, sc) -> list[Row]:
    r = svc.retriever
    rows = []
    for line in open(bench / "stard_dev.jsonl", encoding="utf-8"):
        q = json.loads(line)
        plan = analyse(q["question"], r.titles, ())
        lists = r.candidate_lists(plan, [])
        heads, x = r.features(plan, lists, lite=True)
        fb = list(dict.fromkeys(r.head_of[i] for i in r.hand_scores(plan, lists, 100)[0]))
        hits = {h: Hit(r.whole(r.chunks[h]), 0, ()).to_json() for h in set(heads) | set(fb)}
        gold = sc.gold_sources(q)
        y = np.asarray([float(any(sc.matches(hits[h], g, q) for g in gold)) for h in heads])
        rows.append(Row(q, heads, x, y, [r.head_of[i] for i in r.lookup(plan)], fb, hits))
    return rows


def recall(row: Row, order: list[int], sc, k: int) -> float:
    gold = sc.gold_sources(row.question)
    hits = [row.hits[h] for h in list(dict.fromkeys(row.lookups + order))[:k]]
    return sum(any(sc.matches(h, g, row.question) for h in hits) for g in gold) / max(1, len(gold))


def ranked(row: Row, scores: np.ndarray) -> list[int]:
    return [row.heads[j] for j in np.argsort(-scores, kind="stable")]


def fit(rows: list[Row]):
    import lightgbm

    train = [r for r in rows if r.y.any()]
    model = lightgbm.LGBMRanker(**LIBRARY_PARAMS)
    model.fit(np.vstack([r.x for r in train]), np.concatenate([r.y for r in train]), group=[len(r.y) for r in train])
    return model


def cross_validate(rows: list[Row], sc, folds: int, seeds: int) -> dict[str, float]:
    got: dict[str, list[float]] = {"R@100": [], "R@10": []}
    for seed in range(seeds):
        fold = np.random.default_rng(seed).permutation(len(rows)) % folds
        r100, r10 = np.zeros(len(rows)), np.zeros(len(rows))
        for k in range(folds):
            model = fit([r for r, f in zip(rows, fold) if f != k])
            for i, (r, f) in enumerate(zip(rows, fold)):
                if f == k:
                    order = ranked(r, model.predict(r.x))
                    r100[i], r10[i] = recall(r, order, sc, 100), recall(r, order, sc, 10)
        got["R@100"].append(float(r100.mean()))
        got["R@10"].append(float(r10.mean()))
    return {m: round(float(np.mean(v)), 3) for m, v in got.items()}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", type=Path, required=True, help="an index of the law library")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "lawlib")
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--out", type=Path, default=LIBRARY_MODEL)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seeds", type=int, default=3)
    args = ap.parse_args()
    settings = Settings().model_copy(update={"index_dir": args.index, "corpus_dir": args.corpus, "scope": "laws"})
    sc = scorer(args.bench)
    t0 = time.time()
    svc = LawdeskService(settings, embedder_for(settings), None, ranker=None)
    rows = collect(svc, args.bench, sc)
    print(f"{len(rows)} questions, {sum(len(r.y) for r in rows)} candidate rows, "
          f"{np.mean([r.y.any() for r in rows]):.3f} with a gold candidate ({time.time() - t0:.0f} s)")
    fallback = {f"R@{k}": round(float(np.mean([recall(r, r.fallback, sc, k) for r in rows])), 3) for k in (100, 10)}
    cv = cross_validate(rows, sc, args.folds, args.seeds)
    model = fit(rows)
    insample = {f"R@{k}": round(float(np.mean([recall(r, ranked(r, model.predict(r.x)), sc, k) for r in rows])), 3)
                for k in (100, 10)}
    print("| stard_dev on the library | R@100 | R@10 |\n|---|---|---|")
    for name, m in (("fallback", fallback), (f"model CV ({args.folds} folds x {args.seeds})", cv),
                    ("model in-sample", insample)):
        print(f"| {name} | {m['R@100']:.3f} | {m['R@10']:.3f} |")
    gain = dict(zip(LITE_FEATURES, model.booster_.feature_importance("gain").round(1).tolist()))
    print("\nfeature gain:", json.dumps(dict(sorted(gain.items(), key=lambda kv: -kv[1])), ensure_ascii=False))
    save_ranker(model.booster_, args.out, {"trained_on": ["stard_dev"], "embedder": svc.embedder.name,
                                            "params": LIBRARY_PARAMS, "cv": cv, "in_sample": insample,
                                            "fallback": fallback, "gain": gain}, LITE_FEATURES)
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
