"""Throttled staff login: ASGI middleware in front of Gradio's POST /login.

After `limit` failed logins in `window` seconds from one client, or for one account from anywhere, further
attempts get 429 with a Chinese message until the window has passed; nothing reaches the password check, so
guessing costs the attacker time, not the server CPU. A failure is Gradio's 400 "Incorrect credentials", or a 401
from the HTTP API (which takes a staff account too; counted per client).
"""
from __future__ import annotations

import math
import re
from urllib.parse import parse_qs

from app.ratelimit import SlidingWindowLimiter
from app.web.guard import API_PATHS, ASGIApp, Message, Receive, Scope, Send, header, read_limited, replay, respond

LOGIN_PATHS = ("/login", "/login/")
MAX_FORM = 16 * 1024
_MULTIPART_USER = re.compile(rb'name="username"\r\n(?:[^\r\n]+\r\n)*\r\n(.*?)\r\n', re.S)


def username(content_type: str, body: bytes) -> str:
    """The account named in a login form (urlencoded or multipart), or ""."""
    if "multipart/form-data" in content_type:
        m = _MULTIPART_USER.search(body)
        return m.group(1).decode("utf-8", "replace").strip() if m else ""
    values = parse_qs(body.decode("utf-8", "replace")).get("username") or [""]
    return values[0].strip()


class LoginThrottle:
    def __init__(self, app: ASGIApp, limit: int = 5, window: float = 300.0):
        self.app = app
        self.by_client = SlidingWindowLimiter(limit, window)
        self.by_account = SlidingWindowLimiter(limit * 2, window)  # one account, many addresses: a little more

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path")
        if scope["type"] == "http" and path in API_PATHS:
            await self._api(scope, receive, send)
            return
        if scope["type"] != "http" or scope.get("method") != "POST" or path not in LOGIN_PATHS:
            await self.app(scope, receive, send)
            return
        body = await read_limited(receive, MAX_FORM)
        if body is None:
            await respond(send, 413, "请求内容过大。")
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        account = "account:" + username(header(scope, b"content-type") or "", body)
        wait = max(self.by_client.wait(client), self.by_account.wait(account))
        if wait:
            await respond(send, 429, f"登录失败次数过多，请 {math.ceil(wait / 60)} 分钟后再试。",
                          ((b"retry-after", str(math.ceil(wait)).encode()),))
            return

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] in (400, 401):
                self.by_client.hit(client)
                self.by_account.hit(account)
            await send(message)

        await self.app(scope, replay(body, receive), watch)

    async def _api(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = (scope.get("client") or ("unknown", 0))[0]
        wait = self.by_client.wait(client)
        if wait:
            await respond(send, 429, f"登录失败次数过多，请 {math.ceil(wait / 60)} 分钟后再试。",
                          ((b"retry-after", str(math.ceil(wait)).encode()),))
            return

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 401:
                self.by_client.hit(client)
            await send(message)

        await self.app(scope, receive, watch)
