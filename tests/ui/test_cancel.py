"""Cancelling long work with AppTest. Streamlit stops a running script at its next progress update
when the person clicks (Cancel or anything else); the tests stop the run at that point the same way
(StopException from inside the engine) and check what the next run reports and what the store holds."""
import pytest
from streamlit.runtime.scriptrunner_utils.exceptions import StopException

from builders import make_pdf
from ui_support import open_page, run

TCFD_TEXT = ("董事會下設永續發展委員會，每季至少召開一次會議，監督氣候相關風險與機會。"
             "2023年範疇一排放量為8,512公噸CO2e，範疇二（地點基準）為45,620.9公噸CO2e。")


@pytest.fixture
def stop_when_embedding(monkeypatch):
    """Stop the script run when the fake embedder meets a passage containing STOPHERE."""
    from disclosure.embeddings import FakeEmbedder

    real = FakeEmbedder.embed_passages
    switch = {"on": True}

    def embed(self, texts):
        if switch["on"] and any("STOPHERE" in t for t in texts):
            raise StopException()
        return real(self, texts)

    monkeypatch.setattr(FakeEmbedder, "embed_passages", embed)
    return switch


def _uploads():
    return [("a_first.md", "# 治理\n\n永續發展委員會每季召開一次會議。".encode(), "text/markdown"),
            ("b_second.pdf", make_pdf(["範疇一排放量 STOPHERE 8,512 公噸CO2e。"]), "application/pdf"),
            ("c_third.md", "# 策略\n\n氣候情境分析涵蓋 1.5°C 與 4°C。".encode(), "text/markdown")]


def test_cancelled_ingestion_keeps_finished_files_and_writes_nothing_half(ui_env, stop_when_embedding):
    at = open_page("documents", lang="en")
    at.file_uploader(key="uploads").set_value(_uploads())
    run(at)
    at.button(key="add_files").click()
    run(at)  # stopped inside the second file, as a click would stop it
    assert at.session_state["_task_ingest"].status == "stopped"
    at.button(key="ingest_cancel").click()
    run(at)
    assert any("cancelled: 1 file(s) finished and kept, 2 not added" in w.value for w in at.warning)
    assert any("Added: a_first.md" in s.value for s in at.success)
    assert {i.value for i in at.info} >= {"b_second.pdf — cancelled, not added", "c_third.md — cancelled, not added"}
    assert list(at.dataframe[0].value.iloc[:, 0]) == ["a_first.md"]

    from disclosure.evidence import EvidenceBase
    from disclosure.settings import load_settings

    eb = EvidenceBase(load_settings())
    (doc,) = eb.documents()
    assert eb.store.chunks.count() == doc.chunks  # no chunk of the interrupted file in the store
    # adding the same files again afterwards: the first is unchanged, the others land
    stop_when_embedding["on"] = False
    at.button(key="add_files").click()
    run(at)
    assert list(at.dataframe[0].value.iloc[:, 0]) == ["a_first.md", "b_second.pdf", "c_third.md"]
    assert any("Unchanged: a_first.md" in i.value for i in at.info)


def test_cancelled_sample_indexing_on_home(ui_env, stop_when_embedding):
    (ui_env / "corpus" / "z_last.md").write_text("STOPHERE 範疇三", encoding="utf-8")
    at = open_page("home", lang="en")
    at.button(key="index_sample").click()
    run(at)
    at.button(key="sample_cancel").click()
    run(at)
    # files go in name order: note.md lands, z_last.md is stopped, the workbook is not reached
    assert any("cancelled: 1 file(s) finished and kept, 2 not added" in w.value for w in at.warning)
    assert at.metric[0].value == "1"


def test_gap_check_stopped_midway_says_cancelled_and_keeps_the_previous_result(ui_env, monkeypatch):
    from disclosure.gap import GapChecker

    at = open_page("gap", lang="en")
    at.text_area(key="gap_text").input(TCFD_TEXT)
    at.button(key="gap_run").click()
    run(at)
    first = at.session_state["gap_report"]
    real = GapChecker._score
    calls = []

    def score(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise StopException()
        return real(self, *args, **kwargs)

    monkeypatch.setattr(GapChecker, "_score", score)
    at.text_area(key="gap_text").input(TCFD_TEXT + "公司已設定2030年減碳目標。")
    at.button(key="gap_run").click()
    run(at)
    at.button(key="gap_cancel").click()
    run(at)
    assert any("gap check was cancelled" in w.value for w in at.warning)
    assert at.session_state["gap_report"] is first  # the earlier result is untouched
    assert len(at.dataframe[1].value) == 11


def test_gap_check_cancel_callback_stops_the_engine_cleanly(ui_env, monkeypatch):
    """The engine's cancel callback reads the task's flag; a cancelled check ends with a message."""
    import streamlit as st

    from disclosure.gap import GapChecker

    real = GapChecker._score
    calls = []

    def score(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            st.session_state["_task_gap"].cancel.set()  # what a later run does when the person cancels
        return real(self, *args, **kwargs)

    monkeypatch.setattr(GapChecker, "_score", score)
    at = open_page("gap", lang="en")
    at.text_area(key="gap_text").input(TCFD_TEXT)
    at.button(key="gap_run").click()
    run(at)
    assert len(calls) == 2
    assert any("gap check was cancelled" in w.value for w in at.warning)
    assert "gap_report" not in at.session_state
    at.button(key="gap_run").click()  # and it can run again
    monkeypatch.setattr(GapChecker, "_score", real)
    run(at)
    assert len(at.dataframe[1].value) == 11
