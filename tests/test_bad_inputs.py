"""Every kind of bad input in one batch, as a user would upload it: each bad file is skipped with a
message that says what is wrong and what to do, every good file lands, and no name can put a file
outside the data directory. Single-format cases are in test_converters.py; this is the batch view."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from builders import encrypt_pdf, make_docx, make_image_only_pdf, make_pdf, make_xlsx
from disclosure.evidence import EvidenceBase, PendingFile, safe_filename

PDF_PAGES = ["112年度範疇一排放量為8,512公噸CO2e，由第三方查證。", "永續發展委員會每季召開一次會議並向董事會報告。"]
CSV_TEXT = "項目,2022,2023\n範疇一排放量,8204,8512\n範疇二排放量,47120,45620.9\n"


def _good_and_bad(limit_bytes: int) -> tuple[dict[str, bytes], dict[str, tuple[str, str]]]:
    """(files that must land, files that must be skipped → (error type, words the reason must contain))."""
    pdf = make_pdf(PDF_PAGES)
    good = {
        "encrypted_no_password.pdf": encrypt_pdf(make_pdf(["加密但開啟不需密碼：再生能源憑證 12,000 MWh"]), user_password=""),
        "big5.csv": CSV_TEXT.replace("範疇", "Big5範疇").encode("cp950"),
        "utf16.csv": CSV_TEXT.replace("範疇", "UTF16範疇").encode("utf-16"),
        "merged_no_header.xlsx": make_xlsx({"盤查": [["範疇一", None, 8512], ["範疇二", None, 45620.9], [None, None, None],
                                                    ["合併儲存格說明", None, None]]},
                                           merges={"盤查": ["A1:B1", "A2:B2", "A4:C4"]}),
        "nested.docx": make_docx(["氣候治理說明段落。"], table=[["項目", "2023"], ["範疇一", "8,512"]], nested=True),
        "report.pdf": pdf,
        "mac_cr_only.csv": "年度,用電量\r2023,92350\r".encode(),  # bare CR line ends used to break the CSV reader
    }
    bad = {
        "truncated.pdf": (pdf[: len(pdf) // 2], "CorruptFileError", "damaged or truncated"),
        "corrupt.pdf": (pdf[:300] + bytes(range(256)) * 8 + pdf[-200:], "CorruptFileError", "damaged"),
        "password.pdf": (encrypt_pdf(make_pdf(["機密內容"]), user_password="s3cret"), "PasswordRequiredError", "password"),
        "scanned.pdf": (make_image_only_pdf(3), "ScannedPdfError", "OCR"),
        "zero.docx": (b"", "EmptyDocumentError", "empty"),
        "too_big.csv": (b"a,b\n" + b"1,2\n" * (limit_bytes // 4 + 10), "FileTooLargeError", "limit"),
        "not_a_workbook.xlsx": (b"PK\x03\x04 not really a zip", "CorruptFileError", "re-save"),
        "binary.txt": (bytes(range(256)) * 4, "CorruptFileError", "encoding"),
    }
    return good, {k: v for k, v in bad.items()}


@pytest.fixture
def small_limit(settings):
    return settings.model_copy(update={"max_upload_mb": 1})


def test_a_batch_of_every_bad_input_skips_each_with_a_clear_reason_and_lands_the_good_files(small_limit):
    eb = EvidenceBase(small_limit)
    good, bad = _good_and_bad(small_limit.max_upload_bytes)
    batch = [PendingFile(n, d) for n, d in good.items()] + [PendingFile(n, d) for n, (d, _, _) in bad.items()]
    batch.sort(key=lambda f: f.name)  # bad and good interleaved
    rep = eb.ingest_files(batch)

    assert sorted(d.source for d in rep.added) == sorted(good)
    skipped = {s.source: s for s in rep.skipped}
    assert sorted(skipped) == sorted(bad)
    for name, (_, error_type, words) in bad.items():
        s = skipped[name]
        assert s.error_type == error_type, (name, s)
        assert words.lower() in s.reason.lower(), (name, s.reason)
        assert " — " in s.reason, f"{name}: no hint on what to do: {s.reason}"  # what is wrong — what to do
        assert name not in s.reason  # the report shows the name beside the reason
    assert sorted(d.source for d in eb.documents()) == sorted(good)

    # the good ones are searchable by their content, with their own provenance
    assert eb.search("Big5範疇一排放量 2023", k=1)[0].source == "big5.csv"
    assert eb.search("UTF16範疇二排放量 2023", k=1)[0].source == "utf16.csv"
    nested = eb.search("巢狀表格值 777", k=1)[0]
    assert nested.source == "nested.docx" and "777" in nested.text
    merged = [e for e in eb.search("範疇一 8512", k=5) if e.source == "merged_no_header.xlsx"]
    assert merged and merged[0].location.sheet == "盤查" and merged[0].location.cell_range
    assert eb.search("再生能源憑證", k=1)[0].source == "encrypted_no_password.pdf"


@pytest.mark.parametrize("raw", [
    "../../../../etc/cron.d/evil.csv",
    "..\\..\\..\\Windows\\System32\\evil.csv",
    "/abs/path/evil.csv",
    "....//....//evil.csv",
    "報告\x00\x01\x1b[31m\x7f書.csv",
    "line\nbreak\r.csv",
    ".hidden.csv",
    "永續報告書" * 60 + "🌏" * 40 + ".csv",
    "%2e%2e%2fencoded.csv",
])
def test_hostile_file_names_are_sanitised_and_stay_inside_the_data_dir(settings, raw):
    eb = EvidenceBase(settings)
    rep = eb.ingest_files([PendingFile(raw, (CSV_TEXT + f"# {raw!r}\n").encode("utf-8"))])
    assert len(rep.added) == 1, rep.skipped
    rec = rep.added[0]
    assert rec.source == safe_filename(raw)
    assert "/" not in rec.source and "\\" not in rec.source and not rec.source.startswith(".")
    assert not any(ord(ch) < 32 or ord(ch) == 127 for ch in rec.source)
    assert rec.source.endswith(".csv") and len(rec.source.encode()) <= 180
    stored = Path(rec.stored_path).resolve()
    files_dir = (settings.data_dir / "files").resolve()
    assert stored.is_relative_to(files_dir) and stored.is_file()
    # nothing was written anywhere else: every file under tmp outside the data dir is the test's own
    assert not (settings.data_dir.parent / "evil.csv").exists()


def test_cli_batch_prints_one_line_per_bad_file_and_still_indexes_the_good_ones(tmp_path):
    folder = tmp_path / "upload"
    folder.mkdir()
    good, bad = _good_and_bad(1024 * 1024)
    for n, d in good.items():
        (folder / n).write_bytes(d)
    for n, (d, _, _) in bad.items():
        (folder / n).write_bytes(d)
    (folder / "舊格式.doc").write_bytes(b"\xd0\xcf\x11\xe0 legacy")
    env = {**os.environ, "DISCLOSURE_EMBEDDING_BACKEND": "fake", "DISCLOSURE_MAX_UPLOAD_MB": "1"}
    env.pop("DISCLOSURE_DEBUG", None)
    p = subprocess.run([sys.executable, "-m", "disclosure", "--data-dir", str(tmp_path / "data"), "ingest", str(folder), "--json"],
                       capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr
    rep = json.loads(p.stdout)
    assert sorted(d["source"] for d in rep["added"]) == sorted(good)
    reasons = {s["source"]: s["reason"] for s in rep["skipped"]}
    assert sorted(reasons) == sorted([*bad, "舊格式.doc"])
    assert ".docx" in reasons["舊格式.doc"]
    assert "limit" in reasons["too_big.csv"]  # refused from its size on disk, before reading it
