from disclosure.glossary import TermGroup, expand_query, load_glossary


def test_bundled_glossary_loads_with_enough_pairs():
    assert len(load_glossary()) >= 150


def test_english_query_expands_to_chinese_and_back():
    assert "範疇二" in expand_query("Scope 2 emissions 2023")
    assert any(v.lower() == "scope 2" for v in expand_query("2023年範疇二排放量"))


def test_board_and_scenario_analysis_expand():
    assert "董事會" in expand_query("board oversight of climate risk")
    assert any("scenario analysis" == v.lower() for v in expand_query("情境分析"))


def test_digit_terms_do_not_match_longer_numbers():
    g = (TermGroup(("類別1",), ("category 1",)), TermGroup(("類別10",), ("category 10",)))
    assert expand_query("範疇三類別10", g) == ["category 10"]


def test_english_terms_match_whole_words_only():
    g = (TermGroup(("董事會",), ("board",)),)
    assert expand_query("keyboard layout", g) == []
    assert expand_query("the Board approved", g) == ["董事會"]


def test_longer_match_wins_over_contained_shorter_term():
    g = (TermGroup(("實體風險",), ("physical risk",)), TermGroup(("風險",), ("risk",)))
    assert expand_query("實體風險評估", g) == ["physical risk"]
