"""A question read as what it asks: a metric of the vocabulary, a year, whether it wants a figure,
a yes/no, or a statement (zh-TW and English, for imported questionnaires and built-in sets alike)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .period import years_in
from .text import nfkc
from .vocabulary import dimension_of, match_metric

_YES_NO_EN = re.compile(r"^\s*(?:is|are|does|do|did|has|have|had|was|were|can|will)\b", re.I)
_YES_NO_ZH = re.compile(r"是否|有無|有沒有|嗎[？?]?\s*$")
_ASKS_FIGURE = re.compile(r"多少|為何(?:數值)?|數值|排放量|總量|用電量|使用量|比例|占比|比率|幾|how much|how many|what (?:was|were|is|are) the "
                          r"(?:\w+ ){0,4}(?:total|amount|emissions|consumption|withdrawal|share|percentage|rate|price)|"
                          r"what percentage|what share|in (?:thousand |million )?(?:metric )?(?:tons|tonnes|gigajoules|cubic|eMWh|MWh)|"
                          r"what (?:was|were|is|are) (?:the )?(?:company|bank|REIT|organi[sz]ation)'?s? (?:\w+ ){0,6}(?:emissions|consumption|"
                          r"withdrawal|price)", re.I)
# The question is about something other than the figure itself (a change, a method, a reason).
_NOT_THE_FIGURE = re.compile(r"by what percentage did|如何(?:估算|計算)|how (?:were|was|are|is) .{0,60}\b(?:estimated|calculated)\b|how (?:did|has) .* change|變動|增減|changed?\b(?! in)|why|原因|為何未|"
                             r"compared with|較.{0,6}(?:增加|減少)", re.I)
_TARGET = re.compile(r"目標|承諾|target|goal|commit|aim", re.I)
_WHICH = re.compile(r"哪一|哪些|何種|which|what (?:standard|methodology|level)|依循|參考", re.I)
_REPORTING = re.compile(r"報告年度|本年度|當年度|reporting year|this year|current year|latest", re.I)


@dataclass
class QuestionIntent:
    """What a question asks."""

    metric: str | None
    year: int | None
    years: list[int]
    yes_no: bool
    figure: bool
    which: bool
    target: bool
    dimension: str | None

    @property
    def value_metric(self) -> bool:
        return self.dimension in ("emissions", "energy", "water", "percent", "money", "intensity")


def parse_question(text: str, *, answer_type: str | None = None, alt: str | None = None) -> QuestionIntent:
    """Metric, year and kind of a question ('2023財年範疇三溫室氣體排放總量為多少千公噸CO2e？' → scope3, 2023, figure)."""
    t = nfkc(text)
    both = t + (" " + nfkc(alt) if alt else "")
    yes_no = bool(_YES_NO_EN.search(t) or _YES_NO_ZH.search(t)) or answer_type == "yes_no"
    target = bool(_TARGET.search(t))
    metric = match_metric(t)
    if metric is None and alt:
        metric = match_metric(nfkc(alt))
    dim = dimension_of(metric) if metric else None
    figure = answer_type == "number" or (bool(_ASKS_FIGURE.search(both)) and not _NOT_THE_FIGURE.search(both))
    if target and dim not in ("target", None) and metric not in ("carbon_price",):
        # 'a target for reducing Scope 1 and 2 emissions' asks for the target, not this year's figure
        tm = match_metric(t, excluding=False)
        metric = "reduction_target" if tm not in ("net_zero_target",) else tm
        if re.search(r"淨零|net[- ]zero", t, re.I) and not re.search(r"%|percent|減少|reduc|by what|幅", t, re.I):
            metric = "net_zero_target"
        dim = dimension_of(metric)
    if _NOT_THE_FIGURE.search(both) and dim in ("emissions", "energy", "water"):
        metric, dim = None, None
    ys = [y for y, _s, _e in years_in(t)]
    year = ys[0] if ys else None
    return QuestionIntent(metric=metric, year=year, years=ys, yes_no=yes_no, figure=figure and dim not in ("target", "text", "year"),
                          which=bool(_WHICH.search(t)), target=target, dimension=dim)


def asks_reporting_year(text: str) -> bool:
    return bool(_REPORTING.search(nfkc(text)))
