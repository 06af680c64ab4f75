"""Emission-reduction targets: import, SBTi checks, linear pathway and progress against actuals.

The SBTi thresholds live in one place, :class:`SbtiCriteria`. By default the checks read them from
the framework library's SBTi rules (``disclosure.ghg.criteria``); the numbers below are the fallback
used only when the library cannot be loaded.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Literal, Mapping

from pydantic import BaseModel, Field

from ..errors import InventoryColumnsError, TargetFormatError
from .calculations import total
from .cells import parse_number, parse_scope2_method, parse_year
from .inventory import TARGETS_SHEET, Table, find_header, read_tables
from .model import Inventory, Provenance, Scope2Method

# ---------------------------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------------------------


class Target(BaseModel):
    """One target as a company states it."""

    name: str
    type: Literal["absolute", "intensity", "other"] = "absolute"
    scopes: tuple[int, ...] = (1, 2)
    scope3_categories: tuple[int, ...] | None = Field(default=None, description="None = all of Scope 3")
    scope2_method: Scope2Method | None = None
    base_year: int
    base_emissions: float | None = None
    target_year: int
    reduction_pct: float = Field(description="reduction from the base year, positive (42 = −42 %)")
    horizon: Literal["near-term", "long-term"] = "near-term"
    coverage_pct: float | None = Field(default=None, description="share of the covered scopes' emissions in the target boundary")
    year_set: int | None = None
    sbti_status: str | None = None
    net_zero: bool = False
    intensity_per: Literal["revenue", "production"] | None = None
    provenance: Provenance | None = None

    @property
    def covers_scope12(self) -> bool:
        return 1 in self.scopes or 2 in self.scopes

    @property
    def covers_scope3(self) -> bool:
        return 3 in self.scopes

    @property
    def annual_linear_rate_pct(self) -> float | None:
        """Reduction per year, linear from the base year (SBTi's measure of ambition)."""
        span = self.target_year - self.base_year
        return self.reduction_pct / span if span > 0 else None

    @property
    def submitted_to_sbti(self) -> bool | None:
        """True for targets marked validated/committed/submitted, False for ones marked internal, None if unknown."""
        s = unicodedata.normalize("NFKC", self.sbti_status or "").strip().lower()
        if not s or s in ("-", "—"):
            return None
        if re.search(r"內部|internal|非\s*sbti|不適用|未提交|未送|n/?a|none|not", s):
            return False
        return True

    def scope_label(self) -> str:
        label = "+".join(str(s) for s in self.scopes)
        if self.scope3_categories:
            label += " (C" + "+C".join(str(c) for c in self.scope3_categories) + ")"
        return f"Scope {label}"


class Check(BaseModel):
    """One SBTi rule applied to one target (or to the set of targets when ``target`` is None).

    ``passed`` is None when the rule could not be judged (data missing) or does not apply.
    """

    rule_id: str
    passed: bool | None
    message_en: str
    message_zh: str
    target: str | None = None


@dataclass(frozen=True)
class SbtiCriteria:
    """SBTi thresholds, in one place. Defaults: Corporate Near-Term Criteria v5.x and Net-Zero Standard v1.x."""

    s12_min_coverage_pct: float = 95.0  # near-term and long-term boundary: ≥95 % of Scope 1+2
    s3_share_trigger_pct: float = 40.0  # a Scope 3 target is required when S3 ≥ 40 % of S1+2+3
    s3_near_term_min_coverage_pct: float = 67.0
    s3_long_term_min_coverage_pct: float = 90.0
    near_term_min_years: int = 5  # near-term: 5–10 years from the year the target is set/submitted
    near_term_max_years: int = 10
    earliest_base_year: int = 2015
    s12_min_annual_linear_pct: float = 4.2  # 1.5 °C: ≥4.2 %/yr linear for Scope 1+2
    s3_min_annual_linear_pct: float = 2.5  # well-below 2 °C: ≥2.5 %/yr linear for Scope 3
    long_term_min_reduction_pct: float = 90.0
    long_term_latest_year: int = 2050
    source: str = "defaults in disclosure.ghg.targets (SBTi near-term criteria and net-zero standard)"
    rule_ids: Mapping[str, str] = field(default_factory=dict)  # our rule key → official rule number

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> "SbtiCriteria":
        """Build from a mapping (e.g. the framework library's rules); unknown keys are ignored."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})

    def rule(self, key: str) -> str:
        """The id shown for a rule: the official number when the library gave one, else our key."""
        return self.rule_ids.get(key, key)


DEFAULT_CRITERIA = SbtiCriteria()

# ---------------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------------

TARGET_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "name": ("目標名稱 (Target name)", ("目標名稱", "目標", "名稱", "targetname", "name", "target")),
    "type": ("目標類型 (Type)", ("目標類型", "類型", "type", "targettype")),
    "coverage": ("範疇涵蓋 (Scope coverage)", ("範疇涵蓋", "涵蓋範疇", "範疇", "scopecoverage", "scope", "scopes")),
    "scope2_method": ("範疇二方法 (Scope 2 method)", ("範疇二方法", "範疇二計算方法", "scope2method")),
    "base_year": ("基準年 (Base year)", ("基準年", "基準年度", "baseyear")),
    "base_emissions": ("基準年排放量 (Base-year emissions)", ("基準年排放量", "baseyearemissions", "baseemissions")),
    "target_year": ("目標年 (Target year)", ("目標年", "目標年度", "targetyear")),
    "reduction_pct": ("減量幅度(%) (Reduction %)", ("減量幅度", "減量比例", "減量目標", "減碳幅度", "reduction", "reductionpct")),
    "horizon": ("目標期間 (Horizon)", ("目標期間", "期間", "horizon", "timeframe")),
    "coverage_pct": ("涵蓋比例(%) (Coverage %)", ("涵蓋比例", "涵蓋率", "coverage", "coveragepct")),
    "year_set": ("設定年 (Year set)", ("設定年", "設定年度", "提交年", "yearset", "setyear", "yearsubmitted")),
    "sbti_status": ("SBTi狀態 (SBTi status)", ("sbti狀態", "sbtistatus", "狀態", "status")),
}
REQUIRED_TARGET = ("coverage", "base_year", "target_year", "reduction_pct")
_ZH_SCOPE = {"一": 1, "二": 2, "三": 3}


def parse_scope_coverage(value: Any) -> tuple[tuple[int, ...], tuple[int, ...] | None]:
    """('1+2' → (1, 2), None); ('3:C1+C4' → (3,), (1, 4)); ('範疇一、二' → (1, 2), None); ('1+2+3' → (1, 2, 3), None)."""
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    if not text:
        raise ValueError("empty scope coverage")
    cats = tuple(sorted({int(n) for n in re.findall(r"(?:\bC|類別|cat\.?\s*|category\s*)(\d{1,2})", text, re.I)
                         if 1 <= int(n) <= 15}))
    scope_part = re.split(r"[:：]", text, maxsplit=1)[0]
    scope_part = re.sub(r"(?:\bC|類別|cat\.?\s*|category\s*)\d{1,2}", "", scope_part, flags=re.I)
    scopes = {int(d) for d in re.findall(r"[123]", scope_part)}
    scopes |= {_ZH_SCOPE[c] for c in re.findall(r"[一二三]", scope_part)}
    if cats:
        scopes.add(3)
    if not scopes:
        raise ValueError(f"no scope in '{value}'")
    return tuple(sorted(scopes)), (cats or None)


def _parse_type(value: Any) -> str:
    t = unicodedata.normalize("NFKC", str(value or "")).lower()
    if not t.strip() or "絕對" in t or "absolute" in t:
        return "absolute"
    if "密集" in t or "強度" in t or "intensity" in t:
        return "intensity"
    return "other"


def _parse_horizon(value: Any, target_year: int, year_set: int | None, name: str) -> str:
    t = unicodedata.normalize("NFKC", str(value or "")).lower()
    if "長期" in t or "long" in t or "淨零" in t or "net" in t:
        return "long-term"
    if t.strip():
        return "near-term"
    # Not stated: more than 10 years from setting (or 2040 and later) reads as long-term.
    if re.search(r"淨零|net[- ]?zero", name, re.I):
        return "long-term"
    ref = year_set or target_year - 10
    return "long-term" if target_year - ref > 10 or target_year >= 2040 else "near-term"


def _cell(row: list[Any], cols: Mapping[str, int], key: str) -> Any:
    idx = cols.get(key)
    return row[idx] if idx is not None and idx < len(row) else None


def targets_from_table(table: Table) -> list[Target]:
    """Targets from a 減碳目標 table (sheet or CSV rows)."""
    header_idx, cols = find_header(table, TARGET_COLUMNS)
    missing = [TARGET_COLUMNS[k][0] for k in REQUIRED_TARGET if k not in cols]
    if header_idx < 0 or missing:
        headers = [str(h) for h in (table.rows[header_idx] if header_idx >= 0 else (table.rows[0] if table.rows else []))
                   if h not in (None, "")]
        where = table.file + (f" (sheet {table.sheet})" if table.sheet else "")
        raise InventoryColumnsError(where, headers, missing or [TARGET_COLUMNS[k][0] for k in REQUIRED_TARGET],
                                    hint="targets need at least scope coverage, base year, target year and reduction %")
    out = []
    for row_no, row in enumerate(table.rows[header_idx + 1:], start=header_idx + 2):
        if all(str(v or "").strip() == "" for v in row):
            continue
        prov = Provenance(file=table.file, sheet=table.sheet, row=row_no)
        name = str(_cell(row, cols, "name") or f"target (row {row_no})").strip()
        try:
            scopes, cats = parse_scope_coverage(_cell(row, cols, "coverage"))
            base_year = parse_year(_cell(row, cols, "base_year"))
            target_year = parse_year(_cell(row, cols, "target_year"))
            reduction = parse_number(_cell(row, cols, "reduction_pct"))
            year_set = parse_year(_cell(row, cols, "year_set"))
            base_em = parse_number(_cell(row, cols, "base_emissions"))
            coverage = parse_number(_cell(row, cols, "coverage_pct"))
            method = parse_scope2_method(_cell(row, cols, "scope2_method"))
        except ValueError as exc:
            raise TargetFormatError(f"{prov.label()}: {exc} — correct the value in that row") from None
        if base_year is None or target_year is None or reduction is None:
            raise TargetFormatError(f"{prov.label()}: '{name}' needs a base year, a target year and a reduction %")
        status = _cell(row, cols, "sbti_status")
        out.append(Target(
            name=name, type=_parse_type(_cell(row, cols, "type")), scopes=scopes, scope3_categories=cats,
            scope2_method=method, base_year=base_year, base_emissions=base_em, target_year=target_year,
            reduction_pct=abs(reduction), horizon=_parse_horizon(_cell(row, cols, "horizon"), target_year, year_set, name),
            coverage_pct=coverage, year_set=year_set,
            sbti_status=str(status).strip() if status not in (None, "") else None,
            net_zero=bool(re.search(r"淨零|net[- ]?zero", name, re.I)), provenance=prov,
        ))
    return out


def load_targets(source: str | Path | bytes | BinaryIO, *, filename: str | None = None) -> list[Target]:
    """Targets from an inventory workbook's 減碳目標 sheet, or from a targets CSV/XLSX."""
    tables = read_tables(source, filename)
    preferred = [t for t in tables if t.sheet == TARGETS_SHEET]
    named = [t for t in tables if t.sheet and ("目標" in t.sheet or "target" in t.sheet.lower())]
    for t in preferred + named + tables:
        _i, cols = find_header(t, TARGET_COLUMNS)
        if all(k in cols for k in REQUIRED_TARGET):
            return targets_from_table(t)
    return targets_from_table((preferred + named + tables)[0])  # raises with the columns it found


# ---------------------------------------------------------------------------------------------
# Actuals and pathway
# ---------------------------------------------------------------------------------------------


def target_emissions(inv: Inventory, target: Target, year: int) -> float:
    """Emissions inside a target's boundary in ``year`` (its scopes, Scope 3 categories and Scope 2 method)."""
    return total(inv, year=year, scopes=target.scopes, scope2_method=target.scope2_method or "location",
                 scope3_categories=target.scope3_categories)


def target_actuals(inv: Inventory, target: Target) -> dict[int, float]:
    """Actual values per inventory year in the target's metric (tCO2e, or tCO2e per unit for intensity targets)."""
    out = {}
    for y in inv.years:
        e = target_emissions(inv, target, y)
        if target.type == "intensity":
            op = inv.operating.get(y)
            denom = None if op is None else (op.production if target.intensity_per == "production" else op.revenue)
            if not denom:
                continue
            e = e / denom
        out[y] = e
    return out


def linear_pathway(target: Target, base_value: float | None = None) -> dict[int, float]:
    """Year → value on the straight line from the base year to the target year."""
    base = base_value if base_value is not None else target.base_emissions
    if base is None:
        raise TargetFormatError(f"target '{target.name}' has no base-year emissions — add them or pass the inventory")
    span = target.target_year - target.base_year
    if span <= 0:
        raise TargetFormatError(f"target '{target.name}': target year {target.target_year} is not after base year {target.base_year}")
    end = base * (1 - target.reduction_pct / 100)
    return {y: base + (end - base) * (y - target.base_year) / span for y in range(target.base_year, target.target_year + 1)}


class Progress(BaseModel):
    target: str
    base_year: int
    base_value: float
    latest_year: int
    latest_value: float
    reduction_to_date_pct: float
    pathway_value: float = Field(description="value the linear pathway allows in the latest year")
    expected_reduction_pct: float
    on_track: bool
    actuals: dict[int, float]
    pathway: dict[int, float]
    message_en: str
    message_zh: str


def progress(target: Target, actuals: Inventory | Mapping[int, float]) -> Progress:
    """Reduction to date against the linear pathway. ``actuals`` is the inventory or year → value."""
    values = target_actuals(actuals, target) if isinstance(actuals, Inventory) else dict(actuals)
    base = values.get(target.base_year, target.base_emissions)
    if base is None:
        raise TargetFormatError(f"no base-year ({target.base_year}) value for target '{target.name}'")
    if target.base_emissions is not None and target.type == "absolute":
        base = target.base_emissions
    path = linear_pathway(target, base)
    years = [y for y in values if target.base_year < y]
    latest = max(years) if years else target.base_year
    latest_value = values.get(latest, base)
    done = (base - latest_value) / base * 100 if base else 0.0
    expected_value = path.get(latest, path[target.target_year])
    expected = (base - expected_value) / base * 100 if base else 0.0
    on_track = latest_value <= expected_value + 1e-9
    en = (f"{target.name}: {done:.1f} % below {target.base_year} by {latest} (pathway: {expected:.1f} %) — "
          + ("on track." if on_track else f"behind the linear pathway by {latest_value - expected_value:,.1f}."))
    zh = (f"{target.name}：{latest} 年較 {target.base_year} 年減少 {done:.1f}%（線性路徑應減 {expected:.1f}%）— "
          + ("進度符合。" if on_track else f"落後線性路徑 {latest_value - expected_value:,.1f}。"))
    return Progress(target=target.name, base_year=target.base_year, base_value=base, latest_year=latest,
                    latest_value=latest_value, reduction_to_date_pct=done, pathway_value=expected_value,
                    expected_reduction_pct=expected, on_track=on_track, actuals=values, pathway=path,
                    message_en=en, message_zh=zh)


# ---------------------------------------------------------------------------------------------
# SBTi checks
# ---------------------------------------------------------------------------------------------


def scope3_share_pct(inv: Inventory, year: int, scope2_method: Scope2Method = "location") -> float | None:
    """Scope 3 as a share of Scope 1+2+3 in ``year``."""
    s3 = total(inv, year=year, scopes=(3,), scope2_method=scope2_method)
    allv = total(inv, year=year, scopes=(1, 2, 3), scope2_method=scope2_method)
    return s3 / allv * 100 if allv else None


def scope3_coverage_pct(inv: Inventory, target: Target) -> float | None:
    """Share of base-year Scope 3 inside the target's Scope 3 categories (100 when it covers all of Scope 3)."""
    if not target.covers_scope3:
        return None
    if not target.scope3_categories:
        return 100.0
    year = target.base_year if target.base_year in inv.years else (min(inv.years) if inv.years else None)
    if year is None:
        return None
    s3 = total(inv, year=year, scopes=(3,))
    part = total(inv, year=year, scopes=(3,), scope3_categories=target.scope3_categories)
    return part / s3 * 100 if s3 else None


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".") if abs(x - round(x)) > 1e-9 else f"{x:.0f}"


def check_targets(
    targets: Iterable[Target],
    inventory: Inventory | None = None,
    *,
    criteria: SbtiCriteria | None = None,
    scope3_share: float | None = None,
) -> list[Check]:
    """Apply the SBTi criteria to each target and to the set of targets.

    ``inventory`` (optional) supplies the Scope 3 share and Scope 3 category coverage; or pass
    ``scope3_share`` (% of S1+2+3) directly. ``criteria`` defaults to the SBTi rules of the framework
    library (:func:`~disclosure.ghg.criteria.criteria_from_library`). Targets marked internal or not
    about emissions get one informational check (passed None). Every failed check says what to change.
    """
    if criteria is None:
        from .criteria import criteria_from_library  # criteria.py imports this module

        criteria = criteria_from_library()
    c = criteria
    targets = list(targets)
    checks: list[Check] = []
    emission_targets = []
    for t in targets:
        if t.type == "other":
            checks.append(Check(rule_id=c.rule("scope"), passed=None, target=t.name,
                                message_en=f"{t.name}: not an emissions target; SBTi criteria not applied.",
                                message_zh=f"{t.name}：非排放量目標，不適用SBTi準則。"))
            continue
        if t.submitted_to_sbti is False:
            checks.append(Check(rule_id=c.rule("scope"), passed=None, target=t.name,
                                message_en=f"{t.name}: marked as not submitted to SBTi ('{t.sbti_status}'); not checked.",
                                message_zh=f"{t.name}：標示為非SBTi目標（{t.sbti_status}），未檢核。"))
            continue
        emission_targets.append(t)
        checks.extend(_check_one(t, inventory, c))
    checks.extend(_check_set(emission_targets, inventory, c, scope3_share))
    return checks


def _check_one(t: Target, inv: Inventory | None, c: SbtiCriteria) -> list[Check]:
    out: list[Check] = []
    name = t.name
    # Base year
    ok = t.base_year >= c.earliest_base_year
    out.append(Check(
        rule_id=c.rule("base_year"), passed=ok, target=name,
        message_en=(f"{name}: base year {t.base_year} is {c.earliest_base_year} or later." if ok else
                    f"{name}: base year {t.base_year} is earlier than {c.earliest_base_year}, which SBTi does not accept — "
                    f"restate the target against a base year of {c.earliest_base_year} or later with complete, verified data."),
        message_zh=(f"{name}：基準年 {t.base_year} 符合（不早於 {c.earliest_base_year}）。" if ok else
                    f"{name}：基準年 {t.base_year} 早於 {c.earliest_base_year} 年，SBTi 不接受 — 請改以 {c.earliest_base_year} "
                    "年以後、數據完整且經查證的年度為基準年重新設定目標。"),
    ))
    rate = t.annual_linear_rate_pct
    if t.horizon == "near-term":
        # Timeframe: 5–10 years from the year the target is set (submitted).
        if t.year_set is None:
            out.append(Check(rule_id=c.rule("timeframe"), passed=None, target=name,
                             message_en=f"{name}: year set not given — enter it to check the {c.near_term_min_years}–{c.near_term_max_years}-year timeframe.",
                             message_zh=f"{name}：未填設定年，無法檢核 {c.near_term_min_years}–{c.near_term_max_years} 年目標期間。"))
        else:
            span = t.target_year - t.year_set
            ok = c.near_term_min_years <= span <= c.near_term_max_years
            lo, hi = t.year_set + c.near_term_min_years, t.year_set + c.near_term_max_years
            out.append(Check(
                rule_id=c.rule("timeframe"), passed=ok, target=name,
                message_en=(f"{name}: target year {t.target_year} is {span} years after it was set ({t.year_set})." if ok else
                            f"{name}: target year {t.target_year} is {span} years after it was set ({t.year_set}); near-term "
                            f"targets must end {c.near_term_min_years}–{c.near_term_max_years} years out — pick a target year between {lo} and {hi}."),
                message_zh=(f"{name}：目標年 {t.target_year} 距設定年 {t.year_set} 共 {span} 年，符合。" if ok else
                            f"{name}：目標年 {t.target_year} 距設定年 {t.year_set} {'僅' if span < c.near_term_min_years else '達'} {span} 年，近期目標須為 "
                            f"{c.near_term_min_years}–{c.near_term_max_years} 年 — 請將目標年設於 {lo}–{hi} 年之間。"),
            ))
        # Ambition: linear annual reduction.
        if rate is None:
            out.append(Check(rule_id=c.rule("ambition"), passed=False, target=name,
                             message_en=f"{name}: target year is not after the base year — correct the years.",
                             message_zh=f"{name}：目標年未晚於基準年，請更正年度。"))
        else:
            s12 = t.covers_scope12
            need = c.s12_min_annual_linear_pct if s12 else c.s3_min_annual_linear_pct
            level = "1.5 °C" if s12 else "well-below 2 °C"
            level_zh = "1.5°C" if s12 else "遠低於2°C"
            ok = rate >= need - 1e-9
            span = t.target_year - t.base_year
            needed_total = need * span
            kind = " (intensity target: SBTi also expects absolute emissions to fall)" if t.type == "intensity" else ""
            out.append(Check(
                rule_id=c.rule("ambition_s12" if s12 else "ambition_s3"), passed=ok, target=name,
                message_en=(f"{name}: {_fmt(t.reduction_pct)} % over {t.base_year}–{t.target_year} is {rate:.2f} %/yr linear, "
                            f"meeting the {level} minimum of {need} %/yr{kind}." if ok else
                            f"{name}: {_fmt(t.reduction_pct)} % over {t.base_year}–{t.target_year} is only {rate:.2f} %/yr linear; "
                            f"{level} alignment needs at least {need} %/yr, i.e. at least {_fmt(needed_total)} % by {t.target_year} — "
                            "raise the reduction or bring the target year forward."),
                message_zh=(f"{name}：{t.base_year}–{t.target_year} 年減 {_fmt(t.reduction_pct)}%，年均線性減量 {rate:.2f}%，"
                            f"符合{level_zh}最低 {need}%/年。" if ok else
                            f"{name}：{t.base_year}–{t.target_year} 年減 {_fmt(t.reduction_pct)}%，年均線性減量僅 {rate:.2f}%；"
                            f"{level_zh}路徑至少須 {need}%/年，即 {t.target_year} 年前至少減 {_fmt(needed_total)}% — 請提高減量幅度或提前目標年。"),
            ))
        out.extend(_coverage_checks(t, inv, c, long_term=False))
    else:
        ok = t.reduction_pct >= c.long_term_min_reduction_pct - 1e-9
        out.append(Check(
            rule_id=c.rule("long_term_depth"), passed=ok, target=name,
            message_en=(f"{name}: {_fmt(t.reduction_pct)} % absolute reduction by {t.target_year} meets the {c.long_term_min_reduction_pct:.0f} % minimum." if ok else
                        f"{name}: {_fmt(t.reduction_pct)} % by {t.target_year} is short of the {c.long_term_min_reduction_pct:.0f} % reduction SBTi's "
                        "net-zero standard requires — commit to at least "
                        f"{c.long_term_min_reduction_pct:.0f} % and neutralise only the residual with permanent removals."),
            message_zh=(f"{name}：{t.target_year} 年絕對減量 {_fmt(t.reduction_pct)}%，符合至少 {c.long_term_min_reduction_pct:.0f}% 之要求。" if ok else
                        f"{name}：{t.target_year} 年僅減 {_fmt(t.reduction_pct)}%，未達 SBTi 淨零標準至少 {c.long_term_min_reduction_pct:.0f}% 之深度減量 — "
                        f"請承諾至少減 {c.long_term_min_reduction_pct:.0f}%，剩餘排放以永久性移除抵銷。"),
        ))
        ok = t.target_year <= c.long_term_latest_year
        out.append(Check(
            rule_id=c.rule("long_term_year"), passed=ok, target=name,
            message_en=(f"{name}: target year {t.target_year} is no later than {c.long_term_latest_year}." if ok else
                        f"{name}: target year {t.target_year} is after {c.long_term_latest_year} — bring the long-term target to {c.long_term_latest_year} at the latest."),
            message_zh=(f"{name}：目標年 {t.target_year} 不晚於 {c.long_term_latest_year} 年。" if ok else
                        f"{name}：目標年 {t.target_year} 晚於 {c.long_term_latest_year} 年 — 長期目標最遲須於 {c.long_term_latest_year} 年達成。"),
        ))
        ok = set(t.scopes) >= {1, 2, 3}
        out.append(Check(
            rule_id=c.rule("long_term_scopes"), passed=ok, target=name,
            message_en=(f"{name}: covers Scopes 1, 2 and 3." if ok else
                        f"{name}: covers only {t.scope_label()}; a net-zero target must cover Scopes 1, 2 and 3 — extend it to Scope 3."),
            message_zh=(f"{name}：涵蓋範疇一、二、三。" if ok else
                        f"{name}：僅涵蓋{t.scope_label()}；淨零目標須涵蓋範疇一、二、三 — 請納入範疇三。"),
        ))
        out.extend(_coverage_checks(t, inv, c, long_term=True))
    return out


def _coverage_checks(t: Target, inv: Inventory | None, c: SbtiCriteria, *, long_term: bool) -> list[Check]:
    out = []
    name = t.name
    if t.covers_scope12:
        cov = t.coverage_pct
        if cov is None:
            out.append(Check(rule_id=c.rule("s12_coverage"), passed=None, target=name,
                             message_en=f"{name}: coverage % not given — state what share of Scope 1+2 emissions the target covers (≥ {c.s12_min_coverage_pct:.0f} %).",
                             message_zh=f"{name}：未填涵蓋比例 — 請說明目標涵蓋範疇一、二排放量之比例（須 ≥ {c.s12_min_coverage_pct:.0f}%）。"))
        else:
            ok = cov >= c.s12_min_coverage_pct - 1e-9
            out.append(Check(
                rule_id=c.rule("s12_coverage"), passed=ok, target=name,
                message_en=(f"{name}: covers {_fmt(cov)} % of Scope 1+2 emissions (≥ {c.s12_min_coverage_pct:.0f} %)." if ok else
                            f"{name}: covers {_fmt(cov)} % of Scope 1+2 emissions; SBTi requires at least {c.s12_min_coverage_pct:.0f} % — "
                            "bring the excluded sites or sources into the target boundary."),
                message_zh=(f"{name}：涵蓋範疇一、二排放量 {_fmt(cov)}%（≥ {c.s12_min_coverage_pct:.0f}%）。" if ok else
                            f"{name}：僅涵蓋範疇一、二排放量 {_fmt(cov)}%，SBTi 要求至少 {c.s12_min_coverage_pct:.0f}% — 請將排除之廠區或排放源納入目標邊界。"),
            ))
    if t.covers_scope3:
        need = c.s3_long_term_min_coverage_pct if long_term else c.s3_near_term_min_coverage_pct
        cov = scope3_coverage_pct(inv, t) if inv is not None and inv.records else None
        if cov is None and not t.covers_scope12:
            cov = t.coverage_pct
        if cov is None and not t.scope3_categories:
            cov = 100.0 if t.coverage_pct is None else t.coverage_pct
        if cov is None:
            out.append(Check(rule_id=c.rule("s3_coverage_target"), passed=None, target=name,
                             message_en=f"{name}: cannot tell what share of Scope 3 the categories cover — add the inventory or the coverage %.",
                             message_zh=f"{name}：無法判斷所涵蓋類別占範疇三之比例 — 請提供盤查清冊或涵蓋比例。"))
        else:
            ok = cov >= need - 1e-9
            out.append(Check(
                rule_id=c.rule("s3_coverage_target"), passed=ok, target=name,
                message_en=(f"{name}: covers {cov:.1f} % of Scope 3 (≥ {need:.0f} %)." if ok else
                            f"{name}: covers {cov:.1f} % of Scope 3; {'long-term' if long_term else 'near-term'} targets must cover at least "
                            f"{need:.0f} % — add the next-largest Scope 3 categories to the target."),
                message_zh=(f"{name}：涵蓋範疇三排放量 {cov:.1f}%（≥ {need:.0f}%）。" if ok else
                            f"{name}：僅涵蓋範疇三排放量 {cov:.1f}%，{'長期' if long_term else '近期'}目標須至少涵蓋 {need:.0f}% — 請納入排放量次大的範疇三類別。"),
            ))
    return out


def _check_set(targets: list[Target], inv: Inventory | None, c: SbtiCriteria, share: float | None) -> list[Check]:
    out: list[Check] = []
    near = [t for t in targets if t.horizon == "near-term"]
    has_s12 = any({1, 2} <= set(t.scopes) for t in near)
    out.append(Check(
        rule_id=c.rule("s12_target_present"), passed=has_s12,
        message_en=("A near-term target covers Scope 1 and 2." if has_s12 else
                    "No near-term target covers both Scope 1 and Scope 2 — SBTi requires one; set a Scope 1+2 target."),
        message_zh=("已有涵蓋範疇一及二之近期目標。" if has_s12 else "缺少涵蓋範疇一及二之近期目標 — SBTi 要求設定範疇一、二目標。"),
    ))
    base_year = min((t.base_year for t in near), default=None)
    if share is None and inv is not None and inv.records:
        year = base_year if base_year in inv.years else max(inv.years)
        method = next((t.scope2_method for t in near if t.scope2_method), None) or "location"
        share = scope3_share_pct(inv, year, method)
    s3_near = [t for t in near if t.covers_scope3]
    if share is None:
        out.append(Check(
            rule_id=c.rule("s3_required"), passed=True if s3_near else None,
            message_en=("A near-term Scope 3 target is set." if s3_near else
                        f"Scope 3 share unknown — if Scope 3 is {c.s3_share_trigger_pct:.0f} % or more of total emissions, a near-term Scope 3 target is required."),
            message_zh=("已設定範疇三近期目標。" if s3_near else
                        f"範疇三占比未知 — 若範疇三占總排放量 {c.s3_share_trigger_pct:.0f}% 以上，須設定範疇三近期目標。"),
        ))
    else:
        required = share >= c.s3_share_trigger_pct
        ok = (not required) or bool(s3_near)
        out.append(Check(
            rule_id=c.rule("s3_required"), passed=ok,
            message_en=(f"Scope 3 is {share:.1f} % of total emissions; " +
                        ("a near-term Scope 3 target is set." if s3_near else
                         (f"below {c.s3_share_trigger_pct:.0f} %, so no Scope 3 target is required." if not required else
                          f"at {c.s3_share_trigger_pct:.0f} % or more SBTi requires a near-term Scope 3 target — set one covering at "
                          f"least {c.s3_near_term_min_coverage_pct:.0f} % of Scope 3 (start with the largest categories)."))),
            message_zh=(f"範疇三占總排放量 {share:.1f}%；" +
                        ("已設定範疇三近期目標。" if s3_near else
                         (f"低於 {c.s3_share_trigger_pct:.0f}%，毋須設定範疇三目標。" if not required else
                          f"達 {c.s3_share_trigger_pct:.0f}% 以上，SBTi 要求設定範疇三近期目標 — 請設定涵蓋至少 "
                          f"{c.s3_near_term_min_coverage_pct:.0f}% 範疇三排放量的目標（由排放量最大的類別著手）。"))),
        ))
        if s3_near and required and inv is not None and inv.records:
            covered = _combined_s3_coverage(s3_near, inv)
            if covered is not None:
                ok = covered >= c.s3_near_term_min_coverage_pct - 1e-9
                out.append(Check(
                    rule_id=c.rule("s3_coverage_set"), passed=ok,
                    message_en=(f"Near-term Scope 3 targets together cover {covered:.1f} % of Scope 3 (≥ {c.s3_near_term_min_coverage_pct:.0f} %)." if ok else
                                f"Near-term Scope 3 targets together cover {covered:.1f} % of Scope 3; at least {c.s3_near_term_min_coverage_pct:.0f} % is required — add categories."),
                    message_zh=(f"範疇三近期目標合計涵蓋範疇三排放量 {covered:.1f}%（≥ {c.s3_near_term_min_coverage_pct:.0f}%）。" if ok else
                                f"範疇三近期目標合計僅涵蓋 {covered:.1f}%，須至少 {c.s3_near_term_min_coverage_pct:.0f}% — 請增加涵蓋類別。"),
                ))
    return out


def _combined_s3_coverage(targets: list[Target], inv: Inventory) -> float | None:
    if any(not t.scope3_categories for t in targets):
        return 100.0
    cats = sorted({cat for t in targets for cat in (t.scope3_categories or ())})
    year = min(t.base_year for t in targets)
    year = year if year in inv.years else min(inv.years)
    s3 = total(inv, year=year, scopes=(3,))
    return total(inv, year=year, scopes=(3,), scope3_categories=cats) / s3 * 100 if s3 else None


def verdict(checks: Iterable[Check]) -> bool | None:
    """True when no check failed and at least one passed; False when any failed; None if nothing could be judged."""
    checks = list(checks)
    if any(ch.passed is False for ch in checks):
        return False
    return True if any(ch.passed for ch in checks) else None

