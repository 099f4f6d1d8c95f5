"""One Settings object, read once where the app is assembled (cli / ui) and passed down."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_CORPUS = Path(__file__).resolve().parent.parent / "corpus"  # the repo's own manifests and notes


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="LAWDESK_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    corpus_dir: Path = Path("../shared/corpus")
    index_dir: Path = Path("index")
    user_docs_dir: Path | None = None  # uploads from the 管理 tab; default <index_dir>/../user_docs
    embedding: str = "use"  # use | openai:<model> | test
    llm_model: str | None = None
    llm_timeout: float = 30.0
    llm_max_retries: int = 2
    chroma_host: str | None = None
    chroma_port: int = 8000
    feedback_db: Path | None = None  # default <index_dir>/feedback.sqlite3
    public_max_chars: int = 500
    public_rate_per_minute: int = 10
    public_queue_size: int = 32
    staff_users: str = ""  # "alice:pw1,bob:pw2" enables login on the staff page
    log_file: Path | None = None
    scope: Literal["bureau", "laws"] = "bureau"  # laws: a deployment answering any question of national law
    # retrieval: questions written per article (doc2query) and the learned ranker; "none" switches either off
    questions_dir: Path = REPO_CORPUS / "questions"
    ranker_model: Path = REPO_CORPUS / "ranker" / "ranker.lgb.txt"
    library_ranker_model: Path = REPO_CORPUS / "ranker" / "library.lgb.txt"  # LAWDESK_SCOPE=laws on the law library
    confidence_model: Path = REPO_CORPUS / "ranker" / "confidence.json"
    profile: Path = REPO_CORPUS / "profile.toml"  # the deployment's names and texts (app.profile)
    reload_check_seconds: float = 2.0  # how often a serving instance looks for a newly committed generation

    # --- web hardening and HTTP API (docs/security.md) ---
    trusted_proxies: str = ""  # "10.0.0.5,10.1.0.0/16": X-Forwarded-For is honoured only from these peers
    max_request_kb: int = 64  # any request body above this gets 413 before it is parsed (uploads excepted)
    max_upload_mb: int = 50  # staff page uploads, per request
    public_votes_per_minute: int = 10  # 👍/👎 per client
    public_browse_per_minute: int = 30  # 法规浏览 lookups per client
    public_concurrency_per_client: int = 2  # answers being computed at once for one client
    max_history_turns: int = 10  # history kept and accepted (API), newest first
    max_turn_chars: int = 2000  # each history message is cut to this
    login_max_failures: int = 5  # failed staff logins per client and per account in 5 minutes
    frame_ancestors: str = ""  # empty: the pages cannot be framed; else CSP frame-ancestors, e.g. "https://x.gov.cn"
    api_enabled: bool = True  # POST /api/v1/ask, /v1/chat/completions, GET /v1/models

    # LLM-assisted retrieval (used only when an LLM or a rerank endpoint is configured)
    llm_step_timeout: float = 6.0  # seconds for each assisting call (condense, statute rewrite, rerank)
    llm_rewrite: bool = True  # search a statute-language rewrite of the question too, fused with the original
    rerank_model: str | None = None  # e.g. bge-reranker-v2-m3 served by TEI / Xinference / Jina
    rerank_base_url: str | None = None  # POST {base}/rerank

    openai_api_key: SecretStr | None = Field(default=None, validation_alias="OPENAI_API_KEY")
    openai_base_url: str | None = Field(default=None, validation_alias="OPENAI_BASE_URL")

    @property
    def llm_enabled(self) -> bool:
        return bool(self.openai_api_key and self.llm_model)

    @property
    def feedback_path(self) -> Path:
        return self.feedback_db or self.index_dir / "feedback.sqlite3"

    @property
    def uploads_dir(self) -> Path:
        return self.user_docs_dir or self.index_dir.parent / "user_docs"

    def trusted_proxy_list(self) -> list[str]:
        return [p.strip() for p in self.trusted_proxies.split(",") if p.strip()]

    def staff_logins(self) -> list[tuple[str, str]]:
        pairs = [p.split(":", 1) for p in self.staff_users.split(",") if ":" in p]
        return [(u.strip(), pw) for u, pw in pairs]
