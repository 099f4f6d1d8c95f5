"""The HTTP API on the page's server: POST /api/v1/ask, POST /v1/chat/completions (OpenAI-compatible, model
"lawdesk", streaming or not), GET /v1/models.

On the public server every question passes the page's gates (app.gates: length cap, per-client rate limit and
concurrency cap, the same counters as the page) and is answered for citizens. On the staff server with logins
configured, a staff account is required: HTTP Basic, or `Authorization: Bearer user:password` (what an OpenAI
client sends as its api_key).
"""
from __future__ import annotations

import base64
import hmac
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse

from app.audiences import DEFAULT, PUBLIC
from app.errors import LawdeskError
from app.gates import BUSY, Limit, PublicGates, Refusal
from app.schema import Answer
from app.web import openai_format as fmt

log = logging.getLogger("lawdesk.api")
GENERIC_ERROR = "抱歉，系统暂时无法回答这个问题，请稍后再试。"
CONCURRENCY = 8  # answers computed at once through the API (the page's queue has its own 8)
STAFF_MAX_CHARS = 2000


@dataclass
class ApiContext:
    service: Any  # LawdeskService or a test fake with the same ask()
    gates: PublicGates
    public: bool
    logins: dict[str, str]
    limiter: anyio.CapacityLimiter


class Refused(Exception):
    def __init__(self, status: int, message: str, kind: str = "invalid_request_error", retry_after: float = 0):
        super().__init__(message)
        self.status, self.message, self.kind, self.retry_after = status, message, kind, retry_after


def _status(refusal: Refusal) -> Refused:
    if refusal.limit is Limit.TOO_LONG:
        return Refused(413, refusal.message)
    return Refused(429, refusal.message, "rate_limit_exceeded", refusal.retry_after)


def _authorized(ctx: ApiContext, request: Request) -> bool:
    if ctx.public or not ctx.logins:
        return True
    scheme, _, value = (request.headers.get("authorization") or "").partition(" ")
    if scheme.lower() == "basic":
        try:
            value = base64.b64decode(value, validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return False
    elif scheme.lower() != "bearer":
        return False
    user, _, password = value.partition(":")
    expected = ctx.logins.get(user)
    return expected is not None and hmac.compare_digest(expected.encode(), password.encode())


async def _answer(ctx: ApiContext, request: Request, q: fmt.Question) -> Answer:
    """The gates, then the service in a worker thread; raises Refused."""
    client = request.client.host if request.client else "unknown"
    limit = ctx.gates.max_chars if ctx.public else STAFF_MAX_CHARS
    if len(q.question) > limit:
        raise Refused(413, f"问题太长了：最多 {limit} 个字，当前 {len(q.question)} 个字。")
    refusal = ctx.gates.question(q.question, client) if ctx.public else None
    if refusal:
        raise _status(refusal)
    with ctx.gates.answering(client) if ctx.public else _always() as ok:
        if not ok:
            raise Refused(429, BUSY.message, "rate_limit_exceeded", BUSY.retry_after)
        audience = str(PUBLIC) if ctx.public else q.audience
        try:
            return await anyio.to_thread.run_sync(ctx.service.ask, q.question, q.history, audience,
                                                  limiter=ctx.limiter)
        except LawdeskError as err:
            raise Refused(503, str(err), "service_unavailable") from err
        except Exception as err:
            log.exception("answering through the API failed")
            raise Refused(500, GENERIC_ERROR, "server_error") from err


class _always:
    def __enter__(self) -> bool:
        return True

    def __exit__(self, *exc: object) -> None:
        return None


def _refused(err: Refused, openai: bool) -> JSONResponse:
    headers = {"Retry-After": str(max(1, round(err.retry_after)))} if err.retry_after else None
    body = fmt.error(err.message, err.kind) if openai else {"detail": err.message}
    return JSONResponse(body, status_code=err.status, headers=headers)


def api_router(service, gates: PublicGates, public: bool) -> APIRouter:
    s = service.settings
    ctx = ApiContext(service, gates, public, dict(s.staff_logins()), anyio.CapacityLimiter(CONCURRENCY))
    default_audience = str(PUBLIC) if public else str(DEFAULT)
    router = APIRouter()

    def parse(parser: Callable, raw: bytes):
        return parser(raw, default_audience, s.max_history_turns, s.max_turn_chars)

    @router.post("/api/v1/ask")
    async def ask(request: Request):
        try:
            if not _authorized(ctx, request):
                raise Refused(401, "需要工作人员账号。", "authentication_error")
            answer = await _answer(ctx, request, parse(fmt.parse_ask, await request.body()))
        except fmt.BadRequest as err:
            return JSONResponse({"detail": str(err)}, status_code=400)
        except Refused as err:
            return _refused(err, openai=False)
        return JSONResponse(fmt.ask_json(answer))

    @router.post("/v1/chat/completions")
    async def chat(request: Request):
        try:
            if not _authorized(ctx, request):
                raise Refused(401, "需要工作人员账号。", "authentication_error")
            q, stream = parse(fmt.parse_chat, await request.body())
            if not stream:
                return JSONResponse(fmt.completion(await _answer(ctx, request, q)))
            answer = await _answer(ctx, request, q)
        except fmt.BadRequest as err:
            return JSONResponse(fmt.error(str(err)), status_code=400)
        except Refused as err:
            return _refused(err, openai=True)
        return StreamingResponse(_events(answer), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache"})

    @router.get("/v1/models")
    async def models():
        return JSONResponse(fmt.models())

    return router


async def _events(answer: Answer) -> AsyncIterator[str]:
    """The verified answer as OpenAI chunks. An LLM's raw partial text is not streamed: verification may still
    remove sentences from it, and a stream cannot take back what it has sent."""
    cid = fmt.completion_id()
    yield fmt.chunk(cid, {"role": "assistant", "content": ""})
    for event in fmt.stream_events(answer, cid):
        yield event
