"""Dutch as it was spelled before the spelling reforms of 1934 and 1947, read as it is now.

Old newspapers write "Duitschland", "Pruissen", "Vereenigde Staten", "Binnenlandsche Zaken",
"Finantien", "Kommissaris", "Februarij" and "beursberigten": words that the lists, the word
counts and the rules know only in their modern form. Unknown, such a word looks like a rare
name, so old text gets everyday words, portfolios and titles as persons, and misses its
countries and places. `modern_forms` gives the modern spellings an old word may stand for; a
caller uses them only when the word as written is known to nothing, so modern text reads as
before.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Changes of the reforms that never make another word of a modern one.
_SAFE = (
    (re.compile(r"(?<=[a-hj-z])sche$"), "se"),  # "binnenlandsche", not "russische"
    (re.compile(r"(?<=\w)sch(?=[bcdfghjklmnpqrstvwxz])"), "s"),  # "duitschland"
    (re.compile(r"ae"), "aa"),  # "haerlem"
    (re.compile(r"(?<=[aeiou])gt(?=\w)"), "cht"),  # "beursberigten", "magtiging"
    (re.compile(r"(?<=\w)tie(?=n$)"), "cie"),  # "finantien"
    (re.compile(r"(?<=ui|ei|ou|au)ss"), "s"),  # "pruissen"
    (re.compile(r"(?<=\w\w\w)ij$"), "i"),  # "februarij", "julij"
)
# Changes that may, which a caller tries one at a time after the safe ones.
_EACH = (
    (re.compile(r"k(?=[aou])"), "c"),  # "kommissaris", "syndikaat"
    (re.compile(r"c(?=[aoulr])"), "k"),  # "crediet"
    (re.compile(r"(?<=e)ij"), "i"),  # "beijeren"
    (re.compile(r"y"), "ij"),  # "nymegen", "wyk"
    (re.compile(r"(?<=[^aeiou])(ee|oo)(?=[^aeiou][aeiou])"), lambda m: m.group(1)[0]),  # "weenen"
)
_HINTS = re.compile(r"sch|ae|gt|tie|ss|ij|y|k|c|ee|oo")


@lru_cache(maxsize=1 << 16)
def modern_forms(word: str) -> tuple[str, ...]:
    """The modern spellings a folded old Dutch word may stand for, most likely first; empty for
    a word with nothing of the old spelling in it."""
    if len(word) < 4 or _HINTS.search(word) is None:
        return ()
    base = word
    for pattern, replacement in _SAFE:
        base = pattern.sub(replacement, base)
    forms = [base]
    for pattern, each in _EACH:
        form = pattern.sub(each, base)
        if form != base:
            forms.append(form)
    both = _EACH[0][0].sub("c", _EACH[-1][0].sub(_EACH[-1][1], base))
    forms.append(both)  # "vereenigde" and "kommissaris" at once are rare, but cheap to try
    return tuple(f for f in dict.fromkeys(forms) if f != word)


@lru_cache(maxsize=1 << 16)
def likely_forms(word: str) -> tuple[str, ...]:
    """The modern spellings of `modern_forms` that the reforms made most often: those that
    turn no modern name into a word ("Cate" is no old "Kate")."""
    forms = modern_forms(word)
    return tuple(f for f in forms if f.count("k") <= word.count("k") and f.count("ij") <= word.count("ij"))


def known_as(word: str, known: set[str] | frozenset[str] | dict) -> str | None:
    """The modern spelling of a folded old Dutch word that `known` has, else None."""
    for form in modern_forms(word):
        if form in known:
            return form
    return None
