"""Repair PDF-extraction damage: paragraphs split by page breaks, spaces around numbers."""
from __future__ import annotations

import re

_ZERO_WIDTH = re.compile(r"[\u200b-\u200f\ufeff\u2060]")
SENTENCE_END = "。！？；：!?;:”』」）)…"
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}\s*[.．、](?!\d))")
DATE_LINE = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
_CJK = r"\u4e00-\u9fff"


def strip_invisible(text: str) -> str:
    return _ZERO_WIDTH.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def tighten_numbers(s: str) -> str:
    """`近 30 次` -> `近30次`, `40.13 万亩` -> `40.13万亩`: the spaces are extraction artefacts."""
    s = re.sub(rf"(?<=[{_CJK}，。、；：“”（）《》])[ \t]+(?=[0-9])", "", s)
    s = re.sub(rf"(?<=[0-9%])[ \t]+(?=[{_CJK}%（）])", "", s)
    s = re.sub(r"^[(（]([一二三四五六七八九十]+)[)）]\s*", r"（\1）", s)
    return re.sub(r"^(\d{1,2})\s*[.．]\s*", r"\1. ", s)


def is_heading(par: str) -> bool:
    """A heading line: numbered marker with a short title and no sentence inside."""
    if not HEADING.match(par):
        return False
    return len(par) <= 40 and "。" not in par.rstrip("。")


def _is_title_like(par: str) -> bool:
    return len(par) <= 40 and not any(p in par for p in "，。；")


def splits_word(left: str, right: str) -> bool:
    """True when a word runs across the break (培|训, 行|政): jieba finds no token boundary there."""
    from app.tokenizer import base_tokenizer

    a, b = left[-6:], right[:6]
    pos, cut = 0, len(a)
    for tok in base_tokenizer().words(a + b, hmm=False):
        if pos < cut < pos + len(tok):
            return True
        pos += len(tok)
    return False


def _continues(prev: str, cur: str) -> bool:
    if not prev or prev[-1] in SENTENCE_END or HEADING.match(cur) or DATE_LINE.match(cur):
        return False
    if is_heading(prev) or _is_title_like(prev):
        return splits_word(prev, cur)  # a heading-like fragment still continues when a word is cut in two
    return True


def _join_lines(par: str) -> str:
    lines = [ln.strip() for ln in par.split("\n") if ln.strip()]
    out = ""
    for ln in lines:
        sep = " " if out and out[-1].isascii() and out[-1].isalnum() and ln[0].isascii() else ""
        out += sep + ln
    return out


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs with page-break splits rejoined and numbers tightened."""
    raw = [_join_lines(p) for p in re.split(r"\n\s*\n", strip_invisible(text))]
    out: list[str] = []
    for par in filter(None, raw):
        if out and _continues(out[-1], par):
            out[-1] = out[-1] + par
        else:
            out.append(par)
    return [tighten_numbers(p) for p in out]


def repair_pdf_text(text: str) -> str:
    return "\n\n".join(paragraphs(text))
