"""What LLM-assisted retrieval does on the question bank's citizen questions, with a stub model that returns good
statute-language rewrites (tests/golden/citizen_rewrites.jsonl: written by hand for this measurement only; the
product never reads that file). Builds the default corpus index in a temporary directory, then runs the
pipeline's retrieval stage (app.answer.pipeline.retrieve) for each question twice: offline, and with the stub
model configured. Prints R@1 / R@5 per run as ../shared/bench/score.py computes them.

    PYTHONPATH=$PWD .venv/bin/python scripts/bench_llm_retrieval.py [--embedding use]
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.answer.llm import OpenAIChatModel  # noqa: E402
from app.answer.pipeline import Context, precheck, retrieve  # noqa: E402
from app.config import Settings  # noqa: E402
from app.embeddings import make_embedder  # noqa: E402
from app.indexing import build  # noqa: E402
from app.service import build_service  # noqa: E402
from tests.openai_stub import run_stub  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench"
REWRITES = ROOT / "tests" / "golden" / "citizen_rewrites.jsonl"


def _lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _hits(svc, question: str) -> tuple[list[dict], float]:
    t0 = time.perf_counter()
    ctx = Context(svc.deps(), question, (), "citizen")
    if precheck(ctx) is None:
        retrieve(ctx)
    return [h.to_json() for h in ctx.hits], (time.perf_counter() - t0) * 1000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--embedding", default="use")
    args = ap.parse_args()
    gold = [g for g in _lines(BENCH / "bank_dev.jsonl") if g.get("style") == "citizen"]
    rewrites = {r["question"]: r["rewrite"] for r in _lines(REWRITES)}

    def responder(messages: list[dict]) -> str:
        m = re.search(r"<问题>(.*?)</问题>", str(messages[-1].get("content", "")), re.S)
        return rewrites.get(m.group(1).replace("＜", "<").replace("＞", ">"), "") if m else ""

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, corpus_dir=ROOT.parent / "shared" / "corpus", index_dir=Path(tmp) / "index",
                            user_docs_dir=Path(tmp) / "user_docs", embedding=args.embedding, llm_model=None)
        build(settings, make_embedder(args.embedding))
        svc = build_service(settings)
        outs: dict[str, Path] = {}
        with run_stub() as stub:
            stub.responder = responder
            model = OpenAIChatModel("stub-rewriter", "sk-local", stub.base_url, timeout=5, max_retries=0)
            for name, chat in (("offline", None), ("llm_rewrite", model)):
                svc.chat = chat
                out = Path(tmp) / f"{name}.jsonl"
                ms = []
                with out.open("w", encoding="utf-8") as fh:
                    for g in gold:
                        hits, t = _hits(svc, g["question"])
                        ms.append(t)
                        fh.write(json.dumps({"id": g["id"], "hits": hits}, ensure_ascii=False) + "\n")
                outs[name] = out
                ms.sort()
                print(f"{name}: retrieval p50 {ms[len(ms) // 2]:.0f} ms, p95 {ms[int(len(ms) * 0.95)]:.0f} ms")
        gold_path, empty = Path(tmp) / "gold.jsonl", Path(tmp) / "empty.jsonl"
        gold_path.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8")
        empty.write_text("", encoding="utf-8")
        for name, out in outs.items():
            res = subprocess.run([sys.executable, str(BENCH / "score.py"), "bank", str(gold_path), str(out), str(empty)],
                                 capture_output=True, text=True, check=True)
            got = json.loads(res.stdout)["citizen"]
            print(f"{name}: n {got['n']}  R@1 {got['R@1']:.3f}  R@5 {got['R@5']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
