"""Whether a listed item goes beyond a list its siblings already complete (pure): the reply's items restate every
member of the passage's enumeration (军事设施、学校、幼儿园、社会福利机构、医疗机构) and one more (体育场馆) that shares
nothing with the passage. An item that stands in for a member no sibling restates (录音录像 for 视听资料) may be
a paraphrase, and is left to the claim checks."""
from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from app.answer.verify import facts
from app.answer.verify.evidence import ITEM_START

SHORT_ITEM = 8  # characters of an item that names one thing (书证, 勘验笔录)
_CLAUSE = re.compile(r"[，,；;。:：|]")  # a table row's cells are clauses of their own
_MEMBER = re.compile(r"、|以及|或者|和|及")
_EDGE = "。；;，,.、 "


def _members(sentences: Sequence[str], at: int, first: str) -> list[str]:
    """The members of the enumeration the sentence at `at` holds `first` in: every item of its numbered list, or
    the pieces of the clause holding it."""
    if ITEM_START.match(sentences[at]):
        lo = hi = at
        while lo > 0 and ITEM_START.match(sentences[lo - 1]):
            lo -= 1
        while hi + 1 < len(sentences) and ITEM_START.match(sentences[hi + 1]):
            hi += 1
        texts = [ITEM_START.sub("", s) for s in sentences[lo:hi + 1]]
    else:
        texts = [next(c for c in _CLAUSE.split(sentences[at]) if first in c)]
    return [m.strip(_EDGE) for t in texts for m in _MEMBER.split(t) if m.strip(_EDGE)]


def beyond_complete_list(item: str, siblings: Sequence[str], sentences: Sequence[str]) -> bool:
    text = facts.plain(item).strip(_EDGE)
    names = [facts.plain(s).strip(_EDGE) for s in siblings]
    if len(text) > SHORT_ITEM or len(names) < 2 or any(len(n) > SHORT_ITEM or not n for n in names):
        return False
    if facts.bigrams(text) & frozenset().union(*(facts.bigrams(s) for s in sentences)) or len(text) < 2:
        return False
    at = next((i for i, s in enumerate(sentences) if names[0] in s), None)
    if at is None:
        return False
    members = _members(sentences, at, names[0])
    # every sibling one of the members, every member restated by a sibling: the list was complete without the item
    return all(any(n in m for m in members) for n in names) and all(any(n in m for n in names) for m in members)


ENUMERATION_MIN = 4  # members of an enumeration in one clause (采集标本、狩猎、采矿、采砂)
_TAIL = re.compile(r"(?:等|的|活动|行为).*$")
_QUOTES = re.compile(r"[「」『』“”‘’\"'《》]")  # a quoted enumeration is the same enumeration


def enumeration_extended(claim: str, sentences: Sequence[str]) -> bool:
    """A clause restates every member of a passage clause's enumeration (采集标本、狩猎、采矿、采砂、垦植、放牧) and
    adds one that clause does not name (、砍柴): the passage forbids or lists no such thing, however near another
    article's list it may be."""
    clauses = [c for s in sentences for c in _CLAUSE.split(_QUOTES.sub("", s)) if c.count("、") >= ENUMERATION_MIN - 1]
    for clause in _CLAUSE.split(_QUOTES.sub("", facts.plain(claim))):
        mine = clause.split("、")
        if len(mine) < ENUMERATION_MIN:
            continue
        mine[-1] = _TAIL.sub("", mine[-1])
        for theirs in clauses:
            members = theirs.split("、")
            members[-1] = _TAIL.sub("", members[-1])
            inner = [m for m in members[1:] if m]
            if inner and all(m in clause for m in inner) and mine[1] in theirs and any(
                    0 < len(m) <= SHORT_ITEM and m not in theirs for m in mine[1:]):
                return True
    return False


ITEM_RESTATED = 0.9  # share of a list item's first clause the claim must restate
ITEM_OWN = 0.6  # … and share of the claim that clause must account for
ACT_END = 4  # characters at the end of the first clause that name the item's act
# the further condition: a 的-clause, or another party's decision the item waits on (……机关认为其要求合理，决定……)
_TAIL_CONDITION = re.compile(r"^[，,](?:[^。；;]{4,40}的|[^。；;]{0,20}(?:认为|决定|确认|批准|同意)[^。；;]{2,30})[；;。]?$")


def item_cut_short(claim: str, sentences: Sequence[str]) -> bool:
    """A list item restated up to its first comma, the further condition after it left out (（三）申请人申请停止执行，
    复议机关认为其要求合理，决定停止执行的 as 申请人申请停止执行的): the item now covers every such application."""
    text = ITEM_START.sub("", facts.plain(claim)).strip("；;。 ")
    core = text.removesuffix("的")
    if len(core) < SHORT_ITEM - 2:
        return False
    for s in sentences:
        if not ITEM_START.match(s):
            continue
        first, comma, rest = ITEM_START.sub("", s).strip().partition(",")
        # a decision the item waits on ends on the item's own act (……申请停止执行，……决定停止执行); a 的-clause
        # ends the item's case; anything else is a provision of its own (……为听证主持人，……有权申请回避)
        if not rest or not _TAIL_CONDITION.match(comma + rest) or not (
                rest.rstrip("；;。").endswith("的")
                or facts.bigrams(first[-ACT_END:]) & facts.bigrams(rest.rstrip("；;。")[-ACT_END:])):
            continue
        matched = sum(b.size for b in SequenceMatcher(None, first, core, autojunk=False).get_matching_blocks())
        # the claim says nothing of the condition left out (its words only that clause has)
        if matched >= ITEM_RESTATED * len(first) and matched >= ITEM_OWN * len(core) \
                and len((facts.bigrams(rest) - facts.bigrams(first)) & facts.bigrams(text)) <= 1:
            return True
    return False


SIBLING_RESTATED = 0.8  # Dice from which a reply's item restates a passage item in full (one member of its
# enumeration restated leaves the others to items in other words: 电子数据 for 视听资料、电子数据 beside 录音录像)
EXTRA_APART = 0.5  # ... and below which an item restates no sentence of any given passage


def extra_beyond_restated_list(item: str, siblings: Sequence[str], sentences: Sequence[str],
                               every_sentence: Sequence[str]) -> bool:
    """The reply's other items restate the passage's numbered items one for one, all of them, and this one restates
    no sentence of any given passage ((五)被申请行政复议的行政行为是责令改正 after the article's four): a list the
    passage closes has no further member."""
    theirs = [ITEM_START.sub("", s).strip(_EDGE) for s in sentences if ITEM_START.match(s)]
    if len(theirs) < 2 or len(siblings) != len(theirs):
        return False
    used: set[int] = set()
    for s in siblings:
        mine = facts.bigrams(ITEM_START.sub("", facts.plain(s)).strip(_EDGE))
        scores = [_dice(mine, facts.bigrams(t)) for t in theirs]
        k = max(range(len(theirs)), key=scores.__getitem__)
        if scores[k] < SIBLING_RESTATED or k in used:
            return False
        used.add(k)
    # the whole item and each of its statements (要点：……恢复审理；……应当告知有关当事人 joins two sentences)
    text = ITEM_START.sub("", facts.plain(item)).strip(_EDGE)
    pieces = [facts.bigrams(p) for p in (text, *re.split(r"[；;。]", text)) if p.strip(_EDGE)]
    theirs_all = [facts.bigrams(ITEM_START.sub("", s)) for s in every_sentence]
    return bool(pieces[0]) and max((_dice(p, t) for p in pieces for t in theirs_all), default=0.0) < EXTRA_APART


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b) or 1)
