"""Whether each figure of a claim stands where its passage puts it: after the same words (对个人并处 300元, not
the 1万元 the passage gives 对单位), next to the figures it shares a clause with (a table row's 1亩 / 2亩 / 8元 /
40元), and not swapped with its neighbour in a list. Pure functions over facts and Evidence."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from app.answer.verify import facts
from app.answer.verify.facts import Figure
from app.answer.verify.polarity import restated

_BOUNDARY = re.compile(r"[，、；：。,;:|！？!?\n]")
LEAD_MIN = 2  # bigrams of a claim figure's lead: fewer say nothing
OWN_WEAK = 1  # at most this many shared with every lead of the figure's own value in the passage ...
OTHER_STRONG = 3  # ... while the lead of another figure of its unit shares at least this many
ROW_FIGURES = 3  # a table row with this many figures must find them in one passage clause


_RANGE_WORD = re.compile(r"^(?:以上|以下|以内|之内|之间|内|的)+")


@lru_cache(maxsize=4096)
def _leads(text: str) -> tuple[tuple[Figure, frozenset[str]], ...]:
    return tuple(_iter_leads(text))


def _iter_leads(text: str) -> Iterator[tuple[Figure, frozenset[str]]]:
    """(figure with a unit, the bigrams of the words around it: back to the previous figure or clause boundary,
    and on to the next, range words such as 以上 left out) for each figure of `text`; years and bare numbers are
    left out."""
    prepped = facts.prep(facts.plain(text))
    found = list(facts.FIGURE.finditer(prepped))
    for k, m in enumerate(found):
        fig = facts.figure_of(m)
        if fig is None or not fig[1] or fig[1] == "年" and fig[0] >= 1900:
            continue
        before = prepped[found[k - 1].end() if k else 0:m.start()]
        after = prepped[m.end():found[k + 1].start() if k + 1 < len(found) else len(prepped)]
        lead = before[max((b.end() for b in _BOUNDARY.finditer(before)), default=0):]
        tail = _RANGE_WORD.sub("", _BOUNDARY.split(after)[0])
        yield fig, facts.bigrams(lead) | facts.bigrams(tail)


def figure_misplaced(claim: str, passage_texts: list[str]) -> bool:
    """A figure whose surrounding words match those of another figure of the same unit in a passage, while no
    occurrence of its own value there shares more than a word with them (对个人并处1万元 where the passage says
    对个人并处三百元 and 对单位并处一万元): the claim gave one subject the figure of another."""
    claimed = [(fig, lead) for fig, lead in _leads(claim) if len(lead) >= LEAD_MIN]
    if not claimed:
        return False
    given = [x for t in passage_texts for x in _leads(t)]
    for fig, lead in claimed:
        mine = [b for f, b in given if f == fig]
        if not mine or any(len(b) < OTHER_STRONG for b in mine):
            continue  # not in the passage (hard facts judge it), or named after the figure there (40.13万亩耕地)
        own = max(len(lead & b) for b in mine)
        other = max((len(lead & b) for f, b in given if f != fig and f[1] == fig[1]), default=0)
        if own <= OWN_WEAK and other >= OTHER_STRONG:
            return True
    return False


_CLAUSE_END = re.compile(r"[；;。\n]")


def row_figures_apart(claim: str, passage_texts: list[str]) -> bool:
    """A table row (its cells joined by |) with several figures none of whose passage clauses holds them all
    (超过1亩但不超过2亩 | 6元至30元, where 6元至30元 belongs to the clause for 2 to 3 亩)."""
    if "|" not in claim:
        return False
    mine = {f for f in facts.figures(claim) if f[1]}
    if len(mine) < ROW_FIGURES:
        return False
    clauses = [facts.figures(c) for t in passage_texts for c in _CLAUSE_END.split(t)]
    return not any(mine <= c for c in clauses)


def figures_swapped(claim: str, passage_texts: list[str]) -> bool:
    """A figure the claim gives right after a word (授课4场) where the passage gives that word another figure of
    the same unit right after it (授课2场) and never this one: the figures of a list were swapped."""
    text = facts.plain(claim)
    prepped = facts.prep(text)
    for fig, literal in facts.figure_spans(text):
        value, unit = fig
        at = prepped.find(literal)
        before = prepped[max(0, at - 2):at]
        if not unit or len(before) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]{2}", before):
            continue
        given = {f for t in passage_texts
                 for m in re.finditer(re.escape(before) + r"(?:约|共|达)?([0-9]+(?:\.[0-9]+)?\s*\S{1,3})", facts.prep(t))
                 for f in facts.figures(m.group(1)) if f[1] == unit}
        if given and fig not in given:
            return True
    return False



RESTATES = 0.6  # Dice of character bigrams from which a passage sentence is the one the claim restates


def subject_replaced(claim: str, words: list[str], passage_sentences: list[str]) -> bool:
    """The passage sentence the claim restates (永久基本农田转为建设用地的，由国务院批准) names a subject the claim
    drops while the claim names one that sentence lacks (由省、自治区、直辖市人民政府批准), though the passage
    names it elsewhere: the rule was given another authority. Judged per sentence of the claim (……；……)."""
    named = facts.entities(words)
    if not named:
        return False
    for part in _CLAUSE_END.split(facts.plain(claim)):
        ours = {w for w in named if w in part}
        if not ours:
            continue
        dice, best = restated(part, passage_sentences)
        if dice < RESTATES:
            continue
        theirs = set(facts.entities(facts.content_words(best)))
        if ours - theirs and any(w not in part for w in theirs):
            return True
    return False
