"""The document under check, indexed on its own (never the company corpus): page-aware passages,
the pages that are not the company's disclosure set aside, BM25 over the passages and their dense
vectors — embedded once and cached by content, or taken from the evidence base when the document
is already in it.
"""
from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..chunking import chunk_text
from ..converters import ConvertedDocument, convert, text_to_segments
from ..lexical import BM25Index, tokenize
from ..models import Location
from ..normalization import detect_language
from ..pages import classify_page, classify_pages, page_heading
from ..settings import Settings
from ..vector_cache import EmbeddingCache, default_cache_dir, document_bucket  # noqa: F401 - re-exported
from .models import Progress

if TYPE_CHECKING:  # pragma: no cover
    from ..embeddings import Embedder
    from ..models import Chunk

log = logging.getLogger(__name__)

MIN_PASSAGE_CHARS = 8  # shorter chunks (a page number, a stray heading) carry nothing to quote


@dataclass
class Passage:
    index: int
    text: str
    page: int | None
    paragraph: int | None
    tokens: frozenset[str]

    def location(self) -> str:
        return Location(page=self.page, paragraph=self.paragraph).label()


@dataclass
class CheckedDocument:
    """The document under check, indexed on its own (never the company corpus)."""

    source: str
    content_hash: str
    passages: list[Passage]
    page_kinds: dict[int, str]
    pages: int | None
    page_texts: dict[int, str]
    warnings: list[str]
    language: str = "zh"
    bm25: BM25Index | None = None
    vectors: np.ndarray | None = None
    doc_id: str | None = None  # the evidence-base document, when it came from there

    @property
    def excluded_pages(self) -> dict[int, str]:
        return {p: k for p, k in sorted(self.page_kinds.items()) if k != "body"}


def read_document(data: bytes | str, name: str, settings: Settings) -> tuple[ConvertedDocument, str]:
    """Convert the bytes of ``name`` (PDF/DOCX/TXT/MD…) or pasted text into segments."""
    if isinstance(data, str):
        raw = data.encode("utf-8")
        return text_to_segments(raw, name or "pasted text"), hashlib.sha256(raw).hexdigest()
    return convert(data, name, max_bytes=settings.max_upload_bytes), hashlib.sha256(data).hexdigest()


def _passage(index: int, text: str, page: int | None, paragraph: int | None) -> Passage | None:
    text = text.strip()
    if len(re.sub(r"\s", "", text)) < MIN_PASSAGE_CHARS:
        return None
    return Passage(index, text, page, paragraph, frozenset(tokenize(text)))


def _finish(doc: CheckedDocument) -> CheckedDocument:
    doc.language = detect_language(" ".join(p.text for p in doc.passages[:200]))
    if not doc.passages:
        doc.warnings.append("no body text outside the table of contents / index / reference pages")
    return doc


def build_document(data: bytes | str, name: str, settings: Settings) -> CheckedDocument:
    """Pages classified, body pages chunked into passages (index, TOC and reference pages set aside)."""
    converted, digest = read_document(data, name, settings)
    kinds = classify_pages(converted.segments)
    page_texts: dict[int, str] = {}
    passages: list[Passage] = []
    for seg in converted.segments:
        page = seg.location.page
        if page is not None:
            page_texts[page] = seg.text
        if kinds.get(page, "body") != "body":
            continue
        for span in chunk_text(seg.text, settings.chunk_size, settings.chunk_overlap):
            p = _passage(len(passages), span.text, page, seg.location.paragraph)
            if p is not None:
                passages.append(p)
    return _finish(CheckedDocument(name, digest, passages, kinds, converted.pages, page_texts, list(converted.warnings)))


def _page_texts(chunks: Iterable["Chunk"]) -> dict[int, str]:
    """Each page's text put back together from its chunks (they carry their character offsets)."""
    texts: dict[int, str] = {}
    for c in sorted((c for c in chunks if c.location.page is not None),
                    key=lambda c: (c.location.page, c.location.char_start)):
        page, start = c.location.page, c.location.char_start
        cur = texts.get(page, "")
        texts[page] = cur + c.text[max(0, len(cur) - start):] if start <= len(cur) else cur + "\n" + c.text
    return texts


def document_from_chunks(chunks: list["Chunk"], vectors: np.ndarray | None, source: str, content_hash: str,
                         pages: int | None = None, warnings: Iterable[str] = ()) -> CheckedDocument:
    """A document already in the evidence base, from its stored chunks and their vectors (no
    conversion, no embedding). Pages are classified again from their text, so that the current
    rules for pages that are not evidence apply to a document indexed before they existed."""
    chunks = sorted(chunks, key=lambda c: c.ordinal)
    page_texts = _page_texts(chunks)
    kinds: dict[int, str] = {}
    previous: str | None = None
    for page in sorted(page_texts):
        kind = classify_page(page_texts[page], previous)
        previous = f"{kind}|{page_heading(page_texts[page])}"
        kinds[page] = kind
    passages: list[Passage] = []
    keep: list[int] = []
    for i, c in enumerate(chunks):
        if kinds.get(c.location.page, "body") != "body":
            continue
        p = _passage(len(passages), c.text, c.location.page, c.location.paragraph)
        if p is not None:
            passages.append(p)
            keep.append(i)
    doc = CheckedDocument(source, content_hash, passages, kinds, pages, page_texts, list(warnings),
                          doc_id=chunks[0].doc_id if chunks else None)
    if vectors is not None and len(keep) and len(vectors) == len(chunks):
        doc.vectors = np.asarray(vectors, dtype=np.float32)[keep]
    doc.bm25 = BM25Index.build([str(p.index) for p in passages], [p.text for p in passages])
    return _finish(doc)


def index_document(doc: CheckedDocument, embedder: "Embedder | None", cache: EmbeddingCache | None,
                   progress: Progress | None = None) -> None:
    """BM25 over the passages and, when an embedder is given, their vectors (from the cache when known)."""
    texts = [p.text for p in doc.passages]
    doc.bm25 = BM25Index.build([str(p.index) for p in doc.passages], texts)
    if embedder is None or not texts:
        return

    def tick(done: int, total: int) -> None:
        if progress:
            progress(0.05 + 0.45 * done / max(total, 1), f"embedding passages {done}/{total}")

    if cache is None:
        cache = EmbeddingCache(None, embedder.model_id)
    doc.vectors = cache.embed(document_bucket(doc.content_hash), texts, embedder.embed_passages, tick)
