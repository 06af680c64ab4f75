"""Last year's answers: which are stale (a figure that the current evidence no longer gives), what
changed, and reuse — marked "from previous year — verify" — where the evidence has no answer.

Figures are compared after normalisation: thousands separators do not matter, and a figure matches
when one side equals the other rounded to the decimals it shows (8,512 ↔ 8,512.0; 21.7 ↔ 21.66).
Years (2023, 112年) are not figures.
"""
from __future__ import annotations

import difflib
import re

from ..citing.numbers import NumberToken, numbers_in
from ..citing.statements import nfkc
from .models import FROM_PREVIOUS_NOTE, Answer, AnswerChange, AnswerCitation, AnswerSheet, DiffPart, NumberChange


def figures(text: str) -> list[NumberToken]:
    """The figures a text states: numbers without identifiers (ISO 14064-1, Scope 2) and without years."""
    t = nfkc(text or "")
    out = []
    for tok in numbers_in(t):
        raw = tok.text
        if tok.decimals == 0 and "," not in raw and (1900 <= tok.value <= 2100 or re.search(re.escape(raw) + r"\s*年", t)):
            continue  # a year (Gregorian, or ROC followed by 年)
        out.append(tok)
    return out


def same_figure(a: NumberToken, b: NumberToken) -> bool:
    """Equal after rounding the more precise one to the precision the other shows."""
    if a.value == b.value:
        return True
    if a.decimals <= b.decimals:
        return round(b.value, a.decimals) == a.value
    return round(a.value, b.decimals) == b.value


def _tokens(text: str) -> list[str]:
    return re.findall(r"\d[\d,.]*\d|\d|[A-Za-z]+|\s+|.", text or "")


def text_diff(old: str, new: str) -> list[DiffPart]:
    """A token diff (numbers and words whole, Chinese by character) from ``old`` to ``new``."""
    a, b = _tokens(old), _tokens(new)
    out: list[DiffPart] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(DiffPart(op="equal", text="".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(DiffPart(op="delete", text="".join(a[i1:i2])))
        if j2 > j1:
            out.append(DiffPart(op="insert", text="".join(b[j1:j2])))
    return out


def compare(previous: str, current: Answer) -> tuple[bool, AnswerChange | None]:
    """(stale, change) of last year's answer against the current one.

    Stale when last year's answer states a figure the current answer does not (same value up to the
    shown precision). Nothing is stale when the current answer has no evidence to compare with.
    """
    if current.status == "no_evidence" or current.from_previous:
        return False, None
    old, new = figures(previous), figures(current.answer)
    if isinstance(current.value, float) and not new:  # a typed figure the text does not repeat
        new.append(NumberToken(f"{current.value:g}", current.value, 6, False))
    changed_old = [o for o in old if not any(same_figure(o, n) for n in new)]
    unmatched_new = [n for n in new if not any(same_figure(o, n) for o in old)]
    numbers = []
    for i, o in enumerate(changed_old):
        n = unmatched_new[i] if i < len(unmatched_new) else None
        numbers.append(NumberChange(old=o.text, new=n.text if n else None, old_value=o.value,
                                    new_value=n.value if n else None))
    stale = bool(numbers) and bool(new)
    if not stale and nfkc(previous).strip() == nfkc(current.answer).strip():
        return False, None
    return stale, AnswerChange(numbers=numbers if stale else [], diff=text_diff(previous, current.answer))


def apply_previous(sheet: AnswerSheet, previous: dict[str, str]) -> AnswerSheet:
    """Attach last year's answers to ``sheet``: previous text, stale flag and change for each answer;
    where the evidence gave nothing, offer last year's answer as partial / low confidence, to verify."""
    note = FROM_PREVIOUS_NOTE[sheet.lang]
    src = sheet.previous_source or "previous answers"
    for ans in sheet.answers:
        prev = previous.get(ans.question_id)
        if not prev:
            continue
        ans.previous_answer = prev
        if ans.status == "no_evidence":
            ans.answer = prev
            ans.value = None
            ans.status, ans.confidence, ans.from_previous = "partial", "low", True
            ans.note = f"{note}; {ans.note}" if ans.note else note
            ans.citations = [AnswerCitation(source=src, location=f"ID {ans.question_id}", quote=prev, kind="previous")]
            continue
        ans.stale, ans.change = compare(prev, ans)
    return sheet
