"""Charts are plotly figures with the numbers of the inventory."""
from __future__ import annotations

import pytest

from disclosure.ghg import Target, emissions_by_scope_chart, target_pathway_chart


def test_emissions_by_scope_is_a_stacked_bar_per_year(sample_inventory):
    fig = emissions_by_scope_chart(sample_inventory, scope2_method="market", lang="zh")
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == ["範疇一", "範疇二", "範疇三"]
    scope2 = fig.data[1]
    assert list(scope2.x) == ["2021", "2022", "2023"]
    assert list(scope2.y) == pytest.approx([49118.5, 43956.0, 35740.9])
    assert "市場基準" in fig.layout.title.text


def test_target_pathway_against_actuals(sample_inventory):
    t = Target(name="S1+2 −42 %", scopes=(1, 2), scope2_method="market", base_year=2021, base_emissions=58238.5,
               target_year=2030, reduction_pct=42)
    fig = target_pathway_chart(t, sample_inventory)
    path, actual, end = fig.data
    assert list(path.x) == list(range(2021, 2031)) and path.y[-1] == pytest.approx(58238.5 * 0.58)
    assert list(actual.x) == [2021, 2022, 2023] and actual.y[-1] == pytest.approx(44252.9)
    assert end.text == ("−42%",)
    fig.to_json()  # serialisable for the app and for exports
