"""The MkDocs plugin: a plain `mkdocs build` or `mkdocs serve` runs the archive build first.

`on_config` runs at the start of every MkDocs build, including each rebuild of `mkdocs serve`,
before MkDocs lists `docs/`; so the generated pages are always in place when it reads them.
The archive build runs as `archive build` in a process of its own: once it has published the
pages it tells their summary through a pipe, and MkDocs renders them while it goes on to update
the search index. Its memory goes back to the system when it ends instead of staying in MkDocs'
process, and it reads and finds actors over a process pool even under `mkdocs serve`, whose
threads rule out forking MkDocs' own process. Under `mkdocs serve` that process is a warm
builder kept from one rebuild to the next, with what it loaded (warm.py).
MkDocs renders the build's article pages without Python-Markdown (`render.article_html`), and
under `mkdocs build` puts the build's pages into the theme in its process and a fork of it side
by side (second_pass.py); and
the Pagefind bundle is made from docs/ in a process of its own (`pagefind.start`): for an
archive of up to `BESIDE_MKDOCS_UP_TO` articles as soon as the pages are published, beside
MkDocs and the search index, one shard at a time; above it, for memory, once MkDocs has let go
of its pages, a shard per core.
`on_post_build` waits for the archive build; then the built site (also `mkdocs serve`'s
temporary one) gets the Pagefind bundle, and the pages that search with it (`archive_search` in
their front matter: the Zoeken page) the preloads of the bundle's first files, whose names are
known only then: under `mkdocs build` once MkDocs has let go of its pages (`on_shutdown`), under
`mkdocs serve` at once. `on_serve` adds the editor's folder to the watched paths, so a new raw
article triggers a rebuild. The build's progress goes to MkDocs' stderr (`progress.py`).

Above `theme_search_up_to` articles the theme's search plugin is switched off, so its one JSON
index of the whole site is not built, and the header's search box leads to the Zoeken page
(overrides/partials/header.html reads `config.extra.archive_search_page`).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import mkdocs.commands.build
import mkdocs.utils
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.files import get_files as _get_files  # MkDocs' own listing of docs/
from mkdocs.structure.toc import get_toc

from .generate.front_matter import FILTER_PARTS, SPLIT_FILTERS, read_front_matter
from .generate.render import article_html, link_url
from .memory import release_memory
from .preview import changed_files, generated_file, is_generated
from .publish.report import index_line
from .publish.state import state_folder
from .search.pagefind import (
    BESIDE_MKDOCS_UP_TO,
    PagefindError,
    add_preloads,
    finish,
    index_files,
    start,
    stop,
)
from .second_pass import CHUNK, Split
from .settings import Settings
from .warm import Builder

log = logging.getLogger("mkdocs.plugins.archive")


class ArchiveConfig(Config):
    source = opt.Type(str, default="site_src")
    # What the archive's builds keep (generations, cache, report, lock, search index, Pagefind
    # bundle): by default derived from docs_dir as `archive build` derives it (build/ beside
    # docs/), so the plugin and the command line build one archive with one state.
    state = opt.Optional(opt.Type(str))
    report = opt.Optional(opt.Type(str))  # default: STATE/report.json
    index = opt.Optional(opt.Type(str))  # default: STATE/index
    pagefind = opt.Optional(opt.Type(str))  # the kept Pagefind bundle and its fingerprint: STATE/pagefind
    # As `archive build --articles`, `--engine` and `--scheduler`: an archive built on a Dask
    # cluster is built the same way when MkDocs runs the build.
    articles = opt.Optional(opt.Type(str))  # default: SOURCE/articles; a folder or an fsspec URL
    engine = opt.Choice(("local", "dask"), default="local")
    scheduler = opt.Optional(opt.Type(str))


THEME_SEARCH = "material/search"
# The events MkDocs runs for a page in its second pass (and `Page.render` in it).
PAGE_EVENTS = ("pre_page", "page_markdown", "page_content", "page_context", "post_page")


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    settings: Settings = Settings()
    builder: Builder | None = None  # the build running, indexing while MkDocs renders (warm.py)
    warm: Builder | None = None  # under `mkdocs serve`: the warm builder, kept between rebuilds
    build_log: Path = Path("build/build.log")
    theme_search_configured: bool | None = None  # as mkdocs.yml has it, before any build here
    files: Files | None = None  # this build's, for the pages rendered in the second pass
    deferred: dict[str, str]  # src_uri -> title of the pages rendered in the second pass only
    command: str = "build"  # as MkDocs started: build, serve, gh-deploy
    serving: bool = False
    pending: Config | None = None  # a build whose site waits for its Pagefind bundle
    pagefind: subprocess.Popen | None = None  # making the Pagefind bundle while MkDocs renders
    search_pages: set[Path]  # the built pages with `archive_search` in their front matter
    dirty: bool = False  # `mkdocs serve --dirty` (as `make serve` runs it): only changed pages are built
    site_files: set[str]  # under --dirty: the last build's files in the site, to remove what went
    config_stamp: int | None = None  # under --dirty: mkdocs.yml's modification time at the last build
    indexing: threading.Thread | None = None  # under `mkdocs serve`: the search indexes, after a build
    running: subprocess.Popen | None = None  # the Pagefind process being waited for
    stopped: bool = False  # that process was given up for a newer change
    # Under `mkdocs serve` a rebuild may give up the last build's Pagefind while its thread is
    # still waiting for the search index, about to start it: the two decide under this lock.
    guard: threading.Lock = threading.Lock()
    # Under `mkdocs serve --dirty`, once the site holds every page: MkDocs is given only the files
    # that the archive builds changed since it last built (preview.py).
    generated: set[str] | None = None  # every generated path the site is built from; None: list all
    seen: str | None = None  # the generation the site is built from
    todo: set[str]  # generated paths written since MkDocs last built them
    gone: set[str]  # generated paths removed since MkDocs last built
    plain_files: set[str]  # the last build's files in the site that are not generated
    partial: bool = False  # this build lists the changed files only
    split: Split | None = None  # the deferred pages rendered by MkDocs' process and a fork of it
    build_page: Any = None  # MkDocs' own `_build_page`, while the plugin stands in for it

    def _root(self, config) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def _state(self, config) -> Path:
        if self.config.state:
            return self._root(config) / self.config.state
        return state_folder(Path(config.docs_dir))

    def _path(self, config, option: str, default: str) -> Path:
        value = self.config[option]
        return self._root(config) / value if value else self._state(config) / default

    def _engine(self, root: Path) -> list[str]:
        """The build's options for where the articles are and what reads them."""
        articles = self.config.articles
        args = ["--engine", self.config.engine]
        if articles:
            args += ["--articles", articles if "://" in articles else str(root / articles)]
        return args + (["--scheduler", self.config.scheduler] if self.config.scheduler else [])

    def on_config(self, config):
        root = self._root(config)
        self._wait_indexing(stop_pagefind=True)  # a rebuild of `mkdocs serve` makes its own bundle
        self._finish_build()
        state = self._state(config)
        report, index = self._path(config, "report", "report.json"), self._path(config, "index", "index")
        self.build_log = state / "build.log"
        state.mkdir(parents=True, exist_ok=True)
        args = ["--source", str(root / self.config.source), "--docs", config.docs_dir, "--state", str(state),
                "--report", str(report), "--index", str(index), *self._engine(root)]  # fmt: skip
        self.builder = self._start_build(args)
        published = self.builder.published()  # once the build has published the pages, or has ended
        if published is None:
            self._finish_build()
            raise PluginError(f"archive build: ended before publishing the pages; see {self.build_log}")
        for line in published["summary"].splitlines():
            log.info(line.strip())
        self.settings = Settings(**published["settings"])  # as the build read them
        # The browser index's split filters, for the Zoeken page (overrides/main.html).
        config.extra["archive_filters"] = {"filters": list(SPLIT_FILTERS), "parts": FILTER_PARTS}
        use_theme = self._choose_search(config, published["published"])
        stamp = os.stat(config.config_file_path).st_mtime_ns if config.config_file_path else None
        if self.dirty and (use_theme or stamp != self.config_stamp):
            # The theme's search index is made of the pages built, and --dirty builds the changed
            # ones only: an archive small enough for it is built whole (some seconds at most); so
            # is the site after mkdocs.yml changed (the nav, the theme), which every page shows.
            self.config_stamp = stamp
            mkdocs.utils.clean_directory(config.site_dir)
            self.site_files, self.generated = set(), None
        if self.dirty and self.command == "serve":
            self._follow(published.get("changes"))
        self.partial = self.dirty and self.command == "serve" and self.generated is not None
        if not self.dirty:
            self.search_pages = set()
        if published["published"] <= BESIDE_MKDOCS_UP_TO and self.command != "serve":
            # Under `mkdocs serve` it starts once the pages are served, not to slow their build.
            self.pagefind = self._start_pagefind(config, beside=True)
        return config

    def _start_build(self, args: list[str]) -> Builder:
        """`archive build ARGS`: under `mkdocs serve` by the warm builder, kept from the last
        rebuild unless it ended (a failed build, killed) or its code changed; else a process
        of its own, whose memory goes back to the system when it ends."""
        # The build's output goes to its log, but its progress to MkDocs' own stderr, beside
        # MkDocs' log lines (unless those are quieted): a large build takes minutes.
        progress = os.dup(sys.stderr.fileno()) if log.isEnabledFor(logging.INFO) else None
        try:
            if self.command != "serve":
                return Builder.cold(args, self.build_log, progress)
            self.build_log.write_text("")  # a builder that ends before it writes leaves no old log
            if self.warm is not None and self.warm.ready() and self.warm.request(args, self.build_log):
                return self.warm
            self._stop_warm()
            self.warm = Builder.start_warm(progress, self.build_log)
            self.warm.request(args, self.build_log)
            return self.warm
        finally:
            if progress is not None:
                os.close(progress)

    def _stop_warm(self) -> None:
        if self.warm is not None:
            warm, self.warm = self.warm, None
            warm.close()

    def _follow(self, changes: dict | None) -> None:
        """What MkDocs is given under `serve --dirty`: the files this archive build changed, and
        those the builds before it changed that MkDocs has not built yet; every file when the
        site does not hold the pages of the generation this build started from (the first
        build, a cleaned site, a build of `archive build` beside the server)."""
        if changes is None or self.generated is None or changes["previous"] != self.seen:
            self.generated, self.todo, self.gone = None, set(), set()
        else:
            written, removed = set(changes["written"]), set(changes["removed"])
            self.generated = (self.generated | written) - removed
            self.todo = (self.todo | written) - removed
            self.gone = (self.gone | removed) - written
        self.seen = None if changes is None else changes["current"]

    def _get_files(self, config) -> Files:
        """MkDocs' listing of docs/ (`get_files`), under `serve --dirty` once the site is whole:
        the changed files only (preview.py)."""
        if not self.partial or self.generated is None:
            return _get_files(config)
        log.info(f"--dirty: {len(self.todo)} of the archive's {len(self.generated)} generated files changed")
        return changed_files(config, self.todo, self.generated)

    def _finish_build(self) -> None:
        """Wait for the archive build (its search index); a failed one stops MkDocs with its message."""
        if self.builder is None:
            return
        builder, self.builder = self.builder, None
        code, figures = builder.finish()
        if builder is not self.warm:
            builder.answers.close()
        elif code:  # it has ended: the next build starts a new one
            self._stop_warm()
        if code:
            output = self.build_log.read_text(encoding="utf-8", errors="replace").strip()
            raise PluginError(output.removeprefix("archive build: ") or f"archive build failed ({code})")
        if figures is not None:
            log.info(index_line(figures))

    def _choose_search(self, config, articles: int) -> bool:
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
        return use_theme

    def on_files(self, files, config):
        self.files, self.deferred = files, {}
        if not self.dirty:
            return files
        # A dirty build neither cleans the site nor removes what is no longer built.
        now = {file.abs_dest_path for file in files}
        plain = {file.abs_dest_path for file in files if not is_generated(file.src_uri)}
        if self.partial:  # the changed files only: what went is what the archive builds removed
            gone = {generated_file(uri, config).abs_dest_path for uri in self.gone}
            gone |= self.plain_files - plain
            self.site_files = (self.site_files - gone) | now
            self.gone = set()
        else:
            gone, self.site_files = self.site_files - now, now
        for path in gone:
            Path(path).unlink(missing_ok=True)
        self.plain_files = plain
        if self.command == "serve" and not self.partial:  # the site now has every page
            self.generated = {file.src_uri for file in files if is_generated(file.src_uri)}
            self.todo = set()
        return files

    # MkDocs reads and renders every page in a first pass, keeps all their HTML and front matter,
    # and puts them in the theme in a second pass (most of its memory on a large archive). The
    # build's own pages (front matter as `with_front_matter` writes it, with a title) need nothing
    # of their body or their other front matter before their turn comes in the second pass, so
    # the first reads only their title and renders nothing, and the second reads and renders each
    # page, which is let go once written. Their front matter is read as JSON instead of YAML.

    def on_page_read_source(self, page, config):
        source = page.file.content_string
        front = read_front_matter(source)
        if front is None or "title" not in front.meta:
            return source
        self.deferred[page.file.src_uri] = front.meta["title"]
        return ""

    def on_page_markdown(self, markdown, page, config, files):
        if page.file.src_uri in self.deferred:
            page.meta = {"title": self.deferred[page.file.src_uri]}
        return markdown

    @event_priority(100)  # before any other plugin's (the theme's search) reads the page
    def on_page_context(self, context, page, config, nav):
        front = read_front_matter(page.file.content_string) if page.file.src_uri in self.deferred else None
        if front is not None:  # a deferred page: its front matter was read in the first pass
            page.meta, page.markdown = front
            html = article_html(page.markdown, functools.partial(link_url, self.files, page.file))
            if html is None:
                page.render(config, self.files)
            else:  # what `render` sets, for a body without headings, anchors or a title
                page.content, page.toc, page.present_anchor_ids = html, get_toc([]), set()
        return context

    @event_priority(-100)  # the last event before the second pass: the plugins as they stay
    def on_env(self, env, config, files):
        if self._may_split(config):
            self.build_page = mkdocs.commands.build._build_page
            mkdocs.commands.build._build_page = self._build_page
        return env

    def _may_split(self, config) -> bool:
        """The second pass over two processes (second_pass.py): with a core for each, in a
        process without other threads, when only this plugin, or a plugin switched off, acts on
        the pages being rendered."""
        if self.command == "serve" or threading.active_count() > 1 or len(os.sched_getaffinity(0)) < 2:
            return False
        if len(self.deferred) <= 2 * CHUNK:
            return False
        for event in PAGE_EVENTS:
            for method in config.plugins.events[event]:
                owner = getattr(method, "__self__", None)
                if owner is not self and getattr(owner, "config", {}).get("enabled", True) is not False:
                    return False
        return True

    def _build_page(self, page, config, doc_files, nav, env, dirty=False, excluded=False):
        """MkDocs' `_build_page` for the second pass over two processes: the first deferred page
        starts the split, which renders every deferred page between MkDocs' process and its fork."""
        build_page = self.build_page
        if page.file.src_uri not in self.deferred:
            return build_page(page, config, doc_files, nav, env, dirty, excluded)
        if self.split is None:
            pages = [file.page for file in doc_files if file.src_uri in self.deferred]

            def render(page) -> None:
                build_page(page, config, doc_files, nav, env, dirty, page.file.inclusion.is_excluded())

            self.split = Split(pages, render)
            self.split.start(collect=lambda: sorted(map(str, self.search_pages)))
            self.split.render_here()
        return None  # rendered with the others, here or in the fork

    def _join_split(self) -> None:
        """MkDocs' own `_build_page` back, and the fork's answer: what it logged logged here (so
        that `--strict` counts it), its findings kept, its error raised."""
        if self.build_page is not None:
            mkdocs.commands.build._build_page, self.build_page = self.build_page, None
        if self.split is None:
            return
        split, self.split = self.split, None
        outcome = split.join()
        for record in outcome.logged:
            logging.getLogger(record.logger).log(record.level, record.message)
        if outcome.error is not None:
            raise PluginError(f"rendering pages: {outcome.error}")
        self.search_pages.update(Path(path) for path in outcome.collected)
        shared = f"{len(split.pages)} pages rendered by two processes"
        log.info(f"{shared}, {outcome.rendered} of them by the second")

    def on_post_page(self, output, page, config):
        if page.meta.get("archive_search"):
            self.search_pages.add(Path(page.file.abs_dest_path))
        if page.file.src_uri in self.deferred:  # written once this returns
            page.markdown, page.content, page.meta = "", None, {"title": page.meta["title"]}
        return output

    def on_startup(self, command, dirty):
        self.command, self.dirty = command, dirty
        self.search_pages, self.site_files, self.plain_files = set(), set(), set()
        self.todo, self.gone = set(), set()
        if dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_dirty_warning)
            log.info("--dirty: a change builds again only the pages it changed; the rest stays as built")
        if dirty and command == "serve":
            # MkDocs offers no event before it lists docs/, which on a large archive costs more
            # than building the pages that changed: its listing is replaced for this process.
            mkdocs.commands.build.get_files = self._get_files

    @event_priority(-100)  # after the theme's and any other plugin's
    def on_post_template(self, output, template_name, config):
        if template_name == "sitemap.xml" and self.partial:
            return ""  # it lists every page: under `serve --dirty` the first build's is kept
        return output

    def on_post_build(self, config):
        self._join_split()
        self.files, self.deferred = None, {}
        self.todo = set()  # built
        if self.command == "serve":
            # `mkdocs serve` serves no page until its build has ended: the changed pages are
            # served at once, and the search index and the Pagefind bundle follow meanwhile.
            self.indexing = threading.Thread(target=self._index_later, args=(config,), daemon=True)
            self.indexing.start()
            return
        self._finish_build()  # the search index written, the build's memory back with the system
        if self.command == "build" and not self.serving:
            # A plain `mkdocs build`: a large archive's Pagefind runs once MkDocs has let go of
            # the site's pages (`on_shutdown`), so that the two never hold them at once; a
            # smaller one's bundle, made meanwhile, is copied in then.
            self.pending = config
        else:
            self._index_site(config)

    def _index_later(self, config) -> None:
        try:
            self._finish_build()
            self._index_site(config)
        except PluginError as error:  # nothing to stop: the pages are served, the error shown
            if not self.stopped:
                log.error(str(error))

    def _wait_indexing(self, stop_pagefind: bool = False) -> None:
        """Wait for the last build's search indexes; a Pagefind bundle that a newer change has
        already made stale is given up instead (the next build makes one of its own)."""
        if self.indexing is None:
            return
        if stop_pagefind:
            with self.guard:  # the thread may be about to start Pagefind: it will not now
                self.stopped = True
                if self.running is not None:
                    stop(self.running)
        self.indexing.join()
        self.indexing, self.stopped = None, False

    def on_shutdown(self):
        self._wait_indexing(stop_pagefind=True)  # `mkdocs serve` ends: its site goes with it
        with contextlib.suppress(PluginError):  # a build still running when MkDocs stopped
            self._finish_build()
        self._stop_warm()
        if self.pending is not None:
            config, self.pending = self.pending, None
            # MkDocs' cache of every link path it resolved, kept for the life of the process,
            # is the last thing it holds of the site.
            cache_clear = getattr(getattr(mkdocs.utils, "_norm_parts", None), "cache_clear", None)
            if cache_clear is not None:
                cache_clear()
            gc.collect()  # the pages and their files, which refer to each other
            release_memory()
            self._index_site(config)

    def _start_pagefind(self, config, beside: bool = False) -> subprocess.Popen:
        """Pagefind's process; `beside` MkDocs and the search index, one shard at a time."""
        markdown = {"extensions": config.markdown_extensions, "extension_configs": config.mdx_configs}
        cache = self._path(config, "pagefind", "pagefind")
        return start(
            Path(config.docs_dir), cache, self.settings.language, config.use_directory_urls, markdown,
            self.settings.pagefind_shard_size, jobs=1 if beside else None,
        )  # fmt: skip

    def _index_site(self, config) -> None:
        with self.guard:
            if self.stopped:  # a newer change is being built (`mkdocs serve`), with its own bundle
                return
            job, self.pagefind = self.pagefind or self._start_pagefind(config), None
            self.running = job
        try:
            result = finish(job, self._path(config, "pagefind", "pagefind"), Path(config.site_dir))
        except PagefindError as error:
            raise PluginError(f"search index (Pagefind): {error}") from None
        finally:
            self.running = None
        files = index_files(Path(config.site_dir), self.settings.language)
        for page in self.search_pages:
            if page.exists():  # a page of an earlier build under --dirty may be gone
                add_preloads(page, files)
        shards = f" ({len(result.shards)} shards, {result.rebuilt} of them indexed again)"
        shards = shards if len(result.shards) > 1 else ""
        if not result.pages:
            log.info("Pagefind: no article pages, no search index")
        elif result.ran:
            log.info(f"Pagefind: {result.pages} article pages indexed in {result.seconds:.1f} s{shards}")
        else:
            log.info(f"Pagefind: article pages unchanged, index reused ({result.seconds:.1f} s){shards}")

    def on_build_error(self, error):
        self.pending = None
        if self.split is not None:  # MkDocs' process failed: the fork's pages are of no use
            self.split.stop()
        with contextlib.suppress(PluginError):
            self._join_split()
        self._wait_indexing()
        if self.pagefind is not None:
            stop(self.pagefind)
            self.pagefind.wait()
            self.pagefind = None
        with contextlib.suppress(PluginError):  # MkDocs' own error is the one to show
            self._finish_build()

    def on_serve(self, server, config, builder):
        self.serving = True
        if self.pending is not None:  # `mkdocs serve --clean` runs its builds as `build`
            built, self.pending = self.pending, None
            self._index_site(built)
        server.watch(str(self._root(config) / self.config.source))
        # The generated pages (links into the state folder) change because the archive build
        # wrote them: watched, every rebuild would start another, and the watcher would stat
        # every page of the archive twice a second. Only the hand-written part of docs/ is watched.
        docs = Path(config.docs_dir)
        with contextlib.suppress(KeyError):  # not watched (`mkdocs serve --no-livereload`)
            server.unwatch(str(docs))
            for entry in docs.iterdir():
                if not entry.is_symlink():
                    server.watch(str(entry))
        return server


def _dirty_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns of wrong navigation and links in every dirty build, which strict mode makes an
    error. Not so here: the archive's pages keep their files (and modification times) when they
    do not change, the nav holds only fixed pages, the plugin removes what is no longer built and
    builds everything again when the theme's search or mkdocs.yml needs it."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")
