"""Searching the archive: free text, actors by any of their names, dates, language; with facets.

    from build_archive.search.query import search
    results = search("gesprekken", persons=["Putin"], countries=["Oekraine"])

The command line's `archive search` is a thin layer over `search`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from ..errors import IndexError_
from ..folding import fold, fold_key
from ..model import TYPE_KEYS
from .schema import STEMMED

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
    then by name, so that their numbers also break ties between equal counts by name."""

    owners: np.ndarray  # int32 per pair: its document number
    groups: np.ndarray  # int32 per pair: its group
    names: list[str]  # per group: its display name (an actor's name, or the year)
    spans: dict[str, tuple[int, int]]  # facet -> its groups' numbers, first and past the last


@dataclass(frozen=True)
class Tables:
    """What a search needs besides the index, per commit of the index: the actors by every
    folded name and their display names, the facet values of every document and its day.
    Made from the index and its actors.json; the build keeps them beside the index for the
    commit it made (`keep_tables`), so a cold `archive search` reads them instead of making them."""

    by_name: dict[str, list[str]]  # folded name -> actor ids
    display: dict[str, str]  # actor id -> display name
    facets: FacetTable
    days: np.ndarray  # int32 per document number: its day number, 0 when undated


TABLES = "search-tables.pickle"  # beside the index
TABLES_FORMAT = 2  # raise when the layout of `Tables` changes


class _Handle:
    """An open index and its tables, reused while the index does not change: a process that
    searches many times (the API, a server) pays for them once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.ix, self.searcher = _open(path)
        self.tables = load_tables(path, self.ix.indexname, self.searcher.reader())

    def fresh(self) -> _Handle:
        if self.searcher.up_to_date():
            return self
        self.searcher.close()
        return _Handle(self.path)


_HANDLES: dict[Path, _Handle] = {}


def _handle(path: Path) -> _Handle:
    key = path.resolve()
    handle = _HANDLES.get(key)
    _HANDLES[key] = handle = handle.fresh() if handle else _Handle(path)
    return handle


def _tables_key(path: Path, indexname: str, reader, actors: bytes) -> tuple | None:
    """The commit the reader reads (as the sidecar of signatures names it) and the actors.json
    beside it."""
    from .signatures import commit_tag

    tag = commit_tag(path, indexname, reader.generation())
    if tag is None:
        return None
    return (TABLES_FORMAT, tag, hashlib.blake2b(actors, digest_size=16).hexdigest())


def _actors_bytes(path: Path) -> bytes:
    try:
        return (path / "actors.json").read_bytes()
    except OSError as error:
        raise IndexError_(f"the search index at {path} has no readable actors.json ({error})") from None


def load_tables(path: Path, indexname: str, reader) -> Tables:
    """The tables the build kept for this commit, else made from the index (and not kept: the
    index belongs to the build, which may be writing it)."""
    from ..cache import load_keyed

    actors = _actors_bytes(path)
    key = _tables_key(path, indexname, reader, actors)
    kept = load_keyed(path / TABLES, key) if key is not None else None
    return kept if isinstance(kept, Tables) else make_tables(reader, actors, path)


def keep_tables(path: Path) -> None:
    """Make the tables of the index's last commit and keep them beside it, unless they are kept
    already: the build calls this once it has committed and written actors.json. The facet
    values of each segment are kept too (`ROWS`), so a commit that adds one small segment reads
    the postings of that segment only."""
    from ..cache import load_keyed, save_keyed

    ix, searcher = _open(path)
    with searcher:
        reader = searcher.reader()
        actors = _actors_bytes(path)
        key = _tables_key(path, ix.indexname, reader, actors)
        if key is None or isinstance(load_keyed(path / TABLES, key), Tables):
            return
        rows = kept_rows(path, reader)
        for segment, _ in reader.leaf_readers():
            if segment.segment().segment_id() not in rows:
                made = rows[segment.segment().segment_id()] = segment_rows(segment)
                save_keyed(_rows_file(path, segment), _rows_key(segment), made)
        _forget_rows(path, set(rows))
        save_keyed(path / TABLES, key, make_tables(reader, actors, path, rows))


def make_tables(reader, actors: bytes, path: Path, rows: dict[str, SegmentRows] | None = None) -> Tables:
    """The tables of the commit `reader` reads; `rows`: the facet values of its segments that are
    known already (by segment id), the others are read from their postings."""
    by_name, display = _actor_table(actors, path)
    known = kept_rows(path, reader) if rows is None else rows
    per_segment = [
        (known.get(segment.segment().segment_id()) or segment_rows(segment), segment, offset)
        for segment, offset in reader.leaf_readers()
    ]
    return Tables(by_name, display, _facet_table(per_segment, display), _days(reader))


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
    try:
        files = list((path / ROWS).iterdir())
    except OSError:
        return
    for file in files:
        if file.suffix == ".pickle" and file.stem not in current:
            file.unlink(missing_ok=True)


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


def _facet_table(per_segment: list[tuple[SegmentRows, Any, int]], display: dict[str, str]) -> FacetTable:
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
    order = np.lexsort((owner, term_rank, in_group))
    kinds = [name for name, _ in ordered]
    spans = {
        name: (kinds.index(name), len(kinds) - kinds[::-1].index(name)) for name in FACETS if name in kinds
    }
    return FacetTable(owner[order], in_group[order], [shown for _, shown in ordered], spans)


def count_facets(table: FacetTable, matches: np.ndarray, documents: int) -> dict[str, dict[str, int]]:
    """Per facet, display name -> number of `matches` (document numbers) it is in, most first
    and then by name."""
    chosen = np.zeros(documents, dtype=bool)
    chosen[matches] = True
    counts = np.bincount(table.groups[chosen[table.owners]], minlength=len(table.names))
    facets = {}
    for name, (first, end) in table.spans.items():
        span = counts[first:end]
        found = np.flatnonzero(span)
        found = found[np.lexsort((found, -span[found]))]
        facets[name] = dict(
            zip([table.names[first + g] for g in found.tolist()], span[found].tolist(), strict=True)
        )
    return facets


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

    # Every match is counted (the total and the facets) from sets of document numbers, and only
    # the best `limit` are scored in full: Whoosh's ranking skips the blocks of postings that
    # cannot reach them.
    searcher = handle.searcher
    matched = matching(combined, searcher)
    found = np.fromiter(matched, dtype=np.int64, count=len(matched))
    chosen = None  # Whoosh's filter: only with dates, which are no query of the index
    if since or until:
        days = tables.days[found]
        first = since.toordinal() if since else 1
        last = until.toordinal() if until else dt.date.max.toordinal()
        found = found[(days > 0) & (days >= first) & (days <= last)]
        chosen = set(found.tolist())
    results.total = len(found)
    if not results.total:
        results.facets = {name: {} for name in FACETS}
        return results
    for hit in searcher.search(combined, limit=limit, filter=chosen) if limit > 0 else ():
        fields_ = hit.fields()
        lang_ = fields_.get("lang", "")
        body = fields_.get(f"body_{lang_ if lang_ in STEMMED else 'other'}", "")
        date = fields_.get("date")
        results.hits.append(
            Hit(
                id=fields_["id"],
                title=fields_.get(f"title_{lang_ if lang_ in STEMMED else 'other'}", ""),
                date=date.date().isoformat() if date else None,
                url=fields_.get("url", ""),
                score=round(float(hit.score or 0.0), 3),
                persons=[display.get(i, i) for i in _ids(fields_.get("persons"))],
                countries=[display.get(i, i) for i in _ids(fields_.get("countries"))],
                highlights=snippet(body, words),
            )
        )
    counted = count_facets(tables.facets, found, len(tables.days))
    results.facets = {name: counted.get(name, {}) for name in FACETS}
    return results


def matching(node, searcher) -> set[int]:
    """The document numbers `node` matches, unscored, from each term's postings and set algebra
    (Whoosh's own matchers walk every match through a tree of Python objects); node kinds other
    than terms, and, or and not are left to Whoosh."""
    from whoosh import query as q

    if isinstance(node, q.Term):
        reader = searcher.reader()
        if (node.fieldname, node.text) not in reader:
            return set()
        return set(_posting_ids(reader.postings(node.fieldname, node.text)))
    if isinstance(node, q.Or):
        return set().union(*(matching(child, searcher) for child in node.subqueries))
    if isinstance(node, q.And):
        wanted = [child for child in node.subqueries if not isinstance(child, q.Not)]
        unwanted = [child.query for child in node.subqueries if isinstance(child, q.Not)]
        if wanted:
            found = sorted((matching(child, searcher) for child in wanted), key=len)
            result = found[0].intersection(*found[1:])
            for child in unwanted:
                result -= matching(child, searcher) if result else set()
            return result
    if isinstance(node, q.AndNot):
        return matching(node.a, searcher) - matching(node.b, searcher)
    if node is q.NullQuery:
        return set()
    return set(node.docs(searcher))


def _posting_ids(matcher) -> list[int]:
    """The document numbers of a term's postings. Whoosh's `all_ids` takes three method calls
    per posting; its leaf matcher of the index's format gives a block of them at once."""
    from whoosh.matching.wrappers import FilterMatcher, MultiMatcher

    if isinstance(matcher, MultiMatcher):  # a matcher per segment, numbered from its offset
        ids: list[int] = []
        for child, offset in zip(matcher.matchers, matcher.offsets, strict=True):
            found = _posting_ids(child)
            ids.extend([i + offset for i in found] if offset else found)
        return ids
    if isinstance(matcher, FilterMatcher):  # a segment's deleted documents left out
        listed, exclude = matcher._ids, matcher._exclude
        return [i for i in _posting_ids(matcher.child) if (i in listed) != exclude]
    if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):
        ids = []
        while matcher.is_active():
            matcher._read_ids()
            ids.extend(matcher._ids)
            if matcher._lastblock:
                break
            matcher._next_block()
        return ids
    return list(matcher.all_ids())


SNIPPET = 240  # characters


def snippet(body: str, words: set[str]) -> str:
    """Up to two passages around the words of the query, matched words in **bold**. Query terms
    are stems ("gesprek"), so a word matches when it begins with one ("gesprekken")."""
    text = " ".join(body.split())
    if not words:
        return text[:SNIPPET]
    folded = fold(text)  # same length as the text: offsets carry over
    stems = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{stems})\w*")
    passages, last_end = [], 0
    for match in list(pattern.finditer(folded))[:2]:
        begin, end = max(0, match.start() - 60, last_end), min(len(text), match.end() + 80)
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


def _ids(value: str | None) -> list[str]:
    return [v for v in (value or "").split(",") if v]
