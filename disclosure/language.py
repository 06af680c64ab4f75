"""The two languages the product writes in, as one type, and the one test of which it is."""
from __future__ import annotations

from typing import Literal

Lang = Literal["zh-TW", "en"]
LANGS: tuple[Lang, ...] = ("zh-TW", "en")


def is_zh(lang: str | None) -> bool:
    """True for Traditional Chinese however it is written ('zh-TW', 'zh', 'zh-Hant'); English otherwise."""
    return bool(lang) and str(lang).lower().startswith("zh")


def as_lang(lang: str | None) -> Lang:
    """'zh-TW' or 'en' for any spelling of either (None → English)."""
    return "zh-TW" if is_zh(lang) else "en"


def pick(zh: str, en: str, lang: str | None) -> str:
    """``zh`` in a Chinese context, ``en`` otherwise."""
    return zh if is_zh(lang) else en
