"""The browser's search at archive scale: prints figures, asserts nothing.

    python bench/pagefind_bench.py --size 20000

Generates an archive of `size` articles (bench/corpus.py), builds it with `mkdocs build` as a
user does (the archive plugin, then Pagefind over the built site), and prints: the Pagefind index
build time, a rebuild with no page changed (fingerprint and copy only), the bundle's size and
file count; then, in Debian's headless Chromium against the site served on 127.0.0.1, for a
filtered query (person AND country, the pair most often named together) and the same with a
word, the bytes fetched (every response of the page load, and those of pagefind/ alone), the
time from navigation start to the first results shown (goal: under 1 MB and 300 ms), what
showed them (a search by filters alone is first shown from Pagefind's files read by the page,
before Pagefind has searched) and the time to Pagefind's own results; and on the open page, the same query selected again (its country unticked and ticked) and another pair;
each in the harness's Chromium (the tests' flags) and in a stock one (only `--no-sandbox`, for root).
Five runs by default, each printed, then the min and median: timings on a busy machine vary.

`--keep DIR` keeps the generated project; `--reuse DIR` measures its site again without
building (rebuild it with `mkdocs build` in DIR after changing the Zoeken page: it has its own
copy of docs/ and overrides/).

    python bench/pagefind_bench.py --size 20000 --memory 25000 10000 5000 [--note TEXT]

measures instead the Pagefind step alone, as the plugin runs it (`python -m
build_archive.search.pagefind`, a process of its own, with nothing kept from before), once per
shard size given (a size at or above the archive's is one bundle): its wall time and the peak of
the resident memory of its whole process tree (Pagefind's processes included), sampled ten
times a second, which a shorter peak can escape. The project is made by `archive build` alone
(the pages in docs/; MkDocs is not needed). The figures go to bench/results/ as JSON and into
bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ARCHIVE, MKDOCS, export_stats, measured, new_record, project, save_record  # noqa: E402

# The browser test harness: the same Chromium and flags as the tests.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from test_browser import CHROMIUM, FLAGS  # noqa: E402

from build_archive.search.pagefind import BUNDLE, make_bundle, start  # noqa: E402
from build_archive.settings import Settings  # noqa: E402

MARKDOWN = {"extensions": ["toc", "tables"]}  # only for pages not in the build's own form


def build(root: Path) -> tuple[float, float]:
    """`mkdocs build` as a user runs it; its seconds, and Pagefind's as the plugin logged them."""
    started = time.perf_counter()
    result = subprocess.run(
        [str(MKDOCS), "build"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
    )
    total = time.perf_counter() - started
    found = re.search(r"Pagefind: \d+ article pages indexed in ([\d.]+) s", result.stderr)
    return total, float(found.group(1)) if found else float("nan")


def pairs(root: Path) -> Counter:
    """How many articles name each (person, country) together."""
    counts: Counter = Counter()
    with open(root / "docs" / "export" / "articles.jsonl", encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            for person in article["persons"]:
                for country in article["countries"]:
                    counts[(person["name"], country["name"])] += 1
    return counts


def typical(counts: Counter, articles: int = 100, skip: int = 0) -> tuple[str, str]:
    """A pair named together in about `articles` articles (the corpus's busiest person is in
    nearly every article, which no real archive has)."""
    ranked = sorted(counts, key=lambda pair: (abs(counts[pair] - articles), pair))
    return ranked[skip]


# On the page open on the person alone, with every filter table loaded: tick the query's country
# and time it, from the click to the page's mark of results shown (the same query, selected).
SELECT = """async (country) => {
  const shown = () => performance.getEntriesByName("archive-search:results").length;
  const next = (count) => new Promise((resolve) => {
    const observer = new PerformanceObserver(() => {
      if (shown() > count) { observer.disconnect(); resolve(); }
    });
    observer.observe({ type: "mark" });
    if (shown() > count) { observer.disconnect(); resolve(); }
  });
  const box = () => [...document.querySelectorAll('.archive-search__filter[data-filter="country"] input')]
    .find((input) => input.value === country);
  const count = shown();
  const started = performance.now();
  box().click();
  await next(count);
  const marks = performance.getEntriesByName("archive-search:results");
  return Math.round(marks[marks.length - 1].startTime - started);
}"""


def select(page, base: str, query: dict[str, str]) -> int:
    """Open the Zoeken page on the query without its country, load every filter table, show the
    country's box, and time the tick (SELECT); -1 when the query without its country finds
    nothing, so there is no box to tick."""
    alone = {name: value for name, value in query.items() if name != "country"}
    page.goto(f"{base}zoeken/?{urlencode(alone, quote_via=quote)}")
    page.wait_for_selector("#archive-search[data-first-results]", timeout=60_000)
    if not int(re.sub(r"\D", "", page.inner_text(".archive-search__status")) or 0):
        return -1
    page.get_by_role("button", name="Alle filters tonen").click()
    countries = page.locator('.archive-search__filter[data-filter="country"]')
    countries.wait_for(timeout=60_000)
    has_box = """(country) => [...document.querySelectorAll('.archive-search__filter[data-filter="country"] input')]
        .some((input) => input.value === country)"""
    if not page.evaluate(has_box, query["country"]):
        countries.locator(".archive-search__more").click()
        page.wait_for_function(has_box, arg=query["country"])
    return page.evaluate(SELECT, query["country"])


# The time Pagefind's own results were shown: the page's last mark of results shown once the
# first search has settled (the first screen of a search by filters alone comes before it).
PAGEFIND_SHOWN = (
    """() => Math.round(performance.getEntriesByName("archive-search:results").at(-1).startTime)"""
)

WARM = """async (filters) => {
  const pagefind = await import(new URL("../pagefind/pagefind.js", document.baseURI).href);
  const started = performance.now();
  const search = await pagefind.search(null, { filters });
  await Promise.all(search.results.slice(0, 10).map((result) => result.data()));
  return [Math.round(performance.now() - started), search.results.length];
}"""


# Chromium as it comes, but for what running it as root here needs: beside the harness's FLAGS,
# to show what the harness's extra flags change.
STOCK = ["--no-sandbox"]


class Load(NamedTuple):
    """One fresh load of the Zoeken page on a query, and what was then timed on the open page."""

    total_bytes: int  # of every response
    bundle_bytes: int  # of the responses under pagefind/
    first: int  # ms from navigation start to the first results shown
    search: int  # ms of that since the search page's script started
    by: str  # what showed them: "tables" (Pagefind's files read by the page) or "pagefind"
    pagefind: int  # ms from navigation start to Pagefind's own results shown
    results: int  # articles found
    warm: int  # ms for Pagefind to answer `then` with its first 10 results' data, on the open page
    selected: int  # ms from ticking the query's country on the page open on its person to results


def measure(
    base: str, query: dict[str, str], runs: int, then: dict[str, list[str]], flags: list[str]
) -> list[Load]:
    """Per run, each in a fresh browser context (nothing cached), a `Load`: the query's first
    results, then Pagefind's, then on the open page Pagefind's answer to the filtered query `then`
    (the module the page loaded) and the query's country ticked on the page open on its person."""
    from playwright.sync_api import sync_playwright

    url = f"{base}zoeken/?{urlencode(query, quote_via=quote)}"
    figures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=flags)
        # The browser's own start (its first renderer and network service) is not the page's: one
        # page of the site in a context thrown away, so the first run is as cold as the others
        # (every run is a new context, with no cache) and not colder.
        warmup = browser.new_context()
        warmup.new_page().goto(f"{base}over/")
        warmup.close()
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            sizes: list[tuple[str, int]] = []

            def finished(request, sizes=sizes) -> None:
                size = request.sizes()
                sizes.append((request.url, size["responseBodySize"] + size["responseHeadersSize"]))

            page.on("requestfinished", finished)
            page.goto(url)
            page.wait_for_selector("#archive-search[data-first-results]", timeout=60_000)
            page.wait_for_function("window.archiveSearchSettled === true", timeout=60_000)
            page.wait_for_load_state("networkidle")
            first = int(page.get_attribute("#archive-search", "data-first-results") or "")
            started = int(page.get_attribute("#archive-search", "data-started") or "")
            by = page.get_attribute("#archive-search", "data-first-results-by") or ""
            shown = page.evaluate(PAGEFIND_SHOWN)
            status = page.inner_text(".archive-search__status")
            count = int(re.sub(r"\D", "", status) or 0)
            total = sum(size for _, size in sizes)
            bundle = sum(size for address, size in sizes if f"/{BUNDLE}/" in address)
            warm, _ = page.evaluate(WARM, then)
            page.remove_listener("requestfinished", finished)
            selected = select(page, base, query)
            figures.append(Load(total, bundle, first, first - started, by, shown, count, warm, selected))
            context.close()
        browser.close()
    return figures


def tree_rss(root: int) -> tuple[int, int]:
    """The resident memory of process `root` and all its descendants, in bytes: their sum, and
    the largest one's."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    page = os.sysconf("SC_PAGE_SIZE")
    total = largest = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            resident = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
        except (OSError, IndexError):
            continue
        total, largest = total + resident, max(largest, resident)
    return total, largest


def pagefind_step(root: Path, shard_size: int) -> dict:
    """The Pagefind step as the plugin runs it, with nothing kept: seconds, shards, and the peak
    resident memory of its process tree (sum and largest process)."""
    cache = root / "build" / f"pagefind-bench-{shard_size}"
    shutil.rmtree(cache, ignore_errors=True)
    load = os.getloadavg()[0]
    started = time.perf_counter()
    job = start(root / "docs", cache, "nl", True, MARKDOWN, shard_size)
    peak = largest = 0
    while job.poll() is None:
        total, biggest = tree_rss(job.pid)
        peak, largest = max(peak, total), max(largest, biggest)
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    output, errors = job.communicate()
    if job.returncode != 0:
        raise SystemExit(f"the Pagefind step failed: {errors}")
    told = json.loads(output)
    shutil.rmtree(cache, ignore_errors=True)
    return {
        "shard_size": shard_size,
        "shards": len(told["shards"]),
        "pages": told["pages"],
        "seconds": seconds,
        "peak_tree_mb": peak / 1e6,
        "peak_process_mb": largest / 1e6,
        "load_before": load,
        "load_after": os.getloadavg()[0],
    }


def memory(size: int, shard_sizes: list[int], note: str, reuse: Path | None) -> None:
    """The Pagefind step at `size` articles, once per shard size; figures to bench/results/."""
    began = dt.datetime.now(dt.UTC)
    record = new_record(began, note, "pagefind", size=size, jobs=os.cpu_count(), runs=[])
    with tempfile.TemporaryDirectory() as tmp:
        if reuse:
            root, corpus = reuse, json.loads((reuse / "corpus.json").read_text())
        else:
            root, corpus = project(Path(tmp), size)
            (root / "corpus.json").write_text(json.dumps(corpus))
            build = measured([str(ARCHIVE), "build"], root)
            print(f"archive build: {build.seconds:.0f} s")
        record["corpus"], record["export"] = corpus, export_stats(root)
        print(
            f"== the Pagefind step over {record['export']['articles']:,} article pages, {os.cpu_count()} at once"
        )
        for shard_size in shard_sizes:
            run = pagefind_step(root, shard_size)
            print(
                f"shard size {shard_size:>7,}: {run['shards']} shard(s), {run['seconds']:6.1f} s, peak of the "
                f"process tree {run['peak_tree_mb']:6.0f} MB (largest process {run['peak_process_mb']:.0f} MB), "
                f"load {run['load_before']:.1f}"
            )
            record["runs"].append(run)
            save_record(record, began, "-pagefind")


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """The site served on 127.0.0.1 as a user's static server serves it: by a process of its own
    (in this one, its threads would wait for the Playwright client's, which shares their
    interpreter lock and is busy exactly while the page loads), a thread per connection, and
    connections kept open (HTTP/1.1) as a browser expects of any server. Its address."""
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "--bind", "127.0.0.1", "--protocol", "HTTP/1.1",
         "--directory", str(site), "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        told = re.search(r" port (\d+)", server.stdout.readline())
        if told is None:
            raise SystemExit("the static server did not say its port")
        yield f"http://127.0.0.1:{told.group(1)}/"
    finally:
        server.terminate()
        server.wait()


def spread(values: list[int]) -> str:
    return f"{min(values)} / {statistics.median(values):g}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--keep", type=Path, help="build in this (new) folder and keep it, not a temporary one"
    )
    parser.add_argument("--reuse", type=Path, help="a folder built by --keep: only measure its site")
    parser.add_argument(
        "--memory", type=int, nargs="+", metavar="SHARD_SIZE",
        help="measure the Pagefind step's time and memory at these shard sizes instead",
    )  # fmt: skip
    parser.add_argument("--note", default="", help="what else ran on the machine, for the record")
    args = parser.parse_args()
    if args.memory:
        memory(args.size, args.memory, args.note, args.reuse)
        return
    with tempfile.TemporaryDirectory() as tmp:
        if args.reuse:
            root = args.reuse
            print(f"== the site built in {root}")
        else:
            if args.keep:
                args.keep.mkdir(parents=True)
            root, _ = project(args.keep or Path(tmp), args.size)
            print(f"== {args.size:,} generated articles")
            total, pagefind_seconds = build(root)
            print(f"mkdocs build (archive, site, Pagefind): {total:7.1f} s")
            print(f"Pagefind index build:                   {pagefind_seconds:7.1f} s")
        site = root / "site"
        shard_size = Settings().pagefind_shard_size
        result = make_bundle(root / "docs", root / "build" / "pagefind", "nl", True, MARKDOWN, shard_size)
        print(f"Pagefind, pages unchanged (reused):     {result.seconds:7.1f} s  (reran: {result.ran})")
        files = [p for p in (site / BUNDLE).rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        print(f"bundle: {size / 1e6:.1f} MB in {len(files):,} files")
        theme_index = site / "search" / "search_index.json"
        print(f"theme search index built: {theme_index.exists()}")

        counts = pairs(root)
        person, country = typical(counts)
        other = typical(counts, skip=1)
        worst = counts.most_common(1)[0][0]
        then = {"person": [other[0]], "country": [other[1]]}
        with served(site) as base:
            for label, query in (
                (f"person={person} AND country={country}", {"person": person, "country": country}),
                ("same + text=gesprekken", {"person": person, "country": country, "text": "gesprekken"}),
                (
                    f"busiest pair, person={worst[0]} AND country={worst[1]}",
                    {"person": worst[0], "country": worst[1]},
                ),
            ):
                for browser, flags in (("the harness's Chromium", FLAGS), ("stock Chromium", STOCK)):
                    print(f"\nquery {label}, {browser} (fresh context each run; goal under 1 MB and 300 ms)")
                    print(f"  flags: {' '.join(flags)}")
                    figures = measure(base, query, args.runs, then, flags)
                    for load in figures:
                        print(
                            f"  fetched {load.total_bytes / 1e6:5.2f} MB in all, {load.bundle_bytes / 1e6:5.2f} MB "
                            f"of pagefind/; first results {load.first:5d} ms after navigation start (by "
                            f"{load.by}), {load.search:5d} ms after the search script started, Pagefind's "
                            f"{load.pagefind:5d} ms; {load.results:,} articles; on the open page: the country "
                            f"ticked {load.selected} ms, person={other[0]} AND country={other[1]} (Pagefind "
                            f"alone) {load.warm} ms"
                        )
                    print(
                        f"  min / median: first results {spread([f.first for f in figures])} ms, Pagefind's "
                        f"{spread([f.pagefind for f in figures])} ms; on the open page, the country ticked "
                        f"{spread([f.selected for f in figures])} ms, another pair {spread([f.warm for f in figures])} ms"
                    )


if __name__ == "__main__":
    main()
