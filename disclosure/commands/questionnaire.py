"""`answer`: a thin shell over :mod:`disclosure.questionnaire`.

    python -m disclosure answer --questions FILE_OR_SET [--previous last_year.xlsx] [--lang zh-TW|en]
        [--map id=COL,text=COL,...] [--sheet NAME] [--inventory FILE | --no-inventory] [--year Y]
        --out answers.xlsx [--json [FILE]]
    python -m disclosure answer --list-sets

FILE_OR_SET is a CSV/XLSX questionnaire or a built-in set id (cdp, tcfd, supplier_carbon, csa_climate,
ecovadis_env). The JSON is a list of {question_id, answer, status, confidence, citations: [{source,
page, …}], …}. A summary (answered / partial / no evidence / stale) goes to stderr. Exit 0 when the
answers were produced, whatever their status.
"""
from __future__ import annotations

import argparse
import sys


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("answer", help="answer a questionnaire (file or built-in set) from the evidence, with citations",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--questions", help="questionnaire CSV/XLSX, or a built-in set id")
    p.add_argument("--list-sets", action="store_true", help="list the built-in question sets and exit")
    p.add_argument("--previous", help="last year's answered questionnaire (CSV/XLSX with id and answer columns)")
    p.add_argument("--lang", choices=["zh-TW", "en"], help="answer language (default: the questionnaire's)")
    p.add_argument("--map", dest="mapping", help="column mapping for the questionnaire, e.g. id=No.,text=Item,options=Choices")
    p.add_argument("--sheet", help="XLSX sheet holding the questions (default: the first one recognised)")
    p.add_argument("--inventory", help="GHG inventory workbook (default: found among the indexed documents)")
    p.add_argument("--no-inventory", action="store_true", help="answer figures from the documents only")
    p.add_argument("--year", type=int, help="reporting year (default: latest in the inventory)")
    p.add_argument("--out", help="write the answers to this .xlsx (or .json) file")
    p.add_argument("--json", nargs="?", const="-", metavar="FILE", help="print the answers as JSON (or write them to FILE)")
    p.set_defaults(func=run_answer)


def _parse_mapping(text: str | None) -> dict | None:
    from ..errors import DisclosureError

    if not text:
        return None
    out = {}
    for part in text.split(","):
        role, sep, col = part.partition("=")
        if not sep or not role.strip():
            raise DisclosureError(f"cannot read the column mapping '{text}' — write it as id=COLUMN,text=COLUMN")
        out[role.strip()] = col.strip()
    return out


def run_answer(args: argparse.Namespace, settings) -> int:
    from ..errors import DisclosureError
    from ..questionnaire import list_sets, load_questions, read_previous_answers, to_json, write

    if args.list_sets:
        for set_id, title, n in list_sets(args.lang or "en"):
            print(f"{set_id:<16} {n:>4} questions  {title}")
        return 0
    if not args.questions:
        raise DisclosureError("give --questions FILE_OR_SET (or --list-sets to see the built-in sets)")
    from pathlib import Path

    from .. import services

    qn = load_questions(args.questions, lang=args.lang, mapping=_parse_mapping(args.mapping), sheet=args.sheet)
    previous = None
    if args.previous:
        pp = Path(args.previous)
        if not pp.is_file():
            raise DisclosureError(f"no such file: {args.previous}")
        previous = read_previous_answers(pp.read_bytes(), pp.name)
    eb = services.open_workspace(settings)
    inventory = None if args.no_inventory else (args.inventory or services.AUTO)

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\ranswering {done}/{total}", end="", file=sys.stderr, flush=True)

    sheet = services.answer(eb, qn, lang=args.lang, inventory=inventory, year=args.year, previous=previous,
                            previous_source=Path(args.previous).name if args.previous else None, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    c = sheet.counts()
    print(f"{len(sheet.answers)} questions: {c['answered']} answered, {c['partial']} partial, "
          f"{c['no_evidence']} no evidence" + (f", {c['stale']} stale" if previous is not None else "")
          + (f" (inventory {sheet.inventory}, {sheet.reporting_year})" if sheet.inventory else ""), file=sys.stderr)
    if args.out:
        path = write(sheet, args.out)
        print(f"wrote {path}", file=sys.stderr)
    if args.json:
        if args.json == "-":
            print(to_json(sheet))
        else:
            Path(args.json).write_text(to_json(sheet), encoding="utf-8")
            print(f"wrote {args.json}", file=sys.stderr)
    elif not args.out:
        for a in sheet.answers:
            print(f"[{a.status}/{a.confidence}] {a.question_id}: {a.answer}")
    return 0
