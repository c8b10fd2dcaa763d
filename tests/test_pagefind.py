"""The Zoeken page: Pagefind over the built sample site, in Debian's headless Chromium.

Real builds (`mkdocs build` with the archive plugin, which runs Pagefind) and a real browser
against the site served on 127.0.0.1, as in test_browser.py; no timed assertions.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import copy_project, mkdocs
from test_browser import CHROMIUM, FLAGS, QuietHandler

from build_archive.generate.front_matter import pagefind_filter
from build_archive.search.pagefind import FILES_ID, PATCHED, shard_of

SEED_URL = "articles/undated/volgens-een-bron-bij-het-witte-huis-resulteerde-het-gesprek/"


@contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The sample archive, built as published (below the threshold: the theme's search is on)."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    mkdocs("build", "--strict", cwd=project)
    return project


@pytest.fixture(scope="module")
def served(built) -> Iterator[str]:
    with serve(built / "site") as base:
        yield base


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    return browser.new_context(viewport={"width": 1280, "height": 900}).new_page()


def filter_box(page, kind: str, value: str):
    return page.locator(f'.archive-search__filter[data-filter="{kind}"] input[value="{value}"]')


def results(page):
    return page.locator(".archive-search__result")


@pytest.mark.e2e
def test_article_pages_are_indexed_with_one_filter_per_actor_and_others_are_not(built):
    site = built / "site"
    article = (site / SEED_URL / "index.html").read_text()
    assert article.count("data-pagefind-body") == 1
    filters = dict.fromkeys(re.findall(r'data-pagefind-filter="([\w-]+)">([^<]+)<', article))
    # Persons, organisations and places under their part of the type; countries under the type.
    assert (pagefind_filter("person", "Vladimir Poetin"), "Vladimir Poetin") in filters
    assert pagefind_filter("person", "Vladimir Poetin").startswith("person-")
    assert ("country", "Frankrijk") in filters and ("language", "nl") in filters
    kinds = ("person", "country", "organisation", "place")
    assert sum(1 for kind, _ in filters if kind.split("-")[0] in kinds) == 14
    actor = (site / "actors/persons/vladimir-putin/index.html").read_text()
    assert "data-pagefind-body" not in actor
    assert (site / "pagefind" / "pagefind.js").is_file()
    # Below theme_search_up_to the theme's own search stays, and the header has no Zoeken form.
    assert (site / "search" / "search_index.json").is_file()
    assert "archive-header-search" not in article


@pytest.mark.browser
def test_filtering_on_person_and_country_lists_the_seed_article(page, served):
    page.goto(served + "zoeken/")
    filter_box(page, "person", "Vladimir Poetin").check()
    results(page).first.wait_for()
    filter_box(page, "country", "Frankrijk").check()
    page.wait_for_url("**/zoeken/?person=Vladimir+Poetin&country=Frankrijk")
    expect(page.locator(".archive-search__status")).to_have_text("1 artikel")
    link = results(page).first.locator("a")
    assert link.get_attribute("href").endswith(SEED_URL)
    assert "Witte Huis" in link.inner_text()
    counts = page.locator('.archive-search__filter[data-filter="person"] label', has_text="Joe Biden")
    expect(counts).to_have_text("Joe Biden (1)")
    link.click()
    page.wait_for_url(f"**/{SEED_URL}")


@pytest.mark.browser
def test_typing_gesprekken_finds_the_seed_with_a_highlighted_excerpt(page, served):
    page.goto(served + "zoeken/")
    page.locator(".archive-search__input").press_sequentially("gesprekken", delay=30)
    mark = results(page).first.locator(".archive-search__excerpt mark").first
    mark.wait_for()
    assert mark.inner_text().lower().startswith("gesprek")  # Dutch stemming: gesprekken ~ gesprek
    assert results(page).first.locator("a").get_attribute("href").endswith(SEED_URL)
    assert "Witte Huis" in results(page).first.inner_text()


@pytest.mark.browser
def test_a_dutch_plural_finds_every_article_with_its_stem_in_an_index_of_many_chunks(page, tmp_path):
    """A large archive's index is split into chunks by word; "gesprekken" is looked up by its
    stem "gesprek", which sorts into another chunk than the plural once many words lie between
    them (Pagefind 1.4 looked in the plural's chunk and missed nearly every article)."""
    import random

    from build_archive.search.pagefind import run_pagefind, stand_in

    site, random_words = tmp_path / "site", random.Random(7)
    sentences = ["Na lange gesprekken zei de minister niets.", "Het gesprek duurde een uur."]
    pages = {f"doel-{n}": sentences[n % 2] for n in range(20)}
    for n in range(60):  # words that sort between the stem and the plural, as in a large archive
        pages[f"vulling-{n}"] = " ".join(
            "gesprek" + "".join(random_words.choice("abcdefghij") for _ in range(6)) for _ in range(200)
        )
    for name, text in pages.items():
        path = site / "articles" / "2020" / "01" / name / "index.html"
        path.parent.mkdir(parents=True)
        path.write_text(stand_in({"lang": "nl", "title": name}, f"<p>{text}</p>"))
    run_pagefind(site, site / "pagefind", "nl")
    assert len(list((site / "pagefind" / "index").iterdir())) > 1  # the index is in chunks
    with serve(site) as base:
        page.goto(base + "articles/2020/01/doel-0/")
        found = page.evaluate(
            """async () => {
                const pagefind = await import("/pagefind/pagefind.js");
                await pagefind.options({ noWorker: true });  // as docs/javascripts/zoeken.js
                const found = {};
                for (const word of ["gesprekken", "gesprek"]) {
                    const results = (await pagefind.search(word)).results;
                    found[word] = (await Promise.all(results.map((r) => r.data()))).map((d) => d.url);
                }
                return found;
            }"""
        )
    for word in ("gesprekken", "gesprek"):
        assert {url.split("/")[-2] for url in found[word] if "/doel-" in url} == {
            name for name in pages if name.startswith("doel-")
        }, word


def requests_under(page, folder: str) -> list[str]:
    """The addresses under `folder` that `page` asks for from now on, as it asks."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if folder in request.url else None)
    return asked


@pytest.mark.browser
def test_a_search_by_words_loads_the_filter_tables_only_on_request(page, served):
    tables = requests_under(page, "/pagefind/filter/")
    page.goto(served + "zoeken/?text=gesprekken")
    results(page).first.locator("mark").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert tables == []
    assert page.locator(".archive-search__filter").count() == 0
    page.get_by_role("button", name="Alle filters tonen").click()
    expect(filter_box(page, "person", "Vladimir Poetin")).to_be_visible()
    assert tables
    filter_box(page, "language", "nl").check()
    page.wait_for_url("**/zoeken/?text=gesprekken&language=nl")
    expect(page.locator(".archive-search__status")).to_have_text("1 artikel")


@pytest.mark.browser
def test_a_search_by_filters_alone_fetches_no_part_of_the_word_index(page, served):
    words = requests_under(page, "/pagefind/index/")
    page.goto(served + "zoeken/?person=Vladimir%20Poetin&country=Rusland")
    expect(page.locator(".archive-search__status")).to_have_text("1 artikel")
    page.wait_for_load_state("networkidle")
    assert words == []
    page.locator(".archive-search__input").press_sequentially("gesprekken", delay=30)
    results(page).first.locator("mark").first.wait_for()
    assert words  # a search with words fetches its chunk


@pytest.mark.browser
def test_the_zoeken_page_preloads_what_pagefind_fetches_first_and_fetches_it_once(page, served, built):
    html = (built / "site" / "zoeken" / "index.html").read_text()
    entry = json.loads((built / "site" / "pagefind" / "pagefind-entry.json").read_text())
    meta = f"pagefind.{entry['languages']['nl']['hash']}.pf_meta"
    assert f'<link rel="preload" href="../pagefind/{meta}" as="fetch" crossorigin>' in html
    assert '<link rel="preload" href="../pagefind/wasm.nl.pagefind" as="fetch" crossorigin>' in html
    assert '<script type="module" async src="../javascripts/zoeken.js">' in html
    named = re.search(r'<script type="application/json" id="archive-pagefind-files">(.*?)</script>', html)
    tables = json.loads(named.group(1))["filters"]
    poetin = pagefind_filter("person", "Vladimir Poetin")
    assert {poetin, "country", "language"} <= set(tables)
    assert {"person", "organisation", "place"}.isdisjoint(tables)  # in parts: person-0 ...
    assert sorted(tables.values()) == sorted(
        f"filter/{table.name}" for table in (built / "site" / "pagefind" / "filter").iterdir()
    )
    fetched = []
    page.on("request", lambda request: fetched.append(request.url) if "/pagefind/" in request.url else None)
    page.goto(served + "zoeken/?person=Vladimir%20Poetin&country=Frankrijk")
    expect(page.locator(".archive-search__status")).to_have_text("1 artikel")
    results(page).first.wait_for()
    first = page.evaluate(
        """() => performance.getEntriesByType("resource")
            .filter((entry) => entry.startTime <= Number(document.getElementById("archive-search").dataset.firstResults))
            .map((entry) => entry.name.split("/pagefind/")[1]).filter(Boolean)"""
    )
    # The tables of the address's filters, asked for by the page before Pagefind, once; no other
    # before the first results: of the persons, only the part that holds the person.
    assert sorted(name for name in first if name.startswith("filter/")) == sorted(
        [tables[poetin], tables["country"]]
    )
    # Then the person's other parts, for the counts of the persons named with them.
    expect(
        page.locator('.archive-search__filter[data-filter="person"] label', has_text="Joe Biden")
    ).to_be_visible()
    names = [url.split("/pagefind/")[1] for url in fetched]
    parts = {table for name, table in tables.items() if name.startswith("person-")}
    assert sorted(name for name in names if name.startswith("filter/")) == sorted(parts | {tables["country"]})
    assert names.count(meta) == 1 and names.count("wasm.nl.pagefind") == 1 and names.count("pagefind.js") == 1
    assert len([name for name in names if name.startswith("pagefind-entry.json")]) == 1


@pytest.mark.browser
def test_the_themes_scripts_run_after_the_first_results_and_the_theme_still_works(page, served, built):
    html = (built / "site" / "zoeken" / "index.html").read_text()
    held = re.search(r'<template id="archive-theme-scripts">(.*?)</template>', html, re.S).group(1)
    assert re.search(r'<script src="\.\./assets/javascripts/bundle\.\w+\.min\.js"></script>', held)
    # Elsewhere the theme's bundle is the parser's, as the theme writes it.
    assert "archive-theme-scripts" not in (built / "site" / "over" / "index.html").read_text()
    page.goto(served + "zoeken/?person=Vladimir%20Poetin&country=Frankrijk")
    expect(page.locator(".archive-search__status")).to_have_text("1 artikel")
    page.wait_for_function("document.documentElement.classList.contains('js')")  # the bundle ran
    order = page.evaluate(
        """() => [performance.getEntriesByType("resource").find((entry) => entry.name.includes("/bundle."))
            .startTime, Number(document.getElementById("archive-search").dataset.firstResults)]"""
    )
    assert order[0] >= order[1]  # asked for only once the first results were shown
    # navigation.top: scrolled down and back up a little, the theme offers the way back up.
    page.set_viewport_size({"width": 1280, "height": 400})
    page.mouse.move(640, 300)
    page.mouse.wheel(0, 1500)
    page.wait_for_function("scrollY > 0")
    page.mouse.wheel(0, -100)
    page.wait_for_function("!document.querySelector('.md-top').hidden")  # (hidden, it is transparent)
    page.set_viewport_size({"width": 1280, "height": 900})
    # The theme's search (on below theme_search_up_to) works on the page, from its header.
    page.locator(".md-search__input").press_sequentially("Poetin", delay=30)
    theirs = page.locator(".md-search-result__item a").first
    theirs.wait_for()
    assert "Witte Huis" in theirs.inner_text()
    # The page's own search is untouched by it.
    expect(filter_box(page, "person", "Vladimir Poetin")).to_be_checked()
    assert results(page).first.locator("a").get_attribute("href").endswith(SEED_URL)


@pytest.mark.browser
def test_without_decompressionstream_pagefind_inflates_its_files_itself(browser, served):
    page = browser.new_context().new_page()
    page.add_init_script("delete window.DecompressionStream")
    page.goto(served + "zoeken/?person=Vladimir%20Poetin&country=Frankrijk&text=gesprekken")
    expect(page.locator(".archive-search__status")).to_have_text("1 artikel")
    assert results(page).first.locator("a").get_attribute("href").endswith(SEED_URL)
    results(page).first.locator("mark").first.wait_for()


@pytest.mark.browser
def test_the_zoeken_page_finds_a_names_part_of_a_split_filter_as_the_build_does(page, served):
    names = ["Vladimir Poetin", "Ségolène Royal", "Nguyễn Tấn Dũng", "李克强", "𝔄 name beyond the BMP", "",
             "Aleksandr Grigorjevitsj Loekasjenko-Beloroesski van der Mark-Oppenheimer"]  # fmt: skip
    page.goto(served + "zoeken/")
    expect(page.locator(".archive-search__status")).to_have_text("Typ een woord of kies een filter.")
    for kind in ("person", "organisation", "place", "country", "year"):
        shown = page.evaluate(
            "([kind, names]) => names.map((name) => window.archiveFilterKey(kind, name))", [kind, names]
        )
        assert shown == [pagefind_filter(kind, name) for name in names]
    assert len({pagefind_filter("person", name) for name in names}) > 1  # split, not all in one part


@pytest.mark.browser
def test_accents_are_folded_in_filters_and_text(page, served):
    page.goto(served + "zoeken/?text=Oekraine")
    results(page).first.wait_for()
    assert results(page).first.locator("a").get_attribute("href").endswith(SEED_URL)


@pytest.mark.browser
def test_the_actor_page_links_to_zoeken_filtered_on_the_actor(page, served):
    page.goto(served + "actors/persons/vladimir-putin/")
    page.get_by_role("link", name="Zoeken in deze artikelen").click()
    page.wait_for_url("**/zoeken/?person=Vladimir*Poetin")
    results(page).first.wait_for()
    expect(filter_box(page, "person", "Vladimir Poetin")).to_be_checked()
    assert results(page).first.locator("a").get_attribute("href").endswith(SEED_URL)
    # Arriving filtered, the page loads only the tables of its filters; the rest on request.
    assert page.locator('.archive-search__filter[data-filter="organisation"]').count() == 0
    page.get_by_role("button", name="Alle filters tonen").click()
    kremlin = page.locator('.archive-search__filter[data-filter="organisation"] label', has_text="Kremlin")
    expect(kremlin).to_have_text("Kremlin (1)")
    expect(filter_box(page, "language", "nl")).to_be_visible()
    language = page.locator('.archive-search__filter[data-filter="language"] label')
    expect(language).to_have_text("Nederlands (1)")  # the code stays the value: ?language=nl
    page.locator(".archive-search__input").press_sequentially("gesprekken", delay=30)
    page.wait_for_url("**/zoeken/?text=gesprekken&person=Vladimir+Poetin")
    results(page).first.locator("mark").first.wait_for()


@pytest.mark.browser
def test_above_the_threshold_the_header_search_leads_to_zoeken_and_no_theme_index_is_built(tmp_path, browser):
    project = copy_project(tmp_path)
    settings = project / "site_src" / "settings.yml"
    settings.write_text(re.sub(r"theme_search_up_to: \d+", "theme_search_up_to: 0", settings.read_text()))
    mkdocs("build", "--strict", cwd=project)
    site = project / "site"
    assert not (site / "search" / "search_index.json").exists()
    assert not (site / "search").exists()
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    with serve(site) as base:
        page.goto(base + SEED_URL)
        assert page.locator("input.md-search__input").count() == 0
        header = page.locator("input.archive-header-search__input")
        header.fill("gesprekken")
        header.press("Enter")
        page.wait_for_url("**/zoeken/?text=gesprekken")
        results(page).first.locator("mark").first.wait_for()
        assert results(page).first.locator("a").get_attribute("href").endswith(SEED_URL)


@pytest.mark.e2e
def test_a_second_build_without_page_changes_reuses_the_pagefind_index(project):
    first = mkdocs("build", "--strict", cwd=project)
    assert "article pages indexed" in first.stderr
    stamp = project / "build" / "pagefind" / "shard-0" / "fingerprint"
    before = (stamp.read_text(), stamp.stat().st_mtime_ns)

    again = mkdocs("build", "--strict", cwd=project)
    assert "index reused" in again.stderr and "article pages indexed" not in again.stderr
    assert (stamp.read_text(), stamp.stat().st_mtime_ns) == before
    assert (project / "site" / "pagefind" / "pagefind.js").is_file()
    assert (project / "site" / "pagefind" / "filter").is_dir()

    (project / "site_src" / "articles" / "2021-05-04-tweede.txt").write_text(
        "Tweede bericht\n\nMark Rutte sprak in Den Haag met Olaf Scholz over Oekraïne."
    )
    changed = mkdocs("build", "--strict", cwd=project)
    assert "article pages indexed" in changed.stderr
    assert stamp.read_text() != before[0]

    # A bundle whose Pagefind script was patched otherwise (an earlier release) is made again.
    stamp.write_text(stamp.read_text().replace(PATCHED, "patched-otherwise"))
    redone = mkdocs("build", "--strict", cwd=project)
    assert "article pages indexed" in redone.stderr
    assert PATCHED in stamp.read_text()


@pytest.mark.browser
def test_untrusted_names_and_titles_stay_text_on_the_zoeken_page(project, browser):
    (project / "site_src" / "articles" / "hostile.md").write_text(
        "---\ntitle: '<img src=x onerror=alert(1)> kop'\npersons: ['Jan <b>Vet</b> de Vries']\n---\n\n"
        "Jan de Vries zei iets over gesprekken met <i>niemand</i>.\n"
    )
    mkdocs("build", "--strict", cwd=project)
    [hostile] = (project / "site" / "articles" / "undated").glob("img*/index.html")
    html = hostile.read_text()
    assert "<img src=x" not in html and "<b>Vet</b>" not in html
    page = browser.new_context().new_page()
    alerts = []

    def dismiss(dialog) -> None:
        alerts.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    with serve(project / "site") as base:
        page.goto(base + "zoeken/?text=niemand")
        results(page).first.wait_for()
        assert "<img src=x onerror=alert(1)> kop" in results(page).first.locator("h3").inner_text()
        assert "<i>niemand</i>" in results(page).first.locator(".archive-search__excerpt").inner_text()
        assert page.locator(".archive-search__results img, .archive-search__results i").count() == 0
        page.get_by_role("button", name="Alle filters tonen").click()  # words alone load no table
        person = page.locator('.archive-search__filter[data-filter="person"] label')
        person.filter(has_text="Jan de Vries").wait_for()
        names = person.all_inner_texts()
        assert page.locator(".archive-search__filters b").count() == 0
    assert not alerts
    assert "Jan de Vries (1)" in [name.strip() for name in names]


@pytest.mark.e2e
def test_the_index_is_one_index_in_the_sites_language(project, built):
    dutch = json.loads((built / "site" / "pagefind" / "pagefind-entry.json").read_text())
    assert list(dutch["languages"]) == ["nl"]
    settings = project / "site_src" / "settings.yml"
    settings.write_text(settings.read_text().replace("language: nl", "language: en"))
    mkdocs("build", "--strict", cwd=project)
    english = json.loads((project / "site" / "pagefind" / "pagefind-entry.json").read_text())
    assert list(english["languages"]) == ["en"]


HOSTILE_ARTICLES = {
    "2022-03-01-scherp.txt": "Scherp & <b>vet</b>\n\nMark Rutte zei *niets* over [de NAVO](x) in Brussel!Olaf Scholz"
    " knikte.\n\n# geen kop\n---\nlang: en\n\n1. geen lijst\n\tingesprongen tekst met `code` en {{ x }}",
    "2022-03-02-english.txt": "Talks in Kyiv\n\nVolodymyr Zelensky met Emmanuel Macron in Kyiv on Tuesday to "
    "discuss the war. Both leaders said the talks had gone well, a spokesperson for NATO said.",
    # A tab inside a line: Python-Markdown's, not the plugin's, renders the body Pagefind reads.
    "2022-03-03-tabel.txt": "Tabel\n\nMark Rutte\tNAVO\t2022 en Olaf Scholz\tBrussel\t2023.",
    "zonder-datum.md": "---\ntitle: 'Bron: <i>anoniem</i>'\nauthor: 'J. \"Jan\" Jansen'\n"
    "source_url: 'https://example.org/a?b=1&c=2'\n---\n\nOlaf Scholz sprak met Mark Rutte.\n",
}


def cbor(data: bytes, at: int = 0) -> tuple[object, int]:
    """One CBOR item of Pagefind's files at `at` (the kinds they use) and where it ends."""
    kind, info, at = data[at] >> 5, data[at] & 0x1F, at + 1
    if kind == 7:
        return {20: False, 21: True, 22: None}[info], at
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info, 0)
    count, at = (int.from_bytes(data[at : at + size], "big") if size else info), at + size
    if kind in (2, 3):
        raw = data[at : at + count]
        return (raw.decode() if kind == 3 else raw), at + count
    if kind in (4, 5):
        items = []
        for _ in range(count * (kind - 3)):  # a map's keys and values, in turn
            item, at = cbor(data, at)
            items.append(item)
        return (items if kind == 4 else dict(zip(items[::2], items[1::2], strict=True))), at
    return (count if kind == 0 else -1 - count), at


def bundle(folder: Path) -> dict[str, object]:
    """What a Pagefind bundle says, file by file: Pagefind writes a filter's values, and the
    filters in its metadata, in no fixed order, and names those files by their bytes, so the
    filter tables are keyed by filter name with their values sorted, and the metadata and entry
    name them by filter, not by file."""
    import gzip

    said: dict[str, object] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name, data = path.relative_to(folder).as_posix(), path.read_bytes()
        here = path.parent.relative_to(folder)  # a shard's files are in its own folder
        if name.endswith((".pf_filter", ".pf_meta")):
            inflated = gzip.decompress(data)
            assert inflated.startswith(b"pagefind_dcd"), name
            value, end = cbor(inflated, 12)
            assert end == len(inflated) and isinstance(value, list), name
            if name.endswith(".pf_filter"):
                filter_name, values = value
                said[(here / filter_name).as_posix()] = sorted(values)
                continue
            value[3] = sorted(filter_name for filter_name, _ in value[3])
            said[(here / "pagefind.pf_meta").as_posix()] = value
        elif path.name == "pagefind-entry.json":
            entry = json.loads(data)
            said[name] = {
                **entry,
                "languages": {k: {**v, "hash": None} for k, v in entry["languages"].items()},
            }
        else:
            said[name] = data
    return said


@pytest.mark.e2e
def test_the_bundle_is_what_pagefind_makes_of_the_built_article_pages(project, tmp_path):
    """Pagefind is given only the part of each article page that it reads, made from docs/
    while MkDocs renders: its bundle must be byte for byte the one it makes of the built site."""
    from build_archive.generate.front_matter import read_front_matter
    from build_archive.generate.render import article_html
    from build_archive.search.pagefind import GLOB, run_pagefind

    for name, text in HOSTILE_ARTICLES.items():
        (project / "site_src" / "articles" / name).write_text(text)
    mkdocs("build", "--strict", cwd=project)
    run_pagefind(project / "site", tmp_path / "from-site", "nl", GLOB)
    ours, theirs = bundle(project / "site" / "pagefind"), bundle(tmp_path / "from-site")
    assert len([name for name in theirs if name.startswith("fragment/")]) == 5  # the seed and these
    assert {pagefind_filter("person", "Vladimir Poetin"), "country"} <= {
        name.removeprefix("filter/") for name in theirs
    }  # persons in their parts, from the theme's spans as from the stand-ins
    assert "pagefind.pf_meta" in theirs
    [tabbed] = [page for page in (project / "docs" / "articles").rglob("*.md") if "\t" in page.read_text()]
    matter = read_front_matter(tabbed.read_text())
    assert matter is not None and article_html(matter[1], lambda target: "#") is None
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []


@pytest.mark.e2e
def test_a_large_archive_gets_the_same_bundle_with_pagefind_after_mkdocs(project, monkeypatch):
    """Above BESIDE_MKDOCS_UP_TO articles Pagefind starts only once MkDocs has let go of its
    pages (at the end of the command), for memory; the bundle is the same."""
    import os

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import build_archive.plugin

    mkdocs("build", "--strict", cwd=project)
    beside = bundle(project / "site" / "pagefind")
    (project / "build" / "pagefind" / "shard-0" / "fingerprint").unlink()  # make Pagefind run again
    monkeypatch.setattr(build_archive.plugin, "BESIDE_MKDOCS_UP_TO", 0)
    monkeypatch.chdir(project)
    monkeypatch.setitem(os.environ, "NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site-late"))
    config.plugins.on_startup(command="build", dirty=False)
    plugin = config.plugins["archive"]
    assert isinstance(plugin, build_archive.plugin.ArchivePlugin)
    build(config)
    assert plugin.pending is not None and not (project / "site-late" / "pagefind").exists()
    config.plugins.on_shutdown()
    assert bundle(project / "site-late" / "pagefind") == beside


def test_hashed_shards_are_even_though_the_years_are_not():
    from build_archive.search.pagefind import shard_count, shard_of

    # Most of a real archive is its last years: by year, the shards would be far apart.
    years = [2005] * 300 + [2012] * 1_200 + [2020] * 2_500 + [2024] * 6_000
    sources = [f"articles/{year}/{n % 12 + 1:02d}/bericht-{n}.md" for n, year in enumerate(years)]
    shards = shard_count(len(sources), 2_500)
    assert shards == 4
    sizes = [0] * shards
    for source in sources:
        sizes[shard_of(source, shards)] += 1
    assert all(abs(size - 2_500) <= 150 for size in sizes), sizes
    assert (shard_count(25_000, 25_000), shard_count(25_001, 25_000), shard_count(0, 25_000)) == (1, 2, 1)


def uneven_archive(folder: Path, count: int) -> None:
    """`count` articles, Dutch and English, over years of very different sizes, each with a word
    of its own (`own_word`)."""
    import random

    from conftest import COUNTRIES, PERSONS

    rng = random.Random(21)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        year = rng.choices([2011, 2016, 2020, 2023, 2024], weights=[1, 2, 5, 12, 30])[0]
        who, where = rng.choice(PERSONS), rng.choice(COUNTRIES)
        if n % 4 == 3:
            text = (
                f"Report {n} on {who}\n\n"
                + f"{who} spoke about the budget and the talks, {own_word(n)}. " * 6
            )
        else:
            text = f"Bericht {n} over {where}\n\n" + (
                f"{who} sprak in {where} over de begroting en de gesprekken, {own_word(n)}. " * 6
            )
        (folder / f"{year}-{n % 12 + 1:02d}-{n % 28 + 1:02d}-bericht-{n}.txt").write_text(text)


def own_word(n: int) -> str:
    return "kenmerk" + "".join("abcdefghij"[int(digit)] for digit in f"{n:03d}")


@pytest.fixture(scope="module")
def sharded_and_whole(tmp_path_factory) -> tuple[Path, Path]:
    """One archive of a few hundred articles built twice with `mkdocs build`: its Zoeken index in
    shards of at most about 90 articles (site-sharded/), and in one bundle (site/)."""
    project = copy_project(tmp_path_factory.mktemp("project"), with_articles=False)
    uneven_archive(project / "site_src" / "articles", 320)
    settings = project / "site_src" / "settings.yml"
    default = settings.read_text()
    settings.write_text(default.replace("pagefind_shard_size: 10000", "pagefind_shard_size: 90"))
    assert "(4 shards, 4 of them indexed again)" in mkdocs("build", "--strict", cwd=project).stderr
    (project / "site").rename(project / "site-sharded")
    settings.write_text(default)
    mkdocs("build", "--strict", cwd=project)
    return project / "site-sharded", project / "site"


class Shown(NamedTuple):
    status: str
    counts: dict[str, dict[str, str]]  # filter -> value -> the count shown
    results: list[str]  # every result's address, in the order shown


def everything_shown(page, url: str) -> Shown:
    """The Zoeken page at `url` with every filter's counts and every result shown."""
    page.goto(url)
    page.wait_for_function("window.archiveSearchSettled === true")
    if page.locator(".archive-search__all").count():
        page.locator(".archive-search__all").click()
        page.locator(".archive-search__all").wait_for(state="detached")
    more = page.locator(".archive-search__more")
    while more.count():
        more.first.click()
    following = page.locator(".archive-search__next")
    while following.is_visible():
        shown = results(page).count()
        following.click()
        page.wait_for_function(f"document.querySelectorAll('.archive-search__result').length > {shown}")
    counts = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll(".archive-search__filter")].map((group) =>
            [group.dataset.filter, Object.fromEntries([...group.querySelectorAll("label")].map((label) =>
                [label.querySelector("input").value, label.querySelector(".archive-search__count").textContent]))]))"""
    )
    hrefs = [link.get_attribute("href") for link in results(page).locator("h3 a").all()]
    return Shown(page.inner_text(".archive-search__status"), counts, hrefs)


@pytest.mark.browser
def test_the_sharded_index_finds_the_same_articles_with_the_same_filter_counts_as_one_bundle(
    sharded_and_whole, page
):
    sharded, whole = sharded_and_whole
    entry = lambda folder: json.loads((folder / "pagefind-entry.json").read_text())["languages"]["nl"]  # noqa: E731
    folders = [sharded / "pagefind", *sorted((sharded / "pagefind").glob("shard-*"))]
    sizes = [entry(folder)["page_count"] for folder in folders]
    assert len(folders) >= 3 and all(sizes), sizes
    assert sum(sizes) == entry(whole / "pagefind")["page_count"] == 320
    assert not list((whole / "pagefind").glob("shard-*"))
    html = (sharded / "zoeken" / "index.html").read_text()
    named = re.search(rf'<script type="application/json" id="{FILES_ID}">(.*?)</script>', html).group(1)
    assert sorted(shard["path"] for shard in json.loads(named)["shards"]) == sorted(
        f"{folder.name}/" for folder in folders[1:]
    )

    # An article of each shard, by a word that no other article has.
    docs = sharded.parent / "docs"
    by_shard: dict[int, tuple[str, str]] = {}
    for source in sorted(docs.glob("articles/*/*/*.md")):  # the article pages and the month listings
        found = re.search(r"kenmerk[a-j]{3}", source.read_text())
        if found:
            place = source.relative_to(docs).as_posix()
            by_shard.setdefault(
                shard_of(place, len(folders)), (found.group(0), "/" + place.removesuffix(".md") + "/")
            )
    assert len(by_shard) == len(folders)

    queries = [
        "",  # every filter's counts
        "?person=Mark%20Rutte&country=Polen",
        "?text=begroting&year=2020",
        "?text=budget&language=en",
        "?text=gesprekken&country=Duitsland&year=2024",
        "?person=Olaf%20Scholz&year=2016",
    ]
    with serve(sharded) as sharded_base, serve(whole) as whole_base:
        for query in queries:
            theirs = everything_shown(page, f"{whole_base}zoeken/{query}")
            ours = everything_shown(page, f"{sharded_base}zoeken/{query}")
            assert ours.status == theirs.status, query
            assert ours.counts == theirs.counts, query
            assert sorted(ours.results) == sorted(theirs.results), query
            assert theirs.counts and (theirs.results or not query), query
        # A word of one shard's article is found in that shard, first. (The shards that lack
        # the word may add Pagefind's nearest matches after it: see docs/architecture.md.)
        for word, url in by_shard.values():
            ours = everything_shown(page, f"{sharded_base}zoeken/?text={word}")
            assert ours.results[0] == url, word
            assert everything_shown(page, f"{whole_base}zoeken/?text={word}").results == [url]


# What the Zoeken page (its root, #archive-search) shows: which path showed its first results,
# its status, its results and whether it offers more.
SHOWN_NOW = """(root) => ({
  by: root.dataset.firstResultsBy,
  status: root.querySelector(".archive-search__status").textContent,
  results: [...root.querySelectorAll(".archive-search__result")].map((result) => result.innerHTML),
  more: !root.querySelector(".archive-search__next").hidden,
})"""
# Kept as the page first shows its results (it marks that moment with data-first-results), for
# the test below to compare with what it shows once Pagefind has searched.
FIRST_SHOWN = f"""new MutationObserver((changes, observer) => {{
  const root = document.getElementById("archive-search");
  if (!root || !root.dataset.firstResults) return;
  observer.disconnect();
  window.firstShown = ({SHOWN_NOW})(root);
}}).observe(document, {{ subtree: true, attributes: true, attributeFilter: ["data-first-results"] }});"""
FINAL_SHOWN = f"""() => ({SHOWN_NOW})(document.getElementById("archive-search"))"""


@pytest.mark.browser
def test_a_search_by_filters_alone_first_shows_pagefinds_own_results_read_from_its_tables(
    sharded_and_whole, page
):
    """A search by filters alone is shown from Pagefind's filter tables, metadata and fragments
    before its WebAssembly has searched: those first results must be Pagefind's own, in its
    order, in one bundle and across shards; a search with words waits for Pagefind."""
    page.add_init_script(FIRST_SHOWN)
    paged = []  # whether a query's results run past the first page
    queries = {
        "?person=Mark%20Rutte&country=Polen": True,
        "?person=Olaf%20Scholz&year=2016": True,
        "?country=Duitsland": True,  # more than a page of results
        "?language=en&year=2024": True,
        "?person=Mark%20Rutte&person=Olaf%20Scholz": False,  # two values of one filter: both
        "?person=Mark%20Rutte&country=Nergensland": False,  # a value no article has
    }
    for site in sharded_and_whole:
        with serve(site) as base:
            for query, found in queries.items():
                page.goto(f"{base}zoeken/{query}")
                page.wait_for_function("window.archiveSearchSettled === true && window.firstShown")
                first, final = page.evaluate("window.firstShown"), page.evaluate(FINAL_SHOWN)
                assert first["by"] == "tables", (site, query)
                assert first == final, (site, query)
                assert bool(final["results"]) is found, (site, query)
                paged.append(final["more"])
            page.goto(f"{base}zoeken/?text=begroting&country=Duitsland")
            page.wait_for_function("window.archiveSearchSettled === true && window.firstShown")
            first = page.evaluate("window.firstShown")
            assert first["by"] == "pagefind" and "<mark>" in first["results"][0]
    assert any(paged) and not all(paged)


@pytest.mark.e2e
def test_a_changed_article_indexes_again_only_its_own_shard(project):
    articles = project / "site_src" / "articles"
    uneven_archive(articles, 60)
    settings = project / "site_src" / "settings.yml"
    settings.write_text(settings.read_text().replace("pagefind_shard_size: 10000", "pagefind_shard_size: 20"))
    assert "(4 shards, 4 of them indexed again)" in mkdocs("build", "--strict", cwd=project).stderr
    kept = project / "build" / "pagefind"
    stamps = {stamp.parent.name: stamp.read_text() for stamp in kept.glob("shard-*/fingerprint")}
    assert len(stamps) == 4

    [source] = articles.glob("*-bericht-10.txt")
    source.write_text(source.read_text() + "\n\nEen zin die er eerder niet stond.")
    again = mkdocs("build", "--strict", cwd=project)
    assert "(4 shards, 1 of them indexed again)" in again.stderr
    [page] = (project / "docs" / "articles").glob("*/*/bericht-10-over-*.md")
    shard = shard_of(page.relative_to(project / "docs").as_posix(), 4)
    now = {stamp.parent.name: stamp.read_text() for stamp in kept.glob("shard-*/fingerprint")}
    assert {name for name in stamps if now[name] != stamps[name]} == {f"shard-{shard}"}
    # The site has every shard, the one made again among them.
    site = project / "site" / "pagefind"
    served = (
        site if shard == min(int(name.removeprefix("shard-")) for name in now) else site / f"shard-{shard}"
    )
    own = {name: data for name, data in bundle(served).items() if not name.startswith("shard-")}
    assert own == bundle(kept / f"shard-{shard}" / "bundle")
    assert len([*site.glob("shard-*"), site]) == 4
