"""Every path and URL of the site in one place: article folders and slugs, actor pages, listing
pages and the relative links between them.

Readers give each article its slug, the page writers, the export and the search index link to
pages: all of them take the scheme from here, so it is decided once and no stage imports another
stage's writer for it. Paths are relative to `docs/`; URLs are MkDocs' directory URLs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from slugify import slugify

from .model import TYPE_KEYS, Article

SLUG_MAX = 60


def folder(article: Article) -> str:
    return month_folder(article.date)


@lru_cache(maxsize=100_000)
def month_folder(date: dt.date | None) -> str:
    return f"articles/{date:%Y/%m}" if date else "articles/undated"


def base_slug(title: str, article_id: str) -> str:
    """The slug an article's title gives. The reader sets it, so that it is kept with the read
    results in the build cache: slugifying every title was a tenth of a one-article build."""
    base = slugify(title, max_length=SLUG_MAX, word_boundary=True) or article_id
    if base.startswith("index"):  # index.md, index-2.md ... are the month's listing
        base = f"{base}-{article_id[:6]}"
    return base


def assign_slugs(articles: Iterable[Article]) -> list[Article]:
    """Give every article a slug that is unique in its folder and stable across builds.

    Among articles whose titles give the same slug, the one whose source path sorts first keeps
    the plain slug and the others get their id appended, so adding an article never moves an
    existing one unless it sorts before it.
    """
    by_place: dict[tuple[str, str], list[Article]] = defaultdict(list)
    for article in articles:
        by_place[(folder(article), article.slug or base_slug(article.title, article.id))].append(article)
    result = []
    for (_, base), group in by_place.items():
        group.sort(key=lambda a: a.source)
        first, *others = group
        result.append(first if first.slug == base else replace(first, slug=base))
        result.extend(replace(a, slug=f"{base}-{a.id[:6]}") for a in others)
    return result


def page_path(article: Article) -> str:
    return f"{folder(article)}/{article.slug}.md"


def article_url(article: Article) -> str:
    """URL of the article's page relative to the site root (MkDocs directory URLs)."""
    return f"{folder(article)}/{article.slug}/"


# What slugify gives back unchanged: lower-case ASCII letters and digits in words joined by single
# hyphens. Nearly every actor id's name is such a slug already, and slugifying every actor of the
# archive again was a good part of a one-article build.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@lru_cache(maxsize=200_000)
def actor_dir(actor_id: str) -> str:
    kind, _, name = actor_id.partition(":")
    return f"actors/{TYPE_KEYS[kind]}/{name if _SLUG.fullmatch(name) else (slugify(name) or 'x')}"


def actor_page_path(actor_id: str) -> str:
    return f"{actor_dir(actor_id)}/index.md"


def actor_url(actor_id: str) -> str:
    return f"{actor_dir(actor_id)}/"


def page_url(path: str) -> str:
    """The URL (relative to the site root) that MkDocs gives a page: 'a/b/index.md' -> 'a/b/',
    'a/b/c.md' -> 'a/b/c/' (directory URLs)."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def link(target_url: str, from_page: str) -> str:
    """A relative link from one generated page to a URL of the site."""
    return relative(target_url, page_url(from_page).rstrip("/"))


def relative(path: str, from_folder: str) -> str:
    """A path from the site root, as seen from a folder of the site."""
    depth = from_folder.count("/") + 1 if from_folder else 0
    return "../" * depth + path


def listing_page(number: int, folder: str) -> str:
    """Page 1 of a listing is the folder's index.md, page n its index-n.md."""
    name = "index.md" if number == 1 else f"index-{number}.md"
    return f"{folder}/{name}" if folder else name
