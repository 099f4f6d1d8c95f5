"""The served application: our own FastAPI app with the guard middleware and the HTTP API, the Gradio page
mounted at "/", run by uvicorn with its proxy-header rewriting off (app.web.guard decides who the client is).

    app, demo = build_app(service, public)
    running = start(service, host, port, public)   # in a thread, for tests: running.url, running.close()
    run(service, host, port, public)               # blocks: `lawdesk serve`
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import gradio as gr
import uvicorn
from fastapi import FastAPI

from app.gates import PublicGates
from app.logs import mask_library_logs, mask_stderr
from app.ui.app import launch_options, prepare
from app.web.api import api_router
from app.web.clients import parse_networks
from app.web.guard import Guard, GuardPolicy
from app.web.login import LoginThrottle

log = logging.getLogger("lawdesk.web")
def policy(settings, public: bool) -> GuardPolicy:
    return GuardPolicy(public=public, trusted=parse_networks(settings.trusted_proxy_list()),
                       max_body=settings.max_request_kb * 1024, max_upload=settings.max_upload_mb * 1024 * 1024,
                       frame_ancestors=settings.frame_ancestors, api_enabled=settings.api_enabled)


def build_app(service, public: bool, host: str = "127.0.0.1", port: int = 7860, **ui) -> tuple[FastAPI, gr.Blocks]:
    """`ui` goes to build_ui (store=...)."""
    settings = service.settings
    gates = PublicGates.from_settings(settings)
    demo = prepare(service, public, gates=gates, **ui)
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    if settings.api_enabled:
        app.include_router(api_router(service, gates, public))  # before the mount: "/" would match everything
    gr.mount_gradio_app(app, demo, "/", server_name=host, server_port=port, app_kwargs={"openapi_url": None},
                        enable_monitoring=False if public else None, **launch_options(settings, public))
    if public:
        config: dict = demo.config  # type: ignore[assignment]
        config.pop("version", None)  # the page itself does not need it (its assets carry their own)
    if not public and settings.staff_logins():
        app.add_middleware(LoginThrottle, limit=settings.login_max_failures)
    app.add_middleware(Guard, policy=policy(settings, public))  # added last: the outermost layer
    return app, demo


def _config(app: FastAPI, host: str, port: int) -> uvicorn.Config:
    # proxy_headers off: uvicorn would otherwise trust X-Forwarded-For from 127.0.0.1 (any local client)
    return uvicorn.Config(app, host=host, port=port, proxy_headers=False, server_header=False,
                          log_level="warning", timeout_graceful_shutdown=5)


@dataclass
class Running:
    url: str
    server: uvicorn.Server
    thread: threading.Thread
    demo: gr.Blocks

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)


def start(service, host: str = "127.0.0.1", port: int = 7860, public: bool = False, **ui) -> Running:
    """Serves in a background thread until close(); returns once the server accepts connections."""
    app, demo = build_app(service, public, host, port, **ui)
    server = uvicorn.Server(_config(app, host, port))
    thread = threading.Thread(target=server.run, daemon=True, name="lawdesk-web")
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"服务未能在 {host}:{port} 启动")
        time.sleep(0.01)
    mask_library_logs(service.settings)
    return Running(f"http://{host}:{port}/", server, thread, demo)


def run(service, host: str = "127.0.0.1", port: int = 7860, public: bool = False) -> None:
    app, _ = build_app(service, public, host, port)
    server = uvicorn.Server(_config(app, host, port))
    mask_library_logs(service.settings)
    mask_stderr(service.settings)  # Gradio prints failed calls' tracebacks, payload included, to stderr
    print(f"lawdesk {'公众' if public else '工作人员'}页面：http://{host}:{port}/", flush=True)
    log.info("serving %s page on http://%s:%s", "public" if public else "staff", host, port)
    server.run()
