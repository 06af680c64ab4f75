"""The Draft page, driven with Streamlit's AppTest: draft, edit, re-check, download."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from drafting_corpus import write_corpus

REPO = Path(__file__).resolve().parents[2]
PAGE = str(REPO / "ui" / "draft.py")


@pytest.fixture
def page_env(tmp_path, monkeypatch):
    from disclosure.evidence import EvidenceBase
    from disclosure.settings import load_settings

    corpus = write_corpus(tmp_path / "corpus")
    monkeypatch.setenv("DISCLOSURE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DISCLOSURE_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("DISCLOSURE_EMBEDDING_BACKEND", "fake")
    monkeypatch.syspath_prepend(str(REPO))
    EvidenceBase(load_settings()).ingest_paths([corpus])
    return tmp_path


def _run(at: AppTest) -> AppTest:
    at.run(timeout=180)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def test_draft_page_drafts_edits_rechecks_and_downloads(page_env):
    at = _run(AppTest.from_file(PAGE))
    at.selectbox(key="draft_chapter").select("ghg-inventory")
    _run(at)
    at.button(key="draft_make").click()
    _run(at)
    body = " ".join(m.value for m in at.markdown)
    assert "8,512.0" in body and "<sup>[1]</sup>" in body and "<mark>【待補：" in body
    edit = at.text_area(key="draft_edit")
    assert "8,512.0" in edit.value
    edit.input(edit.value.replace("8,512.0", "9,999.0"))
    _run(at)
    at.button(key="draft_recheck").click()
    at.run(timeout=180)
    assert not at.exception
    assert any("9,999.0" in e.value or "未通過" in e.value for e in at.error)
    assert any("9,999.0" in m.value for m in at.markdown)


def test_draft_page_in_english(page_env):
    at = AppTest.from_file(PAGE)
    at.session_state["ui_lang"] = "en"
    _run(at)
    at.radio(key="draft_lang").set_value("en")
    at.selectbox(key="draft_chapter").select("governance")
    at.button(key="draft_make").click()
    _run(at)
    body = " ".join(m.value for m in at.markdown)
    assert "Sustainability Committee" in body
