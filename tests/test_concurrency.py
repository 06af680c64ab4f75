"""Two app sessions and a CLI ingest writing to one data directory at the same time.

Each app session is a separate Python process (as two Streamlit servers, or two users of a
multi-process deployment, would be) that builds its own ``EvidenceBase`` and uploads files through
``ingest_files`` like the upload widget does; the third writer is ``python -m disclosure ingest``.
Their file sets overlap, they start together, and afterwards a fresh process checks the index:
every file once, every document's chunks all there and matching its record, nothing left
uncommitted, search working.

In ``embedded`` mode the three share one data dir (one machine, the app and the CLI). In ``server``
mode each has its own data dir, as app instances on several machines would, and they meet only in
the shared Chroma server: no common file lock, so consistency rests on content-derived ids.
"""
import json
import os
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import uuid

import pytest

from builders import make_pdf
from test_store_modes import chroma_server  # noqa: F401 - the loopback server fixture

# An app session: waits for the start signal, then uploads its files one by one.
SESSION = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from disclosure.evidence import EvidenceBase, PendingFile
    from disclosure.settings import load_settings

    data_dir, go, ready, *files = sys.argv[1:]
    eb = EvidenceBase(load_settings({"data_dir": data_dir}))  # store mode and backend from the environment
    eb.documents()
    Path(ready).touch()
    while not Path(go).exists():
        time.sleep(0.01)
    out = {"added": [], "unchanged": [], "skipped": [], "start": time.time()}
    for f in files:
        rep = eb.ingest_files([PendingFile(Path(f).name, Path(f).read_bytes())])
        out["added"] += [d.source for d in rep.added + rep.replaced]
        out["unchanged"] += [s.source for s in rep.unchanged]
        out["skipped"] += [s.source + ": " + s.reason for s in rep.skipped]
    out["end"] = time.time()
    print(__import__("json").dumps(out))
""")

CHECK = textwrap.dedent("""
    import json, sys
    from collections import Counter
    from disclosure.evidence import EvidenceBase
    from disclosure.settings import load_settings

    eb = EvidenceBase(load_settings({"data_dir": sys.argv[1]}))
    docs = eb.documents()
    per_doc = Counter(c.doc_id for c in eb.store.iter_chunks())
    ordinals = {}
    for c in eb.store.iter_chunks():
        ordinals.setdefault(c.doc_id, set()).add(c.ordinal)
    hits = eb.search("範疇二 排放量 地點基準", k=3)
    print(json.dumps({
        "docs": [{"source": d.source, "doc_id": d.doc_id, "chunks": d.chunks} for d in docs],
        "store_chunks": dict(per_doc),
        "ordinals_complete": {d: sorted(o) == list(range(len(o))) for d, o in ordinals.items()},
        "hits": [h.source for h in hits],
    }, ensure_ascii=False))
""")


def _report_pages(tag: str, n: int) -> list[str]:
    return [f"{tag} 第{p}頁：112年度範疇二排放量為{p * 101:,}公噸CO2e（地點基準），"
            f"永續發展委員會每季召開會議並向董事會報告。{tag} scope 2 location-based page {p}." for p in range(1, n + 1)]


SLOWDOWN = Path(__file__).parent / "slowdown"


def _env(server: tuple[str, int] | None = None) -> dict:
    # Embedding is slowed (tests/slowdown/sitecustomize.py) so that the three writers really overlap:
    # the CLI starts its import later than the sessions and must still meet them mid-ingest.
    env = {**os.environ, "DISCLOSURE_EMBEDDING_BACKEND": "fake", "DISCLOSURE_TEST_EMBED_DELAY_S": "0.25",
           "PYTHONPATH": os.pathsep.join([str(SLOWDOWN), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    for k in ("DISCLOSURE_DEBUG", "DISCLOSURE_STORE_MODE", "DISCLOSURE_DATA_DIR"):
        env.pop(k, None)
    if server:
        env.update({"DISCLOSURE_STORE_MODE": "server", "DISCLOSURE_CHROMA_HOST": server[0],
                    "DISCLOSURE_CHROMA_PORT": str(server[1]), "DISCLOSURE_COLLECTION_PREFIX": f"t{uuid.uuid4().hex[:12]}"})
    return env


@pytest.mark.parametrize("mode", ["embedded", pytest.param("server", marks=pytest.mark.server)])
def test_two_sessions_and_a_cli_ingesting_overlapping_files_leave_a_consistent_index(tmp_path, mode, request):
    docs = tmp_path / "docs"
    docs.mkdir()
    names = [f"report_{i}.pdf" for i in range(6)]
    for i, name in enumerate(names):
        (docs / name).write_bytes(make_pdf(_report_pages(f"子公司{i}", 30)))
    server = request.getfixturevalue("chroma_server") if mode == "server" else None
    go, env = tmp_path / "go", _env(server)
    # one data dir for all (embedded), or one per writer (server: the store is shared, nothing else)
    data_a, data_b, data = ((tmp_path / "data",) * 3 if mode == "embedded"
                            else (tmp_path / "data_a", tmp_path / "data_b", tmp_path / "data_cli"))
    f = [str(docs / n) for n in names]
    sessions = [
        subprocess.Popen([sys.executable, "-c", SESSION, str(data_a), str(go), str(tmp_path / "ready_a"), *f[0:4]],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env),
        subprocess.Popen([sys.executable, "-c", SESSION, str(data_b), str(go), str(tmp_path / "ready_b"), *f[5:1:-1]],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env),
    ]
    deadline = time.time() + 60
    while not all((tmp_path / r).exists() for r in ("ready_a", "ready_b")):
        assert time.time() < deadline and all(p.poll() is None for p in sessions), \
            [p.communicate() for p in sessions if p.poll() is not None]
        time.sleep(0.05)
    # The CLI takes the whole folder (all six files, in the other order of the sessions' overlap).
    cli = subprocess.Popen([sys.executable, "-m", "disclosure", "--data-dir", str(data), "ingest", str(docs), "--json"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    cli_t0 = time.time()
    go.touch()
    outs = []
    for p in sessions + [cli]:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
        outs.append(json.loads(out))
    cli_report = outs[2]
    cli_end = time.time()
    # they did run at the same time: both sessions were writing while the CLI process was alive
    assert max(o["start"] for o in outs[:2]) < min(o["end"] for o in outs[:2])
    assert cli_t0 <= min(o["start"] for o in outs[:2]) and cli_end > max(o["start"] for o in outs[:2])
    landed = Counter(outs[0]["added"] + outs[1]["added"] + [d["source"] for d in cli_report["added"] + cli_report["replaced"]])
    assert not outs[0]["skipped"] and not outs[1]["skipped"] and not cli_report["skipped"]
    assert set(landed) == set(names)

    fresh = tmp_path / "data_check" if server else data  # a new instance reads what they left
    check = subprocess.run([sys.executable, "-c", CHECK, str(fresh)], capture_output=True, text=True, env=env, timeout=120)
    assert check.returncode == 0, check.stderr
    state = json.loads(check.stdout)
    sources = [d["source"] for d in state["docs"]]
    assert sorted(sources) == names  # each file exactly once
    assert len({d["doc_id"] for d in state["docs"]}) == len(names)
    for d in state["docs"]:  # each record matches its chunks in the store, none missing, none extra
        assert state["store_chunks"].get(d["doc_id"]) == d["chunks"] > 0, d
        assert state["ordinals_complete"][d["doc_id"]]
    assert set(state["store_chunks"]) == {d["doc_id"] for d in state["docs"]}  # nothing uncommitted left
    assert state["hits"] and set(state["hits"]) <= set(names)


OPEN = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    import chromadb  # imported before the start signal so that the opens really coincide
    from disclosure.evidence import EvidenceBase, PendingFile
    from disclosure.settings import load_settings

    data_dir, go, i = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    Path(data_dir + f".ready{i}").touch()
    while not go.exists():
        time.sleep(0.005)
    eb = EvidenceBase(load_settings({"data_dir": data_dir}))
    eb.ingest_files([PendingFile(f"note{i}.md", f"# 第{i}份\\n\\n永續發展委員會第{i}次會議紀錄。".encode())])
    print(len(eb.documents()))
""")


def test_processes_opening_a_new_data_dir_at_the_same_moment_all_succeed(tmp_path):
    """Chroma's first open creates its schema; four processes doing it at once used to fail with
    'table collections already exists' or 'database is locked' (fixed by a lock around opening)."""
    data, go, env = tmp_path / "data", tmp_path / "go", _env()
    procs = [subprocess.Popen([sys.executable, "-c", OPEN, str(data), str(go), str(i)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env) for i in range(4)]
    deadline = time.time() + 60
    while not all(Path(f"{data}.ready{i}").exists() for i in range(4)):
        assert time.time() < deadline and all(p.poll() is None for p in procs), [p.communicate() for p in procs]
        time.sleep(0.02)
    go.touch()
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err[-2000:]
    check = subprocess.run([sys.executable, "-c", CHECK, str(data)], capture_output=True, text=True, env=env, timeout=120)
    assert check.returncode == 0, check.stderr
    assert sorted(d["source"] for d in json.loads(check.stdout)["docs"]) == [f"note{i}.md" for i in range(4)]


def test_two_sessions_of_one_app_server_and_a_cli_ingesting_at_once_leave_a_consistent_index(tmp_path, monkeypatch):
    """Inside one Streamlit server, browser sessions are threads sharing one cached EvidenceBase
    (ui/state.py); meanwhile a CLI ingest writes to the same data dir from another process."""
    import threading

    from disclosure.embeddings import FakeEmbedder
    from disclosure.evidence import EvidenceBase, PendingFile
    from disclosure.settings import load_settings

    real = FakeEmbedder.embed_passages

    def slow(self, texts):
        time.sleep(0.1)
        return real(self, texts)

    monkeypatch.setattr(FakeEmbedder, "embed_passages", slow)
    docs = tmp_path / "docs"
    docs.mkdir()
    names = [f"site_{i}.pdf" for i in range(5)]
    for i, name in enumerate(names):
        (docs / name).write_bytes(make_pdf(_report_pages(f"廠區{i}", 20)))
    data = tmp_path / "data"
    app = EvidenceBase(load_settings({"data_dir": data, "embedding_backend": "fake"}, environ={}, secrets_path=None))
    app.documents()
    cli = subprocess.Popen([sys.executable, "-m", "disclosure", "--data-dir", str(data), "ingest", str(docs), "--json"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    errors: list[BaseException] = []

    def session(files):
        try:
            for n in files:
                app.ingest_files([PendingFile(n, (docs / n).read_bytes())])
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=session, args=(names[:3],)), threading.Thread(target=session, args=(names[:1:-1],))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    out, err = cli.communicate(timeout=180)
    assert not errors, errors
    assert cli.returncode == 0, err
    assert not json.loads(out)["skipped"]

    check = subprocess.run([sys.executable, "-c", CHECK, str(data)], capture_output=True, text=True, env=_env(), timeout=120)
    assert check.returncode == 0, check.stderr
    state = json.loads(check.stdout)
    assert sorted(d["source"] for d in state["docs"]) == names
    assert {d["doc_id"]: d["chunks"] for d in state["docs"]} == state["store_chunks"]
    assert all(state["ordinals_complete"].values())
    assert state["hits"]
    # and the app's own (long-lived) instance agrees with a fresh process
    assert sorted(d.source for d in app.documents()) == names
    assert app.search("範疇二排放量 地點基準", k=3)
