"""Adding a framework, a data point and a detector is a data change: YAML written here, no Python."""
from __future__ import annotations

import textwrap

from builders import make_pdf
from disclosure.gap import ConceptCatalog, GapChecker, item_from_requirement
from frameworks.library import FrameworkLibrary

FRAMEWORK = textwrap.dedent("""\
    id: water_pledge
    name: {en: Water pledge, zh: 節水承諾}
    version: "1"
    source: {publisher: us, title: a test framework, year: 2025, url: https://example.org}
    requirements:
      - id: W-1
        pillar: metrics-targets
        title: {en: Water recycling rate, zh: 水回收率}
        description: {en: State the share of water recycled., zh: 說明水資源回收之比例。}
        data_points:
          - {id: recycling_rate, name: {en: Recycled share, zh: 回收比例}, kind: percentage, concepts: [water_recycling]}
        search_hints: {en: [water recycling], zh: [水回收, 回收水]}
    """)
CONCEPTS = textwrap.dedent("""\
    version: 1
    concepts:
      - id: water_recycling
        kind: quantity
        asks: {zh: [水回收], en: [water recycl]}
        finds: {zh: ['回收(?:水|率)\\D{0,10}\\d+(?:\\.\\d+)?\\s*%'], en: ['recycl\\w* water\\D{0,20}\\d+(?:\\.\\d+)?\\s*%']}
        anywhere: true
        missing: {en: no water recycling rate (a %), zh: 未提供水回收率（百分比）}
    """)


def _library(tmp_path) -> FrameworkLibrary:
    data = tmp_path / "frameworks"
    (data / "concepts").mkdir(parents=True)
    (data / "water_pledge.yaml").write_text(FRAMEWORK, encoding="utf-8")
    (data / "concepts" / "water.yaml").write_text(CONCEPTS, encoding="utf-8")
    return FrameworkLibrary.from_directory(data)


def test_a_framework_and_a_detector_added_as_yaml_are_checked(tmp_path, settings):
    lib = _library(tmp_path)
    catalog = ConceptCatalog(lib.concept_set())
    items = [item_from_requirement(r) for r in lib.get_framework("water_pledge").requirements]
    checker = GapChecker(settings, catalog=catalog)
    with_rate = make_pdf(["水資源管理\n本公司各廠設置回收水系統，2023年回收率達 45.2%，較前一年提升。"])
    found = checker.check(with_rate, "water.pdf", items).finding("W-1")
    assert found.status != "missing" and found.asked == ["water_recycling"] and found.found == ["water_recycling"]
    without = make_pdf(["水資源管理\n本公司各廠設置回收水系統，持續推動節水。"])
    absent = checker.check(without, "water.pdf", items).finding("W-1")
    assert "water_recycling" not in absent.found
    assert "W-1: no water recycling rate (a %)" in absent.missing
    assert "W-1：未提供水回收率（百分比）" in absent.missing_zh


def test_rewording_a_data_point_keeps_its_detector(tmp_path):
    lib = _library(tmp_path)
    req = lib.get_framework("water_pledge").requirements[0]
    reworded = req.model_copy(update={"data_points": [req.data_points[0].model_copy(
        update={"name": req.data_points[0].name.model_copy(update={"en": "Share reused", "zh": "再利用比例"})})]})
    assert item_from_requirement(reworded).data_points[0].concepts == ("water_recycling",)
