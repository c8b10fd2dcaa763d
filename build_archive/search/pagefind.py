"""The browser's search index: Pagefind over the article pages, rerun only when they changed.

The theme's own search ships one JSON index of the whole site that every reader downloads
(it grows with every article); Pagefind writes a chunked index that the browser fetches piece by
piece, with filters per person, country, organisation, place, year and language. It indexes only
the article pages: the theme override marks their content `data-pagefind-body` and writes their
filters there (see overrides/partials/content.html).

Pagefind reads nothing of a page but that part, so it is given that part alone (`stand_in`),
made from the page's source in docs/ with the body the plugin renders itself
(`render.article_html`): the bundle is byte for byte the one Pagefind makes from the built site
(tests/test_pagefind.py), and it can be made while MkDocs still renders the site. That runs in a
process of its own (`python -m build_archive.search.pagefind`), which the plugin starts as soon as the
pages are in docs/ for an archive of up to `BESIDE_MKDOCS_UP_TO` articles, and otherwise once
MkDocs has let go of its pages: Pagefind holds every page at once (the largest part of a
build's peak memory), and beside the search index and MkDocs a large archive would pass the
memory goal (README, "Scaling"; the figures are in bench/RESULTS.md).

The bundle is kept in `build/pagefind/` with a fingerprint of what it was made from (what
Pagefind reads of the pages, the language and Pagefind's version); a build whose pages did not
change copies the kept bundle into the site instead of running Pagefind again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path
from typing import NamedTuple

from markupsafe import escape

from ..generate.front_matter import read_front_matter
from ..generate.render import article_html

BUNDLE = "pagefind"  # the bundle's folder in the site: the Zoeken page loads pagefind/pagefind-ui.js
# The built article pages (articles/YYYY/MM/<slug>/, articles/undated/<slug>/): Pagefind run
# over the built site itself, which the tests compare the bundle with.
GLOB = "articles/{*/*/*,undated/*}/index.html"
# Pagefind beside MkDocs and the search index up to this many articles, while the three together
# stay well within the memory goal; above it Pagefind waits until MkDocs has let go.
BESIDE_MKDOCS_UP_TO = 25_000


class PagefindError(Exception):
    """Pagefind could not index the site (its message says why)."""


@dataclass(frozen=True)
class PagefindResult:
    ran: bool  # False: the kept bundle was reused
    seconds: float
    pages: int  # article pages indexed


def executable() -> Path:
    """The binary that `pagefind[extended]` ships (the extended one stems Dutch better), found
    the way the package finds it (PAGEFIND_BINARY_PATH overrides)."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise PagefindError("no Pagefind binary: install the dependencies (make install)")
    return Path(found)


class SourcePage(NamedTuple):
    source: str  # its path in docs/
    meta: dict  # its front matter
    markdown: str


def article_pages(docs_dir: Path) -> Iterator[SourcePage]:
    """Each article page in docs/, as the theme tells them (an id and a language in the front
    matter), in a stable order."""
    from mkdocs.utils.meta import get_data

    for path in sorted(docs_dir.glob("articles/**/*.md")):
        source = path.read_text(encoding="utf-8-sig")
        found = read_front_matter(source)  # the build's own pages; a hand-written one as MkDocs reads it
        meta, markdown = found if found is not None else get_data(source)[::-1]
        if meta.get("id") and meta.get("lang"):
            yield SourcePage(path.relative_to(docs_dir).as_posix(), meta, markdown)


def stand_in(meta: dict, body: str) -> str:
    """What Pagefind reads of an article's page: its `data-pagefind-body` part as the theme
    writes it (overrides/partials/content.html) around `body`, the page's content, less the
    chips, which Pagefind ignores. The title is HTML-escaped in the front matter already, and
    the theme prints it as it is."""
    spans = [f'<span data-pagefind-filter="language">{escape(meta["lang"])}</span>']
    if meta.get("date"):
        date = str(meta["date"])
        spans.append(f'<span data-pagefind-filter="year">{escape(date[:4])}</span>')
        spans.append(f'<span data-pagefind-meta="date">{escape(date)}</span>')
    for actor in meta.get("actor_links") or []:
        spans.append(f'<span data-pagefind-filter="{escape(actor["type"])}">{escape(actor["name"])}</span>')
    title = "" if "<h1" in body else f"<h1>{meta.get('title', '')}</h1>\n"
    hidden = "\n".join(spans)
    return (
        '<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"></head>\n<body>\n<div data-pagefind-body>\n'
        f"{title}<div hidden data-pagefind-ignore>\n{hidden}\n</div>\n{body}\n</div>\n</body>\n</html>\n"
    )


class StandIns(NamedTuple):
    fingerprint: str  # of every stand-in page, its place and bytes
    pages: int


def write_stand_ins(docs_dir: Path, target: Path, directory_urls: bool, markdown: dict) -> StandIns:
    """Each article page's `stand_in` under `target`, at the page's place in the site, with
    the body as MkDocs renders it (`markdown`: the project's Markdown extensions, for a page
    not in the build's own form)."""
    digest = hashlib.blake2b(digest_size=20)
    pages = 0
    for source, meta, text in article_pages(docs_dir):
        body = article_html(text, lambda target: "#")  # Pagefind reads no link's address
        if body is None:
            import markdown as python_markdown

            body = python_markdown.Markdown(**markdown).convert(text)
        stem = source.removesuffix(".md")
        if directory_urls:
            place = f"{stem.removesuffix('index').rstrip('/')}/index.html".lstrip("/")
        else:
            place = f"{stem}.html"
        page = stand_in(meta, body).encode()
        (target / place).parent.mkdir(parents=True, exist_ok=True)
        (target / place).write_bytes(page)
        digest.update(f"{place}\0{len(page)}\0".encode() + page)
        pages += 1
    return StandIns(digest.hexdigest(), pages)


def run_pagefind(site_dir: Path, output: Path, language: str, glob: str = "**/*.html") -> None:
    """Index the pages of `site_dir` into `output`, one index in the site's language: Pagefind
    otherwise splits the index by each page's `lang`, and a Dutch search page would not find
    the English articles."""
    args = [str(executable()), "--site", str(site_dir), "--glob", glob, "--output-path", str(output),
            "--force-language", language, "--quiet"]  # fmt: skip
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        raise PagefindError(f"pagefind failed ({result.returncode}): {result.stderr or result.stdout}")


def copy_bundle(source: Path, target: Path) -> None:
    """The kept bundle into the site; hard links where the file system allows them, since a
    large archive's bundle is tens of thousands of small files that never change in place."""
    if target.exists():
        shutil.rmtree(target)

    def link_or_copy(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link_or_copy)


def make_bundle(
    docs_dir: Path, cache: Path, language: str, directory_urls: bool, markdown: dict
) -> PagefindResult:
    """The bundle of the article pages in `docs_dir`, kept in `cache`/bundle and made again only
    when what Pagefind reads of them changed."""
    from ..publish.lock import build_lock

    started = time.perf_counter()
    cache.mkdir(parents=True, exist_ok=True)
    with build_lock(cache.parent / ".pagefind.lock"):
        pages_dir = cache / "pages"
        shutil.rmtree(pages_dir, ignore_errors=True)
        try:
            stamp, pages = write_stand_ins(docs_dir, pages_dir, directory_urls, markdown)
            stamp = f"pagefind {version('pagefind')} {language} {stamp}"
            bundle, stamp_file = cache / "bundle", cache / "fingerprint"
            ran = bool(pages) and not (
                bundle.is_dir() and stamp_file.exists() and stamp_file.read_text() == stamp
            )
            if ran:
                fresh = cache / "bundle.new"
                shutil.rmtree(fresh, ignore_errors=True)
                run_pagefind(pages_dir, fresh, language)
                stamp_file.unlink(missing_ok=True)  # no stamp while the bundle is being swapped
                shutil.rmtree(bundle, ignore_errors=True)
                fresh.rename(bundle)
                stamp_file.write_text(stamp)
        finally:
            shutil.rmtree(pages_dir, ignore_errors=True)
    return PagefindResult(ran=ran, seconds=time.perf_counter() - started, pages=pages)


def start(
    docs_dir: Path, cache: Path, language: str, directory_urls: bool, markdown: dict
) -> subprocess.Popen:
    """`make_bundle` in a process of its own, which `finish` waits for."""
    job = subprocess.Popen(
        [sys.executable, "-m", "build_archive.search.pagefind"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # its own group, Pagefind's binary with it: `stop` ends both
    )  # fmt: skip
    arguments = {"docs": str(docs_dir), "cache": str(cache), "language": language,
                 "directory_urls": directory_urls, "markdown": markdown}  # fmt: skip
    assert job.stdin is not None  # stdin=PIPE
    job.stdin.write(json.dumps(arguments))
    job.stdin.close()
    job.stdin = None  # told: `communicate` has nothing to send
    return job


def stop(job: subprocess.Popen) -> None:
    """End `start`'s process and the Pagefind it runs (a build that failed, or whose bundle a
    newer change under `mkdocs serve` made stale)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(job.pid, signal.SIGKILL)


def finish(job: subprocess.Popen, cache: Path, site_dir: Path) -> PagefindResult:
    """Wait for `start`'s process; the bundle it kept, copied into the site."""
    output, errors = job.communicate()
    if job.returncode != 0:
        raise PagefindError(errors.strip() or f"ended with {job.returncode}")
    result = PagefindResult(**json.loads(output))
    if result.pages:  # an archive without articles has nothing to search (and Pagefind would fail)
        copy_bundle(cache / "bundle", site_dir / BUNDLE)
    return result


def main() -> None:
    arguments = json.loads(sys.stdin.read())
    try:
        result = make_bundle(Path(arguments["docs"]), Path(arguments["cache"]), arguments["language"],
                             arguments["directory_urls"], arguments["markdown"])  # fmt: skip
    except Exception as error:  # told to the plugin, which stops the build with it
        sys.stderr.write(f"{error}\n")
        raise SystemExit(1) from None
    sys.stdout.write(json.dumps(asdict(result)))


# The page that searches (the Zoeken page) preloads pagefind.js from its head
# (overrides/main.html); the files Pagefind fetches next, its metadata and WebAssembly, are named
# by the index (a hash, the language), so they are added to that link once the bundle is there,
# with the names of the filter tables' files, which the page's head fetches for the filters in
# its address before Pagefind asks for them (overrides/main.html, docs/javascripts/zoeken.js).
PRELOAD = re.compile(r'<link rel="modulepreload" href="([^"]*)pagefind\.js" data-archive-preload>')
FILES_ID = "archive-pagefind-files"
ADDED = re.compile(  # what `add_preloads` adds, as it writes it
    r'(?:\n  <link rel="preload" href="[^"]*" as="fetch" crossorigin>)*'
    rf'\n  <script type="application/json" id="{FILES_ID}">.*?</script>'
)


def first_files(site_dir: Path, language: str) -> list[str]:
    """The bundle's files that Pagefind fetches after pagefind-entry.json, for the index it picks
    for `language` (as pagefind.js does: that language, else the one with most pages)."""
    entry_file = site_dir / BUNDLE / "pagefind-entry.json"
    if not entry_file.exists():
        return []
    languages = json.loads(entry_file.read_text(encoding="utf-8")).get("languages") or {}
    index = languages.get(language) or languages.get(language.split("-")[0])
    if index is None and languages:
        index = max(languages.values(), key=lambda found: found.get("page_count", 0))
    if index is None:
        return []
    files = [f"pagefind.{index['hash']}.pf_meta", f"wasm.{index.get('wasm') or 'unknown'}.pagefind"]
    return [name for name in files if (site_dir / BUNDLE / name).is_file()]


def filter_files(site_dir: Path) -> dict[str, str]:
    """Each filter's table in the bundle, by filter name: a table is gzip of Pagefind's signature
    (12 bytes) and a CBOR array whose first item is the filter's name, read from its first bytes.
    A file not in that form is left out (the page then lets Pagefind fetch it)."""
    tables: dict[str, str] = {}
    for table in sorted((site_dir / BUNDLE / "filter").glob("*.pf_filter")):
        with table.open("rb") as raw:
            try:
                head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw.read(4096), 512)
            except zlib.error:
                continue
        if head[:12] != b"pagefind_dcd" or len(head) < 14 or head[12] != 0x82:
            continue
        kind, length, start = head[13] >> 5, head[13] & 0x1F, 14
        if length == 24 and len(head) > 14:  # one more byte of length
            length, start = head[14], 15
        if kind != 3 or length > 24 + 255 or len(head) < start + length:  # 3: a text string
            continue
        tables[head[start : start + length].decode("utf-8", "replace")] = f"filter/{table.name}"
    return tables


def add_preloads(page: Path, files: list[str], filters: dict[str, str]) -> bool:
    """Preload `files` of the bundle from `page`'s head, after its preload of pagefind.js, as
    fetches (`crossorigin`), which is how Pagefind asks for them, so the browser reuses them; and
    name the filter tables' files there for the page's script. Those of an earlier bundle (a page
    that `mkdocs serve --dirty` did not build again) are replaced."""
    html = page.read_text(encoding="utf-8")
    found = PRELOAD.search(html)
    if not found or not (files or filters):
        return False
    earlier = ADDED.match(html, found.end())
    rest = html[earlier.end() if earlier else found.end() :]
    links = "".join(
        f'\n  <link rel="preload" href="{found.group(1)}{name}" as="fetch" crossorigin>' for name in files
    )
    names = json.dumps({"filters": filters}, ensure_ascii=False).replace("</", "<\\/")
    links += f'\n  <script type="application/json" id="{FILES_ID}">{names}</script>'
    page.write_text(html[: found.end()] + links + rest, encoding="utf-8")
    return True


if __name__ == "__main__":
    main()
