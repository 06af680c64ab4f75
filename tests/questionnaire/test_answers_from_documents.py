"""Imported questions answered from a generated report alone (no inventory), through
``answer_questionnaire`` as the CLI's `answer` runs it: a figure is stated with its unit and year and
cited to its page, a yes/no question opens with Yes/No (是/否), an assurance question names the
standard and level, and a figure of another year, another metric or another company is refused."""
from __future__ import annotations

import re

import pytest

from builders import make_layout_pdf
from disclosure.evidence import EvidenceBase
from disclosure.questionnaire import Question, Questionnaire, answer_questionnaire
from questionnaire_support import fake_settings


def _report() -> bytes:
    cols = (330, 420)
    table = [(60, 80, "GHG emissions of Example Co.", 11), (60, 100, "Indicator", 10)] + \
        [(x, 100, y, 10) for x, y in zip(cols, ("2023", "2022"))]
    for i, (label, vals) in enumerate((("Scope 1", ("4,321", "4,500")), ("Scope 2 (location-based)", ("12,345", "13,002")),
                                       ("Scope 3", ("98,765", "91,234")))):
        y = 120 + 20 * i
        table += [(60, y, label, 10)] + [(x, y, v, 10) for x, v in zip(cols, vals)]
    table.append((60, 200, "Unit: metric tons CO2e", 9))
    prose = [(60, 80 + 20 * i, s, 10) for i, s in enumerate((
        "The 2023 GHG inventory received limited assurance under ISO 14064-3.",
        "Our key supplier's water withdrawal was 5,000 m3 in 2023.",
        "Example Co. Sustainability Report 2023.",
    ))]
    return make_layout_pdf([table, prose])


@pytest.fixture(scope="module")
def sheet(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("answers_docs")
    (tmp / "docs").mkdir()
    (tmp / "docs" / "example_report_2023.pdf").write_bytes(_report())
    eb = EvidenceBase(fake_settings(tmp / "data"))
    rep = eb.ingest_paths([tmp / "docs"])
    assert not rep.skipped, rep.skipped
    qs = [
        ("n1", "What were the company's Scope 1 emissions in 2023, in tCO2e?"),
        ("n2", "2023年範疇二（地點基準）排放量為多少公噸CO2e？"),
        ("yn_en", "Is the company's GHG inventory externally verified? State the level and the standard."),
        ("yn_zh", "公司溫室氣體盤查是否經第三方查證？"),
        ("other_year", "What were the company's Scope 1 emissions in 2019?"),
        ("other_party", "What was the company's total water withdrawal in 2023, in cubic meters?"),
    ]
    qn = Questionnaire(id="t", title="t", language="en", source="questions.csv",
                       questions=[Question(id=i, text=t) for i, t in qs])
    return {a.question_id: a for a in answer_questionnaire(eb, qn, inventory=None).answers}


def test_a_number_question_states_number_unit_and_year_cited_to_its_page(sheet):
    a = sheet["n1"]
    assert a.status == "answered"
    assert "4,321" in a.answer and "tCO2e" in a.answer and "2023" in a.answer
    assert "4,500" not in a.answer  # not the other year's column
    assert {c.page for c in a.citations} == {1}
    z = sheet["n2"]
    # a zh-TW question of an English questionnaire is answered in the questionnaire's language
    assert "12,345" in z.answer and "2023" in z.answer and "tCO2e" in z.answer


def test_yes_no_questions_open_with_yes_or_no_then_the_cited_statement(sheet):
    en, zh = sheet["yn_en"], sheet["yn_zh"]
    assert en.answer.startswith("Yes") or "assured" in en.answer
    assert "ISO 14064-3" in en.answer and "limited" in en.answer
    assert any(c.page == 2 for c in en.citations)
    assert zh.status != "no_evidence" and zh.citations


def test_no_figure_of_another_year_or_another_company_is_given(sheet):
    for qid in ("other_year", "other_party"):
        a = sheet[qid]
        assert a.status == "no_evidence", (qid, a.answer)
        assert not re.search(r"\d{3,}", a.answer.replace("2019", "").replace("2023", "")), a.answer
