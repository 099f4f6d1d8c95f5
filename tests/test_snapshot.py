"""One immutable index snapshot per generation, swapped in as one reference; a tokenizer per index."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

import jieba

from app.embeddings import HashEmbedder
from app.indexing import build
from app.service import LawdeskService
from app.tokenizer import Tokenizer, base_tokenizer
from tests.test_reliability_files import ROOT, cli_env, small_settings

NEW_DOC = """# 中华人民共和国示例新增法

<!-- INFO END -->

第一条　申请示例登记的，登记机关应当自受理之日起十五个工作日内办结。
"""
NEW_Q = "申请示例登记多少个工作日内办结？"


def test_loading_a_second_index_leaves_the_first_ones_tokens_alone():
    text = "房东不退押金，示例新增法怎么说"
    first = Tokenizer(["示例新增法"])
    before, base_before, global_before = first.tokenize(text), base_tokenizer().tokenize(text), jieba.lcut(text)
    second = Tokenizer(["东不退", "退押金怎么"])  # words that would split the first index's tokens differently
    assert second.tokenize(text) != before
    assert first.tokenize(text) == before
    assert base_tokenizer().tokenize(text) == base_before  # the base (lexicon, PDF repair) is untouched
    assert jieba.lcut(text) == global_before  # and jieba's own global dictionary too
    assert "示例新增法" in before


def test_a_new_generation_is_swapped_in_without_a_restart(tmp_path):
    settings = small_settings(tmp_path, reload_check_seconds=0.0)
    build(settings, HashEmbedder())
    svc = LawdeskService(settings, HashEmbedder())
    old_gen, old_stats = svc.generation, svc.stats()
    assert "十五个工作日" not in svc.ask(NEW_Q).text

    (settings.corpus_dir / "laws" / "示例新增法(2024-01-01).md").write_text(NEW_DOC, encoding="utf-8")
    build(settings, HashEmbedder())
    assert svc.refresh(wait=True)
    a = svc.ask(NEW_Q)
    assert svc.generation != old_gen and "十五个工作日" in a.text
    assert svc.stats().laws == old_stats.laws + 1
    assert svc.refresh(wait=True) is False  # nothing new: one small file read, no reload


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ask(port: int, question: str) -> dict:
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/ask", data=json.dumps({"question": question}).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def test_a_running_server_answers_from_a_new_build(tmp_path):
    settings = small_settings(tmp_path)
    build(settings, HashEmbedder())
    port = _port()
    env = cli_env(settings, LAWDESK_RELOAD_CHECK_SECONDS="0.2")
    proc = subprocess.Popen([sys.executable, "-m", "app", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                first = _ask(port, NEW_Q)
                break
            except OSError:
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.3)
        assert "十五个工作日" not in first["answer"]
        (settings.corpus_dir / "laws" / "示例新增法(2024-01-01).md").write_text(NEW_DOC, encoding="utf-8")
        build_run = subprocess.run([sys.executable, "-m", "app", "build"], cwd=ROOT, env=env, capture_output=True,
                                   text=True, timeout=180)
        assert build_run.returncode == 0, build_run.stderr
        deadline = time.monotonic() + 30
        while "十五个工作日" not in _ask(port, NEW_Q)["answer"]:
            assert time.monotonic() < deadline, "the running server never picked up the new generation"
            time.sleep(0.3)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
