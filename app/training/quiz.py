"""Quiz records, the key-support check every question must pass, and the offline (deterministic) generator.

Offline questions are cut from the law's own sentences: a figure or an authority is blanked (单选), a list of
（一）（二）… items is mixed with items from other lists (多选), or a clause is stated as is or with one element
swapped (判断). Because the stem is the article's clause, the key is checkable against the article verbatim.
"""
from __future__ import annotations

import math
import random
import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from app.answer.chat import ChatModel
from app.schema import Chunk
from app.text import compact, int_to_cn
from app.training import (FIGURE, Article, Clause, LawRef, TrainingError, articles, authority_slots, clauses,
                          figure_value, figures, is_item, resolve_law)
from app.training.diff import similarity

QType = Literal["单选", "多选", "判断"]
QTYPES: tuple[str, ...] = ("单选", "多选", "判断")
BLANK = "（  ）"
LETTERS = "ABCDE"

MODAL_SWAP = {"应当": "可以", "可以": "应当", "不得": "可以"}
_LADDERS = {"日": (3, 5, 7, 10, 15, 20, 30, 45, 60, 90, 180), "工作日": (3, 5, 7, 10, 15, 20),
            "个月": (1, 2, 3, 6, 12), "年": (1, 2, 3, 5, 10, 20, 30), "倍": (1, 2, 3, 5, 10), "名": (2, 3, 5, 7),
            "人": (2, 3, 5, 7)}


@dataclass(frozen=True)
class QuizCitation:
    title: str
    version: str
    article: str
    quote: str  # exact substring of the article text that supports the key

    def to_json(self) -> dict:
        return {"title": self.title, "version": self.version, "article": self.article, "quote": self.quote}


@dataclass(frozen=True)
class Question:
    type: QType
    stem: str
    options: tuple[str, ...]  # "A. …"; empty for 判断
    answer: tuple[str, ...]  # letters, or ("正确",) / ("错误",)
    citation: QuizCitation

    def option_text(self, letter: str) -> str:
        return self.options[LETTERS.index(letter)][3:]

    def to_json(self) -> dict:
        return {"type": self.type, "stem": self.stem, "options": list(self.options), "answer": list(self.answer),
                "citation": self.citation.to_json()}


@dataclass(frozen=True)
class Quiz:
    law: str
    version: str
    questions: tuple[Question, ...]
    notices: tuple[str, ...] = ()  # shown to the user, not part of the JSON shape

    def to_json(self) -> dict:
        return {"law": self.law, "version": self.version, "questions": [q.to_json() for q in self.questions]}


# --- the key-support check ----------------------------------------------------------------------------------

_PREFIX = re.compile(r"^根据《[^》]+》(?:（[^）]*）)?(?:第[零一二三四五六七八九十百千]+条)?[，,]?")


def statement_of(stem: str) -> str:
    """The claim a 判断 stem makes, without the 根据《…》 lead and the final full stop."""
    return _PREFIX.sub("", stem.strip()).rstrip("。.？?")


def supported(q: Question, article_text: str) -> bool:
    """True when the cited article backs the key: the quote is verbatim, right options are in it, wrong ones not."""
    quote = q.citation.quote
    if not quote or quote not in article_text:
        return False
    if q.type == "判断":
        return _judgement_supported(q, quote, article_text)
    return _choice_well_formed(q) and _choice_supported(q, compact(quote), compact(article_text))


def _choice_well_formed(q: Question) -> bool:
    letters = LETTERS[:len(q.options)]
    texts = [o[3:] for o in q.options]
    ok_shape = all(o[:3] == f"{letter}. " for o, letter in zip(q.options, letters)) and len(set(texts)) == len(texts)
    if q.type == "单选":
        return ok_shape and len(q.options) == 4 and len(q.answer) == 1 and q.answer[0] in letters
    return ok_shape and 4 <= len(q.options) <= 5 and 2 <= len(q.answer) < len(q.options) and set(q.answer) <= set(letters)


def _choice_supported(q: Question, quote: str, article: str) -> bool:
    right = [compact(q.option_text(a)) for a in q.answer]
    wrong = [compact(o[3:]) for o in q.options if o[0] not in q.answer]
    if not all(r and r in quote for r in right) or any(w in quote for w in wrong):
        return False
    stem = compact(statement_of(q.stem))
    if any(r in stem for r in right):  # the stem would give the answer away
        return False
    blank = BLANK.replace(" ", "")
    if blank in stem:  # a cloze: the key must complete the article's words around the blank, no distractor may
        phrase = next(p for p in re.split(r"[，。；：？,;:?]", stem) if blank in p)
        filled = [phrase.replace(blank, x) for x in (*right, *wrong)]
        return filled[0] in article and not any(f in article for f in filled[1:])
    return True


def _judgement_supported(q: Question, quote: str, article_text: str) -> bool:
    claim, src = compact(statement_of(q.stem)), compact(quote)
    if q.answer == ("正确",):
        return bool(claim) and claim in src
    if q.answer != ("错误",) or claim in compact(article_text):
        return False
    return similarity(claim, src) >= 0.6  # a false claim must be the quote altered, not an unrelated sentence


def _unit_key(unit: str) -> str:
    return "工作日" if "工作日" in unit else unit


def similar_figures(key: str, pool: list[str], rng: random.Random, avoid: set[int]) -> list[str]:
    """Three wrong figures in the key's unit, nearest in size (the law's own other limits preferred, then a
    ladder of usual values), none whose value already shows in the stem."""
    value, unit = figure_value(key) or (0, "")
    if not value:
        return []
    chinese = not key[:-len(unit)].isdigit()
    ladder = _LADDERS.get(_unit_key(unit)) or tuple(int(value * m) for m in (0.1, 0.2, 0.5, 2, 3, 5, 10))
    cands: dict[int, tuple[str, float]] = {}
    for f in pool:
        fv = figure_value(f)
        if fv and _unit_key(fv[1]) == _unit_key(unit) and fv[0] not in avoid | {value}:
            cands.setdefault(fv[0], (f, -0.2))
    for v in ladder:
        if 0 < v < 100000 and v not in avoid | {value}:
            cands.setdefault(v, ((int_to_cn(v) if chinese else str(v)) + unit, 0.0))
    ranked = sorted(cands, key=lambda v: abs(math.log(v / value)) + cands[v][1] + rng.random() * 0.3)
    return [cands[v][0] for v in ranked[:3]]


def similar_authorities(key: str, pool: list[str], avoid: str) -> list[str]:
    """Three other authorities of the same law, most alike in form first. Near-twins (县级以上各级人民政府 /
    县级以上地方各级人民政府) are left out: either could be argued right, so neither makes a fair distractor."""
    chosen: list[str] = []
    for p in sorted(set(pool), key=lambda p: (-similarity(p, key), p)):
        if p in avoid or p in key or key in p or any(similarity(p, x) > 0.7 for x in (key, *chosen)):
            continue
        chosen.append(p)
    return chosen[:3]


# --- offline generation -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Item:
    article: str
    lead: str  # the sentence that introduces the list
    text: str  # the item without its （一） marker and final punctuation


@dataclass(frozen=True)
class _Candidate:
    key: tuple[str, int]  # (article, clause index): one question per clause, so no question leaks another's key
    question: Question


def _cite(ref: LawRef, article: Article, quote: str) -> QuizCitation:
    return QuizCitation(ref.title, ref.version, article.label, quote)


def _stem(ref: LawRef, body: str) -> str:
    return f"根据{ref.label}，{body}"


def _lettered(options: list[str], right: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    opts = tuple(f"{LETTERS[i]}. {o}" for i, o in enumerate(options))
    return opts, tuple(LETTERS[i] for i, o in enumerate(options) if o in right)


def replace_figure(text: str, fig: str, new: str) -> str:
    """Replace whole figures only: blanking 十日 must not touch 六十日."""
    return FIGURE.sub(lambda m: new if m.group(0) == fig else m.group(0), text)


def figure_questions(ref: LawRef, clause: Clause, pool: list[str], rng: random.Random) -> list[Question]:
    """单选: a time limit or amount blanked; options in the same unit, in ascending order like a printed exam."""
    out = []
    shown = {figure_value(f)[0] for f in figures(clause.text)}  # type: ignore[index]
    for fig in dict.fromkeys(figures(clause.text)):
        wrong = similar_figures(fig, pool, rng, shown)
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


def _false_variants(clause: Clause, fig_pool: list[str], auth_pool: list[str], rng: random.Random) -> list[str]:
    """The clause with one element swapped: a figure, an authority, or 应当/可以/不得."""
    text, out = clause.text, []
    shown = {figure_value(f)[0] for f in figures(text)}  # type: ignore[index]
    for fig in dict.fromkeys(figures(text)):
        out += [replace_figure(text, fig, w) for w in similar_figures(fig, fig_pool, rng, shown)[:1]]
    for m in authority_slots(clause):
        out += [text[:m.start()] + w + text[m.end():] for w in similar_authorities(m.group(0), auth_pool, text)[:1]]
    modal = re.search("|".join(MODAL_SWAP), text)
    if modal:
        out.append(text[:modal.start()] + MODAL_SWAP[modal.group(0)] + text[modal.end():])
    return out


def judgement_question(ref: LawRef, clause: Clause, fig_pool: list[str], auth_pool: list[str],
                       rng: random.Random) -> Question | None:
    """判断: the clause as written (正确) or with one element swapped (错误), about half each."""
    variants = _false_variants(clause, fig_pool, auth_pool, rng)
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
        wrong = _foreign_items(article, own, right, items, rng, 4 - len(right))
        if len(wrong) < 4 - len(right):
            continue
        options = [*right, *wrong]
        rng.shuffle(options)
        opts, ans = _lettered(options, right)
        start, end = article.text.index(right[0]), article.text.index(right[-1]) + len(right[-1])
        out.append(Question("多选", _stem(ref, asked), opts, ans, _cite(ref, article, article.text[start:end])))
    return out


def _foreign_items(article: Article, own: list[str], right: list[str], items: list[_Item], rng: random.Random,
                   k: int) -> list[str]:
    """Items of other lists, most alike the right ones first; none that restates an item of this article."""
    flat = compact(article.text)
    cands = {i.text for i in items if i.article != article.label and _usable_item(i.text)
             and compact(i.text) not in flat and max(similarity(i.text, o) for o in own) < 0.6}
    probe = "".join(right)
    ordered = sorted(cands)  # a set's order changes with PYTHONHASHSEED; the jitter below must not
    return sorted(ordered, key=lambda t: -similarity(t, probe) + rng.random() * 0.2)[:k]


def _candidates(ref: LawRef, scope: list[Article], pool: list[Article], seed: int) -> dict[str, list[_Candidate]]:
    fig_pool = [f for a in pool for f in figures(a.body)]
    auth_pool = sorted({m.group(0) for a in pool for c in clauses(a) for m in authority_slots(c)})
    items = all_items(pool)
    out: dict[str, list[_Candidate]] = {t: [] for t in QTYPES}
    for a in scope:
        for c in clauses(a):
            rng = random.Random(f"{seed}|{a.label}|{c.index}")
            for q in figure_questions(ref, c, fig_pool, rng) + authority_questions(ref, c, auth_pool, rng):
                out["单选"].append(_Candidate((a.label, c.index), q))
            j = judgement_question(ref, c, fig_pool, auth_pool, rng)
            if j:
                out["判断"].append(_Candidate((a.label, c.index), j))
        rng = random.Random(f"{seed}|{a.label}|items")
        out["多选"] += [_Candidate((a.label, -1 - i), q) for i, q in enumerate(multi_questions(ref, a, items, rng))]
    texts = {a.label: a.text for a in scope}
    return {t: [c for c in cs if supported(c.question, texts[c.question.citation.article])] for t, cs in out.items()}


MAX_SAME_KEY = 2  # 行政复议机关 could key a dozen 单选; more than two reads as a pattern, not a test


def pick(cands: dict[str, list[_Candidate]], types: tuple[str, ...], n: int, seed: int,
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
        questions, notes = offline_questions(ref, scope, pool, n, kinds, seed), []
    else:
        from app.training.quiz_llm import llm_questions  # the LLM generator builds on this module

        questions, notes = llm_questions(chat, ref, scope, pool, n, kinds, seed)
    if len(questions) < n:
        notes.append(f"{ref.label}{('“' + chapter + '”') if chapter else ''}只能出{len(questions)}道符合要求的题目。")
    return Quiz(ref.title, ref.version, tuple(questions), tuple(notes))
