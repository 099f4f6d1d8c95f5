"""The offline (deterministic) quiz generator; records and the key check are in questions.py.

Offline questions are cut from the law's own sentences: a figure or an authority is blanked (单选), a list of
（一）（二）… items is mixed with items from other lists (多选), or a clause is stated as is or with one element
swapped (判断). Because the stem is the article's clause, the key is checkable against the article verbatim.
"""
from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass

from app.llm.chat import ChatModel
from app.schema import Chunk
from app.text import compact
from app.training import (Article, Clause, LawRef, TrainingError, articles, authority_slots, clauses, figure_value,
                          figures, is_item, resolve_law)
from app.training.diff import similarity
from app.training.distractors import (FigurePools, false_variants, figure_pools, kinded_figures, replace_figure,
                                     similar_authorities, similar_figures)
from app.training.questions import BLANK, LETTERS, QTYPES, Question, QuizCitation, Quiz, supported


@dataclass(frozen=True)
class _Item:
    article: str
    lead: str  # the sentence that introduces the list
    text: str  # the item without its （一） marker and final punctuation


@dataclass(frozen=True)
class Candidate:
    key: tuple[str, int]  # (article, clause index): one question per clause, so no question leaks another's key
    question: Question


def _cite(ref: LawRef, article: Article, quote: str) -> QuizCitation:
    return QuizCitation(ref.title, ref.version, article.label, quote)


def _stem(ref: LawRef, body: str) -> str:
    return f"根据{ref.label}，{body}"


def _lettered(options: list[str], right: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    opts = tuple(f"{LETTERS[i]}. {o}" for i, o in enumerate(options))
    return opts, tuple(LETTERS[i] for i, o in enumerate(options) if o in right)


def figure_questions(ref: LawRef, clause: Clause, pools: FigurePools, rng: random.Random) -> list[Question]:
    """单选: a time limit or amount blanked; options in the same unit, drawn from clauses of the same kind (time
    limits from time limits, penalties from penalties), in ascending order like a printed exam."""
    out = []
    shown = {figure_value(f)[0] for f in figures(clause.text)}  # type: ignore[index]
    for fig, kind in kinded_figures(clause.text).items():
        wrong = similar_figures(fig, pools[kind], rng, shown)
        if len(wrong) < 3 or f"“{fig}”" in clause.text:  # a quoted list (“三日”、“五日”…) gives itself away
            continue
        ordered = sorted([fig, *wrong], key=lambda f: figure_value(f)[0])  # type: ignore[index]
        opts, ans = _lettered(ordered, [fig])
        stem = _stem(ref, replace_figure(clause.text, fig, BLANK) + "。")
        out.append(Question("单选", stem, opts, ans, _cite(ref, clause.article, clause.text)))
    return out


def authority_questions(ref: LawRef, clause: Clause, pool: list[str], rng: random.Random) -> list[Question]:
    """单选: the body that acts (or is applied to) blanked; distractors are the law's other authorities."""
    out = []
    for m in authority_slots(clause):
        key, text = m.group(0), clause.text
        body = text[:m.start()] + BLANK + text[m.end():]
        wrong = similar_authorities(key, pool, text)
        if len(wrong) < 3 or key in body:
            continue
        options = [key, *wrong]
        rng.shuffle(options)
        opts, ans = _lettered(options, [key])
        out.append(Question("单选", _stem(ref, body + "。"), opts, ans, _cite(ref, clause.article, text)))
    return out


def judgement_question(ref: LawRef, clause: Clause, fig_pool: FigurePools, auth_pool: list[str],
                       rng: random.Random) -> Question | None:
    """判断: the clause as written (正确) or with one element swapped (错误), about half each."""
    variants = false_variants(clause, fig_pool, auth_pool, rng)
    if not variants:
        return None  # nothing testable in the clause: a true-only statement would be a giveaway
    truth = rng.random() < 0.5
    statement = clause.text if truth else rng.choice(variants)
    return Question("判断", _stem(ref, statement + "。"), (), ("正确",) if truth else ("错误",),
                    _cite(ref, clause.article, clause.text))


def item_groups(article: Article) -> list[tuple[str, list[str]]]:
    """(lead sentence, its （一）（二）… items) for each enumerated list in the article."""
    groups: list[tuple[str, list[str]]] = []
    lead = ""
    for par in article.body.split("\n"):
        if is_item(par):
            if not groups or groups[-1][0] != lead:
                groups.append((lead, []))
            groups[-1][1].append(par)
        else:
            lead = par
    return groups


def _item_text(line: str) -> str:
    return re.sub(r"^[（(][一二三四五六七八九十]+[）)]", "", line).strip().rstrip("；;。，,")


def _usable_item(text: str) -> bool:
    """Catch-alls (法律规定的其他情形) are true of every list and cross-references (本法第…) mean nothing alone,
    so neither makes an option."""
    catch_all = text.startswith("其他") or ("其他" in text and "规定" in text)
    return 4 <= len(text) <= 60 and not catch_all and "本法第" not in text


def ask_which(lead: str) -> str | None:
    """Turn a list's lead into a 多选 question: 有下列情形之一的，… -> 有下列哪些情形的，…？"""
    lead = lead.rstrip("：:；;，, ")
    if len(lead) > 90:  # a lead that also sets penalties makes a stem nobody reads to the end
        return None
    if "下列" in lead:
        asked = re.sub(r"下列([\u4e00-\u9fff]{1,6}?)之一", r"下列哪些\1", lead, count=1)
        return (asked if asked != lead else lead.replace("下列", "下列哪些", 1)) + "？"
    m = re.fullmatch(r"([\u4e00-\u9fff]{2,20})包括", lead)
    return f"下列哪些属于{m.group(1)}？" if m else None


def all_items(pool: list[Article]) -> list[_Item]:
    return [_Item(a.label, lead, _item_text(line)) for a in pool for lead, lines in item_groups(a) for line in lines]


def multi_questions(ref: LawRef, article: Article, items: list[_Item], rng: random.Random) -> list[Question]:
    """多选: 2-3 items of one list mixed with items of other lists in the same law (4 options)."""
    out = []
    own = [_item_text(x) for _, lines in item_groups(article) for x in lines]
    for lead, lines in item_groups(article):
        asked, usable = ask_which(lead), [t for t in map(_item_text, lines) if _usable_item(t)]
        if not asked or len(usable) < 2:
            continue
        right = sorted(rng.sample(usable, 3 if len(usable) >= 3 and rng.random() < 0.5 else 2), key=usable.index)
        wrong = _foreign_items(article, own, right, items, rng, 4 - len(right), lead)
        if len(wrong) < 4 - len(right):
            continue
        options = [*right, *wrong]
        rng.shuffle(options)
        opts, ans = _lettered(options, right)
        start, end = article.text.index(right[0]), article.text.index(right[-1]) + len(right[-1])
        out.append(Question("多选", _stem(ref, asked), opts, ans, _cite(ref, article, article.text[start:end])))
    return out


def _foreign_items(article: Article, own: list[str], right: list[str], items: list[_Item], rng: random.Random,
                   k: int, lead: str = "") -> list[str]:
    """Items of other lists, most alike the right ones first; none that restates an item of this article."""
    flat = compact(article.text)
    usable = [i for i in items if i.article != article.label and _usable_item(i.text)
              and compact(i.text) not in flat and max(similarity(i.text, o) for o in own) < 0.6]
    # items of the same kind of list first (情形 for 情形, 职责 for 职责), others only to make up the number
    kind = list_kind(lead)
    same = sorted({i.text for i in usable if kind and list_kind(i.lead) == kind})
    rest = sorted({i.text for i in usable} - set(same))  # sorted: a set's order changes with PYTHONHASHSEED
    probe = "".join(right)
    ranked = [sorted(g, key=lambda t: -similarity(t, probe) + rng.random() * 0.2) for g in (same, rest)]
    return (ranked[0] + ranked[1])[:k]


def list_kind(lead: str) -> str | None:
    """What a list enumerates, from its lead: 有下列情形之一的 -> 情形, 履行下列职责 -> 职责, 材料包括 -> 材料."""
    m = re.search(r"下列(?:哪些)?([\u4e00-\u9fff]{1,4}?)(?:之一|的|：|:|，|,|$)", lead) or \
        re.search(r"([\u4e00-\u9fff]{2})(?:包括|如下)", lead)
    return m.group(1) if m else None


def _candidates(ref: LawRef, scope: list[Article], pool: list[Article], seed: int) -> dict[str, list[Candidate]]:
    fig_pool = figure_pools([a.body for a in pool])
    auth_pool = sorted({m.group(0) for a in pool for c in clauses(a) for m in authority_slots(c)})
    items = all_items(pool)
    out: dict[str, list[Candidate]] = {t: [] for t in QTYPES}
    for a in scope:
        for c in clauses(a):
            rng = random.Random(f"{seed}|{a.label}|{c.index}")
            for q in figure_questions(ref, c, fig_pool, rng) + authority_questions(ref, c, auth_pool, rng):
                out["单选"].append(Candidate((a.label, c.index), q))
            j = judgement_question(ref, c, fig_pool, auth_pool, rng)
            if j:
                out["判断"].append(Candidate((a.label, c.index), j))
        rng = random.Random(f"{seed}|{a.label}|items")
        out["多选"] += [Candidate((a.label, -1 - i), q) for i, q in enumerate(multi_questions(ref, a, items, rng))]
    texts = {a.label: a.text for a in scope}
    return {t: [c for c in cs if supported(c.question, texts[c.question.citation.article])] for t, cs in out.items()}


MAX_SAME_KEY = 2  # 行政复议机关 could key a dozen 单选; more than two reads as a pattern, not a test


def pick(cands: dict[str, list[Candidate]], types: tuple[str, ...], n: int, seed: int,
         taken: tuple[Question, ...] = ()) -> list[Question]:
    """Round-robin over the requested types in a seeded order; one question per clause, no repeated stem,
    no key used more than MAX_SAME_KEY times."""
    rng = random.Random(seed)
    queues = {t: rng.sample(cands.get(t, []), len(cands.get(t, []))) for t in types}
    used: set = {(q.citation.article, q.citation.quote) for q in taken} | {q.stem for q in taken}
    keys: Counter = Counter(_key_text(q) for q in taken)
    chosen: list[Question] = []
    while len(chosen) < n and any(queues.values()):
        for t in types:
            while queues[t] and len(chosen) < n:
                c = queues[t].pop(0)
                q = c.question
                marks = {c.key, (q.citation.article, q.citation.quote), q.stem}
                if marks & used or keys[_key_text(q)] >= MAX_SAME_KEY:
                    continue
                used |= marks
                keys[_key_text(q)] += 1
                chosen.append(q)
                break
    return chosen


def _key_text(q: Question) -> str:
    return "|".join(q.option_text(a) for a in q.answer) if q.type == "单选" else q.stem


def offline_questions(ref: LawRef, scope: list[Article], pool: list[Article], n: int,
                      types: tuple[str, ...] = QTYPES, seed: int = 0, taken: tuple[Question, ...] = ()) -> list[Question]:
    """Deterministic for a given seed; every question passes `supported` against its cited article."""
    return pick(_candidates(ref, scope, pool, seed), types, n, seed, taken)


def parse_types(types: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    """'单选,多选' / ['判断'] / None -> a tuple in the given order; unknown names are a user error."""
    names = [t.strip() for t in (types.replace("，", ",").split(",") if isinstance(types, str) else types or QTYPES)]
    names = [t for t in dict.fromkeys(names) if t]
    bad = [t for t in names if t not in QTYPES]
    if bad or not names:
        raise TrainingError(f"不支持的题型：{'、'.join(bad) or '（空）'}；可选：单选、多选、判断。")
    return tuple(names)


# --- entry point and the LLM generator ----------------------------------------------------------------------------

def generate_quiz(chunks: list[Chunk], law: str, version: str | int | None = None, chapter: str | None = None,
                  n: int = 10, types: str | tuple[str, ...] | None = None, seed: int = 0,
                  chat: ChatModel | None = None) -> Quiz:
    """A quiz on one law version (optionally one chapter): offline, or by a chat model when one is given."""
    ref = resolve_law(chunks, law, version)
    scope, pool, kinds = articles(chunks, ref, chapter), articles(chunks, ref), parse_types(types)
    if chat is None:
        questions, notes = offline_questions(ref, scope, pool, n, kinds, seed), list[str]()
    else:
        from app.training.quiz_llm import llm_questions  # the LLM generator builds on this module

        questions, notes = llm_questions(chat, ref, scope, pool, n, kinds, seed)
    if len(questions) < n:
        notes.append(f"{ref.label}{('“' + chapter + '”') if chapter else ''}只能出{len(questions)}道符合要求的题目。")
    return Quiz(ref.title, ref.version, tuple(questions), tuple(notes))
