"""Each archive keeps its own state: two archives built from one working folder never share
generations, cache, report, lock or search index."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import archive

# End to end: builds through the command line or MkDocs, in processes of their own.
pytestmark = pytest.mark.e2e

TEXT = "sprak dinsdag in Den Haag over de begroting en de gesprekken met de buurlanden van Nederland."


def write(source: Path, titles: list[str]) -> None:
    (source / "articles").mkdir(parents=True, exist_ok=True)
    for n, title in enumerate(titles):
        (source / "articles" / f"2023-05-0{n + 1}-{n}.txt").write_text(
            f"{title}\n\nMark Rutte {TEXT} ({title})"
        )


def page_titles(docs: Path) -> set[str]:
    """The titles the archive in `docs` publishes (its export), each with its own page."""
    lines = (docs / "export" / "articles.jsonl").read_text().splitlines()
    records = [json.loads(line) for line in lines]
    assert all((docs / (record["url"].rstrip("/") + ".md")).is_file() for record in records)
    return {record["title"] for record in records}


def searched(tmp_path: Path, *args: str) -> set[str]:
    hits = json.loads(archive("search", "--json", "--limit", "100", *args, cwd=tmp_path).stdout)
    return {hit["title"] for hit in hits}


def test_two_archives_in_one_folder_keep_their_own_pages_cache_and_index(tmp_path):
    write(tmp_path / "a", ["Eerste van A", "Tweede van A"])
    write(tmp_path / "b", ["Enige van B"])
    archive("build", "--source", "a", "--docs", "docsA", cwd=tmp_path)
    archive("build", "--source", "b", "--docs", "docsB", cwd=tmp_path)
    a_state, b_state = tmp_path / ".archive" / "docsA", tmp_path / ".archive" / "docsB"
    assert page_titles(tmp_path / "docsA") == {"Eerste van A", "Tweede van A"}
    assert page_titles(tmp_path / "docsB") == {"Enige van B"}
    for state in (a_state, b_state):
        assert (state / "cache" / "articles.pickle").is_file() and (state / "report.json").is_file()
        assert (state / "generated" / "current").is_symlink() and (state / "index").is_dir()
    assert os.path.realpath(tmp_path / "docsA" / "articles").startswith(str(a_state.resolve()))
    assert not (tmp_path / "build").exists()  # nothing in the default archive's state
    assert searched(tmp_path, "--docs", "docsA") == {"Eerste van A", "Tweede van A"}
    assert searched(tmp_path, "--docs", "docsB", "Rutte") == {"Enige van B"}
    # a rebuild of one uses its own cache and leaves the other as it was
    again = archive("build", "--source", "a", "--docs", "docsA", cwd=tmp_path)
    assert "0 files read" in again.stdout and "0 pages written" in again.stdout
    assert page_titles(tmp_path / "docsB") == {"Enige van B"}
    report = json.loads((b_state / "report.json").read_text())
    assert [e["source"] for e in report["entries"]] == ["2023-05-01-0.txt"]
    # one --state names it instead
    archive("build", "--source", "b", "--docs", "site/docs", "--state", "toestand", cwd=tmp_path)
    assert (tmp_path / "toestand" / "report.json").is_file() and (tmp_path / "toestand" / "index").is_dir()
    assert page_titles(tmp_path / "site" / "docs") == {"Enige van B"}
    assert searched(tmp_path, "--state", "toestand") == {"Enige van B"}


def test_the_default_archive_keeps_its_state_in_build_beside_docs(tmp_path):
    """The layout of `make serve` (the plugin passes docs/ and derives the same state)."""
    write(tmp_path / "site_src", ["Standaard"])
    archive("build", cwd=tmp_path)
    assert (tmp_path / "build" / "report.json").is_file() and (tmp_path / "build" / "index").is_dir()
    assert (tmp_path / "build" / "cache" / "articles.pickle").is_file()
    assert os.readlink(tmp_path / "docs" / "articles") == "../build/generated/current/articles"
    assert not (tmp_path / ".archive").exists()
    assert searched(tmp_path) == {"Standaard"}
