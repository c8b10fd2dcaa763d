"""One name, one actor: within an article, the same name typed two ways becomes the actor of the
strongest evidence; across the archive, an actor is shown by its best-cased name. Sentences
written for the tests, in Dutch and English."""

from __future__ import annotations

import pytest
from test_actors import found

from build_archive.actors.find import find_actors
from build_archive.actors.lexicon import load_lexicon
from build_archive.actors.register import Register
from build_archive.actors.resolve import best_cased, resolve_archive
from build_archive.model import Article

# --- within an article: the same name typed two ways --------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "person", "surname"),
    [
        (
            "Chief Executive Tamsin Okoro gave her speech on Monday. Speaking in the Legislative "
            "Council, Okoro was interrupted by protesters.",
            "en",
            "person:tamsin-okoro",
            "Okoro",
        ),
        (
            "Talks with Philips, Shell and Dalstra failed, said Femke Dalstra on Monday.",
            "en",
            "person:femke-dalstra",
            "Dalstra",
        ),
        (
            "Femke Dalstra sprak maandag. Gesprekken met Philips, Shell en Dalstra leverden niets op.",
            "nl",
            "person:femke-dalstra",
            "Dalstra",
        ),
    ],
)
def test_a_surname_of_the_articles_full_name_is_that_person_whatever_a_list_neighbour_made_it(
    text, lang, person, surname
):
    actors = found(text, lang)
    assert f"organisation:{surname.lower()}" not in actors
    assert surname in actors[person]


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        (
            "Kyle Harlingen was charged on Tuesday. A friend gave the weapon to Harlingen.\n"
            "Harlingen turned himself in.",
            "en",
            "person:kyle-harlingen",
        ),
        (
            "The general Manuel Harlingen led the army.\nHarlingen's army was beaten in October. "
            "The soldiers left in Harlingen's camp fled.",
            "en",
            "person:manuel-harlingen",
        ),
    ],
)
def test_a_surname_of_the_articles_full_name_that_a_list_made_a_town_is_that_person(text, lang, person):
    actors = found(text, lang)
    assert [actor for actor in actors if actor.startswith("place:")] == []
    assert actors[person].count("Harlingen") == 2


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Marieke Harlingen woont al jaren in Harlingen.", "nl"),
        ("Mary Harlingen lives in Harlingen, where she grew up.", "en"),
    ],
)
def test_a_town_after_a_place_word_stays_the_town_beside_the_person_of_that_surname(text, lang):
    actors = found(text, lang)
    assert [actor for actor in actors if actor.startswith("place:")] != []
    assert [actor for actor in actors if actor.startswith("person:")] != []


@pytest.mark.parametrize(
    ("text", "lang", "club"),
    [
        ("Hij tekende bij Kampen en speelde een jaar voor Kampen. De spits van Kampen scoorde.", "nl", "Kampen"),
        ("He signed with Harlingen in 1950. After a year at Harlingen he returned to play for the "
         "Harlingen club.", "en", "Harlingen"),
    ],
)  # fmt: skip
def test_a_club_that_a_cue_names_is_no_town_of_that_name_elsewhere_in_the_article(text, lang, club):
    actors = found(text, lang)
    assert [actor for actor in actors if actor.startswith("place:")] == []
    assert actors[f"organisation:{club.lower()}"] == [club, club, club]


# --- across the archive: the actor's name as the site shows it -----------------------------------


def archive_names(texts: list[str], lang: str = "nl") -> dict[str, str]:
    """actor id -> the name the archive shows, for articles analysed and resolved for real."""
    lexicon, register = load_lexicon("nl"), Register()
    articles = [
        find_actors(Article(id=f"a{number}", title="t", body=text, source=f"a{number}.txt", content_hash="",
                            lang=lang), lexicon, register)
        for number, text in enumerate(texts)
    ]  # fmt: skip
    return {actor_id: stats.actor.name for actor_id, stats in resolve_archive(articles, lexicon).items()}


def test_a_persons_name_printed_in_capitals_is_shown_as_another_article_writes_it():
    names = archive_names(
        [
            "Namens het bestuur,\nW. BERGMANS, voorzitter.",
            "Namens het bestuur,\nW. BERGMANS, voorzitter.",
            "De heer W. Bergmans zat de vergadering voor.",
        ]
    )
    assert names["person:w-bergmans"] == "W. Bergmans"


def test_a_persons_name_only_ever_printed_in_capitals_is_shown_capitalised():
    names = archive_names(["Zwolle, 3 Maart. De burgemeester, L. N. SCHUURMAN, opende de markt."])
    assert names["person:l-n-schuurman"] == "L. N. Schuurman"


@pytest.mark.parametrize(
    ("name", "texts", "kind", "shown"),
    [
        ("M. SICHTERMAN", ["M. SICHTERMAN", "Sichterman"], "person", "M. Sichterman"),
        ("P. VAN DIJK", ["P. VAN DIJK"], "person", "P. van Dijk"),
        ("VAN DIJK", ["VAN DIJK"], "person", "Van Dijk"),
        ("SEAN O'NEILL", ["SEAN O'NEILL"], "person", "Sean O'Neill"),
        ("Willem III", ["Willem III"], "person", "Willem III"),
        ("BBC", ["BBC"], "organisation", "BBC"),
        ("WEEKBLAD", ["WEEKBLAD", "Weekblad"], "organisation", "Weekblad"),
        ("de Jonge", ["de Jonge"], "person", "De Jonge"),
        ("van der Berg", ["van der Berg"], "person", "Van der Berg"),
        ("Jan de Vries", ["Jan de Vries"], "person", "Jan de Vries"),
    ],
)
def test_a_name_in_capitals_takes_the_case_of_the_actors_other_names_and_a_surname_its_capital(
    name, texts, kind, shown
):
    assert best_cased(name, texts, kind) == shown
