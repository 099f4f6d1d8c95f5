"""The public server's per-client limits, one set shared by the page's callbacks and the HTTP API.

    gates = PublicGates.from_settings(settings)
    refusal = gates.question(text, client)     # None, or why the question may not go ahead (length, rate)
    with gates.answering(client) as ok: ...     # ok False: this client already has its answers in flight

A client is the address resolved by app.web.clients (the TCP peer, or X-Forwarded-For from a trusted proxy).
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum

from app.ratelimit import ConcurrencyLimiter, SlidingWindowLimiter


class Limit(Enum):
    TOO_LONG = "too_long"
    RATE = "rate"
    BUSY = "busy"


@dataclass(frozen=True)
class Refusal:
    limit: Limit
    message: str  # shown to the user, in Chinese
    retry_after: float = 0.0


BUSY = Refusal(Limit.BUSY, "您的上一个问题还在回答中，请稍候再提问。", 2.0)


class PublicGates:
    def __init__(self, max_chars: int, per_minute: int, votes_per_minute: int, browse_per_minute: int,
                 concurrency: int):
        self.max_chars, self.per_minute = max_chars, per_minute
        self.questions = SlidingWindowLimiter(per_minute, 60.0)
        self.votes = SlidingWindowLimiter(votes_per_minute, 60.0)
        self.browse = SlidingWindowLimiter(browse_per_minute, 60.0)
        self.inflight = ConcurrencyLimiter(concurrency)

    @classmethod
    def from_settings(cls, s) -> PublicGates:
        return cls(s.public_max_chars, s.public_rate_per_minute, s.public_votes_per_minute,
                   s.public_browse_per_minute, s.public_concurrency_per_client)

    def question(self, text: str, client: str, limiter: SlidingWindowLimiter | None = None) -> Refusal | None:
        if len(text) > self.max_chars:
            return Refusal(Limit.TOO_LONG, f"问题太长了：最多 {self.max_chars} 个字，当前 {len(text)} 个字。"
                                           "请精简后再提问。")
        wait = (limiter or self.questions).hit(client)
        if wait:
            return Refusal(Limit.RATE, f"提问太频繁了：每分钟最多 {self.per_minute} 个问题，"
                                       f"请约 {math.ceil(wait)} 秒后再试。", wait)
        return None

    def vote(self, client: str) -> Refusal | None:
        wait = self.votes.hit(client)
        return Refusal(Limit.RATE, f"评价太频繁了，请约 {math.ceil(wait)} 秒后再试。", wait) if wait else None

    def lookup(self, client: str) -> Refusal | None:
        wait = self.browse.hit(client)
        return Refusal(Limit.RATE, f"查询太频繁了，请约 {math.ceil(wait)} 秒后再试。", wait) if wait else None

    @contextmanager
    def answering(self, client: str) -> Iterator[bool]:
        ok = self.inflight.acquire(client)
        try:
            yield ok
        finally:
            if ok:
                self.inflight.release(client)
