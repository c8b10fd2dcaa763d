"""The archive build: raw articles in `site_src/` to generated pages in `docs/`.

The I/O edge of the pipeline: it lists and reads files, runs the pure stages in order and
hands the resulting tree to `output`. Everything a build needs is in `BuildOptions`, so the
command line and the MkDocs plugin run exactly the same build.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import multiprocessing
import multiprocessing.pool
import os
import resource
import threading
import time
import weakref
from collections.abc import Callable, Generator, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple, Protocol, TypeVar, runtime_checkable

from . import compiled, urls
from .actors import incremental
from .actors.find import find_actors
from .actors.lexicon import Lexicon, load_lexicon
from .actors.register import Register, RegisterError, load_register
from .actors.resolve import ARCHIVE_LAYERS, ActorStats
from .cache import Cache, Results, StatKey, code_version, load_keyed, save_later, staged_keyed, stat_key
from .cache import load as load_cache
from .cache import save as save_cache
from .errors import BuildError, IndexError_
from .folding import fold
from .generate import actor_pages, article_pages, export, feeds, listings
from .generate.feeds import atom
from .generate.home import home_page
from .model import Actor, Article, Skipped, shared_strings
from .progress import SILENT, Progress
from .publish.lock import build_lock
from .publish.output import (
    Carried,
    Chunks,
    Content,
    Grouped,
    Keyed,
    Spooled,
    Staging,
    Tagged,
    Written,
    digest,
    held_generation,
    kept_groups,
    write_tree,
)
from .publish.report import Duplicate, Report, write_report
from .publish.state import state_folder
from .read.derive import load_language_model, use_model_cache
from .read.readers import article_files, is_url, read_file
from .settings import Settings, SettingsError, load_settings

# Files to read or analyse, pages and groups of pages to make: fewer are done before processes
# would start.
PARALLEL_FROM = 100
_T = TypeVar("_T")


@dataclass(frozen=True)
class BuildOptions:
    source: Path = Path("site_src")
    docs: Path = Path("docs")
    # None: in the archive's state folder (`state_dir`, itself derived from `docs` when None);
    # the build uses the resolved `state_dir`, `report_path` and `index_path`.
    report: Path | None = None
    index: Path | None = None
    state: Path | None = None
    # The raw articles, where they live: a local folder or an fsspec URL (`s3://bucket/news`);
    # None: `source`/articles.
    articles: Path | str | None = None
    full: bool = False  # ignore the build cache and rebuild the search index from scratch
    # Called with the report once the pages are published, before the search index is updated:
    # the MkDocs plugin renders them meanwhile (see plugin.py).
    published: Callable[[Report], None] | None = None
    # Processes that read, find actors and make the groups of pages; None: one per core.
    jobs: int | None = None
    # What runs the per-file work; None: a pool of `jobs` processes on this machine.
    engine: Engine | None = None
    progress: Progress = SILENT  # silent unless given a stream

    @property
    def state_dir(self) -> Path:
        return self.state if self.state is not None else state_folder(self.docs)

    @property
    def report_path(self) -> Path:
        return self.report if self.report is not None else self.state_dir / "report.json"

    @property
    def index_path(self) -> Path:
        return self.index if self.index is not None else self.state_dir / "index"

    @property
    def articles_root(self) -> Path | str:
        return self.articles if self.articles is not None else self.source / "articles"


@dataclass(frozen=True)
class Analysis:
    """What actor finding needs; with it, the read stage also finds each article's actors."""

    lexicon: Lexicon
    register: Register
    cache: Cache
    # The cache folder the lexicon and the cache were loaded from: where a worker in another
    # process or on another machine loads them again (see `dask_engine`).
    folder: Path | None = None


class Processed(NamedTuple):
    """What a worker did with one raw file: `FileResult`'s last fields, in its order."""

    items: Results
    read: bool  # read from disk by this build (else its cached results were used)
    analysed: int  # articles whose actors this build found (else they came from the cache)
    reading: float  # processor seconds reading it
    finding: float  # processor seconds finding its articles' actors
    interpreted: bool  # found them with the interpreted source (build_archive/compiled.py)


class FileResult(NamedTuple):
    """What the build made of one raw file: a tuple, since a build makes one for every file of
    the archive, also when nothing in it changed."""

    rel: str
    key: StatKey | None  # the file's stat when it was read; None for what is not a file
    items: Results
    read: bool = False  # read from disk by this build (else its cached results were used)
    analysed: int = 0  # articles whose actors this build found (else they came from the cache)
    reading: float = 0.0  # processor seconds reading it
    finding: float = 0.0  # processor seconds finding its articles' actors
    interpreted: bool = False  # found them with the interpreted source (build_archive/compiled.py)


class _Listed(NamedTuple):
    """A raw file as listed, before it is read: its cached results if it is unchanged."""

    path: str | Skipped  # Skipped: listed but not readable (a link out of the folder, ...)
    rel: str
    key: StatKey | None
    cached: Results | None


class Task(NamedTuple):
    """One raw file to read and analyse: a local path or a URL, and its name in the archive."""

    path: str
    rel: str
    cached: Results | None  # given when the file is unchanged but its articles need analysing


@dataclass(frozen=True)
class Work:
    """What the per-file work needs besides the file: the same for every file of a build."""

    settings: Settings
    analysis: Analysis | None


def process_file(work: Work, task: Task) -> Processed:
    """Read one raw file (unless its cached results are given) and find the actors of its
    articles (unless the same text was analysed before), timing each for the report. The one
    per-file step of the pipeline, whatever engine schedules it."""
    analysis = work.analysis
    started = time.perf_counter()
    items = task.cached
    if items is None:
        items = tuple(read_file(task.path, task.rel, work.settings.language, work.settings.max_article_bytes))
    reading = time.perf_counter() - started
    analysed, results = 0, []
    for item in items:
        if isinstance(item, Article) and analysis is not None:
            known = analysis.cache.analysed(item)
            analysed += known is None
            item = known or find_actors(item, analysis.lexicon, analysis.register)
        results.append(item)
    finding = time.perf_counter() - started - reading
    interpreted = analysed > 0 and compiled.IN_USE is None
    return Processed(tuple(results), task.cached is None, analysed, reading, finding, interpreted)


class Engine(Protocol):
    """Where and how the per-file work runs: the seam between the pipeline and what schedules
    it. The engines differ in nothing else."""

    def map(self, work: Work, tasks: list[Task]) -> Generator[Processed]:
        """`process_file(work, task)` of every task, in the tasks' order, as each is done."""
        ...


# Set in the parent just before the worker processes fork, so that each inherits the loaded
# lists and the cache instead of loading them again, and a task is only a path.
_WORK: Work | None = None


def _process_forked(task: Task) -> Processed:
    assert _WORK is not None, "set by ProcessPool.map before the pool forks"
    return process_file(_WORK, task)


@dataclass(frozen=True)
class ProcessPool:
    """The default engine: this machine's processes, forked from the build's. They read and find
    actors, and then make and write the files of the generated tree (`make_tree`) while the
    building process publishes them."""

    jobs: int = 1

    def forks(self, count: int) -> bool:
        """Whether `count` tasks are worth forking for. Not from a process with other threads
        (mkdocs serve): a thread that holds a lock at the moment of the fork would leave a worker
        waiting for it forever."""
        return self.jobs >= 2 and count >= PARALLEL_FROM and threading.active_count() == 1

    def map(self, work: Work, tasks: list[Task]) -> Generator[Processed]:
        global _WORK
        if not self.forks(len(tasks)):
            yield from (process_file(work, task) for task in tasks)
            return
        load_language_model()
        _WORK = work
        # The collector on in the workers, whatever the parent (a warm builder pauses it).
        pool = multiprocessing.get_context("fork").Pool(self.jobs, initializer=gc.enable)
        try:
            yield from pool.imap(_process_forked, tasks, chunksize=8)
        finally:
            pool.terminate()
            _WORK = None

    def make_tree(self, plan: Plan, root: Path) -> Made:
        """The generated tree of `plan` (`generate`), its files made by `jobs` processes forked
        now: they share the plan and the published generation's manifest with the building
        process, are sent only where a run of the files to make starts and ends, and write those
        files themselves into a staging folder in `root` (`output.Staging`), sending back their
        digests. What the published generation keeps is not made, as `write_tree` would not make
        it; what the tree gives as text is made here. In this process alone when the tree is
        small or the process has other threads (`forks`)."""
        global _TREE
        if not self.forks(len(plan.pages) + len(plan.groups)):
            return Made(generate(plan), None)
        items = list(generate(plan))  # what makes each file, not the files
        staging = Staging(root)
        todo = [n for n, (rel, content) in enumerate(items) if staging.needed(rel, content)]
        spans = file_spans(items, todo)
        _TREE = _Tree(items, todo, staging)
        # The collector in the workers passes over none of what they inherit: it would copy
        # every page of the building process's objects that it touched into each of them.
        gc.freeze()
        try:
            pool = multiprocessing.get_context("fork").Pool(self.jobs, initializer=gc.enable)
        finally:
            gc.unfreeze()
            _TREE = None
        tree = _handed_back(pool, items, todo, spans)
        weakref.finalize(tree, pool.terminate)  # also when the tree is never consumed
        return Made(tree, staging)


class Made(NamedTuple):
    """A generated tree, and where the files it says were made elsewhere were written."""

    tree: Iterator[tuple[str, Content]]
    staging: Staging | None


class Span(NamedTuple):
    """Files of the tree to make: the place of the first among those to make, and after the last."""

    start: int
    stop: int


FILES_PER_SPAN = 32  # a worker's share at a time: few enough that the workers stay even


def file_spans(items: list[tuple[str, Content]], todo: list[int]) -> list[Span]:
    """The files to make (`todo`, places in `items`) in consecutive spans of `FILES_PER_SPAN`;
    a `Chunks` file (an export, the size of the archive's text) in a span of its own."""
    spans: list[Span] = []
    start = 0
    for at, n in enumerate(todo):
        if isinstance(items[n][1], Chunks):
            spans += [Span(start, at)] if at > start else []
            spans.append(Span(at, at + 1))
            start = at + 1
        elif at + 1 - start >= FILES_PER_SPAN:
            spans.append(Span(start, at + 1))
            start = at + 1
    return spans + ([Span(start, len(todo))] if start < len(todo) else [])


class _Tree(NamedTuple):
    items: list[tuple[str, Content]]
    todo: list[int]  # the places in `items` of the files to make
    staging: Staging


# Set in the parent just before the page workers fork: the tree, and what of it to make where.
_TREE: _Tree | None = None


def _make_forked(span: Span) -> list[Written | dict[str, Written] | Spooled]:
    assert _TREE is not None, "set by ProcessPool.make_tree before the pool forks"
    made = []
    for n in _TREE.todo[span.start : span.stop]:
        rel, content = _TREE.items[n]
        assert isinstance(content, Keyed | Grouped | Chunks), "only what `Staging.needed` names"
        made.append(_TREE.staging.make(rel, content))
    return made


def _handed_back(
    pool: multiprocessing.pool.Pool, items: list[tuple[str, Content]], todo: list[int], spans: list[Span]
) -> Generator[tuple[str, Content]]:
    """`items` in their order, those made by the pool given as made. Every span is handed to the
    pool at once (what comes back is digests, not pages), the exports first: each is one
    worker's for a while, and would otherwise be the last thing waited for."""
    results: list[multiprocessing.pool.AsyncResult | None] = [None] * len(spans)
    exports_first = sorted(
        range(len(spans)), key=lambda s: not isinstance(items[todo[spans[s].start]][1], Chunks)
    )
    for s in exports_first:
        results[s] = pool.apply_async(_make_forked, (spans[s],))
    try:
        place, span, made = 0, -1, []
        for n, (rel, content) in enumerate(items):
            if place == len(todo) or todo[place] != n:
                yield rel, content
                continue
            if span < 0 or place == spans[span].stop:
                span += 1
                waiting, results[span] = results[span], None
                assert waiting is not None
                made = waiting.get()
            yield rel, _given(content, made[place - spans[span].start])
            place += 1
            if place == len(todo):  # the workers end with the last file, not when it is consumed
                pool.terminate()
    finally:
        pool.terminate()


def _given(content: Content, made: Written | dict[str, Written] | Spooled) -> Content:
    """`content` as made elsewhere."""
    if isinstance(content, Keyed) and isinstance(made, Written):
        return Keyed(content.key, functools.partial(_same, made))
    if isinstance(content, Grouped) and isinstance(made, dict):
        return Grouped(content.key, content.paths, functools.partial(_same, made))
    assert isinstance(made, Spooled), "a `Chunks` is made a `Spooled`"
    return made


def _same(made: _T) -> _T:
    return made


def read_all(
    articles: Path | str,
    settings: Settings,
    progress: Progress = SILENT,
    analysis: Analysis | None = None,
    engine: Engine = ProcessPool(),
) -> Iterator[FileResult]:
    """Every raw file's articles (or the reason it was skipped), in a stable order; files
    unchanged since the cached build are not read again, and the rest are read and analysed
    by `engine`."""
    listed: list[_Listed] = []
    for found in article_files(articles):
        if isinstance(found, Skipped):
            listed.append(_Listed(found, found.source, None, (found,)))
            continue
        key = found.key or stat_key(found.path)
        cached = analysis.cache.read(found.rel, key) if analysis else None
        listed.append(_Listed(found.path, found.rel, key, cached))
    fresh = analysis is None or analysis.cache.fresh
    todo = [
        Task(file.path, file.rel, file.cached)
        for file in listed
        if not isinstance(file.path, Skipped) and (file.cached is None or not fresh)
    ]
    processed = engine.map(Work(settings, analysis), todo)
    try:
        done = iter(
            progress.count(processed, len(todo), "reading and finding actors", "files", scale=len(todo))
        )
        for file in listed:
            if file.cached is not None and (fresh or isinstance(file.path, Skipped)):
                yield FileResult(file.rel, file.key, file.cached)
            else:
                # Unpickled from a worker: every string new, the same ones again and again.
                result = next(done)
                items = tuple(shared_strings(i) if isinstance(i, Article) else i for i in result.items)
                yield FileResult(file.rel, file.key, *result._replace(items=items))
    finally:
        processed.close()  # the engine's processes end with the reading, not when collected


def render_key(article: Article, actors: dict[str, ActorStats], version: str) -> str:
    """Everything an article's own outputs depend on besides the code, settings and lists (in
    `version`): its text and metadata, what its mentions were found with, the mentions the rest
    of the archive gave it, and the names and types its actors have in this build.

    The mentions that actor finding gave follow from the text and the version; those of the
    archive-wide steps do not: an article added later may type a name this one left open, of
    an actor it already had, and its page and export line must then be made again."""
    named = [f"{a}\0{actors[a].actor.type}\0{actors[a].actor.name}" for a in article.actors if a in actors]
    archived = [f"{m[0]}\0{m[1]}\0{m[2]}\0{m[4]}" for m in article.mentions if m[4] in ARCHIVE_LAYERS]
    corrections = repr(sorted(article.corrections.items())) if article.corrections else ""
    return _key("\x1f".join([article.content_hash, corrections, version, article.id, article.slug,
                                 article.source, article.author or "", article.source_url or "", *named,
                                 "\x1e", *archived]))  # fmt: skip


def _key(text: str) -> str:
    return digest(text.encode())


MONTH, ACTOR, FEED = "month", "actor", "feed"  # the kinds of `Group`


class Group(NamedTuple):
    """Files made together from the same inputs (a month's listing; an actor's pages and feed;
    the archive's feed), each keyed by the group's key: made once, and only if one of them must
    be made. Small, so that an engine can send it to where the pages are made."""

    kind: str  # MONTH, ACTOR or FEED
    name: str  # the month's folder, the actor's id, the feed's path
    key: str
    paths: list[str]
    # Its articles newest first, as places in `Shared.ordered`; none for an actor's group whose
    # keys the plan kept (`placed` finds them, when it must be made): one new article moves
    # every later one, and placing every actor's articles would cost the plan what it keeps.
    positions: list[int]


def group_name(group: Group) -> str:
    """The group's name in the published generation's manifest (see `output.Grouped`)."""
    return f"{group.kind}:{group.name}"


@dataclass(frozen=True)
class Shared:
    """What every group is made from besides its own articles: the same for a whole build, so
    an engine that makes groups elsewhere sends it once to each worker."""

    ordered: list[Article]  # every article, newest first
    actors: dict[str, ActorStats]
    listed: dict[str, Actor]  # the lists' countries linked to an actor that no article names
    settings: Settings


def make_group(shared: Shared, group: Group, co_actors: actor_pages.CoActors) -> dict[str, str]:
    """The files of `group`, path -> text: the one step that makes them, whatever engine runs it.
    `co_actors` is `CoActors(shared.ordered)`, made once by whoever makes many groups."""
    own = [shared.ordered[at] for at in placed(shared, group).positions]
    settings = shared.settings
    if group.kind == MONTH:
        return listings.month_pages(group.name, own, settings)
    if group.kind == FEED:
        return {group.name: atom(settings.site_name, group.name, own, settings.language, settings.site_name)}
    stats = shared.actors[group.name]
    return actor_pages.dossier(stats, own, shared.actors, shared.listed, settings, co_actors)


@runtime_checkable
class PageEngine(Protocol):
    """An engine that also makes the groups of pages, elsewhere than in the building process."""

    def running(self) -> contextlib.AbstractContextManager[object]:
        """What the engine runs on (a cluster) kept from the reading to the last page made."""
        ...

    def make_groups(self, shared: Shared, groups: list[Group]) -> Iterator[dict[str, str]]:
        """`make_group` of every group, in the groups' order, as each is done."""
        ...


class ActorKeys(NamedTuple):
    """What a plan made of one actor's entry: kept for the next build's plan."""

    named: str  # its type and name, as an article's render key holds them
    facts: str  # see `Plan.facts`
    key: str  # its group's
    paths: list[str]  # its group's
    row: actor_pages.IndexRow  # its line in its type's index


class ArticleKeys(NamedTuple):
    """What a plan made of one article: kept for the next build's plan."""

    own: tuple  # what its render key holds of the article itself besides its resolution (`_own`)
    key: str  # its render key


@dataclass
class PlanKeys:
    """The keys of a plan, kept with the resolution they were made from (see
    `incremental.ResolutionState.pages`): a build that resolved in part makes again only the keys
    of the articles and actors whose entries changed, and takes the others from here. Without it,
    every article's render key and every actor's group would be made again for one new article."""

    version: str
    articles: dict[str, ArticleKeys]
    actors: dict[str, ActorKeys]
    # The generation published with these keys, once it is: a plan made from them may then
    # leave out what it keeps and have it carried from that generation (`output.Carried`).
    generation: str | None = None


class Kept(NamedTuple):
    """The last build's plan keys, and what its resolution redid since."""

    keys: PlanKeys
    changed: incremental.Changed


class Plan(NamedTuple):
    """The generated tree before any of it is made: the keys of its parts and its groups."""

    articles: list[Article]  # in the order they are published
    shared: Shared
    version: str  # the code, lists and settings every key includes
    keys: dict[str, str]  # article id -> render key
    by_month: list[listings.Month]
    groups: list[Group]  # in the tree's order: the months, the actors, the archive's feed
    facts: dict[str, str]  # actor id -> the key of its own facts, for its lines in the exports
    kept: PlanKeys  # for the next build's plan
    pages: list[Article]  # the articles whose pages the tree gives: all but those carried
    carried: Carried | None  # what the tree leaves to the published generation


def _own(article: Article) -> tuple:
    """What an article's render key holds of the article itself, besides its resolution's
    mentions and actors (which `incremental.Changed` covers)."""
    return (article.content_hash, article.corrections, article.slug, article.source, article.author,
            article.source_url)  # fmt: skip


def _named(stats: ActorStats) -> str:
    return f"{stats.actor.type}\0{stats.actor.name}"


def plan(
    articles: list[Article],
    actors: dict[str, ActorStats],
    lexicon: Lexicon,
    settings: Settings,
    kept: Kept | None = None,
    published: str | None = None,
) -> Plan:
    """The keys of everything generated and the groups made from them (see `generate`). With
    the last build's keys (`kept`), only those of what its resolution redid are made again, and
    the groups of the actors whose keys did not change are not placed (their articles are found
    when such a group must be made); the keys are the same either way. When those keys are the
    ones the `published` generation was made with, what they keep is left out of the tree and
    carried from that generation instead (`Plan.carried`)."""
    version = f"{code_version()}:{lexicon.fingerprint}:{settings!r}"
    last = kept.keys if kept is not None and kept.keys.version == version else None
    changed = kept.changed if kept is not None else None
    carry = (
        last is not None and changed is not None and published is not None and last.generation == published
    )
    pages: list[Article] = []
    carried = Carried(published, [], []) if carry and published is not None else None
    article_keys: dict[str, ArticleKeys] = {}
    rekeyed: set[str] = set()  # the actors of the articles whose render key is new or changed
    if last is None or changed is None:
        for article in articles:
            article_keys[article.id] = ArticleKeys(_own(article), render_key(article, actors, version))
        pages = articles
    else:
        renamed = {
            a for a in changed.actors
            if a in actors and (a not in last.actors or last.actors[a].named != _named(actors[a]))
        }  # fmt: skip
        for article in articles:
            own, was = _own(article), last.articles.get(article.id)
            if (
                was is None
                or was.own != own
                or article.id in changed.articles
                or not renamed.isdisjoint(article.actors)
            ):
                article_keys[article.id] = now = ArticleKeys(own, render_key(article, actors, version))
                if was is None or now.key != was.key:
                    rekeyed.update(article.actors)
                pages.append(article)
            else:
                article_keys[article.id] = was
                if carried is not None:
                    carried.paths.append(urls.page_path(article))
                else:
                    pages.append(article)
    keys = {i: made.key for i, made in article_keys.items()}
    ordered = listings.newest_first(articles)
    at = {article.id: n for n, article in enumerate(ordered)}
    by_month = listings.months(ordered)
    groups: list[Group] = []
    first = 0
    for month, group in by_month:
        inputs = _key(f"{version}\0{month}\0" + "".join([keys[a.id] for a in group]))
        positions = list(range(first, first + len(group)))
        groups.append(Group(MONTH, month, inputs, listings.month_paths(month, len(group)), positions))
        first += len(group)
    remade: AbstractSet[str] = actors.keys()
    if last is not None and changed is not None:
        remade = {a for a in actors if a not in last.actors} | (changed.actors & actors.keys()) | rekeyed
        remade |= {a for a, s in actors.items() if s.actor.country and s.actor.country in changed.actors}
    facts: dict[str, str] = {}
    actor_keys: dict[str, ActorKeys] = {}
    for stats in actors.values():
        actor_id = stats.actor.id
        if actor_id in remade:
            # Its articles newest first: the resolution's list of them, placed in `ordered`.
            positions = sorted([at[i] for i in stats.articles])
            dossier = [ordered[n] for n in positions]
            country = actors.get(stats.actor.country) if stats.actor.country else None
            about = repr((version, stats.actor, stats.names, stats.mentions, country and country.actor.name))
            made = ActorKeys(
                _named(stats),
                _key(f"{about}\0{len(stats.articles)}"),
                _key(about + "".join([keys[a.id] for a in dossier])),
                actor_pages.dossier_paths(stats, len(dossier)),
                actor_pages.index_row(stats),
            )
        else:
            assert last is not None
            made, positions = last.actors[actor_id], []
        actor_keys[actor_id] = made
        facts[actor_id] = made.facts
        if carried is not None and not positions:
            carried.groups.append(f"{ACTOR}:{actor_id}")
        else:
            groups.append(Group(ACTOR, actor_id, made.key, made.paths, positions))
    newest = ordered[: feeds.FEED_SIZE]
    feed = "articles/feed.xml"
    inputs = _key(f"{version}\0{feed}\0" + "".join([keys[a.id] for a in newest]))
    groups.append(Group(FEED, feed, inputs, [feed], list(range(len(newest)))))
    linked = {s.actor.country for s in actors.values() if s.actor.country and s.actor.country not in actors}
    listed = {c: lexicon.actors[c] for c in sorted(linked) if c in lexicon.actors}
    shared = Shared(ordered, actors, listed, settings)
    kept_now = PlanKeys(version, article_keys, actor_keys)
    return Plan(articles, shared, version, keys, by_month, groups, facts, kept_now, pages, carried)


def placed(shared: Shared, group: Group) -> Group:
    """The group with its articles' positions, which a plan leaves out for a kept actor's group."""
    if group.positions or group.kind != ACTOR:
        return group
    return group._replace(positions=[n for n, a in enumerate(shared.ordered) if group.name in a.actors])


# Partitions of the groups of pages: a few per worker, weighed by their articles and a share for
# each group's own page and feed, so that each takes about as long; none above `GROUP_WEIGHT`, so
# that a partition's pages wait to be handed back in bounded memory, and a lost worker's (on a
# cluster) are made again at bounded cost.
PARTS_PER_WORKER = 4
GROUP_WEIGHT = 5_000
PER_GROUP = 10  # a group's weight besides its articles
IN_FLIGHT_PER_WORKER = 4  # partitions of pages scheduled per worker at a time, to bound what waits


def group_partitions(groups: list[Group], workers: int) -> list[list[Group]]:
    """The groups in consecutive partitions of about the same number of articles, a few per
    worker and none above `GROUP_WEIGHT`."""
    total = sum(len(g.positions) + PER_GROUP for g in groups)
    weight = max(1, min(GROUP_WEIGHT, -(-total // (workers * PARTS_PER_WORKER))))
    parts: list[list[Group]] = []
    load = weight
    for group in groups:
        if load >= weight:
            parts.append([])
            load = 0
        parts[-1].append(group)
        load += len(group.positions) + PER_GROUP
    return parts


def _made_here(shared: Shared) -> Callable[[Group], dict[str, str]]:
    """`make_group` in this process, with one `CoActors` made at the first dossier."""
    co_actors = functools.cache(lambda: actor_pages.CoActors(shared.ordered))
    return lambda group: make_group(shared, group, co_actors())


def made_by(engine: PageEngine, shared: Shared, groups: list[Group]) -> Callable[[Group], dict[str, str]]:
    """The groups made by `engine` and handed on one at a time, in their order, as the tree
    asks for them; a group it was not given (or one asked for out of order) is made here."""
    results = engine.make_groups(shared, groups)
    pending = zip([(g.kind, g.name) for g in groups], results, strict=True)
    waiting = {(g.kind, g.name) for g in groups}
    here = _made_here(shared)

    def made(group: Group) -> dict[str, str]:
        if (group.kind, group.name) in waiting:
            for which, files in pending:
                waiting.discard(which)
                if which == (group.kind, group.name):
                    return files
        return here(group)

    return made


def generate(
    plan: Plan, made: Callable[[Group], dict[str, str]] | None = None
) -> Iterator[tuple[str, Content]]:
    """The whole generated part of docs/, as (relative path, content) made one at a time as they
    are consumed. What depends on a few inputs is keyed by them (see `output.Keyed`): an
    article's page and its pieces of the exports by its render key, an actor's dossier and a
    month's listing by their articles' keys, so a build makes again only what they changed. The
    groups are made by `made` (`made_by` an engine), else in this process."""
    shared, version, keys, articles = plan.shared, plan.version, plan.keys, plan.articles
    ordered, actors, settings = shared.ordered, shared.actors, shared.settings
    make = made or _made_here(shared)
    for article in plan.pages:
        render = functools.partial(article_page, article, actors, settings)
        yield urls.page_path(article), Keyed(keys[article.id], render)

    def kind(wanted: str) -> Iterator[tuple[str, Grouped]]:
        for group in plan.groups:
            if group.kind == wanted:
                yield group_name(group), Grouped(group.key, group.paths, functools.partial(make, group))

    yield from kind(MONTH)
    yield "articles/index.md", listings.all_articles_page(plan.by_month, settings)
    yield from kind(ACTOR)
    rows = {actor_id: made.row for actor_id, made in plan.kept.actors.items()}
    for page in actor_pages.actor_indexes(actors, settings, rows):
        yield page.path, Keyed(_key(f"{version}\0{page.path}\0{page.inputs}"), page.make)
    yield "index.md", home_page(ordered, actors, settings)
    yield from kind(FEED)
    # The exports grow with the archive's text: they are made and written a piece at a time,
    # one run of pieces per kind of line, tagged by the keys the lines are made from.
    tags = [keys[a.id] for a in articles]
    yield "export/articles.jsonl", Chunks([Tagged(tags, lambda n: _export_line(articles[n], actors))])
    yield "export/mentions.csv", Chunks([
        export.mentions_csv_header(), Tagged(tags, lambda n: export.mentions_rows(articles[n], actors))
    ])  # fmt: skip
    facts = plan.facts
    # Actor by actor, keyed by its facts: a build writes again only the lines of the actors it
    # changed. The facts' key is already a digest, so a tag is that key and the line's kind.
    by_id = sorted(actors.values(), key=lambda s: s.actor.id)
    about = [facts[s.actor.id] for s in by_id]
    yield "export/actors.json", Chunks([
        export.ACTORS_JSON_START,
        Tagged([f + ("j0" if n else "j1") for n, f in enumerate(about)], lambda n: export.actors_json_piece(by_id[n], n == 0)),
        export.ACTORS_JSON_END,
    ]) if by_id else export.ACTORS_JSON_EMPTY  # fmt: skip
    yield "export/actors.csv", Chunks([
        export.actors_csv_header(), Tagged([f"{f}c" for f in about], lambda n: export.actors_csv_row(by_id[n]))
    ])  # fmt: skip


def article_page(article: Article, actors: dict[str, ActorStats], settings: Settings) -> str:
    return article_pages.article_page(article, settings, export.actors_by_type(article, actors))


def _export_line(article: Article, actors: dict[str, ActorStats]) -> str:
    """The article's line of articles.jsonl."""
    record = export.article_record(article, export.actors_by_type(article, actors))
    return json.dumps(record, ensure_ascii=False) + "\n"


class Deduplicated(NamedTuple):
    kept: list[Article]
    duplicates: list[Duplicate]


def without_duplicates(articles: list[Article]) -> Deduplicated:
    """The same text delivered twice (a scraper's re-run, a feed overlap) is published once: the
    first by source path; the others are reported as duplicates of it."""
    first: dict[str, Article] = {}
    kept: list[Article] = []
    duplicates: list[Duplicate] = []
    for article in sorted(articles, key=lambda a: a.source):
        key = article.text_hash or " ".join(fold(article.body).split())
        if key in first:
            duplicates.append(Duplicate(article, first[key].source))
        else:
            first[key] = article
            kept.append(article)
    return Deduplicated(kept, duplicates)


class Stopwatch:
    """Seconds per stage, and the process's peak memory at the end of each, for the build
    report and the benchmarks."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self.peak_mb: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self._last
        self.peak_mb[stage] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self._last = now


def run_build(options: BuildOptions) -> Report:
    with build_lock(_lock_file(options)):
        return _build(options)


def _lock_file(options: BuildOptions) -> Path:
    return options.state_dir / ".archive-build.lock"


class Source(NamedTuple):
    """What the editor's folder says besides the articles."""

    settings: Settings
    register: Register


def open_source(source: Path, articles: Path | str | None = None) -> Source:
    """The editor's settings and register; a folder that cannot be built stops here, and so
    do articles (`source`/articles unless given) that are not there."""
    articles = source / "articles" if articles is None else articles
    if not _is_folder(articles):
        raise BuildError(f"no articles folder: {articles} does not exist")
    try:
        return Source(load_settings(source), load_register(source))
    except (SettingsError, RegisterError) as error:
        raise BuildError(str(error)) from None


class Read(NamedTuple):
    report: Report
    cache: Cache  # for the next build


def read_archive(
    articles: Path | str,
    settings: Settings,
    progress: Progress = SILENT,
    analysis: Analysis | None = None,
    engine: Engine = ProcessPool(),
) -> Read:
    """Every raw input read and accounted for: unique articles, duplicates, skipped files. What
    `archive check` shows and what `archive build` publishes start from the same report; with
    `analysis`, the articles come with their actors, and the cache for the next build."""
    report = Report()
    found: list[Article] = []
    cache = Cache(analysis.cache.read_version, analysis.cache.analysis_version) if analysis else Cache()
    reading = finding = 0.0
    for result in read_all(articles, settings, progress, analysis, engine):
        for item in result.items:
            if isinstance(item, Article):
                found.append(item)
            else:
                report.skipped.append(item)
        if result.key is not None:
            cache.files[result.rel] = (result.key, result.items)
        report.files_read += result.read
        report.articles_analysed += result.analysed
        report.actors_interpreted |= result.interpreted
        reading += result.reading
        finding += result.finding
    report.published, report.duplicates = without_duplicates(found)
    report.processor_seconds = {"read": reading, "actors": finding}
    return Read(report, cache)


@dataclass
class Archive:
    """The archive read and its actors resolved: what the page and index stages start from."""

    settings: Settings
    lexicon: Lexicon
    cache: Cache  # as the last build left it
    next_cache: Cache  # for the next build
    report: Report
    actors: dict[str, ActorStats]
    resolution: incremental.ResolutionState | None = None  # for the next build
    changed: incremental.Changed | None = None  # what the resolution redid, when made in part


def _is_folder(location: Path | str) -> bool:
    if not is_url(location):
        return Path(location).is_dir()
    try:
        import fsspec
    except ImportError:
        raise BuildError(f"articles at {location} need fsspec: pip install 'build-archive[dask]'") from None
    try:
        fs, path = fsspec.core.url_to_fs(str(location))
        return bool(fs.isdir(path))
    except (ImportError, ValueError) as error:  # no such protocol, or its library is missing
        raise BuildError(f"articles at {location}: {error}") from None


def _engine(options: BuildOptions) -> Engine:
    return options.engine or ProcessPool(options.jobs or os.cpu_count() or 1)


def read_and_resolve(options: BuildOptions, watch: Stopwatch) -> Archive:
    settings, register = open_source(options.source, options.articles)
    # What every build loads before reading an article is kept built in the cache folder.
    use_model_cache(options.state_dir / "cache")
    lexicon = load_lexicon(settings.language, register, options.state_dir / "cache")
    watch.lap("lists")
    read_version = f"{code_version()}:{settings.language}:{settings.max_article_bytes}"
    versions = (read_version, f"{code_version()}:{lexicon.fingerprint}")
    cache = Cache(*versions) if options.full else load_cache(_cache_file(options), *versions)
    engine = _engine(options)
    analysis = Analysis(lexicon, register, cache, _cache_file(options).parent)
    report, next_cache = read_archive(options.articles_root, settings, options.progress, analysis, engine)
    watch.lap("read and actors")
    with options.progress.waiting(
        "resolving actors", f"{len(report.published):,} articles", len(report.published)
    ):
        kept = None if options.full or not cache.fresh else load_keyed(_resolution_file(options), versions[1])
        state = kept if isinstance(kept, incremental.ResolutionState) else None
        resolution = _resolve(report, lexicon, register, state, cache)
    watch.lap("resolve")
    return Archive(
        settings, lexicon, cache, next_cache, report, resolution.actors, resolution.state, resolution.changed
    )


class Resolved(NamedTuple):
    actors: dict[str, ActorStats]
    state: incremental.ResolutionState  # for the next build
    changed: incremental.Changed | None  # what was redone, when made from the last build's


def _resolve(
    report: Report,
    lexicon: Lexicon,
    register: Register,
    state: incremental.ResolutionState | None = None,
    cache: Cache | None = None,
) -> Resolved:
    report.published = urls.assign_slugs(report.published)
    # Archive-wide, so after every article is analysed (cached or not) and before the actors are
    # counted: a name one article gave no evidence for is what other articles showed it to be,
    # and a bare surname joins the one full name it belongs to. The last build's resolution,
    # when kept, is redone for what changed only (`incremental`), with the same result.
    previous = cache.files if cache is not None else None
    resolution, kept = incremental.resolve(report.published, lexicon, register, state, previous)
    report.published, report.ambiguous = resolution.articles, resolution.ambiguous
    report.resolved_in_part = resolution.in_part
    return Resolved(resolution.actors, kept, resolution.changed)


CACHE_FILE = "articles.pickle"  # in the cache folder


def _cache_file(options: BuildOptions) -> Path:
    return options.state_dir / "cache" / CACHE_FILE


def _resolution_file(options: BuildOptions) -> Path:
    """The last build's resolution (`incremental.ResolutionState`), under the analysis version."""
    return options.state_dir / "cache" / "resolution.pickle"


def _unmentioned(article: Article) -> Article:
    return replace(article, mentions=(), candidates=()) if article.mentions or article.candidates else article


def _update_index(options: BuildOptions, report: Report, actors: dict[str, ActorStats]) -> None:
    # Imported once the pages are published: MkDocs does not wait for what only the index needs.
    from .search.index import update_index

    try:
        report.index = update_index(
            options.index_path,
            report.published,
            actors,
            options.full,
            processes=1 if options.published else 2,  # MkDocs renders meanwhile, on the other core
        )
    except IndexError_ as error:
        raise BuildError(str(error)) from None


def _build(options: BuildOptions) -> Report:
    started = time.perf_counter()
    watch = Stopwatch()
    chosen = _engine(options)
    engine = chosen if isinstance(chosen, PageEngine) else None
    with engine.running() if engine is not None else contextlib.nullcontext():
        archive = read_and_resolve(options, watch)
        report, articles, settings = archive.report, archive.report.published, archive.settings
        state, changed = archive.resolution, archive.changed
        last = state.pages if state is not None and isinstance(state.pages, PlanKeys) else None
        kept = Kept(last, changed) if last is not None and changed is not None else None
        generated = options.state_dir / "generated"
        held = held_generation(generated, kept.keys.generation) if kept is not None else None
        planned = plan(articles, archive.actors, archive.lexicon, settings, kept, held)
        watch.lap("pages")
        # The resolution is kept for the next build, whose resolution starts from it and from
        # the cache, which holds the articles it was made from, and whose plan starts from this
        # plan's keys; it is put in place once the cache is. A resolution made afresh is written
        # now, so that the pages and the index are made without it in memory. One made in part
        # is written once the pages are published: such a build makes few pages, and the state
        # is the same size whatever changed, so MkDocs need not wait for it.
        keep_resolution = None
        if state is not None:
            state.pages = planned.kept
            if changed is None:
                keep_resolution = staged_keyed(
                    _resolution_file(options), archive.cache.analysis_version, state
                )
                state = None
                watch.lap("resolution kept")
            archive.resolution = None
        made = None
        if engine is not None:
            # Only the groups that the published generation does not hold as they are now.
            published = kept_groups(generated)
            todo = [
                placed(planned.shared, g)
                for g in planned.groups
                if published.get(group_name(g)) != [g.key, g.paths]
            ]
            made = made_by(engine, planned.shared, todo)
        # A plan that carries the published generation's unchanged files (a build from the last
        # one's keys) leaves a few to make: the local pool makes them here, as the tree asks.
        if isinstance(chosen, ProcessPool) and planned.carried is None:
            tree, staging = chosen.make_tree(planned, generated)
        else:
            tree, staging = generate(planned, made), None
        counted = options.progress.count(tree, None, "pages", "files", scale=len(articles))
        stats = write_tree(options.docs, counted, generated, planned.carried, staging)
        if stats.changes is not None:
            planned.kept.generation = stats.changes.current
        report.written, report.removed, report.settings = stats.written, stats.removed, settings
        report.changes = stats.changes
        watch.lap("pages")
    if engine is not None:
        watch.lap("cluster")
    del planned, tree, counted, made
    if options.published is not None:
        report.timings, report.peak_mb = dict(watch.timings), dict(watch.peak_mb)
        report.seconds = time.perf_counter() - started
        options.published(report)
    watch.lap("published")  # the stages before this one are what MkDocs waits for
    # What only the next build needs is kept once MkDocs can render: the cache, then the
    # resolution made with it. A build stopped before either is in place leaves the last
    # build's, which the next build starts from as if this one had not run.
    if save_cache(archive.next_cache, archive.cache, _cache_file(options)):
        watch.lap("cache")
    if keep_resolution is not None:
        keep_resolution()
    if state is not None:
        save_later(_resolution_file(options), archive.cache.analysis_version, state, _lock_file(options))
        del state
        watch.lap("resolution kept")
    # The index needs only the published articles' text and their actors: what else the build
    # held (both caches with every file's results, the plan of the pages, where each actor is
    # named) is freed before the index's writers make their segments, so that they reuse its
    # memory instead of adding to it. The report keeps the articles without their mentions.
    actors = archive.actors
    del archive
    report.published = articles = [_unmentioned(article) for article in articles]
    with options.progress.waiting("search index", f"{len(articles):,} articles", len(articles)):
        _update_index(options, report, actors)
    watch.lap("index")
    if stats.cleaner is not None:
        stats.cleaner.wait()
        watch.lap("cleaning")
    report.timings, report.peak_mb = watch.timings, watch.peak_mb
    report.seconds = time.perf_counter() - started
    write_report(report, options.report_path)
    return report
