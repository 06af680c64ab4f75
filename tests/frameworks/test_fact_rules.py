"""The questionnaire's fact rules are data: the shipped file loads through its schema, every rule
names a fact a resolver answers, a typo is refused when the file is loaded, and a new rule is a
change to the YAML alone. Every YAML file under frameworks/data is read by some schema."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from disclosure.errors import FrameworkDataError
from disclosure.questionnaire.facts import RULES_FILE, FactResolver, infer_fact, load_rules
from disclosure.questionnaire.models import Question
from frameworks.library import DATA_DIR, load_fact_rules_file

FILE = DATA_DIR / RULES_FILE


def _q(text: str, answer_type: str = "text") -> Question:
    return Question(id="x", text=text, answer_type=answer_type)


def test_every_rule_names_a_fact_a_resolver_answers():
    data = load_fact_rules_file(FILE)
    named = {r.fact for r in data.rules if r.fact} | set(data.breakdown_facts)
    assert named and all(callable(getattr(FactResolver, f"fact_{f}", None)) for f in named), named


def test_the_shipped_rules_read_questions_in_both_languages():
    assert infer_fact(_q("112年度範疇一排放量為多少公噸CO2e？", "number")) == "scope1_total"
    assert infer_fact(_q("What were your gross Scope 2 market-based emissions?", "number")) == "scope2_market"
    assert infer_fact(_q("溫室氣體盤查是否經第三方查證？")) == "verification"
    assert infer_fact(_q("Scope 1 emissions broken down by country", "table")) is None  # a breakdown is not the total
    assert infer_fact(_q("Total energy consumption in MWh", "number")) is None  # all energy is not electricity


@pytest.mark.parametrize("change, word", [
    ({"fact": "scope9_total", "pattern": "x"}, "scope9_total"),
    ({"fact": "scope1_total", "pattern": "範疇(一"}, "does not compile"),
])
def test_a_wrong_rule_is_refused_when_the_file_is_loaded(tmp_path: Path, change: dict, word: str):
    data = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    data["rules"].insert(0, change)
    path = tmp_path / "fact_rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FrameworkDataError, match="fact_rules.yaml") as err:
        load_rules(path)
    assert word in str(err.value)


def test_a_new_rule_is_a_data_change(tmp_path: Path):
    question = _q("貴公司RE100進度為何？")
    assert infer_fact(question) is None
    data = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    data["rules"].insert(0, {"fact": "renewable_share", "pattern": r"RE\s?100.*(?:進度|progress)"})
    path = tmp_path / "fact_rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert infer_fact(question, load_rules(path)) == "renewable_share"
    assert infer_fact(_q("What is your RE100 progress?"), load_rules(path)) == "renewable_share"


def test_every_yaml_file_of_the_framework_data_loads_through_a_schema():
    from disclosure.drafting import chapters
    from frameworks.library import (CROSSWALK_FILE, CHAPTERS_FILE, default_library, load_chapters_file,
                                    load_concepts_file, load_crosswalk_file, load_framework_file)
    from frameworks.questionnaires import QUESTIONNAIRE_DIR, load_builtin_sets

    loaders = {DATA_DIR / CROSSWALK_FILE: load_crosswalk_file, DATA_DIR / CHAPTERS_FILE: load_chapters_file,
               DATA_DIR / chapters.SLOTS_FILE: chapters._load, FILE: load_fact_rules_file}
    seen = set()
    for path in sorted(DATA_DIR.rglob("*.yaml")):
        if path in loaders:
            loaders[path](path)
        elif path.parent == DATA_DIR:
            load_framework_file(path)
        elif path.parent == DATA_DIR / "concepts":
            load_concepts_file(path)
        elif path.parent == QUESTIONNAIRE_DIR:
            pass  # read below, as a whole (overlays need the framework library)
        else:
            pytest.fail(f"{path.relative_to(DATA_DIR)} is read by no schema")
        seen.add(path)
    assert {s.id for s in load_builtin_sets(default_library())} >= {"supplier_carbon", "cdp", "tcfd"}
    assert len(seen) >= 15


def test_a_question_how_a_figure_was_estimated_asks_for_the_method_not_the_figure():
    from disclosure.facts.questions import parse_question
    from disclosure.questionnaire import Question
    from disclosure.questionnaire.facts import infer_fact

    for text in ("How were Scope 3 emissions estimated (supplier-specific data, spend-based factors, share of supplier data)?",
                 "範疇三排放如何估算（供應商特定數據、平均數據或支出法係數，以及採用供應商數據之比例）？"):
        assert infer_fact(Question(id="q", text=text)) is None
        assert parse_question(text).metric is None
    assert infer_fact(Question(id="q", text="What were your gross Scope 3 emissions in metric tons CO2e?")) == "scope3_total"
