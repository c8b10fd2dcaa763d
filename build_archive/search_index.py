"""The search index stage: the archive's articles in a Whoosh index, kept up to date incrementally.

Whoosh is unmaintained (whoosh-reloaded runs on current Python), so it stays behind this module
and `search`: nothing else imports it, and a faster engine can replace it here alone. Analyzer
classes are pickled into the index, so their module path (`build_archive.search_index`) must
not change.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from whoosh import fields, index
from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.support.charset import accent_map

from .model import TYPE_KEYS, Article
from .output import write_if_changed
from .pages import article_url
from .resolve import ActorStats

PARALLEL_FROM = 500  # articles
LOCK_WAIT = 10.0  # seconds a build waits for another build's lock on the index
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
        return chain | StopFilter(lang="nl") | DutchPluralFilter() | StemFilter(lang="nl")
    if lang == "en":
        return chain | StopFilter(lang="en") | StemFilter(lang="en")
    return chain


def schema() -> fields.Schema:
    text = {}
    for lang in (*STEMMED, "other"):
        text[f"title_{lang}"] = fields.TEXT(analyzer=analyzer(lang), stored=True, field_boost=2.0)
        text[f"body_{lang}"] = fields.TEXT(analyzer=analyzer(lang), stored=True)
    # Actor ids per type: keyword fields without vectors (Whoosh's facet counting crashes on
    # vectors of empty lists) for filters and facets.
    actors = {key: fields.KEYWORD(stored=True, commas=True, scorable=True) for key in TYPE_KEYS.values()}
    return fields.Schema(
        id=fields.ID(unique=True, stored=True),
        url=fields.STORED(),
        names=fields.TEXT(analyzer=analyzer("other")),  # every actor's names and aliases
        date=fields.DATETIME(stored=True, sortable=True),  # a column: date filters without stored fields
        year=fields.ID(stored=True),
        lang=fields.ID(stored=True),
        signature=fields.ID(stored=True),  # content hash + actors: what decides a re-index
        **text,
        **actors,
    )


def text_field(lang: str, kind: str) -> str:
    return f"{kind}_{lang if lang in STEMMED else 'other'}"


def signature(article: Article, actors: dict[str, ActorStats]) -> str:
    """Changes when the article's text or anything the index holds of its actors changes."""
    names = [(a, actors[a].actor.name, actors[a].names) for a in article.actors if a in actors]
    return hashlib.sha256(
        json.dumps([article.content_hash, article_url(article), names]).encode()
    ).hexdigest()


def document(article: Article, actors: dict[str, ActorStats]) -> dict:
    import datetime as dt

    doc = {
        "id": article.id,
        "url": article_url(article),
        "year": str(article.date.year) if article.date else "undated",
        "lang": article.lang,
        "signature": signature(article, actors),
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


@dataclass(frozen=True)
class IndexStats:
    added: int
    updated: int
    deleted: int
    unchanged: int


def open_for_writing(path: Path):
    """The index to update. An index written with another schema, or one that cannot be read,
    is rebuilt from the articles; a readable one is never removed first (a `--full` build
    replaces its contents in one commit), so a killed build leaves the last commit readable."""
    if path.is_dir() and any(path.glob("_MAIN_*.toc")):
        try:
            ix = index.open_dir(str(path))
            ix.doc_count()  # Whoosh reads the table of contents lazily: make it fail here
            if ix.schema.names() == schema().names():
                return ix
        except Exception:  # a damaged index is rebuilt from the articles, never fatal for the build
            pass
        shutil.rmtree(path)
    path.mkdir(parents=True, exist_ok=True)
    return index.create_in(str(path), schema())


def update_index(
    path: Path,
    articles: list[Article],
    actors: dict[str, ActorStats],
    full: bool = False,
) -> IndexStats:
    """Add new, re-index changed and delete removed articles; one writer at a time."""
    from whoosh.index import LockError
    from whoosh.writing import CLEAR

    ix = open_for_writing(path)
    full = full or ix.doc_count() == 0
    # A first or full build adds many documents: two processes and one segment each roughly
    # halve its time. Later builds change a few documents and stay in this process.
    parallel = full and len(articles) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1
    try:
        writer = ix.writer(timeout=LOCK_WAIT, **({"procs": 2, "multisegment": True} if parallel else {}))
    except LockError:
        raise IndexError_(
            f"another build is writing the search index at {path}; waited {LOCK_WAIT:.0f} s. "
            "Try again when it has finished."
        ) from None
    try:
        indexed = {}
        if not full:
            with ix.searcher() as searcher:
                indexed = {fields_["id"]: fields_["signature"] for fields_ in searcher.all_stored_fields()}
        current = {a.id for a in articles}
        added = updated = unchanged = 0
        for article in articles:
            old = indexed.get(article.id)
            if old is None:
                writer.add_document(**document(article, actors))
                added += 1
            elif old != signature(article, actors):
                writer.update_document(**document(article, actors))
                updated += 1
            else:
                unchanged += 1
        deleted = 0
        for old_id in indexed.keys() - current:
            writer.delete_by_term("id", old_id)
            deleted += 1
        # A full build's commit drops every older segment: readers see the old or the new index.
        writer.commit(mergetype=CLEAR if full else None)
    except BaseException:
        writer.cancel()
        raise
    table = [
        {"id": a, "type": s.actor.type, "name": s.actor.name, "names": list(s.names)}
        for a, s in actors.items()
    ]
    write_if_changed(path / "actors.json", json.dumps(table, ensure_ascii=False).encode())
    return IndexStats(added, updated, deleted, unchanged)
