"""Whether a figure follows the figure its passage puts before it (pure): 核实处置划定37.22万亩，超保护目标1.3万亩
where the passage goes on from 37.22万亩 with 超保护目标0.02万亩 (its 1.3万亩 follows 43.3万亩): the claim took the
neighbouring figure for the one the passage gives in that place."""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from app.answer.verify import facts
from app.answer.verify.facts import Figure

_STOP = re.compile(r"[。；;！？!?\n|]")
LEAD_SHARED = 2  # bigrams the words between the two figures must share with the passage's


@lru_cache(maxsize=4096)  # a passage's pairs are read again for every claim cited to it
def _pairs(text: str) -> tuple[tuple[Figure, Figure, frozenset[str]], ...]:
    """(a figure, the next figure of its sentence, the bigrams of the words between them)."""
    prepped = facts.prep(facts.plain(text))
    found = [(m, f) for m in facts.FIGURE.finditer(prepped) if (f := facts.figure_of(m)) is not None and f[1]]
    return tuple((f1, f2, frozenset(facts.bigrams(prepped[m1.end():m2.start()])))
                 for (m1, f1), (m2, f2) in zip(found, found[1:]) if not _STOP.search(prepped[m1.end():m2.start()]))


def successor_replaced(claim: str, passage_texts: Sequence[str]) -> bool:
    """A figure of the claim, after a figure of the passage and the same words, where the passage puts another
    figure of the same unit, and never this one, after that figure."""
    given = [x for t in passage_texts for x in _pairs(t)]
    for a, b, between in _pairs(claim):
        theirs = [(b2, w) for a2, b2, w in given if a2 == a and b2[1] == b[1]]
        if theirs and all(b2 != b for b2, _ in theirs) and any(len(between & w) >= LEAD_SHARED for _, w in theirs):
            return True
    return False
