"""Benchmarks on generated corpora: prints figures and ratios, asserts nothing.

    python bench/run.py --sizes 1000 10000 [100000]

For each size, every step in its own process (time and peak memory of that process): the
archive build from raw text, stage by stage; a rebuild with nothing new; adding one article to
the built archive; a bare `mkdocs build` of the generated pages with and without the actor
pages; the whole build from raw text to site/ as a user runs it (`mkdocs build`, the plugin
first) against the bare `mkdocs build` of the same pages; the largest HTML page; the search
index and 120 faceted queries.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"
ARCHIVE = Path(sys.executable).parent / "archive"


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


def measured(command: list[str], cwd: Path) -> tuple[float, float]:
    """Seconds and peak memory (MB) of one command, in its own process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{command} failed with {process.returncode} in {cwd}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def timed_mkdocs(cwd: Path, config: str = "mkdocs.yml") -> float:
    return measured([str(MKDOCS), "build", "--quiet", "-f", config], cwd)[0]


def archive_build(root: Path, *args: str) -> tuple[float, float, dict]:
    seconds, peak = measured([str(ARCHIVE), "build", *args], root)
    return seconds, peak, json.loads((root / "build" / "report.json").read_text())


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
    """Both builds in turns, `repeat` times, in the order ABBA...: on a shared or throttled
    machine one run can differ from the next by a quarter, and later runs tend to be slower,
    so neither build may always come second; the fastest of a few runs is the steadiest figure."""
    with_config = bare_config(root, "with.yml", actor_pages=True)
    without_config = bare_config(root, "without.yml", actor_pages=False)
    times: dict[str, list[float]] = {with_config: [], without_config: []}
    for turn in range(repeat):
        for config in (without_config, with_config) if turn % 2 == 0 else (with_config, without_config):
            times[config].append(timed_mkdocs(root, config))
    return times[with_config], times[without_config]


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
    makers: list[Callable[[], dict[str, object]]] = [
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


def search_figures(root: Path, report: dict) -> None:
    from build_archive.search import search

    index = root / "build" / "index"
    size = sum(p.stat().st_size for p in index.rglob("*") if p.is_file())
    seconds = report["timings"].get("index", 0.0)
    print(f"search index (first build):     {seconds:7.2f} s  {report['published'] / seconds:8.0f} articles/s  "
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


def line(label: str, seconds: float, extra: str = "") -> None:
    print(f"{label:<32}{seconds:7.2f} s  {extra}")


def bench(size: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp), size)
        articles = root / "site_src" / "articles"
        text_bytes = sum(p.stat().st_size for p in articles.iterdir())
        print(f"\n== {size:,} articles ({text_bytes / 1e6:.1f} MB of text), {os.cpu_count()} cores")

        seconds, peak, report = archive_build(root)
        line("archive build, from raw text:", seconds,
             f"{size / seconds:6.0f} articles/s  {text_bytes / seconds / 1e6:5.2f} MB/s  peak {peak:5.0f} MB")  # fmt: skip
        cpu = report["processor_seconds"]
        for stage, took in report["timings"].items():
            detail = ""
            if stage == "read and actors":
                detail = (f"(processor time: read {cpu['read']:.1f} s = {text_bytes / cpu['read'] / 1e6:.2f} MB/s, "
                          f"actors {cpu['actors']:.1f} s = {text_bytes / cpu['actors'] / 1e6:.2f} MB/s per core)")  # fmt: skip
            line(f"  {stage}", took, f"peak {report['peak_mb'][stage]:5.0f} MB  {detail}")
        search_figures(root, report)

        again, again_peak, _ = archive_build(root)
        line("archive rebuild, nothing new:", again, f"peak {again_peak:5.0f} MB")
        (articles / "zz-one-more.txt").write_text((articles / sorted(p.name for p in articles.iterdir())[0]).read_text()
                                                  .replace(" de ", " het ", 1) + "\nEen nieuw bericht.\n")  # fmt: skip
        one, one_peak, one_report = archive_build(root)
        line("adding one article:", one, f"peak {one_peak:5.0f} MB  {one / seconds:.2f} of the first build")
        # The MkDocs plugin updates the search index in a process of its own while MkDocs renders:
        # the rest is the archive's work before MkDocs runs. The command's wall time also holds
        # starting Python and exiting; the plugin's run is the report's seconds.
        index_seconds = one_report["timings"].get("index", 0.0)
        line("  of it before MkDocs runs:", one - index_seconds,
             f"(the command's wall time without the search index; goal at 10k: at most 3 s); "
             f"the build itself {one_report['seconds'] - index_seconds:.2f} s")  # fmt: skip
        print("  " + ", ".join(f"{k} {v:.2f} s" for k, v in one_report["timings"].items()))
        print("  peak MB after: " + ", ".join(f"{k} {v:.0f}" for k, v in one_report["peak_mb"].items()))

        actor_pages = sum(1 for _ in (root / "docs" / "actors").rglob("*.md"))
        with_actors, without_actors = mkdocs_with_and_without_actors(root, 4 if size <= 2000 else 2)
        largest = max((p.stat().st_size, p) for p in (root / "site").rglob("*.html"))
        runs = lambda times: ", ".join(f"{t:.2f}" for t in times)  # noqa: E731
        line("mkdocs, articles only:", min(without_actors), f"(runs: {runs(without_actors)})")
        line(
            "mkdocs, with actor pages:",
            min(with_actors),
            f"(runs: {runs(with_actors)}; {actor_pages:,} actor pages)",
        )
        print(
            f"  ratio {min(with_actors) / min(without_actors):.2f} fastest to fastest (goal: at most 1.30), "
            f"{sorted(with_actors)[len(with_actors) // 2] / sorted(without_actors)[len(without_actors) // 2]:.2f} median to median"
        )
        print(f"largest HTML page:              {largest[0] / 1024:7.1f} KB "
              f"({largest[1].relative_to(root / 'site')}; goal: under 200 KB)")  # fmt: skip

        # The whole build as a user runs it, from raw text to site/ with nothing built before.
        for generated in ("build", "site"):
            shutil.rmtree(root / generated, ignore_errors=True)
        whole, whole_peak = measured([str(MKDOCS), "build", "--quiet"], root)
        bare = min(with_actors)
        line("raw text to site/ (mkdocs build):", whole,
             f"peak {whole_peak:5.0f} MB; {whole / bare:.2f} x the bare mkdocs build of the same pages "
             f"(goal at 10k: 3 min, 1.30 x)")  # fmt: skip
        (articles / "zz-two-more.txt").write_text(
            "Nog een bericht\n\nDe minister van Financiën sprak in Den Haag.\n"
        )
        after_one = timed_mkdocs(root)
        line(
            "adding one more, mkdocs build:", after_one, "(archive build of one article, then MkDocs in full)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    for size in parser.parse_args().sizes:
        bench(size)


if __name__ == "__main__":
    main()
