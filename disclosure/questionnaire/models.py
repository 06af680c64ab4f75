"""Typed questionnaires and answers. Provenance (citations, the original file's columns and rows,
last year's answer) is always a field, never text glued into an answer."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from ..models import SourceRef

AnswerType = Literal["text", "number", "choice", "multi_choice", "yes_no", "table"]
YearRole = Literal["reporting", "base", "target"]
Status = Literal["answered", "partial", "no_evidence"]
Confidence = Literal["high", "medium", "low"]
QuestionnaireLang = Literal["zh-TW", "en"]

STATUSES: tuple[str, ...] = ("answered", "partial", "no_evidence")

NO_EVIDENCE_TEXT = {"zh-TW": "已索引文件中無相關佐證", "en": "No evidence in the indexed documents"}
FROM_PREVIOUS_NOTE = {"zh-TW": "沿用去年答案，請確認", "en": "from previous year — verify"}


class Option(BaseModel):
    """One answer option of a choice question; ``id`` is what a typed answer stores."""

    id: str
    label: str
    label_alt: str | None = Field(default=None, description="the label in the other language (built-in sets)")


class Question(BaseModel):
    """A question as the answering engine sees it, in the questionnaire's language."""

    id: str
    text: str
    text_alt: str | None = Field(default=None, description="the question in the other language (built-in sets)")
    section: str | None = None
    answer_type: AnswerType = "text"
    unit: str | None = None
    options: list[Option] = Field(default_factory=list)
    fact: str | None = Field(default=None, description="fact key resolved from the GHG engine / evidence")
    year: YearRole | int | None = Field(default=None, description="'reporting', 'base', 'target' or a calendar year")
    queries: list[str] = Field(default_factory=list, description="retrieval hints (both languages for built-in sets)")
    maps_to: list[str] = Field(default_factory=list, description="framework requirement refs, e.g. 'cdp:7.6'")
    related_facts: list[str] = Field(default_factory=list, description="further facts a multi-part answer states")
    row: int | None = Field(default=None, description="0-based index into Questionnaire.rows (imported files)")
    previous_answer: str | None = Field(default=None, description="an answer already in the imported file")


class Questionnaire(BaseModel):
    """A questionnaire to answer: a built-in set, or a CSV/XLSX file with its original layout kept."""

    id: str
    title: str
    language: QuestionnaireLang = "en"
    source: str = Field(description="file name, or 'builtin:<set id>'")
    kind: Literal["imported", "builtin"] = "imported"
    sheet: str | None = None
    columns: list[str] = Field(default_factory=list, description="original header row (imported files)")
    rows: list[list[str]] = Field(default_factory=list, description="original data rows, as read")
    mapping: dict[str, str] = Field(default_factory=dict, description="role (id, text, type, …) → column used")
    questions: list[Question] = Field(default_factory=list)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


class AnswerCitation(SourceRef):
    """Where an answer's content comes from: a passage of a document or the inventory cells a figure sums."""

    location: str = Field(default="", description="'p. 4', 'sheet 盤查清冊 M34:M41', '¶ 12'")
    quote: str = ""
    kind: Literal["passage", "computed", "previous"] = Field(
        default="passage", description="a document passage, inventory cells a figure sums, or last year's answer")

    def label(self) -> str:
        return f"{self.source}, {self.location}" if self.location else self.source


class NumberChange(BaseModel):
    """A figure of last year's answer next to the current one (None when it has no counterpart)."""

    old: str
    new: str | None
    old_value: float
    new_value: float | None


class DiffPart(BaseModel):
    op: Literal["equal", "delete", "insert"]
    text: str


class AnswerChange(BaseModel):
    """How this year's answer differs from last year's."""

    numbers: list[NumberChange] = Field(default_factory=list, description="figures that changed")
    diff: list[DiffPart] = Field(default_factory=list, description="word/character diff old → new")

    def summary(self) -> str:
        """'9,100 → 8,512.0; 2022 → 2023' style text for a spreadsheet cell."""
        return "; ".join(f"{n.old} → {n.new if n.new is not None else '—'}" for n in self.numbers)


class Answer(BaseModel):
    """The answer to one question, with its evidence and how much to trust it."""

    question_id: str
    answer: str = Field(description="text in the questionnaire's language (or the language asked for)")
    value: float | list[str] | str | list[dict[str, Any]] | None = Field(
        default=None, description="number / chosen option id(s) / table rows / None")
    unit: str | None = None
    year: int | None = None
    status: Status = "no_evidence"
    confidence: Confidence = "low"
    citations: list[AnswerCitation] = Field(default_factory=list)
    note: str = ""
    fact: str | None = Field(default=None, description="fact key that produced the answer, if any")
    from_previous: bool = Field(default=False, description="reused from last year's answer — to be verified")
    previous_answer: str | None = None
    stale: bool = Field(default=False, description="last year's answer states a figure the evidence no longer supports")
    change: AnswerChange | None = None
    edited: bool = Field(default=False, description="changed by a person after answering")

    def as_json(self) -> dict:
        data = self.model_dump(mode="json")
        for c in data["citations"]:  # keep the documented shape first: source, page, then the rest
            c.setdefault("page", None)
        return data


class AnswerSheet(BaseModel):
    """A questionnaire and its answers, ready to review, edit and export."""

    questionnaire: Questionnaire
    answers: list[Answer] = Field(default_factory=list)
    lang: QuestionnaireLang = "en"
    reporting_year: int | None = None
    inventory: str | None = Field(default=None, description="file name of the GHG inventory used")
    previous_source: str | None = None
    cancelled: bool = Field(default=False, description="stopped by cancel(); answers holds what was done")
    notes: list[str] = Field(default_factory=list, description="review notes, e.g. documents that disagree")

    def answer_for(self, question_id: str) -> Answer | None:
        return next((a for a in self.answers if a.question_id == question_id), None)

    def counts(self) -> dict[str, int]:
        """Answers per status, plus 'stale'."""
        out = {s: 0 for s in STATUSES}
        for a in self.answers:
            out[a.status] += 1
        out["stale"] = sum(1 for a in self.answers if a.stale)
        return out
