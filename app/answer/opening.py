"""The direct answer that opens an offline answer (pure): one short line in the words of the quoted sentence.

「申请期限：自知道或者应当知道该行政行为之日起六十日内提出行政复议申请。」 The line is cut from the passage's
best sentence — the clause that carries what the question type asks for (a time limit, an authority, a fee rule,
a prohibition) — so it adds no fact of its own and passes the same verification as the quote. Citizens get plain
framing (「可以。」「不可以。」「一般是……」) around the same verbatim clause.
"""
from __future__ import annotations

import re

from app.patterns import ARTICLE_LABEL, CUES, QType, question_types

LABELS = {
    QType.DEADLINE: "期限", QType.AUTHORITY: "负责的机关", QType.FEE: "费用", QType.PENALTY: "法律后果",
    QType.CONDITION: "适用情形", QType.PROCEDURE: "程序", QType.DEFINITION: "含义", QType.PERMISSION: "规定",
    QType.COUNT: "数据",
}
_CLAUSE = re.compile(r"[^，；：。！？\n]+")
_NEG = re.compile(r"不得|禁止|不能|不予|不再|无权|不收取|不承担|严禁")
_NO_NEED = re.compile(r"不需要|无需|无须|不必|不用")
_POS = re.compile(r"可以|有权|准予")
_DUTY = re.compile(r"应当|必须|(?<!不)需要")
# an exception (但……, 除……外) is no direct answer unless the question asks for one: 「应当。但应当符合林木采伐技术
# 规程」 answered 要不要办砍树手续 (dev: 4 of 106 opening lines, 3 of them without the answering words)
_EXCEPTION = re.compile(r"^(?:但是|但|除)")
_ASKS_EXCEPTION = re.compile(r"例外|除外|但是|特殊")
# … nor is an extension (延长的期限最长不得超过20个工作日 for 多久答复) unless the question asks about one
_EXTENSION = re.compile(r"延长|延期")
_ASKS_EXTENSION = re.compile(r"延长|延期|最长|最多|还能")
# 行政处罚 naming the topic (行政处罚听证要自己出钱吗) asks for no penalty
_PENALTY_TOPIC = re.compile(r"行政处罚(?=听证|决定|程序|案件|法|的种类|要|是)")
MIN_CLAUSE = 8


def _overlap(a: str, b: str) -> int:
    ga = {a[i:i + 2] for i in range(len(a) - 1)}
    return len(ga & {b[i:i + 2] for i in range(len(b) - 1)})


def _clause(sentence: str, qtype: QType, question: str = "") -> str | None:
    """The clause of the sentence that carries the answer shape (the one sharing most with the question when
    several do), extended by its neighbour when too short."""
    cue = next(c for c in CUES if c.qtype == qtype)
    clauses = [m for m in _CLAUSE.finditer(sentence) if m.group(0).strip()]
    # 不需要申请采伐许可证 answers 要不要办 too (kept out of the shared cue: as a ranking and confidence signal it
    # did not earn its place)
    shaped = [i for i, m in enumerate(clauses) if cue.answers.search(m.group(0))
              or qtype is QType.PERMISSION and _NO_NEED.search(m.group(0))]
    if not _ASKS_EXCEPTION.search(question):
        shaped = [i for i in shaped if not _EXCEPTION.match(clauses[i].group(0).strip())]
    if not _ASKS_EXTENSION.search(question):
        shaped = [i for i in shaped if not _EXTENSION.search(clauses[i].group(0))] or shaped
    if not shaped:
        return None
    i = max(shaped, key=lambda j: (_overlap(clauses[j].group(0), question), -j))
    lo, hi = clauses[i].start(), clauses[i].end()
    if hi - lo < MIN_CLAUSE and i + 1 < len(clauses):
        hi = clauses[i + 1].end()
    if hi - lo < MIN_CLAUSE and i > 0:
        lo = clauses[i - 1].start()
    return sentence[lo:hi].strip()


def opening_line(sentence: str, qtypes: tuple[QType, ...], plain: bool, question: str = "") -> str | None:
    """None when the question type gives no direct line (the quote then speaks for itself). A yes/no question
    (能不能、可以吗) is answered as one first, whatever else it asks about."""
    sentence = ARTICLE_LABEL.sub("", sentence)  # an article's first sentence starts with its label (第三十八条　)
    if question and QType.PENALTY in qtypes and QType.PENALTY not in question_types(_PENALTY_TOPIC.sub("", question)):
        qtypes = tuple(t for t in qtypes if t is not QType.PENALTY)
    ordered = sorted(qtypes, key=lambda t: t is not QType.PERMISSION)
    for qtype in ordered:
        clause = _clause(sentence, qtype, question)
        if not clause or clause == sentence.strip("。；！？ "):
            continue  # the line would only repeat the whole quote
        if qtype is QType.PERMISSION:
            lead = "不可以。" if _NEG.search(clause) else "不需要。" if _NO_NEED.search(clause) else (
                "可以。" if _POS.search(clause) else "应当。" if _DUTY.search(clause) else "")
            return f"{lead}{clause}。" if plain and lead else f"{LABELS[qtype]}：{clause}。"
        if qtype is QType.FEE and _NEG.search(clause):
            return f"不收费。{clause}。" if plain else f"{LABELS[qtype]}：{clause}。"
        if plain:
            return f"{'一般是' if qtype is QType.DEADLINE else '简单说：'}{clause}。"
        return f"{LABELS[qtype]}：{clause}。"
    return None
