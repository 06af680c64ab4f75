"""Positioned text of a PDF page: words with their boxes, grouped into lines and cells.

Two sources, measured against each other by ``bench/facts.py``: pdfplumber's words (boxes and font
sizes, so a footnote marker printed smaller than the figure it follows — '1,844¹' — is a word of
its own and is dropped) and pypdf's layout mode (a character grid: a column stands for x, a line
for y; no sizes, so glued markers stay glued).
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field

from ..normalization import normalize_text


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 0.0

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Cell:
    """Words of one line close enough to read as one table cell."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Line:
    cells: list[Cell]
    top: float
    bottom: float
    markers: list[str] = field(default_factory=list)  # footnote markers dropped from the line

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells)


_MARKER = re.compile(r"^(?:\d{1,2}|[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰a-z])$")


def pdfplumber_words(page) -> list[Word]:
    """Words of a pdfplumber page; a change of font size ends a word (so '1,844' and a smaller '1' part)."""
    out = []
    for w in page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, extra_attrs=["size"]):
        text = unicodedata.normalize("NFKC", w["text"])
        if text.strip():
            out.append(Word(text, float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]), float(w.get("size") or 0)))
    return out


def layout_words(text: str) -> list[Word]:
    """Words of pypdf's layout-mode text: x is the character column, a line is 10 units high; runs of
    two or more spaces separate cells (a single space stays inside a cell)."""
    out = []
    for i, line in enumerate(text.split("\n")):
        for m in re.finditer(r"\S+(?: \S+)*", line):
            out.append(Word(unicodedata.normalize("NFKC", m.group(0)), float(m.start()) * 4, float(m.end()) * 4,
                            i * 10.0, i * 10.0 + 8, 8.0))
    return out


def lines_of(words: list[Word], *, cell_gap: float | None = None) -> list[Line]:
    """Words grouped into lines (by vertical overlap) and cells (by horizontal gaps). Words printed
    markedly smaller than their line and raised (superscript footnote markers) are dropped."""
    if not words:
        return []
    words = sorted(words, key=lambda w: (round(w.top), w.x0))
    rows: list[list[Word]] = []
    for w in words:
        mid = (w.top + w.bottom) / 2
        for row in reversed(rows[-4:]):
            top = min(x.top for x in row)
            bottom = max(x.bottom for x in row)
            h = max(1.0, bottom - top)
            if top - 0.2 * h <= mid <= bottom + 0.2 * h:
                row.append(w)
                break
        else:
            rows.append([w])
    out = []
    for row in rows:
        sizes = [w.size for w in row if w.size]
        main = statistics.median(sizes) if sizes else 0
        kept, markers = [], []
        row.sort(key=lambda w: w.x0)
        for w in row:
            if (kept and w.text in ("2", "3") and re.search(r"(?:^|[\s(（/])(?:k?m|cm|ft)$", kept[-1].text)
                    and w.x0 - kept[-1].x1 < 1.5):
                # the superscript of m³ / m² is the unit's, not a footnote marker
                p = kept[-1]
                kept[-1] = Word(p.text + ("³" if w.text == "3" else "²"), p.x0, w.x1, p.top, p.bottom, p.size)
                continue
            if main and w.size and w.size < 0.8 * main and _MARKER.match(w.text):
                markers.append(w.text)
                continue
            kept.append(w)
        if not kept:
            continue
        kept.sort(key=lambda w: w.x0)
        gap = cell_gap if cell_gap is not None else max(4.0, 0.9 * (main or 8))
        cells: list[Cell] = []
        for w in kept:
            if cells and w.x0 - cells[-1].x1 <= gap:
                c = cells[-1]
                sep = "" if re.search(r"[\u3400-\u9fff（）]$", c.text) and re.match(r"[\u3400-\u9fff（）]", w.text) else " "
                cells[-1] = Cell(c.text + sep + w.text, c.x0, max(c.x1, w.x1), min(c.top, w.top), max(c.bottom, w.bottom))
            else:
                cells.append(Cell(w.text, w.x0, w.x1, w.top, w.bottom))
        cells = [Cell(normalize_text(c.text), c.x0, c.x1, c.top, c.bottom) for c in cells]
        out.append(Line([c for c in cells if c.text], min(c.top for c in cells), max(c.bottom for c in cells), markers))
    return [ln for ln in out if ln.cells]
