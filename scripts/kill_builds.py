"""SIGKILL `lawdesk build` at random moments and check, after every kill, that the committed index is whole.

    python scripts/kill_builds.py [--runs 20] [--seed 7] [--work DIR] [--corpus-size 6]

Each run changes the corpus (so the build has new chunks to embed and stale ones to delete), starts
`python -m app build` with the test embedder, kills it with SIGKILL after a random delay, then checks:

* CURRENT names a generation whose manifest.json exists;
* its chunks.jsonl has manifest.chunks lines, and the BM25 index loads with as many rows;
* every chunk id of that generation is in Chroma (lost chunks = 0);
* a LawdeskService starts on it and answers;
* no half-written generation is visible to readers, and the build lock is free again;
* a following build (in this process) completes and passes the same checks.

One line per run, then a JSON summary; exit status 0 when every check passed, 1 otherwise.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from app.config import Settings  # noqa: E402
from app.text import int_to_cn  # noqa: E402

QUESTION = "测试法第三条规定了什么？"


def law(title: str, articles: int, salt: str) -> str:
    body = "\n\n".join(f"第{int_to_cn(i)}条 {title}第{i}条规定的事项，应当依法办理，办理期限为{i + 10}日。{salt}"
                       for i in range(1, articles + 1))
    return f"# {title}\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n{body}\n"


def write_corpus(corpus: Path, round_no: int, files: int) -> None:
    """Round n rewrites one file with new text and leaves the others: a realistic incremental build."""
    (corpus / "laws").mkdir(parents=True, exist_ok=True)
    for k in range(files):
        path = corpus / "laws" / f"测试{k}法.md"
        if round_no == 0 or k == round_no % files or not path.exists():
            title = "测试法" if k == 0 else f"测试{k}法"
            path.write_text(law(title, 60, f"（第{round_no}轮）"), encoding="utf-8")


def settings_for(work: Path) -> Settings:
    return Settings(_env_file=None, corpus_dir=work / "corpus", index_dir=work / "index",
                    user_docs_dir=work / "user_docs", embedding="test", llm_model=None, chroma_host=None)


def build_cmd(settings: Settings) -> tuple[list[str], dict]:
    env = {**os.environ, "LAWDESK_CORPUS_DIR": str(settings.corpus_dir), "LAWDESK_INDEX_DIR": str(settings.index_dir),
           "LAWDESK_USER_DOCS_DIR": str(settings.uploads_dir), "LAWDESK_EMBEDDING": "test",
           "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    env.pop("LAWDESK_CHROMA_HOST", None)
    return [sys.executable, "-m", "app", "build"], env


def full_build(settings: Settings) -> float:
    cmd, env = build_cmd(settings)
    t0 = time.monotonic()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"build failed ({done.returncode}): {done.stderr[-2000:]}")
    return time.monotonic() - t0


def kill_build(settings: Settings, delay: float) -> str:
    """Starts a build, SIGKILLs it after `delay` seconds; 'killed' or 'finished' (it beat the kill)."""
    cmd, env = build_cmd(settings)
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=delay)
        return "finished"
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)  # this build's own PID only
        proc.wait(timeout=30)
        return "killed"


def _fresh_chroma() -> None:
    """Another process wrote the store: forget the in-process client so the next one reads the disk."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def verify(settings: Settings) -> dict:
    """The committed generation is complete and served. Raises AssertionError with the reason if not."""
    from app.embeddings import HashEmbedder
    from app.indexing import store_for
    from app.service import LawdeskService
    from app.stores.lexical import BM25Index
    from app.stores.manifest import Manifest, build_lock, current_generation

    _fresh_chroma()
    gen = current_generation(settings.index_dir)  # raises IndexMissing when CURRENT or the manifest is absent
    manifest = Manifest.load(gen)
    with open(gen / "chunks.jsonl", encoding="utf-8") as fh:
        ids = [json.loads(line)["chunk_id"] for line in fh]
    assert len(ids) == manifest.chunks, f"{gen.name}: {len(ids)} lines, manifest says {manifest.chunks}"
    rows = BM25Index.load(gen).weights.shape[0]
    assert rows == manifest.chunks, f"{gen.name}: bm25 has {rows} rows, manifest says {manifest.chunks}"
    embedder = HashEmbedder()
    lost = set(ids) - store_for(settings, embedder).ids()
    assert not lost, f"{gen.name}: {len(lost)} chunks missing from Chroma"
    svc = LawdeskService(settings, embedder)
    assert svc.generation == gen.name and len(svc.chunks) == manifest.chunks
    assert svc.search(QUESTION, 3), "the service found nothing"
    with build_lock(settings.index_dir):  # the killed build's lock died with it
        pass
    _fresh_chroma()
    return {"generation": gen.name, "chunks": manifest.chunks, "lost": len(lost)}


def follow_up(settings: Settings) -> str:
    """A build right after the kill completes (resuming from the vector cache) and is whole."""
    from app.embeddings import HashEmbedder
    from app.indexing import build

    _fresh_chroma()
    report = build(settings, HashEmbedder())
    _fresh_chroma()
    gens = [g for g in settings.index_dir.glob("gen-*") if g.is_dir()]
    assert all((g / "manifest.json").exists() for g in gens), "an incomplete generation was left behind"
    assert report.status in ("ok", "unchanged"), report.status
    return report.status


def run(runs: int, seed: int, work: Path, files: int, log=print) -> dict:
    rng = random.Random(seed)
    settings = settings_for(work)
    write_corpus(settings.corpus_dir, 0, files)
    duration = full_build(settings)
    verify(settings)
    results = []
    for i in range(1, runs + 1):
        write_corpus(settings.corpus_dir, i, files)
        if i % 4 == 0:  # now and then the whole cache is gone too: the build re-embeds everything
            for shard in (settings.index_dir / "vectors").rglob("*.npz"):
                shard.unlink()
        delay = rng.uniform(0.15, 1.05) * duration
        before = (settings.index_dir / "CURRENT").read_text(encoding="utf-8").strip()
        outcome = kill_build(settings, delay)
        state = verify(settings)
        # killed before the commit: the old generation is served; after it: the new one, complete
        state.update(run=i, delay=round(delay, 2), outcome=outcome,
                     served="new" if state["generation"] != before else "old")
        state["follow_up"] = follow_up(settings)
        verify(settings)
        results.append(state)
        log(f"run {i:2d}: {outcome:8s} after {delay:5.2f}s -> serving the {state['served']} generation "
            f"({state['chunks']} chunks, lost {state['lost']}); next build {state['follow_up']}")
    summary = {"runs": runs, "killed": sum(r["outcome"] == "killed" for r in results),
               "served_old": sum(r["served"] == "old" for r in results),
               "lost_chunks": sum(r["lost"] for r in results), "calibration_seconds": round(duration, 2),
               "seed": seed, "results": results}
    return summary


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--files", type=int, default=6, help="law files in the generated corpus (60 articles each)")
    p.add_argument("--work", type=Path, default=None,
                   help="working directory, kept afterwards (default: a temporary one, removed at the end)")
    args = p.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="lawdesk-kill-"))
    try:
        summary = run(args.runs, args.seed, work, args.files)
    except Exception as err:  # one line, the reason, exit 1 (the work dir is kept for a look)
        print(f"FAILED: {type(err).__name__}: {err} (files in {work})", file=sys.stderr)
        return 1
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({k: v for k, v in summary.items() if k != "results"}, ensure_ascii=False))
    return 0 if summary["lost_chunks"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
