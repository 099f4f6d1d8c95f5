"""What a restated rule may lose without being widened, and what it may not (pure): an alternative or a
parenthesis left out narrows the rule; a restricting modifier (只能用作普通建筑材料的, 个人所有的零星) or a condition the
reply replaces by 都 widens it. conditions.qualifier_dropped reads these with its other edits."""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher

from app.answer.verify import facts
from app.answer.verify.restate import SAME_STATEMENT, anchored_edits, clause_edits, restated, statement_parts

_ALTERNATIVE = re.compile(r"^(?:或者|或|和|及|以及|、|，|,|等|（|\()")
# a dropped member of a coordination ends with its conjunction (开采[……以外的零星分散的矿产资源和]只能用作……的砂):
# the claim speaks of the other member only, which narrows the rule
_CONJUNCT_END = re.compile(r"(?:或者|以及|和|及|与|、)$")
_MEMBER_CUT = re.compile(r"、(?:对|向|由)")  # 、对法人……: a second party's member of the enumeration


def alternative(dropped: str) -> bool:
    """An alternative or a parenthesis left out narrows the rule (拒不出席听证[或者未经许可中途退出听证]: the matcher
    may start the cut a word early); a co-subject of a joint rule (和复议机关是共同被告) does not."""
    # a member of an enumeration (二百元以下[、对法人或者其他组织处以三千元以下]罚款: the matcher cuts it by digits)
    return bool(_ALTERNATIVE.search(dropped) or re.match(r"^.{1,3}(?:或者|或)", dropped)
                or _CONJUNCT_END.search(dropped) or _MEMBER_CUT.search(dropped)) and "共同" not in dropped


# a modifier that restricts what a rule covers (只能用作普通建筑材料的砂、石; 个人所有的零星林木)
# … and 零星 (房前屋后个人所有的零星林木): a few scattered trees, not a wood
_RESTRICTIVE = re.compile(r"(?:只能|只可|仅|限于|专门|专用|个人所有)[^，,；;。]{0,12}的$|零星")


def restriction_dropped(claim: str, sentences: Sequence[str]) -> bool:
    """A restricting modifier left out, also where the claim restates one clause of a list item (个人为生活自用采挖
    [只能用作普通建筑材料的]砂、石、黏土的，不需要取得采矿权) or the matcher splits the cut around one kept character."""
    return any(_RESTRICTIVE.search(best[i1:i2]) and not alternative(best[i1:i2]) for best, _t, (i1, i2, _j1, _j2)
               in clause_edits(claim, sentences, ("delete",))) or any(map(_RESTRICTIVE.search, _split_drops(claim, sentences))) \
        or _cut_in_place(facts.plain(claim), sentences)


_RESTRICTIVE_IN = re.compile(r"(?:只能|只可|仅|限于|专门|专用|个人所有)[^，,；;。]{0,12}?的|零星")
CUT_SIDE = 3  # characters on each side of a restricting modifier the claim keeps together without it


def _cut_in_place(text: str, sentences: Sequence[str]) -> bool:
    """The passage's words on both sides of a restricting modifier stand together in the claim (资源和[只能用作普通
    建筑材料的]砂、石 as 资源和砂、石), however little of the long sentence around them the claim restates."""
    for s in sentences:
        for m in _RESTRICTIVE_IN.finditer(s):
            left, right = s[max(0, m.start() - CUT_SIDE):m.start()], s[m.end():m.end() + CUT_SIDE]
            if len(left) == len(right) == CUT_SIDE and left + right in text and left + m.group(0) + right not in text:
                return True
    return False


def _split_drops(claim: str, sentences: Sequence[str]) -> Iterator[str]:
    """Deletions the matcher splits around one kept character (房前屋后[个人所有]的[零星]林木 for 房前屋后的林木),
    read as one, anchored on both outer sides."""
    for part in statement_parts(facts.plain(claim)):
        dice, best = restated(part, sentences)
        if dice < SAME_STATEMENT:
            continue
        ops = SequenceMatcher(None, best, part, autojunk=False).get_opcodes()
        for k in range(1, len(ops) - 3):
            run = ops[k - 1:k + 4]
            if [o[0] for o in run] == ["equal", "delete", "equal", "delete", "equal"] and run[2][2] - run[2][1] <= 1 \
                    and min(run[0][2] - run[0][1], run[4][2] - run[4][1]) >= 2:
                yield best[run[1][1]:run[3][2]]


_ALL = re.compile(r"都|均|一律|全都|都要|都需要|都可以")
_CONDITION_CUT = re.compile(r"^[，,]?[^。；;]{2,40}的[，,]?$")


def condition_said_away(claim: str, sentences: Sequence[str]) -> bool:
    """A condition clause replaced by 都 / 均 (……成果，[用于政府决策……的，]应当无偿提供 as ……成果，都应当无偿提供), or
    left out with 都 put before the act (……建设项目，[以划拨方式……的，]建设单位……前，都应当……): the reply says in so
    many words that the rule holds without it."""
    edits = list(anchored_edits(claim, sentences, ("replace", "delete", "insert")))
    return any(_ALL.fullmatch(text[j1:j2].strip("，,")) and _CONDITION_CUT.match(best[i1:i2])
               for best, text, (i1, i2, j1, j2) in edits) or (
        any(i1 == i2 and _ALL.fullmatch(text[j1:j2]) for _b, text, (i1, i2, j1, j2) in edits)
        and any(j1 == j2 and _CONDITION_CUT.match(best[i1:i2]) and bool(re.search(r"[，,]", best[i1:i2]))
                for best, _t, (i1, i2, j1, j2) in edits)) or _sufficiency_widened(edits)


# 只要……就 / 凡是: the reply states its condition as enough; a part of the passage's condition it leaves out widens it
_SUFFICE = re.compile(r"只要|凡是")
_THEN = re.compile(r"就|便|应当|可以|必须|都|均|一律")
SUFFICE_CUT = 2  # characters of the passage's condition left out that count


def _sufficiency_widened(edits: Sequence[tuple[str, str, tuple[int, int, int, int]]]) -> bool:
    """只要出现了地质灾害前兆的区域和地段，县级人民政府就应当…… for 对出现地质灾害前兆[，可能造成人员伤亡或者重大财产
    损失]的区域和地段，……: a deletion between the claim's 只要 and its 就 (or modal), where the passage has no 只要."""
    for best, text, (i1, i2, j1, j2) in edits:
        start = _SUFFICE.search(text)
        if start is None or _SUFFICE.search(best) or j1 != j2 or i2 - i1 < SUFFICE_CUT:
            continue
        then = _THEN.search(text, start.end())
        dropped = best[i1:i2].lstrip("，,")
        if then is not None and start.end() <= j1 <= then.start() and not dropped.startswith(("或", "、", "（", "(")):
            return True
    return False
