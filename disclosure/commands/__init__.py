"""CLI sub-commands. Each module is a thin shell over the engine.

Contract: a module exposes ``add_parser(subparsers)`` which registers its sub-command(s) with
``parser.set_defaults(func=run_fn)``; ``run_fn(args, settings) -> int`` returns the exit code.
``settings`` is the one :class:`disclosure.settings.Settings` object built in ``disclosure.cli``.
Domain errors (``DisclosureError``) are turned into messages by ``disclosure.cli``; do not catch
them here unless the command can carry on (e.g. a batch that skips a bad file).
"""
