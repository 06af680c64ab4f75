"""The figure engine: "what is metric M for year Y" over an evidence base, answered from the GHG
inventory workbook when one is given (computed figures cite every row they sum) and otherwise from
the facts the documents state, with the candidates ranked and the reason for the choice.

Ranking, in order: the company's own figure (not a supplier's, a customer's or a peer's), the
asked year (an explicit ``reporting_year`` wins over the year read from the documents), a total
rather than one part of it, the number of places that state the same value, a table cell over a
sentence, a specific label over a generic one. Nothing qualifies → ``no_evidence``, never a figure
of another metric, another year or another company.
"""
from __future__ import annotations

import logging
from collections import Counter, defaultdict
from pathlib import Path

from .extract import extract_document, load_facts, store_facts
from .models import Candidate, DocumentFacts, Fact, FactAnswer
from .vocabulary import label_of

log = logging.getLogger(__name__)

# A question about a metric accepts facts of these metrics (most specific first).
ACCEPTS: dict[str, tuple[str, ...]] = {
    # ISO 14064-1:2018 category 1 is the direct emissions of Scope 1; category 2 (energy indirect) is
    # Scope 2, reported location-based by Taiwanese inventories
    "scope1": ("scope1", "iso_cat1"),
    "scope2": ("scope2", "scope2_location", "scope2_market", "iso_cat2"),
    "scope2_location": ("scope2_location", "iso_cat2"),
    "scope2_market": ("scope2_market",),
    "total_emissions": ("total_emissions",),
    "scope12": ("scope12",),
    "renewable_share": ("renewable_share",),
    "renewable_share_energy": ("renewable_share_energy",),
    "water_withdrawal": ("water_withdrawal",),
    "water_consumption": ("water_consumption", "water_withdrawal"),
}


def ensure_document_facts(settings, record, segments=None) -> DocumentFacts | None:
    """The stored facts of a committed document, extracted now (and stored) when missing."""
    doc = load_facts(settings.data_dir, record.content_hash)
    if doc is not None:
        return doc
    try:
        data = Path(record.stored_path).read_bytes() if record.stored_path else None
        if segments is None:
            from ..converters import convert

            if data is None:
                return None
            segments = convert(data, record.source).segments
        doc = extract_document(source=record.source, doc_id=record.doc_id, content_hash=record.content_hash,
                               kind=record.kind, segments=segments, data=data)
    except Exception as exc:
        if getattr(settings, "strict", False):
            raise
        log.warning("facts of %s not extracted: %s", record.source, exc)
        return None
    try:
        store_facts(settings.data_dir, doc)
    except OSError as exc:  # a read-only data dir still answers, it only extracts again next time
        log.warning("facts of %s not stored: %s", record.source, exc)
    return doc


class FactBase:
    """Facts of every committed document of an evidence base (read once per instance)."""

    def __init__(self, evidence_base=None, *, documents: list[DocumentFacts] | None = None,
                 reporting_year: int | None = None):
        self.eb = evidence_base
        self.explicit_year = reporting_year
        if documents is None:
            documents = []
            if evidence_base is not None:
                for rec in evidence_base.documents():
                    doc = ensure_document_facts(evidence_base.settings, rec)
                    if doc is not None:
                        documents.append(doc)
        self.documents = documents
        self.facts: list[Fact] = [f for d in documents for f in d.facts]

    # -- periods ----------------------------------------------------------------------------------
    def reporting_year(self) -> int | None:
        """The profile's reporting year when one is set, else the year the documents cover (the most
        recent when they differ)."""
        if self.explicit_year:
            return self.explicit_year
        years = [d.reporting_year for d in self.documents if d.reporting_year]
        return max(years) if years else None

    def reporting_year_reason(self) -> str:
        if self.explicit_year:
            return "the workspace profile's reporting year"
        docs = [d for d in self.documents if d.reporting_year == self.reporting_year()]
        return f"{docs[0].source}: {docs[0].reporting_year_reason}" if docs else ""

    def year_of(self, fact: Fact) -> int | None:
        """A fact's year: its own, else the year its document covers."""
        if fact.year is not None:
            return fact.year
        if fact.period == "base year":
            return None
        doc = next((d for d in self.documents if d.doc_id == fact.provenance.doc_id), None)
        return doc.reporting_year if doc else None

    # -- lookup ----------------------------------------------------------------------------------
    def lookup(self, metric: str, year: int | None = None, *, entity: str = "company",
               unit_dimension: str | None = None) -> FactAnswer:
        """The figure of ``metric`` for ``year`` (default: the reporting year), ranked candidates and why."""
        asked_year = year or self.reporting_year()
        accepts = ACCEPTS.get(metric, (metric,))
        pool = [f for f in self.facts if f.metric in accepts and f.entity == entity]
        cands = []
        for f in pool:
            fy = self.year_of(f)
            if asked_year is not None and fy != asked_year:
                continue
            if unit_dimension and f.unit is not None and f.unit.dimension != unit_dimension:
                continue
            cands.append(f)
        if not cands:
            why = (f"no {label_of(metric, False)} figure for {asked_year}" if asked_year else
                   f"no {label_of(metric, False)} figure") + " in the documents"
            others = sorted({self.year_of(f) for f in pool if self.year_of(f)})
            if others:
                why += f" (figures exist for {', '.join(map(str, others))})"
            return FactAnswer(metric=metric, year=asked_year, status="no_evidence", reason=why)
        votes: dict[tuple, list[Fact]] = defaultdict(list)
        for f in cands:
            votes[(f.metric, round(f.base_value, 6))].append(f)
        ranked: list[Candidate] = []
        for (_m, _v), same in votes.items():
            pages = {(f.provenance.source, f.provenance.page, f.provenance.sheet) for f in same}
            best = min(same, key=lambda f: (f.breakdown, f.provenance.channel != "table", f.year is None, f.provenance.page or 0))
            score, reasons = 0.0, []
            if not best.breakdown:
                score += 4
            else:
                reasons.append("one part of a total")
            score += 1.5 * min(len(pages), 4)
            if len(pages) > 1:
                reasons.append(f"stated in {len(pages)} places")
            if best.provenance.channel == "table":
                score += 1
                reasons.append(f"table cell '{best.provenance.row_label}' × '{best.provenance.column}'")
            else:
                reasons.append("stated in a sentence")
            if best.metric == accepts[0]:
                score += 0.5
            if best.year is None:
                score -= 1
                reasons.append("year from the document's reporting period")
            if best.estimate:
                score -= 0.5
            agreeing = [f.provenance for f in same if f is not best]
            ranked.append(Candidate(fact=best, score=score, reasons=reasons, agreeing=agreeing))
        ranked.sort(key=lambda c: (-c.score, c.fact.provenance.page or 0))
        chosen = ranked[0]
        reason = "; ".join(chosen.reasons)
        if len(ranked) > 1:
            reason += f"; {len(ranked) - 1} other value(s) ranked lower"
        return FactAnswer(metric=metric, year=asked_year, status="found", chosen=chosen, candidates=ranked, reason=reason)

    def years_of(self, metric: str) -> list[int]:
        accepts = ACCEPTS.get(metric, (metric,))
        return sorted({y for f in self.facts if f.metric in accepts and f.entity == "company" and (y := self.year_of(f))})

    def stats(self) -> Counter:
        return Counter(f.metric for f in self.facts)
