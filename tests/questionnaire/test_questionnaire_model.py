"""The supplier survey on the sample corpus with the real bundled embedding model (dense + lexical retrieval)."""
from __future__ import annotations

import pytest

from disclosure.questionnaire import answer_questionnaire
from questionnaire_support import CORPUS, INVENTORY_NAME, supplier_questions

pytestmark = [pytest.mark.model,
              pytest.mark.skipif(not (CORPUS / INVENTORY_NAME).is_file(), reason="sample corpus not built")]


@pytest.fixture(scope="module")
def model_base(sample_corpus_base):
    return sample_corpus_base  # the sample corpus indexed once per session with the real model (tests/conftest.py)


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_supplier_survey_with_dense_retrieval(model_base, lang):
    sheet = answer_questionnaire(model_base, supplier_questions(lang))
    assert sheet.answer_for("SC-2.1").value == pytest.approx(8512.0)
    assert sheet.answer_for("SC-2.3").value == pytest.approx(35740.9)
    assert sheet.answer_for("SC-5.4").value == "validated"
    assert "立衡驗證股份有限公司" in sheet.answer_for("SC-4.2").answer
    for qid in ("SC-9.1", "SC-9.2"):
        a = sheet.answer_for(qid)
        assert a.status == "no_evidence" and a.value is None, (qid, a.answer)
