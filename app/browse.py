"""The 法规浏览 tab's lookup box: every way a user writes a reference, resolved against the index, or told why not.

    parse_reference("行政复议法（2017年）第九条第二款", titles) -> Reference(title, year, article, paragraph…)
    References(chunks).resolve(text) -> Resolution(status, title, version, target chunks, message)

Pure: works on the chunk list it is given. Unlike question analysis, a reference here is the whole input, so a
two-character short title (宪法) is safe to match, and an unknown version or article is reported instead of
showing another one (行政复议法(2015)第九条 must not show 2023 第九条).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from app.crossref import paragraphs_of
from app.schema import Chunk
from app.text import cn_to_int, int_to_cn, to_halfwidth, to_simplified

_NUM = r"[0-9零〇一二两三四五六七八九十百千]+"
_YEAR_NOTE = re.compile(r"^\(?((?:19|20)\d{2})(?:年)?(?:修订|修正|修改)?(?:版本|版|文本|本)?\)?(?:的|中的|中)?")
_YEAR_ANY = re.compile(r"((?:19|20)\d{2})年?(?:修订|修正|修改)?(?:版本|版|文本)")
_OLD = re.compile(r"旧法|旧版|修订前|修改前|修正前|原法|老版|以前的版本|原来的版本|上一版")
_ARTICLE = re.compile(rf"第({_NUM})条(?:之([一二三四五六七八九十]+))?")
_BARE_ARTICLE = re.compile(rf"^({_NUM})条?")
_PARAGRAPH = re.compile(rf"第({_NUM})款")
_SECTION = re.compile(r"([一二三四五六七八九十]+)[、.]?(?:\(([一二三四五六七八九十]+)\))?(\d{1,2})?\.?$")
_SECTION_L2 = re.compile(r"^\(([一二三四五六七八九十]+)\)(\d{1,2})?\.?$")
_REPORT_WORDS = re.compile(r"工作报告|报告|本局|我局")


@dataclass(frozen=True)
class Reference:
    """What the user asked for, before looking it up."""

    text: str
    title: str | None = None  # full title of the document named
    year: str | None = None  # a version year asked for
    old: bool = False  # 旧法 / 修订前: the version before the current one
    article_no: int | None = None
    sub: int = 0  # 第十条之一 -> 1
    paragraph: int | None = None  # 第二款 -> 2
    section: str | None = None  # a report or policy section label: 一、（四）2
    report: bool = False  # names the work report without its title

    @property
    def article(self) -> str | None:
        if self.article_no is None:
            return None
        return f"第{int_to_cn(self.article_no)}条" + (f"之{int_to_cn(self.sub)}" if self.sub else "")


class Status(Enum):
    FOUND = "found"
    EMPTY = "empty"
    NO_TITLE = "no_title"
    NO_VERSION = "no_version"
    NO_ARTICLE = "no_article"
    NO_PARAGRAPH = "no_paragraph"
    NO_SECTION = "no_section"


@dataclass(frozen=True)
class Resolution:
    status: Status
    reference: Reference
    title: str | None = None
    version: str | None = None
    targets: tuple[Chunk, ...] = ()  # the chunks to mark (an article's parts, a section's paragraphs)
    message: str = ""  # why nothing was found, or a note to show with the document

    @property
    def found(self) -> bool:
        return self.status is Status.FOUND


def _clean(text: str, simplify: bool = True) -> str:
    text = to_simplified(text or "") if simplify else text or ""
    return re.sub(r"[\s《》「」“”\"']", "", to_halfwidth(text))


def section_label(l1: str | None, l2: str | None, l3: str | None) -> str:
    return (f"{l1}、" if l1 else "") + (f"（{l2}）" if l2 else "") + (l3 or "")


def _section(rest: str) -> str | None:
    rest = rest.strip("第节")
    m = _SECTION.fullmatch(rest)
    if m:
        return section_label(*m.groups())
    m = _SECTION_L2.fullmatch(rest)
    return section_label(None, *m.groups()) if m else None


def _aliases(titles: Mapping[str, str]) -> list[tuple[str, str]]:
    """(alias, full title), longest alias first; two-character short titles (宪法) count here."""
    pairs: dict[str, str] = {}
    for full, short in titles.items():
        for a in (full, short, full.replace("中华人民共和国", "")):
            a = _clean(a, simplify=False)  # titles are simplified already (and converting 1,500 of them is slow)
            if len(a) >= 2:
                pairs.setdefault(a, full)
    return sorted(pairs.items(), key=lambda p: -len(p[0]))


def parse_reference(text: str, titles: Mapping[str, str] | Sequence[tuple[str, str]]) -> Reference:
    """titles: full title -> short title, or (alias, full title) pairs longest first (see References)."""
    q = _clean(text)
    aliases = _aliases(titles) if isinstance(titles, Mapping) else list(titles)
    hit = next(((q.find(a), a, full) for a, full in aliases if a in q), None)
    if hit is None:
        report = bool(_REPORT_WORDS.search(q))
        section = _section(_REPORT_WORDS.sub("", q))
        return Reference(text, report=report or section is not None, section=section)
    start, alias, title = hit
    tail = q[start + len(alias):]
    note = _YEAR_NOTE.match(tail)
    year = note.group(1) if note else (m.group(1) if (m := _YEAR_ANY.search(q)) else None)
    rest = tail[note.end():] if note else tail
    art = _ARTICLE.search(rest)
    bare = None if art else _BARE_ARTICLE.match(rest)
    found = art or bare
    number = cn_to_int(found.group(1)) if found else None
    sub = cn_to_int(art.group(2)) if art and art.group(2) else 0
    para = _PARAGRAPH.search(rest[art.end():] if art else rest)
    section = None if number else _section(_OLD.sub("", rest))
    return Reference(text, title, year, bool(_OLD.search(q)), number, sub or 0,
                     cn_to_int(para.group(1)) if para else None, section)


def _sub(label: str | None) -> int:
    return cn_to_int(label.split("之", 1)[1]) or 0 if label and "之" in label else 0


def _within(section: str, asked: str) -> bool:
    """一、（四）2 is within 一、 and 一、（四）; （四）2 (no 一、) is within whichever chapter has it."""
    if asked.startswith("（"):
        section = section.split("、", 1)[-1]
    return section.startswith(asked)


def _years(versions: Iterable[str]) -> str:
    return "、".join(v[:4] for v in versions) or "（未注明版本）"


class References:
    """Lookup tables over one chunk list; resolve() answers one reference."""

    def __init__(self, chunks: list[Chunk]):
        self.chunks = chunks
        titles: dict[str, str] = {}
        self.versions: dict[str, list[str]] = {}
        self.current: dict[str, str | None] = {}
        self.kind: dict[str, str] = {}
        self.parts: dict[tuple[str, str | None, int | None, int], list[Chunk]] = {}
        for c in chunks:
            if c.doc_type == "law":
                self.parts.setdefault((c.title, c.version, c.article_no, _sub(c.article)), []).append(c)
            titles.setdefault(c.title, c.short_title)
            self.kind.setdefault(c.title, c.doc_type)
            if c.version and c.doc_type == "law" and c.version not in self.versions.setdefault(c.title, []):
                self.versions[c.title].append(c.version)
            if c.doc_type == "law" and c.is_current:
                self.current.setdefault(c.title, c.version)
        for vs in self.versions.values():
            vs.sort()
        self.aliases = _aliases(titles)
        self.report_title = next((c.title for c in chunks if c.doc_type == "report"), None)

    def resolve(self, text: str) -> Resolution:
        if not _clean(text):
            return Resolution(Status.EMPTY, Reference(text), message="请输入法规名称和条号，例如：土地管理法第47条。")
        ref = parse_reference(text, self.aliases)
        if ref.title is None and ref.report and self.report_title:
            ref = Reference(text, self.report_title, section=ref.section)
        if ref.title is None:
            return Resolution(Status.NO_TITLE, ref, message=f"没有找到“{text.strip()[:60]}”。请写出法规名称和条号，"
                              "例如：土地管理法第47条、行政复议法 第二十条、宪法第十条；工作报告可写 报告 一、（四）2。")
        if self.kind.get(ref.title) != "law":
            return self._section(ref)
        version, problem = self._version(ref)
        if problem:
            return Resolution(Status.NO_VERSION, ref, ref.title, message=problem)
        return self._article(ref, version)

    def _version(self, ref: Reference) -> tuple[str | None, str]:
        title, vs = ref.title or "", self.versions.get(ref.title or "", [])
        short = title.replace("中华人民共和国", "")
        if ref.year:
            match = [v for v in vs if v.startswith(ref.year)]
            return (match[-1], "") if match else (None, f"{short}没有 {ref.year} 年版本，现有 {_years(vs)}")
        if ref.old:
            current = self.current.get(title)
            older = [v for v in vs if current and v < current]
            if not older:
                return None, f"{short}只收录了一个版本（{_years(vs)}），没有修订前的版本"
            return older[-1], ""
        return self.current.get(title, vs[-1] if vs else None), ""

    def _article(self, ref: Reference, version: str | None) -> Resolution:
        title = ref.title or ""
        shown = f"《{title}》" + (f"({version[:4]})" if version else "")
        if ref.article_no is None:
            return Resolution(Status.FOUND, ref, title, version, message="已打开全文；写出条号（如 第十条）可直接定位。")
        parts = tuple(self.parts.get((title, version, ref.article_no, ref.sub), ()))
        if not parts:
            return Resolution(Status.NO_ARTICLE, ref, title, version, message=f"{shown} 没有{ref.article}")
        if ref.paragraph:
            count = len(paragraphs_of("\n".join(c.text for c in parts)))
            if ref.paragraph > count:
                return Resolution(Status.NO_PARAGRAPH, ref, title, version, parts,
                                  f"{shown} {ref.article}只有 {count} 款，没有第{int_to_cn(ref.paragraph)}款")
        return Resolution(Status.FOUND, ref, title, version, parts)

    def _section(self, ref: Reference) -> Resolution:
        doc = [c for c in self.chunks if c.title == ref.title]
        version = doc[0].version if doc else None
        if not ref.section:
            return Resolution(Status.FOUND, ref, ref.title, version)
        exact = tuple(c for c in doc if c.section == ref.section)
        inside = tuple(c for c in doc if _within(c.section or "", ref.section))
        if exact or inside:
            return Resolution(Status.FOUND, ref, ref.title, version, exact or inside[:1])
        return Resolution(Status.NO_SECTION, ref, ref.title, version,
                          message=f"《{ref.title}》中没有“{ref.section}”这一部分")
