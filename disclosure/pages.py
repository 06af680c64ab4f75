"""Pages that are not evidence: a table of contents or a disclosure index (a table that maps
requirements to sections or pages) names every topic and quotes none. The gap check never counts
them and search ranks them below the pages they point to.
"""
from __future__ import annotations

import re
from typing import Literal

PageKind = Literal["body", "toc", "index"]

_LEADER_LINE = re.compile(r"(?:[.．…·•・_\-]\s?){4,}\s*(?:p\.?\s*)?\d{1,3}\s*$", re.I)
_ENDS_IN_PAGE = re.compile(r"\S.*?\s(?:p\.?\s*)?\d{1,3}\s*$", re.I)
_TOC_WORD = re.compile(r"^\s*(目錄|目次|contents|table of contents)\s*$", re.I | re.M)
_INDEX_WORD = re.compile(r"對照表|索引|對應章節|對應頁|頁次|頁碼|content index|gri index|tcfd index|index table|"
                         r"cross[- ]reference|reference table", re.I)
# In a page heading (or a table header repeated on each page of a long index) these name an index.
_INDEX_HEADING = re.compile(_INDEX_WORD.pattern + r"|\bindex\b|reference\s+omission|disclosure\s+(?:reference|location)|"
                            r"\bomission\b|page\s+(?:number|reference)s?\b", re.I)
_SECTION_REF = re.compile(r"(?<![\d.,])\d{1,2}(?:\.\d{1,2}){1,2}(?![\d%])\s*[\u4e00-\u9fffA-Za-z]")
_PAGE_REF = re.compile(r"\b(?:p|pp|pg|page)\.?\s*\d{1,3}\b|第\s*\d{1,3}\s*頁|P\d{1,3}\b", re.I)
_DISCLOSURE_CODE = re.compile(r"\b(?:GRI\s*)?\d{3}-\d{1,2}\b|\b(?:TCFD|SASB|IFRS)\b")


def classify_page(text: str, previous: str | None = None) -> PageKind:
    """'toc' for a table of contents, 'index' for a disclosure index (a table that maps requirements
    to sections or pages), else 'body'. Only body pages may be quoted as evidence.

    Rules: a TOC has dotted leaders ending in page numbers (≥3 such lines, or a 目錄/Contents
    heading with ≥5 lines ending in a number); an index names itself (對照表, 索引, content index,
    對應章節) in its heading, or anywhere while pointing to ≥4 sections or pages. ``previous`` is the
    kind and heading of the page before: an index that runs over several pages repeats its header."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return "body"
    leaders = sum(1 for ln in lines if _LEADER_LINE.search(ln))
    if leaders >= 3 or (leaders >= 1 and leaders >= 0.3 * len(lines)):
        return "toc"
    ends = sum(1 for ln in lines if _ENDS_IN_PAGE.match(ln))
    if _TOC_WORD.search(text) and ends >= 5:
        return "toc"
    heading = " ".join(_heading_lines(lines))
    refs = len(_SECTION_REF.findall(text)) + len(_PAGE_REF.findall(text))
    codes = len(_DISCLOSURE_CODE.findall(text))
    if _INDEX_HEADING.search(heading) and refs + codes + ends >= 1:
        return "index"
    if _INDEX_WORD.search(text) and (refs >= 4 or (codes >= 6 and ends >= 4)):
        return "index"
    if previous is not None and previous.startswith("index|") and previous[6:] == heading and refs + codes >= 1:
        return "index"
    return "body"


def _heading_lines(lines: list[str], n: int = 3) -> list[str]:
    """The first lines of a page that are not a bare page number."""
    return [ln for ln in lines if not re.fullmatch(r"[\d\s\-–|/]+", ln)][:n]


def page_heading(text: str) -> str:
    return " ".join(_heading_lines([ln.strip() for ln in text.splitlines() if ln.strip()]))


def classify_pages(segments) -> dict[int, PageKind]:
    """The kind of every page of a converted document's segments (in order; a page's kind may
    depend on the page before, as a long index repeats its header)."""
    kinds: dict[int, PageKind] = {}
    previous: str | None = None
    for seg in segments:
        page = seg.location.page
        if page is None:
            previous = None
            continue
        kind = classify_page(seg.text, previous)
        previous = f"{kind}|{page_heading(seg.text)}"
        kinds[page] = kind
    return kinds
