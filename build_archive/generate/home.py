"""The home page: what the archive holds at a glance, and the way into it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..actors.resolve import ActorStats
from ..model import Article
from ..settings import Settings
from ..urls import actor_url
from . import markup
from .actor_pages import first_by_count
from .front_matter import with_front_matter
from .labels import count_label, labels
from .listings import listing
from .markup import anchor, html_list
from .passthrough import block

MOST_NAMED = 10


def _most_named(actors: dict[str, ActorStats], kind: str) -> str:
    # The few first of a sort of every actor of the kind, without sorting them all.
    of_kind = [s for s in actors.values() if s.actor.type == kind]
    counts = [len(s.articles) for s in of_kind]
    group = first_by_count(of_kind, counts, MOST_NAMED, lambda s: (-len(s.articles), s.actor.name.casefold()))
    return html_list(f"{anchor(s.actor.name, actor_url(s.actor.id))} ({len(s.articles)})" for s in group)


def home_page(ordered: Sequence[Article], actors: dict[str, ActorStats], settings: Settings) -> str:
    """The home page, from the articles newest first."""
    words = labels(settings)
    counts = Counter([s.actor.type for s in actors.values()])
    holds = words["holds"].format(
        articles=count_label(len(ordered), settings), persons=counts["person"], countries=counts["country"],
        organisations=counts["organisation"], places=counts["place"],
    )  # fmt: skip
    sections = [
        f"# {markup.inline(settings.site_name)}",
        holds,
        f"## {words['latest']}",
        block("list", listing(ordered[: settings.latest], settings, 1, 1, "")),
        f"[{words['all_articles']}](articles/index.md)",
        f"## {words['most_persons']}",
        _most_named(actors, "person"),
        f"## {words['most_countries']}",
        _most_named(actors, "country"),
        f"## {words['export']}",
        words["export_text"],
    ]
    return with_front_matter(
        {"title": markup.attribute(settings.site_name)}, "\n\n".join(s for s in sections if s)
    )
