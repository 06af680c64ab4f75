"""Gap check: one document (a draft or a published report) against framework requirements or a
checklist — covered / partial / missing per requirement, with a calibrated probability, the page
and quote behind every verdict and what is missing.

Layout: ``documents`` (reading, pages set aside, indexing, the embedding cache), ``items`` (what is
checked and what it asks for), ``concepts`` (the concept data compiled), ``checker`` (retrieval and
detection per requirement), ``verdict`` (what decides, with named weights), ``judge`` (the optional
LLM judge), ``crosswalk``, ``claims``, ``export``, ``service`` (the use cases the page and the CLI
call) and ``models`` (the result types).
"""
from .checker import Assessment, GapChecker, disclosure_maturity, run_detectors
from .claims import check_claims
from .concepts import Concept, ConceptCatalog, concept_catalog, join_wrapped_lines
from .crosswalk import propagate_crosswalk
from .documents import (
    CheckedDocument, EmbeddingCache, Passage, build_document, default_cache_dir, document_from_chunks, index_document,
)
from .export import content_index, findings_table, report_csv_bytes, report_xlsx_bytes, score_table
from .items import (
    Asked, GapItem, ItemDataPoint, asked_concepts, item_from_requirement, items_for_checklist,
    items_for_checklist_framework, items_for_frameworks, split_question,
)
from .models import (
    ClaimFlag, ContentIndexRow, DetectorHit, EvidenceQuote, GapCancelled, GapFinding, GapReport, JudgeVerdict, ScoreRow,
    Status,
)
from .verdict import FEATURES, VerdictModel, default_model, features_of, fit_model

__all__ = [
    "Asked", "Assessment", "CheckedDocument", "ClaimFlag", "Concept", "ConceptCatalog", "ContentIndexRow", "DetectorHit",
    "EmbeddingCache", "EvidenceQuote", "FEATURES", "GapCancelled", "GapChecker", "GapFinding", "GapItem", "GapReport",
    "ItemDataPoint", "JudgeVerdict", "Passage", "ScoreRow", "Status", "VerdictModel", "asked_concepts",
    "build_document", "check_claims", "concept_catalog", "content_index", "default_cache_dir", "default_model",
    "disclosure_maturity", "document_from_chunks", "features_of", "findings_table", "fit_model", "index_document",
    "item_from_requirement", "items_for_checklist", "items_for_checklist_framework", "items_for_frameworks",
    "join_wrapped_lines", "propagate_crosswalk", "report_csv_bytes", "report_xlsx_bytes", "run_detectors",
    "score_table", "split_question",
]
