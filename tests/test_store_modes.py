"""The same evidence-base behaviour against both store modes: embedded Chroma and a real Chroma
server on 127.0.0.1 (started here with `chroma run`, or given by CI through DISCLOSURE_TEST_CHROMA_PORT)."""
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from builders import make_pdf
from disclosure.errors import BackendUnavailableError
from disclosure.evidence import EvidenceBase, PendingFile
from disclosure.settings import load_settings

PAGE = "112年度範疇一排放量為8,512公噸CO2e，範疇二（地點基準）為45,620.9公噸CO2e。"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    port = os.environ.get("DISCLOSURE_TEST_CHROMA_PORT")
    if port:
        yield int(port)
        return
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    if not Path(exe).exists():
        pytest.skip("the chroma CLI is not installed")
    port = _free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen([exe, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("chroma server did not start")
    yield port
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(params=["embedded", "server"])
def store_settings(request, tmp_path):
    overrides = {"data_dir": tmp_path / "data", "embedding_backend": "fake", "store_mode": request.param,
                 # a unique prefix keeps tests independent on the shared server
                 "collection_prefix": f"t{abs(hash(tmp_path)) % 10**8}"}
    if request.param == "server":
        overrides["chroma_port"] = request.getfixturevalue("chroma_server")
    return load_settings(overrides, environ={}, secrets_path=None)


def test_ingest_search_remove_behave_the_same_in_both_modes(store_settings):
    eb = EvidenceBase(store_settings)
    pdf = make_pdf(["董事會每季聽取氣候議題報告，並督導淨零路徑。", PAGE])
    rep = eb.ingest_files([PendingFile("inv.pdf", pdf)])
    assert rep.added and rep.added[0].pages == 2
    assert eb.ingest_files([PendingFile("inv.pdf", pdf)]).unchanged
    hits = eb.search("2023年範疇一排放量", k=2)
    assert hits[0].page == 2 and "8,512" in hits[0].text
    eb.remove("inv.pdf")
    assert eb.documents() == [] and eb.search("範疇一") == []


def test_a_second_instance_on_the_same_store_sees_the_same_documents_and_lexical_index(store_settings, tmp_path):
    a = EvidenceBase(store_settings)
    a.ingest_files([PendingFile("inv.pdf", make_pdf([PAGE]))])
    # another app instance: its own data dir (own lexical cache) but the same store
    other = store_settings.model_copy(update={"data_dir": tmp_path / "other"}) if store_settings.store_mode == "server" else store_settings
    b = EvidenceBase(other)
    assert [d.source for d in b.documents()] == ["inv.pdf"]
    assert b.search("範疇二 地點基準", k=1)[0].source == "inv.pdf"
    a.ingest_files([PendingFile("gov.md", "# 治理\n\n永續發展委員會每季召開一次。".encode())])
    assert b.search("永續發展委員會 每季", k=1)[0].source == "gov.md"  # b's lexical index follows the store


def test_unreachable_server_is_a_clear_error(tmp_path):
    s = load_settings({"data_dir": tmp_path, "embedding_backend": "fake", "store_mode": "server",
                       "chroma_port": _free_port()}, environ={}, secrets_path=None)
    with pytest.raises(BackendUnavailableError, match="chroma run"):
        EvidenceBase(s)
