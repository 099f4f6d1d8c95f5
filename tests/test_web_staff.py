"""The staff server's uploads through raw HTTP: capped (test_web_public), allowed types only, temp copies removed."""
from __future__ import annotations

from pathlib import Path

import httpx

from app.ui.app import UPLOAD_CACHE, build_ui
from tests.fake_service import FakeService, fake_settings
from tests.gradio_raw import RawPage
from tests.web_server import served


def file_data(path: str) -> dict:
    return {"path": path, "orig_name": Path(path).name, "meta": {"_type": "gradio.FileData"}}


def test_uploads_allowed_types_only_and_temp_copies_removed(tmp_path):
    with served(tmp_path, public=False) as (url, svc):
        up = httpx.post(url + "/gradio_api/upload", files=[("files", ("规定.txt", "第一条 测试。".encode())),
                                                            ("files", ("x.exe", b"MZ"))])
        assert up.status_code == 200
        good, bad = up.json()
        page = RawPage(url)
        status = page.call("upload", [[file_data(good)]])[0]
        assert "已添加 规定.txt" in status
        assert not Path(good).exists(), "Gradio's temp copy is removed once the document is copied"
        assert (svc.settings.uploads_dir / "规定.txt").read_text(encoding="utf-8") == "第一条 测试。"
        refused = page.call("upload", [[file_data(bad)]])[0]  # refused by the callback, in Chinese
        assert "不支持的文件类型：x.exe" in refused
        assert [p.name for p in svc.uploaded] == ["规定.txt"]
        assert not Path(bad).exists(), "a refused upload's temp copy is removed too"


def test_staff_page_deletes_unused_uploads_and_public_page_takes_none(tmp_path):
    settings = fake_settings(tmp_path)
    assert build_ui(FakeService(settings), public=False).delete_cache == UPLOAD_CACHE
    from app.ui.app import launch_options
    assert launch_options(settings, public=True)["max_file_size"] == 1
    assert launch_options(settings, public=False)["max_file_size"] == "50mb"
