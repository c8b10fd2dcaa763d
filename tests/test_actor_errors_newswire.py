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
    _a_body_and_no_person_or_place(found(text, lang), body)


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


# --- companies named by their trade, their town or their executive ------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        ("Corvane Ratings cut the bank's rating to junk on Friday.", "en", "corvane-ratings"),
        ("Brennock Stores will close ten shops next year.", "en", "brennock-stores"),
        ("Talvik Breweries raised its dividend.", "en", "talvik-breweries"),
        ("Volgens Corvane Ratings is de schuld te hoog.", "nl", "corvane-ratings"),
    ],
)
def test_a_name_ended_by_a_word_of_a_companys_trade_is_a_company(text, lang, body):
    _a_body_and_no_person_or_place(found(text, lang), body)


@pytest.mark.parametrize("word", ["Stores", "Ratings", "Breweries"])
def test_a_word_of_a_companys_trade_alone_is_no_actor(word):
    assert found(f"The {word} were closed on Sunday.", "en") == {}


def test_a_companys_first_word_that_is_a_town_names_the_company_before_a_verb_of_saying():
    actors = found("Halden Steel cut 300 jobs on Monday. Halden said demand was weak.", "en")
    assert actors == {"organisation:halden-steel": ["Halden Steel", "Halden"]}


def test_the_town_of_a_companys_first_word_stays_the_town_after_a_place_word():
    actors = found("Halden Steel cut 300 jobs in Halden on Monday.", "en")
    assert actors["place:halden"] == ["Halden"]


@pytest.mark.parametrize(
    ("text", "body", "person"),
    [
        ("Orvell Chief Executive John Marr said profits would rise.", "orvell", "john-marr"),
        ("Profits will rise, Pellam Chairman Ann Wood told reporters.", "pellam", "ann-wood"),
    ],
)
def test_a_name_before_a_companys_role_in_capitals_is_the_company(text, body, person):
    actors = found(text, "en")
    assert f"organisation:{body}" in actors
    assert f"person:{person}" in actors


def test_a_portfolio_before_a_ministers_title_makes_no_company():
    assert found("Agriculture Minister John Marr said prices would rise.", "en") == {
        "person:john-marr": ["John Marr"]
    }


# --- markets and the treasury --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Moody's cut the rating of the bonds on Friday.", "moodys"),
        ("Moody's Investors Service kept its rating of the bonds.", "moodys"),
    ],
)
def test_an_exchange_or_a_rating_agency_is_found_without_a_cue(text, body):
    assert f"organisation:{body}" in found(text, "en")


def test_the_treasury_alone_is_the_treasury_of_the_country_the_article_is_about():
    text = "WASHINGTON - The U.S. budget deficit widened in May, the Treasury said on Monday."
    assert "organisation:us-treasury" in found(text, "en")


def test_the_treasury_alone_is_no_actor_in_an_article_about_another_country():
    text = "The Treasury said it would sell bonds, the finance minister told reporters in London."
    assert "organisation:us-treasury" not in found(text, "en")


# --- clubs without a score -----------------------------------------------------------------------


def test_a_town_with_a_plural_verb_in_an_article_about_sport_is_its_club():
    text = "Harrogate were favourites to win the league this season, but the striker was injured."
    actors = found(text, "en")
    assert "organisation:harrogate" in actors
    assert "place:harrogate" not in actors


def test_a_town_with_a_plural_verb_after_a_place_word_stays_the_town():
    text = "Prices in Harrogate were higher, the league of estate agents said."
    assert "place:harrogate" in found(text, "en")


def test_where_a_player_moves_to_and_comes_from_are_clubs():
    actors = found("The striker joined Barcelona from Porto in 1996 and scored 20 league goals.", "en")
    assert {"organisation:barcelona", "organisation:porto"} <= set(actors)
    assert not any(actor.startswith("place:") for actor in actors)


@pytest.mark.parametrize(
    "text",
    [
        "He moved to Porto in 1996 to study law.",
        "After the league season he returned to Porto and took work in a factory.",
    ],
)
def test_where_one_moves_or_returns_to_stays_the_town(text):
    assert "place:porto" in found(text, "en")


# --- bodies' names with "and" inside, and a kind of company before a name --------------------------


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        (
            "The Transport and General Workers Union called a strike.",
            "en",
            "transport-and-general-workers-union",
        ),
        (
            "Members of the Transport and General Workers Union voted.",
            "en",
            "transport-and-general-workers-union",
        ),
        ("Volgens de Natuur en Milieu Federatie is dat fout.", "nl", "natuur-en-milieu-federatie"),
    ],
)
def test_an_everyday_word_and_and_before_a_bodys_name_are_part_of_it(text, lang, body):
    assert list(found(text, lang)) == [f"organisation:{body}"]


def test_a_listed_name_before_and_stays_a_name_of_its_own():
    actors = found("Sales at Ford Motor and General Motors rose.", "en")
    assert {"organisation:ford", "organisation:general-motors"} <= set(actors)


@pytest.mark.parametrize(
    ("text", "body", "name"),
    [
        ("Airline Calder Air cancelled ten flights.", "calder-air", "Calder Air"),
        ("Carmaker Vantor Motors said sales fell.", "vantor-motors", "Vantor Motors"),
    ],
)
def test_a_word_for_a_kind_of_company_opening_the_sentence_is_no_part_of_its_name(text, body, name):
    assert found(text, "en") == {f"organisation:{body}": [name]}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Tellmark, the world's largest maker of memory chips, said profit rose.", "en"),
        ("Profit at Tellmark, the biggest supplier of steel pipes in Asia, rose.", "en"),
        ("De winst van Tellmark, de grootste fabrikant van chips, steeg.", "nl"),
    ],
)
def test_a_name_that_an_apposition_calls_a_maker_of_something_is_a_company(text, lang):
    assert "organisation:tellmark" in found(text, lang)


def test_a_name_that_an_apposition_calls_a_giant_of_something_stays_no_company():
    assert "organisation:okonkwo" not in found("Okonkwo, a giant of Nigerian literature, died.", "en")


def test_the_treasurys_bonds_are_no_mention_of_the_treasury():
    text = "WASHINGTON - Prices of Treasury bonds rose on Monday, traders in New York said."
    assert "organisation:us-treasury" not in found(text, "en")


def _a_body_and_no_person_or_place(actors: dict[str, list[str]], body: str) -> None:
    assert f"organisation:{body}" in actors
    assert not any(actor.startswith(("person:", "place:")) for actor in actors)
