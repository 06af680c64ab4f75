"""Concepts compiled from their YAML (frameworks/data/concepts/*.yaml): what a requirement can ask
for and how to see it in a report. The data is validated by ``frameworks.concept_schema``; this
module turns it into regular expressions and runs them.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frameworks.concept_schema import ACCEPT_CHECKS, PATTERN_FLAGS, ConceptSet

from ..language import is_zh

if TYPE_CHECKING:  # pragma: no cover
    from frameworks.library import FrameworkLibrary

_WRAP = re.compile(r"(?<=[\u3400-\u9fff，、（「])\n(?=[\u3400-\u9fff，。、）」])")


def join_wrapped_lines(text: str) -> str:
    """Undo the line wraps PDF extraction puts inside a Chinese sentence ("中期\n而言" → "中期而言")."""
    return _WRAP.sub("", text)


def consecutive_years(text: str) -> bool:
    """Three or more consecutive years (2019 2020 2021): a historical series, not scenario horizons (2030 2050)."""
    years = [int(y) for y in re.findall(r"(?:19|20)\d\d", text)]
    run = 1
    for a, b in zip(years, years[1:]):
        run = run + 1 if b == a + 1 else 1
        if run >= 3:
            return True
    return False


# The named checks a concept's ``accept`` may use (the schema lists the same names).
ACCEPT: dict[str, Callable[[str], bool]] = {"consecutive_years": consecutive_years}
assert set(ACCEPT) == set(ACCEPT_CHECKS), "concept_schema.ACCEPT_CHECKS and gap.concepts.ACCEPT disagree"


@dataclass(frozen=True)
class Concept:
    """Something a requirement can ask for, and how to see it in a report.

    ``asks`` runs on a checklist question; ``finds`` on the report. ``near`` (optional) must match
    within ``window`` characters of the hit. ``anywhere``: the hit identifies its topic by itself,
    so it counts wherever it is in the body; otherwise it must sit in a passage retrieved for the
    requirement. ``weak`` concepts are too common in any climate report to decide an item alone."""

    name: str
    asks: re.Pattern
    finds: re.Pattern
    missing_en: str
    missing_zh: str
    near: re.Pattern | None = None
    window: int = 80
    anywhere: bool = False
    weak: bool = False
    accept: Callable[[str], bool] | None = None
    kind: str = "topic"

    @property
    def missing(self) -> str:
        return self.missing_en

    def missing_in(self, lang: str) -> str:
        return self.missing_zh if is_zh(lang) else self.missing_en

    def hits(self, text: str) -> Iterable[str]:
        text = join_wrapped_lines(text)
        for m in self.finds.finditer(text):
            if self.accept is not None and not self.accept(m.group(0)):
                continue
            if self.near is None or self.near.search(text[max(0, m.start() - self.window): m.end() + self.window]):
                yield m.group(0)

    def first_hit(self, text: str) -> str | None:
        return next(iter(self.hits(text)), None)


class ConceptCatalog:
    """The concepts and detectors of one concept set, compiled."""

    def __init__(self, spec: ConceptSet):
        def rx(alternatives: list[str]) -> re.Pattern:
            return re.compile(spec.regex(alternatives), PATTERN_FLAGS)

        self.concepts: tuple[Concept, ...] = tuple(
            Concept(c.id, rx(c.asks.alternatives()), rx(c.finds.alternatives()), c.missing.en, c.missing.zh,
                    near=rx(c.near) if c.near else None, window=c.window, anywhere=c.anywhere, weak=c.weak,
                    accept=ACCEPT[c.accept] if c.accept else None, kind=c.kind)
            for c in spec.concepts)
        self.by_name: dict[str, Concept] = {c.name: c for c in self.concepts}
        self.detectors: dict[str, re.Pattern] = {
            d.id: self.by_name[d.concept].finds if d.concept else rx(d.finds.alternatives()) for d in spec.detectors}
        # Concepts whose hits identify their topic by themselves: how many a report has at all measures
        # how much specific, checkable content it carries (its "disclosure maturity").
        self.maturity_names: tuple[str, ...] = tuple(c.name for c in self.concepts if c.anywhere)

    def __getitem__(self, name: str) -> Concept:
        return self.by_name[name]

    def __contains__(self, name: object) -> bool:
        return name in self.by_name

    def concepts_in(self, text: str, exclude: Iterable[str] = ()) -> tuple[str, ...]:
        """Concepts whose ``asks`` patterns match ``text`` (a checklist question)."""
        skip = set(exclude)
        return tuple(c.name for c in self.concepts if c.name not in skip and c.asks.search(text))


@functools.lru_cache(maxsize=8)
def _catalog_for(library_id: int, library: "FrameworkLibrary") -> ConceptCatalog:
    return ConceptCatalog(library.concept_set())


def concept_catalog(library: "FrameworkLibrary | None" = None) -> ConceptCatalog:
    """The compiled concepts of ``library`` (default: the bundled framework library)."""
    from frameworks import library as lib

    library = library or lib.default_library()
    return _catalog_for(id(library), library)
