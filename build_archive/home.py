"""The home page: what the archive holds at a glance, and the way into it."""

from __future__ import annotations

from collections.abc import Sequence

from . import markup
from .actor_pages import count_label
from .model import Article
from .pages import actor_url, anchor, html_list, labels, listing, newest_first, with_front_matter
from .resolve import ActorStats
from .settings import Settings

MOST_NAMED = 10

HOME = {
    "nl": {"persons": "Meest genoemde personen", "countries": "Meest genoemde landen",
           "holds": "{articles} · {persons} personen · {countries} landen · {organisations} "
                    "organisaties · {places} plaatsen", "export": "Gegevens",
           "export_text": "De hele inhoud als gegevens: [artikelen (JSON Lines)](export/articles.jsonl), "
                          "[actoren (JSON)](export/actors.json), [actoren (CSV)](export/actors.csv), "
                          "[vermeldingen (CSV)](export/mentions.csv), [Atom-feed](articles/feed.xml)."},
    "en": {"persons": "Most named persons", "countries": "Most named countries",
           "holds": "{articles} · {persons} persons · {countries} countries · {organisations} "
                    "organisations · {places} places", "export": "Data",
           "export_text": "Everything as data: [articles (JSON Lines)](export/articles.jsonl), "
                          "[actors (JSON)](export/actors.json), [actors (CSV)](export/actors.csv), "
                          "[mentions (CSV)](export/mentions.csv), [Atom feed](articles/feed.xml)."},
}  # fmt: skip


def _most_named(actors: dict[str, ActorStats], kind: str) -> str:
    group = sorted(
        (s for s in actors.values() if s.actor.type == kind),
        key=lambda s: (-len(s.articles), s.actor.name.casefold()),
    )[:MOST_NAMED]
    return html_list(f"{anchor(s.actor.name, actor_url(s.actor.id))} ({len(s.articles)})" for s in group)


def home_page(articles: Sequence[Article], actors: dict[str, ActorStats], settings: Settings) -> str:
    text, words = HOME.get(settings.language, HOME["en"]), labels(settings)
    counts = {kind: sum(1 for s in actors.values() if s.actor.type == kind)
              for kind in ("person", "country", "organisation", "place")}  # fmt: skip
    holds = text["holds"].format(
        articles=count_label(len(articles), settings), persons=counts["person"], countries=counts["country"],
        organisations=counts["organisation"], places=counts["place"],
    )  # fmt: skip
    sections = [
        f"# {markup.inline(settings.site_name)}",
        holds,
        f"## {words['latest']}",
        listing(newest_first(articles)[: settings.latest], settings, "index.md"),
        f"[{words['all_articles']}](articles/index.md)",
        f"## {text['persons']}",
        _most_named(actors, "person"),
        f"## {text['countries']}",
        _most_named(actors, "country"),
        f"## {text['export']}",
        text["export_text"],
    ]
    return with_front_matter(
        {"title": markup.attribute(settings.site_name)}, "\n\n".join(s for s in sections if s)
    )
