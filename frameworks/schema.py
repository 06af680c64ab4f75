"""Typed shape of the framework library: frameworks, requirements, data points, chapters, crosswalk
groups and the SBTi target rules.

Every YAML file under ``frameworks/data/`` is validated against these models when it is loaded.
Descriptions in the data are our own words; codes, official short titles and numbers are facts.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator, model_validator

Pillar = Literal["governance", "strategy", "risk-management", "metrics-targets"]
PILLARS: tuple[str, ...] = ("governance", "strategy", "risk-management", "metrics-targets")

# The report chapters the drafting engine writes, in report order (titles live in chapters.yaml).
CHAPTER_IDS: tuple[str, ...] = (
    "governance",
    "risk-strategy",
    "ghg-inventory",
    "targets-transition",
    "reduction-renewables",
    "carbon-neutrality",
    "supply-chain",
)

DataPointKind = Literal["narrative", "quantity", "year", "yes_no", "list", "date", "percentage"]
Status = Literal["active", "upcoming", "withdrawn"]
# Questionnaire answer types (CDP's MATRIX is a table, RICH_TEXT is text, NUMERIC is number).
AnswerType = Literal["text", "number", "table", "single_select", "multi_select"]
FrameworkKind = Literal["standard", "recommendations", "questionnaire", "criteria", "regulation", "checklist"]

_ID_FORBIDDEN = re.compile(r"[:\n\r\t]")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalizedText(_Model):
    """A text in English and Traditional Chinese as used in Taiwan; both are required.

    The one bilingual text of the project: framework data writes the Chinese under ``zh``,
    questionnaire sets under ``zh-TW``; both keys (and ``zh_TW``) are read.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    en: str
    zh: str = Field(validation_alias=AliasChoices("zh", "zh-TW", "zh_TW"))

    @field_validator("en", "zh")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        v = v.strip()
        if not v:
            raise ValueError("must not be empty")
        return v

    @property
    def zh_TW(self) -> str:  # noqa: N802 - the questionnaire code's name for the Chinese text
        return self.zh

    def get(self, lang: str | None = "en") -> str:
        """The text in ``lang`` ('en', 'zh', 'zh-TW'); English when ``lang`` is None or unknown."""
        return self.zh if lang and lang.lower().startswith("zh") else self.en


class SearchHints(_Model):
    """Keywords and phrases that find this item in a report, per language."""

    en: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)

    @field_validator("en", "zh", mode="before")
    @classmethod
    def _clean(cls, v: Any) -> list[str]:
        out: list[str] = []
        for s in v or []:
            s = str(s).strip()
            if s and s not in out:
                out.append(s)
        return out

    def get(self, lang: str | None) -> list[str]:
        if lang is None:
            return [*self.en, *self.zh]
        return self.zh if lang.lower().startswith("zh") else self.en


class DataPoint(_Model):
    """One piece of information a requirement asks for.

    ``required`` is False exactly when the data point is conditional; ``condition`` then says when it
    applies (e.g. "where the entity has contractual instruments").
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_]*$")
    name: LocalizedText
    kind: DataPointKind
    unit: str | None = None
    required: bool = True
    condition: str | None = None
    # What the gap check looks for to see this data point in a report: concept ids of
    # frameworks/data/concepts/*.yaml. Empty: a narrative data point, judged by the topical match.
    concepts: list[str] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _conditional_means_not_required(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and data.get("condition"):
            if data.get("required") is True:
                raise ValueError(f"data point {data.get('id')!r} has a condition, so it cannot be required")
            data = {**data, "required": False}
        if isinstance(data, Mapping) and data.get("kind") == "percentage" and not data.get("unit"):
            data = {**data, "unit": "%"}
        return data

    @model_validator(mode="after")
    def _quantity_has_unit(self) -> DataPoint:
        if self.kind == "quantity" and not self.unit:
            raise ValueError(f"quantity data point {self.id!r} needs a unit (e.g. tCO2e, MWh, GJ)")
        return self


class Requirement(_Model):
    """One disclosure requirement, recommended disclosure, questionnaire item or checklist item."""

    id: str
    framework: str
    title: LocalizedText
    description: LocalizedText
    pillar: Pillar | None = None
    chapter: str | None = None
    section: str | None = None
    data_points: list[DataPoint] = Field(default_factory=list)
    search_hints: SearchHints = Field(default_factory=SearchHints)
    status: Status = "active"
    effective: date | None = None
    answer_type: AnswerType | None = None
    legacy_ids: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    replaces: list[str] = Field(default_factory=list)
    notes: str | None = None
    # Concepts the requirement asks for as a whole (each one needed on its own), besides those of its
    # data points; ids of frameworks/data/concepts/*.yaml.
    concepts: list[str] = Field(default_factory=list)
    # Filled by the library from crosswalk.yaml (never written in a framework file): "framework:id" refs.
    crosswalk: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _valid_id(cls, v: str) -> str:
        if not v or v != v.strip() or _ID_FORBIDDEN.search(v):
            raise ValueError(f"requirement id {v!r} must be non-empty, trimmed and contain no ':'")
        return v

    @field_validator("chapter")
    @classmethod
    def _known_chapter(cls, v: str | None) -> str | None:
        if v is not None and v not in CHAPTER_IDS:
            raise ValueError(f"unknown chapter {v!r}; expected one of {', '.join(CHAPTER_IDS)}")
        return v

    @model_validator(mode="after")
    def _unique_data_points(self) -> Requirement:
        ids = [d.id for d in self.data_points]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"requirement {self.id!r} repeats data point ids: {', '.join(dupes)}")
        return self

    @property
    def ref(self) -> str:
        """The library-wide reference, ``framework:id``."""
        return f"{self.framework}:{self.id}"

    def to_record(self) -> dict[str, Any]:
        """A flat, JSON-ready view (the shape the CLI and the UI print)."""
        return {
            "ref": self.ref,
            "id": self.id,
            "framework": self.framework,
            "title_en": self.title.en,
            "title_zh": self.title.zh,
            "description_en": self.description.en,
            "description_zh": self.description.zh,
            "pillar": self.pillar,
            "chapter": self.chapter,
            "section": self.section,
            "status": self.status,
            "effective": self.effective.isoformat() if self.effective else None,
            "answer_type": self.answer_type,
            "legacy_ids": list(self.legacy_ids),
            "aliases": list(self.aliases),
            "replaces": list(self.replaces),
            "data_points": [d.model_dump(mode="json") for d in self.data_points],
            "concepts": list(self.concepts),
            "search_hints": self.search_hints.model_dump(mode="json"),
            "crosswalk": list(self.crosswalk),
            "notes": self.notes,
        }


class Section(_Model):
    """A group of requirements inside one framework (a TCFD pillar, a CDP module, a GRI standard)."""

    id: str
    title: LocalizedText
    pillar: Pillar | None = None


class NamedItem(_Model):
    """An entry of a reference list (TCFD metric categories, Scope 3 categories, SASB industries…)."""

    id: str
    name: LocalizedText
    description: LocalizedText | None = None


class Source(_Model):
    publisher: str
    title: str
    year: int
    url: str


class PhaseInTier(_Model):
    """One tier of a phase-in schedule, keyed by paid-in capital (NT$ billion) and/or industry.

    ``milestones`` maps a milestone name to the year it applies from (see the schedule's ``basis``).
    """

    id: str
    label: LocalizedText
    min_capital_twd_bn: float | None = None  # inclusive
    max_capital_twd_bn: float | None = None  # exclusive
    industries: list[str] = Field(default_factory=list)
    milestones: dict[str, int]

    def matches(self, paid_in_capital_twd_bn: float, industry: str | None = None) -> bool:
        if industry and industry.lower() in {i.lower() for i in self.industries}:
            return True
        lo_ok = self.min_capital_twd_bn is None or paid_in_capital_twd_bn >= self.min_capital_twd_bn
        hi_ok = self.max_capital_twd_bn is None or paid_in_capital_twd_bn < self.max_capital_twd_bn
        return lo_ok and hi_ok


class PhaseIn(_Model):
    """A regulator's phase-in schedule (e.g. Taiwan FSC adoption of IFRS S2 by capital tier)."""

    id: str
    title: LocalizedText
    basis: str
    source: str
    tiers: list[PhaseInTier]

    def tier_for(self, paid_in_capital_twd_bn: float, industry: str | None = None) -> PhaseInTier:
        """The first tier that applies (industry-specific tiers come first in the data)."""
        for tier in self.tiers:
            if tier.matches(paid_in_capital_twd_bn, industry):
                return tier
        raise ValueError(f"no tier of {self.id} covers paid-in capital {paid_in_capital_twd_bn} bn")


Operator = Literal[">=", "<=", ">", "<", "=="]


class RuleThreshold(_Model):
    """A machine-checkable bound, e.g. ``scope12_coverage_pct >= 95 %``."""

    quantity: str = Field(pattern=r"^[a-z0-9_]+$")
    operator: Operator
    value: float
    unit: str

    def check(self, actual: float) -> bool:
        a, v = float(actual), self.value
        return {
            ">=": a >= v,
            "<=": a <= v,
            ">": a > v,
            "<": a < v,
            "==": a == v,
        }[self.operator]


class SbtiRule(_Model):
    """One SBTi target-validation criterion as numbers a GHG engine can check."""

    id: str
    target_type: Literal["near_term", "long_term", "net_zero"]
    scopes: list[Literal["scope1", "scope2", "scope3"]]
    title: LocalizedText
    description: LocalizedText
    ambition: Literal["1.5C", "well_below_2C"] | None = None
    applies_when: RuleThreshold | None = None
    thresholds: list[RuleThreshold] = Field(min_length=1)
    criterion: str | None = None
    source: str

    def threshold(self, quantity: str) -> RuleThreshold:
        for t in self.thresholds:
            if t.quantity == quantity:
                return t
        raise KeyError(f"rule {self.id} has no threshold on {quantity!r}")

    def value(self, quantity: str) -> float:
        """The number of the threshold on ``quantity`` (e.g. 4.2 for ``annual_linear_reduction_pct``)."""
        return self.threshold(quantity).value

    def applies(self, values: Mapping[str, float]) -> bool:
        if self.applies_when is None:
            return True
        if self.applies_when.quantity not in values:
            raise KeyError(f"rule {self.id} needs {self.applies_when.quantity!r} to decide whether it applies")
        return self.applies_when.check(values[self.applies_when.quantity])

    def check(self, values: Mapping[str, float]) -> bool | None:
        """True when every threshold holds, False when one fails, None when the rule does not apply.

        Raises KeyError naming the first quantity missing from ``values``.
        """
        if not self.applies(values):
            return None
        for t in self.thresholds:
            if t.quantity not in values:
                raise KeyError(f"rule {self.id} needs {t.quantity!r}")
            if not t.check(values[t.quantity]):
                return False
        return True


def normalize_key(text: str) -> str:
    """Key for requirement ids and aliases: case-, width- and space-insensitive ("mt-b" == "MT-b",
    "29 (a)(i)" == "29(a)(i)"). Dots, dashes and brackets stay significant: CDP 7.1.1 is not 7.11."""
    t = unicodedata.normalize("NFKC", text).lower()
    t = re.sub(r"[\u2010-\u2015\u2212_]", "-", t)
    return re.sub(r"\s+", "", t)


def framework_key(text: str) -> str:
    """Looser key for framework ids and aliases: "IFRS S2" == "ifrs_s2" == "ifrs-s2"."""
    t = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\s_\-./:]+", "", t)


class Framework(_Model):
    """One framework file: metadata, reference lists and its requirements."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$")
    name: LocalizedText
    kind: FrameworkKind = "standard"
    version: str
    source: Source | None = None
    status: Status = "active"
    effective: date | None = None
    withdrawn: date | None = None
    superseded_by: str | None = None
    aliases: list[str] = Field(default_factory=list)
    notes: list[LocalizedText] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    lists: dict[str, list[NamedItem]] = Field(default_factory=dict)
    phase_ins: list[PhaseIn] = Field(default_factory=list)
    rules: list[SbtiRule] = Field(default_factory=list)
    requirements: list[Requirement] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _stamp_framework_id(cls, data: Any) -> Any:
        # A framework file does not repeat its id on every requirement; fill it in, and refuse a
        # mismatch or a crosswalk written into the file (the crosswalk lives in crosswalk.yaml).
        if not isinstance(data, Mapping):
            return data
        fid = data.get("id")
        reqs = []
        for r in data.get("requirements") or []:
            if isinstance(r, Mapping):
                if r.get("framework") not in (None, fid):
                    raise ValueError(f"requirement {r.get('id')!r} says framework {r.get('framework')!r}, file is {fid!r}")
                r = {**r, "framework": fid}
            reqs.append(r)
        return {**data, "requirements": reqs}

    @model_validator(mode="after")
    def _check_consistency(self) -> Framework:
        if self.status == "withdrawn" and self.withdrawn is None:
            raise ValueError(f"framework {self.id!r} is withdrawn but has no 'withdrawn' date")
        section_ids = {s.id for s in self.sections}
        seen: set[str] = set()
        for r in self.requirements:
            if self.sections and r.section is not None and r.section not in section_ids:
                raise ValueError(f"requirement {r.id!r} names unknown section {r.section!r}")
            k = normalize_key(r.id)
            if k in seen:
                raise ValueError(f"{self.id}: duplicate requirement id {r.id!r}")
            seen.add(k)
        owner: dict[str, str] = {}
        for r in self.requirements:
            for key_text in (r.id, *r.aliases):
                k = normalize_key(key_text)
                if owner.get(k, r.id) != r.id:
                    raise ValueError(f"{self.id}: id/alias {key_text!r} of {r.id!r} collides with {owner[k]!r}")
                owner[k] = r.id
        rule_ids = [r.id for r in self.rules]
        if len(rule_ids) != len(set(rule_ids)):
            raise ValueError(f"{self.id}: duplicate rule ids")
        return self

    def find(self, requirement_id: str) -> Requirement | None:
        """The requirement with this id or alias (case-, width- and space-insensitive)."""
        key = normalize_key(requirement_id)
        for r in self.requirements:
            if normalize_key(r.id) == key or any(normalize_key(a) == key for a in r.aliases):
                return r
        return None

    @property
    def is_active(self) -> bool:
        return self.status == "active"


class Chapter(_Model):
    """A chapter of the net-zero report the drafting engine writes."""

    id: str
    title: LocalizedText
    description: LocalizedText
    pillars: list[Pillar] = Field(min_length=1)
    requirements: list[str] = Field(default_factory=list)  # optional explicit order, "framework:id" refs

    @field_validator("id")
    @classmethod
    def _known(cls, v: str) -> str:
        if v not in CHAPTER_IDS:
            raise ValueError(f"unknown chapter id {v!r}; expected one of {', '.join(CHAPTER_IDS)}")
        return v

    @property
    def pillar(self) -> str:
        """The chapter's main TCFD pillar."""
        return self.pillars[0]


class CrosswalkGroup(_Model):
    """Requirements of different frameworks that ask for the same information; every member links to
    every other member (so the crosswalk is symmetric by construction)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]*$")
    title: LocalizedText
    members: list[str] = Field(min_length=2)
    notes: str | None = None

    @field_validator("members")
    @classmethod
    def _refs(cls, v: list[str]) -> list[str]:
        for ref in v:
            if ":" not in ref:
                raise ValueError(f"crosswalk member {ref!r} is not a 'framework:id' reference")
        if len(set(v)) != len(v):
            raise ValueError("crosswalk group lists a member twice")
        return v


class CrosswalkFile(_Model):
    version: str
    groups: list[CrosswalkGroup]

    @model_validator(mode="after")
    def _unique_groups(self) -> CrosswalkFile:
        ids = [g.id for g in self.groups]
        if len(ids) != len(set(ids)):
            raise ValueError("crosswalk group ids must be unique")
        return self


class ChaptersFile(_Model):
    version: str
    chapters: list[Chapter]

    @model_validator(mode="after")
    def _all_chapters(self) -> ChaptersFile:
        ids = [c.id for c in self.chapters]
        if sorted(ids) != sorted(CHAPTER_IDS) or len(ids) != len(set(ids)):
            raise ValueError(f"chapters.yaml must define each of {', '.join(CHAPTER_IDS)} exactly once")
        return self
