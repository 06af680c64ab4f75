import streamlit as st

from ui.i18n import t

st.info(t("coming_soon"))
