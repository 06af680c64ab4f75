import streamlit as st

from ui.i18n import t
from ui.state import get_evidence_base, get_settings, show_error

st.title(t("app_title"))
st.write(t("home_intro"))

try:
    eb = get_evidence_base()
    status = eb.status()
except Exception as exc:  # the page must keep working after an engine error
    show_error(exc)
    st.stop()

st.subheader(t("corpus_status"))
c1, c2, c3 = st.columns(3)
c1.metric(t("documents"), status["documents"])
c2.metric(t("pages"), status["pages"])
c3.metric(t("chunks"), status["chunks"])
st.caption(f"{status['embedding']} · {status['store_mode']} · {status['data_dir']}")

if status["documents"] == 0:
    st.info(t("empty_base"))
    corpus = get_settings().corpus_dir
    if corpus.is_dir() and st.button(t("index_sample"), type="primary"):
        bar = st.progress(0.0, text=t("working"))
        try:
            report = eb.ingest_paths([corpus], lambda f, m: bar.progress(min(1.0, f), text=m))
            bar.progress(1.0, text=t("done"))
            st.success(f"{t('added')}: {len(report.added)} · {t('skipped')}: {len(report.skipped)}")
            st.rerun()
        except Exception as exc:
            show_error(exc)
