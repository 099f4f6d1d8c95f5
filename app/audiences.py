"""Audiences: who asks, and how an answer is worded for them. A new audience is one entry in AUDIENCES.

Everything that varies by audience reads its entry here: the page's radio label and example questions, the LLM
prompt's writing style, the offline answer's framing (plain opening line, whole articles for teaching), the
closing line and the label in the feedback table. Nothing else compares audience strings.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class Audience(StrEnum):
    STAFF = "staff"
    TRAINER = "trainer"
    CITIZEN = "citizen"


CITIZEN_NOTE = "以上内容仅供参考，不构成法律意见。"


@dataclass(frozen=True)
class AudienceSpec:
    key: Audience
    label: str  # the page's radio button and the feedback table
    prompt_style: str  # the LLM's writing instructions
    examples: tuple[str, ...]  # example questions on the page
    plain: bool = False  # offline: plain framing of the opening line (「可以。」「一般是……」)
    whole_articles: bool = False  # offline: quote the whole article (a trainer teaches it whole)
    closing: str = ""  # added after verification: states no fact of its own
    disclaimer: str = ""  # must end every answer (the LLM path adds it when the model forgot)


AUDIENCES: Mapping[Audience, AudienceSpec] = MappingProxyType({a.key: a for a in (
    AudienceSpec(
        Audience.STAFF, "工作人员",
        "读者是本局工作人员。表述准确、专业、简洁；引用法律时写明法律名称和条文序号，"
        "如《中华人民共和国行政复议法》第二十条；涉及工作报告时给出报告中的具体数字。",
        ("对行政行为不服，申请行政复议的期限是多长？", "行政复议法新旧版本有什么变化？",
         "土地管理法第四十七条规定了什么？", "全年受理各类线索多少条？罚没收入多少？")),
    AudienceSpec(
        Audience.TRAINER, "培训",
        "读者是法治培训讲师。回答条理清晰、便于讲解：先用一句话概括，再分点（1. 2. 或 -）列出要点，"
        "每一点都要标注出处；可以指出资料中写明的易混淆之处，但不得超出资料。",
        ("行政复议法新旧版本有什么变化？", "土地管理法第四十七条规定了什么？",
         "全年受理各类线索多少条？罚没收入多少？", "对行政行为不服，申请行政复议的期限是多长？"),
        whole_articles=True, closing="（培训提示：可围绕所引条文中的主体、期限、条件和法律后果设计练习题。）"),
    AudienceSpec(
        Audience.CITIZEN, "群众",
        "读者是普通群众。用通俗易懂的大白话，句子简短，少用术语，必要时用资料中的话简单解释；"
        f"全文控制在 200 字左右；最后单独一行写：{CITIZEN_NOTE}",
        # what residents ask, in their words: no article numbers, no questions about the bureau's own report
        ("对行政行为不服，申请行政复议的期限是多长？", "我家的房子被征收了，能得到哪些补偿？",
         "农村一户人家可以有几处宅基地？", "向政府申请公开信息，多久能得到答复？", "不服政府的决定，可以直接去法院起诉吗？"),
        plain=True, closing=CITIZEN_NOTE, disclaimer=CITIZEN_NOTE),
)})
BY_LABEL: Mapping[str, Audience] = MappingProxyType({a.label: a.key for a in AUDIENCES.values()})


def audience(key: str | Audience | None) -> AudienceSpec:
    """The entry for a key; an unknown or missing key is the staff audience."""
    try:
        return AUDIENCES[Audience(key)] if key else AUDIENCES[Audience.STAFF]
    except ValueError:
        return AUDIENCES[Audience.STAFF]


PUBLIC = Audience.CITIZEN  # who the public page answers
DEFAULT = Audience.STAFF  # who the staff page, the CLI and the API answer unless told


def keys() -> list[str]:
    return [str(a) for a in AUDIENCES]
