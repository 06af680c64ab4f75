"""Typed GHG inventory data: emission records with provenance, row issues, operating data.

Scope ↔ category mapping follows ISO 14064-1:2018 (categories 1–6) and the GHG Protocol
(Scopes 1–3, Scope 3 categories 1–15), the way Taiwan's inventory guidance pairs them.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Scope2Method = Literal["location", "market"]

ISO_CATEGORY_NAMES: dict[int, tuple[str, str]] = {
    1: ("直接溫室氣體排放與移除", "Direct GHG emissions and removals"),
    2: ("輸入能源之間接排放", "Indirect emissions from imported energy"),
    3: ("運輸之間接排放", "Indirect emissions from transportation"),
    4: ("組織使用產品之間接排放", "Indirect emissions from products used by the organisation"),
    5: ("使用組織產品之間接排放", "Indirect emissions associated with the use of the organisation's products"),
    6: ("其他來源之間接排放", "Indirect emissions from other sources"),
}

SCOPE3_CATEGORY_NAMES: dict[int, tuple[str, str]] = {
    1: ("購買的商品與服務", "Purchased goods and services"),
    2: ("資本財", "Capital goods"),
    3: ("燃料與能源相關活動", "Fuel- and energy-related activities"),
    4: ("上游運輸與配送", "Upstream transportation and distribution"),
    5: ("營運產生的廢棄物", "Waste generated in operations"),
    6: ("商務差旅", "Business travel"),
    7: ("員工通勤", "Employee commuting"),
    8: ("上游租賃資產", "Upstream leased assets"),
    9: ("下游運輸與配送", "Downstream transportation and distribution"),
    10: ("售出產品的加工", "Processing of sold products"),
    11: ("售出產品的使用", "Use of sold products"),
    12: ("售出產品的最終處理", "End-of-life treatment of sold products"),
    13: ("下游租賃資產", "Downstream leased assets"),
    14: ("加盟", "Franchises"),
    15: ("投資", "Investments"),
}

# Default Scope 3 category → ISO 14064-1 category, as Taiwan's inventory guidance pairs them.
# Only used when a row gives no ISO category of its own.
SCOPE3_TO_ISO: dict[int, int] = {
    1: 4, 2: 4, 3: 4, 5: 4, 8: 4,
    4: 3, 6: 3, 7: 3, 9: 3,
    10: 5, 11: 5, 12: 5, 13: 5,
    14: 6, 15: 6,
}


def iso_category_for(scope: int, scope3_category: int | None) -> int | None:
    """Default ISO 14064-1 category of a GHG Protocol scope (and Scope 3 category)."""
    if scope == 1:
        return 1
    if scope == 2:
        return 2
    if scope == 3 and scope3_category:
        return SCOPE3_TO_ISO.get(scope3_category)
    return None


def scope_for_iso_category(iso_category: int) -> int:
    """GHG Protocol scope of an ISO 14064-1 category (3–6 are all Scope 3)."""
    return {1: 1, 2: 2}.get(iso_category, 3)


class Provenance(BaseModel):
    """Where a value was read: file, sheet, row and cell (Excel A1 reference when known)."""

    file: str
    sheet: str | None = None
    row: int | None = Field(default=None, description="1-based row in the sheet / line in the CSV")
    cell: str | None = Field(default=None, description="e.g. 'M5' — the cell the emissions value came from")

    def label(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.cell:
            parts.append(f"cell {self.cell}")
        elif self.row is not None:
            parts.append(f"row {self.row}")
        return ", ".join(parts)


class EmissionRecord(BaseModel):
    """One inventory row: an emission source × gas × year, with what was stated and what we computed."""

    year: int
    facility: str | None = None
    scope: Literal[1, 2, 3]
    iso_category: int | None = Field(default=None, ge=1, le=6)
    scope3_category: int | None = Field(default=None, ge=1, le=15)
    source: str = ""
    gas: str = "CO2e"
    activity: float | None = None
    activity_unit: str | None = None
    factor: float | None = None
    factor_unit: str | None = None
    gwp: float | None = None
    stated_tco2e: float | None = None
    computed_tco2e: float | None = None
    scope2_method: Scope2Method | None = None
    data_source: str | None = None
    provenance: Provenance

    @property
    def tco2e(self) -> float:
        """The figure used in totals: the stated emissions, or the recomputed ones when none was stated."""
        if self.stated_tco2e is not None:
            return self.stated_tco2e
        return self.computed_tco2e or 0.0

    def counts_for(self, scope2_method: Scope2Method) -> bool:
        """Whether this row belongs to the view with the given Scope 2 method.

        Scope 2 rows carry a method; a Scope 2 row without one counts in both views (a file that
        reports only one Scope 2 figure). Scope 1 and 3 rows count in both.
        """
        return self.scope != 2 or self.scope2_method is None or self.scope2_method == scope2_method


IssueKind = Literal[
    "emissions_mismatch", "gwp_differs", "unit_mismatch", "unknown_gas", "not_recomputed", "unreadable_value",
]


class RowIssue(BaseModel):
    """Something a reviewer should look at in one inventory row."""

    kind: IssueKind
    message: str
    provenance: Provenance
    stated: float | None = None
    computed: float | None = None
    difference: float | None = None


class OperatingData(BaseModel):
    """Denominators for intensity: revenue and production of one year."""

    year: int
    revenue: float | None = Field(default=None, description="in revenue_unit (default NT$ million)")
    revenue_unit: str = "NT$ million"
    production: float | None = None
    production_unit: str = "thousand units"


class Inventory(BaseModel):
    """A read inventory: records, denominators for intensity, and the issues found while reading."""

    source: str
    records: list[EmissionRecord]
    operating: dict[int, OperatingData] = Field(default_factory=dict)
    issues: list[RowIssue] = Field(default_factory=list)
    gwp_report: str = "AR5"
    sheets: dict[str, str] = Field(default_factory=dict, description="role → sheet name actually read")

    @property
    def years(self) -> list[int]:
        return sorted({r.year for r in self.records})

    @property
    def facilities(self) -> list[str]:
        return sorted({r.facility for r in self.records if r.facility})
