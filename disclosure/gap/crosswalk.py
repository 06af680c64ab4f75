"""Coverage across frameworks: an item covered for one framework counts toward the requirements
crosswalked to it (frameworks/data/crosswalk.yaml) when both were checked in the same run."""
from __future__ import annotations

from .concepts import ConceptCatalog, concept_catalog
from .items import GapItem
from .models import GapFinding, Status


def propagate_crosswalk(findings: list[GapFinding], items: dict[str, GapItem],
                        catalog: ConceptCatalog | None = None) -> list[GapFinding]:
    """A missing or partial linked item (TCFD MT-b → GRI 305-1, IFRS S2 29(a)) takes the covered
    item's evidence and becomes partial — or covered when all the concepts it asks for are found in
    that evidence (GRI 305-1 still needs its own GWP source and consolidation approach)."""
    catalog = catalog or concept_catalog()
    by_ref = {f.ref: f for f in findings}
    out: list[GapFinding] = []
    for f in findings:
        item = items.get(f.ref)
        donors = [by_ref[r] for r in (item.crosswalk if item else []) if r in by_ref and by_ref[r].status == "covered"]
        if f.status == "covered" or not donors:
            out.append(f)
            continue
        quotes = list(f.evidence)
        for d in donors:
            quotes.extend(q for q in d.evidence if q not in quotes)
        texts = "\n".join(q.text for q in quotes)
        found = [c for c in f.asked if c in catalog and catalog[c].first_hit(texts) is not None]
        status: Status = "covered" if len(found) == len(f.asked) else "partial"
        found_en = [catalog[c].missing_en for c in found]
        keep = [i for i, m in enumerate(f.missing)
                if "not addressed in the document" not in m and not any(m.endswith(e) for e in found_en)]
        zh = [f.missing_zh[i] for i in keep] if len(f.missing_zh) == len(f.missing) else []
        out.append(f.model_copy(update={"status": status, "evidence": quotes[:6], "found": found,
                                        "missing": [f.missing[i] for i in keep], "missing_zh": zh,
                                        "via": [d.ref for d in donors], "score": max(f.score, 0.5),
                                        "probability": max(f.probability, min(d.probability for d in donors))}))
    return out
