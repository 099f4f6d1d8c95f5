"""Check an LLM answer sentence by sentence against the passages it cites.

A sentence survives only if its [n] markers name given passages, it carries a marker when it states
something, and its figures, article labels, 《titles》 and quotations can be found in what it cites.
Failing sentences are removed and counted in a notice; nothing unsupported is kept silently.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from app.answer.prompts import CITIZEN_DISCLAIMER, NO_ANSWER
from app.schema import Chunk, Citation
from app.text import cn_to_int, compact, norm_title, to_halfwidth

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Verified:
    text: str
    citations: tuple[Citation, ...]
    notices: tuple[str, ...]
    removed: int


REASONS = {  # failure key -> why the sentences were removed, in the order notices are listed
    "bad_marker": "引用了不存在的资料编号",
    "uncited": "没有标注出处",
    "unsupported": "其中的数字、条文或引文在所引资料中找不到",
    "unrelated": "所引资料与该句内容无关",
}
NOTHING_LEFT = "回答中没有能够在所引资料中核实的内容。"  # the caller says what it shows instead

# --- markers and sentences -----------------------------------------------------------------

_MARKER = re.compile(r"\[(\d+)\]")
_MARKER_VARIANT = re.compile(r"[\[［【]\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*[\]］】]")
_END = "。！？!?"
_CLOSE = "”’」』）)\"'"
_TRAILING_MARKERS = re.compile(r"(?:\s*\[\d+\])+")


def normalise_markers(text: str) -> str:
    """【1】, ［1］ and [1,2] become [1] and [1][2], the one form the rest of this module reads."""
    return _MARKER_VARIANT.sub(lambda m: "".join(f"[{n}]" for n in re.findall(r"\d+", m.group(1))), text)


def markers(sentence: str) -> list[int]:
    return [int(n) for n in _MARKER.findall(sentence)]


_OPEN_Q, _CLOSE_Q = "“「『", "”」』"


def _outside_quotes(s: str, chars: str) -> list[int]:
    """Positions of `chars` outside “” 「」 『』, so a quoted article keeps its 。 and line breaks."""
    depth, out = 0, []
    for i, ch in enumerate(s):
        if ch in _OPEN_Q or ch in _CLOSE_Q:
            depth = depth + 1 if ch in _OPEN_Q else max(0, depth - 1)
        elif ch == "\n" and s[i + 1:i + 2] == "\n":
            depth = 0  # a blank line closes a quote left open: one stray “ must not swallow the answer
        if depth == 0 and ch in chars:
            out.append(i)
    return out


def split_lines(text: str) -> list[str]:
    cuts = [-1, *_outside_quotes(text, "\n"), len(text)]
    return [text[a + 1:b] for a, b in zip(cuts, cuts[1:])]


def split_sentences(line: str) -> list[str]:
    """Cut after 。！？ (plus closing quotes and markers that follow); the pieces join back to `line`."""
    out, start = [], 0
    for i in _outside_quotes(line, _END):
        if i < start:  # part of the run of end marks already taken
            continue
        j = i + 1
        while j < len(line) and (line[j] in _END or line[j] in _CLOSE):
            j += 1
        m = _TRAILING_MARKERS.match(line, j)  # "……提出。[1]" keeps its marker
        j = m.end() if m else j
        out.append(line[start:j])
        start = j
    if out and not line[start:].strip():  # trailing spaces stay with the last sentence
        out[-1] += line[start:]
    else:
        out.append(line[start:])
    return out


# --- what a sentence claims ------------------------------------------------------------------

_CN = "零〇一二两三四五六七八九十百千万"
_UNITS = (
    "个工作日|工作日|个百分点|个月|小时|日|天|周|年|月|元|亩|公顷|平方米|人次|次|宗|件|条|项|份|名|辆|场|个|处|家|人|户|批|起|倍|%"
)
_ORDINAL = re.compile(rf"第[{_CN}\d]+(?:条之[{_CN}]+|[条款项章节编目次个批届])")
_ARTICLE = re.compile(rf"第([{_CN}\d]+)条")
_LIST_PREFIX = re.compile(rf"^\s*(?:#+|[-*•·]|\d+[.、)）](?!\d)|[（(][{_CN}\d]+[)）]|[{_CN}]+、)\s*")
_ITEM = re.compile(r"^\s*(?:[-•·]|\*(?!\*)|\d+[.、)）](?!\d))")
_PERCENT = re.compile(rf"百分之([{_CN}]+|\d+(?:\.\d+)?)")
_FIGURE = re.compile(
    rf"(?P<num>\d+(?:\.\d+)?)(?P<wan>万)?(?:余|多)?(?P<unit>{_UNITS})?"
    rf"|(?P<cn>[{_CN}]+)(?:余|多)?(?P<cnunit>{_UNITS})"
)
_COUNT_UNITS = {"个", "次", "件", "项", "名", "条", "份", "处", "家", "人", "户", "批", "起", "场"}
_SAME_UNIT = {"天": "日", "个工作日": "工作日"}
_QUOTE = re.compile(r"「([^」]+)」|“([^”]+)”|『([^』]+)』|\"([^\"]+)\"")
_TITLE = re.compile(r"《([^》]+)》")
_EDGE_PUNCT = "，。；：、！？,.;:!? "

Figure = tuple[Decimal, str]


def _prep(s: str) -> str:
    """Half-width, no spaces, 百分之二十 -> 20%, ordinals (第二十条, 第一次) removed: they are not amounts."""
    s = compact(to_halfwidth(s))
    s = _PERCENT.sub(lambda m: f"{cn_to_int(m.group(1)) if not m.group(1)[0].isdigit() else m.group(1)}%", s)
    return _ORDINAL.sub("§", s)


def _figure(m: re.Match) -> Figure | None:
    if m.group("num"):
        value, unit = Decimal(m.group("num")), m.group("unit") or ""
        value *= 10000 if m.group("wan") else 1
    else:
        cn, unit = m.group("cn"), m.group("cnunit")
        if len(cn) < 4 and not set(cn) & set("十百千万〇零"):
            cn = cn[-1]  # "统一一次": a run of bare digits shorter than a year ends a word, it is not 11
        n = cn_to_int(cn)
        # 一次 / 同一条 / 三个方面 in running prose are words, not counts worth checking
        if n is None or unit == "个" or (n == 1 and unit in _COUNT_UNITS):
            return None
        value = Decimal(n)
    return value, _SAME_UNIT.get(unit, unit)


def figures(text: str) -> set[Figure]:
    """Numbers with their units: 六十日 -> (60, 日), 40.13 万亩 -> (401300, 亩), 233条 -> (233, 条)."""
    return {f for m in _FIGURE.finditer(_prep(text)) if (f := _figure(m))}


def articles(text: str) -> set[int]:
    return {n for m in _ARTICLE.finditer(to_halfwidth(text)) if (n := cn_to_int(m.group(1)))}


def _quotes(text: str) -> list[str]:
    found = ("".join(g for g in m.groups() if g) for m in _QUOTE.finditer(text))
    return [q for q in (compact(to_halfwidth(q)).strip(_EDGE_PUNCT) for q in found) if len(q) > 6]


# --- what the cited passages support -----------------------------------------------------------


@dataclass(frozen=True)
class _Support:
    figures: set[Figure]
    values: set[Decimal]
    articles: set[int]
    text: str  # compact, half-width
    titles: str

    @classmethod
    def of(cls, chunks: Iterable[Chunk]) -> "_Support":
        chunks = list(chunks)
        text = " ".join(c.text for c in chunks)
        # the locator is support too: "2023年修订" (version), "2025年…报告" (title), "（一）2" (section)
        where = " ".join(f"{(c.version or '')[:4]}年 {c.title} {c.section or ''}" for c in chunks)
        figs = figures(f"{text} {where}")
        arts = {c.article_no for c in chunks if c.article_no} | articles(text)
        titles = " ".join(norm_title(to_halfwidth(t)) for c in chunks for t in (c.title, c.short_title))
        return cls(figs, {v for v, _ in figs}, arts, compact(to_halfwidth(text)), titles)

    def has_figure(self, fig: Figure) -> bool:
        value, unit = fig
        return fig in self.figures if unit else value in self.values

    def has_title(self, title: str) -> bool:
        t = norm_title(to_halfwidth(title))
        return t in self.titles or t in self.text.replace("中华人民共和国", "")

    def backs(self, body: str) -> bool:
        """Every figure, article label, long quotation and 《title》 of `body` is found here."""
        return (
            all(self.has_figure(f) for f in figures(body)) and articles(body) <= self.articles
            and all(q in self.text for q in _quotes(body)) and all(self.has_title(t) for t in _TITLE.findall(body))
        )


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"[\W_]+", "", _MARKER.sub("", to_halfwidth(s)))
    return {s[i:i + 2] for i in range(len(s) - 1)}


# --- one sentence ---------------------------------------------------------------------------------

_CONNECTIVE = re.compile(r"^(综上|总之|总的来说|简单来说|具体如下|如下|主要有|主要包括|需要注意|提示|说明|注意)")


def _body(sentence: str) -> str:
    return _LIST_PREFIX.sub("", _MARKER.sub("", sentence).replace("*", "")).strip()


def is_exempt(sentence: str) -> bool:
    """The refusal and the disclaimer need no source."""
    body = compact(_body(sentence)).strip(_EDGE_PUNCT)
    return body in (NO_ANSWER, compact(CITIZEN_DISCLAIMER).strip(_EDGE_PUNCT))


def states_fact(sentence: str) -> bool:
    """Everything but short headings, lead-ins ending in a colon and pure connectives states a fact."""
    body = _body(sentence)
    if not body or is_exempt(sentence):
        return False
    if figures(body):
        return True
    # a bullet or numbered item is content however short; only bare lines can be headings
    heading = len(body) <= 15 and body[-1] not in _END and not _ITEM.match(sentence)
    lead_in = body[-1] in "：:" and len(body) <= 40
    return not (heading or lead_in or (_CONNECTIVE.match(body) and len(body) <= 20))


def check_sentence(sentence: str, passages: Sequence[Chunk]) -> str | None:
    """None when the sentence may stay, else the key of REASONS it fails."""
    cited = markers(sentence)
    if any(not 1 <= n <= len(passages) for n in cited):
        return "bad_marker"
    if not cited:
        return "uncited" if states_fact(sentence) else None
    support = _Support.of(passages[n - 1] for n in dict.fromkeys(cited))
    body = _body(sentence)
    if not support.backs(body):
        return "unsupported"
    if len(_bigrams(body)) >= 5 and not _bigrams(body) & _bigrams(support.text + support.titles):
        return "unrelated"
    return None


# --- the whole answer ------------------------------------------------------------------------------


def _renumber(text: str) -> tuple[str, dict[int, int]]:
    """Markers become 1..k in order of first appearance; a repeated [n][n] collapses to one."""
    order = {old: new for new, old in enumerate(dict.fromkeys(markers(text)), 1)}
    text = _MARKER.sub(lambda m: f"[{order[int(m.group(1))]}]", text)
    return re.sub(r"(\[\d+\])(?:\1)+", r"\1", text), order


def best_quote(chunk: Chunk, claims: str) -> str:
    """The passage sentence sharing most character bigrams with the claims; an exact substring of chunk.text."""
    wanted = _bigrams(claims)
    sentences = [s.strip() for s in re.split(r"(?<=[。；！？;!?])|\n", chunk.text) if s.strip()] or [chunk.text]
    return max(sentences, key=lambda s: len(_bigrams(s) & wanted))  # max keeps the first on ties


def _citations(kept: list[str], order: dict[int, int], passages: Sequence[Chunk]) -> tuple[Citation, ...]:
    claims = {old: " ".join(s for s in kept if old in markers(s)) for old in order}
    return tuple(Citation(n, passages[o - 1], best_quote(passages[o - 1], claims[o])) for o, n in order.items())


def _notices(failures: dict[str, int]) -> tuple[str, ...]:
    return tuple(f"已删除 {failures[k]} 句：{why}。" for k, why in REASONS.items() if failures.get(k))


def _tidy(lines: list[str]) -> str:
    """Drop lead-ins left dangling at the end once the sentences under them were removed."""
    while lines and not markers(lines[-1]) and not states_fact(lines[-1]) and not is_exempt(lines[-1]):
        lines.pop()
    return "\n".join(lines).strip()


def verify_answer(text: str, passages: Sequence[Chunk]) -> Verified:
    """Keep the supported sentences of `text`, renumber their markers, and quote what each cites."""
    text = normalise_markers((text or "").strip())
    if not markers(text) and NO_ANSWER in compact(text):
        return Verified(NO_ANSWER, (), (), 0)
    lines, kept, failures = [], [], {}
    for line in split_lines(text):
        survivors = []
        for sentence in split_sentences(line):
            reason = check_sentence(sentence, passages)
            if reason:
                log.debug("verify removed (%s): %s", reason, sentence.strip())
                failures[reason] = failures.get(reason, 0) + 1
            else:
                survivors.append(sentence)
        if survivors or not line.strip():
            lines.append("".join(survivors).rstrip())
        kept += survivors
    removed = sum(failures.values())
    if not any(markers(s) for s in kept):
        return Verified("", (), (*_notices(failures), NOTHING_LEFT), removed)
    body, order = _renumber(re.sub(r"\n{3,}", "\n\n", _tidy(lines)))
    return Verified(body, _citations(kept, order, passages), _notices(failures), removed)
