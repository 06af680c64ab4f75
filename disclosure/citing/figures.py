"""Figures of the GHG inventory and its targets as cited facts: a metric's value and rows, the
documents that state the same figure, the description and citation of a target row."""
from __future__ import annotations

import re
from typing import Iterable

from ..facts.period import base_year_in
from ..models import Evidence
from .context import DraftContext
from .models import Citation
from .sentences import clean_sentence, fmt1, is_zh
from .statements import extract_targets

GHG_LABEL = {
    "scope1": ("範疇一", "Scope 1"), "scope2_location": ("範疇二（地點基準）", "Scope 2 (location-based)"),
    "scope2_market": ("範疇二（市場基準）", "Scope 2 (market-based)"), "scope3": ("範疇三", "Scope 3"),
}


def ghg_value(ctx: DraftContext, metric: str, year: int):
    """(value, records) from the inventory for a metric of a year."""
    from ..ghg import select_records

    s = ctx.summary_for(year)
    inv = ctx.inventory
    if metric == "scope1":
        return s.by_scope[1], select_records(inv, year=year, scopes=(1,))
    if metric == "scope2_location":
        return s.scope2_location, select_records(inv, year=year, scopes=(2,), scope2_method="location")
    if metric == "scope2_market":
        return s.scope2_market, select_records(inv, year=year, scopes=(2,), scope2_method="market")
    if metric == "scope3":
        return s.by_scope[3], select_records(inv, year=year, scopes=(3,))
    raise KeyError(metric)


def corroborate(ctx: DraftContext, metric: str, year: int, value: float) -> list[Citation]:
    """Documents that state the same figure (cited next to the inventory); disagreeing ones become review notes."""
    zh, en = GHG_LABEL[metric]
    cites: list[Citation] = []
    sources: set[str] = set()
    inv_name = ctx.inventory.source if ctx.inventory else None
    found = ctx.fact_base.lookup("scope2" if metric == "scope2_location" else metric, year)
    for c in found.candidates:
        f = c.fact
        if f.provenance.source == inv_name or f.breakdown or (metric == "scope2_location" and f.metric == "scope2_market"):
            continue
        v = f.base_value
        if abs(v - value) < max(0.05, 0.5 * (f.unit.scale if f.unit else 1) * _precision(f.value_text)):
            for p in [f.provenance, *c.agreeing]:
                if p.source not in sources and p.source != inv_name and len(cites) < 2:
                    sources.add(p.source)
                    cites.append(ctx.cite_fact(p))
        elif abs(v - value) / max(value, 1) < 0.5:
            loc = f.provenance.location()
            ctx.note(f"{f.provenance.source}{(' ' + loc) if loc else ''}: {year} {en} = {f.value_text} tCO2e, "
                     f"but the inventory sums to {fmt1(value)} — check which is right"
                     if not is_zh(ctx.lang) else
                     f"{f.provenance.source}{('（' + loc + '）') if loc else ''}記載{year}年{zh}為{f.value_text}公噸CO2e，"
                     f"與盤查清冊加總之{fmt1(value)}公噸CO2e不一致，請確認。")
    return cites


def _precision(value_text: str) -> float:
    """The rounding step a figure is written with ('8,512.0' → 0.1, '387' → 1)."""
    return 10 ** -len(value_text.split(".")[1]) if "." in value_text else 1.0


def scope_desc(t, zh: bool) -> str:
    scopes = tuple(t.scopes)
    method = getattr(t, "scope2_method", None)
    m_zh = {"market": "（市場基準）", "location": "（地點基準）"}.get(method or "", "")
    m_en = {"market": " (market-based)", "location": " (location-based)"}.get(method or "", "")
    if scopes == (1, 2):
        return f"範疇一及範疇二{m_zh}" if zh else f"Scope 1 and 2{m_en}"
    if scopes == (1, 2, 3):
        return "範疇一、二及三" if zh else "Scope 1, 2 and 3"
    if scopes == (3,):
        cats = getattr(t, "scope3_categories", None)
        if cats:
            return (f"範疇三類別{'及類別'.join(str(c) for c in cats)}" if zh else
                    f"Scope 3 categories {' and '.join(str(c) for c in cats)}")
        return "範疇三" if zh else "Scope 3"
    return "、".join(f"範疇{s}" for s in scopes) if zh else ", ".join(f"Scope {s}" for s in scopes)


def cite_target(ctx: DraftContext, t) -> Citation:
    p = t.provenance
    text = (f"{t.name} | {t.type} | scopes {'+'.join(map(str, t.scopes))}"
            + (f" C{'+C'.join(map(str, t.scope3_categories))}" if t.scope3_categories else "")
            + f" | base year {t.base_year}" + (f" {fmt1(t.base_emissions)} tCO2e" if t.base_emissions else "")
            + f" | target year {t.target_year} | {t.reduction_pct:g}%"
            + (f" | coverage {t.coverage_pct:g}%" if t.coverage_pct is not None else "")
            + (f" | set {t.year_set}" if t.year_set else "") + (f" | SBTi: {t.sbti_status}" if t.sbti_status else ""))
    row = p.row
    return ctx.cite_row(f"target:{p.file}:{p.sheet}:{row}", p.file, p.sheet, f"A{row}:L{row}" if row else None, text)


def target_corroboration(ctx: DraftContext, t) -> list[Citation]:
    q = f"{t.target_year}年 減少 {t.reduction_pct:g}% 目標 基準年 {t.base_year}"
    for ev in ctx.search(q, k=6):
        for tf in extract_targets(ev.text):
            if tf.target_year == t.target_year and tf.percent is not None and abs(tf.percent - t.reduction_pct) < 0.01:
                return [ctx.cite(ev, clean_sentence(tf.sentence, ctx))]
            if t.net_zero and tf.kind == "net_zero" and tf.target_year == t.target_year:
                return [ctx.cite(ev, clean_sentence(tf.sentence, ctx))]
    return []


RENEWABLE_SOURCE = re.compile(r"再生|憑證|轉供|綠電|購售電|T-REC|PPA|renewable|certificate|green", re.I)


def mwh_of(r) -> float | None:
    """The activity of an inventory record in MWh (kWh, 度, 千度, MWh, GWh), or None."""
    if r.activity is None:
        return None
    u = (r.activity_unit or "").lower().replace(" ", "")
    return {"kwh": r.activity / 1000, "度": r.activity / 1000, "mwh": r.activity, "千度": r.activity,
            "gwh": r.activity * 1000}.get(u)


def electricity_records(inventory, year: int):
    """(purchased-electricity records, renewable ones) of a year: the location-based Scope 2 rows
    with an activity in MWh, and the market-based rows of renewable sources at zero emissions."""
    from ..ghg import select_records

    recs = [r for r in select_records(inventory, year=year, scopes=(2,), scope2_method="location")
            if r.scope2_method == "location" and mwh_of(r) is not None]
    ren = [r for r in select_records(inventory, year=year, scopes=(2,), scope2_method="market")
           if r.scope2_method == "market" and mwh_of(r) is not None and RENEWABLE_SOURCE.search(r.source or "")
           and (r.factor == 0 or r.tco2e == 0) and "扣除" not in (r.source or "")]
    return recs, ren


def base_year_evidence(ctx: DraftContext, ranked: Iterable[tuple[int, Evidence]]):
    """The base year as the documents state it (prose giving a reason first, then prose, then
    table rows; by rank) and as the inventory's targets set it: (year, (year, passage, sentence) of
    the statement or None, citations, the targets on that base year)."""
    hits = []
    for rank, ev in ranked:
        for sent in ctx.sentences_for(ev):
            y = base_year_in(sent)
            if y is not None:
                hits.append(((" | " in sent, "理由" not in sent, rank), (y, ev, sent)))
                break
    found = min(hits, key=lambda h: h[0])[1] if hits else None
    cites: list[Citation] = []
    by = None
    if found:
        by, ev, sent = found
        cites.append(ctx.cite(ev, clean_sentence(sent, ctx)))
    rows = [t for t in ctx.targets if by is None or t.base_year == by]
    if rows:
        by = by or rows[0].base_year
        cites.append(cite_target(ctx, rows[0]))
    return by, found, cites, rows
