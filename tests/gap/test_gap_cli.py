"""`python -m disclosure gap`, run as a user runs it (and as the evaluation drives it)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from builders import make_pdf

GOVERNANCE = ("氣候治理\n本公司董事會為氣候相關風險與機會之最高監督單位，並由董事會下設之永續發展委員會負責督導。\n"
              "永續發展委員會每季召開會議，並每半年向董事會報告氣候相關風險與機會之管理情形。")
EMISSIONS = "2023年範疇一排放量為8,512.0公噸CO2e，範疇二排放量為45,620.9公噸CO2e（地點基準）。"
CHECKLIST = ("item_id,pillar,disclosure,question\n"
             "G-1-1_2,G,G-1,公司是否描述向董事會和/或董事會下設委員會，報告氣候相關風險與機會之頻率？\n"
             "#MT-1-1_3,MT,MT-1,公司是否提供內部碳價格資訊？\n")


def run(tmp_path, *args, check=True, stdin=None):
    env = {**os.environ, "DISCLOSURE_EMBEDDING_BACKEND": "fake", "DISCLOSURE_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("DISCLOSURE_DEBUG", None)
    p = subprocess.run([sys.executable, "-m", "disclosure", "--data-dir", str(tmp_path / "data"), *args],
                       capture_output=True, text=True, env=env, timeout=300, input=stdin)
    if check:
        assert p.returncode == 0, p.stderr
    return p


@pytest.fixture
def files(tmp_path):
    (tmp_path / "report.pdf").write_bytes(make_pdf(["目錄\n氣候治理 .......... 2\n溫室氣體排放 .......... 3", GOVERNANCE, EMISSIONS]))
    (tmp_path / "rubric.csv").write_text(CHECKLIST, encoding="utf-8")
    return tmp_path


def test_checklist_json_has_the_contract_shape_and_the_file_ids(files):
    out = files / "gap.json"
    run(files, "gap", "--input", str(files / "report.pdf"), "--checklist", str(files / "rubric.csv"), "--json", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(data, list) and [d["requirement_id"] for d in data] == ["G-1-1_2", "#MT-1-1_3"]
    for d in data:
        assert d["status"] in ("covered", "partial", "missing")
        assert isinstance(d["missing"], list) and all(isinstance(m, str) for m in d["missing"])
        for e in d["evidence"]:
            assert {"source", "page", "text"} <= set(e)
    freq, price = data
    assert freq["status"] != "missing" and freq["evidence"][0]["page"] == 2 and freq["evidence"][0]["source"] == "report.pdf"
    assert price["status"] == "missing" and price["evidence"] == []


def test_frameworks_with_xlsx_csv_and_content_index(files):
    p = run(files, "gap", "--input", str(files / "report.pdf"), "--framework", "tcfd", "--framework", "gri",
            "--xlsx", str(files / "gap.xlsx"), "--csv", str(files / "gap.csv"), "--content-index", "--quiet")
    assert "tcfd:G-a" in p.stdout and "gri:305-1" in p.stdout and "content index" in p.stdout
    assert "not used as evidence: p. 1 (toc)" in p.stdout
    assert (files / "gap.xlsx").read_bytes()[:2] == b"PK"
    assert (files / "gap.csv").read_text(encoding="utf-8-sig").startswith("framework,requirement_id")


def test_pasted_text_from_stdin_and_json_to_stdout(files):
    p = run(files, "gap", "--input", "-", "--checklist", str(files / "rubric.csv"), "--json", "-", stdin=GOVERNANCE)
    data = json.loads(p.stdout)
    assert data[0]["requirement_id"] == "G-1-1_2" and data[0]["status"] != "missing"


def test_unknown_framework_and_missing_file_are_user_errors(files):
    p = run(files, "gap", "--input", str(files / "report.pdf"), "--framework", "nosuch", check=False)
    assert p.returncode == 2 and "unknown framework 'nosuch'" in p.stderr
    p = run(files, "gap", "--input", str(files / "absent.pdf"), "--framework", "tcfd", check=False)
    assert p.returncode == 2 and "file not found" in p.stderr


def test_a_document_already_in_the_evidence_base_is_checked_by_name(files):
    run(files, "ingest", str(files / "report.pdf"))
    out = files / "indexed.json"
    p = run(files, "gap", "--document", "report.pdf", "--checklist", str(files / "rubric.csv"), "--json", str(out),
            "--lang", "zh-TW", "--quiet")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["requirement_id"] for d in data] == ["G-1-1_2", "#MT-1-1_3"]
    assert data[0]["status"] != "missing" and data[0]["evidence"][0]["page"] == 2
    assert 0 <= data[0]["probability"] <= 1
    assert "未提供內部碳價" in p.stdout
    p = run(files, "gap", "--document", "nosuch.pdf", "--framework", "tcfd", check=False)
    assert p.returncode == 2


def test_a_checked_file_is_kept_as_reference_and_found_by_name_next_time(files):
    p = run(files, "gap", "--input", str(files / "report.pdf"), "--checklist", str(files / "rubric.csv"), "--quiet")
    assert "kept in the evidence base as a reference document" not in p.stderr  # --quiet says nothing
    listing = run(files, "documents").stdout
    assert "report.pdf" in listing and "reference" in listing
    out = files / "again.json"
    run(files, "gap", "--document", "report.pdf", "--checklist", str(files / "rubric.csv"), "--json", str(out), "--quiet")
    again = json.loads(out.read_text(encoding="utf-8"))
    assert again[0]["requirement_id"] == "G-1-1_2" and again[0]["evidence"][0]["page"] == 2
    # checking it a second time keeps nothing twice
    p = run(files, "gap", "--input", str(files / "report.pdf"), "--checklist", str(files / "rubric.csv"))
    assert "already in the evidence base" in p.stderr
    assert run(files, "documents").stdout.count("report.pdf") == 1


def test_no_keep_leaves_the_evidence_base_as_it_was(files):
    run(files, "gap", "--input", str(files / "report.pdf"), "--checklist", str(files / "rubric.csv"), "--no-keep",
        "--quiet")
    assert "report.pdf" not in run(files, "documents").stdout
    p = run(files, "gap", "--document", "report.pdf", "--framework", "tcfd", check=False)
    assert p.returncode == 2
