"""Headless Chromium, driven over the DevTools protocol (websocket-client, nothing downloaded):
load the page, ask, wait for the cited answer, screenshot at desktop and 390 px width into test-artifacts/;
on the public page check the length cap, the rate limit and that an XSS payload stays inert text."""
import base64
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from app.config import Settings
from tests.fake_service import FakeService, fake_settings
from tests.test_ui_e2e import free_port

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not shutil.which("chromium"),
                                 reason="chromium not installed (run scripts/system-deps.sh)")]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
XSS = "<img src=x onerror=alert(1)>"
Q = "对行政行为不服，申请行政复议的期限是多长？"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--remote-allow-origins=*", "--remote-debugging-port=0"]


class Chromium:
    """Just enough of the DevTools protocol: evaluate, wait, type, resize, screenshot."""

    def __init__(self):
        import websocket
        self.dir = tempfile.mkdtemp(prefix="ld-chrome-")
        self.proc = subprocess.Popen([shutil.which("chromium"), *FLAGS, f"--user-data-dir={self.dir}",
                                      "--window-size=1280,900", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)  # its own process group, ended on close()
        port_file, deadline = Path(self.dir) / "DevToolsActivePort", time.monotonic() + 20
        while not (port_file.exists() and port_file.read_text().strip()):
            assert time.monotonic() < deadline, "chromium did not start"
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        pages = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        url = next(p for p in pages if p["type"] == "page")["webSocketDebuggerUrl"]
        self.ws = websocket.create_connection(url, timeout=30, suppress_origin=True)
        self.n, self.events = 0, []
        self.call("Page.enable")
        self.call("Page.addScriptToEvaluateOnNewDocument",
                  source="window.__alerts = []; window.alert = m => window.__alerts.push(String(m));"
                         "window.__csp = []; document.addEventListener('securitypolicyviolation',"
                         " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")

    def call(self, method: str, **params) -> dict:
        self.n += 1
        self.ws.send(json.dumps({"id": self.n, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.n:
                assert "error" not in msg, f"{method}: {msg['error']}"
                return msg.get("result", {})
            self.events.append(msg)

    def js(self, expr: str):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
        assert "exceptionDetails" not in r, r["exceptionDetails"]
        return r["result"].get("value")

    def wait(self, expr: str, timeout: float = 10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.js(expr)
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {expr}")

    def open(self, url: str) -> None:
        self.call("Page.navigate", url=url)
        self.wait("!!document.querySelector('#ld-question textarea') && !!document.querySelector('#ld-send')", 20)

    def type_and_send(self, text: str) -> None:
        self.js("document.querySelector('#ld-question textarea').focus()")
        self.call("Input.insertText", text=text)
        self.js("document.querySelector('#ld-send').click()")

    def width(self, px: int) -> None:
        self.call("Emulation.setDeviceMetricsOverride", width=px, height=900 if px > 600 else 844,
                  deviceScaleFactor=1, mobile=px < 600)
        time.sleep(0.4)

    def screenshot(self, name: str) -> Path:
        size = self.call("Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 6000), "scale": 1}
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True, clip=clip)["data"]
        ARTIFACTS.mkdir(exist_ok=True)
        (path := ARTIFACTS / name).write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
            shutil.rmtree(self.dir, ignore_errors=True)


def start(settings: Settings, public: bool):
    """The served application as `lawdesk serve` runs it: guard middleware, CSP and all."""
    from app.web.server import start as serve
    running = serve(FakeService(settings), "127.0.0.1", free_port(), public)
    return running, running.url


def no_csp_violations(b: Chromium) -> None:
    assert b.js("window.__csp") == [], "the page broke its Content-Security-Policy"


@pytest.fixture(scope="module")
def browser():
    b = Chromium()
    yield b
    b.close()


def bot_count(b: Chromium) -> int:
    return b.js("document.querySelectorAll('#ld-chat .bot.message').length")


def notice(b: Chromium) -> str:
    return b.js("document.querySelector('#ld-notice')?.innerText || ''")


def test_staff_page_answer_with_citation_and_screenshots(browser, tmp_path):
    demo, url = start(fake_settings(tmp_path), public=False)
    try:
        browser.width(1280)
        browser.open(url)
        start_t = time.monotonic()
        browser.type_and_send(Q)
        browser.wait("!!document.getElementById('src-1-1')")
        shown = time.monotonic() - start_t
        print(f"\nextractive answer on screen {shown:.2f}s after submit")
        assert shown < 3
        assert "六十日" in browser.js("document.querySelector('#ld-chat').innerText")
        assert browser.js("document.querySelector('#ld-chat a[href=\"#src-1-1\"]')?.innerText") == "[1]"
        assert browser.js("document.querySelector('#src-1-1 mark')?.innerText").startswith("可以自知道")
        browser.js("document.querySelector('#ld-chat a[href=\"#src-1-1\"]').click()")
        assert browser.wait("document.getElementById('src-1-1').classList.contains('ld-flash')")
        browser.js("document.querySelector('#src-1-1 details').open = true")
        browser.screenshot("staff-desktop.png")
        browser.width(390)
        assert browser.js("document.documentElement.scrollWidth") <= 400, "horizontal scroll at 390 px"
        browser.screenshot("staff-390.png")
        browser.js("[...document.querySelectorAll('button[role=tab]')].find(t => t.innerText.includes('法规浏览')).click()")
        browser.wait("!!document.querySelector('#ld-ref textarea')")
        browser.js("document.querySelector('#ld-ref textarea').focus()")
        browser.call("Input.insertText", text="土地管理法第47条")
        browser.js("document.querySelector('#ld-go').click()")
        browser.wait("document.querySelectorAll('#ld-doc-view .ld-target').length === 2")
        browser.screenshot("browser-390.png")
        no_csp_violations(browser)
    finally:
        demo.close()


def test_public_page_cap_rate_limit_and_xss(browser, tmp_path):
    settings = fake_settings(tmp_path, public_max_chars=40, public_rate_per_minute=3)
    demo, url = start(settings, public=True)
    try:
        browser.width(390)
        browser.open(url)
        body = browser.js("document.body.innerText")
        assert "仅供参考" in body and "管理" not in browser.js(
            "[...document.querySelectorAll('button[role=tab]')].map(t => t.innerText).join(' ')")
        assert "Use via API" not in body and "Settings" not in body
        browser.type_and_send(XSS)
        browser.wait("document.querySelectorAll('#ld-chat .bot.message').length === 1 && "
                     "document.querySelector('#ld-chat').innerText.includes('没有找到')")
        time.sleep(0.3)
        chat_text = browser.js("document.querySelector('#ld-chat').innerText")
        assert XSS in chat_text, "the payload must show as text"
        assert browser.js("document.querySelectorAll('img[src=\"x\"]').length") == 0
        assert browser.js("window.__alerts.length") == 0
        assert not [e for e in browser.events if e.get("method") == "Page.javascriptDialogOpening"]
        browser.type_and_send("土地" * 30)
        browser.wait("document.querySelector('#ld-notice')?.innerText.includes('问题太长')")
        assert "最多 40 个字" in notice(browser) and bot_count(browser) == 1
        for i in (2, 3):
            browser.js("document.querySelector('#ld-question textarea').value = ''")
            browser.type_and_send(Q)
            browser.wait(f"document.querySelectorAll('#ld-chat .bot.message').length === {i} && "
                         f"!!document.getElementById('src-{i}-1')")
        browser.type_and_send(Q)
        browser.wait("document.querySelector('#ld-notice')?.innerText.includes('提问太频繁')")
        assert bot_count(browser) == 3
        browser.screenshot("public-390.png")
        browser.width(1280)
        browser.screenshot("public-desktop.png")
        no_csp_violations(browser)
    finally:
        demo.close()
