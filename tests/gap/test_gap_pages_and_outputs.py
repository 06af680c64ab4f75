"""Pages that are not the company's disclosure, the check of an indexed document, the LLM judge
through a loopback server, messages in the UI language and the shipped verdict model."""
from __future__ import annotations

import io
import json
import re

import pytest

from builders import make_pdf
from loopback_llm import serve_chat
from disclosure.gap import GapChecker, build_document, check_claims, items_for_checklist
from disclosure.gap.judge import LLMJudge, quote_in
from disclosure.gap.service import check_indexed, check_upload
from disclosure.gap.verdict import FEATURES, MODEL_FILE, VerdictModel
from disclosure.pages import classify_page

REGULATION = ("附錄、本國銀行氣候風險財務揭露指引對照表\n"
              "銀行應定期向董事會報告氣候風險之相關資訊，以利董事會及高階管理階層於制定策略規劃時納入考量。\n"
              "董事會應核定氣候風險管理政策，並據以指導及監督銀行對氣候風險之暴險情形。\n"
              "高階管理階層應訂定氣候風險管理之政策、管理制度及監控指標，並應定期檢視其有效性。\n"
              "銀行應依內部控制三道防線架構，明確劃分各防線之氣候風險管理職責。")
GLOSSARY = "名詞解釋\nTCFD：氣候相關財務揭露。\nNGFS：央行與監理機關綠色金融網絡。\nPCAF：碳核算金融聯盟。"
ABOUT = "關於本報告書\n本報告書為本公司第一本氣候相關財務揭露報告，依TCFD之四大架構編製，供利害關係人參考。"
GOVERNANCE = ("氣候治理\n本公司董事會為氣候相關風險與機會之最高監督單位，並由董事會下設之永續發展委員會負責督導。\n"
              "永續發展委員會每季召開會議，並每半年向董事會報告氣候相關風險與機會之管理情形及目標達成進度。\n"
              "總經理擔任氣候變遷工作小組召集人，負責評估與管理氣候相關風險與機會，並定期向永續發展委員會報告。")
CHECKLIST = ("item_id,pillar,disclosure,question\n"
             "G-1-1_2,G,G-1,公司是否描述向董事會和/或董事會下設委員會，報告氣候相關風險與機會之頻率？\n"
             "#MT-1-1_3,MT,MT-1,公司是否提供內部碳價格資訊？\n")


@pytest.fixture
def checklist(tmp_path):
    p = tmp_path / "rubric.csv"
    p.write_text(CHECKLIST, encoding="utf-8")
    return items_for_checklist(p)


def test_restated_regulation_glossary_and_about_pages_are_recognised_and_body_text_is_not():
    assert classify_page(REGULATION) == "reference"
    assert classify_page(GLOSSARY) == "glossary"
    assert classify_page(ABOUT) == "about"
    assert classify_page(GOVERNANCE) == "body"
    # An about page that states the boundary or the assurance is disclosing them.
    assert classify_page(ABOUT + "\n溫室氣體排放量經第三方依ISO 14064-3查證，組織邊界採營運控制法。") == "body"
    # A glossary heading followed by the report's own numbered sections is a body page.
    assert classify_page("一、用語定義\n本文件所稱本行指本公司。\n二、氣候治理\n董事會每季聽取報告。") == "body"


def test_a_page_restating_what_banks_must_do_never_counts_as_evidence(settings, checklist):
    report = GapChecker(settings).check(make_pdf(["本行簡介\n本行成立於1950年。", REGULATION]), "r.pdf", checklist)
    assert report.excluded_pages == {2: "reference"}
    freq = report.finding("G-1-1_2")
    assert freq.status == "missing" and all(e.page != 2 for e in freq.evidence)


def test_an_indexed_document_is_checked_from_its_stored_chunks_without_embedding_again(evidence_base, tmp_path,
                                                                                        checklist, monkeypatch):
    pdf = make_pdf(["目錄\n氣候治理 .......... 2\n風險管理 .......... 3\n指標 .......... 4", GOVERNANCE, REGULATION])
    (tmp_path / "report.pdf").write_bytes(pdf)
    evidence_base.ingest_paths([tmp_path / "report.pdf"])
    calls = []
    real = type(evidence_base.embedder).embed_passages
    monkeypatch.setattr(type(evidence_base.embedder), "embed_passages",
                        lambda self, texts: calls.append(len(texts)) or real(self, texts))
    indexed = check_indexed(evidence_base, "report.pdf", checklist)
    assert calls == []  # the stored vectors were reused
    assert indexed.doc_id and indexed.source == "report.pdf"
    assert indexed.excluded_pages == {1: "toc", 3: "reference"}
    uploaded = check_upload(evidence_base.settings, pdf, "report.pdf", checklist, cache_dir=tmp_path / "cache")
    assert [f.status for f in indexed.findings] == [f.status for f in uploaded.findings]
    assert indexed.finding("G-1-1_2").evidence[0].page == 2


def test_findings_and_claims_come_in_zh_tw_and_english_and_export_in_the_ui_language(settings, checklist):
    import openpyxl

    from disclosure.gap import report_csv_bytes, report_xlsx_bytes

    report = GapChecker(settings).check(make_pdf([GOVERNANCE, "本公司承諾於2050年達成淨零排放。"]), "r.pdf", checklist)
    price = report.finding("#MT-1-1_3")
    assert price.missing_in("en") == ["#MT-1-1_3: no internal carbon price (an amount per tonne)"]
    assert price.missing_in("zh-TW") == ["#MT-1-1_3：未提供內部碳價（每公噸金額）"]
    net_zero = next(c for c in report.claims if c.kind == "net_zero")
    assert "90 %" in net_zero.problem_in("en") and "淨零聲明" in net_zero.problem_in("zh-TW")
    wb = openpyxl.load_workbook(io.BytesIO(report_xlsx_bytes(report, "zh-TW")))
    assert wb.sheetnames == ["檢核結果", "得分", "宣稱檢核", "內容索引"]  # sheet names in the file's language too
    rows = list(wb["檢核結果"].iter_rows(values_only=True))
    assert rows[0][:6] == ("準則框架", "代碼", "揭露要求", "構面", "狀態", "揭露機率")
    assert any("未提供內部碳價" in (r[9] or "") for r in rows[1:])
    ids = rows[0].index("status_id")  # the machine-readable status stays in its own column
    assert {r[ids] for r in rows[1:]} <= {"covered", "partial", "missing"}
    assert {r[4] for r in rows[1:]} <= {"已涵蓋", "部分涵蓋", "缺漏"}
    assert wb["檢核結果"].auto_filter.ref
    assert wb["檢核結果"]["E2"].fill.fgColor.rgb.endswith(("E2F0D9", "FFF2CC", "F8CBAD"))  # status coloured by its id
    claims = list(wb["宣稱檢核"].iter_rows(values_only=True))
    assert claims[0][:2] == ("類型", "嚴重度") and {r[1] for r in claims[1:]} <= {"錯誤", "警告"}
    index = list(wb["內容索引"].iter_rows(values_only=True))
    assert "status_id" in index[0] and {r[index[0].index("狀態")] for r in index[1:]} <= {"已涵蓋", "部分涵蓋", "缺漏"}  # filter / sort by probability in Excel
    assert "缺漏" in report_csv_bytes(report, "zh-TW").decode("utf-8-sig")
    assert "missing" in report_csv_bytes(report).decode("utf-8-sig")


def test_every_verdict_carries_a_probability_and_the_reasons_behind_it(settings, checklist):
    report = GapChecker(settings).check(make_pdf([GOVERNANCE]), "r.pdf", checklist)
    for f in report.findings:
        assert 0.0 <= f.probability <= 1.0 and f.reasons
    assert report.finding("G-1-1_2").probability > report.finding("#MT-1-1_3").probability


def test_the_shipped_verdict_model_names_known_features_and_holds_no_evaluation_text():
    raw = MODEL_FILE.read_text(encoding="utf-8")
    assert not re.search(r"[\u4e00-\u9fff]", raw)  # no report text, no question text
    model = VerdictModel.load()
    assert set(model.weights) <= set(FEATURES) and model.fitted_on and "gap_eval.py --fit" in model.command
    data = json.loads(raw)
    assert set(data) >= {"weights", "bias", "mean", "scale", "metrics"}


# ---------------------------------------------------------------------- the optional LLM judge
def _judge_settings(settings, port):
    return settings.model_copy(update={"llm_backend": "openai", "llm_model": "judge", "llm_timeout_s": 20.0,
                                       "llm_base_url": f"http://127.0.0.1:{port}/v1", "gap_llm_judge": True})


def test_the_llm_judge_is_kept_only_when_its_quote_is_in_a_passage(settings, checklist):
    def reply(system, user, body):
        assert "data, never instructions" in system and "<<<" in user
        if "頻率" in user:  # a real quote: kept
            return json.dumps({"status": "covered", "quote": "永續發展委員會每季召開會議", "passage": 1,
                               "reason": "quarterly"}, ensure_ascii=False)
        return json.dumps({"status": "covered", "quote": "內部碳價為每公噸新臺幣300元", "passage": 1,
                           "reason": "invented"}, ensure_ascii=False)

    with serve_chat(reply) as server:
        from disclosure.gap.service import make_checker

        checker = make_checker(_judge_settings(settings, server.server_port))
        assert checker.judge is not None
        report = checker.check(make_pdf([GOVERNANCE]), "r.pdf", checklist)
    assert server.requests and server.requests[0]["body"]["model"] == "judge"
    freq, price = report.finding("G-1-1_2"), report.finding("#MT-1-1_3")
    assert freq.judge.kept and freq.judge.page == 1 and freq.status == "covered"
    assert not price.judge.kept and price.status == "missing" and price.evidence == []


def test_without_the_judge_setting_nothing_is_asked(settings):
    from disclosure.gap.service import make_checker

    assert make_checker(settings).judge is None
    assert make_checker(settings.model_copy(update={"gap_llm_judge": True})).judge is None  # no backend
    assert quote_in("每季召開會議", ["委員會每季 召開會議，並…"]) == 0 and quote_in("x", ["x"]) is None
    assert LLMJudge is not None


def test_claim_checks_still_run_on_the_document(settings):
    doc = build_document(make_pdf(["本公司承諾於2050年達成淨零排放。"]), "c.pdf", settings)
    assert [c.kind for c in check_claims(doc)] == ["net_zero"]
