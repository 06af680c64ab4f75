"""Fact keys a questionnaire asks for (scope1_total, renewable_share, verification, …), resolved from
the GHG inventory (figures computed by the GHG engine cite the inventory cells they sum) or, without
an inventory, from figures and statements in the evidence passages (each cited).

Which fact an imported question asks for is data: ``frameworks/data/facts/fact_rules.yaml`` (patterns
in both languages, tried in order, validated by ``frameworks.fact_rule_schema``). The resolvers live
by topic in ``fact_emissions``, ``fact_energy``, ``fact_targets`` and ``fact_assurance``.

A fact that cannot be resolved is ``None`` — the caller then says "no evidence", never guesses.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..citing.statements import nfkc
from .fact_assurance import AssuranceFacts
from .fact_base import (FACT_KEYS, SCOPE12, FactResult, answer_citation, fact_citation, fmt0, fmt1,  # noqa: F401
                        min_conf)
from .fact_emissions import EmissionFacts
from .fact_energy import EnergyFacts
from .fact_targets import TargetFacts
from .models import Question

RULES_FILE = Path("facts") / "fact_rules.yaml"  # under the framework library's data directory


@dataclass(frozen=True)
class FactRules:
    """The compiled rules of one fact-rule file."""

    asks_figure: re.Pattern
    about_target: re.Pattern
    breakdown: re.Pattern
    breakdown_facts: frozenset[str]
    rules: tuple[tuple[str | None, re.Pattern, bool], ...]


@functools.lru_cache(maxsize=4)
def load_rules(path: Path | None = None) -> FactRules:
    """The fact rules of ``path`` (default: the shipped file), validated and compiled once."""
    from frameworks.library import DATA_DIR, load_fact_rules_file

    data = load_fact_rules_file(path or DATA_DIR / RULES_FILE)
    flags = re.I | re.S
    return FactRules(re.compile(data.asks_figure, re.I), re.compile(data.about_target, re.I),
                     re.compile(data.breakdown, re.I), frozenset(data.breakdown_facts),
                     tuple((r.fact, re.compile(r.pattern, flags), r.needs_figure) for r in data.rules))


def infer_fact(q: Question, rules: FactRules | None = None) -> str | None:
    """The fact an imported question asks for, from its words (conservative: figure facts only for
    number/table questions or questions that ask for a figure)."""
    rules = rules or load_rules()
    text = nfkc(q.text)
    asks_figure = q.answer_type in ("number", "table") or bool(rules.asks_figure.search(text)) or bool(q.unit)
    for fact, rx, need_figure in rules.rules:
        if rx.search(text) and (asks_figure or not need_figure):
            if fact is None:
                return None
            if need_figure and rules.about_target.search(text):
                continue
            if rules.breakdown.search(text) and fact not in rules.breakdown_facts:
                return None
            if fact == "scope3_by_category" and q.answer_type not in ("table", "text"):
                continue
            return fact
    return None


_PER_QUESTION = frozenset({"total_scope12", "scope2", "base_year_emissions", "near_term_target", "net_zero_target"})


class FactResolver(EmissionFacts, EnergyFacts, TargetFacts, AssuranceFacts):
    """Resolves fact keys for one questionnaire run: ``resolve("scope1_total", q)`` calls
    ``fact_scope1_total(q)`` once per (fact, year) and remembers the result."""

    def resolve(self, fact: str, q: Question) -> FactResult | None:
        """The fact for question ``q``, or None when neither the inventory nor the evidence gives it."""
        fn: Callable[[Question], FactResult | None] | None = getattr(self, f"fact_{fact}", None)
        if fn is None:
            return None
        # facts read for the question's own words (which scope, which method) are cached per question
        asked = (q.text, q.text_alt, q.answer_type) if fact in _PER_QUESTION else ""
        key = (fact, self.year_for(q), asked)
        if key not in self._cache:
            self._cache[key] = fn(q)
        return self._cache[key]
