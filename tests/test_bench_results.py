"""bench/RESULTS.md as results_md.py renders it from the kept figures."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _results_md():
    spec = importlib.util.spec_from_file_location("bench_results_md", REPO / "bench" / "results_md.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_results_md"] = module
    spec.loader.exec_module(module)
    return module


def _rendered(results: Path) -> str:
    """RESULTS.md as rendered from the records in `results`, before a hand-kept record."""
    history = results.parent / "history.md"
    history.write_text("## The hand-kept record\n")
    return _results_md().render(results, history)


def test_a_pagefind_run_is_shown_as_one_row_per_shard_size_beside_the_builds(tmp_path: Path) -> None:
    results = tmp_path / "results"
    results.mkdir()
    for kept in sorted((REPO / "bench" / "results").glob("*.json")):
        if json.loads(kept.read_text()).get("kind") != "pagefind":
            (results / kept.name).write_text(kept.read_text())
            break
    machine = {"cores": 2, "memory_gb": 23.5, "python": "3.11.7", "load_start": [5.0, 4.0, 3.0],
               "load_end": [6.0, 5.0, 4.0]}  # fmt: skip
    run = {"seconds": 240.0, "pages": 19999, "load_before": 9.4, "load_after": 8.0}
    record = {
        "kind": "pagefind", "date": "2026-12-05 08:11 UTC", "commit": "abc1234", "dirty": False,
        "command": "python bench/pagefind_bench.py --memory 25000 5000", "note": "Busy.", "machine": machine,
        "size": 20000, "jobs": 2, "minutes": 12.0,
        "corpus": {"generated": 19124, "real": 876, "text_mb": 50.1, "dutch_share": 0.65},
        "export": {"articles": 19999, "actors": 35212},
        "runs": [{**run, "shard_size": 25000, "shards": 1, "peak_tree_mb": 1121.0, "peak_process_mb": 1080.0},
                 {**run, "shard_size": 5000, "shards": 4, "peak_tree_mb": 700.4, "peak_process_mb": 350.0}],
    }  # fmt: skip
    (results / "2026-12-05-0811-abc1234-pagefind.json").write_text(json.dumps(record))
    shown = _rendered(results)
    assert "| 25,000 | one bundle | 240.0 s | 1,121 MB | 1,080 MB | 9.4 |" in shown
    assert "| 5,000 | 4 | 240.0 s | 700 MB | 350 MB | 9.4 |" in shown
    assert "19,999 published" in shown and "Busy." in shown
    assert shown.count("## ") >= 3 and shown.endswith("## The hand-kept record\n")


def _engines_record(
    date: str, size: int, stages: dict[str, float], peaks: dict[str, float], tree: float
) -> dict:
    """A run of `bench/run.py --steps --engine dask` at one size (the Dask engine's build only)."""
    machine = {"cores": 2, "memory_gb": 23.5, "python": "3.11.7", "load_start": [3.0, 3.0, 3.0],
               "load_end": [3.0, 3.0, 3.0]}  # fmt: skip
    run = {"seconds": sum(stages.values()), "cpu_seconds": 1.0, "peak_mb": peaks, "tree_peak_mb": tree,
           "load_before": 3.0, "stages": stages}  # fmt: skip
    corpus = {"generated": size, "real": 0, "text_mb": 1.0, "dutch_share": 0.6, "distinct_actors": 10,
              "top_actor_share": 0.03, "once_share": 0.5, "unknown_share": 0.9}  # fmt: skip
    export = {"articles": size, "actors": 10, "by_type": {"person": 10}, "top_actor": "person:a",
              "top_actor_share": 0.03, "once_share": 0.5, "unknown_share": 0.9}  # fmt: skip
    return {
        "date": date, "commit": "abc1234", "dirty": False, "command": "python bench/run.py", "note": "",
        "machine": machine, "goals": {"ratio": 1.3, "seconds_10k": 180.0}, "minutes": 1.0,
        "sizes": [{"size": size, "corpus": corpus, "export": export,
                   "engines": {"workers": 2, "same_docs": True, "runs": {"dask": run, "local": run}}}],
    }  # fmt: skip


def test_the_scale_model_maps_the_workers_stage_over_n_and_grows_the_reduce_step_at_least_linearly(
    tmp_path: Path,
) -> None:
    _results_md()
    import scale_model  # a sibling of results_md, on the path it put bench/ on

    small = _engines_record(
        "2026-12-05 08:00 UTC", 10_000, {"lists": 6.0, "read and actors": 100.0, "resolve": 10.0, "pages": 50.0},
        {"build 1": 500.0, "worker 2": 300.0, "worker 3": 310.0}, 1100.0,
    )  # fmt: skip
    large = _engines_record(
        "2026-12-05 13:00 UTC", 100_000, {"lists": 6.0, "read and actors": 1000.0, "resolve": 200.0, "pages": 250.0},
        {"build 4": 2300.0, "worker 5": 320.0, "worker 6": 330.0}, 3000.0,
    )  # fmt: skip
    records = [small, large]
    low, high = scale_model.points(records)
    by_name = {stage.name: stage for stage in scale_model.stages(low, high)}
    # The workers' stage: 1000 s on 2 workers for 100k is 20 worker-ms an article.
    assert by_name["read and actors"].seconds(1_000_000, 8) == 1000.0 * 2 / 100_000 * 1_000_000 / 8
    # The reduce step grows by its exponent (resolve: 20× for 10× the articles, 1.30), pages
    # (5× for 10×) no slower than the articles; the lists once.
    assert round(by_name["resolve"].exponent, 2) == 1.30
    assert by_name["resolve"].seconds(1_000_000, 32) == by_name["resolve"].seconds(1_000_000, 2)
    assert by_name["pages"].seconds(1_000_000, 8) == 2500.0
    assert by_name["lists"].seconds(10_000_000, 8) == 6.0
    memory = scale_model.memory(low, high, 1_000_000, 8)
    assert memory["build"] == 2300.0 + (2300.0 - 500.0) / 90_000 * 900_000  # a line through the two peaks
    # A worker's (the largest of each size) against the articles it read: 5,000 and 50,000 on 2
    # workers, 125,000 of a million on 8.
    assert memory["worker"] == 330.0 + (330.0 - 310.0) / 45_000 * 75_000
    assert scale_model.memory(low, high, 100_000, 32)["worker"] == 330.0  # no less than measured

    results = tmp_path / "results"
    results.mkdir()
    for record in records:
        (results / f"{record['date'][:10]}-{record['date'][11:13]}00-abc1234.json").write_text(
            json.dumps(record)
        )
    shown = _rendered(results)
    model = shown.index("## Scale model: 1,000,000 and 10,000,000 articles on N workers")
    assert model < shown.index("## 2026-12-05 13:00 UTC") < shown.index("## 2026-12-05 08:00 UTC")
    assert (
        "| read and actors | map | per file, on the workers | 100.0 s | 1000.0 s | 20.00 worker-ms |" in shown
    )


def test_no_scale_model_is_shown_before_two_sizes_of_the_dask_engine_are_measured(tmp_path: Path) -> None:
    _results_md()
    import scale_model

    one = _engines_record("2026-12-05 08:00 UTC", 10_000, {"lists": 6.0}, {"build 1": 500.0}, 500.0)
    assert scale_model.section([one]) == ""


def test_a_run_of_one_engine_shows_its_docs_trees_digest_and_no_comparison(tmp_path: Path) -> None:
    record = _engines_record("2026-12-05 13:17 UTC", 100_000, {"lists": 6.0}, {"build 1": 500.0}, 500.0)
    engines = record["sizes"][0]["engines"]
    engines["runs"] = {"dask": {**engines["runs"]["dask"], "docs": "83a7fba0"}}
    engines["same_docs"] = None
    results = tmp_path / "results"
    results.mkdir()
    (results / "2026-12-05-1317-abc1234.json").write_text(json.dumps(record))
    shown = _rendered(results)
    assert "| `archive build --full --engine dask` (2 processes) | 6.0 s," in shown
    assert "--engine local" not in shown and "Dask against local" not in shown
    assert "| docs tree (digest of every generated file) | dask 83a7fba0 |" in shown


def test_the_scale_models_whole_tree_is_fitted_on_pss_only_when_both_sizes_sampled_it() -> None:
    _results_md()
    import scale_model

    def record(date: str, size: int, tree: float, pss: float | None) -> dict:
        made = _engines_record(date, size, {"read and actors": 10.0}, {"build 1": 100.0}, tree)
        if pss is not None:
            for run in made["sizes"][0]["engines"]["runs"].values():
                run["tree_peak_pss_mb"] = pss
        return made

    # The forked index writer's shared pages counted twice by RSS, once by PSS.
    both = scale_model.points([record("2026-12-05 08:00 UTC", 10_000, 1400.0, 900.0),
                               record("2026-12-05 13:00 UTC", 100_000, 6000.0, 3600.0)])  # fmt: skip
    low, high = both
    assert scale_model.trees(low, high) == (900.0, 3600.0, "PSS summed")
    assert scale_model.memory(low, high, 1_000_000, 8)["tree"] == 3600.0 + 2700.0 / 90_000 * 900_000
    # One size without PSS: the two are never mixed, RSS for both.
    one = scale_model.points([record("2026-12-05 08:00 UTC", 10_000, 1400.0, None),
                              record("2026-12-05 13:00 UTC", 100_000, 6000.0, 3600.0)])  # fmt: skip
    low, high = one
    assert scale_model.trees(low, high) == (1400.0, 6000.0, "RSS summed")


def test_a_search_run_shows_each_command_and_round_beside_the_compared_code_and_the_rounds_median(
    tmp_path: Path,
) -> None:
    results = tmp_path / "results"
    results.mkdir()
    machine = {"cores": 2, "memory_gb": 23.5, "python": "3.11.7", "load_start": [2.0, 2.0, 2.0],
               "load_end": [3.0, 3.0, 3.0]}  # fmt: skip
    rounds = [
        {"now": {"p50_ms": p50, "p95_ms": p95, "max_ms": 90.0, "load": 2.5},
         "compared": {"p50_ms": 2 * p50, "p95_ms": 2 * p95, "max_ms": 300.0, "load": 2.6}}
        for p50, p95 in ((10.0, 40.0), (12.0, 44.0), (11.0, 60.0))
    ]  # fmt: skip
    record = {
        "kind": "search", "date": "2026-12-06 03:00 UTC", "commit": "abc1234", "dirty": False,
        "command": "python bench/search_bench.py --compare /tmp/base", "note": "", "machine": machine,
        "minutes": 5.0, "articles": 19999, "actors": 36000, "compared": "/tmp/base",
        "cold": [{"args": ["--person", "Ann Smit"], "now": [0.3, 0.4, 0.5], "compared": [0.6, 0.7, 0.9],
                  "load": 2.0}],
        "repeated": rounds,
    }  # fmt: skip
    (results / "2026-12-06-0300-abc1234-search.json").write_text(json.dumps(record))
    shown = _rendered(results)
    assert "| `--person Ann Smit` | 0.30 / 0.40 s | 0.60 / 0.70 s | 2.0 |" in shown
    assert "| 3 | 11.0 / 60.0 / 90.0 ms | 22.0 / 120.0 / 300.0 ms | 2.5 |" in shown
    assert "| median | 11.0 / 44.0 / 90.0 ms | 22.0 / 88.0 / 300.0 ms | |" in shown
    assert "19,999 articles" in shown


def test_a_whole_build_alone_shows_its_process_trees_peak_against_the_100k_goals(tmp_path: Path) -> None:
    record = _engines_record("2026-12-07 03:10 UTC", 100_000, {"lists": 6.0}, {"build 1": 500.0}, 500.0)
    record["goals"].update({"seconds_100k": 1500.0, "tree_mb_100k": 4000.0})
    size = record["sizes"][0]
    del size["engines"]
    whole = {"seconds": 1620.0, "cpu_seconds": 2100.0, "peak_mb": 1400.0, "load_before": 2.0, "load_after": 2.0,
             "tree_peak_mb": 3900.0, "tree_peak_pss_mb": 3650.0,
             "processes": {"build 10": 600.0, "pagefind 11": 1400.0, "pagefind 12": 1390.0}}  # fmt: skip
    size["whole"] = {"published": 100_000, "whole": whole, "whole_stages": {"lists": 6.0, "index": 400.0}}
    results = tmp_path / "results"
    results.mkdir()
    (results / "2026-12-07-0310-abc1234.json").write_text(json.dumps(record))
    shown = _rendered(results)
    assert (
        "no bare build | 1620.0 s, peak of the process tree 3,650 MB (PSS), of its largest process 1,400 MB"
        in shown
    )
    assert "| … peak memory per process | pagefind 1,400 MB, pagefind 1,390 MB, build 600 MB |" in shown
    assert "1620.0 s — **missed**; 3,650 MB — **met**" in shown
    assert "ratio (goal" not in shown


def test_the_archives_work_before_mkdocs_ends_at_the_published_lap_where_a_build_recorded_one() -> None:
    where = _results_md()._where

    def site(stages: dict[str, float]) -> dict:
        return {"site": {"whole_stages": stages, "whole": {"seconds": 100.0}, "bare": {"seconds": 80.0}}}

    kept_after = {
        "lists": 1.0,
        "pages": 9.0,
        "published": 0.0,
        "cache": 4.0,
        "resolution kept": 6.0,
        "index": 30.0,
    }
    assert where(site(kept_after)).startswith("archive before MkDocs 10 s (10%)")
    # A record of a build before the lap existed: everything but the index and the cleaning.
    older = {"lists": 1.0, "pages": 9.0, "cache": 4.0, "resolution kept": 6.0, "index": 30.0, "cleaning": 2.0}
    assert where(site(older)).startswith("archive before MkDocs 20 s (20%)")
