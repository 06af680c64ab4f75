"""`draft`: a thin shell over :mod:`disclosure.drafting`.

    python -m disclosure draft --chapter ghg-inventory --frameworks gri,tcfd,ifrs-s2 --lang zh-TW \\
        [--mode grounded|llm] [--inventory FILE] [--year 2023] --out draft.docx|draft.md|draft.json [--json]

Chapters: governance, risk-strategy, ghg-inventory, targets-transition, reduction-renewables,
carbon-neutrality, supply-chain, and tcfd-report (the TCFD / IFRS S2 climate report preset).
The inventory defaults to the GHG inventory workbook among the indexed documents (none when the
evidence base has none: figures then come from the documents only). Exit 0 when the draft was written (gaps are listed, not errors).
"""
from __future__ import annotations

import argparse
import sys


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("draft", help="draft a report chapter with citations (zh-TW or English)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--chapter", required=True, help="chapter id, or tcfd-report for the TCFD / IFRS S2 preset")
    p.add_argument("--frameworks", default="gri,tcfd,ifrs-s2", help="comma-separated framework ids (default gri,tcfd,ifrs-s2)")
    p.add_argument("--lang", choices=["zh-TW", "en"], default="zh-TW", help="drafting language")
    p.add_argument("--mode", choices=["grounded", "llm"], default="grounded",
                   help="grounded (default, no model) or llm (the chat model chosen in settings)")
    p.add_argument("--inventory", help="GHG inventory workbook (.xlsx/.csv); default: found among the documents")
    p.add_argument("--no-inventory", action="store_true", help="draft figures from the documents only")
    p.add_argument("--year", type=int, help="reporting year (default: the workspace profile's, else the latest in the inventory)")
    p.add_argument("--out", help="write the draft to this .docx, .md or .json file")
    p.add_argument("--json", action="store_true", help="print the draft as JSON")
    p.set_defaults(func=run_draft)


def run_draft(args: argparse.Namespace, settings) -> int:
    from .. import services
    from ..drafting.export import to_json, write

    eb = services.open_workspace(settings)
    inventory = None if args.no_inventory else (args.inventory or services.AUTO)
    draft = services.draft(eb, args.chapter, args.frameworks.split(","), args.lang, mode=args.mode,
                           inventory=inventory, year=args.year)
    if args.out:
        path = write(draft, args.out)
        print(f"wrote {path} — {len(draft.sentences())} sentences, {len(draft.gaps)} gap item(s), "
              f"{len(draft.rejected)} refused", file=sys.stderr)
    if args.json:
        print(to_json(draft))
    elif not args.out:
        from ..drafting.export import to_markdown

        print(to_markdown(draft))
    return 0
