"""The local process pool makes and writes the generated tree (article pages, actor dossiers,
month listings, feeds, exports) in processes forked after the plan: the docs tree is byte for
byte the one a single process makes, and a file whose bytes did not change is kept."""

from __future__ import annotations

import os
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
FORKED_TREE = """
import multiprocessing, os, sys
from pathlib import Path
from build_archive.build import BuildOptions, ProcessPool, Stopwatch, generate, plan, read_and_resolve
from build_archive.publish.output import Chunks, Grouped, Keyed, Spooled, Written, write_tree

root = Path(sys.argv[1])
options = BuildOptions(source=root / "site_src", docs=root / "docs", jobs=1)
read = read_and_resolve(options, Stopwatch())
planned = plan(read.report.published, read.actors, read.lexicon, read.settings)
made = ProcessPool(2).make_tree(planned, root / "pool" / "generated")
assert made.staging is not None and len(multiprocessing.active_children()) == 2, "forked, not made here"
here = 0

def counted(tree):
    global here
    for rel, content in tree:
        if isinstance(content, Keyed):
            here += not isinstance(content.make(), Written)
        elif isinstance(content, Grouped):
            here += not all(isinstance(m, Written) for m in content.make().values())
        else:
            here += isinstance(content, Chunks)
        yield rel, content

write_tree(root / "pool" / "docs", counted(made.tree), root / "pool" / "generated", None, made.staging)
assert not multiprocessing.active_children(), "the workers end with the last file"
assert here == 0, f"{here} pages, groups or exports made by the building process"
write_tree(root / "serial" / "docs", generate(planned), root / "serial" / "generated")
published = os.listdir(root / "pool" / "generated")
assert published == ["current", made.staging.folder.name] or sorted(published) == sorted(
    ["current", made.staging.folder.name]
), published
print("made by the workers")
"""


def test_the_tree_made_and_written_by_forked_workers_is_the_one_made_in_the_building_process(
    sample, tmp_path
):
    shutil.copytree(sample, tmp_path / "site_src")
    done = subprocess.run(
        [sys.executable, "-c", FORKED_TREE, str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "made by the workers\n"
    pool, serial = docs_state(tmp_path / "pool"), docs_state(tmp_path / "serial")
    assert any(path.startswith("export/") for path in pool)
    assert len(pool) > SIZE and pool == serial


def test_a_build_with_two_processes_publishes_the_docs_of_a_build_with_one(sample, tmp_path):
    trees = []
    for jobs in ("1", "2"):
        root = tmp_path / f"jobs-{jobs}"
        shutil.copytree(sample, root / "site_src")
        archive("build", "--jobs", jobs, cwd=root)
        trees.append(docs_state(root))
    assert len(trees[0]) > SIZE and trees[0] == trees[1]
    assert {"export/articles.jsonl", "export/mentions.csv", "export/actors.json"} <= trees[0].keys()


def _files(root: Path) -> dict[str, tuple[int, int]]:
    """Every file of docs/ -> its inode and modification time."""
    docs, found = root / "docs", {}
    for folder, _, files in os.walk(docs, followlinks=True):
        for name in files:
            stat = Path(folder, name).stat()
            found[Path(folder, name).relative_to(docs).as_posix()] = (stat.st_ino, stat.st_mtime_ns)
    return found


def test_a_rebuild_by_two_processes_keeps_the_files_whose_bytes_did_not_change(sample, tmp_path):
    # Every key changes with the settings; only the home page's bytes do (it lists fewer). The
    # exports are known by their pieces' tags, not their bytes (`output.Chunks`), and every tag
    # changes with the settings: they are written again whoever makes them.
    root = tmp_path / "archive"
    shutil.copytree(sample, root / "site_src")
    archive("build", "--jobs", "2", cwd=root)
    before = _files(root)
    (root / "site_src" / "settings.yml").write_text("latest: 3\npagefind_shard_size: 500\n")
    archive("build", "--jobs", "2", cwd=root)
    after = _files(root)
    assert after.keys() == before.keys()
    changed = sorted(path for path in after if after[path] != before[path])
    assert [path for path in changed if not path.startswith("export/")] == ["index.md"]
    fresh = tmp_path / "fresh"
    shutil.copytree(root / "site_src", fresh / "site_src")
    archive("build", "--jobs", "1", cwd=fresh)
    assert docs_state(root) == docs_state(fresh)
