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
from app.answer.verify.claims import LIST_PREFIX, Kind, Unit, body, markers, normalise_markers, parse, with_markers
from app.answer.verify.tables import column_marked, headed, with_head_units
from app.patterns import ARTICLE_LABEL
from app.answer.verify.assemble import (
    best_quote, carry_markers, citations, drop_dangling, notices, once_each, renumber, tidy,
)
from app.answer.verify.evidence import Evidence, Passage
from app.answer.verify.lists import beyond_complete_list
from app.answer.verify.polarity import prohibition
from app.answer.verify.support import (
    CLEARLY_BETTER, COVERAGE, REPOINT_COVERAGE, TRIVIAL, Reason, check, claim_coverage, hard_facts_ok,
    item_from_elsewhere, item_invented, situation_words,
)
from app.schema import Chunk, Citation
from app.text import compact

log = logging.getLogger(__name__)

NOTHING_LEFT = "回答中没有能够在所引资料中核实的内容。"  # the caller says what it shows instead
REPOINT_MARK = "（出处已更正）"
UNCITED_COVERAGE = 0.9  # an unmarked sentence one passage covers this well is cited to it rather than removed
# the reply's own framing, not a claim: 您好，根据您提供的资料，……
_FRAMING = re.compile(r"(?:您好|你好)[，,！!]?|(?:根据|依据|按照)(?:您|你)?(?:提供|给出|所给|给)的(?:资料|材料|条文|内容|规定)[，,：:]?")
LEAD_IN_COVERAGE = 0.34
_HARD = (Reason.UNSUPPORTED, Reason.SUBJECT, Reason.REVERSED)  # a clause wrong in what it states, not in topic
CUT_MIN = 4  # characters of a clause worth cutting out alone
CUT_KEEP = 0.5  # share of the sentence the rest must keep
_STEP = re.compile(facts.STEP_DASH)
_NAMES_SOURCE = re.compile(r"《|第[〇零一二三四五六七八九十百千\d]+[条款项]")  # a line naming a law or article claims
_ELABORATES = re.compile(r"^(?:其中|包括|含|分别)")
_ARTICLE_NOTE = re.compile(r"[（(](?:《[^》]{2,40}》)?第[一二三四五六七八九十百零〇\d]+条(?:第[一二三四五六七八九十\d]+[款项])*[)）]")
# a sentence naming its article in passing (《……条例》第二十四条规定，……): the number alone may go, or with 规定 where
# no title stands before it; not where the article is what the sentence is about (第二十一条规定了申请期限), nor
# before a quotation (第九条规定：“……”), which claims the article's own words
_ARTICLE_SAYS = re.compile(r"(《[^》]{2,40}》)?(第[一二三四五六七八九十百零〇\d]+条(?:第[一二三四五六七八九十\d]+[款项])*)"
                           r"((?:的规定|规定|明确规定|指出|要求)[，,])")
# what a lead-in would assert if it held any of it: a figure, a negation or modal, a body, a quotation
_ASSERTS = re.compile(r"[\d一二三四五六七八九十百千万]|不|未|无|非|应|可|必须|须|得|禁止|严禁|机关|部门|政府|法院|机构|组织|“|「")
_ITEM_LABEL = re.compile(r"^[^，,。；;：:]{2,10}[：:](?=.{6})")
# … also after a short label (**解析**：依据该条例第二十四条，……)
_LEADING = re.compile(r"^(\s*(?:[-*•·]|\d+[.、)）])?\s*(?:\*{0,2}[^，,。；;：:*\d]{1,6}\*{0,2}[：:]\s*)?)"
                      r"((?:根据|依据|依照|按照|按|据)[^，。；]{2,40}?[，,])")


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


@dataclass(frozen=True)
class _Decision:
    unit: Unit | None  # the unit as shown (possibly repaired or re-pointed); None when removed
    reason: Reason | None = None
    removed_span: str = ""
    repointed: bool = False
    repaired: bool = False
    cited: bool = False  # the model gave no marker; the passage stating it was added


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
        ev, others = self._evidence(scope), self._others(scope)
        got = check(claim, ev, others, COVERAGE if threshold is None else threshold, self.situation)
        if got is not None and self._leaks(claim, ev):
            return Reason.LEAK
        return got

    def _leaks(self, claim: str, ev: Evidence) -> bool:
        b = facts.bigrams(claim)
        own = len(b & facts.bigrams(ev.text))
        return len(b) >= 10 and len(b & self._prompt) >= max(0.5 * len(b), own)

    def decide(self, u: Unit, closed: bool = True) -> _Decision:
        """closed: the unit's paragraph is complete (a stream's last paragraph may still get its marker), so an
        unmarked claim there may be cited to the passage that states it."""
        # a table row keeps its cell borders; an item is checked on its own words (its lead-in is checked apart)
        # a marker no passage answers to, written here or inherited from a lead-in, head row or paragraph end
        if any(not 1 <= n <= len(self.passages) for n in (*u.own, *u.scope)):
            return _Decision(None, Reason.BAD_MARKER, u.text)
        claim = body(u.text).strip("| ")
        if u.kind is Kind.ROW and u.header:
            held = self._evidence(u.scope).text
            claim = headed(with_head_units(claim, body(u.header).strip("| ")), body(u.header),
                           lambda h: len(h) >= 2 and h in held)
        if u.kind is Kind.ITEM and u.context and not prohibition(claim):
            claim = prohibition(u.context) + claim  # 爆破 under 禁止以下活动： states 禁止爆破
        if u.kind is Kind.ROW and not u.own and u.header and (marked := column_marked(u.text, u.header)) != u.text:
            u = replace(u, text=marked, own=tuple(dict.fromkeys(markers(marked))))
        if not u.claim and not u.own:
            return _Decision(u)  # a heading or lead-in that states nothing itself
        if not u.own and _asks(claim):
            return _Decision(u)  # a quiz question or 您是否想了解…？ asserts nothing; its answer line is checked
        if not u.scope:
            return (closed and self._cite_uncited(u, claim)) or _Decision(None, Reason.UNCITED, u.text)
        # a cited lead-in names the topic of the list it introduces (……的决定主体分三种情况[1]：): its words are
        # the reply's, its content the items', so it needs only some of its passage's words
        opens_list = u.lead_in and claim.endswith(("：", ":"))
        why = self.reason(claim, u.scope, LEAD_IN_COVERAGE if opens_list else None)
        if why is Reason.UNRELATED and opens_list and not _ASSERTS.search(body(claim)):
            return _Decision(u)  # a lead-in in the reply's own words that asserts nothing (要看决定是怎么送到您手上的：)
        if u.kind is Kind.ROW and _cells_cite_apart(u) and why in (None, *_HARD):
            # cells citing different passages (2017年版 | 2023年版) are judged cell by cell for what they state: the
            # row as a whole would set one version's wording against the other's
            blanked = self._blank_bad_cells(u)
            if blanked is not None:
                return blanked
            why = None
        # the reply's own label before an item's content (征求方式：……) names no thing of the list
        item = _ITEM_LABEL.sub("", claim)
        if why is None and u.kind is Kind.ITEM and u.listed and (item_from_elsewhere(
                item, self._evidence(u.scope), self._others(u.scope)) or item_invented(item, self._evidence(u.scope))):
            why = Reason.UNRELATED
        if why is None and _STEP.search(claim) and any(self.reason(step.strip("，,；;。 "), u.scope) is Reason.REVERSED
                                                       for step in _STEP.split(claim)):
            why = Reason.REVERSED  # one step of a chain (……—由本案调查人员主持—……) turns its rule round
        if why is None:
            return self._repoint_if_clearly_better(u, claim) or _Decision(u)
        return self._repair(u, why) or self._repoint(u, claim, why) or self._cut_wrong_clause(u, why) \
            or _Decision(None, why, u.text)

    def _blank_bad_cells(self, u: Unit) -> _Decision | None:
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
            return _Decision(None, Reason.UNSUPPORTED, u.text)
        removed = " | ".join(cells[i].strip() for i in bad)
        for i in bad:
            cells[i] = " — "
        return _Decision(replace(u, text="|".join(cells)), Reason.UNSUPPORTED, removed)

    def _cell_wrong(self, label: str, cell: str) -> bool:
        """A cell read with its row's label against the passages it cites: a figure it lacks, a body or a rule
        it changes (a terse cell, 同左 or 适用, may share few words with its passage: coverage is the row's)."""
        scope = tuple(markers(cell))
        claim = f"{label} {body(cell)}" if label != body(cell) else body(cell)
        return not hard_facts_ok(body(cell), self._evidence(scope)) or \
            self.reason(claim, scope) in (Reason.SUBJECT, Reason.REVERSED)

    def _evidence(self, scope: tuple[int, ...]) -> Evidence:
        return Evidence(tuple(self.passages[n - 1] for n in scope))

    def _others(self, scope: tuple[int, ...]) -> Evidence:
        return Evidence(tuple(p for i, p in enumerate(self.passages, 1) if i not in scope))

    def _coverage(self, claim: str, scope: tuple[int, ...]) -> float:
        return claim_coverage(claim, self._evidence(scope), self._others(scope))

    def _repoint_if_clearly_better(self, u: Unit, claim: str) -> _Decision | None:
        """A claim its passage barely supports, stated nearly word for word by another passage, cites that one
        (六十日内提出申请 cited to the article on 六十日内作出决定)."""
        if u.listed:
            return None  # an item of a cited list stays with its list (see _repoint)
        here = self._coverage(claim, u.scope)
        if here >= 1 - CLEARLY_BETTER:
            return None
        best = max(((self._coverage(claim, (n,)), n) for n in range(1, len(self.passages) + 1) if n not in u.scope),
                   default=(0.0, 0))
        if best[0] < max(0.9, here + CLEARLY_BETTER) or self.reason(claim, (best[1],), REPOINT_COVERAGE) is not None:
            return None
        return self._moved(u, best[1])

    def _cite_uncited(self, u: Unit, claim: str) -> _Decision | None:
        """A sentence the model left without a marker that one given passage states nearly word for word (您家的
        情况属于村民使用原有宅基地进行住宅建设) gets that passage's marker, with a notice; anything less is removed."""
        claim = _FRAMING.sub("", claim)
        if not facts.figures(claim) and not facts.has_link(claim) and not _NAMES_SOURCE.search(claim) \
                and sum(map(len, facts.content_words(claim))) <= TRIVIAL:
            return _Decision(u)  # a bare verdict (可以告。要分情况看。) names nothing to cite a passage for
        best = max(((self._coverage(claim, (n,)), n) for n in range(1, len(self.passages) + 1)), default=(0.0, 0))
        if best[0] < UNCITED_COVERAGE or self.reason(claim, (best[1],)) is not None:
            return None
        text = with_markers(u.text, (best[1],))
        return _Decision(replace(u, text=text, own=(best[1],), scope=(best[1],)), None, "", cited=True)

    def _repair(self, u: Unit, why: Reason) -> _Decision | None:
        """A leading 根据《…》第十二条， or a bracketed （第二十七条） that names the wrong article or law is dropped
        when the rest stands: the rule is right, only its label is not, and the label goes."""
        if why is not Reason.UNSUPPORTED:
            return None
        m = _LEADING.match(u.text)
        spans = ([(m.start(2), m.end(2))] if m else []) + [(a.start(), a.end()) for a in _ARTICLE_NOTE.finditer(u.text)]
        spans += [(a.start(2), a.end(2) if a.group(1) else a.end(3)) for a in _ARTICLE_SAYS.finditer(u.text)]
        for start, end in spans:
            rest = u.text[:start] + u.text[end:]
            if self.reason(body(rest), u.scope) is None:
                return _Decision(replace(u, text=rest), None, u.text[start:end].rstrip("，,"), repaired=True)
        return None

    def _cut_wrong_clause(self, u: Unit, why: Reason) -> _Decision | None:
        """One clause of a sentence states a wrong figure, body or rule (……接待来访群众42批172人次，办结各类信访件
        42宗，处理……13件[1]): that clause goes and the rest of the sentence stays, if the rest passes every check
        by itself and keeps most of the sentence. Never a condition (……的，): without it the rule would be wider."""
        if why not in _HARD or u.kind not in (Kind.SENTENCE, Kind.ITEM):
            return None
        text = u.text
        # a trainer's step chain (提出—通知—举行—主持) parts at its dashes as a sentence does at its commas
        bounds = [0, *(m.end() for m in re.finditer(rf"[，,；;]|{_STEP.pattern}", text)), len(text)]
        pieces = [text[a:b] for a, b in zip(bounds, bounds[1:]) if text[a:b]]
        # two clauses may part when the second details the first (……6场，其中……) or each states its own figure
        # (向纪委监委移交……4宗，向公安机关移交……2宗): either stands as a claim alone
        if len(pieces) < 2 or len(pieces) == 2 and not _ELABORATES.match(body(pieces[1])) \
                and not all(facts.figures(body(p)) for p in pieces):
            return None
        for k, piece in enumerate(pieces):
            clause = body(piece).strip("，,；;。— ")
            if len(clause) < CUT_MIN or clause.endswith("的") or (k == 0 and LIST_PREFIX.match(piece)) \
                    or piece.count("“") != piece.count("”") or self.reason(clause, u.scope) not in _HARD:
                continue
            rest = "".join(pieces[:k] + pieces[k + 1:])
            if k == len(pieces) - 1:  # the last clause carried the markers and the full stop: the rest takes them
                tail = re.search(r"(?:\[\d+\])*[。；;！!？?]?\s*$", piece)
                rest = rest.rstrip("，,；;— ") + (tail.group(0) if tail else "")
            # a clause that only details the one before it (……6场，其中……4场、……2场) may go whatever its length
            keeps = len(body(rest)) >= CUT_KEEP * len(body(text)) or k > 0 and _ELABORATES.match(clause)
            # a unit with no marker of its own is cited by its paragraph's: the rest keeps that citation
            if keeps and (markers(rest) or not u.own) and self.reason(body(rest), u.scope) is None:
                return _Decision(replace(u, text=rest), why, clause)
        return None

    def _repoint(self, u: Unit, claim: str, why: Reason) -> _Decision | None:
        """A claim its own passage does not support but another passage does is cited to that one. Not an item
        of a cited list: it claims a place in that list, which another passage mentioning it does not support."""
        if why in (Reason.LINK, Reason.LEAK, Reason.REVERSED) or u.listed:
            return None
        if why is Reason.SUBJECT and self._coverage(claim, u.scope) >= UNCITED_COVERAGE:
            return None  # it restates its own passage with a figure or body changed: the marker is right, the claim not
        fits = [n for n in range(1, len(self.passages) + 1) if n not in u.scope
                and self.reason(claim, (n,), REPOINT_COVERAGE) is None]
        if not fits:
            return None
        return self._moved(u, fits[0])

    def _moved(self, u: Unit, n: int) -> _Decision:
        """A claim whose marker pointed elsewhere is shown in the words of the passage that supports it, marked:
        the model's attribution failed once, so its wording is not trusted either (the notice alone would not
        say which sentence changed). Table rows keep their wording, so the table keeps its shape."""
        bare = facts.MARKER.sub("", u.text)
        stripped = bare.rstrip()
        tail = bare[len(stripped):]
        if u.kind is Kind.ROW:
            cut = len(stripped.rstrip("。；;，,：:|"))
            text = f"{stripped[:cut]}[{n}]{REPOINT_MARK}{stripped[cut:]}{tail}"
        else:
            lead = LIST_PREFIX.match(stripped)
            prefix = lead.group(0) if lead else ""
            quote = ARTICLE_LABEL.sub("", best_quote(self.chunks[n - 1], body(bare))).rstrip("。；;，,：:")
            text = f"{prefix}「{quote}」[{n}]{REPOINT_MARK}。{tail}"
        return _Decision(replace(u, text=text, own=(n,), scope=(n,)), None, "", repointed=True)

    # --- the whole answer -------------------------------------------------------------------------------
    def _quiz(self, u: Unit, item: QuizItem, i: int, units: Sequence[Unit]) -> _Decision:
        """A quiz item's units stand or fall with its completed stem; the reason is counted once, at the answer. Its
        explanation stands or falls by itself (a statement of its own, checked as such), read in the case the stem
        opens with (产权调换房屋交付前，…… under 选择房屋产权调换的，……)."""
        if i in item.explains:
            said, scope, case = explanation(u.text), u.own or item.scope, stem_case(item, units)
            # an unlabelled sentence after the answer is judged as any sentence (re-pointed, repaired, cut)
            # a labelled one may lose a wrong article number and stand (解析：《……》第二十四条规定，……)
            d = self.decide(u) if said is None else _Decision(u) if not said.strip() or (
                own := self.reason(said, scope)) is None else self._repair(u, own) or _Decision(None, own, u.text)
            claim = said if said is not None else body(u.text)
            if d.reason is Reason.REVERSED and case and self.reason(case + claim, scope) is None:
                return _Decision(u)
            return d
        checks = [(c, item.scope) for c in (*item.claims, *item.options, *((item.note,) if item.note else ()))]
        why = next((w for c, scope in checks if c.strip() and (w := self.reason(c, scope)) is not None), None)
        if why is None:
            return _Decision(u)
        last = max(k for k in item.units if k not in item.explains)
        return _Decision(None, why if i == last else None, u.text)

    def _beyond_lists(self, units: Sequence[Unit], decisions: list[_Decision]) -> list[_Decision]:
        """A listed item beyond the passage's enumeration that its sibling items restate in full goes (体育场馆
        after the five 免征 bodies of the article): judged over the whole list, which no one item sees."""
        out = list(decisions)
        for i, (u, d) in enumerate(zip(units, decisions)):
            if d.unit is None or u.kind is not Kind.ITEM or not u.listed:
                continue
            siblings = [_ITEM_LABEL.sub("", body(v.text)) for v in units if v is not u and v.kind is Kind.ITEM
                        and v.context == u.context and v.paragraph == u.paragraph]
            sentences = [s for n in u.scope for s in self.passages[n - 1].sentences]
            if beyond_complete_list(_ITEM_LABEL.sub("", body(u.text)), siblings, sentences):
                out[i] = _Decision(None, Reason.UNRELATED, u.text)
        return out

    def _figure_in_line(self, units: Sequence[Unit], decisions: list[_Decision]) -> list[_Decision]:
        """A claim re-pointed for a figure its passage lacks, though it cites what the sentence before it cites and
        otherwise restates that passage (……给予警告[1]。对个人并处200元以上2000元以下罚款[1]: the fine of the
        neighbouring article): its marker agrees with its context, so the figure is what is wrong, and it goes.
        Only the unit before is read, which a stream has already shown."""
        out = list(decisions)
        for i, (u, d) in enumerate(zip(units, decisions)):
            if not d.repointed or not u.own:
                continue
            before = next((v for v in reversed(units[:i]) if v.own and v.paragraph == u.paragraph), None)
            claim = body(u.text)
            if before is not None and before.own == u.own and facts.figures(claim) \
                    and self.reason(claim, u.scope) in (Reason.UNSUPPORTED, Reason.SUBJECT) \
                    and self._coverage(claim, u.scope) >= UNCITED_COVERAGE:
                out[i] = _Decision(None, self.reason(claim, u.scope), u.text)
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
                     else _Decision(u) for i, u in enumerate(units)]
        decisions = self._beyond_lists(units, decisions)
        decisions = self._figure_in_line(units, decisions)
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
