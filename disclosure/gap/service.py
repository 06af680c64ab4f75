"""The gap-check use cases the Gap check page, the CLI and the benchmark call with the same inputs,
so the browser and the command line never judge the same file differently: which items to check,
check an uploaded file or pasted text, check a document already in the evidence base (its stored
chunks and vectors, no second embedding), and keep an uploaded file in the evidence base."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..settings import Settings
from .checker import GapChecker
from .documents import default_cache_dir, document_from_chunks
from .items import GapItem, items_for_checklist, items_for_checklist_framework, items_for_frameworks
from .models import Cancel, GapReport, Progress

if TYPE_CHECKING:  # pragma: no cover
    from frameworks.schema import Framework

    from ..evidence import EvidenceBase
    from ..models import DocumentRole, IngestReport


def gap_items(frameworks: Sequence[str] = (), checklist: str | Path | None = None,
              checklists: Sequence["Framework"] = ()) -> list[GapItem]:
    """The items of a run: a checklist file, or built-in frameworks plus checklists already loaded
    (the Frameworks page keeps them); checklist items are always read as checklist questions."""
    if checklist is not None:
        return items_for_checklist(checklist)
    items = items_for_frameworks(list(frameworks))
    for fw in checklists:
        items += items_for_checklist_framework(fw)
    return items


def make_checker(settings: Settings, cache_dir: Path | None = None, embedder=None) -> GapChecker:
    """A checker with the LLM judge when the settings turn it on (``gap_llm_judge`` and an LLM backend)."""
    judge = None
    if getattr(settings, "gap_llm_judge", False) and settings.llm_backend != "none":
        from .judge import LLMJudge

        judge = LLMJudge.from_settings(settings)
    return GapChecker(settings, embedder=embedder, cache_dir=cache_dir or default_cache_dir(), judge=judge)


def check_upload(settings: Settings, data: bytes | str, name: str, items: Sequence[GapItem],
                 progress: Progress | None = None, cancel: Cancel | None = None,
                 cache_dir: Path | None = None) -> GapReport:
    """Check an uploaded file's bytes (or pasted text) on its own."""
    return make_checker(settings, cache_dir).check(data, name, items, progress, cancel)


def check_indexed(evidence_base: "EvidenceBase", ref: str, items: Sequence[GapItem],
                  progress: Progress | None = None, cancel: Cancel | None = None) -> GapReport:
    """Check a document already in the evidence base (by id, id prefix or file name), from its stored
    chunks and vectors: nothing is converted or embedded again."""
    record = evidence_base.find_document(ref)
    progress = progress or (lambda _f, _m: None)
    progress(0.0, f"reading {record.source} from the evidence base")
    chunks, vectors = evidence_base.store.document_chunks(record.doc_id)
    doc = document_from_chunks(chunks, vectors, record.source, record.content_hash, record.pages, record.warnings)
    checker = make_checker(evidence_base.settings, embedder=evidence_base.embedder)
    return checker.check_document(doc, items, progress, cancel)


def keep_upload(evidence_base: "EvidenceBase", data: bytes, name: str,
                role: "DocumentRole" = "reference") -> "IngestReport":
    """Keep an uploaded, checked file in the workspace's evidence base so that the next check can
    reuse it (``check_indexed``, ``gap --document NAME``). It is kept as a ``reference`` document:
    a report checked against a framework (often a peer's, or last year's) is read for comparison,
    never drafted from as the company's own evidence. The same file twice adds nothing."""
    from ..evidence import PendingFile

    return evidence_base.ingest_files([PendingFile(name=name, data=data)], role=role)
