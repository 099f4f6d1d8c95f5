"""Cross-references inside an article, resolved to the article or 款 they name. Pure.

    依照本法第五十七条 / 违反本条例第十条第二款   -> the same law and version
    本条第二款 / 前款 / 依照第三款                -> a 款 of the same article
    第十二条、第十三条 after a named law          -> that law (the list carries its name on)
    《中华人民共和国行政诉讼法》第四十六条         -> that law's current version (or this one when it is the same law)

A reference becomes a link only when its target is in the index; anchors are stable per (law, version, article, 款)
so the browse view and the sources panel point at the same places.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from app.schema import Chunk
from app.text import cn_to_int, int_to_cn

_N = "[零〇一二两三四五六七八九十百千0-9]+"


def _sub(name: str) -> str:
    return f"(?:之(?P<{name}>[一二三四五六七八九十]+))?"


_SELF = "本法|本条例|本办法|本规定|本细则|本决定|本规则|本解释|本实施条例|本实施细则|本实施办法"
REFERENCE = re.compile(
    rf"《(?P<law>[^《》\n]{{2,60}})》(?:\([^)\n]{{0,12}}\)|（[^）\n]{{0,12}}）)?第(?P<law_art>{_N})条{_sub('law_sub')}"
    rf"(?:第(?P<law_par>{_N})款)?"
    rf"|(?:{_SELF})第(?P<self_art>{_N})条{_sub('self_sub')}(?:第(?P<self_par>{_N})款)?"
    rf"|本条第(?P<this_par>{_N})款"
    rf"|(?P<prev>前款)"
    rf"|第(?P<art>{_N})条{_sub('sub')}(?:第(?P<par>{_N})款)?"
    rf"|第(?P<bare_par>{_N})款")
_LIST_GLUE = re.compile(r"[、，,和及与或至以及到]*")
_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


@dataclass(frozen=True)
class Target:
    title: str
    version: str | None
    article: str  # label: 第五十七条
    paragraph: int | None = None  # 款, 1-based

    @property
    def anchor(self) -> str:
        return anchor(self.title, self.version, self.article, self.paragraph)

    @property
    def reference(self) -> str:
        """The same place written as the browse box reads it: 《…》(2021)第五十七条第二款."""
        year = f"({self.version[:4]})" if self.version else ""
        return f"《{self.title}》{year}{self.article}" + (f"第{int_to_cn(self.paragraph)}款" if self.paragraph else "")


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    target: Target


def anchor(title: str, version: str | None, article: str, paragraph: int | None = None) -> str:
    """An HTML id for an article (or one of its 款): short, stable, safe in any attribute."""
    digest = hashlib.sha1(f"{title}|{version or ''}|{article}".encode()).hexdigest()[:12]
    return f"a-{digest}" + (f"-k{paragraph}" if paragraph else "")


def paragraphs_of(text: str) -> list[str]:
    """An article's 款: its lines, except （一）（二）… items, which belong to the 款 before them."""
    out: list[str] = []
    for line in text.split("\n"):
        if out and _ITEM.match(line.strip()):
            out[-1] += "\n" + line
        elif line.strip():
            out.append(line)
    return out


def _label(number: str, sub: str | None) -> str | None:
    n = cn_to_int(number)
    if not n:
        return None
    return f"第{int_to_cn(n)}条" + (f"之{sub}" if sub else "")


class ArticleTable:
    """Which articles exist (per law and version), how many 款 each has, and each article's parts in order."""

    def __init__(self, chunks: list[Chunk]):
        self.chunks = chunks
        self.parts: dict[tuple[str, str | None, str], list[Chunk]] = {}
        self.current: dict[str, str | None] = {}
        self.titles: dict[str, str] = {}
        for c in chunks:
            if c.doc_type != "law" or not c.article:
                continue
            self.parts.setdefault((c.title, c.version, c.article), []).append(c)
            if c.is_current:
                self.current.setdefault(c.title, c.version)
            for name in (c.title, c.short_title, c.title.replace("中华人民共和国", "")):
                self.titles.setdefault(name, c.title)
        self.counts = {k: len(paragraphs_of("\n".join(p.text for p in v))) for k, v in self.parts.items()}

    def text(self, title: str, version: str | None, article: str) -> str:
        return "\n".join(p.text for p in self.parts.get((title, version, article), []))

    def whole(self, title: str, version: str | None, article: str) -> Chunk | None:
        """The article as one chunk (a long article's parts joined)."""
        parts = self.parts.get((title, version, article))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else replace(parts[0], text=self.text(title, version, article), part=None)

    def exists(self, t: Target) -> bool:
        count = self.counts.get((t.title, t.version, t.article))
        return count is not None and (t.paragraph is None or 1 <= t.paragraph <= count)

    def paragraph_at(self, chunk: Chunk, pos: int) -> int:
        """The 款 (1-based) of the article that position pos of chunk.text falls in."""
        whole = self.text(chunk.title, chunk.version, chunk.article or "")
        offset = max(whole.find(chunk.text), 0)
        return len(paragraphs_of(whole[:offset + pos] + "x")) if whole else len(paragraphs_of(chunk.text[:pos] + "x"))


def _target(m: re.Match, chunk: Chunk, table: ArticleTable, carried: tuple[str, str | None] | None) -> Target | None:
    g = m.groupdict()
    here = (chunk.title, chunk.version)
    art = chunk.article or ""
    if g["law"] is not None:
        title = table.titles.get(g["law"].replace(" ", ""))
        if title is None:
            return None
        version = chunk.version if title == chunk.title else table.current.get(title)
        return _article_target(title, version, g["law_art"], g["law_sub"], g["law_par"])
    if g["self_art"] is not None:
        return _article_target(*here, g["self_art"], g["self_sub"], g["self_par"])
    if g["art"] is not None:
        title, version = carried or here
        return _article_target(title, version, g["art"], g["sub"], g["par"])
    if not art:
        return None
    if g["prev"] is not None:
        n = table.paragraph_at(chunk, m.start()) - 1
        return Target(*here, art, n) if n >= 1 else None
    number = cn_to_int(g["this_par"] or g["bare_par"] or "")
    return Target(*here, art, number) if number else None


def _article_target(title: str, version: str | None, number: str, sub: str | None, par: str | None) -> Target | None:
    label = _label(number, sub)
    return Target(title, version, label, cn_to_int(par) if par else None) if label else None


def find_links(text: str, chunk: Chunk, table: ArticleTable) -> list[Link]:
    """Links for the references in text (chunk.text, or a part of it) that name an article or 款 in the index."""
    if chunk.doc_type != "law":
        return []
    links: list[Link] = []
    carried: tuple[str, str | None] | None = None  # the law a list (第十二条、第十三条) carries on
    last_end = -1
    for m in REFERENCE.finditer(text):
        if m.start() == 0 and m.group("art") and _label(m.group("art"), None) == (chunk.article or "").split("之")[0]:
            continue  # the article's own label
        glued = last_end >= 0 and _LIST_GLUE.fullmatch(text[last_end:m.start()]) is not None
        target = _target(m, chunk, table, carried if glued and m.group("art") else None)
        if m.group("law") is not None or m.group("self_art") is not None:
            carried = (target.title, target.version) if target else ("", None)  # an unknown law: its list too
        elif not (glued and m.group("art")):
            carried = None
        last_end = m.end()
        if target and table.exists(target) and not _is_self(target, chunk):
            links.append(Link(m.start(), m.end(), target))
    return links


def _is_self(t: Target, chunk: Chunk) -> bool:
    return t.paragraph is None and (t.title, t.version, t.article) == (chunk.title, chunk.version, chunk.article)


def related_articles(chunk: Chunk, chunks: list[Chunk], table: ArticleTable | None = None) -> list[Chunk]:
    """The other articles chunk's text relies on (违反本法第十二条规定的… -> 第十二条), whole, in order of mention.
    table: pass one built over chunks when calling this repeatedly."""
    table = table if table is not None and table.chunks is chunks else ArticleTable(chunks)
    out: list[Chunk] = []
    seen = {(chunk.title, chunk.version, chunk.article)}
    for link in find_links(chunk.text, chunk, table):
        key = (link.target.title, link.target.version, link.target.article)
        if key not in seen and (whole := table.whole(*key)) is not None:
            seen.add(key)
            out.append(whole)
    return out


class TableCache:
    """One ArticleTable per chunk list, rebuilt when the list is replaced (a reload after a build)."""

    def __init__(self) -> None:
        self._table: ArticleTable | None = None

    def get(self, chunks: list[Chunk]) -> ArticleTable:
        if self._table is None or self._table.chunks is not chunks:
            self._table = ArticleTable(chunks)
        return self._table
