"""Reference data with sources: IPCC GWP-100 tables and Taiwan's grid electricity factors.

The numbers live in ``reference_data.yaml`` next to this module; this module only reads them,
normalises gas names and computes blend GWPs from their components.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml

from ..errors import DisclosureError, UnknownGasError, UnverifiedReferenceError

GwpReport = Literal["AR4", "AR5", "AR6"]
REPORTS: tuple[str, ...] = ("AR4", "AR5", "AR6")
DATA_FILE = Path(__file__).with_name("reference_data.yaml")


@dataclass(frozen=True)
class GridFactor:
    year: int
    value: float  # kgCO2e/kWh
    verified: bool
    unit: str
    source: str
    note: str = ""


@lru_cache(maxsize=1)
def reference_data() -> dict:
    """The parsed ``reference_data.yaml`` (read once, on first use)."""
    with DATA_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


# Names people write in inventories → canonical names used in the tables.
_ALIASES = {
    "CO2": "CO2", "二氧化碳": "CO2", "CARBONDIOXIDE": "CO2",
    "CH4": "CH4", "甲烷": "CH4", "METHANE": "CH4",
    "CH4FOSSIL": "CH4-fossil", "FOSSILCH4": "CH4-fossil", "化石甲烷": "CH4-fossil",
    "CH4NONFOSSIL": "CH4-non-fossil", "CH4BIOGENIC": "CH4-non-fossil", "BIOGENICCH4": "CH4-non-fossil",
    "NONFOSSILCH4": "CH4-non-fossil", "生質甲烷": "CH4-non-fossil", "非化石甲烷": "CH4-non-fossil",
    "N2O": "N2O", "氧化亞氮": "N2O", "NITROUSOXIDE": "N2O",
    "SF6": "SF6", "六氟化硫": "SF6", "SULFURHEXAFLUORIDE": "SF6", "SULPHURHEXAFLUORIDE": "SF6",
    "NF3": "NF3", "三氟化氮": "NF3", "NITROGENTRIFLUORIDE": "NF3",
    "CF4": "CF4", "PFC14": "CF4", "四氟化碳": "CF4",
    "C2F6": "C2F6", "PFC116": "C2F6", "六氟乙烷": "C2F6",
    "C3F8": "C3F8", "PFC218": "C3F8", "八氟丙烷": "C3F8",
    "CC4F8": "c-C4F8", "C4F8": "c-C4F8", "PFC318": "c-C4F8", "PFCC318": "c-C4F8", "八氟環丁烷": "c-C4F8",
    "CO2E": "CO2e", "CO2EQ": "CO2e", "CO2當量": "CO2e", "二氧化碳當量": "CO2e",
}
_HFC_RE = re.compile(r"^(?:HFC|R)(\d{2,3}[A-Z]{0,2})$")
_BLEND_RE = re.compile(r"^R?(4\d\d[A-Z])$")


def normalize_gas(name: str) -> str:
    """Canonical gas name: 'HFC-134a', 'R-410A', 'CH4', 'CO2e', 'c-C4F8', …

    Accepts the usual spellings: 'R134a', 'HFC134a', 'CO₂', '甲烷', 'R-410A (blend)', 'R-410A混合冷媒'.
    Returns the cleaned input unchanged when it is not recognised (the GWP lookup then refuses it).
    """
    raw = unicodedata.normalize("NFKC", str(name or "")).strip()
    upper = raw.upper()
    if upper.startswith(("CH4", "CH₄", "甲烷")) or "METHANE" in upper:
        if re.search(r"NON|BIO|生質|非化石", upper):
            return "CH4-non-fossil"
        if re.search(r"FOSSIL|化石", upper):
            return "CH4-fossil"
    raw = re.sub(r"[（(].*?[)）]", "", raw).strip()  # "R-410A (blend)" → "R-410A"
    key = re.sub(r"(冷媒|混合冷媒|混合物|BLEND)$", "", raw.upper().replace(" ", ""))
    key = key.replace("₂", "2").replace("₄", "4").replace("₃", "3").replace("₆", "6")
    compact = re.sub(r"[-_/,.\s]", "", key)
    if compact in _ALIASES:
        return _ALIASES[compact]
    m = _BLEND_RE.match(compact)
    if m:
        return f"R-{m.group(1)}"
    m = _HFC_RE.match(compact)
    if m:
        suffix = m.group(1)
        digits = re.match(r"\d+", suffix).group(0)
        letters = suffix[len(digits):].lower()
        return f"HFC-{digits}{letters}"
    return raw


def gwp_source(report: str) -> str:
    """The publication a GWP table comes from."""
    return reference_data()["gwp_100"][_report(report)]["source"]


def _report(report: str) -> str:
    r = str(report).upper().replace(" ", "")
    if r not in REPORTS:
        raise DisclosureError(f"unknown IPCC assessment report '{report}' — use one of {', '.join(REPORTS)}")
    return r


def gwp_table(report: str) -> dict[str, float]:
    """Single-gas GWP-100 values of one assessment report (blends not included)."""
    return {k: float(v) for k, v in reference_data()["gwp_100"][_report(report)]["values"].items()}


def blend_components(blend: str) -> dict[str, float]:
    """Mass fractions of a known refrigerant blend, e.g. R-410A → {HFC-32: 0.5, HFC-125: 0.5}."""
    blends = reference_data()["blends"]
    name = normalize_gas(blend)
    if name not in blends:
        raise UnknownGasError(blend, "blend table", hint=f"known blends: {', '.join(blends)}")
    return {k: float(v) for k, v in blends[name]["components"].items()}


def gwp(gas: str, report: str = "AR5") -> float:
    """GWP-100 of ``gas`` in IPCC ``report`` ('AR4', 'AR5', 'AR6').

    Blends (R-410A, R-404A, R-407C) are the mass-weighted sum of their components. 'CO2e' is 1.
    Raises :class:`UnknownGasError` for a gas the table does not hold, and for a plain 'CH4'
    under AR6, which gives fossil (29.8) and non-fossil (27.0) methane separately.
    """
    rep = _report(report)
    name = normalize_gas(gas)
    if name == "CO2e":
        return 1.0
    table = gwp_table(rep)
    if rep != "AR6" and name in ("CH4-fossil", "CH4-non-fossil"):
        # AR4 and AR5 tables carry one methane value used for every origin (GHG Protocol practice).
        name = "CH4"
    if name in table:
        return table[name]
    if rep == "AR6" and name == "CH4":
        raise UnknownGasError(
            gas, rep, hint="AR6 gives methane two values — write 'CH4 fossil' (29.8) or 'CH4 non-fossil' (27.0)"
        )
    if name in reference_data()["blends"]:
        # Rounded so the result carries no float noise (0.44*3500 + 0.52*4470 + 0.04*1430 = 3921.6).
        return round(sum(frac * gwp(comp, rep) for comp, frac in blend_components(name).items()), 4)
    raise UnknownGasError(gas, rep)


def known_gases() -> list[str]:
    """Every gas name (single gases and blends) the GWP lookup accepts in at least one report."""
    names: set[str] = set()
    for rep in REPORTS:
        names.update(gwp_table(rep))
    names.update(reference_data()["blends"])
    return sorted(names)


def reports_matching(gas: str, value: float, rel_tol: float = 0.005) -> list[str]:
    """Which assessment reports give ``value`` for ``gas`` (to explain a GWP in an inventory)."""
    out = []
    for rep in REPORTS:
        try:
            ref = gwp(gas, rep)
        except UnknownGasError:
            continue
        if abs(ref - value) <= rel_tol * max(ref, 1.0):
            out.append(rep)
    return out


def grid_factor(year: int, *, allow_unverified: bool = False) -> GridFactor:
    """Taiwan grid electricity emission factor (kgCO2e/kWh) for the data year ``year``.

    Raises :class:`UnverifiedReferenceError` when the year is not in the table, or is marked
    unverified and ``allow_unverified`` is False — a factor is never guessed.
    """
    table = reference_data()["taiwan_grid_factor"]
    entry = table["years"].get(int(year))
    if entry is None:
        known = ", ".join(str(y) for y in sorted(table["years"]))
        raise UnverifiedReferenceError(
            f"Taiwan grid factor for {year}",
            hint=f"known years: {known}; enter the factor announced by 經濟部能源署 for {year} in the inventory",
        )
    if not entry.get("verified", False) and not allow_unverified:
        raise UnverifiedReferenceError(
            f"Taiwan grid factor for {year} ({entry['value']})",
            hint="confirm it against the 經濟部能源署 announcement, or pass allow_unverified=True knowingly",
        )
    return GridFactor(
        year=int(year), value=float(entry["value"]), verified=bool(entry.get("verified", False)),
        unit=table["unit"], source=table["source"], note=str(entry.get("note", "")),
    )


def grid_factors(*, include_unverified: bool = False) -> dict[int, GridFactor]:
    """All grid factors in the table (verified ones only unless asked)."""
    out = {}
    for year in reference_data()["taiwan_grid_factor"]["years"]:
        try:
            out[int(year)] = grid_factor(int(year), allow_unverified=include_unverified)
        except UnverifiedReferenceError:
            continue
    return out
