"""The CLI contract, run as a user runs it: `python -m disclosure …` in a subprocess."""
import json
import os
import subprocess
import sys

import pytest

from builders import make_pdf

GOV = "永續發展委員會每季至少召開一次會議，並每半年向董事會報告氣候相關議題之執行情形。"
INV = "112年度範疇二排放量為45,620.9公噸CO2e（地點基準），市場基準為35,740.9公噸CO2e。"


def run(data_dir, *args, check=True):
    env = {**os.environ, "DISCLOSURE_EMBEDDING_BACKEND": "fake"}
    env.pop("DISCLOSURE_DEBUG", None)
    p = subprocess.run([sys.executable, "-m", "disclosure", "--data-dir", str(data_dir), *args],
                       capture_output=True, text=True, env=env, timeout=120)
    if check:
        assert p.returncode == 0, p.stderr
    return p


@pytest.fixture
def docs(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "report.pdf").write_bytes(make_pdf([GOV, INV]))
    (d / "empty.txt").write_bytes(b"")
    return d


def test_ingest_search_documents_remove_round_trip(tmp_path, docs):
    data = tmp_path / "data"
    p = run(data, "ingest", str(docs))
    assert "added     report.pdf" in p.stdout and "skipped   empty.txt" in p.stdout

    hits = json.loads(run(data, "search", "2023年範疇二排放量", "--json", "-k", "3").stdout)
    assert hits[0]["source"] == "report.pdf" and hits[0]["page"] == 2
    assert {"source", "page", "text", "score", "doc_id"} <= set(hits[0])

    listed = json.loads(run(data, "documents", "--json").stdout)
    assert [d["source"] for d in listed] == ["report.pdf"] and listed[0]["pages"] == 2

    again = run(data, "ingest", str(docs / "report.pdf"))
    assert "unchanged report.pdf" in again.stdout

    run(data, "remove", "report.pdf")
    assert json.loads(run(data, "documents", "--json").stdout) == []


def test_data_dir_comes_from_the_environment(tmp_path, docs):
    env = {**os.environ, "DISCLOSURE_EMBEDDING_BACKEND": "fake", "DISCLOSURE_DATA_DIR": str(tmp_path / "envdata")}
    p = subprocess.run([sys.executable, "-m", "disclosure", "ingest", str(docs / "report.pdf"), "--quiet"],
                       capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "envdata" / "chroma").is_dir()


def test_domain_errors_are_one_line_messages_with_exit_code_2(tmp_path):
    p = run(tmp_path / "data", "remove", "nothing.pdf", check=False)
    assert p.returncode == 2
    assert p.stderr.startswith("error: no document matches 'nothing.pdf'")
    assert "Traceback" not in p.stderr


def test_invalid_setting_from_environment_is_reported(tmp_path):
    env = {**os.environ, "DISCLOSURE_CHUNK_SIZE": "not-a-number"}
    p = subprocess.run([sys.executable, "-m", "disclosure", "--data-dir", str(tmp_path), "documents"],
                       capture_output=True, text=True, env=env, timeout=60)
    assert p.returncode == 2 and "chunk_size" in p.stderr


def test_batch_where_every_file_fails_exits_1(tmp_path, docs):
    p = run(tmp_path / "data", "ingest", str(docs / "empty.txt"), check=False)
    assert p.returncode == 1 and "empty" in p.stdout


def test_help_lists_the_commands():
    p = subprocess.run([sys.executable, "-m", "disclosure", "--help"], capture_output=True, text=True, timeout=60)
    for cmd in ("ingest", "documents", "remove", "search"):
        assert cmd in p.stdout
