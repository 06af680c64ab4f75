"""Reading questionnaires and last year's answers from CSV/XLSX: headers in zh-TW and English, CDP-like
types, option separators, encodings, unrecognised columns and explicit mappings."""
from __future__ import annotations

import codecs
import csv
import io

import pytest

from builders import make_xlsx
from questionnaire_support import CDP_CSV
from disclosure.errors import DisclosureError, QuestionnaireFormatError
from disclosure.questionnaire import read_previous_answers, read_questionnaire


def csv_bytes(rows, encoding="utf-8", bom=False) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    data = buf.getvalue().encode(encoding)
    return (codecs.BOM_UTF8 + data) if bom else data


ZH_ROWS = [
    ["題號", "問題", "類型", "選項", "單位", "備註"],
    ["1.1", "2023年範疇一排放量為何？", "數值", "", "公噸CO2e", "必填"],
    ["1.2", "是否已通過SBTi確認？", "單選", "是、否", "", ""],
    ["1.3", "再生能源取得方式", "複選", "憑證、購電協議、自發自用", "", ""],
    ["1.4", "請說明氣候治理架構", "", "", "", ""],
]


def test_zh_headers_are_recognised_with_types_options_units_and_language():
    qn = read_questionnaire(csv_bytes(ZH_ROWS, bom=True), "客戶問卷.csv")
    assert qn.mapping == {"id": "題號", "text": "問題", "type": "類型", "options": "選項", "unit": "單位"}
    assert qn.language == "zh-TW"
    assert [q.id for q in qn.questions] == ["1.1", "1.2", "1.3", "1.4"]
    q1, q2, q3, q4 = qn.questions
    assert (q1.answer_type, q1.unit) == ("number", "公噸CO2e")
    assert q2.answer_type == "yes_no" and [o.label for o in q2.options] == ["是", "否"]
    assert q3.answer_type == "multi_choice" and [o.label for o in q3.options] == ["憑證", "購電協議", "自發自用"]
    assert q4.answer_type == "text"
    assert qn.columns == ZH_ROWS[0] and qn.rows[0][5] == "必填"  # original layout kept for the export


def test_english_xlsx_with_a_title_row_and_cdp_like_types():
    rows = [["Customer climate survey 2024"], [],
            ["Question ID", "Question text", "Question type", "Options", "Unit", "Answer"],
            ["C1", "What were your gross Scope 1 emissions (tCO2e)?", "NUMERIC", "", "", ""],
            ["C2", "Which target types do you have?", "MULTI_SELECT", "Absolute | Intensity | None", "", ""],
            ["C3", "Describe your transition plan", "RICH_TEXT", "", "", "We have one."],
            ["C4", "Provide emissions by scope", "MATRIX", "", "", ""],
            ["C5", "Is your inventory verified?", "SINGLE_SELECT", "Yes\nNo", "", ""]]
    qn = read_questionnaire(make_xlsx({"Survey": rows}), "survey.xlsx")
    assert qn.language == "en" and qn.sheet == "Survey"
    assert [q.answer_type for q in qn.questions] == ["number", "multi_choice", "text", "table", "yes_no"]
    assert qn.questions[0].unit == "tCO2e"  # read from the question text
    assert [o.id for o in qn.questions[1].options] == ["Absolute", "Intensity", "None"]
    assert qn.questions[2].previous_answer == "We have one."


def test_big5_csv_is_decoded():
    qn = read_questionnaire(csv_bytes(ZH_ROWS, encoding="cp950"), "問卷_big5.csv")
    assert qn.questions[0].text == "2023年範疇一排放量為何？"
    assert qn.language == "zh-TW"


UNKNOWN = [["Nummer", "Frage", "Hinweis"],
           ["A-1", "Wie hoch waren die Scope-1-Emissionen im Berichtsjahr?", "x"],
           ["A-2", "Haben Sie ein Klimaziel, das von der SBTi validiert wurde?", "x"],
           ["A-3", "Wie viel Strom stammt aus erneuerbaren Quellen?", "y"]]


def test_unrecognised_columns_raise_an_error_with_the_columns_and_a_best_guess():
    with pytest.raises(QuestionnaireFormatError) as err:
        read_questionnaire(csv_bytes(UNKNOWN), "fragebogen.csv")
    e = err.value
    assert isinstance(e, DisclosureError)
    assert e.columns == ["Nummer", "Frage", "Hinweis"]
    assert e.guess == {"text": "Frage", "id": "Nummer"}
    assert "Nummer" in e.message and "best guess" in e.message


def test_an_explicit_mapping_reads_the_unfamiliar_file():
    qn = read_questionnaire(csv_bytes(UNKNOWN), "fragebogen.csv", mapping={"id": "Nummer", "text": "Frage"})
    assert [q.id for q in qn.questions] == ["A-1", "A-2", "A-3"]
    assert qn.mapping["id"] == "Nummer" and qn.questions[1].text.startswith("Haben Sie")


def test_a_mapping_naming_a_missing_column_is_an_error():
    with pytest.raises(QuestionnaireFormatError, match="Frage2"):
        read_questionnaire(csv_bytes(UNKNOWN), "fragebogen.csv", mapping={"id": "Nummer", "text": "Frage2"})


def test_previous_answers_need_an_id_and_an_answer_column():
    prev = read_previous_answers(csv_bytes([["編號", "問題", "答案"], ["1.1", "範疇一", "8,905.0 公噸CO2e"], ["1.2", "x", ""]]),
                                 "去年.csv")
    assert prev == {"1.1": "8,905.0 公噸CO2e"}
    with pytest.raises(QuestionnaireFormatError, match="answer"):
        read_previous_answers(csv_bytes(ZH_ROWS), "no_answers.csv")


def test_duplicate_ids_are_kept_apart():
    rows = [["ID", "Question"], ["1", "First"], ["1", "Second"]]
    qn = read_questionnaire(csv_bytes(rows), "dupes.csv")
    assert [q.id for q in qn.questions] == ["1", "1#2"]


@pytest.mark.skipif(not CDP_CSV.is_file(), reason="CDP questionnaire export not available")
def test_the_cdp_export_is_read_with_its_types():
    qn = read_questionnaire(CDP_CSV.read_bytes(), CDP_CSV.name)
    assert len(qn.questions) == 253
    assert qn.mapping["id"] == "code" and qn.mapping["text"] == "question_text" and qn.mapping["type"] == "question_type"
    types = [q.answer_type for q in qn.questions]
    assert types.count("table") == 208 and types.count("number") == 1 and types.count("text") == 12
    assert types.count("choice") + types.count("yes_no") == 26 and types.count("multi_choice") == 6
    q71 = qn.question("7.1")
    assert q71.answer_type == "yes_no" and q71.section and qn.language == "en"
