"""Classes of error that English newswire showed (company, politics and sports news), each
pinned with sentences written for the tests, and their Dutch counterparts where Dutch has the
class."""

from __future__ import annotations

import pytest
from test_actors import found

# --- bodies named after what they deal with ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        ("The Ministry of Defence said two soldiers were killed.", "en", "Ministry of Defence"),
        ("A Ministry of Health spokesman declined to comment.", "en", "Ministry of Health"),
        ("Het Ministerie van Defensie meldde gisteren twee doden.", "nl", "Ministerie van Defensie"),
    ],
)
def test_a_ministry_named_after_its_portfolio_is_one_body(text, lang, body):
    actors = found(text, lang)
    assert [name for names in actors.values() for name in names] == [body]
    assert all(actor.startswith("organisation:") for actor in actors)


def test_a_ministers_portfolio_before_a_name_is_still_no_part_of_it():
    assert found("Minister van Defensie Kajsa Ollongren zei het.", "nl") == {
        "person:kajsa-ollongren": ["Kajsa Ollongren"]
    }


# --- clubs in sports results -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Monaco beat Nantes 2-1 in the first division on Saturday.", "en"),
        ("Nantes drew 1-1 with Monaco on Saturday.", "en"),
        ("Gisteren won Monaco met 2-1 van Nantes.", "nl"),
    ],
)
def test_a_country_in_a_result_against_a_club_is_a_club(text, lang):
    actors = found(text, lang)
    assert "organisation:monaco" in actors
    assert "country:mc" not in actors


def test_countries_in_a_result_against_each_other_stay_countries():
    actors = found("Italy beat England 1-0 at Wembley, while Juventus beat Lazio 2-0.", "en")
    assert {"country:it", "country:gb", "organisation:juventus", "organisation:lazio"} <= set(actors)
    assert "organisation:italy" not in actors


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Paris St Germain drew 1-1 with Lens on Sunday.", "en"),
        ("Gisteren won Paris St Germain met 2-0 van Lens.", "nl"),
    ],
)
def test_a_clubs_name_that_opens_with_its_town_is_the_whole_name(text, lang):
    actors = found(text, lang)
    assert actors["organisation:paris-st-germain"] == ["Paris St Germain"]
    assert "organisation:st-germain" not in actors and "place:paris" not in actors


# --- persons whose given name no list knows ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Kim Dae-jung said he would run again.", "Kim Dae-jung"),
        ("Opposition leader Kim Dae-jung called for calm.", "Kim Dae-jung"),
        ("Lee Teng-hui won the vote by a wide margin.", "Lee Teng-hui"),
    ],
)
def test_a_romanised_name_with_a_hyphened_given_name_is_one_person(text, person):
    actors = found(text, "en")
    assert actors == {f"person:{person.lower().replace(' ', '-')}": [person]}


def test_a_given_name_before_a_double_surname_no_list_knows_is_a_person():
    assert found("Ken Saro-Wiwa was hanged in 1995.", "en") == {"person:ken-saro-wiwa": ["Ken Saro-Wiwa"]}
    assert found("Shares in Coca-Cola rose.", "en") == {"organisation:coca-cola": ["Coca-Cola"]}


@pytest.mark.parametrize(
    "text",
    [
        "Wu Yi, China's trade minister, said the talks went well.",
        "Talks with Wu Yi, China's trade minister, went well.",
        "Wu Yi, the trade minister, said so on Friday.",
    ],
)
def test_a_name_that_an_apposition_gives_a_persons_title_is_a_person(text):
    actors = found(text, "en")
    assert actors["person:wu-yi"] == ["Wu Yi"]
    assert not any(actor.startswith(("organisation:", "place:")) for actor in actors)


@pytest.mark.parametrize(
    "text",
    [
        "Yesterday, the defence minister, said the troops would stay.",
        "Under state law, Republican Larry Hogan, the governor, has until May to decide.",
    ],
)
def test_an_everyday_word_before_an_apposition_with_a_title_makes_no_person(text):
    assert not any(actor.startswith("person:yesterday") for actor in found(text, "en"))
    assert "person:republican-larry-hogan" not in found(text, "en")


# --- sources quoted by wire copy ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        ("Rebels attacked the town, Nordtass news agency said.", "en", "nordtass"),
        ("The Varden Star newspaper reported it on Sunday.", "en", "varden-star"),
        ("Dat meldde het persbureau Nordpress zaterdag.", "nl", "nordpress"),
    ],
)
def test_a_name_before_or_after_a_word_for_a_news_body_is_an_organisation(text, lang, body):
    actors = found(text, lang)
    assert f"organisation:{body}" in actors
    assert not any(actor.startswith(("person:", "place:")) for actor in actors)


# --- companies -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Investors sold Orvell shares after the company cut its forecast.",
        "Trading in Orvell shares was halted on Monday.",
    ],
)
def test_a_name_between_a_verb_of_trading_and_shares_is_a_company(text):
    assert found(text, "en") == {"organisation:orvell": ["Orvell"]}


def test_a_persons_name_before_shares_stays_a_person():
    assert "organisation:john-smith" not in found("Investors bought John Smith shares of the blame.", "en")
