"""Typed shape of the concept files (``frameworks/data/concepts/*.yaml``): what a data point asks for
and what text in a report satisfies it, in zh-TW and English, plus the general detectors the gap
check reports for every finding.

A framework data point names its concepts by id (``concepts: [frequency]`` in the framework YAML);
a user's own checklist question is matched to concepts by the ``asks`` patterns. Patterns are Python
regular expressions; ``{{name}}`` inserts a fragment of the same file set. Validation compiles every
pattern, so a broken one fails when the file is loaded, not when a report is checked.
"""
from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .schema import LocalizedText

# Named last checks on a hit, implemented by the gap check (disclosure/gap/concepts.py).
ACCEPT_CHECKS: tuple[str, ...] = ("consecutive_years",)
FRAGMENT_REF = re.compile(r"\{\{([a-z0-9_]+)\}\}")
PATTERN_FLAGS = re.I | re.S  # PDF tables break a cell over several lines


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Patterns(_Model):
    """Regular-expression alternatives per language; ``any`` holds patterns that work in both
    (fragments, codes such as RCP8.5). A text matches when any alternative does."""

    zh: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)
    any: list[str] = Field(default_factory=list)

    def alternatives(self) -> list[str]:
        return [*self.zh, *self.en, *self.any]

    @model_validator(mode="after")
    def _not_empty(self) -> Patterns:
        if not self.alternatives():
            raise ValueError("a pattern set needs at least one alternative (zh, en or any)")
        return self


# What kind of content a concept is, as raters see it: a ``topic`` is discussed in words; a
# ``specific`` is a named thing the text must state (a frequency, a named scenario, a method, a base
# year); a ``quantity`` is a figure with its unit; a ``financial`` concept is a money amount or effect.
ConceptKind = Literal["topic", "specific", "quantity", "financial"]
CONCEPT_KINDS: tuple[str, ...] = ("topic", "specific", "quantity", "financial")


class ConceptSpec(_Model):
    """Something a requirement can ask for, and how to see it in a report (see the file header of
    gap_concepts.yaml for the meaning of each field)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_]*$")
    asks: Patterns
    finds: Patterns
    near: list[str] = Field(default_factory=list)
    window: int = Field(default=80, ge=1, le=2000, description="characters either side of a hit for `near`")
    anywhere: bool = False
    weak: bool = False
    accept: str | None = None
    missing: LocalizedText
    kind: ConceptKind = "topic"

    @field_validator("accept")
    @classmethod
    def _known_check(cls, v: str | None) -> str | None:
        if v is not None and v not in ACCEPT_CHECKS:
            raise ValueError(f"unknown accept check {v!r}; expected one of {', '.join(ACCEPT_CHECKS)}")
        return v


class DetectorSpec(_Model):
    """A general detector (a tCO2e quantity, a scope, a base year …): its own patterns, or the
    ``finds`` of a concept."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_]*$")
    finds: Patterns | None = None
    concept: str | None = None

    @model_validator(mode="after")
    def _one_source(self) -> DetectorSpec:
        if (self.finds is None) == (self.concept is None):
            raise ValueError(f"detector {self.id!r} needs exactly one of `finds` or `concept`")
        return self


class ConceptsFile(_Model):
    version: int = 1
    fragments: dict[str, str] = Field(default_factory=dict)
    concepts: list[ConceptSpec] = Field(default_factory=list)
    detectors: list[DetectorSpec] = Field(default_factory=list)


Language = Literal["zh", "en"]


class ConceptSet(_Model):
    """All concept files merged: fragments, concepts and detectors by id, every pattern checked."""

    fragments: dict[str, str] = Field(default_factory=dict)
    concepts: list[ConceptSpec] = Field(default_factory=list)
    detectors: list[DetectorSpec] = Field(default_factory=list)

    @classmethod
    def merge(cls, files: list[ConceptsFile]) -> ConceptSet:
        fragments: dict[str, str] = {}
        for f in files:
            for k, v in f.fragments.items():
                if k in fragments and fragments[k] != v:
                    raise ValueError(f"fragment {k!r} is defined twice with different patterns")
                fragments[k] = v
        return cls(fragments=fragments, concepts=[c for f in files for c in f.concepts],
                   detectors=[d for f in files for d in f.detectors])

    def expand(self, pattern: str, _depth: int = 0) -> str:
        """``pattern`` with its ``{{fragment}}`` references replaced (fragments may use fragments)."""
        if _depth > 5:
            raise ValueError(f"fragments nest too deeply in {pattern!r}")

        def sub(m: re.Match) -> str:
            name = m.group(1)
            if name not in self.fragments:
                raise ValueError(f"unknown fragment {{{{{name}}}}}")
            return self.expand(self.fragments[name], _depth + 1)

        return FRAGMENT_REF.sub(sub, pattern)

    def regex(self, alternatives: list[str]) -> str:
        return "|".join(self.expand(a) for a in alternatives)

    @model_validator(mode="after")
    def _consistent(self) -> ConceptSet:
        ids = [c.id for c in self.concepts]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"concept ids defined twice: {', '.join(dupes)}")
        det = [d.id for d in self.detectors]
        if len(det) != len(set(det)):
            raise ValueError("detector ids must be unique")
        known = set(ids)
        for d in self.detectors:
            if d.concept is not None and d.concept not in known:
                raise ValueError(f"detector {d.id!r} names unknown concept {d.concept!r}")
        for c in self.concepts:
            for what, alts in (("asks", c.asks.alternatives()), ("finds", c.finds.alternatives()), ("near", c.near)):
                self._compiles(f"concept {c.id!r} {what}", alts)
        for d in self.detectors:
            if d.finds is not None:
                self._compiles(f"detector {d.id!r}", d.finds.alternatives())
        return self

    def _compiles(self, where: str, alternatives: list[str]) -> None:
        for a in alternatives:
            try:
                re.compile(self.expand(a), PATTERN_FLAGS)
            except (re.error, ValueError) as exc:
                raise ValueError(f"{where}: pattern {a!r} does not compile ({exc})") from None
