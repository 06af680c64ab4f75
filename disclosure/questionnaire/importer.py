"""Read a questionnaire (or last year's answered one) from CSV/XLSX bytes, in the layouts portal
exports and customers' spreadsheets use.

Columns are recognised by their header in English or zh-TW (題號/編號/Question ID/ID/Code,
問題/題目/Question/Question text, 類型/Answer type/Question type, 選項/Options, 單位/Unit,
答案/Answer, 章節/Section/Module). The header row may sit below title rows. When the id or text
column cannot be found, :class:`~disclosure.errors.QuestionnaireFormatError` carries the columns
and a best guess, and the caller passes ``mapping={"id": col, "text": col, ...}``.
The original header and rows are kept so the export reproduces them.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from ..encodings import UnknownEncodingError
from ..tables import csv_rows, header_key, xlsx_sheets
from ..errors import QuestionnaireFormatError
from .models import AnswerType, Option, Question, Questionnaire

ROLES = ("id", "text", "type", "options", "unit", "answer", "section")

# Accepted header names per role, compared after normalisation (lower case, no spaces/underscores).
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("questionid", "question id", "question no", "question number", "qid", "id", "code", "no", "no.", "number",
           "ref", "item", "itemid", "item no", "題號", "編號", "題目編號", "問題編號", "代碼", "代號", "序號", "項次", "項目編號"),
    "text": ("question", "questiontext", "question text", "questions", "question (en)", "text", "item text",
             "description", "question description", "問題", "題目", "問題內容", "題目內容", "問項", "問題描述", "內容", "題目說明"),
    "type": ("answertype", "answer type", "questiontype", "question type", "type", "response type", "format",
             "類型", "題型", "答題類型", "回答類型", "作答方式", "題目類型"),
    "options": ("options", "option", "choices", "answer options", "response options", "選項", "答案選項", "可選答案"),
    "unit": ("unit", "units", "uom", "unit of measure", "單位", "計量單位"),
    "answer": ("answer", "answers", "response", "your answer", "previous answer", "reply", "答案", "回答", "答覆",
               "回覆", "填答", "作答內容", "回覆內容"),
    "section": ("section", "module title", "moduletitle", "module", "category", "topic", "chapter", "part", "group",
                "章節", "模組", "類別", "主題", "構面", "面向", "分類"),
}

TYPE_WORDS: dict[str, AnswerType] = {
    "numeric": "number", "number": "number", "numerical": "number", "integer": "number", "decimal": "number",
    "percentage": "number", "數值": "number", "數字": "number", "數量": "number",
    "singleselect": "choice", "single select": "choice", "singlechoice": "choice", "single choice": "choice",
    "choice": "choice", "select": "choice", "dropdown": "choice", "單選": "choice", "選擇": "choice", "下拉選單": "choice",
    "multiselect": "multi_choice", "multi select": "multi_choice", "multiplechoice": "multi_choice",
    "multichoice": "multi_choice", "multiple choice": "multi_choice", "checkbox": "multi_choice",
    "複選": "multi_choice", "多選": "multi_choice",
    "text": "text", "richtext": "text", "rich text": "text", "freetext": "text", "open": "text", "string": "text",
    "narrative": "text", "文字": "text", "簡答": "text", "問答": "text", "說明": "text", "文字說明": "text",
    "matrix": "table", "table": "table", "grid": "table", "表格": "table", "矩陣": "table",
    "yesno": "yes_no", "yes/no": "yes_no", "boolean": "yes_no", "是非": "yes_no", "是否": "yes_no", "是/否": "yes_no",
}

_YES = {"yes", "是", "有", "y", "true"}
_NO = {"no", "否", "無", "n", "false"}
_OPTION_CODE = re.compile(r"^\s*(?:\(?([A-Za-z]|\d{1,2})[.)）、:]|[（(]([A-Za-z]|\d{1,2})[)）])\s*(.+)$")
_UNIT_IN_TEXT = re.compile(r"[（(]\s*(公噸\s*CO2e|tCO2e|metric tons? CO2e|MWh|kWh|千度|度|%|％|m3|m³|立方公尺|公噸|GJ)\s*[)）]", re.I)


# ----------------------------------------------------------------------------------------------- reading


def read_table(data: bytes, filename: str, sheet: str | None = None) -> list[tuple[str | None, list[list[str]]]]:
    """(sheet name or None, rows as text) of every sheet of an XLSX, or the one table of a CSV/TSV."""
    suffix = Path(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            sheets = xlsx_sheets(data, sheet)
        except Exception as exc:  # openpyxl raises several types for a damaged or non-xlsx file
            raise QuestionnaireFormatError(filename, f"not a readable .xlsx workbook ({type(exc).__name__})",
                                           hint="re-save it from Excel as .xlsx, or export it as CSV") from exc
        if sheet is not None and not sheets:
            raise QuestionnaireFormatError(filename, f"no sheet named '{sheet}'", hint="check the sheet name")
        return sheets
    if suffix in (".csv", ".tsv", ".txt"):
        try:
            rows, _enc = csv_rows(data, tsv=suffix == ".tsv")
        except UnknownEncodingError:
            raise QuestionnaireFormatError(filename, "the text encoding could not be recognised",
                                           hint="save it as UTF-8 (Excel: 'CSV UTF-8') and try again") from None
        return [(None, rows)]
    raise QuestionnaireFormatError(filename, f"unsupported file type '{suffix or '(none)'}'",
                                   hint="use .xlsx or .csv")


def _partial_hit(cell: str, alias: str) -> bool:
    """``alias`` inside a header cell as a whole word ('Question text (EN)' has 'question text');
    Chinese aliases as a substring. Long cells are data, not headers."""
    text = unicodedata.normalize("NFKC", str(cell or "")).lower().replace("_", " ").strip()
    if not text or len(text) > 40:
        return False
    a = unicodedata.normalize("NFKC", alias).lower()
    if re.search(r"[\u4e00-\u9fff]", a):
        return len(a) >= 2 and a in text
    return re.search(r"(?<![a-z0-9])" + re.escape(a) + r"(?![a-z0-9])", text) is not None


def recognise_columns(header: list[str]) -> dict[str, int]:
    """Role → column index for the headers we know; exact names first, then names that contain one."""
    keys = [header_key(h) for h in header]
    found: dict[str, int] = {}
    taken: set[int] = set()
    for exact in (True, False):
        for role in ROLES:
            if role in found:
                continue
            for alias in HEADERS[role]:
                a = header_key(alias)
                hit = next((i for i, k in enumerate(keys) if i not in taken and k and
                            (k == a if exact else (_partial_hit(header[i], alias) and not _other_role_exact(k, role)))),
                           None)
                if hit is not None:
                    found[role] = hit
                    taken.add(hit)
                    break
    return found


def _other_role_exact(key: str, role: str) -> bool:
    """'questiontype' contains 'question' but is a type column: a name that is some other role's
    exact alias never counts as a partial match for this role."""
    return any(key == header_key(a) for r, aliases in HEADERS.items() if r != role for a in aliases)


def _find_header(rows: list[list[str]]) -> tuple[int, dict[str, int]]:
    """The row (among the first 15) whose cells name the most roles, and its roles."""
    best = (-1, {})
    for i, row in enumerate(rows[:15]):
        roles = recognise_columns(row)
        score = len(roles) + (2 if "id" in roles and "text" in roles else 0)
        if score > len(best[1]) + (2 if "id" in best[1] and "text" in best[1] else 0):
            best = (i, roles)
    return best


def guess_mapping(header: list[str], rows: list[list[str]]) -> dict[str, str]:
    """Best guess of the id and text columns from the values: short, distinct, digit-bearing values for
    the id; the longest texts for the question."""
    ncols = len(header)
    stats = []
    for j in range(ncols):
        vals = [r[j] for r in rows if j < len(r) and r[j]]
        if not vals:
            stats.append((j, 0.0, 0.0, 0.0))
            continue
        avg = sum(len(v) for v in vals) / len(vals)
        distinct = len(set(vals)) / len(vals)
        digits = sum(1 for v in vals if re.search(r"\d", v)) / len(vals)
        stats.append((j, avg, distinct, digits))
    guess: dict[str, str] = {}
    text_col = max(stats, key=lambda s: s[1], default=None)
    if text_col and text_col[1] > 0:
        guess["text"] = header[text_col[0]] or f"column {text_col[0] + 1}"
    id_cands = [s for s in stats if s[1] and s[1] <= 16 and s[2] >= 0.9 and (not text_col or s[0] != text_col[0])]
    if id_cands:
        j = max(id_cands, key=lambda s: (s[3], -s[1]))[0]
        guess["id"] = header[j] or f"column {j + 1}"
    return guess


def _resolve_mapping(mapping: dict[str, Any], header: list[str], source: str) -> dict[str, int]:
    out: dict[str, int] = {}
    keys = [header_key(h) for h in header]
    for role, col in mapping.items():
        if role not in ROLES:
            raise QuestionnaireFormatError(source, f"unknown role '{role}' in the column mapping (use {', '.join(ROLES)})",
                                           header)
        if col is None or col == "":
            continue
        if isinstance(col, int):
            idx = col
        elif str(col) in header:
            idx = header.index(str(col))
        elif header_key(col) in keys:
            idx = keys.index(header_key(col))
        else:
            m = re.fullmatch(r"column\s*(\d+)", str(col).strip(), re.I)
            idx = int(m.group(1)) - 1 if m else -1
        if not 0 <= idx < len(header):
            raise QuestionnaireFormatError(source, f"the mapping names column '{col}' for {role}, which is not in the file",
                                           header)
        out[role] = idx
    return out


# ----------------------------------------------------------------------------------------------- parsing


def parse_answer_type(raw: str, options: list[Option], unit: str | None) -> AnswerType:
    """A questionnaire's own type word (CDP-like NUMERIC, SINGLE_SELECT, … or zh-TW 單選/複選/數值) as ours;
    without one, options make a choice (yes/no options a yes_no), a unit makes a number."""
    key = header_key(raw)
    if key in TYPE_WORDS:
        t = TYPE_WORDS[key]
    else:
        t = next((v for k, v in TYPE_WORDS.items() if len(k) >= 4 and header_key(k) in key), None)
    labels = {header_key(o.label) for o in options}
    if options and labels and labels <= (_YES | _NO) and t in (None, "choice"):
        return "yes_no"
    if t:
        return t
    if options:
        return "choice"
    if unit:
        return "number"
    return "text"


def split_options(raw: str) -> list[Option]:
    """Options separated by newlines, '|', ';' / '；' or '、' (the first separator present wins)."""
    raw = (raw or "").strip()
    if not raw:
        return []
    for sep in ("\n", "|", ";", "；", "、"):
        if sep in raw:
            parts = raw.split(sep)
            break
    else:
        parts = [raw]
    out: list[Option] = []
    seen: set[str] = set()
    for p in parts:
        p = p.strip()
        if not p:
            continue
        m = _OPTION_CODE.match(p)
        oid, label = ((m.group(1) or m.group(2)), m.group(3).strip()) if m else (p, p)
        if oid in seen:
            continue
        seen.add(oid)
        out.append(Option(id=oid, label=label))
    return out


def detect_questionnaire_language(texts: list[str]) -> str:
    """'zh-TW' when at least a third of the question texts contain Chinese characters, else 'en'."""
    texts = [t for t in texts if t.strip()]
    if not texts:
        return "en"
    zh = sum(1 for t in texts if re.search(r"[\u4e00-\u9fff]", t))
    return "zh-TW" if zh * 3 >= len(texts) else "en"


def unit_in_text(text: str) -> str | None:
    m = _UNIT_IN_TEXT.search(unicodedata.normalize("NFKC", text))
    if not m:
        return None
    u = m.group(1)
    if re.search(r"CO2e", u, re.I):
        return "tCO2e"
    return {"％": "%", "m³": "m3", "立方公尺": "m3", "千度": "MWh", "度": "kWh"}.get(u, u)


def _table_of(data: bytes, filename: str, mapping: dict[str, Any] | None, sheet: str | None,
              need: tuple[str, ...]) -> tuple[str | None, list[str], list[list[str]], dict[str, int]]:
    sheets = read_table(data, filename, sheet)
    candidates = []
    for name, rows in sheets:
        rows = [r for r in rows]
        if not any(any(c for c in r) for r in rows):
            continue
        if mapping:
            hi = next(i for i, r in enumerate(rows) if any(c for c in r))
            header = rows[hi]
            roles = _resolve_mapping(mapping, header, filename)
            auto = recognise_columns(header)
            for r, idx in auto.items():  # fill roles the mapping leaves out, if not clashing
                if r not in mapping and idx not in roles.values():
                    roles[r] = idx
        else:
            hi, roles = _find_header(rows)
            if hi < 0:
                hi = next(i for i, r in enumerate(rows) if any(c for c in r))
            header = rows[hi]
        width = max(len(r) for r in rows)
        header = [h or f"column {j + 1}" for j, h in enumerate(header + [""] * (width - len(header)))]
        body = [r + [""] * (width - len(r)) for r in rows[hi + 1:] if any(c for c in r)]
        candidates.append((name, header, body, roles))
    if not candidates:
        raise QuestionnaireFormatError(filename, "the file has no rows", hint="check that it is the right file")
    ok = [c for c in candidates if all(r in c[3] for r in need)]
    if ok:
        return ok[0]
    name, header, body, roles = max(candidates, key=lambda c: len(c[3]))
    missing = [r for r in need if r not in roles]
    guess = {r: header[i] for r, i in roles.items()}
    for r, col in guess_mapping(header, body).items():
        if r in missing and col not in guess.values():
            guess[r] = col
    raise QuestionnaireFormatError(filename, f"cannot tell which column holds the question {' and '.join(missing)}",
                                   header, guess)


def read_questionnaire(data: bytes, filename: str, mapping: dict[str, Any] | None = None,
                       sheet: str | None = None) -> Questionnaire:
    """A questionnaire from CSV/XLSX bytes.

    ``mapping`` (role → column name or 0-based index; roles ``id``, ``text``, ``type``, ``options``,
    ``unit``, ``answer``, ``section``) overrides header recognition; ``sheet`` picks an XLSX sheet
    (default: the first one whose headers are recognised). Raises
    :class:`~disclosure.errors.QuestionnaireFormatError` (with ``columns`` and ``guess``) when the id or
    question column cannot be found.
    """
    name, header, body, roles = _table_of(data, filename, mapping, sheet, ("id", "text"))
    questions: list[Question] = []
    seen: dict[str, int] = {}
    current_section = None
    for i, row in enumerate(body):
        get = lambda role, row=row: row[roles[role]].strip() if role in roles else ""  # noqa: E731
        qid, text = get("id"), get("text")
        if get("section"):
            current_section = get("section")
        if not text:
            continue  # a section title or an empty line
        qid = qid or f"Q{len(questions) + 1}"
        if qid in seen:  # ids must be unique for answers and last year's comparison
            seen[qid] += 1
            qid = f"{qid}#{seen[qid]}"
        else:
            seen[qid] = 1
        options = split_options(get("options"))
        unit = get("unit") or unit_in_text(text)
        qtype = parse_answer_type(get("type"), options, unit)
        questions.append(Question(id=qid, text=text, section=current_section, answer_type=qtype, unit=unit or None,
                                  options=options, row=i, previous_answer=get("answer") or None))
    if not questions:
        raise QuestionnaireFormatError(filename, "no question rows under the header", header,
                                       {r: header[i] for r, i in roles.items()})
    lang = detect_questionnaire_language([q.text for q in questions])
    return Questionnaire(id=Path(filename).stem, title=Path(filename).stem, language=lang, source=filename, kind="imported",
                         sheet=name, columns=header, rows=body, mapping={r: header[i] for r, i in roles.items()},
                         questions=questions)


def read_previous_answers(data: bytes, filename: str, mapping: dict[str, Any] | None = None,
                          sheet: str | None = None) -> dict[str, str]:
    """Last year's answers: question id → answer text, from a CSV/XLSX with an id and an answer column
    (an export of this tool works too). Same column recognition and ``mapping`` as :func:`read_questionnaire`."""
    _name, header, body, roles = _table_of(data, filename, mapping, sheet, ("id", "answer"))
    out: dict[str, str] = {}
    for row in body:
        qid, ans = row[roles["id"]].strip(), row[roles["answer"]].strip()
        if qid and ans and qid not in out:
            out[qid] = ans
    return out
