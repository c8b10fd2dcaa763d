"""Adding one article to a built archive: the archive's work before MkDocs can run.

    .venv/bin/python bench/add_one_bench.py --root DIR [--rounds 3] [--note TEXT]

DIR is an archive built before (by bench/serve_bench.py or bench/run.py: site_src/, docs/ and
build/), built once more first so that nothing is left to do. Each round saves one new article
and builds, timing until the build says the pages are published (what MkDocs waits for) and
until it ends (the search index), as wall time and as the processor time of the build and the
processes it waited for (the hard links of the new generation included). Two ways, as many
rounds each: cold, a new `archive build` process per round (as `mkdocs build` runs it), and
warm, one warm builder that takes a request per round (as `mkdocs serve` runs it; its start
and a first build with nothing new come before the rounds and are timed apart). The goal: at
most 1 s before MkDocs runs, at 10,000 articles. The figures go to
bench/results/<date>-<commit>-add-one.json and bench/RESULTS.md is regenerated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))
from run import new_record, save_record  # noqa: E402

from build_archive.warm import Builder  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User and system time of a process and of the children it has waited for."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / TICKS  # utime stime cutime cstime


def one_build(root: Path) -> dict:
    told, tell = os.pipe()
    started = time.monotonic()
    build = subprocess.Popen(
        [sys.executable, "-m", "build_archive", "build", "--published-fd", str(tell)],
        cwd=root, pass_fds=(tell,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(tell)
    with os.fdopen(told, encoding="utf-8") as pipe:
        message = pipe.readline()
        published, published_cpu = time.monotonic() - started, cpu_seconds(build.pid)
        pipe.read()
    # The whole build's processor time, its children's included, once it has ended.
    before = os.times()
    build.wait()
    after = os.times()
    report = json.loads((root / "build" / "report.json").read_text())
    return {
        "published": published,
        "published_cpu": published_cpu,
        "seconds": time.monotonic() - started,
        "cpu": (after.children_user - before.children_user)
        + (after.children_system - before.children_system),
        "written": json.loads(message)["summary"].split("(", 1)[-1].split(")")[0] if message else "",
        "stages": report["timings"],
        "load": os.getloadavg()[0],
    }


def warm_build(builder: Builder, root: Path) -> dict:
    """One build by the warm builder, timed as `one_build` times a cold one."""
    pid = builder.process.pid
    cpu_before = cpu_seconds(pid)
    started = time.monotonic()
    builder.request(
        ["--source", str(root / "site_src"), "--docs", str(root / "docs")], root / "build" / "build.log"
    )
    message = builder.published()
    published, published_cpu = time.monotonic() - started, cpu_seconds(pid) - cpu_before
    ended = builder.finish()
    if ended.code:
        raise SystemExit(f"the warm build failed ({ended.code}): see {root / 'build' / 'build.log'}")
    report = json.loads((root / "build" / "report.json").read_text())
    return {
        "published": published,
        "published_cpu": published_cpu,
        "seconds": time.monotonic() - started,
        "cpu": cpu_seconds(pid) - cpu_before,
        "written": message["summary"].split("(", 1)[-1].split(")")[0] if message else "",
        "stages": report["timings"],
        "load": os.getloadavg()[0],
        "rss_mb": rss_mb(pid),  # what the builder holds between builds
    }


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def add_article(root: Path) -> None:
    stamp = time.time_ns()
    (root / "site_src" / "articles" / f"zz-add-one-{stamp}.txt").write_text(
        f"Nog een bericht {stamp}\n\nBurgemeester Anouk Terpstra-Velinga zei maandag in Elderdorp dat de "
        f"gesprekken met de provincie goed verliepen ({stamp}). Terpstra-Velinga wil de plannen nog dit jaar uitvoeren.\n",
        encoding="utf-8",
    )


def show(way: str, number: int, run: dict) -> None:
    print(f"{way} round {number}: published after {run['published']:.2f} s (cpu {run['published_cpu']:.2f} s), "
          f"ended after {run['seconds']:.2f} s (cpu {run['cpu']:.2f} s), {run['written']}; load {run['load']:.1f}; "
          + (f"builder {run['rss_mb']:.0f} MB; " if "rss_mb" in run else "")
          + ", ".join(f"{k} {v:.2f}" for k, v in run["stages"].items()))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--note", default="")
    args = parser.parse_args()
    root = args.root.resolve()
    started = dt.datetime.now(dt.UTC)
    record = new_record(started, args.note, "add_one", rounds=[], warm_rounds=[])
    settle = one_build(root)
    record["settle"] = settle
    record["articles"] = json.loads((root / "build" / "report.json").read_text())["published"]
    print(f"{record['articles']} articles; a build with nothing new first: {settle['seconds']:.1f} s")
    for number in range(1, args.rounds + 1):
        add_article(root)
        record["rounds"].append(run := one_build(root))
        show("cold", number, run)
    save_record(record, started, "-add-one")
    builder = Builder.start_warm()
    try:
        record["warm_start"] = run = warm_build(builder, root)
        print(f"warm builder started, its first build with nothing new: {run['published']:.2f} s to publish")
        for number in range(1, args.rounds + 1):
            add_article(root)
            record["warm_rounds"].append(run := warm_build(builder, root))
            show("warm", number, run)
    finally:
        builder.close()
    save_record(record, started, "-add-one")


if __name__ == "__main__":
    main()
