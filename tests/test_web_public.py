"""The public server through raw HTTP (docs/security.md): no upload or file routes, no direct /run calls, 413 before
parsing, capped inputs, per-client limits that forged X-Forwarded-For values do not escape, masked feedback,
security headers on both pages."""
from __future__ import annotations

import sqlite3
import threading
import time

import httpx
import pytest

from app.embeddings import HashEmbedder
from app.indexing import build
from app.privacy import MASKED_EMAIL, MASKED_PHONE
from app.service import LawdeskService
from app.ui.views import BrowserCallbacks
from tests.fake_service import FakeService, fake_settings
from tests.gradio_raw import RawPage
from tests.test_reliability_files import small_settings
from tests.web_server import raw_request, rss_mb, served

Q = "对行政行为不服，申请行政复议的期限是多长？"
HIDDEN = ["/gradio_api/upload", "/gradio_api/upload_progress", "/monitoring", "/monitoring/summary",
          "/openapi.json", "/gradio_api/openapi.json", "/docs", "/redoc", "/gradio_api/process_recording",
          "/gradio_api/run/ask", "/gradio_api/api/ask", "/gradio_api/call/ask", "/gradio_api/file=/etc/hostname",
          "/gradio_api/proxy=http://example.com/", "/gradio_api/runs", "/gradio_api/vibe-code"]


def answered(out) -> bool:
    return bool(out) and "src-" in (out[3] or "") and "太频繁" not in str(out)


# --- routes ---------------------------------------------------------------------------------------------

def test_public_server_has_no_upload_file_run_monitoring_or_openapi_routes(tmp_path):
    with served(tmp_path, public=True) as (url, _):
        for path in HIDDEN:
            for method in ("GET", "POST"):
                r = httpx.request(method, url + path, timeout=5)
                assert r.status_code == 404, (method, path, r.status_code)
        big = httpx.post(url + "/gradio_api/upload", files={"files": ("a.txt", b"x" * 2_000_000)}, timeout=10)
        assert 400 <= big.status_code < 500
        config = httpx.get(url + "/config").json()
        assert "version" not in config and config["footer_links"] == []
        assert "gradio" not in httpx.get(url + "/").headers.get("server", "").lower()
        assert httpx.get(url + "/").status_code == 200


def test_staff_server_upload_capped_and_direct_run_still_there(tmp_path):
    with served(tmp_path, public=False, max_upload_mb=1) as (url, _):
        small = httpx.post(url + "/gradio_api/upload", files={"files": ("a.txt", "第一条 测试。".encode())})
        assert small.status_code == 200
        big = httpx.post(url + "/gradio_api/upload", files={"files": ("a.txt", b"x" * 2_000_000)}, timeout=10)
        assert big.status_code == 413
        assert httpx.post(url + "/gradio_api/run/ask", json={"data": [Q, None, "工作人员"]}, timeout=10).status_code == 200


def test_security_headers_on_both_pages(tmp_path):
    for public in (True, False):
        with served(tmp_path, public=public) as (url, _):
            for r in (httpx.get(url + "/"), httpx.get(url + "/config"), httpx.get(url + "/nowhere"),
                      httpx.post(url + "/api/v1/ask", json={"question": Q})):
                h = r.headers
                assert h["x-frame-options"] == "DENY" and h["x-content-type-options"] == "nosniff"
                assert h["referrer-policy"] == "no-referrer"
                assert "frame-ancestors 'none'" in h["content-security-policy"]
                assert "default-src 'self'" in h["content-security-policy"]
    with served(tmp_path, public=True, frame_ancestors="https://www.example.gov.cn") as (url, _):
        h = httpx.get(url + "/").headers
        assert "frame-ancestors https://www.example.gov.cn" in h["content-security-policy"]
        assert "x-frame-options" not in h


# --- size -----------------------------------------------------------------------------------------------

def test_20_mb_body_gets_413_before_parsing(tmp_path):
    with served(tmp_path, public=True) as (url, _):
        before = rss_mb()
        t0 = time.monotonic()
        head = ("POST /gradio_api/queue/join HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                f"Content-Length: {20 * 2**20}")
        reply = raw_request(url, head, [b"[" * 2**20] * 20)
        chunked = raw_request(url, "POST /api/v1/ask HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked",
                              (b"%x\r\n%s\r\n" % (2**20, b"a" * 2**20) for _ in range(20)))
        seconds = time.monotonic() - t0
        grown = rss_mb() - before
        assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
        assert chunked.startswith(b"HTTP/1.1 413"), chunked[:200]
        assert grown < 50, f"RSS grew by {grown:.0f} MB"
        assert seconds < 5
        normal = httpx.post(url + "/api/v1/ask", json={"question": Q}, timeout=10)
        assert normal.status_code == 200


def test_200000_character_jump_is_refused_within_a_second(tmp_path):
    with served(tmp_path, public=True) as (url, _):
        page = RawPage(url)
        t0 = time.monotonic()
        r = page.join("jump", ["行" * 200_000])
        assert r.status_code == 413 and time.monotonic() - t0 < 1
    with served(tmp_path, public=False, max_request_kb=2048) as (url, _):  # past the size limit: the cap
        page = RawPage(url)
        t0 = time.monotonic()
        out = page.call("jump", ["行" * 200_000])
        assert time.monotonic() - t0 < 1 and "太长" in out[2]


@pytest.fixture(scope="module")
def real_service(tmp_path_factory):
    settings = small_settings(tmp_path_factory.mktemp("web"))
    build(settings, HashEmbedder())
    return LawdeskService(settings, HashEmbedder())


def test_jump_box_caps_before_tokenising(real_service):
    cb = BrowserCallbacks(real_service)
    t0 = time.monotonic()
    _, view, notice = cb.jump("行" * 200_000)
    assert time.monotonic() - t0 < 1 and "太长" in notice and view == ""
    key, view, _ = cb.jump("土地管理法第四十七条")
    assert key and "ld-target" in view  # a real reference still works


# --- per-client limits ----------------------------------------------------------------------------------

def test_forged_forwarded_for_does_not_escape_the_rate_limit(tmp_path):
    with served(tmp_path, public=True) as (url, _):
        page = [answered(RawPage(url, {"X-Forwarded-For": f"203.0.113.{i}"}).call("ask", [Q, None, None]))
                for i in range(15)]
        api = [httpx.post(url + "/api/v1/ask", json={"question": Q},
                          headers={"X-Forwarded-For": f"198.51.100.{i}"}).status_code for i in range(15)]
    assert sum(page) == 10, page  # one client, one bucket of 10 per minute...
    assert api.count(200) == 0 and set(api) == {429}  # ...shared by the page and the API


def test_trusted_proxy_forwarded_for_is_the_client(tmp_path):
    with served(tmp_path, public=True, trusted_proxies="127.0.0.1/32") as (url, _):
        distinct = [httpx.post(url + "/api/v1/ask", json={"question": Q},
                               headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code for i in range(12)]
        # what a client sends is left of what the proxy appends: the right-most untrusted hop counts
        same = [httpx.post(url + "/api/v1/ask", json={"question": Q},
                           headers={"X-Forwarded-For": f"10.9.9.{i}, 198.51.100.7"}).status_code for i in range(12)]
    assert distinct.count(200) == 12
    assert same.count(200) == 10 and same[10:] == [429, 429]


def test_thirty_votes_in_ten_seconds_store_at_most_ten_rows(tmp_path):
    with served(tmp_path, public=True) as (url, svc):
        page = RawPage(url)
        assert answered(page.call("ask", [Q, None, None]))
        t0 = time.monotonic()
        notices = [page.call("vote", [f"第{i}次", None])[1] for i in range(30)]
        assert time.monotonic() - t0 < 10
        rows = sqlite3.connect(svc.settings.feedback_path).execute(
            "SELECT COUNT(*) FROM feedback WHERE rating IS NOT NULL").fetchone()[0]
    assert rows <= 10 and rows == sum("已记录" in n for n in notices)
    assert "评价太频繁" in notices[-1]


class SlowService(FakeService):
    def ask(self, question, history=(), audience="staff"):
        time.sleep(0.8)
        return super().ask(question, history, audience)


def test_per_client_concurrency_cap(tmp_path):
    svc = SlowService(fake_settings(tmp_path, public_concurrency_per_client=2))
    with served(tmp_path, public=True, service=svc) as (url, _):
        results: list = []

        def one():
            results.append(RawPage(url).call("ask", [Q, None, None]))

        threads = [threading.Thread(target=one) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        api = [None] * 3

        def call(i):
            api[i] = httpx.post(url + "/api/v1/ask", json={"question": Q}, timeout=20).status_code

        threads = [threading.Thread(target=call, args=(i,)) for i in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert sum(answered(r) for r in results) == 2
    assert sum("还在回答中" in str(r) for r in results) == 1
    assert sorted(api) == [200, 200, 429]


# --- privacy --------------------------------------------------------------------------------------------

def test_declined_public_question_is_stored_masked(tmp_path):
    with served(tmp_path, public=True) as (url, svc):
        out = RawPage(url).call("ask", ["我的电话13812345678，邮箱zhang.san@example.com，明天天气怎么样？", None, None])
        assert out is not None
        rows = sqlite3.connect(svc.settings.feedback_path).execute(
            "SELECT question, declined FROM feedback").fetchall()
    assert rows and rows[0][1] == 1
    assert "13812345678" not in rows[0][0] and MASKED_PHONE in rows[0][0]
    assert "zhang.san@example.com" not in rows[0][0] and MASKED_EMAIL in rows[0][0]


def test_flood_of_60_kb_jumps_does_not_slow_a_normal_question(tmp_path):
    with served(tmp_path, public=True) as (url, _):
        flood = RawPage(url)
        t0 = time.monotonic()
        codes = [flood.join("jump", ["行" * 20_000]).status_code for _ in range(64)]  # ~60 KB each, under 64 KB
        user = RawPage(url, {"User-Agent": "citizen"})
        t1 = time.monotonic()
        out = user.call("ask", [Q, None, None])
        waited = time.monotonic() - t1
    assert set(codes) <= {200, 503} and time.monotonic() - t0 < 20
    assert answered(out) and waited < 3, f"a normal question waited {waited:.1f}s"
