"""The `ghg` CLI commands, driven through their argparse parsers."""
from __future__ import annotations

import argparse
import json

import pytest

from disclosure.commands import ghg as ghg_cmd


def _run(argv: list[str], settings=None) -> int:
    parser = argparse.ArgumentParser(prog="disclosure")
    subs = parser.add_subparsers(dest="command", required=True)
    ghg_cmd.add_parser(subs)
    args = parser.parse_args(argv)
    return args.func(args, settings)


def test_summary_text(sample_workbook, capsys):
    assert _run(["ghg", "summary", str(sample_workbook)]) == 0
    out = capsys.readouterr().out
    assert "8,512.0" in out and "45,620.9" in out and "35,740.9" in out and "367,662.9" in out
    assert "NT$8,739,870" in out and "Per site: NT$2,334,762" in out


def test_summary_json_for_a_year(sample_workbook, capsys):
    assert _run(["ghg", "summary", str(sample_workbook), "--json", "--year", "2022", "--scope2", "market"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["year"] == 2022 and data["by_scope"]["2"] == pytest.approx(43956.0)
    assert data["carbon_fee"]["fee_ntd"] > 0 and data["issues"] == []


def test_check_targets_pass_and_fail(sample_workbook, tmp_path, capsys):
    assert _run(["ghg", "check-targets", str(sample_workbook)]) == 0
    out = capsys.readouterr().out
    assert "[PASS] ambition_s12" in out and "All applicable SBTi checks pass." in out and "[PROG]" in out
    bad = tmp_path / "targets.csv"
    bad.write_text("目標名稱,範疇涵蓋,基準年,目標年,減量幅度(%),設定年\nS12,1+2,2012,2030,30,2023\n", encoding="utf-8")
    assert _run(["ghg", "check-targets", str(bad), "--json", "--inventory", str(sample_workbook)]) == 1
    data = json.loads(capsys.readouterr().out)
    failed = {c["rule_id"] for c in data["checks"] if c["passed"] is False}
    assert {"base_year", "ambition_s12", "s3_required"} <= failed and data["verdict"] is False


def test_template(tmp_path, capsys):
    out = tmp_path / "t.xlsx"
    assert _run(["ghg", "template", "--out", str(out)]) == 0
    assert out.read_bytes()[:2] == b"PK" and "盤查清冊" in capsys.readouterr().out


def test_consistency_reads_the_evidence_base(sample_workbook, monkeypatch, capsys):
    evidence = pytest.importorskip("disclosure.evidence")

    class OneChunk:
        def __init__(self, settings):
            self.settings = settings

        def own_evidence(self):  # the command reads only the company's own documents
            return self

        def documents(self):  # no stored document facts: the chunk's sentence is read
            return []

        def iter_chunks(self):
            yield type("Chunk", (), {"text": "2023年範疇一排放量為8,521公噸CO2e", "source": "會議紀錄.pdf", "page": 3,
                                     "sheet": None, "cell_range": None, "doc_id": "m1"})()

    monkeypatch.setattr(evidence, "EvidenceBase", OneChunk)
    assert _run(["ghg", "consistency", "--inventory", str(sample_workbook)], settings=object()) == 1
    out = capsys.readouterr().out
    assert "會議紀錄.pdf, p. 3" in out and "8,521" in out
