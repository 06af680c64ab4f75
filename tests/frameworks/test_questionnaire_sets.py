"""Built-in questionnaire question sets: every set loads and validates against the framework library,
the CDP and TCFD sets are built from the library, and bad data is refused with a clear error."""
from __future__ import annotations

import csv
import difflib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from disclosure.errors import FrameworkDataError, FrameworkNotFoundError, QuestionSetNotFoundError
from frameworks.library import DATA_DIR, FrameworkLibrary
from frameworks.questionnaires import (
    BUILTIN_SET_IDS,
    CDP_CLIMATE_MODULES,
    FACT_KEYS,
    QUESTIONNAIRE_DIR,
    LocalText,
    Question,
    QuestionSet,
    build_library_set,
    builtin_sets,
    get_set,
    has_cjk,
    iter_texts,
    load_builtin_sets,
    load_question_set_file,
)

REPO = Path(__file__).resolve().parents[2]
CDP_LIST = REPO.parent / "shared" / "eval" / "cdp" / "cdp_2026_modules_2_7.csv"
# CDP question types → the answer types a question built from the library starts from.
CDP_TYPES = {"MATRIX": "table", "SINGLE_SELECT": "single_select", "MULTI_SELECT": "multi_select",
             "NUMERIC": "number", "RICH_TEXT": "text"}


@pytest.fixture(scope="module")
def lib() -> FrameworkLibrary:
    return FrameworkLibrary.from_directory(DATA_DIR)


@pytest.fixture(scope="module")
def cdp_list() -> dict[str, dict[str, str]]:
    if not CDP_LIST.is_file():
        pytest.skip(f"CDP's question list is not available at {CDP_LIST}")
    with CDP_LIST.open(encoding="utf-8") as fh:
        return {row["code"]: row for row in csv.DictReader(fh)}


def _question(**kw) -> dict:
    base = {"id": "Q-1", "text": {"en": "A question", "zh-TW": "一個問題"}, "answer_type": "text"}
    return {**base, **kw}


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "questionnaires"
    shutil.copytree(QUESTIONNAIRE_DIR, target)
    return target


# -- every set loads ----------------------------------------------------------------------------------
def test_builtin_sets_are_the_five_agreed_ids_in_order():
    assert [s.id for s in builtin_sets()] == ["cdp", "tcfd", "supplier_carbon", "csa_climate", "ecovadis_env"]
    assert tuple(s.id for s in builtin_sets()) == BUILTIN_SET_IDS


@pytest.mark.parametrize("set_id", BUILTIN_SET_IDS)
def test_each_set_loads_through_the_schema_against_a_fresh_library(set_id, lib):
    fresh = {s.id: s for s in load_builtin_sets(lib)}[set_id]
    assert fresh == get_set(set_id)
    assert fresh.questions and fresh.language in ("en", "zh-TW")


def test_importing_the_module_builds_nothing():
    code = "import frameworks.questionnaires as q; print(q._default_sets.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


@pytest.mark.parametrize("set_id", BUILTIN_SET_IDS)
def test_question_ids_are_unique_within_a_set(set_id):
    ids = get_set(set_id).question_ids
    assert len(ids) == len(set(ids))


def test_a_set_repeating_a_question_id_is_refused():
    with pytest.raises(ValidationError, match="repeats question ids: Q-1"):
        QuestionSet.model_validate({"id": "x", "title": {"en": "T", "zh-TW": "題"}, "description": {"en": "D", "zh-TW": "說明"},
                                    "questions": [_question(), _question()]})


# -- references and facts ---------------------------------------------------------------------------
@pytest.mark.parametrize("set_id", BUILTIN_SET_IDS)
def test_every_maps_to_reference_resolves_in_the_library(set_id, lib):
    qset = get_set(set_id)
    for q in qset.questions:
        assert q.maps_to, f"{set_id} {q.id} maps to nothing"
        for ref in q.maps_to:
            assert lib.get_requirement(ref).ref == ref, f"{set_id} {q.id}: {ref} is not a canonical library ref"


def test_a_yaml_set_mapping_to_a_missing_requirement_is_refused(tmp_path, lib):
    data_dir = _copy_data(tmp_path)
    path = data_dir / "supplier_carbon.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["questions"][0]["maps_to"] = ["gri:999-9"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FrameworkDataError, match=r"SC-1\.1.*gri:999-9"):
        load_question_set_file(path, lib)


@pytest.mark.parametrize("set_id", BUILTIN_SET_IDS)
def test_fact_keys_are_from_the_agreed_list(set_id):
    for q in get_set(set_id).questions:
        for fact in [q.fact, *q.related_facts]:
            assert fact is None or fact in FACT_KEYS, f"{set_id} {q.id}: {fact}"


@pytest.mark.parametrize("bad", [{"fact": "scope4_total", "year": "reporting"},
                                 {"related_facts": ["water_use"]}])
def test_an_unknown_fact_key_is_refused(bad):
    with pytest.raises(ValidationError, match="unknown"):
        Question.model_validate(_question(answer_type="number", **bad))


@pytest.mark.parametrize("fields, problem", [
    ({"answer_type": "choice"}, "at least two options"),
    ({"answer_type": "multi_choice", "options": [{"id": "yes", "label": {"en": "Yes", "zh-TW": "是"}}]}, "at least two options"),
    ({"answer_type": "yes_no", "options": [{"id": "a", "label": {"en": "A", "zh-TW": "甲"}},
                                           {"id": "b", "label": {"en": "B", "zh-TW": "乙"}}]}, "takes no options"),
    ({"answer_type": "number", "unit": "tCO2e", "fact": "scope1_total"}, "no year"),
    ({"answer_type": "number", "unit": "tCO2e", "fact": "scope3_by_category", "year": "reporting"}, "must be table"),
    ({"answer_type": "table", "fact": "scope1_total", "year": "reporting"}, "single figure"),
    ({"answer_type": "number", "fact": "scope1_total", "year": "reporting"}, "needs a unit"),
])
def test_question_problems_name_what_a_builtin_question_lacks(fields, problem):
    # Such a question still loads (an imported spreadsheet may be this loose) but is no built-in question.
    q = Question.model_validate(_question(**fields))
    assert any(problem in p for p in q.problems()), q.problems()


def test_a_well_formed_question_has_no_problems():
    q = Question.model_validate(_question(answer_type="number", unit="tCO2e", fact="scope1_total", year="reporting"))
    assert q.problems() == []


def test_a_yaml_set_with_a_choice_question_without_options_is_refused(tmp_path, lib):
    path = _copy_data(tmp_path) / "csa_climate.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    choice = next(q for q in data["questions"] if q["answer_type"] == "choice")
    choice["options"] = []
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FrameworkDataError, match=f"{choice['id']}.*at least two options"):
        load_question_set_file(path, lib)


@pytest.mark.parametrize("set_id", BUILTIN_SET_IDS)
def test_choice_questions_have_options_and_others_have_none(set_id):
    for q in get_set(set_id).questions:
        if q.answer_type in ("choice", "multi_choice"):
            assert len(q.options) >= 2, f"{set_id} {q.id}"
            assert len({o.id for o in q.options}) == len(q.options)
        else:
            assert not q.options, f"{set_id} {q.id}"


@pytest.mark.parametrize("set_id", BUILTIN_SET_IDS)
def test_number_questions_carry_a_unit(set_id):
    missing = [q.id for q in get_set(set_id).questions if q.answer_type == "number" and not q.unit]
    assert not missing, f"{set_id}: number questions without a unit: {missing}"


# -- CDP -------------------------------------------------------------------------------------------
def test_cdp_set_is_every_climate_requirement_of_modules_2_to_7(lib):
    cdp = get_set("cdp")
    fw = lib.get_framework("cdp")
    expected = [r.id for r in fw.requirements if r.section in CDP_CLIMATE_MODULES and r.status == "active"]
    assert cdp.question_ids == expected
    assert {q.section for q in cdp.questions} == {"2", "3", "4", "5", "6", "7"}
    for q in cdp.questions:
        req = fw.find(q.id)
        assert req is not None and req.id == q.id, f"CDP {q.id} is not a library id"
        assert f"cdp:{q.id}" == q.maps_to[0]
        assert q.official_type == req.answer_type


@pytest.mark.parametrize("code, answer_type, unit, fact, year", [
    ("7.6", "number", "tCO2e", "scope1_total", "reporting"),
    ("7.7", "number", "tCO2e", "scope2_location", "reporting"),
    ("7.8", "table", "tCO2e", "scope3_by_category", "reporting"),
    ("7.5", "number", "tCO2e", "base_year_emissions", "base"),
    ("7.45", "number", "tCO2e/NT$ million", "emissions_intensity", "reporting"),
    ("7.53.1", "text", None, "near_term_target", "target"),
    ("7.54.3", "text", None, "net_zero_target", "target"),
])
def test_cdp_figure_questions_are_typed_and_tied_to_facts(code, answer_type, unit, fact, year):
    q = get_set("cdp").question(code)
    assert (q.answer_type, q.unit, q.fact, q.year) == (answer_type, unit, fact, year)


def test_cdp_scope2_question_also_asks_for_the_market_based_figure():
    assert get_set("cdp").question("7.7").related_facts == ["scope2_market"]


def test_cdp_narrative_questions_carry_a_bilingual_retrieval_query():
    q = get_set("cdp").question("2.2.2")
    assert q.answer_type == "text" and q.query is not None
    assert "risk" in q.query.en.lower() and "風險" in q.query.zh_TW


def test_cdp_ids_and_types_agree_with_cdps_own_list(cdp_list):
    for q in get_set("cdp").questions:
        assert q.id in cdp_list, f"{q.id} is not a CDP 2026 code"
        assert CDP_TYPES[cdp_list[q.id]["question_type"]] == q.official_type, q.id
        assert q.official_type != "single_select" or q.answer_type in ("choice", "yes_no"), q.id
        assert q.official_type != "multi_select" or q.answer_type == "multi_choice", q.id


def test_cdp_texts_are_our_own_words_not_cdps(cdp_list):
    # A rough guard against pasting CDP's question text: our summary must differ clearly from it.
    for q in get_set("cdp").questions:
        official = cdp_list[q.id]["question_text"].lower()
        ratio = difflib.SequenceMatcher(None, q.text.en.lower(), official).ratio()
        assert ratio < 0.8, f"CDP {q.id} reads too close to CDP's wording ({ratio:.2f})"


def test_an_overlay_naming_an_unknown_cdp_code_is_refused(tmp_path, lib):
    data_dir = _copy_data(tmp_path)
    path = data_dir / "cdp_overlay.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["questions"]["7.99"] = {"answer_type": "yes_no"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FrameworkDataError, match="7.99"):
        build_library_set("cdp", lib, data_dir)


# -- TCFD ------------------------------------------------------------------------------------------
def test_tcfd_set_asks_the_eleven_recommended_disclosures(lib):
    tcfd = get_set("tcfd")
    assert len(tcfd.questions) == 11
    assert tcfd.question_ids == [r.id for r in lib.get_framework("tcfd").requirements]
    assert tcfd.question_ids[0] == "G-a" and tcfd.question_ids[-1] == "MT-c"
    assert {q.section for q in tcfd.questions} == {"governance", "strategy", "risk-management", "metrics-targets"}
    assert all(q.answer_type == "text" for q in tcfd.questions)
    assert tcfd.question("MT-c").fact == "near_term_target"


# -- supplier survey and the style-of sets -------------------------------------------------------------
def test_supplier_survey_covers_what_electronics_customers_ask():
    sc = get_set("supplier_carbon")
    assert sc.language == "zh-TW"
    assert 25 <= len(sc.questions) <= 35
    facts = {q.fact for q in sc.questions}
    assert {"scope1_total", "scope2_location", "scope2_market", "scope3_total", "scope3_by_category",
            "iso_category_totals", "base_year", "sbti_status", "renewable_share", "verification"} <= facts
    sbti = next(q for q in sc.questions if q.fact == "sbti_status")
    assert sbti.answer_type == "choice" and {"validated", "committed", "none"} <= {o.id for o in sbti.options}
    instruments = next(q for q in sc.questions if q.answer_type == "multi_choice" and any(o.id == "t-rec" for o in q.options))
    assert {"t-rec", "ppa", "self-generation"} <= {o.id for o in instruments.options}
    texts = " ".join(q.text.en for q in sc.questions)
    for topic in ("ISO 14067", "PACT", "internal carbon price", "suppliers", "Energy"):
        assert topic.lower() in texts.lower(), topic


@pytest.mark.parametrize("set_id, prefix", [("csa_climate", "CSA-CS-"), ("ecovadis_env", "EV-ENV-")])
def test_style_sets_use_own_ids_and_say_they_are_not_the_official_questionnaire(set_id, prefix):
    qset = get_set(set_id)
    assert 12 <= len(qset.questions) <= 15
    assert all(q.id.startswith(prefix) for q in qset.questions)
    assert "in the style of" in qset.description.en and "not the official" in qset.description.en
    assert "風格" in qset.description.zh_TW and "並非" in qset.description.zh_TW


def test_csa_style_set_spans_governance_risk_scenarios_targets_emissions_and_verification():
    sections = {q.section for q in get_set("csa_climate").questions}
    assert {"governance", "risk", "targets", "emissions"} <= sections
    facts = {q.fact for q in get_set("csa_climate").questions}
    assert {"near_term_target", "scope1_total", "verification"} <= facts


# -- get_set --------------------------------------------------------------------------------------------
def test_get_set_with_an_unknown_id_names_the_known_ids():
    with pytest.raises(QuestionSetNotFoundError) as info:
        get_set("ecovadis_full")
    err = info.value
    assert isinstance(err, FrameworkNotFoundError)
    assert err.set_id == "ecovadis_full" and err.known == list(BUILTIN_SET_IDS)
    for set_id in BUILTIN_SET_IDS:
        assert set_id in str(err)


@pytest.mark.parametrize("spelling", ["supplier_carbon", "Supplier-Carbon", " supplier carbon "])
def test_get_set_forgives_case_spaces_and_dashes(spelling):
    assert get_set(spelling).id == "supplier_carbon"


# -- bilingual texts ------------------------------------------------------------------------------------
@pytest.mark.parametrize("set_id", BUILTIN_SET_IDS)
def test_every_text_is_bilingual_and_the_zh_tw_side_is_chinese(set_id):
    for where, text in iter_texts(get_set(set_id)):
        assert text.en.strip() and text.zh_TW.strip(), where
        assert has_cjk(text.zh_TW), f"{where}: zh-TW text has no Chinese: {text.zh_TW!r}"
        assert not has_cjk(text.en), f"{where}: English text contains Chinese: {text.en!r}"


def test_has_cjk_tells_chinese_from_latin_text():
    assert has_cjk("範疇一排放量") and not has_cjk("Scope 1 emissions 8,512 tCO2e")


def test_local_text_reads_zh_tw_by_alias_or_name_and_picks_a_language():
    by_alias = LocalText.model_validate({"en": "Scope 1", "zh-TW": "範疇一"})
    assert by_alias == LocalText(en="Scope 1", zh_TW="範疇一")
    assert by_alias.get("zh-TW") == by_alias.get("zh") == "範疇一"
    assert by_alias.get("en") == by_alias.get(None) == "Scope 1"
    assert by_alias.model_dump() == {"en": "Scope 1", "zh": "範疇一"}
    assert LocalText.model_validate({"en": "Scope 1", "zh": "範疇一"}) == by_alias  # framework data writes `zh`


@pytest.mark.parametrize("given, stored", [("zh-TW", "zh-TW"), ("zh", "zh-TW"), ("zh_tw", "zh-TW"), ("en", "en"), ("EN", "en")])
def test_set_language_is_normalised(given, stored):
    data = {"id": "x", "title": {"en": "T", "zh-TW": "題"}, "description": {"en": "D", "zh-TW": "說明"},
            "language": given, "questions": [_question()]}
    assert QuestionSet.model_validate(data).language == stored


def test_an_unknown_set_language_is_refused():
    with pytest.raises(ValidationError, match="language"):
        QuestionSet.model_validate({"id": "x", "title": {"en": "T", "zh-TW": "題"}, "description": {"en": "D", "zh-TW": "說明"},
                                    "language": "ja", "questions": [_question()]})


def test_a_blank_translation_is_refused():
    with pytest.raises(ValidationError, match="must not be empty"):
        LocalText.model_validate({"en": "Scope 1", "zh-TW": "  "})
