"""The index's one writer: the index opened for it (rebuilt when unreadable or of another
schema), its lock, and what every commit leaves beside the index for the next build and the search."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from whoosh import index

from ..errors import IndexError_
from ..publish.lock import LOCK_WAIT
from ..publish.output import write_if_changed
from .schema import same_fields, schema
from .signatures import Signed, commit_tag, save_signed

if TYPE_CHECKING:  # the build's modules: a search needs none
    from ..actors.resolve import ActorStats


def open_for_writing(path: Path):
    """The index to update. An index written with another schema, or one that cannot be read,
    is rebuilt from the articles; a readable one is never removed first (a `--full` build
    replaces its contents in one commit), so a killed build leaves the last commit readable."""
    if path.is_dir() and any(path.glob("_MAIN_*.toc")):
        try:
            ix = index.open_dir(str(path))
            ix.doc_count()  # Whoosh reads the table of contents lazily: make it fail here
            if same_fields(ix.schema, schema()):
                return ix
        except Exception:  # a damaged index is rebuilt from the articles, never fatal for the build
            pass
        shutil.rmtree(path)
    path.mkdir(parents=True, exist_ok=True)
    return index.create_in(str(path), schema())


def locked_writer(ix, path: Path):
    """The index's one writer, once another build's has finished (waiting LOCK_WAIT for it)."""
    from whoosh.index import LockError

    try:
        return ix.writer(timeout=LOCK_WAIT)
    except LockError:
        raise IndexError_(
            f"another build is writing the search index at {path}; waited {LOCK_WAIT:.0f} s. "
            "Try again when it has finished."
        ) from None


def after_commit(
    path: Path, ix, committed: int | None, signed: Signed, actors: dict[str, ActorStats]
) -> None:
    """Beside the index: the sidecar of signatures for the commit `committed` (None: the index
    did not change and the sidecar already says so), the actors by name, and the search's tables."""
    if committed is not None:
        save_signed(path, commit_tag(path, ix.indexname, committed), signed)
    table = [
        {"id": a, "type": s.actor.type, "name": s.actor.name, "names": list(s.names)}
        for a, s in actors.items()
    ]
    write_if_changed(path / "actors.json", json.dumps(table, ensure_ascii=False).encode())
    from .query import keep_tables  # the search's side of the index

    keep_tables(path)
