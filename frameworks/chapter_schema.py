"""Typed shape of ``frameworks/data/drafting/chapter_slots.yaml``: the pieces of information a
chapter states (slots), which framework data points each slot fills, and the titled topics a
chapter groups its slots into. Links are ids: a slot named by a topic or a data point must exist."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

PILLARS = ("governance", "strategy", "risk-management", "metrics-targets")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SlotSpec(_Model):
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)
    writer: str = "narrative"
    # A sentence fills the slot when it holds one term of every group (AND of ORs), in either language.
    require: list[list[str]] = Field(default_factory=list)
    query_zh: str = ""
    query_en: str = ""
    max_sentences: int = Field(default=1, ge=1, le=10)
    exclude: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _groups_not_empty(self) -> "SlotSpec":
        if any(not g or not all(t.strip() for t in g) for g in self.require):
            raise ValueError("a require group needs at least one non-empty term")
        return self


class TopicSpec(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)
    pillar: str = "metrics-targets"
    slots: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _pillar_known(self) -> "TopicSpec":
        if self.pillar not in PILLARS:
            raise ValueError(f"unknown pillar '{self.pillar}' (use one of {', '.join(PILLARS)})")
        return self


class ChapterSlotsFile(_Model):
    slots: dict[str, SlotSpec]
    data_point_slots: dict[str, str] = Field(default_factory=dict)
    chapter_topics: dict[str, list[TopicSpec]]

    @model_validator(mode="after")
    def _links_resolve(self) -> "ChapterSlotsFile":
        unknown = sorted({s for topics in self.chapter_topics.values() for t in topics for s in t.slots} - set(self.slots))
        unknown += sorted({s for s in self.data_point_slots.values() if s} - set(self.slots))
        if unknown:
            raise ValueError(f"unknown slot id(s): {', '.join(dict.fromkeys(unknown))}")
        return self
