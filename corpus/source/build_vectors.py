"""Compute the sample corpus's passage vectors with the default model and write them to
corpus/vectors/ (see disclosure/vector_cache.py), so that a fresh clone indexes the sample company
without embedding it. Run after the corpus or the default model changes:

    python corpus/source/build_vectors.py
"""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from disclosure.converters import convert  # noqa: E402
from disclosure.evidence import EvidenceBase, collect_files  # noqa: E402
from disclosure.retrieval import index_text  # noqa: E402
from disclosure.settings import load_settings  # noqa: E402
from disclosure.vector_cache import write_shipped  # noqa: E402


def main() -> int:
    import hashlib
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings({"data_dir": Path(tmp) / "data"}, environ={}, secrets_path=None)
        eb = EvidenceBase(settings)
        files, _ = collect_files([settings.corpus_dir])
        texts: list[str] = []
        for f in files:
            data = f.read_bytes()
            chunks = eb.build_chunks(f.name, convert(data, f.name), hashlib.sha256(data).hexdigest())
            texts += [index_text(c.text) for c in chunks]
        path = write_shipped(REPO / "corpus" / "vectors", eb.embedder, texts)
    print(f"wrote {path.relative_to(REPO)}: {len(set(texts))} passage vectors of {eb.embedder.model_id}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
