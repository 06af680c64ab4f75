"""Periods: a column header or phrase that names a year (2022, FY 2023, FY22, 2022年, 111年度,
民國112年), and the year a report covers, read from the report itself — never from today's date."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ..normalization import ROC_OFFSET

# A whole token that is a year: what a table's column header says.
_YEAR_TOKEN = re.compile(
    r"^(?:(?:FY|財年|會計年度)\s*'?(?P<fy>(?:19|20)?\d{2})|(?P<g>(?:19|20)\d{2})\s*(?:年度?|財年|FY)?|"
    r"(?:民國)?(?P<roc>1[0-4]\d|9\d)\s*年度?|(?P<fy2>(?:19|20)\d{2})\s*/\s*\d{2,4})$", re.I)


def year_token(text: str) -> int | None:
    """The year a header token names ('FY 2023', '2022年', '111年度', 'FY22'), or None."""
    t = unicodedata.normalize("NFKC", text or "").strip().strip("()（）")
    m = _YEAR_TOKEN.match(t)
    if not m:
        return None
    if m.group("fy"):
        y = int(m.group("fy"))
        return y + 2000 if y < 100 else y
    if m.group("g") or m.group("fy2"):
        return int(m.group("g") or m.group("fy2"))
    return int(m.group("roc")) + ROC_OFFSET


# Years a phrase names: 2023, FY2023, FY23, fiscal 2023, 112年, 民國112年, 112年度.
_YEAR_IN_TEXT = re.compile(
    r"(?:FY|fiscal(?: year)?)\s*'?(?P<fy>(?:19|20)\d{2}|\d{2})(?!\d)|(?<![\d.,])(?P<g>(?:19|20)\d{2})(?![\d.,]?\d)|"
    r"(?:民國\s*)?(?<![\d.,])(?P<roc>1[0-4]\d|9\d)\s*年", re.I)


def years_in(text: str) -> list[tuple[int, int, int]]:
    """(year, start, end) of every year a phrase names."""
    out = []
    for m in _YEAR_IN_TEXT.finditer(unicodedata.normalize("NFKC", text or "")):
        if m.group("fy"):
            y = int(m.group("fy"))
            y = y + 2000 if y < 100 else y
        elif m.group("g"):
            y = int(m.group("g"))
        else:
            y = int(m.group("roc")) + ROC_OFFSET
        if 1990 <= y <= 2100:
            out.append((y, m.start(), m.end()))
    return out


# What a report says about the period it covers.
_COVERS = [
    re.compile(r"(?P<y>(?:19|20)\d{2})\s*(?:年度?)?\s*(?:永續|企業社會責任|ESG|TCFD|氣候|溫室氣體|CSR)?[^\n。]{0,12}?(?:報告書|報告)", re.I),
    re.compile(r"(?:報告期間|報告年度|資訊期間|揭露期間|盤查期間)[^\n。]{0,6}?(?:民國)?\s*(?P<y>(?:19|20)\d{2}|1[0-4]\d)\s*年", re.I),
    re.compile(r"(?P<y>(?:19|20)\d{2})\s+(?:Sustainability|ESG|Annual|Climate|TCFD|Corporate Responsibility|Impact|Environmental)"
               r"[^\n.]{0,40}?(?:Report|Response|Disclosure)", re.I),
    re.compile(r"(?:Sustainability|ESG|Annual|Climate|TCFD|Impact)\s+Report\s*(?:FY\s*)?(?P<y>(?:19|20)\d{2})", re.I),
    re.compile(r"(?:fiscal year|financial year|reporting year|reporting period|FY)\s*(?:ended|ending|from)?[^\n.]{0,30}?(?P<y>(?:19|20)\d{2})",
               re.I),
    re.compile(r"(?:民國)?\s*(?P<y>1[0-4]\d)\s*年度?\s*(?:永續|企業社會責任|ESG|TCFD|氣候|溫室氣體)[^\n。]{0,10}?報告", re.I),
]


def reporting_year(first_pages: list[str], source: str = "", column_years: list[int] | None = None) -> tuple[int | None, str]:
    """The year a report covers, from its file name, its first pages ('2022 ESG Report', '111年度永續報告書',
    'fiscal year 2023') and, failing that, the latest year its tables report figures for.

    Returns (year, reason)."""
    votes: Counter = Counter()
    why: dict[int, str] = {}
    name = unicodedata.normalize("NFKC", source)
    for y, _s, _e in years_in(name):
        votes[y] += 3
        why.setdefault(y, f"file name '{source}'")
    for i, page in enumerate(first_pages[:3]):
        t = unicodedata.normalize("NFKC", page)
        for rx in _COVERS:
            for m in rx.finditer(t):
                y = int(m.group("y"))
                y = y + ROC_OFFSET if y < 1000 else y
                if 1990 <= y <= 2100:
                    votes[y] += 2 if i == 0 else 1
                    why.setdefault(y, f"p. {i + 1}: '{m.group(0).strip()[:60]}'")
    if column_years:
        latest = Counter(column_years).most_common()
        top = max(column_years)
        # a table's latest column is the reporting year when the report itself names none
        votes[top] += 1
        why.setdefault(top, f"the latest year of its tables' columns ({len(latest)} column years)")
    if not votes:
        return None, ""
    future_ok = set(column_years or [])
    best = sorted(votes.items(), key=lambda kv: (-kv[1], -kv[0]))
    for y, _v in best:
        if not column_years or y <= max(future_ok) or y in future_ok:
            return y, why[y]
    return best[0][0], why[best[0][0]]


BASE_YEAR_RE = re.compile(r"以\s*(?:民國)?\s*(\d{2,4})\s*年(?:度)?\s*(?:[（(]\s*(\d{4})\s*年?\s*[）)])?\s*(?:作)?為\s*(?:本公司之?)?(?:盤查)?基準年"
                           r"|基準年\s*(?:為|：|:)\s*(?:民國)?\s*(\d{2,4})\s*年?|base year (?:is|of|was)\s*(\d{4})", re.I)


def base_year_in(sentence: str) -> int | None:
    """The base year a sentence names ("以110年（2021年）為基準年", "base year is 2021"), Gregorian."""
    m = BASE_YEAR_RE.search(sentence)
    if not m:
        return None
    if m.group(2):
        return int(m.group(2))
    y = int(next(g for g in m.groups() if g))
    return y + 1911 if y < 1000 else y
