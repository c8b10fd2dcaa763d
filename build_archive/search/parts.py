"""The index written in parts: each worker (a process of the local pool, or a task of a
distributed engine) writes its share of the articles as a Whoosh index of its own, and one step
then moves the parts' segments into the archive's index and commits them as the whole index.

    part = write_part(articles, actors, directory)   # in each worker, on storage the reduce step reaches
    combine(parts, index_dir, actors)                 # once, with the parts in the articles' order

Whoosh numbers a segment's documents from those of the segments before it in the table of
contents, so an index combined from parts in the articles' order holds every document under the
number the one-process index gives it: same hits, same ranking (ties go by number), same facets.
Scores need no merging: Whoosh sums its statistics over the segments at search time.
"""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from whoosh import index
from whoosh.index import TOC, clean_files

from ..errors import IndexError_
from ..model import Article, IndexStats
from .schema import document, same_fields, schema
from .segments import cancel, delete_segments, write_segments
from .signatures import Signed, SignedDoc, actor_parts, signatures
from .writer import after_commit, locked_writer, open_for_writing

if TYPE_CHECKING:  # the build's modules: a search needs none
    from ..actors.resolve import ActorStats

PARALLEL_FROM = 500  # articles: fewer are indexed in one process
PART_SIGNED = "part-signatures.pickle"  # in a part: its documents' signatures, for the sidecar


class PartInfo(NamedTuple):
    """A part of the index as a worker wrote it: a Whoosh index of its own in `directory`, and
    the number of its documents. Small, so a distributed engine sends it back as a task's result;
    the files stay where the worker wrote them until `combine` moves them."""

    directory: Path
    documents: int


def write_part(articles: Sequence[Article], actors: dict[str, ActorStats], directory: Path) -> PartInfo:
    """The articles' documents in new segments of an index of their own at `directory` (emptied
    first), committed, with their signatures beside them. `actors` are the archive's, resolved:
    a document holds its actors' names, and its signature depends on them."""
    articles = list(articles)  # read twice: signed, then indexed
    signed = signatures(articles, actors)
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    ix = index.create_in(str(directory), schema())
    segments = write_segments(ix, (document(a, actors, signed.docs[a.id].signature) for a in articles))
    TOC(ix.schema, segments, 1).write(ix.storage, ix.indexname)
    clean_files(ix.storage, ix.indexname, 1, segments)
    shutil.rmtree(directory / f"{ix.indexname}.tmp", ignore_errors=True)  # the writers' pools
    with open(directory / PART_SIGNED, "wb") as file:
        pickle.dump(signed.docs, file, protocol=pickle.HIGHEST_PROTOCOL)
    return PartInfo(directory, len(signed.docs))


def write_parts(
    articles: list[Article], actors: dict[str, ActorStats], directory: Path, processes: int
) -> list[PartInfo]:
    """`write_part` over `processes` processes, a contiguous share of the articles each (this
    process writes the first, new ones the others, each sent only its share and the actors);
    in this process alone when `processes` is 1 or the articles are few."""
    shutil.rmtree(directory, ignore_errors=True)  # parts a killed build left
    if processes < 2 or len(articles) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return [write_part(articles, actors, directory / "0")]
    import multiprocessing  # here: a search, which imports this package, needs no processes

    bounds = [len(articles) * i // processes for i in range(processes + 1)]
    # Not forked from the build: a fork shares the build's pages only until one side writes to
    # them, and Python's reference counts write to every object either side reads, so a fork
    # ends up with a copy of most of the archive. Forked from a new, small interpreter (the
    # forkserver), a writer holds only what it is sent.
    context = multiprocessing.get_context("forkserver")
    children = []
    try:
        for i in range(1, processes):
            receive, send = context.Pipe(duplex=False)
            share = articles[bounds[i] : bounds[i + 1]]
            child = context.Process(
                target=_write_part, args=(share, actors, directory / str(i), send), daemon=True
            )
            child.start()
            send.close()
            children.append((child, receive))
        parts = [write_part(articles[: bounds[1]], actors, directory / "0")]
        for child, receive in children:
            try:
                theirs = receive.recv()
            except EOFError:
                theirs = f"its process ended ({child.exitcode})"
            child.join()
            if isinstance(theirs, str):
                raise IndexError_(f"the search index could not be written: {theirs}")
            parts.append(theirs)
    except BaseException:
        for child, _ in children:
            if child.is_alive():
                child.kill()
        shutil.rmtree(directory, ignore_errors=True)
        raise
    return parts


def _write_part(articles: list[Article], actors: dict[str, ActorStats], directory: Path, send) -> None:
    try:
        send.send(write_part(articles, actors, directory))
    except Exception as error:  # told to the parent, which stops the build with it
        send.send(f"{type(error).__name__}: {error}")


def commit_parts(writer, parts: Sequence[PartInfo], actors: dict[str, ActorStats]) -> Signed:
    """Move the parts' segments into the writer's index and commit them, in the parts' order, as
    the whole index: one commit drops every older segment, so readers see the old index or the
    new one. The signatures of its documents are returned, for the sidecar."""
    moved: list = []
    docs: dict[str, SignedDoc] = {}
    try:
        for part in parts:
            own = index.open_dir(str(part.directory))
            if not same_fields(own.schema, writer.schema):
                raise IndexError_(f"the index part at {part.directory} was written with another schema")
            for segment in own._segments():
                prefix = f"{segment.segment_id()}."
                for name in os.listdir(part.directory):
                    if name.startswith(prefix):
                        shutil.move(part.directory / name, Path(writer.storage.folder) / name)
                moved.append(segment)
            with open(part.directory / PART_SIGNED, "rb") as file:
                docs.update(pickle.load(file))
        writer._close_segment()
        writer._commit_toc(moved)
        writer._finish()
    except BaseException:
        if not writer.is_closed:
            cancel(writer)
        delete_segments(writer.storage, moved)
        raise
    for part in parts:
        shutil.rmtree(part.directory, ignore_errors=True)
    return Signed(actor_parts(actors), docs)


def combine(parts: Sequence[PartInfo], path: Path, actors: dict[str, ActorStats]) -> IndexStats:
    """The index at `path` (made when missing) becomes the parts' documents, in one commit, as a
    `--full` build makes it: with the sidecar of signatures, actors.json and the search's tables,
    so `archive search` and the next incremental build read it as their own. The parts'
    directories are removed."""
    ix = open_for_writing(path)
    writer = locked_writer(ix, path)
    signed = commit_parts(writer, parts, actors)
    after_commit(path, ix, writer.generation, signed, actors)
    return IndexStats(len(signed.docs), 0, 0, 0)
