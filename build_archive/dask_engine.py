"""The build's per-file work and its groups of pages on a Dask cluster (`archive build --engine
dask`).

An engine of `build.Engine`: it schedules `build.process_file` over partitions of the raw files
as Dask tasks and hands the results back in the files' order. After the archive-wide resolution
it is also a `build.PageEngine`: the actor pages with their feeds, the month listings and the
archive's feed (`build.make_group`) are made by tasks over partitions of those groups, and handed
back in the tree's order for the building process to write. The rest of the build (the
resolution, the article pages and exports, the writing and the one atomic switch of the published
generation, the search index) runs in the build's own process (the local pool's workers make and
write the whole tree, which a cluster's would need shared storage for). Only users
who ask for Dask import this module, and with it `distributed` (the `dask` extra).

A worker gets a `Recipe`, not the loaded lists and cache: it loads them itself, once per build,
from the archive's cache folder, which is why that folder (the state folder) and the articles
must be where every worker reaches them (the same path on shared storage, or a URL).
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from distributed import Client, Future, LocalCluster

from .actors.lexicon import load_lexicon
from .actors.register import Register
from .actors.resolve import ActorStats
from .build import (
    ACTOR,
    CACHE_FILE,
    IN_FLIGHT_PER_WORKER,
    MONTH,
    PARTS_PER_WORKER,
    Analysis,
    Group,
    Processed,
    Shared,
    Task,
    Work,
    group_partitions,
    make_group,
    process_file,
)
from .cache import Cache, code_version
from .cache import load as load_cache
from .errors import BuildError
from .generate.actor_pages import CoActors
from .generate.feeds import FEED_SIZE, summary_source
from .model import Article
from .read.derive import use_model_cache
from .read.readers import is_url
from .settings import Settings

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


def make_part(groups: list[Group], shared: Shared) -> list[dict[str, str]]:
    """One Dask task: a partition of the groups of pages (`group_partitions`), each made from
    `shared`, which holds only what these groups are made from (`own_inputs`); a partition is
    sent with the articles its groups are made from, and its pages come back to the building
    process whole; a lost worker's partitions are made again."""
    _MADE.clear()  # the reading is over: the lists and the cache it loaded are not needed again
    co_actors = CoActors(shared.ordered)
    return [make_group(shared, group, co_actors) for group in groups]


class Inputs(NamedTuple):
    """A partition of groups and what they are made from, sent with its task."""

    groups: list[Group]
    shared: Shared


def own_inputs(shared: Shared, groups: list[Group]) -> Inputs:
    """The groups with only the inputs they are made from, so that what a worker holds follows
    the partition and not the archive: their articles (the groups' positions renumbered into
    them) without the mentions and with only the start of the body that a feed's summary shows,
    for the articles a feed shows; the actors they name, the groups' own actors whole and the
    others by their names and countries. An actor's co-actors are counted over its own
    articles, which the partition holds, so `CoActors` of these articles gives the archive's."""
    at = sorted({p for group in groups for p in group.positions})
    renumbered = {p: n for n, p in enumerate(at)}
    shown = {p for group in groups if group.kind != MONTH for p in group.positions[:FEED_SIZE]}
    ordered = [_slim(shared.ordered[p], p in shown) for p in at]
    own = {group.name for group in groups if group.kind == ACTOR}
    named = {a for article in ordered for a in article.actors} | own
    named |= {c for a in own if (c := shared.actors[a].actor.country)}
    actors = {
        a: shared.actors[a] if a in own else ActorStats(shared.actors[a].actor)
        for a in sorted(named)
        if a in shared.actors
    }
    parts = [group._replace(positions=[renumbered[p] for p in group.positions]) for group in groups]
    return Inputs(parts, replace(shared, ordered=ordered, actors=actors))


def _slim(article: Article, shown: bool) -> Article:
    """What the pages use of an article: its mentions stay in the building process."""
    body = summary_source(article.body) if shown else ""
    return replace(article, body=body, mentions=(), candidates=(), corrections={}, notes=())


# How long a build waits for the scheduler it was pointed at before it says so and stops.
CONNECT_TIMEOUT = "10s"


@dataclass(eq=False)
class DaskEngine:
    """The cluster at `scheduler` (a dask.distributed scheduler's address), or a LocalCluster
    of `workers` processes (one per core when None) started for the build's reading and pages."""

    scheduler: str | None = None
    workers: int | None = None
    _client: Client | None = field(default=None, init=False, repr=False)

    @contextmanager
    def running(self) -> Iterator[Client]:
        """One client (and LocalCluster) for everything the engine does until the block ends."""
        if self._client is not None:
            yield self._client
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
            with self._connect(cluster) as client:
                self._client = client
                try:
                    yield client
                finally:
                    self._client = None
        finally:
            if cluster is not None:
                cluster.close()

    def _connect(self, cluster: LocalCluster | None) -> Client:
        if cluster is not None:
            return Client(cluster)
        try:
            return Client(self.scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as error:  # unreachable, refused, or no scheduler there
            raise BuildError(f"no Dask scheduler answers at {self.scheduler}: {error}") from None

    def map(self, work: Work, tasks: list[Task]) -> Generator[Processed]:
        if not tasks:
            return
        with self.running() as client:
            workers = max(1, len(client.nthreads()))
            parts = partitions([_absolute(task) for task in tasks], workers)
            pending = deque(client.map(process_part, parts, recipe=Recipe.of(work), pure=False))
            while pending:
                future = pending.popleft()
                yield from future.result()
                future.release()  # its results leave the cluster once handed on

    def make_groups(self, shared: Shared, groups: list[Group]) -> Iterator[dict[str, str]]:
        """The groups made by `make_part` over partitions and handed back in their order; the
        archive's shared part is sent once to every worker. The first partitions are scheduled
        at once, so that the workers make them while the building process writes the article
        pages; then one more each time one is handed back. Called within `running()`, which
        outlives the iterator."""
        client = self._client
        if client is None:
            raise RuntimeError("DaskEngine.make_groups is called within DaskEngine.running()")
        if not groups:
            return iter(())
        workers = max(1, len(client.nthreads()))
        # Each partition's inputs are made as it is scheduled, and go with its task: a task that
        # a lost worker held runs again elsewhere from them.
        parts = (own_inputs(shared, part) for part in group_partitions(groups, workers))
        first = islice(parts, workers * IN_FLIGHT_PER_WORKER)
        pending = deque(client.submit(make_part, *part, pure=False) for part in first)
        return self._gathered(client, parts, pending)

    @staticmethod
    def _gathered(
        client: Client, parts: Iterator[Inputs], pending: deque[Future]
    ) -> Generator[dict[str, str]]:
        try:
            while pending:
                future = pending.popleft()
                for part in islice(parts, 1):
                    pending.append(client.submit(make_part, *part, pure=False))
                yield from future.result()
                future.release()  # its pages leave the cluster once handed on
        finally:
            for future in pending:
                future.release()
