"""A Tokenizer per index: its own jieba.Tokenizer holding that index's user words (law titles, headings).

jieba's module-level functions share one global dictionary; `jieba.add_word` there leaks every loaded index's words
into every later tokenisation (one added word once stopped the lexicon matching 房东). Each Tokenizer here owns a
private `jieba.Tokenizer`, so two indexes never change each other's tokens, and the base tokenizer (no user words)
gives the same tokens whatever the process loaded before.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from app.numerals import to_halfwidth

STOP = frozenset(
    "的 了 和 与 及 或 是 在 对 为 以 由 等 其 之 者 于 而 被 把 将 从 向 就 中 上 下 有 也 并 该 这 那 我 你 他 她 它 吗 呢 吧 啊 么 "
    "什么 怎么 如何 哪些 多少 可以 是否 能否 一个 应当 规定 本法 条例 不 没有 会 要 请问 情况 如果 那么 时 后 前".split()
)
_PUNCT = re.compile(r"^[\W_]+$", re.UNICODE)
USER_WORD_FREQ = 20000


class Tokenizer:
    """jieba search-mode tokens for BM25, precise-mode words for boundaries. Immutable after construction."""

    def __init__(self, user_words: Iterable[str] = ()):
        import jieba

        self._jb: Any = jieba.Tokenizer()
        # a private copy of the default dictionary (reading it costs ~1.5 s, copying it ~20 ms)
        freq, total = _default_dictionary()
        self._jb.FREQ, self._jb.total, self._jb.initialized = dict(freq), total, True
        self.user_words = tuple(sorted({w for w in user_words if w and len(w) >= 2}))
        for w in self.user_words:
            self._jb.add_word(w, freq=USER_WORD_FREQ)
        # jieba's cut is not re-entrant while it lazily builds state; one lock keeps concurrent questions safe
        self._lock = threading.Lock()

    def tokenize(self, text: str) -> list[str]:
        """Search-mode tokens, lower-cased, without punctuation and stop words."""
        text = to_halfwidth(text).lower()
        with self._lock:
            toks = self._jb.lcut_for_search(text)
        return [t for t in toks if t.strip() and t not in STOP and not _PUNCT.match(t)]

    def words(self, text: str, hmm: bool = True) -> list[str]:
        """Precise-mode words (jieba lcut)."""
        with self._lock:
            return list(self._jb.lcut(text, HMM=hmm))

    def word_bounds(self, text: str) -> set[int]:
        """Offsets where a word boundary falls: 0 and every word's end."""
        ends, pos = {0}, 0
        for w in self.words(text):
            pos += len(w)
            ends.add(pos)
        return ends


@lru_cache(maxsize=1)
def _default_dictionary() -> tuple[Mapping[str, int], int]:
    """jieba's default prefix dictionary, read once per process and never modified (each Tokenizer copies it)."""
    import jieba

    jieba.setLogLevel(60)
    reader = jieba.Tokenizer()
    reader.initialize()
    return MappingProxyType(dict(reader.FREQ)), int(reader.total)


@lru_cache(maxsize=1)
def base_tokenizer() -> Tokenizer:
    """The tokenizer without user words: lexicon matching and PDF repair use it, so their result never depends
    on which index the process has loaded."""
    return Tokenizer()
