"""The grown actor lists (continents, regions and provinces, small towns, former countries,
parties, unions and clubs) on sentences written for these tests, through the real actor finding;
and everyday words that are also foreign town names stay words."""

from __future__ import annotations

from collections import defaultdict

import pytest

from build_archive.actors.find import find_actors
from build_archive.actors.lexicon import load_lexicon
from build_archive.actors.register import Register
from build_archive.read.readers import make_article


def found(text: str, lang: str) -> dict[str, list[str]]:
    """actor id -> the texts that mention it."""
    register = Register()
    article = make_article("t.txt", text, {"title": "Test", "lang": lang}, lang)
    result = find_actors(article, load_lexicon(lang, register), register)
    mentions = defaultdict(list)
    for mention in result.mentions:
        mentions[mention.actor_id].append(mention.text)
    return {actor_id: mentions.get(actor_id, []) for actor_id in result.actors}


def kinds(text: str, lang: str) -> dict[str, str]:
    """mention text -> the type of the actor it names."""
    return {name: actor_id.split(":")[0] for actor_id, names in found(text, lang).items() for name in names}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "De handelsmissie reist in het voorjaar naar Azië en daarna naar Zuid-Amerika.",
            "nl",
            {"Azië": "place", "Zuid-Amerika": "place"},
        ),
        (
            "Exports from Europe to the Middle East rose, the ministry said on Tuesday.",
            "en",
            {"Europe": "place", "Middle East": "place"},
        ),
        (
            "Een vrachtschip is op de Noordzee in problemen gekomen; de Middellandse Zee is rustig.",
            "nl",
            {"Noordzee": "place", "Middellandse Zee": "place"},
        ),
    ],
)
def test_continents_regions_and_seas_are_places(text, lang, expected):
    assert expected.items() <= kinds(text, lang).items()


def test_provinces_regions_and_states_are_places():
    dutch = kinds(
        "Het kabinet wil windmolens in Overijssel en Noord-Brabant; Vlaanderen en Wallonië twijfelen, "
        "en ook in Beieren en Schotland wordt gedebatteerd.",
        "nl",
    )
    for name in ("Overijssel", "Noord-Brabant", "Vlaanderen", "Wallonië", "Beieren", "Schotland"):
        assert dutch[name] == "place", name
    english = kinds("Wildfires spread from Catalonia into the south of France and hit Crimea too.", "en")
    assert english["Catalonia"] == "place" and english["Crimea"] == "place"


def test_small_dutch_and_belgian_towns_are_places():
    actors = kinds(
        "De fietstocht begint in Volendam en eindigt in het Vlaamse Hoogstraten, via Zundert.", "nl"
    )
    assert actors["Volendam"] == "place"
    assert actors["Hoogstraten"] == "place"


def test_dutch_and_belgian_villages_are_places():
    actors = found(
        "De dijk bij Zwartsluis brak door; ook Blokzijl en Oldemarkt liepen onder water. "
        "In het Kempense Poppel bleef het droog.",
        "nl",
    )
    for place in ("place:zwartsluis", "place:blokzijl", "place:oldemarkt", "place:poppel"):
        assert place in actors, place


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a village named like a surname, where a person's cue says it is the surname
        ("Het plan deugt niet, aldus Brinkhorst. Rutten zei dat hij het eens was.", "nl"),
        ("De heeren Slicher van Domburg en Lette van Oostvoorne stemden tegen.", "nl"),
        ("Gerardus van den Elshout kwam gisteren aan.", "nl"),
        # a village's name opening a sentence is the surname or the word there
        ("Brinkhorst opende de vergadering om acht uur.", "nl"),
        ("Ballast werd gelost in de haven. Halfweg de middag begon het te regenen.", "nl"),
    ],
)
def test_a_village_named_like_a_surname_or_a_word_is_no_place_there(text, lang):
    assert not [actor_id for actor_id in found(text, lang) if actor_id.startswith("place:")]


def test_former_countries_are_countries():
    dutch = found(
        "Na de val van de Sovjet-Unie viel ook Joegoslavië uiteen; de DDR bestond toen al niet meer.",
        "nl",
    )
    assert dutch["country:su"] == ["Sovjet-Unie"]
    assert dutch["country:yu"] == ["Joegoslavië"]
    assert dutch["country:dd"] == ["DDR"]
    english = found("Prussia and the Ottoman Empire signed the treaty; Czechoslovakia came later.", "en")
    assert {"country:pruisen", "country:ottomaanse-rijk", "country:cs"} <= english.keys()


def test_a_former_name_of_a_country_is_that_country():
    actors = found("West-Duitsland en Zaïre speelden in 1974 tegen elkaar; Birma heet nu Myanmar.", "nl")
    assert actors["country:de"] == ["West-Duitsland"]
    assert actors["country:cd"] == ["Zaïre"]
    assert actors["country:mm"] == ["Birma", "Myanmar"]


def test_parties_unions_and_clubs_are_organisations():
    dutch = kinds(
        "De FNV en het CNV dreigen met acties, zegt de fractie van GL in de Tweede Kamer. "
        "In België reageerden het ABVV en het ACV. Feyenoord won zondag van PSV.",
        "nl",
    )
    for name in ("CNV", "GL", "ABVV", "ACV", "Feyenoord", "PSV"):
        assert dutch[name] == "organisation", name
    english = kinds(
        "The UAW and the Teamsters backed the strike, while the NBA and Real Madrid stayed silent.", "en"
    )
    for name in ("UAW", "Teamsters", "NBA", "Real Madrid"):
        assert english[name] == "organisation", name


def test_a_club_named_after_its_city_leaves_the_city_a_place():
    actors = found("RSC Anderlecht speelt dit weekend thuis in Anderlecht.", "nl")
    assert actors["organisation:rsc-anderlecht"] == ["RSC Anderlecht"]
    assert any(
        actor_id.startswith("place:") and names == ["Anderlecht"] for actor_id, names in actors.items()
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Sale prices at the outlet fell again. Said the manager: nothing helps.", "en"),
        ("Landen in het zuiden kregen minder regen. Naast het station komt een parkeergarage.", "nl"),
        ("Reading the report took an hour, and Split decisions are rare.", "en"),
    ],
)
def test_everyday_words_that_are_also_town_names_are_not_places(text, lang):
    assert not [actor_id for actor_id in found(text, lang) if actor_id.startswith("place:")]


def test_a_surname_that_is_also_a_town_is_not_a_place():
    actors = found("Senator Lincoln and her colleague Mrs Hamilton voted against the bill.", "en")
    assert not [actor_id for actor_id in actors if actor_id.startswith("place:")]


@pytest.mark.parametrize(
    ("text", "lang", "name", "place"),
    [
        ("De gouverneur van Virginia zei dat de staat klaar is.", "nl", "Virginia", "place:virginia-us"),
        ("The governor of Virginia said the state was ready.", "en", "Virginia", "place:virginia-us"),
        ("Hij woont in Montana en werkt in Delaware.", "nl", "Montana", "place:montana"),
        # an American city that news names more often than the state keeps the name
        ("Zij vloog van New York naar Parijs.", "nl", "New York", "place:new-york-city"),
    ],
)
def test_a_us_state_is_the_state_before_a_foreign_town_of_its_name(text, lang, name, place):
    assert name in found(text, lang)[place]
