"""Plotly figures for the GHG page and for drafts: emissions by scope over the years, target pathway vs actuals.

Functions return ``plotly.graph_objects.Figure`` objects; rendering is the caller's business.
"""
from __future__ import annotations

from typing import Literal, Mapping

from .calculations import total
from .model import Inventory, Scope2Method
from .targets import Target, linear_pathway, target_actuals

SCOPE_COLOURS = {1: "#1b4965", 2: "#5fa8d3", 3: "#cae9ff"}
_TEXT = {
    "en": {"title": "GHG emissions by scope", "scope": "Scope {s}", "y": "tCO2e", "x": "Year",
           "s2": {"location": " (Scope 2 location-based)", "market": " (Scope 2 market-based)"},
           "path": "Linear pathway", "actual": "Actual", "target": "Target {y}"},
    "zh": {"title": "各範疇溫室氣體排放量", "scope": "範疇{s}", "y": "公噸CO2e", "x": "年度",
           "s2": {"location": "（範疇二地點基準）", "market": "（範疇二市場基準）"},
           "path": "線性減量路徑", "actual": "實際排放", "target": "{y}年目標"},
}
_ZH_SCOPE = {1: "一", 2: "二", 3: "三"}


def emissions_by_scope_chart(
    inv: Inventory,
    *,
    scope2_method: Scope2Method = "location",
    scopes: tuple[int, ...] = (1, 2, 3),
    lang: Literal["en", "zh"] = "en",
):
    """Stacked bars: one bar per inventory year, one segment per scope."""
    import plotly.graph_objects as go

    t = _TEXT[lang]
    years = inv.years
    fig = go.Figure()
    for s in scopes:
        values = [total(inv, year=y, scopes=(s,), scope2_method=scope2_method) for y in years]
        name = t["scope"].format(s=_ZH_SCOPE[s] if lang == "zh" else s)
        fig.add_trace(go.Bar(x=[str(y) for y in years], y=values, name=name, marker_color=SCOPE_COLOURS[s],
                             hovertemplate="%{x}: %{y:,.1f}<extra>" + name + "</extra>"))
    fig.update_layout(barmode="stack", title=t["title"] + t["s2"][scope2_method], yaxis_title=t["y"],
                      xaxis_title=t["x"], legend_title_text="", template="plotly_white")
    fig.update_yaxes(tickformat=",")
    return fig


def target_pathway_chart(
    target: Target,
    actuals: Inventory | Mapping[int, float],
    *,
    lang: Literal["en", "zh"] = "en",
):
    """The target's straight line from base year to target year, with the actual values as markers."""
    import plotly.graph_objects as go

    t = _TEXT[lang]
    values = target_actuals(actuals, target) if isinstance(actuals, Inventory) else dict(actuals)
    base = target.base_emissions if target.base_emissions is not None and target.type == "absolute" else values.get(target.base_year)
    path = linear_pathway(target, base)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=list(path), y=list(path.values()), mode="lines", name=t["path"],
                             line=dict(dash="dash", color="#2a9d8f"),
                             hovertemplate="%{x}: %{y:,.1f}<extra></extra>"))
    years = sorted(y for y in values if y >= target.base_year)
    fig.add_trace(go.Scatter(x=years, y=[values[y] for y in years], mode="lines+markers", name=t["actual"],
                             line=dict(color="#1b4965"), hovertemplate="%{x}: %{y:,.1f}<extra></extra>"))
    end = path[target.target_year]
    fig.add_trace(go.Scatter(x=[target.target_year], y=[end], mode="markers+text", name=t["target"].format(y=target.target_year),
                             marker=dict(symbol="star", size=14, color="#e76f51"),
                             text=[f"−{target.reduction_pct:g}%"], textposition="top center"))
    fig.update_layout(title=target.name, yaxis_title=t["y"] if target.type == "absolute" else "", xaxis_title=t["x"],
                      template="plotly_white", legend_title_text="")
    fig.update_yaxes(tickformat=",", rangemode="tozero")
    fig.update_xaxes(dtick=1)
    return fig
