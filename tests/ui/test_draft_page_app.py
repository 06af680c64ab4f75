"""Draft page inside the app with AppTest: an unreachable language model is a clear message (no
stack trace, key not shown) and the page keeps working: a grounded draft follows and downloads as
a DOCX with its citations."""
import io

from streamlit.delta_generator import DeltaGenerator

from ui_support import PAGES, open_page, run

SECRET = "sk-draft-0123456789abcdef"


def test_llm_failure_is_a_message_and_a_grounded_draft_still_downloads(ui_env, dead_port, monkeypatch):
    import docx

    from disclosure.evidence import EvidenceBase
    from disclosure.settings import load_settings

    EvidenceBase(load_settings()).ingest_paths([ui_env / "corpus"])
    downloads: dict[str, bytes] = {}
    real = DeltaGenerator.download_button

    def recording(self, label, data, *args, **kwargs):  # the page's download buttons sit in columns
        downloads[kwargs.get("file_name", label)] = data
        return real(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", recording)
    at = open_page("settings_page", lang="en")
    at.selectbox(key="set_llm_backend").select("openai")
    at.text_input(key="set_llm_model").input("local")
    at.text_input(key="set_llm_base_url").input(f"http://127.0.0.1:{dead_port}/v1")
    at.text_input(key="set_llm_api_key").input(SECRET)
    at.number_input(key="set_llm_timeout").set_value(5.0)
    at.button(key="set_apply").click()
    run(at)

    at.switch_page(str(PAGES / "draft.py"))
    run(at)
    at.selectbox(key="draft_chapter").select("governance")
    at.radio(key="draft_mode").set_value("llm")
    at.button(key="draft_make").click()
    run(at, errors_ok=True)
    (err,) = at.error
    assert err.value.startswith("Error: ") and "Connection" in err.value
    assert "Traceback" not in err.value and SECRET not in err.value
    assert "draft" not in at.session_state

    at.radio(key="draft_mode").set_value("grounded")
    at.button(key="draft_make").click()
    run(at)
    assert any("<sup>[1]</sup>" in m.value for m in at.markdown)
    (name,) = [n for n in downloads if n.endswith(".docx")]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(downloads[name])).paragraphs)
    assert "note.md" in text and "[1]" in text


def test_llm_draft_uses_the_key_and_model_set_on_the_settings_page(ui_env, chat_server):
    from disclosure.evidence import EvidenceBase
    from disclosure.settings import load_settings

    EvidenceBase(load_settings()).ingest_paths([ui_env / "corpus"])
    at = open_page("settings_page", lang="en")
    at.selectbox(key="set_llm_backend").select("openai")
    at.text_input(key="set_llm_model").input("stub-model")
    at.text_input(key="set_llm_base_url").input(f"http://127.0.0.1:{chat_server.server_port}/v1")
    at.text_input(key="set_llm_api_key").input(SECRET)
    at.button(key="set_apply").click()
    run(at)
    at.switch_page(str(PAGES / "draft.py"))
    run(at)
    at.selectbox(key="draft_chapter").select("governance")
    at.radio(key="draft_mode").set_value("llm")
    at.button(key="draft_make").click()
    run(at)
    d = at.session_state["draft"]
    assert d.mode == "llm" and d.provenance.model == "openai:stub-model"
    assert chat_server.requests and all(r["auth"] == f"Bearer {SECRET}" for r in chat_server.requests)
    assert {r["body"]["model"] for r in chat_server.requests} == {"stub-model"}
