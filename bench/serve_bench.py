"""Live preview at archive scale: how long after an article is saved `mkdocs serve` serves it.

    .venv/bin/python bench/serve_bench.py --size 10000 [--root DIR] [--rounds 3] [--plain]

Makes (or reuses) a generated archive in DIR (bench/corpus.py), starts `mkdocs serve --dirty` as
`make serve` does (`--plain`: without --dirty, as a bare `mkdocs serve`), waits for its first
build, then per round saves a new article and times until the home page lists it and its page is
served, then edits an existing article and times until its page shows the new text; and how long
the Pagefind bundle takes to follow. Prints the load average with the figures: the machine may be
shared. The figures go to bench/results/<date>-<commit>-serve.json (with, per new article, the
archive build's stages and MkDocs' own time, read from the build report and the server's log), and
bench/RESULTS.md is regenerated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from corpus import write_corpus  # noqa: E402
from run import new_record, save_record  # noqa: E402

from build_archive.search.pagefind import shard_folder  # noqa: E402

BIN = Path(sys.executable).parent


def prepare(root: Path, size: int) -> None:
    if (root / "site_src" / "articles").is_dir():
        return
    write_corpus(root, size)
    shutil.copy(REPO / "site_src" / "settings.yml", root / "site_src" / "settings.yml")
    shutil.copy(REPO / "site_src" / "actors.yml", root / "site_src" / "actors.yml")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    for name in ("javascripts", "stylesheets"):
        shutil.copytree(REPO / "docs" / name, root / "docs" / name)
    for name in ("over.md", "zoeken.md"):
        shutil.copy(REPO / "docs" / name, root / "docs" / name)


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except urllib.error.URLError:
        return 0, ""


def until(check, poll: float = 0.05) -> float:
    """Seconds until `check()` holds (a request to a rebuilding server waits for the build)."""
    started = time.monotonic()
    while not check():
        time.sleep(poll)
    return time.monotonic() - started


def shows(url: str, text: str) -> bool:
    return text in get(url)[1]


def pagefind_pages(base: str) -> int:
    """Pages in the served browser index, over all its shards: pagefind/ is the first, the
    others are its folders shard-1, shard-2, … (build_archive/search/pagefind.py)."""
    total, folder, shard = 0, "pagefind/", 0
    while True:
        status, text = get(base + folder + "pagefind-entry.json")
        if status != 200:
            return total if shard else -1
        total += json.loads(text)["languages"]["nl"]["page_count"]
        shard += 1
        folder = f"pagefind/{shard_folder(shard)}/"


def load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--root", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--plain", action="store_true", help="mkdocs serve without --dirty")
    parser.add_argument("--note", default="", help="what else ran on the machine, for the record")
    args = parser.parse_args()
    started_at = dt.datetime.now(dt.UTC)
    record = new_record(
        started_at,
        args.note,
        "serve",
        size=args.size,
        mode="serve" if args.plain else "serve --dirty",
        rounds=[],
    )
    root = (args.root or Path(f"/tmp/serve-bench-{args.size}")).resolve()
    prepare(root, args.size)
    articles = root / "site_src" / "articles"
    count = sum(1 for _ in articles.rglob("*.txt"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    tmp = root / "tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    mode = [] if args.plain else ["--dirty"]
    log = open(root / "serve.log", "w")  # noqa: SIM115
    started = time.monotonic()
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", *mode, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp)},
    )  # fmt: skip
    try:
        until(lambda: get(base)[0] == 200, poll=0.5)
        record["articles"], record["first_build"] = count, time.monotonic() - started
        print(f"{count} articles, mkdocs serve {' '.join(mode)}: first build served in "
              f"{time.monotonic() - started:.1f} s (load {load()})")  # fmt: skip
        until(lambda: pagefind_pages(base) >= count, poll=0.5)
        time.sleep(3)
        pages = pagefind_pages(base)
        for round_ in range(args.rounds):
            title = f"Bench bericht {round_} {time.time_ns()}"
            (articles / f"2030-01-0{round_ + 1}-bench-{time.time_ns()}.txt").write_text(
                f"{title}\n\nMark Jansen sprak in Utrecht met Sophie Kowalski over een zeldzaam verdrag "
                f"{round_} ({time.time_ns()})."  # a text of its own: the same text again is a duplicate
            )
            saved = time.monotonic()
            until(functools.partial(shows, base, title))
            listed = time.monotonic() - saved
            found = re.search(r'href="(articles/2030/01/[^"]+)"', get(base)[1])
            assert found is not None, "the home page lists no new article"
            until(functools.partial(shows, base + found.group(1), title))
            served = time.monotonic() - saved
            until(lambda before=pages: pagefind_pages(base) > before, poll=0.2)
            indexed = time.monotonic() - saved
            pages = pagefind_pages(base)
            print(f"new article {round_}: on the home page {listed:.2f} s, its page {served:.2f} s, "
                  f"in Pagefind {indexed:.2f} s after saving (load {load()})")  # fmt: skip
            figures = {"listed": listed, "served": served, "indexed": indexed, "load": os.getloadavg()[0],
                       "stages": json.loads((root / "build" / "report.json").read_text())["timings"],
                       "mkdocs": mkdocs_seconds(root / "serve.log")}  # fmt: skip

            [edited] = sorted(articles.glob(f"*{round_ + 11:06d}.txt"))
            url = edited_url(root, edited.name)  # the title, and so the address, stays
            marker = f"Een bijgewerkte zin {time.time_ns()}."
            edited.write_text(edited.read_text() + f"\n\n{marker}")
            saved = time.monotonic()
            until(functools.partial(shows, base + url, marker))
            edited_in = time.monotonic() - saved
            print(f"edited article {round_}: its page {edited_in:.2f} s after saving (load {load()})")
            record["rounds"].append({**figures, "edited": edited_in})
            time.sleep(2)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=120)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    save_record(record, started_at, "-serve")


def mkdocs_seconds(log: Path) -> float | None:
    """MkDocs' own time for its last build, as the server logged it."""
    found = re.findall(r"Documentation built in ([\d.]+) seconds", log.read_text(errors="replace"))
    return float(found[-1]) if found else None


def edited_url(root: Path, name: str) -> str:
    """The address of the article read from the file `name`, from the export the build published."""
    with open(root / "docs" / "export" / "articles.jsonl", encoding="utf-8") as export:
        for line in export:
            record = json.loads(line)
            if record["source"] == name:
                return record["url"]
    raise LookupError(name)


if __name__ == "__main__":
    main()
