"""`archive build --engine dask`: the per-file work and the actor pages, month listings and feeds
made on a dask.distributed cluster give, byte for byte, the docs tree and search results of the
local process pool, also when the articles are read through fsspec and when a worker dies in the
middle of the build."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import BIN, REPO, archive, copy_project, docs_state, mkdocs, write_articles

from build_archive import compiled

distributed = pytest.importorskip("distributed")  # the `dask` extra, which `make test` installs
if TYPE_CHECKING:
    from distributed import Client

sys.path.insert(0, str(REPO / "bench"))
from corpus import write_corpus  # noqa: E402 - the bench's generator of Dutch and English articles

SIZE = 240  # generated articles: a third English, half dated, some with a title line


@pytest.fixture(scope="module")
def cluster() -> Iterator[Client]:
    """A LocalCluster of 2 worker processes, as an existing cluster a build is pointed at."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as local,
        distributed.Client(local) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sample")
    write_corpus(root, SIZE, real=False)
    return root / "site_src"


@pytest.fixture(scope="module")
def local(sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built by the default engine, the local process pool."""
    return built(sample, tmp_path_factory.mktemp("local"))


def built(sample: Path, root: Path, *args: str) -> Path:
    shutil.copytree(sample, root / "site_src")
    archive("build", "--jobs", "2", *args, cwd=root)
    return root


def queries(root: Path) -> list[list[str]]:
    """Words of both languages and the archive's most named actors of each type."""
    actors = json.loads((root / "docs" / "export" / "actors.json").read_text(encoding="utf-8"))
    top: dict[str, str] = {}
    for actor in sorted(actors, key=lambda a: (-a["articles"], a["id"])):
        top.setdefault(actor["type"], actor["name"])
    return [
        ["minister"],
        ["the", "government"],
        ["gesprekken"],
        ["--person", top["person"]],
        ["--country", top["country"], "--since", "2015-01-01"],
        ["--organisation", top["organisation"]],
        ["--place", top["place"], "--lang", "nl"],
    ]


def searches(root: Path, asked: list[list[str]]) -> list[str]:
    """What `archive search --json` prints for each query: ids, scores, highlights, in order."""
    return [archive("search", *q, "--limit", "1000", "--json", cwd=root).stdout for q in asked]


def same_output(root: Path, local: Path) -> None:
    assert docs_state(root) == docs_state(local)
    asked = queries(local)
    found = searches(local, asked)
    assert all(json.loads(hits) for hits in found), "every query finds articles"
    assert searches(root, asked) == found


def report(root: Path) -> dict:
    return json.loads((root / "build" / "report.json").read_text(encoding="utf-8"))


pytestmark = pytest.mark.e2e


def page_tasks(cluster: Client, build: Callable[[], object]) -> list[str]:
    """The workers that ran a partition of pages (`make_part`) while `build` ran."""
    with distributed.get_task_stream(cluster) as stream:
        build()
    return [task["worker"] for task in stream.data if "make_part" in str(task["key"])]


def test_a_build_on_an_existing_cluster_of_two_workers_gives_the_local_builds_docs_and_searches(
    cluster, sample, local, tmp_path
):
    address = cluster.scheduler.address
    # The actor pages, month listings and feeds are made by tasks on the workers, not by the
    # building process, and they are byte for byte the local build's.
    workers = page_tasks(cluster, lambda: built(sample, tmp_path, "--engine", "dask", "--scheduler", address))
    root = tmp_path
    assert report(root)["articles_analysed"] == SIZE
    assert len(set(workers)) == 2, "both workers made pages"
    # The workers (processes of their own) found the actors with the compiled modules when this
    # process has them (build_archive/compiled.py), as the local pool's forked workers did.
    assert (
        report(root)["actors_interpreted"] is report(local)["actors_interpreted"] is (compiled.IN_USE is None)
    )
    same_output(root, local)

    # The workers share the build's cache: a touched file is read again but its text is not
    # analysed again; an edited one is. Only the groups of pages it changed are made again.
    touched, edited = sorted((root / "site_src" / "articles").glob("*.txt"))[:2]
    os.utime(touched, ns=(time.time_ns(), time.time_ns()))
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\nEen zin meer.", encoding="utf-8")
    again = ("build", "--engine", "dask", "--scheduler", address)
    assert page_tasks(cluster, lambda: archive(*again, cwd=root))
    assert (report(root)["files_read"], report(root)["articles_analysed"]) == (2, 1)

    # A build that changes nothing sends no page to the cluster and publishes no new generation.
    published = os.readlink(root / "build" / "generated" / "current")
    os.utime(touched, ns=(time.time_ns(), time.time_ns()))
    assert page_tasks(cluster, lambda: archive(*again, cwd=root)) == []
    assert os.readlink(root / "build" / "generated" / "current") == published


def test_a_dask_build_of_its_own_local_cluster_reads_articles_at_a_file_url_as_the_local_build_does(
    sample, local, tmp_path
):
    articles = tmp_path / "elsewhere"
    shutil.copytree(sample / "articles", articles)
    root = tmp_path / "archive"
    (root / "site_src").mkdir(parents=True)
    archive("build", "--engine", "dask", "--jobs", "2", "--articles", articles.resolve().as_uri(), cwd=root)
    assert (report(root)["files_read"], report(root)["articles_analysed"]) == (SIZE, SIZE)
    same_output(root, local)


def _parts(dask_scheduler) -> Counter[str]:
    """The states of the build's partitions on the scheduler (run there)."""
    return Counter(ts.state for key, ts in dask_scheduler.tasks.items() if "process_part" in str(key))


def test_a_worker_killed_in_the_middle_of_the_build_gives_the_same_output(cluster, sample, local, tmp_path):
    shutil.copytree(sample, tmp_path / "site_src")
    address = cluster.scheduler.address
    build = subprocess.Popen(
        [str(BIN / "archive"), "build", "--engine", "dask", "--scheduler", address, "--jobs", "2"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    killed, most = None, 0
    deadline = time.monotonic() + 300
    while killed is None and build.poll() is None and time.monotonic() < deadline:
        states = cluster.run_on_scheduler(_parts)
        busy = [w for w, keys in cluster.processing().items() if any("process_part" in str(k) for k in keys)]
        # In the middle: a partition done (held for the build, or handed on and forgotten) and
        # another one running.
        most = max(most, states.total())
        if busy and most - states.total() + states["memory"] >= 1:
            pid = cluster.run(os.getpid, workers=[busy[0]])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            killed = pid
        time.sleep(0.05)
    out, err = build.communicate(timeout=600)
    assert build.returncode == 0, err
    assert killed is not None, "the build ended before a worker could be killed in its middle"
    assert killed not in cluster.run(os.getpid).values()  # that worker is gone; its nanny started another
    assert report(tmp_path)["articles_analysed"] == SIZE
    same_output(tmp_path, local)


def test_mkdocs_build_runs_the_archive_build_on_dask_with_the_articles_the_plugin_names(tmp_path):
    """The plugin's `articles`, `engine` and `scheduler` are the command line's: `mkdocs build`
    must publish the archive built from there, not an empty site_src/articles."""
    project = copy_project(tmp_path, with_articles=False)
    write_articles(tmp_path / "elsewhere", range(12))
    config = project / "mkdocs.yml"
    named = f"source: site_src\n      articles: {(tmp_path / 'elsewhere').as_uri()}\n      engine: dask\n"
    config.write_text(config.read_text(encoding="utf-8").replace("source: site_src\n", named, 1))
    mkdocs("build", "--strict", cwd=project)
    assert report(project)["files_read"] == report(project)["published"] == 12
    pages = [entry["page"] for entry in report(project)["entries"] if entry.get("page")]
    assert len(pages) == 12
    assert all((project / "site" / page.removesuffix(".md") / "index.html").is_file() for page in pages)


def test_a_build_pointed_at_an_address_where_no_scheduler_answers_says_so_in_one_line(tmp_path):
    """A wrong `--scheduler` is a user's mistake, not a crash: a one-line message naming the
    address and exit code 2, and nothing published."""
    write_articles(tmp_path / "site_src" / "articles", range(3))
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    done = archive("build", "--engine", "dask", "--scheduler", address, cwd=tmp_path, check=False)
    assert done.returncode == 2, done.stderr
    assert f"no Dask scheduler answers at {address}" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "docs" / "articles").exists()


def test_a_partition_of_pages_made_from_its_own_inputs_gives_the_pages_made_from_the_whole_archive(
    sample, tmp_path
):
    from build_archive.build import BuildOptions, Stopwatch, make_group, plan, read_and_resolve
    from build_archive.dask_engine import group_partitions, make_part, own_inputs
    from build_archive.generate.actor_pages import CoActors

    shutil.copytree(sample, tmp_path / "site_src")
    options = BuildOptions(source=tmp_path / "site_src", docs=tmp_path / "docs", jobs=1)
    read = read_and_resolve(options, Stopwatch())
    planned = plan(read.report.published, read.actors, read.lexicon, read.settings)
    whole, everything = CoActors(planned.shared.ordered), planned.shared.ordered
    parts = group_partitions(planned.groups, 2)
    held = []
    for part in parts:
        inputs = own_inputs(planned.shared, part)
        held.append(len(inputs.shared.ordered))
        assert make_part(*inputs) == [make_group(planned.shared, group, whole) for group in part]
    assert len(parts) > 2 and sorted(held)[-2] < len(everything)  # the months' partition holds them all
