"""Fact keys a questionnaire asks for (scope1_total, renewable_share, verification, …), resolved from
the GHG inventory (figures computed by the GHG engine cite the inventory cells they sum) or, without
an inventory, from figures and statements in the evidence passages (each cited).

A fact that cannot be resolved is ``None`` — the caller then says "no evidence", never guesses.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from ..citing.context import cell_ranges, cite_records
from ..citing.figures import RENEWABLE_SOURCE, cite_target, corroborate, mwh_of, scope_desc, target_corroboration
from ..citing.models import Citation
from ..citing.sentences import clean_sentence
from ..citing.statements import extract_targets, nfkc
from ..facts.period import base_year_in
from ..facts.statements import ASSURANCE_STD, LEVEL
from ..normalization import find_years
from .models import AnswerCitation, Question

# Fact keys this module resolves (the agreed list; frameworks.questionnaires.FACT_KEYS holds the same).
FACT_KEYS: tuple[str, ...] = (
    "scope1_total", "scope2_location", "scope2_market", "scope3_total", "scope3_by_category", "iso_category_totals",
    "total_scope12", "base_year", "base_year_emissions", "emissions_intensity", "electricity_consumption",
    "renewable_electricity", "renewable_share", "near_term_target", "net_zero_target", "sbti_status",
    "ghg_methodology", "verification",
)


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


# ----------------------------------------------------------------------------------------------- fact inference

SCOPE12 = r"範疇一\s*(?:加|及|與|和|[+＋、])\s*(?:範疇)?二|範疇1\s*[+＋]\s*2|scopes? 1\s*(?:and|\+|&)\s*(?:scope )?2"
_ASKS_FIGURE = re.compile(r"多少|為何|數值|排放量|總量|用電量|使用量|how much|how many|what (?:were|was|is|are)|total|gross|"
                          r"metric tons?|tCO2e|MWh|figure|amount|quantity|provide", re.I)
_RULES: list[tuple[str | None, str, bool]] = [
    # (fact, pattern, needs a figure-type question) — order matters: specific before general;
    # None stops inference (a question about all energy is not one about electricity)
    (None, r"總能源|能源(?:總)?(?:消耗|使用)總?量|total energy|energy consum|fuels? and electricity|燃料(?:與|及|和)電力", False),
    # whether something changed, or why something is missing, is not answered by stating the fact
    (None, r"\bchanged?\b|變更|改變|why (?:you|your organi[sz]ation) (?:did|do|does) not|why not|did not have|為何未|未.{0,12}原因",
     False),
    ("verification", r"(?=.*(?:查證|確信|保證|第三方驗證|外部驗證|verif|assurance))"
                     r"(?=.*(?:溫室氣體|盤查|排放|範疇|GHG|emission|inventory|scope))(?!.*(?:產品|碳足跡|product|footprint))", False),
    ("ghg_methodology", r"方法學|盤查標準|盤查依據|計算方法|合併方式|營運控制|組織邊界|methodolog|consolidation|GHG Protocol|"
                        r"standard.*(?:calculat|inventor)|GWP|global warming potential", False),
    ("sbti_status", r"SBTi|科學基礎減量目標|science[- ]based", False),
    ("net_zero_target", r"淨零|net[- ]zero", False),
    ("base_year_emissions", r"基準年.*排放|base[- ]year.*emission", False),
    ("base_year", r"基準年|base[- ]year", False),
    ("near_term_target", r"減量目標|減碳目標|排放目標|emissions? (?:reduction )?targets?|(?:GHG|carbon|climate|emissions?) "
                         r"(?:\w+ ){0,2}targets?", False),
    ("scope3_by_category", r"(?:範疇三|範疇3|scope 3).*(?:類別|categor)|(?:類別|categor).*(?:範疇三|scope 3)", False),
    ("iso_category_totals", r"ISO\s?14064-1.*(?:類別|categor)", False),
    ("renewable_share", r"(?:再生能源|綠電|renewable).*(?:比例|占比|比率|百分比|share|percent|%)|"
                        r"(?:比例|占比|share|percent|%).*(?:再生能源|綠電|renewable)", True),
    ("renewable_electricity", r"再生能源|綠電|renewable (?:electricity|energy)", True),
    ("emissions_intensity", r"密集度|intensity", True),
    ("electricity_consumption", r"用電量|電力(?:使用|消耗)|外購電力|electricity (?:consumption|use|purchased)|"
                                r"purchased electricity|consum\w* .*electricity", True),
    ("total_scope12", SCOPE12, True),
    ("scope2_market", r"(?:範疇二|範疇2|scope 2).*(?:市場|market)", True),
    ("scope2_location", r"(?:範疇二|範疇2|scope 2).*(?:地點|location)", True),
    ("scope2", r"範疇二|範疇2|scope 2", True),
    ("scope1_total", r"範疇一|範疇1|scope 1(?!\d)", True),
    ("scope3_total", r"範疇三|範疇3|scope 3(?!\d)", True),
]
_RULES_RE = [(f, re.compile(p, re.I | re.S), need) for f, p, need in _RULES]
# A question about a target asks for the target, not this year's figure.
_ABOUT_TARGET = re.compile(r"目標|承諾|target|goal|commit", re.I)
# A breakdown (by gas, country, site, business division, activity…) is not the total: leave it to retrieval.
_BREAKDOWN = re.compile(r"break\s?down|broken down|\bby (?:greenhouse gas|gas|country|region|area|business|division|facility|"
                        r"site|activity|sector|subsidiar|legal entit|source)|\bper (?:country|region|site|facility)|business activit|"
                        r"依(?:溫室氣體|氣體|國家|地區|廠區|據點|事業|部門|活動|設施)|按(?:溫室氣體|氣體|國家|地區|廠區|事業|部門)|"
                        r"各(?:廠區|國家|地區|事業部|據點)|分(?:廠區|國家|氣體)", re.I)


def infer_fact(q: Question) -> str | None:
    """The fact an imported question asks for, from its words (conservative: figure facts only for
    number/table questions or questions that ask for a figure)."""
    text = nfkc(q.text)
    asks_figure = q.answer_type in ("number", "table") or bool(_ASKS_FIGURE.search(text)) or bool(q.unit)
    for fact, rx, need_figure in _RULES_RE:
        if rx.search(text) and (asks_figure or not need_figure):
            if fact is None:
                return None
            if need_figure and _ABOUT_TARGET.search(text):
                continue
            if _BREAKDOWN.search(text) and fact not in ("scope3_by_category", "iso_category_totals"):
                return None
            if fact == "scope3_by_category" and q.answer_type not in ("table", "text"):
                continue
            return fact
    return None


# ----------------------------------------------------------------------------------------------- resolver

# Fact keys of the questionnaire sets → metric ids of the facts layer.
_FACT_METRIC = {"scope1": "scope1", "scope2_location": "scope2_location", "scope2_market": "scope2_market", "scope3": "scope3"}


def fact_citation(p) -> AnswerCitation:
    """An answer citation of a fact's provenance (the table row or the sentence it was read from)."""
    return AnswerCitation(source=p.source, page=p.page, location=p.location(), sheet=p.sheet, cell_range=p.cell_range,
                          paragraph=p.paragraph, quote=p.quote(), kind="passage")


_SCOPE_LABEL = {
    "scope1": ("範疇一", "Scope 1"), "scope2_location": ("範疇二（地點基準）", "Scope 2 (location-based)"),
    "scope2_market": ("範疇二（市場基準）", "Scope 2 (market-based)"), "scope3": ("範疇三", "Scope 3"),
}
class FactResolver:
    """Resolves fact keys for one questionnaire run over a :class:`~disclosure.citing.context.DraftContext`
    (the drafting engine's retrieval, evidence register and GHG-engine figures)."""

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

    def resolve(self, fact: str, q: Question) -> FactResult | None:
        """The fact for question ``q``, or None when neither the inventory nor the evidence gives it."""
        fn: Callable[[Question], FactResult | None] | None = getattr(self, f"fact_{fact}", None)
        if fn is None:
            return None
        key = (fact, self.year_for(q), q.text if fact in ("total_scope12", "scope2") else "")
        if key not in self._cache:
            self._cache[key] = fn(q)
        return self._cache[key]

    # -- emissions -----------------------------------------------------------------------------------
    def _scope_records(self, metric: str, year: int):
        from ..ghg import select_records

        scopes, method = {"scope1": ((1,), "location"), "scope2_location": ((2,), "location"),
                          "scope2_market": ((2,), "market"), "scope3": ((3,), "location")}[metric]
        recs = select_records(self.inv, year=year, scopes=scopes, scope2_method=method)
        if metric == "scope2_market" and not any(r.scope2_method == "market" for r in recs):
            return []
        return recs

    def _scope_figure(self, metric: str, q: Question) -> FactResult | None:
        year = self.year_for(q)
        zh_l, en_l = _SCOPE_LABEL[metric]
        if self.inv is not None and year in self.inv.years:
            recs = self._scope_records(metric, year)
            if not recs:
                return None
            value = math.fsum(r.tco2e for r in recs)
            n = len(self.ctx.review_notes)
            cites = [cite_records(self.ctx, f"{metric}:{year}", recs, value, f"{year} {en_l}", [year])]
            cites += corroborate(self.ctx, metric, year, value)
            text = self.t(f"{year}年{zh_l}排放量為{fmt1(value)}公噸CO2e。", f"{en_l} emissions in {year}: {fmt1(value)} tCO2e.")
            return FactResult(text, value, "tCO2e", year, [self.cite(c) for c in cites], "high", self._notes_since(n))
        return self.document_figure(_FACT_METRIC[metric], year)

    def document_figure(self, metric: str, year: int | None, *, label: str | None = None) -> FactResult | None:
        """A figure the documents state (the facts layer's choice), as a sentence citing where it stands
        and the places that agree; None when no document states one for that metric and year."""
        found = self.fb.lookup(metric, year)
        if found.status != "found":
            self.last_refusal = found.reason
            return None
        return self.figure_result(found, label=label)

    def figure_result(self, found, *, label: str | None = None) -> FactResult:
        from ..facts import label_of

        f = found.chosen.fact
        year = self.fb.year_of(f)
        name = label or label_of(f.metric if f.metric != "scope2" else found.metric, self.zh)
        unit = f.unit.display(self.zh) if f.unit else ""
        if f.unit is not None and f.unit.dimension == "money":
            unit = f.unit.text
            value = f"{unit} {f.value_text}".strip()
        else:
            value = f"{f.value_text}{'' if self.zh or unit == '%' else ' '}{unit}".strip()
        text = self.t(f"{year}年{name}為{value}。" if year else f"{name}為{value}。",
                      f"{name[:1].upper() + name[1:]} in {year}: {value}." if year else f"{name[:1].upper() + name[1:]}: {value}.")
        cites = [fact_citation(f.provenance)] + [fact_citation(p) for p in found.chosen.agreeing[:2]]
        notes = [] if len(found.candidates) < 2 else [self.t(f"其他數值：{'、'.join(c.fact.value_text for c in found.candidates[1:4])}（{found.reason}）",
                                                           f"other values: {', '.join(c.fact.value_text for c in found.candidates[1:4])} ({found.reason})")]
        conf = "high" if found.chosen.agreeing else "medium"
        return FactResult(text, f.value, unit or None, year, cites, conf, notes)

    def fact_scope1_total(self, q):
        return self._scope_figure("scope1", q)

    def fact_scope2_location(self, q):
        return self._scope_figure("scope2_location", q)

    def fact_scope2_market(self, q):
        return self._scope_figure("scope2_market", q)

    def fact_scope3_total(self, q):
        return self._scope_figure("scope3", q)

    def fact_scope2(self, q):
        """Scope 2 without a method named: both views; the value is location-based (GHG Protocol's
        dual-reporting default), and the market-based figure is stated beside it."""
        loc = self._scope_figure("scope2_location", q)
        mkt = self._scope_figure("scope2_market", q)
        if loc is None:
            return mkt
        if mkt is None or mkt.value == loc.value:
            return loc
        return FactResult(loc.text + (" " if not self.zh else "") + mkt.text, loc.value, "tCO2e", loc.year,
                          loc.citations + mkt.citations, min_conf(loc.confidence, mkt.confidence), loc.notes + mkt.notes)

    def fact_total_scope12(self, q):
        year = self.year_for(q)
        if self.inv is None or year not in self.inv.years:
            return None
        from ..ghg import select_records

        rows, cites, parts = [], [], []
        for method in ("location", "market"):
            recs = select_records(self.inv, year=year, scopes=(1, 2), scope2_method=method)
            if method == "market" and not any(r.scope2_method == "market" for r in recs):
                continue
            v = math.fsum(r.tco2e for r in recs)
            cites.append(cite_records(self.ctx, f"s12:{method}:{year}", recs, v, f"{year} Scope 1+2 ({method}-based)", [year]))
            rows.append({"method": method, "tCO2e": round(v, 3)})
            parts.append(self.t(f"{'地點' if method == 'location' else '市場'}基準{fmt1(v)}公噸CO2e",
                                f"{fmt1(v)} tCO2e {method}-based"))
        if not rows:
            return None
        text = self.t(f"{year}年範疇一及範疇二合計排放量：{'；'.join(parts)}。",
                      f"Scope 1 and 2 emissions in {year}: {'; '.join(parts)}.")
        value: Any = rows
        asked = nfkc(q.text)
        want = "market" if re.search(r"市場|market", asked, re.I) else "location" if re.search(r"地點|location", asked, re.I) else None
        if q.answer_type == "number":
            want = want or rows[-1]["method"]  # market-based when both exist: what targets are set on
        if want:
            value = next((r["tCO2e"] for r in rows if r["method"] == want), rows[0]["tCO2e"])
        return FactResult(text, value, "tCO2e", year, [self.cite(c) for c in cites], "high")

    def fact_scope3_by_category(self, q):
        from ..ghg import select_records, summarize
        from ..ghg.model import SCOPE3_CATEGORY_NAMES

        year = self.year_for(q)
        if self.inv is None or year not in self.inv.years:
            return None
        s = summarize(self.inv, year)
        cats = s.by_scope3_category
        if not cats:
            return None
        nr = self.t("未揭露", "not reported")
        rows = [{"category": k, "name": SCOPE3_CATEGORY_NAMES[k][0 if self.zh else 1],
                 "tCO2e": round(cats[k], 3) if k in cats else nr} for k in range(1, 16)]
        recs = select_records(self.inv, year=year, scopes=(3,))
        cite = cite_records(self.ctx, f"scope3-cats:{year}", recs, math.fsum(cats.values()),
                            f"{year} Scope 3 by category", [year, *cats.values()])
        listed = [f"C{k} {fmt1(v)}" for k, v in cats.items() if k is not None]
        missing = [f"C{k}" for k in range(1, 16) if k not in cats]  # C-names: identifiers, not figures
        text = self.t(f"{year}年範疇三各類別排放量（公噸CO2e）：{'；'.join(listed)}"
                      + (f"；{'、'.join(missing)}未揭露" if missing else "") + "。",
                      f"Scope 3 by category in {year} (tCO2e): {'; '.join(listed)}"
                      + (f"; {', '.join(missing)} not reported" if missing else "") + ".")
        return FactResult(text, rows, "tCO2e", year, [self.cite(cite)], "high")

    def fact_iso_category_totals(self, q):
        from ..ghg import select_records, summarize
        from ..ghg.model import ISO_CATEGORY_NAMES

        year = self.year_for(q)
        if self.inv is None or year not in self.inv.years:
            return None
        s = summarize(self.inv, year)
        cats = s.by_iso_category
        if not cats:
            return None
        nr = self.t("未揭露", "not reported")
        rows = [{"category": k, "name": ISO_CATEGORY_NAMES[k][0 if self.zh else 1],
                 "tCO2e": round(cats[k], 3) if k in cats else nr} for k in range(1, 7)]
        recs = [r for r in select_records(self.inv, year=year) if r.iso_category]
        cite = cite_records(self.ctx, f"iso-cats:{year}", recs, math.fsum(cats.values()), f"{year} ISO 14064-1 categories",
                            [year, *cats.values()])
        listed = [self.t(f"類別{k} {fmt1(v)}", f"category {k} {fmt1(v)}") for k, v in cats.items() if k]
        text = self.t(f"{year}年ISO 14064-1各類別排放量（公噸CO2e，範疇二採地點基準）：{'；'.join(listed)}。",
                      f"ISO 14064-1 categories in {year} (tCO2e, Scope 2 location-based): {'; '.join(listed)}.")
        return FactResult(text, rows, "tCO2e", year, [self.cite(cite)], "high")

    def fact_base_year(self, q):
        found = None
        hits = []
        for query in ("基準年 盤查 理由", "base year GHG inventory"):
            for rank, ev in enumerate(self.ctx.search(query, k=8)):
                for sent in self.ctx.sentences_for(ev):
                    y = base_year_in(sent)
                    if y is not None:
                        hits.append(((" | " in sent, rank), (y, ev, sent)))
                        break
        if hits:
            found = sorted(hits, key=lambda h: h[0])[0][1]
        cites: list[Citation] = []
        by = None
        if found:
            by, ev, sent = found
            cites.append(self.ctx.cite(ev, clean_sentence(sent, self.ctx)))
        rows = [t for t in self.ctx.targets if by is None or t.base_year == by]
        if rows:
            by = by or rows[0].base_year
            cites.append(cite_target(self.ctx, rows[0]))
        if by is None:
            return None
        return FactResult(self.t(f"基準年為{by}年。", f"The base year is {by}."), float(by), "year", by,
                          [self.cite(c) for c in cites], "high" if len(cites) > 1 else "medium")

    def fact_base_year_emissions(self, q):
        by_fact = self.fact_base_year(q)
        by = int(by_fact.value) if by_fact else self.base_year()
        if self.inv is None or by not in (self.inv.years if self.inv else []):
            return None
        from ..ghg import select_records

        rows, cites, parts = [], [], []
        for metric in ("scope1", "scope2_location", "scope2_market", "scope3"):
            recs = self._scope_records(metric, by)
            if not recs:
                continue
            v = math.fsum(r.tco2e for r in recs)
            cites.append(cite_records(self.ctx, f"{metric}:{by}", recs, v, f"{by} {_SCOPE_LABEL[metric][1]}", [by]))
            rows.append({"item": metric, "name": _SCOPE_LABEL[metric][0 if self.zh else 1], "tCO2e": round(v, 3)})
            parts.append(self.t(f"{_SCOPE_LABEL[metric][0]}{fmt1(v)}公噸CO2e", f"{_SCOPE_LABEL[metric][1]} {fmt1(v)} tCO2e"))
        if not rows:
            return None
        asked = nfkc(q.text)
        value: Any = rows
        if re.search(SCOPE12, asked, re.I):
            # Scope 1+2 in the base year: market-based when the inventory has it (what targets are set on)
            method = "market" if any(r["item"] == "scope2_market" for r in rows) else "location"
            recs = select_records(self.inv, year=by, scopes=(1, 2), scope2_method=method)
            v = math.fsum(r.tco2e for r in recs)
            label = self.t(f"範疇一加範疇二（{'市場' if method == 'market' else '地點'}基準）", f"Scope 1+2 ({method}-based)")
            cites.insert(0, cite_records(self.ctx, f"s12:{method}:{by}", recs, v, f"{by} Scope 1+2 ({method}-based)", [by]))
            rows.insert(0, {"item": f"scope12_{method}", "name": label, "tCO2e": round(v, 3)})
            text = self.t(f"基準年{by}年{label}排放量為{fmt1(v)}公噸CO2e（" + "；".join(parts) + "）。",
                          f"Base year {by} {label} emissions: {fmt1(v)} tCO2e (" + "; ".join(parts) + ").")
            if q.answer_type == "number":
                value = round(v, 3)
        else:
            text = self.t(f"基準年{by}年排放量：{'；'.join(parts)}。", f"Base year {by} emissions: {'; '.join(parts)}.")
            if q.answer_type == "number":
                pick = next((r for r in rows if re.search({"scope1": r"範疇一|scope 1(?!\d)", "scope3": r"範疇三|scope 3",
                                                           "scope2_location": r"地點|location", "scope2_market": r"市場|market"}
                                                          [r["item"]], asked, re.I)), None)
                value = pick["tCO2e"] if pick else None
        extra = by_fact.citations if by_fact else []
        return FactResult(text, value, "tCO2e", by, [self.cite(c) for c in cites] + extra, "high",
                          partial=q.answer_type == "number" and value is None)

    def fact_emissions_intensity(self, q):
        year = self.year_for(q)
        if self.inv is None or year not in self.inv.years:
            return None
        from ..ghg import select_records, summarize

        s = summarize(self.inv, year)
        it = next((i for i in s.intensities if i.per == "revenue" and i.scopes == (1, 2)), None)
        if it is None:
            return None
        recs = select_records(self.inv, year=year, scopes=(1, 2), scope2_method="location")
        c = self.ctx.computed(f"intensity-rev:{year}",
                              f"{year} Scope 1+2 (location-based) {fmt1(it.emissions)} tCO2e ÷ revenue {it.denominator:,.0f} "
                              f"NT$ million (sheet {self.inv.sheets.get('operating')}) = {it.value:.3f}",
                              [it.value, it.emissions, it.denominator, year], self.inv.source, self.inv.sheets.get("inventory"),
                              cell_ranges([r.provenance.cell for r in recs if r.provenance.cell]) or None)
        text = self.t(f"{year}年範疇一及範疇二（地點基準）排放密集度為每新台幣百萬元營收{it.value:.3f}公噸CO2e。",
                      f"{year} Scope 1 and 2 (location-based) intensity: {it.value:.3f} tCO2e per NT$ million revenue.")
        return FactResult(text, round(it.value, 3), "tCO2e/NT$ million", year, [self.cite(c)], "high")

    # -- energy --------------------------------------------------------------------------------------
    def _electricity(self, year: int):
        from ..ghg import select_records

        recs = [r for r in select_records(self.inv, year=year, scopes=(2,), scope2_method="location")
                if r.scope2_method == "location" and mwh_of(r) is not None]
        ren = [r for r in select_records(self.inv, year=year, scopes=(2,), scope2_method="market")
               if r.scope2_method == "market" and mwh_of(r) is not None and RENEWABLE_SOURCE.search(r.source or "")
               and (r.factor == 0 or r.tco2e == 0) and "扣除" not in (r.source or "")]
        return recs, ren

    def _energy_cite(self, key: str, recs, label: str, total: float, extra: list[float], tail: str = "") -> Citation:
        rows = "; ".join(f"row {r.provenance.row} {r.year} {r.facility or ''} {r.source}: {r.activity:,.0f} {r.activity_unit}"
                         for r in sorted(recs, key=lambda r: r.provenance.row or 0))
        return self.ctx.computed(key, f"{label} = {rows} → {total:,.0f} MWh{tail}", [total, *extra], self.inv.source,
                                 self.inv.sheets.get("inventory"),
                                 cell_ranges([f"I{r.provenance.row}" for r in recs if r.provenance.row]) or None)

    def _energy_from_evidence(self, metric: str, unit: str, q: Question) -> FactResult | None:
        """Without inventory figures: the figure the documents state for the year (the facts layer's choice)."""
        return self.document_figure({"re_share": "renewable_share"}.get(metric, metric), self.year_for(q))

    def fact_electricity_consumption(self, q):
        year = self.year_for(q)
        if self.inv is None or year not in self.inv.years:
            return self._energy_from_evidence("electricity", "MWh", q)
        recs, _ren = self._electricity(year)
        if not recs:
            return self._energy_from_evidence("electricity", "MWh", q)
        total = math.fsum(mwh_of(r) for r in recs)
        c = self._energy_cite(f"electricity:{year}", recs, f"{year} purchased electricity", total, [year])
        text = self.t(f"{year}年外購電力使用量為{fmt0(total)} MWh。", f"Purchased electricity in {year}: {fmt0(total)} MWh.")
        return FactResult(text, round(total, 3), "MWh", year, [self.cite(c)], "high")

    def _renewables(self, year: int):
        recs, ren = self._electricity(year)
        if not recs or not ren:
            return None
        total = math.fsum(mwh_of(r) for r in recs)
        re_total = math.fsum(mwh_of(r) for r in ren)
        share = re_total / total * 100 if total else 0.0
        ppa = math.fsum(mwh_of(r) for r in ren if re.search(r"轉供|購售電|PPA", r.source or "", re.I))
        rec = math.fsum(mwh_of(r) for r in ren if re.search(r"憑證|T-REC|certificate", r.source or "", re.I))
        c = self._energy_cite(f"renewables:{year}", ren, f"{year} renewable electricity", re_total,
                              [ppa, rec, share, total, year], f"; share {re_total:,.0f} / {total:,.0f} = {share:.2f}%")
        return total, re_total, share, ppa, rec, c

    def fact_renewable_electricity(self, q):
        year = self.year_for(q)
        got = self._renewables(year) if self.inv is not None and year in self.inv.years else None
        if got is None:
            return self._energy_from_evidence("renewable_electricity", "MWh", q)
        total, re_total, share, ppa, rec, c = got
        parts = []
        if ppa:
            parts.append(self.t(f"綠電轉供（企業購售電契約）{fmt0(ppa)} MWh", f"{fmt0(ppa)} MWh corporate PPA"))
        if rec:
            parts.append(self.t(f"再生能源憑證（T-REC）{fmt0(rec)} MWh", f"{fmt0(rec)} MWh T-REC certificates"))
        text = self.t(f"{year}年使用再生電力{fmt0(re_total)} MWh" + (f"（{'、'.join(parts)}）" if parts else "") + "。",
                      f"Renewable electricity in {year}: {fmt0(re_total)} MWh" + (f" ({'; '.join(parts)})" if parts else "") + ".")
        return FactResult(text, round(re_total, 3), "MWh", year, [self.cite(c)], "high",
                          keywords=["PPA", "購售電", "轉供", "T-REC", "certificate", "憑證", "EAC"])

    def fact_renewable_share(self, q):
        year = self.year_for(q)
        got = self._renewables(year) if self.inv is not None and year in self.inv.years else None
        if got is None:
            return self._energy_from_evidence("re_share", "%", q)
        total, re_total, share, _ppa, _rec, c = got
        text = self.t(f"{year}年再生電力占外購電力之{share:.1f}%（{fmt0(re_total)} / {fmt0(total)} MWh）。",
                      f"Renewable share of electricity in {year}: {share:.1f} % ({fmt0(re_total)} of {fmt0(total)} MWh).")
        return FactResult(text, round(share, 1), "%", year, [self.cite(c)], "high")

    # -- targets -------------------------------------------------------------------------------------
    def _target_text(self, t) -> str:
        scope = scope_desc(t, self.zh)
        if t.net_zero:
            return self.t(f"{t.target_year}年達成淨零排放，{scope}絕對排放量較{t.base_year}年減少至少{t.reduction_pct:g}%",
                          f"net-zero by {t.target_year}, cutting absolute {scope} emissions at least {t.reduction_pct:g} % "
                          f"from {t.base_year}")
        kind = "絕對" if t.type == "absolute" else "密集度"
        return self.t(f"{scope}{kind}排放量於{t.target_year}年前較{t.base_year}年減少{t.reduction_pct:g}%",
                      f"{'absolute' if t.type == 'absolute' else 'intensity'} {scope} emissions −{t.reduction_pct:g} % "
                      f"by {t.target_year} from {t.base_year}")

    def _sbti_validated(self, t) -> bool:
        return bool(t.sbti_status and re.search(r"通過|確認|validated|approved", t.sbti_status, re.I))

    def fact_near_term_target(self, q):
        targets = [t for t in self.ctx.targets if not t.net_zero]
        if targets:
            targets.sort(key=lambda t: (-t.target_year, t.name))
            cites, parts, rows = [], [], []
            for t in targets:
                cites.append(cite_target(self.ctx, t))
                cites += target_corroboration(self.ctx, t)
                parts.append(self._target_text(t) + (self.t("（已通過SBTi確認）", " (SBTi-validated)") if self._sbti_validated(t) else ""))
                rows.append({"target": t.name, "scopes": "+".join(map(str, t.scopes)), "base_year": t.base_year,
                             "target_year": t.target_year, "reduction_pct": t.reduction_pct, "sbti_status": t.sbti_status})
            text = self.t("減量目標：" + "；".join(parts) + "。", "Reduction targets: " + "; ".join(parts) + ".")
            return FactResult(text, rows, None, None, [self.cite(c) for c in cites], "high",
                              keywords=["absolute", "絕對"])
        return self._targets_from_evidence(q, ("reduction", "renewable"))

    def _targets_from_evidence(self, q: Question, kinds: tuple[str, ...]) -> FactResult | None:
        """Targets the documents state: the sentence(s) naming the asked scope with a percentage, a
        target year and a base year first; an answer of one or two sentences, each cited."""
        asked = nfkc(" ".join(filter(None, (q.text, q.text_alt))))
        scope = "scope3" if re.search(r"範疇三|範疇3|scope 3", asked, re.I) else \
            "scope12" if re.search(SCOPE12 + r"|範疇一.{0,3}範疇二|scope 1.{0,8}2", asked, re.I) else None
        facts = []
        queries = (q.text[:300], "減量目標 基準年 減少 %", "emissions reduction target base year %", "淨零排放 承諾 2050", "net-zero target")
        for qi, query in enumerate(queries):
            for rank, ev in enumerate(self.ctx.search(query, k=8)):
                for tf in extract_targets(ev.text):
                    if tf.kind in kinds and tf.target_year:
                        score = (2 if tf.percent is not None else 0) + (1.5 if tf.base_year else 0) - 0.05 * rank - 0.1 * qi
                        if scope and tf.scope:
                            score += 2 if tf.scope == scope else -3
                        if len(tf.sentence) > 300:
                            score -= 1
                        facts.append((score, tf, ev))
        if scope:  # a target of another scope does not answer the asked one
            facts = [f for f in facts if f[1].scope in (scope, None)]
        if not facts:
            return None
        facts.sort(key=lambda f: -f[0])
        seen, cites, parts = set(), [], []
        for _score, tf, ev in facts:
            key = (tf.kind, tf.target_year, tf.percent)
            if key in seen:
                continue
            seen.add(key)
            sent = clean_sentence(tf.sentence, self.ctx)
            if len(sent) > 300:
                sent = sent[:297].rstrip() + "…"
            if parts and (sum(map(len, parts)) + len(sent) > 340 or _score < facts[0][0] - 1.5):
                break
            cites.append(self.ctx.cite(ev, sent))
            parts.append(sent)
            if len(parts) >= 2:
                break
        nz = next((tf for _s, tf, _ in facts if tf.kind == "net_zero"), None)
        value = float(nz.target_year) if nz and kinds == ("net_zero",) else None
        return FactResult(" ".join(parts) if not self.zh else "".join(parts), value, "year" if value else None,
                          nz.target_year if value else None, [self.cite(c) for c in cites], "medium")

    def fact_net_zero_target(self, q):
        nz = [t for t in self.ctx.targets if t.net_zero]
        if nz:
            t = nz[0]
            cites = [cite_target(self.ctx, t)] + target_corroboration(self.ctx, t)
            text = self.t(f"承諾{self._target_text(t)}。", f"Commitment: {self._target_text(t)}.")
            return FactResult(text, float(t.target_year), "year", t.target_year, [self.cite(c) for c in cites], "high")
        return self._targets_from_evidence(q, ("net_zero",))

    def fact_sbti_status(self, q):
        cites, statuses = [], []
        for t in self.ctx.targets:
            if t.sbti_status and not re.search(r"不適用|n/?a|not applicable", t.sbti_status, re.I):
                cites.append(cite_target(self.ctx, t))
                statuses.append(t.sbti_status)
        doc_sent = None
        for query in ("SBTi 科學基礎減量目標倡議 確認 通過", "targets validated by the Science Based Targets initiative SBTi"):
            for ev in self.ctx.search(query, k=6):
                for sent in self.ctx.sentences_for(ev):
                    s = nfkc(sent)
                    if re.search(r"SBTi|Science Based Targets|科學基礎減量目標", s, re.I) and \
                            re.search(r"validat|approv|commit|通過|確認|核准|承諾", s, re.I) and len(s) < 400:
                        doc_sent = doc_sent or (ev, sent)
                        break
        if doc_sent:
            cites.append(self.ctx.cite(doc_sent[0], clean_sentence(doc_sent[1], self.ctx)))
        if not cites:
            return None
        blob = " ".join(statuses) + " " + (nfkc(doc_sent[1]) if doc_sent else "")
        if re.search(r"validat|approv|通過|確認|核准", blob, re.I):
            kw = ["validated", "approved", "通過", "確認", "核准", "set"]
            when = re.search(r"(20\d{2})[-/年.]\s*(\d{1,2})", " ".join(statuses))
            text = self.t("減量目標已通過SBTi確認" + (f"（{when.group(1)}年{int(when.group(2))}月）" if when else "") + "。",
                          "Targets validated by the SBTi" + (f" ({when.group(1)}-{int(when.group(2)):02d})" if when else "") + ".")
        elif re.search(r"commit|承諾", blob, re.I):
            kw = ["committed", "commitment", "承諾"]
            text = self.t("已向SBTi承諾設定科學基礎減量目標。", "Committed to set science-based targets with the SBTi.")
        else:
            return FactResult(clean_sentence(doc_sent[1], self.ctx) if doc_sent else "; ".join(statuses), None, None, None,
                              [self.cite(c) for c in cites], "low", partial=True)
        return FactResult(text, None, None, None, [self.cite(c) for c in cites], "high" if len(cites) > 1 else "medium",
                          keywords=kw)

    # -- methodology and assurance -------------------------------------------------------------------
    def _first_sentence(self, queries: tuple[str, ...], pattern: re.Pattern, prefer_year: int | None = None):
        best = None
        for query in queries:
            for rank, ev in enumerate(self.ctx.search(query, k=8)):
                for sent in self.ctx.sentences_for(ev):
                    s = nfkc(sent)
                    m = pattern.search(s)
                    if not m or len(s) > 500:
                        continue
                    yrs = set(find_years(s)) | set(find_years(ev.source))
                    score = rank + (0 if prefer_year is None or prefer_year in yrs else 3 if not yrs else 6)
                    if " | " in s:
                        score += 2
                    if best is None or score < best[0]:
                        best = (score, ev, sent, m)
        return best

    def fact_ghg_methodology(self, q):
        year = self.year_for(q)
        parts, cites = [], []
        std = self._first_sentence(("盤查 依據 ISO 14064-1 標準", "GHG inventory standard ISO 14064-1 GHG Protocol"),
                                   re.compile(r"ISO\s?14064-1(?::\s?2018|:\s?2006)?|GHG Protocol|溫室氣體盤查議定書", re.I), year)
        if std:
            parts.append(self.t(f"盤查依據{std[3].group(0)}", f"standard: {std[3].group(0)}"))
            cites.append(self.ctx.cite(std[1], clean_sentence(std[2], self.ctx)))
        cons = self._first_sentence(("組織邊界 營運控制權法", "organisational boundary operational control consolidation"),
                                    re.compile(r"營運控制權?法?|財務控制權?法?|股權比例法?|operational control|financial control|equity share", re.I),
                                    year)
        if cons:
            w = cons[3].group(0)
            en = "operational control" if re.search(r"營運|operational", w, re.I) else \
                 "financial control" if re.search(r"財務|financial", w, re.I) else "equity share"
            zh = {"operational control": "營運控制權法", "financial control": "財務控制權法", "equity share": "股權比例法"}[en]
            parts.append(self.t(f"組織邊界採{zh}", f"consolidation approach: {en}"))
            cites.append(self.ctx.cite(cons[1], clean_sentence(cons[2], self.ctx)))
        gwp = self._first_sentence(("全球暖化潛勢 GWP AR5", "global warming potential GWP IPCC AR5"),
                                   re.compile(r"AR[456]|第[五六四]次評估報告", re.I), year)
        if gwp:
            g = gwp[3].group(0)
            g = {"第五次評估報告": "AR5", "第六次評估報告": "AR6", "第四次評估報告": "AR4"}.get(g, g.upper())
            parts.append(self.t(f"GWP採IPCC {g}", f"GWP: IPCC {g}"))
            cites.append(self.ctx.cite(gwp[1], clean_sentence(gwp[2], self.ctx)))
        elif self.inv is not None and self.inv.gwp_report:
            pass  # the inventory's GWP column is checked against a table, not stated; say nothing we cannot cite
        if not parts:
            return None
        text = self.t("；".join(parts) + "。", "; ".join(parts)[:1].upper() + "; ".join(parts)[1:] + ".")
        return FactResult(text, None, None, year, [self.cite(c) for c in cites], "high" if len(parts) == 3 else "medium",
                          partial=len(parts) < 2)

    _VERIFIER = re.compile(r"(?:經|由|委託|委請|透過)\s*([\u4e00-\u9fff]{2,12}?(?:驗證|檢驗|認證|標準|品質)[\u4e00-\u9fff]{0,6}?(?:股份有限公司|有限公司|公司))|"
                           r"(?:by|from)\s+((?:[A-Z][\w&.\-]*\s){0,4}(?:Verification|Certification|Assurance|Services?|Ltd\.?|Limited|Inc\.?|GmbH|AG|SA|LLP)\b)")
    _ASSURANCE_STD = ASSURANCE_STD
    _LEVEL = LEVEL
    _VERIF_SENT = re.compile(r"(?=.*(?:查證|保證|verif|assur))(?=.*(?:ISO\s?14064-3|ISAE|合理保證|有限保證|reasonable|limited))",
                             re.I | re.S)

    def _levels(self, s: str) -> list[str]:
        levels = []
        for m in self._LEVEL.finditer(s):
            if m.group(1):
                cats = re.sub(r"\s", "", m.group(1))
                cats_en = re.sub("類別", "category ", cats).replace("及", " and ").replace("至", " to ").replace("、", ", ")
                levels.append(self.t(f"{cats}{m.group(2)}保證",
                                     f"{'reasonable' if m.group(2) == '合理' else 'limited'} assurance for {cats_en}"))
            elif m.group(3):
                levels.append(self.t(f"{m.group(3)}保證", f"{'reasonable' if m.group(3) == '合理' else 'limited'} assurance"))
            elif m.group(4):
                levels.append(self.t(f"{'合理' if m.group(4).lower() == 'reasonable' else '有限'}保證", f"{m.group(4).lower()} assurance"))
        return list(dict.fromkeys(levels))

    def _verification_text(self, p, year: int | None):
        """The assurance statement of a fact's sentence; a standard or a level it does not name is taken
        from another assurance sentence of the same page (an auditor's report spreads them over a page)."""
        s = nfkc(p.sentence)
        who, std, levels = self._VERIFIER.search(s), self._ASSURANCE_STD.search(s), self._levels(s)
        cites = [self.ctx.cite_fact(p)]
        for f in self.fb.facts:
            o = f.provenance
            if f.metric != "verification" or o.source != p.source or o.page != p.page or o is p:
                continue
            t = nfkc(o.sentence)
            if std is None and self._ASSURANCE_STD.search(t):
                std = self._ASSURANCE_STD.search(t)
                cites.append(self.ctx.cite_fact(o))
            if not levels and self._levels(t):
                levels = self._levels(t)
                cites.append(self.ctx.cite_fact(o))
        for f in self.fb.facts:  # the standard stated elsewhere in the same document (the auditor's report)
            o = f.provenance
            if std is not None or levels == [] or f.metric != "verification" or o.source != p.source:
                continue
            if self._ASSURANCE_STD.search(nfkc(o.sentence)):
                std = self._ASSURANCE_STD.search(nfkc(o.sentence))
                cites.append(self.ctx.cite_fact(o))
        if not (who or std or levels):
            return None
        verifier = ((who.group(1) or who.group(2)) if who else "").strip()
        std_text = re.sub(r"\s*[()]\s*", " ", std.group(0)).strip() if std else ""
        if self.zh:
            text = (f"經{verifier}" if verifier else "經第三方") + (f"依{std_text}" if std else "") + "查證"
            text += ("，" + "、".join(levels) if levels else "") + "。"
        else:
            text = "Externally assured by " + (verifier or "a third party") + (f" under {std_text}" if std else "")
            text += ("; " + ", ".join(levels) if levels else "") + "."
        yrs = find_years(s) + find_years(p.source)
        y = year if year in yrs else (max(yrs) if yrs else None)
        return FactResult(text, None, None, y, [self.cite(c) for c in cites], "high" if (std and levels) else "medium",
                          keywords=["reasonable", "合理"] if any("合理" in x or "reasonable" in x for x in levels) else
                          ["limited", "有限"] if levels else [], partial=not (std and levels))

    def fact_verification(self, q):
        """Who verified the inventory, under which standard, at which assurance level: the sentence that
        names most of these (for the reporting year when a sentence or its file says which year)."""
        year = self.year_for(q)
        best = None
        # the assurance statements the facts layer read at ingestion, then retrieval
        statements = [f for f in self.fb.facts if f.metric == "verification"]
        page_std = {(f.provenance.source, f.provenance.page) for f in statements if self._ASSURANCE_STD.search(nfkc(f.provenance.sentence))}
        page_level = {(f.provenance.source, f.provenance.page) for f in statements if self._levels(nfkc(f.provenance.sentence))}
        for f in statements:
            s = nfkc(f.provenance.sentence)
            at = (f.provenance.source, f.provenance.page)
            parts = sum(bool(x) for x in (self._VERIFIER.search(s), self._ASSURANCE_STD.search(s) or at in page_std,
                                          self._levels(s) or at in page_level))
            yrs = set(find_years(s)) | set(find_years(f.provenance.source))
            off_year = 0 if year is None or year in yrs else (2 if not yrs else 6)
            score = (3 - parts) * 3 + off_year - (1 if re.search(r"温室|溫室|GHG|emission|environmental|sustainab|永續|ESG", s, re.I) else 0)
            if best is None or score < best[0]:
                best = (score, f.provenance, f.provenance.sentence)
        if best is not None:
            return self._verification_text(best[1], year)
        for query in ("溫室氣體 查證 ISO 14064-3 合理保證 有限保證 查證機構", "GHG verification assurance ISO 14064-3 verifier"):
            for rank, ev in enumerate(self.ctx.search(query, k=8)):
                for sent in self.ctx.sentences_for(ev):
                    s = nfkc(sent)
                    if not self._VERIF_SENT.search(s) or len(s) > 500 or re.search(r"產品|碳足跡|product", s, re.I):
                        continue
                    parts = sum(bool(x) for x in (self._VERIFIER.search(s), self._ASSURANCE_STD.search(s), self._levels(s)))
                    yrs = set(find_years(s)) | set(find_years(ev.source))
                    off_year = 0 if year is None or year in yrs else (2 if not yrs else 6)
                    score = (3 - parts) * 3 + off_year + rank * 0.1 + (2 if " | " in s else 0)
                    if best is None or score < best[0]:
                        best = (score, ev, sent)
        if best is None:
            return None
        _score, ev, sent = best
        s = nfkc(sent)
        who = self._VERIFIER.search(s)
        std = self._ASSURANCE_STD.search(s)
        levels = self._levels(s)
        cite = self.ctx.cite_fact(ev) if hasattr(ev, "channel") else self.ctx.cite(ev, clean_sentence(sent, self.ctx))
        if not (who or std):
            return FactResult(clean_sentence(sent, self.ctx)[:340], None, None, year, [self.cite(cite)], "low", partial=True)
        verifier = ((who.group(1) or who.group(2)) if who else "").strip()
        if self.zh:
            text = (f"經{verifier}" if verifier else "經第三方") + (f"依{std.group(0)}" if std else "") + "查證"
            text += ("，" + "、".join(levels) if levels else "") + "。"
        else:
            text = "Verified by " + (verifier or "a third party") + (f" under {std.group(0)}" if std else "")
            text += ("; " + ", ".join(levels) if levels else "") + "."
        yrs = find_years(s) + find_years(ev.source)
        y = year if year in yrs else (max(yrs) if yrs else None)
        return FactResult(text, None, None, y, [self.cite(cite)], "high" if (who and std and levels) else "medium",
                          keywords=["reasonable", "合理"] if any("合理" in x or "reasonable" in x for x in levels) else
                          ["limited", "有限"] if levels else [])


def min_conf(a: str, b: str) -> str:
    order = ["low", "medium", "high"]
    return order[min(order.index(a), order.index(b))]
