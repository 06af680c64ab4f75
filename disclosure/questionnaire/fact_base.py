"""What every fact resolver shares: the result type, citations of cells, passages and facts, figure
formatting, and the base of :class:`~disclosure.questionnaire.facts.FactResolver` (language, the
reporting year, the inventory and the document figures of one questionnaire run)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from frameworks.questionnaires import FACT_KEYS  # noqa: F401  (the agreed list, re-exported)

from ..citing.models import Citation
from ..normalization import find_years
from .models import AnswerCitation, Question

def fmt1(v: float) -> str:
    return f"{v:,.1f}"


def fmt0(v: float) -> str:
    return f"{v:,.0f}"


@dataclass
class FactResult:
    """A resolved fact: the sentence(s) stating it in the answer language, a typed value and its evidence."""

    text: str
    value: Any = None
    unit: str | None = None
    year: int | None = None
    citations: list[AnswerCitation] = field(default_factory=list)
    confidence: str = "high"
    notes: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)  # words that pick a choice option
    partial: bool = False


# ----------------------------------------------------------------------------------------------- citations


def answer_citation(c: Citation, kind: str = "passage") -> AnswerCitation:
    return AnswerCitation(source=c.source, page=c.page, location=c.location(), sheet=c.sheet, cell_range=c.cell_range,
                          paragraph=c.paragraph, quote=c.quote, kind=kind)


def fact_citation(p) -> AnswerCitation:
    """An answer citation of a fact's provenance (the table row or the sentence it was read from)."""
    return AnswerCitation(source=p.source, page=p.page, location=p.location(), sheet=p.sheet, cell_range=p.cell_range,
                          paragraph=p.paragraph, quote=p.quote(), kind="passage")


SCOPE_LABEL = {
    "scope1": ("範疇一", "Scope 1"), "scope2_location": ("範疇二（地點基準）", "Scope 2 (location-based)"),
    "scope2_market": ("範疇二（市場基準）", "Scope 2 (market-based)"), "scope3": ("範疇三", "Scope 3"),
}


def min_conf(a: str, b: str) -> str:
    order = ["low", "medium", "high"]
    return order[min(order.index(a), order.index(b))]


class ResolverBase:
    """Language, citations and the years of one questionnaire run over a
    :class:`~disclosure.citing.context.DraftContext` (the drafting engine's retrieval, evidence
    register and GHG-engine figures)."""

    def __init__(self, ctx, *, reporting_year: int | None = None):
        self.ctx = ctx
        self.explicit_year = reporting_year
        self.last_refusal = ""
        self.zh = ctx.lang == "zh-TW"
        self._cache: dict[tuple, FactResult | None] = {}

    # -- helpers -------------------------------------------------------------------------------------
    def t(self, zh: str, en: str) -> str:
        return zh if self.zh else en

    def cite(self, c: Citation) -> AnswerCitation:
        item = self.ctx.evidence.get(c.ref)
        return answer_citation(c, item.kind if item is not None else "passage")

    @property
    def inv(self):
        return self.ctx.inventory

    def base_year(self) -> int | None:
        if self.ctx.targets:
            return min(t.base_year for t in self.ctx.targets)
        if self.inv is not None and self.inv.years:
            return min(self.inv.years)
        return None

    def year_for(self, q: Question) -> int | None:
        """The calendar year a question is about: stated in it, its year role, else the reporting year."""
        if isinstance(q.year, int):
            return q.year
        if q.year == "base":
            return self.base_year()
        stated = [y for y in find_years(q.text) if 1990 <= y <= 2100]
        if stated and (self.inv is None or stated[-1] in self.inv.years):
            return stated[-1]
        return self.reporting_year()

    @property
    def fb(self):
        """The figure engine over the documents (read once per run)."""
        if getattr(self, "_fb", None) is None:
            from ..facts import FactBase

            self._fb = FactBase(self.ctx.eb, reporting_year=self.explicit_year)
        return self._fb

    def reporting_year(self) -> int | None:
        """The explicit (profile / --year) reporting year, else the inventory's latest year, else the
        year the documents cover (read from the reports themselves, never from today's date)."""
        if self.ctx.year is None:
            self.ctx.year = self.fb.reporting_year()
        return self.ctx.year

    def _notes_since(self, n: int) -> list[str]:
        return list(self.ctx.review_notes[n:])



# Scope 1 and 2 named together in a question ("範疇一加範疇二", "Scope 1+2", "scopes 1 and 2")
SCOPE12 = r"範疇一\s*(?:加|及|與|和|[+＋、])\s*(?:範疇)?二|範疇1\s*[+＋]\s*2|scopes? 1\s*(?:and|\+|&)\s*(?:scope )?2"
