"""The metric vocabulary (``metrics.yaml``): what a figure measures, read from a label.

A label is a table row label (with the table's caption as context) or the words before a figure
in a sentence. :func:`match_metric` returns the metric id (``scope1``, ``scope3_cat12``,
``iso_cat3``, ``water_withdrawal`` …) or None.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, field_validator

VOCABULARY_FILE = Path(__file__).with_name("metrics.yaml")

Dimension = Literal["emissions", "energy", "water", "percent", "money", "count", "intensity", "target", "year", "text"]


class MetricSpec(BaseModel):
    """One metric of the vocabulary. ``{n}`` in a label stands for a category number."""

    id: str
    en: str
    zh: str
    dimension: Dimension
    patterns: list[str] = Field(default_factory=list)
    weak_patterns: list[str] = Field(default_factory=list, description="taken only when no metric's pattern matches")
    exclude: list[str] = Field(default_factory=list)
    allow: list[str] = Field(default_factory=list, description="common_exclude rules that do not apply")
    breakdown_of: str | None = None
    named: dict[int, str] = Field(default_factory=dict, description="category number → pattern of its name")
    named_context: str | None = Field(default=None, description="a label must match this for a name to count")

    @field_validator("patterns", "weak_patterns", "exclude")
    @classmethod
    def _compiles(cls, v: list[str]) -> list[str]:
        for p in v:
            re.compile(p)
        return v

    @property
    def numbered(self) -> bool:
        return "{n}" in self.en


class Vocabulary(BaseModel):
    common_exclude: dict[str, str]
    metrics: list[MetricSpec]

    @field_validator("metrics")
    @classmethod
    def _unique(cls, v: list[MetricSpec]) -> list[MetricSpec]:
        ids = [m.id for m in v]
        if len(ids) != len(set(ids)):
            raise ValueError("metric ids must be unique")
        return v

    def spec(self, metric_id: str) -> MetricSpec | None:
        """The spec of a metric id; ``scope3_cat12`` → the ``scope3_category`` spec."""
        base = re.sub(r"_cat\d+$", "_category", metric_id)
        return next((m for m in self.metrics if m.id in (metric_id, base)), None)


@lru_cache(maxsize=1)
def load_vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    return Vocabulary.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[MetricSpec, list[re.Pattern], list[re.Pattern], dict[int, re.Pattern]]]:
    voc = load_vocabulary()
    out = []
    for m in voc.metrics:
        excl = [re.compile(p, re.I) for p in m.exclude]
        excl += [re.compile(p, re.I) for name, p in voc.common_exclude.items() if name not in m.allow]
        out.append((m, [re.compile(p, re.I) for p in m.patterns], excl, {k: re.compile(v, re.I) for k, v in m.named.items()},
                    [re.compile(p, re.I) for p in m.weak_patterns], re.compile(m.named_context, re.I) if m.named_context else None))
    return out


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "")


def metric_id(spec: MetricSpec, n: int | None) -> str:
    if spec.id == "scope3_category":
        return f"scope3_cat{n}"
    if spec.id == "iso_category":
        return f"iso_cat{n}"
    return spec.id


def match_metric(label: str, *, dimensions: tuple[str, ...] | None = None, excluding: bool = True) -> str | None:
    """The metric a label names, most specific first (``scope2_market`` before ``scope2``), or None.

    ``dimensions`` keeps only metrics of those unit dimensions (a tCO2e figure is an emissions metric);
    ``excluding`` applies the exclusions (a change, a target, an intensity is not the metric itself)."""
    text = _nfkc(label)
    weak: str | None = None
    for spec, pats, excl, named, weak_pats, named_ctx in _compiled():
        if dimensions is not None and spec.dimension not in dimensions:
            continue
        if excluding and any(x.search(text) for x in excl):
            continue
        for p in pats:
            m = p.search(text)
            if m:
                n = int(m.group("n")) if "n" in p.groupindex and m.group("n") else None
                if spec.numbered and n is None:
                    continue
                return metric_id(spec, n)
        if named and (named_ctx is None or named_ctx.search(text)):
            for n, rx in named.items():
                if rx.search(text):
                    return metric_id(spec, n)
        if weak is None and any(p.search(text) for p in weak_pats):
            weak = spec.id
    return weak


def label_of(metric: str, zh: bool) -> str:
    """The display label of a metric id ('scope3_cat12' → 'Scope 3 category 12 emissions')."""
    spec = load_vocabulary().spec(metric)
    if spec is None:
        return metric
    m = re.search(r"_cat(\d+)$", metric)
    text = spec.zh if zh else spec.en
    return text.replace("{n}", m.group(1)) if m else text


def dimension_of(metric: str) -> str | None:
    spec = load_vocabulary().spec(metric)
    return spec.dimension if spec else None


def parent_of(metric: str) -> str | None:
    spec = load_vocabulary().spec(metric)
    return spec.breakdown_of if spec else None
