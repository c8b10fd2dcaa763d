"""Layer 3 and 4 of actor finding: one actor per real entity, and the editor's word last.

Within an article, a surname joins the full name given elsewhere in it ("Jan Jansen ... zei
Jansen"); a capitalised word that is nobody's surname is dropped. Across the archive, ids are
the unit: list actors have one id whatever language named them, rule actors get the slug of
their full name, and the register's merges and rejects apply to both. Once every article is
analysed, `join_surnames` makes the full names of one person one actor and gives a surname
alone to the one full name of its period.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import Any, NamedTuple

from slugify import slugify

from ..folding import fold, fold_key, occurs_as_word, surname_keys
from ..model import TYPE_KEYS, Actor, Article, Mention
from .lexicon import Lexicon
from .register import Register
from .rules import (
    LEGAL_FORMS,
    LEGISLATURES,
    NAME_PARTICLES,
    PERSON_AFTER,
    PERSON_BEFORE_WORDS,
    PERSON_TITLES,
    SENTENCE_STARTERS,
    TITLE_NAME,
    slug,
)

CORRECTION_TYPES = {key: kind for kind, key in TYPE_KEYS.items()}


def surname_index(mentions: Iterable[Mention], lexicon: Lexicon) -> dict[str, str]:
    """The surname of each full-name person of the article that no other one shares."""
    owners = surname_owners(mentions, lexicon)
    return {key: next(iter(ids)) for key, ids in owners.items() if len(ids) == 1}


REGNAL_NUMBER = re.compile(r"[IVXLC]+\.?")


def surname_owners(mentions: Iterable[Mention], lexicon: Lexicon) -> dict[str, set[str]]:
    """The full-name persons of the article that end with each surname."""
    owners: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        if not mention.actor_id.startswith("person:"):
            continue
        keys = surname_keys(mention.text) | lexicon.surname_keys.get(mention.actor_id, set())
        for key in keys:
            owners[key].add(mention.actor_id)
    return owners


def first_name_index(mentions: Iterable[Mention]) -> dict[str, str]:
    """The given name of each full-name person of the article that no other one shares. An
    initial is no given name here: "J." alone, far from "J. C. Boers", names nobody (old papers
    print stray capitals too)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        words = fold_key(mention.text).split(" ")
        if mention.actor_id.startswith("person:") and len(words) > 1 and len(words[0]) > 1:
            owners[words[0]].add(mention.actor_id)
    return {key: next(iter(ids)) for key, ids in owners.items() if len(ids) == 1}


def short_names(mentions: Iterable[Mention]) -> dict[str, str]:
    """'Kestrel Mining' and 'Chrysler' for the 'Kestrel Mining Inc.' and 'Chrysler Corp' that
    the article named in full: a company's name without its legal form."""
    short = {}
    for mention in mentions:
        if mention.actor_id.startswith("organisation:") and mention.layer == "rule:organisation":
            words = fold_key(mention.text).split(" ")
            if len(words) > 1 and words[-1] in LEGAL_FORMS:
                short[" ".join(words[:-1])] = mention.actor_id
    return short


# Words that end a company's full name and that the articles leave off once it is named ("Ford"
# after "Ford Motor Company", "Apple" after "Apple Computer").
COMPANY_WORDS = frozenset("company motor motors computer computers group holding holdings".split())
# A short form at least this everyday (Zipf) is a word, no company ("General" of "General Motors").
EVERYDAY_SHORT = 5.0


def company_short_names(mentions: Iterable[Mention], lexicon: Lexicon, lang: str) -> dict[str, str]:
    """'Ford' for the 'Ford Motor Company' and 'Citigroup' for the 'Citigroup Inc.' that the
    article named in full, listed or not: a company's name without its legal form and the
    company words before it."""
    short = {}
    for mention in mentions:
        if not mention.actor_id.startswith("organisation:"):
            continue
        words = fold_key(mention.text).split(" ")
        full = len(words)
        while len(words) > 1 and words[-1] in LEGAL_FORMS:
            words = words[:-1]
        while True:
            if len(words) < full and (len(words) > 1 or lexicon.zipf(words[0], lang) < EVERYDAY_SHORT):
                short[" ".join(words)] = mention.actor_id
            if len(words) < 2 or words[-1] not in COMPANY_WORDS:
                break
            words = words[:-1]
    return short


# How rare (Zipf, below) the first word of a company's name must be to name it alone: "Bharti"
# of "Bharti Airtel Ltd", not "Royal" of "Royal Mail Holdings".
RARE_FIRST_WORD = 4.0
# Last words of a company's name, besides its legal form and the company words, after which its
# rare first word alone names it ("Dravik" of "Dravik Capital", "Tarkov" of "Tarkov Energy").
TRADE_WORDS = frozenset(
    """
    capital securities partners investments ventures financial bancorp energy petroleum oil mining
    resources steel chemicals industries technologies systems software telecom communications
    networks airlines airways pharmaceuticals laboratories foods brands logistics shipping media
    entertainment electric aerospace automotive stores ratings enterprises electronics
    semiconductor properties breweries metals petrochemicals pharmaceutical therapeutics
    beverages supermarkets instruments
    """.split()
)
COMPANY_ENDS = LEGAL_FORMS | COMPANY_WORDS | TRADE_WORDS


def company_first_words(mentions: Iterable[Mention], lexicon: Lexicon, lang: str) -> dict[str, str]:
    """'Bharti' for the 'Bharti Airtel Ltd' that an English article named in full: the first
    word of a company's name that a legal form or a word of a company's trade ends, when it is a
    rare word, no listed name and no given name, and begins no other of the article's
    organisations."""
    if lang != "en":
        return {}
    owners = _first_word_owners(mentions)
    return {
        word: next(iter(ids))
        for word, ids in owners.items()
        if len(ids) == 1
        and "" not in ids
        and lexicon.zipf(word, lang) < RARE_FIRST_WORD
        and word not in lexicon.entries
        and word not in lexicon.first_names
    }


def _first_word_owners(mentions: Iterable[Mention]) -> dict[str, set[str]]:
    """The organisations each first word of a name of two or more words begins, "" for one that
    no company's word ends."""
    owners: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        if not mention.actor_id.startswith("organisation:"):
            continue
        words = fold_key(mention.text).split(" ")
        if len(words) > 1:
            owners[words[0]].add(mention.actor_id if words[-1] in COMPANY_ENDS else "")
    return owners


def company_towns(mentions: Iterable[Mention], lexicon: Lexicon, lang: str) -> dict[str, str]:
    """'Halden' for the 'Halden Steel' that an English article named in full: the first word of
    a company's name that a word of its trade or a legal form ends, where a list knows the word
    as a town (companies take their town's name); it names the company only where a verb of
    saying follows it, as a town's name seldom does."""
    if lang != "en":
        return {}
    return {
        word: next(iter(ids))
        for word, ids in _first_word_owners(mentions).items()
        if len(ids) == 1
        and "" not in ids
        and (entry := lexicon.entries.get(word)) is not None
        and entry.actor_id.startswith("place:")
    }


def organisation_tails(mentions: Iterable[Mention]) -> dict[str, str]:
    """'Air Force' for the 'United States Air Force' that the article named in full: the last
    words of an organisation's name (two or more), when they end no other of the article's
    organisations."""
    owners: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        if mention.actor_id.startswith("organisation:"):
            words = fold_key(mention.text).split(" ")
            for size in range(2, len(words)):
                owners[" ".join(words[-size:])].add(mention.actor_id)
    return {tail: next(iter(ids)) for tail, ids in owners.items() if len(ids) == 1}


def legislatures(mentions: Sequence[Mention], lexicon: Lexicon) -> dict[str, str]:
    """Whose "Senate", "Kamer" or "Parliament" the article means by the word alone: the one
    body of the article whose name holds the word ("the US Senate ... the Senate", "de
    Tweede Kamer ... de Kamer", "de Kamer van Koophandel ... de Kamer"), or else the one
    listed body of that name of the country the article names most, or else the body that its
    language's news names by the word alone ("de Kamer" in a Dutch article). A word that names
    no such one body stays out: "the Senate" alone is no actor of its own beside every
    country's senate."""
    owners: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        words = fold_key(mention.text).split(" ")
        if mention.actor_id.startswith("organisation:") and len(words) > 1:
            for word in LEGISLATURES.intersection(words):
                owners[word].add(mention.actor_id)
    houses = {word: next(iter(ids)) for word, ids in owners.items() if len(ids) == 1}
    countries = Counter(m.actor_id for m in mentions if m.actor_id.startswith("country:")).most_common(2)
    listed: dict[str, set[str]] = {}
    top = None
    if countries and (len(countries) == 1 or countries[0][1] > countries[1][1]):
        top = countries[0][0]
        listed = _listed_legislatures(lexicon).get(top, {})
    for word, ids in listed.items():
        if word not in owners:
            alone = lexicon.named_alone.get(word)
            # "Kamer" of the Netherlands is the Tweede Kamer, not the Eerste
            house = next(iter(ids)) if len(ids) == 1 else alone if alone in ids else None
            if house is not None:
                houses[word] = house
    # not where the article is about another country ("in Frankrijk ... de Kamer", "uit
    # Parijs meldt men")
    lands = article_lands(mentions, lexicon)
    for word, house in lexicon.named_alone.items():
        home = lexicon.actors[house].country
        if word not in owners and word not in listed and all(n <= lands[home] for c, n in lands.items() if c):
            houses[word] = house
    return houses


def article_lands(mentions: Sequence[Mention], lexicon: Lexicon) -> Counter[str | None]:
    """How often the article names each country, itself or by a place of it."""
    return Counter(
        m.actor_id if m.actor_id.startswith("country:") else lexicon.actors[m.actor_id].country
        for m in mentions
        if m.actor_id.startswith(("country:", "place:")) and m.actor_id in lexicon.actors
    )


# What the government sells, after its word ("Treasury bonds", "Treasury yields").
INSTRUMENT_AFTER = re.compile(r" (?:bonds?|yields?|notes?|bills?|securities|debt|prices)\b")
# Words that alone name the government of the country the article is about ("de Regering"), or
# its ministry of finance ("the Treasury said" in news from Washington).
GOVERNMENT_WORDS = frozenset({"regering", "treasury"})


def governments(mentions: Sequence[Mention], lexicon: Lexicon) -> dict[str, str]:
    """Whose government "de Regering" is: the listed government of that name of the country
    the article names most, and names at all ("In Den Haag ... de Regering"); in an article
    that names no country, or another country more, the word stays no actor."""
    lands = article_lands(mentions, lexicon)
    governing = {}
    for (word, _), body in lexicon.alone_by_country.items():
        home = lexicon.actors[body].country
        if (
            word in GOVERNMENT_WORDS
            and lands[home] > 0
            and all(n < lands[home] for c, n in lands.items() if c != home)
        ):
            governing[word] = body
    return governing


_LEGISLATURES: dict[str, dict[str, dict[str, set[str]]]] = {}  # fingerprint -> country -> word -> ids


def _listed_legislatures(lexicon: Lexicon) -> dict[str, dict[str, set[str]]]:
    """The listed bodies by country and the legislature word their names end with."""
    known = _LEGISLATURES.get(lexicon.fingerprint)
    if known is None:
        known = _LEGISLATURES[lexicon.fingerprint] = {}
        for actor in lexicon.actors.values():
            if actor.type != "organisation" or actor.country is None:
                continue
            for alias in actor.aliases:
                words = fold_key(alias).split(" ")
                if len(words) > 1 and words[-1] in LEGISLATURES:
                    known.setdefault(actor.country, {}).setdefault(words[-1], set()).add(actor.id)
    return known


class Resolved(NamedTuple):
    """An article's actors once its own evidence is weighed."""

    mentions: tuple[Mention, ...]
    actors: tuple[str, ...]
    candidates: tuple[Mention, ...]  # names left untyped, for the archive to settle


def resolve_article(article: Article, found: list[Mention], lexicon: Lexicon, register: Register) -> Resolved:
    """The article's final mentions and actor ids, in text order.

    The whole article is evidence: a surname joins the one full name of the article that ends
    with it, a given name alone the one full name that begins with it, and a name that a cue
    showed to be an actor once ("President Reagan") is that actor wherever else the article
    names it without a cue ("Reagan said" at the start of a sentence)."""
    full = [m for m in found if m.actor_id != "?" and " " in m.text.strip()]
    owners = surname_owners(full, lexicon)
    surnames = {key: next(iter(ids)) for key, ids in owners.items() if len(ids) == 1}
    full_texts: dict[str, set[str]] = defaultdict(set)
    for m in full:
        full_texts[m.actor_id].add(m.text)
    first_names = first_name_index(full)
    # What a rule made of a name is that name wherever else the article leaves it open; but a
    # neighbour in a list says too little to make a place of the surname of the article's
    # own persons ("Sommers, Breda and Tilburg" after "Jan Sommers" and "Piet Sommers").
    # "Het bedrijf Cisco ... Cisco verklaart": a name that a list or a rule made an organisation
    # in the article is that organisation where only a verb of saying after it, or the rarity of
    # its words, made it a person.
    bodies = {
        fold_key(m.text): m.actor_id
        for m in found
        if m.actor_id.startswith("organisation:") and m.layer.startswith(("list:", "rule:organisation"))
    }
    confirmed = {
        fold_key(m.text): m.actor_id
        for m in found
        if m.actor_id != "?"
        and m.layer.startswith("rule:")
        and not (
            m.layer == "rule:enumeration"
            and fold_key(m.text) in owners
            and not m.actor_id.startswith("person:")
        )
        and not (m.layer in WEAK_PERSON_LAYERS and fold_key(m.text) in bodies)
    }
    short = short_names(found) | organisation_tails(found)
    companies = company_short_names(found, lexicon, article.lang)
    confirmed.update(companies)
    confirmed.update(short)
    # "Napoleon" alone after "keizer Napoleon": the given name the title made a name
    titled = {fold_key(m.text): m.actor_id for m in found if m.layer == TITLE_NAME}
    resolved: list[Mention] = []
    unresolved: list[Mention] = []
    extended: list[tuple[int, int]] = []  # the words a surname's mention took in before it
    houses: dict[str, str] | None = None  # whose legislature a word alone names, when asked
    governing: dict[str, str] | None = None  # whose government "de Regering" is, when asked
    first_words: dict[str, str] | None = None  # the companies' first words, when asked
    towns: dict[str, str] | None = None  # the companies' first words that are towns, when asked
    for mention in found:
        company = _company_of_a_word(article.body, mention, companies)
        if company is None and mention.layer in WEAK_PERSON_LAYERS:
            company = _company_of_a_word(article.body, mention, bodies)
        if company is None and _short_of_a_company(mention) and fold_key(mention.text) not in owners:
            # "Bharti said" in the article of "Bharti Airtel Ltd": a speech verb made a person of
            # its first word, or its staff a company of its own, and it is no surname of the
            # article's persons
            if first_words is None:
                first_words = company_first_words(found, lexicon, article.lang)
            company = _company_of_a_word(article.body, mention, first_words)
        if (
            company is None
            and mention.layer == "list:place"
            and PERSON_AFTER.match(article.body, mention.end)
        ):
            # "Halden said" in the article of "Halden Steel": the company, not its town
            if towns is None:
                towns = company_towns(found, lexicon, article.lang)
            company = _company_of_a_word(article.body, mention, towns)
        if company == mention.actor_id:
            company = None
        if company is not None:
            # "Harwick said" or the town of a list, in the article of the Harwick Motor Company
            mention = Mention(company, mention.start, mention.end, mention.text, "resolve:article")
        elif _place_of_a_surname(article.body, mention, owners):
            # "Bram Kessel ... volgens Kessel", "Tilburg, Okafor en Breda ... Jan Okafor": a
            # place that a list or a neighbour in a list made of the surname of the article's
            # own full-name person, nowhere a place word says it is one; of two persons of
            # that surname, a person of its own (which of them, the article does not say)
            key = fold_key(mention.text)
            person = surnames.get(key) or f"person:{slug(mention.text)}"
            mention = Mention(person, mention.start, mention.end, mention.text, "resolve:surname")
        elif (
            mention.actor_id == "?"
            or mention.layer.startswith(("rule:person", "model:"))
            # "as Max Brennan, Calloway, a tall figure": a person only by its neighbour in a list,
            # who is the article's own Jon Calloway whatever other Calloway the archive names
            or (mention.layer == "rule:enumeration" and mention.actor_id.startswith("person:"))
        ):
            key = fold_key(mention.text)
            # "I" and "IX" alone are no surnames of "Willem I" and "Pius IX": a numeral, or a
            # stray capital of a scan
            owner = surnames.get(key) if REGNAL_NUMBER.fullmatch(mention.text) is None else None
            if mention.layer == "candidate:first-name" or (owner is None and " " not in key):
                owner = first_names.get(key)
            if owner and owner != mention.actor_id:
                how = "resolve:surname" if owner == surnames.get(key) else "resolve:first-name"
                start = _full_name_start(article.body, mention, full_texts.get(owner, ()))
                if start < mention.start:
                    extended.append((start, mention.start))
                mention = Mention(owner, start, mention.end, article.body[start : mention.end], how)
            elif mention.layer == "candidate:first-name" and key in titled:
                mention = Mention(titled[key], mention.start, mention.end, mention.text, "resolve:article")
            elif mention.actor_id == "?" and mention.layer == "candidate" and len(owners.get(key, ())) > 1:
                # "Sommers said" after "Jan Sommers" and "Piet Sommers": a person, which of them
                # the article does not say
                mention = Mention(
                    f"person:{slug(mention.text)}",
                    mention.start,
                    mention.end,
                    mention.text,
                    "resolve:surname",
                )
            elif mention.layer == "candidate:organisation" and key in GOVERNMENT_WORDS:
                if INSTRUMENT_AFTER.match(article.body, mention.end) is not None:
                    continue  # "Treasury bonds": what the government sells, no body
                if governing is None:
                    governing = governments(found, lexicon)
                if key not in governing:
                    continue
                mention = Mention(governing[key], mention.start, mention.end, mention.text, "resolve:article")
            elif mention.actor_id == "?":
                # "the Air Force" of the article's "United States Air Force"
                if mention.layer not in ("candidate", "candidate:organisation") or key not in confirmed:
                    if mention.layer == "candidate":
                        unresolved.append(mention)
                    continue
                mention = Mention(confirmed[key], mention.start, mention.end, mention.text, "resolve:article")
        elif mention.layer == "rule:organisation" and fold_key(mention.text) in LEGISLATURES:
            if houses is None:
                houses = legislatures(found, lexicon)
            house = houses.get(fold_key(mention.text))
            if house is None:
                continue
            mention = Mention(house, mention.start, mention.end, mention.text, "resolve:article")
        elif (
            mention.layer == "rule:organisation"
            and short.get(fold_key(mention.text), mention.actor_id) != mention.actor_id
        ):
            # "Kestrel Mining", itself a name of a body, after "Kestrel Mining Inc."
            mention = Mention(
                short[fold_key(mention.text)], mention.start, mention.end, mention.text, "resolve:article"
            )
        resolved.append(mention)
    resolved = one_actor_per_name(article.body, resolved, surnames)
    if extended:  # a given name before the surname is now part of the surname's mention
        resolved = [m for m in resolved if not any(s <= m.start and m.end <= e for s, e in extended)]
        unresolved = [m for m in unresolved if not any(s <= m.start and m.end <= e for s, e in extended)]
    mentions, actors = apply_editor(article, resolved, lexicon, register)
    removed = _removed(article)
    candidates = tuple(m for m in unresolved if not _rejected(m, register, removed, lexicon))
    return Resolved(mentions, actors, candidates)


# How much each layer's evidence says what a name is, where one article types the same name two
# ways: a list of persons, bodies or countries, a cue in the text and the surname of a full name
# the article gives say more than a list's town of that name (a surname, a club), a verb of
# saying, the tagger's guess, or a given name or short name the article's names led to (which
# may stand on an enumeration); a neighbour's kind in an enumeration says least.
_LAYER_WEIGHT = {
    "rule:enumeration": 0,
    "resolve:article": 1,
    "rule:person-cue": 1,
    "rule:rare-name": 1,
    "list:organisation": 3,
    "list:person": 3,
    "resolve:first-name": 1,
}


def _evidence(mention: Mention) -> int:
    layer = mention.layer
    one_word = " " not in mention.text.strip()
    if layer == "list:place":  # a town's name that is also a surname or a club's is weak alone
        return 1 if one_word else 2
    if layer == "list:country":  # "Jordan", "Chad": a country's name that is a surname too
        return 2 if one_word else 3
    return _LAYER_WEIGHT.get(layer, 1 if layer.startswith("model:") else 2)


# The weight of a surname of the article's one full-name person of that surname: more than an
# enumeration's, as much as a list's town of that name or the tagger's guess.
SURNAME_EVIDENCE = 1


def one_actor_per_name(text: str, mentions: list[Mention], surnames: Mapping[str, str]) -> list[Mention]:
    """One name, one actor within an article: where the article's evidence types the same name
    two ways ("Lam" a person by "Carrie Lam", and an organisation by its neighbour in a list;
    "Barra" a person by "Mary Barra", and a town by a list), every mention of it becomes the
    actor of the strongest evidence; the surname of the one full-name person of the article
    that ends with it (`surnames`) is evidence too. A mention whose own words say its type
    stays: a place word before a place ("in Barra"), a title before a person. Of two actors of
    one type that the same evidence gave, the one an acronym's spelled-out name gave wins
    ("NTSB" after "National Transportation Safety Board (NTSB)"). Where the strongest evidence
    gives several actors of different types, the article says too little and the mentions stay
    as they are."""
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.actor_id != "?" and mention.layer != "list:country-adjective":
            by_name[fold_key(mention.text)].append(mention)
    winners: dict[str, str] = {}
    for key, named in by_name.items():
        weighed = [(m.actor_id, _evidence(m)) for m in named]
        if key in surnames:
            weighed.append((surnames[key], SURNAME_EVIDENCE))
        if len({actor_id for actor_id, _ in weighed}) < 2:
            continue
        strongest = max(weight for _, weight in weighed)
        top = {actor_id for actor_id, weight in weighed if weight == strongest}
        if len(top) > 1 and len({a.split(":", 1)[0] for a in top}) == 1:
            top = {m.actor_id for m in named if m.layer == "rule:acronym-expansion"} or top
        if len(top) == 1:
            winners[key] = next(iter(top))
    if not winners:
        return mentions
    kept = []
    for mention in mentions:
        winner = winners.get(fold_key(mention.text)) if mention.actor_id != "?" else None
        if winner is not None and winner != mention.actor_id and not _typed_by_its_words(text, mention):
            mention = Mention(winner, mention.start, mention.end, mention.text, "resolve:article")
        kept.append(mention)
    return kept


# Words before a name that make it a place whatever else the article names so: not "to", "from"
# or "at", which a person and a club take as well ("the weapon went to Rittenhouse").
ONLY_PLACE_WORDS_BEFORE = frozenset("in near nabij te".split())
_GENITIVE = re.compile(r"['’](?:s\b|\s)")


def _typed_by_its_words(text: str, mention: Mention) -> bool:
    """Whether the words around a mention say its type: "in" before a place, unless it owns
    something after it ("in Belgrano's camp"), a title before a person."""
    before = _LAST_WORD.search(text, max(0, mention.start - 20), mention.start)
    word = before.group(1).lower() if before is not None else ""
    if mention.actor_id.startswith("place:"):
        return word in ONLY_PLACE_WORDS_BEFORE and not _GENITIVE.match(text, mention.end)
    return mention.actor_id.startswith("person:") and word in PERSON_TITLES


# Layers whose place a surname of the article may take: a list's one-word place, a neighbour's
# kind in an enumeration.
SURNAME_PLACES = frozenset({"list:place", "rule:enumeration"})
# Words before a name that make it a place after all ("in Kessel", "naar Kessel").
PLACE_WORDS_BEFORE = frozenset("in near nabij te uit naar bij from to at rond around outside".split())
_LAST_WORD = re.compile(r"(\w+)\W*$")


# The layers of a one-word name that a company of the article named in full may take: a
# speech verb after it ("Harwick said") or a list's town of that name.
COMPANY_PLACES = frozenset({"rule:person-cue", "rule:rare-name", "list:place"})
# The layers of a person that no title or given name made one: a verb of saying after the name,
# or words too rare to be anything else.
WEAK_PERSON_LAYERS = frozenset({"rule:person-cue", "rule:rare-name"})


def _short_of_a_company(mention: Mention) -> bool:
    """Whether a mention may be the short name of one of its article's companies: what a speech
    verb made a person, or one word that a rule made an organisation of its own ("Ford shares
    fell" after "Ford Motor Co.")."""
    return mention.layer == "rule:person-cue" or (
        mention.layer == "rule:organisation" and " " not in mention.text.strip()
    )


def _company_of_a_word(text: str, mention: Mention, companies: dict[str, str]) -> str | None:
    """The company whose short name a one-word name of its article is, where only a speech verb
    made it a person, a rule an organisation of its own or a list a place: not after a title
    ("Mr Harwick") or a place word ("in Harwick")."""
    if not (mention.layer in COMPANY_PLACES or _short_of_a_company(mention)) or not companies:
        return None
    company = companies.get(fold_key(mention.text))
    if company is None:
        return None
    before = _LAST_WORD.search(text, max(0, mention.start - 20), mention.start)
    word = before.group(1).lower() if before is not None else ""
    if word in PERSON_TITLES or word in PLACE_WORDS_BEFORE:
        return None
    return company


def _place_of_a_surname(text: str, mention: Mention, surnames: dict[str, set[str]]) -> bool:
    if mention.layer not in SURNAME_PLACES or not mention.actor_id.startswith("place:"):
        return False
    key = fold_key(mention.text)
    if " " in key or key not in surnames:
        return False
    before = _LAST_WORD.search(text, max(0, mention.start - 20), mention.start)
    if before is not None and before.group(1).lower() in PERSON_BEFORE_WORDS:
        return True  # "volgens Kessel", "said Kessel"
    if before is not None and text[max(0, before.start() - 13) : before.end(1)].lower().endswith(
        "according to"
    ):
        return True
    if PERSON_AFTER.match(fold(text[mention.end : mention.end + 40])) is not None:
        return True  # "Kessel zei", "Kessel said"
    # "While Kessel waited": a word that opens sentences is no table's or heading's
    running = before is not None and (
        before.group(1).islower() or before.group(1).lower() in SENTENCE_STARTERS
    )
    if mention.layer == "list:place" and not running:
        return False  # a town of a list in a table or a heading ("257.19 Zwolle.") stays the town
    return before is None or before.group(1).lower() not in PLACE_WORDS_BEFORE


def _full_name_start(text: str, mention: Mention, names: Iterable[str]) -> int:
    """Where a surname's mention begins when the rest of the full name stands right before it
    ("Wang Lixiong" opening a sentence, whose first word the rules cut off as an everyday
    word): the whole name is the mention."""
    for name in names:
        rest = name[: len(name) - len(mention.text)]
        if name.endswith(mention.text) and rest and text[mention.start - len(rest) : mention.start] == rest:
            return mention.start - len(rest)
    return mention.start


def _rejected(mention: Mention, register: Register, removed: set[str], lexicon: Lexicon) -> bool:
    names = {mention.actor_id, fold_key(mention.text)}
    known = lexicon.actors.get(mention.actor_id)
    if known:
        names.add(fold_key(known.name))
    return bool(names & (register.reject | removed))


def _removed(article: Article) -> set[str]:
    """What the article's front matter says is no actor: ids, and names folded."""
    return {x if ":" in x else fold_key(x) for x in article.corrections.get("not_actors", ())}


class Edited(NamedTuple):
    """An article's mentions and actor ids once the editor's word is applied."""

    mentions: tuple[Mention, ...]
    actors: tuple[str, ...]


def apply_editor(article: Article, mentions: list[Mention], lexicon: Lexicon, register: Register) -> Edited:
    """The register's merges and rejects, then the article's own additions and removals."""
    removed = _removed(article)
    kept = []
    rejecting = bool(register.reject or removed)
    for mention in mentions:
        target = register.merge.get(mention.actor_id, mention.actor_id)
        if target != mention.actor_id:
            mention = Mention(target, mention.start, mention.end, mention.text, mention.layer)
        if not (rejecting and _rejected(mention, register, removed, lexicon)):
            kept.append(mention)
    kept.sort(key=lambda m: (m.start, m.end))
    actor_ids = list(dict.fromkeys(m.actor_id for m in kept))
    for key, kind in CORRECTION_TYPES.items():
        for name in article.corrections.get(key, ()):
            actor_id = editor_actor_id(name, kind, lexicon)
            actor_id = register.merge.get(actor_id, actor_id)
            if actor_id not in actor_ids:
                actor_ids.append(actor_id)
    return Edited(tuple(kept), tuple(actor_ids))


def editor_actor_id(name: str, kind: str, lexicon: Lexicon) -> str:
    """The actor an editor means by a name: a known alias of that type, else a new actor."""
    if name.startswith(f"{kind}:"):
        return name
    entry = lexicon.entries.get(fold_key(name))
    if entry and entry.actor_id.startswith(f"{kind}:"):
        return entry.actor_id
    return f"{kind}:{slugify(name) or fold_key(name).replace(' ', '-')}"


@dataclass
class ActorStats:
    """What the archive knows of one actor after all articles are resolved."""

    actor: Actor
    articles: list[str] = field(default_factory=list)  # article ids
    mentions: int = 0
    # Every name of the actor: display name, aliases seen and, for listed actors, every alias in
    # every language. What the actor page shows and what search matches by name.
    names: tuple[str, ...] = ()


_actor_text_and_layer = itemgetter(0, 3, 4)  # of a Mention


def resolve_archive(articles: Iterable[Article], lexicon: Lexicon) -> dict[str, ActorStats]:
    """One entry per actor id: display name, aliases seen, articles and mention counts."""
    seen: dict[str, list[str]] = defaultdict(list)
    named: Counter = Counter()  # (actor id, text as written, layer) -> mentions; counted in C
    for article in articles:
        named.update(map(_actor_text_and_layer, article.mentions))
        for actor_id in article.actors:
            seen[actor_id].append(article.id)
    by_actor: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
    for (actor_id, text, layer), number in named.items():
        by_actor[actor_id][text, layer] = number
    return {
        actor_id: actor_stats(actor_id, by_actor.get(actor_id, {}), ids, lexicon)
        for actor_id, ids in seen.items()
    }


def actor_stats(
    actor_id: str, named: dict[tuple[str, str], int], article_ids: list[str], lexicon: Lexicon
) -> ActorStats:
    """One actor's entry from its mentions counted by (text as written, layer) and its articles
    in the archive's order: what `resolve_archive` makes of each, and what a build that keeps the
    last build's resolution makes again for the actors a change touched."""
    texts: Counter = Counter()
    own: set[str] = set()  # the texts not taken from another full name
    count = 0
    for (text, layer), number in named.items():
        text = " ".join(text.split())
        texts[text] += number
        count += number
        if layer != VARIANT_LAYER:
            own.add(text)
    kind = actor_id.split(":", 1)[0]
    known = lexicon.actors.get(actor_id)
    aliases = tuple(sorted(texts))
    if known:
        actor = Actor(actor_id, known.type, known.name, aliases, known.country)
    else:
        # An actor the rules found: named as the articles name it most, full names first
        # and its own before those of the names that joined it (`join_variants` chose it);
        # a tie goes to the form that sorts last (mixed case before capitals), never to the
        # article read first, so the name does not depend on the order of the articles.
        # A company's names differ by their legal form only: named as the articles name it
        # once it is known ("Citigroup", not "Citigroup Inc"), as `organisation_id` joins them.
        bare = {text for text in texts if kind != "organisation" or f"{kind}:{slug(text)}" == actor_id}
        name = (
            max(
                texts,
                key=lambda text: (text in bare, " " in text, text in own, texts[text], len(text), text),
            )
            if texts
            else actor_id.split(":", 1)[1].replace("-", " ").title()
        )
        actor = Actor(actor_id, kind, best_cased(name, texts, kind), aliases)
    names = tuple(sorted({actor.name, *aliases, *(known.aliases if known else ())}))
    return ActorStats(actor, article_ids, count, names)


_CAPITALS = re.compile(r"[^\W\d_]{2,}")
_ROMAN_NUMERAL = re.compile(r"[IVXLCDM]+")


def best_cased(name: str, texts: Iterable[str], kind: str) -> str:
    """The actor's name as the site shows it, not shouted: old papers print the signatures of
    notices in capitals ("W. BERGMANS"), and a word in capitals is no acronym in a person's
    name. A word in capitals takes the case the actor's other names give it ("W. Bergmans",
    "Sichterman"); a person's word that no other name writes otherwise is capitalised, its
    particles lowered ("P. VAN DIJK": "P. van Dijk"). A regnal number stays ("Willem III"), and
    so does an organisation's or a place's word that no other name writes otherwise ("BBC").
    A person's surname alone opens with a capital, as Dutch writes it without a given name
    before it ("de Jonge": "De Jonge")."""
    shouted = [m for m in _CAPITALS.finditer(name) if m.group().isupper()]
    if kind == "person":
        name = _capital_particle(name)
    if not shouted:
        return name
    cased: dict[str, str] = {}  # folded word -> as another name writes it, not in capitals
    for text in texts:
        for word in _CAPITALS.findall(text):
            if not word.isupper():
                cased.setdefault(fold(word), word)
    pieces, done = [], 0
    for number, match in enumerate(shouted):
        word = match.group()
        folded = fold(word)
        if folded in cased:
            word = cased[folded]
        elif kind == "person" and not _ROMAN_NUMERAL.fullmatch(word):
            first = number == 0 and not name[: match.start()].strip()
            word = folded if folded in NAME_PARTICLES and not first else word.capitalize()
        pieces += [name[done : match.start()], word]
        done = match.end()
    pieces.append(name[done:])
    return "".join(pieces)


def _capital_particle(name: str) -> str:
    from .rules import NAME_PARTICLES

    first, _, rest = name.partition(" ")
    if rest and first in NAME_PARTICLES and first[:1].isalpha():
        return f"{first[0].upper()}{first[1:]} {rest}"
    return name


# --- across the archive: one actor per person -----------------------------------------------

# A full name covers the articles of its own period and this much before and after: a surname
# alone in an article of another decade is more likely someone else of that name.
PERIOD_MARGIN = dt.timedelta(days=2 * 365 + 1)
SURNAME_LAYER = "resolve:archive-surname"
FIRST_NAME_LAYER = "resolve:archive-first-name"


class Candidate(NamedTuple):
    """A full-name person a bare surname could be."""

    id: str
    name: str  # as the site shows it


@dataclass(frozen=True)
class Ambiguous:
    """A name held apart: a bare surname that ends the full names of several persons of its
    period, or a full name that could be several of them ("J. Bakker": "Jan" or "Joost")."""

    surname: str  # as the articles write it most
    actor_id: str  # the actor it stays
    articles: int  # articles where it stayed apart
    candidates: tuple[Candidate, ...]  # by name


ROMAN = frozenset("ivx")  # "Leopold I", "Karel V": a regnal number, not an initial


class _Name(NamedTuple):
    kind: str  # "full" (given name and surname), "bare" (surname alone), "weak" (given names, initials)
    key: str  # folded, particles kept: "de jonge"
    words: tuple[str, ...]
    surnames: frozenset[str]  # of a full name: how it is named again ("de jonge", "jonge")


@functools.lru_cache(maxsize=1 << 18)
def _name_class(text: str, first_names: frozenset[str]) -> _Name:
    from .rules import NAME_PARTICLES

    words = tuple(fold_key(text).split(" "))
    # Particles lead a bare surname ("Van der Berg"); after a given name they are inside it.
    lead = 0
    while lead < len(words) - 1 and words[lead] in NAME_PARTICLES:
        lead += 1
    if len(words) == 1:
        weak = words[0] in first_names or len(words[0]) == 1  # "John", "J"
    else:  # given names and a trailing initial ("George W"); not "Leopold I", not "A. Olivier"
        last = words[-1]
        weak = (
            words[0] in first_names
            and len(last) == 1
            and last not in ROMAN
            and all(w in first_names or len(w) == 1 for w in words)
        )
    if weak:
        kind = "weak"
    elif len(words) - lead == 1:
        kind = "bare"
    else:
        kind = "full"
    surnames = frozenset({" ".join(words[1:]), words[-1]}) if kind == "full" else frozenset()
    return _Name(kind, " ".join(words), words, surnames)


def _common_word(text: str, body: str) -> bool:
    """A one-word name the article itself also writes in lower case ("they", "brown") is a
    word of the language, not evidence of a person."""
    word = text.strip()
    lower = word.lower()
    return " " not in word and lower != word and occurs_as_word(body, lower)


class SurnamesJoined(NamedTuple):
    articles: list[Article]
    ambiguous: list[Ambiguous]  # the surnames left apart, which several full names end with


class SurnameFacts(NamedTuple):
    """What one article tells `join_surnames` about the archive's persons before any is joined:
    the archive's totals are the sum of every article's, so a build that keeps them from the
    last build adds and takes away only the facts of the articles that changed."""

    people: tuple[str, ...]  # its persons: articles per person
    keys: tuple[tuple[str, str], ...]  # (person, surname key) of its full names and listed persons
    texts: tuple[tuple[str, str], ...]  # (person, full name as written), one per mention
    particles: tuple[tuple[str, str, str], ...]  # (person, surname, surname with its particles)
    added: tuple[str, ...]  # persons the editor added without a mention: the editor's
    named: tuple[str, ...]  # persons named in full or listed: the span of their articles
    date: dt.date | None
    # What the article's join depends on besides its own text: the bare surnames it looks up.
    bare: tuple[str, ...]


def surname_facts(article: Article, lexicon: Lexicon) -> SurnameFacts:
    first_names = lexicon.first_names
    people = {a for a in article.actors if a.startswith("person:")}
    if not people:
        return SurnameFacts((), (), (), (), (), (), article.date, ())
    keys: set[tuple[str, str]] = set()
    texts: list[tuple[str, str]] = []
    particles: set[tuple[str, str, str]] = set()
    named: dict[str, None] = {}
    mentioned = set()
    bare = set()
    for mention in article.mentions:
        actor_id = mention.actor_id
        if actor_id not in people:
            continue
        mentioned.add(actor_id)
        if actor_id in lexicon.actors:
            keys.update((actor_id, key) for key in lexicon.surname_keys.get(actor_id, ()))
            named[actor_id] = None
            continue
        name = _name_class(mention.text, first_names)
        if name.kind == "full":
            keys.update((actor_id, key) for key in name.surnames)
            texts.append((actor_id, mention.text))
            named[actor_id] = None
        elif name.kind == "bare":
            bare.add(name.key)
            if len(name.words) > 1:
                # "van Zegwaard": a surname with its particles, which "Zegwaard" alone may be
                particles.add((actor_id, name.words[-1], name.key))
                texts.append((actor_id, mention.text))
                named[actor_id] = None
    return SurnameFacts(
        tuple(sorted(people)),
        tuple(sorted(keys)),
        tuple(texts),
        tuple(sorted(particles)),
        tuple(sorted(people - mentioned)),
        tuple(named),
        article.date,
        tuple(sorted(bare)),
    )


@dataclass
class SurnameTotals:
    """The sum of every article's `SurnameFacts`, counted so that an article's can be taken
    away again. Plain dicts of counts, which a pickle gives back quicker than Counters."""

    named_in: dict[str, int] = field(default_factory=dict)  # person -> articles
    keys: dict[str, dict[str, int]] = field(default_factory=dict)  # person -> surname key -> articles
    texts: dict[str, dict[str, int]] = field(default_factory=dict)  # person -> full name -> mentions
    particles: dict[str, dict[tuple[str, str], int]] = field(default_factory=dict)  # (surname, whole)
    added: dict[str, int] = field(default_factory=dict)  # person -> articles the editor added it to
    named: dict[str, int] = field(default_factory=dict)  # person -> articles naming it in full
    dates: dict[str, dict[dt.date, int]] = field(default_factory=dict)  # person -> date -> such articles

    def add(self, facts: SurnameFacts, sign: int = 1) -> None:
        """Count an article's facts in (`sign` 1) or out (-1)."""
        for actor_id in facts.people:
            count(self.named_in, actor_id, sign)
        for actor_id in facts.added:
            count(self.added, actor_id, sign)
        for actor_id in facts.named:
            count(self.named, actor_id, sign)
        for actor_id, key in facts.keys:
            _count_in(self.keys, actor_id, key, sign)
        for actor_id, text in facts.texts:
            _count_in(self.texts, actor_id, text, sign)
        for actor_id, surname, whole in facts.particles:
            _count_in(self.particles, actor_id, (surname, whole), sign)
        if facts.date is not None:
            for actor_id in facts.named:
                _count_in(self.dates, actor_id, facts.date, sign)


def count(counts: dict, item: object, sign: int) -> None:
    """`counts[item] += sign`, without the items counted down to nothing."""
    number = counts.get(item, 0) + sign
    if number:
        counts[item] = number
    else:
        del counts[item]


def _count_in(table: dict[str, dict], actor_id: str, item: object, sign: int) -> None:
    counts = table.get(actor_id)
    if counts is None:
        counts = table[actor_id] = {}
    count(counts, item, sign)
    if not counts:
        del table[actor_id]


class SurnameTables(NamedTuple):
    """What the archive's totals say every article's surnames are: the variants of one person
    joined, and who owns each surname in which period."""

    targets: dict[str, str]  # actor id -> the actor its variant of the name joins
    variant_ambiguous: list[Ambiguous]
    owners: dict[str, frozenset[str]]  # surname key -> the full-name persons it may be
    spans: dict[str, tuple[Any, Any]]  # first and last date (None: undated), the variants joined
    fixed: frozenset[str]  # the lists' and the editor's persons, never joined


def register_ids(register: Register) -> set[str]:
    """The ids the editor's register names: never joined by surname or as a variant."""
    return set(register.merge) | set(register.merge.values()) | {e.id for e in register.entries}


def surname_display(actor_id: str, totals: SurnameTotals, lexicon: Lexicon) -> str:
    known = lexicon.actors.get(actor_id)
    if known:
        return known.name
    forms: Counter = Counter()
    for text, number in totals.texts.get(actor_id, {}).items():
        forms[" ".join(text.split())] += number
    if not forms:
        return actor_id
    return best_cased(max(forms, key=lambda text: (forms[text], text)), forms, "person")


@dataclass
class NameForms:
    """Each person's name as `join_variants` reads it and each group's joins: what
    `surname_tables` makes per person and per group, kept so that a build that knows which
    persons' facts changed makes them again for those only."""

    shown: dict[str, str] = field(default_factory=dict)  # person -> name as shown (not the editor's)
    forms: dict[str, _Variant] = field(default_factory=dict)  # full names split: the variants
    groups: dict[tuple[str, str], VariantsJoined] = field(default_factory=dict)  # `variant_groups`


def surname_tables(
    totals: SurnameTotals,
    lexicon: Lexicon,
    register: Register,
    kept: NameForms | None = None,
    changed: Collection[str] = (),
) -> tuple[SurnameTables, NameForms]:
    """The tables of the archive's totals. With `kept` (the last tables' `NameForms`, which it
    updates) only the persons in `changed` (every person whose facts changed) and their groups
    are made again; the rest of each table is the same either way."""
    first_names = lexicon.first_names
    editor = register_ids(register)
    fixed = frozenset(lexicon.actors.keys() | editor)  # the lists' and the editor's persons are theirs
    editor |= totals.added.keys()  # a person the editor added to an article by hand is the editor's too
    spans: dict[str, tuple[Any, Any]] = {
        a: (min(dates), max(dates)) if (dates := totals.dates.get(a)) else (None, None) for a in totals.named
    }

    def variant_of(actor_id: str, name: str) -> _Variant | None:
        # Listed persons and full names take part, by their name split (`join_variants`).
        if actor_id in lexicon.actors or _name_class(name, first_names).kind == "full":
            return _variant(name)
        return None

    touched: set[tuple[str, str]] = set()
    if kept is None:
        # First the full names of one person become one, so that their surname is no longer
        # ambiguous between them.
        kept = NameForms()
        kept.shown = {a: surname_display(a, totals, lexicon) for a in spans if a not in editor}
        kept.forms = {a: form for a, name in kept.shown.items() if (form := variant_of(a, name)) is not None}
    else:
        for actor_id in changed:
            before = kept.forms.pop(actor_id, None)
            if before is not None:
                touched.add((before.bare, before.suffix))
            kept.shown.pop(actor_id, None)
            if actor_id in spans and actor_id not in editor:
                name = kept.shown[actor_id] = surname_display(actor_id, totals, lexicon)
                form = variant_of(actor_id, name)
                if form is not None:
                    kept.forms[actor_id] = form
                    touched.add((form.bare, form.suffix))
    groups = {}
    targets: dict[str, str] = {}
    ambiguous: list[Ambiguous] = []
    for group, members in variant_groups(kept.forms).items():
        joined = kept.groups.get(group) if group not in touched else None
        if joined is None:
            joined = join_variant_group(
                members,
                kept.forms,
                kept.shown,
                spans,
                totals.named_in,
                lexicon.actors.keys(),
                lexicon.nicknames,
            )
        groups[group] = joined
        targets.update(joined.targets)
        ambiguous += joined.ambiguous
    kept.groups = groups

    keys = {a: set(counter) for a, counter in totals.keys.items()}
    with_particles = {a: set(counter) for a, counter in totals.particles.items()}
    for source, target in targets.items():
        keys.setdefault(target, set()).update(keys.pop(source, set()))
        with_particles.setdefault(target, set()).update(with_particles.pop(source, set()))
        both = [d for d in (*spans.pop(source), *spans[target]) if d is not None]
        spans[target] = (min(both), max(both)) if both else (None, None)

    owners: dict[str, set[str]] = defaultdict(set)
    for actor_id, surnames in keys.items():
        for key in surnames:
            owners[key].add(actor_id)
    for actor_id, pairs in with_particles.items():
        for key, whole in pairs:
            # A full name that has the particles too ("Jan van Zegwaard") is who both are.
            if actor_id not in owners[key] and not any(whole in keys.get(other, ()) for other in owners[key]):
                owners[key].add(actor_id)
    tables = SurnameTables(
        targets, ambiguous, {key: frozenset(ids) for key, ids in owners.items() if ids}, spans, fixed
    )
    return tables, kept


class Held(NamedTuple):
    """A bare surname an article leaves apart: several full names of its period end with it."""

    actor_id: str
    candidates: frozenset[str]
    texts: tuple[str, ...]  # as the article writes it, one per mention


class ArticleJoined(NamedTuple):
    article: Article  # the same object when nothing joined
    held: tuple[Held, ...]


def join_article_surnames(article: Article, tables: SurnameTables, lexicon: Lexicon) -> ArticleJoined:
    """One article's persons joined to the full names the archive's tables give them."""
    first_names = lexicon.first_names
    targets, owners, spans, fixed = tables.targets, tables.owners, tables.spans, tables.fixed

    def in_period(actor_id: str, date: dt.date | None) -> bool:
        low, high = spans[actor_id]
        return date is None or low is None or low - PERIOD_MARGIN <= date <= high + PERIOD_MARGIN

    if not targets.keys().isdisjoint(article.actors):
        joined = {a: _Remap(targets[a], VARIANT_LAYER) for a in article.actors if a in targets}
        article = _remap(article, joined)
    by_actor: dict[str, list[tuple[str, _Name]]] = defaultdict(list)
    people = {a for a in article.actors if a.startswith("person:") and a not in fixed}
    titled = set()  # "keizer Napoleon": a given name that a regnal title made a name
    for mention in article.mentions if people else ():
        if mention.actor_id in people:
            by_actor[mention.actor_id].append((mention.text, _name_class(mention.text, first_names)))
            if mention.layer == TITLE_NAME:
                titled.add(mention.actor_id)
    if not by_actor:
        return ArticleJoined(article, ())
    added = set(article.actors) - {m.actor_id for m in article.mentions}
    mapping: dict[str, _Remap] = {}  # by the actor id it replaces
    held: list[Held] = []
    for actor_id, names in by_actor.items():
        kinds = {name.kind for _, name in names}
        if "full" in kinds or actor_id in added or actor_id in titled:
            continue
        if kinds == {"bare"} and not any(_common_word(text, article.body) for text, _ in names):
            found = {o for _, n in names for o in owners.get(n.key, ()) if o != actor_id}
            found = {o for o in found if in_period(o, article.date)}
            if len(found) == 1:
                mapping[actor_id] = _Remap(found.pop(), SURNAME_LAYER)
            elif found:
                held.append(Held(actor_id, frozenset(found), tuple(text for text, _ in names)))
            continue
        # Given names, initials, common words: only a full name of this article may claim them.
        own = _own_full_name(article, [n for _, n in names], lexicon, first_names)
        mapping[actor_id] = _Remap(own, FIRST_NAME_LAYER)
    return ArticleJoined(_remap(article, mapping) if mapping else article, tuple(held))


def surname_ambiguities(
    tables: SurnameTables, held: Iterable[Held], totals: SurnameTotals, lexicon: Lexicon
) -> list[Ambiguous]:
    """The names held apart: the variants that could be several persons, and the bare surnames
    of several full names (`held` in the articles' order)."""
    candidates: dict[str, set[str]] = defaultdict(set)  # bare actor id -> candidates
    held_in: Counter = Counter()
    held_texts: dict[str, Counter] = defaultdict(Counter)
    for one in held:
        candidates[one.actor_id] |= one.candidates
        held_in[one.actor_id] += 1
        held_texts[one.actor_id].update(one.texts)
    ambiguous = tables.variant_ambiguous + [
        Ambiguous(
            best_cased(
                max(held_texts[a], key=lambda text: (held_texts[a][text], text)), held_texts[a], "person"
            ),
            a,
            held_in[a],
            tuple(
                sorted(
                    (Candidate(c, surname_display(c, totals, lexicon)) for c in found), key=itemgetter(1, 0)
                )
            ),
        )
        for a, found in candidates.items()
    ]
    ambiguous.sort(key=lambda item: (-item.articles, item.actor_id))
    return ambiguous


def join_surnames(articles: list[Article], lexicon: Lexicon, register: Register) -> SurnamesJoined:
    """The full names of one person become one actor (`join_variants`: "R. Thorbecke", "J. R.
    Thorbecke" and "Johan Rudolph Thorbecke"; the mentions keep their text and get the layer
    `VARIANT_LAYER`), so that its surname is no longer shared between them. Then every person
    named by surname alone joins the one full-name person of the archive whose
    surname it is, in the same period (the articles that name them in full, with a margin of
    `PERIOD_MARGIN`; an undated article, or a person named only in undated ones, matches any).

    Archive-wide, so it runs on the analysed articles of every build, cached or not: an
    incremental build gives what a full one does. The mention keeps the article's text; its actor
    becomes the full-name person's and its layer says so. Two or more full names ending in the
    surname: it stays apart and is returned as ambiguous. A lone given name, initial or common
    word is never a person on its own: it joins a full name of its own article that begins or
    ends with it, else it is dropped. The register wins: ids it names (an `actors` entry, either
    side of a `merge`, so `person:reagan: person:reagan` keeps Reagan apart, and the persons it
    added to an article) are never joined, and its rejects and merges were applied before.
    Returns the articles (new objects for those that changed) and the names held apart.

    Made of three steps that `incremental` also runs on a part of the archive: each article's
    `SurnameFacts` summed into `SurnameTotals`, the `SurnameTables` made of them, and each
    article joined by them (`join_article_surnames`)."""
    totals = SurnameTotals()
    for article in articles:
        totals.add(surname_facts(article, lexicon))
    tables, _ = surname_tables(totals, lexicon, register)
    joined = [join_article_surnames(article, tables, lexicon) for article in articles]
    held = [one for result in joined for one in result.held]
    return SurnamesJoined(
        [result.article for result in joined], surname_ambiguities(tables, held, totals, lexicon)
    )


# --- across the archive: one actor for the variants of a full name --------------------------

VARIANT_LAYER = "resolve:archive-variant"
# What ends a name without being part of it, and sets the person apart from one of the same
# name: a father and his son, a second of the name. "Leopold I" has no given name left.
NAME_SUFFIXES = frozenset("jr jnr sr snr junior senior ii iii iv vi vii viii".split())


class _Variant(NamedTuple):
    given: tuple[str, ...]  # given names and initials, folded: ("j", "rudolph")
    surname: str  # with its particles: "de jonge"
    suffix: str  # "jr", "ii"; "" without
    bare: str  # the surname without its particles: "jonge"


@functools.lru_cache(maxsize=1 << 16)
def _variant(text: str) -> _Variant | None:
    """A full name split into given names, surname and suffix; None when no given name is left."""
    from .rules import NAME_PARTICLES

    words = fold_key(text).split(" ")
    suffix = words.pop() if len(words) > 2 and words[-1] in NAME_SUFFIXES else ""
    start = len(words) - 1
    while start > 1 and words[start - 1] in NAME_PARTICLES:  # "de jonge", "von der leyen"
        start -= 1
    if start < 1:
        return None
    bare = start
    while bare < len(words) - 1 and words[bare] in NAME_PARTICLES:
        bare += 1
    return _Variant(tuple(words[:start]), " ".join(words[start:]), suffix, " ".join(words[bare:]))


def _same_given(a: str, b: str, nicknames: Collection[tuple[str, str]] = ()) -> bool:
    """The same given name, an initial and a name that begins with it, or a name and its short
    form ("William" and "Bill")."""
    return (
        a == b
        or (len(a) == 1 and b.startswith(a))
        or (len(b) == 1 and a.startswith(b))
        or (a, b) in nicknames
    )


def _named_later(short: str, long: str) -> bool:
    """A given name of the shorter name, past the longer one's first: the same name, or its
    initial. Not a name for an initial: the "D." of "Timothy D. Cook" is no "Dan"."""
    return short == long or (len(short) == 1 and long.startswith(short))


def _compatible(a: _Variant, b: _Variant, nicknames: Collection[tuple[str, str]] = ()) -> bool:
    """Two full names one person can have: the same surname (or the same but for particles
    one of them leaves out: "Hugo Jonge", "Hugo de Jonge") and suffix, and the shorter run of
    given names is a run of the longer, name by name or initial by name. At the start ("Ronald"
    of "Ronald W.", "J. R." of "Johan Rudolph") or later ("Wayan" of "I Wayan", "R." of "Johan
    Rudolph"), never with a name left out in between: "George W." is no "George H. W."."""
    if a.bare != b.bare or a.suffix != b.suffix:
        return False
    if a.surname != b.surname and a.bare not in (a.surname, b.surname):
        return False  # "Hugo Jonge" may be "Hugo de Jonge", but "van Dijk" is no "van der Dijk"
    short, long = sorted((a.given, b.given), key=len)
    return all(_same_given(x, y, nicknames) for x, y in zip(short, long, strict=False)) or any(
        all(map(_named_later, short, long[offset:])) for offset in range(1, len(long) - len(short) + 1)
    )


def _precedence(actor_id: str, form: _Variant, articles: int) -> tuple[bool, int, int, int, str]:
    """First the name written with its particles ("Hugo de Jonge", not "Hugo Jonge"), then the
    name of the most articles."""
    initials = sum(len(word) == 1 for word in form.given)
    return form.surname != form.bare, articles, -initials, -len(form.given), actor_id


class VariantsJoined(NamedTuple):
    targets: dict[str, str]  # actor id -> the actor its variant of the name joins
    ambiguous: list[Ambiguous]  # variants that could be several persons of the archive


def join_variants(
    names: dict[str, str],
    spans: Mapping[str, Sequence[Any]],
    articles: Mapping[str, int],
    listed: Collection[str],
    nicknames: Collection[tuple[str, str]] = (),
) -> VariantsJoined:
    """The full names of one person ("R. Thorbecke", "J. R. Thorbecke", "Johan Rudolph
    Thorbecke") as one actor. Names of a surname that one person can have and that are named
    in the same period are linked; a linked group joins when every two of its names are
    compatible, into its listed person or else the name with the most articles. A group with
    two names that cannot be one person ("J. Smith" beside "John" and "James Smith") stays
    apart: the names linked to several of them are returned as ambiguous. `names`: each
    person's full name as shown; `spans`: their dated articles' first and last date;
    `articles`: how many articles name them; `listed`: the lists' persons, which never join
    another; `nicknames`: given names and their short forms, both ways ("William", "Bill")."""
    forms = {a: form for a, name in names.items() if (form := _variant(name)) is not None}
    targets: dict[str, str] = {}
    ambiguous = []
    for members in variant_groups(forms).values():
        joined = join_variant_group(members, forms, names, spans, articles, listed, nicknames)
        targets.update(joined.targets)
        ambiguous += joined.ambiguous
    return VariantsJoined(targets, ambiguous)


def variant_groups(forms: Mapping[str, _Variant]) -> dict[tuple[str, str], list[str]]:
    """The full names by surname (without particles) and suffix, each group's ids sorted: only
    names of one group can be one person."""
    by_surname: dict[tuple[str, str], list[str]] = defaultdict(list)
    for actor_id in sorted(forms):
        by_surname[forms[actor_id].bare, forms[actor_id].suffix].append(actor_id)
    return by_surname


def join_variant_group(
    members: list[str],
    forms: Mapping[str, _Variant],
    names: Mapping[str, str],
    spans: Mapping[str, Sequence[Any]],
    articles: Mapping[str, int],
    listed: Collection[str],
    nicknames: Collection[tuple[str, str]] = (),
) -> VariantsJoined:
    """`join_variants` of one group of `variant_groups`: what it gives depends on its members'
    names, spans and articles only."""

    def together(a: str, b: str) -> bool:
        (low_a, high_a), (low_b, high_b) = spans.get(a, (None, None)), spans.get(b, (None, None))
        if low_a is None or low_b is None:
            return True
        return low_a - PERIOD_MARGIN <= high_b and low_b - PERIOD_MARGIN <= high_a

    targets: dict[str, str] = {}
    ambiguous: list[Ambiguous] = []
    if len(members) < 2:
        return VariantsJoined(targets, ambiguous)
    linked: dict[str, set[str]] = defaultdict(set)
    for n, a in enumerate(members):
        for b in members[n + 1 :]:
            if _compatible(forms[a], forms[b], nicknames) and together(a, b):
                linked[a].add(b)
                linked[b].add(a)
    seen: set[str] = set()
    for first in sorted(linked):
        if first in seen:
            continue
        group, todo = {first}, [first]
        while todo:
            for other in linked[todo.pop()] - group:
                group.add(other)
                todo.append(other)
        seen |= group
        ordered = sorted(group)
        clash = any(
            not _compatible(forms[a], forms[b], nicknames)
            for n, a in enumerate(ordered)
            for b in ordered[n + 1 :]
        )
        if clash:
            for actor_id in ordered:
                near = sorted(linked[actor_id])
                if any(not _compatible(forms[a], forms[b], nicknames) for a in near for b in near):
                    candidates = sorted((Candidate(c, names[c]) for c in near), key=itemgetter(1, 0))
                    ambiguous.append(
                        Ambiguous(names[actor_id], actor_id, articles[actor_id], tuple(candidates))
                    )
            continue
        lists = [a for a in ordered if a in listed]
        if len(lists) > 1:
            continue  # the lists' persons are theirs
        # The name with the most articles; on a tie the one with fewer initials, then the
        # shorter ("Ronald Reagan" rather than "Ronald W. Reagan"), then the id: never the
        # order of the articles.
        target = lists[0] if lists else max(ordered, key=lambda a: _precedence(a, forms[a], articles[a]))
        targets.update((a, target) for a in ordered if a != target)
    return VariantsJoined(targets, ambiguous)


class _Remap(NamedTuple):
    target: str | None  # the actor that takes the mentions over; None: they are dropped
    layer: str  # what the taken-over mentions were found by


def _remap(article: Article, mapping: dict[str, _Remap]) -> Article:
    """The article with the mentions of each mapped actor given to its new actor (or dropped)."""

    def target(actor_id: str) -> str | None:
        return mapping[actor_id].target if actor_id in mapping else actor_id

    mentions = []
    for m in article.mentions:
        remap = mapping.get(m.actor_id)
        if remap is None:
            mentions.append(m)
        elif remap.target is not None:
            mentions.append(Mention(remap.target, m.start, m.end, m.text, remap.layer))
    actors = tuple(dict.fromkeys(t for t in map(target, article.actors) if t is not None))
    return replace(article, mentions=tuple(mentions), actors=actors)


def _own_full_name(
    article: Article, names: list[_Name], lexicon: Lexicon, first_names: frozenset[str]
) -> str | None:
    """The one person of the article whose full name begins with the given names ("George W"
    in "George W. Bush") or ends with the word; None when there is none or several."""
    found = set()
    for mention in article.mentions:
        if not mention.actor_id.startswith("person:"):
            continue
        full = _name_class(mention.text, first_names)
        if len(full.words) < 2 or (full.kind != "full" and mention.actor_id not in lexicon.actors):
            continue
        for name in names:
            size = len(name.words)
            if size < len(full.words) and name.words in (full.words[:size], full.words[-size:]):
                found.add(mention.actor_id)
    return found.pop() if len(found) == 1 else None


# --- across the archive: a name shown to be an actor once is that actor everywhere -----------

NAME_LAYER = "resolve:archive-name"
# The layers of the mentions that the archive-wide steps (`join_names`, `join_surnames`) give or
# take: what else an article's mentions are follows from its own text and the analysis version.
ARCHIVE_LAYERS = frozenset({NAME_LAYER, VARIANT_LAYER, SURNAME_LAYER, FIRST_NAME_LAYER})
# Rules whose evidence types a name for good: what they found in one article types the same
# name where another article gave no evidence. Not the weaker ones ("in X" is a place, names
# listed together are of one kind): one slip of theirs would spread over the archive.
TYPING_LAYERS = frozenset(
    {"rule:organisation", "rule:acronym-expansion", "rule:first-name", "rule:person-cue", "rule:rare-name"}
)
# A one-word name at least this everyday (Zipf) is not taken from another article.
EVERYDAY_NAME = 4.0


def typed_names(article: Article) -> frozenset[tuple[str, str]]:
    """The names (folded) the article's strong evidence typed, with the actor each became."""
    typed = {(fold_key(m.text), m.actor_id) for m in article.mentions if m.layer in TYPING_LAYERS}
    typed.update(short_names(article.mentions).items())  # "Tolbrook" of "Tolbrook Inc."
    return frozenset(typed)


def unique_names(typed: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The names that every article typing them made the same actor."""
    ids: dict[str, set[str]] = defaultdict(set)
    for key, actor_id in typed:
        ids[key].add(actor_id)
    return {key: next(iter(found)) for key, found in ids.items() if len(found) == 1}


def names_found(article: Article, names: dict[str, str], lexicon: Lexicon) -> tuple[Mention, ...]:
    """The article's candidates that `names` types: everyday words alone stay out."""
    return tuple(
        Mention(names[key], c.start, c.end, c.text, NAME_LAYER)
        for c in article.candidates
        if (key := fold_key(c.text)) in names
        and (" " in key or lexicon.zipf(key, article.lang) < EVERYDAY_NAME)
    )


def with_names(article: Article, found: tuple[Mention, ...]) -> Article:
    if not found:
        return article
    mentions = tuple(sorted((*article.mentions, *found), key=lambda m: (m.start, m.end)))
    # In order of first mention, the editor's additions without a mention last.
    actors = tuple(dict.fromkeys((*(m.actor_id for m in mentions), *article.actors)))
    return replace(article, mentions=mentions, actors=actors)


def join_names(articles: list[Article], lexicon: Lexicon) -> list[Article]:
    """A name the rules could not type in one article ("Kestrel Mining", "Okafor said" at the
    start of a sentence) is the actor that another article showed it to be, when every article
    that typed it agrees; everyday words alone stay out. Archive-wide, so it runs on the analysed
    articles of every build, cached or not."""
    names = unique_names(pair for article in articles for pair in typed_names(article))
    return [with_names(article, names_found(article, names, lexicon)) for article in articles]
