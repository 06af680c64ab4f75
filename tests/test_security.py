"""Security properties that cut across modules:

- the LLM API key never shows in a log line, an error message (with its whole cause chain), a
  settings dump, a saved draft or the CLI's output — also when the model server cannot be reached;
- with ``llm_backend = none`` nothing talks to any model server: no socket is opened while ingesting,
  searching and drafting, even with OpenAI variables in the environment.

(The prompt-injection case — a document saying "ignore previous instructions…" must not change a
draft's figures — is tests/drafting/test_llm.py::test_an_instruction_inside_a_document_does_not_change_the_figures;
file-name traversal is in test_bad_inputs.py and test_fuzz.py.)
"""
import json
import logging
import os
import socket
import subprocess
import sys
import threading
import traceback
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from builders import make_pdf
from disclosure.drafting import draft_chapter
from disclosure.drafting.export import to_json
from disclosure.errors import DisclosureError
from disclosure.evidence import EvidenceBase, PendingFile
from disclosure.settings import load_settings

GHG_PAGE = ("112年度範疇一排放量為8,512.0公噸CO2e。112年度範疇二排放量依地點基準計算為45,620.9公噸CO2e。"
            "本年度盤查依ISO 14064-1執行並經第三方查證。")


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: connections are refused


def _secret() -> str:
    return f"sk-test-{uuid.uuid4().hex}"


def _exception_text(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc)) + repr(exc) + "".join(repr(a) for a in getattr(exc, "args", ()))


@pytest.fixture
def secret_settings(tmp_path):
    secret = _secret()
    s = load_settings({"data_dir": tmp_path / "data", "embedding_backend": "fake", "llm_backend": "openai",
                       "llm_model": "gpt-test", "llm_base_url": f"http://127.0.0.1:{_closed_port()}/v1",
                       "llm_timeout_s": 5.0},
                      environ={"DISCLOSURE_LLM_API_KEY": secret}, secrets_path=None)
    assert s.llm_api_key.get_secret_value() == secret  # it did come in through the environment
    return s, secret


def test_api_key_is_in_no_log_error_or_dump_when_the_model_server_is_unreachable(secret_settings, caplog):
    settings, secret = secret_settings
    caplog.set_level(logging.DEBUG)  # everything: our loggers, langchain, openai, httpx, httpcore
    eb = EvidenceBase(settings)
    eb.ingest_files([PendingFile("盤查報告書.pdf", make_pdf([GHG_PAGE]))])
    with pytest.raises(Exception) as err:
        draft_chapter(eb, "ghg-inventory", ["gri"], "zh-TW", mode="llm")
    assert "127.0.0.1" in str(err.value) or "onnect" in _exception_text(err.value)  # it is the connection failure
    assert secret not in _exception_text(err.value)
    logged = "\n".join(r.getMessage() + repr(r.args) + (r.exc_text or "") for r in caplog.records)
    assert secret not in logged and secret not in caplog.text

    for dump in (repr(settings), str(settings), json.dumps(settings.public_dict()), settings.model_dump_json(),
                 str(settings.model_dump())):
        assert secret not in dump


def test_api_key_is_not_echoed_by_an_invalid_settings_error():
    secret = _secret()
    with pytest.raises(DisclosureError) as err:
        load_settings(environ={"DISCLOSURE_LLM_API_KEY": secret, "DISCLOSURE_LLM_TIMEOUT_S": "-1"}, secrets_path=None)
    assert secret not in _exception_text(err.value)


def test_cli_draft_against_an_unreachable_server_reports_without_the_key(secret_settings):
    settings, secret = secret_settings
    EvidenceBase(settings).ingest_files([PendingFile("盤查報告書.pdf", make_pdf([GHG_PAGE]))])
    env = {**os.environ, "DISCLOSURE_EMBEDDING_BACKEND": "fake", "DISCLOSURE_LLM_BACKEND": "openai",
           "DISCLOSURE_LLM_MODEL": "gpt-test", "DISCLOSURE_LLM_BASE_URL": settings.llm_base_url,
           "DISCLOSURE_LLM_API_KEY": secret, "DISCLOSURE_LLM_TIMEOUT_S": "5"}
    for k in ("DISCLOSURE_DEBUG", "DISCLOSURE_STRICT"):  # run as a user runs it, not strict
        env.pop(k, None)
    p = subprocess.run([sys.executable, "-m", "disclosure", "-v", "--data-dir", str(settings.data_dir), "draft",
                        "--chapter", "ghg-inventory", "--frameworks", "gri", "--mode", "llm", "--no-inventory"],
                       capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 2, p.stderr
    assert "error:" in p.stderr and "language model" in p.stderr
    assert secret not in p.stdout + p.stderr


class _CountingHandler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - http.server API
        self.server.hits.append(self.path)
        self.send_error(500)

    do_GET = do_POST

    def log_message(self, *args):
        pass


def test_without_an_llm_backend_nothing_opens_a_socket(tmp_path, monkeypatch):
    # A listener where an OpenAI client configured from the environment would go.
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    server.hits = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("OPENAI_API_KEY", _secret())
        monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{server.server_port}/v1")
        monkeypatch.setenv("OLLAMA_HOST", f"127.0.0.1:{server.server_port}")
        secret = _secret()  # a key configured but no backend: still nothing is sent, and no draft records it
        settings = load_settings({"data_dir": tmp_path / "data", "embedding_backend": "fake"},
                                 environ={"DISCLOSURE_LLM_API_KEY": secret}, secrets_path=None)
        assert settings.llm_backend == "none"

        attempts = []
        real_connect = socket.socket.connect

        def guarded_connect(sock, address):
            attempts.append(address)
            raise AssertionError(f"network connection attempted to {address!r} with llm_backend=none")

        monkeypatch.setattr(socket.socket, "connect", guarded_connect)
        monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect)

        eb = EvidenceBase(settings)
        eb.ingest_files([PendingFile("盤查報告書.pdf", make_pdf([GHG_PAGE]))])
        assert eb.search("2023年範疇一排放量", k=3)
        d = draft_chapter(eb, "ghg-inventory", ["gri"], "zh-TW", mode="grounded")
        assert d.sentences()
        assert secret not in to_json(d)  # a saved draft records its settings, masked
        with pytest.raises(DisclosureError, match="llm_backend"):  # asking for LLM mode is refused, not sent
            draft_chapter(eb, "ghg-inventory", ["gri"], "zh-TW", mode="llm")
        monkeypatch.setattr(socket.socket, "connect", real_connect)
        assert attempts == []
        assert server.hits == []
    finally:
        server.shutdown()
        server.server_close()
