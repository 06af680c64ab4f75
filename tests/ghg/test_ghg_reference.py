"""GWP-100 and grid-factor facts, value by value, and the lookups' refusals."""
from __future__ import annotations

import pytest
import yaml

from disclosure.errors import DisclosureError, UnknownGasError, UnverifiedReferenceError
from disclosure.ghg.reference import (
    DATA_FILE, blend_components, grid_factor, grid_factors, gwp, gwp_source, known_gases, normalize_gas,
    reports_matching,
)

# (gas, AR4, AR5, AR6) — IPCC AR4 WG1 Table 2.14; AR5 WG1 Table 8.A.1; AR6 WG1 Table 7.SM.7 / 7.15.
GWP_FACTS = [
    ("CO2", 1, 1, 1),
    ("N2O", 298, 265, 273),
    ("SF6", 22800, 23500, 25200),
    ("NF3", 17200, 16100, 17400),
    ("HFC-23", 14800, 12400, 14600),
    ("HFC-32", 675, 677, 771),
    ("HFC-125", 3500, 3170, 3740),
    ("HFC-134a", 1430, 1300, 1530),
    ("HFC-143a", 4470, 4800, 5810),
    ("HFC-152a", 124, 138, 164),
    ("HFC-227ea", 3220, 3350, 3600),
    ("CF4", 7390, 6630, 7380),
    ("C2F6", 12200, 11100, 12400),
    ("C3F8", 8830, 8900, 9290),
    ("c-C4F8", 10300, 9540, 10200),
]


def test_reference_yaml_loads_and_names_a_source_for_every_table():
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    for rep in ("AR4", "AR5", "AR6"):
        assert data["gwp_100"][rep]["source"]
    assert "2.14" in gwp_source("AR4") and "8.A.1" in gwp_source("AR5") and "7.SM.7" in gwp_source("AR6")
    assert "能源署" in data["taiwan_grid_factor"]["source"]
    for blend in data["blends"].values():
        assert abs(sum(blend["components"].values()) - 1.0) < 1e-9


@pytest.mark.parametrize("gas,ar4,ar5,ar6", GWP_FACTS)
def test_gwp_values_match_the_ipcc_tables(gas, ar4, ar5, ar6):
    assert gwp(gas, "AR4") == ar4
    assert gwp(gas, "AR5") == ar5
    assert gwp(gas, "AR6") == ar6


def test_methane_values_per_report():
    assert gwp("CH4", "AR4") == 25
    assert gwp("CH4", "AR5") == 28
    assert gwp("CH4 fossil", "AR6") == 29.8
    assert gwp("CH4 non-fossil", "AR6") == 27.0
    assert gwp("biogenic CH4", "AR6") == 27.0


def test_plain_methane_under_ar6_is_refused_with_a_hint():
    with pytest.raises(UnknownGasError, match="fossil"):
        gwp("CH4", "AR6")


def test_ar5_hfc134a_is_not_the_ar4_value():
    assert gwp("HFC-134a", "AR5") != 1430
    assert gwp("HFC-134a", "AR5") == 1300
    assert reports_matching("HFC-134a", 1430) == ["AR4"]


def test_unknown_gas_raises():
    with pytest.raises(UnknownGasError) as exc:
        gwp("unobtainium", "AR5")
    assert exc.value.gas == "unobtainium" and exc.value.report == "AR5"


def test_unknown_report_raises():
    with pytest.raises(DisclosureError):
        gwp("CO2", "AR7")


@pytest.mark.parametrize("blend,ar4,ar5,ar6", [
    ("R-410A", 2087.5, 1923.5, 2255.5),
    ("R-404A", 3921.6, 3942.8, 4728.0),
    ("R-407C", 1773.85, 1624.21, 1907.93),
])
def test_blends_are_mass_weighted_sums_of_their_components(blend, ar4, ar5, ar6):
    assert gwp(blend, "AR4") == pytest.approx(ar4)
    assert gwp(blend, "AR5") == pytest.approx(ar5)
    assert gwp(blend, "AR6") == pytest.approx(ar6)
    comps = blend_components(blend)
    assert gwp(blend, "AR5") == pytest.approx(sum(f * gwp(g, "AR5") for g, f in comps.items()))


@pytest.mark.parametrize("written,canonical", [
    ("R134a", "HFC-134a"), ("HFC134a", "HFC-134a"), ("hfc-134A", "HFC-134a"), ("R-32", "HFC-32"),
    ("R-410A (blend)", "R-410A"), ("R410A混合冷媒", "R-410A"), ("CO₂", "CO2"), ("二氧化碳", "CO2"), ("甲烷", "CH4"),
    ("氧化亞氮", "N2O"), ("六氟化硫", "SF6"), ("PFC-318", "c-C4F8"), ("PFC-14", "CF4"), ("CO2e", "CO2e"),
    ("HFC-227ea", "HFC-227ea"),
])
def test_gas_names_are_normalised(written, canonical):
    assert normalize_gas(written) == canonical


def test_every_known_gas_has_a_value_in_ar5_except_ar6_only_methane_split():
    for g in known_gases():
        if g.startswith("CH4-"):
            continue
        assert gwp(g, "AR5") > 0


@pytest.mark.parametrize("year,value", [
    (2017, 0.554), (2018, 0.533), (2019, 0.509), (2020, 0.502), (2021, 0.509), (2022, 0.495), (2023, 0.494),
])
def test_taiwan_grid_factors_as_announced(year, value):
    f = grid_factor(year)
    assert f.value == value and f.verified and f.unit == "kgCO2e/kWh"


def test_grid_factor_for_an_unknown_year_is_never_guessed():
    with pytest.raises(UnverifiedReferenceError, match="2030"):
        grid_factor(2030)
    assert 2030 not in grid_factors(include_unverified=True)


def test_unverified_grid_factor_needs_explicit_consent(monkeypatch):
    from disclosure.ghg import reference

    data = reference.reference_data()
    monkeypatch.setitem(data["taiwan_grid_factor"]["years"], 2024, {"value": 0.474, "verified": False})
    with pytest.raises(UnverifiedReferenceError):
        grid_factor(2024)
    assert grid_factor(2024, allow_unverified=True).value == 0.474
    assert 2024 not in grid_factors()
