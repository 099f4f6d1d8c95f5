"""Escaped HTML of an article with its cross-reference links, 款 anchors and a highlighted quote; the table of
contents of a sectioned document. Pure; every piece of document text is escaped here before it meets markup."""
from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence

from app.crossref import ArticleTable, Link, anchor, find_links, paragraphs_of
from app.schema import Chunk


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def linked_html(text: str, links: Sequence[Link] = (), quote: str | None = None) -> str:
    """text escaped, each link an <a class="ld-xref">, the first occurrence of quote in <mark>, lines as <br>."""
    q = text.find(quote) if quote else -1
    q_end = q + len(quote or "")
    bounds = {0, len(text), *(p for lk in links for p in (lk.start, lk.end)), *((q, q_end) if q >= 0 else ())}
    points = sorted(b for b in bounds if 0 <= b <= len(text))
    out = []
    for a, b in zip(points, points[1:]):
        seg = esc(text[a:b])
        link = next((lk for lk in links if lk.start <= a and b <= lk.end), None)
        if link is not None:
            seg = (f'<a class="ld-xref" href="#{link.target.anchor}" data-ref="{esc(link.target.reference)}" '
                   f'title="{esc(link.target.reference)}">{seg}</a>')
        if q >= 0 and q <= a and b <= q_end:
            seg = f"<mark>{seg}</mark>"
        out.append(seg)
    return "".join(out).replace("\n", "<br>")


def article_html(c: Chunk, table: ArticleTable | None, quote: str | None = None) -> str:
    """One law chunk's text with its references linked (no anchors: it may sit in several places on a page)."""
    links = find_links(c.text, c, table) if table is not None else []
    return linked_html(c.text, links, quote)


def law_body_html(c: Chunk, table: ArticleTable, first_k: int, target_k: int | None = None) -> tuple[str, int]:
    """The chunk's 款, each in a span with its anchor (first_k is the number of the chunk's first 款: a long
    article's later parts continue the count), links inside; returns (html, number of the next 款)."""
    links = find_links(c.text, c, table)
    out, pos, k = [], 0, first_k
    for par in paragraphs_of(c.text):
        start = c.text.index(par, pos)
        end = start + len(par)
        mine = [Link(lk.start - start, lk.end - start, lk.target) for lk in links if start <= lk.start < end]
        cls = "ld-kuan ld-ktarget" if k == target_k else "ld-kuan"
        out.append(f'<span class="{cls}" id="{anchor(c.title, c.version, c.article or "", k)}">'
                   f"{linked_html(par, mine)}</span>")
        pos, k = end, k + 1
    return "<br>".join(out), k


def section_anchor(source: str, path: Sequence[str]) -> str:
    return "sec-" + hashlib.sha1("|".join([source, *path]).encode()).hexdigest()[:12]


def toc_html(chunks: Sequence[Chunk]) -> str:
    """目录 of a report or policy document: every heading, indented by level, linking to its place."""
    seen: set[tuple[str, ...]] = set()
    items = []
    for c in chunks:
        for d in range(len(c.heading_path)):
            path = c.heading_path[:d + 1]
            if path not in seen:
                seen.add(path)
                items.append(f'<li class="ld-toc{d + 1}"><a class="ld-xref" href="#{section_anchor(c.source, path)}">'
                             f"{esc(path[-1])}</a></li>")
    if not items:
        return ""
    return f'<details class="ld-toc" open><summary>目录</summary><ul>{"".join(items)}</ul></details>'
