"""Sentence-level selection (pure): which 款, 项 and sentences of a passage answer the question.

A passage is cut into units: sentences, with a lead-in ending in ：kept together with the （一）（二）… items under it.
Each unit scores by the question words it holds (idf-weighted), its character overlap with the question, and
whether it has the shape the question type asks for (多久 -> a time limit; 谁 -> an authority; 收费 -> a fee rule…).
A short article is quoted whole; a long one by its best units, in document order.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from app.patterns import ARTICLE_LABEL, CUES, QType, question_types
from app.retrieve.features import bigrams

# a sentence of the asked shape answers: specific shapes (a time limit, a fee rule, an authority, a penalty, a
# figure, a definition) decide between sentences that share the article's words; generic ones (应当, 下列) less
SHAPE_WEIGHT = {QType.DEADLINE: 0.8, QType.FEE: 0.8, QType.AUTHORITY: 0.6, QType.PENALTY: 0.6, QType.COUNT: 0.6,
                QType.DEFINITION: 0.8}
# single characters shared with the question: 卖掉 / 出卖, 租出去 / 出租, 批 / 批准 share no word and no bigram.
# Selection on the gold articles of bank_dev + qa_dev (183 questions), facts found: .907 -> .929 in-sample,
# 5 × 5-fold family CV .906 -> .928 (0.4 chosen in every fold from 0 / .2 / .4 / .6); mean quote 137 -> 140 chars
UNIGRAM_WEIGHT = 0.4
# a sentence for a special case (未告知……的, 逾期……的, 情况复杂的) answers only a question about that case: 申请行政复议
# 的期限 is the 六十日 款, not the 未告知申请期限的 one, which shares more of its words. Dev (183 questions, nothing
# fitted): quotes holding the answering words unchanged (.929), best sentence holding them .574 -> .579
SPECIAL_CASE_PENALTY = 0.3
_SPECIAL = re.compile(r"^[^。；]{0,40}?(?:未(?:告知|按照|依法|经|在)|逾期|因不可抗力|情况复杂|需要延长|延长|确有困难|特殊情况)"
                      r"[^。；]{0,60}?的，")
_ASKS_SPECIAL = re.compile(r"延长|逾期|没告知|未告知|不告知|没有告知|不可抗力|耽误|特殊|例外|困难|复杂|超过了|过了")
WHOLE_ARTICLE_CHARS = 260  # an article this short reads best quoted whole
MAX_QUOTE_CHARS = 420
_SENT = re.compile(r"[^。！？；\n]+[。！？；]?")
_ITEM = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]")
_PARTS = re.compile(r"[？?]|(?:，|,)?(?:另外|此外|还有|同时|以及)(?=[^，。？?]{2,})")
# an article's own label at the start of its text: quotes leave it out, the citation names it


@dataclass(frozen=True)
class Unit:
    start: int  # offset in the passage text
    end: int
    text: str

    @property
    def is_list(self) -> bool:
        return "\n" in self.text


def units(text: str) -> list[Unit]:
    """Sentences with offsets; a lead-in ending in ：joins the item lines that follow it (a list keeps its lead)."""
    out: list[Unit] = []
    pos = 0
    for line in text.split("\n"):
        if _ITEM.match(line) and out and (out[-1].text.rstrip().endswith(("：", ":")) or out[-1].is_list):
            last = out[-1]
            out[-1] = Unit(last.start, pos + len(line), text[last.start:pos + len(line)])
        else:
            for m in _SENT.finditer(line):
                if m.group(0).strip():
                    out.append(Unit(pos + m.start(), pos + m.end(), m.group(0)))
        pos += len(line) + 1
    return out


def question_parts(question: str) -> list[str]:
    """「…期限是多长？从什么时候开始计算？」 -> two parts; a one-part question -> [question]."""
    parts = [p.strip(" ，,。") for p in _PARTS.split(question) if p and len(p.strip(" ，,。")) >= 4]
    return parts or [question]


def _hanzi(text: str) -> frozenset[str]:
    return frozenset(c for c in text if "\u4e00" <= c <= "\u9fff")


@dataclass(frozen=True)
class Scorer:
    """Scores units against one question part; the tokenizer and idf come from the index."""

    tokenize: Callable[[str], list[str]]
    idf: Callable[[str], float]

    def score(self, unit: str, part: str, qtypes: Sequence[QType], common: frozenset[str] = frozenset()) -> float:
        """common: question words found in most of the passage's units; they name its topic, not the answer,
        so they count for little (in a 许可 article every sentence says 许可)."""
        q = {t: self.idf(t) * (0.3 if t in common else 1.0) for t in set(self.tokenize(part))}
        total = sum(q.values()) or 1.0
        toks = set(self.tokenize(unit))
        lexical = sum(w for t, w in q.items() if t in toks) / total
        qc, uc = bigrams(part), bigrams(unit)
        chars = len(qc & uc) / len(qc) if qc else 0.0
        qh = _hanzi(part)
        single = len(qh & _hanzi(unit)) / len(qh) if qh else 0.0
        shape = sum(SHAPE_WEIGHT.get(c.qtype, 0.3) for c in CUES if c.qtype in qtypes and c.answers.search(unit))
        special = SPECIAL_CASE_PENALTY if _SPECIAL.search(ARTICLE_LABEL.sub("", unit)) and not \
            _ASKS_SPECIAL.search(part) else 0.0
        return lexical + 0.4 * chars + UNIGRAM_WEIGHT * single + min(shape, 0.9) - special

    def common_words(self, part: str, units: Sequence[str]) -> frozenset[str]:
        if len(units) < 3:
            return frozenset()
        sets = [set(self.tokenize(u)) for u in units]
        return frozenset(t for t in set(self.tokenize(part)) if sum(t in s for s in sets) * 2 > len(sets))


@dataclass(frozen=True)
class Selection:
    pieces: tuple[str, ...]  # each an exact substring of the passage: the whole article, or its best units in order
    best: Unit  # the unit that best answers (the opening line is built from it)
    per_part: tuple[Unit, ...]  # the best unit for each part of the question
    score: float  # the best unit's score (for confidence)


@lru_cache(maxsize=512)  # the confidence signals and the composer select from the same passage for one question
def select(text: str, question: str, scorer: Scorer, whole_limit: int = WHOLE_ARTICLE_CHARS) -> Selection:
    us = units(text) or [Unit(0, len(text), text)]
    parts = question_parts(question)
    best_per_part: list[tuple[float, Unit]] = []
    for part in parts:
        qtypes = question_types(part)
        common = scorer.common_words(part, [u.text for u in us])
        scored = [(scorer.score(u.text, part, qtypes, common) - 0.02 * i, u) for i, u in enumerate(us)]
        best_per_part.append(max(scored, key=lambda su: su[0]))
    score, best = max(best_per_part, key=lambda su: su[0])
    chosen = sorted({u.start: u for _, u in best_per_part}.values(), key=lambda u: u.start)
    at = {u.start: i for i, u in enumerate(us)}
    chosen = [_with_sequel(u, us[at[u.start] + 1] if at[u.start] + 1 < len(us) else None) for u in chosen]
    body = ARTICLE_LABEL.sub("", text).strip()
    pieces = (body,) if len(body) <= whole_limit else _span(text, chosen)
    return Selection(pieces, best, tuple(u for _, u in best_per_part), score)


def _with_sequel(u: Unit, nxt: Unit | None) -> Unit:
    """A clause ending in ； whose next clause takes up its words again (不得……抢栽抢建； 违反规定抢栽抢建的，
    ……不予补偿。) is half a rule: the quote runs on to that clause. scripts/eval_selection.py (183 questions on
    their gold articles): quotes holding the answering words .929 -> .934 in-sample, family CV .928 -> .934; the
    same with or without the shared-words condition, which stays because it keeps unrelated clauses out."""
    if nxt is None or u.is_list or nxt.is_list or _ITEM.match(nxt.text) or nxt.start != u.end \
            or not u.text.rstrip().endswith("；"):
        return u
    shared = (bigrams(ARTICLE_LABEL.sub("", u.text)) & bigrams(nxt.text)) - _GENERIC
    return Unit(u.start, nxt.end, u.text + nxt.text) if shared else u


# drafting words every clause shares; they do not make the next clause a sequel
_GENERIC = {"应当", "或者", "不得", "规定", "有关", "依法", "人民", "政府", "部门", "单位", "个人", "以上", "以下"}


def _span(text: str, chosen: list[Unit]) -> tuple[str, ...]:
    """The chosen units as one contiguous quote when they sit close together, else one piece each."""
    lo, hi = chosen[0].start, chosen[-1].end
    if hi - lo <= MAX_QUOTE_CHARS:
        return (ARTICLE_LABEL.sub("", text[lo:hi]).strip(),)
    return tuple(ARTICLE_LABEL.sub("", u.text).strip() for u in chosen)
