"""Offline extractive answers: pick the sentences that answer, quote them with [n] markers. Deterministic."""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.answer.opening import opening_line
from app.audiences import CITIZEN_NOTE  # noqa: F401  (re-exported: tests and callers read it here)
from app.audiences import audience as audience_spec
from app.answer.select import WHOLE_ARTICLE_CHARS, Scorer, question_parts, select
from app.patterns import ARTICLE_LABEL, question_types
from app.schema import Chunk, Citation, Hit
from app.text import tokenize


_SENT = re.compile(r"[^。！？；\n]+[。！？；]?")
_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_HEADING_SENT = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|\d{1,2}\.\s?)[^，,]{2,30}。$")
_ASKS_FIGURE = re.compile(r"多少|几|数量|金额|面积|比例|多长|多久|期限|时间")


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
    return f"《{c.title}》{c.section if c.section and c.section != c.title else ''}"


@dataclass(frozen=True)
class Sourced:
    """One cited passage of an answer: its quoted pieces (each an exact substring) and the opening line it backs."""

    chunk: Chunk
    pieces: tuple[str, ...]
    opening: str | None = None


def choose(hits: list[Hit], question: str, lookup: bool, scorer: Scorer, plain: bool = False,
           whole: bool = False) -> list[Sourced]:
    """The first hit's answering sentences (opening line from the best one); a question part that another of the
    next hits answers clearly better is answered from that hit. Lookups quote their articles whole."""
    if not hits:
        return []
    if lookup:
        return [Sourced(h.chunk, (ARTICLE_LABEL.sub("", whole_article(h.chunk)).strip(),)) for h in hits if h.is_lookup][:2]
    top = hits[0]
    # a short article or report paragraph is quoted whole; an uploaded document only by its answering sentences
    # (it can hold anything, an injected instruction too)
    limit = 0 if top.chunk.source.startswith("user/") else (600 if whole else WHOLE_ARTICLE_CHARS)
    sel = select(top.chunk.text, question, scorer, limit)
    parts = question_parts(question)
    opening = opening_line(sel.best.text, question_types(question), plain, question)
    out = [Sourced(top.chunk, sel.pieces, opening)]
    if len(parts) > 1:
        for part, unit in zip(parts, sel.per_part):
            mine = scorer.score(unit.text, part, question_types(part))
            for h in hits[1:3]:
                other = select(h.chunk.text, part, scorer)
                if other.score > mine + 0.35 and h.chunk.chunk_id not in {s.chunk.chunk_id for s in out}:
                    out.append(Sourced(h.chunk, other.pieces))
                    break
    return out


def _quoted(pieces: tuple[str, ...]) -> str:
    return "……".join(f"“{p}”" for p in pieces)


def compose(sources: list[Sourced], audience: str) -> tuple[str, tuple[Citation, ...]]:
    """Opening line, then 根据《…》第X条规定：“…”[n] for each source (another source: 另据…)."""
    lines, cites = [], []
    for n, s in enumerate(sources, 1):
        if s.opening:
            lines.append(f"{s.opening}[{n}]")
        lead = "根据" if n == 1 else "另据"
        verb = "规定" if s.chunk.doc_type == "law" else "记载"
        lines.append(f"{lead}{source_phrase(s.chunk)}{verb}：{_quoted(s.pieces)}[{n}]")
        cites.append(Citation(n, s.chunk, s.pieces[0]))
    return "\n\n".join(lines), tuple(cites)


UNSURE = "没有找到能够确定回答这个问题的条文。以下内容可能相关，请对照原文判断："


def compose_unsure(hits: list[Hit], question: str, scorer: Scorer, k: int = 3) -> tuple[str, tuple[Citation, ...]]:
    """A low-confidence answer: says so plainly, then the likeliest passages with their best sentences (可能相关).
    Never the 根据…规定 wording: nothing here is stated as the answer. The lead line (UNSURE) is not part of the
    returned text: it states no fact, so the caller puts it in front after verification."""
    lines: list[str] = []
    cites: list[Citation] = []
    for n, h in enumerate(hits[:k], 1):
        # the likeliest passage is shown whole when short (its answer may sit in any sentence); the others by
        # their best sentence
        trusted = n == 1 and not h.chunk.source.startswith("user/")
        sel = select(h.chunk.text, question, scorer, whole_limit=WHOLE_ARTICLE_CHARS if trusted else 0)
        quote = sel.pieces[0] if trusted and len(sel.pieces) == 1 and len(sel.pieces[0]) <= WHOLE_ARTICLE_CHARS \
            else ARTICLE_LABEL.sub("", sel.best.text).strip()
        lines.append(f"{n}. {source_phrase(h.chunk)}：“{quote}”[{n}]")
        cites.append(Citation(n, h.chunk, quote))
    return "\n".join(lines), tuple(cites)


def audience_suffix(audience: str, text: str) -> str:
    """Added after verification: the audience's closing line states no fact of its own."""
    closing = audience_spec(audience).closing
    return f"\n\n{closing}" if closing and closing not in text else ""
