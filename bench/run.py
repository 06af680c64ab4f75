"""All benchmarks with one command: `python bench/run.py` (or `make bench`)."""
import runpy
import sys
from pathlib import Path

HERE = Path(__file__).parent
for script in ["retrieval.py"]:
    print(f"\n# {script}\n", flush=True)
    sys.argv = [str(HERE / script)]
    runpy.run_path(str(HERE / script), run_name="__main__")
