"""Fixtures for the page tests: an app environment on a temp data dir with the fake embedder, a
loopback OpenAI-compatible chat server, and a port where nothing listens."""
from __future__ import annotations

import shutil
import socket

import pytest

from loopback_llm import serve_chat
from ui_support import WORKBOOK


@pytest.fixture
def ui_env(tmp_path, monkeypatch):
    """Settings from the environment: temp data dir, fake embedder, a corpus dir with the sample
    inventory workbook (when built) and a short governance note."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    if WORKBOOK.is_file():
        shutil.copy(WORKBOOK, corpus / WORKBOOK.name)
    (corpus / "note.md").write_text("# 治理\n\n永續發展委員會每季召開一次會議，監督氣候相關風險。", encoding="utf-8")
    monkeypatch.setenv("DISCLOSURE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DISCLOSURE_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("DISCLOSURE_EMBEDDING_BACKEND", "fake")
    monkeypatch.setenv("DISCLOSURE_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("LLM_BACKEND", "LLM_MODEL", "LLM_BASE_URL", "LLM_API_KEY", "STORE_MODE"):
        monkeypatch.delenv(f"DISCLOSURE_{name}", raising=False)
    return tmp_path


@pytest.fixture
def dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the fixture returns: nothing listens there


@pytest.fixture
def chat_server():
    with serve_chat() as server:
        yield server
