"""GHG inventory and targets engine: read an inventory, total it, check targets (figures in documents that disagree with it:
:mod:`disclosure.facts.consistency`, which reads them through the facts layer).

Plain Python, no UI: the CLI (``disclosure.commands.ghg``) and the app page call these functions.
Plotly is imported only when a chart is drawn.
"""
from __future__ import annotations

from .calculations import (
    CarbonFeeEstimate, InventorySummary, RecalculationCheck, StructuralChange, YearChange, base_year_recalculation_check,
    carbon_fee_for_inventory, estimate_carbon_fee, intensity, scope2_views, select_records, summarize, total,
    totals_by, year_on_year,
)
from .charts import emissions_by_scope_chart, target_pathway_chart
from .inventory import load_inventory, recompute, template_bytes, write_template
from .model import EmissionRecord, Inventory, OperatingData, Provenance, RowIssue
from .reference import grid_factor, gwp, normalize_gas
from .targets import (
    Check, Progress, SbtiCriteria, Target, check_targets, linear_pathway, load_targets, progress, target_actuals, verdict,
)


__all__ = [
    "CarbonFeeEstimate", "Check", "EmissionRecord", "Inventory",
    "InventorySummary", "OperatingData", "Progress", "Provenance", "RecalculationCheck", "RowIssue",
    "SbtiCriteria", "StructuralChange", "Target", "YearChange", "base_year_recalculation_check",
    "carbon_fee_for_inventory", "check_targets", "emissions_by_scope_chart",
    "estimate_carbon_fee", "grid_factor", "gwp", "intensity", "linear_pathway", "load_inventory",
    "load_targets", "normalize_gas", "progress", "recompute", "scope2_views", "select_records", "summarize",
    "target_actuals", "target_pathway_chart", "template_bytes", "total", "totals_by", "verdict", "write_template",
    "year_on_year",
]
