"""Emission facts of a questionnaire: Scope 1, 2 (location, market), 3 and their sum, Scope 3 and
ISO 14064-1 categories, the base year and its emissions, intensity. From the GHG inventory (each figure
cites the cells it sums), else the figure the documents state (the facts layer's choice, cited to its page)."""
from __future__ import annotations

import math
import re
from typing import Any

from ..citing.context import cell_ranges, cite_records
from ..citing.figures import base_year_evidence, corroborate
from ..citing.models import Citation
from ..citing.statements import nfkc
from .fact_base import SCOPE12, SCOPE_LABEL, FactResult, ResolverBase, fact_citation, fmt1, min_conf
from .models import Question

# Fact keys of the questionnaire sets → metric ids of the facts layer.
_FACT_METRIC = {"scope1": "scope1", "scope2_location": "scope2_location", "scope2_market": "scope2_market", "scope3": "scope3"}
_EXCLUDED = r"(?:不適用|不相關|無此類(?:排放源)?|未產生|not relevant|not applicable|excluded|N/?A\b)"
# 'C8 上游租賃資產 — 不適用…', '範疇三類別: 8 | 類別名稱: 上游租賃資產(不適用)', 'Category 8 … not relevant'
_S3_EXCLUDED = re.compile(r"(?:\bC|範疇三類別[:：]?\s*|\bcategory\s*)(\d{1,2})(?!\d)[^\d|;；。]{0,24}?[—–\-(（\s]*" + _EXCLUDED, re.I)
_S3_TOPIC = re.compile(r"範疇三|範疇3|scope\s*3|\bC(?:[1-9]|1[0-5])\b", re.I)
_ISO_TOPIC = re.compile(r"14064|類別\s*[1-6]|category\s*[1-6]", re.I)
# '類別 6 其他來源之間接排放經鑑別無此類排放源'
_ISO_EXCLUDED = re.compile(r"(?:類別|category)\s*([1-6])(?!\d)[^\d|;；。]{0,30}?(?:經鑑別)?" + _EXCLUDED, re.I)


class EmissionFacts(ResolverBase):
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
        zh_l, en_l = SCOPE_LABEL[metric]
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

    def _excluded_categories(self, rx: re.Pattern, topic: re.Pattern, valid: range) -> dict[int, Citation]:
        """Categories the company's documents say are not relevant, not applicable or absent, each
        with the words that say so (a category that is not relevant is an answer, not a gap). Every
        passage on the topic is read, not only the top search hits: the sentence is often a footnote
        under a table that ranks low for any query."""
        from ..models import Evidence

        found: dict[int, Citation] = {}
        chunks = (c for doc in sorted(self.ctx.eb.documents(), key=lambda d: d.source) for c in self.ctx.chunks_of(doc.doc_id))
        for chunk in chunks:  # the context's chunks of each document, read once per run
            if chunk.page_kind != "body" or not topic.search(chunk.text):
                continue
            hits = [(int(m.group(1)), m.group(0).strip()) for m in rx.finditer(nfkc(chunk.text))]
            hits = [(n, quote) for n, quote in hits if n in valid and n not in found]
            if hits:  # one citation of the passage, quoting what it says of each category
                cite = self.ctx.cite(Evidence.of(chunk), "；".join(dict.fromkeys(quote for _n, quote in hits)))
                found.update((n, cite) for n, _quote in hits)
        return found

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
        nr, na = self.t("未揭露", "not reported"), self.t("不適用", "not relevant")
        excluded = self._excluded_categories(_S3_EXCLUDED, _S3_TOPIC, range(1, 16))
        excluded = {k: c for k, c in excluded.items() if k not in cats}
        rows = [{"category": k, "name": SCOPE3_CATEGORY_NAMES[k][0 if self.zh else 1],
                 "tCO2e": round(cats[k], 3) if k in cats else na if k in excluded else nr} for k in range(1, 16)]
        recs = select_records(self.inv, year=year, scopes=(3,))
        cite = cite_records(self.ctx, f"scope3-cats:{year}", recs, math.fsum(cats.values()),
                            f"{year} Scope 3 by category", [year, *cats.values()])
        listed = [f"C{k} {fmt1(v)}" for k, v in cats.items() if k is not None]
        # C-names: identifiers, not figures
        not_rel = [f"C{k}" for k in range(1, 16) if k in excluded]
        missing = [f"C{k}" for k in range(1, 16) if k not in cats and k not in excluded]
        text = self.t(f"{year}年範疇三各類別排放量（公噸CO2e）：{'；'.join(listed)}"
                      + (f"；{'、'.join(not_rel)}不適用" if not_rel else "")
                      + (f"；{'、'.join(missing)}未揭露" if missing else "") + "。",
                      f"Scope 3 by category in {year} (tCO2e): {'; '.join(listed)}"
                      + (f"; {', '.join(not_rel)} not relevant" if not_rel else "")
                      + (f"; {', '.join(missing)} not reported" if missing else "") + ".")
        cites = [cite] + list({id(c): c for c in excluded.values()}.values())
        return FactResult(text, rows, "tCO2e", year, [self.cite(c) for c in cites], "high")

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
        nr, na = self.t("未揭露", "not reported"), self.t("無此類排放", "none")
        excluded = self._excluded_categories(_ISO_EXCLUDED, _ISO_TOPIC, range(1, 7))
        excluded = {k: c for k, c in excluded.items() if k not in cats}
        rows = [{"category": k, "name": ISO_CATEGORY_NAMES[k][0 if self.zh else 1],
                 "tCO2e": round(cats[k], 3) if k in cats else na if k in excluded else nr} for k in range(1, 7)]
        recs = [r for r in select_records(self.inv, year=year) if r.iso_category]
        cite = cite_records(self.ctx, f"iso-cats:{year}", recs, math.fsum(cats.values()), f"{year} ISO 14064-1 categories",
                            [year, *cats.values()])
        listed = [self.t(f"類別{k} {fmt1(v)}", f"category {k} {fmt1(v)}") for k, v in cats.items() if k]
        listed += [self.t(f"類別{k}無此類排放源", f"category {k}: none (no such sources)") for k in sorted(excluded)]
        text = self.t(f"{year}年ISO 14064-1各類別排放量（公噸CO2e，範疇二採地點基準）：{'；'.join(listed)}。",
                      f"ISO 14064-1 categories in {year} (tCO2e, Scope 2 location-based): {'; '.join(listed)}.")
        cites = [cite] + list({id(c): c for c in excluded.values()}.values())
        return FactResult(text, rows, "tCO2e", year, [self.cite(c) for c in cites], "high")

    def fact_base_year(self, q):
        ranked = [(rank, ev) for query in ("基準年 盤查 理由", "base year GHG inventory")
                  for rank, ev in enumerate(self.ctx.search(query, k=8))]
        by, _found, cites, _rows = base_year_evidence(self.ctx, ranked)
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
            cites.append(cite_records(self.ctx, f"{metric}:{by}", recs, v, f"{by} {SCOPE_LABEL[metric][1]}", [by]))
            rows.append({"item": metric, "name": SCOPE_LABEL[metric][0 if self.zh else 1], "tCO2e": round(v, 3)})
            parts.append(self.t(f"{SCOPE_LABEL[metric][0]}{fmt1(v)}公噸CO2e", f"{SCOPE_LABEL[metric][1]} {fmt1(v)} tCO2e"))
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

