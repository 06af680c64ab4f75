"""Shared data for the questionnaire tests: paths and a small supplier-survey question set written for
these tests (our own words), so the answering tests do not depend on the built-in sets."""
from __future__ import annotations

from pathlib import Path

from disclosure.questionnaire import Option, Question, Questionnaire

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus" / "documents"
INVENTORY_NAME = "溫室氣體盤查清冊_2021-2023.xlsx"
CDP_CSV = REPO.parent / "shared" / "eval" / "cdp" / "cdp_2026_modules_2_7.csv"


def fake_settings(data_dir):
    from disclosure.settings import load_settings

    return load_settings({"data_dir": data_dir, "embedding_backend": "fake", "strict": True, "chunk_size": 300, "chunk_overlap": 50},
                         environ={}, secrets_path=None)


def _q(qid, en, zh, answer_type="text", **kw):
    return Question(id=qid, text=en, text_alt=zh, answer_type=answer_type, **kw)


def supplier_questions(lang: str = "en") -> Questionnaire:
    """A supplier carbon survey in the shape the built-in set has (ids SC-…), English or zh-TW."""
    qs = [
        _q("SC-2.1", "Scope 1 emissions in the reporting year", "報告年度之範疇一排放量", "number", unit="tCO2e",
           fact="scope1_total", year="reporting"),
        _q("SC-2.2", "Scope 2 emissions, location-based, in the reporting year", "報告年度之範疇二排放量（地點基準）", "number",
           unit="tCO2e", fact="scope2_location", year="reporting"),
        _q("SC-2.3", "Scope 2 emissions, market-based, in the reporting year", "報告年度之範疇二排放量（市場基準）", "number",
           unit="tCO2e", fact="scope2_market", year="reporting"),
        _q("SC-3.2", "Total Scope 3 emissions in the reporting year", "報告年度之範疇三排放總量", "number", unit="tCO2e",
           fact="scope3_total", year="reporting"),
        _q("SC-3.3", "Scope 3 emissions by category 1-15", "範疇三類別1至15之排放量", "table", unit="tCO2e",
           fact="scope3_by_category", year="reporting"),
        _q("SC-4.2", "Who verified the inventory, under which standard and assurance level?",
           "盤查由何機構依何標準查證？保證等級為何？", fact="verification", year="reporting"),
        _q("SC-5.4", "Status of the targets with the SBTi", "減量目標於SBTi之狀態", "choice", fact="sbti_status",
           options=[Option(id="validated", label="Targets validated by the SBTi", label_alt="目標已通過SBTi確認"),
                    Option(id="committed", label="Committed, targets not yet validated", label_alt="已承諾，目標尚未確認"),
                    Option(id="none", label="No SBTi engagement", label_alt="未參與SBTi")]),
        _q("SC-6.3", "Renewable share of electricity in the reporting year", "報告年度再生電力占總用電比例", "number", unit="%",
           fact="renewable_share", year="reporting"),
        _q("SC-9.1", "Total water withdrawal in the reporting year", "報告年度之總取水量", "number", unit="m3"),
        _q("SC-9.2", "Share of company vehicles that are electric", "公司車隊中電動車之比例", "number", unit="%"),
    ]
    if lang == "zh-TW":
        qs = [q.model_copy(update={"text": q.text_alt, "text_alt": q.text,
                                   "options": [Option(id=o.id, label=o.label_alt, label_alt=o.label) for o in q.options]})
              for q in qs]
    return Questionnaire(id="supplier_test", title="Supplier survey (test)", language=lang, source="builtin:supplier_test",
                         kind="builtin", questions=qs)
