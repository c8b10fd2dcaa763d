"""The editor's word on actors: `site_src/actors.yml`, which wins over everything found.

    actors:                      # add an actor, or change a known one (aliases, name, country)
      - id: person:jan-de-vries
        name: Jan de Vries
        aliases: [J. de Vries]
        country: NL              # links an organisation, place or person to its country
    merge:                       # the actor on the left becomes the one on the right
      person:jan-devries: person:jan-de-vries
      person:reagan: person:reagan   # to itself: a surname kept apart, never joined to a full name
    reject:                      # never an actor: an id, or a name whatever finds it
      - person:westen
      - Westen

A surname alone ("Reagan", "De Jonge") joins the one full-name person of its period across the
archive (`resolve.join_surnames`); an id the register names (an `actors` entry or either side of
a `merge`) is the editor's and is never joined, so a merge to itself keeps a surname apart and a
merge to a full-name id settles one the build holds apart as ambiguous (`archive actors --review`).
The same holds for the full names of one person ("J. R. Thorbecke" joins "Johan Rudolph
Thorbecke"): a merge of one to itself keeps it apart.

A register that cannot be read stops the build with the file and the reason: silently ignoring
the editor's corrections would publish exactly what the editor meant to prevent.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..model import ACTOR_TYPES


class RegisterError(Exception):
    pass


@dataclass(frozen=True)
class RegisterEntry:
    id: str
    name: str | None = None
    aliases: tuple[str, ...] = ()
    country: str | None = None  # ISO code (NL) or country id (country:nl)

    @property
    def type(self) -> str:
        return self.id.split(":", 1)[0]


@dataclass(frozen=True)
class Register:
    entries: tuple[RegisterEntry, ...] = ()
    merge: dict[str, str] = field(default_factory=dict)
    reject: frozenset[str] = frozenset()  # ids and folded names
    fingerprint: str = "empty"  # changes whenever the file does: part of every cache key


def load_register(source: Path) -> Register:
    path = source / "actors.yml"
    if not path.exists():
        return Register()
    raw = path.read_bytes()
    try:
        data = yaml.safe_load(raw.decode("utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise RegisterError(f"{path}: not valid YAML: {error}") from None
    return parse_register(data, str(path), hashlib.sha256(raw).hexdigest()[:16])


def _check_id(value: object, where: str) -> str:
    if not isinstance(value, str) or ":" not in value or value.split(":", 1)[0] not in ACTOR_TYPES:
        raise RegisterError(
            f"{where}: {value!r} is not an actor id like person:jan-de-vries ({', '.join(ACTOR_TYPES)})"
        )
    return value.strip()


def parse_register(data: object, where: str, fingerprint: str | None = None) -> Register:
    from ..folding import fold_key

    if not isinstance(data, dict):
        raise RegisterError(f"{where}: expected keys actors, merge and reject")
    unknown = set(data) - {"actors", "merge", "reject"}
    if unknown:
        raise RegisterError(
            f"{where}: unknown key(s) {', '.join(sorted(unknown))}; use actors, merge, reject"
        )
    entries = []
    for number, item in enumerate(data.get("actors") or [], start=1):
        at = f"{where}: actors entry {number}"
        if not isinstance(item, dict):
            raise RegisterError(f"{at}: expected id, name, aliases, country")
        aliases = item.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise RegisterError(f"{at}: aliases must be a list of names")
        name, country = item.get("name"), item.get("country")
        if name is not None and not isinstance(name, str):
            raise RegisterError(f"{at}: name must be text")
        if country is not None and not isinstance(country, str):
            raise RegisterError(f"{at}: country must be a code such as NL or an id such as country:nl")
        entries.append(RegisterEntry(_check_id(item.get("id"), at), name, tuple(aliases), country))
    merge = data.get("merge") or {}
    if not isinstance(merge, dict):
        raise RegisterError(f"{where}: merge must map an actor id to the id it becomes")
    merges = {_check_id(k, f"{where}: merge"): _check_id(v, f"{where}: merge") for k, v in merge.items()}
    reject = data.get("reject") or []
    if not isinstance(reject, list) or not all(isinstance(r, str) for r in reject):
        raise RegisterError(f"{where}: reject must be a list of actor ids or names")
    rejected = frozenset(r.strip() if ":" in r else fold_key(r) for r in reject)
    fingerprint = fingerprint or hashlib.sha256(repr(data).encode()).hexdigest()[:16]
    return Register(tuple(entries), merges, rejected, fingerprint)
