"""Domain errors. Each carries the fields a caller needs and a message a person can act on.

Errors become user messages only at the edges (CLI, Streamlit pages); the engine raises them.
"""
from __future__ import annotations


class DisclosureError(Exception):
    """Base class of every error the engine raises on purpose."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class IngestionError(DisclosureError):
    """A file could not be read into the evidence base."""

    def __init__(self, source: str, reason: str, hint: str = ""):
        self.source = source
        self.reason = reason
        self.hint = hint
        super().__init__(f"{source}: {reason}" + (f" — {hint}" if hint else ""))


class UnsupportedFileError(IngestionError):
    pass


class EmptyDocumentError(IngestionError):
    pass


class PasswordRequiredError(IngestionError):
    pass


class ScannedPdfError(IngestionError):
    pass


class CorruptFileError(IngestionError):
    pass


class FileTooLargeError(IngestionError):
    pass


class DocumentNotFoundError(DisclosureError):
    def __init__(self, doc: str):
        self.doc = doc
        super().__init__(f"no document matches '{doc}' — run `python -m disclosure documents` to list them")


class ConfigurationError(DisclosureError):
    """Settings name something that cannot be used (missing package, unknown mode, bad value)."""


class BackendUnavailableError(DisclosureError):
    """An optional backend (model, server, package) is not reachable or not installed."""


class FrameworkNotFoundError(DisclosureError):
    def __init__(self, framework: str, known: list[str] | None = None):
        self.framework = framework
        self.known = known or []
        hint = f" (known: {', '.join(self.known)})" if self.known else ""
        super().__init__(f"unknown framework '{framework}'{hint}")


class RequirementNotFoundError(DisclosureError):
    def __init__(self, framework: str, requirement_id: str):
        self.framework = framework
        self.requirement_id = requirement_id
        super().__init__(f"framework '{framework}' has no requirement '{requirement_id}'")


class ChecklistFormatError(DisclosureError):
    """A user checklist or questionnaire file lacks the columns we need."""


class InventoryFormatError(DisclosureError):
    """A GHG inventory file lacks required columns or has unreadable values."""


class InventoryColumnsError(InventoryFormatError):
    """An inventory (or targets) table lacks columns the GHG engine needs."""

    def __init__(self, source: str, found: list[str], missing: list[str], hint: str = ""):
        self.source = source
        self.found = found
        self.missing = missing
        self.hint = hint or (
            "rename the headers to the template's (download it with `python -m disclosure ghg template "
            "--out 盤查清冊範本.xlsx`) or add the missing columns"
        )
        super().__init__(
            f"{source}: missing column(s) {', '.join(missing)}; found {', '.join(found) or 'no recognisable header'}"
            f" — {self.hint}"
        )


class UnknownGasError(DisclosureError):
    """No GWP-100 value is known for a gas in the requested IPCC assessment report."""

    def __init__(self, gas: str, report: str, hint: str = ""):
        self.gas = gas
        self.report = report
        self.hint = hint or "give the GWP in the inventory's GWP column, or use a gas name from the GWP table"
        super().__init__(f"no {report} GWP-100 value for gas '{gas}' — {self.hint}")


class UnverifiedReferenceError(DisclosureError):
    """A reference value (e.g. a grid emission factor for a year) is missing or not verified against its source."""

    def __init__(self, what: str, hint: str = ""):
        self.what = what
        self.hint = hint
        super().__init__(f"{what} is not a verified reference value" + (f" — {hint}" if hint else ""))


class TargetFormatError(DisclosureError):
    """A targets table or target entry cannot be understood."""


class FrameworkDataError(DisclosureError):
    """A bundled framework file (or a crosswalk/chapter reference in it) is invalid."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"framework data {source}: {reason} — fix the YAML file (see frameworks/schema.py)")


class QuestionnaireFormatError(ChecklistFormatError):
    """A questionnaire (or last year's answers) file whose columns cannot be told apart.

    ``columns`` are the header names found; ``guess`` is a best-guess role → column mapping the
    caller can show and let the user correct, then pass back as ``mapping=``."""

    def __init__(self, source: str, reason: str, columns: list[str] | None = None,
                 guess: dict[str, str] | None = None, hint: str = ""):
        self.source = source
        self.reason = reason
        self.columns = list(columns or [])
        self.guess = dict(guess or {})
        self.hint = hint or ("map the columns explicitly (e.g. mapping={'id': 'No.', 'text': 'Question'}; "
                             "CLI: --map id=COLUMN,text=COLUMN)")
        found = f"; columns found: {', '.join(self.columns)}" if self.columns else ""
        guessed = (f"; best guess: {', '.join(f'{k}={v}' for k, v in self.guess.items())}" if self.guess else "")
        super().__init__(f"{source}: {reason}{found}{guessed} — {self.hint}")


class QuestionSetNotFoundError(FrameworkNotFoundError):
    """No built-in questionnaire question set has this id."""

    def __init__(self, set_id: str, known: list[str] | None = None):
        self.set_id = set_id
        self.framework = set_id
        self.known = known or []
        hint = f" (known: {', '.join(self.known)})" if self.known else ""
        DisclosureError.__init__(
            self, f"unknown question set '{set_id}'{hint} — or import the questionnaire as a CSV/XLSX file"
        )
