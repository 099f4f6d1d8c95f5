"""Assembling what is shown from the units the verifier kept (pure): lead-ins and headings left without their
claims go, markers are renumbered in order, each citation quotes the passage sentence that best supports its
claims, and the notices say what was removed, repaired or re-pointed."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from app.answer.verify import facts
from app.answer.verify.claims import Kind, Unit, body, is_exempt, markers, with_markers
from app.answer.verify.support import Reason
from app.schema import Chunk, Citation

REPOINTED = "已将 {n} 句的出处改为实际支持它的资料（句中标有“出处已更正”）。"
CITED = "已为 {n} 句未标注出处的内容补上了支持它的资料编号。"
REPAIRED = "已删除 {n} 处与所引资料不符的条文序号或法律名称。"


def once_each(kept: Sequence[Unit | None], repointed: Sequence[bool]) -> list[Unit | None]:
    """Two claims of one passage sentence re-pointed to it would show its quote twice: the second goes."""
    seen: set[str] = set()
    out = list(kept)
    for i, (u, moved) in enumerate(zip(kept, repointed)):
        if u is not None and moved:
            out[i] = None if body(u.text) in seen else u
            seen.add(body(u.text))
    return out


def carry_markers(units: Sequence[Unit], kept: Sequence[Unit | None]) -> list[Unit | None]:
    """A removed cited lead-in (1. 本局工作回顾[1]) leaves its items, checked against its passage, without a marker:
    each kept item takes the lead-in's markers, so what it states is still shown with its source."""
    out = list(kept)
    for i, u in enumerate(units):
        if kept[i] is not None or not (u.lead_in and u.own):
            continue
        for j in range(i + 1, len(units)):
            v, w = units[j], out[j]
            if v.kind is Kind.BLANK or v.scope != u.own or not v.context:
                break
            if w is not None and not markers(w.text):
                out[j] = replace(w, text=with_markers(w.text, u.own), own=u.own)
    return out


def drop_dangling(units: Sequence[Unit], kept_or_none: Sequence[Unit | None]) -> list[Unit]:
    """Kept units; a lead-in whose items were all removed goes too, and a table whose rows all went."""
    kept = list(kept_or_none)
    for i, u in enumerate(units):
        if kept[i] is None or not u.lead_in:
            continue
        items = []
        for j in range(i + 1, len(units)):
            v = units[j]
            if v.kind in (Kind.ITEM, Kind.ROW) or (v.kind is Kind.HEADING and v.text.lstrip().startswith("|")):
                items.append(j)
            elif v.kind is Kind.BLANK and not items:
                continue
            elif v.kind is Kind.SENTENCE and items and v.line == units[items[-1]].line:
                items.append(j)
            else:
                break
        real = [j for j in items if units[j].kind is not Kind.HEADING]
        if real and all(kept[j] is None for j in real):
            kept[i] = None
            for j in items:
                kept[j] = None
    return [u for u in kept if u is not None]


def tidy(units: list[Unit]) -> str:
    """Headings and lead-ins whose section lost every claim go (a heading before removed text would be an
    orphan, and could itself be injected text); lines whose units were all removed disappear."""
    keep: list[Unit] = []
    supported = False  # a kept claim follows, before the next heading
    for u in reversed(units):
        bare = u.kind is not Kind.BLANK and not markers(u.text) and not u.claim and not is_exempt(u.text)
        if bare and not supported:
            continue
        if bare and (u.lead_in or u.kind is Kind.HEADING and not u.text.lstrip().startswith("|")):
            supported = supported and not u.lead_in  # a lead-in's claims are its list; headings above may share
        elif not bare and u.kind is not Kind.BLANK and not is_exempt(u.text):
            supported = True
        keep.append(u)
    lines: dict[int, str] = {}
    for u in reversed(keep):
        lines[u.line] = lines.get(u.line, "") + u.text
    return "\n".join(lines[n].rstrip() for n in sorted(lines)).strip()


def renumber(text: str) -> tuple[str, dict[int, int]]:
    """Markers become 1..k in order of first appearance; a repeated [n][n] collapses to one."""
    order = {old: new for new, old in enumerate(dict.fromkeys(markers(text)), 1)}
    text = facts.MARKER.sub(lambda m: f"[{order[int(m.group(1))]}]", text)
    return re.sub(r"(\[\d+\])(?:\1)+", r"\1", text), order


def best_quote(chunk: Chunk, claims: str | Sequence[str]) -> str:
    """The passage sentence that best supports the claims (summed share of each claim it covers); an exact
    substring of chunk.text, the first on ties."""
    wanted = [facts.bigrams(c) for c in ([claims] if isinstance(claims, str) else claims)]
    wanted = [w for w in wanted if w] or [frozenset()]
    sentences = [s.strip() for s in re.split(r"(?<=[。；！？;!?])|\n", chunk.text) if s.strip()] or [chunk.text]

    def score(s: str) -> float:
        b = facts.bigrams(s)
        return sum(len(b & w) / len(w) for w in wanted if w)

    return max(sentences, key=score)


def citations(kept: list[Unit], order: dict[int, int], passages: Sequence[Chunk]) -> tuple[Citation, ...]:
    by = {old: [f"{u.context} {body(u.text)}" for u in kept if old in u.scope] for old in order}
    return tuple(Citation(n, passages[o - 1], best_quote(passages[o - 1], by[o] or [""])) for o, n in order.items())


def notices(failures: dict[Reason, int], repointed: int, repaired: int, cited: int = 0) -> tuple[str, ...]:
    out = [f"已删除 {failures[r]} 句：{r.value}。" for r in Reason if failures.get(r)]
    if cited:
        out.append(CITED.format(n=cited))
    if repaired:
        out.append(REPAIRED.format(n=repaired))
    if repointed:
        out.append(REPOINTED.format(n=repointed))
    return tuple(out)
