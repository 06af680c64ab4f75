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

from .models import Citation, DataTable, Draft, DraftSection, GapItem, Paragraph, RejectedSentence, Sentence

__all__ = ["Citation", "DataTable", "Draft", "DraftSection", "GapItem", "Paragraph", "RejectedSentence", "Sentence",
           "draft_chapter", "find_inventory", "available_chapters"]


def available_chapters(lang: str = "zh-TW", library=None) -> list[tuple[str, str]]:
    """(chapter id, title) of every chapter the engine drafts, and of the TCFD / IFRS S2 report preset."""
    from frameworks.library import default_library

    from .chapters import PRESET_ID, PRESET_TITLE

    lib = library or default_library()
    zh = lang.lower().startswith("zh")
    out = [(c.id, c.title.zh if zh else c.title.en) for c in lib.chapters()]
    out.append((PRESET_ID, PRESET_TITLE[0 if zh else 1]))
    return out


def find_inventory(evidence_base=None, corpus_dir: str | Path | None = None) -> Path | None:
    """The GHG inventory workbook to draft from: the first indexed XLSX/CSV the GHG engine can read
    (as a 盤查清冊); without an evidence base, one in ``corpus_dir``; None when there is none.
    A workbook that is not in the evidence base is never used for it: its figures would be cited
    from a file the user never added (the sample company's, say)."""
    from ..errors import DisclosureError
    from ..ghg import load_inventory

    candidates: list[Path] = []
    if evidence_base is not None:
        for d in sorted(evidence_base.documents(), key=lambda d: d.source):
            if d.kind in ("xlsx", "csv") and d.stored_path:
                candidates.append(Path(d.stored_path))
    elif corpus_dir is not None and Path(corpus_dir).is_dir():
        candidates += sorted(p for p in Path(corpus_dir).iterdir() if p.suffix.lower() in (".xlsx", ".csv"))
    # names that say 'inventory' first
    candidates.sort(key=lambda p: (0 if any(k in p.name for k in ("盤查", "inventory", "Inventory")) else 1))
    for p in candidates:
        if not p.is_file():
            continue
        try:
            inv = load_inventory(p)
        except (DisclosureError, ValueError, OSError):
            continue
        if inv.records and "inventory" in inv.sheets and any(r.scope in (1, 2) for r in inv.records):
            return p
    return None


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
    from .grounded import DraftContext, write_grounded

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
        draft.title = f"{company} {draft.title}" if lang.lower().startswith("zh") else f"{company}: {draft.title}"
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
