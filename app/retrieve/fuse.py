"""Score fusion (pure): min-max normalised weighted sum, and reciprocal-rank fusion for comparison."""
from __future__ import annotations

import numpy as np


def minmax(scores: dict[int, float]) -> dict[int, float]:
    if not scores:
        return {}
    vals = np.fromiter(scores.values(), dtype=np.float64)
    lo, hi = float(vals.min()), float(vals.max())
    if hi - lo < 1e-12:
        return {k: 1.0 for k in scores}
    return {k: (v - lo) / (hi - lo) for k, v in scores.items()}


def weighted(lexical: dict[int, float], dense: dict[int, float], w_dense: float) -> dict[int, float]:
    """Candidates missing from one list get 0 from it: both lists are deep (top 100+), so that is near truth."""
    lx, dn = minmax(lexical), minmax(dense)
    keys = set(lx) | set(dn)
    return {k: (1 - w_dense) * lx.get(k, 0.0) + w_dense * dn.get(k, 0.0) for k in keys}


def rrf(rankings: list[list[int]], k: int = 60) -> dict[int, float]:
    out: dict[int, float] = {}
    for ranking in rankings:
        for r, doc in enumerate(ranking):
            out[doc] = out.get(doc, 0.0) + 1.0 / (k + r + 1)
    return out


def top(scores: dict[int, float], n: int) -> list[int]:
    return sorted(scores, key=lambda d: (-scores[d], d))[:n]
