"""Authorities named by rank (pure): 上一级 / 本级 where the passage names its body otherwise, or a fixed level
(省级) where the passage names the body by its rank (共同的上一级)."""
from __future__ import annotations

import re
from collections.abc import Sequence

from app.answer.verify import facts
from app.answer.verify.restate import anchored_edits


_RANK = re.compile(r"上一?级|本级|同级")
# an authority named by its place above or beside another (其上一级行政机关, 本级人民政府)
_RELATIVE = re.compile(rf"({_RANK.pattern})[^，,。；;]{{0,6}}?(?:人民政府|政府|机关|部门|机构)")


def relative_level_added(claim: str, passage_texts: Sequence[str]) -> bool:
    """The claim gives the act to an authority by its rank beside another (由其上一级行政机关作为被申请人) where the
    passage names no authority so (继续行使其职权的行政机关是被申请人): the rule was given to another body.
    上级 and 上一级 are one rank: a reply shortens one to the other."""
    text = "".join(passage_texts)
    for m in _RELATIVE.finditer(facts.plain(claim)):
        rank = "上" if m.group(1).startswith("上") else m.group(1)
        if rank not in text if rank != "上" else not re.search(r"上一?级", text):
            return True
    return False


_FIXED_LEVEL = re.compile(r"国务院|省|自治区|直辖市|设区的市|市|县|乡|镇")


def rank_given_level(claim: str, sentences: Sequence[str]) -> bool:
    """The claim restates a clause that names its authority by rank (由共同的上一级人民政府……指定办理) with a fixed
    level in its place (由省级人民政府……): a rank is relative to the parties, a level is not."""
    for best, text, (i1, i2, j1, j2) in anchored_edits(claim, sentences, ("replace",)):
        if _RANK.search(best[max(0, i1 - 3):i2 + 1]) and _FIXED_LEVEL.search(text[j1:j2]) \
                and not _RANK.search(text[max(0, j1 - 3):j2 + 1]):
            return True
    return False
