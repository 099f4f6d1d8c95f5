"""LawdeskService: the one object the CLI and UI talk to. build_service(settings) wires everything."""
from __future__ import annotations

import json
import logging
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from app.answer import refuse
from app.browse import References, Resolution
from app.answer.chat import ChatModel
from app.chunking.level import OTHER, legal_level
from app.config import Settings
from app.embeddings import Embedder, make_embedder
from app.errors import StoreUnavailable
from app.indexing import build as build_index, check_embedder, store_for
from app.ingest.loaders import SUPPORTED
from app.retrieve.retriever import Retriever, article_key
from app.schema import Answer, BuildReport, Chunk, Hit, KBStats, LawInfo, Turn
from app.stores.lexical import BM25Index
from app.stores.manifest import Manifest, current_generation
from app.text import add_user_words
from app.uploads import UploadInfo, delete_upload, list_uploads

log = logging.getLogger("lawdesk.service")


def law_category(c: Chunk) -> str:
    if c.doc_type == "report":
        return "工作报告"
    if c.doc_type != "law":
        return "其他文件"
    return "其他文件" if c.level in ("", OTHER) else c.level


def with_level(c: Chunk) -> Chunk:
    """Chunks of an index built before levels were recorded get theirs on loading (no rebuild needed)."""
    return replace(c, level=legal_level(c.source, c.title)) if c.doc_type == "law" and not c.level else c


class LawdeskService:
    def __init__(self, settings: Settings, embedder: Embedder, chat: ChatModel | None = None):
        self.settings, self.embedder, self.chat = settings, embedder, chat
        self.scope = refuse.SCOPES[settings.scope]
        self.load_notices: list[str] = []
        self.reload()

    # --- index ------------------------------------------------------------------------
    def reload(self) -> None:
        """Loads the committed generation completely, then swaps it in: questions asked meanwhile are
        answered from the previous generation, never from a mix."""
        self.load_notices = []
        gen = current_generation(self.settings.index_dir)
        manifest = Manifest.load(gen)
        check_embedder(manifest, self.embedder)
        with open(gen / "chunks.jsonl", encoding="utf-8") as fh:
            chunks = [with_level(Chunk.from_json(json.loads(line))) for line in fh]
        add_user_words(json.loads((gen / "userwords.json").read_text(encoding="utf-8")))
        store = self._open_store()
        retriever = Retriever(chunks, BM25Index.load(gen), self.embedder, store,
                              reopen=lambda: store_for(self.settings, self.embedder),
                              store_notice=None if store is not None else self.load_notices[-1])
        years = {y for c in chunks if c.doc_type == "report" for y in re.findall(r"(20\d{2})年", c.text)}
        self.manifest, self.chunks, self.retriever, self.by_id, self.generation, self.report_years = (
            manifest, chunks, retriever, {c.chunk_id: c for c in chunks}, gen.name, years)
        self.search("行政复议的期限", 1)  # warm-up: jieba dictionary and embedder weights load here, not on a user's question

    def _open_store(self):
        """The vector store, or None with a notice: a service whose Chroma server is down still starts and
        answers lexical-only (the retriever shows the notice and tries to reconnect now and then)."""
        try:
            return store_for(self.settings, self.embedder)
        except StoreUnavailable as err:
            notice = f"{err} 当前仅使用关键词检索。"
            log.warning("vector store unavailable at start: %s", notice)
            self.load_notices.append(notice)
            return None

    def rebuild(self, progress: Callable[[float, str], None] | None = None) -> BuildReport:
        report = build_index(self.settings, self.embedder, progress=progress)
        self.reload()
        return report

    def add_documents(self, paths: list[Path]) -> list[str]:
        dest = self.settings.uploads_dir
        dest.mkdir(parents=True, exist_ok=True)
        out = []
        for p in map(Path, paths):
            if p.suffix.lower() not in SUPPORTED:
                out.append(f"{p.name}：不支持的文件类型（支持 {'、'.join(SUPPORTED)}）")
                continue
            shutil.copy(p, dest / p.name)
            out.append(f"{p.name}：已加入，重新建立索引后生效")
        return out

    # --- queries ----------------------------------------------------------------------
    def search(self, query: str, k: int = 10, history: tuple[Turn, ...] | list[Turn] = ()) -> list[Hit]:
        users = tuple(t.content for t in history if t.role == "user")
        return self.retriever.search(query, k, users)

    def lookup(self, ref: str) -> list[Chunk]:
        hits = self.retriever.search(ref, 1)
        return self.context(hits[0].chunk.chunk_id) if hits and hits[0].why == ("lookup",) else []

    def context(self, chunk_id: str) -> list[Chunk]:
        c = self.by_id.get(chunk_id)
        if c is None:
            return []
        if c.doc_type == "law":
            return [self.chunks[i] for i in self.retriever.groups[article_key(c)]]
        return [x for x in self.chunks if x.source == c.source and x.section == c.section]

    def ask(self, question: str, history=(), audience: str = "staff") -> Answer:
        from app.answer.pipeline import answer_question

        return answer_question(self, question, tuple(history), audience)

    def ask_stream(self, question: str, history=(), audience: str = "staff") -> Iterator[str | Answer]:
        from app.answer.pipeline import stream_answer

        yield from stream_answer(self, question, tuple(history), audience)

    @property
    def llm_enabled(self) -> bool:
        return self.chat is not None

    # --- browsing ---------------------------------------------------------------------
    def laws(self) -> list[LawInfo]:
        seen: dict[tuple, list[Chunk]] = {}
        for c in self.chunks:
            seen.setdefault((c.title, c.version, c.source), []).append(c)
        return [LawInfo(t, cs[0].short_title, v, cs[0].is_current, law_category(cs[0]),
                        len({x.article for x in cs if x.article}), src) for (t, v, src), cs in seen.items()]

    def articles(self, title: str, version: str | None) -> list[Chunk]:
        return [c for c in self.chunks if c.title == title and c.version == version]

    def report(self) -> list[Chunk]:
        return [c for c in self.chunks if c.doc_type == "report"]

    def stats(self) -> KBStats:
        return kb_stats(self.chunks, self.manifest)

    # --- uploads and browse lookups: thin delegations (app.uploads, app.browse) ----------
    def uploads(self) -> list[UploadInfo]:
        return list_uploads(self.settings.uploads_dir, self.chunks, self.manifest.built_at, self.manifest.skipped)

    def delete_upload(self, name: str) -> str:
        return delete_upload(self.settings.uploads_dir, name)

    def resolve_reference(self, text: str) -> Resolution:
        return self.references().resolve(text)

    def references(self) -> References:
        """The browse lookup tables of the loaded generation (built on first use, rebuilt after a reload)."""
        refs = getattr(self, "_references", None)
        if refs is None or refs.chunks is not self.chunks:
            refs = self._references = References(self.chunks)
        return refs


def kb_stats(chunks: list[Chunk], manifest: Manifest | None = None, skipped=()) -> KBStats:
    laws = [c for c in chunks if c.doc_type == "law"]
    from app.schema import Skipped

    sk = tuple(Skipped(s, r) for s, r in manifest.skipped) if manifest else tuple(skipped)
    return KBStats(
        documents=len({c.source for c in chunks}), laws=len({c.title for c in laws}),
        law_versions=len({(c.title, c.version) for c in laws}),
        articles=len({(c.title, c.version, c.article) for c in laws}),
        report_sections=len({c.section for c in chunks if c.doc_type == "report"}),
        other_docs=len({c.source for c in chunks if c.doc_type == "other"}), chunks=len(chunks),
        skipped=sk, built_at=manifest.built_at if manifest else None,
    )


def make_chat(settings: Settings) -> ChatModel | None:
    if not settings.llm_enabled:
        return None
    from app.answer.llm import OpenAIChatModel

    return OpenAIChatModel.from_settings(settings)


def build_service(settings: Settings, embedder: Embedder | None = None, chat: ChatModel | None = None) -> LawdeskService:
    embedder = embedder or make_embedder(settings.embedding, _key(settings), settings.openai_base_url, threads=1)
    return LawdeskService(settings, embedder, chat if chat is not None else make_chat(settings))


def _key(settings: Settings) -> str | None:
    return settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
