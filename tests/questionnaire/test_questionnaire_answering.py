"""Answering on the sample corpus (fake embedder): the supplier survey's figures with citations to the
inventory, typed values, choices from the given options, and honest 'no evidence'."""
from __future__ import annotations

import re

import pytest

from questionnaire_support import CORPUS, INVENTORY_NAME, supplier_questions
from disclosure.drafting.validation import numbers_in
from disclosure.questionnaire import (
    NO_EVIDENCE_TEXT, Question, Questionnaire, answer_questionnaire, builtin_questionnaire, read_questionnaire,
)

# The sample company's 2023 figures (docs/sample_company_facts.md)
TRUTH = {"SC-2.1": 8512.0, "SC-2.2": 45620.9, "SC-2.3": 35740.9, "SC-3.2": 313530.0, "SC-6.3": 21.7}


@pytest.mark.parametrize("qid", sorted(TRUTH))
def test_supplier_survey_figures_come_from_the_inventory_with_cell_citations(supplier_sheet_en, qid):
    a = supplier_sheet_en.answer_for(qid)
    assert a.status == "answered" and a.confidence == "high"
    assert a.value == pytest.approx(TRUTH[qid])
    assert a.year == 2023
    inv = [c for c in a.citations if c.source == INVENTORY_NAME]
    assert inv and inv[0].kind == "computed" and inv[0].sheet == "盤查清冊" and re.match(r"[A-Z]+\d+", inv[0].cell_range)
    assert f"{TRUTH[qid]:,.1f}" in a.answer


def test_the_same_figures_in_zh_tw(supplier_sheet_zh):
    a = supplier_sheet_zh.answer_for("SC-2.1")
    assert a.answer == "2023年範疇一排放量為8,512.0公噸CO2e。"
    assert supplier_sheet_zh.answer_for("SC-3.2").value == pytest.approx(313530.0)
    assert supplier_sheet_zh.lang == "zh-TW"


def test_a_document_that_disagrees_with_the_inventory_becomes_a_note(supplier_sheet_en):
    a = supplier_sheet_en.answer_for("SC-2.1")
    assert "8,521" in a.note and "永續發展委員會會議紀錄" in a.note
    assert any("8,521" in n for n in supplier_sheet_en.notes)


def test_every_number_in_an_answer_is_in_its_evidence(supplier_sheet_en):
    for a in supplier_sheet_en.answers:
        if a.status == "no_evidence":
            continue
        support = " ".join(c.quote for c in a.citations)
        for tok in numbers_in(a.answer):
            assert tok.text in support or tok.text.replace(",", "") in support.replace(",", "") or \
                any(abs(float(x.replace(",", "")) - tok.value) < 0.051 for x in re.findall(r"\d[\d,]*\.?\d*", support)), \
                (a.question_id, tok.text)


def test_scope3_by_category_is_a_table_of_the_15_categories(supplier_sheet_en):
    a = supplier_sheet_en.answer_for("SC-3.3")
    rows = a.value
    assert [r["category"] for r in rows] == list(range(1, 16))
    assert rows[0]["tCO2e"] == pytest.approx(248300.0)
    assert rows[7]["tCO2e"] == "not reported"  # C8 is not in the inventory
    assert sum(r["tCO2e"] for r in rows if isinstance(r["tCO2e"], float)) == pytest.approx(313530.0)


def test_verification_names_the_verifier_standard_and_levels(supplier_sheet_zh):
    a = supplier_sheet_zh.answer_for("SC-4.2")
    assert a.status == "answered"
    assert "立衡驗證股份有限公司" in a.answer and "ISO 14064-3" in a.answer and "合理保證" in a.answer
    assert a.citations and a.citations[0].source != INVENTORY_NAME


def test_a_choice_is_one_of_the_given_options_with_a_citation(supplier_sheet_en):
    a = supplier_sheet_en.answer_for("SC-5.4")
    assert a.value == "validated" and a.status == "answered"
    assert a.answer.startswith("Targets validated by the SBTi")
    assert a.citations


@pytest.mark.parametrize("qid", ["SC-9.1", "SC-9.2"])
def test_a_question_the_corpus_cannot_answer_says_no_evidence_without_a_number(supplier_sheet_en, supplier_sheet_zh, qid):
    for sheet, lang in ((supplier_sheet_en, "en"), (supplier_sheet_zh, "zh-TW")):
        a = sheet.answer_for(qid)
        assert a.status == "no_evidence", (lang, a.answer)
        assert a.value is None and not a.citations
        assert a.answer == NO_EVIDENCE_TEXT[lang]
        assert not re.search(r"\d", a.answer)


def test_an_imported_zh_questionnaire_is_answered_by_inferring_the_fact(sample_base):
    data = ("題號,問題,單位\n1,112年度範疇一排放量,公噸CO2e\n2,2023年外購電力使用量,MWh\n"
            "3,溫室氣體盤查是否經第三方查證？,\n4,本公司總取水量,立方公尺\n").encode("utf-8")
    qn = read_questionnaire(data, "customer.csv")
    sheet = answer_questionnaire(sample_base, qn)
    assert sheet.inventory == INVENTORY_NAME and sheet.reporting_year == 2023
    a1, a2, a3, a4 = sheet.answers
    assert (a1.fact, a1.value, a1.status) == ("scope1_total", pytest.approx(8512.0), "answered")
    assert (a2.fact, a2.value) == ("electricity_consumption", pytest.approx(92350.0))
    assert a3.fact == "verification" and "立衡驗證" in a3.answer
    assert a4.status == "no_evidence" and a4.value is None


def test_without_an_inventory_figures_come_from_the_documents(sample_base):
    qn = Questionnaire(id="t", title="t", language="en", source="t", questions=[
        Question(id="s1", text="Scope 1 emissions in 2023", answer_type="number", unit="tCO2e", fact="scope1_total",
                 year="reporting")])
    sheet = answer_questionnaire(sample_base, qn, inventory=None, year=2023)
    a = sheet.answers[0]
    assert a.value == pytest.approx(8512.0)  # the majority of documents, not the minutes' 8,521
    assert a.confidence == "medium" and a.citations[0].source != INVENTORY_NAME


def test_progress_is_reported_and_cancel_stops_the_run(sample_base):
    calls = []
    qn = supplier_questions("en")
    sheet = answer_questionnaire(sample_base, qn, inventory=CORPUS / INVENTORY_NAME,
                                 progress=lambda done, total: calls.append((done, total)),
                                 cancel=lambda: len(calls) > 2)
    assert calls[0] == (0, len(qn.questions)) and calls[1] == (1, len(qn.questions))
    assert sheet.cancelled and len(sheet.answers) == 2


def test_the_answer_language_can_be_overridden(sample_base):
    qn = supplier_questions("zh-TW")
    qn.questions = qn.questions[:1]
    sheet = answer_questionnaire(sample_base, qn, lang="en", inventory=CORPUS / INVENTORY_NAME)
    assert sheet.answers[0].answer == "Scope 1 emissions in 2023: 8,512.0 tCO2e."


def test_the_builtin_supplier_survey_if_the_sets_load(sample_base):
    from disclosure.errors import DisclosureError

    try:
        qn = builtin_questionnaire("supplier_carbon", "en")
    except (DisclosureError, ImportError) as exc:
        pytest.skip(f"built-in sets not loadable yet: {exc}")
    sheet = answer_questionnaire(sample_base, qn)
    by_fact = {q.fact: sheet.answer_for(q.id) for q in qn.questions if q.fact}
    assert by_fact["scope1_total"].value == pytest.approx(8512.0)
    assert by_fact["scope2_location"].value == pytest.approx(45620.9)
    assert by_fact["scope2_market"].value == pytest.approx(35740.9)
    assert by_fact["scope3_total"].value == pytest.approx(313530.0)
    assert all(a.citations for a in sheet.answers if a.status != "no_evidence")
