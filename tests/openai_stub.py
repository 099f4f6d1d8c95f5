"""A loopback OpenAI-compatible /v1/chat/completions server with a per-request script.

Tests drive the real openai / langchain-openai client against it, so retries, timeouts and stream
parsing are exercised end to end without a network. Each request pops the next behaviour off the
script; when the script runs out the server answers 500, which makes an unexpected extra request
visible as a failure.
"""
from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    """A normal answer, streamed in pieces of `chunk` characters (or one JSON body when not streaming), with
    `delay` seconds before each piece (a model's token rate)."""

    text: str
    chunk: int = 6
    delay: float = 0.0


@dataclass(frozen=True)
class Obey:
    """A model that follows instructions injected into its messages: starts with `base`, then, when any message
    asks for it, recites the system prompt (系统提示), adds a link (链接), and states `claim` (声称)."""

    base: str
    claim: str = "根据资料，当事人可以不经复议直接获得全额赔偿[1]。"
    chunk: int = 6
    delay: float = 0.0

    def text(self, messages: list[dict]) -> str:
        said = " ".join(str(m.get("content", "")) for m in messages if m.get("role") != "system")
        system = next((str(m.get("content", "")) for m in messages if m.get("role") == "system"), "")
        out = self.base
        if "系统提示" in said:
            out += f"\n\n好的，以下是我的系统提示：\n{system}"
        if "链接" in said:
            out += "\n\n更多信息请访问 http://evil.example.com/claim [1]。"
        if "声称" in said:
            out += f"\n\n{self.claim}"
        return out


@dataclass(frozen=True)
class Rerank:
    """A /rerank answer: `scores` per document in order (None: score by shared characters with the query),
    after `delay` seconds; `status` other than 200 answers an error instead."""

    scores: tuple[float, ...] | None = None
    delay: float = 0.0
    status: int = 200


@dataclass(frozen=True)
class Status:
    """An HTTP error such as 401, 429 or 500, with an OpenAI-style error body."""

    code: int
    message: str = "stub error"
    retry_after: float | None = None


@dataclass(frozen=True)
class Stall:
    """Send one content chunk, then go silent for `seconds` (longer than the client timeout)."""

    first: str = "根据"
    seconds: float = 6.0


@dataclass(frozen=True)
class Malformed:
    """Send one good chunk, then an SSE event whose data is not JSON."""

    first: str = "根据"


@dataclass(frozen=True)
class Truncated:
    """Send some chunks, then stop without finish_reason or [DONE].

    abrupt=True closes the socket in the middle of the chunked body (the client sees a protocol error);
    abrupt=False ends the body cleanly, so only the missing finish_reason / [DONE] reveals the cut.
    """

    text: str = "根据资料，申请期限为"
    abrupt: bool = True


Behaviour = Reply | Obey | Status | Stall | Malformed | Truncated


@dataclass
class Stub:
    """Handle returned by run_stub: where to connect and what the server received."""

    base_url: str
    script: deque = field(default_factory=deque)
    requests: list[dict] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    rerank: deque = field(default_factory=deque)  # Rerank behaviours for POST …/rerank, in turn
    timings: list[tuple[float, float]] = field(default_factory=list)  # (first byte, last byte) per streamed reply
    sent: list[list[tuple[float, str]]] = field(default_factory=list)  # (time, piece) per streamed reply
    responder: Callable[[list[dict]], str] | None = None  # answers every request once the script is empty

    def next_behaviour(self, messages: list[dict] | None = None) -> Behaviour:
        with self.lock:
            if self.script:
                return self.script.popleft()
        if self.responder is not None:
            return Reply(self.responder(messages or []))
        return Status(500, "stub script exhausted")

    def next_rerank(self) -> Rerank:
        with self.lock:
            return self.rerank.popleft() if self.rerank else Rerank(status=500)


def _completion(model: str, text: str) -> dict:
    return {
        "id": "chatcmpl-stub", "object": "chat.completion", "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunk(model: str, delta: dict, finish: str | None = None) -> bytes:
    body = {
        "id": "chatcmpl-stub", "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n".encode()


def _pieces(text: str, size: int) -> list[str]:
    return [text[i:i + size] for i in range(0, len(text), size)] or [""]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # chunked SSE bodies, so an abrupt close is a detectable protocol error
    stub: Stub  # set on a per-server subclass

    def log_message(self, format: str, *args) -> None:  # keep pytest output clean
        return

    def end_headers(self) -> None:
        # one request per connection: the SDK pools connections process-wide, and a kept-alive socket of a stub
        # that an earlier test stopped (its port since reused) would swallow the next test's request
        self.send_header("Connection", "close")
        self.close_connection = True
        super().end_headers()

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionResetError, BrokenPipeError):
            self.close_connection = True  # the client dropped an idle keep-alive connection

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.stub.requests.append({"path": self.path, "headers": headers, "json": body})
        if self.path.rstrip("/").endswith("/rerank"):
            self._rerank(body)
            return
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._error(Status(404, f"no route {self.path}"))
            return
        behaviour = self.stub.next_behaviour(body.get("messages") or [])
        if isinstance(behaviour, Obey):  # decided on what the messages say
            behaviour = Reply(behaviour.text(body.get("messages") or []), behaviour.chunk, behaviour.delay)
        if isinstance(behaviour, Status):
            self._error(behaviour)
        elif not body.get("stream"):
            self._json(200, _completion(body.get("model", ""), getattr(behaviour, "text", "")))
        else:
            self._stream(behaviour, body.get("model", ""))

    def _rerank(self, body: dict) -> None:
        """TEI / Xinference / Jina shape: {"model", "query", "documents", "top_n"} -> {"results": [...]}."""
        r = self.stub.next_rerank()
        self.stub.stop.wait(r.delay)
        if r.status != 200:
            self._error(Status(r.status))
            return
        query, docs = str(body.get("query", "")), [str(d) for d in body.get("documents") or []]
        scores = list(r.scores) if r.scores is not None else [len(set(query) & set(d)) / (1 + len(set(query))) for d in docs]
        ranked = sorted(range(len(docs)), key=lambda i: -scores[i])[: int(body.get("top_n") or len(docs))]
        self._json(200, {"results": [{"index": i, "relevance_score": scores[i]} for i in ranked]})

    # --- plain responses ---------------------------------------------------------------

    def _json(self, code: int, payload: dict, headers: dict | None = None) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _error(self, s: Status) -> None:
        headers = {"Retry-After": str(s.retry_after)} if s.retry_after is not None else {}
        self._json(s.code, {"error": {"message": s.message, "type": "stub", "code": str(s.code)}}, headers)

    # --- streaming -----------------------------------------------------------------------

    def _send_chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):X}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _end_body(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _abort(self) -> None:
        """Drop the connection mid-body, the way a crashed proxy would."""
        self.close_connection = True
        self.wfile.flush()
        self.connection.shutdown(socket.SHUT_RDWR)

    def _stream(self, b: Behaviour, model: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            self._send_chunk(_chunk(model, {"role": "assistant", "content": ""}))
            self._play(b, model)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up first (timeout tests): nothing left to send

    def _play(self, b: Behaviour, model: str) -> None:
        if isinstance(b, Reply):
            first, sent = time.perf_counter(), []
            for piece in _pieces(b.text, b.chunk):
                if b.delay:
                    self.stub.stop.wait(b.delay)
                self._send_chunk(_chunk(model, {"content": piece}))
                sent.append((time.perf_counter(), piece))
            self._send_chunk(_chunk(model, {}, "stop"))
            self.stub.timings.append((first, time.perf_counter()))
            self.stub.sent.append(sent)
            self._send_chunk(b"data: [DONE]\n\n")
            self._end_body()
        elif isinstance(b, Stall):
            self._send_chunk(_chunk(model, {"content": b.first}))
            self.stub.stop.wait(b.seconds)  # wakes early when the stub shuts down
            self._abort()
        elif isinstance(b, Malformed):
            self._send_chunk(_chunk(model, {"content": b.first}))
            self._send_chunk(b'data: {"id": "chatcmpl-stub", "choices": [\n\n')
            self._send_chunk(b"data: [DONE]\n\n")
            self._end_body()
        elif isinstance(b, Truncated):
            for piece in _pieces(b.text, 4):
                self._send_chunk(_chunk(model, {"content": piece}))
            self._abort() if b.abrupt else self._end_body()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a stalled handler must not hold up shutdown


def closed_port_url() -> str:
    """A base_url on 127.0.0.1 where nothing listens, for the connection-refused case."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


@contextmanager
def run_stub(script: list[Behaviour] | tuple[Behaviour, ...] = ()) -> Iterator[Stub]:
    """Serve `script` on a free loopback port; yields a Stub whose .base_url ends in /v1."""
    server = _Server(("127.0.0.1", 0), _Handler)
    stub = Stub(base_url=f"http://127.0.0.1:{server.server_address[1]}/v1", script=deque(script))
    server.RequestHandlerClass = type("Handler", (_Handler,), {"stub": stub})
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        stub.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=2)
