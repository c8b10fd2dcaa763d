"""The search index stage: the archive's articles in a Whoosh index, kept up to date incrementally.

Whoosh is unmaintained (whoosh-reloaded runs on current Python), so it stays behind this package
(`analysis`, `postings`, `schema`, `signatures`, `segments`, `parts`, `writer`, and `query` for
searching): nothing else imports it, and a faster engine can replace it here alone.

An index's schema pickles its analyzer and format classes by module path. Indexes written before
the package was split name this module for them, so it keeps those names (`DutchPluralFilter`,
`WordAnalyzer`, `IndexedText`, and `Signed`, `SignedDoc` of the signatures' sidecar): such an index
is read, searched and updated as it is. A class pickled under a path that no longer exists makes
the index unreadable, and the next build rebuilds it once (`open_for_writing`).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import IndexError_
from ..model import Article, IndexStats
from .analysis import DutchPluralFilter, WordAnalyzer, analyzer
from .parts import commit_parts, write_parts
from .postings import IndexedText
from .schema import document
from .segments import cancel, merge_increments
from .signatures import Signed, SignedDoc, commit_tag, read_signed, signatures
from .writer import after_commit, locked_writer, open_for_writing

if TYPE_CHECKING:  # the build's modules: a search (which unpickles the schema) needs none
    from ..actors.resolve import ActorStats

# The names an index written before the split records in its schema and sidecar (see above).
__all__ = ["DutchPluralFilter", "IndexError_", "IndexedText", "Signed", "SignedDoc", "WordAnalyzer"]
__all__ += ["analyzer", "update_index"]


def update_index(
    path: Path,
    articles: list[Article],
    actors: dict[str, ActorStats],
    full: bool = False,
    processes: int = 2,
) -> IndexStats:
    """Add new, re-index changed and delete removed articles; one writer at a time. A first or
    full build writes every document into new segments, in parts over `processes` processes (2
    when nothing else runs, 1 when MkDocs renders beside it), and drops the old ones in one
    commit; a later build changes a few documents in one small segment."""
    ix = open_for_writing(path)
    # Counted from the table of contents: `doc_count` opens a reader of every segment again.
    full = full or sum(segment.doc_count() for segment in ix._segments()) == 0
    writer = locked_writer(ix, path)
    if full:
        try:
            parts = write_parts(articles, actors, path / ".parts", processes)
        except BaseException:
            cancel(writer)
            raise
        signed = commit_parts(writer, parts, actors)
        shutil.rmtree(path / ".parts", ignore_errors=True)
        after_commit(path, ix, writer.generation, signed, actors)
        return IndexStats(len(articles), 0, 0, 0)
    try:
        # The writer read the last commit's table of contents under the lock: no other build can
        # commit before this one does. What that commit holds comes from the sidecar when it was
        # saved for it, else from every document's stored fields, text and all, which is slow.
        base = writer.generation - 1
        last = read_signed(path, commit_tag(path, ix.indexname, base))
        if last is not None:
            indexed = {article_id: doc.signature for article_id, doc in last.docs.items()}
        else:
            with ix.searcher() as searcher:
                indexed = {fields_["id"]: fields_["signature"] for fields_ in searcher.all_stored_fields()}
        signed = signatures(articles, actors, last)
        stats = update_documents(writer, articles, actors, indexed, signed)
        if stats.added or stats.updated or stats.deleted:
            writer.commit(mergetype=merge_increments)
            committed = writer.generation
        else:  # nothing changed: no new commit (the index stays at `base`, as `signed` says)
            cancel(writer)
            committed = None if signed == last else base
    except BaseException:
        if not writer.is_closed:
            cancel(writer)
        raise
    after_commit(path, ix, committed, signed, actors)
    return stats


def update_documents(
    writer, articles: list[Article], actors: dict[str, ActorStats], indexed: dict[str, str], signed: Signed
) -> IndexStats:
    """Add, re-index and delete the documents whose signatures differ from `indexed`."""
    added = updated = unchanged = 0
    for article in articles:
        old = indexed.get(article.id)
        new = signed.docs[article.id].signature
        if old is None:
            writer.add_document(**document(article, actors, new))
            added += 1
        elif old != new:
            writer.update_document(**document(article, actors, new))
            updated += 1
        else:
            unchanged += 1
    deleted = 0
    for old_id in indexed.keys() - signed.docs.keys():
        writer.delete_by_term("id", old_id)
        deleted += 1
    return IndexStats(added, updated, deleted, unchanged)
