"""Chinese numerals and full-width forms (pure): 六十 <-> 60, 第二十条, ４７ -> 47."""
from __future__ import annotations

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
