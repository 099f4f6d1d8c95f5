"""Builds over a small corpus written here: incremental, honest, atomic, locked."""
import json

import pytest

from app.embeddings import HashEmbedder
from app.errors import IndexLocked, IndexMismatch
from app.indexing import build
from app.stores.manifest import build_lock, current_generation
from tests.conftest import make_settings


class CountingEmbedder(HashEmbedder):
    def __init__(self, name="test-hash"):
        super().__init__()
        self.name, self.calls = name, 0

    def embed_documents(self, texts):
        self.calls += len(texts)
        return super().embed_documents(texts)


def law(title: str, n: int, extra: str = "") -> str:
    arts = "\n\n".join(f"第{'一二三四五六七八九十'[i]}条 {title}第{i + 1}条的内容{extra}。" for i in range(n))
    return f"# {title}\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n{arts}\n"


@pytest.fixture
def small(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "laws").mkdir(parents=True)
    (corpus / "laws" / "甲法.md").write_text(law("甲法", 5), encoding="utf-8")
    (corpus / "laws" / "乙法.md").write_text(law("乙法", 3), encoding="utf-8")
    return make_settings(tmp_path, corpus_dir=corpus, embedding="test")


def _ids(settings) -> set[str]:
    gen = current_generation(settings.index_dir)
    return {json.loads(l)["chunk_id"] for l in open(gen / "chunks.jsonl", encoding="utf-8")}


def test_incremental_builds(small):
    emb = CountingEmbedder()
    r1 = build(small, emb)
    assert (r1.status, r1.chunks, emb.calls) == ("ok", 8, 8)
    assert build(small, emb).status == "unchanged" and emb.calls == 8
    (small.corpus_dir / "laws" / "乙法.md").write_text(law("乙法", 3, "（修改）"), encoding="utf-8")
    r3 = build(small, emb)
    assert emb.calls == 11 and r3.embedded == 3  # only the changed file's chunks
    (small.corpus_dir / "laws" / "甲法.md").unlink()
    build(small, emb)
    from app.indexing import store_for

    ids = _ids(small)
    assert len(ids) == 3
    # the previous generation is kept for servers still reading it; anything older is gone from the store
    assert ids <= store_for(small, emb).ids()


def test_other_embedder_is_refused(small):
    build(small, CountingEmbedder())
    with pytest.raises(IndexMismatch, match="--rebuild"):
        build(small, CountingEmbedder("other-model"))
    assert build(small, CountingEmbedder("other-model"), rebuild=True).status == "ok"


def test_second_build_is_locked_out(small):
    with build_lock(small.index_dir):
        with pytest.raises(IndexLocked, match="正在进行"):
            build(small, CountingEmbedder())


def test_interrupted_build_resumes(small, monkeypatch):
    import app.indexing as ix

    monkeypatch.setattr(ix, "EMBED_BATCH", 3)
    emb = CountingEmbedder()

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(ix, "sync_store", boom)
    with pytest.raises(KeyboardInterrupt):
        build(small, emb)
    assert emb.calls == 8 and not (small.index_dir / "CURRENT").exists()
    monkeypatch.undo()
    build(small, emb)
    assert emb.calls == 8  # every finished batch was kept


def test_bad_file_gives_partial(small):
    (small.corpus_dir / "laws" / "坏.pdf").write_bytes(b"\x00junk" * 100)
    r = build(small, CountingEmbedder())
    assert r.status == "partial" and r.skipped[0].source == "laws/坏.pdf" and r.chunks == 8
