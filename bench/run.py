"""Benchmarks on the generated realistic corpus (bench/corpus.py): prints its figures, writes
them to bench/results/<date>-<commit>.json and regenerates bench/RESULTS.md from every such
file (bench/results_md.py). Asserts nothing.

    python bench/run.py --sizes 10000 20000 [--steps archive site]

For each size, every step in its own process (wall time, and the peak memory of its largest
process):
- `archive`: the archive build from raw text, stage by stage; the search index and 120 faceted
  queries; a rebuild with nothing new; adding one article.
- `engines` (`--engine dask`): `archive build --full` from raw text by the local process pool
  and by the Dask engine on a LocalCluster of 2 workers, each with the peak memory of every
  process of its tree (sampled), and whether the two published the same docs tree.
- `site`: raw text to site/ as a user runs it (`mkdocs build`, the archive plugin first, with
  nothing built before) against the fair bare build: `mkdocs build` of the same generated pages
  with the same mkdocs.yml, theme and plugins minus the archive plugin, and the theme's search
  off exactly when the archive's build turns it off (above `theme_search_up_to` articles).
  The whole build's process tree (MkDocs, the index's writers, Pagefind's shards) is sampled
  every second: its peak is the sum of its processes' proportional memory (PSS).
- `whole`: the same whole build alone, without the bare build, where the ratio is no goal and
  the bare build would double the run (100,000 articles: time and the tree's memory).
  `--whole-engine dask` sets the archive plugin's `engine: dask` for it (and for `site`), so
  that MkDocs runs the archive build on a LocalCluster as a user of the Dask engine runs it.
The corpus's statistics are printed and kept twice: as the generator drew them, and as the
archive's export found them after the build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil  # the dask extra's (distributed needs it): per-process memory
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import sample_names, write_corpus  # noqa: E402
from results_md import write_results  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
MKDOCS = Path(sys.executable).parent / "mkdocs"
ARCHIVE = Path(sys.executable).parent / "archive"
GENERATED = ("index.md", "articles", "actors", "export")  # what the archive writes into docs/
GOAL_RATIO = 1.3
GOAL_SECONDS_10K = 180.0
GOAL_SECONDS_100K = 25 * 60.0
GOAL_TREE_MB_100K = 4000.0  # 4 GB, as the README's goal says


@dataclass(frozen=True)
class Run:
    """One command's wall time, the processor time of its whole process tree (user and system,
    which other work on a busy machine does not inflate as it inflates the wall time), the peak
    memory of its largest process, and the load average (1 min) when it started and ended."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    load_before: float
    load_after: float


def project(target: Path, size: int, engine: str = "local") -> tuple[Path, dict]:
    """The project in `target`: mkdocs.yml with the archive plugin on `engine`, the theme's
    overrides, the hand-written docs and the generated corpus."""
    config = (REPO / "mkdocs.yml").read_text()
    if engine != "local":
        plugin = "  - archive:\n"
        if plugin not in config:
            raise SystemExit(f"mkdocs.yml has no line {plugin.strip()!r} to give the engine {engine}")
        config = config.replace(plugin, f"{plugin}      engine: {engine}\n", 1)
    (target / "mkdocs.yml").write_text(config)
    shutil.copytree(REPO / "overrides", target / "overrides")
    shutil.copytree(REPO / "docs", target / "docs", ignore=shutil.ignore_patterns(*GENERATED))
    return target, write_corpus(target, size).as_dict()


def measured(command: list[str], cwd: Path) -> Run:
    load = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{command} failed with {os.waitstatus_to_exitcode(status)} in {cwd}")
    took = time.perf_counter() - started
    return Run(took, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, load, os.getloadavg()[0])


@dataclass(frozen=True)
class Sampled:
    """One command's wall and processor time and each of its processes' peak memory, sampled
    (the build, the cluster's scheduler, nannies and workers, a pool's forks)."""

    seconds: float
    cpu_seconds: float
    peak_mb: dict[str, float]  # by role and process id
    tree_peak_mb: float  # the whole tree's largest sum of resident memory (RSS) at one sample
    # ... of proportional memory (PSS): a page that forked processes share is counted once, split
    # between them, where the RSS sum counts it in each; what the tree takes from the machine.
    tree_peak_pss_mb: float
    load_before: float
    # When the tree's PSS peaked (seconds into the command) and each process's PSS then: which
    # stage and which processes make the peak.
    tree_peak_at: float = 0.0
    tree_peak_members: dict[str, float] = field(default_factory=dict)


def _role(process: psutil.Process, top: int) -> str:
    if process.pid == top:
        return "build"
    line = " ".join(process.cmdline())
    if "resource_tracker" in line:
        return "resource tracker"
    if "multiprocessing.forkserver" in line:  # the index's writers, forked from the forkserver
        return "index"
    if "pagefind" in line:  # the plugin's Pagefind step and the Pagefind processes of its shards
        return "pagefind"
    for role in ("nanny", "worker", "scheduler", "index"):
        if f"distributed.{role}" in line or f"dask {role}" in line:
            return role
    return "worker" if "spawn_main" in line else "child"


def sampled(command: list[str], cwd: Path, every: float = 0.2) -> Sampled:
    load = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    top = psutil.Process(process.pid)
    peaks: dict[str, float] = {}
    tree_peak = tree_peak_pss = peak_at = 0.0
    peak_members: dict[str, float] = {}
    while process.poll() is None:
        total = 0.0
        now: dict[str, float] = {}  # each process's PSS at this sample
        try:
            members = [top, *top.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for member in members:
            try:
                memory = member.memory_full_info()
                name = f"{_role(member, top.pid)} {member.pid}"
            except psutil.Error:
                continue
            mb = memory.rss / 1e6
            total += mb
            now[name] = memory.pss / 1e6
            peaks[name] = max(peaks.get(name, 0.0), mb)
        tree_peak = max(tree_peak, total)
        if sum(now.values()) > tree_peak_pss:
            tree_peak_pss, peak_at, peak_members = sum(now.values()), time.perf_counter() - started, now
        time.sleep(every)
    took = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"{command} failed with {process.returncode} in {cwd}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # cumulative: the caller takes differences
    return Sampled(
        took, usage.ru_utime + usage.ru_stime, peaks, tree_peak, tree_peak_pss, load, peak_at, peak_members
    )


def docs_digest(root: Path) -> str:
    """One digest of every generated file, path and bytes, through the build's links."""
    digest = hashlib.blake2b(digest_size=16)
    docs = root / "docs"
    for folder, subfolders, files in os.walk(docs, followlinks=True):
        subfolders.sort()
        for name in sorted(files):
            path = Path(folder, name)
            digest.update(path.relative_to(docs).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def engine_steps(root: Path, workers: int = 2, engines: tuple[str, ...] = ("local", "dask")) -> dict:
    """The archive build from raw text by each engine, from nothing (`--full`, build/ removed)."""
    runs: dict[str, dict] = {}
    digests = {}
    for engine in engines:
        clean(root)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        run = sampled([str(ARCHIVE), "build", "--full", "--engine", engine, "--jobs", str(workers)], root)
        cpu = run.cpu_seconds - (before.ru_utime + before.ru_stime)
        report = report_of(root)
        digests[engine] = docs_digest(root)
        runs[engine] = {
            **asdict(run),
            "cpu_seconds": cpu,
            "stages": report["timings"],
            "stage_peak_mb": report["peak_mb"],  # the building process's, at the end of each stage
            "docs": digests[engine],
        }
        largest = sorted(run.peak_mb.items(), key=lambda kv: -kv[1])
        print(f"archive build --engine {engine} ({workers}):{run.seconds:8.2f} s  cpu {cpu:7.1f} s  "
              f"tree peak {run.tree_peak_mb:6.0f} MB (PSS {run.tree_peak_pss_mb:6.0f} MB)  "
              f"load {run.load_before:.1f}")  # fmt: skip
        print("  peaks: " + ", ".join(f"{name} {mb:.0f} MB" for name, mb in largest))
        print("  stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in report["timings"].items()))
    if len(runs) < 2:  # one engine: its docs tree's digest is kept, to compare with another run's
        return {"workers": workers, "runs": runs, "same_docs": None}
    same = digests["local"] == digests["dask"]
    print(f"same docs tree: {same}; dask/local time {runs['dask']['seconds'] / runs['local']['seconds']:.2f}")
    return {"workers": workers, "runs": runs, "same_docs": same}


def report_of(root: Path) -> dict:
    return json.loads((root / "build" / "report.json").read_text())


def clean(root: Path) -> None:
    """Nothing built before: what `make clean` removes."""
    for name in ("build", "site", "site-bare", *(f"docs/{g}" for g in GENERATED)):
        path = root / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


def fair_bare_config(root: Path, published: int) -> tuple[str, bool]:
    """mkdocs.yml minus the archive plugin, the theme's search switched as the plugin switches it
    for `published` articles (plugin.py, `_choose_search`), and the header's search box made as
    the plugin's build makes it. Writes the bare build into site-bare/."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text())
    settings_file = root / "site_src" / "settings.yml"
    settings = yaml.safe_load(settings_file.read_text()) if settings_file.exists() else None
    limit = (settings or {}).get("theme_search_up_to", 2000)
    plugins = []
    theme_search = published <= limit
    for plugin in config["plugins"]:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name == "archive":
            continue
        if name == "search":
            options = dict((plugin if isinstance(plugin, dict) else {}).get("search") or {})
            plugin = {"search": {**options, "enabled": theme_search}}
        plugins.append(plugin)
    config["plugins"] = plugins
    config.setdefault("extra", {})["archive_search_page"] = not theme_search
    config["site_dir"] = "site-bare"
    (root / "bare.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    return "bare.yml", theme_search


def export_stats(root: Path) -> dict:
    """The corpus as the archive found it: actors of the export, the most-named one's share of
    the articles, the share of actors named once, and the share no list found (no mention of
    it from a list layer)."""
    actors = json.loads((root / "docs" / "export" / "actors.json").read_text(encoding="utf-8"))
    listed: set[str] = set()
    articles = 0
    with (root / "docs" / "export" / "articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            articles += 1
            record = json.loads(line)
            for key in ("persons", "countries", "organisations", "places"):
                for actor in record.get(key, []):
                    if any(m["layer"].startswith("list") for m in actor["mentions"]):
                        listed.add(actor["id"])
    by_type: dict[str, int] = {}
    for actor in actors:
        by_type[actor["type"]] = by_type.get(actor["type"], 0) + 1
    top = max(actors, key=lambda a: a["articles"], default=None)
    return {
        "articles": articles,
        "actors": len(actors),
        "by_type": dict(sorted(by_type.items())),
        "top_actor": top and top["id"],
        "top_actor_share": top["articles"] / max(1, articles) if top else 0.0,
        "once_share": sum(a["articles"] == 1 for a in actors) / max(1, len(actors)),
        "unknown_share": 1 - len(listed) / max(1, len(actors)),
    }


def export_lines(stats: dict) -> str:
    return (
        f"corpus (archive's export): {stats['articles']:,} articles published, {stats['actors']:,} actors "
        f"({', '.join(f'{k} {v:,}' for k, v in stats['by_type'].items())}); top {stats['top_actor']} in "
        f"{stats['top_actor_share']:.1%} of the articles; {stats['once_share']:.0%} named once; "
        f"{stats['unknown_share']:.0%} found by no list"
    )


def queries(size: int, count: int = 120) -> list[dict]:
    """Varied queries over the corpus: text, phrases, prefixes, boolean, actors by name, actor
    combinations, date ranges; every one is faceted."""
    import random

    rng, names = random.Random(3), sample_names(size)
    words = ["gesprekken", "begroting", "economie", "plannen", "besluit", "talks", "economy", "protested"]
    makers: list[Callable[[], dict[str, object]]] = [
        lambda: {"query": rng.choice(words)},
        lambda: {"query": f'"{rng.choice(["de gesprekken met", "de bouw van", "the statistics office"])}"'},
        lambda: {"query": rng.choice(["gespr*", "econ*", "woning*", "protest*"])},
        lambda: {"query": f"{rng.choice(words)} AND NOT {rng.choice(words)}"},
        lambda: {"persons": [rng.choice(names["persons"])]},
        lambda: {"countries": [rng.choice(names["countries"])]},
        lambda: {"persons": [rng.choice(names["persons"])], "countries": [rng.choice(names["countries"])]},
        lambda: {"query": rng.choice(words), "organisations": [rng.choice(names["organisations"])]},
        lambda: {"query": rng.choice(words), "places": [rng.choice(names["places"])],
                 "since": dt.date(2018, 1, 1)},
    ]  # fmt: skip
    return [rng.choice(makers)() for _ in range(count)]


def search_figures(root: Path, size: int) -> dict:
    from build_archive.search.query import search

    index = root / "build" / "index"
    latencies, found, failed = [], 0, 0
    for spec in queries(size):
        started = time.perf_counter()
        try:
            results = search(index_path=index, limit=20, **spec)
        except Exception:  # noqa: BLE001 - a benchmark reports and goes on
            failed += 1
            continue
        latencies.append(time.perf_counter() - started)
        found += bool(results.hits)
    latencies.sort()
    return {
        "queries": len(latencies),
        "failed": failed,
        "with_results": found,
        "p50_ms": latencies[len(latencies) // 2] * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95)] * 1000,
        "index_mb": sum(p.stat().st_size for p in index.rglob("*") if p.is_file()) / 1e6,
    }


def line(label: str, run: Run, extra: str = "") -> None:
    print(f"{label:<34}{run.seconds:8.2f} s  cpu {run.cpu_seconds:7.1f} s  peak {run.peak_mb:6.0f} MB  "
          f"load {run.load_before:.1f}  {extra}")  # fmt: skip


def beside_mkdocs(timings: dict[str, float]) -> float:
    """The seconds of the stages that run once the pages are published: those after the
    "published" lap, or (in the reports of builds before it was recorded) the index."""
    stages = list(timings)
    if "published" in stages:
        return sum(timings[k] for k in stages[stages.index("published") + 1 :])
    return timings.get("index", 0.0)


def archive_steps(root: Path, size: int) -> dict:
    first = measured([str(ARCHIVE), "build"], root)
    report = report_of(root)
    line("archive build, from raw text:", first, f"{size / first.seconds:.0f} articles/s")
    for stage, took in report["timings"].items():
        print(f"  {stage:<30}{took:8.2f} s")
    search = search_figures(root, size)
    print(f"search: {search['queries']} faceted queries, p50 {search['p50_ms']:.1f} ms, "
          f"p95 {search['p95_ms']:.1f} ms, {search['with_results']} with results; index {search['index_mb']:.0f} MB")  # fmt: skip
    again = measured([str(ARCHIVE), "build"], root)
    line("archive rebuild, nothing new:", again)
    articles = root / "site_src" / "articles"
    (articles / "zz-one-more.txt").write_text(
        "Nog een bericht\n\nBurgemeester Anouk Terpstra-Velinga zei maandag in Elderdorp dat de "
        "gesprekken met de provincie goed verliepen. Terpstra-Velinga wil de plannen nog dit jaar uitvoeren.\n",
        encoding="utf-8",
    )
    one = measured([str(ARCHIVE), "build"], root)
    one_report = report_of(root)
    before_mkdocs = one.seconds - beside_mkdocs(one_report["timings"])
    line("adding one article:", one, f"of it before MkDocs runs: {before_mkdocs:.2f} s")
    return {
        "archive_build": asdict(first),
        "stages": report["timings"],
        "stage_peak_mb": report["peak_mb"],
        "processor_seconds": report["processor_seconds"],
        "search": search,
        "rebuild_nothing_new": asdict(again),
        "add_one_article": {**asdict(one), "before_mkdocs": before_mkdocs, "stages": one_report["timings"]},
    }


def whole_build(root: Path, engine: str) -> dict:
    """Raw text to site/ as a user runs it, its process tree sampled every second (reading every
    process's PSS ten times a second would itself slow a large build)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = sampled([str(MKDOCS), "build", "--quiet"], root, every=1.0)
    cpu = run.cpu_seconds - (before.ru_utime + before.ru_stime)
    peak = max(run.peak_mb.values(), default=0.0)
    line("raw text to site/ (mkdocs build):", Run(run.seconds, cpu, peak, run.load_before, os.getloadavg()[0]),
         f"tree {run.tree_peak_pss_mb:,.0f} MB PSS ({run.tree_peak_mb:,.0f} MB RSS)")  # fmt: skip
    return {
        "engine": engine,
        "seconds": run.seconds,
        "cpu_seconds": cpu,
        "peak_mb": peak,
        "load_before": run.load_before,
        "load_after": os.getloadavg()[0],
        "tree_peak_mb": run.tree_peak_mb,
        "tree_peak_pss_mb": run.tree_peak_pss_mb,
        "tree_peak_at": run.tree_peak_at,
        "tree_peak_members": run.tree_peak_members,
        "processes": run.peak_mb,
    }


def whole_steps(root: Path, engine: str) -> dict:
    """The whole build alone: its time, stages and the process tree's memory."""
    whole = whole_build(root, engine)
    report = report_of(root)
    print("  archive stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in report["timings"].items()))
    return {"published": report["published"], "whole": whole, "whole_stages": report["timings"]}


def site_steps(root: Path, engine: str) -> dict:
    """The whole build and the fair bare build of the pages it made. When the `archive` step has
    made the pages already, the bare build runs first; otherwise the whole build comes first,
    rather than an extra archive build that nothing measures."""
    if (root / "build" / "report.json").exists():
        order = "bare first, then the whole build from raw text (docs/, build/ and site/ removed)"
        bare, theme_search = _bare(root)
        clean(root)
        whole = whole_build(root, engine)
    else:
        order = "the whole build from raw text first, then the bare build of the pages it made"
        whole = whole_build(root, engine)
        bare, theme_search = _bare(root)
    report = report_of(root)
    ratio = whole["seconds"] / bare.seconds
    print(f"  {ratio:.2f} x the fair bare build (goal {GOAL_RATIO}), "
          f"{whole['cpu_seconds'] / bare.cpu_seconds:.2f} x its processor time")  # fmt: skip
    line("fair bare mkdocs build:", bare, f"(theme search {'on' if theme_search else 'off'})")
    print("  archive stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in report["timings"].items()))
    return {
        "published": report["published"],
        "theme_search": theme_search,
        "bare": asdict(bare),
        "whole": whole,
        "ratio": ratio,
        "cpu_ratio": whole["cpu_seconds"] / bare.cpu_seconds,
        "whole_stages": report["timings"],
        "order": order,
    }


def _bare(root: Path) -> tuple[Run, bool]:
    config, theme_search = fair_bare_config(root, report_of(root)["published"])
    return measured([str(MKDOCS), "build", "--quiet", "-f", config], root), theme_search


def bench(size: int, steps: list[str], engines: tuple[str, ...] = (), whole_engine: str = "local") -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        root, corpus = project(Path(tmp), size, whole_engine)
        print(f"\n== {size:,} articles, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
        from corpus import CorpusStats

        for text in CorpusStats(**corpus).lines():
            print(text)
        result: dict = {"size": size, "corpus": corpus}
        if "archive" in steps:
            result["archive"] = archive_steps(root, size)
        if engines:
            result["engines"] = engine_steps(root, engines=engines)
        if "site" in steps:
            result["site"] = site_steps(root, whole_engine)
        elif "whole" in steps:
            result["whole"] = whole_steps(root, whole_engine)
        result["export"] = export_stats(root)
        print(export_lines(result["export"]))
        return result


def machine() -> dict:
    memory = next(
        (int(line.split()[1]) / 1024**2 for line in Path("/proc/meminfo").read_text().splitlines()
         if line.startswith("MemTotal:")), 0.0,
    )  # fmt: skip
    return {"cores": os.cpu_count(), "memory_gb": round(memory, 1), "python": platform.python_version(),
            "system": platform.platform()}  # fmt: skip


def commit() -> tuple[str, bool]:
    git = lambda *a: subprocess.run(["git", *a], cwd=REPO, capture_output=True, text=True).stdout.strip()  # noqa: E731
    return git("rev-parse", "--short", "HEAD"), bool(git("status", "--porcelain", "--untracked-files=no"))


def new_record(started: dt.datetime, note: str, kind: str = "", **fields: object) -> dict:
    """What every bench record begins with: when, at which commit, the command as typed, the note
    and the machine with its load; then the script's own `fields`."""
    head, dirty = commit()
    return {
        **({"kind": kind} if kind else {}),
        "date": started.strftime("%Y-%m-%d %H:%M UTC"),
        "commit": head,
        "dirty": dirty,
        "command": f"python bench/{Path(sys.argv[0]).name} " + shlex.join(sys.argv[1:]),
        "note": note,
        "machine": {**machine(), "load_start": os.getloadavg()},
        **fields,
    }


def save_record(record: dict, started: dt.datetime, suffix: str = "") -> Path:
    """The record as it stands into bench/results/, and RESULTS.md made again from them: scripts
    call it after each part they measure, so that a run cut short keeps what it measured."""
    record["machine"]["load_end"] = os.getloadavg()
    record["minutes"] = (dt.datetime.now(dt.UTC) - started).total_seconds() / 60
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{started:%Y-%m-%d-%H%M}-{record['commit']}{suffix}.json"
    path.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    write_results(RESULTS, REPO / "bench" / "RESULTS.md")
    print(f"written {path.relative_to(REPO)} and bench/RESULTS.md")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 20000])
    parser.add_argument(
        "--steps", nargs="*", choices=["archive", "site", "whole"], default=["archive", "site"]
    )
    parser.add_argument(
        "--engine", choices=["local", "dask"], default="local",
        help="dask: also build with the Dask engine (a LocalCluster of 2 workers) against the local pool",
    )  # fmt: skip
    parser.add_argument(
        "--engines", nargs="+", choices=["local", "dask"], default=["local", "dask"],
        help="with --engine dask: the engines to build with (one: its docs tree's digest is kept)",
    )  # fmt: skip
    parser.add_argument(
        "--whole-engine", choices=["local", "dask"], default="local",
        help="the engine of the archive plugin in the whole build (`site`, `whole`): mkdocs.yml's `engine`",
    )  # fmt: skip
    parser.add_argument("--note", default="", help="what else ran on the machine, for the record")
    args = parser.parse_args()
    started = dt.datetime.now(dt.UTC)
    record = new_record(
        started,
        args.note,
        goals={
            "ratio": GOAL_RATIO,
            "seconds_10k": GOAL_SECONDS_10K,
            "seconds_100k": GOAL_SECONDS_100K,
            "tree_mb_100k": GOAL_TREE_MB_100K,
        },
        sizes=[],
    )
    for size in args.sizes:
        record["sizes"].append(
            bench(size, args.steps, tuple(args.engines) if args.engine == "dask" else (), args.whole_engine)
        )
        save_record(record, started)


if __name__ == "__main__":
    main()
