"""BM25 over jieba tokens, as a sparse matrix: pure scoring, persisted as .npz + vocabulary json."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

K1, B = 0.9, 0.3  # tuned on the dev sets (scripts/tune.py); low b: long articles are not padded prose


@dataclass
class BM25Index:
    vocab: dict[str, int]
    weights: sparse.csc_matrix  # docs x terms, BM25 term weights with idf folded in

    @classmethod
    def fit(cls, docs_tokens: list[list[str]], k1: float = K1, b: float = B) -> BM25Index:
        vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        for d, toks in enumerate(docs_tokens):
            counts: dict[int, int] = {}
            for t in toks:
                tid = vocab.setdefault(t, len(vocab))
                counts[tid] = counts.get(tid, 0) + 1
            rows += [d] * len(counts)
            cols += list(counts)
            vals += list(counts.values())
        n = len(docs_tokens)
        tf = sparse.csr_matrix((np.asarray(vals, np.float32), (rows, cols)), shape=(n, max(1, len(vocab))))
        return cls(vocab, _bm25_weights(tf, np.asarray([len(t) for t in docs_tokens], np.float32), k1, b))

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        ids = [self.vocab[t] for t in query_tokens if t in self.vocab]
        if not ids:
            return np.zeros(self.weights.shape[0], np.float32)
        q = np.bincount(ids, minlength=self.weights.shape[1]).astype(np.float32)
        cols = np.unique(ids)
        return np.asarray(self.weights[:, cols] @ q[cols]).ravel()

    def doc_freq(self, token: str) -> int:
        tid = self.vocab.get(token)
        return 0 if tid is None else int(self.weights.indptr[tid + 1] - self.weights.indptr[tid])

    def save(self, path: Path, name: str = "bm25") -> None:
        sparse.save_npz(path / f"{name}.npz", self.weights.tocsr())
        (path / f"{name}_vocab.json").write_text(json.dumps(self.vocab, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path, name: str = "bm25") -> BM25Index:
        vocab = json.loads((path / f"{name}_vocab.json").read_text(encoding="utf-8"))
        return cls(vocab, sparse.load_npz(path / f"{name}.npz").tocsc())

    def idf(self, token: str) -> float:
        """log(1 + N / (1 + df)): the weight evidence and coverage features give a token."""
        return float(np.log(1 + self.weights.shape[0] / (1 + self.doc_freq(token))))


def _bm25_weights(tf: sparse.csr_matrix, lengths: np.ndarray, k1: float, b: float) -> sparse.csc_matrix:
    n = tf.shape[0]
    df = np.bincount(tf.indices, minlength=tf.shape[1]).astype(np.float32)
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
    avg = float(lengths.mean()) if n else 1.0
    norm = k1 * (1 - b + b * lengths / max(avg, 1e-6))
    w = tf.tocoo()
    data = w.data * (k1 + 1) / (w.data + norm[w.row]) * idf[w.col]
    return sparse.csc_matrix((data.astype(np.float32), (w.row, w.col)), shape=tf.shape)
