"""The page writer: articles in, the text of every generated Markdown page out (path -> text).

Pure: it decides paths, slugs and page contents, and leaves writing files to `output`, so the
whole generated tree can be compared, cached and tested without touching the disk.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import groupby
from typing import Any, NamedTuple

from babel.dates import format_date, get_month_names
from slugify import slugify

from . import markup
from .labels import labels
from .model import TYPE_KEYS, Article
from .passthrough import block
from .settings import Settings

SLUG_MAX = 60
MONTH_PAGE = 200  # articles per page of a month's listing


@lru_cache(maxsize=100_000)
def show_date(date: dt.date, width: str, language: str) -> str:
    """A date as readers of the site's language write it; cached, since every listing of a large
    archive shows the same few thousand dates again and again (Babel's formatting is slow)."""
    return format_date(date, width, locale=language)


def folder(article: Article) -> str:
    return month_folder(article.date)


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


@lru_cache(maxsize=200_000)
def actor_dir(actor_id: str) -> str:
    kind, _, name = actor_id.partition(":")
    return f"actors/{TYPE_KEYS[kind]}/{slugify(name) or 'x'}"


def actor_page_path(actor_id: str) -> str:
    return f"{actor_dir(actor_id)}/index.md"


def actor_url(actor_id: str) -> str:
    return f"{actor_dir(actor_id)}/"


def front_matter(article: Article, actors: dict[str, list[dict]] | None = None) -> dict:
    """The design's front matter, plus `actor_links` for the theme's actor chips. The title is
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
            {"name": item["name"], "type": kind, "url": actor_url(item["id"])}
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


def article_page(article: Article, settings: Settings, actors: dict[str, list[dict]] | None = None) -> str:
    """The article as text, its first mention of each actor linked to the actor's page."""
    words = labels(settings)
    details = [show_date(article.date, "long", settings.language)] if article.date else []
    if article.author:
        details.append(markup.inline(article.author))
    if article.source_url and article.source_url.startswith(("https://", "http://")):
        details.append(f'<a href="{markup.attribute(article.source_url)}">{words["source"]}</a>')
    meta_line = f'<p class="archive-meta">{" · ".join(details)}</p>\n\n' if details else ""
    here = folder(article)
    seen: set[str] = set()
    links = []
    for mention in article.mentions:
        if mention.actor_id not in seen:
            seen.add(mention.actor_id)
            links.append(
                markup.Link(mention.start, mention.end, relative(actor_page_path(mention.actor_id), here))
            )
    return with_front_matter(front_matter(article, actors), meta_line + markup.body(article.body, links))


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Dated articles newest first, then the undated ones by title."""
    return sorted(
        articles, key=lambda a: (a.date is None, -(a.date or dt.date.min).toordinal(), a.title, a.id)
    )


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


def html_ul(items: Iterable[str]) -> str:
    rows = "\n".join(f"<li>{item}</li>" for item in items)
    return f"<ul>\n{rows}\n</ul>" if rows else ""


def html_list(items: Iterable[str]) -> str:
    """Generated link lists as one raw HTML block: far cheaper for MkDocs than Markdown lists
    of links (see passthrough.py)."""
    return block("list", html_ul(items))


def anchor(text: str, href: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'


@lru_cache(maxsize=200_000)
def _entry(slug: str, title: str, date: dt.date | None, language: str) -> tuple[str, str]:
    """An article's line in a listing, split where the page's own path to the site root goes:
    the top actors list nearly every article, so each line is made once per build, not once
    per listing it appears in."""
    when = f"{show_date(date, 'medium', language)} · " if date else ""
    return (
        f'{when}<a href="',
        f'{html.escape(month_folder(date))}/{html.escape(slug)}/">{html.escape(title)}</a>',
    )


def listing(articles: Sequence[Article], settings: Settings, number: int, total: int, folder: str) -> str:
    """Page `number` of `total` of a listing of articles (links with their dates) in `folder`,
    with links to the previous and next page, as HTML."""
    to_root = relative("", page_url(listing_page(number, folder)).rstrip("/"))
    items = []
    for article in articles:
        start, end = _entry(article.slug, article.title, article.date, settings.language)
        items.append(start + to_root + end)
    nav = pager(number, total, folder, settings)
    return nav + html_ul(items) + nav


def relative(path: str, from_folder: str) -> str:
    """A path from the site root, as seen from a folder of the site."""
    depth = from_folder.count("/") + 1 if from_folder else 0
    return "../" * depth + path


def month_label(year: int, month: int, settings: Settings) -> str:
    return f"{get_month_names('wide', 'stand-alone', settings.language)[month]} {year}"


def listing_page(number: int, folder: str) -> str:
    """Page 1 of a listing is the folder's index.md, page n its index-n.md."""
    name = "index.md" if number == 1 else f"index-{number}.md"
    return f"{folder}/{name}" if folder else name


def chunked(items: Sequence, size: int) -> list[Sequence]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [items]


def pager(number: int, total: int, folder: str, settings: Settings) -> str:
    """Previous and next links between the pages of one listing, as HTML."""
    if total == 1:
        return ""
    words = labels(settings)
    here = listing_page(number, folder)
    links = [f"{words['page'].capitalize()} {number}/{total}"]
    if number > 1:
        links.append(anchor(f"← {words['previous']}", link(page_url(listing_page(number - 1, folder)), here)))
    if number < total:
        links.append(anchor(f"{words['next']} →", link(page_url(listing_page(number + 1, folder)), here)))
    return f'<p class="archive-pager">{" · ".join(links)}</p>'


class Month(NamedTuple):
    key: str  # the month's folder: "articles/2022/02", "articles/undated"
    articles: list[Article]  # newest first


def months(ordered: Sequence[Article]) -> list[Month]:
    """The articles newest first by month folder (the undated last), each month's newest first."""
    return [Month(key, list(group)) for key, group in groupby(ordered, key=folder)]


def month_paths(key: str, count: int) -> list[str]:
    """The listing pages of a month of `count` articles, known without making them."""
    return [listing_page(number, key) for number in range(1, max(1, -(-count // MONTH_PAGE)) + 1)]


def _month_label(key: str, group: Sequence[Article], settings: Settings) -> str:
    date = group[0].date
    if key == "articles/undated" or date is None:
        return labels(settings)["undated"]
    return month_label(date.year, date.month, settings)


def month_pages(key: str, group: Sequence[Article], settings: Settings) -> dict[str, str]:
    """The files at `month_paths`: the month's listing, newest first."""
    label = _month_label(key, group, settings)
    chunks = chunked(group, MONTH_PAGE)
    return {
        listing_page(number, key): with_front_matter(
            {"title": html.escape(label)},
            f"# {markup.inline(label)}\n\n"
            + block("list", listing(chunk, settings, number, len(chunks), key)),
        )
        for number, chunk in enumerate(chunks, start=1)
    }


def all_articles_page(by_month: Sequence[Month], settings: Settings) -> str:
    """articles/index.md: every month with its number of articles."""
    words = labels(settings)
    month_list = "\n".join(
        f"- [{markup.inline(_month_label(key, group, settings))}]({key.removeprefix('articles/')}/index.md)"
        f" ({len(group)})"
        for key, group in by_month
    )
    return with_front_matter({"title": words["all_articles"]}, f"# {words['all_articles']}\n\n{month_list}")


def index_pages(ordered: Sequence[Article], settings: Settings) -> dict[str, str]:
    """The all-articles page and one listing per month (and one for the undated), from the
    articles newest first."""
    by_month = months(ordered)
    pages: dict[str, str] = {}
    for key, group in by_month:
        pages.update(month_pages(key, group, settings))
    pages["articles/index.md"] = all_articles_page(by_month, settings)
    return pages
