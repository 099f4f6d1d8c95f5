"""Query analysis (pure): explicit article references, mentioned laws, version words, report intent."""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.text import cn_to_int, to_halfwidth

_NUM = r"[0-9零〇一二两三四五六七八九十百千]+"
_ARTICLE_AFTER = re.compile(rf"^\s*》?\s*(?:的|中的|中)?\s*第\s*({_NUM})\s*条")
_ARTICLE_BARE = re.compile(rf"第\s*({_NUM})\s*条")
_SHORT_ARTICLE = re.compile(rf"^\s*》?\s*({_NUM})\s*条")
_YEAR = re.compile(r"(19\d{2}|20\d{2})\s*年?\s*(?:版|修订|修正|文本|的)")
_OLD = re.compile(r"修订前|修改前|旧版|旧法|原来的|老版|以前的版本|原法")
_REPORT = re.compile(r"本局|我局|贵局|报告|全年|孟州|自然资源和规划局|2025年|去年|今年|下一步|存在的问题|工作打算")


@dataclass(frozen=True)
class ArticleRef:
    title: str
    article_no: int


@dataclass(frozen=True)
class QueryPlan:
    text: str
    laws: tuple[str, ...] = ()  # full titles mentioned, in order
    articles: tuple[ArticleRef, ...] = ()
    year: str | None = None  # a version year asked for
    old: bool = False  # "修订前", "旧版": the earlier version
    report: bool = False
    from_history: bool = False  # the law or article came from an earlier turn


class TitleIndex:
    """Maps every way of naming a law (full title, short title, with or without 《》) to its full title."""

    def __init__(self, titles: dict[str, str]):
        self.alias = {}
        for full, short in titles.items():
            for a in {full, short}:
                if len(a) >= 3:
                    self.alias[a] = full
        self._ordered = sorted(self.alias, key=len, reverse=True)

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """(full title, start, end) of each mention, longest alias first, non-overlapping, in text order."""
        taken: list[tuple[int, int]] = []
        found = []
        for a in self._ordered:
            for m in re.finditer(re.escape(a), text):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                taken.append((s, e))
                found.append((self.alias[a], s, e))
        return sorted(found, key=lambda f: f[1])


def normalise_query(q: str) -> str:
    return to_halfwidth(q).replace("《", "《").strip()


def _articles_after(text: str, mentions: list[tuple[str, int, int]]) -> list[ArticleRef]:
    refs = []
    for title, _, end in mentions:
        tail = text[end:]
        m = _ARTICLE_AFTER.match(tail) or _SHORT_ARTICLE.match(tail)
        if m and (n := cn_to_int(m.group(1))):
            refs.append(ArticleRef(title, n))
            for extra in re.finditer(rf"^[、和及与,，]\s*第?\s*({_NUM})\s*条", tail[m.end():]):
                refs.append(ArticleRef(title, cn_to_int(extra.group(1)) or 0))
    return refs


def analyse(question: str, titles: TitleIndex, history: tuple[str, ...] = ()) -> QueryPlan:
    """history: earlier user turns, newest last; used when the question names an article but no law."""
    q = normalise_query(question)
    mentions = titles.find(q)
    laws = tuple(dict.fromkeys(t for t, _, _ in mentions))
    arts = _articles_after(q, mentions)
    from_history = False
    if not laws:
        prev = _law_from_history(history, titles)
        bare = [cn_to_int(m.group(1)) for m in _ARTICLE_BARE.finditer(q)]
        if prev and bare:
            arts = [ArticleRef(prev, n) for n in bare if n]
            laws, from_history = (prev,), True
    year = m.group(1) if (m := _YEAR.search(q)) else None
    return QueryPlan(text=q, laws=laws, articles=tuple(arts), year=year, old=bool(_OLD.search(q)),
                     report=bool(_REPORT.search(q)) and not arts, from_history=from_history)


def _law_from_history(history: tuple[str, ...], titles: TitleIndex) -> str | None:
    for turn in reversed(history):
        found = titles.find(normalise_query(turn))
        if found:
            return found[-1][0]
    return None
