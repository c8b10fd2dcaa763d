"""Atom feeds: the whole archive and one per actor, newest articles first.

Links are relative to the feed's own location, so the feeds work wherever the site is
published; ids are URNs built from article ids, which never change when a page moves.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

from ..model import Article
from ..urls import article_url, relative

FEED_SIZE = 50
SUMMARY = 300  # characters of the body in each entry
UNKNOWN = "1970-01-01T00:00:00Z"  # Atom requires a date; undated articles get the epoch


def _stamp(article: Article) -> str:
    return f"{article.date.isoformat()}T00:00:00Z" if article.date else UNKNOWN


@lru_cache(maxsize=10_000)
def _summary(body: str) -> str:
    """The start of the body on one line; cached, since an article is in the feed of each of
    its actors (a string keeps its hash, so the lookup does not read the body again)."""
    summary = " ".join(body.split())
    return summary[:SUMMARY].rsplit(" ", 1)[0] + "…" if len(summary) > SUMMARY else summary


def summary_source(body: str) -> str:
    """The shortest start of `body` (doubling from twice the summary) that gives the same
    summary as the whole: for a process that makes feeds and need not hold every body whole.
    Its words joined are a prefix of the whole body's words joined (a cut word is a prefix of
    the word), so once they are longer than the summary both give the same one."""
    end = 2 * SUMMARY
    while end < len(body) and len(" ".join(body[:end].split())) <= SUMMARY:
        end *= 2
    return body if end >= len(body) else body[:end]


def atom(title: str, feed_path: str, ordered: Sequence[Article], language: str, author: str) -> str:
    """An Atom 1.0 document for the first `FEED_SIZE` of `ordered` (articles newest first)."""
    folder = feed_path.rsplit("/", 1)[0]
    entries = ordered[:FEED_SIZE]
    updated = max((_stamp(a) for a in entries), default=UNKNOWN)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(language)}>',
        f"  <title>{escape(title)}</title>",
        f"  <id>urn:archive:feed:{escape(folder)}</id>",
        f"  <updated>{updated}</updated>",
        '  <link rel="self" href="feed.xml"/>',
        '  <link rel="alternate" href="./"/>',
        f"  <author><name>{escape(author)}</name></author>",
    ]
    for article in entries:
        summary = _summary(article.body)
        link = relative(article_url(article), folder)
        lines += [
            "  <entry>",
            f"    <title>{escape(article.title)}</title>",
            f"    <id>urn:archive:article:{escape(article.id)}</id>",
            f"    <updated>{_stamp(article)}</updated>",
            f'    <link rel="alternate" href={quoteattr(link)}/>',
            f"    <summary>{escape(summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
