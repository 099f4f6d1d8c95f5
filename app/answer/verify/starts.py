"""Whether a time limit counts from the event its passage counts it from (pure): 自受理申请之日起60日内 where the
passage's 六十日 run 自知道或者应当知道该行政行为之日起 gives the figure to another deadline."""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from app.answer.verify import facts
from app.answer.verify.facts import Figure

_START = re.compile(r"自([^，,；;。自]{2,24}?)之日起")
_TIME_UNITS = {"日", "工作日", "个月", "月", "年", "天"}
START_GAP = 3  # characters between 之日起 and the figure (起[的]六十日内)


@lru_cache(maxsize=4096)  # a passage's starts are read again for every claim cited to it
def _starts(text: str) -> tuple[tuple[Figure, str], ...]:
    prepped = facts.prep(facts.plain(text))
    out = []
    for m in _START.finditer(prepped):
        f = facts.FIGURE.search(prepped, m.end(), m.end() + START_GAP + 8)
        fig = facts.figure_of(f) if f and f.start() - m.end() <= START_GAP else None
        if fig is not None and fig[1] in _TIME_UNITS:
            out.append((fig, m.group(1)))
    return tuple(out)


def start_changed(claim: str, passage_texts: Sequence[str]) -> bool:
    """A time limit of the claim (自X之日起N日) whose figure the passages count only from other events, sharing
    no words with X. A figure the passages state without such a start is left to the other checks."""
    given = [x for t in passage_texts for x in _starts(t)]
    for fig, start in _starts(claim):
        theirs = [s for f, s in given if f == fig]
        mine = facts.bigrams(start)
        if theirs and mine and not any(mine & facts.bigrams(s) for s in theirs):
            return True
    return False
