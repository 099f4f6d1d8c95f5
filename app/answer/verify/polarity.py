"""Whether a claim says the opposite of its passage: affirms what the passage only negates, permits what it
prohibits, drops the negation of the sentence it restates, or excuses (不必) what the passage requires (必须).
Pure functions over the claim and the cited passages' sentences (facts.plain form)."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from app.answer.verify import facts
from app.answer.verify.restate import SAME_STATEMENT, anchored_edits, piece_edits, restated, statement_parts


def reversed_meaning(words: Sequence[str], claim: str, sentences: Sequence[str]) -> bool:
    """The claim affirms a word the passage only ever negates (停止执行 where the passage says 不停止执行).
    The other direction is not judged: an adverb between (未依法取得, 不自行拆除) makes it unreliable."""
    text, ptext = facts.plain(claim), " ".join(sentences)
    for w in words:
        pos = text.find(w)
        if pos < 0 or w not in ptext:
            continue
        # a negation with its exception (不得单方解除……，但受让方有下列情形之一的除外) leaves room for the claim
        excepted = all(EXCEPTION.search(s) for s in sentences if w in s)
        if facts.polarities(ptext, w) == {True} and not facts.negated_at(text, pos, wide=True) and not excepted \
                and not _PROHIBITS.search(_clause_at(text, pos)) and _same_use(ptext, w, text, pos):
            return True
    return False


def _same_use(ptext: str, w: str, text: str, pos: int) -> bool:
    """Some occurrence of the word in the passage goes on as in the claim (不停止执行 / 停止执行): 不作为的 and
    作为对比 are two words."""
    return any(_same_object(ptext, m.end(), text, pos + len(w)) for m in re.finditer(re.escape(w), ptext))


def _clause_before(text: str, pos: int) -> str:
    return text[max((m.end() for m in CLAUSE_CUT.finditer(text[:pos])), default=0):pos]


def _clause_at(text: str, pos: int) -> str:
    """The clause around pos: 建设单位也不允许参与 negates its subject's act, the negation standing after it."""
    start = max((m.end() for m in CLAUSE_CUT.finditer(text[:pos])), default=0)
    end = CLAUSE_CUT.search(text[pos:])
    return text[start:pos + end.start()] if end else text[start:]


CLAUSE_CUT = re.compile(r"[，；。,;!?！？\n]")  # also read by duties.py (what is required, what excused)

# prohibitions, the statute's words and a reply's plain ones (不能 / 不允许 for 不得 / 禁止)
_PROHIBITS = re.compile(r"不得|禁止|严禁|不准|不允许|不许|不能|不可(?!能)")


def prohibition(lead_in: str) -> str:
    """The prohibiting word of a lead-in's last clause (在危险区内禁止以下活动： -> 禁止), else "": its items are what
    is prohibited, so each is read with it."""
    last = CLAUSE_CUT.split(lead_in.rstrip("：: "))[-1]
    m = _PROHIBITS.search(last)
    return m.group(0) if m else ""


PERMITS = re.compile(r"可以|可(?!能)|能够|有权|允许")
EXCEPTION = re.compile(r"但.{0,30}除外|除.{0,30}外")
_REFUSES = ("不予", "不予以")


# the act a claim permits, read off after the permission (可以先行投入使用 -> 投入): jieba keeps 投入使用 one word,
# which the passage's 不得投入生产或者使用 does not hold
_PERMIT_WORD = re.compile(r"(?<!不)(?:可以|能够|有权|允许|准许)")
_ADVERB = re.compile(r"^(?:先行|先|直接|自行|径行|也|还|就|都|均|照常|继续)")


def _permitted_acts(clauses: Sequence[str]) -> list[str]:
    return [act[:2] for c in clauses for m in _PERMIT_WORD.finditer(c) if len(act := _ADVERB.sub("", c[m.end():])) >= 2]


def permits_what_is_prohibited(words: Sequence[str], claim: str, sentences: Sequence[str]) -> bool:
    """The claim permits (可以采取停止供水) what every passage clause holding the word prohibits, the prohibition
    standing anywhere before it in the clause (不得对居民生活采取停止供水) and with no exception in its sentence
    (不得在夜间实施……但情况紧急的除外 leaves room for a 可以)."""
    cl = [c for c in re.split(r"[，；。,;！？!?\n]", facts.plain(claim)) if c]
    for w in (w for w in dict.fromkeys([*words, *_permitted_acts(cl)]) if len(w) >= 2):
        mine = [c for c in cl if w in c]
        if not mine or not all((m := PERMITS.search(c)) and m.start() < c.find(w)
                               and not _PROHIBITS.search(c[:c.find(w)]) and not facts.negated_at(c, c.find(w), wide=True)
                               for c in mine):
            continue
        holders = [(s, c) for s in sentences for c in re.split(r"[，；。,;]", s) if w in c]
        if _all_prohibit(w, holders):
            return True
        if _restated_prohibits(w, cl, sentences):
            return True
    return False


def _all_prohibit(w: str, holders: Sequence[tuple[str, str]], refusal: bool = False) -> bool:
    """refusal: 不予 right before the word counts too (不予批准); it refuses only the act it precedes (不予赔偿决定
    refuses no 决定)."""
    return bool(holders) and all((_PROHIBITS.search(c[:c.find(w)]) or refusal and c[:c.find(w)].endswith(_REFUSES))
                                 and not EXCEPTION.search(s) for s, c in holders)


def _restated_prohibits(w: str, claim_clauses: Sequence[str], sentences: Sequence[str]) -> bool:
    """The word is prohibited in the passage clause the claim's clause restates, read with the clause before each
    (再申请宅基地的，仍可以予以批准 for 再申请宅基地的，不予批准), though another passage clause names the word
    without a prohibition (由乡（镇）人民政府审核批准): whole sentences would match too loosely to say which."""
    k = next(i for i, c in enumerate(claim_clauses) if w in c)
    windows: dict[str, tuple[str, str]] = {}  # a clause holding the word, with the clause before it -> (sentence, clause)
    for s in sentences:
        cs = [c for c in re.split(r"[，；。,;]", s) if c]
        for j, c in enumerate(cs):
            if w in c:
                windows.setdefault("".join(cs[max(0, j - 1):j + 1]), (s, c))
    dice, best = restated("".join(claim_clauses[max(0, k - 1):k + 1]), tuple(windows))
    return dice >= SAME_STATEMENT and _all_prohibit(w, [windows[best]], refusal=True)


# a prohibition the claim itself states, close before the act (不能 / 不可 often only describe: 暂时不能转为采矿权的)
_DEONTIC_NO = re.compile(r"不得|禁止|严禁|不准|不允许")
# 不能 / 不可以 forbid only outside a condition: 不能当场作出的 states a case (it could not be done), not a ban
_WEAK_NO = re.compile(r"(?:不能|不可以)(?![^，；。,;]*的)")
DEONTIC_SPAN = 8


def _forbidden_before(clause: str, at: int) -> bool:
    """A prohibition within DEONTIC_SPAN characters before `at` (不得……, or 不能…… outside a condition)."""
    start = max(0, at - DEONTIC_SPAN)
    weak = _WEAK_NO.search(clause, start)
    return bool(_DEONTIC_NO.search(clause[start:at]) or weak and weak.start() < at)


def prohibits_what_is_permitted(words: Sequence[str], claim: str, sentences: Sequence[str]) -> bool:
    """The reverse: the claim prohibits (地方性法规不得增加……种类) what every passage sentence holding the word
    permits, the permission before it (地方性法规可以根据……需要，增加……种类) and no prohibition there."""
    cl = [c for c in re.split(r"[，；。,;！？!?\n]", facts.plain(claim)) if c]
    for w in (w for w in words if len(w) >= 2):
        mine = [c for c in cl if w in c]
        if not mine or not all(_forbidden_before(c, c.find(w)) for c in mine):
            continue
        holders = [s for s in sentences if w in s]
        # the passage prohibits it somewhere (除……可以转让外，探矿权、采矿权不得转让): no reversal to judge
        prohibited = any(_PROHIBITS.search(_clause_before(s, m.start())) or facts.negated_at(s, m.start(), wide=True)
                         for s in holders for m in re.finditer(re.escape(w), s))
        if holders and not prohibited and all(PERMITS.search(s[:s.find(w)]) for s in holders):
            return True
    return False


def negation_dropped(words: Sequence[str], claim: str, sentences: Sequence[str]) -> bool:
    """The passage sentence the claim restates (its best match, Dice ≥ .5) negates a word the claim affirms
    (零星林木，不需要申请采伐许可证 restated as 零星林木，也应当申请采伐许可证), though the passage may affirm the
    word elsewhere (which reversed_meaning requires not to)."""
    whole = facts.plain(claim)
    # a claim joining two passage sentences (……可以举行听证，听证所需时间计算在……之内) matches neither as a whole:
    # its clauses are read for a negation dropped after the very words the passage negates after
    clauses = [c for c in statement_parts(whole, "，,；;") if len(c) >= NEGATED_CLAUSE]
    return _negation_dropped(words, whole, sentences) \
        or any(_denied_after_same_lead(w, c, sentences) for c in clauses for w in words if len(w) >= 2 and w in c)


NEGATED_CLAUSE = 8  # characters of a claim clause read on its own for a dropped negation
SAME_LEAD = 4  # characters of the clause before the word, all found before the passage's negation of it


def _denied_after_same_lead(w: str, clause: str, sentences: Sequence[str]) -> bool:
    """The clause opens with the very words the passage negates the word after, and affirms it (听证所需时间计算在……
    for 听证所需时间不计算在……), however the rest was reworded; where the passage also affirms the word, the claim
    may be restating that."""
    at = clause.find(w)
    lead = clause[:at]
    if clause.count(w) != 1 or len(lead) < SAME_LEAD or facts.negated_at(clause, at, wide=True) \
            or _POSTPOSED_BAN.search(_rest_of_clause(clause, at)):
        return False
    found = [(s, m.start()) for s in sentences for m in re.finditer(re.escape(w), s)]
    return bool(found) and all(facts.negated_at(s, i) for s, i in found) and any(
        _NEGATION_TAIL.search(s[:i]) and _NEGATION_TAIL.sub("", s[:i]).endswith(lead) for s, i in found)


def _negation_dropped(words: Sequence[str], text: str, sentences: Sequence[str]) -> bool:
    dice, best = restated(text, sentences)
    if dice < SAME_STATEMENT:
        return False
    for w in words:
        if len(w) < 2 or w not in best or w not in text:
            continue
        # unless the claim negates the word after it (二类保护区内，开山……的活动都是禁止的)
        at, there = text.find(w), best.find(w)
        if best.count(w) == 1 and text.count(w) == 1 and facts.negated_at(best, there) \
                and not facts.negated_at(text, at, wide=True) and not _POSTPOSED_BAN.search(_rest_of_clause(text, at)) \
                and _same_object(best, there + len(w), text, at + len(w)):
            return True
        if (best.count(w) > 1 or text.count(w) > 1) and _restates_denial(best, text, w, sentences):
            return True
    return False


_NEGATION_TAIL = re.compile(r"(?:不予|不得|不再|不|未|无须|无需)$")
_AFFIRMING_TAIL = re.compile(r"(?:原则上|一般|仍然|仍|也|都|均|照常|还|应当|应|依法|可以|须|必须|要|会)+$")
LEAD_SHARED = 3  # characters before the word that place a claim's occurrence at the passage's negated one


def _restates_denial(best: str, text: str, w: str, sentences: Sequence[str]) -> bool:
    """Where the word recurs (……撤销行政许可，可能……的，不予撤销), the claim's unnegated occurrence stands where the
    passage negates it: the same words lead to it, the negation gone (……的，仍应当依法撤销; 行政行为原则上停止执行)."""
    leads = {_NEGATION_TAIL.sub("", best[:m.start()])[-LEAD_SHARED:] for m in re.finditer(re.escape(w), best)
             if facts.negated_at(best, m.start())}
    if not leads:
        return False
    # a lead that also leads to an unnegated occurrence in any sentence of the passage (未完成复垦或者未恢复…… /
    # 代为完成复垦或者恢复……; 经核实不符合…… beside 经核实符合……) places nothing
    leads -= {s[:m.start()][-LEAD_SHARED:] for s in sentences for m in re.finditer(re.escape(w), s)
              if not facts.negated_at(s, m.start())}
    return any(not facts.negated_at(text, m.start(), wide=True)
               and not _POSTPOSED_BAN.search(_rest_of_clause(text, m.start()))
               and _AFFIRMING_TAIL.sub("", text[:m.start()])[-LEAD_SHARED:] in leads
               for m in re.finditer(re.escape(w), text))


_POSTPOSED_BAN = re.compile(r"禁止|不得|不准|不允许|不可以|不能|不行|严禁")


def _rest_of_clause(text: str, at: int) -> str:
    return re.split(r"[。；;！？!?\n]", text[at:], maxsplit=1)[0]


def _same_object(a: str, i: int, b: str, j: int) -> bool:
    """The words after the negated word are the same (不需要申请采伐许可证 / 应当申请采伐许可证): it is the same
    statement. 不属于以上情形的 / 属于需要听取陈述的情形 negate different things."""
    x, y = a[i:i + 4].lstrip("了过着"), b[j:j + 4].lstrip("了过着")  # 申请了行政复议 goes on as 申请行政复议
    return x[:2] == y[:2] or not x[:2].strip("，,；;。") or not y[:2].strip("，,；;。")


# a modal the passage states, and the negated one a claim may put in its place (准予 -> 不予, 应当 -> 不得)
_POSITIVE_MODAL = re.compile(r"^(?:准予|予以|应当给予|给予|可以|应当|应|须|必须|能|得|有|是|)$")
_NEGATED_MODAL = re.compile(r"^(?:不予|不得|不能|不可|不准|不应|不应当|无须|无需|不需|不必|未|不|无|非|不是)$")


def negation_introduced(claim: str, sentences: Sequence[str], held: Mapping[str, str] | None = None) -> bool:
    """The claim restates a passage sentence (Dice ≥ .5) with a negated modal where the passage has a positive
    one, the words on both sides kept (视为准予延续 restated as 视为不予延续; 应当 as 不得): the rule is reversed.
    Only modals: 对复议决定不服 adds a word, not a negation. `held`: each list item with its lead-in; an item of a
    list the lead-in prohibits (不得有下列行为：) may be restated with the prohibition (不能携带危险物品). Clause by
    clause too (a table cell restating two passage clauses: ……是否准予延续的决定，……视为不予延续), where no passage
    says the negated act itself (人均耕地不超过一亩 matched to 超过一亩但不超过二亩)."""
    return _introduced(anchored_edits(claim, sentences, ("replace", "insert")), sentences, held, False) \
        or _introduced(piece_edits(claim, sentences, ("replace", "insert")), sentences, held, True)


NEGATED_ACT = 2  # characters of the act after a negated modal that a passage saying it too must have


def _introduced(edits: Iterable[tuple[str, str, tuple[int, int, int, int]]], sentences: Sequence[str],
                held: Mapping[str, str] | None, unsaid: bool) -> bool:
    for best, text, (i1, i2, j1, j2) in edits:
        if re.search(r"[不未无非没禁]", best[max(0, i1 - 2):i1]):
            continue
        lead = (held or {}).get(best, best).removesuffix(best)
        if i1 == i2 and prohibition(lead):
            continue
        # the matcher may keep a shared character out of the swap (准|予 -> 不|予): read it with its neighbours
        for lo, hi in ((0, 0), (0, 1), (1, 0)):
            if _NEGATED_MODAL.match(text[j1 - lo:j2 + hi]) and _POSITIVE_MODAL.match(best[i1 - lo:i2 + hi]) and not (
                    unsaid and any(text[j1 - lo:j2 + hi + NEGATED_ACT] in s for s in sentences)):
                return True
    return False


CASE_OPENING = 8  # characters of the claim's opening case that must stand word for word in the permitting sentence
_LABEL = re.compile(r"^\s*(?:\d+[.、]|[-•*])?\s*(?:[^，,。；;：:]{1,8}[：:])?")
_FORBID_ACT = re.compile(r"(?:同样|也|仍然|一律)?(?:不得|禁止|不能|不可以|不允许)")


def case_permission_forbidden(claim: str, sentences: Sequence[str]) -> bool:
    """The claim opens with the case of one passage sentence (对国家尚无明确规定的探索性改革决策事项，) and forbids an
    act that sentence permits for it (可以……提交决策机关讨论), taking the prohibition of the rule beside it (……不合法的，
    不得提交决策机关讨论): the case's permission is reversed."""
    text = _LABEL.sub("", facts.plain(claim))  # 3. 易混淆点：……
    clauses = re.split(r"[，,]", text, maxsplit=1)
    if len(clauses) < 2 or len(clauses[0]) < CASE_OPENING:
        return False
    case, rest = clauses
    m = _FORBID_ACT.match(rest)  # the prohibition is what the claim says of the case, first
    if not m:
        return False
    act = re.split(r"[，,；;。]", rest[m.end():])[0]
    if len(act) < SAME_LEAD:
        return False
    for s in sentences:
        at = s.find(act)
        if case in s and at > s.find(case) and PERMITS.search(s[s.find(case):at]) \
                and not _PROHIBITS.search(s[s.find(case):at]):
            return True
    return False
