"""Drafting engine: report chapters in zh-TW or English, every sentence cited, gaps as placeholders.

    from disclosure.drafting import draft_chapter
    draft = draft_chapter(evidence_base, "ghg-inventory", ["gri", "tcfd", "ifrs-s2"], lang="zh-TW")

Modes: ``grounded`` (default, deterministic, no model) and ``llm`` (a LangChain chat model chosen
by settings; its sentences pass the same numeric and citation guard). Exports live in
:mod:`disclosure.drafting.export`; the guard and the re-check of edited text in
:mod:`disclosure.drafting.validation`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..citing.inventory import find_inventory
from ..language import is_zh
from .models import Citation, DataTable, Draft, DraftSection, GapItem, Paragraph, RejectedSentence, Sentence

__all__ = ["Citation", "DataTable", "Draft", "DraftSection", "GapItem", "Paragraph", "RejectedSentence", "Sentence",
           "draft_chapter", "find_inventory", "available_chapters"]


def available_chapters(lang: str = "zh-TW", library=None) -> list[tuple[str, str]]:
    """(chapter id, title) of every chapter the engine drafts, and of the TCFD / IFRS S2 report preset."""
    from frameworks.library import default_library

    from .chapters import PRESET_ID, PRESET_TITLE

    lib = library or default_library()
    zh = is_zh(lang)
    out = [(c.id, c.title.zh if zh else c.title.en) for c in lib.chapters()]
    out.append((PRESET_ID, PRESET_TITLE[0 if zh else 1]))
    return out


def draft_chapter(evidence_base, chapter: str, frameworks: Sequence[str], lang: str = "zh-TW", *,
                  mode: str = "grounded", inventory: str | Path | None = None, year: int | None = None,
                  library=None, chat_model=None, company: str | None = None) -> Draft:
    """Draft one chapter (an id of the framework library's chapters, or ``tcfd-report`` for the
    TCFD / IFRS S2 climate report preset).

    ``inventory``: a GHG inventory workbook; figures computed from it cite its rows. ``company``:
    the reporting entity's name (the workspace profile's), put in the draft's title. ``mode='llm'``
    uses ``chat_model`` or the model the settings choose (``llm_backend``). Raises
    :class:`disclosure.errors.DisclosureError` subclasses with messages a person can act on.
    """
    from ..errors import ConfigurationError
    from ..citing.context import DraftContext
    from .grounded import write_grounded

    from .chapters import chapter_ids

    known = chapter_ids(library)
    if chapter not in known:
        raise ConfigurationError(f"unknown chapter '{chapter}' — choose one of {', '.join(known)}")
    settings = evidence_base.settings
    fws = _normalize_frameworks(frameworks, library)
    ctx = DraftContext(evidence_base, lang, fws, inventory=inventory, year=year, library=library)
    settings_dict = settings.public_dict()
    settings_dict["draft_args"] = {"chapter": chapter, "frameworks": fws, "lang": ctx.lang, "mode": mode,
                                   "inventory": str(inventory) if inventory else None, "year": year}
    if mode == "grounded":
        return _titled(write_grounded(ctx, chapter, settings_dict), company, ctx.lang)
    if mode == "llm":
        from .llm import write_llm

        return _titled(write_llm(ctx, chapter, settings_dict, settings, chat_model=chat_model), company, ctx.lang)
    raise ConfigurationError(f"unknown drafting mode '{mode}' — use 'grounded' or 'llm'")


def _titled(draft: Draft, company: str | None, lang: str) -> Draft:
    """The draft with the reporting entity's name before the chapter title."""
    if company and not draft.title.startswith(company):
        draft.title = f"{company} {draft.title}" if is_zh(lang) else f"{company}: {draft.title}"
    return draft


def _normalize_frameworks(frameworks: Sequence[str], library=None) -> list[str]:
    from frameworks.library import default_library

    lib = library or default_library()
    out = []
    for f in frameworks:
        f = f.strip()
        if f:
            fid = lib.get_framework(f).id
            if fid not in out:
                out.append(fid)
    return out
