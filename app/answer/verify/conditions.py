"""Whether a claim widens or shifts its passage's rule while restating it (pure): a qualifier, a condition or an
approval left out, discretion made a duty or the reverse, an absolute word against an exception (who acts: parties.py).
Each reads the passage sentence the claim restates (restate.restated) and the edits that turn it into the claim."""
from __future__ import annotations

import os
import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from app.answer.verify import facts
from app.answer.verify.evidence import ITEM_START
from app.answer.verify.modifiers import alternative, condition_said_away, restriction_dropped
from app.answer.verify.restate import SAME_STATEMENT, anchored_edits, clause_edits, restated, statement_parts

# what narrows whom a rule is for: 自然保护区以外的, 上一级机关, 逾期, 未经, 投入而提高……的
# … and a threshold (流转期限为五年以上的): the rule holds only above or below a figure
# … and a further condition joined by 且 (涉及公民生命健康安全、金融安全且有危害后果的)
_QUALIFIER = re.compile(r"^且|以外|以内|之外|之内|上一级|逾期|未经|无正当理由|而|\d+(?:\.\d+)?[^\d，。,]{0,3}(?:以上|以下)|(?:超过|不满|不足)\d")
QUALIFIER_MIN = 4  # characters of a dropped qualifier
# a causal modifier that describes a kind of thing (因残疾而增加的必要支出), not a case the rule is limited to
_CAUSAL = re.compile(r"^因[^，,而]{1,10}而[^，,]{1,8}的$")
# how many must hold a view for a rule to apply (多数被征地的农村集体经济组织成员认为……的): left out, anyone may invoke it
_QUANTIFIER = re.compile(r"(?:大)?多数|半数以上|过半数|[二三四五]分之[一二三四]以上")
# a condition of approval (个体经批准可以采挖): however short, leaving it out turns a permit into a right
# … and its negation (未经法律、法规授权，): left out, a rule for the unauthorised holds for everyone
_APPROVAL = re.compile(r"^未?经[^，,；;。]{0,24}(?:批准|同意|许可|审核|审批|登记|授权)后?$")
# a condition the passage sentence opens with (情况复杂的，)
# up to two clauses before it may belong to the condition (拒不履行判决、裁定、调解书，社会影响恶劣的，)
_CONDITION = re.compile(r"^(?:[^，,；;。]{2,20}[，,]){0,2}[^，,；;。]{2,12}的[，,]$")
# the need a permission serves (因防灾减灾……等公共利益的需要，可以无偿使用): left out, the permission is unconditional
_PURPOSE = re.compile(r"^[，,]?因[^。；;]{2,40}(?:需要|需)[，,]?$")
# … or the period it holds in (在地质灾害重点防范期内，): left out, the duty holds all year
_PERIOD_LEAD = re.compile(r"^(?:第[^条]{1,8}条)?在[^，,；;。]{2,16}(?:期内|期间)[，,]$")
# … or the place it holds in (在地质灾害易发区内进行工程建设应当……): left out, the duty holds everywhere; the
# asker's own jurisdiction (在本行政区域内, 在本省) narrows nothing a reader would miss
_PLACE_LEAD = re.compile(r"^(?:第[^条]{1,8}条)?在(?!本)[^，,；;。\d]{2,16}(?:区内|区域内|范围内)(?:进行|从事)?[，,]?$")
CONDITION_REST = 8  # characters of the rest of the passage sentence the claim must restate word for word


def _condition_dropped(claim: str, sentences: Sequence[str]) -> bool:
    """The claim restates a passage sentence from its second clause on, leaving out the condition it opens with
    (情况复杂的，经行政机关负责人批准，可以延长 as 经行政机关负责人批准，可以延长): the rule is widened."""
    for part in statement_parts(facts.plain(claim)):
        dice, best = restated(part, sentences)
        if dice < SAME_STATEMENT:
            continue
        ops = SequenceMatcher(None, best, part, autojunk=False).get_opcodes()
        lead = next((k for k, op in enumerate(ops) if op[0] != "equal" or op[2] - op[1] > 0), None)
        if lead is None or lead + 1 >= len(ops):
            continue
        (tag, i1, i2, _j1, _j2), nxt = ops[lead], ops[lead + 1]
        # a condition of several clauses only where it opens a list item: the item's own case (（五）拒不履行……，
        # 社会影响恶劣的，); a sentence's (违反本法规定，未取得采矿权……的，) is often the reply's lead-in, said before
        dropped = best[i1:i2]
        several = bool(re.search(r"[，,].", dropped)) and not ITEM_START.match(best)
        if tag == "delete" and (_CONDITION.match(dropped) and not several or _QUANTIFIER.search(dropped)
                                or _PERIOD_LEAD.match(dropped) or _PLACE_LEAD.match(dropped) and _only_edit(ops, lead, best, part)) \
                and nxt[0] == "equal" and nxt[2] - nxt[1] >= CONDITION_REST and part.startswith(best[nxt[1]:nxt[2]]) \
                and not _named_anyway(best[i1:i2], part):
            return True
    return False


def _only_edit(ops: Sequence[tuple[str, int, int, int, int]], lead: int, best: str, part: str) -> bool:
    """Nothing but punctuation changes after the lead: the claim restates the rest of the sentence as it stands, so
    the place was left out, not traded for the reply's own account of the case (在规划区内村民使用原有宅基地或者……
    restated as 村民使用原有宅基地进行住宅建设的 drops an alternative too: a paraphrase of the case)."""
    return all(tag == "equal" or not (best[i1:i2] + part[j1:j2]).strip("，,；;。")
               for tag, i1, i2, j1, j2 in ops[lead + 1:])


# a condition opening its own clause (；情况紧急时，) and the joining words a reply may put in its place (，并)
_CASE_CLAUSE = re.compile(r"^[；;][^，,；;。]{2,10}(?:时|的情况下)[，,]?$")
# or a 的-condition (；尚可采取改正措施消除……影响的，), read only where a comma follows it in the passage
# (；临时使用林地的 may be cut from ……的期限), and not one stating the failure an extension presupposes
# (；45日内不能办结的，经……批准，可以延长15日); it may take two clauses (；拒不停止违法行为，情节严重的)
_CASE_CONDITION = re.compile(r"^[；;](?![^，,；;。]*(?:不能|未能))(?:[^，,；;。]{2,20}[，,])?[^，,；;。]{2,30}的$")
_JOINING = re.compile(r"^(?:并且|并|且|同时|还|也|)$")


def _case_joined_away(claim: str, sentences: Sequence[str]) -> bool:
    """A clause's own condition replaced by a joining word (……转移到安全地带[；情况紧急时，]可以强行组织疏散 as
    ……转移到安全地带，并可以强行组织疏散): what the passage allows in that case only is stated as allowed always.
    Read between runs of at least two equal characters, as the matcher keeps the comma apart; a passage sentence
    is read with the next where it ends at ；, as the claim joins them."""
    joined = [*sentences, *(a + b for a, b in zip(sentences, sentences[1:]) if a.endswith((";", "；")))]
    joined = [facts.prep(s) for s in joined]  # 百分之五 = 5%: the claim's figures must not lower the match
    for part in statement_parts(facts.prep(facts.plain(claim))):
        dice, best = restated(part, joined)
        if dice < SAME_STATEMENT:
            continue
        ops = SequenceMatcher(None, best, part, autojunk=False).get_opcodes()
        anchors = [op for op in ops if op[0] == "equal" and op[2] - op[1] >= 2]
        # the claim's own words, besides what restates the sentence: where a label or a row's cell names the case
        # (改正 of 责令限期改正 restated does not name 逾期不改正的)
        own = "".join(part[j1:j2] for tag, _i1, _i2, j1, j2 in ops if tag != "equal")
        for a, b in zip(anchors, anchors[1:]):
            cut, put = best[a[2]:b[1]], part[a[4]:b[3]]
            # the comma after the condition may go with the cut, the matcher then anchoring on the act (；逾期不改正的，
            # 处 as ，并处)
            bare = cut[:-1] if cut.endswith(("，", ",")) else cut
            case = _CASE_CLAUSE.match(cut) or _CASE_CONDITION.match(bare) \
                and (bare != cut or best[b[1]:b[1] + 1] in ("，", ",")) and not _case_named(bare, own)
            if case and _JOINING.match(put.strip("，,；;。")):
                return True
    return False


CASE_NAMED = 0.5  # share of a left-out case's words the claim names elsewhere (a label, a table's first cell)


def _case_named(case: str, part: str) -> bool:
    """The claim names the case it leaves out of the clause elsewhere (**尚可采取改正措施的**：……, a row whose first
    cell says 尚可采取改正措施): the rule is not widened, only put in another place."""
    words = facts.content_words(case)
    return bool(words) and sum(w in part for w in words) >= CASE_NAMED * len(words)


def _named_anyway(condition: str, part: str) -> bool:
    """A condition that only names what the rest of the claim names (出让矿业权的，矿业权出让部门应当……): nothing
    is widened by leaving it out."""
    words = [w for w in facts.content_words(condition) if not facts.figures(w)]
    return bool(words) and all(w in part for w in words)


PARAPHRASE_MAX = 2  # characters a reply may put for a verb it shortens (砍 for 采伐)
_OTHER = re.compile(r"其他|其它|其余|另|别")


def _qualifier_paraphrased_away(claim: str, sentences: Sequence[str]) -> bool:
    """A qualifier left out together with a word the reply put in other words (采伐自然保护区以外的竹林 as 砍竹林),
    also at the start of the statement, where no words before it anchor the edit."""
    for part in statement_parts(facts.plain(claim)):
        dice, best = restated(part, sentences)
        if dice < SAME_STATEMENT:
            continue
        ops = SequenceMatcher(None, best, part, autojunk=False).get_opcodes()
        for k, (tag, i1, i2, j1, j2) in enumerate(ops):
            if tag != "replace" or j2 - j1 > PARAPHRASE_MAX or k + 1 >= len(ops) or _OTHER.search(part[j1:j2]):
                continue  # 其他案件 for 除前款规定以外的行政复议案件 says the qualifier in a word
            dropped, after = best[i1:i2], ops[k + 1]
            anchored = k == 0 or ops[k - 1][0] == "equal" and ops[k - 1][2] - ops[k - 1][1] >= 2
            if anchored and after[0] == "equal" and after[2] - after[1] >= 2 and len(dropped) >= QUALIFIER_MIN \
                    and not alternative(dropped) and not re.search(r"[，,；;。：:]", dropped) \
                    and _QUALIFIER.search(dropped):
                return True
    return False


# a word that limits how far a rule reaches (多数 members must object; 一般 not less than 30 days, exceptions aside),
# and the words a reply may keep it in
# … and 部分 opening a clause (部分行政处罚案件存在程序瑕疵): some cases, not all
# … and 必要时 (必要时可以对所辖各级人民政府……开展督查): only when needed, not as a matter of course
_LIMITER = re.compile(r"(?:大)?多数|半数以上|过半数|一般(?=不|应|在|为|由|可|以|须|延)|原则上|(?:^|(?<=[，。；：,;:]))部分"
                      r"|必要时")
_LIMITED = re.compile(r"多数|半数|一半|大部分|过半|二分之一|一般|原则上|通常|正常情况|除外|例外|除[^，,；;。]{1,12}外"
                      r"|部分|一些|有的|个别|少数|有些|必要时|必要的时候|需要时|确有需要")
LIMITED_SPAN = 3  # characters after the limiter the claim must restate word for word
_NOT_LESS = re.compile(r"不得(少于|超过|低于|高于|多于)")  # 不得少于 says what 不少于 says


def _limiter_dropped(claim: str, sentences: Sequence[str]) -> bool:
    """The claim restates a passage statement (Dice ≥ .5) with the words right after its 多数 / 一般 but no limiter
    at all (成员认为……的，应当组织听证 for 多数……成员认为……的; 期限不少于30日 for 一般不少于30日): the rule is
    stated as holding for anyone, or always. Wherever the edit sits, framing before it included."""
    text = facts.plain(claim)
    if _LIMITED.search(text):
        return False
    # a statement, or one clause of a sentence that joins two of the passage's (……期限不少于30日，并应当通过……公布)
    clauses = [*sentences, *(c for s in sentences for c in re.split(r"[，,]", s) if len(c) > LIMITED_SPAN)]
    for part in (*statement_parts(text), *statement_parts(text, "，,；;。")):
        dice, best = restated(part, clauses)
        if dice < SAME_STATEMENT:
            continue
        for m in _LIMITER.finditer(best):
            after = best[m.end():m.end() + LIMITED_SPAN]
            if len(after) == LIMITED_SPAN and after in _NOT_LESS.sub(r"不\1", part):
                return True
    return False


def qualifier_dropped(claim: str, sentences: Sequence[str]) -> bool:
    """The claim restates a passage sentence (Dice ≥ .5) but leaves out a qualifier inside it, the words on both
    sides kept together (采伐竹林 for 采伐自然保护区以外的竹林, 单位复查 for 单位的上一级机关复查): the rule is widened.
    Alternatives (或者村内空闲地) and parentheses may be left out: that narrows, it does not widen."""
    if _condition_dropped(claim, sentences) or _qualifier_paraphrased_away(claim, sentences) \
            or _limiter_dropped(claim, sentences) or _case_joined_away(claim, sentences):
        return True
    # a table row read as the sentence its cells split (连续2年未使用的 | 由县级以上人民政府无偿收回……: the 经国务院批准
    # between them is gone)
    readings = [claim, re.sub(r"\s*\|\s*", "，", claim.strip("| "))] if "|" in claim else [claim]
    for best, text, (i1, i2, _j1, _j2) in (e for r in readings for e in anchored_edits(r, sentences, ("delete",))):
        dropped = best[i1:i2]
        if len(dropped.strip("，,的")) >= QUALIFIER_MIN and dropped.strip("，,的") in text:
            continue  # moved, not left out (应编制而未编制恢复治理方案 for 应当编制……方案而未编制的)
        # ……轻微[并及时改正]的, ……不履行行政决定[，且无正当理由]的: a further condition of the same case
        further = re.match(r"^[，,]?(?:并且|并|且|而且)", dropped) and best[i2:i2 + 1] == "的"
        if _APPROVAL.match(dropped.strip("，,")) or _QUANTIFIER.fullmatch(dropped) or further \
                or _PURPOSE.match(dropped) or (
                len(dropped) >= QUALIFIER_MIN and not alternative(dropped) and not _CAUSAL.match(dropped)
                and not re.search(r"[，,；;。：:]", dropped) and _QUALIFIER.search(dropped)):
            return True
    return condition_said_away(claim, sentences) or restriction_dropped(claim, sentences)


# a penalty the passage leaves to discretion (可以并处……罚款) stated as one that always applies, or the reverse
_PENALTY = re.compile(r"(可以|可)?((?:并处|处以|没收|吊销|责令|处(?=[^，；。,;]{2,30}罚款))[^，；。,;]{2,})")
PENALTY_SPAN = 8  # characters of the penalty, from its verb, that must match for the claim to restate it (or all
PENALTY_MIN = 4  # of a short one, 并处罚款)


def discretion_changed(claim: str, sentences: Sequence[str]) -> bool:
    """The claim states a passage's penalty in its words but drops or adds the 可以 before it (可以并处被损毁树木价值
    一倍以上五倍以下的罚款 as 并处……): what the authority may impose becomes what it must, or the reverse. Only before
    a penalty: elsewhere a reply's 可 / 可以 is often only wording. 并处 and 处 are one verb; where the passages
    state the same penalty both ways (处……百分之五以上百分之十以下的罚款；……可以并处……百分之十以下的罚款), the one
    whose words and figures run on furthest with the claim's is the one it restates."""
    text = facts.prep(facts.plain(claim))  # figures as digits on both sides (百分之十 = 10%)
    ways: dict[str, list[tuple[bool, str]]] = {}
    for s in sentences:
        for m in _PENALTY.finditer(s):
            full = facts.prep(m.group(2).removeprefix("并"))
            if len(m.group(2)[:PENALTY_SPAN]) >= PENALTY_MIN:
                ways.setdefault(full[:PENALTY_SPAN], []).append((bool(m.group(1)), full))
    for span, found in ways.items():
        at = text.find(span)
        if at < 0 or text.count(span) != 1 or facts.negated_at(text, at):
            continue
        mine = text[at:]
        reach = [len(os.path.commonprefix([full, mine])) for _, full in found]
        modal = {m for (m, _), r in zip(found, reach) if r == max(reach)}
        if len(modal) == 1 and text[max(0, at - 3):at].removesuffix("并").endswith(("可以", "可")) != modal.pop():
            return True
    return False


# 应当 and 可以 before the same act: a duty made a discretion or the reverse (应当予以撤销 / 可以予以撤销)
_MODALS = ({"应当", "可以"}, {"必须", "可以"}, {"应", "可"})
MODAL_ACT = 4  # characters of the act after the modal that must match for the claim to restate the passage


def modal_changed(claim: str, sentences: Sequence[str]) -> bool:
    """The claim restates a passage statement word for word around its modal but puts 可以 for 应当 (or the
    reverse): what the authority must do becomes what it may do. Not when some passage statement says the act
    with the claim's own modal."""
    joined = " ".join(sentences)
    for best, text, (i1, i2, j1, j2) in clause_edits(claim, sentences, ("replace",)):
        pair = {best[i1:i2], text[j1:j2]}
        act = text[j2:j2 + MODAL_ACT]
        if pair in _MODALS and len(act) == MODAL_ACT and text[j1:j2] + act not in joined:
            return True
    return False


# words that make a rule absolute (一律不收取费用), added where the passage states an exception next to it
# … and 直接 (可以直接将扣押的财物拍卖抵缴罚款 where the passage allows it only after 经催告仍不履行的)
_ABSOLUTE = re.compile(r"一律|一概|概不|任何情况下|无论如何|绝对|全都|均|直接")
_EXCEPTED = re.compile(r"^但|但是|除[^，,。；;]{0,30}外|另有规定")
ABSOLUTE_REST = 4  # characters of the clause besides the absolute word, restated from the passage sentence
ABSOLUTE_SHARE = 0.8  # share of their bigrams the passage sentence must hold


def absolute_added(claim: str, sentences: Sequence[str]) -> bool:
    """A clause of the claim is a passage sentence's clause with 一律 / 均 added (依申请提供政府信息，一律不收取
    费用; 听证一律公开举行) where that sentence or the one after it makes an exception (但是……可以收取信息处理费;
    除涉及国家秘密……外): the exception is denied."""
    for clause in re.split(r"[，,；;。：:]", facts.plain(claim)):
        m = _ABSOLUTE.search(clause)
        if m is None:
            continue
        rest = clause[:m.start()] + clause[m.end():]
        if len(rest) < ABSOLUTE_REST:
            continue
        grams = facts.bigrams(rest)
        for k, s in enumerate(sentences):
            if len(grams & facts.bigrams(s)) >= ABSOLUTE_SHARE * len(grams) and not _ABSOLUTE.search(s) and (
                    _EXCEPTED.search(s) or k + 1 < len(sentences) and _EXCEPTED.search(sentences[k + 1])):
                return True
    return False


# a permission that holds only with an approval (经行政机关负责人批准，可以延长)
# … the permitted party may stand between them (经……批准，林业主管部门、……管理机构可以设立)
_APPROVED_PERMIT = re.compile(r"经[^，,；;。]{0,14}(?:批准|同意|许可|审核|审批)[，,]?(?:[^，,；;。]{0,8}[，,])?"
                              r"[^，,；;。]{0,30}?可以([\u4e00-\u9fff]{2})")
_APPROVAL_WORD = re.compile(r"批准|同意|许可|审核|审批|报批|核准")


def approval_dropped(claim: str, sentences: Sequence[str]) -> bool:
    """The claim grants what a passage permits only with an approval (经行政机关负责人批准，可以延长) and names no
    approval at all (还可以再延长): a conditional permission stated as a right. Not when a passage also permits it
    unconditionally."""
    text = facts.plain(claim)
    if _APPROVAL_WORD.search(text):
        return False
    approved = {m.group(1) for s in sentences for m in _APPROVED_PERMIT.finditer(s)}
    free = {m.group(1) for s in sentences for m in re.finditer(r"可以([\u4e00-\u9fff]{2})", s)
            if not any(a.end(1) == m.end(1) for a in _APPROVED_PERMIT.finditer(s))}
    return any(re.search(rf"可(?:以)?(?:再|适当|依法)?{verb}", text) for verb in approved - free)
