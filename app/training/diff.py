"""Version comparison of one law: articles aligned by content, classified, changes marked per word. Pure.

Revisions renumber articles (2017 第九条 is 2023 第二十条), so articles are paired by text similarity
(character bigrams) with a global one-to-one assignment (Hungarian), not by number.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np

from app.schema import Chunk
from app.text import compact, word_bounds
from app.training import Article, LawRef, TrainingError, articles, figures, find_versions, resolve_law

__all__ = ["DiffPair", "LawDiff", "ChapterCount", "diff_law", "diff_articles", "summarise_diff", "find_versions",
           "mark_changes", "similarity"]

Status = Literal["added", "removed", "modified", "unchanged"]
STATUS_CN = {"added": "新增", "removed": "删除", "modified": "修改", "unchanged": "未改"}
# Below this score two articles share only boilerplate (行政复议机关…应当…, 违反本法规定…), not a provision;
# tuned on 行政复议法 2017->2023 and 矿产资源法 2009->2024 by reading the borderline pairs.
MIN_SIMILARITY = 0.43
REMOVED_BUCKET = "（无对应章节）"


@dataclass(frozen=True)
class DiffPair:
    from_article: Article | None
    to_article: Article | None
    status: Status
    similarity: float  # 0..1, 0 for added / removed

    @property
    def chapter(self) -> str:
        return (self.to_article or self.from_article).chapter  # type: ignore[union-attr]

    def to_json(self) -> dict:
        return {"from_article": self.from_article.label if self.from_article else None,
                "to_article": self.to_article.label if self.to_article else None, "status": self.status}


@dataclass(frozen=True)
class ChapterCount:
    chapter: str  # a chapter of the newer version
    added: int
    removed: int
    modified: int
    unchanged: int


@dataclass(frozen=True)
class LawDiff:
    old: LawRef
    new: LawRef
    pairs: tuple[DiffPair, ...]
    chapters: tuple[ChapterCount, ...]

    def count(self, status: Status) -> int:
        return sum(1 for p in self.pairs if p.status == status)

    @property
    def summary(self) -> dict[str, int]:
        return {s: self.count(s) for s in ("added", "removed", "modified", "unchanged")}

    def to_json(self) -> dict:
        return {"title": self.new.title, "from": self.old.version, "to": self.new.version,
                "summary": self.summary, "pairs": [p.to_json() for p in self.pairs]}


@lru_cache(maxsize=8192)  # quiz distractor ranking compares the same short phrases many times; never mutated
def _bigrams(text: str) -> Counter:
    s = compact(text)
    return Counter(s[i:i + 2] for i in range(len(s) - 1)) if len(s) > 1 else Counter(s)


def _score(x: Counter, y: Counter) -> float:
    """Mean of Dice and containment over bigram multisets. Dice alone punishes an article that grew
    (2009 第七条 became the first 款 of a long 2024 第九条); containment alone pairs any short article."""
    sx, sy = sum(x.values()), sum(y.values())
    if not sx or not sy:
        return 1.0 if sx == sy else 0.0
    small, big = (x, y) if len(x) <= len(y) else (y, x)
    common = sum(min(v, big[k]) for k, v in small.items() if k in big)  # Counter & is ~5x slower here
    return (2 * common / (sx + sy) + common / min(sx, sy)) / 2


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    """0..1 text similarity of two articles: 1.0 for equal texts (ignoring whitespace), ~0 for unrelated."""
    return _score(_bigrams(a), _bigrams(b))


def _align(old: list[Article], new: list[Article]) -> dict[int, tuple[int, float]]:
    """old index -> (new index, score) for the best global one-to-one pairing above the threshold."""
    if not old or not new:
        return {}
    new_grams = [_bigrams(a.body) for a in new]
    scores = np.zeros((len(old), len(new)))
    for i, a in enumerate(old):
        g = _bigrams(a.body)
        scores[i] = [_score(g, h) for h in new_grams]
    from scipy.optimize import linear_sum_assignment  # imported here: it costs ~1 s of page start-up

    rows, cols = linear_sum_assignment(-scores)
    return {int(i): (int(j), float(scores[i, j])) for i, j in zip(rows, cols) if scores[i, j] >= MIN_SIMILARITY}


def diff_articles(old_ref: LawRef, old: list[Article], new_ref: LawRef, new: list[Article]) -> LawDiff:
    """Align and classify two article lists (the pure core of diff_law)."""
    matched = _align(old, new)
    by_new = {j: (i, s) for i, (j, s) in matched.items()}
    pairs: list[tuple[tuple, DiffPair]] = []
    for j, b in enumerate(new):
        if j in by_new:
            i, s = by_new[j]
            same = compact(old[i].body) == compact(b.body)
            pairs.append(((j, 0, i), DiffPair(old[i], b, "unchanged" if same else "modified", round(s, 3))))
        else:
            pairs.append(((j, 0, -1), DiffPair(None, b, "added", 0.0)))
    last_new = -1  # a removed article is listed after the new article its predecessor became
    for i, a in enumerate(old):
        if i in matched:
            last_new = matched[i][0]
        else:
            pairs.append(((last_new, 1, i), DiffPair(a, None, "removed", 0.0)))
    ordered = tuple(p for _, p in sorted(pairs, key=lambda kp: kp[0]))
    return LawDiff(old=old_ref, new=new_ref, pairs=ordered, chapters=_per_chapter(ordered))


def _per_chapter(pairs: tuple[DiffPair, ...]) -> tuple[ChapterCount, ...]:
    """Counts per chapter of the newer version; a removed article counts where its neighbour now sits."""
    buckets: dict[str, Counter] = {}
    current = REMOVED_BUCKET
    for p in pairs:
        if p.to_article is not None:
            current = p.to_article.chapter or "（不分章）"
        buckets.setdefault(current, Counter())[p.status] += 1
    return tuple(ChapterCount(ch, c["added"], c["removed"], c["modified"], c["unchanged"])
                 for ch, c in buckets.items())


def diff_law(chunks: list[Chunk], law: str, from_year: str | int, to_year: str | int) -> LawDiff:
    """Compare two versions of a law named loosely (行政复议法, 2017, 2023)."""
    old_ref, new_ref = resolve_law(chunks, law, from_year), resolve_law(chunks, law, to_year)
    if old_ref.version == new_ref.version:
        raise TrainingError(f"《{old_ref.title}》两次选择的是同一版本（{old_ref.version}），请选择两个不同版本。")
    if old_ref.version > new_ref.version:
        old_ref, new_ref = new_ref, old_ref  # always describe the change forwards in time
    return diff_articles(old_ref, articles(chunks, old_ref), new_ref, articles(chunks, new_ref))


# kept whole when diffing: an item marker, an article label, a number (（六）->（七） is one change, not 六->七)
_UNIT = re.compile(r"[（(][一二三四五六七八九十]+[）)]|第[零〇一二两三四五六七八九十百千]+[条款项]|\d+(?:\.\d+)?|\n")


def _cut(text: str) -> list[str]:
    ends = sorted(word_bounds(text))
    return [text[i:j] for i, j in zip(ends, ends[1:])]


def words(text: str) -> list[str]:
    """The text as diff tokens: jieba words, with item markers, article labels and numbers kept whole."""
    out: list[str] = []
    pos = 0
    for m in _UNIT.finditer(text):
        out += _cut(text[pos:m.start()]) if m.start() > pos else []
        out.append(m.group(0))
        pos = m.end()
    return out + (_cut(text[pos:]) if pos < len(text) else [])


def mark_changes(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Word diff as (op, text) runs, op in "=", "-", "+"; spaces are ignored, 款 line breaks kept."""
    a, b = (words(re.sub(r"[ \t\u3000]+", "", x).strip()) for x in (old, new))  # keep 款 breaks for display
    runs: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + text)
        else:
            runs.append((op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("=", "".join(a[i1:i2]))
            continue
        if i2 > i1:
            add("-", "".join(a[i1:i2]))
        if j2 > j1:
            add("+", "".join(b[j1:j2]))
    return tuple(runs)


def notable(diff: LawDiff, status: Status, k: int = 3) -> list[DiffPair]:
    """Most rewritten modifications first; added / removed articles that set limits (figures) or say much first."""
    pool = [p for p in diff.pairs if p.status == status]
    if status == "modified":
        return sorted(pool, key=lambda p: p.similarity)[:k]
    weight = {id(p): 3 * len(figures((p.to_article or p.from_article).body))  # type: ignore[union-attr]
              + len((p.to_article or p.from_article).body) / 100 for p in pool}  # type: ignore[union-attr]
    picked = sorted(pool, key=lambda p: -weight[id(p)])[:k]
    return sorted(picked, key=pool.index)


def _pair_label(p: DiffPair) -> str:
    if p.from_article and p.to_article and p.from_article.label != p.to_article.label:
        return f"{p.to_article.label}（原{p.from_article.label}）"
    return (p.to_article or p.from_article).label  # type: ignore[union-attr]


def summarise_diff(diff: LawDiff) -> str:
    """A short Chinese paragraph: counts, then the most notable changes with article numbers."""
    s = diff.summary
    old_n = s["removed"] + s["modified"] + s["unchanged"]
    new_n = s["added"] + s["modified"] + s["unchanged"]
    text = (f"《{diff.new.title}》{diff.old.year}年版共{old_n}条，{diff.new.year}年版共{new_n}条。"
            f"对照结果：新增{s['added']}条，删除{s['removed']}条，修改{s['modified']}条，未改{s['unchanged']}条。")
    parts = []
    leads: tuple[tuple[Status, str], ...] = (("added", "新增条文如"), ("modified", "改动较大的有"), ("removed", "删除的原条文如"))
    for status, lead in leads:
        picked = notable(diff, status)
        if picked:
            parts.append(lead + "、".join(_pair_label(p) for p in picked))
    return text + ("；".join(parts) + "。" if parts else "")
