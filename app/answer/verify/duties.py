"""What a passage requires and what a claim excuses (pure): an act a passage clause requires stated as needless
(不需要作记录 for 应当如实记录), or the case a passage excuses stated as bound by the rule."""
from __future__ import annotations

import re
from collections.abc import Sequence

from app.answer.verify import facts
from app.answer.verify.polarity import CLAUSE_CUT, EXCEPTION, PERMITS


# excusing (不必) or leaving to discretion (可以视情况决定是否) what a passage requires
_NO_NEED = re.compile(r"不必|无需|无须|不需要|不需|不用|没必要|(?:视情况|酌情)(?:决定)?(?:是否)?|可以不|可不")
_MUST = re.compile(r"必须|应当|须")
EXCUSED_SHARE = 0.7  # share of the excused phrase's bigrams the required clause must hold


def _excuses(phrase: frozenset[str], sentences: Sequence[str]) -> bool:
    return any(len(phrase & facts.bigrams(CLAUSE_CUT.split(s[m.end():])[0])) >= EXCUSED_SHARE * len(phrase)
               for s in sentences for m in _NO_NEED.finditer(s))


def obligation_denied(claim: str, sentences: Sequence[str]) -> bool:
    """The claim excuses (不必向主管部门提出申请) what a passage clause requires in the same words (必须向主管部门
    提出申请), with no exception in that sentence (但……除外 may leave room for a 不必)."""
    text = facts.plain(claim)
    for m in _NO_NEED.finditer(text):
        after = CLAUSE_CUT.split(text[m.end():])[0]
        phrase = facts.bigrams(after)
        before = CLAUSE_CUT.split(text[:m.start()])[-1]
        if len(phrase) < 3:  # 结果无需公告: what is excused stands before the word, in its clause
            phrase = facts.bigrams(before + after)
        if len(phrase) < 3 or _excuses(phrase, sentences):
            continue  # the passage itself excuses it somewhere (for whom is a question of subject, not of meaning)
        if _short_act_required(before, after, sentences):
            return True
        for s in sentences:
            if EXCEPTION.search(s):
                continue
            required = False  # 应当邀请……，核实……，并将初步验收结果公告: the 应当 governs the clauses after it
            for c in CLAUSE_CUT.split(s):
                must = _MUST.search(c)
                own = must is not None and not facts.negated_at(c, must.start())
                required = own or required and not PERMITS.search(c) and not re.search(r"[不未无]", c)
                tail = c[must.end():] if must is not None and own else c
                if required and not _NO_NEED.search(c) and \
                        len(phrase & facts.bigrams(tail)) >= EXCUSED_SHARE * len(phrase):
                    return True
    return False


SHORT_ACT = 3  # characters of an excused act short enough to be named by its last word (作记录 -> 记录)


def _short_act_required(before: str, after: str, sentences: Sequence[str]) -> bool:
    """A short excused act (有关机关、单位不需要作记录) whose last word a passage clause requires of the same party, its
    words before the 应当 being the claim's before the 不需要 (有关机关、单位应当如实记录)."""
    act = after.strip()[-2:]
    who = facts.bigrams(before)
    if len(after.strip()) > SHORT_ACT or len(act) < 2 or len(who) < 2:
        return False
    for s in sentences:
        for c in CLAUSE_CUT.split(s):
            must = _MUST.search(c)
            if must and not facts.negated_at(c, must.start()) and act in c[must.end():] and not EXCEPTION.search(s) \
                    and len(who & facts.bigrams(c[:must.start()])) >= EXCUSED_SHARE * len(who):
                return True
    return False


EXCUSED_ACT = 4  # characters of the excused act (申请采伐) the claim must state as required


def _before(clauses: Sequence[str], k: int, end: int) -> frozenset[str]:
    """Bigrams of whom or what a clause's act concerns: the clause up to the act, and the clause before it."""
    return facts.bigrams((clauses[k - 1] if k else "") + clauses[k][:end])


def excuse_overridden(claim: str, sentences: Sequence[str]) -> bool:
    """A passage requires an act in one case and excuses another case from it (采伐林地上的林木应当申请采伐许可证；
    采伐……竹林，不需要申请采伐许可证), and the claim requires it in words only the excused case has and none only the
    required case has (采伐竹林同样需要申请采伐许可证): the exception is stated as the rule."""
    text = facts.plain(claim)
    split = [CLAUSE_CUT.split(s) for s in sentences]
    for clauses in split:
        for k, c in enumerate(clauses):
            for m in _NO_NEED.finditer(c):
                act = c[m.end():m.end() + EXCUSED_ACT]
                at = text.find(act)
                if len(act) < EXCUSED_ACT or at < 0 or facts.negated_at(text, at, wide=True) \
                        or _NO_NEED.search(CLAUSE_CUT.split(text[:at])[-1]):
                    continue
                excused = _before(clauses, k, m.start())
                required = frozenset().union(*(
                    _before(cs, j, i) for cs in split for j, c2 in enumerate(cs)
                    if (i := c2.find(act)) >= 0 and not facts.negated_at(c2, i, wide=True)
                    and not _NO_NEED.search(c2[:i])))
                mine = facts.bigrams(CLAUSE_CUT.split(text[:at])[-1])
                if required and mine & (excused - required) and not mine & (required - excused):
                    return True
    return False
