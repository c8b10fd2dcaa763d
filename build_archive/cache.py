"""The build cache: what reading and actor finding gave for each raw file last time.

An archive grows by a few articles a day; a build should cost what changed. A raw file whose
size, modification time and inode are unchanged is not read again, and its articles keep their
actors unless the code, the lists or the editor's register changed since; a file that was only
touched (same text) is read but not analysed again. The cache only saves work: it is keyed by
everything the results depend on, so a stale cache can only cost time, never change the output
(`--full` ignores it, and its output is the same). Written whole with one rename, so a killed
build leaves the previous cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from .model import Article, Skipped

PACKAGE = Path(__file__).resolve().parent
StatKey = tuple[int, int, int]
Results = tuple[Article | Skipped, ...]


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the package's code and data: a new release must not reuse old results."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".json", ".yml", ".yaml", ".txt"):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def stat_key(path: Path) -> StatKey | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def analysis_key(article: Article) -> tuple:
    return (article.content_hash, repr(sorted(article.corrections.items())))


@dataclass
class Cache:
    read_version: str = ""  # code + the settings that reading depends on
    analysis_version: str = ""  # code + lists + the editor's register
    pages_version: str = ""  # code + settings: what an article's own outputs depend on besides it
    files: dict[str, tuple[StatKey, Results]] = field(default_factory=dict)
    # article id -> (render key, (its page, its export line, its mention rows)): see build.generate
    pages: dict[str, tuple] = field(default_factory=dict)
    fresh: bool = True  # the cached articles' actors were found by this analysis version
    _analyses: dict[tuple, Article] | None = None

    def read(self, rel: str, key: StatKey | None) -> Results | None:
        """The file's results if it is unchanged since they were cached."""
        entry = self.files.get(rel)
        return entry[1] if entry and key is not None and entry[0] == key else None

    def analysed(self, article: Article) -> Article | None:
        """The article with the actors found last time in the same text, if any."""
        if not self.fresh:
            return None
        if self._analyses is None:
            self._analyses = {
                analysis_key(item): item
                for _, results in self.files.values()
                for item in results
                if isinstance(item, Article)
            }
        done = self._analyses.get(analysis_key(article))
        return replace(article, mentions=done.mentions, actors=done.actors) if done else None


def load(path: Path, read_version: str, analysis_version: str, pages_version: str) -> Cache:
    """The cache written by the last build; an empty one when there is none, when it cannot be
    read, or when reading itself changed. Analyses of another version are not `fresh`."""
    try:
        with open(path, "rb") as handle:
            cache = pickle.load(handle)  # noqa: S301 - our own file, in the build folder
    except Exception:  # missing, truncated or from an older release: start afresh
        return Cache(read_version, analysis_version, pages_version)
    if not isinstance(cache, Cache) or cache.read_version != read_version:
        return Cache(read_version, analysis_version, pages_version)
    cache.fresh = cache.analysis_version == analysis_version
    cache.analysis_version = analysis_version
    if cache.pages_version != pages_version:
        cache.pages, cache.pages_version = {}, pages_version
    cache._analyses = None
    return cache


def save(cache: Cache, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    cache._analyses, cache.fresh = None, True
    with open(tmp, "wb") as handle:
        pickle.dump(cache, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
