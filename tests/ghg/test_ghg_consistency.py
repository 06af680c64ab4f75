"""Figures in documents against the inventory: the wrong one is found, rounded and site-level ones are accepted."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from disclosure.facts.consistency import check_consistency, extract_figures

MINUTES = "永續發展委員會會議紀錄（2024-03-12）：報告2023年範疇一排放量為8,521公噸CO2e，範疇二（地點基準）為45,620.9公噸CO2e。"
REPORT = ("本公司112年溫室氣體總排放量為367,662.9公噸CO2e，其中範疇一8,512.0公噸CO2e、範疇二（市場基準）35,740.9公噸CO2e；"
          "範疇三類別1購買的商品與服務248,300.0公噸CO2e。")


def test_extract_figures_reads_metric_year_and_unit():
    figs = extract_figures(MINUTES)
    assert [(f.metric, f.year, f.value_t, f.scope2_method) for f in figs] == [
        ("scope:1", 2023, 8521.0, None), ("scope:2", 2023, 45620.9, "location")]


@pytest.mark.parametrize("text,metric,value", [
    ("Scope 1 emissions were 8,512.0 tCO2e in 2023.", "scope:1", 8512.0),
    ("2023年範疇一、二排放量合計54,132.9公噸CO2e", "scope:1+2", 54132.9),
    ("2023年類別3至類別6合計313,530.0公噸CO2e", "iso:3+4+5+6", 313530.0),
    ("2023年C1+C4合計262,500.0公噸CO2e", "s3cat:1+4", 262500.0),
    ("2023年溫室氣體總排放量約36.8萬公噸CO2e", "total", 368000.0),
    ("ISO category 4 emissions in 2023: 270,830.0 tCO2e", "iso:4", 270830.0),
])
def test_extract_metric_variants(text, metric, value):
    (fig,) = extract_figures(text)
    assert (fig.metric, fig.value_t, fig.year) == (metric, value, 2023)


@pytest.mark.parametrize("text", [
    "2023年範疇一、二排放量較基準年減少13,985.6公噸CO2e",  # a change
    "2030年範疇一、二排放量目標為33,778.3公噸CO2e",  # a target
    "2023年範疇一、二排放強度為1.40公噸CO2e/百萬元",  # an intensity
    "碳費：2023年範疇一加範疇二超過25,000公噸之29,132.9公噸×300元",  # a fee base
    "2023年範疇三類別5廢棄物1,230公噸",  # tonnes of waste
    "Scope 1 and 2 emissions fell from 58,238.5 tCO2e in 2021 to 44,252.9 tCO2e in 2023.",
])
def test_figures_that_are_not_totals_are_left_out(text):
    assert extract_figures(text) == []


def test_wrong_figure_is_reported_with_both_sources(sample_inventory):
    passages = [{"text": MINUTES, "source": "永續發展委員會會議紀錄_20240312.pdf", "page": 2},
                {"text": REPORT, "source": "2023永續報告書.pdf", "page": 45}]
    report = check_consistency(sample_inventory, passages)
    (bad,) = report.disagreements
    assert bad.metric == "scope:1" and bad.year == 2023
    assert bad.document_value == 8521 and bad.inventory_value == pytest.approx(8512.0)
    assert bad.difference == pytest.approx(9.0) and bad.difference_pct == pytest.approx(9 / 8512 * 100)
    assert bad.document.source == "永續發展委員會會議紀錄_20240312.pdf" and bad.document.page == 2
    assert bad.inventory.source == sample_inventory.source and bad.inventory.sheet == "盤查清冊" and bad.inventory.rows
    assert "p. 2" in bad.message_en and "8,512.0" in bad.message_en and "+9.0 t" in bad.message_en
    assert "差異 +9.0 公噸" in bad.message_zh
    assert len(report.agreements) == 5


def test_rounded_figures_agree(sample_inventory):
    texts = [
        "2023年範疇一排放量為8,512公噸CO2e",  # no decimal
        "2023年範疇一排放量為8,512.4公噸CO2e",  # within ±0.5 t
        "2023年溫室氣體總排放量約36.8萬公噸CO2e",  # rounded to the 1,000 t the text shows
        "2023年範疇二排放量45,640公噸CO2e",  # 0.04 % off
    ]
    report = check_consistency(sample_inventory, [{"text": t, "source": "a.pdf"} for t in texts])
    assert report.disagreements == [] and len(report.agreements) == 4


def test_outside_rounding_disagrees(sample_inventory):
    # 0.05 % of 8,512 is 4.3 t: 8,513 is within rounding, 8,517 is not
    ok = check_consistency(sample_inventory, [{"text": "2023年範疇一排放量為8,513公噸CO2e", "source": "a.pdf"}])
    assert ok.disagreements == []
    bad = check_consistency(sample_inventory, [{"text": "2023年範疇一排放量為8,517公噸CO2e", "source": "a.pdf"}])
    assert len(bad.disagreements) == 1 and bad.disagreements[0].label == "Scope 1"


def test_site_level_and_other_year_figures_agree(sample_inventory):
    texts = [
        "2023年桃園總部暨一廠範疇一排放量5,410.0公噸CO2e",
        "範疇一排放量由2022年的8,905.0公噸CO2e降至2023年的8,512.0公噸CO2e",
        "2022年範疇二（市場基準）43,956.0公噸CO2e",
        "Scope 2 was 35,740.9 tCO2e in 2023.",  # market-based though the text does not say so
    ]
    report = check_consistency(sample_inventory, [{"text": t, "source": "b.docx"} for t in texts])
    assert report.disagreements == []


def test_years_without_inventory_data_are_not_compared(sample_inventory):
    report = check_consistency(sample_inventory, [{"text": "2019年範疇一排放量為10,000公噸CO2e"}])
    assert report.disagreements == [] and report.not_comparable == 1


def test_objects_with_cell_range_and_a_callable_source(sample_inventory):
    chunk = SimpleNamespace(text="2023年範疇一排放量為8,521公噸CO2e", source="排放總覽.xlsx", page=None, sheet="總覽",
                            cell_range="B3:C3", doc_id="d1")
    report = check_consistency(sample_inventory, lambda: iter([chunk]))
    (bad,) = report.disagreements
    assert bad.document.sheet == "總覽" and bad.document.cell == "B3:C3" and bad.document.doc_id == "d1"
    assert "sheet 總覽" in bad.message_en


def test_the_inventory_file_itself_is_skipped(sample_inventory):
    chunk = {"text": "2023 範疇一 排放量(公噸CO2e) 5,410.0", "source": sample_inventory.source}
    report = check_consistency(sample_inventory, [chunk])
    assert report.passages_read == 0


def test_bare_category_in_a_scope3_sentence_is_a_scope3_category(sample_inventory):
    text = "112年度範疇三排放量合計313,530.0公噸CO2e，其中類別1（購買的商品與服務）248,300.0公噸CO2e，類別1與類別4合計262,500.0公噸CO2e"
    report = check_consistency(sample_inventory, [{"text": text, "source": "盤查報告書.pdf"}])
    assert report.disagreements == []
    assert {f.metric for f in report.agreements} == {"scope:3", "s3cat:1", "s3cat:1+4"}


def test_a_qualifier_in_brackets_does_not_replace_the_metric(sample_inventory):
    text = "112年度溫室氣體總排放量（類別2以地點基準計）為367,662.9公噸CO2e"
    (fig,) = extract_figures(text)
    assert fig.metric == "total"
    assert check_consistency(sample_inventory, [{"text": text}]).disagreements == []


def test_pdf_line_breaks_inside_a_sentence_keep_the_year(sample_inventory):
    text = "晨曜電子112年度範疇一排放量\n為8,521公噸CO2e，\n範疇二（地點基準）為45,620.9公噸CO2e。\n\n2030年目標"
    figs = extract_figures(text)
    assert [(f.metric, f.year) for f in figs] == [("scope:1", 2023), ("scope:2", 2023)]


def test_thresholds_in_prose_are_not_emission_figures():
    text = "In 2023, emitters whose Scope 1 plus purchased-electricity emissions exceed 25,000 tCO2e a year will pay a fee."
    assert extract_figures(text) == []


def test_intensity_with_the_denominator_first_is_left_out():
    assert extract_figures("112年度以營業收入計算，類別1及類別2之排放密集度為每新台幣百萬元1.40公噸CO2e") == []


def test_engine_chunks_with_a_location_are_cited_by_paragraph(sample_inventory):
    from disclosure.models import Chunk, Location

    chunk = Chunk(chunk_id="c1", doc_id="d1", source="會議紀錄.docx", kind="docx", language="zh", content_hash="h",
                  text="二、112年度範疇一排放量為8,521公噸CO2e", location=Location(paragraph=11))
    (bad,) = check_consistency(sample_inventory, [chunk]).disagreements
    assert bad.document.paragraph == 11 and "會議紀錄.docx, ¶ 12" in bad.message_en


def _table_fact(label: str, year: int, value: str, metric: str):
    from disclosure.facts.models import Fact, FactProvenance
    from disclosure.facts.units import unit_in

    prov = FactProvenance(source="TCFD報告書.pdf", page=31, channel="table", row_label=label, column=f"{year}",
                          sentence=f"{label} | {year}: {value}")
    return Fact(metric=metric, value=float(value.replace(",", "")), value_text=value, year=year,
                unit=unit_in("公噸CO2e", emissions_context=True), provenance=prov)


def test_table_figures_of_the_facts_layer_are_compared_for_their_column_year(sample_inventory):
    """A table whose columns are years: each cell is compared for its own year; the row label says
    what it measures ('類別3至類別6' is the sum of four categories, not category 3)."""
    facts = [_table_fact("範疇一", 2022, "8,905.0", "scope1"), _table_fact("範疇一", 2023, "8,152.0", "scope1"),
             _table_fact("類別3至類別6", 2023, "313,530.0", "iso_cat3"),
             _table_fact("範疇二（市場基準）", 2023, "35,740.9", "scope2_market")]
    report = check_consistency(sample_inventory, facts=facts)
    (bad,) = report.disagreements
    assert (bad.metric, bad.year, bad.document_value) == ("scope:1", 2023, 8152.0)
    assert bad.document.source == "TCFD報告書.pdf" and bad.document.page == 31 and "範疇一 | 2023" in bad.document.text
    assert {(f.metric, f.year) for f in report.agreements} == {("scope:1", 2022), ("iso:3+4+5+6", 2023), ("scope:2", 2023)}
