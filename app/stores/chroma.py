"""Chroma vector store: embedded PersistentClient by default, HttpClient for a shared `chroma run` server.

Only vectors go in and out: the collection has no embedding function, and we never send query texts,
because a text query would make Chroma fall back to its default model, which downloads weights.
"""
from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from app.errors import StoreUnavailable

BATCH = 1000


def _client(path: Path | None, host: str | None, port: int):
    import chromadb

    settings = chromadb.Settings(anonymized_telemetry=False)
    if host:
        try:
            return chromadb.HttpClient(host=host, port=port, settings=settings)
        except Exception as err:  # chromadb raises ValueError/ConnectError/etc. when the server is down
            raise StoreUnavailable(f"无法连接向量数据库服务器 {host}:{port}，请确认 chroma 服务已启动。") from err
    assert path is not None
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


def collection_name(embedder_name: str, dim: int) -> str:
    """ASCII only: Chroma rejects non-ASCII names. One collection per embedder, shared by generations."""
    safe = "".join(ch if ch.isascii() and ch.isalnum() else "_" for ch in embedder_name.lower())[:40]
    return f"lawdesk_{safe}_{dim}"


class ChromaStore:
    def __init__(self, name: str, path: Path | None = None, host: str | None = None, port: int = 8000,
                 retries: int = 2):
        self.where = f"{host}:{port}" if host else str(path)
        self._retries = retries
        self._client = _client(path, host, port)
        self._col = self._call(lambda: self._client.get_or_create_collection(
            name, embedding_function=None, metadata={"hnsw:space": "cosine"}))
        self._count: int | None = None

    def _call(self, fn):
        """Bounded retries: a server that is restarting gets a moment; a dead one a clear error."""
        for attempt in range(self._retries + 1):
            try:
                return fn()
            except StoreUnavailable:
                raise
            except Exception as err:  # transport errors vary by client (httpx, grpc, sqlite)
                if attempt == self._retries:
                    raise StoreUnavailable(f"向量数据库不可用（{self.where}）：{type(err).__name__}") from err
                time.sleep(0.2 * (attempt + 1))

    def ids(self) -> set[str]:
        out: set[str] = set()
        offset = 0
        while True:
            got = self._call(lambda off=offset: self._col.get(include=[], limit=5000, offset=off))["ids"]
            out.update(got)
            if len(got) < 5000:
                return out
            offset += len(got)

    def add(self, ids: list[str], vectors: np.ndarray, sources: list[str]) -> None:
        self._count = None
        for i in range(0, len(ids), BATCH):
            sl = slice(i, i + BATCH)
            self._call(lambda sl=sl: self._col.upsert(
                ids=ids[sl], embeddings=vectors[sl], metadatas=[{"source": s} for s in sources[sl]]))

    def delete(self, ids: Iterable[str]) -> None:
        self._count = None
        ids = list(ids)
        for i in range(0, len(ids), BATCH):
            self._call(lambda i=i: self._col.delete(ids=ids[i:i + BATCH]))

    def query(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        if self._count is None:  # asked once: a round trip per query adds up under load
            self._count = self.count()
        k = min(k, max(1, self._count))
        res = self._call(lambda: self._col.query(query_embeddings=[vector], n_results=k, include=["distances"]))
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0])]

    def count(self) -> int:
        return int(self._call(self._col.count))
