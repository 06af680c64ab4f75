"""Built-in questionnaire question sets: CDP, TCFD, a customer supplier carbon survey, and climate /
environment items in the style of S&P CSA and EcoVadis.

A question set is data. CDP and TCFD are *built from the framework library* (official ids, our own
one-line summaries from the library's descriptions, search hints as retrieval queries), with a small
YAML overlay under ``frameworks/data/questionnaires/`` for answer types, options and facts. The other
sets are whole YAML files in the same folder. Every set is validated when it is built: unique
question ids, known fact keys, options on choice questions, and every ``maps_to`` reference must
resolve in the framework library.

Texts are our own summaries, never a questionnaire's wording; the CSA and EcoVadis sets are written
*in the style of* those assessments and do not claim to be them.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from disclosure.errors import FrameworkDataError, FrameworkNotFoundError, QuestionSetNotFoundError

from .library import DATA_DIR, FrameworkLibrary, _short_errors, default_library, read_yaml
from .schema import LocalizedText, Requirement

QUESTIONNAIRE_DIR = DATA_DIR / "questionnaires"

# Ids of the built-in sets, in the order they are listed.
BUILTIN_SET_IDS: tuple[str, ...] = ("cdp", "tcfd", "supplier_carbon", "csa_climate", "ecovadis_env")
# Sets generated from a framework of the library, with the overlay file that types their questions.
LIBRARY_SETS: dict[str, tuple[str, str]] = {
    "cdp": ("cdp", "cdp_overlay.yaml"),
    "tcfd": ("tcfd", "tcfd_overlay.yaml"),
}
# CDP modules that carry climate questions (module 1 is the introduction, 8–13 are other themes).
CDP_CLIMATE_MODULES: tuple[str, ...] = ("2", "3", "4", "5", "6", "7")

# The facts the answering engine resolves from the GHG engine and the evidence base. A question's
# ``fact`` (and ``related_facts``) must be one of these.
FACT_KEYS: tuple[str, ...] = (
    "scope1_total",
    "scope2_location",
    "scope2_market",
    "scope3_total",
    "scope3_by_category",  # table: GHG Protocol categories 1–15
    "iso_category_totals",  # table: ISO 14064-1:2018 categories 1–6
    "total_scope12",
    "base_year",
    "base_year_emissions",
    "emissions_intensity",
    "electricity_consumption",
    "renewable_electricity",
    "renewable_share",
    "near_term_target",
    "net_zero_target",
    "sbti_status",
    "ghg_methodology",
    "verification",
)
TABLE_FACTS: frozenset[str] = frozenset({"scope3_by_category", "iso_category_totals"})
# Facts that are a status or a method rather than a figure of some year.
UNDATED_FACTS: frozenset[str] = frozenset({"sbti_status", "ghg_methodology"})

AnswerType = Literal["text", "number", "choice", "multi_choice", "yes_no", "table"]
YearKind = Literal["reporting", "base", "target"]
LANGUAGES: tuple[str, ...] = ("en", "zh-TW")

# How a library answer type (CDP's own question types) becomes a question answer type when the
# overlay says nothing. A CDP MATRIX question of narrative columns is answered as text; the overlay
# turns the ones led by a yes/no column or carrying a figure into yes_no / number / table.
_DEFAULT_TYPES: dict[str | None, str] = {
    "text": "text",
    "number": "number",
    "table": "text",
    "single_select": "choice",
    "multi_select": "multi_choice",
    None: "text",
}
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_QUERY_HINTS = 6  # search hints joined into a retrieval query, per language


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


LocalText = LocalizedText  # the one bilingual text model (frameworks/schema.py)


class Option(_Model):
    """One answer option of a choice question."""

    id: str = Field(min_length=1)
    label: LocalText


class Question(_Model):
    """One question of a set.

    ``text`` is our own one-line summary. ``fact`` names a figure the answering engine resolves from
    the GHG engine or the evidence base; ``related_facts`` are further facts a multi-part or
    narrative answer should state (CDP 7.7 asks for location- *and* market-based Scope 2).
    ``official_type`` keeps the questionnaire's own type where we know it (CDP: table, single_select…).
    """

    id: str
    section: str | None = None
    text: LocalText
    answer_type: AnswerType
    unit: str | None = None
    options: list[Option] = Field(default_factory=list)
    fact: str | None = None
    year: YearKind | None = None
    query: LocalText | None = None
    maps_to: list[str] = Field(default_factory=list)
    # Added to the agreed interface (optional, safe to ignore):
    title: LocalText | None = None
    related_facts: list[str] = Field(default_factory=list)
    official_type: str | None = None

    @field_validator("id")
    @classmethod
    def _valid_id(cls, v: str) -> str:
        if not v or v != v.strip() or "\n" in v:
            raise ValueError(f"question id {v!r} must be non-empty and trimmed")
        return v

    @field_validator("fact")
    @classmethod
    def _known_fact(cls, v: str | None) -> str | None:
        if v is not None and v not in FACT_KEYS:
            raise ValueError(f"unknown fact {v!r}; expected one of {', '.join(FACT_KEYS)}")
        return v

    @field_validator("related_facts")
    @classmethod
    def _known_related_facts(cls, v: list[str]) -> list[str]:
        for f in v:
            if f not in FACT_KEYS:
                raise ValueError(f"unknown related fact {f!r}; expected one of {', '.join(FACT_KEYS)}")
        return v

    @field_validator("maps_to")
    @classmethod
    def _refs(cls, v: list[str]) -> list[str]:
        for ref in v:
            if ":" not in ref:
                raise ValueError(f"maps_to entry {ref!r} is not a 'framework:requirement' reference")
        if len(set(v)) != len(v):
            raise ValueError("maps_to lists a reference twice")
        return v

    @model_validator(mode="after")
    def _unique_options(self) -> Question:
        ids = [o.id for o in self.options]
        if len(ids) != len(set(ids)):
            raise ValueError(f"question {self.id!r} repeats option ids")
        return self

    def problems(self) -> list[str]:
        """What keeps this question from being a well-formed built-in question (empty when fine).

        Kept out of validation so that a question imported from a customer's spreadsheet (a choice
        column with no options, say) still loads; built-in sets must have none of these.
        """
        out = []
        if self.answer_type in ("choice", "multi_choice") and len(self.options) < 2:
            out.append(f"{self.answer_type} question {self.id!r} needs at least two options")
        if self.answer_type not in ("choice", "multi_choice") and self.options:
            out.append(f"question {self.id!r} is {self.answer_type}, so it takes no options")
        # a table fact answers a table question, or a yes/no one (the year's table says it was done)
        if self.fact in TABLE_FACTS and self.answer_type not in ("table", "yes_no"):
            out.append(f"question {self.id!r}: fact {self.fact!r} is a table, so answer_type must be table or yes_no")
        if self.answer_type == "table" and self.fact is not None and self.fact not in TABLE_FACTS:
            out.append(f"question {self.id!r} is a table but fact {self.fact!r} is a single figure")
        if self.fact and self.year is None and self.fact not in UNDATED_FACTS:
            out.append(f"question {self.id!r} has fact {self.fact!r} but no year (reporting / base / target)")
        if self.answer_type == "number" and not self.unit:
            out.append(f"number question {self.id!r} needs a unit (tCO2e, MWh, %, year, …)")
        return out

    def option(self, option_id: str) -> Option:
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(f"question {self.id} has no option {option_id!r}")


class QuestionSet(_Model):
    """A questionnaire: metadata and its questions in order."""

    id: str = Field(min_length=1)
    title: LocalText
    description: LocalText
    language: str = "en"
    questions: list[Question] = Field(min_length=1)
    # Added: the framework a library-built set comes from ("cdp", "tcfd"), None for YAML sets.
    framework: str | None = None

    @field_validator("language")
    @classmethod
    def _known_language(cls, v: str) -> str:
        key = v.strip().lower().replace("_", "-")
        if key.startswith("zh"):
            return "zh-TW"
        if key.startswith("en"):
            return "en"
        raise ValueError(f"language {v!r} must be one of {', '.join(LANGUAGES)}")

    @model_validator(mode="after")
    def _unique_ids(self) -> QuestionSet:
        ids = [q.id for q in self.questions]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"set {self.id!r} repeats question ids: {', '.join(dupes)}")
        return self

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(f"set {self.id} has no question {question_id!r}")

    @property
    def question_ids(self) -> list[str]:
        return [q.id for q in self.questions]


# -- building -------------------------------------------------------------------------------------
def _query_from_hints(req: Requirement) -> LocalText | None:
    en, zh = req.search_hints.en[:_QUERY_HINTS], req.search_hints.zh[:_QUERY_HINTS]
    if not en or not zh:
        return None
    return LocalText(en=" ".join(en), zh_TW=" ".join(zh))


def _question_from_requirement(req: Requirement, overlay: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a question generated from a library requirement, overlay values winning."""
    data: dict[str, Any] = {
        "id": req.id,
        "section": req.section,
        "title": {"en": req.title.en, "zh-TW": req.title.zh},
        "text": {"en": req.description.en, "zh-TW": req.description.zh},
        "answer_type": _DEFAULT_TYPES.get(req.answer_type, "text"),
        "official_type": req.answer_type,
        "maps_to": [req.ref, *req.crosswalk],
    }
    query = _query_from_hints(req)
    if query is not None:
        data["query"] = query.model_dump()
    extra_maps = list(overlay.get("maps_to") or [])
    data.update({k: v for k, v in overlay.items() if k != "maps_to"})
    data["maps_to"] = [*data["maps_to"], *(r for r in extra_maps if r not in data["maps_to"])]
    return data


def build_library_set(set_id: str, library: FrameworkLibrary, data_dir: Path = QUESTIONNAIRE_DIR) -> QuestionSet:
    """A set generated from one framework of the library plus its overlay file (CDP, TCFD)."""
    framework_id, overlay_file = LIBRARY_SETS[set_id]
    raw = read_yaml(Path(data_dir) / overlay_file)
    fw = library.get_framework(framework_id)
    overlays: dict[str, Any] = dict(raw.get("questions") or {})
    modules = raw.get("sections")
    reqs = [r for r in fw.requirements if r.status == "active" and (not modules or r.section in modules)]
    known = {r.id for r in reqs}
    unknown = sorted(set(overlays) - known)
    if unknown:
        raise FrameworkDataError(overlay_file, f"overlay names questions that are not {framework_id} requirements "
                                               f"in the set: {', '.join(unknown)}")
    questions = [_question_from_requirement(r, overlays.get(r.id) or {}) for r in reqs]
    meta = {k: v for k, v in raw.items() if k not in ("questions", "sections")}
    return _validate({**meta, "id": set_id, "framework": fw.id, "questions": questions}, overlay_file, library)


def load_question_set_file(path: Path, library: FrameworkLibrary) -> QuestionSet:
    """A whole question set written in YAML (supplier survey, CSA-style, EcoVadis-style)."""
    path = Path(path)
    return _validate(read_yaml(path), path.name, library)


def _validate(data: dict[str, Any], source: str, library: FrameworkLibrary) -> QuestionSet:
    try:
        qset = QuestionSet.model_validate(data)
    except ValidationError as exc:
        raise FrameworkDataError(source, _short_errors(exc)) from exc
    check_question_set(qset, library, source)
    return qset


def question_set_problems(qset: QuestionSet, library: FrameworkLibrary) -> list[str]:
    """Everything wrong with a set as a built-in set: question problems and ``maps_to`` references
    that do not name a requirement of ``library``."""
    out = [p for q in qset.questions for p in q.problems()]
    for q in qset.questions:
        for ref in q.maps_to:
            fid, rid = ref.split(":", 1)
            try:
                found = library.get_framework(fid).find(rid) is not None
            except FrameworkNotFoundError:
                found = False
            if not found:
                out.append(f"question {q.id!r} maps to {ref!r}, which is not in the framework library")
    return out


def check_question_set(qset: QuestionSet, library: FrameworkLibrary, source: str | None = None) -> None:
    """Raise FrameworkDataError listing every problem of ``qset`` (see :func:`question_set_problems`)."""
    problems = question_set_problems(qset, library)
    if problems:
        more = f"; … {len(problems) - 5} more" if len(problems) > 5 else ""
        raise FrameworkDataError(source or qset.id, "; ".join(problems[:5]) + more)


def load_builtin_sets(library: FrameworkLibrary, data_dir: Path = QUESTIONNAIRE_DIR) -> list[QuestionSet]:
    """Build and validate every built-in set against ``library`` (uncached)."""
    out = []
    for set_id in BUILTIN_SET_IDS:
        if set_id in LIBRARY_SETS:
            out.append(build_library_set(set_id, library, data_dir))
        else:
            qset = load_question_set_file(Path(data_dir) / f"{set_id}.yaml", library)
            if qset.id != set_id:
                raise FrameworkDataError(f"{set_id}.yaml", f"file declares set id {qset.id!r}; expected {set_id!r}")
            out.append(qset)
    return out


@functools.lru_cache(maxsize=1)
def _default_sets() -> tuple[QuestionSet, ...]:
    return tuple(load_builtin_sets(default_library()))


def builtin_sets() -> list[QuestionSet]:
    """The built-in sets (cdp, tcfd, supplier_carbon, csa_climate, ecovadis_env), built once on first use."""
    return list(_default_sets())


def _set_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", (text or "").strip().lower())


def get_set(set_id: str) -> QuestionSet:
    """A built-in set by id ("cdp", "supplier_carbon"; case, spaces and dashes are forgiven).

    Raises QuestionSetNotFoundError naming the known ids.
    """
    key = _set_key(set_id)
    for qset in _default_sets():
        if qset.id == key:
            return qset
    raise QuestionSetNotFoundError(set_id, list(BUILTIN_SET_IDS))


def has_cjk(text: str) -> bool:
    """True when ``text`` contains a CJK ideograph (a zh-TW text that is really Chinese)."""
    return bool(_CJK.search(text))


def iter_texts(qset: QuestionSet) -> Iterable[tuple[str, LocalText]]:
    """Every bilingual text of a set with a label saying where it sits (for checks and tests)."""
    yield f"{qset.id}.title", qset.title
    yield f"{qset.id}.description", qset.description
    for q in qset.questions:
        yield f"{q.id}.text", q.text
        if q.title is not None:
            yield f"{q.id}.title", q.title
        if q.query is not None:
            yield f"{q.id}.query", q.query
        for o in q.options:
            yield f"{q.id}.option.{o.id}", o.label
