"""Settings and engine objects for the app: built once per session (settings) or per process
(models, stores), from defaults, environment and `.streamlit/secrets.toml`."""
from __future__ import annotations

import streamlit as st
from pydantic import SecretStr

from disclosure.errors import DisclosureError
from disclosure.settings import Settings, load_settings

from .i18n import t


def get_settings() -> Settings:
    if "settings" not in st.session_state:
        st.session_state["settings"] = load_settings()
    return st.session_state["settings"]


@st.cache_resource(show_spinner=False)
def _evidence_base(settings_json: str):
    from disclosure.evidence import EvidenceBase

    return EvidenceBase(Settings.model_validate_json(settings_json))


def get_evidence_base():
    s = get_settings()
    # The API key is not part of the evidence base's identity; model_dump_json masks nothing, so
    # strip it before using the settings as a cache key.
    return _evidence_base(s.model_copy(update={"llm_api_key": SecretStr("")}).model_dump_json())


def show_error(exc: Exception) -> None:
    """Engine errors as a message in the page, never a stack trace."""
    if isinstance(exc, DisclosureError):
        st.error(f"{t('error')}: {exc.message}")
    else:
        st.error(f"{t('error')}: {type(exc).__name__}: {exc}")
