"""Publishing the generated tree into `docs/`: the only stage that touches the output on disk.

The generated part of docs/ (`index.md`, `articles/`, `actors/`, `export/`) is published as a
whole or not at all. Each build that changes something writes a new generation under
`build/generated/<g>/` and then switches the symlink `build/generated/current` to it with one
rename(2); the four entries of docs/ are fixed relative symlinks through `current`. A build killed at any
moment (SIGKILL included) leaves the previous generation complete and in place, and the next
build removes what the killed one left behind.

Unchanged files are hard links into the previous generation: their bytes, inode and mtime stay
the same, so MkDocs' `--dirty` and its watcher see real changes only, and a build that changes
nothing writes nothing at all (`mkdocs serve` does not loop). The generations live outside
docs/: MkDocs walks every folder of docs/, even those it then excludes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

# The parts of docs/ that belong to the build; everything else there is hand-written.
GENERATED = ("index.md", "articles", "actors", "export")
MANIFEST = ".manifest.json"  # path -> hash of the bytes, per generation
# mkstemp and mkdtemp create private files and folders; published ones get the usual modes.
_UMASK = os.umask(0)
os.umask(_UMASK)


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _manifest(generation: Path | None) -> dict[str, str]:
    try:
        return json.loads((generation / MANIFEST).read_text()) if generation else {}
    except (OSError, ValueError):
        return {}  # a generation without a readable manifest shares nothing: all is rewritten


def current_generation(root: Path) -> Path | None:
    link = root / "current"
    return (root / os.readlink(link)) if link.is_symlink() and link.exists() else None


def write_tree(docs: Path, pages: dict[str, str | bytes], root: Path) -> WriteStats:
    """Publish `pages` (path in docs/ -> content) as the generated part of `docs`, keeping the
    generations in `root`."""
    root.mkdir(parents=True, exist_ok=True)
    previous = current_generation(root)
    old = _manifest(previous)
    data = {rel: c.encode("utf-8") if isinstance(c, str) else c for rel, c in pages.items()}
    new = {rel: _digest(content) for rel, content in data.items()}
    removed = sum(1 for rel in old if rel not in new)
    if previous is not None and new == old:
        _link_entries(docs, root)
        _remove_other_generations(root, previous.name)
        return WriteStats(0, len(new), 0)

    generation = Path(tempfile.mkdtemp(dir=root, prefix="g"))
    generation.chmod(0o777 & ~_UMASK)
    written = 0
    for top in GENERATED[1:]:  # every entry exists in every generation: no dangling symlinks
        (generation / top).mkdir()
    for rel, content in data.items():
        target = generation / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if old.get(rel) == new[rel]:
            try:
                os.link(previous / rel, target)
                continue
            except OSError:
                pass  # the old file is gone or on another file system: write it again
        target.write_bytes(content)
        written += 1
    (generation / MANIFEST).write_text(json.dumps(new, sort_keys=True))
    switch = root / f".current-{generation.name}"
    os.symlink(generation.name, switch)
    os.replace(switch, root / "current")  # the one moment the published tree changes
    _link_entries(docs, root)
    _remove_other_generations(root, generation.name)
    return WriteStats(written, len(new) - written, removed)


def _link_entries(docs: Path, root: Path) -> None:
    """docs/index.md, articles, actors, export as symlinks through `current`. An older archive's
    real folders are moved into the generations folder first, and removed with it."""
    docs.mkdir(parents=True, exist_ok=True)
    for top in GENERATED:
        entry, target = docs / top, os.path.relpath(root / "current" / top, docs)
        if entry.is_symlink() and os.readlink(entry) == target:
            continue
        if entry.is_symlink() or entry.is_file():
            entry.unlink()
        elif entry.is_dir():
            entry.rename(Path(tempfile.mkdtemp(dir=root, prefix="old-")) / top)
        link = docs / f".archive-link-{top}"  # same folder: rename(2) cannot cross file systems
        link.unlink(missing_ok=True)
        os.symlink(target, link)
        os.replace(link, entry)


def _remove_other_generations(root: Path, keep: str) -> None:
    for path in root.iterdir():
        if path.name in (keep, "current"):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically replace one file with `data` unless it already holds exactly that."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
