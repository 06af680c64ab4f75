"""A consultant's second client in the browser: create a workspace, upload a file into it, switch
back, and the first workspace's documents and company are untouched; a reload stays in the client's
workspace (both interface languages)."""
from __future__ import annotations

import pytest

from builders import make_pdf
from e2e_support import ARTIFACTS, no_traceback, settle

pytestmark = pytest.mark.e2e


def _nav(page, label: str) -> None:
    """Go to a page through the sidebar, as a user does (the session and its workspace stay)."""
    page.locator("[data-testid=stSidebarNav]").get_by_text(label, exact=True).click()
    settle(page)


def _upload_here(page, path, button: str = "加入證據庫", done: str = "已加入") -> None:
    page.locator("input[type=file]").set_input_files(str(path))
    page.locator(f"[data-testid=stFileChip][aria-label^=\"{path.name},\"]").wait_for(timeout=30000)
    settle(page)
    page.get_by_role("button", name=button).click()
    page.get_by_text(f"{done}: {path.name}").first.wait_for(timeout=60000)
    settle(page)


def _listed(page, shown: str) -> str:
    """The documents table once it shows `shown` (the grid draws on a canvas and fills its
    accessible table a moment after the run ends; a fixed read raced it)."""
    grid = page.locator("[data-testid=stDataFrame]").first
    grid.wait_for(timeout=30000)
    page.wait_for_function(
        "name => [...document.querySelectorAll('[data-testid=stDataFrame]')].some(g => g.innerHTML.includes(name))",
        arg=shown, timeout=30000)
    return grid.inner_html(timeout=30000)


def _switch_workspace(page, label_part: str) -> None:
    page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").nth(1).click()
    page.get_by_role("option", name=label_part).first.click()
    settle(page)


def test_a_new_workspace_keeps_its_documents_apart(app_url, browser):
    url, tmp = app_url
    ARTIFACTS.mkdir(exist_ok=True)
    own = tmp / "董事會會議紀錄.pdf"
    own.write_bytes(make_pdf(["永續發展委員會每季召開一次會議，審議減碳目標與執行進度，並向董事會報告。"]))
    client = tmp / "客戶乙盤查摘要.pdf"
    client.write_bytes(make_pdf(["客戶乙112年度範疇一排放量為1,234.5公噸CO2e，範疇二為6,789.0公噸CO2e。"]))
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url, wait_until="networkidle")
    page.get_by_text("ESG 揭露撰寫助理").first.wait_for(timeout=30000)
    _nav(page, "文件")
    _upload_here(page, own)

    _nav(page, "工作區與公司資料")
    form = page.locator("[data-testid=stForm]").nth(1)
    form.get_by_label("工作區代號").fill("client-b")
    form.get_by_label("公司中文名稱").fill("乙實業股份有限公司")
    form.get_by_label("公司英文名稱").fill("B Industries Co., Ltd.")
    form.get_by_role("button", name="建立").click()
    page.get_by_text("已建立工作區 client-b").wait_for(timeout=30000)
    page.locator("[data-testid=stSidebar]").get_by_text("乙實業股份有限公司").first.wait_for(timeout=30000)
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "workspace-created.png"), full_page=True)

    _nav(page, "文件")
    _upload_here(page, client)
    listed = _listed(page, "客戶乙盤查摘要.pdf")
    assert "客戶乙盤查摘要.pdf" in listed and "董事會會議紀錄.pdf" not in listed
    page.screenshot(path=str(ARTIFACTS / "workspace-client-documents.png"), full_page=True)

    page.reload(wait_until="networkidle")  # a reload stays in the client's workspace
    page.locator("[data-testid=stSidebar]").get_by_text("乙實業股份有限公司").first.wait_for(timeout=30000)
    settle(page)
    assert "董事會會議紀錄.pdf" not in _listed(page, "客戶乙盤查摘要.pdf")

    _switch_workspace(page, "default")
    # the app runs without the sample corpus here, so the default workspace has no company profile
    # (it takes the sample company's only when the sample corpus is indexed in it)
    page.locator("[data-testid=stSidebar]").get_by_text("（尚未設定公司名稱）").first.wait_for(timeout=30000)
    settle(page)
    listed = _listed(page, "董事會會議紀錄.pdf")
    assert "董事會會議紀錄.pdf" in listed and "客戶乙盤查摘要.pdf" not in listed
    no_traceback(page)
    page.screenshot(path=str(ARTIFACTS / "workspace-default-documents.png"), full_page=True)

    # the same switch in the English interface
    page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").first.click()
    page.get_by_role("option", name="English").click()
    settle(page)
    _switch_workspace(page, "client-b")
    page.locator("[data-testid=stSidebar]").get_by_text("B Industries Co., Ltd.").first.wait_for(timeout=30000)
    settle(page)
    listed = _listed(page, "客戶乙盤查摘要.pdf")
    assert "客戶乙盤查摘要.pdf" in listed and "董事會會議紀錄.pdf" not in listed
    no_traceback(page)
    page.screenshot(path=str(ARTIFACTS / "workspace-client-documents-en.png"), full_page=True)
