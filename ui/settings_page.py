"""Settings page: the embedding, LLM, store and data-directory settings of this session, with a
connection test for the language model and the store. The script is not named settings.py so that
it can never shadow a module imported as `settings` when ui/ is on sys.path.

Changes apply to this session only; the page shows the lines that make them permanent
(environment variables or `.streamlit/secrets.toml`), with the API key masked."""
from __future__ import annotations

import time
import typing
from pathlib import Path

import streamlit as st
from pydantic import SecretStr, ValidationError

from disclosure.settings import Settings
from ui.i18n import lang, t
from ui.state import error_message, get_settings, mask_secret, set_settings

S = {
    "intro": {"zh-TW": "此頁的變更只套用於本次工作階段（重新整理瀏覽器分頁後即恢復原設定）；要永久保存，請依下方說明設定環境變數或 .streamlit/secrets.toml。",
              "en": "Changes here apply to this session only (a new browser tab starts from the saved settings); to keep them, set the environment variables or .streamlit/secrets.toml lines shown below."},
    "embedding": {"zh-TW": "嵌入模型", "en": "Embedding model"},
    "embedding_backend": {"zh-TW": "嵌入後端", "en": "Embedding backend"},
    "embedding_model": {"zh-TW": "模型名稱或路徑（sentence-transformers）", "en": "Model name or path (sentence-transformers)"},
    "embedding_note": {"zh-TW": "更換嵌入模型會使用另一組索引；原有文件需重新加入才能以新模型搜尋。",
                       "en": "Another embedding model uses another index: documents must be added again to be searched with it."},
    "llm": {"zh-TW": "語言模型", "en": "Language model"},
    "llm_backend": {"zh-TW": "語言模型後端", "en": "LLM backend"},
    "llm_model": {"zh-TW": "模型（名稱，或 llama.cpp 之 GGUF 檔路徑）", "en": "Model (name, or GGUF file path for llama.cpp)"},
    "llm_base_url": {"zh-TW": "服務網址（OpenAI 相容或 Ollama）", "en": "Base URL (OpenAI-compatible or Ollama)"},
    "llm_api_key": {"zh-TW": "API 金鑰", "en": "API key"},
    "key_set": {"zh-TW": "已設定（不顯示）；留空則保留", "en": "set (hidden); leave empty to keep it"},
    "key_clear": {"zh-TW": "清除已設定之 API 金鑰", "en": "Remove the API key"},
    "llm_temperature": {"zh-TW": "溫度", "en": "Temperature"},
    "llm_timeout": {"zh-TW": "逾時（秒）", "en": "Timeout (s)"},
    "store": {"zh-TW": "向量資料庫", "en": "Vector store"},
    "store_mode": {"zh-TW": "模式", "en": "Mode"},
    "embedded": {"zh-TW": "內嵌（資料目錄中）", "en": "embedded (in the data directory)"},
    "server": {"zh-TW": "Chroma 伺服器", "en": "Chroma server"},
    "host": {"zh-TW": "主機", "en": "Host"},
    "port": {"zh-TW": "連接埠", "en": "Port"},
    "data_dir": {"zh-TW": "資料目錄（索引與上傳檔案）", "en": "Data directory (index and uploaded files)"},
    "apply": {"zh-TW": "套用於本次工作階段", "en": "Apply for this session"},
    "test_llm": {"zh-TW": "測試語言模型連線", "en": "Test LLM connection"},
    "test_store": {"zh-TW": "測試資料庫連線", "en": "Test store connection"},
    "form_note": {"zh-TW": "連線測試使用表單中目前填寫的值（尚未套用亦可）。", "en": "The connection tests use the values in the form, applied or not."},
    "applied": {"zh-TW": "已套用；證據庫已依新設定重新開啟。", "en": "Applied; the evidence base was reopened with the new settings."},
    "unchanged": {"zh-TW": "設定沒有變更。", "en": "Nothing changed."},
    "invalid": {"zh-TW": "設定值不正確", "en": "Invalid settings"},
    "llm_none": {"zh-TW": "未設定語言模型（後端為 none）；章節草稿僅能使用依據證據模式。",
                 "en": "No language model (backend none); the Draft page works in grounded mode only."},
    "llm_ok": {"zh-TW": "語言模型已回應（{model}，{ms:.0f} 毫秒）：{reply}", "en": "The language model answered ({model}, {ms:.0f} ms): {reply}"},
    "llm_bad": {"zh-TW": "無法連線到語言模型（{where}）", "en": "Could not reach the language model ({where})"},
    "llm_hint": {"zh-TW": "請確認服務已啟動、網址（含 /v1）與模型名稱正確，必要時設定 API 金鑰。",
                 "en": "Check that the server is running, the base URL (incl. /v1 for OpenAI-compatible servers) and the model name, and the API key if one is needed."},
    "store_ok_embedded": {"zh-TW": "已開啟內嵌資料庫 {path}：{n} 份文件（{space}）。", "en": "Opened the embedded store at {path}: {n} document(s) ({space})."},
    "store_ok_server": {"zh-TW": "Chroma 伺服器 {host}:{port} 有回應：{n} 份文件（{space}）。", "en": "The Chroma server at {host}:{port} answered: {n} document(s) ({space})."},
    "store_bad": {"zh-TW": "無法開啟資料庫", "en": "Could not open the store"},
    "persist": {"zh-TW": "永久保存這些設定", "en": "Keep these settings"},
    "persist_help": {"zh-TW": "以下為與預設值不同之設定。擇一方式：在啟動 streamlit 前設定環境變數，或寫入專案的 .streamlit/secrets.toml（勿提交至版本控制）。金鑰以 *** 表示，請自行填入。",
                     "en": "The settings that differ from the defaults. Either set these environment variables before starting streamlit, or put the lines in the project's .streamlit/secrets.toml (keep it out of version control). The key is shown as ***: put in your own."},
    "persist_none": {"zh-TW": "目前設定均為預設值，不需另外保存。", "en": "Every setting is at its default; nothing to keep."},
    "env": {"zh-TW": "環境變數", "en": "Environment variables"},
    "secrets": {"zh-TW": ".streamlit/secrets.toml", "en": ".streamlit/secrets.toml"},
}

# Settings this page edits, in the order shown in the persistence snippet.
FIELDS = ["embedding_backend", "embedding_model", "llm_backend", "llm_model", "llm_base_url", "llm_api_key",
          "llm_temperature", "llm_timeout_s", "store_mode", "chroma_host", "chroma_port", "data_dir"]
TEST_TIMEOUT_S = 10.0


def tr(key: str, **kw) -> str:
    text = S[key].get(lang()) or S[key]["en"]
    return text.format(**kw) if kw else text


def _choices(name: str) -> list[str]:
    return list(typing.get_args(Settings.model_fields[name].annotation))


def _candidate(current: Settings, values: dict) -> Settings:
    """The settings the form describes (validated); the key is kept unless a new one is typed or it is cleared."""
    data = current.model_dump()
    data.update({k: v for k, v in values.items() if k not in ("llm_api_key", "key_clear")})
    if values.get("key_clear"):
        data["llm_api_key"] = SecretStr("")
    elif values.get("llm_api_key"):
        data["llm_api_key"] = SecretStr(values["llm_api_key"])
    data["data_dir"] = Path(str(values.get("data_dir") or current.data_dir)).expanduser()
    return Settings.model_validate(data)


def _invalid_message(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors(include_input=False))


def llm_connection(s: Settings) -> tuple[bool, str]:
    """One tiny request through the LangChain chat model the settings choose, with a short timeout."""
    if s.llm_backend == "none":
        return False, tr("llm_none")
    from disclosure.chat import make_chat_model, model_label

    key = s.llm_api_key.get_secret_value()
    try:
        chat = make_chat_model(s.model_copy(update={"llm_timeout_s": min(s.llm_timeout_s, TEST_TIMEOUT_S)}))
        from langchain_core.messages import HumanMessage

        start = time.perf_counter()
        kwargs = {"max_tokens": 8} if s.llm_backend in ("openai", "llamacpp") and s.llm_base_url else {}
        reply = chat.invoke([HumanMessage(content="Reply with the single word OK.")], **kwargs)
        ms = (time.perf_counter() - start) * 1000
        text = reply.content if isinstance(reply.content, str) else str(reply.content)
        return True, mask_secret(tr("llm_ok", model=model_label(s, chat), ms=ms, reply=text.strip()[:80] or "∅"), key)
    except Exception as exc:  # any failure becomes one line; never a traceback, never the key
        where = ", ".join(x for x in (s.llm_backend, s.llm_model, s.llm_base_url) if x)
        return False, mask_secret(f"{tr('llm_bad', where=where)}: {error_message(exc)} — {tr('llm_hint')}", key)


def store_connection(s: Settings) -> tuple[bool, str]:
    """Embedded: open the store under the data directory and count documents; server: heartbeat and count."""
    from disclosure.store import ChunkStore, make_client

    try:
        client = make_client(s)  # the server client sends a heartbeat
        n = len(ChunkStore(s, s.embedding_id, client=client).list_documents())
    except Exception as exc:
        return False, f"{tr('store_bad')}: {error_message(exc)}"
    if s.store_mode == "server":
        return True, tr("store_ok_server", host=s.chroma_host, port=s.chroma_port, n=n, space=s.embedding_id)
    return True, tr("store_ok_embedded", path=s.data_dir / "chroma", n=n, space=s.embedding_id)


def _take_key() -> None:
    """Submit callback: move a typed key out of the password field, so that the field is empty
    again when the page is drawn and the key never travels back to the browser."""
    st.session_state["_typed_key"] = st.session_state.get("set_llm_api_key", "")
    st.session_state["set_llm_api_key"] = ""


def persistence_lines(s: Settings) -> tuple[list[str], list[str]]:
    """(environment lines, secrets.toml lines) for the page's settings that differ from the defaults; key masked."""
    defaults = Settings()
    env, toml = [], ["[disclosure]"]
    for name in FIELDS:
        value, default = getattr(s, name), getattr(defaults, name)
        if name == "llm_api_key":
            if not value.get_secret_value():
                continue
            shown = "***"
        elif value == default:
            continue
        else:
            shown = str(value)
        env.append(f"DISCLOSURE_{name.upper()}={shown if ' ' not in shown else repr(shown)}")
        toml.append(f"{name} = {shown}" if isinstance(value, (int, float)) and not isinstance(value, bool)
                    else f'{name} = "{shown}"')
    return env, (toml if len(toml) > 1 else [])


st.title(t("nav_settings"))
st.caption(tr("intro"))
current = get_settings()
has_key = bool(current.llm_api_key.get_secret_value())

with st.form("settings_form"):
    st.subheader(tr("embedding"))
    e1, e2 = st.columns([1, 2])
    emb_choices = _choices("embedding_backend")
    embedding_backend = e1.selectbox(tr("embedding_backend"), emb_choices, index=emb_choices.index(current.embedding_backend),
                                     key="set_embedding_backend")
    embedding_model = e2.text_input(tr("embedding_model"), current.embedding_model, key="set_embedding_model")
    st.caption(tr("embedding_note"))

    st.subheader(tr("llm"))
    l1, l2, l3 = st.columns([1, 2, 2])
    llm_choices = _choices("llm_backend")
    llm_backend = l1.selectbox(tr("llm_backend"), llm_choices, index=llm_choices.index(current.llm_backend), key="set_llm_backend")
    llm_model = l2.text_input(tr("llm_model"), current.llm_model, key="set_llm_model")
    llm_base_url = l3.text_input(tr("llm_base_url"), current.llm_base_url, key="set_llm_base_url",
                                 placeholder="http://127.0.0.1:8080/v1")
    l4, l5, l6 = st.columns([2, 1, 1])
    # The key is never sent back to the browser: the field always starts empty.
    llm_api_key = l4.text_input(tr("llm_api_key"), "", type="password", key="set_llm_api_key",
                                placeholder=tr("key_set") if has_key else "sk-…", autocomplete="off")
    key_clear = l4.checkbox(tr("key_clear"), key="set_key_clear") if has_key else False
    llm_temperature = l5.number_input(tr("llm_temperature"), 0.0, 2.0, float(current.llm_temperature), 0.1,
                                      key="set_llm_temperature")
    llm_timeout_s = l6.number_input(tr("llm_timeout"), 1.0, 3600.0, float(current.llm_timeout_s), 5.0, key="set_llm_timeout")

    st.subheader(tr("store"))
    s1, s2, s3 = st.columns([2, 2, 1])
    store_labels = {"embedded": tr("embedded"), "server": tr("server")}
    store_mode = s1.radio(tr("store_mode"), ["embedded", "server"], index=["embedded", "server"].index(current.store_mode),
                          format_func=store_labels.get, key="set_store_mode", horizontal=True)
    chroma_host = s2.text_input(tr("host"), current.chroma_host, key="set_chroma_host")
    chroma_port = s3.number_input(tr("port"), 1, 65535, int(current.chroma_port), 1, key="set_chroma_port")
    data_dir = st.text_input(tr("data_dir"), str(current.data_dir), key="set_data_dir")

    b1, b2, b3 = st.columns(3)
    apply = b1.form_submit_button(tr("apply"), type="primary", key="set_apply", on_click=_take_key)
    check_llm = b2.form_submit_button(tr("test_llm"), key="set_test_llm", icon=":material/network_check:", on_click=_take_key)
    check_store = b3.form_submit_button(tr("test_store"), key="set_test_store", icon=":material/database:", on_click=_take_key)
    st.caption(tr("form_note"))

typed_key = st.session_state.pop("_typed_key", "")
if apply or check_llm or check_store:
    values = dict(embedding_backend=embedding_backend, embedding_model=embedding_model.strip(), llm_backend=llm_backend,
                  llm_model=llm_model.strip(), llm_base_url=llm_base_url.strip(), llm_api_key=typed_key.strip(),
                  key_clear=key_clear, llm_temperature=llm_temperature, llm_timeout_s=llm_timeout_s,
                  store_mode=store_mode, chroma_host=chroma_host.strip(), chroma_port=int(chroma_port),
                  data_dir=data_dir.strip())
    try:
        candidate = _candidate(current, values)
    except ValidationError as exc:
        st.error(f"{tr('invalid')}: {mask_secret(_invalid_message(exc), typed_key)}")
        candidate = None
    if candidate is not None and apply:
        if candidate == current:
            st.info(tr("unchanged"))
        else:
            set_settings(candidate)
            current = candidate
            st.success(tr("applied"))
    if candidate is not None and check_llm:
        with st.spinner(tr("test_llm")):
            ok, msg = llm_connection(candidate)
        (st.success if ok else st.error)(msg)
    if candidate is not None and check_store:
        with st.spinner(tr("test_store")):
            ok, msg = store_connection(candidate)
        (st.success if ok else st.error)(msg)

st.subheader(tr("persist"))
env_lines, toml_lines = persistence_lines(current)
if not env_lines:
    st.info(tr("persist_none"))
else:
    st.caption(tr("persist_help"))
    p1, p2 = st.columns(2)
    p1.markdown(f"**{tr('env')}**")
    p1.code("\n".join(f"export {line}" for line in env_lines), language="bash")
    p2.markdown(f"**{tr('secrets')}**")
    p2.code("\n".join(toml_lines), language="toml")
