"""A generated news corpus that looks like a real archive, for benchmarks.

A real mixed archive names tens of thousands of actors, most of them once and most of them in
none of the project's lists, and no actor in more than a few percent of its articles. So the
persons here are given names of many countries joined to surnames made from each country's
syllables, and the organisations and towns are made the same way: no list holds them, and the
archive has to find them by its rules. Every actor is drawn from a pool with Zipf-Mandelbrot
weights (a long tail, and an offset that keeps the head at about 3% of the articles); the pools
grow with the corpus, as a real archive's cast grows with it. Articles are Dutch or English,
of news length, dated over fifteen years. The open real articles of ../shared/data/ are mixed in
at run time (read from there, never copied into the repository). Deterministic for a seed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import json
import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"  # ../shared/data beside the clone, as in CI

# Per country: common given names (real ones, as in real news) and the syllables its surnames
# are made of: a stem, an optional middle, an ending, an optional particle in front.
CULTURES: dict[str, tuple[list[str], list[str], list[str], list[str], list[str]]] = {
    "nl": (
        "Jan Pieter Sanne Femke Daan Lotte Bram Noor Joost Eline Wouter Marieke".split(),
        "Bos Hoog Wil Ker Dal Meer Stok Brink Haar Zwan Gelder Vos Lin Rui".split(),
        ["", "en", "er", "el", "ter"],
        "kamp stra ink huis man veld berg ing hof ema dijk sma".split(),
        ["", "", "", "van ", "de ", "van der ", "ter "],
    ),
    "de": (
        "Jürgen Katrin Stefan Anja Matthias Sabine Tobias Ulrike Lukas Heike".split(),
        "Ober Schwarz Kling Hahn Rott Brau Stein Feld Gross Eich Lind Mohr".split(),
        ["", "en", "el", "er"],
        "mann bauer meier huber ler hardt mayr inger wald reiter".split(),
        ["", "", "von "],
    ),
    "pl": (
        "Tomasz Agnieszka Marek Katarzyna Piotr Magdalena Krzysztof Joanna Paweł".split(),
        "Wiś Kowal Grab Nowa Zieliń Mazur Brzez Dąbr Sikor Jabł Lew Czar".split(),
        ["", "ow", "ie", "an"],
        "ski ska czyk ewicz iak ecki owska ik".split(),
        [""],
    ),
    "it": (
        "Giulia Marco Francesca Luca Chiara Matteo Alessandra Davide Paola".split(),
        "Ross Bian Mar Fer Colom Gall Rin Sant Bellu Ces Vit Lom".split(),
        ["", "ar", "ol", "inel"],
        "ini etti elli one ucci ardi otto esi ano".split(),
        ["", "", "De ", "Di "],
    ),
    "es": (
        "Carmen Javier Lucía Alejandro Marta Sergio Elena Pablo Isabel Diego".split(),
        "Fern Gonz Rodr Mart Vill Herr Ceb Est Quint Sal Alv Pad".split(),
        ["", "al", "ar", "er"],
        "ández ález íguez ínez eros ado illa ero ón".split(),
        [""],
    ),
    "ru": (
        "Olga Dmitri Natalja Sergej Irina Aleksej Tatjana Mikhail Svetlana".split(),
        "Smirn Volk Lebed Sokol Kuzn Morozn Pavl Orl Zakh Belk Kir Gromysh".split(),
        ["", "al", "in"],
        "ov ova in ina enko ev eva sky".split(),
        [""],
    ),
    "ng": (
        "Chinedu Ngozi Emeka Amaka Oluwaseun Funmilayo Tunde Chiamaka Ifeanyi".split(),
        "Ade Oka Nwa Obi Ola Eze Chuk Ogun Ibe Ako Uche Ezi".split(),
        ["", "ba", "ko", "nne"],
        "yemi for chukwu dele bayo kwe ogu nna mole".split(),
        [""],
    ),
    "ja": (
        "Yuki Haruto Sakura Kenji Aiko Takeshi Emi Hiroshi Naoko Daiki".split(),
        "Taka Naka Yama Fuji Matsu Kawa Hashi Mori Ishi Oka Sato Kino".split(),
        ["", "mu", "ga", "ta"],
        "moto mura shita zaki hara gawa no ki ta".split(),
        [""],
    ),
    "ar": (
        "Ahmed Fatima Omar Layla Youssef Nour Karim Samira Hassan Rania".split(),
        "Had Mans Khal Nass Sal Bark Rash Qas Hamd Ab Jab Tam".split(),
        ["", "i", "a"],
        "dad our il ari eh at ani oun imi".split(),
        ["", "", "Al-", "El "],
    ),
    "sv": (
        "Lars Ingrid Anders Karin Erik Maja Johan Astrid Nils Sigrid".split(),
        "Lund Berg Holm Sand Dahl Ek Nord Ström Sjö Fors Kvist Löf".split(),
        ["", "e", "gren"],
        "sson qvist gren blad ström by dal ling".split(),
        [""],
    ),
    "en": (
        "James Sarah Michael Emily David Rachel Thomas Laura Andrew Helen".split(),
        "Ash Brad Whit Cal Fair Hart Pem Ruther Thorn Wake Kings Marl".split(),
        ["", "er", "ing", "ley"],
        "worth ford field ham by ton well more ridge".split(),
        [""],
    ),
    "zh": (
        "Wei Li Na Jun Mei Hao Xin Yan Lei Ying".split(),
        "Zh Ch W Y L X H Q G S".split(),
        ["", ""],
        "ang ou en uan ian eng iao ong ui".split(),
        [""],
    ),
}

TOWN_STEMS = "Elder Marn Hollo Vrede Kast Wester Ooster Brug Ald Ravens Stil Mool Grun Lan Tesk Varn Olm Brisk Hav Kell".split()
TOWN_MIDDLES = ["", "en", "er", "el", "o", "a"]
TOWN_ENDINGS = "dorp hoven wijk dam burg ville ton field stad heim ow ice ovo aš".split()
ORG_PATTERNS_NL = [
    "{stem} Groep", "{stem} Holding", "Stichting {stem}", "Vereniging {town}", "{town} Energie",
    "Universiteit van {town}", "FC {town}", "{stem}bank", "Ziekenhuis {town}", "Partij voor {town}",
    "{stem} Logistiek B.V.", "Omroep {town}",
]  # fmt: skip
ORG_PATTERNS_EN = [
    "{stem} Group", "{stem} Holdings", "{stem} Foundation", "{town} Council", "{stem} Technologies Inc.",
    "University of {town}", "{town} United", "{stem} Bank", "{town} Hospital", "{stem} Party",
    "{stem} Logistics Ltd.", "{town} Broadcasting Corporation",
]  # fmt: skip
ORG_STEMS = "Verk Altan Brix Corv Delm Feyn Gral Hux Ixor Jorv Kelt Lum Morv Nexa Orb Pell Quor Rask Solv Tivo".split()
ORG_ENDINGS = ["", "on", "ex", "ia", "ent", "ar", "is", "um"]

ROLES_NL = ["minister", "woordvoerder", "burgemeester", "directeur", "onderzoeker", "advocaat", "wethouder",
            "hoogleraar", "topman", "politiechef", "Kamerlid", "ambassadeur"]  # fmt: skip
ROLES_EN = ["minister", "spokesperson", "mayor", "chief executive", "researcher", "lawyer", "councillor",
            "professor", "chairman", "police chief", "lawmaker", "ambassador"]  # fmt: skip

NL = [
    "{role} {person} zei {day} in {town} dat de gesprekken met {country} {how} verliepen.",
    "Volgens {person}, {role} bij {org}, wil {country} meer geld uittrekken voor de plannen.",
    "{org} kondigde {day} aan dat het overleg met de regering van {country} wordt voortgezet.",
    "{surname} en {person2} spraken {day} met elkaar over de spanningen rond {country}.",
    "In het dorp {town} demonstreerden honderden mensen tegen de komst van een nieuwe fabriek.",
    "Een woordvoerder van {org} liet weten dat er nog geen besluit is genomen.",
    "\u201eWe hebben dit niet zien aankomen\u201d, zei {surname} tegen verslaggevers in {town}.",
    "{surname} (54) werkte eerder voor {org} en is sinds vorig jaar {role}.",
    "De economie van {country} groeide vorig jaar met {n} procent, meldt het statistiekbureau.",
    "Het kabinet van {country} wil de kwestie nog voor de zomer afronden, schrijven ingewijden.",
]
EN = [
    "{role} {person} said on {day} in {town} that talks with {country} had gone {how}.",
    "According to {person}, a {role} at {org}, {country} wants to spend more on the plans.",
    "{org} announced on {day} that negotiations with the government of {country} would continue.",
    "{surname} and {person2} spoke on {day} about the tensions around {country}.",
    "Hundreds of people protested in the town of {town} against a new factory.",
    "A spokesperson for {org} said no decision had been taken yet.",
    '"We did not see this coming," {surname} told reporters in {town}.',
    "{surname}, 54, previously worked for {org} and has been {role} since last year.",
    "The economy of {country} grew by {n} percent last year, the statistics office said.",
    "The government of {country} wants to settle the matter before the summer, sources said.",
]
# Sentences without actors, made of parts, so that the text has a news-like vocabulary.
FILLER_NL = (
    ["De gemeenteraad", "Het kabinet", "De vakbond", "Een meerderheid van de bewoners", "De rechter",
     "De toezichthouder", "Het bestuur", "De oppositie", "Een groep ondernemers", "De politie",
     "Het ministerie", "De werkgevers"],
    ["wil", "overweegt", "verwacht", "vreest", "steunt", "onderzoekt", "bespreekt", "weigert",
     "eist", "betwijfelt", "kondigt aan", "herziet"],
    ["een hogere belasting op vliegtickets", "de bouw van vierhonderd woningen", "strengere regels voor huurders",
     "de sluiting van twee scholen", "extra geld voor de jeugdzorg", "een onderzoek naar de brand",
     "de verkoop van het havenbedrijf", "een verbod op vuurwerk", "lagere tarieven voor het openbaar vervoer",
     "een nieuwe aanpak van de wachtlijsten", "de uitbreiding van het vliegveld", "compensatie voor boeren"],
    ["", " na de zomer", " vanaf volgend jaar", " ondanks de kritiek", " binnen enkele weken",
     " na maanden van overleg", " in de hele regio", " zonder verdere uitleg"],
)  # fmt: skip
FILLER_EN = (
    ["The city council", "The cabinet", "The union", "A majority of residents", "The judge",
     "The regulator", "The board", "The opposition", "A group of business owners", "The police",
     "The ministry", "Employers"],
    ["wants", "is considering", "expects", "fears", "supports", "is investigating", "is discussing",
     "refuses", "demands", "doubts", "has announced", "is reviewing"],
    ["a higher tax on airline tickets", "the construction of four hundred homes", "stricter rules for tenants",
     "the closure of two schools", "extra money for youth care", "an inquiry into the fire",
     "the sale of the port company", "a ban on fireworks", "lower fares for public transport",
     "a new approach to waiting lists", "the expansion of the airport", "compensation for farmers"],
    ["", " after the summer", " from next year", " despite the criticism", " within a few weeks",
     " after months of talks", " across the region", " without further explanation"],
)  # fmt: skip
DAYS_NL = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
START = dt.date(2010, 1, 1)
YEARS = 15


@dataclass
class Person:
    given: str
    surname: str  # with its particle, as named alone in the text ("van Dalkamp")

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"

    @property
    def alone(self) -> str:
        """The surname at the start of a sentence ("Van Dalkamp zei")."""
        return self.surname[:1].upper() + self.surname[1:]


@dataclass
class CorpusStats:
    """What the generator put in: what a reader of the figures needs to judge the corpus."""

    articles: int = 0
    generated: int = 0
    real: int = 0  # the open real articles mixed in
    real_sources: list[str] = field(default_factory=list)
    text_mb: float = 0.0
    dutch_share: float = 0.0
    years: str = ""
    distinct_actors: int = 0  # of the generated articles, as the generator named them
    by_type: dict[str, int] = field(default_factory=dict)
    top_actor: str = ""
    top_actor_share: float = 0.0  # of the generated articles
    once_share: float = 0.0  # actors named in one article only
    unknown_share: float = 0.0  # actors whose name no list of the project holds

    def lines(self) -> list[str]:
        return [
            f"corpus (generated): {self.articles:,} articles ({self.generated:,} generated, {self.real:,} real "
            f"from {', '.join(self.real_sources) or 'none'}), {self.text_mb:.1f} MB of text, "
            f"{self.dutch_share:.0%} Dutch, dated {self.years}",
            f"  {self.distinct_actors:,} distinct actors named ({', '.join(f'{k} {v:,}' for k, v in self.by_type.items())}); "
            f"top actor {self.top_actor!r} in {self.top_actor_share:.1%} of the generated articles; "
            f"{self.once_share:.0%} named once; {self.unknown_share:.0%} unknown to the project's lists",
        ]

    def as_dict(self) -> dict:
        return asdict(self)


class Pool:
    """Actors drawn with Zipf-Mandelbrot weights 1/(rank + offset): a long tail, and a head
    that the offset keeps from dominating the archive."""

    def __init__(self, make: Callable[[], str], size: int, offset: float, rng: random.Random) -> None:
        seen: dict[str, None] = {}
        for _ in range(size * 20):  # distinct names; a small syllable space gives fewer
            seen.setdefault(make(), None)
            if len(seen) >= size:
                break
        self.names = list(seen)
        self.cumulative = list(
            itertools.accumulate(1 / (rank + offset) for rank in range(1, len(self.names) + 1))
        )
        self.rng = rng

    def draw(self) -> str:
        return self.names[bisect.bisect(self.cumulative, self.rng.random() * self.cumulative[-1])]


def _surname(rng: random.Random, culture: str) -> str:
    _, stems, middles, endings, particles = CULTURES[culture]
    return rng.choice(particles) + rng.choice(stems) + rng.choice(middles) + rng.choice(endings)


def _person(rng: random.Random) -> str:
    culture = rng.choice(list(CULTURES))
    given = rng.choice(CULTURES[culture][0])
    return f"{given}\t{_surname(rng, culture)}"


def _town(rng: random.Random) -> str:
    return rng.choice(TOWN_STEMS) + rng.choice(TOWN_MIDDLES) + rng.choice(TOWN_ENDINGS)


def _org(rng: random.Random, towns: Pool) -> str:
    stem = rng.choice(ORG_STEMS) + rng.choice(ORG_ENDINGS)
    patterns = ORG_PATTERNS_NL if rng.random() < 0.6 else ORG_PATTERNS_EN
    return rng.choice(patterns).format(stem=stem, town=towns.draw())


def _countries() -> list[tuple[str, str]]:
    """(Dutch, English) names of the project's countries, a fixed order for the draw."""
    data = json.loads(
        (REPO / "build_archive" / "actors" / "data" / "countries.json").read_text(encoding="utf-8")
    )
    return [(c["names"]["nl"], c["names"]["en"]) for code, c in sorted(data.items()) if len(code) == 2]


@dataclass
class Generator:
    size: int
    seed: int = 7
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        rng = self.rng
        # Pools grow with the archive; offsets chosen so that the most-drawn actor of each type
        # lands in about 2-3% of the articles for the draws per article below.
        self.towns = Pool(lambda: _town(rng), max(500, self.size // 2), 8, rng)
        self.persons = Pool(lambda: _person(rng), max(2000, self.size * 3), 15, rng)
        self.orgs = Pool(lambda: _org(rng, self.towns), max(1000, self.size), 10, rng)
        countries = _countries()
        rng.shuffle(countries)
        self.country_names = dict(countries)
        self.countries = Pool(iter(c for c, _ in countries).__next__, len(countries), 40, rng)

    def article(self, dutch: bool) -> tuple[str, dict[str, set[str]]]:
        """One article's text and the actors the generator named in it, by type."""
        rng = self.rng
        templates, filler, days, roles = (NL, FILLER_NL, DAYS_NL, ROLES_NL) if dutch else (EN, FILLER_EN, DAYS_EN, ROLES_EN)  # fmt: skip
        persons = [Person(*self.persons.draw().split("\t")) for _ in range(rng.randint(1, 5))]
        orgs = [self.orgs.draw() for _ in range(rng.randint(1, 3))]
        towns = [self.towns.draw() for _ in range(rng.randint(1, 2))]
        countries = [self.countries.draw() for _ in range(rng.randint(1, 2))]
        country = (lambda c: c) if dutch else (lambda c: self.country_names[c])
        named: set[str] = set()  # full names used so far: a person is named in full first
        paragraphs = []
        for _ in range(rng.randint(5, 11)):
            sentences = []
            for _ in range(rng.randint(2, 5)):
                if rng.random() < 0.35:
                    sentences.append(
                        " ".join(rng.choice(part) for part in filler[:3]) + rng.choice(filler[3]) + "."
                    )
                    continue
                person, other = rng.choice(persons), rng.choice(persons)
                template = rng.choice(templates)
                if "{surname}" in template and person.name not in named:
                    template = template.replace("{surname}", "{person}", 1)
                named.update(
                    p.name for p, key in ((person, "{person}"), (other, "{person2}")) if key in template
                )
                text = template.format(
                    person=person.name, surname=person.alone, person2=other.name, role=rng.choice(roles),
                    org=rng.choice(orgs), town=rng.choice(towns), country=country(rng.choice(countries)),
                    day=rng.choice(days), how=rng.choice(["goed", "moeizaam"] if dutch else ["well", "badly"]),
                    n=rng.randint(1, 9),
                )  # fmt: skip
                sentences.append(text[:1].upper() + text[1:])
            paragraphs.append(" ".join(sentences))
        body = "\n\n".join(paragraphs)
        actors = {
            "person": {p.name for p in persons if p.name in named},
            "organisation": {o for o in orgs if o in body},
            "place": {t for t in towns if t in body},
            "country": {c for c in countries if country(c) in body},
        }
        return body, actors


def real_articles() -> Iterator[tuple[str, dict]]:
    """The open real articles beside the repository: (set, record with title, text, date, lang)."""
    files = sorted((SHARED / "news-open").glob("*.jsonl")) + sorted((SHARED / "ner-dev").glob("*.jsonl"))
    for path in files:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines):
                record = json.loads(line)
                yield path.stem, {
                    "title": record.get("title"), "text": record["text"], "date": record.get("date"),
                    "lang": record.get("lang"), "url": record.get("url"), "id": f"{path.stem}-{number}",
                }  # fmt: skip


def unknown_share(names: dict[str, set[str]]) -> float:
    """The share of the named actors that no list of the project holds (by their folded name)."""
    from build_archive.actors.lexicon import load_lexicon
    from build_archive.folding import fold_key

    entries = load_lexicon("nl").entries
    flat = [name for group in names.values() for name in group]
    return sum(fold_key(name) not in entries for name in flat) / max(1, len(flat))


def write_corpus(target: Path, count: int, seed: int = 7, real: bool = True) -> CorpusStats:
    """`count` articles under target/site_src/articles: the open real ones (when `real` and
    found) and generated .txt articles, a third English, half dated by their file name and a
    third with a title line."""
    articles = target / "site_src" / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    stats = CorpusStats()
    text_bytes, dutch = 0, 0
    if real:
        sources: Counter[str] = Counter()
        for source, record in itertools.islice(real_articles(), count // 2):
            (articles / "real").mkdir(exist_ok=True)
            data = json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False)
            (articles / "real" / f"{record['id']}.json").write_text(data, encoding="utf-8")
            sources[source] += 1
            text_bytes += len(record["text"].encode())
            dutch += record.get("lang") == "nl"
        stats.real, stats.real_sources = (
            sum(sources.values()),
            [f"{k} {v}" for k, v in sorted(sources.items())],
        )
    generator = Generator(count, seed)
    rng = generator.rng
    per_actor: Counter[tuple[str, str]] = Counter()
    for number in range(count - stats.real):
        date = START + dt.timedelta(days=rng.randrange(365 * YEARS))
        is_dutch = number % 3 != 0
        body, actors = generator.article(is_dutch)
        if number % 3 == 1:
            body = body.split(". ")[0].split(", ")[0][:70].rstrip(".") + "\n\n" + body
        name = f"{date:%Y-%m-%d}-{number:06d}.txt" if number % 2 else f"{number:06d}.txt"
        (articles / name).write_text(body, encoding="utf-8")
        text_bytes += len(body.encode())
        dutch += is_dutch
        per_actor.update((kind, actor) for kind, group in actors.items() for actor in group)
    stats.generated = count - stats.real
    stats.articles, stats.text_mb = count, text_bytes / 1e6
    stats.dutch_share = dutch / max(1, count)
    stats.years = f"{START.year}-{START.year + YEARS - 1}"
    by_type: dict[str, set[str]] = {}
    for kind, actor in per_actor:
        by_type.setdefault(kind, set()).add(actor)
    stats.distinct_actors, stats.by_type = len(per_actor), {k: len(v) for k, v in sorted(by_type.items())}
    if per_actor:
        (kind, top), top_count = per_actor.most_common(1)[0]
        stats.top_actor, stats.top_actor_share = f"{kind}:{top}", top_count / max(1, stats.generated)
        stats.once_share = sum(1 for n in per_actor.values() if n == 1) / len(per_actor)
    stats.unknown_share = unknown_share(by_type)
    return stats


def sample_names(size: int, seed: int = 7) -> dict[str, list[str]]:
    """Some of the corpus's actors by type, head first, for the bench's search queries."""
    generator = Generator(size, seed)
    return {
        "persons": [n.replace("\t", " ") for n in generator.persons.names[:200]],
        "organisations": generator.orgs.names[:50],
        "places": generator.towns.names[:50],
        "countries": [c for c, _ in sorted(generator.country_names.items())][:60],
    }


if __name__ == "__main__":
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for line in write_corpus(Path(tmp), int(sys.argv[1]) if len(sys.argv) > 1 else 2000).lines():
            print(line)
