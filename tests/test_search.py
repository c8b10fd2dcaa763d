"""The Whoosh search index and `archive search`: analysis, facets, incremental upkeep, locking."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
import threading
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from conftest import archive, run, write_articles

from build_archive.build import BuildOptions, Stopwatch, read_and_resolve
from build_archive.errors import IndexError_
from build_archive.publish.lock import LOCK_WAIT
from build_archive.search import arrays as search_arrays
from build_archive.search import parts as search_parts
from build_archive.search import query as search_module
from build_archive.search import segments as search_segments
from build_archive.search.analysis import analyzer
from build_archive.search.index import update_index
from build_archive.search.postings import IndexedText
from build_archive.search.query import search
from build_archive.search.schema import same_fields, schema
from build_archive.search.writer import open_for_writing


def tokens(lang: str, text: str) -> list[str]:
    return [t.text for t in analyzer(lang)(text)]


def test_dutch_analysis_stems_plurals_and_folds_accents():
    assert tokens("nl", "gesprekken")[0] == tokens("nl", "gesprek")[0]
    assert tokens("nl", "invasies")[0] == tokens("nl", "invasie")[0]
    assert tokens("nl", "sancties")[0] == tokens("nl", "sanctie")[0]
    assert tokens("nl", "Oekraïne") == tokens("nl", "OEKRAINE")


def test_english_stems_and_unknown_languages_only_fold():
    assert tokens("en", "negotiations")[0] == tokens("en", "negotiation")[0]
    assert tokens("pl", "Gdańsk rozmowy") == ["gdansk", "rozmowy"]


def write(folder: Path, name: str, text: str) -> None:
    (folder / "site_src" / "articles").mkdir(parents=True, exist_ok=True)
    (folder / "site_src" / "articles" / name).write_text(text, encoding="utf-8")


def titles(folder: Path, *args: str) -> list[str]:
    result = archive("search", *args, "--json", cwd=folder)
    return sorted(hit["title"] for hit in json.loads(result.stdout))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    write(
        tmp_path,
        "2021-03-01-a.txt",
        "Overleg in Berlijn\n\nOlaf Scholz sprak met Emmanuel Macron over sancties tegen Rusland.",
    )
    write(
        tmp_path,
        "2022-05-02-b.txt",
        "Gesprek in Parijs\n\nMacron voerde gesprekken met Poetin over Oekraïne.",
    )
    write(
        tmp_path,
        "2022-06-03-c.txt",
        "Talks in London\n\nKeir Starmer met Emmanuel Macron to discuss invasions and Ukraine.",
    )
    archive("build", cwd=tmp_path)
    return tmp_path


@pytest.mark.e2e
def test_seed_queries_of_the_issue(project):
    archive("build", cwd=project)
    seed = ['Volgens een bron bij het Witte Huis resulteerde het gesprek "niet in een fundamentele…']
    assert titles(project, "--person", "Putin") == seed
    assert titles(project, "--person", "poetin") == seed
    assert titles(project, "gesprekken", "--country", "Oekraine") == seed
    [hit] = search("gesprekken", countries=["Oekraine"], index_path=project / "build" / "index").hits
    assert "**gesprek**" in hit.highlights and hit.persons[0] == "Vladimir Poetin"
    assert titles(project, "--person", "Putin", "--country", "Frankrijk") == seed
    merkel = archive("search", "--person", "Angela Merkel", cwd=project)
    assert "No actor in the archive is named 'Angela Merkel'" in merkel.stdout


@pytest.mark.e2e
def test_text_queries_phrases_boolean_prefix_dates_and_language(corpus):
    assert titles(corpus, "sanctie") == ["Overleg in Berlijn"]
    assert titles(corpus, '"gesprekken met Poetin"') == ["Gesprek in Parijs"]
    assert titles(corpus, "Macron AND NOT Scholz", "--lang", "nl") == ["Gesprek in Parijs"]
    assert titles(corpus, "gespr*") == ["Gesprek in Parijs"]
    assert titles(corpus, "--person", "Macron", "--since", "2022-01-01") == [
        "Gesprek in Parijs",
        "Talks in London",
    ]
    assert titles(corpus, "--person", "Macron", "--until", "31 december 2021") == ["Overleg in Berlijn"]
    assert titles(corpus, "invasion") == ["Talks in London"]
    assert titles(corpus, "Poutine") == ["Gesprek in Parijs"]  # actor names in any language


@pytest.mark.e2e
def test_a_query_of_several_words_needs_no_quotes(corpus):
    """`archive search sancties Rusland --person Macron`: the rest of the words is the query."""
    assert titles(corpus, "sancties", "Rusland", "--person", "Macron") == ["Overleg in Berlijn"]
    assert titles(corpus, "--person", "Macron", "gesprekken", "Poetin") == ["Gesprek in Parijs"]
    # the words are all required (as one quoted argument would be), and a phrase keeps its quotes
    assert titles(corpus, "gesprekken", "Scholz") == []
    assert titles(corpus, '"met Poetin over"', "Oekraïne") == ["Gesprek in Parijs"]


@pytest.mark.e2e
def test_facets_count_actors_and_years_among_all_matches(corpus):
    results = search(persons=["Macron"], index_path=corpus / "build" / "index", limit=1)
    assert results.total == 3 and len(results.hits) == 1
    assert results.facets["persons"]["Emmanuel Macron"] == 3
    assert results.facets["persons"]["Olaf Scholz"] == 1
    assert results.facets["year"] == {"2022": 2, "2021": 1}
    assert results.facets["countries"]["Rusland"] == 1


@pytest.mark.e2e
def test_incremental_build_touches_only_what_changed(corpus):
    second = archive("build", cwd=corpus)
    assert "0 added, 0 updated, 0 deleted, 3 unchanged" in second.stdout
    write(
        corpus,
        "2022-05-02-b.txt",
        "Gesprek in Parijs\n\nMacron voerde gesprekken met Zelensky over Oekraïne.",
    )
    (corpus / "site_src" / "articles" / "2021-03-01-a.txt").unlink()
    write(corpus, "2023-01-01-d.txt", "Nieuw\n\nMark Rutte bezocht Kiev.")
    third = archive("build", cwd=corpus)
    assert "1 added, 1 updated, 1 deleted, 1 unchanged" in third.stdout
    assert titles(corpus, "--person", "Zelensky") == ["Gesprek in Parijs"]
    assert titles(corpus, "--person", "Poetin") == []
    assert titles(corpus, "Scholz") == []
    (corpus / "site_src" / "actors.yml").write_text("reject: [person:emmanuel-macron]\n")
    fourth = archive("build", cwd=corpus)
    assert "0 added, 2 updated, 0 deleted, 1 unchanged" in fourth.stdout
    full = archive("build", "--full", cwd=corpus)
    assert "3 added, 0 updated, 0 deleted, 0 unchanged" in full.stdout


@pytest.mark.e2e
def test_second_writer_waits_then_stops_with_a_clear_message_and_readers_keep_working(corpus):
    from whoosh import index

    ix = index.open_dir(str(corpus / "build" / "index"))
    holder = ix.writer()  # another build holding the lock
    try:
        result = archive("build", cwd=corpus, check=False)
        assert result.returncode == 2
        assert "another build is writing the search index" in result.stderr
        assert f"waited {LOCK_WAIT:.0f} s" in result.stderr
        assert titles(corpus, "--person", "Macron")  # searching still works on the last commit
    finally:
        holder.cancel()
    assert archive("build", cwd=corpus).returncode == 0


@pytest.mark.e2e
def test_missing_or_corrupt_index_says_how_to_rebuild(corpus, tmp_path):
    missing = archive("search", "x", "--index", str(tmp_path / "nowhere"), cwd=corpus, check=False)
    assert (
        missing.returncode == 2 and "no search index" in missing.stderr and "archive build" in missing.stderr
    )
    for segment in (corpus / "build" / "index").glob("*.seg"):
        segment.write_bytes(b"garbage")
    for toc in (corpus / "build" / "index").glob("_MAIN_*.toc"):
        toc.write_bytes(b"garbage")
    broken = archive("search", "x", cwd=corpus, check=False)
    assert broken.returncode == 2 and "unreadable" in broken.stderr and "--full" in broken.stderr
    with pytest.raises(IndexError_):
        search("x", index_path=corpus / "build" / "index")
    assert archive("build", cwd=corpus).returncode == 0  # the build rebuilds what it cannot read
    assert titles(corpus, "--person", "Macron")


@pytest.mark.e2e
def test_concurrent_searches_during_a_build_see_a_complete_index(corpus):
    errors: list[Exception] = []

    def reader() -> None:
        for _ in range(20):
            try:
                assert len(search(persons=["Macron"], index_path=corpus / "build" / "index").hits) == 3
            except Exception as error:  # noqa: BLE001 - collected and reported below
                errors.append(error)

    thread = threading.Thread(target=reader)
    thread.start()
    archive("build", "--full", cwd=corpus)
    thread.join()
    assert not errors, errors[:3]


@pytest.mark.e2e
def test_date_ranges_leave_out_undated_articles(corpus):
    write(corpus, "zonder-datum.txt", "Zonder datum\n\nMacron sprak met Scholz over sancties.")
    archive("build", cwd=corpus)
    assert "Zonder datum" in titles(corpus, "--person", "Macron")
    assert "Zonder datum" not in titles(corpus, "--person", "Macron", "--since", "2000-01-01")
    assert "Zonder datum" not in titles(corpus, "--person", "Macron", "--until", "2100-01-01")


@pytest.mark.e2e
def test_date_ranges_find_the_dated_articles_of_a_segment_after_one_of_undated_articles(tmp_path):
    """Whoosh keeps no date column for a segment of undated articles only; the dates of the
    segments after it must stay with their own articles."""
    write(tmp_path, "zonder-datum.txt", "Zonder datum\n\nMacron sprak met Scholz over sancties.")
    archive("build", cwd=tmp_path)
    write(tmp_path, "2021-03-01-a.txt", "Overleg in Berlijn\n\nMacron sprak met Scholz in Berlijn.")
    write(tmp_path, "2023-05-02-b.txt", "Later overleg\n\nMacron sprak met Scholz in Parijs.")
    archive("build", cwd=tmp_path)
    assert len(segments(tmp_path / "build" / "index")) == 2  # the undated segment comes first
    assert titles(tmp_path, "--person", "Macron", "--since", "2022-01-01") == ["Later overleg"]
    assert titles(tmp_path, "--person", "Macron", "--until", "2022-01-01") == ["Overleg in Berlijn"]
    assert sorted(titles(tmp_path, "--person", "Macron")) == [
        "Later overleg",
        "Overleg in Berlijn",
        "Zonder datum",
    ]


@pytest.mark.e2e
def test_totals_facets_and_the_best_hits_are_those_of_whoosh_scoring_every_match(corpus):
    """The search counts matches from sets of document numbers and scores only the best: the
    same total, facet counts and ranked hits as Whoosh's own search of every match."""
    from whoosh import qparser

    index = corpus / "build" / "index"
    handle = search_module._handle(index)
    reader, display = handle.searcher.reader(), handle.tables.display
    fields_ = [f"{kind}_{lang}" for lang in ("nl", "en", "other") for kind in ("title", "body")]
    for text in ("Macron", "Macron OR Scholz", "Macron AND NOT Scholz", '"gesprekken met Poetin"', "gespr*",
                 "Ukraine OR Rusland"):  # fmt: skip
        parsed = qparser.MultifieldParser([*fields_, "names"], handle.ix.schema).parse(text)
        every = handle.searcher.search(parsed, limit=None)
        results = search(text, limit=2, index_path=index)
        assert results.total == len(every) > 0, text
        assert [(hit.id, hit.score) for hit in results.hits] == [
            (hit["id"], round(hit.score, 3)) for hit in every[:2]
        ], text
        persons: Counter[str] = Counter()
        for docnum in every.docs():
            persons.update(
                display[i] for i in reader.stored_fields(docnum).get("persons", "").split(",") if i
            )
        assert results.facets["persons"] == dict(
            sorted(persons.items(), key=lambda item: (-item[1], item[0]))
        )


def read_in_process(root: Path):
    """The archive read and its actors resolved, in this process: what `update_index` takes."""
    options = BuildOptions(
        source=root / "site_src",
        docs=root / "docs",
        report=root / "build" / "report.json",
        index=root / "index",
    )
    archive_ = read_and_resolve(options, Stopwatch())
    return archive_.report.published, archive_.actors


def segments(index: Path) -> set[str]:
    return {segment.name for segment in index.glob("*.seg")}


def found(index: Path, *queries: dict) -> list[list[tuple[str, float]]]:
    return [
        [(hit.id, hit.score) for hit in search(index_path=index, limit=1000, **query).hits]
        for query in queries
    ]


def test_a_full_build_split_into_segments_and_processes_finds_and_ranks_as_one_segment_does(
    tmp_path, monkeypatch
):
    write_articles(tmp_path / "site_src" / "articles", range(40))
    articles, actors = read_in_process(tmp_path)
    update_index(tmp_path / "one", articles, actors, full=True, processes=1)
    monkeypatch.setattr(search_segments, "SEGMENT_MB", 0.01)  # a segment per few documents
    update_index(tmp_path / "split", articles, actors, full=True, processes=1)
    monkeypatch.setattr(search_parts, "PARALLEL_FROM", 2)  # half the articles in a forked process
    update_index(tmp_path / "forked", articles, actors, full=True, processes=2)
    assert len(segments(tmp_path / "one")) == 1
    assert len(segments(tmp_path / "split")) > 5
    assert len(segments(tmp_path / "forked")) > 5
    queries = (
        {"query": "begroting"},
        {"query": '"gesprekken met"'},
        {"persons": ["Olaf Scholz"]},
        {"query": "dag"},
    )
    assert found(tmp_path / "split", *queries) == found(tmp_path / "one", *queries)
    assert found(tmp_path / "forked", *queries) == found(tmp_path / "one", *queries)
    assert all(found(tmp_path / "one", *queries))


def test_increments_are_merged_with_each_other_and_never_into_the_full_builds_segments(tmp_path, monkeypatch):
    from whoosh import index

    def documents_per_segment() -> dict[str, int]:
        ix = index.open_dir(str(tmp_path / "index"))
        return {segment.segment_id(): segment.doc_count_all() for segment in ix._segments()}

    monkeypatch.setattr(search_segments, "SEGMENT_MB", 0.05)  # a segment per few documents
    monkeypatch.setattr(search_segments, "SEGMENT_DOCS_SMALL", 2)  # fewer: an increment's segment
    folder = tmp_path / "site_src" / "articles"
    write_articles(folder, range(30))
    articles, actors = read_in_process(tmp_path)
    update_index(tmp_path / "index", articles, actors, full=True)
    large = {segment for segment, count in documents_per_segment().items() if count >= 2}
    assert len(large) >= 5
    for added in range(30, 40):  # one article a build
        write_articles(folder, range(added, added + 1))
        articles, actors = read_in_process(tmp_path)
        update_index(tmp_path / "index", articles, actors)
        now = documents_per_segment()
        assert large <= now.keys()  # the full build's segments stay as they were written
        assert sum(count < 2 for count in now.values()) <= 4  # small ones are merged once four
    assert len(now.keys() - large) < 10  # ten builds, fewer segments: increments were merged
    assert len(search(index_path=tmp_path / "index", limit=1000).hits) == 40


def test_an_index_in_whooshs_own_text_format_is_rebuilt_in_the_archives(tmp_path):
    """The archive's text format gives the same postings faster; an index whose schema names
    Whoosh's (from an earlier release) is written again, so even `--full` builds switch."""
    from whoosh import fields, index

    old = schema()
    for _name, field in old.items():
        if isinstance(field.format, IndexedText):
            field.format = fields.TEXT().format.__class__(field_boost=field.format.field_boost)
    index.create_in(str(tmp_path), old)
    assert not same_fields(index.open_dir(str(tmp_path)).schema, schema())
    reopened = open_for_writing(tmp_path)
    assert type(reopened.schema["body_nl"].format) is IndexedText
    files = {path.name: path.stat().st_mtime_ns for path in tmp_path.iterdir()}
    open_for_writing(tmp_path)  # now in the archive's format: kept as it is
    assert {path.name: path.stat().st_mtime_ns for path in tmp_path.iterdir()} == files


def test_an_index_written_before_the_search_package_was_split_is_searched_and_updated_as_it_is(
    tmp_path, monkeypatch
):
    """Its schema and sidecar pickle the analyzer, format and signature classes under
    `build_archive.search.index`, where they were defined then: that module still names them, so
    the index is neither unreadable for `archive search` nor rebuilt by the next build."""
    from build_archive.model import IndexStats
    from build_archive.search import analysis, postings, signatures

    write_articles(tmp_path / "site_src" / "articles", range(12))
    articles, actors = read_in_process(tmp_path)
    before = tmp_path / "before"
    pickled_classes: tuple[type, ...] = (
        analysis.DutchPluralFilter,
        analysis.WordAnalyzer,
        postings.IndexedText,
    )
    for moved in (*pickled_classes, signatures.Signed, signatures.SignedDoc):
        monkeypatch.setattr(moved, "__module__", "build_archive.search.index")
    update_index(before, articles, actors, full=True, processes=1)
    monkeypatch.undo()
    for pickled in (next(before.glob("_MAIN_*.toc")), before / signatures.SIDECAR):
        assert b"build_archive.search.index" in pickled.read_bytes()
        assert b"build_archive.search.analysis" not in pickled.read_bytes()
        assert b"build_archive.search.signatures" not in pickled.read_bytes()
    update_index(tmp_path / "after", articles, actors, full=True, processes=1)
    queries = ({"query": "begroting"}, {"persons": ["Olaf Scholz"]}, {"query": '"gesprekken met"'})
    assert found(before, *queries) == found(tmp_path / "after", *queries) and all(found(before, *queries))
    files = {path.name: path.stat().st_mtime_ns for path in before.glob("MAIN_*")}
    assert update_index(before, articles, actors) == IndexStats(0, 0, 0, len(articles))
    assert {path.name: path.stat().st_mtime_ns for path in before.glob("MAIN_*")} == files  # not rebuilt
    ix = open_for_writing(before)
    assert signatures.read_signed(before, signatures.commit_tag(before, ix.indexname, ix.latest_generation()))


def test_indexed_text_gives_the_postings_whooshs_own_analysis_gives():
    """Positions (stop words renumbered), frequencies and weights per term, for each language."""
    from whoosh import formats

    text = "De gesprekken over de invasies en de sancties, de NAVO en Zelensky: talks in Kyiv, 3.5 procent!"
    for lang in ("nl", "en", "other"):
        words = analyzer(lang)
        ours = list(IndexedText(field_boost=2.0).word_values(text, words, mode="index"))
        theirs = list(formats.Positions(field_boost=2.0).word_values(text, words, mode="index"))
        assert ours == theirs and len(ours) > 5


def fresh_search(index: Path, **query) -> search_module.Results:
    """A search as a new process makes it: nothing of an earlier search kept."""
    search_module._HANDLES.clear()
    return search(index_path=index, **query)


QUERIES = (
    {"persons": ["Macron"]},
    {"query": "gesprekken", "countries": ["Oekraine"]},
    {"persons": ["Macron"], "since": dt.date(2022, 1, 1)},
    {"query": "Macron OR Scholz", "limit": 1},
)


def test_a_search_reads_the_tables_the_build_kept_for_its_commit_and_finds_the_same_without_them(corpus):
    index = corpus / "build" / "index"
    tables = index / search_module.TABLES
    assert tables.is_file()
    kept = [fresh_search(index, **query) for query in QUERIES]
    assert kept[0].total == 3 and kept[0].facets["persons"]["Olaf Scholz"] == 1
    tables.unlink()  # made from the index by the search, as before the build kept them
    assert [fresh_search(index, **query) for query in QUERIES] == kept


def test_tables_kept_for_an_earlier_commit_are_not_used(corpus):
    index = corpus / "build" / "index"
    earlier = (index / search_module.TABLES).read_bytes()
    write(corpus, "2023-01-01-d.txt", "Nieuw\n\nMark Rutte bezocht Kiev en sprak met Macron.")
    archive("build", cwd=corpus)
    # As a build killed between its commit and keeping the tables leaves them: trusted, they
    # would know no Mark Rutte and count Macron's articles without the new one.
    (index / search_module.TABLES).write_bytes(earlier)
    assert [hit.title for hit in fresh_search(index, persons=["Rutte"]).hits] == ["Nieuw"]
    assert fresh_search(index, persons=["Macron"]).facets["persons"]["Emmanuel Macron"] == 4


def test_tables_kept_for_another_actors_file_are_not_used(corpus):
    """The tables name the actors of the actors.json they were made with: one rewritten since
    (an editor's rename, with the index unchanged) is read instead of the kept tables."""
    index = corpus / "build" / "index"
    assert fresh_search(index, persons=["Macron"]).facets["persons"]["Emmanuel Macron"] == 3
    actors = json.loads((index / "actors.json").read_text(encoding="utf-8"))
    for actor in actors:
        if actor["name"] == "Emmanuel Macron":
            actor["name"] = "President Macron"
    (index / "actors.json").write_text(json.dumps(actors, ensure_ascii=False), encoding="utf-8")
    found = fresh_search(index, persons=["Macron"])
    assert (
        found.facets["persons"]["President Macron"] == 3 and "Emmanuel Macron" not in found.facets["persons"]
    )


def test_damaged_or_missing_tables_are_made_from_the_index_with_the_same_results(corpus):
    index = corpus / "build" / "index"
    kept = [fresh_search(index, **query) for query in QUERIES]
    tables = index / search_module.TABLES
    whole = tables.read_bytes()
    for damaged in (whole[: len(whole) // 2], whole[:5], b"", b"not the tables at all" * 100):
        tables.write_bytes(damaged)
        assert [fresh_search(index, **query) for query in QUERIES] == kept
    tables.unlink()
    assert [fresh_search(index, **query) for query in QUERIES] == kept


def test_facet_counts_are_the_same_for_few_some_and_most_documents_matching():
    """Few matches are counted from their own pairs, some by marking them, most by taking the
    others' pairs off the totals: each gives what counting every match one by one gives."""
    from build_archive.search.strings import Strings

    rng = np.random.default_rng(19)
    documents, groups = 400, 30
    pairs = sorted(
        {
            (int(d), int(g))
            for d, g in zip(rng.integers(0, documents, 2000), rng.integers(0, groups, 2000), strict=True)
        }
    )
    pairs = [(d, g) for d, g in pairs if d % 7]  # documents without any pair (deleted, or without actors)
    owners = np.array([d for d, _ in pairs], dtype=np.int32)
    of_group = np.array([g for _, g in pairs], dtype=np.int32)
    starts = np.zeros(documents + 1, dtype=np.int64)
    np.cumsum(np.bincount(owners, minlength=documents), out=starts[1:])
    table = search_module.FacetTable(
        owners, of_group, Strings.of(f"name {g:02d}" for g in range(groups)),
        {"persons": (0, 20), "year": (20, groups)}, starts, np.bincount(of_group, minlength=groups).astype(np.int64),
    )  # fmt: skip
    for size in (0, 1, 20, 49, 51, 150, 199, 201, 300, 400):
        matches = np.sort(rng.choice(documents, size, replace=False)).astype(np.int64)
        counted = Counter(g for d, g in pairs if d in set(matches.tolist()))
        expected = {
            facet: {
                f"name {g:02d}": n
                for g, n in sorted(counted.items(), key=lambda i: (-i[1], i[0]))
                if a <= g < b
            }
            for facet, (a, b) in table.spans.items()
        }
        assert search_module.count_facets(table, matches, documents) == expected, size


def test_names_in_any_script_are_found_in_kept_tables_with_their_actors_in_order(tmp_path):
    """The actors by folded name and their display names, kept as sorted strings and mapped
    again: every name is found (bytes of UTF-8 sort as their characters), none that is not."""
    from build_archive.search.arrays import load_mapped, save_mapped
    from build_archive.search.strings import Display, NameIndex, Strings

    display = {
        "person:zoe": "Zoë Ångström", "person:a": "A", "person:putin": "Vladimir Poetin",
        "person:xi": "习近平", "org:nato": "NAVO", "place:kyiv": "Kyjiw 🇺🇦", "person:empty-name": "",
    }  # fmt: skip
    by_name = {
        "zoe angstrom": ["person:zoe"], "a": ["person:a", "org:nato"], "путин": ["person:putin"],
        "poetin": ["person:putin"], "习近平": ["person:xi"], "navo": ["org:nato", "person:a"],
        "kyjiw 🇺🇦": ["place:kyiv"], "": ["person:empty-name"],
    }  # fmt: skip
    shown = Display.of(display)
    names = NameIndex.of(by_name, shown)
    parts = [names.names.buffer, names.names.ends, names.starts, names.actors]
    parts += [shown.ids.buffer, shown.ids.ends, shown.names.buffer, shown.names.ends]
    save_mapped(tmp_path / "tables", ("key", 1), parts)
    assert load_mapped(tmp_path / "tables", ("key", 2)) is None
    kept = load_mapped(tmp_path / "tables", ("key", 1))
    assert kept is not None
    again = Display(Strings(*kept.parts[4:6]), Strings(*kept.parts[6:8]))
    found = NameIndex(Strings(*kept.parts[0:2]), kept.parts[2], kept.parts[3], again)
    assert dict(found) == by_name and dict(again) == display
    for missing in ("zoe", "zoe angstromm", "b", "навo", " "):
        assert found.get(missing) is None
    assert again.get("person:nobody") is None
    many = Strings.of(sorted(f"name {number}" for number in range(1000)))
    assert many.take(np.arange(999, -1, -3)) == [many[number] for number in range(999, -1, -3)]


def test_archive_search_imports_neither_the_build_nor_mkdocs(corpus):
    """A cold `archive search` pays for what searching needs only."""
    script = (
        "import sys; from build_archive.cli import main; main(['search', '--person', 'Macron']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('mkdocs', 'markdown', 'yaml', 'babel', 'trafilatura') or m in "
        "('build_archive.build', 'build_archive.generate.article_pages', 'build_archive.actors.find', 'build_archive.actors.resolve')))"
    )
    result = run([sys.executable, "-c", script], cwd=corpus)
    assert "Emmanuel Macron" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_archive_search_leaves_out_what_whoosh_and_numpy_import_for_no_search(corpus):
    """Whoosh's download helper (urllib.request), cached_property's asyncio, English morphology
    and numpy's masked arrays are not imported by a search, and are the real modules when
    imported afterwards."""
    unused = ("urllib.request", "asyncio", "whoosh.lang.morph_en", "numpy.ma", "http.client")
    script = (
        "import sys; from build_archive.cli import main; main(['search', 'gesprekken', '--person', 'Macron']); "
        f"print(sorted(m for m in {unused!r} if m in sys.modules)); "
        "import urllib.request, asyncio, whoosh.compat, whoosh.query.terms, cached_property; "
        "print(callable(urllib.request.urlopen), callable(asyncio.run), whoosh.compat.urlretrieve.__name__, "
        "sorted(whoosh.query.terms.variations('talks')), cached_property.asyncio.iscoroutinefunction(asyncio.sleep))"
    )
    result = run([sys.executable, "-c", script], cwd=corpus)
    assert "Emmanuel Macron" in result.stdout
    assert result.stdout.strip().splitlines()[-2:] == ["[]", "True True urlretrieve ['talk', 'talks'] True"]


def tables_of(index: Path, rows: dict | None) -> search_module.Tables:
    ix, searcher = search_module._open(index)
    with searcher:
        reader = searcher.reader()
        return search_module.make_tables(reader, search_module._actors_bytes(index), index, rows)


@pytest.mark.e2e
def test_tables_kept_after_adding_and_editing_articles_are_those_of_the_whole_index_read_again(corpus):
    """A commit reads the facet values of its new segment only and keeps the older segments'
    rows, without the documents it deleted from them."""
    index = corpus / "build" / "index"
    write(corpus, "2023-01-01-d.txt", "Nieuw\n\nMark Rutte bezocht Kiev en sprak met Macron.")
    write(corpus, "2022-05-02-b.txt", "Gesprek in Parijs\n\nMacron sprak met Zelensky over Oekraïne.")
    archive("build", cwd=corpus)
    ix, searcher = search_module._open(index)
    with searcher:
        segments = {segment.segment().segment_id() for segment, _ in searcher.reader().leaf_readers()}
        assert len(segments) > 1 and searcher.reader().has_deletions()
    assert {file.stem for file in (index / search_module.ROWS).iterdir()} == segments
    kept, again = tables_of(index, None), tables_of(index, {})  # {}: every segment read from its postings
    assert (
        kept.facets.names.tolist() == again.facets.names.tolist() and kept.facets.spans == again.facets.spans
    )
    assert kept.facets.owners.tolist() == again.facets.owners.tolist()
    assert kept.facets.groups.tolist() == again.facets.groups.tolist()
    results = fresh_search(index, persons=["Macron"])
    assert results.facets["persons"] == {
        "Emmanuel Macron": 4,
        "Mark Rutte": 1,
        "Olaf Scholz": 1,
        "Keir Starmer": 1,
        "Volodymyr Zelensky": 1,
    }
    archive("build", "--full", cwd=corpus)
    rebuilt = fresh_search(index, persons=["Macron"])
    assert (rebuilt.total, rebuilt.facets) == (results.total, results.facets)


def segmented_index(root: Path, monkeypatch) -> Path:
    """An index of 60 articles in several segments, one with a deleted document (an edited
    article's), where many articles tie (their sentences are the same)."""
    articles_folder = root / "site_src" / "articles"
    write_articles(articles_folder, range(60))
    monkeypatch.setattr(search_segments, "SEGMENT_MB", 0.01)  # a segment per few documents
    monkeypatch.setattr(search_segments, "SEGMENT_DOCS_SMALL", 2)  # fewer: an increment's segment
    articles, actors = read_in_process(root)
    index = root / "index"
    update_index(index, articles, actors, full=True, processes=1)
    edited = sorted(articles_folder.iterdir())[7]
    edited.write_text(edited.read_text() + "\nDe begroting werd later herzien na overleg.\n")
    articles, actors = read_in_process(root)
    update_index(index, articles, actors)
    ix, searcher = search_module._open(index)
    with searcher:
        assert len(searcher.reader().leaf_readers()) > 3
        assert any(segment.has_deletions() for segment, _ in searcher.reader().leaf_readers())
    return index


def test_facets_of_few_matches_counted_from_their_own_pairs_are_those_of_every_pair_read(
    tmp_path, monkeypatch
):
    index = segmented_index(tmp_path, monkeypatch)
    queries = (
        {"persons": ["Mark Rutte"]},
        {"query": "herzien"},
        {"query": "begroting", "until": dt.date(2023, 3, 31)},
        {"query": "dag"},
    )
    monkeypatch.setattr(search_module, "FEW_MATCHES", 10**9)  # every set of matches is few
    gathered = [fresh_search(index, **query).facets for query in queries]
    monkeypatch.setattr(search_module, "FEW_MATCHES", 0)  # none is
    assert [fresh_search(index, **query).facets for query in queries] == gathered
    assert all(facets["persons"] for facets in gathered)


def test_unions_marked_over_the_documents_are_those_sorted(tmp_path, monkeypatch):
    index = segmented_index(tmp_path, monkeypatch)
    queries = (
        {"query": "begroting OR herzien"},
        {"query": "begr*"},
        {"query": "dag", "persons": ["Mark Rutte"]},
    )
    monkeypatch.setattr(search_module, "UNION_MASK", 10**9)  # every union marked
    marked = [fresh_search(index, limit=1000, **query) for query in queries]
    monkeypatch.setattr(search_module, "UNION_MASK", 0)  # every union sorted
    assert [fresh_search(index, limit=1000, **query) for query in queries] == marked
    assert all(results.total for results in marked)


def test_matches_scored_as_arrays_give_what_whoosh_ranking_the_whole_index_gives(tmp_path, monkeypatch):
    """The search scores the matches it counted, as arrays, from the postings it read to count
    them (a phrase among few documents, by Whoosh's matchers over those documents' postings): the
    same totals, hits (order, scores, snippets) and facets as Whoosh's ranking over the whole
    index, filtered or not, on an index of several segments, one with a deleted document, where
    many articles tie (their sentences are the same) so that the order of equal scores counts."""
    index = segmented_index(tmp_path, monkeypatch)
    queries = (
        {"query": "begroting", "persons": ["Mark Rutte"]},
        {"query": "begroting OR herzien", "countries": ["Frankrijk"]},
        {"query": "gesprekken AND NOT herzien", "persons": ["Olaf Scholz"]},
        {"query": "begr*", "persons": ["Dick Schoof"], "countries": ["Polen"]},
        {"query": "herzien"},
        {"persons": ["Emmanuel Macron"]},
        {"query": "dag", "persons": ["Mark Rutte"], "since": dt.date(2023, 6, 1)},
        {"query": "begroting", "until": dt.date(2023, 3, 31)},
        {"query": '"de begroting"', "persons": ["Mark Rutte"]},
        {"query": '"gesprekken met de buurlanden" OR herzien', "since": dt.date(2023, 9, 1)},
        {"since": dt.date(2023, 6, 1)},  # every document of the dates
    )
    every = [search_module.search(index_path=index, limit=1000, **query) for query in queries]
    best = [search_module.search(index_path=index, limit=3, **query) for query in queries]
    monkeypatch.setattr(search_module, "scored_alone", lambda node: False)  # every query ranked by Whoosh,
    monkeypatch.setattr(search_module, "FEW", 0)  # phrases matched by Whoosh too
    assert [search_module.search(index_path=index, limit=1000, **query) for query in queries] == every
    assert [search_module.search(index_path=index, limit=3, **query) for query in queries] == best
    assert all(results.hits for results in every)
    assert any(len({hit.score for hit in results.hits}) < len(results.hits) for results in every)
    monkeypatch.undo()
    shutil.rmtree(index / search_arrays.ARRAYS)  # every term read from Whoosh's postings instead
    assert [fresh_search(index, limit=1000, **query) for query in queries] == every


def every_posting(segment, fieldname: str, text: bytes) -> tuple[list[int], list[float]]:
    """A term's documents and weights in a segment as Whoosh's matcher steps through them,
    deleted documents included."""
    matcher = segment._terms.matcher(fieldname, text, segment.schema[fieldname].format)
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def test_the_postings_kept_as_arrays_are_whooshs_own_for_every_term_of_every_segment(tmp_path, monkeypatch):
    """Beside the index, each segment's documents and weights per term, deleted documents
    included; a search reads them as it reads Whoosh's postings, deleted ones left out."""
    articles_folder = tmp_path / "site_src" / "articles"
    write_articles(articles_folder, range(30))
    (articles_folder / "2023-02-02-engels.txt").write_text(
        "Talks in Kyiv\n\nThe talks in Kyiv went on; the talks will resume after the talks in Warsaw.\n"
    )
    monkeypatch.setattr(search_segments, "SEGMENT_MB", 0.01)  # a segment per few documents
    monkeypatch.setattr(search_segments, "SEGMENT_DOCS_SMALL", 2)
    articles, actors = read_in_process(tmp_path)
    index = tmp_path / "index"
    update_index(index, articles, actors, full=True, processes=1)
    (articles_folder / "2023-01-01-bericht-0.txt").unlink(missing_ok=True)
    first = sorted(articles_folder.glob("*.txt"))[0]
    first.write_text(first.read_text() + "\nDe begroting werd later herzien.\n")
    articles, actors = read_in_process(tmp_path)
    update_index(index, articles, actors)
    ix, searcher = search_module._open(index)
    terms = 0
    with searcher:
        leaves = [segment for segment, _ in searcher.reader().leaf_readers()]
        assert len(leaves) > 3 and any(segment.has_deletions() for segment in leaves)
        kept = search_module.kept_postings(index, searcher.reader())
        assert {file.stem for file in (index / search_arrays.ARRAYS).iterdir()} == {
            segment.segment().segment_id() for segment in leaves
        }
        for segment, postings in zip(leaves, kept, strict=True):
            assert postings.arrays is not None
            within = np.arange(0, segment.doc_count_all(), 2, dtype=np.int64)
            for (fieldname, text), info in segment._terms.items():
                ids, weights = every_posting(segment, fieldname, text)
                stored = postings.arrays.postings(info.extent()[0])
                if fieldname in search_arrays.UNKEPT:
                    assert stored is None
                    continue
                assert stored is not None
                assert (stored[0].tolist(), stored[1].tolist()) == (ids, weights)
                for among in (None, within):
                    ours = search_module.read_postings(segment, fieldname, text, among, kept=postings)
                    theirs = search_module.read_postings(segment, fieldname, text, among)
                    assert ours[0].tolist() == theirs[0].tolist() and ours[1].tolist() == theirs[1].tolist()
                terms += 1
    assert terms > 500


def test_arrays_kept_before_their_header_held_more_are_still_mapped(tmp_path):
    """A segment's arrays kept by earlier releases (a header of the key and the layout alone)
    are read as they are, not made again by the next build."""
    import pickle
    import struct

    parts: list[np.ndarray] = [np.arange(5, dtype=np.int64), np.array([3, 1, 2], dtype=np.int32)]
    parts.append(np.zeros(0, dtype=np.float32))
    layout, at = [], 0
    for part in parts:
        layout.append((part.dtype.str, len(part), at))
        at += -(-part.nbytes // 16) * 16
    header = pickle.dumps((("key", 1), layout))
    base = -(-(8 + len(header)) // 16) * 16
    with open(tmp_path / "old.arrays", "wb") as handle:
        handle.write(struct.pack("<q", len(header)) + header)
        for part, (_, _, offset) in zip(parts, layout, strict=True):
            handle.seek(base + offset)
            handle.write(part.tobytes())
    kept = search_arrays.load_mapped(tmp_path / "old.arrays", ("key", 1))
    assert kept is not None and kept.extra is None
    assert [part.tolist() for part in kept.parts] == [part.tolist() for part in parts]
    assert [part.dtype for part in kept.parts] == [part.dtype for part in parts]
    search_arrays.save_mapped(tmp_path / "new.arrays", ("key", 1), parts, {"spans": (0, 3)})
    again = search_arrays.load_mapped(tmp_path / "new.arrays", ("key", 1))
    assert again is not None and again.extra == {"spans": (0, 3)}
    assert [part.tolist() for part in again.parts] == [part.tolist() for part in parts]
