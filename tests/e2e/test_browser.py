"""End to end in a real headless Chromium (Debian's chromium, driven by Playwright) against the app
started on 127.0.0.1. Screenshots go to test-artifacts/ for a person to look at."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from builders import make_pdf

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("DISCLOSURE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium chromium-driver)")
    tmp = tmp_path_factory.mktemp("e2e")
    port = _free_port()
    env = {**os.environ, "DISCLOSURE_DATA_DIR": str(tmp / "data"), "DISCLOSURE_EMBEDDING_BACKEND": "fake",
           "DISCLOSURE_CORPUS_DIR": str(tmp / "no-corpus")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("streamlit did not start: " + proc.stdout.read().decode(errors="replace")[-2000:])
    yield f"http://127.0.0.1:{port}", tmp
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


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
    page.screenshot(path=str(ARTIFACTS / "documents-after-upload.png"), full_page=True)
    page.get_by_placeholder("例如：2023年範疇二排放量").fill("Scope 2 emissions 2023")
    page.keyboard.press("Enter")
    page.get_by_text("盤查報告.pdf, p. 2").first.wait_for(timeout=30000)
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
    page.screenshot(path=str(ARTIFACTS / "home-english.png"), full_page=True)
