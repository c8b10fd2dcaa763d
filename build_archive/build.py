"""The archive build: raw articles in `site_src/` to generated pages in `docs/`.

The I/O edge of the pipeline: it lists and reads files, runs the pure stages in order and
hands the resulting tree to `output`. Everything a build needs is in `BuildOptions`, so the
command line and the MkDocs plugin run exactly the same build.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import multiprocessing
import os
import resource
import sys
import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import actor_pages, export, pages
from .actors import find_actors
from .cache import Cache, Results, StatKey, code_version, stat_key
from .cache import load as load_cache
from .cache import save as save_cache
from .derive import load_language_model
from .feeds import atom
from .folding import fold
from .home import home_page
from .lexicon import Lexicon, load_lexicon
from .model import Article, Skipped
from .output import write_tree
from .readers import article_files, read_path
from .register import Register, RegisterError, load_register
from .report import Report, write_report
from .resolve import ActorStats, resolve_archive
from .search_index import LOCK_WAIT, IndexError_, update_index
from .settings import Settings, SettingsError, load_settings

PROGRESS_FROM = 200  # files; smaller builds finish before a bar would help
PARALLEL_FROM = 100  # files to read or analyse; fewer are done before processes would start


class BuildError(Exception):
    """The build itself cannot run (as opposed to a bad article, which is only reported)."""


@dataclass(frozen=True)
class BuildOptions:
    source: Path = Path("site_src")
    docs: Path = Path("docs")
    report: Path = Path("build/report.json")
    index: Path = Path("build/index")
    full: bool = False  # ignore the build cache and rebuild the search index from scratch
    jobs: int | None = None  # processes that read and find actors; None: one per core
    progress: bool = False


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
    source: Path, settings: Settings, progress: bool = False, analysis: Analysis | None = None
) -> Iterator[FileResult]:
    """Every raw file's articles (or the reason it was skipped), in a stable order; files
    unchanged since the cached build are not read again, and the rest are read and analysed
    over `analysis.jobs` processes."""
    global _WORK
    root = source / "articles"
    listed: list[tuple[Path | Skipped, str, StatKey | None, Results | None]] = []
    for path in article_files(root):
        if isinstance(path, Skipped):
            listed.append((path, path.source, None, (path,)))
            continue
        rel, key = path.relative_to(root).as_posix(), stat_key(path)
        cached = analysis.cache.read(rel, key) if analysis else None
        listed.append((path, rel, key, cached))
    fresh = analysis is None or analysis.cache.fresh
    todo = [(path, cached) for path, _, _, cached in listed if cached is None or not fresh]
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
        done = iter(_progress(done, len(todo), "reading", progress))
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


ArticleOutputs = tuple[str, str, str]  # its page, its line of articles.jsonl, its rows of mentions.csv


def render_key(article: Article, actors: dict[str, ActorStats]) -> str:
    """Everything an article's own outputs depend on besides settings and code: its text and
    metadata, its mentions, and the names and types its actors have in this build."""
    named = [(a, actors[a].actor.type, actors[a].actor.name) for a in article.actors if a in actors]
    key = repr((article.content_hash, article.id, article.slug, article.source, article.mentions, named))
    return hashlib.blake2b(key.encode(), digest_size=16).hexdigest()


def article_outputs(article: Article, actors: dict[str, ActorStats], settings: Settings) -> ArticleOutputs:
    grouped = export.actors_by_type(article, actors)
    return (
        pages.article_page(article, settings, grouped),
        json.dumps(export.article_record(article, grouped), ensure_ascii=False) + "\n",
        export.mentions_rows(article, actors),
    )


def generate(
    articles: list[Article],
    actors: dict[str, ActorStats],
    lexicon: Lexicon,
    settings: Settings,
    memo: dict[str, tuple[str, bytes]] | None = None,
) -> tuple[dict[str, str], dict[str, tuple[str, bytes]]]:
    """The whole generated part of docs/, as relative path -> page text. Each article's own
    outputs are taken from `memo` (article id -> (render key, outputs)) when its render key is
    unchanged; the memo for the next build comes back with the tree."""
    memo = memo or {}
    done: dict[str, tuple[str, bytes]] = {}
    outputs: dict[str, ArticleOutputs] = {}
    for article in articles:
        key = render_key(article, actors)
        hit = memo.get(article.id)
        if hit and hit[0] == key:
            done[article.id] = hit
            outputs[article.id] = tuple(zlib.decompress(hit[1]).decode().split("\0"))
        else:
            outputs[article.id] = made = article_outputs(article, actors, settings)
            # Compressed: the memo of 10k articles is 160 MB as text, 30 MB like this.
            done[article.id] = (key, zlib.compress("\0".join(made).encode(), 1))
    tree = {pages.page_path(a): outputs[a.id][0] for a in articles}
    tree.update(pages.index_pages(articles, settings))
    tree.update(actor_pages.all_actor_pages(articles, actors, lexicon, settings))
    tree["index.md"] = home_page(articles, actors, settings)
    tree["articles/feed.xml"] = atom(settings.site_name, "articles/feed.xml", articles, settings.language,
                                     settings.site_name)  # fmt: skip
    tree["export/articles.jsonl"] = "".join(outputs[a.id][1] for a in articles)
    tree["export/actors.json"] = export.actors_json(actors)
    tree["export/actors.csv"] = export.actors_csv(actors)
    tree["export/mentions.csv"] = export.mentions_csv(outputs[a.id][2] for a in articles)
    return tree, done


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


def _progress(items: Iterable, total: int, desc: str, enabled: bool) -> Iterable:
    if enabled and total >= PROGRESS_FROM and sys.stderr.isatty():
        from tqdm import tqdm

        return tqdm(items, total=total, desc=desc, unit="file", file=sys.stderr)
    return items


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
    with build_lock(options.report.parent / ".archive-build.lock"):
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
    source: Path, settings: Settings, progress: bool = False, analysis: Analysis | None = None
) -> tuple[Report, Cache]:
    """Every raw input read and accounted for: unique articles, duplicates, skipped files. What
    `archive check` shows and what `archive build` publishes start from the same report; with
    `analysis`, the articles come with their actors, and the cache for the next build."""
    report = Report()
    found: list[Article] = []
    cache = (
        Cache(analysis.cache.read_version, analysis.cache.analysis_version, analysis.cache.pages_version)
        if analysis
        else Cache()
    )
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


def _differs(new: Cache, old: Cache) -> bool:
    """Whether the cache of this build holds anything the saved one does not: saving 75 MB at
    10k articles is not free, and a build with nothing new should write nothing."""
    if not old.fresh or new.files.keys() != old.files.keys() or new.pages.keys() != old.pages.keys():
        return True
    return any(
        old.files[rel][0] != key or old.files[rel][1] is not items for rel, (key, items) in new.files.items()
    ) or any(old.pages[k] is not v for k, v in new.pages.items())


def _build(options: BuildOptions) -> Report:
    started = time.perf_counter()
    watch = Stopwatch()
    settings, register = open_source(options.source)
    lexicon = load_lexicon(settings.language, register, options.report.parent / "cache")
    watch.lap("lists")
    cache_file = options.report.parent / "cache" / "articles.pickle"
    read_version = f"{code_version()}:{settings.language}:{settings.max_article_bytes}"
    versions = (read_version, f"{code_version()}:{lexicon.fingerprint}", f"{code_version()}:{settings!r}")
    cache = Cache(*versions) if options.full else load_cache(cache_file, *versions)
    jobs = options.jobs or os.cpu_count() or 1
    report, next_cache = read_archive(
        options.source, settings, options.progress, Analysis(lexicon, register, cache, jobs)
    )
    watch.lap("read and actors")
    articles = report.published = pages.assign_slugs(report.published)
    actors = resolve_archive(articles, lexicon)
    watch.lap("resolve")
    tree, next_cache.pages = generate(articles, actors, lexicon, settings, cache.pages)
    watch.lap("pages")
    stats = write_tree(options.docs, tree, options.report.parent / "generated")
    watch.lap("write")
    try:
        report.index = update_index(options.index, articles, actors, full=options.full)
    except IndexError_ as error:
        raise BuildError(str(error)) from None
    watch.lap("index")
    if _differs(next_cache, cache):
        save_cache(next_cache, cache_file)
        watch.lap("cache")
    report.written, report.removed = stats.written, stats.removed
    report.timings, report.peak_mb, report.settings = watch.timings, watch.peak_mb, settings
    report.seconds = time.perf_counter() - started
    write_report(report, options.report)
    return report
