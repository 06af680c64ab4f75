"""Workspaces, company profiles and document roles: a draft or an answer speaks only from the
company's own evidence, and nothing crosses workspaces."""
from __future__ import annotations

import json
import uuid

import pytest
from builders import make_pdf
from test_store_modes import chroma_server  # noqa: F401 - the loopback server fixture

from disclosure.cli import main
from disclosure.errors import ConfigurationError, DocumentNotFoundError
from disclosure.evidence import EvidenceBase, PendingFile
from disclosure.settings import Settings, load_settings
from disclosure.workspace import (CompanyProfile, create_workspace, list_workspaces, load_profile, sample_profile,
                                  save_profile,
                                  update_profile, workspace_settings)

OWN = make_pdf(["永續發展委員會組織規程\n本公司董事會督導氣候議題，永續發展委員會每季召開一次。",
                "本公司2023年範疇一排放量8,512公噸CO2e。"])
PEER_HEADER = "嘉和商業銀行 2022年TCFD報告書"
PEER = make_pdf(["嘉和商業銀行股份有限公司\n2022年氣候相關財務揭露報告書",
                 f"{PEER_HEADER}\n本行董事會督導氣候議題，董事會成員不定期進行氣候議題教育訓練。",
                 f"{PEER_HEADER}\n嘉和銀行全行能源消耗量59,003GJ。",
                 f"{PEER_HEADER}\n本行範疇一排放量1,234公噸CO2e。"])


def _ingest(eb, **kw):
    return eb.ingest_files([PendingFile("own.pdf", OWN), PendingFile("peer.pdf", PEER)], **kw)


@pytest.fixture
def evidence_base(settings):
    """The default workspace holding the sample company (its profile set, as indexing the sample
    corpus sets it)."""
    save_profile(settings, sample_profile())
    return EvidenceBase(settings)


def test_a_peer_report_becomes_reference_with_a_notice_and_the_own_view_never_sees_it(evidence_base):
    report = _ingest(evidence_base)
    roles = {d.source: d.role for d in evidence_base.documents()}
    assert roles == {"own.pdf": "evidence", "peer.pdf": "reference"}
    [notice] = report.notices
    assert notice.source == "peer.pdf" and "嘉和" in notice.entity and "--set-role evidence" in notice.how_to_change
    hits = evidence_base.search("董事會督導氣候議題", k=10)
    assert {e.source: e.role for e in hits}.get("peer.pdf") == "reference"  # searchable, and marked
    own = evidence_base.own_evidence()
    assert [d.source for d in own.documents()] == ["own.pdf"]
    assert {e.source for e in own.search("董事會督導氣候議題", k=10)} == {"own.pdf"}
    assert {c.source for c in own.iter_chunks()} == {"own.pdf"}
    assert own.search("能源消耗量", k=5, filters=None) == [] or all(e.source == "own.pdf" for e in own.search("能源消耗量"))
    with pytest.raises(DocumentNotFoundError):
        own.find_document("peer.pdf")


def test_explicit_roles_are_honoured(evidence_base):
    report = _ingest(evidence_base, role="evidence")
    assert not report.notices and {d.role for d in evidence_base.documents()} == {"evidence"}
    assert {d.entity for d in evidence_base.documents() if d.source == "peer.pdf"} & {"嘉和商業銀行股份有限公司", "嘉和銀行", "嘉和商業銀行"}


def test_set_role_rewrites_the_record_only(evidence_base, monkeypatch):
    _ingest(evidence_base)
    before = {c.chunk_id for c in evidence_base.iter_chunks()}
    calls = []
    monkeypatch.setattr(evidence_base.store, "add_chunks", lambda *a, **k: calls.append(a))
    monkeypatch.setattr(evidence_base.embedder, "embed_passages", lambda *a, **k: calls.append(a))
    rec = evidence_base.set_role("peer.pdf", "evidence")
    assert rec.role == "evidence" and not calls
    assert {c.chunk_id for c in evidence_base.own_evidence().iter_chunks()} == before
    with pytest.raises(ConfigurationError):
        evidence_base.set_role("peer.pdf", "other")


def test_a_new_version_keeps_the_role_the_user_gave(evidence_base):
    _ingest(evidence_base)
    evidence_base.set_role("peer.pdf", "evidence")
    peer2 = make_pdf(["嘉和商業銀行股份有限公司\n2022年氣候相關財務揭露報告書（修訂版）", f"{PEER_HEADER}\n本行董事會督導氣候議題。"])
    report = evidence_base.ingest_files([PendingFile("peer.pdf", peer2)])
    assert report.replaced and not report.notices and report.replaced[0].role == "evidence"


def test_an_empty_profile_compares_nothing_and_keeps_evidence(settings):
    ws = create_workspace(settings, "blank")
    eb = EvidenceBase(ws)
    assert not _ingest(eb).notices and {d.role for d in eb.documents()} == {"evidence"}


# ------------------------------------------------------------------------------------------ profiles
def test_default_profile_is_the_sample_company_once_its_corpus_is_indexed_and_edits_persist(settings):
    from disclosure.settings import REPO_ROOT

    assert not load_profile(settings).names()  # a fresh data dir holds no company yet
    EvidenceBase(settings).ingest_paths([REPO_ROOT / "corpus" / "documents" / "永續發展委員會組織規程.pdf"])
    p = load_profile(settings)
    assert p.name_zh == "晨曜精密電子股份有限公司" and p.reporting_year == 2023 and p.base_year == 2021
    assert p.consolidation == "operational-control" and p.ifrs_s2_from == 2027 and "Chenyao" in p.aliases
    save_profile(settings, update_profile(p, {"reporting_year": "2024", "aliases": "晨曜, CY"}))
    assert load_profile(settings).reporting_year == 2024 and load_profile(settings).aliases == ["晨曜", "CY"]
    with pytest.raises(ConfigurationError):
        update_profile(p, {"stock_code": "abc"})
    with pytest.raises(ConfigurationError):
        update_profile(p, {"colour": "red"})


@pytest.mark.parametrize("bad", ["Acme", "../x", "a b", "-x", "x-", "", "a" * 41, "工作區"])
def test_workspace_names_are_slugs(settings, bad):
    with pytest.raises(ConfigurationError):
        workspace_settings(settings, bad)
    with pytest.raises(ConfigurationError):
        load_settings({"workspace": bad}, environ={}, secrets_path=None)


def test_workspace_layout_default_unchanged_and_others_apart(settings):
    assert settings.workspace_dir == settings.data_dir and settings.store_prefix == settings.collection_prefix
    ws = create_workspace(settings, "acme", CompanyProfile(name_zh="艾克米股份有限公司"))
    assert ws.workspace_dir == settings.data_dir / "workspaces" / "acme"
    assert ws.store_prefix == f"{settings.collection_prefix}_acme"
    assert list_workspaces(settings) == ["default", "acme"]
    with pytest.raises(ConfigurationError):
        create_workspace(settings, "acme")
    assert load_settings({}, environ={"DISCLOSURE_WORKSPACE": "acme"}, secrets_path=None).workspace == "acme"


# ------------------------------------------------------------------------------------------ isolation
@pytest.fixture(params=["embedded", pytest.param("server", marks=pytest.mark.server)])
def two_workspaces(request, tmp_path):
    overrides = {"data_dir": tmp_path / "data", "embedding_backend": "fake", "store_mode": request.param,
                 "collection_prefix": f"t{uuid.uuid4().hex[:12]}", "strict": True}
    if request.param == "server":
        overrides["chroma_host"], overrides["chroma_port"] = request.getfixturevalue("chroma_server")
    base = load_settings(overrides, environ={}, secrets_path=None)
    other = create_workspace(base, "client-b", CompanyProfile(name_zh="嘉和商業銀行股份有限公司", aliases=["嘉和銀行"]))
    return base, other


def test_a_document_in_one_workspace_is_invisible_in_the_other(two_workspaces):
    from disclosure.drafting import draft_chapter

    a, b = two_workspaces
    eb_a, eb_b = EvidenceBase(a), EvidenceBase(b)
    eb_a.ingest_files([PendingFile("own.pdf", OWN)])
    report = eb_b.ingest_files([PendingFile("peer.pdf", PEER)])
    assert not report.notices  # it names workspace b's company: its own evidence there
    assert [d.source for d in eb_a.documents()] == ["own.pdf"] and [d.source for d in eb_b.documents()] == ["peer.pdf"]
    assert {e.source for e in eb_a.search("董事會督導氣候議題", k=10)} == {"own.pdf"}
    assert {e.source for e in eb_b.search("董事會督導氣候議題", k=10)} == {"peer.pdf"}
    for eb, want in ((eb_a, "own.pdf"), (eb_b, "peer.pdf")):
        d = draft_chapter(eb.own_evidence(), "governance", ["tcfd"], "zh-TW", company=eb.profile().display_name())
        assert {ev.source for ev in d.evidence.values() if ev.kind == "passage"} <= {want}
    d = draft_chapter(eb_b.own_evidence(), "governance", ["tcfd"], "zh-TW", company=eb_b.profile().display_name())
    assert d.title.startswith("嘉和商業銀行股份有限公司")
    eb_b.remove("peer.pdf")
    assert [d.source for d in eb_a.documents()] == ["own.pdf"]


# ------------------------------------------------------------------------------------------ CLI
def _cli(settings: Settings, *args) -> list[str]:
    return ["--data-dir", str(settings.data_dir), "--embedding", "fake", *args]


def test_cli_ingest_notice_documents_json_and_set_role(settings, tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "own.pdf").write_bytes(OWN)
    (tmp_path / "in" / "peer.pdf").write_bytes(PEER)
    assert main(_cli(settings, "workspace", "set", "name_zh=晨曜精密電子股份有限公司", "aliases=晨曜電子")) == 0
    capsys.readouterr()
    assert main(_cli(settings, "ingest", str(tmp_path / "in"), "--quiet")) == 0
    out = capsys.readouterr().out
    assert "notice    peer.pdf was stored as reference" in out and "documents --set-role evidence" in out
    assert main(_cli(settings, "documents", "--json")) == 0
    docs = {d["source"]: d for d in json.loads(capsys.readouterr().out)}
    assert docs["peer.pdf"]["role"] == "reference" and "嘉和" in docs["peer.pdf"]["entity"]
    assert docs["own.pdf"]["role"] == "evidence" and docs["own.pdf"]["entity"] is None
    assert main(_cli(settings, "search", "董事會督導氣候議題", "--json", "-k", "10")) == 0
    assert {h["source"]: h["role"] for h in json.loads(capsys.readouterr().out)}["peer.pdf"] == "reference"
    assert main(_cli(settings, "search", "董事會督導氣候議題", "-k", "10")) == 0
    assert "[reference]" in capsys.readouterr().out
    assert main(_cli(settings, "documents")) == 0
    assert "reference" in capsys.readouterr().out
    assert main(_cli(settings, "documents", "--set-role", "evidence", "peer.pdf")) == 0
    assert "is now evidence" in capsys.readouterr().out
    assert main(_cli(settings, "ingest", "--role", "reference", str(tmp_path / "in" / "own.pdf"))) == 0


def test_cli_workspaces_and_the_draft_title(settings, tmp_path, capsys):
    (tmp_path / "peer.pdf").write_bytes(PEER)
    assert main(_cli(settings, "--workspace", "nope", "documents")) == 2
    assert "workspace create nope" in capsys.readouterr().err
    assert main(_cli(settings, "workspace", "create", "bank", "--name-zh", "嘉和商業銀行股份有限公司",
                     "--alias", "嘉和銀行", "--reporting-year", "2022")) == 0
    assert main(_cli(settings, "--workspace", "bank", "workspace", "set", "stock_code=6123")) == 0
    assert main(_cli(settings, "workspace", "list", "--json")) == 0
    capsys.readouterr()
    assert main(_cli(settings, "workspace", "show", "bank", "--json")) == 0
    assert json.loads(capsys.readouterr().out)["profile"]["stock_code"] == "6123"
    assert main(_cli(settings, "--workspace", "bank", "ingest", "--quiet", str(tmp_path / "peer.pdf"))) == 0
    assert "notice" not in capsys.readouterr().out
    out = tmp_path / "g.json"
    assert main(_cli(settings, "--workspace", "bank", "draft", "--chapter", "governance", "--out", str(out))) == 0
    draft = json.loads(out.read_text(encoding="utf-8"))
    assert draft["title"].startswith("嘉和商業銀行股份有限公司")
    # the default workspace saw nothing of it
    assert main(_cli(settings, "documents", "--json")) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_fresh_data_dir_given_one_report_answers_from_it(settings):
    """What a user (or held-out judging) does with a new data dir and another company's report: it is
    the evidence, not a peer report judged against the sample company."""
    eb = EvidenceBase(settings)
    report = eb.ingest_files([PendingFile("peer.pdf", PEER)])
    assert not report.notices and [d.role for d in eb.documents()] == ["evidence"]
    assert "嘉和" in eb.profile().display_name()  # the company its own documents name
    header = "晨曜精密電子股份有限公司 2023年永續報告書"
    other = make_pdf(["晨曜精密電子股份有限公司\n2023年永續報告書", f"{header}\n本公司董事會督導氣候議題。",
                      f"{header}\n晨曜電子全公司用電量92,350 MWh。", f"{header}\n本公司範疇一排放量8,512公噸CO2e。"])
    later = eb.ingest_files([PendingFile("other.pdf", other)])
    assert [n.source for n in later.notices] == ["other.pdf"]  # now a peer report of this workspace's company
