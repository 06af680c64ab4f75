"""Numbers a sentence states and the values a text supports, for the guard that refuses a figure
not in the evidence (drafts and questionnaire answers alike); and the screen that removes
instruction-like text from a passage before anything reads it.

Digits inside names (ISO 14064-1, Scope 2, SSP5-8.5, CO2e) are not numbers. A number matches when it
is the same value, or the same value rounded to the decimals the sentence shows. Years match ROC
years and back (2023 ↔ 112年), and Chinese numerals count (三人 supports 3).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..normalization import find_years
from .statements import NUMBER, mask_identifiers, nfkc, zh_numerals_in

PLACEHOLDER_RE = re.compile(r"【待補[:：][^】]*】|\[TO FILL:[^\]]*\]", re.I)
_NUM_RE = re.compile(NUMBER)
_MARKER_RE = re.compile(r"\s*(?:\[(?:[EC]?\d+)(?:\s*[,，]\s*[EC]?\d+)*\]|［\d+］)")

# Instruction-like text inside a document (prompt injection). Documents are data: such sentences
# are removed from a passage before any model sees it, and numbers in them support nothing.
INSTRUCTION_RE = re.compile(
    r"ignore (?:all |any )?(?:the )?(?:previous|prior|above|earlier|preceding) (?:instructions|prompts?|rules|directions)"
    r"|disregard (?:all |any )?(?:the )?(?:previous|prior|above) |forget (?:all )?(?:your|previous) instructions"
    r"|you are now|act as (?:a|an) |system prompt|new instructions?:|assistant:|\bsystem:"
    r"|忽略(?:所有|以上|先前|之前|前述|上述)?的?(?:指示|指令|說明|規則)|無視(?:以上|先前|之前)|請改寫為|你現在是|系統提示",
    re.I)


@dataclass(frozen=True)
class NumberToken:
    text: str
    value: float
    decimals: int
    percent: bool


def strip_markers(text: str) -> str:
    return _MARKER_RE.sub("", text)


def numbers_in(text: str) -> list[NumberToken]:
    """Numbers a sentence states (identifiers, citation markers and placeholders left out)."""
    t = nfkc(PLACEHOLDER_RE.sub(" ", strip_markers(text)))
    masked = mask_identifiers(t)
    out = []
    for m in _NUM_RE.finditer(masked):
        raw = t[m.start(): m.end()]
        try:
            value = float(raw.replace(",", "").replace("−", "-").lstrip("-"))
        except ValueError:
            continue
        dec = len(raw.split(".", 1)[1]) if "." in raw else 0
        pct = bool(re.match(r"\s*(?:%|％|percent)", t[m.end(): m.end() + 9]))
        out.append(NumberToken(raw, value, dec, pct))
    return out


def support_values(text: str) -> set[float]:
    """Every value ``text`` can support: its numbers, its years in both calendars, its Chinese numerals."""
    t = nfkc(text)
    vals: set[float] = set()
    for m in _NUM_RE.finditer(t):
        try:
            vals.add(float(m.group(0).replace(",", "").replace("−", "-").lstrip("-")))
        except ValueError:
            pass
    for y in find_years(t):
        vals.update({float(y), float(y - 1911)})
    vals.update(float(v) for v in zh_numerals_in(t))
    return vals


def is_supported(token: NumberToken, values: set[float]) -> bool:
    if token.value in values:
        return True
    for v in values:
        # Rounded to what the sentence shows; a whole number only matches a rounded figure ≥ 10 so that
        # a stray '1' or '2' cannot ride on any decimal in the evidence.
        if round(v, token.decimals) == token.value and (token.decimals > 0 or token.value >= 10):
            return True
    return False


def is_placeholder(text: str) -> bool:
    return bool(PLACEHOLDER_RE.search(text))


def sanitize_passage(text: str) -> tuple[str, bool]:
    """The passage without sentences that read like instructions to a model; True when any was removed."""
    if not INSTRUCTION_RE.search(nfkc(text)):
        return text, False
    parts = re.split(r"(?<=[。！？!?；;\n])|(?<=\.)\s+", text)
    kept = [p for p in parts if p and not INSTRUCTION_RE.search(nfkc(p))]
    return "".join(kept).strip(), True


# ----------------------------------------------------------------------------------------------- checks
