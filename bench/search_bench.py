"""The search's speed: a whole cold `archive search` command, and queries in a process that
searches repeatedly.

    .venv/bin/python bench/search_bench.py --size 20000 [--root DIR] [--runs 5] [--compare CHECKOUT]
        [--rounds 3] [--note TEXT]

Makes (or reuses) a generated archive in DIR (bench/corpus.py, built with `archive build` once;
then each code keeps what it keeps beside the index, the compared code in a copy of its own), then:
- cold: each command below as a user types it, a new process every time, `--runs` times,
  interleaved with the same command run by the code of another checkout (`--compare`, e.g. a
  `git worktree add /tmp/base main`) when given; wall time, min and median;
- repeated: 200 varied queries (words, phrases, actors of every rank, dates, facets) in one
  process after one warm-up query; p50 and p95. `--rounds` processes, each followed by one with
  the code of `--compare` when given (a busy machine slows a whole round, not one code); the
  figures of each round, and their median.
The figures go to bench/results/<date>-<commit>-search.json and bench/RESULTS.md is regenerated.
The actors queried are the archive's own (its actors.json, by number of articles), so the script
holds for any corpus. Prints the load average with the figures: the machine may be shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

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
    if other:
        shutil.rmtree(root / "build" / COMPARED, ignore_errors=True)
        shutil.copytree(index, root / "build" / COMPARED, copy_function=os.link)
        keep(root / "build" / COMPARED, other)


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


def cold(root: Path, args: list[str], other: Path | None) -> float:
    command = [sys.executable, "-c", OTHER, str(other)] if other else [str(BIN / "archive")]
    index = ["--index", str(Path("build") / COMPARED)] if other else []
    started = time.perf_counter()
    subprocess.run([*command, "search", *args, *index], cwd=root, check=True, capture_output=True)
    return time.perf_counter() - started


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


def repeated_in_process(root: Path, other: Path | None) -> dict:
    """The 200 queries in a new process, with this checkout's code or `other`'s; p50, p95 and the
    slowest in ms."""
    code = (
        "import sys, json; other = sys.argv[2]; "
        "sys.meta_path = [f for f in sys.meta_path if 'editable' not in repr(f)] if other else sys.meta_path; "
        "sys.path.insert(0, other) if other else None; sys.path.insert(0, sys.argv[3]); "
        "from pathlib import Path; from search_bench import queries, ranked, repeated; "
        "root = Path(sys.argv[1]); "
        "print(json.dumps(repeated(root, queries(ranked(root)), sys.argv[4] if other else 'index')))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(root), str(other or ""), str(HERE), COMPARED],
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
    parser.add_argument("--note", default="", help="what else ran on the machine, for the record")
    args = parser.parse_args()
    root = (args.root or Path(f"/tmp/search-bench-{args.size}")).resolve()
    compared = args.compare.resolve() if args.compare else None
    prepare(root, args.size, compared)
    by_type = ranked(root)
    articles = json.loads((root / "build" / "report.json").read_text())["published"]
    print(f"{articles} articles, {sum(map(len, by_type.values()))} actors; load {load()}")
    started = dt.datetime.now(dt.UTC)
    other_name = compared.name if compared else ""
    record = new_record(started, args.note, "search", articles=articles, actors=sum(map(len, by_type.values())),
                        compared=str(compared) if compared else None, cold=[], repeated=[])  # fmt: skip
    for spec in [] if args.repeated_only else commands(by_type):
        times: dict[str, list[float]] = {"now": [], "compared": []}
        for _ in range(args.runs):
            times["now"].append(cold(root, spec, None))
            if compared:
                times["compared"].append(cold(root, spec, compared))
        record["cold"].append({"args": spec, **times, "load": os.getloadavg()[0]})
        line = f"archive search {' '.join(spec)!s:60}  min {min(times['now']):.2f} s  median " \
               f"{statistics.median(times['now']):.2f} s"  # fmt: skip
        if compared:
            line += f"   {other_name}: min {min(times['compared']):.2f} s  median " \
                    f"{statistics.median(times['compared']):.2f} s"  # fmt: skip
        print(f"{line}  (load {load()})")
    if not args.cold_only:
        for number in range(args.rounds):
            now = repeated_in_process(root, None)
            other = repeated_in_process(root, compared) if compared else None
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
