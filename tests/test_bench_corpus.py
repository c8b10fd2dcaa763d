"""The bench's generated corpus: it must run, and look like a real archive (issue 19's terms)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", REPO / "bench" / "corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_corpus"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_generated_corpus_has_a_long_tail_of_actors_unknown_to_the_lists(tmp_path: Path) -> None:
    corpus = _corpus_module()
    stats = corpus.write_corpus(tmp_path, 300, real=False)
    files = sorted((tmp_path / "site_src" / "articles").glob("*.txt"))
    assert len(files) == stats.articles == stats.generated == 300
    assert all(file.read_text(encoding="utf-8").strip() for file in files)
    assert stats.distinct_actors > 300  # more actors than articles, as in a real archive
    assert stats.once_share > 0.4  # most named once
    assert stats.unknown_share > 0.8  # most unknown to the project's lists
    assert stats.top_actor_share < 0.1
    assert 0.5 < stats.dutch_share < 0.8


def test_generated_corpus_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    corpus = _corpus_module()
    corpus.write_corpus(tmp_path / "a", 40, real=False)
    corpus.write_corpus(tmp_path / "b", 40, real=False)
    a = sorted((tmp_path / "a" / "site_src" / "articles").iterdir())
    b = sorted((tmp_path / "b" / "site_src" / "articles").iterdir())
    assert [p.name for p in a] == [p.name for p in b]
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b, strict=True))
