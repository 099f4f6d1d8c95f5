"""Shared patterns (pure): question types with the sentence shapes that answer them, time limits, figures.

One home for what retrieval features, sentence selection and the opening line all need to agree on: a question
asking 多久 is answered by a sentence stating 六十日内; one asking 谁/哪个部门 by a sentence naming the authority.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class QType(StrEnum):
    DEADLINE = "期限"
    AUTHORITY = "机关"
    FEE = "费用"
    PENALTY = "处罚"
    CONDITION = "条件"
    PROCEDURE = "程序"
    DEFINITION = "定义"
    PERMISSION = "能否"
    COUNT = "数量"


_N = "[0-9零〇一二两三四五六七八九十百千]+"
# an article's own label at the start of its text (第二十条　), left out of quotes
ARTICLE_LABEL = re.compile(r"^第[零〇一二两三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?[\s\u3000]*")
TIME_UNIT = "(?:个工作日|工作日|个月|日|天|年|小时)"
TIME_LIMIT = re.compile(
    rf"{_N}{TIME_UNIT}(?:内|以内|之内|前|后)|(?:超过|最长|不得超过|不超过|期限为|时效为|时效期间为|延长)(?:期限)?{_N}{TIME_UNIT}"
    rf"|{_N}{TIME_UNIT}(?:届满|期满)"
)
FIGURE = re.compile(r"[0-9]+(?:\.[0-9]+)?\s*(?:万元|万亩|亿元|元|亩|公顷|次|人次|场|个|件|宗|条|名|辆|处|批|%)|百分之")
AUTHORITY = re.compile(
    r"(?:人民政府|主管部门|行政机关|复议机关|人民法院|人民检察院|公安机关|监察机关|部门|委员会|机构)(?:负责|批准|审批|决定|受理|作出|实施|管辖|办理|组织)?"
)


@dataclass(frozen=True)
class Cue:
    qtype: QType
    asks: re.Pattern[str]  # in the question
    answers: re.Pattern[str]  # in a sentence that answers it


CUES: tuple[Cue, ...] = (
    Cue(QType.DEADLINE, re.compile(r"期限|时限|多长时间|多久|几天|几日|多少天|多少日|多少年|几年|几个月|多少个月|多长|什么时候|时效|来得及|还能.{0,6}吗|拖"), TIME_LIMIT),
    Cue(QType.AUTHORITY, re.compile(r"谁|哪个部门|哪个机关|哪一级|哪里|什么部门|什么机关|由.{0,4}(?:负责|审批|批准)|找谁|管辖|归谁"),
        re.compile(r"(?:由|向|报|经)[^，。；]{0,20}(?:人民政府|部门|机关|法院|机构)|人民政府.{0,8}(?:负责|批准)|主管部门负责")),
    Cue(QType.FEE, re.compile(r"费用|收费|交钱|要钱|花钱|缴费|钱吗|免费|多少钱|付费|收钱|补偿标准|补偿费"),
        re.compile(r"费用|收取|收费|不得收|免费|补偿费|承担")),
    Cue(QType.PENALTY, re.compile(r"处罚|罚款|罚多少|罚钱|怎么罚|法律责任|后果|追究|拘留|坐牢|判刑"),
        re.compile(r"罚款|处罚|没收|责令|追究刑事责任|处分|吊销|拘留")),
    Cue(QType.CONDITION, re.compile(r"哪些情形|什么情况|哪些情况|条件|哪些|什么样的|哪几种|包括什么|都有什么|有哪些"),
        re.compile(r"下列|情形之一|条件|包括|：$")),
    Cue(QType.PROCEDURE, re.compile(r"程序|流程|步骤|怎么办|如何办理|怎么申请|怎样|手续|先.{0,6}再"),
        re.compile(r"应当|申请|提交|告知|公告|听证|送达|审查|决定")),
    Cue(QType.DEFINITION, re.compile(r"什么是|什么叫|何为|何谓|是指什么|指什么|的含义|的定义|是什么意思"),
        re.compile(r"是指|所称|称为")),
    Cue(QType.PERMISSION, re.compile(r"能不能|能否|可不可以|可否|是否可以|可以吗|能吗|允许|合法吗|行吗|对吗|会不会|要不要|必须|需要.{0,6}吗"),
        re.compile(r"不得|禁止|可以|应当|必须|无权|有权|不予")),
    Cue(QType.COUNT, re.compile(r"多少|几次|几个|几场|几名|几项|几批|数量|面积|金额|总投资"), FIGURE),
)


def question_types(question: str) -> tuple[QType, ...]:
    return tuple(c.qtype for c in CUES if c.asks.search(question))


def answers(qtype: QType, sentence: str) -> bool:
    return any(c.answers.search(sentence) for c in CUES if c.qtype == qtype)
