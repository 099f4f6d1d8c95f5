"""`lawdesk eval --sets bank_dev`: the question bank scored by the bench's own reference scorer (score.py bank),
printed by style next to the cross-validated figures `make train` recorded for the shipped models."""
from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from app.schema import Turn


def reference_scorer(bench: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("lawdesk_bench_score", bench / "score.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(bench / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def outputs(service: Any, questions: list[dict[str, Any]], k: int = 10) -> tuple[dict[str, dict], dict[str, dict], list[float], list[float]]:
    """What `lawdesk search --jsonl` and `lawdesk ask --jsonl` print, keyed by id, and their latencies (ms)."""
    search, ask, s_ms, a_ms = {}, {}, [], []
    service.wait_until_warm()  # latency is measured on a loaded index (the ranker's warm-up has run)
    for q in questions:
        hist = tuple(Turn(t["role"], t["content"]) for t in q.get("history") or [])
        t0 = time.perf_counter()
        hits = service.search(q["question"], k, hist)
        s_ms.append((time.perf_counter() - t0) * 1000)
        search[q["id"]] = {"id": q["id"], "hits": [h.to_json() for h in hits]}
        a = service.ask(q["question"], hist, q.get("audience") or "staff")
        a_ms.append(a.latency_ms)
        ask[q["id"]] = a.to_json(q["id"])
    return search, ask, s_ms, a_ms


def _recorded(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}


def bank_report(service: Any, bench: Path, name: str = "bank_dev") -> str:
    sc = reference_scorer(bench)
    gold = sc.load(str(bench / f"{name}.jsonl"), "id")
    search, ask, s_ms, a_ms = outputs(service, list(gold.values()))
    res = sc.score_bank(gold, search, ask)
    cv = _recorded(service.settings.ranker_model.with_suffix(".json")).get("cv", {})
    lines = [f"{name} (score.py bank; retrieval CV from `make train`, families held out)",
             f"{'style':<12}{'n':>5}{'R@1':>8}{'R@5':>8}{'correct':>9}{'conf_wrong':>11}{'hedged':>8}   CV R@1  CV R@5"]
    for style in ("staff", "citizen", "short", "followup", "answerable"):
        r = res.get(style)
        if not r:
            continue
        c = cv.get(f"{name}:{style}") or (cv.get("all") if style == "answerable" else None) or {}
        cvs = f"   {c.get('R@1', float('nan')):.3f}   {c.get('R@5', float('nan')):.3f}" if c else ""
        lines.append(f"{style:<12}{r['n']:>5}{r['R@1']:>8.3f}{r['R@5']:>8.3f}{r['correct']:>9.3f}"
                     f"{r['confident_wrong']:>11.3f}{r['hedged']:>8.3f}{cvs}")
    lines.append(f"decline_ok {res.get('decline', {}).get('decline_ok', float('nan')):.3f}   "
                 f"family_robust@3 {res['family_robust@3']:.3f}")
    s_ms.sort()
    a_ms.sort()
    lines.append(f"latency ms: search p50 {s_ms[len(s_ms) // 2]:.1f} p95 {s_ms[int(len(s_ms) * .95)]:.1f}; "
                 f"ask p50 {a_ms[len(a_ms) // 2]:.1f} p95 {a_ms[int(len(a_ms) * .95)]:.1f}")
    return "\n".join(lines)
