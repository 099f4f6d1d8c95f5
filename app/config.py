"""One Settings object, read once where the app is assembled (cli / ui) and passed down."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


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

    def staff_logins(self) -> list[tuple[str, str]]:
        pairs = [p.split(":", 1) for p in self.staff_users.split(",") if ":" in p]
        return [(u.strip(), pw) for u, pw in pairs]
