"""Workspace page: the current workspace's company profile, and creating a workspace."""
import streamlit as st

from disclosure.workspace import CAPITAL_TIERS, CompanyProfile, create_workspace, load_profile, save_profile, update_profile
from ui.i18n import lang, t
from ui.state import get_settings, set_workspace, show_error

st.title(t("nav_workspace"))
st.caption(t("workspace_help"))
settings = get_settings()
try:
    profile = load_profile(settings)
except Exception as exc:
    show_error(exc)
    st.stop()

st.subheader(f"{t('profile')} · {settings.workspace}")
consolidations = [None, "operational-control", "financial-control", "equity-share"]
CONS_LABELS = {c: t(f"cons_{c}") for c in consolidations if c}  # built now: format functions may run outside the script
tiers = [None, *CAPITAL_TIERS]
TIER_LABELS = {v: f"{t(f'tier_{v}')}（IFRS S2：{y}年起）" if lang().startswith("zh") else f"{t(f'tier_{v}')} (IFRS S2: FY{y})"
               for v, y in CAPITAL_TIERS.items()}
with st.form("profile_form"):
    c1, c2 = st.columns(2)
    name_zh = c1.text_input(t("name_zh"), profile.name_zh, key="prof_name_zh")
    name_en = c2.text_input(t("name_en"), profile.name_en, key="prof_name_en")
    aliases = st.text_input(t("aliases"), ", ".join(profile.aliases), key="prof_aliases")
    c3, c4, c5 = st.columns(3)
    stock = c3.text_input(t("stock_code"), profile.stock_code or "", key="prof_stock")
    ry = c4.number_input(t("reporting_year"), 1990, 2100, profile.reporting_year or 2024, key="prof_ry")
    by = c5.number_input(t("base_year"), 1990, 2100, profile.base_year or 2021, key="prof_by")
    industry = st.text_input(t("industry"), profile.industry, key="prof_industry")
    c6, c7 = st.columns(2)
    tier = c6.selectbox(t("capital_tier"), tiers, index=tiers.index(profile.capital_tier), key="prof_tier",
                        format_func=lambda v: "—" if v is None else TIER_LABELS[v])
    cons = c7.selectbox(t("consolidation"), consolidations, index=consolidations.index(profile.consolidation),
                        format_func=lambda v: "—" if v is None else CONS_LABELS.get(v, v), key="prof_cons")
    if st.form_submit_button(t("save"), type="primary"):
        try:
            new = update_profile(profile, {"name_zh": name_zh, "name_en": name_en, "aliases": aliases,
                                           "stock_code": stock, "industry": industry, "reporting_year": str(int(ry)),
                                           "base_year": str(int(by)), "capital_tier": tier or "",
                                           "consolidation": cons or ""})
            save_profile(settings, new)
            st.success(t("profile_saved"))
            profile = new
        except Exception as exc:
            show_error(exc)
if profile.ifrs_s2_from:
    st.caption(t("ifrs_s2_from", year=profile.ifrs_s2_from))

st.subheader(t("workspace_new"))
with st.form("workspace_create_form"):
    name = st.text_input(t("workspace_name"), key="ws_new_name")
    c1, c2 = st.columns(2)
    new_zh = c1.text_input(t("name_zh"), key="ws_new_zh")
    new_en = c2.text_input(t("name_en"), key="ws_new_en")
    if st.form_submit_button(t("workspace_create")):
        try:
            ws = create_workspace(settings, name.strip(), CompanyProfile(name_zh=new_zh.strip(), name_en=new_en.strip()))
            set_workspace(ws.workspace)
            st.session_state["workspace_pending"] = ws.workspace  # the sidebar selector follows
            st.session_state["workspace_flash"] = t("workspace_created", name=ws.workspace)
            st.rerun()
        except Exception as exc:
            show_error(exc)
