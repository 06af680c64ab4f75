"""What is checked: requirements of the built-in frameworks or the items of a user's checklist, as
``GapItem``s, and what each one asks for (its concept groups).

A framework requirement names its concepts by id in the framework YAML (on the requirement and on
each data point), so rewording a data point never drops its detector. A user's checklist question
is matched to concepts by their ``asks`` patterns, because nobody wrote ids for it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..lexical import tokenize
from ..normalization import normalize_text
from .concepts import ConceptCatalog, concept_catalog

if TYPE_CHECKING:  # pragma: no cover
    from frameworks.schema import Framework, Requirement


@dataclass(frozen=True)
class ItemDataPoint:
    id: str
    name_en: str
    name_zh: str
    required: bool = True
    concepts: tuple[str, ...] = ()


@dataclass
class GapItem:
    """What the engine needs of a requirement: its identity, its wording and what it asks for."""

    requirement_id: str
    framework: str
    title: str
    pillar: str | None
    question: str
    question_en: str = ""  # for built-in requirements: the English wording, used on English documents
    # What the coverage is measured on: a framework requirement's title and data point names (the best
    # of them counts); default: the question's main clause.
    focus: list[str] = field(default_factory=list)
    focus_en: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    data_points: list[ItemDataPoint] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)  # asked by the requirement as a whole (explicit ids)
    explicit: bool = False  # concepts named by id (a framework requirement), not read from the wording
    title_en: str = ""
    crosswalk: list[str] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return f"{self.framework}:{self.requirement_id}"

    @property
    def is_framework(self) -> bool:
        """A multi-data-point framework requirement (judged on its title and data points)."""
        return bool(self.focus)

    def wording(self, language: str) -> str:
        """The question in the document's language when the requirement has both."""
        return self.question_en if language == "en" and self.question_en else self.question

    def focus_texts(self, language: str) -> list[str]:
        """The wordings a passage must match to be on topic (the best match counts)."""
        if language == "en" and self.focus_en:
            return self.focus_en
        if self.focus:
            return self.focus
        main, _ = split_question(self.wording(language))
        return [main if len(tokenize(main)) >= 6 else self.wording(language)]


# Rater instructions inside a checklist question ("(51為Y，本題須回答Y/N…)") are not part of what is asked.
_INSTRUCTION = re.compile(r"[（(][^()（）]*(?:本題|作答|須回答|N/?A)[^()（）]*[)）]")


def clean_question(text: str) -> str:
    return normalize_text(_INSTRUCTION.sub("", text or "")).strip()


def item_from_requirement(req: "Requirement", question: str | None = None) -> GapItem:
    """A GapItem from a library requirement. With ``question`` (a checklist item's wording) the
    concepts are read from that wording; without, they are the ids the framework data names."""
    focus: list[str] = []
    focus_en: list[str] = []
    explicit = question is None
    if question is None:
        question = req.title.zh if req.title.zh == req.description.zh else f"{req.title.zh}。{req.description.zh}"
        question_en = req.title.en if req.title.en == req.description.en else f"{req.title.en}. {req.description.en}"
        focus = [req.title.zh, *(d.name.zh for d in req.data_points if d.required)]
        focus_en = [req.title.en, *(d.name.en for d in req.data_points if d.required)]
    else:
        question_en = ""
    return GapItem(
        requirement_id=req.id, framework=req.framework, title=req.title.zh or req.title.en, pillar=req.pillar,
        question=clean_question(question), question_en=clean_question(question_en), focus=focus, focus_en=focus_en,
        hints=[*req.search_hints.zh, *req.search_hints.en],
        data_points=[ItemDataPoint(d.id, d.name.en, d.name.zh, d.required, tuple(d.concepts)) for d in req.data_points],
        concepts=list(req.concepts), explicit=explicit,
        title_en=req.title.en if req.title.en != question else "", crosswalk=list(req.crosswalk),
    )


def items_for_frameworks(framework_ids: Sequence[str]) -> list[GapItem]:
    """Every active requirement of the named built-in frameworks."""
    from frameworks import library

    out: list[GapItem] = []
    for fid in framework_ids:
        fw = library.get_framework(fid)
        out.extend(item_from_requirement(r) for r in fw.requirements if r.status != "withdrawn")
    return out


def items_for_checklist_framework(fw: "Framework") -> list[GapItem]:
    """Items of a loaded checklist: a checklist item's title is its question (the description only
    names the file and row), and its concepts are read from that question."""
    return [item_from_requirement(r, question=r.title.zh) for r in fw.requirements]


def items_for_checklist(path: str | Path) -> list[GapItem]:
    """Items of a user checklist (CSV/XLSX with an id and a question column), ids kept as written."""
    from frameworks import library

    return items_for_checklist_framework(library.load_checklist(path))


# ---------------------------------------------------------------------- what a requirement asks for
@dataclass(frozen=True)
class Asked:
    """What a requirement asks for, as groups of concepts: a group is met when any of its concepts is
    found. A checklist question gives one group per concept of its main clause and one group for its
    examples ("例如…", "(…)"); a framework requirement gives one group per concept it names and one
    per required data point. ``optional`` are conditional data points: reported when absent, never
    required. ``labels`` are the (English, zh-TW) sentences for a group that is not met."""

    groups: tuple[tuple[str, ...], ...] = ()
    labels: tuple[tuple[str, str], ...] = ()
    optional: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys([c for g in self.groups for c in g] + list(self.optional)))

    @staticmethod
    def is_weak(group: Sequence[str], catalog: ConceptCatalog | None = None) -> bool:
        catalog = catalog or concept_catalog()
        return all(catalog[c].weak for c in group)


# Examples and asides: what follows 例如 / e.g. / such as, or sits in parentheses, is an alternative.
_EXAMPLE = re.compile(r"例如|比如|譬如|諸如|可能與|可依下述|e\.g\.|such as|for example|for instance", re.I)
_ASIDE = re.compile(r"[（(][^（）()]*[)）]")
# A framework's own name is not a request ("氣候相關財務揭露工作小組" is not a working group).
FRAMEWORK_NAME = re.compile(r"氣候相關財務揭露(?:工作小組|建議)?|Task Force on Climate[- ]related Financial Disclosures?", re.I)


def split_question(question: str) -> tuple[str, str]:
    """(main clause, examples and asides) of a question."""
    q = FRAMEWORK_NAME.sub(" ", question)
    tail = _ASIDE.findall(q)
    main = _ASIDE.sub(" ", q)
    m = _EXAMPLE.search(main)
    if m:
        tail.append(main[m.start():])
        main = main[: m.start()]
    return main.strip(), " ".join(tail)


def asked_concepts(item: GapItem, catalog: ConceptCatalog | None = None) -> Asked:
    """The concept groups a requirement asks for (see :class:`Asked`)."""
    catalog = catalog or concept_catalog()
    groups: list[tuple[str, ...]] = []
    labels: list[tuple[str, str]] = []
    optional: list[str] = []

    def single(c: str) -> None:
        groups.append((c,))
        labels.append((catalog[c].missing_en, catalog[c].missing_zh))

    if item.explicit:
        for c in item.concepts:
            single(c)
        for dp in item.data_points:
            cs = tuple(c for c in dp.concepts if c in catalog)
            if not cs:
                continue  # a narrative data point: judged by the topical match alone
            if dp.required:
                groups.append(cs)
                labels.append(_dp_label(dp, cs, catalog))
            else:
                optional.extend(c for c in cs if c not in optional)
    else:
        main, tail = split_question(item.question)
        main_cs = catalog.concepts_in(main)
        for c in main_cs:
            single(c)
        tail_cs = catalog.concepts_in(tail, exclude=main_cs) if tail else ()
        if tail_cs:
            groups.append(tail_cs)
            labels.append(("none of: " + "; ".join(catalog[c].missing_en.removeprefix("no ") for c in tail_cs),
                           "以下皆未提及：" + "；".join(catalog[c].missing_zh.removeprefix("未") for c in tail_cs)))
    # The same group twice (title and a data point) is asked once, and a group that contains a concept
    # asked on its own is implied by it.
    singles = {g[0] for g in groups if len(g) == 1}
    seen: dict[tuple[str, ...], tuple[str, str]] = {}
    for g, label in zip(groups, labels):
        if len(g) > 1 and singles & set(g):
            continue
        seen.setdefault(g, label)
    return Asked(tuple(seen), tuple(seen.values()), tuple(c for c in optional if not any(c in g for g in seen)))


def _dp_label(dp: ItemDataPoint, concepts: Sequence[str], catalog: ConceptCatalog) -> tuple[str, str]:
    """Missing sentence for a data point: the concept's own wording when one concept stands for it,
    else the data point's name ("no scenarios used (e.g. IEA NZE, NGFS, SSP/RCP) stated")."""
    if len(concepts) == 1:
        c = catalog[concepts[0]]
        return c.missing_en, c.missing_zh
    name = dp.name_en or dp.id
    return f"no {name[:1].lower() + name[1:]} stated", f"未說明{dp.name_zh or name}"


def unknown_concepts(items: Iterable[GapItem], catalog: ConceptCatalog) -> list[str]:
    """Concept ids items name that the catalog lacks (a framework built against other concept data)."""
    return sorted({c for i in items for c in [*i.concepts, *(x for d in i.data_points for x in d.concepts)]
                   if c not in catalog})
