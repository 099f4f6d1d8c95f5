"""Chroma server mode end to end: one `chroma run`, a build, two app processes searching the same index."""
import json
import os
import subprocess
import sys

from tests.chroma_server import chroma_server
from tests.conftest import ROOT

LAW = "# 中华人民共和国示例法\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n" + "\n\n".join(
    f"第{n}条 {body}" for n, body in zip("一二三四五", [
        "为了规范行政复议工作，制定本法。", "申请人可以自知道该行政行为之日起六十日内提出行政复议申请。",
        "行政复议机关应当自受理申请之日起六十日内作出行政复议决定。", "征收土地应当给予公平、合理的补偿。",
        "违反本法规定的，由县级以上人民政府自然资源主管部门责令改正。"]))


def _env(tmp, port):
    return {**os.environ, "LAWDESK_CORPUS_DIR": str(tmp / "corpus"), "LAWDESK_INDEX_DIR": str(tmp / "index"),
            "LAWDESK_EMBEDDING": "test", "LAWDESK_CHROMA_HOST": "127.0.0.1", "LAWDESK_CHROMA_PORT": str(port),
            "LAWDESK_USER_DOCS_DIR": str(tmp / "user_docs")}


def test_two_instances_share_one_chroma_server(tmp_path):
    (tmp_path / "corpus" / "laws").mkdir(parents=True)
    (tmp_path / "corpus" / "laws" / "示例法.md").write_text(LAW, encoding="utf-8")
    with chroma_server(tmp_path / "chroma-data") as (port, pid):
        env = _env(tmp_path, port)
        build = subprocess.run([sys.executable, "-m", "app", "build"], env=env, cwd=ROOT, capture_output=True,
                               text=True, timeout=120)
        assert build.returncode == 0, build.stderr
        assert not (tmp_path / "index" / "chroma").exists()  # vectors went to the server, not the embedded store
        procs = [subprocess.Popen([sys.executable, "-m", "app", "search", "征收土地的补偿", "--k", "3", "--json"],
                                  env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        outs = [p.communicate(timeout=120) for p in procs]
    results = [json.loads(out) for out, _ in outs]
    assert results[0] == results[1]
    top = results[0][0]
    assert top["article"] == "第四条" and "dense" in top["why"]
