"""The inventory workbook the engines compute figures from must be in the evidence base."""
import shutil

from disclosure.drafting import find_inventory
from disclosure.evidence import PendingFile
from drafting_corpus import inventory_xlsx


def test_a_workbook_outside_the_evidence_base_is_never_used_for_it(tmp_path, evidence_base):
    corpus = tmp_path / "sample"
    corpus.mkdir()
    (corpus / "溫室氣體盤查清冊_2021-2023.xlsx").write_bytes(inventory_xlsx())
    evidence_base.ingest_files([PendingFile("note.md", "# 治理\n\n永續發展委員會每季召開一次會議。".encode())])
    assert find_inventory(evidence_base, corpus) is None  # the user's base has no inventory
    assert find_inventory(None, corpus) == corpus / "溫室氣體盤查清冊_2021-2023.xlsx"
    shutil.copy(corpus / "溫室氣體盤查清冊_2021-2023.xlsx", tmp_path / "inv.xlsx")
    evidence_base.ingest_paths([tmp_path / "inv.xlsx"])
    found = find_inventory(evidence_base, corpus)
    assert found is not None and found.name == "inv.xlsx"  # the indexed copy
