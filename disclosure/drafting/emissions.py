"""GHG inventory slots: Scope 1, 2 and 3 figures (from the inventory, or as the documents state
them), Scope 3 categories, the trend against the base year, the base year, gases and intensity."""
from __future__ import annotations

import math
import re

from ..citing.context import DraftContext, cell_ranges, cite_records
from ..citing.figures import GHG_LABEL, base_year_evidence, corroborate, ghg_value
from ..citing.sentences import clean_sentence, fmt1, is_zh, sentence_key, zh_punctuation
from ..citing.statements import nfkc
from .chapters import SlotPlan, TopicPlan
from .quoting import Written, cited_sentence, join_en, join_zh, narrative, other_language_placeholder, search_both

def _document_figure(ctx: DraftContext, metric: str, year: int | None):
    """The figure the documents state for a GHG slot (the facts layer's choice), or None."""
    asked = {"scope2_location": "scope2", "scope1": "scope1", "scope2_market": "scope2_market", "scope3": "scope3"}[metric]
    found = ctx.fact_base.lookup(asked, year)
    if found.status != "found":
        return None
    f = found.chosen.fact
    if metric == "scope2_location" and f.metric == "scope2_market":
        return None
    return f, found


def write_ghg(ctx: DraftContext, sp: SlotPlan, topic: TopicPlan) -> Written:
    metric = sp.slot.id
    topic_slots = {s.slot.id for s in topic.slots}
    year = ctx.year
    zh = is_zh(ctx.lang)
    if ctx.inventory is not None and year is not None:
        value, recs = ghg_value(ctx, metric, year)
        if not recs:
            return []
        label = f"{year} {GHG_LABEL[metric][1]}"
        cites = [cite_records(ctx, f"{metric}:{year}", recs, value, label, [year])] + corroborate(ctx, metric, year, value)
        covers = {metric}
        if metric == "scope1":
            text = (f"{year}年本公司範疇一（ISO 14064-1類別1）直接溫室氣體排放量為{fmt1(value)}公噸CO2e。" if zh else
                    f"In {year}, Scope 1 (ISO 14064-1 category 1) direct emissions were {fmt1(value)} tCO2e.")
        elif metric == "scope2_location":
            mv, mrecs = ghg_value(ctx, "scope2_market", year)
            if "scope2_market" in topic_slots and mrecs and any(r.scope2_method == "market" for r in mrecs):
                cites += [cite_records(ctx, f"scope2_market:{year}", mrecs, mv, f"{year} {GHG_LABEL['scope2_market'][1]}",
                                       [year])] + corroborate(ctx, "scope2_market", year, mv)
                covers.add("scope2_market")
                text = (f"範疇二（類別2）外購電力之間接排放量依地點基準計算為{fmt1(value)}公噸CO2e，"
                        f"依市場基準計算為{fmt1(mv)}公噸CO2e。" if zh else
                        f"Scope 2 (category 2) emissions from purchased electricity were {fmt1(value)} tCO2e "
                        f"location-based and {fmt1(mv)} tCO2e market-based.")
            else:
                text = (f"範疇二（類別2）外購電力之間接排放量依地點基準計算為{fmt1(value)}公噸CO2e。" if zh else
                        f"Scope 2 (category 2) location-based emissions from purchased electricity were {fmt1(value)} tCO2e.")
        elif metric == "scope2_market":
            if not any(r.scope2_method == "market" for r in recs):
                return []
            text = (f"範疇二依市場基準計算為{fmt1(value)}公噸CO2e。" if zh else
                    f"Market-based Scope 2 emissions were {fmt1(value)} tCO2e.")
        else:
            s = ctx.summary_for(year)
            total = s.total_location
            share = value / total * 100 if total else None
            cites[0] = cite_records(ctx, f"scope3-share:{year}", recs, value, label, [year, total] + ([share] if share else []))
            # the total and the share are computed from Scopes 1 and 2 too: cite their rows as well
            for other in ("scope1", "scope2_location"):
                ov, orecs = ghg_value(ctx, other, year)
                if orecs:
                    cites.append(cite_records(ctx, f"{other}:{year}", orecs, ov, f"{year} {GHG_LABEL[other][1]}", [year]))
            text = (f"範疇三（ISO 14064-1類別3至類別6）其他間接排放量為{fmt1(value)}公噸CO2e" if zh else
                    f"Scope 3 (ISO 14064-1 categories 3 to 6) emissions were {fmt1(value)} tCO2e")
            if share is not None:
                text += (f"，占範疇一、二（地點基準）及三合計{fmt1(total)}公噸CO2e之{share:.1f}%。" if zh else
                         f", {share:.1f} % of the {fmt1(total)} tCO2e total of Scopes 1, 2 (location-based) and 3.")
            else:
                text += "。" if zh else "."
        return [(cited_sentence(text, cites), covers)]
    # no inventory: the figure the documents state, cited to its page
    got = _document_figure(ctx, metric, year)
    if not got:
        return []
    f, found = got
    fy = ctx.fact_base.year_of(f)
    if ctx.year is None:
        ctx.year = fy
    cites = [ctx.cite_fact(f.provenance)] + [ctx.cite_fact(p) for p in found.chosen.agreeing[:1]]
    from ..facts import label_of

    unit = f.unit.display(zh) if f.unit else ("公噸CO2e" if zh else "tCO2e")
    zh_l = label_of(f.metric, True).removesuffix("排放量")
    en_l = label_of(f.metric, False).removesuffix(" emissions")
    quoted = " ".join(c.quote or "" for c in cites)
    col = f.provenance.column or ""
    if fy is not None and str(fy) not in quoted and f.provenance.channel == "table" and str(fy) in col:
        # the year stands in the column header: cite the header too, so the sentence's year is quoted
        cites.append(ctx.cite_fact(f.provenance.model_copy(update={"sentence": col, "cell_range": None})))
        quoted += " " + col
    if fy is not None and str(fy) in quoted:
        text = (f"{fy}年本公司{zh_l}排放量為{f.value_text}{unit}。" if zh else
                f"In {fy}, {en_l} emissions were {f.value_text} {unit}.")
    else:  # the year is only the document's reporting period, which no cited text states
        text = (f"本報告期間本公司{zh_l}排放量為{f.value_text}{unit}。" if zh else
                f"In the reporting period, {en_l} emissions were {f.value_text} {unit}.")
    return [(cited_sentence(text, cites), {metric})]


def write_scope3_categories(ctx: DraftContext, sp: SlotPlan) -> Written:
    from ..ghg import select_records
    from ..ghg.model import SCOPE3_CATEGORY_NAMES

    out: Written = []
    zh = is_zh(ctx.lang)
    year = ctx.year
    if ctx.inventory is not None and year is not None:
        s = ctx.summary_for(year)
        cats = {k: v for k, v in s.by_scope3_category.items() if v > 0}
        if cats:
            top = sorted(cats.items(), key=lambda kv: -kv[1])[:3]
            recs = select_records(ctx.inventory, year=year, scopes=(3,))
            cite = cite_records(ctx, f"scope3-cats:{year}", recs, s.by_scope3_category and sum(cats.values()),
                                f"{year} Scope 3 by category", [year, len(cats), *cats.values()])
            if zh:
                parts = [f"類別{k}「{SCOPE3_CATEGORY_NAMES[k][0]}」{fmt1(v)}公噸CO2e" for k, v in top]
                text = (f"範疇三盤查涵蓋{len(cats)}個類別（類別{'、'.join(str(k) for k in sorted(cats))}），"
                        f"排放量較高者依序為{join_zh(parts)}。")
            else:
                parts = [f"category {k} {SCOPE3_CATEGORY_NAMES[k][1].lower()} ({fmt1(v)} tCO2e)" for k, v in top]
                text = (f"The Scope 3 inventory covers {len(cats)} categories "
                        f"({', '.join(str(k) for k in sorted(cats))}); the largest are {join_en(parts)}.")
            out.append((cited_sentence(text, [cite]), {sp.slot.id}))
    # why the other categories are left out, in the company's words
    from .chapters import Slot

    excl = Slot("scope3_excluded", "範疇三排除類別", "excluded Scope 3 categories", "narrative",
                (("範疇三", "Scope 3", "類別"), ("不具相關性", "不適用", "未納入", "不納入", "排除", "not relevant", "excluded")),
                "範疇三 類別 不具相關性 不適用", "Scope 3 categories not relevant excluded")
    out += [(s, {sp.slot.id}) for s, _ in narrative(ctx, SlotPlan(excl, sp.covers))]
    if not out:
        out = narrative(ctx, SlotPlan(type(sp.slot)(sp.slot.id, sp.slot.zh, sp.slot.en, "narrative",
                                                        (("範疇三", "Scope 3"), ("類別", "categor"))), sp.covers))
    return out


def write_trend(ctx: DraftContext, sp: SlotPlan) -> Written:
    from ..ghg import select_records

    inv = ctx.inventory
    year = ctx.year
    if inv is None or year is None:
        return []
    base_year = min(t.base_year for t in ctx.targets) if ctx.targets else min(inv.years)
    if base_year not in inv.years or base_year >= year:
        return []
    s = ctx.summary_for(year)
    cur = s.by_scope[1] + s.scope2_market
    b1 = [r for r in select_records(inv, year=base_year, scopes=(1, 2), scope2_method="market")]
    base = math.fsum(r.tco2e for r in b1)
    if base <= 0:
        return []
    c1 = select_records(inv, year=year, scopes=(1, 2), scope2_method="market")
    pct = (base - cur) / base * 100
    cite_b = cite_records(ctx, f"s12m:{base_year}", b1, base, f"{base_year} Scope 1+2 (market-based)", [base_year])
    cite_c = cite_records(ctx, f"s12m:{year}", c1, cur, f"{year} Scope 1+2 (market-based)", [year, pct, base - cur])
    zh = is_zh(ctx.lang)
    verb_zh = "減少" if pct >= 0 else "增加"
    verb_en = "down" if pct >= 0 else "up"
    text = (f"與基準年{base_year}年相比，範疇一及範疇二（市場基準）合計排放量由{fmt1(base)}公噸CO2e"
            f"{'降至' if pct >= 0 else '增至'}{fmt1(cur)}公噸CO2e，{verb_zh}{abs(pct):.1f}%。" if zh else
            f"Scope 1 and 2 (market-based) emissions were {fmt1(cur)} tCO2e, {verb_en} {abs(pct):.1f} % from "
            f"{fmt1(base)} tCO2e in the {base_year} base year.")
    return [(cited_sentence(text, [cite_b, cite_c]), {sp.slot.id})]


def write_base_year(ctx: DraftContext, sp: SlotPlan) -> Written:
    from ..ghg import select_records

    zh = is_zh(ctx.lang)
    by, found, cites, target_rows = base_year_evidence(ctx, enumerate(search_both(ctx, sp.slot, k=8)))
    if found:
        ctx.used.add(sentence_key(found[2]))
    if by is None:
        return []
    text = (f"本公司以{by}年為溫室氣體排放之基準年" if zh else f"The company uses {by} as its base year")
    if target_rows:
        text += ("，並以此作為減量目標之比較基準" if zh else ", against which its reduction targets are set")
    text += "。" if zh else "."
    out: Written = [(cited_sentence(text, cites), {sp.slot.id})]
    if found:
        m = re.search(r"理由(?:為|是|在於)(.+?)(?:。|$)", nfkc(found[2]))
        if m and zh:
            why = zh_punctuation(m.group(1).strip(" ,，"))
            out.append((cited_sentence(f"選定{by}年之理由為{why}。", [cites[0]]), {sp.slot.id, "base_year_rationale"}))
        elif m:
            # an English draft: the reason is stated in Chinese only, and is not translated by pattern
            out.append((other_language_placeholder(ctx, sp, clean_sentence(found[2], ctx), found[1],
                                                   ("選定基準年之理由", "reason for choosing the base year")),
                        {sp.slot.id, "base_year_rationale"}))
    inv = ctx.inventory
    if inv is not None and by in inv.years:
        parts = []
        pc = []
        for metric, scopes, method in (("scope1", (1,), "location"), ("scope2_location", (2,), "location"),
                                       ("scope2_market", (2,), "market"), ("scope3", (3,), "location")):
            recs = select_records(inv, year=by, scopes=scopes, scope2_method=method)
            if metric == "scope2_market" and not any(r.scope2_method == "market" for r in recs):
                continue
            if not recs:
                continue
            v = math.fsum(r.tco2e for r in recs)
            pc.append(cite_records(ctx, f"{metric}:{by}", recs, v, f"{by} {GHG_LABEL[metric][1]}", [by]))
            parts.append((GHG_LABEL[metric], v))
        if parts:
            if zh:
                body = "、".join(f"{lbl[0]}{fmt1(v)}公噸CO2e" for lbl, v in parts)
                text = f"基準年排放量為{body}。"
            else:
                body = "; ".join(f"{lbl[1]} {fmt1(v)} tCO2e" for lbl, v in parts)
                text = f"Base-year emissions were: {body}."
            out.append((cited_sentence(text, pc), {sp.slot.id}))
    return out


def write_gases(ctx: DraftContext, sp: SlotPlan) -> Written:
    from ..ghg import select_records

    inv = ctx.inventory
    year = ctx.year
    if inv is not None and year is not None:
        recs = [r for r in select_records(inv, year=year) if r.gas and r.gas.upper() != "CO2E"]
        gases = sorted({r.gas for r in recs}, key=lambda g: (["CO2", "CH4", "N2O"].index(g) if g in ("CO2", "CH4", "N2O") else 9, g))
        if len(gases) >= 2:
            cite = ctx.computed(f"gases:{year}", f"{inv.source} {year}: " + "; ".join(
                f"row {r.provenance.row} {r.source} {r.gas}" for r in sorted(recs, key=lambda r: r.provenance.row or 0)),
                [year], inv.source, inv.sheets.get("inventory"),
                cell_ranges([f"F{r.provenance.row}" for r in recs if r.provenance.row]) or None)
            text = (f"{year}年盤查清冊所列排放源涵蓋{join_zh(gases)}等溫室氣體。" if is_zh(ctx.lang) else
                    f"The {year} inventory's emission sources cover {join_en(gases)}.")
            return [(cited_sentence(text, [cite]), {sp.slot.id})]
    from .chapters import Slot

    alt = Slot("gases", sp.slot.zh, sp.slot.en, "narrative", (("CO2", "二氧化碳"), ("CH4", "甲烷", "N2O", "氧化亞氮", "HFC", "SF6", "NF3", "PFC")),
               sp.slot.query_zh, sp.slot.query_en)
    return narrative(ctx, SlotPlan(alt, sp.covers))


def write_intensity(ctx: DraftContext, sp: SlotPlan) -> Written:
    from ..ghg import select_records

    inv = ctx.inventory
    year = ctx.year
    zh = is_zh(ctx.lang)
    if inv is None or year is None:
        return narrative(ctx, SlotPlan(type(sp.slot)(sp.slot.id, sp.slot.zh, sp.slot.en, "narrative",
                                                        (("密集度", "intensity"),), sp.slot.query_zh, sp.slot.query_en), sp.covers))
    s = ctx.summary_for(year)
    out: Written = []
    op = inv.operating.get(year)
    for it in s.intensities:
        if it.per != "revenue" or it.scopes != (1, 2):
            continue
        recs = select_records(inv, year=year, scopes=it.scopes, scope2_method="location")
        sheet = inv.sheets.get("operating")
        text_q = (f"{year} Scope 1+2 (location-based) {fmt1(it.emissions)} tCO2e ÷ revenue {it.denominator:,.0f} "
                  f"({it.unit.split('/')[-1].strip()}, sheet {sheet}) = {it.value:.3f}")
        cite = ctx.computed(f"intensity-rev:{year}", text_q, [it.value, it.emissions, it.denominator, year], inv.source,
                            inv.sheets.get("inventory"), cell_ranges([r.provenance.cell for r in recs if r.provenance.cell]))
        text = (f"以營業收入計算，{year}年範疇一及範疇二（地點基準）排放密集度為每新台幣百萬元{it.value:.2f}公噸CO2e。" if zh else
                f"Measured against revenue, {year} Scope 1 and 2 (location-based) intensity was {it.value:.2f} tCO2e "
                f"per NT$ million.")
        out.append((cited_sentence(text, [cite]), {sp.slot.id}))
    for it in s.intensities:
        if it.per == "production" and it.scopes == (1, 2) and op is not None:
            text_q = (f"{year} Scope 1+2 (location-based) {fmt1(it.emissions)} tCO2e ÷ production {it.denominator:,.0f} "
                      f"thousand units = {it.value:.3f}")
            cite = ctx.computed(f"intensity-prod:{year}", text_q, [it.value, it.emissions, it.denominator, year],
                                inv.source, inv.sheets.get("operating"), None)
            text = (f"以產量計算，則為每千件產品{it.value:.2f}公噸CO2e。" if zh else
                    f"Per thousand units produced it was {it.value:.2f} tCO2e.")
            out.append((cited_sentence(text, [cite]), {sp.slot.id}))
    return out
