"""Atomic index updates: a build is committed only when complete; kills, full disks and concurrent builds
leave the served index whole; a running service keeps answering from its generation during a build."""
from __future__ import annotations

import errno
import json
import subprocess
import sys
import threading
import time

import pytest

import app.indexing as ix
from app.embeddings import HashEmbedder
from app.errors import IndexLocked, IndexWriteError
from app.indexing import build
from app.service import LawdeskService
from app.stores.manifest import build_lock, current_generation
from tests.conftest import ROOT
from tests.test_reliability_files import Q, run_cli, small_settings

NEW_ARTICLE = "\n第二十一条 行政复议机关收到行政复议申请后，应当在五日内进行审查，新增条文用于检验索引切换。\n"


def gen_ids(gen) -> set[str]:
    with open(gen / "chunks.jsonl", encoding="utf-8") as fh:
        return {json.loads(line)["chunk_id"] for line in fh}


def test_random_sigkills_never_lose_the_index():
    """scripts/kill_builds.py with a smaller N (the script's default is 20 runs)."""
    out = subprocess.run([sys.executable, "scripts/kill_builds.py", "--runs", "5", "--files", "4", "--seed", "11"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    assert summary["runs"] == 5 and summary["lost_chunks"] == 0
    assert summary["killed"] >= 3, summary  # most runs really were killed mid-build
    assert out.stdout.count("next build ok") + out.stdout.count("next build unchanged") == 5


def test_second_concurrent_build_is_refused_with_a_message(tmp_path):
    settings = small_settings(tmp_path)
    build(settings, HashEmbedder())
    with build_lock(settings.index_dir):  # a build in progress elsewhere
        out = run_cli(["build", "--rebuild"], settings)
        with pytest.raises(IndexLocked, match="另一个索引构建正在进行中"):
            build(settings, HashEmbedder(), rebuild=True)
    assert out.returncode == 1 and "另一个索引构建正在进行中" in out.stderr and "Traceback" not in out.stderr
    assert build(settings, HashEmbedder(), rebuild=True).status == "ok"  # the lock is free again


class SlowEmbedder(HashEmbedder):
    """Embeds documents slowly, so a build is still running while questions are asked."""

    def embed_documents(self, texts):
        time.sleep(0.15)
        return super().embed_documents(texts)


def test_service_serves_its_generation_during_and_after_a_concurrent_build(tmp_path, monkeypatch):
    settings = small_settings(tmp_path)
    build(settings, HashEmbedder())
    svc = LawdeskService(settings, HashEmbedder())
    old_gen, old_ids = svc.generation, set(svc.by_id)
    law = settings.corpus_dir / "laws" / "行政复议法(2023-09-01).md"
    law.write_text(law.read_text(encoding="utf-8") + NEW_ARTICLE, encoding="utf-8")
    monkeypatch.setattr(ix, "EMBED_BATCH", 1)
    import shutil

    shutil.rmtree(settings.index_dir / "vectors")  # every chunk is embedded again: a build of a few seconds

    errors: list[BaseException] = []
    done = threading.Event()

    def run_build():
        try:
            build(settings, SlowEmbedder())
        except BaseException as err:  # reported below
            errors.append(err)
        finally:
            done.set()

    worker = threading.Thread(target=run_build)
    worker.start()
    answered = during = 0
    while not done.is_set() or answered < 3:
        running = not done.is_set()
        a = svc.ask(Q)
        assert not a.declined and "六十日" in a.text
        assert svc.generation == old_gen and {c.chunk.chunk_id for c in a.citations} <= old_ids
        answered, during = answered + 1, during + running
    worker.join(30)
    assert not errors, errors
    assert during >= 3, during  # questions really were answered while the build ran
    new_gen = current_generation(settings.index_dir)
    assert new_gen.name != old_gen and svc.generation == old_gen  # still the old one until reload
    assert not any("五日内进行审查" in c.text for c in svc.chunks)  # nothing of the new one leaked in
    svc.reload()
    assert svc.generation == new_gen.name
    assert any("五日内进行审查" in c.text for c in svc.chunks)
    # the store holds every chunk of the new generation and of the previous one (kept for old readers)
    from app.indexing import store_for

    assert gen_ids(new_gen) <= store_for(settings, HashEmbedder()).ids()


def test_old_service_keeps_answering_after_its_generation_is_collected(tmp_path):
    settings = small_settings(tmp_path)
    build(settings, HashEmbedder())
    svc = LawdeskService(settings, HashEmbedder())
    law = settings.corpus_dir / "laws" / "行政复议法(2023-09-01).md"
    for i in range(2):  # two later builds: the first generation is deleted from disk and Chroma
        law.write_text(law.read_text(encoding="utf-8") + f"\n第{'三四'[i]}十条 第{i}次修改增加的条文内容。\n",
                       encoding="utf-8")
        build(settings, HashEmbedder())
    assert not (settings.index_dir / svc.generation).exists()
    a = svc.ask(Q)
    assert not a.declined and "六十日" in a.text  # answered from memory, lexical + what dense still finds


# --- no space left on the device ------------------------------------------------------------------

def enospc(*_a, **_k):
    raise OSError(errno.ENOSPC, "No space left on device")


def half_written_then_enospc(gen, chunks, words, *_questions):
    (gen / "chunks.jsonl").write_text("{\"partial\": true}\n", encoding="utf-8")
    enospc()


@pytest.mark.parametrize("where", ["write_generation", "manifest", "vector_cache"])
def test_disk_full_during_build_keeps_the_old_index(tmp_path, monkeypatch, where):
    settings = small_settings(tmp_path)
    build(settings, HashEmbedder())
    old = current_generation(settings.index_dir)
    law = settings.corpus_dir / "laws" / "行政复议法(2023-09-01).md"
    law.write_text(law.read_text(encoding="utf-8") + NEW_ARTICLE, encoding="utf-8")
    if where == "write_generation":
        monkeypatch.setattr(ix, "write_generation", half_written_then_enospc)
    elif where == "manifest":
        monkeypatch.setattr(ix.Manifest, "save", enospc)
    else:
        monkeypatch.setattr(ix.VectorCache, "put", enospc)
    with pytest.raises(IndexWriteError) as info:
        build(settings, HashEmbedder())
    msg = str(info.value)
    assert "磁盘空间不足" in msg and "原有索引保持不变" in msg and "Errno" not in msg
    assert current_generation(settings.index_dir) == old
    assert [g.name for g in settings.index_dir.glob("gen-*")] == [old.name]  # the half-written one is gone
    assert not list(settings.index_dir.glob(".*.tmp"))
    svc = LawdeskService(settings, HashEmbedder())
    assert svc.generation == old.name and "六十日" in svc.ask(Q).text
    monkeypatch.undo()
    assert build(settings, HashEmbedder()).status == "ok"  # space is back: the next build completes
    assert current_generation(settings.index_dir) != old


def test_disk_full_through_the_cli_is_a_message_and_exit_1(tmp_path, monkeypatch, capsys):
    from app import cli

    settings = small_settings(tmp_path)
    build(settings, HashEmbedder())
    old = current_generation(settings.index_dir)
    for key, value in (("LAWDESK_CORPUS_DIR", settings.corpus_dir), ("LAWDESK_INDEX_DIR", settings.index_dir),
                       ("LAWDESK_USER_DOCS_DIR", settings.uploads_dir), ("LAWDESK_EMBEDDING", "test")):
        monkeypatch.setenv(key, str(value))
    monkeypatch.setattr(ix, "write_generation", half_written_then_enospc)
    assert cli.main(["build", "--rebuild"]) == 1
    err = capsys.readouterr().err
    assert "错误：磁盘空间不足" in err and "Traceback" not in err
    assert current_generation(settings.index_dir) == old


def test_leftover_generation_of_a_killed_build_is_cleaned_by_the_next_build(tmp_path):
    settings = small_settings(tmp_path)
    build(settings, HashEmbedder())
    old = current_generation(settings.index_dir)
    orphan = settings.index_dir / "gen-20000101-000000-1-000"
    orphan.mkdir()
    (orphan / "chunks.jsonl").write_text("half", encoding="utf-8")
    assert build(settings, HashEmbedder()).status == "unchanged"  # even a no-op build tidies up
    assert not orphan.exists() and current_generation(settings.index_dir) == old
