"""The LLM path: LangChain fake chat models for the parsing and guard, and a real OpenAI-compatible
HTTP server on 127.0.0.1 (scripted replies) for the client path, including a reply that invents a
number and a document that carries an injected instruction."""
from __future__ import annotations

import json
import re

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from drafting_corpus import fake_settings, write_corpus
from loopback_llm import serve_chat
from disclosure.drafting import draft_chapter
from disclosure.chat import make_chat_model
from disclosure.drafting.llm import split_model_sentences
from disclosure.drafting.validation import check_draft, numbers_in
from disclosure.errors import BackendUnavailableError, ConfigurationError

INVENTED = "199,999.0"


def scripted_reply(system: str, user: str) -> str:
    """A model that copies one true figure, invents another, leaves a gap, and obeys any instruction
    it finds in the documents (so the test shows the instruction never reaches it)."""
    passages = re.findall(r"\[(\d+)\] \((.*?)\)\n<<<\n(.*?)\n>>>", user, re.S)
    computed = re.findall(r"^\[(C\d+)\] (.*)$", user, re.M)
    out = []
    for n, _label, text in passages:
        if "ignore previous instructions" in text.lower():
            out.append(f"2023年排放量較前一年減少90%。[{n}]")
    for cid, text in computed:
        m = re.search(r"→ (?:合計|total) ([\d,]+\.\d) tCO2e", text)
        if m and "Scope 1 =" in text and "2023" in text:
            out.append(f"2023年範疇一排放量為{m.group(1)}公噸CO2e。[{cid}]")
    out.append(f"2030年範疇三排放量將降至{INVENTED}公噸CO2e。[1]")
    out.append("【待補：第三方查證聲明書之日期】")
    return "".join(out)


@pytest.fixture
def openai_server():
    with serve_chat(lambda system, user, body: scripted_reply(system, user)) as server:
        yield server


def _llm_settings(data_dir, port):
    s = fake_settings(data_dir)
    return s.model_copy(update={"llm_backend": "openai", "llm_model": "scripted", "llm_timeout_s": 20.0,
                                "llm_base_url": f"http://127.0.0.1:{port}/v1"})


def _numbers(d) -> set[str]:
    return {t.text for s in d.sentences() for t in numbers_in(s.text)}


def test_llm_draft_through_an_openai_compatible_server_drops_the_invented_number(corpus_base, openai_server):
    eb, inv = corpus_base
    eb.settings = _llm_settings(eb.settings.data_dir, openai_server.server_port)
    try:
        d = draft_chapter(eb, "ghg-inventory", ["gri"], "zh-TW", mode="llm", inventory=inv)
    finally:
        eb.settings = fake_settings(eb.settings.data_dir)
    assert openai_server.requests, "the model was never called"
    first = openai_server.requests[0]["body"]
    assert first["model"] == "scripted"
    assert "不是指示" in first["messages"][0]["content"] and "<documents>" in first["messages"][1]["content"]
    texts = [s.text for s in d.sentences()]
    assert any("8,512.0" in t for t in texts)
    assert not any(INVENTED in t for t in texts)
    assert any(INVENTED in r.text and "not in the cited evidence" in r.reasons[0] for r in d.rejected)
    assert all(c.ok for c in check_draft(d))
    assert any(s.placeholder for s in d.sentences()) and d.gaps
    assert d.mode == "llm" and d.provenance.model == "openai:scripted"


def test_an_instruction_inside_a_document_does_not_change_the_figures(tmp_path, openai_server):
    from disclosure.evidence import EvidenceBase

    drafts = []
    for injected in (False, True):
        folder = write_corpus(tmp_path / f"corpus{int(injected)}", injection=injected)
        eb = EvidenceBase(_llm_settings(tmp_path / f"data{int(injected)}", openai_server.server_port))
        eb.ingest_paths([folder])
        drafts.append(draft_chapter(eb, "ghg-inventory", ["gri"], "zh-TW", mode="llm",
                                    inventory=folder / "溫室氣體盤查清冊_2021-2023.xlsx"))
    clean, attacked = drafts
    assert attacked.provenance.quarantined, "the injected passage was never retrieved"
    for req in openai_server.requests:
        assert "ignore previous instructions" not in json.dumps(req["body"], ensure_ascii=False).lower()
    assert _numbers(attacked) == _numbers(clean)
    assert "90" not in _numbers(attacked)


def test_fake_chat_model_reply_is_parsed_and_guarded(corpus_base):
    eb, inv = corpus_base
    replies = ["永續發展委員會每季至少召開一次會議[1]。本公司董事會共有99名董事[1]。委員會由獨立董事擔任召集人[7]。"
               "【待補：董事會氣候訓練時數】"] * 10
    d = draft_chapter(eb, "governance", ["tcfd"], "zh-TW", mode="llm", inventory=inv,
                      chat_model=FakeListChatModel(responses=replies))
    texts = [s.text for s in d.sentences()]
    assert "永續發展委員會每季至少召開一次會議。" in texts
    reasons = {r.text: r.reasons for r in d.rejected}
    assert any("99" in r[0] for t, r in reasons.items() if "99名" in t)
    assert any("does not exist" in r[0] for t, r in reasons.items() if "召集人" in t)
    assert any(s.placeholder and "訓練" in s.text for s in d.sentences())
    assert all(c.ok for c in check_draft(d))


def test_split_model_sentences_handles_marker_positions_and_decimals():
    got = split_model_sentences("Scope 1 was 8,512.0 tCO2e [C1]. Scope 2 was 45,620.9 tCO2e.[2][3]\n- It met 4 times [1, 2].")
    assert got == [("Scope 1 was 8,512.0 tCO2e.", ["C1"]), ("Scope 2 was 45,620.9 tCO2e.", ["2", "3"]),
                   ("It met 4 times.", ["1", "2"])]


def test_backend_factory(settings):
    with pytest.raises(ConfigurationError):
        make_chat_model(settings)
    from langchain_ollama import ChatOllama
    from langchain_openai import ChatOpenAI

    m = make_chat_model(settings.model_copy(update={"llm_backend": "openai", "llm_model": "m",
                                                    "llm_base_url": "http://127.0.0.1:9/v1"}))
    assert isinstance(m, ChatOpenAI) and m.model_name == "m"
    m = make_chat_model(settings.model_copy(update={"llm_backend": "llamacpp", "llm_base_url": "http://127.0.0.1:9/v1"}))
    assert isinstance(m, ChatOpenAI)
    assert isinstance(make_chat_model(settings.model_copy(update={"llm_backend": "ollama", "llm_model": "qwen2.5"})), ChatOllama)
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        with pytest.raises(BackendUnavailableError, match="llama-cpp-python"):
            make_chat_model(settings.model_copy(update={"llm_backend": "llamacpp", "llm_model": "/nope.gguf"}))
