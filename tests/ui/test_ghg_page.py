"""GHG & targets page with AppTest, on the sample company's inventory workbook: headline figures by
year, SBTi verdict, a failing uploaded target, a bad upload, and the consistency check against the
indexed corpus (fake embedder)."""
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app.py")
PAGE = str(REPO / "ui" / "ghg.py")
CORPUS = REPO / "corpus" / "documents"
WORKBOOK = CORPUS / "溫室氣體盤查清冊_2021-2023.xlsx"

pytestmark = pytest.mark.skipif(not WORKBOOK.is_file(), reason="sample corpus workbook not built")


@pytest.fixture
def app_env(tmp_path, monkeypatch):
    """Settings on a temp data dir, fake embedder, and a corpus dir holding only the sample workbook."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(WORKBOOK, corpus / WORKBOOK.name)
    monkeypatch.setenv("DISCLOSURE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DISCLOSURE_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("DISCLOSURE_EMBEDDING_BACKEND", "fake")
    return tmp_path


def _run(at: AppTest) -> AppTest:
    at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def _open(lang: str | None = None) -> AppTest:
    at = _run(AppTest.from_file(APP))
    if lang:
        at.sidebar.selectbox[0].select(lang)
        _run(at)
    at.switch_page(PAGE)
    return _run(at)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _table_with(at: AppTest, column: str):
    for df in at.dataframe:
        if column in df.value.columns:
            return df.value
    raise AssertionError(f"no table with column {column!r}")


def test_headline_figures_follow_the_chosen_year(app_env):
    at = _open()
    at.selectbox(key="ghg_year").select(2022)
    _run(at)
    assert _metrics(at)["範疇一（公噸CO2e）"] == "8,905.0"
    at.selectbox(key="ghg_year").select(2023)
    _run(at)
    m = _metrics(at)
    assert m["範疇一（公噸CO2e）"] == "8,512.0"
    assert m["範疇二地點基準（公噸CO2e）"] == "45,620.9"
    assert m["範疇二市場基準（公噸CO2e）"] == "35,740.9"
    assert m["範疇三（公噸CO2e）"] == "313,530.0"
    assert m["總排放量，範疇二（地點基準）（公噸CO2e）"] == "367,662.9"
    at.radio(key="ghg_method").set_value("market")
    _run(at)
    assert _metrics(at)["總排放量，範疇二（市場基準）（公噸CO2e）"] == "357,782.9"


def test_tables_by_category_year_intensity_and_carbon_fee(app_env):
    at = _open()
    iso = _table_with(at, "類別")
    assert list(iso["類別"])[:6] == [1, 2, 3, 4, 5, 6]
    assert dict(zip(iso["類別"], iso["排放量（公噸CO2e）"]))[1] == 8512.0
    years = _table_with(at, "較前一年（%）")
    assert list(years["年度"]) == [2021, 2022, 2023]
    assert _table_with(at, "密集度")["密集度"].notna().all()
    assert _metrics(at)["碳費（新台幣／年）"] == "NT$ 8,739,870"
    assert any("假設" in i.value and "25,000" in i.value for i in at.info)
    assert any("重新計算結果均與填報排放量一致" in s.value for s in at.success)
    assert len(at.get("plotly_chart")) == 2
    labels = {b.label for b in at.get("download_button")}
    assert {"下載清冊範本", "下載所有表格（XLSX）"} <= labels


def test_workbook_targets_pass_the_sbti_check(app_env):
    at = _open()
    assert any("SBTi" in s.value and "符合" in s.value for s in at.success)
    checks = _table_with(at, "規則")
    assert (checks["結果"] == "符合").sum() >= 10 and not (checks["結果"] == "未符合").any()


def test_sbti_results_follow_the_interface_language(app_env):
    at = _open("en")
    assert any(s.value.startswith("SBTi check: every rule") for s in at.success)
    checks = _table_with(at, "Rule")
    assert "passed" in set(checks["Result"]) and "failed" not in set(checks["Result"])
    assert any("meeting the 1.5 °C minimum of 4.2 %/yr" in msg for msg in checks["Explanation"])


def test_uploaded_target_that_is_too_weak_fails_with_the_reason(app_env):
    csv = ("目標名稱,範疇涵蓋,基準年,目標年,減量幅度(%),涵蓋比例(%),設定年\n"
           "範疇一二減量,1+2,2021,2030,20,100,2023\n").encode("utf-8")
    at = _open()
    at.file_uploader(key="ghg_targets_upload").set_value(("targets.csv", csv, "text/csv"))
    _run(at)
    assert any("未符合" in w.value for w in at.warning)
    assert any("4.2%/年" in md.value for md in at.markdown)


def test_bad_inventory_upload_shows_an_error_not_a_stack_trace(app_env):
    at = _open()
    at.file_uploader(key="ghg_upload").set_value(("inventory.csv", "名稱,數量\n甲,1\n".encode("utf-8"), "text/csv"))
    at.run(timeout=60)
    assert not at.exception
    assert len(at.error) == 1 and "inventory.csv" in at.error[0].value and "missing column" in at.error[0].value
    assert not at.metric


def test_consistency_check_finds_the_one_figure_that_disagrees(app_env):
    from disclosure.evidence import EvidenceBase
    from disclosure.settings import load_settings

    EvidenceBase(load_settings()).ingest_paths([CORPUS])
    at = _open()
    at.button(key="ghg_consistency_run").click()
    _run(at)
    found = _table_with(at, "文件數字")
    assert len(found) == 1
    row = found.iloc[0]
    assert row["文件數字"].startswith("8,521") and row["清冊數字（公噸CO2e）"] == 8512.0 and row["差異"] == 9.0
    assert row["項目"] == "2023年範疇一" and "會議紀錄" in row["文件出處"] and WORKBOOK.name in row["清冊出處"]
    assert _metrics(at)["不一致"] == "1" and int(_metrics(at)["一致"].replace(",", "")) >= 10


def test_tables_download_as_one_xlsx_sheet_per_table(app_env, monkeypatch):
    import io

    import openpyxl
    import streamlit as st

    downloads: dict[str, bytes] = {}
    real = st.download_button

    def recording(label, data, *args, **kwargs):
        downloads[label] = data
        return real(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", recording)
    _open()
    wb = openpyxl.load_workbook(io.BytesIO(downloads["下載所有表格（XLSX）"]))
    names = wb.sheetnames
    assert {"範疇", "ISO 14064-1 類別", "範疇三類別", "溫室氣體", "廠區", "歷年", "年增減", "排放密集度",
            "減碳目標", "SBTi 檢核結果", "目標進度"} <= set(names)
    iso = wb["ISO 14064-1 類別"]
    assert [c.value for c in iso[1]][:3] == ["類別", "名稱", "排放量（公噸CO2e）"] and iso.cell(2, 3).value == 8512.0
    assert wb["範疇三類別"].max_row == 16  # header + categories 1–15


def test_bad_targets_upload_shows_an_error_and_the_inventory_still_shows(app_env):
    at = _open()
    at.file_uploader(key="ghg_targets_upload").set_value(("targets.csv", b"a,b\n1,2\n", "text/csv"))
    at.run(timeout=60)
    assert not at.exception
    assert len(at.error) == 1 and "targets.csv" in at.error[0].value
    assert _metrics(at)["範疇一（公噸CO2e）"] == "8,512.0"
