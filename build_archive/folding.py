"""Case and accent folding that keeps every character where it was.

Actor lists are matched over folded text ("Oekraïense" and "Oekraiense", "Poetin" and "POETIN"
are the same key), but mentions must report offsets into the original text. Folding maps each
character to exactly one character, so an offset in the folded text is the offset in the
original; `str.translate` does it at C speed, which matters at megabytes per second.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache


def _fold_char(ch: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    folded = base.lower() if base else ch
    return folded if len(folded) == 1 else ch.lower() if len(ch.lower()) == 1 else ch


@cache
def _table() -> dict[int, str]:
    # Latin, Greek and Cyrillic blocks cover the scripts whose case and accents vary in news.
    table = {}
    for code in range(0x41, 0x530):
        ch = chr(code)
        folded = _fold_char(ch)
        if folded != ch:
            table[code] = folded
    for code in range(0x1E00, 0x1F00):  # Latin Extended Additional (Vietnamese and others)
        ch = chr(code)
        folded = _fold_char(ch)
        if folded != ch:
            table[code] = folded
    table.update({ord("’"): "'", ord("‘"): "'", ord("`"): "'", ord("´"): "'"})
    return table


def fold(text: str) -> str:
    """Lower case without accents, same length as the input. Text of ASCII only is lowered by
    `str.lower`, which gives the table's characters there (A-Z and the backtick are all it maps
    below 0x80) many times faster than `str.translate` with a table, which looks every character
    up in a dict; in other text only the runs of other characters are translated (news text has
    a few: accents, quotes, dashes)."""
    if text.isascii():
        return text.lower().replace("`", "'")
    table, pieces, done = _table(), [], 0
    for run in _NOT_ASCII.finditer(text):
        pieces += [text[done : run.start()].lower().replace("`", "'"), run.group().translate(table)]
        done = run.end()
    pieces.append(text[done:].lower().replace("`", "'"))
    return "".join(pieces)


_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=1 << 18)
def fold_key(text: str) -> str:
    """The lookup key of a name: its folded words joined by single spaces ("Noord-Korea" and
    "noord korea" give "noord korea"). Kept per name: the archive-wide resolution folds every
    mention of every article on every build, and an archive names the same actors again and
    again."""
    return " ".join(WORD.findall(fold(text)))


def surname_keys(name: str) -> set[str]:
    """'Ursula von der Leyen' is 'von der leyen' and 'leyen' when named again later."""
    words = fold_key(name).split(" ")
    if len(words) < 2:
        return set()
    return {" ".join(words[1:]), words[-1]}


WORD = re.compile(r"\w+")

# Upper-case letters of every script that has case. Python's re has no \p{Lu}, so the class
# is built once from Unicode's own data.
UPPER = "".join(
    ch for ch in map(chr, range(0x41, 0x2000)) if ch.isupper() and unicodedata.category(ch) == "Lu"
)
UPPER_CLASS = "[" + re.escape(UPPER) + "]"


def is_all_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def occurs_as_word(text: str, word: str) -> bool:
    r"""Whether `word` stands in `text` as a whole word, no letter, digit or "_" on either side
    (what `(?<!\w)word(?!\w)` finds, a pattern tried at every character of the text). A word of
    letters alone is one of the text's runs of letters; another is looked for as a string."""
    if WORD_RUN.fullmatch(word):
        return word in _word_runs(text)
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _word_char(text[at - 1])) and (end == len(text) or not _word_char(text[end])):
            return True
        at = text.find(word, at + 1)
    return False


WORD_RUN = re.compile(r"\w+")


@lru_cache(maxsize=8)
def _word_runs(text: str) -> frozenset[str]:
    """The runs of letters of a text, kept for the few texts that are being read: an article is
    asked about many of its names."""
    return frozenset(WORD_RUN.findall(text))


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


_SENTENCE_END = frozenset(".!?:;\n\"'“”‘’«»([–—-")
_SKIP = " \t\"'“”‘’«»([\n"


def starts_sentence(text: str, position: int) -> bool:
    """Whether the word at `position` begins a sentence, a line or a quotation: there, a
    capital says nothing about being a name."""
    index = position - 1
    while index >= 0 and text[index] in _SKIP:
        if text[index] == "\n":
            return True
        index -= 1
    return index < 0 or text[index] in _SENTENCE_END
