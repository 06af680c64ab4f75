"""Compare the emission figures of the company's documents with its inventory.

The figures come from the facts layer: the table cells and sentences read at ingestion
(:class:`~disclosure.facts.models.Fact`, passed as ``facts``) and the sentences of the passages
given (read by :mod:`disclosure.facts.emission_figures`). A figure names what it measures
(範疇一, Scope 1 and 2, 類別3, 範疇三類別1, 總排放量 …) and a year (2023, 112年). It agrees when it equals, within rounding (±0.5 t, 0.05 %, or the precision the text uses), the
inventory value for that metric in any year the sentence mentions — company-wide or for one site,
gas or source. Only figures that match nothing are reported, each with both sources.
"""
from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable

from pydantic import BaseModel

from ..ghg.calculations import select_records
from ..ghg.model import Inventory
from .emission_figures import ExtractedFigure, extract_figures, figure_of_fact
from .models import Fact

ABS_TOLERANCE_T = 0.5
REL_TOLERANCE = 0.0005  # 0.05 %


class Passage(BaseModel):
    """A piece of document text with where it came from."""

    text: str
    source: str = ""
    page: int | None = None
    sheet: str | None = None
    cell: str | None = None
    paragraph: int | None = None  # 0-based block index (DOCX, text), when there is no page
    doc_id: str | None = None

    def label(self) -> str:
        where = [self.source or "(unknown document)"]
        if self.page is not None:
            where.append(f"p. {self.page}")
        elif self.paragraph is not None:
            where.append(f"¶ {self.paragraph + 1}")
        if self.sheet:
            where.append(f"sheet {self.sheet}")
        if self.cell:
            where.append(self.cell)
        return ", ".join(where)


def as_passage(obj: Any) -> Passage:
    """A :class:`Passage` from a dict or any object with ``text``/``source``/``page``/``sheet``/``cell`` (or ``cell_range``)."""
    if isinstance(obj, Passage):
        return obj
    if isinstance(obj, str):
        return Passage(text=obj)
    get = obj.get if isinstance(obj, dict) else (lambda k, d=None: getattr(obj, k, d))
    location = get("location", None)
    page = get("page", None)
    sheet = get("sheet", None)
    cell = get("cell", None) or get("cell_range", None)
    paragraph = get("paragraph", None)
    if location is not None:
        page = page if page is not None else getattr(location, "page", None)
        sheet = sheet or getattr(location, "sheet", None)
        cell = cell or getattr(location, "cell_range", None)
        paragraph = paragraph if paragraph is not None else getattr(location, "paragraph", None)
    return Passage(text=str(get("text", "") or ""), source=str(get("source", "") or ""), page=page,
                   sheet=sheet, cell=cell, paragraph=paragraph, doc_id=get("doc_id", None))






class InventoryReference(BaseModel):
    source: str
    sheet: str | None
    rows: list[int]
    description: str


class ConsistencyFinding(BaseModel):
    """One document figure compared with the inventory."""

    metric: str
    label: str
    year: int | None
    document_value: float
    document_text: str
    document: Passage
    sentence: str
    inventory_value: float | None
    inventory: InventoryReference | None
    difference: float | None
    difference_pct: float | None
    agrees: bool
    matched: str | None = None  # what it matched (e.g. 'company total, market-based', 'site 桃園廠')
    message_en: str = ""
    message_zh: str = ""


class ConsistencyReport(BaseModel):
    passages_read: int
    figures_found: int
    disagreements: list[ConsistencyFinding]
    agreements: list[ConsistencyFinding]
    not_comparable: int  # figures for a year or metric the inventory does not hold


def _label(metric: str, method: str | None) -> tuple[str, str]:
    kind, _, vals = metric.partition(":")
    if not (kind == "total" or (kind in ("scope", "iso") and "2" in vals.split("+"))):
        method = None  # the Scope 2 method means nothing for Scope 1 or 3 figures
    m_en = {"location": " (location-based)", "market": " (market-based)"}.get(method or "", "")
    m_zh = {"location": "（地點基準）", "market": "（市場基準）"}.get(method or "", "")
    zh_digits = {"1": "一", "2": "二", "3": "三"}
    if kind == "total":
        return "Total emissions" + m_en, "總排放量" + m_zh
    if kind == "scope":
        parts = vals.split("+")
        return ("Scope " + "+".join(parts) + m_en, "範疇" + "、".join(zh_digits[p] for p in parts) + m_zh)
    if kind == "iso":
        return f"ISO 14064-1 category {vals}", f"類別{vals}"
    return f"Scope 3 category {vals}", f"範疇三類別{vals}"


def _records_for(inv: Inventory, metric: str, year: int, method: str):
    kind, _, vals = metric.partition(":")
    nums = [int(v) for v in vals.split("+")] if vals else []
    recs = select_records(inv, year=year, scope2_method=method)  # type: ignore[arg-type]
    if kind == "total":
        return recs
    if kind == "scope":
        return [r for r in recs if r.scope in nums]
    if kind == "iso":
        return [r for r in recs if r.iso_category in nums]
    return [r for r in recs if r.scope == 3 and r.scope3_category in nums]


def _candidates(inv: Inventory, metric: str, year: int, method: str | None):
    """(label, value, records) for the company figure under each admissible Scope 2 method, then per site, gas, source."""
    methods = [method] if method else ["location", "market"]
    out = []
    for mth in methods:
        recs = _records_for(inv, metric, year, mth)
        if not recs:
            continue
        out.append((f"company total{'' if method else ', ' + mth + '-based'}", math.fsum(r.tco2e for r in recs), recs))
        for attr, name in (("facility", "site"), ("gas", "gas"), ("source", "source")):
            groups = defaultdict(list)
            for r in recs:
                groups[getattr(r, attr)].append(r)
            if len(groups) > 1:
                for key, rs in groups.items():
                    if key:
                        out.append((f"{name} {key}", math.fsum(r.tco2e for r in rs), rs))
    return out


def _tolerance(fig: ExtractedFigure, reference: float) -> float:
    return max(ABS_TOLERANCE_T, REL_TOLERANCE * abs(reference), fig.precision_t)


def _figures(inventory: Inventory, passages, facts: Iterable[Fact], skip: set[str], counts: dict[str, int]):
    """(passage, figure) of every emission figure: the facts first (tables read at ingestion), then the
    sentences of the passages; passages and facts of a skipped file (the inventory itself) are left out."""
    for fact in facts:
        prov = fact.provenance
        fig = figure_of_fact(fact)
        if fig is None or Path(prov.source).name in skip:
            continue
        yield Passage(text=prov.quote(), source=prov.source, page=prov.page, sheet=prov.sheet, cell=prov.cell_range,
                      paragraph=prov.paragraph, doc_id=prov.doc_id), fig
    for raw in passages() if callable(passages) else passages:
        p = as_passage(raw)
        if p.source and Path(p.source).name in skip:
            continue
        counts["read"] += 1
        for fig in extract_figures(p.text):
            yield p, fig


def check_consistency(
    inventory: Inventory,
    passages: Iterable[Any] | Callable[[], Iterable[Any]] = (),
    *,
    facts: Iterable[Fact] = (),
    skip_sources: Iterable[str] | None = None,
) -> ConsistencyReport:
    """Compare every emission figure of ``facts`` and ``passages`` with ``inventory``.

    ``facts``: figures the facts layer read from the documents (table cells above all: a figure in a
    table whose columns are years is compared for its column's year). ``passages``: an iterable (or a
    callable returning one) of dicts or objects with ``text`` and optionally ``source``, ``page``,
    ``sheet``, ``cell``/``cell_range``, ``doc_id``, whose sentences are read. Figures from the inventory
    file itself are skipped (its rows would be compared with themselves).
    """
    skip = {Path(inventory.source).name}
    skip.update(Path(s).name for s in (skip_sources or ()))
    counts = {"read": 0}
    found = not_comparable = 0
    disagreements: list[ConsistencyFinding] = []
    agreements: list[ConsistencyFinding] = []
    years = set(inventory.years)
    seen: set[tuple] = set()
    for p, fig in _figures(inventory, passages, facts, skip, counts):
        # Overlapping chunks repeat sentences, and a table's figure may be read from its text too:
        # count each figure once per place in a document.
        key = (p.source, p.page, p.sheet, p.cell, fig.metric, fig.year, fig.value_t)
        if key in seen:
            continue
        seen.add(key)
        found += 1
        if fig.year is None or fig.year not in years:
            not_comparable += 1
            continue
        primary_year = fig.year
        mention_years = [y for y in fig.other_years if y in years]
        match = None
        for metric in [fig.metric] + fig.alternatives:
            for y in dict.fromkeys([primary_year] + mention_years):
                for label, value, recs in _candidates(inventory, metric, y, fig.scope2_method):
                    if abs(fig.value_t - value) <= _tolerance(fig, value):
                        match = (y, label, value, recs)
                        break
                if match:
                    break
            if match:
                if metric != fig.metric:
                    fig = fig.model_copy(update={"metric": metric})
                break
        company = _candidates(inventory, fig.metric, primary_year, fig.scope2_method)
        if not company and match is None:
            not_comparable += 1
            continue
        if match is not None:
            y, label, value, recs = match
        else:
            y = primary_year
            label, value, recs = company[0]
        finding = _finding(inventory, fig, p, y, label, value, recs, agrees=match is not None)
        (agreements if finding.agrees else disagreements).append(finding)
    return ConsistencyReport(passages_read=counts["read"], figures_found=found, disagreements=disagreements,
                             agreements=agreements, not_comparable=not_comparable)


def _finding(inv: Inventory, fig: ExtractedFigure, p: Passage, year: int, label: str, value: float, recs,
             *, agrees: bool) -> ConsistencyFinding:
    method = fig.scope2_method or ("market" if "market-based" in label else "location" if "location-based" in label else None)
    en_label, zh_label = _label(fig.metric, method)
    sheets = {r.provenance.sheet for r in recs}
    rows = sorted(r.provenance.row for r in recs if r.provenance.row is not None)
    ref = InventoryReference(
        source=inv.source, sheet=next(iter(sheets)) if len(sheets) == 1 else None, rows=rows,
        description=f"sum of {len(recs)} row(s) of {inv.source}" + (f", sheet {next(iter(sheets))}" if len(sheets) == 1 and next(iter(sheets)) else ""),
    )
    diff = fig.value_t - value
    pct = diff / value * 100 if value else None
    if agrees:
        en = f"{p.label()}: {en_label} {year} = {fig.text} agrees with the inventory ({value:,.1f} t, {label})."
        zh = f"{p.label()}：{year}年{zh_label} {fig.text} 與盤查清冊一致（{value:,.1f} 公噸）。"
    else:
        pct_txt = f", {pct:+.2f} %" if pct is not None else ""
        en = (f"{p.label()} states {en_label} {year} as {fig.text}; the inventory ({ref.description}) gives "
              f"{value:,.1f} tCO2e — difference {diff:+,.1f} t{pct_txt}. Correct the document or the inventory.")
        zh = (f"{p.label()} 記載 {year}年{zh_label} 為 {fig.text}；盤查清冊（{inv.source}）為 {value:,.1f} 公噸CO2e，"
              f"差異 {diff:+,.1f} 公噸{pct_txt.replace(', ', '，')}。請更正文件或清冊。")
    return ConsistencyFinding(
        metric=fig.metric, label=en_label, year=year, document_value=fig.value_t, document_text=fig.text, document=p,
        sentence=fig.sentence, inventory_value=value, inventory=ref, difference=diff, difference_pct=pct,
        agrees=agrees, matched=label if agrees else None, message_en=en, message_zh=zh,
    )
