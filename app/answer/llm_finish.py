"""From a model's reply to what the user is shown: verified text plus the audience's additions, a decline when the
model found nothing, or the extractive answer when verification took away what the question asked."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.answer import extractive as ex
from app.answer.prompts import NO_ANSWER
from app.answer.verify import NOTHING_LEFT, Verified, Verifier
from app.answer.verify import facts
from app.schema import Chunk, Citation

NO_EVIDENCE = f"所检索到的{NO_ANSWER}，无法给出可靠答案。"
FALLBACK_EMPTY = "大模型的回答未能通过引用核验，已改为显示离线摘录答案。"
FALLBACK_PARTIAL = "大模型回答中回答问题的句子未能通过引用核验，已在前面补上资料原文的摘录。"
_ASKING = set("多长 多久 多少 哪些 什么 怎么 怎么办 怎样 如何 是否 能否 可以 需要 应当 规定 规定了 吗 呢 问题 请问 "
              "时间 期限 情况 要点 培训 讲解 整理 梳理 用于 帮我 一下".split())


@dataclass(frozen=True)
class Shown:
    text: str
    citations: tuple[Citation, ...]
    notices: tuple[str, ...]
    removed: tuple[str, ...]
    mode: str  # "llm" | "extractive"
    declined: bool = False


Pieces = Callable[[], list[ex.Sourced]]  # the extractive answer's quotes, chosen only when needed


def is_no_answer(reply: str) -> bool:
    full = (reply or "").strip()
    return NO_ANSWER in full and len(full) < len(NO_ANSWER) + 20


def _mentions(text: str, word: str) -> bool:
    t = facts.plain(text)
    if word in t:
        return True
    b = facts.bigrams(word)
    return bool(b) and len(b & facts.bigrams(t)) / len(b) >= 0.5


def answers_question(question: str, kept: str, reply: str) -> bool:
    """False when the words of the question that the reply addressed are mostly gone from what is kept."""
    asked = [w for w in facts.content_words(question) if w not in _ASKING]
    addressed = [w for w in asked if _mentions(reply, w)]
    if not addressed:
        return True
    still = [w for w in addressed if _mentions(kept, w)]
    return len(still) >= 0.5 * len(addressed)


def finish_reply(question: str, reply: str, verifier: Verifier, audience: str, pieces: Pieces,
                 verified: Verified | None = None) -> Shown:
    """What the user is shown for `reply`: declined, verified (plus the audience's additions), or, when
    verification left nothing or took away what was asked, the extractive quotes that answer followed by
    whatever verified text remains."""
    if is_no_answer(reply):
        return Shown(NO_EVIDENCE, (), (), (), "extractive", declined=True)
    v = verified or verifier.verify(reply)
    # removing only sentences the model left without a marker (an opening verdict 可能会被罚, advice) takes no
    # verified answer away: the cited claims that answer are still shown
    if v.text.strip() and not (v.removed and not v.uncited_only and not answers_question(question, v.text, reply)):
        return Shown(v.text + ex.audience_suffix(audience, v.text), v.citations, v.notices, v.removed_spans, "llm")
    notices = [n for n in v.notices if n != NOTHING_LEFT]
    text, cites, more = with_extractive(pieces(), v.kept if v.text.strip() else "", verifier.chunks, audience,
                                        question)
    why = FALLBACK_PARTIAL if v.text.strip() else FALLBACK_EMPTY
    return Shown(text, cites, (*notices, *more, why), v.removed_spans, "llm" if v.text.strip() else "extractive")


def with_extractive(pieces: list[ex.Sourced], kept: str, passages: Sequence[Chunk],
                    audience: str, question: str = "") -> tuple[str, tuple[Citation, ...], tuple[str, ...]]:
    """The extractive quotes, numbered in `passages` (extended when a quote comes from another hit), then `kept`
    (verified text in the same numbering), verified together so the markers and citations agree."""
    chunks = list(passages)
    ids = [c.chunk_id for c in chunks]
    lines = []
    for p in pieces:
        if p.chunk.chunk_id not in ids:
            chunks.append(p.chunk)
            ids.append(p.chunk.chunk_id)
        text, _ = ex.compose([p], audience)
        lines.append(text.replace("[1]", f"[{ids.index(p.chunk.chunk_id) + 1}]"))
    if len(lines) > 1:
        lines[1:] = [ln.replace("根据", "另据", 1) for ln in lines[1:]]
    combined = "\n\n".join([*lines, kept] if kept else lines)
    v = Verifier(chunks, question).verify(combined)
    return v.text + ex.audience_suffix(audience, v.text), v.citations, tuple(n for n in v.notices if n != NOTHING_LEFT)


def pieces_from_passages(question: str, passages: Sequence[Chunk]) -> Pieces:
    """The case runner's stand-in for the pipeline's extractive choice, which has the retriever's scores: the
    passages in their given order, scores falling with rank."""
    from app.schema import Hit

    from app.answer.select import Scorer
    from app.schema import HitSource
    from app.text import tokenize

    hits = [Hit(c, 1.0 / (i + 1), (HitSource.LEXICAL,)) for i, c in enumerate(passages)]
    return lambda: ex.choose(hits, question, False, Scorer(tokenize, lambda _t: 1.0))
