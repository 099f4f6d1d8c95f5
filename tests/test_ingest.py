"""Loaders and the default corpus: bad files are reported and skipped, the rest is ingested."""
from collections import Counter
from pathlib import Path

import pytest

from app.ingest import load_corpus
from app.ingest.clean import SENTENCE_END, splits_word
from app.ingest.loaders import MAX_BYTES

LAW_MD = "# 测试条例\n\n<!-- INFO END -->\n\n第一条 为了测试，制定本条例。\n"


def _write_bad_files(d: Path) -> None:
    (d / "ok.md").write_text(LAW_MD, encoding="utf-8")
    (d / "gbk.txt").write_bytes("某局关于测试的通知\n\n请各单位按时报送材料。".encode("gbk"))
    (d / "empty.txt").write_bytes(b"")
    (d / "junk.pdf").write_bytes(bytes(range(256)) * 40)
    (d / "notzip.docx").write_bytes(b"this is not a zip file")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "big.txt").write_bytes(b"a" * (MAX_BYTES + 1))
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.encrypt("secret")
    with open(d / "locked.pdf", "wb") as fh:
        w.write(fh)
    import docx

    doc = docx.Document()
    doc.add_heading("用户上传的政策", level=1)
    doc.add_paragraph("这是一个 Word 文档中的段落。")
    doc.save(str(d / "policy.docx"))


def test_bad_files_are_skipped_with_reasons(tmp_path):
    _write_bad_files(tmp_path)
    docs, skipped = load_corpus(tmp_path)
    assert sorted(d.source for d in docs) == ["gbk.txt", "ok.md", "policy.docx"]
    reasons = {s.source: s.reason for s in skipped}
    assert set(reasons) == {"empty.txt", "junk.pdf", "notzip.docx", "binary.txt", "big.txt", "locked.pdf"}
    assert "空文件" in reasons["empty.txt"] and "加密" in reasons["locked.pdf"]
    assert "过大" in reasons["big.txt"] and ".docx" in reasons["notzip.docx"]
    gbk = next(d for d in docs if d.source == "gbk.txt")
    assert "请各单位按时报送材料" in gbk.text


def test_default_corpus_counts(corpus_chunks):
    chunks, skipped, ndocs = corpus_chunks
    assert ndocs == 47 and skipped == []
    by_folder = Counter(src.split("/")[0] for src in {c.source for c in chunks})
    assert by_folder == {"report": 1, "laws": 33, "local": 13}
    laws = [c for c in chunks if c.doc_type == "law"]
    # 2,613 lines in the corpus start with 第X条 followed by a space; each is one (title, version, article)
    assert len({(c.title, c.version, c.article) for c in laws}) == 2613
    for short, old, new in (("行政复议法", "2017-09-01", "2023-09-01"), ("矿产资源法", "2009-08-27", "2024-11-08")):
        vs = {(c.version, c.is_current) for c in laws if c.short_title == short}
        assert vs == {(old, False), (new, True)}


def test_report_chunks_have_sections_and_no_broken_words(corpus_chunks):
    report = [c for c in corpus_chunks[0] if c.doc_type == "report"]
    assert len(report) >= 20 and all(c.section for c in report)
    for a, b in zip(report, report[1:]):
        assert a.text[-1] in SENTENCE_END or not splits_word(a.text, b.text), (a.section, a.text[-10:])
    text = "".join(c.text for c in report)
    assert "法律知识培训3次" in text and "深化行政执法" in text and "40.13万亩" in text
    assert {"一、（四）3", "二、（三）", "一、（二）"} <= {c.section for c in report}


def test_missing_corpus_is_a_clear_error(tmp_path):
    from app.errors import CorpusError

    with pytest.raises(CorpusError, match="找不到语料目录"):
        load_corpus(tmp_path / "nope")
