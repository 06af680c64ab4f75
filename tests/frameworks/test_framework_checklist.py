"""User checklist import: CSV in the encodings Taiwanese offices produce, XLSX, and clear errors."""
from __future__ import annotations

from pathlib import Path

import pytest

from disclosure.errors import ChecklistFormatError
from frameworks.checklist import decode_csv_bytes, detect_columns, hints_from_question, load_checklist, pillar_from
from frameworks.library import DATA_DIR, FrameworkLibrary
from frameworks.library import load_checklist as load_checklist_with_default_library

RUBRIC = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "tw_tcfd" / "rubric.csv"

ZH_ROWS = [
    ("編號", "構面", "檢核項目"),
    ("G-01", "治理", "公司是否說明董事會監督氣候相關風險與機會之頻率？"),
    ("S-01", "策略", "公司是否揭露短、中、長期之氣候風險與機會，並說明情境分析之結果？"),
    ("MT-01", "指標與目標", "公司是否揭露範疇一、範疇二溫室氣體排放量（公噸CO2e）？"),
]


@pytest.fixture(scope="module")
def lib() -> FrameworkLibrary:
    return FrameworkLibrary.from_directory(DATA_DIR)


def _write_csv(path: Path, rows, encoding: str, delimiter: str = ",") -> Path:
    text = "\r\n".join(delimiter.join(f'"{c}"' for c in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp950", "big5", "utf-16", "utf-16-le"])
def test_csv_encodings_are_detected(tmp_path, encoding):
    path = _write_csv(tmp_path / "清單.csv", ZH_ROWS, encoding)
    fw = load_checklist(path)
    assert [r.id for r in fw.requirements] == ["G-01", "S-01", "MT-01"]
    assert fw.requirements[0].title.zh == ZH_ROWS[1][2]
    assert fw.requirements[2].title.zh.endswith("（公噸CO2e）？")
    assert [r.pillar for r in fw.requirements] == ["governance", "strategy", "metrics-targets"]
    assert fw.kind == "checklist"


def test_big5_bytes_are_not_mistaken_for_utf8():
    raw = "編號,問題\n1,董事會監督\n".encode("cp950")
    text, enc = decode_csv_bytes(raw)
    assert enc in {"cp950", "big5hkscs"} and "董事會監督" in text


def test_english_headers_and_semicolons(tmp_path):
    rows = [("Item ID", "Pillar", "Question"),
            ("Q1", "Governance", "Does the board oversee climate-related risks?"),
            ("Q2", "Metrics and Targets", "Are Scope 1 and Scope 2 emissions disclosed?")]
    fw = load_checklist(_write_csv(tmp_path / "my list.csv", rows, "utf-8", delimiter=";"))
    assert fw.id == "my-list"
    assert [r.pillar for r in fw.requirements] == ["governance", "metrics-targets"]
    assert "board oversee climate-related risks" in fw.requirements[0].search_hints.en


def test_xlsx_with_title_row_and_notes_sheet(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "說明"
    notes.append(["本檔案為內部檢核表"])
    ws = wb.create_sheet("檢核表")
    ws.append(["TCFD 揭露檢核表（2025）"])
    ws.append(["題號", "類別", "問題"])
    ws.append([1, "G-1", "公司是否描述董事會監督氣候議題之流程？"])
    ws.append([2, "MT-2", "公司是否揭露範疇一及範疇二排放量？"])
    ws.append([None, None, None])
    ws.append([3, "R-3", "公司是否將氣候風險整合至整體風險管理制度？"])
    path = tmp_path / "tcfd_check.xlsx"
    wb.save(path)
    fw = load_checklist(path)
    assert [r.id for r in fw.requirements] == ["1", "2", "3"]
    assert [r.section for r in fw.requirements] == ["G-1", "MT-2", "R-3"]
    assert "sheet '檢核表'" in fw.notes[0].en and "工作表 '檢核表'" in fw.notes[0].zh


def test_group_codes_link_to_builtin_disclosures(tmp_path, lib):
    rows = [("id", "disclosure", "question"),
            ("a", "G-1", "董事會是否定期聽取氣候風險報告？"),
            ("b", "MT-2", "是否揭露範疇一排放？"),
            ("c", "自訂", "是否有內部碳定價？")]
    fw = load_checklist(_write_csv(tmp_path / "x.csv", rows, "utf-8"), library=lib)
    by_id = {r.id: r for r in fw.requirements}
    assert by_id["a"].crosswalk == ["tcfd:G-a"] and by_id["a"].chapter == "governance"
    assert by_id["b"].crosswalk == ["tcfd:MT-b"] and by_id["b"].chapter == "ghg-inventory"
    assert by_id["c"].crosswalk == [] and by_id["c"].chapter is None
    extended = lib.with_frameworks(fw)
    assert "x:a" in extended.get_requirement("tcfd:G-a").crosswalk
    assert extended.get_requirement("x:b").title.zh == "是否揭露範疇一排放？"


def test_checklist_named_like_a_builtin_gets_a_distinct_id(tmp_path, lib):
    rows = [("id", "question"), ("1", "Is there a transition plan?")]
    fw = load_checklist(_write_csv(tmp_path / "TCFD.csv", rows, "utf-8"), library=lib)
    assert fw.id == "checklist-tcfd"
    lib.with_frameworks(fw)  # no id or alias clash


def test_duplicate_ids_are_made_unique(tmp_path):
    rows = [("id", "question"), ("1", "first"), ("1", "second"), ("", "third without id")]
    fw = load_checklist(_write_csv(tmp_path / "d.csv", rows, "utf-8"))
    assert [r.id for r in fw.requirements] == ["1", "1-2", "row-4"]


def test_unrecognisable_columns_name_what_was_found(tmp_path):
    rows = [("foo", "bar", "備註"), ("1", "x", "y")]
    with pytest.raises(ChecklistFormatError) as exc:
        load_checklist(_write_csv(tmp_path / "bad.csv", rows, "utf-8"))
    msg = exc.value.message
    assert "'foo'" in msg and "'bar'" in msg and "'備註'" in msg and "題號" in msg


def test_xlsx_without_recognisable_columns(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.append(["a", "b"])
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    with pytest.raises(ChecklistFormatError, match="'a', 'b'"):
        load_checklist(path)


def test_header_without_items_is_an_error(tmp_path):
    with pytest.raises(ChecklistFormatError, match="no items"):
        load_checklist(_write_csv(tmp_path / "empty.csv", [("id", "question")], "utf-8"))


@pytest.mark.parametrize("name,content", [("old.xls", b"\xd0\xcf\x11\xe0"), ("notes.pdf", b"%PDF-1.4")])
def test_unsupported_file_types(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ChecklistFormatError):
        load_checklist(path)


def test_missing_file(tmp_path):
    with pytest.raises(ChecklistFormatError, match="no such file"):
        load_checklist(tmp_path / "nope.csv")


def test_corrupt_xlsx(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a zip")
    with pytest.raises(ChecklistFormatError, match="xlsx"):
        load_checklist(path)


def test_detect_columns_prefers_question_over_description():
    cols = detect_columns(["Description", "Question", "ID", "Category"])
    assert cols == {"id": 2, "question": 1, "group": 3}


@pytest.mark.parametrize("text,pillar", [("G", "governance"), ("治理", "governance"), ("S-2", "strategy"),
                                         ("風險管理", "risk-management"), ("MT-3", "metrics-targets"),
                                         ("Metrics & Targets", "metrics-targets"), ("其他", None), ("", None)])
def test_pillar_labels(text, pillar):
    assert pillar_from(text) == pillar


def test_hints_from_a_zh_question_drop_the_boilerplate():
    hints = hints_from_question("公司是否描述向董事會和/或董事會下設委員會，報告氣候相關風險與機會之頻率？")
    assert "董事會下設委員會" in hints.zh
    assert not any(h.startswith("公司是否") for h in hints.zh)


def test_rubric_csv_imports_91_items():
    if not RUBRIC.is_file():
        pytest.skip("shared eval rubric not present")
    fw = load_checklist_with_default_library(RUBRIC)
    assert len(fw.requirements) == 91
    ids = [r.id for r in fw.requirements]
    assert ids[0] == "G-1-1_1" and "#S-1-5_#S1" in ids
    assert [s.id for s in fw.sections] == ["G-1", "G-2", "S-1", "S-2", "S-3", "R-1", "R-2", "R-3", "MT-1", "MT-2", "MT-3"]
    tcfd_order = ["tcfd:G-a", "tcfd:G-b", "tcfd:S-a", "tcfd:S-b", "tcfd:S-c", "tcfd:R-a", "tcfd:R-b", "tcfd:R-c",
                  "tcfd:MT-a", "tcfd:MT-b", "tcfd:MT-c"]
    links = {r.section: r.crosswalk for r in fw.requirements}
    assert [links[s.id] for s in fw.sections] == [[ref] for ref in tcfd_order]
    banking = [r for r in fw.requirements if r.id.startswith("#")]
    assert banking and all(r.crosswalk for r in banking)
    multi_line = next(r for r in fw.requirements if r.id == "R-2-2_53")
    assert "\n" in multi_line.title.zh  # quoted multi-line questions stay one item
    assert {r.pillar for r in fw.requirements} == {"governance", "strategy", "risk-management", "metrics-targets"}
