"""Sanity checks for the bilingual zh-TW <-> English ESG glossary (disclosure/glossary.yaml)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

GLOSSARY = Path(__file__).resolve().parents[1] / "disclosure" / "glossary.yaml"

GROUPS = {
    "ghg", "energy", "governance", "risk", "strategy", "targets", "finance",
    "supply-chain", "carbon-market", "reporting", "water-waste", "general",
}

# Simplified-only forms whose Traditional counterparts are common in ESG text
# (範 電 氣 觀 對 發 經 實 風 險 應 資 產 業 標 ...). None may appear in a zh-TW variant.
# Characters shared by both scripts (碳, 源, 排, 放 ...) are deliberately not listed.
SIMPLIFIED_ONLY = set("范电气观对发经实风险应资产业标")
SIMPLIFIED_ONLY |= set("体买务与为运输链购废弃处认证报书环绿节减变迁议会员长质价权组织")


@pytest.fixture(scope="module")
def terms() -> list[dict]:
    data = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert isinstance(data["terms"], list)
    return data["terms"]


def test_at_least_180_entries(terms):
    assert len(terms) >= 180


def test_entry_shape(terms):
    for entry in terms:
        assert set(entry) == {"zh", "en", "group"}, entry
        assert entry["group"] in GROUPS, entry
        for key in ("zh", "en"):
            values = entry[key]
            assert isinstance(values, list) and values, entry
            for value in values:
                # Unquoted YAML can silently turn a variant into a number/bool or split it on a comma.
                assert isinstance(value, str), (key, value, entry)
                assert value and value == value.strip(), (key, value)
            assert len(set(values)) == len(values), ("duplicate variant within entry", entry)


def test_zh_variants_are_traditional(terms):
    for entry in terms:
        for zh in entry["zh"]:
            assert re.search(r"[\u4e00-\u9fff]", zh), ("zh variant without Han characters", zh)
            bad = SIMPLIFIED_ONLY.intersection(zh)
            assert not bad, (zh, sorted(bad))
            # Big5 (cp950) holds Traditional forms; most simplified-only characters are outside it.
            zh.encode("cp950")


def test_en_variants_lower_case_except_acronyms(terms):
    for entry in terms:
        for en in entry["en"]:
            assert not re.search(r"[\u4e00-\u9fff]", en), en
            for token in re.split(r"[\s/-]+", en):
                # "Board", "Paris" etc. should be lower case; "GHG", "kWh", "T-REC", "CO2e" are fine.
                assert not re.fullmatch(r"[A-Z][a-z']+", token), (en, token)


def test_no_duplicate_zh_variant_across_entries(terms):
    counts = Counter(zh for entry in terms for zh in entry["zh"])
    dupes = sorted(zh for zh, n in counts.items() if n > 1)
    assert not dupes, dupes


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("範疇一", "scope 1"),
        ("外購電力", "purchased electricity"),
        ("董事會", "board"),
        ("情境分析", "scenario analysis"),
        ("再生能源憑證", "T-REC"),
    ],
)
def test_required_pairs(terms, zh, en):
    assert any(zh in entry["zh"] and en in entry["en"] for entry in terms), (zh, en)
