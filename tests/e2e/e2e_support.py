"""Helpers for the end-to-end browser tests (the fixtures that start the app and Chromium are in
conftest.py)."""
from __future__ import annotations

import os
import socket
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("DISCLOSURE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def settle(page, timeout: float = 60000) -> None:
    """Wait until the script run is over and no element is stale (the screenshot shows the result,
    not the page half-way through a rerun)."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidgetRunningIcon], "
        "[data-testid=stStatusWidgetRunningManIcon], [data-stale=true]')", timeout=timeout)


def upload(page, url: str, path: Path) -> None:
    page.goto(url + "/documents", wait_until="networkidle")
    page.get_by_text("上傳文件").first.wait_for(timeout=30000)
    page.locator("input[type=file]").set_input_files(str(path))
    page.locator(f"[data-testid=stFileChip][aria-label^=\"{path.name},\"]").wait_for(timeout=30000)  # long names are shortened
    settle(page)
    page.get_by_role("button", name="加入證據庫").click()
    page.get_by_text(f"已加入: {path.name}").or_(page.get_by_text(f"未變更: {path.name}")).first.wait_for(timeout=60000)


def no_traceback(page) -> None:
    body = page.content()
    assert "Traceback" not in body and 'data-testid="stException"' not in body


