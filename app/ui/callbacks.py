"""Gradio callbacks: each a few lines calling the service, rendering through app.render.

They take and return plain values, so tests call them directly against a fake service.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from app import render
from app.audiences import AUDIENCES as REGISTRY
from app.audiences import DEFAULT, PUBLIC
from app.crossref import TableCache, related_articles
from app.errors import LawdeskError
from app.feedback import FeedbackStore
from app.gates import BUSY, PublicGates
from app.ratelimit import SlidingWindowLimiter
from app.schema import Answer, Turn

log = logging.getLogger("lawdesk.ui")

AUDIENCES = {spec.label: str(key) for key, spec in REGISTRY.items()}  # radio label -> audience key
EXAMPLES = {str(key): list(spec.examples) for key, spec in REGISTRY.items()}
THINKING = "正在查找依据……"
GENERIC_ERROR = "抱歉，系统暂时无法回答这个问题，请稍后再试。"
EMPTY_QUESTION = "请先输入问题。"


@dataclass
class Session:
    """One browser session's conversation: what the Chatbot shows and what the service needs."""

    messages: list[dict] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)  # rendered sources, one per answer


def client_key(request: Any) -> str:
    client = getattr(request, "client", None)
    return getattr(client, "host", None) or "unknown"


class ChatCallbacks:
    def __init__(self, service, store: FeedbackStore, public: bool,
                 limiter: SlidingWindowLimiter | None = None, gates: PublicGates | None = None):
        s = service.settings
        self.service, self.store, self.public = service, store, public
        self.max_chars, self.per_minute = s.public_max_chars, s.public_rate_per_minute
        self.limiter = limiter or SlidingWindowLimiter(s.public_rate_per_minute, 60.0)
        self.tables = TableCache()  # cross-reference targets of the loaded index, for the sources panel
        self.max_turns = s.max_history_turns
        self.gates = gates or PublicGates.from_settings(s)  # shared with the HTTP API when served
        self.limiter = limiter or self.gates.questions

    def audience(self, label: str | None) -> str:
        return str(PUBLIC) if self.public else AUDIENCES.get(label or "", str(DEFAULT))

    def examples(self, label: str | None) -> list[list[str]]:
        return [[q] for q in EXAMPLES[self.audience(label)]]

    def gate(self, question: str, request: Any) -> str | None:
        """Public-page limits: a message for the user, or None when the question may go ahead."""
        if not self.public:
            return None
        refusal = self.gates.question(question, client_key(request), self.limiter)
        return refusal.message if refusal else None

    def ask(self, question: str, session: Session, audience_label: str | None = None,
            request: Any = None) -> Iterator[tuple]:
        """Yields (textbox, chatbot, session, sources panel, notice) as the answer arrives."""
        q = (question or "").strip()
        if not self.public:
            yield from self._ask(q, question, session, audience_label)
            return
        with self.gates.answering(client_key(request)) as ok:
            if ok:
                yield from self._ask(q, question, session, audience_label, request)
            else:
                yield question, list(session.messages), session, render.sources_panel(session.blocks), \
                    render.notices_html([BUSY.message])

    def _ask(self, q: str, question: str, session: Session, audience_label: str | None,
             request: Any = None) -> Iterator[tuple]:
        problem = EMPTY_QUESTION if not q else self.gate(q, request)
        if problem:
            yield question, list(session.messages), session, render.sources_panel(session.blocks), \
                render.notices_html([problem])
            return
        session.messages += [{"role": "user", "content": render.question_markdown(q)},
                             {"role": "assistant", "content": THINKING}]
        if self.service.llm_enabled:  # extractive answers arrive at once: one update instead of two
            yield "", list(session.messages), session, render.sources_panel(session.blocks), ""
        for content, notice in self._stream(q, session, self.audience(audience_label)):
            session.messages[-1] = {"role": "assistant", "content": content}
            yield "", list(session.messages), session, render.sources_panel(session.blocks), notice

    def _stream(self, q: str, session: Session, audience: str) -> Iterator[tuple[str, str]]:
        """(message content, notice) pairs: partial text, then the final rendered answer."""
        partial, answer = "", None
        try:
            for item in self.service.ask_stream(q, list(session.turns)[-self.max_turns:], audience):
                if isinstance(item, Answer):
                    answer = item
                else:
                    partial += item
                    yield render.partial_markdown(partial), ""
        except LawdeskError as e:
            yield render.notice_markdown(str(e)), ""
            return
        except Exception:
            log.exception("answering failed")
            yield render.notice_markdown(GENERIC_ERROR), ""
            return
        if answer is None:
            yield render.notice_markdown(GENERIC_ERROR), ""
            return
        yield self._finish(answer, session), ""

    def _finish(self, answer: Answer, session: Session) -> str:
        turn = len(session.answers) + 1
        contexts = {c.chunk.chunk_id: self._context(c.chunk.chunk_id) for c in answer.citations}
        chunks = getattr(self.service, "chunks", None)
        table = self.tables.get(chunks) if chunks else None
        related = {c.chunk.chunk_id: related_articles(c.chunk, chunks, table) for c in answer.citations} if chunks else {}
        session.answers.append(answer)
        session.blocks.append(render.sources_block(answer, turn, contexts, related, table))
        session.turns += [Turn("user", answer.question), Turn("assistant", answer.text)]
        if answer.declined:
            self._record(answer, None)
        return render.answer_markdown(answer, turn)

    def _context(self, chunk_id: str) -> list:
        try:
            return self.service.context(chunk_id)
        except Exception:
            log.exception("context lookup failed for %s", chunk_id)
            return []

    def _record(self, answer: Answer, rating: str | None, comment: str = "") -> bool:
        try:
            self.store.add_answer(answer, rating, comment)
            return True
        except Exception:
            log.exception("storing feedback failed")
            return False

    def vote(self, rating: str, comment: str, session: Session, request: Any = None) -> tuple[str, str]:
        """👍/👎 on the latest answer; returns (comment box, notice). Public: rate-limited per client."""
        if not session.answers:
            return comment, render.notices_html(["请先提问，再对回答进行评价。"])
        refusal = self.gates.vote(client_key(request)) if self.public else None
        if refusal:
            return comment, render.notices_html([refusal.message])
        text = (comment or "").strip()[: self.max_chars if self.public else 2000]
        ok = self._record(session.answers[-1], rating, text)
        return ("", render.notices_html(["感谢反馈，已记录。"])) if ok else \
            (comment, render.notices_html(["反馈暂时无法保存，请稍后再试。"]))

    def clear(self) -> tuple[list, Session, str, str]:
        return [], Session(), render.sources_panel([]), ""

    def header(self) -> str:
        try:
            return render.header_html(self.service.stats(), self.public, self.service.scope.title)
        except Exception:
            log.exception("stats failed")
            return render.header_html(None, self.public, self.service.scope.title)
