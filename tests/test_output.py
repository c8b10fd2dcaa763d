"""Publishing a tree: a kept file is not made again, a changed one replaces its link to the last
generation without ever writing through it, and unchanged pieces of a large file are copied."""

from __future__ import annotations

import functools
import marshal
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from build_archive.publish import output
from build_archive.publish.output import Chunks, Keyed, Piece, write_tree


def never() -> str:
    raise AssertionError("made again, though its key is unchanged")


def publish(root: Path, tree: list[tuple[str, output.Content]]) -> None:
    stats = write_tree(root / "docs", iter(tree), root / "generated")
    if stats.cleaner is not None:
        stats.cleaner.wait()


def state(root: Path) -> dict[str, str]:
    docs, found = root / "docs", {}
    for folder, _, files in os.walk(docs, followlinks=True):
        for name in files:
            found[Path(folder, name).relative_to(docs).as_posix()] = Path(folder, name).read_text()
    return found


@pytest.mark.parametrize("held", [32 << 20, 0], ids=["changes held until linked", "changes written after"])
def test_a_second_build_keeps_links_replaces_changes_and_copies_unchanged_pieces(tmp_path, monkeypatch, held):
    monkeypatch.setattr(output, "PENDING", held)
    publish(tmp_path, [
        ("index.md", "home"),
        ("articles/a.md", Keyed("ka", lambda: "A")),
        ("articles/b.md", Keyed("kb", lambda: "B")),
        ("articles/gone.md", "weg"),
        ("export/all.txt", Chunks(["head\n", Piece("p1", lambda: "one\n"), Piece("p2", lambda: "two\n")])),
    ])  # fmt: skip
    docs = tmp_path / "docs"
    kept = tmp_path / "a-as-first-published"
    os.link((docs / "articles" / "a.md").resolve(), kept)  # another name for the first build's inode
    inode_b = (docs / "articles" / "b.md").stat().st_ino

    publish(tmp_path, [
        ("index.md", "home"),
        ("articles/a.md", Keyed("ka2", lambda: "A2")),
        ("articles/b.md", Keyed("kb", never)),
        ("articles/new/c.md", "C"),
        ("export/all.txt", Chunks(["head\n", Piece("p1", never), Piece("p3", lambda: "three\n"), Piece("p2", never)])),
    ])  # fmt: skip
    assert state(tmp_path) == {
        "index.md": "home",
        "articles/a.md": "A2",
        "articles/b.md": "B",
        "articles/new/c.md": "C",
        "export/all.txt": "head\none\nthree\ntwo\n",
    }
    assert kept.read_text() == "A"  # the changed file replaced its link; it was not written through
    assert (docs / "articles" / "b.md").stat().st_ino == inode_b


def folders(root: Path) -> set[str]:
    docs = root / "docs"
    return {Path(f).relative_to(docs).as_posix() for f, _, _ in os.walk(docs, followlinks=True)}


def generations(root: Path) -> set[str]:
    return {p.name for p in (root / "generated").iterdir() if p.name != "current"}


# Five builds of a small archive: each adds, changes and removes files, one of them a file the
# build before changed too, and a folder that a removal leaves empty.
BUILDS: list[dict[str, str]] = [
    {"index.md": "home", "articles/a.md": "A", "articles/b.md": "B", "actors/x/index.md": "X"},
    {"index.md": "home 2", "articles/a.md": "A", "articles/b.md": "B2", "actors/y/index.md": "Y"},
    {
        "index.md": "home 3",
        "articles/a.md": "A",
        "articles/b.md": "B3",
        "actors/y/index.md": "Y",
        "articles/c.md": "C",
    },
    {"index.md": "home 3", "articles/a.md": "A2", "actors/x/index.md": "X", "articles/c.md": "C"},
    {"index.md": "home 3", "articles/a.md": "A2", "actors/x/index.md": "X2", "articles/c.md": "C"},
]


def tree_of(files: dict[str, str]) -> list[tuple[str, output.Content]]:
    return [(rel, Keyed(f"{rel}:{text}", functools.partial(str, text))) for rel, text in files.items()]


def test_each_build_patches_the_generation_before_into_a_tree_equal_to_one_built_from_nothing(tmp_path):
    root = tmp_path / "patched"
    for number, files in enumerate(BUILDS):
        before = generations(root) if number else set()
        published = (root / "generated" / "current").resolve() if number else None
        inodes = {rel: (root / "docs" / rel).stat().st_ino for rel in files if (root / "docs" / rel).exists()}
        publish(root, tree_of(files))
        clean = tmp_path / f"clean-{number}"
        publish(clean, tree_of(files))
        assert state(root) == files == state(clean)
        assert folders(root) == folders(clean)  # an actor no file names any more leaves no folder
        kept = [rel for rel in inodes if files[rel] == BUILDS[number - 1].get(rel)]
        assert all((root / "docs" / rel).stat().st_ino == inodes[rel] for rel in kept)
        # The published generation and the one before it are kept; the older one became the new.
        now = generations(root)
        assert len(now) == min(number + 1, 2)
        if published is not None:
            assert published.name in now and len(now - before) == 1


def test_a_build_that_changes_nothing_keeps_both_generations(tmp_path):
    for files in BUILDS[:2]:
        publish(tmp_path, tree_of(files))
    kept = generations(tmp_path)
    stats = write_tree(tmp_path / "docs", iter(tree_of(BUILDS[1])), tmp_path / "generated")
    assert stats.written == stats.removed == 0 and stats.cleaner is None
    assert generations(tmp_path) == kept
    publish(tmp_path, tree_of(BUILDS[2]))
    assert state(tmp_path) == BUILDS[2]


def test_a_large_patch_is_made_by_a_process_of_its_own_with_the_same_result(tmp_path, monkeypatch):
    monkeypatch.setattr(output, "PATCHED_HERE", 0)
    root = tmp_path / "patched"
    for number, files in enumerate(BUILDS):
        publish(root, tree_of(files))
        clean = tmp_path / f"clean-{number}"
        publish(clean, tree_of(files))
        assert state(root) == state(clean) and folders(root) == folders(clean)


def current(root: Path) -> str:
    return os.readlink(root / "generated" / "current")


KILLED_AT_LINK = """
import os, signal, sys
from pathlib import Path
from build_archive.publish.output import Keyed, write_tree

calls = 0
def kill_at_link(frame, event, arg):
    global calls
    if event == "c_call" and arg is os.link:
        calls += 1
        if calls == int(sys.argv[2]):
            os.kill(os.getpid(), signal.SIGKILL)

files = {FILES}
sys.setprofile(kill_at_link)
root = Path(sys.argv[1])
write_tree(root / "docs", [(r, Keyed(f"{{r}}:{{t}}", lambda t=t: t)) for r, t in files.items()], root / "generated")
"""


@pytest.mark.parametrize("link", [1, 2, 3])
def test_a_build_killed_while_patching_leaves_the_published_tree_and_the_next_build_is_right(tmp_path, link):
    """Killed at the first, second or third hard link of the patch (a build that wrote three
    files is being patched over): the published tree is whole, and the next build neither
    patches the half-patched generation again nor keeps it."""
    for files in BUILDS[:2]:
        publish(tmp_path, tree_of(files))
    published, older = state(tmp_path), generations(tmp_path) - {current(tmp_path)}
    script = KILLED_AT_LINK.format(FILES=repr(BUILDS[2]))
    run = subprocess.run([sys.executable, "-c", script, str(tmp_path), str(link)], check=False)
    assert run.returncode == -signal.SIGKILL
    assert state(tmp_path) == published
    # The half-patched generation is there under a new name, which no manifest gives as a base.
    assert len(generations(tmp_path)) == 2 and not older & generations(tmp_path)
    publish(tmp_path, tree_of(BUILDS[3]))
    clean = tmp_path / "clean"
    publish(clean, tree_of(BUILDS[3]))
    assert state(tmp_path) == state(clean) and folders(tmp_path) == folders(clean)
    assert len(generations(tmp_path)) == 2
    publish(tmp_path, tree_of(BUILDS[4]))
    assert state(tmp_path) == BUILDS[4]


@pytest.mark.parametrize(
    "manifest",
    [b"", b"\x00 not a manifest", marshal.dumps({"format": output.FORMAT - 1, "files": {}})],
    ids=["empty", "unreadable", "another release's"],
)
def test_a_generation_whose_manifest_cannot_be_read_shares_nothing_and_the_tree_is_right(tmp_path, manifest):
    """A manifest cut short, of another format or written by another Python is no proof of what
    the generation holds: every file is made again, and the tree equals one built from nothing."""
    publish(tmp_path, tree_of(BUILDS[0]))
    generation = tmp_path / "generated" / current(tmp_path)
    (generation / output.MANIFEST).write_bytes(manifest)
    made: list[str] = []

    def making(rel: str, text: str) -> str:
        made.append(rel)
        return text

    tree: list[tuple[str, output.Content]] = [
        (rel, Keyed(f"{rel}:{text}", functools.partial(making, rel, text))) for rel, text in BUILDS[0].items()
    ]
    publish(tmp_path, tree)
    assert sorted(made) == sorted(BUILDS[0])
    assert state(tmp_path) == BUILDS[0]
    kept: list[tuple[str, output.Content]] = [
        (rel, Keyed(f"{rel}:{text}", never)) for rel, text in BUILDS[0].items()
    ]
    publish(tmp_path, kept)
    assert state(tmp_path) == BUILDS[0]


def test_the_manifest_read_back_is_the_one_written(tmp_path):
    """What the next build relies on (each file's digest and key, each export's pieces, what the
    build wrote and removed) survives the manifest's round trip."""
    publish(tmp_path, tree_of(BUILDS[0]))
    publish(
        tmp_path, [*tree_of(BUILDS[1]), ("export/all.txt", Chunks(["head\n", Piece("p1", lambda: "one\n")]))]
    )
    read = output._manifest(tmp_path / "generated" / current(tmp_path))
    assert set(read.files) == {*BUILDS[1], "export/all.txt"}
    assert read.keys == {rel: f"{rel}:{text}" for rel, text in BUILDS[1].items()}
    assert read.pieces["export/all.txt"][1] == ["p1", 4]
    assert sorted(read.written) == ["actors/y/index.md", "articles/b.md", "export/all.txt", "index.md"]
    assert read.removed == ["actors/x/index.md"]
    assert read.base is not None


HOME: tuple[str, output.Content] = ("index.md", "home")


def dossier(key: str, files: dict[str, str], made: list[str] | None = None) -> output.Grouped:
    def make() -> dict[str, str]:
        if made is None:
            raise AssertionError("a group made again, though its key and files are unchanged")
        made.append(key)
        return files

    return output.Grouped(key, list(files), make)


def test_a_group_whose_key_and_files_are_unchanged_is_kept_whole_without_being_made(tmp_path):
    first = {"actors/x/index.md": "X", "actors/x/feed.xml": "feed X"}
    other = {"actors/y/index.md": "Y", "actors/y/feed.xml": "feed Y"}
    publish(tmp_path, [HOME, ("actor:x", dossier("kx", first, [])), ("actor:y", dossier("ky", other, []))])
    inodes = {rel: (tmp_path / "docs" / rel).stat().st_ino for rel in first}
    changed = {"actors/y/index.md": "Y2", "actors/y/feed.xml": "feed Y"}
    made: list[str] = []
    publish(tmp_path, [HOME, ("actor:x", dossier("kx", first)), ("actor:y", dossier("ky2", changed, made))])
    assert made == ["ky2"]
    assert state(tmp_path) == {"index.md": "home", **first, **changed}
    assert all((tmp_path / "docs" / rel).stat().st_ino == inodes[rel] for rel in first)
    clean = tmp_path / "clean"
    publish(clean, [HOME, ("actor:x", dossier("kx", first, [])), ("actor:y", dossier("ky2", changed, []))])
    assert state(clean) == state(tmp_path)


def test_a_group_that_loses_a_file_or_whose_file_is_missing_is_made_again(tmp_path):
    pages = {"actors/x/index.md": "X", "actors/x/page/2/index.md": "X 2", "actors/x/feed.xml": "feed"}
    publish(tmp_path, [HOME, ("actor:x", dossier("k", pages, []))])
    (tmp_path / "generated" / current(tmp_path) / "actors/x/feed.xml").unlink()
    made: list[str] = []
    publish(tmp_path, [HOME, ("actor:x", dossier("k", pages, made))])
    assert made == ["k"] and state(tmp_path) == {"index.md": "home", **pages}
    fewer = {"actors/x/index.md": "X all", "actors/x/feed.xml": "feed"}
    publish(tmp_path, [HOME, ("actor:x", dossier("k2", fewer, made))])
    assert (
        state(tmp_path) == {"index.md": "home", **fewer}
        and not (tmp_path / "docs" / "actors/x/page").exists()
    )


LINES = {f"t{n}": f"line {n}\n" for n in range(8)}


def _tagged_export(made: list[str], tags: list[str]) -> output.Chunks:
    """An export of a head, a run of tagged pieces (each made from `LINES`, its tag noted in
    `made`) and a tail."""

    def make(number: int) -> str:
        made.append(tags[number])
        return LINES[tags[number]]

    return Chunks(["head\n", output.Tagged(tags, make), Piece("end", lambda: "end\n")])


def test_a_run_of_tagged_pieces_makes_only_the_pieces_the_published_copy_lacks(tmp_path):
    made: list[str] = []
    run = functools.partial(_tagged_export, made)

    publish(tmp_path, [HOME, ("export/all.txt", run(["t0", "t1", "t3", "t4"]))])
    made.clear()
    publish(tmp_path, [HOME, ("export/all.txt", run(["t0", "t1", "t2", "t3", "t5"]))])
    assert made == ["t2", "t5"]
    expected = "head\nline 0\nline 1\nline 2\nline 3\nline 5\nend\n"
    assert state(tmp_path) == {"index.md": "home", "export/all.txt": expected}
    clean = tmp_path / "clean"
    publish(clean, [HOME, ("export/all.txt", run(["t0", "t1", "t2", "t3", "t5"]))])
    assert (
        output._manifest(clean / "generated" / current(clean)).files
        == output._manifest(tmp_path / "generated" / current(tmp_path)).files
    )


def test_pieces_moved_between_the_unchanged_head_and_tail_are_copied_and_the_file_is_a_clean_builds(tmp_path):
    made: list[str] = []
    run = functools.partial(_tagged_export, made)

    def published(root) -> tuple[str, dict[str, list[list]]]:
        generation = root / "generated" / current(root)
        return (generation / "export/all.txt").read_text(), output._manifest(generation).pieces

    publish(tmp_path, [HOME, ("export/all.txt", run(["t0", "t1", "t2", "t3", "t4", "t5"]))])
    for tags, new in (
        (["t0", "t1", "t4", "t3", "t6", "t5"], ["t6"]),  # moved, and one new, between head and tail
        (["t0", "t1", "t4", "t3", "t6", "t5", "t7"], ["t7"]),  # one more at the end
        (["t1", "t4", "t3", "t6", "t5"], []),  # the first and last gone
    ):
        made.clear()
        publish(tmp_path, [HOME, ("export/all.txt", run(tags))])
        assert made == new
        clean = tmp_path / f"clean-{len(tags)}"
        publish(clean, [HOME, ("export/all.txt", run(tags))])
        assert published(tmp_path) == published(clean)
        assert published(tmp_path)[0] == "head\n" + "".join(LINES[t] for t in tags) + "end\n"


def test_a_published_generation_is_carried_by_a_new_process_only_while_every_file_it_lists_is_there(tmp_path):
    """A build of a process of its own (`archive build`) carries the unchanged files of the
    published generation as a warm builder does, without a key made or compared for each; once
    a file of it was removed by hand, it carries nothing, so that the file is made again."""
    publish(tmp_path, [
        ("index.md", "home"),
        ("articles/a.md", Keyed("ka", lambda: "A")),
        ("articles/b.md", Keyed("kb", lambda: "B")),
    ])  # fmt: skip
    generated = tmp_path / "generated"
    published = output.current_generation(generated)
    assert published is not None
    assert output.held_generation(generated, published.name) == published.name
    assert output.held_generation(generated, "g-another") is None
    carried = output.Carried(published.name, ["articles/a.md", "articles/b.md"], [])
    stats = write_tree(tmp_path / "docs", iter([("index.md", "home 2")]), generated, carried)
    assert stats.written == 1
    assert state(tmp_path) == {"index.md": "home 2", "articles/a.md": "A", "articles/b.md": "B"}

    published = output.current_generation(generated)
    assert published is not None
    (published / "articles" / "b.md").unlink()
    assert output.held_generation(generated, published.name) is None
