"""Typed shape of ``frameworks/data/facts/fact_rules.yaml``: which fact key an imported questionnaire
question asks for, read from its words. Every pattern compiles when the file is loaded, and every fact
named is one of the agreed fact keys, so a typo is refused at load time, not when a question is
answered."""
from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# the agreed keys (questionnaire sets name them) plus "scope2", which a rule may name for a question
# that asks for Scope 2 without saying location- or market-based
from .questionnaires import FACT_KEYS

RULE_FACTS = (*FACT_KEYS, "scope2")


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern, re.I | re.S)
    except re.error as exc:
        raise ValueError(f"pattern does not compile: {exc}") from exc
    return pattern


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FactRule(_Model):
    fact: str | None  # None stops inference: the question is about something no fact key answers
    pattern: str = Field(min_length=1)
    needs_figure: bool = False

    @field_validator("pattern")
    @classmethod
    def _pattern_compiles(cls, v: str) -> str:
        return _compiles(v)

    @field_validator("fact")
    @classmethod
    def _fact_known(cls, v: str | None) -> str | None:
        if v is not None and v not in RULE_FACTS:
            raise ValueError(f"unknown fact {v!r}; expected one of {', '.join(RULE_FACTS)}")
        return v


class FactRulesFile(_Model):
    asks_figure: str = Field(min_length=1)
    about_target: str = Field(min_length=1)
    breakdown: str = Field(min_length=1)
    breakdown_facts: list[str] = Field(default_factory=list)
    rules: list[FactRule] = Field(min_length=1)

    @field_validator("asks_figure", "about_target", "breakdown")
    @classmethod
    def _patterns_compile(cls, v: str) -> str:
        return _compiles(v)

    @model_validator(mode="after")
    def _breakdown_facts_known(self) -> "FactRulesFile":
        unknown = [f for f in self.breakdown_facts if f not in RULE_FACTS]
        if unknown:
            raise ValueError(f"unknown fact(s) in breakdown_facts: {', '.join(unknown)}")
        return self
