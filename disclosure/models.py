"""Typed data that flows through the engine. Provenance is always a field, never glued into text."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Language = Literal["zh", "en", "mixed", "unknown"]
DocumentKind = Literal["pdf", "docx", "xlsx", "csv", "text"]
# 'evidence': the company's own document, which drafts and answers cite as its facts;
# 'reference': someone else's (peer reports, regulations, standards, examples): searchable, never cited as the company's.
DocumentRole = Literal["evidence", "reference"]
ROLES: tuple[str, ...] = ("evidence", "reference")


class Location(BaseModel):
    """Where a piece of text sits inside its source file."""

    page: int | None = Field(default=None, description="1-based physical page (PDF)")
    sheet: str | None = None
    cell_range: str | None = Field(default=None, description="e.g. A5:F9")
    paragraph: int | None = Field(default=None, description="0-based paragraph/block index (DOCX, text)")
    char_start: int = 0
    char_end: int = 0

    def label(self) -> str:
        """Short human label, e.g. 'p. 4', 'sheet 排放總覽 A3:E3', '¶ 12'."""
        if self.page is not None:
            return f"p. {self.page}"
        if self.sheet is not None:
            return f"sheet {self.sheet}" + (f" {self.cell_range}" if self.cell_range else "")
        if self.cell_range is not None:
            return f"cells {self.cell_range}"
        if self.paragraph is not None:
            return f"¶ {self.paragraph + 1}"
        return ""


class SourceRef(BaseModel):
    """Where something stands in the company's documents: the file and the page, the sheet and cells,
    or the paragraph. The one provenance shape behind a draft's citations, an answer's citations, a
    gap finding's quotes and an extracted fact; each adds what it needs (the quote, a score…)."""

    source: str = Field(description="file name as the user knows it")
    page: int | None = Field(default=None, description="1-based physical page (PDF)")
    sheet: str | None = None
    cell_range: str | None = None
    paragraph: int | None = Field(default=None, description="0-based paragraph/block index (DOCX, text)")

    def where(self) -> str:
        """'p. 4', 'sheet X A3:E9', 'cells A3:E9', '¶ 12', or '' for a whole file."""
        return Location(page=self.page, sheet=self.sheet, cell_range=self.cell_range, paragraph=self.paragraph).label()

    def cited_as(self) -> str:
        """'file, p. 4', 'file, sheet X A3:E9', 'file, ¶ 12' — how a reader finds it."""
        loc = self.where()
        return f"{self.source}, {loc}" if loc else self.source


class Segment(BaseModel):
    """A unit of text a converter read from a file, before chunking (a page, a row group, a block)."""

    text: str
    location: Location
    heading: str | None = None


class Chunk(BaseModel):
    """An indexed passage with full provenance."""

    chunk_id: str
    doc_id: str
    source: str = Field(description="file name as the user knows it")
    kind: DocumentKind
    text: str
    location: Location
    language: Language
    years: list[int] = Field(default_factory=list, description="Gregorian years mentioned (ROC years converted)")
    roc_years: dict[str, int] = Field(default_factory=dict, description="original ROC expression → Gregorian year")
    content_hash: str = Field(description="hash of the source file's bytes")
    ordinal: int = 0
    page_kind: Literal["body", "toc", "index", "reference", "glossary", "about"] = Field(
        default="body", description="what the page is when not the company's disclosure (disclosure/pages.py)")

    @property
    def page(self) -> int | None:
        return self.location.page

    @property
    def sheet(self) -> str | None:
        return self.location.sheet

    @property
    def cell_range(self) -> str | None:
        return self.location.cell_range


class Evidence(BaseModel):
    """A retrieved passage with its score, ready to cite."""

    chunk_id: str
    doc_id: str
    source: str
    text: str
    location: Location
    language: Language = "unknown"
    score: float = 0.0
    lexical_rank: int | None = None
    dense_rank: int | None = None
    years: list[int] = Field(default_factory=list)
    role: DocumentRole = "evidence"

    @classmethod
    def of(cls, chunk: Chunk, **fields) -> "Evidence":
        """The evidence of an indexed chunk, with its provenance (``fields``: a score, ranks, a role,
        or the text of a window of it)."""
        return cls(**({"chunk_id": chunk.chunk_id, "doc_id": chunk.doc_id, "source": chunk.source, "text": chunk.text,
                       "location": chunk.location, "language": chunk.language, "years": chunk.years} | fields))

    @property
    def page(self) -> int | None:
        return self.location.page

    def citation(self) -> str:
        loc = self.location.label()
        return f"{self.source}, {loc}" if loc else self.source

    def as_json(self) -> dict:
        return {
            "source": self.source,
            "page": self.location.page,
            "sheet": self.location.sheet,
            "cell_range": self.location.cell_range,
            "paragraph": self.location.paragraph,
            "text": self.text,
            "score": round(self.score, 6),
            "doc_id": self.doc_id,
            "chunk_id": self.chunk_id,
            "language": self.language,
            "role": self.role,
        }


class DocumentRecord(BaseModel):
    """One committed document in the evidence base."""

    doc_id: str
    source: str
    kind: DocumentKind
    content_hash: str
    size_bytes: int
    pages: int | None = None
    segments: int = 0
    chunks: int = 0
    languages: list[str] = Field(default_factory=list)
    added_at: str = ""
    stored_path: str = ""
    warnings: list[str] = Field(default_factory=list)
    role: DocumentRole = "evidence"
    entity: str | None = Field(default=None, description="the organisation the document is about, as detected at ingestion")


class RoleNotice(BaseModel):
    """Why a document was stored with a role the user did not ask for, and how to change it."""

    source: str
    doc_id: str
    role: DocumentRole
    entity: str | None = None
    reason: str
    how_to_change: str


class SkippedFile(BaseModel):
    source: str
    reason: str
    error_type: str = ""


class IngestReport(BaseModel):
    added: list[DocumentRecord] = Field(default_factory=list)
    replaced: list[DocumentRecord] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    skipped: list[SkippedFile] = Field(default_factory=list)
    notices: list[RoleNotice] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.skipped
