"""One pass of the app in each interface language, in a real browser: every page's visible text is
read, and a word of the other language outside the allow-list fails the test. Screenshots of every
page in both languages go to test-artifacts/languages/."""
from __future__ import annotations

import re

import pytest

from e2e_support import ARTIFACTS, no_traceback, settle

pytestmark = pytest.mark.e2e

PAGES = ["home", "documents", "frameworks", "ghg", "draft", "gap", "questionnaire", "workspace", "settings"]
# The visible text of the page: Streamlit's upload texts are replaced by CSS in Chinese (their
# original text stays in the DOM at font size 0) and material icons are ligature names, so both
# are left out, as is the keyboard-only "Skip to main content" link (Streamlit's, English only);
# code blocks (environment lines to copy) are code in no language;
# what the CSS shows instead is checked in the screenshots and by the unit test.
VISIBLE_TEXT_JS = """() => {
  const root = document.querySelector('[data-testid=stApp]').cloneNode(true);
  root.querySelectorAll('[data-testid=stIconMaterial], [data-testid=stFileUploaderDropzone] button, '
    + '[data-testid=stFileUploaderDropzoneInstructions], [data-testid=stSkipToContent], [data-testid=stCode], style, script, [data-testid=stToolbar]').forEach(e => e.remove());
  return root.innerText;
}"""
# Words that may stand in the Chinese interface: proper names of frameworks, products, formats,
# units, the language switch's own option, the column names an upload may carry, the search example.
ALLOWED_EN = {"English", "ESRS", "IFRS", "SASB", "SBTi", "TCFD", "TWSE", "TPEx", "GHG", "Protocol", "XLSX", "DOCX",
              "Word", "Excel", "Chroma", "Ollama", "OpenAI", "llama", "llamacpp", "GGUF", "nanoe", "sentence-transformers",
              "streamlit", "secrets", "toml", "fake", "fake-hash-", "embedded", "default", "data", "question", "group",
              "disclosure", "item_id", "ollama", "openai", "none", "backend", "CO2e", "internal", "carbon", "price",
              # the framework's source title and version string on the Frameworks page (data)
              "Standards", "Global", "Sustainability", "Board", "Consolidated", "upcoming"}
ALLOWED_ZH = ("繁體中文", "編號", "題號", "問題", "題目", "檢核項目", "類別", "構面", "內部碳定價", "尚未設定公司名稱")


def _open(page, index: int) -> str:
    page.locator("[data-testid=stSidebarNav] a").nth(index).click()  # the nav keeps the session (and its language)
    page.wait_for_timeout(800)
    settle(page)
    no_traceback(page)
    return page.evaluate(VISIBLE_TEXT_JS)


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_every_page_speaks_one_language(app_url, browser, lang):
    url, _ = app_url
    out = ARTIFACTS / "languages"
    out.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url, wait_until="networkidle")
    page.get_by_text("ESG 揭露撰寫助理").wait_for(timeout=30000)
    if lang == "en":
        page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").first.click()
        page.get_by_role("option", name="English").click()
        page.get_by_text("ESG disclosure assistant").wait_for(timeout=30000)
    from frameworks.library import default_library

    # a requirement's official title in the other language, shown beside the interface's, is data
    other_titles = sorted({(r.title.en if lang == "zh-TW" else r.title.zh) for r in default_library().requirements()},
                          key=len, reverse=True)
    found = {}
    for i, name in enumerate(PAGES):
        text = _open(page, i)
        for title in other_titles:
            text = text.replace(title, " ")
        page.screenshot(path=str(out / f"{name}-{lang}.png"), full_page=True)
        if lang == "zh-TW":
            text = re.sub(r"https?://\S+|[\w./-]+\.(?:md|pdf|csv|xlsx|docx|py|yaml)\b|/\S+", " ", text)
            bad = {w for w in re.findall(r"[A-Za-z][A-Za-z_-]{3,}", text) if w not in ALLOWED_EN}
        else:
            for ok in ALLOWED_ZH:
                text = text.replace(ok, "")
            bad = set(re.findall(r"[\u4e00-\u9fff]+", text))
        if bad:
            found[name] = sorted(bad)
    page.close()
    assert found == {}
