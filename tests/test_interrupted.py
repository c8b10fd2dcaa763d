"""A build killed with SIGKILL at any moment leaves the previous complete output, and the next
build finishes and equals a clean build."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

from conftest import BIN, archive
from whoosh import index

PERSONS = ["Mark Rutte", "Dick Schoof", "Ursula von der Leyen", "Olaf Scholz", "Emmanuel Macron"]
COUNTRIES = ["Duitsland", "Frankrijk", "België", "Polen", "Italië", "Spanje"]


def write_articles(folder: Path, numbers: range, edition: str = "") -> None:
    rng = random.Random(len(numbers) + len(edition))
    folder.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        who, where = rng.choice(PERSONS), rng.choice(COUNTRIES)
        text = (
            f"Bericht {n}{edition} over {where}\n\n"
            + f"{who} sprak op dag {n} in {where} over de begroting en de gesprekken met de buurlanden. " * 8
        )
        (folder / f"2023-{n % 12 + 1:02d}-{n % 28 + 1:02d}-bericht-{n}.txt").write_text(text)


def docs_state(root: Path) -> dict[str, bytes]:
    """Every file of docs/ as the site builder sees it, through the build's symlinks."""
    docs, state = root / "docs", {}
    for folder, _, files in os.walk(docs, followlinks=True):
        for name in files:
            path = Path(folder, name)
            state[path.relative_to(docs).as_posix()] = path.read_bytes()
    return state


def index_state(root: Path) -> dict[str, str]:
    """Article id -> signature, as a reader of the search index sees it now."""
    with index.open_dir(str(root / "build" / "index")).searcher() as searcher:
        return {doc["id"]: doc["signature"] for doc in searcher.all_stored_fields()}


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
