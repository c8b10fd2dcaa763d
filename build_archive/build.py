"""The archive build: raw articles in `site_src/` to generated pages in `docs/`.

The I/O edge of the pipeline: it lists and reads files, runs the pure stages in order and
hands the resulting tree to `output`. Everything a build needs is in `BuildOptions`, so the
command line and the MkDocs plugin run exactly the same build.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import pages
from .model import Article, Skipped
from .output import write_tree
from .readers import article_files, read_path
from .report import Report, write_report
from .settings import Settings, SettingsError, load_settings

PROGRESS_FROM = 200  # files; smaller builds finish before a bar would help


class BuildError(Exception):
    """The build itself cannot run (as opposed to a bad article, which is only reported)."""


@dataclass(frozen=True)
class BuildOptions:
    source: Path = Path("site_src")
    docs: Path = Path("docs")
    report: Path = Path("build/report.json")
    progress: bool = False


def read_all(source: Path, settings: Settings, progress: bool = False) -> Iterator[Article | Skipped]:
    articles_dir = source / "articles"
    files: Iterable[Path] = list(article_files(articles_dir))
    if progress and len(files) >= PROGRESS_FROM and sys.stderr.isatty():
        from tqdm import tqdm

        files = tqdm(files, desc="reading", unit="file", file=sys.stderr)
    for path in files:
        yield from read_path(path, articles_dir, settings.language, settings.max_article_bytes)


def generate(articles: list[Article], settings: Settings) -> dict[str, str]:
    """The whole generated part of docs/, as relative path -> page text."""
    tree = {pages.page_path(a): pages.article_page(a, settings) for a in articles}
    tree.update(pages.index_pages(articles, settings))
    return tree


def run_build(options: BuildOptions) -> Report:
    started = time.perf_counter()
    if not (options.source / "articles").is_dir():
        raise BuildError(f"no articles folder: {options.source / 'articles'} does not exist")
    try:
        settings = load_settings(options.source)
    except SettingsError as error:
        raise BuildError(str(error)) from None
    report = Report()
    found: list[Article] = []
    for item in read_all(options.source, settings, options.progress):
        (found if isinstance(item, Article) else report.skipped).append(item)
    report.published = pages.assign_slugs(found)
    stats = write_tree(options.docs, generate(report.published, settings))
    report.written, report.removed = stats.written, stats.removed
    report.seconds = time.perf_counter() - started
    write_report(report, options.report)
    return report
