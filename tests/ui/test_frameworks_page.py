"""Frameworks page with AppTest: browse a framework, read a requirement's data points and crosswalk,
search in Chinese, add a checklist, and get a readable error for a bad checklist file."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app.py")
PAGE = str(REPO / "ui" / "framework_browser.py")


@pytest.fixture
def app_env(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
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


def _table_with(at: AppTest, column: str, value: str, also: str | None = None):
    """The first dataframe on the page whose ``column`` holds ``value`` (and that has column ``also``)."""
    for df in at.dataframe:
        frame = df.value
        if column in frame.columns and value in set(frame[column].astype(str)) and (also is None or also in frame.columns):
            return frame
    raise AssertionError(f"no table with {value!r} in column {column!r}")


def test_picking_a_framework_lists_every_requirement_with_its_data_points(app_env):
    at = _open()
    at.selectbox(key="fw_choice").select("gri")
    _run(at)
    reqs = _table_with(at, "代碼", "305-1")
    assert {"305-1", "305-2", "201-2", "2-22", "102-1"} <= set(reqs["代碼"])
    row = reqs[reqs["代碼"] == "305-1"].iloc[0]
    assert row["名稱"] == "直接（範疇一）溫室氣體排放"
    assert "tCO2e" in row["所需資料點"] and "必要" in row["所需資料點"] and "視情況" in row["所需資料點"]
    assert row["構面"] == "指標與目標" and row["報告章節"] == "溫室氣體盤查"
    assert reqs[reqs["代碼"] == "102-1"].iloc[0]["狀態"].startswith("即將生效")


def test_a_requirement_shows_its_crosswalk_to_every_other_framework(app_env):
    at = _open()
    at.selectbox(key="fw_choice").select("gri")
    _run(at)
    at.selectbox(key="fw_requirement").select("gri:305-1")
    _run(at)
    points = _table_with(at, "類型", "數值")
    assert "tCO2e" in set(points["單位"])
    links = _table_with(at, "代碼", "MT-b")
    assert {"MT-b", "29(a)(i)", "7.6", "E1-6", "TC-SC-110a.1"} <= set(links["代碼"])


def test_english_interface_shows_english_titles_and_descriptions(app_env):
    at = _open("en")
    at.selectbox(key="fw_choice").select("tcfd")
    _run(at)
    reqs = _table_with(at, "Code", "MT-b")
    assert len(reqs) == 11
    assert reqs[reqs["Code"] == "G-a"].iloc[0]["Title"] == "Board oversight of climate-related risks and opportunities"
    assert any(m.value.startswith("Version:") for m in at.markdown)


def test_withdrawn_framework_is_marked(app_env):
    at = _open()
    at.selectbox(key="fw_choice").select("pas2060")
    _run(at)
    assert any("已廢止" in w.value for w in at.warning)


def test_search_in_chinese_finds_scope_1_items_across_frameworks(app_env):
    at = _open()
    at.text_input(key="fw_search").input("範疇一")
    _run(at)
    hits = _table_with(at, "代碼", "305-1", also="相關度")
    assert hits.iloc[0]["代碼"] == "305-1"
    assert {"GRI 準則", "CDP 企業問卷（氣候變遷）"} <= set(hits["準則框架"])


def test_search_with_no_match_says_so(app_env):
    at = _open()
    at.text_input(key="fw_search").input("zzzqqq")
    _run(at)
    assert any("找不到" in i.value for i in at.info)


def test_uploaded_checklist_is_shown_like_a_framework_and_kept_for_other_pages(app_env):
    csv = ("item_id,disclosure,question\n"
           "Q1,G-1,公司是否描述董事會監督氣候相關風險之流程？\n"
           "Q2,MT-2,公司是否揭露範疇一及範疇二溫室氣體排放量？\n").encode("utf-8")
    at = _open()
    at.file_uploader(key="fw_checklist_file").set_value(("my_checklist.csv", csv, "text/csv"))
    _run(at)
    at.button(key="fw_checklist_add").click()
    _run(at)
    assert any("my-checklist" in s.value and "2" in s.value for s in at.success)
    (fw,) = at.session_state["user_checklists"].values()
    assert fw.id == "my-checklist" and [r.id for r in fw.requirements] == ["Q1", "Q2"]
    # The new checklist is selected in the browser and linked to the built-in TCFD items.
    assert at.selectbox(key="fw_choice").value == "my-checklist"
    items = _table_with(at, "代碼", "Q1")
    assert len(items) == 2
    at.selectbox(key="fw_requirement").select("my-checklist:Q1")
    _run(at)
    assert "G-a" in set(_table_with(at, "代碼", "G-a")["代碼"])


def test_shared_tcfd_rubric_loads_as_a_checklist(app_env):
    rubric = REPO.parent / "shared" / "eval" / "tw_tcfd" / "rubric.csv"
    if not rubric.is_file():
        pytest.skip("shared TCFD rubric not available")
    at = _open()
    at.file_uploader(key="fw_checklist_file").set_value(("rubric.csv", rubric.read_bytes(), "text/csv"))
    _run(at)
    at.button(key="fw_checklist_add").click()
    _run(at)
    assert len(at.session_state["user_checklists"]["rubric"].requirements) == 91
    assert len(_table_with(at, "代碼", "G-1-1_1")) == 91


@pytest.mark.parametrize("name,content", [
    ("no_columns.csv", "甲,乙\n1,2\n".encode("utf-8")),
    ("broken.xlsx", b"this is not a workbook"),
])
def test_bad_checklist_file_gives_an_error_message_not_a_stack_trace(app_env, name, content):
    at = _open()
    at.file_uploader(key="fw_checklist_file").set_value((name, content, "application/octet-stream"))
    _run(at)
    at.button(key="fw_checklist_add").click()
    at.run(timeout=60)
    assert not at.exception
    assert len(at.error) == 1 and name in at.error[0].value
    assert not at.session_state["user_checklists"] if "user_checklists" in at.session_state else True
