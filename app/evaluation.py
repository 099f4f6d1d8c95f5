"""Retrieval and answer metrics (pure) and `lawdesk eval` over ../shared/bench."""
from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass
from pathlib import Path

from app.schema import Turn
from app.text import compact, norm_title
from app.retrieve.query import ARTICLE_BARE
from app.text import cn_to_int


@dataclass(frozen=True)
class Gold:
    """One gold source: a law article (version optional) or a report passage holding must_contain."""

    law: str | None = None
    article_no: int | None = None
    year: str | None = None
    report: bool = False


def art_no(s) -> int | None:
    if s is None:
        return None
    m = ARTICLE_BARE.search(str(s))
    return cn_to_int(m.group(1)) if m else (int(s) if str(s).strip().isdigit() else None)


def gold_sources(q: dict) -> list[Gold]:
    if "gold" in q:
        return [Gold(law=g["law"], article_no=art_no(g["article_no"])) for g in q["gold"]]
    out = []
    for s in q.get("sources", []):
        if s.get("doc") == "report":
            out.append(Gold(report=True))
        else:
            out.append(Gold(law=s["law"], article_no=art_no(s["article"]), year=(s.get("version") or "")[:4] or None))
    return out


def matches(hit: dict, g: Gold, must: list[str]) -> bool:
    if g.report:
        return hit.get("doc_type") == "report" and all(
            compact(m) in compact(hit.get("text") or hit.get("quote") or "") for m in must)
    if norm_title(hit.get("title") or "") != norm_title(g.law or ""):
        return False
    if art_no(hit.get("article")) != g.article_no:
        return False
    return not g.year or (hit.get("version") or "")[:4] == g.year


def ranks(q: dict, hits: list[dict]) -> list[int | None]:
    must = q.get("must_contain", [])
    return [next((i + 1 for i, h in enumerate(hits) if matches(h, g, must)), None) for g in gold_sources(q)]


def retrieval_metrics(rows: list[list[int | None]], ks=(1, 5, 10, 100)) -> dict[str, float]:
    n = max(1, len(rows))
    out = {f"R@{k}": sum(sum(1 for r in rk if r and r <= k) / len(rk) for rk in rows) / n for k in ks}
    out["MRR@10"] = sum(max((1 / r for r in rk if r and r <= 10), default=0) for rk in rows) / n
    out["nDCG@10"] = sum(
        sum(1 / math.log2(r + 1) for r in rk if r and r <= 10) / sum(1 / math.log2(i + 2) for i in range(min(10, len(rk))))
        for rk in rows) / n
    return out


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, int(math.ceil(p / 100 * len(s))) - 1)]


def load_set(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def history_of(q: dict) -> tuple[Turn, ...]:
    return tuple(Turn(t["role"], t["content"]) for t in q.get("history") or [])


def eval_search(service, questions: list[dict], k: int = 100) -> tuple[dict, list]:
    service.wait_until_warm()  # latency is measured on a loaded index (the ranker's warm-up has run)
    rows, lat, misses = [], [], []
    for q in questions:
        if not gold_sources(q):
            continue
        t0 = time.perf_counter()
        hits = [h.to_json() for h in service.search(q["question"], k, history_of(q))]
        lat.append((time.perf_counter() - t0) * 1000)
        rk = ranks(q, hits)
        rows.append(rk)
        if not any(r and r <= 10 for r in rk):
            misses.append(q.get("id"))
    m = retrieval_metrics(rows)
    m.update({"n": len(rows), "p50_ms": percentile(lat, 50), "p95_ms": percentile(lat, 95)})
    return m, misses


def eval_ask(service, questions: list[dict]) -> dict:
    service.wait_until_warm()
    facts = cites = n = dec = dec_ok = 0
    lat = []
    for q in questions:
        t0 = time.perf_counter()
        a = service.ask(q["question"], history_of(q), q.get("audience", "staff"))
        lat.append((time.perf_counter() - t0) * 1000)
        if q.get("expect") == "decline":
            dec += 1
            dec_ok += a.declined
            continue
        n += 1
        facts += (not a.declined) and all(compact(m) in compact(a.text) for m in q.get("must_contain", []))
        cits = [c.to_json() | {"text": c.chunk.text} for c in a.citations]
        cites += any(r for r in ranks(q, cits))
    return {"answered": n, "facts_ok": facts / max(1, n), "cited_gold": cites / max(1, n),
            "declines": dec, "decline_ok": dec_ok / max(1, dec), "p50_ms": percentile(lat, 50),
            "p95_ms": percentile(lat, 95)}


def format_row(name: str, m: dict) -> str:
    keys = ["n", "R@1", "R@5", "R@10", "R@100", "MRR@10", "nDCG@10", "p50_ms", "p95_ms"]
    return f"{name:<18}" + "  ".join(f"{k}={m[k]:.3f}" if isinstance(m[k], float) else f"{k}={m[k]}" for k in keys)


def run_eval(args, settings) -> int:
    from app.service import build_service

    bench = Path(args.bench_dir or settings.corpus_dir.parent / "bench")
    names = [s for s in args.sets.split(",") if s and s != "stard_dev"]
    svc = build_service(settings) if names else None
    for name in names:
        if name.startswith("bank"):
            from app.eval_bank import bank_report

            print(bank_report(svc, bench, name))
            continue
        qs = load_set(bench / f"{name}.jsonl")
        m, misses = eval_search(svc, qs)
        print(format_row(name, m))
        if misses:
            print(f"{'':<18}missed@10: {' '.join(map(str, misses))}")
        if args.ask and name.startswith("qa"):
            print(f"{name + ' ask':<18}" + "  ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                                                   for k, v in eval_ask(svc, qs).items()))
    if args.lawlib_index or "stard_dev" in args.sets.split(","):
        _eval_lawlib(args, settings, bench)
    return 0


def _eval_lawlib(args, settings, bench: Path) -> None:
    from app.service import build_service

    if not args.lawlib_index:
        print("stard_dev: 需要 --lawlib-index 指向法律库索引（LAWDESK_CORPUS_DIR=../shared/lawlib lawdesk build）")
        return
    lib = settings.model_copy(update={"index_dir": Path(args.lawlib_index),
                                      "corpus_dir": settings.corpus_dir.parent / "lawlib"})
    m, _ = eval_search(build_service(lib), load_set(bench / "stard_dev.jsonl"))
    print(format_row("stard_dev(lawlib)", m))
