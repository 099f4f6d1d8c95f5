"""Errors with messages written for the people who read them (staff, citizens, operators)."""


class LawdeskError(Exception):
    """Base class: str(err) is a message fit to show a user."""


class CorpusError(LawdeskError):
    """The corpus folder is missing or holds nothing indexable."""


class FileSkipped(LawdeskError):
    """One file could not be read; it is reported and skipped."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class IndexMissing(LawdeskError):
    """No index has been built yet."""


class IndexMismatch(LawdeskError):
    """The index was built with another embedder."""


class IndexLocked(LawdeskError):
    """Another build holds the lock."""


class StoreUnavailable(LawdeskError):
    """The vector store (e.g. a Chroma server) cannot be reached."""


class LLMUnavailable(LawdeskError):
    """The chat model endpoint failed; callers fall back to extractive answers."""


class EmbedderError(LawdeskError):
    """The embedder could not be loaded or called."""


class BadQuestion(LawdeskError):
    """A question that cannot be answered as given (empty, too long)."""


class IndexWriteError(LawdeskError):
    """Writing a new index generation failed (e.g. the disk is full); the previous index stays in use."""
