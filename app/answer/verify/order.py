"""Whether a claim puts an act before what its passage puts it after, or the reverse (pure): 行政首长最后发表意见
restated as 行政首长首先发表意见; 应当在事后立即通知当事人 as 应当先通知当事人，待其到场后再实施."""
from __future__ import annotations

import re
from collections.abc import Sequence

from app.answer.verify import facts
from app.answer.verify.polarity import restated, statement_parts

# when the passage times an act, and the words a claim may time it the other way with
_LATER = re.compile(r"(最后|事后|之后)(?:立即|及时|再|才|应当|即)?([\u4e00-\u9fff]{2})")
_EARLIER = re.compile(r"(首先|最先|事先|事前|之前)(?:立即|及时|再|才|应当|即)?([\u4e00-\u9fff]{2})")
_SAYS_EARLIER = re.compile(r"(?:首先|最先|事先|事前|先)$")
_SAYS_LATER = re.compile(r"(?:最后|事后|之后|随后|后)$")
TIMED_RESTATES = 0.4  # Dice with the passage statement that times the act, for the claim to be about it
BEFORE_ACT = 4  # characters before the act in which the claim's own timing word stands


def order_reversed(claim: str, sentences: Sequence[str]) -> bool:
    statements = [p for s in sentences for p in statement_parts(s)]
    text = facts.plain(claim)
    for part in statement_parts(text):
        dice, best = restated(part, statements)
        if dice < TIMED_RESTATES:
            continue
        for timed, opposite in ((_LATER, _SAYS_EARLIER), (_EARLIER, _SAYS_LATER)):
            for m in timed.finditer(best):
                act = m.group(2)
                for at in (k.start() for k in re.finditer(re.escape(act), part)):
                    if opposite.search(part[max(0, at - BEFORE_ACT):at]) and m.group(1) not in part:
                        return True
    return False
