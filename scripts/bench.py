"""`make bench`: build, latency, memory, concurrency and retrieval quality; writes docs/benchmarks.md.

    python scripts/bench.py [--lawlib-index index/lawlib] [--skip-lawlib] [--users 20]

The default corpus is built cold into a temporary folder every run. The law library (../shared/lawlib) is
built into --lawlib-index when that folder holds no index (about 10 minutes), else reused; its cold build
time is then read from the manifest of the build that embedded every chunk.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from app.config import Settings  # noqa: E402
from app.embeddings import make_embedder  # noqa: E402
from app.evaluation import eval_ask, eval_search, load_set, percentile  # noqa: E402
from app.indexing import build, existing_manifest  # noqa: E402
from app.service import build_service  # noqa: E402


KEPT_MARKER = "<!-- sections below: written by other scripts; make bench keeps them -->"


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name")), "?")
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def timed_build(settings: Settings) -> tuple[float, float, int]:
    emb = make_embedder(settings.embedding)
    t0 = time.perf_counter()
    r = build(settings, emb)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    build(settings, emb)
    return cold, time.perf_counter() - t0, r.chunks


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_rss_mb(pid: int) -> float:
    for ln in open(f"/proc/{pid}/status"):
        if ln.startswith("VmHWM"):
            return int(ln.split()[1]) / 1024
    return 0.0


def start_server(settings: Settings) -> tuple[subprocess.Popen, int, float]:
    port = free_port()
    env = {**os.environ, "LAWDESK_INDEX_DIR": str(settings.index_dir), "LAWDESK_CORPUS_DIR": str(settings.corpus_dir),
           "LAWDESK_SCOPE": settings.scope}
    env.pop("OPENAI_API_KEY", None)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "app", "serve", "--port", str(port)], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import urllib.request

    while time.perf_counter() - t0 < 120:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return proc, port, time.perf_counter() - t0
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start")


def concurrent_users(port: int, questions: list[str], users: int, per_user: int) -> tuple[list[float], int]:
    from gradio_client import Client

    lat: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def user(i: int) -> None:
        try:
            # plain http on loopback: without ssl_verify=False every request builds a CA-loaded SSL
            # context (~10 ms of client CPU each), which on 2 shared cores is the load generator measuring itself
            client = Client(f"http://127.0.0.1:{port}/", verbose=False, ssl_verify=False)
        except Exception:  # a client that cannot even connect counts as one error per question
            with lock:
                errors[0] += per_user
            return
        for j in range(per_user):
            q = questions[(i * per_user + j) % len(questions)]
            t0 = time.perf_counter()
            try:
                client.predict(q, "工作人员", api_name="/ask")
                with lock:
                    lat.append((time.perf_counter() - t0) * 1000)
            except Exception:
                with lock:
                    errors[0] += 1

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return lat, errors[0]


def row(*cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def quality_rows(name: str, m: dict) -> str:
    return row(name, m["n"], f"{m['R@1']:.3f}", f"{m['R@5']:.3f}", f"{m['R@10']:.3f}", f"{m['R@100']:.3f}",
               f"{m['MRR@10']:.3f}", f"{m['nDCG@10']:.3f}", f"{m['p50_ms']:.1f}", f"{m['p95_ms']:.1f}")


def bench_default(args, bench: Path, out: list[str]) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="lawdesk-bench-"))
    s = Settings(_env_file=None, index_dir=tmp / "index", user_docs_dir=tmp / "user_docs", llm_model=None)
    cold, warm, n = timed_build(s)
    svc = build_service(s)
    svc.live.retriever.warm()  # timed as a server answers once its background warm-up is done
    qa, stard = load_set(bench / "qa_dev.jsonl"), load_set(bench / "stard_domain_dev.jsonl")
    mq, _ = eval_search(svc, qa)
    ms, _ = eval_search(svc, stard)
    ask = eval_ask(svc, qa + stard)
    ask_qa = eval_ask(svc, qa)
    from app.eval_bank import bank_report

    bank = bank_report(svc, bench)
    proc, port, ready = start_server(s)
    try:
        lat, errors = concurrent_users(port, [q["question"] for q in qa + stard], args.users, args.per_user)
        rss = peak_rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    shutil.rmtree(tmp, ignore_errors=True)
    out += ["## Default corpus (../shared/corpus)", "",
            row("measure", "value"), row("---", "---"),
            row("chunks", n), row("cold build", f"{cold:.1f} s"), row("unchanged rebuild", f"{warm:.2f} s"),
            row("offline ask latency p50 / p95 (50 questions)", f"{ask['p50_ms']:.0f} / {ask['p95_ms']:.0f} ms"),
            row("`lawdesk serve` ready after", f"{ready:.1f} s"),
            row(f"{args.users} concurrent users × {args.per_user} questions via gradio_client, p50 / p95",
                f"{percentile(lat, 50):.0f} / {percentile(lat, 95):.0f} ms, {errors} errors"),
            row("peak RSS of the serving process", f"{rss:.0f} MB"), "",
            "Answers (extractive, offline) on qa_dev: "
            f"facts_ok {ask_qa['facts_ok']:.3f}, cited_gold {ask_qa['cited_gold']:.3f}, decline_ok {ask_qa['decline_ok']:.3f}", ""]
    out += [row("retrieval", "n", "R@1", "R@5", "R@10", "R@100", "MRR@10", "nDCG@10", "p50 ms", "p95 ms"),
            row(*["---"] * 10), quality_rows("qa_dev", mq), quality_rows("stard_domain_dev", ms), "",
            "Question bank (`lawdesk eval --sets bank_dev`; in-sample for the shipped ranker, CV columns from "
            "`make train`):", "", "```", bank, "```", ""]


def bench_lawlib(args, bench: Path, out: list[str]) -> None:
    idx = Path(args.lawlib_index)
    s = Settings(_env_file=None, corpus_dir=ROOT.parent / "shared" / "lawlib", index_dir=idx, llm_model=None,
                 user_docs_dir=idx / "no-uploads", scope="laws")  # a library deployment answers any legal question
    fresh = existing_manifest(idx) is None
    if fresh:
        cold, warm, _ = timed_build(s)
    else:
        t0 = time.perf_counter()
        build(s, make_embedder(s.embedding))
        warm = time.perf_counter() - t0
        m = existing_manifest(idx)
        cold = m.seconds if m.embedded == m.chunks else float("nan")
    m = existing_manifest(idx)
    svc = build_service(s)
    svc.live.retriever.warm()  # timed as a server answers once its background warm-up is done
    ms, _ = eval_search(svc, load_set(bench / "stard_dev.jsonl"))
    ask = eval_ask(svc, load_set(bench / "stard_dev.jsonl")[:100])
    proc, port, ready = start_server(s)
    try:
        lat, errors = concurrent_users(port, ["申请行政复议的期限是多长？", "劳动合同解除的经济补偿怎么算？"], 4, 3)
        rss = peak_rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    out += ["## Law library (../shared/lawlib)", "", row("measure", "value"), row("---", "---"),
            row("documents / chunks", f"{m.documents} / {m.chunks}"),
            row("cold build" + ("" if fresh else " (recorded in the manifest of the build that embedded every chunk)"),
                f"{cold:.0f} s ({cold / 60:.1f} min)" if cold == cold else "not recorded: the last build embedded only "
                "what had changed"), row("unchanged rebuild", f"{warm:.1f} s"),
            row("offline ask latency p50 / p95 (100 questions)", f"{ask['p50_ms']:.0f} / {ask['p95_ms']:.0f} ms"),
            row("`lawdesk serve` ready after", f"{ready:.1f} s"),
            row("peak RSS of the serving process", f"{rss:.0f} MB"), "",
            "Answers (extractive, offline, LAWDESK_SCOPE=laws) on the first 100 stard_dev questions: "
            f"not declined {ask['facts_ok']:.2f} (these questions have no must_contain), "
            f"citing a gold article {ask['cited_gold']:.2f}", "",
            row("retrieval", "n", "R@1", "R@5", "R@10", "R@100", "MRR@10", "nDCG@10", "p50 ms", "p95 ms"),
            row(*["---"] * 10), quality_rows("stard_dev (lawlib)", ms), ""]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lawlib-index", default=str(ROOT / "index" / "lawlib"))
    ap.add_argument("--skip-lawlib", action="store_true")
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--per-user", type=int, default=5)
    ap.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    args = ap.parse_args()
    bench = ROOT.parent / "shared" / "bench"
    out = ["# lawdesk benchmarks", "", f"Machine: {machine()}. Written by `make bench` (scripts/bench.py) on "
           f"{time.strftime('%Y-%m-%d %H:%M')}; offline (extractive answers, USE embedder).", ""]
    bench_default(args, bench, out)
    if not args.skip_lawlib:
        bench_lawlib(args, bench, out)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    # the sections below the marker are written by other scripts (train_ranker, bench_verify, bench_stream): kept
    old = Path(args.out).read_text(encoding="utf-8") if Path(args.out).exists() else ""
    kept = old[old.index(KEPT_MARKER):] if KEPT_MARKER in old else ""
    Path(args.out).write_text("\n".join(out) + "\n\n" + kept, encoding="utf-8")
    print("\n".join(out))


if __name__ == "__main__":
    main()
