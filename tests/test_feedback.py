"""app.feedback: SQLite feedback log and the knowledge-base gaps."""
import sqlite3

import pytest

from app.feedback import FeedbackStore, redact
from tests.fake_service import FakeService


@pytest.fixture
def store(tmp_path):
    return FeedbackStore(tmp_path / "sub" / "feedback.sqlite3")


def test_add_and_recent_roundtrip(store):
    answer = FakeService().ask("申请行政复议的期限是多长？", audience="citizen")
    rid = store.add_answer(answer, "up", "  很清楚  ")
    [row] = store.recent()
    assert row.id == rid and row.rating == "up" and row.comment == "很清楚"
    assert row.question == answer.question and row.answer == answer.text and row.audience == "citizen"
    assert row.citations[0]["article"] == "第二十条" and row.citations[0]["version"] == "2023-09-01"
    assert row.created_at[:2] == "20" and not row.declined


def test_gaps_are_declined_and_thumbs_down(store):
    svc = FakeService()
    store.add_answer(svc.ask("期限 复议"), "up")
    store.add_answer(svc.ask("罚没收入多少"), "down", "数字不对")
    store.add_answer(svc.ask("天气怎么样"), None)  # declined, logged automatically
    gaps = store.gaps()
    assert [g.question for g in gaps] == ["天气怎么样", "罚没收入多少"]
    assert gaps[0].declined and gaps[1].comment == "数字不对"
    assert len(store.recent(limit=2)) == 2
    store.add_answer(svc.ask("天气怎么样"), "down", "希望能回答")  # same gap again: one row, counted
    gaps = store.gaps()
    assert [(g.question, g.count) for g in gaps] == [("天气怎么样", 2), ("罚没收入多少", 1)]
    assert gaps[0].comment == "希望能回答"


def test_bad_rating_rejected(store):
    with pytest.raises(ValueError):
        store.add("q", "a", [], "staff", "meh")


def test_api_keys_never_stored(store, tmp_path):
    key = "sk-proj-ABCDEFGHIJKLMNOPQRSTUV123456"
    store.add(f"我的密钥 {key}", "a", [], "staff", "down", comment=f"Bearer {key}")
    raw = sqlite3.connect(store.path).execute("SELECT * FROM feedback").fetchall()
    assert key not in repr(raw) and "[已隐去]" in repr(raw)
    assert redact("普通问题") == "普通问题"


def test_store_reopens_existing_db(store):
    store.add("q", "a", [], "staff", "up")
    assert len(FeedbackStore(store.path).recent()) == 1
