"""Cost as the evidence base grows: search latency, index size, insert and ingest throughput, peak
memory, and gap-check time — in embedded and server store mode.

Run: `python bench/scale.py` (or `make bench-scale`); `--sizes 1000,10000` and `--modes embedded`
for a quicker look. Prints one table per part; `--json OUT` also writes the figures.

What is measured, and what is not:
- Search at 1k/10k/100k chunks: synthetic zh-TW/English report passages with *random* unit vectors
  of dimension 384 (the size of multilingual-e5-small's), so the figures are the cost of the store
  (Chroma HNSW + metadata filter) and of BM25, not of an embedding model. Query embedding is skipped
  the same way; add ~10–30 ms per query for e5-small on 2 cores. Each search is the full
  `EvidenceBase.search` path: document list, BM25 with glossary expansion and translation, two dense
  queries, fusion, passage fetch.
- Ingest throughput: a generated report PDF through the real ingest path (pypdf, normalisation,
  chunking, store writes) with the *fake* embedder; with e5-small, embedding dominates (README:
  1.5–1.6 pages/s on 2 cores).
- Gap check: a generated 250-page report PDF against TCFD + GRI with the *fake* embedder.
- Peak RSS is per worker process (each part runs in its own process); in server mode the Chroma
  server's own peak is reported separately.

Each part runs in a subprocess of this script (`--worker …`); a thin wrapper over the engine.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))  # builders.make_pdf (reportlab, a test extra)

from disclosure.embeddings import QueryCachingEmbedder  # noqa: E402

DIM = 384
DOC_CHUNKS = 500  # synthetic documents of 500 chunks each (about a 150-page report)
SEED = 20260101

QUERIES = [
    "2023年範疇二排放量", "Scope 2 emissions 2023", "董事會如何監督氣候相關風險", "board oversight of climate risk",
    "再生能源使用比例目標", "renewable electricity share target", "範疇三 上游運輸 排放量", "Scope 3 category 4 transport",
    "內部碳定價", "internal carbon price", "碳費 預估", "physical risk flooding sites", "112年度用電量",
    "net zero target 2050 base year", "轉型風險 財務影響", "supplier engagement emissions data", "水資源 取水量",
    "location-based market-based electricity", "永續發展委員會 每季 召開", "SBTi 1.5°C near-term target",
]

ZH_TERMS = ["範疇一排放量", "範疇二排放量", "範疇三排放量", "溫室氣體盤查", "再生能源使用比例", "董事會監督", "永續發展委員會",
            "碳費", "減碳目標", "用電量", "氣候相關風險", "轉型風險", "實體風險", "淨零排放", "內部碳定價", "供應商議合",
            "取水量", "廢棄物回收率", "能源密集度", "綠電採購", "冷媒逸散", "第三方查證"]
EN_TERMS = ["Scope 1 emissions", "Scope 2 emissions", "Scope 3 emissions", "renewable electricity", "board oversight",
            "transition risk", "physical risk", "net-zero target", "internal carbon price", "supplier engagement",
            "water withdrawal", "energy intensity", "market-based", "location-based", "carbon fee", "assurance"]
UNITS_ZH = ["公噸CO2e", "千度", "百萬元", "%", "公噸", "MWh"]
UNITS_EN = ["tCO2e", "MWh", "TWD million", "%", "tonnes"]
# Rare tokens so that the vocabulary grows with the corpus as real reports' names and codes do.
CJK_POOL = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]


def passage(rng: random.Random) -> tuple[str, str]:
    """A synthetic report passage (~150–300 characters) and its language."""
    lang = rng.choices(["zh", "en", "mixed"], [0.6, 0.25, 0.15])[0]
    parts = []
    for _ in range(rng.randint(3, 5)):
        year = rng.randint(2019, 2030)
        site = "".join(rng.choices(CJK_POOL, k=2)) + "廠"
        if lang == "zh" or (lang == "mixed" and rng.random() < 0.5):
            roc = f"{year - 1911}年度" if rng.random() < 0.4 else f"{year}年"
            parts.append(f"{roc}{site}{rng.choice(ZH_TERMS)}為{rng.randint(10, 900000):,}{rng.choice(UNITS_ZH)}，"
                         f"較前一年{rng.choice(['增加', '減少'])}{rng.randint(1, 40)}%。")
        else:
            parts.append(f"In {year} the {rng.choice(EN_TERMS)} of site {site} were {rng.randint(10, 900000):,} "
                         f"{rng.choice(UNITS_EN)}, {rng.choice(['up', 'down'])} {rng.randint(1, 40)}% on the year before. ")
    return "".join(parts), lang


class RandomEmbedder(QueryCachingEmbedder):
    """Random unit vectors (dimension 384), seeded by the text: isolates store and BM25 cost."""

    def __init__(self, dim: int = DIM):
        self.dim = dim
        self.model_id = f"bench-random-{dim}"
        self._init_query_cache()

    def _vec(self, text: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
        v = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
        return v / np.linalg.norm(v)

    def embed_passages(self, texts):
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def _embed_queries(self, texts):
        return np.stack([self._vec(t) for t in texts])


def du_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) if Path(path).exists() else 0


def peak_rss_mb(pid: int | None = None) -> float:
    if pid is None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q / 100 * (len(s) - 1))))]


# ------------------------------------------------------------------ worker: one store mode
def start_chroma_server(path: Path) -> tuple[subprocess.Popen, int]:
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([exe, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return proc, port
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the Chroma server did not start")


def worker_store(mode: str, sizes: list[int], reps: int) -> dict:
    from datetime import datetime, timezone

    from disclosure import retrieval
    from disclosure.evidence import EvidenceBase
    from disclosure.models import Chunk, DocumentRecord, Location
    from disclosure.normalization import find_years
    from disclosure.settings import load_settings
    from disclosure.store import ChunkStore

    tmp = Path(tempfile.mkdtemp(prefix=f"scale-{mode}-"))
    server, overrides = None, {}
    if mode == "server":
        server, port = start_chroma_server(tmp / "server-db")
        overrides = {"store_mode": "server", "chroma_host": "127.0.0.1", "chroma_port": port}
    settings = load_settings({"data_dir": tmp / "data", "embedding_backend": "fake", "collection_prefix": "scale",
                              **overrides}, environ={}, secrets_path=None)
    embedder = RandomEmbedder()
    store = ChunkStore(settings, embedder.model_id)
    eb = EvidenceBase(settings, embedder=embedder, store=store)
    rng = random.Random(SEED)
    rows, inserted, n_doc = [], 0, 0
    try:
        for target in sizes:
            t0 = time.perf_counter()
            while inserted < target:
                n = min(DOC_CHUNKS, target - inserted)
                doc_id = f"{n_doc:016x}"
                chunks = []
                for i in range(n):
                    text, lang = passage(rng)
                    chunks.append(Chunk(chunk_id=f"{doc_id}:{i}", doc_id=doc_id, source=f"report_{n_doc:04d}.pdf", kind="pdf",
                                        text=text, location=Location(page=i // 3 + 1, char_start=0, char_end=len(text)),
                                        language=lang, years=find_years(text), content_hash=doc_id * 4, ordinal=i))
                vecs = np.random.default_rng(n_doc).standard_normal((n, DIM)).astype(np.float32)
                vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
                record = DocumentRecord(doc_id=doc_id, source=f"report_{n_doc:04d}.pdf", kind="pdf", content_hash=doc_id * 4,
                                        size_bytes=0, pages=n // 3 + 1, chunks=n,
                                        added_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
                with store.write_lock():  # the same write path as an ingest: chunks, then the record
                    store.add_chunks(chunks, vecs, time.time())
                    store.commit_document(record)
                inserted += n
                n_doc += 1
            insert_s = time.perf_counter() - t0
            added = target - (rows[-1]["chunks"] if rows else 0)

            # Cold lexical index: built from the store (as after another instance's write).
            retrieval._LEXICAL_CACHE.clear()
            shutil.rmtree(settings.data_dir / "cache", ignore_errors=True)
            t0 = time.perf_counter()
            eb.search(QUERIES[0], k=10)
            cold_s = time.perf_counter() - t0

            total, dense, lexical, docs_ms = [], [], [], []
            committed = eb.committed_ids()
            for _ in range(reps):
                for q in QUERIES:
                    t0 = time.perf_counter()
                    hits = eb.search(q, k=10)
                    total.append((time.perf_counter() - t0) * 1000)
                    assert hits, q
                    t0 = time.perf_counter()
                    eb.retriever._dense(embedder.embed_query(q), settings.retrieval_candidates, None, committed)
                    dense.append((time.perf_counter() - t0) * 1000)
                    idx = eb.retriever.lexical_index(committed)
                    t0 = time.perf_counter()
                    idx.top(retrieval.query_weights(q), settings.retrieval_candidates)
                    lexical.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                eb.documents()
                docs_ms.append((time.perf_counter() - t0) * 1000)
            store_dir = tmp / "server-db" if mode == "server" else settings.data_dir / "chroma"
            rows.append({
                "mode": mode, "chunks": target, "documents": n_doc,
                "insert_chunks_per_s": added / insert_s, "store_mb": du_bytes(store_dir) / 1e6,
                "bm25_cache_mb": du_bytes(settings.data_dir / "cache") / 1e6,
                "lexical_build_s": cold_s, "search_p50_ms": statistics.median(total), "search_p95_ms": pct(total, 95),
                "dense_p50_ms": statistics.median(dense), "bm25_p50_ms": statistics.median(lexical),
                "doc_list_ms": statistics.median(docs_ms), "queries": len(total),
                "peak_rss_mb": peak_rss_mb(), "server_peak_rss_mb": peak_rss_mb(server.pid) if server else None,
            })
            print(f"  {mode} {target}: insert {added / insert_s:,.0f} chunks/s, p50 {rows[-1]['search_p50_ms']:.0f} ms",
                  file=sys.stderr, flush=True)
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)
    return {"store": rows}


# ------------------------------------------------------------------ worker: ingest + gap check
def report_pages(n: int) -> list[str]:
    """A report's pages: sections on governance, strategy, risk, metrics and targets, zh-TW and English."""
    rng = random.Random(SEED)
    sections = [
        ("治理", "董事會為氣候相關議題之最高監督單位，永續發展委員會每季召開會議並向董事會報告氣候相關風險與機會。"),
        ("策略", "本公司依TCFD建議鑑別短中長期氣候相關風險與機會，並以1.5°C與4°C情境分析評估策略韌性與財務影響。"),
        ("風險管理", "氣候相關風險已整合至企業風險管理流程，由風險管理委員會每年鑑別、評估並排序。"),
        ("指標與目標", "112年度範疇一排放量為8,512.0公噸CO2e，範疇二（地點基準）為45,620.9公噸CO2e，以2021年為基準年，"
                  "目標於2030年減量42%，2050年淨零排放。"),
    ]
    pages = []
    for p in range(n):
        title, body = sections[p * len(sections) // n]
        # about 1,300 characters a page, as in a dense zh-TW report: 30 lines of up to 45 characters
        text = body + "".join(passage(rng)[0] for _ in range(5))
        lines = [f"{title}（第{p + 1}頁）"] + [text[i : i + 45] for i in range(0, min(len(text), 45 * 29), 45)]
        pages.append("\n".join(lines))
    return pages


def worker_ingest_gap(pages: int) -> dict:
    from builders import make_pdf

    from disclosure.evidence import EvidenceBase, PendingFile
    from disclosure.gap import GapChecker, items_for_frameworks
    from disclosure.settings import load_settings

    tmp = Path(tempfile.mkdtemp(prefix="scale-ingest-"))
    try:
        t0 = time.perf_counter()
        pdf = make_pdf(report_pages(pages))
        make_s = time.perf_counter() - t0
        settings = load_settings({"data_dir": tmp / "data", "embedding_backend": "fake"}, environ={}, secrets_path=None)
        eb = EvidenceBase(settings)
        t0 = time.perf_counter()
        rep = eb.ingest_files([PendingFile(f"report_{pages}p.pdf", pdf)])
        ingest_s = time.perf_counter() - t0
        rec = rep.added[0]
        items = items_for_frameworks(["tcfd", "gri"])
        checker = GapChecker(settings, cache_dir=tmp / "gap-cache")
        t0 = time.perf_counter()
        report = checker.check(pdf, f"report_{pages}p.pdf", items)
        gap_s = time.perf_counter() - t0
        statuses = {s: sum(f.status == s for f in report.findings) for s in ("covered", "partial", "missing")}
        return {"ingest": {"pages": rec.pages, "chunks": rec.chunks, "pdf_mb": len(pdf) / 1e6, "make_pdf_s": make_s,
                           "ingest_s": ingest_s, "pages_per_s": rec.pages / ingest_s, "chunks_per_s": rec.chunks / ingest_s,
                           "store_mb": du_bytes(settings.data_dir / "chroma") / 1e6,
                           "gap_s": gap_s, "gap_requirements": len(items), "gap_statuses": statuses,
                           "peak_rss_mb": peak_rss_mb()}}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ------------------------------------------------------------------ driver
def run_worker(args: list[str]) -> dict:
    p = subprocess.run([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise SystemExit(f"worker {args} failed (exit {p.returncode})")
    return json.loads(p.stdout.strip().splitlines()[-1])


def print_tables(store_rows: list[dict], ingest: dict | None) -> None:
    if store_rows:
        print("\nSearch and store at scale (synthetic zh/en passages, random 384-d vectors: store + BM25 cost only, "
              "no embedding model; k=10, full hybrid search path)\n")
        print("| mode | chunks | docs | insert chunks/s | store on disk MB | BM25 cache MB | cold lexical build s | "
              "search p50 ms | search p95 ms | dense p50 ms | BM25 p50 ms | doc list ms | peak RSS MB (bench) | server peak RSS MB |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in store_rows:
            srv = f"{r['server_peak_rss_mb']:.0f}" if r["server_peak_rss_mb"] else "–"
            print(f"| {r['mode']} | {r['chunks']:,} | {r['documents']} | {r['insert_chunks_per_s']:,.0f} | {r['store_mb']:.1f} | "
                  f"{r['bm25_cache_mb']:.1f} | {r['lexical_build_s']:.1f} | {r['search_p50_ms']:.0f} | {r['search_p95_ms']:.0f} | "
                  f"{r['dense_p50_ms']:.1f} | {r['bm25_p50_ms']:.1f} | {r['doc_list_ms']:.1f} | {r['peak_rss_mb']:.0f} | {srv} |")
    if ingest:
        i = ingest
        print(f"\nIngest and gap check of a generated {i['pages']}-page report PDF ({i['pdf_mb']:.1f} MB), fake embedder, "
              "embedded store\n")
        print("| pages | chunks | ingest s | pages/s | chunks/s | store MB | gap check s (TCFD+GRI, "
              f"{i['gap_requirements']} req.) | verdicts c/p/m | peak RSS MB |")
        print("|---:|---:|---:|---:|---:|---:|---:|---|---:|")
        st = i["gap_statuses"]
        print(f"| {i['pages']} | {i['chunks']} | {i['ingest_s']:.1f} | {i['pages_per_s']:.1f} | {i['chunks_per_s']:.0f} | "
              f"{i['store_mb']:.1f} | {i['gap_s']:.1f} | {st['covered']}/{st['partial']}/{st['missing']} | {i['peak_rss_mb']:.0f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="chunk counts, ascending (default 1000,10000,100000)")
    ap.add_argument("--modes", default="embedded,server", help="store modes (default embedded,server)")
    ap.add_argument("--reps", type=int, default=3, help="passes over the 20 queries per size (default 3)")
    ap.add_argument("--gap-pages", type=int, default=250, help="pages of the generated report (0: skip)")
    ap.add_argument("--json", metavar="OUT", help="also write the figures as JSON")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(",") if s)

    if args.worker:  # one part, in its own process, prints its figures as JSON on the last line
        out = worker_ingest_gap(args.gap_pages) if args.worker == "ingest" else worker_store(args.worker, sizes, args.reps)
        print(json.dumps(out))
        return

    t0 = time.time()
    store_rows: list[dict] = []
    for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
        print(f"# store mode {mode}: inserting up to {sizes[-1]:,} chunks …", file=sys.stderr, flush=True)
        store_rows += run_worker(["--worker", mode, "--sizes", args.sizes, "--reps", str(args.reps)])["store"]
    ingest = None
    if args.gap_pages:
        print(f"# ingest + gap check, {args.gap_pages}-page PDF …", file=sys.stderr, flush=True)
        ingest = run_worker(["--worker", "ingest", "--gap-pages", str(args.gap_pages)])["ingest"]
    print_tables(store_rows, ingest)
    print(f"\n{os.cpu_count()} cores; total {time.time() - t0:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps({"store": store_rows, "ingest": ingest}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
