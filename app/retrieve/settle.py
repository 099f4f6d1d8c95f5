"""What the question says outright, applied after the learned ranking (pure): the version it asks for, the law
it names, and the bureau's report when it names that (孟州, 去年, 报告里). The ranker learns both only weakly (the dev sets hold a handful of such questions), and getting either
wrong answers another question than the one asked."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

PROMOTE_DEPTH = 5  # a named law's article this high is moved to the top; one ranked lower is left where it is


@dataclass(frozen=True)
class Candidate:
    doc_type: str
    title: str
    version: str | None


def settle(order: Sequence[int], laws: Sequence[str], wanted: Mapping[str, str],
           candidate: Callable[[int], Candidate], report: bool = False) -> list[int]:
    """wanted: law title -> the version the question asks for (2017年版, 修订前); its articles come first and the
    law's other versions last. laws: the laws the question names; the best of their articles among the first
    PROMOTE_DEPTH comes first (按《信访工作条例》… is not answered from 河南省信访条例). report: the question names
    the report's place, bureau or year, or says 报告 / 去年 / 今年, and names no law: the best report section among
    the first PROMOTE_DEPTH comes first (孟州现在一共划了多少永久基本农田 is asked of the report, not of 土地管理法;
    dev, family CV: 16 such questions, 2 fixed, none broken)."""
    out = list(order)
    if wanted:
        def group(h: int) -> int:
            c = candidate(h)
            if c.doc_type != "law" or c.title not in wanted:
                return 1
            return 0 if c.version == wanted[c.title] else 2

        out.sort(key=group)  # stable: the ranker's order within each group
    if laws and out:
        named = next((h for h in out[:PROMOTE_DEPTH] if (c := candidate(h)).doc_type == "law" and c.title in laws), None)
        if named is not None and named != out[0]:
            out = [named] + [h for h in out if h != named]
    elif report and out:
        section = next((h for h in out[:PROMOTE_DEPTH] if candidate(h).doc_type == "report"), None)
        if section is not None and section != out[0]:
            out = [section] + [h for h in out if h != section]
    return out
