"""`lawdesk quiz | outline | diff`: argparse wiring around the pure trainer functions.

The lead's cli.py calls `register(sub, load_chunks)`; tests call `main_for_tests(argv, chunks)` with no index.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from app.llm.chat import ChatModel
from app.errors import LawdeskError
from app.schema import Chunk
from app.training.diff import diff_law
from app.training.export import diff_docx, diff_markdown, outline_docx, outline_markdown, quiz_docx, quiz_markdown
from app.training.outline import build_outline
from app.training.quiz import generate_quiz

LoadChunks = Callable[[], list[Chunk]]
ChatFactory = Callable[[], ChatModel | None]
FORMATS = ("md", "docx", "json")


def register(subparsers, load_chunks: LoadChunks, chat_factory: ChatFactory | None = None) -> None:
    """Add quiz / outline / diff to an argparse subparsers object; handlers return an exit code."""
    q = subparsers.add_parser("quiz", help="按法律条文生成培训测试题（附答案与条文依据）")
    _law_args(q)
    q.add_argument("--n", type=int, default=10, help="题目数量（默认 10）")
    q.add_argument("--types", default="单选,多选,判断", help="题型，逗号分隔：单选,多选,判断")
    q.add_argument("--seed", type=int, default=0, help="随机种子：相同种子出相同的题")
    q.add_argument("--llm", action="store_true", help="用大模型出题（不可用时自动改用离线出题）")
    _handle(q, lambda a: _quiz(a, load_chunks(), chat_factory))

    o = subparsers.add_parser("outline", help="生成某部法律的课程提纲（结构、要点、报告相关内容）")
    _law_args(o)
    _handle(o, lambda a: _outline(a, load_chunks()))

    d = subparsers.add_parser("diff", help="对照同一法律的两个版本（新增、删除、修改条文）")
    d.add_argument("law", help="法律名称，如 行政复议法")
    d.add_argument("--from", dest="from_version", required=True, help="旧版本：年份（2017）或日期")
    d.add_argument("--to", dest="to_version", default=None, help="新版本：年份或日期（默认现行版本）")
    _output_args(d)
    _handle(d, lambda a: _diff(a, load_chunks()))


def _law_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--law", required=True, help="法律名称：行政复议法 / 《中华人民共和国行政复议法》")
    p.add_argument("--version", default=None, help="版本：年份（2023）或日期（2023-09-01），默认现行版本")
    p.add_argument("--chapter", default=None, help="只取某一章或节，如 第三章")
    _output_args(p)


def _output_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=FORMATS, default="md", help="输出格式：md（默认）、docx、json")
    p.add_argument("--out", type=Path, default=None, help="输出文件；docx 未指定时按法律名称命名")


def _quiz(args, chunks: list[Chunk], chat_factory: ChatFactory | None) -> int:
    chat = chat_factory() if (args.llm and chat_factory) else None
    if args.llm and chat is None:
        print("未配置大模型，已改用离线出题。", file=sys.stderr)
    quiz = generate_quiz(chunks, args.law, args.version, args.chapter, args.n, args.types, args.seed, chat)
    for note in quiz.notices:
        print(note, file=sys.stderr)
    name = f"测试题_{quiz.law.replace('中华人民共和国', '')}_{quiz.version[:4]}"
    return _emit(args, quiz.to_json(), lambda: quiz_markdown(quiz), lambda p: quiz_docx(quiz, p), name)


def _outline(args, chunks: list[Chunk]) -> int:
    outline = build_outline(chunks, args.law, args.version, args.chapter)
    name = f"课程提纲_{outline.law.short_title}_{outline.law.year}"
    return _emit(args, outline.to_json(), lambda: outline_markdown(outline), lambda p: outline_docx(outline, p), name)


def _diff(args, chunks: list[Chunk]) -> int:
    diff = diff_law(chunks, args.law, args.from_version, args.to_version)
    name = f"版本对照_{diff.new.short_title}_{diff.old.year}-{diff.new.year}"
    return _emit(args, diff.to_json(), lambda: diff_markdown(diff), lambda p: diff_docx(diff, p), name)


def _emit(args, data: dict, markdown: Callable[[], str], docx: Callable[[Path], Path], name: str) -> int:
    """md / json go to stdout unless --out is given; docx always goes to a file (named after the law by default)."""
    if args.format == "docx":
        path = docx(args.out or Path(f"{name}.docx"))
        print(f"已保存：{path}")
        return 0
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n" if args.format == "json" else markdown()
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        print(f"已保存：{args.out}")
    else:
        sys.stdout.write(text)
    return 0


def _handle(p: argparse.ArgumentParser, handler: Callable[[argparse.Namespace], int]) -> None:
    """Set the handler under both names callers dispatch on: `func(args)` and the lead's `fn(args, settings)`.
    A user error (unknown law, version, chapter, type) becomes a Chinese message and exit code 2."""
    def wrapped(args: argparse.Namespace, *_settings) -> int:
        try:
            return handler(args)
        except LawdeskError as err:
            print(f"错误：{err}", file=sys.stderr)
            return 2
    p.set_defaults(func=wrapped, fn=wrapped)


def main_for_tests(argv: list[str], chunks: list[Chunk], chat: ChatModel | None = None) -> int:
    """Parse and run one of quiz / outline / diff over the given chunks (no index, no settings)."""
    parser = argparse.ArgumentParser(prog="lawdesk")
    register(parser.add_subparsers(dest="command", required=True), lambda: chunks, lambda: chat)
    args = parser.parse_args(argv)
    return args.func(args)
