from hypothesis import given, strategies as st

from disclosure.normalization import detect_language, find_roc_years, find_years, normalize_text, parse_number


def test_full_width_digits_and_punctuation_become_half_width():
    assert normalize_text("８，５１２公噸ＣＯ２ｅ（範疇一）") == "8,512公噸CO2e(範疇一)"


def test_kangxi_radicals_from_pdf_extraction_become_ideographs():
    assert normalize_text("⼈⼒資源") == "人力資源"


def test_spaces_between_ideographs_are_removed_but_not_between_words():
    assert normalize_text("永 續 發 展 委 員 會 and Scope 1") == "永續發展委員會 and Scope 1"


def test_roc_years_are_recorded_next_to_the_original():
    found = find_roc_years("民國112年度盤查，較111年度下降；中華民國 110 年為基準年")
    assert found["民國112年"] == 2023
    assert found["111年度"] == 2022
    assert found["中華民國 110 年"] == 2021


def test_find_years_mixes_gregorian_and_roc_and_ignores_big_numbers():
    assert find_years("2030年目標，112年實績，排放量 20,231 公噸，編號 120230") == [2023, 2030]


def test_roc_date_slash_form():
    assert find_years("報告日期 112/12/31") == [2023]


def test_language_detection():
    assert detect_language("本公司設立永續發展委員會，每季召開會議。") == "zh"
    assert detect_language("The board oversees climate-related risks every quarter.") == "en"
    assert detect_language("Scope 1 範疇一 emissions 排放量 were reported 公噸") == "mixed"
    assert detect_language("12 34") == "unknown"


def test_parse_number_handles_separators_full_width_and_units():
    assert parse_number("8,512") == 8512.0
    assert parse_number("８，５１２．３") == 8512.3
    assert parse_number("1.2萬") == 12000.0
    assert parse_number("21.7%") == 21.7
    assert parse_number("abc") is None


@given(st.text(max_size=300))
def test_normalize_and_extract_never_crash_and_are_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    years = find_years(text)
    assert all(1980 <= y <= 2099 for y in years)


@given(st.integers(min_value=80, max_value=150))
def test_every_roc_year_in_range_converts_by_1911(n):
    assert find_roc_years(f"民國{n}年") == {f"民國{n}年": n + 1911}


def test_co2e_split_by_pdf_extraction_is_rejoined():
    assert normalize_text("8,512.0 公噸CO\n2e 與 CO 2 e") == "8,512.0 公噸CO2e 與 CO2e"


def test_roc_years_are_annotated_for_indexing_without_duplicating_gregorian():
    from disclosure.normalization import annotate_roc_years

    assert annotate_roc_years("112年度範疇二") == "112年度(2023)範疇二"
    assert annotate_roc_years("112 年度(2023 年)報告") == "112 年度(2023 年)報告"
