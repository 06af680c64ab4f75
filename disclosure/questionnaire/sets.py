"""Built-in question sets (``frameworks.questionnaires``) as questionnaires the engine answers, and
one entry point that takes either a file or a set id."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import DisclosureError
from .models import Option, Question, Questionnaire


def _sets_module():
    try:
        from frameworks import questionnaires
    except ImportError as exc:
        raise DisclosureError(f"the built-in question sets are not available ({exc}) — import a questionnaire "
                              "file (CSV/XLSX) instead") from exc
    return questionnaires


def list_sets(lang: str = "en") -> list[tuple[str, str, int]]:
    """(set id, title in ``lang``, number of questions) of every built-in set."""
    return [(s.id, s.title.get(lang), len(s.questions)) for s in _sets_module().builtin_sets()]


def _local(text: Any, lang: str) -> str:
    if text is None:
        return ""
    return text.get(lang) if hasattr(text, "get") else str(text)


def questionnaire_from_set(qset: Any, lang: str | None = None) -> Questionnaire:
    """A built-in ``QuestionSet`` (or anything shaped like one) in ``lang`` (default: the set's language).

    Each question keeps both languages as retrieval hints, so an English set still finds zh-TW evidence."""
    lang = "zh-TW" if (lang or getattr(qset, "language", "en") or "en").lower().startswith("zh") else "en"
    other = "en" if lang == "zh-TW" else "zh-TW"
    questions = []
    for q in qset.questions:
        queries = [t for t in (_local(q.query, lang), _local(q.query, other)) if t]
        options = [Option(id=o.id, label=_local(o.label, lang), label_alt=_local(o.label, other)) for o in q.options]
        questions.append(Question(
            id=q.id, text=_local(q.text, lang), text_alt=_local(q.text, other) or None, section=q.section, answer_type=q.answer_type, unit=q.unit,
            options=options, fact=q.fact, year=q.year, queries=queries, maps_to=list(q.maps_to or []),
            related_facts=list(getattr(q, "related_facts", None) or [])))
    return Questionnaire(id=qset.id, title=_local(qset.title, lang), language=lang, source=f"builtin:{qset.id}",
                         kind="builtin", questions=questions)


def builtin_questionnaire(set_id: str, lang: str | None = None) -> Questionnaire:
    """A built-in set by id ("supplier_carbon", "cdp", …); raises the frameworks' not-found error listing the ids."""
    return questionnaire_from_set(_sets_module().get_set(set_id), lang)


def load_questions(spec: str | Path, lang: str | None = None, mapping: dict | None = None,
                   sheet: str | None = None) -> Questionnaire:
    """A questionnaire from a CSV/XLSX path, or a built-in set id when no such file exists."""
    from .importer import read_questionnaire

    p = Path(spec)
    if p.is_file():
        return read_questionnaire(p.read_bytes(), p.name, mapping=mapping, sheet=sheet)
    if p.suffix.lower() in (".csv", ".xlsx", ".xlsm", ".tsv"):
        raise DisclosureError(f"no such questionnaire file: {spec}")
    return builtin_questionnaire(str(spec), lang)
