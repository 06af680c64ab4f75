"""Gap check page through AppTest: paste a draft, run against TCFD, see findings and downloads."""
from pathlib import Path

from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]


def test_gap_page_checks_pasted_text_against_tcfd(tmp_path, monkeypatch):
    monkeypatch.setenv("DISCLOSURE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DISCLOSURE_EMBEDDING_BACKEND", "fake")
    monkeypatch.setenv("DISCLOSURE_CACHE_DIR", str(tmp_path / "cache"))
    at = AppTest.from_file(str(REPO / "app.py"))
    at.run(timeout=60)
    at.switch_page(str(REPO / "ui" / "gap.py"))
    at.run(timeout=60)
    assert not at.exception
    assert at.checkbox(key="gap_keep").value is True  # an uploaded file is kept as reference unless unticked
    at.text_area(key="gap_text").input(
        "董事會下設永續發展委員會，每季至少召開一次會議，監督氣候相關風險與機會。"
        "2023年範疇一排放量為8,512公噸CO2e，範疇二（地點基準）為45,620.9公噸CO2e。")
    at.button(key="gap_run").click()
    at.run(timeout=120)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    findings = at.dataframe[1].value
    assert len(findings) == 11  # the 11 TCFD recommended disclosures
    assert set(findings["狀態"]) <= {"已涵蓋", "部分涵蓋", "缺漏"}
    assert "缺漏" in set(findings["狀態"])  # a two-sentence draft cannot cover everything
    assert set(at.dataframe[0].value["構面"]) == {"全部", "治理", "策略", "風險管理", "指標與目標"}
