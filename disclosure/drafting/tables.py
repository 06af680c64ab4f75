"""Data tables of a chapter computed by the GHG engine (emissions by year and by ISO 14064-1
category, targets), and the TCFD index of the report preset."""
from __future__ import annotations

import math

from ..citing.context import DraftContext, cite_records
from ..citing.figures import GHG_LABEL, cite_target, scope_desc
from ..citing.sentences import fmt1, is_zh
from .chapters import TCFD_DISCLOSURES
from .models import DataTable, Draft

def chapter_tables(ctx: DraftContext, chapter: str) -> list[DataTable]:
    """Data tables from the GHG engine for chapters that report figures."""
    inv = ctx.inventory
    if inv is None or ctx.year is None:
        return []
    from ..ghg import select_records
    from ..ghg.model import ISO_CATEGORY_NAMES

    zh = is_zh(ctx.lang)
    tables = []
    if chapter == "ghg-inventory":
        years = inv.years
        rows = []
        cites = []
        has_market = any(r.scope2_method == "market" for r in inv.records)
        metrics = [("scope1", (1,), "location"), ("scope2_location", (2,), "location")] + \
            ([("scope2_market", (2,), "market")] if has_market else []) + [("scope3", (3,), "location")]
        for metric, scopes, method in metrics:
            row = [GHG_LABEL[metric][0] if zh else GHG_LABEL[metric][1]]
            for y in years:
                recs = select_records(inv, year=y, scopes=scopes, scope2_method=method)
                if metric == "scope2_market":
                    recs = [r for r in recs if r.scope2_method in (None, "market")]
                v = math.fsum(r.tco2e for r in recs)
                row.append(fmt1(v) if recs else "—")
                if recs:
                    cites.append(cite_records(ctx, f"{metric}:{y}", recs, v, f"{y} {GHG_LABEL[metric][1]}", [y]))
            rows.append(row)
        tot = ["總排放量（地點基準）" if zh else "Total (location-based)"]
        for y in years:
            tot.append(fmt1(ctx.summary_for(y).total_location))
        ctx.summary_for(ctx.year)
        rows.append(tot)
        tables.append(DataTable(
            title=("歷年溫室氣體排放量（公噸CO2e）" if zh else "GHG emissions by year (tCO2e)"),
            columns=["項目" if zh else "Item"] + [str(y) for y in years], rows=rows, citations=cites,
            note=(f"資料來源：{inv.source}（工作表 {inv.sheets.get('inventory')}），由溫室氣體盤查清冊加總。" if zh else
                  f"Source: {inv.source} (sheet {inv.sheets.get('inventory')}), summed from the inventory rows."),
            after_topic="emissions"))
        s = ctx.summary_for(ctx.year)
        if s.by_iso_category:
            total = math.fsum(s.by_iso_category.values())
            rows = []
            for cat in range(1, 7):
                v = s.by_iso_category.get(cat, 0.0)
                name = ISO_CATEGORY_NAMES[cat][0 if zh else 1]
                rows.append([f"類別{cat}" if zh else f"Category {cat}", name, fmt1(v), f"{v / total * 100:.1f}%" if total else "—"])
            rows.append(["合計" if zh else "Total", "", fmt1(total), "100.0%"])
            recs = select_records(inv, year=ctx.year)
            cite = cite_records(ctx, f"iso:{ctx.year}", recs, total, f"{ctx.year} ISO 14064-1 categories",
                                [ctx.year, *s.by_iso_category.values()])
            tables.append(DataTable(
                title=(f"{ctx.year}年依ISO 14064-1類別之排放量（範疇二以地點基準計）" if zh else
                       f"{ctx.year} emissions by ISO 14064-1 category (Scope 2 location-based)"),
                columns=["類別" if zh else "Category", "說明" if zh else "Description", "公噸CO2e" if zh else "tCO2e",
                         "占比" if zh else "Share"], rows=rows, citations=[cite], after_topic="emissions"))
    if chapter == "targets-transition" and ctx.targets:
        from ..ghg import progress

        rows = []
        cites = []
        for t in sorted(ctx.targets, key=lambda t: (t.net_zero, t.target_year, t.name)):
            cites.append(cite_target(ctx, t))
            prog = "—"
            if not t.net_zero and t.type == "absolute" and t.base_year in inv.years:
                try:
                    p = progress(t, inv)
                    prog = f"-{p.reduction_to_date_pct:.1f}%（{p.latest_year}）" if zh else f"-{p.reduction_to_date_pct:.1f} % ({p.latest_year})"
                except Exception:
                    pass
            rows.append([t.name, scope_desc(t, zh), str(t.base_year), str(t.target_year), f"-{t.reduction_pct:g}%",
                         t.sbti_status or "—", prog])
        tables.append(DataTable(
            title="減碳目標一覽" if zh else "Reduction targets",
            columns=(["目標", "範疇", "基準年", "目標年", "減量幅度", "SBTi", "進度"] if zh else
                     ["Target", "Scope", "Base year", "Target year", "Reduction", "SBTi", "Progress"]),
            rows=rows, citations=cites, after_topic="targets"))
    return tables


def tcfd_index(draft: Draft, ctx: DraftContext) -> DataTable:
    """TCFD recommended disclosure → the section and heading of the draft that answers it."""
    zh = is_zh(ctx.lang)
    lib = ctx.library
    if lib is None:
        from frameworks.library import default_library

        lib = default_library()
    rows = []
    for rid in TCFD_DISCLOSURES:
        ref = f"tcfd:{rid}"
        try:
            req = lib.get_requirement(ref)
            title = req.title.zh if zh else req.title.en
        except Exception:
            title = rid
        where = []
        for sec in draft.sections:
            for p in sec.paragraphs:
                if ref in p.requirement_ids and any(not s.placeholder for s in p.sentences if ref in s.requirement_ids):
                    label = f"{sec.number}、{sec.title}" if zh else f"{sec.number}. {sec.title}"
                    if p.heading:
                        label += f" — {p.heading}"
                    if label not in where:
                        where.append(label)
        status = ("已揭露" if zh else "disclosed") if where else ("待補" if zh else "to fill")
        rows.append([f"TCFD {rid}", title, "；".join(where) if zh else "; ".join(where) or "—", status])
    return DataTable(title="TCFD 建議揭露索引" if zh else "TCFD index",
                     columns=["揭露項目", "內容", "本報告章節", "狀態"] if zh else ["Disclosure", "Topic", "Section", "Status"],
                     rows=rows)
