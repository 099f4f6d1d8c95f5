"""Trainer toolkit shared layer: law-name and version resolution, whole articles, clauses and their testable
elements (figures, authorities). Pure.

Quiz, outline and diff all start from "which law, which version, which chapter"; resolving that once here keeps
the three tools (and the CLI / UI around them) agreeing on what 行政复议法 2017 means.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from app.errors import LawdeskError
from app.schema import Chunk
from app.text import cn_to_int, norm_title


# (?<!…) keeps 六十日 whole (not 十日) and skips 第十日 / 10月1日; units are those statutes set limits in.
FIGURE = re.compile(r"(?<![第月\d零〇一二两三四五六七八九十百千万])([零〇一二两三四五六七八九十百千万]+|\d+)"
                    r"(个工作日|工作日|个月|日|年|万元|元|倍|公顷|亩|名|人)")
_GOV = (r"(?:国务院|(?:省、自治区、直辖市|省级|设区的市级?|县级以上(?:地方)?(?:各级)?|县级|乡（镇）|乡、镇|"
        r"上一级地方|上一级|本级|地方各级)人民政府)")
_DEPT = r"(?:自然资源|林业|草原|林业草原|生态环境|城乡规划|住房和城乡建设|农业农村|水行政|财政|税务|公安|测绘地理信息|地质矿产|土地|有关)"
AUTHORITY = re.compile(rf"{_GOV}(?:{_DEPT}?主管部门|有关部门|工作部门|司法行政部门)?|行政复议机关|行政复议机构|"
                       r"人民法院|人民检察院|上级行政机关|上一级主管部门|监察机关|公安机关|审计机关")
_NAME_TAIL = set("行部机办所派统财税林农水交卫教文司审民")  # 国务院|行政复议机构, 县级以上人民政府|统计机构
# A clause that leans on its neighbours (前款…) does not stand alone as a stem.
_DEPENDENT = re.compile(r"前款|前两款|前三款|本条|上述|前项|下列|^但|^并|^其中|^或者|^也|^同时|^对此")
_ACTOR = re.compile(rf"(?:{AUTHORITY.pattern}|公民|申请人|被申请人|第三人|当事人|任何单位|国家)")


class TrainingError(LawdeskError):
    """A trainer request that cannot be met as given (unknown law, version or chapter)."""


class UnknownLaw(TrainingError):
    pass


class UnknownVersion(TrainingError):
    pass


@dataclass(frozen=True)
class LawRef:
    """One version of one law, as the trainer tools address it."""

    title: str  # 中华人民共和国行政复议法
    short_title: str  # 行政复议法
    version: str  # YYYY-MM-DD ("" for an undated law)
    is_current: bool

    @property
    def year(self) -> str:
        return self.version[:4]

    @property
    def label(self) -> str:
        """How stems and headings name the law: 《行政复议法》（2023年版）."""
        return f"《{self.short_title}》（{self.year}年版）" if self.year else f"《{self.short_title}》"


@dataclass(frozen=True)
class Article:
    """A whole article (its parts re-joined), the unit every trainer tool works on."""

    label: str  # 第二十条
    number: int
    heading_path: tuple[str, ...]
    text: str  # starts with the label and a full-width space; 款 separated by "\n"

    @property
    def body(self) -> str:
        """The text without its leading label."""
        return self.text[len(self.label):].lstrip("\u3000 ")

    @property
    def chapter(self) -> str:
        """The top heading (章, or 编 for codified laws); "" for a law without headings."""
        return self.heading_path[0] if self.heading_path else ""


def _law_chunks(chunks: list[Chunk]) -> list[Chunk]:
    return [c for c in chunks if c.doc_type == "law"]


def _titles(chunks: list[Chunk]) -> dict[str, str]:
    """norm_title -> full title, for every law in the chunks."""
    return {norm_title(c.title): c.title for c in _law_chunks(chunks)}


def resolve_title(chunks: list[Chunk], law: str) -> str:
    """行政复议法 / 《中华人民共和国行政复议法》 / 中华人民共和国行政复议法 -> the full title, or UnknownLaw."""
    titles = _titles(chunks)
    key = norm_title(law or "")
    if key in titles:
        return titles[key]
    close = difflib.get_close_matches(key, list(titles), n=5, cutoff=0.5)
    close += [t for t in titles if key and key in t and t not in close]  # 复议法 -> 行政复议法
    hint = f"，您是否要找：{'、'.join(f'《{titles[t]}》' for t in close[:5])}" if close else ""
    raise UnknownLaw(f"知识库中没有找到《{law}》{hint}。")


def find_versions(chunks: list[Chunk], law: str) -> list[str]:
    """All versions of a law in the chunks, oldest first (YYYY-MM-DD; "" for an undated law)."""
    title = resolve_title(chunks, law)
    return sorted({c.version or "" for c in _law_chunks(chunks) if c.title == title})


def resolve_law(chunks: list[Chunk], law: str, version: str | int | None = None) -> LawRef:
    """Law name plus version (a year such as 2017, a full date, or None for the version in force)."""
    title = resolve_title(chunks, law)
    versions = find_versions(chunks, title)
    chosen = _pick_version(versions, version)
    if chosen is None:
        listed = "、".join(v[:4] + "年版" for v in versions if v) or "无日期版本"
        raise UnknownVersion(f"《{title}》没有 {version} 版本，现有：{listed}。")
    current = max(versions)
    return LawRef(title=title, short_title=title.replace("中华人民共和国", ""), version=chosen,
                  is_current=chosen == current)


def _pick_version(versions: list[str], version: str | int | None) -> str | None:
    if version is None or str(version).strip() == "":
        return max(versions)
    want = re.sub(r"[年月日./]", "-", str(version).strip()).strip("-")
    exact = [v for v in versions if v == want]
    by_year = [v for v in versions if v[:4] == want[:4]] if re.fullmatch(r"\d{4}", want) else []
    found = exact or by_year
    return found[-1] if found else None


def articles(chunks: list[Chunk], ref: LawRef, chapter: str | None = None) -> list[Article]:
    """The articles of one law version in order, parts re-joined, optionally within one chapter/section."""
    merged: dict[str, list[Chunk]] = {}
    for c in _law_chunks(chunks):
        if c.title == ref.title and (c.version or "") == ref.version and c.article:
            merged.setdefault(c.article, []).append(c)
    out = [_join(parts) for parts in merged.values()]
    out.sort(key=lambda a: (a.number, a.label))
    if chapter:
        out = [a for a in out if _in_chapter(a, chapter)]
        if not out:
            raise TrainingError(f"{ref.label}中没有“{chapter}”，可用的章节：{'、'.join(chapters(chunks, ref))}。")
    return out


def _join(parts: list[Chunk]) -> Article:
    parts = sorted(parts, key=lambda c: c.part or 0)
    first = parts[0]
    return Article(label=first.article or "", number=first.article_no or 0, heading_path=first.heading_path,
                   text="\n".join(p.text for p in parts))


def _in_chapter(a: Article, chapter: str) -> bool:
    """第三章 matches "第三章 行政复议受理"; a heading name (行政复议受理) matches too."""
    want = re.sub(r"\s+", "", chapter)
    return any(re.sub(r"\s+", "", h).startswith(want) or want in h for h in a.heading_path)


def chapters(chunks: list[Chunk], ref: LawRef) -> list[str]:
    """Top-level headings of a law version, in order (for pickers and error messages)."""
    seen: list[str] = []
    for a in articles(chunks, ref):
        if a.chapter and a.chapter not in seen:
            seen.append(a.chapter)
    return seen


def law_titles(chunks: list[Chunk]) -> list[str]:
    """Short titles of every law with at least one article, sorted (for pickers)."""
    return sorted({c.short_title for c in _law_chunks(chunks) if c.article})


# --- clauses and the elements that questions and outlines test --------------------------------------------

@dataclass(frozen=True)
class Clause:
    article: Article
    index: int  # position within the article, for "one question per clause"
    text: str


def is_item(par: str) -> bool:
    """A 项 line: （一）…"""
    return bool(re.match(r"^[（(][一二三四五六七八九十]+[）)]", par))


def clauses(article: Article) -> list[Clause]:
    """Self-contained clauses of the article's 款: each sentence's first ；-segment, and later segments only when
    they name their own actor (…；认为需要维持的，… leans on the segment before). List leads and items left out."""
    out: list[Clause] = []
    for par in article.body.split("\n"):
        if is_item(par):
            continue
        for sentence in par.split("。"):
            for k, piece in enumerate(sentence.split("；")):
                piece = piece.strip().rstrip("：:，,")
                if k and not _ACTOR.match(piece):
                    continue
                if 10 <= len(piece) <= 110 and not _DEPENDENT.search(piece):
                    out.append(Clause(article, len(out), piece))
    return out


def figure_value(text: str) -> tuple[int, str] | None:
    m = FIGURE.fullmatch(text)
    if not m:
        return None
    value = cn_to_int(m.group(1))
    return (value, m.group(2)) if value is not None else None


def figures(text: str) -> list[str]:
    """Limits and amounts in a text (六十日, 三个工作日, 二十年, 五万元), dates and ordinals left out."""
    out = []
    for m in FIGURE.finditer(text):
        v = cn_to_int(m.group(1))
        unit = m.group(2)
        if v is None or (unit == "年" and v > 100) or (unit in ("名", "人") and v < 2):
            continue
        out.append(m.group(0))
    return out


def authority_slots(clause: Clause) -> list[re.Match]:
    """Authorities that act or receive in the clause: at its start or after 由/向/报/经; not the head of a longer
    name (国务院 in 国务院行政复议机构)."""
    text = clause.text
    return [m for m in AUTHORITY.finditer(text)
            if (m.start() == 0 or text[m.start() - 1] in "由向报经，") and text[m.end():m.end() + 1] not in _NAME_TAIL]
