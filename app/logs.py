"""Logging for lawdesk: one handler (settings.log_file or stderr) whose filter masks personal data and secrets.

    setup_logging(settings) -> settings   # called once by the CLI; returns its argument for chaining
    mask(text)                           # app.privacy.mask, re-exported

Masked before anything is written (app.privacy.mask): phone, ID-card and bank-card numbers, e-mail addresses,
anything shaped like an API key (sk-..., Bearer ...) and the configured key value itself, wherever it appears
(message, arguments, traceback). The same filter is put on the web server's library loggers (mask_library_logs).
"""
from __future__ import annotations

import io
import logging
import sys
from collections.abc import Iterable
from typing import TextIO

from app.privacy import MASKED_CARD, MASKED_EMAIL, MASKED_ID, MASKED_KEY, MASKED_PHONE, mask

LOGGER = "lawdesk"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

__all__ = ["MASKED_CARD", "MASKED_EMAIL", "MASKED_ID", "MASKED_KEY", "MASKED_PHONE", "MaskFilter", "mask",
           "setup_logging"]
# Loggers of the libraries serving the page: their error records carry request payloads (uvicorn, Gradio).
LIBRARY_MAX_CHARS = 2000
LIBRARY_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "gradio", "fastapi", "starlette", "httpx")


class MaskFilter(logging.Filter):
    """Rewrites a record in place so that every handler after this one sees only masked text."""

    def __init__(self, secrets: Iterable[str] = (), max_chars: int = 0):
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)
        self.max_chars = max_chars  # > 0: longer messages and tracebacks are cut (a payload echoed in an error)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what we can
            message = f"{record.msg} {record.args}"
        record.msg, record.args = self._clean(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = "\n".join(self._clean(line) for line in record.exc_text.split("\n"))
        if record.stack_info:
            record.stack_info = mask(record.stack_info, self.secrets)
        return True


    def _clean(self, text: str) -> str:
        text = mask(text, self.secrets)
        return cut(text, self.max_chars) if self.max_chars else text


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + f"…[已截断 {len(text) - limit} 字]"


class MaskingStream(io.TextIOBase):
    """A text stream that masks and shortens each line before passing it on: for sys.stderr while serving,
    because Gradio prints tracebacks of failed calls (with the offending value in the message) straight to it."""

    def __init__(self, target: TextIO, secrets: Iterable[str] = (), max_line: int = 500):
        self.target, self.secrets, self.max_line = target, tuple(secrets), max_line
        self._partial = ""

    def write(self, s: str) -> int:
        text = self._partial + s
        lines = text.split("\n")
        self._partial = lines.pop()
        if len(self._partial) > self.max_line:  # a huge line without a newline: do not hold it
            lines.append(self._partial)
            self._partial = ""
        for line in lines:
            self.target.write(cut(mask(line, self.secrets), self.max_line) + "\n")
        return len(s)

    def flush(self) -> None:
        if self._partial:
            self.target.write(cut(mask(self._partial, self.secrets), self.max_line))
            self._partial = ""
        self.target.flush()

    def isatty(self) -> bool:
        return self.target.isatty()

    def fileno(self) -> int:
        return self.target.fileno()


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


def mask_library_logs(settings) -> None:
    """Puts the masking filter on the web libraries' loggers and their handlers (uvicorn's own handlers; Gradio
    and Starlette log through the root logger), so a failed call's payload is never written unmasked. Idempotent."""
    masker = MaskFilter(_secrets(settings), max_chars=LIBRARY_MAX_CHARS)
    for name in (*LIBRARY_LOGGERS, ""):
        logger = logging.getLogger(name)
        for target in (logger, *logger.handlers):
            if not any(isinstance(f, MaskFilter) for f in target.filters):
                target.addFilter(masker)


def mask_stderr(settings) -> None:
    """Replaces sys.stderr by a MaskingStream over it (lawdesk serve only: the process is the server)."""
    if not isinstance(sys.stderr, MaskingStream):
        sys.stderr = MaskingStream(sys.stderr, _secrets(settings), max_line=200)
