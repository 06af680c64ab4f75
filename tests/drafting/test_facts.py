from disclosure.citing.statements import (
    extract_bodies, extract_frequencies, extract_meetings, extract_quantities, extract_scenarios, extract_targets, zh_numeral,
)


def test_quantities_carry_metric_method_and_year():
    q = extract_quantities("112年度範疇二排放量依地點基準計算為45,620.9公噸CO2e，依市場基準計算為35,740.9公噸CO2e。")
    assert [(x.value, x.unit, x.metric, x.year) for x in q] == [
        (45620.9, "tCO2e", "scope2_location", 2023), (35740.9, "tCO2e", "scope2_market", 2023)]
    q = extract_quantities("再生能源20,000MWh，占21.7%；碳費約新台幣874萬元。In 2023 Scope 1 emissions were 8,512.0 tCO2e.")
    assert (20000.0, "MWh") in [(x.value, x.unit) for x in q]
    assert (8740000.0, "NT$") in [(x.value, x.unit) for x in q]
    assert any(x.metric == "scope1" and x.year == 2023 and x.value == 8512.0 for x in q)


def test_bodies_frequencies_meetings():
    b = extract_bodies("本公司董事會下設永續發展委員會，督導氣候相關議題；淨零推動辦公室由永續長擔任召集人。")
    assert ("永續發展委員會", "committee") in [(x.name, x.kind) for x in b]
    assert ("淨零推動辦公室", "office") in [(x.name, x.kind) for x in b]
    f = extract_frequencies("本委員會每季至少召開一次，每年至少二次向董事會報告。")
    assert [(x.key, x.action, x.to_board) for x in f] == [("at_least_quarterly", "meets", False), ("semiannual", "reports", True)]
    m = extract_meetings("永續發展委員會 112年度第3次會議紀錄\n時間：中華民國112年9月12日")
    assert (m[0].year, m[0].number, m[0].date) == (2023, 3, "2023-09-12")
    assert zh_numeral("十二") == 12 and zh_numeral("四") == 4


def test_targets_and_scenarios():
    t = extract_targets("本公司承諾2030年範疇一及範疇二排放量較2021年減少42%，並於2050年達成淨零排放。")
    kinds = {(x.kind, x.target_year) for x in t}
    assert ("reduction", 2030) in kinds and ("net_zero", 2050) in kinds
    assert next(x for x in t if x.kind == "reduction").base_year == 2021
    names = [s.name for s in extract_scenarios("轉型風險採IEA NZE 2050及STEPS，實體風險採SSP1-2.6與SSP5-8.5。")]
    assert names == ["IEA NZE 2050", "IEA STEPS", "SSP1-2.6", "SSP5-8.5"]
