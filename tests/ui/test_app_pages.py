"""Every page exercised with Streamlit's AppTest: widgets driven, results asserted, no exception."""
import pytest
from streamlit.testing.v1 import AppTest

from builders import make_pdf

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app.py")


@pytest.fixture
def app_env(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "inventory.pdf").write_bytes(make_pdf(["112年度範疇二排放量為45,620.9公噸CO2e（地點基準），市場基準為35,740.9公噸CO2e。"]))
    (corpus / "note.md").write_text("# 治理\n\n永續發展委員會每季召開一次會議。", encoding="utf-8")
    monkeypatch.setenv("DISCLOSURE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DISCLOSURE_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("DISCLOSURE_EMBEDDING_BACKEND", "fake")
    return tmp_path


def _run(at: AppTest) -> AppTest:
    at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def test_home_shows_empty_base_and_indexes_the_sample_corpus(app_env):
    at = _run(AppTest.from_file(APP))
    assert any("證據庫目前是空的" in i.value for i in at.info)
    at.button[0].click()
    _run(at)
    assert [m.value for m in at.metric][:1] == ["2"]


def test_language_switch_changes_the_interface(app_env):
    at = _run(AppTest.from_file(APP))
    assert at.title[0].value == "ESG 揭露撰寫助理"
    at.sidebar.selectbox[0].select("en")
    _run(at)
    assert at.title[0].value == "ESG disclosure assistant"


def test_documents_page_lists_searches_and_removes(app_env):
    from disclosure.evidence import EvidenceBase
    from disclosure.settings import load_settings

    EvidenceBase(load_settings()).ingest_paths([app_env / "corpus"])
    at = AppTest.from_file(APP)
    _run(at)
    at.switch_page(str(REPO / "ui" / "documents.py"))
    _run(at)
    df = at.dataframe[0].value
    assert sorted(df.iloc[:, 0]) == ["inventory.pdf", "note.md"]
    at.text_input(key="search_query").input("2023年範疇二排放量")
    _run(at)
    assert any("inventory.pdf, p. 1" in m.value for m in at.markdown)
    at.selectbox(key="remove_choice").select("note.md")
    for b in at.button:
        if b.label in ("移除", "Remove"):
            b.click()
    _run(at)
    assert list(at.dataframe[0].value.iloc[:, 0]) == ["inventory.pdf"]
