"""Distractors: wrong figures and authorities that look right, and a clause with one element swapped. Pure.

Figures are drawn from the same kind of clause: a time limit (三十日内) gets other time limits of the law, a
penalty (拘留十五日, 罚款五万元) other penalties, so a 期限 question never offers a detention term as an option.
"""
from __future__ import annotations

import math
import random
import re
from collections.abc import Mapping
from enum import Enum

from app.text import int_to_cn
from app.training import FIGURE, Clause, authority_slots, figure_value, figures
from app.training.diff import similarity

MODAL_SWAP = {"应当": "可以", "可以": "应当", "不得": "可以"}
_LADDERS = {"日": (3, 5, 7, 10, 15, 20, 30, 45, 60, 90, 180), "工作日": (3, 5, 7, 10, 15, 20),
            "个月": (1, 2, 3, 6, 12), "年": (1, 2, 3, 5, 10, 20, 30), "倍": (1, 2, 3, 5, 10), "名": (2, 3, 5, 7),
            "人": (2, 3, 5, 7)}


class FigureKind(Enum):
    TIME_LIMIT = "期限"  # 六十日内, 自收到之日起十五日, 不得超过三十日
    PENALTY = "处罚"  # 拘留十日, 处五万元以下罚款, 有期徒刑三年
    OTHER = "其他"  # counts, areas, other amounts


_LIMIT_AFTER = re.compile(r"^(?:内|以内|之内|前|届满|为限)")
_LIMIT_BEFORE = re.compile(r"(?:之日起|日起|期限为?|期间为?|超过|不得超过|最长|延长|届满后?|逾期)[^，。；]{0,3}$")
_PENALTY_BEFORE = re.compile(r"(?:拘留|徒刑|管制|罚款|罚金|停产停业|暂扣|没收|处|并处)[^，。；]{0,4}$")
_PENALTY_AFTER = re.compile(r"^(?:以上|以下)?(?:[^，。；]{0,3})(?:罚款|罚金|拘留|的罚款)")
FigurePools = Mapping[FigureKind, list[str]]


def figure_kind(text: str, start: int, end: int) -> FigureKind:
    before, after = text[max(0, start - 12):start], text[end:end + 8]
    if _PENALTY_BEFORE.search(before) or _PENALTY_AFTER.match(after):
        return FigureKind.PENALTY
    if _LIMIT_AFTER.match(after) or _LIMIT_BEFORE.search(before):
        return FigureKind.TIME_LIMIT
    return FigureKind.OTHER


def kinded_figures(text: str) -> dict[str, FigureKind]:
    """The distinct figures(text) in order, each with the kind of clause it first appears in."""
    out: dict[str, FigureKind] = {}
    for m in FIGURE.finditer(text):
        if figures(m.group(0)):
            out.setdefault(m.group(0), figure_kind(text, m.start(), m.end()))
    return out


def figure_pools(texts: list[str]) -> dict[FigureKind, list[str]]:
    pools: dict[FigureKind, list[str]] = {k: [] for k in FigureKind}
    for t in texts:
        for m in FIGURE.finditer(t):
            if figures(m.group(0)):
                pools[figure_kind(t, m.start(), m.end())].append(m.group(0))
    return pools


def _unit_key(unit: str) -> str:
    return "工作日" if "工作日" in unit else unit


def similar_figures(key: str, pool: list[str], rng: random.Random, avoid: set[int]) -> list[str]:
    """Three wrong figures in the key's unit, nearest in size (the law's own other limits preferred, then a
    ladder of usual values), none whose value already shows in the stem."""
    value, unit = figure_value(key) or (0, "")
    if not value:
        return []
    chinese = not key[:-len(unit)].isdigit()
    ladder = _LADDERS.get(_unit_key(unit)) or tuple(int(value * m) for m in (0.1, 0.2, 0.5, 2, 3, 5, 10))
    cands: dict[int, tuple[str, float]] = {}
    for f in pool:
        fv = figure_value(f)
        if fv and _unit_key(fv[1]) == _unit_key(unit) and fv[0] not in avoid | {value}:
            cands.setdefault(fv[0], (f, -0.2))
    for v in ladder:
        if 0 < v < 100000 and v not in avoid | {value}:
            cands.setdefault(v, ((int_to_cn(v) if chinese else str(v)) + unit, 0.0))
    ranked = sorted(cands, key=lambda v: abs(math.log(v / value)) + cands[v][1] + rng.random() * 0.3)
    return [cands[v][0] for v in ranked[:3]]


def similar_authorities(key: str, pool: list[str], avoid: str) -> list[str]:
    """Three other authorities of the same law, most alike in form first. Near-twins (县级以上各级人民政府 /
    县级以上地方各级人民政府) are left out: either could be argued right, so neither makes a fair distractor."""
    chosen: list[str] = []
    for p in sorted(set(pool), key=lambda p: (-similarity(p, key), p)):
        if p in avoid or p in key or key in p or any(similarity(p, x) > 0.7 for x in (key, *chosen)):
            continue
        chosen.append(p)
    return chosen[:3]


def replace_figure(text: str, fig: str, new: str) -> str:
    """Replace whole figures only: blanking 十日 must not touch 六十日."""
    return FIGURE.sub(lambda m: new if m.group(0) == fig else m.group(0), text)


def false_variants(clause: Clause, fig_pools: FigurePools, auth_pool: list[str], rng: random.Random) -> list[str]:
    """The clause with one element swapped: a figure (for one of its own kind), an authority, or 应当/可以/不得."""
    text, out = clause.text, []
    shown = {figure_value(f)[0] for f in figures(text)}  # type: ignore[index]
    for fig, kind in kinded_figures(text).items():
        out += [replace_figure(text, fig, w) for w in similar_figures(fig, fig_pools[kind], rng, shown)[:1]]
    for m in authority_slots(clause):
        out += [text[:m.start()] + w + text[m.end():] for w in similar_authorities(m.group(0), auth_pool, text)[:1]]
    modal = re.search("|".join(MODAL_SWAP), text)
    if modal:
        out.append(text[:modal.start()] + MODAL_SWAP[modal.group(0)] + text[modal.end():])
    return out
