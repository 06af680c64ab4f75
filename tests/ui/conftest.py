"""Fixtures for the page tests: an app environment on a temp data dir with the fake embedder, a
loopback OpenAI-compatible chat server, and a port where nothing listens."""
from __future__ import annotations

import json
import shutil
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

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


class _ChatHandler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization", "")})
        reply = {"id": "x", "object": "chat.completion", "created": 0, "model": body.get("model", "stub"),
                 "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "OK"}}],
                 "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def chat_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ChatHandler)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
