"""Bilingual ESG glossary (zh-TW ↔ English) for cross-language query expansion.

The data lives in ``glossary.yaml`` beside this module; each entry is a group of zh-TW and English
variants that mean the same thing (範疇二 ↔ Scope 2 ↔ indirect energy emissions).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

GLOSSARY_PATH = Path(__file__).with_name("glossary.yaml")


@dataclass(frozen=True)
class TermGroup:
    zh: tuple[str, ...]
    en: tuple[str, ...]
    group: str = "general"


@functools.lru_cache(maxsize=4)
def load_glossary(path: Path = GLOSSARY_PATH) -> tuple[TermGroup, ...]:
    if not path.is_file():
        return ()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    for t in data.get("terms", []):
        zh = tuple(str(x) for x in (t.get("zh") or []) if str(x).strip())
        en = tuple(str(x) for x in (t.get("en") or []) if str(x).strip())
        if zh and en:
            out.append(TermGroup(zh, en, str(t.get("group", "general"))))
    return tuple(out)


@functools.lru_cache(maxsize=4)
def load_synonyms(path: Path = GLOSSARY_PATH) -> dict[str, tuple[str, ...]]:
    """The glossary's zh-TW near-synonyms: word → the words that may stand for it (鑑別 → 辨識, 識別)."""
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): tuple(str(v) for v in (vs or [])) for k, vs in (data.get("synonyms") or {}).items()}


# Compiled once per term: the glossary has more patterns than `re`'s own cache (512) holds, so
# without this every query recompiled them all (~150 ms of a 170 ms search, bench/scale.py).
@functools.lru_cache(maxsize=16384)
def _zh_pattern(term: str) -> re.Pattern:
    return re.compile(re.escape(term) + (r"(?!\d)" if term[-1].isdigit() else ""))


@functools.lru_cache(maxsize=16384)
def _en_pattern(term_lower: str) -> re.Pattern:
    return re.compile(r"(?<![a-z0-9])" + re.escape(term_lower) + r"(?![a-z0-9])")


def _zh_in(term: str, text: str) -> bool:
    """Substring match, except that a term ending in a digit must not run on into another digit
    (類別1 is not in 類別10)."""
    if not term[-1].isdigit():
        return term in text
    return _zh_pattern(term).search(text) is not None


def _en_in(term: str, text_lower: str) -> bool:
    return _en_pattern(term.lower()).search(text_lower) is not None


def expand_query(query: str, glossary: tuple[TermGroup, ...] | None = None, limit: int = 12) -> list[str]:
    """Variants to add to ``query``: for each glossary group the query mentions (in either
    language), the group's variants in the other language, plus same-language synonyms.
    Longer matches win, so 範疇二 does not also pull in the group for a shorter overlapping term."""
    glossary = load_glossary() if glossary is None else glossary
    low = query.lower()
    matched: list[tuple[int, TermGroup, str]] = []
    for g in glossary:
        hits = [z for z in g.zh if _zh_in(z, query)] + [e for e in g.en if _en_in(e, low)]
        if hits:
            best = max(hits, key=len)
            matched.append((len(best), g, best))
    matched.sort(key=lambda m: -m[0])
    covered: list[str] = []
    out: list[str] = []
    for _, g, hit in matched:
        if any(hit in c and hit != c for c in covered):
            continue
        covered.append(hit)
        for v in (*g.zh, *g.en):
            if v != hit and v.lower() not in low and v not in out:
                out.append(v)
    return out[:limit]


def _matches(query: str, glossary: tuple[TermGroup, ...]) -> list[tuple[str, TermGroup, bool]]:
    """Non-overlapping glossary hits in ``query``, longest first: (matched text, group, is_zh)."""
    low = query.lower()
    found: list[tuple[str, TermGroup, bool]] = []
    for g in glossary:
        for z in g.zh:
            if _zh_in(z, query):
                found.append((z, g, True))
        for e in g.en:
            if _en_in(e, low):
                found.append((e, g, False))
    found.sort(key=lambda m: -len(m[0]))
    taken: list[tuple[int, int]] = []
    out = []
    for text, g, is_zh in found:
        start = (query if is_zh else low).find(text.lower() if not is_zh else text)
        span = (start, start + len(text))
        if start < 0 or any(not (span[1] <= a or span[0] >= b) for a, b in taken):
            continue
        taken.append(span)
        out.append((text, g, is_zh))
    return out


def query_groups(query: str, glossary: tuple[TermGroup, ...] | None = None) -> list[TermGroup]:
    """The glossary groups ``query`` mentions (non-overlapping, longest match first)."""
    glossary = load_glossary() if glossary is None else glossary
    return [g for _, g, _ in _matches(query, glossary)]


def group_spans(group: TermGroup, text: str, text_lower: str) -> list[tuple[int, int]]:
    """Where ``text`` mentions ``group``, matched as :func:`expand_query` matches a query (Chinese
    variants in ``text``, English ones as whole words in ``text_lower``)."""
    spans = [m.span() for z in group.zh for m in _zh_pattern(z).finditer(text)]
    return spans + [m.span() for e in group.en for m in _en_pattern(e.lower()).finditer(text_lower)]


def translate_query(query: str, glossary: tuple[TermGroup, ...] | None = None) -> str | None:
    """The query with each glossary term replaced by its main variant in the other language
    ("Scope 2 emissions 2023" → "範疇二排放 2023"), or None when no term matched. Words the glossary
    does not know stay as they are, so years and numbers survive."""
    glossary = load_glossary() if glossary is None else glossary
    hits = _matches(query, glossary)
    if not hits:
        return None
    out = query
    for text, g, is_zh in hits:
        target = g.en[0] if is_zh else g.zh[0]
        if is_zh:
            out = out.replace(text, f" {target} ", 1)
        else:
            out = re.sub(re.escape(text), target, out, count=1, flags=re.I)
    return re.sub(r"\s+", " ", out).strip()
