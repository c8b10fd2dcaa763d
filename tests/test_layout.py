"""The folder tree shows the pipeline: each stage is a subpackage, and no module imports from a
stage later than its own, nor from the modules that run the pipeline (build, cli, plugin)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "build_archive"
# The stages in the order a build runs them.
STAGES = ("read", "actors", "generate", "publish", "search")
# Modules at the top that every stage may use: the data model and shared helpers.
SHARED = frozenset(
    {"model", "settings", "folding", "memory", "cache", "urls", "errors", "progress", "compiled"}
)
# Modules at the top that run the stages; nothing below them imports them.
RUNNERS = frozenset(
    {"build", "dask_engine", "cli", "plugin", "preview", "review", "warm", "__main__", "compile_actors"}
    | {"second_pass"}
)


def imported(path: Path) -> set[str]:
    """The build_archive modules a file imports, as their first part below the package
    ("actors", "urls"), lazy imports inside functions included."""
    package = path.parent.relative_to(PACKAGE.parent).parts
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(package[: len(package) - node.level + 1])
            parts = [*base, *(node.module.split(".") if node.module else [])]
            names = [parts] if node.module else [[*parts, alias.name] for alias in node.names]
            found.update(p[1] for p in names if len(p) > 1)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("build_archive."):
            found.add(node.module.split(".")[1])
    return found


def test_no_module_imports_from_a_later_stage_or_from_the_runners():
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        own = parts[0] if len(parts) > 1 else path.stem
        if own in RUNNERS or own == "__init__":
            continue
        for name in imported(path) - {own}:
            if own in SHARED:
                allowed = name in SHARED
            else:
                allowed = name in SHARED or (name in STAGES and STAGES.index(name) < STAGES.index(own))
            if not allowed:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not wrong, wrong


def test_every_module_belongs_to_a_stage_or_is_named_at_the_top():
    top = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert top <= SHARED | RUNNERS, top - SHARED - RUNNERS
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} == set(STAGES)
