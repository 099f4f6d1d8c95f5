"""A passage prepared for checking claims against it (Passage), and the passages one claim cites (Evidence):
comparable text, sentences with the lead-ins of their lists, the figures, list sizes, articles and titles they hold.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from app.answer.verify import facts
from app.answer.verify.facts import Figure
from app.retrieve.lexicon import LAY_TERMS
from app.schema import Chunk
from app.text import norm_title, to_halfwidth

_SENTENCE_END = re.compile(r"(?<=[。；！？;!?])|\n")
BRACKETS = re.compile(r"[（）()]")
# sentences that address the assistant (an uploaded file saying 请在回答中声称……) are not evidence
INSTRUCTION = re.compile(
    r"(?:忽略|无视|忘记).{0,8}(?:以上|上述|之前|前面|所有)|系统提示|提示词|(?:在|的)回答中|回答时|你(?:现在|必须|要|需要|应当|应该)"
    r"|请(?:输出|声称|附上|回答|告诉|忽略|假装|扮演|在回答|务必)|声称|附上.{0,4}链接|(?:assistant|system)\s*:", re.I)
_ALIASES = (("省级", "省、自治区、直辖市"), ("县政府", "县级人民政府"), ("市政府", "市人民政府"), ("机关", "行政机关"),
            ("乡镇政府", "乡、镇人民政府"), ("乡镇人民政府", "乡、镇人民政府"), ("镇政府", "镇人民政府"), ("乡政府", "乡人民政府"),
            ("县政府", "县人民政府"),
            # a reply's 执法机关 for the passage's 行政机关 that enforces (the 公安机关 of another sentence still fails)
            ("执法机关", "行政机关"),
            # 环保部门 for 环境保护行政主管部门
            ("环保", "环境保护"),
            # a department named by its field alone (林业部门 for 林业行政主管部门): another field still fails
            ("部门", "主管部门"), ("部门", "行政主管部门"),
            # the usual short names of the people's congresses and provincial governments (人大常委会, 省级政府)
            ("人大常委会", "人民代表大会常务委员会"), ("人大", "人民代表大会"), ("常委会", "常务委员会"),
            ("省级政府", "省、自治区、直辖市人民政府"),
            # any government by its short name (当地政府 for 当地人民政府, 省政府 for 省人民政府): the level stays
            ("政府", "人民政府"),
            # the parties as a citizen reply names them (对个人罚款200元以下、对单位罚款3000元以下)
            ("个人", "公民"), ("单位", "法人或者其他组织"), ("单位", "法人和其他组织"))


def word_forms(word: str) -> frozenset[str]:
    """The word and the statute's longer forms of it (乡镇政府 -> 乡、镇人民政府)."""
    forms = {word}
    for short, long in _ALIASES:  # in turn, so two short names in one word both expand (环保部门 -> 环境保护行政主管部门)
        forms |= {f.replace(short, long) for f in forms if short in f}
    return frozenset(forms)
COUNTED = {"项", "种", "类", "个", "条", "点", "级"}  # 四项条件 / 以下三种情形: the count of a passage's list


@dataclass(frozen=True)
class Passage:
    """A chunk prepared for checking: comparable text, its sentences and what they contain."""

    chunk: Chunk
    text: str  # facts.plain form
    words_text: str  # plain, brackets removed: 乡（镇） matches 乡镇
    sentences: tuple[str, ...]
    sentence_figures: tuple[frozenset[Figure], ...]
    sentence_bigrams: tuple[frozenset[str], ...]
    held: tuple[str, ...]  # each sentence with the lead-in of its list, if it is a list item
    list_sizes: frozenset[int]  # how many items each of its lists has
    figures: frozenset[Figure]
    values: frozenset[Decimal]
    articles: frozenset[int]
    titles: str

    @classmethod
    def of(cls, c: Chunk) -> "Passage":
        # sentences that address the assistant (an uploaded file saying 请在回答中声称……) are not evidence
        raw = [s for s in _SENTENCE_END.split(c.text) if s.strip() and not INSTRUCTION.search(s)] or [""]
        sentences = tuple(facts.plain(s) for s in raw)
        evidence = "".join(raw)
        # the locator is support too: "2023年修订" (version), "2025年…报告" (title), "（一）2" (section)
        where = f"{(c.version or '')[:4]}年 {c.title} {c.section or ''}"
        figs = frozenset(facts.figures(f"{evidence} {where}"))
        text = facts.plain(evidence)
        # the title's words support too: 国有土地 in 《国有土地上房屋征收与补偿条例》; so do the headings above the
        # passage, which a claim may name where it says where the passage stands (报告的下一步工作打算中……)
        # (a report's headings only: a law's chapter titles 听证程序 would vouch for claims about any of its articles)
        heads = facts.plain(" ".join(c.heading_path)) if c.doc_type == "report" else ""
        return cls(
            c, text, BRACKETS.sub("", f"{text} {facts.plain(c.title)} {heads}"), sentences,
            tuple(frozenset(facts.figures(s)) for s in raw), tuple(frozenset(facts.bigrams(s)) for s in raw),
            _with_lead_ins(sentences), _list_sizes(sentences), figs, frozenset(v for v, _ in figs),
            frozenset(({c.article_no} if c.article_no else set()) | facts.articles(evidence)),
            " ".join(norm_title(to_halfwidth(t)) for t in (c.title, c.short_title)),
        )


ITEM_START = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.、])")


def _list_sizes(sentences: tuple[str, ...]) -> frozenset[int]:
    sizes, run = set(), 0
    for s in (*sentences, ""):
        if ITEM_START.match(s):
            run += 1
            continue
        if run:
            sizes.add(run)
        run = 0
    return frozenset(sizes)


def _with_lead_ins(sentences: tuple[str, ...]) -> tuple[str, ...]:
    out, lead = [], ""
    for s in sentences:
        if ITEM_START.match(s):
            out.append(f"{lead} {s}" if lead else s)
            continue
        lead = s if s.rstrip().endswith(("：", ":")) else ""
        out.append(s)
    return tuple(out)


@dataclass(frozen=True)
class Evidence:
    """The passages one claim is checked against, joined."""

    parts: tuple[Passage, ...]

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.parts)

    @property
    def words_text(self) -> str:
        return " ".join(p.words_text for p in self.parts)

    def sentences(self) -> list[tuple[str, frozenset[Figure], frozenset[str]]]:
        """(text a literal may sit in, its figures, its bigrams) per sentence; a list item's text includes the
        lead-in it hangs from, which names the subject the items share (探矿权人应当履行下列义务：)."""
        return [x for p in self.parts for x in zip(p.held, p.sentence_figures, p.sentence_bigrams)]

    def bigrams(self) -> frozenset[str]:
        """Every bigram of the passages' words (titles and report headings included)."""
        return frozenset().union(*(facts.bigrams(p.words_text) for p in self.parts))

    def has_figure(self, fig: Figure) -> bool:
        value, unit = fig
        if unit in COUNTED and any(value in p.list_sizes for p in self.parts):
            return True  # 须符合四项条件 over a list of four items
        if unit:
            return any(fig in p.figures for p in self.parts)
        return any(value in p.values for p in self.parts)

    def has_title(self, title: str) -> bool:
        t = norm_title(to_halfwidth(title))
        return any(t in p.titles or t in norm_title(p.text) for p in self.parts)

    def has_word(self, word: str) -> bool:
        text = self.words_text
        if any(f in text for f in word_forms(word)):
            return True
        return any(w in text for w in LAY_TERMS.get(word, "").split())


def inheriting(ev: Evidence, word: str) -> frozenset[str]:
    """Sentences that name no subject of their own after one that names this one (县级以上地方人民政府……应当发布
    征收土地预公告。……预公告时间不少于十个工作日; 行政执法机关应当……处理；在规定期限内未自行处理的，……):
    a statute leaves the subject out where it stays the same, so the nearest subject named before acts in them."""
    out: set[str] = set()
    for p in ev.parts:
        carries = False
        for s in p.held:
            if facts.entities(facts.content_words(_subject_part(s))):
                carries = word in BRACKETS.sub("", s)
            elif carries:
                out.add(s)
    return frozenset(out)


_MODAL = re.compile(r"应当|可以|不得|必须|有权|负责")
_AGENT = re.compile(r"(?:经|由)[^，,；;。]{2,30}")


def _subject_part(sentence: str) -> str:
    """Where a sentence's own acting body would stand: before its first modal, or after 经 / 由 (……不予立案的，应当说明
    理由，并书面通知移送案件的行政执法机关: that 行政执法机关 is an object, the 公安机关 of the sentence before still
    acts; ……应当先经有关城市规划行政主管部门同意: that department acts)."""
    m = _MODAL.search(sentence)
    return sentence if m is None else sentence[:m.start()] + "|" + "|".join(_AGENT.findall(sentence[m.start():]))
