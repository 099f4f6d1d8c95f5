"""What the question says outright, applied after the learned ranking (pure): the version it asks for, the law
it names, and the bureau's report when it names that (孟州, 去年, 报告里). The ranker learns these only weakly (the
dev sets hold a handful of such questions), and getting any of them wrong answers another question than the one
asked."""
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
    if laws:
        return _promote(out, lambda c: c.doc_type == "law" and c.title in laws, candidate)
    if report:
        return _promote(out, lambda c: c.doc_type == "report", candidate)
    return out


def _promote(order: list[int], wanted: Callable[[Candidate], bool], candidate: Callable[[int], Candidate]) -> list[int]:
    """The first of the top PROMOTE_DEPTH that is wanted moves to the top; the rest keep their order."""
    first = next((h for h in order[:PROMOTE_DEPTH] if wanted(candidate(h))), None)
    return order if first is None else [first] + [h for h in order if h != first]
