"""Feedback log in SQLite: 👍/👎 with an optional comment, plus declined questions (the knowledge base's gaps).

Only what the user saw is stored (question, answer, citations, audience); never settings or keys. Every text
is masked on the way in (app.privacy.mask: phone, ID-card, bank-card numbers, e-mail, API keys), declined
questions included, so the staff's feedback view never shows a citizen's numbers.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from app.privacy import mask
from app.schema import Answer

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,
    audience TEXT NOT NULL,
    rating TEXT,            -- up | down | NULL (declined answer logged automatically)
    comment TEXT NOT NULL DEFAULT '',
    declined INTEGER NOT NULL DEFAULT 0
)
"""
RATINGS = ("up", "down", None)


def redact(text: str) -> str:
    """What is stored of a user's text: personal data and anything shaped like an API key masked."""
    return mask(text or "")


@dataclass(frozen=True)
class FeedbackRow:
    id: int
    created_at: str
    question: str
    answer: str
    citations: list
    audience: str
    rating: str | None
    comment: str
    declined: bool
    count: int = 1  # in gaps(): how many times the question was declined or voted down


class FeedbackStore:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=5)
        try:
            with db:  # commits, or rolls back on error
                yield db
        finally:
            db.close()

    def add(self, question: str, answer: str, citations: list[dict], audience: str,
            rating: str | None, comment: str = "", declined: bool = False) -> int:
        if rating not in RATINGS:
            raise ValueError(f"rating must be up, down or None, not {rating!r}")
        row = (_now(), redact(question), redact(answer), json.dumps(citations, ensure_ascii=False),
               audience, rating, redact(comment.strip()), int(declined))
        with self._lock, self._connect() as db:
            cur = db.execute(
                "INSERT INTO feedback (created_at, question, answer, citations, audience, rating,"
                " comment, declined) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
            return int(cur.lastrowid or 0)

    def add_answer(self, answer: Answer, rating: str | None, comment: str = "") -> int:
        return self.add(answer.question, answer.text, [c.to_json() for c in answer.citations],
                        answer.audience, rating, comment, answer.declined)

    def recent(self, limit: int = 50) -> list[FeedbackRow]:
        return self._select("1", limit)

    def gaps(self, limit: int = 100) -> list[FeedbackRow]:
        """Declined and thumbs-down questions, newest first, one row per question with its count:
        what the knowledge base fails to answer."""
        seen: dict[str, FeedbackRow] = {}
        for row in self._select("declined = 1 OR rating = 'down'", limit * 10):
            first = seen.get(row.question)
            seen[row.question] = replace(first, count=first.count + 1,
                                         comment=first.comment or row.comment) if first else row
        return list(seen.values())[:limit]

    def _select(self, where: str, limit: int) -> list[FeedbackRow]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT id, created_at, question, answer, citations, audience, rating, comment,"
                f" declined FROM feedback WHERE {where} ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [FeedbackRow(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], r[6], r[7], bool(r[8]))
                for r in rows]


def _now() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")
