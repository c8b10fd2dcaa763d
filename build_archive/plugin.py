"""The MkDocs plugin: a plain `mkdocs build` or `mkdocs serve` runs the archive build first.

`on_config` runs at the start of every MkDocs build, including each rebuild of `mkdocs serve`,
before MkDocs lists `docs/`; so the generated pages are always in place when it reads them.
The search index is left to a process of its own (`archive index`) that runs while MkDocs
renders. `on_post_build` gives the built site (also `mkdocs serve`'s temporary one) its
Pagefind bundle, and the pages that search with it (`archive_search` in their front matter: the
Zoeken page) the preloads of the bundle's first files, whose names are known only then; then it
waits for the index. `on_serve` adds the editor's folder to the watched paths, so a new raw
article triggers a rebuild.

Above `theme_search_up_to` articles the theme's search plugin is switched off, so its one JSON
index of the whole site is not built, and the header's search box leads to the Zoeken page
(overrides/partials/header.html reads `config.extra.archive_search_page`).
"""

from __future__ import annotations

import contextlib
import logging
import subprocess
import sys
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .build import BuildError, BuildOptions, build_lock, run_build
from .pagefind import PagefindError, add_preloads, filter_files, first_files, index_site
from .settings import Settings

log = logging.getLogger("mkdocs.plugins.archive")


class ArchiveConfig(Config):
    source = opt.Type(str, default="site_src")
    report = opt.Type(str, default="build/report.json")
    index = opt.Type(str, default="build/index")
    pagefind = opt.Type(str, default="build/pagefind")  # the kept Pagefind bundle and its fingerprint


THEME_SEARCH = "material/search"


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    settings: Settings = Settings()
    indexer: subprocess.Popen | None = None  # `archive index`, running while MkDocs renders
    index_log: Path = Path("build/index.log")
    theme_search_configured: bool | None = None  # as mkdocs.yml has it, before any build here
    search_pages: list[Path]  # the built pages with `archive_search` in their front matter (set per build)

    def _root(self, config) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def on_config(self, config):
        root = self._root(config)
        options = BuildOptions(
            source=root / self.config.source,
            docs=Path(config.docs_dir),
            report=root / self.config.report,
            index=root / self.config.index,
            index_later=True,
        )
        self._finish_index()  # a rebuild of `mkdocs serve` waits for the last one's index
        try:
            report = run_build(options)
        except BuildError as error:
            raise PluginError(f"archive build: {error}") from None
        for line in report.summary().splitlines():
            log.info(line.strip())
        self.settings = report.settings
        self._choose_search(config, len(report.published))
        self.search_pages = []
        self._start_index(options)
        return config

    def _start_index(self, options: BuildOptions) -> None:
        """The search index updated by a process of its own while MkDocs renders the pages
        (`archive index`, from the build's cache): MkDocs keeps one core busy, the index the
        other. Its output goes to a file, which a full pipe could never block."""
        self.index_log = options.report.parent / "index.log"
        with open(self.index_log, "w") as log_file:
            self.indexer = subprocess.Popen(
                [sys.executable, "-m", "build_archive", "index", "--source", str(options.source),
                 "--report", str(options.report), "--index", str(options.index)],
                stdout=log_file, stderr=subprocess.STDOUT,
            )  # fmt: skip

    def _finish_index(self) -> None:
        if self.indexer is None:
            return
        code, self.indexer = self.indexer.wait(), None
        output = self.index_log.read_text(encoding="utf-8", errors="replace").strip()
        if code:
            raise PluginError(f"search index: {output or f'archive index failed ({code})'}")
        if output:
            log.info(output.splitlines()[-1])

    def _choose_search(self, config, articles: int) -> None:
        """The theme's search up to the configured number of articles, the Zoeken page above it.
        Decided on every build, so `mkdocs serve` follows an archive that grows past the limit."""
        theme_search = config.plugins.get(THEME_SEARCH)
        if theme_search is not None and self.theme_search_configured is None:
            self.theme_search_configured = bool(theme_search.config.enabled)
        use_theme = articles <= self.settings.theme_search_up_to and bool(self.theme_search_configured)
        if theme_search is not None:
            theme_search.config.enabled = use_theme
        config.extra["archive_search_page"] = not use_theme
        if articles > self.settings.theme_search_up_to:
            log.info(
                f"{articles} articles, more than theme_search_up_to ({self.settings.theme_search_up_to}): "
                "the header's search leads to the Zoeken page; no theme search index"
            )

    def on_post_page(self, output, page, config):
        if page.meta.get("archive_search"):
            self.search_pages.append(Path(page.file.abs_dest_path))
        return output

    def on_post_build(self, config):
        root = self._root(config)
        report = root / self.config.report
        try:
            # Its own lock: the build's is the index's while MkDocs renders.
            with build_lock(report.parent / ".pagefind.lock"):
                result = index_site(
                    Path(config.site_dir), root / self.config.pagefind, self.settings.language
                )
        except (PagefindError, BuildError) as error:
            raise PluginError(f"search index (Pagefind): {error}") from None
        site = Path(config.site_dir)
        files, filters = first_files(site, self.settings.language), filter_files(site)
        for page in self.search_pages:
            add_preloads(page, files, filters)
        if not result.pages:
            log.info("Pagefind: no article pages, no search index")
        elif result.ran:
            log.info(f"Pagefind: {result.pages} article pages indexed in {result.seconds:.1f} s")
        else:
            log.info(f"Pagefind: article pages unchanged, index reused ({result.seconds:.1f} s)")
        self._finish_index()

    def on_build_error(self, error):
        with contextlib.suppress(PluginError):  # MkDocs' own error is the one to show
            self._finish_index()

    def on_serve(self, server, config, builder):
        server.watch(str(self._root(config) / self.config.source))
        return server
