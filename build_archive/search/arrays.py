"""Each segment's postings without their positions, kept beside the index as arrays.

Whoosh keeps a term's postings in blocks, each a compressed pickle of the block's documents,
weights and positions together: reading which documents hold a term, and how often, unpickles
the positions too, one block at a time in Python, and a common word's postings grow with the
archive. A search needs the positions only for phrases, among few documents. So once a segment is
committed, the build reads its postings once and keeps, per segment, every term's documents and
weights as flat arrays (`postings/<segment id>.arrays`), which a search maps and slices.

A term is found by where its postings start in the segment's postings file (Whoosh's term info
gives that offset along with the term's statistics, which the search reads anyway), so no table
of terms has to be loaded. A segment's files never change once written, so its arrays hold for as
long as the segment is in the index; its deleted documents, which the table of contents lists
and every commit may change, are left out at search time. A segment without its file (an index
written before this, or a build killed before keeping it) is read from Whoosh's postings, which
give the same documents and weights.
"""

from __future__ import annotations

import io
import mmap
import os
import pickle
import zlib
from pathlib import Path
from struct import Struct
from typing import NamedTuple

import numpy as np

ARRAYS = "postings"  # beside the index: a file per segment
ARRAYS_FORMAT = 1  # raise when the layout of a file changes
# Fields that hold one term per document (or several per date) that no search reads as a term:
# kept, they would double the arrays for nothing.
UNKEPT = frozenset({"id", "signature", "date"})
_BLOCK_LENGTH = Struct("!i")  # Whoosh's block header: its byte length, negative for the last
_MAGIC = b"W3Bl"  # the start of every term's postings in Whoosh's 3rd codec


class SegmentArrays(NamedTuple):
    """Every kept term's postings in one segment, deleted documents included, terms in the order
    of their postings in the segment's postings file."""

    offsets: np.ndarray  # int64 ascending, per term: where its postings start (Whoosh's `_offset`)
    starts: np.ndarray  # int64, one more than the terms: docs[starts[t]:starts[t + 1]] are term t's
    docs: np.ndarray  # int32, ascending per term: the segment's own document numbers
    weights: np.ndarray  # float32, per document: Whoosh's weights, which it keeps as 32-bit floats

    def postings(self, offset: int) -> tuple[np.ndarray, np.ndarray] | None:
        """The documents and weights of the term whose postings start at `offset`; None when the
        term is not kept (a field in UNKEPT)."""
        at = int(np.searchsorted(self.offsets, offset))
        if at == len(self.offsets) or int(self.offsets[at]) != offset:
            return None
        start, end = int(self.starts[at]), int(self.starts[at + 1])
        return self.docs[start:end], self.weights[start:end]


def _file(path: Path, segment_id: str) -> Path:
    return path / ARRAYS / f"{segment_id}.arrays"


def _key(segment) -> tuple:
    return (ARRAYS_FORMAT, segment.segment().segment_id(), segment.doc_count_all())


def segment_arrays(segment) -> SegmentArrays:
    """The postings of every term of `segment` (a Whoosh segment reader) but UNKEPT's, read from
    its postings file block by block as Whoosh's matcher reads them (the block's documents as
    differences from the previous one, its weights as None for all 1.0, one number for all, or
    one each)."""
    postfile = segment._terms._postfile  # noqa: SLF001 - Whoosh has no public reader of whole postings
    offsets: list[int] = []
    sizes: list[int] = []
    docs: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    for (fieldname, _), info in segment._terms.items():  # noqa: SLF001
        if fieldname in UNKEPT:
            continue
        if info.is_inlined():  # in the term's entry, which the search reads anyway
            continue
        offset, length = info.extent()
        if isinstance(length, tuple):  # as Whoosh's term info decodes it from the terms file
            (length,) = length
        block_ids, block_weights = _blocks(postfile.get(offset, length))
        offsets.append(offset)
        ids_ = np.concatenate(block_ids)
        sizes.append(len(ids_))
        docs.append(ids_.astype(np.int32))
        weights.append(np.concatenate(block_weights).astype(np.float32))
    order = np.argsort(np.asarray(offsets, dtype=np.int64), kind="stable")
    sized = np.asarray(sizes, dtype=np.int64)[order]
    starts = np.zeros(len(order) + 1, dtype=np.int64)
    np.cumsum(sized, out=starts[1:])
    pick = order.tolist()
    return SegmentArrays(
        np.asarray(offsets, dtype=np.int64)[order],
        starts,
        np.concatenate([docs[i] for i in pick]) if pick else np.zeros(0, dtype=np.int32),
        np.concatenate([weights[i] for i in pick]) if pick else np.zeros(0, dtype=np.float32),
    )


def _blocks(data: bytes) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """A term's postings, as `W3LeafMatcher` reads them: the documents and weights per block."""
    if data[:4] != _MAGIC:
        raise ValueError("not the postings of Whoosh's 3rd codec")
    stream = io.BytesIO(data)
    position = 4
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    while True:
        (length,) = _BLOCK_LENGTH.unpack_from(data, position)
        stream.seek(position + 4)
        count, _, _, compression, _, _ = pickle.load(stream)  # noqa: S301 - the index's own block header
        end = position + 4 + abs(length)
        body = data[stream.tell() : end]
        deltas, weight, _ = pickle.loads(zlib.decompress(body) if compression else body)  # noqa: S301
        ids.append(np.cumsum(np.asarray(deltas, dtype=np.int64)))
        if weight is None:
            weights.append(np.ones(count, dtype=np.float32))
        elif isinstance(weight, float):
            weights.append(np.full(count, weight, dtype=np.float32))
        else:
            weights.append(np.asarray(weight, dtype=np.float32))
        if length < 0:
            return ids, weights
        position = end


_HEADER = Struct("<q")  # the byte length of the pickled header that follows it
_ALIGN = 16


def save_arrays(path: Path, segment, arrays: SegmentArrays) -> None:
    """Keep a segment's arrays beside the index (see `save_mapped`)."""
    save_mapped(_file(path, segment.segment().segment_id()), _key(segment), list(arrays))


def load_arrays(path: Path, segment) -> SegmentArrays | None:
    """The arrays kept for `segment`, mapped, not read: a search slices a few terms' postings.
    None when the file is missing, unreadable or kept for another segment or format."""
    kept = load_mapped(_file(path, segment.segment().segment_id()), _key(segment))
    if kept is None or len(kept.parts) != len(SegmentArrays._fields):
        return None
    return SegmentArrays(*kept.parts)


class Mapped(NamedTuple):
    """What `load_mapped` found: the arrays, mapped, and the small object kept with them."""

    parts: list[np.ndarray]
    extra: object


def save_mapped(file: Path, key: object, parts: list[np.ndarray], extra: object = None) -> None:
    """Keep arrays in one file under `key`, with a small picklable `extra`, for `load_mapped` to
    map: a header (the key, each array's type, length and place, `extra`), then the arrays,
    each aligned. Whole or not at all (a temporary file, then one rename); a folder that cannot
    be written only costs the keeping."""
    parts = [np.ascontiguousarray(part) for part in parts]
    layout, at = [], 0
    for part in parts:
        layout.append((part.dtype.str, len(part), at))
        at += -(-part.nbytes // _ALIGN) * _ALIGN
    header = pickle.dumps((key, layout, extra), protocol=pickle.HIGHEST_PROTOCOL)
    base = -(-(_HEADER.size + len(header)) // _ALIGN) * _ALIGN
    tmp = file.with_name(f".{file.name}.{os.getpid()}")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as handle:
            handle.write(_HEADER.pack(len(header)) + header)
            for part, (_, _, offset) in zip(parts, layout, strict=True):
                handle.seek(base + offset)
                handle.write(part.tobytes())
            handle.truncate(base + at)
        os.replace(tmp, file)
    except OSError:
        tmp.unlink(missing_ok=True)


def load_mapped(file: Path, key: object) -> Mapped | None:
    """The arrays `save_mapped` kept in `file` under `key`, mapped, not read; None when the file
    is missing, unreadable, truncated or kept under another key."""
    try:
        with open(file, "rb") as handle:
            (size,) = _HEADER.unpack(handle.read(_HEADER.size))
            # (key, layout) in the files kept before `extra`, which hold the same arrays
            stored, layout, *extra = pickle.loads(handle.read(size))  # noqa: S301 - our own file, beside the index
            if stored != key:
                return None
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except Exception:  # missing, truncated or from another release: made or read otherwise
        return None
    base = -(-(_HEADER.size + size) // _ALIGN) * _ALIGN
    try:
        parts = [
            np.frombuffer(mapped, dtype=np.dtype(kind), count=count, offset=base + offset)
            if count
            else np.zeros(0, dtype=np.dtype(kind))
            for kind, count, offset in layout
        ]
    except (ValueError, TypeError):  # a truncated file
        return None
    return Mapped(parts, extra[0] if extra else None)


def keep_arrays(path: Path, reader) -> None:
    """Keep the arrays of every segment `reader` reads that has none yet, and remove those of
    segments it no longer reads (merged or replaced)."""
    current = set()
    for segment, _ in reader.leaf_readers():
        current.add(segment.segment().segment_id())
        if load_arrays(path, segment) is None:
            save_arrays(path, segment, segment_arrays(segment))
    forget_segments(path / ARRAYS, ".arrays", current)


def forget_segments(folder: Path, suffix: str, current: set[str]) -> None:
    """Remove the files (named by segment id) of segments the last commit no longer has."""
    try:
        files = list(folder.iterdir())
    except OSError:
        return
    for file in files:
        if file.suffix == suffix and file.stem not in current:
            file.unlink(missing_ok=True)
