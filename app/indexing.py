"""build(): corpus -> chunks -> vector cache -> Chroma + BM25, written as a new generation, then committed."""
from __future__ import annotations

import errno
import json
import logging
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from tqdm import tqdm

from app.chunking import chunk_documents
from app.config import Settings
from app.embeddings import Embedder
from app.errors import CorpusError, IndexMismatch, IndexMissing, IndexWriteError
from app.ingest import discover, load_corpus
from app.schema import BuildReport, Chunk
from app.stores.chroma import ChromaStore, collection_name
from app.stores.lexical import BM25Index
from app.stores.manifest import (Manifest, build_lock, commit_generation, current_generation, discard_incomplete,
                                 fingerprint, new_generation_dir)
from app.stores.vectors import VectorCache
from app.text import add_user_words, tokenize

PARSER_VERSION = "5"  # bump when parsing changes so fingerprints change
EMBED_BATCH = 256
Progress = Callable[[float, str], None]
log = logging.getLogger("lawdesk.indexing")
NO_SPACE = "磁盘空间不足，新索引未能写完（{where}）。原有索引保持不变、仍可使用；请清理磁盘后重新运行 `lawdesk build`。"
WRITE_FAILED = "写入新索引失败（{where}：{reason}）。原有索引保持不变、仍可使用。"


def write_error(err: OSError, where: str) -> IndexWriteError:
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return IndexWriteError(NO_SPACE.format(where=where))
    return IndexWriteError(WRITE_FAILED.format(where=where, reason=err.strerror or type(err).__name__))


def input_files(settings: Settings) -> list[tuple[str, Path]]:
    files = [(p.relative_to(settings.corpus_dir).as_posix(), p) for p in discover(settings.corpus_dir)]
    if settings.uploads_dir.is_dir():
        files += [(f"user/{p.relative_to(settings.uploads_dir).as_posix()}", p) for p in discover(settings.uploads_dir)]
    return files


def load_chunks(settings: Settings) -> tuple[list[Chunk], list, int]:
    docs, skipped = load_corpus(settings.corpus_dir, (settings.uploads_dir,))
    return chunk_documents(docs), skipped, len(docs)


def user_words(chunks: list[Chunk]) -> list[str]:
    """Law titles, short titles and heading names, so jieba keeps them whole."""
    words = {c.title for c in chunks} | {c.short_title for c in chunks}
    for c in chunks:
        for h in c.heading_path:
            words.add(h.split(" ", 1)[-1])
    return sorted(w for w in words if 2 <= len(w) <= 30 and " " not in w)


def store_for(settings: Settings, embedder: Embedder) -> ChromaStore:
    if not embedder.dim:  # an endpoint's dimension is known only after a first call
        embedder.embed_query("维度")
    name = collection_name(embedder.name, embedder.dim)
    return ChromaStore(name, path=settings.index_dir / "chroma", host=settings.chroma_host, port=settings.chroma_port)


def existing_manifest(index_dir: Path) -> Manifest | None:
    try:
        return Manifest.load(current_generation(index_dir))
    except IndexMissing:
        return None


def check_embedder(manifest: Manifest, embedder: Embedder) -> None:
    if manifest.embedder != embedder.name:
        raise IndexMismatch(
            f"现有索引由向量模型 {manifest.embedder} 建立，当前设置为 {embedder.name}。"
            "请运行 `lawdesk build --rebuild` 重建索引，或改回原来的 LAWDESK_EMBEDDING。")


def embed_missing(chunks: list[Chunk], cache: VectorCache, embedder: Embedder, progress: Progress | None) -> int:
    by_id = {c.chunk_id: c for c in chunks}
    # similar lengths in one batch: the encoder pads every text to the batch's longest
    todo = sorted(cache.missing(list(by_id)), key=lambda i: len(by_id[i].index_text()))
    bar = tqdm(total=len(todo), desc="embedding", unit="chunk", disable=not todo, leave=False)
    for i in range(0, len(todo), EMBED_BATCH):
        ids = todo[i:i + EMBED_BATCH]
        cache.put(ids, embedder.embed_documents([by_id[x].index_text() for x in ids]))
        bar.update(len(ids))
        if progress:
            progress(0.1 + 0.7 * (i + len(ids)) / len(todo), f"向量化 {i + len(ids)}/{len(todo)}")
    bar.close()
    return len(todo)


def sync_store(store: ChromaStore, chunks: list[Chunk], cache: VectorCache) -> None:
    have = store.ids()
    new = [c for c in chunks if c.chunk_id not in have]
    if new:
        ids = [c.chunk_id for c in new]
        store.add(ids, cache.get(ids), [c.source for c in new])


def write_generation(gen: Path, chunks: list[Chunk], words: list[str]) -> None:
    with open(gen / "chunks.jsonl", "w", encoding="utf-8") as fh:
        for c in chunks:
            fh.write(json.dumps(c.to_json(), ensure_ascii=False) + "\n")
    (gen / "userwords.json").write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
    add_user_words(words)
    BM25Index.fit([tokenize(c.index_text()) for c in chunks]).save(gen)


def collect_garbage(settings: Settings, store: ChromaStore, keep_gen: Path, cache: VectorCache) -> int:
    """Keep the new and the previous generation (a running server may still read it); drop older ones."""
    gens = sorted(p for p in settings.index_dir.glob("gen-*") if p.is_dir() and p != keep_gen)
    complete = [g for g in gens if (g / "manifest.json").exists()]
    keep = set(complete[-1:]) | {keep_gen}
    for g in gens:
        if g not in keep:
            shutil.rmtree(g, ignore_errors=True)
    live = set().union(*[_gen_ids(g) for g in keep])
    stale = store.ids() - live
    store.delete(stale)
    cache.compact(live)
    return len(stale)


def _gen_ids(gen: Path) -> set[str]:
    with open(gen / "chunks.jsonl", encoding="utf-8") as fh:
        return {json.loads(line)["chunk_id"] for line in fh}


def build(settings: Settings, embedder: Embedder, rebuild: bool = False, progress: Progress | None = None) -> BuildReport:
    """Writes a new generation and points CURRENT at it only once it is complete; a failure or a kill at any
    moment leaves the previous generation committed and intact."""
    with build_lock(settings.index_dir):
        discard_incomplete(settings.index_dir)  # left by a killed build: nobody reads them
        try:
            return _build(settings, embedder, rebuild, progress)
        except OSError as err:  # disk full, quota, read-only volume
            log.error("build failed writing the index: %s", err)
            raise write_error(err, "索引目录") from err


def _build(settings: Settings, embedder: Embedder, rebuild: bool, progress: Progress | None) -> BuildReport:
    t0 = time.perf_counter()
    files = input_files(settings)
    fp = fingerprint(files, PARSER_VERSION)
    old = existing_manifest(settings.index_dir)
    if old and not rebuild:
        check_embedder(old, embedder)
        if old.fingerprint == fp:
            return BuildReport(old.documents, old.chunks, 0, 0, status="unchanged",
                               seconds=time.perf_counter() - t0)
    if progress:
        progress(0.02, "读取并切分文档")
    chunks, skipped, ndocs = load_chunks(settings)
    if not chunks:  # every file skipped (or none there): a failure, and the old index stays in use
        reasons = "；".join(f"{s.source}：{s.reason}" for s in skipped[:5])
        hint = f"跳过的文件：{reasons}" if reasons else "请放入 .md / .txt / .docx / .pdf 文件。"
        raise CorpusError(f"语料中没有可以建立索引的内容（{settings.corpus_dir.name}）。{hint}")
    cache = VectorCache(settings.index_dir, embedder.name)
    embedded = embed_missing(chunks, cache, embedder, progress)
    store = store_for(settings, embedder)
    if progress:
        progress(0.85, "写入向量库与词法索引")
    sync_store(store, chunks, cache)
    gen = new_generation_dir(settings.index_dir)
    try:
        write_generation(gen, chunks, user_words(chunks))
        seconds = time.perf_counter() - t0
        Manifest(gen.name, fp, embedder.name, int(embedder.dim), len(chunks), ndocs,
                 time.strftime("%Y-%m-%d %H:%M:%S"), round(seconds, 2),
                 [(s.source, s.reason) for s in skipped], embedded).save(gen)
        commit_generation(settings.index_dir, gen)
    except BaseException as err:  # half-written: never committed, so remove it (also on Ctrl-C)
        shutil.rmtree(gen, ignore_errors=True)
        if isinstance(err, OSError):
            raise write_error(err, gen.name) from err
        raise
    deleted = collect_garbage(settings, store, gen, cache)
    if progress:
        progress(1.0, "完成")
    return BuildReport(ndocs, len(chunks), embedded, deleted, tuple(skipped),
                       time.perf_counter() - t0, "partial" if skipped else "ok")
