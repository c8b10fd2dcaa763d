"""The one data model that every stage of the pipeline passes on.

Immutable values: reading and actor finding are pure per article, so their results can be
cached by content hash and shipped between processes; nothing downstream may mutate them.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field, replace
from typing import NamedTuple

ACTOR_TYPES = ("person", "country", "organisation", "place")
# Front matter and export keys per actor type (the design's plural names).
TYPE_KEYS = {"person": "persons", "country": "countries", "organisation": "organisations", "place": "places"}


class Mention(NamedTuple):
    """One place in one article where an actor is named, with its provenance. A named tuple:
    an archive holds many per article, and a tuple takes less memory than an object with a
    __dict__ and loads quicker from the build cache."""

    actor_id: str
    start: int
    end: int
    text: str
    layer: str  # which list or rule found it, e.g. "list:country", "rule:person-cue"


@dataclass(frozen=True)
class Actor:
    """A real-world entity: the same id whatever language an article names it in."""

    id: str  # e.g. "person:vladimir-putin", "country:ua"
    type: str
    name: str  # display name in the site's language
    aliases: tuple[str, ...] = ()
    country: str | None = None  # id of the linked country, for organisations and places


@dataclass(frozen=True)
class Article:
    """One raw article as read: what the source says, plus what can be derived from it alone."""

    id: str
    title: str
    body: str
    source: str  # path of the raw file relative to the source folder ("feed.jsonl#3" for a line)
    content_hash: str
    lang: str
    date: dt.date | None = None
    slug: str = ""  # the title's as read (`pages.base_slug`), unique in its folder once published
    source_url: str | None = None
    author: str | None = None
    # The editor's per-article word on actors: {"persons": ("Name",...), ..., "not_actors": (...)}
    corrections: dict[str, tuple[str, ...]] = field(default_factory=dict)
    mentions: tuple[Mention, ...] = ()
    # Every actor of the article in order of first mention, including those the editor added
    # without a mention in the text.
    actors: tuple[str, ...] = ()
    # Names the article gives no evidence for (actor id "?"): another article of the archive may
    # show what they are (`resolve.join_names`). Never published as they are.
    candidates: tuple[Mention, ...] = ()
    # What the reader could not use in the source's metadata, for the build report.
    notes: tuple[str, ...] = ()
    # The body folded and with its whitespace normalised, hashed: the same text however it was
    # delivered (what makes a duplicate).
    text_hash: str = ""


@dataclass(frozen=True)
class Skipped:
    """A raw input that was not published, and why: nothing is dropped silently."""

    source: str
    reason: str


@dataclass(frozen=True)
class IndexStats:
    """What an update changed in the search index: the build's report carries it."""

    added: int
    updated: int
    deleted: int
    unchanged: int


def _shared_mentions(mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    intern = sys.intern
    return tuple(
        Mention(intern(m.actor_id), m.start, m.end, intern(m.text), intern(m.layer)) for m in mentions
    )


def shared_strings(article: Article) -> Article:
    """The article with its mentions' actor ids, names and layers, and its actor ids, as the
    one string object of each value (interned). A process that receives articles from others
    (a pool's workers, a cluster's) unpickles a new string for every occurrence; an archive
    names the same actors and layers again and again, and the building process keeps every
    mention until the build ends, so one copy of each saves memory that grows with the archive."""
    if not article.mentions and not article.candidates and not article.actors:
        return article
    return replace(
        article,
        lang=sys.intern(article.lang),
        mentions=_shared_mentions(article.mentions),
        candidates=_shared_mentions(article.candidates),
        actors=tuple(map(sys.intern, article.actors)),
    )
