"""The Whoosh index from parallel parts: workers (processes) each write their share of the
articles with `write_part`, and `combine` makes of them the one index that `archive search`
reads, answering as the index written in one process does."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from conftest import write_articles
from test_search import read_in_process, write

from build_archive.model import IndexStats
from build_archive.search import parts as search_parts
from build_archive.search import query as search_module
from build_archive.search import segments as search_segments
from build_archive.search.index import update_index
from build_archive.search.parts import PartInfo, combine, write_part

# Every query of tests/test_search.py, as `search` takes it.
QUERIES: tuple[dict, ...] = (
    {"persons": ["Putin"]},
    {"persons": ["poetin"]},
    {"query": "gesprekken", "countries": ["Oekraine"]},
    {"persons": ["Putin"], "countries": ["Frankrijk"]},
    {"persons": ["Angela Merkel"]},
    {"query": "sanctie"},
    {"query": '"gesprekken met Poetin"'},
    {"query": "Macron AND NOT Scholz", "lang": "nl"},
    {"query": "gespr*"},
    {"persons": ["Macron"], "since": dt.date(2022, 1, 1)},
    {"persons": ["Macron"], "until": dt.date(2021, 12, 31)},
    {"persons": ["Macron"], "since": dt.date(2000, 1, 1)},
    {"query": "invasion"},
    {"query": "Poutine"},
    {"query": "sancties Rusland", "persons": ["Macron"]},
    {"query": "gesprekken Poetin", "persons": ["Macron"]},
    {"query": "gesprekken Scholz"},
    {"query": '"met Poetin over" Oekraïne'},
    {"persons": ["Macron"], "limit": 1},
    {"persons": ["Zelensky"]},
    {"query": "Scholz"},
    {"query": "begroting"},
    {"query": '"gesprekken met"'},
    {"persons": ["Olaf Scholz"]},
    {"query": "dag"},
    {"query": "Macron OR Scholz", "limit": 1},
    {},
)


def answers(index: Path) -> list[search_module.Results]:
    """Every query's results in full: hits in order (scores and snippets), total, facet counts."""
    search_module._HANDLES.clear()
    return [search_module.search(index_path=index, **{"limit": 1000, **query}) for query in QUERIES]


def archive_of(root: Path):
    write(root, "2021-03-01-a.txt", "Overleg in Berlijn\n\nOlaf Scholz sprak met Emmanuel Macron over sancties tegen Rusland.")  # fmt: skip
    write(root, "2022-05-02-b.txt", "Gesprek in Parijs\n\nMacron voerde gesprekken met Poetin over Oekraïne.")
    write(root, "2022-06-03-c.txt", "Talks in London\n\nKeir Starmer met Emmanuel Macron to discuss invasions and Ukraine.")  # fmt: skip
    write(root, "zonder-datum.txt", "Zonder datum\n\nMacron sprak met Scholz en Zelensky over sancties.")
    write_articles(root / "site_src" / "articles", range(45))
    return read_in_process(root)


@pytest.mark.e2e
def test_an_index_combined_from_parts_written_by_worker_processes_answers_as_the_one_process_index(tmp_path):
    articles, actors = archive_of(tmp_path)
    update_index(tmp_path / "one", articles, actors, full=True, processes=1)
    expected = answers(tmp_path / "one")
    assert expected[0].total and expected[2].hits and expected[-1].total == len(articles)

    shares = [articles[:10], articles[10:11], articles[11:30], articles[30:]]
    # As a distributed engine runs them: new processes that get the articles and actors pickled.
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [
            pool.submit(write_part, share, actors, tmp_path / "parts" / str(n))
            for n, share in enumerate(shares)
        ]
        parts = [future.result() for future in futures]
    assert [part.documents for part in parts] == [10, 1, 19, len(articles) - 30]
    assert combine(parts, tmp_path / "combined", actors) == IndexStats(len(articles), 0, 0, 0)
    assert answers(tmp_path / "combined") == expected
    assert not any(part.directory.exists() for part in parts)

    # The next build reads the combined index as its own: nothing to do, from the sidecar.
    assert update_index(tmp_path / "combined", articles, actors) == IndexStats(0, 0, 0, len(articles))
    assert answers(tmp_path / "combined") == expected


@pytest.mark.e2e
def test_combining_replaces_an_existing_index_whole_and_the_local_pool_writes_parts_too(
    tmp_path, monkeypatch
):
    articles, actors = archive_of(tmp_path)
    update_index(tmp_path / "one", articles, actors, full=True, processes=1)
    expected = answers(tmp_path / "one")
    # An older index with other documents: combining leaves none of them.
    update_index(tmp_path / "combined", articles[:5], actors, full=True, processes=1)
    parts = [
        write_part(articles[:20], actors, tmp_path / "a"),
        write_part(articles[20:], actors, tmp_path / "b"),
    ]
    combine(parts, tmp_path / "combined", actors)
    assert answers(tmp_path / "combined") == expected
    # The local build's writers: this process and two new ones, segments of a few documents
    # each in this one (the new ones do not see this test's patches).
    monkeypatch.setattr(search_parts, "PARALLEL_FROM", 2)
    monkeypatch.setattr(search_segments, "SEGMENT_MB", 0.01)
    update_index(tmp_path / "pool", articles, actors, full=True, processes=3)
    assert len(list((tmp_path / "pool").glob("*.seg"))) > 6
    assert not (tmp_path / "pool" / ".parts").exists()
    assert answers(tmp_path / "pool") == expected


def test_a_part_written_with_another_schema_is_refused_and_the_index_keeps_its_last_commit(tmp_path):
    from whoosh import fields, index

    articles, actors = archive_of(tmp_path)
    update_index(tmp_path / "index", articles, actors, full=True, processes=1)
    expected = answers(tmp_path / "index")
    good = write_part(articles[:10], actors, tmp_path / "good")
    (tmp_path / "other").mkdir()
    index.create_in(str(tmp_path / "other"), fields.Schema(id=fields.ID(stored=True)))
    with pytest.raises(Exception, match="another schema"):
        combine([good, PartInfo(tmp_path / "other", 0)], tmp_path / "index", actors)
    assert answers(tmp_path / "index") == expected
    assert not [name for name in (tmp_path / "index").iterdir() if name.name.startswith("MAIN_") and
                not name.name.endswith("WRITELOCK") and name.suffix == ".seg"][1:]  # fmt: skip
