"""Pages that are not the company's disclosure: a table of contents or a disclosure index (a table
that maps requirements to sections or pages) names every topic and quotes none; an appendix that
restates a regulation's or a framework's requirements ("銀行應定期向董事會報告…") says what banks
must do, not what this one does; a glossary defines words; an "about this report" page describes
the report. The gap check never counts them and search ranks them below the pages they point to.
"""
from __future__ import annotations

import re
from typing import Literal

PageKind = Literal["body", "toc", "index", "reference", "glossary", "about"]
# Kinds that are not the company's disclosure (everything but "body").
NOT_EVIDENCE: tuple[str, ...] = ("toc", "index", "reference", "glossary", "about")

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


# A requirement stated as what an entity must do: "銀行應…", "董事會應…", "an entity shall disclose".
# The modal 應 is told from words that merely contain the character (因應, 供應, 應用, 反應 …).
_MODAL_ZH = re.compile(r"(?<![供因反對適回相響效感呼順答])應(?![用對變收付商有])")
_SUBJECT_MUST = re.compile(r"(?:銀行|公司|企業|金融機構|業者|董事會|高階管理階層|管理階層|保險業|證券商|發行人)(?:及高階管理階層)?"
                           r"(?:應|宜|得)(?![用對變收付商有])|\b(?:an? entity|the entity|entities|companies|banks?|"
                           r"organi[sz]ations?|the board|management)\s+(?:shall|should|must|is required to)\b", re.I)
_MODAL_EN = re.compile(r"\b(?:shall|should|must)\b", re.I)
REFERENCE_MIN_MODALS = 4
REFERENCE_DENSITY = 6.0  # modal verbs per 1,000 characters; the company's own pages stay below 5
_GLOSSARY_TITLE = re.compile(r"^(?:[一二三四五六七八九十\d]+[、.．]\s*)?(?:名詞解釋|名詞定義|用語定義|專有名詞(?:說明|解釋)?|詞彙表|"
                             r"名詞對照表?|縮寫(?:對照)?表?|glossary|abbreviations|acronyms|definitions)\s*$", re.I)
_ABOUT_TITLE = re.compile(r"^(?:[一二三四五六七八九十\d]+[、.．]\s*)?(?:關於本?報告書?|報告書?編製說明|編輯方針|"
                          r"about (?:this|the) report)\s*$", re.I)
# An "about this report" page that states the organisational boundary, the consolidation approach or
# the assurance is disclosing those (GRI 2-2, 2-5, 305's consolidation approach): it stays evidence.
_ABOUT_DISCLOSES = re.compile(r"營運控制|財務控制|股權比例|組織邊界|查證|確信|保證|ISO\s*14064|AA1000|"
                              r"operational control|financial control|equity share|assurance|verif", re.I)
# A numbered section heading further down ("二、氣候治理", "2.1 董事會") means the page goes on with
# the report's own content.
_NUMBERED_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\d{1,2}(?:\.\d{1,2})+\s*\S|\d{1,2}[、.．]\s*[\u4e00-\u9fff])", re.M)


def _restates_requirements(text: str) -> bool:
    """Most sentences say what an entity must do, and at least one names who must."""
    chars = max(len(re.sub(r"\s", "", text)), 1)
    modals = len(_MODAL_ZH.findall(text)) + len(_MODAL_EN.findall(text))
    return (modals >= REFERENCE_MIN_MODALS and 1000 * modals / chars >= REFERENCE_DENSITY
            and _SUBJECT_MUST.search(text) is not None)


def _titled(lines: list[str], title: re.Pattern) -> bool:
    """The page starts with ``title`` as a line of its own and no numbered section follows it."""
    head = [i for i, ln in enumerate(lines[:5]) if title.match(ln)]
    return bool(head) and _NUMBERED_HEADING.search("\n".join(lines[head[0] + 1:])) is None


def classify_page(text: str, previous: str | None = None) -> PageKind:
    """'toc' for a table of contents, 'index' for a disclosure index (a table that maps requirements
    to sections or pages), else 'body'. Only body pages may be quoted as evidence.

    Also 'reference' for a page that restates requirements (≥4 modal verbs such as 應 / shall, at
    least 6 per 1,000 characters, and a subject that must: 銀行應, an entity shall), 'glossary' and
    'about' for a page that opens with such a title and has no numbered section after it (an
    about page that states the boundary, consolidation approach or assurance stays 'body').

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
    if _restates_requirements(text):
        return "reference"
    if _titled(lines, _GLOSSARY_TITLE):
        return "glossary"
    if _titled(lines, _ABOUT_TITLE) and not _ABOUT_DISCLOSES.search(text):
        return "about"
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
