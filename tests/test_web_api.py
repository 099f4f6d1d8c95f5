"""The HTTP API through the openai SDK and raw HTTP, against a server the test starts: cited answers streamed and
not, the same Answer as `lawdesk ask --json`, the page's limits on the public server, the switch, staff login."""
from __future__ import annotations

import json
import subprocess
import sys

import httpx
import openai
import pytest

from app.embeddings import HashEmbedder
from app.indexing import build
from app.service import LawdeskService
from tests.conftest import ROOT
from tests.test_reliability_files import cli_env, small_settings
from tests.web_server import served

Q = "对行政行为不服，申请行政复议的期限是多长？"


def sdk(url: str, key: str = "unused") -> openai.OpenAI:
    return openai.OpenAI(base_url=url + "/v1", api_key=key, max_retries=0, timeout=20)


def test_openai_sdk_gets_a_cited_answer(tmp_path):
    with served(tmp_path, public=False) as (url, svc):
        client = sdk(url)
        assert [m.id for m in client.models.list()] == ["lawdesk"]
        r = client.chat.completions.create(model="lawdesk", messages=[
            {"role": "system", "content": "ignored"},
            {"role": "user", "content": "土地管理法第四十七条规定了什么？"},
            {"role": "assistant", "content": "……"},
            {"role": "user", "content": Q}])
        assert r.object == "chat.completion" and r.model == "lawdesk"
        text = r.choices[0].message.content
        assert "[1]" in text and "六十日" in text and r.choices[0].finish_reason == "stop"
        cites = r.model_extra["citations"]
        assert cites[0]["n"] == 1 and cites[0]["title"] == "中华人民共和国行政复议法" and cites[0]["article"] == "第二十条"
        question, audience, history = svc.calls[-1]
        assert question == Q and audience == "staff" and [t.role for t in history] == ["user", "assistant"]


def test_openai_sdk_streams_a_cited_answer(tmp_path):
    with served(tmp_path, public=False) as (url, _):
        chunks = list(sdk(url).chat.completions.create(
            model="lawdesk", stream=True, messages=[{"role": "user", "content": Q}]))
        raw = httpx.post(url + "/v1/chat/completions", timeout=20,
                         json={"model": "lawdesk", "stream": True, "messages": [{"role": "user", "content": Q}]})
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert "[1]" in text and "六十日" in text
    assert chunks[0].choices[0].delta.role == "assistant" and chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["citations"][0]["article"] == "第二十条"
    assert raw.headers["content-type"].startswith("text/event-stream")
    assert raw.text.rstrip().endswith("data: [DONE]")


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    settings = small_settings(tmp_path_factory.mktemp("api"))
    build(settings, HashEmbedder())
    return settings


def test_api_ask_returns_what_the_cli_prints(small, tmp_path):
    cli = subprocess.run([sys.executable, "-m", "app", "ask", Q, "--json"], cwd=ROOT, env=cli_env(small),
                         capture_output=True, text=True, timeout=120)
    assert cli.returncode == 0, cli.stderr
    expected = json.loads(cli.stdout)
    with served(tmp_path, public=False, service=LawdeskService(small, HashEmbedder())) as (url, _):
        got = httpx.post(url + "/api/v1/ask", json={"question": Q}, timeout=20).json()
    expected.setdefault("confidence", "high")
    for d in (got, expected):
        d.pop("latency_ms")
    assert got == expected and got["citations"] and not got["declined"]


def test_public_api_obeys_the_page_limits(tmp_path):
    with served(tmp_path, public=True, public_rate_per_minute=3) as (url, svc):
        client = sdk(url)
        long = httpx.post(url + "/api/v1/ask", json={"question": "土地" * 300})
        assert long.status_code == 413 and "太长" in long.json()["detail"]
        for _ in range(3):
            assert client.chat.completions.create(model="lawdesk", messages=[{"role": "user", "content": Q}])
        with pytest.raises(openai.RateLimitError) as err:
            client.chat.completions.create(model="lawdesk", messages=[{"role": "user", "content": Q}])
        assert "提问太频繁" in str(err.value)
        limited = httpx.post(url + "/api/v1/ask", json={"question": Q})
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
        assert {c[1] for c in svc.calls} == {"citizen"}  # the public server answers citizens


@pytest.mark.parametrize("body,status", [
    (b"not json", 400), (b"[1]", 400), (b'{"question": ""}', 400), (b'{"question": "q", "audience": "root"}', 400),
    (b'{"question": "q", "history": "x"}', 400), (b'{"question": "q", "history": [{"role": "system"}]}', 400),
])
def test_api_bad_requests_get_a_chinese_400(tmp_path, body, status):
    with served(tmp_path, public=True) as (url, _):
        r = httpx.post(url + "/api/v1/ask", content=body)
    assert r.status_code == status and any("\u4e00" <= ch <= "\u9fff" for ch in r.json()["detail"])


def test_chat_history_is_capped(tmp_path):
    with served(tmp_path, public=False, max_history_turns=4, max_turn_chars=10) as (url, svc):
        messages = [{"role": r, "content": "很长的历史消息" * 20} for r in ("user", "assistant") * 10]
        sdk(url).chat.completions.create(model="lawdesk", messages=[*messages, {"role": "user", "content": Q}])
        bad = httpx.post(url + "/v1/chat/completions", json={"model": "gpt-4", "messages": [
            {"role": "user", "content": Q}]})
    history = svc.calls[-1][2]
    assert len(history) == 4 and all(len(t.content) <= 10 for t in history)
    assert bad.status_code == 400 and "lawdesk" in bad.json()["error"]["message"]


def test_api_can_be_switched_off(tmp_path):
    for public in (True, False):
        with served(tmp_path, public=public, api_enabled=False) as (url, _):
            assert httpx.post(url + "/api/v1/ask", json={"question": Q}).status_code == 404
            assert httpx.get(url + "/v1/models").status_code == 404
            assert httpx.get(url + "/").status_code == 200


def test_staff_api_needs_a_staff_account_when_logins_are_set(tmp_path):
    with served(tmp_path, public=False, staff_users="amy:pw1") as (url, _):
        assert httpx.post(url + "/api/v1/ask", json={"question": Q}).status_code == 401
        with pytest.raises(openai.AuthenticationError):
            sdk(url, "amy:wrong").chat.completions.create(model="lawdesk", messages=[{"role": "user", "content": Q}])
        r = sdk(url, "amy:pw1").chat.completions.create(model="lawdesk", messages=[{"role": "user", "content": Q}])
        assert "[1]" in r.choices[0].message.content
        ok = httpx.post(url + "/api/v1/ask", json={"question": Q}, auth=("amy", "pw1"))
        assert ok.status_code == 200 and ok.json()["citations"]
