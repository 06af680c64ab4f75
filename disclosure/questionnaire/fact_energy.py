"""Energy facts of a questionnaire: purchased electricity, renewable electricity (PPA, certificates)
and its share, from the inventory's activity data (cited to its rows) or the figures the documents state."""
from __future__ import annotations

import math
import re

from ..citing.context import cell_ranges
from ..citing.figures import electricity_records, mwh_of
from ..citing.models import Citation
from .fact_base import FactResult, ResolverBase, fmt0
from .models import Question


class EnergyFacts(ResolverBase):
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
        recs, _ren = electricity_records(self.inv, year)
        if not recs:
            return self._energy_from_evidence("electricity", "MWh", q)
        total = math.fsum(mwh_of(r) for r in recs)
        c = self._energy_cite(f"electricity:{year}", recs, f"{year} purchased electricity", total, [year])
        text = self.t(f"{year}年外購電力使用量為{fmt0(total)} MWh。", f"Purchased electricity in {year}: {fmt0(total)} MWh.")
        return FactResult(text, round(total, 3), "MWh", year, [self.cite(c)], "high")

    def _renewables(self, year: int):
        recs, ren = electricity_records(self.inv, year)
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

