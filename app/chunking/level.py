"""Legal rank (效力层级) of a statute, from its folder when the corpus is sorted by kind, else from its title. Pure.

Retrieval uses it the way a lawyer does: when a law and a lower-ranking regulation both bear on a question,
the law is cited first (上位法优先); local rules come after national ones unless a place is asked about.
"""
from __future__ import annotations

import re
from typing import Final

from app.schema import LegalLevel

LAW: Final[LegalLevel] = "法律"
INTERPRETATION: Final[LegalLevel] = "司法解释"
REGULATION: Final[LegalLevel] = "行政法规"
RULE: Final[LegalLevel] = "部门规章"
LOCAL: Final[LegalLevel] = "地方性法规"
OTHER: Final[LegalLevel] = "其他"
LOWER_RANKS: frozenset[LegalLevel] = frozenset({REGULATION, RULE, OTHER})  # national, below 法律 and 司法解释

# folder names of the national law library (../shared/lawlib) and of the default corpus
_FOLDERS: dict[str, LegalLevel] = {
    **dict.fromkeys(("宪法", "宪法相关法", "民法典", "民法商法", "刑法", "行政法", "经济法", "社会法", "诉讼与非诉讼程序法"), LAW),
    "司法解释": INTERPRETATION, "行政法规": REGULATION, "部门规章": RULE, "其他": OTHER, "local": LOCAL,
}
_LOCAL_TITLE = re.compile(r"^[\u4e00-\u9fff]{2,5}?(?:省|自治区|自治州|自治县)|^(?!城市)[\u4e00-\u9fff]{2,3}市(?!场)")
# 办法 ends in 法 but is a regulation or a rule
_LAW_TITLE = re.compile(r"(?:(?<!办)法|法典|修正案(?:（[一二三四五六七八九十]+）)?)$|^全国人民代表大会(?:常务委员会)?关于")
_REGULATION_TITLE = re.compile(r"(?:条例|细则|规定|办法)(?:（试行）|\(试行\))?$")


def legal_level(source: str, title: str) -> LegalLevel:
    folder = source.split("/", 1)[0] if "/" in source else ""
    return _FOLDERS.get(folder) or level_from_title(title)


def level_from_title(title: str) -> LegalLevel:
    if title.startswith(("最高人民法院", "最高人民检察院")):
        return INTERPRETATION
    if _LOCAL_TITLE.search(title):
        return LOCAL
    if _LAW_TITLE.search(title):
        return LAW
    return REGULATION if _REGULATION_TITLE.search(title) else OTHER
