"""The search index written beside the pages: `update_index` in a process of its own while the
build goes on making its pages, which keep one core busy and leave the other free.

Only what starts it and waits for it is here, outside the search package: the building process
imports nothing of Whoosh when another process writes the index.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import IndexError_
from .model import Article, IndexStats

if TYPE_CHECKING:  # the build's modules: a search needs none
    from .actors.resolve import ActorStats


def has_commit(path: Path) -> bool:
    """Whether an index at `path` has a commit to update, told as `search.writer.open_for_writing`
    tells it but without importing Whoosh: else a build writes every document."""
    return path.is_dir() and any(path.glob("_MAIN_*.toc"))


class Indexing:
    """`update_index` of `articles` in one writer, in a process forked from the forkserver, as
    the index's parts are, so that it holds only what it is sent (`search.parts.write_parts` says why)."""

    def __init__(
        self, path: Path, articles: list[Article], actors: dict[str, ActorStats], full: bool
    ) -> None:
        context = multiprocessing.get_context("forkserver")
        self._told, send = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_update, args=(path, articles, actors, full, send), daemon=True
        )
        self._process.start()
        send.close()

    def result(self) -> IndexStats:
        """Wait for the index: its figures, or `IndexError_` with what stopped it."""
        try:
            told = self._told.recv()
        except EOFError:
            told = f"the search index could not be written: its process ended ({self._process.exitcode})"
        self._process.join()
        if isinstance(told, str):
            raise IndexError_(told)
        return told

    def cancel(self) -> None:
        """Stop it (the build failed before waiting for it): a commit it had not made is not made,
        and the index stays as the last build left it."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()


def _update(path: Path, articles: list[Article], actors: dict[str, ActorStats], full: bool, send) -> None:
    from .search.index import update_index

    try:
        send.send(update_index(path, articles, actors, full, processes=1))
    except IndexError_ as error:  # told to the build, which stops with it
        send.send(str(error))
    except Exception as error:
        send.send(f"the search index could not be written: {type(error).__name__}: {error}")
