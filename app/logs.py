"""Logging for lawdesk: one handler (settings.log_file or stderr) whose filter masks personal data and secrets.

    setup_logging(settings) -> settings   # called once by the CLI; returns its argument for chaining
    mask(text)                           # phone numbers, ID-card numbers and API keys replaced

Masked before anything is written: mainland mobile numbers (1[3-9] + 9 digits), resident ID-card numbers
(17 digits + digit or X), anything shaped like an API key (sk-..., Bearer ...) and the configured key
value itself, wherever it appears (message, arguments, traceback).
"""
from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable

LOGGER = "lawdesk"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# (?<!\d) / (?!\d): a phone number inside a longer digit run (an ID number, an account) is not a phone
_ID_CARD = re.compile(r"(?<!\d)\d{17}[\dXx](?![0-9A-Za-z])")
_PHONE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)")
_KEY = re.compile(r"(?<![A-Za-z0-9])sk-[A-Za-z0-9_\-]{8,}|(?<![A-Za-z0-9])Bearer\s+[A-Za-z0-9._~+/=\-]{8,}", re.I)
MASKED_PHONE, MASKED_ID, MASKED_KEY = "[手机号已隐去]", "[身份证号已隐去]", "[密钥已隐去]"


def mask(text: str, secrets: Iterable[str] = ()) -> str:
    """text with secrets, API-key-like strings, ID-card and phone numbers replaced by placeholders."""
    s = str(text) if text is not None else ""
    for secret in secrets:
        if secret and len(secret) >= 6:
            s = s.replace(secret, MASKED_KEY)
    s = _KEY.sub(MASKED_KEY, s)
    s = _ID_CARD.sub(MASKED_ID, s)  # before phones: an ID number contains 11-digit runs
    return _PHONE.sub(MASKED_PHONE, s)


class MaskFilter(logging.Filter):
    """Rewrites a record in place so that every handler after this one sees only masked text."""

    def __init__(self, secrets: Iterable[str] = ()):
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what we can
            message = f"{record.msg} {record.args}"
        record.msg, record.args = mask(message, self.secrets), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text, self.secrets)
        if record.stack_info:
            record.stack_info = mask(record.stack_info, self.secrets)
        return True


def _secrets(settings) -> list[str]:
    key = getattr(settings, "openai_api_key", None)
    value = key.get_secret_value() if key is not None and hasattr(key, "get_secret_value") else key
    return [value] if value else []


def setup_logging(settings, level: int = logging.INFO):
    """Sends the "lawdesk" loggers to settings.log_file (appending) or stderr, masked. Idempotent."""
    logger = logging.getLogger(LOGGER)
    for h in [h for h in logger.handlers if getattr(h, "_lawdesk", False)]:
        logger.removeHandler(h)
        h.close()
    for f in [f for f in logger.filters if isinstance(f, MaskFilter)]:
        logger.removeFilter(f)
    path = getattr(settings, "log_file", None)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    else:
        handler = logging.StreamHandler(sys.stderr)
    handler._lawdesk = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(FORMAT))
    masker = MaskFilter(_secrets(settings))
    handler.addFilter(masker)  # records from child loggers (lawdesk.ui, ...) pass handler filters
    logger.addFilter(masker)  # records logged on "lawdesk" itself are masked before any handler
    logger.addHandler(handler)
    logger.setLevel(level)
    return settings
