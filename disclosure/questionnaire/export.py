"""Write an answered questionnaire as XLSX (the original columns, or the built-in set's id / section /
question, plus the answer columns) and as JSON."""
from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from .models import Answer, AnswerSheet

ANSWER_COLUMNS = ["Answer", "Value", "Unit", "Year", "Citations", "Confidence", "Status", "Previous answer", "Stale",
                  "Change"]


def format_value(value: Any) -> str | float | None:
    """A typed value as one spreadsheet cell: numbers stay numbers, option ids are joined, table rows
    become 'key: value' lines."""
    if value is None or isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        return value
    if value and isinstance(value[0], dict):
        return "\n".join(" | ".join(f"{k}: {v}" for k, v in row.items()) for row in value)
    return "; ".join(str(v) for v in value)


def citations_text(a: Answer) -> str:
    return "; ".join(dict.fromkeys(c.label() for c in a.citations))


def answer_cells(a: Answer | None) -> list[Any]:
    if a is None:
        return [""] * len(ANSWER_COLUMNS)
    return [a.answer, format_value(a.value), a.unit or "", a.year or "", citations_text(a), a.confidence, a.status,
            a.previous_answer or "", "yes" if a.stale else "no", a.change.summary() if a.change else ""]


def _unique_headers(base: list[str]) -> list[str]:
    """The answer column names, suffixed where the original file already uses one (e.g. its own 'Answer')."""
    taken = {h.strip().lower() for h in base}
    return [h if h.lower() not in taken else f"{h} (draft)" for h in ANSWER_COLUMNS]


def to_rows(sheet: AnswerSheet) -> tuple[list[str], list[list[Any]]]:
    """(header, rows) of the export: every original row of an imported file (in order, rows that are
    not questions included), or id / section / question of a built-in set, then the answer columns."""
    qn = sheet.questionnaire
    by_id = {a.question_id: a for a in sheet.answers}
    if qn.kind == "imported" and qn.columns:
        header = list(qn.columns) + _unique_headers(qn.columns)
        by_row = {q.row: q.id for q in qn.questions if q.row is not None}
        rows = []
        for i, r in enumerate(qn.rows):
            qid = by_row.get(i)
            rows.append(list(r) + answer_cells(by_id.get(qid) if qid is not None else None))
        return header, rows
    base = ["ID", "Section", "Question"]
    header = base + _unique_headers(base)
    rows = [[q.id, q.section or "", q.text] + answer_cells(by_id.get(q.id)) for q in qn.questions]
    return header, rows


def to_xlsx_bytes(sheet: AnswerSheet) -> bytes:
    """The answered questionnaire as an XLSX workbook (sheet 'Answers', plus 'Notes' when there are any)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    header, rows = to_rows(sheet)
    wb = Workbook()
    ws = wb.active
    ws.title = "Answers"
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    fills = {"answered": "E2F0D9", "partial": "FFF2CC", "no_evidence": "F8CBAD"}
    first = len(header) - len(ANSWER_COLUMNS)  # 0-based index of 'Answer'
    status_col = first + ANSWER_COLUMNS.index("Status") + 1
    stale_col = first + ANSWER_COLUMNS.index("Stale") + 1
    for r in rows:
        ws.append(r)
        row = ws.max_row
        status = ws.cell(row, status_col).value
        if status in fills:
            ws.cell(row, status_col).fill = PatternFill("solid", fgColor=fills[status])
        if ws.cell(row, stale_col).value == "yes":
            ws.cell(row, stale_col).fill = PatternFill("solid", fgColor=fills["no_evidence"])
    for col in ws.iter_cols(min_row=2):
        for c in col:
            if isinstance(c.value, str) and "\n" in c.value:
                c.alignment = Alignment(wrap_text=True, vertical="top")
    if sheet.notes:
        ns = wb.create_sheet("Notes")
        ns.append(["Review note"])
        for n in sheet.notes:
            ns.append([n])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_json_data(sheet: AnswerSheet) -> list[dict]:
    """One object per answer: question_id, answer, status, confidence, citations (source, page, …)
    first, then the question text, typed value and last year's comparison."""
    questions = {q.id: q for q in sheet.questionnaire.questions}
    out = []
    for a in sheet.answers:
        d = a.as_json()
        q = questions.get(a.question_id)
        ordered = {k: d.pop(k) for k in ("question_id", "answer", "status", "confidence", "citations")}
        ordered["question"] = q.text if q else None
        ordered.update(d)
        out.append(ordered)
    return out


def to_json(sheet: AnswerSheet) -> str:
    return json.dumps(to_json_data(sheet), ensure_ascii=False, indent=2)


def write(sheet: AnswerSheet, path: str | Path) -> Path:
    """Write ``sheet`` to ``path`` by its suffix: .xlsx or .json."""
    from ..errors import DisclosureError

    p = Path(path)
    if p.suffix.lower() == ".xlsx":
        p.write_bytes(to_xlsx_bytes(sheet))
    elif p.suffix.lower() == ".json":
        p.write_text(to_json(sheet), encoding="utf-8")
    else:
        raise DisclosureError(f"cannot write '{p.name}' — use a .xlsx or .json file name")
    return p
