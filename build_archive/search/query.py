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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import NamedTuple

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


@dataclass(frozen=True)
class Tables:
    """What a search needs besides the index, per commit of the index: the actors by every
    folded name and their display names, the facet values of every document and its day.
    Made from the index and its actors.json; the build keeps them beside the index for the
    commit it made (`keep_tables`), so a cold `archive search` reads them instead of making them."""

    by_name: dict[str, list[str]]  # folded name -> actor ids
    display: dict[str, str]  # actor id -> display name
    labels: list[str]  # facet values ("person:...", "year:2022")
    facets: list[tuple[int, ...]]  # per document number: its facet values, as indexes into labels
    days: list[int]  # per document number: its day number, 0 when undated


TABLES = "search-tables.pickle"  # beside the index
TABLES_FORMAT = 1  # raise when the layout of `Tables` changes


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
    already: the build calls this once it has committed and written actors.json."""
    from ..cache import load_keyed, save_keyed

    ix, searcher = _open(path)
    with searcher:
        reader = searcher.reader()
        actors = _actors_bytes(path)
        key = _tables_key(path, ix.indexname, reader, actors)
        if key is None or isinstance(load_keyed(path / TABLES, key), Tables):
            return
        save_keyed(path / TABLES, key, make_tables(reader, actors, path))


def make_tables(reader, actors: bytes, path: Path) -> Tables:
    by_name, display = _actor_table(actors, path)
    labels, facets = _facet_table(reader)
    return Tables(by_name, display, labels, facets, _days(reader))


def _days(reader) -> list[int]:
    """Day numbers per document (0 when undated): date ranges become a set of document numbers
    here, where Whoosh's DateRange expands into many terms on every search."""
    if not reader.has_column("date"):  # an index from before the date column: the stored fields
        return [s["date"].toordinal() if s.get("date") else 0 for _, s in reader.iter_docs()]
    # Raw column values are microseconds since datetime.min; undated documents hold the
    # column's "missing" value, far beyond any real date.
    last = dt.date.max.toordinal()
    days = (
        dt.date.min.toordinal() + v // 86_400_000_000 for v in reader.column_reader("date", translate=False)
    )
    return [day if day <= last else 0 for day in days]


class FacetTable(NamedTuple):
    labels: list[str]  # facet values ("person:...", "year:2022")
    facets: list[tuple[int, ...]]  # per document number: its values, as indexes into labels


def _facet_table(reader) -> FacetTable:
    """For every document number, the facet values it holds ("person:...", "year:2022").
    Counting facets then costs one look-up per match, where Whoosh's overlapping field facets
    re-read every posting list on every search."""
    labels: list[str] = []
    values: list[list[int]] = [[] for _ in range(reader.doc_count_all())]
    for name in FACETS:
        if name not in reader.indexed_field_names():
            continue
        for term in reader.lexicon(name):
            text = term.decode() if isinstance(term, bytes) else term
            number = len(labels)
            labels.append(text if name != "year" else f"year:{text}")
            for docnum in reader.postings(name, term).all_ids():
                values[docnum].append(number)
    return FacetTable(labels, [tuple(v) for v in values])


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
    allowed = None
    if since or until:
        first = since.toordinal() if since else 1
        last = until.toordinal() if until else dt.date.max.toordinal()
        allowed = {docnum for docnum, day in enumerate(tables.days) if day and first <= day <= last}
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

    # One pass: every match scored and ranked (the facets count them all), the best `limit` shown.
    matches = handle.searcher.search(combined, limit=None, filter=allowed)
    results.total = len(matches)
    for hit in matches[:limit]:
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
    table, labels = tables.facets, tables.labels
    numbers = Counter(chain.from_iterable(table[docnum] for docnum in matches.docs()))
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    for number, count in numbers.items():
        value = labels[number]
        kind, _, rest = value.partition(":")
        counts[TYPE_KEYS.get(kind, kind)][display.get(value, rest if kind == "year" else value)] += count
    results.facets = {
        name: dict(sorted(c.items(), key=lambda item: (-item[1], item[0]))) for name, c in counts.items()
    }
    return results


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
