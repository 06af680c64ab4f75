"""Every bundled YAML file loads through the schema, and the library's cross-file invariants hold."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from disclosure.errors import FrameworkDataError
from frameworks.library import (
    CHAPTERS_FILE,
    CROSSWALK_FILE,
    DATA_DIR,
    FrameworkLibrary,
    framework_files,
    load_chapters_file,
    load_crosswalk_file,
    load_framework_file,
)
from frameworks.schema import CHAPTER_IDS, PILLARS, normalize_key

EXPECTED_FRAMEWORKS = {"gri", "tcfd", "ifrs_s2", "sasb", "cdp", "sbti", "iso14068", "pas2060", "esrs_e1", "twse"}


@pytest.fixture(scope="module")
def lib() -> FrameworkLibrary:
    return FrameworkLibrary.from_directory(DATA_DIR)


@pytest.mark.parametrize("path", framework_files(DATA_DIR), ids=lambda p: p.name)
def test_framework_yaml_loads_through_schema(path: Path):
    fw = load_framework_file(path)
    assert fw.requirements, f"{path.name} has no requirements"
    assert fw.source is not None and fw.source.url.startswith("http")
    assert fw.version


def test_crosswalk_and_chapters_files_load():
    cw = load_crosswalk_file(DATA_DIR / CROSSWALK_FILE)
    assert len(cw.groups) >= 20
    chapters = load_chapters_file(DATA_DIR / CHAPTERS_FILE).chapters
    assert [c.id for c in chapters] == list(CHAPTER_IDS)


def test_all_expected_frameworks_are_bundled(lib):
    assert {fw.id for fw in lib.list_frameworks()} == EXPECTED_FRAMEWORKS


def test_requirement_ids_are_unique_per_framework(lib):
    for fw in lib.list_frameworks():
        keys = [normalize_key(r.id) for r in fw.requirements]
        assert len(keys) == len(set(keys)), fw.id


def test_every_crosswalk_member_resolves(lib):
    for group in lib.crosswalk_groups():
        for ref in group.members:
            assert lib.get_requirement(ref).ref == ref, f"{group.id}: {ref} is not canonical"


def test_crosswalk_is_symmetric(lib):
    count = 0
    for req in lib.requirements():
        for ref in req.crosswalk:
            other = lib.get_requirement(ref)
            assert req.ref in other.crosswalk, f"{req.ref} -> {ref} but not back"
            count += 1
    assert count > 200


def test_crosswalk_never_links_an_item_to_itself(lib):
    for req in lib.requirements():
        assert req.ref not in req.crosswalk


def test_chapter_refs_exist(lib):
    for ch in lib.chapters():
        for ref in ch.requirements:
            assert lib.get_requirement(ref).chapter == ch.id, f"{ch.id} lists {ref} from another chapter"
    for req in lib.requirements():
        assert req.chapter is None or req.chapter in CHAPTER_IDS


def test_every_chapter_has_requirements(lib):
    for ch in lib.chapters():
        assert lib.requirements_for_chapter(ch.id), ch.id
        assert ch.pillar in PILLARS
        assert ch.title.en and ch.title.zh


def test_titles_descriptions_and_hints_are_bilingual(lib):
    for req in lib.requirements():
        assert req.title.en.strip() and req.title.zh.strip(), req.ref
        assert req.description.en.strip() and req.description.zh.strip(), req.ref
        assert req.search_hints.en and req.search_hints.zh, f"{req.ref} lacks search hints in one language"
        for dp in req.data_points:
            assert dp.name.en and dp.name.zh, f"{req.ref}.{dp.id}"


def test_zh_text_is_actually_chinese(lib):
    import re

    for req in lib.requirements():
        assert re.search(r"[\u4e00-\u9fff]", req.title.zh), req.ref
        assert re.search(r"[\u4e00-\u9fff]", req.description.zh), req.ref


def test_quantity_data_points_have_units_and_conditionals_are_not_required(lib):
    for req in lib.requirements():
        for dp in req.data_points:
            if dp.kind == "quantity":
                assert dp.unit, f"{req.ref}.{dp.id}"
            if dp.condition:
                assert dp.required is False


def test_replaces_refs_exist(lib):
    for req in lib.requirements():
        for ref in req.replaces:
            lib.get_requirement(ref)


def test_sections_named_by_requirements_exist(lib):
    for fw in lib.list_frameworks():
        ids = {s.id for s in fw.sections}
        for r in fw.requirements:
            if r.section is not None:
                assert r.section in ids, r.ref


# -- the loader refuses bad data --------------------------------------------------------------------
def _copy_data(tmp_path: Path) -> Path:
    dst = tmp_path / "data"
    shutil.copytree(DATA_DIR, dst)
    return dst


def test_dangling_crosswalk_ref_is_refused(tmp_path):
    data = _copy_data(tmp_path)
    cw = yaml.safe_load((data / CROSSWALK_FILE).read_text(encoding="utf-8"))
    cw["groups"][0]["members"].append("gri:999-9")
    (data / CROSSWALK_FILE).write_text(yaml.safe_dump(cw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FrameworkDataError, match="999-9"):
        FrameworkLibrary.from_directory(data)


def test_crosswalk_written_into_a_framework_file_is_refused(tmp_path):
    data = _copy_data(tmp_path)
    doc = yaml.safe_load((data / "tcfd.yaml").read_text(encoding="utf-8"))
    doc["requirements"][0]["crosswalk"] = ["gri:2-12"]
    (data / "tcfd.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FrameworkDataError, match="crosswalk"):
        load_framework_file(data / "tcfd.yaml")


def test_unquoted_comma_in_flow_mapping_is_caught(tmp_path):
    data = _copy_data(tmp_path)
    p = data / "tcfd.yaml"
    text = p.read_text(encoding="utf-8").replace(
        "title: {en: Board oversight of climate-related risks and opportunities,",
        "title: {en: Board oversight, of climate-related risks and opportunities,", 1)
    p.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkDataError, match="tcfd.yaml"):
        load_framework_file(p)


def test_duplicate_requirement_id_is_refused(tmp_path):
    data = _copy_data(tmp_path)
    doc = yaml.safe_load((data / "tcfd.yaml").read_text(encoding="utf-8"))
    doc["requirements"].append(dict(doc["requirements"][0]))
    doc["requirements"][-1]["aliases"] = []
    (data / "tcfd.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FrameworkDataError, match="duplicate"):
        load_framework_file(data / "tcfd.yaml")


def test_unknown_chapter_is_refused(tmp_path):
    data = _copy_data(tmp_path)
    doc = yaml.safe_load((data / "tcfd.yaml").read_text(encoding="utf-8"))
    doc["requirements"][0]["chapter"] = "appendix"
    (data / "tcfd.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FrameworkDataError, match="chapter"):
        load_framework_file(data / "tcfd.yaml")


def test_quantity_without_unit_is_refused(tmp_path):
    data = _copy_data(tmp_path)
    doc = yaml.safe_load((data / "gri.yaml").read_text(encoding="utf-8"))
    req = next(r for r in doc["requirements"] if r["id"] == "305-1")
    req["data_points"][0].pop("unit")
    (data / "gri.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FrameworkDataError, match="unit"):
        load_framework_file(data / "gri.yaml")
