"""Requests and replies of the HTTP API, as pure functions: lawdesk's own /api/v1/ask and the OpenAI
chat-completions shapes (the answer text with its [n] markers as the message content, the citations in an extra
top-level field). Nothing here touches the network or the service.
"""
from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

from app.audiences import keys as audience_keys
from app.schema import Answer, Turn

MODEL = "lawdesk"
AUDIENCES = tuple(audience_keys())


class BadRequest(ValueError):
    """A request the API cannot take; the message is shown to the caller (Chinese)."""


@dataclass(frozen=True)
class Question:
    question: str
    history: tuple[Turn, ...]
    audience: str


def _text(content: Any) -> str:
    """An OpenAI message content: a string, or a list of parts of which the text parts count."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text")
    raise BadRequest("消息内容必须是文本。")


def _history(items: Any, max_turns: int, max_chars: int) -> tuple[Turn, ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise BadRequest("history 必须是列表：[{\"role\": \"user\", \"content\": \"…\"}]。")
    turns = []
    for item in items[-max_turns:] if max_turns > 0 else []:
        if not isinstance(item, dict) or item.get("role") not in ("user", "assistant"):
            raise BadRequest("history 中每一项都需要 role（user 或 assistant）和 content。")
        turns.append(Turn(item["role"], _text(item.get("content", ""))[:max_chars]))
    return tuple(turns)


def _object(raw: bytes) -> dict:
    try:
        body = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError) as err:
        raise BadRequest("请求体不是有效的 JSON。") from err
    if not isinstance(body, dict):
        raise BadRequest("请求体必须是 JSON 对象。")
    return body


def parse_ask(raw: bytes, default_audience: str, max_turns: int, max_chars: int) -> Question:
    """{"question", "history"?, "audience"?} -> Question."""
    body = _object(raw)
    question = body.get("question")
    if not isinstance(question, str) or not question.strip():
        raise BadRequest("请在 question 中给出问题。")
    audience = body.get("audience") or default_audience
    if audience not in AUDIENCES:
        raise BadRequest("audience 只能是 staff、trainer 或 citizen。")
    return Question(question.strip(), _history(body.get("history"), max_turns, max_chars), audience)


def parse_chat(raw: bytes, default_audience: str, max_turns: int, max_chars: int) -> tuple[Question, bool]:
    """An OpenAI chat request -> (Question, stream): the last user message is the question, earlier user and
    assistant messages the history (system messages are ignored: lawdesk writes its own)."""
    body = _object(raw)
    if body.get("model", MODEL) != MODEL:
        raise BadRequest(f"模型只能是 {MODEL}。")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise BadRequest("messages 不能为空。")
    talk = [m for m in messages if isinstance(m, dict) and m.get("role") in ("user", "assistant")]
    if not talk or talk[-1].get("role") != "user":
        raise BadRequest("最后一条消息必须是用户的问题（role 为 user）。")
    question = _text(talk[-1].get("content", "")).strip()
    if not question:
        raise BadRequest("问题不能为空。")
    history = _history([{"role": m["role"], "content": m.get("content", "")} for m in talk[:-1]],
                       max_turns, max_chars)
    return Question(question, history, default_audience), bool(body.get("stream", False))


def ask_json(answer: Answer) -> dict:
    """Exactly what `lawdesk ask --json` prints, with the answer's confidence."""
    d = answer.to_json()
    d.setdefault("confidence", getattr(answer, "confidence", "high"))
    return d


def _extra(answer: Answer) -> dict:
    return {"citations": [c.to_json() for c in answer.citations], "notices": list(answer.notices),
            "declined": answer.declined, "confidence": getattr(answer, "confidence", "high")}


def completion_id() -> str:
    return "chatcmpl-" + uuid.uuid4().hex[:24]


def completion(answer: Answer, cid: str | None = None) -> dict:
    return {"id": cid or completion_id(), "object": "chat.completion", "created": int(time.time()), "model": MODEL,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": answer.text},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}, **_extra(answer)}


def chunk(cid: str, delta: dict, finish: str | None = None, extra: dict | None = None) -> str:
    """One server-sent event of a streamed completion."""
    body = {"id": cid, "object": "chat.completion.chunk", "created": int(time.time()), "model": MODEL,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **(extra or {})}
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"


def stream_events(answer: Answer, cid: str, piece: int = 24) -> list[str]:
    """The answer after the opening role chunk: its text in pieces, then the end with the citations, then [DONE]."""
    events = [chunk(cid, {"content": answer.text[i:i + piece]}) for i in range(0, len(answer.text), piece)]
    return [*events, chunk(cid, {}, "stop", _extra(answer)), "data: [DONE]\n\n"]


def error(message: str, kind: str = "invalid_request_error", code: str | None = None) -> dict:
    """The OpenAI error shape; lawdesk's own endpoint answers {"detail": message}."""
    return {"error": {"message": message, "type": kind, "code": code}}


def models() -> dict:
    return {"object": "list", "data": [{"id": MODEL, "object": "model", "created": 0, "owned_by": "lawdesk"}]}
