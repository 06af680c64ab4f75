"""Typed drafts: citations, sentences, paragraphs, tables, gaps and the provenance that makes a draft
reproducible and auditable. Provenance is a field, never text glued into a sentence."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ..citing.models import Citation, EvidenceItem, EvidenceKind  # noqa: F401 - part of a draft
from ..language import Lang

DraftLang = Lang
DraftMode = Literal["grounded", "llm"]


class Sentence(BaseModel):
    text: str
    citations: list[Citation] = Field(default_factory=list)
    placeholder: bool = False
    requirement_ids: list[str] = Field(default_factory=list)
    numbers: list[str] = Field(default_factory=list, description="numbers the sentence states, as written")
    flags: list[str] = Field(default_factory=list,
                             description="e.g. 'source-language-quote' (English draft quoting a Chinese source)")


class Paragraph(BaseModel):
    requirement_ids: list[str] = Field(default_factory=list)
    heading: str | None = None
    topic: str | None = None
    sentences: list[Sentence] = Field(default_factory=list)

    @property
    def text(self) -> str:
        sep = "" if any("\u4e00" <= ch <= "\u9fff" for s in self.sentences for ch in s.text[:4]) else " "
        return sep.join(s.text for s in self.sentences)


class DataTable(BaseModel):
    """A data table of the chapter (emissions by scope and year, ISO categories, TCFD index…)."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    citations: list[Citation] = Field(default_factory=list)
    note: str | None = None
    after_topic: str | None = Field(default=None, description="placed after the paragraphs of this topic")


class GapItem(BaseModel):
    requirement_id: str
    missing: str
    data_point: str | None = None
    required: bool = True


class RejectedSentence(BaseModel):
    """A sentence a model wrote that the guard refused (never shown as draft text)."""

    text: str
    reasons: list[str]
    requirement_ids: list[str] = Field(default_factory=list)


class Provenance(BaseModel):
    """What a draft was made from, so it can be regenerated and audited."""

    settings: dict = Field(default_factory=dict)
    evidence_ids: list[str] = Field(default_factory=list, description="chunk ids of every passage consulted")
    documents: list[str] = Field(default_factory=list, description="doc ids committed when the draft was made")
    inventory_file: str | None = None
    inventory_sha256: str | None = None
    reporting_year: int | None = None
    library_version: str | None = None
    engine_version: str = "1"
    timestamp: str = ""
    quarantined: list[str] = Field(default_factory=list, description="chunk ids with instruction-like text removed")
    model: str | None = None


class DraftSection(BaseModel):
    """One chapter (or one chapter of a report preset)."""

    chapter: str
    title: str
    number: str | None = None
    paragraphs: list[Paragraph] = Field(default_factory=list)
    tables: list[DataTable] = Field(default_factory=list)


class Draft(BaseModel):
    chapter: str
    title: str
    lang: DraftLang
    mode: DraftMode
    frameworks: list[str]
    sections: list[DraftSection] = Field(default_factory=list)
    tables: list[DataTable] = Field(default_factory=list, description="tables that belong to the whole draft (e.g. TCFD index)")
    gaps: list[GapItem] = Field(default_factory=list)
    rejected: list[RejectedSentence] = Field(default_factory=list)
    review_notes: list[str] = Field(default_factory=list)
    evidence: dict[str, EvidenceItem] = Field(default_factory=dict)
    provenance: Provenance = Field(default_factory=Provenance)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]

    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]

    def requirement_ids(self) -> list[str]:
        seen: dict[str, None] = {}
        for p in self.paragraphs:
            for r in p.requirement_ids:
                seen.setdefault(r, None)
        return list(seen)

    def as_json(self) -> dict:
        """The documented JSON shape (issue #5), with the draft's metadata alongside."""
        return {
            "chapter": self.chapter,
            "title": self.title,
            "lang": self.lang,
            "mode": self.mode,
            "frameworks": self.frameworks,
            "paragraphs": [
                {"section": sec.title, "heading": p.heading, "requirement_ids": p.requirement_ids,
                 "sentences": [{"text": s.text, "placeholder": s.placeholder, "requirement_ids": s.requirement_ids,
                                "numbers": s.numbers, "flags": s.flags,
                                "citations": [c.model_dump(mode="json") for c in s.citations]}
                               for s in p.sentences]}
                for sec in self.sections for p in sec.paragraphs
            ],
            "tables": [t.model_dump(mode="json") for sec in self.sections for t in sec.tables]
            + [t.model_dump(mode="json") for t in self.tables],
            "gaps": [g.model_dump(mode="json") for g in self.gaps],
            "rejected": [r.model_dump(mode="json") for r in self.rejected],
            "review_notes": self.review_notes,
            "provenance": self.provenance.model_dump(mode="json"),
        }
