"""Table rows read under their head row (pure): a comparison's column heads name the party or case each cell is
about, or the passage each column cites."""
from __future__ import annotations

import re
from collections.abc import Callable

from app.answer.verify.claims import markers
from app.answer.verify.facts import entities, figures

_HEAD_UNIT = re.compile(r"[（(]([^（）()]{1,4})[）)]\s*$")
_BARE = re.compile(r"^\s*\d+(?:\.\d+)?\s*$")


def with_head_units(row: str, header: str) -> str:
    """A row whose bare-number cells take the unit their column's head gives (| 耕地 | 40.13 | under | 指标 | 保护目标
    （万亩）|): 40.13 is 40.13万亩, which is what the passage states and where it states it."""
    cells, heads = row.split("|"), header.split("|")
    if len(cells) != len(heads):
        return row
    out = []
    for cell, head in zip(cells, heads):
        m = _HEAD_UNIT.search(head.strip())
        unit = m.group(1) if m and any(u for _v, u in figures(f"1{m.group(1)}")) else ""
        out.append(f"{cell.strip()}{unit}" if unit and _BARE.match(cell) else cell)
    return "|".join(out)


def headed(row: str, header: str, known: Callable[[str], bool] = lambda _h: False) -> str:
    """A comparison row read under its columns (| 期限 | 5年 | 最长不超过30年 | under | 项目 | 探矿权 | 采矿权 |): each
    cell after the first takes its column's head when the heads name who the cells are about, so a figure is
    held to the sentence about its column's party (探矿权5年, not 采矿权5年). Run into the cell's words: a head
    set apart by a colon would be a clause of its own, too short to place. So do heads the passages themselves use
    to tell the cases apart (`known`: 普通程序 | 简易程序); other heads (基本期限, 可延长) name what a cell is, which its
    own words already say."""
    cells, heads = row.strip().strip("|").split("|"), header.strip().strip("|").split("|")
    if len(cells) != len(heads) or len(cells) < 3:
        return row
    names = [h.strip() for h in heads[1:]]
    if not all(entities([n]) == [n] or known(n) for n in names):
        return row
    return " | ".join([cells[0].strip(), *(f"{n}{c.strip()}" if not _EMPTY.match(c) else c.strip()
                                           for n, c in zip(names, cells[1:]))])


# a cell that says nothing (— / 无 / 不适用): it takes no head, so the head names no party the row is about
_EMPTY = re.compile(r"^\s*(?:[—–\-－/／×]+|无|不适用)?\s*$")


def column_marked(row: str, header: str) -> str:
    """A row under a head row whose columns cite different passages (| 对比项 | 《省条例》[1] | 《市条例》[2] |), its
    cells marked with their column's markers: each cell is then judged against its own column's passage, and the
    reader sees which passage each cell comes from. The row as written when the heads do not cite apart."""
    cells, heads = row.split("|"), header.split("|")
    marks = [tuple(dict.fromkeys(markers(h))) for h in heads]
    if len(cells) != len(heads) or len({m for m in marks if m}) < 2 or any(markers(c) for c in cells):
        return row
    out = []
    for cell, m in zip(cells, marks):
        text = cell.rstrip()
        out.append(text + "".join(f"[{n}]" for n in m) + cell[len(text):] if m and text.strip() else cell)
    return "|".join(out)
