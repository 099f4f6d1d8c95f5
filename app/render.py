"""Pure rendering of answers, citations, notices and browser views to Markdown/HTML.

Every text from a question, an answer or a document is escaped here before it meets markup;
the UI composes nothing else.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from app.profile import DEFAULT_PROFILE
from app.crossref import ArticleTable, anchor
from app.render_markup import article_html, law_body_html, section_anchor
from app.audiences import AUDIENCES
from app.schema import Answer, Chunk, KBStats, LawInfo

MARKER = re.compile(r"\[(\d{1,3})\]")
_MD_INLINE = re.compile(r"([\\`*_\[\]()~$|])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=])", re.M)  # ">" is escaped to &gt; anyway
_MD_LIST_NO = re.compile(r"^(\s*\d+)([.)])", re.M)
CATEGORIES = ("法律", "司法解释", "行政法规", "部门规章", "地方性法规", "工作报告", "其他文件")
APP_TITLE = DEFAULT_PROFILE.page_title  # the default scope's; a deployment passes its own scope's title


def esc(text: str | None) -> str:
    """HTML-escape (quotes too) so a document or question can never become markup."""
    return html.escape(text or "", quote=True)


def md_inert(text: str | None) -> str:
    """Text made inert for a Markdown renderer: no emphasis, links, lists, math or HTML survive."""
    t = _MD_INLINE.sub(r"\\\1", text or "")
    t = _MD_LIST_NO.sub(r"\1\\\2", _MD_LINE_START.sub(r"\1\\\2", t))
    return esc(t)


def src_id(turn: int, n: int) -> str:
    return f"src-{turn}-{n}"


# ---------- chat messages (Markdown, shown in the Chatbot) ----------

def question_markdown(question: str) -> str:
    return md_inert(question)


def partial_markdown(text: str) -> str:
    """A streaming answer as it arrives: plain text, markers not yet linked."""
    return md_inert(text) + " ▌"


def answer_markdown(answer: Answer, turn: int) -> str:
    """The answer text with each [n] linked to its passage in the sources panel, then notices."""
    cited = {c.n for c in answer.citations}
    out, pos = [], 0
    for m in MARKER.finditer(answer.text):
        out.append(md_inert(answer.text[pos:m.start()]))
        n = int(m.group(1))
        out.append(f"[\\[{n}\\]](#{src_id(turn, n)})" if n in cited else md_inert(m.group(0)))
        pos = m.end()
    out.append(md_inert(answer.text[pos:]))
    body = "".join(out)
    if answer.related:
        items = "\n".join(f"- {md_inert(h.chunk.locator)}" for h in answer.related)
        body += f"\n\n**可能相关**（仅供参考，原文见“依据原文”）：\n{items}"
    if answer.notices:
        body += "\n\n" + "\n".join(f"> 提示：{md_inert(n)}" for n in answer.notices)
    return body


def notice_markdown(message: str) -> str:
    """A notice standing in for an answer (error, limit)."""
    return f"> 提示：{md_inert(message)}"


# ---------- sources panel (HTML) ----------

def _lines(escaped: str) -> str:
    return escaped.replace("\n", "<br>")


def highlight(text: str, quote: str | None) -> str:
    """Escaped text with the first occurrence of quote wrapped in <mark>."""
    i = text.find(quote) if quote else -1
    if i < 0 or not quote:
        return _lines(esc(text))
    j = i + len(quote)
    return _lines(f"{esc(text[:i])}<mark>{esc(text[i:j])}</mark>{esc(text[j:])}")


def version_label(chunk: Chunk) -> str:
    if chunk.doc_type != "law":
        return ""
    when = f"{chunk.version} 版" if chunk.version else "版本未注明"
    return f"{when} · {'现行有效' if chunk.is_current else '已修订（旧版）'}"


def place_label(chunk: Chunk) -> str:
    """第二十条 / 第二十条（第2部分） or the report section."""
    if chunk.doc_type == "law":
        return f"{chunk.article or ''}" + (f"（第{chunk.part}部分）" if chunk.part else "")
    return chunk.section or ""


def passage_head(chunk: Chunk) -> str:
    ver, path = version_label(chunk), " › ".join(chunk.heading_path)
    return (f'<div class="ld-loc"><span class="ld-title">《{esc(chunk.title)}》</span> '
            f'<span class="ld-place">{esc(place_label(chunk))}</span></div>'
            + (f'<div class="ld-ver">{esc(ver)}</div>' if ver else "")
            + (f'<div class="ld-path">{esc(path)}</div>' if path else ""))


def context_html(context: Sequence[Chunk], focus: Chunk, quote: str | None,
                 table: ArticleTable | None = None) -> str:
    """The whole article / report section, the cited part marked and its quote highlighted; with a table,
    the article's references to other articles (本法第五十七条、前款…) are links."""
    if not context:
        return '<p class="ld-muted">暂无全文。</p>'
    parts = []
    for c in context:
        mine = c.chunk_id == focus.chunk_id
        body = article_html(c, table, quote if mine else None)
        parts.append(f'<p class="ld-ctx{" ld-focus" if mine else ""}">{body}</p>')
    return "".join(parts)


def related_html(related: Sequence[Chunk], table: ArticleTable | None = None) -> str:
    """Articles a cited article relies on (违反本法第十二条…), listed under it."""
    if not related:
        return ""
    items = "".join(f'<li class="ld-rel">{passage_head(r)}<blockquote>{article_html(r, table)}</blockquote></li>'
                    for r in related)
    return f'<div class="ld-subhead">相关条文</div><ul class="ld-cites">{items}</ul>'


def sources_block(answer: Answer, turn: int, contexts: dict[str, list[Chunk]],
                  related: dict[str, list[Chunk]] | None = None, table: ArticleTable | None = None) -> str:
    """One answer's cited passages (and related passages when declined) for the sources panel; related: the
    articles each cited article relies on, by chunk id; table: links the references inside the texts."""
    mode = "原文摘录" if answer.mode == "extractive" else "大模型生成，引文已逐条核对"
    relied = related or {}
    items = [
        f'<li class="ld-cite" id="{src_id(turn, c.n)}"><span class="ld-n">[{c.n}]</span>'
        f'{passage_head(c.chunk)}<blockquote>{article_html(c.chunk, table, c.quote)}</blockquote>'
        f'<details><summary>查看全文</summary><div class="ld-full">'
        f'{context_html(contexts.get(c.chunk.chunk_id, ()), c.chunk, c.quote, table)}</div></details>'
        f'{related_html(relied.get(c.chunk.chunk_id, ()), table)}</li>'
        for c in answer.citations]
    maybe = "".join(
        f'<li class="ld-cite ld-related">{passage_head(h.chunk)}'
        f'<blockquote>{_lines(esc(h.chunk.text))}</blockquote></li>' for h in answer.related)
    body = f'<ol class="ld-cites">{"".join(items)}</ol>' if items else ""
    if maybe:
        body += f'<div class="ld-subhead">可能相关</div><ul class="ld-cites">{maybe}</ul>'
    body = body or '<p class="ld-muted">本回答没有引用依据。</p>'
    return (f'<section class="ld-turn" id="turn-{turn}"><div class="ld-q">第 {turn} 问：'
            f'{esc(answer.question)}</div><div class="ld-mode">回答方式：{mode}</div>{body}</section>')


def sources_panel(blocks: Sequence[str]) -> str:
    """All answers' source blocks, newest first."""
    if not blocks:
        return ('<div class="ld-sources"><p class="ld-muted">提问后，这里列出回答所依据的原文；'
                '点击回答中的 [1] 可跳到对应原文。</p></div>')
    return '<div class="ld-sources">' + "".join(reversed(blocks)) + "</div>"


def notices_html(notices: Iterable[str]) -> str:
    return "".join(f'<div class="ld-notice" role="status">{esc(n)}</div>' for n in notices if n)


# ---------- header, disclaimer, stats ----------

def header_html(stats: KBStats | None, public: bool, title: str = APP_TITLE) -> str:
    sub = "面向群众的法律咨询" if public else "工作人员版"
    holds = ""
    if stats:
        holds = f"｜收录法律法规 {stats.laws} 部（{stats.law_versions} 个版本）、条文 {stats.articles} 条"
        if stats.report_sections:  # a library deployment holds no report
            holds += f"，以及《{stats.report_title or '工作报告'}》（{stats.report_sections} 节）"
        holds += f"、其他文件 {stats.other_docs} 份" if stats.other_docs else ""
    return (f'<div class="ld-header"><h1>{esc(title)}</h1>'
            f'<div class="ld-sub">{sub}{esc(holds)}。每个回答都标注原文出处。</div></div>')


DISCLAIMER = ("本页面回答由系统依据法律法规原文和工作报告自动生成，仅供参考，不构成法律意见，"
              "也不代表行政机关的正式答复。具体事项请以有关部门的正式答复和现行有效的法律法规为准。")


def disclaimer_html() -> str:
    return f'<div class="ld-disclaimer" role="note">{esc(DISCLAIMER)}</div>'


def stats_html(stats: KBStats) -> str:
    rows = [("文件", stats.documents), ("法律法规（部）", stats.laws), ("法规版本", stats.law_versions),
            ("条文", stats.articles), ("报告节", stats.report_sections), ("其他文件", stats.other_docs),
            ("检索片段", stats.chunks)]
    cells = "".join(f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in rows)
    built = f"<p>索引时间：{esc(stats.built_at)}</p>" if stats.built_at else ""
    skipped = "".join(f"<li>{esc(s.source)}：{esc(s.reason)}</li>" for s in stats.skipped)
    skipped = f"<p>未能读取的文件：</p><ul>{skipped}</ul>" if skipped else ""
    return f'<table class="ld-stats">{cells}</table>{built}{skipped}'


def feedback_html(rows: Sequence, empty: str) -> str:
    """Feedback rows (app.feedback.FeedbackRow) as an escaped table."""
    if not rows:
        return f'<p class="ld-muted">{esc(empty)}</p>'
    mark = {"up": "有帮助", "down": "没帮助", None: "未能回答"}
    who = {str(k): spec.label for k, spec in AUDIENCES.items()}
    body = "".join(
        f"<tr><td>{esc(r.created_at[:16].replace('T', ' '))}</td><td>{esc(r.question)}"
        f"{f' <span class=ld-muted>×{r.count}</span>' if r.count > 1 else ''}</td>"
        f"<td>{mark.get(r.rating, '')}{'（未能回答）' if r.declined and r.rating else ''}</td>"
        f"<td>{esc(r.comment)}</td><td>{esc(who.get(r.audience, r.audience))}</td></tr>" for r in rows)
    return ('<table class="ld-fb"><tr><th>时间</th><th>问题</th><th>评价</th><th>意见</th>'
            f"<th>身份</th></tr>{body}</table>")


# ---------- law / report browser ----------

def law_key(info: LawInfo) -> str:
    return f"{info.category}|{info.title}|{info.version or ''}"


def split_law_key(key: str) -> tuple[str, str, str | None]:
    category, title, version = key.split("|", 2)
    return category, title, version or None


def law_label(info: LawInfo) -> str:
    if info.category == "工作报告" or not info.version:
        return f"{info.category}｜{info.title}"
    return f"{info.category}｜{info.title}（{info.version}，{'现行' if info.is_current else '旧版'}）"


def law_choices(laws: Iterable[LawInfo]) -> list[tuple[str, str]]:
    """Dropdown choices grouped by category (法律 / 行政法规 / 地方性法规 / 工作报告 / 其他文件)."""
    order = {c: i for i, c in enumerate(CATEGORIES)}
    ranked = sorted(laws, key=lambda i: (order.get(i.category, len(order)), i.title, i.version or ""))
    return [(law_label(i), law_key(i)) for i in ranked]


def laws_overview_html(laws: Sequence[LawInfo]) -> str:
    groups = []
    for cat in CATEGORIES:
        members = [i for i in laws if i.category == cat]
        rows = "".join(f"<li>{esc(i.title)}{_overview_meta(i)}</li>" for i in members)
        if members:
            groups.append(f"<details><summary>{esc(cat)}（{len(members)}）</summary><ul>{rows}</ul></details>")
    return f'<div class="ld-overview">{"".join(groups)}</div>'


def _overview_meta(i: LawInfo) -> str:
    if i.category == "工作报告":
        return ""
    ver = f' <span class="ld-ver">{esc(i.version or "")} {"现行" if i.is_current else "旧版"}</span>'
    return ver + (f' <span class="ld-muted">{i.articles} 条</span>' if i.articles else "")


def _headings(prev: tuple[str, ...], cur: tuple[str, ...], source: str) -> str:
    """Heading lines for the levels of cur that differ from prev, each with the anchor the 目录 links to."""
    same = 0
    while same < min(len(prev), len(cur)) and prev[same] == cur[same]:
        same += 1
    return "".join(f'<div class="ld-h ld-h{d + 1}" id="{section_anchor(source, cur[:d + 1])}">{esc(h)}</div>'
                   for d, h in enumerate(cur) if d >= same)


def document_html(chunks: Sequence[Chunk], target_ids: Iterable[str] = (), table: ArticleTable | None = None,
                  paragraph: int | None = None) -> str:
    """A law (articles in order under their 章/节, an anchor per article and per 款, references linked) or a
    report / policy document (paragraphs under their sections; its 目录 is render_markup.toc_html).
    paragraph: the 款 of the target article to mark; table: where references to other laws can point
    (default: this document only)."""
    if not chunks:
        return '<p class="ld-muted">没有可显示的内容。</p>'
    targets, first = set(target_ids), chunks[0]
    table = table if table is not None else ArticleTable(list(chunks))
    out = [f'<div class="ld-doc-title">《{esc(first.title)}》</div>']
    if version_label(first):
        out.append(f'<div class="ld-ver">{esc(version_label(first))}</div>')
    prev: tuple[str, ...] = ()
    next_k: dict[str | None, int] = {}
    for c in chunks:
        out.append(_headings(prev, c.heading_path, c.source))
        prev = c.heading_path
        cls = "ld-art ld-target" if c.chunk_id in targets else "ld-art"
        if c.doc_type == "law" and c.article:
            start = next_k.get(c.article, 1)
            body, next_k[c.article] = law_body_html(c, table, start, paragraph if c.chunk_id in targets else None)
            if start == 1:  # the article's anchor wraps its first part: a link to it outlines the article
                body = f'<span class="ld-anchor" id="{anchor(c.title, c.version, c.article)}">{body}</span>'
            out.append(f'<p class="{cls}" id="art-{esc(c.chunk_id)}">{body}</p>')
            continue
        label = f'<span class="ld-sec">{esc(c.section)}</span> ' if c.section else ""
        out.append(f'<p class="{cls}" id="art-{esc(c.chunk_id)}">{label}{_lines(esc(c.text))}</p>')
    return '<div class="ld-doc">' + "".join(out) + "</div>"
