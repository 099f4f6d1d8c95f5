"""What structure a document has, from its lines rather than its Markdown: statute, report, policy or plain. Pure.

A statute is any text whose lines start 第一条、第二条… (a .docx with a bold centred title, a .txt, a PDF);
a policy document has 一、/（一）/1. headings; the rest is plain paragraphs. The corpus's own laws start with a
"# " title line and keep exactly the reading they always had; other statute-like texts are first given that
shape (`statute_text`), so one statute parser reads them all.
"""
from __future__ import annotations

import re
from enum import Enum

_N = "零〇一二两三四五六七八九十百千"
# the corpus's own form: 第X条 then a space
ARTICLE_LINE = re.compile(rf"^第[{_N}]+条(?:之[一二三四五六七八九十]+)?[\s\u3000]", re.M)
# what typed documents also write: 第一条：…, 第一条为了…, indented
_LOOSE_ARTICLE = re.compile(rf"^[ \t\u3000]*(第[{_N}]+条(?:之[一二三四五六七八九十]+)?)([：:、.．]?)(.?)", re.M)
_LABEL_ONLY = re.compile(rf"第[{_N}]+条(?:之[一二三四五六七八九十]+)?[：:]?")
_HEADING_LINE = re.compile(rf"^[ \t\u3000]*#*\s*第[{_N}]+(?:分编|编|章|节)")
# after 第X条 at a line start these begin a cross-reference sentence, not an article's text
_REFERENCE_GLUE = set("的规中所之至款项和或及、，。")
_POLICY_L1 = re.compile(r"^\s*[一二三四五六七八九十]+、", re.M)
_POLICY_L2 = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]", re.M)
_SENTENCE_END = "。！？；：!?;:”」）)"


class Structure(Enum):
    STATUTE = "statute"  # 第X条 articles (and 章/节): parsed as a law
    REPORT = "report"  # the bureau's work report
    POLICY = "policy"  # 一、/（一）/1. sections
    PLAIN = "plain"  # paragraphs


def _first_line(text: str) -> str:
    return next((ln.strip() for ln in text.splitlines() if ln.strip()), "")


def article_starts(text: str) -> list[str]:
    """The 第X条 labels that open a line as an article does (not as a cross-reference sentence)."""
    out = []
    for m in _LOOSE_ARTICLE.finditer(text):
        if m.group(2) or not m.group(3) or m.group(3).isspace() or m.group(3) not in _REFERENCE_GLUE:
            out.append(m.group(1))
    return out


def is_statute(text: str) -> bool:
    """Two or more distinct articles at line starts, the first of them 第一条: a statute-like document."""
    labels = list(dict.fromkeys(article_starts(text)))
    return len(labels) >= 2 and labels[0] == "第一条"


def is_policy(text: str) -> bool:
    """Two or more 一、 headings, or two or more （一） headings: a document in sections."""
    return len(_POLICY_L1.findall(text)) >= 2 or len(_POLICY_L2.findall(text)) >= 2


def detect(source: str, text: str) -> Structure:
    first = _first_line(text)
    if first.startswith("#") and ARTICLE_LINE.search(text):
        return Structure.STATUTE  # the corpus's Markdown laws: the rule they were always read by
    if source.startswith("report/") or ("报告" in first and re.search(r"^\s*一、", text, re.M)):
        return Structure.REPORT
    if is_statute(text):
        return Structure.STATUTE
    return Structure.POLICY if is_policy(text) else Structure.PLAIN


def statute_text(text: str, stem: str, wrapped: bool = False) -> str:
    """A statute-like text in the shape the statute parser reads: a "# " title line (the first non-empty line,
    or the file name when the text starts with an article), and a space after each article's 第X条.
    wrapped: lines are cut at the page width (PDF), so a line that does not end a sentence is rejoined."""
    lines = [ln.strip() for ln in text.splitlines()]
    if wrapped:
        lines = _unwrap(lines)
    lines = _joined_labels([_spaced(ln) for ln in lines])
    i = next((k for k, ln in enumerate(lines) if ln), None)
    if i is None:
        return text
    if lines[i].startswith("#"):
        return "\n".join(lines[i:])
    if article_starts(lines[i]) or _HEADING_LINE.match(lines[i]):
        return "\n".join([f"# {stem}", "", *lines[i:]])
    return "\n".join([f"# {lines[i]}", *lines[i + 1:]])


def _spaced(line: str) -> str:
    m = _LOOSE_ARTICLE.match(line)
    if not m or not article_starts(line):
        return line
    rest = line[m.end(2):].lstrip(" \t\u3000")
    return f"{m.group(1)}　{rest}" if rest else line


def _joined_labels(lines: list[str]) -> list[str]:
    """A label on a line of its own (第一条 / its text in the next paragraph, as some .docx files have it)
    is joined to the text that follows."""
    out: list[str] = []
    held = ""
    for ln in lines:
        if held and ln:
            out.append(f"{held}　{ln}")
            held = ""
        elif _LABEL_ONLY.fullmatch(ln):
            held = ln
        elif not held:
            out.append(ln)
    return out + ([held] if held else [])


def _opens_unit(line: str) -> bool:
    return bool(article_starts(line) or _HEADING_LINE.match(line) or re.match(r"^[（(][一二三四五六七八九十]+[）)]", line))


def _unwrap(lines: list[str]) -> list[str]:
    out: list[str] = []
    for ln in filter(None, lines):  # blank lines are page breaks here, not paragraph ends
        if len(out) > 1 and out[-1][-1] not in _SENTENCE_END and not _opens_unit(ln):
            out[-1] += ln
        else:
            out.append(ln)
    return out
