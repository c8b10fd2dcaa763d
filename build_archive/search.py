"""Searching the archive: free text, actors by any of their names, dates, language; with facets.

    from build_archive.search import search
    results = search("gesprekken", persons=["Putin"], countries=["Oekraine"])

The command line's `archive search` is a thin layer over `search`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .folding import fold_key
from .model import TYPE_KEYS
from .search_index import STEMMED, IndexError_

DEFAULT_INDEX = Path("build/index")
FACETS = ("persons", "countries", "organisations", "places", "year")


@dataclass
class Hit:
    id: str
    title: str
    date: str | None
    url: str
    score: float
    persons: list[str]
    countries: list[str]
    highlights: str


@dataclass
class Results:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, dict[str, int]] = field(default_factory=dict)  # type -> display name -> count
    unknown: list[str] = field(default_factory=list)  # actor names that match no actor


def _open(path: Path):
    from whoosh import index

    hint = "run `archive build` to create it, or `archive build --full` to rebuild it from scratch"
    if not path.is_dir() or not any(path.glob("_MAIN_*.toc")):
        raise IndexError_(f"no search index at {path}: {hint}")
    try:
        ix = index.open_dir(str(path))
        ix.doc_count()  # Whoosh reads the table of contents lazily: make it fail here
        return ix
    except Exception as error:  # whatever Whoosh raises on a damaged index
        raise IndexError_(f"the search index at {path} is unreadable ({error}): {hint}") from None


def _actor_table(path: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    """folded name -> actor ids, and actor id -> display name, from the index's actor file."""
    try:
        actors = json.loads((path / "actors.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise IndexError_(f"the search index at {path} has no readable actors.json ({error})") from None
    by_name: dict[str, list[str]] = {}
    display = {}
    for actor in actors:
        display[actor["id"]] = actor["name"]
        for name in {actor["name"], *actor["names"]}:
            by_name.setdefault(fold_key(name), []).append(actor["id"])
    return by_name, display


def search(
    query: str = "",
    persons: list[str] = (),
    countries: list[str] = (),
    organisations: list[str] = (),
    places: list[str] = (),
    since: dt.date | None = None,
    until: dt.date | None = None,
    lang: str | None = None,
    limit: int = 20,
    index_path: Path = DEFAULT_INDEX,
) -> Results:
    """Articles matching all of: the text query, every named actor (each name may be any alias,
    in any case, with or without accents), the date range and the language; ranked, with
    highlighted snippets and the counts per actor and year among all matches."""
    from whoosh import qparser, sorting
    from whoosh import query as q
    from whoosh.highlight import Formatter

    ix = _open(index_path)
    by_name, display = _actor_table(index_path)
    results = Results()
    clauses = []
    for key, names in (("persons", persons), ("countries", countries), ("organisations", organisations),
                       ("places", places)):  # fmt: skip
        kind = next(k for k, v in TYPE_KEYS.items() if v == key)
        for name in names:
            ids = [i for i in by_name.get(fold_key(name), []) if i.startswith(f"{kind}:")]
            if not ids:
                results.unknown.append(name)
            clauses.append(q.Or([q.Term(key, i) for i in ids]) if ids else q.NullQuery)
    if results.unknown:
        return results
    if since or until:
        start = dt.datetime.combine(since, dt.time()) if since else None
        end = dt.datetime.combine(until, dt.time.max) if until else None
        clauses.append(q.DateRange("date", start, end))
    if lang:
        clauses.append(q.Term("lang", lang.lower()))
    text_fields = [f"{kind}_{lang_}" for lang_ in (*STEMMED, "other") for kind in ("title", "body")] + [
        "names"
    ]
    if query.strip():
        parser = qparser.MultifieldParser(text_fields, ix.schema)
        clauses.append(parser.parse(query))
    combined = q.And(clauses) if clauses else q.Every()

    class Marked(Formatter):
        def format_token(self, text, token, replace=False):
            return f"**{token.text if replace else text[token.startchar : token.endchar]}**"

    facets = {name: sorting.FieldFacet(name, allow_overlap=name != "year") for name in FACETS}
    with ix.searcher() as searcher:
        found = searcher.search(combined, limit=limit, groupedby=facets, maptype=sorting.Count, terms=True)
        found.formatter = Marked()
        results.total = found.estimated_length() if not found.has_exact_length() else len(found)
        for hit in list(found)[:limit]:  # with facets, Whoosh may hand back more than the limit
            fields_ = hit.fields()
            lang_ = fields_.get("lang", "")
            body_field = f"body_{lang_ if lang_ in STEMMED else 'other'}"
            title_field = f"title_{lang_ if lang_ in STEMMED else 'other'}"
            snippet = hit.highlights(body_field, top=2) if query.strip() else ""
            if not snippet:
                snippet = " ".join(fields_.get(body_field, "").split())[:200]
            date = fields_.get("date")
            results.hits.append(
                Hit(
                    id=fields_["id"],
                    title=fields_.get(title_field, ""),
                    date=date.date().isoformat() if date else None,
                    url=fields_.get("url", ""),
                    score=round(float(hit.score or 0.0), 3),
                    persons=[display.get(i, i) for i in _ids(fields_.get("persons"))],
                    countries=[display.get(i, i) for i in _ids(fields_.get("countries"))],
                    highlights=" ".join(snippet.split()),
                )
            )
        for name in FACETS:
            counts: Counter = Counter()
            for value, count in found.groups(name).items():
                if value is None:
                    continue
                label = value.decode() if isinstance(value, bytes) else str(value)
                counts[display.get(label, label)] += count
            results.facets[name] = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    return results


def _ids(value: str | None) -> list[str]:
    return [v for v in (value or "").split(",") if v]
