"""Whether a claim puts an act before what its passage puts it after, or the reverse (pure): 行政首长最后发表意见
restated as 行政首长首先发表意见; 应当在事后立即通知当事人 as 应当先通知当事人，待其到场后再实施.
Claims and passage sentences are read in facts.plain form (this module normalises both)."""
from __future__ import annotations

import re
from collections.abc import Sequence

from app.answer.verify import facts
from app.answer.verify.restate import restated, statement_parts

# a timed act in the passage: the timing word, then the act (adverbs and 进行 skipped: 首先进行协商 times 协商)
_FILLER = r"(?:立即|及时|再|才|应当|即|进行)?"
_LATER = re.compile(rf"(最后|事后|之后){_FILLER}([\u4e00-\u9fff]{{2}})")
_EARLIER = re.compile(rf"(首先|最先|事先|事前|之前){_FILLER}([\u4e00-\u9fff]{{2}})")
# the claim's own timing word, just before the same act
_SAID_EARLY, _SAID_LATE = "首先|最先|事先|事前|先", "最后|事后|之后|随后|后"
_SAYS_EARLIER = re.compile(rf"(?:{_SAID_EARLY})$")
_SAYS_LATER = re.compile(rf"(?:{_SAID_LATE})$")
_SAYS_EITHER = re.compile(rf"(?:{_SAID_EARLY}|{_SAID_LATE})$")
_MODAL_END = re.compile(r"(?:应当|必须|可以|应|须|在|会|要|就)+$")
TIMED_RESTATES = 0.4  # Dice with the passage statement that times the act, for the claim to be about it
BEFORE_ACT = 4  # characters before the act in which the claim's own timing word stands
WHO = 4  # characters before the timing word that name who acts (行政首长)


def order_reversed(claim: str, sentences: Sequence[str]) -> bool:
    statements = [facts.plain(p) for s in sentences for p in statement_parts(s)]
    for part in statement_parts(facts.plain(claim)):
        dice, best = restated(part, statements)
        if dice >= TIMED_RESTATES and _reversed_in(part, best):
            return True
    return False


def _reversed_in(part: str, best: str) -> bool:
    for timed, opposite in ((_LATER, _SAYS_EARLIER), (_EARLIER, _SAYS_LATER)):
        for m in timed.finditer(best):
            if m.group(1) in part:
                continue  # the claim keeps the passage's own timing word
            theirs = _who(best[:m.start()])
            for clause in re.split(r"[，,；;]", part):
                at = clause.find(m.group(2))
                if at > 0 and opposite.search(clause[max(0, at - BEFORE_ACT):at]) \
                        and _same_actor(clause[:at], theirs, clause[at:], best[m.end(2) - 2:]):
                    return True
    return False


def _who(before: str) -> str:
    """Who the passage clause gives the timed act to: the words just before its modal (行政首长, 行政机关)."""
    clause = re.split(r"[，,；;]", before)[-1]
    return _MODAL_END.sub("", clause)[-WHO:]


def _same_actor(mine_before: str, theirs: str, mine_act: str, their_act: str) -> bool:
    """The claim's clause gives the act to the passage's actor, or names none and does the same to the same
    object (应当先通知当事人 for 行政机关应当在事后立即通知当事人); another actor (会议组成人员先发表意见) is
    another statement."""
    mine = _MODAL_END.sub("", _SAYS_EITHER.sub("", mine_before))
    if len(theirs) >= 2 and theirs in mine:
        return True
    return len(mine) < 2 and mine_act[:4] == their_act[:4]
