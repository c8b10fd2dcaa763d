"""Writing segments: documents into new segments that no table of contents names until a caller
commits them, the merge policy of incremental commits, and the clean-up of a writer given up."""

from __future__ import annotations

from collections.abc import Iterable

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

# A full build writes a segment per this much of Whoosh's estimate of its postings. Whoosh keeps
# a segment's postings in memory only up to its pool's limit and pickles every posting to disk
# and back once it spills; a segment that fits its pool is sorted in memory. Larger segments
# hold more memory while they are written, smaller ones make more segments for every query to
# read: the size and its figures are in bench/RESULTS.md.
SEGMENT_MB = 512
SEGMENT_DOCS_SMALL = 500  # documents: a segment with fewer is an increment's, merged with others


def cancel(writer) -> None:
    """Give up the writer and delete the files of the segment it had begun: Whoosh's own cancel
    leaves them until the next commit, and a build with nothing to index does not commit. No
    table of contents names that segment, so no reader can be using its files."""
    writer.cancel()
    delete_segments(writer.storage, [writer.newsegment])


def merge_increments(writer, segments: list) -> list:
    """The merge policy of an incremental commit: the small segments that earlier increments left
    are merged once there are a few, the full build's large segments never are. Whoosh's default
    merges a run of the smallest segments once their count outgrows a Fibonacci bound on their
    documents: once a full build has written enough segments, it would rewrite most of them, and
    most of the archive's documents, in a build that added one."""
    from whoosh.reading import SegmentReader

    small = [segment for segment in segments if segment.doc_count_all() < SEGMENT_DOCS_SMALL]
    if len(small) < 4:
        return segments
    for segment in small:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [segment for segment in segments if segment not in small]


class _Lengths:
    """A new segment's per-document reader, whose field lengths are read from their columns once
    per field: Whoosh asks for one at every posting it writes, and reads the column each time."""

    def __init__(self, reader) -> None:
        self._reader = reader
        self._tables: dict[str, list] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default=0):
        table = self._tables.get(fieldname)
        if table is None:
            column = self._reader._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            if column is None:
                return default
            # As the reader answers: the length the byte stands for, None for a zero byte.
            table = self._tables[fieldname] = [byte_to_length(b) if b else None for b in column]
        return table[docnum]

    def __getattr__(self, name: str):
        return getattr(self._reader, name)


class _SegmentWriter(SegmentWriter):
    def per_document_reader(self):
        return _Lengths(super().per_document_reader())


def write_segments(ix, documents: Iterable[dict]) -> list:
    """The documents in new segments, each sorted in memory (see SEGMENT_MB); none is in the
    index until the caller commits them."""
    segments = []
    writer = None
    try:
        for doc in documents:
            if writer is None:  # the caller holds the index's lock, or owns the index alone
                writer = _SegmentWriter(ix, _lk=False, limitmb=2 * SEGMENT_MB)
            writer.add_document(**doc)
            if writer.pool.currentsize >= SEGMENT_MB * 1024 * 1024:
                segments.append(finalize(writer))
                writer = None
        if writer is not None:
            segments.append(finalize(writer))
    except BaseException:
        if writer is not None and not writer.is_closed:
            cancel(writer)
        delete_segments(ix.storage, segments)
        raise
    return segments


def finalize(writer):
    """The segment written, without `commit`'s end: that would remove the temporary folder
    that every writer of the index shares, the caller's included (its commit removes it)."""
    segment = writer._finalize_segment()
    writer.is_closed = True
    return segment


def delete_segments(storage, segments: list) -> None:
    """The files of segments that no table of contents names (a failed full build's)."""
    prefixes = tuple(f"{segment.segment_id()}." for segment in segments)
    for name in list(storage):
        if prefixes and name.startswith(prefixes):
            storage.delete_file(name)
