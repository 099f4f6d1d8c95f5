"""The chat-model edge: a tiny protocol, so tests use a scripted model and production an OpenAI client."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

Message = tuple[str, str]  # (role, content): role in system | user | assistant


class ChatModel(Protocol):
    name: str

    def stream(self, messages: list[Message]) -> Iterator[str]:
        """Yield text deltas; raise app.errors.LLMUnavailable on any endpoint failure."""
        ...


@dataclass
class ScriptedChatModel:
    """Deterministic test double: replies with the scripted strings in turn and records prompts."""

    replies: list[str]
    name: str = "scripted"
    seen: list[list[Message]] = field(default_factory=list)

    def stream(self, messages: list[Message]) -> Iterator[str]:
        self.seen.append(list(messages))
        reply = self.replies[min(len(self.seen) - 1, len(self.replies) - 1)]
        for i in range(0, len(reply), 8):
            yield reply[i:i + 8]

    def complete(self, messages: list[Message]) -> str:
        return "".join(self.stream(messages))
