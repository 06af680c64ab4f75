"""Workspaces: one reporting entity each (a company or a group), with its own evidence base and
company profile.

The default workspace keeps the data directory's original layout (so every existing command line
and data dir works unchanged); another workspace lives under ``data_dir/workspaces/<name>/`` in
embedded mode and under the collection prefix ``<collection_prefix>_<name>`` in server mode. The
profile is a JSON file in the workspace's directory (also in server mode: the registry of
workspaces is local, their documents are on the server).
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError

from .errors import ConfigurationError
from .language import is_zh
from .settings import DEFAULT_WORKSPACE, Settings

SAMPLE_PROFILE = Path(__file__).with_name("sample_profile.yaml")
PROFILE_FILE = "profile.json"

# FSC roadmap for IFRS S1/S2 adoption by TWSE/TPEx listed companies, by paid-in capital:
# ≥ NT$10bn from FY2026, NT$5–10bn from FY2027, < NT$5bn from FY2028.
CAPITAL_TIERS: dict[str, int] = {"over-10bn": 2026, "5-10bn": 2027, "under-5bn": 2028}
CapitalTier = Literal["over-10bn", "5-10bn", "under-5bn"]
Consolidation = Literal["operational-control", "financial-control", "equity-share"]


class CompanyProfile(BaseModel):
    """Who the workspace reports for; drafts, the entity check and the Home page read it."""

    model_config = {"extra": "forbid", "validate_assignment": True}

    name_zh: str = Field(default="", description="legal name in Chinese, e.g. 晨曜精密電子股份有限公司")
    name_en: str = Field(default="", description="legal name in English")
    aliases: list[str] = Field(default_factory=list, description="short names the documents use (晨曜電子, Chenyao)")
    stock_code: str | None = Field(default=None, pattern=r"^\d{4,6}$", description="TWSE / TPEx code, e.g. 2330")
    industry: str = ""
    reporting_year: int | None = Field(default=None, ge=1990, le=2100)
    base_year: int | None = Field(default=None, ge=1990, le=2100)
    capital_tier: CapitalTier | None = Field(default=None, description="paid-in capital tier (IFRS S2 timing)")
    consolidation: Consolidation | None = None

    def names(self) -> list[str]:
        """Every name the company goes by, longest first (legal names, then aliases)."""
        out = [n.strip() for n in [self.name_zh, self.name_en, *self.aliases] if n and n.strip()]
        return sorted(dict.fromkeys(out), key=len, reverse=True)

    def display_name(self, lang: str = "zh-TW") -> str:
        zh = is_zh(lang)
        first = (self.name_zh or self.name_en) if zh else (self.name_en or self.name_zh)
        return first or (self.aliases[0] if self.aliases else "")

    @property
    def ifrs_s2_from(self) -> int | None:
        """First financial year IFRS S2 applies (FSC roadmap), from the capital tier."""
        return CAPITAL_TIERS.get(self.capital_tier) if self.capital_tier else None


def workspace_settings(settings: Settings, name: str) -> Settings:
    """``settings`` pointed at workspace ``name`` (validated)."""
    try:
        return settings.model_copy(update={"workspace": Settings.model_validate({"workspace": name}).workspace})
    except ValidationError as exc:
        raise ConfigurationError(exc.errors()[0]["msg"].removeprefix("Value error, ")) from None


def workspace_exists(settings: Settings) -> bool:
    return settings.workspace == DEFAULT_WORKSPACE or (settings.workspace_dir / PROFILE_FILE).is_file()


def list_workspaces(settings: Settings) -> list[str]:
    """The default workspace and every created one, default first."""
    root = settings.data_dir / "workspaces"
    names = sorted(p.name for p in root.iterdir() if (p / PROFILE_FILE).is_file()) if root.is_dir() else []
    return [DEFAULT_WORKSPACE] + [n for n in names if n != DEFAULT_WORKSPACE]


def sample_profile() -> CompanyProfile:
    """The sample company's profile (from its fact sheet, docs/sample_company_facts.md)."""
    return CompanyProfile.model_validate(yaml.safe_load(SAMPLE_PROFILE.read_text(encoding="utf-8")))


def load_profile(settings: Settings) -> CompanyProfile:
    """The workspace's stored profile (its profile.json), or an empty one before any is set.

    The default workspace gets the sample company's profile written when the sample corpus is
    indexed in it (:func:`adopt_sample_profile`), not before: a fresh data directory that is given
    another company's report must not judge it against the sample company."""
    path = settings.workspace_dir / PROFILE_FILE
    try:
        if path.is_file():
            return CompanyProfile.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"cannot read the company profile {path}: {exc} — fix or delete the file") from exc
    return CompanyProfile()


def effective_profile(settings: Settings, documents) -> CompanyProfile:
    """The profile the engines use: the stored one when it names the company; otherwise the company
    the workspace's own documents name most often (``DocumentRecord.entity`` of its evidence
    documents), so that a workspace nobody configured still tells a later peer report from the
    company's own; an empty profile when neither says."""
    stored = load_profile(settings)
    if stored.names():
        return stored
    counts: dict[str, int] = {}
    for d in documents:
        if d.role == "evidence" and d.entity:
            counts[d.entity] = counts.get(d.entity, 0) + 1
    if not counts:
        return stored
    entity = max(counts, key=lambda e: (counts[e], -len(e)))
    cjk = any("\u4e00" <= ch <= "\u9fff" for ch in entity)
    return stored.model_copy(update={"name_zh": entity} if cjk else {"name_en": entity})


def _sample_hashes(corpus_dir: Path) -> frozenset[str]:
    import hashlib

    key = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(Path(corpus_dir).glob("*")) if p.is_file())
    cached = _SAMPLE_HASHES.get(str(corpus_dir))
    if cached is None or cached[0] != key:
        hashes = frozenset(hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(Path(corpus_dir).glob("*"))
                           if p.is_file())
        cached = _SAMPLE_HASHES[str(corpus_dir)] = (key, hashes)
    return cached[1]


_SAMPLE_HASHES: dict[str, tuple] = {}


def adopt_sample_profile(settings: Settings, content_hash: str) -> bool:
    """When a file of the sample corpus is indexed in the default workspace and no profile is set,
    store the sample company's profile: the default workspace then holds the sample company."""
    if settings.workspace != DEFAULT_WORKSPACE or (settings.workspace_dir / PROFILE_FILE).is_file():
        return False
    if not Path(settings.corpus_dir).is_dir() or content_hash not in _sample_hashes(settings.corpus_dir):
        return False
    save_profile(settings, sample_profile())
    return True


def save_profile(settings: Settings, profile: CompanyProfile) -> Path:
    """Write the profile atomically (a crash never leaves half a file)."""
    path = settings.workspace_dir / PROFILE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".profile-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(profile.model_dump_json(indent=2))
    os.replace(tmp, path)
    return path


def create_workspace(settings: Settings, name: str, profile: CompanyProfile | None = None) -> Settings:
    """Create workspace ``name`` with ``profile``; returns the settings pointed at it."""
    ws = workspace_settings(settings, name)
    if ws.workspace == DEFAULT_WORKSPACE or workspace_exists(ws):
        raise ConfigurationError(f"workspace '{ws.workspace}' already exists — pick another name, or edit it "
                                 f"with: python -m disclosure --workspace {ws.workspace} workspace set field=value")
    save_profile(ws, profile or CompanyProfile())
    return ws


def update_profile(profile: CompanyProfile, assignments: dict[str, str]) -> CompanyProfile:
    """``profile`` with ``field=value`` assignments applied (aliases comma-separated; empty → unset)."""
    data = profile.model_dump()
    for key, raw in assignments.items():
        if key not in CompanyProfile.model_fields:
            raise ConfigurationError(f"unknown profile field '{key}' — use one of {', '.join(CompanyProfile.model_fields)}")
        raw = raw.strip()
        if key == "aliases":
            data[key] = [a.strip() for a in raw.replace("，", ",").split(",") if a.strip()]
        elif raw == "" and key not in ("name_zh", "name_en", "industry"):
            data[key] = None
        else:
            data[key] = raw
    try:
        return CompanyProfile.model_validate(data)
    except ValidationError as exc:
        e = exc.errors()[0]
        raise ConfigurationError(f"invalid value for {e['loc'][0]}: {e['msg']}") from None


def profile_json(profile: CompanyProfile) -> str:
    return json.dumps(profile.model_dump(mode="json"), ensure_ascii=False, indent=2)


def require_workspace(settings: Settings) -> None:
    """Raise unless the settings' workspace exists (a typo must not open an empty new one)."""
    if not workspace_exists(settings):
        known = ", ".join(list_workspaces(settings))
        raise ConfigurationError(f"no workspace '{settings.workspace}' (known: {known}) — create it with: "
                                 f"python -m disclosure workspace create {settings.workspace}")
