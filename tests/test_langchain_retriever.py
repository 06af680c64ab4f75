"""The LangChain adapters return what the product's own search returns, with provenance as metadata."""
import numpy as np

from builders import make_pdf
from disclosure.evidence import PendingFile
from disclosure.langchain_retriever import EvidenceEmbeddings, EvidenceRetriever


def test_retriever_returns_the_searched_passages_with_their_citations(evidence_base):
    evidence_base.ingest_files([PendingFile("盤查報告.pdf", make_pdf([
        "永續發展委員會每季召開一次會議。", "112年度範疇二排放量為45,620.9公噸CO2e（地點基準）。"]))])
    docs = EvidenceRetriever(evidence_base=evidence_base, k=2).invoke("2023年範疇二排放量")
    own = evidence_base.search("2023年範疇二排放量", k=2)
    assert [d.id for d in docs] == [e.chunk_id for e in own]
    top = docs[0]
    assert "45,620.9" in top.page_content
    assert top.metadata["source"] == "盤查報告.pdf" and top.metadata["page"] == 2
    assert top.metadata["citation"] == "盤查報告.pdf, p. 2"


def test_retriever_filters_by_year(evidence_base):
    evidence_base.ingest_files([PendingFile("r.pdf", make_pdf(["2022年用電量為94,800 MWh。", "2023年用電量為92,350 MWh。"]))])
    docs = EvidenceRetriever(evidence_base=evidence_base, k=5, year=2022).invoke("用電量")
    assert docs and all("2022" in d.page_content for d in docs)


def test_embeddings_adapter_matches_the_engine_embedder(evidence_base):
    lc = EvidenceEmbeddings(evidence_base.embedder)
    assert np.allclose(lc.embed_query("範疇二"), evidence_base.embedder.embed_query("範疇二"))
    assert np.allclose(lc.embed_documents(["a b", "董事會"]), evidence_base.embedder.embed_passages(["a b", "董事會"]))
