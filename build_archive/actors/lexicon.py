"""The actor lists, loaded once per process: every known alias, keyed for matching over folded text.

Data files (under `data/`): countries from CLDR plus hand-written short forms, adjectives and
demonyms; places from GeoNames; organisations and persons hand-written; given names for the
rules. The editor's register is folded in last, so its aliases and names win.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..cache import code_version, load_keyed, save_keyed
from ..folding import WORD, fold, fold_key, is_all_caps, surname_keys
from ..model import Actor
from .register import Register

DATA = Path(__file__).resolve().parent / "data"

# When two actors share an alias, the more specific kind keeps it: the editor first, then a
# named person, an organisation, a country and last a place ("Georgia", "Washington Post").
PRIORITY = {"editor": 0, "person": 1, "organisation": 2, "country": 3, "place": 4}

# How an alias must be written in the text: "exact" for abbreviations (VS must not match "vs"),
# "capital" for names, "any" for words that are written in lower case (German and French
# adjectives).
CASE_RANK = {"any": 0, "capital": 1, "exact": 2}


@dataclass(frozen=True)
class Entry:
    actor_id: str
    case: str
    layer: str  # provenance for the mention: "list:country", "list:country-adjective", ...
    priority: int
    capitals: tuple[int, ...] = ()  # for "capital": the words that must be capitalised ("De Morgen")


# A comma inside a listed name, between two of its words.
COMMA = re.compile(r"(?<=\w), (?=\w)")


@dataclass
class Lexicon:
    language: str
    entries: dict[str, Entry] = field(default_factory=dict)  # fold_key -> entry
    # Every proper prefix of a multi-word key ("noord", "witte"): the matcher reads on only while
    # the words so far can still become an alias, so most candidates cost one look-up.
    prefixes: set[str] = field(default_factory=set)
    first_words: set[str] = field(default_factory=set)
    # The prefixes after which a listed alias goes on after a comma ("ministerie van onderwijs"
    # of "Ministerie van Onderwijs, Cultuur en Wetenschap"): only there a comma stays in a name.
    comma_prefixes: set[str] = field(default_factory=set)
    lower_first: frozenset[str] = frozenset()  # first words of aliases written in lower case
    actors: dict[str, Actor] = field(default_factory=dict)
    first_names: frozenset[str] = frozenset()
    # Given names and their short forms, folded, each pair (name, short form) and its reverse:
    # "Bill Clinton" and "William Clinton" may be one person (data/nicknames.txt).
    nicknames: frozenset[tuple[str, str]] = frozenset()
    # Folded first words of each person's multi-word aliases: "Anthony Blinken" is Antony Blinken.
    person_first_words: dict[str, frozenset[str]] = field(default_factory=dict)
    # The keys by which a listed person's surname alone names them later in an article.
    surname_keys: dict[str, frozenset[str]] = field(default_factory=dict)
    # Folded surnames of listed persons: "Hunter Biden" is a person because Biden is a surname.
    person_surnames: frozenset[str] = frozenset()
    # Common surnames (data/surnames.txt), folded: "Lewis" and "Visser" are as everyday as
    # many words in word counts, yet at the end of a name they make it a person's.
    common_surnames: frozenset[str] = frozenset()
    # The US Census's surnames (data/surnames_census.txt), folded: after a rare word that no
    # list of given names knows ("Simu", "Aparna"), one of them makes a person's name.
    census_surnames: frozenset[str] = frozenset()
    # Ids of places whose names are also everyday words ("Leiden", "Boom"): not at a sentence start.
    wordlike: frozenset[str] = frozenset()
    # Ids of the smallest Dutch and Belgian villages, whose names are as often surnames ("aldus
    # Brinkhorst"): not where a person's cue stands right before or after them.
    villages: frozenset[str] = frozenset()
    # One-word aliases (folded) that are a country's or a place's name in another language or
    # another spelling of it, not its own name in English or the site's language, and that are
    # everyday English words ("Island" for Iceland, "Tour" for Tours): in English text, the word.
    foreign_aliases: frozenset[str] = frozenset()
    # Folded names that the lists give to a foreign place and also to a Dutch or Belgian town
    # ("Middelburg", "Ermelo", "Soest"), with that town's id: what a Dutch article means by the
    # name unless it names the foreign place's country (see find.home_places). A Dutch
    # exonym of the foreign place ("Bazel" for Basel) is no such name.
    home_places: dict[str, str] = field(default_factory=dict)
    # Everyday words per language, folded, with their Zipf frequency (wordfreq): a word that
    # readers meet in lower case every day ("Agreement", "West", "Bank") is no name on its own.
    frequencies: dict[str, dict[str, float]] = field(default_factory=dict)
    # Folded legislature words ("kamer") and the one body that the word alone names in the news
    # of its language when the article names no other (`alone` in organisations.yml): Dutch
    # news calls the Tweede Kamer "de Kamer", but "the Senate" is any country's.
    named_alone: dict[str, str] = field(default_factory=dict)
    # The same words by the country of the body they name, for words that name a body of more
    # than one country ("the Treasury" in London and in Washington).
    alone_by_country: dict[tuple[str, str], str] = field(default_factory=dict)
    fingerprint: str = ""

    # Per article language, the frequencies that `zipf` reads, merged once per process.
    merged: dict[str, dict[str, float]] = field(default_factory=dict, compare=False, repr=False)
    # What the rules derived from the lists and word counts about one word (how everyday it is
    # in a language), kept for the process: the same words come back in every article.
    memo: dict[tuple, bool] = field(default_factory=dict, compare=False, repr=False)

    def zipf(self, word: str, lang: str) -> float:
        """How everyday a folded word is in the article's language, the site's or English (the
        language that news in every language quotes): 0 for a word no list counts as everyday."""
        merged = self.merged.get(lang)
        if merged is None:
            merged = {}
            for language in dict.fromkeys((lang, self.language, "en")):
                for key, value in self.frequencies.get(language, {}).items():
                    if value > merged.get(key, 0.0):
                        merged[key] = value
            self.merged[lang] = merged
        return merged.get(word, 0.0)

    def add(self, alias: str, actor_id: str, layer: str, kind: str) -> None:
        key = fold_key(alias)
        if not key:
            return
        case = (
            "exact" if is_all_caps(alias) and len(alias) <= 6 else "capital" if alias[:1].isupper() else "any"
        )
        if alias[:1].isdigit():
            case = "any"
        capitals = tuple(i for i, word in enumerate(WORD.findall(alias)) if word[:1].isupper())
        entry = Entry(actor_id, case, layer, PRIORITY[kind], capitals if case == "capital" else ())
        old = self.entries.get(key)
        if old is None or entry.priority < old.priority:
            self.entries[key] = entry
        elif old.actor_id == actor_id and (
            CASE_RANK[case] < CASE_RANK[old.case]
            # "Waalse regering" beside "Waalse Regering": the alias with fewer capitals says
            # which of its words news may write in lower case
            or (case == old.case == "capital" and set(entry.capitals) < set(old.capitals))
        ):
            self.entries[key] = Entry(actor_id, case, old.layer, old.priority, entry.capitals)
        else:
            return
        words = key.split(" ")
        self.first_words.add(words[0])
        for comma in COMMA.finditer(alias):
            self.comma_prefixes.add(fold_key(alias[: comma.start()]))
        for end in range(1, len(words)):
            self.prefixes.add(" ".join(words[:end]))


def _read_yaml(name: str):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml, C: the lists are large
    return yaml.load((DATA / name).read_text(encoding="utf-8"), Loader=loader) or {}  # noqa: S506


def country_id(code: str) -> str:
    return code if code.startswith("country:") else f"country:{code.lower()}"


_LOADED: dict[tuple[str, str], Lexicon] = {}
CACHE_FORMAT = 2  # raise when the pickled form of a Lexicon changes without a code change


def load_lexicon(language: str, register: Register | None = None, cache_dir: Path | None = None) -> Lexicon:
    """The lexicon for a site language and register, built once per process and reused.

    Building it parses every list; with `cache_dir` (the build's cache folder) a later process
    reads the built lexicon back instead, which is much quicker."""
    register = register or Register()
    key = (language, register.fingerprint)
    if key not in _LOADED:
        _LOADED[key] = (
            _build(language, register) if cache_dir is None else _cached(language, register, cache_dir)
        )
    return _LOADED[key]


def _cache_key(language: str, register: Register) -> str:
    """Everything a built lexicon depends on: the package's code and lists (data/ is part of
    the code version), the language and the editor's register."""
    return f"{CACHE_FORMAT}:{code_version()}:{language}:{register.fingerprint}"


def _cache_file(cache_dir: Path, language: str) -> Path:
    return cache_dir / f"lexicon-{language}.pickle"


def read_cached(cache_dir: Path, language: str, register: Register) -> Lexicon | None:
    """The lexicon a previous process built for the same key; None when there is none, when it
    was built for another code version or register, or when the file cannot be read."""
    lexicon = load_keyed(_cache_file(cache_dir, language), _cache_key(language, register))
    return lexicon if isinstance(lexicon, Lexicon) else None


def _cached(language: str, register: Register, cache_dir: Path) -> Lexicon:
    """The lexicon from the cache folder, or built and then saved there for the next process."""
    lexicon = read_cached(cache_dir, language, register)
    if lexicon is None:
        lexicon = _build(language, register)
        save_keyed(_cache_file(cache_dir, language), _cache_key(language, register), lexicon)
    return lexicon


def _build(language: str, register: Register) -> Lexicon:
    lexicon = Lexicon(language=language, fingerprint=f"{language}:{register.fingerprint}")
    aliases: dict[str, set[str]] = {}

    def actor(
        actor_id: str, kind: str, name: str, names: list[str], country: str | None = None, layer: str = ""
    ) -> None:
        lexicon.actors[actor_id] = Actor(actor_id, kind, name, (), country_id(country) if country else None)
        aliases.setdefault(actor_id, set()).update(names)
        for alias in names:
            lexicon.add(alias, actor_id, layer or f"list:{kind}", kind)

    for entry in _read_yaml("persons.yml"):
        actor(
            entry["id"],
            "person",
            entry["name"],
            [entry["name"], *entry.get("aliases", [])],
            entry.get("country"),
        )
    wordlike = set()  # ids of places and bodies whose names are also everyday words
    for entry in _read_yaml("organisations.yml"):
        # The display name is matched only when it is also an alias: some are descriptions
        # ("Ministerie van Defensie") that would match every country's ministry.
        actor(entry["id"], "organisation", entry["name"], entry.get("aliases", []), entry.get("country"))
        if entry.get("wordlike"):
            wordlike.add(entry["id"])  # "Denk": the party's name is an everyday word
        for word in entry.get("alone", []):
            lexicon.named_alone[fold_key(word)] = entry["id"]
            lexicon.alone_by_country[fold_key(word), entry.get("country", "")] = entry["id"]
    foreign: set[str] = set()
    own_names: set[str] = set()
    countries = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
    forms = _read_yaml("country_forms.yml")
    for code, data in countries.items():
        cid = country_id(code)
        extra = forms.get(code, {})
        name = (
            extra.get("name", {}).get(language)
            or data["names"].get(language)
            or data["names"].get("en")
            or code
        )
        actor(cid, "country", name, data["aliases"], None)
        own = {fold_key(data["names"].get(lang) or "") for lang in ("en", language)}
        own_names |= own
        foreign.update(
            key for key in map(fold_key, data["names"].values()) if " " not in key and key not in own
        )
        for alias in extra.get("short", []):
            lexicon.add(alias, cid, "list:country", "country")
            aliases[cid].add(alias)
        for key, words in extra.items():
            if key not in ("short", "name"):
                for alias in words:
                    lexicon.add(alias, cid, "list:country-adjective", "country")
                    aliases[cid].add(alias)
    villages = set()
    home: dict[str, tuple[int, str]] = {}  # folded name -> (population, id) of the largest town
    exonyms: set[str] = set()
    for entry in json.loads((DATA / "places.json").read_text(encoding="utf-8")):
        name = entry.get(language) or entry["name"]
        if entry.get("country") in HOME_COUNTRIES:
            for key in {fold_key(entry["name"]), fold_key(entry.get("nl") or "")} - {""}:
                home[key] = max(home.get(key, (0, "")), (entry.get("population") or 0, entry["id"]))
        elif entry.get("nl") and entry["nl"] != entry["name"]:
            exonyms.add(fold_key(entry["nl"]))
        actor(entry["id"], "place", name, entry["aliases"], entry.get("country"))
        own = {fold_key(entry["name"]), fold_key(name), fold_key(entry.get("en") or "")}
        own_names |= own
        foreign.update(key for key in map(fold_key, entry["aliases"]) if " " not in key and key not in own)
        if entry.get("wordlike"):
            wordlike.add(entry["id"])
        if entry.get("village"):
            villages.add(entry["id"])
    lexicon.wordlike = frozenset(wordlike)
    lexicon.villages = frozenset(villages)
    lexicon.home_places = {
        key: town
        for key, (_, town) in home.items()
        if key not in exonyms
        and (entry := lexicon.entries.get(key)) is not None
        and entry.actor_id.startswith("place:")
        and entry.actor_id != town
    }
    foreign -= own_names  # an alias that is also some actor's own name ("Georgia") is no foreign one

    for item in register.entries:
        known = lexicon.actors.get(item.id)
        name = item.name or (known.name if known else item.id.split(":", 1)[1].replace("-", " ").title())
        country = item.country or (known.country if known else None)
        actor(
            item.id,
            item.type,
            name,
            [*item.aliases, *([item.name] if item.name else [])],
            country,
            "editor:register",
        )

    lexicon.actors = {
        actor_id: Actor(a.id, a.type, a.name, tuple(sorted(aliases.get(actor_id, ()))), a.country)
        for actor_id, a in lexicon.actors.items()
    }
    lexicon.lower_first = frozenset(
        key.split(" ")[0] for key, entry in lexicon.entries.items() if entry.case == "any"
    )
    names = (DATA / "first_names.txt").read_text(encoding="utf-8").splitlines()
    lexicon.first_names = frozenset(fold(n.strip()) for n in names if n.strip() and not n.startswith("#"))
    # The Census's given names, but for those that name a listed place or country ("Dallas",
    # "Georgia"): there, the list knows better.
    pairs = (DATA / "nicknames.txt").read_text(encoding="utf-8").splitlines()
    lexicon.nicknames = frozenset(
        pair
        for line in pairs
        if line.strip() and not line.startswith("#")
        for name, short in [line.split()]
        for pair in ((name, short), (short, name))
    )
    census = (DATA / "given_names_census.txt").read_text(encoding="utf-8").splitlines()
    lexicon.first_names |= {
        key
        for key in (fold(n.strip()) for n in census if n.strip() and not n.startswith("#"))
        if key not in lexicon.entries or lexicon.entries[key].actor_id.startswith("person:")
    }
    lexicon.person_first_words = {
        actor_id: frozenset(key.split(" ")[0] for key in map(fold_key, names) if " " in key)
        for actor_id, names in aliases.items()
        if actor_id.startswith("person:")
    }
    lexicon.surname_keys = {
        actor_id: frozenset(
            key for name in {lexicon.actors[actor_id].name, *names} for key in surname_keys(name)
        )
        for actor_id, names in aliases.items()
        if actor_id.startswith("person:")
    }
    lexicon.person_surnames = frozenset(
        key for keys in lexicon.surname_keys.values() for key in keys if " " not in key
    )
    surnames = (DATA / "surnames.txt").read_text(encoding="utf-8").splitlines()
    lexicon.common_surnames = frozenset(
        fold(n.strip()) for n in surnames if n.strip() and not n.startswith("#")
    )
    census = (DATA / "surnames_census.txt").read_text(encoding="utf-8").splitlines()
    lexicon.census_surnames = frozenset(
        fold(n.strip()) for n in census if n.strip() and not n.startswith("#")
    )
    lexicon.frequencies = word_frequencies()
    english = lexicon.frequencies.get("en", {})
    lexicon.foreign_aliases = frozenset(key for key in foreign if english.get(key, 0.0) >= EVERYDAY_FOREIGN)
    return lexicon


# The countries of the towns that a Dutch article means by a name shared with a foreign place.
HOME_COUNTRIES = frozenset({"NL", "BE"})
# How everyday (Zipf, English alone) a foreign alias must be to be an English word first.
EVERYDAY_FOREIGN = 4.0


# The languages whose everyday words are known, and how everyday a word must be to be kept:
# below it, words are as rare as most names.
FREQUENCY_LANGUAGES = ("nl", "en", "de", "fr")
FREQUENCY_FLOOR = 3.0


def word_frequencies() -> dict[str, dict[str, float]]:
    """wordfreq's Zipf frequencies (log10 of uses per billion words, plus 9) of every word at
    or above the floor, folded as the matchers fold text."""
    from wordfreq import get_frequency_list

    result: dict[str, dict[str, float]] = {}
    for language in FREQUENCY_LANGUAGES:
        words: dict[str, float] = {}
        # wordfreq's own packing: bucket i holds the words of frequency 10 ** (-i / 100).
        for bucket, group in enumerate(get_frequency_list(language, wordlist="small")):
            zipf = 9 - bucket / 100
            if zipf < FREQUENCY_FLOOR:
                break
            for word in group:
                key = fold(word)
                if key not in words and WORD.fullmatch(key):
                    words[key] = zipf
        result[language] = words
    return result
