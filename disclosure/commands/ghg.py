"""`ghg` sub-commands: a thin shell over :mod:`disclosure.ghg`.

    python -m disclosure ghg summary FILE [--json] [--year Y] [--scope2 location|market]
    python -m disclosure ghg check-targets FILE [--inventory INV] [--json]   (exit 1 when a check fails)
    python -m disclosure ghg consistency --inventory FILE [--json]            (exit 1 on disagreements)
    python -m disclosure ghg template --out FILE.xlsx
"""
from __future__ import annotations

import argparse
import json
from typing import Any

from ..errors import InventoryFormatError


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser("ghg", help="GHG inventory: totals, SBTi target checks, figures that disagree with it",
                              description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="ghg_command", metavar="{summary,check-targets,consistency,template}")
    sub.required = True

    s = sub.add_parser("summary", help="totals by scope, ISO category, Scope 3 category, gas, site; YoY; intensity")
    s.add_argument("file", help="inventory workbook (.xlsx) or CSV")
    s.add_argument("--year", type=int, help="reporting year (default: latest in the file)")
    s.add_argument("--scope2", choices=("location", "market"), default="location", help="Scope 2 method for totals")
    s.add_argument("--gwp", choices=("AR4", "AR5", "AR6"), default="AR5", help="GWP table to check the rows against")
    s.add_argument("--json", action="store_true", help="print JSON")
    s.set_defaults(func=run_summary)

    c = sub.add_parser("check-targets", help="check targets against the SBTi criteria (exit 1 when one fails)")
    c.add_argument("file", help="inventory workbook with a 減碳目標 sheet, or a targets CSV/XLSX")
    c.add_argument("--inventory", help="inventory file for the Scope 3 share, when FILE holds only targets")
    c.add_argument("--json", action="store_true", help="print JSON")
    c.set_defaults(func=run_check_targets)

    k = sub.add_parser("consistency", help="emission figures in the indexed documents that disagree with the inventory")
    k.add_argument("--inventory", required=True, help="inventory workbook (.xlsx) or CSV")
    k.add_argument("--json", action="store_true", help="print JSON")
    k.set_defaults(func=run_consistency)

    t = sub.add_parser("template", help="write an empty inventory template (XLSX) with one example row per sheet")
    t.add_argument("--out", required=True, help="path of the .xlsx to write")
    t.set_defaults(func=run_template)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def run_summary(args: argparse.Namespace, settings: Any = None) -> int:
    from ..ghg import carbon_fee_for_inventory, load_inventory, summarize

    inv = load_inventory(args.file, gwp_report=args.gwp)
    summary = summarize(inv, args.year, scope2_method=args.scope2)
    fee = carbon_fee_for_inventory(inv, summary.year)
    fee_sites = carbon_fee_for_inventory(inv, summary.year, per_site=True) if len(inv.facilities) > 1 else None
    if args.json:
        data = summary.model_dump(mode="json")
        data["carbon_fee"] = fee.model_dump(mode="json")
        if fee_sites is not None:
            data["carbon_fee_per_site"] = fee_sites.model_dump(mode="json")
        _print_json(data)
        return 0
    y = summary.year
    print(f"{summary.source} — {y} (Scope 2 {summary.scope2_method}-based, GWP {summary.gwp_report})")
    print(f"  Scope 1            {summary.by_scope[1]:>14,.1f} tCO2e")
    print(f"  Scope 2 location   {summary.scope2_location:>14,.1f}")
    print(f"  Scope 2 market     {summary.scope2_market:>14,.1f}")
    print(f"  Scope 3            {summary.by_scope[3]:>14,.1f}")
    print(f"  Total              {summary.total:>14,.1f}" +
          (f"   (Scope 3 = {summary.scope3_share_pct:.1f} %)" if summary.scope3_share_pct is not None else ""))
    if summary.by_iso_category:
        print("  ISO 14064-1: " + "; ".join(f"cat {k} {v:,.1f}" for k, v in summary.by_iso_category.items()))
    if summary.by_scope3_category:
        print("  Scope 3:     " + "; ".join(f"C{k} {v:,.1f}" for k, v in summary.by_scope3_category.items()))
    print("  By gas:      " + "; ".join(f"{k} {v:,.1f}" for k, v in summary.by_gas.items()))
    print("  By site:     " + "; ".join(f"{k} {v:,.1f}" for k, v in summary.by_facility.items()))
    for ch in summary.year_on_year:
        pct = f"{ch.change_pct:+.1f} %" if ch.change_pct is not None else "n/a"
        print(f"  {ch.metric:<9} {ch.previous_year}→{y}: {ch.previous:,.1f} → {ch.value:,.1f} ({pct})")
    for i in summary.intensities:
        print(f"  Intensity Scope {'+'.join(map(str, i.scopes))}: {i.value:,.3f} {i.unit}")
    print("  " + fee.text("en"))
    if fee_sites is not None:
        print(f"  Per site: NT${fee_sites.fee_ntd:,} (" + "; ".join(
            f"{s.site} {s.emissions_t:,.1f} t{'' if s.liable else ' below threshold'}" for s in fee_sites.sites) + ")")
    if summary.issues:
        print(f"  {len(summary.issues)} row issue(s):")
        for issue in summary.issues:
            print(f"    [{issue.kind}] {issue.provenance.label()}: {issue.message}")
    return 0


def run_check_targets(args: argparse.Namespace, settings: Any = None) -> int:
    from ..ghg import check_targets, load_inventory, load_targets, progress, verdict

    targets = load_targets(args.file)
    inv = None
    try:
        inv = load_inventory(args.inventory or args.file)
    except InventoryFormatError:
        if args.inventory:
            raise
    checks = check_targets(targets, inv)
    progresses = []
    if inv is not None and inv.records:
        for t in targets:
            if t.type != "other" and t.base_year in inv.years:
                progresses.append(progress(t, inv))
    ok = verdict(checks)
    if args.json:
        _print_json({
            "verdict": ok,
            "targets": [t.model_dump(mode="json") for t in targets],
            "checks": [c.model_dump(mode="json") for c in checks],
            "progress": [p.model_dump(mode="json") for p in progresses],
        })
    else:
        mark = {True: "PASS", False: "FAIL", None: "----"}
        for c in checks:
            print(f"[{mark[c.passed]}] {c.rule_id}: {c.message_en}")
        for p in progresses:
            print(f"[PROG] {p.message_en}")
        print({True: "All applicable SBTi checks pass.", False: "Some SBTi checks fail — see FAIL lines.",
               None: "Nothing could be checked."}[ok])
    return 1 if ok is False else 0


def run_consistency(args: argparse.Namespace, settings: Any = None) -> int:
    from .. import services
    from ..ghg import load_inventory

    inv = load_inventory(args.inventory)
    report = services.ghg_consistency(services.open_workspace(settings), inv)
    if args.json:
        _print_json(report.model_dump(mode="json"))
    else:
        print(f"{report.passages_read} passages, {report.figures_found} emission figures: "
              f"{len(report.agreements)} agree, {len(report.disagreements)} disagree, "
              f"{report.not_comparable} not comparable (year or metric not in the inventory).")
        for f in report.disagreements:
            print(f"  ✗ {f.message_en}")
            print(f"      “{f.sentence}”")
    return 1 if report.disagreements else 0


def run_template(args: argparse.Namespace, settings: Any = None) -> int:
    from ..ghg import write_template

    path = write_template(args.out)
    print(f"wrote {path} (sheets 盤查清冊, 營運資料, 減碳目標; one example row each)")
    return 0
