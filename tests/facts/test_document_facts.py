"""The facts layer on PDFs the tests generate: year-column tables (zh-TW and English), units in a
note or a unit column, footnote markers, label-then-value lines, names with digits, the reporting
year, the ranked lookup and its refusal, and question parsing."""
from __future__ import annotations

import pytest

from builders import make_layout_pdf, make_pdf
from disclosure.converters import convert
from disclosure.facts import FactBase, extract_document, label_of, load_vocabulary, match_metric, parse_question
from disclosure.facts.models import DocumentFacts, Fact, FactProvenance
from disclosure.facts.units import Unit, unit_in


def _facts(data: bytes, name: str = "report.pdf"):
    conv = convert(data, name)
    return extract_document(source=name, doc_id="d1", content_hash="h1", kind="pdf", segments=conv.segments, data=data)


def _find(doc, metric, year):
    return [f for f in doc.facts if f.metric == metric and f.year == year and not f.breakdown]


def test_vocabulary_file_loads_and_every_metric_has_labels():
    voc = load_vocabulary()
    ids = [m.id for m in voc.metrics]
    assert {"scope1", "scope2_market", "scope2_location", "scope3", "scope3_category", "iso_category", "energy_total",
            "water_withdrawal", "carbon_price", "reduction_target", "verification", "sbti_status"} <= set(ids)
    assert all(m.en and m.zh and (m.patterns or m.weak_patterns) for m in voc.metrics)


@pytest.mark.parametrize("label, metric", [
    ("Scope 1", "scope1"), ("範疇一(直接排放)", "scope1"), ("Total (market based)", "scope2_market"),
    ("範疇二(地點基準)", "scope2_location"), ("Scope 3 Category 12", "scope3_cat12"), ("範疇三:投融資", "scope3_cat15"),
    ("ISO 14064-1 類別 4", "iso_cat4"), ("Sum Scopes 1 and 2", "scope12"), ("範疇三排放總量", "scope3"),
    ("Total water withdrawal", "water_withdrawal"), ("internal carbon price", "carbon_price"),
    ("Scope 1 reduction target", "reduction_target"),
])
def test_labels_name_their_metric(label, metric):
    assert match_metric(label) == metric


def test_a_change_or_a_target_is_no_emissions_figure():
    for label in ("Scope 1 reduction target", "範疇一較去年減少", "Scope 1+2 intensity", "碳費收費門檻"):
        assert match_metric(label, dimensions=("emissions",)) is None


def test_units_keep_their_scale():
    assert unit_in("(In 1,000 metric tons of CO2 equivalents)").scale == 1000
    assert unit_in("單位:千公噸CO2e").scale == 1000
    u = unit_in("Million cubic meter")
    assert (u.base, u.scale) == ("m3", 1e6)
    assert unit_in("用電量(千度)").base == "MWh"
    assert unit_in("碳強度指標") is None  # the 度 of 強度 is no unit


def test_zh_year_column_table_with_unit_in_a_note_and_a_footnote_marker():
    cols = [220, 310, 400, 490]
    items = [(60, 80, "溫室氣體排放序時表", 11)] + [(x, 100, str(y), 10) for x, y in zip(cols, (2019, 2020, 2021, 2022))]
    rows = [("範疇一", ("2,455", "2,399", "1,857", "1,844")), ("範疇二", ("22,443", "22,299", "22,105", "20,294")),
            ("範疇三:投融資", ("916,408", "4,710,269", "3,672,612", "3,898,464"))]
    for i, (label, vals) in enumerate(rows):
        y = 120 + 20 * i
        items.append((60, y, label, 10))
        items += [(x, y, v, 10) for x, v in zip(cols, vals)]
    items.append((522, 138, "1", 5))  # a superscript footnote marker after 20,294
    items.append((60, 190, "單位:公噸CO2e", 9))
    doc = _facts(make_layout_pdf([items]))
    (s1,) = _find(doc, "scope1", 2022)
    assert (s1.value, s1.unit.base, s1.provenance.page, s1.provenance.channel) == (1844, "tCO2e", 1, "table")
    assert s1.provenance.row_label == "範疇一" and s1.provenance.column == "2022"
    assert _find(doc, "scope2", 2022)[0].value == 20294
    assert _find(doc, "scope3_cat15", 2022)[0].value == 3898464
    assert _find(doc, "scope1", 2019)[0].value == 2455


def test_english_table_with_fy_columns_a_unit_column_and_a_group_label():
    items = [(60, 60, "Key Performance Indicators", 10), (250, 60, "Unit", 10), (380, 60, "FY 2023", 10), (440, 60, "FY 2022", 10)]
    rows = [("Total", "387", "393"), ("from gas", "109", "138"), ("from fleet fuel", "210", "213")]
    for i, (label, a, b) in enumerate(rows):
        y = 90 + 24 * i
        items += [(150, y, label, 10), (250, y, "1,000 t CO2e", 10), (380, y, a, 10), (440, y, b, 10)]
    items.append((60, 114, "Scope 1", 10))  # printed once, beside the middle row
    doc = _facts(make_layout_pdf([items]))
    (s1,) = _find(doc, "scope1", 2023)
    assert s1.value == 387 and s1.unit.scale == 1000 and s1.base_value == 387000
    assert all(f.breakdown for f in doc.facts if f.metric == "scope1" and f.value in (109, 210))


def test_label_then_value_on_the_next_line_cdp_style():
    doc = _facts(make_pdf(["C6.1 Gross global emissions\nGross global Scope 1 emissions (metric tons CO2e) in 2022\n12,345"]))
    f = next(f for f in doc.facts if f.metric == "scope1")
    assert (f.value, f.year) == (12345, 2022)


def test_numbers_inside_names_are_never_values():
    doc = _facts(make_pdf(["本公司依 ISO 14064-1 盤查範疇 1 及類別 3 之排放。Scope 1 emissions are reported under ISO 14064-1."]))
    assert not [f for f in doc.facts if f.value in (1, 3, 14064)]


def test_sentence_figure_with_its_year_and_the_reporting_year_from_a_roc_title():
    doc = _facts(make_pdf(["111年度永續報告書", "2022年直接排放源(範疇一)總排放量為 239.91 公噸CO2e,占整體排放量之 9.29%。"]))
    assert doc.reporting_year == 2022
    f = next(f for f in doc.facts if f.metric == "scope1")
    assert (f.value, f.year, f.provenance.page) == (239.91, 2022, 2)


def _base(*facts: Fact, year: int = 2022) -> FactBase:
    return FactBase(documents=[DocumentFacts(doc_id="d1", source="r.pdf", content_hash="h", extractor="x", reporting_year=year,
                                             facts=list(facts))])


def _fact(metric, value, year, entity="company", page=3):
    return Fact(metric=metric, value=value, value_text=f"{value:,}", unit=Unit(dimension="emissions", base="tCO2e"), year=year,
                entity=entity, provenance=FactProvenance(source="r.pdf", doc_id="d1", page=page, sentence=f"{metric} {value}"))


def test_lookup_ranks_agreeing_places_first_and_refuses_another_year_metric_or_company():
    fb = _base(_fact("scope1", 1844, 2022, page=19), _fact("scope1", 1844, 2022, page=7), _fact("scope1", 1857, 2021),
               _fact("scope2", 20294, 2022), _fact("scope1", 99, 2022, entity="supplier"), _fact("scope1", 500, 2022, page=30))
    got = fb.lookup("scope1", 2022)
    assert got.status == "found" and got.chosen.fact.value == 1844 and len(got.chosen.agreeing) == 1
    assert "2 places" in got.reason and all(c.fact.entity == "company" for c in got.candidates)
    assert fb.lookup("scope1", 2023).status == "no_evidence"           # another year
    assert fb.lookup("water_withdrawal", 2022).status == "no_evidence"  # another metric
    assert fb.lookup("scope3", 2022).status == "no_evidence"


def test_reporting_year_from_the_documents_unless_one_is_given():
    assert _base(_fact("scope1", 1, 2022)).reporting_year() == 2022
    assert _base(_fact("scope1", 1, 2022)).lookup("scope1").chosen.fact.value == 1
    fb = FactBase(documents=_base(_fact("scope1", 1, 2022)).documents, reporting_year=2023)
    assert fb.reporting_year() == 2023 and fb.lookup("scope1").status == "no_evidence"


@pytest.mark.parametrize("text, metric, year, yes_no", [
    ("2023財年範疇三溫室氣體排放總量為多少千公噸CO2e?", "scope3", 2023, False),
    ("What were the company's market-based Scope 2 emissions in fiscal year 2023?", "scope2_market", 2023, False),
    ("玉山金控2022年範疇一(直接)溫室氣體排放量為多少公噸CO2e?", "scope1", 2022, False),
    ("Does the bank apply an internal carbon price?", "carbon_price", None, True),
    ("本行是否訂有內部碳價?", "carbon_price", None, True),
    ("What is the Scope 1 and 2 reduction target (base year, %, target year)?", "reduction_target", None, False),
    ("By what percentage did Scope 1 emissions change in FY22 compared with FY21?", None, 2022, False),
])
def test_questions_parse_into_a_metric_and_a_year(text, metric, year, yes_no):
    i = parse_question(text)
    assert (i.metric, i.year, i.yes_no) == (metric, year, yes_no)


def test_metric_labels_in_both_languages():
    assert label_of("scope3_cat12", False) == "Scope 3 category 12 emissions"
    assert label_of("scope1", True) == "範疇一排放量"
