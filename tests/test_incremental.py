"""A build costs what changed: unchanged files are neither read nor analysed, unchanged pages
are not rewritten, and the result equals a full build."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import archive, docs_state, index_state, write_articles

# End to end: builds through the command line or MkDocs, in processes of their own.
pytestmark = pytest.mark.e2e


def build(root: Path, *args: str) -> dict:
    archive("build", *args, cwd=root)
    return json.loads((root / "build" / "report.json").read_text())


def identities(root: Path) -> dict[str, int]:
    """Inode of every generated file: a file kept from the last build keeps its inode."""
    docs, found = root / "docs", {}
    for folder, _, files in os.walk(docs, followlinks=True):
        for name in files:
            path = Path(folder, name)
            found[path.relative_to(docs).as_posix()] = path.stat().st_ino
    return found


def rewritten(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {path for path, inode in after.items() if before.get(path) != inode}


def searches(root: Path) -> list[set[str]]:
    """What each query finds. Not the scores: until Whoosh merges segments, an index updated in
    place still counts deleted documents in its statistics, and equal scores come in index order."""
    queries = [["begroting"], ["--person", "Olaf Scholz"], ["gesprekken", "--country", "Polen"], ["klimaat"]]
    return [
        {hit["id"] for hit in json.loads(archive("search", *q, "--limit", "1000", "--json", cwd=root).stdout)}
        for q in queries
    ]


def archive_of(tmp_path: Path, count: int = 120) -> Path:
    root = tmp_path / "archive"
    write_articles(root / "site_src" / "articles", range(count))
    build(root)
    return root


def test_incremental_and_full_builds_give_identical_docs_and_search_results(tmp_path):
    root = archive_of(tmp_path)
    articles = root / "site_src" / "articles"
    write_articles(articles, range(120, 125))
    write_articles(articles, range(3), edition=" (bijgewerkt)")
    for path in sorted(articles.iterdir())[-2:]:
        path.unlink()
    report = build(root)
    assert report["files_read"] == 5 + 3
    incremental = docs_state(root), index_state(root), searches(root)

    full = tmp_path / "full"
    shutil.copytree(root, full, symlinks=True)
    report = build(full, "--full")
    assert report["files_read"] == 123
    assert (docs_state(full), index_state(full), searches(full)) == incremental

    clean = tmp_path / "clean"
    shutil.copytree(root / "site_src", clean / "site_src")
    build(clean)
    assert (docs_state(clean), index_state(clean), searches(clean)) == incremental


def test_a_build_with_nothing_new_reads_nothing_and_writes_nothing(tmp_path):
    root = archive_of(tmp_path)
    before = identities(root)
    report = build(root)
    assert (report["files_read"], report["articles_analysed"]) == (0, 0)
    assert rewritten(before, identities(root)) == set()


def page_of(root: Path, source: str) -> str:
    entries = json.loads((root / "build" / "report.json").read_text())["entries"]
    return next(e["page"] for e in entries if e["source"] == source)


def test_editing_one_article_reads_that_file_and_rewrites_only_what_depends_on_it(tmp_path):
    root = archive_of(tmp_path)
    source = "2023-06-18-bericht-17.txt"
    page = page_of(root, source)
    before = identities(root)
    raw = root / "site_src" / "articles" / source
    raw.write_text(raw.read_text().replace("de begroting", "het klimaat"))
    report = build(root)
    assert (report["files_read"], report["articles_analysed"]) == (1, 1)
    assert report["index"] == {"added": 0, "updated": 1, "deleted": 0, "unchanged": 119}
    changed = rewritten(before, identities(root))
    # Same title, date and actors: listings and actor pages stay; the text, the mentions'
    # offsets and the feeds that carry the text change.
    assert page in changed
    assert changed <= {page, "export/articles.jsonl", "export/mentions.csv"} | {
        p for p in changed if p.endswith("feed.xml")
    }


def test_deleting_an_article_removes_its_page_and_reads_nothing_else(tmp_path):
    root = archive_of(tmp_path)
    page = page_of(root, "2023-06-18-bericht-17.txt")
    (root / "site_src" / "articles" / "2023-06-18-bericht-17.txt").unlink()
    report = build(root)
    assert (report["files_read"], report["articles_analysed"]) == (0, 0)
    assert not (root / "docs" / page).exists()
    assert len(index_state(root)) == 119


def test_a_register_change_reanalyses_without_rereading_and_rewrites_the_affected_pages(tmp_path):
    root = archive_of(tmp_path)
    before = identities(root)
    naming = {
        path
        for path in before
        if path.startswith("articles/2") and "Olaf Scholz" in (root / "docs" / path).read_text()
    }
    assert naming
    (root / "site_src" / "actors.yml").write_text("reject:\n  - Olaf Scholz\n")
    report = build(root)
    assert report["files_read"] == 0 and report["articles_analysed"] == 120
    changed = {
        p for p in rewritten(before, identities(root)) if p.startswith("articles/2") and "index" not in p
    }
    assert changed == {p for p in naming if p.endswith(".md")}
    assert not any("olaf-scholz" in path for path in identities(root))


def test_a_small_change_is_appended_to_the_cache_and_a_torn_append_is_ignored(tmp_path):
    root = archive_of(tmp_path)
    articles, cache = root / "site_src" / "articles", root / "build" / "cache" / "articles.pickle"
    whole = cache.stat()
    write_articles(articles, range(1), edition=" (bijgewerkt)")
    build(root)
    appended = cache.stat()
    assert (appended.st_ino, appended.st_size > whole.st_size) == (whole.st_ino, True)
    assert appended.st_size - whole.st_size < whole.st_size / 20  # the change, not the cache

    # A build killed while appending leaves part of a record: the changes before it still count.
    write_articles(articles, range(1, 2), edition=" (bijgewerkt)")
    build(root)
    with open(cache, "r+b") as handle:
        handle.truncate(cache.stat().st_size - 7)
    write_articles(articles, range(2, 3), edition=" (bijgewerkt)")
    report = build(root)
    assert report["files_read"] == 2  # this build's file, and the one whose record was torn
    assert cache.stat().st_ino != appended.st_ino  # written whole again, without the torn tail

    clean = tmp_path / "clean"
    shutil.copytree(root / "site_src", clean / "site_src")
    build(clean)
    assert (docs_state(root), index_state(root)) == (docs_state(clean), index_state(clean))


def test_editing_only_the_author_or_source_link_updates_the_page_and_the_export(tmp_path):
    root = archive_of(tmp_path, count=30)
    raw = root / "site_src" / "articles" / "met-auteur.md"
    body = "Olaf Scholz sprak in Polen over de begroting en de gesprekken met de buurlanden.\n"
    raw.write_text(f"---\ntitle: Met auteur\ndate: 2023-05-01\nauthor: Anna Eerst\n---\n{body}")
    build(root)
    raw.write_text(
        f"---\ntitle: Met auteur\ndate: 2023-05-01\nauthor: Bert Later\nsource_url: https://example.org/a\n---\n{body}"
    )
    build(root)
    page = (root / "docs" / page_of(root, "met-auteur.md")).read_text()
    assert "Bert Later" in page and "https://example.org/a" in page and "Anna Eerst" not in page
    clean = tmp_path / "clean"
    shutil.copytree(root / "site_src", clean / "site_src")
    build(clean)
    assert docs_state(root) == docs_state(clean)


def test_a_published_file_that_is_missing_or_cut_short_is_made_again(tmp_path):
    """Unchanged pages are kept and unchanged pieces of the exports are copied from the published
    tree; what is no longer there as the manifest says is made again instead, an actor's feed
    too when the new article does not name the actor (a group whose keys the plan kept)."""
    root = archive_of(tmp_path)
    generation = root / "build" / "generated" / "current"
    page = page_of(root, "2023-06-18-bericht-17.txt")
    (generation / page).unlink()
    feeds = sorted((generation / "actors").glob("*/*/feed.xml"))
    assert len(feeds) > 2
    for feed in feeds:
        feed.unlink()
    export = generation / "export" / "articles.jsonl"
    data = export.read_bytes()
    export.unlink()  # a file of its own: the published one is a hard link of earlier generations
    export.write_bytes(data[: len(data) // 2])
    write_articles(root / "site_src" / "articles", range(120, 121))
    report = build(root)
    assert report["files_read"] == 1
    clean = tmp_path / "clean"
    shutil.copytree(root / "site_src", clean / "site_src")
    build(clean)
    assert docs_state(root) == docs_state(clean)


def test_adding_a_full_name_rejoins_the_articles_that_only_had_the_surname(tmp_path):
    root = tmp_path / "archive"
    articles = root / "site_src" / "articles"
    write_articles(articles, range(20))
    for n in range(3):
        (articles / f"2023-03-0{n + 1}-jansen-{n}.txt").write_text(
            f"Plan {n} rond\n\nGisteren zei Jansen dat plan {n} rond is, en de begroting ook.\n"
        )
    build(root)
    assert "actors/persons/jansen/index.md" in docs_state(root)
    (articles / "2023-02-01-piet-jansen.txt").write_text(
        "Nieuwe woordvoerder\n\nWoordvoerder Piet Jansen zei dat de begroting rond is.\n"
    )
    report = build(root)
    assert (report["files_read"], report["articles_analysed"]) == (1, 1)
    lines = [json.loads(line) for line in (root / "docs/export/articles.jsonl").read_text().splitlines()]
    joined = [r for r in lines if r["source"].endswith(tuple(f"jansen-{n}.txt" for n in range(3)))]
    assert [[p["id"] for p in r["persons"]] for r in joined] == [["person:piet-jansen"]] * 3
    assert not any(path.startswith("actors/persons/jansen/") for path in docs_state(root))

    clean = tmp_path / "clean"
    shutil.copytree(root / "site_src", clean / "site_src")
    build(clean)
    assert (docs_state(root), index_state(root), searches(root)) == (
        docs_state(clean),
        index_state(clean),
        searches(clean),
    )


def exported_actors(root: Path) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """Article source -> actor id -> its mentions (text, layer), as the export has them."""
    found = {}
    for line in (root / "docs/export/articles.jsonl").read_text().splitlines():
        record = json.loads(line)
        found[record["source"]] = {
            actor["id"]: [(m["text"], m["layer"]) for m in actor["mentions"]]
            for key in ("persons", "countries", "organisations", "places")
            for actor in record[key]
        }
    return found


def test_a_touched_file_keeps_the_names_that_other_articles_type(tmp_path):
    # "Marrowfield" and "Oyelaran" alone carry no evidence; the other articles show what they are.
    root = tmp_path / "archive"
    articles = root / "site_src" / "articles"
    articles.mkdir(parents=True)
    (articles / "2021-01-10-winst.txt").write_text("Marrowfield Ltd. reported lower profits on Tuesday.\n")
    (articles / "2021-02-10-werven.txt").write_text(
        "De werven van Marrowfield gaan dicht, tot woede van de bewoners.\n"
    )
    (articles / "2021-03-10-burgemeester.txt").write_text(
        "Burgemeester Oyelaran zei dat de haven dichtgaat.\n"
    )
    (articles / "2021-03-11-port.txt").write_text(
        "The residents blamed Oyelaran for the closure of the port.\n"
    )
    build(root)
    before = exported_actors(root)
    assert before["2021-02-10-werven.txt"] == {
        "organisation:marrowfield": [("Marrowfield", "resolve:archive-name")]
    }
    assert before["2021-03-11-port.txt"] == {"person:oyelaran": [("Oyelaran", "resolve:archive-name")]}
    state = docs_state(root)
    # Touched (a copy, a checkout, an editor that saves unchanged text): read again, not analysed.
    for name in ("2021-02-10-werven.txt", "2021-03-11-port.txt"):
        os.utime(articles / name, ns=(1_700_000_000_000_000_000,) * 2)
    report = build(root)
    assert (report["files_read"], report["articles_analysed"]) == (2, 0)
    assert exported_actors(root) == before
    assert docs_state(root) == state


def test_a_name_that_a_later_article_types_is_linked_in_the_earlier_ones(tmp_path):
    # The editor gave both articles the person; only a later article shows "Oyelaran" to be one,
    # which adds mentions to the earlier ones without changing their actors.
    root = tmp_path / "archive"
    articles = root / "site_src" / "articles"
    articles.mkdir(parents=True)
    for name, lang, text in [
        ("plan", "nl", "Het plan van Oyelaran voor de haven kreeg gisteren geen steun."),
        ("port", "en", "The residents blamed Oyelaran for the closure of the port."),
    ]:
        (articles / f"{name}.md").write_text(
            f"---\ntitle: {name}\ndate: 2021-03-01\nlang: {lang}\npersons: [Oyelaran]\n---\n{text}\n"
        )
    build(root)
    assert exported_actors(root)["plan.md"] == {"person:oyelaran": []}
    (articles / "2021-03-10-burgemeester.txt").write_text(
        "Burgemeester Oyelaran zei dat de haven dichtgaat.\n"
    )
    report = build(root)
    assert (report["files_read"], report["articles_analysed"]) == (1, 1)
    found = exported_actors(root)
    for name in ("plan.md", "port.md"):
        assert found[name] == {"person:oyelaran": [("Oyelaran", "resolve:archive-name")]}
    clean = tmp_path / "clean"
    shutil.copytree(root / "site_src", clean / "site_src")
    build(clean)
    assert docs_state(root) == docs_state(clean)


def empty_folders(root: Path) -> list[str]:
    docs = root / "docs"
    return sorted(
        Path(folder).relative_to(docs).as_posix()
        for folder, subfolders, files in os.walk(docs, followlinks=True)
        if not subfolders and not files
    )


def test_an_actor_that_no_article_names_any_more_leaves_no_empty_folder(tmp_path):
    root = archive_of(tmp_path, 20)
    lone = root / "site_src" / "articles" / "2023-07-02-okkerman.txt"
    lone.write_text(
        "Okkerman treedt af\n\nDe Friese wethouder Wessel Okkerman zei dinsdag dat hij aftreedt. "
        "Okkerman was twaalf jaar wethouder van Drachten.\n",
        encoding="utf-8",
    )
    build(root)
    assert any(path.startswith("actors/") and "okkerman" in path for path in identities(root))
    lone.unlink()
    build(root)
    assert not any("okkerman" in path for path in identities(root))
    assert empty_folders(root) == []
