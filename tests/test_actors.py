"""Actor finding, layer by layer and language by language, on sentences written for the tests."""

from __future__ import annotations

from collections import defaultdict

import pytest

from build_archive.actors.find import find_actors
from build_archive.actors.lexicon import load_lexicon
from build_archive.actors.register import Register, parse_register
from build_archive.folding import fold, fold_key
from build_archive.model import Article


def found(
    text: str, lang: str = "nl", register: Register | None = None, **corrections
) -> dict[str, list[str]]:
    """actor id -> the texts that mention it, in order."""
    register = register or Register()
    article = Article(
        id="t",
        title="t",
        body=text,
        source="t.txt",
        content_hash="",
        lang=lang,
        corrections={k: tuple(v) for k, v in corrections.items()},
    )
    result = find_actors(article, load_lexicon("nl", register), register)
    mentions = defaultdict(list)
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text
        mentions[mention.actor_id].append(mention.text)
    return {actor_id: mentions.get(actor_id, []) for actor_id in result.actors}


# --- folding ---------------------------------------------------------------------------------


def test_folding_keeps_offsets_and_joins_spellings():
    text = "Oekraïne, ÉLYSÉE en São Paulo — İstanbul ß"
    assert len(fold(text)) == len(text)
    assert fold_key("Oekraïne") == fold_key("OEKRAINE") == "oekraine"
    assert fold_key("Noord-Korea") == fold_key("noord korea")


# --- layer 1: lists --------------------------------------------------------------------------


def test_folding_ascii_text_gives_what_the_table_gives_for_every_character():
    from build_archive.folding import _table

    characters = [chr(code) for code in range(0x3000)] + ["’", "“", "ẞ", "İ", "Ա"]
    for character in characters:
        assert fold(character) == character.translate(_table()), hex(ord(character))
    mixed = "Het `Oekraïense` kabinet sprak met MINISTER Müller over İzmir en Ա; the `Defence` talks."
    for begin in range(len(mixed)):
        assert fold(mixed[begin:]) == mixed[begin:].translate(_table())
    assert fold("The `Defence` TALKS") == "the 'defence' talks"


def test_dutch_country_names_adjectives_short_forms_and_prefixes():
    actors = found(
        "De Duitse bondskanselier reisde naar Polen. Volgens de VS steunen pro-Russische "
        "groepen en anti-Amerikaanse demonstranten de Oekraïners niet."
    )
    assert actors["country:de"] == ["Duitse"]
    assert actors["country:pl"] == ["Polen"]
    assert actors["country:us"] == ["VS", "Amerikaanse"]
    assert actors["country:ru"] == ["Russische"]
    assert actors["country:ua"] == ["Oekraïners"]


def test_english_german_and_french_country_forms():
    assert set(found("The British and Japanese governments met in Canada.", "en")) == {
        "country:gb",
        "country:jp",
        "country:ca",
    }
    assert "country:ru" in found("Die russische Regierung widersprach am Montag.", "de")
    assert "country:us" in found("Le gouvernement américain a répondu mardi.", "fr")


def test_abbreviations_match_only_in_capitals_and_names_only_capitalised():
    assert "country:us" not in found("Het was ons vs hen, zei hij.")
    assert "country:tr" not in found("We ate turkey with cranberry sauce.", "en")
    assert "country:tr" in found("Turkey closed its border.", "en")


def test_compound_noun_is_not_a_mention_but_genitive_is():
    assert found("De Oekraïne-crisis en de Brussel-akkoorden bleven onbesproken.") == {}
    assert "country:ru" in found("Hij bekritiseerde Ruslands optreden.")


def test_places_are_linked_to_their_country_and_shown_in_dutch():
    lexicon = load_lexicon("nl")
    assert set(found("Hij reisde van Amsterdam via Kyiv naar Kiev.")) == {"place:amsterdam", "place:kyiv"}
    assert lexicon.actors["place:kyiv"].name == "Kiev"
    assert lexicon.actors["place:kyiv"].country == "country:ua"


def test_seats_of_government_are_organisations_linked_to_their_country():
    lexicon = load_lexicon("nl")
    actors = found("Het Kremlin en het Witte Huis reageerden, meldde Reuters.")
    assert {"organisation:kremlin", "organisation:white-house"} <= set(actors)
    assert lexicon.actors["organisation:kremlin"].country == "country:ru"
    assert lexicon.actors["organisation:white-house"].country == "country:us"


def test_one_person_whatever_the_language_or_script():
    ids = {
        next(iter(found(text, lang)))
        for text, lang in [
            ("Poetin sprak gisteren urenlang.", "nl"),
            ("Putin spoke for hours yesterday.", "en"),
            ("Poutine a parlé pendant des heures.", "fr"),
            ("Владимир Путин выступил вчера.", "ru"),
        ]
    }
    assert ids == {"person:vladimir-putin"}
    assert load_lexicon("nl").actors["person:vladimir-putin"].name == "Vladimir Poetin"


def test_a_misspelt_given_name_joins_the_known_person_but_another_given_name_does_not():
    assert found("Ook Anthony Blinken kwam.")["person:antony-blinken"] == ["Anthony Blinken"]
    actors = found("Joe Biden verdedigde zijn zoon Hunter Biden.")
    assert actors["person:joe-biden"] == ["Joe Biden"]
    assert "person:hunter-biden" in actors


# --- layer 2: rules --------------------------------------------------------------------------


def test_dutch_given_name_and_particles_then_surname_joins_it():
    actors = found(
        "Volgens Marieke van der Berg, woordvoerder van het bedrijf, is het te laat. "
        "Van der Berg zei ook dat de Vries niet kwam."
    )
    assert actors == {"person:marieke-van-der-berg": ["Marieke van der Berg", "Van der Berg"]}


def test_dutch_cue_words_before_and_after_a_name():
    actors = found(
        "Dat meldde woordvoerder Keizerwaard. Later zei Ottens dat burgemeester Halverhout "
        "het niet wist, aldus Brinkhorst. Wouters (54) was er ook."
    )
    assert {
        "person:keizerwaard",
        "person:ottens",
        "person:halverhout",
        "person:brinkhorst",
        "person:wouters",
    } <= set(actors)


def test_portfolio_of_a_minister_is_not_an_actor_and_the_name_after_it_is_a_person():
    actors = found(
        "Kort daarvoor sprak de minister van Buitenlandse Zaken Henk Oosterbaan met de "
        "ministers van Defensie."
    )
    assert actors == {"person:henk-oosterbaan": ["Henk Oosterbaan"]}


def test_english_titles_and_cues():
    actors = found(
        "Prime Minister Lena Marsh said the Treasury would act. Marsh told reporters that "
        "Mr Okonkwo agreed. Secretary of State Dana Whitfield left.",
        "en",
    )
    assert actors["person:lena-marsh"] == ["Lena Marsh", "Marsh"]
    assert "person:okonkwo" in actors and "person:dana-whitfield" in actors
    assert not any(a.startswith("organisation:treasury") for a in actors)


def test_organisation_cues_in_dutch_and_english():
    actors = found(
        "De Partij voor de Toekomst en Brabantse Zuivel NV willen geld van Rijnmond "
        "Holding BV. Kestrel Mining Inc. en de Universiteit van Tilburg zwijgen."
    )
    assert {
        "organisation:partij-voor-de-toekomst",
        "organisation:brabantse-zuivel",
        "organisation:rijnmond-holding",
        "organisation:kestrel-mining",
        "organisation:universiteit-van-tilburg",
    } <= set(actors)


def test_place_cues():
    assert "place:oudewater" in found("In de stad Oudewater bleef het rustig.")
    assert "place:millbrook" in found("In the town of Millbrook, nothing happened.", "en")


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Gisteren was het druk. Maar niemand kwam. Toch zei iedereen dat het Westen faalt.", "nl"),
        ("Op maandag 3 februari en in Maart gebeurde niets. Volgens hem klopt dat.", "nl"),
        ("However, the West said nothing on Monday. Yesterday nobody came in February.", "en"),
        ("'Geen sprake van een crisis'\n\nDat zei hij in het Noorden.", "nl"),
    ],
)
def test_sentence_initial_words_months_weekdays_and_the_west_are_not_actors(text, lang):
    assert found(text, lang) == {}


# --- layer 4: the editor's word --------------------------------------------------------------


@pytest.mark.slow
def test_register_adds_an_alias_merges_and_rejects():
    register = parse_register(
        {
            "actors": [
                {"id": "person:vladimir-putin", "aliases": ["Vova"]},
                {"id": "organisation:bouwbedrijf-jansen", "name": "Bouwbedrijf Jansen", "country": "NL"},
            ],
            "merge": {"person:kees-de-graaf": "person:cornelis-de-graaf"},
            "reject": ["country:fr", "Reuters"],
        },
        "actors.yml",
    )
    actors = found(
        "Vova belde met Kees de Graaf van Bouwbedrijf Jansen. Franse media en Reuters zwegen.",
        register=register,
    )
    assert actors["person:vladimir-putin"] == ["Vova"]
    assert "person:cornelis-de-graaf" in actors and "person:kees-de-graaf" not in actors
    assert "organisation:bouwbedrijf-jansen" in actors
    assert "country:fr" not in actors and not any("reuters" in a for a in actors)
    lexicon = load_lexicon("nl", register)
    assert lexicon.actors["organisation:bouwbedrijf-jansen"].country == "country:nl"


def test_article_front_matter_adds_and_removes_actors():
    actors = found(
        "Poetin sprak met Macron in Parijs.",
        persons=["Ria Smit"],
        countries=["Frankrijk"],
        not_actors=["Macron", "place:paris"],
    )
    assert set(actors) == {"person:vladimir-putin", "person:ria-smit", "country:fr"}
    assert actors["person:ria-smit"] == []


def test_unreadable_register_names_the_file():
    from build_archive.actors.register import RegisterError

    with pytest.raises(RegisterError, match="actors.yml: merge"):
        parse_register({"merge": {"poetin": "person:x"}}, "actors.yml")


def test_organisation_names_that_contain_a_place_and_people_of_an_organisation():
    actors = found(
        "Onderzoekers van de Universiteit van Tilburg en Dr Emily Carter of Harvard University "
        "spraken met de Bank of Japan.",
        "en",
    )
    assert "organisation:universiteit-van-tilburg" in actors and "place:tilburg" not in actors
    assert {"person:emily-carter", "organisation:harvard-university"} <= set(actors)
    assert any(a.startswith("organisation:bank-of-japan") for a in actors)


def test_english_news_paragraph_finds_listed_and_unlisted_actors():
    actors = found(
        "President Joe Biden warned Russian President Vladimir Putin that the United States would act. "
        "Secretary of State Antony Blinken met his counterpart in Geneva, and Senator Rowan Pike said "
        "the Senate agreed. Pike told reporters in Boston that NATO was united.",
        "en",
    )
    assert {
        "person:joe-biden",
        "person:vladimir-putin",
        "country:ru",
        "country:us",
        "person:antony-blinken",
        "place:geneva",
        "person:rowan-pike",
        "organisation:nato",
    } <= set(actors)
    assert actors["person:rowan-pike"] == ["Rowan Pike", "Pike"]


def test_places_that_are_everyday_words_are_not_matched_at_a_sentence_start():
    assert "place:leiden" not in found("Leiden tot niets, zei hij over de plannen.")
    assert "place:leiden" in found("Hij studeerde in Leiden en Delft.")
    assert found("Houten bruggen en Best wel mooie huizen.") == {}
