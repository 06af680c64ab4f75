"""End to end in headless Chromium: a customer questionnaire with unfamiliar column names is
mapped, answered from the evidence base and downloaded as XLSX."""
from __future__ import annotations

import io

import pytest

from builders import make_pdf
from e2e_support import ARTIFACTS, no_traceback, settle, upload

pytestmark = pytest.mark.e2e


def _customer_xlsx() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Fragebogen"
    ws.append(["Nr.", "Frage", "Einheit"])
    ws.append(["K-1", "2023年範疇一排放量（公噸CO2e）", "tCO2e"])
    ws.append(["K-2", "2023年總取水量（立方公尺）", "m3"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_map_an_unfamiliar_questionnaire_answer_it_and_download_the_xlsx(app_url, browser):
    import openpyxl

    url, tmp = app_url
    ARTIFACTS.mkdir(exist_ok=True)
    report = tmp / "排放摘要.pdf"
    report.write_bytes(make_pdf(["112年度溫室氣體盤查結果：範疇一排放量為8,512.0公噸CO2e，範疇二（地點基準）為45,620.9公噸CO2e。"]))
    questions = tmp / "Kundenfragebogen.xlsx"
    questions.write_bytes(_customer_xlsx())
    page = browser.new_page(viewport={"width": 1400, "height": 1600}, accept_downloads=True)
    upload(page, url, report)
    page.goto(url + "/questionnaire", wait_until="networkidle")
    page.get_by_text("匯入問卷檔（CSV/XLSX）").click()
    page.locator("input[type=file]").first.set_input_files(str(questions))
    page.get_by_text("無法辨識題號或題目欄位").wait_for(timeout=30000)
    settle(page)
    page.locator("[data-testid=stSelectbox]").filter(has_text="單位").click()
    page.get_by_role("option", name="Einheit").click()
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "questionnaire-mapping.png"), full_page=True)
    page.get_by_role("button", name="套用欄位對應").click()
    page.get_by_text("已讀入 2 題").wait_for(timeout=30000)
    page.get_by_role("button", name="產生回覆").click()
    xlsx_button = page.get_by_role("button", name="下載 XLSX")
    xlsx_button.wait_for(timeout=120000)
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "questionnaire-answered.png"), full_page=True)
    with page.expect_download(timeout=60000) as info:
        xlsx_button.click()
    target = tmp / "answers.xlsx"
    info.value.save_as(str(target))
    ws = openpyxl.load_workbook(target).active
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Nr.", "Frage", "Einheit"]  # the customer's own columns come back first
    rows = {r[0]: dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)}
    # the zh-TW interface writes zh-TW headers and values; the status id keeps its own column
    assert "8,512" in str(rows["K-1"]["回答"]) and "排放摘要.pdf" in str(rows["K-1"]["引用來源"])
    assert rows["K-2"]["status_id"] == "no_evidence" and rows["K-2"]["狀態"] == "無佐證" and not rows["K-2"]["引用來源"]
    no_traceback(page)
