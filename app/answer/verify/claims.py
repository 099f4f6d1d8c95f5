"""An answer cut into units (sentences, list items, table rows, headings) and what each unit's markers cover.

A marker covers its own sentence; a lead-in that ends with a marker and a colon covers the items or table rows
that follow it; a marker closing a paragraph covers the unmarked sentences before it in that paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

from app.answer.prompts import CITIZEN_DISCLAIMER, NO_ANSWER
from app.answer.verify.facts import EDGE_PUNCT, MARKER, figures
from app.text import compact

_MARKER_VARIANT = re.compile(r"[\[［【]\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*[\]］】]")
_END = "。！？!?"
_CLOSE = "”’」』）)\"'"
_TRAILING_MARKERS = re.compile(r"(?:\s*\[\d+\])+")
_VERDICT_AFTER = re.compile(r"\s*[（(]\s*(?:[√×✓✗✔✘]|对|错|正确|错误|[　 ]*)\s*[)）]")
_OPEN_Q, _CLOSE_Q = "“「『", "”」』"
_CN = "零〇一二两三四五六七八九十百千万"
# a list label (要点3：, 第一步：, 第2题：) numbers the item; it is no figure of the claim
LIST_PREFIX = re.compile(rf"^\s*(?:#+|[-*•·]|—{{1,2}}|–|\d+[.、)）](?!\d)|[（(][{_CN}\d]+[)）]|[{_CN}]+、|(?:要点|步骤|问题|题目|案例|第)[{_CN}\d]{{1,3}}[步点题]?\s*[：:])\s*")
ITEM = re.compile(rf"^\s*(?:[-•·]|—{{1,2}}|–|\*(?!\*)|\d+[.、)）](?!\d)|[（(][{_CN}\d]+[)）])")
_ROW = re.compile(r"^\s*\|")
_SEPARATOR_ROW = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")
HEADING_LEN = 15  # a line this short without end punctuation is a heading
_CONNECTIVE = re.compile(r"^(综上|总之|总的来说|简单来说|具体如下|如下|主要有|主要包括|需要注意|提示|说明|注意)")


class Kind(Enum):
    SENTENCE = "sentence"
    ITEM = "item"  # the first sentence of a list line
    ROW = "row"  # a table row (header and separator rows are HEADING)
    HEADING = "heading"
    BLANK = "blank"


@dataclass(frozen=True)
class Unit:
    text: str  # exactly as written, markers included; the units of an answer join back to it
    kind: Kind
    line: int
    paragraph: int
    own: tuple[int, ...]  # markers written in the unit
    scope: tuple[int, ...]  # the passages the unit is checked against (own, or inherited)
    context: str = ""  # the lead-in an item or row belongs to
    heads: bool = False  # a cited numbered heading (3. 关键时段[3]) over items of another list style (- ……)
    header: str = ""  # a table row's head row (| 项目 | 探矿权 | 采矿权 |)

    @property
    def claim(self) -> bool:
        if self.context:  # a line of a cited list: content however short
            return bool(body(self.text.replace("|", " ")).strip(EDGE_PUNCT))
        return self.kind is not Kind.BLANK and states_fact(self.text, self.kind)

    @property
    def listed(self) -> bool:
        """An item or row of a cited list, with no marker of its own: it claims a place in that list."""
        return bool(self.context) and not self.own

    @property
    def lead_in(self) -> bool:
        """Ends with a colon, or is a cited heading (二、听证程序步骤[2]): what follows hangs from it."""
        b = body(self.text)
        return b.endswith(("：", ":")) or self.heads or bool(self.own) and self.kind is Kind.SENTENCE \
            and _cited_heading(b)


def _cited_heading(b: str) -> bool:
    # a quiz answer (（答案：不）[1]) is short and cited too, but nothing hangs from it
    return 0 < len(b) <= HEADING_LEN and b[-1] not in _END + "，；,;" and not figures(b) and not _ANSWER_LINE.match(b)


_ANSWER_LINE = re.compile(r"^[（(【]?\s*(?:参考|正确)?答案")


def normalise_markers(text: str) -> str:
    """【1】, ［1］ and [1,2] become [1] and [1][2], the one form the rest of this package reads."""
    return _MARKER_VARIANT.sub(lambda m: "".join(f"[{n}]" for n in re.findall(r"\d+", m.group(1))), text)


def markers(text: str) -> list[int]:
    return [int(n) for n in MARKER.findall(text)]


def with_markers(text: str, ns: tuple[int, ...]) -> str:
    """`text` with [n] markers put before its closing punctuation and trailing space (……建筑物[1]。)."""
    bare = text.rstrip()
    cut = len(bare.rstrip("。；;，,！？!?"))
    return f"{bare[:cut]}{''.join(f'[{n}]' for n in ns)}{bare[cut:]}{text[len(bare):]}"


def _outside_quotes(s: str, chars: str) -> list[int]:
    """Positions of `chars` outside “” 「」 『』, so a quoted article keeps its 。 and line breaks."""
    depth, out = 0, []
    for i, ch in enumerate(s):
        if ch in _OPEN_Q or ch in _CLOSE_Q:
            depth = depth + 1 if ch in _OPEN_Q else max(0, depth - 1)
        elif ch == "\n" and s[i + 1:i + 2] == "\n":
            depth = 0  # a blank line closes a quote left open: one stray “ must not swallow the answer
        if depth == 0 and ch in chars:
            out.append(i)
    return out


def split_lines(text: str) -> list[str]:
    cuts = [-1, *_outside_quotes(text, "\n"), len(text)]
    return [text[a + 1:b] for a, b in zip(cuts, cuts[1:])]


def split_sentences(line: str) -> list[str]:
    """Cut after 。！？ (plus closing quotes and markers that follow), and after a ； that follows a marker (each
    clause cites its own passage: ……十日内提出书面答复[3]；简易程序……五日[2]。); the pieces join back to `line`."""
    out, start = [], 0
    cited_semicolons = [i for i in _outside_quotes(line, "；;") if re.search(r"\[\d+\]$", line[:i])
                        or markers(line[i:]) and _clause_sized(line, i)]
    for i in sorted(_outside_quotes(line, _END) + cited_semicolons + _cited_commas(line)):
        if i < start:  # part of the run of end marks already taken
            continue
        j = i + 1
        while j < len(line) and (line[j] in _END or line[j] in _CLOSE):
            j += 1
        v = _VERDICT_AFTER.match(line, j)  # "……应当采纳。（√）[2]": the verdict stays with its statement
        j = v.end() if v else j
        m = _TRAILING_MARKERS.match(line, j)  # "……提出。[1]" keeps its marker
        j = m.end() if m else j
        out.append(line[start:j])
        start = j
    if out and not line[start:].strip():  # trailing spaces stay with the last sentence
        out[-1] += line[start:]
    else:
        out.append(line[start:])
    return out


CLAUSE_MIN = 6  # characters on each side of a cut inside a sentence: 答案：17；1[4] is one answer, not two claims


def _clause_sized(line: str, i: int) -> bool:
    before = body(line[:i]).split("：")[-1]
    return len(before.strip()) >= CLAUSE_MIN and len(body(line[i + 1:]).strip()) >= CLAUSE_MIN


def _cited_commas(line: str) -> list[int]:
    """A ， right after a marker where the clause after it is cited too (……不计入上述期限[1]，第三方应当……提出意见[3]。;
    责令补种……树木[1]，并处……罚款[1]。): the reply cited each clause, so each is a claim of its own, checked against
    its own passage, and one wrong clause does not take the other with it."""
    ends = _outside_quotes(line, _END) + [len(line)]
    cuts = []
    for i in _outside_quotes(line, "，,"):
        before = re.search(r"(?:\[\d+\])+$", line[:i])
        if not before:
            continue
        if markers(line[i:next(e for e in ends if e >= i)]) and _clause_sized(line, i):
            cuts.append(i)
    return cuts


def body(text: str) -> str:
    return LIST_PREFIX.sub("", MARKER.sub("", text).replace("*", "")).strip()


# a courtesy that states nothing (祝您顺利。 如有其他问题，欢迎继续咨询。): shown as written, never cited to a law
_COURTESY = re.compile(r"^(?:祝您|祝你|希望(?:以上|这些)?(?:内容|信息|回答)?(?:对您|能)|如(?:有|还有)(?:其他|任何)?(?:问题|疑问)"
                       r"|欢迎(?:继续)?(?:咨询|提问)|感谢您?的?(?:提问|咨询))")
COURTESY_LEN = 30
PART_LEN = 24  # characters naming the part of the question a 资料中没有相关内容 line is about
# … named as a topic, not stated (农村居民建房免征耕地占用税：资料中没有…… states 免征 and is checked as a claim)
_TOPIC = re.compile(r"^(?:关于|对于|至于|就|有关)[^，,。；;]{1,20}[：:，,]")
# … or said in the reply's own words (资料中没有河南省或孟州市具体适用税额的相关内容): it states only an absence
_ABSENCE_TAIL = re.compile(r"[，,](?:所给|提供的|以上)?(?:段落|资料|条文|材料)?(?:中|里)?(?:未|没有|并未)(?:收录|提供|包含|涉及)"
                           r"[^，,。；;]{0,12}$")
_NOT_GIVEN = re.compile(r"^(?:所给|提供的|以上)?资料(?:中|里)?(?:没有|未|并未|均未)[^，,。；;]{0,30}(?:相关内容|内容|规定|信息|数据)$")


def is_exempt(text: str) -> bool:
    """The refusal, the disclaimer and a courtesy line need no source."""
    b = compact(body(text)).strip(EDGE_PUNCT)
    if b in (NO_ANSWER, compact(CITIZEN_DISCLAIMER).strip(EDGE_PUNCT)):
        return True
    # a title the line says the passages lack (关于《实施纲要（2021—2025年）》的目标) is named, not cited: its year
    # is no figure; nor is a closing clause that says the same absence again (，提供的段落未收录纲要原文)
    b = _ABSENCE_TAIL.sub("", re.sub(r"《[^》]{1,40}》", "《》", b))
    if not figures(b) and not markers(text) and (
            b.endswith(NO_ANSWER) and len(b) - len(NO_ANSWER) <= PART_LEN and (b == NO_ANSWER or _TOPIC.match(b))
            or _NOT_GIVEN.match(b)):
        return True  # one part of the question the passages leave open (关于孟州的适用税额：资料中没有相关内容)
    return len(b) <= COURTESY_LEN and bool(_COURTESY.match(b)) and not figures(b) and not markers(text)


BOLD_HEADING_LEN = 40  # a whole line in bold, without figures or a full stop, titles what follows
# the time a trainer's outline gives one of its own parts (一、我局做法（15分钟）) plans the lesson; it states no fact
_PLAN_TIME = re.compile(r"[（(]\s*(?:约|共)?\s*\d+\s*(?:分钟|课时|学时)\s*[)）]")


def states_fact(text: str, kind: Kind | None = None) -> bool:
    """Everything but short headings, lead-ins ending in a colon and pure connectives states a fact."""
    b = _PLAN_TIME.sub("", body(text.replace("|", " "))).strip()
    if not b or is_exempt(text) or kind is Kind.HEADING:
        return False
    if figures(b):
        return True
    is_item = kind in (Kind.ITEM, Kind.ROW) or bool(ITEM.match(text))
    bold = text.strip().startswith("**") and text.strip().endswith("**")  # a markdown title line
    heading = len(b) <= (BOLD_HEADING_LEN if bold else HEADING_LEN) and b[-1] not in _END and not is_item
    lead_in = b[-1] in "：:" and len(b) <= 40
    return not (heading or lead_in or (_CONNECTIVE.match(b) and len(b) <= 20))


# --- the answer as units ----------------------------------------------------------------------------


def _line_units(line: str, table_head: bool) -> list[tuple[str, Kind]]:
    if not line.strip():
        return [(line, Kind.BLANK)]
    if _ROW.match(line):
        return [(line, Kind.HEADING if table_head or _SEPARATOR_ROW.match(line) else Kind.ROW)]
    parts = split_sentences(line)
    first = Kind.ITEM if ITEM.match(line) else Kind.SENTENCE
    return [(p, first if i == 0 else Kind.SENTENCE) for i, p in enumerate(parts)]


def _raw_units(text: str) -> list[Unit]:
    lines = split_lines(text)
    units: list[Unit] = []
    para = 0
    table_head = ""
    for n, line in enumerate(lines):
        head = bool(_ROW.match(line)) and n + 1 < len(lines) and bool(_SEPARATOR_ROW.match(lines[n + 1])) \
            and "|" in lines[n + 1]
        table_head = line if head else table_head if _ROW.match(line) else ""
        for piece, kind in _line_units(line, head):
            if kind is Kind.BLANK:
                para += 1
            own = tuple(dict.fromkeys(markers(piece)))
            single = len(split_sentences(line)) == 1
            is_heading = kind is Kind.SENTENCE and not own and single and (
                not states_fact(piece) and not body(piece).endswith(("：", ":")) or _title_line(lines, n))
            units.append(Unit(piece, Kind.HEADING if is_heading else kind, n, para, own, own,
                              header=table_head if kind is Kind.ROW else ""))
    return units


TITLE_LEN = 40


def _title_line(lines: list[str], n: int) -> bool:
    """A reply's title (2025年耕地保护与执法监管数据填空题（附答案）): an unmarked line without end punctuation,
    no figure but a year, first in the reply or before a blank line."""
    b = body(lines[n]).strip()
    years_only = all(f[1] == "年" and f[0] >= 1900 for f in figures(b))
    return 0 < len(b) <= TITLE_LEN and b[-1] not in _END + "；;，,：:" and years_only and not markers(lines[n]) \
        and (n == 0 or n + 1 < len(lines) and not lines[n + 1].strip())


def _with_scope(units: list[Unit]) -> list[Unit]:
    """Items, rows and lines after a cited lead-in take its markers; other unmarked units take the markers of the
    next marked unit of their paragraph (a marker closing a paragraph covers it)."""
    out = list(units)
    lead: Unit | None = None
    items_seen = False
    for i, u in enumerate(out):
        if u.kind is Kind.BLANK:
            lead = None if items_seen else lead  # a blank line may sit between a lead-in and its list
            continue
        if lead is not None and items_seen and u.kind is Kind.SENTENCE and not u.lead_in \
                and any(v.own for v in out if v.line == u.line):
            lead = None  # a line citing for itself after the items: the list is over (what follows is prose)
        if lead is not None and not (u.lead_in and u.own):
            # items, table rows, or plain lines: whatever follows the lead-in until a blank line ends the list
            if not u.own and not (u.kind is Kind.HEADING and _ROW.match(u.text)):  # table head rows state nothing
                out[i] = replace(u, scope=_head_markers(u) or lead.own, context=body(lead.text))
            items_seen = True
            continue
        lead, items_seen = (u if u.lead_in and u.own else None), False
    for i, u in enumerate(out):
        if u.scope or u.kind is Kind.BLANK:
            continue
        if head := _head_markers(u):
            out[i] = replace(u, scope=head)
            continue
        nxt = next((v for v in out[i + 1:] if v.paragraph != u.paragraph or v.own), None)
        if nxt is not None and nxt.paragraph == u.paragraph:
            out[i] = replace(u, scope=nxt.own)
        elif u.lead_in:
            out[i] = replace(u, scope=_list_markers(out, i))
    return out


def _head_markers(u: Unit) -> tuple[int, ...]:
    """The markers a table's head row gives its columns (| 类别 | 范围[1] | 管控要求[2] |): an unmarked row under it
    cites them all, not only the lead-in's."""
    return tuple(dict.fromkeys(markers(u.header))) if u.kind is Kind.ROW and not u.own else ()


def _list_markers(units: list[Unit], i: int) -> tuple[int, ...]:
    """The markers of the list a lead-in introduces (a blank line may come first)."""
    found: list[int] = []
    for v in units[i + 1:]:
        if v.kind is Kind.BLANK and not found:
            continue
        if v.kind in (Kind.ITEM, Kind.ROW) or (v.kind is Kind.SENTENCE and _continues_item(units, units.index(v))):
            found += v.own
        elif v.kind is not Kind.HEADING or not _ROW.match(v.text):
            break
    return tuple(dict.fromkeys(found))


def _continues_item(units: list[Unit], i: int) -> bool:
    """A second sentence on a list line belongs to that item."""
    j = i - 1
    while j >= 0 and units[j].line == units[i].line:
        if units[j].kind in (Kind.ITEM, Kind.ROW):
            return True
        j -= 1
    return False


def _style(text: str) -> str:
    t = text.lstrip()
    return "number" if re.match(r"\d+[.、)）]", t) else "bracket" if t[:1] in "（(" else "bullet"


def _nested_heads(units: list[Unit]) -> list[Unit]:
    """A short cited item (3. 关键时段[3]) followed by items of another style (- 每年……) heads them, as a cited
    heading does; followed by items of its own style (2. 物证[1] before 3. ……) it is one item of a list."""
    out = list(units)
    for i, u in enumerate(units):
        if u.kind is not Kind.ITEM or not u.own or not _cited_heading(body(u.text)):
            continue
        nxt = next((v for v in units[i + 1:] if v.line > u.line and v.kind is not Kind.BLANK), None)
        if nxt is not None and nxt.kind is Kind.ITEM and _style(nxt.text) != _style(u.text):
            out[i] = replace(u, heads=True)
    return out


def parse(text: str) -> list[Unit]:
    """The units of `text` (markers already normalised), each with the markers it is checked against."""
    return _with_scope(_nested_heads(_raw_units(text)))
