"""Every word the generated pages show, per site language (`settings.language`).

One table, so that a new language is one entry here; a language without an entry gets English.
"""

from __future__ import annotations

from ..settings import Settings

LABELS = {
    "nl": {
        # articles and listings
        "latest": "Laatste artikelen", "by_month": "Artikelen per jaar en maand",
        "all_articles": "Alle artikelen", "undated": "Zonder datum", "source": "Bron",
        "previous": "Vorige", "next": "Volgende", "page": "pagina",
        # actor pages and indexes
        "also": "Ook genoemd als", "timeline": "Tijdlijn", "with": "Vaak samen genoemd met",
        "articles": "Artikelen", "first": "eerst gezien", "last": "laatst gezien", "feed": "Atom-feed",
        "undated_bar": "zonder datum", "by_name": "op naam", "by_count": "op aantal artikelen",
        "sort": "Sorteer", "top": "De {n} meest genoemde", "country_of": "Land",
        "n_articles": "{n} artikelen", "one_article": "1 artikel", "none": "Nog geen.",
        "search_actor": "Zoeken in deze artikelen",
        # home page
        "most_persons": "Meest genoemde personen", "most_countries": "Meest genoemde landen",
        "holds": "{articles} · {persons} personen · {countries} landen · {organisations} "
                 "organisaties · {places} plaatsen",
        "export": "Gegevens",
        "export_text": "De hele inhoud als gegevens: [artikelen (JSON Lines)](export/articles.jsonl), "
                       "[actoren (JSON)](export/actors.json), [actoren (CSV)](export/actors.csv), "
                       "[vermeldingen (CSV)](export/mentions.csv), [Atom-feed](articles/feed.xml).",
    },
    "en": {
        "latest": "Latest articles", "by_month": "Articles by year and month",
        "all_articles": "All articles", "undated": "Undated", "source": "Source",
        "previous": "Previous", "next": "Next", "page": "page",
        "also": "Also named as", "timeline": "Timeline", "with": "Most often named with",
        "articles": "Articles", "first": "first seen", "last": "last seen", "feed": "Atom feed",
        "undated_bar": "undated", "by_name": "by name", "by_count": "by number of articles",
        "sort": "Sort", "top": "The {n} most named", "country_of": "Country",
        "n_articles": "{n} articles", "one_article": "1 article", "none": "None yet.",
        "search_actor": "Search these articles",
        "most_persons": "Most named persons", "most_countries": "Most named countries",
        "holds": "{articles} · {persons} persons · {countries} countries · {organisations} "
                 "organisations · {places} places",
        "export": "Data",
        "export_text": "Everything as data: [articles (JSON Lines)](export/articles.jsonl), "
                       "[actors (JSON)](export/actors.json), [actors (CSV)](export/actors.csv), "
                       "[mentions (CSV)](export/mentions.csv), [Atom feed](articles/feed.xml).",
    },
}  # fmt: skip

TYPE_LABELS = {
    "nl": {"person": ("Persoon", "Personen"), "country": ("Land", "Landen"),
           "organisation": ("Organisatie", "Organisaties"), "place": ("Plaats", "Plaatsen")},
    "en": {"person": ("Person", "Persons"), "country": ("Country", "Countries"),
           "organisation": ("Organisation", "Organisations"), "place": ("Place", "Places")},
}  # fmt: skip


def labels(settings: Settings) -> dict[str, str]:
    return LABELS.get(settings.language, LABELS["en"])


def type_label(kind: str, settings: Settings, plural: bool = False) -> str:
    return TYPE_LABELS.get(settings.language, TYPE_LABELS["en"])[kind][1 if plural else 0]


def count_label(count: int, settings: Settings) -> str:
    words = labels(settings)
    return (
        words["one_article"] if count == 1 else words["n_articles"].format(n=f"{count:,}".replace(",", "."))
    )
