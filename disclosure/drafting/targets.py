"""Targets and energy slots: the company's reduction targets (from the inventory's targets sheet or
as documents state them), progress against them, purchased and renewable electricity, reductions."""
from __future__ import annotations

import math
import re

from ..citing.context import DraftContext, cell_ranges, cite_records
from ..citing.figures import cite_target, electricity_records, mwh_of, scope_desc, target_corroboration
from ..citing.sentences import clean_sentence, fmt0, fmt1, is_zh, sentence_key
from ..citing.statements import extract_targets
from .chapters import SlotPlan
from .emissions import write_trend
from .quoting import Written, cited_sentence, join_en, join_zh, narrative, search_both

def write_targets(ctx: DraftContext, sp: SlotPlan) -> Written:
    zh = is_zh(ctx.lang)
    out: Written = []
    if ctx.targets:
        for t in sorted(ctx.targets, key=lambda t: (t.net_zero, t.horizon != "near-term", t.target_year, t.name)):
            cite = cite_target(ctx, t)
            cites = [cite] + target_corroboration(ctx, t)
            scope = scope_desc(t, zh)
            validated = bool(t.sbti_status and re.search(r"通過|確認|validated|approved", t.sbti_status, re.I))
            if t.net_zero:
                text = (f"長期目標為於{t.target_year}年達成淨零排放，{scope}絕對排放量較{t.base_year}年減少至少{t.reduction_pct:g}%" if zh else
                        f"In the long term the company aims for net-zero emissions by {t.target_year}, cutting absolute "
                        f"{scope} emissions by at least {t.reduction_pct:g} % from {t.base_year}")
            else:
                kind_zh = "近期" if t.horizon == "near-term" and t.target_year >= 2030 else "中期"
                kind_en = "near-term" if kind_zh == "近期" else "interim"
                if zh:
                    text = f"{kind_zh}目標為{scope}{'絕對' if t.type == 'absolute' else '密集度'}排放量於{t.target_year}年前較{t.base_year}年減少{t.reduction_pct:g}%"
                else:
                    text = (f"The {kind_en} target is to cut {'absolute' if t.type == 'absolute' else 'intensity of'} {scope} "
                            f"emissions by {t.reduction_pct:g} % from {t.base_year} by {t.target_year}")
            if validated:
                text += "，並已通過科學基礎減量目標倡議（SBTi）確認。" if zh else "; the target has been validated by the SBTi."
            else:
                text += "。" if zh else "."
            out.append((cited_sentence(text, cites), {sp.slot.id, "milestones"}))
        return out
    # targets stated in documents
    facts = []
    for ev in search_both(ctx, sp.slot, k=10):
        for tf in extract_targets(ev.text):
            facts.append((tf, ev))
    seen = set()
    for tf, ev in facts:
        key = (tf.kind, tf.target_year, tf.percent)
        if key in seen or tf.target_year is None:
            continue
        seen.add(key)
        cite = ctx.cite(ev, clean_sentence(tf.sentence, ctx))
        ctx.used.add(sentence_key(tf.sentence))
        base = f"較{tf.base_year}年" if tf.base_year else ""
        if tf.kind == "net_zero":
            text = f"本公司承諾於{tf.target_year}年達成淨零排放。" if zh else f"The company commits to net-zero emissions by {tf.target_year}."
        elif tf.kind == "renewable":
            text = (f"再生能源使用比例目標為{tf.target_year}年達{tf.percent_text}。" if zh else
                    f"It targets {tf.percent_text} renewable electricity by {tf.target_year}.")
        else:
            scope_zh = {"scope12": "範疇一及範疇二", "scope1": "範疇一", "scope3": "範疇三"}.get(tf.scope or "", "溫室氣體")
            scope_en = {"scope12": "Scope 1 and 2", "scope1": "Scope 1", "scope3": "Scope 3"}.get(tf.scope or "", "GHG")
            text = (f"本公司目標為{scope_zh}排放量於{tf.target_year}年前{base}減少{tf.percent_text}。" if zh else
                    f"The company aims to cut {scope_en} emissions by {tf.percent_text} by {tf.target_year}"
                    + (f" from {tf.base_year}." if tf.base_year else "."))
        out.append((cited_sentence(text, [cite]), {sp.slot.id}))
        if len(out) >= 4:
            break
    return out


def write_progress(ctx: DraftContext, sp: SlotPlan) -> Written:
    from ..ghg import progress, select_records

    inv = ctx.inventory
    zh = is_zh(ctx.lang)
    if inv is None or not ctx.targets:
        return narrative(ctx, SlotPlan(type(sp.slot)(sp.slot.id, sp.slot.zh, sp.slot.en, "narrative",
                                                        (("目標", "target"), ("達成", "進度", "減少", "progress", "achiev", "reduc")),
                                                        sp.slot.query_zh, sp.slot.query_en), sp.covers))
    out: Written = []
    done_keys = set()
    for t in sorted(ctx.targets, key=lambda t: (t.net_zero, t.target_year, t.name)):
        if t.type != "absolute" or t.net_zero or t.base_year not in inv.years:
            continue
        key = (tuple(t.scopes), t.scope3_categories, t.base_year)
        try:
            p = progress(t, inv)
        except Exception as exc:  # a target the engine cannot follow is reported, not drafted
            ctx.note(f"{t.name}: {exc}")
            continue
        if p.latest_year <= t.base_year:
            continue
        base_recs = select_records(inv, year=t.base_year, scopes=t.scopes, scope2_method=t.scope2_method or "location",
                                   scope3_categories=t.scope3_categories)
        cur_recs = select_records(inv, year=p.latest_year, scopes=t.scopes, scope2_method=t.scope2_method or "location",
                                  scope3_categories=t.scope3_categories)
        cites = [cite_target(ctx, t),
                 cite_records(ctx, f"target-base:{t.name}", base_recs, p.base_value, f"{t.base_year} {scope_desc(t, False)}", [t.base_year]),
                 cite_records(ctx, f"target-now:{t.name}", cur_recs, p.latest_value, f"{p.latest_year} {scope_desc(t, False)}",
                              [p.latest_year, p.reduction_to_date_pct, p.expected_reduction_pct])]
        scope = scope_desc(t, zh)
        if key in done_keys:
            # same boundary as a target already reported: only say where it stands
            met = p.reduction_to_date_pct >= t.reduction_pct
            text = ((f"此進度已{'達成' if met else '接近'}{t.target_year}年減少{t.reduction_pct:g}%之目標。") if zh else
                    (f"This {'already meets' if met else 'approaches'} the {t.target_year} target of {t.reduction_pct:g} %."))
            out.append((cited_sentence(text, cites[:1] + cites[2:]), {sp.slot.id}))
            continue
        done_keys.add(key)
        if zh:
            text = (f"{p.latest_year}年{scope}排放量為{fmt1(p.latest_value)}公噸CO2e，較{t.base_year}年之{fmt1(p.base_value)}公噸CO2e"
                    f"減少{p.reduction_to_date_pct:.1f}%，"
                    + (f"優於線性減量路徑於該年應達之{p.expected_reduction_pct:.1f}%。" if p.on_track else
                       f"落後線性減量路徑於該年應達之{p.expected_reduction_pct:.1f}%。"))
        else:
            text = (f"In {p.latest_year}, {scope} emissions were {fmt1(p.latest_value)} tCO2e, "
                    f"{p.reduction_to_date_pct:.1f} % below {fmt1(p.base_value)} tCO2e in {t.base_year}, "
                    + (f"ahead of the {p.expected_reduction_pct:.1f} % a linear pathway requires by then." if p.on_track else
                       f"behind the {p.expected_reduction_pct:.1f} % a linear pathway requires by then."))
        out.append((cited_sentence(text, cites), {sp.slot.id}))
    return out


def _energy_quote(recs: list, label: str, total: float) -> str:
    rows = "; ".join(f"row {r.provenance.row} {r.year} {r.facility or ''} {r.source}: {r.activity:,.0f} {r.activity_unit}"
                     for r in sorted(recs, key=lambda r: r.provenance.row or 0))
    return f"{label} = {rows} → {total:,.0f} MWh"


def write_electricity(ctx: DraftContext, sp: SlotPlan) -> Written:
    zh = is_zh(ctx.lang)
    if ctx.inventory is None or ctx.year is None:
        return narrative(ctx, SlotPlan(type(sp.slot)(sp.slot.id, sp.slot.zh, sp.slot.en, "narrative",
                                                        (("電", "electricity"), ("MWh", "度", "kWh")),
                                                        sp.slot.query_zh, sp.slot.query_en), sp.covers))
    year = ctx.year
    recs, _ren = electricity_records(ctx.inventory, year)
    if not recs:
        return []
    total = math.fsum(mwh_of(r) for r in recs)
    by_site: dict[str, float] = {}
    for r in recs:
        by_site[r.facility or "—"] = by_site.get(r.facility or "—", 0.0) + mwh_of(r)
    inv = ctx.inventory
    cite = ctx.computed(f"electricity:{year}", _energy_quote(recs, f"{year} purchased electricity", total),
                        [total, year, *by_site.values()], inv.source, inv.sheets.get("inventory"),
                        cell_ranges([f"I{r.provenance.row}" for r in recs if r.provenance.row]) or None)
    if zh:
        text = f"{year}年外購電力使用量為{fmt0(total)} MWh"
        if len(by_site) > 1:
            text += "，其中" + join_zh([f"{k}{fmt0(v)} MWh" for k, v in by_site.items()])
    else:
        text = f"Purchased electricity in {year} was {fmt0(total)} MWh"
        if len(by_site) > 1:
            text += " (" + join_en([f"{k} {fmt0(v)} MWh" for k, v in by_site.items()]) + ")"
    text += "。" if zh else "."
    return [(cited_sentence(text, [cite]), {sp.slot.id})]


def write_renewables(ctx: DraftContext, sp: SlotPlan) -> Written:
    zh = is_zh(ctx.lang)
    out: Written = []
    if ctx.inventory is not None and ctx.year is not None:
        year = ctx.year
        recs, ren = electricity_records(ctx.inventory, year)
        if ren and recs:
            total = math.fsum(mwh_of(r) for r in recs)
            re_total = math.fsum(mwh_of(r) for r in ren)
            share = re_total / total * 100 if total else 0.0
            ppa = math.fsum(mwh_of(r) for r in ren if re.search(r"轉供|購售電|PPA", r.source or "", re.I))
            rec = math.fsum(mwh_of(r) for r in ren if re.search(r"憑證|T-REC|certificate", r.source or "", re.I))
            inv = ctx.inventory
            cite = ctx.computed(f"renewables:{year}", _energy_quote(ren, f"{year} renewable electricity", re_total)
                                + f"; share {re_total:,.0f} / {total:,.0f} = {share:.2f}%",
                                [re_total, ppa, rec, share, total, year], inv.source, inv.sheets.get("inventory"),
                                cell_ranges([f"I{r.provenance.row}" for r in ren if r.provenance.row]) or None)
            parts_zh, parts_en = [], []
            if ppa:
                parts_zh.append(f"綠電轉供（企業購售電契約）{fmt0(ppa)} MWh")
                parts_en.append(f"{fmt0(ppa)} MWh through a corporate power purchase agreement")
            if rec:
                parts_zh.append(f"再生能源憑證（T-REC）{fmt0(rec)} MWh")
                parts_en.append(f"{fmt0(rec)} MWh of renewable energy certificates (T-REC)")
            if zh:
                text = f"{year}年使用再生能源{fmt0(re_total)} MWh" + (f"，包括{join_zh(parts_zh)}" if parts_zh else "") + \
                       f"，占外購電力之{share:.1f}%。"
            else:
                text = (f"In {year} the company used {fmt0(re_total)} MWh of renewable electricity"
                        + (f" ({join_en(parts_en)})" if parts_en else "") + f", {share:.1f} % of purchased electricity.")
            out.append((cited_sentence(text, [cite]), {sp.slot.id}))
    if not out:
        out = narrative(ctx, SlotPlan(type(sp.slot)(sp.slot.id, sp.slot.zh, sp.slot.en, "narrative",
                                                       (("再生能源", "綠電", "renewable"), ("MWh", "度", "%", "％", "kWh")),
                                                       sp.slot.query_zh, sp.slot.query_en), sp.covers))
    return out


def write_reductions(ctx: DraftContext, sp: SlotPlan) -> Written:
    out = write_trend(ctx, sp) if ctx.inventory is not None else []
    if not out:
        out = narrative(ctx, SlotPlan(type(sp.slot)(sp.slot.id, sp.slot.zh, sp.slot.en, "narrative",
                                                       (("減量", "減少", "reduc"), ("公噸", "tCO2e", "CO2e")),
                                                       sp.slot.query_zh, sp.slot.query_en), sp.covers))
    return out
