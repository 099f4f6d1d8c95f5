"""Claim-level verification of answers against the passages they cite (see core.verify_answer)."""
from app.answer.verify.claims import markers, normalise_markers, split_sentences, states_fact
from app.answer.verify.assemble import best_quote
from app.answer.verify.core import NOTHING_LEFT, Verified, Verifier, verify_answer
from app.answer.verify.facts import figures
from app.answer.verify.support import Reason

__all__ = [
    "NOTHING_LEFT", "Reason", "Verified", "Verifier", "best_quote", "figures", "markers", "normalise_markers",
    "split_sentences", "states_fact", "verify_answer",
]
