"""Workspaces and document roles in the app (AppTest): the sidebar's company and selector, the
Workspace page's profile and creation forms, roles on the Documents page, the Home page by role."""
from __future__ import annotations

from builders import make_pdf
from ui_support import PAGES, open_page, page_text, run

PEER_HEADER = "嘉和商業銀行 2022年TCFD報告書"
PEER = make_pdf(["嘉和商業銀行股份有限公司\n2022年氣候相關財務揭露報告書",
                 f"{PEER_HEADER}\n本行董事會督導氣候議題，董事會成員不定期進行氣候議題教育訓練。",
                 f"{PEER_HEADER}\n嘉和銀行全行能源消耗量59,003GJ。",
                 f"{PEER_HEADER}\n本行範疇一排放量1,234公噸CO2e。"])


def _base(workspace: str = "default"):
    from disclosure.evidence import EvidenceBase
    from disclosure.settings import load_settings

    return EvidenceBase(load_settings({"workspace": workspace}))


def _ingest_peer_and_note(ui_env):
    from disclosure.evidence import PendingFile
    from disclosure.workspace import sample_profile, save_profile

    eb = _base()
    save_profile(eb.settings, sample_profile())  # the default workspace holds the sample company
    report = eb.ingest_files([PendingFile("peer.pdf", PEER), PendingFile("note.md", (ui_env / "corpus" / "note.md").read_bytes())])
    assert [n.source for n in report.notices] == ["peer.pdf"]
    return eb


def test_sidebar_names_the_company_and_home_lists_documents_by_role(ui_env):
    _ingest_peer_and_note(ui_env)
    for lang, company, year in (("en", "Chenyao Precision Electronics Co., Ltd.", "reporting year 2023"),
                                ("zh-TW", "晨曜精密電子股份有限公司", "2023 年度報告")):
        at = open_page("home", lang=lang)
        text = page_text(at)
        assert company in text and year in text
        assert "peer.pdf" in text and "note.md" in text
        assert {x.label: x.value for x in at.metric}.get("Documents", "1") in ("1",)  # figures: own documents only


def test_documents_page_shows_roles_marks_reference_hits_and_changes_a_role(ui_env):
    eb = _ingest_peer_and_note(ui_env)
    at = open_page("documents", lang="en")
    df = at.dataframe[0].value
    roles = dict(zip(df["File"], df["Role"]))
    assert roles == {"note.md": "Evidence", "peer.pdf": "Reference"}
    assert "嘉和" in dict(zip(df["File"], df["Organisation"]))["peer.pdf"]
    at.text_input(key="search_query").input("董事會督導氣候議題")
    run(at)
    assert any("peer.pdf" in m.value and "reference" in m.value for m in at.markdown)
    at.selectbox(key="role_doc").select("peer.pdf")
    at.selectbox(key="role_new").select("evidence")
    at.button[[b.label for b in at.button].index("Change")].click()
    run(at)
    assert {d.source: d.role for d in eb.documents()}["peer.pdf"] == "evidence"
    at = open_page("documents", lang="zh-TW")
    assert "公司證據" in set(at.dataframe[0].value["角色"])


def test_create_a_workspace_switch_and_back_leaves_the_default_untouched(ui_env):
    _ingest_peer_and_note(ui_env)
    at = open_page("workspace_page", lang="en")
    at.text_input(key="ws_new_name").input("client-b")
    at.text_input(key="ws_new_zh").input("嘉和商業銀行股份有限公司")
    at.button[[b.label for b in at.button].index("Create")].click()
    run(at)
    assert at.sidebar.selectbox(key="workspace_choice").value == "client-b"
    assert "嘉和商業銀行股份有限公司" in page_text(at)
    at.text_input(key="prof_stock").input("6123")
    at.button[[b.label for b in at.button].index("Save")].click()
    run(at)
    from disclosure.settings import load_settings
    from disclosure.workspace import load_profile

    assert load_profile(load_settings({"workspace": "client-b"})).stock_code == "6123"
    at.switch_page(str(PAGES / "documents.py"))
    run(at)
    assert not at.dataframe  # the new workspace has no documents
    at.sidebar.selectbox(key="workspace_choice").select("default")
    run(at)
    assert set(at.dataframe[0].value["File"]) == {"note.md", "peer.pdf"}
    assert _base("client-b").documents() == []


def test_draft_questionnaire_and_ghg_pages_run_on_the_own_evidence(ui_env):
    _ingest_peer_and_note(ui_env)
    for page in ("draft", "questionnaire", "ghg", "workspace_page"):
        open_page(page, lang="zh-TW")
