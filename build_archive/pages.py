"""The page writer: articles in, the text of every generated Markdown page out (path -> text).

Pure: it decides paths, slugs and page contents, and leaves writing files to `output`, so the
whole generated tree can be compared, cached and tested without touching the disk.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import groupby

import yaml
from babel.dates import format_date, get_month_names
from slugify import slugify

from . import markup
from .model import Article
from .settings import Settings

SLUG_MAX = 60
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: front matter 5x faster
RESERVED_SLUGS = {"index"}  # index.md in an article folder is the month's listing

LABELS = {
    "nl": {
        "latest": "Laatste artikelen",
        "by_month": "Artikelen per jaar en maand",
        "all_articles": "Alle artikelen",
        "undated": "Zonder datum",
        "articles": "artikelen",
        "article": "artikel",
        "source": "Bron",
        "archive_holds": "Het archief bevat {n} {articles}.",
    },
    "en": {
        "latest": "Latest articles",
        "by_month": "Articles by year and month",
        "all_articles": "All articles",
        "undated": "Undated",
        "articles": "articles",
        "article": "article",
        "source": "Source",
        "archive_holds": "The archive holds {n} {articles}.",
    },
}


def labels(settings: Settings) -> dict[str, str]:
    return LABELS.get(settings.language, LABELS["en"])


def folder(article: Article) -> str:
    return f"articles/{article.date:%Y/%m}" if article.date else "articles/undated"


def assign_slugs(articles: Iterable[Article]) -> list[Article]:
    """Give every article a slug that is unique in its folder and stable across builds.

    Among articles whose titles give the same slug, the one whose source path sorts first keeps
    the plain slug and the others get their id appended, so adding an article never moves an
    existing one unless it sorts before it.
    """
    by_place: dict[tuple[str, str], list[Article]] = defaultdict(list)
    for article in articles:
        base = slugify(article.title, max_length=SLUG_MAX, word_boundary=True) or article.id
        if base in RESERVED_SLUGS:
            base = f"{base}-{article.id[:6]}"
        by_place[(folder(article), base)].append(article)
    result = []
    for (_, base), group in by_place.items():
        group.sort(key=lambda a: a.source)
        result.append(replace(group[0], slug=base))
        result.extend(replace(a, slug=f"{base}-{a.id[:6]}") for a in group[1:])
    return result


def page_path(article: Article) -> str:
    return f"{folder(article)}/{article.slug}.md"


def article_url(article: Article) -> str:
    """URL of the article's page relative to the site root (MkDocs directory URLs)."""
    return f"{folder(article)}/{article.slug}/"


def front_matter(article: Article, actors: dict[str, list[str]] | None = None) -> dict:
    """The design's front matter. The title is HTML-escaped because the theme prints
    `page.meta.title` and `page.title` without escaping."""
    actors = actors or {}
    lists = {key: list(actors.get(key, [])) for key in ("persons", "countries", "organisations", "places")}
    data = {
        "id": article.id,
        "title": html.escape(one_line(article.title)),
        "date": article.date.isoformat() if article.date else None,
        "lang": article.lang,
        "source": one_line(article.source),
        **lists,
        "tags": sorted({name for names in lists.values() for name in names}),
    }
    return {k: v for k, v in data.items() if v is not None}


def one_line(text: str) -> str:
    """A front matter value on one line: a line break inside a value could end MkDocs' front
    matter early at a '---' line."""
    return " ".join(text.split())


def with_front_matter(meta: dict, content: str) -> str:
    dumped = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{dumped}---\n\n{content.rstrip()}\n"


def article_page(article: Article, settings: Settings, actors: dict[str, list[str]] | None = None) -> str:
    words = labels(settings)
    details = [format_date(article.date, "long", locale=settings.language)] if article.date else []
    if article.author:
        details.append(markup.inline(article.author))
    if article.source_url:
        details.append(f'<a href="{markup.attribute(article.source_url)}">{words["source"]}</a>')
    meta_line = f'<p class="archive-meta">{" · ".join(details)}</p>\n\n' if details else ""
    return with_front_matter(front_matter(article, actors), meta_line + markup.body(article.body))


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Dated articles newest first, then the undated ones by title."""
    return sorted(
        articles, key=lambda a: (a.date is None, -(a.date or dt.date.min).toordinal(), a.title, a.id)
    )


def listing(articles: Sequence[Article], settings: Settings, from_folder: str) -> str:
    """A Markdown list of article links, each with its date, relative to the page's folder."""
    items = []
    for article in articles:
        target = _relative(page_path(article), from_folder)
        when = f"{format_date(article.date, 'medium', locale=settings.language)} · " if article.date else ""
        items.append(f"- {when}[{markup.inline(article.title)}]({target})")
    return "\n".join(items)


def _relative(path: str, from_folder: str) -> str:
    depth = from_folder.count("/") + 1 if from_folder else 0
    return "../" * depth + path


def month_label(year: int, month: int, settings: Settings) -> str:
    return f"{get_month_names('wide', 'stand-alone', settings.language)[month]} {year}"


def index_pages(articles: Sequence[Article], settings: Settings) -> dict[str, str]:
    """The home page, the all-articles page and one listing per month (and for undated)."""
    words = labels(settings)
    ordered = newest_first(articles)
    pages: dict[str, str] = {}
    months: list[tuple[str, str, int]] = []  # (folder, label, count)
    for key, group in groupby(ordered, key=folder):
        group = list(group)
        if key == "articles/undated":
            label = words["undated"]
        else:
            label = month_label(group[0].date.year, group[0].date.month, settings)
        months.append((key, label, len(group)))
        pages[f"{key}/index.md"] = with_front_matter(
            {"title": html.escape(label)}, f"# {markup.inline(label)}\n\n{listing(group, settings, key)}"
        )
    month_list = "\n".join(
        f"- [{markup.inline(label)}]({key.removeprefix('articles/')}/index.md) ({count})"
        for key, label, count in months
    )
    pages["articles/index.md"] = with_front_matter(
        {"title": words["all_articles"]}, f"# {words['all_articles']}\n\n{month_list}"
    )
    count = len(articles)
    holds = words["archive_holds"].format(n=count, articles=words["article" if count == 1 else "articles"])
    latest = listing(ordered[: settings.latest], settings, "")
    home_months = "\n".join(f"- [{markup.inline(label)}]({key}/index.md) ({n})" for key, label, n in months)
    pages["index.md"] = with_front_matter(
        {"title": markup.attribute(settings.site_name)},
        f"# {markup.inline(settings.site_name)}\n\n{holds}\n\n## {words['latest']}\n\n{latest}\n\n"
        f"## {words['by_month']}\n\n{home_months}\n",
    )
    return pages
