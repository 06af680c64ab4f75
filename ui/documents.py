import pandas as pd
import streamlit as st

from disclosure.evidence import PendingFile
from disclosure.retrieval import SearchFilters
from ui.i18n import lang, language_names, t, warning_text
from ui.state import get_evidence_base, get_settings, ingest_with_progress, show_error, take_interrupted_ingest

st.title(t("nav_documents"))
settings = get_settings()
try:
    eb = get_evidence_base()
except Exception as exc:
    show_error(exc)
    st.stop()

# An ingestion this session started and then stopped (Cancel, or any click while it ran): report
# what finished; the files not reached are listed as not added.
stopped = take_interrupted_ingest()
if stopped is not None:
    st.session_state["last_report"] = stopped
    left = sum(s.error_type == "Cancelled" for s in stopped.skipped)
    if left:  # kept until the next ingestion starts
        st.session_state["ingest_notice"] = t("ingest_cancelled", done=len(stopped.added) + len(stopped.replaced), left=left)
if st.session_state.get("ingest_notice"):
    st.warning(st.session_state["ingest_notice"])

uploads = st.file_uploader(t("upload_label"), accept_multiple_files=True,
                           type=["pdf", "docx", "xlsx", "xlsm", "csv", "txt", "md"], key="uploads")
ROLE_CHOICES = {"auto": "role_auto", "evidence": "role_evidence", "reference": "role_reference"}
# format functions are plain dicts built now: AppTest (and Streamlit) may call them outside this run
ROLE_LABELS = {r: t(k) for r, k in ROLE_CHOICES.items()}
upload_role = st.radio(t("role_upload"), list(ROLE_CHOICES), format_func=ROLE_LABELS.get,
                       horizontal=True, key="upload_role", help=t("role_upload_help"))
if st.button(t("add_files"), type="primary", disabled=not uploads, key="add_files"):
    files = [PendingFile(u.name, u.getvalue()) for u in uploads]
    try:
        st.session_state["last_report"] = ingest_with_progress(eb, files, role=None if upload_role == "auto" else upload_role)
    except Exception as exc:
        show_error(exc)

report = st.session_state.get("last_report")
if report is not None:
    for d in report.added:
        st.success(f"{t('added')}: {d.source} — "
                   + t("doc_added_stats", pages=f"{d.pages:,}" if d.pages else "-", chunks=f"{d.chunks:,}",
                       langs=language_names(d.languages)))
        for w in d.warnings:
            st.warning(f"{d.source}: {warning_text(w)}")
    for d in report.replaced:
        st.success(f"{t('replaced')}: {d.source} — {d.chunks} {t('chunks')}")
    for s in report.unchanged:
        st.info(f"{t('unchanged')}: {s.source} — {s.reason}")
    for s in report.skipped:
        if s.error_type == "Cancelled":
            st.info(f"{s.source} — {s.reason}")
        else:
            st.error(f"{t('skipped')}: {s.source} — {s.reason}")
    company = eb.profile().display_name(lang())
    for n in getattr(report, "notices", []):
        st.warning(t("role_notice", name=n.source, entity=n.entity or "?", company=company), icon=":material/info:")

st.subheader(t("indexed_docs"))
try:
    docs = eb.documents()
except Exception as exc:
    show_error(exc)
    st.stop()
if not docs:
    st.info(t("no_docs"))
else:
    st.dataframe(pd.DataFrame([{
        t("file"): d.source, t("role"): t(f"role_{d.role}"), t("entity"): d.entity or "—", t("kind"): d.kind, t("pages"): d.pages, t("chunks"): d.chunks,
        t("languages"): language_names(d.languages), t("warnings"): "; ".join(warning_text(w) for w in d.warnings), t("added_at"): d.added_at,
        "id": d.doc_id[:10]} for d in docs]), hide_index=True, width="stretch")
    with st.form("role_form"):
        c1, c2 = st.columns([3, 1])
        doc_labels = {d.source: f"{d.source} · {ROLE_LABELS[d.role]}" for d in docs}
        target = c1.selectbox(t("set_role"), [d.source for d in docs], key="role_doc", format_func=doc_labels.get)
        new_role = c2.selectbox(t("role"), ["evidence", "reference"], format_func=ROLE_LABELS.get, key="role_new")
        if st.form_submit_button(t("set_role_button")):
            try:
                rec = eb.set_role(target, new_role)
                st.session_state.pop("last_report", None)
                st.toast(t("role_changed", name=rec.source, role=t(f"role_{rec.role}")))
                st.rerun()
            except Exception as exc:
                show_error(exc)
    with st.form("remove_form"):
        victim = st.selectbox(t("remove_doc"), [d.source for d in docs], key="remove_choice")
        if st.form_submit_button(t("remove")):
            try:
                rec = eb.remove(victim)
                st.session_state.pop("last_report", None)
                st.toast(f"{t('removed')}: {rec.source}")
                st.rerun()
            except Exception as exc:
                show_error(exc)

st.subheader(t("search"))
q = st.text_input(t("search"), placeholder=t("search_placeholder"), key="search_query", label_visibility="collapsed")
k = st.slider(t("results_k"), 1, 20, 5, key="search_k")
if q:
    try:
        results = eb.search(q, k=k, filters=SearchFilters())
    except Exception as exc:
        show_error(exc)
        results = []
    if not results:
        st.info(t("no_results"))
    for i, e in enumerate(results, 1):
        with st.container(border=True):
            badge = f" :orange-badge[{t('reference_badge')}]" if e.role == "reference" else ""
            st.markdown(f"**{i}. {e.citation()}**{badge} · score {e.score:.4f}")
            st.text(e.text[:1200])
