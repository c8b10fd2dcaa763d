"""`archive actors --review`: the actors of the last build most likely wrong, for the editor.

It reads what the build published (`export/actors.json`) and its report (the surnames and full
names held apart as ambiguous), never the articles, so it answers at once on any archive. Each actor comes with
why it is suspect and the `site_src/actors.yml` lines that would settle it; the lists' and the
register's own actors are the editor's already and are only listed when ambiguous.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .actors.lexicon import Lexicon, load_lexicon
from .actors.rules import EVERYDAY_ONE
from .folding import fold


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


def review(
    actors: list[dict], ambiguous: list[dict], source: Path, cache_dir: Path | None = None
) -> list[dict]:
    """Each suspect actor as {id, type, name, articles, reasons, fix}: the names held apart
    first, then the most seen (what readers meet first in the lists; an actor in one article
    has one reason more and matters least), then the most suspect."""
    lexicon, known = _known(source, cache_dir)
    counts = {a["id"]: a["articles"] for a in actors}
    held = {item["id"]: item for item in ambiguous}
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
