"""Actor finding compiled to C by mypyc, used only while it is exactly the source on disk.

Actor finding runs dozens of tests of the rules, the lists and the tagger on every capitalised
word of the text, and in CPython each test costs the interpreter's work per operation; compiled
by mypyc (part of the pinned mypy), the same Python source runs as C, without most of it.
The Python source stays the reference and always works: `make install` compiles it when it
changed (`python -m build_archive.compile_actors`), into a folder of the virtual environment, never
next to the source, and a compiled build is imported only while the digest of the sources it
was compiled from is the digest of the sources on disk. An edited rule is therefore never
shadowed by the compiled module of the rule before the edit: until the next `make install` the
edited source runs, interpreted, and the build's summary says so (`Report.actors_interpreted`).

`build_archive/__init__.py` calls `use_compiled()` before any module is imported, so every
process that imports the package gets the same modules: `archive build`, a warm builder under
`mkdocs serve`, the build's worker processes and Dask's workers.
"""

from __future__ import annotations

import hashlib
import json
import sys
from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader, ModuleSpec
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

PACKAGE = __name__.rpartition(".")[0]
ROOT = Path(__file__).resolve().parent  # the package's source
FOLDER = Path(sys.prefix) / "build_archive-compiled"  # in the virtual environment: one per install
MANIFEST = "manifest.json"


class Compiled(NamedTuple):
    """A compiled build: the digest of what it was compiled from, the source files that digest
    covers (relative to the package), and each compiled module's extension file."""

    digest: str
    sources: tuple[str, ...]
    modules: dict[str, Path]


class Finder:
    """Imports the compiled build's modules from their extension files, and nothing else (a
    finder on `sys.meta_path`)."""

    def __init__(self, modules: dict[str, Path]) -> None:
        self.modules = modules

    def find_spec(
        self, fullname: str, path: object = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        file = self.modules.get(fullname)
        if file is None:
            return None
        spec = ModuleSpec(fullname, ExtensionFileLoader(fullname, str(file)), origin=str(file))
        spec.has_location = True  # its __file__: the extension file
        return spec


def digest(root: Path, sources: tuple[str, ...]) -> str:
    """The digest of the source files (relative to the package's folder `root`) and of the
    interpreter's extension format: what a compiled build must have been compiled from."""
    hashed = hashlib.sha256(EXTENSION_SUFFIXES[0].encode())
    for source in sources:
        hashed.update(b"\0" + source.encode() + b"\0" + (root / source).read_bytes())
    return hashed.hexdigest()


def current(root: Path = ROOT, folder: Path = FOLDER) -> Compiled | None:
    """The compiled build in `folder` if it was compiled from the sources now under `root`;
    None when there is none, or it was compiled from other sources."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        compiled = Compiled(
            manifest["digest"],
            tuple(manifest["sources"]),
            {name: folder / file for name, file in manifest["modules"].items()},
        )
        if digest(root, compiled.sources) != compiled.digest:
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no build, an unreadable one, or a source it was compiled from is gone
    return compiled


IN_USE: Compiled | None = None  # the compiled build this process imports, if any


def use_compiled() -> None:
    """Import actor finding's compiled modules from now on, if they were compiled from exactly
    the sources on disk. Only for the package under its own name: a copy of the source imported
    under another name (the benchmarks' interpreted side) stays interpreted."""
    global IN_USE
    compiled = current() if PACKAGE == "build_archive" else None
    if compiled is not None and not any(isinstance(f, Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, Finder(compiled.modules))
        IN_USE = compiled
