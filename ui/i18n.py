"""Interface strings in 繁體中文 and English. The interface language is chosen per session;
drafting and answering languages are chosen separately on their pages."""
from __future__ import annotations

import streamlit as st

LANGS = {"zh-TW": "繁體中文", "en": "English"}

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"zh-TW": "ESG 揭露撰寫助理", "en": "ESG disclosure assistant"},
    "nav_home": {"zh-TW": "首頁", "en": "Home"},
    "nav_documents": {"zh-TW": "文件", "en": "Documents"},
    "nav_frameworks": {"zh-TW": "準則框架", "en": "Frameworks"},
    "nav_ghg": {"zh-TW": "溫室氣體與目標", "en": "GHG & targets"},
    "nav_draft": {"zh-TW": "章節草稿", "en": "Draft"},
    "nav_gap": {"zh-TW": "缺口檢查", "en": "Gap check"},
    "nav_questionnaire": {"zh-TW": "問卷回覆", "en": "Questionnaire"},
    "nav_settings": {"zh-TW": "設定", "en": "Settings"},
    "ui_language": {"zh-TW": "介面語言", "en": "Interface language"},
    "home_intro": {
        "zh-TW": "以公司自有文件為依據，撰寫淨零與氣候章節、檢查準則缺口、回覆評比與客戶問卷。每一句都附上出處。",
        "en": "Draft net-zero and climate chapters, check disclosures against frameworks and answer rating and customer questionnaires from your own documents. Every sentence cites its source.",
    },
    "corpus_status": {"zh-TW": "證據庫狀態", "en": "Evidence base"},
    "documents": {"zh-TW": "文件數", "en": "Documents"},
    "pages": {"zh-TW": "頁數", "en": "Pages"},
    "chunks": {"zh-TW": "段落數", "en": "Passages"},
    "empty_base": {
        "zh-TW": "證據庫目前是空的。可建立範例公司（晨曜精密電子）的索引，或到「文件」頁上傳自己的文件。",
        "en": "The evidence base is empty. Index the sample company (Chenyao Precision Electronics) or upload your own files on the Documents page.",
    },
    "index_sample": {"zh-TW": "建立範例文件索引", "en": "Index the sample corpus"},
    "upload_label": {"zh-TW": "上傳文件（PDF、Word、Excel、CSV、文字檔）", "en": "Upload files (PDF, Word, Excel, CSV, text)"},
    "add_files": {"zh-TW": "加入證據庫", "en": "Add to evidence base"},
    "added": {"zh-TW": "已加入", "en": "Added"},
    "replaced": {"zh-TW": "已更新", "en": "Replaced"},
    "unchanged": {"zh-TW": "未變更", "en": "Unchanged"},
    "skipped": {"zh-TW": "已略過", "en": "Skipped"},
    "reason": {"zh-TW": "原因", "en": "Reason"},
    "indexed_docs": {"zh-TW": "已索引文件", "en": "Indexed documents"},
    "remove": {"zh-TW": "移除", "en": "Remove"},
    "remove_doc": {"zh-TW": "選擇要移除的文件", "en": "Document to remove"},
    "removed": {"zh-TW": "已移除", "en": "Removed"},
    "search": {"zh-TW": "搜尋證據", "en": "Search the evidence"},
    "search_placeholder": {"zh-TW": "例如：2023年範疇二排放量", "en": "e.g. Scope 2 emissions 2023"},
    "no_results": {"zh-TW": "找不到相關段落。", "en": "No passages found."},
    "no_docs": {"zh-TW": "尚未索引任何文件。", "en": "No documents indexed yet."},
    "file": {"zh-TW": "檔案", "en": "File"},
    "kind": {"zh-TW": "類型", "en": "Type"},
    "languages": {"zh-TW": "語言", "en": "Languages"},
    "warnings": {"zh-TW": "注意事項", "en": "Warnings"},
    "added_at": {"zh-TW": "加入時間", "en": "Added"},
    "results_k": {"zh-TW": "結果數", "en": "Results"},
    "working": {"zh-TW": "處理中…", "en": "Working…"},
    "done": {"zh-TW": "完成", "en": "Done"},
    "error": {"zh-TW": "錯誤", "en": "Error"},
    "coming_soon": {"zh-TW": "此頁功能尚在建置中。", "en": "This page is not built yet."},
}


def lang() -> str:
    return st.session_state.get("ui_lang", "zh-TW")


def t(key: str, **kwargs) -> str:
    entry = STRINGS.get(key)
    if entry is None:
        return key
    text = entry.get(lang()) or entry["en"]
    return text.format(**kwargs) if kwargs else text
