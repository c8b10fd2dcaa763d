"""The warm builder (`mkdocs serve`'s): builds one request after another in one process, with what
it loaded kept in memory, and answers and publishes exactly what a cold `archive build` does."""

from __future__ import annotations

import json
import pickle
import re
import shutil
from pathlib import Path

import pytest
from conftest import archive, docs_state, index_state, write_articles
from test_incremental import searches

from build_archive.warm import Builder

pytestmark = pytest.mark.e2e


def build_args(root: Path) -> list[str]:
    return ["--source", str(root / "site_src"), "--docs", str(root / "docs")]


def answers(builder: Builder) -> dict:
    """What a build told the plugin, but its timings."""
    published = builder.published()
    assert published is not None, "ended before publishing"
    ended = builder.finish()
    assert ended.code == 0
    changes = published["changes"]
    return {
        "summary": re.sub(r" in [0-9.]+ s", "", published["summary"]),
        "published": published["published"],
        "settings": published["settings"],
        "changes": changes and (sorted(changes["written"]), sorted(changes["removed"])),
        "index": ended.figures,
    }


def cold(root: Path) -> dict:
    return answers(Builder.cold(build_args(root), root / "build.log"))


def warm(builder: Builder, root: Path) -> dict:
    assert builder.ready()
    assert builder.request(build_args(root), root / "build.log")
    return answers(builder)


def edit(root: Path, step: int) -> None:
    """One change of an editor's: a new article with a new person, an edit, a removal; articles
    that name a surname alone, then one with the full name that they then belong to (unchanged
    articles whose resolution changes, kept by the warm builder from its last build)."""
    articles = root / "site_src" / "articles"
    if step == 0:
        (articles / "2024-06-01-nieuw.txt").write_text(
            "Nieuw bericht uit Utrecht\n\nMinister Pieter Zwanenburg zei in Utrecht dat Mark Rutte "
            "een zeldzaam verdrag tekent. Zwanenburg sprak ook met Olaf Scholz."
        )
    elif step == 1:
        [source] = articles.glob("*-bericht-3.txt")
        source.write_text(source.read_text() + "\n\nEen zin over Emmanuel Macron die er eerder niet stond.")
    elif step == 2:
        next(articles.glob("*-bericht-5.txt")).unlink()
    elif step == 3:
        (articles / "2024-06-01-nieuw.txt").unlink()  # and with it its person
    elif step == 5:
        for n in range(3):
            (articles / f"2023-03-0{n + 1}-jansen-{n}.txt").write_text(
                f"Plan {n} rond\n\nGisteren zei Jansen dat plan {n} rond is, en de begroting ook.\n"
            )
    elif step == 6:
        (articles / "2023-02-01-piet-jansen.txt").write_text(
            "Nieuwe woordvoerder\n\nWoordvoerder Piet Jansen zei dat de begroting rond is.\n"
        )
    else:
        write_articles(articles, range(40, 43))


def test_warm_rebuilds_answer_and_publish_what_cold_builds_do(tmp_path):
    warm_root, cold_root = tmp_path / "warm", tmp_path / "cold"
    write_articles(warm_root / "site_src" / "articles", range(40))
    shutil.copytree(warm_root, cold_root)
    builder = Builder.start_warm()
    try:
        assert warm(builder, warm_root) == cold(cold_root)
        for step in range(7):
            edit(warm_root, step)
            edit(cold_root, step)
            if step == 2:
                # A build by another process beside the warm builder: its next build reads what
                # that one kept on disk, not what it holds from its own last build.
                archive("build", cwd=warm_root)
                archive("build", cwd=cold_root)
                edit(warm_root, 4)
                edit(cold_root, 4)
            assert warm(builder, warm_root) == cold(cold_root), f"after change {step}"
            assert docs_state(warm_root) == docs_state(cold_root), f"after change {step}"
        # The articles that named Jansen alone, unchanged since, now name Piet Jansen.
        joined = docs_state(warm_root)
        assert "actors/persons/piet-jansen/index.md" in joined
        assert not any(path.startswith("actors/persons/jansen/") for path in joined)
    finally:
        builder.close()
    # The resolution that the warm builds kept in memory only is on disk once the builder ends:
    # the last build's, with the keys of the pages it published.
    with open(warm_root / "build" / "cache" / "resolution.pickle", "rb") as kept:
        _, state = pickle.load(kept)  # noqa: S301 - the build's own file
    report = json.loads((warm_root / "build" / "report.json").read_text())
    published = [entry["id"] for entry in report["entries"] if entry["status"] == "published"]
    assert report["resolved_in_part"] and sorted(state.pages.articles) == sorted(published)
    assert index_state(warm_root) == index_state(cold_root)
    assert searches(warm_root) == searches(cold_root)

    # And both are what a build from scratch makes.
    clean = tmp_path / "clean"
    shutil.copytree(warm_root / "site_src", clean / "site_src")
    archive("build", cwd=clean)
    assert docs_state(clean) == docs_state(warm_root)
    assert searches(clean) == searches(warm_root)


def test_a_failed_build_ends_the_warm_builder_with_the_command_s_error(tmp_path):
    root = tmp_path / "archive"
    write_articles(root / "site_src" / "articles", range(5))
    builder = Builder.start_warm()
    try:
        shutil.rmtree(root / "site_src" / "articles")
        assert builder.request(build_args(root), root / "build.log")
        assert builder.published() is None
        assert builder.finish().code == 2
        assert not builder.ready()
        assert "no articles folder" in (root / "build.log").read_text()
    finally:
        builder.close()


def test_a_warm_builder_killed_during_a_build_ends_that_build_with_an_error(tmp_path):
    root = tmp_path / "archive"
    write_articles(root / "site_src" / "articles", range(5))
    builder = Builder.start_warm()
    try:
        builder.process.kill()
        builder.request(build_args(root), root / "build.log")
        assert builder.published() is None
        assert builder.finish().code != 0
        assert not builder.ready()
    finally:
        builder.close()
