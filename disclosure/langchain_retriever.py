"""LangChain adapters over the evidence base, so it plugs into LangChain chains and evaluation tools:
``EvidenceRetriever`` (a ``BaseRetriever``: the product's hybrid search, provenance in each
``Document``'s metadata) and ``EvidenceEmbeddings`` (an ``Embeddings`` over the configured embedder).

    from disclosure.evidence import EvidenceBase
    from disclosure.langchain_retriever import EvidenceRetriever
    retriever = EvidenceRetriever(evidence_base=EvidenceBase(settings), k=5)
    docs = retriever.invoke("2023年範疇二排放量")   # docs[0].metadata["page"], ["source"], …

langchain_core is imported when this module is, never by the engine itself.
"""
from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from .models import Evidence
from .retrieval import SearchFilters


def evidence_document(ev: Evidence) -> Document:
    """A LangChain Document for a retrieved passage; the citation fields are metadata, never text."""
    meta: dict[str, Any] = {k: v for k, v in ev.as_json().items() if k != "text" and v is not None}
    meta["citation"] = ev.citation()
    return Document(page_content=ev.text, metadata=meta, id=ev.chunk_id)


class EvidenceRetriever(BaseRetriever):
    """The evidence base's hybrid search (BM25 + dense + glossary translation, RRF) as a retriever."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    evidence_base: Any
    k: int = 5
    year: int | None = None
    language: str | None = None
    doc_ids: list[str] = []

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        filters = SearchFilters(doc_ids=list(self.doc_ids), year=self.year, language=self.language)
        return [evidence_document(ev) for ev in self.evidence_base.search(query, k=self.k, filters=filters)]


class EvidenceEmbeddings(Embeddings):
    """The configured embedder (``make_embedder(settings)``) as LangChain ``Embeddings``."""

    def __init__(self, embedder):
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_passages(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text).tolist()
