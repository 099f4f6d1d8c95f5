"""Whether a claim states a passage's rate per another unit (pure): 按面积处每公顷1万元的罚款 restated as 每亩1万元 is
fifteen times the fine."""
from __future__ import annotations

import re
from collections.abc import Sequence

from app.answer.verify import facts

# the units a rate is stated per, by kind; 日 and 天 are one unit
_FAMILIES = ({"平方米", "公顷", "亩", "平方公里"}, {"日", "月", "年"}, {"立方米", "吨"})
_RATE = re.compile(r"每(平方米|平方公里|公顷|亩|立方米|吨|日|天|月|年)")


def _rates(text: str) -> set[str]:
    return {m.group(1).replace("天", "日") for m in _RATE.finditer(text)}


def rate_unit_swapped(claim: str, texts: Sequence[str]) -> bool:
    """The claim gives a rate per a unit no passage states a rate per, where a passage states one per another unit
    of the same kind (每亩 for 每公顷)."""
    mine, theirs = _rates(facts.plain(claim)), set().union(*(_rates(t) for t in texts))
    return any(u not in theirs and any(u in f and f & theirs for f in _FAMILIES) for u in mine)
