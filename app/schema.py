"""Typed records passed between pipeline stages: Document -> Chunk -> Hit -> Answer(citations)."""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Literal

DocType = Literal["law", "report", "other"]
Mode = Literal["extractive", "llm"]
LegalLevel = Literal["", "法律", "司法解释", "行政法规", "部门规章", "地方性法规", "其他"]  # "" for non-statutes


@dataclass(frozen=True)
class Document:
    """One readable file, its text cleaned of extraction damage."""

    source: str  # path relative to the corpus dir, "/" separated
    text: str
    kind: DocType


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    doc_type: DocType
    title: str
    short_title: str
    version: str | None
    is_current: bool
    article: str | None  # 第二十条
    article_no: int | None
    part: int | None  # 1.. when a long article is split at 款 boundaries
    heading_path: tuple[str, ...]
    section: str | None  # report label, e.g. 一、（四）3
    text: str
    source: str
    level: LegalLevel = ""  # legal rank of a statute (app.chunking.level)

    @property
    def locator(self) -> str:
        """Human label of where the chunk sits: 《…》(2023) 第二十条, or 报告 一、（四）3."""
        if self.doc_type == "law":
            year = f"({self.version[:4]})" if self.version else ""
            return f"《{self.title}》{year} {self.article or ''}".strip()
        if self.doc_type == "report":
            return f"《{self.title}》 {self.section or ''}".strip()
        return f"《{self.title}》 {self.section or ''}".strip()

    def index_text(self) -> str:
        """Text that both indexes see: title and heading path give context words the article lacks."""
        head = " ".join([self.short_title, *self.heading_path])
        if self.article:
            head += f" {self.article}"
        return f"{head}\n{self.text}"

    def to_json(self) -> dict:
        d = asdict(self)
        d["heading_path"] = list(self.heading_path)
        return d

    def contract_json(self) -> dict:
        """The fields `lawdesk chunks --jsonl` promises (design.md); storage keeps the rest too."""
        return {k: v for k, v in self.to_json().items() if k in CHUNK_CONTRACT}

    @classmethod
    def from_json(cls, d: dict) -> "Chunk":
        return cls(**{**d, "heading_path": tuple(d.get("heading_path") or ())})


CHUNK_CONTRACT = ("chunk_id", "doc_type", "title", "short_title", "version", "is_current", "article", "article_no",
                  "part", "heading_path", "section", "text", "source")


def make_chunk_id(source: str, version: str | None, locator: str, text: str) -> str:
    raw = "\x1f".join([source, version or "", locator, text])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


class HitSource(StrEnum):
    """Why a hit is in the list (a str enum: `why == ("lookup",)` still reads as before)."""

    LOOKUP = "lookup"
    LEXICAL = "lexical"
    DENSE = "dense"
    REWRITE = "rewrite"  # found by the LLM's statute-language rewrite of the question
    RERANK = "rerank"  # placed by a rerank endpoint


class Confidence(StrEnum):
    HIGH = "high"
    LOW = "low"


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    why: tuple[HitSource, ...]

    @property
    def is_lookup(self) -> bool:
        return self.why == (HitSource.LOOKUP,)

    def to_json(self) -> dict:
        c = self.chunk
        return {
            "chunk_id": c.chunk_id, "doc_type": c.doc_type, "title": c.title, "version": c.version,
            "article": c.article, "section": c.section, "text": c.text,
            "score": round(self.score, 4), "why": list(self.why),
        }


@dataclass(frozen=True)
class Citation:
    n: int
    chunk: Chunk
    quote: str

    def to_json(self) -> dict:
        c = self.chunk
        return {
            "n": self.n, "chunk_id": c.chunk_id, "doc_type": c.doc_type, "title": c.title,
            "version": c.version, "article": c.article, "section": c.section, "quote": self.quote,
        }


@dataclass(frozen=True)
class Turn:
    role: Literal["user", "assistant"]
    content: str


@dataclass(frozen=True)
class Answer:
    question: str
    resolved_question: str
    text: str
    citations: tuple[Citation, ...]
    declined: bool
    mode: Mode
    notices: tuple[str, ...] = ()
    related: tuple[Hit, ...] = ()  # "可能相关" passages shown with a refusal
    latency_ms: float = 0.0
    audience: str = "staff"
    confidence: Confidence = Confidence.HIGH  # low: no certain answer found; the text lists 可能相关 articles

    def to_json(self, qid: str | None = None) -> dict:
        d = {
            "answer": self.text, "declined": self.declined, "confidence": str(self.confidence), "mode": self.mode,
            "latency_ms": round(self.latency_ms, 1), "resolved_question": self.resolved_question,
            "citations": [c.to_json() for c in self.citations], "notices": list(self.notices),
        }
        return {"id": qid, **d} if qid is not None else d


@dataclass(frozen=True)
class BuildReport:
    documents: int
    chunks: int
    embedded: int
    deleted: int
    skipped: tuple[Skipped, ...] = ()
    seconds: float = 0.0
    status: Literal["ok", "partial", "unchanged"] = "ok"
    notes: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class LawInfo:
    """One law version as the browser lists it."""

    title: str
    short_title: str
    version: str | None
    is_current: bool
    category: str  # a statute's level (法律, 司法解释, 行政法规, 部门规章, 地方性法规), 工作报告 or 其他文件
    articles: int
    source: str


@dataclass(frozen=True)
class KBStats:
    documents: int
    laws: int  # distinct titles
    law_versions: int
    articles: int  # distinct (title, version, article)
    report_sections: int
    other_docs: int
    chunks: int
    skipped: tuple[Skipped, ...] = ()
    built_at: str | None = None
    report_title: str | None = None
