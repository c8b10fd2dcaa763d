"""The Whoosh index of a whole archive, written three ways: in one process, over the local
build's pool (forked processes, `update_index(full=True, processes=2)`), and as parts written by
spawned worker processes and combined (`write_part` in each, `combine` once), as a distributed
engine would. Asserts nothing; prints wall time and the peak memory of the largest process.

    .venv/bin/python bench/index_bench.py --size 10000 [--root DIR] [--workers 2] [--compare CHECKOUT]

Makes (or reuses) a generated archive in DIR (bench/corpus.py), reads and resolves it once and
keeps the articles and actors in DIR/resolved.pickle; each way then runs in a process of its own.
`--compare` also times `update_index` of another checkout (e.g. main, before parts) on the same
articles, interleaved. Prints the load average: the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

# One way of writing the index, in a process of its own: argv = way, pickle, index folder, workers.
RUN = """
import pickle, resource, sys, time
from pathlib import Path
way, resolved, target, workers = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
articles, actors = pickle.loads(resolved.read_bytes())
started = time.perf_counter()
if way == "parts":
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from build_archive.search.parts import combine, write_part
    bounds = [len(articles) * i // workers for i in range(workers + 1)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(write_part, articles[bounds[i]:bounds[i + 1]], actors, target.parent / f"part-{i}")
                   for i in range(workers)]
        parts = [future.result() for future in futures]
    combine(parts, target, actors)
else:
    from build_archive.search.index import update_index
    update_index(target, articles, actors, full=True, processes=1 if way == "one" else 2)
seconds = time.perf_counter() - started
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(f"{seconds:.2f} {peak / 1024:.0f}")
"""
# Another checkout's code, with this environment's packages (its editable install points here).
OTHER = "import sys; sys.meta_path = [f for f in sys.meta_path if 'editable' not in repr(f)]; sys.path.insert(0, {!r})\n"


def prepare(root: Path, size: int) -> Path:
    resolved = root / "resolved.pickle"
    if not resolved.is_file():
        from corpus import write_corpus

        from build_archive.build import BuildOptions, Stopwatch, read_and_resolve

        if not (root / "site_src" / "articles").is_dir():
            write_corpus(root, size)
        options = BuildOptions(
            source=root / "site_src", docs=root / "docs", report=root / "report.json", index=root / "index"
        )
        archive = read_and_resolve(options, Stopwatch())
        resolved.write_bytes(pickle.dumps((archive.report.published, archive.actors)))
    return resolved


class Timing(NamedTuple):
    seconds: float
    peak_mb: float  # of the largest process


def run(code: str, way: str, resolved: Path, target: Path, workers: int) -> Timing:
    shutil.rmtree(target.parent, ignore_errors=True)
    target.parent.mkdir(parents=True)
    result = subprocess.run(
        [sys.executable, "-c", code, way, str(resolved), str(target), str(workers)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    seconds, peak = result.stdout.split()
    shutil.rmtree(target.parent)
    return Timing(float(seconds), float(peak))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--root", type=Path, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--compare", type=Path, default=None, help="a checkout of other code to run beside")
    args = parser.parse_args()
    root = args.root or Path(f"/tmp/index-bench-{args.size}")
    resolved = prepare(root, args.size)
    articles = len(pickle.loads(resolved.read_bytes())[0])
    print(f"{articles:,} articles (bench/corpus.py, {args.size:,} asked), {os.cpu_count()} cores")
    ways = [("one process", RUN, "one"), ("local pool, 2 processes", RUN, "pool"),
            (f"{args.workers} spawned workers' parts, combined", RUN, "parts")]  # fmt: skip
    if args.compare:
        other = OTHER.format(str(args.compare.resolve()))
        ways += [(f"{args.compare.name}: one process", other + RUN, "one"),
                 (f"{args.compare.name}: 2 processes", other + RUN, "pool")]  # fmt: skip
    for turn in range(args.runs):
        for name, code, way in ways:
            load = os.getloadavg()[0]
            took = run(code, way, resolved, root / "work" / "index", args.workers)
            print(
                f"run {turn + 1}  {name:<40} {took.seconds:7.1f} s  peak {took.peak_mb:6.0f} MB  (load {load:.1f})"
            )


if __name__ == "__main__":
    main()
