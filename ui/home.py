"""Home: the evidence base's status, the headline GHG figures of the latest year (each with the
inventory file and rows it sums) and the gap items still open in this session."""

import pandas as pd
import streamlit as st

from ui.i18n import STATUS_NAMES, lang, requirement_label, t
from ui.state import get_evidence_base, get_settings, ingest_with_progress, show_error, take_interrupted_ingest

S = {
    "ghg": {"zh-TW": "溫室氣體排放（{year} 年，公噸CO2e）", "en": "GHG emissions ({year}, tCO2e)"},
    "ghg_none": {"zh-TW": "溫室氣體排放", "en": "GHG emissions"},
    "no_inventory": {"zh-TW": "找不到可讀取的盤查清冊：請在「文件」頁加入清冊（XLSX／CSV），或在「溫室氣體與目標」頁上傳。",
                     "en": "No readable GHG inventory: add one (XLSX/CSV) on the Documents page, or upload it on the GHG & targets page."},
    "gaps": {"zh-TW": "待處理缺口", "en": "Open gap items"},
    "gaps_none": {"zh-TW": "本次工作階段尚無缺口資料：在「章節草稿」頁產生草稿或在「缺口檢查」頁執行檢查後，未涵蓋之項目會列在這裡。",
                  "en": "No gap items in this session yet: draft a chapter or run a gap check and what is still missing is listed here."},
    "gaps_note": {"zh-TW": "僅列本次工作階段最近一次草稿與缺口檢查之結果（不另存檔）。",
                  "en": "From this session's latest draft and gap check (not saved to disk)."},
    "from_draft": {"zh-TW": "草稿：{title}", "en": "Draft: {title}"},
    "from_gap": {"zh-TW": "缺口檢查：{source}", "en": "Gap check: {source}"},
    "col_origin": {"zh-TW": "來源", "en": "From"},
    "col_requirement": {"zh-TW": "準則要求", "en": "Requirement"},
    "col_status": {"zh-TW": "狀態", "en": "Status"},
    "col_missing": {"zh-TW": "缺少之資訊", "en": "Missing"},
    "placeholder": {"zh-TW": "待補", "en": "to fill"},
    "rows": {"zh-TW": "{file}，工作表 {sheet}，{n} 列合計", "en": "{file}, sheet {sheet}, sum of {n} rows"},
    "doc_page": {"zh-TW": "{file}，第 {page} 頁", "en": "{file}, p. {page}"},
    "to_gap": {"zh-TW": "前往缺口檢查", "en": "Go to the gap check"},
    "to_draft": {"zh-TW": "前往章節草稿", "en": "Go to the draft"},
}


def tr(key: str, **kw) -> str:
    text = S[key].get(lang()) or S[key]["en"]
    return text.format(**kw) if kw else text


st.title(t("app_title"))
st.write(t("home_intro"))

try:
    full = get_evidence_base()
    eb = full.own_evidence()  # Home figures are the company's own: never a reference document's
    profile = full.profile()
    stopped = take_interrupted_ingest("sample")
    status = eb.status()
    all_docs = full.documents()
except Exception as exc:  # the page must keep working after an engine error
    show_error(exc)
    st.stop()
if stopped is not None:
    left = sum(s.error_type == "Cancelled" for s in stopped.skipped)
    if left:  # kept until the next ingestion starts
        st.session_state["sample_notice"] = t("ingest_cancelled", done=len(stopped.added) + len(stopped.replaced), left=left)
if st.session_state.get("sample_notice"):
    st.warning(st.session_state["sample_notice"])

company = profile.display_name(lang())
if company:
    st.markdown(f"### {t('home_company', company=company, year=profile.reporting_year or '—')}")

# -- evidence base ---------------------------------------------------------------------------------
st.subheader(t("corpus_status"))
c1, c2, c3 = st.columns(3)
c1.metric(t("documents"), status["documents"])
c2.metric(t("pages"), status["pages"])
c3.metric(t("chunks"), status["chunks"])
st.caption(f"{status['embedding']} · {status['store_mode']} · {status['data_dir']}")

if all_docs:
    with st.expander(t("docs_by_role"), expanded=False):
        for role in ("evidence", "reference"):
            names = [d.source for d in all_docs if d.role == role]
            if names:
                st.markdown(f"**{t('role_' + role)}** ({len(names)})")
                st.markdown("\n".join(f"- {n}" for n in names))

settings = get_settings()
if status["documents"] == 0 and not all_docs:
    st.info(t("empty_base"))
    corpus = settings.corpus_dir
    if corpus.is_dir() and st.button(t("index_sample"), type="primary", key="index_sample"):
        from disclosure.evidence import PendingFile, collect_files

        try:
            paths, _ = collect_files([corpus])
            report = ingest_with_progress(full, [PendingFile(p.name, p.read_bytes()) for p in paths], "sample")
            st.success(f"{t('added')}: {len(report.added)} · {t('skipped')}: {len(report.skipped)}")
            st.rerun()
        except Exception as exc:
            show_error(exc)


# -- headline GHG figures ----------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=4)
def _headline(workspace: str, stamp: tuple, _eb):
    """Latest year's Scope 1, Scope 2 (both methods) and Scope 3: the inventory's sums, else the
    documents' figures (``stamp`` keys the cache on the company's documents behind them)."""
    from disclosure import services

    return services.headline_figures(_eb)


try:
    stamp = tuple(sorted((r.content_hash, r.role) for r in full.documents()))
    headline = _headline(full.settings.workspace, stamp, full)
except Exception as exc:
    show_error(exc)
    headline = None
if headline is not None:
    st.subheader(tr("ghg", year=headline.year))
    cols = st.columns(len(headline.figures))
    for col, fig in zip(cols, headline.figures):
        col.metric(t(fig.key).split("（")[0].split(" (")[0], fig.display)
        col.caption(tr("rows", file=fig.source, sheet=fig.sheet or "-", n=fig.rows) if fig.rows else
                    tr("doc_page", file=fig.source, page=fig.page or "-"))
    st.page_link("ui/ghg.py", label=t("nav_ghg"), icon=":material/co2:")
else:
    st.subheader(tr("ghg_none"))
    st.info(tr("no_inventory"))

# -- open gap items ------------------------------------------------------------------------------------
st.subheader(tr("gaps"))
rows = []
draft = st.session_state.get("draft")
if draft is not None:
    origin = tr("from_draft", title=draft.title)
    for g in draft.gaps:
        rows.append({tr("col_origin"): origin, tr("col_requirement"): requirement_label(g.requirement_id),
                     tr("col_status"): tr("placeholder"), tr("col_missing"): g.missing})
report = st.session_state.get("gap_report")
if report is not None:
    origin = tr("from_gap", source=report.source)
    for f in report.findings:
        if f.status != "covered":
            rows.append({tr("col_origin"): origin, tr("col_requirement"): requirement_label(f.ref), tr("col_status"): STATUS_NAMES.get(f.status, {}).get(lang(), f.status),
                         tr("col_missing"): "; ".join(f.missing) or f.title})
if rows:
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(tr("gaps_note"))
    g1, g2 = st.columns(2)
    if report is not None:
        g1.page_link("ui/gap.py", label=tr("to_gap"), icon=":material/fact_check:")
    if draft is not None:
        g2.page_link("ui/draft.py", label=tr("to_draft"), icon=":material/edit_note:")
else:
    st.info(tr("gaps_none"))
