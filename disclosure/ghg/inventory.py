"""Read a GHG inventory (CSV or XLSX) into typed records, recompute emissions and flag disagreements.

What a company's inventory looks like varies: zh-TW or English headers, Big5 CSVs saved by Excel
on Windows, ROC years (112 = 2023), full-width digits, thousands separators, merged cells. This
module takes all of those; a file it cannot understand raises :class:`InventoryColumnsError` that
lists the columns found and the ones missing.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Iterable

from ..encodings import UnknownEncodingError
from ..encodings import decode_bytes as _decode
from ..errors import InventoryColumnsError, InventoryFormatError, UnknownGasError
from .cells import (  # noqa: F401  (parse_number, parse_year are read from here by callers)
    normalize_header, match_columns, emissions_header_scale, _text, _as_written, parse_number, parse_year, parse_scope, parse_iso_category, parse_scope3_category, parse_scope2_method, parse_factor_unit, activity_conversion, INVENTORY_COLUMNS, OPERATING_COLUMNS, _TOTAL_ROW,
)
from .model import (
    EmissionRecord, Inventory, OperatingData, Provenance, RowIssue, iso_category_for, scope_for_iso_category,
)
from .reference import gwp as reference_gwp
from .reference import normalize_gas, reports_matching

# Rows whose stated emissions differ from activity × factor × GWP by more than both of these are flagged
# (docs/inventory_format.md).
MISMATCH_REL = 0.005
MISMATCH_ABS_T = 0.1

INVENTORY_SHEET = "盤查清冊"
OPERATING_SHEET = "營運資料"
TARGETS_SHEET = "減碳目標"

# ---------------------------------------------------------------------------------------------
# Reading tables
# ---------------------------------------------------------------------------------------------


@dataclass
class Table:
    """Rows of one sheet (or CSV) as read, with where they came from."""

    file: str
    sheet: str | None
    rows: list[list[Any]]
    first_row: int = 1  # sheet row number of rows[0]
    encoding: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def decode_bytes(data: bytes, source: str = "file") -> tuple[str, str]:
    """Decode CSV bytes (see :mod:`disclosure.encodings`). Returns (text, encoding name); raises
    :class:`InventoryFormatError` when nothing decodes cleanly."""
    try:
        return _decode(data)
    except UnknownEncodingError:
        raise InventoryFormatError(
            f"{source}: cannot tell the text encoding — save the CSV as UTF-8 (Excel: 另存新檔 → CSV UTF-8)"
        ) from None


def _csv_rows(text: str) -> list[list[str]]:
    first = text.split("\n", 1)[0]
    delimiter = max([",", "\t", ";"], key=first.count)
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_tables(data: bytes, name: str) -> list[Table]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for broken files
        raise InventoryFormatError(
            f"{name}: not a readable XLSX workbook ({exc.__class__.__name__}) — open it in Excel and save as .xlsx"
        ) from exc
    tables = []
    for ws in wb.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        # Merged cells (a year or site spanning rows) read as empty below their first cell: fill them in.
        for rng in ws.merged_cells.ranges:
            top = ws.cell(rng.min_row, rng.min_col).value
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if r - 1 < len(rows) and c - 1 < len(rows[r - 1]):
                        rows[r - 1][c - 1] = top
        tables.append(Table(file=name, sheet=ws.title, rows=rows))
    return tables


def read_tables(source: str | Path | bytes | BinaryIO, filename: str | None = None) -> list[Table]:
    """Every table in a CSV or XLSX file (one per sheet). ``source`` may be a path, bytes or a file object."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise InventoryFormatError(f"{path}: no such file")
        name = filename or path.name
        data = path.read_bytes()
    else:
        data = source if isinstance(source, bytes) else source.read()
        name = filename or getattr(source, "name", None) or "upload"
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm") or data[:2] == b"PK":
        return _xlsx_tables(data, name)
    if suffix == ".xls":
        raise InventoryFormatError(f"{name}: the old .xls format is not supported — save it as .xlsx or CSV")
    text, enc = decode_bytes(data, name)
    return [Table(file=name, sheet=None, rows=_csv_rows(text), encoding=enc)]


def find_header(table: Table, spec: dict[str, tuple[str, tuple[str, ...]]], scan: int = 20) -> tuple[int, dict[str, int]]:
    """(row index, column map) of the row among the first ``scan`` that recognises most columns."""
    best = (-1, {})
    for idx, row in enumerate(table.rows[:scan]):
        cols = match_columns(list(row), spec)
        if len(cols) > len(best[1]):
            best = (idx, cols)
    return best


def _column_letter(idx: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(idx + 1)


# ---------------------------------------------------------------------------------------------
# Inventory
# ---------------------------------------------------------------------------------------------


def _pick_table(tables: list[Table], preferred: str, spec, required: Iterable[str], keywords: tuple[str, ...]):
    """The table with the preferred sheet name, else one whose name has a keyword, else the best header."""
    required = list(required)

    def ok(t: Table) -> bool:
        _i, cols = find_header(t, spec)
        return all(any(f in cols for f in alt.split("|")) for alt in required)

    for t in tables:
        if t.sheet == preferred and ok(t):
            return t
    for t in tables:
        if t.sheet and any(k in t.sheet.lower() for k in keywords) and ok(t):
            return t
    for t in tables:
        if ok(t):
            return t
    return None


REQUIRED_INVENTORY = ("year", "scope|iso_category", "stated|activity")


def load_inventory(
    source: str | Path | bytes | BinaryIO, *, filename: str | None = None, gwp_report: str = "AR5",
) -> Inventory:
    """Read an inventory file (XLSX with a 盤查清冊 sheet, or CSV) into an :class:`Inventory`.

    Recomputes activity × factor × GWP for rows that give activity data and records a
    :class:`RowIssue` where the stated emissions disagree (> 0.5 % and > 0.1 t), where a GWP is not
    the ``gwp_report`` value, or where units cannot be reconciled. Raises
    :class:`InventoryColumnsError` when no table has the required columns.
    """
    tables = read_tables(source, filename)
    name = tables[0].file if tables else str(filename or source)
    table = _pick_table(tables, INVENTORY_SHEET, INVENTORY_COLUMNS, REQUIRED_INVENTORY, ("盤查", "inventory", "emission", "排放"))
    if table is None:
        _raise_missing(tables, name)
    header_idx, cols = find_header(table, INVENTORY_COLUMNS)
    headers = table.rows[header_idx]
    stated_scale = emissions_header_scale(headers[cols["stated"]]) if "stated" in cols else 1.0

    records: list[EmissionRecord] = []
    issues: list[RowIssue] = []
    for offset, row in enumerate(table.rows[header_idx + 1:], start=header_idx + 2):
        rec, row_issues = _read_row(row, cols, table, offset, stated_scale, gwp_report)
        issues.extend(row_issues)
        if rec is not None:
            records.append(rec)

    operating: dict[int, OperatingData] = {}
    sheets = {"inventory": table.sheet or table.file}
    op_table = _pick_table([t for t in tables if t is not table], OPERATING_SHEET, OPERATING_COLUMNS,
                           ("year", "revenue|production"), ("營運", "operating"))
    if op_table is not None:
        operating = read_operating_data(op_table)
        sheets["operating"] = op_table.sheet or op_table.file
    for t in tables:
        if t.sheet and (t.sheet == TARGETS_SHEET or "目標" in t.sheet or "target" in t.sheet.lower()):
            sheets["targets"] = t.sheet
            break
    return Inventory(source=name, records=records, operating=operating, issues=issues, gwp_report=gwp_report,
                     sheets=sheets)


def _raise_missing(tables: list[Table], name: str) -> None:
    best_table, best_cols = None, {}
    for t in tables:
        _i, cols = find_header(t, INVENTORY_COLUMNS)
        if best_table is None or len(cols) > len(best_cols):
            best_table, best_cols = t, cols
    header_idx = find_header(best_table, INVENTORY_COLUMNS)[0] if best_table else -1
    found_headers = [str(h) for h in (best_table.rows[header_idx] if best_table and header_idx >= 0 else
                                      (best_table.rows[0] if best_table and best_table.rows else [])) if h not in (None, "")]
    missing = []
    for alt in REQUIRED_INVENTORY:
        options = alt.split("|")
        if not any(o in best_cols for o in options):
            missing.append(" or ".join(INVENTORY_COLUMNS[o][0] for o in options))
    where = f"{name}" + (f" (sheet {best_table.sheet})" if best_table and best_table.sheet else "")
    raise InventoryColumnsError(where, found_headers, missing)


def _cell(row: list[Any], cols: dict[str, int], key: str) -> Any:
    idx = cols.get(key)
    if idx is None or idx >= len(row):
        return None
    return row[idx]


def _read_row(row, cols, table: Table, row_no: int, stated_scale: float, gwp_report: str):
    if all(_text(v) == "" for v in row):
        return None, []
    emis_col = cols.get("stated", cols.get("activity", 0))
    prov = Provenance(file=table.file, sheet=table.sheet, row=row_no,
                      cell=f"{_column_letter(emis_col)}{row_no}" if table.sheet else None)
    labels = [_text(_cell(row, cols, k)) for k in ("year", "facility", "scope", "source")] + [_text(v) for v in row[:3]]
    if any(_TOTAL_ROW.match(v) for v in labels if v):
        return None, []  # a totals row would double count
    issues: list[RowIssue] = []
    try:
        year = parse_year(_cell(row, cols, "year"))
        scope = parse_scope(_cell(row, cols, "scope"))
        iso = parse_iso_category(_cell(row, cols, "iso_category"))
        s3 = parse_scope3_category(_cell(row, cols, "scope3_category"))
        method = parse_scope2_method(_cell(row, cols, "scope2_method"))
        activity = parse_number(_cell(row, cols, "activity"))
        factor = parse_number(_cell(row, cols, "factor"))
        gwp_col = parse_number(_cell(row, cols, "gwp"))
        stated = parse_number(_cell(row, cols, "stated"))
    except ValueError as exc:
        return None, [RowIssue(kind="unreadable_value", message=f"row skipped: {exc}", provenance=prov)]
    if year is None or (scope is None and iso is None):
        what = "year" if year is None else "scope or ISO category"
        return None, [RowIssue(kind="unreadable_value", message=f"row skipped: no {what}", provenance=prov)]
    if scope is None:
        scope = scope_for_iso_category(iso)
    if iso is None:
        iso = iso_category_for(scope, s3)
    if scope != 3:
        s3 = None
    if stated is not None:
        stated = stated * stated_scale
    if scope == 2 and method is None:
        # No method column (or an empty cell): the source text often says it ("外購電力（市場基準）").
        hint = _text(_cell(row, cols, "source")) + _text(_cell(row, cols, "scope"))
        method = "market" if re.search(r"市場基準|market", hint, re.I) else \
            "location" if re.search(r"地點基準|location", hint, re.I) else None
    gas_raw = _text(_cell(row, cols, "gas")) or "CO2e"
    rec = EmissionRecord(
        year=year, facility=_as_written(_cell(row, cols, "facility")) or None, scope=scope, iso_category=iso,
        scope3_category=s3, source=_as_written(_cell(row, cols, "source")), gas=normalize_gas(gas_raw),
        activity=activity, activity_unit=_as_written(_cell(row, cols, "activity_unit")) or None,
        factor=factor, factor_unit=_as_written(_cell(row, cols, "factor_unit")) or None, gwp=gwp_col,
        stated_tco2e=stated, scope2_method=method if scope == 2 else None,
        data_source=_as_written(_cell(row, cols, "data_source")) or None, provenance=prov,
    )
    computed, rec_issues = recompute(rec, gwp_report)
    rec.computed_tco2e = computed
    issues.extend(rec_issues)
    if stated is None and computed is None:
        issues.append(RowIssue(kind="not_recomputed", provenance=prov,
                               message="row has neither stated emissions nor activity × factor; counted as 0"))
    return rec, issues


def recompute(rec: EmissionRecord, gwp_report: str = "AR5") -> tuple[float | None, list[RowIssue]]:
    """tCO2e = activity × factor × GWP, with the factor's mass unit (kg/g/t) and the activity unit
    reconciled with the factor's denominator (MWh vs kWh, 千立方公尺 vs 立方公尺…).

    Returns (computed or None, issues). The GWP is the row's own when given (checked against the
    ``gwp_report`` table), else the table's; a factor already in CO2e takes GWP 1.
    """
    issues: list[RowIssue] = []
    if rec.activity is None or rec.factor is None:
        return None, issues
    fu = parse_factor_unit(rec.factor_unit)
    conv = activity_conversion(rec.activity_unit, fu.per)
    if conv is None:
        issues.append(RowIssue(
            kind="unit_mismatch", provenance=rec.provenance,
            message=(f"activity unit '{rec.activity_unit}' does not match the factor's '{rec.factor_unit}'"
                     " — emissions not recomputed; state both in the same unit"),
        ))
        return None, issues
    gas = fu.gas or rec.gas
    if gas == "CO2e":
        gwp_used = 1.0
    else:
        ref: float | None
        try:
            ref = reference_gwp(gas, gwp_report)
        except UnknownGasError:
            ref = None
        if rec.gwp is not None:
            gwp_used = rec.gwp
            if ref is not None and abs(ref - rec.gwp) > 0.005 * ref:
                others = [r for r in reports_matching(gas, rec.gwp) if r != gwp_report]
                hint = f" (that is the {'/'.join(others)} value)" if others else ""
                issues.append(RowIssue(
                    kind="gwp_differs", provenance=rec.provenance, stated=rec.gwp, computed=ref,
                    message=(f"GWP {rec.gwp:g} for {gas}{hint}; {gwp_report} gives {ref:g} — "
                             f"use {gwp_report} values throughout or say which report the inventory follows"),
                ))
        elif ref is not None:
            gwp_used = ref
        else:
            issues.append(RowIssue(
                kind="unknown_gas", provenance=rec.provenance,
                message=f"no {gwp_report} GWP known for '{gas}' and the row gives none — fill in the GWP column",
            ))
            return None, issues
    computed = rec.activity * conv * rec.factor * fu.to_tonnes * gwp_used
    if rec.stated_tco2e is not None:
        diff = rec.stated_tco2e - computed
        scale = max(abs(rec.stated_tco2e), abs(computed))
        if abs(diff) > MISMATCH_ABS_T and abs(diff) > MISMATCH_REL * scale:
            issues.append(RowIssue(
                kind="emissions_mismatch", provenance=rec.provenance, stated=rec.stated_tco2e, computed=computed,
                difference=diff,
                message=(f"{rec.year} {rec.source or rec.gas}: stated {rec.stated_tco2e:,.3f} t but "
                         f"activity × factor × GWP gives {computed:,.3f} t (difference {diff:+,.3f} t) — "
                         "check the activity data, the factor and its unit"),
            ))
    return computed, issues


def read_operating_data(table: Table) -> dict[int, OperatingData]:
    """Revenue and production per year from a 營運資料 table; units are taken from the headers."""
    header_idx, cols = find_header(table, OPERATING_COLUMNS)
    headers = table.rows[header_idx]
    rev_scale = 1.0
    if "revenue" in cols:
        _b, unit = normalize_header(headers[cols["revenue"]])
        if "千元" in unit:
            rev_scale = 1e-3
        elif "億" in unit:
            rev_scale = 100.0
        elif unit in ("元", "新台幣元", "ntd", "twd"):
            rev_scale = 1e-6
    prod_unit = "thousand units"
    if "production" in cols:
        _b, unit = normalize_header(headers[cols["production"]])
        prod_unit = {"千件": "thousand units", "件": "units", "": "thousand units"}.get(unit, unit)
    out: dict[int, OperatingData] = {}
    for row in table.rows[header_idx + 1:]:
        try:
            year = parse_year(_cell(row, cols, "year"))
            revenue = parse_number(_cell(row, cols, "revenue"))
            production = parse_number(_cell(row, cols, "production"))
        except ValueError:
            continue
        if year is None:
            continue
        out[year] = OperatingData(year=year, revenue=None if revenue is None else revenue * rev_scale,
                                  production=production, production_unit=prod_unit)
    return out


# ---------------------------------------------------------------------------------------------
# Template
# ---------------------------------------------------------------------------------------------

TEMPLATE_HEADERS = ["年度", "廠區", "範疇", "ISO類別", "範疇三類別", "排放源", "溫室氣體", "活動數據", "活動數據單位",
                    "排放係數", "排放係數單位", "GWP", "排放量(公噸CO2e)", "範疇二計算方法", "資料來源"]
TEMPLATE_EXAMPLE = [2023, "桃園廠", "範疇一", "類別1", None, "天然氣（鍋爐）", "CO2", 100, "千立方公尺",
                    1879, "kgCO2/千立方公尺", 1, 187.9, None, "環境部排放係數管理表6.0.4"]
TARGET_HEADERS = ["目標名稱", "目標類型", "範疇涵蓋", "範疇二方法", "基準年", "基準年排放量(公噸CO2e)", "目標年",
                  "減量幅度(%)", "目標期間", "涵蓋比例(%)", "設定年", "SBTi狀態"]
TARGET_EXAMPLE = ["範疇一二絕對減量", "絕對", "1+2", "市場基準", 2021, 58238.5, 2030, 42, "近期", 100, 2023, "已確認"]


def template_bytes() -> bytes:
    """An XLSX template (盤查清冊, 營運資料, 減碳目標 sheets), headers plus one example row each."""
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    sheets = [
        (INVENTORY_SHEET, TEMPLATE_HEADERS, TEMPLATE_EXAMPLE),
        (OPERATING_SHEET, ["年度", "營業收入(新台幣百萬元)", "產量(千件)"], [2023, 38600, 41200]),
        (TARGETS_SHEET, TARGET_HEADERS, TARGET_EXAMPLE),
    ]
    for i, (title, headers, example) in enumerate(sheets):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = title
        ws.append(headers)
        ws.append(example)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for col, header in enumerate(headers, start=1):
            ws.column_dimensions[_column_letter(col - 1)].width = max(10, len(str(header)) * 2 + 2)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_template(path: str | Path) -> Path:
    """Write :func:`template_bytes` to ``path`` and return it."""
    path = Path(path)
    path.write_bytes(template_bytes())
    return path
