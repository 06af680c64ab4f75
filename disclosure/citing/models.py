"""A citation and an entry of the evidence register: where a drafted sentence's or an answer's
content comes from (a passage of a document, or the inventory rows a computed figure sums)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ..models import SourceRef

EvidenceKind = Literal["passage", "computed"]


class Citation(SourceRef):
    """Where a sentence's content comes from: a passage of a document, or inventory rows a figure sums."""

    ref: str = Field(description="id of the entry in Draft.evidence this citation points at")
    quote: str = Field(default="", description="the evidence text the sentence rests on")
    chunk_id: str | None = None

    def location(self) -> str:
        """'p. 4', 'sheet X A3:E9', 'cells A3:E9', '¶ 12', or '' for a whole file."""
        return self.where()

    def label(self) -> str:
        """'file, p. 4', 'file, sheet X A3:E9', 'file, ¶ 12'."""
        return self.cited_as()


class EvidenceItem(BaseModel):
    """An entry of the draft's evidence register: a passage as used (instruction-like text removed) or
    a computed figure with the inventory rows it sums."""

    id: str
    kind: EvidenceKind = "passage"
    source: str
    chunk_id: str | None = None
    doc_id: str | None = None
    page: int | None = None
    sheet: str | None = None
    cell_range: str | None = None
    paragraph: int | None = None
    text: str
    values: list[float] = Field(default_factory=list, description="computed figures (kind 'computed')")
    sanitized: bool = Field(default=False, description="instruction-like text was removed before use")

    def citation(self, quote: str | None = None) -> Citation:
        return Citation(ref=self.id, source=self.source, page=self.page, sheet=self.sheet, cell_range=self.cell_range,
                        paragraph=self.paragraph, quote=self.text if quote is None else quote, chunk_id=self.chunk_id)
