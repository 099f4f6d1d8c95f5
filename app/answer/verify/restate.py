"""How a claim restates a passage sentence (pure): the sentence it matches best, the edits that turn that sentence
into the claim, the statements a text is made of. Shared by the checks of polarity, conditions, parties and
placement (facts.plain form)."""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from app.answer.verify import facts

SAME_STATEMENT = 0.5  # Dice of character bigrams from which a passage sentence states what the claim restates


def restated(text: str, sentences: Sequence[str]) -> tuple[float, str]:
    """The passage sentence `text` (plain) matches best, with its Dice of character bigrams (several checks ask
    it of one claim: computed once)."""
    return _restated(text, tuple(sentences))


@lru_cache(maxsize=2048)
def _restated(text: str, sentences: tuple[str, ...]) -> tuple[float, str]:
    mine = facts.bigrams(text)
    if not mine:
        return 0.0, ""
    return max(((2 * len(mine & b) / (len(mine) + len(b) or 1), s) for s in sentences for b in (facts.bigrams(s),)),
               default=(0.0, ""))


ANCHOR_MIN = 2  # characters matched on each side of an edit of the sentence a claim restates


def anchored_edits(claim: str, sentences: Sequence[str], tags: tuple[str, ...]
                    ) -> Iterator[tuple[str, str, tuple[int, int, int, int]]]:
    """(passage sentence, claim, (i1, i2, j1, j2)) for each edit of the given kinds that turns the sentence the
    claim restates (Dice ≥ .5) into the claim, with at least ANCHOR_MIN equal characters on both sides. A claim
    of several ；-clauses is also read clause by clause, as the passage's sentences end at ；."""
    whole = facts.plain(claim)
    parts = statement_parts(whole, "；;")
    for text in [whole, *parts] if len(parts) > 1 else [whole]:
        dice, best = restated(text, sentences)
        if dice < SAME_STATEMENT:
            continue
        ops = SequenceMatcher(None, best, text, autojunk=False).get_opcodes()
        for k, (tag, i1, i2, j1, j2) in enumerate(ops):
            if tag not in tags or not 0 < k < len(ops) - 1:
                continue
            before, after = ops[k - 1], ops[k + 1]
            if before[0] == after[0] == "equal" and before[2] - before[1] >= ANCHOR_MIN \
                    and after[2] - after[1] >= ANCHOR_MIN:
                yield best, text, (i1, i2, j1, j2)


CLAUSE_EDIT_MIN = 6  # characters of a clause read on its own


def clause_edits(claim: str, sentences: Sequence[str], tags: tuple[str, ...]
                 ) -> Iterator[tuple[str, str, tuple[int, int, int, int]]]:
    """anchored_edits of the whole claim against the passage sentences, then of each clause of the claim against
    each passage clause: a claim that joins a list's lead-in and its items into one sentence (…的，决策机关应当组织
    决策后评估) or a table cell joining two passage sentences restates them clause by clause."""
    yield from anchored_edits(claim, sentences, tags)
    yield from piece_edits(claim, sentences, tags)


def piece_edits(claim: str, sentences: Sequence[str], tags: tuple[str, ...]
                ) -> Iterator[tuple[str, str, tuple[int, int, int, int]]]:
    """The clause-by-clause half of clause_edits: each clause of the claim against each passage clause."""
    clauses = [c for s in sentences for c in re.split(r"[，,；;。：:]", s) if len(c) >= CLAUSE_EDIT_MIN]
    for piece in re.split(r"[，,；;。：:|]", facts.plain(claim)):
        if len(piece.strip()) >= CLAUSE_EDIT_MIN:
            yield from anchored_edits(piece, clauses, tags)


def statement_parts(text: str, ends: str = "；;。") -> list[str]:
    """`text` cut after each of `ends`, empty pieces left out: the statements a passage sentence may restate."""
    return [p for p in re.split(f"(?<=[{ends}])", text) if p.strip(ends + " ")]
