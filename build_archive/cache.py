"""The build cache: what reading and actor finding gave for each raw file last time.

An archive grows by a few articles a day; a build should cost what changed. A raw file whose
size, modification time and inode are unchanged is not read again, and its articles keep their
actors unless the code, the lists or the editor's register changed since; a file that was only
touched (same text) is read but not analysed again. The cache only saves work: it is keyed by
everything the results depend on, so a stale cache can only cost time, never change the output
(`--full` ignores it, and its output is the same). A build appends what it changed to the file,
or writes it whole with one rename; a killed build leaves the previous cache, or a torn tail that
the next build ignores.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from .memory import without_gc
from .model import Article, Skipped

PACKAGE = Path(__file__).resolve().parent
StatKey = tuple[int, int, int]
Results = tuple[Article | Skipped, ...]
APPEND_UP_TO = 1000  # changed entries appended to the cache file before it is written whole
PART = 2000  # entries per part of the cache file when it is written whole


def _code_files() -> list[Path]:
    """The package's code and data: what its results depend on."""
    return [
        path
        for path in sorted(PACKAGE.rglob("*"))
        if path.is_file() and path.suffix in (".py", ".json", ".yml", ".yaml", ".txt", ".crfsuite")
    ]


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the package's code and data: a new release must not reuse old results."""
    digest = hashlib.blake2b(digest_size=16)
    for path in _code_files():
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def code_stamp() -> list[tuple[str, StatKey | None]]:
    """The package's code and data files as they are on disk now, cheaper than `code_version`:
    a process that outlives a change of the code (a warm builder) sees by it that it is stale."""
    return [(path.as_posix(), stat_key(str(path))) for path in _code_files()]


# A warm builder (`warm.py`) builds again and again in one process: what a build kept on disk
# is also kept here, with the file's stat when it was written, and the next build takes it from
# here instead of unpickling the file again, unless the file changed since (another process
# built the archive). A load takes the entry out: a build may change what it loaded in place
# (the resolution), and one that fails before keeping it again leaves only the file behind.
_memory: dict[Path, tuple[object, StatKey | None, object]] | None = None  # None: not kept
# What a warm builder's builds saved with `save_later` and that is not on disk yet: path ->
# (key, value, the lock that its writing takes).
_later: dict[Path, tuple[object, object, Path]] = {}


def keep_in_memory() -> None:
    """From now on, what a build keeps on disk is kept in this process too (see `_memory`)."""
    global _memory
    _memory = {}


def in_memory() -> bool:
    """Whether this process keeps what its builds keep (a warm builder's)."""
    return _memory is not None


def recall(path: Path, key: object) -> object | None:
    """What a build of this process kept in `path` under `key`, if the file is still that. A
    value taken out is no longer written later: the build that took it may change it in place,
    and saves it again if it ends well."""
    entry = _memory.pop(path, None) if _memory is not None else None
    _later.pop(path, None)
    return _still(path, key, entry)


def held(path: Path, key: object) -> object | None:
    """What `recall` would give, left in memory for it."""
    return _still(path, key, _memory.get(path) if _memory is not None else None)


def _still(path: Path, key: object, entry: tuple[object, StatKey | None, object] | None) -> object | None:
    if entry is None or entry[0] != key or entry[1] is None or entry[1] != stat_key(str(path)):
        return None
    return entry[2]


def remember(path: Path, key: object, value: object) -> None:
    if _memory is not None:
        _memory[path] = (key, stat_key(str(path)), value)


def load_keyed(path: Path, key: object) -> object | None:
    """What `save_keyed` kept in `path` under the same key; None when the file is missing, cannot
    be read (truncated, from another release) or was kept under another key."""
    recalled = recall(path, key)
    if recalled is not None:
        return recalled
    try:
        with open(path, "rb") as handle, without_gc():
            stored_key, value = pickle.load(handle)  # noqa: S301 - our own file, in the build folder
    except Exception:  # missing, truncated or from another release: made afresh by the caller
        return None
    return value if stored_key == key else None


def save_keyed(path: Path, key: object, value: object) -> None:
    """Keep `value` under `key` for the next process, whole or not at all (a temporary file and
    one rename: a killed build or two builds at once never leave half a file). A folder that
    cannot be written only costs the keeping."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    if _dumped(tmp, key, value) and _placed(tmp, path):
        remember(path, key, value)


def save_later(path: Path, key: object, value: object, lock: Path) -> None:
    """`save_keyed` for a process that keeps what it saves in memory (a warm builder): the next
    build of this process takes `value` from memory at once, and the file is written by
    `write_later` once the process is idle, under `lock`, so that a build that changed little
    does not spend its time pickling what did not change. A process that ends before leaves
    the file of an earlier build, which a later build starts from as from any other."""
    if _memory is None:
        save_keyed(path, key, value)
        return
    remember(path, key, value)
    _later[path] = (key, value, lock)


def write_later(locked: Callable[[Path], contextlib.AbstractContextManager[object]]) -> None:
    """Write what `save_later` left, each under its lock (`locked(lock)`), unless another
    process wrote its file meanwhile: what that one kept is newer."""
    while _later:
        path, (key, value, lock) = _later.popitem()
        with locked(lock):
            entry = _memory.get(path) if _memory is not None else None
            if entry is not None and entry[2] is value and entry[1] == stat_key(str(path)):
                save_keyed(path, key, value)


def staged_keyed(path: Path, key: object, value: object) -> Callable[[], None]:
    """`save_keyed` in two steps, for a caller that holds the build's lock: `value` is written
    now beside `path`, so that the caller can free it at once, and put in place by the function
    returned, once what it goes with is kept too. A file staged by a build that stopped before
    placing it is overwritten by the next one."""
    tmp = path.with_name(f".{path.name}.staged")
    if not _dumped(tmp, key, value):
        return lambda: None

    def place_file() -> None:  # holds no reference to `value`, which the caller frees
        _placed(tmp, path)

    def place_and_remember() -> None:
        if _placed(tmp, path):
            remember(path, key, value)

    return place_file if _memory is None else place_and_remember


def _dumped(tmp: Path, key: object, value: object) -> bool:
    try:
        tmp.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as handle:
            pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
        return True
    except OSError:
        tmp.unlink(missing_ok=True)
        return False


def _placed(tmp: Path, path: Path) -> bool:
    try:
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        return False
    return True


def stat_key(path: str) -> StatKey | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return key_of(st)


def key_of(st: os.stat_result) -> StatKey:
    """What tells a file's version apart: its size, modification time and inode."""
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def analysis_key(article: Article) -> tuple:
    return (article.content_hash, repr(sorted(article.corrections.items())))


@dataclass
class Cache:
    read_version: str = ""  # code + the settings that reading depends on
    analysis_version: str = ""  # code + lists + the editor's register
    files: dict[str, tuple[StatKey, Results]] = field(default_factory=dict)
    fresh: bool = True  # the cached articles' actors were found by this analysis version
    appendable: bool = False  # loaded whole from a file that later changes can be appended to
    logged: int = 0  # entries appended to that file since it was last written whole
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
        if done is None:
            return None
        # All that actor finding gave, the names it left untyped too: those are what other
        # articles of the archive may still type (`resolve.join_names`), so a file that was
        # only touched must keep them as a fresh analysis would.
        return replace(article, mentions=done.mentions, actors=done.actors, candidates=done.candidates)


@dataclass(frozen=True)
class _Delta:
    """What one build changed in the cache, appended to the file instead of rewriting it."""

    files: dict[str, tuple[StatKey, Results]]
    files_gone: tuple[str, ...] = ()
    appended: bool = True  # a later build's changes, not a part of the cache as written whole

    def __len__(self) -> int:
        return len(self.files) + len(self.files_gone)


def load(path: Path, read_version: str, analysis_version: str) -> Cache:
    """The cache written by the last builds: the whole cache, then each later build's changes.
    An empty one when there is none, when it cannot be read, or when reading itself changed.
    Analyses of another version are not `fresh`."""
    recalled = recall(path, (read_version, analysis_version))
    if isinstance(recalled, Cache):
        return recalled
    try:
        with open(path, "rb") as handle, without_gc():
            cache = pickle.load(handle)  # noqa: S301 - our own file, in the build folder
            if not isinstance(cache, Cache):
                raise TypeError(path)
            cache.logged, cache.appendable = 0, True
            while handle.peek(1):
                try:
                    delta = pickle.load(handle)  # noqa: S301
                except Exception:  # the tail of a killed build: the changes before it hold
                    cache.appendable = False
                    break
                cache.files.update(delta.files)
                for rel in delta.files_gone:
                    cache.files.pop(rel, None)
                cache.logged += len(delta) if delta.appended else 0
    except Exception:  # missing, truncated or from an older release: start afresh
        return Cache(read_version, analysis_version)
    if cache.read_version != read_version:
        return Cache(read_version, analysis_version)
    cache.fresh = cache.analysis_version == analysis_version
    cache.analysis_version = analysis_version
    cache._analyses = None
    return cache


def _delta(new: Cache, old: Cache) -> _Delta:
    """What `new` holds that `old` does not. Unchanged entries are the very objects the old
    cache gave the build, so identity tells them apart without comparing their contents."""
    return _Delta(
        {rel: entry for rel, entry in new.files.items() if _changed(old.files.get(rel), entry)},
        tuple(rel for rel in old.files if rel not in new.files),
    )


def _changed(old: tuple | None, new: tuple) -> bool:
    return old is None or old[0] != new[0] or old[1] is not new[1]


def save(new: Cache, old: Cache, path: Path) -> bool:
    """Write what this build changed; nothing when it changed nothing. A build that adds an
    article appends its changes instead of rewriting the whole cache; the file is
    rewritten whole, with one rename, when the analyses changed, when a killed build
    left a bad tail, or when the appended changes grow past a quarter of the archive."""
    delta = _delta(new, old) if old.fresh and old.appendable else None
    if delta is not None and not delta:
        remember(path, (old.read_version, old.analysis_version), old)
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    if delta is not None and old.logged + len(delta) <= max(APPEND_UP_TO, len(new.files) // 4):
        with open(path, "ab") as handle:
            pickle.dump(delta, handle, protocol=pickle.HIGHEST_PROTOCOL)
        remember(path, (new.read_version, new.analysis_version), _as_loaded(new, old.logged + len(delta)))
        return True
    # Written whole in parts of PART entries: one dump of it all would keep a table of every
    # object in it (pickle's memo) until the end, memory that grows with the archive.
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    files = list(new.files.items())
    with open(tmp, "wb") as handle:
        pickle.dump(replace(new, files={}, fresh=True, _analyses=None), handle, protocol=5)
        for start in range(0, len(files), PART):
            pickle.dump(_Delta(dict(files[start : start + PART]), appended=False), handle, protocol=5)
    os.replace(tmp, path)
    remember(path, (new.read_version, new.analysis_version), _as_loaded(new, 0))
    return True


def _as_loaded(cache: Cache, logged: int) -> Cache:
    """The cache as `load` would give it back from the file just written."""
    return replace(cache, fresh=True, appendable=True, logged=logged)
