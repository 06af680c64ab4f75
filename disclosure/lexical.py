"""BM25 over tokens that work for Chinese and English: CJK runs become character bigrams (no
segmenter needed, robust to zh-TW terms a dictionary does not know), Latin text becomes lower-case
words with a light plural strip, and numbers lose their thousands separators so that "8,512" and
"8512" match.

The index is derived data: it is rebuilt from the store's chunks whenever the set of committed
documents changes, so every app instance that shares a store sees the same lexical index.
"""
from __future__ import annotations


import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|\d[\d,]*(?:\.\d+)?|[a-z][a-z0-9]*(?:[-'][a-z0-9]+)*")
_STOP = frozenset("a an and are as at be by for from has have in is it its of on or that the this to was were with which".split())


def _stem(w: str) -> str:
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def tokenize(text: str) -> list[str]:
    """Tokens for BM25: CJK character bigrams (a lone ideograph stays a unigram), English words, numbers."""
    out: list[str] = []
    for m in _TOKEN.finditer(text.lower()):
        tok = m.group(0)
        c = tok[0]
        if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff":
            if len(tok) == 1:
                out.append(tok)
            else:
                out.extend(tok[i : i + 2] for i in range(len(tok) - 1))
        elif c.isdigit():
            num = tok.replace(",", "").rstrip(".")
            out.append(num[:-2] if num.endswith(".0") else num)
        elif tok not in _STOP:
            out.append(_stem(tok))
    return out


@dataclass
class BM25Index:
    """Sparse BM25 weights (documents × vocabulary), built once, scored with a sparse product."""

    ids: list[str]
    vocab: dict[str, int]
    weights: sparse.csc_matrix
    meta: list[dict] = field(default_factory=list)

    @classmethod
    def build(cls, ids: list[str], texts: list[str], meta: list[dict] | None = None,
              k1: float = 1.2, b: float = 0.75) -> "BM25Index":
        vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        lengths = np.zeros(len(texts), dtype=np.float32)
        for r, text in enumerate(texts):
            counts: dict[int, int] = {}
            toks = tokenize(text)
            lengths[r] = len(toks)
            for t in toks:
                j = vocab.setdefault(t, len(vocab))
                counts[j] = counts.get(j, 0) + 1
            rows.extend([r] * len(counts))
            cols.extend(counts.keys())
            vals.extend(counts.values())
        n = len(texts)
        tf = sparse.csr_matrix((np.asarray(vals, np.float32), (rows, cols)), shape=(n, len(vocab)))
        if n == 0:
            return cls(ids, vocab, tf.tocsc(), meta or [])
        df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=len(vocab)).astype(np.float32)
        idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
        avgdl = float(lengths.mean()) or 1.0
        norm = k1 * (1 - b + b * lengths / avgdl)
        tf = tf.tocoo()
        w = tf.data * (k1 + 1) / (tf.data + norm[tf.row]) * idf[tf.col]
        weights = sparse.csc_matrix((w.astype(np.float32), (tf.row, tf.col)), shape=(n, len(vocab)))
        return cls(ids, vocab, weights, meta or [])

    def __len__(self) -> int:
        return len(self.ids)

    def scores(self, query_weights: dict[str, float]) -> np.ndarray:
        cols = [(self.vocab[t], w) for t, w in query_weights.items() if t in self.vocab]
        if not cols or not self.ids:
            return np.zeros(len(self.ids), dtype=np.float32)
        idx = [c for c, _ in cols]
        qv = np.asarray([w for _, w in cols], dtype=np.float32)
        return np.asarray(self.weights[:, idx] @ qv).ravel()

    def top(self, query_weights: dict[str, float], n: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        s = self.scores(query_weights)
        if allowed is not None:
            s = np.where(allowed, s, 0.0)
        nz = np.flatnonzero(s > 0)
        if nz.size == 0:
            return []
        order = nz[np.argsort(-s[nz], kind="stable")][:n]
        return [(int(i), float(s[i])) for i in order]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(self, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> "BM25Index":
        with path.open("rb") as fh:
            obj = pickle.load(fh)
        if not isinstance(obj, cls):
            raise ValueError("not a BM25 index")
        return obj


def query_weights(query: str, expansions: list[str] = (), expansion_weight: float = 0.4) -> dict[str, float]:
    """Token weights for a query: its own tokens at 1.0, glossary expansions at a lower weight."""
    w: dict[str, float] = {}
    for t in tokenize(query):
        w[t] = w.get(t, 0.0) + 1.0
    for phrase in expansions:
        toks = tokenize(phrase)
        for t in toks:
            if t not in w:
                w[t] = expansion_weight
    return w


