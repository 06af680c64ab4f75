"""The engine's layers, read from its import graph (imports inside functions count too).

Lower layers never import higher ones, the three use cases (drafting, questionnaire answers, gap
check) never import one another (what they share lives below them: citing, facts, ghg, chat), and
neither the engine nor the framework loaders import Streamlit or the pages. A change that breaks a
rule fails here with the offending import named.
"""
from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# rank of each top-level part of the engine; an import may only go to the same or a lower rank
FOUNDATION = {"errors", "settings", "language", "models", "encodings", "normalization", "chunking", "lexical",
              "tables", "pages", "glossary", "entity", "workspace", "converters", "embeddings", "store",
              "vector_cache", "chat", "retrieval", "xlsx"}
RANK = {**{name: 0 for name in FOUNDATION}, "ghg": 1, "facts": 2, "evidence": 3, "citing": 4,
        "drafting": 5, "questionnaire": 5, "gap": 5, "services": 6,
        "langchain_retriever": 7, "commands": 7, "cli": 7, "__main__": 7}
USE_CASES = {"drafting", "questionnaire", "gap"}


def _module(path: Path, root: Path) -> tuple[str, str]:
    """(dotted module name, the package relative imports resolve against)."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
        return ".".join(parts), ".".join(parts)
    return ".".join(parts), ".".join(parts[:-1])


def _imports(path: Path, root: Path) -> set[str]:
    _, package = _module(path, root)
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
                found.add(target)
                if not node.module:  # `from . import services` names modules
                    found.update(f"{target}.{alias.name}" for alias in node.names)
            elif node.module:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _part(dotted: str) -> str | None:
    bits = dotted.split(".")
    if bits[0] != "disclosure" or len(bits) < 2:
        return None
    return bits[1]


def _edges(package: str):
    root = REPO / package
    for path in sorted(root.rglob("*.py")):
        name, _ = _module(path, root)
        for target in _imports(path, root):
            yield path.relative_to(REPO), name, target


def test_every_engine_part_has_a_layer():
    parts = {p.stem if p.is_file() else p.name for p in (REPO / "disclosure").iterdir()
             if (p.suffix == ".py" and p.stem != "__init__") or (p.is_dir() and (p / "__init__.py").exists())}
    assert parts - set(RANK) == set(), "give the new part of disclosure/ a rank in tests/test_layers.py"


def test_no_import_goes_up_a_layer_or_across_use_cases():
    wrong = []
    for path, name, target in _edges("disclosure"):
        src, dst = _part(name), _part(target)
        if src is None or dst is None or dst not in RANK or src == dst:
            continue
        if RANK[dst] > RANK[src]:
            wrong.append(f"{path}: {src} (layer {RANK[src]}) imports {target} (layer {RANK[dst]})")
        elif src in USE_CASES and dst in USE_CASES:
            wrong.append(f"{path}: the {src} use case imports the {dst} use case ({target})")
    assert wrong == []


def test_the_engine_and_framework_loaders_never_import_streamlit_or_the_pages():
    wrong = [f"{path} imports {target}" for package in ("disclosure", "frameworks")
             for path, _, target in _edges(package)
             if target.split(".")[0] in {"streamlit", "ui", "app"}]
    assert wrong == []


def test_framework_loaders_use_only_the_engine_foundation():
    wrong = [f"{path} imports {target}" for path, _, target in _edges("frameworks")
             if _part(target) is not None and _part(target) not in FOUNDATION]
    assert wrong == []


def test_the_graph_reader_sees_a_violation(tmp_path):
    """The rules above could pass by reading nothing: a planted upward import is found."""
    pkg = tmp_path / "disclosure"
    (pkg / "ghg").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "ghg" / "__init__.py").write_text("def f():\n    from ..drafting import write\n")
    found = _imports(pkg / "ghg" / "__init__.py", pkg)
    assert "disclosure.drafting" in found and RANK[_part("disclosure.drafting")] > RANK["ghg"]
