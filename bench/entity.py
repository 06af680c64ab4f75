"""Reporting-entity check (disclosure/entity.py) on real third-party reports and the sample corpus.

    .venv/bin/python bench/entity.py [--eval-dir ../shared/eval] [--corpus corpus/documents]

Every report under the eval dir (tw_tcfd/reports, climretrieve/reports, reports) must be found to
be another organisation's (→ stored as reference in the sample company's workspace); no file of
the sample corpus may be. Prints one row per file and the two counts.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from disclosure.converters import convert  # noqa: E402
from disclosure.entity import detect_entity  # noqa: E402
from disclosure.workspace import sample_profile  # noqa: E402

EVAL_GLOBS = ["tw_tcfd/reports/*.pdf", "climretrieve/reports/*.pdf", "reports/*.pdf"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", default=str(Path(__file__).resolve().parents[2] / "shared" / "eval"))
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1] / "corpus" / "documents"))
    args = ap.parse_args()
    profile = sample_profile()
    rows = []
    eval_dir = Path(args.eval_dir)
    files = [(p, "other") for g in EVAL_GLOBS for p in sorted(eval_dir.glob(g))]
    files += [(p, "own") for p in sorted(Path(args.corpus).iterdir()) if p.is_file()]
    for path, expected in files:
        t0 = time.perf_counter()
        conv = convert(path.read_bytes(), path.name)
        f = detect_entity(conv.segments, path.name, profile.names(), profile.stock_code, kind=conv.kind)
        verdict = "other" if f.other_organisation else "own"
        rows.append((path.name, expected, verdict, f.entity, f.matched_name, f.candidates[:3], time.perf_counter() - t0))
    w = max(len(r[0]) for r in rows)
    print(f"{'file':<{w}}  expect  found  ok  entity / matched profile name          top candidates (score)")
    for name, exp, got, ent, matched, cands, dt in rows:
        cand = "; ".join(f"{n} {s:g}" for n, s in cands)
        who = f"{ent or '—'}" + (f" / {matched}" if matched else "")
        print(f"{name:<{w}}  {exp:6}  {got:5}  {'✓' if exp == got else '✗'}   {who:<36}  {cand}   ({dt:.1f}s)")
    other = [r for r in rows if r[1] == "other"]
    own = [r for r in rows if r[1] == "own"]
    print(f"\nthird-party reports recognised as another organisation's: {sum(r[2] == 'other' for r in other)}/{len(other)}")
    print(f"sample-corpus documents wrongly taken for another organisation's: {sum(r[2] == 'other' for r in own)}/{len(own)}")
    return 0 if all(r[1] == r[2] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
