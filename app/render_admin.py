"""The 管理 tab's list of uploaded files as an escaped HTML table. Pure."""
from __future__ import annotations

import html
from collections.abc import Sequence

from app.uploads import UploadInfo, size_label


def _esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def uploads_html(files: Sequence[UploadInfo]) -> str:
    if not files:
        return '<p class="ld-muted">还没有上传的文件。</p>'
    rows = []
    for f in files:
        chunks = f"{f.chunks}" + (f"（{f.articles} 条）" if f.articles else "")
        state = "待重新索引" if f.stale else ""
        rows.append(f"<tr><td>{_esc(f.name)}</td><td>{_esc(size_label(f.size))}</td><td>{_esc(f.kind.value)}</td>"
                    f"<td>{chunks}</td><td>{_esc(f.indexed_at or '—')}"
                    f"{f' <span class=ld-muted>{state}</span>' if state else ''}</td>"
                    f"<td>{_esc(f.skipped or '')}</td></tr>")
    return ('<table class="ld-fb ld-uploads"><tr><th>文件名</th><th>大小</th><th>识别为</th><th>片段</th>'
            f'<th>索引时间</th><th>未能读取的原因</th></tr>{"".join(rows)}</table>')
