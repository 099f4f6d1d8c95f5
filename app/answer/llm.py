"""The OpenAI-compatible chat model behind the LLM answer path.

Retries are ours, not the SDK's (max_retries=0 there): only failures before the first token are
retried, because once text has reached the caller a retry would duplicate it. Every failure leaves
as LLMUnavailable with a short Chinese message and no cause attached, so neither the message nor a
logged traceback can carry the API key or request headers.
"""
from __future__ import annotations

import json
import logging
import time
from typing import Any
from collections.abc import Iterable, Iterator, Sequence

import openai
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from app.answer.chat import ChatModel, Message
from app.answer.prompts import NO_ANSWER, build_messages
from app.config import Settings
from app.errors import LLMUnavailable
from app.schema import Chunk, Turn

log = logging.getLogger(__name__)

UNAVAILABLE = "大模型服务暂不可用（{reason}），已改为显示离线摘录答案。"
NOT_CONFIGURED = "未配置大模型（需设置 LAWDESK_LLM_MODEL 和 OPENAI_API_KEY），使用离线摘录答案。"
MAX_DELAY = 4.0  # cap on one backoff sleep, whatever Retry-After asks for: a user is waiting


class _StreamBroken(Exception):
    """The stream ended without a finish_reason (cut off) or with a bad one."""


def _unavailable(reason: str) -> LLMUnavailable:
    return LLMUnavailable(UNAVAILABLE.format(reason=reason))


def _refused(exc: BaseException) -> bool:
    """Walk the cause chain: the SDK wraps the socket error two or three levels deep."""
    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, ConnectionRefusedError) or "refused" in str(exc).lower():
            return True
        nxt = exc.__cause__ or exc.__context__
        if nxt is None:
            return False
        exc, seen = nxt, seen + 1
    return False


def _reason(exc: Exception, started: bool) -> str:
    """Chinese label of what went wrong; holds status codes only, never text from the endpoint."""
    if isinstance(exc, (openai.AuthenticationError, openai.PermissionDeniedError)):
        return "密钥无效或无权访问"
    if isinstance(exc, openai.RateLimitError):
        return "请求过于频繁"
    if isinstance(exc, openai.APITimeoutError):
        return "响应超时"
    if isinstance(exc, openai.APIConnectionError):
        return "连接中断" if started else ("连接被拒绝" if _refused(exc) else "无法连接")
    if isinstance(exc, openai.APIStatusError):
        return f"服务端错误 {exc.status_code}" if exc.status_code >= 500 else f"请求被拒绝 HTTP {exc.status_code}"
    if isinstance(exc, (_StreamBroken, json.JSONDecodeError, ValueError)):
        return "返回内容不完整或格式错误"
    return "调用失败"


def _retryable(exc: Exception) -> bool:
    """429, 5xx and failed connects. Timeouts are not retried: each would cost the user another timeout."""
    if isinstance(exc, openai.APITimeoutError):
        return False
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code == 429 or exc.status_code >= 500
    return isinstance(exc, openai.APIConnectionError)


def _retry_after(exc: Exception) -> float:
    response = getattr(exc, "response", None)
    try:
        return float(response.headers.get("retry-after", 0)) if response is not None else 0.0
    except ValueError:  # an HTTP-date Retry-After: fall back to our own backoff
        return 0.0


class OpenAIChatModel:
    """ChatModel over langchain-openai's ChatOpenAI (streaming chat completions)."""

    def __init__(
        self, model: str, api_key: str | SecretStr, base_url: str | None = None, timeout: float = 30.0,
        max_retries: int = 2, backoff: float = 0.5, temperature: float | None = None,
    ):
        self.name = model
        self.timeout = timeout
        self.max_retries = max(0, int(max_retries))
        self.backoff = backoff
        options: dict[str, Any] = {"temperature": temperature} if temperature is not None else {}
        self._llm = ChatOpenAI(
            model=model, api_key=api_key if isinstance(api_key, SecretStr) else SecretStr(api_key),
            base_url=base_url, timeout=timeout, max_retries=0, streaming=True,
            use_responses_api=False,  # some model names would switch to /responses, which gateways lack
            stream_usage=False, **options,
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> "OpenAIChatModel":
        if not settings.llm_enabled:
            raise LLMUnavailable(NOT_CONFIGURED)
        if settings.llm_model is None or settings.openai_api_key is None:  # llm_enabled says both are set
            raise LLMUnavailable(NOT_CONFIGURED)
        return cls(
            model=settings.llm_model, api_key=settings.openai_api_key, base_url=settings.openai_base_url,
            timeout=settings.llm_timeout, max_retries=settings.llm_max_retries,
        )

    def __repr__(self) -> str:
        return f"OpenAIChatModel(name={self.name!r})"

    def stream(self, messages: list[Message]) -> Iterator[str]:
        """Yield text deltas; raise LLMUnavailable on any failure (after bounded retries)."""
        for attempt in range(self.max_retries + 1):
            started = False
            try:
                for piece in self._stream_once(messages):
                    started = True
                    yield piece
                return
            except LLMUnavailable:
                raise
            except Exception as exc:  # every client failure is mapped below: retried or raised, never dropped
                if started or attempt >= self.max_retries or not _retryable(exc):
                    log.warning("LLM call failed (%s, attempt %d): %s", self.name, attempt + 1, type(exc).__name__)
                    raise _unavailable(_reason(exc, started)) from None
                delay = min(max(self.backoff * 2 ** attempt, _retry_after(exc)), MAX_DELAY)
                log.info("LLM %s on attempt %d; retrying in %.2fs", type(exc).__name__, attempt + 1, delay)
                time.sleep(delay)

    def _stream_once(self, messages: list[Message]) -> Iterator[str]:
        finish, got_text = None, False
        for chunk in self._llm.stream(list(messages)):
            finish = chunk.response_metadata.get("finish_reason") or finish
            text = chunk.text
            if text:
                got_text = True
                yield text
        if finish not in ("stop", "length"):
            raise _StreamBroken(f"finish_reason={finish!r}")
        if not got_text:
            raise _unavailable("返回了空回答")

    def complete(self, messages: list[Message]) -> str:
        return "".join(self.stream(messages))


def generate_answer(
    model: ChatModel, question: str, passages: Sequence[Chunk], audience: str = "staff",
    history: Iterable[Turn | Message] = (), scope: str = "bureau",
) -> Iterator[str]:
    """Stream the raw answer; the caller verifies the joined text with verify_answer at the end."""
    if not passages:  # nothing to cite: asking the model would only invite an unsupported answer
        yield NO_ANSWER
        return
    yield from model.stream(build_messages(question, passages, audience, history, scope))


def condense_question(model: ChatModel, question: str, history: Iterable[Turn | Message] = ()) -> str:
    """Rewrite a follow-up into a standalone question; the original question on any doubt."""
    from app.answer.llm_retrieval import condense

    turns = [t if isinstance(t, Turn) else Turn(t[0], t[1]) for t in history]  # type: ignore[arg-type]
    return condense(model, question, turns)[0]
