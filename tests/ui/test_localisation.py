"""What the zh-TW interface shows instead of engine ids and English engine texts: language tags,
converter warnings, Streamlit's own upload texts, requirement references and framework ids."""
from pathlib import Path

from streamlit.testing.v1 import AppTest

from frameworks.library import default_library
from ui.i18n import language_names, uploader_css, warning_text
from ui_support import open_page, run

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app.py")


def test_language_tags_read_as_names_in_each_interface_language():
    assert language_names(["en", "mixed", "zh"], "zh-TW") == "英文、中英混合、中文"
    assert language_names(["en", "zh"], "en") == "English, Chinese"
    assert language_names([], "zh-TW") == "—"


def test_converter_warnings_are_translated_and_unknown_ones_kept():
    zh = warning_text("read as cp950", "zh-TW")
    assert "cp950" in zh and "read as" not in zh and "UTF-8" in zh
    assert warning_text("pages 3-5 have little or no text (images or scanned)", "zh-TW") == "第 3-5 頁幾乎沒有文字（圖片或掃描頁）"
    assert warning_text("sheet 'Data' is empty", "zh-TW") == "工作表「Data」是空的"
    assert warning_text("something new happened", "zh-TW") == "something new happened"
    assert warning_text("read as cp950", "en") == "not UTF-8: read as cp950"


def test_streamlit_upload_texts_are_replaced_in_chinese_only():
    css = uploader_css("zh-TW", 200)
    assert "選擇檔案" in css and "200MB" in css and "stFileUploaderDropzoneInstructions" in css
    assert uploader_css("en") == ""


def test_requirement_references_read_as_framework_code_and_title():
    lib = default_library()
    assert lib.requirement_label("tcfd:G-a", "zh-TW").startswith("TCFD G-a 董事會")
    assert lib.requirement_label("gri:2-9", "en") == "GRI 2-9 Governance structure and composition"
    assert lib.requirement_label("ifrs_s2:no-such-item", "zh-TW") == "ifrs_s2:no-such-item"


def test_documents_page_in_chinese_names_languages_and_explains_a_big5_csv(ui_env):
    from disclosure.evidence import EvidenceBase
    from disclosure.settings import load_settings

    big5 = ui_env / "big5.csv"
    big5.write_bytes("年度,範疇一排放量（公噸CO2e）\n112,8512.0\n".encode("cp950"))
    report = EvidenceBase(load_settings()).ingest_paths([big5])
    assert report.added and any(w.startswith("read as") for w in report.added[0].warnings)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(str(REPO / "ui" / "documents.py"))
    at.run()
    assert not at.exception
    row = at.dataframe[0].value.iloc[0]
    assert row["語言"] == "中文"
    assert "read as" not in row["注意事項"] and "UTF-8" in row["注意事項"]
    assert any("選擇檔案" in m.value for m in at.markdown)  # the upload button's text, in Chinese


def _gap_checked(text: str) -> AppTest:
    """The Gap check page (zh-TW) after checking ``text`` against TCFD."""
    at = open_page("gap")
    at.text_area(key="gap_text").input(text)
    at.button(key="gap_run").click()
    return run(at)


def test_gap_page_in_chinese_shows_framework_names_not_ids(ui_env):
    at = _gap_checked("董事會下設永續發展委員會，每季至少召開一次會議，監督氣候相關風險與機會。")
    ids = {f.id for f in default_library().list_frameworks()}
    scores, findings = at.dataframe[0].value, at.dataframe[1].value
    assert not set(scores["準則框架"]) & ids
    assert not set(findings["準則框架"]) & ids
    assert at.multiselect(key="gap_frameworks").options and not set(at.multiselect(key="gap_frameworks").options) & ids


def _inputs(at: AppTest) -> dict:
    """The values of the page's keyed input widgets (buttons left out: they hold no input)."""
    return {w.key: w.value for w in at.main
            if getattr(w, "key", None) and hasattr(w, "value") and type(w).__name__ != "Button"
            and not w.key.startswith("FormSubmitter")}


def test_switching_the_interface_language_keeps_each_pages_inputs_and_results(ui_env):
    from disclosure.evidence import EvidenceBase
    from disclosure.settings import load_settings

    EvidenceBase(load_settings()).ingest_paths([ui_env / "corpus" / "note.md"])
    setups = {
        "draft": lambda at: (at.multiselect(key="draft_frameworks").set_value(["gri"]),
                             at.selectbox(key="draft_chapter").select("ghg-inventory"),
                             at.radio(key="draft_lang").set_value("en")),
        "gap": lambda at: (at.text_area(key="gap_text").input("董事會每季召開永續發展委員會。"),
                           at.multiselect(key="gap_frameworks").set_value(["gri", "tcfd"])),
        "documents": lambda at: at.text_input(key="search_query").input("委員會"),
    }
    for page, setup in setups.items():
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        at.switch_page(str(REPO / "ui" / f"{page}.py"))
        at.run()
        setup(at)
        at.run()
        before = _inputs(at)
        at.sidebar.selectbox[0].select("en")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        after = _inputs(at)
        changed = {k: (before[k], after.get(k)) for k in before if before[k] != after.get(k)}
        assert changed == {}, (page, changed)
        if page == "draft":
            assert not at.button(key="draft_make").disabled
        if page == "documents":
            assert any("note.md" in m.value for m in at.markdown)  # the search results are still shown


def test_a_gap_result_survives_the_language_switch_and_is_shown_in_the_new_language(ui_env):
    at = _gap_checked("董事會下設永續發展委員會，每季至少召開一次會議。")
    n = len(at.dataframe[1].value)
    at.sidebar.selectbox[0].select("en")
    at.run()
    findings = at.dataframe[1].value
    assert len(findings) == n > 0
    assert set(findings["status"]) <= {"covered", "partial", "missing"}


# Words that may stand in a zh-TW page: proper names of frameworks, products and formats, units,
# and the column names a user's upload may carry (they are shown as typed in the file).
ALLOWED = {"English", "ESRS", "IFRS", "SASB", "SBTi", "TCFD", "TWSE", "TPEx", "GHG", "Protocol", "XLSX", "DOCX",
           "Chroma", "Ollama", "OpenAI", "llama", "llamacpp", "GGUF", "nanoe", "sentence-transformers", "streamlit",
           "secrets", "toml", "fake", "fake-hash-", "embedded", "default", "data", "question", "group", "disclosure",
           "item_id", "ollama", "openai", "none", "backend", "CO2e",
           "internal", "carbon", "price"}  # the search box's example: an English query works too
# Data, not interface: a requirement's official title in the other language (shown beside the
# Chinese one), a framework's source title and version string.
DATA_PREFIXES = ("來源:", "版本:")
PAGES_ZH = ["home", "documents", "framework_browser", "draft", "gap", "questionnaire", "ghg", "settings_page", "workspace_page"]


def _shown(at: AppTest) -> list[str]:
    out = []
    for kind in ("markdown", "caption", "success", "error", "warning", "info", "title", "subheader", "header", "text"):
        out += [str(getattr(e, "value", "")) for e in at.get(kind)]
    for kind in ("button", "selectbox", "multiselect", "radio", "text_input", "text_area", "checkbox", "number_input",
                 "slider", "toggle"):
        for w in at.get(kind):
            out += [str(getattr(w, "label", "")), str(getattr(w, "help", "") or ""), str(getattr(w, "placeholder", "") or "")]
            out += [str(o) for o in (getattr(w, "options", None) or [])]
    out += [str(e.label) for e in at.get("expander")] + [str(e.label) for e in at.get("metric")]
    return [s for s in out if not s.lstrip().startswith("<style")]


def test_no_english_interface_word_on_the_chinese_pages(ui_env):
    import re

    from disclosure.evidence import EvidenceBase
    from disclosure.settings import load_settings

    EvidenceBase(load_settings()).ingest_paths([ui_env / "corpus" / "note.md"])
    english_titles = {r.title.en for r in default_library().requirements()}
    found = {}
    for page in PAGES_ZH:
        at = open_page(page)
        for text in _shown(at):
            if text in english_titles or text.startswith(DATA_PREFIXES):
                continue
            text = re.sub(r"`[^`]*`|https?://\S+|[\w./-]+\.(?:md|pdf|csv|xlsx|docx|py|yaml)\b|:material/\w+:|/\S+", " ", text)
            words = {w for w in re.findall(r"[A-Za-z][A-Za-z_-]{3,}", text) if w not in ALLOWED}
            if words:
                found.setdefault(page, set()).update(words)
    assert found == {}


# Chinese that may stand in the English interface: the language's own name in the switch, the
# Chinese column names an uploaded checklist may carry, and the search box's Chinese example.
ALLOWED_ZH = ("繁體中文", "編號", "題號", "問題", "題目", "檢核項目", "類別", "構面", "內部碳定價")


def test_no_chinese_interface_text_on_the_english_pages(ui_env):
    import re

    from disclosure.evidence import EvidenceBase
    from disclosure.settings import load_settings

    # The sample inventory workbook's file, sheet and target names are Chinese data, not interface text.
    (ui_env / "corpus" / "溫室氣體盤查清冊_2021-2023.xlsx").unlink(missing_ok=True)
    EvidenceBase(load_settings()).ingest_paths([ui_env / "corpus" / "note.md"])
    chinese_titles = {r.title.zh for r in default_library().requirements()}
    found = {}
    for page in PAGES_ZH:
        at = open_page(page, lang="en")
        for text in _shown(at):
            if text in chinese_titles:  # a requirement's official Chinese title, shown beside the English one
                continue
            for ok in ALLOWED_ZH:
                text = text.replace(ok, "")
            if re.search(r"[\u4e00-\u9fff]", text):
                found.setdefault(page, []).append(text[:80])
    assert found == {}
