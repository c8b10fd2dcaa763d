"""The built sample site in a real headless Chromium (Debian's), served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest
from conftest import copy_project, mkdocs

# In the browser: headless Chromium on a built site.
pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # This Chromium builds its omnibox popup (a WebUI page) for every new browser context, in
    # parallel with the page under test: on a machine of few cores that takes CPU from the page
    # and delays its first results. A reader's browser has its window
    # open already; the page's own work is what the tests and bench/pagefind_bench.py look at.
    "--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup",
]


@pytest.fixture(scope="module")
def served_site(tmp_path_factory):
    """The sample archive built by MkDocs and served by a static file server, as published."""
    assert shutil.which("chromium") or Path(CHROMIUM).exists(), (
        "Debian's chromium is missing: run `make test`"
    )
    project = copy_project(tmp_path_factory.mktemp("project"))
    mkdocs("build", "--strict", cwd=project)
    handler = functools.partial(QuietHandler, directory=str(project / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def page(served_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        yield context.new_page()
        browser.close()


def test_reader_goes_from_home_to_article_to_actor_and_back_and_finds_putin(page, served_site, tmp_path):
    page.goto(served_site)
    assert "Nieuwsarchief" in page.title()
    page.get_by_role("link", name="Volgens een bron bij het Witte Huis").first.click()
    page.wait_for_url("**/articles/undated/volgens-*/")
    article_url = page.url
    chips = page.locator("a.archive-chip")
    assert chips.count() == 14
    page.locator("a.archive-chip", has_text="Vladimir Poetin").click()
    page.wait_for_url("**/actors/persons/vladimir-putin/")
    assert page.locator("h1").inner_text() == "Vladimir Poetin"
    assert page.locator(".archive-timeline svg path").count() == 1
    page.go_back()
    page.wait_for_url(article_url)
    assert page.locator("a.archive-chip").count() == 14

    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("Putin", delay=50)
    result = page.locator(".md-search-result__item a", has_text="Vladimir Poetin").first
    result.wait_for(timeout=15_000)
    assert "vladimir-putin" in result.get_attribute("href")
    page.screenshot(path=str(tmp_path / "search.png"))
    assert (tmp_path / "search.png").stat().st_size > 10_000
