"""End to end in a real headless Chromium (Debian's chromium, driven by Playwright) against the app
started on 127.0.0.1. Screenshots go to test-artifacts/ for a person to look at."""
from __future__ import annotations

import re

import pytest

from builders import make_pdf
from e2e_support import ARTIFACTS, REPO, free_port, no_traceback, settle, upload

pytestmark = pytest.mark.e2e


def test_upload_a_pdf_see_it_listed_and_search_it(app_url, browser):
    url, tmp = app_url
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = tmp / "盤查報告.pdf"
    pdf.write_bytes(make_pdf(["永續發展委員會每季至少召開一次會議，並每半年向董事會報告。",
                              "112年度範疇二排放量為45,620.9公噸CO2e（地點基準），市場基準為35,740.9公噸CO2e。"]))
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url + "/documents", wait_until="networkidle")
    page.get_by_text("上傳文件").first.wait_for(timeout=30000)
    page.locator("input[type=file]").set_input_files(str(pdf))
    page.get_by_text("盤查報告.pdf").first.wait_for(timeout=30000)
    page.get_by_role("button", name="加入證據庫").click()
    page.get_by_text("已加入: 盤查報告.pdf").wait_for(timeout=60000)
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "documents-after-upload.png"), full_page=True)
    page.get_by_placeholder("例如：2023年範疇二排放量").fill("Scope 2 emissions 2023")
    page.keyboard.press("Enter")
    page.get_by_text("盤查報告.pdf, p. 2").first.wait_for(timeout=30000)
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "documents-search.png"), full_page=True)
    assert "Traceback" not in page.content()


def test_switch_interface_language_to_english(app_url, browser):
    url, _ = app_url
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(url, wait_until="networkidle")
    page.get_by_text("ESG 揭露撰寫助理").wait_for(timeout=30000)
    page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").first.click()
    page.get_by_role("option", name="English").click()
    page.get_by_text("ESG disclosure assistant").wait_for(timeout=30000)
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "home-english.png"), full_page=True)


GOVERNANCE_PAGES = [
    "董事會為氣候相關風險與機會之最高監督單位，下設永續發展委員會，由董事長擔任主任委員。",
    "永續發展委員會每季至少召開一次會議，審議氣候相關風險、減碳目標與執行進度，並每半年向董事會報告。",
    "管理階層由永續長負責氣候相關風險之鑑別、評估與管理，並將減碳績效納入高階主管薪酬。",
]
TCFD_TEXT = ("董事會下設永續發展委員會，每季至少召開一次會議，監督氣候相關風險與機會。"
             "2023年範疇一排放量為8,512公噸CO2e，範疇二（地點基準）為45,620.9公噸CO2e。")


def test_draft_a_chapter_and_download_the_docx(app_url, browser):
    import docx

    url, tmp = app_url
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = tmp / "氣候治理說明.pdf"
    pdf.write_bytes(make_pdf(GOVERNANCE_PAGES))
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    upload(page, url, pdf)
    page.goto(url + "/draft", wait_until="networkidle")
    page.get_by_role("button", name="產生草稿").click()
    dl_button = page.get_by_role("button", name="下載 Word（DOCX）")
    dl_button.wait_for(timeout=120000)
    page.locator("sup").first.wait_for(timeout=10000)  # the reference numbers after cited sentences
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "draft-chapter.png"), full_page=True)
    with page.expect_download(timeout=60000) as info:
        dl_button.click()
    target = tmp / "draft.docx"
    info.value.save_as(str(target))
    assert info.value.suggested_filename.endswith(".docx")
    document = docx.Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "氣候治理說明.pdf" in text  # the sources list names the cited file …
    assert "[1]" in text  # … and the sentences carry their reference numbers
    no_traceback(page)


def test_run_a_gap_check_and_download_the_xlsx(app_url, browser):
    import openpyxl

    url, tmp = app_url
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1800}, accept_downloads=True)
    page.goto(url + "/gap", wait_until="networkidle")
    box = page.get_by_label("或貼上草稿文字")
    box.fill(TCFD_TEXT)
    box.press("Control+Enter")
    page.wait_for_timeout(1000)
    page.get_by_role("button", name="開始檢查").click()
    xlsx_button = page.get_by_role("button", name="XLSX")
    xlsx_button.wait_for(timeout=120000)
    page.get_by_text("逐項結果").wait_for(timeout=10000)
    settle(page)
    page.wait_for_timeout(1500)  # let the heat-map draw before the screenshot
    page.screenshot(path=str(ARTIFACTS / "gap-check.png"), full_page=True)
    with page.expect_download(timeout=60000) as info:
        xlsx_button.click()
    target = tmp / "gap.xlsx"
    info.value.save_as(str(target))
    wb = openpyxl.load_workbook(target)
    ws = wb["檢核結果"]  # the zh-TW interface writes zh-TW sheet names
    header = [c.value for c in ws[1]]
    assert "status_id" in header and "狀態" in header
    statuses = {row[header.index("status_id")] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert statuses and statuses <= {"covered", "partial", "missing"}
    assert ws.max_row == 12  # header + the 11 TCFD recommended disclosures
    no_traceback(page)
    # the same session's Home lists what the check found missing
    page.locator("[data-testid=stSidebarNav]").get_by_text("首頁").click()
    page.get_by_text("待處理缺口").wait_for(timeout=30000)
    settle(page)
    page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=30000)
    page.screenshot(path=str(ARTIFACTS / "home-open-gaps.png"), full_page=True)
    no_traceback(page)


def test_settings_llm_connection_test_with_a_bad_url_shows_a_clear_error(app_url, browser):
    url, _ = app_url
    ARTIFACTS.mkdir(exist_ok=True)
    dead = free_port()
    page = browser.new_page(viewport={"width": 1400, "height": 1500})
    page.goto(url + "/settings", wait_until="networkidle")
    page.get_by_text("語言模型後端").first.wait_for(timeout=30000)
    page.locator("[data-testid=stSelectbox]").filter(has_text="語言模型後端").click()
    page.get_by_role("option", name="openai").click()
    page.get_by_label("模型（名稱，或 llama.cpp 之 GGUF 檔路徑）").fill("local-model")
    page.get_by_label("服務網址（OpenAI 相容或 Ollama）").fill(f"http://127.0.0.1:{dead}/v1")
    page.get_by_label("API 金鑰").fill("sk-e2e-secret-value-123456")
    page.get_by_role("button", name="測試語言模型連線").click()
    error = page.locator("[data-testid=stAlertContentError]").filter(has_text="無法連線到語言模型")
    error.wait_for(timeout=60000)
    settle(page)
    error.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "settings-llm-error.png"), full_page=True)
    message = error.inner_text()
    assert f"127.0.0.1:{dead}" not in message or "Connection" in message
    assert "sk-e2e-secret-value-123456" not in page.content()
    no_traceback(page)


def test_cancel_a_long_gap_check(app_url, browser):
    """Cancel stops the check half-way (Streamlit stops the run at its next progress update; the
    next run waits for it and says so); no result appears and the page keeps working."""
    url, tmp = app_url
    ARTIFACTS.mkdir(exist_ok=True)
    para = ("董事會下設永續發展委員會，每季至少召開一次會議，監督氣候相關風險與機會。範疇一排放量為8,512公噸CO2e。"
            "公司進行情境分析與轉型計畫，並設定減碳目標。") * 6
    pdf = tmp / "長篇報告書.pdf"
    pdf.write_bytes(make_pdf([f"{para}第{i}頁" for i in range(1, 121)]))
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    page.goto(url + "/gap", wait_until="networkidle")
    page.get_by_text("要檢查的文件").first.wait_for(timeout=30000)
    page.locator("input[type=file]").first.set_input_files(str(pdf))
    page.get_by_text(pdf.name).first.wait_for(timeout=30000)
    from frameworks.library import default_library

    for fw in ("cdp", "gri"):  # with TCFD, already chosen: a long check; the options are the names in the interface language
        page.locator("[data-testid=stMultiSelect]").first.click()
        page.keyboard.type(default_library().get_framework(fw).name.zh.split()[0])  # filters the list to it
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        settle(page)  # each choice reruns the page; the next option list is drawn after it
    settle(page)
    page.get_by_role("button", name="開始檢查").click()
    page.get_by_text(re.compile(r"^檢查：")).first.wait_for(timeout=120000)  # the bar reached the requirements
    page.screenshot(path=str(ARTIFACTS / "gap-running.png"), full_page=True)
    page.get_by_role("button", name="取消").click()
    try:
        page.get_by_text("缺口檢查已取消").wait_for(timeout=60000)
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "gap-cancel-failed.png"), full_page=True)
        raise
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "gap-cancelled.png"), full_page=True)
    assert page.get_by_text("逐項結果").count() == 0  # no half result is shown
    assert page.get_by_role("button", name="取消").count() == 0
    assert page.get_by_role("button", name="開始檢查").is_enabled()
    no_traceback(page)


def test_home_shows_headline_ghg_figures_from_an_uploaded_inventory(app_url, browser):
    workbook = REPO / "corpus" / "documents" / "溫室氣體盤查清冊_2021-2023.xlsx"
    if not workbook.is_file():
        pytest.skip("sample inventory workbook not built")
    url, _ = app_url
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    upload(page, url, workbook)
    page.locator("[data-testid=stSidebarNav]").get_by_text("首頁").click()
    page.get_by_text("溫室氣體排放（2023 年，公噸CO2e）").wait_for(timeout=60000)
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "home-ghg.png"), full_page=True)
    metrics = page.locator("[data-testid=stMetricValue]").all_inner_texts()
    assert {"8,512.0", "45,620.9", "35,740.9", "313,530.0"} <= set(metrics)
    assert page.get_by_text(f"{workbook.name}，工作表").count() == 4
    no_traceback(page)
