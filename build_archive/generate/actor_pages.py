"""The actor pages: a dossier per person, country, organisation and place, and their indexes.

Written by the archive build rather than by the theme's tags plugin, whose per-actor listings
cost pages x actors; every page here is bounded (articles paginated, co-actors and index pages
capped or split by letter) so that no page grows with the archive.
"""

from __future__ import annotations

import functools
import heapq
import html
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from typing import Any, NamedTuple, TypeVar
from urllib.parse import quote, urlencode

from slugify import slugify

from ..actors.resolve import ActorStats
from ..model import TYPE_KEYS, Actor, Article
from ..settings import Settings
from ..urls import actor_dir, actor_url, link, listing_page
from .feeds import atom
from .front_matter import with_front_matter
from .labels import count_label, labels, type_label
from .listings import chunked, listing, show_date
from .markup import anchor, html_list, html_ul
from .passthrough import block

T = TypeVar("T")

# Every page costs MkDocs the same theme work whatever it holds, so an actor's articles come
# many to a page: fewer, larger pages cost MkDocs less, while a page stays small enough to load
# at once (bench/RESULTS.md).
ARTICLES_PER_PAGE = 100
CO_ACTORS = 20
INDEX_ONE_PAGE = 300  # actors; longer indexes get a page per letter
LETTER_PAGE = 500  # actors per letter page
BY_COUNT = 500  # actors on the by-count page


def timeline_svg(articles: Sequence[Article], settings: Settings) -> str:
    """Articles per month as bars, drawn at build time; undated articles get a bar of their own."""
    months = Counter((a.date.year, a.date.month) for a in articles if a.date)
    undated = sum(1 for a in articles if not a.date)
    bars: list[tuple[str, int]] = []
    if months:
        (year, month), last = min(months), max(months)
        while (year, month) <= last:
            bars.append((f"{month:02d}-{year}", months.get((year, month), 0)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if len(bars) > 240:  # more than twenty years: a bar per year keeps the chart readable
        years = Counter(a.date.year for a in articles if a.date)
        bars = [(str(y), years.get(y, 0)) for y in range(min(years), max(years) + 1)]
    if undated:
        bars.append((labels(settings)["undated_bar"], undated))
    width, height = 720, 120
    step = min(width / max(len(bars), 1), 48)  # a few bars stay bars, not blocks
    top = max((n for _, n in bars), default=1) or 1
    # One path for all bars and one title listing the non-empty ones: a <rect> and <title> per
    # bar made the chart the most expensive part of an actor page to build and to download.
    base, bar_width = height - 16, max(step - 2, 1)
    path = "".join(
        f"M{index * step + 1:.1f} {base}v-{round((height - 20) * count / top, 1)}h{bar_width:.1f}V{base}z"
        for index, (_, count) in enumerate(bars)
        if count
    )
    summary = ", ".join(f"{label}: {count}" for label, count in bars if count)
    name = labels(settings)["timeline"]
    first, end = (bars[0][0], bars[-1][0]) if bars else ("", "")
    return (
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{html.escape(name)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{html.escape(f"{name}: {summary}")}</title>'
        f'<path d="{path}"/><text x="0" y="{height - 2}">{html.escape(first)}</text>'
        f'<text x="{width}" y="{height - 2}" text-anchor="end">{html.escape(end)}</text></svg>'
    )


def distinct_names(names: set[str]) -> list[str]:
    """One form per name whatever its case ("Russische", not also "russische"), capitalised
    forms preferred, in a stable order: a page must not change between identical builds."""
    forms: dict[str, str] = {}
    for name in sorted(names):
        key = name.casefold()
        if key not in forms or (name[:1].isupper() and not forms[key][:1].isupper()):
            forms[key] = name
    return [forms[key] for key in sorted(forms)]


class CoActors:
    """The actors named in the same articles as one actor, with the number of articles they
    share. The top actors of an archive are named in most of it: theirs are counted as all of
    the archive's counts less those of the articles that do not name them, a few instead of
    nearly all."""

    def __init__(self, ordered: Sequence[Article]) -> None:
        self.articles = ordered
        self._everything: Counter | None = None

    def __call__(self, actor_id: str, own: Sequence[Article]) -> list[tuple[str, int]]:
        if 2 * len(own) <= len(self.articles):
            counts = Counter(chain.from_iterable(article.actors for article in own))  # one C loop
        else:
            if self._everything is None:
                self._everything = Counter(chain.from_iterable(a.actors for a in self.articles))
            ids = {article.id for article in own}
            others = Counter(chain.from_iterable(a.actors for a in self.articles if a.id not in ids))
            counts = self._everything - others  # keeps the actors still counted above zero
        counts.pop(actor_id, None)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:CO_ACTORS]


def actor_pages(
    stats: ActorStats,
    articles: Sequence[Article],
    actors: dict[str, ActorStats],
    listed: Mapping[str, Actor],
    settings: Settings,
    co_actors: CoActors,
) -> dict[str, str]:
    """The actor's dossier, from its articles newest first: page 1 at
    actors/<type>/<slug>/index.md, further pages index-n.md. `listed`: the lists' actors (the
    lexicon's), for a linked country that no article names."""
    actor, w = stats.actor, labels(settings)
    folder = actor_dir(actor.id)
    here = f"{folder}/index.md"
    dated = [a.date for a in articles if a.date]
    aliases = distinct_names(set(stats.names) - {actor.name})
    facts = [type_label(actor.type, settings), count_label(len(articles), settings)]
    if actor.country and actor.country in actors:
        country = actors[actor.country].actor
        facts.append(f"{w['country_of']}: {anchor(country.name, link(actor_url(country.id), here))}")
    elif actor.country and actor.country in listed:
        facts.append(f"{w['country_of']}: {html.escape(listed[actor.country].name)}")
    if dated:
        facts.append(f"{w['first']} {show_date(min(dated), 'medium', settings.language)}")
        facts.append(f"{w['last']} {show_date(max(dated), 'medium', settings.language)}")
    together = [
        f"{anchor(actors[other].actor.name, link(actor_url(other), here))} ({count})"
        for other, count in co_actors(actor.id, articles)
        if other in actors
    ]
    # Who it is stays searchable (the theme's search finds the page by any alias); the lists
    # are one generated block each page (see passthrough.py).
    about = f"<p>{' · '.join(facts)}</p>"
    if aliases:
        about += f"<p><strong>{w['also']}:</strong> {html.escape(', '.join(aliases))}</p>"
    about += (
        f'<p><a href="feed.xml">{w["feed"]}</a> · {search_link(actor.type, actor.name, here, settings)}</p>'
    )
    dossier = (
        f"<h2>{w['timeline']}</h2>"
        f'<p class="archive-timeline">{timeline_svg(articles, settings)}</p>'
        f"<h2>{w['with']}</h2>" + (html_ul(together) or f"<p>{w['none']}</p>")
    )
    chunks = chunked(articles, ARTICLES_PER_PAGE)
    result = {}
    meta = {
        "title": html.escape(actor.name),
        "actor": actor.id,
        "feed": f"{folder}/feed.xml",
        "hide": ["toc"],
    }
    for number, chunk in enumerate(chunks, start=1):
        articles_html = f"<h2>{w['articles']}</h2>" + listing(chunk, settings, number, len(chunks), folder)
        # No Markdown heading: the theme writes the title as <h1>, and a page of generated
        # blocks only costs Markdown a look for them.
        content = (
            block("about", about, searchable=True) + "\n\n" + block("dossier", dossier + articles_html)
            if number == 1
            else block("dossier", articles_html)
        )
        # Later pages repeat the actor: only the first is worth a search result.
        page_meta = meta if number == 1 else {**meta, "search": {"exclude": True}}
        result[listing_page(number, folder)] = with_front_matter(page_meta, content)
    return result


def search_link(kind: str, name: str, here: str, settings: Settings) -> str:
    """A link to the Zoeken page filtered on this actor (Pagefind filter `kind` = the display
    name, as the article pages write it; see docs/javascripts/zoeken.js)."""
    href = link("zoeken/", here) + "?" + urlencode({kind: name}, quote_via=quote)
    return f'<a class="archive-search-link" href="{html.escape(href)}">{labels(settings)["search_actor"]}</a>'


def _letter(name: str) -> str:
    """The index letter of a name: the first character of its slug. A name that begins with an
    ASCII letter or digit begins its slug with it (slugify transliterates and drops only what
    follows), so only the others are slugified."""
    first = name[:1]
    if not (first.isascii() and first.isalnum()):
        first = slugify(name)[:1]
    return first.upper() if first.isalpha() else "#"


class IndexPage(NamedTuple):
    """A page of an actor type's index: `make` makes it from what `inputs` names (besides the
    settings and the code), so that a build makes again only the pages whose actors changed."""

    path: str
    inputs: str
    make: Callable[[], str]


def first_by_count(items: Sequence[T], counts: Sequence[int], n: int, key: Callable[[T], Any]) -> list[T]:
    """`sorted(items, key=key)[:n]` for a `key` that sorts by the items' `counts` first, the
    highest first: only the items counted at least as often as the `n` highest are sorted, not
    every actor of the archive."""
    most = heapq.nlargest(n, counts)
    least = most[-1] if most else 0
    return sorted([item for item, count in zip(items, counts, strict=True) if count >= least], key=key)[:n]


def _facts(group: Iterable[ActorStats]) -> str:
    """What an index line of each actor shows: its page, its name and its number of articles."""
    return "\x1f".join([f"{s.actor.id}\0{s.actor.name}\0{len(s.articles)}" for s in group])


def _item(stats: ActorStats, page: str) -> str:
    return f"{anchor(stats.actor.name, link(actor_url(stats.actor.id), page))} ({len(stats.articles)})"


def _whole_index(
    title: str, count: int, sort: str, groups: dict[str, list[ActorStats]], index: str, none: str
) -> str:
    sections = [
        f"### {letter}\n\n" + html_list(_item(s, index) for s in group) for letter, group in groups.items()
    ]
    body = "\n\n".join(sections) or none
    return with_front_matter({"title": title}, f"# {title}\n\n{count} · {sort}\n\n{body}\n")


def _letter_page(
    title: str, label: str, path: str, actors: Sequence[ActorStats], chunk: Sequence[int]
) -> str:
    """The page of the actors at the places `chunk` in `actors`."""
    return with_front_matter(
        {"title": f"{title}: {label}"},
        f"# {title}: {label}\n\n" + html_list(_item(actors[n], path) for n in chunk),
    )


def _by_count_page(
    folder: str, title: str, count: int, by_count: Sequence[ActorStats], settings: Settings
) -> str:
    w = labels(settings)
    heading = f"{title}: {w['by_count']}"
    return with_front_matter(
        {"title": heading},
        f"# {heading}\n\n{w['sort']}: [{w['by_name']}](index.md) · **{w['by_count']}**\n\n"
        + (w["top"].format(n=BY_COUNT) + "\n\n" if count > BY_COUNT else "")
        + (html_list(_item(s, f"{folder}/by-count.md") for s in by_count) or w["none"])
        + "\n",
    )


class IndexRow(NamedTuple):
    """An actor as its type's index orders and shows it, made once per actor entry: a plan
    keeps it while the entry is unchanged (`build.ActorKeys`), so that an index of tens of
    thousands of actors is not made again from every actor's name for one new article."""

    name_key: str  # its name casefolded: the index is by name, then by id
    id: str
    letter: str  # `_letter` of its name
    facts: str  # `_facts` of it
    articles: int


def index_row(stats: ActorStats) -> IndexRow:
    actor = stats.actor
    return IndexRow(
        actor.name.casefold(), actor.id, _letter(actor.name), _facts([stats]), len(stats.articles)
    )


def index_pages(
    kind: str, actors: list[ActorStats], settings: Settings, rows: Mapping[str, IndexRow] | None = None
) -> list[IndexPage]:
    """actors/<type>/index.md (by name, A-Z; a page per letter for a long list) and
    by-count.md, all plain links. `rows` holds the actors' `index_row`s where already made."""
    w = labels(settings)
    folder = f"actors/{TYPE_KEYS[kind]}"
    title = type_label(kind, settings, plural=True)
    made = rows or {}
    # Places in `actors` rather than look-ups by id: an index of tens of thousands of actors is
    # planned on every build, and only the pages whose actors changed are made from it.
    listed = [made.get(s.actor.id) or index_row(s) for s in actors]
    by_name = sorted(range(len(listed)), key=listed.__getitem__)  # by name_key, then id: unique
    counts = [r.articles for r in listed]
    top = first_by_count(
        range(len(listed)), counts, BY_COUNT, lambda n: (-listed[n].articles, listed[n].name_key)
    )
    by_count = [actors[n] for n in top]
    sort = f"{w['sort']}: **{w['by_name']}** · [{w['by_count']}](by-count.md)"
    groups: dict[str, list[int]] = defaultdict(list)
    for n in by_name:
        groups[listed[n].letter].append(n)
    index = f"{folder}/index.md"
    pages = []
    if len(by_name) <= INDEX_ONE_PAGE:
        whole = {letter: [actors[n] for n in group] for letter, group in groups.items()}
        make = functools.partial(_whole_index, title, len(actors), sort, whole, index, w["none"])
        pages.append(IndexPage(index, f"{len(actors)}\0{_joined([listed[n] for n in by_name])}", make))
    else:
        letters = []
        for letter, group in groups.items():
            chunks = chunked(group, LETTER_PAGE)
            for number, chunk in enumerate(chunks, start=1):
                name = f"letter-{letter.lower() if letter != '#' else 'other'}" + (
                    f"-{number}" if number > 1 else ""
                )
                label = letter + (f" ({number})" if len(chunks) > 1 else "")
                letters.append(f"[{label}]({name}.md)")
                path = f"{folder}/{name}.md"
                make = functools.partial(_letter_page, title, label, path, actors, chunk)
                pages.append(IndexPage(path, f"{label}\0{_joined([listed[n] for n in chunk])}", make))
        body = " · ".join(letters)
        page = with_front_matter({"title": title}, f"# {title}\n\n{len(actors)} · {sort}\n\n{body}\n")
        pages.append(IndexPage(index, page, functools.partial(str, page)))
    make = functools.partial(_by_count_page, folder, title, len(actors), by_count, settings)
    pages.append(IndexPage(f"{folder}/by-count.md", f"{len(actors)}\0{_facts(by_count)}", make))
    return pages


def _joined(rows: Iterable[IndexRow]) -> str:
    """`_facts` of the rows' actors."""
    return "\x1f".join([row.facts for row in rows])


def dossier_paths(stats: ActorStats, count: int) -> list[str]:
    """The files of an actor's dossier of `count` articles, known without making them: its
    pages, then its Atom feed."""
    folder = actor_dir(stats.actor.id)
    pages = max(1, -(-count // ARTICLES_PER_PAGE))
    return [listing_page(number, folder) for number in range(1, pages + 1)] + [f"{folder}/feed.xml"]


def dossier(
    stats: ActorStats,
    own: Sequence[Article],
    actors: dict[str, ActorStats],
    listed: Mapping[str, Actor],
    settings: Settings,
    co_actors: CoActors,
) -> dict[str, str]:
    """The files at `dossier_paths`: the actor's pages and its Atom feed, from its articles
    newest first."""
    files = actor_pages(stats, own, actors, listed, settings, co_actors)
    feed = f"{actor_dir(stats.actor.id)}/feed.xml"
    files[feed] = atom(
        f"{stats.actor.name} · {settings.site_name}", feed, own, settings.language, settings.site_name
    )
    return files


def actor_indexes(
    actors: dict[str, ActorStats], settings: Settings, rows: Mapping[str, IndexRow] | None = None
) -> Iterator[IndexPage]:
    """The index pages of each actor type (`rows`: see `index_pages`)."""
    by_type: dict[str, list[ActorStats]] = {kind: [] for kind in TYPE_KEYS}
    for stats in actors.values():
        by_type[stats.actor.type].append(stats)
    for kind, group in by_type.items():
        yield from index_pages(kind, group, settings, rows)
