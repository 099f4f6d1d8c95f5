"""UI callbacks against FakeService: chat, limits, escaping, feedback, browser, admin; and the rate limiter."""
import logging
from types import SimpleNamespace

import pytest

from app.config import Settings
from app.errors import LLMUnavailable
from app.feedback import FeedbackStore
from app.ratelimit import SlidingWindowLimiter
from app.ui.callbacks import GENERIC_ERROR, ChatCallbacks, Session
from app.ui.views import AdminCallbacks, BrowserCallbacks
from tests.fake_service import FakeService, fake_settings

XSS = "<img src=x onerror=alert(1)>"
Q = "对行政行为不服，申请行政复议的期限是多长？"


def req(ip="10.0.0.1"):
    return SimpleNamespace(client=SimpleNamespace(host=ip))


@pytest.fixture
def settings(tmp_path):
    return fake_settings(tmp_path, public_max_chars=40, public_rate_per_minute=3)


@pytest.fixture
def store(settings):
    return FeedbackStore(settings.feedback_path)


def chat(settings, store, public=False, **kw):
    svc = FakeService(settings, **kw)
    return svc, ChatCallbacks(svc, store, public)


def last(gen):
    return list(gen)[-1]


# ---------- rate limiter (pure, injected clock) ----------

def test_sliding_window_limits_per_key():
    now = [0.0]
    lim = SlidingWindowLimiter(3, 60.0, clock=lambda: now[0])
    for t in (0.0, 10.0, 20.0):
        now[0] = t
        assert lim.hit("a") == 0.0
    now[0] = 30.0
    assert lim.hit("a") == pytest.approx(30.0)  # until the event at t=0 leaves the window
    assert lim.hit("b") == 0.0  # another client is unaffected
    now[0] = 45.0
    assert lim.hit("a") == pytest.approx(15.0)  # refusals are not counted
    now[0] = 60.0
    assert lim.hit("a") == 0.0  # the event at t=0 slid out
    assert lim.hit("a") == pytest.approx(10.0)  # now the one at t=10 is the oldest


def test_sliding_window_prunes_idle_clients():
    now = [0.0]
    lim = SlidingWindowLimiter(1, 10.0, clock=lambda: now[0], max_keys=2)
    lim.hit("a"), lim.hit("b")
    now[0] = 20.0
    lim.hit("c")
    assert set(lim._events) == {"c"}


# ---------- chat ----------

def test_ask_renders_answer_with_linked_marker_and_sources(settings, store):
    svc, cb = chat(settings, store)
    box, messages, session, sources, notice = last(cb.ask(Q, Session(), "群众", req()))
    assert box == "" and notice == ""
    assert messages[0] == {"role": "user", "content": Q}
    assert "[\\[1\\]](#src-1-1)" in messages[1]["content"]
    assert 'id="src-1-1"' in sources and "<mark>" in sources and "第二十条" in sources
    assert svc.calls[-1][1] == "citizen" and len(session.turns) == 2


def test_ask_is_immediate_in_extractive_mode_and_streams_in_llm_mode(settings, store):
    _, cb = chat(settings, store)
    steps = list(cb.ask(Q, Session(), "工作人员", req()))
    # extractive: one update carrying the final answer, no "thinking" placeholder round trip
    assert len(steps) == 1 and "#src-1-1" in steps[0][1][-1]["content"]
    _, cb = chat(settings, store, llm=True)
    steps = list(cb.ask(Q, Session(), "工作人员", req()))
    assert steps[0][1][-1]["content"] == "正在查找依据……"
    partials = [s[1][-1]["content"] for s in steps[1:-1]]
    assert len(partials) >= 3 and all(p.endswith("▌") for p in partials)
    assert "#src-1-1" in steps[-1][1][-1]["content"]


def test_history_is_passed_on_follow_up(settings, store):
    svc, cb = chat(settings, store)
    _, _, session, _, _ = last(cb.ask(Q, Session(), "工作人员", req()))
    _, messages, session, sources, _ = last(cb.ask("罚没收入多少？", session, "工作人员", req()))
    assert [t.role for t in svc.calls[-1][2]] == ["user", "assistant"]
    assert "#src-2-1" in messages[-1]["content"]
    assert sources.index('id="turn-2"') < sources.index('id="turn-1"')  # newest first


def test_audience_labels_and_public_forces_citizen(settings, store):
    svc, cb = chat(settings, store)
    last(cb.ask(Q, Session(), "培训", req()))
    assert svc.calls[-1][1] == "trainer"
    svc, cb = chat(settings, store, public=True)
    last(cb.ask(Q, Session(), "工作人员", req()))
    assert svc.calls[-1][1] == "citizen"
    assert cb.examples("培训") == cb.examples(None)


def test_empty_question_gets_a_notice(settings, store):
    svc, cb = chat(settings, store)
    box, messages, _, _, notice = last(cb.ask("   ", Session(), None, req()))
    assert "请先输入问题" in notice and messages == [] and not svc.calls


def test_public_length_cap_keeps_the_question_and_explains(settings, store):
    svc, cb = chat(settings, store, public=True)
    long_q = "土地" * 30
    box, messages, _, _, notice = last(cb.ask(long_q, Session(), None, req()))
    assert box == long_q and messages == [] and not svc.calls
    assert "最多 40 个字，当前 60 个字" in notice


def test_public_rate_limit_per_client(settings, store):
    svc, cb = chat(settings, store, public=True)
    for _ in range(3):
        assert last(cb.ask(Q, Session(), None, req("1.1.1.1")))[4] == ""
    notice = last(cb.ask(Q, Session(), None, req("1.1.1.1")))[4]
    assert "提问太频繁" in notice and "每分钟最多 3 个问题" in notice and len(svc.calls) == 3
    assert last(cb.ask(Q, Session(), None, req("2.2.2.2")))[4] == ""
    _, cb_staff = chat(settings, store, public=False)
    assert all(last(cb_staff.ask(Q, Session(), None, req()))[4] == "" for _ in range(5))


def test_xss_payload_is_inert_everywhere(settings, store):
    _, cb = chat(settings, store, public=True)
    _, messages, _, sources, _ = last(cb.ask(XSS, Session(), None, req()))
    shown = messages[0]["content"] + messages[1]["content"] + sources
    assert "<img" not in shown and "&lt;img src=x onerror=alert\\(1\\)&gt;" in messages[0]["content"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in sources


def test_lawdesk_error_shown_unexpected_error_generic_and_logged(settings, store, caplog):
    svc, cb = chat(settings, store, public=True)
    svc.fail_with = LLMUnavailable("大模型暂时不可用，已改用原文摘录。")
    msg = last(cb.ask(Q, Session(), None, req()))[1][-1]["content"]
    assert "大模型暂时不可用" in msg
    svc.fail_with = RuntimeError("/secret/path/index.db exploded")
    with caplog.at_level(logging.ERROR, logger="lawdesk.ui"):
        msg = last(cb.ask(Q, Session(), None, req("9.9.9.9")))[1][-1]["content"]
    assert GENERIC_ERROR in msg and "/secret" not in msg and "exploded" in caplog.text


def test_answer_notices_shown_and_declined_logged_as_gap(settings, store):
    _, cb = chat(settings, store)
    _, messages, _, sources, _ = last(cb.ask("今天天气怎么样", Session(), None, req()))
    assert "> 提示：未找到依据" in messages[-1]["content"] and "可能相关" in sources
    assert [g.question for g in store.gaps()] == ["今天天气怎么样"]


def test_feedback_votes_are_stored(settings, store):
    _, cb = chat(settings, store, public=True)
    box, notice = cb.vote("up", "", Session())
    assert "请先提问" in notice and not store.recent()
    _, _, session, _, _ = last(cb.ask(Q, Session(), None, req()))
    box, notice = cb.vote("down", "没说清楚" * 20, session)
    assert box == "" and "感谢反馈" in notice
    [row] = store.recent()
    assert row.rating == "down" and row.audience == "citizen" and len(row.comment) == 40
    assert row.citations[0]["chunk_id"] == "fyf2023-20"
    assert [g.rating for g in store.gaps()] == ["down"]


def test_clear_resets(settings, store):
    _, cb = chat(settings, store)
    messages, session, sources, notice = cb.clear()
    assert messages == [] and session.answers == [] and "提问后" in sources


# ---------- browser and admin tabs ----------

def test_browser_jump_marks_article_and_selects_law(settings):
    cb = BrowserCallbacks(FakeService(settings))
    key, view, notice = cb.jump("土地管理法第47条")
    assert key == "法律|中华人民共和国土地管理法|2019-08-26" and notice == ""
    assert view.count("ld-target") == 2 and "第四十六条" in view
    key, view, notice = cb.jump("民法典第1条")
    assert key is None and "没有找到“民法典第1条”" in notice


def test_browser_show_law_and_report(settings):
    cb = BrowserCallbacks(FakeService(settings))
    choices = dict((v, k) for k, v in cb.choices())
    report_key = next(k for k in choices if k.startswith("工作报告|"))
    view, _ = cb.show(report_key)
    assert "一、主要工作举措及成效" in view and "233 条" in view
    view, _ = cb.show("法律|中华人民共和国行政复议法|2017-09-01")
    assert "第九条" in view and "第二十条" not in view
    assert cb.show(None) == ("", "")


def test_admin_upload_rebuild_and_feedback(settings, store, tmp_path):
    svc = FakeService(settings)
    cb = AdminCallbacks(svc, store)
    doc = tmp_path / "通知.md"
    doc.write_text("# 通知\n正文", encoding="utf-8")
    status, stats = cb.upload([str(doc)])
    assert "已添加 通知.md" in status and (settings.uploads_dir / "通知.md").exists() and "<table" in stats
    assert "只支持" in cb.upload([str(tmp_path / "a.exe")])[0]
    assert "请先选择" in cb.upload(None)[0]
    seen = []
    status, _ = cb.rebuild(lambda frac, desc: seen.append((frac, desc)))
    assert "索引已更新" in status and seen[-1] == (1.0, "完成")
    store.add("天气", "无", [], "citizen", None, declined=True)
    gaps, recent = cb.feedback()
    assert "天气" in gaps and "未能回答" in gaps and "天气" in recent


# ---------- page assembly ----------

def test_build_ui_staff_and_public_tabs(settings, store):
    from app.ui.app import build_ui, launch_options
    labels = lambda demo: {getattr(b, "label", None) for b in demo.blocks.values()}
    staff = labels(build_ui(FakeService(settings), public=False, store=store))
    public = labels(build_ui(FakeService(settings), public=True, store=store))
    assert {"问答", "法规浏览", "管理", "培训工具"} <= staff
    assert {"问答", "法规浏览"} <= public and not {"管理", "培训工具"} & public
    opts = launch_options(settings, public=True)
    assert opts["show_error"] is False and opts["footer_links"] == [] and "auth" not in opts
    staff_opts = launch_options(Settings(_env_file=None, staff_users="amy:pw1,bo:pw2"), public=False)
    assert staff_opts["auth"] == [("amy", "pw1"), ("bo", "pw2")] and staff_opts["show_error"] is True
    assert "auth" not in launch_options(Settings(_env_file=None, staff_users="amy:pw1"), public=True)
