"""The sidebar's workspace block: the current company's name and a selector to switch workspaces."""
from __future__ import annotations

import streamlit as st

from ui.i18n import lang, t
from ui.state import get_settings, set_workspace, show_error


def workspace_sidebar() -> None:
    from disclosure.settings import DEFAULT_WORKSPACE
    from disclosure.workspace import list_workspaces, load_profile, workspace_settings

    try:
        settings = get_settings()
        names = list_workspaces(settings)
        if settings.workspace not in names:
            names.append(settings.workspace)
        labels = {n: f"{n} · {load_profile(workspace_settings(settings, n)).display_name(lang()) or t('no_company')}"
                  for n in names}
    except Exception as exc:
        show_error(exc)
        return
    # The workspace is also in the address (?ws=NAME), so that reloading the page or opening a
    # bookmark stays in the client's workspace instead of silently falling back to the default one.
    asked = st.query_params.get("ws")
    if asked and asked in names and "workspace_choice" not in st.session_state and asked != settings.workspace:
        set_workspace(asked)
        settings = get_settings()
    pending = st.session_state.pop("workspace_pending", None)  # a workspace just created on the Workspace page
    if pending in names:
        st.session_state["workspace_choice"] = pending
        set_workspace(pending)
        settings = get_settings()
    if st.session_state.get("workspace_choice") not in names:
        st.session_state["workspace_choice"] = settings.workspace
    choice = st.selectbox(t("workspace"), names, format_func=labels.get, key="workspace_choice", help=t("workspace_help"))
    if choice != settings.workspace:
        set_workspace(choice)
        settings = get_settings()
    if settings.workspace == DEFAULT_WORKSPACE:
        if "ws" in st.query_params:
            del st.query_params["ws"]
    elif st.query_params.get("ws") != settings.workspace:
        st.query_params["ws"] = settings.workspace
    company = load_profile(settings).display_name(lang())
    st.markdown(f"**{company or t('no_company')}**")
    flash = st.session_state.pop("workspace_flash", None)
    if flash:
        st.success(flash)
