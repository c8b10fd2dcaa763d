"""Classes of error that modern Dutch news showed (sentences written for the tests in the style
of a Dutch daily), with their English counterparts where the class exists in English."""

from __future__ import annotations

import pytest
from test_actors import found


def persons(text: str, lang: str = "nl") -> list[str]:
    return [names[0] for actor, names in found(text, lang).items() if actor.startswith("person:")]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Dat zegt minister Keijzer in een brief aan de Kamer.", "Keijzer"),
        ("Minister Prins zegt dat het plan niet haalbaar is.", "Prins"),
        ("Burgemeester Koning zegt dat de stad klaar is.", "Koning"),
        ("Volgens wethouder Keizer is de begroting rond.", "Keizer"),
        ("Dat zegt minister Mona Keijzer van Volkshuisvesting in een brief.", "Mona Keijzer"),
        ("Volgens Anna Prins van Defensie is het klaar.", "Anna Prins"),
    ],
)
def test_a_rank_that_is_a_dutch_surname_after_a_title_or_a_given_name_is_the_persons_name(text, person):
    assert persons(text) == [person]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Prins Hendrik bezocht gisteren Delft.", "Hendrik"),
        ("Koning Willem III kwam gisteren aan.", "Willem III"),
    ],
)
def test_a_rank_before_a_name_is_still_a_title(text, person):
    assert persons(text) == [person]


def test_two_ranks_in_a_row_without_a_title_before_them_are_no_person():
    assert persons("Daarna zei de Koning niets. Zijne Majesteit de Koning opende de zitting.") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Crédit Agricole maakte bekend dat de winst steeg.", "Crédit Agricole"),
        ("Société Générale maakte gisteren bekend dat de winst steeg.", "Société Générale"),
    ],
)
def test_a_french_company_name_opening_a_dutch_sentence_keeps_its_first_word(text, name):
    assert [names[0] for names in found(text, "nl").values()] == [name]


def test_dutch_words_with_accents_opening_a_sentence_still_open_no_name():
    assert persons("Één ding is zeker: Jan Bakker komt morgen.") == ["Jan Bakker"]


@pytest.mark.parametrize(
    ("text", "ministry", "name"),
    [
        (
            "Het ministerie van Financiën maakte bekend dat het tekort stijgt.",
            "organisation:ministry-of-finance-nl",
            "ministerie van Financiën",
        ),
        (
            "Volgens het ministerie van Buitenlandse Zaken is reizen veilig.",
            "organisation:ministry-of-foreign-affairs-nl",
            "ministerie van Buitenlandse Zaken",
        ),
        (
            "Een woordvoerder van het Ministerie van Defensie zweeg.",
            "organisation:ministry-of-defence-nl",
            "Ministerie van Defensie",
        ),
    ],
)
def test_a_dutch_ministry_is_found_with_its_head_in_lower_case_or_capitals(text, ministry, name):
    assert found(text, "nl") == {ministry: [name]}


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Volgens de Vlaamse regering is het akkoord rond.", "organisation:flemish-government"),
        ("Volgens de Waalse regering is het akkoord rond.", "organisation:waalse-regering"),
        ("Volgens de Vlaamse Regering is het akkoord rond.", "organisation:flemish-government"),
    ],
)
def test_a_listed_body_is_found_where_news_writes_its_generic_word_in_lower_case(text, body):
    assert list(found(text, "nl")) == [body]


@pytest.mark.parametrize(
    ("text", "lang", "body", "names"),
    [
        (
            "Volgens de VNG, de Vereniging van Nederlandse Gemeenten, is meer geld nodig.",
            "nl",
            "organisation:vereniging-van-nederlandse-gemeenten",
            ["VNG", "Vereniging van Nederlandse Gemeenten"],
        ),
        (
            "Het Centraal Bureau voor de Statistiek meldt een daling. Volgens het CBS is dat uitzonderlijk.",
            "nl",
            "organisation:statistics-netherlands",
            ["Centraal Bureau voor de Statistiek", "CBS"],
        ),
        (
            "Het Centraal Bureau voor de Statistiek (CBS) meldt een daling. Het CBS telde opnieuw.",
            "nl",
            "organisation:statistics-netherlands",
            ["Centraal Bureau voor de Statistiek", "CBS", "CBS"],
        ),
        (
            "The National Transportation Safety Board said on Monday. The NTSB will investigate.",
            "en",
            "organisation:national-transportation-safety-board",
            ["National Transportation Safety Board", "NTSB"],
        ),
    ],
)
def test_an_acronym_and_the_name_it_spells_in_the_same_article_are_one_organisation(text, lang, body, names):
    assert found(text, lang) == {body: names}


def test_an_acronym_that_two_names_of_the_article_spell_stays_apart():
    text = (
        "De Koninklijke Vervoer Bond en de Katholieke Vrouwen Beweging spraken. Volgens de KVB is het rond."
    )
    assert found(text, "nl")["organisation:kvb"] == ["KVB"]


@pytest.mark.parametrize(
    "text",
    [
        "Het Franse ministerie van Financiën maakte bekend dat het tekort stijgt.",
        "In Amerika is het crisis, ook in New York. Het ministerie van Financiën bestudeert de plannen.",
        "Volgens de wet mag het ministerie van financiën handelen in goud.",
    ],
)
def test_a_ministry_named_by_its_portfolio_abroad_or_in_lower_case_is_not_the_dutch_one(text):
    assert not [actor for actor in found(text, "nl") if actor.startswith("organisation:")]


@pytest.mark.parametrize(
    ("text", "paper"),
    [
        ("Volgens De Morning Post is de vloot vertrokken.", "Morning Post"),
        ("Men meldt aan de Morning Post uit Londen dat de vloot vertrokken is.", "Morning Post"),
    ],
)
def test_an_english_paper_quoted_in_dutch_is_an_organisation_not_a_person(text, paper):
    actors = found(text, "nl")
    assert actors["organisation:morning-post"] == [paper]
    assert not [actor for actor in actors if actor.startswith("person:")]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Volgens Kees Post is de vloot vertrokken.", "Kees Post"),
        ("Volgens Van der Post is de vloot vertrokken.", "Van der Post"),
    ],
)
def test_a_dutch_person_named_post_stays_a_person(text, person):
    assert persons(text) == [person]


@pytest.mark.parametrize(
    "text",
    [
        "In Nederland is het rustig. De Regering heeft besloten de belasting te verhogen.",
        "Men meldt uit 's-Gravenhage dat de Regering de belasting wil verhogen.",
        "De Nederlandse regering wil meer geld voor defensie.",
    ],
)
def test_de_regering_in_an_article_about_the_netherlands_is_the_dutch_government(text):
    assert "organisation:dutch-government" in found(text, "nl")


@pytest.mark.parametrize(
    "text",
    [
        "In Frankrijk heeft de Regering besloten de belasting te verhogen.",
        "De Bank verhoogde de rente. Het Ministerie zweeg en de Regering wachtte af.",
        "In Nederland en in Frankrijk, vooral in Frankrijk, wachtte de Regering af.",
    ],
)
def test_de_regering_without_the_netherlands_as_the_articles_country_is_no_actor(text):
    assert [actor for actor in found(text, "nl") if actor.startswith("organisation:")] == []


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Schaatsster Jutta Leerdam won in Thialf goud.", "Jutta Leerdam"),
        ("Tennisster Suzan Lamens won gisteren de finale.", "Suzan Lamens"),
        ("Wielrenster Demi Vollering won de rit.", "Demi Vollering"),
        ("Volgens keepster Daphne van Domselaar was het zwaar.", "Daphne van Domselaar"),
    ],
)
def test_a_dutch_sport_before_a_name_is_cut_off_as_a_title(text, person):
    assert persons(text) == [person]


# --- parties and ministries as the lists write them ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Volgens CD&V is het voorstel onaanvaardbaar.", "cd-and-v"),
        ("Ook de N-VA en CD&V steunen de motie.", "cd-and-v"),
        ("Kamerlid Kuzu van Denk diende een motie in.", "denk"),
        ("Ook PVV en Denk steunen de motie.", "denk"),
    ],
)
def test_a_party_written_with_an_ampersand_or_as_an_everyday_word_is_found(text, party):
    assert f"organisation:{party}" in found(text, "nl")


def test_a_partys_name_that_is_an_everyday_word_opening_a_sentence_is_the_word():
    assert found("Denk maar niet dat het lukt.", "nl") == {}


def test_a_listed_ministry_with_a_comma_in_its_name_is_found_whole():
    actors = found("Het ministerie van Onderwijs, Cultuur en Wetenschap gaat bezuinigen.", "nl")
    assert actors == {
        "organisation:ministry-of-education-culture-and-science": [
            "ministerie van Onderwijs, Cultuur en Wetenschap"
        ]
    }


def test_a_comma_after_a_listed_name_that_no_alias_goes_on_from_still_ends_it():
    actors = found("Hij reisde naar Parijs, Lyon en Marseille.", "nl")
    assert {"place:paris", "place:lyon", "place:marseille"} <= set(actors)


@pytest.mark.parametrize("text", ["Pogačar won de Tour vorig jaar.", "Hij reed de Tour uit."])
def test_a_race_after_an_article_is_no_foreign_name_of_a_town(text):
    assert "place:tours" not in found(text, "nl")


def test_the_town_of_tours_in_dutch_is_still_found():
    assert "place:tours" in found("De etappe eindigde in Tours.", "nl")


# --- old papers: titles, firms, realms, tables, papers and venues ---------------------------------


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Ds. Brinkgreve preekte zondag in de kerk.", "Brinkgreve"),
        ("Gisteren preekte ds. van der Linden voor eene volle kerk.", "van der Linden"),
        ("De heer Van Haersma de With sprak daarop.", "Van Haersma de With"),
    ],
)
def test_a_minister_of_religion_and_a_double_surname_after_a_word_of_address_are_one_person(text, person):
    assert persons(text) == [person]


def test_a_second_surname_after_a_word_of_address_is_still_cut_at_a_party():
    actors = found("De heer Van der Laan van de PvdA sprak.", "nl")
    assert persons("De heer Van der Laan van de PvdA sprak.") == ["Van der Laan"]
    assert "organisation:pvda" in actors


@pytest.mark.parametrize(
    ("text", "realm"),
    [
        ("H.M. de Keizerin van Kusland is heden namiddag aangekomen.", "place:kusland"),
        ("De keizer van Kusland, die met spoed heeft gereisd, kwam aan.", "place:kusland"),
        ("De Koning van Pruissen is gisteren vertrokken.", "place:pruissen"),
    ],
)
def test_the_one_name_after_a_monarch_and_van_is_the_land_ruled_not_a_person(text, realm):
    actors = found(text, "nl")
    assert realm in actors
    assert persons(text) == []


def test_a_family_name_after_van_and_a_word_of_address_stays_a_person():
    assert persons("De heer van Hall sprak daarop.") == ["van Hall"]


@pytest.mark.parametrize(
    "text",
    [
        "De heeren Gebr.\nDonkers, beeldhouwers te Breda, leverden het werk.",
        "Spanje.\n367/8 371/8 Dito .3 Dito Binnenl a 6/m. .? 3.",
        "Portugal. Certific Binnenl 3 pct. 44. Dito Buitenl 4 pct. 90.",
    ],
)
def test_a_firms_word_and_the_cut_heads_of_a_tables_words_are_no_person(text):
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "person"),
    [("Volgens Pieter Lond is het waar.", "Pieter Lond"), ("Gisteren sprak Anna Binnenl.", "Anna Binnenl")],
)
def test_a_given_name_before_a_rare_word_is_still_a_person(text, person):
    assert persons(text) == [person]


def test_brothers_named_as_a_firm_are_an_organisation():
    assert found("Gebroeders Pasman leverden het werk.", "nl") == {
        "organisation:gebroeders-pasman": ["Gebroeders Pasman"]
    }


@pytest.mark.parametrize(
    ("text", "paper"),
    [
        ("Volgens de Jakarta Post is de schade groot.", "organisation:jakarta-post"),
        ("De Bangkok Post meldde het gisteren.", "organisation:bangkok-post"),
    ],
)
def test_a_press_word_after_a_listed_town_names_a_paper(text, paper):
    assert list(found(text, "nl")) == [paper]


def test_the_post_alone_after_a_town_of_the_sentence_is_no_paper():
    assert found("In Londen is de Post gesloten.", "nl") == {"place:london": ["Londen"]}


@pytest.mark.parametrize(
    ("text", "venue"),
    [
        ("In het Café Americain werd gisteren vergaderd.", "Café Americain"),
        ("Het Hotel des Indes is vol.", "Hotel des Indes"),
        ("Het Hotel De Wereld in het centrum is bekend.", "Hotel De Wereld"),
    ],
)
def test_a_cafe_or_hotel_and_its_name_are_one_organisation_not_a_place_or_country(text, venue):
    assert [names for actor, names in found(text, "nl").items()] == [[venue]]
    assert all(actor.startswith("organisation:") for actor in found(text, "nl"))


# --- today's news: the government in lower case, a party opening a sentence ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "In Den Haag is het onrustig. Volgens de regering is het plan te duur.",
        "In Nederland is het rustig; de regering wacht af.",
    ],
)
def test_de_regering_in_lower_case_in_an_article_about_the_netherlands_is_the_dutch_government(text):
    assert found(text, "nl")["organisation:dutch-government"] == ["regering"]


@pytest.mark.parametrize(
    "text",
    [
        "In Frankrijk heeft de regering besloten de belasting te verhogen.",
        "De regering wil meer geld voor defensie.",
        "In Nederland vallen de regeringspartijen uiteen.",
        "De regering van Frankrijk wacht af. In Nederland ook.",
    ],
)
def test_de_regering_in_lower_case_of_another_or_no_country_is_no_actor(text):
    assert not [actor for actor in found(text, "nl") if actor.startswith("organisation:")]


@pytest.mark.parametrize(
    "text",
    [
        "Denk wil een debat over de uitspraken van de minister.",
        "Denk stemde dinsdag tegen het voorstel.",
        "Denk kreeg bij de verkiezingen drie zetels.",
    ],
)
def test_a_party_named_by_an_everyday_word_opening_a_sentence_before_its_verb_is_the_party(text):
    assert list(found(text, "nl")) == ["organisation:denk"]


@pytest.mark.parametrize("text", ["Denk aan de kinderen.", "Denk eens na over de toekomst."])
def test_the_same_word_opening_a_sentence_as_a_command_is_no_party(text):
    assert found(text, "nl") == {}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Het RIVM meldt een stijging, aldus directeur Jaap van Delden.", "Jaap van Delden"),
        ("Volgens Anna van Gent is het voorstel onhaalbaar.", "Anna van Gent"),
        ("Volgens Piet van den Bosch is het voorstel onhaalbaar.", "Piet van den Bosch"),
    ],
)
def test_a_given_name_van_and_a_listed_town_are_one_persons_name(text, person):
    actors = found(text, "nl")
    assert persons(text) == [person]
    assert not [actor for actor in actors if actor.startswith("place:")]


def test_a_town_after_van_without_a_given_name_stays_a_place():
    assert "place:gent" in found("De burgemeester van Gent opende de brug.", "nl")


@pytest.mark.parametrize(
    "text",
    [
        "De heer Hoogland sprak gisteren. Hoogland zeide dat hij tegen was.",
        "Burgemeester Hoogland opende de school. Volgens Hoogland is het goed.",
    ],
)
def test_a_surname_given_to_a_person_by_a_title_is_the_persons_where_a_town_has_the_name_too(text):
    assert found(text, "nl") == {"person:hoogland": ["Hoogland", "Hoogland"]}


def test_the_same_name_after_te_is_still_the_town():
    actors = found("De heer Hoogland sprak. Te Hoogland is een boerderij afgebrand.", "nl")
    assert actors == {"person:hoogland": ["Hoogland"], "place:hoogland": ["Hoogland"]}


@pytest.mark.parametrize(
    ("text", "person", "body"),
    [
        (
            "Volgens hoogleraar Rens van de Schoot van de Universiteit Utrecht is dat niet bewezen.",
            "Rens van de Schoot",
            "Universiteit Utrecht",
        ),
        (
            "Volgens Femke de Graaf van de Stichting Zeeweg is dat niet bewezen.",
            "Femke de Graaf",
            "Stichting Zeeweg",
        ),
    ],
)
def test_a_person_with_particles_and_the_body_after_van_are_apart(text, person, body):
    actors = found(text, "nl")
    assert persons(text) == [person]
    assert [names for actor, names in actors.items() if actor.startswith("organisation:")] == [[body]]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Woningcorporatie Ymere bouwt in Almere vijfhonderd huizen.", "organisation:ymere"),
        ("In Almere bouwt woningcorporatie Ymere vijfhonderd huizen.", "organisation:ymere"),
        ("Volgens pensioenfonds Zorgvlied zijn de premies te laag.", "organisation:zorgvlied"),
        ("Volgens energieleverancier Vandebron stijgen de prijzen.", "organisation:vandebron"),
        ("Volgens uitgeverij Querido is het boek uitverkocht.", "organisation:querido"),
    ],
)
def test_a_name_after_a_dutch_compound_for_a_kind_of_body_is_that_body(text, body):
    assert body in found(text, "nl")


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("De heer de Vos van Steenwijk sprak zoo dat eene meerderheid volgde.", "de Vos van Steenwijk"),
        ("De heer Van Tets van Goudriaan sprak zoo dat eene meerderheid volgde.", "Van Tets van Goudriaan"),
    ],
)
def test_a_surname_van_and_an_estate_after_a_word_of_address_in_an_old_paper_are_one_name(text, person):
    assert found(text, "nl") == {f"person:{person.lower().replace(' ', '-')}": [person]}


def test_a_mayor_van_a_town_is_of_the_town():
    actors = found("Burgemeester Van Zanen van Utrecht opende de brug.", "nl")
    assert actors == {"person:van-zanen": ["Van Zanen"], "place:utrecht": ["Utrecht"]}


def test_a_person_with_initials_van_a_town_is_from_the_town():
    actors = found(
        "Zoo is de heer W. ten Brugge van Almelo na eene verdediging te Groningen gepromoveerd.", "nl"
    )
    assert actors["place:almelo"] == ["Almelo"]


def test_two_given_names_before_a_regnal_number_are_one_king_not_todays():
    actors = found("Koning Frederik Willem IV van Pruisen kwam gisteren aan.", "nl")
    assert persons("Koning Frederik Willem IV van Pruisen kwam gisteren aan.") == ["Frederik Willem IV"]
    assert "person:king-frederik-x" not in actors


def test_a_regnal_name_opening_a_later_sentence_is_the_same_person():
    text = "Paus Pius IX heeft eene allocutie gehouden. Pius IX sprak over de kerk."
    assert found(text, "nl") == {"person:pius-ix": ["Pius IX", "Pius IX"]}
