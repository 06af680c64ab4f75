"""Typed facts: a figure (or a statement) a document gives, what it measures, for which period and
entity, and exactly where it stands (file, page, table cell or sentence, character span)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ..models import SourceRef

from .units import Unit

Entity = Literal["company", "supplier", "customer", "peer", "subsidiary", "parent", "other"]
Channel = Literal["table", "sentence", "inventory"]


class FactProvenance(SourceRef):
    """Where a fact stands. A table cell names its row label and column header; a sentence is quoted."""

    doc_id: str | None = None
    channel: Channel = "sentence"
    row_label: str | None = None
    column: str | None = None
    caption: str | None = Field(default=None, description="the table's title or unit line")
    sentence: str = Field(default="", description="the sentence, or the table row as read")
    char_start: int = 0
    char_end: int = 0

    def location(self) -> str:
        return self.where()

    def quote(self) -> str:
        """What a citation quotes: the sentence, or 'row label | column: value' for a table cell."""
        return self.sentence


class Fact(BaseModel):
    """One figure a document states: metric, value as written and normalised, unit, period, entity."""

    metric: str = Field(description="metric id of the vocabulary (scope1, scope3_cat15, water_withdrawal …)")
    value: float = Field(description="the number as written (387 for '387' in a '1,000 t' table)")
    value_text: str = Field(description="the number as written, separators kept")
    unit: Unit | None = None
    year: int | None = Field(default=None, description="the (fiscal) year the figure is for")
    period: str | None = Field(default=None, description="the period as written: 'FY 2023', '111年度', '2022'")
    entity: Entity = "company"
    entity_name: str | None = None
    breakdown: bool = Field(default=False, description="one part of a total (a site, an asset class, a source)")
    estimate: bool = False
    siblings: list[str] = Field(default_factory=list, description="other metrics of the same table (a total's parts)")
    provenance: FactProvenance

    @property
    def base_value(self) -> float:
        """The value in the base unit (tCO2e, MWh, GJ, m3…)."""
        return self.value * (self.unit.scale if self.unit else 1.0)


class DocumentFacts(BaseModel):
    """The facts of one document, stored by content hash in the data dir."""

    doc_id: str
    source: str
    content_hash: str
    extractor: str = Field(description="extractor version; a different version re-extracts")
    reporting_year: int | None = None
    reporting_year_reason: str = ""
    pages: int = 0
    seconds: float = 0.0
    facts: list[Fact] = Field(default_factory=list)


class Candidate(BaseModel):
    """A fact considered for a question, with its score and why."""

    fact: Fact
    score: float
    reasons: list[str] = Field(default_factory=list)
    agreeing: list[FactProvenance] = Field(default_factory=list, description="other places stating the same value")


class FactAnswer(BaseModel):
    """The answer to 'what is metric M for year Y': the chosen fact and the ranked candidates, or no evidence."""

    metric: str
    year: int | None
    status: Literal["found", "no_evidence"]
    chosen: Candidate | None = None
    candidates: list[Candidate] = Field(default_factory=list)
    reason: str = ""
