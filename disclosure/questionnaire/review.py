"""A person's edit of an answer: kept, marked as edited, re-compared with last year's answer, and
checked with the drafting engine's numeric guard — a figure the cited evidence does not contain is
reported, never silently accepted."""
from __future__ import annotations

from typing import Any

from ..citing.numbers import is_supported, numbers_in, support_values
from .models import Answer, AnswerSheet
from .previous import compare


def unsupported_numbers(text: str, answer: Answer) -> list[str]:
    """Numbers in ``text`` that none of the answer's citations state (same value, or rounded as shown)."""
    values: set[float] = set()
    for c in answer.citations:
        values |= support_values(c.quote)
    if isinstance(answer.value, float):
        values.add(answer.value)
    return [t.text for t in numbers_in(text) if not is_supported(t, values)]


def edit_answer(sheet: AnswerSheet, question_id: str, text: str, value: Any = None, *,
                status: str | None = None) -> tuple[Answer, list[str]]:
    """Replace the text (and optionally the typed value / status) of one answer.

    Returns the updated answer and the numbers in ``text`` its citations do not support (empty when
    all are supported). Last year's comparison is redone against the edited text. Raises KeyError when
    the sheet has no answer for ``question_id``.
    """
    ans = sheet.answer_for(question_id)
    if ans is None:
        raise KeyError(question_id)
    unsupported = unsupported_numbers(text, ans)
    ans.answer = text
    if value is not None:
        ans.value = value
    if status is not None:
        ans.status = status  # type: ignore[assignment]
    ans.edited = True
    if ans.previous_answer and not ans.from_previous:
        ans.stale, ans.change = compare(ans.previous_answer, ans)
    return ans, unsupported
