"""Facts of one document: table cells (PDF pages rebuilt from word positions) and sentences (every
segment's text), with the period the report covers. Run at ingestion and stored by content hash
under ``<data_dir>/facts/``; a document ingested before is read on first use.
"""
from __future__ import annotations

import io
import json
import logging
import re
import time
from collections import defaultdict
from pathlib import Path
from typing import Iterable

from ..models import Segment
from .layout import layout_words, lines_of, pdfplumber_words
from .models import DocumentFacts, Fact, FactProvenance
from .period import reporting_year
from .statements import statement_facts
from .sentences import entity_of, sentence_facts
from .tables import _TOTAL_WORD, Table, find_tables
from .units import unit_in
from .vocabulary import dimension_of, match_metric

log = logging.getLogger(__name__)

# Bump when extraction changes: stored facts of another version are read again.
EXTRACTOR_VERSION = "facts-11"
WORD_SOURCES = ("pdfplumber", "pypdf-layout")


def facts_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "facts"


_EMISSIONS = re.compile(r"排放|碳排|溫室氣體|CO2|CO₂|emission|GHG", re.I)


def table_facts(tables: list[Table], *, source: str, doc_id: str | None, page: int | None) -> list[Fact]:
    """One fact per (row, year) cell whose row names a metric and whose unit fits it."""
    out: list[Fact] = []
    for t in tables:
        table_unit = unit_in(t.caption) or unit_in(t.notes)
        tonnes = next((u for u in (t.unit(r, emissions=True) for r in t.rows) if u and u.dimension == "emissions"), None)
        metrics: list[tuple[str | None, object]] = []
        for r in t.rows:
            label = r.label if not r.group or r.group in r.label else f"{r.group} {r.label}"
            own = unit_in(r.unit_text) or unit_in(r.label)
            unit = own or table_unit or unit_in(r.label, emissions_context=True) or tonnes
            if any(v.percent for v in r.values.values()):
                from .units import Unit

                unit = Unit(dimension="percent", base="%", text="%")
            dims = (unit.dimension,) if unit is not None and unit.dimension != "emissions" else ("emissions", "intensity")
            if unit is not None and re.search(r"/|per\b|每", unit.text + " " + (r.unit_text or ""), re.I):
                dims = ("intensity",)
            generic = not label or bool(_TOTAL_WORD.match(label)) or len(label) <= 3
            # a share's unit column names its denominator ('% of total electricity used')
            mlabel = f"{label} {r.unit_text}" if unit is not None and unit.dimension == "percent" else label
            metric = None if generic else match_metric(mlabel, dimensions=dims)
            if metric is None:
                metric = match_metric(f"{t.caption} {label}", dimensions=dims) if generic else None
            if metric is None and generic and (unit is not None or _EMISSIONS.search(f"{t.caption} {t.notes}")):
                metric = match_metric(label, dimensions=dims)  # a bare 'Total' row is emissions only in an emissions table
            if metric is None and unit is None:
                metric = match_metric(label)
                if metric is not None and dimension_of(metric) != "emissions":
                    metric = None
            metrics.append((metric, unit))
        named = {m for m, _u in metrics if m}
        for r, (metric, unit) in zip(t.rows, metrics):
            if metric == "total_emissions" and {"scope1", "scope2"} & named and not any(m.startswith("scope3") for m in named):
                metric = "scope12"  # a table of Scope 1 and Scope 2 rows: its total is Scope 1+2
            if metric is None:
                continue
            label = r.label if not r.group or r.group in r.label else f"{r.group} {r.label}"
            for year, nc in r.values.items():
                col = next(c for c in t.columns if c.year == year)
                # quoted as printed (the header line and the row line), so a reader finds it on the page
                row_text = f"{t.header_text} … {t.row_text(r)}" if t.header_text else t.row_text(r)
                out.append(Fact(
                    metric=metric, value=nc.value, value_text=nc.text, unit=nc.unit or unit, year=year, period=col.text,
                    entity=entity_of(f"{t.caption} {label}"), siblings=sorted(named - {metric}),
                    estimate=bool(re.search(r"推估|估計|estimat", label)),
                    provenance=FactProvenance(source=source, doc_id=doc_id, page=page, channel="table", row_label=label,
                                              column=col.text, caption=t.caption[:200] or None, sentence=row_text[:400])))
        _mark_breakdowns(out, t)
    return out


# 'Scope 3: other', '範疇三：其他': one part of the metric, beside the parts named in other rows.
_PART = re.compile(r"[:：]\s*(?:其他|other)|其他$|\bothers?\b|\bfrom\b|excluding|不含|[（(]不?含", re.I)


def _mark_breakdowns(facts: list[Fact], t: Table) -> None:
    """Several rows of one table with the same metric and year are parts (sites, asset classes,
    sources) unless one of them is the table's total row."""
    by: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.provenance.caption == (t.caption[:200] or None):
            by[(f.metric, f.year)].append(f)
    # a like-for-like (same-store) table restates a subset of the portfolio for comparison
    subset = bool(re.search(r"like[- ]for[- ]like|same[- ]store|同店|可比較", t.title, re.I))
    for f in facts:
        if subset and f.provenance.caption == (t.caption[:200] or None):
            f.breakdown = True
    for f in facts:
        if _PART.search(f.provenance.row_label or "") and f.provenance.caption == (t.caption[:200] or None):
            f.breakdown = True
    for group in by.values():
        if len(group) < 2 or subset:
            continue
        totals = [f for f in group if _TOTAL_ANY.search(f.provenance.row_label or "") and not _PART.search(f.provenance.row_label or "")]
        main = min(totals, key=lambda f: len(f.provenance.row_label or "")) if totals else None
        for f in group:
            f.breakdown = f is not main


_TOTAL_ANY = re.compile(r"\btotal\b|總計|合計|總量|總排放|sum\b", re.I)


def page_lines(data: bytes, source: str = "pdfplumber") -> list[list]:
    """Lines of every page of a PDF, from pdfplumber's words or pypdf's layout mode."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    out = []
    if source == "pdfplumber":
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for p in pdf.pages:
                try:
                    out.append(lines_of(pdfplumber_words(p)))
                except Exception as exc:  # one bad page must not lose the others
                    log.warning("page %s: words not read: %s", p.page_number, exc)
                    out.append([])
                p.flush_cache()
    else:
        from pypdf import PdfReader

        for p in PdfReader(io.BytesIO(data), strict=False).pages:
            try:
                out.append(lines_of(layout_words(p.extract_text(extraction_mode="layout") or ""), cell_gap=4.0))
            except Exception as exc:
                log.warning("layout text not read: %s", exc)
                out.append([])
    return out


def extract_document(*, source: str, doc_id: str, content_hash: str, kind: str, segments: Iterable[Segment],
                     data: bytes | None = None, word_source: str = "pdfplumber") -> DocumentFacts:
    """All facts of one document: its PDF tables (when ``data`` is a PDF) and its sentences."""
    t0 = time.perf_counter()
    segments = list(segments)
    facts: list[Fact] = []
    column_years: list[int] = []
    n_pages = 0
    if kind == "pdf" and data:
        try:
            pages = page_lines(data, word_source)
        except Exception as exc:
            log.warning("%s: tables not read: %s", source, exc)
            pages = []
        n_pages = len(pages)
        by_page = {s.location.page: s.text for s in segments}
        layout = None
        for i, lines in enumerate(pages):
            if word_source == "pdfplumber" and _undecoded(lines, by_page.get(i + 1, "")):
                # a CJK font pdfplumber cannot map to Unicode: pypdf's layout text of the page instead
                if layout is None:
                    layout = page_lines(data, "pypdf-layout")
                lines = layout[i] if i < len(layout) else []
            tables = find_tables(lines)
            for t in tables:
                column_years += [c.year for c in t.columns]
            facts += table_facts(tables, source=source, doc_id=doc_id, page=i + 1)
    for seg in segments:
        loc = seg.location
        facts += sentence_facts(seg.text, source=source, doc_id=doc_id, page=loc.page, sheet=loc.sheet,
                                cell_range=loc.cell_range, paragraph=loc.paragraph)
        facts += statement_facts(seg.text, source=source, doc_id=doc_id, page=loc.page, sheet=loc.sheet,
                                 cell_range=loc.cell_range, paragraph=loc.paragraph)
    first = [s.text for s in segments[:3]]
    year, why = reporting_year(first, source, [y for y in column_years if y <= max(column_years, default=0)])
    return DocumentFacts(doc_id=doc_id, source=source, content_hash=content_hash, extractor=EXTRACTOR_VERSION,
                         reporting_year=year, reporting_year_reason=why, pages=n_pages or len(segments),
                         seconds=round(time.perf_counter() - t0, 3), facts=facts)


def _undecoded(lines, page_text: str) -> bool:
    """Whether pdfplumber's words of a page miss most of the Chinese characters pypdf read there."""
    ref = set(re.findall(r"[\u4e00-\u9fff]", page_text))
    if len(ref) < 3:
        return False
    got = set(re.findall(r"[\u4e00-\u9fff]", " ".join(ln.text for ln in lines)))
    return len(got & ref) < 0.5 * min(len(ref), max(1, len(got)))


def store_facts(data_dir: Path, doc: DocumentFacts) -> Path:
    path = facts_dir(data_dir) / f"{doc.content_hash}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(doc.model_dump_json(), encoding="utf-8")
    tmp.replace(path)
    return path


def load_facts(data_dir: Path, content_hash: str) -> DocumentFacts | None:
    path = facts_dir(data_dir) / f"{content_hash}.json"
    if not path.is_file():
        return None
    try:
        doc = DocumentFacts.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except Exception as exc:  # a damaged file is read again from the document
        log.warning("stored facts %s unreadable: %s", path.name, exc)
        return None
    return doc if doc.extractor == EXTRACTOR_VERSION else None


def provenance_of(fact: Fact) -> FactProvenance:
    return fact.provenance
