"""A draft written by the drafting engine checks clean, in the gap check, on the requirements it covers."""
from __future__ import annotations

import pytest

from builders import make_docx, make_pdf
from drafting_corpus import CHARTER, GHG_REPORT
from disclosure.gap import GapChecker, item_from_requirement

@pytest.fixture
def corpus(tmp_path, evidence_base):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "永續發展委員會組織規程.pdf").write_bytes(make_pdf(CHARTER))
    (folder / "112年度溫室氣體盤查報告書.pdf").write_bytes(make_pdf(GHG_REPORT))
    (folder / "會議紀錄.docx").write_bytes(make_docx([
        "永續發展委員會 112年度第4次會議紀錄", "報告事項：淨零推動辦公室報告本季溫室氣體減量執行情形。",
        "決議：自112年度起，高階經理人年度績效獎金之15%與溫室氣體減量及再生能源目標連結。"]))
    report = evidence_base.ingest_paths([folder])
    assert not report.skipped, report.skipped
    return evidence_base


@pytest.mark.parametrize("chapter", ["governance", "ghg-inventory"])
def test_a_generated_draft_checks_clean_on_the_requirements_it_covers(corpus, settings, chapter):
    from disclosure.drafting import draft_chapter
    from disclosure.drafting.export import to_markdown
    from frameworks.library import get_requirement

    draft = draft_chapter(corpus, chapter, ["tcfd", "gri", "ifrs-s2"], "zh-TW")
    # The requirements the draft claims: those with at least one written (not placeholder) sentence.
    claimed = list(dict.fromkeys(r for p in draft.paragraphs if any(not s.placeholder for s in p.sentences)
                                 for r in p.requirement_ids))
    assert claimed
    items = [item_from_requirement(get_requirement(r)) for r in claimed]
    report = GapChecker(settings).check(to_markdown(draft), f"{chapter}.md", items)
    missing = [(f.ref, f.signals) for f in report.findings if f.status == "missing"]
    assert not missing
    assert all(f.evidence for f in report.findings)
