"""The same evidence-base behaviour against both store modes: embedded Chroma and a real Chroma
server on 127.0.0.1 — the one `.ci/run` starts and names in DISCLOSURE_TEST_CHROMA_URL
(e.g. http://127.0.0.1:8123; DISCLOSURE_TEST_CHROMA_PORT alone also works), else one this module
starts itself with `chroma run` on a free port and a temp path."""
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

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


def _reachable(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=2).close()
        return True
    except OSError:
        return False


# One self-started server per test session, however many modules import the fixture below
# (test_concurrency and test_crash do): [process, port, modules using it].
_SERVER: list = []


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """(host, port) of a running Chroma server on loopback."""
    url, port = os.environ.get("DISCLOSURE_TEST_CHROMA_URL"), os.environ.get("DISCLOSURE_TEST_CHROMA_PORT")
    if url or port:
        parsed = urlparse(url) if url else None
        host = (parsed.hostname if parsed else None) or "127.0.0.1"
        port = int(parsed.port if parsed and parsed.port else port or 8000)
        if not _reachable(host, port):  # a server CI promised but is not there is a failure, never a skip
            pytest.fail(f"no Chroma server at {host}:{port} (DISCLOSURE_TEST_CHROMA_URL/PORT)")
        yield host, port
        return
    if not _SERVER:
        exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
        if not Path(exe).exists():
            pytest.skip("the chroma CLI is not installed")
        port = _free_port()
        path = tmp_path_factory.mktemp("chroma-server")
        proc = subprocess.Popen([exe, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(path)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while not _reachable("127.0.0.1", port):
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                pytest.fail("chroma server did not start")
            time.sleep(0.3)
        _SERVER[:] = [proc, port, 0]
    _SERVER[2] += 1
    yield "127.0.0.1", _SERVER[1]
    _SERVER[2] -= 1
    if _SERVER[2] == 0:
        proc = _SERVER[0]
        _SERVER.clear()
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(params=["embedded", pytest.param("server", marks=pytest.mark.server)])
def store_settings(request, tmp_path):
    overrides = {"data_dir": tmp_path / "data", "embedding_backend": "fake", "store_mode": request.param,
                 # a unique prefix keeps tests independent on the shared server
                 "collection_prefix": f"t{uuid.uuid4().hex[:12]}"}
    if request.param == "server":
        overrides["chroma_host"], overrides["chroma_port"] = request.getfixturevalue("chroma_server")
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


def _other_instance(settings, tmp_path, name):
    """Another app instance on the same store: in server mode its own data dir (own lexical cache)."""
    if settings.store_mode == "server":
        return EvidenceBase(settings.model_copy(update={"data_dir": tmp_path / name}))
    return EvidenceBase(settings)


def test_instances_sharing_a_store_follow_each_others_removals_and_replacements(store_settings, tmp_path):
    a, b = EvidenceBase(store_settings), _other_instance(store_settings, tmp_path, "b")
    a.ingest_files([PendingFile("plan.md", "# 減碳計畫\n\n2030年再生能源使用比例目標為百分之三十。".encode()),
                    PendingFile("gov.md", "# 治理\n\n永續發展委員會每季召開一次。".encode())])
    assert b.search("再生能源 目標", k=1)[0].source == "plan.md"  # b builds (and caches) its lexical index
    b.ingest_files([PendingFile("plan.md", "# 減碳計畫\n\n2030年綠電採購目標改為百分之六十。".encode())])
    assert [d.source for d in a.documents()] == ["gov.md", "plan.md"]  # replaced, not duplicated
    hits = a.search("綠電採購 目標", k=3)
    assert hits[0].source == "plan.md" and "六十" in hits[0].text
    assert not any("三十" in h.text for h in a.search("再生能源使用比例", k=5))  # the old version is gone for a too
    a.remove("gov.md")
    assert [d.source for d in b.documents()] == ["plan.md"]
    assert all(h.source != "gov.md" for h in b.search("永續發展委員會 每季", k=5))


@pytest.mark.server
def test_cli_and_app_instances_share_one_server_through_settings(chroma_server, tmp_path):
    """What a team does: every instance and the CLI get DISCLOSURE_STORE_MODE=server and the server's
    host and port; each keeps its own data dir."""
    host, port = chroma_server
    prefix = f"t{uuid.uuid4().hex[:12]}"
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "inv.pdf").write_bytes(make_pdf([PAGE]))
    env = {**os.environ, "DISCLOSURE_STORE_MODE": "server", "DISCLOSURE_CHROMA_HOST": host,
           "DISCLOSURE_CHROMA_PORT": str(port), "DISCLOSURE_COLLECTION_PREFIX": prefix,
           "DISCLOSURE_EMBEDDING_BACKEND": "fake", "DISCLOSURE_DATA_DIR": str(tmp_path / "cli-data")}
    env.pop("DISCLOSURE_DEBUG", None)
    p = subprocess.run([sys.executable, "-m", "disclosure", "ingest", str(docs), "--quiet"],
                       capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 0, p.stderr
    app = EvidenceBase(load_settings(environ={**{k: v for k, v in env.items() if k.startswith("DISCLOSURE_")},
                                              "DISCLOSURE_DATA_DIR": str(tmp_path / "app-data")}, secrets_path=None))
    assert [d.source for d in app.documents()] == ["inv.pdf"]
    assert app.search("範疇二 地點基準", k=1)[0].source == "inv.pdf"
    assert not (tmp_path / "app-data" / "chroma").exists()  # nothing of the store is kept locally
    app.ingest_files([PendingFile("gov.md", "# 治理\n\n永續發展委員會每季召開一次。".encode())])
    p = subprocess.run([sys.executable, "-m", "disclosure", "search", "永續發展委員會", "--json", "-k", "1"],
                       capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 0, p.stderr
    assert '"gov.md"' in p.stdout


def test_unreachable_server_is_a_clear_error(tmp_path):
    s = load_settings({"data_dir": tmp_path, "embedding_backend": "fake", "store_mode": "server",
                       "chroma_port": _free_port()}, environ={}, secrets_path=None)
    with pytest.raises(BackendUnavailableError, match="chroma run"):
        EvidenceBase(s)
