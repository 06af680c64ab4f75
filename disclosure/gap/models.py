"""Typed results of a gap check: findings with their quoted evidence, claim flags, scores and the
content index. Messages a person reads (what is missing, what is wrong with a claim) come in
English and zh-TW; the page or the export picks the UI language."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, Field

from ..errors import DisclosureError
from ..models import SourceRef

Status = Literal["covered", "partial", "missing"]
Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]


from ..language import is_zh  # noqa: E402,F401 - re-exported for the gap package


class GapCancelled(DisclosureError):
    """The caller asked the gap check to stop (the UI's cancel button)."""

    def __init__(self, done: int, total: int):
        self.done = done
        self.total = total
        super().__init__(f"gap check cancelled after {done} of {total} requirements")


class EvidenceQuote(SourceRef):
    """A quoted passage of the checked document that supports a verdict."""

    text: str
    location: str = Field(default="", description="human label: 'p. 4', '¶ 12'")
    score: float = 0.0


class DetectorHit(BaseModel):
    """A data point a detector found (a frequency, a scenario name, a tCO2e quantity …)."""

    text: str
    page: int | None = None


class JudgeVerdict(BaseModel):
    """What the optional LLM judge said, and whether the engine kept it."""

    status: Status
    quote: str = ""
    page: int | None = None
    kept: bool = Field(description="True when the quote is really in a retrieved passage, so the verdict stands")
    reason: str = ""
    model: str = ""


class GapFinding(BaseModel):
    requirement_id: str
    framework: str
    ref: str = Field(description="framework:id")
    title: str
    pillar: str | None = None
    status: Status
    score: float = Field(ge=0, le=1, description="strength of the evidence, 0–1")
    probability: float = Field(default=0.0, ge=0, le=1,
                               description="calibrated probability that the document discloses the requirement")
    evidence: list[EvidenceQuote] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list, description="what is missing, in English")
    missing_zh: list[str] = Field(default_factory=list, description="the same sentences in zh-TW")
    detectors: dict[str, list[DetectorHit]] = Field(default_factory=dict)
    asked: list[str] = Field(default_factory=list, description="concepts the requirement asks for")
    found: list[str] = Field(default_factory=list, description="asked concepts the detectors found")
    via: list[str] = Field(default_factory=list, description="crosswalk refs whose coverage counted here")
    signals: dict[str, float] = Field(default_factory=dict, description="the verdict's inputs (named features)")
    reasons: list[str] = Field(default_factory=list, description="the weights that moved the verdict most")
    judge: JudgeVerdict | None = None

    @property
    def pages(self) -> list[int]:
        return sorted({e.page for e in self.evidence if e.page is not None})

    def missing_in(self, lang: str | None) -> list[str]:
        return self.missing_zh if is_zh(lang) and len(self.missing_zh) == len(self.missing) else self.missing

    def as_json(self) -> dict[str, Any]:
        d = self.model_dump(mode="json")
        d["evidence"] = [{"source": e.source, "page": e.page, "text": e.text, "location": e.location,
                          "score": round(e.score, 4)} for e in self.evidence]
        d["pages"] = self.pages
        return d


ClaimKind = Literal["carbon_neutral", "pas2060", "sbti_or_1_5c", "net_zero", "scope2_market_only"]


class ClaimFlag(BaseModel):
    """A claim in the document that does not stand on what the document itself shows."""

    kind: ClaimKind
    severity: Literal["error", "warning"] = "warning"
    source: str
    page: int | None = None
    sentence: str
    problem: str
    problem_zh: str = ""
    basis: str = Field(description="the rule or standard the check applies")

    def problem_in(self, lang: str | None) -> str:
        return self.problem_zh if is_zh(lang) and self.problem_zh else self.problem


class ScoreRow(BaseModel):
    framework: str
    pillar: str | None = None  # None = the whole framework
    total: int
    covered: int
    partial: int
    missing: int
    score: float = Field(description="(covered + ½ partial) / total, 0–100")


class ContentIndexRow(BaseModel):
    framework: str
    requirement_id: str
    title: str
    status: Status
    pages: list[int]


class GapReport(BaseModel):
    source: str
    pages: int | None = None
    excluded_pages: dict[int, str] = Field(default_factory=dict,
                                           description="page → 'toc' / 'index' / 'reference' / 'glossary' / 'about'")
    maturity: float = Field(default=0.0, description="share of specific data points the document carries (0–1)")
    findings: list[GapFinding]
    scores: list[ScoreRow] = Field(default_factory=list)
    claims: list[ClaimFlag] = Field(default_factory=list)
    content_index: list[ContentIndexRow] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    doc_id: str | None = Field(default=None, description="the evidence-base document checked, when it was one")

    def finding(self, requirement_id: str) -> GapFinding:
        for f in self.findings:
            if f.requirement_id == requirement_id or f.ref == requirement_id:
                return f
        raise KeyError(requirement_id)
