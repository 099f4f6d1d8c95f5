"""ASGI middleware in front of the whole server (Gradio page and HTTP API), before anything parses a request:

1. client identity: scope["client"] becomes the address from app.web.clients (trusted proxies only), so Gradio's
   gr.Request.client, the API and every limit see the same key;
2. public server: only the routes the page and the API need (an allowlist); upload, file serving, direct
   /run and /api calls, monitoring, OpenAPI, recording and the rest answer 404;
3. request size: Content-Length above the limit gets 413 at once; a body without Content-Length (chunked) is
   read up to the limit and refused with 413 as soon as it passes it, then replayed to the app;
4. security headers on every response (X-Frame-Options or CSP frame-ancestors, CSP, nosniff, Referrer-Policy).
"""
from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from app.web.clients import Network, client_address

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UPLOAD_PATH = "/gradio_api/upload"
# What the public page and the API use; everything else of Gradio's (upload, file=, run/, api/, call/, monitoring,
# openapi.json, process_recording, proxy=, stream/, runs, vibe-*) is not reachable there.
PUBLIC_EXACT = frozenset({
    "/", "/config", "/config/", "/theme.css", "/favicon.ico", "/robots.txt", "/manifest.json",
    "/gradio_api/queue/join", "/gradio_api/queue/data", "/gradio_api/cancel", "/gradio_api/reset",
    "/gradio_api/reset/", "/gradio_api/startup-events", "/gradio_api/app_id", "/gradio_api/app_id/",
    "/gradio_api/info", "/gradio_api/info/", "/gradio_api/theme.css", "/gradio_api/user", "/gradio_api/user/",
    "/gradio_api/login_check", "/gradio_api/login_check/",
})
PUBLIC_PREFIXES = ("/assets/", "/static/", "/svelte/", "/gradio_api/heartbeat/")
API_PATHS = frozenset({"/api/v1/ask", "/v1/chat/completions", "/v1/models"})
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self' data: blob:; "
       "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors {ancestors}")


@dataclass(frozen=True)
class GuardPolicy:
    public: bool
    trusted: tuple[Network, ...] = ()
    max_body: int = 64 * 1024
    max_upload: int = 50 * 1024 * 1024  # staff server's upload route only
    frame_ancestors: str = ""  # empty: nobody may frame the page
    api_enabled: bool = True
    headers: tuple[tuple[bytes, bytes], ...] = field(init=False)

    def __post_init__(self) -> None:
        ancestors = self.frame_ancestors.strip() or "'none'"
        hdrs = [(b"content-security-policy", CSP.format(ancestors=ancestors).encode()),
                (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
        if not self.frame_ancestors.strip():
            hdrs.append((b"x-frame-options", b"DENY"))
        object.__setattr__(self, "headers", tuple(hdrs))

    def allowed(self, path: str) -> bool:
        if path in API_PATHS:
            return self.api_enabled
        if not self.public:
            return True
        return path in PUBLIC_EXACT or path.startswith(PUBLIC_PREFIXES)

    def body_limit(self, path: str) -> int:
        return self.max_upload if not self.public and path.rstrip("/") == UPLOAD_PATH else self.max_body


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers") or ():
        if key == name:
            return value.decode("latin-1")
    return None


class Guard:
    def __init__(self, app: ASGIApp, policy: GuardPolicy):
        self.app, self.policy = app, policy
        self._clients: dict[tuple[str, str | None], str] = {}  # parsing addresses costs ~50 µs; clients repeat

    def client(self, peer: str, forwarded_for: str | None) -> str:
        key = (peer, forwarded_for)
        host = self._clients.get(key)
        if host is None:
            if len(self._clients) >= 4096:
                self._clients.clear()
            host = self._clients[key] = client_address(peer, forwarded_for, self.policy.trusted)
        return host

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        peer = scope.get("client") or ("unknown", 0)
        host = self.client(peer[0], header(scope, b"x-forwarded-for"))
        scope = {**scope, "client": (host, peer[1])}
        path = scope.get("path", "")
        if scope["type"] == "websocket":
            if self.policy.allowed(path):
                await self.app(scope, receive, send)
            else:
                await send({"type": "websocket.close", "code": 1008})
            return
        send = self._with_headers(send)
        if not self.policy.allowed(path):
            await respond(send, 404, "Not Found")
            return
        limit = self.policy.body_limit(path)
        length = header(scope, b"content-length")
        if length is not None:
            if not length.isdigit() or int(length) > limit:
                await respond(send, 413, "请求内容过大。")
                return
            await self.app(scope, receive, send)
            return
        if scope.get("method") in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        body = await read_limited(receive, limit)
        if body is None:
            await respond(send, 413, "请求内容过大。")
            return
        await self.app(scope, replay(body, receive), send)

    def _with_headers(self, send: Send) -> Send:
        extra = self.policy.headers

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", ())}
                message["headers"] = [*message.get("headers", ()), *(h for h in extra if h[0] not in names)]
            await send(message)

        return wrapped


async def read_limited(receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None as soon as it passes `limit` bytes (the rest is never read)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"".join(chunks)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def again() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: the disconnect, when it comes

    return again


async def respond(send: Send, status: int, detail: str, extra: tuple[tuple[bytes, bytes], ...] = ()) -> None:
    body = json.dumps({"detail": detail}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), (b"connection", b"close"), *extra]})
    await send({"type": "http.response.body", "body": body})
