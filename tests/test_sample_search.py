"""Search over the bundled sample corpus with the real default model: a question for a figure is
answered first by the passage that states it (issue 2's acceptance check)."""
import pytest

from disclosure.glossary import query_groups
from disclosure.retrieval import states_figure

INVENTORY_REPORT = "112年度溫室氣體盤查報告書.pdf"


@pytest.mark.model
@pytest.mark.parametrize("query", ["2023年範疇二排放量", "Scope 2 emissions 2023", "112年度範疇二排放量是多少"])
def test_scope2_question_puts_the_stated_figure_first(sample_corpus_base, query):
    first = sample_corpus_base.search(query, k=5)[0]
    assert (first.source, first.page) == (INVENTORY_REPORT, 7)
    assert "45,620.9" in first.text and "35,740.9" in first.text


@pytest.mark.model
def test_cli_json_gives_file_and_page_first(sample_corpus_base, capsys):
    from disclosure.cli import main

    data_dir = str(sample_corpus_base.settings.data_dir)
    assert main(["--data-dir", data_dir, "search", "Scope 2 emissions 2023", "-k", "3", "--json"]) == 0
    import json
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["source"] == INVENTORY_REPORT and hits[0]["page"] == 7


def _groups(q):
    return query_groups(q)


def test_a_sentence_stating_the_figure_counts():
    text = "5.3 範疇別排放量\n112 年度範疇二排放量依地點基準計算為 45,620.9 公噸 CO2e。"
    assert states_figure(text, _groups("2023年範疇二排放量"), {2023})
    assert states_figure(text, _groups("Scope 2 emissions 2023"), {2023})


def test_a_detailed_sheet_row_does_not():
    row = ("年度: 2023 | 廠區: 台中二廠 | 範疇: 範疇二 | ISO類別: 類別2 | 排放源: 外購電力 | 溫室氣體: CO2e | "
           "活動數據: 7,000,000 | 排放量(公噸CO2e): 3,458.0")
    assert not states_figure(row, _groups("2023年範疇二排放量"), {2023})


def test_other_year_term_only_or_a_year_is_not_a_figure():
    g = _groups("Scope 2 emissions 2023")
    assert not states_figure("In 2021 Scope 2 emissions were 49,118.5 tonnes CO2e.", g, {2023})
    assert not states_figure("Scope 2 emissions are reported for 2023 with both methods.", g, {2023})
    assert not states_figure("Scope 2 emissions fell in 2023 compared with 2022.", g, {2023})
    assert states_figure("Scope 2 emissions in 2023 were 35,740.9 tCO2e (market-based).", g, {2023})
    assert not states_figure("Scope 2 emissions in 2023 were 35,740.9 tCO2e.", [], {2023})
