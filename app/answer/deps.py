"""What the answer pipeline needs from the assembled application (app.service.Deps satisfies it)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from app.answer.confidence import Calibrator
from app.answer.refuse import Scope
from app.llm.chat import ChatModel
from app.retrieve.retriever import Retriever
from app.schema import Chunk


class AnswerDeps(Protocol):
    @property
    def retriever(self) -> Retriever: ...

    @property
    def chunks(self) -> Sequence[Chunk]: ...

    @property
    def report_years(self) -> frozenset[str]: ...

    @property
    def report_title_years(self) -> tuple[str, ...]: ...

    @property
    def chat(self) -> ChatModel | None: ...

    @property
    def scope(self) -> Scope: ...

    @property
    def calibrator(self) -> Calibrator | None: ...

    @property
    def places(self) -> tuple[str, ...]: ...

    @property
    def settings(self) -> Any: ...  # app.config.Settings (LLM step timeouts, rerank endpoint)
