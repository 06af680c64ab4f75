"""Facts layer alone on the dev reports of ../shared/eval: precision and recall of extracted
(metric, year, value) triples, and extraction time per page, for each word source (pdfplumber word
boxes vs pypdf's layout mode). Gold is read at run time from figures/figures.csv: the rows whose
expected value is one figure, with the metric and year from the question parser (never copied).

    python bench/facts.py
"""
from __future__ import annotations

import collections
import csv
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT))

from disclosure.converters import convert  # noqa: E402
from disclosure.facts import FactBase, extract_document, parse_question  # noqa: E402


def main() -> None:
    rows = list(csv.DictReader(open(EVAL / "figures" / "figures.csv", encoding="utf-8")))
    gold = collections.defaultdict(list)
    for r in rows:
        i = parse_question(r["question"])
        if re.fullmatch(r"[\d.]+", r["expect"]) and i.metric and i.value_metric and i.year:
            gold[r["document"]].append((i.metric, i.year, r["expect"]))
    print("| word source | document | pages | s/page | gold | recalled | precision |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for source in ("pdfplumber", "pypdf-layout"):
        tot = collections.Counter()
        for doc, triples in gold.items():
            data = (EVAL / doc).read_bytes()
            conv = convert(data, Path(doc).name)
            t0 = time.perf_counter()
            d = extract_document(source=Path(doc).name, doc_id="d", content_hash="h", kind="pdf", segments=conv.segments,
                                 data=data, word_source=source)
            secs = time.perf_counter() - t0
            fb = FactBase(documents=[d])
            hit = right = answered = 0
            for metric, year, want in triples:
                got = fb.lookup(metric, year)
                if got.status == "found":
                    answered += 1
                    right += re.sub(r"[,\s]", "", got.chosen.fact.value_text) == want
                hit += any(re.sub(r"[,\s]", "", c.fact.value_text) == want for c in got.candidates)
            tot.update(gold=len(triples), hit=hit, right=right, answered=answered, pages=d.pages, secs=secs)
            print(f"| {source} | {Path(doc).name[:28]} | {d.pages} | {secs / max(1, d.pages):.3f} | {len(triples)} | {hit} | "
                  f"{right}/{answered} |")
        print(f"| **{source}** | all | {tot['pages']} | {tot['secs'] / max(1, tot['pages']):.3f} | {tot['gold']} | "
              f"{tot['hit']} ({tot['hit'] / tot['gold']:.2f}) | {tot['right']}/{tot['answered']} |")


if __name__ == "__main__":
    main()
