"""Chat answers to "新旧…有什么变化": the version diff of the trainer toolkit, quoted and cited."""
from __future__ import annotations

import re
from collections.abc import Sequence

from app.answer.extractive import best_sentences
from app.retrieve.query import QueryPlan, TitleIndex, analyse
from app.schema import Chunk, Citation
from app.training.diff import DiffPair, LawDiff, notable, diff_law, summarise_diff

ASKS_CHANGE = re.compile(r"变化|变动|修改了|修订了|改了|新旧|有什么不同|有何不同|区别|对比|修订内容|修改内容|哪些修改|哪些修订")
COMPUTED = "版本对照由系统逐条比对新旧条文得出（统计数字为比对结果，非法律原文）。"


def wants_changes(question: str) -> bool:
    return bool(ASKS_CHANGE.search(question))


def _chunk_of(chunks: Sequence[Chunk], title: str, version: str, label: str) -> Chunk | None:
    return next((c for c in chunks if c.title == title and c.version == version and c.article == label), None)


def _pairs_for(diff: LawDiff, plan: QueryPlan) -> list[DiffPair]:
    if plan.articles:
        wanted = {a.article_no for a in plan.articles}
        hit = [p for p in diff.pairs if (p.to_article and p.to_article.number in wanted)]
        return hit or [p for p in diff.pairs if p.from_article and p.from_article.number in wanted]
    return notable(diff, "modified", 2) + notable(diff, "added", 1)


def _line(p: DiffPair, diff: LawDiff, chunks: Sequence[Chunk], n: int, question: str) -> tuple[str, list[Citation]]:
    cites: list[Citation] = []
    parts: list[str] = []
    for art, ref in ((p.to_article, diff.new), (p.from_article, diff.old)):
        c = _chunk_of(chunks, ref.title, ref.version, art.label) if art else None
        if c and art:
            quote = best_sentences(c, question, limit=1)
            n_here = n + len(cites)
            cites.append(Citation(n_here, c, quote))
            parts.append(f"{ref.year}年版{art.label}：“{quote}”[{n_here}]")
    status = {"added": "新增", "removed": "删除", "modified": "修改", "unchanged": "未改"}[p.status]
    return f"- （{status}）" + "；".join(parts), cites


def answer_changes(chunks: Sequence[Chunk], titles: TitleIndex, question: str,
                   history: tuple[str, ...]) -> tuple[str, str, tuple[Citation, ...]] | None:
    """(text, quoted part, citations) when the question asks what changed in a law held in two versions."""
    if not wants_changes(question):
        return None
    plan = analyse(question, titles, history)
    law = plan.laws[0] if plan.laws else None
    versions = sorted({c.version for c in chunks if c.title == law and c.version}) if law else []
    if law is None or len(versions) < 2:
        return None
    diff = diff_law(list(chunks), law, versions[-2][:4], versions[-1][:4])
    quoted: list[str] = []
    cites: list[Citation] = []
    for p in _pairs_for(diff, plan):
        line, cs = _line(p, diff, chunks, len(cites) + 1, question)
        quoted.append(line)
        cites += cs
    body = "\n".join(quoted)
    text = f"{summarise_diff(diff)}\n\n主要变化：\n{body}\n\n（{COMPUTED}可在“培训工具”中查看完整对照。）"
    return text, body, tuple(cites)
