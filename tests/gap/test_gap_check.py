"""The gap check engine on small generated documents (real pypdf, the deterministic fake embedder)."""
from __future__ import annotations

import io

import numpy as np
import pytest

from builders import make_pdf
from disclosure.pages import classify_page
from disclosure.gap import (
    GapCancelled,
    GapChecker,
    GapFinding,
    GapItem,
    build_document,
    check_claims,
    items_for_checklist,
    items_for_frameworks,
    propagate_crosswalk,
    report_csv_bytes,
    report_xlsx_bytes,
)

TOC = ("目錄\n前言 .......................................... 1\n1. 氣候治理 .......................................... 5\n"
       "2. 氣候策略 .......................................... 8\n3. 風險管理 .......................................... 12\n"
       "4. 指標與目標 .......................................... 15")
COMPANY = "公司簡介\n本公司成立於1985年，主要從事電子零組件之製造與銷售，員工約三千人。\n本年度營業收入較前一年度成長。"
GOVERNANCE = ("氣候治理\n本公司董事會為氣候相關風險與機會之最高監督單位，並由董事會下設之永續發展委員會負責督導。\n"
              "永續發展委員會每季召開會議，並每半年向董事會報告氣候相關風險與機會之管理情形及目標達成進度。\n"
              "總經理擔任氣候變遷工作小組召集人，負責評估與管理氣候相關風險與機會，並定期向永續發展委員會報告。")
EMISSIONS = ("溫室氣體排放\n本公司依GHG Protocol及ISO 14064-1盤查，採營運控制法。\n"
             "2023年範疇一排放量為8,512.0公噸CO2e，範疇二排放量為45,620.9公噸CO2e（地點基準）。\n"
             "2023年範疇三排放量為313,530.0公噸CO2e。")
TCFD_INDEX = ("附錄 TCFD 揭露建議對照表\n建議揭露事項 對應章節\n描述董事會對氣候相關風險與機會的監督情況 1.1 氣候治理架構\n"
              "描述管理階層在評估和管理氣候相關風險與機會的角色 1.2 管理階層\n描述組織所鑑別的短中長期氣候相關風險與機會 2.1 風險鑑別\n"
              "揭露範疇一、範疇二和範疇三溫室氣體排放 5.0 碳排結構")

CHECKLIST_CSV = (
    "item_id,pillar,disclosure,question\n"
    "G-1-1_1,G,G-1,公司是否描述向董事會和/或董事會下設委員會，定期報告氣候相關風險與機會之流程？\n"
    "G-1-1_2,G,G-1,公司是否描述向董事會和/或董事會下設委員會，報告氣候相關風險與機會之頻率？\n"
    "G-2-1_6,G,G-2,公司是否描述已分派氣候相關責任給管理職位或委員會？\n"
    "#MT-1-1_3,MT,MT-1,公司是否提供內部碳價格資訊？\n"
    "MT-2-1_67,MT,MT-2,公司是否揭露範疇一、範疇二的溫室氣體排放？\n"
)


@pytest.fixture
def checker(settings):
    return GapChecker(settings)


@pytest.fixture
def checklist(tmp_path):
    path = tmp_path / "rubric.csv"
    path.write_text(CHECKLIST_CSV, encoding="utf-8")
    return items_for_checklist(path)


def by_id(report, rid):
    return report.finding(rid)


# ---------------------------------------------------------------------- pages that are not evidence
def test_dotted_leader_table_of_contents_is_recognised():
    assert classify_page(TOC) == "toc"
    assert classify_page("目錄\n氣候治理 .......... 5\n氣候策略 .......... 8\n風險管理 .......... 12") == "toc"


def test_a_disclosure_index_table_is_recognised_and_body_text_is_not():
    assert classify_page(TCFD_INDEX) == "index"
    assert classify_page(GOVERNANCE) == "body"
    assert classify_page(EMISSIONS) == "body"


def test_an_index_that_runs_over_the_next_page_is_followed_by_its_repeated_header():
    first = "GRI content index\nDisclosure Reference Omission\n2-9 Governance structure p. 12\n2-12 Role of the board p. 14"
    second = "Disclosure Reference Omission\n305-1 Direct emissions p. 40\n305-2 Indirect emissions p. 41"
    kinds = []
    prev = None
    from disclosure.pages import page_heading

    for text in (first, second):
        kind = classify_page(text, prev)
        kinds.append(kind)
        prev = f"{kind}|{page_heading(text)}"
    assert kinds == ["index", "index"]


def test_toc_only_mention_of_governance_does_not_cover_governance(checker, checklist, settings):
    pdf = make_pdf([TOC, COMPANY])
    report = checker.check(pdf, "toc_only.pdf", checklist + items_for_frameworks(["tcfd"]))
    assert report.excluded_pages == {1: "toc"}
    for rid in ("G-1-1_1", "G-1-1_2", "G-2-1_6", "G-a", "G-b"):
        f = by_id(report, rid)
        assert f.status == "missing", (rid, f.status, f.signals)
        assert all(e.page != 1 for e in f.evidence)
    # The document still reads: its one body page is indexed.
    assert [p.page for p in build_document(pdf, "toc_only.pdf", settings).passages] == [2]


def test_index_page_never_counts_as_evidence(checker, checklist):
    report = checker.check(make_pdf([COMPANY, TCFD_INDEX]), "index_only.pdf", checklist)
    assert report.excluded_pages == {2: "index"}
    assert all(f.status == "missing" for f in report.findings)


# ---------------------------------------------------------------------- verdicts with evidence
def test_governance_text_covers_governance_items_with_page_and_quote(checker, checklist):
    report = checker.check(make_pdf([TOC, COMPANY, GOVERNANCE]), "report.pdf", checklist)
    freq = by_id(report, "G-1-1_2")
    assert freq.status in ("covered", "partial")
    assert "frequency" in freq.found
    assert freq.evidence and freq.evidence[0].page == 3 and "每半年" in freq.evidence[0].text
    assert freq.evidence[0].source == "report.pdf"
    assert any(h.text in ("每季", "每半年") for h in freq.detectors.get("frequency", []))
    assert by_id(report, "G-2-1_6").status in ("covered", "partial")
    # Nothing in the report gives an internal carbon price or emissions.
    price = by_id(report, "#MT-1-1_3")
    assert price.status == "missing" and price.missing == ["#MT-1-1_3: no internal carbon price (an amount per tonne)"]
    assert by_id(report, "MT-2-1_67").status == "missing"


def test_frequency_question_is_missing_without_a_frequency(checker, checklist):
    no_freq = GOVERNANCE.replace("每季召開會議，並每半年", "召開會議，並")
    report = checker.check(make_pdf([no_freq]), "report.pdf", checklist)
    f = by_id(report, "G-1-1_2")
    assert f.status == "missing"
    assert any("frequency" in m for m in f.missing)


def test_checklist_ids_are_kept_exactly_as_written(checklist):
    assert [i.requirement_id for i in checklist] == ["G-1-1_1", "G-1-1_2", "G-2-1_6", "#MT-1-1_3", "MT-2-1_67"]
    assert checklist[0].pillar == "governance" and checklist[3].pillar == "metrics-targets"


def test_emission_figures_cover_the_scope_item_and_framework_data_points(checker, checklist):
    items = checklist + items_for_frameworks(["tcfd"])
    report = checker.check(make_pdf([EMISSIONS]), "ghg.pdf", items)
    assert by_id(report, "MT-2-1_67").status in ("covered", "partial")
    mtb = by_id(report, "MT-b")
    assert mtb.status in ("covered", "partial") and mtb.pages == [1]
    assert any("8,512.0" in h.text for h in mtb.detectors["ghg_quantity"])
    assert {h.text.replace(" ", "") for h in mtb.detectors["scope"]} >= {"範疇一", "範疇二"}


def test_framework_requirement_names_what_is_missing(checker):
    text = EMISSIONS.replace("本公司依GHG Protocol及ISO 14064-1盤查，採營運控制法。\n", "")
    report = checker.check(make_pdf([text]), "ghg.pdf", items_for_frameworks(["gri"]))
    f = by_id(report, "305-1")
    assert f.status == "partial"
    assert "305-1: no consolidation approach stated (operational / financial control, equity share)" in f.missing
    assert "305-1: no GWP source stated" in f.missing


def test_pasted_text_is_checked_like_a_file(checker, checklist):
    report = checker.check(GOVERNANCE.replace("\n", "\n\n"), "pasted text", checklist)
    f = by_id(report, "G-1-1_2")
    assert f.status in ("covered", "partial") and f.evidence[0].page is None and f.evidence[0].location.startswith("¶")


def test_results_are_deterministic(checker, checklist):
    pdf = make_pdf([TOC, GOVERNANCE, EMISSIONS])
    a = checker.check(pdf, "r.pdf", checklist).model_dump()
    b = checker.check(pdf, "r.pdf", checklist).model_dump()
    assert a == b


def test_scores_per_framework_and_pillar_and_content_index(checker, checklist):
    report = checker.check(make_pdf([TOC, GOVERNANCE, EMISSIONS]), "r.pdf", checklist)
    rows = {(s.framework, s.pillar): s for s in report.scores}
    overall = rows[("rubric", None)]
    assert overall.total == 5 and overall.covered + overall.partial + overall.missing == 5
    assert ("rubric", "governance") in rows and ("rubric", "metrics-targets") in rows
    index = {r.requirement_id: r.pages for r in report.content_index}
    assert index["G-1-1_2"] == [2] and index["#MT-1-1_3"] == []


# ---------------------------------------------------------------------- crosswalk
def _finding(ref, status, asked=(), evidence_text="", missing=()):
    from disclosure.gap import EvidenceQuote

    fw, rid = ref.split(":", 1)
    ev = [EvidenceQuote(source="r.pdf", page=3, text=evidence_text)] if evidence_text else []
    return GapFinding(requirement_id=rid, framework=fw, ref=ref, title=rid, status=status, score=0.1, evidence=ev,
                      asked=list(asked), missing=list(missing))


def test_an_item_covered_for_tcfd_counts_toward_its_crosswalked_gri_requirement():
    mtb = _finding("tcfd:MT-b", "covered", evidence_text="2023年範疇一排放量為8,512.0公噸CO2e，採營運控制法。")
    gri = _finding("gri:305-1", "missing", asked=["scope12", "consolidation_approach", "gwp_source"],
                   missing=["305-1: no Scope 1 / Scope 2 figure",
                            "305-1: no consolidation approach stated (operational / financial control, equity share)",
                            "305-1: no GWP source stated"])
    items = {"gri:305-1": GapItem("305-1", "gri", "305-1", "metrics-targets", "q", crosswalk=["tcfd:MT-b"]),
             "tcfd:MT-b": GapItem("MT-b", "tcfd", "MT-b", "metrics-targets", "q", crosswalk=["gri:305-1"])}
    out = {f.ref: f for f in propagate_crosswalk([mtb, gri], items)}
    g = out["gri:305-1"]
    assert g.status == "partial" and g.via == ["tcfd:MT-b"]
    assert g.evidence and g.evidence[0].page == 3
    assert g.missing == ["305-1: no GWP source stated"]
    assert out["tcfd:MT-b"] == mtb


def test_builtin_frameworks_carry_their_crosswalk_links():
    items = {i.ref: i for i in items_for_frameworks(["tcfd", "gri"])}
    assert "gri:305-1" in items["tcfd:MT-b"].crosswalk


# ---------------------------------------------------------------------- claim checks
CLAIMS = ("本公司2023年達成碳中和，並取得查證聲明。\n"
          "本公司依PAS 2060於2026年3月宣告產品碳中和。\n"
          "本公司減碳目標已通過SBTi審查，符合1.5°C路徑。\n"
          "本公司承諾於2050年達成淨零排放。\n"
          "2023年範疇二排放量依市場基準計算為35,740.9公噸CO2e。")


def test_claims_without_their_standard_elements_are_flagged_with_sentence_and_page(settings):
    doc = build_document(make_pdf([COMPANY, CLAIMS]), "claims.pdf", settings)
    flags = {c.kind: c for c in check_claims(doc)}
    assert set(flags) == {"carbon_neutral", "pas2060", "sbti_or_1_5c", "net_zero", "scope2_market_only"}
    assert all(c.page == 2 and c.source == "claims.pdf" for c in flags.values())
    assert "碳中和" in flags["carbon_neutral"].sentence and "ISO 14068-1" in flags["carbon_neutral"].problem
    assert flags["pas2060"].severity == "error" and "2025-11-30" in flags["pas2060"].problem
    assert "SBTi" in flags["sbti_or_1_5c"].sentence
    assert "90 %" in flags["net_zero"].problem
    assert "市場基準" in flags["scope2_market_only"].sentence


def test_claims_backed_by_their_elements_are_not_flagged(settings):
    backed = ("本公司依ISO 14068-1達成碳中和：先執行減量計畫，剩餘排放以Gold Standard登錄平台註銷之碳權抵換，碳權年份為2022年。\n"
              "本公司減碳目標已通過SBTi審查：以2021年為基準年，2030年範疇一及範疇二絕對排放減少42%。\n"
              "本公司承諾於2050年達成淨零排放，長期目標為較基準年減少90%排放。\n"
              "範疇二排放量依地點基準為45,620.9公噸CO2e，依市場基準為35,740.9公噸CO2e。")
    doc = build_document(make_pdf([backed]), "ok.pdf", settings)
    assert check_claims(doc) == []


# ---------------------------------------------------------------------- progress, cancel, cache, exports
def test_progress_is_reported_and_cancel_stops_the_check(checker, checklist):
    seen = []
    checker.check(make_pdf([GOVERNANCE]), "r.pdf", checklist, progress=lambda f, m: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    calls = {"n": 0}

    def cancel():
        calls["n"] += 1
        return calls["n"] > 2

    with pytest.raises(GapCancelled) as exc:
        checker.check(make_pdf([GOVERNANCE]), "r.pdf", checklist, cancel=cancel)
    assert exc.value.total == len(checklist) and exc.value.done < len(checklist)


class CountingEmbedder:
    def __init__(self):
        from disclosure.embeddings import FakeEmbedder

        self._e = FakeEmbedder()
        self.model_id, self.dim, self.passages = self._e.model_id, self._e.dim, 0

    def embed_passages(self, texts):
        self.passages += len(texts)
        return self._e.embed_passages(texts)

    def embed_query(self, text):
        return self._e.embed_query(text)


def test_embeddings_are_cached_on_disk_per_document_text(settings, checklist, tmp_path):
    pdf = make_pdf([GOVERNANCE, EMISSIONS])
    first = CountingEmbedder()
    a = GapChecker(settings, embedder=first, cache_dir=tmp_path / "cache").check(pdf, "r.pdf", checklist)
    assert first.passages > 0
    second = CountingEmbedder()
    b = GapChecker(settings, embedder=second, cache_dir=tmp_path / "cache").check(pdf, "r.pdf", checklist)
    assert second.passages == 0
    assert a.model_dump() == b.model_dump()


def test_findings_export_to_xlsx_and_csv(checker, checklist):
    import openpyxl

    report = checker.check(make_pdf([GOVERNANCE]), "r.pdf", checklist)
    wb = openpyxl.load_workbook(io.BytesIO(report_xlsx_bytes(report)))
    assert wb.sheetnames == ["findings", "scores", "claims", "content index"]
    rows = list(wb["findings"].iter_rows(values_only=True))
    assert rows[0][:5] == ("framework", "requirement_id", "title", "pillar", "status")
    assert [r[1] for r in rows[1:]] == [i.requirement_id for i in checklist]
    csv_text = report_csv_bytes(report).decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("framework,requirement_id,title")
    assert "#MT-1-1_3" in csv_text


def test_dense_vectors_come_from_the_configured_embedder(settings, checklist):
    from disclosure.gap import index_document

    doc = build_document(make_pdf([GOVERNANCE, EMISSIONS]), "r.pdf", settings)
    index_document(doc, CountingEmbedder(), None)
    assert doc.vectors is not None and doc.vectors.shape == (len(doc.passages), 256)
    assert np.allclose(np.linalg.norm(doc.vectors, axis=1), 1.0)
