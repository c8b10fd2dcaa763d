"""A build killed with SIGKILL at any moment leaves the previous complete output, and the next
build finishes and equals a clean build."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import BIN, archive, docs_state, index_state, write_articles

# End to end: builds through the command line or MkDocs, in processes of their own.
pytestmark = pytest.mark.e2e


def edit_source(articles: Path) -> None:
    write_articles(articles, range(300, 340))  # new
    write_articles(articles, range(0, 20), edition=" (bijgewerkt)")  # changed
    for path in sorted(articles.iterdir())[-20:]:  # deleted
        path.unlink()


def test_a_build_killed_at_any_moment_leaves_old_or_new_output_and_the_next_equals_a_clean_one(tmp_path):
    base = tmp_path / "base"
    write_articles(base / "site_src" / "articles", range(300))
    archive("build", cwd=base)
    old_docs, old_index = docs_state(base), index_state(base)
    edit_source(base / "site_src" / "articles")

    clean = tmp_path / "clean"
    shutil.copytree(base / "site_src", clean / "site_src")
    archive("build", cwd=clean)
    new_docs, new_index = docs_state(clean), index_state(clean)
    assert new_docs != old_docs and new_index != old_index

    timing = tmp_path / "timing"
    shutil.copytree(base, timing, symlinks=True)
    started = time.monotonic()
    archive("build", cwd=timing)
    duration = time.monotonic() - started

    def generations(run: Path) -> set[str]:
        folder = run / "build" / "generated"
        return {p.name for p in folder.iterdir()} if folder.is_dir() else set()

    def current(run: Path) -> str:
        return os.readlink(run / "build" / "generated" / "current")

    # Kill points: moments the test can see (a new generation being written; the switch done,
    # the index not yet) and fractions of an uninterrupted build's duration.
    points = [
        ("while pages are written", lambda run, before: generations(run) - before["generations"]),
        ("just after the switch", lambda run, before: current(run) != before["current"]),
    ] + [(f"at {f:.0%} of a build", f) for f in (0.1, 0.4, 0.6, 0.75, 0.85)]
    points += [(f"at {f:.0%} of a --full build", f) for f in (0.6, 0.8)]
    outcomes = []
    for name, when in points:
        run = tmp_path / name.replace(" ", "-").replace("%", "").replace("--", "")
        shutil.copytree(base, run, symlinks=True)
        before = {"generations": generations(run), "current": current(run)}
        command = [str(BIN / "archive"), "build"] + (["--full"] if "--full" in name else [])
        build = subprocess.Popen(command, cwd=run, stdout=subprocess.DEVNULL)
        if callable(when):
            deadline = time.monotonic() + 120
            while not when(run, before) and build.poll() is None and time.monotonic() < deadline:
                time.sleep(0.001)
        else:
            time.sleep(duration * when)
        build.send_signal(signal.SIGKILL)
        killed = build.wait() == -signal.SIGKILL  # a timed kill can come after a fast build ended
        assert killed or not callable(when), f"the build ended before the kill {name}"
        docs, searchable = docs_state(run), index_state(run)
        assert docs in (old_docs, new_docs), f"half-written docs/ after a kill {name}"
        assert searchable in (old_index, new_index), f"half-written search index after a kill {name}"
        outcomes.append((name, docs == new_docs, searchable == new_index, killed))
        archive("build", cwd=run)
        assert docs_state(run) == new_docs, f"the build after a kill {name} differs from a clean one"
        assert index_state(run) == new_index
    assert outcomes[0][1:3] == (False, False) and outcomes[1][1] is True, outcomes


def test_a_build_killed_while_it_patches_the_older_generation_leaves_old_or_new_output(tmp_path):
    """A base built twice keeps two generations, so the next build patches the older one in
    place: killed while it does, or after its switch, the site is the old or the new one, and
    the build after it equals a clean one."""
    base = tmp_path / "base"
    articles = base / "site_src" / "articles"
    write_articles(articles, range(300))
    archive("build", cwd=base)
    write_articles(articles, range(20, 40), edition=" (eerder bijgewerkt)")
    archive("build", cwd=base)
    folder = base / "build" / "generated"
    assert len([p for p in folder.iterdir() if p.name != "current"]) == 2
    old_docs = docs_state(base)
    edit_source(articles)

    clean = tmp_path / "clean"
    shutil.copytree(base / "site_src", clean / "site_src")
    archive("build", cwd=clean)
    new_docs = docs_state(clean)

    def generations(run: Path) -> set[str]:
        return {p.name for p in (run / "build" / "generated").iterdir()}

    def current(run: Path) -> str:
        return os.readlink(run / "build" / "generated" / "current")

    points = [
        ("while pages are written", lambda run, before: generations(run) - before["generations"]),
        ("just after the switch", lambda run, before: current(run) != before["current"]),
    ]
    for name, when in points:
        run = tmp_path / name.replace(" ", "-")
        shutil.copytree(base, run, symlinks=True)
        before = {"generations": generations(run), "current": current(run)}
        build = subprocess.Popen([str(BIN / "archive"), "build"], cwd=run, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while not when(run, before) and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
        build.send_signal(signal.SIGKILL)
        assert build.wait() == -signal.SIGKILL, f"the build ended before the kill {name}"
        assert docs_state(run) in (old_docs, new_docs), f"half-written docs/ after a kill {name}"
        archive("build", cwd=run)
        assert docs_state(run) == new_docs, f"the build after a kill {name} differs from a clean one"
