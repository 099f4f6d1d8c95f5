"""Checking one claim against the passages it cites.

A claim passes when every figure, article number, 《title》 and 「quotation」 is in what it cites, most of its
content words are there too, each figure and each named subject (探矿权, 主管部门, 人民法院) sits in the passage
sentence the claim is about rather than in a neighbouring one, it does not negate what the passage affirms
(or the reverse), and it carries no link the passage lacks.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum

from app.answer.verify import facts
from app.answer.verify.facts import Figure
from app.answer.verify.acts import act_given_other_body, approval_given_other_body, penalised_party_swapped
from app.answer.verify.attributes import attribute_reversed
from app.answer.verify.anchor import figure_replaced, figures_placed, figures_referred_back, subjects_placed
from app.answer.verify.evidence import COUNTED, INSTRUCTION, Evidence, Passage
from app.answer.verify.lists import SHORT_ITEM, enumeration_extended, item_cut_short
from app.answer.verify.placement import (
    figure_misplaced, figures_swapped, level_replaced, range_misplaced, row_figure_elsewhere, row_figures_apart,
    subject_replaced,
)
from app.answer.verify.conditions import (
    absolute_added, approval_dropped, discretion_changed, modal_changed, qualifier_dropped,
)
from app.answer.verify.exceptions import exception_dropped, excepted_case_forbidden, excepted_case_included
from app.answer.verify.order import order_reversed
from app.answer.verify.rates import rate_unit_swapped
from app.answer.verify.starts import start_changed
from app.answer.verify.succession import (
    figure_of_other_sentence, range_under_other_condition, successor_replaced, tier_figure_swapped,
)
from app.answer.verify.parties import (
    actor_swapped, approver_dropped, body_swapped, consequence_moved, consequence_swapped, joint_dropped, lead_swapped,
    level_swapped, mining_stage_swapped, party_flipped, role_given_to_other,
)
from app.answer.verify.ranks import rank_given_level, relative_level_added
from app.answer.verify.duties import excuse_overridden, obligation_denied
from app.answer.verify.polarity import (
    case_permission_forbidden, negation_dropped, negation_introduced, permits_what_is_prohibited,
    prohibits_what_is_permitted, reversed_meaning,
)
from app.answer.verify.restate import SAME_STATEMENT, restated
from app.text import cn_to_int, compact, norm_title, to_halfwidth

COVERAGE = 0.5  # share of a claim's content (weighted by length) that its passage must contain
TRIVIAL = 4  # a claim with this few characters of content (不能直接拆。) has nothing to check lexically
SALIENT = 0.65  # below this, one long word the passage lacks entirely (自然灾害) is enough to reject
SALIENT_LEN = 4
REPOINT_COVERAGE = 0.7
# the report records what happened: a claim about it that brings in words its passage lacks (所涉案件均未发生败诉)
# reports an event the report does not. Seven case sets: every correct report claim covers ≥ .75, the invented
# ones .29–.67
REPORT_COVERAGE = 0.6
CLEARLY_BETTER = 0.25  # a passing claim moves to another passage that covers it by this much more (and ≥ 0.9)


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


def hard_facts_ok(claim: str, ev: Evidence, spare: frozenset[Figure] = frozenset()) -> bool:
    """Every figure (but those `spare`), article label, verbatim quotation and 《title》 of the claim is found in the
    evidence."""
    arts = set().union(*(p.articles for p in ev.parts))
    text = ev.text
    return (
        all(ev.has_figure(f) or _counts_a_list(f, claim, ev)
            for f in facts.figures(claim) - facts.self_counts(claim) - spare)
        and facts.articles(claim) <= arts
        and all(facts.plain(q) in text for q in facts.quotations(claim))
        and all(ev.has_title(t) for t in facts.titles(claim)) and _own_articles(claim, ev)
    )


_LIST_ITEM = re.compile(r"^\s*[（(][一二三四五六七八九十]{1,3}[）)]", re.M)


def _counts_a_list(fig: Figure, claim: str, ev: Evidence) -> bool:
    """以下8种方式: a count of the items a cited passage lists ((一) … (八)), which it does not state as a figure."""
    counted = fig[1] in COUNTED or not fig[1] and re.search(
        rf"(?<![\d.]){fig[0]}\s*(?:{'|'.join(COUNTED)})", facts.prep(facts.plain(claim)))
    return bool(counted) and any(len(_LIST_ITEM.findall(p.chunk.text)) == fig[0] for p in ev.parts)


def _own_articles(claim: str, ev: Evidence) -> bool:
    """《本条例》第三十五条 names where a rule is: the cited passage of that law must be that article. A number its
    text only refers to (违反本条例第三十五条规定的……) is support for mentioning it, not for citing it."""
    for title, n in facts.titled_articles(claim):
        t = norm_title(to_halfwidth(title))
        own = {p.chunk.article_no for p in ev.parts if t in p.titles.split(" ") and p.chunk.article_no}
        if own and n not in own and not any((title, n) in facts.titled_articles(p.chunk.text)
                                            or _refers_to_own(p, n, claim) for p in ev.parts):
            return False
    return True


_OWN_LAW_ARTICLE = re.compile(r"本(?:法|条例|办法|规定|细则)第([一二三四五六七八九十百零〇\d]+)条")
REFERENCE_ECHO = 4  # characters after the article label that the claim and the passage's reference share


def _refers_to_own(p: Passage, n: int, claim: str) -> bool:
    """The passage refers to article n of its own law (对本条例第三十一条第六项规定的信访事项) and the claim restates
    that reference, the words after the label included (《信访工作条例》第三十一条第六项规定的……). Naming the article
    as where the rule is (上述处罚规定见……第三十五条) is citing it, which the passage does not support."""
    after = {compact(m.group(1))[:REFERENCE_ECHO] for m in re.finditer(r"第[一二三四五六七八九十百零〇\d]+条(.{0,8})",
                                                                        to_halfwidth(claim))}
    return any(cn_to_int(m.group(1)) == n and compact(p.chunk.text[m.end():m.end() + 8])[:REFERENCE_ECHO] in after
               for m in _OWN_LAW_ARTICLE.finditer(to_halfwidth(p.chunk.text)))


def _word_credit(w: str, ev: Evidence, grams: frozenset[str]) -> float:
    if ev.has_word(w):
        return 1.0
    b = facts.bigrams(w)
    return len(b & grams) / len(b) if b else 0.0


def coverage(claim: str, words: Sequence[str], ev: Evidence, others: Evidence) -> float:
    """How much of the claim's content the evidence holds: the better of (a) length-weighted words, each credited
    by the share of its bigrams present, a word missing here but present in another given passage counting
    double against (the claim mixes passages), and (b) the share of the content's character bigrams present."""
    grams = ev.bigrams()
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
    grams = ev.bigrams()
    return sum(_word_credit(w, ev, grams) * len(w) for w in point) / total < POINT_COVERAGE


def item_from_elsewhere(claim: str, ev: Evidence, others: Evidence) -> bool:
    """An item of a cited list with a word its list's passage lacks but another given passage has (暂扣许可证件
    under a lead-in whose list has 吊销许可证件, while 暂扣 is in the next article): an item moved in from elsewhere.
    A paraphrased item (房子本身价值的补偿) has words no passage has, and is judged by coverage as any claim."""
    words = facts.content_words(claim)
    grams = ev.bigrams()
    return any(len(w) >= 2 and _word_credit(w, ev, grams) < 0.5 and others.has_word(w) and not _abbreviates(w, ev)
               for w in words)


ABBREVIATED_SPAN = 20  # characters between a two-character word's two characters in the one clause it shortens


def _abbreviates(word: str, ev: Evidence) -> bool:
    """A two-character word shortening a phrase of the cited passage (侵权 for 侵犯……合法权益): the item restates
    that phrase, it brings in nothing from elsewhere."""
    return len(word) == 2 and bool(re.search(f"{re.escape(word[0])}[^，,。；;：:]{{1,{ABBREVIATED_SPAN}}}"
                                             f"{re.escape(word[1])}", ev.text))


LONGER_ITEM = 14  # characters of an item judged by its words as a thing of its own
LACKING_SHARE = 0.4  # share of its words the list lacks
_LENT = re.compile(r"禁止|不得|严禁|不准")


def item_invented(claim: str, ev: Evidence) -> bool:
    """A short item of a cited list, where the cited passage enumerates one, with a word that passage lacks (询问笔录
    as a ninth kind of evidence after 勘验笔录、现场笔录): a thing the list does not name."""
    text = facts.plain(claim).strip("。；;，,.、 ")
    if len(text) > LONGER_ITEM or not any(p.list_sizes for p in ev.parts):
        return False
    grams = ev.bigrams()
    if len(text) > SHORT_ITEM:
        # a longer item (在基本农田上挖塘养鱼) is a thing of its own where two of its words, and much of it, are not the
        # list's: one word may be the reply's paraphrase (变成 for 变为)
        # the prohibition a list's lead-in lends its items (禁止) is not the item's own word
        words = [w for w in facts.content_words(text) if len(w) >= 2 and not _LENT.fullmatch(w)]
        lacking = [w for w in words if _word_credit(w, ev, grams) < 0.5]
        return len(lacking) >= 2 and sum(map(len, lacking)) >= LACKING_SHARE * sum(map(len, words))
    # words of the list's and one it lacks (询问笔录 beside 勘验笔录); an item sharing nothing with the list (录音录像
    # for 视听资料) may be a paraphrase, judged by coverage as any claim
    return bool(facts.bigrams(text) & grams) and any(
        len(w) >= 2 and _word_credit(w, ev, grams) < 0.5 for w in facts.content_words(text))


def _salient_missing(words: Sequence[str], ev: Evidence) -> bool:
    grams = ev.bigrams()
    return any(len(w) >= SALIENT_LEN and _word_credit(w, ev, grams) < 0.5 for w in words)


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


def _quotes_only_its_passage(claim: str, others: Evidence) -> bool:
    """The claim's point is a quotation (hard_facts_ok found it in the cited passage) that no other given passage
    holds (旧法的起算点是“自知道该具体行政行为之日起”): it is specific to its passage, whatever frames it."""
    quotes = facts.quotations(claim)
    return sum(map(len, quotes)) >= QUOTE_MIN and not any(facts.plain(q) in others.text for q in quotes)


def claim_coverage(claim: str, ev: Evidence, others: Evidence) -> float:
    words = facts.content_words(claim)
    return coverage(claim, words, ev, others) if sum(map(len, words)) > TRIVIAL else 1.0


# … also as the asker says it of the place (局里, 村里)
# … and the holder of a right the question says the asker is (采矿权人没有按期缴存……, where the passage's rule names
# no holder: 未按期缴存……的)
_PARTY = re.compile(r"(?:局|政府|村|镇|乡|街道|公司|厂|机关|部门|委员会)里?$|^.{2,}权人?$")


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
    back = figures_referred_back(claim, others)
    if not hard_facts_ok(claim, ev, back):
        return Reason.UNSUPPORTED
    if _quotes_its_passage(claim, ev):
        return None  # the passage's own words, word for word, under a framing that names it
    words = [w for w in facts.content_words(claim) if w not in situation]
    cov = coverage(claim, words, ev, others) if sum(map(len, words)) > TRIVIAL else 1.0
    if ev.parts and all(p.chunk.doc_type == "report" for p in ev.parts):
        threshold = max(threshold, REPORT_COVERAGE)
    if cov < threshold or cov < SALIENT and _salient_missing(words, ev) or (
            _point_missing(words, ev, others) and not _quotes_only_its_passage(claim, others)):
        return Reason.UNRELATED
    if not figures_placed(claim, ev, back) or not subjects_placed(words, claim, ev):
        return Reason.SUBJECT
    sentences = [s for p in ev.parts for s in p.sentences]
    held = {s: h for p in ev.parts for s, h in zip(p.sentences, p.held)}
    if (reversed_meaning(words, claim, sentences) or permits_what_is_prohibited(words, claim, sentences)
            or prohibits_what_is_permitted(words, claim, sentences) or case_permission_forbidden(claim, sentences)
            or negation_dropped(words, claim, sentences) or obligation_denied(claim, sentences)
            or negation_introduced(claim, sentences, held) or discretion_changed(claim, sentences)
            or approval_dropped(claim, sentences) or joint_dropped(claim, sentences)
            or qualifier_dropped(claim, sentences) or absolute_added(claim, sentences)
            or modal_changed(claim, sentences) or excuse_overridden(claim, sentences)
            or order_reversed(claim, sentences) or exception_dropped(claim, sentences)
            or excepted_case_forbidden(claim, sentences) or excepted_case_included(claim, sentences)
            or attribute_reversed(claim, sentences) or item_cut_short(claim, sentences)):
        return Reason.REVERSED
    texts = [p.text for p in ev.parts]
    if figures_swapped(claim, texts) or figure_misplaced(claim, texts) or row_figures_apart(claim, texts) \
            or range_misplaced(claim, texts) or level_replaced(claim, texts) or row_figure_elsewhere(claim, texts) \
            or subject_replaced(claim, words, sentences, held) or wrong_department(claim, ev) \
            or body_swapped(claim, sentences) or actor_swapped(claim, sentences) or figure_replaced(claim, sentences) \
            or party_flipped(claim, sentences) or consequence_moved(claim, sentences) \
            or consequence_swapped(claim, sentences) or lead_swapped(claim, sentences) \
            or approver_dropped(claim, sentences) or mining_stage_swapped(claim, sentences) \
            or level_swapped(claim, sentences) or start_changed(claim, texts) or successor_replaced(claim, texts) \
            or relative_level_added(claim, texts) or rank_given_level(claim, sentences) or role_given_to_other(claim, sentences) \
            or range_under_other_condition(claim, sentences) \
            or figure_of_other_sentence(claim, sentences) or tier_figure_swapped(claim, sentences) \
            or act_given_other_body(claim, sentences) \
            or approval_given_other_body(claim, sentences) or penalised_party_swapped(claim, sentences) \
            or enumeration_extended(claim, sentences) or rate_unit_swapped(claim, texts):
        return Reason.SUBJECT
    return None


# which department acts: the claim's must be the cited passage's (自然资源 for 农业农村 is the wrong authority)
_DEPARTMENT = re.compile(r"(自然资源|农业农村|林业|草原|公安|生态环境|住房(?:和)?城乡建设|城乡规划|水行政|交通运输|财政|税务"
                         r"|市场监督管理|国土资源|测绘地理信息|地质矿产|应急管理|文物|民政|人力资源社会保障|发展改革|价格"
                         r"|土地|环境保护)"
                         r"(?:行政)?(?:主管)?部门")  # 自然资源部门 as a reply shortens 自然资源主管部门


def wrong_department(claim: str, ev: Evidence) -> bool:
    named = {m.group(1) for m in _DEPARTMENT.finditer(facts.plain(claim))}
    held = ev.words_text.replace("和", "")  # 住房城乡建设 as replies write 住房和城乡建设
    return any(d.replace("和", "") not in held for d in named) or _department_swapped(claim, ev)


_CLAUSE_END = re.compile(r"[，,；;。：:]")


def _department_swapped(claim: str, ev: Evidence) -> bool:
    """A clause restating a passage clause (Dice ≥ .5) with another department than the one that clause names
    (毁林采石的，由地质矿产主管部门责令限期改正 for 由林业主管部门……), though the passage names the claim's department
    elsewhere (非法开采的，由地质矿产主管部门……): the act is given to the other department."""
    clauses = [c for p in ev.parts for s in p.sentences for c in _CLAUSE_END.split(s) if _DEPARTMENT.search(c)]
    # matched with the departments masked: their names must not decide which clause the claim restates
    masked = {_DEPARTMENT.sub("□", c): c for c in clauses}
    for piece in _CLAUSE_END.split(facts.plain(claim)):
        mine = {m.group(1) for m in _DEPARTMENT.finditer(piece)}
        if not mine or not masked:
            continue
        dice, best = restated(_DEPARTMENT.sub("□", piece), tuple(masked))
        theirs = {m.group(1) for m in _DEPARTMENT.finditer(masked.get(best, ""))}
        if dice >= SAME_STATEMENT and theirs and not mine & theirs:
            return True
    return False
