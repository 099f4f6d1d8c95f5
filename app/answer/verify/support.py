"""Checking one claim against the passages it cites.

A claim passes when every figure, article number, 《title》 and 「quotation」 is in what it cites, most of its
content words are there too, each figure and each named subject (探矿权, 主管部门, 人民法院) sits in the passage
sentence the claim is about rather than in a neighbouring one, it does not negate what the passage affirms
(or the reverse), and it carries no link the passage lacks.
"""
from __future__ import annotations

from collections.abc import Callable

import re
from collections.abc import Sequence
from enum import Enum

from app.answer.verify import facts
from app.answer.verify.evidence import BRACKETS, COUNTED, INSTRUCTION, Evidence, Passage
from app.answer.verify.facts import Figure
from app.answer.verify.placement import (
    figure_misplaced, figures_swapped, level_replaced, range_misplaced, row_figure_elsewhere, row_figures_apart,
    subject_replaced,
)
from app.answer.verify.polarity import (
    approval_dropped, body_swapped, discretion_changed, joint_dropped, negation_dropped, negation_introduced, obligation_denied, permits_what_is_prohibited,
    qualifier_dropped, reversed_meaning,
)
from app.text import norm_title, to_halfwidth

COVERAGE = 0.5  # share of a claim's content (weighted by length) that its passage must contain
TRIVIAL = 4  # a claim with this few characters of content (不能直接拆。) has nothing to check lexically
SALIENT = 0.65  # below this, one long word the passage lacks entirely (自然灾害) is enough to reject
SALIENT_LEN = 4
WIDE_CLEAR = 3  # bigrams by which the neighbouring clauses must favour a rival sentence to undo a tie
TIE_CLEAR = 8  # shared bigrams from which a tie at clause level needs no wider look
JOINED_SHARED = 2  # bigrams a figure's own sentence must still share with its clause when the claim joins passages
PLACED = 0.7  # a figure's sentence must match its clause at least this well relative to the best sentence
REPOINT_COVERAGE = 0.7
# the report records what happened: a claim about it that brings in words its passage lacks (所涉案件均未发生败诉)
# reports an event the report does not. Seven case sets: every correct report claim covers ≥ .75, the invented
# ones .29–.67
REPORT_COVERAGE = 0.6
# a figure grafted onto another sentence's subject: bigrams of the clause before it; their share in that other
# sentence and in the figure's own; share of the figure clause's bigrams that other sentence restates
GRAFT_MIN, GRAFT_OTHER, GRAFT_OWN, GRAFT_RULE = 8, 0.7, 0.3, 0.4
ENUM_ITEM = 5  # a piece of a 、-run this long is a list item of its own
VERBATIM_CLAUSE = 6  # a clause this long found word for word needs no placing
CLEARLY_BETTER = 0.25  # a passing claim moves to another passage that covers it by this much more (and ≥ 0.9)  # a claim moved to another passage must match it more clearly
_CLAUSE = re.compile(r"[，；：,;:|。！？!?\n]")


class Reason(Enum):
    """Why a claim was removed; the value is the notice's explanation."""

    BAD_MARKER = "引用了不存在的资料编号"
    UNCITED = "没有标注出处"
    UNSUPPORTED = "其中的数字、条文或引文在所引资料中找不到"
    UNRELATED = "所引资料与该句内容无关"
    SUBJECT = "其中的主体、机关或数字与所引资料的对应内容不符"
    REVERSED = "与所引资料的意思相反"
    LINK = "含有资料中没有的链接"
    LEAK = "复述了系统设置而非资料内容"


def hard_facts_ok(claim: str, ev: Evidence) -> bool:
    """Every figure, article label, verbatim quotation and 《title》 of the claim is found in the evidence."""
    arts = set().union(*(p.articles for p in ev.parts))
    text = ev.text
    return (
        all(ev.has_figure(f) for f in facts.figures(claim)) and facts.articles(claim) <= arts
        and all(facts.plain(q) in text for q in facts.quotations(claim))
        and all(ev.has_title(t) for t in facts.titles(claim)) and _own_articles(claim, ev)
    )


def _own_articles(claim: str, ev: Evidence) -> bool:
    """《本条例》第三十五条 names where a rule is: the cited passage of that law must be that article. A number its
    text only refers to (违反本条例第三十五条规定的……) is support for mentioning it, not for citing it."""
    for title, n in facts.titled_articles(claim):
        t = norm_title(to_halfwidth(title))
        own = {p.chunk.article_no for p in ev.parts if t in p.titles.split(" ") and p.chunk.article_no}
        if own and n not in own and not any((title, n) in facts.titled_articles(p.chunk.text) for p in ev.parts):
            return False
    return True


def _word_credit(w: str, ev: Evidence, grams: frozenset[str]) -> float:
    if ev.has_word(w):
        return 1.0
    b = facts.bigrams(w)
    return len(b & grams) / len(b) if b else 0.0


def coverage(claim: str, words: Sequence[str], ev: Evidence, others: Evidence) -> float:
    """How much of the claim's content the evidence holds: the better of (a) length-weighted words, each credited
    by the share of its bigrams present, a word missing here but present in another given passage counting
    double against (the claim mixes passages), and (b) the share of the content's character bigrams present."""
    grams = frozenset().union(*(facts.bigrams(p.words_text) for p in ev.parts)) if ev.parts else frozenset()
    got = total = 0.0
    for w in words:
        credit, weight = _word_credit(w, ev, grams), float(len(w))
        got += credit * weight
        missing = weight * (1 - credit)
        total += weight + (missing if others.parts and others.has_word(w) else 0.0)
    by_words = got / total if total else 1.0
    cb = facts.content_bigrams(claim)
    by_grams = len(cb & grams) / len(cb) if cb else 1.0
    return max(by_words, by_grams)


FRAME_PASSAGES = 3  # with this many passages given, words every one of them holds are the question's frame
POINT_COVERAGE = 0.34


def _point_missing(words: Sequence[str], ev: Evidence, others: Evidence) -> bool:
    """The words that carry the claim's point are missing: leave out the frame every given passage shares
    (赔偿义务机关, 申请 in a set of 国家赔偿法 articles) and little of the rest (不用, 费用, 收取) is in the cited
    passage: general knowledge dressed in the passages' vocabulary."""
    everyone = ev.parts + others.parts
    if len(everyone) < FRAME_PASSAGES:
        return False
    point = [w for w in words if not all(Evidence((p,)).has_word(w) for p in everyone)]
    total = float(sum(map(len, point)))
    if total <= TRIVIAL:
        return False
    grams = frozenset().union(*(facts.bigrams(p.words_text) for p in ev.parts))
    return sum(_word_credit(w, ev, grams) * len(w) for w in point) / total < POINT_COVERAGE


def item_from_elsewhere(claim: str, ev: Evidence, others: Evidence) -> bool:
    """An item of a cited list with a word its list's passage lacks but another given passage has (暂扣许可证件
    under a lead-in whose list has 吊销许可证件, while 暂扣 is in the next article): an item moved in from elsewhere.
    A paraphrased item (房子本身价值的补偿) has words no passage has, and is judged by coverage as any claim."""
    words = facts.content_words(claim)
    grams = frozenset().union(*(facts.bigrams(p.words_text) for p in ev.parts)) if ev.parts else frozenset()
    return any(len(w) >= 2 and _word_credit(w, ev, grams) < 0.5 and others.has_word(w) for w in words)


def _salient_missing(words: Sequence[str], ev: Evidence) -> bool:
    grams = frozenset().union(*(facts.bigrams(p.words_text) for p in ev.parts)) if ev.parts else frozenset()
    return any(len(w) >= SALIENT_LEN and _word_credit(w, ev, grams) < 0.5 for w in words)


def _clauses(claim: str) -> list[str]:
    return [c for c in _CLAUSE.split(facts.plain(facts.prep(claim))) if c]


def anchored(claim: str, literal: str, holds: Callable[..., bool], ev: Evidence, nth: int = 0) -> bool:
    """`literal` (a figure or a subject) sits in a passage sentence that matches its clause of the claim nearly as
    well as the best-matching sentence (shared bigrams, the literal itself left out); when a sentence without it
    matches exactly as well and the clause is short, the clause with its neighbours decides."""
    clauses = _clauses(claim)
    lit = _literal(literal)
    found = [i for i, c in enumerate(clauses) for _ in lit.finditer(c)][nth:]
    if not found:
        return True
    idx = found[0]
    clauses[idx] = _enumerated_piece(clauses[idx], lit)
    sents = ev.sentences()
    holders = [i for i, (s, figs, _) in enumerate(sents) if holds(s, figs)]
    verbatim = [i for i in holders if clauses[idx] in BRACKETS.sub("", sents[i][0])]
    if len(clauses[idx]) >= VERBATIM_CLAUSE and verbatim:
        # the clause, literal included, stands word for word in a sentence that holds it, unless the claim gave
        # it the subject of another sentence (农村居民……新建自用住宅，减按每平方米二元……: the 二元 is the 铁路线路')
        joined = idx > 0 and _same_sentence(claim, clauses[idx - 1], clauses[idx])
        return not joined or not _grafted(clauses[idx - 1], lit.sub("|", clauses[idx]), verbatim, sents)

    def shared(text: str) -> list[int]:
        b = facts.bigrams(lit.sub("|", text))
        return [len(b & sb) for _, _, sb in sents]

    near = shared(clauses[idx])
    best = max(near, default=0)
    own = len(facts.bigrams(lit.sub("|", clauses[idx])))
    if best <= 2:
        if own >= 2 and any(near[i] == own for i in holders):
            return True  # a short clause all of whose words stand by the literal (划分28个网格)
        if "|" not in claim or clauses[idx] == literal and len(ev.parts) > 1:
            # the clause says little besides the literal: nothing to misplace it against (a table cell that is
            # only a figure, in a row cited to several passages, is read under its column's header, not its row)
            return True
        near = shared("|".join(clauses))  # a table cell (二年) is read with its row (开采权 | 二年)
        best = max(near, default=0)
        if best == 0:
            return True
    top = max((near[i] for i in holders), default=0)
    if top < PLACED * best:
        return _joins_passages(near, holders, top, ev)
    rivals = [i for i in range(len(sents)) if i not in holders and near[i] >= top]
    if not rivals:
        return True  # no sentence without the literal matches as well
    # a sentence without the literal matches as well or better: the clause with its neighbours decides
    wide = shared("|".join(clauses[max(0, idx - 1):idx + 2]))
    if top >= best and best >= TIE_CLEAR:
        # a long clause matching both: it stands unless its neighbours clearly belong to a rival (适用简易程序的，
        # 复议机关应当自受理申请之日起六十日内作出决定: the 六十日 sentence is the 普通程序's)
        return max(wide[i] for i in rivals) < max(wide[i] for i in holders) + WIDE_CLEAR
    w_top = max(wide[i] for i in holders)
    ok = w_top >= max(wide[i] for i in rivals) if top >= best else w_top >= PLACED * max(wide)
    return ok or _joins_passages(wide, holders, w_top, ev)


_QUOTED = re.compile(r"[“「『]([^”」』]+)[”」』]")
_FRAME_ONLY = re.compile(r"^(?:根据|依据|依照|按照|按|据)?(?:《[^》]+》)?(?:\([^)]*\)|（[^）]*）)?(?:第[^条款项]{1,8}[条款项])*"
                         r"(?:的)?(?:规定|记载|明确|指出|写道)?(?:[^，：:]{0,12}部分)?(?:记载|规定)?[：:，,]?$")
QUOTE_MIN = 10  # characters of a quotation that stands for the claim by itself


def _quotes_its_passage(claim: str, ev: Evidence) -> bool:
    """The claim is a quotation of the cited passage, word for word, framed only by its source (根据《…》第十五条
    规定：“……”): no check of its wording can find it wrong (a whole article quoted as the extractive answer)."""
    quotes = _QUOTED.findall(claim)
    frame = _QUOTED.sub("", claim).strip(" 。；;")
    if not quotes or sum(map(len, quotes)) < QUOTE_MIN or not _FRAME_ONLY.match(frame):
        return False
    text = re.sub(r"\s", "", " ".join(p.chunk.text for p in ev.parts))
    return all(re.sub(r"\s", "", q).strip("。；;") in text for q in quotes)


def _same_sentence(claim: str, first: str, second: str) -> bool:
    """The two clauses follow each other within one sentence of the claim (a comma between them, no 。；)."""
    text = facts.plain(facts.prep(claim))
    at = text.find(first + "，") if first + "，" in text else text.find(first + ",")
    return at >= 0 and text.startswith(second, at + len(first) + 1)


def _grafted(lead: str, clause: str, holders: list[int], sents: list[tuple[str, frozenset[Figure], frozenset[str]]]
             ) -> bool:
    """The clause before a figure's clause is clearly another sentence's (most of its bigrams there, hardly any in
    the sentences holding the figure), and that sentence states the figure clause's own rule in other terms (减半
    征收耕地占用税 beside 减按每平方米二元的税额征收耕地占用税): the claim joined one subject to another's figure."""
    b, c = facts.bigrams(lead), facts.bigrams(clause)
    if len(b) < GRAFT_MIN or facts.figures(lead):  # a clause with figures of its own is placed by them
        return False
    shared = [len(b & sb) for _, _, sb in sents]
    other = max(range(len(sents)), key=lambda i: shared[i])
    return other not in holders and shared[other] >= GRAFT_OTHER * len(b) \
        and max(shared[i] for i in holders) <= GRAFT_OWN * len(b) and len(c & sents[other][2]) >= GRAFT_RULE * len(c)


def _enumerated_piece(clause: str, lit: re.Pattern[str]) -> str:
    """In a clause that runs a list on with 、 (行为是当场作出的、是警告或者通报批评的、涉及款额三千元以下的), the item
    holding the literal is what places it: the whole run matches the passage's first item best. Short pieces
    (省、自治区、直辖市) are no items, so such a clause stays whole."""
    pieces = clause.split("、")
    if len(pieces) < 2 or min(map(len, pieces)) < ENUM_ITEM:
        return clause
    return next((p for p in pieces if lit.search(p)), clause)


def _literal(literal: str) -> re.Pattern[str]:
    """A literal as a whole figure: 5日 is not found inside 15日."""
    return re.compile(("(?<![0-9.])" if literal[:1].isdigit() else "") + re.escape(literal))


def _joins_passages(near: list[int], holders: list[int], top: int, ev: Evidence) -> bool:
    """A claim cited to several passages may join them (两个月期满未作决定的，可以自期满之日起3个月内起诉[1][2]):
    its figure stands in one passage, its clause's words best in another that does not hold the figure at all."""
    if len(ev.parts) < 2 or top < JOINED_SHARED:
        return False
    owner = [k for k, p in enumerate(ev.parts) for _ in p.held]
    best_at = max(range(len(near)), key=near.__getitem__)
    return all(owner[i] != owner[best_at] for i in holders)


def _figures_placed(claim: str, ev: Evidence) -> bool:
    stated = facts.figures(claim)
    seen: dict[str, int] = {}
    for fig, literal in facts.figure_spans(facts.plain(claim)):
        nth = seen[literal] = seen.get(literal, -1) + 1
        value, unit = fig
        if fig not in stated or not unit or value >= 1900 and unit == "年":
            continue  # bare numbers and years are checked as values only
        if unit in COUNTED and not any(fig in p.figures for p in ev.parts):
            continue  # a count of a list's items (四项条件): the list is its place

        def holds(_s: str, figs: frozenset[Figure], f: Figure = fig) -> bool:
            return f in figs

        if not anchored(claim, literal, holds, ev, nth):
            return False
    return True


def _subjects_placed(words: Sequence[str], claim: str, ev: Evidence) -> bool:
    """Named subjects (探矿权, 主管部门, 人民法院) must be in the evidence, in the sentence the claim is about."""
    for w in facts.entities(list(words)):
        if not ev.has_word(w):
            return False

        def holds(s: str, _figs: frozenset[Figure], word: str = w) -> bool:
            return word in BRACKETS.sub("", s)

        if w in ev.words_text and not anchored(claim, w, holds, ev):
            return False
    return True


def claim_coverage(claim: str, ev: Evidence, others: Evidence) -> float:
    words = facts.content_words(claim)
    return coverage(claim, words, ev, others) if sum(map(len, words)) > TRIVIAL else 1.0


_PARTY = re.compile(r"(?:局|政府|村|镇|乡|街道|公司|厂|机关|部门|委员会)$")


def situation_words(question: str, passages: Sequence[Passage]) -> frozenset[str]:
    """The parties of the asker's own situation (我局, 市政府 in 市政府维持了，被告是谁) that no given passage
    names: a claim applying the rule to them is judged on its other words. Only names of parties, and none from
    a question that instructs the assistant, so a question cannot vouch for what a claim asserts."""
    if INSTRUCTION.search(question):
        return frozenset()
    ev = Evidence(tuple(passages))
    return frozenset(w for w in facts.content_words(question) if _PARTY.search(w) and not ev.has_word(w))


def check(claim: str, ev: Evidence, others: Evidence, threshold: float = COVERAGE,
          situation: frozenset[str] = frozenset()) -> Reason | None:
    """None when the claim is supported by the evidence, else why not."""
    if facts.has_link(claim) and not facts.has_link(ev.text):
        return Reason.LINK
    if not hard_facts_ok(claim, ev):
        return Reason.UNSUPPORTED
    if _quotes_its_passage(claim, ev):
        return None  # the passage's own words, word for word, under a framing that names it
    words = [w for w in facts.content_words(claim) if w not in situation]
    cov = coverage(claim, words, ev, others) if sum(map(len, words)) > TRIVIAL else 1.0
    if ev.parts and all(p.chunk.doc_type == "report" for p in ev.parts):
        threshold = max(threshold, REPORT_COVERAGE)
    if cov < threshold or cov < SALIENT and _salient_missing(words, ev) or _point_missing(words, ev, others):
        return Reason.UNRELATED
    if not _figures_placed(claim, ev) or not _subjects_placed(words, claim, ev):
        return Reason.SUBJECT
    sentences = [s for p in ev.parts for s in p.sentences]
    if (reversed_meaning(words, claim, sentences) or permits_what_is_prohibited(words, claim, sentences)
            or negation_dropped(words, claim, sentences) or obligation_denied(claim, sentences)
            or negation_introduced(claim, sentences) or discretion_changed(claim, sentences)
            or approval_dropped(claim, sentences) or joint_dropped(claim, sentences)
            or qualifier_dropped(claim, sentences)):
        return Reason.REVERSED
    texts = [p.text for p in ev.parts]
    if figures_swapped(claim, texts) or figure_misplaced(claim, texts) or row_figures_apart(claim, texts) \
            or range_misplaced(claim, texts) or level_replaced(claim, texts) or row_figure_elsewhere(claim, texts) \
            or subject_replaced(claim, words, sentences) or wrong_department(claim, ev) \
            or body_swapped(claim, sentences):
        return Reason.SUBJECT
    return None


# which department acts: the claim's must be the cited passage's (自然资源 for 农业农村 is the wrong authority)
_DEPARTMENT = re.compile(r"(自然资源|农业农村|林业|草原|公安|生态环境|住房(?:和)?城乡建设|城乡规划|水行政|交通运输|财政|税务"
                         r"|市场监督管理|国土资源|测绘地理信息|地质矿产|应急管理|文物|民政|人力资源社会保障|发展改革|价格)"
                         r"(?:行政)?主管部门")


def wrong_department(claim: str, ev: Evidence) -> bool:
    named = {m.group(1) for m in _DEPARTMENT.finditer(facts.plain(claim))}
    return any(d not in ev.words_text for d in named)
