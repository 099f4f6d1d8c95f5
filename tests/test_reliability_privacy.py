"""Privacy and exposure: no API key in logs, the feedback store or the page; phone and ID-card numbers in
questions masked in logs; the public page shows no file paths, settings or dependency versions."""
from __future__ import annotations

import json
import logging
import platform
import sqlite3

import httpx
import pytest

from app.answer.llm import OpenAIChatModel
from app.embeddings import HashEmbedder
from app.feedback import FeedbackStore
from app.indexing import build
from app.logs import MASKED_ID, MASKED_KEY, MASKED_PHONE, MaskFilter, mask, setup_logging
from app.service import LawdeskService
from app.ui.callbacks import ChatCallbacks, Session
from tests.openai_stub import Reply, Status, run_stub
from tests.test_reliability_files import Q, small_settings

KEY = "sk-live-SECRET-7f3a9c0e1d2b4a6f8e0c"
PHONE, ID_CARD, ID_X = "13812345678", "110101199003071234", "44030419851212345X"


@pytest.fixture
def lawdesk_logger():
    """Leaves the "lawdesk" logger as it found it."""
    logger = logging.getLogger("lawdesk")
    handlers, filters, level = list(logger.handlers), list(logger.filters), logger.level
    yield logger
    for h in logger.handlers:
        if h not in handlers:
            h.close()
    logger.handlers[:], logger.filters[:] = handlers, filters
    logger.setLevel(level)


@pytest.fixture(scope="module")
def secret_service(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("privacy")
    settings = small_settings(tmp, openai_api_key=KEY, llm_model="stub-model", log_file=tmp / "logs" / "lawdesk.log",
                              feedback_db=tmp / "feedback.sqlite3")
    build(settings, HashEmbedder())
    return LawdeskService(settings, HashEmbedder())


# --- mask() -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,masked", [
    (f"我的电话{PHONE}，请回电", f"我的电话{MASKED_PHONE}，请回电"),
    ("手机 138-1234-5678 或 +86 139 1234 5678", f"手机 {MASKED_PHONE} 或 {MASKED_PHONE}"),
    (f"身份证号{ID_CARD}。", f"身份证号{MASKED_ID}。"),
    (f"身份证{ID_X.lower()}和{ID_X}", f"身份证{MASKED_ID}和{MASKED_ID}"),
    (f"密钥{KEY}", f"密钥{MASKED_KEY}"),
    ("Authorization: Bearer abcdef0123456789xyz", f"Authorization: {MASKED_KEY}"),
], ids=["phone", "phone-separated", "id-card", "id-card-x", "sk-key", "bearer"])
def test_mask(text, masked):
    assert mask(text) == masked


@pytest.mark.parametrize("text", [
    "全年受理各类线索233条，罚没收入约237万元。", "2025年12月31日", "土地管理法第四十七条", "电话区号0391",
    "账号6222021234567890123", "编号 12345678901", "task-runner", "订单号213812345678901",
], ids=["figures", "date", "article", "area-code", "19-digits", "11-digits-not-mobile", "word-with-sk",
        "in-longer-run"])
def test_mask_leaves_ordinary_text(text):
    assert mask(text) == text


def test_configured_key_is_masked_even_when_it_does_not_look_like_one():
    assert mask("token=Zq8-odd-key-value!", secrets=["Zq8-odd-key-value"]) == f"token={MASKED_KEY}!"


# --- logs ---------------------------------------------------------------------------------------------

def test_questions_are_logged_masked_with_mode_and_latency(secret_service, lawdesk_logger):
    settings = secret_service.settings
    setup_logging(settings)
    q = f"我是张三，电话{PHONE}，身份证{ID_CARD}，密钥{KEY}。{Q}"
    with run_stub([Reply("申请期限为六十日[1]。"), Status(401)]) as stub:
        secret_service.chat = OpenAIChatModel("stub-model", KEY, stub.base_url, timeout=5, max_retries=0)
        try:
            a = secret_service.ask(q)
            b = secret_service.ask(Q)  # 401: the key is refused; the notice and log must not carry it
        finally:
            secret_service.chat = None
    assert stub.requests[0]["headers"]["authorization"] == f"Bearer {KEY}"  # it was really used
    assert b.mode == "extractive" and any("密钥无效" in n for n in b.notices)
    logging.getLogger("lawdesk.ui").error("user said %s / %s", PHONE, KEY)  # a child logger, with arguments
    try:
        raise RuntimeError(f"upstream echoed Authorization: Bearer {KEY} for {PHONE}")
    except RuntimeError:
        logging.getLogger("lawdesk").exception("call failed")
    for h in lawdesk_logger.handlers:
        h.flush()
    text = settings.log_file.read_text(encoding="utf-8")
    assert f"mode={a.mode}" in text and "mode=extractive" in text and "latency_ms=" in text
    assert MASKED_PHONE in text and MASKED_ID in text and MASKED_KEY in text and "RuntimeError" in text
    for secret in (KEY, PHONE, ID_CARD, "SECRET"):
        assert secret not in text, secret
    assert not any(KEY in n for n in a.notices + b.notices)


def test_pipeline_masks_at_the_source_even_without_setup(secret_service, caplog):
    with caplog.at_level(logging.INFO, logger="lawdesk"):
        secret_service.ask(f"电话{PHONE}：{Q}")
    lines = [r.getMessage() for r in caplog.records if r.name == "lawdesk"]
    assert lines and MASKED_PHONE in lines[-1] and PHONE not in "".join(lines)


def test_filter_masks_records_from_other_code(lawdesk_logger, tmp_path):
    record = logging.LogRecord("lawdesk.x", logging.WARNING, __file__, 1, "key=%s phone=%s", (KEY, PHONE), None)
    assert MaskFilter([KEY]).filter(record)
    assert record.getMessage() == f"key={MASKED_KEY} phone={MASKED_PHONE}"


# --- feedback store -----------------------------------------------------------------------------------

def test_feedback_store_holds_no_api_key(secret_service):
    store = FeedbackStore(secret_service.settings.feedback_path)
    cb = ChatCallbacks(secret_service, store, public=False)
    session = Session()
    for _ in cb.ask(f"我的密钥 {KEY} 能用吗？", session, "工作人员"):
        pass
    for _ in cb.ask(Q, session, "工作人员"):
        pass
    cb.vote("down", f"密钥给你： {KEY} Bearer {KEY}", session)
    with sqlite3.connect(store.path) as db:
        rows = db.execute("SELECT question, answer, citations, comment FROM feedback").fetchall()
    assert rows and KEY not in json.dumps(rows, ensure_ascii=False)
    columns = {r[1] for r in sqlite3.connect(store.path).execute("PRAGMA table_info(feedback)")}
    assert columns == {"id", "created_at", "question", "answer", "citations", "audience", "rating", "comment",
                       "declined"}  # what the user saw; no settings, no keys, by design


def test_feedback_redacts_a_key_glued_to_chinese(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    store.add(f"密钥{KEY}", "答", [], "staff", None)
    assert KEY not in store.recent()[0].question


# --- the page -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def public_page(secret_service):
    from app.ui.app import launch_options, prepare
    from tests.test_ui_e2e import free_port

    port = free_port()
    demo = prepare(secret_service, public=True)
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True,
                **launch_options(secret_service.settings, public=True))
    yield f"http://127.0.0.1:{port}"
    demo.close()


def test_public_page_exposes_no_paths_settings_or_versions(secret_service, public_page):
    import chromadb
    import gradio

    s = secret_service.settings
    forbidden = [KEY, "SECRET", str(s.corpus_dir), str(s.corpus_dir.resolve()), str(s.index_dir.resolve()),
                 str(s.uploads_dir.resolve()), str(s.feedback_path.resolve()), str(s.log_file),
                 "/work/", "site-packages", "Python/", platform.python_version(), f"chromadb {chromadb.__version__}",
                 chromadb.__version__, "jieba", "langchain", "openai", "test-hash", "stub-model", "LAWDESK_"]
    for path in ("/", "/config", "/gradio_api/info", "/gradio_api/openapi.json", "/manifest.json"):
        r = httpx.get(public_page + path, timeout=10)
        assert r.status_code in (200, 404), path
        body = r.text
        for word in forbidden:
            assert word not in body, (path, word)
        assert r.headers.get("server", "") in ("", "uvicorn")  # no version in the Server header
    config = httpx.get(public_page + "/config", timeout=10).json()
    assert config["show_error"] is False and config.get("footer_links") == []
    assert config["version"] == gradio.__version__  # the one version Gradio always emits
    tabs = [c["props"].get("label") for c in config["components"] if c.get("type") == "tab"]
    assert "管理" not in tabs and "培训工具" not in tabs


def test_public_page_serves_no_corpus_or_index_files(secret_service, public_page):
    s = secret_service.settings
    for f in [next(s.corpus_dir.rglob("*.md")), s.index_dir / "CURRENT", s.feedback_path, s.log_file]:
        for route in (f"/gradio_api/file={f}", f"/file={f}", f"/gradio_api/file={f.resolve()}"):
            r = httpx.get(public_page + route, timeout=10)
            assert r.status_code in (403, 404, 405), (route, r.status_code)


def test_public_errors_show_no_details(secret_service, tmp_path):
    cb = ChatCallbacks(secret_service, FeedbackStore(tmp_path / "fb.sqlite3"), public=True)

    class Boom(RuntimeError):
        pass

    original = secret_service.ask_stream

    def broken(*a, **k):
        raise Boom(f"db at {secret_service.settings.index_dir} with {KEY}")
        yield

    secret_service.ask_stream = broken
    try:
        *_, (box, chat, _, _, notice) = cb.ask(Q, Session(), None)
    finally:
        secret_service.ask_stream = original
    shown = json.dumps(chat, ensure_ascii=False) + notice
    assert "暂时无法回答" in shown and KEY not in shown and str(secret_service.settings.index_dir) not in shown
