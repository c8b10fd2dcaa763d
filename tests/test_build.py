"""`archive build` from the command line: publishes what it can, reports the rest, exits 0."""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import BIN, SEED, archive

# End to end: builds through the command line or MkDocs, in processes of their own.
pytestmark = pytest.mark.e2e


def test_build_publishes_good_file_and_reports_undecodable_one(tmp_path):
    articles = tmp_path / "site_src" / "articles"
    articles.mkdir(parents=True)
    (articles / "goed.txt").write_text(
        "Kabinet valt\n\nHet kabinet is vandaag gevallen na een ruzie over geld."
    )
    (articles / "kapot.txt").write_bytes(bytes(range(128, 256)) * 4)
    result = archive("build", cwd=tmp_path)
    assert result.returncode == 0
    assert "2 read, 1 published, 0 duplicates, 1 skipped" in result.stdout
    assert "kapot.txt" in result.stdout and "undecodable" in result.stdout
    assert (tmp_path / "docs" / "articles" / "undated" / "kabinet-valt.md").is_file()
    report = json.loads((tmp_path / "build" / "report.json").read_text())
    assert report["read"] == report["published"] + report["skipped"] == 2
    statuses = {e["source"]: e["status"] for e in report["entries"]}
    assert statuses == {"goed.txt": "published", "kapot.txt": "skipped"}


def test_build_without_articles_folder_fails_with_a_clear_message(tmp_path):
    result = archive("build", "--source", "nergens", cwd=tmp_path, check=False)
    assert result.returncode != 0
    assert "nergens/articles does not exist" in result.stderr


def test_deleted_article_loses_its_page_and_unchanged_pages_are_not_rewritten(tmp_path):
    articles = tmp_path / "site_src" / "articles"
    articles.mkdir(parents=True)
    (articles / "seed.txt").write_bytes(SEED.read_bytes())
    (articles / "extra.txt").write_text(
        "Extra bericht\n\nDit is een tweede bericht over iets anders dan de eerste."
    )
    archive("build", cwd=tmp_path)
    page = tmp_path / "docs" / "articles" / "undated" / "extra-bericht.md"
    assert page.is_file()
    second = archive("build", cwd=tmp_path)
    assert "0 pages written, 0 removed" in second.stdout
    (articles / "extra.txt").unlink()
    archive("build", cwd=tmp_path)
    assert not page.exists()


def test_python_dash_m_runs_the_same_command(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "build_archive", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "build" in result.stdout


def test_long_listings_are_paginated_so_no_page_grows_with_the_archive(tmp_path):
    articles = tmp_path / "site_src" / "articles"
    articles.mkdir(parents=True)
    for number in range(260):
        (articles / f"2022-02-{number % 28 + 1:02d}-bericht-{number}.txt").write_text(
            f"Bericht nummer {number}\n\nPoetin sprak op dag {number} met Macron over de gasprijs."
        )
    archive("build", cwd=tmp_path)
    docs = tmp_path / "docs"
    month = sorted(p.name for p in (docs / "articles/2022/02").glob("index*.md"))
    assert month == ["index-2.md", "index.md"]
    assert (docs / "articles/2022/02/index.md").read_text().count("<li>") == 200
    # Links as the browser resolves them from the pages' URLs, articles/2022/02/ and .../index-2/.
    assert (
        '<a href="../../../articles/2022/02/index-2/">Volgende →</a>'
        in (docs / "articles/2022/02/index.md").read_text()
    )
    assert (
        '<a href="../../../../articles/2022/02/">← Vorige</a>'
        in (docs / "articles/2022/02/index-2.md").read_text()
    )
    poetin = sorted(p.name for p in (docs / "actors/persons/vladimir-putin").glob("index*.md"))
    assert poetin == ["index-2.md", "index-3.md", "index.md"]
    first = (docs / "actors/persons/vladimir-putin/index.md").read_text()
    assert first.count("<li>") == 100 + 1  # 100 articles and one co-actor, Macron
    assert "Pagina 1/3" in first and "260 artikelen" in first


def test_check_reports_like_a_build_and_writes_nothing(tmp_path):
    articles = tmp_path / "site_src" / "articles"
    articles.mkdir(parents=True)
    (articles / "goed.txt").write_text(
        "Kabinet valt\n\nHet kabinet is vandaag gevallen na een ruzie over geld."
    )
    (articles / "kapot.json").write_text("{niet: json")
    result = archive("check", cwd=tmp_path)
    assert (
        "2 read, 1 published, 0 duplicates, 1 skipped" in result.stdout
        and "kapot.json: invalid JSON" in result.stdout
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site_src"]


def test_actors_lists_the_last_builds_actors_by_type(tmp_path):
    articles = tmp_path / "site_src" / "articles"
    articles.mkdir(parents=True)
    (articles / "seed.txt").write_bytes(SEED.read_bytes())
    archive("build", cwd=tmp_path)
    persons = json.loads(archive("actors", "--type", "person", "--json", cwd=tmp_path).stdout)
    assert {a["name"] for a in persons} == {
        "Vladimir Poetin",
        "Joe Biden",
        "Emmanuel Macron",
        "Antony Blinken",
        "Sergej Lavrov",
    }
    assert [a["name"] for a in persons][:2] == ["Antony Blinken", "Emmanuel Macron"]  # by count, then name
    table = archive("actors", cwd=tmp_path).stdout
    assert "country:fr" in table and "place:kyiv" in table


def test_the_same_text_twice_is_published_once_and_reported_as_a_duplicate(tmp_path):
    articles = tmp_path / "site_src" / "articles"
    (articles / "feed").mkdir(parents=True)
    text = "Kabinet valt\n\nHet kabinet is vandaag gevallen na een ruzie over geld."
    (articles / "a.txt").write_text(text)
    (articles / "feed" / "b.txt").write_text(
        text.upper().replace("\n\n", "\n\n  ")
    )  # same text, other case and spacing
    (articles / "c.jsonl").write_text(
        json.dumps({"title": "Anders", "text": "Een heel ander bericht over de zorg."}) + "\n"
    )
    for command in ("check", "build"):
        result = archive(command, cwd=tmp_path)
        assert "3 read, 2 published, 1 duplicates, 0 skipped" in result.stdout
        assert "duplicate feed/b.txt: same text as a.txt" in result.stdout
    report = json.loads((tmp_path / "build" / "report.json").read_text())
    assert report["read"] == report["published"] + report["duplicates"] + report["skipped"] == 3
    assert {"source": "feed/b.txt", "status": "duplicate", "of": "a.txt"} in report["entries"]


def test_a_second_build_waits_for_the_first_then_stops_with_a_clear_message(tmp_path):
    import fcntl

    articles = tmp_path / "site_src" / "articles"
    articles.mkdir(parents=True)
    (articles / "a.txt").write_text("Kabinet valt\n\nHet kabinet is vandaag gevallen na een ruzie over geld.")
    lock = tmp_path / "build" / ".archive-build.lock"
    lock.parent.mkdir()
    with open(lock, "w") as running:  # a build in progress holds this lock
        fcntl.flock(running, fcntl.LOCK_EX)
        blocked = archive("build", cwd=tmp_path, check=False)
    assert blocked.returncode == 2
    assert "another archive build is running" in blocked.stderr and "waited 10 s" in blocked.stderr
    assert not (tmp_path / "docs").exists()  # it wrote nothing
    assert archive("build", cwd=tmp_path).returncode == 0


def test_unusable_front_matter_is_reported_with_the_published_article(tmp_path):
    articles = tmp_path / "site_src" / "articles"
    articles.mkdir(parents=True)
    (articles / "a.md").write_text(
        "---\ntitle: Kop\nrubriek: binnenland\n---\nHet kabinet is vandaag gevallen."
    )
    result = archive("build", cwd=tmp_path)
    assert "1 published" in result.stdout
    assert "note a.md: unknown front matter key(s) rubriek: ignored" in result.stdout
    report = json.loads((tmp_path / "build" / "report.json").read_text())
    [entry] = report["entries"]
    assert entry["status"] == "published" and entry["notes"] == [
        "unknown front matter key(s) rubriek: ignored"
    ]


def test_a_record_over_the_limit_is_reported_by_line_and_the_rest_of_its_file_published(tmp_path):
    source = tmp_path / "site_src"
    (source / "articles").mkdir(parents=True)
    (source / "settings.yml").write_text("max_article_bytes: 2000\n")
    text = "Het kabinet sprak dinsdag in Den Haag over de begroting en de gesprekken met de buurlanden."
    lines = [json.dumps({"title": f"Bericht {n}", "text": f"{text} Nummer {n}."}) for n in range(40)]
    lines[29] = json.dumps({"title": "Te groot", "text": text * 30})
    (source / "articles" / "export.jsonl").write_text("\n".join(lines) + "\n")
    result = archive("build", cwd=tmp_path)
    assert "40 read, 39 published, 0 duplicates, 1 skipped" in result.stdout
    assert "export.jsonl#30: line 30: too large" in result.stdout
    report = json.loads((tmp_path / "build" / "report.json").read_text())
    [skipped] = [e for e in report["entries"] if e["status"] == "skipped"]
    assert skipped["source"] == "export.jsonl#30" and "2,000" in skipped["reason"]


def test_html_pages_and_web_archives_are_built_and_every_record_accounted_for(tmp_path):
    from test_readers import NEWS_PAGE, crawl

    articles = tmp_path / "site_src" / "articles"
    articles.mkdir(parents=True)
    (articles / "pagina.html").write_text(NEWS_PAGE.replace("begroting voor", "begroting van Nederland voor"))
    crawl(articles)
    checked = archive("check", cwd=tmp_path)
    assert "6 read, 3 published, 0 duplicates, 3 skipped" in checked.stdout
    result = archive("build", cwd=tmp_path)
    assert "6 read, 3 published, 0 duplicates, 3 skipped" in result.stdout
    assert "crawl.warc.gz#7: record 7 (https://dagblad.example/begroting.pdf): not HTML" in result.stdout
    report = json.loads((tmp_path / "build" / "report.json").read_text())
    assert report["read"] == report["published"] + report["duplicates"] + report["skipped"]
    statuses = {e["source"]: e["status"] for e in report["entries"]}
    assert statuses == {"crawl.warc.gz#3": "published", "crawl.warc.gz#5": "published",
                        "crawl.warc.gz#7": "skipped", "crawl.warc.gz#9": "skipped",
                        "crawl.warc.gz#11": "skipped", "pagina.html": "published"}  # fmt: skip
    page = (tmp_path / "docs" / "articles" / "2023" / "03" / "kabinet-akkoord-over-begroting.md").read_text()
    assert "Anna de Vries" in page and "<script>" not in page and "TRACKING_SCRIPT" not in page
    exported = [
        json.loads(line) for line in (tmp_path / "docs/export/articles.jsonl").read_text().splitlines()
    ]
    assert {e["source"] for e in exported} == {"crawl.warc.gz#3", "crawl.warc.gz#5", "pagina.html"}


def test_a_link_out_of_the_folder_is_reported_again_once_the_register_changed(tmp_path):
    articles = tmp_path / "site_src" / "articles"
    articles.mkdir(parents=True)
    (articles / "goed.txt").write_text(
        "Kabinet valt\n\nHet kabinet is vandaag gevallen na een ruzie over geld."
    )
    (tmp_path / "elders.txt").write_text("Geheim\n\nDit staat buiten de map en wordt nooit gepubliceerd.")
    (articles / "link.txt").symlink_to(tmp_path / "elders.txt")
    assert "2 read, 1 published, 0 duplicates, 1 skipped" in archive("build", cwd=tmp_path).stdout
    # A new register: the cached actors are stale, so every listed file is analysed again.
    (tmp_path / "site_src" / "actors.yml").write_text("actors: []\nmerge: {}\nreject: [Geheim]\n")
    result = archive("build", cwd=tmp_path)
    assert "2 read, 1 published, 0 duplicates, 1 skipped" in result.stdout
    assert "link.txt: link to a file outside the source folder" in result.stdout


def test_the_build_tells_the_plugin_its_pages_then_its_search_index_figures(tmp_path):
    import os
    import subprocess
    import sys

    articles = tmp_path / "site_src" / "articles"
    articles.mkdir(parents=True)
    (articles / "goed.txt").write_text(
        "Kabinet valt\n\nHet kabinet is vandaag gevallen na een ruzie over geld."
    )
    told, tell = os.pipe()
    build = subprocess.Popen(
        [sys.executable, "-m", "build_archive", "build", "--published-fd", str(tell)],
        cwd=tmp_path, pass_fds=(tell,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(tell)
    with os.fdopen(told, encoding="utf-8") as pipe:
        published, indexed = json.loads(pipe.readline()), json.loads(pipe.readline())
        assert pipe.read() == ""
    assert build.wait() == 0
    assert published["published"] == 1 and "1 published" in published["summary"]
    assert published["settings"]["language"] == "nl"
    assert indexed == {"index": {"added": 1, "updated": 0, "deleted": 0, "unchanged": 0}}


def test_a_listing_cut_short_by_its_reader_ends_without_a_traceback(tmp_path):
    """`archive actors | head`: the reader closes the pipe before the listing is written."""
    articles = tmp_path / "site_src" / "articles"
    articles.mkdir(parents=True)
    (articles / "seed.txt").write_bytes(SEED.read_bytes())
    archive("build", cwd=tmp_path)
    listing = subprocess.Popen(
        [str(BIN / "archive"), "actors"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert listing.stdout is not None and listing.stderr is not None
    listing.stdout.close()  # gone before the command has written a line
    errors = listing.stderr.read().decode()
    assert listing.wait() == 1
    assert errors == ""
