"""Loader API over the bundled framework data (and user checklists).

Plain functions use one cached :class:`FrameworkLibrary` built on first use from ``frameworks/data``;
nothing is read at import time. Code that needs its own data (tests, a company's extra checklist)
builds a ``FrameworkLibrary`` directly or extends one with :meth:`FrameworkLibrary.with_frameworks`.

Crosswalk semantics: two requirements are linked when they share a group in ``crosswalk.yaml``.
:meth:`FrameworkLibrary.crosswalk` returns the direct links only (members of the item's groups), not
the transitive closure across groups: TCFD MT-b sits in the Scope 1, 2 and 3 groups, so it links to
all of them, but GRI 305-1 (Scope 1) does not thereby link to GRI 305-2 (Scope 2).
"""
from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from pydantic import ValidationError

from disclosure.errors import FrameworkDataError, FrameworkNotFoundError, RequirementNotFoundError

from .concept_schema import ConceptSet, ConceptsFile

if TYPE_CHECKING:  # the schema imports frameworks.questionnaires, which imports this module
    from .fact_rule_schema import FactRulesFile
from .schema import (
    CHAPTER_IDS,
    Chapter,
    ChaptersFile,
    CrosswalkFile,
    CrosswalkGroup,
    Framework,
    Requirement,
    SbtiRule,
    framework_key,
    normalize_key,
)

DATA_DIR = Path(__file__).parent / "data"
CROSSWALK_FILE = "crosswalk.yaml"
CHAPTERS_FILE = "chapters.yaml"
SPECIAL_FILES = {CROSSWALK_FILE, CHAPTERS_FILE}
# Concepts (what a data point asks for and what text satisfies it) live in their own folder.
CONCEPTS_DIR = "concepts"
# Order frameworks are listed in (others follow alphabetically).
FRAMEWORK_ORDER = ("gri", "tcfd", "ifrs_s2", "sasb", "cdp", "sbti", "iso14068", "pas2060", "esrs_e1", "twse")


def read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise FrameworkDataError(path.name, f"not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise FrameworkDataError(path.name, "top level must be a mapping")
    return data


def _short_errors(exc: ValidationError, limit: int = 5) -> str:
    parts = []
    for err in exc.errors()[:limit]:
        loc = ".".join(str(x) for x in err["loc"])
        parts.append(f"{loc}: {err['msg']}")
    more = len(exc.errors()) - limit
    return "; ".join(parts) + (f"; … {more} more" if more > 0 else "")


def load_framework_file(path: Path) -> Framework:
    """Validate one framework YAML file against the schema."""
    data = read_yaml(path)
    for r in data.get("requirements") or []:
        if isinstance(r, dict) and "crosswalk" in r:
            raise FrameworkDataError(path.name, f"requirement {r.get('id')!r} has a 'crosswalk' key; links live in {CROSSWALK_FILE}")
    try:
        return Framework.model_validate(data)
    except ValidationError as exc:
        raise FrameworkDataError(path.name, _short_errors(exc)) from exc


def load_crosswalk_file(path: Path) -> CrosswalkFile:
    try:
        return CrosswalkFile.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise FrameworkDataError(path.name, _short_errors(exc)) from exc


def load_chapters_file(path: Path) -> ChaptersFile:
    try:
        return ChaptersFile.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise FrameworkDataError(path.name, _short_errors(exc)) from exc


def load_concepts_file(path: Path) -> ConceptsFile:
    """Validate one concept YAML file against the schema."""
    try:
        return ConceptsFile.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise FrameworkDataError(path.name, _short_errors(exc)) from exc


def load_fact_rules_file(path: Path) -> FactRulesFile:
    """Validate the questionnaire fact-rule YAML against its schema (every pattern compiles)."""
    from .fact_rule_schema import FactRulesFile

    try:
        return FactRulesFile.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise FrameworkDataError(path.name, _short_errors(exc)) from exc


def concept_files(data_dir: Path = DATA_DIR) -> list[Path]:
    """Every concept YAML file under ``data_dir/concepts``."""
    return sorted((Path(data_dir) / CONCEPTS_DIR).glob("*.yaml"))


def load_concept_set(data_dir: Path = DATA_DIR) -> ConceptSet:
    """All concept files of ``data_dir`` merged, with every pattern compiled."""
    try:
        return ConceptSet.merge([load_concepts_file(p) for p in concept_files(data_dir)])
    except ValidationError as exc:
        raise FrameworkDataError(CONCEPTS_DIR, _short_errors(exc)) from exc
    except ValueError as exc:
        raise FrameworkDataError(CONCEPTS_DIR, str(exc)) from exc


def framework_files(data_dir: Path = DATA_DIR) -> list[Path]:
    """Every framework YAML file in ``data_dir`` (crosswalk and chapters excluded)."""
    return sorted(p for p in data_dir.glob("*.yaml") if p.name not in SPECIAL_FILES)


def split_ref(ref: str) -> tuple[str, str]:
    """``"gri:305-1"`` → ``("gri", "305-1")``. Also accepts ``"GRI 305-1"`` for a known framework."""
    ref = unicodedata.normalize("NFKC", ref).strip()
    if ":" in ref:
        fid, rid = ref.split(":", 1)
        return fid.strip(), rid.strip()
    if " " in ref:
        fid, rid = ref.split(" ", 1)
        return fid.strip(), rid.strip()
    err = RequirementNotFoundError("", ref)
    err.message = f"'{ref}' is not a 'framework:id' reference — write it like gri:305-1 or tcfd:MT-b"
    err.args = (err.message,)
    raise err


class FrameworkLibrary:
    """All frameworks, the crosswalk and the report chapters, validated and indexed."""

    def __init__(self, frameworks: Iterable[Framework], crosswalk_groups: Sequence[CrosswalkGroup] = (),
                 chapters: Sequence[Chapter] = (), concepts: ConceptSet | None = None):
        fws = list(frameworks)
        self._concepts = concepts
        if concepts is not None:
            _check_concept_refs(fws, concepts)
        order = {fid: i for i, fid in enumerate(FRAMEWORK_ORDER)}
        fws.sort(key=lambda f: (order.get(f.id, len(order)), f.id))
        self._keys: dict[str, str] = {}
        by_id: dict[str, Framework] = {}
        for fw in fws:
            if fw.id in by_id:
                raise FrameworkDataError(fw.id, "two frameworks share this id")
            by_id[fw.id] = fw
        for fw in fws:
            for key in (fw.id, *fw.aliases):
                k = framework_key(key)
                if self._keys.get(k, fw.id) != fw.id:
                    raise FrameworkDataError(fw.id, f"alias {key!r} is also used by {self._keys[k]!r}")
                self._keys[k] = fw.id
        self._groups: list[CrosswalkGroup] = list(crosswalk_groups)
        self._chapters: list[Chapter] = list(chapters)

        # Links: every pair within a group, plus links a checklist item carries itself (both ways).
        links: dict[str, dict[str, None]] = {}

        def link(a: str, b: str) -> None:
            if a != b:
                links.setdefault(a, {})[b] = None
                links.setdefault(b, {})[a] = None

        self._groups_of: dict[str, list[CrosswalkGroup]] = {}
        for g in self._groups:
            resolved = [self._resolve(by_id, ref, f"{CROSSWALK_FILE} group {g.id!r}") for ref in g.members]
            for ref in resolved:
                self._groups_of.setdefault(ref, []).append(g)
            for a in resolved:
                for b in resolved:
                    link(a, b)
        for fw in fws:
            for r in fw.requirements:
                for ref in r.crosswalk:
                    link(r.ref, self._resolve(by_id, ref, f"{fw.id} requirement {r.id!r}"))
        for ch in self._chapters:
            for ref in ch.requirements:
                self._resolve(by_id, ref, f"{CHAPTERS_FILE} chapter {ch.id!r}")

        # Stamp the symmetric links onto the requirements so callers can read ``req.crosswalk``.
        self._frameworks: dict[str, Framework] = {}
        for fw in fws:
            reqs = [r.model_copy(update={"crosswalk": list(links.get(r.ref, {}))}) for r in fw.requirements]
            self._frameworks[fw.id] = fw.model_copy(update={"requirements": reqs})
        self._req_index: dict[str, dict[str, Requirement]] = {}
        for fid, fw in self._frameworks.items():
            idx = self._req_index[fid] = {}
            for r in fw.requirements:
                for key in (r.id, *r.aliases):
                    idx[normalize_key(key)] = r
            for r in fw.requirements:  # legacy ids (e.g. CDP C6.1) never shadow a current id or alias
                for key in r.legacy_ids:
                    idx.setdefault(normalize_key(key), r)
        self._search_index: list[tuple[Requirement, dict[str, str]]] | None = None

    @staticmethod
    def _resolve(by_id: dict[str, Framework], ref: str, where: str) -> str:
        fid, rid = ref.split(":", 1) if ":" in ref else ("", ref)
        fw = by_id.get(fid)
        if fw is None:
            raise FrameworkDataError(where, f"reference {ref!r} names unknown framework {fid!r}")
        req = fw.find(rid)
        if req is None:
            raise FrameworkDataError(where, f"reference {ref!r}: {fid} has no requirement {rid!r}")
        return req.ref

    @classmethod
    def from_directory(cls, data_dir: Path = DATA_DIR) -> FrameworkLibrary:
        """Load and validate every YAML file of ``data_dir``."""
        data_dir = Path(data_dir)
        frameworks = [load_framework_file(p) for p in framework_files(data_dir)]
        cw = data_dir / CROSSWALK_FILE
        groups = load_crosswalk_file(cw).groups if cw.is_file() else []
        ch = data_dir / CHAPTERS_FILE
        chapters = load_chapters_file(ch).chapters if ch.is_file() else []
        concepts = load_concept_set(data_dir) if concept_files(data_dir) else None
        return cls(frameworks, groups, chapters, concepts)

    def with_frameworks(self, *extra: Framework) -> FrameworkLibrary:
        """A new library with ``extra`` frameworks added (e.g. user checklists); links that their
        requirements carry in ``crosswalk`` become symmetric in the new library."""
        base = [fw.model_copy(update={"requirements": [r.model_copy(update={"crosswalk": []}) for r in fw.requirements]})
                for fw in self._frameworks.values()]
        return FrameworkLibrary([*base, *extra], self._groups, self._chapters, self._concepts)

    def concept_set(self) -> ConceptSet:
        """The concepts the data points of this library name (empty when its data has none)."""
        return self._concepts if self._concepts is not None else ConceptSet()

    # -- frameworks -----------------------------------------------------------------------------
    def list_frameworks(self, include_withdrawn: bool = True) -> list[Framework]:
        return [fw for fw in self._frameworks.values() if include_withdrawn or fw.status != "withdrawn"]

    def framework_ids(self) -> list[str]:
        return list(self._frameworks)

    def get_framework(self, fid: str) -> Framework:
        """Framework by id or alias, case- and punctuation-insensitive ("IFRS S2", "ifrs-s2", "s2")."""
        key = self._keys.get(framework_key(fid or ""))
        if key is None:
            raise FrameworkNotFoundError(fid, self.framework_ids())
        return self._frameworks[key]

    # -- requirements ---------------------------------------------------------------------------
    def get_requirement(self, ref: str) -> Requirement:
        """Requirement by ``"framework:id"`` (ids and aliases are case-insensitive: "tcfd:mt-b",
        "tcfd:G-1", "cdp:C6.1" via legacy ids are all accepted)."""
        fid, rid = split_ref(ref)
        fw = self.get_framework(fid)
        req = self._req_index[fw.id].get(normalize_key(rid))
        if req is None:
            raise RequirementNotFoundError(fw.id, rid)
        return req

    def requirement_label(self, ref: str, lang: str = "en", with_title: bool = True) -> str:
        """What a reader sees for ``"tcfd:G-a"``: the framework's short name, the code and the
        requirement's title in ``lang`` ("TCFD G-a 董事會對氣候相關風險與機會之監督"); the
        reference itself when it is not in the library."""
        try:
            req = self.get_requirement(ref)
        except Exception:
            return ref
        head = f"{req.framework.replace('_', ' ').upper()} {req.id}"
        if not with_title:
            return head
        title = (req.title.zh if str(lang).startswith("zh") else req.title.en) or req.title.en
        return f"{head} {title}" if title else head

    def requirements(self, frameworks: Sequence[str] | None = None, include_inactive: bool = True) -> list[Requirement]:
        fws = [self.get_framework(f) for f in frameworks] if frameworks else self.list_frameworks()
        out = [r for fw in fws for r in fw.requirements]
        return out if include_inactive else [r for r in out if r.status == "active"]

    def requirements_for_chapter(self, chapter_id: str, frameworks: Sequence[str] | None = None) -> list[Requirement]:
        """Requirements whose ``chapter`` is ``chapter_id``: first those the chapter lists explicitly
        (in that order), then the rest in framework order and file order."""
        chapter = self.chapter(chapter_id)
        wanted = {self.get_framework(f).id for f in frameworks} if frameworks else None
        out: list[Requirement] = []
        seen: set[str] = set()
        for ref in chapter.requirements:
            r = self.get_requirement(ref)
            if (wanted is None or r.framework in wanted) and r.ref not in seen:
                out.append(r)
                seen.add(r.ref)
        for r in self.requirements(sorted(wanted) if wanted else None):
            if r.chapter == chapter_id and r.ref not in seen:
                out.append(r)
                seen.add(r.ref)
        return out

    def crosswalk(self, ref: str) -> list[Requirement]:
        """Requirements of other items that share a crosswalk group with ``ref`` (direct links only)."""
        req = self.get_requirement(ref)
        return [self.get_requirement(x) for x in req.crosswalk]

    def crosswalk_groups(self, ref: str | None = None) -> list[CrosswalkGroup]:
        """All crosswalk groups, or the groups ``ref`` belongs to."""
        if ref is None:
            return list(self._groups)
        return list(self._groups_of.get(self.get_requirement(ref).ref, []))

    # -- chapters -------------------------------------------------------------------------------
    def chapters(self) -> list[Chapter]:
        return list(self._chapters)

    def chapter(self, chapter_id: str) -> Chapter:
        for ch in self._chapters:
            if ch.id == chapter_id:
                return ch
        raise ValueError(f"unknown chapter {chapter_id!r}; expected one of {', '.join(CHAPTER_IDS)}")

    # -- SBTi -----------------------------------------------------------------------------------
    def sbti_rules(self, target_type: str | None = None) -> list[SbtiRule]:
        rules = self.get_framework("sbti").rules
        return [r for r in rules if target_type is None or r.target_type == target_type]

    def sbti_rule(self, rule_id: str) -> SbtiRule:
        for r in self.get_framework("sbti").rules:
            if r.id.lower() == rule_id.lower():
                return r
        raise RequirementNotFoundError("sbti", rule_id)

    # -- search ---------------------------------------------------------------------------------
    def search(self, query: str, lang: str | None = None, frameworks: Sequence[str] | None = None,
               limit: int | None = None) -> list[Requirement]:
        """Requirements matching ``query`` (zh-TW or English), best first. See :func:`score_requirement`."""
        return [r for r, _ in self.search_scored(query, lang, frameworks, limit)]

    def search_scored(self, query: str, lang: str | None = None, frameworks: Sequence[str] | None = None,
                      limit: int | None = None) -> list[tuple[Requirement, float]]:
        if self._search_index is None:
            self._search_index = [(r, searchable_fields(r)) for r in self.requirements()]
        wanted = {self.get_framework(f).id for f in frameworks} if frameworks else None
        q = parse_query(query)
        if not q.terms and not q.id_key:
            return []
        hits = []
        for pos, (req, fields) in enumerate(self._search_index):
            if wanted is not None and req.framework not in wanted:
                continue
            s = score_fields(q, req, fields, lang)
            if s > 0:
                hits.append((req, s, pos))
        hits.sort(key=lambda h: (-h[1], h[2]))
        out = [(r, round(s, 3)) for r, s, _ in hits]
        return out[:limit] if limit else out


def _check_concept_refs(frameworks: Sequence[Framework], concepts: ConceptSet) -> None:
    """Every concept id a requirement or data point names must exist: a typo would silently drop
    the detector the data point relies on."""
    known = {c.id for c in concepts.concepts}
    for fw in frameworks:
        for r in fw.requirements:
            for where, ids in ((r.id, r.concepts), *((f"{r.id}.{d.id}", d.concepts) for d in r.data_points)):
                unknown = [c for c in ids if c not in known]
                if unknown:
                    raise FrameworkDataError(fw.id, f"{where} names unknown concept(s) {', '.join(unknown)} "
                                                    f"— define them in {CONCEPTS_DIR}/*.yaml or fix the id")


# -- search scoring -------------------------------------------------------------------------------
# Chinese has no spaces: a CJK query run is matched as a whole substring and by character bigrams;
# English words are matched at word starts. Fields weigh differently (title > hints > description).
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPLIT = re.compile(r"[\s,;，。、；：:？?！!（）()「」『』\"'／/|]+")
_EN_STOP = frozenset("a an and are as at be by for from how in is it of on or the to what which with does do your its this that".split())
FIELD_WEIGHTS = {"title": 4.0, "hints": 3.0, "description": 1.5, "data_points": 1.0}
STATUS_WEIGHTS = {"active": 1.0, "upcoming": 0.9, "withdrawn": 0.7}


class ParsedQuery:
    def __init__(self, text: str, terms: list[tuple[str, str]], id_key: str):
        self.text = text
        self.terms = terms  # (kind, term): kind in {"word", "cjk"}
        self.id_key = id_key


def _norm_text(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def parse_query(query: str) -> ParsedQuery:
    text = _norm_text(query).strip()
    terms: list[tuple[str, str]] = []
    for tok in _SPLIT.split(text):
        if not tok:
            continue
        if _CJK.search(tok):
            # Split mixed runs ("範疇1排放") into CJK and non-CJK parts; keep the CJK part whole.
            for part in re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+", tok):
                if _CJK.search(part):
                    terms.append(("cjk", part))
                elif part.strip():
                    terms.append(("word", part.strip()))
        elif tok not in _EN_STOP:
            terms.append(("word", tok))
    return ParsedQuery(text, terms, re.sub(r"\s+", "", text))


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)} if len(s) > 1 else {s}


def searchable_fields(req: Requirement) -> dict[str, str]:
    dp_en = " | ".join(d.name.en for d in req.data_points)
    dp_zh = " | ".join(d.name.zh for d in req.data_points)
    return {
        "title:en": _norm_text(req.title.en), "title:zh": _norm_text(req.title.zh),
        "hints:en": _norm_text(" | ".join(req.search_hints.en)), "hints:zh": _norm_text(" | ".join(req.search_hints.zh)),
        "description:en": _norm_text(req.description.en), "description:zh": _norm_text(req.description.zh),
        "data_points:en": _norm_text(dp_en), "data_points:zh": _norm_text(dp_zh),
    }


def _ids(req: Requirement) -> set[str]:
    keys = {req.id, req.ref, f"{req.framework} {req.id}", *req.aliases, *req.legacy_ids}
    return {re.sub(r"\s+", "", _norm_text(k)) for k in keys}


def score_fields(q: ParsedQuery, req: Requirement, fields: dict[str, str], lang: str | None) -> float:
    """Score of one requirement for a parsed query (0 = no match).

    Each query term scores by the best field it appears in, plus a quarter of the other fields it
    also appears in; the sum is scaled by the share of terms matched (so a lone common word does not
    outrank a full match). An exact code match ("305-1", "gri:305-1", "C6.1") adds a large bonus.
    """
    langs = ("en", "zh") if lang is None else (("zh",) if lang.lower().startswith("zh") else ("en",))
    term_score = 0.0
    matched_terms = 0
    for kind, term in q.terms:
        per_field: list[float] = []
        for fname, weight in FIELD_WEIGHTS.items():
            best_here = 0.0
            for lg in langs:
                text = fields[f"{fname}:{lg}"]
                if not text:
                    continue
                if kind == "word":
                    # Words match at a word start; short ones ("1", "co") must match whole.
                    tail = r"(?![a-z0-9])" if len(term) <= 2 else ""
                    if re.search(r"(?<![a-z0-9])" + re.escape(term) + tail, text):
                        best_here = max(best_here, weight)
                elif term in text:
                    best_here = max(best_here, weight * 1.5)
                else:
                    grams = _bigrams(term)
                    frac = sum(1 for g in grams if g in text) / len(grams)
                    if frac >= 0.5:
                        best_here = max(best_here, weight * frac * 0.8)
            per_field.append(best_here)
        best = max(per_field)
        if best > 0:
            matched_terms += 1
            term_score += best + 0.25 * (sum(per_field) - best)
    if q.terms:
        term_score *= (matched_terms / len(q.terms)) ** 1.5
        if term_score > 0 and len(q.text) > 3:
            for fname in ("title", "hints"):
                for lg in langs:
                    if q.text in fields[f"{fname}:{lg}"]:
                        term_score += 3.0
    ids = _ids(req)
    id_bonus = 0.0
    if q.id_key in ids:
        id_bonus = 50.0
    elif len(q.id_key) >= 3 and any(q.id_key == i.split(":")[-1] for i in ids):
        id_bonus = 40.0
    score = term_score + id_bonus
    # Between equal matches, prefer what applies today over what is upcoming or withdrawn.
    score *= STATUS_WEIGHTS.get(req.status, 1.0)
    return 0.0 if math.isclose(score, 0.0) else score


# -- module-level API over the cached default library -------------------------------------------------
@functools.lru_cache(maxsize=1)
def default_library() -> FrameworkLibrary:
    """The bundled library, built once on first use."""
    return FrameworkLibrary.from_directory(DATA_DIR)


def list_frameworks() -> list[Framework]:
    return default_library().list_frameworks()


def get_framework(fid: str) -> Framework:
    return default_library().get_framework(fid)


def get_requirement(ref: str) -> Requirement:
    return default_library().get_requirement(ref)


def requirements_for_chapter(chapter_id: str, frameworks: list[str] | None = None) -> list[Requirement]:
    return default_library().requirements_for_chapter(chapter_id, frameworks)


def crosswalk(ref: str) -> list[Requirement]:
    return default_library().crosswalk(ref)


def search(query: str, lang: str | None = None) -> list[Requirement]:
    return default_library().search(query, lang)


def chapters() -> list[Chapter]:
    return default_library().chapters()


def sbti_rules() -> list[SbtiRule]:
    return default_library().sbti_rules()


def load_checklist(path: str | Path, framework_id: str | None = None) -> Framework:
    """A user checklist (CSV or XLSX with an id and a question column) as a Framework; items whose
    group names a built-in disclosure (e.g. TCFD "G-1") are linked to it."""
    from .checklist import load_checklist as _load

    return _load(path, framework_id=framework_id, library=default_library())
