"""Statements the documents make that are facts without a figure: an assurance (verification)
statement names its standard (ISAE 3000, ISAE 3410, ISO 14064-3, AA1000AS) and its level
(limited / reasonable, 有限 / 合理保證). Read at ingestion like the figures, so a question about
assurance is answered from the sentence that says it, wherever retrieval would rank it."""
from __future__ import annotations

import re

from .models import Fact, FactProvenance
from .period import years_in
from .text import nfkc, sentences_of

ASSURANCE_STD = re.compile(r"ISO\s?14064-3(?::\s?\d{4})?|ISAE\)?\s?3410|ISAE\)?\s?3000(?:\s?\(Revised\))?|AA1000\s?AS(?:\s?v3)?|"
                           r"ISSA\s?5000|確信準則公報第\s?\d+\s?號|審計準則公報第\s?\d+\s?號", re.I)
LEVEL = re.compile(r"(類別\s?\d(?:\s?(?:及|、|至|與|和)\s?類別\s?\d)*)\s*(?:為|:|：)?\s*(合理|有限)(?:保證|確信)(?:等級)?|"
                   r"(合理|有限)(?:保證|確信)|(reasonable|limited) (?:level of |data )?assurance", re.I)
_ABOUT = re.compile(r"查證|保證|確信|verif|assur", re.I)
_PRODUCT = re.compile(r"產品|碳足跡|product", re.I)


def statement_facts(text: str, *, source: str, doc_id: str | None = None, page: int | None = None,
                    sheet: str | None = None, cell_range: str | None = None, paragraph: int | None = None) -> list[Fact]:
    """Assurance statements of ``text``: a sentence about assurance that names a standard or a level."""
    out: list[Fact] = []
    for sent in sentences_of(text):
        s = nfkc(sent)
        if len(s) > 500 or not _ABOUT.search(s) or _PRODUCT.search(s) or s.rstrip().endswith(("?", "？")):
            continue
        std, level = ASSURANCE_STD.search(s), LEVEL.search(s)
        if not (std or level):
            continue
        ys = years_in(s)
        out.append(Fact(metric="verification", value=float(bool(std)) + float(bool(level)),
                        value_text=" / ".join(m.group(0) for m in (std, level) if m), year=ys[-1][0] if ys else None,
                        provenance=FactProvenance(source=source, doc_id=doc_id, page=page, sheet=sheet, cell_range=cell_range,
                                                  paragraph=paragraph, channel="sentence", sentence=sent[:500])))
    return out
