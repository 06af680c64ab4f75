"""How evidence answers the form of a question: which option a passage names, whether a question is
yes/no and which option says yes, whether a sentence states that something is not (yet) the case,
and whether it states a figure at all."""
from __future__ import annotations

import re

from ..citing.statements import nfkc
from .models import Option
from .question_terms import STOP_EN

def yes_no_options(options: list[Option]) -> bool:
    keys = {nfkc(o.label).strip().lower() for o in options} | {o.id.lower() for o in options}
    return bool(options) and len(options) <= 3 and bool(keys & {"yes", "是", "有", "y"})


def yes_option(options: list[Option]) -> Option | None:
    for o in options:
        if nfkc(o.label).strip().lower() in ("yes", "是", "有", "y") or o.id.lower() in ("yes", "y"):
            return o
    return None


ASKS_NUMBER = re.compile(r"多少|幾|比例|比率|占比|金額|how many|how much|what (?:amount|percentage|share|rate|level)|"
                          r"by what percentage|\bwhat (?:was|were|is) the .{0,40}(?:rate|amount|number|share)", re.I)
# A statement that something is not (yet) the case: a yes/no question is answered 'no' from it.
NEGATIVE_STATEMENT = re.compile(r"尚未|未(?:經|取得|進行|完成|設|有)|沒有|並無|無(?:設|訂)|預計於|將於|[應須需]於\s?(?:\d{2,4}\s?年|年底)|not yet|has not|have not|"
                                 r"is not|are not|was not|were not|\bno (?:internal|carbon|third)|will be (?:verified|assured|completed)", re.I)


def has_figure(sentence: str) -> bool:
    """Whether a sentence states a number other than a year or an identifier (Scope 1, ISO 14064-1)."""
    from ..facts.text import mask_identifiers

    for m in re.finditer(r"(?<![\d.])(?<!FY)(?<!FY )\d[\d,]*(?:\.\d+)?", mask_identifiers(nfkc(sentence)), re.I):  # FY22: a year
        raw = m.group(0).replace(",", "")
        if not re.fullmatch(r"(?:19|20)\d{2}|1[01]\d", raw):
            return True
    return False


_NEGATIVE_OPTION = re.compile(r"^(?:未|無|沒有|不|尚未|否)|(?<![a-z])(?:no|not(?! yet)|none|never|don't|doesn't|do not|does not|"
                              r"without|n/a)(?![a-z])|尚未|沒有|並未|未(?:設|有|使用|進行|計算|取得)", re.I)


def option_score(o: Option, blob: str) -> float:
    """1.0 when the evidence names the option: its label (either language), a distinctive part of it
    (text in brackets or around a slash), or its id as words; else the share of its English words found.
    An option that says something is absent (未使用…, No …) is never matched by presence."""
    labels = [x for x in (o.label, o.label_alt) if x]
    if any(_NEGATIVE_OPTION.search(nfkc(x).strip()) for x in labels):
        return 0.0
    best = 0.0
    for label in labels + [o.id.replace("_", " ").replace("-", " ")]:
        lab = nfkc(label).lower().strip()
        if len(lab) >= 2 and lab in blob:
            return 1.0
        for seg in re.split(r"[（）()／/、,;；]+", lab):
            seg = seg.strip()
            distinctive = (len(seg) >= 3 and re.search(r"[\u4e00-\u9fff]", seg)) or \
                (len(seg) >= 8 and len(re.findall(r"[a-z]{2,}", seg)) >= 2) or re.fullmatch(r"[a-z]*\d+[a-z\-\d]*|[a-z]{2,}-[a-z\d]+", seg)
            if distinctive and seg != lab and seg in blob:
                return 1.0
        words = [w for w in re.findall(r"[a-z][a-z\-]{2,}", lab) if w not in STOP_EN]
        if len(words) >= 2:
            best = max(best, sum(1 for w in words if re.search(r"(?<![a-z])" + re.escape(w), blob)) / len(words))
    return best


# ----------------------------------------------------------------------------------------------- service
