"""The MkDocs plugin: a plain `mkdocs build` or `mkdocs serve` runs the archive build first.

`on_config` runs at the start of every MkDocs build, including each rebuild of `mkdocs serve`,
before MkDocs lists `docs/`; so the generated pages are always in place when it reads them.
`on_serve` adds the editor's folder to the watched paths, so a new raw article triggers a rebuild.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .build import BuildError, BuildOptions, run_build

log = logging.getLogger("mkdocs.plugins.archive")


class ArchiveConfig(Config):
    source = opt.Type(str, default="site_src")
    report = opt.Type(str, default="build/report.json")
    index = opt.Type(str, default="build/index")


class ArchivePlugin(BasePlugin[ArchiveConfig]):
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
        return config

    def on_serve(self, server, config, builder):
        server.watch(str(self._root(config) / self.config.source))
        return server
