"""Facts read out of evidence passages: quantities with units and years, committees and management
bodies, meeting and reporting frequencies, meeting counts and dates, targets, climate scenarios.

Plain regular expressions over NFKC-normalised text, zh-TW and English. Each fact keeps the
sentence it was read from, so a writer can cite it and a reviewer can see why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..facts.text import _NUM_RE, IDENTIFIER, NUMBER, join_soft_breaks, mask_identifiers, nfkc, sentences_of  # noqa: F401 - re-exported
from ..normalization import find_years

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

_ZH_NUM = {"零": 0, "〇": 0, "一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def zh_numeral(text: str) -> int | None:
    """'四' → 4, '十二' → 12, '二十' → 20, '一百二十' → 120 (up to 999); None if not a numeral."""
    if not text or any(ch not in _ZH_NUM and ch not in "十百" for ch in text):
        return None
    total, cur = 0, 0
    for ch in text:
        if ch == "百":
            total += (cur or 1) * 100
            cur = 0
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        else:
            cur = _ZH_NUM[ch]
    return total + cur


_ZH_NUMERAL_RUN = re.compile(r"[零〇一二兩三四五六七八九十百]+")


def zh_numerals_in(text: str) -> list[int]:
    """Values of the Chinese numerals written in ``text`` (三人 → 3, 二次 → 2)."""
    out = []
    for m in _ZH_NUMERAL_RUN.finditer(text):
        v = zh_numeral(m.group(0))
        if v is not None:
            out.append(v)
    return out


# --------------------------------------------------------------------------------------------- quantities

# unit pattern → (canonical unit, multiplier to the canonical unit)
_UNITS: list[tuple[str, str, float]] = [
    (r"千公噸\s*CO2e|千公噸二氧化碳當量|ktCO2e|kt\s*CO2e", "tCO2e", 1000.0),
    (r"公噸\s*CO2e|公噸\s*CO2-?eq|公噸二氧化碳當量|公噸CO₂e|噸\s*CO2e|t\s*CO2e|tCO2e|tonnes?\s+(?:of\s+)?CO2e|metric tons? (?:of )?CO2e", "tCO2e", 1.0),
    (r"公斤\s*CO2e|kg\s*CO2e|kgCO2e", "kgCO2e", 1.0),
    (r"百萬度|GWh", "MWh", 1000.0),
    (r"千度|MWh|百萬瓦時", "MWh", 1.0),
    (r"度電|度|kWh", "kWh", 1.0),
    (r"GJ|吉焦耳?|十億焦耳", "GJ", 1.0),
    (r"%|％|percent", "%", 1.0),
    (r"家|家供應商", "suppliers", 1.0),
    (r"次", "times", 1.0),
    (r"人|名|位", "persons", 1.0),
]
_UNIT_RE = [(re.compile(r"\s*(?:" + p + r")", re.I), u, m) for p, u, m in _UNITS]
_CURRENCY_BEFORE = re.compile(r"(?:新台幣|新臺幣|NT\$|NTD|TWD)\s*$", re.I)
_CURRENCY_MULT_AFTER = re.compile(r"\s*(億|萬|千)?\s*元|\s*(billion|million|thousand)", re.I)

# Metric keywords (longest first). A number takes the last one written before it in its clause.
_METRICS: list[tuple[str, str]] = [
    (r"範疇一\s*[+＋及與和、]\s*(?:範疇)?二|範疇1\s*[+＋及與和、]\s*(?:範疇)?2|類別1\s*(?:及|與|和|[+＋])\s*類別2|Scope 1\s*(?:\+|and|&)\s*(?:Scope )?2|Scopes 1 and 2", "scope12"),
    (r"範疇一|範疇1|類別1(?!\d)|類別一|Scope 1(?!\d)|直接排放|direct emissions", "scope1"),
    (r"範疇二|範疇2|類別2(?!\d)|類別二|Scope 2(?!\d)|外購電力間接排放|能源間接排放", "scope2"),
    (r"範疇三|範疇3|Scope 3(?!\d)|價值鏈排放", "scope3"),
    (r"總排放量|排放總量|總計|合計|total emissions|total", "total"),
    (r"再生能源(?:使用)?(?:比例|占比)|綠電(?:使用)?(?:比例|占比)|renewable (?:electricity )?share", "re_share"),
    (r"再生能源|綠電|T-REC|憑證|轉供|PPA|renewable", "renewable_electricity"),
    (r"外購電力|用電量|電力使用|購電|purchased electricity|electricity", "electricity"),
]
_METRIC_RE = [(re.compile(p, re.I), m) for p, m in _METRICS]
_LOCATION = re.compile(r"地點基準|地點基礎|location[- ]based", re.I)
_MARKET = re.compile(r"市場基準|市場基礎|market[- ]based", re.I)
_CHANGE = re.compile(r"減少|增加|下降|上升|差異|減量|降幅|較|相較|變動|decrease|increase|reduc|difference|change|lower|higher|fell|rose", re.I)
_YEAR_EXPR = re.compile(r"(?:民國|中華民國)?\s*(\d{2,3})\s*年度?|((?:19|20)\d{2})\s*年?")


@dataclass
class Quantity:
    value: float
    text: str
    unit: str
    metric: str | None = None
    method: str | None = None
    year: int | None = None
    change: bool = False
    sentence: str = ""
    start: int = 0


def _year_at(text: str, pos: int) -> tuple[int, int] | None:
    """(year, position) of the last year expression that ends at or before ``pos``."""
    best = None
    for m in _YEAR_EXPR.finditer(text, 0, pos):
        if m.group(1):
            n = int(m.group(1))
            if 80 <= n <= 150:
                best = (n + 1911, m.start())
        elif m.group(2):
            n = int(m.group(2))
            if 1990 <= n <= 2100:
                best = (n, m.start())
    return best


def _is_year_token(sentence: str, m: re.Match) -> bool:
    after = sentence[m.end(): m.end() + 2]
    raw = m.group(0).replace(",", "")
    if after.startswith(("年", "/", "-")) and "." not in raw:
        return True
    if re.fullmatch(r"(?:19|20)\d{2}", raw) and not re.match(r"\s*(?:公噸|噸|t|MWh|%|％|度|家|kWh)", after):
        return True
    return False


def extract_quantities(text: str) -> list[Quantity]:
    """Numbers with units (tCO2e, kgCO2e, MWh, kWh, GJ, %, NT$, counts), each labelled with the metric
    and year written before it in its sentence when there is one."""
    out: list[Quantity] = []
    for sent in sentences_of(text):
        prev_end = 0
        for m in _NUM_RE.finditer(mask_identifiers(sent)):
            if _is_year_token(sent, m):
                continue
            raw = m.group(0)
            try:
                value = float(raw.replace(",", "").replace("−", "-"))
            except ValueError:
                continue
            unit, mult = "", 1.0
            tail = sent[m.end():]
            for rx, u, mu in _UNIT_RE:
                um = rx.match(tail)
                if um:
                    unit, mult = u, mu
                    break
            if _CURRENCY_BEFORE.search(sent[max(0, m.start() - 6): m.start()]):
                unit = "NT$"
                cm = _CURRENCY_MULT_AFTER.match(tail)
                if cm:
                    word = (cm.group(1) or cm.group(2) or "").lower()
                    mult = {"億": 1e8, "萬": 1e4, "千": 1e3, "billion": 1e9, "million": 1e6, "thousand": 1e3}.get(word, 1.0)
            segment = sent[prev_end: m.start()]
            metric = None
            scope_seg = segment
            hits = [(mm.start(), name) for rx, name in _METRIC_RE for mm in rx.finditer(segment)]
            if not hits:  # inherit the subject of the sentence ("範疇二…地點基準為X，市場基準為Y")
                scope_seg = sent[: m.start()]
                hits = [(mm.start(), name) for rx, name in _METRIC_RE for mm in rx.finditer(scope_seg)]
            if hits:
                hits.sort()
                metric = hits[-1][1]
            method = None
            if metric in ("scope2", "scope12", "total"):
                locs = [x.start() for x in _LOCATION.finditer(sent[: m.start()])]
                mkts = [x.start() for x in _MARKET.finditer(sent[: m.start()])]
                if locs or mkts:
                    method = "location" if max(locs or [-1]) > max(mkts or [-1]) else "market"
                if metric == "scope2" and method:
                    metric = f"scope2_{method}"
            if not unit and metric and metric.startswith(("scope", "total")) and re.search(r"CO2e|CO₂e|二氧化碳當量", text):
                unit = "tCO2e"  # a table whose header carries the unit
            yr = _year_at(sent, m.start())
            change = bool(_CHANGE.search(segment))
            out.append(Quantity(value=value * mult, text=raw, unit=unit, metric=metric, method=method,
                                year=yr[0] if yr else None, change=change, sentence=sent, start=m.start()))
            prev_end = m.end()
    return out


# --------------------------------------------------------------------------------------------- bodies

_GENERIC_BODIES = {"本委員會", "該委員會", "各委員會", "功能性委員會", "委員會", "專門委員會", "其他委員會", "下列委員會"}
_COMMITTEE_ZH = re.compile(f"([{CJK}]{{2,10}}?委員會)")
_COMMITTEE_EN = re.compile(r"((?:[A-Z][A-Za-z&\-]+ ){1,5}Committee)")
_OFFICE_ZH = re.compile(f"([{CJK}]{{2,8}}(?:辦公室|推動小組|工作小組|專案小組|執行小組))")
_POSITION = re.compile(r"(永續長|總經理|執行長|財務長|風險長|營運長|董事長|副總經理|Chief Sustainability Officer|CSO|Chief Executive Officer|CEO|CFO|President)")
_CLIMATE = re.compile(r"氣候|永續|淨零|溫室氣體|碳|減碳|climate|sustainab|net[- ]zero|GHG|emission", re.I)
_LEAD_NOISE = re.compile(r"^(?:本公司|公司|設置|設立|下設|成立|於|由|之|及|與|和|為|係|並|其|該|董事會|各|所屬|隸屬)+")


@dataclass
class Body:
    name: str
    kind: str  # 'committee' | 'office' | 'position'
    sentence: str
    climate: bool = False
    under_board: bool = False


def extract_bodies(text: str) -> list[Body]:
    """Committees (永續發展委員會 / Sustainability Committee), offices and working groups, and positions."""
    out: list[Body] = []
    for sent in sentences_of(text):
        climate = bool(_CLIMATE.search(sent))
        under = bool(re.search(r"隸屬(?:於)?董事會|董事會(?:下|之下)設|董事會所屬|under the board|board committee|reports? to the board", sent, re.I))
        for m in _COMMITTEE_ZH.finditer(sent):
            # '本公司董事會下設永續發展委員會' → '永續發展委員會'
            name = re.split(r"下設|設立|設置|成立|隸屬|所屬|之|的|及|與|和|由|於|為|在|經|即|係", m.group(1))[-1]
            name = _LEAD_NOISE.sub("", name)
            if len(name) >= 4 and name not in _GENERIC_BODIES:
                out.append(Body(name, "committee", sent, climate, under))
        for m in _COMMITTEE_EN.finditer(sent):
            name = re.sub(r"^(?:The|Our|A|An|Its|Board)\s+", "", m.group(1)).strip()
            if len(name.split()) >= 2:
                out.append(Body(name, "committee", sent, climate, under))
        for m in _OFFICE_ZH.finditer(sent):
            name = re.split(r"下設|設立|設置|成立|隸屬|所屬|之|的|及|與|和|由|於|為|在|經|即|係", m.group(1))[-1]
            name = _LEAD_NOISE.sub("", name)
            if len(name) >= 4:
                out.append(Body(name, "office", sent, climate, under))
        for m in _POSITION.finditer(sent):
            out.append(Body(m.group(1), "position", sent, climate, under))
    return out


# --------------------------------------------------------------------------------------------- frequencies

# (pattern, key, zh wording, en wording); the first pattern that matches a clause wins.
_FREQUENCIES: list[tuple[str, str, str, str]] = [
    (r"每季至少(?:召開|舉行|開會|報告)?(?:一|1)次|at least (?:once )?(?:a |per |every )?quarter(?:ly)?", "at_least_quarterly", "每季至少一次", "at least quarterly"),
    (r"每季|每一季|按季|quarterly|every quarter|each quarter", "quarterly", "每季", "quarterly"),
    (r"每半年|每年至少(?:二|兩|2)次|半年度|twice a year|semi-?annual|every six months|at least twice a year", "semiannual", "每半年（每年至少二次）", "at least twice a year"),
    (r"每月|monthly|every month", "monthly", "每月", "monthly"),
    (r"每年至少(?:一|1)次|每年度?|annually|once a year|every year|each year", "annual", "每年", "annually"),
]
_FREQ_RE = [(re.compile(p, re.I), k, zh, en) for p, k, zh, en in _FREQUENCIES]


@dataclass
class Frequency:
    key: str
    zh: str
    en: str
    text: str
    action: str  # 'meets' | 'reports' | 'other'
    to_board: bool
    sentence: str


def extract_frequencies(text: str) -> list[Frequency]:
    out: list[Frequency] = []
    for sent in sentences_of(text):
        for clause in re.split(r"[，,；;]", sent):
            for rx, key, zh, en in _FREQ_RE:
                m = rx.search(clause)
                if not m:
                    continue
                if key == "annual" and not re.search(r"召開|會議|報告|開會|meet|report|review|審議|檢討", clause, re.I):
                    break  # '年度' alone is rarely a frequency
                if re.search(r"召開|開會|會議|舉行|meet|convene", clause, re.I):
                    action = "meets"
                elif re.search(r"報告|提報|彙報|report|brief", clause, re.I):
                    action = "reports"
                else:
                    action = "other"
                to_board = bool(re.search(r"董事會|board", clause, re.I))
                out.append(Frequency(key, zh, en, m.group(0), action, to_board, sent))
                break
    return out


# --------------------------------------------------------------------------------------------- meetings, dates

_DATE_ZH = re.compile(r"(?:中華民國|民國)?\s*(\d{2,4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_MEETING_NO = re.compile(r"(\d{2,4})\s*年度?\s*第\s*(\d+|[一二三四五六七八九十]+)\s*次(?:會議|定期會|委員會)?")
_MEETING_COUNT = re.compile(r"(?:共|合計|總計)?召開(?:會議)?\s*(\d+|[一二三四五六七八九十]+)\s*次|held (\d+) meetings|met (\d+) times", re.I)


@dataclass
class DateFact:
    iso: str
    text: str
    sentence: str


def _to_gregorian(y: int) -> int:
    return y + 1911 if y < 1000 else y


def extract_dates(text: str) -> list[DateFact]:
    out: list[DateFact] = []
    t = nfkc(text)
    for m in _DATE_ZH.finditer(t):
        y, mo, d = _to_gregorian(int(m.group(1))), int(m.group(2)), int(m.group(3))
        if 1990 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
            out.append(DateFact(f"{y:04d}-{mo:02d}-{d:02d}", m.group(0).strip(), _sentence_around(t, m.start())))
    for m in _DATE_ISO.finditer(t):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            out.append(DateFact(f"{y:04d}-{mo:02d}-{d:02d}", m.group(0), _sentence_around(t, m.start())))
    return out


def _sentence_around(text: str, pos: int) -> str:
    start = max(text.rfind(ch, 0, pos) for ch in "。\n；")
    ends = [i for i in (text.find(ch, pos) for ch in "。\n；") if i != -1]
    return text[start + 1: (min(ends) + 1) if ends else len(text)].strip()


@dataclass
class Meeting:
    year: int
    number: int
    date: str | None
    text: str


def extract_meetings(text: str) -> list[Meeting]:
    """Numbered meetings ('112年度第3次會議') with the first date written after each heading."""
    t = nfkc(text)
    out: list[Meeting] = []
    for m in _MEETING_NO.finditer(t):
        y = _to_gregorian(int(m.group(1)))
        n = int(m.group(2)) if m.group(2).isdigit() else zh_numeral(m.group(2))
        if not (1990 <= y <= 2100) or not n:
            continue
        date = None
        dm = _DATE_ZH.search(t, m.end(), m.end() + 120) or _DATE_ISO.search(t, m.end(), m.end() + 120)
        if dm:
            dy = _to_gregorian(int(dm.group(1)))
            date = f"{dy:04d}-{int(dm.group(2)):02d}-{int(dm.group(3)):02d}"
        out.append(Meeting(y, n, date, m.group(0)))
    return out


def extract_meeting_counts(text: str) -> list[tuple[int, str]]:
    """(count, sentence) for 'X年共召開4次會議' / 'held 4 meetings'."""
    out = []
    for sent in sentences_of(text):
        for m in _MEETING_COUNT.finditer(sent):
            raw = next(g for g in m.groups() if g)
            n = int(raw) if raw.isdigit() else zh_numeral(raw)
            if n:
                out.append((n, sent))
    return out


# --------------------------------------------------------------------------------------------- targets, scenarios


@dataclass
class TargetFact:
    kind: str  # 'reduction' | 'net_zero' | 'renewable'
    target_year: int | None
    base_year: int | None
    percent: float | None
    percent_text: str | None
    scope: str | None
    sentence: str


_BASE_YEAR = re.compile(r"(?:較|相較於?|相對於|以|基準年|基期|vs\.?|versus|compared (?:with|to)|from (?:a |an |our |the )?|"
                        r"(?:baseline|base)(?: year)?(?: of| in)?)\s*(?:民國)?\s*(?:(?P<fy>FY\s?)(?P<fy2>\d{2})(?!\d)|"
                        r"(?:FY\s?)?((?:19|20)\d{2}|\d{2,3}))\s*年?", re.I)
_PCT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|％)")


def extract_targets(text: str) -> list[TargetFact]:
    out: list[TargetFact] = []
    for sent in sentences_of(text):
        has_target_word = re.search(r"目標|承諾|達成|target|commit|aim|by 20\d\d|於20\d\d年前|前達", sent, re.I)
        if not has_target_word:
            continue
        years = [y for y in find_years(sent)]
        base = None
        bm = _BASE_YEAR.search(sent)
        if bm:  # 'FY20' is fiscal 2020, a bare '110' is ROC 110 (2021)
            base = 2000 + int(bm.group("fy2")) if bm.group("fy2") else _to_gregorian(int(bm.group(3)))
        future = [y for y in years if y >= 2024 and y != base]
        target_year = future[0] if future else None
        scope = None
        for rx, name in _METRIC_RE:
            if name.startswith("scope") and rx.search(sent):
                scope = name
                break
        if re.search(r"淨零|net[- ]zero|碳中和|carbon neutral", sent, re.I):
            ny = [y for y in years if y >= 2030]
            out.append(TargetFact("net_zero", ny[-1] if ny else target_year, base, None, None, scope, sent))
            if not _PCT.search(sent):
                continue
        pm = _PCT.search(sent)
        if pm and re.search(r"再生能源|綠電|renewable|RE100", sent, re.I) and not re.search(r"減|reduc|cut", sent, re.I):
            out.append(TargetFact("renewable", target_year, base, float(pm.group(1)), pm.group(0), None, sent))
        elif pm and re.search(r"減|降|reduc|cut|lower", sent, re.I) and target_year:
            out.append(TargetFact("reduction", target_year, base, float(pm.group(1)), pm.group(0), scope, sent))
    return out


_SCENARIOS = [
    (r"IEA\s*NZE(?:\s*2050)?|Net Zero Emissions by 2050|淨零排放情境|NZE\s*2050", "IEA NZE 2050"),
    (r"IEA\s*STEPS|Stated Policies|既定政策情境|STEPS", "IEA STEPS"),
    (r"IEA\s*APS|Announced Pledges|承諾目標情境", "IEA APS"),
    (r"IEA\s*SDS|Sustainable Development Scenario|永續發展情境", "IEA SDS"),
    (r"SSP\s?1-?\s?2\.6", "SSP1-2.6"), (r"SSP\s?2-?\s?4\.5", "SSP2-4.5"), (r"SSP\s?3-?\s?7\.0", "SSP3-7.0"),
    (r"SSP\s?5-?\s?8\.5", "SSP5-8.5"),
    (r"RCP\s?2\.6", "RCP2.6"), (r"RCP\s?4\.5", "RCP4.5"), (r"RCP\s?6\.0", "RCP6.0"), (r"RCP\s?8\.5", "RCP8.5"),
    (r"NGFS[^。；\n]{0,20}?(?:Net Zero 2050|淨零2050)", "NGFS Net Zero 2050"),
    (r"NGFS[^。；\n]{0,20}?(?:Current Policies|現行政策)", "NGFS Current Policies"),
    (r"NGFS(?![^。；\n]{0,20}?(?:Net Zero|淨零|Current|現行))", "NGFS"),
]
_SCEN_RE = [(re.compile(p, re.I), name) for p, name in _SCENARIOS]


@dataclass
class ScenarioFact:
    name: str
    kind: str  # 'transition' | 'physical'
    sentence: str


def extract_scenarios(text: str) -> list[ScenarioFact]:
    out: list[ScenarioFact] = []
    for sent in sentences_of(text):
        for rx, name in _SCEN_RE:
            if rx.search(sent):
                kind = "physical" if name.startswith(("SSP", "RCP")) else "transition"
                out.append(ScenarioFact(name, kind, sent))
    return out


# --------------------------------------------------------------------------------------------- bundle


@dataclass
class Facts:
    """Everything read from one passage."""

    quantities: list[Quantity] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    frequencies: list[Frequency] = field(default_factory=list)
    dates: list[DateFact] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    meeting_counts: list[tuple[int, str]] = field(default_factory=list)
    targets: list[TargetFact] = field(default_factory=list)
    scenarios: list[ScenarioFact] = field(default_factory=list)


def extract_facts(text: str) -> Facts:
    """All facts of one passage."""
    return Facts(
        quantities=extract_quantities(text), bodies=extract_bodies(text), frequencies=extract_frequencies(text),
        dates=extract_dates(text), meetings=extract_meetings(text), meeting_counts=extract_meeting_counts(text),
        targets=extract_targets(text), scenarios=extract_scenarios(text),
    )
