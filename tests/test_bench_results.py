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
    history = tmp_path / "history.md"
    history.write_text("## The hand-kept record\n")
    shown = _results_md().render(results, history)
    assert "| 25,000 | one bundle | 240.0 s | 1,121 MB | 1,080 MB | 9.4 |" in shown
    assert "| 5,000 | 4 | 240.0 s | 700 MB | 350 MB | 9.4 |" in shown
    assert "19,999 published" in shown and "Busy." in shown
    assert shown.count("## ") >= 3 and shown.endswith("## The hand-kept record\n")
