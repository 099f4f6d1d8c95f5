"""LawdeskService: the facade the CLI, UI and API talk to. build_service(settings) wires everything.

It holds one `Live` reference (an immutable index snapshot and the retriever built over it). Between questions it
checks CURRENT (a small file) at most every `reload_check_seconds`; a newly committed generation is loaded in the
background and swapped in as one reference, so every instance follows a build without a restart and a question is
never answered from a mix of two generations.
"""
from __future__ import annotations

import logging
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from app.answer import refuse
from app.llm.chat import ChatModel
from app.browse import References, Resolution
from app.answer.confidence import Calibrator, load_calibrator
from app.chunking.level import OTHER
from app.config import Settings
from app.embeddings import Embedder, make_embedder
from app.errors import IndexMissing, StoreUnavailable
from app.indexing import build as build_index, check_embedder, store_for
from app.ingest.loaders import SUPPORTED
from app.profile import load_profile
from app.retrieve.dense import ResilientStore
from app.retrieve.query import TitleIndex
from app.retrieve.ranker import Ranker, load_ranker
from app.retrieve.retriever import Retriever, article_key
from app.schema import Answer, BuildReport, Chunk, Hit, KBStats, LawInfo, Skipped, Turn
from app.stores.manifest import Manifest
from app.stores.snapshot import IndexSnapshot, committed, load_snapshot
from app.uploads import UploadInfo, delete_upload, list_uploads

log = logging.getLogger("lawdesk.service")
WARM_UP = "行政复议的期限"


def law_category(c: Chunk) -> str:
    if c.doc_type == "report":
        return "工作报告"
    if c.doc_type != "law":
        return "其他文件"
    return "其他文件" if c.level in ("", OTHER) else c.level


@dataclass(frozen=True)
class Live:
    """What one question reads: the snapshot and the retriever over it (swapped together, as one reference)."""

    snapshot: IndexSnapshot
    retriever: Retriever

    @property
    def chunks(self) -> tuple[Chunk, ...]:
        return self.snapshot.chunks

    @property
    def titles(self) -> TitleIndex:
        return self.retriever.titles

    @cached_property
    def references(self) -> References:
        """The browse lookup tables of this generation (built on first use; a new generation builds its own)."""
        return References(list(self.snapshot.chunks))


@dataclass(frozen=True)
class Deps:
    """The answer pipeline's typed dependencies (not the service)."""

    live: Live
    chat: ChatModel | None
    scope: refuse.Scope
    calibrator: Calibrator | None = None
    places: tuple[str, ...] = ()  # what the indexed report covers (the deployment profile)
    settings: Settings | None = None  # LLM-assisted retrieval reads its endpoints and timeouts here

    @property
    def retriever(self) -> Retriever:
        return self.live.retriever

    @property
    def chunks(self) -> tuple[Chunk, ...]:
        return self.live.chunks

    @property
    def report_years(self) -> frozenset[str]:
        return self.live.snapshot.report_years

    @property
    def report_title_years(self) -> tuple[str, ...]:
        return self.live.snapshot.report_title_years


class LawdeskService:
    def __init__(self, settings: Settings, embedder: Embedder, chat: ChatModel | None = None,
                 ranker: Ranker | None | bool = True):
        """ranker: True loads settings.ranker_model (hand-set weights when absent), None forces the fallback."""
        self.settings, self.embedder, self.chat = settings, embedder, chat
        self.profile = load_profile(settings.profile)
        self.scope = refuse.scope_for(settings.scope, self.profile)
        self.ranker = load_ranker(settings.ranker_model) if ranker is True else (ranker or None)
        # the law library's model (no written questions there); used where the main model does not fit
        self.library_ranker = load_ranker(settings.library_ranker_model) if ranker is True else None
        # the confidence model belongs to the ranker it was calibrated on: no ranker, no calibrator
        self.calibrator = load_calibrator(settings.confidence_model) if self.ranker is not None else None
        self.load_notices: list[str] = []
        self.vectors = self._open_store()
        self._swap_lock = threading.Lock()
        self._checked = time.monotonic()
        self._live = self._load()

    # --- index generations --------------------------------------------------------------
    def _open_store(self) -> ResilientStore:
        """A service whose Chroma server is down still starts and answers lexical-only, with a notice."""
        def reopen():  # type: ignore[no-untyped-def]
            return store_for(self.settings, self.embedder)

        try:
            return ResilientStore(reopen(), reopen)
        except StoreUnavailable as err:
            notice = f"{err} 当前仅使用关键词检索。"
            log.warning("vector store unavailable at start: %s", notice)
            self.load_notices.append(notice)
            return ResilientStore(None, reopen, notice)

    def _load(self) -> Live:
        snap = load_snapshot(self.settings.index_dir)
        check_embedder(snap.manifest, self.embedder)
        ranker = next((r for r in (self.ranker, self.library_ranker) if r is not None and r.fits(snap)), None)
        retriever = Retriever(snap.chunks, snap.bm25, self.embedder, self.vectors, tokenizer=snap.tokenizer,
                              expansions=snap.expansions, ranker=ranker)
        retriever.search(WARM_UP, 1)  # jieba and the embedder warm up here, not on a user's question
        if ranker is not None and not ranker.lite:  # the ranker's per-article features, off the question path
            threading.Thread(target=retriever.warm, daemon=True, name="lawdesk-warm").start()
        else:
            retriever.warmed.set()
        return Live(snap, retriever)

    def wait_until_warm(self, timeout: float = 120.0) -> bool:
        """For measurements on a loaded index: questions timed while the warm-up runs share the cores with it."""
        return self.retriever.warmed.wait(timeout)

    def reload(self) -> None:
        """Load the committed generation now and swap it in (the old one serves until the swap)."""
        live = self._load()
        with self._swap_lock:
            self._live = live

    def refresh(self, wait: bool = False) -> bool:
        """Swap in a newly committed generation if there is one; True when a swap happened or started.
        Cheap when nothing changed: one small file read, at most every reload_check_seconds (unless wait)."""
        now = time.monotonic()
        if not wait and now - self._checked < self.settings.reload_check_seconds:
            return False
        self._checked = now
        name = committed(self.settings.index_dir)
        if not name or name == self._live.snapshot.generation:
            return False
        if not self._swap_lock.acquire(blocking=wait):
            return False  # another thread is loading it already
        try:
            if wait:
                self._swap(name)
            else:
                threading.Thread(target=self._swap_and_release, args=(name,), daemon=True).start()
                return True
        finally:
            if wait:
                self._swap_lock.release()
        return True

    def _swap_and_release(self, name: str) -> None:
        try:
            self._swap(name)
        finally:
            self._swap_lock.release()

    def _swap(self, name: str) -> None:
        try:
            live = self._load()
        except (IndexMissing, OSError, ValueError) as err:  # a half-visible or removed generation: keep serving
            log.warning("could not load generation %s: %s", name, err)
            return
        self._live = live
        log.info("now serving generation %s", live.snapshot.generation)

    @property
    def live(self) -> Live:
        self.refresh()
        return self._live

    def deps(self) -> Deps:
        live = self.live
        # the confidence model belongs to the ranker it was calibrated on: no ranker, no calibrator
        calibrated = live.retriever.ranker is not None and live.retriever.ranker is self.ranker
        return Deps(live, self.chat, self.scope, self.calibrator if calibrated else None,
                    self.profile.places, self.settings)

    # read-only views of the live generation (browse, training, stats)
    @property
    def chunks(self) -> tuple[Chunk, ...]:
        return self.live.chunks

    @property
    def retriever(self) -> Retriever:
        return self.live.retriever

    @property
    def by_id(self):  # type: ignore[no-untyped-def]
        return self.live.snapshot.by_id

    @property
    def generation(self) -> str:
        return self.live.snapshot.generation

    @property
    def manifest(self) -> Manifest:
        return self.live.snapshot.manifest

    @property
    def report_years(self) -> frozenset[str]:
        return self.live.snapshot.report_years

    def rebuild(self, progress: Callable[[float, str], None] | None = None) -> BuildReport:
        report = build_index(self.settings, self.embedder, progress=progress)
        self.reload()
        return report

    def add_documents(self, paths: Sequence[Path]) -> list[str]:
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
    def search(self, query: str, k: int = 10, history: Sequence[Turn] = ()) -> list[Hit]:
        users = tuple(t.content for t in history if t.role == "user")
        return self.live.retriever.search(query, k, users)

    def lookup(self, ref: str) -> list[Chunk]:
        live = self.live
        hits = live.retriever.search(ref, 1)
        return self._context(live, hits[0].chunk.chunk_id) if hits and hits[0].is_lookup else []

    def context(self, chunk_id: str) -> list[Chunk]:
        return self._context(self.live, chunk_id)

    @staticmethod
    def _context(live: Live, chunk_id: str) -> list[Chunk]:
        c = live.snapshot.by_id.get(chunk_id)
        if c is None:
            return []
        if c.doc_type == "law":
            return [live.chunks[i] for i in live.retriever.groups[article_key(c)]]
        return [x for x in live.chunks if x.source == c.source and x.section == c.section]

    def ask(self, question: str, history: Sequence[Turn] = (), audience: str = "staff") -> Answer:
        from app.answer.pipeline import answer_question

        return answer_question(self.deps(), question, tuple(history), audience)

    def ask_stream(self, question: str, history: Sequence[Turn] = (), audience: str = "staff") -> Iterator[str | Answer]:
        from app.answer.pipeline import stream_answer

        yield from stream_answer(self.deps(), question, tuple(history), audience)

    @property
    def llm_enabled(self) -> bool:
        return self.chat is not None

    # --- browsing ---------------------------------------------------------------------
    def laws(self) -> list[LawInfo]:
        seen: dict[tuple[str, str | None, str], list[Chunk]] = {}
        for c in self.chunks:
            seen.setdefault((c.title, c.version, c.source), []).append(c)
        return [LawInfo(t, cs[0].short_title, v, cs[0].is_current, law_category(cs[0]),
                        len({x.article for x in cs if x.article}), src) for (t, v, src), cs in seen.items()]

    def articles(self, title: str, version: str | None) -> list[Chunk]:
        return [c for c in self.chunks if c.title == title and c.version == version]

    def report(self) -> list[Chunk]:
        return [c for c in self.chunks if c.doc_type == "report"]

    def stats(self) -> KBStats:
        return kb_stats(list(self.chunks), self.manifest)

    # --- uploads and browse lookups: thin delegations (app.uploads, app.browse) ----------
    def uploads(self) -> list[UploadInfo]:
        return list_uploads(self.settings.uploads_dir, self.chunks, self.manifest.built_at, self.manifest.skipped)

    def delete_upload(self, name: str) -> str:
        return delete_upload(self.settings.uploads_dir, name)

    def resolve_reference(self, text: str) -> Resolution:
        return self.references().resolve(text)

    def references(self) -> References:
        return self.live.references


def kb_stats(chunks: list[Chunk], manifest: Manifest | None = None, skipped: Sequence[Skipped] = ()) -> KBStats:
    laws = [c for c in chunks if c.doc_type == "law"]
    sk = tuple(Skipped(s, r) for s, r in manifest.skipped) if manifest else tuple(skipped)
    return KBStats(
        documents=len({c.source for c in chunks}), laws=len({c.title for c in laws}),
        law_versions=len({(c.title, c.version) for c in laws}),
        articles=len({(c.title, c.version, c.article) for c in laws}),
        report_sections=len({c.section for c in chunks if c.doc_type == "report"}),
        other_docs=len({c.source for c in chunks if c.doc_type == "other"}), chunks=len(chunks),
        skipped=sk, built_at=manifest.built_at if manifest else None,
        report_title=next((c.title for c in chunks if c.doc_type == "report"), None),
    )


def make_chat(settings: Settings) -> ChatModel | None:
    if not settings.llm_enabled:
        return None
    from app.answer.llm import OpenAIChatModel

    return OpenAIChatModel.from_settings(settings)


def embedder_for(settings: Settings, threads: int = 1) -> Embedder:
    """The one embedder factory build, serve, bench and tests use (the API key reaches openai: embedders too)."""
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    return make_embedder(settings.embedding, key, settings.openai_base_url, threads=threads)


def build_service(settings: Settings, embedder: Embedder | None = None, chat: ChatModel | None = None) -> LawdeskService:
    return LawdeskService(settings, embedder or embedder_for(settings), chat if chat is not None else make_chat(settings))
