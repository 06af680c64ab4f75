"""Totals, year-on-year change, intensity, base-year recalculation and Taiwan carbon-fee exposure.

Every total is a plain sum of record figures (``EmissionRecord.tco2e``) over the rows that belong
to the chosen Scope 2 view, so any grouping adds up to the total it came from.
"""
from __future__ import annotations

import math
from decimal import ROUND_FLOOR, Decimal
from collections import defaultdict
from typing import Any, Callable, Iterable, Literal, Mapping

from pydantic import BaseModel, Field

from ..errors import DisclosureError
from .model import EmissionRecord, Inventory, RowIssue, Scope2Method

GroupKey = Literal["scope", "iso_category", "scope3_category", "gas", "facility", "year"]
UNSPECIFIED = "unspecified"


def select_records(
    inv: Inventory,
    *,
    year: int | None = None,
    scope2_method: Scope2Method = "location",
    scopes: Iterable[int] | None = None,
    scope3_categories: Iterable[int] | None = None,
    facility: str | None = None,
) -> list[EmissionRecord]:
    """Records of one Scope 2 view, optionally narrowed to a year, scopes, Scope 3 categories, a facility.

    ``scope3_categories`` narrows only the Scope 3 rows (Scope 1/2 rows are kept if in ``scopes``).
    """
    scope_set = set(scopes) if scopes is not None else None
    cat_set = set(scope3_categories) if scope3_categories is not None else None
    out = []
    for r in inv.records:
        if year is not None and r.year != year:
            continue
        if not r.counts_for(scope2_method):
            continue
        if scope_set is not None and r.scope not in scope_set:
            continue
        if cat_set is not None and r.scope == 3 and r.scope3_category not in cat_set:
            continue
        if facility is not None and r.facility != facility:
            continue
        out.append(r)
    return out


def _sum(records: Iterable[EmissionRecord]) -> float:
    return math.fsum(r.tco2e for r in records)


def total(
    inv: Inventory,
    *,
    year: int | None = None,
    scopes: Iterable[int] = (1, 2, 3),
    scope2_method: Scope2Method = "location",
    scope3_categories: Iterable[int] | None = None,
    facility: str | None = None,
) -> float:
    """Sum of tCO2e over the selected records (see :func:`select_records`)."""
    return _sum(select_records(inv, year=year, scope2_method=scope2_method, scopes=scopes,
                               scope3_categories=scope3_categories, facility=facility))


_KEYS: dict[str, Callable[[EmissionRecord], Any]] = {
    "scope": lambda r: r.scope,
    "iso_category": lambda r: r.iso_category,
    "scope3_category": lambda r: r.scope3_category,
    "gas": lambda r: r.gas,
    "facility": lambda r: r.facility,
    "year": lambda r: r.year,
}


def totals_by(
    inv: Inventory,
    key: GroupKey,
    *,
    year: int | None = None,
    scope2_method: Scope2Method = "location",
    scopes: Iterable[int] | None = None,
) -> dict[Any, float]:
    """tCO2e grouped by ``key`` ('scope', 'iso_category', 'scope3_category', 'gas', 'facility', 'year').

    Rows without a value for the key are grouped under None. For 'scope3_category' only Scope 3
    rows are considered (unless ``scopes`` says otherwise).
    """
    if key not in _KEYS:
        raise DisclosureError(f"cannot group by '{key}' — use one of {', '.join(_KEYS)}")
    if key == "scope3_category" and scopes is None:
        scopes = (3,)
    groups: dict[Any, list[float]] = defaultdict(list)
    for r in select_records(inv, year=year, scope2_method=scope2_method, scopes=scopes):
        groups[_KEYS[key](r)].append(r.tco2e)
    ordered = sorted(groups, key=lambda k: (k is None, str(k) if not isinstance(k, int) else f"{k:08d}"))
    return {k: math.fsum(groups[k]) for k in ordered}


def scope2_views(inv: Inventory, year: int) -> dict[str, float]:
    """Scope 2 of a year under both methods: {'location': …, 'market': …}."""
    return {m: total(inv, year=year, scopes=(2,), scope2_method=m) for m in ("location", "market")}


# ---------------------------------------------------------------------------------------------
# Year on year, intensity
# ---------------------------------------------------------------------------------------------

METRICS: dict[str, tuple[int, ...]] = {
    "scope1": (1,), "scope2": (2,), "scope3": (3,), "scope1+2": (1, 2), "total": (1, 2, 3),
}


class YearChange(BaseModel):
    metric: str
    year: int
    previous_year: int
    value: float
    previous: float
    change: float
    change_pct: float | None


def year_on_year(inv: Inventory, year: int, *, scope2_method: Scope2Method = "location",
                 previous_year: int | None = None) -> list[YearChange]:
    """Change of each metric (scope1, scope2, scope3, scope1+2, total) against the previous year in the file."""
    earlier = [y for y in inv.years if y < year]
    prev = previous_year if previous_year is not None else (max(earlier) if earlier else None)
    if prev is None:
        return []
    out = []
    for metric, scopes in METRICS.items():
        now = total(inv, year=year, scopes=scopes, scope2_method=scope2_method)
        before = total(inv, year=prev, scopes=scopes, scope2_method=scope2_method)
        out.append(YearChange(metric=metric, year=year, previous_year=prev, value=now, previous=before,
                              change=now - before, change_pct=(now - before) / before * 100 if before else None))
    return out


class Intensity(BaseModel):
    year: int
    scopes: tuple[int, ...]
    per: Literal["revenue", "production"]
    emissions: float
    denominator: float
    value: float
    unit: str


def intensity(inv: Inventory, year: int, *, per: Literal["revenue", "production"] = "revenue",
              scopes: Iterable[int] = (1, 2), scope2_method: Scope2Method = "location") -> Intensity | None:
    """Emissions per NT$ million of revenue or per unit of production; None when the denominator is missing."""
    op = inv.operating.get(year)
    denom = None if op is None else (op.revenue if per == "revenue" else op.production)
    if not denom:
        return None
    scopes = tuple(scopes)
    em = total(inv, year=year, scopes=scopes, scope2_method=scope2_method)
    unit = f"tCO2e / {op.revenue_unit}" if per == "revenue" else f"tCO2e / {op.production_unit}"
    return Intensity(year=year, scopes=scopes, per=per, emissions=em, denominator=denom, value=em / denom, unit=unit)


# ---------------------------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------------------------


class InventorySummary(BaseModel):
    """Everything a net-zero chapter needs from one year of the inventory."""

    source: str
    year: int
    years: list[int]
    scope2_method: Scope2Method
    gwp_report: str
    by_scope: dict[int, float]
    scope2_location: float
    scope2_market: float
    scope12_location: float
    scope12_market: float
    total: float = Field(description="scope 1+2+3 with the chosen Scope 2 method")
    total_location: float
    total_market: float
    scope3_share_pct: float | None
    by_iso_category: dict[int, float]
    by_scope3_category: dict[int, float]
    scope3_uncategorised: float = 0.0
    by_gas: dict[str, float]
    by_facility: dict[str, float]
    by_facility_scope: dict[str, dict[int, float]]
    by_year_scope: dict[int, dict[int, float]]
    year_on_year: list[YearChange]
    intensities: list[Intensity]
    issues: list[RowIssue]


def summarize(inv: Inventory, year: int | None = None, *, scope2_method: Scope2Method = "location") -> InventorySummary:
    """Totals by scope, ISO category, Scope 3 category, gas and facility for ``year`` (default: latest),
    both Scope 2 views, year-on-year change, intensities and the row issues found while reading."""
    if not inv.records:
        raise DisclosureError(f"{inv.source}: the inventory has no readable rows")
    year = year if year is not None else max(inv.years)
    if year not in inv.years:
        raise DisclosureError(f"{inv.source}: no rows for {year} (years in the file: {', '.join(map(str, inv.years))})")
    by_scope = {s: total(inv, year=year, scopes=(s,), scope2_method=scope2_method) for s in (1, 2, 3)}
    s2 = scope2_views(inv, year)
    s1 = by_scope[1]
    s3 = by_scope[3]
    grand = math.fsum(by_scope.values())
    iso = totals_by(inv, "iso_category", year=year, scope2_method=scope2_method)
    s3cat = totals_by(inv, "scope3_category", year=year, scope2_method=scope2_method)
    fac = totals_by(inv, "facility", year=year, scope2_method=scope2_method)
    fac_scope: dict[str, dict[int, float]] = {}
    for f in fac:
        name = f or UNSPECIFIED
        fac_scope[name] = {s: _sum(r for r in select_records(inv, year=year, scope2_method=scope2_method, scopes=(s,))
                                   if r.facility == f) for s in (1, 2, 3)}
    by_year_scope = {y: {s: total(inv, year=y, scopes=(s,), scope2_method=scope2_method) for s in (1, 2, 3)}
                     for y in inv.years}
    intensities = [i for i in (
        intensity(inv, year, per="revenue", scopes=(1, 2), scope2_method=scope2_method),
        intensity(inv, year, per="revenue", scopes=(1, 2, 3), scope2_method=scope2_method),
        intensity(inv, year, per="production", scopes=(1, 2), scope2_method=scope2_method),
    ) if i is not None]
    return InventorySummary(
        source=inv.source, year=year, years=inv.years, scope2_method=scope2_method, gwp_report=inv.gwp_report,
        by_scope=by_scope, scope2_location=s2["location"], scope2_market=s2["market"],
        scope12_location=s1 + s2["location"], scope12_market=s1 + s2["market"], total=grand,
        total_location=s1 + s2["location"] + s3, total_market=s1 + s2["market"] + s3,
        scope3_share_pct=(s3 / grand * 100) if grand else None,
        by_iso_category={k: v for k, v in iso.items() if k is not None},
        by_scope3_category={k: v for k, v in s3cat.items() if k is not None},
        scope3_uncategorised=s3cat.get(None, 0.0),
        by_gas={str(k): v for k, v in totals_by(inv, "gas", year=year, scope2_method=scope2_method).items()},
        by_facility={(k or UNSPECIFIED): v for k, v in fac.items()},
        by_facility_scope=fac_scope, by_year_scope=by_year_scope,
        year_on_year=year_on_year(inv, year, scope2_method=scope2_method),
        intensities=intensities, issues=inv.issues,
    )


# ---------------------------------------------------------------------------------------------
# Base-year recalculation
# ---------------------------------------------------------------------------------------------


class StructuralChange(BaseModel):
    """A change to the organisation or method that shifts base-year emissions."""

    description: str
    base_year_tco2e: float = Field(description="base-year emissions of what moved in (+) or out (−)")
    kind: Literal["acquisition", "divestment", "outsourcing", "insourcing", "methodology", "error", "other"] = "other"


class RecalculationCheck(BaseModel):
    base_year: int
    base_emissions: float
    cumulative_change_t: float
    cumulative_change_pct: float
    threshold_pct: float
    recalculation_needed: bool
    message_en: str
    message_zh: str


def base_year_recalculation_check(
    base_year: int, base_emissions: float, changes: Iterable[StructuralChange], *, threshold: float = 0.05,
) -> RecalculationCheck:
    """Warn when structural or method changes together move base-year emissions by more than ``threshold``.

    GHG Protocol Corporate Standard ch. 5 asks for a significance threshold; 5 % is the common one
    (and SBTi's). Changes are added by absolute size, so an acquisition and a divestment do not
    cancel each other out.
    """
    if base_emissions <= 0:
        raise DisclosureError("base-year emissions must be positive to judge a recalculation")
    changes = list(changes)
    cumulative = math.fsum(abs(c.base_year_tco2e) for c in changes)
    pct = cumulative / base_emissions * 100
    needed = pct > threshold * 100
    names = "; ".join(c.description for c in changes) or "none"
    if needed:
        en = (f"Structural changes ({names}) add up to {cumulative:,.1f} tCO2e, {pct:.1f} % of {base_year} emissions "
              f"— above the {threshold * 100:.0f} % threshold: recalculate the {base_year} base year and the targets "
              "set against it, and disclose why.")
        zh = (f"結構性變動（{names}）合計 {cumulative:,.1f} 公噸CO2e，占 {base_year} 年排放量 {pct:.1f}%，超過 "
              f"{threshold * 100:.0f}% 門檻：請重新計算 {base_year} 基準年排放量及以其為基準的目標，並揭露原因。")
    else:
        en = (f"Structural changes add up to {pct:.1f} % of {base_year} emissions, within the "
              f"{threshold * 100:.0f} % threshold: no base-year recalculation needed.")
        zh = f"結構性變動合計占 {base_year} 年排放量 {pct:.1f}%，未超過 {threshold * 100:.0f}% 門檻，毋須重新計算基準年。"
    return RecalculationCheck(base_year=base_year, base_emissions=base_emissions, cumulative_change_t=cumulative,
                              cumulative_change_pct=pct, threshold_pct=threshold * 100, recalculation_needed=needed,
                              message_en=en, message_zh=zh)


# ---------------------------------------------------------------------------------------------
# Taiwan carbon fee
# ---------------------------------------------------------------------------------------------

# 碳費收費辦法 (2024-08-29) and the 環境部 rate announcement: general NT$300/t; NT$50 (rate A) or
# NT$100 (rate B) with an approved voluntary reduction plan (自主減量計畫). Art. 3: plants whose
# direct + electricity-indirect emissions reach 25,000 tCO2e/yr. Art. 5: fee = (E − K) × adjustment
# factor × rate, K = 25,000 t, K = 0 for approved high-leakage-risk entities. Art. 6: their
# adjustment factor is 0.2 in the first period.
CARBON_FEE_RATES: dict[str, float] = {"general": 300.0, "preferential_A": 50.0, "preferential_B": 100.0}
CARBON_FEE_THRESHOLD_T = 25_000.0
HIGH_LEAKAGE_FACTOR_FIRST_PERIOD = 0.2

FeeRate = Literal["general", "preferential_A", "preferential_B"]


class SiteFee(BaseModel):
    site: str
    emissions_t: float
    liable: bool
    chargeable_t: float
    fee_ntd: int


class CarbonFeeEstimate(BaseModel):
    """An estimate of Taiwan's carbon fee, with the assumptions it rests on spelled out."""

    emissions_t: float
    threshold_t: float
    k_value_t: float
    rate: FeeRate
    rate_ntd_per_t: float
    adjustment_factor: float
    chargeable_t: float
    fee_ntd: int
    liable: bool
    sites: list[SiteFee]
    assumptions_en: list[str]
    assumptions_zh: list[str]

    def text(self, lang: Literal["en", "zh"] = "en") -> str:
        if lang == "zh":
            head = (f"碳費估算：收費排放量 {self.chargeable_t:,.3f} 公噸 × 每公噸新台幣 {self.rate_ntd_per_t:,.0f} 元 "
                    f"= 新台幣 {self.fee_ntd:,} 元／年。")
            return head + "假設：" + "；".join(self.assumptions_zh) + "。"
        head = (f"Carbon fee estimate: {self.chargeable_t:,.3f} chargeable tCO2e × NT${self.rate_ntd_per_t:,.0f}/t "
                f"= NT${self.fee_ntd:,} a year.")
        return head + " Assumptions: " + "; ".join(self.assumptions_en) + "."


def estimate_carbon_fee(
    emissions_t: float | Mapping[str, float],
    *,
    rate: FeeRate = "general",
    high_leakage: bool = False,
    adjustment_factor: float = HIGH_LEAKAGE_FACTOR_FIRST_PERIOD,
    threshold_t: float = CARBON_FEE_THRESHOLD_T,
) -> CarbonFeeEstimate:
    """Estimate the annual carbon fee for direct + electricity-indirect emissions (tCO2e).

    ``emissions_t`` is one figure (treated as one liable source) or a mapping site → figure (each
    site judged against the threshold on its own, as the fee is levied per plant). ``rate``:
    'general' NT$300/t, 'preferential_A' NT$50/t, 'preferential_B' NT$100/t (both need an approved
    reduction plan). ``high_leakage``: an approved high-leakage-risk entity — K becomes 0 and the
    chargeable emissions are multiplied by ``adjustment_factor`` (0.2 in the first period); it only
    applies together with a preferential rate.
    """
    if rate not in CARBON_FEE_RATES:
        raise DisclosureError(f"unknown carbon-fee rate '{rate}' — use one of {', '.join(CARBON_FEE_RATES)}")
    price = CARBON_FEE_RATES[rate]
    leakage_applies = high_leakage and rate != "general"
    k = 0.0 if leakage_applies else threshold_t
    factor = adjustment_factor if leakage_applies else 1.0
    per_site = isinstance(emissions_t, Mapping)
    figures = dict(emissions_t) if per_site else {"all sites combined": float(emissions_t)}
    sites = []
    for site, e in figures.items():
        liable = e >= threshold_t
        # Art. 5: chargeable emissions rounded to 3 decimals; the fee is truncated to whole NT$.
        chargeable = round(max(0.0, e - k) * factor, 3) if liable else 0.0
        sites.append(SiteFee(site=site, emissions_t=e, liable=liable, chargeable_t=chargeable,
                             fee_ntd=int((Decimal(str(chargeable)) * Decimal(str(price))).to_integral_value(ROUND_FLOOR))))
    emissions = math.fsum(figures.values())
    chargeable = round(math.fsum(s.chargeable_t for s in sites), 3)
    fee = sum(s.fee_ntd for s in sites)

    en = [
        "emissions are the direct (Scope 1) and purchased-electricity indirect (Scope 2, grid factor) emissions of the year",
        f"a source is liable when its annual emissions reach {threshold_t:,.0f} tCO2e",
        f"rate {rate.replace('_', ' ')}: NT${price:,.0f} per tCO2e",
    ]
    zh = [
        "排放量為該年度直接排放（範疇一）與使用電力間接排放（範疇二，依電力排碳係數）",
        f"年排放量達 {threshold_t:,.0f} 公噸CO2e 者為徵收對象",
        f"費率：每公噸新台幣 {price:,.0f} 元（{ {'general': '一般費率', 'preferential_A': '優惠費率A', 'preferential_B': '優惠費率B'}[rate] }）",
    ]
    if rate != "general":
        en.append("the preferential rate requires an approved voluntary reduction plan (自主減量計畫) on track that year")
        zh.append("優惠費率須自主減量計畫經核定且當年度執行進度符合")
    if leakage_applies:
        en.append(f"approved high-leakage-risk entity: no {threshold_t:,.0f} t deduction (K = 0) and adjustment factor {factor:g}")
        zh.append(f"經認定屬高碳洩漏風險者：不扣除 {threshold_t:,.0f} 公噸（K值為零），排放量調整係數 {factor:g}")
    else:
        en.append(f"the first {threshold_t:,.0f} t are deducted (K value)")
        zh.append(f"扣除 K值 {threshold_t:,.0f} 公噸")
        if high_leakage:
            en.append("the high-leakage adjustment factor was not applied: it needs an approved reduction plan and a preferential rate")
            zh.append("高碳洩漏調整係數須搭配核定之自主減量計畫（優惠費率），本估算未套用")
    if per_site:
        en.append("each site is judged against the threshold on its own")
        zh.append("各廠（場）分別判斷是否達徵收門檻")
    else:
        en.append("the figure is treated as one source; the fee is levied per plant (全廠(場)), so sites below the "
                  "threshold on their own may owe nothing — pass per-site figures for a closer estimate")
        zh.append("以單一排放源估算；碳費依全廠（場）計算，個別未達門檻之廠區可能毋須繳費，宜以各廠數據細算")
    en.append("no deduction for offsets (domestic credits up to 10 %, foreign up to 5 %) is assumed")
    zh.append("未扣減減量額度（國內額度上限10%、國外上限5%）")
    return CarbonFeeEstimate(
        emissions_t=emissions, threshold_t=threshold_t, k_value_t=k, rate=rate, rate_ntd_per_t=price,
        adjustment_factor=factor, chargeable_t=chargeable, fee_ntd=fee, liable=any(s.liable for s in sites),
        sites=sites, assumptions_en=en, assumptions_zh=zh,
    )


def carbon_fee_for_inventory(inv: Inventory, year: int, *, per_site: bool = False, rate: FeeRate = "general",
                             high_leakage: bool = False, adjustment_factor: float = HIGH_LEAKAGE_FACTOR_FIRST_PERIOD,
                             threshold_t: float = CARBON_FEE_THRESHOLD_T) -> CarbonFeeEstimate:
    """:func:`estimate_carbon_fee` on Scope 1 + location-based Scope 2 of ``year`` (per facility if ``per_site``)."""
    if per_site:
        figures = {}
        for r in select_records(inv, year=year, scopes=(1, 2), scope2_method="location"):
            figures[r.facility or UNSPECIFIED] = figures.get(r.facility or UNSPECIFIED, 0.0) + r.tco2e
        return estimate_carbon_fee(figures, rate=rate, high_leakage=high_leakage,
                                   adjustment_factor=adjustment_factor, threshold_t=threshold_t)
    e = total(inv, year=year, scopes=(1, 2), scope2_method="location")
    return estimate_carbon_fee(e, rate=rate, high_leakage=high_leakage, adjustment_factor=adjustment_factor,
                               threshold_t=threshold_t)
