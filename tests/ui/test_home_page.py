"""Home page with AppTest: evidence-base status, the latest year's headline GHG figures with the
inventory rows they sum, and the gap items this session's draft and gap check left open."""
import pytest

from ui_support import PAGES, WORKBOOK, open_page, run

needs_workbook = pytest.mark.skipif(not WORKBOOK.is_file(), reason="sample corpus workbook not built")


def _index(folder):
    from disclosure.evidence import EvidenceBase
    from disclosure.settings import load_settings

    EvidenceBase(load_settings()).ingest_paths([folder])


@needs_workbook
def test_home_shows_status_and_latest_ghg_figures_with_their_source(ui_env):
    _index(ui_env / "corpus")
    at = open_page("home", lang="en")
    m = {x.label: x.value for x in at.metric}
    assert m["Documents"] == "2"
    assert m["Scope 1"] == "8,512.0" and m["Scope 2 location-based"] == "45,620.9"
    assert m["Scope 2 market-based"] == "35,740.9" and m["Scope 3"] == "313,530.0"
    assert any(s.value == "GHG emissions (2023, tCO2e)" for s in at.subheader)
    sources = [c.value for c in at.caption if "sum of" in c.value]
    assert len(sources) == 4 and all(WORKBOOK.name in c and "sheet" in c for c in sources)


def test_home_without_an_inventory_says_where_to_add_one(ui_env):
    (ui_env / "corpus" / WORKBOOK.name).unlink(missing_ok=True)
    at = open_page("home", lang="en")
    assert any("No readable GHG inventory" in i.value for i in at.info)
    assert any("No gap items in this session yet" in i.value for i in at.info)


def test_open_gap_items_from_this_sessions_gap_check_and_draft(ui_env):
    _index(ui_env / "corpus")
    at = open_page("gap", lang="en")
    at.text_area(key="gap_text").input("董事會下設永續發展委員會，每季至少召開一次會議，監督氣候相關風險與機會。")
    at.button(key="gap_run").click()
    run(at)
    at.switch_page(str(PAGES / "draft.py"))
    run(at)
    at.selectbox(key="draft_chapter").select("governance")
    at.button(key="draft_make").click()
    run(at)
    draft = at.session_state["draft"]
    at.switch_page(str(PAGES / "home.py"))
    run(at)
    table = at.dataframe[0].value
    origins = set(table["From"])
    assert "Gap check: draft.txt" in origins and f"Draft: {draft.title}" in origins
    gap_rows = table[table["From"] == "Gap check: draft.txt"]
    assert set(gap_rows["Status"]) <= {"partial", "missing"} and len(gap_rows) >= 5
    assert all(r.startswith("TCFD ") for r in gap_rows["Requirement"])  # framework, code and title, not the id
    assert len(table[table["From"] == f"Draft: {draft.title}"]) == len(draft.gaps) > 0
