"""The scale model: each stage's cost per article and each process's memory, as bench/run.py
measured them at two sizes (the engines step, `--engine dask`), projected to 1M and 10M articles
on N workers. bench/results_md.py puts it into bench/RESULTS.md from bench/results/*.json each
time it renders; by hand, for other sizes or worker counts:

    python bench/scale_model.py [--sizes 1000000 10000000] [--workers 2 8 32]

How each stage grows (`STAGES`):
- `once`: the same at any size (loading the lists and the language model).
- `map`: per file, on the engine's workers: its worker-seconds per article at the larger size,
  times the articles, divided by the workers. The building process only receives the results.
- `reduce`: the archive-wide resolution, in the building process, which holds every article.
- `serial`: one at a time in the building process: the pages, exports and feeds (independent per
  article, actor and month; with `--engine dask` the actor pages, listings and feeds are made on
  the workers, but every file is still written there, and the stage is counted whole as serial),
  the cache file, the old generation removed.
- `machine`: the Whoosh index, written in parts by the building machine's processes and combined
  there: no more workers make it faster.
`reduce`, `serial` and `machine` grow as their measured exponent between the two sizes says,
never slower than the articles (an exponent below 1 between two sizes is fixed cost that the
larger size hides), whatever N.
Beside the archive build, from the other records: MkDocs renders every page in one process
(`site` runs, the fair bare build: seconds per page), and Pagefind indexes shards of
`pagefind_shard_size` articles, a process per shard, at most one per core of the building
machine (`pagefind` runs: seconds per article in one process, and the memory of one process
per article of its shard); `build_shard` is what an engine would map over N workers, which it
does not yet.

Memory is fitted per process role as a line through the two sizes' peaks (`a + b·n`): the
building process (every article and its actors), a worker (the lists, the language model and
one partition, which `MAX_PART` bounds), the index writer forked by the build, and the whole
process tree of the building machine.

A model, not a measurement: two points per stage, each measured on a shared 2-core machine at
the load average its run gives, so every projection carries the load of its inputs.
"""

from __future__ import annotations

import argparse
import json
import math
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SIZES = (1_000_000, 10_000_000)
WORKERS = (2, 8, 32)
SHARD = 10_000  # pagefind_shard_size's default (settings.py)
GB = 1000.0  # MB

STAGES = {
    "lists": ("once", "lists and language model loaded"),
    "read and actors": ("map", "per file, on the workers"),
    "resolve": ("reduce", "archive-wide resolution, building process"),
    "pages": ("serial", "pages, exports, feeds, building process"),
    "cluster": ("once", "the LocalCluster closed after the pages"),
    "cache": ("serial", "the cache file, building process"),
    "index": ("machine", "Whoosh parts on the building machine, combined"),
    "cleaning": ("serial", "the previous generation removed"),
}


@dataclass(frozen=True)
class Point:
    """One engine's build at one size: its stages' wall times and its processes' peaks."""

    size: int
    workers: int
    load: float
    stages: dict[str, float]
    peaks: dict[str, float]  # by role: the largest process of the role
    tree_mb: float  # resident memory (RSS) summed over the tree
    tree_pss_mb: float | None  # proportional memory (PSS) summed: shared pages counted once
    date: str
    cores: int  # of the machine that measured it: the building machine's


@dataclass(frozen=True)
class Stage:
    name: str
    kind: str
    what: str
    small: tuple[int, float]  # articles, seconds
    large: tuple[int, float]
    workers: int  # of the larger measurement

    @property
    def exponent(self) -> float:
        (n1, t1), (n2, t2) = self.small, self.large
        if min(t1, t2) <= 0 or n1 == n2:
            return 1.0
        return math.log(t2 / t1) / math.log(n2 / n1)

    def per_article_ms(self, at: tuple[int, float], workers: int = 1) -> float:
        return at[1] * workers / at[0] * 1000

    def seconds(self, n: int, workers: int) -> float:
        size, took = self.large
        if self.kind == "once":
            return max(self.small[1], took)
        if self.kind == "map":
            return took * self.workers / size * n / workers
        return took * (n / size) ** max(1.0, self.exponent)


def _role(name: str) -> str:
    return name.rsplit(" ", 1)[0]


def points(records: list[dict], engine: str = "dask") -> list[Point]:
    """Every measured size of the engine: the largest size's newest run, and each smaller
    size's newest run made before it. A smaller size measured later waits for the largest to be
    measured again: a model fitted through a newer version of the code at one size and an older
    one at the other would read a change of the code as a change of size."""
    runs: list[Point] = []
    for record in sorted(records, key=lambda r: r["date"]):
        for size in record.get("sizes", []):
            run = size.get("engines", {}).get("runs", {}).get(engine)
            if not run:
                continue
            peaks: dict[str, float] = {}
            for name, mb in run["peak_mb"].items():
                peaks[_role(name)] = max(peaks.get(_role(name), 0.0), mb)
            runs.append(Point(
                size["size"], size["engines"]["workers"], run["load_before"], dict(run["stages"]),
                peaks, run["tree_peak_mb"], run.get("tree_peak_pss_mb"), record["date"],
                record["machine"]["cores"],
            ))  # fmt: skip
    if not runs:
        return []
    largest = max(point.size for point in runs)
    until = max(point.date for point in runs if point.size == largest)
    found = {point.size: point for point in runs if point.date <= until}
    return [found[n] for n in sorted(found)]


def stages(small: Point, large: Point) -> list[Stage]:
    names = [s for s in large.stages if s in small.stages]
    return [
        Stage(s, *STAGES.get(s, ("reduce", "")), (small.size, small.stages[s]), (large.size, large.stages[s]),
              large.workers)
        for s in names
    ]  # fmt: skip


def memory(small: Point, large: Point, n: int, workers: int) -> dict[str, float]:
    """Each role's peak at n articles on the line through the two measured peaks (at least the
    larger one: a peak does not shrink with the archive); a worker's against the articles each
    worker read (n / workers), the building machine's processes' against the archive's."""
    out = {}
    for role in large.peaks:
        if role not in small.peaks or role == "resource tracker":
            continue
        a, b = small.peaks[role], large.peaks[role]
        if role == "worker":
            x1, x2, x = small.size / small.workers, large.size / large.workers, n / workers
        else:
            x1, x2, x = small.size, large.size, n
        out[role] = max(b, b + (b - a) / (x2 - x1) * (x - x2))
    a, b, _ = trees(small, large)
    slope = (b - a) / (large.size - small.size)
    out["tree"] = max(b, b + slope * (n - large.size))
    return out


def trees(small: Point, large: Point) -> tuple[float, float, str]:
    """The whole tree's peaks at the two sizes, and how they were summed: PSS when both runs
    sampled it (the forked index writer shares most of the building process's pages, which the
    RSS sum counts twice), else RSS; never one of each, which would read the change of measure as
    growth."""
    if small.tree_pss_mb is not None and large.tree_pss_mb is not None:
        return small.tree_pss_mb, large.tree_pss_mb, "PSS summed"
    return small.tree_mb, large.tree_mb, "RSS summed"


@dataclass(frozen=True)
class Beside:
    """What the site build adds to the archive build, from the other records."""

    mkdocs_ms: float | None  # seconds per page, one process (the fair bare build)
    mkdocs_from: str
    pagefind_ms: float | None  # seconds per article in one Pagefind process
    pagefind_mb_per_article: float | None  # one process's peak per article of its shard
    pagefind_from: str


def beside(records: list[dict]) -> Beside:
    """MkDocs per page from the fair bare build on the least busy machine (the latest of equals),
    Pagefind per article from the latest `pagefind_bench.py` record."""
    mkdocs, mkdocs_from, mkdocs_load = None, "", None
    pagefind, pagefind_mb, pagefind_from = None, None, ""
    for record in sorted(records, key=lambda r: r["date"]):
        if record.get("kind") == "pagefind":
            one = max(record["runs"], key=lambda r: record["size"] / r["shards"])  # the largest shards
            shard = record["size"] / one["shards"]
            pagefind = one["seconds"] * min(record["jobs"], one["shards"]) / record["size"] * 1000
            pagefind_mb = one["peak_process_mb"] / shard
            pagefind_from = (
                f"`pagefind_bench.py` of {record['date']} at {record['size']:,} articles, shards of "
                f"{shard:,.0f} (load {one['load_before']:.1f})"
            )
            continue
        for size in record.get("sizes", []):
            site = size.get("site")
            # The least busy machine's: a bare build beside other work is slower by as much as
            # the load, which says nothing of MkDocs.
            if site and (mkdocs_load is None or site["bare"]["load_before"] <= mkdocs_load):
                bare = site["bare"]
                mkdocs_load = bare["load_before"]
                mkdocs = bare["seconds"] / site["published"] * 1000
                mkdocs_from = (
                    f"the fair bare build of {record['date']} at {site['published']:,} pages "
                    f"(load {bare['load_before']:.1f})"
                )
    return Beside(mkdocs, mkdocs_from, pagefind, pagefind_mb, pagefind_from)


def _time(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 72 * 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def _mb(mb: float) -> str:
    return f"{mb / GB:.1f} GB" if mb >= GB else f"{mb:.0f} MB"


@dataclass(frozen=True)
class Projection:
    size: int
    workers: int
    stages: dict[str, float]
    archive: float  # the archive build
    site: float | None  # raw text to site/: before the index, then MkDocs beside the index, Pagefind
    memory: dict[str, float]
    pagefind_mb: float | None


def _pagefind(ms: float, n: int, cores: int) -> float:
    """Pagefind's shards, at most one process per core of the building machine at once."""
    return ms / 1000 * n / min(cores, max(1, round(n / SHARD)))


def project(small: Point, large: Point, extra: Beside, n: int, workers: int) -> Projection:
    per = {s.name: s.seconds(n, workers) for s in stages(small, large)}
    archive = sum(per.values())
    site = None
    if extra.mkdocs_ms is not None and extra.pagefind_ms is not None:
        before = sum(v for k, v in per.items() if k not in ("index", "cleaning"))
        pagefind = _pagefind(extra.pagefind_ms, n, large.cores)
        site = before + max(extra.mkdocs_ms / 1000 * n, per.get("index", 0.0)) + pagefind
    pagefind_mb = extra.pagefind_mb_per_article * min(n, SHARD) if extra.pagefind_mb_per_article else None
    return Projection(n, workers, per, archive, site, memory(small, large, n, workers), pagefind_mb)


def section(records: list[dict], sizes: tuple[int, ...] = SIZES, workers: tuple[int, ...] = WORKERS) -> str:
    """The model as a section of bench/RESULTS.md; empty until two sizes of the Dask engine are
    measured."""
    measured = points(records)
    if len(measured) < 2:
        return ""
    small, large = measured[0], measured[-1]
    extra = beside(records)
    model = stages(small, large)
    out = [
        f"## Scale model: {' and '.join(f'{n:,}' for n in sizes)} articles on N workers",
        "",
        f"`bench/scale_model.py`, from the engines step (`bench/run.py --engine dask`, a LocalCluster of "
        f"{large.workers} workers on this 2-core machine) at {small.size:,} articles ({small.date}, load "
        f"{small.load:.1f}) and {large.size:,} ({large.date}, load {large.load:.1f}). The stages' times are "
        "wall times at those loads: on a machine of its own each would be shorter, so the projections are "
        "of a machine as busy as the measured one. `map` stages run on the workers (their worker-seconds "
        "per article at the larger size, divided by N); `reduce` (the archive-wide resolution) and "
        "`serial` stages run in the building process, `machine` (the Whoosh index) in processes of the "
        "building machine, and all three grow by the exponent measured between the two sizes, at least "
        "linearly, whatever N; `once` is the same at any size.",
        "",
        f"| stage | kind | what | {small.size:,} | {large.size:,} | per article at {large.size:,} | exponent | "
        + " | ".join(f"{n:,} on {w}" for n in sizes for w in workers)
        + " |",
        "|---|---|---|---|---|---|---|" + "---|" * (len(sizes) * len(workers)),
    ]
    projections = {(n, w): project(small, large, extra, n, w) for n in sizes for w in workers}
    for stage in model:
        per = stage.per_article_ms(stage.large, stage.workers if stage.kind == "map" else 1)
        unit = "worker-ms" if stage.kind == "map" else "ms"
        out.append(
            f"| {stage.name} | {stage.kind} | {stage.what} | {stage.small[1]:.1f} s | {stage.large[1]:.1f} s | "
            f"{per:.2f} {unit} | {stage.exponent:.2f} | "
            + " | ".join(_time(projections[n, w].stages[stage.name]) for n in sizes for w in workers)
            + " |"
        )
    total_small, total_large = sum(small.stages.values()), sum(large.stages.values())
    out.append(
        f"| **archive build** | | | {total_small:.0f} s | {total_large:.0f} s | | | "
        + " | ".join(f"**{_time(projections[n, w].archive)}**" for n in sizes for w in workers)
        + " |"
    )
    if extra.mkdocs_ms is not None and extra.pagefind_ms is not None:
        out.append(
            f"| MkDocs | serial | every page rendered, one process | | | {extra.mkdocs_ms:.1f} ms | 1 | "
            + " | ".join(_time(extra.mkdocs_ms / 1000 * n) for n in sizes for w in workers)
            + " |"
        )
        out.append(
            f"| Pagefind | machine | shards of {SHARD:,}, one process per core of the building machine "
            f"({large.cores}) | | | {extra.pagefind_ms:.1f} ms | 1 | "
            + " | ".join(_time(_pagefind(extra.pagefind_ms, n, large.cores)) for n in sizes for w in workers)
            + " |"
        )
        out.append(
            "| **raw text to `site/`** | | before the index, then MkDocs beside the index, then Pagefind | | | | | "
            + " | ".join(f"**{_time(projections[n, w].site or 0.0)}**" for n in sizes for w in workers)
            + " |"
        )
    small_tree, large_tree, tree_kind = trees(small, large)
    out += [
        "",
        "Memory: each process's peak, fitted as a line through the two sizes (at least the larger "
        "peak): the building machine's processes against the archive's articles, a worker's against "
        "the articles it read (the archive's over N; its partitions are bounded, so what grows is "
        "what it keeps between them). Measured by full builds (`--full`): in a later build each worker "
        "also loads the archive's cache, which grows with the archive. Each process's resident memory "
        "(RSS), sampled by `bench/run.py`: the index writer is forked from the building process, so "
        "the pages they still share are counted in both. The whole tree (the build, its index writer "
        "and, on this machine, its workers) is "
        + (
            "the sum of the processes' proportional memory (PSS), which counts a shared page once."
            if tree_kind == "PSS summed"
            else "their RSS summed, shared pages counted in each (the runs did not sample PSS)."
        ),
        "",
        f"| process | {small.size:,} | {large.size:,} | per 1,000 articles (a worker: it read) | "
        + " | ".join(f"{n:,}" for n in sizes)
        + " |",
        "|---|---|---|---|" + "---|" * len(sizes),
    ]
    roles = [
        r
        for r in sorted(large.peaks, key=lambda r: -large.peaks[r])
        if r in small.peaks and r != "resource tracker"
    ]
    for role in [*roles, "tree"]:
        a = small_tree if role == "tree" else small.peaks[role]
        b = large_tree if role == "tree" else large.peaks[role]
        per = (
            (large.size / large.workers - small.size / small.workers)
            if role == "worker"
            else large.size - small.size
        )
        slope = (b - a) / per * 1000
        label = {"build": "building process", "child": "forked by the build (the index writer)",
                 "tree": f"whole tree (this machine, {tree_kind})"}.get(role, role)  # fmt: skip
        for w in workers if role == "worker" else workers[:1]:
            out.append(
                f"| {f'a worker, N = {w}' if role == 'worker' else label} | {_mb(a)} | {_mb(b)} | {slope:+.1f} MB | "
                + " | ".join(_mb(projections[n, w].memory[role]) for n in sizes)
                + " |"
            )
    if extra.pagefind_mb_per_article:
        out.append(
            f"| a Pagefind process (shards of {SHARD:,}) | | | | "
            + " | ".join(_mb(projections[n, workers[0]].pagefind_mb or 0.0) for n in sizes)
            + " |"
        )
    if extra.mkdocs_ms is not None:
        out += ["", f"MkDocs from {extra.mkdocs_from}; Pagefind from {extra.pagefind_from}."]
    build = {n: projections[n, workers[0]].memory.get("build", 0.0) for n in sizes}
    later = sorted(
        {
            f"{size['size']:,} articles ({record['date']}, commit {record['commit']})"
            for record in records
            if record["date"] > large.date
            for size in record.get("sizes", [])
            if size.get("engines", {}).get("runs", {}).get("dask")
        }
    )
    if later:
        out += [
            "",
            "Not in the model: the newer runs at " + "; ".join(later) + ", of code the largest size has "
            "not been measured with yet (their figures are in their own sections below).",
        ]
    out += [
        "",
        "What it says: only the map stage shrinks with N. The building process holds every article "
        "for the reduce step and makes every page; it would need about "
        + " and ".join(f"{_mb(mb)} at {n:,} articles" for n, mb in build.items())
        + ", and with MkDocs in one process the site's time grows with the archive whatever N. Past "
        "a million articles the next steps are the article pages and exports mapped on the workers as "
        "the actor pages, listings and feeds are (and the files written there), Pagefind's shards mapped on them too (`build_shard`), the reduce step on data that is not held "
        "in one process (the articles' actors streamed or kept on disk), MkDocs split per year, and a "
        "search server instead of one Whoosh index.",
        "",
    ]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--workers", type=int, nargs="+", default=list(WORKERS))
    args = parser.parse_args()
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((BENCH / "results").glob("*.json"))]
    print(
        section(records, tuple(args.sizes), tuple(args.workers))
        or "not enough measured: two sizes of --engine dask"
    )


if __name__ == "__main__":
    main()
