"""Grounded drafting on a small generated corpus (fake embedder, real pypdf/python-docx/openpyxl/Chroma)."""
from __future__ import annotations

import pytest

from disclosure.drafting import draft_chapter
from disclosure.drafting.validation import check_draft, numbers_in

FWS = ["gri", "tcfd", "ifrs-s2"]


def _strip_time(d):
    j = d.as_json()
    j["provenance"].pop("timestamp")
    return j


@pytest.fixture
def ghg_zh(corpus_base):
    eb, inv = corpus_base
    return draft_chapter(eb, "ghg-inventory", FWS, "zh-TW", inventory=inv)


def test_every_sentence_has_a_citation_or_is_a_placeholder(ghg_zh):
    sentences = ghg_zh.sentences()
    assert sentences
    for s in sentences:
        assert s.placeholder or s.citations, s.text
        for c in s.citations:
            assert c.ref in ghg_zh.evidence
            assert c.quote


def test_no_number_is_absent_from_evidence_or_computed_data(ghg_zh):
    assert not ghg_zh.rejected
    assert all(c.ok for c in check_draft(ghg_zh)), [c for c in check_draft(ghg_zh) if not c.ok]


def test_ghg_chapter_states_the_inventory_figures_for_the_reporting_year(ghg_zh):
    text = "".join(s.text for s in ghg_zh.sentences())
    assert ghg_zh.provenance.reporting_year == 2023
    for figure in ("8,512.0", "45,620.9", "35,740.9", "313,530.0"):
        assert figure in text
    scope1 = next(s for s in ghg_zh.sentences() if "8,512.0" in s.text)
    computed = [ghg_zh.evidence[c.ref] for c in scope1.citations if ghg_zh.evidence[c.ref].kind == "computed"]
    assert computed and computed[0].sheet == "盤查清冊" and computed[0].cell_range
    assert "天然氣" in computed[0].text  # the quote lists the rows it sums
    assert any(ghg_zh.evidence[c.ref].source.endswith(".pdf") for c in scope1.citations)  # and the report that states it


def test_computed_figures_cite_the_inventory_rows_they_sum(ghg_zh):
    s2 = next(s for s in ghg_zh.sentences() if "35,740.9" in s.text)
    cells = [ghg_zh.evidence[c.ref].cell_range for c in s2.citations if ghg_zh.evidence[c.ref].kind == "computed"]
    assert any(c and c.startswith("M") for c in cells)


def test_placeholders_become_gap_items(ghg_zh):
    placeholders = [s for s in ghg_zh.sentences() if s.placeholder]
    assert placeholders
    assert all(s.text.startswith("【待補：") for s in placeholders)
    gap_reqs = {g.requirement_id for g in ghg_zh.gaps}
    for s in placeholders:
        assert set(s.requirement_ids) <= gap_reqs
    assert "gri:305-7" in gap_reqs  # air pollutants: not in this corpus


def test_same_input_gives_the_same_draft(corpus_base):
    eb, inv = corpus_base
    a = draft_chapter(eb, "ghg-inventory", FWS, "zh-TW", inventory=inv)
    b = draft_chapter(eb, "ghg-inventory", FWS, "zh-TW", inventory=inv)
    assert _strip_time(a) == _strip_time(b)


def test_governance_names_the_committee_and_its_meeting_frequency(corpus_base):
    eb, inv = corpus_base
    d = draft_chapter(eb, "governance", FWS, "zh-TW", inventory=inv)
    text = "".join(s.text for s in d.sentences())
    assert "永續發展委員會" in text and "每季" in text
    assert "共召開4次會議" in text
    assert not d.rejected
    first = d.paragraphs[0]
    assert "tcfd:G-a" in first.requirement_ids and "ifrs_s2:6(a)" in first.requirement_ids


def test_english_draft_uses_english_patterns(corpus_base):
    eb, inv = corpus_base
    d = draft_chapter(eb, "ghg-inventory", FWS, "en", inventory=inv)
    text = " ".join(s.text for s in d.sentences())
    assert "Scope 1 (ISO 14064-1 category 1) direct emissions were 8,512.0 tCO2e" in text
    assert "35,740.9 tCO2e market-based" in text
    assert any(s.text.startswith("[TO FILL:") for s in d.sentences())
    assert not d.rejected


def test_without_inventory_figures_come_from_the_documents(corpus_base):
    eb, _inv = corpus_base
    d = draft_chapter(eb, "ghg-inventory", FWS, "zh-TW", inventory=None)
    text = "".join(s.text for s in d.sentences())
    assert "8,512.0" in text
    assert not d.rejected
    assert not any(e.kind == "computed" for e in d.evidence.values())


def test_report_preset_follows_the_four_pillars_and_indexes_tcfd(corpus_base):
    eb, inv = corpus_base
    d = draft_chapter(eb, "tcfd-report", ["gri"], "zh-TW", inventory=inv)
    assert [s.title for s in d.sections] == ["治理", "策略", "風險管理", "指標與目標"]
    index = d.tables[-1]
    assert [r[0] for r in index.rows][:2] == ["TCFD G-a", "TCFD G-b"]
    g_a = index.rows[0]
    assert g_a[3] == "已揭露" and "治理" in g_a[2]
    assert "tcfd" in d.frameworks and "ifrs_s2" in d.frameworks
    texts = [s.text for s in d.sentences()]
    assert len(texts) == len(set(texts))  # a figure stated once, not once per chapter


def test_draft_records_what_it_was_made_from(ghg_zh):
    p = ghg_zh.provenance
    assert p.inventory_sha256 and len(p.inventory_sha256) == 64
    assert p.evidence_ids and p.documents
    assert p.settings["embedding_backend"] == "fake" and p.settings["draft_args"]["chapter"] == "ghg-inventory"
    assert p.timestamp


def test_numbers_in_ignores_identifiers():
    toks = [t.text for t in numbers_in("依ISO 14064-1:2018，範疇2（類別2）SSP5-8.5下為45,620.9公噸CO2e，占21.7%。[3]")]
    assert toks == ["45,620.9", "21.7"]


def test_a_computed_total_and_share_cite_every_scope_they_are_computed_from(corpus_base):
    """The Scope 3 sentence states the total of Scopes 1-3 (367,662.9) and the Scope 3 share (85.3 %):
    it cites the Scope 1, Scope 2 and Scope 3 rows of the inventory it is computed from."""
    eb, inv = corpus_base
    d = draft_chapter(eb, "ghg-inventory", FWS, "zh-TW", inventory=inv)
    sent = next(s for s in d.sentences() if "367,662.9" in s.text)
    assert "85.3%" in sent.text
    items = [d.evidence[c.ref] for c in sent.citations if d.evidence[c.ref].kind == "computed"]
    sums = {round(e.values[0], 1) for e in items}
    assert {8512.0, 45620.9, 313530.0} <= sums  # Scope 1, Scope 2 (location) and Scope 3 rows
    assert len({e.cell_range for e in items}) >= 3
    assert not d.rejected
