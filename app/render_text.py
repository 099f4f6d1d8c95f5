"""Plain-text rendering for the terminal (the web page renders in app/render.py)."""
from __future__ import annotations

from collections import Counter

from app.schema import Answer, BuildReport, Chunk, Hit, Skipped

_STATUS = {"ok": "完成", "partial": "部分完成（有文件被跳过）", "unchanged": "语料未变化，索引无需更新"}


def build_summary(r: BuildReport) -> str:
    lines = [f"索引{_STATUS[r.status]}：{r.documents} 个文档，{r.chunks} 个切片；"
             f"新向量化 {r.embedded} 个，删除过期 {r.deleted} 个；用时 {r.seconds:.1f} 秒。"]
    lines += [f"  跳过 {s.source}：{s.reason}" for s in r.skipped]
    return "\n".join(lines)


def stats_text(chunks: list[Chunk], skipped: list[Skipped], manifest=None) -> str:
    docs: Counter[str] = Counter()
    for _src, kind in {(c.source, c.doc_type) for c in chunks}:
        docs[kind] += 1
    laws = [c for c in chunks if c.doc_type == "law"]
    per_law = Counter((c.title, c.version) for c in {(c.title, c.version, c.article): c for c in laws}.values())
    sections = sorted({c.section for c in chunks if c.doc_type == "report"}, key=_section_order(chunks))
    out = [f"文档：共 {sum(docs.values())} 个（法律法规 {docs['law']}，工作报告 {docs['report']}，其他 {docs['other']}）",
           f"条文：{len({(c.title, c.version, c.article) for c in laws})} 条（{len(per_law)} 个法律版本），切片 {len(chunks)} 个",
           "", "各法律版本条文数："]
    current = {(c.title, c.version) for c in laws if c.is_current}
    out += [f"  {t}（{v or '无版本日期'}）{'' if (t, v) in current else '［旧版］'}：{n} 条"
            for (t, v), n in sorted(per_law.items(), key=lambda x: (x[0][0], x[0][1] or ""))]
    out += ["", f"报告段落：{sum(1 for c in chunks if c.doc_type == 'report')} 个，章节 {len(sections)} 个：" + "、".join(s for s in sections if s)]
    out += ["", f"跳过的文件：{len(skipped)} 个"] + [f"  {s.source}：{s.reason}" for s in skipped]
    if manifest:
        out.append(f"\n索引：{manifest.generation}，{manifest.chunks} 个切片，向量模型 {manifest.embedder}，建于 {manifest.built_at}")
    else:
        out.append("\n索引：尚未建立（运行 lawdesk build）")
    return "\n".join(out)


def _section_order(chunks: list[Chunk]):
    order: dict[str | None, int] = {}
    for c in chunks:
        if c.doc_type == "report":
            order.setdefault(c.section, len(order))
    return lambda s: order.get(s, 0)


def hits_text(hits: list[Hit]) -> str:
    if not hits:
        return "没有检索到相关内容。"
    return "\n\n".join(f"{i}. {h.chunk.locator}  [{h.score:.3f} {'/'.join(h.why)}]\n   {h.chunk.text[:160]}"
                       for i, h in enumerate(hits, 1))


def answer_text(a: Answer) -> str:
    out = [a.text]
    if a.resolved_question and a.resolved_question != a.question:
        out.insert(0, f"（理解为：{a.resolved_question}）")
    if a.citations:
        out.append("\n来源：")
        out += [f"[{c.n}] {c.chunk.locator}：“{c.quote}”" for c in a.citations]
    if a.related:
        out.append("\n可能相关：")
        out += [f"- {h.chunk.locator}" for h in a.related]
    out += [f"※ {n}" for n in a.notices]
    return "\n".join(out)
