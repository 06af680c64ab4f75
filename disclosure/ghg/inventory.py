"""Read a GHG inventory (CSV or XLSX) into typed records, recompute emissions and flag disagreements.

What a company's inventory looks like varies: zh-TW or English headers, Big5 CSVs saved by Excel
on Windows, ROC years (112 = 2023), full-width digits, thousands separators, merged cells. This
module takes all of those; a file it cannot understand raises :class:`InventoryColumnsError` that
lists the columns found and the ones missing.
"""
from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Iterable

from ..encodings import UnknownEncodingError
from ..encodings import decode_bytes as _decode
from ..errors import InventoryColumnsError, InventoryFormatError, UnknownGasError
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
# Column recognition
# ---------------------------------------------------------------------------------------------

# canonical field → (label shown to people, header spellings in normalised form)
INVENTORY_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "year": ("年度 (Year)", ("年度", "年", "年份", "盤查年度", "資料年度", "排放年度", "year", "reportingyear", "fy")),
    "facility": ("廠區 (Facility)", ("廠區", "廠別", "據點", "工廠", "場址", "廠區名稱", "營運據點", "facility", "site", "plant")),
    "scope": ("範疇 (Scope)", ("範疇", "範疇別", "排放範疇", "scope", "ghgscope")),
    "iso_category": ("ISO類別 (ISO 14064-1 category)", (
        "iso類別", "類別", "排放類別", "iso140641類別", "iso140641category", "isocategory", "category", "iso14064類別")),
    "scope3_category": ("範疇三類別 (Scope 3 category)", (
        "範疇三類別", "範疇3類別", "scope3category", "s3category", "scope3類別", "ghgprotocolcategory", "範疇三類別別")),
    "source": ("排放源 (Emission source)", (
        "排放源", "排放源名稱", "排放源項目", "排放源設備", "排放設備", "設備名稱", "emissionsource", "emissionssource")),
    "gas": ("溫室氣體 (Gas)", ("溫室氣體", "溫室氣體種類", "溫室氣體別", "氣體", "氣體種類", "gas", "ghg", "gastype")),
    "activity": ("活動數據 (Activity data)", (
        "活動數據", "活動量", "活動數據量", "活動數據數值", "使用量", "activitydata", "activity", "quantity")),
    "activity_unit": ("活動數據單位 (Activity unit)", (
        "活動數據單位", "活動量單位", "單位", "activityunit", "activitydataunit", "unit")),
    "factor": ("排放係數 (Emission factor)", ("排放係數", "係數", "emissionfactor", "ef", "factor")),
    "factor_unit": ("排放係數單位 (Factor unit)", (
        "排放係數單位", "係數單位", "factorunit", "efunit", "emissionfactorunit")),
    "gwp": ("GWP", ("gwp", "gwp值", "gwp100", "全球暖化潛勢", "全球暖化潛勢值", "暖化潛勢")),
    "stated": ("排放量(公噸CO2e) (Emissions (tCO2e))", (
        "排放量", "排放當量", "溫室氣體排放量", "co2e排放量", "排放量co2e", "emissions", "emission", "ghgemissions",
        "tco2e", "co2e")),
    "scope2_method": ("範疇二計算方法 (Scope 2 method)", (
        "範疇二計算方法", "範疇二方法", "範疇2計算方法", "計算方法", "計算基準", "scope2method", "method")),
    "data_source": ("資料來源 (Source)", ("資料來源", "數據來源", "datasource", "來源", "source")),
}

OPERATING_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "year": INVENTORY_COLUMNS["year"],
    "revenue": ("營業收入 (Revenue)", ("營業收入", "營收", "收入", "revenue", "netrevenue", "sales")),
    "production": ("產量 (Production)", ("產量", "生產量", "產品產量", "production", "output", "productionvolume")),
}

_UNIT_SUFFIX = re.compile(r"(公噸co2e|公噸二氧化碳當量|tco2e|kgco2e|公斤co2e|千公噸co2e|ktco2e|公噸|噸)$")


def normalize_header(value: Any) -> tuple[str, str]:
    """(base, unit) of a header: NFKC, lower case, no spaces/punctuation, unit in brackets split off.

    '排放量（公噸CO2e）' → ('排放量', '公噸co2e'); 'Emissions (tCO2e)' → ('emissions', 'tco2e').
    """
    text = unicodedata.normalize("NFKC", str(value or "")).strip().lower()
    unit = ""
    m = re.search(r"[(\[](.*?)[)\]]", text)
    if m:
        unit = re.sub(r"\s+", "", m.group(1))
        text = (text[: m.start()] + text[m.end():])
    base = re.sub(r"[\s_\-./:：、%％]+", "", text)
    return base, unit


def match_columns(headers: list[Any], spec: dict[str, tuple[str, tuple[str, ...]]]) -> dict[str, int]:
    """Map canonical field → column index for the headers that ``spec`` recognises (first match wins)."""
    found: dict[str, int] = {}
    for idx, header in enumerate(headers):
        base, _unit = normalize_header(header)
        if not base:
            continue
        candidates = [base]
        stripped = _UNIT_SUFFIX.sub("", base)
        if stripped and stripped != base:
            candidates.append(stripped)
        # Bilingual headers such as '目標名稱 Target name': try the Chinese part, then the English part.
        m = re.match(r"^([^\x00-\x7f]+)([a-z][a-z0-9]*)$", base)
        if m:
            candidates.extend([m.group(1), m.group(2)])
        for cand in candidates:
            hit = next((f for f, (_label, aliases) in spec.items() if cand in aliases and f not in found), None)
            if hit:
                found[hit] = idx
                break
    return found


def emissions_header_scale(header: Any) -> float:
    """Multiplier that turns the emissions column into tonnes, read from its unit ('公斤CO2e' → 0.001)."""
    base, unit = normalize_header(header)
    text = unit or base
    if re.search(r"千公噸|ktco2e|kt", text):
        return 1000.0
    if re.search(r"公斤|kgco2e|kg", text):
        return 0.001
    return 1.0


# ---------------------------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------------------------

_EMPTY = {"", "-", "--", "—", "–", "n/a", "na", "none", "null", "無", "不適用", "nan"}
_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
              "十一": 11, "十二": 12, "十三": 13, "十四": 14, "十五": 15}


def _text(value: Any) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip() if value is not None else ""


def _as_written(value: Any) -> str:
    """Text kept as the company wrote it (names are quoted back to people), only trimmed."""
    return str(value).strip() if value is not None else ""


def parse_number(value: Any) -> float | None:
    """A number from a cell: full-width digits, thousands separators, '−' signs, '12.5%' → 12.5.

    Empty-looking cells ('', '-', 'N/A', '無') give None; anything else unreadable raises ValueError.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, (int, float)):
        return None if isinstance(value, float) and math.isnan(value) else float(value)
    text = _text(value).replace("−", "-").replace("NT$", "").replace("$", "")
    text = re.sub(r"[,\s_']", "", text)
    if text.lower() in _EMPTY:
        return None
    text = text.rstrip("%")
    if re.fullmatch(r"\(\d+(\.\d+)?\)", text):  # accounting negative
        text = "-" + text[1:-1]
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"not a number: {value!r}") from None


def parse_year(value: Any) -> int | None:
    """Gregorian year from 2023, '2023年', 'FY2023', ROC '112', '112年', '民國112年', '中華民國 112 年度'."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and (math.isnan(value) or value != int(value)):
            raise ValueError(f"not a year: {value!r}")
        n = int(value)
    else:
        text = _text(value)
        if text.lower() in _EMPTY:
            return None
        m = re.search(r"(\d{2,4})", text.replace(",", ""))
        if not m:
            raise ValueError(f"not a year: {value!r}")
        n = int(m.group(1))
    if 1990 <= n <= 2100:
        return n
    if 79 <= n <= 189:  # ROC years 79–189 = 1990–2100
        return n + 1911
    raise ValueError(f"not a year: {value!r}")


def _small_int(text: str) -> int | None:
    m = re.search(r"\d+", text)
    if m:
        return int(m.group(0))
    for zh in sorted(_ZH_DIGITS, key=len, reverse=True):
        if zh in text:
            return _ZH_DIGITS[zh]
    return None


def parse_scope(value: Any) -> int | None:
    """1/2/3 from '範疇一', '範疇1', 'Scope 1', 'S1', '1', 1.0."""
    text = _text(value)
    if text.lower() in _EMPTY:
        return None
    n = _small_int(text)
    if n in (1, 2, 3):
        return n
    raise ValueError(f"not a scope: {value!r}")


def parse_iso_category(value: Any) -> int | None:
    """1–6 from '類別1', '類別一', 'Category 1', '1'."""
    text = _text(value)
    if text.lower() in _EMPTY:
        return None
    n = _small_int(text)
    if n is not None and 1 <= n <= 6:
        return n
    raise ValueError(f"not an ISO 14064-1 category: {value!r}")


def parse_scope3_category(value: Any) -> int | None:
    """1–15 from '1', 'C1', '類別1', 'Category 11 Use of sold products', '11.0'."""
    text = _text(value)
    if text.lower() in _EMPTY:
        return None
    n = _small_int(text)
    if n is not None and 1 <= n <= 15:
        return n
    raise ValueError(f"not a Scope 3 category: {value!r}")


def parse_scope2_method(value: Any) -> str | None:
    """'location' or 'market' from 地點基準 / 市場基準 / location-based / market-based / LB / MB."""
    text = _text(value).lower()
    if text in _EMPTY:
        return None
    if "地點" in text or "location" in text or text in ("lb", "l"):
        return "location"
    if "市場" in text or "market" in text or text in ("mb", "m"):
        return "market"
    raise ValueError(f"not a Scope 2 method: {value!r}")


_TOTAL_ROW = re.compile(r"^(合計|小計|總計|總和|total|subtotal|grand ?total)\s*[:：]?$", re.I)


# ---------------------------------------------------------------------------------------------
# Units for recomputation
# ---------------------------------------------------------------------------------------------

# unit → (dimension, size in the dimension's base unit)
_UNITS: dict[str, tuple[str, float]] = {
    "kwh": ("energy", 1), "度": ("energy", 1), "mwh": ("energy", 1e3), "千度": ("energy", 1e3),
    "gwh": ("energy", 1e6), "百萬度": ("energy", 1e6),
    "l": ("volume", 1), "公升": ("volume", 1), "升": ("volume", 1), "kl": ("volume", 1e3), "公秉": ("volume", 1e3),
    "千公升": ("volume", 1e3), "m3": ("volume", 1e3), "立方公尺": ("volume", 1e3), "nm3": ("volume", 1e3),
    "千立方公尺": ("volume", 1e6), "千m3": ("volume", 1e6), "1000m3": ("volume", 1e6), "km3": ("volume", 1e6),
    "千nm3": ("volume", 1e6),
    "g": ("mass", 1e-3), "公克": ("mass", 1e-3), "kg": ("mass", 1), "公斤": ("mass", 1),
    "t": ("mass", 1e3), "公噸": ("mass", 1e3), "噸": ("mass", 1e3), "tonne": ("mass", 1e3), "公秉油當量": ("koe", 1),
    "mj": ("heat", 1), "gj": ("heat", 1e3), "tj": ("heat", 1e6), "千卡": ("kcal", 1), "kcal": ("kcal", 1),
    "km": ("distance", 1), "公里": ("distance", 1),
    "pkm": ("pkm", 1), "延人公里": ("pkm", 1), "人公里": ("pkm", 1),
    "tkm": ("tkm", 1), "延噸公里": ("tkm", 1), "噸公里": ("tkm", 1), "公噸公里": ("tkm", 1),
}
_MASS_PREFIX = re.compile(r"^(kg|公斤|千克|g|公克|克|t|公噸|噸|mt|tonnes?)", re.I)
_MASS_TO_T = {"kg": 1e-3, "公斤": 1e-3, "千克": 1e-3, "g": 1e-6, "公克": 1e-6, "克": 1e-6,
              "t": 1.0, "公噸": 1.0, "噸": 1.0, "mt": 1.0, "tonne": 1.0, "tonnes": 1.0}


def _strip_notes(unit: str) -> str:
    """'kgR-410A/公斤（填充量×逸散率5%）' → 'kgR-410A/公斤': notes in brackets are not part of the unit."""
    return re.sub(r"[(（\[].*?[)）\]]", "", _text(unit)).strip()


def _unit_key(unit: str) -> str:
    return re.sub(r"[\s·]", "", _strip_notes(unit).lower()).replace("³", "3")


@dataclass
class FactorUnit:
    to_tonnes: float  # mass of the numerator in tonnes
    gas: str  # 'CO2e', 'CO2', 'CH4', … or '' when the unit names no gas
    per: str  # denominator unit key ('' when absent)


def parse_factor_unit(unit: str | None) -> FactorUnit:
    """'kgCO2/千立方公尺' → FactorUnit(0.001, 'CO2', '千立方公尺'). No unit → kg per activity unit."""
    text = _strip_notes(unit or "")
    if not text:
        return FactorUnit(1e-3, "", "")
    num, _, per = re.split(r"(/|每)", text, maxsplit=1) if re.search(r"/|每", text) else (text, "", "")
    num = num.strip()
    m = _MASS_PREFIX.match(num)
    scale = 1e-3
    gas = num
    if m:
        scale = _MASS_TO_T.get(m.group(1).lower(), _MASS_TO_T.get(m.group(1), 1e-3))
        gas = num[m.end():]
    gas = gas.strip(" -_") or ""
    return FactorUnit(scale, normalize_gas(gas) if gas else "", _unit_key(per))


def activity_conversion(activity_unit: str | None, per: str) -> float | None:
    """Factor that converts the activity into the factor's denominator unit (MWh → kWh = 1000).

    1.0 when the units are the same or one is absent; None when they cannot be reconciled.
    """
    a = _unit_key(activity_unit or "")
    if not a or not per or a == per:
        return 1.0
    if a in _UNITS and per in _UNITS:
        (da, sa), (dp, sp) = _UNITS[a], _UNITS[per]
        if da == dp:
            return sa / sp
    return None


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
