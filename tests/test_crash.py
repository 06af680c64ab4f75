"""Crash safety: `python -m disclosure ingest` of a large PDF is killed with SIGKILL in the middle
(while embedding, or while its chunks are being written to the store); a new process then finds
the index consistent, the document whole or absent, and a re-ingest completes it. Embedded store
(both phases) and a Chroma server on loopback (the write phase, where a server holds half a document).

The slowdown hook (tests/slowdown/sitecustomize.py) stretches the ingest to a few seconds and says
when the chosen phase has begun, so that the kill lands inside it rather than by luck of timing.
"""
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import uuid

import pytest

from builders import make_pdf
from test_store_modes import chroma_server  # noqa: F401 - the loopback server fixture

SLOWDOWN = Path(__file__).parent / "slowdown"

# A new process after the crash: the state it finds, then a re-ingest of the same file and the state after.
RESTART = textwrap.dedent("""
    import json, sys
    from collections import Counter
    from disclosure.evidence import EvidenceBase
    from disclosure.settings import load_settings

    eb = EvidenceBase(load_settings({"data_dir": sys.argv[1], "embedding_backend": "fake"}))

    def state():
        return {
            "docs": [{"source": d.source, "doc_id": d.doc_id, "chunks": d.chunks, "pages": d.pages} for d in eb.documents()],
            "store_chunks": dict(Counter(c.doc_id for c in eb.store.iter_chunks())),
            "visible_chunks": dict(Counter(c.doc_id for c in eb.iter_chunks())),
            "hits": [h.source for h in eb.search("範疇二排放量 地點基準", k=3)],
        }

    after = state()
    report = eb.ingest_paths([sys.argv[2]])
    print(json.dumps({"after": after, "added": [d.source for d in report.added],
                      "skipped": [s.reason for s in report.skipped], "final": state()}, ensure_ascii=False))
""")


def _env(store: dict, **extra) -> dict:
    env = {**os.environ, "DISCLOSURE_EMBEDDING_BACKEND": "fake",
           "PYTHONPATH": os.pathsep.join([str(SLOWDOWN), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep), **extra}
    for k in ("DISCLOSURE_DEBUG", "DISCLOSURE_STORE_MODE", "DISCLOSURE_DATA_DIR", "DISCLOSURE_STRICT"):
        env.pop(k, None)
    env.update({f"DISCLOSURE_{k.upper()}": str(v) for k, v in store.items()})
    return env


@pytest.fixture(scope="module")
def big_pdf(tmp_path_factory):
    pages = [f"第{p}頁 112年度範疇二排放量為{p * 37:,}公噸CO2e（地點基準），市場基準另列。"
             f"本頁說明第{p}項減碳措施之執行進度與投資金額。Scope 2 location-based figure for page {p}." for p in range(1, 241)]
    path = tmp_path_factory.mktemp("big") / "年度報告_240頁.pdf"
    path.write_bytes(make_pdf(pages))
    return path


@pytest.mark.parametrize("mode,phase", [("embedded", "embedding"), ("embedded", "writing"),
                                        pytest.param("server", "writing", marks=pytest.mark.server)])
def test_kill_9_mid_ingest_leaves_the_document_whole_or_absent_and_reingest_completes_it(tmp_path, big_pdf, mode, phase,
                                                                                        request):
    data = tmp_path / "data"
    store: dict = {}
    if mode == "server":
        host, port = request.getfixturevalue("chroma_server")
        store = {"store_mode": "server", "chroma_host": host, "chroma_port": port,
                 "collection_prefix": f"t{uuid.uuid4().hex[:12]}"}
    # a small document that is already committed must survive the crash untouched
    from disclosure.evidence import EvidenceBase, PendingFile
    from disclosure.settings import load_settings

    pre = EvidenceBase(load_settings({"data_dir": data, "embedding_backend": "fake", **store}, environ={}, secrets_path=None))
    assert pre.ingest_files([PendingFile("治理.md", "# 治理\n\n永續發展委員會每季召開一次，並向董事會報告氣候議題。".encode())]).added
    del pre

    marker = tmp_path / f"{phase}.started"
    slow = ({"DISCLOSURE_TEST_EMBED_DELAY_S": "0.3", "DISCLOSURE_TEST_EMBEDDING_MARKER": str(marker)} if phase == "embedding"
            else {"DISCLOSURE_TEST_WRITE_DELAY_S": "0.4", "DISCLOSURE_TEST_WRITING_MARKER": str(marker)})
    proc = subprocess.Popen([sys.executable, "-m", "disclosure", "--data-dir", str(data), "ingest", str(big_pdf), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env(store, **slow))
    deadline = time.time() + 90
    while not marker.exists():
        assert proc.poll() is None, proc.stderr.read()
        assert time.time() < deadline, "the ingest never reached the phase to interrupt"
        time.sleep(0.02)
    time.sleep(0.5)  # well inside the phase: a few batches or slices done, more to come
    assert proc.poll() is None, "the ingest finished before it could be killed; slow it down more"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    p = subprocess.run([sys.executable, "-c", RESTART, str(data), str(big_pdf)], capture_output=True, text=True,
                       env=_env(store), timeout=180)
    assert p.returncode == 0, p.stderr
    got = json.loads(p.stdout)
    after, final = got["after"], got["final"]
    sources = [d["source"] for d in after["docs"]]
    assert sources == ["治理.md"]  # the big document is absent, the committed one intact
    assert after["visible_chunks"] == {d["doc_id"]: d["chunks"] for d in after["docs"]}
    if phase == "writing":  # some of its chunks did reach the store, uncommitted: there but invisible
        assert sum(after["store_chunks"].values()) > after["docs"][0]["chunks"]
    assert set(after["hits"]) <= {"治理.md"}

    assert got["added"] == [big_pdf.name] and not got["skipped"]  # the re-ingest succeeds
    by_source = {d["source"]: d for d in final["docs"]}
    assert sorted(by_source) == sorted(["治理.md", big_pdf.name])
    assert by_source[big_pdf.name]["pages"] == 240
    # whole: every chunk of each record is in the store, nothing extra, no uncommitted chunks left over
    assert final["store_chunks"] == final["visible_chunks"] == {d["doc_id"]: d["chunks"] for d in final["docs"]}
    assert big_pdf.name in final["hits"]
