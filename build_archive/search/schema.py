"""The index's fields, and the document an article becomes in them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from whoosh import fields

from ..model import TYPE_KEYS, Article
from .analysis import WordAnalyzer, analyzer
from .postings import IndexedText

if TYPE_CHECKING:  # the build's modules: a search (which unpickles the schema) needs none
    from ..actors.resolve import ActorStats

STEMMED = ("nl", "en")  # languages with their own body and title fields; others are folded only


def schema() -> fields.Schema:
    text = {}
    for lang in (*STEMMED, "other"):
        text[f"title_{lang}"] = _text(analyzer(lang), field_boost=2.0)
        text[f"body_{lang}"] = _text(analyzer(lang))
    # Actor ids per type: keyword fields without vectors (Whoosh's facet counting crashes on
    # vectors of empty lists) for filters and facets.
    actors = {key: fields.KEYWORD(stored=True, commas=True, scorable=True) for key in TYPE_KEYS.values()}
    return fields.Schema(
        id=fields.ID(unique=True, stored=True),
        url=fields.STORED(),
        names=_text(analyzer("other"), stored=False),  # every actor's names and aliases
        date=fields.DATETIME(stored=True, sortable=True),  # a column: date filters without stored fields
        year=fields.ID(stored=True),
        lang=fields.ID(stored=True),
        signature=fields.ID(stored=True),  # content hash + actors: what decides a re-index
        **text,
        **actors,
    )


def _text(words: WordAnalyzer, field_boost: float = 1.0, stored: bool = True) -> fields.TEXT:
    field = fields.TEXT(analyzer=words, stored=stored, field_boost=field_boost)
    field.format = IndexedText(field_boost=field_boost)
    return field


def text_field(lang: str, kind: str) -> str:
    return f"{kind}_{lang if lang in STEMMED else 'other'}"


def same_fields(old: fields.Schema, new: fields.Schema) -> bool:
    """The same fields, of the same kinds, with the same format and analyzer classes: an index
    from before `IndexedText` is rebuilt once, or even its `--full` builds would go on with
    Whoosh's slower format, which its schema names."""

    def kinds(schema: fields.Schema) -> list:
        return [(name, type(field), type(field.format), type(getattr(field, "analyzer", None)))
                for name, field in schema.items()]  # fmt: skip

    return kinds(old) == kinds(new)


def document(article: Article, actors: dict[str, ActorStats], signed: str) -> dict:
    """The article's fields, with `signed` its signature (see `signatures`)."""
    from ..urls import article_url

    doc: dict[str, str | dt.datetime] = {
        "id": article.id,
        "url": article_url(article),
        "year": str(article.date.year) if article.date else "undated",
        "lang": article.lang,
        "signature": signed,
        text_field(article.lang, "title"): article.title,
        text_field(article.lang, "body"): article.body,
        "names": " ".join(name for a in article.actors if a in actors for name in actors[a].names),
    }
    if article.date:
        doc["date"] = dt.datetime.combine(article.date, dt.time())
    for kind, key in TYPE_KEYS.items():
        ids = [a for a in article.actors if a.startswith(f"{kind}:") and a in actors]
        if ids:
            doc[key] = ",".join(ids)
    return doc
