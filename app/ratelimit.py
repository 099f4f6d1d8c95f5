"""Per-client sliding-window rate limit for the public page. Pure: the clock is injected."""
from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class SlidingWindowLimiter:
    """At most `limit` events per `window` seconds per key (e.g. client IP)."""

    def __init__(self, limit: int, window: float = 60.0,
                 clock: Callable[[], float] = time.monotonic, max_keys: int = 10_000):
        self.limit, self.window, self.clock, self.max_keys = limit, window, clock, max_keys
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> float:
        """Records an event and returns 0.0, or returns the seconds to wait (nothing recorded)."""
        now = self.clock()
        with self._lock:
            q = self._events.setdefault(key, deque())
            while q and q[0] <= now - self.window:
                q.popleft()
            if self.limit > 0 and len(q) >= self.limit:
                return max(q[0] + self.window - now, 0.001)
            q.append(now)
            if len(self._events) > self.max_keys:
                self._prune(now)
            return 0.0

    def wait(self, key: str) -> float:
        """The seconds until `key` may have another event (0.0: now), recording nothing."""
        now = self.clock()
        with self._lock:
            q = self._events.get(key)
            while q and q[0] <= now - self.window:
                q.popleft()
            if q is None or self.limit <= 0 or len(q) < self.limit:
                return 0.0
            return max(q[0] + self.window - now, 0.001)

    def _prune(self, now: float) -> None:
        stale = [k for k, q in self._events.items() if not q or q[-1] <= now - self.window]
        for k in stale:
            del self._events[k]


class ConcurrencyLimiter:
    """At most `limit` calls in flight per key: acquire() says whether one more may start; release() ends it."""

    def __init__(self, limit: int):
        self.limit = limit
        self._active: dict[str, int] = {}
        self._lock = threading.Lock()

    def acquire(self, key: str) -> bool:
        with self._lock:
            n = self._active.get(key, 0)
            if self.limit > 0 and n >= self.limit:
                return False
            self._active[key] = n + 1
            return True

    def release(self, key: str) -> None:
        with self._lock:
            n = self._active.get(key, 0) - 1
            if n > 0:
                self._active[key] = n
            else:
                self._active.pop(key, None)
