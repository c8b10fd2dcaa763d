"""Layer 1 of actor finding: known aliases matched over folded text, longest match first.

Only word starts that can begin an alias are tried: capitalised words (names are capitalised in
every language the archive reads) and, in German and French text, the lower-case adjectives of
the country lists. A regular expression finds those starts at C speed; the rest is dictionary
look-ups, which keeps this layer at megabytes per second.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ..folding import UPPER_CLASS, WORD, fold, fold_key, occurs_as_word, starts_sentence
from ..model import Mention
from .lexicon import Entry, Lexicon
from .rules import (
    ADDRESS,
    NOT_BEFORE_NAMES,
    PERSON_AFTER,
    PERSON_BEFORE_WORDS,
    PERSON_TITLES,
    PLACE_BEFORE,
    RANKS,
    genitive_article,
    particle_lead,
    title_word,
)
from .spelling import known_as

# Word starts where a list match may begin: a capital, or a letter of a script without case
# (Hebrew, Arabic), whose names cannot be told apart by capitals.
CAPITALISED = re.compile(r"(?:" + UPPER_CLASS + r"|[\u0590-\u06ff])(?<![\w.].)")  # see rules.SEQUENCE
PREVIOUS_WORD = re.compile(r"(\w+)(\.?) $")
NEXT_WORD = re.compile(r" (\w+)")
# Dutch ranks compounded with another ("luitenant-generaal", "veldmaarschalk").
RANK_SUFFIXES = ("generaal", "admiraal", "maarschalk", "majoor", "kolonel")
LOWER_CASE_LANGUAGES = {"de", "fr"}
# A capitalised word rarer than this (Zipf) right after a listed one-word name is part of
# another name with it.
RARE_WORD = 3.0
# A word ending in -s at least this everyday (Zipf) is a word, not a name's genitive.
GENITIVE_WORD = 4.0
# Conjunctions that open a sentence and are written like a listed name ("Indien men ..."; the
# Indies, or India in German).
OPENING_CONJUNCTIONS = frozenset("indien".split())
# A given name opening a sentence begins a person's name unless it is this everyday (Zipf) a
# word ("Will", "Mark" may be verbs there).
SENTENCE_GIVEN_NAME = 5.5
# What may stand between two words of one name: a space, a hyphen, an apostrophe, the dot of an
# initial or abbreviation ("Washington D.C."), or an ampersand ("Johnson & Johnson").
# A name, then a lower-case particle right before a word: the particle is inside a person's
# name there ("Vos de Wael", "Udink ten Cate").
AFTER_PARTICLE = re.compile(UPPER_CLASS + r"\w* (?:de|van|ten|ter|von|der|den) $")
# The same with a particle of two words ("Gerardus van den Elshout").
AFTER_PARTICLES = re.compile(UPPER_CLASS + r"\w*(?: (?:de|van|ten|ter|von|der|den)){1,2} $")
# Words that place names abbreviate with a full stop and a space after it ("St. Louis",
# "Mt. Hood"), which otherwise end a sentence.
NAME_ABBREVIATIONS = frozenset("st ste mt ft".split())
GAP = re.compile(r"[ \t]{1,2}|\n|-|'|\.|\. |[ \t]?&[ \t]?|[ \t]-[ \t]")


# Verbs of which a party or another body is the subject in news ("Denk wil een debat", "Denk
# stemde tegen"); an everyday word opening the sentence is followed by none of them ("Denk
# maar niet", "Denk aan de kinderen").
BODY_VERB_AFTER = re.compile(
    r" (?:wil|wilde|diende|dient|stemde|stemt|steunt|steunde|eist|eiste|vraagt|vroeg|zegt|zei|"
    r"heeft|had|krijgt|kreeg|haalt|haalde|wint|won|verliest|verloor|komt|kwam|noemt|noemde|"
    r"reageert|reageerde|sluit|sloot|dreigt|dreigde|zal|zou|kan|kon|moet|moest)\b"
)


def _body_as_subject(text: str, mention: Mention) -> bool:
    """A listed body whose name is an everyday word ("Denk"), opening a sentence as the subject
    of a verb that a body does, is the body."""
    return (
        mention.actor_id.startswith("organisation:") and BODY_VERB_AFTER.match(text, mention.end) is not None
    )


def candidate_starts(text: str, folded: str, lexicon: Lexicon, lang: str) -> list[int]:
    starts = [m.start() for m in CAPITALISED.finditer(text)]
    if lang in LOWER_CASE_LANGUAGES and lexicon.lower_first:
        lower = lexicon.lower_first
        starts.extend(m.start() for m in WORD.finditer(folded) if m.group() in lower)
        starts = sorted(set(starts))
    elif lang == "nl" and "ministerie" in folded:
        starts = sorted(set(starts).union(_dutch_lower_heads(folded)))
    return starts


# Dutch writes the head of a ministry's name in lower case ("het ministerie van Financiën"),
# as the list gives it beside the capitalised form.
DUTCH_LOWER_HEAD = re.compile(r"\bministerie van ")


def _dutch_lower_heads(folded: str) -> list[int]:
    return [m.start() for m in DUTCH_LOWER_HEAD.finditer(folded)]


def next_word(folded: str, previous: tuple[int, int]) -> tuple[int, int] | None:
    """The word after `previous` if the gap between them can stand inside a name."""
    match = WORD.search(folded, previous[1])
    if match is None or match.start() - previous[1] > 3:
        return None
    gap = folded[previous[1] : match.start()]
    if not GAP.fullmatch(gap) or (
        gap == ". "
        and previous[1] - previous[0] > 1
        and folded[previous[0] : previous[1]] not in NAME_ABBREVIATIONS
    ):
        return None
    return match.span()


def _after_comma(folded: str, previous: tuple[int, int]) -> tuple[int, int] | None:
    """The word after `previous` and a comma, where a listed name goes on after one."""
    if folded[previous[1] : previous[1] + 2] != ", ":
        return None
    match = WORD.match(folded, previous[1] + 2)
    return match.span() if match is not None else None


def case_ok(text: str, spans: list[tuple[int, int]], entry: Entry) -> bool:
    """Abbreviations in capitals only; names with their capitalised words capitalised."""
    if entry.case == "any":
        return True
    if entry.case == "exact":
        return text[spans[0][0] : spans[-1][1]].isupper()
    return all(index < len(spans) and text[spans[index][0]].isupper() for index in entry.capitals)


def _initials(text: str, spans: list[tuple[int, int]]) -> bool:
    """'J. J. ten Kate': single letters each with its full stop and a space, as a person's
    initials are written; a listed organisation's letters are joined by '&' ("J&J", "V&D"),
    though a country's may be spaced like initials ("V. S.")."""
    return (
        len(spans) > 1
        and all(end - start == 1 for start, end in spans)
        and ". " in text[spans[0][1] : spans[-1][0]]
    )


def compound_follows(text: str, end: int) -> bool:
    """'Minsk-akkoorden', 'Oekraïne-crisis': a name glued to a lower-case word is a compound
    noun about something else, not a mention of the actor."""
    return end + 1 < len(text) and text[end] == "-" and text[end + 1].islower()


# The lower-case rest of a Dutch compound after a name ("-machines", "-top", "-sancties").
DUTCH_COMPOUND = re.compile(r"(?:-\w+)+")


def _compound_end(text: str, end: int) -> int:
    match = DUTCH_COMPOUND.match(text, end)
    return match.end() if match is not None else end


def find_list_mentions(text: str, folded: str, lexicon: Lexicon, lang: str) -> list[Mention]:
    mentions: list[Mention] = []
    covered = 0
    entries, prefixes, first_words = lexicon.entries, lexicon.prefixes, lexicon.first_words
    for start in candidate_starts(text, folded, lexicon, lang):
        if start < covered:
            continue
        first = WORD.match(folded, start)
        if first is None:
            continue
        key = first.group()
        split = _split_place(text, folded, first.end(), key, lexicon, lang)
        if split is not None:
            entry, end = split
            mentions.append(Mention(entry.actor_id, start, end, text[start:end], entry.layer))
            covered = end
            continue
        if key not in first_words:
            # A Dutch or German genitive ("Poetins", "Ruslands") is the name plus -s; but not
            # a word of its own ("Adres", "Namens") nor the plural of a town's name that is a
            # word ("ruime Zolders").
            if (
                key.endswith("s")
                and len(key) > 4
                and key[:-1] in entries
                and entries[key[:-1]].actor_id not in lexicon.wordlike
                and lexicon.zipf(key, lang) < GENITIVE_WORD
            ):
                key = key[:-1]
            elif (
                lang == "nl"
                and (modern := known_as(key, first_words)) is not None
                and not AFTER_PARTICLE.search(text, max(0, start - 40), start)  # "Vos de Wael"
            ):
                key = modern  # "Duitschland", "Vereenigde Staten": the old spelling of a name
            else:
                continue
        spans = [first.span()]
        matches = [(1, entries[key])] if key in entries else []
        while key in prefixes:  # read on while the words so far can still become an alias
            span = next_word(folded, spans[-1])
            if span is None and key in lexicon.comma_prefixes:
                span = _after_comma(folded, spans[-1])
            if span is None:
                break
            spans.append(span)
            key = f"{key} {folded[span[0] : span[1]]}"
            if key in entries:
                matches.append((len(spans), entries[key]))
        for count, entry in reversed(matches):  # longest first
            end = spans[count - 1][1]
            if not case_ok(text, spans[:count], entry) or (
                entry.layer == "list:organisation" and _initials(text, spans[:count])
            ):
                continue
            compound = compound_follows(text, end)
            if compound and (lang != "nl" or entry.layer != "list:organisation"):
                continue
            begin = start
            if (
                count > 1
                and entry.actor_id.startswith("person:")
                and folded[spans[0][0] : spans[0][1]] in PERSON_TITLES
            ):
                begin = spans[1][0]  # "koning Filip", "Pope Francis": the title is no part of the name
            elif lang == "nl" and entry.actor_id.startswith("place:") and genitive_article(text, start):
                begin = start - 3  # "'s-Hertogenbosch", "'s Hertogenbosch": the article is the name's
            mention: Mention | None = Mention(entry.actor_id, begin, end, text[begin:end], entry.layer)
            if count == 1 and mention is not None:
                mention = _one_word(mention, text, folded, lexicon, lang)
            if mention is not None and compound:
                # "Airbus-machines", "NAVO-top", "CDA-leider": a Dutch compound names the body
                end = _compound_end(text, end)
                mention = Mention(
                    mention.actor_id, mention.start, end, text[mention.start : end], mention.layer
                )
            if mention is not None:
                mentions.append(mention)
            covered = end
            break
    return mentions


# How everyday (Zipf) the capitalised piece of a split name may be: a word more everyday than
# this ("Kamp en") is a word of its own.
SPLIT_HEAD = 3.5
# A word that scanning split off the rest of a place's name: lower case, right after a space.
SPLIT_TAIL = re.compile(r" ([a-z]+)\b")


def _split_place(
    text: str, folded: str, end: int, head: str, lexicon: Lexicon, lang: str
) -> tuple[Entry, int] | None:
    """'Neder land', 'Lim burg', 'Pruis sen': a place's name that the scan of an old paper split
    in two, a capitalised piece that is no word and a lower-case rest; the list's entry and where
    the name ends, else None."""
    if lang != "nl":
        return None  # the scans of old papers that the archive reads are Dutch
    tail = SPLIT_TAIL.match(text, end)
    if tail is None or lexicon.zipf(head, lang) >= SPLIT_HEAD or head in lexicon.first_names:
        return None
    joined = head + folded[tail.start(1) : tail.end(1)]
    entry = lexicon.entries.get(joined)
    if entry is None and (modern := known_as(joined, lexicon.entries)) is not None:
        entry = lexicon.entries[modern]
    if entry is None or not entry.actor_id.startswith(("place:", "country:")) or len(joined) < 6:
        return None
    return entry, tail.end(1)


# Particles written with a capital in the middle of a sentence, as Dutch surnames write them
# ("Van Brakel", "Van der Goes"): before a town's name they make it a surname.
CAPITAL_PARTICLES = re.compile(r"(?<![\w'’])(?:Van|Von|Ten|Ter|Van de|Van der|Van den|Van het) \Z")


# "Van Tilburg naar Breda": a route from a town, not a surname.
ROUTE_AFTER = re.compile(r",? (?:naar|tot|via) ")


# Words after which a capitalised "Van" begins a surname (old papers and tables capitalise it
# as a word elsewhere: "Van Oosterhout Van Rotterdam").
SURNAME_AFTER = frozenset("volgens aldus zei zegt zegde stelt meldt vindt door van met en".split())


def _names_before(text: str, position: int) -> bool:
    """Whether a capitalised particle at `position` follows what names a person: a compound
    named after one ("commissie-Van Brakel"), a title ("wethouder Van Gent") or a word after
    which a speaker is named ("volgens Van Gent")."""
    if text[position - 1 : position] == "-":
        return True
    before = PREVIOUS_WORD.search(text, max(0, position - 30), position)
    if before is None or before.group(2) or not before.group(1).islower():
        return False
    word = fold(before.group(1))
    return word in SURNAME_AFTER or title_word(word, True)


def _written_lower(text: str, name: str) -> bool:
    """Whether the article also writes the name as an ordinary word, in lower case."""
    lower = name.lower()
    return lower != name and occurs_as_word(text, lower)


def _similar(a: str, b: str) -> bool:
    return a == b or (a[:2] == b[:2] and SequenceMatcher(None, a, b).ratio() >= 0.8)


# The longest town's name that a body's acronym may spell in a sentence of lower-case words.
ACRONYM_LENGTH = 4
PREVIOUS_ANY = re.compile(r"(\S+) $")
# Words before a town's name, wherever it is written in capitals ("naar GENT").
TOWN_BEFORE = PLACE_BEFORE | frozenset("naar vanuit richting rond".split())


def _acronym_of_a_body(text: str, folded: str, mention: Mention) -> bool:
    """A short town's name in capitals inside a sentence of lower-case words is an acronym ("het
    NIS", "De GAO bevestigde"), not the town; but a dateline ("GENK -", a line's first word) and
    a town after "in" or "te" are the town ("in OSS")."""
    name = mention.text
    if not (1 < len(name) <= ACRONYM_LENGTH and name.isupper() and name.isalpha()):
        return False
    if text[mention.start - 1 : mention.start] == "(" and text[mention.end : mention.end + 1] == ")":
        return True  # "de Rekenkamer (GAO)": spelled out right before
    line_start = text.rfind("\n", 0, mention.start) + 1
    if not text[line_start : mention.start].strip():
        return False  # a dateline or a heading
    before = PREVIOUS_ANY.search(text, max(line_start, mention.start - 30), mention.start)
    if before is None or before.group(1).isupper() or fold(before.group(1)) in TOWN_BEFORE:
        return False
    after = NEXT_WORD.match(text, mention.end)
    return after is None or not after.group(1).isupper()


# How many names the list gives a small town: its own, and at most one other spelling (bigger
# places have their alternate names in many languages).
SMALL_TOWN_NAMES = 2


def _word_without_accents(text: str, folded: str, mention: Mention, lexicon: Lexicon, lang: str) -> bool:
    """Whether a town's name matched only with its accents folded away ("Gore" for Goré,
    "Munoz" for Muñoz, "Gloria" for Glória) is a name or a word of its own: a given name, a
    surname or an everyday word that the list's town only spells alike. After "in", "te" or
    "naar" it is the town."""
    actor = lexicon.actors.get(mention.actor_id)
    written = mention.text.casefold()
    key = folded[mention.start : mention.end]
    if (
        actor is None
        # a city's many names ("Venetië", "Venezia") make it known enough to write without accents
        or len(actor.aliases) > SMALL_TOWN_NAMES
        or any(alias.casefold() == written for alias in actor.aliases)
        or not any(fold_key(alias) == key for alias in actor.aliases)  # an old spelling's match
    ):
        return False
    if not (
        key in lexicon.first_names
        or key in lexicon.census_surnames
        or key in lexicon.common_surnames
        or key in lexicon.person_surnames
        or lexicon.zipf(key, lang) >= RARE_WORD
    ):
        return False
    before = PREVIOUS_ANY.search(text, max(0, mention.start - 30), mention.start)
    return before is None or fold(before.group(1)) not in TOWN_BEFORE


# The Dutch articles right before a word.
DUTCH_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?:de|het) \Z")


def _one_word(mention: Mention, text: str, folded: str, lexicon: Lexicon, lang: str) -> Mention | None:
    """A one-word match next to a given name is part of a person's name.

    'Anthony Blinken' is Antony Blinken (the given name is extended into the mention); 'Hunter
    Biden' is not Joe Biden, 'Michael Jordan' is not the country and 'Jordan Bardella' is not
    either: those are left to the rules.
    """
    if lang == "en" and folded[mention.start : mention.end] in lexicon.foreign_aliases:
        return None  # "the Island", "on Tour": the English word, not Iceland's or Tours' other name
    if (
        lang == "nl"
        and folded[mention.start : mention.end] in lexicon.foreign_aliases
        and DUTCH_ARTICLE_BEFORE.search(folded, max(0, mention.start - 5), mention.start) is not None
    ):
        return None  # "won de Tour": Dutch gives a race an article, never a town's other name
    window = max(0, mention.start - 30)
    if mention.actor_id in lexicon.villages and (
        not PERSON_BEFORE_WORDS.isdisjoint(folded[window : mention.start].split()[-1:])
        or PERSON_AFTER.match(folded, mention.end) is not None
        or AFTER_PARTICLES.search(text, window, mention.start) is not None
    ):
        # "aldus Brinkhorst", "Brinkhorst zei", "Slicher van Domburg": a surname, or the end of
        # one, left to the rules
        return None
    before = PREVIOUS_WORD.search(text, window, mention.start)
    previous = None
    if before and not before.group(2) and before.group(1)[:1].isupper():
        word = folded[before.start(1) : before.end(1)]
        if (
            word not in PERSON_TITLES
            and (word not in lexicon.first_words or word in lexicon.first_names)  # "Philip Sheridan"
            and (
                not starts_sentence(text, before.start(1))
                # "Bram Kessel" opening a sentence: a given name there still begins a name
                or (word in lexicon.first_names and lexicon.zipf(word, lang) < SENTENCE_GIVEN_NAME)
            )
        ):
            previous = word
    elif before and before.group(2) and len(before.group(1)) == 1 and before.group(1).isupper():
        previous = "initial"
    if mention.actor_id.startswith("person:"):
        if previous is None:
            return mention
        own = lexicon.person_first_words.get(mention.actor_id, frozenset())
        if before is not None and (previous == "initial" or any(_similar(previous, word) for word in own)):
            start = before.start(1)
            return Mention(mention.actor_id, start, mention.end, text[start : mention.end], mention.layer)
        return None  # another given name: another person of the same surname
    if previous in lexicon.first_names or previous == "initial":
        return None  # "Chad" in "Michael Chad", "Bush" in "George W. Bush"
    if (
        before is not None
        and not before.group(2)
        and before.group(1)[:1].isupper()
        and mention.layer == "list:place"
    ):
        role = folded[max(0, before.start(1) - 30) : before.start(1)].split()[-1:]
        if role and title_word(role[0], lang == "nl") and role[0] not in NOT_BEFORE_NAMES:
            return None  # "nominee Joe Exeter", "trainer Ken Norton": a name after a title
    if before is not None and (before.group(1)[:1].isupper() or lang == "nl"):
        title = folded[before.start(1) : before.end(1)]
        if (
            title in RANKS
            or title.endswith(RANK_SUFFIXES)
            or title in ADDRESS
            or (
                mention.layer == "list:place"
                and title_word(title, lang == "nl")
                and title not in NOT_BEFORE_NAMES
            )
        ):
            # "General Montgomery", "Dr. Livingstone", "Adviser Bolton": a person's surname,
            # left to the rules
            return None
    if particle_lead(text, folded, mention.start, listed=False) is not None:
        return None  # "de heer van Hasselt": a person's name, whatever town it names
    if lang == "nl" and mention.layer == "list:place":
        lead = CAPITAL_PARTICLES.search(text, max(0, mention.start - 12), mention.start)
        if (
            lead is not None
            and ROUTE_AFTER.match(text, mention.end) is None
            and _names_before(text, lead.start())
        ):
            return None  # "commissie-Van Brakel", "wethouder Van der Goes": a surname
    if (
        mention.layer == "list:place"
        and (entry := lexicon.entries.get(fold_key(mention.text))) is not None
        and entry.case == "capital"  # the town's name, not an abbreviation the list gives it ("LA")
        and _acronym_of_a_body(text, folded, mention)
    ):
        return None  # "het NIS", "de GAO": an acronym that spells a town's name
    if mention.layer == "list:place" and _word_without_accents(text, folded, mention, lexicon, lang):
        return None  # "Al Gore" is not Goré, "Muñoz" written "Munoz" is a surname: the rules' word
    own_word = folded[mention.start : mention.end]
    if starts_sentence(text, mention.start) and (
        (mention.actor_id in lexicon.wordlike and not _body_as_subject(text, mention))
        or own_word in OPENING_CONJUNCTIONS
        or _written_lower(text, mention.text)
    ):
        return None  # "Indien" (if) opening a sentence of an article that writes "indien" too
    after = NEXT_WORD.match(text, mention.end) if mention.layer != "list:country-adjective" else None
    if after and after.group(1)[:1].isupper() and not after.group(1).isupper():
        following = fold(after.group(1))
        if following not in lexicon.first_words and (
            own_word in lexicon.first_names or lexicon.zipf(following, lang) < RARE_WORD
        ):
            # "Jordan Bardella", "Chad Pennington", "Hang Seng": the first word of another name
            return None
    return mention
