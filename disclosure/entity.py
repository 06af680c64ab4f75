"""Whose document is it? The reporting-entity check run when a document is added.

A document names the organisation it is about on its title page, in running headers and footers,
and in the sentences where it speaks of itself (本公司 / 本行 / 本集團 / we / our company). The
check finds organisation names there (a distinctive stem before a legal form: 股份有限公司, 金控,
銀行, Co., Ltd., Inc., plc, AG …; stock codes beside them), scores them by where they appear, and
compares the result with the workspace's company profile:

- the document names the workspace's company (any of its names, aliases, or its stock code) →
  it is the company's own evidence;
- it plainly names another organisation and never the workspace's company → reference;
- it names no organisation (an internal spreadsheet, minutes) → evidence.

The patterns are data (entity.yaml); this module only applies them.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml
from pydantic import BaseModel, Field

from .models import Segment

PATTERNS_FILE = Path(__file__).with_name("entity.yaml")


class EntityPatterns(BaseModel):
    model_config = {"extra": "forbid"}

    zh_suffixes: list[str]
    en_suffixes: list[str]
    self_reference_zh: list[str]
    self_reference_en: list[str]
    zh_breakers: str
    zh_cut_words: list[str]
    stem_stoplist: list[str]
    en_stoplist: list[str]
    common_third_parties: list[str]
    stock_code_patterns: list[str]
    file_name_generic: list[str]
    file_name_min_mentions: int = Field(ge=1)
    file_name_stock_code: str
    file_name_stock_code_weight: float = Field(ge=0)
    weights: dict[str, float]
    mention_cap: int = Field(ge=1)
    title_segments: int = Field(ge=1)
    header_min_pages: int = Field(ge=2)
    min_score: float = Field(gt=0)


@lru_cache(maxsize=4)
def load_patterns(path: Path = PATTERNS_FILE) -> EntityPatterns:
    p = EntityPatterns.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    for rx in p.stock_code_patterns:
        re.compile(rx)
    return p


class EntityFinding(BaseModel):
    """What the check found: the document's organisation, and whether it is the workspace's."""

    entity: str | None = Field(default=None, description="the organisation the document is about; None when none is named")
    names_workspace: bool = Field(default=False, description="the workspace's company is named in the document")
    matched_name: str | None = Field(default=None, description="the profile name or alias found")
    candidates: list[tuple[str, float]] = Field(default_factory=list, description="best names and their scores")
    stock_codes: list[str] = Field(default_factory=list)

    @property
    def other_organisation(self) -> bool:
        """Plainly about another organisation, never naming the workspace's company."""
        return self.entity is not None and not self.names_workspace


def normalize(text: str) -> str:
    """NFKC (full-width brackets and digits to ASCII), 臺 → 台, collapsed spaces."""
    text = unicodedata.normalize("NFKC", text).replace("臺", "台")
    text = re.sub(r"[ \t\u3000]+", " ", text)
    # PDF extraction puts spaces inside Chinese words ("華南金 控")
    return re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", text)


_CJK = r"\u4e00-\u9fff"


@lru_cache(maxsize=4)
def _regexes(path: Path = PATTERNS_FILE):
    p = load_patterns(path)
    zh_suffix = "|".join(map(re.escape, sorted(p.zh_suffixes, key=len, reverse=True)))
    # a stem of CJK characters, possibly with a bracketed place: 花旗(台灣)商業銀行
    zh = re.compile(rf"((?:[{_CJK}]|\([{_CJK}]{{1,4}}\)){{2,14}}?)({zh_suffix})")
    en_suffix = "|".join(re.escape(s).replace(r"\ ", r"\s*") for s in sorted(p.en_suffixes, key=len, reverse=True))
    word = r"[A-Z][A-Za-z0-9&'\-]*\.?"
    en = re.compile(rf"\b((?:{word}\s+){{0,4}}{word}),?\s+({en_suffix})(?![A-Za-z])")
    codes = [re.compile(rx) for rx in p.stock_code_patterns]
    return zh, en, codes


def _zh_names(text: str, p: EntityPatterns, zh: re.Pattern) -> Iterable[str]:
    # The stem is matched lazily from each start; cut it after the last breaker character so that
    # "本公司與玉山銀行" yields 玉山銀行, and skip stems that are relational words (子公司, 本行).
    for m in zh.finditer(text):
        stem, suffix = m.group(1), m.group(2)
        cut = max((stem.rfind(ch) for ch in p.zh_breakers), default=-1)
        stem = stem[cut + 1:]
        for w in p.zh_cut_words:
            i = stem.rfind(w)
            if i >= 0 and len(stem) - (i + len(w)) >= 2:
                stem = stem[i + len(w):]
        core = re.sub(r"\([^)]*\)", "", stem)
        if len(core) < 2 or core in p.stem_stoplist or any(core.endswith(s) and len(core) <= len(s) + 1
                                                            for s in p.stem_stoplist if len(s) >= 2):
            continue
        name = stem + suffix
        if name in p.common_third_parties or any(name.startswith(c) for c in p.common_third_parties):
            continue
        yield name


def _en_names(text: str, p: EntityPatterns, en: re.Pattern) -> Iterable[str]:
    for m in en.finditer(text):
        words = m.group(1).split()
        while words and words[0].rstrip(".") in p.en_stoplist:
            words = words[1:]
        if not words:
            continue
        name = " ".join(words) + " " + re.sub(r"\s+", " ", m.group(2))
        if name in p.common_third_parties:
            continue
        yield name


def _names(text: str, p: EntityPatterns) -> list[str]:
    zh, en, _ = _regexes()
    return list(_zh_names(text, p, zh)) + list(_en_names(text, p, en))


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？!?；;])|(?<=\.)\s+|\n", text) if s.strip()]


def _names_workspace(text: str, names: list[str], stock_code: str | None, codes: list[re.Pattern]) -> str | None:
    low = text.casefold()
    for n in names:
        n2 = normalize(n).casefold()
        if not n2:
            continue
        if re.fullmatch(r"[a-z0-9 .,&'\-]+", n2):  # a Latin name: whole words only ("Chenyao", not "chenyaoxyz")
            if re.search(rf"(?<![a-z0-9]){re.escape(n2)}(?![a-z0-9])", low):
                return n
        elif n2 in low:
            return n
    if stock_code:
        for rx in codes:
            if any(m.group(1) == stock_code for m in rx.finditer(text)):
                return stock_code
    return None


def _file_name_names(source: str, full: str, p: EntityPatterns) -> dict[str, int]:
    """Capitalised words of the file name ("CostCo Climate Action Plan.pdf") that the text uses as a
    name often enough, in the text's spelling (Costco), with their number of mentions."""
    stem = Path(source).stem
    out: dict[str, int] = {}
    generic = {g.casefold() for g in p.file_name_generic}
    for word in re.findall(r"[A-Za-z][A-Za-z&]{2,}", stem):
        if word.casefold() in generic or not any(ch.isupper() for ch in word):
            continue
        hits = [m.group(0) for m in re.finditer(rf"(?<![A-Za-z]){re.escape(word)}(?![a-z])", full, re.IGNORECASE)
                if m.group(0)[0].isupper()]
        if len(hits) >= p.file_name_min_mentions:
            out[Counter(hits).most_common(1)[0][0]] = len(hits)
    return out


def _merge_variants(scores: Counter[str]) -> Counter[str]:
    """A name that is another name with a stray character or two before it ("循華南金控") counts
    for the shorter one (華南金控)."""
    out: Counter[str] = Counter()
    names = sorted(scores, key=len)
    for n in names:
        target = next((m for m in names if len(m) >= 4 and len(m) < len(n) <= len(m) + 2 and n.endswith(m)), n)
        out[target] += scores[n]
    return out


def detect_entity(segments: list[Segment], source: str = "", profile_names: list[str] | None = None,
                  stock_code: str | None = None, patterns: EntityPatterns | None = None,
                  kind: str = "pdf") -> EntityFinding:
    """Find the organisation ``segments`` (a converted document of ``kind``) are about, and whether
    the workspace's company (``profile_names``, ``stock_code``) is named in them or in ``source``.
    Spreadsheets have no title page: the first sheets of a workbook name suppliers and verifiers."""
    p = patterns or load_patterns()
    _, _, codes = _regexes()
    w = p.weights
    texts = [normalize(s.text) for s in segments]
    full = "\n".join(texts)
    scores: Counter[str] = Counter()
    mentions: Counter[str] = Counter()

    file_name = normalize(Path(source).stem.replace("_", " ")) if source else ""
    if file_name:
        code = re.match(p.file_name_stock_code, normalize(Path(source).stem))
        for n in set(_names(file_name, p)):
            scores[n] += w.get("title", 3.0) + (p.file_name_stock_code_weight if code else 0.0)
        for n in _file_name_names(source, full, p):
            scores[n] += w.get("title", 3.0)
    title_pages = texts[: p.title_segments] if kind not in ("xlsx", "csv") else []
    for t in title_pages:
        for n in set(_names(t, p)):
            scores[n] += w.get("title", 3.0)
    # running headers and footers: the first and last lines of pages that repeat across pages
    edge_lines: Counter[str] = Counter()
    for t in texts:
        lines = [ln.strip() for ln in t.splitlines() if ln.strip()]
        for ln in {*(lines[:2]), *(lines[-2:])}:
            edge_lines[ln] += 1
    for ln, n_pages in edge_lines.items():
        if n_pages >= p.header_min_pages:
            for n in set(_names(ln, p)):
                scores[n] += w.get("header", 2.0)
    self_zh, self_en = p.self_reference_zh, [s.casefold() for s in p.self_reference_en]
    for sent in _sentences(full):
        found = _names(sent, p)
        if not found:
            continue
        mentions.update(found)
        low = sent.casefold()
        if any(s in sent for s in self_zh) or any(s in low for s in self_en):
            for n in set(found):
                scores[n] += w.get("self_reference", 2.0)
    for n, c in mentions.items():
        scores[n] += w.get("mention", 0.5) * min(c, p.mention_cap)
    for n, c in _file_name_names(source, full, p).items() if file_name else ():
        scores[n] += w.get("mention", 0.5) * min(c, p.mention_cap)
    scores = _merge_variants(scores)
    stock = sorted({m.group(1) for rx in codes for m in rx.finditer(full)})

    ranked = [(n, round(s, 2)) for n, s in scores.most_common(5)]
    entity = ranked[0][0] if ranked and ranked[0][1] >= p.min_score else None
    matched = _names_workspace(full + "\n" + normalize(source), profile_names or [], stock_code, codes)
    return EntityFinding(entity=matched if matched and entity is None else entity,
                         names_workspace=matched is not None, matched_name=matched,
                         candidates=ranked, stock_codes=stock)
