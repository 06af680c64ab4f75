"""Interface strings in 繁體中文 and English. The interface language is chosen per session;
drafting and answering languages are chosen separately on their pages."""
from __future__ import annotations

import re

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
    "nav_workspace": {"zh-TW": "工作區與公司資料", "en": "Workspace & company"},
    "workspace": {"zh-TW": "工作區", "en": "Workspace"},
    "workspace_help": {"zh-TW": "每個工作區是一個報告主體（公司或集團），有自己的文件、公司資料與結果。",
                       "en": "Each workspace is one reporting entity (a company or a group) with its own documents, profile and results."},
    "workspace_new": {"zh-TW": "新增工作區", "en": "New workspace"},
    "workspace_name": {"zh-TW": "工作區代號（小寫英數字、- 或 _）", "en": "Workspace id (lower-case letters, digits, - or _)"},
    "workspace_create": {"zh-TW": "建立", "en": "Create"},
    "workspace_created": {"zh-TW": "已建立工作區 {name}", "en": "Workspace {name} created"},
    "no_company": {"zh-TW": "（尚未設定公司名稱）", "en": "(no company name yet)"},
    "profile": {"zh-TW": "公司資料", "en": "Company profile"},
    "profile_saved": {"zh-TW": "已儲存公司資料", "en": "Profile saved"},
    "save": {"zh-TW": "儲存", "en": "Save"},
    "name_zh": {"zh-TW": "公司中文名稱", "en": "Legal name (Chinese)"},
    "name_en": {"zh-TW": "公司英文名稱", "en": "Legal name (English)"},
    "aliases": {"zh-TW": "簡稱與別名（以逗號分隔）", "en": "Short names and aliases (comma-separated)"},
    "stock_code": {"zh-TW": "股票代號", "en": "Stock code"},
    "industry": {"zh-TW": "產業", "en": "Industry"},
    "reporting_year": {"zh-TW": "報告年度", "en": "Reporting year"},
    "base_year": {"zh-TW": "基準年", "en": "Base year"},
    "capital_tier": {"zh-TW": "實收資本額級距（IFRS S2 適用時程）", "en": "Paid-in capital tier (IFRS S2 timing)"},
    "consolidation": {"zh-TW": "組織邊界（合併方法）", "en": "Consolidation approach"},
    "tier_over-10bn": {"zh-TW": "實收資本額100億元以上", "en": "Paid-in capital NT$10bn or more"},
    "tier_5-10bn": {"zh-TW": "實收資本額50億至100億元", "en": "Paid-in capital NT$5–10bn"},
    "tier_under-5bn": {"zh-TW": "實收資本額未達50億元", "en": "Paid-in capital under NT$5bn"},
    "cons_operational-control": {"zh-TW": "營運控制權法", "en": "Operational control"},
    "cons_financial-control": {"zh-TW": "財務控制權法", "en": "Financial control"},
    "cons_equity-share": {"zh-TW": "股權比例法", "en": "Equity share"},
    "ifrs_s2_from": {"zh-TW": "IFRS S2 自 {year} 年度起適用", "en": "IFRS S2 applies from FY{year}"},
    "home_company": {"zh-TW": "{company} · {year} 年度報告", "en": "{company} · reporting year {year}"},
    "role": {"zh-TW": "角色", "en": "Role"},
    "entity": {"zh-TW": "文件所屬機構", "en": "Organisation"},
    "role_evidence": {"zh-TW": "公司證據", "en": "Evidence"},
    "role_reference": {"zh-TW": "參考文件", "en": "Reference"},
    "role_auto": {"zh-TW": "自動判斷（他公司文件存為參考）", "en": "Automatic (another organisation's → reference)"},
    "role_upload": {"zh-TW": "文件角色", "en": "Document role"},
    "role_upload_help": {"zh-TW": "公司證據會被草稿與問卷引用；參考文件（同業報告、法規、範例）可搜尋，但不會當作公司的事實引用。",
                         "en": "Evidence is cited by drafts and answers; reference documents (peer reports, regulations, examples) are searchable but never cited as the company's facts."},
    "set_role": {"zh-TW": "變更文件角色", "en": "Change a document's role"},
    "set_role_button": {"zh-TW": "變更", "en": "Change"},
    "role_changed": {"zh-TW": "{name} 已改為{role}", "en": "{name} is now {role}"},
    "role_notice": {"zh-TW": "{name} 已存為參考文件：文件屬於 {entity}，未提及本工作區的公司 {company}。草稿與問卷不會引用它；若它是公司自己的文件，請在下方「變更文件角色」改為公司證據。",
                    "en": "{name} was stored as a reference document: it is about {entity} and never names this workspace's company, {company}. Drafts and answers will not cite it; if it is the company's own document, change its role to Evidence below."},
    "docs_by_role": {"zh-TW": "文件（依角色）", "en": "Documents by role"},
    "reference_badge": {"zh-TW": "參考文件", "en": "reference"},
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
    "cancel": {"zh-TW": "取消", "en": "Cancel"},
    "cancel_help": {"zh-TW": "停止目前的工作；已完成的檔案保留，未完成的不會寫入一半。",
                    "en": "Stop the current work; finished files are kept and nothing is half-written."},
    "stopping": {"zh-TW": "正在停止…", "en": "Stopping…"},
    "not_added_cancelled": {"zh-TW": "已取消，未加入", "en": "cancelled, not added"},
    "ingest_cancelled": {"zh-TW": "已取消加入文件：{done} 個檔案已完成並保留，{left} 個未加入（未寫入任何不完整的資料）。",
                         "en": "Adding files was cancelled: {done} file(s) finished and kept, {left} not added (nothing half-written)."},
    "gap_cancelled": {"zh-TW": "缺口檢查已取消，未產生結果；可重新開始。",
                      "en": "The gap check was cancelled; no result was produced. You can start it again."},
    # -- Frameworks page ------------------------------------------------------------------------
    "fw_intro": {
        "zh-TW": "瀏覽各準則框架之揭露要求、所需資料點與跨準則對照；可用中文或英文搜尋，並上傳公司自有之檢核表。",
        "en": "Browse each framework's requirements, the data points they need and their matches in other frameworks; search in Chinese or English, and add your own checklist.",
    },
    "fw_tab_browse": {"zh-TW": "瀏覽", "en": "Browse"},
    "fw_tab_search": {"zh-TW": "搜尋", "en": "Search"},
    "fw_tab_checklist": {"zh-TW": "自訂檢核表", "en": "Your checklists"},
    "fw_pick": {"zh-TW": "準則框架", "en": "Framework"},
    "fw_version": {"zh-TW": "版本", "en": "Version"},
    "fw_source": {"zh-TW": "來源", "en": "Source"},
    "fw_withdrawn": {"zh-TW": "廢止日期", "en": "Withdrawn"},
    "fw_superseded_by": {"zh-TW": "由下列取代", "en": "Superseded by"},
    "fw_withdrawn_note": {
        "zh-TW": "此規範已廢止，僅供對照舊有聲明與報告；新的揭露請改用取代之準則。",
        "en": "This specification is withdrawn and kept only to read older claims and reports; use its successor for new disclosures.",
    },
    "fw_status_active": {"zh-TW": "適用中", "en": "active"},
    "fw_status_upcoming": {"zh-TW": "即將生效", "en": "upcoming"},
    "fw_status_withdrawn": {"zh-TW": "已廢止", "en": "withdrawn"},
    "fw_pillar_governance": {"zh-TW": "治理", "en": "Governance"},
    "fw_pillar_strategy": {"zh-TW": "策略", "en": "Strategy"},
    "fw_pillar_risk-management": {"zh-TW": "風險管理", "en": "Risk management"},
    "fw_pillar_metrics-targets": {"zh-TW": "指標與目標", "en": "Metrics and targets"},
    "fw_kind_narrative": {"zh-TW": "文字敘述", "en": "narrative"},
    "fw_kind_quantity": {"zh-TW": "數值", "en": "quantity"},
    "fw_kind_year": {"zh-TW": "年度", "en": "year"},
    "fw_kind_yes_no": {"zh-TW": "是／否", "en": "yes/no"},
    "fw_kind_list": {"zh-TW": "清單", "en": "list"},
    "fw_kind_date": {"zh-TW": "日期", "en": "date"},
    "fw_kind_percentage": {"zh-TW": "百分比", "en": "percentage"},
    "fw_dp_required": {"zh-TW": "必要", "en": "required"},
    "fw_dp_conditional": {"zh-TW": "視情況", "en": "conditional"},
    "fw_dp_kind": {"zh-TW": "類型", "en": "Kind"},
    "fw_dp_unit": {"zh-TW": "單位", "en": "Unit"},
    "fw_dp_need": {"zh-TW": "必要性", "en": "Required"},
    "fw_dp_condition": {"zh-TW": "適用條件", "en": "Condition"},
    "fw_requirements": {"zh-TW": "揭露要求", "en": "Requirements"},
    "fw_col_code": {"zh-TW": "代碼", "en": "Code"},
    "fw_col_title": {"zh-TW": "名稱", "en": "Title"},
    "fw_col_description": {"zh-TW": "說明", "en": "Description"},
    "fw_col_data_points": {"zh-TW": "所需資料點", "en": "Data points"},
    "fw_col_pillar": {"zh-TW": "構面", "en": "Pillar"},
    "fw_col_chapter": {"zh-TW": "報告章節", "en": "Report chapter"},
    "fw_col_status": {"zh-TW": "狀態", "en": "Status"},
    "fw_col_crosswalk": {"zh-TW": "對照項目數", "en": "Crosswalk links"},
    "fw_col_framework": {"zh-TW": "準則框架", "en": "Framework"},
    "fw_pick_requirement": {"zh-TW": "選擇揭露要求以查看細節與跨準則對照", "en": "Requirement to show in detail, with its crosswalk"},
    "fw_answer_type": {"zh-TW": "回答形式", "en": "Answer type"},
    "fw_legacy_ids": {"zh-TW": "舊版編號", "en": "Earlier ids"},
    "fw_replaces": {"zh-TW": "取代", "en": "Replaces"},
    "fw_data_points": {"zh-TW": "所需資料點", "en": "Data points"},
    "fw_hints": {"zh-TW": "搜尋關鍵字", "en": "Search hints"},
    "fw_crosswalk": {"zh-TW": "跨準則對照：對應項目", "en": "Crosswalk: matching items"},
    "fw_crosswalk_groups": {"zh-TW": "對照群組", "en": "Crosswalk groups"},
    "fw_no_crosswalk": {"zh-TW": "此項目在其他準則框架中沒有對應項目。", "en": "This item has no match in the other frameworks."},
    "fw_phase_in": {"zh-TW": "適用時程", "en": "Phase-in"},
    "fw_tier": {"zh-TW": "級距", "en": "Tier"},
    "fw_list": {"zh-TW": "參考清單", "en": "Reference list"},
    "fw_rules": {"zh-TW": "可自動檢核之規則與門檻", "en": "Machine-checkable rules and thresholds"},
    "fw_rule_numbers": {"zh-TW": "門檻", "en": "Thresholds"},
    "fw_rule_applies_when": {"zh-TW": "適用條件", "en": "Applies when"},
    "fw_search": {"zh-TW": "跨準則搜尋", "en": "Search across frameworks"},
    "fw_search_placeholder": {"zh-TW": "例如：範疇一、轉型計畫、internal carbon price、305-1", "en": "e.g. Scope 1, transition plan, 內部碳定價, 305-1"},
    "fw_search_within": {"zh-TW": "限定準則框架（不選則搜尋全部）", "en": "Limit to frameworks (none = all)"},
    "fw_search_none": {"zh-TW": "找不到相符的揭露要求。", "en": "No matching requirements."},
    "fw_search_hint": {"zh-TW": "在「瀏覽」分頁選擇準則框架與項目，即可查看其跨準則對照。", "en": "Pick the framework and item on the Browse tab to see its crosswalk."},
    "fw_score": {"zh-TW": "相關度", "en": "Score"},
    "fw_checklist_help": {
        "zh-TW": "上傳 CSV 或 XLSX 檢核表：須有編號欄（id／item_id／編號／題號）與問題欄（question／問題／題目／檢核項目），可另加分組欄（group／disclosure／類別／構面）。上傳後可如內建準則框架一樣瀏覽，並在缺口檢查與章節草稿頁使用。",
        "en": "Upload a CSV or XLSX checklist with an id column (id / item_id / 編號 / 題號) and a question column (question / 問題 / 題目 / 檢核項目), plus an optional group column (group / disclosure / 類別 / 構面). It is then shown like a built-in framework and can be used on the Gap check and Draft pages.",
    },
    "fw_checklist_upload": {"zh-TW": "檢核表檔案（CSV、XLSX）", "en": "Checklist file (CSV, XLSX)"},
    "fw_checklist_add": {"zh-TW": "加入檢核表", "en": "Add checklist"},
    "fw_checklist_added": {"zh-TW": "已加入檢核表 {name}：{n} 個項目。", "en": "Added checklist {name}: {n} items."},
    "fw_checklist_linked": {"zh-TW": "已對應內建項目數", "en": "Linked to built-in items"},
    "fw_checklist_none": {"zh-TW": "本次工作階段尚未加入自訂檢核表。", "en": "No checklist added in this session yet."},
    "fw_checklist_remove_pick": {"zh-TW": "選擇要移除的檢核表", "en": "Checklist to remove"},
    # -- GHG & targets page ---------------------------------------------------------------------
    "ghg_intro": {
        "zh-TW": "由溫室氣體盤查清冊計算各範疇、類別、氣體、廠區與年度排放量，檢核減碳目標是否符合 SBTi 準則，並找出文件中與清冊不一致的數字。",
        "en": "Totals by scope, category, gas, site and year from the GHG inventory; SBTi checks of the targets; and the figures in your documents that disagree with the inventory.",
    },
    "ghg_upload": {"zh-TW": "上傳盤查清冊（XLSX 或 CSV；可辨識常見中英文欄位名稱）", "en": "Upload an inventory (XLSX or CSV; common zh-TW/English column names are recognised)"},
    "ghg_template": {"zh-TW": "下載清冊範本", "en": "Download the template"},
    "ghg_no_inventory": {"zh-TW": "尚無盤查清冊：請上傳清冊，或下載範本填寫後上傳。", "en": "No inventory yet: upload one, or download the template, fill it in and upload it."},
    "ghg_source": {"zh-TW": "清冊：{name}（{rows} 筆排放資料，GWP {gwp}）", "en": "Inventory: {name} ({rows} emission rows, GWP {gwp})"},
    "ghg_sample_note": {"zh-TW": "範例公司清冊；上傳自己的清冊即可取代", "en": "the sample company's workbook; upload your own to replace it"},
    "ghg_year": {"zh-TW": "報告年度", "en": "Reporting year"},
    "ghg_s2_method": {"zh-TW": "合計採用之範疇二計算方法", "en": "Scope 2 method used in totals"},
    "ghg_s2_location": {"zh-TW": "範疇二（地點基準）", "en": "Scope 2 (location-based)"},
    "ghg_s2_market": {"zh-TW": "範疇二（市場基準）", "en": "Scope 2 (market-based)"},
    "ghg_scope1": {"zh-TW": "範疇一（公噸CO2e）", "en": "Scope 1 (tCO2e)"},
    "ghg_scope2_location": {"zh-TW": "範疇二地點基準（公噸CO2e）", "en": "Scope 2 location-based (tCO2e)"},
    "ghg_scope2_market": {"zh-TW": "範疇二市場基準（公噸CO2e）", "en": "Scope 2 market-based (tCO2e)"},
    "ghg_scope3": {"zh-TW": "範疇三（公噸CO2e）", "en": "Scope 3 (tCO2e)"},
    "ghg_total": {"zh-TW": "總排放量，{method}（公噸CO2e）", "en": "Total, {method} (tCO2e)"},
    "ghg_delta_note": {"zh-TW": "增減為與 {prev} 年相比。", "en": "Changes are against {prev}."},
    "ghg_scope1_short": {"zh-TW": "範疇一", "en": "Scope 1"},
    "ghg_scope2_short": {"zh-TW": "範疇二", "en": "Scope 2"},
    "ghg_scope3_short": {"zh-TW": "範疇三", "en": "Scope 3"},
    "ghg_total_short": {"zh-TW": "合計", "en": "Total"},
    "ghg_tables": {"zh-TW": "{year} 年排放量明細", "en": "Emissions in {year}"},
    "ghg_table_empty": {"zh-TW": "此表沒有資料。", "en": "No data for this table."},
    "ghg_tab_scope": {"zh-TW": "範疇", "en": "By scope"},
    "ghg_tab_scope2": {"zh-TW": "範疇二兩種方法", "en": "Scope 2 methods"},
    "ghg_tab_iso": {"zh-TW": "ISO 14064-1 類別", "en": "ISO 14064-1 categories"},
    "ghg_tab_s3": {"zh-TW": "範疇三類別", "en": "Scope 3 categories"},
    "ghg_tab_gas": {"zh-TW": "溫室氣體", "en": "By gas"},
    "ghg_tab_facility": {"zh-TW": "廠區", "en": "By site"},
    "ghg_tab_year": {"zh-TW": "歷年", "en": "By year"},
    "ghg_tab_yoy": {"zh-TW": "年增減", "en": "Year on year"},
    "ghg_tab_intensity": {"zh-TW": "排放密集度", "en": "Intensity"},
    "ghg_col_scope": {"zh-TW": "範疇", "en": "Scope"},
    "ghg_col_tco2e": {"zh-TW": "排放量（公噸CO2e）", "en": "tCO2e"},
    "ghg_col_share": {"zh-TW": "占比（%）", "en": "Share (%)"},
    "ghg_col_method": {"zh-TW": "計算方法", "en": "Method"},
    "ghg_col_scope12": {"zh-TW": "範疇一＋二", "en": "Scope 1+2"},
    "ghg_col_total": {"zh-TW": "總排放量", "en": "Total"},
    "ghg_col_category": {"zh-TW": "類別", "en": "Category"},
    "ghg_col_name": {"zh-TW": "名稱", "en": "Name"},
    "ghg_uncategorised": {"zh-TW": "未分類", "en": "Not categorised"},
    "ghg_col_gas": {"zh-TW": "溫室氣體", "en": "Gas"},
    "ghg_col_facility": {"zh-TW": "廠區", "en": "Site"},
    "ghg_col_year": {"zh-TW": "年度", "en": "Year"},
    "ghg_col_yoy": {"zh-TW": "較前一年（%）", "en": "vs previous year (%)"},
    "ghg_col_metric": {"zh-TW": "項目", "en": "Metric"},
    "ghg_col_previous_year": {"zh-TW": "前一年度", "en": "Previous year"},
    "ghg_col_previous": {"zh-TW": "前一年度排放量", "en": "Previous"},
    "ghg_col_value": {"zh-TW": "本年度排放量", "en": "Value"},
    "ghg_col_change": {"zh-TW": "增減（公噸CO2e）", "en": "Change (tCO2e)"},
    "ghg_col_change_pct": {"zh-TW": "增減（%）", "en": "Change (%)"},
    "ghg_metric_scope1": {"zh-TW": "範疇一", "en": "Scope 1"},
    "ghg_metric_scope2": {"zh-TW": "範疇二", "en": "Scope 2"},
    "ghg_metric_scope3": {"zh-TW": "範疇三", "en": "Scope 3"},
    "ghg_metric_scope1_2": {"zh-TW": "範疇一＋二", "en": "Scope 1+2"},
    "ghg_metric_total": {"zh-TW": "總排放量", "en": "Total"},
    "ghg_col_per": {"zh-TW": "分母", "en": "Per"},
    "ghg_per_revenue": {"zh-TW": "營業收入", "en": "revenue"},
    "ghg_per_production": {"zh-TW": "產量", "en": "unit of production"},
    "ghg_col_denominator": {"zh-TW": "分母數值", "en": "Denominator"},
    "ghg_col_intensity": {"zh-TW": "密集度", "en": "Intensity"},
    "ghg_col_unit": {"zh-TW": "單位", "en": "Unit"},
    "ghg_download_xlsx": {"zh-TW": "下載所有表格（XLSX）", "en": "Download all tables (XLSX)"},
    "ghg_fee": {"zh-TW": "碳費估算", "en": "Carbon fee estimate"},
    "ghg_fee_rate": {"zh-TW": "費率", "en": "Rate"},
    "ghg_fee_rate_general": {"zh-TW": "一般費率（每公噸新台幣300元）", "en": "General (NT$300/t)"},
    "ghg_fee_rate_preferential_A": {"zh-TW": "優惠費率A（每公噸新台幣50元）", "en": "Preferential A (NT$50/t)"},
    "ghg_fee_rate_preferential_B": {"zh-TW": "優惠費率B（每公噸新台幣100元）", "en": "Preferential B (NT$100/t)"},
    "ghg_fee_per_site": {"zh-TW": "各廠分別計算", "en": "Per site"},
    "ghg_fee_leakage": {"zh-TW": "經認定之高碳洩漏風險事業", "en": "Approved high-leakage-risk entity"},
    "ghg_fee_amount": {"zh-TW": "碳費（新台幣／年）", "en": "Fee (NT$ a year)"},
    "ghg_fee_chargeable": {"zh-TW": "收費排放量（公噸CO2e）", "en": "Chargeable tCO2e"},
    "ghg_fee_liable": {"zh-TW": "達徵收門檻", "en": "Liable"},
    "ghg_issues": {"zh-TW": "重新計算檢查", "en": "Recomputation check"},
    "ghg_issues_found": {"zh-TW": "{n} 筆資料需要檢視（填報排放量與依活動數據重新計算之結果不一致等）。", "en": "{n} row(s) to review (stated emissions that disagree with the recomputation, and similar)."},
    "ghg_issues_none": {"zh-TW": "所有附活動數據之資料列，重新計算結果均與填報排放量一致。", "en": "Every row with activity data recomputes to its stated emissions."},
    "ghg_col_issue": {"zh-TW": "問題", "en": "Issue"},
    "ghg_col_where": {"zh-TW": "位置", "en": "Where"},
    "ghg_col_stated": {"zh-TW": "填報值", "en": "Stated"},
    "ghg_col_computed": {"zh-TW": "重新計算值", "en": "Recomputed"},
    "ghg_col_difference": {"zh-TW": "差異", "en": "Difference"},
    "ghg_col_message": {"zh-TW": "說明", "en": "Explanation"},
    "ghg_issue_emissions_mismatch": {"zh-TW": "排放量不一致", "en": "Emissions disagree"},
    "ghg_issue_gwp_differs": {"zh-TW": "GWP 值不同", "en": "GWP differs"},
    "ghg_issue_unit_mismatch": {"zh-TW": "單位無法換算", "en": "Units do not match"},
    "ghg_issue_unknown_gas": {"zh-TW": "未知氣體", "en": "Unknown gas"},
    "ghg_issue_not_recomputed": {"zh-TW": "無法重新計算", "en": "Not recomputed"},
    "ghg_issue_unreadable_value": {"zh-TW": "數值無法讀取", "en": "Unreadable value"},
    "ghg_targets": {"zh-TW": "減碳目標", "en": "Targets"},
    "ghg_targets_upload": {"zh-TW": "上傳減碳目標（CSV 或 XLSX；未上傳時使用清冊中的「減碳目標」工作表）", "en": "Upload targets (CSV or XLSX; otherwise the inventory's 減碳目標 sheet is used)"},
    "ghg_targets_none": {"zh-TW": "沒有減碳目標：清冊中沒有「減碳目標」工作表，也未上傳目標檔。", "en": "No targets: the inventory has no 減碳目標 sheet and no targets file was uploaded."},
    "ghg_targets_from": {"zh-TW": "目標來源：{source}", "en": "Targets from {source}"},
    "ghg_col_target": {"zh-TW": "目標", "en": "Target"},
    "ghg_col_type": {"zh-TW": "類型", "en": "Type"},
    "ghg_type_absolute": {"zh-TW": "絕對減量", "en": "absolute"},
    "ghg_type_intensity": {"zh-TW": "密集度", "en": "intensity"},
    "ghg_type_other": {"zh-TW": "其他", "en": "other"},
    "ghg_col_base_year": {"zh-TW": "基準年", "en": "Base year"},
    "ghg_col_base_emissions": {"zh-TW": "基準年排放量", "en": "Base-year emissions"},
    "ghg_col_target_year": {"zh-TW": "目標年", "en": "Target year"},
    "ghg_col_reduction": {"zh-TW": "減量幅度（%）", "en": "Reduction (%)"},
    "ghg_col_annual_rate": {"zh-TW": "年均線性減量（%／年）", "en": "Linear rate (%/yr)"},
    "ghg_col_horizon": {"zh-TW": "期間", "en": "Horizon"},
    "ghg_horizon_near-term": {"zh-TW": "近期", "en": "near-term"},
    "ghg_horizon_long-term": {"zh-TW": "長期", "en": "long-term"},
    "ghg_col_coverage": {"zh-TW": "涵蓋比例（%）", "en": "Coverage (%)"},
    "ghg_col_year_set": {"zh-TW": "設定年", "en": "Year set"},
    "ghg_col_sbti_status": {"zh-TW": "SBTi 狀態", "en": "SBTi status"},
    "ghg_sbti_pass": {"zh-TW": "SBTi 檢核：所有可判斷之規則均符合。", "en": "SBTi check: every rule that could be judged is met."},
    "ghg_sbti_fail": {"zh-TW": "SBTi 檢核：{n} 項未符合，請依下列說明修正。", "en": "SBTi check: {n} rule(s) not met — see what to change below."},
    "ghg_sbti_unknown": {"zh-TW": "SBTi 檢核：資料不足，無法判斷。", "en": "SBTi check: not enough data to judge."},
    "ghg_sbti_checks": {"zh-TW": "SBTi 檢核結果", "en": "SBTi checks"},
    "ghg_col_result": {"zh-TW": "結果", "en": "Result"},
    "ghg_col_rule": {"zh-TW": "規則", "en": "Rule"},
    "ghg_passed": {"zh-TW": "符合", "en": "passed"},
    "ghg_failed": {"zh-TW": "未符合", "en": "failed"},
    "ghg_not_judged": {"zh-TW": "未判斷", "en": "not judged"},
    "ghg_all_targets": {"zh-TW": "（整體目標組合）", "en": "(all targets together)"},
    "ghg_progress": {"zh-TW": "目標進度", "en": "Progress against targets"},
    "ghg_col_latest_year": {"zh-TW": "最新年度", "en": "Latest year"},
    "ghg_col_done": {"zh-TW": "已減量（%）", "en": "Reduced so far (%)"},
    "ghg_col_expected": {"zh-TW": "線性路徑應減（%）", "en": "Pathway expects (%)"},
    "ghg_col_on_track": {"zh-TW": "進度", "en": "Status"},
    "ghg_on_track": {"zh-TW": "符合路徑", "en": "on track"},
    "ghg_behind": {"zh-TW": "落後路徑", "en": "behind"},
    "ghg_charts": {"zh-TW": "圖表", "en": "Charts"},
    "ghg_pick_target": {"zh-TW": "減量路徑圖之目標", "en": "Target for the pathway chart"},
    "ghg_consistency": {"zh-TW": "文件數字一致性檢查", "en": "Consistency of figures in documents"},
    "ghg_consistency_help": {
        "zh-TW": "比對已索引文件中的排放數字（數值＋單位＋範疇／類別＋年度）與盤查清冊，列出不一致之處與雙方出處。",
        "en": "Compares emission figures in the indexed documents (number + unit + scope/category + year) with the inventory and lists each disagreement with both sources.",
    },
    "ghg_consistency_run": {"zh-TW": "比對文件與清冊", "en": "Check documents against the inventory"},
    "ghg_passages_read": {"zh-TW": "已讀段落", "en": "Passages read"},
    "ghg_figures_found": {"zh-TW": "找到之排放數字", "en": "Figures found"},
    "ghg_agreements": {"zh-TW": "一致", "en": "Agree"},
    "ghg_disagreements": {"zh-TW": "不一致", "en": "Disagree"},
    "ghg_disagreements_found": {"zh-TW": "有 {n} 個數字與盤查清冊不一致。", "en": "{n} figure(s) disagree with the inventory."},
    "ghg_no_disagreements": {"zh-TW": "文件中的排放數字均與盤查清冊一致。", "en": "Every emission figure in the documents agrees with the inventory."},
    "ghg_col_document": {"zh-TW": "文件出處", "en": "Document"},
    "ghg_col_document_value": {"zh-TW": "文件數字", "en": "Document says"},
    "ghg_col_inventory": {"zh-TW": "清冊出處", "en": "Inventory source"},
    "ghg_col_inventory_rows": {"zh-TW": "清冊列號", "en": "Inventory rows"},
    "ghg_col_inventory_value": {"zh-TW": "清冊數字（公噸CO2e）", "en": "Inventory (tCO2e)"},
    "ghg_col_sentence": {"zh-TW": "原文", "en": "Sentence"},
    "ghg_inventory_ref": {"zh-TW": "{source}，工作表 {sheet}，{n} 列合計", "en": "{source}, sheet {sheet}, sum of {n} rows"},
    "doc_added_stats": {"zh-TW": "{pages} 頁、{chunks} 個段落，語言：{langs}", "en": "{pages} pages, {chunks} passages, languages: {langs}"},
    "choose_options": {"zh-TW": "請選擇", "en": "Choose options"},
    "upload_button": {"zh-TW": "選擇檔案", "en": "Upload"},
    "upload_limit": {"zh-TW": "可拖放檔案至此；每個檔案上限 {mb}MB", "en": "{mb}MB per file"},
}

# What a document's language tags and the converters' warnings say, in the interface language.
LANGUAGE_NAMES = {"zh": {"zh-TW": "中文", "en": "Chinese"}, "en": {"zh-TW": "英文", "en": "English"},
                  "mixed": {"zh-TW": "中英混合", "en": "mixed"}}
WARNING_PATTERNS = [
    (re.compile(r"^read as (\S+)$"), {"zh-TW": "檔案非 UTF-8 編碼，已以 {0} 編碼讀取", "en": "not UTF-8: read as {0}"}),
    (re.compile(r"^pages (.+) could not be read and were skipped$"),
     {"zh-TW": "第 {0} 頁無法讀取，已略過", "en": "pages {0} could not be read and were skipped"}),
    (re.compile(r"^pages (.+) have little or no text \(images or scanned\)$"),
     {"zh-TW": "第 {0} 頁幾乎沒有文字（圖片或掃描頁）", "en": "pages {0} have little or no text (images or scanned)"}),
    (re.compile(r"^sheet '(.+)' is empty$"), {"zh-TW": "工作表「{0}」是空的", "en": "sheet '{0}' is empty"}),
    (re.compile(r"^no body text outside the table of contents / index / reference pages$"),
     {"zh-TW": "目錄、索引與參考頁以外沒有內文", "en": "no body text outside the table of contents / index / reference pages"}),
]


def lang() -> str:
    return st.session_state.get("ui_lang", "zh-TW")


STATUS_NAMES = {"covered": {"zh-TW": "已涵蓋", "en": "covered"}, "partial": {"zh-TW": "部分涵蓋", "en": "partial"},
                "missing": {"zh-TW": "缺漏", "en": "missing"}}


def requirement_label(ref: str, ui: str | None = None) -> str:
    """'tcfd:G-a' as a reader sees it: framework, code and title in the interface language."""
    from frameworks.library import default_library

    return default_library().requirement_label(ref, ui or lang())


def language_names(codes, ui: str | None = None) -> str:
    """Language tags of a document ('zh', 'en', 'mixed') as names in the interface language."""
    ui = ui or lang()
    sep = "、" if ui == "zh-TW" else ", "
    return sep.join(LANGUAGE_NAMES.get(c, {}).get(ui, c) for c in codes) or "—"


def warning_text(warning: str, ui: str | None = None) -> str:
    """A converter's warning in the interface language (an unknown one as it was written)."""
    ui = ui or lang()
    for pattern, texts in WARNING_PATTERNS:
        m = pattern.match(warning)
        if m:
            return texts.get(ui, texts["en"]).format(*m.groups())
    return warning


def uploader_css(ui: str | None = None, max_mb: int = 200) -> str:
    """Style that replaces Streamlit's own English upload texts ('Upload', '200MB per file • PDF…')
    with the interface language's; empty for English (Streamlit's texts are English)."""
    ui = ui or lang()
    if ui == "en":
        return ""
    button = STRINGS["upload_button"][ui].replace('"', "")
    limit = STRINGS["upload_limit"][ui].format(mb=max_mb).replace('"', "")
    up = '[data-testid="stFileUploaderDropzone"] button:not([data-testid="stFileChips"] *)'  # not a file chip's delete button
    return ("<style>"
            f"{up} span, {up} p{{font-size:0 !important;}}"
            f'{up} [data-testid="stIconMaterial"]{{display:none;}}'
            f'{up}::after{{content:"{button}";font-size:0.9rem;white-space:nowrap;}}'
            '[data-testid="stFileUploaderDropzoneInstructions"] *{font-size:0 !important;}'
            f'[data-testid="stFileUploaderDropzoneInstructions"]::after{{content:"{limit}";font-size:0.8rem;opacity:0.7;}}'
            "</style>")


def t(key: str, **kwargs) -> str:
    entry = STRINGS.get(key)
    if entry is None:
        return key
    text = entry.get(lang()) or entry["en"]
    return text.format(**kwargs) if kwargs else text
