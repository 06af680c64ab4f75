"""Every concept YAML loads through its schema; every concept id a framework names exists; bad
concept data is refused with a message that names the file and the problem."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from disclosure.errors import FrameworkDataError
from frameworks.concept_schema import ConceptSet
from frameworks.library import DATA_DIR, FrameworkLibrary, concept_files, load_concept_set, load_concepts_file


@pytest.mark.parametrize("path", concept_files(DATA_DIR), ids=lambda p: p.name)
def test_concept_yaml_loads_through_schema(path: Path):
    f = load_concepts_file(path)
    assert f.concepts
    for c in f.concepts:
        assert c.missing.en.strip() and c.missing.zh.strip(), c.id


def test_concept_set_compiles_and_the_bundled_frameworks_name_only_known_concepts():
    concepts = load_concept_set(DATA_DIR)
    known = {c.id for c in concepts.concepts}
    lib = FrameworkLibrary.from_directory(DATA_DIR)
    named = {c for r in lib.requirements() for c in [*r.concepts, *(x for d in r.data_points for x in d.concepts)]}
    assert named and named <= known
    # Most data points of the gap-checked frameworks carry explicit concept ids.
    assert sum(bool(d.concepts) for r in lib.requirements(["tcfd"]) for d in r.data_points) >= 10


def _copy(tmp_path: Path) -> Path:
    dst = tmp_path / "data"
    shutil.copytree(DATA_DIR, dst)
    return dst


def test_a_pattern_that_does_not_compile_is_refused(tmp_path):
    data = _copy(tmp_path)
    p = data / "concepts" / "gap_concepts.yaml"
    doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    doc["concepts"][0]["finds"]["zh"].append("每(季")
    p.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FrameworkDataError, match="does not compile"):
        load_concept_set(data)


def test_a_data_point_naming_an_unknown_concept_is_refused(tmp_path):
    data = _copy(tmp_path)
    p = data / "tcfd.yaml"
    doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    doc["requirements"][0]["data_points"][0]["concepts"] = ["no_such_concept"]
    p.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FrameworkDataError, match="no_such_concept"):
        FrameworkLibrary.from_directory(data)


def test_an_unknown_fragment_is_refused():
    with pytest.raises(ValueError, match="unknown fragment"):
        ConceptSet.model_validate({"concepts": [{"id": "x", "asks": {"en": ["x"]}, "finds": {"any": ["{{nope}}"]},
                                                 "missing": {"en": "no x", "zh": "未提及x"}}]})
