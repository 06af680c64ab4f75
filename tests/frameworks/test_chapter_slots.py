"""The chapter slot file is data: it loads through its schema, its links are ids that resolve, and a
wrong one is refused when the file is loaded, not when a chapter is drafted."""
from pathlib import Path

import pytest
import yaml

from disclosure.drafting import chapters
from disclosure.errors import FrameworkDataError
from frameworks.chapter_schema import ChapterSlotsFile
from frameworks.library import DATA_DIR, default_library

FILE = DATA_DIR / chapters.SLOTS_FILE


def test_chapter_slots_yaml_loads_through_schema():
    data = ChapterSlotsFile.model_validate(yaml.safe_load(FILE.read_text(encoding="utf-8")))
    assert "oversight_body" in data.slots and "governance" in data.chapter_topics


def test_every_writer_named_exists():
    from disclosure.drafting.grounded import WRITERS

    writers = {s.writer for s in chapters.SLOTS.values()}
    assert writers <= set(WRITERS) | {"ghg", "narrative"}


def test_every_linked_data_point_exists_in_the_framework_library():
    """A data point renamed in a framework YAML must not silently lose its slot."""
    lib = default_library()
    dp_ids = {dp.id for r in lib.requirements() for dp in r.data_points}
    refs = {f"{r.ref}/{dp.id}" for r in lib.requirements() for dp in r.data_points}
    missing = [k for k in chapters.DATA_POINT_SLOTS if ("/" in k and k not in refs) or ("/" not in k and k not in dp_ids)]
    assert not missing, missing


def test_a_topic_naming_an_unknown_slot_is_refused(tmp_path: Path):
    bad = {"slots": {"a": {"zh": "甲", "en": "a"}}, "chapter_topics": {"governance": [
        {"id": "t", "zh": "主題", "en": "topic", "slots": ["a", "no_such_slot"]}]}}
    path = tmp_path / "slots.yaml"
    path.write_text(yaml.safe_dump(bad, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FrameworkDataError, match="no_such_slot"):
        chapters._load(path)


def test_a_new_slot_and_topic_are_a_data_change(tmp_path: Path):
    data = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    data["slots"]["water_withdrawal"] = {"zh": "取水量", "en": "water withdrawal", "require": [["取水", "water"]],
                                         "query_zh": "取水量 立方公尺", "query_en": "water withdrawal m3"}
    data["chapter_topics"]["reduction-renewables"].append(
        {"id": "water", "zh": "水資源", "en": "Water", "slots": ["water_withdrawal"]})
    path = tmp_path / "slots.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    slots, _links, topics = chapters._load(path)
    assert slots["water_withdrawal"].require == (("取水", "water"),)
    assert [t.id for t in topics["reduction-renewables"]][-1] == "water"
