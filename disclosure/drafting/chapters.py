"""Chapter definitions: which requirements a chapter covers (from the framework library's ``chapter``
field and crosswalk), how they are grouped into topics a report reader expects, and the TCFD /
IFRS S2 climate report preset.

A *slot* is one piece of information a chapter states (the oversight body, Scope 2 market-based
emissions, the time horizons…). Framework data points map onto slots (``DATA_POINT_SLOTS``), so a
sentence written once covers every framework that asks for it. A *topic* is a titled group of slots;
its heading becomes a sub-heading of the chapter. Slots, links and topics are data:
``frameworks/data/drafting/chapter_slots.yaml``.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..language import pick

# ----------------------------------------------------------------------------------------------- slots


@dataclass(frozen=True)
class Slot:
    id: str
    zh: str
    en: str
    writer: str = "narrative"
    # Relevance: a sentence must contain one term of every group (AND of ORs), in either language.
    require: tuple[tuple[str, ...], ...] = ()
    query_zh: str = ""
    query_en: str = ""
    max_sentences: int = 1
    exclude: tuple[str, ...] = ()  # a sentence with any of these terms is about something else


SLOTS_FILE = Path("drafting") / "chapter_slots.yaml"  # under the framework library's data directory


@functools.lru_cache(maxsize=4)
def _load(path: Path | None = None) -> tuple[dict[str, "Slot"], dict[str, str], dict[str, list["Topic"]]]:
    """Slots, data point → slot links and chapter topics from the YAML (validated by its schema)."""
    import yaml
    from pydantic import ValidationError

    from frameworks.chapter_schema import ChapterSlotsFile
    from frameworks.library import DATA_DIR

    from ..errors import FrameworkDataError

    path = path or DATA_DIR / SLOTS_FILE

    try:
        data = ChapterSlotsFile.model_validate(yaml.load(path.read_text(encoding="utf-8"), Loader=_yaml_loader()))
    except ValidationError as exc:
        raise FrameworkDataError(path.name, "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'file'}: {e['msg']}" for e in exc.errors()[:5])) from exc
    except (OSError, yaml.YAMLError) as exc:
        raise FrameworkDataError(path.name, f"{type(exc).__name__}: {exc}") from exc
    slots = {sid: Slot(sid, s.zh, s.en, s.writer, tuple(tuple(g) for g in s.require), s.query_zh, s.query_en,
                       s.max_sentences, tuple(s.exclude)) for sid, s in data.slots.items()}
    topics = {ch: [Topic(t.id, t.zh, t.en, tuple(t.slots), t.pillar) for t in ts] for ch, ts in data.chapter_topics.items()}
    return slots, dict(data.data_point_slots), topics


def _yaml_loader():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def __getattr__(name: str):
    # SLOTS, DATA_POINT_SLOTS and CHAPTER_TOPICS are read from the YAML on first use, not at import.
    index = {"SLOTS": 0, "DATA_POINT_SLOTS": 1, "CHAPTER_TOPICS": 2}.get(name)
    if index is None:
        raise AttributeError(name)
    return _load()[index]


def slot_for(requirement_ref: str, data_point_id: str) -> str | None:
    """The slot a requirement's data point fills, or None when no topic writes it (drafted on its own)."""
    key = f"{requirement_ref}/{data_point_id}"
    links = _load()[1]
    if key in links:
        return links[key] or None
    return links.get(data_point_id) or None


# ----------------------------------------------------------------------------------------------- topics


@dataclass(frozen=True)
class Topic:
    id: str
    zh: str
    en: str
    slots: tuple[str, ...]
    pillar: str = "metrics-targets"


CHAPTER_NUMERALS_ZH = "一二三四五六七八九十"

# The chapters a company can draft (ids of the framework library) plus the report preset.
PRESET_ID = "tcfd-report"


@dataclass
class SlotPlan:
    slot: Slot
    # requirement ref → data points of that requirement this slot fills: (id, zh name, en name, required)
    covers: dict[str, list[tuple[str, str, str, bool]]] = field(default_factory=dict)

    @property
    def requirement_ids(self) -> list[str]:
        return list(self.covers)

    @property
    def required(self) -> bool:
        return any(req for dps in self.covers.values() for (_i, _z, _e, req) in dps)


@dataclass
class TopicPlan:
    topic: Topic
    slots: list[SlotPlan]
    heading_zh: str
    heading_en: str

    @property
    def requirement_ids(self) -> list[str]:
        out: dict[str, None] = {}
        for s in self.slots:
            for r in s.requirement_ids:
                out.setdefault(r, None)
        return list(out)


@dataclass
class ChapterPlan:
    chapter: str
    title_zh: str
    title_en: str
    topics: list[TopicPlan]
    requirements: list  # frameworks.schema.Requirement
    frameworks: list[str]

    def heading(self, lang: str) -> str:
        return pick(self.title_zh, self.title_en, lang)


def _library(library=None):
    if library is not None:
        return library
    from frameworks.library import default_library

    return default_library()


def chapter_ids(library=None) -> list[str]:
    """The chapters the library defines, in report order, and the climate report preset."""
    return [c.id for c in _library(library).chapters()] + [PRESET_ID]


def chapter_requirements(chapter_id: str, frameworks: Sequence[str], library=None) -> list:
    """Requirements a chapter must cover for the chosen frameworks: those the library files under the
    chapter, plus requirements of the chosen frameworks crosswalked to them (e.g. a TWSE item that
    asks the same as TCFD G-a)."""
    lib = _library(library)
    reqs = lib.requirements_for_chapter(chapter_id, list(frameworks) or None)
    wanted = {lib.get_framework(f).id for f in frameworks} if frameworks else None
    seen = {r.ref for r in reqs}
    for r in list(reqs):
        try:
            linked = lib.crosswalk(r.ref)
        except Exception:  # a library without crosswalk data
            linked = []
        for x in linked:
            if x.ref not in seen and (wanted is None or x.framework in wanted) and x.status != "withdrawn" \
                    and (x.chapter in (None, chapter_id)):
                reqs.append(x)
                seen.add(x.ref)
    return [r for r in reqs if r.status != "withdrawn"]


def plan_chapter(chapter_id: str, frameworks: Sequence[str], library=None) -> ChapterPlan:
    """Topics, slots and the requirements (and data points) each slot covers, for one chapter."""
    lib = _library(library)
    chapter = lib.chapter(chapter_id)
    reqs = chapter_requirements(chapter_id, frameworks, lib)
    slots, _links, chapter_topics = _load()
    topics = chapter_topics.get(chapter_id, [])
    slot_topic = {s: t.id for t in topics for s in t.slots}
    plans: dict[str, TopicPlan] = {
        t.id: TopicPlan(t, [SlotPlan(slots[s]) for s in t.slots], t.zh, t.en) for t in topics}
    leftovers: list[TopicPlan] = []
    for r in reqs:
        own: list[tuple[str, str, str, bool]] = []
        for dp in r.data_points:
            sid = slot_for(r.ref, dp.id)
            entry = (dp.id, dp.name.zh, dp.name.en, dp.required)
            if sid and sid in slot_topic:
                tp = plans[slot_topic[sid]]
                sp = next(x for x in tp.slots if x.slot.id == sid)
                sp.covers.setdefault(r.ref, []).append(entry)
            else:
                own.append(entry)
        if own or not r.data_points:
            # Drafted on its own from its title, description and search hints.
            hints_zh = tuple(r.search_hints.zh[:8])
            hints_en = tuple(r.search_hints.en[:8])
            sp_list = []
            for dp_id, zh, en, req in (own or [("_", r.title.zh, r.title.en, True)]):
                slot = Slot(f"{r.ref}/{dp_id}", zh, en, "narrative", ((*hints_zh, *hints_en),),
                            " ".join((zh, *hints_zh[:4])), " ".join((en, *hints_en[:4])))
                sp_list.append(SlotPlan(slot, {r.ref: [(dp_id, zh, en, req)]}))
            leftovers.append(TopicPlan(Topic(f"req:{r.ref}", r.title.zh, r.title.en, (), r.pillar or "metrics-targets"),
                                       sp_list, r.title.zh, r.title.en))
    return ChapterPlan(chapter_id, chapter.title.zh, chapter.title.en, [plans[t.id] for t in topics] + leftovers,
                       reqs, list(frameworks))


# ----------------------------------------------------------------------------------------------- report preset

PILLAR_TITLES = {
    "governance": ("治理", "Governance"),
    "strategy": ("策略", "Strategy"),
    "risk-management": ("風險管理", "Risk management"),
    "metrics-targets": ("指標與目標", "Metrics and targets"),
}
PRESET_TITLE = ("TCFD／IFRS S2 氣候相關財務揭露報告", "TCFD / IFRS S2 climate-related disclosure report")
# Chapters 1–5 of the net-zero report, assembled in the four-pillar order.
PRESET_CHAPTERS = ("governance", "risk-strategy", "ghg-inventory", "targets-transition", "reduction-renewables")
TCFD_DISCLOSURES = ("G-a", "G-b", "S-a", "S-b", "S-c", "R-a", "R-b", "R-c", "MT-a", "MT-b", "MT-c")


def preset_frameworks(frameworks: Sequence[str]) -> list[str]:
    """The preset always answers TCFD (and its successor IFRS S2) besides what the user chose."""
    out = list(frameworks)
    for f in ("tcfd", "ifrs_s2"):
        if not any(x.replace("-", "_").lower() == f for x in out):
            out.append(f)
    return out
