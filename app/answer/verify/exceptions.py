"""Whether a claim states a passage's rule without the exception the passage opens it with (pure):
除涉及国家安全和保密的测绘项目外，……应当……招标 restated as ……应当……招标 makes the rule hold for every project."""
from __future__ import annotations

import re
from collections.abc import Sequence

from app.answer.verify import facts
from app.answer.verify.restate import SAME_STATEMENT, restated, statement_parts

# the exception a sentence (or a list item) opens with
_EXCEPTION_LEAD = re.compile(r"^(?:第[^条，,]{1,8}条\s*)?(?:[（(][一二三四五六七八九十]+[）)])?除([^，,；;。]{2,30}?)(?:以)?外[，,]")
# an exception by reference (除本条例第二十条规定的政府信息外, 除法律另有规定外, 除可以当场作出……的外) defers to
# another rule, which the reply states apart or leaves to it: good replies drop it, so only a class of cases named
# in its own words (除涉及国家安全和保密的测绘项目外) counts
_REFERENCE = re.compile(r"第[^条]{1,8}条|规定|本法|本条例|前款|依照|依法|当场|可以")
# words with which the claim keeps the exception (除……外, 但……, 不包括, 例外, 涉及……的除外)
_KEPT = re.compile(r"除|例外|不包括|但|不适用|另有|一般")
EXCEPTION_SHARE = 0.5  # share of the exception's bigrams the claim may hold and still have left it out


def exception_dropped(claim: str, sentences: Sequence[str]) -> bool:
    """The claim restates what follows a passage sentence's opening 除……外 (Dice ≥ .5) and says nothing of the
    exception: the rule is widened to the excepted cases."""
    text = facts.plain(claim)
    if _KEPT.search(text):
        return False
    rests = {}
    for s in sentences:
        m = _EXCEPTION_LEAD.match(s)
        if m and not _REFERENCE.search(m.group(1)):
            rests[s[m.end():]] = facts.bigrams(m.group(1))
    if not rests:
        return False
    mine = facts.bigrams(text)
    for part in statement_parts(text):
        dice, best = restated(part, list(rests))
        excepted = rests.get(best)
        if dice >= SAME_STATEMENT and excepted and len(excepted & mine) < EXCEPTION_SHARE * len(excepted):
            return True
    return False


# a case the passage excepts at its end (……采用租赁、承包经营方式开采的除外), and the words that forbid
_EXCEPTED_CASE = re.compile(r"([^。；;]{6,60}?)的?除外[。；;]?$")
_FORBIDS = re.compile(r"不得|禁止|严禁|不能|不可以|不允许|不准")


def excepted_case_forbidden(claim: str, sentences: Sequence[str]) -> bool:
    """The claim restates a case the passage excepts from its prohibition (大型矿山企业对……边缘零星矿产，采用租赁、
    承包经营方式开采的除外) and says it is forbidden too (……同样不得采用……开采): the exception is reversed."""
    text = facts.plain(claim)
    if not _FORBIDS.search(text) or _KEPT.search(text):
        return False
    cases = [m.group(1) for s in sentences if (m := _EXCEPTED_CASE.search(s)) and not _FORBIDS.search(m.group(1))
             and not _REFERENCE.search(m.group(1))]
    if not cases:
        return False
    # the claim without its prohibition word restates the excepted case
    bare = _FORBIDS.sub("", text)
    return any(restated(part, cases)[0] >= SAME_STATEMENT for part in statement_parts(bare))


# the words that put a case under the rule as well (也适用这一要求, 同样应当招标)
_INCLUDES = re.compile(r"(?:也|同样|一样|照样|仍然|仍)(?:适用|应当|要|需要|必须|须|得)")
EXCEPTED_NAMED = 0.8  # share of the excepted case's bigrams the claim must hold to name it


def excepted_case_included(claim: str, sentences: Sequence[str]) -> bool:
    """The claim names the case a passage sentence opens by excepting (除涉及国家安全和保密的测绘项目外，……应当……
    招标) and says the rule holds for it too (涉及国家安全和保密的测绘项目也适用这一招标要求): the exception is
    reversed."""
    text = facts.plain(claim)
    if not _INCLUDES.search(text) or re.search(r"不|无须|无需|免", text):
        return False
    mine = facts.bigrams(text)
    for s in sentences:
        m = _EXCEPTION_LEAD.match(s)
        if m and not _REFERENCE.search(m.group(1)):
            case = facts.bigrams(m.group(1))
            if case and len(case & mine) >= EXCEPTED_NAMED * len(case):
                return True
    return False
