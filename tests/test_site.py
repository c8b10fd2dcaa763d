"""End to end: the sample archive through a real MkDocs build and a real `mkdocs serve`."""

from __future__ import annotations

import functools
import json
import re
import subprocess
import time
from pathlib import Path

import pytest
from conftest import BIN, archive, mkdocs, run
from test_serve import eventually, free_port, get

# End to end: builds through the command line or MkDocs, in processes of their own.
pytestmark = pytest.mark.e2e


def test_mkdocs_build_of_the_sample_archive_writes_home_and_seed_pages(project):
    mkdocs("build", "--strict", cwd=project)
    site = project / "site"
    home = (site / "index.html").read_text()
    page = (
        site
        / "articles"
        / "undated"
        / "volgens-een-bron-bij-het-witte-huis-resulteerde-het-gesprek"
        / "index.html"
    )
    html = page.read_text()
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert title.startswith("Volgens een bron bij het Witte Huis resulteerde het gesprek &quot;niet in een")
    assert 'lang="nl"' in html
    assert "Macron en Poetin spraken bijna anderhalf uur met elkaar." in html
    assert "volgens-een-bron-bij-het-witte-huis-resulteerde-het-gesprek/" in home
    assert (site / "articles" / "index.html").is_file()
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', home, re.S).group(0)
    assert "volgens-een-bron" not in nav  # articles stay out of the nav


def test_mkdocs_build_has_the_search_index_updated_beside_it_and_waits_for_it(project):
    result = mkdocs("build", "--strict", cwd=project)
    assert "archive: 1 read, 1 published, 0 duplicates, 0 skipped" in result.stderr
    assert "search index: 1 added, 0 updated, 0 deleted, 0 unchanged" in result.stderr
    report = json.loads((project / "build" / "report.json").read_text())
    assert report["index"]["added"] == 1 and "index" in report["timings"]
    hits = json.loads(archive("search", "--person", "Poetin", "--json", cwd=project).stdout)
    assert [hit["url"] for hit in hits] == [
        "articles/undated/volgens-een-bron-bij-het-witte-huis-resulteerde-het-gesprek/"
    ]


def test_an_archive_that_cannot_be_built_stops_mkdocs_with_the_reason(project):
    (project / "site_src" / "settings.yml").write_text("language: [nl\n")
    result = run([str(BIN / "mkdocs"), "build"], cwd=project, check=False)
    assert result.returncode != 0
    assert "settings.yml: not valid YAML" in result.stderr and "Traceback" not in result.stderr


def test_hostile_article_renders_as_text_in_the_built_site(project):
    (project / "site_src" / "articles" / "hostile.txt").write_text(
        "<script>alert('x')</script> kop\n\n<script>alert(1)</script>\n---\n# kop\n{{ x }} {% y %}\n```"
    )
    mkdocs("build", "--strict", cwd=project)
    [page] = (project / "site" / "articles" / "undated").glob("script*/index.html")
    html = page.read_text()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "&#60;script&#62;alert(1)" in html


def test_odd_file_names_and_odd_text_are_published_as_text(project):
    articles = project / "site_src" / "articles"
    long_word = "a" * 20_000
    odd = {
        "nieuws met spaties.txt": "Spaties in de naam\n\nDe raad vergaderde met spaties in de bestandsnaam.",
        "новости дня.txt": "Новости дня\n\nСовет собрался в понедельник и обсудил бюджет города.",
        "报道.txt": "中文报道\n\n市议会星期一开会讨论了预算。",
        "twee..punten.txt": "Twee punten\n\nDe naam heeft twee punten achter elkaar: " + long_word + ".",
        "rtl.txt": "خبر عاجل\n\nاجتمع المجلس يوم الاثنين وناقش الميزانية. <!-- geen commentaar --> 🇳🇱🎉",
        "..verstopt.txt": "Verstopt\n\nEen bestand dat met een punt begint is verborgen.",
    }
    for name, text in odd.items():
        (articles / name).write_text(text)
    mkdocs("build", "--strict", cwd=project)
    report = json.loads((project / "build" / "report.json").read_text())
    statuses = {e["source"]: (e["status"], e.get("reason", "")) for e in report["entries"]}
    assert all(statuses[name][0] == "published" for name in odd if not name.startswith("."))
    assert statuses["..verstopt.txt"] == ("skipped", "hidden file (name starts with a dot)")
    built = "\n".join(p.read_text() for p in (project / "site" / "articles" / "undated").rglob("index.html"))
    for expected in ("Совет собрался", "市议会星期一开会", "اجتمع المجلس", "🇳🇱🎉", long_word):
        assert expected in built
    assert "<!-- geen commentaar -->" not in built and "&#60;!-- geen commentaar --&#62;" in built


def served(url: str) -> bool:
    return get(url)[0] == 200


@pytest.mark.parametrize("mode", [[], ["--clean"]], ids=["serve", "serve-clean"])
def test_mkdocs_serve_answers_with_search_and_picks_up_a_new_article(project, mode):
    """`--clean` starts the plugin as for `mkdocs build`, whose Pagefind waits for the end of the
    command: here the served site must still have its search from the first build on."""
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", *mode, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        seed = base + "articles/undated/volgens-een-bron-bij-het-witte-huis-resulteerde-het-gesprek/"
        for url in (base, seed, base + "pagefind/pagefind.js"):
            eventually(functools.partial(served, url), f"{url} served")
        time.sleep(1)  # let the watcher settle before the editor drops a file in
        (project / "site_src" / "articles" / "tweede.txt").write_text(
            "Tweede bericht uit Den Haag\n\nDe Tweede Kamer debatteerde dinsdag urenlang over de begroting."
        )
        listing = re.compile(r'href="(?:\.\./\.\./articles/undated/)?(tweede-bericht-uit-den-haag/)"')
        eventually(lambda: bool(listing.search(get(base + "articles/undated/")[1])), "the new article listed")
        found = listing.search(get(base + "articles/undated/")[1])
        assert found
        eventually(functools.partial(served, base + "articles/undated/" + found.group(1)), "its page served")
    finally:
        server.terminate()
        server.wait(timeout=20)


SEED_PAGE = "articles/undated/volgens-een-bron-bij-het-witte-huis-resulteerde-het-gesprek/index.html"
POETIN = "actors/persons/vladimir-putin/"


def test_seed_page_has_actor_chips_and_linked_first_mentions(project):
    mkdocs("build", "--strict", cwd=project)
    html = (project / "site" / SEED_PAGE).read_text()
    chips = re.findall(r'<a class="archive-chip archive-chip--(\w+)" href="([^"]+)">([^<]+)</a>', html)
    assert {name for _, _, name in chips} == {
        "Vladimir Poetin", "Joe Biden", "Emmanuel Macron", "Antony Blinken", "Sergej Lavrov",
        "Oekraïne", "Rusland", "Verenigde Staten", "Frankrijk", "Kremlin", "Witte Huis",
        "Financial Times", "Washington", "Kiev",
    }  # fmt: skip
    assert ("person", f"../../../{POETIN}", "Vladimir Poetin") in chips
    body = html.split('class="archive-chips"', 1)[1]
    assert body.count(f'href="../../../{POETIN}"') == 2  # the chip and the first mention, not every mention
    assert 'type="application/atom+xml"' in html


def test_poetin_page_lists_the_seed_with_aliases_timeline_co_actors_and_a_valid_feed(project):
    import feedparser

    mkdocs("build", "--strict", cwd=project)
    site = project / "site"
    html = (site / POETIN / "index.html").read_text()
    assert "volgens-een-bron-bij-het-witte-huis-resulteerde-het-gesprek/" in html
    assert "Putin" in html and "Путин" in html  # aliases in every language
    assert "<svg" in html and "zonder datum: 1" in html  # the timeline
    for co_actor in ("Joe Biden", "Emmanuel Macron", "Rusland"):
        assert re.search(rf">{co_actor}</a> \(1\)", html), co_actor
    assert 'href="feed.xml"' in html  # the link on the page
    assert re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]+href="feed.xml"', html)
    feed = feedparser.parse((site / POETIN / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title.startswith("Vladimir Poetin")
    assert [e.title for e in feed.entries] == [
        'Volgens een bron bij het Witte Huis resulteerde het gesprek "niet in een fundamentele…'
    ]
    archive_feed = feedparser.parse((site / "articles" / "feed.xml").read_bytes())
    assert not archive_feed.bozo and len(archive_feed.entries) == 1


def test_actor_indexes_sort_by_name_and_count_and_exports_are_published(project):
    import csv
    import io

    mkdocs("build", "--strict", cwd=project)
    site = project / "site"
    by_name = (site / "actors/persons/index.html").read_text()
    names = re.findall(r'<a href="[^"]+/">([^<]+)</a> \(1\)', by_name)
    assert names == ["Antony Blinken", "Emmanuel Macron", "Joe Biden", "Sergej Lavrov", "Vladimir Poetin"]
    assert 'href="by-count/"' in by_name
    assert (site / "actors/persons/by-count/index.html").is_file()
    for kind in ("countries", "organisations", "places"):
        assert (site / f"actors/{kind}/index.html").is_file()
    actors = list(csv.DictReader(io.StringIO((site / "export/actors.csv").read_text())))
    assert {a["id"] for a in actors} >= {"person:vladimir-putin", "country:fr", "place:kyiv"}
    mentions = list(csv.DictReader(io.StringIO((site / "export/mentions.csv").read_text())))
    assert sum(1 for m in mentions if m["actor_id"] == "person:vladimir-putin") == 11
    home = (site / "index.html").read_text()
    for target in ("export/articles.jsonl", "export/actors.json", "export/actors.csv", "export/mentions.csv"):
        assert f'href="{target}"' in home
    assert "Meest genoemde personen" in home and "Meest genoemde landen" in home


def test_every_link_in_the_built_site_resolves(project):
    """Generated listings are raw HTML that MkDocs does not check: check every link here."""
    from urllib.parse import unquote, urlsplit

    (project / "site_src" / "articles" / "2021-05-04-tweede.txt").write_text(
        "Tweede bericht\n\nMark Rutte sprak in Den Haag met Olaf Scholz over Oekraïne. Rutte zei weinig."
    )
    mkdocs("build", "--strict", cwd=project)
    site = project / "site"
    broken = []
    for page in site.rglob("*.html"):
        for href in re.findall(r'href="([^"#?]+)', page.read_text()):
            if urlsplit(href).scheme or href.startswith("//"):
                continue
            base = site if href.startswith("/") else page.parent
            target = (base / unquote(href).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
    assert not broken, broken[:20]


def test_pages_rendered_one_at_a_time_are_what_a_plain_mkdocs_build_renders(project):
    """The plugin renders the build's pages in MkDocs' second pass only, and reads their front
    matter as JSON: the site must be byte for byte what MkDocs renders from the same docs/ on its
    own, theme search index included (it reads each page after the plugin has rendered it)."""
    import yaml
    from conftest import write_articles

    write_articles(project / "site_src" / "articles", range(12))
    mkdocs("build", "--strict", cwd=project)
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "archive" in p)]
    config["site_dir"] = "site-plain"
    (project / "plain.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    mkdocs("build", "--strict", "-f", "plain.yml", cwd=project)

    ours, plain = _site_files(project / "site"), _site_files(project / "site-plain")
    assert sorted(ours) == sorted(plain)
    assert len([name for name in ours if name.startswith("articles/2023/")]) >= 12
    assert "search/search_index.json" in ours
    assert [name for name in ours if ours[name] != plain[name]] == []


def _site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site but Pagefind's bundle and the Zoeken page, which holds the
    preloads of it: both are the plugin's own."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in site.rglob("*")
        if path.is_file() and "pagefind" not in path.parts and path.parent.name != "zoeken"
    }


def test_pages_rendered_by_two_processes_are_what_a_plain_mkdocs_build_renders(project):
    """Above theme_search_up_to the plugin renders its pages in MkDocs' process and a fork of it,
    side by side (second_pass.py): the site must be byte for byte what MkDocs renders from the
    same docs/ on its own, in one process, with the theme's search off as the plugin turns it off."""
    import yaml
    from conftest import write_articles

    settings = project / "site_src" / "settings.yml"
    settings.write_text(re.sub(r"theme_search_up_to: \d+", "theme_search_up_to: 0", settings.read_text()))
    write_articles(project / "site_src" / "articles", range(40))
    result = mkdocs("build", "--strict", cwd=project)
    split = re.search(r"(\d+) pages rendered by two processes, (\d+) of them by the second", result.stderr)
    assert split is not None, result.stderr
    assert 0 < int(split.group(2)) < int(split.group(1))  # both processes rendered some
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config["plugins"] = [
        {"search": {**p["search"], "enabled": False}} if isinstance(p, dict) and "search" in p else p
        for p in config["plugins"]
        if not (isinstance(p, dict) and "archive" in p)
    ]
    config.setdefault("extra", {})["archive_search_page"] = True  # as the plugin sets it
    config["site_dir"] = "site-plain"
    (project / "plain.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    mkdocs("build", "--strict", "-f", "plain.yml", cwd=project)

    ours, plain = _site_files(project / "site"), _site_files(project / "site-plain")
    assert sorted(ours) == sorted(plain)
    assert "search/search_index.json" not in ours
    assert [name for name in ours if ours[name] != plain[name]] == []


def test_a_failing_pagefind_fails_mkdocs_build_with_the_reason(project, tmp_path):
    """Under `mkdocs build` Pagefind runs after MkDocs has let go of its pages, at the end of the
    command: its failure must still fail the command, with Pagefind's message."""
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'kapotte index' >&2\nexit 3\n")
    failing.chmod(0o755)
    result = run(
        [str(BIN / "mkdocs"), "build"], project, check=False, env={"PAGEFIND_BINARY_PATH": str(failing)}
    )
    assert result.returncode != 0
    assert "search index (Pagefind)" in result.stderr and "kapotte index" in result.stderr
    assert "Traceback" not in result.stderr
