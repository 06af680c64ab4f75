"""`workspace`: one reporting entity (a company or a group) per workspace, with its company profile.

    python -m disclosure workspace list
    python -m disclosure workspace create acme --name-zh 艾克米股份有限公司 --name-en "Acme Co., Ltd." [--alias 艾克米]
    python -m disclosure workspace show [NAME] [--json]
    python -m disclosure --workspace acme workspace set reporting_year=2024 stock_code=1234 aliases=艾克米,Acme

Other commands use the workspace named by the top-level --workspace (or $DISCLOSURE_WORKSPACE);
without it, the default workspace (the sample company on first start).
"""
from __future__ import annotations

import argparse
import json

from ..settings import Settings


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("workspace", help="create, list, show and edit workspaces (one per reporting entity)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    wsub = p.add_subparsers(dest="workspace_command", metavar="ACTION", required=True)

    c = wsub.add_parser("create", help="create a workspace with its company profile")
    c.add_argument("name", help="lower-case letters, digits, '-' or '_' (e.g. acme-2024)")
    c.add_argument("--name-zh", default="", help="legal name in Chinese")
    c.add_argument("--name-en", default="", help="legal name in English")
    c.add_argument("--alias", action="append", default=[], help="a short name the documents use; repeatable")
    c.add_argument("--stock-code", help="TWSE / TPEx stock code")
    c.add_argument("--reporting-year", type=int)
    c.add_argument("--base-year", type=int)
    c.set_defaults(func=run_create)

    ls = wsub.add_parser("list", help="list workspaces")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=run_list)

    sh = wsub.add_parser("show", help="show a workspace's company profile")
    sh.add_argument("name", nargs="?", help="workspace (default: the current one)")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(func=run_show)

    st = wsub.add_parser("set", help="edit the current workspace's profile: field=value …")
    st.add_argument("assignments", nargs="+", metavar="FIELD=VALUE",
                    help="name_zh, name_en, aliases (comma-separated), stock_code, industry, reporting_year, "
                         "base_year, capital_tier (over-10bn|5-10bn|under-5bn), consolidation "
                         "(operational-control|financial-control|equity-share); empty value unsets")
    st.set_defaults(func=run_set)


def run_create(args: argparse.Namespace, settings: Settings) -> int:
    from ..workspace import CompanyProfile, create_workspace, update_profile

    values = {"name_zh": args.name_zh, "name_en": args.name_en, "aliases": ",".join(args.alias)}
    if args.stock_code:
        values["stock_code"] = args.stock_code
    if args.reporting_year:
        values["reporting_year"] = str(args.reporting_year)
    if args.base_year:
        values["base_year"] = str(args.base_year)
    profile = update_profile(CompanyProfile(), values)
    ws = create_workspace(settings, args.name, profile)
    print(f"created workspace '{ws.workspace}' ({profile.display_name() or 'no company name yet'}) — use it with: "
          f"python -m disclosure --workspace {ws.workspace} ingest PATH")
    return 0


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    from ..workspace import list_workspaces, load_profile, workspace_settings

    rows = []
    for name in list_workspaces(settings):
        prof = load_profile(workspace_settings(settings, name))
        rows.append({"workspace": name, "company": prof.display_name(), "current": name == settings.workspace})
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        print(f"{'*' if r['current'] else ' '} {r['workspace']:<24} {r['company']}")
    return 0


def run_show(args: argparse.Namespace, settings: Settings) -> int:
    from ..workspace import load_profile, profile_json, require_workspace, workspace_settings

    ws = workspace_settings(settings, args.name) if args.name else settings
    require_workspace(ws)
    prof = load_profile(ws)
    if args.json:
        print(json.dumps({"workspace": ws.workspace, "profile": prof.model_dump(mode="json")}, ensure_ascii=False, indent=2))
        return 0
    print(f"workspace {ws.workspace}")
    for k, v in json.loads(profile_json(prof)).items():
        print(f"  {k:<15} {', '.join(v) if isinstance(v, list) else ('' if v is None else v)}")
    if prof.ifrs_s2_from:
        print(f"  IFRS S2 applies from FY{prof.ifrs_s2_from} (FSC roadmap, by paid-in capital)")
    return 0


def run_set(args: argparse.Namespace, settings: Settings) -> int:
    from ..errors import ConfigurationError
    from ..workspace import load_profile, require_workspace, save_profile, update_profile

    require_workspace(settings)
    assignments = {}
    for a in args.assignments:
        key, eq, value = a.partition("=")
        if not eq:
            raise ConfigurationError(f"'{a}' is not FIELD=VALUE (e.g. reporting_year=2024)")
        assignments[key.strip()] = value
    prof = update_profile(load_profile(settings), assignments)
    path = save_profile(settings, prof)
    print(f"updated the profile of workspace '{settings.workspace}' ({path})")
    return 0
