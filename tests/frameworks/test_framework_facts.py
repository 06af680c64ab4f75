"""Fact tests: codes, counts, dates and numbers the framework data must get right."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from disclosure.errors import RequirementNotFoundError
from frameworks.library import DATA_DIR, FrameworkLibrary

SHARED_EVAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval"


@pytest.fixture(scope="module")
def lib() -> FrameworkLibrary:
    return FrameworkLibrary.from_directory(DATA_DIR)


def ids(lib, fid):
    return [r.id for r in lib.get_framework(fid).requirements]


def dp_ids(req):
    return {d.id for d in req.data_points}


# ---- GRI ------------------------------------------------------------------------------------------
GRI_REQUIRED = ["2-9", "2-10", "2-11", "2-12", "2-13", "2-14", "2-19", "2-20", "2-22", "2-29", "3-1", "3-2", "3-3",
                "201-2", "302-1", "302-2", "302-3", "302-4", "302-5",
                "305-1", "305-2", "305-3", "305-4", "305-5", "305-6", "305-7", "308-1", "308-2"]


def test_gri_has_the_required_disclosures(lib):
    assert set(GRI_REQUIRED) <= set(ids(lib, "gri"))


def test_gri_102_is_upcoming_from_2027(lib):
    gri102 = [r for r in lib.get_framework("gri").requirements if r.id.startswith("102-")]
    assert len(gri102) == 10
    for r in gri102:
        assert r.status == "upcoming" and r.effective == date(2027, 1, 1), r.id
    replaced = {ref for r in gri102 for ref in r.replaces}
    assert {"gri:305-1", "gri:305-2", "gri:305-3", "gri:201-2"} <= replaced
    assert all(lib.get_requirement(f"gri:{i}").status == "active" for i in GRI_REQUIRED)


def test_gri_305_1_data_points(lib):
    r = lib.get_requirement("gri:305-1")
    assert {"gross_scope1", "gases_included", "biogenic_co2", "base_year", "recalculation", "emission_factor_source",
            "gwp_source", "consolidation_approach", "methods"} <= dp_ids(r)
    gross = next(d for d in r.data_points if d.id == "gross_scope1")
    assert gross.kind == "quantity" and gross.unit == "tCO2e" and gross.required
    biogenic = next(d for d in r.data_points if d.id == "biogenic_co2")
    assert biogenic.kind == "quantity" and "CO2" in biogenic.unit


def test_gri_305_2_location_required_market_conditional(lib):
    dps = {d.id: d for d in lib.get_requirement("gri:305-2").data_points}
    assert dps["scope2_location_based"].required is True
    assert dps["scope2_market_based"].required is False and dps["scope2_market_based"].condition


# ---- TCFD -----------------------------------------------------------------------------------------
def test_tcfd_has_exactly_eleven_disclosures_in_four_pillars(lib):
    fw = lib.get_framework("tcfd")
    assert ids(lib, "tcfd") == ["G-a", "G-b", "S-a", "S-b", "S-c", "R-a", "R-b", "R-c", "MT-a", "MT-b", "MT-c"]
    assert [s.id for s in fw.sections] == ["governance", "strategy", "risk-management", "metrics-targets"]
    counts = {p: sum(1 for r in fw.requirements if r.pillar == p) for p in ("governance", "strategy", "risk-management", "metrics-targets")}
    assert counts == {"governance": 2, "strategy": 3, "risk-management": 3, "metrics-targets": 3}


def test_tcfd_zh_checklist_codes_are_aliases_in_order(lib):
    codes = ["G-1", "G-2", "S-1", "S-2", "S-3", "R-1", "R-2", "R-3", "MT-1", "MT-2", "MT-3"]
    assert [lib.get_requirement(f"tcfd:{c}").id for c in codes] == ids(lib, "tcfd")


def test_tcfd_seven_cross_industry_metric_categories(lib):
    cats = lib.get_framework("tcfd").lists["cross_industry_metric_categories"]
    assert [c.id for c in cats] == ["ghg-emissions", "transition-risks", "physical-risks", "climate-related-opportunities",
                                    "capital-deployment", "internal-carbon-prices", "remuneration"]


# ---- IFRS S2 ---------------------------------------------------------------------------------------
def test_ifrs_s2_paragraphs(lib):
    have = set(ids(lib, "ifrs_s2"))
    assert {"6(a)", "6(b)", "10", "13", "14(a)", "14(a)(iv)", "16", "22", "25(a)", "25(b)", "25(c)",
            "29(a)(i)", "29(a)(v)", "29(a)(vi)", "29(a)(vi)(2)", "29(b)", "29(c)", "29(d)", "29(e)", "29(f)", "29(g)",
            "33", "34", "35", "36"} <= have
    assert "transition plan" in lib.get_requirement("ifrs_s2:14(a)(iv)").title.en.lower()
    assert "scenario" in lib.get_requirement("ifrs_s2:22").title.en.lower()


def test_ifrs_s2_29a_details(lib):
    assert {"scope1", "scope2", "scope3"} <= dp_ids(lib.get_requirement("ifrs_s2:29(a)(i)"))
    assert "scope2_location_based" in dp_ids(lib.get_requirement("ifrs_s2:29(a)(v)"))
    assert len(lib.get_framework("ifrs_s2").lists["scope3_categories"]) == 15
    assert "financed" in lib.get_requirement("ifrs_s2:29(a)(vi)(2)").title.en.lower()
    assert "carbon price" in lib.get_requirement("ifrs_s2:29(f)").title.en.lower()
    assert "remuneration" in lib.get_requirement("ifrs_s2:29(g)").title.en.lower()
    r36 = dp_ids(lib.get_requirement("ifrs_s2:36"))
    assert {"gross_or_net", "carbon_credit_reliance"} <= r36
    assert "third_party_validated" in dp_ids(lib.get_requirement("ifrs_s2:34"))


def test_taiwan_fsc_ifrs_phase_in(lib):
    phase = lib.get_framework("ifrs_s2").phase_ins[0]
    assert phase.tier_for(250).milestones["apply_from_fiscal_year"] == 2026
    assert phase.tier_for(10).milestones["apply_from_fiscal_year"] == 2026  # NT$10bn is in the first tier
    assert phase.tier_for(7).milestones["apply_from_fiscal_year"] == 2027
    assert phase.tier_for(5).milestones["apply_from_fiscal_year"] == 2027
    assert phase.tier_for(4.99).milestones["apply_from_fiscal_year"] == 2028


# ---- SASB -------------------------------------------------------------------------------------------
def test_sasb_codes(lib):
    have = set(ids(lib, "sasb"))
    assert {"TC-SC-110a.1", "TC-SC-110a.2", "TC-SC-130a.1", "EM-IS-110a.1", "EM-IS-110a.2", "EM-IS-130a.1",
            "EM-IS-130a.2", "RT-CH-110a.1", "RT-CH-110a.2", "RT-CH-130a.1", "IF-EU-110a.1", "IF-EU-110a.2",
            "IF-EU-110a.3", "FN-CB-410b.1", "FN-CB-410b.2", "FN-CB-410b.3", "FN-CB-410b.4"} <= have
    for code in have:
        assert re.fullmatch(r"[A-Z]{2}-[A-Z]{2}-\d{3}[ab]\.\d", code), code


def test_sasb_semiconductor_scope1_includes_pfcs(lib):
    r = lib.get_requirement("sasb:TC-SC-110a.1")
    assert "pfc_emissions" in dp_ids(r)
    assert "perfluorinated" in r.title.en.lower()


def test_sasb_has_no_exposure_draft_bank_placeholders(lib):
    for n in range(1, 6):
        with pytest.raises(RequirementNotFoundError):
            lib.get_requirement(f"sasb:FN-CB-{n}")
    assert not [i for i in ids(lib, "sasb") if re.fullmatch(r"FN-CB-\d", i)]


def test_sasb_ems_hardware_apparel_have_no_scope1_or_energy_metric(lib):
    have = ids(lib, "sasb")
    for prefix in ("TC-ES", "TC-HW", "CG-AA"):
        assert not [i for i in have if i.startswith(f"{prefix}-110a") or i.startswith(f"{prefix}-130a")], prefix
    with pytest.raises(RequirementNotFoundError):
        lib.get_requirement("sasb:TC-ES-110a.1")
    industries = {i.id: i for i in lib.get_framework("sasb").lists["industries"]}
    for prefix in ("TC-ES", "TC-HW", "CG-AA"):
        assert "no scope 1" in industries[prefix].description.en.lower()


# ---- CDP ------------------------------------------------------------------------------------------
def test_cdp_modules_one_to_thirteen(lib):
    assert [s.id for s in lib.get_framework("cdp").sections] == [str(i) for i in range(1, 14)]


def test_cdp_key_questions_and_types(lib):
    expect = {"2.1": "table", "3.1.1": "table", "3.5": "single_select", "3.5.1": "multi_select", "3.5.4": "text",
              "4.1.1": "table", "5.1": "table", "5.2": "table", "5.10": "table", "6.1": "table", "7.5": "table",
              "7.6": "table", "7.7": "table", "7.8": "table", "7.9": "table", "7.53": "multi_select", "7.54": "multi_select"}
    for qid, answer_type in expect.items():
        assert lib.get_requirement(f"cdp:{qid}").answer_type == answer_type, qid
    for r in lib.get_framework("cdp").requirements:
        assert r.answer_type is not None, r.id
        assert r.section == r.id.split(".")[0]


def test_cdp_legacy_numbering(lib):
    assert lib.get_requirement("cdp:C6.1").id == "7.6"
    assert lib.get_requirement("cdp:C1.1").id == "4.1.1"
    assert lib.get_requirement("cdp:C4.1").id == "7.53"
    assert lib.get_requirement("cdp:C6.3").id == "7.7"


def test_cdp_ids_and_answer_types_match_the_2026_questionnaire():
    csv_path = SHARED_EVAL / "cdp" / "cdp_2026_modules_2_7.csv"
    if not csv_path.is_file():
        pytest.skip("shared eval data not present")
    import csv

    with csv_path.open(encoding="utf-8", newline="") as fh:
        types = {row["code"]: row["question_type"] for row in csv.DictReader(fh)}
    mapping = {"MATRIX": "table", "SINGLE_SELECT": "single_select", "MULTI_SELECT": "multi_select",
               "NUMERIC": "number", "RICH_TEXT": "text"}
    lib = FrameworkLibrary.from_directory(DATA_DIR)
    for r in lib.get_framework("cdp").requirements:
        assert r.id in types, f"cdp:{r.id} is not a question of the 2026 questionnaire"
        assert mapping[types[r.id]] == r.answer_type, r.id


# ---- ISO 14068-1 and PAS 2060 ---------------------------------------------------------------------
def test_iso14068_core_requirements(lib):
    have = set(ids(lib, "iso14068"))
    assert {"reduce-first", "credit-retirement", "credit-quality", "report"} <= have
    retire = lib.get_requirement("iso14068:credit-retirement")
    assert "12 months" in retire.description.en and "12個月" in retire.description.zh
    assert lib.get_requirement("iso14068:11.2").id == "credit-quality"
    assert "value chain" in lib.get_requirement("iso14068:reduce-first").description.en


def test_pas2060_withdrawn_and_superseded(lib):
    fw = lib.get_framework("pas 2060")
    assert fw.status == "withdrawn"
    assert fw.withdrawn == date(2025, 11, 30)
    assert fw.superseded_by == "iso14068"
    lib.get_framework(fw.superseded_by)
    assert all(r.status == "withdrawn" for r in fw.requirements)
    assert fw not in lib.list_frameworks(include_withdrawn=False)


# ---- ESRS E1 ---------------------------------------------------------------------------------------
def test_esrs_e1_items(lib):
    have = ids(lib, "esrs_e1")
    assert [f"E1-{i}" for i in range(1, 10)] == [i for i in have if i.startswith("E1-")]
    assert {"GOV-3", "SBM-3", "IRO-1"} <= set(have)
    assert lib.get_requirement("esrs:ESRS 2 GOV-3").id == "GOV-3"
    e16 = dp_ids(lib.get_requirement("esrs_e1:E1-6"))
    assert {"gross_scope1", "scope2_location_based", "scope2_market_based", "total_ghg", "intensity_per_revenue"} <= e16


# ---- TWSE -------------------------------------------------------------------------------------------
def test_twse_climate_table_items(lib):
    have = ids(lib, "twse")
    assert [str(i) for i in range(1, 10)] == have[:9]
    assert {"1-1-1", "1-1-2", "1-2"} <= set(have)
    assert {"scope1", "scope2", "intensity", "coverage"} <= dp_ids(lib.get_requirement("twse:1-1-1"))
    assert {"assurer", "standard", "opinion"} <= dp_ids(lib.get_requirement("twse:1-1-2"))
    assert "內部碳定價" in lib.get_requirement("twse:7").title.zh


def test_twse_ghg_phase_in_by_capital_tier(lib):
    phase = lib.get_framework("twse").phase_ins[0]
    big = phase.tier_for(120)
    assert big.milestones["parent_inventory"] == 2023 and big.milestones["parent_assurance"] == 2024
    assert big.milestones["consolidated_inventory"] == 2025 and big.milestones["consolidated_assurance"] == 2027
    assert phase.tier_for(2, industry="cement").id == big.id  # steel and cement are tier 1 regardless of size
    mid = phase.tier_for(6)
    assert mid.milestones["parent_inventory"] == 2025 and mid.milestones["consolidated_assurance"] == 2028
    small = phase.tier_for(1)
    assert small.milestones["parent_inventory"] == 2026 and small.milestones["consolidated_assurance"] == 2029


# ---- crosswalk facts ---------------------------------------------------------------------------------
def test_scope1_crosswalk_chain(lib):
    linked = {r.ref for r in lib.crosswalk("gri:305-1")}
    assert {"tcfd:MT-b", "ifrs_s2:29(a)(i)", "cdp:7.6", "esrs_e1:E1-6", "sasb:TC-SC-110a.1", "twse:1-1-1"} <= linked
    assert "gri:305-2" not in linked  # links are not chained across groups


def test_crosswalk_groups_cover_the_main_topics(lib):
    group_ids = {g.id for g in lib.crosswalk_groups()}
    assert {"board-oversight", "management-role", "risks-opportunities", "scenario-resilience", "risk-identification",
            "risk-integration", "transition-plan", "scope1", "scope2", "scope3", "energy", "targets",
            "internal-carbon-price", "carbon-credits"} <= group_ids
    assert "cdp:7.7" in {r.ref for r in lib.crosswalk("gri:305-2")}
    assert "cdp:7.8" in {r.ref for r in lib.crosswalk("ifrs_s2:29(a)(vi)")}
    assert "ifrs_s2:6(a)" in {r.ref for r in lib.crosswalk("tcfd:G-a")}
    assert "esrs_e1:E1-5" in {r.ref for r in lib.crosswalk("gri:302-1")}
