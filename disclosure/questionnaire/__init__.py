"""Questionnaire answering: CDP, TCFD, rating (CSA/EcoVadis-style) and customer supplier surveys
answered from the evidence base and the GHG engine, with citations, confidence and status, last
year's answers compared (stale figures, diff) and reused where the evidence is silent.

    from disclosure.questionnaire import (answer_questionnaire, builtin_questionnaire, read_questionnaire,
                                          read_previous_answers, to_xlsx_bytes)
    qn = read_questionnaire(data, "客戶問卷.xlsx")            # or builtin_questionnaire("supplier_carbon", "zh-TW")
    prev = read_previous_answers(old_bytes, "2023_answers.xlsx")
    sheet = answer_questionnaire(evidence_base, qn, previous=prev, progress=cb, cancel=stop)
    xlsx = to_xlsx_bytes(sheet)

Unrecognised columns raise :class:`~disclosure.errors.QuestionnaireFormatError` with ``columns`` and a
``guess``; pass ``mapping={"id": ..., "text": ..., "type": ..., "options": ..., "unit": ..., "answer": ...,
"section": ...}`` to map them. Deterministic and grounded: no language model is used.
"""
from __future__ import annotations

from .answering import QuestionnaireAnswerer, answer_questionnaire
from .export import to_json, to_json_data, to_rows, to_xlsx_bytes, write
from .facts import FACT_KEYS, infer_fact
from .importer import ROLES, guess_mapping, read_previous_answers, read_questionnaire
from .models import (
    NO_EVIDENCE_TEXT, Answer, AnswerChange, AnswerCitation, AnswerSheet, DiffPart, NumberChange, Option, Question,
    Questionnaire,
)
from .previous import apply_previous, compare, figures
from .review import edit_answer, unsupported_numbers
from .sets import builtin_questionnaire, list_sets, load_questions, questionnaire_from_set

__all__ = [
    "FACT_KEYS", "NO_EVIDENCE_TEXT", "ROLES", "Answer", "AnswerChange", "AnswerCitation", "AnswerSheet", "DiffPart",
    "NumberChange", "Option", "Question", "Questionnaire", "QuestionnaireAnswerer", "answer_questionnaire",
    "apply_previous", "builtin_questionnaire", "compare", "edit_answer", "figures", "guess_mapping", "infer_fact", "list_sets",
    "load_questions", "questionnaire_from_set", "read_previous_answers", "read_questionnaire", "to_json",
    "to_json_data", "to_rows", "to_xlsx_bytes", "unsupported_numbers", "write",
]
