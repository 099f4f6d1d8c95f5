"""Client identity, masking, staff login throttling, `lawdesk serve` refusing an open staff page, and no raw
payload of a failed call in the server's output (`lawdesk serve --public` in a subprocess)."""
from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from app.embeddings import HashEmbedder
from app.indexing import build
from app.logs import MaskingStream
from app.privacy import MASKED_CARD, MASKED_EMAIL, MASKED_ID, MASKED_PHONE, mask
from app.web.clients import client_address, parse_networks
from app.web.login import username
from app.web.exposure import OPEN_STAFF_WARNING, staff_exposure
from tests.conftest import ROOT
from tests.fake_service import fake_settings
from tests.test_reliability_files import cli_env, small_settings
from tests.test_ui_e2e import free_port, wait_ready
from tests.web_server import served

TRUSTED = parse_networks(["10.0.0.0/8", "::1"])
PHONE, CARD = "13812345678", "6222021234567890128"  # the card number passes the Luhn check


@pytest.mark.parametrize("peer,xff,client", [
    ("203.0.113.5", None, "203.0.113.5"),
    ("203.0.113.5", "1.2.3.4", "203.0.113.5"),  # not from a trusted proxy: ignored
    ("10.0.0.2", "198.51.100.7", "198.51.100.7"),
    ("10.0.0.2", "1.1.1.1, 198.51.100.7", "198.51.100.7"),  # the left part is the client's own, forgeable
    ("10.0.0.2", "198.51.100.7, 10.0.0.9", "198.51.100.7"),  # two proxies
    ("10.0.0.2", "10.0.0.3, 10.0.0.9", "10.0.0.2"),  # only proxies: the peer
    ("10.0.0.2", "garbage", "10.0.0.2"),
    ("::1", "[2001:db8::1]:5555", "2001:db8::1"),
])
def test_client_address(peer, xff, client):
    assert client_address(peer, xff, TRUSTED) == client


def test_bad_trusted_proxy_entry_is_named():
    with pytest.raises(ValueError, match="not-an-ip"):
        parse_networks(["10.0.0.1", "not-an-ip"])


@pytest.mark.parametrize("text,masked", [
    (f"卡号{CARD}", f"卡号{MASKED_CARD}"),
    ("卡号 6222 0212 3456 7890 128", f"卡号 {MASKED_CARD}"),
    ("联系 zhang.san@example.com 谢谢", f"联系 {MASKED_EMAIL} 谢谢"),
    (f"{PHONE}、110101199003071234", f"{MASKED_PHONE}、{MASKED_ID}"),
])
def test_mask_cards_and_email(text, masked):
    assert mask(text) == masked


def test_masking_stream_masks_and_shortens_lines():
    out = io.StringIO()
    stream = MaskingStream(out, max_line=100)
    stream.write(f"Received inputs:\n    [\"{PHONE}\", \"{'行' * 5000}")
    stream.write("\"]\n")
    stream.flush()
    lines = out.getvalue().splitlines()
    assert PHONE not in out.getvalue() and all(len(line) < 130 for line in lines)


def test_login_form_username():
    assert username("application/x-www-form-urlencoded", b"username=amy&password=x") == "amy"
    body = b'--b\r\nContent-Disposition: form-data; name="username"\r\n\r\nbo\r\n--b--\r\n'
    assert username("multipart/form-data; boundary=b", body) == "bo"


def test_failed_logins_are_throttled_per_client_and_account(tmp_path):
    with served(tmp_path, public=False, staff_users="amy:pw1,bo:pw2", login_max_failures=3,
                trusted_proxies="127.0.0.1") as (url, _):
        def login(user, pw, client="192.0.2.1"):
            return httpx.post(url + "/login", data={"username": user, "password": pw},
                              headers={"X-Forwarded-For": client}).status_code

        t0 = time.monotonic()
        assert [login("amy", "bad") for _ in range(3)] == [400, 400, 400]
        assert login("amy", "pw1") == 429 and login("bo", "pw2") == 429  # this client waits
        assert login("bo", "pw2", "192.0.2.2") == 200  # another client is not held up
        # one account guessed from many addresses: 2 × 3 failures, then the account waits
        assert [login("bo", "bad", f"198.51.100.{i}") for i in range(6)] == [400] * 6
        assert login("bo", "pw2", "192.0.2.3") == 429
        assert login("amy", "pw1", "192.0.2.3") == 200
        assert time.monotonic() - t0 < 5
        r = httpx.post(url + "/login", data={"username": "amy", "password": "x"},
                       headers={"X-Forwarded-For": "192.0.2.1"})
        assert "登录失败次数过多" in r.json()["detail"] and int(r.headers["retry-after"]) > 0


def test_open_staff_page_warning_and_refusal():
    assert staff_exposure("127.0.0.1", False, False, False) == (OPEN_STAFF_WARNING, False)
    assert staff_exposure("0.0.0.0", True, False, False) == (None, False)
    assert staff_exposure("0.0.0.0", False, True, False) == (None, False)
    assert staff_exposure("0.0.0.0", False, False, False)[1] is True
    assert staff_exposure("192.168.1.5", False, False, True) == (OPEN_STAFF_WARNING, False)
    r = subprocess.run([sys.executable, "-m", "app", "serve", "--host", "0.0.0.0", "--port", str(free_port())],
                       cwd=ROOT, env={**cli_env(fake_settings(Path("/nonexistent"))), "LAWDESK_STAFF_USERS": ""},
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "拒绝启动" in r.stderr and "--allow-open-staff" in r.stderr


@pytest.fixture(scope="module")
def public_process(tmp_path_factory):
    """`lawdesk serve --public` over a small index, its output collected."""
    settings = small_settings(tmp_path_factory.mktemp("serve"))
    build(settings, HashEmbedder())
    port = free_port()
    log = tmp_path_factory.mktemp("out") / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "app", "serve", "--public", "--port", str(port)], cwd=ROOT,
                                env=cli_env(settings), stdout=out, stderr=subprocess.STDOUT, text=True)
        try:
            wait_ready(f"http://127.0.0.1:{port}/", None, 60)
            yield f"http://127.0.0.1:{port}", log
        finally:
            proc.terminate()
            proc.wait(20)


def test_failed_calls_leave_no_raw_payload_in_the_server_output(public_process):
    url, log = public_process
    payload = f"我的电话{PHONE}，卡号{CARD} " + "长" * 20_000
    config = httpx.get(url + "/config").json()
    show = next(d for d in config["dependencies"] if d.get("api_name") == "show")
    for body in ({"data": [payload], "fn_index": show["id"], "session_hash": "s1"},  # not a dropdown choice
                 {"data": [payload], "fn_index": 99999, "session_hash": "s2"},  # no such event
                 {"data": payload, "fn_index": "x"}):  # malformed
        r = httpx.post(url + "/gradio_api/queue/join", json=body, timeout=10)
        assert r.status_code in (200, 413, 422, 500)
    with httpx.stream("GET", url + "/gradio_api/queue/data", params={"session_hash": "s1"}, timeout=10) as s:
        for line in s.iter_lines():
            if "process_completed" in line:
                break
    ok = httpx.post(url + "/api/v1/ask", json={"question": f"电话{PHONE}，对行政行为不服，申请行政复议的期限是多长？"},
                    timeout=20)
    assert ok.status_code == 200 and ok.json()["citations"]
    time.sleep(0.5)
    text = log.read_text(encoding="utf-8")
    assert PHONE not in text and CARD not in text
    assert "长" * 600 not in text, "a failed call's payload was written out"
    assert "lawdesk 公众页面" in text
