"""Facts stated in sentences: '2022年直接排放源(範疇一)總排放量為239.91公噸CO2e', 'Scope 1 emissions
were 8,512 tCO2e in 2023', 'total water withdrawal was 14.26 million m³'; and a CDP-style field
label on one line with its value alone on the next.

A number becomes a fact when a unit follows it (or a currency precedes it) and the words before
it in its clause name a metric of the vocabulary whose dimension fits the unit. The digits of
names (Scope 1, 類別3, ISO 14064-1) are masked first; years are not values.
"""
from __future__ import annotations

import re

from .models import Fact, FactProvenance
from .period import years_in
from .text import _NUM_RE, mask_identifiers, nfkc, sentences_of
from .units import Unit, compatible, money_at, unit_at
from .vocabulary import dimension_of, match_metric

_EMISSION_CONTEXT = re.compile(r"排放|碳排|溫室氣體|CO2|emission|GHG|carbon", re.I)
_CLAUSE = re.compile(r"[，,；;。]|(?<=\D)\.\s|\band\b|以及|、(?=\D)")
_ENTITY = [
    ("supplier", re.compile(r"供應商|供應鏈夥伴|supplier", re.I)),
    ("customer", re.compile(r"客戶|customer|client", re.I)),
    ("peer", re.compile(r"同業|peer|competitor|industry average|產業平均", re.I)),
    ("subsidiary", re.compile(r"子公司|subsidiar", re.I)),
]
_PROSE = re.compile(r"[，。；]|\b(?:was|were|is|are|totall?ed|amounted|reached|represent\w*|of our|we|our|from|to)\b", re.I)
_BASE_YEAR = re.compile(r"基準年|基期|base[- ]?year|baseline", re.I)
_QUESTION = re.compile(r"[?？]\s*$")


def entity_of(text: str) -> str:
    """Who a sentence's figure belongs to: the company unless a supplier, customer, peer or subsidiary is named."""
    for name, rx in _ENTITY:
        if rx.search(text):
            return name
    return "company"


def _is_year(sent: str, m: re.Match) -> bool:
    raw = m.group(0).replace(",", "")
    after = sent[m.end(): m.end() + 3]
    before = sent[max(0, m.start() - 3): m.start()]
    if "." in raw:
        return False
    if re.fullmatch(r"(?:19|20)\d{2}", raw) and not re.match(r"\s*(?:公噸|噸|t\b|MWh|GJ|%|％|度|m3|m³)", after):
        return True
    if re.fullmatch(r"1[0-4]\d|9\d", raw) and after.startswith(("年", " 年")):
        return True
    return bool(re.search(r"FY\s*$", before, re.I))


def _year_for(sent: str, start: int, end: int, segment_start: int) -> tuple[int | None, str | None]:
    """The year a figure is for: written right after it ('in 2023', '(2023)'), else the last year
    written before it in its clause, else before it in the sentence."""
    ys = years_in(sent)
    after = [y for y in ys if end <= y[1] <= end + 14 and re.fullmatch(r"[\s(（,]*(?:in|for|of|during)?\s*(?:FY|fiscal(?: year)?)?\s*",
                                                                        sent[end:y[1]], re.I)]
    if after:
        return after[0][0], sent[after[0][1]:after[0][2]]
    before = [y for y in ys if y[2] <= start]
    seg = [y for y in before if y[1] >= segment_start]
    pick = (seg or before)
    if pick:
        return pick[-1][0], sent[pick[-1][1]:pick[-1][2]]
    return None, None


def sentence_facts(text: str, *, source: str, doc_id: str | None = None, page: int | None = None,
                   sheet: str | None = None, cell_range: str | None = None, paragraph: int | None = None) -> list[Fact]:
    """The facts the sentences of ``text`` state."""
    out: list[Fact] = []
    # a currency code glued to its amount ('GBP50', 'US$240') reads as code and number
    sents = [re.sub(r"(?<![A-Za-z])(GBP|USD|EUR|CAD|TWD|NTD|US\$|NT\$|C\$)(?=\d)", r"\1 ", s) for s in sentences_of(text)]
    for si, sent in enumerate(sents):
        if _QUESTION.search(sent) or len(sent) > 600:
            continue  # a question of a form, or a run-together page
        masked = mask_identifiers(sent)
        if sum(1 for x in _NUM_RE.finditer(masked) if not _is_year(masked, x)) >= 3 and not _PROSE.search(sent):
            out += _label_then_value(sents, si, sent, source=source, doc_id=doc_id, page=page)
            continue  # a table row run together: the table reader's, not a sentence
        emissions_ctx = bool(_EMISSION_CONTEXT.search(sent))
        prev_end = 0
        nums = list(_NUM_RE.finditer(masked))
        for m in nums:
            if _is_year(masked, m):
                continue
            raw = m.group(0)
            tail = sent[m.end():]
            unit = unit_at(tail, emissions_context=emissions_ctx) or money_at(sent[max(0, m.start() - 8): m.start()], tail)
            paren = re.match(r"\s*[(（]\s*", tail)
            if unit is None and paren:  # '239.91 (公噸 CO2e/年)': the unit in brackets after the number
                unit = unit_at(tail[paren.end():], emissions_context=emissions_ctx)
                if unit is not None:
                    tail = tail[paren.end():]
            if unit is None and not tail.strip(" .。") and re.search(r"[(（][^()（）]*[)）]", sent[:m.start()]):
                from .units import unit_in

                unit = unit_in(" ".join(re.findall(r"[(（]([^()（）]*)[)）]", sent[:m.start()])))  # 'Scope 1 (metric tons CO2e) 12,345'
            if unit is None:
                prev_end = m.end()
                continue
            if re.match(r"\s*\S{0,10}\s*[=＝]", tail[len(unit.text) + 1:]) or re.match(r"\s*/\s*(?!年)", tail[len(unit.text):]):
                if not re.match(r"\s*/\s*(?:百萬|佰萬|新臺幣|新台幣|營收|人|Mio|million|revenue)", tail[len(unit.text):], re.I):
                    prev_end = m.end()
                    continue  # a conversion factor ('1 MWh = 3.6 GJ'), not a figure
            clause_starts = [c.end() for c in _CLAUSE.finditer(sent, 0, m.start())]
            seg_start = max([prev_end] + [c for c in clause_starts if c <= m.start()])
            segment = sent[seg_start: m.start()]
            dims = _dims(unit)
            per = re.match(r"\s*/\s*(?:百萬|佰萬|新臺幣|新台幣|營收|人|Mio|million|revenue)|\s*per\s", tail[len(unit.text):], re.I)
            if per:
                dims = ("intensity",)
            metric = match_metric(segment, dimensions=dims)
            if metric is None and not re.search(r"\d", sent[prev_end:seg_start]):
                metric = match_metric(sent[:m.start()], dimensions=dims)  # the sentence's subject
            if metric is None and re.match(r"\s*(?:of|from|in)\s+(?:the\s+)?(?:our\s+)?", tail[len(unit.text):]):
                metric = match_metric(tail[len(unit.text): len(unit.text) + 50], dimensions=dims)
            prev_end = m.end()
            if metric is None or not compatible(unit, dimension_of(metric)):
                continue
            value = float(raw.replace(",", "").replace("−", "-"))
            year, period = _year_for(masked, m.start(), m.end(), seg_start)
            if year is None and _BASE_YEAR.search(sent[:m.start()]):
                period = "base year"  # a base-year figure whose year is not written here: not the reporting year
            out.append(Fact(metric=metric, value=value, value_text=raw, unit=unit, year=year, period=period,
                            entity=entity_of(segment or sent), provenance=FactProvenance(
                                source=source, doc_id=doc_id, page=page, sheet=sheet, cell_range=cell_range,
                                paragraph=paragraph, channel="sentence", sentence=sent[:400], char_start=m.start(),
                                char_end=m.end())))
        out += _label_then_value(sents, si, sent, source=source, doc_id=doc_id, page=page)
    return out


def _dims(unit: Unit) -> tuple[str, ...]:
    if unit.dimension == "emissions":
        return ("emissions",)
    return (unit.dimension,)


_ALONE = re.compile(r"^\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<tail>.{0,30})$")


def _label_then_value(sents: list[str], i: int, sent: str, **where) -> list[Fact]:
    """A value alone on its line under the field label that names it (CDP responses)."""
    m = _ALONE.match(nfkc(sent))
    if not m or i == 0:
        return []
    label = sents[i - 1]
    if len(label) > 200:
        return []
    tail = m.group("tail")
    unit = unit_at(tail, emissions_context=True) if tail.strip() else None
    from .units import unit_in

    unit = unit or unit_in(label, emissions_context=bool(_EMISSION_CONTEXT.search(label)))
    if unit is None or (tail.strip() and unit_at(tail, emissions_context=True) is None):
        return []
    metric = match_metric(label, dimensions=_dims(unit))
    if metric is None:
        return []
    year, period = None, None
    ys = years_in(label)
    if ys:
        year, period = ys[-1][0], label[ys[-1][1]:ys[-1][2]]
    return [Fact(metric=metric, value=float(m.group("num").replace(",", "")), value_text=m.group("num"), unit=unit,
                 year=year, period=period, entity=entity_of(label),
                 provenance=FactProvenance(channel="sentence", sentence=f"{label} {sent}"[:400], row_label=label, **where))]
