"""Streamlit entry: `streamlit run app.py`. One multipage app; pages live in ui/."""
from pathlib import Path

import streamlit as st

from ui.i18n import LANGS, t, uploader_css
from ui.workspace_bar import workspace_sidebar

HERE = Path(__file__).parent

st.set_page_config(page_title="ESG Disclosure Assistant", page_icon=":material/eco:", layout="wide")

with st.sidebar:
    st.selectbox(t("ui_language"), list(LANGS), format_func=LANGS.get, key="ui_lang")
    workspace_sidebar()
css = uploader_css()
if css:
    st.markdown(css, unsafe_allow_html=True)


def _page(name: str, title_key: str, icon: str, default: bool = False, script: str | None = None):
    path = HERE / "ui" / f"{script or name}.py"
    if not path.exists():  # a page not built yet is simply not listed
        return None
    return st.Page(str(path), title=t(title_key), icon=icon, default=default, url_path=name)


pages = [
    _page("home", "nav_home", ":material/home:", default=True),
    _page("documents", "nav_documents", ":material/description:"),
    _page("frameworks", "nav_frameworks", ":material/account_tree:", script="framework_browser"),
    _page("ghg", "nav_ghg", ":material/co2:"),
    _page("draft", "nav_draft", ":material/edit_note:"),
    _page("gap", "nav_gap", ":material/fact_check:"),
    _page("questionnaire", "nav_questionnaire", ":material/quiz:"),
    _page("workspace", "nav_workspace", ":material/business:", script="workspace_page"),
    _page("settings", "nav_settings", ":material/settings:", script="settings_page"),
]
st.navigation([p for p in pages if p is not None]).run()
