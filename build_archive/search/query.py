"""Searching the archive: free text, actors by any of their names, dates, language; with facets.

    from build_archive.search.query import search
    results = search("gesprekken", persons=["Putin"], countries=["Oekraine"])

The command line's `archive search` is a thin layer over `search`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from ..errors import IndexError_
from ..folding import fold, fold_key
from ..model import TYPE_KEYS
from .arrays import Mapped, SegmentArrays, forget_segments, keep_arrays, load_arrays, load_mapped, save_mapped
from .schema import STEMMED
from .strings import Display, NameIndex, Strings

DEFAULT_INDEX = Path("build/index")
FACETS = ("persons", "countries", "organisations", "places", "year")


@dataclass
class Hit:
    id: str
    title: str
    date: str | None
    url: str
    score: float
    persons: list[str]
    countries: list[str]
    highlights: str


@dataclass
class Results:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, dict[str, int]] = field(default_factory=dict)  # type -> display name -> count
    unknown: list[str] = field(default_factory=list)  # actor names that match no actor


class FacetTable(NamedTuple):
    """Every (document, facet value) pair of the index, as two parallel arrays, so that counting
    the facets of any set of matches is a few array operations, not a loop over the matches.
    A group is what a reader sees counted: a facet ("persons", "year") and a display name; two
    actors of one type with the same display name share a group. Groups are numbered by facet and
    then by name, so that their numbers also break ties between equal counts by name. The pairs
    are in the order of their documents, so that few matches are counted from their own pairs
    (`starts`) instead of a pass over every pair of the index, which grows with it."""

    owners: np.ndarray  # int32 per pair: its document number, ascending
    groups: np.ndarray  # int32 per pair: its group
    names: Strings  # per group: its display name (an actor's name, or the year)
    spans: dict[str, tuple[int, int]]  # facet -> its groups' numbers, first and past the last
    starts: np.ndarray  # int64, one more than the documents: document d's pairs start at starts[d]
    totals: np.ndarray  # int64 per group: its documents in the whole index


@dataclass(frozen=True)
class Tables:
    """What a search needs besides the index, per commit of the index: the actors by every
    folded name and their display names, the facet values of every document and its day.
    Made from the index and its actors.json; the build keeps them beside the index for the
    commit it made (`keep_tables`) as arrays, which a cold `archive search` maps instead of making
    them: it reads only the pages that its few names and its matches' facets lie in."""

    by_name: NameIndex  # folded name -> actor ids
    display: Display  # actor id -> display name
    facets: FacetTable
    days: np.ndarray  # int32 per document number: its day number, 0 when undated


TABLES = "search-tables.arrays"  # beside the index
TABLES_FORMAT = 5  # raise when the layout of `Tables` changes
PICKLED_TABLES = "search-tables.pickle"  # what kept them before they were arrays, removed when seen


class _Handle:
    """An open index and its tables, reused while the index does not change: a process that
    searches many times (the API, a server) pays for them once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.ix, self.searcher = _open(path)
        self.tables = load_tables(path, self.ix.indexname, self.searcher.reader())
        self.lengths = Lengths()
        self.kept = kept_postings(path, self.searcher.reader())
        reader = self.searcher.reader()
        for segment in {id(reader): reader, **{id(leaf): leaf for leaf, _ in reader.leaf_readers()}}.values():
            _remember_terms(segment)  # the whole index's reader expands prefixes on its own

    def fresh(self) -> _Handle:
        if self.searcher.up_to_date():
            return self
        self.searcher.close()
        return _Handle(self.path)


_HANDLES: dict[Path, _Handle] = {}
TERMS_KEPT = 4096  # per segment: the prefixes expanded, and the terms' document counts, kept


def _remember_terms(segment) -> None:
    """Keep a reader's expansions of prefixes and its terms' document counts while the index is
    open: a prefix asks for them again and again (to order an intersection, to count, to rank,
    in every text field), and Whoosh looks each up in the segment's terms file, a few entries at
    a time in Python. A segment's terms never change."""
    from whoosh.reading import TermNotFound

    terms, info = segment.expand_prefix, segment.term_info  # Whoosh's own, replaced below
    expand = lru_cache(maxsize=TERMS_KEPT)(lambda fieldname, prefix: tuple(terms(fieldname, prefix)))

    @lru_cache(maxsize=TERMS_KEPT)
    def known(fieldname: str, text: bytes):  # None for a term the reader does not hold
        try:
            return info(fieldname, text)
        except TermNotFound:
            return None

    def term_info(fieldname: str, text: bytes):
        found = known(fieldname, text)
        if found is None:
            raise TermNotFound(f"{fieldname}:{text!r}")
        return found

    segment.expand_prefix = lambda fieldname, prefix: iter(expand(fieldname, prefix))
    segment.doc_frequency = lru_cache(maxsize=TERMS_KEPT)(segment.doc_frequency)
    segment.term_info = term_info


def _handle(path: Path) -> _Handle:
    key = path.resolve()
    handle = _HANDLES.get(key)
    _HANDLES[key] = handle = handle.fresh() if handle else _Handle(path)
    return handle


def _tables_key(path: Path, indexname: str, reader) -> tuple | None:
    """The commit the reader reads (as the sidecar of signatures names it) and the actors.json
    beside it, by its size and time of change: the build replaces it whole when it changes (and
    leaves it as it is otherwise), and a copy that keeps its time keeps its contents, where
    hashing its contents would cost a cold search more than the rest of its opening."""
    from .signatures import commit_tag

    tag = commit_tag(path, indexname, reader.generation())
    if tag is None:
        return None
    try:
        stat = (path / "actors.json").stat()
    except OSError as error:
        raise IndexError_(f"the search index at {path} has no readable actors.json ({error})") from None
    return (TABLES_FORMAT, tag, stat.st_size, stat.st_mtime_ns)


def _actors_bytes(path: Path) -> bytes:
    try:
        return (path / "actors.json").read_bytes()
    except OSError as error:
        raise IndexError_(f"the search index at {path} has no readable actors.json ({error})") from None


def load_tables(path: Path, indexname: str, reader) -> Tables:
    """The tables the build kept for this commit, else made from the index (and not kept: the
    index belongs to the build, which may be writing it)."""
    key = _tables_key(path, indexname, reader)
    kept = _tables_of(load_mapped(path / TABLES, key)) if key is not None else None
    return kept if kept is not None else make_tables(reader, _actors_bytes(path), path)


def _tables_parts(tables: Tables) -> list[np.ndarray]:
    """The arrays `tables` are kept as, in the order `_tables_of` reads them."""
    by_name, display, facets = tables.by_name, tables.display, tables.facets
    return [
        *(by_name.names.buffer, by_name.names.ends, by_name.starts, by_name.actors),
        *(display.ids.buffer, display.ids.ends, display.names.buffer, display.names.ends),
        *(facets.owners, facets.groups, facets.names.buffer, facets.names.ends, facets.starts),
        *(facets.totals, tables.days),
    ]


def _tables_of(kept: Mapped | None) -> Tables | None:
    """The tables kept as `_tables_parts` (and the facets' spans), mapped; None when not kept."""
    if kept is None or len(kept.parts) != 15 or not isinstance(kept.extra, dict):
        return None
    names, name_ends, starts, actors, ids, id_ends, shown, shown_ends, *rest = kept.parts
    owners, groups, group_names, group_ends, facet_starts, totals, days = rest
    display = Display(Strings(ids, id_ends), Strings(shown, shown_ends))
    names_of = Strings(group_names, group_ends)
    facets = FacetTable(owners, groups, names_of, kept.extra, facet_starts, totals)
    return Tables(NameIndex(Strings(names, name_ends), starts, actors, display), display, facets, days)


def keep_tables(path: Path) -> None:
    """Make the tables of the index's last commit and keep them beside it, unless they are kept
    already: the build calls this once it has committed and written actors.json. The facet
    values of each segment are kept too (`ROWS`), so a commit that adds one small segment reads
    the postings of that segment only."""
    from ..cache import save_keyed

    ix, searcher = _open(path)
    with searcher:
        reader = searcher.reader()
        keep_arrays(path, reader)
        key = _tables_key(path, ix.indexname, reader)
        (path / PICKLED_TABLES).unlink(missing_ok=True)
        if key is None or load_mapped(path / TABLES, key) is not None:
            return
        rows = kept_rows(path, reader)
        for segment, _ in reader.leaf_readers():
            if segment.segment().segment_id() not in rows:
                made = rows[segment.segment().segment_id()] = segment_rows(segment)
                save_keyed(_rows_file(path, segment), _rows_key(segment), made)
        _forget_rows(path, set(rows))
        tables = make_tables(reader, _actors_bytes(path), path, rows)
        save_mapped(path / TABLES, key, _tables_parts(tables), tables.facets.spans)


def make_tables(reader, actors: bytes, path: Path, rows: dict[str, SegmentRows] | None = None) -> Tables:
    """The tables of the commit `reader` reads; `rows`: the facet values of its segments that are
    known already (by segment id), the others are read from their postings."""
    by_name, display = _actor_table(actors, path)
    known = kept_rows(path, reader) if rows is None else rows
    per_segment = [
        (known.get(segment.segment().segment_id()) or segment_rows(segment), segment, offset)
        for segment, offset in reader.leaf_readers()
    ]
    facets = _facet_table(per_segment, display, reader.doc_count_all())
    shown = Display.of(display)
    return Tables(NameIndex.of(by_name, shown), shown, facets, _days(reader))


class FacetRows(NamedTuple):
    """One facet field of one segment: its terms in the lexicon's order, and the segment's own
    numbers of the documents that hold each (`docs[starts[t]:starts[t + 1]]`, ascending)."""

    terms: list[str]
    starts: np.ndarray  # int64, one more than the terms
    docs: np.ndarray  # int32


class SegmentRows(NamedTuple):
    """The facet values of every document of a segment, deleted ones included: a segment's
    files never change once written (its deleted documents are listed in the table of
    contents), so these hold for as long as the segment is part of the index."""

    documents: int  # all the segment's documents, deleted ones included
    facets: dict[str, FacetRows]


ROWS = "facet-rows"  # beside the index: a file per segment
ROWS_FORMAT = 1  # raise when the layout of `SegmentRows` changes


def _rows_file(path: Path, segment) -> Path:
    return path / ROWS / f"{segment.segment().segment_id()}.pickle"


def _rows_key(segment) -> tuple:
    return (ROWS_FORMAT, segment.segment().segment_id(), segment.doc_count_all())


def kept_rows(path: Path, reader) -> dict[str, SegmentRows]:
    """The facet values kept for the segments `reader` reads, by segment id (the segments
    without a readable file are left out)."""
    from ..cache import load_keyed

    rows = {}
    for segment, _ in reader.leaf_readers():
        kept = load_keyed(_rows_file(path, segment), _rows_key(segment))
        if isinstance(kept, SegmentRows):
            rows[segment.segment().segment_id()] = kept
    return rows


def _forget_rows(path: Path, current: set[str]) -> None:
    """Remove the files of segments that the last commit no longer has (merged or replaced)."""
    forget_segments(path / ROWS, ".pickle", current)


def segment_rows(segment) -> SegmentRows:
    """Every (document, facet term) pair of one segment, read from the postings of its facet
    fields, deleted documents included (the segment's own postings, without Whoosh's filter of
    the deleted ones, which changes with every commit)."""
    facets = {}
    indexed = set(segment.indexed_field_names())
    for name in FACETS:
        if name not in indexed:
            continue
        terms: list[str] = []
        sizes: list[int] = []
        docs: list[int] = []
        form = segment.schema[name].format
        for term in segment.lexicon(name):
            ids = list(segment._terms.matcher(name, term, form).all_ids())  # noqa: SLF001 - unfiltered
            terms.append(term.decode() if isinstance(term, bytes) else term)
            sizes.append(len(ids))
            docs.extend(ids)
        starts = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(sizes, out=starts[1:])
        facets[name] = FacetRows(terms, starts, np.asarray(docs, dtype=np.int32))
    return SegmentRows(segment.doc_count_all(), facets)


def _days(reader) -> np.ndarray:
    """Day numbers per document (0 when undated): date ranges become a set of document numbers
    here, where Whoosh's DateRange expands into many terms on every search."""
    if not any(segment.has_column("date") for segment, _ in reader.leaf_readers()):
        # an index from before the date column: the stored fields
        days = np.zeros(reader.doc_count_all(), dtype=np.int32)
        for docnum, stored in reader.iter_docs():  # deleted documents are left out, and stay 0
            days[docnum] = stored["date"].toordinal() if stored.get("date") else 0
        return days
    # Raw column values are microseconds since datetime.min; undated documents hold the
    # column's "missing" value, far beyond any real date.
    last = dt.date.max.toordinal()
    raw = np.zeros(reader.doc_count_all(), dtype=np.uint64)
    # Segment by segment: a segment of undated articles only has no column, and Whoosh's reader of
    # the whole index then runs the other segments' values together.
    for segment, offset in reader.leaf_readers():
        if segment.has_column("date"):
            column = list(segment.column_reader("date", translate=False))
            raw[offset : offset + len(column)] = column
    days = dt.date.min.toordinal() + raw // 86_400_000_000
    return np.where((raw > 0) & (days <= last), days, 0).astype(np.int32)


def _facet_table(
    per_segment: list[tuple[SegmentRows, Any, int]], display: dict[str, str], documents: int
) -> FacetTable:
    """Every document's facet values, from each segment's rows (`segment_rows`) without its
    deleted documents and numbered as the whole index numbers them: Whoosh's own facets re-read
    every posting list on every search. The pairs of a group come term by term in the
    lexicon's order and each term's documents in ascending order, as reading the postings of
    the whole index gives them."""
    groups_of: dict[tuple[str, str], int] = {}  # (facet, display name) -> group, numbered below
    per_term: dict[tuple[str, str], tuple[str, str]] = {}  # (facet, term) -> its group
    for rows, _, _ in per_segment:
        for name, facet in rows.facets.items():
            for text in facet.terms:
                if (name, text) not in per_term:
                    shown = text if name == "year" else display.get(text, text)
                    per_term[name, text] = (name, shown)
                    groups_of[name, shown] = 0
    ordered = sorted(groups_of, key=lambda group: (FACETS.index(group[0]), group[1]))
    for number, group in enumerate(ordered):
        groups_of[group] = number
    # Terms ranked in each facet's lexicon order (the bytes of UTF-8 sort as their characters).
    rank = {term: number for number, term in enumerate(sorted(per_term))}
    owners, groups, ranks = [], [], []
    for rows, segment, offset in per_segment:
        deleted = sorted(segment.deleted_docs_set) if segment.has_deletions() else []
        for name, facet in rows.facets.items():
            sizes = np.diff(facet.starts)
            keep = np.ones(len(facet.docs), dtype=bool)
            if deleted:
                keep = ~np.isin(facet.docs, np.asarray(deleted, dtype=np.int32))
            terms = [(name, text) for text in facet.terms]
            owners.append(facet.docs[keep] + np.int32(offset))
            groups.append(
                np.repeat(np.array([groups_of[per_term[t]] for t in terms], dtype=np.int32), sizes)[keep]
            )
            ranks.append(np.repeat(np.array([rank[t] for t in terms], dtype=np.int32), sizes)[keep])
    if owners:
        owner, in_group, term_rank = (np.concatenate(a).astype(np.int32) for a in (owners, groups, ranks))
    else:
        owner = in_group = term_rank = np.zeros(0, dtype=np.int32)
    order = np.lexsort((term_rank, in_group, owner))
    kinds = [name for name, _ in ordered]
    spans = {
        name: (kinds.index(name), len(kinds) - kinds[::-1].index(name)) for name in FACETS if name in kinds
    }
    starts = np.zeros(documents + 1, dtype=np.int64)
    np.cumsum(np.bincount(owner, minlength=documents), out=starts[1:])
    names = Strings.of(shown for _, shown in ordered)
    totals = np.bincount(in_group, minlength=len(ordered)).astype(np.int64)
    return FacetTable(owner[order], in_group[order], names, spans, starts, totals)


FEW_MATCHES = 8  # matches fewer than the documents over this are counted from their own pairs


def count_facets(table: FacetTable, matches: np.ndarray, documents: int) -> dict[str, dict[str, int]]:
    """Per facet, display name -> number of `matches` (document numbers) it is in, most first
    and then by name."""
    if len(matches) * 2 > documents:  # most documents: the others' pairs taken off the totals
        others = np.ones(documents, dtype=bool)
        others[matches] = False
        counts = table.totals - _pair_counts(table, np.flatnonzero(others))
    elif len(matches) * FEW_MATCHES < documents:  # their own pairs, gathered
        counts = _pair_counts(table, matches)
    else:
        chosen = np.zeros(documents, dtype=bool)
        chosen[matches] = True
        counts = np.bincount(table.groups[chosen[table.owners]], minlength=len(table.names))
    facets = {}
    for name, (first, end) in table.spans.items():
        span = counts[first:end]
        found = np.flatnonzero(span)
        found = found[np.argsort(-span[found], kind="stable")]  # ties stay by group number
        facets[name] = dict(zip(table.names.take(first + found), span[found].tolist(), strict=True))
    return facets


def _pair_counts(table: FacetTable, documents: np.ndarray) -> np.ndarray:
    """Per group, how many of `documents` (ascending) are in it, from their own pairs."""
    first = table.starts[documents]
    sizes = table.starts[documents + 1] - first
    ends = np.cumsum(sizes)
    pairs = np.arange(int(ends[-1]) if len(ends) else 0) + np.repeat(first - (ends - sizes), sizes)
    return np.bincount(table.groups[pairs], minlength=len(table.names))


def _open(path: Path):
    """The index and a searcher of its last commit. Read from its files rather than mapped:
    Whoosh copies the whole of every mapped part it opens (each segment's terms and postings,
    most of the index) into memory, where a query needs only a few blocks of them."""
    from whoosh.filedb.filestore import FileStorage

    hint = "run `archive build` to create it, or `archive build --full` to rebuild it from scratch"
    if not path.is_dir() or not any(path.glob("_MAIN_*.toc")):
        raise IndexError_(f"no search index at {path}: {hint}")
    try:
        ix = FileStorage(str(path), supports_mmap=False, readonly=True).open_index()
        return ix, ix.searcher()  # the table of contents is read here, and every segment opened
    except Exception as error:  # whatever Whoosh raises on a damaged index
        raise IndexError_(f"the search index at {path} is unreadable ({error}): {hint}") from None


class ActorTable(NamedTuple):
    by_name: dict[str, list[str]]  # folded name -> actor ids
    display: dict[str, str]  # actor id -> display name


def _actor_table(actors: bytes, path: Path) -> ActorTable:
    """folded name -> actor ids, and actor id -> display name, from the index's actor file."""
    try:
        table = json.loads(actors)
    except ValueError as error:
        raise IndexError_(f"the search index at {path} has no readable actors.json ({error})") from None
    by_name: dict[str, list[str]] = {}
    display = {}
    for actor in table:
        display[actor["id"]] = actor["name"]
        for name in {actor["name"], *actor["names"]}:
            by_name.setdefault(fold_key(name), []).append(actor["id"])
    return ActorTable(by_name, display)


def search(
    query: str = "",
    persons: Sequence[str] = (),
    countries: Sequence[str] = (),
    organisations: Sequence[str] = (),
    places: Sequence[str] = (),
    since: dt.date | None = None,
    until: dt.date | None = None,
    lang: str | None = None,
    limit: int = 20,
    index_path: Path = DEFAULT_INDEX,
) -> Results:
    """Articles matching all of: the text query, every named actor (each name may be any alias,
    in any case, with or without accents), the date range and the language; ranked, with
    highlighted snippets and the counts per actor and year among all matches."""
    from whoosh import query as q

    handle = _handle(index_path)
    tables = handle.tables
    by_name, display = tables.by_name, tables.display
    results = Results()
    clauses = []
    for key, names in (("persons", persons), ("countries", countries), ("organisations", organisations),
                       ("places", places)):  # fmt: skip
        kind = next(k for k, v in TYPE_KEYS.items() if v == key)
        for name in names:
            ids = [i for i in by_name.get(fold_key(name), []) if i.startswith(f"{kind}:")]
            if not ids:
                results.unknown.append(name)
            clauses.append(q.Or([q.Term(key, i) for i in ids]) if ids else q.NullQuery)
    if results.unknown:
        return results
    if lang:
        clauses.append(q.Term("lang", lang.lower()))
    text_fields = [f"{kind}_{lang_}" for lang_ in (*STEMMED, "other") for kind in ("title", "body")]
    words: set[str] = set()
    if query.strip():
        from whoosh import qparser

        parsed = qparser.MultifieldParser([*text_fields, "names"], handle.ix.schema).parse(query)
        clauses.append(parsed)
        words = {str(text) for field_, text in parsed.iter_all_terms() if field_ in text_fields}
    combined = q.And(clauses) if clauses else q.Every()

    # Every match is counted (the total and the facets) from arrays of document numbers. When few
    # match, they alone are scored, from the postings the counting read; else Whoosh ranks them
    # and skips the blocks of postings that cannot reach the best `limit`.
    searcher = handle.searcher
    reads = Reads(handle.kept)
    dated = None  # the documents of the date range, which is no query of the index
    if since or until:
        days = tables.days
        first = since.toordinal() if since else 1
        last = until.toordinal() if until else dt.date.max.toordinal()
        dated = np.flatnonzero((days > 0) & (days >= first) & (days <= last)).astype(np.int64)
    found = matching(combined, searcher, dated, reads)
    results.total = len(found)
    if not results.total:
        results.facets = {name: {} for name in FACETS}
        return results
    best: list[tuple[int, float]] = []
    if limit > 0:
        ranked = (
            rank(combined, searcher, found, reads, handle.lengths, limit) if scored_alone(combined) else None
        )
        if ranked is None and len(found) <= FEW:  # a phrase, among few matches
            ranked = sorted(_step(combined, searcher, found), key=lambda item: (-item[1], item[0]))
        if ranked is None:  # a phrase: Whoosh ranks it, skipping what cannot reach the best `limit`
            chosen = set(found.tolist()) if dated is not None else None  # the date range, as its filter
            ranked = [
                (hit.docnum, hit.score) for hit in searcher.search(combined, limit=limit, filter=chosen)
            ]
        best = ranked[:limit]
    for docnum, score in best:
        fields_ = searcher.stored_fields(docnum)
        lang_ = fields_.get("lang", "")
        body = fields_.get(f"body_{lang_ if lang_ in STEMMED else 'other'}", "")
        date = fields_.get("date")
        results.hits.append(
            Hit(
                id=fields_["id"],
                title=fields_.get(f"title_{lang_ if lang_ in STEMMED else 'other'}", ""),
                date=date.date().isoformat() if date else None,
                url=fields_.get("url", ""),
                score=round(float(score or 0.0), 3),
                persons=[display.get(i, i) for i in _ids(fields_.get("persons"))],
                countries=[display.get(i, i) for i in _ids(fields_.get("countries"))],
                highlights=snippet(body, words),
            )
        )
    counted = count_facets(tables.facets, found, len(tables.days))
    results.facets = {name: counted.get(name, {}) for name in FACETS}
    return results


class KeptPostings(NamedTuple):
    """Where a search reads a segment's postings from: its kept arrays (None: Whoosh's postings)
    and its deleted documents (ascending; None when it has none), which the arrays include."""

    arrays: SegmentArrays | None
    deleted: np.ndarray | None


def kept_postings(path: Path, reader) -> list[KeptPostings]:
    """Per segment of `reader` (by its number among the reader's segments)."""
    kept = []
    for segment, _ in reader.leaf_readers():
        deleted = None
        if segment.has_deletions():
            deleted = np.asarray(sorted(segment.deleted_docs_set), dtype=np.int64)
        kept.append(KeptPostings(load_arrays(path, segment), deleted))
    return kept


@dataclass
class Reads:
    """The postings one query read: per term, per segment (by its number among the reader's
    segments), the segment's own document numbers, ascending, and their weights; only those among
    the documents the query could still match when the term was read, which always include the
    final matches. `kept`: where to read postings from, per segment (empty: Whoosh's)."""

    kept: Sequence[KeptPostings] = ()
    terms: dict[tuple[str, bytes], dict[int, tuple[np.ndarray, np.ndarray]]] = field(default_factory=dict)

    def segment(self, number: int) -> KeptPostings | None:
        return self.kept[number] if number < len(self.kept) else None


NONE = np.zeros(0, dtype=np.int64)


def matching(node, searcher, within: np.ndarray | None = None, reads: Reads | None = None) -> np.ndarray:
    """The document numbers `node` matches (ascending, unscored), among `within` when given,
    from each term's postings and array algebra: Whoosh's own matchers walk every match through
    a tree of Python objects. The terms of an intersection are read smallest first, and the
    others only in the blocks that may hold what is left, so a rare actor (or a date range, as
    `within`) leaves a common word's postings mostly unread. Node kinds other than terms, and, or and not are left
    to Whoosh, but prefixes and wildcards, read as the terms they stand for. Each term's
    postings read are kept in `reads`, for scoring the matches."""
    from whoosh import query as q

    reads = Reads() if reads is None else reads
    if isinstance(node, q.Term):
        return _term_ids(node, searcher, within, reads)
    if isinstance(node, q.Or):
        parts = [matching(child, searcher, within, reads) for child in node.subqueries]
        return _union(parts, searcher.doc_count_all())
    if isinstance(node, q.And):
        wanted = [child for child in node.subqueries if not isinstance(child, q.Not)]
        unwanted = [child.query for child in node.subqueries if isinstance(child, q.Not)]
        if wanted:
            reader = searcher.reader()
            first, *others = sorted(wanted, key=lambda child: _size(child, reader))
            result = matching(first, searcher, within, reads)
            for child in others:
                if not len(result):
                    return NONE
                result = matching(child, searcher, result, reads)
            for child in unwanted:
                if len(result):
                    result = np.setdiff1d(
                        result, matching(child, searcher, result, reads), assume_unique=True
                    )
            return result
    if isinstance(node, q.AndNot):
        kept = matching(node.a, searcher, within, reads)
        return (
            np.setdiff1d(kept, matching(node.b, searcher, kept, reads), assume_unique=True)
            if len(kept)
            else kept
        )
    if node is q.NullQuery:
        return NONE
    if _every(node):
        live = np.concatenate(
            [_live(segment) + offset for segment, offset in searcher.reader().leaf_readers()]
        )
        return live if within is None else np.intersect1d(live, within, assume_unique=True)
    if isinstance(node, q.Phrase) and node.words and (within is None or len(within) > FEW):
        # The documents that hold every word of the phrase, from the words' documents alone (a
        # phrase's matches are among them): often few, where Whoosh's matcher of the phrase
        # would walk every word's postings with their positions.
        words = q.And([q.Term(node.fieldname, word) for word in node.words])
        within = matching(words, searcher, within, Reads(reads.kept))
    if isinstance(node, q.Phrase) and within is not None and len(within) <= FEW:
        return np.asarray(
            [docnum for docnum, _ in _step(node, searcher, within, scored=False)], dtype=np.int64
        )
    if isinstance(node, (q.Prefix, q.Wildcard)):  # the terms it stands for, as Whoosh's matcher expands it
        words = [q.Term(node.fieldname, word) for word in node._btexts(searcher.reader()) if word]  # noqa: SLF001
        return matching(q.Or(words), searcher, within, reads) if words else NONE
    ids = np.fromiter(node.docs(searcher), dtype=np.int64)
    ids.sort()
    return ids if within is None else np.intersect1d(ids, within, assume_unique=True)


def _union(parts: list[np.ndarray], documents: int) -> np.ndarray:
    """The documents of any of `parts` (ascending): many are marked in a mask over the index's
    documents, which costs less than sorting them; few are sorted."""
    if not parts:
        return NONE
    if sum(len(part) for part in parts) * UNION_MASK < documents:
        return _unique(np.concatenate(parts))
    mask = np.zeros(documents, dtype=bool)
    for part in parts:
        mask[part] = True
    return np.flatnonzero(mask).astype(np.int64, copy=False)


UNION_MASK = 16  # documents per match above which a union is sorted rather than marked


def _unique(values: np.ndarray) -> np.ndarray:
    """The distinct values, ascending, as `np.unique` gives them: which imports numpy's masked
    arrays on its first call, a cold search's largest import after numpy itself."""
    values = np.sort(values)
    if len(values) < 2:
        return values
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def _every(node) -> bool:
    """Whether `node` is Whoosh's query of every document (a search by dates alone), whose
    matcher lists every document with its boost for a score."""
    from whoosh import query as q

    return isinstance(node, q.Every) and not node.fieldname


def _live(segment) -> np.ndarray:
    ids = np.arange(segment.doc_count_all(), dtype=np.int64)
    if segment.has_deletions():
        ids = np.setdiff1d(ids, np.fromiter(segment.deleted_docs_set, dtype=np.int64), assume_unique=True)
    return ids


def _size(node, reader) -> int:
    """How many documents `node` may match, as Whoosh estimates it from the term statistics."""
    try:
        return int(node.estimate_size(reader))
    except (NotImplementedError, AttributeError):
        return reader.doc_count_all()


def _term_ids(node, searcher, within: np.ndarray | None, reads: Reads) -> np.ndarray:
    reader = searcher.reader()
    try:
        text = searcher.schema[node.fieldname].to_bytes(node.text)
    except (KeyError, ValueError):  # no such field, or no such value of it: as Whoosh's Term
        return NONE
    if not _has_term(reader, node.fieldname, text):
        return NONE
    kept = reads.terms.setdefault((node.fieldname, text), {})
    found = []
    for number, (segment, offset) in enumerate(reader.leaf_readers()):
        inside = None
        if within is not None:
            inside = within[(within >= offset) & (within < offset + segment.doc_count_all())] - offset
            if not len(inside):
                continue
        if not _has_term(segment, node.fieldname, text):
            continue
        ids, weights, _ = read_postings(segment, node.fieldname, text, inside, kept=reads.segment(number))
        kept[number] = (ids, weights)
        found.append(ids + offset)
    return np.concatenate(found) if found else NONE


def _has_term(reader, fieldname: str, text: bytes) -> bool:
    """Whether `reader` holds the term, from its term info, which a search's reader keeps
    (`_remember_terms`)."""
    from whoosh.reading import TermNotFound

    try:
        reader.term_info(fieldname, text)
    except TermNotFound:
        return False
    return True


def read_postings(
    segment,
    fieldname: str,
    text: bytes,
    within: np.ndarray | None = None,
    positions: bool = False,
    kept: KeptPostings | None = None,
) -> tuple[np.ndarray, np.ndarray, list | None]:
    """A term's postings in one segment: the segment's document numbers (ascending, deleted ones
    left out), their weights and, when asked, their encoded positions; with `within` (ascending
    document numbers of the segment), only those among them. Without positions, from the
    segment's `kept` arrays when they hold the term; else from Whoosh's postings, of which only
    the blocks whose range holds one of `within` are read: Whoosh unpickles a block's documents,
    weights and positions at once."""
    from whoosh.matching.wrappers import FilterMatcher

    if kept is not None and kept.arrays is not None and not positions:
        info = segment.term_info(fieldname, text)
        stored = None if info.is_inlined() else kept.arrays.postings(info.extent()[0])
        if stored is not None:
            ids_, weights_ = _among(np.asarray(stored[0], dtype=np.int64), stored[1], kept.deleted, within)
            return ids_, weights_, None
    matcher = segment.postings(fieldname, text)
    deleted = None
    if isinstance(matcher, FilterMatcher):  # a segment's deleted documents left out
        deleted, matcher = matcher._ids, matcher.child  # noqa: SLF001
    ids: list = []
    weights: list = []
    values: list = []
    if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block") and hasattr(matcher, "_maxid"):
        low = 0
        while matcher.is_active():
            high = matcher._maxid  # noqa: SLF001 - the block's last document, read with its header
            if within is None or _holds(within, low, high):
                matcher._read_ids()  # noqa: SLF001
                matcher._read_weights()  # noqa: SLF001
                ids.extend(matcher._ids)  # noqa: SLF001
                weights.extend(matcher._weights)  # noqa: SLF001
                if positions:
                    matcher._read_values()  # noqa: SLF001
                    values.extend(matcher._values)  # noqa: SLF001
            if matcher._lastblock:  # noqa: SLF001
                break
            low = high + 1
            matcher._next_block()  # noqa: SLF001
    else:  # postings inlined in the term's entry, or another format: one by one
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            if positions:
                values.append(matcher.value())
            matcher.next()
    found = np.asarray(ids, dtype=np.int64)
    weight = np.asarray(weights, dtype=np.float64)
    keep = None
    if deleted:
        keep = ~np.isin(found, np.fromiter(deleted, dtype=np.int64))
    if within is not None:
        inside = np.isin(found, within, assume_unique=True)
        keep = inside if keep is None else keep & inside
    if keep is None:
        return found, weight, values if positions else None
    chosen_values = (
        [value for value, chosen in zip(values, keep.tolist(), strict=True) if chosen] if positions else None
    )
    return found[keep], weight[keep], chosen_values


def _among(
    ids: np.ndarray, weights: np.ndarray, deleted: np.ndarray | None, within: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """The documents of `ids` (ascending) that are among `within` (ascending; None: all) and not
    `deleted`, and their weights as float64."""
    if within is not None:
        if not len(ids):
            return NONE, np.zeros(0)
        at = np.searchsorted(ids, within)
        at[at == len(ids)] = 0
        hit = ids[at] == within
        ids, weights = within[hit], weights[at[hit]]
    if deleted is not None and len(ids):
        keep = ~np.isin(ids, deleted, assume_unique=True)
        ids, weights = ids[keep], weights[keep]
    return ids.astype(np.int64, copy=False), weights.astype(np.float64)


def _holds(ids: np.ndarray, low: int, high: int) -> bool:
    at = int(np.searchsorted(ids, low))
    return at < len(ids) and ids[at] <= high


def scored_alone(node) -> bool:
    """Whether `rank` may score `node` as Whoosh does: its matchers need no more of a term's
    postings than the documents and weights (a phrase needs positions)."""
    from whoosh import query as q

    if isinstance(node, (q.Term, q.Prefix, q.Wildcard)) or node is q.NullQuery or _every(node):
        return True
    if isinstance(node, (q.And, q.Or, q.Not, q.AndNot)):
        return all(scored_alone(child) for child in node.children())
    return False


class _Within:
    """A segment's searcher whose term postings hold only the given documents of the segment,
    read from `reads` (or from the index, for terms the counting did not read, such as a
    prefix's), with Whoosh's own scorers: Whoosh's queries build their usual matchers over it,
    and `_evaluate` scores what they match from the postings kept here per matcher."""

    def __init__(
        self, searcher, number: int, documents: np.ndarray, reads: Reads, positions: bool = False
    ) -> None:
        self._searcher, self._number, self._documents, self._reads = searcher, number, documents, reads
        self._positions = positions  # a phrase's matchers read the words' positions
        self.leaves: dict[int, tuple[Any, np.ndarray, np.ndarray, str]] = {}  # id(matcher) -> its postings

    def __getattr__(self, name: str):
        return getattr(self._searcher, name)

    def postings(self, fieldname: str, text: bytes, weighting=None, qf: int = 1):
        from whoosh.matching import ListMatcher

        searcher = self._searcher
        scorer = (weighting or searcher.weighting).scorer(searcher, fieldname, text, qf=qf)
        kept = None if self._positions else self._reads.terms.get((fieldname, text), {}).get(self._number)
        read = (
            (*kept, None)
            if kept
            else read_postings(
                searcher.reader(),
                fieldname,
                text,
                self._documents,
                self._positions,
                self._reads.segment(self._number),
            )
        )
        keep = np.isin(read[0], self._documents, assume_unique=True)
        ids, weights = read[0][keep], read[1][keep]
        values = None
        if read[2] is not None:
            values = [value for value, chosen in zip(read[2], keep.tolist(), strict=True) if chosen]
        matcher = ListMatcher(
            ids.tolist(),
            weights.tolist(),
            values,
            format=searcher.schema[fieldname].format,
            scorer=scorer,
            term=(fieldname, text),
            terminfo=searcher.reader().term_info(fieldname, text),
        )
        self.leaves[id(matcher)] = (matcher, ids, weights, fieldname)
        return matcher


FEW = 1000  # matches up to which a phrase is matched and scored among them alone


def _step(node, searcher, documents: np.ndarray, scored: bool = True) -> list[tuple[int, float]]:
    """(document number, score) of what `node` matches among `documents` (ascending), from
    Whoosh's own matchers of `node` built over the postings of those documents alone, positions
    included, stepped one match at a time: for phrases, whose matchers compare positions, when
    few documents are left (a filter's). Each score is Whoosh's own `score()` of the document."""
    found: list[tuple[int, float]] = []
    for number, (leaf, offset) in enumerate(searcher.leaf_searchers()):
        inside = documents[(documents >= offset) & (documents < offset + leaf.doc_count_all())] - offset
        if not len(inside):
            continue
        wanted = set(inside.tolist())
        matcher = node.matcher(_Within(leaf, number, inside, Reads(), positions=True), searcher.context())
        while matcher.is_active():
            docnum = matcher.id()
            if docnum in wanted:
                found.append((docnum + offset, matcher.score() if scored else 0.0))
            matcher.next()
    return found


class _Unscorable(Exception):
    """A matcher or scorer that `_evaluate` does not know: Whoosh ranks the query itself."""


def rank(
    node, searcher, found: np.ndarray, reads: Reads, lengths: Lengths, limit: int | None = None
) -> list[tuple[int, float]] | None:
    """(document number, score) of every document of `found` (ascending), or of the best `limit`,
    best first and then by document number, as Whoosh ranks them; None when Whoosh's matchers of
    `node` hold a kind this does not score. Per segment, Whoosh's own matchers of `node` are built over postings
    that hold only these documents, and scored as arrays: each term's scores from the same
    weights, field lengths and statistics by the same arithmetic, added up in the order Whoosh's
    matchers add them, so that every score is the same number."""
    if _every(node):  # every document scores the query's boost (Whoosh's ListMatcher without a scorer)
        return [(docnum, float(node.boost or 1.0)) for docnum in found[:limit].tolist()]
    context = searcher.context()  # what Whoosh's search prepares its matchers with
    docnums, scores = [], []
    for number, (leaf, offset) in enumerate(searcher.leaf_searchers()):
        inside = found[(found >= offset) & (found < offset + leaf.doc_count_all())] - offset
        if not len(inside):
            continue
        within = _Within(leaf, number, inside, reads)
        matcher = node.matcher(within, context)
        try:
            ids, score = _evaluate(matcher, within, inside, partial(lengths, number, leaf.reader()))
        except _Unscorable:
            return None
        keep = np.isin(ids, inside, assume_unique=True)
        docnums.append(ids[keep] + offset)
        scores.append(score[keep])
    if not docnums:
        return []
    docnum, score = np.concatenate(docnums), np.concatenate(scores)
    if limit is not None and limit < len(score):
        # Only the documents that score at least the `limit`-th best score are sorted: all that
        # the whole order puts first, ties at that score included.
        least = np.partition(score, len(score) - limit)[len(score) - limit]
        best = score >= least
        docnum, score = docnum[best], score[best]
    order = np.lexsort((docnum, -score))[:limit]
    return list(zip(docnum[order].tolist(), score[order].tolist(), strict=True))


def _evaluate(matcher, within: _Within, universe: np.ndarray, lengths) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers ascending, scores) of what `matcher` matches among `universe`, computed
    as its `score()` computes each: the same operations on the same numbers, in the same order."""
    from whoosh import matching as m

    kind = type(matcher)
    if kind is m.ListMatcher:
        if id(matcher) not in within.leaves:
            raise _Unscorable(kind)
        _, ids, weights, fieldname = within.leaves[id(matcher)]
        return ids, _term_scores(matcher._scorer, weights, ids, fieldname, lengths)  # noqa: SLF001
    if kind is m.NullMatcherClass:
        return NONE, np.zeros(0)
    if kind in (m.UnionMatcher, m.IntersectionMatcher, m.AndNotMatcher, m.AndMaybeMatcher):
        a_ids, a_scores = _evaluate(matcher.a, within, universe, lengths)
        b_ids, b_scores = _evaluate(matcher.b, within, universe, lengths)
        if kind is m.AndNotMatcher:
            keep = ~np.isin(a_ids, b_ids, assume_unique=True)
            return a_ids[keep], a_scores[keep]
        if kind is m.IntersectionMatcher:
            ids, in_a, in_b = np.intersect1d(a_ids, b_ids, assume_unique=True, return_indices=True)
            return ids, a_scores[in_a] + b_scores[in_b]
        ids = a_ids if kind is m.AndMaybeMatcher else _unique(np.concatenate((a_ids, b_ids)))
        a_at, b_at = np.searchsorted(ids, a_ids), np.searchsorted(ids, b_ids)
        if kind is m.AndMaybeMatcher:
            b_keep = np.isin(b_ids, a_ids, assume_unique=True)
            b_at, b_scores = b_at[b_keep], b_scores[b_keep]
        of_a, of_b = np.zeros(len(ids)), np.zeros(len(ids))
        has_a, has_b = np.zeros(len(ids), dtype=bool), np.zeros(len(ids), dtype=bool)
        of_a[a_at], has_a[a_at] = a_scores, True
        of_b[b_at], has_b[b_at] = b_scores, True
        return ids, np.where(has_a & has_b, of_a + of_b, np.where(has_a, of_a, of_b))
    if kind is m.ArrayUnionMatcher:  # adds its matchers' scores times its boost, one matcher after another
        parts = [_evaluate(child, within, universe, lengths) for child in matcher._submatchers]  # noqa: SLF001
        ids = _unique(np.concatenate([part[0] for part in parts])) if parts else NONE
        total = np.zeros(len(ids))
        boost, scored = matcher._boost, matcher._scored  # noqa: SLF001
        for part_ids, part_scores in parts:
            at = np.searchsorted(ids, part_ids)
            total[at] = total[at] + part_scores * boost if scored else 1.0
        keep = total > 0  # as its array of scores tells matches
        return ids[keep], total[keep]
    if kind in (m.WrappingMatcher, m.FilterMatcher):
        ids, scores = _evaluate(matcher.child, within, universe, lengths)
        if kind is m.FilterMatcher:
            listed = np.fromiter(matcher._ids, dtype=np.int64)  # noqa: SLF001
            keep = np.isin(ids, listed) != matcher._exclude  # noqa: SLF001
            ids, scores = ids[keep], scores[keep]
        return ids, scores * matcher.boost
    if kind is m.ConstantScoreWrapperMatcher:
        ids, _ = _evaluate(matcher.child, within, universe, lengths)
        return ids, np.full(len(ids), matcher._score, dtype=np.float64)  # noqa: SLF001
    if kind is m.InverseMatcher:  # every document but the child's (deleted ones are not in the universe)
        ids, _ = _evaluate(matcher.child, within, universe, lengths)
        ids = np.setdiff1d(universe, ids, assume_unique=True)
        return ids, np.full(len(ids), matcher._weight, dtype=np.float64)  # noqa: SLF001
    raise _Unscorable(kind)


def _term_scores(scorer, weights: np.ndarray, ids: np.ndarray, fieldname: str, lengths) -> np.ndarray:
    """A term's scores in the documents `ids`, as `scorer.score` computes each."""
    from whoosh import scoring

    if scorer is None or type(scorer) is scoring.WeightScorer:
        return weights
    if type(scorer) is not scoring.BM25FScorer:
        raise _Unscorable(type(scorer))
    field_lengths = lengths(fieldname)[ids]
    idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
    # whoosh.scoring.bm25, term by term
    return idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * field_lengths / avgfl)))


class Lengths:
    """Every document's length in a field, per segment, as Whoosh's scorers read it one document
    at a time (`doc_field_length`, 1 when the segment keeps no lengths of the field): kept for as
    long as the index is open, each read whole the first time a query asks for it."""

    def __init__(self) -> None:
        self._kept: dict[tuple[int, str], np.ndarray] = {}

    def __call__(self, number: int, segment, fieldname: str) -> np.ndarray:
        key = (number, fieldname)
        if key not in self._kept:
            self._kept[key] = _field_lengths(segment, fieldname)
        return self._kept[key]


def _field_lengths(segment, fieldname: str) -> np.ndarray:
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
    from whoosh.util.numeric import byte_to_length

    count = segment.doc_count_all()
    column = segment._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)  # noqa: SLF001
    if column is None:
        return np.ones(count, dtype=np.int64)
    # The column's bytes read at once (one byte a document, 0 past its end), then decoded as
    # `doc_field_length` decodes each.
    raw = np.zeros(count, dtype=np.uint8)
    stored = min(column._count, count)  # noqa: SLF001
    raw[:stored] = np.frombuffer(column._dbfile.get(column._basepos, stored), dtype=np.uint8)  # noqa: SLF001
    decoded = np.array([byte_to_length(value) if value else 0 for value in range(256)], dtype=np.int64)
    return decoded[raw]


SNIPPET = 240  # characters
AFTER = 80  # characters of a passage after its match


def snippet(body: str, words: set[str]) -> str:
    """Up to two passages around the words of the query, matched words in **bold**. Query terms
    are stems ("gesprek"), so a word matches when it begins with one ("gesprekken")."""
    text = " ".join(body.split())
    if not words:
        return text[:SNIPPET]
    stems = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{stems})\w*")
    folded = _folded_start(text, pattern)  # same length as its part of the text: offsets carry over
    passages, last_end = [], 0
    for match in list(islice(pattern.finditer(folded), 2)):
        begin, end = max(0, match.start() - 60, last_end), min(len(text), match.end() + AFTER)
        if begin and text[begin - 1] != " ":  # start the passage at a word
            begin = min(match.start(), text.find(" ", begin) + 1 or begin)
        if begin >= end:
            continue
        marked, position = [], begin
        for word in pattern.finditer(folded, begin, end):
            marked += [text[position : word.start()], f"**{text[word.start() : word.end()]}**"]
            position = word.end()
        marked.append(text[position:end])
        passages.append(("…" if begin else "") + "".join(marked) + ("…" if end < len(text) else ""))
        last_end = end
    return " ".join(passages) or text[:SNIPPET]


def _folded_start(text: str, pattern: re.Pattern[str]) -> str:
    """The folded text from its start up to a space beyond the first two matches of `pattern`
    and the characters a passage shows after them, or the whole text folded: folding a long
    article whole costs more than the rest of a search. A match ends at a word's end, so the
    matches before a space are those of the whole text. Folded a piece at a time (a piece of
    ASCII only is folded fast)."""
    pieces: list[str] = []
    done, size = 0, 2 * SNIPPET
    while done < len(text):
        cut = text.find(" ", max(size, done + 1))
        cut = len(text) if cut < 0 else cut
        pieces.append(fold(text[done:cut]))
        done, size = cut, size * 4
        folded = "".join(pieces)
        found = list(islice(pattern.finditer(folded), 2))
        if len(found) == 2 and found[-1].end() + AFTER <= done:
            return folded
    return "".join(pieces)


def _ids(value: str | None) -> list[str]:
    return [v for v in (value or "").split(",") if v]
