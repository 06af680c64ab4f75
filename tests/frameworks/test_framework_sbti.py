"""SBTi target rules: the numbers the GHG engine checks targets against."""
from __future__ import annotations

import pytest

from disclosure.errors import RequirementNotFoundError
from frameworks.library import DATA_DIR, FrameworkLibrary, sbti_rules
from frameworks.schema import SbtiRule


@pytest.fixture(scope="module")
def lib() -> FrameworkLibrary:
    return FrameworkLibrary.from_directory(DATA_DIR)


def test_module_level_sbti_rules_returns_typed_rules():
    rules = sbti_rules()
    assert rules and all(isinstance(r, SbtiRule) for r in rules)


def test_rule_numbers(lib):
    assert lib.sbti_rule("NT-S12-COVERAGE").value("scope12_coverage_pct") == 95
    s3 = lib.sbti_rule("NT-S3-COVERAGE")
    assert s3.applies_when.quantity == "scope3_share_of_total_pct" and s3.applies_when.value == 40
    assert s3.value("scope3_coverage_pct") == 67
    tf = lib.sbti_rule("NT-TIMEFRAME")
    assert sorted((t.operator, t.value) for t in tf.thresholds) == [("<=", 10), (">=", 5)]
    assert lib.sbti_rule("NT-BASE-YEAR").value("base_year") == 2015
    assert lib.sbti_rule("NT-AMBITION-S12").value("annual_linear_reduction_pct") == 4.2
    assert lib.sbti_rule("NT-AMBITION-S12").ambition == "1.5C"
    assert lib.sbti_rule("NT-AMBITION-S3").value("annual_linear_reduction_pct") == 2.5
    assert lib.sbti_rule("NT-AMBITION-S3").ambition == "well_below_2C"
    lt = lib.sbti_rule("LT-AMBITION")
    assert lt.value("reduction_from_base_year_pct") == 90 and lt.value("target_year") == 2050
    assert lib.sbti_rule("NZ-NEUTRALISATION").value("residual_emissions_neutralised") == 1


def test_rules_filter_by_target_type(lib):
    near = lib.sbti_rules("near_term")
    assert near and all(r.target_type == "near_term" for r in near)
    assert {r.target_type for r in lib.sbti_rules()} == {"near_term", "long_term", "net_zero"}


def test_checking_a_target(lib):
    cov = lib.sbti_rule("NT-S12-COVERAGE")
    assert cov.check({"scope12_coverage_pct": 96}) is True
    assert cov.check({"scope12_coverage_pct": 94.9}) is False
    tf = lib.sbti_rule("NT-TIMEFRAME")
    assert tf.check({"years_from_submission": 7}) is True
    assert tf.check({"years_from_submission": 11}) is False
    assert tf.check({"years_from_submission": 4}) is False
    assert lib.sbti_rule("NT-BASE-YEAR").check({"base_year": 2014}) is False


def test_scope3_rule_applies_only_above_forty_percent(lib):
    s3 = lib.sbti_rule("NT-S3-COVERAGE")
    assert s3.check({"scope3_share_of_total_pct": 30}) is None  # no Scope 3 target needed
    assert s3.check({"scope3_share_of_total_pct": 40, "scope3_coverage_pct": 67}) is True
    assert s3.check({"scope3_share_of_total_pct": 85, "scope3_coverage_pct": 50}) is False


def test_missing_input_names_the_quantity(lib):
    with pytest.raises(KeyError, match="annual_linear_reduction_pct"):
        lib.sbti_rule("NT-AMBITION-S12").check({})


def test_unknown_rule(lib):
    with pytest.raises(RequirementNotFoundError):
        lib.sbti_rule("NT-NOPE")
