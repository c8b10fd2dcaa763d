"""A generator of realistic raw articles for benchmarks: Dutch and English sentence patterns,
a long tail of actors, dates spread over years. Deterministic for a given seed."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

FIRST = [
    "Jan",
    "Maria",
    "Ahmed",
    "Sophie",
    "Pieter",
    "Fatima",
    "Lars",
    "Elena",
    "Kofi",
    "Yuki",
    "Carlos",
    "Anna",
    "Mark",
    "Olga",
    "Tomasz",
    "Ingrid",
    "Rafael",
    "Chen",
    "Aisha",
    "Daan",
]
LAST = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "de Boer",
    "Dekker",
    "van Dijk",
    "Novak",
    "Kowalski",
    "Schmidt",
    "Rossi",
    "García",
    "Okafor",
    "Tanaka",
    "Ivanova",
    "Haddad",
    "Larsen",
]
COUNTRIES_NL = [
    "Duitsland",
    "Frankrijk",
    "Oekraïne",
    "Rusland",
    "China",
    "Brazilië",
    "Japan",
    "Kenia",
    "Canada",
    "Polen",
    "Spanje",
    "Italië",
    "Turkije",
    "India",
    "Mexico",
    "Egypte",
    "Noorwegen",
    "Australië",
]
COUNTRIES_EN = [
    "Germany",
    "France",
    "Ukraine",
    "Russia",
    "China",
    "Brazil",
    "Japan",
    "Kenya",
    "Canada",
    "Poland",
    "Spain",
    "Italy",
    "Turkey",
    "India",
    "Mexico",
    "Egypt",
    "Norway",
    "Australia",
]
ORGS = [
    "NAVO",
    "Europese Commissie",
    "Verenigde Naties",
    "Wereldbank",
    "Philips",
    "Shell",
    "Rode Kruis",
    "IMF",
]
PLACES = ["Amsterdam", "Berlijn", "Parijs", "Brussel", "Madrid", "Rome", "Wenen", "Warschau", "Kiev", "Tokio"]

NL = [
    "{person} zei {day} in {place} dat de gesprekken met {country} {how} verliepen.",
    "Volgens {person}, minister van Buitenlandse Zaken, wil {country} meer geld voor defensie.",
    "De {org} kondigde aan dat het overleg met {country} wordt voortgezet.",
    "{person} en {person2} spraken {day} met elkaar over de spanningen rond {country}.",
    "In {place} demonstreerden duizenden mensen tegen de plannen van de regering.",
    "Een woordvoerder van de {org} liet weten dat er nog geen besluit is genomen.",
    "De economie van {country} groeide vorig jaar met {n} procent, meldt het statistiekbureau.",
]
EN = [
    "{person} said on {day} in {place} that talks with {country} had gone {how}.",
    "According to {person}, the foreign minister, {country} wants to spend more on defence.",
    "The {org} announced that negotiations with {country} would continue.",
    "{person} and {person2} spoke on {day} about the tensions around {country}.",
    "Thousands of people protested in {place} against the government's plans.",
    "A spokesperson for the {org} said no decision had been taken yet.",
    "The economy of {country} grew by {n} percent last year, the statistics office said.",
]
DAYS_NL = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def people(count: int, rng: random.Random) -> list[str]:
    return [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(count)]


def article(rng: random.Random, persons: list[str], dutch: bool) -> str:
    templates, countries, days = (NL, COUNTRIES_NL, DAYS_NL) if dutch else (EN, COUNTRIES_EN, DAYS_EN)
    # Long-tail: a few actors are named in many articles, most in few.
    pick = lambda seq: seq[min(int(rng.paretovariate(1.2)) - 1, len(seq) - 1)]  # noqa: E731
    paragraphs = []
    for _ in range(rng.randint(4, 9)):
        sentences = [
            rng.choice(templates).format(
                person=pick(persons),
                person2=pick(persons),
                country=pick(countries),
                place=rng.choice(PLACES),
                org=rng.choice(ORGS),
                day=rng.choice(days),
                how=rng.choice(["goed", "moeizaam", "well", "badly"]),
                n=rng.randint(1, 9),
            )
            for _ in range(rng.randint(2, 5))
        ]
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def write_corpus(target: Path, count: int, seed: int = 7) -> Path:
    """`count` raw .txt articles under target/site_src/articles, half of them dated by name."""
    rng = random.Random(seed)
    persons = people(3000, rng)
    articles = target / "site_src" / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    start = dt.date(2015, 1, 1)
    for number in range(count):
        date = start + dt.timedelta(days=rng.randrange(3650))
        name = f"{date:%Y-%m-%d}-{number:06d}.txt" if number % 2 else f"{number:06d}.txt"
        (articles / name).write_text(article(rng, persons, dutch=number % 3 != 0), encoding="utf-8")
    return articles
