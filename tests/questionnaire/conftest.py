"""The sample corpus indexed once per session with the deterministic fake embedder, and the supplier
survey answered once in each language."""
from __future__ import annotations

import pytest

from questionnaire_support import CORPUS, INVENTORY_NAME, fake_settings, supplier_questions


@pytest.fixture(scope="session")
def sample_data_dir(tmp_path_factory):
    """A data dir holding the sample corpus, indexed with the fake embedder (answering never writes to it)."""
    if not (CORPUS / INVENTORY_NAME).is_file():
        pytest.skip("sample corpus not built")
    from disclosure.evidence import EvidenceBase

    data = tmp_path_factory.mktemp("questionnaire") / "data"
    eb = EvidenceBase(fake_settings(data))
    report = eb.ingest_paths([CORPUS])
    assert not report.skipped, report.skipped
    return data


@pytest.fixture(scope="session")
def sample_base(sample_data_dir):
    from disclosure.evidence import EvidenceBase

    return EvidenceBase(fake_settings(sample_data_dir))


@pytest.fixture(scope="session")
def supplier_sheet_en(sample_base):
    from disclosure.questionnaire import answer_questionnaire

    return answer_questionnaire(sample_base, supplier_questions("en"), inventory=CORPUS / INVENTORY_NAME)


@pytest.fixture(scope="session")
def supplier_sheet_zh(sample_base):
    from disclosure.questionnaire import answer_questionnaire

    return answer_questionnaire(sample_base, supplier_questions("zh-TW"), inventory=CORPUS / INVENTORY_NAME)
