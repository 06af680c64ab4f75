"""Sentences and numbers of evidence text, shared by every reader of figures: NFKC text, PDF lines
re-joined where extraction broke a sentence, sentence splitting, and the identifier names (ISO
14064-1, Scope 1, 類別3, AR5 …) whose digits are never a figure."""
from __future__ import annotations

import re
import unicodedata

from ..chunking import split_sentences

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "")


_LIST_START = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、)]\s*|[•·\-*]\s|第[一二三四五六七八九十百]+[條章節]|[A-Za-z]\.\s)")
_LINE_END = re.compile(r"[。！？；：:!?;」』]\s*$")


def join_soft_breaks(text: str) -> str:
    """Re-join lines that PDF extraction broke in mid-sentence; list items, table rows and lines
    that end a sentence keep their break."""
    lines = text.split("\n")
    # A line as long as the passage's lines go was broken by the width of its column: 28 characters
    # on a page of text, fewer in a passage of narrow table columns (its lines mostly ≤ 20
    # characters: '2022 年太陽光電等' / '綠能融資已核准金額' / '達 135.76億元。'), where a short cell
    # (a row label such as '再生能源融資') keeps its break.
    widths = sorted(len(x.strip()) for x in lines if x.strip())
    wide = widths[int(0.9 * (len(widths) - 1))] if widths else 0
    full = 28 if wide > 20 else max(6, int(0.7 * wide))
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if (out and out[-1].strip() and stripped and not _LINE_END.search(out[-1]) and not _LIST_START.match(stripped)
                and " | " not in out[-1] and " | " not in stripped and len(out[-1].strip()) >= full
                and not out[-1].lstrip().startswith("#")):
            prev = out[-1].rstrip()
            sep = " " if re.search(r"[A-Za-z0-9,]$", prev) and re.match(r"[A-Za-z0-9(]", stripped) else ""
            out[-1] = prev + sep + stripped
        else:
            out.append(line)
    return "\n".join(out)


_NOTE_START = re.compile(r"(?m)^[ \t]*(?=(?:註|注|備註)[ \t]*[0-9一二三四五六七八九十]{1,2}[ \t]*[:：.、)）]|Note[ \t]*\d{1,2}[ \t]*[:.)])")


def sentences_of(text: str) -> list[str]:
    """Sentences and table lines of a passage (split at 。！？； English sentence ends and line breaks,
    after re-joining lines broken in mid-sentence)."""
    # a bullet starts an item of a list: its own sentence, though the line before has no full stop
    text = re.sub(r"\s*[●•▪■◆◦]\s*", "\n\n", nfkc(text))
    # so does a note under a table ('註2:', '註 3：', 'Note 1:'), though the note before it ends without a full stop
    text = _NOTE_START.sub("\n\n", text)
    # columns read together glue a sentence end to the next one ('requirements.RESPONSIBILITIES')
    text = re.sub(r"(?<=[a-z]{2}[.!?])(?=[A-Z])", " ", join_soft_breaks(text))
    return [s.text for s in split_sentences(text)]


NUMBER = r"(?<![A-Za-z0-9_.,\-])[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
_NUM_RE = re.compile(NUMBER)

# Names that contain digits but state no quantity: standards, scopes and categories, gases, scenarios.
IDENTIFIER = re.compile(
    r"ISO\s?/?\s?(?:IEC\s?)?\d+(?:-\d+)*(?::\d{4})?|IFRS\s?S\d|GRI\s?\d+(?:-\d+)?|CNS\s?\d+|PAS\s?\d+|"
    r"(?:Scope|範疇|Category|類別|Cat\.?)\s?\d{1,2}(?:(?:\s?[+＋/、,及和與&]\s?|\s+and\s+)\d{1,2}(?!\d|[.,]\d|\s?%))*|(?<![A-Za-z])C\d{1,2}(?!\d)|"
    r"SSP\s?\d-?\s?\d\.\d|RCP\s?\d\.\d|(?<![A-Za-z])AR\s?[4-6](?!\d)|CO2e?|CO₂e?|CH4|N2O|SF6|NF3|HFCs?-?\d+[a-z]?|"
    r"(?<![A-Za-z])R-?\d{2,3}[A-Z]?(?!\d)|PFCs?|PM2\.5|RE100|EV100|(?<![A-Za-z])S[12](?![\d.])|(?<![A-Za-z])H2(?!\d)|"
    r"Tier\s?\d|Phase\s?\d|"
    r"\[[EC]?\d+\]|［\d+］", re.I)


def mask_identifiers(text: str) -> str:
    """``text`` with identifier names blanked out (same length), so their digits are not read as numbers."""
    return IDENTIFIER.sub(lambda m: " " * len(m.group(0)), text)

