"""Draft page: choose a chapter, frameworks, language and mode; read the draft with its citations and
placeholders; edit it, re-run the check on the edited text; download DOCX and Markdown.
The page only reads widgets and calls the drafting engine."""
import streamlit as st

from ui.i18n import lang, t
from ui.state import get_evidence_base, get_settings, show_error

S = {
    "intro": {"zh-TW": "依證據庫與溫室氣體盤查清冊撰寫章節草稿；每一句都附出處，證據不足處以【待補】標示並列入待補事項。",
              "en": "Draft a chapter from the evidence base and the GHG inventory; every sentence cites its source, and what the evidence does not support is marked [TO FILL] and listed as a gap."},
    "chapter": {"zh-TW": "章節", "en": "Chapter"},
    "frameworks": {"zh-TW": "須符合之準則", "en": "Frameworks to satisfy"},
    "draft_lang": {"zh-TW": "撰寫語言", "en": "Drafting language"},
    "mode": {"zh-TW": "撰寫模式", "en": "Mode"},
    "grounded": {"zh-TW": "依據證據（不使用語言模型）", "en": "Grounded (no language model)"},
    "llm": {"zh-TW": "語言模型（輸出經數字與出處檢核）", "en": "Language model (output checked for numbers and citations)"},
    "llm_off": {"zh-TW": "尚未設定語言模型（請於「設定」頁選擇語言模型後端），目前僅能使用依據證據模式。",
                "en": "No language model is configured (llm_backend in Settings); grounded mode only."},
    "inventory": {"zh-TW": "溫室氣體盤查清冊", "en": "GHG inventory"},
    "no_inventory": {"zh-TW": "（不使用盤查清冊）", "en": "(no inventory)"},
    "year": {"zh-TW": "報導年度（0 = 清冊最新年度）", "en": "Reporting year (0 = latest in the inventory)"},
    "make": {"zh-TW": "產生草稿", "en": "Draft"},
    "drafting": {"zh-TW": "撰寫中…", "en": "Drafting…"},
    "empty": {"zh-TW": "證據庫是空的，請先到「文件」頁加入文件。", "en": "The evidence base is empty — add documents on the Documents page first."},
    "summary": {"zh-TW": "{n} 句 · {p} 個待補 · {g} 項缺口 · {r} 句經檢核剔除",
                "en": "{n} sentences · {p} placeholders · {g} gap items · {r} sentences refused"},
    "sources": {"zh-TW": "資料來源", "en": "Sources"},
    "gaps": {"zh-TW": "待補事項", "en": "Gap items"},
    "requirement": {"zh-TW": "準則要求", "en": "Requirement"},
    "missing": {"zh-TW": "缺少之資訊", "en": "Missing"},
    "required": {"zh-TW": "必要", "en": "Required"},
    "rejected": {"zh-TW": "經檢核剔除之句子", "en": "Sentences refused by the check"},
    "notes": {"zh-TW": "審閱提醒", "en": "Review notes"},
    "edit": {"zh-TW": "編輯草稿（句末 [n] 為出處編號）", "en": "Edit the draft ([n] after a sentence is its source)"},
    "recheck": {"zh-TW": "重新檢核編輯後文字", "en": "Re-run the check on the edited text"},
    "check_ok": {"zh-TW": "檢核通過：每句皆有出處，數字皆見於所引證據或計算資料。",
                 "en": "Check passed: every sentence cites a source and every number appears in what it cites."},
    "check_bad": {"zh-TW": "{n} 句未通過檢核：", "en": "{n} sentence(s) fail the check:"},
    "open_placeholders": {"zh-TW": "尚有 {n} 處待補。", "en": "{n} placeholder(s) still open."},
    "download_docx": {"zh-TW": "下載 Word（DOCX）", "en": "Download Word (DOCX)"},
    "download_md": {"zh-TW": "下載 Markdown", "en": "Download Markdown"},
    "edited_note": {"zh-TW": "下載內容為編輯後版本。", "en": "Downloads contain the edited version."},
    "computed": {"zh-TW": "依盤查清冊計算", "en": "computed from the inventory"},
}


def tr(key: str, **kw) -> str:
    entry = S[key]
    text = entry.get(lang()) or entry["en"]
    return text.format(**kw) if kw else text


st.title(t("nav_draft"))
st.write(tr("intro"))

settings = get_settings()
try:
    from disclosure import services

    workspace = get_evidence_base()
    docs = workspace.own_evidence().documents()  # a draft cites the company's own documents only
    from disclosure.drafting import available_chapters
    from disclosure.drafting.export import editable_markdown, to_docx, to_markdown
    from disclosure.drafting.validation import recheck_edited_text, reference_numbers
    from frameworks.library import default_library

    library = default_library()
except Exception as exc:
    show_error(exc)
    st.stop()

if not docs:
    st.info(tr("empty"))
    st.stop()

ui_zh = lang().startswith("zh")
chapters = available_chapters(lang())
fw_ids = [f.id for f in library.list_frameworks(include_withdrawn=False)]
fw_names = {f.id: (f.name.zh if ui_zh else f.name.en) for f in library.list_frameworks()}

c1, c2 = st.columns([2, 3])
chapter = c1.selectbox(tr("chapter"), [c for c, _ in chapters], format_func=dict(chapters).get, key="draft_chapter")
frameworks = c2.multiselect(tr("frameworks"), fw_ids, default=[f for f in ("gri", "tcfd", "ifrs_s2", "twse") if f in fw_ids],
                            format_func=lambda f: fw_names.get(f, f), key="draft_frameworks", placeholder=t("choose_options"))
c3, c4, c5 = st.columns(3)
draft_lang = c3.radio(tr("draft_lang"), ["zh-TW", "en"], format_func={"zh-TW": "繁體中文", "en": "English"}.get,
                      horizontal=True, key="draft_lang")
llm_ready = settings.llm_backend != "none"
mode_labels = {m: tr(m) for m in ("grounded", "llm")}  # captured now: AppTest formats outside the run
mode = c4.radio(tr("mode"), ["grounded", "llm"] if llm_ready else ["grounded"], format_func=mode_labels.get, key="draft_mode")
if not llm_ready:
    c4.caption(tr("llm_off"))
year = c5.number_input(tr("year"), min_value=0, max_value=2100, value=0, step=1, key="draft_year")

inv_default = services.company_inventory(workspace)
inv_options = [None] + ([str(inv_default)] if inv_default else [])
no_inv = tr("no_inventory")
inventory = st.selectbox(tr("inventory"), inv_options, index=len(inv_options) - 1,
                         format_func=lambda p: no_inv if p is None else p.split("/")[-1], key="draft_inventory")

if st.button(tr("make"), type="primary", disabled=not frameworks, key="draft_make"):
    with st.spinner(tr("drafting")):
        try:
            # The chat model is built from this session's settings: the cached evidence base's copy of
            # the settings carries no API key (it is not part of the cache key).
            chat_model = None
            if mode == "llm":
                from disclosure.chat import make_chat_model

                chat_model = make_chat_model(settings)
            d = services.draft(workspace, chapter, frameworks, draft_lang, mode=mode, inventory=inventory,
                               year=year or None, chat_model=chat_model)
            st.session_state["draft"] = d
            st.session_state["draft_edit"] = editable_markdown(d)
            st.session_state.pop("draft_check", None)
            st.session_state.pop("draft_edited", None)
        except Exception as exc:
            show_error(exc)

d = st.session_state.get("draft")
if d is not None:
    refs = reference_numbers(d)
    sentences = d.sentences()
    st.caption(tr("summary", n=len(sentences), p=sum(s.placeholder for s in sentences), g=len(d.gaps), r=len(d.rejected)))
    for sec in d.sections:
        title = (f"{sec.number}、{sec.title}" if ui_zh else f"{sec.number}. {sec.title}") if sec.number else sec.title
        st.subheader(title)
        heading = None
        tables_after = {}
        for tb in sec.tables:
            tables_after.setdefault(tb.after_topic, []).append(tb)
        for i, p in enumerate(sec.paragraphs):
            if p.heading and p.heading != heading:
                st.markdown(f"#### {p.heading}")
                heading = p.heading
            parts = []
            for s in p.sentences:
                nums = "".join(f"<sup>[{refs[c.ref]}]</sup>" for c in s.citations if c.ref in refs)
                text = s.text.replace("<", "&lt;")
                parts.append(f"<mark>{text}</mark>" if s.placeholder else text + nums)
            st.markdown(("" if draft_lang == "zh-TW" else " ").join(parts), unsafe_allow_html=True)
            st.caption(" · ".join(library.requirement_label(r, lang()) for r in p.requirement_ids))
            nxt = sec.paragraphs[i + 1].topic if i + 1 < len(sec.paragraphs) else None
            if p.topic != nxt:
                for tb in tables_after.pop(p.topic, []):
                    st.markdown(f"**{tb.title}**")
                    st.table({c: [r[j] for r in tb.rows] for j, c in enumerate(tb.columns)})
        for tbs in tables_after.values():
            for tb in tbs:
                st.markdown(f"**{tb.title}**")
                st.table({c: [r[j] for r in tb.rows] for j, c in enumerate(tb.columns)})
    for tb in d.tables:
        st.markdown(f"**{tb.title}**")
        st.table({c: [r[j] for r in tb.rows] for j, c in enumerate(tb.columns)})

    with st.expander(f"{tr('sources')} ({len(refs)})"):
        for ref, n in sorted(refs.items(), key=lambda kv: kv[1]):
            item = d.evidence[ref]
            label = item.citation().label() + (f" — {tr('computed')}" if item.kind == "computed" else "")
            st.markdown(f"**[{n}] {label}**")
            st.text(item.text[:800])
    if d.gaps:
        with st.expander(f"{tr('gaps')} ({len(d.gaps)})", expanded=True):
            st.dataframe([{tr("requirement"): library.requirement_label(g.requirement_id, lang()), tr("missing"): g.missing, tr("required"): g.required}
                          for g in d.gaps], hide_index=True, width="stretch")
    if d.rejected:
        with st.expander(f"{tr('rejected')} ({len(d.rejected)})"):
            for r in d.rejected:
                st.markdown(f"~~{r.text}~~ — {'; '.join(r.reasons)}")
    if d.review_notes:
        with st.expander(tr("notes"), expanded=True):
            for n in d.review_notes:
                st.warning(n)

    edited_text = st.text_area(tr("edit"), key="draft_edit", height=360)
    if st.button(tr("recheck"), key="draft_recheck"):
        try:
            st.session_state["draft_check"] = recheck_edited_text(edited_text, d)
        except Exception as exc:
            show_error(exc)
    check = st.session_state.get("draft_check")
    final = d
    if check is not None:
        final = check.draft
        if check.failures:
            st.error(tr("check_bad", n=len(check.failures)))
            for c in check.failures:
                st.markdown(f"- {c.text} — {'; '.join(c.reasons)}")
        else:
            st.success(tr("check_ok"))
        if check.placeholders:
            st.warning(tr("open_placeholders", n=len(check.placeholders)))
        st.caption(tr("edited_note"))
    c6, c7 = st.columns(2)
    name = f"{d.chapter}_{d.lang}"
    c6.download_button(tr("download_docx"), to_docx(final), file_name=f"{name}.docx", key="draft_dl_docx",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    c7.download_button(tr("download_md"), to_markdown(final).encode("utf-8"), file_name=f"{name}.md",
                       mime="text/markdown", key="draft_dl_md")
