"""Headline GHG figures (the Home page's): the latest year's Scope 1, Scope 2 location- and
market-based and Scope 3, each with where it comes from. The GHG inventory workbook is the first
source (a figure is the sum of its rows, cited to the file, sheets and row count); without one,
the figures the documents state (the facts layer's choice, cited to file and page)."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

HEADLINE_METRICS: tuple[tuple[str, str], ...] = (
    ("ghg_scope1", "scope1"), ("ghg_scope2_location", "scope2_location"),
    ("ghg_scope2_market", "scope2_market"), ("ghg_scope3", "scope3"),
)


class HeadlineFigure(BaseModel):
    """One headline figure and its source."""

    key: str = Field(description="i18n key of its label (ghg_scope1 …)")
    metric: str
    value: float = Field(description="in tCO2e")
    display: str = Field(description="the figure as shown, in tCO2e")
    source: str
    sheet: str | None = None
    page: int | None = None
    rows: int = Field(default=0, description="inventory rows summed (0 for a document figure)")
    reason: str = ""


class Headline(BaseModel):
    year: int
    origin: Literal["inventory", "documents"]
    figures: list[HeadlineFigure]


def headline_figures(evidence_base=None, inventory: str | Path | None = None, *,
                     reporting_year: int | None = None) -> Headline | None:
    """The latest year's Scope 1 / 2 location / 2 market / 3 with citations: from ``inventory`` when
    given, else from the documents of ``evidence_base``; None when neither has a Scope 1–3 figure."""
    if inventory is not None:
        return _from_inventory(Path(inventory), reporting_year)
    if evidence_base is None:
        return None
    from .engine import FactBase

    fb = FactBase(evidence_base, reporting_year=reporting_year)
    year = reporting_year or max((y for m in ("scope1", "scope2", "scope3") for y in fb.years_of(m)), default=None)
    if year is None:
        return None
    figures = []
    for key, metric in HEADLINE_METRICS:
        found = fb.lookup("scope2" if metric == "scope2_location" else metric, year)
        if found.status != "found":
            continue
        f = found.chosen.fact
        if metric == "scope2_location" and f.metric == "scope2_market":
            continue  # a market-based figure is not the location-based one
        p = f.provenance
        figures.append(HeadlineFigure(key=key, metric=metric, value=f.base_value, display=f"{f.base_value:,.1f}",
                                      source=p.source, sheet=p.sheet, page=p.page, reason=found.reason))
    return Headline(year=year, origin="documents", figures=figures) if figures else None


def _from_inventory(path: Path, reporting_year: int | None) -> Headline | None:
    from ..ghg import load_inventory
    from ..ghg.calculations import select_records, total

    inv = load_inventory(path)
    if not inv.years:
        return None
    year = reporting_year if reporting_year in inv.years else max(inv.years)
    figures = []
    for (key, metric), (scopes, method) in zip(HEADLINE_METRICS, (((1,), "location"), ((2,), "location"),
                                                                  ((2,), "market"), ((3,), "location"))):
        rows = select_records(inv, year=year, scopes=scopes, scope2_method=method)
        if not rows:
            continue
        sheets = sorted({r.provenance.sheet for r in rows if r.provenance.sheet})
        value = total(inv, year=year, scopes=scopes, scope2_method=method)
        figures.append(HeadlineFigure(key=key, metric=metric, value=value, display=f"{value:,.1f}", source=path.name,
                                      sheet=", ".join(sheets) or None, rows=len(rows)))
    return Headline(year=year, origin="inventory", figures=figures)
