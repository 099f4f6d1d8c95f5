"""When not to answer (pure): out-of-scope requests, prompt injection, weak evidence, uncovered years."""
from __future__ import annotations

import math
import re

from app.schema import Chunk
from app.stores.lexical import BM25Index
from app.text import tokenize

OUT_OF_SCOPE = re.compile(
    r"天气|气温|下雨|签证|护照|机票|酒店|旅游|股票|基金|彩票|菜谱|做饭|写(?:一)?首诗|作诗|写诗|讲个?笑话|唱歌|"
    r"星座|算命|游戏|电影|明星|体育|比分|翻译成英文|写代码|编程|python|java|weather|visa|poem|joke",
    re.I)
INJECTION = re.compile(
    r"忽略.{0,12}(?:指令|指示|提示|规则|要求|设定)|无视.{0,8}(?:指令|规则)|系统提示|提示词|system\s*prompt|"
    r"ignore\s+(?:all\s+)?(?:previous|above|prior)|you\s+are\s+now|jailbreak|DAN模式|开发者模式|扮演|"
    r"越狱|输出你的(?:设定|指令|规则)|repeat\s+the\s+(?:text|words)\s+above", re.I)
_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")
MIN_EVIDENCE = 0.34  # calibrated on the dev sets: answerable questions >= 0.5, junk below 0.3

DECLINE_SCOPE = "抱歉，这个问题超出了本助手的范围。我只回答与孟州市自然资源和规划局 2025 年法治政府建设工作报告及相关法律法规有关的问题。"
DECLINE_INJECTION = "抱歉，我不能执行这类要求。我只依据知识库中的报告和法律法规回答问题，也不会透露内部设置。"
DECLINE_NO_EVIDENCE = "抱歉，知识库中没有找到能够回答这个问题的依据，无法给出可靠答案。"
DECLINE_YEAR = "抱歉，知识库中的工作报告只涉及 {years} 年的情况，没有 {asked} 年的数据。"


def screen(question: str) -> str | None:
    """A decline message for requests that must not reach retrieval at all, else None."""
    if INJECTION.search(question):
        return DECLINE_INJECTION
    if OUT_OF_SCOPE.search(question):
        return DECLINE_SCOPE
    return None


def evidence(question: str, chunk: Chunk, bm25: BM25Index) -> float:
    """Share of the question's idf mass that the passage contains (0..1): a score comparable across questions."""
    q = set(tokenize(question))
    if not q:
        return 0.0
    text = set(tokenize(chunk.index_text()))
    n = bm25.weights.shape[0]
    weight = {t: math.log(1 + n / (1 + bm25.doc_freq(t))) for t in q}
    return sum(w for t, w in weight.items() if t in text) / sum(weight.values())


def uncovered_year(question: str, report_years: set[str], is_report_question: bool) -> str | None:
    if not is_report_question:
        return None
    asked = [y for y in _YEAR.findall(question) if y not in report_years]
    return asked[0] if asked and report_years else None
