"""An article's page: its text as Markdown that never becomes markup, the first mention of each
actor linked to the actor's page, under the front matter the theme and the search read.

Pure: it returns text and leaves writing files to `publish.output`, so the generated tree can be
compared, cached and tested without touching the disk.
"""

from __future__ import annotations

from ..model import Article
from ..settings import Settings
from ..urls import (
    actor_page_path,
    folder,
    relative,
)
from . import markup
from .front_matter import (
    front_matter,
    with_front_matter,
)
from .labels import labels
from .listings import (
    show_date,
)


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
