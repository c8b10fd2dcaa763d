"""Writing the generated tree into `docs/`: the only stage that touches the output on disk.

A file is written only when its bytes change, so MkDocs' watcher (and `mkdocs serve`'s own
rebuild after the archive build writes) sees real changes only and never loops; files that the
build no longer generates are removed, so a deleted article leaves no orphan page.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

# The parts of docs/ that belong to the build; everything else there is hand-written.
GENERATED = ("index.md", "articles", "actors", "export")


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


def write_tree(docs: Path, pages: dict[str, str | bytes]) -> WriteStats:
    written = unchanged = 0
    for rel, content in pages.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        if write_if_changed(docs / rel, data):
            written += 1
        else:
            unchanged += 1
    removed = remove_stale(docs, set(pages))
    return WriteStats(written, unchanged, removed)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically replace `path` with `data` unless it already holds exactly that."""
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
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def remove_stale(docs: Path, keep: set[str]) -> int:
    removed = 0
    for top in GENERATED:
        root = docs / top
        candidates = (
            [root] if root.is_file() else sorted(root.rglob("*"), reverse=True) if root.is_dir() else []
        )
        for path in candidates:
            rel = path.relative_to(docs).as_posix()
            if path.is_file() and rel not in keep:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return removed
