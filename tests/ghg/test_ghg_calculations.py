"""Totals and their invariants, YoY, intensity, base-year recalculation, carbon fee."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure.ghg import (
    StructuralChange, base_year_recalculation_check, carbon_fee_for_inventory, estimate_carbon_fee, intensity,
    summarize, total, totals_by, year_on_year,
)
from disclosure.ghg.model import EmissionRecord, Inventory, Provenance

from ghg_sample import FACTS, S3_2023


# --------------------------------------------------------------------------------------------- properties

@st.composite
def records(draw):
    scope = draw(st.sampled_from([1, 2, 3]))
    s3 = draw(st.one_of(st.none(), st.integers(1, 15))) if scope == 3 else None
    iso = {1: 1, 2: 2}.get(scope) or draw(st.one_of(st.none(), st.integers(3, 6)))
    return EmissionRecord(
        year=draw(st.integers(2019, 2024)), facility=draw(st.sampled_from([None, "桃園", "台中", "高雄"])),
        scope=scope, iso_category=iso, scope3_category=s3, source="x",
        gas=draw(st.sampled_from(["CO2", "CH4", "CO2e", "HFC-134a"])),
        stated_tco2e=draw(st.floats(0, 1e6, allow_nan=False, allow_infinity=False)),
        scope2_method=draw(st.sampled_from([None, "location", "market"])) if scope == 2 else None,
        provenance=Provenance(file="gen.csv", row=1),
    )


inventories = st.lists(records(), min_size=0, max_size=60).map(lambda rs: Inventory(source="gen.csv", records=rs))


@settings(max_examples=150, deadline=None)
@given(inv=inventories, method=st.sampled_from(["location", "market"]))
def test_every_grouping_sums_to_the_total(inv, method):
    grand = total(inv, scope2_method=method)
    for key in ("scope", "iso_category", "gas", "facility", "year"):
        parts = totals_by(inv, key, scope2_method=method)
        assert math.isclose(math.fsum(parts.values()), grand, rel_tol=1e-9, abs_tol=1e-6), key
    s3 = total(inv, scopes=(3,), scope2_method=method)
    assert math.isclose(math.fsum(totals_by(inv, "scope3_category", scope2_method=method).values()), s3,
                        rel_tol=1e-9, abs_tol=1e-6)


@settings(max_examples=100, deadline=None)
@given(inv=inventories)
def test_year_totals_add_up_and_scope2_views_differ_only_in_scope2(inv):
    for method in ("location", "market"):
        by_year = totals_by(inv, "year", scope2_method=method)
        for y, v in by_year.items():
            by_scope = totals_by(inv, "scope", year=y, scope2_method=method)
            assert math.isclose(math.fsum(by_scope.values()), v, rel_tol=1e-9, abs_tol=1e-6)
    loc = total(inv, scopes=(1, 3), scope2_method="location")
    mkt = total(inv, scopes=(1, 3), scope2_method="market")
    assert loc == mkt


# --------------------------------------------------------------------------------------------- the sample company

def test_sample_totals_match_the_fact_sheet(sample_inventory):
    inv = sample_inventory
    for year, f in FACTS.items():
        assert total(inv, year=year, scopes=(1,)) == pytest.approx(f["s1"])
        assert total(inv, year=year, scopes=(2,), scope2_method="location") == pytest.approx(f["s2_loc"])
        assert total(inv, year=year, scopes=(2,), scope2_method="market") == pytest.approx(f["s2_mkt"])
        assert total(inv, year=year, scopes=(3,)) == pytest.approx(f["s3"])
    s = summarize(inv, 2023)
    assert s.total == pytest.approx(367662.9) and s.total_location == pytest.approx(367662.9)
    assert s.scope12_market == pytest.approx(44252.9) and s.scope12_location == pytest.approx(54132.9)
    assert s.by_iso_category == pytest.approx({1: 8512.0, 2: 45620.9, 3: 23250.0, 4: 270830.0, 5: 19450.0})
    assert s.by_scope3_category == pytest.approx(S3_2023)
    assert s.by_facility_scope["桃園總部暨一廠"][1] == pytest.approx(5410.0)
    assert s.by_facility_scope["台中二廠"][1] == pytest.approx(3102.0)
    assert s.issues == []


def test_market_view_summary(sample_inventory):
    s = summarize(sample_inventory, 2023, scope2_method="market")
    assert s.by_scope[2] == pytest.approx(35740.9) and s.total == pytest.approx(8512.0 + 35740.9 + 313530.0)


def test_year_on_year(sample_inventory):
    changes = {c.metric: c for c in year_on_year(sample_inventory, 2023, scope2_method="market")}
    s12 = changes["scope1+2"]
    assert s12.previous_year == 2022 and s12.previous == pytest.approx(52861.0) and s12.value == pytest.approx(44252.9)
    assert s12.change_pct == pytest.approx((44252.9 - 52861.0) / 52861.0 * 100)
    assert year_on_year(sample_inventory, 2021) == []


def test_intensity_per_revenue_and_per_unit(sample_inventory):
    r = intensity(sample_inventory, 2023, per="revenue")
    assert r.value == pytest.approx(54132.9 / 38600) and r.unit == "tCO2e / NT$ million"
    p = intensity(sample_inventory, 2023, per="production", scope2_method="market")
    assert p.value == pytest.approx(44252.9 / 41200) and "thousand units" in p.unit
    assert intensity(sample_inventory, 2019) is None


def test_summary_for_a_missing_year_says_which_years_exist(sample_inventory):
    from disclosure.errors import DisclosureError

    with pytest.raises(DisclosureError, match="2021, 2022, 2023"):
        summarize(sample_inventory, 2019)


# --------------------------------------------------------------------------------------------- base year

def test_base_year_recalculation_warning_above_threshold():
    chk = base_year_recalculation_check(2021, 58238.5, [
        StructuralChange(description="acquired 高雄廠", base_year_tco2e=2500.0, kind="acquisition"),
        StructuralChange(description="sold 物流子公司", base_year_tco2e=-800.0, kind="divestment"),
    ])
    assert chk.recalculation_needed
    assert chk.cumulative_change_pct == pytest.approx(3300 / 58238.5 * 100)
    assert "recalculate the 2021 base year" in chk.message_en and "重新計算" in chk.message_zh


def test_base_year_no_warning_within_threshold_and_custom_threshold():
    changes = [StructuralChange(description="small site", base_year_tco2e=2000.0)]
    assert not base_year_recalculation_check(2021, 58238.5, changes).recalculation_needed
    assert base_year_recalculation_check(2021, 58238.5, changes, threshold=0.03).recalculation_needed


# --------------------------------------------------------------------------------------------- carbon fee

def test_carbon_fee_general_rate_matches_the_climate_memo():
    # Fact sheet: (54,132.9 − 25,000) × NT$300 = NT$8,739,870
    est = estimate_carbon_fee(54132.9)
    assert est.chargeable_t == pytest.approx(29132.9) and est.fee_ntd == 8_739_870 and est.liable
    assert "25,000" in est.text() and "per plant" in est.text()
    assert "新台幣 8,739,870 元" in est.text("zh")


def test_carbon_fee_preferential_rates():
    assert estimate_carbon_fee(54132.9, rate="preferential_B").fee_ntd == 2_913_290
    assert estimate_carbon_fee(54132.9, rate="preferential_A").fee_ntd == 1_456_645
    est = estimate_carbon_fee(54132.9, rate="preferential_A")
    assert any("reduction plan" in a for a in est.assumptions_en)


def test_carbon_fee_high_leakage_has_no_deduction_and_factor_02():
    # K = 0, 54,132.9 × 0.2 = 10,826.58 t × NT$100 = NT$1,082,658
    est = estimate_carbon_fee(54132.9, rate="preferential_B", high_leakage=True)
    assert est.k_value_t == 0 and est.adjustment_factor == 0.2
    assert est.chargeable_t == pytest.approx(10826.58) and est.fee_ntd == 1_082_658


def test_high_leakage_factor_needs_a_preferential_rate():
    est = estimate_carbon_fee(54132.9, rate="general", high_leakage=True)
    assert est.fee_ntd == 8_739_870 and any("not applied" in a for a in est.assumptions_en)


def test_below_threshold_owes_nothing():
    est = estimate_carbon_fee(24999.9)
    assert not est.liable and est.fee_ntd == 0


def test_carbon_fee_per_site_judges_each_plant(sample_inventory):
    company = carbon_fee_for_inventory(sample_inventory, 2023)
    assert company.emissions_t == pytest.approx(54132.9) and company.fee_ntd == 8_739_870
    sites = carbon_fee_for_inventory(sample_inventory, 2023, per_site=True)
    by = {s.site: s for s in sites.sites}
    assert by["桃園總部暨一廠"].liable and by["桃園總部暨一廠"].emissions_t == pytest.approx(32782.54)
    assert not by["台中二廠"].liable
    assert sites.fee_ntd == 2_334_762  # (32,782.54 − 25,000) × 300
