"""Shared fixtures: the default corpus, and one index over it built once per test session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.config import Settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("LAWDESK_SHARED_DIR", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
BENCH = SHARED / "bench"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def make_settings(tmp: Path, **kw) -> Settings:
    """Settings isolated from the developer's .env and environment."""
    base = dict(corpus_dir=CORPUS, index_dir=tmp / "index", user_docs_dir=tmp / "user_docs", embedding="use",
                llm_model=None, chroma_host=None)
    base.update(kw)
    return Settings(_env_file=None, **base)


@pytest.fixture(scope="session")
def corpus_chunks():
    from app.indexing import load_chunks

    return load_chunks(make_settings(Path("/nonexistent")))


@pytest.fixture(scope="session")
def built_index(tmp_path_factory) -> Settings:
    """The default corpus indexed with the production embedder (about 20 s on 2 cores)."""
    from app.embeddings import make_embedder
    from app.indexing import build

    settings = make_settings(tmp_path_factory.mktemp("default"))
    build(settings, make_embedder("use"))
    return settings


@pytest.fixture(scope="session")
def service(built_index):
    from app.service import build_service

    return build_service(built_index)
