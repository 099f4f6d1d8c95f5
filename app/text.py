"""Pure text helpers: Chinese numerals, normalisation, tokenisation for BM25."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_CN_DIGIT_CHARS = "零〇一二两三四五六七八九"
NUMERAL_CHARS = _CN_DIGIT_CHARS + "十百千万"


def cn_to_int(s: str) -> int | None:
    """Chinese numeral (or ASCII / full-width digits) to int; None when it is not a number."""
    s = to_halfwidth(s.strip())
    if not s:
        return None
    if s.isdecimal():  # not isdigit(): superscripts like ² are digits that int() rejects
        return int(s)
    if all(ch in _DIGITS for ch in s):  # 二〇二三 style
        return int("".join(str(_DIGITS[ch]) for ch in s))
    total, section, num = 0, 0, 0
    for ch in s:
        if ch in _DIGITS:
            num = _DIGITS[ch]
        elif ch == "万":
            total += (section + num) * 10000
            section, num = 0, 0
        elif ch in _UNITS:
            section += (num or 1) * _UNITS[ch]
            num = 0
        else:
            return None
    return total + section + num


def int_to_cn(n: int) -> str:
    """1..99999 to the form statutes use: 10 -> 十, 21 -> 二十一, 105 -> 一百零五."""
    if n <= 0:
        return "零"
    digits = "零一二三四五六七八九"
    out, zero = [], False
    for value, unit in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            if zero:
                out.append("零")
            out.append(digits[d] + unit)
            zero = False
        elif out:
            zero = True
    s = "".join(out)
    return s[1:] if s.startswith("一十") else s


def article_label(n: int) -> str:
    return f"第{int_to_cn(n)}条"


def to_halfwidth(s: str) -> str:
    return "".join(
        chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else (" " if c == "\u3000" else c) for c in s
    )


_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2028\u2029\ufeff]")


def clean_input(s: str) -> str:
    """Strip control / zero-width characters and collapse whitespace; keeps the text's meaning."""
    s = unicodedata.normalize("NFC", s or "")
    s = _CONTROL.sub("", s)
    return re.sub(r"\s+", " ", s).strip()


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC  # opencc-python-reimplemented: pure Python, dictionaries ship in the package

    return OpenCC("t2s")


@lru_cache(maxsize=2048)
def to_simplified(s: str) -> str:
    """Traditional Chinese to Simplified (復議 -> 复议, 條 -> 条); simplified text comes back unchanged.
    The knowledge base is simplified, so questions are converted before screening and retrieval."""
    if not s or s.isascii():
        return s or ""
    return _t2s().convert(s)


_SCRIPT_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
_URL = re.compile(r"\b(?:https?|javascript|data|vbscript):[^\s，。；]*", re.I)


def strip_markup(s: str) -> str:
    """The words of a question without HTML tags, script blocks, Markdown images / link targets and URLs:
    markup pasted into a question is not something to search the knowledge base for."""
    s = _SCRIPT_BLOCK.sub(" ", s or "")
    s = _MD_IMAGE.sub(" ", s)
    s = _MD_LINK.sub(r"\1", s)
    s = _TAG.sub(" ", s)
    return re.sub(r"\s+", " ", _URL.sub(" ", s)).strip()


def compact(s: str) -> str:
    """Whitespace-free form for substring checks."""
    return re.sub(r"\s+", "", s or "")


def short_title(title: str) -> str:
    return title.replace("中华人民共和国", "").strip()


def norm_title(t: str) -> str:
    t = compact(t).replace("《", "").replace("》", "")
    return t.replace("中华人民共和国", "")


# --- tokenisation -------------------------------------------------------------------------

_STOP = set(
    "的 了 和 与 及 或 是 在 对 为 以 由 等 其 之 者 于 而 被 把 将 从 向 就 中 上 下 有 也 并 该 这 那 我 你 他 她 它 吗 呢 吧 啊 么 什么 怎么 如何 哪些 多少 可以 是否 能否 一个 "
    "应当 规定 本法 条例 不 没有 会 要 请问 情况 如果 那么 时 后 前".split()
)
_PUNCT = re.compile(r"^[\W_]+$", re.UNICODE)


@lru_cache(maxsize=1)
def _jieba():
    import jieba  # imported lazily: jieba builds its prefix dict on first use

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba


def add_user_words(words: list[str]) -> None:
    jb = _jieba()
    for w in words:
        if w and len(w) >= 2:
            jb.add_word(w, freq=20000)


def word_bounds(text: str) -> set[int]:
    """Offsets where jieba (precise mode) puts a word boundary: 0, every word's end."""
    ends, pos = {0}, 0
    for w in _jieba().lcut(text):
        pos += len(w)
        ends.add(pos)
    return ends


def tokenize(text: str) -> list[str]:
    """jieba search-mode tokens, lower-cased, without punctuation and stop words."""
    text = to_halfwidth(text).lower()
    return [t for t in _jieba().lcut_for_search(text) if t.strip() and t not in _STOP and not _PUNCT.match(t)]


# --- figures ----------------------------------------------------------------------------

_NUM_UNIT = re.compile(
    r"([0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千万]+)\s*(个工作日|个月|日|天|年|月|万元|元|亩|万亩|公顷|次|人次|宗|件|条|项|份|名|辆|场|个|处|%)"
)


def normalise_figures(s: str) -> str:
    """Canonical form for comparing figures: spaces removed, Chinese numerals with a unit -> digits."""
    s = compact(to_halfwidth(s))

    def sub(m: re.Match) -> str:
        n = m.group(1)
        if not n[0].isdigit():
            v = cn_to_int(n)
            n = str(v) if v is not None else n
        return n + m.group(2)

    return _NUM_UNIT.sub(sub, s)
