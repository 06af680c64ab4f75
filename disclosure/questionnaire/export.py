"""Write an answered questionnaire as XLSX (the original columns, or the built-in set's id / section /
question, plus the answer columns) and as JSON."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..language import is_zh
from .models import Answer, AnswerSheet

ANSWER_COLUMNS = ["Answer", "Value", "Unit", "Year", "Citations", "Confidence", "Status", "Previous answer", "Stale",
                  "Change", "status_id"]
# The same columns in a zh-TW file; the last keeps the machine-readable status whatever the language.
ZH_ANSWER_COLUMNS = ["回答", "數值", "單位", "年度", "引用來源", "信心程度", "狀態", "去年答覆", "需更新", "變動", "status_id"]
ZH_BUILTIN_COLUMNS = ["編號", "章節", "題目"]
ZH_VALUES = {"answered": "已回答", "partial": "部分回答", "no_evidence": "無佐證", "high": "高", "medium": "中", "low": "低",
             "yes": "是", "no": "否"}


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


def answer_cells(a: Answer | None, lang: str = "en") -> list[Any]:
    if a is None:
        return [""] * len(ANSWER_COLUMNS)
    word = (lambda v: ZH_VALUES.get(v, v)) if is_zh(lang) else (lambda v: v)
    return [a.answer, format_value(a.value), a.unit or "", a.year or "", citations_text(a), word(a.confidence),
            word(a.status), a.previous_answer or "", word("yes" if a.stale else "no"),
            a.change.summary() if a.change else "", a.status]


def _unique_headers(base: list[str], lang: str = "en") -> list[str]:
    """The answer column names, suffixed where the original file already uses one (e.g. its own 'Answer')."""
    taken = {h.strip().lower() for h in base}
    names = ZH_ANSWER_COLUMNS if is_zh(lang) else ANSWER_COLUMNS
    return [h if h.lower() not in taken else (f"{h}（草稿）" if is_zh(lang) else f"{h} (draft)") for h in names]


def to_rows(sheet: AnswerSheet, lang: str | None = None) -> tuple[list[str], list[list[Any]]]:
    """(header, rows) of the export: every original row of an imported file (in order, rows that are
    not questions included), or id / section / question of a built-in set, then the answer columns,
    headed and worded in ``lang`` (default the answers' language)."""
    lang = lang or sheet.lang
    qn = sheet.questionnaire
    by_id = {a.question_id: a for a in sheet.answers}
    if qn.kind == "imported" and qn.columns:
        header = list(qn.columns) + _unique_headers(qn.columns, lang)
        by_row = {q.row: q.id for q in qn.questions if q.row is not None}
        rows = []
        for i, r in enumerate(qn.rows):
            qid = by_row.get(i)
            rows.append(list(r) + answer_cells(by_id.get(qid) if qid is not None else None, lang))
        return header, rows
    base = ZH_BUILTIN_COLUMNS if is_zh(lang) else ["ID", "Section", "Question"]
    header = base + _unique_headers(base, lang)
    rows = [[q.id, q.section or "", q.text] + answer_cells(by_id.get(q.id), lang) for q in qn.questions]
    return header, rows


def to_xlsx_bytes(sheet: AnswerSheet, lang: str | None = None) -> bytes:
    """The answered questionnaire as an XLSX workbook (sheet 'Answers', plus 'Notes' when there are
    any), headed and worded in ``lang`` (the interface language; default the answers' language)."""
    from ..xlsx import STATUS_FILLS, Sheet, workbook_bytes

    lang = lang or sheet.lang
    zh = is_zh(lang)
    header, rows = to_rows(sheet, lang)
    first = len(header) - len(ANSWER_COLUMNS)  # 0-based index of 'Answer'
    status, stale, status_id = (first + ANSWER_COLUMNS.index(c) for c in ("Status", "Stale", "status_id"))
    stale_yes = ZH_VALUES["yes"] if zh else "yes"
    answers = Sheet("回覆" if zh else "Answers", header, rows, autofilter=True,
                    fills={status: STATUS_FILLS, stale: {stale_yes: STATUS_FILLS["no_evidence"]}}, fill_keys={status: status_id})
    sheets = [answers]
    if sheet.notes:
        sheets.append(Sheet("審閱備註" if zh else "Notes", ["審閱備註" if zh else "Review note"], [[n] for n in sheet.notes]))
    return workbook_bytes(sheets)


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
