"""Cells of an inventory table: which column is which (zh-TW or English headers), and what a cell
says: numbers with thousands separators, full-width digits or notes, ROC years (112 = 2023), scopes
and ISO 14064-1 categories written as 範疇一 / 類別3 / Scope 3, Scope 2 methods, and the units of
activity data and emission factors.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .reference import normalize_gas

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
