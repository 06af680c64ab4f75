"""The loader API other parts of the engine call."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import frameworks.library as library_module
from disclosure.errors import FrameworkNotFoundError, RequirementNotFoundError
from frameworks.library import DATA_DIR, FrameworkLibrary
from frameworks.schema import Framework, LocalizedText, Requirement

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def lib() -> FrameworkLibrary:
    return FrameworkLibrary.from_directory(DATA_DIR)


def test_importing_the_library_does_no_work():
    code = "import frameworks.library as l; print(l.default_library.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def test_module_functions_use_the_cached_default_library():
    assert library_module.default_library() is library_module.default_library()
    assert library_module.get_requirement("gri:305-1").id == "305-1"
    assert [fw.id for fw in library_module.list_frameworks()][:3] == ["gri", "tcfd", "ifrs_s2"]
    assert library_module.chapters()[0].id == "governance"


@pytest.mark.parametrize("alias", ["ifrs_s2", "ifrs-s2", "IFRS S2", "s2", "ISSB", "永續揭露準則第2號"])
def test_framework_aliases(lib, alias):
    assert lib.get_framework(alias).id == "ifrs_s2"


def test_unknown_framework_lists_known_ids(lib):
    with pytest.raises(FrameworkNotFoundError) as exc:
        lib.get_framework("gri-2030")
    assert "gri" in exc.value.known and "tcfd" in exc.value.message


@pytest.mark.parametrize("ref,expected", [
    ("gri:305-1", "gri:305-1"),
    ("GRI:305-1", "gri:305-1"),
    ("gri 305-1", "gri:305-1"),
    ("tcfd:mt-b", "tcfd:MT-b"),
    ("tcfd:MT-2", "tcfd:MT-b"),
    ("ifrs-s2:29(a)(i)", "ifrs_s2:29(a)(i)"),
    ("ifrs_s2:29 (a)(i)", "ifrs_s2:29(a)(i)"),
    ("cdp:7.6", "cdp:7.6"),
    ("sasb:tc-sc-110a.1", "sasb:TC-SC-110a.1"),
    ("esrs_e1:E1-6", "esrs_e1:E1-6"),
])
def test_get_requirement_forms(lib, ref, expected):
    assert lib.get_requirement(ref).ref == expected


def test_reference_without_framework_says_how_to_write_it(lib):
    with pytest.raises(RequirementNotFoundError, match="gri:305-1"):
        lib.get_requirement("305-1")


def test_cdp_dotted_ids_stay_distinct(lib):
    assert lib.get_requirement("cdp:7.1.1").id == "7.1.1"
    with pytest.raises(RequirementNotFoundError):
        lib.get_requirement("cdp:7.11")


def test_unknown_requirement(lib):
    with pytest.raises(RequirementNotFoundError) as exc:
        lib.get_requirement("gri:999-1")
    assert exc.value.framework == "gri" and exc.value.requirement_id == "999-1"


def test_requirements_for_chapter_puts_listed_items_first(lib):
    reqs = lib.requirements_for_chapter("governance")
    assert [r.ref for r in reqs[:4]] == ["tcfd:G-a", "tcfd:G-b", "ifrs_s2:6(a)", "ifrs_s2:6(b)"]
    assert all(r.chapter == "governance" for r in reqs)
    assert len({r.ref for r in reqs}) == len(reqs)


def test_requirements_for_chapter_filtered_by_framework(lib):
    reqs = lib.requirements_for_chapter("ghg-inventory", ["gri", "TCFD"])
    assert {r.framework for r in reqs} == {"gri", "tcfd"}
    assert "gri:305-1" in [r.ref for r in reqs] and "tcfd:MT-b" in [r.ref for r in reqs]
    with pytest.raises(ValueError):
        lib.requirements_for_chapter("appendix")


def test_crosswalk_returns_requirements(lib):
    linked = lib.crosswalk("cdp:7.6")
    assert all(isinstance(r, Requirement) for r in linked)
    assert "gri:305-1" in {r.ref for r in linked}
    assert {g.id for g in lib.crosswalk_groups("cdp:7.6")} == {"scope1"}


@pytest.mark.parametrize("query,lang,expected", [
    ("範疇一", "zh", "gri:305-1"),
    ("範疇二 市場基礎", None, "gri:305-2"),
    ("情境分析", None, "tcfd:S-c"),
    ("董事會 每季", "zh", "tcfd:G-a"),
    ("內部碳定價", None, "ifrs_s2:29(f)"),
    ("再生能源憑證", None, "twse:8"),
    ("internal carbon price", "en", "ifrs_s2:29(f)"),
    ("transition plan", "en", "ifrs_s2:14(a)(iv)"),
    ("Scope 3 categories", None, "ifrs_s2:29(a)(vi)"),
    ("financed emissions", None, "sasb:FN-CB-410b.1"),
    ("perfluorinated", None, "sasb:TC-SC-110a.1"),
    ("碳權 註銷", None, "iso14068:credit-retirement"),
])
def test_search_finds_items_in_both_languages(lib, query, lang, expected):
    refs = [r.ref for r in lib.search(query, lang=lang, limit=10)]
    assert expected in refs, refs


def test_search_by_code(lib):
    assert lib.search("305-1")[0].ref == "gri:305-1"
    assert lib.search("C6.1")[0].ref == "cdp:7.6"
    assert lib.search("E1-6")[0].ref == "esrs_e1:E1-6"


def test_search_language_filter(lib):
    assert lib.search("範疇一", lang="en") == []
    assert lib.search("board oversight", lang="zh") == []
    assert "tcfd:G-a" in [r.ref for r in lib.search("董事會", lang="zh")]
    assert "tcfd:G-a" in [r.ref for r in lib.search("board oversight", lang="en")]


def test_short_tokens_do_not_match_inside_numbers(lib):
    # "1" must not hit "15" (Scope 3 category 15) or "110a"
    hits = lib.search("Scope 1", lang="en", limit=5)
    assert all("scope 1" in (r.title.en + " ".join(r.search_hints.en)).lower() for r in hits), [r.ref for r in hits]


def test_search_nonsense_finds_nothing(lib):
    assert lib.search("xylophone quartz") == []
    assert lib.search("   ") == []


def test_search_restricted_to_frameworks(lib):
    hits = lib.search("Scope 1", frameworks=["cdp"])
    assert hits and all(r.framework == "cdp" for r in hits)


def test_with_frameworks_adds_a_checklist_with_symmetric_links(lib):
    item = Requirement(id="Q1", framework="mine", title=LocalizedText(en="Board oversight?", zh="董事會監督？"),
                       description=LocalizedText(en="x", zh="x"), crosswalk=["tcfd:G-a"])
    fw = Framework(id="mine", name=LocalizedText(en="Mine", zh="我的"), kind="checklist", version="1", requirements=[item])
    extended = lib.with_frameworks(fw)
    assert "mine:Q1" in extended.get_requirement("tcfd:G-a").crosswalk
    assert "tcfd:G-a" in extended.get_requirement("mine:Q1").crosswalk
    assert "mine:Q1" not in lib.get_requirement("tcfd:G-a").crosswalk  # the original library is unchanged
    # the crosswalk.yaml links survive the copy
    assert "ifrs_s2:6(a)" in extended.get_requirement("tcfd:G-a").crosswalk


def test_chapters(lib):
    chs = lib.chapters()
    assert [c.id for c in chs] == ["governance", "risk-strategy", "ghg-inventory", "targets-transition",
                                   "reduction-renewables", "carbon-neutrality", "supply-chain"]
    assert lib.chapter("risk-strategy").pillars == ["strategy", "risk-management"]
    assert lib.chapter("governance").pillar == "governance"
