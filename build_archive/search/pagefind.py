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

Pagefind holds every page it indexes in memory at once, so above `pagefind_shard_size` articles
(settings.yml) the index is made in shards, several bundles that the Zoeken page searches
together (Pagefind's `mergeIndex`, docs/javascripts/zoeken.js): each shard is one Pagefind
process, at most `jobs` of them at once, so the memory this takes depends on the shard's size
and not on the archive's. An article's shard comes from a hash of its page's path, not from its
year: a real archive's years are uneven, and hashed shards are about equal whatever they hold;
an article stays in its shard for as long as the number of shards is the same, so a change
makes Pagefind run again over that shard alone. `build_shard` makes one shard and is called
from one place (`make_bundle`), so that another engine can map it over the shards.

Each shard's bundle is kept in `build/pagefind/shard-<i>/` with a fingerprint of what it was
made from (what Pagefind reads of its pages, the language and Pagefind's version); a build whose
pages did not change copies the kept bundles into the site instead of running Pagefind again.
In the site, the first shard is `pagefind/` (whose pagefind.js and WebAssembly serve them all)
and each other one `pagefind/shard-<i>/`.
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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path
from typing import NamedTuple

from markupsafe import escape

from ..generate.front_matter import pagefind_filter, read_front_matter
from ..generate.render import article_html

BUNDLE = "pagefind"  # the bundle's folder in the site: the Zoeken page loads pagefind/pagefind-ui.js
# The built article pages (articles/YYYY/MM/<slug>/, articles/undated/<slug>/): Pagefind run
# over the built site itself, which the tests compare the bundle with.
GLOB = "articles/{*/*/*,undated/*}/index.html"
# Pagefind beside MkDocs and the search index up to this many articles, one shard at a time (two
# at once beside the index's writing and MkDocs pass the memory goal); above it Pagefind waits
# until MkDocs has let go, and then runs a shard per core.
BESIDE_MKDOCS_UP_TO = 25_000


class PagefindError(Exception):
    """Pagefind could not index the site (its message says why)."""


@dataclass(frozen=True)
class PagefindResult:
    seconds: float
    pages: int  # article pages indexed
    # The shards that have pages, in order: the first is the site's pagefind/, each other one
    # pagefind/shard-<i>/. One shard: the archive's index is one bundle.
    shards: tuple[int, ...]
    rebuilt: int  # shards that Pagefind indexed again (the others' kept bundles were reused)

    @property
    def ran(self) -> bool:
        return self.rebuilt > 0


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


def article_sources(docs_dir: Path) -> list[Path]:
    """The Markdown files under docs/articles/, in a stable order."""
    return sorted(docs_dir.glob("articles/**/*.md"))


def article_pages(docs_dir: Path, sources: list[Path]) -> Iterator[SourcePage]:
    """Each article page of `sources` (article_sources), as the theme tells them (an id and a
    language in the front matter)."""
    from mkdocs.utils.meta import get_data

    for path in sources:
        source = path.read_text(encoding="utf-8-sig")
        found = read_front_matter(source)  # the build's own pages; a hand-written one as MkDocs reads it
        meta, markdown = found if found is not None else get_data(source)[::-1]
        if meta.get("id") and meta.get("lang"):
            yield SourcePage(path.relative_to(docs_dir).as_posix(), meta, markdown)


LISTING = re.compile(r"index(-\d+)?\.md")  # the listings beside the articles (urls.py)


def article_count(sources: list[Path]) -> int:
    """The article pages among `sources`, told from the listings by their names alone, without
    reading any file."""
    return sum(1 for source in sources if not LISTING.fullmatch(source.name))


def shard_count(articles: int, shard_size: int) -> int:
    """How many shards an archive's index is made in: one up to `shard_size` articles, else as
    many as hold about `shard_size` each."""
    return max(1, -(-articles // max(1, shard_size)))


def shard_of(source: str, shards: int) -> int:
    """The shard of the article page at `source` (its path in docs/): a hash of the path, which
    spreads the articles evenly whatever their years, and gives an article the same shard in
    every build with as many shards."""
    digest = hashlib.blake2b(source.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % shards


def shard_folder(shard: int) -> str:
    """Where shard `shard` is kept in the state folder (build/pagefind/), and where it is put in
    the site's pagefind/ unless it is the first."""
    return f"shard-{shard}"


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
        kind = pagefind_filter(actor["type"], actor["name"])
        spans.append(f'<span data-pagefind-filter="{escape(kind)}">{escape(actor["name"])}</span>')
    title = "" if "<h1" in body else f"<h1>{meta.get('title', '')}</h1>\n"
    hidden = "\n".join(spans)
    return (
        '<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"></head>\n<body>\n<div data-pagefind-body>\n'
        f"{title}<div hidden data-pagefind-ignore>\n{hidden}\n</div>\n{body}\n</div>\n</body>\n</html>\n"
    )


class StandIns(NamedTuple):
    fingerprint: str  # of every stand-in page of a shard, its place and bytes
    pages: int


def write_stand_ins(
    docs_dir: Path, target: Path, directory_urls: bool, markdown: dict, shards: int = 1
) -> list[StandIns]:
    """Each article page's `stand_in` under `target`/shard-<i>/ for its shard (`shard_of`), at
    the page's place in the site, with the body as MkDocs renders it (`markdown`: the project's
    Markdown extensions, for a page not in the build's own form). A fingerprint and a count per
    shard."""
    digests = [hashlib.blake2b(digest_size=20) for _ in range(shards)]
    pages = [0] * shards
    for source, meta, text in article_pages(docs_dir, article_sources(docs_dir)):
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
        shard = shard_of(source, shards)
        folder = target / shard_folder(shard)
        (folder / place).parent.mkdir(parents=True, exist_ok=True)
        (folder / place).write_bytes(page)
        digests[shard].update(f"{place}\0{len(page)}\0".encode() + page)
        pages[shard] += 1
    return [StandIns(digest.hexdigest(), count) for digest, count in zip(digests, pages, strict=True)]


def run_pagefind(site_dir: Path, output: Path, language: str, glob: str = "**/*.html") -> None:
    """Index the pages of `site_dir` into `output`, one index in the site's language: Pagefind
    otherwise splits the index by each page's `lang`, and a Dutch search page would not find
    the English articles."""
    args = [str(executable()), "--site", str(site_dir), "--glob", glob, "--output-path", str(output),
            "--force-language", language, "--quiet"]  # fmt: skip
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        raise PagefindError(f"pagefind failed ({result.returncode}): {result.stderr or result.stdout}")
    for script in ("pagefind.js", "pagefind-worker.js"):
        without_words(output / script)


# Pagefind 1.5 answers a search by filters alone (no words) by fetching every chunk of its word
# index, which its WebAssembly lists for the empty word: the whole index, megabytes at archive
# scale, before the first results of a person or a country. Such a search needs no word at all
# (Pagefind 1.4 fetched none), so its scripts are told to ask for no chunk then.
ALL_CHUNKS = "let index_resp=this.backend.request_indexes(ptr,term);"
NO_CHUNK = 'let index_resp=filter_only?"[]":this.backend.request_indexes(ptr,term);'
# In a kept bundle's fingerprint: a bundle patched otherwise (or not at all) is made again.
PATCHED = hashlib.blake2b(f"{ALL_CHUNKS}\0{NO_CHUNK}".encode(), digest_size=6).hexdigest()


def without_words(script: Path) -> bool:
    """Make the Pagefind script at `script` fetch no word chunk for a search by filters alone;
    False when it has no such request (another release: tests/test_pagefind.py tells)."""
    if not script.is_file():
        return False
    code = script.read_text(encoding="utf-8")
    if ALL_CHUNKS not in code:
        return False
    script.write_text(code.replace(ALL_CHUNKS, NO_CHUNK), encoding="utf-8")
    return True


def copy_bundle(source: Path, target: Path) -> None:
    """A kept bundle into the site; hard links where the file system allows them, since a
    large archive's bundle is tens of thousands of small files that never change in place."""
    if target.exists():
        shutil.rmtree(target)

    def link_or_copy(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link_or_copy)


def copy_bundles(cache: Path, shards: tuple[int, ...], target: Path) -> None:
    """The kept bundles of `shards` into the site's `target` (pagefind/): the first shard's as
    `target` itself, each other one's in `target`/shard-<i>/."""
    first, *others = shards
    copy_bundle(cache / shard_folder(first) / "bundle", target)
    for shard in others:
        copy_bundle(cache / shard_folder(shard) / "bundle", target / shard_folder(shard))


class ShardJob(NamedTuple):
    """One shard to index: its stand-in pages, where its bundle is kept, and the fingerprint of
    what its bundle is made from."""

    pages: Path
    kept: Path  # kept/bundle and kept/fingerprint
    stamp: str
    language: str


def build_shard(job: ShardJob) -> bool:
    """One shard's bundle, made by one Pagefind process over the shard's stand-in pages into
    `job.kept`, unless the bundle kept there was made from the same (its fingerprint). True when
    Pagefind ran. A shard needs nothing of the others: `make_bundle` maps this over them."""
    bundle, stamp_file = job.kept / "bundle", job.kept / "fingerprint"
    if bundle.is_dir() and stamp_file.exists() and stamp_file.read_text() == job.stamp:
        return False
    fresh = job.kept / "bundle.new"
    shutil.rmtree(fresh, ignore_errors=True)
    run_pagefind(job.pages, fresh, job.language)
    stamp_file.unlink(missing_ok=True)  # no stamp while the bundle is being swapped
    shutil.rmtree(bundle, ignore_errors=True)
    fresh.rename(bundle)
    stamp_file.write_text(job.stamp)
    return True


def make_bundle(
    docs_dir: Path,
    cache: Path,
    language: str,
    directory_urls: bool,
    markdown: dict,
    shard_size: int,
    jobs: int | None = None,
) -> PagefindResult:
    """The index of the article pages in `docs_dir`, in as many shards as `shard_size` asks
    for, each kept in `cache`/shard-<i>/ and made again only when what Pagefind reads of its
    pages changed; at most `jobs` Pagefind processes at once (default: one per core)."""
    from ..publish.lock import build_lock

    started = time.perf_counter()
    cache.mkdir(parents=True, exist_ok=True)
    with build_lock(cache.parent / ".pagefind.lock"):
        pages_dir = cache / "pages"
        shutil.rmtree(pages_dir, ignore_errors=True)
        try:
            shards = shard_count(article_count(article_sources(docs_dir)), shard_size)
            stand_ins = write_stand_ins(docs_dir, pages_dir, directory_urls, markdown, shards)
            version_stamp = f"pagefind {version('pagefind')} {PATCHED} {language} {shards}"
            todo = [
                ShardJob(pages_dir / shard_folder(shard), cache / shard_folder(shard),
                         f"{version_stamp} {found.fingerprint}", language)
                for shard, found in enumerate(stand_ins) if found.pages
            ]  # fmt: skip
            kept = {job.kept.name for job in todo} | {pages_dir.name}
            for entry in cache.iterdir():  # shards of another count, or with no pages now
                if entry.name not in kept:
                    shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
            with ThreadPoolExecutor(max_workers=max(1, jobs or os.cpu_count() or 1)) as pool:
                rebuilt = sum(pool.map(build_shard, todo))
        finally:
            shutil.rmtree(pages_dir, ignore_errors=True)
    return PagefindResult(
        seconds=time.perf_counter() - started,
        pages=sum(found.pages for found in stand_ins),
        shards=tuple(shard for shard, found in enumerate(stand_ins) if found.pages),
        rebuilt=rebuilt,
    )


def start(
    docs_dir: Path,
    cache: Path,
    language: str,
    directory_urls: bool,
    markdown: dict,
    shard_size: int,
    jobs: int | None = None,
) -> subprocess.Popen:
    """`make_bundle` in a process of its own, which `finish` waits for."""
    job = subprocess.Popen(
        [sys.executable, "-m", "build_archive.search.pagefind"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # its own group, Pagefind's binary with it: `stop` ends both
    )  # fmt: skip
    arguments = {"docs": str(docs_dir), "cache": str(cache), "language": language,
                 "directory_urls": directory_urls, "markdown": markdown, "shard_size": shard_size,
                 "jobs": jobs}  # fmt: skip
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
    """Wait for `start`'s process; the bundles it kept, copied into the site."""
    output, errors = job.communicate()
    if job.returncode != 0:
        raise PagefindError(errors.strip() or f"ended with {job.returncode}")
    told = json.loads(output)
    result = PagefindResult(**{**told, "shards": tuple(told["shards"])})
    if result.pages:  # an archive without articles has nothing to search (and Pagefind would fail)
        copy_bundles(cache, result.shards, site_dir / BUNDLE)
    return result


def main() -> None:
    arguments = json.loads(sys.stdin.read())
    try:
        result = make_bundle(Path(arguments["docs"]), Path(arguments["cache"]), arguments["language"],
                             arguments["directory_urls"], arguments["markdown"], arguments["shard_size"],
                             arguments["jobs"])  # fmt: skip
    except Exception as error:  # told to the plugin, which stops the build with it
        sys.stderr.write(f"{error}\n")
        raise SystemExit(1) from None
    sys.stdout.write(json.dumps(asdict(result)))


# The page that searches (the Zoeken page) preloads pagefind.js from its head
# (overrides/main.html); the files Pagefind fetches next, its metadata and WebAssembly, are named
# by the index (a hash, the language), so they are added to that link once the bundle is there,
# with the names of the filter tables' files, which the page's head fetches for the filters in
# its address before Pagefind asks for them, and the index's other shards, which the page merges
# into the first (overrides/main.html, docs/javascripts/zoeken.js).
PRELOAD = re.compile(r'<link rel="modulepreload" href="([^"]*)pagefind\.js" data-archive-preload>')
FILES_ID = "archive-pagefind-files"
ADDED = re.compile(  # what `add_preloads` adds, as it writes it
    r'(?:\n  <link rel="preload" href="[^"]*" as="fetch" crossorigin>)*'
    rf'\n  <script type="application/json" id="{FILES_ID}">.*?</script>'
)


def first_files(bundle: Path, language: str, wasm: bool = True) -> list[str]:
    """The files of the bundle in folder `bundle` that Pagefind fetches after
    pagefind-entry.json, for the index it picks for `language` (as pagefind.js does: that
    language, else the one with most pages): its metadata, and its WebAssembly only when `wasm`
    (the first shard's, which serves every shard)."""
    entry_file = bundle / "pagefind-entry.json"
    if not entry_file.exists():
        return []
    languages = json.loads(entry_file.read_text(encoding="utf-8")).get("languages") or {}
    index = languages.get(language) or languages.get(language.split("-")[0])
    if index is None and languages:
        index = max(languages.values(), key=lambda found: found.get("page_count", 0))
    if index is None:
        return []
    files = [f"pagefind.{index['hash']}.pf_meta"]
    if wasm:
        files.append(f"wasm.{index.get('wasm') or 'unknown'}.pagefind")
    return [name for name in files if (bundle / name).is_file()]


def meta_file(files: list[str]) -> str:
    """The metadata among `first_files`, or "" when there is none."""
    return next((name for name in files if name.endswith(".pf_meta")), "")


def filter_files(bundle: Path) -> dict[str, str]:
    """Each filter's table in the bundle in folder `bundle`, by filter name: a table is gzip of
    Pagefind's signature (12 bytes) and a CBOR array whose first item is the filter's name, read
    from its first bytes. A file not in that form is left out (the page then lets Pagefind fetch
    it)."""
    tables: dict[str, str] = {}
    for table in sorted((bundle / "filter").glob("*.pf_filter")):
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


class ShardFiles(NamedTuple):
    path: str  # the shard's folder under pagefind/, with a final slash: shard-3/
    meta: str  # its metadata (the page numbers' fragments), under that folder
    filters: dict[str, str]  # its filter tables by filter name, under that folder


class IndexFiles(NamedTuple):
    """What the Zoeken page's head names of the site's index (`add_preloads`)."""

    preload: list[str]  # under pagefind/: what Pagefind fetches first, of every shard
    meta: str  # the first shard's (pagefind/) metadata
    filters: dict[str, str]  # the first shard's filter tables by filter name
    shards: list[ShardFiles]  # every other shard, which the page merges into the first


def index_files(site_dir: Path, language: str) -> IndexFiles:
    """The site's index as the Zoeken page's head names it: pagefind/ and its shard-<i>/
    folders (in the order of i)."""
    bundle = site_dir / BUNDLE
    folders = sorted(
        (found for found in bundle.glob("shard-*") if (found / "pagefind-entry.json").is_file()),
        key=lambda found: int(found.name.removeprefix("shard-")),
    )
    first = first_files(bundle, language)
    preload, shards = list(first), []
    for folder in folders:
        path = f"{folder.name}/"
        found = first_files(folder, language, wasm=False)
        preload += [path + name for name in found]
        shards.append(ShardFiles(path, meta_file(found), filter_files(folder)))
    return IndexFiles(preload, meta_file(first), filter_files(bundle), shards)


def add_preloads(page: Path, files: IndexFiles) -> bool:
    """Preload `files.preload` from `page`'s head, after its preload of pagefind.js, as fetches
    (`crossorigin`), which is how Pagefind asks for them, so the browser reuses them; and name
    there, for the page's scripts, the filter tables' files and the other shards. Those of an
    earlier index (a page that `mkdocs serve --dirty` did not build again) are replaced."""
    html = page.read_text(encoding="utf-8")
    found = PRELOAD.search(html)
    if not found or not (files.preload or files.filters):
        return False
    earlier = ADDED.match(html, found.end())
    rest = html[earlier.end() if earlier else found.end() :]
    links = "".join(
        f'\n  <link rel="preload" href="{found.group(1)}{name}" as="fetch" crossorigin>'
        for name in files.preload
    )
    named = {
        "meta": files.meta,
        "filters": files.filters,
        "shards": [shard._asdict() for shard in files.shards],
    }
    names = json.dumps(named, ensure_ascii=False).replace("</", "<\\/")
    links += f'\n  <script type="application/json" id="{FILES_ID}">{names}</script>'
    page.write_text(html[: found.end()] + links + rest, encoding="utf-8")
    return True


if __name__ == "__main__":
    main()
