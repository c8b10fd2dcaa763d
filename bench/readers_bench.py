"""Reading speed per core of every raw format: prints figures, asserts nothing.

    python bench/readers_bench.py [--articles 400] [--repeat 3]

Writes the same generated articles (bench/corpus.py) in each format, the HTML pages dressed as
a news site's (navigation, cookie banner, comments, scripts, JSON-LD), and times
`readers.read_path` over them in this one process: MB of raw input and articles per second of
one core, best of `--repeat` runs. A file per article for .txt, .md and .html; one file of all
of them for .json, .jsonl and the web archive (.warc.gz).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import sys
import tempfile
import time
from html import escape
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from corpus import Generator  # noqa: E402

from build_archive.model import Article  # noqa: E402
from build_archive.read.readers import read_path  # noqa: E402

PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Het Dagblad</title>
<link rel="canonical" href="https://dagblad.example/{n}">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": {headline},
 "datePublished": "{date}", "author": {{"@type": "Person", "name": "Redactie {n}"}}}}</script>
<style>body {{ font-family: serif }} .nav li {{ display: inline }}</style>
<script>window.dataLayer = [];function track(){{dataLayer.push(arguments)}}</script>
</head><body>
<div class="cookie-consent">Wij gebruiken cookies voor statistiek en advertenties. <button>Akkoord</button></div>
<header><nav class="nav"><ul><li><a href="/">Home</a></li><li><a href="/binnenland">Binnenland</a></li>
<li><a href="/buitenland">Buitenland</a></li><li><a href="/economie">Economie</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article><h1>{title}</h1><p class="byline">Door Redactie {n}</p>
{paragraphs}
</article>
<aside><h3>Meest gelezen</h3><ul><li><a href="/a">Ander bericht</a></li><li><a href="/b">Nog een bericht</a></li></ul></aside>
<section class="comments"><h3>Reacties (2)</h3><div class="comment"><p>Lezer: eens met de minister.</p></div>
<div class="comment"><p>Andere lezer: helemaal niet mee eens.</p></div></section></main>
<footer><p>© Het Dagblad · Privacy · Cookies · Contact</p></footer>
<script src="/js/app.js"></script></body></html>
"""


def texts(count: int) -> list[tuple[str, str, str]]:
    """(title, date, body) of `count` generated articles."""
    rng = random.Random(11)
    generator = Generator(count, seed=11)
    found = []
    for n in range(count):
        body, _ = generator.article(n % 3 != 0)
        date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
        found.append((f"Bericht {n}: {body.split('.')[0][:60]}", date.isoformat(), body))
    return found


def html_page(n: int, title: str, date: str, body: str) -> str:
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n"))
    return PAGE.format(
        lang="nl", title=escape(title), headline=json.dumps(title), date=date, n=n, paragraphs=paragraphs
    )


def write_formats(folder: Path, items: list[tuple[str, str, str]]) -> dict[str, list[Path]]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    files: dict[str, list[Path]] = {}
    for kind in ("txt", "md", "html"):
        (folder / kind).mkdir()
        files[kind] = []
        for n, (title, date, body) in enumerate(items):
            path = folder / kind / f"{n:06d}.{kind}"
            if kind == "txt":
                path.write_text(f"{title}\n\n{body}", encoding="utf-8")
            elif kind == "md":
                path.write_text(
                    f"---\ntitle: {json.dumps(title)}\ndate: {date}\n---\n\n{body}", encoding="utf-8"
                )
            else:
                path.write_text(html_page(n, title, date, body), encoding="utf-8")
            files[kind].append(path)
    records = [
        {"title": t, "date": d, "text": b, "url": f"https://x.example/{n}"}
        for n, (t, d, b) in enumerate(items)
    ]
    (folder / "all.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    (folder / "all.json").write_text(json.dumps(records, ensure_ascii=False, indent=1))
    files["jsonl"], files["json"] = [folder / "all.jsonl"], [folder / "all.json"]
    with open(folder / "crawl.warc.gz", "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n, (title, date, body) in enumerate(items):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            payload = BytesIO(html_page(n, title, date, body).encode())
            writer.write_record(
                writer.create_warc_record(
                    f"https://dagblad.example/{n}", "response", payload=payload, http_headers=headers
                )
            )
    files["warc.gz"] = [folder / "crawl.warc.gz"]
    return files


def raw_mb(paths: list[Path]) -> float:
    """MB of input as the reader gets it (a gzipped web archive: its uncompressed size)."""
    total = 0
    for path in paths:
        if path.suffix == ".gz":
            with gzip.open(path) as unpacked:
                total += len(unpacked.read())
        else:
            total += path.stat().st_size
    return total / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    items = texts(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = write_formats(folder, items)
        for paths in files.values():  # imports and models (trafilatura, language) loaded before timing
            next(iter(read_path(paths[0], folder, "nl", 5_000_000)))
        print(f"{args.articles} articles per format, one core, best of {args.repeat}")
        print(f"{'format':<8} {'MB':>7} {'seconds':>8} {'MB/s':>7} {'articles/s':>11}")
        for kind, paths in files.items():
            best = float("inf")
            for _ in range(args.repeat):
                started = time.process_time()
                results = [item for path in paths for item in read_path(path, folder, "nl", 5_000_000)]
                best = min(best, time.process_time() - started)
            published = sum(isinstance(item, Article) for item in results)
            assert published == args.articles, (
                kind,
                published,
                [r for r in results if not isinstance(r, Article)][:3],
            )
            mb = raw_mb(paths)
            print(f"{kind:<8} {mb:>7.2f} {best:>8.2f} {mb / best:>7.2f} {published / best:>11.0f}")


if __name__ == "__main__":
    main()
