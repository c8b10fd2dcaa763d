"""The local process pool makes the groups of pages (actor dossiers, month listings, feeds) in
processes forked after the plan: the docs tree is byte for byte the one a single process makes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, archive, docs_state

sys.path.insert(0, str(REPO / "bench"))
from corpus import write_corpus  # noqa: E402 - the bench's generator of Dutch and English articles

SIZE = 240  # generated articles: a third English, half dated, some with a title line


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sample")
    write_corpus(root, SIZE, real=False)
    return root / "site_src"


# Run in a process of its own: the pool forks only from a process without other threads, and the
# test session may hold some.
FORKED_GROUPS = """
import multiprocessing, sys
from itertools import islice
from pathlib import Path
from build_archive.build import (
    PARALLEL_FROM, BuildOptions, ProcessPool, Stopwatch, make_group, plan, read_and_resolve,
)
from build_archive.generate.actor_pages import CoActors

root = Path(sys.argv[1])
options = BuildOptions(source=root / "site_src", docs=root / "docs", jobs=1)
read = read_and_resolve(options, Stopwatch())
planned = plan(read.report.published, read.actors, read.lexicon, read.settings)
groups = planned.groups
assert len(groups) >= PARALLEL_FROM, len(groups)
made = ProcessPool(2).make_groups(planned.shared, groups)
assert len(multiprocessing.active_children()) == 2, "forked, not made here"
co_actors = CoActors(planned.shared.ordered)
# As many as the groups, as the tree asks for them: the workers end with the last one.
assert list(islice(made, len(groups))) == [make_group(planned.shared, g, co_actors) for g in groups]
assert not multiprocessing.active_children(), "the workers end with the last group"
print(len(groups), "groups")
"""


def test_groups_made_by_forked_workers_are_those_made_in_the_building_process(sample, tmp_path):
    shutil.copytree(sample, tmp_path / "site_src")
    done = subprocess.run(
        [sys.executable, "-c", FORKED_GROUPS, str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith(" groups\n")


def test_a_build_with_two_processes_publishes_the_docs_of_a_build_with_one(sample, tmp_path):
    trees = []
    for jobs in ("1", "2"):
        root = tmp_path / f"jobs-{jobs}"
        shutil.copytree(sample, root / "site_src")
        archive("build", "--jobs", jobs, cwd=root)
        trees.append(docs_state(root))
    assert len(trees[0]) > SIZE and trees[0] == trees[1]
