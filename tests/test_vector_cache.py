"""Shipped passage vectors: used only for identical text under the same model build, never trusted blindly."""
import numpy as np
import pytest

from builders import make_pdf
from disclosure.embeddings import FakeEmbedder
from disclosure.evidence import EvidenceBase, PendingFile
from disclosure.retrieval import index_text
from disclosure.vector_cache import PROBE_MIN_COSINE, ShippedVectors, embed_with_shipped, write_shipped

PAGES = ["永續發展委員會每季召開一次會議。", "112年度範疇二排放量為45,620.9公噸CO2e。"]


class Counting(FakeEmbedder):
    def __init__(self, shift: float = 0.0):
        super().__init__()
        self.embedded: list[str] = []
        self.shift = shift

    def embed_passages(self, texts):
        self.embedded += list(texts)
        v = super().embed_passages(texts)
        return v + self.shift if len(v) else v


def _texts_of(eb, data, name):
    from disclosure.converters import convert
    import hashlib

    return [index_text(c.text) for c in eb.build_chunks(name, convert(data, name), hashlib.sha256(data).hexdigest())]


def test_ingest_uses_shipped_vectors_for_known_text_and_embeds_the_rest(settings, tmp_path):
    pdf = make_pdf(PAGES)
    shipped_dir = tmp_path / "vectors"
    maker = Counting()
    eb = EvidenceBase(settings.model_copy(update={"shipped_vectors_dir": shipped_dir}), embedder=Counting())
    known = _texts_of(eb, pdf, "r.pdf")
    write_shipped(shipped_dir, maker, known)
    eb.ingest_files([PendingFile("r.pdf", pdf), PendingFile("new.pdf", make_pdf(["董事會於112年核定淨零排放目標，並由永續發展委員會每半年追蹤執行進度與減碳成果。"]))])
    assert not set(known) & set(eb.embedder.embedded)  # only the probe and the unknown text were embedded
    assert any("淨零排放目標" in t for t in eb.embedder.embedded)
    stored = eb.store.chunks.get(include=["embeddings", "documents"])
    fresh = FakeEmbedder()
    for text, vec in zip(stored["documents"], stored["embeddings"]):
        assert np.allclose(vec, fresh.embed_passages([index_text(text)])[0], atol=1e-6)


def test_vectors_of_another_model_build_are_ignored(tmp_path):
    write_shipped(tmp_path, FakeEmbedder(), ["a passage"])
    other = Counting(shift=0.5)  # same model id, different vectors: the probe fails
    vecs = embed_with_shipped(other, ShippedVectors(tmp_path, other), ["a passage"])
    assert "a passage" in other.embedded
    assert np.allclose(vecs[0], FakeEmbedder().embed_passages(["a passage"])[0] + 0.5)


def test_a_damaged_file_costs_only_time(tmp_path):
    e = FakeEmbedder()
    write_shipped(tmp_path, e, ["x"]).write_bytes(b"not a zip")
    vecs = embed_with_shipped(e, ShippedVectors(tmp_path, e), ["x"])
    assert np.allclose(vecs[0], e.embed_passages(["x"])[0])


@pytest.mark.model
def test_the_shipped_sample_corpus_vectors_match_the_model_and_the_corpus(tmp_path):
    """Fails when the sample corpus or the model changed without `python corpus/source/build_vectors.py`."""
    from disclosure.settings import REPO_ROOT, load_settings

    s = load_settings({"data_dir": tmp_path / "d"}, environ={}, secrets_path=None)
    eb = EvidenceBase(s)
    f = REPO_ROOT / "corpus" / "documents" / "永續發展委員會組織規程.pdf"
    texts = _texts_of(eb, f.read_bytes(), f.name)
    found = eb.shipped_vectors.get(texts)
    assert all(v is not None for v in found)
    shipped, now = np.stack(found), np.asarray(eb.embedder.embed_passages(texts))
    cosines = (shipped * now).sum(1) / (np.linalg.norm(shipped, axis=1) * np.linalg.norm(now, axis=1))
    assert cosines.min() >= PROBE_MIN_COSINE  # the same vectors up to the CPU's last digits


def test_a_checked_upload_kept_in_the_evidence_base_is_not_embedded_again(settings, tmp_path, monkeypatch):
    from disclosure.gap import GapChecker, items_for_frameworks

    monkeypatch.setenv("DISCLOSURE_CACHE_DIR", str(tmp_path / "cache"))
    pdf = make_pdf(["董事會每季聽取永續發展委員會報告氣候相關風險與機會。", "2023年範疇一排放量為8,512公噸CO2e，範疇二為35,740.9公噸CO2e。"])
    embedder = Counting()
    GapChecker(settings, embedder=embedder, cache_dir=tmp_path / "cache").check(pdf, "r.pdf", items_for_frameworks(["tcfd"]))
    assert embedder.embedded  # the check embedded the passages once
    embedder.embedded.clear()
    eb = EvidenceBase(settings, embedder=embedder)
    assert eb.ingest_files([PendingFile("r.pdf", pdf)], role="reference").added
    assert embedder.embedded == []
    stored = eb.store.chunks.get(include=["embeddings", "documents"])
    for text, vec in zip(stored["documents"], stored["embeddings"]):
        assert np.allclose(vec, FakeEmbedder().embed_passages([index_text(text)])[0], atol=1e-6)


class Jittered(Counting):
    """The same model on another CPU: its kernels differ in the last digits."""

    def embed_passages(self, texts):
        v = super().embed_passages(texts)
        rng = np.random.default_rng(len(self.embedded))
        return v + rng.normal(0, 1e-3, v.shape).astype(v.dtype) if len(v) else v


def test_the_same_model_on_another_cpu_still_uses_the_shipped_vectors(tmp_path):
    write_shipped(tmp_path, FakeEmbedder(), ["a passage"])
    other = Jittered()
    vecs = embed_with_shipped(other, ShippedVectors(tmp_path, other), ["a passage"])
    assert other.embedded and "a passage" not in other.embedded  # only the probe was embedded
    assert np.allclose(vecs[0], FakeEmbedder().embed_passages(["a passage"])[0])
