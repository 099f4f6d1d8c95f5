"""verify_answer: keep the claims their passages support, re-point or repair what can be fixed, remove the rest."""
from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from app.audiences import keys as audience_keys
from app.answer.prompts import NO_ANSWER, system_prompt
from app.answer.verify import facts
from app.answer.verify.quiz import QuizItem, explanation, quiz_items, stem_case
from app.answer.verify.claims import Kind, Unit, body, markers, normalise_markers, parse
from app.answer.verify.tables import column_marked, headed, with_head_units
from app.answer.verify.assemble import (
    carry_markers, citations, drop_dangling, notices, once_each, renumber, tidy,
)
from app.answer.verify.evidence import Evidence, Passage
from app.answer.verify.lists import beyond_complete_list, extra_beyond_restated_list
from app.answer.verify.decision import Decision
from app.answer.verify.mend import (
    HARD, cite_uncited, cut_wrong_clause, figure_in_line, repair, repoint, repoint_if_clearly_better,
)
from app.answer.verify.polarity import prohibition
from app.answer.verify.support import (
    COVERAGE, Reason, check, claim_coverage, hard_facts_ok,
    item_from_elsewhere, item_invented, situation_words,
)
from app.schema import Chunk, Citation
from app.text import compact

log = logging.getLogger(__name__)

NOTHING_LEFT = "回答中没有能够在所引资料中核实的内容。"  # the caller says what it shows instead
LEAD_IN_COVERAGE = 0.34
_STEP = re.compile(facts.STEP_DASH)
# what a lead-in would assert if it held any of it: a figure, a negation or modal, a body, a quotation
_ASSERTS = re.compile(r"[\d一二三四五六七八九十百千万]|不|未|无|非|应|可|必须|须|得|禁止|严禁|机关|部门|政府|法院|机构|组织|“|「")
_ITEM_LABEL = re.compile(r"^[^，,。；;：:]{2,10}[：:](?=.{6})")

@dataclass(frozen=True)
class Verified:
    text: str
    citations: tuple[Citation, ...]
    notices: tuple[str, ...]
    removed: int
    removed_spans: tuple[str, ...] = ()
    repointed: int = 0
    kept: str = field(default="", compare=False)  # the shown text before renumbering (markers as given)
    # every removal was a sentence the model left without a marker (an opening verdict, advice): no cited claim went
    uncited_only: bool = field(default=False, compare=False)


class Verifier:
    """Verifies answers against one list of passages; per-claim results are cached, so verifying a growing
    prefix again and again (streaming) costs little more than verifying the whole once."""

    def __init__(self, passages: Sequence[Chunk], question: str = ""):
        self.chunks = list(passages)
        self.passages = [Passage.of(c) for c in self.chunks]
        self.situation = situation_words(question, self.passages)
        self._cache: dict[tuple[str, tuple[int, ...]], Reason | None] = {}
        self._prompt = facts.bigrams("".join(system_prompt(a) for a in audience_keys()))

    # --- one claim ---------------------------------------------------------------------------------------
    def reason(self, claim: str, scope: tuple[int, ...], threshold: float | None = None) -> Reason | None:
        key = (claim, scope) if threshold is None else (claim + f"\x00{threshold}", scope)
        if key not in self._cache:
            self._cache[key] = self._reason(claim, scope, threshold)
        return self._cache[key]

    def _reason(self, claim: str, scope: tuple[int, ...], threshold: float | None) -> Reason | None:
        ev, others = self.evidence(scope), self.others(scope)
        got = check(claim, ev, others, COVERAGE if threshold is None else threshold, self.situation)
        if got is not None and self._leaks(claim, ev):
            return Reason.LEAK
        return got

    def _leaks(self, claim: str, ev: Evidence) -> bool:
        b = facts.bigrams(claim)
        own = len(b & facts.bigrams(ev.text))
        return len(b) >= 10 and len(b & self._prompt) >= max(0.5 * len(b), own)

    def decide(self, u: Unit, closed: bool = True) -> Decision:
        """closed: the unit's paragraph is complete (a stream's last paragraph may still get its marker), so an
        unmarked claim there may be cited to the passage that states it."""
        # a table row keeps its cell borders; an item is checked on its own words (its lead-in is checked apart)
        # a marker no passage answers to, written here or inherited from a lead-in, head row or paragraph end
        if any(not 1 <= n <= len(self.passages) for n in (*u.own, *u.scope)):
            return Decision(None, Reason.BAD_MARKER, u.text)
        claim = body(u.text).strip("| ")
        if u.kind is Kind.ROW and u.header:
            held = self.evidence(u.scope).text
            claim = headed(with_head_units(claim, body(u.header).strip("| ")), body(u.header),
                           lambda h: len(h) >= 2 and h in held)
        if u.kind is Kind.ITEM and u.context and not prohibition(claim):
            claim = prohibition(u.context) + claim  # 爆破 under 禁止以下活动： states 禁止爆破
        if u.kind is Kind.ROW and not u.own and u.header and (marked := column_marked(u.text, u.header)) != u.text:
            u = replace(u, text=marked, own=tuple(dict.fromkeys(markers(marked))))
        if not u.claim and not u.own:
            return Decision(u)  # a heading or lead-in that states nothing itself
        if not u.own and _asks(claim):
            return Decision(u)  # a quiz question or 您是否想了解…？ asserts nothing; its answer line is checked
        if not u.scope:
            return (closed and cite_uncited(self, u, claim)) or Decision(None, Reason.UNCITED, u.text)
        # a cited lead-in names the topic of the list it introduces (……的决定主体分三种情况[1]：): its words are
        # the reply's, its content the items', so it needs only some of its passage's words
        opens_list = u.lead_in and claim.endswith(("：", ":"))
        why = self.reason(claim, u.scope, LEAD_IN_COVERAGE if opens_list else None)
        if why is Reason.UNRELATED and opens_list and not _ASSERTS.search(body(claim)):
            return Decision(u)  # a lead-in in the reply's own words that asserts nothing (要看决定是怎么送到您手上的：)
        if u.kind is Kind.ROW and _cells_cite_apart(u) and why in (None, *HARD):
            # cells citing different passages (2017年版 | 2023年版) are judged cell by cell for what they state: the
            # row as a whole would set one version's wording against the other's
            blanked = self._blank_bad_cells(u)
            if blanked is not None:
                return blanked
            why = None
        # the reply's own label before an item's content (征求方式：……) names no thing of the list
        item = _ITEM_LABEL.sub("", claim)
        if why is None and u.kind is Kind.ITEM and u.listed and (item_from_elsewhere(
                item, self.evidence(u.scope), self.others(u.scope)) or item_invented(item, self.evidence(u.scope))):
            why = Reason.UNRELATED
        if why is None and _STEP.search(claim) and any(self.reason(step.strip("，,；;。 "), u.scope) is Reason.REVERSED
                                                       for step in _STEP.split(claim)):
            why = Reason.REVERSED  # one step of a chain (……—由本案调查人员主持—……) turns its rule round
        if why is None:
            return repoint_if_clearly_better(self, u, claim) or Decision(u)
        # a sentence without a marker of its own, under its paragraph's closing one, that its passage does not
        # speak to (a verdict in the reply's words: 自己盖房用、挖的量不大，不用办。) was left uncited by the model
        if why is Reason.UNRELATED and not u.own and not u.context and u.kind is Kind.SENTENCE:
            why = Reason.UNCITED
        return repair(self, u, why) or repoint(self, u, claim, why) or cut_wrong_clause(self, u, why) \
            or Decision(None, why, u.text)

    def _blank_bad_cells(self, u: Unit) -> Decision | None:
        """A row whose cells cite different passages (| 涉及款额 | 三千元以下[1] | 三千元以下[3] |) passes as a whole
        only if each cell's figures are in the passage that cell cites; a cell whose figures are not is shown as
        —, the rest of the row kept (the table keeps its shape). None when every cell holds."""
        cells = u.text.split("|")
        cited = [i for i, c in enumerate(cells) if markers(c)]
        label = body(next((c for c in cells if c.strip()), ""))
        bad = [i for i in cited if self._cell_wrong(label, cells[i])]  # markers are in range: decide() saw to it
        if not bad:
            return None
        if len(bad) == len(cited):
            return Decision(None, Reason.UNSUPPORTED, u.text)
        removed = " | ".join(cells[i].strip() for i in bad)
        for i in bad:
            cells[i] = " — "
        return Decision(replace(u, text="|".join(cells)), Reason.UNSUPPORTED, removed)

    def _cell_wrong(self, label: str, cell: str) -> bool:
        """A cell read with its row's label against the passages it cites: a figure it lacks, a body or a rule
        it changes (a terse cell, 同左 or 适用, may share few words with its passage: coverage is the row's)."""
        scope = tuple(markers(cell))
        claim = f"{label} {body(cell)}" if label != body(cell) else body(cell)
        return not hard_facts_ok(body(cell), self.evidence(scope)) or \
            self.reason(claim, scope) in (Reason.SUBJECT, Reason.REVERSED)

    def evidence(self, scope: tuple[int, ...]) -> Evidence:
        return Evidence(tuple(self.passages[n - 1] for n in scope))

    def others(self, scope: tuple[int, ...]) -> Evidence:
        return Evidence(tuple(p for i, p in enumerate(self.passages, 1) if i not in scope))

    def coverage(self, claim: str, scope: tuple[int, ...]) -> float:
        return claim_coverage(claim, self.evidence(scope), self.others(scope))

    # --- the whole answer -------------------------------------------------------------------------------
    def _quiz(self, u: Unit, item: QuizItem, i: int, units: Sequence[Unit]) -> Decision:
        """A quiz item's units stand or fall with its completed stem; the reason is counted once, at the answer. Its
        explanation stands or falls by itself (a statement of its own, checked as such), read in the case the stem
        opens with (产权调换房屋交付前，…… under 选择房屋产权调换的，……)."""
        if i in item.explains:
            said, scope, case = explanation(u.text), u.own or item.scope, stem_case(item, units)
            # an unlabelled sentence after the answer is judged as any sentence (re-pointed, repaired, cut)
            # a labelled one may lose a wrong article number and stand (解析：《……》第二十四条规定，……)
            d = self.decide(u) if said is None else Decision(u) if not said.strip() or (
                own := self.reason(said, scope)) is None else repair(self, u, own) or Decision(None, own, u.text)
            claim = said if said is not None else body(u.text)
            if d.reason is Reason.REVERSED and case and self.reason(case + claim, scope) is None:
                return Decision(u)
            return d
        checks = [(c, item.scope) for c in (*item.claims, *item.options, *((item.note,) if item.note else ()))]
        why = next((w for c, scope in checks if c.strip() and (w := self.reason(c, scope)) is not None), None)
        if why is None:
            return Decision(u)
        last = max(k for k in item.units if k not in item.explains)
        return Decision(None, why if i == last else None, u.text)

    def _beyond_lists(self, units: Sequence[Unit], decisions: list[Decision]) -> list[Decision]:
        """A listed item beyond the passage's enumeration that its sibling items restate in full goes (体育场馆
        after the five 免征 bodies of the article): judged over the whole list, which no one item sees."""
        out = list(decisions)
        for i, (u, d) in enumerate(zip(units, decisions)):
            if d.unit is None or u.kind is not Kind.ITEM or not u.listed:
                continue
            siblings = [_ITEM_LABEL.sub("", body(v.text)) for v in units if v is not u and v.kind is Kind.ITEM
                        and v.context == u.context and v.paragraph == u.paragraph]
            sentences = [s for n in u.scope for s in self.passages[n - 1].sentences]
            every = [s for p in self.passages for s in p.sentences]
            if beyond_complete_list(_ITEM_LABEL.sub("", body(u.text)), siblings, sentences) \
                    or extra_beyond_restated_list(body(u.text), siblings, sentences, every):
                out[i] = Decision(None, Reason.UNRELATED, u.text)
        return out

    def verify(self, text: str, complete: bool = True) -> Verified:
        """complete=False: `text` is a streamed prefix, its last paragraph still open."""
        text = normalise_markers((text or "").strip())
        if not markers(text) and NO_ANSWER in compact(text):
            return Verified(NO_ANSWER, (), (), 0)
        units = parse(text)
        # an unmarked sentence may be cited for the model only in a closed paragraph of a reply that cites at all
        # (a reply with no marker ignored the instructions: nothing in it is taken on trust)
        last_break = max((i for i, u in enumerate(units) if u.kind is Kind.BLANK), default=-1)
        cites = any(u.own for u in units)
        quizzes = {k: q for q in quiz_items(units) for k in q.units}
        decisions = [self._quiz(u, quizzes[i], i, units) if i in quizzes
                     else self.decide(u, cites and (complete or i < last_break)) if u.kind is not Kind.BLANK
                     else Decision(u) for i, u in enumerate(units)]
        decisions = self._beyond_lists(units, decisions)
        decisions = figure_in_line(self, units, decisions)
        kept = drop_dangling(units, carry_markers(units, once_each([d.unit for d in decisions],
                                                               [d.repointed for d in decisions])))
        failures: dict[Reason, int] = {}
        for d in decisions:
            if d.reason is not None:
                log.debug("verify removed (%s): %s", d.reason.name, d.removed_span.strip())
                failures[d.reason] = failures.get(d.reason, 0) + 1
        spans = tuple(d.removed_span.strip() for d in decisions if d.removed_span.strip())
        said = notices(failures, sum(d.repointed for d in decisions), sum(d.repaired for d in decisions),
                       sum(d.cited for d in decisions))
        removed, repointed = sum(failures.values()), sum(d.repointed for d in decisions)
        if not any(markers(u.text) for u in kept):
            return Verified("", (), (*said, NOTHING_LEFT), removed, spans, repointed)
        raw = re.sub(r"\n{3,}", "\n\n", tidy(kept))
        shown, order = renumber(raw)
        return Verified(shown, citations(kept, order, self.chunks), said, removed, spans, repointed, raw,
                        bool(failures) and set(failures) == {Reason.UNCITED})


def _cells_cite_apart(u: Unit) -> bool:
    return len({tuple(markers(c)) for c in u.text.split("|") if markers(c)}) >= 2


_QUESTION_NO = re.compile(r"^(?:\*\*)?(?:第?[0-9一二三四五六七八九十]{1,3}题|题[0-9一二三四五六七八九十]{1,3})(?:\*\*)?"
                          r"\s*(?:[（(][^)）]{1,6}[)）])?\s*[:：.、]?\s*")  # **题1**： / 第2题（单选）：


def _asks(claim: str) -> bool:
    """An unmarked question with no figure, quotation or link: it states nothing to check (its number aside)."""
    c = _QUESTION_NO.sub("", claim.strip())
    return c.endswith(("？", "?")) and not (facts.figures(c) or facts.quotations(c) or facts.has_link(c))


def verify_answer(text: str, passages: Sequence[Chunk]) -> Verified:
    """Keep the supported claims of `text`, renumber their markers, and quote what each cites."""
    return Verifier(passages).verify(text)
