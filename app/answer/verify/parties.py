"""Who a restated rule gives its act to (pure): one body named for another (机构 / 机关, a department for a
government), the party on the other side (被申请人 / 申请人), the consequence given to a party of the condition, a
joint party left out. Each reads the passage sentence (or clause) the claim restates."""
from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from app.answer.verify import facts
from app.answer.verify.placement import levels_named
from app.answer.verify.restate import SAME_STATEMENT, anchored_edits, clause_edits, restated, statement_parts

# the bodies a statute tells apart: 行政复议机关 decides, its 行政复议机构 handles the case
_BODIES = "机关|机构|部门|政府|法院|委员会"
_BODY = re.compile(rf"^(?:{_BODIES}|单位)$")
_BODY_END = re.compile(rf"(?:{_BODIES})$")
BODY_ANCHOR = 2  # equal characters on each side of a merged body swap


def _merged_body_swap(claim: str, sentences: Sequence[str]) -> bool:
    """A body named for another where the matcher splits the swap around a shared character (经本[行]政[机关]负责人
    for 经本[级人民]政[府]负责人): the edits a single character apart are read as one, and both sides name a body."""
    for part in statement_parts(facts.plain(claim)):
        dice, best = restated(part, sentences)
        if dice < SAME_STATEMENT:
            continue
        ops = SequenceMatcher(None, best, part, autojunk=False).get_opcodes()
        k = 0
        while k < len(ops):
            if ops[k][0] == "equal":
                k += 1
                continue
            end = k
            while end + 2 < len(ops) and ops[end + 1][0] == "equal" and ops[end + 1][2] - ops[end + 1][1] <= 1 \
                    and ops[end + 2][0] != "equal":
                end += 2
            i1, i2, j1, j2 = ops[k][1], ops[end][2], ops[k][3], ops[end][4]
            before, after = ops[k - 1] if k else None, ops[end + 1] if end + 1 < len(ops) else None
            passage_body, claim_body = best[max(0, i1 - 2):i2], part[max(0, j1 - 2):j2]
            if end > k and before and after and before[0] == after[0] == "equal" \
                    and min(before[2] - before[1], after[2] - after[1]) >= BODY_ANCHOR \
                    and _BODY_END.search(passage_body) and _BODY_END.search(claim_body) \
                    and passage_body != claim_body:
                return True
            k = end + 1
    return False


def body_swapped(claim: str, sentences: Sequence[str]) -> bool:
    """The claim restates a passage sentence (Dice ≥ .5) with one body named for another, the words on both sides
    kept (经行政复议机构的负责人批准 restated as 经行政复议机关的负责人批准): the act is given to another body.
    Also clause by clause, for a claim (a table cell) that joins clauses of two passage sentences."""
    if _merged_body_swap(claim, sentences):
        return True
    for best, text, (i1, i2, j1, j2) in clause_edits(claim, sentences, ("replace",)):
        # the matcher may keep a shared character out of the swap (机|构 -> 机|关): read it with its neighbours
        if any(_BODY.match(best[i1 - lo:i2 + hi]) and _BODY.match(text[j1 - lo:j2 + hi])
               for lo, hi in ((0, 0), (1, 0), (0, 1))):
            return True
    return False


# the body that acts, at the end of the words the claim put in its place (由[作出房屋征收决定的市、县级人民政府]申请
# 强制执行 restated as 由[房屋征收部门]申请): a government, a court or a committee is not a department; 机关 / 部门 /
# 单位 are often one another's paraphrase, so a swap among them alone is not judged here
_ACTOR = re.compile(r"(人民政府|政府|人民法院|法院|委员会|部门|机关|单位)$")
_INTERCHANGEABLE = {"部门", "机关", "单位"}


def _actor(text: str) -> str | None:
    m = _ACTOR.search(text)
    return None if m is None else m.group(1).removeprefix("人民")


def actor_swapped(claim: str, sentences: Sequence[str]) -> bool:
    """The claim restates a passage sentence with the acting body replaced by another kind of body (the 市、县级人民
    政府 that applies for enforcement stated as the 房屋征收部门), the words on both sides kept."""
    for best, text, (_i1, i2, j1, j2) in anchored_edits(claim, sentences, ("replace",)):
        mine, theirs = _actor(text[:j2]), _actor(best[:i2])
        if mine and theirs and mine != theirs and not {mine, theirs} <= _INTERCHANGEABLE \
                and text[j1:j2] not in best:
            return True
    return False


# a party named by its role: 被申请人 answers the 申请人's application, 被征收人 is the one whose house is taken
_PARTY = re.compile(r"(被?)(申请人|征收人|许可人|执行人|处罚人|检查人|监护人|代理人|复议人|告)")


def _roles(text: str) -> set[str]:
    return {("被" if m.group(1) else "") + m.group(2) for m in _PARTY.finditer(text)}


def party_flipped(claim: str, sentences: Sequence[str]) -> bool:
    """The claim restates a passage statement (Dice ≥ .5) naming a party by the opposite role (申请人应当自收到副本
    之日起五日内提出书面答复 where the 被申请人 does): the duty is given to the other side. Judged per ；-statement;
    not when the claim names both sides itself."""
    anywhere = set().union(*(_roles(s) for s in sentences))  # a role some passage sentence names may be restated
    for part in statement_parts(facts.plain(claim), "；;。"):
        dice, best = restated(part, sentences)
        if dice < SAME_STATEMENT:
            continue
        mine, theirs = _roles(part), _roles(best)
        for role in mine - anywhere:
            other = role[1:] if role.startswith("被") else "被" + role
            if other in theirs and other not in mine:
                return True
    return False


# who bears a rule's consequence
_BEARER = re.compile(r"组织|个人|机关|部门|人民政府|法院|委员会|单位|当事人")
CONDITION_SAME = 0.8  # share of the claim condition's bigrams in the passage sentence's condition
CONDITION_BACK = 0.55  # … and of the passage condition's bigrams in the claim's
CONDITION_LONG = 12  # characters of a condition that identifies the passage sentence it restates


def consequence_moved(claim: str, sentences: Sequence[str]) -> bool:
    """The claim restates a passage sentence's condition (受行政机关委托的组织……造成损害的，) but gives the
    consequence to a party of that condition the passage's consequence does not name (由该受委托的组织承担赔偿
    义务, where the passage says 委托的行政机关为赔偿义务机关). The consequence is the clause after the condition."""
    for part in statement_parts(facts.plain(claim)):
        cond, sep, rest = part.partition("的,")
        cons = rest.split(",")[0]
        grams = facts.bigrams(cond)
        if not sep or len(cond) < CONDITION_LONG or not cons:
            continue
        for s in sentences:
            their_cond, their_sep, their_rest = s.partition("的,")
            theirs_grams = facts.bigrams(their_cond)
            shared = len(grams & theirs_grams)
            if not their_sep or shared < CONDITION_SAME * len(grams) or shared < CONDITION_BACK * len(theirs_grams):
                continue  # the same condition, neither a part nor a superset of another
            mine = {m.group(0) for m in _BEARER.finditer(cons)}
            theirs = {m.group(0) for m in _BEARER.finditer(their_rest.split(",")[0])}
            if any(b in their_cond for b in mine - theirs):
                return True
    return False


CONDITION_MIN = 6  # characters of a condition clause that can tell a passage's statements apart
CONSEQUENCE_OWN = 0.5  # share of the claim consequence's bigrams its own statement's consequence must hold
CONSEQUENCE_OTHER = 0.8  # … and the share another statement's consequence holds when the claim took it from there


def _conditioned(statement: str) -> tuple[str, str] | None:
    """(the condition's last clause, the consequence clause) of a statement "……的,consequence", else None."""
    cond, sep, rest = statement.partition("的,")
    if not sep:
        return None
    return re.split(r"[,:：]", cond)[-1], rest.split(",")[0]


def consequence_swapped(claim: str, sentences: Sequence[str]) -> bool:
    """The claim states one condition of a passage that sets several side by side with the consequence of another
    (复议机关改变原行政行为的，作出原行政行为的行政机关是被告, where the passage gives that case 复议机关是被告 and
    the 维持 case the 作出原行政行为的行政机关): its condition matches one statement alone, its consequence is not
    that statement's but another's."""
    theirs = [c for s in sentences for st in statement_parts(s, "；;。") if (c := _conditioned(st))]
    for part in statement_parts(facts.plain(claim), "；;。"):
        mine = _conditioned(part)
        if mine is None or len(mine[0]) < CONDITION_MIN or len(mine[1]) < 4:
            continue
        grams, cons = facts.bigrams(mine[0]), facts.bigrams(mine[1])
        same = [k for c, k in theirs if len(grams & (g := facts.bigrams(c))) >= CONDITION_SAME * len(grams)
                and len(grams & g) >= CONDITION_BACK * len(g)]
        if len(set(same)) != 1 or len(cons & facts.bigrams(same[0])) >= CONSEQUENCE_OWN * len(cons):
            continue
        if any(k != same[0] and len(cons & facts.bigrams(k)) >= CONSEQUENCE_OTHER * len(cons) for _c, k in theirs):
            return True
    return False


# one body leads, the others join it (自然资源主管部门会同生态环境主管部门……组织验收)
_LEADS = re.compile(r"([^，,；;。、]{2,24}?(?:部门|机关|机构|政府|委员会))(?:会同|商)([^，,；;。、]{2,24}?(?:部门|机关|机构|政府|委员会))")
BODY_CORE = 8  # characters at the end of a body's name that tell it from another (生态环境主管部门)


def lead_swapped(claim: str, sentences: Sequence[str]) -> bool:
    """The claim names as the leading body the one the passage has join in (生态环境主管部门会同自然资源主管部门 for
    自然资源主管部门会同生态环境主管部门): the duty is given to the other body."""
    theirs = [(a[-BODY_CORE:], b[-BODY_CORE:]) for s in sentences for a, b in _LEADS.findall(s)]
    for a, b in _LEADS.findall(facts.plain(claim)):
        lead, joins = a[-BODY_CORE:], b[-BODY_CORE:]
        if lead != joins and (joins, lead) in theirs and (lead, joins) not in theirs:
            return True
    return False


_JOINT = re.compile(r"共同被告|共同承担|连带")


def joint_dropped(claim: str, sentences: Sequence[str]) -> bool:
    """The claim restates a passage sentence (Dice ≥ .5) that makes two parties answer together (作出原行政行为的
    行政机关和复议机关是共同被告) but names one alone (作出原行政行为的乡政府是被告)."""
    for part in statement_parts(facts.plain(claim)):
        dice, best = restated(part, sentences)
        if dice >= SAME_STATEMENT and _JOINT.search(best) and not re.search(r"共同|连带|均|一并|和|与|及", part[-12:]):
            return True
    return False


# a body that only forwards for approval (由省辖市测绘主管部门报省测绘主管部门批准)
_FORWARDED = re.compile(r"^报(?:经|请)?[^，,；;。]{1,20}(?:部门|政府|机关|机构|委员会|国务院)$")


def approver_dropped(claim: str, sentences: Sequence[str]) -> bool:
    """The claim restates a passage clause but leaves out the body the approval is forwarded to (由省辖市测绘主管
    部门批准 for 由省辖市测绘主管部门报省测绘主管部门批准): the forwarding body is made the one that approves."""
    return any(_FORWARDED.match(best[i1:i2])
               for best, _text, (i1, i2, _j1, _j2) in clause_edits(claim, sentences, ("delete",)))


def mining_stage_swapped(claim: str, sentences: Sequence[str]) -> bool:
    """The claim restates a passage clause with 探矿 for 采矿 or the reverse (办理探矿登记 for 办理采矿登记): the rule is
    given to the other stage of mining, which the law keeps apart in every duty, term and licence."""
    return any({best[i1:i2], text[j1:j2]} == {"探", "采"} and best[i2:i2 + 1] == "矿" == text[j2:j2 + 1]
               for best, text, (i1, i2, j1, j2) in clause_edits(claim, sentences, ("replace",))) \
        or _stage_swapped_verbatim(claim, sentences)


STAGE_CLAUSE = 8  # characters of a claim clause that must stand word for word once 探 and 采 are swapped


def _stage_swapped_verbatim(claim: str, sentences: Sequence[str]) -> bool:
    """A clause that stands word for word in a passage once one 探矿 / 采矿 of it is read the other way, and not as
    written (采矿权人在登记的勘查区域内 for 探矿权人在登记的勘查区域内): also where the swap opens the clause, which the
    anchored edits need words before to see."""
    text = "\n".join(sentences)
    for clause in re.split(r"[，,；;。：:|]", facts.plain(claim)):
        if len(clause) < STAGE_CLAUSE or clause in text:
            continue
        for m in re.finditer(r"[探采](?=矿)", clause):
            other = "采" if m.group(0) == "探" else "探"
            if clause[:m.start()] + other + clause[m.end():] in text:
                return True
    return False


def level_swapped(claim: str, sentences: Sequence[str]) -> bool:
    """The claim restates a passage clause with its authority at another level of government (宅基地由县级人民政府
    审核批准 for 由乡（镇）人民政府审核批准), though the passage names that level elsewhere (so placement.level_replaced,
    which looks for a level the passage never names, lets it pass). Read clause by clause: a level sits right after
    由 / 经, with one character of anchor before it."""
    # two readings, each catching what the other misses: anchored edits over whole claims and clauses (a table cell
    # 县级人民政府林业主管部门 for the 省级 one), and any replace in one restated clause, where 由 alone anchors it (由县级
    # for 由乡（镇）)
    for best, text, (i1, _i2, j1, _j2) in clause_edits(claim, sentences, ("replace",)):
        theirs, mine = levels_named(best[max(0, i1 - 2):]), levels_named(text[max(0, j1 - 2):])
        if theirs and mine and not theirs & mine:
            return True
    # 省级 is the short name of 省、自治区、直辖市: read as one, they are no swap
    sentences = [facts.plain(s).replace(_PROVINCES, "省级") for s in sentences]
    claim = facts.plain(claim).replace(_PROVINCES, "省级")
    clauses = [c for s in sentences for c in re.split(r"[，,；;。]", s) if c]
    # … and two clauses at a time, so a clause is matched with its case (单位之间的争议，由县级以上人民政府处理, not the
    # next case's 由乡级人民政府或者县级以上人民政府处理)
    clauses += _pairs(sentences)
    for part in [*re.split(r"[，,；;。]", facts.plain(claim)), *_pairs([claim])]:
        dice, best = restated(part, clauses)
        if dice < SAME_STATEMENT:
            continue
        for tag, i1, _i2, j1, _j2 in SequenceMatcher(None, best, part, autojunk=False).get_opcodes():
            theirs, mine = levels_named(best[i1:]), levels_named(part[j1:])
            # … or the passage's range of levels (县级以上) made one level (由……的省级人民政府……组织专家)
            if tag == "replace" and mine and (theirs and not theirs & mine or _RANGE.match(best[i1:])):
                return True
    return False


_RANGE = re.compile(r"(?:县|市|乡|镇)级以上")
_PROVINCES = "省、自治区、直辖市"


def _pairs(texts: Sequence[str]) -> list[str]:
    """Each two neighbouring clauses of a statement, joined by their comma."""
    out = []
    for t in texts:
        for statement in re.split(r"[；;。]", facts.plain(t)):
            cl = [c for c in re.split(r"[，,]", statement) if c]
            out += [f"{a}，{b}" for a, b in zip(cl, cl[1:])]
    return out


# 为 / 是 as a copula (not 行为, 认为, 但是), before a role a body or party holds (赔偿义务机关, 被申请人, 共同被告)
_ROLE = re.compile(r"^(?:由|则|而)?(?P<who>[^，,；;。]{2,16}?)(?:(?<![行认作成因以])为|(?<![但或还就凡])是)"
                   r"(?P<role>[^，,；;。]{1,10}(?:机关|人|被告|组织|机构|单位))$")
_BODY_WORD = re.compile(r"机关|组织|机构|政府|部门|单位|法院")


def role_given_to_other(claim: str, sentences: Sequence[str]) -> bool:
    """A role the passage gives by name (委托的行政机关为赔偿义务机关; 被授权的组织为……) given to a body it never gives
    it to (受委托的组织为赔偿义务机关): the claim took the party of the condition for the one that answers. A body is
    the passage's when its characters are all among one holder's (委托机关 for 委托的行政机关)."""
    holders: dict[str, list[str]] = {}
    for s in sentences:
        for c in re.split(r"[，,；;。]", s):
            if (m := _ROLE.match(c.strip())) and _BODY_WORD.search(m["who"]):
                holders.setdefault(m["role"], []).append(m["who"])
    named = frozenset().union(*(facts.bigrams(s) for s in sentences))
    for c in re.split(r"[，,；;。]", facts.plain(claim)):
        m = _ROLE.match(c.strip())
        # only a body the passage itself names: the asker's own (我局与市政府) is an application of the rule
        if not m or m["role"] not in holders or not _BODY_WORD.search(m["who"]) or facts.bigrams(m["who"]) - named:
            continue
        if not any(set(m["who"]) <= set(h) or set(h) <= set(m["who"]) for h in holders[m["role"]]):
            return True
    return False
