"""The front matter of generated pages: the design's fields, written a key per line with each
value in JSON (which YAML reads as the same value), and read back the same way.

Writing and reading it without PyYAML matters because every article and actor page has one;
a hand-written page is left to MkDocs' own reader.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any, NamedTuple

from ..model import TYPE_KEYS, Article
from ..urls import (
    actor_url,
)

# The browser index's filters whose values run into the tens of thousands in a large archive
# (persons, organisations, places) are split into this many parts, each a filter of its own
# ("person-3"), by a hash of the value: Pagefind reads a filter's whole table, and returns the
# count of every value in it, for each search that uses the filter, so a search for one person
# reads the table of one part of the persons instead of all of them. The Zoeken page puts the
# parts together again for the reader (docs/javascripts/zoeken.js).
FILTER_PARTS = 8
SPLIT_FILTERS = ("person", "organisation", "place")


def pagefind_filter(kind: str, name: str) -> str:
    """The Pagefind filter that holds actor `name` of type `kind`: its part of a split filter,
    by a 32-bit polynomial hash of the name's code points that the Zoeken page computes the same
    way (window.archiveFilterKey in overrides/main.html), or the type itself."""
    if kind not in SPLIT_FILTERS:
        return kind
    value = 0
    for char in name:
        value = (value * 31 + ord(char)) & 0xFFFFFFFF
    return f"{kind}-{value % FILTER_PARTS}"


def front_matter(article: Article, actors: dict[str, list[dict]] | None = None) -> dict:
    """The design's front matter, plus `actor_links` for the theme's actor chips and the
    browser index's filters (`pagefind_filter`). The title is
    HTML-escaped because the theme prints `page.meta.title` and `page.title` without escaping."""
    actors = actors or {}
    lists = {key: [item["name"] for item in actors.get(key, [])] for key in TYPE_KEYS.values()}
    data = {
        "id": article.id,
        "title": html.escape(one_line(article.title)),
        "date": article.date.isoformat() if article.date else None,
        "lang": article.lang,
        "source": one_line(article.source),
        **lists,
        "tags": sorted({name for names in lists.values() for name in names}),
        "actor_links": [
            {
                "name": item["name"],
                "type": kind,
                "url": actor_url(item["id"]),
                "filter": pagefind_filter(kind, item["name"]),
            }  # fmt: skip
            for kind, key in TYPE_KEYS.items()
            for item in actors.get(key, [])
        ],
    }
    return {k: v for k, v in data.items() if v is not None}


def one_line(text: str) -> str:
    """A front matter value on one line: a line break inside a value could end MkDocs' front
    matter early at a '---' line."""
    return " ".join(text.split())


# What YAML would not take literally inside a double-quoted scalar: characters it rejects as
# non-printable, and the line breaks it would fold into a space (NEL, LS, PS).
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _yaml_value(value: object) -> str:
    """A value as JSON, which YAML reads as the same value (flow style, double-quoted strings),
    with the few characters YAML treats differently escaped."""
    dumped = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def with_front_matter(meta: dict, content: str) -> str:
    """Front matter a key per line, each value in JSON: YAML for MkDocs, and far cheaper to
    write than with PyYAML's representer, which would dominate generating the pages."""
    dumped = "".join(f"{key}: {_yaml_value(value)}\n" for key, value in meta.items())
    return f"---\n{dumped}---\n\n{content.rstrip()}\n"


_FRONT_MATTER = re.compile(r"---\n((?:[A-Za-z_][A-Za-z0-9_]*: [^\n]*\n)+)---\n")


class FrontMatter(NamedTuple):
    meta: dict[str, Any]
    markdown: str  # the page's Markdown after its front matter, as MkDocs leaves it


def read_front_matter(source: str) -> FrontMatter | None:
    """What `with_front_matter` wrote, read back as JSON: the same values YAML reads there, far
    quicker than PyYAML, a large part of MkDocs' time on the archive's pages. None for a page
    not written that way (a hand-written page), which MkDocs reads as usual."""
    found = _FRONT_MATTER.match(source)
    if found is None:
        return None
    meta: dict[str, Any] = {}
    try:
        for line in found.group(1).splitlines():
            key, _, value = line.partition(": ")
            meta[key] = json.loads(value)
    except ValueError:
        return None
    return FrontMatter(meta, source[found.end() :].lstrip("\n"))
