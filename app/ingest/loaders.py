"""Read one file into text. Each failure raises FileSkipped with a reason a user understands."""
from __future__ import annotations

import zipfile
from pathlib import Path

from app.errors import FileSkipped

SUPPORTED = (".md", ".txt", ".docx", ".pdf")
MAX_BYTES = 20 * 1024 * 1024  # larger files are almost always dumps, not documents


def read_text_file(path: Path, source: str) -> str:
    data = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            break
        return text
    raise FileSkipped(source, "不是可识别的文本文件（既非 UTF-8 也非 GBK/GB18030 编码）")


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\r\n\t\f") or c == "\ufffd")
    return bad > max(3, len(sample) // 100)


def read_docx(path: Path, source: str) -> str:
    if not zipfile.is_zipfile(path):
        raise FileSkipped(source, "不是有效的 .docx 文件（文件已损坏或并非 Word 文档）")
    import docx  # python-docx

    try:
        doc = docx.Document(str(path))
    except Exception as err:  # python-docx raises assorted zip/xml errors for broken packages
        raise FileSkipped(source, f"无法读取 .docx 文件：{type(err).__name__}") from err
    lines, first = [], True
    for p in doc.paragraphs:
        style = (p.style.name or "").lower() if p.style is not None else ""
        heading = style.startswith("title") or style.startswith("heading 1") or (first and _bold_centred(p))
        lines.append(("# " if heading else "") + p.text)
        first = first and not p.text.strip()
    return "\n\n".join(lines)


def _bold_centred(p) -> bool:
    """A typed government document's title: its first paragraph, centred and bold, in the Normal style."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    runs = [r for r in p.runs if r.text.strip()]
    align = p.alignment if p.alignment is not None else (p.style.paragraph_format.alignment if p.style else None)
    bold = bool(runs) and all(r.bold or (r.bold is None and p.style is not None and p.style.font.bold) for r in runs)
    return align == WD_ALIGN_PARAGRAPH.CENTER and bold


def read_pdf(path: Path, source: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise FileSkipped(source, "PDF 已加密，无法提取文字")
        pages = [page.extract_text() or "" for page in reader.pages]
    except FileSkipped:
        raise
    except (PdfReadError, ValueError, KeyError, OSError, TypeError) as err:
        raise FileSkipped(source, f"无法解析 PDF（文件损坏或不是 PDF）：{type(err).__name__}") from err
    return "\n\n".join(pages)


def read_file(path: Path, source: str) -> str:
    """Text of a supported file; raises FileSkipped for anything unreadable or empty."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise FileSkipped(source, f"不支持的文件类型 {suffix or '(无扩展名)'}")
    try:
        size = path.stat().st_size
    except OSError as err:
        raise FileSkipped(source, f"无法读取文件：{err.strerror}") from err
    if size == 0:
        raise FileSkipped(source, "空文件")
    if size > MAX_BYTES:
        raise FileSkipped(source, f"文件过大（{size // (1024 * 1024)} MB，上限 {MAX_BYTES // (1024 * 1024)} MB）")
    try:
        if suffix == ".docx":
            text = read_docx(path, source)
        elif suffix == ".pdf":
            text = read_pdf(path, source)
        else:
            text = read_text_file(path, source)
    except PermissionError as err:
        raise FileSkipped(source, "没有读取权限") from err
    if not text.strip():
        raise FileSkipped(source, "文件中没有可提取的文字（可能是扫描件或空文档）")
    return text
