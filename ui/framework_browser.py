"""Frameworks page: browse the framework library, see a requirement's crosswalk, search in zh-TW or
English, and add the company's own checklist (kept in session_state for the Gap check and Draft pages)."""
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from frameworks.library import default_library, load_checklist
from ui.i18n import lang, t
from ui.state import show_error

CHECKLISTS = "user_checklists"  # session_state: framework id → Framework (read by the Gap check and Draft pages)


def _library():
    """The bundled library, plus the checklists uploaded in this session."""
    extra = st.session_state.get(CHECKLISTS) or {}
    base = default_library()
    return base.with_frameworks(*extra.values()) if extra else base


def _text(localized) -> str:
    return localized.get(lang()) if localized is not None else ""


def _status(status: str, effective=None) -> str:
    label = t(f"fw_status_{status}")
    return f"{label} ({effective.isoformat()})" if status == "upcoming" and effective else label


def _pillar(pillar: str | None) -> str:
    return t(f"fw_pillar_{pillar}") if pillar else ""


def _data_point_line(d) -> str:
    need = t("fw_dp_required") if d.required else t("fw_dp_conditional")
    parts = [t(f"fw_kind_{d.kind}")] + ([d.unit] if d.unit else []) + [need]
    return f"{_text(d.name)} ({', '.join(parts)})"


def _requirement_row(r, chapter_titles: dict[str, str]) -> dict:
    return {
        t("fw_col_code"): r.id,
        t("fw_col_title"): _text(r.title),
        t("fw_col_description"): _text(r.description),
        t("fw_col_data_points"): "; ".join(_data_point_line(d) for d in r.data_points),
        t("fw_col_pillar"): _pillar(r.pillar),
        t("fw_col_chapter"): chapter_titles.get(r.chapter or "", ""),
        t("fw_col_status"): _status(r.status, r.effective),
        t("fw_col_crosswalk"): len(r.crosswalk),
    }


def _add_checklist() -> None:
    """Button callback: read the uploaded CSV/XLSX checklist and keep it under a unique id.

    Runs before the page script, so it may select the new checklist in the framework picker."""
    upload = st.session_state.get("fw_checklist_file")
    if upload is None:
        return
    try:
        library = _library()
        checklists = st.session_state.setdefault(CHECKLISTS, {})
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / Path(upload.name).name  # the loader reads the type and the default id from the name
            path.write_bytes(upload.getvalue())
            fw = load_checklist(path)
            taken = set(library.framework_ids()) - set(checklists)
            if fw.id in taken or (fw.id in checklists and checklists[fw.id].name != fw.name):
                n = 2
                while f"{fw.id}-{n}" in taken or f"{fw.id}-{n}" in checklists:
                    n += 1
                fw = load_checklist(path, framework_id=f"{fw.id}-{n}")
    except Exception as exc:
        st.session_state["fw_checklist_error"] = exc
        return
    checklists[fw.id] = fw
    st.session_state["fw_choice"] = fw.id
    st.session_state["fw_checklist_added"] = (fw.id, len(fw.requirements))


st.title(t("nav_frameworks"))
st.caption(t("fw_intro"))
try:
    lib = _library()
except Exception as exc:
    show_error(exc)
    st.stop()
chapter_titles = {c.id: _text(c.title) for c in lib.chapters()}
frameworks = {fw.id: fw for fw in lib.list_frameworks()}
# Option labels are computed here, not in format_func: Streamlit may call format_func outside the
# script run, where the interface language is not known.
fw_names = {f: _text(fw.name) for f, fw in frameworks.items()}
fw_labels = {f: fw_names[f] + ("" if fw.status == "active" else f" — {_status(fw.status)}") for f, fw in frameworks.items()}

browse, search_tab, checklist_tab = st.tabs([t("fw_tab_browse"), t("fw_tab_search"), t("fw_tab_checklist")])

# -- browse ----------------------------------------------------------------------------------------
with browse:
    if st.session_state.get("fw_choice") not in frameworks:
        st.session_state.pop("fw_choice", None)
    fid = st.selectbox(t("fw_pick"), list(frameworks), key="fw_choice", format_func=fw_labels.get)
    fw = frameworks[fid]
    meta = [f"{t('fw_version')}: {fw.version}", f"{t('fw_col_status')}: {_status(fw.status, fw.effective)}"]
    if fw.withdrawn:
        meta.append(f"{t('fw_withdrawn')}: {fw.withdrawn.isoformat()}")
    if fw.superseded_by:
        meta.append(f"{t('fw_superseded_by')}: {fw_names.get(fw.superseded_by, fw.superseded_by)}")
    st.markdown(" · ".join(meta))
    if fw.source:
        st.markdown(f"{t('fw_source')}: [{fw.source.title}]({fw.source.url}) — {fw.source.publisher}, {fw.source.year}")
    for note in fw.notes:
        st.caption(_text(note))
    if fw.status == "withdrawn":
        st.warning(t("fw_withdrawn_note"))

    for phase in fw.phase_ins:
        with st.expander(f"{t('fw_phase_in')}: {_text(phase.title)}"):
            st.caption(f"{phase.basis} — {phase.source}")
            st.dataframe(pd.DataFrame([{t("fw_tier"): _text(tier.label),
                                        **{k.replace("_", " "): v for k, v in tier.milestones.items()}}
                                       for tier in phase.tiers]),
                         hide_index=True)
    for list_id, items in fw.lists.items():
        with st.expander(f"{t('fw_list')}: {list_id.replace('_', ' ')}"):
            st.dataframe(pd.DataFrame([{t("fw_col_code"): i.id, t("fw_col_title"): _text(i.name),
                                        t("fw_col_description"): _text(i.description)} for i in items]),
                         hide_index=True)
    if fw.rules:
        with st.expander(t("fw_rules")):
            st.dataframe(pd.DataFrame([{
                t("fw_col_code"): r.id, t("fw_col_title"): _text(r.title), t("fw_col_description"): _text(r.description),
                t("fw_rule_numbers"): "; ".join(f"{th.quantity} {th.operator} {th.value:g} {th.unit}" for th in r.thresholds),
                t("fw_rule_applies_when"): (f"{r.applies_when.quantity} {r.applies_when.operator} {r.applies_when.value:g} "
                                            f"{r.applies_when.unit}" if r.applies_when else ""),
                t("fw_source"): r.source} for r in fw.rules]), hide_index=True)

    st.subheader(f"{t('fw_requirements')} ({len(fw.requirements)})")
    if fw.requirements:
        st.dataframe(pd.DataFrame([_requirement_row(r, chapter_titles) for r in fw.requirements]),
                     hide_index=True)

        reqs = {r.ref: r for r in fw.requirements}
        if st.session_state.get("fw_requirement") not in reqs:
            st.session_state.pop("fw_requirement", None)
        req_labels = {x: f"{r.id} — {_text(r.title)}" for x, r in reqs.items()}
        ref = st.selectbox(t("fw_pick_requirement"), list(reqs), key="fw_requirement", format_func=req_labels.get)
        req = reqs[ref]
        with st.container(border=True):
            st.markdown(f"### {req.id} {_text(req.title)}")
            other = req.title.en if lang().startswith("zh") else req.title.zh
            if other != _text(req.title):
                st.caption(other)
            st.write(_text(req.description))
            facts = [f"{t('fw_col_pillar')}: {_pillar(req.pillar) or '—'}",
                     f"{t('fw_col_chapter')}: {chapter_titles.get(req.chapter or '', '—')}",
                     f"{t('fw_col_status')}: {_status(req.status, req.effective)}"]
            if req.answer_type:
                facts.append(f"{t('fw_answer_type')}: {req.answer_type}")
            if req.legacy_ids:
                facts.append(f"{t('fw_legacy_ids')}: {', '.join(req.legacy_ids)}")
            if req.replaces:
                facts.append(f"{t('fw_replaces')}: {', '.join(req.replaces)}")
            st.markdown(" · ".join(facts))
            if req.data_points:
                st.markdown(f"**{t('fw_data_points')}**")
                st.dataframe(pd.DataFrame([{
                    t("fw_col_title"): _text(d.name), t("fw_dp_kind"): t(f"fw_kind_{d.kind}"), t("fw_dp_unit"): d.unit or "",
                    t("fw_dp_need"): t("fw_dp_required") if d.required else t("fw_dp_conditional"),
                    t("fw_dp_condition"): d.condition or ""} for d in req.data_points]), hide_index=True)
            hints = req.search_hints.get(lang())
            if hints:
                st.caption(f"{t('fw_hints')}: {', '.join(hints)}")

        st.markdown(f"**{t('fw_crosswalk')}**")
        # Other frameworks first; links inside the same framework (e.g. GRI 102 replacing 305) last.
        linked = sorted(lib.crosswalk(req.ref), key=lambda r: r.framework == req.framework)
        if not linked:
            st.info(t("fw_no_crosswalk"))
        else:
            st.dataframe(pd.DataFrame([{
                t("fw_col_framework"): fw_names[r.framework], t("fw_col_code"): r.id,
                t("fw_col_title"): _text(r.title), t("fw_col_status"): _status(r.status, r.effective),
            } for r in linked]), hide_index=True)
            groups = lib.crosswalk_groups(req.ref)
            if groups:
                st.caption(f"{t('fw_crosswalk_groups')}: " + ", ".join(_text(g.title) or g.id for g in groups))

# -- search ----------------------------------------------------------------------------------------
with search_tab:
    query = st.text_input(t("fw_search"), placeholder=t("fw_search_placeholder"), key="fw_search")
    within = st.multiselect(t("fw_search_within"), list(frameworks), key="fw_search_within",
                            format_func=fw_names.get, placeholder=t("choose_options"))
    if query.strip():
        hits = lib.search_scored(query, lang=None, frameworks=within or None, limit=50)
        if not hits:
            st.info(t("fw_search_none"))
        else:
            st.dataframe(pd.DataFrame([{
                t("fw_col_framework"): fw_names[r.framework], t("fw_col_code"): r.id,
                t("fw_col_title"): _text(r.title), t("fw_col_description"): _text(r.description),
                t("fw_col_status"): _status(r.status, r.effective), t("fw_score"): score,
            } for r, score in hits]), hide_index=True)
            st.caption(t("fw_search_hint"))

# -- user checklists -------------------------------------------------------------------------------
with checklist_tab:
    st.markdown(t("fw_checklist_help"))
    upload = st.file_uploader(t("fw_checklist_upload"), type=["csv", "tsv", "txt", "xlsx", "xlsm"],
                              key="fw_checklist_file")
    st.button(t("fw_checklist_add"), type="primary", disabled=upload is None, key="fw_checklist_add",
              on_click=_add_checklist)
    error = st.session_state.pop("fw_checklist_error", None)
    if error is not None:
        show_error(error)
    added = st.session_state.pop("fw_checklist_added", None)
    if added:
        st.success(t("fw_checklist_added", name=added[0], n=added[1]))
    mine = st.session_state.get(CHECKLISTS) or {}
    if mine:
        st.dataframe(pd.DataFrame([{
            "id": c.id, t("file"): _text(c.name), t("fw_requirements"): len(c.requirements),
            t("fw_checklist_linked"): sum(1 for r in lib.get_framework(c.id).requirements if r.crosswalk),
        } for c in mine.values()]), hide_index=True)
        victim = st.selectbox(t("fw_checklist_remove_pick"), list(mine), key="fw_checklist_victim")
        if st.button(t("remove"), key="fw_checklist_remove"):
            mine.pop(victim, None)
            st.rerun()
    else:
        st.info(t("fw_checklist_none"))
