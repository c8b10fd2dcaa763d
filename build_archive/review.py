"""`archive actors --review`: the actors of the last build most likely wrong, for the editor.

It reads what the build published (`export/actors.json`) and its report (the surnames and full
names held apart as ambiguous), never the articles, so it answers at once on any archive. Each actor comes with
why it is suspect and the `site_src/actors.yml` lines that would settle it; the lists' and the
register's own actors are the editor's already and are only listed when ambiguous.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from .actors.lexicon import Lexicon, load_lexicon
from .actors.rules import EVERYDAY_ONE, NAME_PARTICLES
from .folding import fold, fold_key


class Known(NamedTuple):
    lexicon: Lexicon
    settled: set[str]  # the ids of the lists' actors and of those the register names


def _known(source: Path, cache_dir: Path | None) -> Known:
    """The site's lexicon and the ids of the lists' actors and of those the register names
    (settled by the editor already); the Dutch lexicon and no register when the editor's folder
    cannot be read."""
    from .build import open_source
    from .errors import BuildError

    try:
        settings, register = open_source(source)
    except BuildError:
        return Known(load_lexicon("nl", None, cache_dir), set())
    lexicon = load_lexicon(settings.language, register, cache_dir)
    return Known(lexicon, set(lexicon.actors) | set(register.merge) | set(register.merge.values()))


def _surname(name: str) -> str | None:
    """The folded surname of a person's name that is a surname alone ("Jansen", "van Aken");
    None for a name with a given name or an initial before it."""
    words = fold_key(name).split(" ")
    lead = 0
    while lead < len(words) - 1 and words[lead] in NAME_PARTICLES:
        lead += 1
    return words[-1] if lead == len(words) - 1 else None


# A person's name that no language writes: one word of small letters and no vowel ("Bcrg",
# "Hf"), or a word of capitals that end in small letters ("BROEBt"), as the OCR of old papers
# misreads them. Not an abbreviation ("Jr", "Jzn"), a plural ("GMs") or Dutch "IJssel"; not
# an organisation's name, which may be written so on purpose ("JPMorgan").
_NO_VOWEL = re.compile(r"[b-df-hj-np-tv-xz]{2,}")
_CAPITALS_THEN_SMALL = re.compile(r"(?!IJ[a-z])[A-Z]{2,}(?!s$)[a-z]+")


def _misread(name: str) -> bool:
    words = name.split()
    if len(words) == 1 and not name.isupper() and _NO_VOWEL.fullmatch(fold(name)):
        return True
    return any(_CAPITALS_THEN_SMALL.fullmatch(word) for word in words)


def review(
    actors: list[dict], ambiguous: list[dict], source: Path, cache_dir: Path | None = None
) -> list[dict]:
    """Each suspect actor as {id, type, name, articles, reasons, fix}: the names held apart
    first, then the most seen (what readers meet first in the lists; an actor in one article
    has one reason more and matters least), then the most suspect. Besides one-word persons and
    common words, the archive's own splits: a surname alone beside the one full-name person it
    may be, whom the build did not give it (another period, a given name), and a name that is
    an actor of another type as well."""
    lexicon, known = _known(source, cache_dir)
    counts = {a["id"]: a["articles"] for a in actors}
    held = {item["id"]: item for item in ambiguous}
    full_names: dict[str, list[dict]] = defaultdict(list)  # folded surname -> full-name persons
    by_name: dict[str, list[dict]] = defaultdict(list)  # folded name -> actors of that name
    for actor in actors:
        by_name[fold_key(actor["name"])].append(actor)
        if actor["type"] == "person" and _surname(actor["name"]) is None and " " in actor["name"].strip():
            full_names[fold_key(actor["name"]).rsplit(" ", 1)[-1]].append(actor)
    found = []
    for actor in actors:
        actor_id, name = actor["id"], actor["name"]
        reasons, fix = [], []
        if actor_id in held:
            candidates = sorted(held[actor_id]["candidates"], key=lambda c: -counts.get(c["id"], 0))
            reasons.append("name of several persons: " + ", ".join(c["name"] for c in candidates))
            fix += [f"merge: {{{actor_id}: {c['id']}}}" for c in candidates]
            fix.append(f"merge: {{{actor_id}: {actor_id}}}  # keep it apart")
        if actor_id not in known:
            words = name.split()
            if actor["type"] == "person" and len(words) == 1:
                reasons.append("a one-word person name")
            # As everyday as a word the rules never take for a one-word name.
            if len(words) == 1 and lexicon.zipf(fold(words[0]), lexicon.language) >= EVERYDAY_ONE:
                reasons.append("a common word")
            if actor["type"] == "person" and _misread(name):
                reasons.append("a word no language writes (misread?)")
            surname = _surname(name) if actor["type"] == "person" else None
            owners = full_names.get(surname, []) if surname and actor_id not in held else []
            if len(owners) == 1:
                reasons.append(f"the surname of {owners[0]['name']}, kept apart")
                fix.append(f"merge: {{{actor_id}: {owners[0]['id']}}}")
            others = [a for a in by_name[fold_key(name)] if a["type"] != actor["type"]]
            if others:
                other = max(others, key=lambda a: (a["articles"], a["id"]))
                reasons.append(f"also {other['type']} {other['name']} in {other['articles']} articles")
                if (other["articles"], other["id"]) > (actor["articles"], actor_id):
                    fix.append(f"merge: {{{actor_id}: {other['id']}}}")
            if actor["articles"] == 1:
                reasons.append("in one article only")
        if not reasons:
            continue
        fix.append(f"reject: [{actor_id}]")
        found.append({"id": actor_id, "type": actor["type"], "name": name, "articles": actor["articles"],
                      "reasons": reasons, "fix": fix})  # fmt: skip
    found.sort(
        key=lambda item: (-(item["id"] in held), -item["articles"], -len(item["reasons"]), item["name"])
    )
    return found
