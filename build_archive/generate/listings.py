"""The listings of articles: a page per month (paginated), newest first, and the index of all
months. Lists of links are raw HTML blocks (see `passthrough`), far cheaper for MkDocs than
Markdown lists.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import groupby
from typing import NamedTuple

from babel.dates import format_date, get_month_names

from ..model import Article
from ..settings import Settings
from ..urls import (
    folder,
    link,
    listing_page,
    month_folder,
    page_url,
    relative,
)
from . import markup
from .front_matter import (
    with_front_matter,
)
from .labels import labels
from .markup import anchor, html_ul
from .passthrough import block

MONTH_PAGE = 200  # articles per page of a month's listing


@lru_cache(maxsize=100_000)
def show_date(date: dt.date, width: str, language: str) -> str:
    """A date as readers of the site's language write it; cached, since every listing of a large
    archive shows the same few thousand dates again and again (Babel's formatting is slow)."""
    return format_date(date, width, locale=language)


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Dated articles newest first, then the undated ones by title."""
    return sorted(
        articles, key=lambda a: (a.date is None, -(a.date or dt.date.min).toordinal(), a.title, a.id)
    )


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


def month_label(year: int, month: int, settings: Settings) -> str:
    return f"{get_month_names('wide', 'stand-alone', settings.language)[month]} {year}"


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
