"""Benchmarks on generated corpora: prints figures and ratios, asserts nothing.

python bench/run.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402

from build_archive.build import BuildOptions, run_build  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"


def project(target: Path, size: int) -> Path:
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(
        REPO / "docs",
        target / "docs",
        ignore=shutil.ignore_patterns("index.md", "articles", "actors", "export"),
    )
    write_corpus(target, size)
    return target


def timed_mkdocs(cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(MKDOCS), "build", "--quiet"], cwd=cwd, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    )
    return time.perf_counter() - started


def bench(size: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp), size)
        text_bytes = sum(p.stat().st_size for p in (root / "site_src" / "articles").iterdir())
        started = time.perf_counter()
        report = run_build(
            BuildOptions(source=root / "site_src", docs=root / "docs", report=root / "build/report.json")
        )
        archive = time.perf_counter() - started
        again = time.perf_counter()
        run_build(
            BuildOptions(source=root / "site_src", docs=root / "docs", report=root / "build/report.json")
        )
        rebuild = time.perf_counter() - again
        site = timed_mkdocs(root)
        largest = max((p.stat().st_size, p) for p in (root / "site").rglob("*.html"))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\n== {size:,} articles ({text_bytes / 1e6:.1f} MB of text)")
        print(
            f"archive build (all stages):     {archive:7.2f} s  {size / archive:8.0f} articles/s  "
            f"{text_bytes / archive / 1e6:6.2f} MB/s  published {len(report.published):,}"
        )
        for stage, seconds in report.timings.items():
            rate = (
                f"{text_bytes / seconds / 1e6:6.2f} MB/s of text"
                if seconds and stage in ("read", "actors")
                else ""
            )
            print(f"  {stage:<29} {seconds:7.2f} s  {rate}")
        print(f"archive rebuild, nothing new:   {rebuild:7.2f} s")
        print(f"mkdocs build (incl. plugin):    {site:7.2f} s  {size / site:8.0f} pages/s")
        print(
            f"largest HTML page:              {largest[0] / 1024:7.1f} KB ({largest[1].relative_to(root / 'site')})"
        )
        print(f"peak memory of this process:    {peak:7.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    for size in parser.parse_args().sizes:
        bench(size)


if __name__ == "__main__":
    main()
