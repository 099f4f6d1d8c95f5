"""ask(): screen -> resolve follow-up -> retrieve -> decide -> answer (LLM or extractive) -> verify."""
from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator, Sequence

from app.answer import extractive as ex
from app.answer import refuse
from app.answer.decide import answer_signals
from app.answer.deps import AnswerDeps
from app.answer.select import Scorer
from app.audiences import audience as audience_spec
from app.answer.verify import verify_answer
from app.errors import LLMUnavailable
from app.retrieve.query import QueryPlan, analyse
from app.schema import Answer, Chunk, Citation, Confidence, Hit, Mode, Turn
from app.logs import mask
from app.text import clean_input, strip_markup, to_simplified

log = logging.getLogger("lawdesk")

MAX_QUESTION_CHARS = 2000
PASSAGES = 5
EMPTY = "请输入一个问题，例如：申请行政复议的期限是多长？"
TOO_LONG = "问题过长（{n} 字），请精简到 {limit} 字以内后再问。"


def _users(history: tuple[Turn, ...]) -> tuple[str, ...]:
    return tuple(t.content for t in history if t.role == "user")


def _declined(question: str, resolved: str, text: str, t0: float, audience: str, related: Sequence[Hit] = (),
              notices: Sequence[str] = ()) -> Answer:
    return Answer(question, resolved, text, (), True, "extractive", tuple(notices), tuple(related),
                  (time.perf_counter() - t0) * 1000, audience, Confidence.LOW)


class Context:
    """Everything one question needs between the stages."""

    def __init__(self, svc: AnswerDeps, question: str, history: tuple[Turn, ...], audience: str):
        self.svc, self.history, self.audience = svc, history, audience
        self.t0 = time.perf_counter()
        self.question = clean_input(question)
        self.notices: list[str] = []
        self.resolved = self.question
        self.hits: list[Hit] = []
        self.lookup = False
        self.plan: QueryPlan | None = None
        self.first: dict[str, float] = {}  # the ranker's features of the first hit

    @property
    def focus(self) -> str:
        """What the answer's sentences must answer: a follow-up's own words (组织了几次演练？), not the previous
        question it was completed with for retrieval (which would pick the previous answer's sentence again)."""
        return self.question if self.resolved != self.question and self.question.strip() else self.resolved

    def finish(self, text: str, citations: Sequence[Citation], mode: Mode,
               confidence: Confidence = Confidence.HIGH) -> Answer:
        return Answer(self.question, self.resolved, text, tuple(citations), False, mode, tuple(self.notices),
                      (), (time.perf_counter() - self.t0) * 1000, self.audience, confidence)

    def decline(self, text: str, related: Sequence[Hit] = ()) -> Answer:
        return _declined(self.question, self.resolved, text, self.t0, self.audience, related, self.notices)


def precheck(ctx: Context) -> Answer | None:
    q = ctx.question
    if not q:
        return ctx.decline(EMPTY)
    if len(q) > MAX_QUESTION_CHARS:
        return ctx.decline(TOO_LONG.format(n=len(q), limit=MAX_QUESTION_CHARS))
    simplified = to_simplified(q)  # 繁體 questions meet the simplified knowledge base
    ctx.resolved = strip_markup(simplified) or simplified  # pasted HTML / Markdown is not searched for
    # scope is judged on what is asked; injection on everything typed, markup included
    msg = (refuse.screen(ctx.resolved, ctx.svc.scope) or refuse.screen_injection(simplified)
           or refuse.screen_request(ctx.resolved))
    return ctx.decline(msg) if msg else None


def retrieve(ctx: Context) -> Answer | None:
    svc = ctx.svc
    plan = analyse(ctx.resolved, svc.retriever.titles, _users(ctx.history))
    ctx.plan = plan
    ctx.resolved = plan.resolved or ctx.resolved
    ranked = svc.retriever.search_ranked(plan, 8)
    ctx.hits, ctx.first = list(ranked.hits), ranked.first
    ctx.notices += [n for n in ranked.notices if n not in ctx.notices]
    ctx.lookup = bool(ctx.hits) and ctx.hits[0].is_lookup
    first = ctx.hits[0].chunk.chunk_id if ctx.hits else None
    assist_retrieval(ctx, plan)
    if ctx.hits and ctx.hits[0].chunk.chunk_id != first:
        ctx.first = {}  # the ranker's features describe the hit it put first, not the one the rerank chose
    unknown = None if ctx.lookup else refuse.unknown_law(ctx.resolved, svc.retriever.titles)
    if unknown:
        return ctx.decline(refuse.DECLINE_LAW.format(name=unknown), ctx.hits[:3])
    place = refuse.uncovered_place(ctx.resolved, svc.places, plan.report)
    if place:
        return ctx.decline(refuse.DECLINE_PLACE.format(covered="、".join(svc.places[:1]) + "市", asked=place),
                           [h for h in ctx.hits if h.chunk.doc_type == "report"][:3])
    if plan.articles and not ctx.lookup:
        ref = plan.articles[0]
        return ctx.decline(f"知识库中没有找到《{ref.title}》第{ref.article_no}条。", ctx.hits[:3])
    year = refuse.uncovered_year(ctx.resolved, svc.report_years, plan.report)
    if year:
        return ctx.decline(refuse.DECLINE_YEAR.format(years=_report_year(svc), asked=year),
                           [h for h in ctx.hits if h.chunk.doc_type == "report"][:3])
    # with a calibrated confidence model, thin evidence becomes a hedged answer (可能相关) rather than a refusal,
    # unless the passage barely touches the question (then it is most likely outside the knowledge base)
    # (a question with hardly any Chinese words to match keeps the strict floor: 1' OR '1'='1 is no question)
    wordy = len(re.findall(r"[\u4e00-\u9fff]", ctx.resolved)) >= 4
    floor = refuse.FLOOR_EVIDENCE if svc.calibrator is not None and wordy else refuse.MIN_EVIDENCE
    thin = ctx.hits and not ctx.lookup and refuse.weak_evidence(ctx.resolved, ctx.hits[0].chunk,
                                                                 svc.retriever, svc.scope, floor)
    if not ctx.hits or thin:
        return ctx.decline(refuse.DECLINE_NO_EVIDENCE, ctx.hits[:3])
    return None


def _report_year(svc: AnswerDeps) -> str:
    return "、".join(svc.report_title_years) or "报告所述"


def _scorer(ctx: Context) -> Scorer:
    return Scorer(ctx.svc.retriever.tokenize, ctx.svc.retriever.bm25.idf)


def extractive_answer(ctx: Context) -> Answer:
    scorer = _scorer(ctx)
    confidence = decide(ctx, scorer)
    lead = ""
    if confidence is Confidence.LOW:
        text, cites = ex.compose_unsure(ctx.hits, ctx.focus, scorer)
        lead = ex.UNSURE + "\n"
    else:
        spec = audience_spec(ctx.audience)
        sources = ex.choose(ctx.hits, ctx.focus, ctx.lookup, scorer, plain=spec.plain, whole=spec.whole_articles)
        text, cites = ex.compose(sources, ctx.audience)
    text, cites = verified(ctx, text, [c.chunk for c in cites], cites, keep_quotes=True)
    text = lead + text if text else text
    return ctx.finish(text + ex.audience_suffix(ctx.audience, text), cites, "extractive", confidence)


def decide(ctx: Context, scorer: Scorer) -> Confidence:
    """High for article lookups and when no calibrator is installed; else the calibrated probability decides."""
    cal = ctx.svc.calibrator
    if ctx.lookup or cal is None or not ctx.hits:
        return Confidence.HIGH
    signals = answer_signals(ctx.resolved, ctx.plan, ctx.hits, scorer, ctx.svc.retriever, ctx.first)
    return Confidence.HIGH if cal.confident(signals) else Confidence.LOW


def verified(ctx: Context, text: str, passages: Sequence[Chunk], cites: Sequence[Citation],
             keep_quotes: bool = False) -> tuple[str, tuple[Citation, ...]]:
    """Both modes pass the same check; an extractive answer that passes whole keeps its own quotes,
    which are exactly the sentences it shows (verify would re-pick the best-overlapping sentence)."""
    v = verify_answer(text, passages)
    ctx.notices += list(v.notices)
    if keep_quotes and v.removed == 0:
        return text, tuple(cites)
    return v.text, v.citations


def llm_stream(ctx: Context) -> Iterator[str | Answer]:
    """Yields only verified text, claim by claim, then the final Answer: its text is what was yielded plus the
    audience's additions, or, when verification took away what was asked, the extractive quotes first (the
    page then replaces the streamed text; what it showed was verified, so nothing shown was wrong)."""
    from app.answer.llm import generate_answer
    from app.answer.llm_finish import NO_EVIDENCE, finish_reply
    from app.answer.verify import Verifier
    from app.answer.verify.stream import StreamVerifier

    chat = ctx.svc.chat
    if chat is None:  # _stream routes here only with a model; kept for the type checker's sake
        yield extractive_answer(ctx)
        return
    passages = [h.chunk for h in ctx.hits[:PASSAGES]]
    stream = StreamVerifier(Verifier(passages, ctx.resolved))
    try:
        for delta in generate_answer(chat, ctx.resolved, passages, ctx.audience, ctx.history,
                                     ctx.svc.scope.name):
            shown = stream.feed(delta)
            if shown:
                yield shown
    except LLMUnavailable as err:
        ctx.notices.append(f"{err}")
        yield extractive_answer(ctx)
        return
    final, rest = stream.close()
    got = finish_reply(ctx.resolved, stream.raw, stream.verifier, ctx.audience,
                       lambda: ex.choose(ctx.hits, ctx.resolved, ctx.lookup, _scorer(ctx)), verified=final)
    if got.declined:
        yield ctx.decline(NO_EVIDENCE, ctx.hits[:3])
        return
    if rest and got.text.startswith(stream.shown):  # shown already includes rest
        yield rest
    ctx.notices += [n for n in got.notices if n not in ctx.notices]
    yield ctx.finish(got.text, got.citations, "llm" if got.mode == "llm" else "extractive")


def version_changes(ctx: Context) -> Answer | None:
    """Diff counts are computed, not quoted, so only the quoted lines go through verification."""
    from app.answer.changes import answer_changes

    got = answer_changes(ctx.svc.chunks, ctx.svc.retriever.titles, ctx.resolved, _users(ctx.history))
    if got is None:
        return None
    text, quoted, cites = got
    check = verify_answer(quoted, [c.chunk for c in cites])
    if check.removed:
        ctx.notices += list(check.notices)
    return ctx.finish(text, cites, "extractive")


def condense(ctx: Context) -> None:
    if not ctx.history or ctx.svc.chat is None:
        return
    from app.answer.llm_retrieval import condense as condense_with_llm

    ctx.resolved, notice = condense_with_llm(ctx.svc.chat, ctx.resolved, ctx.history,
                                             ctx.svc.settings.llm_step_timeout)
    ctx.notices += [notice] if notice else []


def assist_retrieval(ctx: Context, plan: QueryPlan) -> None:
    """With an LLM (or a rerank endpoint) configured: fuse the hits of a statute-language rewrite of a citizen's
    question (one naming a law already uses its words), and rerank; skipped for article look-ups."""
    svc = ctx.svc
    s = svc.settings
    rerank = bool(s.rerank_model and s.rerank_base_url)
    if (svc.chat is None and not rerank) or ctx.lookup or plan.articles or not ctx.hits:
        return
    from app.answer.llm_retrieval import HttpReranker, assist

    # the public page's citizens ask in everyday words; staff and trainers already use the statutes' words
    lay = audience_spec(ctx.audience).plain and not plan.laws
    model = svc.chat if s.llm_rewrite and lay else None
    reranker = HttpReranker(s.rerank_model, s.rerank_base_url, s.llm_step_timeout) if rerank else None
    got = assist(ctx.resolved, ctx.hits, lambda q: svc.retriever.search(q, 8, _users(ctx.history)), model,
                 reranker, s.llm_step_timeout)
    ctx.hits = list(got.hits)[:8]
    ctx.notices += [n for n in got.notices if n not in ctx.notices]


def stream_answer(svc: AnswerDeps, question: str, history: tuple[Turn, ...], audience: str) -> Iterator[str | Answer]:
    """The answer's text as it arrives, then the Answer; each question is logged once, masked."""
    for item in _stream(svc, question, history, audience):
        if isinstance(item, Answer):
            log.info("question=%r mode=%s declined=%s citations=%d latency_ms=%.0f notices=%d",
                     mask(item.question[:300]), item.mode, item.declined, len(item.citations),
                     item.latency_ms, len(item.notices))
        yield item


def _stream(svc: AnswerDeps, question: str, history: tuple[Turn, ...], audience: str) -> Iterator[str | Answer]:
    ctx = Context(svc, question, history, audience)
    early = precheck(ctx)
    if early is None:
        condense(ctx)
        early = version_changes(ctx)
    if early is None:
        early = retrieve(ctx)
    if early is not None:
        yield early
        return
    if svc.chat is None:
        yield extractive_answer(ctx)
        return
    yield from llm_stream(ctx)


def answer_question(svc: AnswerDeps, question: str, history: tuple[Turn, ...], audience: str) -> Answer:
    final = None
    for item in stream_answer(svc, question, history, audience):
        if isinstance(item, Answer):
            final = item
    assert final is not None
    return final
