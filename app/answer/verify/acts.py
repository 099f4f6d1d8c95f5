"""Whether a claim gives an act to the body the passage gives another act (pure): 逾期不缴纳的，……由颁发采矿许可证的机关
吊销采矿许可证 restated as 由县级以上……主管部门吊销其采矿许可证, where that department only orders the payment."""
from __future__ import annotations

import re
from collections.abc import Sequence

from app.answer.verify import facts

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
