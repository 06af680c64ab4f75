"""GHG & targets page: the inventory's totals, intensity, carbon fee, targets with their SBTi checks,
charts, and the figures in the indexed documents that disagree with the inventory. Engine calls only."""
import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from disclosure.errors import DisclosureError
from disclosure.ghg import (
    carbon_fee_for_inventory, check_targets, emissions_by_scope_chart, intensity, load_inventory,
    load_targets, progress, scope2_views, summarize, target_pathway_chart, template_bytes, verdict,
)
from disclosure.ghg.model import ISO_CATEGORY_NAMES, SCOPE3_CATEGORY_NAMES
from disclosure.xlsx import frame_sheet, workbook_bytes
from ui.i18n import lang, t
from ui.state import get_evidence_base, get_settings, show_error

SAMPLE_INVENTORY = "溫室氣體盤查清冊*.xlsx"  # the sample company's workbook in the corpus directory
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TABLE_TYPES = ["xlsx", "xlsm", "csv", "txt"]


@st.cache_data(show_spinner=False, max_entries=8)
def _inventory(data: bytes, name: str):
    return load_inventory(data, filename=name)


@st.cache_data(show_spinner=False, max_entries=8)
def _targets(data: bytes, name: str):
    return load_targets(data, filename=name)


@st.cache_data(show_spinner=False)
def _template() -> bytes:
    return template_bytes()


def _zh() -> bool:
    return lang().startswith("zh")


def _msg(obj) -> str:
    return obj.message_zh if _zh() else obj.message_en


def _pct(part: float, whole: float) -> float | None:
    return round(part / whole * 100, 1) if whole else None


def _delta(now: float, before: float | None) -> str | None:
    if before is None:
        return None
    pct = f" ({(now - before) / before * 100:+.1f} %)" if before else ""
    return f"{now - before:+,.1f}{pct}"


_ZH_DIGITS = {"1": "一", "2": "二", "3": "三"}


def _finding_label(d) -> str:
    """What a disagreeing figure measures, in the interface language (the engine's label is English)."""
    if not _zh():
        return f"{d.year} {d.label}"
    kind, _, vals = d.metric.partition(":")
    parts = vals.split("+") if vals else []
    name = {"total": "總排放量", "scope": "範疇" + "、".join(_ZH_DIGITS.get(p, p) for p in parts),
            "iso": "類別" + "、".join(parts), "s3cat": "範疇三類別" + "、".join(parts)}.get(kind, d.metric)
    method = "（地點基準）" if "location-based" in d.label else "（市場基準）" if "market-based" in d.label else ""
    return f"{d.year}年{name}{method}"


def _xlsx(tables: dict[str, pd.DataFrame]) -> bytes:
    """One sheet per table, through the product's one XLSX writer (valid, distinct sheet names)."""
    return workbook_bytes([frame_sheet(title, df) for title, df in tables.items()])


st.title(t("nav_ghg"))
st.caption(t("ghg_intro"))
settings = get_settings()

# -- inventory -------------------------------------------------------------------------------------
up_col, tpl_col = st.columns([3, 1])
upload = up_col.file_uploader(t("ghg_upload"), type=TABLE_TYPES, key="ghg_upload")
tpl_col.download_button(t("ghg_template"), _template(), file_name="盤查清冊範本.xlsx", mime=XLSX_MIME,
                        key="ghg_template", icon=":material/download:")
sample = next(iter(sorted(Path(settings.corpus_dir).glob(SAMPLE_INVENTORY))), None)
if upload is not None:
    data, name = upload.getvalue(), upload.name
elif sample is not None:
    data, name = sample.read_bytes(), sample.name
else:
    st.info(t("ghg_no_inventory"))
    st.stop()
try:
    inv = _inventory(data, name)
    if not inv.records:
        raise DisclosureError(f"{name}: the inventory has no readable rows — check the file against the template")
except Exception as exc:
    show_error(exc)
    st.stop()
inv_key = hashlib.sha1(data).hexdigest()
st.caption(t("ghg_source", name=name, rows=len(inv.records), gwp=inv.gwp_report)
           + ("" if upload is not None else f" · {t('ghg_sample_note')}"))

year_col, method_col = st.columns(2)
years = inv.years
if st.session_state.get("ghg_year") not in years:
    st.session_state["ghg_year"] = years[-1]
year = year_col.selectbox(t("ghg_year"), years, key="ghg_year")
# Option labels are computed here, not in format_func: Streamlit may call format_func outside the
# script run, where the interface language is not known.
method_labels = {m: t(f"ghg_s2_{m}") for m in ("location", "market")}
method = method_col.radio(t("ghg_s2_method"), list(method_labels), key="ghg_method", horizontal=True,
                          format_func=method_labels.get)
try:
    summary = summarize(inv, year, scope2_method=method)
except Exception as exc:
    show_error(exc)
    st.stop()

# -- headline metrics ------------------------------------------------------------------------------
yoy = {c.metric: c for c in summary.year_on_year}
prev_year = summary.year_on_year[0].previous_year if summary.year_on_year else None
prev_s2 = scope2_views(inv, prev_year) if prev_year is not None else {}
m = st.columns(5)
m[0].metric(t("ghg_scope1"), f"{summary.by_scope[1]:,.1f}", _delta(summary.by_scope[1], yoy["scope1"].previous if yoy else None),
            delta_color="inverse")
m[1].metric(t("ghg_scope2_location"), f"{summary.scope2_location:,.1f}",
            _delta(summary.scope2_location, prev_s2.get("location")), delta_color="inverse")
m[2].metric(t("ghg_scope2_market"), f"{summary.scope2_market:,.1f}",
            _delta(summary.scope2_market, prev_s2.get("market")), delta_color="inverse")
m[3].metric(t("ghg_scope3"), f"{summary.by_scope[3]:,.1f}", _delta(summary.by_scope[3], yoy["scope3"].previous if yoy else None),
            delta_color="inverse")
m[4].metric(t("ghg_total", method=t(f"ghg_s2_{method}")), f"{summary.total:,.1f}",
            _delta(summary.total, yoy["total"].previous if yoy else None), delta_color="inverse")
if prev_year is not None:
    st.caption(t("ghg_delta_note", prev=prev_year))

# -- tables ----------------------------------------------------------------------------------------
T, SHARE = t("ghg_col_tco2e"), t("ghg_col_share")
tables: dict[str, pd.DataFrame] = {}
tables[t("ghg_tab_scope")] = pd.DataFrame([
    {t("ghg_col_scope"): t(f"ghg_scope{s}_short"), T: round(summary.by_scope[s], 1), SHARE: _pct(summary.by_scope[s], summary.total)}
    for s in (1, 2, 3)] + [{t("ghg_col_scope"): t("ghg_total_short"), T: round(summary.total, 1), SHARE: 100.0 if summary.total else None}])
tables[t("ghg_tab_scope2")] = pd.DataFrame([
    {t("ghg_col_method"): t("ghg_s2_location"), T: round(summary.scope2_location, 1),
     t("ghg_col_scope12"): round(summary.scope12_location, 1), t("ghg_col_total"): round(summary.total_location, 1)},
    {t("ghg_col_method"): t("ghg_s2_market"), T: round(summary.scope2_market, 1),
     t("ghg_col_scope12"): round(summary.scope12_market, 1), t("ghg_col_total"): round(summary.total_market, 1)},
])
name_idx = 0 if _zh() else 1
tables[t("ghg_tab_iso")] = pd.DataFrame([
    {t("ghg_col_category"): c, t("ghg_col_name"): ISO_CATEGORY_NAMES[c][name_idx],
     T: round(summary.by_iso_category.get(c, 0.0), 1), SHARE: _pct(summary.by_iso_category.get(c, 0.0), summary.total)}
    for c in range(1, 7)])
s3_rows = [{t("ghg_col_category"): c, t("ghg_col_name"): SCOPE3_CATEGORY_NAMES[c][name_idx],
            T: round(summary.by_scope3_category.get(c, 0.0), 1),
            SHARE: _pct(summary.by_scope3_category.get(c, 0.0), summary.by_scope[3])} for c in range(1, 16)]
if summary.scope3_uncategorised:
    s3_rows.append({t("ghg_col_category"): None, t("ghg_col_name"): t("ghg_uncategorised"),
                    T: round(summary.scope3_uncategorised, 1), SHARE: _pct(summary.scope3_uncategorised, summary.by_scope[3])})
tables[t("ghg_tab_s3")] = pd.DataFrame(s3_rows)
tables[t("ghg_tab_gas")] = pd.DataFrame([{t("ghg_col_gas"): g, T: round(v, 3), SHARE: _pct(v, summary.total)}
                                         for g, v in summary.by_gas.items()])
tables[t("ghg_tab_facility")] = pd.DataFrame([
    {t("ghg_col_facility"): f, **{t(f"ghg_scope{s}_short"): round(by.get(s, 0.0), 1) for s in (1, 2, 3)},
     T: round(summary.by_facility.get(f, 0.0), 1)} for f, by in summary.by_facility_scope.items()])
year_rows, before = [], None
for y in years:
    views = scope2_views(inv, y)
    by = summary.by_year_scope[y]
    tot = sum(by.values())
    year_rows.append({t("ghg_col_year"): y, t("ghg_scope1_short"): round(by[1], 1), t("ghg_s2_location"): round(views["location"], 1),
                      t("ghg_s2_market"): round(views["market"], 1), t("ghg_scope3_short"): round(by[3], 1),
                      t("ghg_col_total"): round(tot, 1),
                      t("ghg_col_yoy"): round((tot - before) / before * 100, 1) if before else None})
    before = tot
tables[t("ghg_tab_year")] = pd.DataFrame(year_rows)
tables[t("ghg_tab_yoy")] = pd.DataFrame([
    {t("ghg_col_metric"): t(f"ghg_metric_{c.metric.replace('+', '_')}"), t("ghg_col_previous_year"): c.previous_year,
     t("ghg_col_previous"): round(c.previous, 1), t("ghg_col_year"): c.year, t("ghg_col_value"): round(c.value, 1),
     t("ghg_col_change"): round(c.change, 1), t("ghg_col_change_pct"): None if c.change_pct is None else round(c.change_pct, 2)}
    for c in summary.year_on_year])
intensity_rows = []
for y in years:
    for per, scopes in (("revenue", (1, 2)), ("revenue", (1, 2, 3)), ("production", (1, 2))):
        i = intensity(inv, y, per=per, scopes=scopes, scope2_method=method)
        if i is not None:
            intensity_rows.append({t("ghg_col_year"): y, t("ghg_col_scope"): "+".join(map(str, i.scopes)),
                                   t("ghg_col_per"): t(f"ghg_per_{per}"), T: round(i.emissions, 1),
                                   t("ghg_col_denominator"): i.denominator, t("ghg_col_intensity"): round(i.value, 4),
                                   t("ghg_col_unit"): i.unit})
tables[t("ghg_tab_intensity")] = pd.DataFrame(intensity_rows)

st.subheader(t("ghg_tables", year=year))
download_slot = st.container()
tabs = st.tabs(list(tables))
for tab, df in zip(tabs, tables.values()):
    with tab:
        if df.empty:
            st.info(t("ghg_table_empty"))
        else:
            st.dataframe(df, hide_index=True)

# -- carbon fee ------------------------------------------------------------------------------------
st.subheader(t("ghg_fee"))
f1, f2, f3 = st.columns(3)
rate_labels = {r: t(f"ghg_fee_rate_{r}") for r in ("general", "preferential_A", "preferential_B")}
rate = f1.selectbox(t("ghg_fee_rate"), list(rate_labels), key="ghg_fee_rate", format_func=rate_labels.get)
per_site = f2.checkbox(t("ghg_fee_per_site"), key="ghg_fee_per_site")
high_leakage = f3.checkbox(t("ghg_fee_leakage"), key="ghg_fee_leakage", disabled=rate == "general")
fee = carbon_fee_for_inventory(inv, year, per_site=per_site, rate=rate, high_leakage=high_leakage and rate != "general")
c1, c2 = st.columns(2)
c1.metric(t("ghg_fee_amount"), f"NT$ {fee.fee_ntd:,}")
c2.metric(t("ghg_fee_chargeable"), f"{fee.chargeable_t:,.3f}")
st.info(fee.text("zh" if _zh() else "en"))
if per_site:
    st.dataframe(pd.DataFrame([{t("ghg_col_facility"): s.site, T: round(s.emissions_t, 1),
                                t("ghg_fee_liable"): s.liable, t("ghg_fee_chargeable"): s.chargeable_t,
                                t("ghg_fee_amount"): s.fee_ntd} for s in fee.sites]), hide_index=True)

# -- recomputation issues --------------------------------------------------------------------------
st.subheader(t("ghg_issues"))
if inv.issues:
    st.warning(t("ghg_issues_found", n=len(inv.issues)))
    issues_df = pd.DataFrame([{
        t("ghg_col_issue"): t(f"ghg_issue_{i.kind}"), t("ghg_col_where"): i.provenance.label(),
        t("ghg_col_stated"): i.stated, t("ghg_col_computed"): i.computed, t("ghg_col_difference"): i.difference,
        t("ghg_col_message"): i.message} for i in inv.issues])
    st.dataframe(issues_df, hide_index=True)
    tables[t("ghg_issues")] = issues_df
else:
    st.success(t("ghg_issues_none"))

# -- targets ---------------------------------------------------------------------------------------
st.subheader(t("ghg_targets"))
targets_upload = st.file_uploader(t("ghg_targets_upload"), type=TABLE_TYPES, key="ghg_targets_upload")
targets = []
try:
    if targets_upload is not None:
        targets, targets_from = _targets(targets_upload.getvalue(), targets_upload.name), targets_upload.name
    elif "targets" in inv.sheets:
        targets, targets_from = _targets(data, name), f"{name} ({inv.sheets['targets']})"
except Exception as exc:
    show_error(exc)
if not targets:
    st.info(t("ghg_targets_none"))
else:
    st.caption(t("ghg_targets_from", source=targets_from))
    targets_df = pd.DataFrame([{
        t("ghg_col_target"): tg.name, t("ghg_col_type"): t(f"ghg_type_{tg.type}"), t("ghg_col_scope"): tg.scope_label().replace("Scope ", "範疇" if _zh() else "Scope "),
        t("ghg_col_base_year"): tg.base_year, t("ghg_col_base_emissions"): tg.base_emissions,
        t("ghg_col_target_year"): tg.target_year, t("ghg_col_reduction"): tg.reduction_pct,
        t("ghg_col_annual_rate"): None if tg.annual_linear_rate_pct is None else round(tg.annual_linear_rate_pct, 2),
        t("ghg_col_horizon"): t(f"ghg_horizon_{tg.horizon}"), t("ghg_col_coverage"): tg.coverage_pct,
        t("ghg_col_year_set"): tg.year_set, t("ghg_col_sbti_status"): tg.sbti_status or ""} for tg in targets])
    st.dataframe(targets_df, hide_index=True)
    tables[t("ghg_targets")] = targets_df

    checks = check_targets(targets, inv)
    outcome = verdict(checks)
    failed = [c for c in checks if c.passed is False]
    if outcome is True:
        st.success(t("ghg_sbti_pass"))
    elif outcome is False:
        st.warning(t("ghg_sbti_fail", n=len(failed)))
        for c in failed:
            st.markdown(f"- {_msg(c)}")
    else:
        st.info(t("ghg_sbti_unknown"))
    checks_df = pd.DataFrame([{
        t("ghg_col_result"): t({True: "ghg_passed", False: "ghg_failed", None: "ghg_not_judged"}[c.passed]),
        t("ghg_col_target"): c.target or t("ghg_all_targets"), t("ghg_col_rule"): c.rule_id, t("ghg_col_message"): _msg(c),
    } for c in checks])
    st.dataframe(checks_df, hide_index=True)
    tables[t("ghg_sbti_checks")] = checks_df

    progress_rows = []
    for tg in targets:
        if tg.type == "other":
            continue
        try:
            p = progress(tg, inv)
        except DisclosureError:
            continue  # no base-year value: the pathway cannot be drawn either
        progress_rows.append({t("ghg_col_target"): tg.name, t("ghg_col_latest_year"): p.latest_year,
                              t("ghg_col_done"): round(p.reduction_to_date_pct, 1),
                              t("ghg_col_expected"): round(p.expected_reduction_pct, 1),
                              t("ghg_col_on_track"): t("ghg_on_track") if p.on_track else t("ghg_behind"),
                              t("ghg_col_message"): _msg(p)})
    if progress_rows:
        st.markdown(f"**{t('ghg_progress')}**")
        progress_df = pd.DataFrame(progress_rows)
        st.dataframe(progress_df, hide_index=True)
        tables[t("ghg_progress")] = progress_df

# -- charts ----------------------------------------------------------------------------------------
st.subheader(t("ghg_charts"))
chart_lang = "zh" if _zh() else "en"
st.plotly_chart(emissions_by_scope_chart(inv, scope2_method=method, lang=chart_lang), key="ghg_chart_scopes")
emission_targets = {tg.name: tg for tg in targets if tg.type != "other"}
if emission_targets:
    pick = st.selectbox(t("ghg_pick_target"), list(emission_targets), key="ghg_target_pick")
    try:
        st.plotly_chart(target_pathway_chart(emission_targets[pick], inv, lang=chart_lang), key="ghg_chart_pathway")
    except DisclosureError as exc:
        st.warning(exc.message)

# -- consistency -----------------------------------------------------------------------------------
st.subheader(t("ghg_consistency"))
st.caption(t("ghg_consistency_help"))
if st.button(t("ghg_consistency_run"), key="ghg_consistency_run"):
    try:
        from disclosure import services

        eb = get_evidence_base()
        if not eb.own_evidence().documents():  # reference documents state other companies' figures
            st.session_state.pop("ghg_consistency", None)
            st.info(t("no_docs"))
        else:
            with st.spinner(t("working")):
                st.session_state["ghg_consistency"] = (inv_key, services.ghg_consistency(eb, inv))
    except Exception as exc:
        show_error(exc)
stored = st.session_state.get("ghg_consistency")
if stored is not None and stored[0] == inv_key:
    report = stored[1]
    k = st.columns(4)
    k[0].metric(t("ghg_passages_read"), f"{report.passages_read:,}")
    k[1].metric(t("ghg_figures_found"), f"{report.figures_found:,}")
    k[2].metric(t("ghg_agreements"), f"{len(report.agreements):,}")
    k[3].metric(t("ghg_disagreements"), f"{len(report.disagreements):,}")
    if report.disagreements:
        st.warning(t("ghg_disagreements_found", n=len(report.disagreements)))
        dis_df = pd.DataFrame([{
            t("ghg_col_metric"): _finding_label(d), t("ghg_col_document"): d.document.label(),
            t("ghg_col_document_value"): d.document_text,
            t("ghg_col_inventory"): (t("ghg_inventory_ref", source=d.inventory.source, sheet=d.inventory.sheet or "-",
                                       n=len(d.inventory.rows)) if d.inventory else ""),
            t("ghg_col_inventory_rows"): ", ".join(map(str, d.inventory.rows)) if d.inventory else "",
            t("ghg_col_inventory_value"): None if d.inventory_value is None else round(d.inventory_value, 1),
            t("ghg_col_difference"): None if d.difference is None else round(d.difference, 1),
            t("ghg_col_change_pct"): None if d.difference_pct is None else round(d.difference_pct, 2),
            t("ghg_col_sentence"): d.sentence, t("ghg_col_message"): _msg(d),
        } for d in report.disagreements])
        st.dataframe(dis_df, hide_index=True)
        for d in report.disagreements:
            st.markdown(f"- {_msg(d)}")
        tables[t("ghg_disagreements")] = dis_df
    else:
        st.success(t("ghg_no_disagreements"))

# -- download (filled last, so it carries every table above) --------------------------------------
with download_slot:
    st.download_button(t("ghg_download_xlsx"), _xlsx(tables), file_name=f"ghg_{year}_{method}.xlsx", mime=XLSX_MIME,
                       key="ghg_download", icon=":material/table_view:")
