"""Query analysis (pure): explicit article references, mentioned laws, version words, report intent."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.retrieve.lexicon import expand
from app.text import cn_to_int, to_halfwidth, to_simplified

_NUM = r"[0-9零〇一二两三四五六七八九十百千]+"
_VERSION_NOTE = r"(?:[(（][^)）]{0,14}[)）]|\s*(?:19|20)\d{2}\s*年?\s*(?:版|修订|修正)?)?"
_ARTICLE_AFTER = re.compile(rf"^\s*》?\s*{_VERSION_NOTE}\s*(?:的|中的|中)?\s*第\s*({_NUM})\s*条")
ARTICLE_BARE = re.compile(rf"第\s*({_NUM})\s*条")
_SHORT_ARTICLE = re.compile(rf"^\s*》?\s*{_VERSION_NOTE}\s*({_NUM})\s*条")
# 2017年版 / 2017年的 / 2017年那版 / 2017年这一版 / 2017年那个版本
_YEAR = re.compile(r"(19\d{2}|20\d{2})\s*年?\s*(?:(?:那|这)\s*[一个]?\s*)?(?:版|修订|修正|文本|的)")
_OLD = re.compile(r"修订前|修改前|旧版|旧法|原来的|老版|以前的版本|原法")
# words that point at the bureau's own report; its place, bureau and year come from the indexed report's title
_REPORT = re.compile(r"本局|我局|贵局|报告|全年|去年|今年|下一步|存在的问题|工作打算")
# … of which these say outright that the question is about the report's year or the report itself
_REPORT_NAMED = re.compile(r"报告|去年|今年|上一年|全年")
_REPORT_TITLE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,6}?)[省市县区](?P<org>[\u4e00-\u9fff]{2,14}?局)?(?P<year>\d{4})年")
_COUNT = re.compile(r"多少(?:次|个|项|条|宗|起|件|份|名|场|辆|处|人次|万元|亩|元)?|几(?:次|个|项|条|宗|起|件|份|名|场|辆|处)")
_DEFINE = re.compile(r"(?:什么(?:是|叫)|何为|何谓)\s*([\u4e00-\u9fff]{2,12})|([\u4e00-\u9fff]{2,12})(?:是什么|指什么|的含义|的定义)")
_DEADLINE = re.compile(r"期限|时限|多长时间|多久|几天|多少天|多少日|什么时候之前|期间")
_LOCAL = re.compile(r"河南|焦作|孟州|本省|省级|地方")
_FOLLOWUP = re.compile(r"^(?:那|那么|如果|若|假如|还有|另外|其中|它|这|此外|再问|该|此|上述|刚才|前面)|呢[？?。!！]*$|"
                       r"这个|那个|这种|那种|这些|那些|这样|上述|刚才说的|前面说的|也一样|同样")
# an elliptical question: short, naming no subject of its own (组织了几次演练？ 扣了多少辆车？)
FOLLOWUP_CHARS = 12


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
    report_named: bool = False  # names the report, its place, bureau or year (孟州, 去年, 报告里): settle() reads it
    from_history: bool = False  # the law or article came from an earlier turn
    define: str | None = None  # "什么是行政处罚" -> 行政处罚: definition articles rank first
    resolved: str = ""  # the question as understood, follow-ups completed from history
    deadline: bool = False  # asks for a time limit: articles stating one rank higher
    local: bool = False  # names a place or local level: local regulations are not ranked after national law


def report_words(report_titles: Iterable[str]) -> tuple[str, ...]:
    """孟州市自然资源和规划局2025年法治政府建设工作报告 -> 孟州, 自然资源和规划局, 2025年: a question naming them
    asks about that report."""
    out: list[str] = []
    for t in report_titles:
        if m := _REPORT_TITLE.match(t):
            out += [w for w in (m.group("place"), m.group("org"), f"{m.group('year')}年") if w]
    return tuple(dict.fromkeys(out))


class TitleIndex:
    """Maps every way of naming a law (full title, short title, with or without 《》) to its full title, and
    knows the words that name the indexed report (report_words)."""

    def __init__(self, titles: dict[str, str], reports: Iterable[str] = ()):
        words = report_words(reports)
        self.report_pattern = re.compile("|".join(map(re.escape, words))) if words else None
        self.alias = {}
        for full, short in titles.items():
            for a in {full, short}:
                if len(a) >= 3:
                    self.alias[a] = full
        self._ordered = sorted(self.alias, key=len, reverse=True)
        self._pattern: re.Pattern[str] | None = None  # one alternation, compiled on first use

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """(full title, start, end) of each mention, non-overlapping, in text order; at each position the
        longest alias wins (土地管理法实施条例 over 土地管理法)."""
        if self._pattern is None:
            if not self._ordered:
                return []
            self._pattern = re.compile("|".join(map(re.escape, self._ordered)))
        return [(self.alias[m.group(0)], m.start(), m.end()) for m in self._pattern.finditer(text)]


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
    question = to_simplified(question)
    q = normalise_query(question)
    mentions = titles.find(q)
    laws = tuple(dict.fromkeys(t for t, _, _ in mentions))
    arts = _articles_after(q, mentions)
    from_history = False
    if not laws:
        prev = _law_from_history(history, titles)
        bare = [cn_to_int(m.group(1)) for m in ARTICLE_BARE.finditer(q)]
        if prev and bare:
            arts = [ArticleRef(prev, n) for n in bare if n]
            laws, from_history = (prev,), True
    year = m.group(1) if (m := _YEAR.search(q)) else None
    resolved = resolve_followup(question.strip(), history, titles) if not arts else question.strip()
    names_report = bool(titles.report_pattern and titles.report_pattern.search(resolved))
    report = bool(_REPORT.search(resolved) or names_report or (_COUNT.search(resolved) and not laws))
    d = _DEFINE.search(q)
    # a follow-up's own words count twice: they say what changed from the previous turn
    text = resolved if resolved == question.strip() else f"{question.strip()} {resolved}"
    return QueryPlan(text=expand(normalise_query(text)), laws=laws, articles=tuple(arts), year=year, old=bool(_OLD.search(q)),
                     report=report and not arts, from_history=from_history,
                     report_named=bool(not arts and (names_report or _REPORT_NAMED.search(resolved))),
                     define=(d.group(1) or d.group(2)) if d else None, resolved=resolved,
                     deadline=bool(_DEADLINE.search(resolved)), local=bool(_LOCAL.search(text)))


def is_followup(q: str, titles: TitleIndex | None = None) -> bool:
    """Leans on an earlier turn: a pointing word (那/这个/也一样…), or short with no law of its own named.
    A question naming a law is a new subject and replaces the old one."""
    q = q.strip()
    if titles is not None and titles.find(q):
        return False
    return bool(_FOLLOWUP.search(q)) or len(q) <= FOLLOWUP_CHARS


def resolve_followup(q: str, history: tuple[str, ...], titles: TitleIndex | None = None) -> str:
    """Offline condensation: an elliptical question inherits the previous user turn's topic."""
    if not history or not is_followup(q, titles):
        return q
    return f"{history[-1].rstrip('？?。 ')}；{q}"


def _law_from_history(history: tuple[str, ...], titles: TitleIndex) -> str | None:
    for turn in reversed(history):
        found = titles.find(normalise_query(turn))
        if found:
            return found[-1][0]
    return None
