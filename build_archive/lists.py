"""Layer 1 of actor finding: known aliases matched over folded text, longest match first.

Only word starts that can begin an alias are tried: capitalised words (names are capitalised in
every language the archive reads) and, in German and French text, the lower-case adjectives of
the country lists. A regular expression finds those starts at C speed; the rest is dictionary
look-ups, which keeps this layer at megabytes per second.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from .folding import UPPER_CLASS, WORD, fold, starts_sentence
from .lexicon import Entry, Lexicon
from .model import Mention
from .rules import PERSON_TITLES

# Word starts where a list match may begin: a capital, or a letter of a script without case
# (Hebrew, Arabic), whose names cannot be told apart by capitals.
CAPITALISED = re.compile(r"(?<![\w.])(?:" + UPPER_CLASS + r"|[\u0590-\u06ff])")
PREVIOUS_WORD = re.compile(r"(\w+)(\.?) $")
NEXT_WORD = re.compile(r" (\w+)")
LOWER_CASE_LANGUAGES = {"de", "fr"}
# What may stand between two words of one name: a space, a hyphen, an apostrophe, the dot of an
# initial or abbreviation ("Washington D.C."), or an ampersand ("Johnson & Johnson").
GAP = re.compile(r"[ \t]{1,2}|\n|-|'|\.|\. |[ \t]&[ \t]|[ \t]-[ \t]")
MAX_WORDS = 8


def candidate_starts(text: str, folded: str, lexicon: Lexicon, lang: str) -> list[int]:
    starts = [m.start() for m in CAPITALISED.finditer(text)]
    if lang in LOWER_CASE_LANGUAGES and lexicon.lower_first:
        lower = lexicon.lower_first
        starts.extend(m.start() for m in WORD.finditer(folded) if m.group() in lower)
        starts = sorted(set(starts))
    return starts


def words_from(folded: str, start: int, limit: int) -> list[tuple[int, int]]:
    """Up to `limit` word spans from `start`, stopping where a gap could not be inside a name."""
    spans: list[tuple[int, int]] = []
    position = start
    while len(spans) < limit:
        match = WORD.match(folded, position)
        if not match:
            break
        if spans:
            gap = folded[spans[-1][1] : match.start()]
            if not GAP.fullmatch(gap) or (gap == ". " and spans[-1][1] - spans[-1][0] > 1):
                break
        spans.append(match.span())
        after = match.end()
        # Skip to the next word: at most a short gap, checked above on the next round.
        position = after
        while position < len(folded) and not (folded[position].isalnum() or folded[position] == "_"):
            position += 1
            if position - after > 3:
                return spans
    return spans


def case_ok(text: str, spans: list[tuple[int, int]], entry: Entry) -> bool:
    """Abbreviations in capitals only; names with their capitalised words capitalised."""
    if entry.case == "any":
        return True
    if entry.case == "exact":
        return text[spans[0][0] : spans[-1][1]].isupper()
    return all(index < len(spans) and text[spans[index][0]].isupper() for index in entry.capitals)


def compound_follows(text: str, end: int) -> bool:
    """'Minsk-akkoorden', 'Oekraïne-crisis': a name glued to a lower-case word is a compound
    noun about something else, not a mention of the actor."""
    return end + 1 < len(text) and text[end] == "-" and text[end + 1].islower()


def find_list_mentions(text: str, folded: str, lexicon: Lexicon, lang: str) -> list[Mention]:
    mentions: list[Mention] = []
    covered = 0
    entries, max_words = lexicon.entries, lexicon.max_words
    for start in candidate_starts(text, folded, lexicon, lang):
        if start < covered:
            continue
        first = WORD.match(folded, start)
        if first is None:
            continue
        limit = max_words.get(first.group(), 0)
        stem = None
        if not limit:
            # A Dutch or German genitive ("Poetins", "Ruslands") is the name plus -s.
            word = first.group()
            if word.endswith("s") and max_words.get(word[:-1]) and len(word) > 4:
                stem = word[:-1]
            else:
                continue
        spans = words_from(folded, start, max(limit, 1))
        for count in range(len(spans), 0, -1):
            key = " ".join(folded[a:b] for a, b in spans[:count])
            if stem and count == 1:
                key = stem
            entry = entries.get(key)
            if entry is None:
                continue
            end = spans[count - 1][1]
            original = text[start:end]
            if not case_ok(text, spans[:count], entry) or compound_follows(text, end):
                continue
            mention = Mention(entry.actor_id, start, end, original, entry.layer)
            if count == 1:
                mention = _one_word(mention, text, folded, lexicon)
            if mention is not None:
                mentions.append(mention)
            covered = end
            break
    return mentions


def _similar(a: str, b: str) -> bool:
    return a == b or (a[:2] == b[:2] and SequenceMatcher(None, a, b).ratio() >= 0.8)


def _one_word(mention: Mention, text: str, folded: str, lexicon: Lexicon) -> Mention | None:
    """A one-word match next to a given name is part of a person's name.

    'Anthony Blinken' is Antony Blinken (the given name is extended into the mention); 'Hunter
    Biden' is not Joe Biden, 'Michael Jordan' is not the country and 'Jordan Bardella' is not
    either: those are left to the rules.
    """
    window = max(0, mention.start - 30)
    before = PREVIOUS_WORD.search(text, window, mention.start)
    previous = None
    if before and not before.group(2) and before.group(1)[:1].isupper():
        word = folded[before.start(1) : before.end(1)]
        if word not in PERSON_TITLES and word not in lexicon.max_words and not starts_sentence(text, before.start(1)):
            previous = word
    elif before and before.group(2) and len(before.group(1)) == 1 and before.group(1).isupper():
        previous = "initial"
    if mention.actor_id.startswith("person:"):
        if previous is None:
            return mention
        own = lexicon.person_first_words.get(mention.actor_id, frozenset())
        if previous == "initial" or any(_similar(previous, word) for word in own):
            start = before.start(1)
            return Mention(mention.actor_id, start, mention.end, text[start : mention.end], mention.layer)
        return None  # another given name: another person of the same surname
    if previous in lexicon.first_names:
        return None
    own_word = folded[mention.start : mention.end]
    if own_word in lexicon.first_names:
        after = NEXT_WORD.match(text, mention.end)
        if after and after.group(1)[:1].isupper() and fold(after.group(1)) not in lexicon.max_words:
            return None
    return mention
