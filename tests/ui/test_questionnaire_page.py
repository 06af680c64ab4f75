"""Questionnaire page through AppTest: a built-in supplier survey answered from a small indexed
corpus (fake embedder), figures cited, unanswerable questions say so, edits are checked, XLSX offered."""

import pytest

from builders import make_pdf

from ui_support import open_page, page_text, run

REPORT = ("112年度溫室氣體盤查報告書\n"
          "112年度範疇一排放量為8,512.0公噸CO2e，範疇二排放量依地點基準計算為45,620.9公噸CO2e，"
          "依市場基準計算為35,740.9公噸CO2e。")


@pytest.fixture
def indexed(ui_env):
    from disclosure.evidence import EvidenceBase
    from disclosure.settings import load_settings

    corpus = ui_env / "corpus"
    (corpus / "ghg_report.pdf").write_bytes(make_pdf([REPORT]))
    eb = EvidenceBase(load_settings())
    rep = eb.ingest_paths([corpus])
    assert not rep.skipped
    return ui_env


def test_supplier_survey_is_answered_with_cited_figures(indexed):
    at = open_page("questionnaire", lang="zh-TW")
    assert at.selectbox(key="qn_set").value == "supplier_carbon"
    at.button(key="qn_run").click()
    run(at)
    table = at.dataframe[0].value
    assert table is not None and len(table) > 20
    rows = {r["題號"]: r for r in table.to_dict("records")}
    scope1 = next(r for r in rows.values() if "範疇一" in r["題目"] and "8,512" in r["回覆"])
    assert scope1["出處"] and scope1["狀態"] in ("已回覆", "部分")
    assert any(r["狀態"] == "無證據" for r in rows.values())  # the tiny corpus cannot answer everything
    for r in rows.values():
        if r["狀態"] == "無證據":
            assert r["出處"] == ""
    # the answered workbook downloads with the answer columns
    assert any(b.key == "qn_xlsx" for b in at.get("download_button"))
    assert at.metric[0].value != "0"


def test_editing_an_answer_with_an_unsupported_figure_warns(indexed):
    at = open_page("questionnaire", lang="en")
    at.button(key="qn_run").click()
    run(at)
    sheet = at.session_state["qn_sheet"]
    a = next(a for a in sheet.answers if a.status == "answered" and "8,512" in a.answer)
    at.selectbox(key="qn_edit_id").select(a.question_id)
    run(at)
    at.text_area(key=f"qn_edit_text_{a.question_id}").input(a.answer.replace("8,512.0", "7,900.0"))
    at.button(key="qn_apply_edit").click()
    run(at)
    assert "7,900.0" in page_text(at)  # named in the warning
    edited = at.session_state["qn_sheet"].answer_for(a.question_id)
    assert edited.edited and "7,900.0" in edited.answer


def test_empty_evidence_base_says_what_to_do(ui_env):
    at = open_page("questionnaire", lang="en")
    at.button(key="qn_run").click()
    run(at)
    assert "evidence base is empty" in page_text(at)
    assert "qn_sheet" not in at.session_state


def test_cancel_keeps_the_answers_finished_so_far(indexed, monkeypatch):
    import streamlit as st

    from disclosure.questionnaire import QuestionnaireAnswerer

    real = QuestionnaireAnswerer.answer
    calls = []

    def answer(self, q):
        calls.append(q.id)
        if len(calls) == 3:
            st.session_state["_task_questionnaire"].cancel.set()  # what the Cancel click does
        return real(self, q)

    monkeypatch.setattr(QuestionnaireAnswerer, "answer", answer)
    at = open_page("questionnaire", lang="en")
    at.button(key="qn_run").click()
    run(at)
    sheet = at.session_state["qn_sheet"]
    assert sheet.cancelled and [a.question_id for a in sheet.answers] == calls == calls[:3]
    assert any("Cancelled" in w.value for w in at.warning)
    assert len(at.dataframe[0].value) == 3
    monkeypatch.setattr(QuestionnaireAnswerer, "answer", real)
    at.button(key="qn_run").click()  # and it runs again to the end
    run(at)
    assert not at.session_state["qn_sheet"].cancelled and len(at.dataframe[0].value) > 20
