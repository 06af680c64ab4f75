"""End to end in headless Chromium: the three real zh-TW TCFD reports of ../shared/eval (skipped when
absent; never copied into the repository) are gap-checked on the Gap check page against the
labelled 91-item checklist, and the findings download as XLSX."""
from __future__ import annotations

import pytest

from e2e_support import ARTIFACTS, REPO, no_traceback, settle

pytestmark = pytest.mark.e2e
TW_REPORTS = REPO.parent / "shared" / "eval" / "tw_tcfd" / "reports"
RUBRIC = TW_REPORTS.parent / "rubric.csv"


@pytest.mark.skipif(not TW_REPORTS.is_dir(), reason="../shared/eval not present")
@pytest.mark.parametrize("report", ["2836_高雄銀行_2022_TCFD_報告書.pdf", "5847_玉山銀行_2022_TCFD_報告書.pdf",
                                    "5863_瑞興銀行_2022_TCFD_報告書.pdf"])
def test_gap_check_a_published_tcfd_report_in_the_browser(app_url, browser, report):
    import openpyxl

    url, tmp = app_url
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1800}, accept_downloads=True)
    page.goto(url + "/gap", wait_until="networkidle")
    page.get_by_text("要檢查的文件").first.wait_for(timeout=30000)
    page.locator("input[type=file]").first.set_input_files(str(TW_REPORTS / report))
    page.locator("[data-testid=stFileChip]").first.wait_for(timeout=30000)
    settle(page)
    page.locator("input[type=file]").nth(1).set_input_files(str(RUBRIC))  # the labelled 91-item checklist
    page.locator("[data-testid=stFileChip]").nth(1).wait_for(timeout=30000)
    settle(page)
    page.get_by_role("button", name="開始檢查").click()
    page.get_by_text("逐項結果").wait_for(timeout=600000)
    settle(page, timeout=120000)
    page.screenshot(path=str(ARTIFACTS / f"gap-{report[:6]}.png"), full_page=True)
    with page.expect_download(timeout=60000) as info:
        page.get_by_role("button", name="XLSX").click()
    target = tmp / f"gap-{report[:4]}.xlsx"
    info.value.save_as(str(target))
    ws = openpyxl.load_workbook(target)["檢核結果"]
    header = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 91  # every checklist item gets a verdict
    statuses = [r[header.index("status_id")] for r in rows]
    assert {"covered", "partial"} & set(statuses) and "missing" in statuses  # neither all-yes nor all-no
    no_traceback(page)
