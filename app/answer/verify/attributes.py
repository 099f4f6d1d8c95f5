"""Whether a claim says of a thing the passage names the opposite of what the passage says of it (pure):
……过程性信息以及行政执法案卷信息，可以不予公开 restated as 但行政执法案卷信息应当公开, though the passage's next
sentence says 应当公开 of other information under its own condition."""
from __future__ import annotations

import re
from collections.abc import Sequence

from app.answer.verify import facts

# one clause stating a duty of a named thing: the thing, 应当 / 必须, a two-character act (行政执法案卷信息应当公开)
# … or says it will happen (上级机关也会受理 where the passage's 上级机关、单位不予受理)
_CLAUSE = re.compile(r"^(?:但是|但|而|其中|并且|且)?(?P<thing>[\u4e00-\u9fff]{4,20}?)(?:也|均|都|一律|还|就)?"
                     r"(?<![不未无非没别勿])(?:应当|必须|会|可以|能)(?P<act>[\u4e00-\u9fff]{2})$")
ACT_REACH = 12  # characters after the thing within which the passage states the act of it


def _said_of(thing: str, act: str, sentences: Sequence[str]) -> set[bool]:
    """Whether each passage sentence naming the thing negates the first act of that kind after it."""
    found = set()
    for s in sentences:
        for m in re.finditer(re.escape(thing), s):
            pos = s.find(act, m.end(), m.end() + ACT_REACH)
            if pos >= 0 and not re.search(r"[。；;]", s[m.end():pos]):
                found.add(facts.negated_at(s, pos, wide=True))
    return found


def attribute_reversed(claim: str, sentences: Sequence[str]) -> bool:
    """A clause states as a duty or as what will happen (应当 / 必须 / 会 / 可以 / 能, no negation before it) an act
    that every passage sentence naming the thing (four characters or more) negates right after it (不予公开, 不予受理):
    what the passage exempts or refuses is stated as required or granted."""
    for clause in re.split(r"[，,；;。：:]", facts.plain(claim)):
        m = _CLAUSE.match(clause)
        if m is None:
            continue
        said = _said_of(m.group("thing"), m.group("act"), sentences)
        if said == {True}:
            return True
    return False
