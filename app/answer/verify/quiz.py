"""Quiz items in a trainer's reply (pure): a question stem with its blank, the options, and the answer line.

The options offer wrong choices on purpose and the stem asserts nothing, so neither is a claim of its own; what
the item asserts is the stem completed with the chosen option (禁止任何单位和个人进入的是自然保护区的核心区), and
that is checked against the passage the answer line cites. The item stands or falls as a whole.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.answer.verify.claims import Kind, Unit, body

# the answer line gives the letter, perhaps with a note on it (答案：B（对法人或者其他组织为3000元以下）, 答案：C。
# 解析：……): the note is checked as a claim of its own, and the item stands or falls with it
_ANSWER = re.compile(r"^(?:正确|参考)?答案[:：]\s*([A-DＡ-Ｄ])\s*(?:[。.；;]?$|[（(](.+)[)）]\s*[。.]?$|[。.；;，,]\s*(?:解析|理由|说明)?[:：]?\s*(.+)$)")
_OPTION = re.compile(r"([A-DＡ-Ｄ])\s*[.．、)）]\s*(.+?)(?=\s*[A-DＡ-Ｄ]\s*[.．、)）]|$)")
_OPTIONS_START = re.compile(r"^\s*[A-DＡ-Ｄ]\s*[.．、)）]")
_BLANK = re.compile(r"[（(]\s*[　 ]*\s*[)）]|_{2,}")
STEM_LINES = 6  # the stem sits at most this many lines above its answer (four options on lines of their own)
_WH = re.compile(r"哪一?[类项个种条级些]|什么|谁|多少|多长时间|几[日天个月年次项种]")


@dataclass(frozen=True)
class QuizItem:
    units: tuple[int, ...]  # the stem, option and answer units (indexes into the parsed reply)
    claim: str  # the stem completed with the chosen option
    option: str  # the chosen option: the point of the item, so it must be in the passage itself
    scope: tuple[int, ...]  # the passages the answer line cites (the stem's when the answer line cites none)
    note: str = ""  # what the answer line says besides the letter


def _letter(c: str) -> str:
    return chr(ord(c) - ord("Ａ") + ord("A")) if "Ａ" <= c <= "Ｄ" else c


def quiz_items(units: Sequence[Unit]) -> list[QuizItem]:
    out = []
    for i, u in enumerate(units):
        m = _ANSWER.match(body(u.text))
        if not m:
            continue
        item = _item(units, i, _letter(m.group(1)), (m.group(2) or m.group(3) or "").strip(" 。；;，,"))
        if item is not None:
            out.append(item)
    return out


def _item(units: Sequence[Unit], answer: int, letter: str, note: str = "") -> QuizItem | None:
    """Walk up from the answer line: option units, then the stem with its blank (or a question mark)."""
    options: list[int] = []
    for j in range(answer - 1, -1, -1):
        v = units[j]
        if v.kind is Kind.BLANK or units[answer].line - v.line > STEM_LINES:
            return None
        text = body(v.text)
        if _OPTIONS_START.match(text):
            options.insert(0, j)
            continue
        stem, tail = _split_stem(text)
        if stem is None:
            return None
        chosen = _chosen(" ".join([tail] + [body(units[k].text) for k in options]), letter)
        if chosen is None:
            return None
        claim = _complete(stem, chosen)
        scope = units[answer].scope or v.own
        if not scope:
            return None
        return QuizItem((j, *options, answer), claim.rstrip("。？?；; "), chosen, scope, note)
    return None


def _complete(stem: str, chosen: str) -> str:
    """The stem with its blank, or else its question word, filled by the chosen option."""
    for pattern in (_BLANK, _WH):
        if pattern.search(stem):
            return pattern.sub(lambda _m: chosen, stem, count=1)
    return f"{stem.rstrip('？?')}{chosen}"


def _split_stem(text: str) -> tuple[str | None, str]:
    """(the stem, options written on its own line after it); None when the text is no stem."""
    m = re.search(r"\s[A-DＡ-Ｄ]\s*[.．、)）]", text)
    stem, tail = (text[:m.start()], text[m.start():]) if m else (text, "")
    if _BLANK.search(stem) or stem.rstrip().endswith(("？", "?")):
        return stem.strip(), tail.strip()
    return None, ""


def _chosen(options: str, letter: str) -> str | None:
    for m in _OPTION.finditer(options):
        if _letter(m.group(1)) == letter:
            return m.group(2).strip(" 。；;，,")
    return None
