"""What MkDocs looks at under `mkdocs serve --dirty`: the files a change touched, not the archive.

A dirty build of MkDocs still lists every file of docs/ (a walk of the whole archive and a
pattern match per file), makes a page of every Markdown file and asks each whether its source
is newer than the page built from it: on a large archive, most of a rebuild that changes one
article. The archive build knows exactly what it changed (`output.Changes`), so the plugin hands
MkDocs instead `ChangedFiles`: the hand-written files of docs/ (few, and MkDocs' own
modification-time check still applies to them), the theme's files and the generated files this
build wrote. Every other generated file is still found when something links to it or the nav
names it (`get_file_from_path`), as a `File` made when asked for; it is not listed, so MkDocs
neither reads nor builds it, and its page stays as built. Links and the nav come out as a whole
build gives them; `tests/test_serve.py` holds the served site to a whole `mkdocs build`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import PurePath

from mkdocs.structure.files import File, Files, set_exclusions

from .publish.output import GENERATED


class ChangedFiles(Files):
    """MkDocs' `Files` listing only `files`, while any of `generated` (paths in docs/) is found."""

    def __init__(self, files: Iterable[File], generated: set[str], config) -> None:
        super().__init__(files)
        self._generated, self._config = generated, config
        self._unlisted: dict[str, File] = {}

    def get_file_from_path(self, path: str) -> File | None:
        uri = PurePath(path).as_posix()
        found = self.src_uris.get(uri) or self._unlisted.get(uri)
        if found is None and uri in self._generated:
            found = self._unlisted[uri] = generated_file(uri, self._config)
        return found

    def __contains__(self, path: str) -> bool:
        return self.get_file_from_path(path) is not None


def generated_file(uri: str, config) -> File:
    """The `File` MkDocs' own listing of docs/ would make of the generated path `uri`."""
    file = File(uri, config["docs_dir"], config["site_dir"], config["use_directory_urls"])
    set_exclusions([file], config)
    return file


def handwritten_files(config) -> list[File]:
    """The files of docs/ that the archive build does not write, as MkDocs' `get_files` lists
    them (in its order, with its exclusions); the generated entries are not walked."""
    docs = config["docs_dir"]
    files: list[File] = []
    for folder, dirnames, filenames in os.walk(docs, followlinks=True):
        relative = os.path.relpath(folder, docs)
        if relative == ".":
            dirnames[:] = [name for name in dirnames if name not in GENERATED]
            filenames = [name for name in filenames if name not in GENERATED]
        dirnames.sort()
        filenames.sort(key=lambda name: (os.path.splitext(name)[0] not in ("index", "README"), name))
        files += [
            File(os.path.join(relative, name), docs, config["site_dir"], config["use_directory_urls"])
            for name in filenames
        ]
    set_exclusions(files, config)
    return files


def changed_files(config, written: Iterable[str], generated: set[str]) -> ChangedFiles:
    """What MkDocs gets under `serve --dirty` once the site holds every page: the hand-written
    files and the generated ones in `written`, with every path of `generated` to be found."""
    listed = handwritten_files(config)
    listed += [generated_file(uri, config) for uri in sorted(written) if uri in generated]
    return ChangedFiles(listed, generated, config)


def is_generated(uri: str) -> bool:
    """Whether a path in docs/ is the archive build's."""
    return uri.split("/", 1)[0] in GENERATED
