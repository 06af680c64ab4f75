"""The use cases, one function each, called with the same inputs by the Streamlit pages, the CLI and
the benchmarks, so that the browser and the command line can never judge the same file
differently. Pages and commands read input and render; the steps a use case takes (which documents
speak for the company, which inventory, which reporting year and company name) are decided here.

- evidence: :func:`open_workspace`, :func:`ingest`, :func:`search` (the evidence base does the work)
- :func:`draft` — a chapter from the company's own documents
- :func:`answer` — a questionnaire from the company's own documents
- gap check: :func:`gap_items`, :func:`check_upload`, :func:`check_indexed`, :func:`keep_upload`
  (:mod:`disclosure.gap.service`)
- :func:`ghg_summary` and :func:`headline_figures` — the GHG figures of the company
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DisclosureError
from .gap.service import check_indexed, check_upload, gap_items, keep_upload  # noqa: F401 - part of this API
from .settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from .drafting.models import Draft
    from .evidence import EvidenceBase, PendingFile
    from .models import Evidence, IngestReport
    from .questionnaire.models import AnswerSheet, Questionnaire

AUTO = "auto"


# ------------------------------------------------------------------------------------- evidence
def open_workspace(settings: Settings) -> "EvidenceBase":
    """The evidence base of the workspace the settings name (documents of every role)."""
    from .evidence import EvidenceBase

    return EvidenceBase(settings)


def ingest(eb: "EvidenceBase", *, paths: Iterable[str | Path] = (), files: Sequence["PendingFile"] = (),
           role: str | None = None, progress: Callable[[float, str], None] | None = None) -> "IngestReport":
    """Add files (paths on disk, or uploaded bytes) with ``role`` ('evidence', 'reference', or None
    to let the entity check decide); a bad file is reported and skipped, the rest land."""
    progress = progress or (lambda _f, _m: None)
    if paths:
        return eb.ingest_paths(list(paths), progress, role=role)
    return eb.ingest_files(list(files), progress, role=role)


def search(eb: "EvidenceBase", query: str, k: int = 5, *, documents: Sequence[str] = (), year: int | None = None,
           language: str | None = None, collapse_pages: bool = True) -> list["Evidence"]:
    """Passages of every role (reference ones are marked by their ``role``), optionally only of the
    named documents (names, ids or id prefixes), of a year or a language."""
    from .retrieval import SearchFilters

    doc_ids = [eb.find_document(d).doc_id for d in documents]
    return eb.search(query, k=k, filters=SearchFilters(doc_ids=doc_ids, year=year, language=language),
                     collapse_pages=collapse_pages)


def company_evidence(eb: "EvidenceBase") -> "EvidenceBase":
    """The company's own documents (role evidence), or an error that says what to do when there are none."""
    own = eb.own_evidence()
    if not own.documents():
        ws = "" if eb.settings.workspace == "default" else f"--workspace {eb.settings.workspace} "
        if eb.documents():
            raise DisclosureError("every document of this workspace is a reference document — mark the company's own "
                                  f"with: python -m disclosure {ws}documents --set-role evidence NAME")
        raise DisclosureError(f"the evidence base is empty — add documents first: python -m disclosure {ws}ingest PATH")
    return own


def company_inventory(eb: "EvidenceBase", requested: str | Path | None = AUTO) -> Path | None:
    """The GHG inventory workbook to compute figures from: ``requested`` when it is a path, the one
    among the company's own documents for ``"auto"``, none for ``None`` (figures from documents only)."""
    if requested is None:
        return None
    if requested != AUTO:
        return Path(requested)
    from .drafting import find_inventory

    return find_inventory(eb.own_evidence(), eb.settings.corpus_dir)


# ------------------------------------------------------------------------------------- drafting
def draft(eb: "EvidenceBase", chapter: str, frameworks: Sequence[str], lang: str = "zh-TW", *,
          mode: str = "grounded", inventory: str | Path | None = AUTO, year: int | None = None,
          chat_model: Any = None) -> "Draft":
    """A chapter drafted from the company's own documents only: the year defaults to the workspace
    profile's reporting year, the title names the profile's company."""
    from .drafting import draft_chapter

    own = company_evidence(eb)
    profile = eb.profile()
    return draft_chapter(own, chapter, [f for f in frameworks if f.strip()], lang, mode=mode,
                         inventory=company_inventory(eb, inventory), year=year or profile.reporting_year,
                         chat_model=chat_model, company=profile.display_name(lang) or None)


# ------------------------------------------------------------------------------------- questionnaires
def answer(eb: "EvidenceBase", questionnaire: "Questionnaire", *, lang: str | None = None,
           inventory: str | Path | None = AUTO, year: int | None = None, previous: dict[str, str] | None = None,
           previous_source: str | None = None, progress: Callable[[int, int], None] | None = None,
           cancel: Callable[[], bool] | None = None) -> "AnswerSheet":
    """Every question answered from the company's own documents (and its inventory workbook); the
    reporting year is ``year``, else the workspace profile's, else the inventory's or the documents'."""
    from .questionnaire import answer_questionnaire

    own = company_evidence(eb)
    return answer_questionnaire(own, questionnaire, lang=lang, inventory=company_inventory(eb, inventory),
                                year=year or eb.profile().reporting_year, previous=previous,
                                previous_source=previous_source, progress=progress, cancel=cancel)


# ------------------------------------------------------------------------------------- GHG
def headline_figures(eb: "EvidenceBase"):
    """The latest year's Scope 1 / 2 (location, market) / 3 of the company with their citations
    (Home): the inventory workbook's sums when the company has one, else its documents' figures."""
    from .facts.figures import headline_figures as figures

    return figures(eb.own_evidence(), company_inventory(eb))


def ghg_consistency(eb: "EvidenceBase", inventory):
    """Figures in the company's own documents that disagree with the inventory (``inventory``: a
    loaded :class:`~disclosure.ghg.model.Inventory`); reference documents state others' figures."""
    from .facts import FactBase
    from .facts.consistency import check_consistency

    own = eb.own_evidence()
    return check_consistency(inventory, own.iter_chunks, facts=FactBase(own).facts)
