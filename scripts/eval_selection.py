"""Sentence selection on its own: given the gold article of each answerable law question of bank_dev and qa_dev,
does the quote `app.answer.select` picks hold the answering words (score.py's must_contain)? Prints the share by
style, and the family cross-validation of the one weight it tunes (UNIGRAM_WEIGHT: single characters shared with
the question), chosen on four fifths of the families and measured on the rest.

    PYTHONPATH=$PWD .venv/bin/python scripts/eval_selection.py
"""
from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.answer import select as sel  # noqa: E402
from app.answer.extractive import WHOLE_ARTICLE_CHARS  # noqa: E402
from app.config import Settings  # noqa: E402
from app.eval_bank import reference_scorer  # noqa: E402
from app.retrieve.query import analyse  # noqa: E402
from app.service import LawdeskService, embedder_for  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench"
GRID = (0.0, 0.2, 0.4, 0.6)


def questions(svc: LawdeskService, sc) -> list[tuple[str, str, str, object, list[str]]]:
    """(family, style, question as resolved, gold article chunk, must_contain) per answerable law question."""
    r = svc.retriever
    out = []
    for name in ("bank_dev", "qa_dev"):
        for line in open(BENCH / f"{name}.jsonl", encoding="utf-8"):
            g = json.loads(line)
            laws = [s for s in sc.gold_sources(g) if "law" in s]
            if g.get("expect") == "decline" or not g.get("must_contain") or not laws:
                continue
            found = [c for c in r.chunks if c.doc_type == "law" and sc.law_hit(c.to_json(), laws[0])]
            if not found:
                continue
            users = tuple(t["content"] for t in g.get("history") or [] if t["role"] == "user")
            q = analyse(g["question"], r.titles, users).resolved or g["question"]
            out.append((g.get("family", g["id"]), g.get("style", name), q, r.whole(found[0]), g["must_contain"]))
    return out


def found_share(rows, scorer, sc, weight: float, families: set[str] | None = None) -> tuple[float, dict[str, float]]:
    sel.UNIGRAM_WEIGHT = weight
    sel.select.cache_clear()  # memoised per (text, question): a new weight must score afresh
    by: dict[str, list[bool]] = defaultdict(list)
    for fam, style, q, chunk, must in rows:
        if families is not None and fam not in families:
            continue
        pieces = sel.select(chunk.text, q, scorer, WHOLE_ARTICLE_CHARS).pieces
        ok = sc.facts_in("".join(pieces), must)
        by[style].append(ok)
        by["all"].append(ok)
    return sum(by["all"]) / max(1, len(by["all"])), {k: round(sum(v) / len(v), 3) for k, v in by.items()}


def main() -> int:
    settings = Settings()
    svc = LawdeskService(settings, embedder_for(settings), None)
    sc = reference_scorer(BENCH)
    rows = questions(svc, sc)
    scorer = sel.Scorer(svc.retriever.tokenize, svc.retriever.bm25.idf)
    shipped = sel.UNIGRAM_WEIGHT
    for w in sorted({*GRID, shipped}):
        print(f"in-sample, weight {w}: {found_share(rows, scorer, sc, w)[1]}")
    fams = sorted({r[0] for r in rows})
    tuned, base, picked = [], [], []
    for seed in range(5):
        random.Random(seed).shuffle(fams)
        for k in range(5):
            test = set(fams[k::5])
            w = max(GRID, key=lambda x: found_share(rows, scorer, sc, x, set(fams) - test)[0])
            picked.append(w)
            tuned.append(found_share(rows, scorer, sc, w, test)[0])
            base.append(found_share(rows, scorer, sc, 0.0, test)[0])
    print(f"family CV (5 x 5 folds): weight 0 {sum(base) / len(base):.3f}, weight chosen on the other folds "
          f"{sum(tuned) / len(tuned):.3f} (chosen: {sorted(set(picked))}); {len(rows)} questions")
    sel.UNIGRAM_WEIGHT = shipped
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
