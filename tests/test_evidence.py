"""The evidence base with a real Chroma store in a temp dir and the deterministic fake embedder."""
import pytest

from builders import encrypt_pdf, make_image_only_pdf, make_pdf, make_xlsx
from disclosure.errors import DocumentNotFoundError
from disclosure.evidence import EvidenceBase, PendingFile, safe_filename
from disclosure.retrieval import SearchFilters

INVENTORY_PAGE = "112年度溫室氣體盤查結果：範疇二（外購電力）排放量為45,620.9公噸CO2e（地點基準），市場基準為35,740.9公噸CO2e。"
GOV_PAGE = "永續發展委員會由三位獨立董事組成，每季至少召開一次會議，並每半年向董事會報告。"
OTHER_PAGE = "本公司於2023年推動節能專案，包括空壓機汰換與照明改善，年節電約1,200千度。"


@pytest.fixture
def report_pdf():
    return make_pdf([GOV_PAGE, OTHER_PAGE, INVENTORY_PAGE])


def test_ingest_records_pages_chunks_language_and_provenance(evidence_base, report_pdf):
    rep = evidence_base.ingest_files([PendingFile("盤查報告.pdf", report_pdf)])
    assert len(rep.added) == 1 and not rep.skipped
    rec = rep.added[0]
    assert rec.pages == 3 and rec.chunks >= 3 and rec.languages == ["zh"]
    chunks = list(evidence_base.iter_chunks())
    inv = next(c for c in chunks if "45,620.9" in c.text)
    assert inv.location.page == 3
    assert inv.source == "盤查報告.pdf"
    assert 2023 in inv.years and inv.roc_years == {"112年度": 2023}
    assert inv.content_hash == rec.content_hash
    from disclosure.normalization import normalize_text

    # offsets point into the normalised page text
    assert inv.text == normalize_text(INVENTORY_PAGE)[inv.location.char_start : inv.location.char_end]


def test_same_file_twice_adds_nothing(evidence_base, report_pdf):
    evidence_base.ingest_files([PendingFile("r.pdf", report_pdf)])
    n = evidence_base.store.chunk_count()
    rep = evidence_base.ingest_files([PendingFile("r.pdf", report_pdf)])
    assert not rep.added and rep.unchanged[0].reason.startswith("already indexed")
    assert evidence_base.store.chunk_count() == n
    assert len(evidence_base.documents()) == 1


def test_duplicate_content_under_another_name_is_reported(evidence_base, report_pdf):
    evidence_base.ingest_files([PendingFile("a.pdf", report_pdf)])
    rep = evidence_base.ingest_files([PendingFile("copy of a.pdf", report_pdf)])
    assert "identical to already indexed 'a.pdf'" in rep.unchanged[0].reason
    assert [d.source for d in evidence_base.documents()] == ["a.pdf"]


def test_changed_file_replaces_its_old_chunks(evidence_base, report_pdf):
    evidence_base.ingest_files([PendingFile("r.pdf", report_pdf)])
    new = make_pdf([GOV_PAGE.replace("每季", "每月")])
    rep = evidence_base.ingest_files([PendingFile("r.pdf", new)])
    assert len(rep.replaced) == 1
    docs = evidence_base.documents()
    assert len(docs) == 1 and docs[0].pages == 1
    texts = [c.text for c in evidence_base.store.iter_chunks()]
    assert any("每月" in t for t in texts) and not any("45,620.9" in t for t in texts)


def test_bad_files_are_skipped_with_reasons_and_the_rest_of_the_batch_lands(evidence_base, report_pdf):
    batch = [
        PendingFile("good.pdf", report_pdf),
        PendingFile("locked.pdf", encrypt_pdf(make_pdf(["secret page text here"]), user_password="pw")),
        PendingFile("scan.pdf", make_image_only_pdf(2)),
        PendingFile("empty.csv", b""),
        PendingFile("broken.pdf", b"%PDF-1.7\n garbage"),
        PendingFile("data.xlsx", make_xlsx({"S": [["項目", "2023"], ["用電", 92350]]})),
    ]
    rep = evidence_base.ingest_files(batch)
    assert sorted(d.source for d in rep.added) == ["data.xlsx", "good.pdf"]
    reasons = {s.source: s.reason for s in rep.skipped}
    assert "password" in reasons["locked.pdf"]
    assert "OCR" in reasons["scan.pdf"]
    assert "empty" in reasons["empty.csv"]
    assert "broken.pdf" in reasons
    assert {d.source for d in evidence_base.documents()} == {"data.xlsx", "good.pdf"}


def test_failure_while_writing_leaves_no_partial_document(evidence_base, report_pdf, monkeypatch):
    calls = {"n": 0}
    real_commit = evidence_base.store.commit_document

    def boom(record):
        calls["n"] += 1
        raise RuntimeError("disk full")

    monkeypatch.setattr(evidence_base.store, "commit_document", boom)
    with pytest.raises(RuntimeError):
        evidence_base.ingest_files([PendingFile("r.pdf", report_pdf)])
    assert calls["n"] == 1
    assert evidence_base.documents() == []
    assert evidence_base.store.chunk_count() == 0
    monkeypatch.setattr(evidence_base.store, "commit_document", real_commit)
    assert evidence_base.ingest_files([PendingFile("r.pdf", report_pdf)]).added


def test_uncommitted_chunks_from_a_crash_are_invisible_and_cleaned(evidence_base, report_pdf):
    from disclosure.converters import convert

    conv = convert(report_pdf, "crashed.pdf")
    chunks = evidence_base.build_chunks("crashed.pdf", conv, "f" * 64)
    vecs = evidence_base.embedder.embed_passages([c.text for c in chunks])
    evidence_base.store.add_chunks(chunks, vecs, ingest_ts=0.0)  # written long ago, never committed
    assert evidence_base.search("範疇二排放量", k=5) == []
    assert list(evidence_base.iter_chunks()) == []
    evidence_base.ingest_files([PendingFile("x.md", "# note\n\n再生能源憑證 T-REC 12,000 MWh".encode())])
    assert all(c.doc_id != "f" * 16 for c in evidence_base.store.iter_chunks())


def test_many_uncommitted_chunks_do_not_crowd_out_committed_ones(evidence_base, report_pdf, monkeypatch):
    """Dense search drops chunks of uncommitted documents after the query; when they fill the
    whole candidate list, the filtered query runs instead and the committed passage is found."""
    from disclosure.converters import convert

    committed = evidence_base.ingest_files([PendingFile("r.pdf", report_pdf)]).added[0]
    conv = convert(("範疇二排放量 45,620.9 公噸CO2e。" * 3 + "\n").encode() * 800, "in-progress.txt")
    chunks = evidence_base.build_chunks("in-progress.txt", conv, "e" * 64)
    evidence_base.store.add_chunks(chunks, evidence_base.embedder.embed_passages([c.text for c in chunks]),
                                   ingest_ts=9e12)  # a writer still at work: not committed, not an orphan yet
    calls = []
    real = evidence_base.store.dense_query
    monkeypatch.setattr(evidence_base.store, "dense_query", lambda *a, **kw: calls.append(a) or real(*a, **kw))
    evidence_base.settings.lexical_weight = 0.0  # dense only
    hits = evidence_base.search("範疇二排放量", k=3)
    assert hits and {h.doc_id for h in hits} == {committed.doc_id}
    assert any(len(a) > 2 and a[2] and "$in" in str(a[2]) for a in calls)  # the fallback ran


def test_remove_by_name_or_id_prefix(evidence_base, report_pdf):
    rec = evidence_base.ingest_files([PendingFile("r.pdf", report_pdf)]).added[0]
    evidence_base.remove(rec.doc_id[:8])
    assert evidence_base.documents() == [] and evidence_base.store.chunk_count() == 0
    with pytest.raises(DocumentNotFoundError):
        evidence_base.remove("r.pdf")


def test_search_zh_and_english_find_the_figure_with_page(evidence_base, report_pdf):
    evidence_base.ingest_files([PendingFile("r.pdf", report_pdf)])
    zh = evidence_base.search("2023年範疇二排放量", k=3)
    assert zh[0].page == 3 and "45,620.9" in zh[0].text

    # Cross-language through the glossary (scope 2 → 範疇二), on the lexical side alone so that the
    # fake embedder's noise cannot decide the outcome.
    lexical_only = EvidenceBase(evidence_base.settings.model_copy(update={"dense_weight": 0.0}))
    en = lexical_only.search("Scope 2 emissions 2023", k=3)
    assert en[0].page == 3


def test_search_filters_by_document_year_and_language(evidence_base, report_pdf):
    evidence_base.ingest_files([PendingFile("r.pdf", report_pdf),
                                PendingFile("en.md", "# Energy\n\nIn 2022 we saved 900 MWh of electricity.".encode())])
    en_doc = evidence_base.find_document("en.md")
    got = evidence_base.search("electricity saving 節電", k=5, filters=SearchFilters(doc_ids=[en_doc.doc_id]))
    assert got and all(e.source == "en.md" for e in got)
    got = evidence_base.search("節電 electricity", k=5, filters=SearchFilters(year=2022))
    assert got and all(2022 in e.years for e in got)
    got = evidence_base.search("節電 electricity", k=5, filters=SearchFilters(language="zh"))
    assert got and all(e.language == "zh" for e in got)


def test_search_on_empty_base_returns_nothing(evidence_base):
    assert evidence_base.search("範疇一") == []


def test_ingest_paths_walks_folders_and_reports_missing_paths(evidence_base, tmp_path, report_pdf):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "r.pdf").write_bytes(report_pdf)
    (folder / "sub" / "n.md").write_text("# 目標\n\n2030年減量42%", encoding="utf-8")
    (folder / ".hidden.md").write_text("hidden", encoding="utf-8")
    rep = evidence_base.ingest_paths([folder, tmp_path / "nope.pdf"])
    assert sorted(d.source for d in rep.added) == ["n.md", "r.pdf"]
    assert rep.skipped[0].reason == "no such file or directory"


def test_oversized_file_on_disk_is_refused_before_reading(settings, tmp_path):
    s = settings.model_copy(update={"max_upload_mb": 1})
    eb = EvidenceBase(s)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (1024 * 1024 + 10))
    rep = eb.ingest_paths([big])
    assert "limit" in rep.skipped[0].reason


@pytest.mark.parametrize("raw,expected", [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\windows\\evil.pdf", "evil.pdf"),
    ("報告\x00\x07書.pdf", "報告書.pdf"),
    ("..", "document"),
    ("a:b?.pdf", "a_b_.pdf"),
])
def test_safe_filename_strips_paths_and_control_characters(raw, expected):
    assert safe_filename(raw) == expected


def test_safe_filename_shortens_long_unicode_names_keeping_extension():
    name = safe_filename("永續" * 200 + ".pdf")
    assert name.endswith(".pdf") and len(name.encode()) <= 180


def test_uploaded_file_is_stored_under_the_data_dir_only(evidence_base, settings, report_pdf):
    rec = evidence_base.ingest_files([PendingFile("../../escape.pdf", report_pdf)]).added[0]
    assert rec.source == "escape.pdf"
    from pathlib import Path

    assert Path(rec.stored_path).resolve().is_relative_to(settings.data_dir.resolve())


def test_skip_reasons_do_not_repeat_the_file_name_and_old_office_files_are_reported(evidence_base, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "old.doc").write_bytes(b"x")
    rep = evidence_base.ingest_paths([folder])
    reasons = {s.source: s.reason for s in rep.skipped}
    assert reasons["empty.pdf"].startswith("the file is empty")
    assert ".docx" in reasons["old.doc"]


def test_dense_language_condition_holds_on_both_paths(evidence_base):
    """The translated query's dense list holds only passages in the other language, whether the
    condition is applied to the results (most of the index qualifies) or as a filter (few do)."""
    zh = "".join(f"第{i}段：範疇二排放量依地點基準計算。\n\n" for i in range(12))
    en = "".join(f"Paragraph {i}: Scope 2 emissions are location-based.\n\n" for i in range(3))
    evidence_base.ingest_files([PendingFile("zh.md", zh.encode()), PendingFile("en.md", en.encode())])
    r = evidence_base.retriever
    committed = evidence_base.committed_ids()
    vec = evidence_base.embedder.embed_query("Scope 2 emissions")
    langs = {c.chunk_id: c.language for c in evidence_base.iter_chunks()}
    for share in (0.9, 0.1):  # post-filtered, then filtered in the store
        hits = r._dense(vec, 5, None, committed, not_language="en", share=share)
        assert hits and all(langs[cid] != "en" for cid, _ in hits)
    hits = r._dense(vec, 5, None, committed, not_language="zh", share=0.9)  # too few survive: filtered query
    assert hits and all(langs[cid] == "en" for cid, _ in hits)


def test_contents_and_index_pages_rank_below_the_pages_they_point_to(evidence_base):
    """A table of contents names every topic; the page that states the figure comes first, and the
    chunk records what kind of page it came from."""
    toc = ("目錄\n" + "\n".join(f"{t} ........ {p}" for t, p in [
        ("董事會監督氣候相關風險", 3), ("範疇二排放量", 4), ("範疇一排放量", 4), ("情境分析", 5), ("減碳目標", 6)]))
    body = "溫室氣體盤查\n本公司2023年範疇二排放量依地點基準計算為45,620.9公噸CO2e，依市場基準計算為35,740.9公噸CO2e。"
    governance = "氣候治理\n董事會下設永續發展委員會，每季召開會議監督氣候相關風險與機會。"
    evidence_base.ingest_files([PendingFile("report.pdf", make_pdf([toc, governance, body]))])
    kinds = {c.page: c.page_kind for c in evidence_base.iter_chunks()}
    assert kinds == {1: "toc", 2: "body", 3: "body"}
    for query in ("範疇二排放量", "Scope 2 emissions", "董事會監督氣候相關風險"):
        pages = [e.page for e in evidence_base.search(query, k=3)]
        assert pages and pages[0] != 1, (query, pages)


def test_an_unexpected_error_skips_the_file_for_users_and_fails_under_strict(settings, report_pdf, monkeypatch):
    import disclosure.evidence as evidence_module

    real_convert = evidence_module.convert

    def convert(data, name, **kw):
        if name == "bad.pdf":
            raise RuntimeError("parser bug")
        return real_convert(data, name, **kw)

    monkeypatch.setattr(evidence_module, "convert", convert)
    user = EvidenceBase(settings.model_copy(update={"strict": False}))
    rep = user.ingest_files([PendingFile("bad.pdf", report_pdf), PendingFile("good.pdf", make_pdf([OTHER_PAGE]))])
    assert [d.source for d in rep.added] == ["good.pdf"]
    assert rep.skipped[0].source == "bad.pdf" and "parser bug" in rep.skipped[0].reason
    strict = EvidenceBase(settings.model_copy(update={"strict": True, "data_dir": settings.data_dir.parent / "strict"}))
    with pytest.raises(RuntimeError, match="parser bug"):
        strict.ingest_files([PendingFile("bad.pdf", report_pdf)])
