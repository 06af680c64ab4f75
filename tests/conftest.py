"""Shared fixtures: settings on a temp data dir with the deterministic fake embedder, and
builders that generate small real documents (PDF via reportlab, DOCX, XLSX, CSV) on the fly."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from disclosure.settings import load_settings  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED_EVAL = REPO.parent / "shared" / "eval"


@pytest.fixture(autouse=True)
def strict_engine(monkeypatch):
    """Every test runs the engine with ``strict`` on (settings built from the environment, and the CLI
    in subprocesses, pick it up): an unexpected error fails the test instead of being logged and
    skipped. Tests that check what a user sees remove it themselves."""
    monkeypatch.setenv("DISCLOSURE_STRICT", "1")


@pytest.fixture
def settings(tmp_path):
    return load_settings({"data_dir": tmp_path / "data", "embedding_backend": "fake", "strict": True,
                          "chunk_size": 300, "chunk_overlap": 50}, environ={}, secrets_path=None)


@pytest.fixture
def evidence_base(settings):
    from disclosure.evidence import EvidenceBase

    return EvidenceBase(settings)


SAMPLE_CORPUS = REPO / "corpus" / "documents"


@pytest.fixture(scope="session")
def sample_corpus_base(tmp_path_factory):
    """The bundled sample corpus indexed once per test session with the real default embedding
    model (tests using it are marked ``model``)."""
    from disclosure.evidence import EvidenceBase

    if not (SAMPLE_CORPUS / "溫室氣體盤查清冊_2021-2023.xlsx").is_file():
        pytest.skip("sample corpus not built")
    s = load_settings({"data_dir": tmp_path_factory.mktemp("sample") / "data", "strict": True}, environ={},
                      secrets_path=None)
    eb = EvidenceBase(s)
    report = eb.ingest_paths([SAMPLE_CORPUS])
    assert not report.skipped, report.skipped
    return eb
