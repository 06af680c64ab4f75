"""The sample corpus's inventory workbook (when the corpus has been built) against the fact sheet."""
from __future__ import annotations

from pathlib import Path

import pytest

from disclosure.facts.consistency import check_consistency
from disclosure.ghg import check_targets, load_inventory, load_targets, summarize, verdict

from ghg_sample import CORPUS_WORKBOOK, FACTS, S3_2023

pytestmark = pytest.mark.skipif(not CORPUS_WORKBOOK.is_file(), reason="corpus workbook not built yet")


@pytest.fixture(scope="module")
def corpus_inventory():
    return load_inventory(CORPUS_WORKBOOK)


def test_corpus_totals_equal_the_fact_sheet(corpus_inventory):
    for year, f in FACTS.items():
        s = summarize(corpus_inventory, year)
        assert s.by_scope[1] == pytest.approx(f["s1"], abs=0.05), year
        assert s.scope2_location == pytest.approx(f["s2_loc"], abs=0.05), year
        assert s.scope2_market == pytest.approx(f["s2_mkt"], abs=0.05), year
        assert s.by_scope[3] == pytest.approx(f["s3"], abs=0.05), year
    s = summarize(corpus_inventory, 2023)
    assert s.total_location == pytest.approx(367662.9, abs=0.05)
    assert s.scope12_market == pytest.approx(44252.9, abs=0.05)
    assert s.by_iso_category == pytest.approx({1: 8512.0, 2: 45620.9, 3: 23250.0, 4: 270830.0, 5: 19450.0}, abs=0.05)
    assert s.by_scope3_category == pytest.approx(S3_2023, abs=0.05)
    assert s.by_facility_scope["桃園總部暨一廠"][1] == pytest.approx(5410.0, abs=0.05)
    assert s.by_facility_scope["台中二廠"][1] == pytest.approx(3102.0, abs=0.05)


def test_corpus_rows_recompute_without_issues(corpus_inventory):
    assert corpus_inventory.issues == []
    assert sum(r.computed_tco2e is not None for r in corpus_inventory.records) > 10


def test_corpus_targets_are_sbti_compliant(corpus_inventory):
    checks = check_targets(load_targets(CORPUS_WORKBOOK), corpus_inventory)
    assert verdict(checks) is True, [c.message_en for c in checks if c.passed is False]


def test_corpus_documents_have_exactly_the_one_deliberate_inconsistency(corpus_inventory):
    converters = pytest.importorskip("disclosure.converters")
    normalization = pytest.importorskip("disclosure.normalization")
    passages = []
    for f in sorted(Path(CORPUS_WORKBOOK).parent.iterdir()):
        if f.name == CORPUS_WORKBOOK.name or f.is_dir():
            continue
        doc = converters.convert(f.read_bytes(), f.name)
        passages += [{"text": normalization.normalize_text(s.text), "source": f.name, "page": s.location.page,
                      "sheet": s.location.sheet, "cell": s.location.cell_range} for s in doc.segments]
    report = check_consistency(corpus_inventory, passages)
    (bad,) = report.disagreements
    assert (bad.metric, bad.year, bad.document_value) == ("scope:1", 2023, 8521)
    assert bad.inventory_value == pytest.approx(8512.0) and "會議紀錄" in bad.document.source
    assert len(report.agreements) >= 10
