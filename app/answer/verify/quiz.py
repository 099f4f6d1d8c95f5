"""Quiz items in a trainer's reply (pure): a question stem, its options or blanks, the answer line, a 解析 line.

The options offer wrong choices on purpose and the stem asserts nothing, so neither is a claim of its own; what
the item asserts is the stem completed with its answer — the chosen option (禁止任何单位和个人进入的是自然保护区的
核心区), each chosen option of a multiple choice, the blanks filled in order (对（17）处地灾隐患点位开展排查), or a
true/false statement marked 正确 / √ — and that is checked against the passage the item cites (the answer line's
marker, else the stem's, else the 解析 line's). A statement marked 错误 / × is false on purpose: only its 解析 is
checked. The item stands or falls as a whole.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.answer.verify.claims import Kind, Unit, body

_ANSWER = re.compile(r"^(?:【?(?:正确|参考)?答案】?)[:：]?\s*(.+)$")
_PAREN_ANSWER = re.compile(r"^[（(]\s*(?:参考|正确)?答案\s*[:：]\s*(.+?)\s*[)）][。.]?$")  # ……费用。（答案：不）
_LETTERS = re.compile(r"^([A-DＡ-Ｄ](?:\s*[、,，]?\s*[A-DＡ-Ｄ]){0,3})(?![A-Za-z])\s*(.*)$")
_TRUE_FALSE = re.compile(r"^(正确|错误|对|错|√|×|✓|✗|✔|✘)\s*(.*)$")
_TRUE = ("正确", "对", "√", "✓", "✔")
_VERDICT = re.compile(r"[（(]\s*([√×✓✗✔✘]|对|错|正确|错误)\s*[)）]")  # a true/false mark inside the stem
_NOTE = re.compile(r"^[（(](.+)[)）]\s*[。.]?$|^[。.；;，,]?\s*(?:解析|理由|说明|依据)?[:：]?\s*(.*)$")
_EXPLAIN = re.compile(r"^(?:【?(?:解析|理由|说明|依据)】?)[:：]")
_OPTION = re.compile(r"([A-DＡ-Ｄ])\s*[.．、)）]\s*(.+?)(?=\s*[A-DＡ-Ｄ]\s*[.．、)）]|$)")
_OPTIONS_START = re.compile(r"^\s*[A-DＡ-Ｄ]\s*[.．、)）]")
_BLANK = re.compile(r"[（(]\s*[　 ]*\s*[)）]|_{2,}")
_TYPE = r"(?:单选|多选|判断|填空|选择|是非)题?"
_LABEL = re.compile(rf"^(?:【[^】]{{1,6}}】|[（(][^)）]{{1,6}}[)）]|\*\*[^*]{{1,12}}\*\*[:：]?|{_TYPE}\d*[:：.、]?"
                    rf"|(?:第[0-9一二三四五六七八九十]{{1,3}}题|题[0-9一二三四五六七八九十]{{1,3}})(?:[（(]{_TYPE}[)）])?[:：.、]?)\s*")
# a stem may end with its kind in brackets instead of a blank (……应当先申请行政复议。（判断）), or open with it
# after its number (**题3**（判断）：……)
_TYPE_TAIL = re.compile(rf"\s*[（(]{_TYPE}[)）]\s*$")
_TYPE_HEAD = re.compile(rf"^[（(]{_TYPE}[)）]\s*[:：]?\s*")
_NEGATIVE_STEM = re.compile(r"不属于|不正确|错误的是|不包括|不符合|不是|不能|不得|不应|说法错误|有误")
STEM_LINES = 6  # the stem sits at most this many lines above its answer (four options on lines of their own)
_WH = re.compile(r"哪一?[类项个种条级些]|什么|谁|多少|多长时间|几[日天个月年次项种]")


@dataclass(frozen=True)
class QuizItem:
    units: tuple[int, ...]  # the stem, option, answer and 解析 units (indexes into the parsed reply)
    claims: tuple[str, ...]  # what the item asserts: the stem completed with its answer (none for a false statement)
    options: tuple[str, ...]  # the chosen options: the point of the item, so each must be in the passage itself
    scope: tuple[int, ...]  # the passages the item cites
    note: str = ""  # what the answer line says besides the answer
    explains: tuple[int, ...] = ()  # the 解析 unit, or the sentence after the answer on its line (答案：错误。……[3]。)

    @property
    def option(self) -> str:
        return self.options[0] if self.options else ""


def explanation(text: str) -> str | None:
    """What a 解析 / 理由 / 依据 line states, without its label; None for any other line."""
    b = _LABEL.sub("", body(text))
    return _EXPLAIN.sub("", b).strip() if _EXPLAIN.match(b) else None


_CASE = re.compile(r"^[^，,。；;？?]{2,30}[，,]")


def stem_case(item: QuizItem, units: Sequence[Unit]) -> str:
    """The clause the item's stem opens with (选择房屋产权调换的，), which its answer's explanation may leave unsaid: the
    explanation is about that case."""
    stem = _TYPE_HEAD.sub("", _text(units[item.units[0]]))
    m = _CASE.match(stem)
    return m.group(0) if m else ""


def _letter(c: str) -> str:
    return chr(ord(c) - ord("Ａ") + ord("A")) if "Ａ" <= c <= "Ｄ" else c


def _text(u: Unit) -> str:
    return _LABEL.sub("", body(u.text))


def quiz_items(units: Sequence[Unit]) -> list[QuizItem]:
    out = []
    for i, u in enumerate(units):
        m = _ANSWER.match(_text(u)) or _PAREN_ANSWER.match(body(u.text))
        item = _item(units, i, m.group(1).strip()) if m else _inline_verdict(units, i)
        if item is not None:
            out.append(item)
    return out


def _explanation(units: Sequence[Unit], answer: int) -> tuple[int, ...]:
    """The 解析 after the answer, on its line (答案：正确。解析：……) or the next, if any; an unlabelled sentence after
    the answer on its line (答案：错误。产权调换房屋交付前，……[3]。) explains it too."""
    nxt = answer + 1
    if nxt >= len(units):
        return ()
    labelled = units[nxt].line - units[answer].line in (0, 1) and explanation(units[nxt].text) is not None
    return (nxt,) if labelled or units[nxt].line == units[answer].line and units[nxt].kind is Kind.SENTENCE else ()


def _scope(units: Sequence[Unit], answer: int, stem: int, explain: tuple[int, ...]) -> tuple[int, ...]:
    return units[answer].own or units[stem].own or units[answer].scope or \
        next((units[k].own for k in explain if units[k].own), ())


def _item(units: Sequence[Unit], answer: int, value: str) -> QuizItem | None:
    """Walk up from the answer line: option units, then the stem with its blank (or a question mark)."""
    options: list[int] = []
    labels: list[int] = []  # lines holding only the item's kind (（判断）) between the stem and the answer
    for j in range(answer - 1, -1, -1):
        v = units[j]
        if v.kind is Kind.BLANK or units[answer].line - v.line > STEM_LINES:
            return None
        text = _text(v)
        if _OPTIONS_START.match(text):
            options.insert(0, j)
            continue
        if not text.strip() and _TYPE_TAIL.search(body(v.text)):
            labels.insert(0, j)
            continue
        head = _TYPE_HEAD.match(text)
        label = body(v.text)[:len(body(v.text)) - len(text)]  # what _text cut off: **题3**（判断）：
        stem, tail = _split_stem(text[head.end():] if head else text,
                                 typed=bool(labels) or head is not None or bool(re.search(r"判断|是非", label)))
        if stem is None:
            return None
        explain = _explanation(units, answer)
        scope = _scope(units, answer, j, explain)
        if not scope:
            return None
        found = _answered(stem, " ".join([tail] + [_text(units[k]) for k in options]), value)
        if found is None:
            return None
        claims, chosen, note = found
        if options and _NEGATIVE_STEM.search(stem):
            claims, chosen = (), ()  # 下列哪一项不属于……: the chosen option is the one the passage does not state
        return QuizItem((j, *labels, *options, answer, *explain), claims, chosen, scope, note, explain)
    return None


def _answered(stem: str, options: str, value: str) -> tuple[tuple[str, ...], tuple[str, ...], str] | None:
    """(claims, chosen options, note) for a choice, a true/false or a fill-in answer; None for any other answer
    line (答案：发现险情的应当立即报告[2] is a claim of its own)."""
    if options and (m := _LETTERS.match(value)):
        letters = [_letter(c) for c in re.findall(r"[A-DＡ-Ｄ]", m.group(1))]
        chosen = tuple(o for c in letters if (o := _chosen(options, c)) is not None)
        if len(chosen) != len(letters):
            return None
        return tuple(_complete(stem, c).rstrip("。？?；; ") for c in chosen), chosen, _note(m.group(2))
    if options:
        return None
    if m := _TRUE_FALSE.match(value):
        plain = _BLANK.sub("", stem).rstrip("。？?；; ")
        return ((plain,) if m.group(1) in _TRUE else ()), (), _note(m.group(2))
    blanks = len(_BLANK.findall(stem))
    values = [v.strip(" 。") for v in re.split(r"[；;、，,]\s*|\s{2,}", value) if v.strip(" 。")]
    if blanks and len(values) == blanks:
        filled = stem
        for v in values:
            filled = _BLANK.sub(v.replace("\\", r"\\"), filled, count=1)
        return (filled.rstrip("。？?；; "),), (), ""  # the values are read in the filled stem, not alone
    return None


def _note(rest: str) -> str:
    m = _NOTE.match(rest.strip())
    return ((m.group(1) or m.group(2) or "") if m else rest).strip(" 。；;，,")


def _inline_verdict(units: Sequence[Unit], i: int) -> QuizItem | None:
    """A true/false statement with its verdict in the stem (……应当采纳。（√）[2]), perhaps a 解析 line after it."""
    u = units[i]
    m = _VERDICT.search(_text(u))
    if not m:
        return None
    statement = _VERDICT.sub("", _text(u)).rstrip("。？?；; ")
    explain = _explanation(units, i)
    scope = u.own or u.scope or next((units[k].own for k in explain if units[k].own), ())
    if not scope or not statement:
        return None
    return QuizItem((i, *explain), (statement,) if m.group(1) in _TRUE else (), (), scope, explains=explain)


def _complete(stem: str, chosen: str) -> str:
    """The stem with its blank, or else its question word, filled by the chosen option. A blank after the question
    mark (……决定？（　）) only marks where the answer goes: the question word takes it."""
    stem = re.sub(r"([？?])\s*(?:[（(]\s*[　 ]*\s*[)）]|_{2,})\s*$", r"\1", stem)
    for pattern in (_BLANK, _WH):
        if pattern.search(stem):
            filled = pattern.sub(lambda _m: chosen, stem, count=1)
            return re.sub(r"(元|日|天|个月|年|次|项|种|个)\1", r"\1", filled)  # 多少元以下 + 二百元
    return f"{stem.rstrip('？?')}{chosen}"


def _split_stem(text: str, typed: bool = False) -> tuple[str | None, str]:
    """(the stem, options written on its own line after it); None when the text is no stem. typed: a line of its
    own below gave the item's kind (（判断）), so a plain statement is a stem too."""
    m = re.search(r"\s[A-DＡ-Ｄ]\s*[.．、)）]", text)
    stem, tail = (text[:m.start()], text[m.start():]) if m else (text, "")
    if typed and not m or _TYPE_TAIL.search(stem):
        return _TYPE_TAIL.sub("", stem).strip(), tail.strip()
    if _BLANK.search(stem) or stem.rstrip().endswith(("？", "?")):
        return stem.strip(), tail.strip()
    return None, ""


def _chosen(options: str, letter: str) -> str | None:
    for m in _OPTION.finditer(options):
        if _letter(m.group(1)) == letter:
            return m.group(2).strip(" 。；;，,")
    return None
