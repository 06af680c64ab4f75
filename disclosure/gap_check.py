"""Gap check: one document (a draft or a published report) against framework requirements or a
checklist — covered / partial / missing per requirement, with the page and quote behind every
verdict and a sentence on what is missing.

How a verdict is reached (deterministic; no LLM):

1. The checked document is indexed on its own, in memory (never the company corpus): page-aware
   chunks, BM25 over CJK bigrams and English words, dense vectors from the configured embedder
   (cached on disk per text), fused by reciprocal rank. Pages that are a table of contents or a
   disclosure index (dotted leaders, lines ending in page numbers, "TCFD 對照表" / "GRI content
   index" tables that map requirements to sections) are set aside: they never count as evidence.
2. Each requirement becomes a query (its question, or its title and description, search hints and
   glossary expansions) and a *coverage*: the share of its distinctive terms — weighted by how much
   they set it apart from the other requirements of the run — that the best passage carries.
3. Concepts the requirement asks for (a reporting frequency, a named 2 °C scenario, a base year, a
   Scope 3 figure, an internal carbon price …) are read from its wording or its data points; each
   has a detector. A self-identifying hit (a tCO2e figure) counts anywhere in the body; a generic
   one (a committee) only in a passage retrieved for the requirement.
4. Verdict: every specific concept asked must be found, and the best passage must be on topic. The
   on-topic bar falls with the document's *maturity* — the share of specific data points it carries
   at all — so a thin report must match a requirement's wording closely while a report full of
   checkable content gets the benefit of the doubt on general descriptions.

Claim checks run over the whole document (carbon neutrality under ISO 14068-1, PAS 2060 after its
withdrawal, SBTi / 1.5 °C statements without a matching target, net-zero without deep reduction,
Scope 2 reported only market-based).
"""
from __future__ import annotations

import hashlib
import io
import logging
import math
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from pydantic import BaseModel, Field

from .pages import classify_page, classify_pages, page_heading  # noqa: F401 - classify_page, page_heading re-exported
from .chunking import chunk_text, split_sentences
from .converters import ConvertedDocument, convert, text_to_segments
from .errors import DisclosureError
from .glossary import expand_query
from .lexical import BM25Index, query_weights, tokenize
from .models import Location
from .normalization import detect_language, find_years, normalize_text
from .settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from frameworks.schema import Requirement

    from .embeddings import Embedder

log = logging.getLogger(__name__)

Status = Literal["covered", "partial", "missing"]
Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]


class GapCancelled(DisclosureError):
    """The caller asked the gap check to stop (the UI's cancel button)."""

    def __init__(self, done: int, total: int):
        self.done = done
        self.total = total
        super().__init__(f"gap check cancelled after {done} of {total} requirements")


# ====================================================================== result types
class EvidenceQuote(BaseModel):
    """A quoted passage of the checked document that supports a verdict."""

    source: str
    page: int | None = None
    text: str
    location: str = Field(default="", description="human label: 'p. 4', '¶ 12'")
    score: float = 0.0


class DetectorHit(BaseModel):
    """A data point a detector found (a frequency, a scenario name, a tCO2e quantity …)."""

    text: str
    page: int | None = None


class GapFinding(BaseModel):
    requirement_id: str
    framework: str
    ref: str = Field(description="framework:id")
    title: str
    pillar: str | None = None
    status: Status
    score: float = Field(ge=0, le=1, description="strength of the evidence, 0–1")
    evidence: list[EvidenceQuote] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    detectors: dict[str, list[DetectorHit]] = Field(default_factory=dict)
    asked: list[str] = Field(default_factory=list, description="concepts the requirement asks for")
    found: list[str] = Field(default_factory=list, description="asked concepts the detectors found")
    via: list[str] = Field(default_factory=list, description="crosswalk refs whose coverage counted here")
    signals: dict[str, float] = Field(default_factory=dict, description="retrieval signals behind the score")

    @property
    def pages(self) -> list[int]:
        return sorted({e.page for e in self.evidence if e.page is not None})

    def as_json(self) -> dict[str, Any]:
        d = self.model_dump(mode="json")
        d["evidence"] = [{"source": e.source, "page": e.page, "text": e.text, "location": e.location,
                          "score": round(e.score, 4)} for e in self.evidence]
        d["pages"] = self.pages
        return d


class ClaimFlag(BaseModel):
    """A claim in the document that does not stand on what the document itself shows."""

    kind: Literal["carbon_neutral", "pas2060", "sbti_or_1_5c", "net_zero", "scope2_market_only"]
    severity: Literal["error", "warning"] = "warning"
    source: str
    page: int | None = None
    sentence: str
    problem: str
    basis: str = Field(description="the rule or standard the check applies")


class ScoreRow(BaseModel):
    framework: str
    pillar: str | None = None  # None = the whole framework
    total: int
    covered: int
    partial: int
    missing: int
    score: float = Field(description="(covered + ½ partial) / total, 0–100")


class ContentIndexRow(BaseModel):
    framework: str
    requirement_id: str
    title: str
    status: Status
    pages: list[int]


class GapReport(BaseModel):
    source: str
    pages: int | None = None
    excluded_pages: dict[int, str] = Field(default_factory=dict, description="page → 'toc' / 'index'")
    maturity: float = Field(default=0.0, description="share of specific data points the document carries (0–1)")
    findings: list[GapFinding]
    scores: list[ScoreRow] = Field(default_factory=list)
    claims: list[ClaimFlag] = Field(default_factory=list)
    content_index: list[ContentIndexRow] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def finding(self, requirement_id: str) -> GapFinding:
        for f in self.findings:
            if f.requirement_id == requirement_id or f.ref == requirement_id:
                return f
        raise KeyError(requirement_id)


# ====================================================================== concepts and detectors
@dataclass(frozen=True)
class Concept:
    """Something a requirement can ask for, and how to see it in a report.

    ``asks`` runs on the requirement's wording (question, data point names); ``finds`` on the
    report. ``near`` (optional) must match within ``window`` characters of the hit, so that the hit
    is about the right thing (a frequency next to a board body, a quantity next to a scope).
    ``anywhere``: the hit identifies its topic by itself (a tCO2e figure, an internal carbon price),
    so it counts wherever it is in the body; otherwise it must sit in a passage retrieved for the
    requirement. ``weak`` concepts are too common in any climate report to decide an item alone."""

    name: str
    asks: re.Pattern
    finds: re.Pattern
    missing: str
    near: re.Pattern | None = None
    window: int = 80
    anywhere: bool = False
    weak: bool = False
    accept: Callable[[str], bool] | None = None  # a last check on the hit's text

    def hits(self, text: str) -> Iterable[str]:
        text = join_wrapped_lines(text)
        for m in self.finds.finditer(text):
            if self.accept is not None and not self.accept(m.group(0)):
                continue
            if self.near is None or self.near.search(text[max(0, m.start() - self.window): m.end() + self.window]):
                yield m.group(0)


_WRAP = re.compile(r"(?<=[\u3400-\u9fff，、（「])\n(?=[\u3400-\u9fff，。、）」])")


def join_wrapped_lines(text: str) -> str:
    """Undo the line wraps PDF extraction puts inside a Chinese sentence ("中期\n而言" → "中期而言")."""
    return _WRAP.sub("", text)


def _consecutive_years(text: str) -> bool:
    """Three or more consecutive years (2019 2020 2021): a historical series, not scenario horizons (2030 2050)."""
    years = [int(y) for y in re.findall(r"(?:19|20)\d\d", text)]
    run = 1
    for a, b in zip(years, years[1:]):
        run = run + 1 if b == a + 1 else 1
        if run >= 3:
            return True
    return False


def _rx(p: str) -> re.Pattern:
    # DOTALL: PDF tables break a cell over several lines ("用電量相較\n於前一年度降低\n2.36%").
    return re.compile(p, re.I | re.S)


_BOARD = r"董事會|(?:永續發展|永續|風險管理|審計|公司治理|薪酬|策略)[\u4e00-\u9fff]{0,4}委員會|board|(?:sustainability|risk|audit) committee"
_MGMT = (r"總經理|執行長|副總|永續長|風險長|財務長|高階主管|高階管理|管理階層|經理人|工作小組|推動小組|專案小組|執行小組|"
         r"辦公室|管理委員會|風險管理處|風險管理部|executive|management|officer|task force|working group")
_NUM = r"\d[\d,]*(?:\.\d+)?"
_GHG_UNIT = r"(?:公噸|噸|t|tonnes?|metric tons?)\s*-?\s*(?:CO2e|CO2-?e|CO₂e|二氧化碳當量|CO2)|tCO2e|t-CO2e|kgCO2e"
_MONEY = (r"(?:新臺幣|新台幣|NT\$|NTD|TWD|US\$|USD|\$|€)\s*{n}|{n}\s*(?:億|兆|萬|仟|千|百萬|佰萬)?元|{n}\s*(?:億|百萬|佰萬)|"
          r"{n}\s*(?:million|billion|bn|mn)").format(n=_NUM)
_TARGET_WORDS = r"目標|減量|減碳|減少|降低|淨零|target|reduc"

CONCEPTS: tuple[Concept, ...] = (
    # -- governance
    Concept("frequency", _rx(r"頻率|多久|how often|frequency"),
            _rx(r"每(?:季|月|半年|年度|年|週|兩年|\s*\d+\s*個?月)|至少每|一年[一二兩三四]次|[一二兩三四]次/年|"
                r"quarterly|annually|semi-annual|twice a year|every (?:quarter|year|six months)|monthly"),
            "no reporting frequency stated (e.g. 每季 / 每半年 / annually)",
            near=_rx(_BOARD + r"|委員會|committee|報告|陳報|提報|report"), anywhere=True),
    Concept("board_body", _rx(r"董事會|board"), _rx(_BOARD), "no board body named (董事會 / committee)", weak=True),
    Concept("management_role", _rx(r"管理職位|管理階層|高階主管|特定職位|management|executive"), _rx(_MGMT),
            "no management position or committee named", weak=True),
    Concept("committee", _rx(r"委員會|committee"), _rx(r"[\u4e00-\u9fff]{2,8}委員會|committee"), "no committee named", weak=True),
    Concept("working_group", _rx(r"工作小組|跨部門|task force|working group|cross-functional"),
            _rx(r"小組|工作組|跨部門|跨處|task force|working group|cross-functional"), "no cross-functional working group described"),
    Concept("org_structure", _rx(r"組織結構|組織架構|organi[sz]ational structure"),
            _rx(r"組織架構|治理架構|組織結構|權責|三道防線|organi[sz]ation(?:al)? (?:structure|chart)|governance structure"),
            "no climate governance structure described"),
    Concept("capex_oversight", _rx(r"資本支出、企業收購|重要資本支出"),
            _rx(r"資本支出|併購|收購|capital expenditure|capex|acquisition"), "no board oversight of capital expenditure or acquisitions",
            near=_rx(_BOARD), window=120),
    # -- strategy: horizons
    Concept("short_term", _rx(r"短期(?!目標)|short[- ]term(?! target)"), _rx(r"短期|short[- ]term"), "no short-term horizon discussed"),
    Concept("medium_term", _rx(r"中期(?!目標)|medium[- ]term(?! target)"), _rx(r"中期|中長期|medium[- ]term"),
            "no medium-term horizon discussed"),
    Concept("long_term", _rx(r"長期(?!目標)|long[- ]term(?! target)"), _rx(r"長期|中長期|long[- ]term"), "no long-term horizon discussed"),
    Concept("time_horizons", _rx(r"時間範圍|時間長度|time horizon|短中長期"),
            _rx(r"短期|中期|長期|short[- ]term|medium[- ]term|long[- ]term|20[2-9]\d\s*年|by 20[2-9]\d"),
            "no time horizons defined", weak=True),
    # -- strategy: scenarios (a question about a 2 °C or a physical scenario needs a named, public one)
    Concept("scenario", _rx(r"情境|scenario"),
            _rx(r"情境分析|情境|壓力測試|scenario|stress test|NGFS|IEA|RCP|SSP\d"), "no climate scenario used", weak=True),
    Concept("transition_scenario", _rx(r"2\s*度|2\s*°\s*C|轉型情境|IEA|SDS|NZE|transition scenario|well[- ]below"),
            _rx(r"(?:1\.5|1\.8|2)\s*°\s*C|(?:1\.5|2)\s*度|\bNZE\b|\bSDS\b|\bAPS\b|\bSTEPS\b|Net Zero (?:Emissions by )?2050|"
                r"Below 2|RCP\s?2\.6|SSP1-\d|IEA"),
            "no transition scenario of 2 °C or lower named (IEA NZE/SDS, NGFS Net Zero 2050, RCP2.6…)", anywhere=True),
    Concept("physical_scenario", _rx(r"實體.{0,6}情境|RCP|physical (?:risk )?scenario|實體風險不斷增加"),
            _rx(r"RCP\s?\d\.\d|SSP\d-\d\.\d|IPCC|\bAR[56]\b|升溫\s*\d|暖化溫度在\s*\d"),
            "no physical-risk scenario named (RCP8.5, SSP5-8.5…)", anywhere=True),
    # -- metrics: emissions
    Concept("scope12", _rx(r"範疇一|範疇二|範疇\s*[12]|scope\s*[12]|直接排放"),
            _rx(r"(?:範疇\s*[一二12]|scope\s*[12]|類別\s*[12一二]|直接排放|間接排放)\D{0,40}\d[\d,]*(?:\.\d+)?"),
            "no Scope 1 / Scope 2 figure", near=_rx(r"排放|碳排|CO2|噸|emission|" + _GHG_UNIT), window=150, anywhere=True),
    Concept("scope3", _rx(r"範疇三|範疇\s*3|scope\s*3"),
            _rx(r"(?:範疇\s*[三3]|scope\s*3|類別\s*[3-6三四五六]|投融資.{0,6}(?:碳排|排放)|財務碳排放|financed emissions)\D{0,40}\d[\d,]*(?:\.\d+)?"),
            "no Scope 3 figure", near=_rx(r"排放|碳排|CO2|噸|emission|" + _GHG_UNIT), window=150, anywhere=True),
    # The question names the GHG Protocol; ISO 14064-1 or PCAF alone is another standard.
    # The question names the GHG Protocol; ISO 14064-1 or PCAF alone is another standard.
    Concept("ghg_method", _rx(r"議定書|GHG Protocol"),
            _rx(r"GHG Protocol|Greenhouse Gas Protocol|溫室氣體盤查議定書|盤查議定書"),
            "no GHG Protocol calculation method stated", anywhere=True),
    Concept("ghg_standard", _rx(r"ISO\s?14064|衡量標準|measurement standard|standards, methodologies|所用標準"),
            _rx(r"GHG Protocol|Greenhouse Gas Protocol|溫室氣體盤查議定書|盤查議定書|ISO\s?14064|PCAF"),
            "no GHG accounting standard stated (GHG Protocol / ISO 14064-1)", anywhere=True),
    Concept("gwp_source", _rx(r"GWP|全球暖化潛勢"),
            _rx(r"GWP|全球暖化潛勢|暖化潛勢值|IPCC\s*(?:AR[456]|第[四五六]次)|\bAR[456]\b"), "no GWP source stated", anywhere=True),
    Concept("consolidation_approach", _rx(r"合併方法|彙整.{0,4}方法|consolidation approach"),
            _rx(r"營運控制|財務控制|股權比例|operational control|financial control|equity share"),
            "no consolidation approach stated (operational / financial control, equity share)", anywhere=True),
    Concept("emission_factor_source", _rx(r"排放係數|emission factors?|轉換係數|conversion factors"),
            _rx(r"排放係數|排碳係數|電力係數|emission factors?|conversion factors?|轉換係數"),
            "no emission factor source stated", anywhere=True),
    Concept("gases_included", _rx(r"涵蓋之溫室氣體|gases included|greenhouse gases covered|溫室氣體種類"),
            _rx(r"CH4|N2O|HFCs?\b|HFC-?\d|PFCs|SF6|NF3|甲烷|氧化亞氮|氫氟碳化物|冷媒|[七7]\s*種溫室氣體|溫室氣體種類"),
            "no list of greenhouse gases included", anywhere=True),
    Concept("location_based", _rx(r"地點基礎|地點基準|location[- ]based"),
            _rx(r"地點基礎|地點基準|位置基準|location[- ]based"), "no location-based Scope 2 figure", anywhere=True),
    Concept("market_based", _rx(r"市場基礎|市場基準|market[- ]based"),
            _rx(r"市場基礎|市場基準|market[- ]based"), "no market-based Scope 2 figure", anywhere=True),
    Concept("carbon_credits", _rx(r"碳權|carbon credits?|offsets?"),
            _rx(r"碳權|減量額度|抵換|碳信用|carbon credits?|offsets?|\bVERs?\b"), "no carbon credits disclosed", anywhere=True),
    Concept("financed_emissions", _rx(r"PCAF|金融中介.{0,20}溫室氣體|投融資.{0,6}排放|financed emissions"),
            _rx(r"PCAF|投融資.{0,8}(?:碳排|排放|碳足跡)|財務碳排放|financed emissions"),
            "no financed emissions (PCAF) figure", near=_rx(_NUM + r"\s*(?:" + _GHG_UNIT + r"|公噸|噸)|" + _GHG_UNIT + r"|PCAF"),
            window=200, anywhere=True),
    Concept("intensity", _rx(r"效率比率|密集度|排放強度|intensity ratio|emissions intensity"),
            _rx(r"密集度|排放強度|碳強度|intensity|WACI|碳足跡|/\s*(?:新臺幣|新台幣)?\s*(?:百萬|佰萬)|每(?:單位|人|百萬)"),
            "no emissions intensity ratio", anywhere=True),
    Concept("trend", _rx(r"趨勢分析|歷史|historical|trend analysis"), re.compile(r"(?:(?:19|20)\d\d(?:\s*年)?[\s/]+){2,}(?:19|20)\d\d"),
            "no multi-year series to show a trend", near=_rx(r"排放|範疇|用電|用水|能源|碳|emission|scope"), window=200,
            anywhere=True, accept=_consecutive_years),
    Concept("base_year", _rx(r"基準年|基期|base year|base period|baseline"),
            _rx(r"基準年|基期|base year|baseline year|base period|以\s*20\d\d\s*年(?:度)?為基準|相較\s*20\d\d\s*年"),
            "no base year stated for the targets", near=_rx(_TARGET_WORDS), window=60, anywhere=True),
    Concept("target", _rx(r"目標|target"),
            _rx(r"(?:20[2-9]\d|1[1-4]\d)\s*年.{0,40}(?:減少|降低|減量|減碳|達成|達到|提升|增加|100\s*%|淨零)|"
                r"(?:減少|降低|減量|減碳)\s*\d+(?:\.\d+)?\s*%|目標.{0,20}\d|net[- ]zero by|"
                r"(?:reduc\w*|cut|lower)\b[^.]{0,80}?\d+(?:\.\d+)?\s*%|\d+(?:\.\d+)?\s*%[^.]{0,60}?(?:reduction|below|by 20\d\d)|"
                r"targets?\b[^.]{0,60}20[2-9]\d"),
            "no target with a year or an amount", weak=True),
    Concept("medium_term_target", _rx(r"中期目標|medium[- ]term target"),
            _rx(r"中期(?:目標|而言)|20(?:2[5-9]|3\d)\s*年.{0,30}(?:減少|降低|減量|減碳|達成|達到|100\s*%)|medium[- ]term target"),
            "no medium-term target", anywhere=True),
    Concept("long_term_target", _rx(r"長期目標|long[- ]term target"),
            _rx(r"長期(?:目標|而言|之減碳)|20[4-5]\d\s*年.{0,30}(?:淨零|減少|降低|減量|達成|碳中和)|long[- ]term target|net[- ]zero by 20[4-5]\d"),
            "no long-term target", anywhere=True),
    # Any quantified reduction target is either absolute or intensity-based.
    Concept("absolute_or_intensity_target", _rx(r"絕對目標|強度為基礎|absolute target|intensity[- ]based"),
            _rx(r"(?:20[2-9]\d|每年度?)[^。]{0,50}?(?:減少|降低|減量|減碳)[^。]{0,20}?\d+(?:\.\d+)?\s*%|"
                r"(?:20[2-9]\d|每年度?)[^。]{0,20}?\d+(?:\.\d+)?\s*%[^。]{0,20}(?:減量|減碳|減少|降低)|"
                r"(?:absolute|intensity)[^.]{0,60}(?:target|reduction)"),
            "no absolute or intensity-based target (a year and a % reduction)", anywhere=True),
    Concept("kpi", _rx(r"績效指標|KPI|key performance"), _rx(r"KPI|關鍵指標|績效指標|達成率|執行成效|達成情形|達成進度|performance indicator"),
            "no KPI to track progress toward targets"),
    # -- metrics: others (a question about a metric needs a number with a unit)
    Concept("internal_carbon_price", _rx(r"內部碳價|碳價格|internal carbon pric"),
            _rx(r"(?:內部碳(?:定)?價|影子(?:碳)?價格|internal carbon pric\w*|shadow (?:carbon )?price)[^。]{0,60}?"
                r"(?:\d[\d,.]*\s*(?:元|美元|歐元|USD|EUR|€)|(?:US\$|NT\$|\$|€|新臺幣|新台幣)\s*\d)|"
                r"\d[\d,.]*\s*(?:元|美元|USD|US\$|EUR|€|\$)\s*/\s*(?:公噸|噸|tCO2e|tonne|t\b)"),
            "no internal carbon price (an amount per tonne)", anywhere=True),
    Concept("remuneration", _rx(r"薪酬|獎酬|remuneration|compensation"),
            _rx(r"薪酬|獎酬|酬金|績效連結(?!貸款|授信|之?融資)|績效考核|remuneration|compensation|incentive"),
            "no link between climate performance and remuneration", anywhere=True),
    Concept("water", _rx(r"水資源管理|用水.{0,6}指標|water (?:metric|use|management)"),
            _rx(r"(?:用水|耗水|取水)量?\D{0,15}\d[\d,.]*\s*(?:立方公尺|公秉|m3|m³|公噸|噸|度)|\d[\d,.]*\s*(?:立方公尺|m3|m³|公秉|megalit)"),
            "no water metric (a quantity of water used or withdrawn)", anywhere=True),
    Concept("energy", _rx(r"能源管理|能源.{0,6}指標|能源消耗|energy (?:metric|use|management|consum)|electricity consumed|total energy"),
            _rx(r"(?:用電|耗電|能源使用|能耗|耗油|燃料使用)量\D{0,12}\d[\d,.]*\s*(?:%|度|kWh|MWh|GJ|公秉|公升)|"
                r"(?:energy|electricity) (?:use|consumption)\D{0,20}\d[\d,.]*\s*(?:%|kWh|MWh|GWh|GJ|TJ)|"
                r"\d[\d,.]*\s*(?:kWh|MWh|GWh|GJ|TJ|度電|千度|萬度)"),
            "no energy metric (a quantity of energy or electricity used)", anywhere=True),
    Concept("waste", _rx(r"廢棄物管理|廢棄物.{0,6}指標|waste (?:metric|management)"),
            _rx(r"廢棄物.{0,30}\d[\d,.]*\s*(?:公噸|噸|公斤|kg|t\b)|\d[\d,.]*\s*(?:公噸|噸|公斤|kg)\D{0,10}廢棄物|waste.{0,40}\d[\d,.]*\s*(?:tonnes|tons|t\b|kg)"),
            "no waste metric (a quantity of waste)", anywhere=True),
    # A target is a year (or "every year") with a quantified change.
    Concept("resource_target", _rx(r"(?:排放|用水|能源).{0,30}目標|targets? (?:for|on) (?:emissions|water|energy)"),
            _rx(r"(?:20[2-9]\d|每年度?)[^。]{0,50}?(?:減少|降低|減量|減碳|提升|達到|達成|使用)[^。]{0,20}?\d+(?:\.\d+)?\s*%|"
                r"(?:20[2-9]\d|每年度?)[^。]{0,20}?\d+(?:\.\d+)?\s*%[^。]{0,20}(?:減量|減碳|減少|降低)|"
                r"(?:reduce|cut)\w* .{0,60}\d+(?:\.\d+)?\s*%.{0,40}20[2-9]\d|20[2-9]\d.{0,60}(?:reduc|cut)\w* .{0,40}\d+(?:\.\d+)?\s*%"),
            "no quantified target for emissions, water or energy (year and %)",
            near=_rx(r"溫室氣體|排放|碳排|範疇|用水|用電|能源|再生能源|廢棄物|emission|scope|water|energy|renewable"), window=40,
            anywhere=True),
    Concept("revenue", _rx(r"營收|營業收入|收入|revenue"), _rx(r"營收|營業收入|收入|收益|revenue|income"), "no revenue figure",
            weak=True),
    Concept("low_carbon_products", _rx(r"低碳經濟有關|低碳.{0,6}產品|為低碳經濟設計|low-carbon (?:products|economy)"),
            _rx(r"綠色(?:授信|融資|金融|債券|存款|貸款|產品)|永續(?:連結)?(?:授信|貸款|債券|存款|金融|投資)|再生能源融資|綠能融資|低碳(?:產品|服務)|"
                r"green (?:loan|bond|finance)|sustainable finance|low-carbon product"),
            "no low-carbon products or services quantified", near=_rx(_MONEY), window=60, anywhere=True),
    # Revenue means revenue: a loan balance or a financing amount is not what the question asks.
    Concept("low_carbon_revenue", _rx(r"(?:產品|服務)\S{0,4}之營收(?!目標)|營收占比|revenue from"),
            _rx(r"營收|營業收入|收入|revenue"), "no revenue from low-carbon products or services",
            near=_rx(r"綠色|永續|低碳|再生能源|綠能|green|sustainable|low-carbon"), window=30, anywhere=True),
    Concept("financial_target", _rx(r"財務目標|財務損失容忍度|淨營收目標|financial targets?"),
            _rx(r"20[2-9]\d\s*年[^。]{0,30}(?:目標|預計)[^。]{0,40}(?:新臺幣|新台幣|億元|百萬元|佰萬元|\d+(?:\.\d+)?\s*%)|"
                r"目標(?:餘額|金額|營收)[^。]{0,20}\d|損失容忍|loss tolerance|revenue target"),
            "no financial target", anywhere=True),
    Concept("financial_amount", _rx(r"財務影響|財務績效|財務狀況|財務衝擊|財務規劃|財務損失|營業成本|收入|成本|資產|負債|"
                                     r"financial (?:effects?|impacts?|implications?|performance|position|planning)|amount"),
            _rx(_MONEY + r"|預期損失|損失率|\d+(?:\.\d+)?\s*%"), "no financial amount or effect quantified", weak=True),
    Concept("capex", _rx(r"資本支出|資本配置|capex|capital expenditure|capital allocation"),
            _rx(r"資本支出|資本配置|資本投入|capital expenditure|capex|capital allocation|投資(?:計畫|預算)"),
            "no effect on capital expenditure or allocation"),
    # Corporate acquisitions and divestitures; a bank's exit from financing a sector (撤資煤炭) is not one.
    Concept("m_and_a", _rx(r"收購|資產分割|acquisition|divestiture"),
            _rx(r"收購|併購|合併案|資產分割|處分(?:子公司|事業|部門)|acquisition|merger|disposal of (?:business|subsidiar)"),
            "no acquisitions or divestitures discussed", anywhere=True),
    Concept("capital_access", _rx(r"資本的取得|取得資金|資金取得|access to capital|cost of capital"),
            _rx(r"籌資|取得資金|資金取得|融資成本|資金成本|募集資金|access to capital|cost of capital"),
            "no effect on access to capital", anywhere=True),
    Concept("rnd", _rx(r"研發|研究發展|R&D|research"), _rx(r"研發|研究發展|R&D|research and development"),
            "no research and development discussed", anywhere=True),
    Concept("supply_chain", _rx(r"供應鏈|價值鏈|supply chain|value chain"),
            _rx(r"供應鏈|價值鏈|供應商|supply chain|value chain|supplier"), "no supply or value chain effects"),
    Concept("adaptation_mitigation", _rx(r"調適|(?<!衝突之)減緩|adaptation|(?<!conflict )mitigation"),
            _rx(r"調適|減緩|adaptation|mitigation"), "no adaptation or mitigation activities"),
    Concept("operations_location", _rx(r"業務經營|設施所在地|業務類型|營運據點"),
            _rx(r"營運據點|據點|營業據點|行舍|分行|設施|廠區|業務類型|operations|facilit|site"), "no effect on operations or locations"),
    Concept("products_services", _rx(r"產品與服務|產品或服務|products? and services"),
            _rx(r"產品|服務|商品|product|service"), "no effect on products and services", weak=True),
    Concept("geography", _rx(r"按地區|地理|區域|by region|geograph"),
            _rx(r"地區別|地理區域|區域別|縣市|鄉鎮|國家別|國別|地區分佈|地區分布|geograph|by region|by country"),
            "no breakdown by geography"),
    Concept("sector", _rx(r"按部門|特定部門|產業別|行業|sector|industry"),
            _rx(r"產業別|行業別|產業|行業|sector|industry"), "no breakdown by sector", weak=True),
    Concept("bank_risks", _rx(r"信用風險|市場風險|流動性風險|作業風險|credit risk|market risk"),
            _rx(r"信用風險|市場風險|流動性風險|作業風險|credit risk|market risk|liquidity risk|operational risk"),
            "no link to credit / market / liquidity / operational risk"),
    Concept("concentration", _rx(r"集中度|concentration"),
            _rx(r"集中度|集中|concentration|占比|佔比|暴險"), "no credit concentration in carbon-related assets"),
    Concept("carbon_assets", _rx(r"碳相關資產|carbon-related assets"),
            _rx(r"碳相關資產|高碳排|碳密集|敏感性(?:產業|資產)|carbon-related|carbon[- ]intensive"), "no carbon-related assets quantified",
            near=_rx(r"\d+(?:\.\d+)?\s*%|" + _MONEY), window=120, anywhere=True),
    Concept("lending_activities", _rx(r"金融中介|貸款和其他|lending|financial intermediation"),
            _rx(r"授信|放款|貸款|融資|投資|lending|loan|financing|investment"), "no lending / intermediation activities described",
            weak=True),
    Concept("portfolio_alignment", _rx(r"保持一致的程度|一致的程度|alignment|aligned"),
            _rx(r"SBT|科學基礎|1\.5\s*°?\s*C|2\s*°\s*C|對齊|溫度評分|temperature|alignment|aligned|PACTA"),
            "no portfolio alignment with a 2 °C pathway"),
    # -- risk management
    Concept("prioritisation", _rx(r"排序|排列.{0,10}優先|優先順序|prioriti|rank"),
            _rx(r"排序|排名|優先順序|前\s*[一二三四五1-5]\s*大|prioriti|\brank"), "no prioritisation of risks described", anywhere=True),
    Concept("regulation", _rx(r"法令|法規|regulat"),
            _rx(r"法令|法規|氣候變遷因應法|溫室氣體減量及管理法|碳費|碳稅|碳關稅|CBAM|regulat|legislation|carbon tax"),
            "no existing or emerging regulation considered"),
    Concept("relative_importance", _rx(r"相對於其他風險|其他風險的重要性|relative to other risks"),
            _rx(r"相對於其他風險|與其他風險相比|其他風險類別|relative to other risks"), "no comparison with other risks", anywhere=True),
    Concept("magnitude", _rx(r"規模和範圍|潛在規模|影響程度|magnitude|scope and size"),
            _rx(r"衝擊程度|影響程度|發生可能性|可能性|財務影響|likelihood|magnitude|severity"), "no assessment of size and scope"),
    Concept("risk_taxonomy", _rx(r"風險定義|風險分類|分類架構|分類框架|taxonomy|classification"),
            _rx(r"實體風險|轉型風險|立即性|長期性|政策(?:與|和|及)?法規|聲譽|physical risk|transition risk|acute|chronic"),
            "no risk definitions or classification"),
    Concept("emerging_risks", _rx(r"新興風險|主要風險|emerging risk|principal risk"),
            _rx(r"新興風險|主要風險|emerging risk|principal risk"), "no principal / emerging risk framework", anywhere=True),
    Concept("risk_response", _rx(r"減緩、轉移、承受或控制|轉移|承受|控制這些風險|mitigate, transfer, accept"),
            _rx(r"減緩|轉移|承受|控制|避免|限額|差異化|排除|mitigat|transfer|accept|control"), "no risk responses described"),
    Concept("physical_risk", _rx(r"實體風險|physical risk"), _rx(r"實體風險|physical risk|淹水|颱風|洪水|乾旱|極端"),
            "no physical-risk response", weak=True),
    Concept("transition_risk", _rx(r"轉型風險|transition risk"), _rx(r"轉型風險|transition risk|碳費|碳稅|高碳排|政策"),
            "no transition-risk response", weak=True),
    Concept("erm_integration", _rx(r"整合於|整體的風險管理|整體風險管理|integrat"),
            _rx(r"(?:納入|整合|融入|連結).{0,16}(?:風險管理|既有風險|風險胃納|日常營運)|三道防線|risk appetite|風險胃納|"
                r"integrat.{0,40}risk management"), "no integration into enterprise risk management"),
    Concept("periodic_review", _rx(r"定期審核|定期檢視|定期審查|periodic(?:ally)? review"),
            _rx(r"(?:定期|每年|每季|每半年)(?:重新)?(?:鑑別|辨識|評估|審核|審查|檢視|更新)(?:氣候)?(?:相關)?風險(?!管理)|"
                r"(?:periodic(?:ally)?|annual(?:ly)?) (?:review|reassess|update)\w* (?:of )?(?:the )?climate(?:-related)? risks?"),
            "no periodic review of the climate risks themselves"),
    Concept("ghg_commitment", _rx(r"減量.{0,6}承諾|減排期待|commitment"),
            _rx(r"淨零|碳中和|減碳|減量|減排|net[- ]zero|carbon neutral|SBT"), "no emissions reduction commitment",
            near=_rx(r"20[2-9]\d|承諾|目標|commit|target"), window=40),
    Concept("transition_plan", _rx(r"轉型到低碳經濟|減量計畫|transition plan"),
            _rx(r"淨零|減碳|減量|再生能源|節能|net[- ]zero|transition plan|renewable"), "no transition or reduction plan",
            near=_rx(r"20[2-9]\d|計畫|目標|plan|target"), window=40),
    # Limits of a metric's method: estimates, proxies, data quality — of emissions or metrics, not of climate projections.
    Concept("methodology_limits", _rx(r"方法不易鑑別|計量方法|不易鑑別|methodolog|estimat"),
            _rx(r"資料品質|數據品質|data quality|(?:排放|碳排|數據|指標|盤查)[^。]{0,20}(?:推估|估算|估計)|(?:推估|估算|估計)[^。]{0,20}(?:排放|碳排)|"
                r"\bproxy|estimat\w* (?:of )?(?:the )?(?:emissions|data)"),
            "no description of how metrics are estimated or of their data quality", anywhere=True),
    Concept("strategy_change", _rx(r"改變策略|因應潛在|調整策略|change (?:its )?strategy"),
            _rx(r"因應(?:策略|措施|對策)|管理方針|行動方案|策略調整|調整.{0,6}策略|response|action plan"), "no strategy response described"),
)
CONCEPT_BY_NAME = {c.name: c for c in CONCEPTS}
# Concepts whose hits identify their topic by themselves: how many a report has at all measures how
# much specific, checkable content it carries (its "disclosure maturity").
MATURITY_CONCEPTS = tuple(c.name for c in CONCEPTS if c.anywhere)

# General detectors reported for every finding (what the evidence contains), independent of what is asked.
DETECTORS: dict[str, re.Pattern] = {
    "ghg_quantity": _rx(r"(?:" + _NUM + r")\s*\(?\s*(?:" + _GHG_UNIT + r")"),
    "scope": _rx(r"範疇\s*[一二三123](?:類別\s*\d{1,2})?|scope\s*[123](?:\s*category\s*\d{1,2})?"),
    "category": _rx(r"類別\s*[1-6一二三四五六](?!\d)|category\s*[1-6](?!\d)"),
    "frequency": CONCEPT_BY_NAME["frequency"].finds,
    "board_body": _rx(r"董事會|(?:永續發展|永續|風險管理|審計|公司治理)[\u4e00-\u9fff]{0,4}委員會|board of directors|(?:sustainability|risk|audit) committee"),
    "scenario": _rx(r"IEA\s*(?:NZE|STEPS|APS|SDS)|\b(?:NZE|STEPS|APS|SDS)\b|RCP\s?\d\.\d|SSP\d-\d\.\d|NGFS|Net Zero 2050|有序轉型|無序轉型|無政策"),
    "base_year": _rx(r"(?:基準年|基期|base year)\D{0,6}(?:19|20)\d\d|以\s*(?:19|20)\d\d\s*年(?:度)?為基準(?:年)?"),
    "target_year": _rx(r"(?:20[2-9]\d)\s*年.{0,30}(?:減少|降低|減量|減碳|淨零|碳中和|達成|達到)|(?:net[- ]zero|reduce).{0,30}by 20[2-9]\d"),
    "financial_amount": _rx(r"(?:新臺幣|新台幣|NT\$|US\$)\s*" + _NUM + r"\s*(?:億|萬|百萬|佰萬|仟|千)?元?|" + _NUM + r"\s*(?:億|百萬|佰萬)元"),
    "time_horizon": _rx(r"短期|中期|長期|short[- ]term|medium[- ]term|long[- ]term"),
}


# ====================================================================== requirements to check
@dataclass
class GapItem:
    """What the engine needs of a requirement: its identity, its wording and what it asks for."""

    requirement_id: str
    framework: str
    title: str
    pillar: str | None
    question: str
    question_en: str = ""  # for built-in requirements: the English wording, used on English documents
    # What the coverage is measured on: a framework requirement's title and data point names (the best
    # of them counts); default: the question's main clause.
    focus: list[str] = field(default_factory=list)
    focus_en: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    data_points: list[tuple[str, str, bool]] = field(default_factory=list)  # (id, "zh-name en-name", required)
    data_point_labels: list[str] = field(default_factory=list)  # English names, for the "missing" sentences
    title_en: str = ""
    crosswalk: list[str] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return f"{self.framework}:{self.requirement_id}"

    def wording(self, language: str) -> str:
        """The question in the document's language when the requirement has both."""
        return self.question_en if language == "en" and self.question_en else self.question

    def focus_texts(self, language: str) -> list[str]:
        """The wordings a passage must match to be on topic (the best match counts)."""
        if language == "en" and self.focus_en:
            return self.focus_en
        if self.focus:
            return self.focus
        main, _ = split_question(self.wording(language))
        return [main if len(tokenize(main)) >= 6 else self.wording(language)]


# Rater instructions inside a checklist question ("(51為Y，本題須回答Y/N…)") are not part of what is asked.
_INSTRUCTION = re.compile(r"[（(][^()（）]*(?:本題|作答|須回答|N/?A)[^()（）]*[)）]")


def clean_question(text: str) -> str:
    return normalize_text(_INSTRUCTION.sub("", text or "")).strip()


def item_from_requirement(req: "Requirement", question: str | None = None) -> GapItem:
    """A GapItem from a library requirement (built-in framework or loaded checklist)."""
    focus: list[str] = []
    focus_en: list[str] = []
    if question is None:
        question = req.title.zh if req.title.zh == req.description.zh else f"{req.title.zh}。{req.description.zh}"
        question_en = req.title.en if req.title.en == req.description.en else f"{req.title.en}. {req.description.en}"
        focus = [req.title.zh, *(d.name.zh for d in req.data_points if d.required)]
        focus_en = [req.title.en, *(d.name.en for d in req.data_points if d.required)]
    else:
        question_en = ""
    return GapItem(
        requirement_id=req.id, framework=req.framework, title=req.title.zh or req.title.en, pillar=req.pillar,
        question=clean_question(question), question_en=clean_question(question_en), focus=focus, focus_en=focus_en,
        hints=[*req.search_hints.zh, *req.search_hints.en],
        data_points=[(d.id, f"{d.name.zh} {d.name.en}", d.required) for d in req.data_points],
        data_point_labels=[d.name.en for d in req.data_points], title_en=req.title.en if req.title.en != question else "",
        crosswalk=list(req.crosswalk),
    )


def items_for_frameworks(framework_ids: Sequence[str]) -> list[GapItem]:
    """Every active requirement of the named built-in frameworks."""
    from frameworks import library

    out: list[GapItem] = []
    for fid in framework_ids:
        fw = library.get_framework(fid)
        out.extend(item_from_requirement(r) for r in fw.requirements if r.status != "withdrawn")
    return out


def items_for_checklist(path: str | Path) -> list[GapItem]:
    """Items of a user checklist (CSV/XLSX with an id and a question column), ids kept as written."""
    from frameworks import library

    fw = library.load_checklist(path)
    # A checklist item's title is its question (the description only names the file and row).
    return [item_from_requirement(r, question=r.title.zh) for r in fw.requirements]


# ====================================================================== the checked document
@dataclass
class Passage:
    index: int
    text: str
    page: int | None
    paragraph: int | None
    tokens: frozenset[str]

    def location(self) -> str:
        return Location(page=self.page, paragraph=self.paragraph).label()


class EmbeddingCache:
    """Vectors per (model, text) on disk, one file per document (its content hash) and one for
    queries, so re-checking a report or re-running an evaluation does not embed again."""

    def __init__(self, directory: Path | None, model_id: str):
        self.dir = Path(directory) / "gap-embeddings" / re.sub(r"[^A-Za-z0-9_.-]", "_", model_id) if directory else None
        self._lock = threading.Lock()

    def _file(self, bucket: str) -> Path | None:
        return self.dir / f"{bucket}.npz" if self.dir else None

    def _load(self, bucket: str) -> dict[str, np.ndarray]:
        f = self._file(bucket)
        if f is None or not f.is_file():
            return {}
        try:
            with np.load(f) as z:
                keys, vecs = z["keys"], z["vectors"]
            return {str(k): v for k, v in zip(keys, vecs)}
        except Exception as exc:  # a damaged cache is rebuilt, never fatal
            log.warning("ignoring unreadable embedding cache %s: %s", f, exc)
            return {}

    def _save(self, bucket: str, table: dict[str, np.ndarray]) -> None:
        f = self._file(bucket)
        if f is None or not table:
            return
        try:
            f.parent.mkdir(parents=True, exist_ok=True)
            tmp = f.with_name(f"{f.stem}.{threading.get_ident()}.tmp.npz")
            keys = np.array(list(table))
            np.savez(tmp, keys=keys, vectors=np.stack([table[k] for k in keys]))
            tmp.replace(f)
        except OSError as exc:
            log.warning("could not write embedding cache %s: %s", f, exc)

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def embed(self, bucket: str, texts: list[str], fn: Callable[[list[str]], np.ndarray],
              progress: Callable[[int, int], None] | None = None, batch: int = 16) -> np.ndarray:
        with self._lock:
            table = self._load(bucket)
        keys = [self.key(t) for t in texts]
        todo = [i for i, k in enumerate(keys) if k not in table]
        for start in range(0, len(todo), batch):
            idx = todo[start:start + batch]
            vecs = np.asarray(fn([texts[i] for i in idx]), dtype=np.float32)
            for i, v in zip(idx, vecs):
                table[keys[i]] = v
            if progress:
                progress(min(start + batch, len(todo)), len(todo))
        if todo:
            with self._lock:
                merged = self._load(bucket)
                merged.update(table)
                self._save(bucket, merged)
        if not texts:
            return np.zeros((0, 0), np.float32)
        return np.stack([table[k] for k in keys]).astype(np.float32)


@dataclass
class CheckedDocument:
    """The document under check, indexed on its own (never the company corpus)."""

    source: str
    content_hash: str
    passages: list[Passage]
    page_kinds: dict[int, str]
    pages: int | None
    page_texts: dict[int, str]
    warnings: list[str]
    language: str = "zh"
    bm25: BM25Index | None = None
    vectors: np.ndarray | None = None

    @property
    def excluded_pages(self) -> dict[int, str]:
        return {p: k for p, k in sorted(self.page_kinds.items()) if k != "body"}


def read_document(data: bytes | str, name: str, settings: Settings) -> tuple[ConvertedDocument, str]:
    """Convert the bytes of ``name`` (PDF/DOCX/TXT/MD…) or pasted text into segments."""
    if isinstance(data, str):
        raw = data.encode("utf-8")
        return text_to_segments(raw, name or "pasted text"), hashlib.sha256(raw).hexdigest()
    return convert(data, name, max_bytes=settings.max_upload_bytes), hashlib.sha256(data).hexdigest()


def build_document(data: bytes | str, name: str, settings: Settings) -> CheckedDocument:
    """Pages classified, body pages chunked into passages (index and TOC pages set aside)."""
    converted, digest = read_document(data, name, settings)
    kinds = classify_pages(converted.segments)
    page_texts: dict[int, str] = {}
    passages: list[Passage] = []
    for seg in converted.segments:
        page = seg.location.page
        if page is not None:
            page_texts[page] = seg.text
        if kinds.get(page, "body") != "body":
            continue
        for span in chunk_text(seg.text, settings.chunk_size, settings.chunk_overlap):
            text = span.text.strip()
            if len(re.sub(r"\s", "", text)) < 8:
                continue
            passages.append(Passage(len(passages), text, page, seg.location.paragraph, frozenset(tokenize(text))))
    doc = CheckedDocument(name, digest, passages, kinds, converted.pages, page_texts, list(converted.warnings),
                          language=detect_language(" ".join(p.text for p in passages[:200])))
    if not passages:
        doc.warnings.append("no body text outside the table of contents / index pages")
    return doc


def index_document(doc: CheckedDocument, embedder: "Embedder | None", cache: EmbeddingCache | None,
                   progress: Progress | None = None) -> None:
    """BM25 over the passages and, when an embedder is given, their vectors (from the cache when known)."""
    texts = [p.text for p in doc.passages]
    doc.bm25 = BM25Index.build([str(p.index) for p in doc.passages], texts)
    if embedder is None or not texts:
        return

    def tick(done: int, total: int) -> None:
        if progress:
            progress(0.05 + 0.45 * done / max(total, 1), f"embedding passages {done}/{total}")

    if cache is None:
        cache = EmbeddingCache(None, embedder.model_id)
    doc.vectors = cache.embed(doc.content_hash[:24], texts, embedder.embed_passages, tick)


# ====================================================================== per-requirement judgement
@dataclass
class _Weights:
    """Term weights that say how much a token distinguishes one requirement from the others."""

    idf: dict[str, float]
    default: float

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "_Weights":
        docs = [set(tokenize(t)) for t in texts]
        n = len(docs)
        df: dict[str, int] = {}
        for d in docs:
            for t in d:
                df[t] = df.get(t, 0) + 1
        idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        return cls(idf, math.log((n + 1) / 0.5) if n else 1.0)

    def of(self, token: str) -> float:
        return max(self.idf.get(token, self.default), 0.0)


BACKGROUND_BELOW = 20

# zh-TW near-synonyms that checklists and reports use for the same thing (鑑別 / 辨識, 責任 / 負責):
# a question's term counts as present when the passage has one of its alternatives.
_ALTERNATIVES: dict[str, tuple[str, ...]] = {
    "鑑別": ("辨識", "識別"), "辨識": ("鑑別", "識別"), "識別": ("鑑別", "辨識"),
    "責任": ("負責", "職責", "權責"), "職責": ("負責", "責任", "權責"), "權責": ("負責", "職責", "責任"),
    "分派": ("指派", "授權", "擔任", "負責"), "指派": ("分派", "授權", "擔任"),
    "監督": ("督導", "監控"), "督導": ("監督",), "監控": ("監督", "控管", "監測"),
    "排序": ("排名", "優先"), "結構": ("架構",), "架構": ("結構",),
    "減量": ("減碳", "減排"), "減碳": ("減量", "減排"), "減排": ("減量", "減碳"),
    "營收": ("收入",), "收入": ("營收",), "薪酬": ("獎酬", "酬金"),
}


def _present(token: str, tokens: frozenset[str]) -> bool:
    return token in tokens or any(a in tokens for a in _ALTERNATIVES.get(token, ()))


# Generic question words that never identify a requirement, whatever the checklist.
_GENERIC = frozenset(tokenize("公司是否描述揭露提供說明考量有關相關之的和或與及其並予以可能包括例如如何哪些應該銀行業者組織"))


@dataclass
class _Scored:
    item: GapItem
    coverage: float
    dense: float
    top: list[int]
    asked: "Asked"
    found: dict[str, list[tuple[int, str]]]
    passage_coverage: np.ndarray | None = None


class GapChecker:
    """Checks one document against requirements. Configuration in the constructor, data in ``check``."""

    # Fused candidates per requirement: the passages on topic, where a topic-bound concept may be found.
    CANDIDATES = 5
    QUOTES = 3

    def __init__(self, settings: Settings, embedder: "Embedder | None" = None, cache_dir: Path | None = None,
                 use_dense: bool = True):
        self.settings = settings
        self._embedder = embedder
        self.cache_dir = cache_dir
        self.use_dense = use_dense

    @property
    def embedder(self) -> "Embedder | None":
        if not self.use_dense:
            return None
        if self._embedder is None:
            from .embeddings import make_embedder

            self._embedder = make_embedder(self.settings)
        return self._embedder

    # ------------------------------------------------------------------ entry point
    def check(self, data: bytes | str, name: str, items: Sequence[GapItem], progress: Progress | None = None,
              cancel: Cancel | None = None) -> GapReport:
        """Check ``data`` (file bytes, or pasted text as ``str``) named ``name`` against ``items``.

        ``progress(fraction, message)`` is called as work advances; ``cancel()`` returning True stops
        the check with :class:`GapCancelled`."""
        progress = progress or (lambda _f, _m: None)
        cancel = cancel or (lambda: False)
        progress(0.0, f"reading {name}")
        doc = build_document(data, name, self.settings)
        if cancel():
            raise GapCancelled(0, len(items))
        embedder = self.embedder
        cache = EmbeddingCache(self.cache_dir, embedder.model_id) if embedder is not None else None
        index_document(doc, embedder, cache, progress)
        return self.check_document(doc, items, progress, cancel, cache)

    def check_document(self, doc: CheckedDocument, items: Sequence[GapItem], progress: Progress | None = None,
                       cancel: Cancel | None = None, cache: EmbeddingCache | None = None) -> GapReport:
        progress = progress or (lambda _f, _m: None)
        cancel = cancel or (lambda: False)
        if doc.bm25 is None:
            index_document(doc, self.embedder, cache, progress)
        maturity = disclosure_maturity(doc)
        # Term weights come from the run's own requirements; a short run borrows the bundled frameworks'
        # texts as background so that a single requirement still has meaningful weights.
        texts = [i.wording(doc.language) for i in items]
        weights = _Weights.from_texts(texts + (_background_texts(doc.language) if len(texts) < BACKGROUND_BELOW else []))
        qvecs = self._query_vectors(items, cache, doc.language)
        scored: list[_Scored] = []
        for n, item in enumerate(items):
            if cancel():
                raise GapCancelled(n, len(items))
            progress(0.5 + 0.45 * n / max(len(items), 1), f"checking {item.requirement_id}")
            scored.append(self._score(doc, item, weights, None if qvecs is None else qvecs[n]))
        findings = [self._finding(doc, s, maturity) for s in scored]
        findings = propagate_crosswalk(findings, {s.item.ref: s.item for s in scored})
        progress(0.97, "claim checks")
        report = GapReport(source=doc.source, pages=doc.pages, excluded_pages=doc.excluded_pages, maturity=round(maturity, 3),
                           findings=findings, scores=score_table(findings), claims=check_claims(doc),
                           content_index=content_index(findings), warnings=doc.warnings)
        progress(1.0, "done")
        return report

    def _query_vectors(self, items: Sequence[GapItem], cache: EmbeddingCache | None, language: str) -> np.ndarray | None:
        emb = self.embedder
        if emb is None or not items:
            return None
        texts = [i.wording(language) for i in items]
        fn = lambda ts: np.stack([emb.embed_query(t) for t in ts])  # noqa: E731
        if cache is None:
            return fn(texts)
        return cache.embed("queries", texts, fn)

    # ------------------------------------------------------------------ scoring
    def _score(self, doc: CheckedDocument, item: GapItem, weights: _Weights, qvec: np.ndarray | None) -> _Scored:
        asked = asked_concepts(item)
        if not doc.passages:
            return _Scored(item, 0.0, 0.0, [], asked, {})
        question = item.wording(doc.language)
        # Coverage: the share of the requirement's distinctive terms (of its main clause or title; examples
        # and asides are alternatives, not all required) that one passage carries.
        cov = np.zeros(len(doc.passages), dtype=np.float32)
        for text in item.focus_texts(doc.language):
            w = {t: weights.of(t) for t in dict.fromkeys(tokenize(text)) if t not in _GENERIC}
            total = sum(w.values())
            if total:
                cov = np.maximum(cov, np.array([sum(v for t, v in w.items() if _present(t, p.tokens)) / total
                                                for p in doc.passages], dtype=np.float32))

        expansions = expand_query(question) + item.hints
        all_w = {t: weights.of(t) for t in tokenize(question) if t not in _GENERIC}
        qw = {t: wt * all_w[t] for t, wt in query_weights(question).items() if t in all_w}
        for t, wt in query_weights("", expansions, 0.4).items():
            qw.setdefault(t, wt)
        lex = doc.bm25.scores(qw) if doc.bm25 is not None else np.zeros(len(doc.passages))
        ranks = [np.argsort(-lex, kind="stable")]
        dense_z = 0.0
        if qvec is not None and doc.vectors is not None and len(doc.vectors):
            dense = doc.vectors @ qvec
            ranks.append(np.argsort(-dense, kind="stable"))
            dense_z = float((dense.max() - dense.mean()) / (float(dense.std()) or 1.0))
        fused = np.zeros(len(doc.passages))
        for order in ranks:
            for r, i in enumerate(order):
                fused[i] += 1.0 / (self.settings.rrf_k + r + 1)
        fused += 0.02 * cov  # break ties toward passages that carry the distinctive terms
        top = [int(i) for i in np.argsort(-fused, kind="stable")[: self.CANDIDATES]]

        # A concept counts in a passage retrieved for the requirement (on topic), or anywhere in the
        # body when its hit identifies the topic by itself.
        found: dict[str, list[tuple[int, str]]] = {}
        for name in asked.names:
            c = CONCEPT_BY_NAME[name]
            for i in (range(len(doc.passages)) if c.anywhere else top):
                hit = next(iter(c.hits(doc.passages[i].text)), None)
                if hit is not None:
                    found.setdefault(name, []).append((int(i), hit))
        return _Scored(item, float(cov.max()), dense_z, top, asked, found, cov)

    def _finding(self, doc: CheckedDocument, s: _Scored, maturity: float) -> GapFinding:
        item = s.item
        score, status = verdict(s.coverage, s.asked, set(s.found), maturity, framework=bool(item.focus))
        evidence_idx = self._evidence_order(s)
        quotes = [] if status == "missing" else [_quote(doc, doc.passages[i], s) for i in evidence_idx[: self.QUOTES]]
        missing = [f"{item.requirement_id}: {label}" for g, label in zip(s.asked.groups, s.asked.labels)
                   if not any(c in s.found for c in g)]
        missing += [f"{item.requirement_id}: {CONCEPT_BY_NAME[c].missing} (if applicable)" for c in s.asked.optional
                    if c not in s.found]
        if status == "missing" and not missing:
            missing = [f"{item.requirement_id}: not addressed in the document (only weak matches on its topic)"]
        detectors = run_detectors([doc.passages[i] for i in evidence_idx[: self.QUOTES]]) if status != "missing" else {}
        title = item.title_en if doc.language == "en" and item.title_en else item.title
        return GapFinding(requirement_id=item.requirement_id, framework=item.framework, ref=item.ref, title=title,
                          pillar=item.pillar, status=status, score=round(score, 4), evidence=quotes, missing=missing,
                          detectors=detectors, asked=s.asked.names, found=[c for c in s.asked.names if c in s.found],
                          signals={"coverage": round(s.coverage, 4), "dense_z": round(s.dense, 4),
                                   "maturity": round(maturity, 3)})

    @staticmethod
    def _evidence_order(s: _Scored) -> list[int]:
        """Retrieved passages that carry an asked concept first, then the best retrieved one, then
        passages elsewhere where a self-identifying concept was found, then other retrieved passages
        that are on topic (at least 60 % of the best coverage)."""
        hit = [i for hits in s.found.values() for i, _ in hits]
        cov = s.passage_coverage
        on_topic = [i for i in s.top if cov is None or cov[i] >= 0.6 * s.coverage]
        return list(dict.fromkeys([i for i in s.top if i in hit] + on_topic[:1] + hit + on_topic))


def _quote(doc: CheckedDocument, p: Passage, s: _Scored) -> EvidenceQuote:
    return EvidenceQuote(source=doc.source, page=p.page, text=p.text, location=p.location(),
                         score=round(1.0 / (1 + s.top.index(p.index)) if p.index in s.top else 0.0, 4))


# ---------------------------------------------------------------------- what a requirement asks for
@dataclass(frozen=True)
class Asked:
    """What a requirement asks for, as groups of concepts: a group is met when any of its concepts is
    found. A checklist question gives one group per concept of its main clause and one group for its
    examples ("例如…", "(…)"); a framework requirement gives one group per required data point.
    ``optional`` are conditional data points: reported when absent, never required."""

    groups: tuple[tuple[str, ...], ...] = ()
    labels: tuple[str, ...] = ()  # what each group stands for, for the "missing" sentences
    optional: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys([c for g in self.groups for c in g] + list(self.optional)))

    @staticmethod
    def is_weak(group: Sequence[str]) -> bool:
        return all(CONCEPT_BY_NAME[c].weak for c in group)


# Examples and asides: what follows 例如 / e.g. / such as, or sits in parentheses, is an alternative.
_EXAMPLE = re.compile(r"例如|比如|譬如|諸如|可能與|可依下述|e\.g\.|such as|for example|for instance", re.I)
_ASIDE = re.compile(r"[（(][^（）()]*[)）]")
# A framework's own name is not a request ("氣候相關財務揭露工作小組" is not a working group).
_FRAMEWORK_NAME = re.compile(r"氣候相關財務揭露(?:工作小組|建議)?|Task Force on Climate[- ]related Financial Disclosures?", re.I)


def split_question(question: str) -> tuple[str, str]:
    """(main clause, examples and asides) of a question."""
    q = _FRAMEWORK_NAME.sub(" ", question)
    tail = _ASIDE.findall(q)
    main = _ASIDE.sub(" ", q)
    m = _EXAMPLE.search(main)
    if m:
        tail.append(main[m.start():])
        main = main[: m.start()]
    return main.strip(), " ".join(tail)


def _concepts_in(text: str, exclude: Iterable[str] = ()) -> tuple[str, ...]:
    skip = set(exclude)
    return tuple(c.name for c in CONCEPTS if c.name not in skip and c.asks.search(text))


def asked_concepts(item: GapItem) -> Asked:
    """The concept groups a requirement asks for (see :class:`Asked`)."""
    groups: list[tuple[str, ...]] = []
    labels: list[str] = []
    optional: list[str] = []
    if item.data_points:
        for c in _concepts_in(_FRAMEWORK_NAME.sub(" ", item.title)):
            groups.append((c,))
            labels.append(CONCEPT_BY_NAME[c].missing)
        dp_labels = item.data_point_labels or [name for _, name, _ in item.data_points]
        for (_, name, required), label in zip(item.data_points, dp_labels):
            cs = _concepts_in(name)
            if not cs:
                continue  # a narrative data point: judged by the topical match alone
            if required:
                groups.append(cs)
                labels.append(_dp_label(label, cs))
            else:
                optional.extend(c for c in cs if c not in optional)
    else:
        main, tail = split_question(item.question)
        main_cs = _concepts_in(main)
        for c in main_cs:
            groups.append((c,))
            labels.append(CONCEPT_BY_NAME[c].missing)
        tail_cs = _concepts_in(tail, exclude=main_cs) if tail else ()
        if tail_cs:
            groups.append(tail_cs)
            labels.append("none of: " + "; ".join(CONCEPT_BY_NAME[c].missing.removeprefix("no ") for c in tail_cs))
    # The same group twice (title and a data point) is asked once, and a group that contains a concept
    # asked on its own is implied by it.
    singles = {g[0] for g in groups if len(g) == 1}
    seen: dict[tuple[str, ...], str] = {}
    for g, label in zip(groups, labels):
        if len(g) > 1 and singles & set(g):
            continue
        seen.setdefault(g, label)
    return Asked(tuple(seen), tuple(seen.values()), tuple(c for c in optional if not any(c in g for g in seen)))


def _dp_label(name: str, concepts: Sequence[str]) -> str:
    """Missing sentence for a data point: the concept's own wording when one concept stands for it,
    else the data point's name ("no scenarios used (e.g. IEA NZE, NGFS, SSP/RCP) stated")."""
    if len(concepts) == 1:
        return CONCEPT_BY_NAME[concepts[0]].missing
    return f"no {name[:1].lower() + name[1:]} stated"


def disclosure_maturity(doc: CheckedDocument) -> float:
    """Share of the self-identifying data points (tCO2e figures, named scenarios, base years, an
    internal carbon price …) that the document contains anywhere: 0 for a bare report, near 1 for a
    report full of specific, checkable content."""
    if not doc.passages:
        return 0.0
    found = sum(1 for name in MATURITY_CONCEPTS
                if any(next(iter(CONCEPT_BY_NAME[name].hits(p.text)), None) is not None for p in doc.passages))
    return found / len(MATURITY_CONCEPTS)


# Verdict thresholds, calibrated on the three development reports (bench/gap_eval.py prints the figures;
# the accuracy surface is flat around these values). A passage is on topic when it carries enough of
# the requirement's distinctive terms; that bar falls as the report's maturity rises: a report full of
# specific data points earns the benefit of the doubt, a thin one must match the wording closely.
# A requirement that asks for nothing specific (only weak concepts such as "a board body") is judged on
# coverage alone, with a higher bar.
TOPIC_BAR = 0.225
GENERIC_BAR = 0.275
MATURITY_SLOPE = 0.35
MIN_BAR = 0.05
COVERAGE_STRONG = 0.3
# A framework requirement is matched on its short title, whose coverage runs higher, and a report is
# rarely written for one framework only: off-topic requirements must not pass on a few shared words.
FRAMEWORK_MIN_BAR = 0.2
FRAMEWORK_GENERIC_BAR = 0.35


def topic_bar(maturity: float, generic: bool = False, framework: bool = False) -> float:
    bar = max((GENERIC_BAR if generic else TOPIC_BAR) - MATURITY_SLOPE * maturity, MIN_BAR)
    if framework:
        bar = max(bar, FRAMEWORK_GENERIC_BAR if generic else FRAMEWORK_MIN_BAR)
    return bar


def verdict(coverage: float, asked: Asked, found: set[str], maturity: float,
            framework: bool = False) -> tuple[float, Status]:
    """Score 0–1 and status.

    Specific groups (with at least one non-weak concept) decide: for a checklist question all must be
    met, in a document whose best passage is on topic. For a ``framework`` requirement (several data
    points, matched on its title) some met — or none met but a clear topical match — is partial.
    Covered needs every group, weak ones too, and a strong topical match; otherwise a positive verdict
    is partial."""
    spec = [g for g in asked.groups if not Asked.is_weak(g)]
    weak = [g for g in asked.groups if Asked.is_weak(g)]
    met = lambda g: any(c in found for c in g)  # noqa: E731
    cov_part = min(coverage / COVERAGE_STRONG, 1.0)
    weak_frac = sum(1 for g in weak if met(g)) / len(weak) if weak else 1.0
    if spec:
        frac = sum(1 for g in spec if met(g)) / len(spec)
        score = 0.4 * cov_part + 0.6 * frac
        if coverage < topic_bar(maturity, framework=framework):
            return score * 0.5, "missing"
        if frac >= 1.0:
            return score, "covered" if weak_frac >= 1.0 and coverage >= COVERAGE_STRONG else "partial"
        if framework and (frac > 0 or coverage >= topic_bar(maturity, generic=True, framework=True)):
            return score, "partial"
        return score * 0.75, "missing"
    score = 0.7 * cov_part + 0.3 * weak_frac
    # A framework requirement whose data points are all general (a board body, a committee) and all
    # present needs only the ordinary topical bar.
    generic = not (framework and weak and weak_frac >= 1.0)
    if coverage < topic_bar(maturity, generic=generic, framework=framework):
        return score * 0.5, "missing"
    return score, "covered" if coverage >= COVERAGE_STRONG and weak_frac >= 1.0 else "partial"


def run_detectors(passages: Iterable[Passage]) -> dict[str, list[DetectorHit]]:
    out: dict[str, list[DetectorHit]] = {}
    for p in passages:
        for name, rx in DETECTORS.items():
            for m in rx.finditer(p.text):
                hit = DetectorHit(text=m.group(0).strip(), page=p.page)
                lst = out.setdefault(name, [])
                if hit not in lst and len(lst) < 8:
                    lst.append(hit)
    return out


def _background_texts(language: str) -> list[str]:
    """Requirement texts of the bundled frameworks, so that term weights are stable even when only a
    few requirements are checked."""
    try:
        from frameworks import library

        if language == "en":
            return [f"{r.title.en} {r.description.en}" for r in library.default_library().requirements()]
        return [f"{r.title.zh} {r.description.zh}" for r in library.default_library().requirements()]
    except Exception as exc:  # the library is optional for a checklist run
        log.debug("no framework background for term weights: %s", exc)
        return []


# ====================================================================== crosswalk
def propagate_crosswalk(findings: list[GapFinding], items: dict[str, GapItem]) -> list[GapFinding]:
    """An item covered for one framework counts toward the requirements crosswalked to it (TCFD MT-b →
    GRI 305-1, IFRS S2 29(a)) when both were checked: a missing or partial linked item takes the
    covered item's evidence and becomes partial — or covered when all the concepts it asks for are
    found in that evidence (GRI 305-1 still needs its own GWP source and consolidation approach)."""
    by_ref = {f.ref: f for f in findings}
    out: list[GapFinding] = []
    for f in findings:
        item = items.get(f.ref)
        donors = [by_ref[r] for r in (item.crosswalk if item else []) if r in by_ref and by_ref[r].status == "covered"]
        if f.status == "covered" or not donors:
            out.append(f)
            continue
        quotes = list(f.evidence)
        for d in donors:
            quotes.extend(q for q in d.evidence if q not in quotes)
        texts = "\n".join(q.text for q in quotes)
        found = [c for c in f.asked if next(iter(CONCEPT_BY_NAME[c].hits(texts)), None) is not None]
        status: Status = "covered" if len(found) == len(f.asked) else "partial"
        missing = [m for m in f.missing if "not addressed in the document" not in m
                   and not any(m.endswith(CONCEPT_BY_NAME[c].missing) for c in found)]
        out.append(f.model_copy(update={"status": status, "evidence": quotes[:6], "found": found, "missing": missing,
                                        "via": [d.ref for d in donors], "score": max(f.score, 0.5)}))
    return out


# ====================================================================== claim checks
_SENT_CLAIM_NEUTRAL = _rx(r"碳中和|碳中立|carbon[- ]neutral|climate[- ]neutral")
_PAS2060 = _rx(r"PAS\s*2060")
_CLAIM_WORDS = _rx(r"達成|達到|實現|宣告|聲明|查證|驗證|確證|符合|依據|依循|取得|認證|achiev|declar|claim|verif|certif|in accordance|complian")
_SCENARIO_WORDS = _rx(r"情境|scenario|pathway|路徑|巴黎協定|Paris Agreement")
_SBTI = _rx(r"SBTi?\b|科學基礎(?:減量|減碳)?目標|science[- ]based target")
_SBTI_VALID = _rx(r"通過|審查|審核|核可|核定|認可|validated|approved|驗證")
_ONE_FIVE = _rx(r"1\.5\s*°?\s*C|1\.5\s*度|攝氏\s*1\.5")
_ALIGNED = _rx(r"一致|對齊|符合|接軌|aligned|alignment|consistent with|pathway|路徑")
_NET_ZERO = _rx(r"淨零|net[- ]zero")
_NZ_CLAIM = _rx(r"承諾|目標|達成|邁向|宣示|commit|target|achiev|by 20\d\d|20[3-9]\d\s*年")
_DEEP_CUT = _rx(r"(?:減少|降低|減量|減碳|減排|reduc\w*|cut)\D{0,20}(?:9\d|100)(?:\.\d+)?\s*%|(?:9\d|100)(?:\.\d+)?\s*%\D{0,20}(?:減少|降低|減量|減碳|減排|reduction)")
_TARGET_FULL = _rx(r"(?:20[2-9]\d)\s*年?.{0,60}?\d+(?:\.\d+)?\s*%|\d+(?:\.\d+)?\s*%.{0,60}?(?:20[2-9]\d)")
_BASE_YEAR = DETECTORS["base_year"]
_ISO14068 = _rx(r"ISO\s*14068")
_REDUCTION_FIRST = _rx(r"減量計畫|減碳計畫|減量措施|減碳措施|節能|再生能源|reduction plan|abatement|reduce (?:our|its) emissions")
_RETIRED = _rx(r"註銷|除役|retire|cancel+ed")
_CREDIT_TYPE = _rx(r"VCS|Verra|Gold Standard|黃金標準|CDM|J-Credit|ACR|Climate Action Reserve|Puro|ICR|自願減量|抵換專案|減量額度|碳權.{0,6}(?:類型|種類)|removal|avoidance|移除|避免")
_REGISTRY = _rx(r"登錄(?:平台|系統)|registry|Verra|Gold Standard|黃金標準|碳權交易所|TCX|註冊")
_VINTAGE = _rx(r"年份|年分|vintage|發行年")
_SCOPE2 = _rx(r"範疇\s*[二2]|scope\s*2|類別\s*[2二]")
_MARKET = _rx(r"市場基準|市場基礎|市場法|market[- ]based")
_LOCATION = _rx(r"地點基準|地點基礎|位置基準|區域基準|location[- ]based")
PAS2060_WITHDRAWN = "2025-11-30"


def _sentences(doc: CheckedDocument) -> list[tuple[int | None, str]]:
    out: list[tuple[int | None, str]] = []
    seen: set[tuple[int | None, str]] = set()
    for p in doc.passages:
        for s in split_sentences(join_wrapped_lines(p.text)):
            key = (p.page, s.text)
            if key not in seen:
                seen.add(key)
                out.append(key)
    return out


def check_claims(doc: CheckedDocument) -> list[ClaimFlag]:
    """Claims the document makes without the elements the governing standard asks for."""
    sents = _sentences(doc)
    body = "\n".join(p.text for p in doc.passages)
    flags: list[ClaimFlag] = []

    def flag(kind, page, sentence, problem, basis, severity="warning") -> None:
        flags.append(ClaimFlag(kind=kind, severity=severity, source=doc.source, page=page, sentence=sentence[:400],
                               problem=problem, basis=basis))

    # Carbon neutrality: ISO 14068-1:2023 asks for reductions first and credits retired, with their type,
    # registry and vintage disclosed.
    iso_missing = [label for rx, label in ((_ISO14068, "no ISO 14068-1 reference"),
                                           (_REDUCTION_FIRST, "no reduction plan before offsetting"),
                                           (_RETIRED, "credits not stated as retired"),
                                           (_CREDIT_TYPE, "credit type not stated"),
                                           (_REGISTRY, "registry not named"),
                                           (_VINTAGE, "vintage not stated")) if not rx.search(body)]
    for page, s in sents:
        # A claim is the company saying it (or a product) is or became neutral, not a mention of the goal.
        if (_SENT_CLAIM_NEUTRAL.search(s) and _CLAIM_WORDS.search(s) and not _SCENARIO_WORDS.search(s)
                and not _PAS2060.search(s) and iso_missing):
            flag("carbon_neutral", page, s, "carbon-neutral claim without ISO 14068-1 elements: " + "; ".join(iso_missing),
                 "ISO 14068-1:2023 (reductions first; retired credits with type, registry and vintage)")
    # PAS 2060 was withdrawn on 2025-11-30 (replaced by ISO 14068-1).
    latest = max(find_years(body), default=0)
    for page, s in sents:
        if _PAS2060.search(s) and (_SENT_CLAIM_NEUTRAL.search(s) or _CLAIM_WORDS.search(s)):
            years = find_years(s)
            after = max(years, default=latest) >= 2026
            flag("pas2060", page, s,
                 "claim made under PAS 2060, withdrawn on " + PAS2060_WITHDRAWN + " — use ISO 14068-1"
                 + ("" if after else " (check the claim date)"),
                 "BSI withdrawal of PAS 2060 (2025-11-30); ISO 14068-1:2023", "error" if after else "warning")
    # SBTi validation and 1.5 °C alignment need a target with a year, a percentage and a base year.
    has_target = any(_TARGET_FULL.search(s) and (_BASE_YEAR.search(s) or _BASE_YEAR.search(body)) for _, s in sents
                     if re.search(r"減|reduc|降低|cut", s, re.I))
    for page, s in sents:
        sbti = _SBTI.search(s) and _SBTI_VALID.search(s)
        aligned = _ONE_FIVE.search(s) and _ALIGNED.search(s)
        if (sbti or aligned) and not has_target:
            flag("sbti_or_1_5c", page, s,
                 "SBTi-validated / 1.5 °C-aligned statement without a matching target (target year, % reduction and base year)",
                 "SBTi Corporate Near-Term Criteria (target year, base year, % reduction; ≥4.2 %/yr for 1.5 °C)")
    # Net zero needs a ≥90 % long-term reduction (SBTi Corporate Net-Zero Standard; ISO 14068-1 net-zero claims).
    if not _DEEP_CUT.search(body):
        nz = [(page, s) for page, s in sents if _NET_ZERO.search(s) and _NZ_CLAIM.search(s) and not _SCENARIO_WORDS.search(s)]
        for page, s in nz[:3]:
            flag("net_zero", page, s, "net-zero claim without a long-term reduction of at least 90 % stated",
                 "SBTi Corporate Net-Zero Standard (≥90 % long-term reduction, residual emissions neutralised)")
        if len(nz) > 3:
            flags[-1].problem += f" (and {len(nz) - 3} more sentences)"
    # Scope 2 only market-based: IFRS S2 29(a)(v) asks for location-based Scope 2.
    if _MARKET.search(body) and not _LOCATION.search(body):
        for page, s in sents:
            if _MARKET.search(s):
                flag("scope2_market_only", page, s, "Scope 2 given only market-based; location-based figure missing",
                     "IFRS S2 29(a)(v) and GHG Protocol Scope 2 Guidance (dual reporting)")
                break
    return flags


# ====================================================================== scores and content index
def score_table(findings: Sequence[GapFinding]) -> list[ScoreRow]:
    rows: list[ScoreRow] = []
    frameworks = list(dict.fromkeys(f.framework for f in findings))
    for fw in frameworks:
        mine = [f for f in findings if f.framework == fw]
        groups: list[tuple[str | None, list[GapFinding]]] = [(None, mine)]
        for p in dict.fromkeys(f.pillar for f in mine if f.pillar):
            groups.append((p, [f for f in mine if f.pillar == p]))
        for pillar, fs in groups:
            c = sum(f.status == "covered" for f in fs)
            pa = sum(f.status == "partial" for f in fs)
            rows.append(ScoreRow(framework=fw, pillar=pillar, total=len(fs), covered=c, partial=pa,
                                 missing=len(fs) - c - pa, score=round(100 * (c + 0.5 * pa) / max(len(fs), 1), 1)))
    return rows


def content_index(findings: Sequence[GapFinding]) -> list[ContentIndexRow]:
    """Requirement → pages where the document addresses it (a GRI / TCFD content index)."""
    return [ContentIndexRow(framework=f.framework, requirement_id=f.requirement_id, title=f.title, status=f.status,
                            pages=f.pages if f.status != "missing" else []) for f in findings]


# ====================================================================== exports
TABLE_COLUMNS = ["framework", "requirement_id", "title", "pillar", "status", "score", "pages", "evidence", "missing",
                 "found", "via"]


def findings_table(report: GapReport) -> "Any":
    """The findings as a pandas DataFrame, one row per requirement (what the UI shows and exports)."""
    import pandas as pd

    rows = []
    for f in report.findings:
        rows.append({
            "framework": f.framework, "requirement_id": f.requirement_id, "title": f.title, "pillar": f.pillar or "",
            "status": f.status, "score": f.score, "pages": ", ".join(str(p) for p in f.pages),
            "evidence": "\n".join(f"[{e.location or e.source}] {e.text[:300]}" for e in f.evidence),
            "missing": "\n".join(f.missing), "found": ", ".join(f.found), "via": ", ".join(f.via),
        })
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


def report_csv_bytes(report: GapReport) -> bytes:
    # UTF-8 with BOM so that Excel opens Chinese text correctly.
    return findings_table(report).to_csv(index=False).encode("utf-8-sig")


def report_xlsx_bytes(report: GapReport) -> bytes:
    """Workbook with the findings, the scores, the claim flags and the content index."""
    import pandas as pd

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as xw:
        findings_table(report).to_excel(xw, sheet_name="findings", index=False)
        pd.DataFrame([r.model_dump() for r in report.scores]).to_excel(xw, sheet_name="scores", index=False)
        pd.DataFrame([c.model_dump() for c in report.claims],
                     columns=list(ClaimFlag.model_fields)).to_excel(xw, sheet_name="claims", index=False)
        pd.DataFrame([{**r.model_dump(), "pages": ", ".join(map(str, r.pages))} for r in report.content_index],
                     columns=list(ContentIndexRow.model_fields)).to_excel(xw, sheet_name="content index", index=False)
        ws = xw.sheets["findings"]
        wrap = xw.book.add_format({"text_wrap": True, "valign": "top"})
        for col, width in zip("ABCDEFGHIJK", (10, 14, 40, 14, 10, 7, 10, 80, 50, 20, 16)):
            ws.set_column(f"{col}:{col}", width, wrap)
    return buf.getvalue()


def default_cache_dir() -> Path:
    """Where embeddings of checked documents are kept between runs: ``$DISCLOSURE_CACHE_DIR`` or a
    folder in the system temp directory (a cache keyed by content, safe to delete)."""
    import os
    import tempfile

    return Path(os.environ.get("DISCLOSURE_CACHE_DIR") or Path(tempfile.gettempdir()) / "disclosure-cache")
