"""`ingest`, `documents`, `remove`, `search`: the evidence base from the command line."""
from __future__ import annotations

import argparse
import json
import sys

from ..models import ROLES
from ..settings import Settings

REFERENCE_MARK = "[reference]"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="add PDFs, Word, Excel/CSV and text files (or folders) to the evidence base")
    p.add_argument("paths", nargs="+", help="files or directories")
    p.add_argument("--json", action="store_true", help="print the ingestion report as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress output")
    p.add_argument("--role", choices=list(ROLES),
                   help="evidence (the company's own) or reference (peer reports, regulations, examples); "
                        "default: evidence, or reference when the document is plainly another organisation's")
    p.set_defaults(func=run_ingest)

    p = sub.add_parser("documents", help="list indexed documents (or change a document's role)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--set-role", nargs=2, metavar=("ROLE", "NAME_OR_ID"),
                   help="make a document evidence or reference (no re-embedding)")
    p.set_defaults(func=run_documents)

    p = sub.add_parser("remove", help="remove a document (by file name or id)")
    p.add_argument("doc", help="file name, document id or id prefix")
    p.set_defaults(func=run_remove)

    p = sub.add_parser("search", help="search the evidence base (zh-TW or English)")
    p.add_argument("query")
    p.add_argument("-k", type=int, default=5, help="number of passages (default 5)")
    p.add_argument("--doc", action="append", default=[], help="restrict to a document (name or id); repeatable")
    p.add_argument("--year", type=int, help="only passages that mention this year (ROC years count)")
    p.add_argument("--lang", choices=["zh", "en", "mixed"], help="only passages in this language")
    p.add_argument("--all-chunks", action="store_true", help="do not collapse several passages of one page")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_search)


def _base(settings: Settings):
    from ..evidence import EvidenceBase

    return EvidenceBase(settings)


def run_ingest(args: argparse.Namespace, settings: Settings) -> int:
    eb = _base(settings)
    last = [-1]

    def progress(frac: float, msg: str) -> None:
        if args.quiet or args.json:
            return
        pct = int(frac * 100)
        if pct != last[0]:
            last[0] = pct
            print(f"\r[{pct:3d}%] {msg[:70]:<70}", end="", file=sys.stderr, flush=True)

    from .. import services

    report = services.ingest(eb, paths=args.paths, role=args.role, progress=progress)
    if not (args.quiet or args.json):
        print(file=sys.stderr)
    if args.json:
        print(report.model_dump_json(indent=2))
    else:
        for d in report.added:
            mark = f" {REFERENCE_MARK}" if d.role == "reference" else ""
            print(f"added     {d.source}{mark}  ({d.kind}, {d.pages or '-'} pages, {d.chunks} chunks, {','.join(d.languages)})")
            for w in d.warnings:
                print(f"          warning: {w}")
        for d in report.replaced:
            print(f"replaced  {d.source}  ({d.chunks} chunks)")
        for s in report.unchanged:
            print(f"unchanged {s.source}: {s.reason}")
        for s in report.skipped:
            print(f"skipped   {s.source}: {s.reason}")
        for n in report.notices:
            print(f"notice    {n.source} was stored as {n.role}: {n.reason}. Drafts and answers will not cite it. "
                  f"If it is the company's own document: {n.how_to_change}")
    # Exit 0 when something usable happened; 1 only when every file failed.
    return 1 if report.skipped and not (report.added or report.replaced or report.unchanged) else 0


def run_documents(args: argparse.Namespace, settings: Settings) -> int:
    eb = _base(settings)
    if args.set_role:
        role, ref = args.set_role
        if role not in ROLES:
            from ..errors import ConfigurationError

            raise ConfigurationError(f"unknown role '{role}' — use one of {', '.join(ROLES)}")
        rec = eb.set_role(ref, role)
        print(f"{rec.source} ({rec.doc_id[:10]}) is now {rec.role}")
        return 0
    docs = eb.documents()
    if args.json:
        print(json.dumps([d.model_dump(mode="json") for d in docs], ensure_ascii=False, indent=2))
        return 0
    if not docs:
        print("no documents indexed — add some with: python -m disclosure ingest PATH")
    for d in docs:
        print(f"{d.doc_id[:10]}  {d.role:9} {d.kind:5} {str(d.pages or '-'):>4}p {d.chunks:5} chunks  "
              f"{','.join(d.languages):8} {d.source}" + (f"  ({d.entity})" if d.entity else ""))
    return 0


def run_remove(args: argparse.Namespace, settings: Settings) -> int:
    rec = _base(settings).remove(args.doc)
    print(f"removed {rec.source} ({rec.doc_id[:10]})")
    return 0


def run_search(args: argparse.Namespace, settings: Settings) -> int:
    from .. import services

    results = services.search(_base(settings), args.query, k=args.k, documents=args.doc, year=args.year,
                              language=args.lang, collapse_pages=not args.all_chunks)
    if args.json:
        print(json.dumps([e.as_json() for e in results], ensure_ascii=False, indent=2))
        return 0
    if not results:
        print("no passages found")
    for i, e in enumerate(results, 1):
        snippet = e.text.replace("\n", " ")
        mark = f" {REFERENCE_MARK}" if e.role == "reference" else ""
        print(f"{i:2}. [{e.citation()}]{mark} score={e.score:.4f}\n    {snippet[:300]}")
    return 0
