"""Emission figures stated in sentences, read for comparison with the inventory: a number with a
tCO2e unit (公噸CO2e, tCO2e, 萬公噸 …) in a sentence that names what it measures — including the
combinations reports write (範疇一、二; 類別3至類別6; C1+C4; total of Scopes 1–3) — its Scope 2 method
and its year (2023, 112年). Figures about changes, targets, intensities or fees are left out.

The consistency check (:mod:`disclosure.facts.consistency`) reads sentences with this and takes the
table figures the facts layer read at ingestion as they are (:func:`figure_of_fact`).
"""
from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel

from .models import Fact

_NUM = r"(?<!\d)(?<!\d[.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_UNIT = (r"\s*(?P<mult>百萬|萬|千|thousand|million|k(?=t)|M(?=t))?\s*"
         r"(?P<unit>(?:公噸|噸)\s*(?P<zhgas>CO2e|CO2-?eq|CO2當量|二氧化碳當量|CO2)?"
         r"|(?:t|tonnes?|tons?|metric\s+tons?)\s*(?:of\s*)?(?:CO2e|CO2-?eq\.?|CO2\s*e|CO2\s*equivalents?))")
_FIGURE = re.compile(_NUM + _UNIT, re.I)
_PER_AFTER = re.compile(r"^\s*(?:/|每|per\b)", re.I)
_MULT = {"百萬": 1e6, "萬": 1e4, "千": 1e3, "thousand": 1e3, "million": 1e6, "k": 1e3, "m": 1e6}
_EMISSION_WORDS = re.compile(r"排放|碳排|溫室氣體|CO2|emission|GHG", re.I)
# A figure after one of these (between the metric and the number) is a change, a target or a fee base, not a total.
_EXCLUDE = re.compile(
    r"減少|減量|下降|降低|增加|上升|成長|差異|差額|抵換|抵銷|移除|避免|目標|預計|預估|承諾|門檻|超過|收費|碳費|相當於|節省|節能|節電"
    r"|reduc|decreas|increas|fell|fall|drop|rose|rise|grow|lower|higher|avoid|offset|target|goal|threshold|above|below"
    r"|chargeable|fee|sav(?:ed|ing)|equivalent to|compared|exceed|more than|less than|at least|up to|超出|逾"
    r"|密集度|強度|每|intensity|\bper\b", re.I)

_DIG = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}
_SEP = r"\s*(?:[、,，及和與加+＋&/]|and|plus|至|到|~|–|-|—)\s*"
_SCOPE_ZH = re.compile(r"範疇\s*(?P<first>[一二三123])(?P<rest>(?:" + _SEP + r"(?:範疇\s*)?[一二三123](?![\d]))*)")
_SCOPE_EN = re.compile(r"\bscopes?\s*(?P<first>[123])(?![\d])(?P<rest>(?:" + _SEP + r"(?:scope\s*)?[123](?![\d]))*)", re.I)
_S3CAT = re.compile(
    r"(?:(?:範疇\s*[三3]|scope\s*3)\s*(?:之|的)?\s*(?:類別|category|cat\.?)\s*(?P<a>\d{1,2})(?![\d.,]\d)"
    r"(?P<arest>(?:\s*(?:[、,，+＋&及和與]|and)\s*(?:類別|category|cat\.?)?\s*\d{1,2}(?![\d.,]\d))*)"
    r"|(?<![A-Za-z0-9])C(?P<b>\d{1,2})(?![\d.,]\d)(?!\s*(?:年|%))"
    r"(?P<brest>(?:\s*[+＋、,，&及和與]\s*C\d{1,2}(?![\d.,]\d))*))", re.I)
# ISO categories: '類別3', '類別3至6', '類別1及類別2', 'ISO category 4'. An English 'Category N' without
# 'ISO' or 'Scope 3' in front is ambiguous and is not taken.
_ISO = re.compile(
    r"(?:ISO\s*(?:14064-1)?\s*categor(?:y|ies)|(?<!範疇三)(?<!範疇3)類別)\s*(?P<first>[1-6一二三四五六])(?![\d.,]?\d)"
    r"(?P<rest>(?:" + _SEP + r"(?:類別|category)?\s*[1-6一二三四五六](?![\d.,]?\d))*)", re.I)
_TOTAL = re.compile(r"總排放量|排放總量|溫室氣體總排放|總溫室氣體排放|全部排放|total\s+(?:GHG\s+)?emissions|total\s+of\s+scopes?", re.I)
_LOCATION = re.compile(r"地點基準|location[- ]based", re.I)
_MARKET = re.compile(r"市場基準|market[- ]based", re.I)
_YEAR = re.compile(
    r"(?:民國\s*(?P<roc1>1[0-4]\d)\s*年?)|(?<!\d)(?<!\d[.,])(?P<roc2>1[0-4]\d)\s*年(?!\d)"
    r"|(?:FY\s*)?(?<!\d)(?<!\d[.,])(?P<greg>20[0-5]\d)(?![\d.,]?\d)")
_SENTENCE = re.compile(r"[。；;！？!?]+|\n\s*\n|\.(?=\s|$)")


class Mention(BaseModel):
    kind: str  # 'scopes', 'iso', 's3cat', 'total'
    values: tuple[int, ...] = ()
    start: int
    end: int
    ambiguous: bool = False  # a bare '類別N': ISO category or, in a Scope 3 passage, Scope 3 category N


class ExtractedFigure(BaseModel):
    """A number + unit found in text, with what it measures and the years around it."""

    value_t: float
    text: str
    precision_t: float
    metric: str  # e.g. 'scope:1', 'scope:1+2', 'iso:3', 'iso:3+4+5+6', 's3cat:1', 'total'
    alternatives: list[str] = []  # other readings of an ambiguous mention, tried when the metric does not match
    scope2_method: str | None
    year: int | None
    other_years: list[int]
    sentence: str


def _digits(first: str, rest: str) -> tuple[int, ...]:
    vals = [_DIG[first]]
    # a range ("類別3至6", "Scopes 1-3") covers the numbers in between
    parts = re.findall(r"(至|到|~|–|-|—)?\s*(?:範疇|scope|類別|category)?\s*([一二三四五六1-6])", rest, re.I)
    for sep, d in parts:
        n = _DIG[d]
        if sep:
            vals.extend(range(vals[-1] + 1, n + 1))
        else:
            vals.append(n)
    return tuple(sorted(set(vals)))


def _mentions(sentence: str) -> list[Mention]:
    found: list[Mention] = []
    for m in _S3CAT.finditer(sentence):
        if m.group("a"):
            nums = [m.group("a")] + re.findall(r"\d{1,2}", m.group("arest") or "")
        else:
            nums = re.findall(r"C(\d{1,2})", m.group(0), re.I)
        values = tuple(sorted({int(n) for n in nums if 1 <= int(n) <= 15}))
        if values:
            found.append(Mention(kind="s3cat", values=values, start=m.start(), end=m.end()))
    for m in _ISO.finditer(sentence):
        found.append(Mention(kind="iso", values=_digits(m.group("first"), m.group("rest") or ""), start=m.start(),
                             end=m.end(), ambiguous=not m.group(0).upper().startswith("ISO")))
    for rx in (_SCOPE_ZH, _SCOPE_EN):
        for m in rx.finditer(sentence):
            found.append(Mention(kind="scopes", values=_digits(m.group("first"), m.group("rest") or ""),
                                 start=m.start(), end=m.end()))
    for m in _TOTAL.finditer(sentence):
        found.append(Mention(kind="total", values=(1, 2, 3), start=m.start(), end=m.end()))
    # Overlaps: keep the most specific (Scope 3 category over Scope 3, longer over shorter).
    rank = {"s3cat": 0, "iso": 1, "scopes": 2, "total": 3}
    found.sort(key=lambda x: (x.start, rank[x.kind], -(x.end - x.start)))
    kept: list[Mention] = []
    for mt in found:
        clash = next((k for k in kept if mt.start < k.end and k.start < mt.end), None)
        if clash is None:
            kept.append(mt)
        elif rank[mt.kind] < rank[clash.kind] or (rank[mt.kind] == rank[clash.kind] and mt.end - mt.start > clash.end - clash.start):
            kept[kept.index(clash)] = mt
    return sorted(kept, key=lambda x: x.start)


def _years(text: str) -> list[tuple[int, int, int]]:
    out = []
    for m in _YEAR.finditer(text):
        if m.group("greg"):
            y = int(m.group("greg"))
        else:
            y = int(m.group("roc1") or m.group("roc2")) + 1911
        out.append((y, m.start(), m.end()))
    return out


def _in_closed_brackets(sentence: str, pos: int, until: int) -> bool:
    """Whether ``pos`` sits inside a bracket pair that closes before ``until``."""
    depth = sentence[:pos].count("(") - sentence[:pos].count(")")
    return depth > 0 and ")" in sentence[pos:until]


def _metric_key(m: Mention) -> str:
    if m.kind == "total":
        return "total"
    joined = "+".join(str(v) for v in m.values)
    return {"scopes": "scope", "iso": "iso", "s3cat": "s3cat"}[m.kind] + ":" + joined


def extract_figures(text: str) -> list[ExtractedFigure]:
    """Emission figures in ``text`` that name a metric; figures about changes, targets or fees are left out."""
    text = unicodedata.normalize("NFKC", text or "")
    passage_years = sorted({y for y, _s, _e in _years(text)})
    figures = []
    # A single line break inside a sentence is layout (PDF lines); a blank line or end punctuation ends it.
    text = re.sub(r"(?<=[\u3400-\u9fff,，、(（])\n(?=\S)|(?<=\S)\n(?=[\u3400-\u9fff])", "", text)
    text = re.sub(r"(?<!\n)\n(?!\n)", " ", text)
    for sentence in _SENTENCE.split(text):
        if not sentence.strip():
            continue
        mentions = _mentions(sentence)
        if not mentions:
            continue
        years = _years(sentence)
        for fm in _FIGURE.finditer(sentence):
            if _PER_AFTER.match(sentence[fm.end():]):
                continue  # an intensity (公噸CO2e/百萬元)
            plain = fm.group("unit").strip().startswith(("公噸", "噸")) and not fm.group("zhgas")
            if plain and not _EMISSION_WORDS.search(sentence):
                continue  # tonnes of something (waste, water), not emissions
            if any(y[1] <= fm.start("num") < y[2] for y in years):
                continue
            # A metric inside brackets that close before the figure qualifies an outer one
            # ("總排放量(類別2以地點基準計)為367,662.9"): prefer the outer metric.
            before = [m for m in mentions if m.end <= fm.start()]
            outer = [m for m in before if not _in_closed_brackets(sentence, m.start, fm.start())]
            before = outer or before
            # A metric after the number only in the English pattern "8,512 tCO2e of Scope 1 emissions";
            # otherwise a passage cut mid-number ("12公噸CO2e，範疇二…") would pair a fragment with the next metric.
            after = [m for m in mentions if m.start >= fm.end()
                     and re.fullmatch(r"\s*(?:(?:of|from|in|for)\s+(?:the\s+)?|[(（]\s*)", sentence[fm.end():m.start], re.I)]
            mention = before[-1] if before else (after[0] if after else None)
            if mention is None:
                continue
            between = sentence[mention.end:fm.start()] if mention.end <= fm.start() else sentence[fm.end():mention.start]
            if _EXCLUDE.search(between):
                continue
            if mention.end <= fm.start() and re.search(r"[-−]\s*$", sentence[:fm.start()]):
                continue  # "−13,985.6 公噸": a change
            num = fm.group("num")
            mult = _MULT.get((fm.group("mult") or "").lower(), _MULT.get(fm.group("mult") or "", 1.0))
            value = float(num.replace(",", "")) * mult
            decimals = len(num.split(".")[1]) if "." in num else 0
            precision = 0.5 * 10 ** (-decimals) * mult
            # Scope 2 method: a method word between the metric and the figure, or right after the figure
            # ("45,620.9 tCO2e (location-based)").
            words = [(m.start(), "location") for m in _LOCATION.finditer(sentence)]
            words += [(m.start(), "market") for m in _MARKET.finditer(sentence)]
            lo = min(mention.start, fm.start())
            inside = [w for w in words if lo <= w[0] < fm.start()]
            right_after = [w for w in words if fm.end() <= w[0] and re.fullmatch(r"[\s(（,，]*", sentence[fm.end():w[0]])]
            method = max(inside)[1] if inside else (right_after[0][1] if right_after else None)
            year = None
            other = sorted({y for y, _s, _e in years})
            if years:
                # "… tCO2e in 2023" / "(2023)" right after the figure, else the nearest year before it, else after.
                follow = [y for y in years if fm.end() <= y[1] <= fm.end() + 12
                          and re.fullmatch(r"\s*(?:in|for|of|\(|（|,)?\s*(?:FY)?\s*", sentence[fm.end():y[1]], re.I)]
                before_years = [y for y in years if y[2] <= fm.start()]
                if follow:
                    year = follow[0][0]
                elif before_years:
                    year = before_years[-1][0]
                else:
                    year = years[0][0]
            elif len(passage_years) == 1:
                year = passage_years[0]
                other = passage_years
            metric = _metric_key(mention)
            alternatives: list[str] = []
            if mention.kind == "iso" and mention.ambiguous:
                s3_key = "s3cat:" + "+".join(str(v) for v in mention.values)
                scope3_before = any(m.kind == "scopes" and m.values == (3,) and m.end <= mention.start for m in mentions)
                if scope3_before and not _in_closed_brackets(sentence, mention.start, fm.start()):
                    metric, alternatives = s3_key, [metric]
                else:
                    alternatives = [s3_key]
            figures.append(ExtractedFigure(
                value_t=value, text=fm.group(0).strip(), precision_t=precision, metric=metric, alternatives=alternatives,
                scope2_method=method, year=year, other_years=other, sentence=sentence.strip()[:300],
            ))
    return figures




# facts-layer metric ids → (comparison metric, Scope 2 method)
_FACT_METRICS = {"scope1": ("scope:1", None), "scope2": ("scope:2", None), "scope2_location": ("scope:2", "location"),
                 "scope2_market": ("scope:2", "market"), "scope3": ("scope:3", None), "scope12": ("scope:1+2", None),
                 "total_emissions": ("total", None)}


def figure_of_fact(fact: Fact) -> ExtractedFigure | None:
    """A table figure the facts layer read at ingestion (value, unit, the year of its column) as a
    figure to compare, or None for a fact that is no company emission figure of a table (another
    metric, a supplier's, an estimate; sentences are read from the passages themselves). What the
    figure measures is read from its row label as in a sentence, so '類別3至類別6' stays the sum of
    four categories and '範疇二（市場基準）' keeps its method; the facts layer's metric otherwise."""
    prov = fact.provenance
    if (prov.channel != "table" or fact.unit is None or fact.unit.dimension != "emissions" or fact.entity != "company"
            or fact.estimate):
        return None
    label = unicodedata.normalize("NFKC", prov.row_label or "")
    mentions = _mentions(label)
    method = ("location" if _LOCATION.search(label) else "market" if _MARKET.search(label) else None)
    if len(mentions) == 1:
        metric = _metric_key(mentions[0])
    elif re.fullmatch(r"(scope3_cat|iso_cat)(\d+)", fact.metric):
        kind, n = re.fullmatch(r"(scope3_cat|iso_cat)(\d+)", fact.metric).groups()
        metric = ("s3cat:" if kind == "scope3_cat" else "iso:") + n
    elif fact.metric in _FACT_METRICS:
        metric, method = _FACT_METRICS[fact.metric][0], method or _FACT_METRICS[fact.metric][1]
    else:
        return None
    if metric.startswith("iso:2") and method is None and fact.metric in _FACT_METRICS:
        method = _FACT_METRICS[fact.metric][1]
    decimals = len(fact.value_text.split(".")[1]) if "." in fact.value_text else 0
    year = [fact.year] if fact.year else []
    return ExtractedFigure(value_t=fact.base_value, text=fact.value_text, precision_t=0.5 * 10 ** (-decimals) * fact.unit.scale,
                           metric=metric, scope2_method=method, year=fact.year, other_years=year,
                           sentence=prov.quote()[:300])
