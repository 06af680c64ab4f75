"""Passage vectors made once and used again, never recomputed for the same text and model:

- vectors shipped with the repository (the sample corpus's), so that a fresh clone indexes the
  sample company in seconds instead of minutes of embedding;
- the cache of checked documents (:class:`EmbeddingCache`, one file per document content hash), so
  that re-checking a report, or keeping a checked upload in the evidence base, embeds nothing again.

A vector is used only for exactly the text it was computed from, by exactly the model: the key is a
hash of (model id, passage text), and each file carries a probe — a fixed text and its vector — that
the running model must reproduce before any vector of the file is trusted (a new model build under
the same id fails the probe and the file is ignored). Anything not found is embedded as usual.

Build or refresh the shipped file with `python corpus/source/build_vectors.py` after the sample
corpus or the default model changes.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

PROBE_TEXT = "本公司112年度範疇二排放量為45,620.9公噸CO2e。Scope 2 emissions in 2023 were 45,620.9 tCO2e."
# The probe must point the same way (cosine), not match bit for bit: the quantised model's kernels
# differ in the last digits between CPUs (an AVX2 and an AVX-512 machine agree to cosine 0.99997),
# while another model or another build of it is far below this.
PROBE_MIN_COSINE = 0.9995


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / norm if norm else 0.0


def vector_key(model_id: str, text: str) -> str:
    return hashlib.sha1(f"{model_id}\0{text}".encode("utf-8")).hexdigest()


def shipped_file(directory: Path, model_id: str) -> Path:
    return Path(directory) / (re.sub(r"[^A-Za-z0-9_.-]", "_", model_id) + ".npz")


class ShippedVectors:
    """The shipped vectors of one model, loaded on first use and verified by the probe."""

    def __init__(self, directory: Path | None, embedder):
        self.path = shipped_file(directory, embedder.model_id) if directory else None
        self.embedder = embedder
        self._table: dict[str, np.ndarray] | None = None
        self._lock = threading.Lock()

    def _load(self) -> dict[str, np.ndarray]:
        if self.path is None or not self.path.is_file():
            return {}
        try:
            with np.load(self.path) as z:
                keys, vectors, probe = z["keys"], z["vectors"], z["probe"]
        except Exception as exc:  # a damaged file only costs the time it would have saved
            log.warning("ignoring unreadable shipped vectors %s: %s", self.path, exc)
            return {}
        now = np.asarray(self.embedder.embed_passages([PROBE_TEXT]), dtype=np.float32)[0]
        if now.shape != probe.shape or _cosine(now, probe) < PROBE_MIN_COSINE:
            log.warning("shipped vectors %s were made by another build of %s; embedding afresh",
                        self.path.name, self.embedder.model_id)
            return {}
        return {str(k): v for k, v in zip(keys, vectors)}

    def get(self, texts: list[str]) -> list[np.ndarray | None]:
        with self._lock:
            if self._table is None:
                self._table = self._load()
        mid = self.embedder.model_id
        return [self._table.get(vector_key(mid, t)) if self._table else None for t in texts]


def embed_with_shipped(embedder, shipped: ShippedVectors | None, texts: list[str],
                       known: Callable[[list[str]], list[np.ndarray | None]] | None = None) -> np.ndarray:
    """Vectors of ``texts``: the shipped ones where they exist, then those ``known`` returns (a
    checked document's cache), the embedder's for the rest (in one batch)."""
    found = shipped.get(texts) if shipped is not None else [None] * len(texts)
    if known is not None and any(v is None for v in found):
        more = known(texts)
        found = [v if v is not None else m for v, m in zip(found, more)]
    todo = [i for i, v in enumerate(found) if v is None]
    out = np.zeros((len(texts), embedder.dim), np.float32)
    if todo:
        vecs = np.asarray(embedder.embed_passages([texts[i] for i in todo]), dtype=np.float32)
        for i, v in zip(todo, vecs):
            out[i] = v
    for i, v in enumerate(found):
        if v is not None:
            out[i] = v
    return out


def write_shipped(directory: Path, embedder, texts: list[str]) -> Path:
    """Embed ``texts`` and write them, with the probe, as the shipped file of ``embedder``'s model."""
    texts = list(dict.fromkeys(texts))
    vectors = np.asarray(embedder.embed_passages(texts), dtype=np.float32) if texts else np.zeros((0, embedder.dim), np.float32)
    probe = np.asarray(embedder.embed_passages([PROBE_TEXT]), dtype=np.float32)[0]
    path = shipped_file(directory, embedder.model_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = np.array([vector_key(embedder.model_id, t) for t in texts])
    np.savez_compressed(path, keys=keys, vectors=vectors, probe=probe)
    return path


class EmbeddingCache:
    """Vectors per (model, text) on disk, one file per document (its content hash) and one for
    queries, so re-checking a report or re-running an evaluation does not embed again."""

    def __init__(self, directory: Path | None, model_id: str):
        self.dir = Path(directory) / "gap-embeddings" / re.sub(r"[^A-Za-z0-9_.-]", "_", model_id) if directory else None
        self._lock = threading.Lock()

    def _file(self, bucket: str) -> Path | None:
        return self.dir / f"{bucket}.npz" if self.dir else None

    def _load(self, bucket: str) -> dict[str, np.ndarray]:
        f = self._file(bucket)
        if f is None or not f.is_file():
            return {}
        try:
            with np.load(f) as z:
                keys, vecs = z["keys"], z["vectors"]
            return {str(k): v for k, v in zip(keys, vecs)}
        except Exception as exc:  # a damaged cache is rebuilt, never fatal
            log.warning("ignoring unreadable embedding cache %s: %s", f, exc)
            return {}

    def _save(self, bucket: str, table: dict[str, np.ndarray]) -> None:
        f = self._file(bucket)
        if f is None or not table:
            return
        try:
            f.parent.mkdir(parents=True, exist_ok=True)
            tmp = f.with_name(f"{f.stem}.{threading.get_ident()}.tmp.npz")
            keys = np.array(list(table))
            np.savez(tmp, keys=keys, vectors=np.stack([table[k] for k in keys]))
            tmp.replace(f)
        except OSError as exc:
            log.warning("could not write embedding cache %s: %s", f, exc)

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def embed(self, bucket: str, texts: list[str], fn: Callable[[list[str]], np.ndarray],
              progress: Callable[[int, int], None] | None = None, batch: int = 16) -> np.ndarray:
        with self._lock:
            table = self._load(bucket)
        keys = [self.key(t) for t in texts]
        todo = [i for i, k in enumerate(keys) if k not in table]
        for start in range(0, len(todo), batch):
            idx = todo[start:start + batch]
            vecs = np.asarray(fn([texts[i] for i in idx]), dtype=np.float32)
            for i, v in zip(idx, vecs):
                table[keys[i]] = v
            if progress:
                progress(min(start + batch, len(todo)), len(todo))
        if todo:
            with self._lock:
                merged = self._load(bucket)
                merged.update(table)
                self._save(bucket, merged)
        if not texts:
            return np.zeros((0, 0), np.float32)
        return np.stack([table[k] for k in keys]).astype(np.float32)

    def lookup(self, bucket: str, texts: list[str]) -> list[np.ndarray | None]:
        """The cached vectors of ``texts`` in ``bucket`` (None where a text was never embedded)."""
        with self._lock:
            table = self._load(bucket)
        return [table.get(self.key(t)) for t in texts] if table else [None] * len(texts)


def default_cache_dir() -> Path:
    """Where embeddings of checked documents are kept between runs: ``$DISCLOSURE_CACHE_DIR`` or a
    folder in the system temp directory (a cache keyed by content, safe to delete)."""
    return Path(os.environ.get("DISCLOSURE_CACHE_DIR") or Path(tempfile.gettempdir()) / "disclosure-cache")


def document_bucket(content_hash: str) -> str:
    """The cache file of a document: the gap check and ingestion name it by the same content hash."""
    return content_hash[:24]
