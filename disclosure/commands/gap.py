"""`gap`: check a draft or a published report against frameworks or a checklist (a thin shell over
``disclosure.gap``)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import IngestionError
from ..settings import Settings

STATUS_MARK = {"covered": "✔", "partial": "◐", "missing": "✘"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gap", help="gap check: a document against frameworks or a checklist (covered / partial / missing)",
                       description="Check a draft or a published report (PDF, DOCX, TXT/MD, or '-' for text on stdin) "
                                   "requirement by requirement, with the page and quote behind every verdict.")
    doc = p.add_mutually_exclusive_group(required=True)
    doc.add_argument("--input", help="the document to check (PDF, DOCX, TXT, MD), or '-' to read text from stdin")
    doc.add_argument("--document", metavar="NAME_OR_ID",
                     help="a document already in the evidence base (file name or id): its stored pages and vectors are reused")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--framework", action="append", default=[],
                     help="built-in framework id(s), comma-separated or repeated (e.g. tcfd,gri,ifrs_s2)")
    src.add_argument("--checklist", help="a checklist CSV/XLSX (id and question columns)")
    p.add_argument("--json", metavar="OUT", help="write the findings as a JSON list ('-' for stdout)")
    p.add_argument("--report-json", metavar="OUT", help="write the full report (findings, scores, claims, content index)")
    p.add_argument("--xlsx", metavar="OUT", help="write the findings, scores, claim flags and content index as a workbook")
    p.add_argument("--csv", metavar="OUT", help="write the findings table as CSV (UTF-8 with BOM, opens in Excel)")
    p.add_argument("--content-index", action="store_true", help="print a content index (requirement → pages)")
    p.add_argument("--lang", choices=["en", "zh-TW"], default="en",
                   help="language of the 'missing' sentences and claim problems in the summary, CSV and XLSX")
    p.add_argument("--cache-dir", help="where embeddings of checked documents are cached "
                                       "(default: $DISCLOSURE_CACHE_DIR or the system temp folder)")
    p.add_argument("--keep", action=argparse.BooleanOptionalAction, default=True,
                   help="keep the --input file in the evidence base as a reference document, so that "
                        "'gap --document NAME' checks it next time without reading it again (default: keep)")
    p.add_argument("--quiet", action="store_true", help="no progress output")
    p.set_defaults(func=run_gap)


def _read_input(arg: str) -> tuple[bytes | str, str]:
    if arg == "-":
        return sys.stdin.read(), "pasted text"
    path = Path(arg)
    if not path.is_file():
        raise IngestionError(arg, "file not found", "check the path")
    return path.read_bytes(), path.name


def run_gap(args: argparse.Namespace, settings: Settings) -> int:
    from ..gap.service import check_indexed, check_upload, gap_items, keep_upload

    ids = [f.strip() for arg in args.framework for f in arg.split(",") if f.strip()]
    items = gap_items(ids, checklist=args.checklist)
    last = [-1]

    def progress(frac: float, msg: str) -> None:
        if args.quiet or args.json == "-":
            return
        pct = int(frac * 100)
        if pct != last[0]:
            last[0] = pct
            print(f"\r[{pct:3d}%] {msg[:70]:<70}", end="", file=sys.stderr, flush=True)

    if args.document:
        from ..evidence import EvidenceBase

        report = check_indexed(EvidenceBase(settings), args.document, items, progress)
    else:
        data, name = _read_input(args.input)
        report = check_upload(settings, data, name, items, progress,
                              cache_dir=Path(args.cache_dir) if args.cache_dir else None)
    if not (args.quiet or args.json == "-"):
        print(file=sys.stderr)
    _write_outputs(report, args)
    if args.input and args.input != "-" and args.keep:
        _keep(keep_upload, settings, data, name, quiet=args.quiet)
    if args.json != "-":
        _print_summary(report, args.content_index, args.lang)
    return 0


def _keep(keep_upload, settings: Settings, data: bytes | str, name: str, quiet: bool) -> None:
    """Keep the checked file as a reference document; a file that cannot be kept is said, and the
    check's outputs (already written) stand."""
    from ..errors import DisclosureError
    from ..evidence import EvidenceBase

    try:
        result = keep_upload(EvidenceBase(settings), data if isinstance(data, bytes) else data.encode("utf-8"), name)
    except DisclosureError as exc:
        print(f"not kept in the evidence base: {exc}", file=sys.stderr)
        return
    if result.skipped:
        print(f"not kept in the evidence base: {result.skipped[0].reason}", file=sys.stderr)
    elif not quiet:
        state = "already in" if result.unchanged else "kept in"
        print(f"{name}: {state} the evidence base as a reference document (next time: gap --document \"{name}\")",
              file=sys.stderr)


def _write_outputs(report, args: argparse.Namespace) -> None:
    from ..gap import report_csv_bytes, report_xlsx_bytes

    if args.json:
        text = json.dumps([f.as_json() for f in report.findings], ensure_ascii=False, indent=2)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text, encoding="utf-8")
    if args.report_json:
        Path(args.report_json).write_text(report.model_dump_json(indent=2), encoding="utf-8")
    if args.xlsx:
        Path(args.xlsx).write_bytes(report_xlsx_bytes(report, args.lang))
    if args.csv:
        Path(args.csv).write_bytes(report_csv_bytes(report, args.lang))


def _print_summary(report, content_index: bool, lang: str = "en") -> None:
    excluded = ", ".join(f"p. {p} ({k})" for p, k in report.excluded_pages.items())
    print(f"{report.source}: {report.pages or '-'} pages" + (f"; not used as evidence: {excluded}" if excluded else ""))
    for f in report.findings:
        pages = ", ".join(map(str, f.pages)) or "-"
        print(f"{STATUS_MARK[f.status]} {f.status:8} p={f.probability:.2f} {f.framework}:{f.requirement_id:<14} "
              f"pages {pages:<12} {f.title[:50]}")
        for m in f.missing_in(lang)[:3]:
            print(f"    missing: {m}")
    print()
    for s in report.scores:
        label = s.framework + (f" / {s.pillar}" if s.pillar else "")
        print(f"score {label:<32} {s.score:5.1f}  ({s.covered} covered, {s.partial} partial, {s.missing} missing of {s.total})")
    if report.claims:
        print()
        for c in report.claims:
            where = f"p. {c.page}" if c.page else c.source
            print(f"claim [{c.severity}] {c.kind} ({where}): {c.problem_in(lang)}\n    “{c.sentence[:160]}”")
    if content_index:
        print("\ncontent index")
        for row in report.content_index:
            pages = ", ".join(map(str, row.pages)) or "—"
            print(f"  {row.framework}:{row.requirement_id:<14} {pages:<16} {row.title[:60]}")
