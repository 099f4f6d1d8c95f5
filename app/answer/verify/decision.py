"""What the verifier decides about one unit of a reply, and what the mending steps need of the verifier (a
Protocol, so mend.py depends on no class of core.py)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from app.answer.verify.claims import Unit
from app.answer.verify.evidence import Evidence, Passage
from app.answer.verify.support import Reason
from app.schema import Chunk


@dataclass(frozen=True)
class Decision:
    unit: Unit | None  # the unit as shown (possibly repaired or re-pointed); None when removed
    reason: Reason | None = None
    removed_span: str = ""
    repointed: bool = False
    repaired: bool = False
    cited: bool = False  # the model gave no marker; the passage stating it was added


class Judge(Protocol):
    """Judges one claim against the given passages (core.Verifier)."""

    chunks: list[Chunk]
    passages: list[Passage]

    def reason(self, claim: str, scope: tuple[int, ...], threshold: float | None = None) -> Reason | None: ...

    def coverage(self, claim: str, scope: tuple[int, ...]) -> float: ...

    def evidence(self, scope: tuple[int, ...]) -> Evidence: ...

    def others(self, scope: tuple[int, ...]) -> Evidence: ...
