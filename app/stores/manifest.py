"""Generations on disk: each build writes gen-*/ and commits by atomically replacing CURRENT."""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from app.errors import IndexLocked, IndexMissing

CURRENT = "CURRENT"


@dataclass(frozen=True)
class Manifest:
    generation: str
    fingerprint: str
    embedder: str
    dim: int
    chunks: int
    documents: int
    built_at: str
    seconds: float
    skipped: list[tuple[str, str]]
    embedded: int = 0  # chunks embedded by this build (== chunks for a cold build)

    def save(self, gen_dir: Path) -> None:
        write_atomic(gen_dir / "manifest.json", json.dumps(asdict(self), ensure_ascii=False, indent=1))

    @classmethod
    def load(cls, gen_dir: Path) -> "Manifest":
        d = json.loads((gen_dir / "manifest.json").read_text(encoding="utf-8"))
        return cls(**{**d, "skipped": [tuple(x) for x in d.get("skipped", [])]})


def write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def fingerprint(files: list[tuple[str, Path]], extra: str = "") -> str:
    """Content hash of every input file and the parser version: any change means a rebuild."""
    h = hashlib.sha1(extra.encode())
    for source, path in files:
        h.update(source.encode())
        try:
            h.update(hashlib.sha1(path.read_bytes()).digest())
        except OSError as err:  # unreadable: the loader skips it with a reason; the fingerprint notes it
            h.update(f"unreadable:{err.errno}".encode())
    return h.hexdigest()


def current_generation(index_dir: Path) -> Path:
    pointer = index_dir / CURRENT
    if not pointer.exists():
        raise IndexMissing(f"尚未建立索引（{index_dir}）。请先运行 `lawdesk build`（或 `make run`）。")
    gen = index_dir / pointer.read_text(encoding="utf-8").strip()
    if not (gen / "manifest.json").exists():
        raise IndexMissing(f"索引不完整（{gen.name}）。请运行 `lawdesk build --rebuild`。")
    return gen


def new_generation_dir(index_dir: Path) -> Path:
    # sortable by time; the counter keeps two builds in the same second apart
    for n in range(1000):
        gen = index_dir / f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{n:03d}"
        try:
            gen.mkdir(parents=True)
            return gen
        except FileExistsError:
            continue
    raise FileExistsError(gen)


def committed_name(index_dir: Path) -> str | None:
    try:
        return (index_dir / CURRENT).read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def discard_incomplete(index_dir: Path, keep: Path | None = None) -> list[str]:
    """Removes generation dirs a killed or failed build left without a manifest (never the committed one).
    Call only while holding build_lock: a running build's own generation has no manifest yet."""
    current = committed_name(index_dir)
    gone = []
    for g in sorted(index_dir.glob("gen-*")):
        if g.is_dir() and g != keep and g.name != current and not (g / "manifest.json").exists():
            shutil.rmtree(g, ignore_errors=True)
            gone.append(g.name)
    return gone


def commit_generation(index_dir: Path, gen: Path) -> None:
    for f in gen.iterdir():  # make the generation durable before pointing at it
        with open(f, "rb") as fh:
            os.fsync(fh.fileno())
    write_atomic(index_dir / CURRENT, gen.name)


@contextmanager
def build_lock(index_dir: Path):
    index_dir.mkdir(parents=True, exist_ok=True)
    fh = open(index_dir / "build.lock", "w")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as err:
        fh.close()
        raise IndexLocked("另一个索引构建正在进行中，请等待其完成后再试。") from err
    try:
        yield
    finally:
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()
