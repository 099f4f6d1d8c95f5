"""One masking function for everything that stores or writes what users typed: logs and the feedback store.

    mask(text, secrets=()) -> text with personal data and secrets replaced by placeholders

Masked: API keys (sk-..., Bearer ...) and any configured secret value; e-mail addresses; resident ID-card
numbers (17 digits + digit or X); bank-card numbers (16-19 digits, optionally in groups of 4, passing the
Luhn check, so that order numbers and long figures are left alone); mainland mobile numbers (1[3-9] + 9 digits,
optionally +86 and separators). Digit patterns need non-digit neighbours: a phone number inside a longer run
of digits is not a phone number.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

MASKED_PHONE, MASKED_ID, MASKED_KEY = "[手机号已隐去]", "[身份证号已隐去]", "[已隐去]"  # a key: no hint what it was
MASKED_CARD, MASKED_EMAIL = "[银行卡号已隐去]", "[邮箱已隐去]"

_KEY = re.compile(r"(?<![A-Za-z0-9])sk-[A-Za-z0-9_\-]{8,}|(?<![A-Za-z0-9])Bearer\s+[A-Za-z0-9._~+/=\-]{8,}", re.I)
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_ID_CARD = re.compile(r"(?<!\d)\d{17}[\dXx](?![0-9A-Za-z])")
_CARD = re.compile(r"(?<!\d)\d{4}(?:[ -]\d{3,4}){3,4}(?!\d)|(?<!\d)\d{16,19}(?!\d)")
_PHONE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _card(m: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", m.group(0))
    return MASKED_CARD if 16 <= len(digits) <= 19 and luhn_ok(digits) else m.group(0)


def mask(text: object, secrets: Iterable[str] = ()) -> str:
    """text with secrets, API keys, e-mail addresses, ID-card, bank-card and phone numbers replaced."""
    s = str(text) if text is not None else ""
    for secret in secrets:
        if secret and len(secret) >= 6:
            s = s.replace(secret, MASKED_KEY)
    s = _KEY.sub(MASKED_KEY, s)
    s = _EMAIL.sub(MASKED_EMAIL, s)
    s = _ID_CARD.sub(MASKED_ID, s)  # before cards and phones: an ID number contains shorter digit runs
    s = _CARD.sub(_card, s)
    return _PHONE.sub(MASKED_PHONE, s)
