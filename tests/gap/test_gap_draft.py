"""A draft written by the drafting engine checks clean, in the gap check, on the requirements it covers."""
from __future__ import annotations

import pytest

from builders import make_docx, make_pdf
from disclosure.gap_check import GapChecker, item_from_requirement

CHARTER = [
    "永續發展委員會組織規程\n第三條 本委員會隸屬於董事會，委員由董事會決議委任之，人數不得少於三人，其中獨立董事應占半數以上。\n"
    "第四條 本委員會之職權如下：\n二、審議本公司氣候變遷因應策略與溫室氣體減量目標，並督導其執行。",
    "第五條 本委員會下設淨零推動辦公室，由永續長擔任召集人，負責擬訂減碳路徑並追蹤各項目標之達成情形。\n"
    "淨零推動辦公室應每季向本委員會報告執行情形。\n第六條 本委員會每季至少召開一次，並得視需要召開臨時會議。\n"
    "第十一條 本委員會每年至少二次向董事會報告氣候相關議題之執行成果。",
]
GHG_REPORT = [
    "112年度溫室氣體盤查報告書\n本公司依ISO 14064-1:2018執行組織型溫室氣體盤查，並採營運控制權法設定組織邊界。\n"
    "本公司以110年（2021年）為基準年，理由為該年度為首次完整盤查之年度。",
    "112年度範疇一排放量為8,512.0公噸CO2e。\n112年度範疇二排放量依地點基準計算為45,620.9公噸CO2e，依市場基準計算為35,740.9公噸CO2e。\n"
    "範疇三排放量為313,530.0公噸CO2e。",
]


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
