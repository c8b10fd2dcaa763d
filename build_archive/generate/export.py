"""The export published with the site: every article with its actors and every mention's
provenance (`export/articles.jsonl`), and every actor (`export/actors.json`).

Researchers re-use these files outside the site, so their shape is a contract (DESIGN.md):
keys are only ever added.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable

from ..actors.resolve import ActorStats
from ..model import TYPE_KEYS, Article
from ..urls import article_url


def actors_by_type(article: Article, actors: dict[str, ActorStats]) -> dict[str, list[dict]]:
    """The article's actors grouped under the design's plural keys, each with its mentions."""
    mentions = defaultdict(list)
    for mention in article.mentions:
        mentions[mention.actor_id].append(
            {"text": mention.text, "start": mention.start, "end": mention.end, "layer": mention.layer}
        )
    grouped: dict[str, list[dict]] = {key: [] for key in TYPE_KEYS.values()}
    for actor_id in article.actors:
        stats = actors.get(actor_id)
        if stats is None:
            continue
        grouped[TYPE_KEYS[stats.actor.type]].append(
            {"id": actor_id, "name": stats.actor.name, "mentions": mentions.get(actor_id, [])}
        )
    for items in grouped.values():
        items.sort(key=lambda item: (-len(item["mentions"]), item["name"]))
    return grouped


def article_record(article: Article, grouped: dict[str, list[dict]]) -> dict:
    return {
        "id": article.id,
        "title": article.title,
        "date": article.date.isoformat() if article.date else None,
        "lang": article.lang,
        "source": article.source,
        "url": article_url(article),
        **grouped,
    }


def _actor_record(stats: ActorStats) -> dict:
    return {
        "id": stats.actor.id,
        "type": stats.actor.type,
        "name": stats.actor.name,
        "aliases": list(stats.actor.aliases),
        "country": stats.actor.country,
        "articles": len(stats.articles),
        "mentions": stats.mentions,
    }


def actors_json(actors: dict[str, ActorStats]) -> str:
    records = [_actor_record(stats) for stats in sorted(actors.values(), key=lambda s: s.actor.id)]
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def actors_json_piece(stats: ActorStats, first: bool) -> str:
    """One actor's part of `actors_json`, separator included: the file is its pieces in the order
    of the actors' ids, between `ACTORS_JSON_START` and `ACTORS_JSON_END` (`[]` when empty), so
    that a build writes again only the records of the actors that changed."""
    record = json.dumps([_actor_record(stats)], ensure_ascii=False, indent=1)[2:-2]  # without "[\n", "\n]"
    return record if first else ",\n" + record


ACTORS_JSON_START, ACTORS_JSON_END, ACTORS_JSON_EMPTY = "[\n", "\n]\n", "[]\n"


def _csv(rows: Iterable[list]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


ACTORS_HEADER = ["id", "type", "name", "country", "articles", "mentions", "aliases"]


def _actor_row(s: ActorStats) -> list:
    return [s.actor.id, s.actor.type, s.actor.name, s.actor.country or "", len(s.articles), s.mentions,
            " | ".join(s.actor.aliases)]  # fmt: skip


def actors_csv(actors: dict[str, ActorStats]) -> str:
    """For spreadsheet users: one row per actor, aliases joined by ' | '."""
    return _csv([ACTORS_HEADER] + [_actor_row(s) for s in sorted(actors.values(), key=lambda s: s.actor.id)])


def actors_csv_header() -> str:
    return _csv([ACTORS_HEADER])


def actors_csv_row(stats: ActorStats) -> str:
    """One actor's row of `actors_csv`, which is its header and then these rows by actor id."""
    return _csv([_actor_row(stats)])


MENTIONS_HEADER = ["article_id", "article_title", "actor_id", "actor_type", "actor_name", "text", "start", "end",
                   "layer"]  # fmt: skip


def mentions_rows(article: Article, actors: dict[str, ActorStats]) -> str:
    """The article's rows of `export/mentions.csv`: one per mention, with its provenance."""
    rows = []
    for m in article.mentions:
        stats = actors.get(m.actor_id)
        if stats:
            rows.append([article.id, article.title, m.actor_id, stats.actor.type, stats.actor.name, m.text,
                         m.start, m.end, m.layer])  # fmt: skip
    return _csv(rows)


def mentions_csv_header() -> str:
    """The first line of `export/mentions.csv`, for spreadsheet users: the rest is each
    article's `mentions_rows`, one row per mention with its provenance."""
    return _csv([MENTIONS_HEADER])
