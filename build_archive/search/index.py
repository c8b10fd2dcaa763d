"""The search index stage: the archive's articles in a Whoosh index, kept up to date incrementally.

Whoosh is unmaintained (whoosh-reloaded runs on current Python), so it stays behind this module
and `query`: nothing else imports it, and a faster engine can replace it here alone. Analyzer
classes are pickled into the index by their module path (`build_archive.search.index`): an index
written before a move cannot be read, and the next build rebuilds it once (`open_for_writing`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from json.encoder import encode_basestring_ascii as encode_string  # what json.dumps does to a str
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from whoosh import fields, formats, index
from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.support.charset import accent_map
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from ..cache import load_keyed, save_keyed
from ..model import TYPE_KEYS, Article, IndexStats
from ..publish.lock import LOCK_WAIT
from ..publish.output import write_if_changed

if TYPE_CHECKING:  # the build's modules: a search (which unpickles this module's analyzers) needs none
    from ..actors.resolve import ActorStats

# A full build writes a segment per this much of Whoosh's estimate of its postings. Whoosh keeps
# a segment's postings in memory only up to its pool's limit and pickles every posting to disk
# and back once it spills; a segment that fits its pool is sorted in memory. Larger segments
# hold more memory while they are written, smaller ones make more segments for every query to
# read: the size and its figures are in bench/RESULTS.md.
SEGMENT_MB = 512
PARALLEL_FROM = 500  # articles: fewer are indexed in one process
SEGMENT_DOCS_SMALL = 500  # documents: a segment with fewer is an increment's, merged with others
STEMMED = ("nl", "en")  # languages with their own body and title fields; others are folded only


class IndexError_(Exception):  # noqa: N801 - not the builtin IndexError
    """The search index cannot be written or read; the message says what to do."""


class DutchPluralFilter(Filter):
    """Dutch plurals in -ies and -ties that the Snowball stemmer leaves alone ('invasies',
    'sancties'): reduced to the singular before stemming, so they meet 'invasie', 'sanctie'."""

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            if len(text) > 5 and text.endswith("ies"):
                token.text = text[:-1]
            yield token


def analyzer(lang: str):
    """Case and accent folding for every language; stop words and stemming where known."""
    chain = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
    if lang == "nl":
        chain = chain | StopFilter(lang="nl") | DutchPluralFilter() | StemFilter(lang="nl")
    elif lang == "en":
        chain = chain | StopFilter(lang="en") | StemFilter(lang="en")
    return WordAnalyzer(lang, chain)


_TERMS: dict[str, dict[str, str | None]] = {}  # per language: each word's term, None if stopped
TERMS_KEPT = 300_000  # words per language; then they are forgotten (real news has millions)


class WordAnalyzer(CompositeAnalyzer):
    """Whoosh's chain, which queries and highlights use as it is; an indexed text instead goes
    through `index_terms`. Every filter of the chain acts on one word at a time, so a word
    always gives the same term: the chain runs once per distinct word of the archive instead of
    once per word of every article, as generators of token objects (the index's largest cost)."""

    def __init__(self, lang: str, chain: CompositeAnalyzer) -> None:
        super().__init__(*chain.items)
        self.lang = lang  # the key of its terms in _TERMS (the instance itself is pickled)

    def index_terms(self, text: str) -> Iterator[tuple[int, str]]:
        """(position, term) of each indexed word, as the chain gives them in "index" mode; the
        stop filter numbers the remaining words from the first one's position."""
        terms = _TERMS.setdefault(self.lang, {})
        renumber = any(isinstance(item, StopFilter) and item.renumber for item in self.items)
        expression = self.items[0].expression
        position = None
        for raw, found in enumerate(expression.finditer(text)):
            word = found.group(0)
            term = terms.get(word, "")
            if term == "":
                if len(terms) >= TERMS_KEPT:
                    terms.clear()
                term = terms[word] = self._term(word)
            if term is None:
                continue
            position = raw if position is None or not renumber else position + 1
            yield position, term

    def _term(self, word: str) -> str | None:
        made = [token.text for token in self(word, mode="index")]
        if len(made) > 1:
            raise ValueError(f"{word!r} gave {len(made)} terms; index_terms expects one word to give one")
        return made[0] if made else None


class IndexedText(formats.Positions):
    """Whoosh's positions format, which reads a `WordAnalyzer`'s terms per word: the same
    postings, made without a token object per word."""

    def word_values(self, value, analyzer, **kwargs):
        if (
            not isinstance(analyzer, WordAnalyzer)
            or not isinstance(value, str)
            or kwargs.get("mode") != "index"
        ):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        positions: dict[str, list[int]] = {}
        for position, term in analyzer.index_terms(value):
            found = positions.get(term)
            if found is None:
                positions[term] = [position]
            else:
                found.append(position)
        boost = self.field_boost
        for term, found in positions.items():
            yield term, len(found), float(len(found)) * boost, self.encode(found)


def schema() -> fields.Schema:
    text = {}
    for lang in (*STEMMED, "other"):
        text[f"title_{lang}"] = _text(analyzer(lang), field_boost=2.0)
        text[f"body_{lang}"] = _text(analyzer(lang))
    # Actor ids per type: keyword fields without vectors (Whoosh's facet counting crashes on
    # vectors of empty lists) for filters and facets.
    actors = {key: fields.KEYWORD(stored=True, commas=True, scorable=True) for key in TYPE_KEYS.values()}
    return fields.Schema(
        id=fields.ID(unique=True, stored=True),
        url=fields.STORED(),
        names=_text(analyzer("other"), stored=False),  # every actor's names and aliases
        date=fields.DATETIME(stored=True, sortable=True),  # a column: date filters without stored fields
        year=fields.ID(stored=True),
        lang=fields.ID(stored=True),
        signature=fields.ID(stored=True),  # content hash + actors: what decides a re-index
        **text,
        **actors,
    )


def _text(words: WordAnalyzer, field_boost: float = 1.0, stored: bool = True) -> fields.TEXT:
    field = fields.TEXT(analyzer=words, stored=stored, field_boost=field_boost)
    field.format = IndexedText(field_boost=field_boost)
    return field


def text_field(lang: str, kind: str) -> str:
    return f"{kind}_{lang if lang in STEMMED else 'other'}"


def signature(article: Article, actors: dict[str, ActorStats]) -> str:
    """Changes when the article's text or anything the index holds of its actors changes."""
    from ..urls import article_url

    names = [(a, actors[a].actor.name, actors[a].names) for a in article.actors if a in actors]
    return hashlib.sha256(
        json.dumps([article.content_hash, article_url(article), names]).encode()
    ).hexdigest()


class SignedDoc(NamedTuple):
    """What one article's signature was computed from, and the signature."""

    content_hash: str
    url: str
    actors: tuple[str, ...]
    signature: str


class Signed(NamedTuple):
    """What the signatures of a build were computed from, kept next to the index for the next
    build."""

    parts: dict[str, str]  # per actor id, its part of the signed JSON
    docs: dict[str, SignedDoc]  # per article id


def signatures(articles: list[Article], actors: dict[str, ActorStats], last: Signed | None = None) -> Signed:
    """`signature` of every article (the same strings), for an index update that compares all of
    them. Hashing every article's actor names grows with the archive; an article whose content
    hash, URL and actors are those of `last`, none of whose actors changed name or names, keeps
    its signature from `last` instead. Each actor's part of the JSON is encoded once,
    and the pieces are joined as `json.dumps` separates them."""
    from ..urls import article_url

    parts = {a: json.dumps([a, s.actor.name, s.names]) for a, s in actors.items()}
    last_parts, last_docs = last or Signed({}, {})
    changed = {a for a in parts.keys() | last_parts.keys() if parts.get(a) != last_parts.get(a)}
    canonical: dict[str, str] = {}  # one string per actor id: the saved file holds each id once
    docs: dict[str, SignedDoc] = {}
    for article in articles:
        url = article_url(article)
        old = last_docs.get(article.id)
        if (
            old is not None
            and old.content_hash == article.content_hash
            and old.url == url
            and old.actors == article.actors
            and changed.isdisjoint(article.actors)
        ):
            docs[article.id] = old
            continue
        names = ", ".join([parts[a] for a in article.actors if a in parts])
        encoded = f"[{encode_string(article.content_hash)}, {encode_string(url)}, [{names}]]"
        ids = tuple(canonical.setdefault(a, a) for a in article.actors)
        docs[article.id] = SignedDoc(
            article.content_hash, url, ids, hashlib.sha256(encoded.encode()).hexdigest()
        )
    return Signed(parts, docs)


def document(article: Article, actors: dict[str, ActorStats], signed: str | None = None) -> dict:
    import datetime as dt

    from ..urls import article_url

    doc: dict[str, str | dt.datetime] = {
        "id": article.id,
        "url": article_url(article),
        "year": str(article.date.year) if article.date else "undated",
        "lang": article.lang,
        "signature": signed or signature(article, actors),
        text_field(article.lang, "title"): article.title,
        text_field(article.lang, "body"): article.body,
        "names": " ".join(name for a in article.actors if a in actors for name in actors[a].names),
    }
    if article.date:
        doc["date"] = dt.datetime.combine(article.date, dt.time())
    for kind, key in TYPE_KEYS.items():
        ids = [a for a in article.actors if a.startswith(f"{kind}:") and a in actors]
        if ids:
            doc[key] = ",".join(ids)
    return doc


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


def same_fields(old: fields.Schema, new: fields.Schema) -> bool:
    """The same fields, of the same kinds, with the same format and analyzer classes: an index
    from before `IndexedText` is rebuilt once, or even its `--full` builds would go on with
    Whoosh's slower format, which its schema names."""

    def kinds(schema: fields.Schema) -> list:
        return [(name, type(field), type(field.format), type(getattr(field, "analyzer", None)))
                for name, field in schema.items()]  # fmt: skip

    return kinds(old) == kinds(new)


SIDECAR = "signatures.pickle"  # next to the index: what its documents' signatures were made of
SIDECAR_FORMAT = 2  # raise when the layout of `Signed` changes


def commit_tag(path: Path, indexname: str, generation: int) -> str | None:
    """What identifies one commit of the index: its generation and the bytes of its table of
    contents, which name its segments by random ids and list their deleted documents. A new
    index (after a damaged one is rebuilt) starts again at generation 1, but never with the same
    bytes. None when that commit's table of contents is gone."""
    try:
        toc = (path / f"_{indexname}_{generation}.toc").read_bytes()
    except OSError:
        return None
    return f"{generation}:{hashlib.blake2b(toc, digest_size=16).hexdigest()}"


def read_signed(path: Path, tag: str | None) -> Signed | None:
    """The signatures the last build saved for the commit `tag`; None when the sidecar belongs
    to another commit (a build killed after its commit, another build's, a rebuilt index) or
    cannot be read: then the index itself is read."""
    signed = load_keyed(path / SIDECAR, (SIDECAR_FORMAT, tag)) if tag is not None else None
    return signed if isinstance(signed, Signed) else None


def save_signed(path: Path, tag: str | None, signed: Signed) -> None:
    """Write the sidecar for the commit `tag`, whole: a build killed before the rename leaves
    the previous sidecar, whose tag no longer matches the index."""
    if tag is None:
        (path / SIDECAR).unlink(missing_ok=True)
    else:
        save_keyed(path / SIDECAR, (SIDECAR_FORMAT, tag), signed)


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


def full_segments(
    ix, articles: list[Article], actors: dict[str, ActorStats], signed: Signed, processes: int
) -> list:
    """Every article in new segments: over two processes when `processes` allows (a forked one
    writes the second half), in this one otherwise."""

    def documents(part: list[Article]) -> Iterator[dict]:
        return (document(article, actors, signed.docs[article.id].signature) for article in part)

    if processes < 2 or len(articles) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return write_segments(ix, documents(articles))
    import multiprocessing  # here: a search, which imports this module, needs no processes

    half = len(articles) // 2
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_write_part, args=(ix, documents(articles[half:]), send), daemon=True)
    child.start()
    send.close()
    mine: list = []
    try:
        mine = write_segments(ix, documents(articles[:half]))
        try:
            theirs = receive.recv()
        except EOFError:
            theirs = f"its process ended ({child.exitcode})"
        child.join()
        if isinstance(theirs, str):
            raise IndexError_(f"the search index could not be written: {theirs}")
    except BaseException:
        if child.is_alive():
            child.kill()
        delete_segments(ix.storage, mine)
        raise
    return mine + theirs


def _write_part(ix, documents: Iterator[dict], send) -> None:
    try:
        send.send(write_segments(ix, documents))
    except Exception as error:  # told to the parent, which stops the build with it
        send.send(f"{type(error).__name__}: {error}")


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


def write_segments(ix, documents: Iterator[dict]) -> list:
    """The documents in new segments, each sorted in memory (see SEGMENT_MB); none is in the
    index until the caller commits them."""
    segments = []
    writer = None
    try:
        for doc in documents:
            if writer is None:  # the caller's writer holds the index's lock
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


def update_index(
    path: Path,
    articles: list[Article],
    actors: dict[str, ActorStats],
    full: bool = False,
    processes: int = 2,
) -> IndexStats:
    """Add new, re-index changed and delete removed articles; one writer at a time. A first or
    full build writes every document into new segments, over `processes` processes (2 when
    nothing else runs, 1 when MkDocs renders beside it), and drops the old ones in one commit;
    a later build changes a few documents in one small segment."""
    from whoosh.index import LockError
    from whoosh.writing import CLEAR

    ix = open_for_writing(path)
    # Counted from the table of contents: `doc_count` opens a reader of every segment again.
    full = full or sum(segment.doc_count() for segment in ix._segments()) == 0
    try:
        writer = ix.writer(timeout=LOCK_WAIT)
    except LockError:
        raise IndexError_(
            f"another build is writing the search index at {path}; waited {LOCK_WAIT:.0f} s. "
            "Try again when it has finished."
        ) from None
    try:
        # The writer read the last commit's table of contents under the lock: no other build can
        # commit before this one does. What that commit holds comes from the sidecar when it was
        # saved for it, else from every document's stored fields, text and all, which is slow.
        base = writer.generation - 1
        last = None if full else read_signed(path, commit_tag(path, ix.indexname, base))
        if full:
            indexed = {}
        elif last is not None:
            indexed = {article_id: doc.signature for article_id, doc in last.docs.items()}
        else:
            with ix.searcher() as searcher:
                indexed = {fields_["id"]: fields_["signature"] for fields_ in searcher.all_stored_fields()}
        signed = signatures(articles, actors, last)
        if full:
            segments = full_segments(ix, articles, actors, signed, processes)
            # One commit drops every older segment: readers see the old or the new index.
            writer._close_segment()
            writer._commit_toc(writer._merge_segments(CLEAR, False, False) + segments)
            writer._finish()
            stats = IndexStats(len(articles), 0, 0, 0)
            committed = writer.generation
        else:
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
    if committed is not None:
        save_signed(path, commit_tag(path, ix.indexname, committed), signed)
    table = [
        {"id": a, "type": s.actor.type, "name": s.actor.name, "names": list(s.names)}
        for a, s in actors.items()
    ]
    write_if_changed(path / "actors.json", json.dumps(table, ensure_ascii=False).encode())
    from .query import keep_tables  # the search's side of the index, which imports this module

    keep_tables(path)
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
