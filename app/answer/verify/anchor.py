"""Where a figure or a named subject of a claim sits: in the passage sentence the claim is about, not in a
neighbouring one (pure). A claim's clause is matched against every sentence of the cited passages by shared
bigrams, the literal left out; the sentence holding the literal must match about as well as the best one, and the
neighbouring clauses break ties."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from app.answer.verify import facts
from app.answer.verify.evidence import BRACKETS, COUNTED, Evidence, inheriting, word_forms
from app.answer.verify.facts import Figure

WIDE_CLEAR = 3  # bigrams by which the neighbouring clauses must favour a rival sentence to undo a tie
TIE_CLEAR = 8  # shared bigrams from which a tie at clause level needs no wider look
JOINED_SHARED = 2  # bigrams a figure's own sentence must still share with its clause when the claim joins passages
PLACED = 0.7  # a figure's sentence must match its clause at least this well relative to the best sentence
# a figure grafted onto another sentence's subject: bigrams of the clause before it; their share in that other
# sentence and in the figure's own; share of the figure clause's bigrams that other sentence restates
# (6 bigrams: a short subject such as 省辖市、县（市、区）基础测绘成果 is enough)
GRAFT_MIN, GRAFT_OTHER, GRAFT_OWN, GRAFT_RULE = 6, 0.7, 0.3, 0.4
ENUM_ITEM = 5  # a piece of a 、-run this long is a list item of its own
_NOT_MORE = re.compile(r"不得(超过|少于|低于|高于|多于)")
_ITEM_LABEL = re.compile(r"[（(][一二三四五六七八九十\d]{1,3}[）)]")  # (二): where a list item's own words begin
VERBATIM_CLAUSE = 6  # a clause this long found word for word needs no placing
_CLAUSE = re.compile(rf"[，；：,;:|。！？!?\n]|{facts.STEP_DASH}")  # a step chain parts at its dashes


def _clause_list(claim: str) -> list[str]:
    return [c for c in _CLAUSE.split(facts.plain(facts.prep(claim))) if c]


def _own_column(claim: str, clause: str) -> list[str]:
    """In a row read under party heads (期限 | 探矿权5年 | 采矿权……30年, claims.headed), a cell's context is the row's
    label and its own cell: the other cells are about the other party."""
    cells = [c.strip() for c in claim.split("|")]
    heads = [facts.entities(facts.content_words(c)[:1]) for c in cells[1:]]
    if len(cells) < 3 or not all(heads) or len({h[0] for h in heads}) < len(heads):
        return []
    mine = next((c for c in cells[1:] if clause in _clause_list(c)), None)
    return [*_clause_list(cells[0]), *_clause_list(mine)] if mine is not None else []


def anchored(claim: str, literal: str, holds: Callable[..., bool], ev: Evidence, nth: int = 0) -> bool:
    """`literal` (a figure or a subject) sits in a passage sentence that matches its clause of the claim nearly as
    well as the best-matching sentence (shared bigrams, the literal itself left out); when a sentence without it
    matches exactly as well and the clause is short, the clause with its neighbours decides."""
    clauses = _clause_list(claim)
    lit = _literal(literal)
    found = [i for i, c in enumerate(clauses) for _ in lit.finditer(c)][nth:]
    if not found:
        return True
    idx = found[0]
    sents = ev.sentences()
    # not a run of items where the rest of the clause stands word for word in a sentence (a column head run into
    # its cell: 采矿权 + 法律、行政法规另有规定的除外)
    rest = lit.sub("", clauses[idx])
    if len(rest) < VERBATIM_CLAUSE or not any(rest in BRACKETS.sub("", s) for s, _f, _b in sents):
        clauses[idx] = _enumerated_piece(clauses[idx], lit)
    holders = [i for i, (s, figs, _) in enumerate(sents) if holds(s, figs)]
    verbatim = [i for i in holders if clauses[idx] in BRACKETS.sub("", sents[i][0])]
    if len(clauses[idx]) >= VERBATIM_CLAUSE and verbatim:
        # the clause, literal included, stands word for word in a sentence that holds it, unless the claim gave
        # it the subject of another sentence (农村居民……新建自用住宅，减按每平方米二元……: the 二元 is the 铁路线路')
        joined = idx > 0 and _same_sentence(claim, clauses[idx - 1], clauses[idx])
        # a clause that opens its own sentence (执法人员不得少于两人，……) carries that sentence's subject with it
        # … also a list item's, read after its label and lead-in ((二)在建建筑物抵押权登记 in a run of the items)
        opens = any(BRACKETS.sub("", _ITEM_LABEL.split(sents[i][0])[-1]).lstrip().startswith(clauses[idx])
                    for i in verbatim)
        # the other sentence is judged against every sentence holding the figure, not only those that hold the
        # clause word for word (不能当场告知的，…… restates its sentence in other words, a third holds them verbatim)
        return not joined or opens or not _grafted(clauses[idx - 1], lit.sub("|", clauses[idx]), holders, sents)

    grams = _with_condition(ev, sents)
    # 不得超过 says what 不超过 says: a sentence with the one also matches a clause with the other
    grams = [g | facts.bigrams(_NOT_MORE.sub(r"不\1", s)) if _NOT_MORE.search(s) else g
             for g, (s, _f, _b) in zip(grams, sents)]
    # a 但是-clause read with the clause before it holds that clause's figure too: not its rival (……届满30日前……提出
    # 申请。但是，法律、法规另有规定的，依照其规定 restated in one claim)
    holders += [k for k in _but_clauses(ev, sents) if k - 1 in holders]

    def shared(text: str) -> list[int]:
        b = facts.bigrams(lit.sub("|", text))
        return [len(b & sb) for sb in grams]

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
        # a table cell (二年) is read with its row (开采权 | 二年), less the cells that hold figures of their own:
        # those are placed by their own sentences (不得超过45日 | 15日 | 本级人民政府负责人批准)
        row = [c for k, c in enumerate(clauses) if k == idx or not facts.figures(c)]
        near = shared("|".join(_own_column(claim, clauses[idx]) or (row if len(row) > 1 else clauses)))
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
    # only the sentences that matched the clause as well are rivals: one that the neighbouring clause restates
    # (……届满30日前……申请办理延期使用手续，延长的期限最长不超过1年) does not compete for this clause's figure
    rival_wide = max(wide[i] for i in rivals)
    ok = w_top >= rival_wide if top >= best else w_top >= PLACED * rival_wide
    return ok or _joins_passages(wide, holders, w_top, ev)


_BUT = re.compile(r"^(?:但是|但)")


def _but_clauses(ev: Evidence, sents: list[tuple[str, frozenset[Figure], frozenset[str]]]) -> list[int]:
    """The sentences that open with 但是 and follow another of the same passage."""
    out, k = [], 0
    for p in ev.parts:
        for j in range(len(p.held)):
            if j and _BUT.match(sents[k][0]):
                out.append(k)
            k += 1
    return out


def _with_condition(ev: Evidence, sents: list[tuple[str, frozenset[Figure], frozenset[str]]]) -> list[frozenset[str]]:
    """Each sentence's bigrams; a 但是-clause (但是延长期限最多不超过三十日) also has those of the clause before it in its
    passage (情况复杂……可以适当延长；), whose case it limits: a claim joins the two (情况复杂的最多延长30日)."""
    buts = set(_but_clauses(ev, sents))
    return [sb | sents[k - 1][2] if k in buts else sb for k, (_s, _f, sb) in enumerate(sents)]


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


def _respective(claim: str, ev: Evidence) -> frozenset[str]:
    """Figures given 分别 (简易程序下分别为3日内和5日内) belong to the subjects the sentence before named, one by one:
    their place is that order in one passage, not a clause of this claim."""
    out: set[str] = set()
    for clause in _clause_list(claim):
        at = clause.find("分别")
        spans = facts.figure_spans(clause[at:]) if at >= 0 else []
        if len(spans) >= 2 and any(_in_order([f for f, _ in spans], p.text) for p in ev.parts):
            out.update(literal for _, literal in spans)
    return frozenset(out)


def _in_order(figs: list[Figure], text: str) -> bool:
    rest = iter(f for f, _ in facts.figure_spans(text))
    return all(any(f == g for g in rest) for f in figs)


_BACK = re.compile(r"(?:这|该|此|上述|前述)$")


# a period named by its length (不计算在20个工作日的答复期限内): the limit stated elsewhere, not a new place for it
_NAMED_PERIOD = re.compile(r"^的[\u4e00-\u9fff]{0,4}(?:期限|时限|期间)")


def referred_back(plain: str, literal: str, nth: int) -> bool:
    """The nth occurrence of the figure follows a demonstrative (这2个月, 该15日) or names a period by its length
    (20个工作日的答复期限)."""
    at = [m.start() for m in re.finditer(re.escape(literal), plain)]
    return nth < len(at) and bool(_BACK.search(plain[:at[nth]]) or _NAMED_PERIOD.match(plain[at[nth] + len(literal):]))


def figures_referred_back(claim: str, elsewhere: Evidence) -> frozenset[Figure]:
    """Figures the claim names as said before (上述5日按工作日计算) that another given passage states: the claim
    joins that passage's figure to its own passage's rule."""
    prepared, out = facts.prep(facts.plain(claim)), set()
    seen: dict[str, int] = {}
    for fig, literal in facts.figure_spans(facts.plain(claim)):
        nth = seen[literal] = seen.get(literal, -1) + 1
        if referred_back(prepared, literal, nth) and elsewhere.has_figure(fig):
            out.add(fig)
    # …and the other readings of the same figure (上述5日按工作日计算 also reads as 5个工作日)
    return frozenset(f for f in facts.figures(claim) if any(f[0] == g[0] for g in out))


def figures_placed(claim: str, ev: Evidence, spare: frozenset[Figure] = frozenset()) -> bool:
    stated = facts.figures(claim) - spare
    seen: dict[str, int] = {}
    respective = _respective(claim, ev) if "分别" in claim else frozenset()
    prepared = facts.prep(facts.plain(claim))
    for fig, literal in facts.figure_spans(facts.plain(claim)):
        nth = seen[literal] = seen.get(literal, -1) + 1
        value, unit = fig
        if fig not in stated or not unit or value >= 1900 and unit == "年" or literal in respective:
            continue  # bare numbers and years are checked as values only
        if unit in COUNTED and not any(fig in p.figures for p in ev.parts):
            continue  # a count of a list's items (四项条件): the list is its place
        if referred_back(prepared, literal, nth) and any(fig in p.figures for p in ev.parts):
            continue  # 不受这2个月的限制 names the time limit stated before, not a new place for it

        def holds(_s: str, figs: frozenset[Figure], f: Figure = fig) -> bool:
            return f in figs

        if not anchored(claim, literal, holds, ev, nth):
            return False
    return True


def subjects_placed(words: Sequence[str], claim: str, ev: Evidence) -> bool:
    """Named subjects (探矿权, 主管部门, 人民法院) must be in the evidence, in the sentence the claim is about."""
    for w in facts.entities(list(words)):
        if not ev.has_word(w):
            return False

        inherit = inheriting(ev, w)

        def holds(s: str, _figs: frozenset[Figure], forms: frozenset[str] = word_forms(w),
                  heirs: frozenset[str] = inherit) -> bool:
            return any(f in BRACKETS.sub("", s) for f in forms) or s in heirs

        if w in ev.words_text and not anchored(claim, w, holds, ev):
            return False
    return True


MASKED_MIN = 6  # characters besides the figures a restated statement must share word for word


def _masked(text: str) -> tuple[str, list[Figure]]:
    """`text` (prep form) with each figure replaced by #, and the figures in order."""
    figs: list[Figure] = []

    def mask(m: re.Match[str]) -> str:
        f = facts.figure_of(m)
        if f is None:
            return m.group(0)
        figs.append(f)
        return "#"
    return facts.FIGURE.sub(mask, text), figs


def figure_replaced(claim: str, sentences: Sequence[str]) -> bool:
    """The claim restates a passage statement word for word but for one of its figures, another of them kept
    (永久基本农田……划定37.22万亩，超保护目标1.3万亩 where the passage has 0.02万亩 and the 1.3万亩 belongs to the
    耕地 statement before it): the figure came from a neighbouring statement. Not when some statement of the same
    words holds the claim's figures (a passage listing the same rule for several tiers)."""
    for part in (p.strip("；;。") for p in re.split(r"[；;。]", facts.prep(facts.plain(claim)))):
        mine, figs = _masked(part)
        if len(figs) < 2 or len(mine) - len(figs) < MASKED_MIN:
            continue
        anchored_once = exact = False
        for s in sentences:
            theirs, sfigs = _masked(facts.prep(s))
            at = theirs.find(mine)
            if at < 0:
                continue
            k = theirs[:at].count("#")
            there = sfigs[k:k + len(figs)]
            exact = exact or there == figs
            anchored_once = anchored_once or any(a == b for a, b in zip(there, figs))
        if anchored_once and not exact:
            return True
    return False
