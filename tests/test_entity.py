"""The reporting-entity check: whose document is it, compared with the workspace's profile."""
from __future__ import annotations

from builders import make_pdf

from disclosure.converters import convert
from disclosure.entity import EntityPatterns, detect_entity, load_patterns, normalize

SAMPLE = ["晨曜精密電子股份有限公司", "Chenyao Precision Electronics Co., Ltd.", "晨曜電子", "晨曜", "Chenyao"]
HEADER = "嘉和商業銀行 2022年氣候相關財務揭露報告書"


def _find(pages: list[str], name: str = "report.pdf", names=SAMPLE, code=None):
    conv = convert(make_pdf(pages), name)
    return detect_entity(conv.segments, name, names, code, kind=conv.kind)


def test_patterns_file_is_valid_and_its_regexes_compile():
    p = load_patterns()
    assert isinstance(p, EntityPatterns) and "股份有限公司" in p.zh_suffixes and p.min_score > 0


def test_a_peer_bank_report_is_another_organisation_and_never_the_workspace():
    f = _find(["嘉和商業銀行股份有限公司\n2022年氣候相關財務揭露報告書",
               f"{HEADER}\n本行董事會為氣候風險管理之最高決策單位。",
               f"{HEADER}\n嘉和銀行於2022年完成範疇一、二盤查。",
               f"{HEADER}\n本行範疇二排放量1,200公噸CO2e。"])
    assert f.other_organisation and not f.names_workspace
    assert f.entity in ("嘉和商業銀行股份有限公司", "嘉和商業銀行", "嘉和銀行")


def test_the_company_named_anywhere_makes_it_its_own_document():
    f = _find(["嘉和商業銀行股份有限公司 與 晨曜電子 之綠色融資合約摘要", "本行提供晨曜電子綠色融資。"])
    assert f.names_workspace and not f.other_organisation and f.matched_name == "晨曜電子"


def test_a_document_that_names_no_organisation_stays_evidence():
    f = _find(["永續發展委員會會議紀錄\n一、報告事項：本公司2023年用電量較前一年減少2.6%。", "二、討論事項：再生能源採購。"])
    assert f.entity is None and not f.other_organisation


def test_a_verifier_named_in_a_workbook_is_not_its_owner():
    from builders import make_xlsx

    data = make_xlsx({"排放總覽": [["年度", "範疇一", "查證機構"], [2023, 8512.0, "立衡驗證股份有限公司"]]})
    conv = convert(data, "排放數據.xlsx")
    f = detect_entity(conv.segments, "排放數據.xlsx", SAMPLE, kind=conv.kind)
    assert not f.other_organisation


def test_file_name_and_stock_code_identify_a_report_that_only_says_本行():
    f = _find(["1", "本行董事會為氣候風險管理之最高決策單位。", "本行已於2022年開始揭露ESG資訊。"],
              name="6123_嘉和銀行_2022_TCFD_報告書.pdf")
    assert f.other_organisation and f.entity == "嘉和銀行"


def test_an_english_report_naming_its_company_in_headers_and_sentences():
    page = "Northwind Widgets Inc. 2023 Climate Report\nNorthwind Widgets Inc. is committed to net zero. We cut energy use."
    f = _find([page, page, page])
    assert f.other_organisation and f.entity == "Northwind Widgets Inc."


def test_stock_code_of_the_workspace_counts_as_naming_it():
    f = _find(["嘉和商業銀行股份有限公司（股票代號：6123）永續報告書"], names=["別的公司"], code="6123")
    assert f.names_workspace and not f.other_organisation


def test_a_name_inside_a_sentence_is_cut_at_the_word_before_it():
    f = _find(["本公司與嘉和銀行簽署綠色融資契約。本公司與嘉和銀行合作。本公司與嘉和銀行往來。"], names=["別的公司"])
    assert all(not n.startswith("本公司") for n, _ in f.candidates) and f.candidates[0][0] == "嘉和銀行"


def test_normalize_joins_spaced_chinese_and_folds_full_width():
    assert normalize("華南金 控（台灣）臺北") == "華南金控(台灣)台北"
