"""Tables rebuilt from positioned text: a value is tied to its row label and its column year.

A table is found by its header line: two or more cells that name years (2019 2020 2021 2022,
FY 2023 FY 2022, 111年度 112年度). Two year runs on one line with a label between them are two
tables side by side. Lines below the header whose numbers sit under the year columns are rows;
the row label is the text left of the numbers (the label column, found from all rows, so prose of
a neighbouring text column is not taken), a label in a column further left on a value line is a
group label ('Scope 1' printed once beside its rows). The unit comes from a 'Unit' column, the
label, the caption above the header or a note below the table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import Cell, Line
from .period import year_token
from .units import Unit, unit_in

_NUM_CELL = re.compile(r"^(?P<lt>[<>≤≥~約]\s*)?(?P<neg>[-−–])?\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                       r"(?P<glued>(?<=,\d{3})\d{1,2})?\s*(?P<pct>%|％)?\s*(?P<mark>[*＊†‡¹²³⁴⁵⁶⁷⁸⁹]+|\(\d\))?"
                       r"(?P<unit>\s*[^\d\s].*)?$")
_NA = re.compile(r"^(?:n/?a|n\.a\.|-|—|–|NA|不適用|無|未揭露|尚未盤查)$", re.I)
_TOTAL_WORD = re.compile(r"^\s*(?:total|總計|合計|小計|sum|總量|total\s*\(.*\))\b|總計|合計", re.I)
_UNIT_HEADER = re.compile(r"^(?:unit|units|單位)$", re.I)
# Cells of a period or frequency column ('Fiscal Year', 'Sept. 30th'): neither label nor value.
_META = re.compile(r"^(?:fiscal year|calendar year|financial year|sept(?:ember|\.)? 30(?:th)?|dec(?:ember|\.)? 31(?:st)?|"
                   r"年度|會計年度|財年|as of.*|FY|CY|annual|yearly)$", re.I)
_NOTE = re.compile(r"^\s*(?:註|备注|備註|note|source|資料來源|\*|※|單位|unit)", re.I)


@dataclass
class NumberCell:
    value: float
    text: str
    cell: Cell
    unit: Unit | None = None
    percent: bool = False
    marker: str | None = None


def number_cell(cell: Cell) -> NumberCell | None:
    """A cell that holds one figure ('1,844', '20,294*', '77.12%', '993.37 公噸 CO2e', '3,898,464¹'), or None."""
    m = _NUM_CELL.match(cell.text.strip())
    if not m or year_token(cell.text) is not None:
        return None
    tail = m.group("unit") or ""
    unit = unit_in(tail, emissions_context=True) if tail else None
    if tail and unit is None and not re.fullmatch(r"\s*(?:\(\w\)|[a-z])\s*", tail):
        return None  # a number inside words ('12 months', '3 sites') is not a table value
    text = m.group("num")
    value = float(text.replace(",", ""))
    if m.group("neg"):
        value, text = -value, "-" + text
    pct = bool(m.group("pct"))
    if pct:
        unit = Unit(dimension="percent", base="%", text="%")
    return NumberCell(value, text, cell, unit, pct, m.group("glued") or m.group("mark"))


@dataclass
class Column:
    year: int
    text: str
    x0: float
    x1: float

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class TableRow:
    label: str
    group: str | None
    values: dict[int, NumberCell]
    line: Line
    unit_text: str = ""


@dataclass
class Table:
    columns: list[Column]
    caption: str
    rows: list[TableRow] = field(default_factory=list)
    notes: str = ""
    left: float = 0.0
    right: float = 1e9
    label_x0: float = 0.0
    header_text: str = ""
    title: str = ""
    # sub-columns under each year ('Landlord Controlled | Non-Landlord Controlled | Total'): the
    # position of the total sub-column when a sub-header names one per year, else None
    sub_total_last: bool | None = None

    def row_text(self, row: TableRow) -> str:
        """The row as printed: its cells within the table's columns."""
        return " ".join(c.text for c in row.line.cells if c.x0 >= self.label_x0 - 6 and c.x0 < self.right)

    def unit(self, row: TableRow, emissions: bool) -> Unit | None:
        """The unit of a row: its unit column, its label, the caption, the header, then the notes."""
        for text in (row.unit_text, row.label, self.caption, self.notes):
            u = unit_in(text, emissions_context=emissions) if text else None
            if u is not None:
                return u
        return None


def _year_runs(line: Line) -> list[list[tuple[Cell, int]]]:
    """Runs of year cells in a line, split where a text cell stands between two years."""
    runs: list[list[tuple[Cell, int]]] = []
    cur: list[tuple[Cell, int]] = []
    for c in line.cells:
        y = year_token(c.text)
        parts = c.text.split()
        if y is None and len(parts) >= 2 and all(year_token(p) for p in parts):
            # years printed close together read as one cell: split it evenly
            w = (c.x1 - c.x0) / len(parts)
            for i, p in enumerate(parts):
                cur.append((Cell(p, c.x0 + i * w, c.x0 + (i + 1) * w, c.top, c.bottom), year_token(p)))
            continue
        if y is not None and 1990 <= y <= 2100:
            cur.append((c, y))
        else:
            if len(cur) >= 2:
                runs.append(cur)
            cur = []
    if len(cur) >= 2:
        runs.append(cur)
    return [r for r in runs if len({y for _c, y in r}) == len(r)]


def find_tables(lines: list[Line], *, max_rows: int = 40) -> list[Table]:
    """The year-column tables of a page."""
    tables: list[Table] = []
    for hi, header in enumerate(lines):
        runs = _year_runs(header)
        if not runs:
            continue
        for ri, run in enumerate(runs):
            cols = [Column(y, c.text, c.x0, c.x1) for c, y in run]
            spacing = min(b.xc - a.xc for a, b in zip(cols, cols[1:])) if len(cols) > 1 else 40.0
            left = runs[ri - 1][-1][0].x1 + 1 if ri else 0.0
            right = runs[ri + 1][0][0].x0 - 1 if ri + 1 < len(runs) else 1e9
            # the label of a table to the right starts after the previous table's last column
            right = min(right, cols[-1].x1 + 1.5 * spacing) if ri + 1 < len(runs) else cols[-1].x1 + 2.5 * spacing
            unit_hdr = [c for c in header.cells if _UNIT_HEADER.match(c.text) and left <= c.x0 < cols[0].x0]
            t = Table(cols, "", left=left, right=right)
            t.sub_total_last = _sub_header(t, lines, hi)
            _read_rows(t, lines, hi, spacing, unit_hdr, max_rows)
            lo = max(left, t.label_x0 - 6)
            caption = " ".join(" ".join(c.text for c in ln.cells if c.x1 > lo and c.x0 < right) for ln in lines[max(0, hi - 3): hi])
            caption += " " + " ".join(c.text for c in header.cells if lo <= c.x0 < cols[0].x0)
            t.caption = caption.strip()
            # the title printed over this table's own label column (not a neighbour's beside it)
            t.title = " ".join(_clip(c, cols[-1].x1) for ln in lines[max(0, hi - 2): hi] for c in ln.cells
                               if lo <= c.x0 < cols[0].x0 - 6)
            t.header_text = " ".join(c.text for c in header.cells if lo <= c.x0 and c.x0 < right)
            if t.rows:
                tables.append(t)
    return tables


def _clip(c: Cell, x1: float) -> str:
    """The text of a cell up to ``x1`` (two tables' titles printed close read as one cell: the part
    over this table, estimated by the share of the cell's width)."""
    if c.x1 <= x1 or c.x1 - c.x0 <= 0:
        return c.text
    return c.text[: max(1, int(len(c.text) * (x1 - c.x0) / (c.x1 - c.x0)))]


_SUB_TOTAL = re.compile(r"\btotal\b|合計|總計", re.I)


def _sub_header(t: Table, lines: list[Line], hi: int) -> bool | None:
    """True when the lines between the year header and the first row name a total sub-column under
    every year, last in its group (False: a sub-header without one; None: no sub-header)."""
    for ln in lines[hi + 1: hi + 5]:
        cells = [c for c in ln.cells if c.x1 > t.columns[0].x0 - 40 and c.x0 < t.right]
        if any(number_cell(c) for c in cells):
            return None
        text = " ".join(c.text for c in cells)
        if len(_SUB_TOTAL.findall(text)) == len(t.columns) >= 2:
            return bool(re.search(r"(?:\btotal|合計|總計)\s*$", text, re.I))
    return None


def _sub_columns(t: Table, cells: list[Cell], spacing: float) -> dict[int, NumberCell] | None:
    """Values of a row with k sub-columns per year (k × years value cells): the total sub-column's,
    when the sub-header names it; {} when it names none (no sub-column is guessed); None when the
    row is not laid out that way."""
    vals = sorted((c for c in cells if c.x0 > t.columns[0].x0 - spacing and (number_cell(c) or _NA.match(c.text))),
                  key=lambda c: c.x0)
    n = len(t.columns)
    if len(vals) < 2 * n or len(vals) % n:
        return None
    if t.sub_total_last is None:
        # k values per year without a sub-header naming the total: a group of cells under each year
        # (not extra columns right of the last year) is a layout no sub-column can be chosen from
        interleaved = sum(1 for c in vals if c.xc < t.columns[-1].x0) >= 2 * (n - 1)
        return {} if interleaved and n >= 2 else None
    if not t.sub_total_last:
        return {}
    k = len(vals) // n
    out = {}
    for i, col in enumerate(t.columns):
        nc = number_cell(vals[i * k + k - 1])
        if nc is not None:
            out[col.year] = nc
    return out


def _read_rows(t: Table, lines: list[Line], hi: int, spacing: float, unit_hdr: list[Cell], max_rows: int) -> None:
    cols = t.columns
    tol = 0.55 * spacing
    pending: list[tuple[Line, list[Cell], dict[int, NumberCell]]] = []
    misses = 0
    prev_bottom = lines[hi].bottom
    notes = []
    for ln in lines[hi + 1: hi + 1 + max_rows * 3]:
        if _year_runs(ln) and any(c.x0 < t.right and c.x1 > t.left for c, _y in _year_runs(ln)[0]):
            break  # the next table's header
        h = max(1.0, ln.bottom - ln.top)
        if ln.top - prev_bottom > 4 * h and pending:
            break
        cells = [c for c in ln.cells if c.x1 > t.left and c.x0 < t.right]
        if not cells:
            continue
        if any(year_token(c.text) and c.x0 > cols[0].x0 - spacing for c in cells) and not any(number_cell(c) for c in cells):
            break  # a single-year header: the next table starts
        ln_cells = cells
        values: dict[int, NumberCell] = {}
        rest: list[Cell] = []
        for c in cells:
            nc = number_cell(c) if c.x0 > cols[0].x0 - spacing else None
            col = None
            if nc is not None or _NA.match(c.text):
                dist = [(min(abs(c.xc - k.xc), abs(c.x1 - k.x1), abs(c.x0 - k.x0)), k) for k in cols]
                d, col = min(dist, key=lambda x: x[0])
                if d > tol:
                    col = None
            if col is not None and nc is not None and col.year not in values:
                values[col.year] = nc
            elif col is None or nc is None and not _NA.match(c.text):
                if c.x1 <= cols[0].x0 + 2 or nc is None:
                    rest.append(c)
        sub = _sub_columns(t, cells, spacing)
        if sub is not None:
            values = sub
            rest = [c for c in rest if number_cell(c) is None]
        prev_bottom = ln.bottom
        if values or any(_NA.match(c.text) for c in cells if c.x0 > cols[0].x0 - spacing):
            pending.append((ln, [c for c in rest if c.x1 <= cols[0].x0 + 2], values))
            misses = 0
        else:
            pending.append((ln, [c for c in cells if c.x1 <= cols[0].x0 + 2], {}))
            notes.append(ln_cells)
            misses += 1
            if misses > 4:
                break
    last = max((i for i, (_l, _c, v) in enumerate(pending) if v), default=-1)
    tail = len(pending) - 1 - last  # lines after the last row: notes under the table
    notes = notes[-tail:] if tail else []
    pending = pending[: last + 1]
    _assign_labels(t, pending, unit_hdr)
    t.notes = " ".join(c.text for cells in notes for c in cells if c.x0 >= t.label_x0 - 6)


def _assign_labels(t: Table, pending, unit_hdr: list[Cell]) -> None:
    """Row labels from the label column; label-only lines just above a row continue its label;
    cells left of the label column on value lines are group labels."""
    value_rows = [(ln, cells, vals) for ln, cells, vals in pending if vals]
    if not value_rows:
        return

    def unit_cells(cells):
        return [c for c in cells if any(c.x1 > u.x0 - 4 and c.x0 < u.x1 + 30 for u in unit_hdr) or _META.match(c.text)]

    nearest = []
    for _ln, cells, _v in value_rows:
        label_cells = [c for c in cells if c not in unit_cells(cells)]
        if label_cells:
            nearest.append(label_cells[-1].x0)
    if not nearest:
        label_x0 = t.left
    else:
        # the label column starts where the nearest-left cells of most rows start
        nearest.sort()
        label_x0 = nearest[len(nearest) // 4] - 3
    t.label_x0 = label_x0
    groups: list[tuple[float, str]] = []
    above: list[str] = []  # a group label may start on the line above its value line
    for ln, cells, vals in pending:
        left = [c for c in cells if c.x1 < label_x0 and c not in unit_cells(cells) and len(c.text) <= 40
                and not re.search(r"[，。;；]", c.text)]
        if not vals:
            above = [c.text for c in left][-1:]
            continue
        for c in left:
            groups.append(((ln.top + ln.bottom) / 2, " ".join(above + [c.text])))
        above = []
    carry: list[str] = []
    carry_unit = ""
    for ln, cells, vals in pending:
        units = unit_cells(cells)
        label_cells = [c for c in cells if c.x0 >= label_x0 and c not in units]
        if not vals:
            text = " ".join(c.text for c in label_cells)
            if text and not re.search(r"\d{3,}", text):
                carry.append(text)
                carry = carry[-2:]
            else:
                carry = []
            carry_unit = " ".join(c.text for c in units if not _META.match(c.text))
            continue
        label = " ".join(c.text for c in label_cells)
        if not label or _TOTAL_WORD.match(label) or label[:1].islower() or re.match(r"^[（(]", label):
            label = " ".join(carry + [label]).strip()
        carry = []
        mid = (ln.top + ln.bottom) / 2
        group = min(groups, key=lambda g: abs(g[0] - mid))[1] if groups else None
        unit_text = (carry_unit + " " + " ".join(c.text for c in units if not _META.match(c.text))).strip()
        carry_unit = ""
        t.rows.append(TableRow(label, group, vals, ln, unit_text))
