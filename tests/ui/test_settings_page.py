"""Settings page with AppTest: edit settings for the session, persistence lines with the key masked,
LLM and store connection tests with clear messages, and the evidence base reopened on change."""
from ui_support import open_page, page_text, run

SECRET = "sk-test-0123456789abcdef"


def _set_llm(at, backend="openai", url="", key="", model="stub-model"):
    at.selectbox(key="set_llm_backend").select(backend)
    at.text_input(key="set_llm_model").input(model)
    at.text_input(key="set_llm_base_url").input(url)
    if key:
        at.text_input(key="set_llm_api_key").input(key)


def test_settings_page_shows_the_session_settings(ui_env):
    at = open_page("settings_page", lang="en")
    assert at.selectbox(key="set_embedding_backend").value == "fake"
    assert at.selectbox(key="set_llm_backend").value == "none"
    assert at.radio(key="set_store_mode").value == "embedded"
    assert at.text_input(key="set_data_dir").value == str(ui_env / "data")
    assert at.text_input(key="set_llm_api_key").value == ""
    # differences from the defaults are shown as environment and secrets.toml lines
    code = "\n".join(c.value for c in at.code)
    assert "DISCLOSURE_EMBEDDING_BACKEND=fake" in code and 'embedding_backend = "fake"' in code


def test_applying_llm_settings_keeps_the_key_hidden(ui_env):
    at = open_page("settings_page", lang="en")
    _set_llm(at, url="http://127.0.0.1:9/v1", key=SECRET)
    at.number_input(key="set_llm_temperature").set_value(0.3)
    at.button(key="set_apply").click()
    run(at)
    assert any("Applied" in s.value for s in at.success)
    s = at.session_state["settings"]
    assert (s.llm_backend, s.llm_model, s.llm_base_url, s.llm_temperature) == ("openai", "stub-model", "http://127.0.0.1:9/v1", 0.3)
    assert s.llm_api_key.get_secret_value() == SECRET
    code = "\n".join(c.value for c in at.code)
    assert "DISCLOSURE_LLM_BACKEND=openai" in code and 'llm_api_key = "***"' in code and "DISCLOSURE_LLM_API_KEY=***" in code
    assert SECRET not in page_text(at)
    assert at.text_input(key="set_llm_api_key").value == ""  # never sent back to the browser
    # an empty key field keeps the key; the checkbox removes it
    at.button(key="set_apply").click()
    run(at)
    assert at.session_state["settings"].llm_api_key.get_secret_value() == SECRET
    at.checkbox(key="set_key_clear").check()
    at.button(key="set_apply").click()
    run(at)
    assert at.session_state["settings"].llm_api_key.get_secret_value() == ""


def test_llm_connection_test_with_a_bad_url_gives_a_clear_error(ui_env, dead_port):
    at = open_page("settings_page", lang="en")
    _set_llm(at, url=f"http://127.0.0.1:{dead_port}/v1", key=SECRET)
    at.button(key="set_test_llm").click()
    run(at, errors_ok=True)
    (err,) = at.error
    assert err.value.startswith(f"Could not reach the language model (openai, stub-model, http://127.0.0.1:{dead_port}/v1)")
    assert "Connection" in err.value
    assert "base URL" in err.value and "Traceback" not in err.value and SECRET not in err.value
    assert at.session_state["settings"].llm_backend == "none"  # testing does not apply


def test_llm_connection_test_reaches_an_openai_compatible_server(ui_env, chat_server):
    at = open_page("settings_page", lang="en")
    _set_llm(at, url=f"http://127.0.0.1:{chat_server.server_port}/v1", key=SECRET)
    at.button(key="set_test_llm").click()
    run(at)
    assert any(s.value.startswith("The language model answered (openai:stub-model") and s.value.endswith(": OK")
               for s in at.success)
    (req,) = chat_server.requests
    assert req["path"] == "/v1/chat/completions" and 8 in (req["body"].get("max_tokens"), req["body"].get("max_completion_tokens"))
    assert req["auth"] == f"Bearer {SECRET}"


def test_llm_test_without_a_backend_says_grounded_mode_only(ui_env):
    at = open_page("settings_page")
    at.button(key="set_test_llm").click()
    run(at, errors_ok=True)
    assert "依據證據模式" in at.error[0].value


def test_store_connection_test_counts_documents_or_explains_the_server(ui_env, dead_port):
    from disclosure.evidence import EvidenceBase
    from disclosure.settings import load_settings

    EvidenceBase(load_settings()).ingest_paths([ui_env / "corpus" / "note.md"])
    at = open_page("settings_page", lang="en")
    at.button(key="set_test_store").click()
    run(at)
    assert any("Opened the embedded store" in s.value and "1 document(s)" in s.value for s in at.success)
    at.radio(key="set_store_mode").set_value("server")
    at.number_input(key="set_chroma_port").set_value(dead_port)
    at.button(key="set_test_store").click()
    run(at, errors_ok=True)
    (err,) = at.error
    assert err.value.startswith("Could not open the store") and f"127.0.0.1:{dead_port}" in err.value
    assert "chroma run" in err.value


def test_changing_the_data_dir_reopens_the_evidence_base(ui_env):
    from disclosure.evidence import EvidenceBase
    from disclosure.settings import load_settings

    EvidenceBase(load_settings()).ingest_paths([ui_env / "corpus" / "note.md"])
    at = open_page("home")
    assert at.metric[0].value == "1"
    from ui_support import PAGES

    at.switch_page(str(PAGES / "settings_page.py"))
    run(at)
    at.text_input(key="set_data_dir").input(str(ui_env / "other"))
    at.button(key="set_apply").click()
    run(at)
    at.switch_page(str(PAGES / "home.py"))
    run(at)
    assert at.metric[0].value == "0"
    assert str(ui_env / "other") in " ".join(c.value for c in at.caption)


def test_an_unreachable_store_is_an_error_message_and_the_app_recovers(ui_env, dead_port):
    from ui_support import PAGES

    at = open_page("settings_page")
    at.radio(key="set_store_mode").set_value("server")
    at.number_input(key="set_chroma_port").set_value(dead_port)
    at.button(key="set_apply").click()
    run(at)
    for page in ("home", "documents"):
        at.switch_page(str(PAGES / f"{page}.py"))
        run(at, errors_ok=True)
        assert len(at.error) == 1 and "Chroma" in at.error[0].value and "Traceback" not in at.error[0].value
    at.switch_page(str(PAGES / "settings_page.py"))
    run(at)
    at.radio(key="set_store_mode").set_value("embedded")
    at.button(key="set_apply").click()
    run(at)
    at.switch_page(str(PAGES / "home.py"))
    run(at)
    assert at.metric[0].value == "0"
