"""Fixtures of the drafting tests; the generated corpus itself is in tests/drafting_corpus.py."""
from __future__ import annotations

import pytest

from drafting_corpus import fake_settings, write_corpus  # noqa: F401 - used by the fixture below


@pytest.fixture(scope="module")
def corpus_base(tmp_path_factory):
    """The generated corpus, indexed once per test module (drafting never writes to the index)."""
    from disclosure.evidence import EvidenceBase

    tmp = tmp_path_factory.mktemp("drafting")
    folder = write_corpus(tmp / "corpus")
    eb = EvidenceBase(fake_settings(tmp / "data"))
    report = eb.ingest_paths([folder])
    assert not report.skipped, report.skipped
    return eb, folder / "溫室氣體盤查清冊_2021-2023.xlsx"
