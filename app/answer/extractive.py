"""Offline extractive answers: pick the sentences that answer, quote them with [n] markers. Deterministic."""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.schema import Chunk, Citation, Hit
from app.text import tokenize

CITIZEN_NOTE = "以上内容仅供参考，不构成法律意见。"
_SENT = re.compile(r"[^。！？；\n]+[。！？；]?")
_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_HEADING_SENT = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|\d{1,2}\.\s?)[^，,]{2,30}。$")
_ASKS_FIGURE = re.compile(r"多少|几|数量|金额|面积|比例|多长|多久|期限|时间")


@dataclass(frozen=True)
class Piece:
    """One quoted passage of the answer: its chunk and the exact text taken from it."""

    chunk: Chunk
    quote: str


def sentences(text: str) -> list[str]:
    """Sentences of a passage; a lead-in ending in ：keeps the （一）（二）… items that follow it."""
    out: list[str] = []
    for line in text.split("\n"):
        if _ITEM.match(line.strip()) and out and (out[-1].endswith("：") or _ITEM.match(out[-1].split("\n")[-1])):
            out[-1] += "\n" + line
            continue
        out += [s for s in _SENT.findall(line) if s.strip()]
    return out


def _strip_label(s: str, c: Chunk) -> str:
    return s[len(c.article):].lstrip("　 ") if c.article and s.startswith(c.article) else s


_LIMIT = re.compile(r"[0-9零一二三四五六七八九十百]+(?:个)?(?:日|天|个月|年|工作日)(?:内|以内|之内)?")
_DEADLINE_Q = re.compile(r"期限|时限|多长|多久|几天|几日|什么时候")


def sentence_score(sentence: str, q_tokens: set[str], question: str, first: bool) -> float:
    toks = set(tokenize(sentence))
    score = len(q_tokens & toks) + (2.0 if first else 0.0)
    if _DEADLINE_Q.search(question) and _LIMIT.search(sentence):
        score += 5.0
    elif _ASKS_FIGURE.search(question) and re.search(r"\d", sentence):
        score += 2.0
    return score


def best_sentences(chunk: Chunk, question: str, limit: int = 2) -> str:
    """The best-matching sentence, with its best neighbour when that also matches; exact text of the chunk."""
    sents = sentences(chunk.text)
    if chunk.doc_type == "report" and len(sents) > 1 and _HEADING_SENT.match(sents[0]):
        sents = sents[1:]  # "（三）执法规范化水平仍需提升。" names the topic; the answer is in what follows
    if not sents:
        return chunk.text
    q = set(tokenize(question))
    scores = [sentence_score(s, q, question, i == 0 and chunk.doc_type == "law") for i, s in enumerate(sents)]
    best = max(range(len(sents)), key=lambda i: (scores[i], -i))
    if limit > 1:
        nbrs = [i for i in (best - 1, best + 1) if 0 <= i < len(sents) and scores[i] >= 0.6 * scores[best] > 0]
        if nbrs:
            lo, hi = min(best, nbrs[0]), max(best, nbrs[0])
            joined = "".join(sents[lo:hi + 1])
            if joined in chunk.text:
                return joined
    return sents[best]


def whole_article(chunk: Chunk, limit: int = 600) -> str:
    """For a direct article lookup: the article's text, cut at a sentence end when long."""
    if len(chunk.text) <= limit:
        return chunk.text
    ends = [m.end() for m in re.finditer(r"[。；]", chunk.text[:limit])]
    return chunk.text[: ends[-1]] if ends else chunk.text[:limit]


def source_phrase(c: Chunk) -> str:
    if c.doc_type == "law":
        year = f"（{c.version[:4]}年版）" if c.version and not c.is_current else ""
        return f"《{c.title}》{year}{c.article}"
    if c.doc_type == "report":
        return f"《{c.title}》{c.section}部分"
    return f"《{c.title}》{c.section or ''}"


def choose(hits: list[Hit], question: str, lookup: bool) -> list[Piece]:
    """Primary passage plus at most one supporting passage of the same kind with a close score."""
    if not hits:
        return []
    top = hits[0]
    if lookup:
        return [Piece(h.chunk, whole_article(h.chunk)) for h in hits if h.why == ("lookup",)][:2]
    pieces = [Piece(top.chunk, best_sentences(top.chunk, question))]
    for h in hits[1:3]:
        if h.chunk.doc_type == top.chunk.doc_type and h.score >= 0.95 * top.score:
            pieces.append(Piece(h.chunk, best_sentences(h.chunk, question, limit=1)))
            break
    return pieces


def compose(pieces: list[Piece], audience: str) -> tuple[str, tuple[Citation, ...]]:
    lines, cites = [], []
    for n, p in enumerate(pieces, 1):
        quote = _strip_label(p.quote, p.chunk) if p.chunk.doc_type == "law" else p.quote
        quote = quote if quote in p.chunk.text else p.quote
        lead = "根据" if n == 1 else "另据"
        verb = "规定" if p.chunk.doc_type == "law" else "记载"
        lines.append(f"{lead}{source_phrase(p.chunk)}{verb}：“{quote.strip()}”[{n}]")
        cites.append(Citation(n, p.chunk, quote.strip()))
    return "\n\n".join(lines), tuple(cites)


def audience_suffix(audience: str, text: str) -> str:
    """Added after verification: these lines state no facts of their own."""
    if audience == "citizen" and CITIZEN_NOTE not in text:
        return f"\n\n{CITIZEN_NOTE}"
    if audience == "trainer":
        return "\n\n（培训提示：可围绕所引条文中的主体、期限、条件和法律后果设计练习题。）"
    return ""
