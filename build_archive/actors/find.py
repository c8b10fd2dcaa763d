"""The actor-finding stage: one article in, the same article with its mentions and actors out.

Pure and per article (lists, then rules, then resolution within the article and the editor's
word), so it can be cached by content hash and run in parallel; everything that needs the whole
archive is in `resolve.join_names`, `resolve.join_surnames` and `resolve.resolve_archive`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from ..folding import UPPER_CLASS, fold, starts_sentence
from ..model import Article, Mention
from .lexicon import Lexicon
from .lists import find_list_mentions
from .register import Register
from .resolve import resolve_article
from .rules import NOT_ORGANISATIONS, find_rule_mentions, organisation_id, slug
from .tagger import find_model_mentions

# What may stand between a listed name and the organisation words that complete it.
JOINS = (" ", "-")
# Listed names that an organisation's name may begin with ("Singapore Airlines", "British
# Airways", "Irish Republican Army", "General Motors Corporation").
JOINABLE = ("country:", "place:", "organisation:")


def find_actors(article: Article, lexicon: Lexicon, register: Register) -> Article:
    text = article.body
    folded = fold(text)
    found = find_evidence_mentions(text, folded, lexicon, article.lang)
    found = find_model_mentions(text, folded, found, lexicon, article.lang)
    resolved = resolve_article(article, found, lexicon, register)
    return replace(
        article, mentions=resolved.mentions, actors=resolved.actors, candidates=resolved.candidates
    )


def find_evidence_mentions(text: str, folded: str, lexicon: Lexicon, lang: str) -> list[Mention]:
    """What the lists and rules find in a text, in text order, before the tagger and resolution."""
    listed = find_list_mentions(text, folded, lexicon, lang)
    ruled = find_rule_mentions(text, folded, lexicon, listed, lang)
    listed, ruled = join_organisations(text, listed, ruled)
    organisations = [m for m in ruled if m.layer == "rule:organisation"]
    # A listed place inside an organisation's name ("Universiteit van Tilburg") is part of it.
    listed = [m for m in listed if not any(o.start <= m.start and m.end <= o.end for o in organisations)]
    found = expand_acronyms(text, sorted(listed + ruled, key=lambda m: (m.start, m.end)))
    return type_enumerations(text, found, lexicon, lang)


class Joined(NamedTuple):
    listed: list[Mention]  # the listed mentions that are no part of a longer name
    ruled: list[Mention]  # the rules' mentions, with the longer names


def join_organisations(text: str, listed: list[Mention], ruled: list[Mention]) -> Joined:
    """An organisation's name that the rules found right after a listed name begins with it
    ("Singapore Airlines", "Irish Republican Army"), and a word for a kind of body right before
    a listed place names the body of that place ("Club Brugge", "FC Utrecht"): the listed
    country or place is then no mention of its own, and a listed organisation keeps its id under
    the longer name ("Apple Computer Inc")."""
    ends = {m.end: m for m in listed if m.actor_id.startswith(JOINABLE)}
    starts = {m.start: m for m in listed if m.actor_id.startswith(("country:", "place:"))}
    joined: set[Mention] = set()
    result = []
    for mention in ruled:
        before = ends.get(mention.start - 1) if mention.layer in ORGANISATION_LAYERS else None
        after = starts.get(mention.end + 1) if mention.layer == "candidate:organisation" else None
        if before is not None and text[before.end] in JOINS:
            first, last, listed_part = before, mention, before
        elif after is not None and text[mention.end] in JOINS:
            first, last, listed_part = mention, after, after
        else:
            result.append(mention)
            continue
        name = text[first.start : last.end]
        if before is not None and before.actor_id.startswith("organisation:"):
            actor_id, layer = before.actor_id, before.layer
        else:
            actor_id, layer = organisation_id(name), "rule:organisation"
        joined.add(listed_part)
        result.append(Mention(actor_id, first.start, last.end, name, layer))
    return Joined([m for m in listed if m not in joined], result)


ORGANISATION_LAYERS = frozenset({"rule:organisation", "candidate:organisation"})


# "United Auto Workers (UAW)": capitals in brackets right after the words they abbreviate.
BRACKETED = re.compile(r"\((" + UPPER_CLASS + r"[\w&]{1,7})\)")
SPELLED_WORD = re.compile(r"[\w&'’-]+")
ACRONYM_FILLERS = frozenset("of and for the on in van voor en de der des het du la le et und für".split())


def spelled_out(text: str, open_bracket: int, letters: str) -> int | None:
    """Where the words before a bracket begin if their capitals spell `letters`, else None."""
    words = list(SPELLED_WORD.finditer(text, max(0, open_bracket - 160), open_bracket))
    if not words or text[words[-1].end() : open_bracket] not in (" ", ", "):
        return None
    capitals = [c for c in letters if c.isupper()]
    start = None
    for word in reversed(words):
        if not capitals:
            break
        token = word.group()
        if token[:1].isupper():
            if token[0] != capitals[-1]:
                return None
            capitals.pop()
            start = word.start()
        elif token.lower() not in ACRONYM_FILLERS:
            return None
    return start if not capitals else None


def expand_acronyms(text: str, found: list[Mention]) -> list[Mention]:
    """An organisation spelled out before its acronym in brackets is one actor under both
    names, and so is every later use of the acronym; what the rules or lists made of the words
    inside the full name gives way to it. A full name that a list knows as a person, country or
    place ("Verenigde Staten (VS)") stays what the list says."""
    for match in BRACKETED.finditer(text):
        letters = match.group(1)
        if sum(c.isupper() for c in letters) < 2 or letters.lower() in NOT_ORGANISATIONS:
            continue  # "Chief Executive Officer (CEO)", "Dow Jones Industrial Average (DJIA)"
        start = spelled_out(text, match.start(), letters)
        if start is None:
            continue
        end = text.rindex(" ", start, match.start())
        end = end - 1 if text[end - 1] == "," else end
        inside = [m for m in found if start <= m.start and m.end <= end]
        if any(
            m.start == start
            and m.end == end
            and m.layer.startswith("list:")
            and not m.actor_id.startswith("organisation:")
            for m in inside
        ):
            continue
        acronym = next((m for m in found if m.start == match.start(1) and m.end == match.end(1)), None)
        listed = (
            acronym
            if acronym and acronym.actor_id.startswith("organisation:") and acronym.layer.startswith("list:")
            else None
        )
        name = text[start:end]
        actor_id = listed.actor_id if listed else organisation_id(name)
        old_ids = {acronym.actor_id} if acronym and acronym.actor_id != "?" else set()
        if acronym is not None and listed is None:  # "GAO" is the office, not the town in Mali
            found = [m for m in found if m is not acronym]
            acronym = None
        kept = [
            m
            for m in found
            if not (start <= m.start and m.end <= end) and not (m.start < end and m.end > start)
        ]
        kept = [
            Mention(actor_id, m.start, m.end, m.text, m.layer) if m.actor_id in old_ids else m for m in kept
        ]
        kept.append(Mention(actor_id, start, end, name, "rule:acronym-expansion"))
        if acronym is None:
            kept.append(Mention(actor_id, match.start(1), match.end(1), letters, "rule:acronym-expansion"))
        found = sorted(kept, key=lambda m: (m.start, m.end))
    return found


# How everyday (Zipf) a one-word name may be and still be taken for an item of an enumeration.
EVERYDAY_ITEM = 4.0
# What separates the items of an enumeration ("Chrysler, Ford en General Motors").
ENUMERATION = frozenset({", ", " en ", " and ", " & ", ", en ", ", and ", " und ", " et ", " of ", " or "})


def type_enumerations(text: str, found: list[Mention], lexicon: Lexicon, lang: str) -> list[Mention]:
    """Names listed together are of one kind: a name the rules could not place ("Ford") next to
    an organisation in an enumeration is an organisation too, and the same for places and
    persons. A country adjective says nothing of its neighbours, and an everyday word or the
    first word of a sentence ("However, ...") is no item of a list of names. Read forwards and
    then backwards, so that the kind passes along the whole list."""
    found = list(found)
    for order in (range(1, len(found)), range(len(found) - 2, -1, -1)):
        for index in order:
            mention = found[index]
            if mention.actor_id != "?" or mention.layer != "candidate":
                continue
            other = found[index - 1] if order.step == 1 else found[index + 1]
            if other.actor_id == "?" or other.layer == "list:country-adjective":
                continue
            between = text[other.end : mention.start] if order.step == 1 else text[mention.end : other.start]
            if between not in ENUMERATION or starts_sentence(text, mention.start):
                continue
            words = fold(mention.text).split()
            if len(words) == 1 and (
                lexicon.zipf(words[0], lang) >= EVERYDAY_ITEM or len(words[0].strip(".")) == 1
            ):
                continue  # an everyday word or a lone initial ("en C°.", "A. M.") is no item
            kind = other.actor_id.split(":", 1)[0]
            kind = "place" if kind == "country" else kind
            actor_id = (
                organisation_id(mention.text) if kind == "organisation" else f"{kind}:{slug(mention.text)}"
            )
            found[index] = Mention(actor_id, mention.start, mention.end, mention.text, "rule:enumeration")
    return found
