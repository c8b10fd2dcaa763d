"""The `archive` command line (also `python -m build_archive`)."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .publish.state import state_folder

if TYPE_CHECKING:
    from .build import Engine
    from .publish.report import Report

# The build's modules (the pipeline, MkDocs' Markdown, the lists) are imported by the commands
# that build; `archive search` imports only what searching needs, since it runs cold each time.


def _date(value: str) -> dt.date:
    from .read.derive import parse_date

    parsed = parse_date(value)
    if parsed is None:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use e.g. 2022-02-12)")
    return parsed


STATE_HELP = (
    "the folder of what this archive's builds keep: published generations, cache, report, lock, "
    "search index (default: build/ beside a docs folder named docs, else .archive/NAME/ beside it)"
)


def _state(args: argparse.Namespace) -> Path:
    return args.state if args.state is not None else state_folder(args.docs)


def main(argv: list[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()  # here, not at exit, where a closed pipe could no longer be caught
    except BrokenPipeError:
        # What reads the output went away (`archive actors | head`): what it did not read is not
        # wanted, and a traceback would hide what it did read. Python would flush stdout into the
        # closed pipe again at exit: it goes to /dev/null instead.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return code


def _main(argv: list[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "actors":
        return _actors(args)
    if args.command == "check":
        return _check(args)
    if args.command == "build":
        _check_build(parser, args)
        pipe = None if args.published_fd is None else os.fdopen(args.published_fd, "w", encoding="utf-8")
        progress = sys.stderr if args.progress_fd is None else open(args.progress_fd, "w", encoding="utf-8")  # noqa: SIM115 - open for the build's life
        code = build_command(args, pipe, progress)
        if pipe is not None:
            pipe.close()
        return code
    if args.command == "warm-builder":
        from .warm import serve_builds

        return serve_builds(args.answers_fd, args.progress_fd)
    return _search(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="archive", description="Build and search the news archive.")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="read site_src/ and write the generated pages into docs/")
    build.add_argument("--source", type=Path, default=Path("site_src"), help="the editor's folder (site_src)")
    build.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs' docs_dir (docs)")
    build.add_argument("--state", type=Path, default=None, help=STATE_HELP)
    build.add_argument("--report", type=Path, default=None, help="build report file (STATE/report.json)")
    build.add_argument("--index", type=Path, default=None, help="search index folder (STATE/index)")
    build.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="processes that read raw files, find actors and make the actor pages (default: one per core)",
    )
    build.add_argument(
        "--articles",
        type=_location,
        default=None,
        help="the raw articles: a folder or an fsspec URL such as s3://bucket/news (SOURCE/articles)",
    )
    build.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="what reads and finds actors: this machine's processes (local), or Dask (needs the dask extra)",
    )
    build.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="--engine dask: the dask.distributed scheduler, e.g. tcp://10.0.0.1:8786 "
        "(default: a local cluster of --jobs processes)",
    )
    build.add_argument(
        "--full", action="store_true", help="ignore the build cache and rebuild the search index from scratch"
    )
    # The MkDocs plugin's: a pipe told the build's summary once the pages are published and the
    # search index's figures once it is updated (see `tell`), and MkDocs' own stderr for the
    # progress (the build's stderr goes to its log).
    build.add_argument("--published-fd", type=int, default=None, help=argparse.SUPPRESS)
    build.add_argument("--progress-fd", type=int, default=None, help=argparse.SUPPRESS)

    find = commands.add_parser("search", help="search the archive's index")
    # The rest of the words, as users type them (`archive search oil prices --country Iran`);
    # a phrase keeps its quotes inside one shell argument ('"oil prices"').
    find.add_argument("query", nargs="*", default=[], help='words, "phrases", AND/OR/NOT, prefix*')
    find.add_argument("--person", action="append", default=[], help="a person by any name (repeat: AND)")
    find.add_argument("--country", action="append", default=[], help="a country by any name (repeat: AND)")
    find.add_argument("--organisation", action="append", default=[], help="an organisation (repeat: AND)")
    find.add_argument("--place", action="append", default=[], help="a place by any name (repeat: AND)")
    find.add_argument("--since", type=_date, help="from this date on")
    find.add_argument("--until", type=_date, help="up to and including this date")
    find.add_argument("--lang", help="language code, e.g. nl")
    find.add_argument("--limit", type=int, default=20)
    find.add_argument("--docs", type=Path, default=Path("docs"), help="the archive's docs folder (docs)")
    find.add_argument("--state", type=Path, default=None, help=STATE_HELP)
    find.add_argument("--index", type=Path, default=None, help="search index folder (STATE/index)")
    find.add_argument("--json", action="store_true", help="print the results as JSON")

    listed = commands.add_parser("actors", help="list the archive's actors (from the last build's export)")
    listed.add_argument(
        "--type", choices=["person", "country", "organisation", "place"], help="only this type"
    )
    listed.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs' docs_dir (docs)")
    listed.add_argument("--json", action="store_true", help="print JSON")
    listed.add_argument(
        "--review",
        action="store_true",
        help="the actors most likely wrong, each with the actors.yml line that rejects or merges it",
    )
    listed.add_argument("--state", type=Path, default=None, help=STATE_HELP)
    listed.add_argument("--report", type=Path, default=None, help="build report file (STATE/report.json)")
    listed.add_argument(
        "--source", type=Path, default=Path("site_src"), help="the editor's folder (site_src)"
    )
    listed.add_argument("--limit", type=int, default=50, help="--review: at most this many (0: all)")

    check = commands.add_parser(
        "check", help="read site_src/ and report what a build would publish; writes nothing"
    )
    check.add_argument("--source", type=Path, default=Path("site_src"), help="the editor's folder (site_src)")

    # The MkDocs plugin's builder under `mkdocs serve` (warm.py): builds one request after
    # another, each as `archive build` with its arguments, in one process that stays warm.
    warm = commands.add_parser("warm-builder", help=argparse.SUPPRESS)
    warm.add_argument("--answers-fd", type=int, required=True)
    warm.add_argument("--progress-fd", type=int, default=None)
    return parser


def parse_build(argv: list[str]) -> argparse.Namespace:
    """The arguments of `archive build ARGV...`, refused as the command refuses them."""
    parser = _parser()
    args = parser.parse_args(["build", *argv])
    _check_build(parser, args)
    return args


def _check_build(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.scheduler is not None and args.engine != "dask":
        parser.error("--scheduler needs --engine dask")


def build_command(args: argparse.Namespace, pipe: TextIO | None, progress: TextIO) -> int:
    """`archive build`: its exit code; with `pipe`, the MkDocs plugin's messages (see `tell`)."""
    from .build import BuildOptions, run_build
    from .errors import BuildError
    from .progress import Progress

    try:
        engine = _engine(args)
    except BuildError as error:
        print(f"archive build: {error}", file=sys.stderr)
        return 2
    options = BuildOptions(
        source=args.source,
        docs=args.docs,
        state=args.state,
        report=args.report,
        index=args.index,
        full=args.full,
        jobs=args.jobs,
        articles=args.articles,
        engine=engine,
        progress=Progress.to(progress),
        published=None if pipe is None else functools.partial(_tell_published, pipe),
    )
    try:
        report = run_build(options)
    except BuildError as error:
        print(f"archive build: {error}", file=sys.stderr)
        return 2  # no second message: the plugin learns the end from the exit code
    if pipe is not None:
        tell(pipe, {"index": None if report.index is None else asdict(report.index)})
    print(report.summary(options.report_path))
    return 0


def _location(value: str) -> Path | str:
    """A local path, or an fsspec URL kept as it is (a Path would fold its `//`)."""
    return value if "://" in value else Path(value)


def _engine(args: argparse.Namespace) -> Engine | None:
    """The engine asked for; None for the default, the local process pool."""
    if args.engine == "local":
        return None
    from .errors import BuildError

    try:
        from .dask_engine import DaskEngine
    except ImportError as error:
        raise BuildError(
            f"--engine dask needs the dask extra: pip install 'build-archive[dask]' ({error})"
        ) from None
    return DaskEngine(args.scheduler, args.jobs)


def tell(pipe: TextIO, message: dict[str, object]) -> None:
    """One message to the MkDocs plugin: a line of JSON, sent at once (the plugin waits for it)."""
    pipe.write(json.dumps(message) + "\n")
    pipe.flush()


def _tell_published(pipe: TextIO, report: Report) -> None:
    """The pages are published: their summary, so that MkDocs can render them meanwhile."""
    tell(
        pipe,
        {
            "summary": report.summary(),
            "published": len(report.published),
            "settings": asdict(report.settings),
            "changes": None if report.changes is None else asdict(report.changes),
        },
    )


def _search(args: argparse.Namespace) -> int:
    # A search does no linear algebra, and OpenBLAS starts a thread per core as numpy is imported:
    # on a busy machine those threads take the processor from the command's own. Set before numpy
    # is imported, unless the user set it.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from .errors import IndexError_
    from .search.query import search

    try:
        results = search(
            " ".join(args.query), persons=args.person, countries=args.country, organisations=args.organisation,
            places=args.place, since=args.since, until=args.until, lang=args.lang, limit=args.limit,
            index_path=args.index or _state(args) / "index",
        )  # fmt: skip
    except IndexError_ as error:
        print(f"archive search: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([asdict(hit) for hit in results.hits], ensure_ascii=False, indent=1))
        return 0
    if results.unknown:
        print(
            f"No actor in the archive is named {', '.join(repr(n) for n in results.unknown)}: nothing found."
        )
        return 0
    if not results.hits:
        print("Nothing found.")
        return 0
    print(
        f"{results.total} found"
        + (f", the first {len(results.hits)}:" if results.total > len(results.hits) else ":")
    )
    for rank, hit in enumerate(results.hits, start=1):
        print(f"{rank:>3}. {hit.title}  [{hit.date or 'undated'}]  score {hit.score}")
        print(f"     {hit.url}")
        if hit.highlights:
            print(f"     {hit.highlights[:240]}")
    labels = {"persons": "Persons", "countries": "Countries", "organisations": "Organisations", "places": "Places",
              "year": "Years"}  # fmt: skip
    for key, counts in results.facets.items():
        if counts:
            top = ", ".join(f"{name} ({count})" for name, count in list(counts.items())[:10])
            print(f"{labels[key]}: {top}")
    return 0


def _actors(args: argparse.Namespace) -> int:
    args.report = args.report or _state(args) / "report.json"
    path = args.docs / "export" / "actors.json"
    try:
        actors = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"archive actors: cannot read {path} ({error}); run `archive build` first", file=sys.stderr)
        return 2
    chosen = [a for a in actors if not args.type or a["type"] == args.type]
    chosen.sort(key=lambda a: (-a["articles"], a["name"].casefold()))
    if args.review:
        return _review(args, chosen)
    if args.json:
        print(json.dumps(chosen, ensure_ascii=False, indent=1))
        return 0
    for actor in chosen:
        print(f"{actor['articles']:>6}  {actor['type']:<12}  {actor['name']}  ({actor['id']})")
    return 0


def _review(args: argparse.Namespace, actors: list[dict]) -> int:
    """What the last build published that is most likely wrong, for the editor to settle."""
    from .review import review

    try:
        report = json.loads(args.report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        report = {}  # a build report is optional: without it, no ambiguous surnames are listed
    found = review(actors, report.get("ambiguous_surnames", []), args.source, _state(args) / "cache")
    shown = found[: args.limit] if args.limit > 0 else found
    if args.json:
        print(json.dumps(shown, ensure_ascii=False, indent=1))
        return 0
    print(
        f"{len(found)} actors to review" + (f", the first {len(shown)}:" if len(shown) < len(found) else ":")
    )
    for item in shown:
        print(
            f"{item['articles']:>6}  {item['type']:<12}  {item['name']}  ({item['id']}): {'; '.join(item['reasons'])}"
        )
        for line in item["fix"]:
            print(f"        actors.yml  {line}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from .build import open_source, read_archive
    from .errors import BuildError
    from .progress import Progress

    try:
        settings, _ = open_source(args.source)
    except BuildError as error:
        print(f"archive check: {error}", file=sys.stderr)
        return 2
    report, _ = read_archive(args.source / "articles", settings, progress=Progress.to(sys.stderr))
    print(report.summary())
    return 0
