"""Whether a claim gives an act to the body the passage gives another act (pure): 逾期不缴纳的，……由颁发采矿许可证的机关
吊销采矿许可证 restated as 由县级以上……主管部门吊销其采矿许可证, where that department only orders the payment."""
from __future__ import annotations

import re
from collections.abc import Sequence

from app.answer.verify import facts
from app.answer.verify.evidence import word_forms
from app.answer.verify.restate import anchored_edits

# 由 + the acting body + its act; the body runs to the last body word before the act (……人民政府国土资源主管部门)
_BY = re.compile(r"由([^，,；;。由]{2,30}(?:机关|机构|部门|政府|法院|委员会))([^，,；;。]{2,})")
ACT_KEY = 4  # characters of the act, from its verb, that identify it
_FILLER = re.compile(r"依法|其|予以|负责")  # 吊销其采矿许可证 is 吊销采矿许可证


def _acts(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), _FILLER.sub("", m.group(2))[:ACT_KEY]) for m in _BY.finditer(text)]


def _same_body(a: str, b: str) -> bool:
    return a in b or b in a


def act_given_other_body(claim: str, sentences: Sequence[str]) -> bool:
    """The claim has a body do an act the passage gives to another body, while the passage names the claim's body
    as the one doing something else: the neighbouring clause's authority put in this one's place."""
    theirs = [a for s in sentences for a in _acts(s)]
    for body, act in _acts(facts.plain(claim)):
        if len(act) < ACT_KEY:
            continue
        doers = [b for b, a in theirs if a == act]
        if doers and not any(_same_body(body, b) for b in doers) \
                and any(_same_body(body, b) and a != act for b, a in theirs):
            return True
    return False


# 经 / 报经 + the approving body + 批准: the case before it is what the approval is for
_APPROVED_BY = re.compile(r"(?:报经|经)([^，,；;。经]{2,30}?(?:机关|机构|部门|政府|委员会))(?:批准|审批|审核同意)")
APPROVAL_CASE = 0.5  # Dice of bigrams from which the claim's case is the passage clause's


def _approvals(text: str) -> list[tuple[str, str]]:
    """(the case, the approving body) of each approval, the case read from the last approval or the start."""
    out, start = [], 0
    for m in _APPROVED_BY.finditer(text):
        out.append((text[start:m.start()], m.group(1)))
        start = m.end()
    return out


def _same_approver(a: str, b: str) -> bool:
    short = [f.replace("人民政府", "") for f in word_forms(a)]
    other = b.replace("人民政府", "")
    return any(f in other or other in f for f in short)


def approval_given_other_body(claim: str, sentences: Sequence[str]) -> bool:
    """The claim has an approval given by the body the passage names for another case (军队……进入森林防火区的，应当经
    省级林业主管部门批准, where that department approves the 实弹演习 and the army's approval is its 上级主管部门's)."""
    theirs = [a for s in sentences for a in _approvals(s)]
    if len(theirs) < 2:
        return False
    for case, body in _approvals(facts.plain(claim)):
        mine = facts.bigrams(case)
        if len(mine) < ACT_KEY:
            continue
        dice = [2 * len(mine & facts.bigrams(c)) / (len(mine) + len(facts.bigrams(c)) or 1) for c, _ in theirs]
        k = max(range(len(theirs)), key=dice.__getitem__)
        if dice[k] >= APPROVAL_CASE and not _same_approver(body, theirs[k][1]) \
                and any(_same_approver(body, b) for j, (_, b) in enumerate(theirs) if j != k):
            return True
    return False


# the party a penalty falls on (对货主可以并处……罚款): what follows the party in the passage
_PENALTY_AFTER = re.compile(r"^(?:可以|可)?(?:并处|处以|处|给予|予以)")
_PRONOUN = re.compile(r"您|你|他|她|其|对方|本人|自己")
PARTY_MAX = 8  # characters of a party's name


def penalised_party_swapped(claim: str, sentences: Sequence[str]) -> bool:
    """The claim restates a penalty clause with another party after its 对 (对承运人可以并处…… for 对货主可以并处……):
    the fine falls on someone the passage does not fine. A pronoun (对您) or a short name of the party is no swap."""
    for best, text, (i1, i2, j1, j2) in anchored_edits(claim, sentences, ("replace",)):
        theirs, mine = best[i1:i2], text[j1:j2]
        if best[i1 - 1:i1] == "对" == text[j1 - 1:j1] and _PENALTY_AFTER.match(best[i2:]) \
                and 2 <= len(theirs) <= PARTY_MAX and 2 <= len(mine) <= PARTY_MAX \
                and not re.search(r"[，,；;。、]", theirs + mine) and not _PRONOUN.search(mine) \
                and not any(theirs in f or f in theirs for f in word_forms(mine)):
            return True
    return False
