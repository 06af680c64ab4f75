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


@pytest.fixture(scope="module")
def zh_sheet(tmp_path_factory):
    """A zh-TW bank report laid out as real ones are: a narrow table column whose sentences break every
    few characters, and notes under a table that end without a full stop; asked in English and zh-TW."""
    from builders import make_pdf

    tmp = tmp_path_factory.mktemp("answers_zh")
    (tmp / "docs").mkdir()
    column = "\n".join(["指標與目標", "再生能源融資", "再生能源融資核准金", "額持續提升。", "2023 年太陽光電等", "綠能融資已核准金額",
                        "達 88.25億元。", "2024 年太陽光電", "等綠能融資預計", "核准金額達 120", "億元。", "永續投資"])
    notes = "\n".join(["本行範疇一、二、三溫室氣體排放量", "範疇二(本行間接排放) 812.40 公噸 CO2e",
                       "註1:本行溫室氣體盤查之時程依主管機關 2023.3.3 之令辦理,本行應於 2025 年完成溫室氣體盤查及確信資訊揭",
                       "露", "註2:範疇二盤查範圍以總行大樓及 18 家營業據點總用電度數計算",
                       "註3:範疇三參酌碳會計金融合作夥伴關係(PCAF)之溫室氣體核算方法學"])
    (tmp / "docs" / "範例銀行_2023_TCFD報告書.pdf").write_bytes(make_pdf([column, notes]))
    eb = EvidenceBase(fake_settings(tmp / "data"))
    assert not eb.ingest_paths([tmp / "docs"]).skipped
    qs = [("green", "What amount of green energy (e.g., solar PV) financing had the bank approved in 2023?"),
          ("method", "本行範疇三投融資排放是參考哪一套方法學計算？"),
          ("due", "By which year must the bank complete its GHG inventory and assurance?")]
    qn = Questionnaire(id="t", title="t", language="zh-TW", source="questions.csv",
                       questions=[Question(id=i, text=t) for i, t in qs])
    return {a.question_id: a for a in answer_questionnaire(eb, qn, inventory=None).answers}


def test_an_english_question_finds_the_sentence_of_a_narrow_zh_table_column(zh_sheet):
    a = zh_sheet["green"]
    assert a.status != "no_evidence", a
    assert "2023年太陽光電等綠能融資已核准金額達88.25億元" in a.answer.replace(" ", "")
    assert {c.page for c in a.citations} == {1}


def test_a_note_under_a_table_answers_on_its_own(zh_sheet):
    a = zh_sheet["method"]
    assert "PCAF" in a.answer and {c.page for c in a.citations} == {2}
    assert "營業據點" not in a.answer  # the note before it is another note


def test_a_duty_with_a_deadline_is_not_a_yes(zh_sheet):
    a = zh_sheet["due"]
    assert "2025" in a.answer and not a.answer.startswith(("是", "Yes")), a.answer


def test_two_target_questions_of_one_sheet_get_the_target_each_asks_for(tmp_path):
    """Target answers are read for the question's own scope: the Scope 3 question of a sheet that
    first asked for the Scope 1 and 2 target gets the Scope 3 target, not the cached first answer."""
    from builders import make_pdf

    (tmp_path / "docs").mkdir()
    page = ("Our Scope 1 and 2 Reduction Target\nWe have committed to a 42% absolute reduction of Scope 1 and 2 emissions by 2030\n"
            "compared to our 2021 base year.\n\nOur Scope 3 Reduction Target\nWe will reduce our Scope 3 emissions intensity by 25%\n"
            "by 2030 from our baseline year of 2021.")
    (tmp_path / "docs" / "plan.pdf").write_bytes(make_pdf(["Example Co. Climate Plan 2023", page]))
    eb = EvidenceBase(fake_settings(tmp_path / "data"))
    assert not eb.ingest_paths([tmp_path / "docs"]).skipped
    qs = [("t12", "What Scope 1 and 2 emissions reduction target has the company set (percentage, target year, base year)?"),
          ("t3", "What Scope 3 emissions reduction target has the company set (percentage, target year, base year)?")]
    qn = Questionnaire(id="t", title="t", language="en", source="questions.csv", questions=[Question(id=i, text=t) for i, t in qs])
    got = {a.question_id: a for a in answer_questionnaire(eb, qn, inventory=None).answers}
    assert "42%" in got["t12"].answer and "25%" not in got["t12"].answer, got["t12"].answer
    assert "25%" in got["t3"].answer and "42%" not in got["t3"].answer, got["t3"].answer
