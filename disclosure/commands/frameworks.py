"""`frameworks list|show|search`: browse the framework library from the command line.

A thin shell over :mod:`frameworks.library`; FRAMEWORK may also be the path of a user checklist
(.csv/.xlsx), which is imported and shown like a built-in framework.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..settings import Settings


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("frameworks", help="browse disclosure frameworks (GRI, TCFD, IFRS S2, SASB, CDP, SBTi, ISO 14068, ESRS E1, TWSE)")
    fsub = p.add_subparsers(dest="frameworks_command", metavar="ACTION", required=True)

    q = fsub.add_parser("list", help="list the frameworks")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_list)

    q = fsub.add_parser("show", help="show a framework's requirements, or one requirement with its crosswalk")
    q.add_argument("framework", help="framework id or alias (gri, tcfd, ifrs-s2, cdp, …) or a checklist .csv/.xlsx")
    q.add_argument("requirement_id", nargs="?", help="requirement id, e.g. 305-1, MT-b, 29(a)(i), 7.6")
    q.add_argument("--lang", choices=["en", "zh"], default="en", help="language of the text output")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_show)

    q = fsub.add_parser("search", help="search requirements across frameworks (zh-TW or English)")
    q.add_argument("query")
    q.add_argument("--lang", choices=["en", "zh"], help="search only this language's text")
    q.add_argument("--framework", action="append", default=[], help="restrict to a framework; repeatable")
    q.add_argument("-k", "--limit", type=int, default=20, help="maximum results (default 20)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_search)


def _library():
    from frameworks.library import default_library

    return default_library()


def _is_checklist_path(text: str) -> bool:
    p = Path(text)
    return p.suffix.lower() in {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls"} and p.exists()


def _framework_record(fw, with_requirements: bool = False) -> dict:
    rec = {
        "id": fw.id,
        "name_en": fw.name.en,
        "name_zh": fw.name.zh,
        "kind": fw.kind,
        "version": fw.version,
        "status": fw.status,
        "effective": fw.effective.isoformat() if fw.effective else None,
        "withdrawn": fw.withdrawn.isoformat() if fw.withdrawn else None,
        "superseded_by": fw.superseded_by,
        "source": fw.source.model_dump(mode="json") if fw.source else None,
        "aliases": list(fw.aliases),
        "notes": [n.model_dump(mode="json") for n in fw.notes],
        "requirement_count": len(fw.requirements),
    }
    if with_requirements:
        rec["sections"] = [s.model_dump(mode="json") for s in fw.sections]
        rec["lists"] = {k: [i.model_dump(mode="json") for i in v] for k, v in fw.lists.items()}
        rec["phase_ins"] = [p.model_dump(mode="json") for p in fw.phase_ins]
        if fw.rules:
            rec["rules"] = [r.model_dump(mode="json") for r in fw.rules]
        rec["requirements"] = [r.to_record() for r in fw.requirements]
    return rec


def _print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    frameworks = _library().list_frameworks()
    if args.json:
        _print_json([_framework_record(fw) for fw in frameworks])
        return 0
    for fw in frameworks:
        status = "" if fw.status == "active" else f"  [{fw.status}{' ' + fw.withdrawn.isoformat() if fw.withdrawn else ''}]"
        print(f"{fw.id:<10} {len(fw.requirements):>4}  {fw.name.en} / {fw.name.zh}  ({fw.version}){status}")
    return 0


def _show_requirement(lib, req, args) -> int:
    if args.json:
        rec = req.to_record()
        rec["crosswalk_items"] = [
            {"ref": r.ref, "framework": r.framework, "id": r.id, "title_en": r.title.en, "title_zh": r.title.zh}
            for r in (lib.crosswalk(req.ref) if req.crosswalk else [])
        ]
        rec["crosswalk_groups"] = [g.id for g in lib.crosswalk_groups(req.ref)]
        _print_json(rec)
        return 0
    lang = args.lang
    print(f"{req.ref}  {req.title.get(lang)}")
    other = req.title.zh if lang == "en" else req.title.en
    print(f"    {other}")
    meta = [f"status: {req.status}" + (f" (effective {req.effective.isoformat()})" if req.effective else "")]
    if req.pillar:
        meta.append(f"pillar: {req.pillar}")
    if req.chapter:
        meta.append(f"chapter: {req.chapter}")
    if req.answer_type:
        meta.append(f"answer: {req.answer_type}")
    if req.legacy_ids:
        meta.append(f"legacy: {', '.join(req.legacy_ids)}")
    print("    " + " | ".join(meta))
    print()
    print(req.description.get(lang))
    if req.data_points:
        print("\nData points:")
        for d in req.data_points:
            unit = f" [{d.unit}]" if d.unit else ""
            need = "required" if d.required else f"if {d.condition}"
            print(f"  - {d.name.get(lang)} ({d.kind}{unit}; {need})")
    if req.crosswalk:
        print("\nCrosswalk:")
        for r in lib.crosswalk(req.ref):
            print(f"  - {r.ref:<28} {r.title.get(lang)}")
    if req.notes:
        print(f"\nNote: {req.notes}")
    return 0


def run_show(args: argparse.Namespace, settings: Settings) -> int:
    lib = _library()
    if _is_checklist_path(args.framework):
        from frameworks.checklist import load_checklist

        fw = load_checklist(args.framework, library=lib)
        lib = lib.with_frameworks(fw)
        fw = lib.get_framework(fw.id)
    else:
        fw = lib.get_framework(args.framework)
    if args.requirement_id:
        return _show_requirement(lib, lib.get_requirement(f"{fw.id}:{args.requirement_id}"), args)
    if args.json:
        _print_json(_framework_record(fw, with_requirements=True))
        return 0
    lang = args.lang
    print(f"{fw.name.get(lang)} — {fw.version}")
    if fw.source:
        print(f"source: {fw.source.publisher}, {fw.source.title} ({fw.source.year}) {fw.source.url}")
    if fw.status != "active":
        print(f"status: {fw.status}" + (f", withdrawn {fw.withdrawn.isoformat()}" if fw.withdrawn else "")
              + (f", superseded by {fw.superseded_by}" if fw.superseded_by else ""))
    for note in fw.notes:
        print(f"note: {note.get(lang)}")
    print()
    for r in fw.requirements:
        flag = "" if r.status == "active" else f" [{r.status}]"
        print(f"{r.id:<16} {r.title.get(lang)}{flag}")
    return 0


def run_search(args: argparse.Namespace, settings: Settings) -> int:
    hits = _library().search_scored(args.query, lang=args.lang, frameworks=args.framework or None, limit=args.limit)
    if args.json:
        out = []
        for req, score in hits:
            rec = req.to_record()
            rec["score"] = score
            out.append(rec)
        _print_json(out)
        return 0
    if not hits:
        print(f"no requirement matches {args.query!r}")
        return 0
    lang = args.lang or "en"
    for req, score in hits:
        print(f"{score:7.2f}  {req.ref:<28} {req.title.get(lang)}")
    return 0
