"""Start the real served application (app.web.server) on a free loopback port, in-process, for raw-HTTP tests."""
from __future__ import annotations

import socket
from contextlib import contextmanager
from pathlib import Path

from app.web.server import start
from tests.fake_service import FakeService, fake_settings
from tests.test_ui_e2e import free_port


@contextmanager
def served(tmp: Path, public: bool, service=None, **settings):
    """Yields (base url without the trailing slash, service) of a running server; closes it afterwards."""
    service = service or FakeService(fake_settings(tmp, **settings))
    running = start(service, "127.0.0.1", free_port(), public)
    try:
        yield running.url.rstrip("/"), service
    finally:
        running.close()


def raw_request(url: str, head: str, body_chunks=(), read: int = 65536) -> bytes:
    """Sends a hand-written request (head without the final blank line), then body chunks until the server stops
    reading; returns what the server answered."""
    host, port = url.split("//", 1)[1].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(head.encode() + b"\r\n\r\n")
        try:
            for chunk in body_chunks:
                s.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = b""
        try:
            while len(data) < read:
                got = s.recv(read)
                if not got:
                    break
                data += got
                if b"\r\n\r\n" in data and b'"detail"' in data:
                    break
        except (ConnectionResetError, TimeoutError):
            pass
        return data


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
