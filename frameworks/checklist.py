"""Import a user's own checklist (CSV or XLSX) as a :class:`~frameworks.schema.Framework`.

A checklist needs an id column and a question column; a group column (pillar, disclosure,
category…) is optional. Header names are recognised in English and zh-TW (``item_id``/``編號``/
``題號``, ``question``/``問題``/``題目``/``檢核項目``, ``pillar``/``構面``, ``disclosure``/``類別``…),
the header row may sit below a title row, and CSV encodings UTF-8 (with or without BOM),
Big5/cp950 and UTF-16 are detected. When the columns cannot be told apart the error names the
columns that were found.

Items become requirements whose title is the question and whose search hints come from the
question's phrases. When a group value names a built-in disclosure unambiguously (TCFD "G-1" is an
alias of ``tcfd:G-a``), the item is linked to it and takes its chapter.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from disclosure.encodings import UnknownEncodingError, decode_bytes
from disclosure.errors import ChecklistFormatError
from disclosure.tables import csv_rows, header_key, xlsx_sheets

from .schema import CHAPTER_IDS, Framework, LocalizedText, Requirement, SearchHints, Section, normalize_key

if TYPE_CHECKING:
    from .library import FrameworkLibrary

log = logging.getLogger(__name__)

CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}

# Accepted header names, in order of preference (compared after normalisation, see header_key).
ID_HEADERS = ("item_id", "itemid", "id", "item_no", "item no", "no", "no.", "number", "code", "ref", "reference",
              "question_id", "question id", "qid", "編號", "題號", "項目編號", "檢核編號", "代碼", "代號", "序號", "指標編號")
QUESTION_HEADERS = ("question", "questions", "question_text", "question text", "checklist item", "check item",
                    "requirement", "disclosure requirement", "item", "text", "description",
                    "問題", "題目", "檢核項目", "檢核內容", "問項", "題目內容", "評估項目", "揭露項目", "項目", "內容", "說明")
PILLAR_HEADERS = ("pillar", "core element", "element", "構面", "面向", "核心要素")
GROUP_HEADERS = ("group", "disclosure", "recommended disclosure", "category", "section", "topic", "module",
                 "類別", "分類", "主題", "揭露建議", "建議揭露事項", "組別")

_PILLAR_WORDS = {
    "governance": ("g", "gov", "governance", "治理"),
    "strategy": ("s", "strategy", "策略"),
    "risk-management": ("r", "rm", "risk", "riskmanagement", "風險管理", "風險"),
    "metrics-targets": ("mt", "m", "m&t", "metrics", "metricsandtargets", "metrics&targets", "指標與目標", "指標和目標", "指標及目標"),
}
_PILLAR_CHAPTER = {"governance": "governance", "strategy": "risk-strategy", "risk-management": "risk-strategy"}


def pillar_from(text: str | None) -> str | None:
    """Map a pillar or group label ("G", "Governance", "治理", "MT-2") to a TCFD pillar id."""
    if not text:
        return None
    key = header_key(text)
    for pillar, words in _PILLAR_WORDS.items():
        if key in words:
            return pillar
    m = re.match(r"^([a-z]+)[-\d]", key)
    if m:
        for pillar, words in _PILLAR_WORDS.items():
            if m.group(1) in words:
                return pillar
    return None


# -- reading files ----------------------------------------------------------------------------------
def decode_csv_bytes(raw: bytes) -> tuple[str, str]:
    """Decode a CSV file's bytes (see :mod:`disclosure.encodings`); returns (text, encoding)."""
    try:
        return decode_bytes(raw)
    except UnknownEncodingError:
        raise ChecklistFormatError("could not detect the text encoding of the CSV — save it as UTF-8 "
                                   "(Excel: 'CSV UTF-8') and try again") from None


def _read_csv_rows(path: Path) -> tuple[list[list[str]], str]:
    try:
        return csv_rows(path.read_bytes(), tsv=path.suffix.lower() == ".tsv")
    except UnknownEncodingError:
        raise ChecklistFormatError("could not detect the text encoding of the CSV — save it as UTF-8 "
                                   "(Excel: 'CSV UTF-8') and try again") from None


def _read_xlsx_sheets(path: Path) -> list[tuple[str, list[list[str]]]]:
    try:
        return xlsx_sheets(path.read_bytes())
    except Exception as exc:  # openpyxl raises several types for a damaged or non-xlsx file
        raise ChecklistFormatError(f"{path.name}: not a readable .xlsx workbook ({exc.__class__.__name__}) — re-save it from Excel as .xlsx") from exc


# -- header detection --------------------------------------------------------------------------------
def _find_column(keys: list[str], names: Sequence[str], taken: set[int]) -> int | None:
    for name in names:
        want = header_key(name)
        for i, k in enumerate(keys):
            if i not in taken and k == want:
                return i
    return None


def detect_columns(header: list[str]) -> dict[str, int] | None:
    """Column indexes for id, question and optional pillar/group, or None if id or question is missing."""
    keys = [header_key(h) for h in header]
    taken: set[int] = set()
    cols: dict[str, int] = {}
    for role, names in (("id", ID_HEADERS), ("question", QUESTION_HEADERS)):
        idx = _find_column(keys, names, taken)
        if idx is None:
            return None
        cols[role] = idx
        taken.add(idx)
    for role, names in (("pillar", PILLAR_HEADERS), ("group", GROUP_HEADERS)):
        idx = _find_column(keys, names, taken)
        if idx is not None:
            cols[role] = idx
            taken.add(idx)
    return cols


def _locate_header(rows: list[list[str]], max_scan: int = 10) -> tuple[int, dict[str, int]] | None:
    for i, row in enumerate(rows[:max_scan]):
        cols = detect_columns(row)
        if cols:
            return i, cols
    return None


def _format_error(path: Path, found: list[str], where: str = "") -> ChecklistFormatError:
    shown = ", ".join(repr(c) for c in found if c) or "(none)"
    return ChecklistFormatError(
        f"{path.name}{where}: cannot tell which columns hold the item id and the question; columns found: {shown}. "
        f"Name one column id/item_id/編號/題號 and one question/問題/題目/檢核項目 (optional: pillar/構面, group/disclosure/類別)."
    )


# -- hints -----------------------------------------------------------------------------------------------
_ZH_BOILERPLATE = re.compile(r"^(?:[^，,]{0,6}?是否)?(?:有)?(?:描述|說明|揭露|提供|考量|使用)?[的之在對於其]*")
_ZH_SPLIT = re.compile(r"[，,、；;。：:（）()「」『』/？?！!\s]+|(?:和/或|及/或|和|與|及|或|以及)")
_EN_SPLIT = re.compile(r"[,;:.?!()\[\]/\"]+|\b(?:and|or|the|of|to|for|in|on|with|does|do|is|are|how|what|which|whether|describe|disclose|company|organization|organisation)\b", re.I)


def hints_from_question(question: str) -> SearchHints:
    """Search phrases taken from a checklist question (zh-TW phrases and English fragments)."""
    zh: list[str] = []
    en: list[str] = []
    if re.search(r"[\u4e00-\u9fff]", question):
        text = re.sub(r"\(.*?\)|（.*?）", " ", question.split("\n")[0])
        for part in _ZH_SPLIT.split(text):
            part = _ZH_BOILERPLATE.sub("", part.strip()).strip()
            if 2 <= len(part) <= 24 and part not in zh:
                zh.append(part)
    for part in _EN_SPLIT.split(re.sub(r"[\u4e00-\u9fff，。、；：？！（）「」]+", " ", question)):
        part = re.sub(r"\s+", " ", part or "").strip().lower()
        if len(part) >= 4 and re.search(r"[a-z]{3}", part) and part not in en:
            en.append(part)
    return SearchHints(en=en[:12], zh=zh[:12])


# -- public entry point --------------------------------------------------------------------------------
def _slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKC", text).lower()).strip("-")
    return s or "checklist"


def _link(group: str, library: FrameworkLibrary | None) -> Requirement | None:
    """The one built-in requirement whose id or alias equals ``group`` (None if none or ambiguous)."""
    if not group or library is None:
        return None
    key = normalize_key(group)
    hits = [r for fw in library.list_frameworks() for r in fw.requirements
            if key in {normalize_key(r.id), *(normalize_key(a) for a in r.aliases)}]
    return hits[0] if len(hits) == 1 else None


def load_checklist(path: str | Path, framework_id: str | None = None,
                   library: FrameworkLibrary | None = None) -> Framework:
    """Read a CSV/XLSX checklist into a Framework (kind "checklist").

    ``framework_id`` defaults to a slug of the file name (prefixed ``checklist-`` if it would clash
    with a built-in framework). ``library`` is used to link group codes to built-in disclosures.
    Raises :class:`ChecklistFormatError` for unreadable files or unrecognisable columns.
    """
    path = Path(path)
    if not path.is_file():
        raise ChecklistFormatError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        rows, encoding = _read_csv_rows(path)
        located = _locate_header(rows)
        if located is None:
            raise _format_error(path, rows[0] if rows else [])
        sheet_note = encoding
    elif suffix in XLSX_SUFFIXES:
        sheets = _read_xlsx_sheets(path)
        located = None
        rows = []
        sheet_note = ""
        for title, sheet_rows in sheets:
            located = _locate_header(sheet_rows)
            if located:
                rows, sheet_note = sheet_rows, f"sheet {title!r}"
                break
        if located is None:
            first = next((r for _, srows in sheets for r in srows[:1]), [])
            raise _format_error(path, first, f" (sheets: {', '.join(t for t, _ in sheets)})")
    elif suffix == ".xls":
        raise ChecklistFormatError(f"{path.name}: old .xls workbooks are not supported — save it as .xlsx or CSV UTF-8")
    else:
        raise ChecklistFormatError(f"{path.name}: unsupported checklist type {suffix or '(none)'} — use .csv or .xlsx")

    header_row, cols = located
    fid = framework_id or _slug(path.stem)
    if library is not None and framework_id is None:
        try:
            library.get_framework(fid)
            fid = f"checklist-{fid}"
        except Exception:  # not a built-in id: keep it
            pass

    def col(row: list[str], role: str) -> str:
        i = cols.get(role)
        return row[i].strip() if i is not None and i < len(row) else ""

    requirements: list[Requirement] = []
    sections: dict[str, Section] = {}
    seen: dict[str, int] = {}
    for n, row in enumerate(rows[header_row + 1:], start=header_row + 2):
        qid, question = col(row, "id"), col(row, "question")
        if not question:
            continue  # blank line, or a group heading row
        qid = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", qid).replace(":", "-")).strip() or f"row-{n}"
        key = normalize_key(qid)
        if key in seen:
            seen[key] += 1
            log.warning("%s: duplicate id %r on row %d, renamed to %s-%d", path.name, qid, n, qid, seen[key])
            qid = f"{qid}-{seen[key]}"
        else:
            seen[key] = 1
        pillar_raw, group = col(row, "pillar"), col(row, "group")
        section = group or pillar_raw or None
        if section and section not in sections:
            sections[section] = Section(id=section, title=LocalizedText(en=section, zh=section))
        linked = _link(group, library) or (_link(pillar_raw, library) if not group else None)
        pillar = pillar_from(pillar_raw) or pillar_from(group) or (linked.pillar if linked else None)
        chapter = linked.chapter if linked else _PILLAR_CHAPTER.get(pillar or "")
        suffix_en = f" ({section})" if section else ""
        suffix_zh = f"（{section}）" if section else ""
        requirements.append(Requirement(
            id=qid,
            framework=fid,
            title=LocalizedText(en=question, zh=question),
            description=LocalizedText(en=f"Checklist item {qid}{suffix_en} from {path.name}",
                                      zh=f"{path.name} 檢核項目 {qid}{suffix_zh}"),
            pillar=pillar,
            chapter=chapter if chapter in CHAPTER_IDS else None,
            section=section,
            search_hints=hints_from_question(question),
            crosswalk=[linked.ref] if linked else [],
        ))
    if not requirements:
        raise ChecklistFormatError(f"{path.name}: found the id and question columns but no items under them")
    log.info("imported %d checklist items from %s (%s)", len(requirements), path.name, sheet_note)
    return Framework(
        id=fid,
        name=LocalizedText(en=path.stem, zh=path.stem),
        kind="checklist",
        version="user checklist",
        notes=[LocalizedText(
            en=f"Imported from {path.name} ({sheet_note}); {len(requirements)} items.",
            zh=f"匯入自 {path.name}（{sheet_note.replace('sheet ', '工作表 ')}），共 {len(requirements)} 項。")],
        sections=list(sections.values()),
        requirements=requirements,
    )


__all__ = ["load_checklist", "decode_csv_bytes", "detect_columns", "hints_from_question", "pillar_from"]
