"""Framework library: disclosure requirements as validated data.

GRI, TCFD, IFRS S2, SASB, CDP, SBTi, ISO 14068-1 (and withdrawn PAS 2060), ESRS E1 and the
TWSE/TPEx climate rules live as YAML under ``frameworks/data/``, one crosswalk links them, and
``chapters.yaml`` maps them onto the report chapters. See :mod:`frameworks.library` for the API.
Nothing is loaded at import time.
"""
from .library import (
    FrameworkLibrary,
    chapters,
    crosswalk,
    default_library,
    get_framework,
    get_requirement,
    list_frameworks,
    load_checklist,
    requirements_for_chapter,
    sbti_rules,
    search,
)
from .schema import Chapter, CrosswalkGroup, DataPoint, Framework, LocalizedText, Requirement, SbtiRule

__all__ = [
    "Chapter", "CrosswalkGroup", "DataPoint", "Framework", "FrameworkLibrary", "LocalizedText", "Requirement",
    "SbtiRule", "chapters", "crosswalk", "default_library", "get_framework", "get_requirement", "list_frameworks",
    "load_checklist", "requirements_for_chapter", "sbti_rules", "search",
]
