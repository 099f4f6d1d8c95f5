"""Verify cases (`lawdesk verify --cases F.jsonl`): passages and a reply in, what the user would be shown out.

A passage is given either with its text ({"n", "title", "version", "article", "section", "text"}) or as a
reference into the corpus ({"law": full title, "version", "article"} or {"doc": "report", "section"}), whose
text is filled in from the corpus chunks at run time, so law texts are not copied into case files.
"""
from __future__ import annotations

from typing import Any

from collections.abc import Iterable, Sequence

from app.answer.llm_finish import Shown, finish_reply, pieces_from_passages
from app.answer.verify.core import Verifier
from app.schema import Chunk, DocType, make_chunk_id
from app.text import cn_to_int, short_title


class CaseError(ValueError):
    """A case names a passage the corpus does not hold."""


def _article_no(article: str | None) -> int | None:
    if not article:
        return None
    digits = article.removeprefix("第").split("条")[0]
    return int(digits) if digits.isdigit() else cn_to_int(digits)


def passage_chunk(p: dict[str, Any]) -> Chunk:
    """A Chunk for a passage given with its text: doc_type law when it has an article, report when the
    title names a 报告, else other."""
    title, article, section, text = p.get("title") or "", p.get("article"), p.get("section"), p.get("text") or ""
    doc_type: DocType = "law" if article else ("report" if "报告" in title else "other")
    version = p.get("version")
    return Chunk(
        chunk_id=make_chunk_id(f"case/{title}", version, article or section or "", text), doc_type=doc_type,
        title=title, short_title=short_title(title), version=version, is_current=True, article=article,
        article_no=_article_no(article), part=None, heading_path=(), section=section, text=text,
        source=f"case/{title}",
    )


def _find(ref: dict[str, Any], chunks: Sequence[Chunk]) -> Chunk:
    if ref.get("doc") == "report":
        found = [c for c in chunks if c.doc_type == "report" and c.section == ref.get("section")]
    else:
        found = [c for c in chunks if c.doc_type == "law" and c.title == ref.get("law")
                 and c.article == ref.get("article") and (not ref.get("version") or c.version == ref["version"])]
    if not found:
        raise CaseError(f"语料中找不到资料：{ref}")
    if len(found) == 1:
        return found[0]
    text = "\n".join(c.text for c in found)  # a long article split at 款 boundaries, joined back
    return Chunk(**{**found[0].to_json(), "heading_path": found[0].heading_path, "text": text, "part": None})


def case_passages(case: dict[str, Any], corpus: Sequence[Chunk] | None = None) -> list[Chunk]:
    """The case's passages in order; references are resolved against `corpus` (needed only when used)."""
    out = []
    for p in sorted(case.get("passages") or [], key=lambda p: p.get("n", 0)):
        if "text" in p:
            out.append(passage_chunk(p))
        elif corpus is None:
            raise CaseError("资料以引用方式给出，需要语料目录来读取原文。")
        else:
            out.append(_find(p, corpus))
    return out


def needs_corpus(cases: Iterable[dict[str, Any]]) -> bool:
    return any("text" not in p for c in cases for p in c.get("passages") or [])


def run_case(case: dict[str, Any], corpus: Sequence[Chunk] | None = None) -> tuple[Shown, list[Chunk]]:
    passages = case_passages(case, corpus)
    audience = case.get("audience") or "staff"
    question = case.get("question") or ""
    pieces = pieces_from_passages(question, passages)
    return finish_reply(question, case.get("reply") or "", Verifier(passages, question), audience, pieces), passages


def case_output(case: dict[str, Any], corpus: Sequence[Chunk] | None = None) -> dict[str, Any]:
    shown, _ = run_case(case, corpus)
    return {"id": case.get("id"), "text": shown.text, "removed": list(shown.removed), "notices": list(shown.notices),
            "mode": shown.mode, "declined": shown.declined}
