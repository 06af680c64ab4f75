"""Text normalisation that keeps meaning, language detection, and year extraction (ROC → Gregorian).

Taiwanese documents mix full-width and half-width characters, write years in the ROC calendar
(民國112年 = 2023) and use thousands separators; PDF extraction adds Kangxi-radical look-alikes
(⼈ for 人) and stray spaces between ideographs. We normalise those, and record ROC years as
metadata next to the original text rather than rewriting it.
"""
from __future__ import annotations

import re
import unicodedata

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}，。、；：！？「」（）])[ \t]+(?=[{_CJK}，。、；：！？「」（）])")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2028\u2029\ufeff\ufffe]")
_MULTI_SPACE = re.compile(r"[ \t\u00a0\u3000]{2,}")
_MULTI_NEWLINE = re.compile(r"\n{3,}")
# PDF extraction splits units across lines and subscripts: "CO\n2e", "CO 2 e" → "CO2e".
_CO2E = re.compile(r"CO\s*2\s*(e|eq)\b", re.I)

# ROC year: 民國112年, 中華民國 112 年, 112年度, 112 年, 112/12/31. ROC 80–150 covers 1991–2061.
ROC_OFFSET = 1911
_ROC_RE = re.compile(
    r"(?:(?:中華)?民國\s*(?P<a>\d{2,3})\s*年?)"
    r"|(?<![\d.,])(?P<b>\d{2,3})\s*(?:年度|年)"
    r"|(?<![\d.,/])(?P<c>1[0-4]\d)/(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])(?![\d])"
)
_GREGORIAN_RE = re.compile(r"(?<![\d.,])((?:19[89]|20\d)\d)(?![\d.,]\d)")


def normalize_text(text: str) -> str:
    """NFKC (full-width digits/letters/punctuation, Kangxi radicals), drop control characters,
    remove spaces that PDF extraction puts between ideographs, collapse blank runs.

    Ideographic punctuation that carries sentence structure (。、「」) is left alone by NFKC.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _CO2E.sub(lambda m: "CO2" + m.group(1), text)
    text = _SPACE_BETWEEN_CJK.sub("", text)
    text = _MULTI_SPACE.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _MULTI_NEWLINE.sub("\n\n", text)
    return text.strip()


def detect_language(text: str) -> str:
    """'zh', 'en', 'mixed' or 'unknown', from the share of ideographs vs Latin letters.

    A Latin word carries roughly as much as one or two ideographs, so letters are down-weighted.
    """
    cjk = len(_CJK_RE.findall(text))
    latin = len(_LATIN_RE.findall(text))
    if cjk + latin < 3:
        return "unknown"
    share = cjk / (cjk + latin / 4.0)
    if share >= 0.7:
        return "zh"
    if share <= 0.25:
        return "en"
    return "mixed"


def roc_to_gregorian(roc_year: int) -> int:
    return roc_year + ROC_OFFSET


def find_roc_years(text: str) -> dict[str, int]:
    """Map each ROC year expression in ``text`` to its Gregorian year (民國112年 → 2023)."""
    found: dict[str, int] = {}
    for m in _ROC_RE.finditer(text):
        raw = m.group("a") or m.group("b") or m.group("c")
        n = int(raw)
        if 80 <= n <= 150:
            found[m.group(0).strip()] = roc_to_gregorian(n)
    return found


def find_years(text: str) -> list[int]:
    """Gregorian years mentioned in ``text``, ROC years converted, sorted and unique (1980–2099)."""
    years = {int(y) for y in _GREGORIAN_RE.findall(text) if 1980 <= int(y) <= 2099}
    years.update(find_roc_years(text).values())
    return sorted(years)


_NUMBER_RE = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def parse_number(token: str) -> float | None:
    """'8,512' → 8512.0, '８，５１２．３' → 8512.3, '1.2萬' → 12000.0; None if not a number."""
    t = unicodedata.normalize("NFKC", token).strip().replace(" ", "")
    mult = 1.0
    for suffix, m in (("億", 1e8), ("萬", 1e4), ("千", 1e3)):
        if t.endswith(suffix):
            t, mult = t[: -len(suffix)], m
            break
    if t.endswith("%"):
        t = t[:-1]
    m = _NUMBER_RE.fullmatch(t)
    if not m:
        return None
    return float(t.replace(",", "")) * mult


def annotate_roc_years(text: str) -> str:
    """Text for indexing (never for display): each ROC year followed by its Gregorian year,
    "112年度" → "112年度(2023)", so that a query for 2023 finds a page that only says 112年度."""
    def add(m: re.Match) -> str:
        raw = m.group("a") or m.group("b") or m.group("c")
        n = int(raw)
        if not 80 <= n <= 150:
            return m.group(0)
        year = str(n + ROC_OFFSET)
        tail = text[m.end() : m.end() + 12]
        return m.group(0) if year in tail else f"{m.group(0)}({year})"

    return _ROC_RE.sub(add, text)
