"""The vector-store edge as retrieval sees it: queries with bounded retries and a shared, locked down-state.

A Chroma server that stops answering costs one timeout, then searches go lexical-only for STORE_RETRY_SECONDS
before the next attempt; every concurrent question sees the same state (one lock), and each search carries its
own notices, so no state is shared between questions beyond "the store is down until t".
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol

import numpy as np

from app.errors import StoreUnavailable

STORE_RETRY_SECONDS = 30.0


class VectorStore(Protocol):
    def query(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]: ...


class ResilientStore:
    def __init__(self, store: VectorStore | None, reopen: Callable[[], VectorStore] | None = None,
                 notice: str | None = None):
        self._store, self._reopen = store, reopen
        self._notice = notice
        self._down_until = 0.0 if store is not None else time.monotonic() + STORE_RETRY_SECONDS
        self._lock = threading.Lock()

    @property
    def notice(self) -> str | None:
        return self._notice

    def _live(self) -> VectorStore | None:
        with self._lock:
            if time.monotonic() < self._down_until:
                return None
            if self._store is None and self._reopen is not None:
                try:
                    self._store = self._reopen()
                except StoreUnavailable as err:
                    self._mark_down(f"{err} 当前仅使用关键词检索。")
                    return None
            return self._store

    def _mark_down(self, notice: str) -> None:
        self._notice = notice
        self._down_until = time.monotonic() + STORE_RETRY_SECONDS

    def query(self, vector: np.ndarray, k: int, notices: list[str]) -> list[tuple[str, float]]:
        """(chunk id, similarity) best first; [] with a notice appended when the store is unavailable."""
        store = self._live()
        if store is None:
            if self._notice:
                notices.append(self._notice)
            return []
        try:
            got = store.query(vector, k)
        except StoreUnavailable as err:
            with self._lock:
                self._mark_down(f"{err} 已改用关键词检索。")
            notices.append(self._notice or "")
            return []
        with self._lock:
            self._notice = None
        return got
