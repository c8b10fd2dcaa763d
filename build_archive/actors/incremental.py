"""The archive-wide resolution kept from the last build and redone for what changed.

`join_names`, `join_surnames` and `resolve_archive` read every article of the archive, and a
build that adds one article would run them over all of them again. Each is a sum over the
articles (the names that strong evidence typed, the facts of every full-name person, every
actor's mentions) followed by a step per article that reads that sum through a few tables (the
names typed once, the variants joined, the owners of each surname, the span of each person).
So the last build's sums, tables and results are kept (`ResolutionState`, pickled in the build
cache under a key of the code, the lists and the register), and a later build takes the changed
and removed articles' parts out of the sums, adds the new ones, makes the tables again and
runs the per-article step again only for the articles whose table entries changed: those that
name a person whose variant target changed, or a bare surname whose owners or their periods
changed, or a candidate whose type changed. Every other article keeps its result. The steps
are the very functions of `resolve`, so the result is the fresh resolution's, which the tests
compare byte for byte with a fresh build.

The articles as they were in the last build (to take their parts out again) come from the
last build's cache, which holds them as it read them; when it does not (a build killed between
the two saves, a cache written afresh), or when the order of the kept articles changed, or much
of the archive changed, the resolution is made afresh and kept for the next build.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from ..cache import Results, StatKey, analysis_key, in_memory
from ..folding import fold_key
from ..model import Article, Mention
from .lexicon import Lexicon
from .register import Register
from .resolve import (
    ActorStats,
    Ambiguous,
    Held,
    NameForms,
    SurnameTables,
    SurnameTotals,
    actor_stats,
    count,
    join_article_surnames,
    names_found,
    resolve_archive,
    surname_ambiguities,
    surname_facts,
    surname_tables,
    typed_names,
    with_names,
)

# Above this share of the archive changed or removed (and this many articles), resolving it
# afresh costs less.
IN_PART_UP_TO = 0.25
IN_PART_ANYWAY = 100

Final = tuple[tuple[Mention, ...], tuple[str, ...]]  # an article's mentions and actors once resolved


class Changed(NamedTuple):
    """What a resolution made from the last build's redid: every other article has the result,
    and every other actor the very entry (`ActorStats`), that the last build gave it."""

    articles: frozenset[str]  # ids of the articles resolved again (the new and edited among them)
    actors: frozenset[str]  # ids of the actors whose entries were made again or dropped


class Resolution(NamedTuple):
    articles: list[Article]  # resolved, in the order given
    ambiguous: list[Ambiguous]
    actors: dict[str, ActorStats]
    in_part: bool  # made from the last build's resolution, redone for what changed
    changed: Changed | None = None  # when in part: what was redone


@dataclass
class ResolutionState:
    """The last build's resolution: its sums, tables, indexes and per-article results."""

    order: list[str] = field(default_factory=list)  # article ids in the order resolved
    inputs: dict[str, tuple] = field(default_factory=dict)  # article id -> `analysis_key`
    typed: dict[str, dict[str, int]] = field(default_factory=dict)  # folded name -> actor id -> articles
    names: dict[str, str] = field(default_factory=dict)  # the names typed as one actor
    candidates: dict[str, set[str]] = field(default_factory=dict)  # folded candidate -> article ids
    found: dict[str, tuple[Mention, ...]] = field(default_factory=dict)  # `names_found`, when any
    totals: SurnameTotals = field(default_factory=SurnameTotals)
    tables: SurnameTables | None = None
    forms: NameForms = field(default_factory=NameForms)
    people: dict[str, set[str]] = field(default_factory=dict)  # person -> article ids, before joining
    bare: dict[str, set[str]] = field(default_factory=dict)  # bare surname -> article ids
    held: dict[str, tuple[Held, ...]] = field(default_factory=dict)  # article id -> surnames held apart
    final: dict[str, Final] = field(default_factory=dict)  # article id -> result, when not its own
    articles_of: dict[str, set[str]] = field(default_factory=dict)  # actor id -> article ids
    stats: dict[str, ActorStats] = field(default_factory=dict)
    # What the pages' plan made of this resolution (`build.PlanKeys`), kept with it so that the
    # two always belong to the same build: the next plan makes again only what `Changed` names.
    pages: object = None


def resolve(
    articles: list[Article],
    lexicon: Lexicon,
    register: Register,
    state: ResolutionState | None = None,
    previous: Mapping[str, tuple[StatKey, Results]] | None = None,
) -> tuple[Resolution, ResolutionState]:
    """The articles resolved across the archive, and the state to keep for the next build. With
    the last build's `state` and the cache it read (`previous`, the files' results as that build
    had them), only what changed is redone; the result is the same either way."""
    if state is not None and previous is not None:
        done = _in_part(articles, lexicon, register, state, previous)
        if done is not None:
            return done, state
    return _afresh(articles, lexicon, register)


def _candidate_keys(article: Article) -> set[str]:
    return {fold_key(c.text) for c in article.candidates}


def _index(index: dict[str, set[str]], keys: Iterable[str], article_id: str, add: bool) -> None:
    for key in keys:
        ids = index.get(key)
        if add:
            if ids is None:
                index[key] = {article_id}
            else:
                ids.add(article_id)
        elif ids is not None:
            ids.discard(article_id)
            if not ids:
                del index[key]


def _final_of(article: Article, final: Final | None) -> Article:
    return article if final is None else replace(article, mentions=final[0], actors=final[1])


# What this process's last resolution in part made of each article: article id -> (the article
# as given, its `analysis_key`, its result, the article resolved). A warm builder is given the
# very same article objects again (its cache is kept in memory) and keeps the very same results
# of the articles that nothing changed, so such an article costs a look-up instead of a key and
# a copy made again. Held by the objects themselves, not their ids: a hit is the same object.
# Only in such a process (`cache.in_memory`): a single build frees its articles before it makes
# the search index.
_last: dict[str, tuple[Article, tuple, Final | None, Article]] = {}


def _keys(articles: list[Article]) -> dict[str, tuple]:
    """Every article's `analysis_key`, taken from `_last` where the article is the same object."""
    last = _last
    keys = {}
    for article in articles:
        was = last.get(article.id)
        keys[article.id] = was[1] if was is not None and was[0] is article else analysis_key(article)
    return keys


def _resolved(articles: list[Article], inputs: dict[str, tuple], final: dict[str, Final]) -> list[Article]:
    """Every article with its result (`_final_of`), kept in `_last` for the next resolution."""
    global _last
    last, now, resolved = _last, {}, []
    for article in articles:
        i = article.id
        result, was = final.get(i), last.get(i)
        if was is not None and was[0] is article and was[2] is result:
            done = was[3]
            now[i] = was
        else:
            done = _final_of(article, result)
            now[i] = (article, inputs[i], result, done)
        resolved.append(done)
    _last = now if in_memory() else {}
    return resolved


def _afresh(
    articles: list[Article], lexicon: Lexicon, register: Register
) -> tuple[Resolution, ResolutionState]:
    state = ResolutionState(order=[a.id for a in articles], inputs={a.id: analysis_key(a) for a in articles})
    for article in articles:
        _add_typed(state, typed_names(article), 1)
        _index(state.candidates, _candidate_keys(article), article.id, True)
    state.names = {key: next(iter(ids)) for key, ids in state.typed.items() if len(ids) == 1}
    named = []
    for article in articles:
        found = names_found(article, state.names, lexicon)
        if found:
            state.found[article.id] = found
        named.append(with_names(article, found))
        _add_facts(state, named[-1], lexicon, 1)
    state.tables, state.forms = surname_tables(state.totals, lexicon, register)
    resolved = []
    for article, one in zip(articles, named, strict=True):
        joined = join_article_surnames(one, state.tables, lexicon)
        if joined.held:
            state.held[article.id] = joined.held
        if joined.article is not article:
            state.final[article.id] = (joined.article.mentions, joined.article.actors)
        resolved.append(joined.article)
    for article in resolved:
        _index(state.articles_of, article.actors, article.id, True)
    state.stats = resolve_archive(resolved, lexicon)
    ambiguous = _ambiguous(state, articles, lexicon)
    return Resolution(resolved, ambiguous, dict(state.stats), False), state


def _ambiguous(state: ResolutionState, articles: list[Article], lexicon: Lexicon) -> list[Ambiguous]:
    assert state.tables is not None
    held = [one for a in articles for one in state.held.get(a.id, ())]
    return surname_ambiguities(state.tables, held, state.totals, lexicon)


def _add_typed(state: ResolutionState, typed: Iterable[tuple[str, str]], sign: int) -> set[str]:
    touched = set()
    for key, actor_id in typed:
        counts = state.typed.get(key)
        if counts is None:
            counts = state.typed[key] = {}
        count(counts, actor_id, sign)
        if not counts:
            del state.typed[key]
        touched.add(key)
    return touched


def _add_facts(state: ResolutionState, named: Article, lexicon: Lexicon, sign: int) -> tuple[str, ...]:
    """Count the article's facts in or out; the persons they are about."""
    facts = surname_facts(named, lexicon)
    state.totals.add(facts, sign)
    _index(state.people, facts.people, named.id, sign > 0)
    _index(state.bare, facts.bare, named.id, sign > 0)
    return facts.people


def _in_part(
    articles: list[Article],
    lexicon: Lexicon,
    register: Register,
    state: ResolutionState,
    previous: Mapping[str, tuple[StatKey, Results]],
) -> Resolution | None:
    """The resolution from the last build's, or None when it cannot be had that way."""
    if state.tables is None:
        return None
    current = {a.id: a for a in articles}
    inputs = _keys(articles)
    changed = [i for i, key in inputs.items() if state.inputs.get(i) != key]
    removed = [i for i in state.order if i not in current]
    if len(changed) + len(removed) > max(IN_PART_ANYWAY, IN_PART_UP_TO * len(articles)):
        return None
    # The kept articles in the same order: else every actor's list of articles may change.
    if [i for i in state.order if i in current] != [a.id for a in articles if a.id in state.inputs]:
        return None
    wanted = {i for i in (*changed, *removed) if i in state.inputs}
    old = {
        item.id: item
        for _, results in previous.values()
        for item in results
        if isinstance(item, Article) and item.id in wanted and analysis_key(item) == state.inputs[item.id]
    }
    if len(old) != len(wanted):
        return None  # the cache is not the one the state was made with

    # The names that strong evidence typed.
    touched: set[str] = set()
    for i, article in old.items():
        touched |= _add_typed(state, typed_names(article), -1)
        _index(state.candidates, _candidate_keys(article), i, False)
    for i in changed:
        touched |= _add_typed(state, typed_names(current[i]), 1)
        _index(state.candidates, _candidate_keys(current[i]), i, True)
    renamed = set()
    for key in touched:
        typed = state.typed.get(key)
        name = next(iter(typed)) if typed is not None and len(typed) == 1 else None
        if state.names.get(key) != name:
            renamed.add(key)
            if name is None:
                del state.names[key]
            else:
                state.names[key] = name
    again = set(changed) | {i for key in renamed for i in state.candidates.get(key, ())}
    found = {i: names_found(current[i], state.names, lexicon) for i in again}
    renewed = {
        i for i, f in found.items() if i in old or i not in state.inputs or f != state.found.get(i, ())
    }

    # The facts of the full-name persons, and the tables made of them.
    persons: set[str] = set()  # whose facts changed
    for i in [*renewed, *removed]:
        if i in state.inputs:
            before = old.get(i) or current[i]
            persons.update(_add_facts(state, with_names(before, state.found.get(i, ())), lexicon, -1))
    for i in removed:
        state.found.pop(i, None)
    for i in renewed:
        if found[i]:
            state.found[i] = found[i]
        else:
            state.found.pop(i, None)
        persons.update(_add_facts(state, with_names(current[i], found[i]), lexicon, 1))
    tables, state.forms = surname_tables(state.totals, lexicon, register, state.forms, persons)
    last = state.tables
    state.tables = tables
    retargeted = {
        a for a in last.targets.keys() | tables.targets.keys() if last.targets.get(a) != tables.targets.get(a)
    }
    moved = {a for a in last.spans.keys() | tables.spans.keys() if last.spans.get(a) != tables.spans.get(a)}
    owned = {
        key
        for owners in (last.owners, tables.owners)
        for key, ids in owners.items()
        if not ids.isdisjoint(moved)
    }
    owned |= {
        k for k in last.owners.keys() | tables.owners.keys() if last.owners.get(k) != tables.owners.get(k)
    }
    rejoin = (
        renewed
        | {i for a in retargeted for i in state.people.get(a, ())}
        | {i for key in owned for i in state.bare.get(key, ())}
    )

    # Each article joined again where its tables changed.
    befores: dict[str, Final] = {}
    for i in [*rejoin, *removed]:
        if i in state.inputs:
            before = old.get(i) or current[i]
            befores[i] = state.final.get(i) or (before.mentions, before.actors)
    for i in removed:
        state.final.pop(i, None)
        state.held.pop(i, None)
    for i in rejoin:
        joined = join_article_surnames(with_names(current[i], state.found.get(i, ())), tables, lexicon)
        if joined.held:
            state.held[i] = joined.held
        else:
            state.held.pop(i, None)
        if joined.article is current[i]:
            state.final.pop(i, None)
        else:
            state.final[i] = (joined.article.mentions, joined.article.actors)

    # The actors those articles named before and after: their entries made again.
    resolved = _resolved(articles, inputs, state.final)
    at = {a.id: n for n, a in enumerate(articles)}
    restated: set[str] = set()
    for i, (_, named_before) in befores.items():
        _index(state.articles_of, named_before, i, False)
        restated.update(named_before)
    for i in rejoin:
        named_now = resolved[at[i]].actors
        _index(state.articles_of, named_now, i, True)
        restated.update(named_now)
    for actor_id in restated:
        ids = state.articles_of.get(actor_id)
        if not ids:
            state.stats.pop(actor_id, None)
            continue
        ordered = sorted(ids, key=at.__getitem__)
        named: Counter = Counter()
        for i in ordered:
            named.update((m.text, m.layer) for m in resolved[at[i]].mentions if m.actor_id == actor_id)
        state.stats[actor_id] = actor_stats(actor_id, dict(named), ordered, lexicon)
    # In the order the articles first name them, as a fresh resolution gives them.
    stats = state.stats
    actors: dict[str, ActorStats] = {}
    for article in resolved:
        for actor_id in article.actors:
            if actor_id not in actors:
                actors[actor_id] = stats[actor_id]
    state.order = [a.id for a in articles]
    state.inputs = inputs
    changes = Changed(frozenset(rejoin), frozenset(restated))
    return Resolution(resolved, _ambiguous(state, articles, lexicon), actors, True, changes)
