"""Test-only slowdown for subprocesses (CLI or app-session stand-ins), loaded when this folder is on
PYTHONPATH. It leaves the engine's code alone and only stretches time, so that a concurrency or
crash test can act in the middle of an ingest:

- DISCLOSURE_TEST_EMBED_DELAY_S: sleep this long per batch of passages the fake embedder embeds,
  touching DISCLOSURE_TEST_EMBEDDING_MARKER (if set) at the first batch;
- DISCLOSURE_TEST_WRITE_DELAY_S: write chunks to the store in slices of 50, sleeping this long
  after each, and touch DISCLOSURE_TEST_WRITING_MARKER (if set) when the first slice is written.
"""
import os
import time
from pathlib import Path

_embed = float(os.environ.get("DISCLOSURE_TEST_EMBED_DELAY_S") or 0)
_write = float(os.environ.get("DISCLOSURE_TEST_WRITE_DELAY_S") or 0)

if _embed:
    from disclosure.embeddings import FakeEmbedder

    _real_embed = FakeEmbedder.embed_passages

    def _slow_embed(self, texts):
        marker = os.environ.get("DISCLOSURE_TEST_EMBEDDING_MARKER")
        if marker:
            Path(marker).touch()
        time.sleep(_embed)
        return _real_embed(self, texts)

    FakeEmbedder.embed_passages = _slow_embed

if _write:
    from disclosure.store import ChunkStore

    _real_add = ChunkStore.add_chunks

    def _slow_add(self, chunks, embeddings, ingest_ts):
        marker = os.environ.get("DISCLOSURE_TEST_WRITING_MARKER")
        for i in range(0, len(chunks), 50):
            _real_add(self, chunks[i : i + 50], embeddings[i : i + 50], ingest_ts)
            if marker and i == 0:
                Path(marker).touch()
            time.sleep(_write)

    ChunkStore.add_chunks = _slow_add
