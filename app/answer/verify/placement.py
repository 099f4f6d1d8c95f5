"""Whether each figure of a claim stands where its passage puts it: after the same words (对个人并处 300元, not
the 1万元 the passage gives 对单位), next to the figures it shares a clause with (a table row's 1亩 / 2亩 / 8元 /
40元), and not swapped with its neighbour in a list. Pure functions over facts and Evidence."""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache

from app.answer.verify import facts
from app.answer.verify.evidence import word_forms
from app.answer.verify.facts import Figure
from app.answer.verify.restate import restated
from app.retrieve.features import dice

_BOUNDARY = re.compile(r"[，、；：。,;:|！？!?\n]")
LEAD_MIN = 2  # bigrams of a claim figure's lead: fewer say nothing
OWN_WEAK = 1  # at most this many shared with every lead of the figure's own value in the passage ...
OTHER_STRONG = 3  # ... while the lead of another figure of its unit shares at least this many
LEAD_CLEARER = 3  # ... or the claim's lead holds this many bigrams only another figure's lead has, none only its own
ROW_FIGURES = 3  # a table row with this many figures must find them in one passage clause


_RANGE_WORD = re.compile(r"^(?:以上|以下|以内|之内|之间|内|的)+")


@lru_cache(maxsize=4096)
def _leads(text: str, clauses: int = 1) -> tuple[tuple[Figure, frozenset[str]], ...]:
    return tuple(_iter_leads(text, clauses))


def _iter_leads(text: str, clauses: int = 1) -> Iterator[tuple[Figure, frozenset[str]]]:
    """(figure with a unit, the bigrams of the words around it: back to the previous figure or clause boundary,
    and on to the next, range words such as 以上 left out) for each figure of `text`; years and bare numbers are
    left out."""
    prepped = facts.prep(facts.plain(text))
    found = list(facts.FIGURE.finditer(prepped))
    rows: list[tuple[Figure | None, frozenset[str], frozenset[str], bool]] = []
    for k, m in enumerate(found):
        before = prepped[found[k - 1].end() if k else 0:m.start()]
        after = prepped[m.end():found[k + 1].start() if k + 1 < len(found) else len(prepped)]
        cuts = [b.end() for b in _BOUNDARY.finditer(before)]
        lead = before[cuts[-clauses] if len(cuts) >= clauses else 0:]
        tail = _RANGE_WORD.sub("", _BOUNDARY.split(after)[0])
        rows.append((facts.figure_of(m), facts.bigrams(lead), facts.bigrams(tail), bool(_MEMBER_END.match(after))))
    for k, (fig, lead_grams, tail_grams, _member) in enumerate(rows):
        if fig is None or not fig[1] or fig[1] == "年" and fig[0] >= 1900:
            continue
        # the last member of an enumeration of parallel clauses (对公民处以200元以下、对法人……处以3000元以下罚款或者
        # 警告) ends with words said of every member: they place none of them
        previous = rows[k - 1][0] if k else None
        closes = rows[k - 1][3] and previous is not None and previous[1] == fig[1]
        yield fig, lead_grams if closes else lead_grams | tail_grams


_MEMBER_END = re.compile(r"^(?:以上|以下|以内)?、")


def figure_misplaced(claim: str, passage_texts: list[str]) -> bool:
    """A figure whose surrounding words match those of another figure of the same unit in a passage, while no
    occurrence of its own value there shares more than a word with them (对个人并处1万元 where the passage says
    对个人并处三百元 and 对单位并处一万元): the claim gave one subject the figure of another."""
    # the claim's clause before the figure's too: where it names the figure's own subject (赔偿义务机关收到您的申请后，
    # 要在7日内向财政部门提出……), the other figure's words in the object do not make it the other's
    claimed = [(fig, lead, wide) for (fig, lead), (_f, wide) in zip(_leads(claim), _leads(claim, 2))
               if len(lead) >= LEAD_MIN]
    if not claimed:
        return False
    given = [x for t in passage_texts for x in _leads(t)]
    wider = [x for t in passage_texts for x in _leads(t, 2)]
    joined = _joined_previous(claim)
    for fig, lead, wide in claimed:
        mine = [b for f, b in given if f == fig]
        if not mine or any(len(b) < OTHER_STRONG for b in mine):
            continue  # not in the passage (hard facts judge it), or named after the figure there (40.13万亩耕地)
        # the claim may run the passage's clauses together (经本行政机关负责人批准可延长10日 for ……批准，可以延长十日):
        # the words of the clause before the figure's are its own too
        own = max(len(lead & b) for b in (*mine, *(b for f, b in wider if f == fig)))
        # the figure just before it in the claim, with no boundary between: its words in the lead are its own
        # (人均耕地667平方米以上的平原地区不超过167平方米, where the passage puts a comma after 平原地区)
        others = [b for f, b in given if f != fig and f[1] == fig[1] and f != joined.get(fig)]
        other = max((len(lead & b) for b in others), default=0)
        if own <= OWN_WEAK and other >= OTHER_STRONG:
            return True
        if others and all(any(_takes_others_words(lead, m, o) and not wide & (m - o) for o in others) for m in mine):
            return True
    return False


def _joined_previous(claim: str) -> dict[Figure, Figure]:
    """Each figure of the claim -> the figure right before it when no clause boundary separates them."""
    prepped = facts.prep(facts.plain(claim))
    figs = [(m, facts.figure_of(m)) for m in facts.FIGURE.finditer(prepped)]
    out: dict[Figure, Figure] = {}
    for (m1, f1), (m2, f2) in zip(figs, figs[1:]):
        if f1 and f2 and f1[1] and not _BOUNDARY.search(prepped[m1.end():m2.start()]):
            out[f2] = f1
    return out


def _takes_others_words(lead: frozenset[str], own: frozenset[str], other: frozenset[str],
                        clearer: int = LEAD_CLEARER) -> bool:
    """Both leads share the clause's frame (应当自收到…之日起); the claim's holds what sets the other figure's
    apart (财政部门) and nothing that sets its own figure's apart (赔偿义务机关)."""
    return len(lead & (other - own)) >= clearer and not lead & (own - other)


_RANGE_JOIN = re.compile(r"^(?:以上|至|到|-|~|－)$")
RANGE_CLEARER = 2  # a range's lead is short (RANGE_LEAD): one distinguishing word (滥伐) is two bigrams
_ASIDE = re.compile(r"\((?![0-9一二三四五六七八九十]+\))[^()]{4,60}\)")
RANGE_LEAD = 12  # characters before a range that say whose range it is (限期送审，并处 ……)


@lru_cache(maxsize=4096)
def _ranges(text: str) -> tuple[tuple[tuple[Figure, Figure], frozenset[str]], ...]:
    """((low, high), bigrams of the words before it, across one clause boundary) for each range of `text`
    (三百元以上三千元以下, 10元至50元)."""
    # an aside in brackets (（以县、自治县、不设区的市、市辖区为单位，下同）) says nothing about whose range follows it
    prepped = _ASIDE.sub("", facts.prep(facts.plain(text)))
    found = [(m, f) for m in facts.FIGURE.finditer(prepped) if (f := facts.figure_of(m)) and f[1]]
    out = []
    for (m1, lo), (m2, hi) in zip(found, found[1:]):
        if lo[1] != hi[1] or not _RANGE_JOIN.match(prepped[m1.end():m2.start()]):
            continue
        lead = re.sub(r"[0-9.]+", "", prepped[max(0, m1.start() - RANGE_LEAD):m1.start()])
        out.append(((lo, hi), facts.bigrams(_BOUNDARY.sub("", lead))))
    return tuple(out)


def range_misplaced(claim: str, passage_texts: list[str]) -> bool:
    """A range the passage gives after other words (并处三千元以上一万元以下 for 拒不送审的), stated after the words
    of another of its ranges (限期送审，并处三百元以上三千元以下): one offence given the other's penalty."""
    claimed = [(r, lead) for r, lead in _ranges(claim) if len(lead) >= OTHER_STRONG]
    if not claimed:
        return False
    given = [x for t in passage_texts for x in _ranges(t)]
    for rng, lead in claimed:
        mine = [b for r, b in given if r == rng]
        if not mine:
            continue  # not a range there (the hard facts judge its figures)
        own = max(len(lead & b) for b in mine)
        others = [b for r, b in given if r != rng and r[0][1] == rng[0][1]]
        other = max((len(lead & b) for b in others), default=0)
        if own <= OWN_WEAK + 1 and other >= own + OTHER_STRONG:
            return True
        # both leads share the frame (责令限期……补种……株数); the claim's holds the word that sets another range
        # apart (滥伐) and none of its own (盗伐)
        if others and all(any(_takes_others_words(lead, m, o, RANGE_CLEARER) for o in others) for m in mine):
            return True
    return False


_CLAUSE_END = re.compile(r"[；;。\n]")


def row_figures_apart(claim: str, passage_texts: list[str]) -> bool:
    """A table row (its cells joined by |) with several figures none of whose passage clauses holds them all
    (超过1亩但不超过2亩 | 6元至30元, where 6元至30元 belongs to the clause for 2 to 3 亩)."""
    if "|" not in claim or _enumerates(claim):
        return False
    texts = [c for t in passage_texts for c in _CLAUSE_END.split(t)]
    clauses = [facts.figures(c) for c in texts]
    if _cells_placed(claim, texts):
        return False
    # a cell of two statements (……五倍以下罚款；没有采出矿产品……的，并处十万元以上……) places each on its own
    for piece in re.split(r"[；;]", claim):
        mine = {f for f in facts.figures(piece) if f[1]}
        if len(mine) >= ROW_FIGURES and not any(mine <= c for c in clauses):
            return True
    return False


CELL_SHARED = 4  # bigrams a cell must share with the passage clause it restates to be placed by its own words


def _cells_placed(row: str, clauses: list[str]) -> bool:
    """Each figure cell of a comparison row restates a passage clause in its own words, figures included (| 罚款 |
    并处盗伐林木价值5倍以上10倍以下的罚款 | 可以处滥伐林木价值3倍以上5倍以下的罚款 |): the columns set the clauses
    apart, so the row need not come from one clause. A bare figure cell (6元至30元) names no clause: not placed."""
    cells = [c for c in row.split("|") if facts.figures(c)]
    if len(cells) < 2:
        return False
    grams = [_figureless_bigrams(c) for c in clauses]
    for cell in cells:
        mine, b = {f for f in facts.figures(cell) if f[1]}, _figureless_bigrams(cell)
        at = max(range(len(clauses)), key=lambda i: len(b & grams[i]), default=-1)
        if at < 0 or len(b & grams[at]) < CELL_SHARED or not mine <= facts.figures(clauses[at]):
            return False
    return True


def _enumerates(row: str) -> bool:
    """A cell listing facts one figure each (会商研判会议4次，张贴禁火令1000余张，划分28个网格): each is placed on
    its own (a report section's figures stand in several of its sentences), not as one statement."""
    pieces = [p for p in re.split(r"[|，,；;、]", row) if facts.figures(p)]
    return len(pieces) >= ROW_FIGURES and all(len(facts.figures(p)) == 1 for p in pieces)


ROW_CLEARER = 1.3  # the clause a row's words match must beat the clause holding its figure by this factor


def _figureless_bigrams(text: str) -> frozenset[str]:
    return facts.bigrams(re.sub(r"[0-9.]+", "", facts.prep(facts.plain(text))))


_PIECE_END = re.compile(r"[，,；;。\n]")


@lru_cache(maxsize=4096)
def _clause_words(text: str, cut: re.Pattern[str] = _CLAUSE_END) -> tuple[tuple[frozenset[str], frozenset[Figure]], ...]:
    """(bigrams without the figures, figures) per clause of a passage text: every table row reads them."""
    return tuple((_figureless_bigrams(c), frozenset(facts.figures(c))) for c in cut.split(text) if c.strip())


def row_figure_elsewhere(claim: str, passage_texts: list[str]) -> bool:
    """A table row whose words match one passage clause clearly best while its figure stands only in another
    (| 部分或全部丧失劳动能力 | … 残疾赔偿金最高不超过 … 五倍 |, where 五倍 is the clause for 身体伤害 and the
    残疾赔偿金 clause says 二十倍): the cell took its neighbour's figure."""
    if "|" not in claim:
        return False
    mine = {f for f in facts.figures(claim) if f[1]}
    if not mine:
        return False
    words = _figureless_bigrams(claim)
    units = {f[1] for f in mine}
    # clause by clause, then comma piece by piece: one clause may list several items with their figures
    # (防护林林地…10公顷以上的，用材林…35公顷以上的，其他林地面积70公顷以上的，由国务院…审核); only for a row of
    # one figure, as a row's several figures are spread over the pieces of their clause
    for cut in (_CLAUSE_END, _PIECE_END) if len(mine) == 1 else (_CLAUSE_END,):
        rivals = [(dice(words, b), figs, len(words & b)) for t in passage_texts for b, figs in _clause_words(t, cut)
                  if any(f[1] in units for f in figs)]
        if not rivals:
            return False
        best, figs, best_shared = max(rivals, key=lambda x: x[0])
        holding = [(d, n) for d, fs, n in rivals if mine & fs]
        # the figure's own clause holding as many of the row's words does not lose by being the longer one
        # (围绕全市40.13万亩耕地、36.91万亩永久基本农田保护目标 against 超保护目标1.3万亩 for | 耕地保护目标 | 40.13万亩 |)
        if not (mine & figs) and holding and best >= ROW_CLEARER * max(d for d, _ in holding) \
                and max(n for _, n in holding) < best_shared:
            return True
    return False


def figures_swapped(claim: str, passage_texts: list[str]) -> bool:
    """A figure the claim gives right after a word (授课4场) where the passage gives that word another figure of
    the same unit right after it (授课2场) and never this one: the figures of a list were swapped."""
    text = facts.plain(claim)
    prepped = facts.prep(text)
    for fig, literal in facts.figure_spans(text):
        value, unit = fig
        at = prepped.find(literal)
        before = prepped[max(0, at - 2):at]
        if not unit or len(before) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]{2}", before):
            continue
        given = {f for t in passage_texts
                 for m in re.finditer(re.escape(before) + r"(?:约|共|达)?([0-9]+(?:\.[0-9]+)?\s*\S{1,3})", facts.prep(t))
                 for f in facts.figures(m.group(1)) if f[1] == unit}
        if given and fig not in given:
            return True
    return False



RESTATES = 0.6  # Dice of character bigrams from which a passage sentence is the one the claim restates


def subject_replaced(claim: str, words: list[str], passage_sentences: list[str],
                     lead_ins: Mapping[str, str] | None = None) -> bool:
    """The passage sentence the claim restates (永久基本农田转为建设用地的，由国务院批准) names a subject the claim
    drops while the claim names one that sentence lacks (由省、自治区、直辖市人民政府批准), though the passage
    names it elsewhere: the rule was given another authority. Judged per sentence of the claim (……；……). A list
    item's lead-in (`lead_ins`: item -> lead-in and item) names its subject too (中级人民法院管辖下列第一审行政案件：)."""
    named = facts.entities(words)
    if not named:
        return False
    for part in _CLAUSE_END.split(facts.plain(claim)):
        ours = {w for w in named if w in part}
        if not ours:
            continue
        dice, best = restated(part, passage_sentences)
        if dice < RESTATES:
            continue
        theirs = {_short(w) for w in facts.entities(facts.content_words(best))}
        # a claim joining two passage sentences names the second one's subject in the clause restating it
        held = (lead_ins or {}).get(best, best)
        extra = {w for w in ours if _short(w) not in theirs and not any(f in held for f in word_forms(w))
                 and not _own_clause(part, w, passage_sentences)}
        if extra and any(w not in _short(part) for w in theirs):
            return True
    return False


def _own_clause(part: str, word: str, passage_sentences: list[str]) -> bool:
    """The clause of the claim naming `word` restates a passage sentence that names it too."""
    clause = next((c for c in re.split(r"[，,]", part) if word in c), "")
    holders = [s for s in passage_sentences if word in s]
    return bool(clause and holders) and restated(clause, holders)[0] >= RESTATES


def _short(text: str) -> str:
    """县级人民政府 and 县人民政府 as a reply shortens them (县政府): one body."""
    return re.sub(r"(?:级)?人民政府", "政府", text)


# the level of government an authority belongs to, by the forms statutes and replies write it in
_LEVELS = {"国务院": r"国务院", "省": r"省(?!辖)|自治区|直辖市", "市": r"省辖市|设区的市|地级市|市级|(?<![县（(、])市(?:人民)?政府",
           "县": r"县", "乡": r"乡|镇"}
_AUTHORITY = r"[^，。；;|\n]{0,10}?(?:人民政府|政府|主管部门|管理部门|部门|机关)"


def levels_named(text: str) -> set[str]:
    """Levels the text gives an authority (省辖市地质矿产管理部门 -> 市); 县级以上 spans levels and names none."""
    return {lv for lv, form in _LEVELS.items()
            if any(not text[m.end():m.end() + 2].startswith("以上")
                   for m in re.finditer(rf"(?:{form})(?:级)?", text) if re.match(_AUTHORITY, text[m.end():]))}


def level_replaced(claim: str, passage_texts: list[str]) -> bool:
    """The claim gives an authority a level its passage never names, while the passage names another level's
    authority (省辖市 for the 县（市、区） that approves): the rule was given to another level of government."""
    text = "".join(passage_texts)
    # 县级以上 names no one level, but a passage that never says 县 does not give the act to 县级以上 bodies
    mine = levels_named(claim) | {lv for lv in _LEVELS if re.search(rf"(?:{_LEVELS[lv]})级?以上", claim)}
    if not mine:
        return False
    theirs = levels_named(text)
    return bool(theirs) and any(not re.search(_LEVELS[lv], text) for lv in mine - theirs)
