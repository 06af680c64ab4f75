"""Property-based fuzzing (hypothesis) of what reads untrusted input: the converters on random and
on damaged real files, number and ROC-year extraction, normalisation, chunking and file names.

The contract under test: a converter either returns segments or raises a ``DisclosureError``
subclass (a message for the user) — never anything else. Example counts are modest so the whole
module runs in seconds; raise them locally with HYPOTHESIS_PROFILE=deep.
"""
import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings as hsettings, strategies as st

from builders import make_docx, make_pdf, make_xlsx
from disclosure.chunking import chunk_text
from disclosure.converters import EXTENSIONS, convert
from disclosure.errors import DisclosureError
from disclosure.evidence import safe_filename
from disclosure.normalization import annotate_roc_years, find_roc_years, find_years, normalize_text, parse_number

DEEP = os.environ.get("HYPOTHESIS_PROFILE") == "deep"
FUZZ = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _n(quick: int) -> int:
    return quick * 20 if DEEP else quick


def _convert_contract(data: bytes, name: str) -> None:
    try:
        doc = convert(data, name, max_bytes=5 * 1024 * 1024)
    except DisclosureError as exc:
        assert str(exc).strip()  # a message, and nothing but a DisclosureError
        return
    for seg in doc.segments:
        assert isinstance(seg.text, str) and seg.text.strip()


# ------------------------------------------------------------------ converters
@pytest.mark.parametrize("ext", sorted(EXTENSIONS))
@hsettings(max_examples=_n(25), **FUZZ)
@given(data=st.binary(max_size=4096))
@example(data=b"\r\x01")  # a bare CR before a control byte: csv.Error escaped the CSV reader
def test_convert_on_random_bytes_raises_only_disclosure_errors(ext, data):
    _convert_contract(data, f"fuzz{ext}")


@pytest.mark.parametrize("ext", [".pdf", ".docx", ".xlsx"])
@hsettings(max_examples=_n(15), **FUZZ)
@given(data=st.binary(min_size=1, max_size=64))
def test_convert_on_random_bytes_behind_a_valid_magic_number(ext, data):
    magic = {".pdf": b"%PDF-1.7\n", ".docx": b"PK\x03\x04", ".xlsx": b"PK\x03\x04"}[ext]
    _convert_contract(magic + data, f"fuzz{ext}")


_SEEDS: dict[str, bytes] = {}


def _seed(ext: str) -> bytes:
    """A small real file of each format (built once) for the mutation fuzzer to damage."""
    if ext not in _SEEDS:
        _SEEDS[ext] = {
            ".pdf": lambda: make_pdf(["112年度範疇一排放量 8,512 公噸CO2e", "Scope 2 location-based 45,620.9 tCO2e"]),
            ".docx": lambda: make_docx(["永續發展委員會每季開會。"], table=[["項目", "2023"], ["範疇一", "8,512"]], nested=True),
            ".xlsx": lambda: make_xlsx({"盤查": [["項目", "2023"], ["範疇一", 8512]]}, merges={"盤查": ["A1:B1"]}),
            ".csv": lambda: "項目,2023\n範疇一,8512\n".encode("cp950"),
        }[ext]()
    return _SEEDS[ext]


@pytest.mark.parametrize("ext", [".pdf", ".docx", ".xlsx", ".csv"])
@hsettings(max_examples=_n(30), **FUZZ)
@given(cut=st.floats(0.0, 1.0), flips=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 255)), max_size=8))
@example(cut=1.0, flips=[(0.5, 0)])  # a zeroed byte inside a deflated part: zlib.error escaped the xlsx reader
def test_convert_on_truncated_and_bit_flipped_real_files(ext, cut, flips):
    data = bytearray(_seed(ext))
    for where, value in flips:
        data[min(len(data) - 1, int(where * len(data)))] = value
    data = bytes(data[: max(1, int(cut * len(data)))]) if cut < 1.0 else bytes(data)
    _convert_contract(data, f"damaged{ext}")


# ------------------------------------------------------------------ numbers and years
_FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789,.%"})


@hsettings(max_examples=_n(150), deadline=None)
@given(n=st.integers(0, 10**12), decimals=st.integers(0, 3), unit=st.sampled_from(["", "萬", "億", "千", "%"]))
def test_parse_number_reads_separators_full_width_and_units(n, decimals, unit):
    value = n / 10**decimals
    text = f"{value:,.{decimals}f}" if decimals else f"{n:,}"
    mult = {"": 1, "萬": 1e4, "億": 1e8, "千": 1e3, "%": 1}[unit]
    expected = float(text.replace(",", "")) * mult
    assert parse_number(text + unit) == pytest.approx(expected)
    assert parse_number(text.translate(_FULL_WIDTH) + unit) == pytest.approx(expected)
    assert parse_number(text.replace(",", "") + unit) == pytest.approx(expected)


@hsettings(max_examples=_n(150), deadline=None)
@given(st.text(max_size=40))
def test_parse_number_never_raises_and_returns_a_float_or_none(token):
    got = parse_number(token)
    assert got is None or isinstance(got, float)


# Text that looks like Taiwanese report prose: ideographs, digits, full-width forms, punctuation.
_ZH = st.text(alphabet=st.sampled_from(list("範疇一二三排放量民國年度中華公噸減碳目標，。；、（）「」 \n") +
                                       list("0123456789０１２３４５６７８９/.,%") + list("CO2eScope tCO2e")), max_size=120)


@hsettings(max_examples=_n(200), deadline=None)
@given(prefix=_ZH, n=st.integers(80, 150), suffix=_ZH)
def test_roc_year_in_any_context_converts_by_1911(prefix, n, suffix):
    assume(not prefix[-1:].isdigit())  # "1民國112年" is still 112, but keep the assertion simple
    text = f"{prefix}民國{n}年{suffix}"
    found = find_roc_years(text)
    assert any(f"民國{n}" in k and v == n + 1911 for k, v in found.items()), found
    assert n + 1911 in find_years(text)
    assert all(1991 <= v <= 2061 for v in found.values())  # ROC 80–150 only


@hsettings(max_examples=_n(200), deadline=None)
@given(st.one_of(_ZH, st.text(max_size=200)))
def test_normalize_text_is_idempotent_and_annotation_is_stable(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert unicodedata.is_normalized("NFKC", once)
    annotated = annotate_roc_years(once)
    assert annotate_roc_years(annotated) == annotated  # re-indexing never stacks "(2023)(2023)"
    assert set(find_years(once)) <= set(find_years(annotated))


# ------------------------------------------------------------------ chunking and names
@hsettings(max_examples=_n(100), deadline=None)
@given(text=_ZH.map(lambda s: s * 3), size=st.integers(100, 400), overlap=st.integers(0, 99))
def test_chunks_are_exact_slices_in_order_within_size(text, size, overlap):
    chunks = chunk_text(text, size, overlap)
    assert all(text[c.start : c.end] == c.text and c.text for c in chunks)
    assert all(len(c.text) <= size for c in chunks)
    assert [c.start for c in chunks] == sorted(c.start for c in chunks)
    assert all(b.start > a.start for a, b in zip(chunks, chunks[1:]))  # always progresses: no loop
    if text.strip():
        assert chunks and chunks[-1].end == len(text.rstrip())


@hsettings(max_examples=_n(200), deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(st.sampled_from(["..", "/", "\\", ".", "\x85", "\u202e", "報告", "a.pdf"]),
                                                max_size=20).map("".join)))
def test_safe_filename_never_leaves_the_folder_it_is_joined_to(raw):
    name = safe_filename(raw)
    assert name and "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".") and name not in (".", "..")
    assert not any(unicodedata.category(ch) == "Cc" or unicodedata.bidirectional(ch) in ("RLO", "LRO", "RLE", "LRE", "RLI", "LRI", "FSI", "PDI", "PDF")
                   for ch in name)
    assert len(name.encode("utf-8")) <= 180
    base = Path("/srv/data/files/0123456789abcdef")
    assert (base / name).resolve().parent == base
    assert safe_filename(name) == name  # stable: a stored name is its own safe name
