"""Bad files in the corpus: each is reported with a clear reason and skipped, the rest is indexed, and the
build's exit status tells partial (3) from success (0) and failure (1).

write_corpus() is the small corpus the other reliability tests share (built with the test embedder).
"""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.embeddings import HashEmbedder
from app.errors import CorpusError
from app.indexing import build
from app.service import LawdeskService
from app.stores.manifest import current_generation
from tests.conftest import ROOT, make_settings

FYF = """# 中华人民共和国行政复议法

2023年9月1日第十四届全国人民代表大会常务委员会第五次会议修订

<!-- INFO END -->

## 第一章 总则

第一条 为了防止和纠正违法的或者不当的行政行为，保护公民、法人和其他组织的合法权益，监督和保障行政机关依法行使职权，发挥行政复议化解行政争议的主渠道作用，推进法治政府建设，根据宪法，制定本法。

第二条 公民、法人或者其他组织认为行政机关的行政行为侵犯其合法权益，向行政复议机关提出行政复议申请，行政复议机关办理行政复议案件，适用本法。

## 第二章 行政复议申请

第十条 公民、法人或者其他组织对行政复议决定不服的，可以依照行政诉讼法的规定向人民法院提起行政诉讼，但是法律规定行政复议决定为最终裁决的除外。

第二十条 公民、法人或者其他组织认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请；但是法律规定的申请期限超过六十日的除外。

因不可抗力或者其他正当理由耽误法定申请期限的，申请期限自障碍消除之日起继续计算。
"""

TDF = """# 中华人民共和国土地管理法

<!-- INFO END -->

## 第五章 建设用地

第四十六条 征收下列土地的，由国务院批准：（一）永久基本农田；（二）永久基本农田以外的耕地超过三十五公顷的；（三）其他土地超过七十公顷的。

第四十七条 国家征收土地的，依照法定程序批准后，由县级以上地方人民政府予以公告并组织实施。
"""

REPORT = """孟州市自然资源和规划局2025年法治政府建设工作报告

一、主要工作举措及成效

（一）坚守监管底线，依法规范资源管理

1. 规范资源管理秩序。聚焦非法采砂采土等问题，组织联合巡查150余次，扣押涉嫌违法车辆18辆。全年受理各类线索233条，罚没收入约237万元。

2. 妥善化解矛盾纠纷。全年组织行政处罚案件听证3起，处理行政复议、诉讼案件13件。

2025年12月31日
"""

GBK_DOC = "孟州市不动产登记便民服务指南\n\n办理不动产登记，申请人应当携带身份证明和权属来源材料，到不动产登记中心窗口申请，材料齐全的当场受理。\n"
Q = "对行政行为不服，申请行政复议的期限是多长？"


def write_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    (corpus / "laws").mkdir(parents=True, exist_ok=True)
    (corpus / "report").mkdir(parents=True, exist_ok=True)
    (corpus / "laws" / "行政复议法(2023-09-01).md").write_text(FYF, encoding="utf-8")
    (corpus / "laws" / "土地管理法(2019-08-26).md").write_text(TDF, encoding="utf-8")
    (corpus / "report" / "孟州市自然资源和规划局2025年法治政府建设工作报告.txt").write_text(REPORT, encoding="utf-8")
    return corpus


def small_settings(tmp: Path, **kw):
    return make_settings(tmp, corpus_dir=write_corpus(tmp), embedding="test", **kw)


def cli_env(settings, **extra) -> dict:
    env = {**os.environ, "LAWDESK_CORPUS_DIR": str(settings.corpus_dir), "LAWDESK_INDEX_DIR": str(settings.index_dir),
           "LAWDESK_USER_DOCS_DIR": str(settings.uploads_dir), "LAWDESK_EMBEDDING": "test",
           "LAWDESK_LLM_MODEL": "", "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False", **extra}
    env.pop("OPENAI_API_KEY", None)
    env.pop("LAWDESK_CHROMA_HOST", None)
    return env


def run_cli(args: list[str], settings, timeout: float = 120, **extra) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=cli_env(settings, **extra),
                          capture_output=True, text=True, timeout=timeout)


# --- the bad files ----------------------------------------------------------------------------------

def encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=200, height=200)
    w.encrypt("secret")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def textless_pdf() -> bytes:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def not_a_docx_zip() -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "这不是 Word 文档")
    return buf.getvalue()


BIG = 50 * 1024 * 1024
# name -> (bytes or a writer, the words the skip reason must contain)
BAD = {
    "坏文件.pdf": (os.urandom(4096) + b"\x00\xff junk", "无法解析 PDF"),
    "加密.pdf": (encrypted_pdf, "PDF 已加密"),
    "扫描件.pdf": (textless_pdf, "没有可提取的文字"),
    "空文件.txt": (b"", "空文件"),
    "超大.txt": (None, "文件过大"),
    "损坏.docx": (b"PK\x03\x04 this is not really a zip archive" * 20, "不是有效的 .docx"),
    "压缩包.docx": (not_a_docx_zip, "无法读取 .docx"),
    "二进制.txt": (bytes(range(256)) * 64, "不是可识别的文本文件"),
}


def add_bad_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (content, _) in BAD.items():
        path = folder / name
        if name == "超大.txt":  # 50 MB of real text, one write
            line = ("第一条 这是一个超大的文本文件，用来检查大小上限。\n" * 1000).encode("utf-8")
            with open(path, "wb") as fh:
                for _ in range(BIG // len(line) + 1):
                    fh.write(line)
            continue
        path.write_bytes(content() if callable(content) else content)
    (folder / "指南GBK.txt").write_bytes(GBK_DOC.encode("gbk"))


def test_each_bad_file_is_skipped_with_its_reason_and_the_rest_indexed(tmp_path):
    settings = small_settings(tmp_path)
    add_bad_files(settings.corpus_dir / "uploads")
    report = build(settings, HashEmbedder())
    reasons = {s.source.rsplit("/", 1)[-1]: s.reason for s in report.skipped}
    assert set(reasons) == set(BAD), reasons
    for name, (_, words) in BAD.items():
        assert words in reasons[name], (name, reasons[name])
    assert report.status == "partial" and report.documents == 4  # 3 good files + the GBK one
    svc = LawdeskService(settings, HashEmbedder())
    assert "六十日" in svc.ask(Q).text
    gbk = svc.ask("办理不动产登记需要携带什么材料？")
    assert not gbk.declined and "身份证明" in gbk.text  # GBK decoded, not skipped
    assert [list(s) for s in svc.manifest.skipped] == [[s.source, s.reason] for s in report.skipped]
    assert svc.stats().skipped and all(s.reason for s in svc.stats().skipped)


def test_build_exit_status_ok_partial_failure(tmp_path):
    settings = small_settings(tmp_path)
    ok = run_cli(["build"], settings)
    assert ok.returncode == 0, ok.stderr
    assert "索引完成" in ok.stdout
    first = current_generation(settings.index_dir).name

    bad = settings.corpus_dir / "uploads"
    bad.mkdir()
    (bad / "坏文件.pdf").write_bytes(b"%PDF-1.4 \x00\x01 garbage")
    (bad / "空文件.txt").write_bytes(b"")
    (bad / "损坏.docx").write_bytes(b"not a zip")
    partial = run_cli(["build"], settings)
    assert partial.returncode == 3, partial.stderr
    assert "部分完成" in partial.stdout
    for words in ("坏文件.pdf：无法解析 PDF", "空文件.txt：空文件", "损坏.docx：不是有效的 .docx"):
        assert words in partial.stdout
    second = current_generation(settings.index_dir).name
    assert second != first  # the partial build is committed: the good files are served

    # nothing indexable at all: a failure, with the reason, and the last index stays
    for f in settings.corpus_dir.rglob("*"):
        if f.is_file() and f.parent != bad:
            f.unlink()
    failed = run_cli(["build"], settings)
    assert failed.returncode == 1 and "错误：" in failed.stderr and "没有可以建立索引的内容" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert current_generation(settings.index_dir).name == second

    missing = run_cli(["build"], settings, LAWDESK_CORPUS_DIR=str(tmp_path / "nowhere"))
    assert missing.returncode == 1 and "找不到语料目录" in missing.stderr and "Traceback" not in missing.stderr


def test_all_files_bad_in_process_is_a_corpus_error_and_keeps_the_old_index(tmp_path):
    settings = small_settings(tmp_path)
    build(settings, HashEmbedder())
    gen = current_generation(settings.index_dir)
    for f in list(settings.corpus_dir.rglob("*.*")):
        f.write_bytes(b"")
    with pytest.raises(CorpusError, match="空文件"):
        build(settings, HashEmbedder())
    assert current_generation(settings.index_dir) == gen
    assert sorted(p.name for p in settings.index_dir.glob("gen-*")) == [gen.name]
