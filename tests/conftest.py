"""Shared fixtures: settings on a temp data dir with the deterministic fake embedder, and
builders that generate small real documents (PDF via reportlab, DOCX, XLSX, CSV) on the fly."""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from disclosure.settings import load_settings  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED_EVAL = REPO.parent / "shared" / "eval"


@pytest.fixture
def settings(tmp_path):
    return load_settings({"data_dir": tmp_path / "data", "embedding_backend": "fake",
                          "chunk_size": 300, "chunk_overlap": 50}, environ={}, secrets_path=None)


@pytest.fixture
def evidence_base(settings):
    from disclosure.evidence import EvidenceBase

    return EvidenceBase(settings)
