"""Benchmarks on generated corpora: prints figures and ratios, asserts nothing.

    python bench/run.py --sizes 1000 10000

For each size: the archive build stage by stage (time, text throughput), a rebuild with
nothing new, MkDocs on the generated pages with and without the actor pages (same articles),
the full `mkdocs build` as a user runs it (the plugin first), and the largest HTML page.
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

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402

from build_archive.build import BuildOptions, run_build  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"


def project(target: Path, size: int) -> Path:
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", target / "overrides")
    shutil.copytree(
        REPO / "docs",
        target / "docs",
        ignore=shutil.ignore_patterns("index.md", "articles", "actors", "export"),
    )
    write_corpus(target, size)
    return target


def timed_mkdocs(cwd: Path, config: str = "mkdocs.yml") -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(MKDOCS), "build", "--quiet", "-f", config],
        cwd=cwd,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def bare_config(root: Path, name: str, actor_pages: bool) -> str:
    """mkdocs.yml without the archive plugin (the pages are already generated); without actor
    pages it reads a copy of docs/ that has none, and leaves their indexes out of the nav. Not
    strict, since articles then link to missing pages."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text())
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "archive" in p)]
    config["strict"] = False
    if not actor_pages:
        shutil.copytree(root / "docs", root / "docs-bare", ignore=shutil.ignore_patterns("actors"))
        config["docs_dir"] = "docs-bare"
        config["site_dir"] = "site-bare"
        config["nav"] = [item for item in config["nav"] if "actors/" not in str(item)]
    (root / name).write_text(yaml.safe_dump(config, allow_unicode=True))
    return name


def mkdocs_with_and_without_actors(root: Path, repeat: int) -> tuple[list[float], list[float]]:
    """Both builds in turns, `repeat` times: on a shared or throttled machine one run of each
    can differ by a quarter, and the fastest of a few runs is the steadiest figure."""
    with_config = bare_config(root, "with.yml", actor_pages=True)
    without_config = bare_config(root, "without.yml", actor_pages=False)
    with_actors, without_actors = [], []
    for _ in range(repeat):
        without_actors.append(timed_mkdocs(root, without_config))
        with_actors.append(timed_mkdocs(root, with_config))
    return with_actors, without_actors


def queries(count: int = 120) -> list[dict]:
    """Varied queries over the generated corpus: text, phrases, prefixes, boolean, actors by
    any name, actor combinations, date ranges; every one is faceted."""
    import random

    from corpus import COUNTRIES_EN, COUNTRIES_NL, ORGS, PLACES, people

    rng = random.Random(3)
    persons = people(3000, random.Random(7))[:200]
    words = [
        "gesprekken",
        "defensie",
        "economie",
        "plannen",
        "besluit",
        "talks",
        "economy",
        "protested",
        "overleg",
    ]
    makers = [
        lambda: {"query": rng.choice(words)},
        lambda: {
            "query": f'"{rng.choice(["de gesprekken met", "minister van Buitenlandse Zaken", "the foreign minister"])}"'
        },
        lambda: {"query": rng.choice(["gespr*", "econ*", "defen*", "protest*"])},
        lambda: {"query": f"{rng.choice(words)} AND NOT {rng.choice(words)}"},
        lambda: {"persons": [rng.choice(persons)]},
        lambda: {"countries": [rng.choice(COUNTRIES_NL + COUNTRIES_EN)]},
        lambda: {"persons": [rng.choice(persons)], "countries": [rng.choice(COUNTRIES_NL)]},
        lambda: {"query": rng.choice(words), "organisations": [rng.choice(ORGS)]},
        lambda: {
            "query": rng.choice(words),
            "places": [rng.choice(PLACES)],
            "since": __import__("datetime").date(2018, 1, 1),
        },
    ]
    return [rng.choice(makers)() for _ in range(count)]


def search_figures(root: Path, report) -> None:
    from build_archive.search import search

    index = root / "build" / "index"
    size = sum(p.stat().st_size for p in index.rglob("*") if p.is_file())
    seconds = report.timings.get("index", 0.0)
    print(f"search index (full build):      {seconds:7.2f} s  {len(report.published) / seconds:8.0f} articles/s  "
          f"{size / 1e6:6.1f} MB on disk")  # fmt: skip
    latencies, found = [], 0
    for spec in queries():
        started = time.perf_counter()
        try:
            results = search(index_path=index, limit=20, **spec)
        except Exception as error:  # noqa: BLE001 - a benchmark reports and goes on
            print(f"  query {spec} failed: {error}")
            continue
        latencies.append(time.perf_counter() - started)
        found += bool(results.hits)
    latencies.sort()
    p50, p95 = latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.95)]
    print(f"search queries ({len(latencies)}, faceted):   p50 {p50 * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms  "
          f"(goal p95 < 100 ms at 10k); {found} with results")  # fmt: skip


def bench(size: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp), size)
        options = BuildOptions(
            source=root / "site_src",
            docs=root / "docs",
            report=root / "build/report.json",
            index=root / "build/index",
        )
        text_bytes = sum(p.stat().st_size for p in (root / "site_src" / "articles").iterdir())
        started = time.perf_counter()
        report = run_build(options)
        archive = time.perf_counter() - started
        again = time.perf_counter()
        run_build(options)
        rebuild = time.perf_counter() - again
        actor_pages = sum(1 for _ in (root / "docs" / "actors").rglob("*.md"))
        with_actors, without_actors = mkdocs_with_and_without_actors(root, 3 if size <= 2000 else 1)
        largest = max((p.stat().st_size, p) for p in (root / "site").rglob("*.html"))
        full = timed_mkdocs(root)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        print(f"\n== {size:,} articles ({text_bytes / 1e6:.1f} MB of text), {actor_pages:,} actor pages")
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
        runs = lambda times: ", ".join(f"{t:.2f}" for t in times)  # noqa: E731
        print(f"mkdocs, articles only:          {min(without_actors):7.2f} s  (runs: {runs(without_actors)})")
        print(f"mkdocs, with actor pages:       {min(with_actors):7.2f} s  (runs: {runs(with_actors)})")
        print(
            f"  ratio {min(with_actors) / min(without_actors):.2f} fastest to fastest (goal: at most 1.30), "
            f"{sorted(with_actors)[len(with_actors) // 2] / sorted(without_actors)[len(without_actors) // 2]:.2f} median to median"
        )
        print(f"mkdocs build as run by a user:  {full:7.2f} s  (the archive plugin first)")
        print(
            f"largest HTML page:              {largest[0] / 1024:7.1f} KB "
            f"({largest[1].relative_to(root / 'site')}; goal: under 200 KB)"
        )
        search_figures(root, report)
        print(f"peak memory of this process:    {peak:7.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    for size in parser.parse_args().sizes:
        bench(size)


if __name__ == "__main__":
    main()
