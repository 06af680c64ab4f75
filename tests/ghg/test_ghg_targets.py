"""SBTi checks on compliant and non-compliant targets, import, pathway and progress."""
from __future__ import annotations

import pytest

from disclosure.errors import InventoryColumnsError
from disclosure.ghg import Check, SbtiCriteria, Target, check_targets, linear_pathway, load_targets, progress, verdict
from disclosure.ghg.targets import parse_scope_coverage

SAMPLE_S12 = dict(name="S1+2 −42 %", scopes=(1, 2), scope2_method="market", base_year=2021, base_emissions=58238.5,
                  target_year=2030, reduction_pct=42, coverage_pct=100, year_set=2023, sbti_status="validated")
SAMPLE_S3 = dict(name="S3 C1+C4 −25 %", scopes=(3,), scope3_categories=(1, 4), base_year=2021, target_year=2030,
                 reduction_pct=25, coverage_pct=84.3, year_set=2023, sbti_status="validated")


def _by_rule(checks: list[Check], target: str | None = None) -> dict[str, Check]:
    return {c.rule_id: c for c in checks if target is None or c.target == target}


def test_sample_company_targets_are_compliant(sample_workbook, sample_inventory):
    targets = load_targets(sample_workbook)
    checks = check_targets(targets, sample_inventory)
    assert verdict(checks) is True
    s12 = _by_rule(checks, "範疇一二絕對減量（近期）")
    assert s12["ambition_s12"].passed and "4.67 %/yr" in s12["ambition_s12"].message_en
    assert s12["timeframe"].passed and s12["base_year"].passed and s12["s12_coverage"].passed
    overall = _by_rule([c for c in checks if c.target is None])
    assert overall["s3_required"].passed and "85.0 %" in overall["s3_required"].message_en
    assert overall["s3_coverage_set"].passed and "84.3 %" in overall["s3_coverage_set"].message_en
    # the internal interim target is reported, not judged
    interim = _by_rule(checks, "範疇一二中期目標")
    assert list(interim.values())[0].passed is None


def test_sample_s12_target_alone_passes_every_rule():
    checks = check_targets([Target(**SAMPLE_S12), Target(**SAMPLE_S3)], scope3_share=85.0)
    assert all(c.passed for c in checks), [c.message_en for c in checks if not c.passed]


def test_base_year_2012_fails_with_an_actionable_message():
    t = Target(**{**SAMPLE_S12, "base_year": 2012, "target_year": 2030, "reduction_pct": 80})
    chk = _by_rule(check_targets([t]))["base_year"]
    assert chk.passed is False
    assert "2012 is earlier than 2015" in chk.message_en and "restate the target" in chk.message_en
    assert "2012" in chk.message_zh and "基準年" in chk.message_zh


def test_thirty_percent_over_2021_2030_is_not_15c_aligned():
    t = Target(**{**SAMPLE_S12, "reduction_pct": 30})
    chk = _by_rule(check_targets([t]))["ambition_s12"]
    assert chk.passed is False
    assert "3.33 %/yr" in chk.message_en and "4.2 %/yr" in chk.message_en and "37.8 % by 2030" in chk.message_en
    assert "37.8%" in chk.message_zh


def test_no_scope3_target_while_scope3_is_85_percent(sample_inventory):
    checks = check_targets([Target(**SAMPLE_S12)], sample_inventory)
    chk = _by_rule([c for c in checks if c.target is None])["s3_required"]
    assert chk.passed is False
    assert "85.0 %" in chk.message_en and "set one covering at least 67 %" in chk.message_en
    assert verdict(checks) is False
    # the same verdict from a stated share, without the inventory
    assert _by_rule(check_targets([Target(**SAMPLE_S12)], scope3_share=85.0))["s3_required"].passed is False
    assert _by_rule(check_targets([Target(**SAMPLE_S12)], scope3_share=30.0))["s3_required"].passed is True


def test_net_zero_2050_with_only_80_percent_fails():
    t = Target(name="Net zero 2050", scopes=(1, 2, 3), base_year=2021, target_year=2050, reduction_pct=80,
               horizon="long-term", coverage_pct=100, year_set=2023, net_zero=True)
    checks = _by_rule(check_targets([t]))
    assert checks["long_term_depth"].passed is False
    assert "80 % by 2050" in checks["long_term_depth"].message_en and "at least 90 %" in checks["long_term_depth"].message_en
    assert checks["long_term_year"].passed is True


def test_net_zero_after_2050_and_without_scope3_fails():
    t = Target(name="NZ", scopes=(1, 2), base_year=2021, target_year=2055, reduction_pct=95, horizon="long-term",
               coverage_pct=100)
    checks = _by_rule(check_targets([t]))
    assert checks["long_term_year"].passed is False and checks["long_term_scopes"].passed is False


def test_timeframe_too_short_and_coverage_too_low():
    t = Target(**{**SAMPLE_S12, "target_year": 2026, "reduction_pct": 21, "coverage_pct": 90})
    checks = _by_rule(check_targets([t]))
    assert checks["timeframe"].passed is False and "between 2028 and 2033" in checks["timeframe"].message_en
    assert checks["s12_coverage"].passed is False and "90 %" in checks["s12_coverage"].message_en


def test_scope3_target_below_25_percent_ambition_and_low_coverage(sample_inventory):
    t = Target(**{**SAMPLE_S3, "scope3_categories": (4,), "coverage_pct": None, "reduction_pct": 20})
    checks = _by_rule(check_targets([Target(**SAMPLE_S12), t], sample_inventory), t.name)
    assert checks["ambition_s3"].passed is False and "2.5 %/yr" in checks["ambition_s3"].message_en
    assert checks["s3_coverage_target"].passed is False and "4.7 %" in checks["s3_coverage_target"].message_en


def test_missing_data_is_not_judged():
    t = Target(**{**SAMPLE_S12, "year_set": None, "coverage_pct": None})
    checks = _by_rule(check_targets([t]))
    assert checks["timeframe"].passed is None and checks["s12_coverage"].passed is None


def test_criteria_are_injected_from_one_object():
    strict = SbtiCriteria(s12_min_annual_linear_pct=5.0, rule_ids={"ambition_s12": "C20"})
    checks = check_targets([Target(**SAMPLE_S12)], scope3_share=10, criteria=strict)
    chk = _by_rule(checks)["C20"]
    assert chk.passed is False and "5.0 %/yr" in chk.message_en
    lib = SbtiCriteria.from_mapping({"earliest_base_year": 2018, "unrelated": 1})
    assert lib.earliest_base_year == 2018 and lib.s12_min_coverage_pct == 95.0


def test_non_emission_targets_are_skipped():
    t = Target(name="再生能源50%", type="other", scopes=(2,), base_year=2021, target_year=2030, reduction_pct=50)
    (chk,) = [c for c in check_targets([t]) if c.target == t.name]
    assert chk.passed is None


@pytest.mark.parametrize("text,scopes,cats", [
    ("1+2", (1, 2), None), ("3:C1+C4", (3,), (1, 4)), ("1+2+3", (1, 2, 3), None), ("範疇一、二", (1, 2), None),
    ("Scope 1 and 2", (1, 2), None), ("範疇三類別1、類別4", (3,), (1, 4)), ("S3 C1, C11", (3,), (1, 11)),
])
def test_scope_coverage_parsing(text, scopes, cats):
    assert parse_scope_coverage(text) == (scopes, cats)


def test_targets_csv_in_big5(tmp_path):
    text = ("目標名稱,目標類型,範疇涵蓋,範疇二方法,基準年,基準年排放量(公噸CO2e),目標年,減量幅度(%),目標期間,涵蓋比例(%),設定年,SBTi狀態\n"
            "範疇一二,絕對,1+2,市場基準,110,\"58,238.5\",2030,-42%,近期,100%,112,已確認\n")
    p = tmp_path / "targets.csv"
    p.write_bytes(text.encode("cp950"))
    (t,) = load_targets(p)
    assert (t.base_year, t.year_set, t.reduction_pct, t.coverage_pct, t.scope2_method) == (2021, 2023, 42.0, 100.0, "market")
    assert t.base_emissions == 58238.5 and t.horizon == "near-term" and t.provenance.row == 2


def test_targets_file_without_required_columns(tmp_path):
    p = tmp_path / "targets.csv"
    p.write_text("目標名稱,說明\nA,B\n", encoding="utf-8")
    with pytest.raises(InventoryColumnsError, match="基準年"):
        load_targets(p)


def test_linear_pathway_and_progress(sample_inventory):
    t = Target(**SAMPLE_S12)
    path = linear_pathway(t)
    assert path[2021] == pytest.approx(58238.5) and path[2030] == pytest.approx(58238.5 * 0.58)
    assert path[2023] == pytest.approx(58238.5 * (1 - 0.42 * 2 / 9))
    p = progress(t, sample_inventory)
    assert p.latest_year == 2023 and p.latest_value == pytest.approx(44252.9)
    assert p.reduction_to_date_pct == pytest.approx(24.0, abs=0.05) and p.on_track
    assert "24.0 %" in p.message_en and "進度符合" in p.message_zh


def test_progress_behind_the_pathway():
    t = Target(**SAMPLE_S12)
    p = progress(t, {2021: 58238.5, 2023: 57000.0})
    assert not p.on_track and "behind" in p.message_en
