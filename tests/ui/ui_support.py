"""Helpers of the page tests (AppTest): open a page, run and check that nothing failed, collect the
text a page shows. Fixtures are in conftest.py."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app.py")
PAGES = REPO / "ui"
WORKBOOK = REPO / "corpus" / "documents" / "溫室氣體盤查清冊_2021-2023.xlsx"


def run(at: AppTest, errors_ok: bool = False) -> AppTest:
    at.run(timeout=120)
    assert not at.exception, [e.value for e in at.exception]
    if not errors_ok:
        assert not at.error, [e.value for e in at.error]
    return at


def open_page(page: str | None = None, lang: str | None = None) -> AppTest:
    at = run(AppTest.from_file(APP, default_timeout=120))
    if lang:
        at.sidebar.selectbox[0].select(lang)
        run(at)
    if page:
        at.switch_page(str(PAGES / f"{page}.py"))
        run(at)
    return at


def page_text(at: AppTest) -> str:
    """Every text the page shows (for 'never shows X' assertions)."""
    parts = []
    for kind in ("markdown", "caption", "code", "success", "error", "warning", "info", "text", "title", "subheader"):
        parts += [str(getattr(e, "value", "")) for e in at.get(kind)]
    parts += [str(w.value) for w in at.text_input]
    return "\n".join(parts)
