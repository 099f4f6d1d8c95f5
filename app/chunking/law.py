"""Statute parser: title, version, history, heading path (编/分编/章/节), articles with 款 and 项. Pure."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.chunking.level import legal_level
from app.ingest import UPLOAD_PREFIX
from app.schema import Chunk, make_chunk_id
from app.text import cn_to_int, short_title

MAX_ARTICLE_CHARS = 1200
_N = "零〇一二两三四五六七八九十百千"
ARTICLE = re.compile(rf"^第([{_N}]+)条(?:之([一二三四五六七八九十]+))?[ \u3000\t]+(.*)$")
HEADING = re.compile(rf"^#*\s*(第[{_N}]+(分编|编|章|节))[ \u3000\t]*(.*)$")
_LEVELS = {"编": 0, "分编": 1, "章": 2, "节": 3}
_PART = re.compile(r"[\u4e00-\u9fff]{1,10}编|总则|附则")  # the 编 of a code that comes one file per 编
_FILE_DATE = re.compile(r"\((\d{4}-\d{2}-\d{2})\)")
_HIST_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:[-_.年]\s*(\d{1,2})[-_.月]\s*(\d{1,2})|(\d{2})(\d{2}))(?!\d)")


@dataclass
class _Article:
    label: str
    number: int
    heading_path: tuple[str, ...]
    paragraphs: list[str] = field(default_factory=list)
    sub: int = 0  # 之一 -> 1


@dataclass(frozen=True)
class LawHeader:
    title: str
    version: str | None
    history: tuple[str, ...]
    part: str | None = None  # a code split into one file per 编 names its 编 in a second "# " line


def version_from_name(source: str) -> str | None:
    m = _FILE_DATE.search(source.rsplit("/", 1)[-1])
    return m.group(1) if m else None


def upload_version(source: str) -> str | None:
    """An uploaded statute's version: a date in its file name (2021-03-01, 2021年3月1日, 20210301), else None.
    Dates inside an upload's text (通过、印发、施行) say different things in different documents, so none is
    guessed from them."""
    name = source.rsplit("/", 1)[-1]
    m = _NAME_DATE.search(name)
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2) or m.group(4), m.group(3) or m.group(5)
    return f"{y}-{int(mo):02d}-{int(d):02d}" if 1 <= int(mo) <= 12 and 1 <= int(d) <= 31 else None


def parse_header(text: str, source: str) -> tuple[LawHeader, list[str]]:
    """Title, version and history lines; returns the body lines after the header."""
    lines = text.splitlines()
    title = lines[0].lstrip("#").strip() if lines else ""
    end = next((i for i, ln in enumerate(lines) if "<!-- INFO END -->" in ln), None)
    if end is None:  # no marker: history runs until the first heading or article
        end = next((i for i, ln in enumerate(lines[1:], 1) if ARTICLE.match(ln.strip()) or HEADING.match(ln.strip())), 1) - 1
    head = [ln.strip() for ln in lines[1:end] if ln.strip()]
    history = tuple(ln for ln in head if not ln.startswith("#"))
    parts = [p for ln in head if ln.startswith("#") and _PART.fullmatch(p := ln.lstrip("#").strip())]
    if source.startswith(UPLOAD_PREFIX):
        version = upload_version(source)
    else:
        version = version_from_name(source) or _last_history_date(history)
    return LawHeader(title, version, history, parts[0] if parts else None), lines[end + 1:]


def _last_history_date(history: tuple[str, ...]) -> str | None:
    dates = [f"{y}-{int(m):02d}-{int(d):02d}" for ln in history for y, m, d in _HIST_DATE.findall(ln)[:1]]
    return max(dates) if dates else None


def norm_heading(marker: str, name: str) -> str:
    name = re.sub(r"[ \u3000\t]+", " ", name).strip()
    if re.fullmatch(r"[\u4e00-\u9fff ]+", name):
        name = name.replace(" ", "")  # 总 则 -> 总则
    return f"{marker} {name}".strip()


def _walk(body: list[str], part: str | None = None) -> list[_Article]:
    path: list[tuple[int, str]] = [(-1, part)] if part else []
    articles: list[_Article] = []
    for raw in body:
        line = raw.strip()
        if not line:
            continue
        h = HEADING.match(line)
        if h and (raw.startswith("#") or not articles or len(line) <= 30):
            level = _LEVELS[h.group(2)]
            path = [p for p in path if p[0] < level] + [(level, norm_heading(h.group(1), h.group(3)))]
            continue
        if line.startswith("#"):
            continue
        a = ARTICLE.match(line)
        if a and _in_sequence(a, articles):
            number = cn_to_int(a.group(1)) or 0
            label = f"第{a.group(1)}条" + (f"之{a.group(2)}" if a.group(2) else "")
            art = _Article(label, number, tuple(p[1] for p in path), [f"{label}　{a.group(3).strip()}"],
                           cn_to_int(a.group(2) or "") or 0)
            articles.append(art)
        elif articles:
            articles[-1].paragraphs.append(line)
    return articles


def _in_sequence(m: re.Match, articles: list[_Article]) -> bool:
    """(number, 之-number) only grows; a line starting 第X条 that goes back is a cross-reference."""
    if not articles:
        return True
    key = (cn_to_int(m.group(1)) or 0, cn_to_int(m.group(2) or "") or 0)
    last = articles[-1]
    return key > (last.number, last.sub)


def split_paragraphs(paras: list[str], limit: int = MAX_ARTICLE_CHARS) -> list[str]:
    """Group 款 into parts of at most `limit` characters; a single long 款 stays whole."""
    parts: list[str] = []
    for p in paras:
        if parts and len(parts[-1]) + len(p) + 1 <= limit:
            parts[-1] += "\n" + p
        else:
            parts.append(p)
    return parts


def parse_law(text: str, source: str) -> list[Chunk]:
    header, body = parse_header(text, source)
    level = legal_level(source, header.title)
    chunks: list[Chunk] = []
    for art in _walk(body, header.part):
        full = "\n".join(art.paragraphs)
        parts = [full] if len(full) <= MAX_ARTICLE_CHARS else split_paragraphs(art.paragraphs)
        for i, part_text in enumerate(parts, 1):
            part = i if len(parts) > 1 else None
            chunks.append(Chunk(
                # the heading path is part of what gets embedded: a changed path must mean a new id
                chunk_id=make_chunk_id(source, header.version, "/".join((*art.heading_path, f"{art.label}#{part or 0}")),
                                       part_text),
                doc_type="law", title=header.title, short_title=short_title(header.title),
                version=header.version, is_current=True, article=art.label, article_no=art.number,
                part=part, heading_path=art.heading_path, section=None, text=part_text, source=source, level=level,
            ))
    return chunks
