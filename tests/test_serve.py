"""Live preview: `mkdocs serve --dirty` (as `make serve` runs it) serves a new or edited article
after building only what the change touched, with the home page and the actor pages linking to
it, and the Pagefind bundle following in the background. A real server, read over HTTP."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import BIN, archive, copy_project, docs_state, mkdocs, write_articles

from build_archive.search.pagefind import FILES_ID

WAIT = 180.0  # seconds: a rebuild on a machine busy with other tests


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=WAIT) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:  # not listening yet, or the connection dropped while it restarts
        return 0, ""


def eventually(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {WAIT:.0f} s: {what}")
        time.sleep(0.3)


class Server:
    def __init__(self, root: Path, process: subprocess.Popen, url: str) -> None:
        self.root, self.process, self.url = root, process, url

    def page(self, path: str) -> str:
        status, text = get(self.url + path)
        return text if status == 200 else ""

    def site(self) -> Path:
        """The temporary folder `mkdocs serve` builds into."""
        [site] = (self.root / "tmp").glob("mkdocs_*")
        return site


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with serving(tmp_path) as started:
        yield started


@pytest.fixture
def sharded_server(tmp_path: Path) -> Iterator[Server]:
    """As `server`, with the Zoeken page's index in shards of about 8 articles."""
    with serving(tmp_path, shard_size=8) as started:
        yield started


@contextmanager
def serving(tmp_path: Path, shard_size: int = 10_000) -> Iterator[Server]:
    root = copy_project(tmp_path, with_articles=False)
    # As an archive above theme_search_up_to: the theme's search, which needs every page built,
    # is off, so a rebuild builds only the changed pages.
    settings = root / "site_src" / "settings.yml"
    text = settings.read_text().replace("theme_search_up_to: 2000", "theme_search_up_to: 0")
    settings.write_text(text.replace("pagefind_shard_size: 10000", f"pagefind_shard_size: {shard_size}"))
    write_articles(root / "site_src" / "articles", range(20))
    (root / "tmp").mkdir()
    port = free_port()
    log = open(root / "serve.log", "w")  # noqa: SIM115 - open while the server runs
    process = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(root / "tmp")},
    )
    started = Server(root, process, f"http://127.0.0.1:{port}/")
    try:
        eventually(
            lambda: process.poll() is None and "Bericht 19" in started.page(""), "the first build served"
        )
        yield started
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def article_url(root: Path, title_slug: str) -> str:
    """The page of an article, from where the build put its Markdown."""
    [page] = (root / "docs" / "articles").glob(f"*/*/{title_slug}.md")
    return page.relative_to(root / "docs").with_suffix("").as_posix() + "/"


def pagefind_pages(server: Server) -> int:
    status, text = get(server.url + "pagefind/pagefind-entry.json")
    return json.loads(text)["languages"]["nl"]["page_count"] if status == 200 else -1


def preloads_found(server: Server) -> bool:
    """The Zoeken page, built once under --dirty, preloads the files of the current bundle, once."""
    page = server.page("zoeken/")
    links = re.findall(r'<link rel="preload" href="([^"]+)" as="fetch" crossorigin>', page)
    return (
        bool(links)
        and len(links) == len(set(links))
        and page.count(f'id="{FILES_ID}"') == 1
        and all(get(urllib.parse.urljoin(server.url + "zoeken/", link))[0] == 200 for link in links)
    )


def test_a_new_edited_or_removed_article_is_served_rebuilding_only_what_it_changed(server):
    articles = server.root / "site_src" / "articles"
    unrelated = article_url(server.root, "bericht-7-over-*")
    unrelated_html = server.site() / unrelated / "index.html"
    built_at = unrelated_html.stat().st_mtime_ns
    eventually(lambda: pagefind_pages(server) == 20, "the first Pagefind bundle")

    (articles / "2024-06-01-nieuw.txt").write_text(
        "Nieuw bericht uit Utrecht\n\nMark Rutte sprak in Utrecht met Olaf Scholz over een zeldzaam verdrag."
    )
    eventually(lambda: "Nieuw bericht uit Utrecht" in server.page(""), "the new article on the home page")
    new = article_url(server.root, "nieuw-bericht-uit-utrecht")
    assert f'href="{new}"' in server.page("")
    assert "zeldzaam verdrag" in server.page(new)
    assert f'href="../../../{new}"' in server.page("actors/persons/mark-rutte/")
    assert unrelated_html.stat().st_mtime_ns == built_at  # not built again
    assert "Bericht 7" in server.page(unrelated)
    eventually(lambda: pagefind_pages(server) == 21, "the Pagefind bundle with the new article")
    eventually(lambda: preloads_found(server), "the Zoeken page's preloads of the new bundle")

    edited = article_url(server.root, "bericht-3-over-*")
    [source] = articles.glob("*-bericht-3.txt")
    source.write_text(source.read_text() + "\n\nEen zin die er eerder niet stond.")
    removed = article_url(server.root, "bericht-5-over-*")
    next(articles.glob("*-bericht-5.txt")).unlink()
    eventually(lambda: "Een zin die er eerder niet stond." in server.page(edited), "the edited text")
    eventually(lambda: get(server.url + removed)[0] == 404, "the removed article gone")
    eventually(lambda: pagefind_pages(server) == 20, "the Pagefind bundle without the removed article")
    eventually(lambda: preloads_found(server), "the Zoeken page's preloads of the last bundle")
    assert unrelated_html.stat().st_mtime_ns == built_at


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site but the Pagefind bundle (the Zoeken page names its files) and
    the sitemap (which `serve --dirty` keeps from its first build)."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.relative_to(site).parts[0] != "pagefind"
        and not path.name.startswith("sitemap.xml")
    }  # fmt: skip


def test_the_served_site_after_changes_is_what_a_whole_build_makes(server):
    """MkDocs is given only the files a change wrote: the nav, the index pages, the actor pages
    and every link must still come out as a whole build makes them, and what went must go."""
    articles = server.root / "site_src" / "articles"
    eventually(lambda: pagefind_pages(server) == 20, "the first Pagefind bundle")
    # A new person, with a page of its own and a line on the persons' index.
    (articles / "2024-06-01-nieuw.txt").write_text(
        "Nieuw bericht uit Utrecht\n\nMinister Pieter Zwanenburg zei in Utrecht dat Mark Rutte "
        "een zeldzaam verdrag tekent. Zwanenburg sprak ook met Olaf Scholz."
    )
    eventually(lambda: "Nieuw bericht uit Utrecht" in server.page(""), "the new article on the home page")
    new = article_url(server.root, "nieuw-bericht-uit-utrecht")
    person = "actors/persons/pieter-zwanenburg/"
    eventually(lambda: "Pieter Zwanenburg" in server.page("actors/persons/"), "the new person on the index")
    assert f'href="../../../../{person}"' in server.page(new)
    assert f'href="../../../{new}"' in server.page(person)

    edited = article_url(server.root, "bericht-3-over-*")
    [source] = articles.glob("*-bericht-3.txt")
    source.write_text(source.read_text() + "\n\nEen zin die er eerder niet stond.")
    eventually(lambda: "Een zin die er eerder niet stond." in server.page(edited), "the edited text")
    removed = article_url(server.root, "bericht-5-over-*")
    next(articles.glob("*-bericht-5.txt")).unlink()
    (articles / "2024-06-01-nieuw.txt").unlink()  # and with it the person's only article
    eventually(lambda: get(server.url + removed)[0] == 404, "the removed article gone")
    eventually(lambda: get(server.url + person)[0] == 404, "the person of no article left gone")
    eventually(lambda: get(server.url + new)[0] == 404, "the second removed article gone")
    eventually(lambda: pagefind_pages(server) == 19, "the Pagefind bundle of the last change")
    eventually(lambda: preloads_found(server), "the Zoeken page's preloads of the last bundle")
    served = site_files(server.site())
    assert "Pieter Zwanenburg" not in server.page("actors/persons/")

    # The docs tree is what a build from scratch makes (it writes nothing), and the site what a
    # whole `mkdocs build` of it makes, at the address the server gave it.
    before = docs_state(server.root)
    archive("build", "--full", cwd=server.root)
    assert docs_state(server.root) == before
    config = (server.root / "mkdocs.yml").read_text()
    (server.root / "whole.yml").write_text(f"{config}\nsite_url: {server.url}\nsite_dir: whole-site\n")
    mkdocs("build", "-f", "whole.yml", cwd=server.root)
    whole = site_files(server.root / "whole-site")
    assert sorted(served) == sorted(whole)
    assert [path for path in whole if served[path] != whole[path]] == []


def index_pages(server: Server) -> list[int]:
    """The article pages of each shard of the served index, as the Zoeken page names them."""
    named = re.search(
        rf'<script type="application/json" id="{FILES_ID}">(.*?)</script>', server.page("zoeken/")
    )
    folders = [""] + [shard["path"] for shard in json.loads(named.group(1))["shards"]] if named else [""]
    pages = []
    for folder in folders:
        status, text = get(f"{server.url}pagefind/{folder}pagefind-entry.json")
        pages.append(json.loads(text)["languages"]["nl"]["page_count"] if status == 200 else -1)
    return pages


def test_a_new_article_joins_its_shard_of_the_index_in_the_background(sharded_server):
    server = sharded_server
    eventually(lambda: len(index_pages(server)) == 3 and sum(index_pages(server)) == 20, "the first 3 shards")
    (server.root / "site_src" / "articles" / "2024-06-01-nieuw.txt").write_text(
        "Nieuw bericht uit Utrecht\n\nMark Rutte sprak in Utrecht met Olaf Scholz over een zeldzaam verdrag."
    )
    eventually(lambda: "Nieuw bericht uit Utrecht" in server.page(""), "the new article on the home page")
    eventually(lambda: sum(index_pages(server)) == 21, "the shards with the new article")
    assert len(index_pages(server)) == 3
    eventually(lambda: preloads_found(server), "the Zoeken page's preloads of the new shards")
    assert "(3 shards, 1 of them indexed again)" in (server.root / "serve.log").read_text()


def warm_builder(server: Server) -> int | None:
    """The process id of the server's warm builder, if it has one."""
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if b"warm-builder" in command and parent == server.process.pid:
            return int(entry.name)
    return None


def test_a_killed_or_failed_warm_builder_is_replaced_at_the_next_change(server):
    articles = server.root / "site_src" / "articles"
    builder = warm_builder(server)
    assert builder is not None
    (articles / "2024-06-01-een.txt").write_text("Eerste nieuwe bericht\n\nMark Rutte sprak in Utrecht.")
    eventually(lambda: "Eerste nieuwe bericht" in server.page(""), "the first new article")
    assert warm_builder(server) == builder  # built by the builder of the first build

    os.kill(builder, signal.SIGKILL)
    (articles / "2024-06-02-twee.txt").write_text("Tweede nieuwe bericht\n\nOlaf Scholz sprak in Berlijn.")
    eventually(lambda: "Tweede nieuwe bericht" in server.page(""), "the article saved after the kill")
    replaced = warm_builder(server)
    assert replaced not in (None, builder)

    # A build that fails is reported as the command reports it, and ends the builder.
    settings = server.root / "site_src" / "settings.yml"
    good = settings.read_text()
    settings.write_text(good + "\nunknown_setting: 1\n")
    eventually(
        lambda: "unknown setting(s) unknown_setting" in (server.root / "serve.log").read_text(), "the error"
    )
    eventually(lambda: warm_builder(server) is None, "the failed builder gone")
    settings.write_text(good)
    (articles / "2024-06-03-drie.txt").write_text("Derde nieuwe bericht\n\nEmmanuel Macron sprak in Parijs.")
    eventually(lambda: "Derde nieuwe bericht" in server.page(""), "the article saved after the error")
    assert warm_builder(server) not in (None, replaced)
