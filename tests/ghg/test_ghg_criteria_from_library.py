"""The SBTi numbers the GHG checks apply come from the framework library's sbti.yaml."""
from __future__ import annotations

import logging

import pytest

from disclosure.ghg import Target, check_targets
from disclosure.ghg.criteria import RULE_FIELDS, TRIGGER_FIELD, criteria_from_library, criteria_from_rules
from disclosure.ghg.targets import DEFAULT_CRITERIA
from frameworks.library import DATA_DIR, FrameworkLibrary, sbti_rules


def test_criteria_numbers_agree_with_the_library_rules():
    lib = FrameworkLibrary.from_directory(DATA_DIR)
    c = criteria_from_library()
    for (rule_id, quantity, operator), name in RULE_FIELDS.items():
        (t,) = [t for t in lib.sbti_rule(rule_id).thresholds if t.quantity == quantity and t.operator == operator]
        assert getattr(c, name) == t.value, name
    rule_id, _quantity, name = TRIGGER_FIELD
    assert getattr(c, name) == lib.sbti_rule(rule_id).applies_when.value
    # The published numbers, so a typo in either place is caught.
    assert (c.s12_min_coverage_pct, c.s3_share_trigger_pct, c.s3_near_term_min_coverage_pct) == (95, 40, 67)
    assert (c.near_term_min_years, c.near_term_max_years, c.earliest_base_year) == (5, 10, 2015)
    assert (c.s12_min_annual_linear_pct, c.long_term_min_reduction_pct, c.long_term_latest_year) == (4.2, 90, 2050)
    assert "sbti.yaml" in c.source


def test_check_targets_uses_the_library_numbers_by_default(monkeypatch):
    stricter = [r.model_copy(update={"thresholds": [t.model_copy(update={"value": 5.0}) for t in r.thresholds]})
                if r.id == "NT-AMBITION-S12" else r for r in sbti_rules()]
    monkeypatch.setattr("frameworks.library.sbti_rules", lambda: stricter)
    t = Target(name="S1+2", scopes=(1, 2), base_year=2021, target_year=2030, reduction_pct=42, year_set=2023,
               coverage_pct=100)
    (ambition,) = [c for c in check_targets([t], scope3_share=10) if c.rule_id == "ambition_s12"]
    assert ambition.passed is False and "5.0 %/yr" in ambition.message_en


def test_falls_back_to_built_in_defaults_when_the_library_cannot_be_read(monkeypatch, caplog):
    def broken():
        raise ValueError("sbti.yaml: not valid YAML")

    monkeypatch.setattr("frameworks.library.sbti_rules", broken)
    with caplog.at_level(logging.WARNING):
        assert criteria_from_library() is DEFAULT_CRITERIA
    assert "built-in defaults" in caplog.text


def test_a_missing_number_is_named():
    rules = [r for r in sbti_rules() if r.id != "NT-BASE-YEAR"]
    with pytest.raises(ValueError, match="NT-BASE-YEAR"):
        criteria_from_rules(rules)
