"""`make train`: fit the learned ranker on every dev set, with cross-validation over families; write the model.

    python scripts/train_ranker.py [--bench ../shared/bench] [--out corpus/ranker/ranker.lgb.txt] [--folds 5]

Training rows are (question, candidate article) pairs from the retriever's own candidate lists over the default
index (`lawdesk build` first). Labels come from the bench's reference scorer (score.py), so "relevant" means exactly
what the benchmark counts. Families stay whole inside a fold (all phrasings of one need are either trained on or
tested on, never both); STARD and qa questions are their own families. Printed: per set and style, R@1/R@5 of the
hand-set fallback and of the model, cross-validated and in-sample.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.config import Settings  # noqa: E402
from app.retrieve.query import analyse  # noqa: E402
from app.retrieve.ranker import DEFAULT_MODEL, save_ranker  # noqa: E402
from app.schema import Hit  # noqa: E402
from app.service import LawdeskService, embedder_for  # noqa: E402

SETS = ("bank_dev", "qa_dev", "stard_domain_dev")
PARAMS = dict(objective="lambdarank", n_estimators=250, learning_rate=0.05, num_leaves=7, min_child_samples=20,
              subsample=0.8, subsample_freq=1, colsample_bytree=0.8, reg_lambda=1.0, verbose=-1, n_jobs=1,
              lambdarank_truncation_level=10)


def scorer(bench: Path):
    spec = importlib.util.spec_from_file_location("score", bench / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


@dataclass
class Row:
    set: str
    qid: str
    family: str
    style: str
    gold: dict
    heads: list[int]
    x: np.ndarray
    y: np.ndarray
    lookups: list[int]
    fallback: list[int]  # article heads in the hand-set order


def collect(svc: LawdeskService, bench: Path, sc) -> list[Row]:
    r = svc.retriever
    rows = []
    for name in SETS:
        for line in open(bench / f"{name}.jsonl", encoding="utf-8"):
            g = json.loads(line)
            srcs = sc.gold_sources(g) + g.get("also", [])
            if not srcs:
                continue
            users = tuple(t["content"] for t in g.get("history") or [] if t["role"] == "user")
            plan = analyse(g["question"], r.titles, users)
            lists = r.candidate_lists(plan, [])
            heads, x = r.features(plan, lists)
            y = np.asarray([float(any(sc.matches(Hit(r.whole(r.chunks[h]), 0, ()).to_json(), s, g) for s in srcs))
                            for h in heads])
            fb = [r.head_of[i] for i in r._hand_scores(plan, lists, 100)[0]]
            rows.append(Row(name, g["id"], g.get("family") or f"{name}:{g['id']}", g.get("style", name), g, heads, x, y,
                            [r.head_of[i] for i in r.lookup(plan)], list(dict.fromkeys(fb))))
    return rows


def order(row: Row, scores: np.ndarray | None) -> list[int]:
    ranked = row.fallback if scores is None else [row.heads[i] for i in np.argsort(-scores, kind="stable")]
    return list(dict.fromkeys(row.lookups + ranked))


def metrics(rows: list[Row], orders: dict[str, list[int]], svc: LawdeskService, sc) -> dict[str, dict[str, float]]:
    """R@1 / R@5 per set and style with the reference scorer's matching (gold or "also" sources)."""
    r = svc.retriever
    out: dict[str, dict[str, list[float]]] = {}
    for row in rows:
        hits = [Hit(r.whole(r.chunks[h]), 0, ()).to_json() for h in orders[row.qid + row.set][:5]]
        srcs = sc.gold_sources(row.gold) + row.gold.get("also", [])
        rank = next((i + 1 for i, h in enumerate(hits) for s in srcs if sc.matches(h, s, row.gold)), None)
        for key in (f"{row.set}:{row.style}" if row.set == "bank_dev" else row.set, "all"):
            d = out.setdefault(key, {"R@1": [], "R@5": []})
            d["R@1"].append(float(rank == 1))
            d["R@5"].append(float(rank is not None and rank <= 5))
    return {k: {m: round(float(np.mean(v)), 3) for m, v in d.items()} | {"n": len(d["R@1"])} for k, d in out.items()}


def fit(rows: list[Row]):
    import lightgbm

    train = [r for r in rows if r.y.any() and len(r.y) > 1]
    x = np.vstack([r.x for r in train])
    y = np.concatenate([r.y for r in train])
    model = lightgbm.LGBMRanker(**PARAMS)
    model.fit(x, y, group=[len(r.y) for r in train])
    return model


def cross_validate(rows: list[Row], folds: int, seed: int = 0) -> dict[str, list[int]]:
    fams = sorted({r.family for r in rows})
    rng = np.random.default_rng(seed)
    fold_of = {f: i % folds for i, f in enumerate(rng.permutation(fams))}
    orders = {}
    for k in range(folds):
        model = fit([r for r in rows if fold_of[r.family] != k])
        for r in rows:
            if fold_of[r.family] == k:
                orders[r.qid + r.set] = order(r, model.predict(r.x))
    return orders


def table(title: str, results: dict[str, dict[str, dict[str, float]]]) -> str:
    keys = sorted(next(iter(results.values())))
    lines = [f"\n{title}", f"{'set:style':<26}{'n':>5}  " + "  ".join(f"{c:>16}" for c in results)]
    for k in keys:
        n = next(iter(results.values()))[k]["n"]
        cells = "  ".join(f"R@1 {v[k]['R@1']:.3f} R@5 {v[k]['R@5']:.3f}" for v in results.values())
        lines.append(f"{k:<26}{n:>5}  {cells}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seeds", type=int, default=3, help="CV repeats with different family splits")
    args = ap.parse_args()
    settings = Settings()
    sc = scorer(args.bench)
    t0 = time.time()
    svc = LawdeskService(settings, embedder_for(settings), None, ranker=None)
    rows = collect(svc, args.bench, sc)
    print(f"{len(rows)} questions, {sum(len(r.y) for r in rows)} candidate rows, "
          f"{sum(r.y.any() for r in rows)} with a gold candidate ({time.time() - t0:.0f} s)")
    fallback = metrics(rows, {r.qid + r.set: order(r, None) for r in rows}, svc, sc)
    cvs = [metrics(rows, cross_validate(rows, args.folds, seed), svc, sc) for seed in range(args.seeds)]
    cv = {k: {m: round(float(np.mean([c[k][m] for c in cvs])), 3) for m in ("R@1", "R@5")} | {"n": cvs[0][k]["n"]}
          for k in cvs[0]}
    model = fit(rows)
    insample = metrics(rows, {r.qid + r.set: order(r, model.predict(r.x)) for r in rows}, svc, sc)
    print(table("retrieval (articles), fallback vs learned", {"fallback": fallback, "model CV": cv,
                                                              "model in-sample": insample}))
    imp = dict(zip(__import__("app.retrieve.features", fromlist=["FEATURES"]).FEATURES,
                   model.booster_.feature_importance("gain").round(1).tolist()))
    print("\nfeature gain:", json.dumps(dict(sorted(imp.items(), key=lambda kv: -kv[1])), ensure_ascii=False))
    save_ranker(model.booster_, args.out, {"trained_on": list(SETS), "params": PARAMS, "cv": cv,
                                            "in_sample": insample, "fallback": fallback, "gain": imp})
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
