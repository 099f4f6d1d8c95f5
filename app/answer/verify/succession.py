"""Whether a figure stands where its passage puts it (pure): after the figure the passage puts before it
(核实处置划定37.22万亩，超保护目标1.3万亩 where the passage goes on from 37.22万亩 with 超保护目标0.02万亩: the claim
took the neighbouring figure), and under the condition the passage gives it (不足0.5立方米……的，并处……5倍至10倍
where 5倍至10倍 is the penalty of the 0.5立方米以上 款)."""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from os.path import commonprefix

from app.answer.verify import facts
from app.answer.verify.anchor import referred_back
from app.answer.verify.facts import Figure
from app.answer.verify.restate import statement_parts

_STOP = re.compile(r"[。；;！？!?\n|]")
LEAD_SHARED = 2  # bigrams the words between the two figures must share with the passage's
LEAD_TAIL = 2  # characters right before a figure that say what it counts (价值 5倍, 株数 10倍)


@lru_cache(maxsize=4096)  # a passage's pairs are read again for every claim cited to it
def _pairs(text: str) -> tuple[tuple[Figure, Figure, frozenset[str], str], ...]:
    """(a figure, the next figure of its sentence, the bigrams of the words between them, their last characters)."""
    prepped = facts.prep(facts.plain(text))
    found = [(m, f) for m in facts.FIGURE.finditer(prepped) if (f := facts.figure_of(m)) is not None and f[1]]
    return tuple((f1, f2, frozenset(facts.bigrams(between)), between[-LEAD_TAIL:])
                 for (m1, f1), (m2, f2) in zip(found, found[1:])
                 if not _STOP.search(between := prepped[m1.end():m2.start()]))


def successor_replaced(claim: str, passage_texts: Sequence[str]) -> bool:
    """A figure of the claim, after a figure of the passage and the same words, where the passage puts another
    figure of the same unit, and never this one, after that figure; unless the passage gives this figure after
    the same words elsewhere (……并处盗伐林木价值5倍, a clause between the two left out by the claim)."""
    given = [x for t in passage_texts for x in _pairs(t)]
    for a, b, between, tail in _pairs(claim):
        theirs = [(b2, w, t2) for a2, b2, w, t2 in given if a2 == a and b2[1] == b[1]]
        if not theirs or any(b2 == b for b2, _, _ in theirs) or not any(len(between & w) >= LEAD_SHARED
                                                                        for _, w, _ in theirs):
            continue
        # words before the figure that name another slot than the passage's next figure (价值 vs 株数), where
        # the passage does give this figure after them: a clause left out between, not a figure replaced
        if all(t2 != tail for _, _, t2 in theirs) and any(b2 == b and t2 == tail for _, b2, _, t2 in given):
            continue
        return True
    return False


_CLAUSE = re.compile(r"[，,；;]")
_RANGE_JOIN = re.compile(r"^(?:至|到|-|~|－)$")
CONDITION_SAME = 0.8  # Dice from which the claim's condition clause restates a passage's
CONDITION_CLEAR = 0.15  # ... by this much more than the condition of any other passage sentence


def _ranges(text: str) -> set[tuple[Figure, Figure]]:
    # a tail of one character is all the words between the two figures (5倍至10倍)
    return {(a, b) for t in _STOP.split(text) for a, b, _, tail in _pairs(t)
            if len(tail) == 1 and _RANGE_JOIN.match(tail) and a[1] == b[1]}


def _canon(text: str) -> str:
    """Figures as digits (不足五株 = 不足5株), so that conditions match by their words and values alike."""
    return facts.FIGURE.sub(lambda m: f"{f[0].normalize():f}{f[1]}" if (f := facts.figure_of(m)) else m.group(0), text)


def range_under_other_condition(claim: str, sentences: Sequence[str]) -> bool:
    """The claim's condition (……不足0.5立方米或者幼树不足20株的，) restates one passage sentence's condition clearly
    better than any other's, and a range it then gives (5倍至10倍) is not in that sentence but in another: the
    penalty of one case given to the other (both sentences may hold every single figure)."""
    plain = _canon(facts.prep(facts.plain(claim)))
    clauses = [c for c in _CLAUSE.split(plain) if c]
    conditions = [(k, c) for k, c in enumerate(clauses) if c.endswith("的") and facts.figures(c)]
    if not conditions:
        return False
    held = [(facts.prep(s), c) for s in sentences for c in _CLAUSE.split(_canon(facts.prep(s))) if c.endswith("的")]
    for k, cond in conditions:
        mine = facts.bigrams(cond)
        scored = sorted(((2 * len(mine & (b := facts.bigrams(c))) / (len(mine) + len(b) or 1), s) for s, c in held),
                        reverse=True)
        if not scored or scored[0][0] < CONDITION_SAME:
            continue
        best, own = scored[0]
        if any(d > best - CONDITION_CLEAR and s != own for d, s in scored[1:]):
            continue
        after = _ranges("，".join(clauses[k + 1:]))
        others = set().union(*(_ranges(s) for s, _ in held if s != own)) if len(held) > 1 else set()
        if any(r not in _ranges(own) and r in others for r in after):
            return True
    return False


STATES_SAME = 0.8  # share of the claim's bigrams (figures masked) a passage sentence it restates holds
RESTATE_MIN = 8  # bigrams of a claim, figures masked, from which it can be said to restate one sentence
_LABEL = re.compile(r"^[^，,。；;：:]{2,10}[：:]")
JOINED_FIGURES = 2  # figures of a rival sentence that, all restated, show the claim joins it
TELLS_APART = 2  # bigrams of the claim only the restated sentence has: a word (简易), not a chance pair (出矿)
APART = 0.05  # ... by this much more than any sentence holding the claim's figure, with words telling them apart


@lru_cache(maxsize=4096)  # every claim is read against every passage sentence
def _masked(text: str) -> frozenset[str]:
    return facts.bigrams(facts.FIGURE.sub("#", facts.prep(text)))


def figure_of_other_sentence(claim: str, sentences: Sequence[str]) -> bool:
    """The claim restates one passage sentence (read with its figures masked: 适用简易程序……应当自受理申请之日起……内作出)
    better than any sentence holding its figure (60日, in the 普通程序 款), and that sentence lacks it: the
    neighbouring 款's figure put in this one's rule."""
    if "|" in claim:
        return False  # a table row sets figures side by side; its cells are placed by the table checks
    for part in statement_parts(facts.plain(claim)):
        # a figure named again by a demonstrative (这2年) names the limit stated elsewhere, it takes no new place
        prepared = facts.prep(part)
        figs = {f for f, literal in facts.figure_spans(part) if f[1] and not (f[1] == "年" and f[0] >= 1900)
                and not referred_back(prepared, literal, 0)}
        if not figs:
            continue
        mine = _masked(_LABEL.sub("", part))  # the reply's own label (罚款量化：) restates nothing
        if len(mine) < RESTATE_MIN:
            continue  # too short to say which sentence it restates (时效期间：2年)
        # how much of the claim each holds (not Dice: a long rival sentence holding all of it must not lose to a
        # short one holding most of it)
        scored = [(len(mine & _masked(s)) / (len(mine) or 1), s) for s in sentences]
        if not scored:
            continue
        best, own = max(scored)
        if best < STATES_SAME:
            continue
        held, theirs = facts.figures(own), _masked(own)
        sentence_figures = {s: facts.figures(s) for _d, s in scored}
        for f in figs - held:
            rivals = [(d, _masked(s)) for d, s in scored if f in sentence_figures[s]]
            # a sentence holding the figure whose figures (two or more) the claim states all of is joined, not
            # robbed (a list of tax bands restated band by band in one sentence): the figure is in its place
            if any(len(g) >= JOINED_FIGURES and f in g and g <= figs for g in sentence_figures.values()):
                continue
            # better than every sentence holding the figure, and told apart from each by the claim's words: it has
            # words of this sentence the rival lacks (简易) and none of the rival's this one lacks (普通; a claim
            # joining the two has some: 至少每三年调整, 最多延长30日)
            if rivals and all(d < best - APART and len(mine & (theirs - other)) >= TELLS_APART
                              and not mine & (other - theirs) for d, other in rivals):
                return True
    return False


_CLAUSE = re.compile(r"[，,；;。：:]")
TIER_DIFF = 3  # characters at most in which two parallel clauses differ (中型 / 小型, 个人 / 单位)
TIER_FRAME = 4  # characters the two clauses must share besides their figures and that difference


@lru_cache(maxsize=1024)  # a passage's sentences are read again for every claim cited to them
def _parallel_clauses(sentences: tuple[str, ...]) -> tuple[tuple[str, str, Figure, str, Figure], ...]:
    """Pairs of clauses of one sentence that say the same with one short word and the figure changed (大型矿山不得超过
    三年，中型矿山不得超过二年，小型矿山不得超过一年): (frame, this clause's word, its figure, the other's word, its
    figure); the frame is what follows the word."""
    out = []
    for s in sentences:
        clauses = []
        for c in _CLAUSE.split(facts.prep(facts.plain(s))):
            figs = [f for f in facts.figures(c) if f[1]]
            if len(figs) == 1:
                clauses.append((facts.FIGURE.sub("#", c), figs[0]))
        for a, fa in clauses:
            for b, fb in clauses:
                if fa == fb or fa[1] != fb[1] or a == b:
                    continue
                head = len(commonprefix([a, b]))
                tail = len(commonprefix([a[::-1], b[::-1]]))
                da, db = a[head:len(a) - tail], b[head:len(b) - tail]
                if 0 < len(da) <= TIER_DIFF and 0 < len(db) <= TIER_DIFF and head + tail >= TIER_FRAME:
                    out.append((a[head + len(da):], da, fa, db, fb))
    return tuple(out)


def tier_figure_swapped(claim: str, sentences: Sequence[str]) -> bool:
    """A clause naming one tier of a passage's parallel clauses with another tier's figure (小型矿山最长也不超过2年
    where 小型矿山不得超过一年 and 二年 is the 中型矿山's): the word telling the tiers apart is read before the rest of
    the frame, as the passage puts it."""
    pairs = _parallel_clauses(tuple(sentences))
    if not pairs:
        return False
    for c in _CLAUSE.split(facts.prep(facts.plain(claim))):
        figs = [f for f in facts.figures(c) if f[1]]
        if len(figs) != 1:
            continue
        for frame, word, own, other_word, _other in pairs:
            lead = frame[:2]
            if figs[0] == own and f"{other_word}{lead}" in c and f"{word}{lead}" not in c:
                return True
    return False
