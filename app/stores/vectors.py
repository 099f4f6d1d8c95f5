"""Embedding cache keyed by chunk id, written in shards: an interrupted build resumes after the last shard."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np


class VectorCache:
    def __init__(self, root: Path, embedder_name: str):
        safe = hashlib.sha1(embedder_name.encode()).hexdigest()[:12]
        self.dir = root / "vectors" / safe
        self.dir.mkdir(parents=True, exist_ok=True)
        self._vecs: dict[str, np.ndarray] = {}
        for shard in sorted(self.dir.glob("*.npz")):
            self._read(shard)

    def _read(self, shard: Path) -> None:
        try:
            with np.load(shard) as z:
                self._vecs.update(zip(z["ids"].tolist(), z["vecs"]))
        except (OSError, ValueError, KeyError):
            shard.unlink(missing_ok=True)  # a torn shard from a killed build: its batch is re-embedded

    def missing(self, ids: list[str]) -> list[str]:
        return [i for i in ids if i not in self._vecs]

    def put(self, ids: list[str], vecs: np.ndarray) -> Path:
        name = hashlib.sha1("".join(ids).encode()).hexdigest()[:16]
        tmp = self.dir / f".{name}.{os.getpid()}.tmp.npz"
        np.savez(tmp, ids=np.asarray(ids), vecs=vecs.astype(np.float32))
        os.replace(tmp, self.dir / f"{name}.npz")
        self._vecs.update(zip(ids, vecs))
        return self.dir / f"{name}.npz"

    def get(self, ids: list[str]) -> np.ndarray:
        return np.stack([self._vecs[i] for i in ids]).astype(np.float32)

    def compact(self, keep: set[str]) -> None:
        """Rewrite the cache with only live ids once stale ones outnumber them (bounded disk)."""
        if len(self._vecs) <= 2 * max(1, len(keep)):
            return
        old = set(self.dir.glob("*.npz"))
        live = {i: v for i, v in self._vecs.items() if i in keep}
        self._vecs = {}
        ids = list(live)
        new = {self.put(ids[s:s + 5000], np.stack([live[i] for i in ids[s:s + 5000]]))
               for s in range(0, len(ids), 5000)}
        for f in old - new:
            f.unlink(missing_ok=True)
