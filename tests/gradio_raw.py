"""Raw HTTP against a served Gradio page: what a script (or an attacker) does without gradio_client.

    page = RawPage(url, headers={"X-Forwarded-For": "1.2.3.4"})
    out = page.call("ask", ["问题", None, None])      # the event's outputs, or None when refused
"""
from __future__ import annotations

import json
import uuid

import httpx


class RawPage:
    def __init__(self, url: str, headers: dict | None = None, session: str | None = None):
        self.url = url.rstrip("/")
        self.http = httpx.Client(headers=headers or {}, timeout=20)
        self.session = session or uuid.uuid4().hex[:11]
        config = self.http.get(self.url + "/config").json()
        self.deps = {d.get("api_name"): d for d in config["dependencies"]}

    def join(self, api_name: str, data: list) -> httpx.Response:
        dep = self.deps[api_name]
        body = {"data": data, "event_data": None, "fn_index": dep["id"], "trigger_id": dep["targets"][0][0],
                "session_hash": self.session}
        return self.http.post(self.url + "/gradio_api/queue/join", json=body)

    def call(self, api_name: str, data: list) -> list | None:
        """Joins the queue and reads the session's event stream until this event completes."""
        r = self.join(api_name, data)
        if r.status_code != 200:
            return None
        event_id = r.json()["event_id"]
        with self.http.stream("GET", self.url + "/gradio_api/queue/data",
                              params={"session_hash": self.session}) as stream:
            for line in stream.iter_lines():
                if not line.startswith("data:"):
                    continue
                msg = json.loads(line[5:])
                if msg.get("event_id") == event_id and msg.get("msg") == "process_completed":
                    out = msg.get("output") or {}
                    return out.get("data") if msg.get("success") else None
        return None

    def close(self) -> None:
        self.http.close()
