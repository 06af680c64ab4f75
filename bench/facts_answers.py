"""Dev loop for the figure questions of ../shared/eval/figures/figures.csv: each document is ingested
once into a data dir under /tmp/facts-eval/ (kept between runs), then its questions go through the
same CLI `answer` path and are scored as dev_eval.py scores them. The figure to quote is the one of
`python ../shared/eval/dev_eval.py answers`; this is for iterating.

    python bench/facts_answers.py [--ingest-only] [--doc SUBSTRING]
"""
from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent.parent / "shared" / "eval"
WORK = Path("/tmp/facts-eval")
sys.path.insert(0, str(EVAL))


def cli(data_dir: Path, *args: str, timeout: int = 3600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "disclosure", "--data-dir", str(data_dir), *args], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ingest-only", action="store_true")
    ap.add_argument("--doc", default="")
    args = ap.parse_args()
    from dev_eval import digits, has_token  # the judging instrument's own scoring

    rows = list(csv.DictReader(open(EVAL / "figures" / "figures.csv", encoding="utf-8")))
    by_doc = collections.defaultdict(list)
    for r in rows:
        by_doc[r["document"]].append(r)
    ok = total = 0
    for doc, qs in by_doc.items():
        if args.doc and args.doc not in doc:
            continue
        fake = os.environ.get("DISCLOSURE_EMBEDDING_BACKEND") == "fake"  # fast loop: BM25 + hash vectors
        dd = WORK / (Path(doc).stem.replace(" ", "_") + ("-fake" if fake else "")) / "data"
        if not (dd / ".ingested").exists():
            p = cli(dd, "ingest", str(EVAL / doc))
            if p.returncode:
                sys.exit(f"ingest failed on {doc}: {p.stderr[-400:]}")
            (dd / ".ingested").write_text("ok")
        if args.ingest_only:
            continue
        qfile = dd.parent / "questions.csv"
        with open(qfile, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["Question ID", "Question"])
            for q in qs:
                w.writerow([q["question_id"], q["question"]])
        p = cli(dd, "answer", "--questions", str(qfile), "--out", str(dd.parent / "a.xlsx"), "--json")
        if p.returncode:
            print(p.stderr[-2000:])
            continue
        got = {str(a.get("question_id")): a for a in json.loads(p.stdout)}
        k = 0
        for q in qs:
            a = got.get(q["question_id"], {})
            text = digits(a.get("answer", ""))
            cited = {c.get("page") for c in a.get("citations", []) or []}
            if q["expect"] == "NO_EVIDENCE":
                good = a.get("status") == "no_evidence"
            else:
                pages = {int(x) for x in q["pages"].split(";") if x.strip()}
                good = (all(has_token(text, t) for t in q["expect"].split(";"))
                        and (not pages or bool(pages & cited)) and len(text) <= 400)
            k += good
            print(f"  {q['question_id']} {'ok ' if good else 'BAD'} want={q['expect']} p={q['pages']} "
                  f"cites={sorted(x for x in cited if x)[:4]} [{a.get('status')}] {str(a.get('answer', ''))[:150]!r}")
        print(f"  {os.path.basename(doc)}: {k}/{len(qs)}")
        ok += k
        total += len(qs)
    if total:
        print(f"figures dev (cached data dirs): {ok}/{total} = {ok / total:.2f}")


if __name__ == "__main__":
    main()
