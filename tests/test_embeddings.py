"""Embedders: the test double is deterministic; the OpenAI-compatible one works against a loopback server."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from app.embeddings import HashEmbedder, OpenAIEmbedder, make_embedder
from app.errors import EmbedderError


class _Embeddings(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
        data = [{"object": "embedding", "index": i, "embedding": [float(len(str(t))), 1.0, 0.0]}
                for i, t in enumerate(texts)]
        out = json.dumps({"object": "list", "data": data, "model": body["model"],
                          "usage": {"prompt_tokens": 1, "total_tokens": 1}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)


def test_hash_embedder_is_deterministic_and_normalised():
    e = HashEmbedder()
    a, b = e.embed_documents(["行政复议期限", "行政复议期限"])
    assert np.allclose(a, b) and abs(np.linalg.norm(a) - 1) < 1e-6


def test_openai_compatible_embeddings_offline():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Embeddings)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        e = OpenAIEmbedder("bge-m3", "sk-test", f"http://127.0.0.1:{srv.server_address[1]}/v1")
        vecs = e.embed_documents(["甲", "乙乙"])
        assert vecs.shape == (2, 3) and e.dim == 3 and e.name == "openai:bge-m3"
    finally:
        srv.shutdown()


def test_unknown_embedder_setting():
    with pytest.raises(EmbedderError, match="LAWDESK_EMBEDDING"):
        make_embedder("word2vec")
