"""The archive build: raw articles in `site_src/` to generated pages in `docs/`.

The I/O edge of the pipeline: it lists and reads files, runs the pure stages in order and
hands the resulting tree to `output`. Everything a build needs is in `BuildOptions`, so the
command line and the MkDocs plugin run exactly the same build.
"""

from __future__ import annotations

import fcntl
import functools
import json
import multiprocessing
import os
import resource
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from . import actor_pages, export, pages
from .actors import find_actors
from .cache import Cache, Results, StatKey, code_version, stat_key
from .cache import load as load_cache
from .cache import save as save_cache
from .derive import load_language_model, use_model_cache
from .feeds import atom
from .folding import fold
from .home import home_page
from .lexicon import Lexicon, load_lexicon
from .model import Article, Skipped
from .output import Chunks, Content, Keyed, Piece, digest, write_tree
from .progress import SILENT, Progress
from .readers import article_files, read_path
from .register import Register, RegisterError, load_register
from .report import Report, write_report
from .resolve import ActorStats, join_names, join_surnames, resolve_archive
from .search_index import LOCK_WAIT, IndexError_, update_index
from .settings import Settings, SettingsError, load_settings
from .state import state_folder

PARALLEL_FROM = 100  # files to read or analyse; fewer are done before processes would start


class BuildError(Exception):
    """The build itself cannot run (as opposed to a bad article, which is only reported)."""


@dataclass(frozen=True)
class BuildOptions:
    source: Path = Path("site_src")
    docs: Path = Path("docs")
    # None: in the archive's state folder (`state`, itself derived from `docs` when None).
    report: Path | None = None
    index: Path | None = None
    state: Path | None = None
    full: bool = False  # ignore the build cache and rebuild the search index from scratch
    # Called with the report once the pages are published, before the search index is updated:
    # the MkDocs plugin renders them meanwhile (see plugin.py).
    published: Callable[[Report], None] | None = None
    jobs: int | None = None  # processes that read and find actors; None: one per core
    progress: Progress = SILENT  # silent unless given a stream

    def __post_init__(self) -> None:
        state = self.state if self.state is not None else state_folder(self.docs)
        object.__setattr__(self, "state", state)
        if self.report is None:
            object.__setattr__(self, "report", state / "report.json")
        if self.index is None:
            object.__setattr__(self, "index", state / "index")


@dataclass(frozen=True)
class Analysis:
    """What actor finding needs; with it, the read stage also finds each article's actors."""

    lexicon: Lexicon
    register: Register
    cache: Cache
    jobs: int = 1


@dataclass(frozen=True)
class FileResult:
    rel: str
    key: StatKey | None  # the file's stat when it was read; None for what is not a file
    items: Results
    read: bool = False  # read from disk by this build (else its cached results were used)
    analysed: int = 0  # articles whose actors this build found (else they came from the cache)
    seconds: tuple[float, float] = (0.0, 0.0)  # processor time reading it, finding its actors


# Set in the parent just before the worker processes fork, so that each inherits the loaded
# lists and the cache instead of loading them again, and a task is only a path.
_WORK: tuple | None = None


def _process(task: tuple[Path, Results | None]) -> tuple[Results, bool, int, float, float]:
    """Read one raw file (unless its cached results are given) and find the actors of its
    articles (unless the same text was analysed before): the results, whether the file was read,
    how many articles were analysed, and the seconds spent on each, for the report."""
    path, items = task
    root, settings, analysis = _WORK
    started = time.perf_counter()
    read = items is None
    if read:
        items = tuple(read_path(path, root, settings.language, settings.max_article_bytes))
    reading = time.perf_counter() - started
    analysed, results = 0, []
    for item in items:
        if isinstance(item, Article) and analysis is not None:
            known = analysis.cache.analysed(item)
            analysed += known is None
            item = known or find_actors(item, analysis.lexicon, analysis.register)
        results.append(item)
    return tuple(results), read, analysed, reading, time.perf_counter() - started - reading


def read_all(
    source: Path, settings: Settings, progress: Progress = SILENT, analysis: Analysis | None = None
) -> Iterator[FileResult]:
    """Every raw file's articles (or the reason it was skipped), in a stable order; files
    unchanged since the cached build are not read again, and the rest are read and analysed
    over `analysis.jobs` processes."""
    global _WORK
    root = source / "articles"
    listed: list[tuple[str | Skipped, str, StatKey | None, Results | None]] = []
    for found in article_files(root):
        if isinstance(found, Skipped):
            listed.append((found, found.source, None, (found,)))
            continue
        path, rel = found
        key = stat_key(path)
        cached = analysis.cache.read(rel, key) if analysis else None
        listed.append((path, rel, key, cached))
    fresh = analysis is None or analysis.cache.fresh
    todo = [(Path(path), cached) for path, _, _, cached in listed if cached is None or not fresh]
    _WORK = (root, settings, analysis)
    jobs = analysis.jobs if analysis else 1
    # Not forked from a process with other threads (mkdocs serve): a thread that holds a lock at
    # the moment of the fork would leave a worker waiting for it forever.
    if jobs > 1 and len(todo) >= PARALLEL_FROM and threading.active_count() == 1:
        load_language_model()
        pool = multiprocessing.get_context("fork").Pool(jobs)
        done = pool.imap(_process, todo, chunksize=8)
    else:
        pool, done = None, map(_process, todo)
    try:
        done = iter(progress.count(done, len(todo), "reading and finding actors", "files", scale=len(todo)))
        for path, rel, key, cached in listed:
            if isinstance(path, Skipped):
                yield FileResult(rel, None, cached)
            elif cached is not None and fresh:
                yield FileResult(rel, key, cached)
            else:
                items, read, analysed, reading, finding = next(done)
                yield FileResult(rel, key, items, read, analysed, (reading, finding))
    finally:
        if pool is not None:
            pool.terminate()
        _WORK = None


def render_key(article: Article, actors: dict[str, ActorStats], version: str) -> str:
    """Everything an article's own outputs depend on besides the code, settings and lists (in
    `version`): its text and metadata, what its mentions were found with, and the names and
    types its actors have in this build."""
    named = [f"{a}\0{actors[a].actor.type}\0{actors[a].actor.name}" for a in article.actors if a in actors]
    corrections = repr(sorted(article.corrections.items())) if article.corrections else ""
    return _key("\x1f".join([article.content_hash, corrections, version, article.id, article.slug,
                                 article.source, article.author or "", article.source_url or "", *named]))  # fmt: skip


def _key(text: str) -> str:
    return digest(text.encode())


def _group(key: str, paths: list[str], make: Callable[[], dict[str, str]]) -> Iterator[tuple[str, Keyed]]:
    """Files made together from the same inputs (an actor's dossier, a month's listing), each
    keyed by the group's key: the group is made once, and only if one of them must be made."""
    made = functools.cache(make)
    for path in paths:
        yield path, Keyed(key, lambda path=path: made()[path])


def generate(
    articles: list[Article], actors: dict[str, ActorStats], lexicon: Lexicon, settings: Settings
) -> Iterator[tuple[str, Content]]:
    """The whole generated part of docs/, as (relative path, content) made one at a time as they
    are consumed. What depends on a few inputs is keyed by them (see `output.Keyed`): an
    article's page and its pieces of the exports by its render key, an actor's dossier and a
    month's listing by their articles' keys, so a build makes again only what they changed."""
    version = f"{code_version()}:{lexicon.fingerprint}:{settings!r}"
    keys = {article.id: render_key(article, actors, version) for article in articles}
    for article in articles:
        render = functools.partial(article_page, article, actors, settings)
        yield pages.page_path(article), Keyed(keys[article.id], render)
    ordered = pages.newest_first(articles)
    by_month = pages.months(ordered)
    for key, group in by_month:
        inputs = _key(f"{version}\0{key}\0" + "".join([keys[a.id] for a in group]))
        make = functools.partial(pages.month_pages, key, group, settings)
        yield from _group(inputs, pages.month_paths(key, len(group)), make)
    yield "articles/index.md", pages.all_articles_page(by_month, settings)
    co_actors = actor_pages.CoActors(ordered)
    for stats, own in actor_pages.dossiers(ordered, actors):
        country = actors.get(stats.actor.country) if stats.actor.country else None
        about = repr((version, stats.actor, stats.names, stats.mentions, country and country.actor.name))
        inputs = _key(about + "".join([keys[a.id] for a in own]))
        make = functools.partial(actor_pages.dossier, stats, own, actors, lexicon, settings, co_actors)
        yield from _group(inputs, actor_pages.dossier_paths(stats, len(own)), make)
    yield from actor_pages.actor_indexes(actors, settings)
    yield "index.md", home_page(ordered, actors, settings)
    yield "articles/feed.xml", atom(settings.site_name, "articles/feed.xml", ordered, settings.language,
                                    settings.site_name)  # fmt: skip
    # The exports, 100 MB at 10k articles, are made and written a piece at a time.
    yield (
        "export/articles.jsonl",
        Chunks(Piece(keys[a.id], functools.partial(_export_line, a, actors)) for a in articles),
    )
    yield "export/mentions.csv", Chunks(chain(
        [export.mentions_csv_header()],
        (Piece(keys[a.id], functools.partial(export.mentions_rows, a, actors)) for a in articles),
    ))  # fmt: skip
    yield "export/actors.json", export.actors_json(actors)
    yield "export/actors.csv", export.actors_csv(actors)


def article_page(article: Article, actors: dict[str, ActorStats], settings: Settings) -> str:
    return pages.article_page(article, settings, export.actors_by_type(article, actors))


def _export_line(article: Article, actors: dict[str, ActorStats]) -> str:
    """The article's line of articles.jsonl."""
    record = export.article_record(article, export.actors_by_type(article, actors))
    return json.dumps(record, ensure_ascii=False) + "\n"


def without_duplicates(articles: list[Article]) -> tuple[list[Article], list[tuple[Article, str]]]:
    """The same text delivered twice (a scraper's re-run, a feed overlap) is published once: the
    first by source path; the others are reported as duplicates of it."""
    first: dict[str, Article] = {}
    kept, duplicates = [], []
    for article in sorted(articles, key=lambda a: a.source):
        key = article.text_hash or " ".join(fold(article.body).split())
        if key in first:
            duplicates.append((article, first[key].source))
        else:
            first[key] = article
            kept.append(article)
    return kept, duplicates


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


@contextmanager
def build_lock(path: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """One build at a time per project: a second one waits up to `wait` seconds for the first,
    then stops with a message; two writers would interleave pages, exports and the index."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise BuildError(
                        f"another archive build is running (lock {path}); waited {wait:.0f} s. "
                        "Try again when it has finished."
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_build(options: BuildOptions) -> Report:
    with build_lock(options.state / ".archive-build.lock"):
        return _build(options)


def open_source(source: Path) -> tuple[Settings, Register]:
    """The editor's settings and register; a folder that cannot be built stops here."""
    if not (source / "articles").is_dir():
        raise BuildError(f"no articles folder: {source / 'articles'} does not exist")
    try:
        return load_settings(source), load_register(source)
    except (SettingsError, RegisterError) as error:
        raise BuildError(str(error)) from None


def read_archive(
    source: Path, settings: Settings, progress: Progress = SILENT, analysis: Analysis | None = None
) -> tuple[Report, Cache]:
    """Every raw input read and accounted for: unique articles, duplicates, skipped files. What
    `archive check` shows and what `archive build` publishes start from the same report; with
    `analysis`, the articles come with their actors, and the cache for the next build."""
    report = Report()
    found: list[Article] = []
    cache = Cache(analysis.cache.read_version, analysis.cache.analysis_version) if analysis else Cache()
    seconds = [0.0, 0.0]
    for result in read_all(source, settings, progress, analysis):
        for item in result.items:
            (found if isinstance(item, Article) else report.skipped).append(item)
        if result.key is not None:
            cache.files[result.rel] = (result.key, result.items)
        report.files_read += result.read
        report.articles_analysed += result.analysed
        seconds[0] += result.seconds[0]
        seconds[1] += result.seconds[1]
    report.published, report.duplicates = without_duplicates(found)
    report.processor_seconds = {"read": seconds[0], "actors": seconds[1]}
    return report, cache


@dataclass
class Archive:
    """The archive read and its actors resolved: what the page and index stages start from."""

    settings: Settings
    lexicon: Lexicon
    cache: Cache  # as the last build left it
    next_cache: Cache  # for the next build
    report: Report
    actors: dict[str, ActorStats]


def read_and_resolve(options: BuildOptions, watch: Stopwatch) -> Archive:
    settings, register = open_source(options.source)
    # What every build loads before reading an article is kept built in the cache folder.
    use_model_cache(options.state / "cache")
    lexicon = load_lexicon(settings.language, register, options.state / "cache")
    watch.lap("lists")
    read_version = f"{code_version()}:{settings.language}:{settings.max_article_bytes}"
    versions = (read_version, f"{code_version()}:{lexicon.fingerprint}")
    cache = Cache(*versions) if options.full else load_cache(_cache_file(options), *versions)
    jobs = options.jobs or os.cpu_count() or 1
    report, next_cache = read_archive(
        options.source, settings, options.progress, Analysis(lexicon, register, cache, jobs)
    )
    watch.lap("read and actors")
    with options.progress.waiting(
        "resolving actors", f"{len(report.published):,} articles", len(report.published)
    ):
        actors = _resolve(report, lexicon, register)
    watch.lap("resolve")
    return Archive(settings, lexicon, cache, next_cache, report, actors)


def _resolve(report: Report, lexicon: Lexicon, register: Register) -> dict[str, ActorStats]:
    report.published = pages.assign_slugs(report.published)
    # Archive-wide, so after every article is analysed (cached or not) and before the actors are
    # counted: a name one article gave no evidence for is what other articles showed it to be,
    # and a bare surname joins the one full name it belongs to.
    report.published = join_names(report.published, lexicon)
    report.published, report.ambiguous = join_surnames(report.published, lexicon, register)
    return resolve_archive(report.published, lexicon)


def _cache_file(options: BuildOptions) -> Path:
    return options.state / "cache" / "articles.pickle"


def _update_index(options: BuildOptions, archive: Archive) -> None:
    try:
        archive.report.index = update_index(
            options.index,
            archive.report.published,
            archive.actors,
            options.full,
            processes=1 if options.published else 2,  # MkDocs renders meanwhile, on the other core
        )
    except IndexError_ as error:
        raise BuildError(str(error)) from None


def _build(options: BuildOptions) -> Report:
    started = time.perf_counter()
    watch = Stopwatch()
    archive = read_and_resolve(options, watch)
    report, articles, settings = archive.report, archive.report.published, archive.settings
    tree = generate(articles, archive.actors, archive.lexicon, settings)
    counted = options.progress.count(tree, None, "pages", "files", scale=len(articles))
    stats = write_tree(options.docs, counted, options.state / "generated")
    report.written, report.removed, report.settings = stats.written, stats.removed, settings
    watch.lap("pages")
    if save_cache(archive.next_cache, archive.cache, _cache_file(options)):
        watch.lap("cache")
    if options.published is not None:
        report.timings, report.peak_mb = dict(watch.timings), dict(watch.peak_mb)
        report.seconds = time.perf_counter() - started
        options.published(report)
    # The index's writer forked for a first build never writes to the progress stream, so the
    # progress thread that runs meanwhile cannot leave it waiting for the stream's lock.
    with options.progress.waiting("search index", f"{len(articles):,} articles", len(articles)):
        _update_index(options, archive)
    watch.lap("index")
    if stats.cleaner is not None:
        stats.cleaner.wait()
        watch.lap("cleaning")
    report.timings, report.peak_mb = watch.timings, watch.peak_mb
    report.seconds = time.perf_counter() - started
    write_report(report, options.report)
    return report
