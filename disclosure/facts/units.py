"""Units of reported figures, normalised with their scale: 千公噸CO2e, kt, thousand metric tons,
'1,000 metric tons of CO2e', 公噸, GJ, '1,000 gigajoule', MWh, eMWh, 度, 千度, m³, 百萬立方公尺,
'million cubic meter', %, NT$ 億元, GBP, US$.

A :class:`Unit` carries the base unit of its dimension (tCO2e, GJ, MWh, m3, %, currency) and the
multiplier from the written unit to it (千公噸 → tCO2e × 1,000).
"""
from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel

# A scale word written before or inside a unit.
_SCALE = (r"(?P<scale>1[,.]?000\s*(?:metric\s+)?|thousands?\s+(?:of\s+)?(?:metric\s+)?|millions?\s+(?:of\s+)?(?:metric\s+)?|"
          r"mio\.?\s*|千|萬|百萬|佰萬|仟|k(?=t\b|t\s*CO)|M(?=\s*(?:MT\b|t\b|t\s*CO)))?")
_SCALES = {"1000": 1e3, "1,000": 1e3, "1.000": 1e3, "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6,
           "mio": 1e6, "mio.": 1e6, "千": 1e3, "仟": 1e3, "萬": 1e4, "百萬": 1e6, "佰萬": 1e6, "k": 1e3, "m": 1e6}

# (pattern after the scale, dimension, base unit, extra multiplier); first match wins.
_UNITS: list[tuple[str, str, str, float]] = [
    (r"(?:公噸|噸|tonnes?|tons?|metric\s+tons?|MT|t)\s*(?:of\s+)?(?:CO2e|CO2-?eq\.?|CO2\s*e|CO2\s*equivalents?|二氧化碳當量|CO2當量|CO e)", "emissions", "tCO2e", 1.0),
    (r"tCO2e|tCO2-?eq", "emissions", "tCO2e", 1.0),
    (r"(?:kt|千公噸)\s*CO2e?", "emissions", "tCO2e", 1e3),
    (r"Mt\s*CO2e?", "emissions", "tCO2e", 1e6),
    (r"公斤\s*CO2e|kg\s*CO2e", "emissions", "tCO2e", 1e-3),
    (r"GJ|gigajoules?|吉焦耳?|十億焦耳", "energy_gj", "GJ", 1.0),
    (r"TJ|terajoules?|兆焦耳", "energy_gj", "GJ", 1e3),
    (r"e?MWh|百萬瓦時|千度", "energy", "MWh", 1.0),
    (r"GWh|百萬度", "energy", "MWh", 1e3),
    (r"e?kWh|度電|度(?![CＣ℃])", "energy", "MWh", 1e-3),
    (r"m³|m3|cubic met(?:er|re)s?|立方公尺|立方米|公噸水", "water", "m3", 1.0),
    (r"megalit(?:er|re)s?|ML(?![a-z])|百萬公升", "water", "m3", 1e3),
    (r"%|％|percent", "percent", "%", 1.0),
]
_UNIT_RES = [(re.compile(r"\s*" + _SCALE + r"\s*(?:of\s+)?(?P<unit>" + p + r")", re.I), d, b, m) for p, d, b, m in _UNITS]
# Emissions written as plain tonnes ('單位：公噸', '總計（噸）', 't') count only where emissions are the subject.
_PLAIN_TONNES = re.compile(r"\s*" + _SCALE + r"\s*(?P<unit>公噸|噸|metric\s+tons?|tonnes|(?<![A-Za-z])t(?![A-Za-z]))", re.I)
_MONEY = re.compile(r"(?P<cur>新台幣|新臺幣|NT\$|NTD|TWD|US\$|USD|GBP|£|€|EUR|CAD|C\$|\$)\s*(?P<num>[\d,.]+)?\s*"
                    r"(?P<scale>億|萬|千|仟|百萬|佰萬|billion|million|thousand|bn|m\b)?", re.I)


class Unit(BaseModel):
    """A written unit, normalised: ``base`` (tCO2e, GJ, MWh, m3, %, a currency) × ``scale``."""

    dimension: str
    base: str
    scale: float = 1.0
    text: str = ""

    def display(self, zh: bool = False) -> str:
        """'tCO2e', 'thousand tCO2e' / '千公噸CO2e', 'million m³', '%'."""
        if self.base == "%":
            return "%"
        names = {"tCO2e": ("公噸CO2e", "tCO2e"), "GJ": ("GJ", "GJ"), "MWh": ("MWh", "MWh"), "m3": ("立方公尺", "m³")}
        zh_name, en_name = names.get(self.base, (self.base, self.base))
        if self.base == "MWh" and abs(self.scale - 1e-3) < 1e-12:
            return "度" if zh else "kWh"
        if self.scale == 1:
            return zh_name if zh else en_name
        word = {1e3: ("千", "thousand "), 1e4: ("萬", "10 thousand "), 1e6: ("百萬", "million "), 1e8: ("億", "100 million ")}
        w = word.get(self.scale)
        if w is None:
            return zh_name if zh else en_name
        return (w[0] + zh_name) if zh else (w[1] + en_name)


def _scale_of(word: str | None) -> float:
    if not word:
        return 1.0
    w = re.sub(r"\s+|of|metric", "", word.lower()).rstrip(".")
    return _SCALES.get(w, _SCALES.get(w.replace(",", ""), 1.0))


def unit_at(text: str, *, emissions_context: bool = False) -> Unit | None:
    """The unit written at the start of ``text`` (what follows a number), or None."""
    t = unicodedata.normalize("NFKC", text or "")
    for rx, dim, base, mult in _UNIT_RES:
        m = rx.match(t)
        if m:
            scale = _scale_of(m.group("scale")) * mult
            return Unit(dimension="energy" if dim == "energy_gj" else dim, base=base, scale=scale, text=m.group(0).strip())
    if emissions_context:
        m = _PLAIN_TONNES.match(t)
        if m:
            return Unit(dimension="emissions", base="tCO2e", scale=_scale_of(m.group("scale")), text=m.group(0).strip())
    return None


def unit_in(text: str, *, emissions_context: bool = False) -> Unit | None:
    """The first unit written anywhere in ``text`` (a header, a caption, a note: '單位：公噸CO2e',
    '(In 1,000 metric tons of CO2 equivalents)', 'Total Energy Consumption (eMWh)')."""
    t = unicodedata.normalize("NFKC", text or "")
    best = None
    for i in range(len(t)):
        if i and t[i - 1].isalnum() and t[i].isalnum() and t[i].isascii():
            continue  # a unit starts at a word boundary
        u = unit_at(t[i:], emissions_context=emissions_context)
        if u is not None and i and re.match(r"[\u3400-\u9fff]", t[i - 1]) and re.fullmatch(r"度|噸|千度|公噸|度電", u.text):
            continue  # 強度, 程度, 年度: a character of a word, not a unit
        if u is not None and (u.text[:1].isalpha() or u.text[:1] in "%％千萬百佰仟1" or not t[i].isdigit()):
            best = u
            break
    return best


def money_at(before: str, after: str) -> Unit | None:
    """A currency written before a number ('NT$', 'US$', 'GBP', '新台幣') with a scale after it (億元, million)."""
    b = unicodedata.normalize("NFKC", before or "")
    m = re.search(r"(新台幣|新臺幣|NT\$|NTD|TWD|US\$|USD|GBP|£|€|EUR|CAD|C\$|\$)\s*$", b, re.I)
    a = unicodedata.normalize("NFKC", after or "")
    sm = re.match(r"\s*(億|萬|千|仟|百萬|佰萬|billion|million|thousand|bn)?\s*(元|dollars?)?", a, re.I)
    if not m and not (sm and sm.group(2) and sm.group(2) == "元"):
        return None
    cur = m.group(1).upper() if m else "TWD"
    cur = {"新台幣": "TWD", "新臺幣": "TWD", "NT$": "TWD", "NTD": "TWD", "£": "GBP", "€": "EUR", "C$": "CAD", "$": "USD",
           "US$": "USD"}.get(cur, cur)
    word = (sm.group(1) or "").lower() if sm else ""
    scale = {"億": 1e8, "萬": 1e4, "千": 1e3, "仟": 1e3, "百萬": 1e6, "佰萬": 1e6, "billion": 1e9, "bn": 1e9, "million": 1e6,
             "thousand": 1e3}.get(word, 1.0)
    return Unit(dimension="money", base=cur, scale=scale, text=(m.group(1) if m else "") + (sm.group(0).strip() if sm else ""))


def compatible(unit: Unit | None, dimension: str | None) -> bool:
    """Whether a figure in ``unit`` can be a value of a metric of ``dimension``."""
    if dimension is None or unit is None:
        return unit is None or dimension is None
    if dimension == "intensity":
        return unit.dimension in ("emissions",)
    return unit.dimension == dimension
