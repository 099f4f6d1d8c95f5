"""Mending a claim that fails its check (pure but for the Judge it asks): a wrong label repaired, a wrong clause
cut out, a wrong marker re-pointed, an uncited sentence cited to the passage that states it. Each step returns a
Decision, or None when it does not apply."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from app.answer.verify import facts
from app.answer.verify.assemble import best_quote
from app.answer.verify.claims import LIST_PREFIX, Kind, Unit, body, markers, with_markers
from app.answer.verify.decision import Decision, Judge
from app.answer.verify.support import CLEARLY_BETTER, REPOINT_COVERAGE, TRIVIAL, Reason
from app.patterns import ARTICLE_LABEL

REPOINT_MARK = "（出处已更正）"
UNCITED_COVERAGE = 0.9  # an unmarked sentence one passage covers this well is cited to it rather than removed
# the reply's own framing, not a claim: 您好，根据您提供的资料，……
_FRAMING = re.compile(r"(?:您好|你好)[，,！!]?|(?:根据|依据|按照)(?:您|你)?(?:提供|给出|所给|给)的(?:资料|材料|条文|内容|规定)[，,：:]?")
HARD = (Reason.UNSUPPORTED, Reason.SUBJECT, Reason.REVERSED)  # a clause wrong in what it states, not in topic
CUT_MIN = 4  # characters of a clause worth cutting out alone
CUT_KEEP = 0.5  # share of the sentence the rest must keep
_NAMES_SOURCE = re.compile(r"《|第[〇零一二三四五六七八九十百千\d]+[条款项]")  # a line naming a law or article claims
_ELABORATES = re.compile(r"^(?:其中|包括|含|分别)")
_ARTICLE_NOTE = re.compile(r"[（(](?:《[^》]{2,40}》)?第[一二三四五六七八九十百零〇\d]+条(?:第[一二三四五六七八九十\d]+[款项])*[)）]")
# a sentence naming its article in passing (《……条例》第二十四条规定，……): the number alone may go, or with 规定 where
# no title stands before it; not where the article is what the sentence is about (第二十一条规定了申请期限), nor
# before a quotation (第九条规定：“……”), which claims the article's own words
_ARTICLE_SAYS = re.compile(r"(《[^》]{2,40}》)?(第[一二三四五六七八九十百零〇\d]+条(?:第[一二三四五六七八九十\d]+[款项])*)"
                           r"((?:的规定|规定|明确规定|指出|要求)[，,])")
# … also after a short label (**解析**：依据该条例第二十四条，……)
_LEADING = re.compile(r"^(\s*(?:[-*•·]|\d+[.、)）])?\s*(?:\*{0,2}[^，,。；;：:*\d]{1,6}\*{0,2}[：:]\s*)?)"
                      r"((?:根据|依据|依照|按照|按|据)[^，。；]{2,40}?[，,])")
# … or a basis named after the rule (……管辖，依据为《河南省土地监察条例》第十三条[2])
_ARTICLE_TAIL = re.compile(r"[，,](?:法律)?(?:依据|根据)(?:为|是)?[：:]?(?:《[^》]{2,40}》)?第[一二三四五六七八九十百零〇\d]+条"
                           r"(?:第[一二三四五六七八九十\d]+[款项])*(?:的规定)?")
_STEP = re.compile(facts.STEP_DASH)


def repoint_if_clearly_better(j: Judge, u: Unit, claim: str) -> Decision | None:
    """A claim its passage barely supports, stated nearly word for word by another passage, cites that one
    (六十日内提出申请 cited to the article on 六十日内作出决定)."""
    if u.listed:
        return None  # an item of a cited list stays with its list (see repoint)
    here = j.coverage(claim, u.scope)
    if here >= 1 - CLEARLY_BETTER:
        return None
    best = max(((j.coverage(claim, (n,)), n) for n in range(1, len(j.passages) + 1) if n not in u.scope),
               default=(0.0, 0))
    if best[0] < max(0.9, here + CLEARLY_BETTER) or j.reason(claim, (best[1],), REPOINT_COVERAGE) is not None:
        return None
    return moved(j, u, best[1])


def cite_uncited(j: Judge, u: Unit, claim: str) -> Decision | None:
    """A sentence the model left without a marker that one given passage states nearly word for word (您家的
    情况属于村民使用原有宅基地进行住宅建设) gets that passage's marker, with a notice; anything less is removed."""
    claim = _FRAMING.sub("", claim)
    if not facts.figures(claim) and not facts.has_link(claim) and not _NAMES_SOURCE.search(claim) \
            and sum(map(len, facts.content_words(claim))) <= TRIVIAL:
        return Decision(u)  # a bare verdict (可以告。要分情况看。) names nothing to cite a passage for
    best = max(((j.coverage(claim, (n,)), n) for n in range(1, len(j.passages) + 1)), default=(0.0, 0))
    if best[0] < UNCITED_COVERAGE or j.reason(claim, (best[1],)) is not None:
        return None
    text = with_markers(u.text, (best[1],))
    return Decision(replace(u, text=text, own=(best[1],), scope=(best[1],)), None, "", cited=True)


def repair(j: Judge, u: Unit, why: Reason) -> Decision | None:
    """A leading 根据《…》第十二条， or a bracketed （第二十七条） that names the wrong article or law is dropped
    when the rest stands: the rule is right, only its label is not, and the label goes."""
    if why is not Reason.UNSUPPORTED:
        return None
    m = _LEADING.match(u.text)
    spans = ([(m.start(2), m.end(2))] if m else []) + [(a.start(), a.end()) for a in _ARTICLE_NOTE.finditer(u.text)]
    spans += [(a.start(2), a.end(2) if a.group(1) else a.end(3)) for a in _ARTICLE_SAYS.finditer(u.text)]
    spans += [(a.start(), a.end()) for a in _ARTICLE_TAIL.finditer(u.text)]
    for start, end in spans:
        rest = u.text[:start] + u.text[end:]
        if j.reason(body(rest), u.scope) is None:
            return Decision(replace(u, text=rest), None, u.text[start:end].rstrip("，,"), repaired=True)
    return None


def cut_wrong_clause(j: Judge, u: Unit, why: Reason) -> Decision | None:
    """One clause of a sentence states a wrong figure, body or rule (……接待来访群众42批172人次，办结各类信访件
    42宗，处理……13件[1]): that clause goes and the rest of the sentence stays, if the rest passes every check
    by itself and keeps most of the sentence. Never a condition (……的，): without it the rule would be wider."""
    if why not in HARD or u.kind not in (Kind.SENTENCE, Kind.ITEM):
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
                or piece.count("“") != piece.count("”") or j.reason(clause, u.scope) not in HARD:
            continue
        rest = _without(pieces, k)
        # a clause that only details the one before it (……6场，其中……4场、……2场) may go whatever its length
        keeps = len(body(rest)) >= CUT_KEEP * len(body(text)) or k > 0 and _ELABORATES.match(clause)
        # a unit with no marker of its own is cited by its paragraph's: the rest keeps that citation
        if keeps and (markers(rest) or not u.own) and j.reason(body(rest), u.scope) is None:
            return Decision(replace(u, text=rest), why, clause)
    return _cut_joined_last(j, u, why, pieces)


def _without(pieces: list[str], k: int) -> str:
    """The sentence with its k-th clause cut out; the last clause carried the markers and the full stop: the rest
    takes them."""
    rest = "".join(pieces[:k] + pieces[k + 1:])
    if k == len(pieces) - 1:
        tail = re.search(r"(?:\[\d+\])*[。；;！!？?]?\s*$", pieces[k])
        rest = rest.rstrip("，,；;— ") + (tail.group(0) if tail else "")
    return rest


_JOINED = re.compile(r"^(?:同时|并且|并|还|也|且|另外)")


def _cut_joined_last(j: Judge, u: Unit, why: Reason, pieces: list[str]) -> Decision | None:
    """A rule the claim joined on with 同时 / 并 that holds only in a case the passage names (……并处……罚款，同时没收
    测绘工具 where the passage says ；情节严重的，没收测绘工具): true alone, wrong joined, so no clause fails by itself;
    the joined clause goes where the rest passes without it."""
    last = body(pieces[-1]).strip("，,；;。— ")
    if why is not Reason.REVERSED or len(pieces) < 3 or not _JOINED.match(last):
        return None
    rest = _without(pieces, len(pieces) - 1)
    if len(body(rest)) >= CUT_KEEP * len(body(u.text)) and (markers(rest) or not u.own) \
            and j.reason(body(rest), u.scope) is None:
        return Decision(replace(u, text=rest), why, last)
    return None


def repoint(j: Judge, u: Unit, claim: str, why: Reason) -> Decision | None:
    """A claim its own passage does not support but another passage does is cited to that one. Not an item
    of a cited list: it claims a place in that list, which another passage mentioning it does not support."""
    if why in (Reason.LINK, Reason.LEAK, Reason.REVERSED) or u.listed:
        return None
    if why is Reason.SUBJECT and j.coverage(claim, u.scope) >= UNCITED_COVERAGE:
        return None  # it restates its own passage with a figure or body changed: the marker is right, the claim not
    fits = [n for n in range(1, len(j.passages) + 1) if n not in u.scope
            and j.reason(claim, (n,), REPOINT_COVERAGE) is None]
    if not fits:
        return None
    return moved(j, u, fits[0])


def moved(j: Judge, u: Unit, n: int) -> Decision:
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
        quote = ARTICLE_LABEL.sub("", best_quote(j.chunks[n - 1], body(bare))).rstrip("。；;，,：:")
        text = f"{prefix}「{quote}」[{n}]{REPOINT_MARK}。{tail}"
    return Decision(replace(u, text=text, own=(n,), scope=(n,)), None, "", repointed=True)


def figure_in_line(j: Judge, units: Sequence[Unit], decisions: list[Decision]) -> list[Decision]:
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
                and j.reason(claim, u.scope) in (Reason.UNSUPPORTED, Reason.SUBJECT) \
                and j.coverage(claim, u.scope) >= UNCITED_COVERAGE:
            out[i] = Decision(None, j.reason(claim, u.scope), u.text)
    return out
