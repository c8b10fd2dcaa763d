"""One actor per person across the archive: a bare surname joins the one full name of its
period, a lone given name never stands alone, and the editor's register wins."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import archive, docs_state

from build_archive.actors.find import find_actors
from build_archive.actors.lexicon import load_lexicon
from build_archive.actors.register import Register, parse_register
from build_archive.actors.resolve import SURNAME_LAYER, VARIANT_LAYER, join_surnames, resolve_archive
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
    assert "1 names held apart" in result.stdout and "Reagan (Nancy Reagan, Ronald Reagan)" in result.stdout
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
    assert "name of several persons" in reagan.splitlines()[0]
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


def reviewed(actors: list[dict], tmp_path) -> list[dict]:
    """`archive actors --review` on these exported actors, with no mentions and no articles."""
    from build_archive import review

    (tmp_path / "site_src" / "articles").mkdir(parents=True)
    return review.review(actors, [], tmp_path / "site_src")


def test_review_flags_one_word_persons_and_common_words_but_not_listed_actors(tmp_path):
    actors = [
        {"id": "person:they", "type": "person", "name": "They", "articles": 7},
        {"id": "person:piet-jansen", "type": "person", "name": "Piet Jansen", "articles": 5},
        {"id": "person:vladimir-putin", "type": "person", "name": "Vladimir Poetin", "articles": 1},
    ]
    found = reviewed(actors, tmp_path)
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


def test_review_lists_the_most_seen_suspects_first(tmp_path):
    actors = [
        {"id": "person:okafor", "type": "person", "name": "Okafor", "articles": 1},
        {"id": "organisation:agreement", "type": "organisation", "name": "Agreement", "articles": 12},
        {"id": "person:they", "type": "person", "name": "They", "articles": 3},
    ]
    found = reviewed(actors, tmp_path)
    assert [item["id"] for item in found] == ["organisation:agreement", "person:they", "person:okafor"]


def test_review_gives_a_surname_kept_apart_the_one_full_name_it_may_be(tmp_path):
    actors = [
        {"id": "person:okafor", "type": "person", "name": "Okafor", "articles": 16},
        {"id": "person:chidi-okafor", "type": "person", "name": "Chidi Okafor", "articles": 5},
        {"id": "person:van-aken", "type": "person", "name": "Van Aken", "articles": 4},
        {"id": "person:piet-van-aken", "type": "person", "name": "Piet van Aken", "articles": 2},
        {"id": "person:brandsma", "type": "person", "name": "Brandsma", "articles": 3},
        {"id": "person:jan-brandsma", "type": "person", "name": "Jan Brandsma", "articles": 2},
        {"id": "person:klaas-brandsma", "type": "person", "name": "Klaas Brandsma", "articles": 2},
    ]
    found = {item["id"]: item for item in reviewed(actors, tmp_path)}
    assert "the surname of Chidi Okafor, kept apart" in found["person:okafor"]["reasons"]
    assert "merge: {person:okafor: person:chidi-okafor}" in found["person:okafor"]["fix"]
    assert "merge: {person:van-aken: person:piet-van-aken}" in found["person:van-aken"]["fix"]
    assert not [fix for fix in found["person:brandsma"]["fix"] if fix.startswith("merge")]


def test_review_names_the_actor_of_another_type_that_has_the_same_name(tmp_path):
    actors = [
        {"id": "person:harwick", "type": "person", "name": "Harwick", "articles": 2},
        {"id": "organisation:harwick", "type": "organisation", "name": "Harwick", "articles": 9},
    ]
    found = {item["id"]: item for item in reviewed(actors, tmp_path)}
    assert "also organisation Harwick in 9 articles" in found["person:harwick"]["reasons"]
    assert found["person:harwick"]["fix"][0] == "merge: {person:harwick: organisation:harwick}"
    assert "also person Harwick in 2 articles" in found["organisation:harwick"]["reasons"]
    assert found["organisation:harwick"]["fix"] == ["reject: [organisation:harwick]"]


def test_review_flags_person_names_that_the_ocr_of_old_papers_misread(tmp_path):
    actors = [
        {"id": "person:bcrg", "type": "person", "name": "Bcrg", "articles": 2},
        {"id": "person:p-ivesthoff", "type": "person", "name": "P. IVesthoff", "articles": 2},
        {"id": "person:ijsselstein", "type": "person", "name": "IJsselstein", "articles": 2},
        {"id": "organisation:kgb", "type": "organisation", "name": "KGB", "articles": 2},
    ]
    found = reviewed(actors, tmp_path)
    misread = [item["id"] for item in found if "a word no language writes (misread?)" in item["reasons"]]
    assert misread == ["person:bcrg", "person:p-ivesthoff"]


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
    assert bare["id"] == "organisation:tolbrook"
    assert [(m["text"], m["layer"]) for m in bare["mentions"]] == [("Tolbrook", "resolve:archive-name")]
    assert [p["id"] for p in records["nl"]["persons"]] == ["person:okafor"]
    assert actors["person:okafor"]["articles"] == 2
    assert not any(records["word"][key] for key in ("persons", "organisations", "places", "countries"))


def test_an_actor_is_named_the_same_whatever_the_order_of_its_articles():
    # Two forms of one name, each written once: the archive's order must not pick the name.

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


# --- the full names of one person: one actor --------------------------------------------------


def test_the_full_names_of_one_person_join_and_then_take_its_surname_alone():
    articles = analysed(
        [
            ("Volgens R. Thorbecke moet de grondwet anders.", "1848-03-01", "nl"),
            ("Minister J. R. Thorbecke diende het voorstel in.", "1848-05-01", "nl"),
            ("De liberaal Johan Rudolph Thorbecke sprak lang. Later zei Thorbecke meer.", "1848-06-01", "nl"),
            ("Gisteren zei Thorbecke dat de grondwet af is.", "1848-07-01", "nl"),
            ("Volgens Marieke van der Laan gaat de haven open.", "2021-01-01", "nl"),
            ("Wethouder M. van der Laan opende de haven.", "2021-02-01", "nl"),
            ("Gisteren zei Van der Laan dat de haven open is.", "2021-03-01", "nl"),
            ("Former governor Ronald W. Reagan spoke in Ohio.", "1980-03-01", "en"),
            ("Challenger Ronald Reagan won the debate.", "1980-04-01", "en"),
            ("Challenger Ronald Reagan won the second debate.", "1980-04-02", "en"),
            ("On Monday, Reagan said the budget was done.", "1980-06-01", "en"),
        ]
    )
    joined, ambiguous = join_surnames(articles, load_lexicon("nl"), Register())
    thorbecke, laan, reagan = (
        "person:johan-rudolph-thorbecke",
        "person:marieke-van-der-laan",
        "person:ronald-reagan",
    )
    assert mentions(joined[0]) == [(thorbecke, "R. Thorbecke", VARIANT_LAYER)]
    assert mentions(joined[1]) == [(thorbecke, "J. R. Thorbecke", VARIANT_LAYER)]
    assert joined[2] is articles[2]  # the name the others join keeps its own mentions
    assert mentions(joined[3]) == [(thorbecke, "Thorbecke", SURNAME_LAYER)]
    assert mentions(joined[5]) == [(laan, "M. van der Laan", VARIANT_LAYER)]
    assert mentions(joined[6]) == [(laan, "Van der Laan", SURNAME_LAYER)]
    # The name of the most articles names the person; the variant keeps its own text.
    assert mentions(joined[7])[0] == (reagan, "Ronald W. Reagan", VARIANT_LAYER)
    assert joined[10].actors == (reagan,)
    assert ambiguous == []
    # Named as the person it became: its own full name, not the variants' more frequent ones.
    names = {a: s.actor.name for a, s in resolve_archive(joined, load_lexicon("nl")).items()}
    assert (names[thorbecke], names[laan], names[reagan]) == (
        "Johan Rudolph Thorbecke",
        "Marieke van der Laan",
        "Ronald Reagan",
    )


def test_full_names_that_cannot_be_one_person_stay_apart_and_their_surname_stays_ambiguous():
    articles = analysed(
        [
            ("Volgens Anna de Vries gaat de school dicht.", "2020-01-01", "nl"),
            ("Volgens Piet de Vries blijft de school open.", "2020-02-01", "nl"),
            ("Gisteren zei De Vries dat de school dichtgaat.", "2020-03-01", "nl"),
            ("Volgens J. Bakker komt er een brug.", "2020-01-01", "nl"),
            ("Volgens Jan Bakker komt er geen brug.", "2020-02-01", "nl"),
            ("Volgens Joost Bakker komt er een tunnel.", "2020-03-01", "nl"),
            ("Businessman John Harwood Jr. bought the team.", "2015-01-01", "en"),
            ("His father John Harwood Sr. founded the firm.", "2015-02-01", "en"),
            ("Senator John Harwood said the bill would pass.", "2015-03-01", "en"),
        ]
    )
    joined, ambiguous = join_surnames(articles, load_lexicon("nl"), Register())
    assert [a.actors for a in joined] == [a.actors for a in articles]
    held = {item.actor_id: (item.surname, [c.name for c in item.candidates]) for item in ambiguous}
    assert held == {
        "person:de-vries": ("De Vries", ["Anna de Vries", "Piet de Vries"]),
        "person:j-bakker": ("J. Bakker", ["Jan Bakker", "Joost Bakker"]),
    }


def test_variants_need_their_given_names_in_one_run_and_the_same_period():
    def article(n: int, name: str, date: str) -> Article:
        body = f"Then {name} spoke about the budget."
        start = body.index(name)
        mention = Mention(f"person:{n}", start, start + len(name), name, "rule:first-name")
        return Article(
            str(n), "t", body, f"{n}.txt", "", "en", date=dt.date.fromisoformat(date), mentions=(mention,),
            actors=(mention.actor_id,),
        )  # fmt: skip

    articles = [
        article(0, "I Wayan Sudarta", "2019-03-01"),
        article(1, "Wayan Sudarta", "2019-05-01"),
        article(2, "Gerald H. W. Ashcombe", "1990-01-01"),
        article(3, "Gerald W. Ashcombe", "1991-01-01"),
        article(4, "Gerald Ashcombe", "1991-02-01"),
        article(5, "Mary Kettering", "1950-01-01"),
        article(6, "Mary Kettering", "2020-01-01"),
        article(7, "Timothy D. Crandall", "2011-01-01"),
        article(8, "Dan Crandall", "2011-02-01"),
        article(9, "Competition Commissioner Lotte Brandsma", "2011-01-01"),
        article(10, "Lotte Brandsma", "2011-02-01"),
    ]
    joined, ambiguous = join_surnames(articles, load_lexicon("nl"), Register())
    assert [a.actors for a in joined] == [
        ("person:1",), ("person:1",), ("person:2",), ("person:3",), ("person:4",), ("person:5",), ("person:6",),
        ("person:7",), ("person:8",), ("person:10",), ("person:10",),
    ]  # fmt: skip
    [held] = ambiguous  # "Gerald Ashcombe" could be either of the two with a middle initial
    assert (held.actor_id, [c.id for c in held.candidates]) == ("person:4", ["person:2", "person:3"])
    # The archive's order does not choose who the group is.
    again, _ = join_surnames(articles[::-1], load_lexicon("nl"), Register())
    assert [a.actors for a in again[::-1]] == [a.actors for a in joined]


def test_a_full_name_without_its_particles_joins_the_one_written_with_them_unless_it_fits_two():
    articles = analysed(
        [
            ("Minister Hugo de Brakwijk opende de school.", "2021-01-01", "nl"),
            ("Later zei Hugo Brakwijk dat de school veilig is.", "2021-02-01", "nl"),
            ("Later zei Hugo Brakwijk het nog eens.", "2021-03-01", "nl"),
            ("Volgens Anna van Dommelaar gaat de haven open.", "2021-01-01", "nl"),
            ("Volgens Anna van der Dommelaar blijft de haven dicht.", "2021-02-01", "nl"),
            ("Gisteren zei Anna Dommelaar dat het kan.", "2021-03-01", "nl"),
        ]
    )
    joined, ambiguous = join_surnames(articles, load_lexicon("nl"), Register())
    persons = [[a for a in article.actors if a.startswith("person:")] for article in joined]
    # The name with its particles names the person, though the other has more articles.
    assert persons[:3] == [["person:hugo-de-brakwijk"]] * 3
    assert mentions(joined[1]) == [("person:hugo-de-brakwijk", "Hugo Brakwijk", VARIANT_LAYER)]
    # "van Dommelaar" and "van der Dommelaar" are two names: "Anna Dommelaar" fits both.
    assert persons[3:] == [["person:anna-van-dommelaar"], ["person:anna-van-der-dommelaar"],
                           ["person:anna-dommelaar"]]  # fmt: skip
    [held] = ambiguous
    assert held.actor_id == "person:anna-dommelaar"
    assert [c.name for c in held.candidates] == ["Anna van Dommelaar", "Anna van der Dommelaar"]


def test_a_short_form_of_a_given_name_joins_the_full_name_unless_it_fits_two():
    articles = analysed(
        [
            ("Mayor Christopher Brakwell opened the bridge.", "2019-01-01", "en"),
            ("Later Chris Brakwell said the bridge was safe.", "2019-02-01", "en"),
            ("Senator William Farrowdale voted no.", "2019-01-01", "en"),
            ("Senator Bill Farrowdale voted no again.", "2019-03-01", "en"),
            ("Officer Christopher Dunmoor spoke first.", "2019-01-01", "en"),
            ("Officer Christine Dunmoor spoke next.", "2019-02-01", "en"),
            ("Then Chris Dunmoor spoke last.", "2019-03-01", "en"),
            ("Coach Tom Hazelrigg won.", "2019-01-01", "en"),
            ("Coach Peter Hazelrigg lost.", "2019-02-01", "en"),
        ]
    )
    joined, ambiguous = join_surnames(articles, load_lexicon("nl"), Register())
    persons = [[a for a in article.actors if a.startswith("person:")] for article in joined]
    assert persons[:4] == [["person:christopher-brakwell"]] * 2 + [["person:william-farrowdale"]] * 2
    # "Chris" fits Christopher and Christine: held apart and reported; two given names never join.
    assert persons[4:] == [["person:christopher-dunmoor"], ["person:christine-dunmoor"], ["person:chris-dunmoor"],
                           ["person:tom-hazelrigg"], ["person:peter-hazelrigg"]]  # fmt: skip
    [held] = ambiguous
    assert (held.actor_id, [c.name for c in held.candidates]) == (
        "person:chris-dunmoor",
        ["Christine Dunmoor", "Christopher Dunmoor"],
    )


@pytest.mark.slow
def test_the_register_keeps_a_variant_apart():
    texts = [
        ("Volgens R. Thorbecke moet de grondwet anders.", "1848-03-01", "nl"),
        ("Minister J. R. Thorbecke diende het voorstel in.", "1848-05-01", "nl"),
        ("De liberaal Johan Rudolph Thorbecke sprak lang.", "1848-06-01", "nl"),
    ]
    for data, expected in [
        ({}, ["person:johan-rudolph-thorbecke"] * 3),
        (
            {"merge": {"person:r-thorbecke": "person:r-thorbecke"}},
            ["person:r-thorbecke", "person:johan-rudolph-thorbecke", "person:johan-rudolph-thorbecke"],
        ),
        (
            {"actors": [{"id": "person:j-r-thorbecke", "name": "J. R. Thorbecke"}]},
            ["person:johan-rudolph-thorbecke", "person:j-r-thorbecke", "person:johan-rudolph-thorbecke"],
        ),
    ]:
        register = parse_register(data, "actors.yml")
        joined, _ = join_surnames(analysed(texts, register), load_lexicon("nl", register), register)
        assert [a for article in joined for a in article.actors] == expected, data


@pytest.mark.e2e
def test_variants_join_the_same_in_an_incremental_build_as_in_a_fresh_one(tmp_path):
    root = tmp_path / "archive"
    articles = root / "site_src" / "articles"
    articles.mkdir(parents=True)
    write(articles, "r", "1848-03-01", "nl", "Volgens R. Thorbecke moet de grondwet anders.")
    write(articles, "bare", "1848-07-01", "nl", "Gisteren zei Thorbecke dat de grondwet af is.")
    write(articles, "ronald", "1980-04-01", "en", "Challenger Ronald Reagan won the debate.")
    archive("build", cwd=root)
    records, _ = exported(root)
    assert list(persons(records["bare"])) == ["person:r-thorbecke"]

    def same_as_fresh() -> None:
        clean = tmp_path / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        shutil.copytree(root / "site_src", clean / "site_src")
        archive("build", cwd=clean)
        assert docs_state(root) == docs_state(clean)

    # Articles that name them in full come in: the cached ones join them.
    write(articles, "johan", "1848-06-01", "nl", "De liberaal Johan Rudolph Thorbecke sprak lang.")
    write(articles, "w", "1980-03-01", "en", "Former governor Ronald W. Reagan spoke in Ohio.")
    archive("build", cwd=root)
    records, actors = exported(root)
    assert persons(records["r"]) == {"person:johan-rudolph-thorbecke": [("R. Thorbecke", VARIANT_LAYER)]}
    assert actors["person:johan-rudolph-thorbecke"]["name"] == "Johan Rudolph Thorbecke"
    assert persons(records["bare"]) == {"person:johan-rudolph-thorbecke": [("Thorbecke", SURNAME_LAYER)]}
    assert persons(records["w"])["person:ronald-reagan"] == [("Ronald W. Reagan", VARIANT_LAYER)]
    assert persons(records["ronald"]) == {"person:ronald-reagan": [("Ronald Reagan", "rule:first-name")]}
    assert actors["person:johan-rudolph-thorbecke"]["articles"] == 3 and "person:r-thorbecke" not in actors
    same_as_fresh()

    # And go again: the variant is its own person once more.
    (articles / "johan.md").unlink()
    archive("build", cwd=root)
    records, _ = exported(root)
    assert list(persons(records["r"])) == list(persons(records["bare"])) == ["person:r-thorbecke"]
    same_as_fresh()
