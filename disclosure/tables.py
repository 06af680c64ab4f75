"""Reading the tables people send as CSV/TSV or XLSX (checklists, questionnaires, last year's
answers) into rows of clean text, and the header normalisation used to recognise their columns.
Callers turn the exceptions into their own domain errors, with their own hints."""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from typing import Any

from .encodings import decode_bytes


def header_key(text: Any) -> str:
    """A header for comparison: NFKC, lower case, no BOM, spaces, underscores or hyphens
    ("Question ID", "question_id" and "Question-Id" are the same key)."""
    t = unicodedata.normalize("NFKC", str(text or "")).replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s_\-]+", "", t)


def cell_text(value: Any) -> str:
    """A cell as clean text (Excel numbers like 1.0 become "1")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\ufeff", "").strip()


def csv_rows(data: bytes, tsv: bool = False) -> tuple[list[list[str]], str]:
    """(rows, encoding) of CSV/TSV bytes in any common encoding (see :mod:`disclosure.encodings`,
    which raises UnknownEncodingError); the delimiter (, ; tab) is sniffed."""
    text, encoding = decode_bytes(data)
    delimiter = "\t" if tsv else ","
    try:
        delimiter = csv.Sniffer().sniff(text[:5000], delimiters=",;\t").delimiter
    except csv.Error:
        pass
    rows = [[cell_text(c) for c in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return rows, encoding


def xlsx_sheets(data: bytes, sheet: str | None = None) -> list[tuple[str, list[list[str]]]]:
    """(sheet title, rows) of every sheet of an XLSX workbook (or only ``sheet``). openpyxl's own
    exceptions (several types for a damaged or non-xlsx file) pass through."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return [(ws.title, [[cell_text(c) for c in row] for row in ws.iter_rows(values_only=True)])
                for ws in wb.worksheets if sheet is None or ws.title == sheet]
    finally:
        wb.close()
