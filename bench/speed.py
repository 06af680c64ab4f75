"""Interactive speed on this machine: the work a user waits for, timed through the CLI, in this tree
and in an older commit measured in the same run, so that every figure is also a ratio.

Run from the project root: `python bench/speed.py` (about half an hour with the baseline;
`--no-baseline` for this tree alone, `--only survey,chapters` for some scenarios, `--baseline REF`
for another commit). The baseline is checked out into a temporary git worktree and run with this
virtualenv's Python; each tree gets its own data directory and an empty gap-check cache, so
nothing one run computed helps the other. The real default embedding model is used throughout.

Scenarios (targets of issue 18 in brackets):
- first start: what `make app` does before the first page answers on a fresh clone (the Makefile's
  `index` recipe on an empty data dir, then Streamlit until its health endpoint answers) [≤ 60 s]
- ingest: a generated 56-page zh-TW report, pages/s including embeddings, and peak memory [≥ 3 pages/s]
- survey: `answer --questions supplier_carbon` (35 questions) on the indexed sample corpus [≤ 25 s]
- cdp: the 253-question CDP 2026 list from ../shared/eval/cdp when present, else the built-in `cdp` set
- chapters: `draft --chapter C --lang zh-TW` for each of the seven chapters [each ≤ 10 s]
- gap 56 / gap 250: a gap check (TCFD + GRI) of an already indexed generated report of 56 / 250 pages
  (`gap --document` where the tree has it, else `gap --input`, which embeds the report again) [56: ≤ 20 s]
Each command's wall time includes starting Python and loading the model, as a user's does.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # builders.make_pdf (reportlab, a test extra)
sys.path.insert(0, str(REPO / "bench"))
SHARED_CDP = REPO.parent / "shared" / "eval" / "cdp" / "cdp_2026_modules_2_7.csv"
# The commit on main when issue 18 was filed: the implementation the figures are compared with.
DEFAULT_BASELINE = "15663bf"
CHAPTERS = ["governance", "risk-strategy", "ghg-inventory", "targets-transition", "reduction-renewables",
            "carbon-neutrality", "supply-chain"]
SCENARIOS = ["first-start", "ingest", "survey", "cdp", "chapters", "gap56", "gap250"]
TARGETS = {"first start": 60.0, "survey (35 q.)": 25.0, "gap 56 p.": 20.0}
CHAPTER_TARGET = 10.0
INGEST_TARGET_PAGES_S = 3.0


class Tree:
    """A source tree the scenarios run in: this checkout, or a baseline commit in a temp worktree."""

    def __init__(self, name: str, root: Path, work: Path):
        self.name, self.root, self.work = name, root, work
        self.data = work / "data"
        self.env = {**os.environ, "PYTHONPATH": str(root), "DISCLOSURE_DATA_DIR": str(self.data),
                    "DISCLOSURE_CACHE_DIR": str(work / "gap-cache"), "DISCLOSURE_CORPUS_DIR": str(root / "corpus" / "documents")}
        for k in ("DISCLOSURE_EMBEDDING_BACKEND", "DISCLOSURE_STRICT", "DISCLOSURE_STORE_MODE", "DISCLOSURE_WORKSPACE"):
            self.env.pop(k, None)
        self._help: dict[str, str] = {}

    def run(self, *args: str, timeout: float = 7200) -> tuple[float, float, subprocess.CompletedProcess]:
        """(wall seconds, peak RSS MB, process) of ``python -m disclosure ARGS`` in this tree."""
        cmd = ["/usr/bin/time", "-f", "MAXRSS %M", sys.executable, "-m", "disclosure", *args]
        t0 = time.perf_counter()
        p = subprocess.run(cmd, cwd=self.root, env=self.env, capture_output=True, text=True, timeout=timeout)
        wall = time.perf_counter() - t0
        m = re.findall(r"MAXRSS (\d+)", p.stderr)
        if p.returncode not in (0, 1):
            raise RuntimeError(f"{self.name}: {' '.join(args)} failed ({p.returncode}): {p.stderr[-800:]}")
        return wall, (int(m[-1]) / 1024 if m else float("nan")), p

    def has_option(self, command: str, option: str) -> bool:
        if command not in self._help:
            p = subprocess.run([sys.executable, "-m", "disclosure", command, "--help"], cwd=self.root, env=self.env,
                               capture_output=True, text=True)
            self._help[command] = p.stdout
        return option in self._help[command]


def make_reports(work: Path) -> dict[int, Path]:
    from builders import make_pdf
    from scale import report_pages

    out = {}
    for n in (56, 250):
        path = work / f"peer_report_{n}p.pdf"
        path.write_bytes(make_pdf(report_pages(n)))
        out[n] = path
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def first_start(tree: Tree) -> float:
    """The Makefile's `index` recipe on an empty data dir, then Streamlit until it answers."""
    recipe = re.search(r"^index:.*\n((?:\t.*\n)+)", (tree.root / "Makefile").read_text(), re.M)
    data = tree.work / "first-start-data"
    env = {**tree.env, "DISCLOSURE_DATA_DIR": str(data)}
    t0 = time.perf_counter()
    for line in (recipe.group(1).splitlines() if recipe else []):
        cmd = line.strip().replace("$(BIN)/python", sys.executable).replace("$(BIN)/", str(Path(sys.executable).parent) + "/")
        subprocess.run(cmd, shell=True, cwd=tree.root, env=env, check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                            cwd=tree.root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - t0 < 1800:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        return time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def answers_of(p: subprocess.CompletedProcess) -> list:
    try:
        return json.loads(p.stdout)
    except ValueError:
        return []


def run_tree(tree: Tree, only: set[str], reports: dict[int, Path]) -> dict[str, dict]:
    rows: dict[str, dict] = {}

    def record(name: str, wall: float, rss: float = float("nan"), **extra) -> None:
        rows[name] = {"s": wall, "rss_mb": rss, **extra}
        print(f"  [{tree.name}] {name}: {wall:.1f} s" + (f", {rss:.0f} MB" if rss == rss else "")
              + "".join(f", {k}={v}" for k, v in extra.items() if k != "output"), file=sys.stderr, flush=True)

    if "first-start" in only:
        record("first start", first_start(tree))
    wall, rss, p = tree.run("ingest", str(tree.root / "corpus" / "documents"), "--quiet")
    record("index sample corpus", wall, rss)
    if "ingest" in only or "gap56" in only:
        wall, rss, p = tree.run("ingest", str(reports[56]), "--quiet")
        record("ingest 56 p.", wall, rss, pages_per_s=round(56 / wall, 2))
    if "survey" in only:
        wall, rss, p = tree.run("answer", "--questions", "supplier_carbon", "--out", str(tree.work / "survey.xlsx"), "--json")
        record("survey (35 q.)", wall, rss, output=answers_of(p))
    if "cdp" in only:
        qs = str(SHARED_CDP) if SHARED_CDP.is_file() else "cdp"
        wall, rss, p = tree.run("answer", "--questions", qs, "--out", str(tree.work / "cdp.xlsx"), "--json")
        out = answers_of(p)
        record(f"cdp ({len(out)} q.)" if out else "cdp", wall, rss, output=out)
    if "chapters" in only:
        for ch in CHAPTERS:
            out = tree.work / f"{ch}.json"
            wall, rss, p = tree.run("draft", "--chapter", ch, "--lang", "zh-TW", "--out", str(out))
            record(f"chapter {ch}", wall, rss, output=json.loads(out.read_text(encoding="utf-8")) if out.is_file() else None)
    for n in (56, 250):
        if f"gap{n}" not in only:
            continue
        if n != 56:
            tree.run("ingest", str(reports[n]), "--quiet")
        out = tree.work / f"gap{n}.json"
        if tree.has_option("gap", "--document"):
            args = ["gap", "--document", reports[n].name]
        else:
            args = ["gap", "--input", str(reports[n])]
        wall, rss, p = tree.run(*args, "--framework", "tcfd,gri", "--json", str(out), "--quiet")
        verdicts = {f["requirement_id"]: f["status"] for f in json.loads(out.read_text(encoding="utf-8"))}
        record(f"gap {n} p.", wall, rss, output=verdicts)
    return rows


def same_output(a, b) -> str:
    if a is None or b is None:
        return ""
    if isinstance(a, dict) and all(isinstance(v, str) for v in a.values()):  # gap verdicts
        same = sum(a.get(k) == v for k, v in b.items())
        return f"{same}/{len(b)} verdicts"
    if isinstance(a, list):  # answers
        key = lambda x: str(x.get("question_id"))  # noqa: E731
        old = {key(x): (x.get("answer"), x.get("status")) for x in a}
        same = sum(old.get(key(x)) == (x.get("answer"), x.get("status")) for x in b)
        return f"{same}/{len(b)} answers"
    return "same" if a.get("paragraphs") == b.get("paragraphs") else "differs"


def target_of(name: str) -> str:
    if name.startswith("chapter "):
        return f"≤ {CHAPTER_TARGET:.0f} s"
    if name in TARGETS:
        return f"≤ {TARGETS[name]:.0f} s"
    return ""


def print_table(cur: dict[str, dict], base: dict[str, dict] | None, baseline: str) -> None:
    head = ["scenario", "this tree s", "peak MB"] + ([f"{baseline} s", "speed-up", "output vs baseline"] if base else []) + ["target", "met"]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" for _ in head) + "|")
    for name, r in cur.items():
        row = [name, f"{r['s']:.1f}", f"{r['rss_mb']:.0f}" if r["rss_mb"] == r["rss_mb"] else ""]
        if base:
            b = base.get(name)
            row += [f"{b['s']:.1f}" if b else "", f"{b['s'] / r['s']:.1f}×" if b else "",
                    same_output(b.get("output"), r.get("output")) if b else ""]
        tgt = target_of(name)
        met = ""
        if tgt:
            met = "yes" if r["s"] <= float(re.findall(r"[\d.]+", tgt)[0]) else "no"
        if "pages_per_s" in r:
            tgt, met = f"≥ {INGEST_TARGET_PAGES_S:.0f} pages/s", "yes" if r["pages_per_s"] >= INGEST_TARGET_PAGES_S else "no"
            row[0] += f" ({r['pages_per_s']} pages/s)"
        print("| " + " | ".join(row + [tgt, met]) + " |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", default=DEFAULT_BASELINE, help=f"commit to compare with (default {DEFAULT_BASELINE})")
    ap.add_argument("--no-baseline", action="store_true", help="measure this tree only")
    ap.add_argument("--only", default=",".join(SCENARIOS), help=f"comma-separated subset of {','.join(SCENARIOS)}")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    work = Path(tempfile.mkdtemp(prefix="bench-speed-"))
    base_root = None
    try:
        reports = make_reports(work)
        cur = run_tree(Tree("this tree", REPO, work / "current"), only, reports)
        base = None
        if not args.no_baseline:
            base_root = work / "baseline-src"
            subprocess.run(["git", "worktree", "add", "--detach", str(base_root), args.baseline], cwd=REPO, check=True,
                           capture_output=True)
            base = run_tree(Tree(args.baseline, base_root, work / "baseline"), only, reports)
        print_table(cur, base, args.baseline)
        if args.json:
            Path(args.json).write_text(json.dumps({"current": cur, "baseline": base}, ensure_ascii=False, indent=1,
                                                  default=str), encoding="utf-8")
    finally:
        if base_root is not None:
            subprocess.run(["git", "worktree", "remove", "--force", str(base_root)], cwd=REPO, capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
