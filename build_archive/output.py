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
import subprocess
import tempfile
from collections.abc import Callable, Iterable
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
    digests: dict[str, str]  # what the published tree now holds: path -> digest of its bytes
    cleaner: subprocess.Popen | None = None  # removing the replaced generation; wait before exit


@dataclass(frozen=True)
class Known:
    """A file the build knows to be unchanged since the last one, without making it again: the
    digest of its bytes as published, and how to make it should the published copy be gone."""

    digest: str
    render: Callable[[], str]


@dataclass(frozen=True)
class Chunks:
    """A large file (the exports: 100 MB at 10k articles) made piece by piece, and written as
    it is made instead of being held whole."""

    pieces: Iterable[str]


Content = str | bytes | Known | Chunks


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _manifest(generation: Path | None) -> dict[str, str]:
    try:
        return json.loads((generation / MANIFEST).read_text()) if generation else {}
    except (OSError, ValueError):
        return {}  # a generation without a readable manifest shares nothing: all is rewritten


def current_generation(root: Path) -> Path | None:
    link = root / "current"
    return (root / os.readlink(link)) if link.is_symlink() and link.exists() else None


def published(root: Path) -> dict[str, str]:
    """What the published generation holds (path -> digest), for a build that can tell its
    unchanged files by their inputs instead of making them again."""
    return _manifest(current_generation(root))


def write_tree(docs: Path, pages: Iterable[tuple[str, Content]], root: Path) -> WriteStats:
    """Publish `pages` (path in docs/ -> content, made one at a time as they are consumed, so
    that the tree is never whole in memory) as the generated part of `docs`, keeping the
    generations in `root`. The replaced generation is removed by a process of its own: on a
    large archive that takes seconds that the caller has other work for."""
    root.mkdir(parents=True, exist_ok=True)
    previous = current_generation(root)
    old = _manifest(previous)
    new: dict[str, str] = {}
    unchanged_so_far: list[str] = []  # linked once a change shows that a generation is needed
    generation: Path | None = None
    written = 0
    for rel, content in pages:
        data: bytes | Path | None = None
        if isinstance(content, Known):
            new[rel] = content.digest
        elif isinstance(content, Chunks):
            new[rel], data = _spool(content.pieces, root)
        else:
            data = _bytes(content)
            new[rel] = digest(data)
        if old.get(rel) == new[rel] and os.path.isfile(f"{previous}/{rel}"):
            if isinstance(data, Path):
                data.unlink()
            if generation is None:
                unchanged_so_far.append(rel)
            else:
                _place(previous, generation, rel)
            continue
        if generation is None:
            generation = _new_generation(root, previous, unchanged_so_far)
        _place(None, generation, rel, data if data is not None else _bytes(content.render()))
        written += 1
    removed = sum(1 for rel in old if rel not in new)
    if generation is None:
        if previous is not None and not removed:
            _link_entries(docs, root)
            return WriteStats(0, len(new), 0, new, _remove_other_generations(root, previous.name))
        generation = _new_generation(root, previous, unchanged_so_far)
    (generation / MANIFEST).write_text(json.dumps(new, sort_keys=True))
    switch = root / f".current-{generation.name}"
    os.symlink(generation.name, switch)
    os.replace(switch, root / "current")  # the one moment the published tree changes
    _link_entries(docs, root)
    return WriteStats(
        written, len(new) - written, removed, new, _remove_other_generations(root, generation.name)
    )


def _new_generation(root: Path, previous: Path | None, unchanged: list[str]) -> Path:
    """An empty generation with the four entries (no dangling symlinks), holding hard links to
    the unchanged files met so far."""
    generation = Path(tempfile.mkdtemp(dir=root, prefix="g"))
    generation.chmod(0o777 & ~_UMASK)
    for top in GENERATED[1:]:
        (generation / top).mkdir()
    for rel in unchanged:
        _place(previous, generation, rel)
    return generation


def _spool(pieces: Iterable[str], root: Path) -> tuple[str, Path]:
    """Pieces written to a file of their own in `root` as they come: their digest and the file."""
    hashed = hashlib.blake2b(digest_size=16)
    fd, name = tempfile.mkstemp(dir=root, prefix=".part-")
    with os.fdopen(fd, "wb") as handle:
        for piece in pieces:
            data = piece.encode("utf-8")
            hashed.update(data)
            handle.write(data)
    os.chmod(name, 0o666 & ~_UMASK)
    return hashed.hexdigest(), Path(name)


def _place(previous: Path | None, generation: Path, rel: str, data: bytes | Path | None = None) -> None:
    """One file of the new generation: a hard link to the previous generation's copy (same
    bytes, inode and mtime), `data` written, or the spooled file `data` moved in."""
    target = generation / rel
    for attempt in (1, 2):
        try:
            if data is None:
                os.link(previous / rel, target)
            elif isinstance(data, Path):
                os.rename(data, target)
            else:
                target.write_bytes(data)
            return
        except FileNotFoundError:
            if attempt == 2 or target.parent.is_dir():
                raise
            target.parent.mkdir(parents=True)


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


def _remove_other_generations(root: Path, keep: str) -> subprocess.Popen | None:
    """Everything in `root` but the published generation, removed by `rm` in the background:
    unlinking the 10k files of a replaced generation takes seconds."""
    stale = [str(path) for path in root.iterdir() if path.name not in (keep, "current")]
    if not stale:
        return None
    return subprocess.Popen(["rm", "-rf", "--", *stale], stdout=subprocess.DEVNULL)


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
