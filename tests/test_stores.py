"""One contract for the vector store, run against embedded Chroma and a `chroma run` server."""
import numpy as np
import pytest

from app.errors import StoreUnavailable
from app.stores.chroma import ChromaStore, collection_name
from tests.chroma_server import chroma_server, free_port


def _contract(store: ChromaStore) -> None:
    vecs = np.eye(4, 8, dtype=np.float32)
    store.add(["a", "b", "c", "d"], vecs, ["x.md"] * 4)
    store.add(["a"], vecs[:1], ["x.md"])  # upsert: idempotent
    assert store.count() == 4 and store.ids() == {"a", "b", "c", "d"}
    got = store.query(vecs[1], 2)
    assert got[0][0] == "b" and got[0][1] == pytest.approx(1.0, abs=1e-5)
    store.delete(["b"])
    assert "b" not in store.ids() and store.query(vecs[1], 1)[0][0] != "b"


def test_collection_names_are_ascii():
    name = collection_name("中文模型/v1", 512)
    assert name.isascii() and name.startswith("lawdesk_")


def test_embedded_store(tmp_path):
    _contract(ChromaStore("lawdesk_t_8", path=tmp_path / "chroma"))


def test_server_store(tmp_path):
    with chroma_server(tmp_path / "srv") as (port, pid):
        _contract(ChromaStore("lawdesk_t_8", host="127.0.0.1", port=port))


def test_server_down_is_a_clear_error():
    with pytest.raises(StoreUnavailable, match="向量数据库"):
        ChromaStore("lawdesk_t_8", host="127.0.0.1", port=free_port(), retries=1)
