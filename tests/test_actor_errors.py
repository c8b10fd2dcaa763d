"""The classes of error that real news showed, each pinned with sentences written for the tests,
in Dutch and English: junk actors, names with titles glued on, partial names, one person split
over several actors within an article, and names no list knows."""

from __future__ import annotations

import pytest
from test_actors import found

from build_archive.actors.find import find_actors, find_evidence_mentions
from build_archive.actors.lexicon import load_lexicon
from build_archive.actors.register import Register
from build_archive.actors.resolve import resolve_archive
from build_archive.actors.rules import organisation_id, slug
from build_archive.folding import fold
from build_archive.model import Article

# --- no junk actors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Shares in the group fell. Corp said it would sell. The Ministry and the Board agreed.", "en"),
        ("The Bank raised rates while the Government waited; Inc and Ltd were not named.", "en"),
        ("De Bank verhoogde de rente. Het Ministerie zweeg en de Regering wachtte af.", "nl"),
        ("Officials said the Agreement would hold. They said so. West said nothing new.", "en"),
        ("Later zei Overeenkomst niets. Zij zeiden het ook.", "nl"),
    ],
)
def test_legal_suffixes_generic_nouns_and_everyday_words_are_no_actors(text, lang):
    assert found(text, lang) == {}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The Vice President said no to the plan.", "en"),
        ("Gisteren zei De Voorzitter dat het goed gaat.", "nl"),
        ('"I\'ve said it before," he said. "They\'re wrong," she said.', "en"),
        ("Mac OS X said to be late, the report found.", "en"),
        ("Gisteren kwam H. Vader te laat.", "nl"),
    ],
)
def test_titles_words_in_capitals_and_an_initial_before_a_word_are_no_person(text, lang):
    assert not [actor for actor in found(text, lang) if actor.startswith("person:")]


def test_a_given_name_or_an_initial_alone_is_no_person():
    assert found("John said the deal was off. George W. told no one.", "en") == {}
    assert found("Later zei Pieter dat hij zou komen.", "nl") == {}


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        ("Mohammed B. werd gisteren veroordeeld.", ["Mohammed B."]),
        ("De politie hield Kevin V. en Ahmed T. aan in het centrum.", ["Kevin V.", "Ahmed T."]),
        ("Volgens justitie is Volkert van der G. nog altijd gevaarlijk.", ["Volkert van der G."]),
        ("Het OM eist drie jaar cel tegen Ramon D. De zaak dient in mei.", ["Ramon D."]),
    ],
)
def test_a_dutch_given_name_and_the_initial_of_a_surname_are_one_person(text, persons):
    actors = found(text, "nl")
    assert [names[0] for actor, names in actors.items() if actor.startswith("person:")] == persons
    assert not [actor for actor in actors if actor.startswith("place:")]


def test_a_withheld_surname_stays_one_person_across_the_archive():
    lexicon, register = load_lexicon("nl"), Register()
    texts = {
        "a": "Mohammed B. werd gisteren veroordeeld tot levenslang.",
        "b": "De advocaat van Mohammed B. gaat in hoger beroep.",
    }
    articles = [
        find_actors(Article(id=key, title="t", body=body, source=f"{key}.txt", content_hash="", lang="nl"),
                    lexicon, register)
        for key, body in texts.items()
    ]  # fmt: skip
    stats = resolve_archive(articles, lexicon)
    assert stats["person:mohammed-b"].articles == ["a", "b"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Gisteren sprak Jan P. Koenraads in Den Haag.", "Jan P. Koenraads"),
        ("Volgens Henk J. Berg is het te laat.", "Henk J. Berg"),
        ("Gisteren won George W. Bush de verkiezingen.", "George W. Bush"),
    ],
)
def test_an_initial_before_a_surname_is_no_withheld_name(text, person):
    actors = found(text, "nl")
    assert [names for actor, names in actors.items() if actor.startswith("person:")] == [[person]]


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        ("Anja Meulenbelt-Breda en Karin Adelmund-Tilburg zeiden niets.",
         ["person:anja-meulenbelt-breda", "person:karin-adelmund-tilburg"]),
        ("Volgens Marieke Okkerse-Zwolle is het plan te duur.", ["person:marieke-okkerse-zwolle"]),
    ],
)  # fmt: skip
def test_a_town_after_the_hyphen_of_a_double_surname_is_part_of_the_name(text, persons):
    assert list(found(text, "nl")) == persons


def test_two_towns_joined_by_a_hyphen_stay_towns():
    actors = found("De trein Amsterdam-Breda had vertraging.", "nl")
    assert set(actors) == {"place:amsterdam", "place:breda"}


def test_a_given_name_alone_joins_the_one_full_name_of_the_article_that_begins_with_it():
    actors = found("Tamsin Okonkwo-Reyes opened the shop. Later Tamsin said business was good.", "en")
    assert list(actors) == ["person:tamsin-okonkwo-reyes"]
    assert actors["person:tamsin-okonkwo-reyes"] == ["Tamsin Okonkwo-Reyes", "Tamsin"]


def test_an_acronym_is_an_organisation_even_before_a_speech_verb():
    actors = found("The QXWU said on Monday that talks with the BRTA had failed.", "en")
    assert set(actors) == {"organisation:qxwu", "organisation:brta"}
    assert found("Volgens de KVBN is de prijs gestegen.", "nl") == {"organisation:kvbn": ["KVBN"]}


@pytest.mark.parametrize(
    "text",
    [
        "Uit een enquête van het NIS blijkt dat de werkloosheid daalt.",
        "Het Nationaal Instituut voor de Statistiek (NIS) telde meer inwoners.",
    ],
)
def test_a_short_towns_name_in_capitals_inside_a_sentence_is_an_acronym_not_the_town(text):
    actors = found(text, "nl")
    assert not [actor for actor in actors if actor.startswith("place:")]
    assert [actor for actor, names in actors.items() if "NIS" in names][0].startswith("organisation:")


def test_a_towns_name_in_capitals_in_a_dateline_or_after_in_stays_the_town():
    actors = found("GENK - De brand in OSS werd snel geblust. Ze reden daarna naar GENT.", "nl")
    assert set(actors) == {"place:genk", "place:oss", "place:gent"}


def test_words_in_a_line_of_capitals_are_no_acronyms():
    assert found("STORM RAAST OVER HET LAND\nHet waaide hard.", "nl") == {}


# --- titles, roles and nationality words are cut off a name ------------------------------------


def test_a_role_before_a_name_is_cut_off_and_makes_it_a_person():
    actors = found("The plan was backed by Agriculture Minister Delphine Marchetti on Friday.", "en")
    assert actors == {"person:delphine-marchetti": ["Delphine Marchetti"]}
    actors = found("Het plan werd gesteund door landbouwminister Joris Verhoeckx.", "nl")
    assert actors == {"person:joris-verhoeckx": ["Joris Verhoeckx"]}


def test_a_nationality_word_before_a_name_is_cut_off():
    actors = found("The prize went to Swede Anders Lindqvarn, who thanked his team.", "en")
    assert "person:anders-lindqvarn" in actors and "country:se" not in actors


# --- whole names, not parts of them -----------------------------------------------------------


def test_an_organisation_name_that_begins_with_a_country_or_place_is_one_organisation():
    actors = found(
        "Shares of Tilburg Ferries Ltd rose, Danish Hovercraft Airways Plc fell and the Irish "
        "Republican Army was named in the report.",
        "en",
    )
    assert set(actors) == {
        "organisation:tilburg-ferries",
        "organisation:danish-hovercraft-airways",
        "organisation:irish-republican-army",
    }


def test_a_club_named_after_its_city_is_an_organisation_not_the_city():
    actors = found("Gisteren won Leicester United met 2-1 van de thuisploeg.", "nl")
    assert actors == {"organisation:leicester-united": ["Leicester United"]}


def test_a_listed_name_after_an_initial_or_before_another_name_belongs_to_that_name():
    actors = found("George W. Bush met Chad Pennington in Washington.", "en")
    assert "person:george-w-bush" in actors
    assert not any(a.startswith("country:td") or a == "place:bush" for a in actors)


# --- evidence from the whole article ---------------------------------------------------------


def test_a_name_shown_to_be_a_person_once_is_that_person_at_a_sentence_start_too():
    actors = found("Mr Okafor told reporters the plan was sound. Okafor said later it would wait.", "en")
    assert actors == {"person:okafor": ["Okafor", "Okafor"]}


@pytest.mark.parametrize(
    ("text", "lang", "person", "name"),
    [
        (
            "The road was built by Emperor Wang Lixiong. Wang Lixiong ruled for years.",
            "en",
            "person:wang-lixiong",
            "Wang Lixiong",
        ),
        (
            "De brug werd geopend door burgemeester Wang Lixiong. Wang Lixiong sprak kort.",
            "nl",
            "person:wang-lixiong",
            "Wang Lixiong",
        ),
    ],
)
def test_a_full_name_opening_a_sentence_keeps_its_first_word(text, lang, person, name):
    assert found(text, lang) == {person: [name, name]}


# --- names no list knows ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        ("The talks were led by Nguyen Thanh Phuong in Hanoi.", "en", "person:nguyen-thanh-phuong"),
        (
            "Het akkoord werd getekend door Tshilombo Mwanakatwe in Kinshasa.",
            "nl",
            "person:tshilombo-mwanakatwe",
        ),
    ],
)
def test_a_name_of_rare_words_is_a_person_without_a_known_given_name(text, lang, person):
    assert person in found(text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Tang Weirong said the talks went well. Tang left on Friday.", "en"),
        ("Tang Weirong zei dat de gesprekken goed gingen. Tang vertrok vrijdag.", "nl"),
    ],
)
def test_a_family_name_that_is_also_a_word_opens_the_name_of_one_who_speaks(text, lang):
    assert found(text, lang) == {"person:tang-weirong": ["Tang Weirong", "Tang"]}


def test_an_everyday_word_opening_the_sentence_is_no_family_name():
    assert found("Meanwhile Weirong said the talks went well.", "en") == {"person:weirong": ["Weirong"]}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Halvorka, 58, told parliament that the reforms would go on.", "en"),
        ("Halvorka (58) zei dat de hervormingen doorgaan.", "nl"),
    ],
)
def test_one_word_given_an_age_is_a_person(text, lang):
    assert found(text, lang) == {"person:halvorka": ["Halvorka"]}


def test_an_organisation_spelled_out_before_its_acronym_is_one_actor_under_both_names():
    actors = found(
        "Members of the Northern Brewery Workers Union (NBWU) voted on Monday. The NBWU said the "
        "Harbour Safety Office (HSO) had agreed.",
        "en",
    )
    assert actors == {
        "organisation:northern-brewery-workers-union": ["Northern Brewery Workers Union", "NBWU", "NBWU"],
        "organisation:harbour-safety-office": ["Harbour Safety Office", "HSO"],
    }
    actors = found("De Verenigde Staten (VS) en de Bond van Kaasmakers (BvK) spraken.", "nl")
    assert actors["country:us"] == ["Verenigde Staten", "VS"]
    assert actors["organisation:bond-van-kaasmakers"] == ["Bond van Kaasmakers", "BvK"]


def test_a_company_named_in_full_once_is_that_company_without_its_legal_form():
    actors = found("Kestrel Mining Inc. said profits rose. Kestrel Mining will expand next year.", "en")
    assert actors == {"organisation:kestrel-mining": ["Kestrel Mining Inc", "Kestrel Mining"]}


def test_a_rare_name_after_in_or_near_is_a_place_and_a_portfolio_is_no_person():
    assert found("The camp near Wexbridgeton was shelled on Tuesday.", "en") == {
        "place:wexbridgeton": ["Wexbridgeton"]
    }
    actors = found(
        "Het bedrijf uit Oosterwijkerveen meldde winst, zei minister Jan Pieters van Volksgezondheid.", "nl"
    )
    assert actors == {"place:oosterwijkerveen": ["Oosterwijkerveen"], "person:jan-pieters": ["Jan Pieters"]}


@pytest.mark.parametrize(
    "text",
    [
        "Ook de haven van Oosterwijkerveen groeide vorig jaar.",
        "De burgemeester van Oosterwijkerveen opende de nieuwe brug.",
        "Veel inwoners van Oosterwijkerveen klaagden over de stank.",
    ],
)
def test_a_rare_name_after_what_only_a_town_has_is_a_place(text):
    assert found(text, "nl") == {"place:oosterwijkerveen": ["Oosterwijkerveen"]}


def test_a_person_after_what_only_a_town_has_stays_a_person():
    actors = found(
        "De burgemeester van Oosterwijkerveen, Jan Pieters, sprak de inwoners van Lochem toe.", "nl"
    )
    assert set(actors) == {"place:oosterwijkerveen", "person:jan-pieters", "place:lochem"}


def test_names_listed_together_with_an_organisation_or_place_are_of_its_kind():
    actors = found("Gisteren vroegen Brixmoor, Talvenco en General Motors om steun.", "nl")
    assert {"organisation:brixmoor", "organisation:talvenco", "organisation:general-motors"} <= set(actors)
    actors = found("She lived in Tilburg, Oosterhoutsedijk and Rijen before that.", "en")
    assert "place:oosterhoutsedijk" in actors
    # An introductory word before a comma is no item of the list.
    assert found("However, General Motors said no.", "en") == {
        "organisation:general-motors": ["General Motors"]
    }


def test_a_word_for_a_kind_of_body_before_a_place_names_that_body():
    actors = found("Gisteren verloor FC Utrecht thuis. De Universiteit Utrecht zweeg.", "nl")
    assert {"organisation:fc-utrecht", "organisation:universiteit-utrecht"} <= set(actors)
    assert "place:utrecht" not in actors


def test_what_a_person_is_of_is_no_part_of_the_name():
    actors = found("Mevrouw Van den Bossche van Agalev zei dat het goed gaat.", "nl")
    assert actors == {"person:van-den-bossche": ["Van den Bossche"], "organisation:groen": ["Agalev"]}
    actors = found("Mevrouw Van den Bossche van Brakkeveld zei dat het goed gaat.", "nl")
    assert actors == {"person:van-den-bossche": ["Van den Bossche"]}


def test_a_rare_compound_of_an_organisation_word_is_an_organisation_not_a_person():
    assert found("The Tolvenbank said rates would rise.", "en") == {"organisation:tolvenbank": ["Tolvenbank"]}
    assert found("De Tolvenbank zei dat de rente stijgt.", "nl") == {
        "organisation:tolvenbank": ["Tolvenbank"]
    }
    assert found("Rechtbank oordeelt vandaag over de zaak.", "nl") == {}


def test_a_team_or_band_named_in_the_plural_after_the_is_an_organisation():
    actors = found("The Quellmoor Otters beat the Falcons on Sunday, and the Brambletons played.", "en")
    assert set(actors) == {
        "organisation:quellmoor-otters",
        "organisation:falcons",
        "organisation:brambletons",
    }


def test_a_given_name_before_a_listed_place_makes_a_person_and_a_role_is_cut_off():
    actors = found("The army under Philip Sheridan advanced. Senior Kory Lindqvarn played.", "en")
    assert set(actors) == {"person:philip-sheridan", "person:kory-lindqvarn"}


# --- codes, labels and formal names ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Critics said COVID-19 cases rose. She died after contracting COVID-19, Reuters said.", "en"),
        ("Volgens de minister kwamen er F-16 toestellen. Verder zei Airbus A380 niets.", "nl"),
    ],
)
def test_a_name_with_digits_is_no_person_and_no_place(text, lang):
    assert not [a for a in found(text, lang) if a.startswith(("person:", "place:"))]


def test_an_interviewers_label_is_no_organisation():
    text = "Interview.\n\n((QX)) Did you see a trend?\n\nQX: Thank you.\n\nThe QXWU said it agreed."
    assert found(text, "en") == {"organisation:qxwu": ["QXWU"]}


def test_a_country_is_shown_by_its_everyday_name_not_its_formal_one():
    from build_archive.actors.lexicon import load_lexicon

    assert load_lexicon("nl").actors["country:hk"].name == "Hongkong"
    assert load_lexicon("en").actors["country:hk"].name == "Hong Kong"


# --- ranks, companies that speak, newspapers, regiments and railways -------------------------


@pytest.mark.parametrize(
    ("text", "lang", "person", "name"),
    [
        (
            "The unit was led by Lieutenant Obinna Kestrelwood.",
            "en",
            "person:obinna-kestrelwood",
            "Obinna Kestrelwood",
        ),
        ("The inquest heard Coroner Imelda Vasquetti.", "en", "person:imelda-vasquetti", "Imelda Vasquetti"),
        (
            "De eenheid stond onder luitenant Wietse Brakkenhoff.",
            "nl",
            "person:wietse-brakkenhoff",
            "Wietse Brakkenhoff",
        ),
        (
            "Het verdrag werd getekend door Jonkheer Ferdinand Blommaert.",
            "nl",
            "person:ferdinand-blommaert",
            "Ferdinand Blommaert",
        ),
    ],
)
def test_a_rank_or_a_noble_title_before_a_name_is_cut_off_and_makes_it_a_person(text, lang, person, name):
    assert found(text, lang) == {person: [name]}


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        ("Halvorsen Maritime said on Monday that orders fell.", "en", "Halvorsen Maritime"),
        ("Volgens Verhoeckx Bouw zijn de orders gedaald.", "nl", "Verhoeckx Bouw"),
        ("Orders fell, Brakmoor Logistics told investors.", "en", "Brakmoor Logistics"),
    ],
)
def test_a_name_ending_in_an_everyday_word_is_no_person_because_it_speaks(text, lang, body):
    actors = found(text, lang)
    assert not [a for a in actors if a.startswith("person:")], actors
    assert [a for a in actors if a.startswith("organisation:")] in ([], [f"organisation:{slug(body)}"])


def test_a_person_with_a_particle_a_rare_name_or_a_common_surname_still_speaks():
    assert found("De Brakkenhoff zei dat het goed ging.", "nl") == {
        "person:de-brakkenhoff": ["De Brakkenhoff"]
    }
    assert "person:okonkwo-adebayo" in found("Okonkwo Adebayo said the vote was fair.", "en")
    # A common surname is as everyday as many words in word counts, yet no company's last word.
    assert "person:okwudili-lewis" in found("Its chief, Okwudili Lewis, said the bank was sound.", "en")
    assert "person:tjeerd-visser" in found("Volgens Tjeerd Visser is de bank gezond.", "nl")


@pytest.mark.parametrize(
    ("text", "lang", "body", "place"),
    [
        (
            "The Tehran Times reported that the talks had failed.",
            "en",
            "organisation:tehran-times",
            "place:tehran",
        ),
        (
            "De Leeuwarder Koerier meldde dat de talks mislukten.",
            "nl",
            "organisation:leeuwarder-koerier",
            None,
        ),
        ("The Konkan Railway opened a new line.", "en", "organisation:konkan-railway", None),
        ("The Royal Kestrel Rifles marched out of Delhi.", "en", "organisation:royal-kestrel-rifles", None),
        ("Het Derde Regiment Huzaren trok naar Utrecht.", "nl", "organisation:derde-regiment-huzaren", None),
    ],
)
def test_newspapers_regiments_and_railways_are_organisations_and_no_place_in_them(text, lang, body, place):
    actors = found(text, lang)
    assert body in actors
    assert not [a for a in actors if a.startswith("person:")]
    if place:
        assert place not in actors


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        ("The house, owned by TOM KESTRELWOOD, was sold at auction.", "en", "person:tom-kestrelwood"),
        ("Het huis, bewoond door JAN BRAKMOOR, is verkocht.", "nl", "person:jan-brakmoor"),
    ],
)
def test_a_name_in_capitals_that_begins_with_a_given_name_is_a_person(text, lang, person):
    assert list(found(text, lang)) == [person]


@pytest.mark.parametrize(
    ("text", "lang"),
    [("DE HEER JAN POST IS OVERLEDEN", "nl"), ("BEN AND JERRYS WIN THE CUP", "en")],
)
def test_a_headline_in_capitals_is_no_person(text, lang):
    assert not [a for a in found(text, lang) if a.startswith("person:")]


# --- Dutch in the spelling of old papers --------------------------------------------------------


def test_a_country_or_place_in_old_dutch_spelling_is_that_country_or_place():
    actors = found("De gezant reisde van Weenen naar Duitschland en de Vereenigde Staten.", "nl")
    assert actors == {
        "place:vienna-at": ["Weenen"],
        "country:de": ["Duitschland"],
        "country:us": ["Vereenigde Staten"],
    }
    assert "country:pruisen" in found("De oorlog tusschen Pruissen en Oostenrijk duurde kort.", "nl")


def test_a_particle_and_a_name_in_old_spelling_stay_a_persons_name_not_a_place():
    # "Wael" is the old spelling of the river Waal, but after "Vos de" it is a surname.
    actors = found("Ter vergadering sprak de heer Vos de Wael over het kanaal.", "nl")
    assert not [a for a in actors if a.startswith(("place:", "country:"))], actors


@pytest.mark.parametrize(
    "text",
    [
        "De Minister van Binnenlandsche Zaken zeide niets over het kanaal.",
        "Den 3 Februarij en den 1 Julij sprak de Minister van Finantien.",
        "De Kommissaris des Konings opende de zitting.",
        "Binnenlandsche Berigten.\nHet water stijgt.",
    ],
)
def test_everyday_words_portfolios_months_and_titles_in_old_spelling_are_no_actors(text):
    assert found(text, "nl") == {}


def test_modern_words_are_not_read_as_old_spelling():
    # A name with a "c" is no old form of a "k" word ("Cate" is not "Kate", an everyday word).
    assert "person:udink-ten-cate" in found("Later spraken Helmich Brakkenvoort en Udink ten Cate.", "nl")


# --- honorifics, roles and abbreviations -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        ("Z. H. Pius IX ontving den gezant. Later sprak Pius IX kort.", "nl", "person:pius-ix"),
        ("H.R.H. Olumide Adeyemi opened the hall.", "en", "person:olumide-adeyemi"),
    ],
)
def test_an_honorific_in_initials_is_cut_off_a_name(text, lang, person):
    assert list(found(text, lang)) == [person]


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        ("Brieven franco aan den Uitgever W. Brakmoor te Tilburg.", "nl", "person:w-brakmoor"),
        ("Letters to the Publisher J. Kestrelwood, Leeds.", "en", "person:j-kestrelwood"),
        ("Te koop bij de Wed. Brakkenhoff, Veenestraat.", "nl", "person:brakkenhoff"),
    ],
)
def test_a_role_such_as_publisher_or_widow_is_cut_off_and_is_no_organisation(text, lang, person):
    actors = found(text, lang)
    assert person in actors
    assert not [a for a in actors if a.startswith("organisation:")], actors


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Koersen. Binnenl. 60. Buitenl. 42. Ween. B. Aand. 250.", "nl"),
        ("Consols 92. Govt. Bds. 4 pct. Amalg. Copper 61.", "en"),
    ],
)
def test_abbreviated_words_of_a_table_are_no_actors(text, lang):
    assert found(text, lang) == {}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a word that the scan split after its first letters ("Gedeputeerde", "Binnenlandsche")
        (
            "Het voorstel is aan Gede puteerde Staten gezonden. Later antwoordden de heeren Gede puteerde Staten.",
            "nl",
            {},
        ),
        ("De rede van den Minister van Binnenland sche Zaken werd goed ontvangen.", "nl", {}),
        # a capital and a full stop is an initial, however misread, no one of its own
        (
            "Ingekomen is een brief van den Heer Jf. C. Illebé te Utrecht.",
            "nl",
            {"person:c-illebe": ["C. Illebé"], "place:utrecht": ["Utrecht"]},
        ),
        # a regnal number alone names no king
        (
            "Koning Willem I kwam aan. Men juichte; I. de stoet trok voorbij.",
            "nl",
            {"person:willem-i": ["Willem I"]},
        ),
        # a word that the article also writes in lower case, in the rows of a table
        (
            "Spanje.\nObligatien 21/4 36 7/8.\nDito 3 Dito Binnenl a 6/m. 3 36 1/4.\nDito dito 4 pCt. 97.",
            "nl",
            {"country:es": ["Spanje"]},
        ),
        # a surname and a word of its own after it stay apart
        ("Vandaag vertrok de heer Kok en zijn vrouw bleef thuis.", "nl", {"person:kok": ["Kok"]}),
    ],
)
def test_debris_of_old_scans_is_no_person(text, lang, expected):
    assert found(text, lang) == expected


# --- surnames with particles in lower case -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "persons"),
    [
        ("De heer van Brakkenhoff zeide dat het kanaal te duur was.", "nl", {"person:van-brakkenhoff"}),
        (
            "Ter vergadering waren de heeren Kalverda, van Oosterwijk en van Brakkenhoff.",
            "nl",
            {"person:kalverda", "person:van-oosterwijk", "person:van-brakkenhoff"},
        ),
        ("Mr van der Brakel said the plan was sound.", "en", {"person:van-der-brakel"}),
    ],
)
def test_particles_in_lower_case_after_a_word_of_address_or_in_a_list_of_names_are_the_names(
    text, lang, persons
):
    assert set(found(text, lang)) == persons


def test_a_town_after_a_word_of_address_and_its_particle_is_a_persons_surname():
    assert found("De heer van Delden zeide niets.", "nl") == {"person:van-delden": ["van Delden"]}
    assert "place:utrecht" in found("De trein reed van Amsterdam, van Utrecht en van Leiden.", "nl")


# --- one person, not a person and a place ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Bram Kessel is de nieuwe trainer. Kessel zei dat hij blij was. Volgens Kessel is de ploeg sterk.",
            "nl",
        ),
        (
            "Bram Kessel is the new coach. Kessel said he was happy. According to Kessel, the team is strong.",
            "en",
        ),
    ],
)
def test_a_surname_that_is_also_a_town_joins_the_full_name_of_the_article(text, lang):
    actors = found(text, lang)
    assert actors == {"person:bram-kessel": ["Bram Kessel", "Kessel", "Kessel"]}


def test_a_town_named_after_a_place_word_stays_the_town_beside_a_person_of_that_name():
    actors = found("Bram Kessel is de nieuwe trainer. Hij woont in Kessel.", "nl")
    assert set(actors) == {"person:bram-kessel", "place:kessel"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Tilburg, Okafor en Breda kregen geld. Jan Okafor zei dat het goed was.", "nl"),
        ("They came from Tilburg, Okafor and Breda. Jan Okafor said it was fine.", "en"),
    ],
)
def test_an_enumeration_does_not_make_a_place_of_the_articles_own_persons_surname(text, lang):
    actors = found(text, lang)
    assert "place:okafor" not in actors
    assert actors["person:jan-okafor"] == ["Okafor", "Jan Okafor"]


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        ("According to Halvorsen Maritime, orders fell sharply.", "en", "organisation:halvorsen-maritime"),
        ("Volgens Verhoeckx Bouw zijn de orders gedaald.", "nl", "organisation:verhoeckx-bouw"),
    ],
)
def test_a_name_ending_in_an_everyday_word_that_speaks_is_a_body_not_a_place_or_person(text, lang, body):
    assert found(text, lang) == {body: [body.split(":")[1].replace("-", " ").title()]}


def test_the_tagger_never_joins_two_persons_or_places_across_and_but_keeps_a_firms_name():
    from build_archive.actors.tagger import Span, _split_coordination, tokenise

    words = tokenise("Talks of Maren Olsby and Tove Kristal with Hope en Co ended.")
    index = {word.text: number for number, word in enumerate(words)}
    persons = Span("PER", index["Maren"], index["Kristal"] + 1)
    firm = Span("ORG", index["Hope"], index["Co"] + 1)
    assert _split_coordination([persons, firm], words) == [
        Span("PER", index["Maren"], index["Olsby"] + 1),
        Span("PER", index["Tove"], index["Kristal"] + 1),
        firm,
    ]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The Dow Jones was down 2.6% while the Falcons won.", "en", {"organisation:falcons"}),
        ("De Dow Jones Industrial Average (DJIA) daalde fors. De DJIA herstelde.", "nl", set()),
        (
            "Its Chief Executive Officer (CEO) left the Kestrel Mining Corp.",
            "en",
            {"organisation:kestrel-mining"},
        ),
    ],
)
def test_a_market_index_or_a_spelled_out_title_is_no_organisation(text, lang, expected):
    assert set(found(text, lang)) == expected


# --- one person across the archive: a surname without its particles -----------------------------


@pytest.mark.parametrize(
    ("texts", "joined_to"),
    [
        (
            [("De heer van Brakkenhoff zeide dat het kanaal te duur was.", "nl"),
             ("Gisteren zei Brakkenhoff dat het kanaal te duur was.", "nl")],
            "person:van-brakkenhoff",
        ),
        (
            [("Mr van der Oosterwijk said the canal was too dear.", "en"),
             ("On Monday, Oosterwijk said the canal was too dear.", "en")],
            "person:van-der-oosterwijk",
        ),
    ],
)  # fmt: skip
def test_a_surname_without_its_particles_joins_the_one_person_named_with_them(texts, joined_to):
    from test_surnames import analysed

    from build_archive.actors.lexicon import load_lexicon
    from build_archive.actors.register import Register
    from build_archive.actors.resolve import join_surnames

    articles = analysed([(text, "2021-01-10", lang) for text, lang in texts])
    joined, ambiguous = join_surnames(articles, load_lexicon("nl"), Register())
    assert [a.actors for a in joined] == [(joined_to,), (joined_to,)]
    assert ambiguous == []


def test_a_surname_with_particles_and_a_full_name_with_them_are_one_person_for_the_bare_name():
    from test_surnames import analysed

    from build_archive.actors.lexicon import load_lexicon
    from build_archive.actors.register import Register
    from build_archive.actors.resolve import join_surnames

    articles = analysed(
        [
            ("Minister Wouter van Brakkenhoff zei dat het kanaal te duur was.", "2021-01-10", "nl"),
            ("Gisteren zei Brakkenhoff dat het kanaal te duur was.", "2021-02-10", "nl"),
            ("De heer van Brakkenhoff zeide het ook.", "2021-03-10", "nl"),
        ]
    )
    joined, ambiguous = join_surnames(articles, load_lexicon("nl"), Register())
    assert [a.actors for a in joined] == [("person:wouter-van-brakkenhoff",)] * 3
    assert ambiguous == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Indien het regent, gaan wij niet. Wij blijven thuis, indien het stormt.", "nl", {}),
        ("Chad said no. The plan, said chad makers, was too dear.", "en", {}),
        (
            "Nederland won. Chili speelde ook mee.",
            "nl",
            {"country:nl": ["Nederland"], "country:cl": ["Chili"]},
        ),
    ],
)
def test_a_listed_name_opening_a_sentence_is_a_word_when_the_article_writes_it_in_lower_case(
    text, lang, expected
):
    assert found(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Mr. A. Brakmoor, Notaris te Olst, zal verkoopen.", "nl", {"person:a-brakmoor", "place:olst"}),
        ("De voorzitter van Brakmoor zei dat het goed ging.", "nl", set()),
        ("The chairman of Brakmoor said it went well.", "en", set()),
    ],
)
def test_the_place_or_body_after_a_title_and_te_or_van_is_no_person(text, lang, expected):
    assert {a for a in found(text, lang) if a.startswith("person:")} == {
        a for a in expected if a.startswith("person:")
    }
    assert {a for a in expected if not a.startswith("person:")} <= set(found(text, lang))


@pytest.mark.parametrize(
    ("text", "lang", "body", "tail"),
    [
        (
            "The Northern Kestrel Air Force (NKAF) got tankers. We are shocked that the Air Force chose them.",
            "en",
            "organisation:northern-kestrel-air-force",
            "Air Force",
        ),
        (
            "De Koninklijke Brakmoorse Luchtmacht Vereniging zweeg. De Luchtmacht Vereniging zei later niets.",
            "nl",
            "organisation:koninklijke-brakmoorse-luchtmacht-vereniging",
            "Luchtmacht Vereniging",
        ),
    ],
)
def test_the_last_words_of_an_organisations_name_in_its_article_are_that_organisation(text, lang, body, tail):
    actors = found(text, lang)
    assert list(actors) == [body]
    assert actors[body][-1] == tail


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        (
            "Tot notaris is benoemd J. C. Wolterbeek. Voorts werd J in de stad gezien.",
            "nl",
            "person:j-c-wolterbeek",
        ),
        ("Appointed: W. T. Harlowe as clerk. Then W left town and C followed.", "en", "person:w-t-harlowe"),
    ],
)
def test_a_lone_initial_is_no_person_even_beside_a_full_name_with_that_initial(text, lang, person):
    actors = found(text, lang)
    assert [actor for actor in actors if actor.startswith("person:")] == [person]
    assert all(len(name.strip(".")) > 1 for name in actors[person])


def test_a_lone_initial_is_no_item_of_a_list_of_names():
    actors = found("De heeren Bram Kessel en Joost Verhulst, en M. kwamen.", "nl")
    assert not [actor for actor in actors if actor.startswith("person:") and len(actor) <= len("person:m")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Revenue grew, said the Chief Operating Officer of the airline.", "en"),
        ("The Deputy Undersecretary of the Navy resigned on Friday.", "en"),
        ("Dat meldde de Financieel Directeur van het bedrijf.", "nl"),
    ],
)
def test_a_role_phrase_that_ends_in_its_role_noun_is_no_person(text, lang):
    assert not [actor for actor in found(text, lang) if actor.startswith("person:")]


# --- names written with the old genitive article ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("De markt te 's-Gravenmoer was druk bezocht.", "'s-Gravenmoer"),
        ("Gisteren kwam de boot uit 's Hage aan.", "'s Hage"),
        ("De trein naar 's-Hertogenbosch vertrok te laat.", "'s-Hertogenbosch"),
        ("Uit 's Hertogenbosch meldt men regen.", "'s Hertogenbosch"),
    ],
)
def test_a_dutch_place_written_with_s_holds_the_whole_name(text, place):
    actors = found(text, "nl")
    assert [names for actor, names in actors.items() if actor.startswith("place:")] == [[place]]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Het hof te 's-Gravenhage deed gisteren uitspraak.", "place:the-hague"),
        ("De kermis van 's Gravenhage trok veel volk.", "place:the-hague"),
        ("Per stoomboot naar 's Bosch, vertrek 8 uur.", "place:s-hertogenbosch"),
    ],
)
def test_an_old_dutch_name_of_a_listed_town_is_that_town(text, place):
    assert place in found(text, "nl")


def test_a_genitive_with_s_before_a_noun_in_s_is_no_place():
    assert not [
        a
        for a in found("Het geld werd in 's Lands kas gestort, 's Morgens vroeg.", "nl")
        if a.startswith("place:")
    ]


# --- titles before listed names ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "person", "name"),
    [
        ("Op zondag sprak Paus Franciscus op het plein.", "nl", "person:pope-francis", "Franciscus"),
        ("On Sunday Pope Francis spoke to the crowd.", "en", "person:pope-francis", "Francis"),
        ("The crowd cheered when Prince Harry arrived.", "en", "person:prince-harry", "Harry"),
    ],
)
def test_a_title_before_a_listed_person_is_no_part_of_the_mention(text, lang, person, name):
    assert found(text, lang)[person] == [name]


@pytest.mark.parametrize(
    ("text", "lang", "person", "names"),
    [
        (
            "Gisteren ontving keizer Lodewijk de gezanten. Later vertrok Lodewijk naar zee.",
            "nl",
            "person:lodewijk",
            ["Lodewijk", "Lodewijk"],
        ),
        ("Het volk juichte toen Koningin Wilhelmina voorbijreed.", "nl", "person:wilhelmina", ["Wilhelmina"]),
        ("The treaty was signed by King Frederick in the spring.", "en", "person:frederick", ["Frederick"]),
    ],
)
def test_a_given_name_after_a_regnal_title_is_a_persons_name(text, lang, person, names):
    actors = found(text, lang)
    assert actors[person] == names


def test_a_given_name_after_a_regnal_title_stays_a_person_across_the_archive():
    from test_surnames import analysed

    from build_archive.actors.lexicon import load_lexicon
    from build_archive.actors.register import Register
    from build_archive.actors.resolve import join_surnames

    articles = analysed(
        [
            ("Gisteren sprak keizer Lodewijk in de hoofdstad.", "2021-01-10", "nl"),
            ("Then Queen Wilhelmina waved at the crowd.", "2021-01-11", "en"),
        ]
    )
    joined, _ = join_surnames(articles, load_lexicon("nl"), Register())
    assert [a.actors for a in joined] == [("person:lodewijk",), ("person:wilhelmina",)]


@pytest.mark.parametrize(
    ("text", "lang", "short"),
    [
        (
            "The Harwick Motor Company will close two plants. Analysts said Harwick lost money.",
            "en",
            "Harwick",
        ),
        (
            "De Vellmar Computer Group sluit een fabriek. Volgens analisten verloor Vellmar geld.",
            "nl",
            "Vellmar",
        ),
        ("Dravik Capital said it would cut staff. Dravik said the cuts would come in March.", "en", "Dravik"),
        ("Shares of Tarkov Energy rose. Tarkov told reporters it expected approval.", "en", "Tarkov"),
    ],
)
def test_a_company_named_in_full_once_is_that_company_by_its_first_word(text, lang, short):
    actors = found(text, lang)
    organisations = [names for actor, names in actors.items() if actor.startswith("organisation:")]
    assert len(organisations) == 1 and organisations[0][-1] == short


def test_a_listed_company_and_a_company_word_after_it_are_one_name():
    actors = found("Yesterday Apple Computer showed a new laptop.", "en")
    assert actors == {"organisation:apple": ["Apple Computer"]}


def test_an_everyday_first_word_of_a_company_is_no_short_name_of_it():
    actors = found(
        "The Modern Motor Company grew. Modern said nothing, General Motors Corporation neither.", "en"
    )
    assert not [names for names in actors.values() if names[-1] in ("Modern", "General")]


def test_a_companys_first_word_after_a_title_stays_a_person():
    actors = found("The Harwick Motor Company will close. Mr. Harwick, its founder, was sad.", "en")
    assert actors["person:harwick"] == ["Harwick"]


@pytest.mark.parametrize(
    ("text", "lang", "house", "bodies"),
    [
        (
            "The US Senate met early. On Tuesday the Senate rejected the budget.",
            "en",
            "organisation:us-senate",
            ["US Senate", "Senate"],
        ),
        (
            "American farmers were angry. On Tuesday the Senate rejected the budget.",
            "en",
            "organisation:us-senate",
            ["Senate"],
        ),
        (
            "De Tweede Kamer debatteerde lang. Het wetsvoorstel werd door de Kamer aangenomen.",
            "nl",
            "organisation:tweede-kamer",
            ["Tweede Kamer", "Kamer"],
        ),
        (
            "In de Amerikaanse hoofdstad was het onrustig. Daarna stemde de Senaat tegen het verdrag.",
            "nl",
            "organisation:us-senate",
            ["Senaat"],
        ),
        # a Dutch article that names no other Kamer means the Tweede Kamer
        (
            "Het wetsvoorstel werd gisteren door de Kamer aangenomen.",
            "nl",
            "organisation:tweede-kamer",
            ["Kamer"],
        ),
        (
            "De leden dezer Kamer stemden tegen het ontwerp uit Europa.",
            "nl",
            "organisation:tweede-kamer",
            ["Kamer"],
        ),
        (
            "De minister wil de Kamer voor de zomer informeren. De oppositie in de Kamer is kritisch.",
            "nl",
            "organisation:tweede-kamer",
            ["Kamer", "Kamer"],
        ),
        (
            "De Kamer van Koophandel te Deventer vergaderde gisteren. Daarna besloot de Kamer tot nieuwbouw.",
            "nl",
            "organisation:kamer-van-koophandel",
            ["Kamer van Koophandel", "Kamer"],
        ),
        (
            "In België was het onrustig. Daarna stemde de Kamer tegen het verdrag.",
            "nl",
            "organisation:belgian-chamber",
            ["Kamer"],
        ),
        # "de Senaat" is the Eerste Kamer only where the article is about the Netherlands
        (
            "Het kabinet wacht af. Gisteren stemde de Senaat in met de wet, de laatste stap in Nederland.",
            "nl",
            "organisation:eerste-kamer",
            ["Senaat"],
        ),
    ],
)
def test_a_legislature_named_by_its_word_alone_is_the_one_body_the_article_means(text, lang, house, bodies):
    assert found(text, lang)[house] == bodies


@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        ("On Tuesday the Senate rejected the budget of the governor.", "en", "Senate"),
        ("Gisteren stemde de Senaat in met de wet.", "nl", "Senaat"),
        ("De Eerste Kamer en de Tweede Kamer waren het oneens; de Kamer zweeg.", "nl", "Kamer"),
        ("In Frankrijk was het onrustig. Daarna stemde de Kamer tegen het verdrag.", "nl", "Kamer"),
        (
            "Men meldt uit Parijs dat de Kamer gisteren vergaderde. De zitting der Kamer duurde lang.",
            "nl",
            "Kamer",
        ),
    ],
)
def test_a_legislature_word_alone_that_names_no_one_body_is_no_actor(text, lang, word):
    assert all(word not in texts for texts in found(text, lang).values())


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Senate leaders met on Monday.", "en"),
        ("Hij sliep die nacht in Kamer 12 van het hotel.", "nl"),
        ("Het Senaat-debat duurde lang.", "nl"),
    ],
)
def test_a_legislature_word_opening_a_sentence_or_naming_a_room_is_no_organisation(text, lang):
    assert not [actor for actor in found(text, lang) if actor.startswith("organisation:")]


# --- sports clubs named after their town -------------------------------------------------------


def test_towns_in_a_line_of_results_or_a_league_table_are_clubs():
    text = "Results on Saturday:\nLeeds 2 Norwich 1\nBarnsley 0 Ipswich 3 (halftime 0-1)\nStandings:\nLeeds 10 6 2 2 18 9 20"
    actors = found(text, "en")
    assert {
        "organisation:leeds",
        "organisation:norwich",
        "organisation:barnsley",
        "organisation:ipswich",
    } <= set(actors)
    assert not [actor for actor in actors if actor.startswith("place:")]


@pytest.mark.parametrize(
    ("text", "lang", "clubs", "place"),
    [
        (
            "On Sunday Leeds beat Norwich 2-1 in front of a full stadium in Leeds.",
            "en",
            ["Leeds", "Norwich"],
            "Leeds",
        ),
        ("Gisteren versloeg Breda in eigen huis Tilburg met 3-1.", "nl", ["Breda"], "Tilburg"),
    ],
)
def test_towns_that_a_verb_of_a_match_joins_beside_a_score_are_clubs(text, lang, clubs, place):
    actors = found(text, lang)
    assert [
        name for actor, names in actors.items() if actor.startswith("organisation:") for name in names[:1]
    ] == clubs
    assert [names[-1] for actor, names in actors.items() if actor.startswith("place:")] == [place]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The train from Leeds to Norwich took 3 hours, and Leeds beat its record.", "en"),
        ("Gisteren kwamen in Tilburg 2-3 duizend mensen bijeen.", "nl"),
        ("Uitslag golf:\nGreg Norman 69 70 71 72 282", "en"),
    ],
)
def test_towns_and_persons_without_a_score_or_a_line_of_results_keep_their_kind(text, lang):
    assert not [actor for actor in found(text, lang) if actor.startswith("organisation:")]


@pytest.mark.parametrize(
    ("text", "clubs"),
    [
        ("Vellora beat Lazio 2-1 on Sunday.", ["Vellora", "Lazio"]),
        ("Juventus drew 1-1 with Parma in Turin.", ["Juventus", "Parma"]),
        ("Harwick lost 3-0 to Dunmore on Saturday.", ["Harwick", "Dunmore"]),
        ("Chelsea beat Norwich 2-0. Chelsea manager Ruud Gullit was pleased.", ["Chelsea", "Norwich"]),
        ("Vellora coach Sven Eriksson said the title was lost.", ["Vellora"]),
    ],
)
def test_a_club_opening_the_sentence_or_after_a_score_is_a_club_wherever_the_article_names_it(text, clubs):
    actors = found(text, "en")
    bodies = {names[0] for actor, names in actors.items() if actor.startswith("organisation:")}
    assert bodies == set(clubs)
    assert all(len(set(names)) == 1 for names in actors.values())
    assert not [names for actor, names in actors.items() if actor.startswith("place:") and names[0] in clubs]


@pytest.mark.parametrize(
    "text",
    [
        "Yesterday beat the record 2-1, officials said.",
        "Chelsea Harwick said the score was 2-1 at half time.",
    ],
)
def test_an_everyday_word_or_a_persons_name_beside_a_score_is_no_club(text):
    assert not [actor for actor in found(text, "en") if actor.startswith("organisation:")]


@pytest.mark.parametrize(
    ("text", "lang", "clubs", "town"),
    [
        (
            "Sheffield Wednesday lost at home in the league on Saturday.",
            "en",
            ["Sheffield Wednesday"],
            "Sheffield",
        ),
        ("Derby County striker Tom Harlow scored twice.", "en", ["Derby County"], "Derby"),
        (
            "Ipswich Town lost 2-0 at home, and Leicester City won.",
            "en",
            ["Ipswich Town", "Leicester City"],
            "Ipswich",
        ),
        (
            "Sheffield Wednesday verloor zaterdag thuis in de competitie.",
            "nl",
            ["Sheffield Wednesday"],
            "Sheffield",
        ),
    ],
)
def test_a_town_and_a_clubs_word_in_an_article_about_sport_name_its_club(text, lang, clubs, town):
    actors = found(text, lang)
    assert [names[0] for actor, names in actors.items() if actor.startswith("organisation:")] == clubs
    assert f"place:{slug(town)}" not in actors


@pytest.mark.parametrize(
    ("text", "lang", "place"),
    [
        ("They flew to Leeds Wednesday to meet the mayor.", "en", "Leeds"),
        ("Officials of Leicester City Council met the mayor of Derby.", "en", "Derby"),
        ("Paris beat London to host the Games, officials said.", "en", "London"),
        ("Groningen verloor van Zwolle in de strijd om het geld.", "nl", "Zwolle"),
    ],
)
def test_a_town_and_a_clubs_word_or_a_verb_of_a_match_outside_sport_stay_what_they_are(text, lang, place):
    actors = found(text, lang)
    assert place in {names[0] for actor, names in actors.items() if actor.startswith("place:")}
    assert not [actor for actor in actors if actor.startswith("organisation:") and "council" not in actor]


@pytest.mark.parametrize(
    ("text", "lang", "clubs"),
    [
        ("Newcastle beat Tottenham on Sunday to go top of the league.", "en", ["Newcastle", "Tottenham"]),
        ("Soccer: Bolton drew with Norwich in the second division.", "en", ["Bolton", "Norwich"]),
        ("Groningen verloor zondag van Zwolle in de eredivisie.", "nl", ["Groningen", "Zwolle"]),
        ("Sheffield Wednesday beat Leeds in the league.", "en", ["Sheffield Wednesday", "Leeds"]),
        (
            "Sheffield Wednesday verloor zaterdag in de competitie van Leeds.",
            "nl",
            ["Sheffield Wednesday", "Leeds"],
        ),
        ("Sheffield Wednesday beat Leeds in the league.", "en", ["Sheffield Wednesday", "Leeds"]),
        (
            "Sheffield Wednesday verloor zaterdag in de competitie van Leeds.",
            "nl",
            ["Sheffield Wednesday", "Leeds"],
        ),
    ],
)
def test_two_towns_a_verb_of_a_match_joins_in_an_article_about_sport_are_clubs(text, lang, clubs):
    actors = found(text, lang)
    assert [names[0] for actor, names in actors.items() if actor.startswith("organisation:")] == clubs
    assert not [actor for actor in actors if actor.startswith("place:")]


@pytest.mark.parametrize(
    ("text", "lang", "body", "place"),
    [
        ("Shares in Hong Kong Gas fell on Monday.", "en", "Hong Kong Gas", None),
        ("British Gas said its profits rose in Leeds.", "en", "British Gas", "Leeds"),
        ("Analysts said Hutchison Whampoa would buy more ports in Hong Kong.", "en", None, "Hong Kong"),
        ("Aandelen van Hong Kong Gas daalden maandag in Londen.", "nl", "Hong Kong Gas", "Londen"),
    ],
)
def test_a_place_inside_a_longer_name_is_no_place_of_its_own(text, lang, body, place):
    actors = found(text, lang)
    places = [names[0] for actor, names in actors.items() if actor.startswith(("place:", "country:"))]
    assert places == ([place] if place else [])
    if body is not None:
        assert organisation_id(body) in actors


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Crédit Lyonnais said on Monday it would cut jobs.", "Crédit Lyonnais"),
        ("Société Générale reported a loss for the year.", "Société Générale"),
    ],
)
def test_an_accented_word_opening_an_english_sentence_begins_a_name(text, body):
    actors = found(text, "en")
    assert actors == {organisation_id(body): [body]}


# --- titles across a full stop, bodies named whole, companies and speakers ---------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("De akte werd gisteren verleden bij de notaris. Voorts besloot men de boerderij te verhuren.", "nl"),
        ("Het contract lag nog bij de burgemeester. Brakveld was er niet bij.", "nl"),
        ("The papers were signed before the governor. Meanwhile the rain went on.", "en"),
    ],
)
def test_a_title_that_ends_a_sentence_makes_no_person_of_the_next_sentences_first_word(text, lang):
    assert not [actor for actor in found(text, lang) if actor.startswith("person:")]


@pytest.mark.parametrize(
    ("text", "lang", "persons"),
    [
        ("Hij sprak met mr. Dijkwolde en met dr. Oosterbrink.", "nl", ["Dijkwolde", "Oosterbrink"]),
        ("Zij ging naar Wed. Hovenkamp om het huis te zien.", "nl", ["Hovenkamp"]),
        ("The board met Mr. Ashcombe and Dr. Pellingham.", "en", ["Ashcombe", "Pellingham"]),
    ],
)
def test_an_abbreviated_title_keeps_its_person_across_its_own_full_stop(text, lang, persons):
    actors = found(text, lang)
    assert [names[0] for actor, names in actors.items() if actor.startswith("person:")] == persons


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("De Kamer van Koophandel te Deventer vergaderde gisteren.", "Kamer van Koophandel"),
        (
            "Kamer van Koophandel en Fabrieken voor Harderwijk. Zitting van 3 Mei.",
            "Kamer van Koophandel en Fabrieken voor Harderwijk",
        ),
        (
            "Het verslag der Kamer van Koophandel en Fabrieken te Amersfoort is verschenen.",
            "Kamer van Koophandel en Fabrieken",
        ),
        ("De Kamer van Afgevaardigden nam de wet aan.", "Kamer van Afgevaardigden"),
    ],
)
def test_kamer_inside_a_longer_name_is_one_organisation_named_whole(text, name):
    actors = found(text, "nl")
    assert [names[0] for actor, names in actors.items() if actor.startswith("organisation:")] == [name]


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Het kantoor van Hovinga en Co te Groningen sloot vroeg.", "nl", "Hovinga en Co"),
        ("De firma Gerritsma en Zonen verkoopt hout en turf.", "nl", "Gerritsma en Zonen"),
        ("The shop of Pellingham and Sons closed early.", "en", "Pellingham and Sons"),
    ],
)
def test_a_firm_named_after_its_owner_and_his_company_or_sons_is_one_organisation(text, lang, name):
    actors = found(text, lang)
    assert [names[0] for actor, names in actors.items() if actor.startswith("organisation:")] == [name]
    assert not [actor for actor in actors if actor.startswith("person:")]


def test_a_firm_after_a_town_does_not_take_the_town_into_its_name():
    actors = found("Verkrijgbaar te Harderwijk bij A. B. Hovinga en Zoon, boekhandelaar.", "nl")
    assert "place:harderwijk" in actors
    assert [names[0] for actor, names in actors.items() if actor.startswith("organisation:")] == [
        "A. B. Hovinga en Zoon"
    ]


@pytest.mark.parametrize(
    ("text", "lang", "names"),
    [
        (
            "Shares of General Electric rose while General Dynamics fell and General Mills held.",
            "en",
            ["General Electric", "General Dynamics", "General Mills"],
        ),
        ("De aandelen van General Mills en General Foods daalden.", "nl", ["General Mills", "General Foods"]),
    ],
)
def test_general_before_an_everyday_word_begins_a_companys_name(text, lang, names):
    actors = found(text, lang)
    assert [names[0] for actor, names in actors.items() if actor.startswith("organisation:")] == names
    assert not [actor for actor in actors if actor.startswith("person:")]


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        ("General Smith said the troops would stay.", "en", "person:smith"),
        ("The troops were led by General Brakwater until May.", "en", "person:brakwater"),
        ("Generaal Smit zei dat de troepen blijven.", "nl", "person:smit"),
    ],
)
def test_general_before_a_surname_is_a_rank_and_the_surname_a_person(text, lang, person):
    actors = found(text, lang)
    assert person in actors
    assert not [actor for actor in actors if actor.startswith("organisation:")]


@pytest.mark.parametrize(
    "text",
    [
        "Het plan is onhaalbaar, aldus Wolthuizen.",
        "Volgens Wolthuizen is het plan onhaalbaar.",
        "Wolthuizen zegt dat het plan onhaalbaar is.",
        "Wolthuizen verklaart dat het plan onhaalbaar is.",
        "Het plan is onhaalbaar, verklaart Wolthuizen.",
        "Het plan is onhaalbaar, meldt Wolthuizen.",
        "Het plan is onhaalbaar, schrijft Wolthuizen in een brief.",
        '"Het plan is onhaalbaar," stelt Wolthuizen.',
        "Wolthuizen vertelt dat het plan onhaalbaar is.",
    ],
)
def test_a_dutch_speech_verb_before_or_after_a_name_makes_it_a_person(text):
    assert found(text, "nl") == {"person:wolthuizen": ["Wolthuizen"]}


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Het plan is onhaalbaar, aldus Shell.", "organisation:shell"),
        ("Het plan is onhaalbaar, aldus Amsterdam.", "place:amsterdam"),
        ("Het bestuur van Wolthuizerveen verklaart dat het plan onhaalbaar is.", None),
    ],
)
def test_a_speech_verb_makes_no_person_of_a_listed_body_or_place_or_the_body_of_a_place(text, actor):
    actors = found(text, "nl")
    assert not [a for a in actors if a.startswith("person:")]
    assert actor is None or actor in actors


@pytest.mark.parametrize(
    "text",
    [
        "Toch zegt niemand dat het plan onhaalbaar is.",
        "Het kabinet stelt Wolthuizen aan als voorzitter van de raad.",
    ],
)
def test_an_everyday_word_before_a_speech_verb_or_its_object_after_it_is_no_speaker(text):
    assert found(text, "nl") == {}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Z. Exc. Wolthuizen vertrok gisteren naar het buitenland.", "person:wolthuizen"),
        ("Het behaagde Mgr. Oosterbrink de kerk te wijden.", "person:oosterbrink"),
        ("Gisteren preekte Mgr Oosterbrink in de kathedraal.", "person:oosterbrink"),
        ("Aan J.W. Brinkhorst is vergunning verleend.", "person:j-w-brinkhorst"),
    ],
)
def test_an_excellency_a_monsignor_and_initials_written_together_make_a_person(text, person):
    assert person in found(text, "nl")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Adres: bij den uitgever, franco per post.", "nl"),
        ("Namens het bestuur schreef de secretaris een brief.", "nl"),
        ("Het huis heeft ruime Zolders en een diepe kelder.", "nl"),
        ("Indien men het plan aanneemt, stijgt de belasting.", "nl"),
    ],
)
def test_an_everyday_word_in_s_or_an_opening_conjunction_is_no_listed_place(text, lang):
    assert not [a for a in found(text, lang) if a.startswith(("place:", "country:"))]


def test_a_word_in_s_inside_a_name_is_no_genitive_of_a_place():
    actors = found("She taught at All Souls College for years.", "en")
    assert actors == {"organisation:all-souls-college": ["All Souls College"]}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Ruslands leger trok gisteren verder op.", "country:ru"),
        ("Het leger trok naar Indien.", "country:in"),
    ],
)
def test_a_genitive_of_a_country_and_a_country_inside_a_sentence_stay_the_country(text, country):
    assert country in found(text, "nl")


@pytest.mark.parametrize(
    "text",
    [
        "Het Amerikaanse autobedrijf Harwell meldt een verlies.",
        "Volgens de vliegtuigbouwer Harwell stijgt de vraag.",
        "Autofabrikant Harwell sluit een fabriek in Ohio.",
        "Het softwareconcern Harwell kondigde ontslagen aan.",
    ],
)
def test_a_dutch_compound_for_a_kind_of_company_before_a_name_makes_it_an_organisation(text):
    actors = found(text, "nl")
    assert actors.get("organisation:harwell") == ["Harwell"]
    assert not [a for a in actors if a.startswith("person:")]


def test_a_place_name_that_a_scan_split_in_two_is_that_place():
    actors = found("De troepen trokken door Neder land en Lim burg naar Gorin chem.", "nl")
    assert actors == {
        "country:nl": ["Neder land"],
        "place:limburg": ["Lim burg"],
        "place:gorinchem": ["Gorin chem"],
    }


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Het Kamp en de tenten stonden klaar.", "nl"), ("They prayed to Our Lady of Gorin chem.", "en")],
)
def test_an_everyday_word_before_a_lower_case_word_or_english_text_joins_no_split_place(text, lang):
    assert not [a for a in found(text, lang) if a.startswith(("place:", "country:"))]


# --- places inside longer names --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "places"),
    [
        (
            "Climbers on Mount Kenya and farmers near the Hudson River waited for rain.",
            "en",
            ["Mount Kenya", "Hudson River"],
        ),
        (
            "The ferry left the Port of Rotterdam for Lake Geneva; the City of Leeds paid.",
            "en",
            ["Port of Rotterdam", "Lake Geneva", "City of Leeds"],
        ),
        (
            "Het vrachtschip voer gisteren van de Port of Rotterdam naar Lake Geneva.",
            "nl",
            ["Port of Rotterdam", "Lake Geneva"],
        ),
    ],
)
def test_a_listed_place_with_a_feature_word_names_the_feature_not_the_place(text, lang, places):
    actors = found(text, lang)
    assert [names[0] for actor, names in actors.items() if actor.startswith(("place:", "country:"))] == places


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The Leeds Rhinos lost again, and fans of the Dallas Cowboys cheered.", "en"),
        ("Het Rotterdam Philharmonisch speelde gisteren een nieuw stuk.", "nl"),
        ("Gisteren trad het Groningen Kamerorkest op voor een volle zaal.", "nl"),
    ],
)
def test_a_listed_place_that_begins_a_longer_name_is_no_place(text, lang):
    assert not [actor for actor in found(text, lang) if actor.startswith(("place:", "country:"))]


@pytest.mark.parametrize(
    ("text", "lang", "place"),
    [
        ("California Governor Jane Doe spoke to farmers.", "en", "California"),
        ("Gisteren werd in Zwolle Maandag de markt gehouden.", "nl", "Zwolle"),
        ("The United States Treasury sold bonds on Monday.", "en", "United States"),
        ("ENGELAND De regering viel gisteren.", "nl", "ENGELAND"),
    ],
)
def test_a_place_before_a_title_a_day_or_a_heading_or_a_country_as_qualifier_stays_a_place(text, lang, place):
    actors = found(text, lang)
    assert place in [names[0] for actor, names in actors.items() if actor.startswith(("place:", "country:"))]


# --- a surname of the article's persons that a list knows as a town ---------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Kees Breda trained in a small gym. While Breda waited for the bell, the crowd sang.", "en"),
        ("Kees Breda won de eerste ronde. Terwijl Breda wachtte op de bel, zong het publiek.", "nl"),
    ],
)
def test_a_listed_town_after_a_word_that_opens_sentences_is_the_articles_person(text, lang):
    assert found(text, lang) == {"person:kees-breda": ["Kees Breda", "Breda"]}


def test_a_listed_town_after_in_stays_the_town_beside_a_person_of_that_name():
    assert found("Kees Breda woont al jaren in Zwolle. In Breda is het stil.", "nl") == {
        "person:kees-breda": ["Kees Breda"],
        "place:zwolle": ["Zwolle"],
        "place:breda": ["Breda"],
    }


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Kees Bobrik and his brother Piet Bobrik fought that year in Tilburg, Bobrik and Breda. "
            "Bobrik was unbeaten.",
            "en",
        ),
        (
            "Kees Bobrik en zijn broer Piet Bobrik boksten dat jaar in Tilburg, Bobrik en Breda. "
            "Bobrik bleef ongeslagen.",
            "nl",
        ),
    ],
)
def test_a_surname_that_two_persons_of_the_article_share_is_a_person_of_its_own(text, lang):
    actors = found(text, lang)
    assert actors["person:bobrik"] == ["Bobrik", "Bobrik"]
    assert "place:bobrik" not in actors


def test_a_name_listed_with_towns_and_no_person_of_that_name_stays_a_town():
    actors = found("The tour went to Tilburg, Bobrik and Breda. Bobrik was the smallest town.", "en")
    assert actors["place:bobrik"] == ["Bobrik", "Bobrik"]


def test_a_word_of_a_part_or_in_english_a_country_adjective_before_a_place_names_a_region():
    actors = found("Traders crossed Spanish Sahara and Northern Kenya before the rains.", "en")
    assert actors == {"place:spanish-sahara": ["Spanish Sahara"], "place:northern-kenya": ["Northern Kenya"]}


def test_a_dutch_country_adjective_before_a_place_says_where_it_lies_and_stays_apart():
    actors = found("De fabriek staat in het Franse Lyon, niet ver van het Duitse Keulen.", "nl")
    assert actors["place:lyon"] == ["Lyon"]
    assert actors["place:koln"] == ["Keulen"]


@pytest.mark.parametrize(
    ("text", "lang", "actors"),
    [
        (
            "He moved to St. Louis in 1939 and died in St. Petersburg.",
            "en",
            {"place:st-louis": ["St. Louis"], "place:saint-petersburg": ["St. Petersburg"]},
        ),
        ("Hij verhuisde in 1939 naar St. Petersburg.", "nl", {"place:saint-petersburg": ["St. Petersburg"]}),
    ],
)
def test_a_place_name_with_an_abbreviated_saint_is_the_listed_place(text, lang, actors):
    assert found(text, lang) == actors


@pytest.mark.parametrize(
    ("text", "lang", "club", "place"),
    [
        ("He lived in Tilburg and played 26 games for Breda before he left.", "en", "Breda", "Tilburg"),
        ("Hij woonde in Tilburg en speelde voor Breda tot de zomer.", "nl", "Breda", "Tilburg"),
    ],
)
def test_the_town_a_player_plays_for_is_a_club(text, lang, club, place):
    actors = found(text, lang)
    assert actors[f"organisation:{slug(club)}"] == [club]
    assert actors[f"place:{slug(place)}"] == [place]


@pytest.mark.parametrize(
    ("text", "clubs", "place"),
    [
        ("Uitslagen van zondag: Lokeren - Anderlecht 1-3 en Genk - Westerlo 2-2, in Lokeren.",
         ["Lokeren", "Anderlecht", "Genk", "Westerlo"], "Lokeren"),
        ("Beveren won zondag met 1-0 van Mechelen, ondanks de regen in Beveren.",
         ["Beveren", "Mechelen"], "Beveren"),
        ("Lommel speelde 1-1 gelijk tegen Aalst, in de regen van Limburg.", ["Lommel", "Aalst"], "Limburg"),
        ("Gisteren won Breda met 2-1 van Tilburg, na een week van regen in Breda.",
         ["Breda", "Tilburg"], "Breda"),
    ],
)  # fmt: skip
def test_dutch_towns_in_a_match_with_its_score_are_clubs(text, clubs, place):
    actors = found(text, "nl")
    assert [
        name for actor, names in actors.items() if actor.startswith("organisation:") for name in names[:1]
    ] == clubs
    assert [names[-1] for actor, names in actors.items() if actor.startswith("place:")] == [place]


@pytest.mark.parametrize(
    "text",
    [
        "De spits van Lokeren scoorde twee keer in de regen.",
        "De doelman van Lokeren hield zijn netten schoon.",
        "Veel supporters van Lokeren reisden mee naar het zuiden.",
        "Hij is al drie jaar speler van Lokeren en blijft dat.",
        "De oud-speler van Lokeren werd trainer in het zuiden.",
    ],
)
def test_the_town_whose_player_or_supporters_they_are_is_a_club(text):
    assert found(text, "nl") == {"organisation:lokeren": ["Lokeren"]}


def test_dutch_towns_with_a_verb_of_a_match_but_no_score_stay_towns():
    actors = found(
        "In 1998 won Rotterdam van Amsterdam de strijd om het stadion. De burgemeester van Breda was boos."
    )
    assert set(actors) == {"place:rotterdam", "place:amsterdam", "place:breda"}


def test_a_town_after_plays_for_the_stays_a_town():
    assert "place:leeds" in found("She played for the Leeds crowd in June.", "en")


@pytest.mark.parametrize(
    ("text", "lang", "person", "body"),
    [
        (
            "The prize went to Emily Okafor of the University of Tilburg last week.",
            "en",
            "Emily Okafor",
            "University of Tilburg",
        ),
    ],
)
def test_a_body_of_a_place_after_a_persons_name_is_one_organisation(text, lang, person, body):
    actors = found(text, lang)
    assert actors[f"person:{slug(person)}"] == [person]
    assert actors[f"organisation:{slug(body)}"] == [body]
    assert "place:tilburg" not in actors


# --- military and other ranks are titles, cut off the name ---------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        ("The base will close, said Major Tom Hollister on Monday.", "en", "Tom Hollister"),
        ("The base will close, said Major Hollister on Monday.", "en", "Hollister"),
        ("The army was led by Field Marshal Bernard Montgomery until May.", "en", "Bernard Montgomery"),
        ("The army was led by Field Marshal Montgomery until May.", "en", "Montgomery"),
        ("The city fell to Marshal Georgy Zhukov in May.", "en", "Georgy Zhukov"),
        ("The troops heard Brigadier Okafor speak.", "en", "Okafor"),
        ("In 1853 Commodore Matthew Perry reached Japan.", "en", "Matthew Perry"),
        ("In 1853 Commodore Perry reached Japan.", "en", "Perry"),
        ("The wounded included Private Ryan Dalloway.", "en", "Ryan Dalloway"),
        ("The wounded included Private Dalloway.", "en", "Dalloway"),
        ("The inquiry heard Sergeant Major Dalloway.", "en", "Dalloway"),
        ("He met Dr. Livingstone there.", "en", "Livingstone"),
        ("De stad viel voor maarschalk Zjoekov.", "nl", "Zjoekov"),
        ("Het leger werd geleid door veldmaarschalk Montgomery.", "nl", "Montgomery"),
        ("De troepen hoorden brigadegeneraal Okafor.", "nl", "Okafor"),
        ("De vloot van vice-admiraal Brakmoor voer uit.", "nl", "Brakmoor"),
        ("Gewond raakte soldaat Brakmoor.", "nl", "Brakmoor"),
        ("Gewond raakte sergeant-majoor Brakmoor.", "nl", "Brakmoor"),
        ("Gewond raakte generaal-majoor Brakmoor.", "nl", "Brakmoor"),
    ],
)
def test_a_military_rank_before_a_name_is_cut_off_and_makes_it_a_person(text, lang, person):
    actors = found(text, lang)
    assert actors.get(f"person:{slug(person)}") == [person]
    assert [actor for actor in actors if actor.startswith("person:")] == [f"person:{slug(person)}"]
    assert not [actor for actor in actors if actor.startswith("place:")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("He read Private Eye and watched a Major Motion Picture on Private Equity.", "en"),
        ("Commodore International made computers.", "en"),
    ],
)
def test_major_private_and_commodore_before_an_everyday_word_are_no_rank(text, lang):
    assert not [actor for actor in found(text, lang) if actor.startswith("person:")]


# --- a role of several words before a name is cut off, so the name joins across the archive -----


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        ("The talks failed, said National Security Adviser Joel Brakmoor on Monday.", "en", "Joel Brakmoor"),
        ("The talks failed, said Senate Majority Leader Mitch Brakmoor on Monday.", "en", "Mitch Brakmoor"),
        ("The talks failed, said House Speaker Nancy Brakmoor on Monday.", "en", "Nancy Brakmoor"),
        ("The talks failed, said acting Chief of Staff Mick Brakmoor on Monday.", "en", "Mick Brakmoor"),
        ("The talks failed, said former National Security Adviser Bolton.", "en", "Bolton"),
        (
            "De besprekingen mislukten, zei Nationaal Veiligheidsadviseur Joel Brakmoor.",
            "nl",
            "Joel Brakmoor",
        ),
        ("De besprekingen mislukten, zei de Amerikaanse Veiligheidsadviseur Bolton.", "nl", "Bolton"),
        ("Het mislukte, zei minister van Buitenlandse Zaken Wopke Brakmoor maandag.", "nl", "Wopke Brakmoor"),
    ],
)
def test_a_role_of_several_words_before_a_name_is_cut_off(text, lang, person):
    actors = found(text, lang)
    assert actors.get(f"person:{slug(person)}") == [person]
    assert [actor for actor in actors if actor.startswith("person:")] == [f"person:{slug(person)}"]
    assert not [actor for actor in actors if actor.startswith(("organisation:", "place:"))]


def test_a_name_after_a_role_joins_the_same_name_across_the_archive():
    from test_surnames import analysed

    from build_archive.actors.lexicon import load_lexicon
    from build_archive.actors.register import Register
    from build_archive.actors.resolve import join_surnames

    articles = analysed(
        [
            ("The talks failed, said National Security Adviser Joel Brakmoor on Monday.", "2019-05-01", "en"),
            ("Joel Brakmoor flew to Tokyo.", "2019-06-01", "en"),
            (
                "De besprekingen mislukten, zei de Amerikaanse Veiligheidsadviseur Brakmoor.",
                "2019-07-01",
                "nl",
            ),
        ]
    )
    joined, ambiguous = join_surnames(articles, load_lexicon("nl"), Register())
    assert [[a for a in article.actors if a.startswith("person:")] for article in joined] == [
        ["person:joel-brakmoor"]
    ] * 3
    assert ambiguous == []


# --- "Washington, D.C." is one place -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "names"),
    [
        ("He flew to Washington, D.C. on Monday.", "en", ["Washington, D.C."]),
        ("The meeting in Washington, D.C., ended. Officials in Washington D.C. agreed.", "en",
         ["Washington, D.C.", "Washington D.C."]),
        ("Washington DC is big.", "en", ["Washington DC"]),
        ("Hij vloog naar Washington, D.C. en bleef daar.", "nl", ["Washington, D.C."]),
    ],
)  # fmt: skip
def test_washington_dc_is_one_place_and_its_letters_no_actor_of_their_own(text, lang, names):
    assert found(text, lang) == {"place:washington": names}


# --- organisations: the words around a body's name that belong to it ---------------------------


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        ("The plan was backed by the U.S. Harbour Authority on Monday.", "en", "U.S. Harbour Authority"),
        ("Officials of the UK Forestry Commission visited the site.", "en", "UK Forestry Commission"),
    ],
)
def test_a_country_right_before_a_body_is_part_of_its_name(text, lang, body):
    actors = found(text, lang)
    assert [body] in actors.values()
    assert not [actor for actor in actors if actor.startswith("country:")]


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        ("Sales at Kestrel Mining Australia rose by a third.", "en", "Kestrel Mining Australia"),
        ("De omzet van Brakveld Groep Nederland steeg vorig jaar.", "nl", "Brakveld Groep Nederland"),
    ],
)
def test_a_body_and_a_country_after_it_name_its_branch_there(text, lang, body):
    actors = found(text, lang)
    assert actors[f"organisation:{slug(body)}"] == [body]
    assert not [actor for actor in actors if actor.startswith("country:")]


def test_a_body_the_rules_name_after_two_countries_is_two_bodies():
    actors = found("The U.S. Air Force and the UAE Air Force flew together.", "en")
    assert actors["organisation:u-s-air-force"] == ["U.S. Air Force"]
    assert actors["organisation:uae-air-force"] == ["UAE Air Force"]


def test_a_country_between_a_body_and_a_title_stays_a_country():
    actors = found("The UN Syria envoy arrived in Geneva.", "en")
    assert "country:sy" in actors


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        ("It sold the rights to Tarrow Kells, LLC in 1986.", "en", "Tarrow Kells"),
        ("Tarrow Kells, the furniture maker, said sales fell.", "en", "Tarrow Kells"),
        ("Velmont Orrery is an American rock band from Ohio.", "en", "Velmont Orrery"),
        (
            "Volgens Jorrit Brakmeijer, een Amerikaans softwarebedrijf, daalt de omzet.",
            "nl",
            "Jorrit Brakmeijer",
        ),
    ],
)
def test_a_name_that_a_description_or_a_legal_form_calls_a_body_is_an_organisation(text, lang, body):
    actors = found(text, lang)
    assert actors[f"organisation:{slug(body)}"] == [body]
    assert not [actor for actor in actors if actor.startswith("person:")]


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        ("The album was made by Jan Okafor, the band's singer.", "en", "Jan Okafor"),
        (
            "He was raised by his father Tom Velling, a world champion and supplier of tools.",
            "en",
            "Tom Velling",
        ),
    ],
)
def test_a_description_of_a_person_or_of_two_things_keeps_the_person(text, lang, person):
    assert f"person:{slug(person)}" in found(text, lang)


def test_a_list_of_names_after_a_comma_is_no_description():
    actors = found("At 0800 UTC, the Bank of Harwick and the Bank of Dunmore acted.", "en")
    assert "organisation:utc" not in actors


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("He served in the 47th Air Division until 1958.", "47th Air Division"),
        ("The attack of the XII Corps failed.", "XII Corps"),
    ],
)
def test_an_ordinal_before_a_body_numbers_a_unit_of_it(text, body):
    assert found(text, "en")[f"organisation:{slug(body)}"] == [body]


@pytest.mark.parametrize(
    ("text", "bodies"),
    [
        (
            "He toured with The Velmonts and wrote for The Harwick Review Society.",
            ["The Velmonts", "The Harwick Review Society"],
        ),
    ],
)
def test_a_capitalised_the_mid_sentence_belongs_to_a_bodys_name(text, bodies):
    assert sorted(sum(found(text, "en").values(), [])) == sorted(bodies)


@pytest.mark.parametrize(
    "text",
    [
        "The Harwick Review Society met on Monday.",
        'He said, "The Harwick Review Society met on Monday."',
    ],
)
def test_the_at_the_start_of_a_sentence_or_a_quotation_stays_out_of_the_name(text):
    assert ["Harwick Review Society"] in found(text, "en").values()


@pytest.mark.parametrize(
    ("text", "lang", "club"),
    [
        ("He was drafted by the Tilburg Otters and later coached them.", "en", "Tilburg Otters"),
        ("The Sacramento River Otters beat the Breda Falcons 3-1.", "en", "Breda Falcons"),
        ("Hij speelde drie seizoenen bij de Zwolle Lions.", "nl", "Zwolle Lions"),
    ],
)
def test_a_town_and_a_plural_nickname_name_a_club(text, lang, club):
    actors = found(text, lang)
    assert actors[f"organisation:{slug(club)}"] == [club]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("They camped near Niagara Falls in June.", "Niagara Falls"),
        ("Tickets for the Tokyo Games sold out; Tokyo was full.", "Tokyo"),
    ],
)
def test_a_town_and_a_plural_of_a_place_or_an_event_is_no_club(text, place):
    actors = found(text, "en")
    assert not [actor for actor in actors if actor.startswith("organisation:")]
    assert [a for a, texts in actors.items() if a.startswith("place:") and place in texts]


@pytest.mark.parametrize(
    ("text", "lang", "club"),
    [
        ("He played with Breda for four seasons before he signed with Tilburg.", "en", "Tilburg"),
        ("He was the father of Breda player Jon Okafor.", "en", "Breda"),
        ("Hij woonde in Breda en tekende bij Tilburg.", "nl", "Tilburg"),
    ],
)
def test_the_town_a_player_plays_with_or_signs_with_is_a_club(text, lang, club):
    assert found(text, lang)[f"organisation:{slug(club)}"] == [club]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Het plan van Brakveld Groep, Total en Kestrel Mining Inc. ging door.", "nl"),
        ("The bids of Brakveld Group, Total and Kestrel Mining Inc. were rejected.", "en"),
    ],
)
def test_an_everyday_word_between_two_bodies_of_a_list_is_a_body_too(text, lang):
    assert found(text, lang)["organisation:total"] == ["Total"]


def test_an_everyday_word_of_a_list_that_the_article_also_writes_in_lower_case_is_no_item():
    actors = found("They visited Paris, Nice and Berlin, and it was nice.", "en")
    assert "place:nice" not in actors


def test_a_listed_place_that_completes_a_bodys_name_is_taken_in_whole():
    actors = found("He joined the Liberal Party of Nova Scotia in 1920.", "en")
    assert actors == {"organisation:liberal-party-of-nova-scotia": ["Liberal Party of Nova Scotia"]}


@pytest.mark.parametrize(
    "body",
    ["Department of Harbours and Fisheries", "College of Surveyors and Assessors"],
)
def test_a_second_field_after_and_belongs_to_a_body_named_after_what_it_deals_with(body):
    actors = found(f"A report of the {body} came out on Monday.", "en")
    assert actors == {f"organisation:{slug(body)}": [body]}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("The Bank of Harwick and John Smith agreed.", "John Smith"),
        ("The Bank of Harwick and Tilburg University agreed.", None),
    ],
)
def test_a_person_or_a_listed_name_after_and_is_no_second_field(text, person):
    actors = found(text, "en")
    assert "organisation:bank-of-harwick" in actors
    if person:
        assert f"person:{slug(person)}" in actors


def test_a_name_the_tagger_takes_for_a_body_with_a_word_of_a_site_is_a_place():
    from build_archive.actors.lexicon import load_lexicon
    from build_archive.actors.register import Register
    from build_archive.actors.tagger import Span, _mention, tokenise
    from build_archive.folding import fold

    text = "They met near Harwick Reservoir Park and at Harwick Motor Works."
    words = tokenise(text)
    index = {word.text: number for number, word in enumerate(words)}
    lexicon = load_lexicon("en", Register())
    site = _mention(text, fold(text), words, Span("ORG", 3, index["Park"] + 1), lexicon, "en")
    works = _mention(
        text, fold(text), words, Span("ORG", index["Works"] - 2, index["Works"] + 1), lexicon, "en"
    )
    assert site is not None and site.actor_id == "place:harwick-reservoir-park"
    assert works is not None and works.actor_id == "organisation:harwick-motor-works"


def test_an_english_country_adjective_before_a_body_the_tagger_found_is_part_of_its_name():
    from build_archive.actors.find import qualify_organisations
    from build_archive.actors.lexicon import load_lexicon
    from build_archive.actors.register import Register
    from build_archive.model import Mention

    text = "He joined the British Society of Harbour Pilots."
    adjective = Mention("country:gb", 14, 21, "British", "list:country-adjective")
    body = Mention("organisation:society-of-harbour-pilots", 22, 47, text[22:47], "model:crf")
    lexicon = load_lexicon("en", Register())
    [joined] = qualify_organisations(text, [adjective, body], lexicon, "en")
    assert (joined.text, joined.layer) == ("British Society of Harbour Pilots", "model:crf")
    assert qualify_organisations(text, [adjective, body], lexicon, "nl") == [adjective, body]


# --- a Dutch town that shares its name with a foreign place ---------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("De gemeenteraad van Middelburg koos gisteren een nieuwe wethouder.", "place:middelburg-nl"),
        ("In Ermelo en Soest bleven de scholen dicht door de storm.", "place:ermelo-nl"),
        ("In Ermelo en Soest bleven de scholen dicht door de storm.", "place:soest-nl"),
    ],
)
def test_in_a_dutch_article_a_name_shared_with_a_foreign_place_is_the_dutch_town(text, place):
    assert place in found(text, "nl")


def test_a_dutch_article_that_names_the_foreign_country_keeps_the_foreign_place():
    actors = found("In Zuid-Afrika legden de mijnwerkers van Middelburg het werk neer.", "nl")
    assert "place:middelburg-za" in actors
    actors = found("De trein van Keulen reed via Essen en Soest naar Dortmund in Duitsland.", "nl")
    assert "place:soest-de" in actors


def test_a_dutch_exonym_of_a_foreign_town_stays_the_foreign_town():
    assert "place:basel" in found("De bank in Bazel maakte winst.", "nl")


def test_an_english_article_keeps_the_larger_foreign_place():
    assert "place:middelburg-za" in found("Miners in Middelburg went on strike.", "en")


# --- Dutch persons in old papers and notices ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Het huis, bewoond door den Heer HAVERKATE, wordt publiek verkocht.", "person:haverkate"),
        ("Verkooping ten huize van KORTEWIJK aan de Markt.", "person:kortewijk"),
        ("Te bevragen bij de Wed. KRAMPELHOF aldaar.", "person:krampelhof"),
    ],
)
def test_a_surname_in_capitals_after_a_word_of_address_is_a_person_not_an_acronym(text, person):
    actors = found(text, "nl")
    assert person in actors
    assert not [a for a in actors if a.startswith("organisation:")], actors


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Verkooping ten huize van den kastelein VELDKAMP te Raalte.", "person:veldkamp"),
        ("Het perceel wordt aangewezen door den bakker BRUMMELHAAR.", "person:brummelhaar"),
    ],
)
def test_a_surname_in_capitals_after_an_occupation_is_a_person_not_an_acronym(text, person):
    actors = found(text, "nl")
    assert person in actors
    assert not [a for a in actors if a.startswith("organisation:")], actors


def test_a_town_after_an_occupation_and_an_article_is_a_surname():
    actors = found("Verkocht ten huize van den bakker Nijkerk, en door de smid Harderwijk.", "nl")
    assert set(actors) == {"person:nijkerk", "person:harderwijk"}
    assert found("Hij kocht brood bij de bakker in Nijkerk.", "nl") == {"place:nijkerk": ["Nijkerk"]}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Benoemd tot ontvanger te Zwolle: P. J. van Nijkerk, thans klerk.", "P. J. van Nijkerk"),
        ("Overleden: H. van Ierland, oud 64 jaren.", "H. van Ierland"),
        ("Ten kantore van den heer F. C. VAN ROOSENDAAL te Breda.", "F. C. VAN ROOSENDAAL"),
        ("De stemmen gingen naar A. ter Doesburg en J. van der Haren.", "A. ter Doesburg"),
        ("Verkocht bij J. W. VAN DER WALKRANDT aan de Markt.", "J. W. VAN DER WALKRANDT"),
    ],
)
def test_initials_and_a_particle_make_a_town_or_a_country_after_them_a_surname(text, name):
    actors = found(text, "nl")
    assert actors.get(f"person:{slug(name)}") == [name], actors
    assert not [a for a in actors if a.startswith(("country:", "organisation:"))], actors
    assert not [n for a, names in actors.items() if a.startswith("place:") for n in names if n in name]


def test_a_regnal_number_before_van_and_a_country_is_no_initial():
    actors = found("Koning Willem I. van Nederland opende de vergadering.", "nl")
    assert "country:nl" in actors
    assert not [a for a in actors if a.startswith("person:") and "nederland" in a]


def test_an_everyday_word_in_capitals_in_an_old_paper_is_no_acronym():
    text = "Te koop: een HUISJE en ERF, met eene KELDER, zoo men wil, bij de Markt."
    assert not [a for a in found(text, "nl") if a.startswith("organisation:")]


def test_an_acronym_that_is_no_word_stays_a_body_in_an_old_paper():
    text = "Zoo meldt de KNVB dat eene vergadering zal plaats hebben."
    assert "organisation:knvb" in found(text, "nl")


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Zoo is THEODORUS GERARDUS VELTKAMP, koopman, failliet verklaard.", "THEODORUS GERARDUS VELTKAMP"),
        ("Aanwijzer Hermanus Brinkgreve, wonende aan den Dijk.", "Hermanus Brinkgreve"),
        ("Aanwijzer GEERTRUIDA HOLSKAMP, op het Erve.", "GEERTRUIDA HOLSKAMP"),
    ],
)
def test_a_baptismal_name_of_old_registers_begins_a_person_and_aanwijzer_is_cut_off(text, person):
    actors = found(text, "nl")
    assert actors.get(f"person:{slug(person)}") == [person], actors


def test_a_given_name_and_a_surname_that_is_also_a_word_in_capitals_are_a_person():
    assert "person:hendrik-bos" in found("Verkocht aan HENDRIK BOS, landbouwer.", "nl")


@pytest.mark.parametrize(
    ("text", "persons", "places"),
    [
        (
            "Prijzen aan W. J. Harkelman te Oldenzaal en H. Dorrestijn Kuiper te Vrieswijk.",
            {"W. J. Harkelman", "H. Dorrestijn Kuiper"},
            {"Oldenzaal", "Vrieswijk"},
        ),
    ],
)
def test_te_and_a_place_after_a_full_name_is_where_the_person_lives(text, persons, places):
    actors = found(text, "nl")
    assert {n for a, names in actors.items() if a.startswith("person:") for n in names} == persons
    assert {n for a, names in actors.items() if a.startswith("place:") for n in names} == places


def test_te_after_one_given_name_or_an_initial_is_the_particle_of_the_surname():
    assert "person:gerrit-te-brake" in found("Het lied van Gerrit te Brake werd gezongen.", "nl")


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        (
            "Tegen stemden de heeren Doesburg, Veenendaal en Brakkenhoff.",
            {"Doesburg", "Veenendaal", "Brakkenhoff"},
        ),
        (
            "Voor spraken de hh. van Oosterwijk, Brummen en Kalverda.",
            {"van Oosterwijk", "Brummen", "Kalverda"},
        ),
        ("Daarna sprak de heer Brummen, en na hem de heer Poortman.", {"Brummen", "Poortman"}),
        ("Mrs. Washington and Mr. Lincoln came late.", {"Washington", "Lincoln"}),
    ],
)
def test_a_town_after_a_word_of_address_or_in_a_list_of_names_addressed_so_is_a_surname(text, persons):
    actors = found(text, "en" if text.startswith("Mrs") else "nl")
    assert {n for a, names in actors.items() if a.startswith("person:") for n in names} == persons
    assert not [a for a in actors if a.startswith("place:")], actors


@pytest.mark.parametrize(
    ("text", "lang", "persons"),
    [
        ("Then MRS. Washington and DR. Lincoln came late.", "en", {"Washington", "Lincoln"}),
        ("Later Messrs. Washington and Lincoln came.", "en", {"Washington", "Lincoln"}),
        ("Gisteren sprak Mevrouw Kampen, daarna Jonkheer Poortman.", "nl", {"Kampen", "Poortman"}),
        ("Gisteren sprak WED. Kampen.", "nl", {"Kampen"}),
    ],
)
def test_a_word_of_address_in_capitals_or_capitalised_still_makes_a_town_a_surname(text, lang, persons):
    actors = found(text, lang)
    assert {n for a, names in actors.items() if a.startswith("person:") for n in names} == persons
    assert not [a for a in actors if a.startswith("place:")], actors


@pytest.mark.parametrize(
    "text",
    [
        "Te koop bij ons: Zwarte Laarzen, Westfaalsche Hammen en Fijne Kousen, tegen eene billijke prijs.",
        "Verkrijgbaar: Staalveren Rokken en Wollen Dekens, zoo goedkoop als elders.",
    ],
)
def test_capitalised_goods_of_an_old_advertisement_are_no_persons(text):
    assert not [a for a in found(text, "nl") if a.startswith("person:")]


def test_a_name_of_rare_words_in_modern_dutch_is_still_a_person():
    assert "person:tsutomu-hasekawa" in found("Het plan kwam van Tsutomu Hasekawa, die het toelichtte.", "nl")


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        ("De landbouwer Schaapveld en de kastelein Brinkhorst kwamen samen.", {"Schaapveld", "Brinkhorst"}),
        ("Tot opvolger werd de surnumerair Hoekstema benoemd.", {"Hoekstema"}),
    ],
)
def test_a_dutch_trade_or_office_before_a_surname_makes_it_a_person(text, persons):
    actors = found(text, "nl")
    assert {n for a, names in actors.items() if a.startswith("person:") for n in names} == persons
    assert not [a for a in actors if a.startswith("organisation:")], actors


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        ("Op dien dag ontving Pius IX den gezant.", "nl", "Pius IX"),
        ("Het verdrag van Karel V werd gelezen.", "nl", "Karel V"),
        ("The letters of Willem III were sold.", "en", "Willem III"),
    ],
)
def test_a_name_and_a_roman_number_are_a_monarchs_or_a_popes_name(text, lang, person):
    assert found(text, lang).get(f"person:{slug(person)}") == [person]


def test_a_month_after_a_word_of_address_is_a_surname():
    assert found("Daarna sprak de heer May, de hoofdredacteur.", "nl") == {"person:may": ["May"]}
    assert found("Het gebeurde in Mei en Juni.", "nl") == {}


def test_a_town_with_its_particles_in_a_list_of_names_addressed_in_the_plural_is_a_surname():
    actors = found("Derde afdeeling, de heeren: Kalverda, van Deventer, Oosterbrink, Haverkamp.", "nl")
    persons = {n for a, names in actors.items() if a.startswith("person:") for n in names}
    assert persons == {"Kalverda", "van Deventer", "Oosterbrink", "Haverkamp"}
    assert not [a for a in actors if a.startswith("place:")], actors
    actors = found("Verder spraken de hh.\nBrummen, Doesburg; daarna ging men naar Doesburg.", "nl")
    assert actors["person:brummen"] == ["Brummen"] and "place:doesburg" in actors


@pytest.mark.parametrize(
    "text",
    [
        "Ten overstaan van de Heeren Notarissen te Deventer.",
        "Voorzien van de HH. Sacramenten der stervenden overleed hij.",
    ],
)
def test_a_plural_noun_after_heeren_or_hh_is_no_person(text):
    assert not [a for a in found(text, "nl") if a.startswith("person:")]


def test_surnames_that_are_plurals_or_common_words_stay_persons_in_an_addressed_list():
    actors = found("Tegen stemden de heeren Willems, Jansen en Brakkenhoff.", "nl")
    persons = {n for a, names in actors.items() if a.startswith("person:") for n in names}
    assert persons == {"Willems", "Jansen", "Brakkenhoff"}


# --- modern Dutch news -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Hij wil dat de MVL de grootste partij wordt.", "organisation:mvl"),
        ("Volgens de MLD is het aantal leden gegroeid.", "organisation:mld"),
        ("De KVB verloor gisteren twee zetels.", "organisation:kvb"),
        ("De ANWB verwacht drukte op de wegen.", "organisation:anwb"),
    ],
)
def test_capitals_that_are_no_roman_number_and_de_before_them_make_an_acronym(text, body):
    assert list(found(text)) == [body]


def test_a_roman_number_is_still_no_acronym():
    assert found("De wet werd in hoofdstuk XIV geregeld.") == {}


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        ("Volgens Brakkeveld (VB) is het debat voorbij.", ["person:brakkeveld"]),
        (
            "Ook Verhoevenaar (D66) en Brakkering (PvdA) stemden tegen.",
            ["person:verhoevenaar", "person:brakkering"],
        ),
    ],
)
def test_a_name_with_a_party_in_brackets_after_it_is_a_person(text, persons):
    assert [actor for actor in found(text) if actor.startswith("person:")] == persons


def test_an_acronym_in_brackets_after_a_longer_name_is_no_party():
    actors = found("De Kralingse Beurs Index (KBIX) steeg 40 punten.")
    assert not [actor for actor in actors if actor.startswith("person:")]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("De regering-Vandermeulen kreeg veel kritiek.", "Vandermeulen"),
        ("Het rapport van de commissie-Van Brakel is hard.", "Van Brakel"),
        ("In de zaak-Dobrovic werd een nieuwe getuige gehoord.", "Dobrovic"),
        ("Het kabinet-Wolthuis viel na twee jaar.", "Wolthuis"),
    ],
)
def test_the_name_after_kabinet_regering_commissie_or_zaak_is_a_persons(text, person):
    assert found(text) == {f"person:{slug(person)}": [person]}


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        ("Ajax-trainer Brouwerink was tevreden.", ["Brouwerink"]),
        ("Volgens PSV-aanvaller De Koning ging het mis.", ["De Koning"]),
        ("Rusland-kenner Wolthuizen waarschuwt voor escalatie.", ["Wolthuizen"]),
        ("Oud-burgemeester Van Dalsum en ex-Kamerlid Brakkee kwamen ook.", ["Van Dalsum", "Brakkee"]),
        ("De gedeputeerde Hoebeke en zaakvoerder Vermeulenaar waren er.", ["Hoebeke", "Vermeulenaar"]),
        ("Informateur Tjalsma sprak met alle fracties.", ["Tjalsma"]),
    ],
)
def test_a_dutch_title_compound_or_former_title_before_a_surname_makes_it_a_person(text, persons):
    actors = found(text)
    names = [names[0] for actor, names in actors.items() if actor.startswith("person:")]
    assert names == persons


@pytest.mark.parametrize(
    ("text", "compound", "body"),
    [
        ("De NAVO-top in Vilnius eindigde zonder akkoord.", "NAVO-top", "organisation:nato"),
        ("Het aantal Airbus-machines groeit snel.", "Airbus-machines", "organisation:airbus"),
        ("CDA-leider Jansen reageerde.", "CDA-leider", "organisation:cda"),
    ],
)
def test_a_listed_body_in_a_dutch_compound_is_named_by_the_compound(text, compound, body):
    assert found(text)[body] == [compound]


def test_a_place_or_a_country_in_a_dutch_compound_is_still_no_mention():
    assert found("De Minsk-akkoorden en de Oekraïne-oorlog domineren het nieuws.") == {}


@pytest.mark.parametrize(
    ("text", "person", "other"),
    [
        ("Mieke Wolters van Agalev wil de centrale sluiten.", "Mieke Wolters", None),
        ("Topman Louis Garnier van EADS is tevreden.", "Louis Garnier", "organisation:eads"),
        # a given name that is an everyday word too, after a title
        ("Volgens topman Ton Bakker van TVKB is het goed.", "Ton Bakker", "organisation:tvkb"),
        ("Gisteren zei woordvoerder Kees Smit van de gemeente niets.", "Kees Smit", None),
    ],
)
def test_a_given_name_and_surname_then_van_is_a_person_of_something(text, person, other):
    actors = found(text)
    assert actors[f"person:{slug(person)}"] == [person]
    assert other is None or other in actors


@pytest.mark.parametrize(
    "name", ["Jan Pieter van Dam", "Maria van der Hoeven", "Pieter van Vollenhoven", "Jan van Brakkeveld"]
)
def test_van_after_a_given_name_or_as_a_particle_stays_in_the_name(name):
    assert found(f"Gisteren sprak {name} de zaal toe.") == {f"person:{slug(name)}": [name]}


def test_dutch_writes_the_united_states_with_full_stops_too():
    assert "country:us" in found("Hij vloog gisteren naar de V.S. om te praten.")


def test_a_compass_point_glued_to_a_land_is_a_mention_of_that_land():
    actors = found("In Oost-Oekraïne en Noord-Frankrijk vielen doden, maar niet in Zuid-Afrika.")
    assert actors == {
        "country:ua": ["Oost-Oekraïne"],
        "country:fr": ["Noord-Frankrijk"],
        "country:za": ["Zuid-Afrika"],
    }


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("De storm trof vooral Brabant en Zeeuws-Vlaanderen.", "place:brabant"),
        ("Op Texel en Ameland liggen de veerboten stil.", "place:texel"),
        ("In het Waasland en het Pajottenland wordt gestaakt.", "place:waasland"),
    ],
)
def test_dutch_and_belgian_regions_and_islands_are_places(text, place):
    assert place in found(text)


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("de CVP", "organisation:cd-and-v"),
        ("Agalev", "organisation:groen"),
        ("Willem II", "organisation:willem-ii"),
        ("KV Mechelen", "organisation:kv-mechelen"),
        ("de Leeuwarder Courant", "organisation:leeuwarder-courant"),
        ("Omroep Brabant", "organisation:omroep-brabant"),
        ("het Erasmus MC", "organisation:erasmus-mc"),
        ("de KU Leuven", "organisation:ku-leuven"),
    ],
)
def test_dutch_and_belgian_parties_clubs_media_and_universities_are_listed(name, body):
    assert body in found(f"Gisteren reageerde {name} op het besluit.")


def test_a_capitalised_particle_before_a_town_after_a_title_makes_a_surname_but_not_on_a_route():
    assert found("Volgens wethouder Van Brakel is het klaar.") == {"person:van-brakel": ["Van Brakel"]}
    assert set(found("De trein van Tilburg naar Breda reed niet.")) == {"place:tilburg", "place:breda"}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Brakkeveld reageerde gisteren op de kritiek.", "Brakkeveld"),
        ("Het plan is goed. Zalmhuizen denkt daar anders over.", "Zalmhuizen"),
        ("Ook Dobrovic erkende dat er fouten zijn gemaakt.", "Dobrovic"),
        ('"Nee," reageerde Vermeulenaar.', "Vermeulenaar"),
        ('Wolthuizen: "We gaan gewoon door met het plan."', "Wolthuizen"),
        ("Zijn opvolger Vandermeersch ontkende alles.", "Vandermeersch"),
        ("De 54-jarige Brakkeveld uit Zwolle werd aangehouden.", "Brakkeveld"),
        ("Ook oud-international Van Hanegem was aanwezig.", "Van Hanegem"),
    ],
)
def test_dutch_verbs_of_saying_relations_ages_and_a_speakers_colon_name_a_person(text, person):
    assert found(text)[f"person:{slug(person)}"] == [person]


@pytest.mark.parametrize(
    "text", ["Toch zei hij dat het goed ging.", "Daarna meldde de minister dat het klaar was."]
)
def test_an_adverb_opening_a_sentence_before_a_verb_of_saying_is_no_person(text):
    assert found(text) == {}


def test_a_demonym_before_a_surname_makes_it_a_person_but_an_adjective_before_a_company_does_not():
    actors = found("De Belg Museeuw won voor de Nederlander Dekkerink.")
    assert {"person:museeuw", "person:dekkerink"} <= set(actors)
    actors = found("Het Franse Brakmoor Industrie bouwt een fabriek.")
    assert not [actor for actor in actors if actor.startswith("person:")]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Het Gerechtshof Arnhem-Leeuwarden bevestigde het vonnis.", "Gerechtshof Arnhem-Leeuwarden"),
        ("Dat meldt de Veiligheidsregio Rotterdam-Rijnmond.", "Veiligheidsregio Rotterdam-Rijnmond"),
        ("Het bedrijf kreeg een boete van de Omgevingsdienst Brakkenwaard.", "Omgevingsdienst Brakkenwaard"),
    ],
)
def test_a_dutch_compound_of_a_kind_of_body_names_a_body_with_the_places_after_it(text, body):
    assert found(text) == {organisation_id(body): [body]}


def test_a_dutch_compound_of_a_kind_of_body_alone_is_no_actor():
    assert found("Het gerechtshof oordeelde anders. Veiligheidsregio's oefenen vaak.") == {}


def test_a_district_of_a_town_and_a_place_whose_name_begins_with_a_particle_are_places():
    assert found("Bij een brand in Rotterdam-Zuid raakten drie mensen gewond.") == {
        "place:rotterdam": ["Rotterdam-Zuid"]
    }
    assert found("De asielzoekers uit Ter Wolderveen werden verplaatst.") == {
        "place:ter-wolderveen": ["Ter Wolderveen"]
    }


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Analiste Rebecca Voskuijlen zei dat de verkoop daalt.", "Rebecca Voskuijlen"),
        ("Correspondente Marijke Hoogendam meldt uit Kabul dat het rustig is.", "Marijke Hoogendam"),
        ("Volgens luchtvaartanalist Richard Brakelmans is het plan te duur.", "Richard Brakelmans"),
        ("Voorzitster Anneke Wolthuis opende de vergadering.", "Anneke Wolthuis"),
    ],
)
def test_a_dutch_title_of_a_woman_or_a_compound_of_a_title_is_cut_off_the_name(text, person):
    actors = found(text, "nl")
    assert actors[f"person:{slug(person)}"] == [person]


def test_a_portfolio_after_commissaris_voor_is_no_person():
    actors = found("Lieke Verhoeckx, Europees Commissaris voor Mededinging, zei dat het moest.", "nl")
    assert list(actors) == ["person:lieke-verhoeckx"]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Dermot Okafor, CEO van Aer Kestrel, verklaarde dat hij het plan steunt.", "Aer Kestrel"),
        ("Volgens de topman van Brakmoor Logistiek zal het bedrijf groeien.", "Brakmoor Logistiek"),
    ],
)
def test_the_name_after_an_officer_of_a_body_and_van_is_the_body(text, body):
    actors = found(text, "nl")
    assert organisation_id(body) in actors
    assert f"person:{slug(body)}" not in actors


def test_a_full_name_after_an_officer_and_van_stays_a_person():
    assert "person:jan-peeters" in found("Een woordvoerder van Jan Peeters zei niets.", "nl")


# --- a body's name, a title in it and the person who holds it ----------------------------------


@pytest.mark.parametrize(
    ("text", "body", "person"),
    [
        (
            "The case went to Supreme Court Justice Marguerite Okonjo-Vale in May.",
            "organisation:supreme-court",
            "person:marguerite-okonjo-vale",
        ),
        (
            "Yesterday Karvelian Chess Federation President Mehrdad Tavakolizadeh resigned.",
            "organisation:karvelian-chess-federation",
            "person:mehrdad-tavakolizadeh",
        ),
        (
            "On Monday Unity Party Vice Chairman Arvin Kellaway said no.",
            "organisation:unity-party",
            "person:arvin-kellaway",
        ),
        (
            "On Tuesday Karvelian Safety Board Member Jennifer Holloway-Brandt spoke.",
            "organisation:karvelian-safety-board",
            "person:jennifer-holloway-brandt",
        ),
    ],
)
def test_a_title_inside_a_name_parts_the_body_from_the_person_who_holds_it(text, body, person):
    assert set(found(text, "en")) == {body, person}


def test_a_title_that_ends_a_bodys_name_is_cut_off_with_the_everyday_words_of_the_role():
    actors = found("The Karvelian Chess Federation President resigned.", "en")
    assert actors == {"organisation:karvelian-chess-federation": ["Karvelian Chess Federation"]}
    assert found("Mitch Alderbrook, the Senate Majority Leader, agreed.", "en") == {
        "person:mitch-alderbrook": ["Mitch Alderbrook"]
    }


def test_general_before_a_company_word_keeps_the_company_when_a_title_follows_in_the_name():
    actors = found("General Motors Chief Executive Mary Barrowfield said so.", "en")
    assert set(actors) == {"organisation:general-motors", "person:mary-barrowfield"}


# --- role nouns before a name are titles -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        ("Immunologist Kristof Andreessen said it was natural.", "en", "Kristof Andreessen"),
        ("Later Assemblywoman Selena Torrevieja voted no.", "en", "Selena Torrevieja"),
        ("Businessman Don Blakeway of Texas ran again.", "en", "Don Blakeway"),
        ("In 2016 the presidential nominee Darrell Castle won 200,000 votes.", "en", "Darrell Castle"),
        ("Zakenman Don Blakeway uit Texas deed weer mee.", "nl", "Don Blakeway"),
        ("In 2016 haalde presidentskandidaat Darrell Castle 200.000 stemmen.", "nl", "Darrell Castle"),
    ],
)
def test_a_role_noun_before_a_name_is_cut_off_and_makes_it_a_person(text, lang, person):
    actors = found(text, lang)
    assert actors[f"person:{slug(person)}"] == [person]
    assert not [a for a in actors if a.startswith("organisation:")], actors
    assert not [a for a in actors if a.startswith("place:") and "castle" in a], actors


def test_a_site_word_after_a_given_name_still_makes_a_place_after_a_monarchs_title():
    actors = found("They crossed the Queen Mary Bridge on foot.", "en")
    assert not [a for a in actors if a.startswith("person:mary")], actors


# --- a town before a person's name is no club --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The senator from Vermont Bernie Sandoval won the primary.", "en"),
        ("De senator uit Vermont Bernie Sandoval won de voorverkiezing.", "nl"),
    ],
)
def test_a_persons_name_after_a_town_is_no_club_and_the_town_stays_a_place(text, lang):
    actors = found(text, lang)
    assert set(actors) == {"place:vermont", "person:bernie-sandoval"}


def test_a_given_name_or_a_surname_after_a_town_is_no_clubs_nickname():
    actors = found("Her mother, Charlotte Charles, said she was sad. The Charlotte Hornets lost.", "en")
    assert "organisation:charlotte-charles" not in actors
    assert "organisation:charlotte-hornets" in actors


# --- a name in the genitive --------------------------------------------------------------------


def test_a_possessive_is_no_plural_and_names_no_team():
    assert found("The President's claims were false, and the Government's plan failed.", "en") == {}
    actors = found("She was the Unity Party's nominee. The Falcons won.", "en")
    assert set(actors) == {"organisation:unity-party", "organisation:falcons"}


# --- things named after a person ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The deal, known as the Abraham Accords, was signed.",
        "Congress passed the John Okafor Voting Rights Act.",
        "She won the George Pólya Prize and the Doris Day Show ended.",
    ],
)
def test_a_law_a_treaty_a_prize_or_a_show_named_after_a_person_is_no_person(text):
    assert not [a for a in found(text, "en") if a.startswith("person:")]


@pytest.mark.parametrize(
    ("text", "lang", "place"),
    [
        ("Both blasts took place on Karl Marx Avenue in the city.", "en", "Karl Marx Avenue"),
        ("They prayed at the Al Noor Mosque on Friday.", "en", "Al Noor Mosque"),
        ("Ze woont aan de Karel Doormanstraat in Groningen.", "nl", "Karel Doormanstraat"),
    ],
)
def test_a_street_or_a_building_named_after_a_person_is_a_place(text, lang, place):
    actors = found(text, lang)
    assert actors[f"place:{slug(place)}"] == [place]
    assert not [a for a in actors if a.startswith("person:")], actors


def test_a_persons_name_in_the_genitive_ends_before_what_they_have():
    actors = found("Meanwhile, Steve finds Dick Cheney's BlackBerry in the car.", "en")
    assert actors == {"person:dick-cheney": ["Dick Cheney"]}
    assert "organisation:cnbc" in found("He watched CNBC's Mad Money on Monday.", "en")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("It was in Hawke's Bay that the People's Protection Units met.", "People's Protection Units"),
        ("He rated it at Moody's Investors Service on Monday.", "Moody's Investors Service"),
    ],
)
def test_a_genitive_that_opens_a_name_stays_in_it(text, name):
    assert name in [n for names in found(text, "en").values() for n in names]


def test_an_everyday_given_name_after_an_abbreviated_title_begins_the_name():
    actors = found("Dr. Don Whitacre will join the institute in March.", "en")
    assert actors == {"person:don-whitacre": ["Don Whitacre"]}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Members included vocalist Dawn Thelwell and keyboardist Butch Tayloe.", "en"),
        ("De band had zangeres Dawn Thelwell en toetsenist Butch Tayloe.", "nl"),
    ],
)
def test_a_musicians_role_before_an_everyday_given_name_makes_a_person(text, lang):
    persons = {a for a in found(text, lang) if a.startswith("person:")}
    assert "person:dawn-thelwell" in persons


def test_a_listed_town_after_a_title_and_a_name_is_a_surname():
    actors = found("In May he fought the trainer Ken Norton for the title.", "en")
    assert actors == {"person:ken-norton": ["Ken Norton"]}
    assert found("De trainer Ken Norton won.", "nl") == {"person:ken-norton": ["Ken Norton"]}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("The role was written for Simu Liu in the film.", "Simu Liu"),
        ("At the station Aparna Garg spoke to reporters.", "Aparna Garg"),
        ("The letter was signed by Xiaogang Wei on Monday.", "Xiaogang Wei"),
        ("The prize went to Teofil Stevenson in 1972.", "Teofil Stevenson"),
    ],
)
def test_a_given_name_no_list_knows_before_a_census_surname_makes_a_person(text, person):
    assert found(text, "en") == {f"person:{slug(person)}": [person]}


@pytest.mark.parametrize(
    "text",
    [
        "The flood hit Bayankhongor Province and Hanved Parish in May.",
        "They camped at Willett Brook near Chamundi Temple.",
    ],
)
def test_a_place_word_that_is_a_surname_too_makes_no_person_after_a_rare_word(text):
    assert not [a for a in found(text, "en") if a.startswith("person:")]


def test_a_country_after_of_the_completes_a_bodys_name():
    actors = found("Today the Supreme Court of the United Kingdom issued its ruling.", "en")
    assert actors == {
        "organisation:supreme-court-of-the-united-kingdom": ["Supreme Court of the United Kingdom"]
    }
    actors = found("She led the Karvelian Society of the British Museum.", "en")
    assert "organisation:karvelian-society" in actors


# --- English: a company with and without its legal form, foreign names equal to words ----------


def test_a_company_named_in_full_then_by_its_name_before_a_speech_verb_is_that_company():
    actors = found("Shares of Harwickton Inc. fell on Monday. Harwickton said it would cut jobs.", "en")
    assert actors == {"organisation:harwickton": ["Harwickton Inc", "Harwickton"]}


@pytest.mark.parametrize(
    "name",
    [
        "Harwickton Inc.",
        "Harwickton Corp",
        "Harwickton Computer",
        "Harwickton Computer, Inc.",
        "Harwickton Motor Company",
    ],
)
def test_a_companys_legal_form_and_company_word_leave_its_id_unchanged(name):
    assert organisation_id(name) == organisation_id("Harwickton") == "organisation:harwickton"


def test_a_plural_company_word_or_an_article_before_it_stays_in_the_id():
    assert organisation_id("General Motors Corp.") == "organisation:general-motors"
    assert organisation_id("The Company") == "organisation:the-company"


def test_a_company_named_with_its_legal_form_in_one_article_and_without_in_another_is_one_actor():
    lexicon, register = load_lexicon("nl"), Register()
    texts = {
        "a": "Shares of Harwickton Inc. fell 3% on Monday, the exchange said.",
        "b": "Shares of Harwickton Inc. rose on Friday. Harwickton said sales were up.",
        "c": "Harwickton Corp announced a new plant in the north of the state.",
    }
    articles = [
        find_actors(Article(id=key, title="t", body=body, source=f"{key}.txt", content_hash="", lang="en"),
                    lexicon, register)
        for key, body in texts.items()
    ]  # fmt: skip
    stats = resolve_archive(articles, lexicon)
    companies = [s.actor for actor_id, s in stats.items() if actor_id.startswith("organisation:")]
    assert [(a.id, a.name) for a in companies] == [("organisation:harwickton", "Harwickton")]
    assert stats["organisation:harwickton"].articles == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Al Gore zei dat hij de stemmen wil hertellen.", "nl"),
        ("Ook Gore zei dat de telling oneerlijk was.", "nl"),
        ("Al Gore said the count was unfair. Gore wants a recount.", "en"),
    ],
)
def test_a_name_or_word_equal_to_a_small_foreign_town_only_without_its_accents_is_no_place(text, lang):
    assert not [actor for actor in found(text, lang) if actor.startswith("place:")]


def test_a_small_foreign_town_written_without_its_accents_after_in_stays_the_town():
    assert list(found("Het leger trok Goré binnen. In Gore was het rustig.", "nl")) == ["place:gore"]


@pytest.mark.parametrize(
    "text",
    [
        "The band went on Tour again. They took the ferry to the Island on Tuesday.",
        "Good Luck to the team. The Lion King was shown. A Wave of protests followed.",
    ],
)
def test_an_english_word_equal_to_a_foreign_name_of_a_place_or_country_is_no_actor(text):
    assert found(text, "en") == {}


def test_a_foreign_name_of_a_country_is_still_that_country_in_the_language_it_belongs_to():
    assert found("Gisteren vloog de premier naar Island en Noorwegen.", "nl")["country:is"] == ["Island"]
    assert found("The minister flew to Iceland on Monday.", "en") == {"country:is": ["Iceland"]}


@pytest.mark.parametrize(
    "text",
    [
        "Handelaren zeggen dat de prijs van graan stijgt.",
        "Beleggers zeggen echter dat de maatregel te laat komt.",
    ],
)
def test_a_plural_noun_opening_a_sentence_before_a_plural_verb_of_saying_is_no_person(text):
    assert not [actor for actor in found(text, "nl") if actor.startswith("person:")]


def test_a_name_before_a_singular_verb_of_saying_is_still_a_person():
    assert found("Wolthuizen liet weten dat het goed gaat.", "nl") == {"person:wolthuizen": ["Wolthuizen"]}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Het softwarebedrijf Trovano groeit. Trovano verklaart dat de omzet steeg.", "nl"),
        ("The company Trovano grew fast. Trovano said that sales rose.", "en"),
    ],
)
def test_a_name_the_article_makes_an_organisation_is_no_person_before_a_verb_of_saying(text, lang):
    assert found(text, lang) == {"organisation:trovano": ["Trovano", "Trovano"]}


def test_what_has_its_seat_somewhere_is_an_organisation():
    actors = found("Het in Eindhoven gevestigde Trovano verklaart dat de omzet steeg.", "nl")
    assert actors["organisation:trovano"] == ["Trovano"]


@pytest.mark.parametrize(
    "text",
    [
        "Benoemd tot notaris te Kampen: J. J. Velthorst.",
        "Te bevragen bij de erven J. V. Smeltink, boekhandelaar.",
        "Aanwezig waren V. D. Harkema en S. D. Olthof.",
    ],
)
def test_a_persons_initials_are_no_listed_abbreviation(text):
    assert not [actor for actor in found(text, "nl") if actor.startswith(("organisation:", "country:"))]


@pytest.mark.parametrize(
    ("text", "lang", "persons"),
    [
        ("Gisteren heeft de heer Olivier gezegd dat het kan.", "nl", {"person:olivier"}),
        (
            "De heeren Velthorst en Olivier hebben ontslag gevraagd.",
            "nl",
            {"person:velthorst", "person:olivier"},
        ),
        ("Yesterday Mr. Thomas said it could be done.", "en", {"person:thomas"}),
    ],
)
def test_a_given_name_after_a_word_of_address_is_a_surname(text, lang, persons):
    assert set(found(text, lang)) == persons


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Gisteren meldden Total, Shell en Unilever hogere winsten.", "nl"),
        ("On Monday Total, Shell and Unilever reported higher profits.", "en"),
    ],
)
def test_an_everyday_word_opening_a_list_of_organisations_is_one_of_them(text, lang):
    assert "organisation:total" in found(text, lang)


def test_a_word_after_the_last_place_of_a_list_is_no_item_of_it():
    assert set(found("Ze gingen naar Parijs, Berlijn en Toch kwam niemand.", "nl")) == {
        "place:paris",
        "place:berlin",
    }


# --- English news: companies and bands named without a cue word ---------------------------


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("Shares of Nirvexa rose 3 percent. Nirvexa said profit doubled.", "Nirvexa"),
        ("Tarsolin shares fell 2 percent after the results.", "Tarsolin"),
        ("Okumura Sanwa's net profit rose 12 percent, the bank said.", "Okumura Sanwa"),
        ("The fund bought a stake in Brevana last year.", "Brevana"),
        ("Ravi Menon is chief executive of Kelvora Digital, which grew fast.", "Kelvora Digital"),
        ("Rates will rise, said Tom Baird, an analyst at Quillmark.", "Quillmark"),
    ],
)
def test_a_name_whose_shares_trade_or_that_has_a_chief_executive_is_a_company(text, company):
    actors = found(text, "en")
    assert organisation_id(company) in actors
    assert not [actor for actor in actors if actor.startswith("person:") and company in actors[actor]]


def test_a_company_known_by_its_shares_once_is_a_company_where_it_speaks():
    actors = found("Shares of Nirvexa rose. Nirvexa said the plant would reopen.", "en")
    assert actors == {organisation_id("Nirvexa"): ["Nirvexa", "Nirvexa"]}


def test_business_words_leave_a_listed_place_and_a_person_alone():
    actors = found("Carrie Lam, the chief executive of Hong Kong, spoke.", "en")
    assert organisation_id("Hong Kong") not in actors
    assert "person:john-smith" in found("John Smith shares a flat with his brother.", "en")


# --- English: persons whose family name comes first -------------------------------------------


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Qiao Mingyu said the talks would go on.", "person:qiao-mingyu"),
        ("Tran Van Loc told reporters the session was open.", "person:tran-van-loc"),
    ],
)
def test_a_family_name_opening_the_sentence_is_part_of_the_name(text, person):
    assert set(found(text, "en")) == {person}


def test_an_everyday_word_opening_the_sentence_is_still_no_part_of_the_name():
    assert set(found("Yesterday Mary Jones left. Monday John Smith came.", "en")) == {
        "person:mary-jones",
        "person:john-smith",
    }


def test_a_title_in_an_apposition_makes_a_person_of_the_name_before_it():
    actors = found("Huang Rui, a spokesman for the ministry, told reporters the talks would go on.", "en")
    assert set(actors) == {"person:huang-rui"}


# --- English: newspapers and bands without an organisation word -----------------------------


@pytest.mark.parametrize(
    ("text", "paper"),
    [
        ("The Dunmore Post reported that a captain was arrested.", "Dunmore Post"),
        ("He told the Toronto Post that the team would win.", "Toronto Post"),
        ("The report cited the Keihin Shimbun and the Calder Inquirer.", "Keihin Shimbun"),
    ],
)
def test_a_name_ending_in_a_newspaper_word_is_an_organisation(text, paper):
    assert organisation_id(paper) in found(text, "en")


def test_a_given_name_before_a_newspaper_word_is_a_person():
    actors = found("Emily Post wrote a book on manners.", "en")
    assert set(actors) == {"person:emily-post"}


def test_a_name_with_a_drummer_is_a_band_though_it_ends_in_a_site_word():
    actors = found("Tarnwood Park released an album. Tarnwood Park's drummer left in May.", "en")
    assert actors == {organisation_id("Tarnwood Park"): ["Tarnwood Park", "Tarnwood Park"]}


def test_a_singers_guitarist_makes_no_band_of_the_singer():
    actors = found("Bruce Springsteen's drummer left the tour.", "en")
    assert set(actors) == {"person:bruce-springsteen"}


@pytest.mark.parametrize(
    ("text", "club"),
    [
        ("Kalmar coach Nanne Bergstrand said the team was tired.", "Kalmar"),
        ("Bradford striker Dean Windass was injured on Saturday.", "Bradford"),
        ("Barnsley manager Danny Wilson resigned after the defeat.", "Barnsley"),
    ],
)
def test_a_town_before_a_players_role_names_its_club(text, club):
    actors = found(text, "en")
    assert organisation_id(club) in actors
    assert f"place:{slug(club)}" not in actors


def test_a_town_before_a_coach_without_a_name_stays_a_place():
    assert "place:london" in found("The London coach crashed on the motorway.", "en")


def test_the_first_word_of_a_company_named_in_full_is_that_company_where_it_speaks():
    actors = found("Kelvora Digital Holdings Ltd said sales rose. Kelvora said it would hire.", "en")
    assert actors == {
        organisation_id("Kelvora Digital Holdings Ltd"): ["Kelvora Digital Holdings Ltd", "Kelvora"]
    }


def test_the_first_word_of_a_company_stays_the_surname_of_the_articles_person():
    actors = found("Jan Kelvora founded Kelvora Digital Holdings Ltd. Kelvora said it would hire.", "en")
    assert actors["person:jan-kelvora"] == ["Jan Kelvora", "Kelvora"]


def test_the_first_word_of_a_company_stays_a_person_after_a_title():
    actors = found("Kelvora Digital Holdings Ltd said sales rose. Mr Kelvora said it would hire.", "en")
    assert actors["person:kelvora"] == ["Kelvora"]


def test_shares_in_an_index_make_no_company_of_it():
    actors = found("Some shares in the FTSE fell. The FTSE 100 rose. Kelvex 500 shares rose.", "en")
    assert not [actor for actor in actors if actor.startswith("organisation:")]


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        ("Elizabeth Warren Image: Gage Skidmore.\n\nShe spoke in Iowa.", "en", "Elizabeth Warren"),
        ("Wendy Okafor Photo: Marcus Lindqvist.\n\nShe spoke in Iowa.", "en", "Wendy Okafor"),
        ("Femke Halsema Foto: ANP.\n\nZij sprak in Den Haag.", "nl", "Femke Halsema"),
    ],
)
def test_a_caption_label_before_a_colon_is_no_part_of_the_name(text, lang, person):
    names = [name for key, names in found(text, lang).items() if key.startswith("person:") for name in names]
    assert person in names
    assert not any(word in name for name in names for word in ("Image", "Photo", "Foto"))


# --- English bodies named bare in business news -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Officials at Drevanta said the field would start production next year.",
        "Employees of Drevanta went on strike in March.",
        "A spokesman for Drevanta declined to comment.",
        "A Drevanta spokeswoman said the plant would reopen.",
        "Drevanta employees walked out on Friday.",
        "Drevanta reported a 10 percent rise in quarterly profit.",
        "Drevanta's refineries ran at full capacity.",
        "Drevanta said it would cut 3,000 jobs.",
    ],
)
def test_a_bare_name_with_staff_reports_or_an_it_is_a_company(text):
    assert found(text, "en") == {organisation_id("Drevanta"): ["Drevanta"]}


def test_a_companys_staff_make_it_one_wherever_the_article_names_it():
    actors = found("Drevanta rose sharply. A Drevanta spokeswoman said demand was strong.", "en")
    assert actors == {organisation_id("Drevanta"): ["Drevanta", "Drevanta"]}


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Abernathy resigned. A spokesman for Abernathy said he would appeal.",
        "Lorna Quillfeather spoke first. Quillfeather said it was a hard decision.",
    ],
)
def test_a_persons_spokesman_or_it_leaves_the_person_a_person(text):
    assert not [actor for actor in found(text, "en") if actor.startswith("organisation:")]


def test_everyday_words_before_staff_are_no_company():
    assert found("Local officials said the road was closed. Emergency workers arrived.", "en") == {}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("TorvanCo said on Monday sales rose.", "TorvanCo"),
        ("Shipments fell, BrixonTel said.", "BrixonTel"),
    ],
)
def test_a_word_with_an_inner_capital_that_speaks_is_a_company(text, name):
    assert found(text, "en") == {organisation_id(name): [name]}


@pytest.mark.parametrize("text", ["McKeowan said the vote was fair.", "Mr. TorvanCo said he was glad."])
def test_an_inner_capital_after_mc_or_a_title_stays_a_person(text):
    assert [actor for actor in found(text, "en") if actor.startswith("person:")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Quorvy's downgraded the bonds on Monday. A Quorvy's analyst said more cuts may follow.",
            "Quorvy's",
        ),
        ("Vantor & Quill's said it may cut the rating.", "Vantor & Quill's"),
    ],
)
def test_an_s_before_a_verb_belongs_to_the_companys_name(text, name):
    actors = found(text, "en")
    assert list(actors) == [organisation_id(name)]
    assert set(actors[organisation_id(name)]) == {name}


def test_a_companys_first_word_with_its_staff_joins_the_company_named_in_full():
    actors = found(
        "Kelvora Digital Holdings Ltd said sales rose. A Kelvora spokesman said it would hire.", "en"
    )
    assert actors == {
        organisation_id("Kelvora Digital Holdings Ltd"): ["Kelvora Digital Holdings Ltd", "Kelvora"]
    }


def test_a_place_inside_a_listed_body_that_a_rule_went_on_from_is_part_of_it():
    actors = found("The Federal Reserve Bank of Dallas said inflation rose in Dallas.", "en")
    assert actors["place:dallas"] == ["Dallas"]
    assert actors[organisation_id("Federal Reserve")] == ["Federal Reserve Bank of Dallas"]


def test_a_band_named_like_a_person_is_the_band_wherever_the_article_names_it():
    actors = found("Marcus Vell played in a small club. The band Marcus Vell released an album.", "en")
    assert actors == {organisation_id("Marcus Vell"): ["Marcus Vell", "Marcus Vell"]}


def test_a_listed_persons_name_in_a_double_surname_is_not_that_person():
    actors = found("Lena Kessler-Obama arrived on Monday. Kessler-Obama said the talks went well.", "en")
    assert actors == {"person:lena-kessler-obama": ["Lena Kessler-Obama", "Kessler-Obama"]}


@pytest.mark.parametrize(
    "text",
    [
        "Grupo Velmora reported a 5 percent rise in quarterly profit.",
        "Officials at Grupo Velmora said the order was signed.",
    ],
)
def test_a_longer_bare_name_with_staff_or_reports_is_a_company(text):
    assert found(text, "en") == {organisation_id("Grupo Velmora"): ["Grupo Velmora"]}


def test_a_spokesman_for_a_full_name_leaves_the_person_a_person():
    assert list(found("A spokesman for John Kerrigan said he would not run.", "en")) == [
        "person:john-kerrigan"
    ]


def test_a_countrys_genitive_may_open_the_description_of_a_body():
    actors = found("Sarvon Kelda, Malaysia's biggest plantation firm, said profit rose.", "en")
    assert actors[organisation_id("Sarvon Kelda")] == ["Sarvon Kelda"]


def test_a_band_named_after_its_founder_leaves_the_founders_surname_his():
    actors = found("Eddie Dastrow founded the band Dastrow. Dastrow died on Tuesday.", "en")
    assert actors["person:eddie-dastrow"] == ["Eddie Dastrow", "Dastrow"]


def test_two_listed_persons_joined_by_a_hyphen_are_a_ticket_of_both():
    assert set(found("Votes would go to Biden-Harris, not to Trump-Pence.", "en")) >= {
        "person:donald-trump",
        "person:joe-biden",
    }


def test_a_peoples_officials_and_workers_make_no_company():
    assert not [
        actor
        for actor in found("Trained Velmani officials led Velmani workers in the revolt.", "en")
        if actor.startswith("organisation:")
    ]


# --- Dutch news: what the article says of a name elsewhere, firms, states -----------------------


@pytest.mark.parametrize(
    "text",
    [
        # a verb of saying after it, elsewhere in the article
        "Het in Utrecht gevestigde Velmora, een leverancier van software, groeit. Velmora "
        "verklaart dat het meer mensen aanneemt. De software van Velmora is duur.",
        # two rare words, elsewhere in the article
        "Jorrit Hazeveld, topman van Quintor Aero, zei dat de vloot groeit. Quintor Aero heeft "
        "nieuwe toestellen besteld. Quintor Aero vliegt naar Spanje.",
    ],
)
def test_a_name_the_article_shows_to_be_an_organisation_is_no_person_elsewhere_in_it(text):
    assert not [
        actor for actor in found(text, "nl") if actor.startswith("person:") and "hazeveld" not in actor
    ]


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        (
            "Anna de Wit, woordvoerder van Brinkers & Vollema, zei dat het bedrijf het onderzoekt.",
            "Brinkers & Vollema",
        ),
        (
            "Het aandeel Holtrop & Gansevoort daalde gedurende de dag bijna 37 procent.",
            "Holtrop & Gansevoort",
        ),
        ("Bij de wed. Dekker & Zn. werd gisteren ingebroken.", "Dekker & Zn"),
        ("Het kantoor van E. van Windheim & Co werd gesloten.", "E. van Windheim & Co"),
    ],
)
def test_names_joined_by_an_ampersand_are_one_firm(text, firm):
    actors = found(text, "nl")
    assert actors[organisation_id(firm)] == [firm]
    assert not [actor for actor in actors if actor.startswith("person:") and "wit" not in actor]


def test_an_ampersand_before_a_number_or_between_places_or_full_names_joins_nothing():
    assert not [
        a for a in found("De S&P 500 steeg en de AEX daalde.", "nl") if a.startswith("organisation:s")
    ]
    text = "De Stanford & Poole's 500 daalde en de Stanford & Poole's 500-index ook."
    # the rules join nothing here (the tagger may still name the firm whose index it is)
    evidence = find_evidence_mentions(text, fold(text), load_lexicon("nl"), "nl")
    assert not [m for m in evidence if m.actor_id.startswith("organisation:")]
    # names of titles and lists ("Glory Home & Away"), and an ampersand read inside a word
    assert found("Zij speelde in Glory Home & Away.", "nl").get(organisation_id("Glory Home & Away")) is None
    assert not [a for a in found("De firma GRAS&EWAS zond bericht.", "nl") if "&" in a]
    actors = found("Jan Smit & Piet Bos traden op in Trinidad & Tobago.", "nl")
    assert {"person:jan-smit", "person:piet-bos"} <= set(actors)


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "In de finale versloeg zij de Duitse Keltermann. Keltermann was teleurgesteld.",
            "person:keltermann",
        ),
        ("De Amerikaanse Whitcombe werd tweede op de marathon.", "person:whitcombe"),
        ("Het Britse Halvergate kocht vorig jaar een fabriek in Gent.", "organisation:halvergate"),
        ("Het Zweedse Norvikta meldt een verlies over het kwartaal.", "organisation:norvikta"),
    ],
)
def test_after_a_country_adjective_de_names_a_person_and_het_a_company(text, actor):
    assert actor in found(text, "nl")


@pytest.mark.parametrize(
    "text",
    [
        "De Franse Revolutie begon in 1789.",
        "De Amerikaanse FBI onderzoekt de zaak.",
        # a stock index and its figures, a body and its acronym
        "De Franse Cac-index steeg 3,1% en de Duitse Xetrax 2,8%.",
        "De Japanse Kabuto 225 daalde en de Braziliaanse Bolvespa verloor 6,89% (2.328 punten).",
        "Op 18 juni verzocht de Amerikaanse Rekenkamer (GAO) om een nieuwe aanbesteding.",
        "De Japanse Kabuto was een van de weinige indexen die stegen.",
        # a firm's name of two words, and old spelling's capitalised nouns
        "De Amerikaanse Lehmann Gebroeders ging failliet.",
        "Dat de Fransche Moniteur zulks meldt, is zeer waarschijnlijk, zoo als hij het wenschte.",
    ],
)
def test_after_de_and_a_country_adjective_no_person_is_an_everyday_word_an_acronym_or_an_index(text):
    assert not [actor for actor in found(text, "nl") if actor.startswith("person:")]


@pytest.mark.parametrize(
    ("text", "person", "body"),
    [
        (
            "Volgens analist Tom Bakker van Oostvaart Capital is de daling tijdelijk.",
            "Tom Bakker",
            "Oostvaart Capital",
        ),
        ("Marieke Jansen van Dorsvelt Groep zei dat het bedrijf groeit.", "Marieke Jansen", "Dorsvelt Groep"),
    ],
)
def test_a_person_van_a_body_with_an_organisation_word_is_a_person_and_a_body(text, person, body):
    actors = found(text, "nl")
    assert actors[f"person:{slug(person)}"] == [person]
    assert actors[organisation_id(body)] == [body]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Marieke Jansen, directeur bij Dorsvelt, zegt dat de prijzen stijgen.", "Dorsvelt"),
        ("Jeroen Smit, econoom bij Brantwijk, verwacht een daling.", "Brantwijk"),
        ("Hij werkt als adviseur bij Berghout in Zwolle.", "Berghout"),
    ],
)
def test_where_an_economist_or_a_director_works_is_an_organisation(text, body):
    assert found(text, "nl")[organisation_id(body)] == [body]


@pytest.mark.parametrize(
    "text",
    [
        "De aandelen van Kerstholt stegen 5 procent. Kerstholt zegt dat de vraag groeit.",
        "Het aandeel Kerstholt daalde. Kerstholt zegt dat het meevalt.",
        "De omzet van Kerstholt steeg. Volgens Kerstholt komt dat door de export.",
    ],
)
def test_a_dutch_name_whose_shares_or_turnover_the_article_names_is_a_company(text):
    assert found(text, "nl") == {"organisation:kerstholt": ["Kerstholt", "Kerstholt"]}


@pytest.mark.parametrize(
    "text",
    [
        "Tolvaco boekte vorig jaar meer winst. Tolvaco zegt dat de vraag groeit.",
        "Gisteren maakte Tolvaco een groot verlies bekend. Volgens Tolvaco valt het mee.",
        "Tolvaco schrapt 500 banen in Europa. Tolvaco zegt dat het nodig is.",
        "Vorige week schrapte Tolvaco honderden arbeidsplaatsen. Tolvaco zweeg.",
    ],
)
def test_a_dutch_name_that_reports_a_profit_or_cuts_jobs_is_a_company(text):
    actors = found(text, "nl")
    assert actors.pop("organisation:tolvaco") == ["Tolvaco", "Tolvaco"]
    assert not [actor for actor in actors if actor.startswith("person:")]


def test_a_person_who_reports_a_profit_stays_a_person():
    assert list(found("Jan Smit boekte vorig jaar meer winst met zijn bakkerij.", "nl")) == [
        "person:jan-smit"
    ]


def test_shares_of_an_index_after_de_make_no_company_of_it_in_dutch():
    assert found("De aandelen van de AEX stegen.", "nl").get("organisation:aex") is None


@pytest.mark.parametrize(
    ("text", "lang", "site"),
    [
        ("Volgens Kranteria.com zei de minister niets.", "nl", "Kranteria.com"),
        ("Het nieuws stond eerst op Brandpunt.nl en daarna op Tweakwereld.net.", "nl", "Tweakwereld.net"),
        ("According to Newsvarta.com, the minister said nothing.", "en", "Newsvarta.com"),
    ],
)
def test_a_name_with_a_web_domain_is_the_sites_organisation(text, lang, site):
    assert found(text, lang)[organisation_id(site)] == [site]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Volgens HotNieuws is de fabriek bijna klaar.", "HotNieuws", "organisation"),
        ("Volgens BeursBlik is de koers te hoog.", "BeursBlik", "organisation"),
        ("Volgens McNaughton is de fabriek bijna klaar.", "McNaughton", "person"),
        ("Volgens DesRosier is de fabriek bijna klaar.", "DesRosier", "person"),
    ],
)
def test_a_capital_inside_a_word_makes_a_brand_unless_a_surnames_prefix_stands_before_it(text, name, kind):
    kinds = {names[0]: actor.split(":")[0] for actor, names in found(text, "nl").items()}
    assert kinds[name] == kind


@pytest.mark.parametrize(
    ("text", "lang", "airline"),
    [
        ("Het verlies van Adam Air vlucht 574 schokte het land.", "nl", "Adam Air"),
        ("Flights of Lucas Air were cancelled after the crash.", "en", "Lucas Air"),
    ],
)
def test_a_given_name_before_air_names_an_airline(text, lang, airline):
    actors = found(text, lang)
    assert actors[organisation_id(airline)] == [airline]
    assert not [actor for actor in actors if actor.startswith("person:")]


# --- companies named in the language of their market, legal forms and descriptions ------------


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Banco Varela said on Monday its profit rose.", "Banco Varela"),
        ("Comércio de Bicicletas Tavoli said sales fell.", "Comércio de Bicicletas Tavoli"),
        ("Companhia Vortiga de Mineração said exports rose.", "Companhia Vortiga de Mineração"),
        ("Kabushiki Kaisha Tovaro said exports fell.", "Kabushiki Kaisha Tovaro"),
        ("Analysts said Petroleos Mexicanos would cut prices.", "Petroleos Mexicanos"),
        ("Compagnie Générale des Ondes said it would sell its stake.", "Compagnie Générale des Ondes"),
        ("Malayan Trawling Bhd said net profit rose.", "Malayan Trawling Bhd"),
    ],
)
def test_a_company_word_of_a_foreign_market_makes_an_organisation_not_a_person_or_place(text, body):
    actors = found(text, "en")
    assert actors[organisation_id(body)] == [body]
    assert not [actor for actor in actors if not actor.startswith("organisation:")]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Fiat SpA said car sales rose.", "Fiat SpA"),
        ("Volvo AB shares fell in Stockholm.", "Volvo AB"),
        ("Ford Motor Co said it would recall 10,000 cars.", "Ford Motor Co"),
        ("Orvana Securities Co. Ltd. said it would open a branch.", "Orvana Securities Co. Ltd"),
        ("Grupo Varela S.A. said its debt fell.", "Grupo Varela S.A."),
    ],
)
def test_a_legal_form_after_a_companys_name_is_part_of_it_and_no_place_or_body(text, body):
    actors = found(text, "en")
    assert [names for names in actors.values() if body in names] == [[body]]
    assert len(actors) == 1 + ("Stockholm" in text)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Dravik, the Oslo-based brokerage, said it would cut staff.", "Dravik"),
        ("Vostrel, the oil giant, said output rose.", "Vostrel"),
        ("Meltrana, the state-owned bank, raised its rates.", "Meltrana"),
        ("State news agency Petrana said the king would travel.", "Petrana"),
        ("Shares in the lender Ostbrook fell.", "Ostbrook"),
    ],
)
def test_a_name_described_as_a_bank_brokerage_or_agency_is_an_organisation(text, body):
    actors = found(text, "en")
    assert actors[organisation_id(body)] == [body]
    assert not [actor for actor in actors if actor.startswith("person:")]


def test_a_person_described_by_the_banks_or_exchanges_role_stays_a_person():
    actors = found("Maria Stoll, the exchange's president, said trading would resume.", "en")
    assert actors == {"person:maria-stoll": ["Maria Stoll"]}


@pytest.mark.parametrize(
    ("text", "body", "person"),
    [
        ("Morgan Stanley analyst Tom Rees said the stock was cheap.", "Morgan Stanley", "Tom Rees"),
        ("Dravik chief economist Jan Ott said growth would slow.", "Dravik", "Jan Ott"),
    ],
)
def test_whose_analyst_or_economist_a_person_is_is_an_organisation(text, body, person):
    assert found(text, "en") == {organisation_id(body): [body], f"person:{slug(person)}": [person]}


def test_whose_adviser_a_person_is_may_be_a_person():
    assert "person:tessa-morland" in found("Morland adviser Kay Dunne said. Tessa Morland agreed.", "en")


@pytest.mark.parametrize(
    "text",
    [
        "Sources at Vostrel said the deal was off.",
        "Vostrel said in a statement that it expected a profit.",
    ],
)
def test_a_name_with_sources_at_it_or_that_speaks_of_itself_as_it_is_a_body(text):
    assert found(text, "en") == {"organisation:vostrel": ["Vostrel"]}


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("The Social Democrats won 30 percent of the vote.", "Social Democrats"),
        ("Germany's Christian Democrats and their allies won.", "Christian Democrats"),
        ("The Free Democrats lost all their seats.", "Free Democrats"),
    ],
)
def test_a_party_family_before_a_listed_plural_is_a_party_of_its_own(text, party):
    actors = found(text, "en")
    assert actors[organisation_id(party)] == [party]
    assert "organisation:democratic-party" not in actors


def test_a_listed_plural_alone_stays_the_listed_party():
    assert "organisation:democratic-party" in found("House Democrats said the bill would pass.", "en")


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        ("Sampras (U.S.) beat Kafelnikov (Russia) 6-3 6-4.", ["Sampras", "Kafelnikov"]),
        ("1. Gebrselassie (Ethiopia) 12:44.90", ["Gebrselassie"]),
        ("Second seed Ivanisevic (Croatia) lost to Bjorkman (Sweden).", ["Ivanisevic", "Bjorkman"]),
    ],
)
def test_a_name_with_a_country_in_brackets_in_sports_results_is_a_person(text, persons):
    actors = found(text, "en")
    assert [names[0] for actor, names in actors.items() if actor.startswith("person:")] == persons
    assert len([actor for actor in actors if actor.startswith("country:")]) == len(persons)


def test_an_everyday_word_or_an_acronym_before_a_country_in_brackets_is_no_person():
    actors = found("The NATO (Belgium) office opened. Today (Friday) it closed.", "en")
    assert not [actor for actor in actors if actor.startswith("person:")]


@pytest.mark.parametrize(
    "text",
    [
        "Senate Majority leader Harry Reid said he was disappointed.",
        "Electric Avenue in Brixton was the first street lit by electricity.",
        '"Going forward, the industry will be smaller," he said.',
        'He called him a "Super player" in the paper.',
        "Few Iranian Chess players reached the top; chess was not taught at school.",
        "The workers own it together.  It is a public multi-purpose cooperative.",
    ],
)
def test_an_everyday_word_opening_a_sentence_before_a_name_or_a_role_makes_no_body(text):
    assert not [actor for actor in found(text, "en") if actor.startswith("organisation:")]


def test_an_everyday_word_that_the_article_never_writes_in_lower_case_may_be_a_described_body():
    actors = found("Target is the second-largest retailer in America. Target said sales rose.", "en")
    assert actors["organisation:target"] == ["Target", "Target"]


@pytest.mark.parametrize(
    ("text", "name", "body"),
    [
        ("Banco Varela meldde een hogere winst.", "Banco Varela", "organisation:banco-varela"),
        ("Volgens Kabushiki Kaisha Tovaro daalt de export.", "Kabushiki Kaisha Tovaro", None),
        ("Fiat SpA meldde hogere verkopen.", "Fiat SpA", "organisation:fiat"),
        ("De aandelen van Volvo AB daalden.", "Volvo AB", "organisation:volvo"),
    ],
)
def test_a_foreign_company_word_or_legal_form_makes_one_organisation_in_dutch_too(text, name, body):
    actors = found(text, "nl")
    assert actors == {body or organisation_id(name): [name]}
