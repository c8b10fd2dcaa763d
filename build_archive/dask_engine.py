"""The build's per-file work on a Dask cluster (`archive build --engine dask`).

An engine of `build.Engine`: it schedules `build.process_file` over partitions of the raw files
as Dask tasks and hands the results back in the files' order; the rest of the build (the
archive-wide resolution, the pages, the one atomic switch of the published generation, the
search index) runs in the build's own process as with the local pool. Only users who ask for
Dask import this module, and with it `distributed` (the `dask` extra).

A worker gets a `Recipe`, not the loaded lists and cache: it loads them itself, once per build,
from the archive's cache folder, which is why that folder (the state folder) and the articles
must be where every worker reaches them (the same path on shared storage, or a URL).
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

from distributed import Client, LocalCluster

from .actors.lexicon import load_lexicon
from .actors.register import Register
from .build import CACHE_FILE, Analysis, Processed, Task, Work, process_file
from .cache import Cache, code_version
from .cache import load as load_cache
from .errors import BuildError
from .read.derive import use_model_cache
from .read.readers import is_url
from .settings import Settings

PARTS_PER_WORKER = 4  # partitions per worker: enough to spread the load and to lose little with a worker
MAX_PART = 256  # files per partition at most: what a lost worker's retry must do again


@dataclass(frozen=True)
class Recipe:
    """What a worker makes the build's `Work` from: small to send, the same for every task."""

    code: str  # the build's code version: a worker running other code would give other output
    settings: Settings
    register: Register | None  # None: read only, no actor finding
    folder: Path | None  # the cache folder: the built lexicon, the language model, the cache
    versions: tuple[str, str]  # the cache's read and analysis versions
    cache_file: Path | None  # the cache to look analysed texts up in; None: none to look up

    @classmethod
    def of(cls, work: Work) -> Recipe:
        analysis = work.analysis
        if analysis is None:
            return cls(code_version(), work.settings, None, None, ("", ""), None)
        cache, folder = analysis.cache, analysis.folder and analysis.folder.absolute()
        # Only a fresh cache can give an article's actors: a stale one is not worth loading.
        looked_up = cache.fresh and bool(cache.files)
        return cls(
            code_version(),
            work.settings,
            analysis.register,
            folder,
            (cache.read_version, cache.analysis_version),
            folder / CACHE_FILE if looked_up and folder else None,
        )

    def key(self) -> tuple[object, ...]:
        """What the work made from this recipe depends on, the cache file's state included."""
        stat = None
        if self.cache_file is not None:
            st = os.stat(self.cache_file)
            stat = (st.st_size, st.st_mtime_ns, st.st_ino)
        fingerprint = self.register.fingerprint if self.register else None
        return (self.code, self.settings, fingerprint, self.folder, self.versions, self.cache_file, stat)


# The work a worker process made for the last build it served: the lists and the cache are
# loaded once per worker and build, not once per task.
_MADE: dict[tuple[object, ...], Work] = {}


def work_of(recipe: Recipe) -> Work:
    if recipe.code != code_version():
        raise BuildError(
            "a Dask worker runs another version of build_archive than the build: "
            "install the same version on the workers"
        )
    key = recipe.key()
    if key not in _MADE:
        _MADE.clear()
        use_model_cache(recipe.folder)
        analysis = None
        if recipe.register is not None:
            lexicon = load_lexicon(recipe.settings.language, recipe.register, recipe.folder)
            cache = (
                Cache(*recipe.versions)
                if recipe.cache_file is None
                else load_cache(recipe.cache_file, *recipe.versions)
            )
            analysis = Analysis(lexicon, recipe.register, cache, recipe.folder)
        _MADE[key] = Work(recipe.settings, analysis)
    return _MADE[key]


def _absolute(task: Task) -> Task:
    """A worker runs in a folder of its own: a local path must not depend on the build's."""
    return task if is_url(task.path) else task._replace(path=os.path.abspath(task.path))


def process_part(tasks: list[Task], recipe: Recipe) -> list[Processed]:
    """One Dask task: a partition of the raw files, each through the pipeline's per-file step."""
    work = work_of(recipe)
    return [process_file(work, task) for task in tasks]


def partitions(tasks: list[Task], workers: int) -> list[list[Task]]:
    """The tasks in consecutive partitions, a few per worker and none too large."""
    size = max(1, min(MAX_PART, -(-len(tasks) // (workers * PARTS_PER_WORKER))))
    return [tasks[start : start + size] for start in range(0, len(tasks), size)]


# How long a build waits for the scheduler it was pointed at before it says so and stops.
CONNECT_TIMEOUT = "10s"


@dataclass(frozen=True)
class DaskEngine:
    """The cluster at `scheduler` (a dask.distributed scheduler's address), or a LocalCluster
    of `workers` processes (one per core when None) started for the build's reading."""

    scheduler: str | None = None
    workers: int | None = None

    def _client(self, cluster: LocalCluster | None) -> Client:
        if cluster is not None:
            return Client(cluster)
        try:
            return Client(self.scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as error:  # unreachable, refused, or no scheduler there
            raise BuildError(f"no Dask scheduler answers at {self.scheduler}: {error}") from None

    def map(self, work: Work, tasks: list[Task]) -> Generator[Processed]:
        if not tasks:
            return
        cluster = None
        if self.scheduler is None:
            cluster = LocalCluster(
                n_workers=self.workers or os.cpu_count() or 1,
                threads_per_worker=1,  # actor finding holds the GIL: one task per process
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        try:
            with self._client(cluster) as client:
                workers = max(1, len(client.nthreads()))
                parts = partitions([_absolute(task) for task in tasks], workers)
                pending = deque(client.map(process_part, parts, recipe=Recipe.of(work), pure=False))
                while pending:
                    future = pending.popleft()
                    yield from future.result()
                    future.release()  # its results leave the cluster once handed on
        finally:
            if cluster is not None:
                cluster.close()
