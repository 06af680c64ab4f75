"""`frameworks list|show|search`, driven through the command's run functions."""
from __future__ import annotations

import argparse
import json

import pytest

from disclosure.commands import frameworks as cmd
from disclosure.errors import FrameworkNotFoundError, RequirementNotFoundError

REQUIRED_KEYS = {"id", "framework", "title_en", "title_zh", "description_en", "description_zh", "data_points",
                 "crosswalk", "chapter", "pillar"}


def ns(**kw) -> argparse.Namespace:
    base = {"json": False, "lang": "en", "requirement_id": None, "framework": None, "limit": 20}
    base.update(kw)
    return argparse.Namespace(**base)


def test_parser_registers_the_three_actions():
    parser = argparse.ArgumentParser()
    cmd.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["frameworks", "show", "gri", "305-1", "--json"])
    assert args.func is cmd.run_show and args.framework == "gri" and args.requirement_id == "305-1" and args.json
    assert parser.parse_args(["frameworks", "list"]).func is cmd.run_list
    args = parser.parse_args(["frameworks", "search", "範疇一", "--framework", "gri", "-k", "3"])
    assert args.func is cmd.run_search and args.framework == ["gri"] and args.limit == 3


def test_list_json(capsys):
    assert cmd.run_list(ns(json=True), None) == 0
    data = json.loads(capsys.readouterr().out)
    by_id = {d["id"]: d for d in data}
    assert by_id["tcfd"]["requirement_count"] == 11
    assert by_id["pas2060"]["status"] == "withdrawn" and by_id["pas2060"]["withdrawn"] == "2025-11-30"


def test_list_text(capsys):
    cmd.run_list(ns(), None)
    out = capsys.readouterr().out
    assert "ifrs_s2" in out and "氣候相關財務揭露建議" in out and "[withdrawn 2025-11-30]" in out


def test_show_requirement_json(capsys):
    assert cmd.run_show(ns(framework="gri", requirement_id="305-1", json=True), None) == 0
    rec = json.loads(capsys.readouterr().out)
    assert REQUIRED_KEYS <= rec.keys()
    assert rec["id"] == "305-1" and rec["framework"] == "gri" and rec["chapter"] == "ghg-inventory"
    assert {"tcfd:MT-b", "ifrs_s2:29(a)(i)", "cdp:7.6", "esrs_e1:E1-6"} <= set(rec["crosswalk"])
    assert any(d["id"] == "gross_scope1" and d["unit"] == "tCO2e" for d in rec["data_points"])
    assert {c["ref"] for c in rec["crosswalk_items"]} == set(rec["crosswalk"])


def test_show_framework_json_has_requirement_objects(capsys):
    cmd.run_show(ns(framework="ifrs-s2", json=True), None)
    rec = json.loads(capsys.readouterr().out)
    assert rec["id"] == "ifrs_s2" and rec["phase_ins"]
    assert all(REQUIRED_KEYS <= r.keys() for r in rec["requirements"])


def test_show_sbti_json_includes_rules(capsys):
    cmd.run_show(ns(framework="sbti", json=True), None)
    rec = json.loads(capsys.readouterr().out)
    assert any(r["id"] == "NT-AMBITION-S12" for r in rec["rules"])


def test_show_requirement_text_in_chinese(capsys):
    cmd.run_show(ns(framework="tcfd", requirement_id="G-1", lang="zh"), None)
    out = capsys.readouterr().out
    assert out.startswith("tcfd:G-a  董事會對氣候相關風險與機會之監督")
    assert "ifrs_s2:6(a)" in out


def test_show_a_checklist_file(tmp_path, capsys):
    path = tmp_path / "mine.csv"
    path.write_text("編號,揭露建議,題目\nQ1,G-1,董事會是否監督氣候議題？\n", encoding="utf-8-sig")
    cmd.run_show(ns(framework=str(path), requirement_id="Q1", json=True), None)
    rec = json.loads(capsys.readouterr().out)
    assert rec["framework"] == "mine" and rec["crosswalk"] == ["tcfd:G-a"]


def test_show_unknown_framework_and_requirement_raise_domain_errors():
    with pytest.raises(FrameworkNotFoundError):
        cmd.run_show(ns(framework="nope"), None)
    with pytest.raises(RequirementNotFoundError):
        cmd.run_show(ns(framework="gri", requirement_id="999-9"), None)


def test_search_json(capsys):
    assert cmd.run_search(ns(query="內部碳定價", framework=[], lang=None, limit=5, json=True), None) == 0
    hits = json.loads(capsys.readouterr().out)
    assert 0 < len(hits) <= 5
    assert all(REQUIRED_KEYS <= h.keys() and h["score"] > 0 for h in hits)
    assert hits == sorted(hits, key=lambda h: -h["score"])


def test_search_restricted_and_empty(capsys):
    cmd.run_search(ns(query="Scope 1", framework=["cdp"], lang=None, limit=5, json=True), None)
    assert {h["framework"] for h in json.loads(capsys.readouterr().out)} == {"cdp"}
    cmd.run_search(ns(query="xylophone", framework=[], lang=None), None)
    assert "no requirement matches" in capsys.readouterr().out
