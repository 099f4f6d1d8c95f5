"""Uploads end to end on a small index: a .docx statute is indexed by article, found in browse, cited with its
article; the 管理 list shows what became of each file; delete removes it from the index after re-index."""
from pathlib import Path

import pytest

from app.indexing import build
from app.embeddings import make_embedder
from app.feedback import FeedbackStore
from app.service import build_service
from app.ui.views import AdminCallbacks, BrowserCallbacks
from app.uploads import Kind, UploadError, delete_upload, list_uploads, size_label
from tests.conftest import make_settings
from tests.test_structure import make_docx

TITLE = "孟州市示例事项管理办法"
LAW = "# 示例土地法\n\n<!-- INFO END -->\n\n第一条 为了示例，制定本法。\n\n第二条 土地所有权人应当依法使用土地。\n"


@pytest.fixture()
def svc(tmp_path):
    (tmp_path / "corpus" / "laws").mkdir(parents=True)
    (tmp_path / "corpus" / "laws" / "示例土地法(2020-01-01).md").write_text(LAW, encoding="utf-8")
    settings = make_settings(tmp_path, corpus_dir=tmp_path / "corpus", embedding="test")
    build(settings, make_embedder("test"))
    return build_service(settings)


def test_docx_statute_upload_is_indexed_found_and_cited(svc, tmp_path):
    docx_path = make_docx(tmp_path / "示例办法.docx")
    (tmp_path / "空.txt").write_bytes(b"")
    assert svc.add_documents([docx_path, tmp_path / "空.txt"])
    report = svc.rebuild()
    assert report.status == "partial"  # the empty file is skipped, and said so
    files = {f.name: f for f in svc.uploads()}
    doc, empty = files["示例办法.docx"], files["空.txt"]
    assert (doc.kind, doc.chunks, doc.articles, doc.skipped, doc.stale) == (Kind.STATUTE, 5, 5, None, False)
    assert doc.indexed_at == svc.manifest.built_at
    assert (empty.kind, empty.skipped) == (Kind.SKIPPED, "空文件")

    res = svc.resolve_reference(f"{TITLE}第三条")
    assert res.found and [c.article for c in res.targets] == ["第三条"] and res.version is None
    key, view, notice = BrowserCallbacks(svc).jump(f"{TITLE}第三条")
    assert key.endswith(f"|{TITLE}|") and view.count("ld-target") == 1 and "第五条" in view

    answer = svc.ask(f"{TITLE}第三条规定了什么？")
    assert not answer.declined
    cited = answer.citations[0].chunk
    assert (cited.title, cited.article, cited.source) == (TITLE, "第三条", "user/示例办法.docx")
    assert cited.locator == f"《{TITLE}》 第三条"


def test_delete_removes_the_upload_from_the_index_after_rebuild(svc, tmp_path):
    svc.add_documents([make_docx(tmp_path / "示例办法.docx")])
    svc.rebuild()
    assert any(c.source == "user/示例办法.docx" for c in svc.chunks)
    assert "已删除 示例办法.docx" in svc.delete_upload("示例办法.docx")
    assert svc.uploads() == []
    svc.rebuild()
    assert not any(c.source.startswith("user/") for c in svc.chunks)
    assert not svc.resolve_reference(f"{TITLE}第三条").found
    assert all(h.chunk.source != "user/示例办法.docx" for h in svc.search(f"{TITLE} 补正材料", 10))


def test_admin_callbacks_list_confirm_and_delete(svc, tmp_path):
    cb = AdminCallbacks(svc, FeedbackStore(tmp_path / "fb.sqlite3"))
    doc = tmp_path / "通知.txt"
    doc.write_text("关于示例的通知\n\n一、目标\n\n完成任务。\n\n二、措施\n\n加强领导。", encoding="utf-8")
    status, _ = cb.upload([str(doc)])
    assert "通知.txt：已加入" in status
    assert "不支持的文件类型：a.exe" in cb.upload([str(tmp_path / "a.exe")])[0]
    table, names = cb.uploads()
    assert names == ["通知.txt"] and "尚未建立索引" in table and "待重新索引" in table
    cb.rebuild()
    table, _ = cb.uploads()
    assert "分节文件" in table and "待重新索引" not in table
    question, show = cb.ask_delete("通知.txt")
    assert show and "确定删除“通知.txt”" in question
    assert cb.ask_delete(None)[1] is False
    status, stats, table, names = cb.delete("通知.txt")
    assert "已删除 通知.txt" in status and "索引已更新" in status and names == []
    assert not any(c.source.startswith("user/") for c in svc.chunks)
    status, *_ = cb.delete("通知.txt")
    assert "没有找到已上传的文件" in status


def test_delete_refuses_names_outside_the_folder(tmp_path):
    (tmp_path / "up").mkdir()
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    for name in ("../secret.txt", "", "..", "a/b.txt"):
        with pytest.raises(UploadError):
            delete_upload(tmp_path / "up", name)
    assert (tmp_path / "secret.txt").exists()
    assert list_uploads(tmp_path / "missing", [], None) == []
    assert size_label(500) == "500 B" and size_label(2048) == "2.0 KB"


def test_upload_folder_path_is_the_setting(tmp_path):
    settings = make_settings(tmp_path)
    assert settings.uploads_dir == Path(tmp_path / "user_docs")
