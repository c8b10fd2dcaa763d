"""The browser's search index: Pagefind over the built site, rerun only when the pages changed.

The theme's own search ships one JSON index of the whole site that every reader downloads
(about 5 KB per article); Pagefind writes a chunked index that the browser fetches piece by
piece, with filters per person, country, organisation, place, year and language. It indexes only
the article pages: the theme override marks them with `data-pagefind-body` and writes their
filters (see overrides/partials/content.html).

Indexing costs about two seconds per thousand articles and holds every page at once (on this
project's pages, 0.8 GB at 10k articles and 3.5 GB at 100k, the largest part of a build's peak),
so the bundle is kept in `build/pagefind/` with a fingerprint of what it was made from (the HTML of the
article pages, the language and Pagefind's version); a build whose pages did not change copies
the kept bundle into the site instead of running Pagefind again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import time
import zlib
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

BUNDLE = "pagefind"  # the bundle's folder in the site: the Zoeken page loads pagefind/pagefind-ui.js
# The article pages (articles/YYYY/MM/<slug>/, articles/undated/<slug>/), and no other: with
# none, Pagefind would index every page it was given, for want of a data-pagefind-body.
PAGES = ("articles/*/*/*/index.html", "articles/undated/*/index.html")
GLOB = "articles/{*/*/*,undated/*}/index.html"


class PagefindError(Exception):
    """Pagefind could not index the site (its message says why)."""


@dataclass(frozen=True)
class PagefindResult:
    ran: bool  # False: the kept bundle was reused
    seconds: float
    pages: int  # HTML files fingerprinted


def executable() -> Path:
    """The binary that `pagefind[extended]` ships (the extended one stems Dutch better), found
    the way the package finds it (PAGEFIND_BINARY_PATH overrides)."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise PagefindError("no Pagefind binary: install the dependencies (make install)")
    return Path(found)


def fingerprint(site_dir: Path, language: str) -> tuple[str, int]:
    """A hash of every HTML file Pagefind would read, with its path, and of the options: the
    bundle depends on nothing else."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"pagefind {version('pagefind')} {language}\n".encode())
    pages = sorted({page for pattern in PAGES for page in site_dir.glob(pattern)})
    for page in pages:
        digest.update(page.relative_to(site_dir).as_posix().encode() + b"\0")
        digest.update(page.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest(), len(pages)


def run_pagefind(site_dir: Path, output: Path, language: str) -> None:
    """Index the article pages of `site_dir` into `output`, one index in the site's language:
    Pagefind otherwise splits the index by each page's `lang`, and a Dutch search page would
    not find the English articles."""
    args = [
        str(executable()),
        "--site",
        str(site_dir),
        "--glob",
        GLOB,
        "--output-path",
        str(output),
        "--force-language",
        language,
        "--quiet",
    ]
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


def index_site(site_dir: Path, cache: Path, language: str) -> PagefindResult:
    """Give `site_dir` its Pagefind bundle, rerunning Pagefind only when the pages changed."""
    started = time.perf_counter()
    stamp, pages = fingerprint(site_dir, language)
    if not pages:  # an archive without articles has nothing to search (and Pagefind would fail)
        return PagefindResult(ran=False, seconds=time.perf_counter() - started, pages=0)
    bundle, stamp_file = cache / "bundle", cache / "fingerprint"
    ran = not (bundle.is_dir() and stamp_file.exists() and stamp_file.read_text() == stamp)
    if ran:
        cache.mkdir(parents=True, exist_ok=True)
        fresh = cache / "bundle.new"
        if fresh.exists():
            shutil.rmtree(fresh)
        run_pagefind(site_dir, fresh, language)
        stamp_file.unlink(missing_ok=True)  # no stamp while the bundle is being swapped
        if bundle.exists():
            shutil.rmtree(bundle)
        fresh.rename(bundle)
        stamp_file.write_text(stamp)
    copy_bundle(bundle, site_dir / BUNDLE)
    return PagefindResult(ran=ran, seconds=time.perf_counter() - started, pages=pages)


# The page that searches (the Zoeken page) preloads pagefind.js from its head
# (overrides/main.html); the files Pagefind fetches next, its metadata and WebAssembly, are named
# by the index (a hash, the language), so they are added to that link once the bundle is there,
# with the names of the filter tables' files, which the page's head fetches for the filters in
# its address before Pagefind asks for them (overrides/main.html, docs/javascripts/zoeken.js).
PRELOAD = re.compile(r'<link rel="modulepreload" href="([^"]*)pagefind\.js" data-archive-preload>')
FILES_ID = "archive-pagefind-files"


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
    name the filter tables' files there for the page's script."""
    html = page.read_text(encoding="utf-8")
    found = PRELOAD.search(html)
    if not found or not (files or filters):
        return False
    links = "".join(
        f'\n  <link rel="preload" href="{found.group(1)}{name}" as="fetch" crossorigin>' for name in files
    )
    names = json.dumps({"filters": filters}, ensure_ascii=False).replace("</", "<\\/")
    links += f'\n  <script type="application/json" id="{FILES_ID}">{names}</script>'
    page.write_text(html[: found.end()] + links + html[found.end() :], encoding="utf-8")
    return True
