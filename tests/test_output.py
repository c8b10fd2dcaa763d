"""Publishing a tree: a kept file is not made again, a changed one replaces its link to the last
generation without ever writing through it, and unchanged pieces of a large file are copied."""

from __future__ import annotations

import os
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
