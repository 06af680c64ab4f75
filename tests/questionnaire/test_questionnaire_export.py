"""Export: XLSX with the original columns plus the answer columns (read back with openpyxl), JSON."""
from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from disclosure.questionnaire import (
    answer_questionnaire, read_previous_answers, read_questionnaire, to_json, to_xlsx_bytes,
)
from questionnaire_support import CORPUS, INVENTORY_NAME

CSV = ("編號,題目,單位,備註\n"
       "一、一般資訊,,,\n"
       "1,112年度範疇一排放量,公噸CO2e,必填\n"
       "2,本公司總取水量,立方公尺,\n").encode("utf-8")


@pytest.fixture(scope="module")
def imported_sheet(sample_base):
    qn = read_questionnaire(CSV, "客戶問卷.csv")
    return answer_questionnaire(sample_base, qn, inventory=CORPUS / INVENTORY_NAME, previous={"1": "9,100"},
                                previous_source="去年.xlsx")


def _read(data: bytes):
    ws = load_workbook(io.BytesIO(data)).active
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_xlsx_keeps_the_original_columns_and_rows_and_adds_the_answers(imported_sheet):
    rows = _read(to_xlsx_bytes(imported_sheet, "en"))  # an English interface: English headers and values
    assert rows[0] == ["編號", "題目", "單位", "備註", "Answer", "Value", "Unit", "Year", "Citations", "Confidence",
                       "Status", "Previous answer", "Stale", "Change", "status_id"]
    assert len(rows) == 4  # header + the section row + 2 questions, in the original order
    section, scope1, water = rows[1], rows[2], rows[3]
    assert section[:2] == ["一、一般資訊", None] and section[4] is None  # a title row: kept, not answered
    assert scope1[3] == "必填" and scope1[5] == pytest.approx(8512.0) and scope1[6] == "tCO2e" and scope1[7] == 2023
    assert INVENTORY_NAME in scope1[8] and scope1[10] == "answered" and scope1[9] == "high"
    assert scope1[11] == "9,100" and scope1[12] == "yes" and scope1[13] == "9,100 → 8,512.0"
    assert water[10] == "no_evidence" and water[4] == "已索引文件中無相關佐證" and water[12] == "no"
    assert scope1[14] == "answered" and water[14] == "no_evidence"


def test_a_zh_tw_export_has_zh_tw_headers_and_values_and_keeps_the_status_id(imported_sheet):
    wb = load_workbook(io.BytesIO(to_xlsx_bytes(imported_sheet, "zh-TW")))
    assert wb.sheetnames[0] == "回覆"
    rows = [[c.value for c in row] for row in wb.active.iter_rows()]
    assert rows[0][4:] == ["回答", "數值", "單位（草稿）", "年度", "引用來源", "信心程度", "狀態", "去年答覆", "需更新", "變動", "status_id"]
    scope1, water = rows[2], rows[3]
    assert scope1[9] == "高" and scope1[10] == "已回答" and scope1[12] == "是" and scope1[14] == "answered"
    assert water[10] == "無佐證" and water[12] == "否" and water[14] == "no_evidence"
    assert wb.active.cell(3, 11).fill.fgColor.rgb.endswith("E2F0D9")  # coloured by the status id
    # the zh-TW file reads back as last year's answers too
    assert read_previous_answers(to_xlsx_bytes(imported_sheet, "zh-TW"), "去年.xlsx")["1"].startswith("2023年範疇一排放量")


def test_the_export_reads_back_as_last_years_answers(imported_sheet):
    prev = read_previous_answers(to_xlsx_bytes(imported_sheet), "answers.xlsx")
    assert prev["1"].startswith("2023年範疇一排放量為8,512.0")


def test_json_has_the_documented_fields_first(imported_sheet):
    data = json.loads(to_json(imported_sheet))
    assert [d["question_id"] for d in data] == ["1", "2"]
    first = data[0]
    assert list(first)[:5] == ["question_id", "answer", "status", "confidence", "citations"]
    assert {"source", "page"} <= set(first["citations"][0])
    assert first["value"] == pytest.approx(8512.0) and first["stale"] is True
    assert first["change"]["numbers"][0]["old"] == "9,100"


def test_builtin_layout_has_id_section_question(supplier_sheet_en):
    rows = _read(to_xlsx_bytes(supplier_sheet_en))
    assert rows[0][:4] == ["ID", "Section", "Question", "Answer"]
    table = next(r for r in rows if r[0] == "SC-3.3")
    value = table[rows[0].index("Value")]
    assert "category: 1" in value and "tCO2e: not relevant" in value
