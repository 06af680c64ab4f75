"""What a draft or an answer is written from: retrieval over the evidence base (instruction-like
text removed), the register of the evidence it cites, the GHG inventory's figures and the facts
layer. Shared by the drafting writers and the questionnaire."""
from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path
from typing import Iterable

from ..models import Evidence
from ..retrieval import SearchFilters
from .models import Citation, EvidenceItem
from .numbers import sanitize_passage
from .sentences import fmt1, is_zh
from .statements import nfkc, sentences_of

log = logging.getLogger(__name__)


def _squash(text: str) -> str:
    """``text`` normalised and without whitespace (PDF line breaks fall anywhere)."""
    return re.sub(r"\s+", "", nfkc(text))


class DraftContext:
    """What a draft is being written from, and the register of evidence it cites.

    Shared by the grounded writer and the LLM path: retrieval (with instruction-like text removed
    from passages), the evidence register, computed figures from the GHG engine, review notes.
    """

    def __init__(self, evidence_base, lang: str, frameworks: list[str], *, inventory: str | Path | None = None,
                 year: int | None = None, library=None):
        self.eb = evidence_base
        self.settings = evidence_base.settings
        self.lang = "zh-TW" if is_zh(lang) else "en"
        self.frameworks = frameworks
        self.library = library
        self.evidence: dict[str, EvidenceItem] = {}
        self._by_key: dict[str, str] = {}
        self.consulted: dict[str, None] = {}
        self.quarantined: dict[str, None] = {}
        self.review_notes: list[str] = []
        self.used: set[str] = set()
        self._search_cache: dict[tuple, list[Evidence]] = {}
        self._doc_chunks: dict[str, list] = {}
        self._page_sents: dict[str, list[str]] = {}
        self._page_holders: dict[str, list[tuple[str, Evidence, bool]]] = {}
        self._expanded: dict[str, list[str]] = {}
        self.written: dict = {}  # sentence key → the draft's Sentence that said it first
        self.committee: str | None = None
        self.committee_en: str | None = None
        self.inventory = None
        self.inventory_path: Path | None = Path(inventory) if inventory else None
        self.inventory_sha256: str | None = None
        self.summary = None
        self.targets: list = []
        if self.inventory_path is not None:
            self._load_inventory(self.inventory_path)
        self.explicit_year = year
        self._fact_base = None
        self.year = year or self._default_year()

    # -- facts of the documents -----------------------------------------------------------------
    @property
    def fact_base(self):
        """The facts layer over this evidence base (figures the documents state, read once)."""
        if self._fact_base is None:
            from ..facts import FactBase

            self._fact_base = FactBase(self.eb, reporting_year=self.explicit_year)
        return self._fact_base

    def cite_fact(self, p) -> Citation:
        """Register the place a fact stands (a table row as printed, or its sentence) and cite it."""
        key = f"fact:{p.source}:{p.page}:{p.sheet}:{p.cell_range}:{p.paragraph}:{p.sentence[:120]}"
        if key not in self._by_key:
            eid = f"E{sum(1 for e in self.evidence.values() if e.kind == 'passage') + 1}"
            self._by_key[key] = eid
            self.evidence[eid] = EvidenceItem(id=eid, kind="passage", source=p.source, doc_id=p.doc_id, page=p.page,
                                              sheet=p.sheet, cell_range=p.cell_range, paragraph=p.paragraph, text=p.sentence)
        return self.evidence[self._by_key[key]].citation()

    # -- inventory ------------------------------------------------------------------------------
    def _load_inventory(self, path: Path) -> None:
        from ..ghg import load_inventory, load_targets, summarize

        data = path.read_bytes()
        self.inventory_sha256 = hashlib.sha256(data).hexdigest()
        self.inventory = load_inventory(data, filename=path.name)
        try:
            self.targets = load_targets(data, filename=path.name) if "targets" in self.inventory.sheets else []
        except Exception as exc:  # a targets sheet the engine cannot read must not stop the draft
            log.warning("targets in %s not read: %s", path.name, exc)
            self.targets = []

        self._summarize = summarize

    def _default_year(self) -> int | None:
        if self.inventory is not None and self.inventory.records:
            return max(self.inventory.years)
        return None

    def summary_for(self, year: int):
        if self.inventory is None:
            return None
        if self.summary is None or self.summary.year != year:
            self.summary = self._summarize(self.inventory, year)
        return self.summary

    # -- retrieval ------------------------------------------------------------------------------
    def search(self, query: str, k: int = 8, year: int | None = None) -> list[Evidence]:
        key = (query, k, year)
        if key in self._search_cache:
            return self._search_cache[key]
        try:
            found = self.eb.search(query, k=k, filters=SearchFilters(year=year) if year else None)
        except Exception as exc:
            if self.settings.strict:
                raise
            log.warning("search failed for %r: %s", query, exc)
            found = []
        out = []
        for ev in found:
            self.consulted.setdefault(ev.chunk_id, None)
            text, changed = sanitize_passage(ev.text)
            if changed:
                self.quarantined.setdefault(ev.chunk_id, None)
                ev = ev.model_copy(update={"text": text})
            if ev.text.strip():
                out.append(ev)
        self._search_cache[key] = out
        return out

    def chunks_of(self, doc_id: str) -> list:
        if doc_id not in self._doc_chunks:
            self._doc_chunks[doc_id] = sorted(self.eb.iter_chunks(doc_id), key=lambda c: c.ordinal)
        return self._doc_chunks[doc_id]

    def sentences_for(self, ev: Evidence) -> list[str]:
        """Whole sentences of the passage: a chunk may start or end in mid-sentence, so its page (or
        block) is rebuilt from the document's chunks and the sentences that overlap the chunk are kept."""
        if ev.chunk_id in self._expanded:
            return self._expanded[ev.chunk_id]
        sents = sentences_of(ev.text)
        self._page_sents[ev.chunk_id] = sents
        loc = ev.location
        if loc.sheet is None and (loc.page is not None or loc.paragraph is not None):
            same = [c for c in self.chunks_of(ev.doc_id)
                    if c.location.page == loc.page and c.location.paragraph == loc.paragraph and c.location.sheet is None]
            if len(same) > 1:
                size = max(c.location.char_end for c in same)
                buf = ["\n"] * size
                for c in sorted(same, key=lambda c: c.location.char_start):
                    for i, ch in enumerate(c.text[: c.location.char_end - c.location.char_start]):
                        buf[c.location.char_start + i] = ch
                full, _changed = sanitize_passage("".join(buf))
                # compared without whitespace: a sentence re-joined across line breaks is still the chunk's
                body = _squash(ev.text)
                head, tail = body[:12], body[-12:]
                whole = sentences_of(full)
                keep = [w for w in whole
                        if (sq := _squash(w)) and (sq[:12] in body or sq[-12:] in body or head in sq or tail in sq)]
                if keep:
                    sents = keep
                self._page_sents[ev.chunk_id] = whole
        self._expanded[ev.chunk_id] = sents
        return sents

    def page_sentences(self, ev: Evidence) -> list[tuple[str, Evidence, bool]]:
        """Every sentence of the passage's page (or block), with the passage that holds it and whether
        that is ``ev`` itself: the sentence that answers is often in the chunk next to the one
        retrieval ranked. Read once per passage."""
        if ev.chunk_id in self._page_holders:
            return self._page_holders[ev.chunk_id]
        inside = self.sentences_for(ev)
        mine = set(inside)
        page = self._page_sents.get(ev.chunk_id, inside)
        neighbours = []
        if any(w not in mine for w in page):
            neighbours = [(c, _squash(c.text)) for c in self.chunks_of(ev.doc_id)
                          if c.location.page == ev.location.page and c.location.paragraph == ev.location.paragraph
                          and c.location.sheet is None and c.chunk_id != ev.chunk_id]
        out = []
        for w in page:
            if w in mine:
                out.append((w, ev, True))
                continue
            head = _squash(w)[:16]
            holder = next((c for c, text in neighbours if head in text), None)
            out.append((w, Evidence.of(holder, role=ev.role) if holder is not None else ev, False))
        self._page_holders[ev.chunk_id] = out
        return out

    # -- register -------------------------------------------------------------------------------
    def cite(self, ev: Evidence, quote: str | None = None) -> Citation:
        """Register a passage (once) and return a citation of it with the quoted sentence(s)."""
        key = f"chunk:{ev.chunk_id}"
        if key not in self._by_key:
            eid = f"E{sum(1 for e in self.evidence.values() if e.kind == 'passage') + 1}"
            self._by_key[key] = eid
            text = ev.text
            expanded = self._expanded.get(ev.chunk_id)
            if expanded and any(s not in nfkc(text) for s in expanded):
                text = "\n".join(expanded)  # the whole sentences the chunk cuts, as read from its page
            self.evidence[eid] = EvidenceItem(
                id=eid, kind="passage", source=ev.source, chunk_id=ev.chunk_id, doc_id=ev.doc_id, page=ev.location.page,
                sheet=ev.location.sheet, cell_range=ev.location.cell_range, paragraph=ev.location.paragraph,
                text=text, sanitized=ev.chunk_id in self.quarantined)
        item = self.evidence[self._by_key[key]]
        return item.citation(quote if quote is not None else item.text)

    def cite_row(self, key: str, source: str, sheet: str | None, cell_range: str | None, text: str) -> Citation:
        """Register a row of a table read by the GHG engine (e.g. a target in the 減碳目標 sheet)."""
        k = f"row:{key}"
        if k not in self._by_key:
            eid = f"E{sum(1 for e in self.evidence.values() if e.kind == 'passage') + 1}"
            self._by_key[k] = eid
            self.evidence[eid] = EvidenceItem(id=eid, kind="passage", source=source, sheet=sheet, cell_range=cell_range,
                                              text=text)
        return self.evidence[self._by_key[k]].citation()

    def computed(self, key: str, text: str, values: Iterable[float], source: str, sheet: str | None,
                 cell_range: str | None) -> Citation:
        """Register a figure computed by the GHG engine; ``text`` lists the rows it sums."""
        k = f"computed:{key}"
        if k not in self._by_key:
            eid = f"C{sum(1 for e in self.evidence.values() if e.kind == 'computed') + 1}"
            self._by_key[k] = eid
            self.evidence[eid] = EvidenceItem(id=eid, kind="computed", source=source, sheet=sheet, cell_range=cell_range,
                                              text=text, values=[float(v) for v in values])
        return self.evidence[self._by_key[k]].citation()

    def note(self, text: str) -> None:
        if text not in self.review_notes:
            self.review_notes.append(text)


def cell_ranges(cells: list[str]) -> str:
    """['M5', 'M6', 'M7', 'M9'] → 'M5:M7, M9'."""
    parsed = []
    for c in cells:
        m = re.fullmatch(r"([A-Z]+)(\d+)", c or "")
        if m:
            parsed.append((m.group(1), int(m.group(2))))
    parsed.sort()
    out, i = [], 0
    while i < len(parsed):
        col, start = parsed[i]
        end = start
        while i + 1 < len(parsed) and parsed[i + 1][0] == col and parsed[i + 1][1] == end + 1:
            i += 1
            end = parsed[i][1]
        out.append(f"{col}{start}" if start == end else f"{col}{start}:{col}{end}")
        i += 1
    return ", ".join(out)


def records_quote(records: list, total_value: float, label: str, lang: str) -> str:
    """The inventory rows a computed figure sums, as a readable quote."""
    parts = []
    for r in sorted(records, key=lambda r: (r.provenance.row or 0)):
        where = f"row {r.provenance.row}" if r.provenance.row else ""
        parts.append(f"{where} {r.year} {r.facility or ''} {r.source} {r.gas}: {r.tco2e:,.3f}".replace("  ", " ").strip())
    head = f"{label} = " if label else ""
    joined = "; ".join(parts)
    total_word = "合計" if is_zh(lang) else "total"
    return f"{head}{joined} → {total_word} {fmt1(total_value)} tCO2e"


def cite_records(ctx: DraftContext, key: str, records: list, value: float, label: str,
                 extra_values: Iterable[float] = ()) -> Citation:
    inv = ctx.inventory
    sheet = inv.sheets.get("inventory")
    cells = [r.provenance.cell for r in records if r.provenance.cell]
    text = records_quote(records, value, label, ctx.lang)
    return ctx.computed(key, text, [value, *extra_values], inv.source, sheet, cell_ranges(cells) or None)
