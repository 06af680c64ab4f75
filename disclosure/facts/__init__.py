"""The facts layer: figures and statements read from a company's documents (PDF tables rebuilt from
word positions, sentences, CDP-style label/value lines), typed, with their period, entity and
provenance, and the engine that answers "what is metric M for year Y" from them. Drafting, the
questionnaire engine, the GHG consistency check and the Home page read figures from here; the GHG
inventory workbook, when present, stays the first source (see :mod:`disclosure.facts.figures`)."""
from .engine import FactBase, ensure_document_facts
from .extract import EXTRACTOR_VERSION, extract_document, load_facts, store_facts
from .models import Candidate, DocumentFacts, Fact, FactAnswer, FactProvenance
from .questions import QuestionIntent, parse_question
from .units import Unit
from .vocabulary import label_of, load_vocabulary, match_metric

__all__ = [
    "EXTRACTOR_VERSION", "Candidate", "DocumentFacts", "Fact", "FactAnswer", "FactBase", "FactProvenance", "QuestionIntent",
    "Unit", "ensure_document_facts", "extract_document", "label_of", "load_facts", "load_vocabulary", "match_metric",
    "parse_question", "store_facts",
]
