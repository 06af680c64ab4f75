"""Last year's answers: stale figures flagged with a diff, unchanged figures tolerated across
separators and rounding, and reuse marked 'from previous year — verify' where the evidence is silent."""
from __future__ import annotations

import pytest

from builders import make_xlsx
from disclosure.questionnaire import Answer, answer_questionnaire, compare, figures, read_previous_answers
from questionnaire_support import CORPUS, INVENTORY_NAME, supplier_questions


def test_figures_ignore_years_and_identifiers():
    assert [t.text for t in figures("2023年範疇一排放量為8,512.0公噸CO2e（ISO 14064-1類別1），112年度")] == ["8,512.0"]


@pytest.mark.parametrize("old,new,stale", [
    ("8,512 tCO2e", "Scope 1 emissions in 2023: 8,512.0 tCO2e.", False),     # precision shown
    ("8512.0", "Scope 1 emissions in 2023: 8,512.0 tCO2e.", False),          # thousands separator
    ("21.66 %", "Renewable share in 2023: 21.7 %.", False),                  # rounded to what is shown
    ("9,100 tCO2e", "Scope 1 emissions in 2023: 8,512.0 tCO2e.", True),
    ("Scope 1 was 8,905.0 tCO2e in 2022", "Scope 1 emissions in 2023: 8,512.0 tCO2e.", True),
    ("We have a policy.", "Scope 1 emissions in 2023: 8,512.0 tCO2e.", False),  # no figure to compare
])
def test_stale_means_a_figure_that_differs(old, new, stale):
    got, change = compare(old, Answer(question_id="x", answer=new, status="answered"))
    assert got is stale
    if stale:
        assert change.numbers and change.numbers[0].new == "8,512.0"
        assert any(p.op == "delete" for p in change.diff) and any(p.op == "insert" for p in change.diff)


def test_nothing_is_stale_against_no_evidence():
    stale, change = compare("9,100", Answer(question_id="x", answer="No evidence in the indexed documents"))
    assert stale is False and change is None


@pytest.fixture(scope="module")
def outdated_previous() -> bytes:
    """Last year's answers, deliberately outdated: Scope 1 given as 9,100."""
    return make_xlsx({"2023 answers": [
        ["Question ID", "Question", "Answer"],
        ["SC-2.1", "Scope 1", "9,100 tCO2e"],
        ["SC-2.2", "Scope 2 location-based", "45620.9 tCO2e"],
        ["SC-9.1", "Water withdrawal", "152,000 m3 (2022, metered)"],
    ]})


def test_an_outdated_previous_year_file_is_flagged_and_reused_only_where_evidence_is_silent(sample_base, outdated_previous):
    prev = read_previous_answers(outdated_previous, "answers_2023.xlsx")
    sheet = answer_questionnaire(sample_base, supplier_questions("en"), inventory=CORPUS / INVENTORY_NAME,
                                 previous=prev, previous_source="answers_2023.xlsx")
    s1 = sheet.answer_for("SC-2.1")
    assert s1.stale and s1.previous_answer == "9,100 tCO2e"
    assert [(n.old, n.new) for n in s1.change.numbers] == [("9,100", "8,512.0")]
    assert s1.status == "answered" and s1.value == pytest.approx(8512.0)  # the current evidence wins

    s2 = sheet.answer_for("SC-2.2")
    assert not s2.stale and s2.previous_answer == "45620.9 tCO2e"

    water = sheet.answer_for("SC-9.1")
    assert water.from_previous and water.status == "partial" and water.confidence == "low"
    assert water.answer == "152,000 m3 (2022, metered)" and "verify" in water.note
    assert water.citations[0].kind == "previous" and water.citations[0].source == "answers_2023.xlsx"
    assert sheet.counts()["stale"] == 1


def test_an_edit_is_kept_rechecked_against_its_citations_and_last_year(sample_base):
    from disclosure.questionnaire import edit_answer

    qn = supplier_questions("en")
    qn.questions = qn.questions[:1]
    sheet = answer_questionnaire(sample_base, qn, inventory=CORPUS / INVENTORY_NAME, previous={"SC-2.1": "8,512.0 tCO2e"})
    assert not sheet.answers[0].stale
    ans, unsupported = edit_answer(sheet, "SC-2.1", "Scope 1 was 8,512 tCO2e in 2023.")
    assert ans.edited and unsupported == [] and not ans.stale
    ans, unsupported = edit_answer(sheet, "SC-2.1", "Scope 1 was 8,600 tCO2e in 2023.")
    assert unsupported == ["8,600"] and ans.stale  # the edit no longer matches last year's figure either
    with pytest.raises(KeyError):
        edit_answer(sheet, "nope", "x")
