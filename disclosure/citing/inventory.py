"""The GHG inventory workbook a draft or an answer sheet is computed from."""
from __future__ import annotations

from pathlib import Path


def find_inventory(evidence_base=None, corpus_dir: str | Path | None = None) -> Path | None:
    """The GHG inventory workbook to draft from: the first indexed XLSX/CSV the GHG engine can read
    (as a 盤查清冊); without an evidence base, one in ``corpus_dir``; None when there is none.
    A workbook that is not in the evidence base is never used for it: its figures would be cited
    from a file the user never added (the sample company's, say)."""
    from ..errors import DisclosureError
    from ..ghg import load_inventory

    candidates: list[Path] = []
    if evidence_base is not None:
        for d in sorted(evidence_base.documents(), key=lambda d: d.source):
            if d.kind in ("xlsx", "csv") and d.stored_path:
                candidates.append(Path(d.stored_path))
    elif corpus_dir is not None and Path(corpus_dir).is_dir():
        candidates += sorted(p for p in Path(corpus_dir).iterdir() if p.suffix.lower() in (".xlsx", ".csv"))
    # names that say 'inventory' first
    candidates.sort(key=lambda p: (0 if any(k in p.name for k in ("盤查", "inventory", "Inventory")) else 1))
    for p in candidates:
        if not p.is_file():
            continue
        try:
            inv = load_inventory(p)
        except (DisclosureError, ValueError, OSError):
            continue
        if inv.records and "inventory" in inv.sheets and any(r.scope in (1, 2) for r in inv.records):
            return p
    return None
