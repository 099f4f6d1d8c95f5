"""Hybrid retrieval: article lookup first, then candidates from every list ranked by the learned model
(app.retrieve.ranker), or by hand-set fusion weights and priors when no model file exists."""
from __future__ import annotations

import re
import threading
from functools import lru_cache
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from app.chunking.level import LOCAL, LOWER_RANKS
from app.embeddings import Embedder
from app.retrieve import features as F
from app.retrieve.dense import ResilientStore, VectorStore
from app.stores.expansion_index import ExpansionIndex
from app.retrieve.fuse import rrf, top, weighted
from app.retrieve.query import QueryPlan, TitleIndex, analyse
from app.retrieve.ranker import Ranker
from app.retrieve.settle import Candidate, settle
from app.schema import Chunk, Hit, HitSource
from app.stores.lexical import BM25Index
from app.tokenizer import Tokenizer, base_tokenizer

BUREAU = re.compile(r"局里|本局|我局|贵局|你们局|自然资源局|规划局|自然资源和规划局")  # the bureau whose report is indexed
_N = "[0-9零一二三四五六七八九十百]+(?:个)?(?:日|天|个月|年|工作日)"
TIME_LIMIT = re.compile(rf"{_N}(?:内|以内|之内)|(?:超过|最长|不得超过){_N}")


@dataclass(frozen=True)
class Weights:
    """The hand-set fallback (used when no trained ranker model exists)."""

    dense: float = 0.2
    law_boost: float = 0.35  # the question names this law
    report_boost: float = 0.4
    old_penalty: float = 0.5  # an earlier version, not asked for
    define_boost: float = 0.4  # the article that defines the term asked about
    deadline_boost: float = 0.15  # the question asks "how long"; the article states a time limit
    local_penalty: float = 0.1  # provincial / city rules rank after national law unless locality is asked
    rank_penalty: float = 0.2  # recall tail only: regulations and rules after laws (上位法优先), unless named
    depth: int = 300  # candidates from each list; deep lists matter on the 62,500-article library
    head: int = 20  # ranks 1..head by weighted fusion (precision); below, by RRF of both lists (recall)
    ranked: int = 40  # learned path: candidates scored by the model (the union of each list's top; trained at 120)


def article_key(c: Chunk) -> tuple[str | None, ...]:
    return (c.title, c.version, c.article) if c.doc_type == "law" else (c.source, c.section, c.chunk_id)


@dataclass(frozen=True)
class Lists:
    """One search's candidate lists: chunk position -> score, plus the query vector and notices."""

    lexical: dict[int, float]
    dense: dict[int, float]
    xq_lexical: dict[int, float]
    xq_dense: dict[int, float]


@dataclass(frozen=True)
class Ranked:
    hits: tuple[Hit, ...]
    notices: tuple[str, ...]
    first: dict[str, float]  # the learned ranker's feature values of the first hit ({} for lookups / fallback)


LITE_DEPTH = 150  # the library's model scores each list's top 150 articles (CV: as good as 300, half the time)
TOKEN_CACHE = 50_000  # distinct texts (sentences, questions); a few MB


class Retriever:
    def __init__(self, chunks: Sequence[Chunk], bm25: BM25Index, embedder: Embedder | None,
                 store: VectorStore | ResilientStore | None, weights: Weights = Weights(),
                 reopen: Callable[[], VectorStore] | None = None, store_notice: str | None = None,
                 tokenizer: Tokenizer | None = None, expansions: ExpansionIndex | None = None,
                 ranker: Ranker | None = None):
        self.chunks, self.bm25, self.embedder, self.w = list(chunks), bm25, embedder, weights
        self.vectors = store if isinstance(store, ResilientStore) else ResilientStore(store, reopen, store_notice)
        self.tokenizer = tokenizer or base_tokenizer()
        # passages' sentences are tokenized again for every question that retrieves them (sentence selection,
        # confidence signals): memoised per index, bounded
        self._tokens = lru_cache(maxsize=TOKEN_CACHE)(lambda text: tuple(self.tokenizer.tokenize(text)))
        self.expansions, self.ranker = expansions, ranker
        self.pos = {c.chunk_id: i for i, c in enumerate(self.chunks)}
        # a deep vector query costs as much as the rest of a search; small corpora need less depth
        self.dense_depth = min(weights.depth, max(100, len(self.chunks) // 20))
        self.groups: dict[tuple[str | None, ...], list[int]] = {}
        for i, c in enumerate(self.chunks):
            self.groups.setdefault(article_key(c), []).append(i)
        self.head_of = [self.groups[article_key(c)][0] for c in self.chunks]
        self.titles = TitleIndex({c.title: c.short_title for c in self.chunks if c.doc_type == "law"},
                                 {c.title for c in self.chunks if c.doc_type == "report"})
        self.current = {c.title: c.version for c in self.chunks if c.doc_type == "law" and c.is_current}
        self.by_number: dict[tuple[str, str | None, int | None], list[int]] = {}
        for idx in self.groups.values():
            c = self.chunks[idx[0]]
            if c.doc_type == "law":
                self.by_number.setdefault((c.title, c.version, c.article_no), idx)
        self.current_texts = {(c.title, c.article, c.text) for c in self.chunks if c.doc_type == "law" and c.is_current}
        self.all_versions: dict[str, list[str]] = {}
        for c in self.chunks:
            if c.doc_type == "law" and c.version and c.version not in self.all_versions.setdefault(c.title, []):
                self.all_versions[c.title].append(c.version)
        self._group_text: dict[int, F.GroupText] = {}
        self.warmed = threading.Event()  # set once warm() has run, or by the owner when nothing needs warming
        self._question_chars: dict[int, list[frozenset[str]]] = {}
        if expansions is not None and expansions.texts:
            for head, qis in expansions.questions_of().items():
                self._question_chars[head] = [F.bigrams(expansions.texts[qi]) for qi in qis]

    # --- candidates ---------------------------------------------------------------------
    def tokenize(self, text: str) -> list[str]:
        return list(self._tokens(text))

    def lexical(self, text: str) -> dict[int, float]:
        return _top_scores(self.bm25.scores(self.tokenize(text)), self.w.depth)

    def query_vector(self, text: str) -> np.ndarray | None:
        return self.embedder.embed_query(text) if self.embedder is not None else None

    def dense(self, vec: np.ndarray | None, notices: list[str]) -> dict[int, float]:
        if vec is None:
            return {}
        got = self.vectors.query(vec, self.dense_depth, notices)
        return {self.pos[cid]: s for cid, s in got if cid in self.pos}

    def candidate_lists(self, plan: QueryPlan, notices: list[str]) -> Lists:
        vec = self.query_vector(plan.text)
        xl, xd = ({}, {}) if self.expansions is None else self.expansions.search(
            self.tokenize(plan.text), vec, self.w.depth)
        return Lists(self.lexical(plan.text), self.dense(vec, notices), xl, xd)

    def lookup(self, plan: QueryPlan) -> list[int]:
        out: list[int] = []
        for ref in plan.articles:
            out += self.by_number.get((ref.title, self.pick_version(ref.title, plan), ref.article_no), [])
        return out

    def versions(self, title: str) -> list[str]:
        return sorted(self.all_versions.get(title, []))

    def pick_version(self, title: str, plan: QueryPlan) -> str | None:
        vs = self.versions(title)
        if plan.year:
            match = [v for v in vs if v.startswith(plan.year)]
            if match:
                return match[0]
        if plan.old and len(vs) > 1:
            return vs[-2]
        return self.current.get(title, vs[-1] if vs else None)

    # --- hand-set fallback ranking ------------------------------------------------------
    def prior(self, c: Chunk, plan: QueryPlan) -> float:
        p = 0.0
        if c.doc_type == "law" and c.title in plan.laws:
            p += self.w.law_boost
        if c.doc_type == "report" and plan.report:
            p += self.w.report_boost
        if plan.define and (f"{plan.define}是指" in c.text or f"所称{plan.define}" in c.text
                            or f"{plan.define}，是指" in c.text):
            p += self.w.define_boost
        if plan.deadline and TIME_LIMIT.search(c.text):
            p += self.w.deadline_boost
        if not plan.local and c.level == LOCAL and c.title not in plan.laws:
            p -= self.w.local_penalty
        if c.doc_type == "law":
            wanted = self.pick_version(c.title, plan) if (plan.year or plan.old) and c.title in plan.laws else None
            if (wanted and c.version != wanted) or (not wanted and not c.is_current):
                p -= self.w.old_penalty
        return p

    def rank_penalty(self, c: Chunk, plan: QueryPlan) -> float:
        """Only in the tail: the head is decided by relevance, and a bureau's questions about a 条例 must
        still find it first; among weakly matching candidates, higher-ranking law goes first."""
        return self.w.rank_penalty if c.level in LOWER_RANKS and c.title not in plan.laws else 0.0

    def hand_scores(self, plan: QueryPlan, lists: Lists, n: int) -> tuple[list[int], dict[int, float]]:
        """The hand-set fallback ranking (fused scores plus priors); the training scripts compare the model with it."""
        lx, dn = lists.lexical, lists.dense
        fused = weighted(lx, dn, self.w.dense if dn else 0.0)
        priors = {i: self.prior(self.chunks[i], plan) for i in fused}
        scores = {i: s + priors[i] for i, s in fused.items()}
        head = top(scores, self.w.head)
        if n <= self.w.head or not dn:
            return top(scores, n), scores
        # the tail interleaves both lists by RRF, so candidates only the dense list found still reach the top 100
        ranked = rrf([top(lx, len(lx)), top(dn, len(dn))])
        taken = set(head)
        tail = {i: v * 100 + priors[i] - self.rank_penalty(self.chunks[i], plan)
                for i, v in ranked.items() if i not in taken}
        return head + top(tail, n - len(head)), scores

    # --- learned ranking ------------------------------------------------------------------
    def group_text(self, head: int) -> F.GroupText:
        g = self._group_text.get(head)
        if g is None:
            members = [self.chunks[i] for i in self.groups[article_key(self.chunks[head])]]
            g = self._group_text[head] = F.group_text(members, self.tokenize)
        return g

    def warm(self) -> None:
        """Compute every article's feature text once (the learned path reads them per candidate)."""
        for idx in self.groups.values():
            self.group_text(idx[0])
        self.warmed.set()

    def query_view(self, plan: QueryPlan) -> F.QueryView:
        from app.patterns import question_types

        asked = plan.resolved or plan.text
        toks = set(self.tokenize(asked)) | set(self.tokenize(plan.text))
        wanted = self.wanted_versions(plan)
        weights = {t: self.bm25.idf(t) for t in toks}
        return F.QueryView(weights, frozenset(question_types(asked)), frozenset(plan.laws), plan.report, plan.local,
                           F.bigrams(asked), bool(BUREAU.search(asked)), wanted, frozenset(weights),
                           sum(weights.values()))

    def features(self, plan: QueryPlan, lists: Lists, n: int | None = None, lite: bool = False
                 ) -> tuple[list[int], np.ndarray]:
        """Article heads among the candidates and their feature matrix (the training scripts use it too); lite:
        F.LITE_FEATURES over the lists' top LITE_DEPTH each (the library's model)."""
        per: dict[str, dict[int, float]] = {}
        for name, d in (("bm25", lists.lexical), ("dense", lists.dense), ("xq_bm25", lists.xq_lexical),
                        ("xq_dense", lists.xq_dense)):
            agg: dict[int, float] = {}
            for i, s in d.items():
                h = self.head_of[i]
                agg[h] = max(agg.get(h, s), s)
            per[name] = agg
        ranks = {name: {h: r for r, h in enumerate(top(d, len(d)), 1)} for name, d in per.items()}
        pool: list[int] = []
        for name in per:
            pool += top(per[name], n or (LITE_DEPTH if lite else self.w.ranked))
        heads = list(dict.fromkeys(pool))
        best = {name: max(d.values(), default=0.0) for name, d in per.items()}
        q = self.query_view(plan)
        has_xq = self.expansions.has if self.expansions is not None else frozenset()

        def signals(h: int) -> F.Signals:
            return F.Signals(
                per["bm25"].get(h), ranks["bm25"].get(h), per["dense"].get(h), ranks["dense"].get(h),
                per["xq_bm25"].get(h), ranks["xq_bm25"].get(h), per["xq_dense"].get(h), ranks["xq_dense"].get(h),
                h in has_xq, max((F.dice(q.chars, b) for b in self._question_chars.get(h, ())), default=0.0))

        if lite:
            rows = [F.lite_row(q, self.chunks[h], frozenset(self.tokenize(self.chunks[h].short_title)),
                               self._length(h), signals(h), best) for h in heads]
            return heads, F.matrix(rows, len(F.LITE_FEATURES))
        rows = [F.feature_row(q, self.chunks[h], self.group_text(h), signals(h), best) for h in heads]
        return heads, F.matrix(rows)

    def _length(self, head: int) -> int:
        idx = self.groups[article_key(self.chunks[head])]
        return sum(len(self.chunks[i].text) for i in idx) + len(idx) - 1

    def _learned(self, plan: QueryPlan, lists: Lists, ranker: Ranker
                 ) -> tuple[list[int], dict[int, float], dict[int, dict[str, float]]]:
        heads, x = self.features(plan, lists, lite=ranker.lite)
        s = ranker.score(x)
        scores = {h: float(v) for h, v in zip(heads, s)}
        order = self.settle(top(scores, len(scores)), plan)
        row = {h: i for i, h in enumerate(heads)}
        named = {h: dict(zip(ranker.features, x[row[h]].tolist())) for h in order[:3]}
        return order, scores, named

    def settle(self, order: list[int], plan: QueryPlan) -> list[int]:
        """The learned order with the asked-for version, the named law and the named report applied
        (app.retrieve.settle)."""
        return settle(order, plan.laws, self.wanted_versions(plan), self.candidate, plan.report_named)

    def wanted_versions(self, plan: QueryPlan) -> dict[str, str]:
        if not (plan.year or plan.old):
            return {}
        return {t: v for t in plan.laws if (v := self.pick_version(t, plan))}

    def candidate(self, head: int) -> Candidate:
        c = self.chunks[head]
        return Candidate(c.doc_type, c.title, c.version)

    # --- search -----------------------------------------------------------------------------
    def search(self, question: str, k: int = 10, history: tuple[str, ...] = ()) -> list[Hit]:
        return self.search_with_notices(analyse(question, self.titles, history), k)[0]

    def search_with_notices(self, plan: QueryPlan, k: int) -> tuple[list[Hit], list[str]]:
        """Hits and this search's own notices (no state shared between concurrent questions)."""
        ranked = self.search_ranked(plan, k)
        return list(ranked.hits), list(ranked.notices)

    def search_ranked(self, plan: QueryPlan, k: int) -> Ranked:
        """Hits, notices and the learned ranker's features of the first hits (the confidence model reads them)."""
        notices: list[str] = []
        lists = self.candidate_lists(plan, notices)
        named: dict[int, dict[str, float]] = {}
        if self.ranker is not None:
            order, scores, named = self._learned(plan, lists, self.ranker)
        else:
            order, scores = self.hand_scores(plan, lists, max(k * 3, 30))
        why = {i: tuple(src for src, d in ((HitSource.LEXICAL, lists.lexical), (HitSource.DENSE, lists.dense))
                        if any(m in d for m in self.groups[article_key(self.chunks[i])])) for i in order}
        looked = self.lookup(plan)
        for r, i in enumerate(looked):
            scores[i], why[i] = 10.0 - r * 1e-3, (HitSource.LOOKUP,)
        hits = self._merge(looked + order, scores, why)[:k]
        first = named.get(self.head_of[self.pos[hits[0].chunk.chunk_id]], {}) if hits and not looked else {}
        return Ranked(tuple(hits), tuple(notices), first)

    def _merge(self, order: list[int], scores: dict[int, float], why: dict[int, tuple[HitSource, ...]]) -> list[Hit]:
        """One hit per article (split parts joined); an old version identical to the current one is dropped."""
        hits, seen = [], set()
        for i in order:
            c = self.chunks[i]
            key = article_key(c)
            if key in seen or (not c.is_current and (c.title, c.article, c.text) in self.current_texts):
                continue
            seen.add(key)
            hits.append(Hit(self.whole(c), scores[i], why.get(i, ())))
        return hits

    def whole(self, c: Chunk) -> Chunk:
        idx = self.groups[article_key(c)]
        if len(idx) == 1:
            return c
        parts = [self.chunks[i] for i in idx]
        return replace(parts[0], text="\n".join(p.text for p in parts), part=None)


def _top_scores(s: np.ndarray, depth: int) -> dict[int, float]:
    if not len(s):
        return {}
    idx = np.argpartition(-s, min(depth, len(s) - 1))[:depth]
    return {int(i): float(s[i]) for i in idx if s[i] > 0}
