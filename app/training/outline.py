"""Lesson outline of one law version: its headings, the key articles under each with a one-line point, and the
report passages that concern the law. Pure and offline: the point is the article's own operative sentence."""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.schema import Chunk
from app.training import Article, LawRef, articles, authority_slots, clauses, figures, is_item, resolve_law

MAX_KEY_ARTICLES = 4  # per section: a lesson slide holds about four points
POINT_CHARS = 80
_DUTY = re.compile(r"应当|不得|必须|禁止")


@dataclass(frozen=True)
class OutlinePoint:
    article: str
    point: str

    def to_json(self) -> dict:
        return {"article": self.article, "point": self.point}


@dataclass(frozen=True)
class OutlineSection:
    heading_path: tuple[str, ...]  # () for a law without headings
    articles: int  # how many articles the section has
    points: tuple[OutlinePoint, ...]

    def to_json(self) -> dict:
        return {"heading_path": list(self.heading_path), "articles": self.articles,
                "points": [p.to_json() for p in self.points]}


@dataclass(frozen=True)
class ReportPassage:
    section: str
    text: str
    direct: bool  # names the law itself (《…行政复议法》), not only its subject (行政复议)

    def to_json(self) -> dict:
        return {"section": self.section, "text": self.text, "direct": self.direct}


@dataclass(frozen=True)
class Outline:
    law: LawRef
    chapter: str | None
    sections: tuple[OutlineSection, ...]
    report: tuple[ReportPassage, ...]

    def to_json(self) -> dict:
        return {"law": self.law.title, "version": self.law.version, "chapter": self.chapter,
                "sections": [s.to_json() for s in self.sections], "report": [r.to_json() for r in self.report]}


def _weight(text: str) -> int:
    """How much a sentence obliges or limits: figures and duties weigh most, then authorities and 可以."""
    clause_authorities = len(re.findall(r"人民政府|主管部门|机关|机构", text))
    return 3 * len(figures(text)) + 2 * len(_DUTY.findall(text)) + min(clause_authorities, 2) + ("可以" in text)


def operative_sentence(article: Article) -> str:
    """The sentence that carries the rule (the weightiest clause; the first one on a tie), shortened to a line."""
    sentences = [c.text for c in clauses(article)]
    best = max(sentences, key=_weight) if sentences else _list_point(article)  # max keeps the first of equals
    return best if len(best) <= POINT_CHARS else best[:POINT_CHARS - 1] + "…"


def _list_point(article: Article) -> str:
    """For an article that is a lead plus items: the lead with its first items (有下列情形之一的，不予许可：甲；乙等)."""
    lines = article.body.split("\n")
    items = [re.sub(r"^（[一二三四五六七八九十]+）", "", x).rstrip("；。") for x in lines[1:] if is_item(x)]
    shown = "；".join(items[:2]) + ("等" if len(items) > 2 else "")
    return lines[0].rstrip("：:") + ("：" + shown if shown else "")


def article_weight(article: Article) -> int:
    return max((_weight(c.text) + len(authority_slots(c)) for c in clauses(article)), default=0)


def _sections(arts: list[Article]) -> list[tuple[tuple[str, ...], list[Article]]]:
    out: list[tuple[tuple[str, ...], list[Article]]] = []
    for a in arts:
        if not out or out[-1][0] != a.heading_path:
            out.append((a.heading_path, []))
        out[-1][1].append(a)
    return out


def key_articles(arts: list[Article], k: int = MAX_KEY_ARTICLES) -> list[Article]:
    """The k weightiest articles of a section, in article order."""
    ranked = sorted(arts, key=lambda a: (-article_weight(a), a.number))[:k]
    return sorted(ranked, key=lambda a: a.number)


def report_passages(chunks: list[Chunk], ref: LawRef) -> list[ReportPassage]:
    """Report paragraphs naming the law (direct), then those naming its subject (行政复议法 -> 行政复议)."""
    name = re.compile(re.escape(ref.short_title) + r"(?!实施)")  # 行政复议法实施条例 is another law
    topic = re.sub(r"(法|条例|规定|办法)$", "", ref.short_title)
    out = []
    for c in chunks:
        if c.doc_type != "report":
            continue
        if name.search(c.text):
            out.append(ReportPassage(c.section or "", c.text, True))
        elif len(topic) >= 2 and topic in c.text:
            out.append(ReportPassage(c.section or "", c.text, False))
    return sorted(out, key=lambda r: not r.direct)


def build_outline(chunks: list[Chunk], law: str, version: str | int | None = None,
                  chapter: str | None = None) -> Outline:
    ref = resolve_law(chunks, law, version)
    sections = tuple(
        OutlineSection(path, len(arts), tuple(OutlinePoint(a.label, operative_sentence(a)) for a in key_articles(arts)))
        for path, arts in _sections(articles(chunks, ref, chapter)))
    return Outline(ref, chapter, sections, tuple(report_passages(chunks, ref)))
