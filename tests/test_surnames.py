"""One actor per person across the archive: a bare surname joins the one full name of its
period, a lone given name never stands alone, and the editor's register wins."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import archive

from build_archive.actors.find import find_actors
from build_archive.actors.lexicon import load_lexicon
from build_archive.actors.register import Register, parse_register
from build_archive.actors.resolve import SURNAME_LAYER, join_surnames
from build_archive.model import Article, Mention


def analysed(texts: Sequence[tuple[str, str | None, str]], register: Register | None = None) -> list[Article]:
    register = register or Register()
    lexicon = load_lexicon("nl", register)
    return [
        find_actors(
            Article(
                id=str(n),
                title="t",
                body=text,
                source=f"{n}.txt",
                content_hash="",
                lang=lang,
                date=dt.date.fromisoformat(date) if date else None,
            ),
            lexicon,
            register,
        )  # fmt: skip
        for n, (text, date, lang) in enumerate(texts)
    ]


def mentions(article: Article) -> list[tuple[str, str, str]]:
    return [(m.actor_id, m.text, m.layer) for m in article.mentions]


def test_join_surnames_joins_in_period_holds_ambiguous_apart_and_drops_lone_given_names():
    articles = analysed(
        [
            ("Woordvoerder Piet Jansen zei dat de begroting rond is.", "2021-01-10", "nl"),
            ("Gisteren zei Jansen dat de begroting rond is.", "2022-05-01", "nl"),
            ("Gisteren zei Jansen dat de begroting rond is.", "2031-05-01", "nl"),  # another decade
            ("Gisteren zei Jansen dat de begroting weer rond is.", None, "nl"),  # undated: any period
            ("Former president Ronald Reagan said the budget was done.", "1987-01-01", "en"),
            ("His wife Nancy Reagan said the budget was done.", "1988-01-01", "en"),
            ("On Monday, Reagan said the budget was done.", "1987-06-01", "en"),
            ("Later George W said the vote would wait.", "2020-01-01", "en"),
            ("Senator George W. Harlow spoke. Later George W said the vote would wait.", "2020-01-01", "en"),
        ]
    )
    joined, ambiguous = join_surnames(articles, load_lexicon("nl"), Register())
    assert mentions(joined[1]) == [("person:piet-jansen", "Jansen", SURNAME_LAYER)]
    assert joined[1].actors == ("person:piet-jansen",)
    assert mentions(joined[2]) == mentions(articles[2]) == [("person:jansen", "Jansen", "rule:person-cue")]
    assert joined[3].actors == ("person:piet-jansen",)
    assert joined[6].actors == ("person:reagan",)
    [held] = ambiguous
    assert (held.surname, held.actor_id, held.articles) == ("Reagan", "person:reagan", 1)
    assert held.candidates == (
        ("person:nancy-reagan", "Nancy Reagan"),
        ("person:ronald-reagan", "Ronald Reagan"),
    )
    assert joined[7].actors == () and joined[7].mentions == ()
    assert joined[8].actors == ("person:george-w-harlow",)
    assert mentions(joined[8])[1] == ("person:george-w-harlow", "George", "resolve:first-name")
    assert joined[0] is articles[0]  # unchanged articles are passed on as they are


@pytest.mark.slow
def test_the_register_keeps_a_surname_apart_and_its_merges_and_rejects_win():
    texts = [
        ("Woordvoerder Piet Jansen zei dat de begroting rond is.", "2021-01-10", "nl"),
        ("Gisteren zei Jansen dat de begroting rond is.", "2021-05-01", "nl"),
    ]
    for data, expected in [
        ({"merge": {"person:jansen": "person:jansen"}}, ("person:jansen",)),
        ({"merge": {"person:jansen": "person:kees-jansen"}}, ("person:kees-jansen",)),
        ({"actors": [{"id": "person:jansen", "name": "Jansen"}]}, ("person:jansen",)),
        ({"reject": ["person:jansen"]}, ()),
        ({"reject": ["person:piet-jansen"]}, ("person:jansen",)),
    ]:
        register = parse_register(data, "actors.yml")
        joined, _ = join_surnames(analysed(texts, register), load_lexicon("nl", register), register)
        assert joined[1].actors == expected, data


def write(folder: Path, name: str, date: str | None, lang: str, text: str) -> None:
    dated = f"date: {date}\n" if date else ""
    (folder / f"{name}.md").write_text(f"---\ntitle: {name}\n{dated}lang: {lang}\n---\n{text}\n")


def exported(root: Path) -> tuple[dict[str, dict], dict[str, dict]]:
    """Article title -> export record, and actor id -> actors.json record."""
    lines = (root / "docs/export/articles.jsonl").read_text().splitlines()
    records = {r["title"]: r for r in map(json.loads, lines)}
    actors = {a["id"]: a for a in json.loads((root / "docs/export/actors.json").read_text())}
    return records, actors


def persons(record: dict) -> dict[str, list[tuple[str, str]]]:
    return {p["id"]: [(m["text"], m["layer"]) for m in p["mentions"]] for p in record["persons"]}


@pytest.mark.e2e
def test_a_built_archive_has_one_actor_per_person_and_reports_the_ambiguous(tmp_path):
    articles = tmp_path / "site_src" / "articles"
    articles.mkdir(parents=True)
    write(articles, "volledig", "2021-01-10", "nl", "Woordvoerder Piet Jansen zei dat de begroting rond is.")
    for n in range(3):
        write(
            articles, f"jansen-{n}", f"2022-0{n + 1}-01", "nl", f"Gisteren zei Jansen dat plan {n} rond is."
        )
    write(articles, "later", "2035-01-01", "nl", "Gisteren zei Jansen dat het plan niet rond is.")
    write(articles, "minister", "2021-02-01", "nl", "Minister Hugo de Jonge zei dat het goed gaat.")
    write(articles, "de-jonge", "2021-03-01", "nl", "Gisteren zei De Jonge dat het beter gaat.")
    write(articles, "biden", "2021-03-01", "en", "Later Biden said the budget was done.")
    write(articles, "ronald", "1987-01-01", "en", "Former president Ronald Reagan said the budget was done.")
    write(articles, "nancy", "1988-01-01", "en", "His wife Nancy Reagan said the budget was done.")
    write(articles, "reagan", "1987-06-01", "en", "On Monday, Reagan said the budget was done.")
    write(articles, "george", "2020-01-01", "en", "Later George W said the vote would wait.")
    result = archive("build", cwd=tmp_path)
    assert (
        "1 surnames held apart" in result.stdout and "Reagan (Nancy Reagan, Ronald Reagan)" in result.stdout
    )
    records, actors = exported(tmp_path)
    for n in range(3):
        assert persons(records[f"jansen-{n}"]) == {
            "person:piet-jansen": [("Jansen", "resolve:archive-surname")]
        }
    assert actors["person:piet-jansen"]["articles"] == 4
    assert persons(records["later"]) == {"person:jansen": [("Jansen", "rule:person-cue")]}
    assert actors["person:jansen"]["articles"] == 1
    assert persons(records["de-jonge"]) == {"person:hugo-de-jonge": [("De Jonge", "resolve:archive-surname")]}
    assert "person:de-jonge" not in actors
    assert list(persons(records["biden"])) == ["person:joe-biden"]
    assert list(persons(records["reagan"])) == ["person:reagan"]
    assert records["george"]["persons"] == [] and "person:george-w" not in actors
    report = json.loads((tmp_path / "build/report.json").read_text())
    assert report["ambiguous_surnames"] == [
        {
            "surname": "Reagan",
            "id": "person:reagan",
            "articles": 1,
            "candidates": [
                {"id": "person:nancy-reagan", "name": "Nancy Reagan"},
                {"id": "person:ronald-reagan", "name": "Ronald Reagan"},
            ],
        }
    ]

    review = archive("actors", "--review", "--limit", "0", cwd=tmp_path).stdout
    reagan = review.split("(person:reagan)")[1]
    assert "surname of several persons" in reagan.splitlines()[0]
    assert "merge: {person:reagan: person:ronald-reagan}" in reagan
    assert "merge: {person:reagan: person:reagan}" in reagan and "reject: [person:reagan]" in reagan
    listed = json.loads(archive("actors", "--review", "--json", "--limit", "0", cwd=tmp_path).stdout)
    assert listed[0]["id"] == "person:reagan"
    jansen = next(item for item in listed if item["id"] == "person:jansen")
    assert "a one-word person name" in jansen["reasons"] and "reject: [person:jansen]" in jansen["fix"]
    assert not any(item["id"] == "person:joe-biden" for item in listed)  # the lists' own

    # The editor settles it: Reagan is Ronald Reagan, the later Jansen stays apart, no De Jonge.
    (tmp_path / "site_src/actors.yml").write_text(
        "merge:\n  person:reagan: person:ronald-reagan\n  person:jansen: person:jansen\nreject: [De Jonge]\n"
    )
    result = archive("build", cwd=tmp_path)
    assert "held apart" not in result.stdout
    records, actors = exported(tmp_path)
    assert persons(records["reagan"]) == {"person:ronald-reagan": [("Reagan", "rule:person-cue")]}
    assert persons(records["jansen-0"]) == {"person:jansen": [("Jansen", "rule:person-cue")]}
    assert persons(records["de-jonge"]) == {}
    assert actors["person:hugo-de-jonge"]["articles"] == 1


def test_review_flags_one_word_persons_and_common_words_but_not_listed_actors(tmp_path):
    from build_archive import review

    actors = [
        {"id": "person:they", "type": "person", "name": "They", "articles": 7},
        {"id": "person:piet-jansen", "type": "person", "name": "Piet Jansen", "articles": 5},
        {"id": "person:vladimir-putin", "type": "person", "name": "Vladimir Poetin", "articles": 1},
    ]
    (tmp_path / "site_src" / "articles").mkdir(parents=True)
    found = review.review(actors, [], tmp_path / "site_src")
    assert found == [
        {
            "id": "person:they",
            "type": "person",
            "name": "They",
            "articles": 7,
            "reasons": ["a one-word person name", "a common word"],
            "fix": ["reject: [person:they]"],
        }
    ]


@pytest.mark.e2e
def test_a_name_one_article_shows_to_be_an_actor_is_that_actor_in_the_others(tmp_path):
    articles = tmp_path / "site_src" / "articles"
    articles.mkdir(parents=True)
    write(articles, "full", "2021-01-10", "en", "Tolbrook Inc. reported higher profits on Monday.")
    write(articles, "bare", "2021-02-10", "en", "Shares rose after Tolbrook opened a new pit.")
    write(articles, "nl", "2021-03-10", "nl", "Gisteren zei Okafor dat de mijn opengaat.")
    write(articles, "cue", "2021-03-11", "nl", "Volgens minister Okafor gaat de mijn open.")
    write(articles, "word", "2021-03-12", "en", "Agreement was reached on Monday.")
    archive("build", cwd=tmp_path)
    records, actors = exported(tmp_path)
    [bare] = records["bare"]["organisations"]
    assert bare["id"] == "organisation:tolbrook-inc"
    assert [(m["text"], m["layer"]) for m in bare["mentions"]] == [("Tolbrook", "resolve:archive-name")]
    assert [p["id"] for p in records["nl"]["persons"]] == ["person:okafor"]
    assert actors["person:okafor"]["articles"] == 2
    assert not any(records["word"][key] for key in ("persons", "organisations", "places", "countries"))


def test_an_actor_is_named_the_same_whatever_the_order_of_its_articles():
    # Two forms of one name, each written once: the archive's order must not pick the name.
    from build_archive.actors.resolve import resolve_archive

    def article(n: int, text: str, lang: str) -> Article:
        body = (
            f"Toen sprak {text} over de begroting."
            if lang == "nl"
            else f"Then {text} spoke about the budget."
        )
        start = body.index(text)
        mention = Mention(f"person:{n // 2}", start, start + len(text), text, "rule:first-name")
        return Article(
            str(n), "t", body, f"{n}.txt", "", lang, mentions=(mention,), actors=(mention.actor_id,)
        )

    articles = [
        article(0, "J. K. VAN DALEN", "nl"),
        article(1, "J. K. van Dalen", "nl"),
        article(2, "Mary Holloway-Reyes", "en"),
        article(3, "MARY HOLLOWAY-REYES", "en"),
    ]
    lexicon = load_lexicon("nl")
    names = {a: s.actor.name for a, s in resolve_archive(articles, lexicon).items()}
    assert names == {a: s.actor.name for a, s in resolve_archive(articles[::-1], lexicon).items()}
    assert names == {"person:0": "J. K. van Dalen", "person:1": "Mary Holloway-Reyes"}


def test_a_surname_that_a_list_of_names_made_a_person_joins_its_own_articles_full_name():
    # Typed a person only by its neighbour in the list; another person of that surname in the
    # archive must not make it ambiguous.
    articles = analysed(
        [
            (
                "Wrestler Jon Calloway died on Monday, aged 41. In his years on television, as Max "
                "Brennan, Calloway, a tall figure, won three titles.",
                "2020-12-28",
                "en",
            ),
            ("Senator Ann Calloway said the bill would pass.", "2020-11-02", "en"),
            (
                "Wielrenner Piet Hogenkamp is maandag overleden. Samen met Kees Verbeek, Hogenkamp en "
                "Jan Stolk won hij drie etappes.",
                "2021-04-12",
                "nl",
            ),
            ("Burgemeester Anna Hogenkamp zei dat de weg dichtgaat.", "2021-03-01", "nl"),
        ]
    )
    joined, ambiguous = join_surnames(articles, load_lexicon("nl"), Register())
    assert ("person:jon-calloway", "Calloway", "resolve:surname") in mentions(joined[0])
    assert joined[0].actors == ("person:jon-calloway", "person:max-brennan")
    assert ("person:piet-hogenkamp", "Hogenkamp", "resolve:surname") in mentions(joined[2])
    assert "person:hogenkamp" not in joined[2].actors
    assert ambiguous == []
