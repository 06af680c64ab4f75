"""SBTi criteria for the target checks, read from the framework library.

The numbers (coverage, Scope 3 trigger, timeframe, earliest base year, linear rates, long-term depth)
live in ``frameworks/data/sbti.yaml``; this module turns those rules into the
:class:`~disclosure.ghg.targets.SbtiCriteria` that :func:`~disclosure.ghg.targets.check_targets`
applies, so a change to the data changes the checks.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from ..errors import DisclosureError
from .targets import DEFAULT_CRITERIA, SbtiCriteria

log = logging.getLogger(__name__)

# (rule id in sbti.yaml, quantity, operator) → SbtiCriteria field. The operator tells the lower and
# upper bound of the near-term timeframe apart.
RULE_FIELDS: dict[tuple[str, str, str], str] = {
    ("NT-S12-COVERAGE", "scope12_coverage_pct", ">="): "s12_min_coverage_pct",
    ("NT-S3-COVERAGE", "scope3_coverage_pct", ">="): "s3_near_term_min_coverage_pct",
    ("LT-COVERAGE", "scope3_coverage_pct", ">="): "s3_long_term_min_coverage_pct",
    ("NT-TIMEFRAME", "years_from_submission", ">="): "near_term_min_years",
    ("NT-TIMEFRAME", "years_from_submission", "<="): "near_term_max_years",
    ("NT-BASE-YEAR", "base_year", ">="): "earliest_base_year",
    ("NT-AMBITION-S12", "annual_linear_reduction_pct", ">="): "s12_min_annual_linear_pct",
    ("NT-AMBITION-S3", "annual_linear_reduction_pct", ">="): "s3_min_annual_linear_pct",
    ("LT-AMBITION", "reduction_from_base_year_pct", ">="): "long_term_min_reduction_pct",
    ("LT-AMBITION", "target_year", "<="): "long_term_latest_year",
}
# The Scope 3 trigger is the rule's applicability condition, not one of its thresholds.
TRIGGER_FIELD = ("NT-S3-COVERAGE", "scope3_share_of_total_pct", "s3_share_trigger_pct")
_INT_FIELDS = {"near_term_min_years", "near_term_max_years", "earliest_base_year", "long_term_latest_year"}


def criteria_from_rules(rules: Iterable[Any]) -> SbtiCriteria:
    """:class:`SbtiCriteria` from SBTi rules (``frameworks.schema.SbtiRule`` objects).

    Raises ValueError naming the rule and quantity when a number the checks need is missing.
    """
    by_id = {r.id: r for r in rules}
    values: dict[str, Any] = {}
    for (rule_id, quantity, operator), name in RULE_FIELDS.items():
        rule = by_id.get(rule_id)
        hit = next((t for t in (rule.thresholds if rule else []) if t.quantity == quantity and t.operator == operator), None)
        if hit is None:
            raise ValueError(f"SBTi rule {rule_id} has no threshold '{quantity} {operator}' in the framework data")
        values[name] = hit.value
    rule_id, quantity, name = TRIGGER_FIELD
    cond = getattr(by_id.get(rule_id), "applies_when", None)
    if cond is None or cond.quantity != quantity:
        raise ValueError(f"SBTi rule {rule_id} has no applicability condition on '{quantity}' in the framework data")
    values[name] = cond.value
    values = {k: int(v) if k in _INT_FIELDS else float(v) for k, v in values.items()}
    sources = sorted({r.source for r in by_id.values() if getattr(r, "source", None)})
    values["source"] = "framework library sbti.yaml (" + "; ".join(sources) + ")"
    return SbtiCriteria.from_mapping(values)


def criteria_from_library() -> SbtiCriteria:
    """The SBTi criteria as the bundled framework library states them.

    Falls back to the built-in :data:`~disclosure.ghg.targets.DEFAULT_CRITERIA` (with a logged
    warning) only when the library cannot be loaded or lacks a number.
    """
    try:
        from frameworks.library import sbti_rules

        return criteria_from_rules(sbti_rules())
    except (ImportError, OSError, ValueError, DisclosureError) as exc:  # a broken data file must not stop the checks
        log.warning("SBTi rules not read from the framework library (%s); using built-in defaults", exc)
        return DEFAULT_CRITERIA

