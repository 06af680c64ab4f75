"""Gap check page: a document against frameworks or a checklist (covered / partial / missing)."""
import pandas as pd
import plotly.express as px
import streamlit as st

from disclosure.gap import GapCancelled, findings_table, report_csv_bytes, report_xlsx_bytes
from disclosure.gap.service import check_indexed, check_upload, gap_items, keep_upload
from frameworks import library
from ui.i18n import lang, t
from ui.state import cancellable, get_evidence_base, get_settings, long_task, progress_text, show_error

STRINGS = {
    "title": {"zh-TW": "缺口檢查", "en": "Gap check"},
    "doc": {"zh-TW": "要檢查的文件（PDF、Word、文字檔）", "en": "Document to check (PDF, Word, text)"},
    "indexed": {"zh-TW": "或檢查已在證據庫中的文件（沿用已建立之索引，不需重新嵌入）",
                "en": "or check a document already in the evidence base (its index is reused, nothing is embedded again)"},
    "none": {"zh-TW": "（不使用）", "en": "(none)"},
    "confidence": {"zh-TW": "揭露機率範圍", "en": "Probability of disclosure"},
    "uncertain_first": {"zh-TW": "最不確定者優先（機率接近 0.5）", "en": "Least certain first (probability near 0.5)"},
    "keep": {"zh-TW": "檢查後將此文件保留於工作區作為參考文件（下次可直接選用）",
             "en": "Keep this file in the workspace as a reference document after the check (choose it next time)"},
    "kept": {"zh-TW": "已保留於工作區作為參考文件：", "en": "Kept in the workspace as a reference document: "},
    "already_kept": {"zh-TW": "此文件已在工作區中：", "en": "Already in the workspace: "},
    "paste": {"zh-TW": "或貼上草稿文字", "en": "or paste draft text"},
    "frameworks": {"zh-TW": "準則框架", "en": "Frameworks"},
    "checklist": {"zh-TW": "或使用自訂檢核表（CSV/XLSX）", "en": "or use a checklist (CSV/XLSX)"},
    "run": {"zh-TW": "開始檢查", "en": "Run the check"},
    "need_input": {"zh-TW": "請上傳文件或貼上文字，並選擇框架或檢核表。", "en": "Upload a document or paste text, and pick frameworks or a checklist."},
    "scores": {"zh-TW": "各框架與構面得分", "en": "Score per framework and pillar"},
    "findings": {"zh-TW": "逐項結果", "en": "Findings"},
    "status_filter": {"zh-TW": "狀態篩選", "en": "Filter by status"},
    "claims": {"zh-TW": "聲明檢查", "en": "Claim checks"},
    "no_claims": {"zh-TW": "未發現有疑慮的聲明。", "en": "No questionable claims found."},
    "excluded": {"zh-TW": "不作為證據的頁面（目錄、索引、法規條文、名詞解釋、關於本報告書）",
                 "en": "Pages not used as evidence (contents, index, restated regulations, glossary, about this report)"},
    "all": {"zh-TW": "全部", "en": "all"},
    "kind_toc": {"zh-TW": "目錄", "en": "contents"},
    "kind_index": {"zh-TW": "索引表", "en": "index"},
    "kind_reference": {"zh-TW": "法規或準則條文", "en": "restated regulation"},
    "kind_glossary": {"zh-TW": "名詞解釋", "en": "glossary"},
    "kind_about": {"zh-TW": "關於本報告書", "en": "about this report"},
    "claim_carbon_neutral": {"zh-TW": "碳中和聲明", "en": "Carbon-neutral claim"},
    "claim_pas2060": {"zh-TW": "PAS 2060 聲明", "en": "PAS 2060 claim"},
    "claim_sbti_or_1_5c": {"zh-TW": "SBTi／1.5°C 目標聲明", "en": "SBTi / 1.5 °C claim"},
    "claim_net_zero": {"zh-TW": "淨零聲明", "en": "Net-zero claim"},
    "claim_scope2_market_only": {"zh-TW": "範疇二僅以市場基礎揭露", "en": "Scope 2 market-based only"},
    "status_covered": {"zh-TW": "已涵蓋", "en": "covered"},
    "status_partial": {"zh-TW": "部分涵蓋", "en": "partial"},
    "status_missing": {"zh-TW": "缺漏", "en": "missing"},
    "col_framework": {"zh-TW": "準則框架", "en": "framework"},
    "col_requirement_id": {"zh-TW": "代碼", "en": "requirement"},
    "col_title": {"zh-TW": "揭露要求", "en": "title"},
    "col_pillar": {"zh-TW": "構面", "en": "pillar"},
    "col_status": {"zh-TW": "狀態", "en": "status"},
    "col_score": {"zh-TW": "得分", "en": "score"},
    "col_probability": {"zh-TW": "揭露機率", "en": "probability"},
    "col_pages": {"zh-TW": "頁碼", "en": "pages"},
    "col_evidence": {"zh-TW": "證據引文", "en": "evidence"},
    "col_missing": {"zh-TW": "缺少之資訊", "en": "missing"},
    "col_found": {"zh-TW": "已找到", "en": "found"},
    "col_via": {"zh-TW": "經由對照", "en": "via"},
    "col_total": {"zh-TW": "項目數", "en": "total"},
}
COLUMNS = ["framework", "requirement_id", "title", "pillar", "status", "probability", "score", "pages", "evidence",
           "missing", "found", "via", "total"]


def s(key: str) -> str:
    entry = STRINGS.get(key)
    return entry.get(lang(), entry["en"]) if entry else key


def page_ref(page: int) -> str:
    return f"第{page}頁" if lang().startswith("zh") else f"p. {page}"


def _keep_file(data: bytes, name: str) -> None:
    """Keep a checked upload as a reference document; a failure to keep it never hides the result."""
    try:
        kept = keep_upload(get_evidence_base(), data, name)
    except Exception as exc:
        show_error(exc)
        return
    if kept.skipped:
        st.warning(f"{name}: {kept.skipped[0].reason}")
    else:
        st.session_state["gap_kept"] = (s("already_kept") if kept.unchanged else s("kept")) + name


st.title(s("title"))
settings = get_settings()
doc = st.file_uploader(s("doc"), type=["pdf", "docx", "txt", "md"], key="gap_doc")
keep = st.checkbox(s("keep"), value=True, key="gap_keep")
pasted = st.text_area(s("paste"), key="gap_text", height=120)
try:
    indexed_docs = {f"{d.source} ({d.doc_id[:8]})": d.doc_id for d in get_evidence_base().documents()}
except Exception as exc:  # the page still checks uploads when the evidence base cannot be opened
    indexed_docs = {}
    show_error(exc)
NONE_LABEL = s("none")  # the option is "" in either language, so switching the language keeps the choice
indexed = indexed_docs.get(st.selectbox(s("indexed"), ["", *indexed_docs], key="gap_indexed",
                                        format_func=lambda v: v or NONE_LABEL), "")
fw_ids = [f.id for f in library.list_frameworks()]
# names captured now: AppTest (and Streamlit) may call format functions outside this run
FW_NAMES = {f.id: (f.name.zh if lang().startswith("zh") else f.name.en) or f.id for f in library.list_frameworks()}
chosen = st.multiselect(s("frameworks"), fw_ids, default=["tcfd"], key="gap_frameworks", format_func=FW_NAMES.get, placeholder=t("choose_options"))
user_lists = st.session_state.get("user_checklists", {})
checklist_file = st.file_uploader(s("checklist"), type=["csv", "xlsx"], key="gap_checklist")

# A gap check this session started and then stopped (Cancel, or any click while it ran): wait until
# it has unwound, then say so. The previous result, if any, stays as it was.
task = long_task("gap")
if task.interrupted:
    with st.spinner(t("stopping")):
        task.stop_and_wait()
    if task.status != "finished":  # it may have finished while we waited; then its result is shown
        st.session_state["gap_notice"] = "gap_cancelled"  # kept until the next check starts
    task.reset()
if st.session_state.get("gap_notice"):
    st.warning(t(st.session_state["gap_notice"]))

if st.button(s("run"), type="primary", key="gap_run"):
    if not (doc or pasted.strip() or indexed) or not (chosen or checklist_file or user_lists):
        st.warning(s("need_input"))
    else:
        st.session_state.pop("gap_notice", None)
        st.session_state.pop("gap_kept", None)
        with cancellable(task, "gap_cancel") as run:
            if checklist_file is not None:
                import tempfile
                from pathlib import Path

                with tempfile.TemporaryDirectory() as tmp:
                    path = Path(tmp) / checklist_file.name
                    path.write_bytes(checklist_file.getvalue())
                    items = gap_items(checklist=path)  # the same reader as the CLI and the benchmark
            else:
                items = gap_items(chosen, checklists=list(user_lists.values()))
            bar = lambda f, m: run.bar.progress(min(1.0, f), text=progress_text(m)[:80])  # noqa: E731
            try:
                if doc or pasted.strip():
                    data, name = (doc.getvalue(), doc.name) if doc else (pasted, "draft.txt")
                    result = check_upload(settings, data, name, items, bar, cancel=task.cancel.is_set)
                    if doc and keep:
                        _keep_file(data, name)
                else:
                    result = check_indexed(get_evidence_base(), indexed, items, bar, cancel=task.cancel.is_set)
                st.session_state["gap_report"] = result
            except GapCancelled:
                st.session_state["gap_notice"] = "gap_cancelled"
                run.outcome = "stopped"
                st.warning(t("gap_cancelled"))

report = st.session_state.get("gap_report")
if report is not None:
    if st.session_state.get("gap_kept"):
        st.caption(st.session_state["gap_kept"])
    if report.excluded_pages:
        zh = lang().startswith("zh")
        st.caption(s("excluded") + ("：" if zh else ": ") + ("、" if zh else ", ").join(
            f"{page_ref(p)}（{s('kind_' + k)}）" if zh else f"{page_ref(p)} ({s('kind_' + k)})"
            for p, k in sorted(report.excluded_pages.items())))
    st.subheader(s("scores"))
    col = {k: s(f"col_{k}") for k in COLUMNS}
    status_label = {k: s(f"status_{k}") for k in ("covered", "partial", "missing")}
    pillar_label = {r.pillar: t(f"fw_pillar_{r.pillar}") for r in report.scores if r.pillar}
    scores = pd.DataFrame([{col["framework"]: FW_NAMES.get(r.framework, r.framework), col["pillar"]: pillar_label.get(r.pillar, s("all")),
                            col["score"]: r.score, status_label["covered"]: r.covered, status_label["partial"]: r.partial,
                            status_label["missing"]: r.missing, col["total"]: r.total}
                           for r in report.scores])
    if not scores.empty:
        heat = scores[scores[col["pillar"]] != s("all")]
        if not heat.empty:
            fig = px.density_heatmap(heat, x=col["pillar"], y=col["framework"], z=col["score"], histfunc="avg",
                                     color_continuous_scale="RdYlGn", range_color=(0, 100), text_auto=".0f")
            fig.update_layout(coloraxis_colorbar_title_text=col["score"], margin=dict(t=20, b=20))
            st.plotly_chart(fig, width="stretch")
        st.dataframe(scores, hide_index=True, width="stretch")
    st.subheader(s("findings"))
    statuses = ["covered", "partial", "missing"]
    f1, f2, f3 = st.columns([2, 2, 1])
    keep = f1.multiselect(s("status_filter"), statuses, default=statuses, key="gap_status", format_func=status_label.get, placeholder=t("choose_options"))
    lo, hi = f2.slider(s("confidence"), 0.0, 1.0, (0.0, 1.0), step=0.05, key="gap_probability")
    uncertain_first = f3.checkbox(s("uncertain_first"), key="gap_uncertain_first")
    table = findings_table(report, lang(), sort_by_confidence=uncertain_first)
    if "status" in table.columns:
        table = table[table["status"].isin(keep) & table["probability"].between(lo, hi)]
        table = table.assign(status=table["status"].map(status_label),
                             pillar=table["pillar"].map(lambda p: pillar_label.get(p, p)),
                             framework=table["framework"].map(lambda f: FW_NAMES.get(f, f)),
                             via=table["via"].map(lambda v: ", ".join(library.requirement_label(r.strip(), lang(), with_title=False)
                                                                      for r in v.split(",") if r.strip())))
    st.dataframe(table.rename(columns=col), hide_index=True, width="stretch")
    st.subheader(s("claims"))
    if not report.claims:
        st.success(s("no_claims"))
    for c in report.claims:
        where = page_ref(c.page) if c.page else c.source
        st.warning(f"**{s('claim_' + c.kind)}** ({where}): {c.problem_in(lang())}\n\n“{c.sentence[:300]}”")
    c1, c2 = st.columns(2)
    c1.download_button("XLSX", report_xlsx_bytes(report, lang()), file_name="gap_check.xlsx", key="gap_xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    c2.download_button("CSV", report_csv_bytes(report, lang()), file_name="gap_check.csv", key="gap_csv", mime="text/csv")
