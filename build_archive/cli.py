"""The `archive` command line (also `python -m build_archive`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import BuildError, BuildOptions, run_build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="archive", description="Build and search the news archive.")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="read site_src/ and write the generated pages into docs/")
    build.add_argument("--source", type=Path, default=Path("site_src"), help="the editor's folder (site_src)")
    build.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs' docs_dir (docs)")
    build.add_argument("--report", type=Path, default=Path("build/report.json"), help="build report file")
    build.add_argument("--index", type=Path, default=Path("build/index"), help="search index folder")
    build.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    build.add_argument("--full", action="store_true", help="ignore what earlier builds left and redo all")

    args = parser.parse_args(argv)
    if args.command == "build":
        options = BuildOptions(source=args.source, docs=args.docs, report=args.report, progress=True)
        try:
            report = run_build(options)
        except BuildError as error:
            print(f"archive build: {error}", file=sys.stderr)
            return 2
        print(report.summary(args.report))
    return 0
