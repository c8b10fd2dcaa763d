"""The archive build: raw articles in `site_src/` to generated pages in `docs/`.

The I/O edge of the pipeline: it lists and reads files, runs the pure stages in order and
hands the resulting tree to `output`. Everything a build needs is in `BuildOptions`, so the
command line and the MkDocs plugin run exactly the same build.
"""

from __future__ import annotations

import fcntl
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import actor_pages, export, pages
from .actors import find_actors
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


class BuildError(Exception):
    """The build itself cannot run (as opposed to a bad article, which is only reported)."""


@dataclass(frozen=True)
class BuildOptions:
    source: Path = Path("site_src")
    docs: Path = Path("docs")
    report: Path = Path("build/report.json")
    index: Path = Path("build/index")
    full: bool = False  # rebuild the search index from scratch
    progress: bool = False


def read_all(source: Path, settings: Settings, progress: bool = False) -> Iterator[Article | Skipped]:
    articles_dir = source / "articles"
    for path in _progress(list(article_files(articles_dir)), "reading", progress):
        if isinstance(path, Skipped):
            yield path
        else:
            yield from read_path(path, articles_dir, settings.language, settings.max_article_bytes)


def generate(
    articles: list[Article], actors: dict[str, ActorStats], lexicon: Lexicon, settings: Settings
) -> dict[str, str]:
    """The whole generated part of docs/, as relative path -> page text."""
    grouped = {a.id: export.actors_by_type(a, actors) for a in articles}
    tree = {pages.page_path(a): pages.article_page(a, settings, grouped[a.id]) for a in articles}
    tree.update(pages.index_pages(articles, settings))
    tree.update(actor_pages.all_actor_pages(articles, actors, lexicon, settings))
    tree["index.md"] = home_page(articles, actors, settings)
    tree["articles/feed.xml"] = atom(settings.site_name, "articles/feed.xml", articles, settings.language,
                                     settings.site_name)  # fmt: skip
    tree["export/articles.jsonl"] = export.articles_jsonl(articles, grouped)
    tree["export/actors.json"] = export.actors_json(actors)
    tree["export/actors.csv"] = export.actors_csv(actors)
    tree["export/mentions.csv"] = export.mentions_csv(articles, actors)
    return tree


def without_duplicates(articles: list[Article]) -> tuple[list[Article], list[tuple[Article, str]]]:
    """The same text delivered twice (a scraper's re-run, a feed overlap) is published once: the
    first by source path; the others are reported as duplicates of it."""
    first: dict[str, Article] = {}
    kept, duplicates = [], []
    for article in sorted(articles, key=lambda a: a.source):
        key = " ".join(fold(article.body).split())
        if key in first:
            duplicates.append((article, first[key].source))
        else:
            first[key] = article
            kept.append(article)
    return kept, duplicates


class Stopwatch:
    """Seconds per stage, for the build report and the benchmarks."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self._last
        self._last = now


def _progress(items: list, desc: str, enabled: bool) -> Iterable:
    if enabled and len(items) >= PROGRESS_FROM and sys.stderr.isatty():
        from tqdm import tqdm

        return tqdm(items, desc=desc, unit="article", file=sys.stderr)
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


def read_archive(source: Path, settings: Settings, progress: bool = False) -> Report:
    """Every raw input read and accounted for: unique articles, duplicates, skipped files. What
    `archive check` shows and what `archive build` publishes start from the same report."""
    report = Report()
    found: list[Article] = []
    for item in read_all(source, settings, progress):
        (found if isinstance(item, Article) else report.skipped).append(item)
    report.published, report.duplicates = without_duplicates(found)
    return report


def _build(options: BuildOptions) -> Report:
    started = time.perf_counter()
    watch = Stopwatch()
    settings, register = open_source(options.source)
    lexicon = load_lexicon(settings.language, register)
    watch.lap("lists")
    report = read_archive(options.source, settings, options.progress)
    watch.lap("read")
    slugged = pages.assign_slugs(report.published)
    articles = [find_actors(a, lexicon, register) for a in _progress(slugged, "actors", options.progress)]
    watch.lap("actors")
    report.published = articles
    actors = resolve_archive(articles, lexicon)
    watch.lap("resolve")
    tree = generate(articles, actors, lexicon, settings)
    watch.lap("pages")
    stats = write_tree(options.docs, tree, options.report.parent / "generated")
    watch.lap("write")
    try:
        report.index = update_index(options.index, articles, actors, full=options.full)
    except IndexError_ as error:
        raise BuildError(str(error)) from None
    watch.lap("index")
    report.written, report.removed = stats.written, stats.removed
    report.timings = watch.timings
    report.seconds = time.perf_counter() - started
    write_report(report, options.report)
    return report
