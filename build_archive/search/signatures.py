"""Signatures: what decides whether an article's document is indexed again, and the sidecar that
keeps them next to the index, so an update compares its articles with them instead of reading
every stored document."""

from __future__ import annotations

import hashlib
import json
from json.encoder import encode_basestring_ascii as encode_string  # what json.dumps does to a str
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..cache import load_keyed, save_keyed
from ..model import Article

if TYPE_CHECKING:  # the build's modules: a search needs none
    from ..actors.resolve import ActorStats


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


def actor_parts(actors: dict[str, ActorStats]) -> dict[str, str]:
    """Each actor's part of the signed JSON: what its articles' signatures depend on."""
    return {a: json.dumps([a, s.actor.name, s.names]) for a, s in actors.items()}


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

    parts = actor_parts(actors)
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
