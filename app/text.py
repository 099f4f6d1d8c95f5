"""Pure text helpers: normalisation, markup stripping, figures; numerals live in app.numerals, tokens in app.tokenizer."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from app.numerals import NUMERAL_CHARS, article_label, cn_to_int, int_to_cn, to_halfwidth  # noqa: F401  (re-exported)

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
    t = re.sub(r"[《》〈〉]", "", compact(t))  # 《河南省实施〈…城乡规划法〉办法》 nests with 〈〉 as often as 《》
    return t.replace("中华人民共和国", "")


# --- tokenisation -------------------------------------------------------------------------


def tokenize(text: str) -> list[str]:
    """Base-tokenizer tokens (no index user words); an index tokenises with its own Tokenizer."""
    from app.tokenizer import base_tokenizer

    return base_tokenizer().tokenize(text)


def word_bounds(text: str) -> set[int]:
    """Offsets where the base tokenizer (precise mode) puts a word boundary: 0, every word's end."""
    from app.tokenizer import base_tokenizer

    return base_tokenizer().word_bounds(text)


# --- figures ----------------------------------------------------------------------------

_NUM_UNIT = re.compile(
    r"([0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千万]+)\s*(个工作日|个月|日|天|年|月|万元|元|亩|万亩|公顷|次|人次|宗|件|条|项|份|名|辆|场|个|处|%)"
)


_UNIT_AHEAD = r"(?=个工作日|个月|日|天|年|月|万元|元|亩|万亩|公顷|次|人次|宗|件|条|项|份|名|辆|场|个|处|%|倍|人)"
_CN_DECIMAL = re.compile(r"([零〇一二两三四五六七八九十百千]+)点([零〇一二三四五六七八九]+)" + _UNIT_AHEAD)
# 一至三倍 / 10至15日: the first number of a range takes the unit the range ends with
_RANGE = re.compile(r"(?<![第\d.零〇一二两三四五六七八九十百千万])([0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千万]+)(至|到|～|~)"
                    r"(?=(?:[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千万]+)(个工作日|个月|日|天|万元|元|亩|公顷|次|人|名|倍|%))")
_DIGIT = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0"}


def _cn_decimal(m: re.Match) -> str:
    whole = cn_to_int(m.group(1)) if m.group(1) not in ("零", "〇") else 0
    return m.group(0) if whole is None else f"{whole}.{''.join(_DIGIT[c] for c in m.group(2))}"


def _digits(n: str) -> str:
    v = n if n[0].isdigit() else cn_to_int(n)
    return str(v) if v is not None else n


def expand_ranges(s: str) -> str:
    """零点五亩 -> 0.5亩; 一至三倍 -> 1倍至3倍: each end of a range states its figure (half-width input)."""
    s = _CN_DECIMAL.sub(_cn_decimal, s)
    return _RANGE.sub(lambda m: _digits(m.group(1)) + m.group(3) + m.group(2), s)


def normalise_figures(s: str) -> str:
    """Canonical form for comparing figures: spaces removed, Chinese numerals with a unit -> digits (零点五亩 ->
    0.5亩, 一至三倍 -> 1倍至3倍)."""
    s = compact(to_halfwidth(s))
    s = expand_ranges(s)

    def sub(m: re.Match) -> str:
        n = m.group(1)
        if not n[0].isdigit():
            v = cn_to_int(n)
            n = str(v) if v is not None else n
        return n + m.group(2)

    return _NUM_UNIT.sub(sub, s)
