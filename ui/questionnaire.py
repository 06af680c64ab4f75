"""Questionnaire page: answer a built-in question set or an imported CSV/XLSX questionnaire from the
evidence base, compare with last year's answers, edit, and download the filled-in workbook."""
import pandas as pd
import streamlit as st

from disclosure.errors import QuestionnaireFormatError
from disclosure.questionnaire import (
    ROLES, builtin_questionnaire, edit_answer, list_sets, read_previous_answers, read_questionnaire,
    to_json, to_xlsx_bytes,
)
from disclosure.questionnaire.export import citations_text, format_value
from ui.i18n import lang, t
from disclosure import services
from ui.state import cancellable, get_evidence_base, long_task, show_error

STRINGS = {
    "title": {"zh-TW": "問卷回覆", "en": "Questionnaire"},
    "intro": {"zh-TW": "以證據庫與溫室氣體盤查回覆 CDP、評比與客戶問卷。每個答案附出處；找不到證據的題目標示「無證據」，不會猜測。",
              "en": "Answer CDP, rating and customer questionnaires from the evidence base and the GHG inventory. Every answer cites its source; questions without evidence are marked “no evidence”, never guessed."},
    "source": {"zh-TW": "問卷來源", "en": "Questionnaire"},
    "builtin": {"zh-TW": "內建題組", "en": "Built-in set"},
    "import": {"zh-TW": "匯入問卷檔（CSV/XLSX）", "en": "Import a file (CSV/XLSX)"},
    "set": {"zh-TW": "題組", "en": "Question set"},
    "questions_n": {"zh-TW": "題", "en": "questions"},
    "file": {"zh-TW": "問卷檔", "en": "Questionnaire file"},
    "mapping_needed": {"zh-TW": "無法辨識題號或題目欄位，請指定各欄位的用途：",
                       "en": "The question id or text column was not recognised. Tell us which column is which:"},
    "role_id": {"zh-TW": "題號", "en": "Question id"},
    "role_text": {"zh-TW": "題目", "en": "Question text"},
    "role_type": {"zh-TW": "答題類型", "en": "Answer type"},
    "role_options": {"zh-TW": "選項", "en": "Options"},
    "role_unit": {"zh-TW": "單位", "en": "Unit"},
    "role_answer": {"zh-TW": "既有答案", "en": "Existing answer"},
    "role_section": {"zh-TW": "章節", "en": "Section"},
    "none": {"zh-TW": "（無）", "en": "(none)"},
    "use_mapping": {"zh-TW": "套用欄位對應", "en": "Use this mapping"},
    "loaded": {"zh-TW": "已讀入 {n} 題（語言：{lang}）", "en": "Read {n} questions (language: {lang})"},
    "answer_lang": {"zh-TW": "回覆語言", "en": "Answer language"},
    "auto": {"zh-TW": "依問卷語言", "en": "the questionnaire's language"},
    "previous": {"zh-TW": "去年的答案（選用，CSV/XLSX，含題號與答案欄）",
                 "en": "Last year's answers (optional, CSV/XLSX with id and answer columns)"},
    "previous_read": {"zh-TW": "已讀入去年答案 {n} 則", "en": "Read {n} answers from last year"},
    "run": {"zh-TW": "產生回覆", "en": "Answer the questionnaire"},
    "need_questions": {"zh-TW": "請先選擇題組或匯入問卷。", "en": "Pick a built-in set or import a questionnaire first."},
    "empty_base": {"zh-TW": "證據庫是空的：請先到「文件」頁加入文件。", "en": "The evidence base is empty: add documents on the Documents page first."},
    "cancelled": {"zh-TW": "已取消；顯示已完成的題目。", "en": "Cancelled; showing the questions answered so far."},
    "answered": {"zh-TW": "已回覆", "en": "answered"},
    "partial": {"zh-TW": "部分", "en": "partial"},
    "no_evidence": {"zh-TW": "無證據", "en": "no evidence"},
    "stale": {"zh-TW": "去年答案已過時", "en": "stale last-year answers"},
    "high": {"zh-TW": "高", "en": "high"},
    "medium": {"zh-TW": "中", "en": "medium"},
    "low": {"zh-TW": "低", "en": "low"},
    "filter": {"zh-TW": "狀態篩選", "en": "Filter by status"},
    "col_id": {"zh-TW": "題號", "en": "ID"},
    "col_question": {"zh-TW": "題目", "en": "Question"},
    "col_answer": {"zh-TW": "回覆", "en": "Answer"},
    "col_status": {"zh-TW": "狀態", "en": "Status"},
    "col_confidence": {"zh-TW": "信心", "en": "Confidence"},
    "col_citations": {"zh-TW": "出處", "en": "Citations"},
    "col_stale": {"zh-TW": "過時", "en": "Stale"},
    "edit_title": {"zh-TW": "修改答案", "en": "Edit an answer"},
    "edit_hint": {"zh-TW": "修改過的答案會標示為人工編修，並檢查其中數字是否有出處；下載的 XLSX 會使用修改後的答案。",
                  "en": "Edited answers are marked as edited and their figures are checked against the cited evidence; the XLSX download uses the edited text."},
    "apply_edits": {"zh-TW": "儲存修改", "en": "Save the edit"},
    "edits_applied": {"zh-TW": "已儲存 {n} 則修改。", "en": "Saved {n} edit(s)."},
    "unsupported": {"zh-TW": "{qid}：數字 {nums} 不在引用的證據或原答案中，請確認。",
                    "en": "{qid}: the figure(s) {nums} are not in the cited evidence or the drafted answer — please check."},
    "stale_title": {"zh-TW": "與去年答案不一致", "en": "Changed since last year"},
    "was": {"zh-TW": "去年", "en": "last year"},
    "now": {"zh-TW": "今年", "en": "now"},
    "details": {"zh-TW": "逐題明細與引文", "en": "Answer details and quotes"},
    "notes": {"zh-TW": "審閱提醒", "en": "Review notes"},
    "download_xlsx": {"zh-TW": "下載 XLSX", "en": "Download XLSX"},
    "download_json": {"zh-TW": "下載 JSON", "en": "Download JSON"},
}


def s(key: str, **kw) -> str:
    text = STRINGS[key].get(lang(), STRINGS[key]["en"])
    return text.format(**kw) if kw else text


st.title(s("title"))
st.caption(s("intro"))
workspace = get_evidence_base()  # answers speak for the company: services.answer reads its own documents only

# format functions are plain dicts built now: AppTest (and Streamlit) may call them outside this run
mode_label = {"builtin": s("builtin"), "import": s("import")}
mode = st.radio(s("source"), list(mode_label), format_func=mode_label.get, horizontal=True, key="qn_mode")
questionnaire = None
if mode == "builtin":
    sets = list_sets("zh-TW" if lang() == "zh-TW" else "en")
    labels = {sid: f"{title} ({n} {s('questions_n')})" for sid, title, n in sets}
    default = [sid for sid, _, _ in sets].index("supplier_carbon") if any(x[0] == "supplier_carbon" for x in sets) else 0
    set_id = st.selectbox(s("set"), list(labels), index=default, format_func=labels.get, key="qn_set")
    try:
        questionnaire = builtin_questionnaire(set_id)
    except Exception as exc:  # a broken data file must not take the page down
        show_error(exc)
else:
    up = st.file_uploader(s("file"), type=["csv", "xlsx"], key="qn_file")
    if up is not None:
        mapping = st.session_state.get("qn_mapping", {}).get(up.name)
        try:
            questionnaire = read_questionnaire(up.getvalue(), up.name, mapping=mapping)
        except QuestionnaireFormatError as exc:
            st.warning(s("mapping_needed"))
            cols = exc.columns
            choice: dict[str, str] = {}
            grid = st.columns(4)
            col_label = {c: c for c in cols} | {"": s("none")}
            for i, role in enumerate(ROLES):
                opts = [""] + cols
                guess = exc.guess.get(role, "")
                picked = grid[i % 4].selectbox(s(f"role_{role}"), opts, index=opts.index(guess) if guess in opts else 0,
                                               format_func=col_label.get, key=f"qn_map_{role}")
                if picked:
                    choice[role] = picked
            if st.button(s("use_mapping"), key="qn_apply_mapping"):
                st.session_state.setdefault("qn_mapping", {})[up.name] = choice
                st.rerun()
        except Exception as exc:
            show_error(exc)
    if questionnaire is not None:
        st.success(s("loaded", n=len(questionnaire.questions), lang=questionnaire.language))

c1, c2 = st.columns(2)
lang_label = {"auto": s("auto"), "zh-TW": "繁體中文", "en": "English"}
answer_lang = c1.selectbox(s("answer_lang"), list(lang_label), key="qn_lang", format_func=lang_label.get)
prev_file = c2.file_uploader(s("previous"), type=["csv", "xlsx"], key="qn_previous")
previous = None
if prev_file is not None:
    try:
        previous = read_previous_answers(prev_file.getvalue(), prev_file.name)
        c2.caption(s("previous_read", n=len(previous)))
    except Exception as exc:  # an unreadable file is a message, never a stack trace
        show_error(exc)

task = long_task("questionnaire")
if task.interrupted:
    with st.spinner(t("stopping")):
        task.stop_and_wait()
    if task.status != "finished":
        st.warning(s("cancelled"))
    task.reset()

if st.button(s("run"), type="primary", key="qn_run"):
    if questionnaire is None:
        st.warning(s("need_questions"))
    elif not workspace.own_evidence().documents():
        st.warning(s("empty_base"))
    else:
        with cancellable(task, "qn_cancel") as run:
            sheet = services.answer(
                workspace, questionnaire, lang=None if answer_lang == "auto" else answer_lang, previous=previous,
                previous_source=prev_file.name if prev_file is not None else None,
                progress=lambda done, total: run.bar.progress(done / max(total, 1), text=f"{done}/{total}"),
                cancel=task.cancel.is_set)
            st.session_state["qn_sheet"] = sheet  # before any page call (see ui.state.cancellable)
            if sheet.cancelled:
                st.warning(s("cancelled"))


sheet = st.session_state.get("qn_sheet")
if sheet is not None:
    counts = sheet.counts()
    m = st.columns(4)
    for col, key in zip(m, ("answered", "partial", "no_evidence", "stale")):
        col.metric(s(key), counts[key])
    questions = {q.id: q for q in sheet.questionnaire.questions}
    status_label = {k: s(k) for k in ("answered", "partial", "no_evidence")}
    keep = st.multiselect(s("filter"), list(status_label), default=list(status_label), format_func=status_label.get,
                          key="qn_filter", placeholder=t("choose_options"))
    shown = [a for a in sheet.answers if a.status in keep]
    table = pd.DataFrame([{
        s("col_id"): a.question_id,
        s("col_question"): questions[a.question_id].text if a.question_id in questions else "",
        s("col_answer"): a.answer,
        s("col_status"): s(a.status),
        s("col_confidence"): s(a.confidence),
        s("col_citations"): citations_text(a),
        s("col_stale"): "⚠" if a.stale else "",
    } for a in shown])
    st.dataframe(table, hide_index=True, width="stretch", key="qn_table", column_config={
        s("col_id"): st.column_config.TextColumn(width="small"),
        s("col_question"): st.column_config.TextColumn(width="medium"),
        s("col_answer"): st.column_config.TextColumn(width="large"),
    })
    st.subheader(s("edit_title"))
    st.caption(s("edit_hint"))
    by_id = {a.question_id: a for a in sheet.answers}
    edit_label = {i: f"{i} — {questions[i].text[:60] if i in questions else ''}" for i in by_id}
    qid = st.selectbox(s("col_id"), list(by_id), key="qn_edit_id", format_func=edit_label.get)
    current = by_id[qid]
    new_text = st.text_area(s("col_answer"), value=current.answer, key=f"qn_edit_text_{qid}", height=120)
    if st.button(s("apply_edits"), key="qn_apply_edit"):
        if new_text.strip() and new_text != current.answer:
            _, missing = edit_answer(sheet, qid, new_text)
            if missing:
                st.warning(s("unsupported", qid=qid, nums=", ".join(missing)))
            st.success(s("edits_applied", n=1))
    stale = [a for a in sheet.answers if a.stale and a.change]
    if stale:
        st.subheader(s("stale_title"))
        for a in stale:
            diff = "".join(f"~~{p.text}~~" if p.op == "delete" else f"**{p.text}**" if p.op == "insert" else p.text
                           for p in a.change.diff)
            st.warning(f"**{a.question_id}** — {a.change.summary()}\n\n{s('was')}: {a.previous_answer}\n\n{s('now')}: {diff}")
    with st.expander(s("details")):
        for a in shown:
            q = questions.get(a.question_id)
            st.markdown(f"**{a.question_id}** {q.text if q else ''}  \n{a.answer}")
            if isinstance(a.value, list) and a.value and isinstance(a.value[0], dict):
                st.dataframe(pd.DataFrame(a.value).astype(str), hide_index=True)
            elif a.value is not None and not isinstance(a.value, str):
                st.caption(f"{format_value(a.value)} {a.unit or ''} {a.year or ''}")
            for c in a.citations:
                st.caption(f"{c.label()}: “{c.quote[:200]}”" if c.quote else c.label())
    if sheet.notes:
        st.subheader(s("notes"))
        for note in sheet.notes:
            st.info(note)
    d1, d2 = st.columns(2)
    stem = sheet.questionnaire.id or "questionnaire"
    d1.download_button(s("download_xlsx"), to_xlsx_bytes(sheet, lang()), file_name=f"{stem}_answers.xlsx", key="qn_xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    d2.download_button(s("download_json"), to_json(sheet).encode("utf-8"), file_name=f"{stem}_answers.json",
                       key="qn_json", mime="application/json")
