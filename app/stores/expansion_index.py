"""Search over the questions written for each article (app.expansions): BM25 over each article's questions joined,
and the best cosine between the query and any one of its questions (vectors of the index's embedder)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.stores.lexical import BM25Index

NAME = "xq"


@dataclass(frozen=True)
class ExpansionIndex:
    owners: np.ndarray  # expansion doc -> chunk position (the first chunk of its article)
    bm25: BM25Index  # one doc per article: its questions joined
    vectors: np.ndarray | None  # one row per question, L2-normalised
    question_owner: np.ndarray  # question -> expansion doc
    texts: tuple[str, ...] = ()  # the questions, in question order

    @property
    def has(self) -> frozenset[int]:
        return frozenset(int(o) for o in self.owners)

    def questions_of(self) -> dict[int, list[int]]:
        """chunk position -> indexes of its questions."""
        out: dict[int, list[int]] = {}
        for qi, d in enumerate(self.question_owner.tolist()):
            out.setdefault(int(self.owners[d]), []).append(qi)
        return out

    def search(self, tokens: list[str], vec: np.ndarray | None, depth: int) -> tuple[dict[int, float], dict[int, float]]:
        s = self.bm25.scores(tokens)
        lex: dict[int, float] = {}
        if len(s):
            idx = np.argpartition(-s, min(depth, len(s) - 1))[:depth]
            lex = {int(self.owners[i]): float(s[i]) for i in idx if s[i] > 0}
        dense: dict[int, float] = {}
        if vec is not None and self.vectors is not None and len(self.vectors):
            v = vec / (np.linalg.norm(vec) or 1.0)
            sims = self.vectors @ v.astype(self.vectors.dtype)
            # questions are stored grouped by their article (build() writes them so): one reduceat per search
            starts = np.flatnonzero(np.r_[True, np.diff(self.question_owner) != 0])
            best = np.full(len(self.owners), -1.0)
            best[self.question_owner[starts]] = np.maximum.reduceat(sims, starts)
            idx = np.argpartition(-best, min(depth, len(best) - 1))[:depth]
            dense = {int(self.owners[i]): float(best[i]) for i in idx if best[i] > -1.0}
        return lex, dense


def build(questions: dict[str, tuple[str, ...]], pos: dict[str, int], tokenize: Callable[[str], list[str]],
          vectors: np.ndarray | None) -> tuple[list[str], ExpansionIndex]:
    """(owner chunk ids, the index) over questions keyed by the chunk id of their article's first chunk;
    vectors: one row per question in the same order, or None."""
    owners = list(questions)
    qowner = np.asarray([d for d, cid in enumerate(owners) for _ in questions[cid]], dtype=np.int32)
    bm25 = BM25Index.fit([tokenize(" ".join(questions[cid])) for cid in owners])
    texts = tuple(q for cid in owners for q in questions[cid])
    return owners, ExpansionIndex(np.asarray([pos[c] for c in owners]), bm25, vectors, qowner, texts)


def save(gen: Path, owners_ids: list[str], bm25: BM25Index, vectors: np.ndarray | None,
         question_owner: np.ndarray, texts: list[str]) -> None:
    bm25.save(gen, NAME)
    np.savez(gen / f"{NAME}_vectors.npz", owners=np.asarray(owners_ids), question_owner=question_owner,
             vectors=vectors if vectors is not None else np.zeros((0, 0), np.float32), texts=np.asarray(texts))


def load(gen: Path, pos: dict[str, int]) -> ExpansionIndex | None:
    """None for a generation built without questions (or before they existed)."""
    path = gen / f"{NAME}_vectors.npz"
    if not path.exists():
        return None
    with np.load(path) as z:
        owner_ids, question_owner, vectors = z["owners"].tolist(), z["question_owner"], z["vectors"]
        texts = tuple(z["texts"].tolist()) if "texts" in z else ()
    owners = np.asarray([pos.get(i, -1) for i in owner_ids])
    if not len(owners) or (owners < 0).any():
        return None  # chunks and questions out of step: searching them would point at the wrong articles
    return ExpansionIndex(owners, BM25Index.load(gen, NAME), vectors if vectors.size else None, question_owner, texts)
