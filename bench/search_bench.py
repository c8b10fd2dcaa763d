"""The search's speed: a whole cold `archive search` command, and queries in a process that
searches repeatedly.

    .venv/bin/python bench/search_bench.py --size 20000 [--root DIR] [--runs 5] [--compare CHECKOUT]
        [--rounds 3] [--stand-in 5] [--note TEXT]

Makes (or reuses) a generated archive in DIR (bench/corpus.py, built with `archive build` once;
then each code keeps what it keeps beside the index, the compared code in a copy of its own), then:
- cold: each command below as a user types it, a new process every time, `--runs` times,
  interleaved with the same command run by the code of another checkout (`--compare`, e.g. a
  `git worktree add /tmp/base main`) when given; wall time (min, median, mean and standard
  deviation, as hyperfine gives them) and the processor time of the command's process. Each
  code's modules are compiled to bytecode first, as a user's install has them (an environment
  with PYTHONDONTWRITEBYTECODE would otherwise compile them from source in every process);
- repeated: 200 varied queries (words, phrases, actors of every rank, dates, facets) in one
  process after one warm-up query; p50 and p95. `--rounds` processes, each followed by one with
  the code of `--compare` when given (a busy machine slows a whole round, not one code); the
  figures of each round, and their median.
`--stand-in N`: the repeated queries on an index of N times the archive's documents, its segments
listed N times in one table of contents (every posting list N times as long, the same actors): a
larger archive's postings without building one.
The figures go to bench/results/<date>-<commit>-search.json and bench/RESULTS.md is regenerated.
The actors queried are the archive's own (its actors.json, by number of articles), so the script
holds for any corpus. Prints the load average with the figures: the machine may be shared.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import write_corpus  # noqa: E402
from run import new_record, save_record  # noqa: E402

BIN = Path(sys.executable).parent
WORDS = ["gesprekken", "economie", "defence", "regering", "talks", "minister", "sancties", "protest*",
         '"meer geld"', "besluit OR decision", "plannen AND NOT regering"]  # fmt: skip
# Another checkout's code, run with this environment's packages (its editable install points here).
OTHER = (
    "import sys; sys.meta_path = [f for f in sys.meta_path if 'editable' not in repr(f)]; "
    "sys.path.insert(0, sys.argv.pop(1)); from build_archive.cli import main; sys.exit(main(sys.argv[1:]))"
)


COMPARED = "index-compared"  # beside build/index: the same index with what the compared code keeps


def prepare(root: Path, size: int, other: Path | None) -> None:
    """The archive built once; then what each code keeps beside the index (its tables, its
    arrays), by that code: a build would analyse every article again whenever the code changed
    (its cache is keyed by the code). The compared code gets a copy of the index of its own
    (hard links: an index's files are never rewritten), so that each reads what it kept."""
    if not (root / "site_src" / "articles").is_dir():
        write_corpus(root, size)
    index = root / "build" / "index"
    if not index.is_dir():
        subprocess.run([str(BIN / "archive"), "build"], cwd=root, check=True, capture_output=True)
    keep(index, None)
    compileall.compile_dir(HERE.parent / "build_archive", quiet=1)
    if other:
        shutil.rmtree(root / "build" / COMPARED, ignore_errors=True)
        shutil.copytree(index, root / "build" / COMPARED, copy_function=os.link)
        keep(root / "build" / COMPARED, other)
        compileall.compile_dir(other / "build_archive", quiet=1)


STAND_IN = "index-stand-in"  # beside build/index


def stand_in(root: Path, times: int, other: Path | None) -> None:
    """build/index's segments listed `times` times in one new table of contents, in a folder of
    hard links to its files; then what each code keeps beside it (for the compared code, in a
    copy of its own)."""
    code = (
        "import sys, os, shutil; from pathlib import Path; "
        "from whoosh.filedb.filestore import FileStorage; from whoosh.index import TOC; "
        "index, target, times = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]); "
        "shutil.rmtree(target, ignore_errors=True); target.mkdir(); "
        "[os.link(f, target / f.name) for f in index.iterdir() if f.suffix == '.seg' or f.name == 'actors.json']; "
        "ix = FileStorage(str(index)).open_index(); "
        "TOC(ix.schema, ix._segments() * times, 1).write(FileStorage(str(target)), ix.indexname)"
    )
    for folder, code_of in ((STAND_IN, None), (STAND_IN + "-compared", other)):
        if folder.endswith("compared") and not other:
            continue
        target = root / "build" / folder
        subprocess.run([sys.executable, "-c", code, str(root / "build" / "index"), str(target), str(times)],
                       check=True)  # fmt: skip
        keep(target, code_of)


def keep(index: Path, other: Path | None) -> None:
    code = (
        "import sys; other = sys.argv[2]; "
        "sys.meta_path = [f for f in sys.meta_path if 'editable' not in repr(f)] if other else sys.meta_path; "
        "sys.path.insert(0, other) if other else None; "
        "from pathlib import Path; from build_archive.search.query import keep_tables; keep_tables(Path(sys.argv[1]))"
    )
    subprocess.run([sys.executable, "-c", code, str(index), str(other or "")], check=True)


def ranked(root: Path) -> dict[str, list[str]]:
    actors = json.loads((root / "build" / "index" / "actors.json").read_text(encoding="utf-8"))
    export = json.loads((root / "docs" / "export" / "actors.json").read_text(encoding="utf-8"))
    articles = {a["id"]: a["articles"] for a in export}
    by_type: dict[str, list[str]] = {}
    for actor in sorted(actors, key=lambda a: -articles.get(a["id"], 0)):
        by_type.setdefault(actor["type"], []).append(actor["name"])
    return by_type


def commands(by_type: dict[str, list[str]]) -> list[list[str]]:
    persons, countries = by_type["person"], by_type["country"]
    middle = persons[len(persons) // 10]
    return [
        ["--person", persons[0]],
        ["--person", middle],
        ["--person", persons[-1]],
        ["gesprekken", "--country", countries[0]],
        ["talks", "--person", middle, "--country", countries[len(countries) // 2]],
        ["economie"],
    ]


class Run(NamedTuple):
    wall: float  # seconds
    processor: float  # seconds of the command's process, user and system


def cold(root: Path, args: list[str], other: Path | None) -> Run:
    command = [sys.executable, "-c", OTHER, str(other)] if other else [str(BIN / "archive")]
    index = ["--index", str(Path("build") / COMPARED)] if other else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([*command, "search", *args, *index], cwd=root, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Run(wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)


def spread(runs: list[Run]) -> str:
    """As hyperfine tells a command's times: median, mean ± standard deviation, min … max."""
    walls = [run.wall * 1000 for run in runs]
    deviation = statistics.stdev(walls) if len(walls) > 1 else 0.0
    return (
        f"median {statistics.median(walls):.0f} ms, {statistics.mean(walls):.0f} ± {deviation:.0f} ms, "
        f"{min(walls):.0f} … {max(walls):.0f} ms; processor {statistics.median(r.processor for r in runs) * 1000:.0f} ms"
    )


def queries(by_type: dict[str, list[str]], count: int = 200) -> list[dict]:
    rng = random.Random(5)
    pick = lambda names: names[min(int(rng.paretovariate(0.6)) - 1, len(names) - 1)]  # noqa: E731
    made = []
    for number in range(count):
        spec: dict = {}
        if number % 3 != 2:
            spec["query"] = rng.choice(WORDS)
        if number % 2 == 0:
            spec["persons"] = [pick(by_type["person"])]
        if number % 3 == 0 and "country" in by_type:
            spec["countries"] = [pick(by_type["country"])]
        if number % 5 == 0 and "organisation" in by_type:
            spec["organisations"] = [pick(by_type["organisation"])]
        if number % 7 == 0:
            spec["since"] = dt.date(2015 + number % 8, 1, 1)
        made.append(spec or {"query": "minister"})
    return made


def repeated(root: Path, specs: list[dict], index_name: str = "index") -> list[float]:
    from build_archive.search.query import search

    index = root / "build" / index_name
    search(index_path=index, query="minister")  # opens the index and its tables once
    latencies = []
    for spec in specs:
        started = time.perf_counter()
        search(index_path=index, limit=20, **spec)
        latencies.append(time.perf_counter() - started)
    return latencies


def repeated_in_process(root: Path, other: Path | None, on_stand_in: bool = False) -> dict:
    """The 200 queries in a new process, with this checkout's code or `other`'s (on the stand-in
    index when asked); p50, p95 and the slowest in ms."""
    code = (
        "import sys, json; other = sys.argv[2]; "
        "sys.meta_path = [f for f in sys.meta_path if 'editable' not in repr(f)] if other else sys.meta_path; "
        "sys.path.insert(0, other) if other else None; sys.path.insert(0, sys.argv[3]); "
        "from pathlib import Path; from search_bench import queries, ranked, repeated; "
        "root = Path(sys.argv[1]); "
        "print(json.dumps(repeated(root, queries(ranked(root)), sys.argv[4])))"
    )
    index = (STAND_IN if on_stand_in else "index") + ("-compared" if other and on_stand_in else "")
    index = COMPARED if other and not on_stand_in else index
    done = subprocess.run([sys.executable, "-c", code, str(root), str(other or ""), str(HERE), index],
                          check=True, capture_output=True, text=True)  # fmt: skip
    latencies = sorted(json.loads(done.stdout))
    return {
        "p50_ms": latencies[len(latencies) // 2] * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95)] * 1000,
        "max_ms": latencies[-1] * 1000,
        "load": os.getloadavg()[0],
    }


def load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=20000)
    parser.add_argument("--root", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--rounds", type=int, default=3, help="processes of the 200 repeated queries, per code"
    )
    parser.add_argument("--compare", type=Path, default=None, help="a checkout of other code to run beside")
    parser.add_argument("--cold-only", action="store_true")
    parser.add_argument("--repeated-only", action="store_true")
    parser.add_argument("--stand-in", type=int, default=0, help="the repeated queries on N times the index")
    parser.add_argument("--note", default="", help="what else ran on the machine, for the record")
    args = parser.parse_args()
    root = (args.root or Path(f"/tmp/search-bench-{args.size}")).resolve()
    compared = args.compare.resolve() if args.compare else None
    prepare(root, args.size, compared)
    if args.stand_in:
        stand_in(root, args.stand_in, compared)
    by_type = ranked(root)
    articles = json.loads((root / "build" / "report.json").read_text())["published"]
    print(f"{articles} articles, {sum(map(len, by_type.values()))} actors; load {load()}")
    started = dt.datetime.now(dt.UTC)
    other_name = compared.name if compared else ""
    record = new_record(started, args.note, "search", articles=articles, actors=sum(map(len, by_type.values())),
                        compared=str(compared) if compared else None, cold=[], repeated=[],
                        stand_in=args.stand_in or None)  # fmt: skip
    for spec in [] if args.repeated_only else commands(by_type):
        runs: dict[str, list[Run]] = {"now": [], "compared": []}
        for _ in range(args.runs):
            runs["now"].append(cold(root, spec, None))
            if compared:
                runs["compared"].append(cold(root, spec, compared))
        record["cold"].append({
            "args": spec, "load": os.getloadavg()[0],
            **{code: [run.wall for run in done] for code, done in runs.items()},
            **{f"{code}_processor": [run.processor for run in done] for code, done in runs.items()},
        })  # fmt: skip
        line = f"archive search {' '.join(spec)}: {spread(runs['now'])}"
        if compared:
            line += f"\n   {other_name}: {spread(runs['compared'])}"
        print(f"{line}  (load {load()})")
    if not args.cold_only:
        for number in range(args.rounds):
            now = repeated_in_process(root, None, bool(args.stand_in))
            other = repeated_in_process(root, compared, bool(args.stand_in)) if compared else None
            record["repeated"].append({"now": now, "compared": other})
            line = f"repeated, round {number + 1} (200 queries, one process): p50 {now['p50_ms']:.1f} ms  " \
                   f"p95 {now['p95_ms']:.1f} ms  max {now['max_ms']:.1f} ms"  # fmt: skip
            if other:
                line += f"   {other_name}: p50 {other['p50_ms']:.1f} ms  p95 {other['p95_ms']:.1f} ms  " \
                        f"max {other['max_ms']:.1f} ms"  # fmt: skip
            print(f"{line}  (load {load()})")
    save_record(record, started, "-search")


if __name__ == "__main__":
    main()
