"""Grounded drafting on the real sample corpus with the real bundled embedding model."""
from pathlib import Path

import pytest

from disclosure.drafting import draft_chapter, find_inventory
from disclosure.drafting.validation import check_draft

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus" / "documents"

pytestmark = [pytest.mark.model,
              pytest.mark.skipif(not (CORPUS / "溫室氣體盤查清冊_2021-2023.xlsx").is_file(), reason="sample corpus not built")]


@pytest.fixture(scope="module")
def sample_base(sample_corpus_base):
    return sample_corpus_base, find_inventory(sample_corpus_base, CORPUS)


def test_zh_ghg_chapter_states_the_2023_figures_with_citations(sample_base):
    eb, inv = sample_base
    assert inv is not None and inv.name == "溫室氣體盤查清冊_2021-2023.xlsx"
    d = draft_chapter(eb, "ghg-inventory", ["gri", "tcfd", "ifrs-s2"], "zh-TW", inventory=inv)
    text = "".join(s.text for s in d.sentences())
    assert d.provenance.reporting_year == 2023
    for figure in ("8,512.0", "45,620.9", "35,740.9", "313,530.0"):
        sentence = next(s for s in d.sentences() if figure in s.text and "2021" not in s.text)
        assert sentence.citations
    assert "2023年本公司範疇一" in text
    assert not d.rejected and all(c.ok for c in check_draft(d))
    assert all(s.placeholder or s.citations for s in d.sentences())
    assert d.gaps and any(s.placeholder for s in d.sentences())


def test_zh_governance_chapter_names_the_committee_and_quarterly_meetings(sample_base):
    eb, inv = sample_base
    d = draft_chapter(eb, "governance", ["gri", "tcfd", "ifrs-s2"], "zh-TW", inventory=inv)
    text = "".join(s.text for s in d.sentences())
    assert "永續發展委員會" in text and "每季" in text
    assert "共召開4次會議" in text
    assert not d.rejected
