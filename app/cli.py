"""lawdesk command line: build | chunks | stats | search | ask | chat | eval | quiz | outline | diff | serve."""
from __future__ import annotations

import argparse
import json
import sys
import time

from app.audiences import keys as audience_keys
from app.config import Settings
from app.errors import LawdeskError
from app.logs import setup_logging
from app.schema import Turn

EXIT_OK, EXIT_FAIL, EXIT_PARTIAL = 0, 1, 3


def _settings() -> Settings:
    return Settings()


def _service(settings: Settings):
    from app.service import build_service

    return build_service(settings)


def cmd_build(args, settings: Settings) -> int:
    from app.embeddings import make_embedder
    from app.indexing import build
    from app.render_text import build_summary

    if args.if_stale and not args.rebuild:
        from app.indexing import existing_manifest

        if existing_manifest(settings.index_dir) is None:
            print("索引不存在，开始建立……", file=sys.stderr)
    embedder = make_embedder(settings.embedding, None, settings.openai_base_url)
    report = build(settings, embedder, rebuild=args.rebuild)
    print(build_summary(report))
    return EXIT_PARTIAL if report.status == "partial" else EXIT_OK


def cmd_chunks(args, settings: Settings) -> int:
    from app.indexing import load_chunks

    chunks, skipped, _ = load_chunks(settings)
    for s in skipped:
        print(f"跳过 {s.source}：{s.reason}", file=sys.stderr)
    out = sys.stdout
    for c in chunks:
        out.write(json.dumps(c.contract_json(), ensure_ascii=False) + "\n")
    return EXIT_OK


def cmd_stats(args, settings: Settings) -> int:
    from app.indexing import existing_manifest, load_chunks
    from app.render_text import stats_text

    chunks, skipped, ndocs = load_chunks(settings)
    print(stats_text(chunks, skipped, existing_manifest(settings.index_dir)))
    return EXIT_OK


def _read_queries(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _history(q: dict) -> tuple[Turn, ...]:
    return tuple(Turn(t["role"], t["content"]) for t in q.get("history") or [])


def cmd_search(args, settings: Settings) -> int:
    from app.render_text import hits_text

    svc = _service(settings)
    if args.queries:
        for q in _read_queries(args.queries):
            t0 = time.perf_counter()
            hits = svc.search(q["question"], args.k, _history(q))
            ms = (time.perf_counter() - t0) * 1000
            print(json.dumps({"id": q.get("id"), "latency_ms": round(ms, 2), "hits": [h.to_json() for h in hits]},
                             ensure_ascii=False), flush=True)
        return EXIT_OK
    hits = svc.search(args.question, args.k)
    print(json.dumps([h.to_json() for h in hits], ensure_ascii=False, indent=1) if args.json else hits_text(hits))
    return EXIT_OK


def cmd_ask(args, settings: Settings) -> int:
    from app.render_text import answer_text

    svc = _service(settings)
    if args.queries:
        for q in _read_queries(args.queries):
            a = svc.ask(q["question"], _history(q), q.get("audience") or args.audience)
            print(json.dumps(a.to_json(q.get("id")), ensure_ascii=False), flush=True)
        return EXIT_OK
    a = svc.ask(args.question, (), args.audience)
    print(json.dumps(a.to_json(), ensure_ascii=False, indent=1) if args.json else answer_text(a))
    return EXIT_OK


def cmd_chat(args, settings: Settings) -> int:
    from app.render_text import answer_text

    svc = _service(settings)
    history: list[Turn] = []
    print("lawdesk 对话（输入 exit 退出，clear 清空对话）")
    while True:
        try:
            q = input("问> ").strip()
        except EOFError:
            return EXIT_OK
        if q in ("exit", "quit"):
            return EXIT_OK
        if q == "clear":
            history.clear()
            continue
        if q:
            a = svc.ask(q, tuple(history), args.audience)
            print(answer_text(a))
            history += [Turn("user", q), Turn("assistant", a.text)]


def cmd_eval(args, settings: Settings) -> int:
    from app.evaluation import run_eval

    return run_eval(args, settings)


def cmd_verify(args, settings: Settings) -> int:
    """Verify given replies against given passages: no index, no retrieval, no LLM (corpus read only when a
    case gives its passages as references)."""
    from app.answer.verify.cases import case_output, needs_corpus

    cases = _read_queries(args.cases)
    corpus = None
    if needs_corpus(cases):
        from app.indexing import load_chunks

        corpus = load_chunks(settings)[0]
    for case in cases:
        out = case_output(case, corpus)
        if args.jsonl:
            print(json.dumps(out, ensure_ascii=False), flush=True)
        else:
            print(f"## {out['id']}\n{out['text']}\n" + "".join(f"（{n}）\n" for n in out["notices"]))
    return EXIT_OK


def cmd_serve(args, settings: Settings) -> int:
    from app.web.exposure import staff_exposure

    warning, refuse = staff_exposure(args.host, args.public, bool(settings.staff_logins()), args.allow_open_staff)
    if warning:
        print(warning, file=sys.stderr)
    if refuse:
        return 2
    from app.web.server import run

    run(_service(settings), host=args.host, port=args.port, public=args.public)
    return EXIT_OK


def parser(settings_loader=_settings) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lawdesk", description="法治工作问答助手：工作报告与法律法规，回答注明出处")
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="读取语料并建立（或增量更新）索引")
    b.add_argument("--rebuild", action="store_true", help="忽略已有索引，全部重建")
    b.add_argument("--if-stale", action="store_true", help="仅在索引缺失或语料变化时建立")
    b.set_defaults(fn=cmd_build)
    c = sub.add_parser("chunks", help="输出全部切片（JSONL）")
    c.add_argument("--jsonl", action="store_true", default=True)
    c.set_defaults(fn=cmd_chunks)
    sub.add_parser("stats", help="知识库统计").set_defaults(fn=cmd_stats)
    for name, fn, helptext in (("search", cmd_search, "检索"), ("ask", cmd_ask, "问答")):
        s = sub.add_parser(name, help=helptext)
        s.add_argument("question", nargs="?")
        s.add_argument("--k", type=int, default=10)
        s.add_argument("--json", action="store_true")
        s.add_argument("--jsonl", action="store_true")
        s.add_argument("--queries", help="批量问题 JSONL 文件")
        s.add_argument("--audience", default="staff", choices=audience_keys())
        s.set_defaults(fn=fn)
    ch = sub.add_parser("chat", help="终端对话")
    ch.add_argument("--audience", default="staff", choices=audience_keys())
    ch.set_defaults(fn=cmd_chat)
    e = sub.add_parser("eval", help="在 ../shared/bench 上评测检索与问答")
    e.add_argument("--bench-dir", default=None)
    e.add_argument("--sets", default="qa_dev,stard_domain_dev,bank_dev")
    e.add_argument("--lawlib-index", default=None, help="法律库索引目录（评测 stard_dev）")
    e.add_argument("--ask", action="store_true", help="同时评测问答")
    e.set_defaults(fn=cmd_eval)
    vf = sub.add_parser("verify", help="用给定资料核验给定回答（不需要索引和大模型）")
    vf.add_argument("--cases", required=True, help="核验用例 JSONL 文件")
    vf.add_argument("--jsonl", action="store_true")
    vf.set_defaults(fn=cmd_verify)
    sv = sub.add_parser("serve", help="启动网页")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=7860)
    sv.add_argument("--public", action="store_true", help="公众问答模式")
    sv.add_argument("--allow-open-staff", action="store_true",
                    help="允许在非本机地址上提供没有登录的工作人员页面（不建议）")
    sv.set_defaults(fn=cmd_serve)
    _register_training(sub, settings_loader)
    return p


def _register_training(sub, settings_loader) -> None:
    from app.training import commands

    def load_chunks():
        from app.indexing import load_chunks as load

        return load(settings_loader())[0]

    commands.register(sub, load_chunks)


def _process_defaults(argv: list[str]) -> None:
    """Set before numpy loads. No phoning home (Gradio analytics, Chroma telemetry, model hubs); and one BLAS
    thread when serving: a query embeds one short text, and extra BLAS threads only spin against Chroma's
    and the web server's threads (measured: 4-10 ms per query with one thread, 40-170 ms without)."""
    import os

    for key, value in (("GRADIO_ANALYTICS_ENABLED", "False"), ("ANONYMIZED_TELEMETRY", "False"),
                       ("HF_HUB_OFFLINE", "1"), ("TOKENIZERS_PARALLELISM", "false")):
        os.environ.setdefault(key, value)
    command = next((a for a in argv if not a.startswith("-")), "")
    if command != "build":
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def main(argv: list[str] | None = None) -> int:
    _process_defaults(sys.argv[1:] if argv is None else argv)
    args = parser().parse_args(argv)
    if args.cmd in ("search", "ask") and not (args.question or args.queries):
        print("请给出问题，或用 --queries 指定问题文件。", file=sys.stderr)
        return 2
    try:
        return args.fn(args, setup_logging(_settings()))
    except LawdeskError as err:
        print(f"错误：{err}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
