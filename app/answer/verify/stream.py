"""Verified streaming: the model's deltas are buffered and only verified text leaves.

Each time a claim is complete (a sentence with the markers after it, a list item or table row at its line end)
the settled prefix of the reply is verified again (per-claim results are cached) and whatever the verified text
gained at its end is released. Claims still waiting for a marker later in their paragraph, and lead-ins still
waiting for their items, are not in the verified text yet, so released text is never withdrawn.
"""
from __future__ import annotations

import logging

from app.answer.verify.claims import normalise_markers, split_lines, split_sentences
from app.answer.verify.core import Verified, Verifier

log = logging.getLogger(__name__)


def settled_end(text: str) -> int:
    """Length of the prefix of `text` whose units are complete: every full line, and on the last line every
    sentence already followed by something other than a marker or white space (its markers have arrived)."""
    lines = split_lines(text)
    done = sum(len(ln) + 1 for ln in lines[:-1])
    pieces = split_sentences(lines[-1])
    if len(pieces) < 2:
        return done
    tail = pieces[-1]
    complete = pieces[:-1] if tail.strip() and not tail.lstrip().startswith(("[", "［", "【")) else pieces[:-2]
    return done + sum(len(p) for p in complete)


class StreamVerifier:
    """feed() deltas, get back the verified text to show now; close() gives the final verification."""

    def __init__(self, verifier: Verifier):
        self.verifier = verifier
        self.raw = ""
        self.shown = ""
        self._cut = 0

    def feed(self, delta: str) -> str:
        self.raw += delta
        text = normalise_markers(self.raw)
        cut = settled_end(text)
        if cut <= self._cut:
            return ""
        self._cut = cut
        return self._release(self.verifier.verify(text[:cut], complete=False).text)

    def _release(self, verified: str) -> str:
        if not verified.startswith(self.shown):
            # cannot happen by construction (see module doc); if it does, show nothing more rather than rewrite
            log.warning("verified stream diverged; holding further text until the final answer")
            return ""
        new, self.shown = verified[len(self.shown):], verified
        return new

    def close(self) -> tuple[Verified, str]:
        """The whole reply verified, and the verified text not released yet (empty if it diverged)."""
        final = self.verifier.verify(self.raw)
        return final, self._release(final.text) if final.text.startswith(self.shown) else ""
