"""Verified streaming timings against the loopback stub model (tests/openai_stub.py):
pipeline overhead = answer latency minus the stub's own time (its first to last byte), and the delay from the
moment the model's first sentence is complete (one more character sent) to the first verified text shown.

    PYTHONPATH=$PWD .venv/bin/python scripts/bench_stream.py [--n 30]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.answer.llm import OpenAIChatModel  # noqa: E402
from tests.openai_stub import Reply, run_stub  # noqa: E402
from tests.test_stream_verify import GOOD_1, REPLY, _ctx, _run  # noqa: E402


def _q(xs: list[float], p: float) -> float:
    return sorted(xs)[min(len(xs) - 1, int(p * len(xs)))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=30)
    n = ap.parse_args().n
    overhead, first = [], []
    with run_stub([Reply(REPLY, chunk=4, delay=0.005) for _ in range(n + 1)] +
                  [Reply(REPLY, chunk=2, delay=0.03) for _ in range(5)]) as stub:
        chat = OpenAIChatModel("stub-model", "sk-test", stub.base_url, timeout=10, max_retries=0)
        _run(_ctx(stub.base_url, chat=chat))
        for i in range(1, n + 1):
            t0 = time.perf_counter()
            _run(_ctx(stub.base_url, chat=chat))
            a, b = stub.timings[i]
            overhead.append((time.perf_counter() - t0 - (b - a)) * 1000)
        for i in range(n + 1, n + 6):
            parts, _ = _run(_ctx(stub.base_url, chat=chat))
            acc, done = "", None
            for t, piece in stub.sent[i]:
                acc += piece
                if len(acc) > len(GOOD_1):
                    done = t
                    break
            first.append((parts[0][0] - done) * 1000)
    print(f"pipeline overhead over {n} answers ({len(REPLY)} chars, 4-char chunks every 5 ms): "
          f"p50 {statistics.median(overhead):.1f} ms, p95 {_q(overhead, 0.95):.1f} ms")
    print(f"first verified text after the first sentence is complete (2-char chunks every 30 ms): "
          f"median {statistics.median(first):.1f} ms, max {max(first):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
