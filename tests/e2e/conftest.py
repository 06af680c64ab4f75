"""Fixtures of the end-to-end tests: the app on 127.0.0.1 (fake embedder, temp data dir) and a
headless Debian Chromium driven by Playwright, both once per test module."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from e2e_support import CHROMIUM, CHROMIUM_ARGS, REPO, free_port


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium chromium-driver)")
    tmp = tmp_path_factory.mktemp("e2e")
    port = free_port()
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


