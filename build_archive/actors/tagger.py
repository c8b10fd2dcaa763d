"""A statistical layer of actor finding: a CRF tagger (python-crfsuite) for the names the lists
and rules leave open.

The lists and rules name an actor only on evidence they know how to read; a capitalised word
without such evidence stays a candidate or is not looked at at all. The tagger reads the words
around such a word (a verb of saying after it, "in" before it, a word shape, how everyday each
word is, which list knows it) as a model trained on labelled news weighs them, and names what it
is. Only the stretches of text around capitalised words that no list or rule has typed are
tagged, and those around a typed name with a capitalised word right beside it (which may be
part of one longer name): everything else is already decided, and feature extraction in Python
is the cost.

What the model proposes passes the same junk filters as the rules' names
(`rules.admit_model_name`): an everyday word, a lone given name, an initial, a generic noun or
a title alone is never an actor. The model is built by `data/train_tagger.py` from open
labelled data (see data/README.md); without the model file the layer finds nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from ..folding import UPPER_CLASS, fold, fold_key, starts_sentence
from ..model import Mention
from .lexicon import DATA, Lexicon
from .rules import (
    CONTRACTIONS,
    EVERYDAY_ONE,
    GENERIC_ORG_WORDS,
    MONTHS_DAYS,
    NAME_PARTICLES,
    PERSON_AFTER,
    PERSON_TITLES,
    PLACE_BEFORE,
    PLACE_NOUNS,
    PLACE_NOUNS_OF,
    PLACE_WORDS,
    PORTFOLIOS,
    SENTENCE_WORD,
    TITLE_SUFFIXES,
    Token,
    admit_model_name,
    organisation_id,
    slug,
)

MODEL = DATA / "tagger.crfsuite"  # beside the lists (a compiled module's __file__ is elsewhere)
LAYER = "model:crf"
# Words with their inner hyphens, apostrophes, dots and ampersands ("Noord-Korea", "O'Brien",
# "U.S", "AT&T"), and every other non-space character on its own.
WORD_TOKEN = re.compile(r"\w+(?:['’.&-]\w+)*|[^\w\s]")
SENTENCE_END = frozenset(".!?:;\"'“”‘’«»()[]–—-")
# How many words on either side of an open capitalised word the tagger tags (a name's
# neighbours are tagged with it, so that it may take them in); the features reach further
# (OFFSETS).
CONTEXT = 2
# Capitalised words, whole.
CAPITAL_WORD = re.compile(rf"(?<![\w'’.&-]){UPPER_CLASS}[\w'’.&-]*")
# Characters of text read on either side of a word the tagger is asked about: more than
# CONTEXT words of context and their neighbours.
MARGIN = 30
KINDS = {"PER": "person", "LOC": "place", "ORG": "organisation"}
# The kinds the tagger may name. Persons are the rules' first (given names, titles, speech
# verbs, rare words): the tagger's persons anywhere, judged on held-out halves of the labelled
# sets, cost more than they gave (bench/RESULTS.md). It only types as a person a name the rules
# saw and could not type, and only when it is sure of every word of it (marginal probability).
PROPOSED = frozenset({"PER", "LOC", "ORG"})
PERSON_CONFIDENCE = 0.8
ORG_CONFIDENCE = 0.0
# Rules whose evidence is weak (a rare word after "in" is a place, names listed together are of
# one kind): the tagger reads their names too, and where it sees another kind of actor, its
# kind wins.
WEAK_LAYERS = frozenset({"rule:place", "rule:enumeration"})
ADJECTIVE = "list:country-adjective"
# How sure the tagger must be of every word of a longer name that takes in a list's or rule's
# name ("East Perth" around "Perth") before the longer name replaces it.
EXTENSION_CONFIDENCE = 0.5
# A place taken into a longer name of another kind ("Klein Zundert" is a village, "Fremantle
# Dockers" a club) asks more of the tagger: the list's word for a place is strong evidence.
RETYPE_CONFIDENCE = 0.8


# Words that make a name a site, not a body, whatever the tagger proposes: the rules' place
# words and the words of roads, waters and grounds.
SITE_WORDS = PLACE_WORDS | frozenset(
    """
    road avenue boulevard highway lane harbor harbour reservoir rink pavilion courthouse creek
    bay valley beach trail weg laan haven
    """.split()
)


class Word(NamedTuple):
    """A token of the text, with what its position says: whether it begins a sentence."""

    text: str
    start: int
    end: int
    first: bool

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


class Span(NamedTuple):
    """A name the tagger found: its kind (PER, LOC, ORG) and its words (indices, end exclusive)."""

    kind: str
    first: int
    last: int


def tokenise(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of a text (or of text[start:end]) in order; a word begins a sentence after a
    line break, a full stop, a colon, a quotation mark or a bracket, or at the start of the
    text."""
    words: list[Word] = []
    append = words.append
    new = tuple.__new__  # a Word without the Python-level __new__ of a named tuple: per word
    previous, after = "", -1
    for match in WORD_TOKEN.finditer(text, start, len(text) if end is None else end):
        begin, stop = match.span()
        if after < 0:
            first = starts_sentence(text, begin)
        else:
            first = previous in SENTENCE_END or (begin > after and text.find("\n", after, begin) >= 0)
        previous, after = match.group(), stop
        append(new(Word, (previous, begin, stop, first)))
    return words


def triggers(
    text: str, folded: str, found: Sequence[Mention], lexicon: Lexicon, lang: str, every: bool = False
) -> list[int]:
    """Where the words begin that the tagger is asked about: the capitalised words of the names
    that the rules left open (candidates, and names of weak evidence), but for those opening a
    sentence and the everyday ones ("The", "Government"), which are no name on their own and
    are read anyway when a name stands beside them. A capitalised word that no rule even took
    for a candidate, or one opening a sentence, seldom becomes a name the tagger finds, and
    asking about every one of them would cost more than the rules. With `every` (training),
    every capitalised word, typed or not, opening a sentence or not, is asked about."""
    if every:
        spans_ = [(0, len(text))]
    else:
        spans_ = sorted((m.start, m.end) for m in found if m.actor_id == "?" or m.layer in WEAK_LAYERS)
    typed = (
        []
        if every
        else sorted((m.start, m.end) for m in found if m.actor_id != "?" and m.layer not in WEAK_LAYERS)
    )
    typed_starts = [start for start, _ in typed]
    result: list[int] = []
    for begin, end in spans_:
        for match in CAPITAL_WORD.finditer(text, begin, end):
            start = match.start()
            if result and start <= result[-1]:
                continue  # an overlapping open name's word, already asked about
            index = bisect_right(typed_starts, start) - 1
            if index >= 0 and typed[index][1] > start:
                continue
            opening = starts_sentence(text, start)
            if opening and not every:
                continue
            # "I'm", "It's", "No.": an everyday word with its contraction or full stop.
            word = folded[start : match.end()].rstrip(".").replace("’", "'")
            head, _, tail = word.partition("'")
            word = head if tail in CONTRACTIONS else word
            zipf = lexicon.zipf(word, lang)
            if zipf >= EVERYDAY_ONE or (zipf >= SENTENCE_WORD and opening):
                continue
            result.append(start)
    return result


def extension_triggers(text: str, found: Sequence[Mention]) -> list[int]:
    """Where the typed names begin that a capitalised word stands right before or after, not
    at a sentence start ("East Perth", "Fremantle Dockers", "Sioux City"): the tagger may read
    them as part of a longer name. Not persons' and countries' names, which are never taken
    into a longer one (`_extends`)."""
    result = []
    for mention in found:
        if (
            mention.actor_id.startswith(("?", "person:", "country:"))
            or mention.layer in WEAK_LAYERS
            or mention.layer == ADJECTIVE
        ):
            continue
        after = text[mention.end : mention.end + 2]
        if (len(after) == 2 and after[0] == " " and after[1].isupper()) or _capital_before(
            text, mention.start
        ):
            result.append(mention.start)
    return result


def _capital_before(text: str, start: int) -> bool:
    """Whether a capitalised word, not opening a sentence, stands one space before `start`."""
    if start < 2 or text[start - 1] != " " or not text[start - 2].isalnum():
        return False
    index = start - 2
    while index > 0 and text[index - 1].isalnum():
        index -= 1
    return text[index].isupper() and not starts_sentence(text, index)


def regions(text: str, starts: Sequence[int]) -> list[tuple[int, int]]:
    """The stretches of text to tokenise: MARGIN characters around each trigger, cut at spaces,
    overlapping ones joined."""
    result: list[tuple[int, int]] = []
    for start in starts:
        begin = text.rfind(" ", 0, max(0, start - MARGIN)) + 1
        end = text.find(" ", start + MARGIN)
        end = len(text) if end < 0 else end
        if result and begin <= result[-1][1]:
            result[-1] = (result[-1][0], max(end, result[-1][1]))
        else:
            result.append((begin, end))
    return result


def _shape(word: str) -> str:
    """'Xx', 'XX', 'x', 'd', 'Xx-Xx', ...: each run of one kind of character as one letter."""
    shape: list[str] = []
    for ch in word:
        kind = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not shape or shape[-1] != kind:
            shape.append(kind)
    return "".join(shape[:6])


def _word_features(word: str, lexicon: Lexicon, lang: str) -> tuple[str, ...]:
    """What one word says by itself, whatever its position: its folded form, shape, affixes,
    how everyday it is in the article's language, and which of the project's lists know it."""
    folded = fold(word)
    zipf = lexicon.zipf(folded, lang)
    # Only everyday words (and punctuation) are known by their form: a rare word is what the
    # names are, and a model that learned names one by one would know only the training set's.
    everyday = zipf > 0 or not folded.isalnum()
    features = [f"w={folded if everyday else '<rare>'}", f"sh={_shape(word)}", f"z={int(zipf)}"]
    if len(folded) > 3:
        features += [f"s2={folded[-2:]}", f"s3={folded[-3:]}"]
    if len(folded) > 4 and not everyday:
        # A rare word is known by its longer ending and its beginning instead: names of one
        # kind share them across languages and sets ("-burg", "-sson", "-ville", "Mc-", "Van-").
        features += [f"s4={folded[-4:]}", f"p3={folded[:3]}"]
    entry = lexicon.entries.get(folded)
    if entry is not None:
        features.append(f"list={entry.layer}")
    if folded in lexicon.first_names:
        features.append("given")
    if folded in lexicon.person_surnames:
        features.append("surname")
    if folded in PERSON_TITLES or folded.endswith(TITLE_SUFFIXES):
        features.append("title")
    if folded in GENERIC_ORG_WORDS:
        features.append("orgword")
    if folded in PLACE_NOUNS or folded in PLACE_NOUNS_OF or folded in PLACE_WORDS:
        features.append("placeword")
    if folded in PLACE_BEFORE:
        features.append("placebefore")
    if folded in MONTHS_DAYS:
        features.append("month")
    if folded in NAME_PARTICLES:
        features.append("particle")
    if folded in PORTFOLIOS:
        features.append("portfolio")
    if PERSON_AFTER.fullmatch(folded):
        features.append("speech")
    return tuple(features)


# The features of a neighbour: the word, its shape and the lists that know it.
NEIGHBOUR_FEATURES = ("w=", "sh=", "z=", "list=", "given", "surname", "title", "orgword", "placeword",
                      "placebefore", "particle", "speech", "month")  # fmt: skip


class Features:
    """Each word's features, computed once per word, language and position in the window and
    kept for the process: the same words come back in every article."""

    def __init__(self, lexicon: Lexicon, lang: str) -> None:
        self.lexicon, self.lang = lexicon, lang
        self.words: dict[str, tuple[str, ...]] = {}
        self.neighbours: dict[str, tuple[tuple[str, ...], ...]] = {}

    def own(self, word: str) -> tuple[str, ...]:
        features = self.words.get(word)
        if features is None:
            if len(self.words) > CACHED_WORDS:
                self.words.clear()
            features = self.words[word] = _word_features(word, self.lexicon, self.lang)
        return features

    def around(self, word: str) -> tuple[tuple[str, ...], ...]:
        """The word's features as a neighbour at each offset of OFFSETS."""
        features = self.neighbours.get(word)
        if features is None:
            if len(self.neighbours) > CACHED_WORDS:
                self.neighbours.clear()
            own = [f for f in self.own(word) if f.startswith(NEIGHBOUR_FEATURES)]
            features = tuple(tuple(f"{offset}:{f}" for f in own) for offset in OFFSETS)
            self.neighbours[word] = features
        return features


OFFSETS = (-2, -1, 1, 2)
REACH = max(OFFSETS)
POSITIONS = tuple(enumerate(OFFSETS))
EDGES = tuple(f"{offset}:edge" for offset in OFFSETS)
# How many words' features a process keeps (a few tens of MB at most).
CACHED_WORDS = 200_000
_FEATURES: dict[tuple[int, str], Features] = {}


def features_for(lexicon: Lexicon, lang: str) -> Features:
    key = (id(lexicon), lang)
    if key not in _FEATURES:
        _FEATURES[key] = Features(lexicon, lang)
    return _FEATURES[key]


def sequence_features(
    words: Sequence[Word], first: int, last: int, known: Sequence[str], features: Features
) -> list[list[str]]:
    """The features of words[first:last], each with its neighbours' (read over the chunk's
    edges). `known` gives per word the kind of actor a list or rule already made of it ("" for
    none), which the tagger reads as evidence, not as an answer."""
    result = []
    size = len(words)
    base = max(0, first - REACH)
    # The per-word caches read directly: a method call per word and neighbour costs more than
    # the look-up itself.
    neighbours, owns = features.neighbours, features.words
    around = [neighbours.get(word.text) or features.around(word.text) for word in words[base : last + REACH]]
    for index in range(first, last):
        word = words[index]
        items = list(owns.get(word.text) or features.own(word.text))
        if word.first:
            items.append("first")
        kind = known[index]
        if kind:
            items.append(f"known={kind}")
        for position, offset in POSITIONS:
            other = index + offset
            if 0 <= other < size:
                items += around[other - base][position]
                kind = known[other]
                if kind:
                    items.append(f"{offset}:known={kind}")
            else:
                items.append(EDGES[position])
        result.append(items)
    return result


def typed_words(found: Iterable[Mention]) -> dict[str, str]:
    """The kind of actor that the lists and rules made of the names holding each capitalised
    word of the article (folded): in one article a word names one actor ("Nicholson" after
    "Jack Nicholson"), so where the tagger reads the same word alone as another kind, the
    lists' and rules' evidence wins."""
    result: dict[str, str] = {}
    for mention in found:
        if mention.actor_id != "?" and mention.layer not in WEAK_LAYERS and mention.layer != ADJECTIVE:
            kind = mention.actor_id.split(":", 1)[0]
            for match in CAPITAL_WORD.finditer(mention.text):
                result.setdefault(fold(match.group()), kind)
    return result


def known_kinds(words: Sequence[Word], mentions: Iterable[Mention]) -> list[str]:
    """Per word, the kind of actor that covers it ("country", "person", "?" for a candidate)."""
    kinds = [""] * len(words)
    starts = [w.start for w in words]
    for mention in mentions:
        kind = "?" if mention.actor_id == "?" else mention.actor_id.split(":", 1)[0]
        if mention.layer in WEAK_LAYERS:
            kind = "~" + kind
        if mention.layer == "list:country-adjective":
            kind = "adjective"
        index = max(bisect_right(starts, mention.start) - 1, 0)
        while index < len(words) and words[index].start < mention.end:
            if words[index].end > mention.start:
                kinds[index] = kind
            index += 1
    return kinds


def chunks(words: Sequence[Word], starts: set[int]) -> list[tuple[int, int]]:
    """The stretches to tag: each word that begins at one of `starts` (see `triggers`) with
    CONTEXT words on either side; overlapping stretches are joined."""
    result: list[tuple[int, int]] = []
    for index, word in enumerate(words):
        if word.start in starts:
            first, last = max(0, index - CONTEXT), min(len(words), index + CONTEXT + 1)
            if result and first <= result[-1][1]:
                result[-1] = (result[-1][0], last)
            else:
                result.append((first, last))
    return result


def spans(labels: Sequence[str], offset: int = 0) -> list[Span]:
    """The names of a BIO label sequence; an I- without its B- begins a name."""
    found: list[Span] = []
    kind, begin = None, 0
    for index, label in enumerate([*labels, "O"]):
        tag, _, this = label.partition("-")
        if kind is not None and (tag != "I" or this != kind):
            found.append(Span(kind, offset + begin, offset + index))
            kind = None
        if tag in ("B", "I") and kind is None:
            kind, begin = this, index
    return found


@lru_cache(maxsize=4)
def load_tagger(path: Path):
    """The model, opened once per process; None when there is no model file."""
    if not path.exists():
        return None
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def find_model_mentions(
    text: str, folded: str, found: list[Mention], lexicon: Lexicon, lang: str, model: Path | None = None
) -> list[Mention]:
    """`found` with the names the tagger finds where no list or rule typed anything: a new
    mention for a name nothing covered, a typed one for a candidate the tagger can place."""
    tagger = load_tagger(model or MODEL)
    if tagger is None:
        return found
    starts = sorted(set(triggers(text, folded, found, lexicon, lang)) | set(extension_triggers(text, found)))
    if not starts:
        return found
    features = features_for(lexicon, lang)
    typed = sorted((m.start, m.end) for m in found if m.actor_id != "?" and m.layer not in WEAK_LAYERS)
    typed_starts = [s for s, _ in typed]
    weak = [m for m in found if m.layer in WEAK_LAYERS]
    found_starts = [m.start for m in found]
    wanted = set(starts)
    # The names the rules saw but could not type: the only ones the tagger may make persons.
    open_names = {(m.start, m.end) for m in found if m.layer == "candidate"}
    kinds = typed_words(found)
    typed_kinds = {(m.start, m.end): m.actor_id.split(":", 1)[0] for m in found if m.actor_id != "?"}
    new: list[Mention] = []
    extended: set[tuple[int, int]] = set()
    for begin, end in regions(text, starts):
        words = tokenise(text, begin, end)
        nearby = found[bisect_left(found_starts, begin - MARGIN) : bisect_left(found_starts, end)]
        known = known_kinds(words, nearby)
        for first, last in chunks(words, wanted):
            labels = tagger.tag(sequence_features(words, first, last, known, features))
            for span in _split_coordination(spans(labels, first), words):
                mention = _mention(text, folded, words, span, lexicon, lang)
                if mention is None:
                    continue
                if mention.actor_id.startswith("person:") and (
                    (mention.start, mention.end) not in open_names
                    or _certainty(tagger, labels, span, first) < PERSON_CONFIDENCE
                ):
                    continue
                if (
                    mention.actor_id.startswith("organisation:")
                    and _certainty(tagger, labels, span, first) < ORG_CONFIDENCE
                ):
                    continue
                kind = mention.actor_id.split(":", 1)[0]
                if " " not in mention.text and kinds.get(fold(mention.text), kind) != kind:
                    continue  # one word, another kind of actor elsewhere in the article
                index = bisect_right(typed_starts, mention.end - 1) - 1
                inside: list[tuple[int, int]] = []
                if index >= 0 and typed[index][1] > mention.start:
                    inside = [t for t in typed[max(0, index - 4) : index + 1] if t[1] > mention.start]
                    if not _extends(
                        mention, kind, inside, typed_kinds, _certainty(tagger, labels, span, first)
                    ):
                        continue  # a list or rule already named something here, and no more
                if any(_overlap(m, mention) and m.actor_id.startswith(kind) for m in weak):
                    continue  # the rule said the same: its mention stays
                new.append(mention)
                extended.update(inside)  # a longer name around theirs: "East Perth" for "Perth"
    if not new:
        return found
    new.sort(key=lambda m: (m.start, m.end))
    new_starts = [m.start for m in new]

    def replaced(mention: Mention) -> bool:
        index = bisect_left(new_starts, mention.end) - 1
        return index >= 0 and any(_overlap(mention, n) for n in new[max(0, index - 1) : index + 1])

    kept = [
        m
        for m in found
        if ((m.actor_id != "?" and m.layer not in WEAK_LAYERS) or not replaced(m))
        and (m.start, m.end) not in extended
    ]
    return sorted(kept + new, key=itemgetter(1, 2))  # by start and end


# Words that join the names of two persons or places into a list, never into one name ("Tomasz
# Wieczorek and Harriet Blomqvist"); a firm's name may hold them ("Voskens en Mommers",
# "Outbreak Detection and Containment Team").
COORDINATION = frozenset({"and", "en", "und", "et"})


def _split_coordination(found: list[Span], words: Sequence[Word]) -> list[Span]:
    """The tagger's persons and places, each name of a coordination on its own."""
    result = []
    for span in found:
        if span.kind == "ORG":
            result.append(span)
            continue
        begin = span.first
        for index in range(span.first, span.last):
            if words[index].text in COORDINATION:
                if index > begin:
                    result.append(Span(span.kind, begin, index))
                begin = index + 1
        if begin < span.last:
            result.append(Span(span.kind, begin, span.last))
    return result


def _extends(
    mention: Mention,
    kind: str,
    inside: Sequence[tuple[int, int]],
    kinds: dict[tuple[int, int], str],
    sure: float,
) -> bool:
    """Whether the tagger's name may replace the one typed name `inside` it (the typed names it
    overlaps, with their kinds in `kinds`), being `sure` of it: a longer name around one name,
    not two names side by side nor a person's name in another, nor a country's (a body it
    qualifies is the rules' to join: "United States Treasury"); a place stays a place only with
    words before it ("East Perth": a place followed by a word is the start of a longer name of
    something else, "Rotterdam Philharmonisch"), and becomes another kind only when the tagger
    is surer."""
    if len(inside) != 1:
        return False
    ((start, end),) = inside
    inner = kinds.get((start, end), "")
    if inner in ("person", "country") or not (mention.start <= start and end <= mention.end):
        return False
    if end - start >= mention.end - mention.start:
        return False
    if inner == "place":
        if kind == "place":
            return end == mention.end and sure >= EXTENSION_CONFIDENCE
        return sure >= RETYPE_CONFIDENCE
    return sure >= EXTENSION_CONFIDENCE


def _begins_with_place(name: str, lexicon: Lexicon) -> bool:
    """Whether a listed place is the first word(s) of a longer name with no word of a site or a
    feature of land after it: as the rules read it, such a name is of a team, an orchestra or a
    newspaper, not of a place."""
    words = name.split()
    if any(fold(word) in SITE_WORDS for word in words[1:]):
        return False
    for size in range(1, len(words)):
        entry = lexicon.entries.get(fold_key(" ".join(words[:size])))
        if entry is not None and entry.actor_id.startswith("place:"):
            return True
    return False


def _certainty(tagger, labels: Sequence[str], span: Span, first: int) -> float:
    """How sure the tagger is of a name: the least marginal probability of its words' labels
    (`first` is where the tagged chunk begins)."""
    return min(tagger.marginal(labels[i], i) for i in range(span.first - first, span.last - first))


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _mention(
    text: str, folded: str, words: Sequence[Word], span: Span, lexicon: Lexicon, lang: str
) -> Mention | None:
    if span.kind not in PROPOSED:
        return None
    first, last = span.first, span.last
    while first < last and not words[first].text[:1].isalnum():
        first += 1
    while last > first and not words[last - 1].text[:1].isalnum():
        last -= 1  # a full stop or quotation mark the tagger drew into the name
    tokens = [Token(w.text, w.start, w.end, folded[w.start : w.end]) for w in words[first:last]]
    if not tokens:
        return None
    admitted = admit_model_name(tokens, KINDS[span.kind], text, folded, lexicon, lang)
    if admitted is None:
        return None
    start, end = admitted
    name = text[start:end]
    kind = KINDS[span.kind]
    if kind == "organisation" and any(fold(word) in SITE_WORDS for word in name.split()):
        kind = "place"  # "Lincoln Reservoir Park", "Dulles Toll Road": a site, as the rules say
    elif kind == "place" and _begins_with_place(name, lexicon):
        return None  # "Rotterdam Philharmonisch": a listed place begins a name of something else
    actor_id = organisation_id(name) if kind == "organisation" else f"{kind}:{slug(name)}"
    return Mention(actor_id, start, end, name, LAYER)
