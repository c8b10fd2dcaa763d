"""End to end: the sample archive through a real MkDocs build and a real `mkdocs serve`."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

from conftest import BIN, SEED, mkdocs


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


def test_hostile_article_renders_as_text_in_the_built_site(project):
    (project / "site_src" / "articles" / "hostile.txt").write_text(
        "<script>alert('x')</script> kop\n\n<script>alert(1)</script>\n---\n# kop\n{{ x }} {% y %}\n```"
    )
    mkdocs("build", "--strict", cwd=project)
    [page] = (project / "site" / "articles" / "undated").glob("script*/index.html")
    html = page.read_text()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "&#60;script&#62;alert(1)" in html


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> int:
    deadline = time.monotonic() + seconds
    status = 0
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            pass
        time.sleep(0.5)
    return status


def test_mkdocs_serve_answers_and_picks_up_a_new_article(project):
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        assert wait_for(base) == 200
        assert (
            wait_for(base + "articles/undated/volgens-een-bron-bij-het-witte-huis-resulteerde-het-gesprek/")
            == 200
        )
        time.sleep(1)  # let the watcher settle before the editor drops a file in
        shutil.copy(SEED, project / "site_src" / "articles" / "tweede.txt")
        deadline = time.monotonic() + 60
        found = None
        while time.monotonic() < deadline and not found:
            with urllib.request.urlopen(base + "articles/undated/", timeout=5) as response:
                found = re.search(r'href="(volgens-[a-z-]+-gesprek-[0-9a-f]{6}/)"', response.read().decode())
            time.sleep(0.5)
        assert found, "the new article never appeared in the listing"
        assert wait_for(base + "articles/undated/" + found.group(1)) == 200
    finally:
        server.terminate()
        server.wait(timeout=20)
