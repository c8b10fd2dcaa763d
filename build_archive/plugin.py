"""The MkDocs plugin: a plain `mkdocs build` or `mkdocs serve` runs the archive build first.

`on_config` runs at the start of every MkDocs build, including each rebuild of `mkdocs serve`,
before MkDocs lists `docs/`; so the generated pages are always in place when it reads them.
`on_serve` adds the editor's folder to the watched paths, so a new raw article triggers a rebuild.
`on_post_build` gives the built site (also `mkdocs serve`'s temporary one) its Pagefind bundle,
and the pages that search with it (`archive_search` in their front matter: the Zoeken page) the
preloads of the bundle's first files, whose names are known only then.

Above `theme_search_up_to` articles the theme's search plugin is switched off, so its one JSON
index of the whole site is not built, and the header's search box leads to the Zoeken page
(overrides/partials/header.html reads `config.extra.archive_search_page`).
"""

from __future__ import annotations

import logging
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
    theme_search_configured: bool | None = None  # as mkdocs.yml has it, before any build here
    search_pages: list[Path] = []  # the built pages with `archive_search` in their front matter

    def _root(self, config) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def on_config(self, config):
        root = self._root(config)
        options = BuildOptions(
            source=root / self.config.source,
            docs=Path(config.docs_dir),
            report=root / self.config.report,
            index=root / self.config.index,
        )
        try:
            report = run_build(options)
        except BuildError as error:
            raise PluginError(f"archive build: {error}") from None
        for line in report.summary().splitlines():
            log.info(line.strip())
        self.settings = report.settings
        self._choose_search(config, len(report.published))
        self.search_pages = []
        return config

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
            with build_lock(report.parent / ".archive-build.lock"):
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

    def on_serve(self, server, config, builder):
        server.watch(str(self._root(config) / self.config.source))
        return server
