"""The actor-finding stage: one article in, the same article with its mentions and actors out.

Pure and per article (lists, then rules, then resolution within the article and the editor's
word), so it can be cached by content hash and run in parallel; everything that needs the whole
archive is in `resolve.resolve_archive`.
"""

from __future__ import annotations

from dataclasses import replace

from .folding import fold
from .lexicon import Lexicon
from .lists import find_list_mentions
from .model import Article
from .register import Register
from .resolve import resolve_article
from .rules import find_rule_mentions


def find_actors(article: Article, lexicon: Lexicon, register: Register) -> Article:
    text = article.body
    folded = fold(text)
    listed = find_list_mentions(text, folded, lexicon, article.lang)
    ruled = find_rule_mentions(text, folded, lexicon, listed)
    organisations = [m for m in ruled if m.layer == "rule:organisation"]
    # A listed place inside an organisation's name ("Universiteit van Tilburg") is part of it.
    listed = [m for m in listed if not any(o.start <= m.start and m.end <= o.end for o in organisations)]
    found = sorted(listed + ruled, key=lambda m: (m.start, m.end))
    mentions, actor_ids = resolve_article(article, found, lexicon, register)
    return replace(article, mentions=mentions, actors=actor_ids)
