"""The one XLSX writer of the product (gap-check findings, answered questionnaires, GHG tables): a
bold, frozen header row, column widths, wrapped multi-line text, an optional autofilter and status
colours, and sheet names Excel accepts. Written with openpyxl, which also reads the workbooks users
bring, so the product depends on one spreadsheet library."""
from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# fill colours of the status values of all exports (answered/covered green, partial yellow, missing red)
STATUS_FILLS = {"answered": "E2F0D9", "covered": "E2F0D9", "partial": "FFF2CC", "no_evidence": "F8CBAD",
                "missing": "F8CBAD"}
_BAD_NAME = re.compile(r"[\[\]:*?/\\]")


@dataclass
class Sheet:
    """One worksheet: a header row and rows of cell values (str, int, float, None)."""

    name: str
    header: list[str]
    rows: list[list[Any]]
    widths: Sequence[float] = ()  # column widths in characters, from the first column; the rest stay default
    autofilter: bool = False
    # column index → (cell value → fill colour): e.g. a status column coloured by its machine-readable id
    fills: Mapping[int, Mapping[str, str]] = field(default_factory=dict)
    fill_keys: Mapping[int, int] = field(default_factory=dict)  # fill column → column whose value picks the colour


def sheet_names(titles: Sequence[str]) -> list[str]:
    """Valid, distinct Excel sheet names (≤ 31 characters, none of []:*?/\\) for ``titles``."""
    used: set[str] = set()
    names = []
    for title in titles:
        name = _BAD_NAME.sub(" ", title)[:31].strip() or "Sheet"
        base, n = name, 2
        while name.lower() in used:
            name = f"{base[:28]} {n}"
            n += 1
        used.add(name.lower())
        names.append(name)
    return names


def _cell(v: Any) -> Any:
    if v is None or isinstance(v, (str, int)):
        return v
    if isinstance(v, float):
        return None if math.isnan(v) else v
    if hasattr(v, "item"):  # numpy scalars of a DataFrame
        return _cell(v.item())
    return str(v)


def frame_sheet(name: str, frame, **kw) -> Sheet:
    """A sheet of a pandas DataFrame (its columns as the header, NaN as empty cells)."""
    return Sheet(name, [str(c) for c in frame.columns], [[_cell(v) for v in row] for row in frame.itertuples(index=False)],
                 **kw)


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The workbook of ``sheets`` as XLSX bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for sheet, name in zip(sheets, sheet_names([s.name for s in sheets])):
        ws = wb.create_sheet(name)
        ws.append(list(sheet.header))
        for c in ws[1]:
            c.font = bold
        ws.freeze_panes = "A2"
        for values in sheet.rows:
            ws.append([_cell(v) for v in values])
            row = ws.max_row
            for col, colours in sheet.fills.items():
                key = ws.cell(row, sheet.fill_keys.get(col, col) + 1).value
                if isinstance(key, str) and key in colours:
                    ws.cell(row, col + 1).fill = PatternFill("solid", fgColor=colours[key])
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, str) and ("\n" in c.value or len(c.value) > 60):
                    c.alignment = wrap
        for i, width in enumerate(sheet.widths):
            ws.column_dimensions[get_column_letter(i + 1)].width = width
        if sheet.autofilter and sheet.header:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.header))}{max(ws.max_row, 2)}"
    if not wb.sheetnames:
        wb.create_sheet("Sheet")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
