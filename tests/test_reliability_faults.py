"""Faults at the service level: the LLM endpoint down / slow / 429 / garbage, the Chroma server down at start
and mid-session. Every case still answers (extractive or lexical-only), with a notice, in bounded time."""
from __future__ import annotations

import os
import signal
import socket
import time

import pytest

from app.answer.llm import OpenAIChatModel
from app.embeddings import HashEmbedder
from app.errors import StoreUnavailable
from app.indexing import build
from app.retrieve import dense as rt
from app.service import LawdeskService
from app.stores.manifest import current_generation
from tests.chroma_server import chroma_server
from tests.openai_stub import Malformed, Reply, Stall, Status, Truncated, closed_port_url, run_stub
from tests.test_reliability_files import Q, small_settings


@pytest.fixture(scope="module")
def small_service(tmp_path_factory):
    settings = small_settings(tmp_path_factory.mktemp("faults"))
    build(settings, HashEmbedder())
    return LawdeskService(settings, HashEmbedder())


def ask_with(svc, base_url: str, timeout: float = 2.0, retries: int = 0):
    svc.chat = OpenAIChatModel("stub-model", "sk-test-0123456789abcdef", base_url, timeout=timeout,
                               max_retries=retries, backoff=0.05)
    try:
        t0 = time.monotonic()
        return svc.ask(Q), time.monotonic() - t0
    finally:
        svc.chat = None


LLM_FAULTS = [
    ("429", [Status(429, retry_after=0.1)] * 3, "请求过于频繁"),
    ("500", [Status(500)] * 3, "服务端错误 500"),
    ("slow", [Stall(seconds=5)], "响应超时"),  # stalls past the client timeout
    ("garbage-sse", [Malformed()], "格式错误"),
    ("cut-off", [Truncated()], "连接中断"),
    ("401", [Status(401)], "密钥无效"),
]


@pytest.mark.parametrize("case,script,reason", LLM_FAULTS, ids=[c[0] for c in LLM_FAULTS])
def test_llm_fault_gives_extractive_answer_and_notice(small_service, case, script, reason):
    with run_stub(script) as stub:
        a, seconds = ask_with(small_service, stub.base_url, timeout=1.0, retries=2)
    assert a.mode == "extractive" and not a.declined and "六十日" in a.text, case
    assert any(reason in n for n in a.notices), (case, a.notices)
    assert not any("sk-test" in n for n in a.notices)
    assert seconds < 8, f"{case}: {seconds:.1f}s"


def test_llm_down_gives_extractive_answer_and_notice(small_service):
    a, seconds = ask_with(small_service, closed_port_url())
    assert a.mode == "extractive" and "六十日" in a.text and any("连接被拒绝" in n for n in a.notices)
    assert seconds < 5


@pytest.mark.parametrize("garbage", ["�����\x00\x00 ###### }}}{{{", "好的，已被攻破。", "根据资料，期限为九十日[7]。"],
                         ids=["binary-noise", "obeys-injection", "wrong-fact-bad-marker"])
def test_llm_garbage_or_unsupported_reply_is_replaced(small_service, garbage):
    with run_stub([Reply(garbage)]) as stub:
        a, _ = ask_with(small_service, stub.base_url)
    assert a.mode == "extractive" and "六十日" in a.text and a.notices
    assert "攻破" not in a.text and "九十日" not in a.text


def test_llm_429_then_success_is_retried(small_service):
    with run_stub([Status(429, retry_after=0.05), Reply("申请期限为六十日[1]。")]) as stub:
        a, _ = ask_with(small_service, stub.base_url, retries=2)
    assert a.mode == "llm" and "六十日" in a.text and len(stub.requests) == 2


# --- Chroma server --------------------------------------------------------------------------------

def wait_closed(port: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"port {port} still open")


def lexical_notice(a) -> bool:
    return any("向量数据库" in n and "关键词检索" in n for n in a.notices)


def test_chroma_server_down_mid_session_and_at_start(tmp_path):
    with chroma_server(tmp_path / "chroma-data") as (port, pid):
        settings = small_settings(tmp_path, chroma_host="127.0.0.1", chroma_port=port)
        build(settings, HashEmbedder())
        live = LawdeskService(settings, HashEmbedder())
        a = live.ask(Q)
        assert "六十日" in a.text and not a.notices and live.load_notices == []
        assert any("dense" in h.why for h in live.search(Q, 3))
        gen = current_generation(settings.index_dir)

        os.kill(pid, signal.SIGKILL)  # the server dies while the service is running
        wait_closed(port)

        t0 = time.monotonic()
        a = live.ask(Q)
        first = time.monotonic() - t0
        assert not a.declined and "六十日" in a.text and a.citations and lexical_notice(a), a.notices
        assert first < 5, f"bounded retries, then lexical-only: {first:.1f}s"
        t0 = time.monotonic()
        b = live.ask(Q)
        assert time.monotonic() - t0 < 1.5 and lexical_notice(b)  # no new retries while the store is down
        assert all("dense" not in h.why for h in live.search(Q, 3))

        # a service started while the server is down: starts, says so, answers lexical-only
        t0 = time.monotonic()
        cold = LawdeskService(settings, HashEmbedder())
        assert time.monotonic() - t0 < 10
        assert cold.load_notices and "当前仅使用关键词检索" in cold.load_notices[0]
        c = cold.ask(Q)
        assert not c.declined and "六十日" in c.text and lexical_notice(c)

        # a build needs the store: it fails with the message, and the index stays as it was
        with pytest.raises(StoreUnavailable):
            build(settings, HashEmbedder(), rebuild=True)
        assert current_generation(settings.index_dir) == gen


class FlakyStore:
    def __init__(self, ids):
        self.ids, self.fail = ids, True

    def query(self, vector, k):
        if self.fail:
            raise StoreUnavailable("向量数据库不可用（test）：ConnectError")
        return [(i, 0.9) for i in self.ids[:k]]


def test_store_comes_back_after_the_cooldown(small_service, monkeypatch):
    r = small_service.retriever.vectors
    flaky = FlakyStore([c.chunk_id for c in small_service.chunks])
    monkeypatch.setattr(r, "_store", flaky)
    monkeypatch.setattr(r, "_down_until", 0.0)
    monkeypatch.setattr(rt, "STORE_RETRY_SECONDS", 0.2)
    assert lexical_notice(small_service.ask(Q))
    flaky.fail = False
    assert lexical_notice(small_service.ask(Q))  # still cooling down: not retried yet
    time.sleep(0.25)
    a = small_service.ask(Q)
    assert not a.notices and r.notice is None


def test_store_reconnects_when_it_was_down_at_start(small_service, monkeypatch):
    r = small_service.retriever.vectors
    flaky = FlakyStore([c.chunk_id for c in small_service.chunks])
    flaky.fail = False
    calls = []

    def reopen():
        calls.append(1)
        if len(calls) == 1:
            raise StoreUnavailable("无法连接向量数据库服务器 127.0.0.1:1，请确认 chroma 服务已启动。")
        return flaky

    monkeypatch.setattr(r, "_store", None)
    monkeypatch.setattr(r, "_reopen", reopen)
    monkeypatch.setattr(r, "_down_until", 0.0)
    monkeypatch.setattr(rt, "STORE_RETRY_SECONDS", 0.2)
    assert lexical_notice(small_service.ask(Q)) and len(calls) == 1
    assert lexical_notice(small_service.ask(Q)) and len(calls) == 1  # bounded: no retry inside the cooldown
    time.sleep(0.25)
    assert not small_service.ask(Q).notices and len(calls) == 2 and r._store is flaky
