"""Quiz records and the key-support check every generated question must pass, offline or from an LLM.

A question is kept only when its cited article backs the key verbatim: the quote is a substring of the article,
the right options are in the quote and no wrong one is; a 判断 claim is the quote itself (正确) or the quote with
one element altered (错误).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from app.text import compact
from app.training.diff import similarity

QType = Literal["单选", "多选", "判断"]
QTYPES: tuple[str, ...] = ("单选", "多选", "判断")
BLANK = "（  ）"
LETTERS = "ABCDE"

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
