"""Phone layout in headless Chromium at 390 x 844: the question box is on the first screen, a notice appears right
under it (a live region screen readers announce), and the public page offers citizens' example questions.
Screenshots go to test-artifacts/layout_*_390.png."""
import base64
import json

import pytest

from tests.fake_service import fake_settings
from tests.test_ui_browser import ARTIFACTS, Chromium, start

pytestmark = pytest.mark.browser
pytest.importorskip("websocket")


@pytest.fixture(scope="module")
def phone():
    b = Chromium()
    b.call("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=1, mobile=True)
    yield b
    b.close()


def box(b: Chromium, selector: str) -> dict:
    return json.loads(b.js(f"JSON.stringify(document.querySelector({selector!r}).getBoundingClientRect())"))


def shot(b: Chromium, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_bytes(base64.b64decode(b.call("Page.captureScreenshot", format="png")["data"]))


@pytest.mark.parametrize("public", [True, False], ids=["public", "staff"])
def test_question_box_on_the_first_screen_and_notice_under_it(phone, tmp_path, public):
    demo, url = start(fake_settings(tmp_path, public_max_chars=40), public)
    try:
        phone.open(url)
        phone.wait("document.querySelector('#ld-examples') !== null", 20)
        q = box(phone, "#ld-question textarea")
        assert 0 <= q["top"] and q["bottom"] <= 844, q  # visible without scrolling
        assert box(phone, "#ld-send")["bottom"] <= 844
        shot(phone, f"layout_{'public' if public else 'staff'}_390.png")
        phone.wait("document.querySelector('#ld-notice')?.getAttribute('aria-live') === 'polite'")
        assert phone.js("document.querySelector('#ld-notice').getAttribute('role')") == "status"
        if public:
            phone.js("document.querySelector('#ld-question textarea').focus()")
            phone.call("Input.insertText", text="行" * 60)
            phone.js("document.querySelector('#ld-send').click()")
            phone.wait("document.querySelector('#ld-notice').innerText.includes('问题太长')")
            n, q = box(phone, "#ld-notice .ld-notice"), box(phone, "#ld-question textarea")
            assert q["bottom"] <= n["top"] < box(phone, "#ld-examples")["top"]  # right under the box
            assert n["bottom"] <= 844  # seen where one types
            shot(phone, "layout_public_notice_390.png")
    finally:
        demo.close()


def test_cross_reference_links_scroll_or_look_up(tmp_path):
    """In the browse view, 本法第一条 scrolls to that article; 《…诉讼法》第四十六条 (another law) is looked up."""
    from app.ui.app import launch_options, prepare
    from tests.fake_service import FakeService
    from tests.test_crossref import CHUNKS
    from tests.test_ui_e2e import free_port

    settings = fake_settings(tmp_path)
    svc = FakeService(settings)
    svc.chunks = svc.chunks + CHUNKS
    demo = prepare(svc, False)
    port = free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True,
                **launch_options(settings, False))
    b = Chromium()
    try:
        b.open(f"http://127.0.0.1:{port}/")
        b.js("[...document.querySelectorAll('button[role=\"tab\"]')].find(t => t.textContent.trim() === '法规浏览').click()")
        b.wait("document.querySelector('#ld-ref textarea') !== null")
        b.js("document.querySelector('#ld-ref textarea').focus()")
        b.call("Input.insertText", text="示例处罚法第四条")
        b.js("document.querySelector('#ld-go').click()")
        b.wait("document.querySelectorAll('#ld-doc-view .ld-target').length === 1", 20)
        b.js("[...document.querySelectorAll('#ld-doc-view a.ld-xref')].find(a => a.textContent === '本法第一条').click()")
        b.wait("document.querySelector('#ld-doc-view .ld-flash')?.textContent.startsWith('第一条') ?? false")
        b.js("[...document.querySelectorAll('#ld-doc-view a.ld-xref')].find(a => a.textContent.includes('诉讼法')).click()")
        b.wait("document.querySelector('#ld-doc-view .ld-target')?.textContent.startsWith('第四十六条') ?? false", 20)
        assert "示例诉讼法" in b.js("document.querySelector('#ld-doc-view .ld-doc-title').textContent")
    finally:
        b.close()
        demo.close()
