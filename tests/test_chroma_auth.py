"""Server mode with Chroma's token authentication: a real Chroma server on 127.0.0.1 started with
token auth on (Chroma's Python FastAPI server; the Rust `chroma run` has no auth options), the
right token works, a wrong or missing one is a clear error that never shows the token."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest

from builders import make_pdf
from disclosure.errors import BackendUnavailableError
from disclosure.evidence import EvidenceBase, PendingFile
from disclosure.settings import load_settings

pytestmark = pytest.mark.server
TOKEN = "team-token-7f3a9c1e5b"


@pytest.fixture(scope="module")
def auth_server(tmp_path_factory):
    pytest.importorskip("fastapi", reason="the test extra installs fastapi for Chroma's Python server")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    path = tmp_path_factory.mktemp("chroma-auth")
    env = {**os.environ, "CHROMA_SERVER_AUTHN_PROVIDER": "chromadb.auth.token_authn.TokenAuthenticationServerProvider",
           "CHROMA_SERVER_AUTHN_CREDENTIALS": TOKEN, "IS_PERSISTENT": "1", "PERSIST_DIRECTORY": str(path / "db"),
           "ANONYMIZED_TELEMETRY": "False"}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "chromadb.app:app", "--host", "127.0.0.1", "--port", str(port)],
                            cwd=path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail("chroma auth server exited: " + proc.stdout.read().decode(errors="replace")[-1500:])
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("chroma auth server did not start")
    yield port
    proc.terminate()
    proc.wait(timeout=30)


def _settings(tmp_path, port, token):
    return load_settings({"data_dir": tmp_path / "d", "embedding_backend": "fake", "store_mode": "server",
                          "chroma_host": "127.0.0.1", "chroma_port": port, "collection_prefix": "authtest",
                          "chroma_token": token, "strict": True}, environ={}, secrets_path=None)


def test_the_right_token_stores_and_finds_documents(tmp_path, auth_server):
    eb = EvidenceBase(_settings(tmp_path, auth_server, TOKEN))
    eb.ingest_files([PendingFile("r.pdf", make_pdf(["112年度範疇一排放量為8,512.0公噸CO2e。"]))])
    assert eb.search("範疇一排放量", k=1)[0].source == "r.pdf"


@pytest.mark.parametrize("token", ["wrong-token-123456", ""])
def test_a_wrong_or_missing_token_is_a_clear_error_without_the_token(tmp_path, auth_server, token, caplog):
    with pytest.raises(BackendUnavailableError) as err:
        EvidenceBase(_settings(tmp_path, auth_server, token))
    msg = err.value.message
    assert "refused access" in msg and "chroma_token" in msg
    assert ("not accepted" in msg) if token else ("requires a token" in msg)
    assert TOKEN not in msg and (not token or token not in msg)
    assert TOKEN not in caplog.text and (not token or token not in caplog.text)


def test_the_token_is_masked_wherever_settings_are_shown(tmp_path, auth_server):
    s = _settings(tmp_path, auth_server, TOKEN)
    assert TOKEN not in repr(s) and TOKEN not in str(s.public_dict()) and s.public_dict()["chroma_token"] == "***"
