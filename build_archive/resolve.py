"""Layer 3 and 4 of actor finding: one actor per real entity, and the editor's word last.

Within an article, a surname joins the full name given elsewhere in it ("Jan Jansen ... zei
Jansen"); a capitalised word that is nobody's surname is dropped. Across the archive, ids are
the unit: list actors have one id whatever language named them, rule actors get the slug of
their full name, and the register's merges and rejects apply to both.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter

from slugify import slugify

from .folding import fold_key, surname_keys
from .lexicon import Lexicon
from .model import TYPE_KEYS, Actor, Article, Mention
from .register import Register

CORRECTION_TYPES = {key: kind for kind, key in TYPE_KEYS.items()}
# The legal forms that end a company's name and that the articles leave off once it is named.
LEGAL_FORMS = frozenset("inc corp corporation co cos ltd limited plc nv bv ag gmbh sa spa llc lp".split())


def surname_index(mentions: Iterable[Mention], lexicon: Lexicon) -> dict[str, str]:
    owners: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        if not mention.actor_id.startswith("person:"):
            continue
        keys = surname_keys(mention.text) | lexicon.surname_keys.get(mention.actor_id, set())
        for key in keys:
            owners[key].add(mention.actor_id)
    return {key: next(iter(ids)) for key, ids in owners.items() if len(ids) == 1}


def first_name_index(mentions: Iterable[Mention]) -> dict[str, str]:
    """The given name of each full-name person of the article that no other one shares."""
    owners: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        words = fold_key(mention.text).split(" ")
        if mention.actor_id.startswith("person:") and len(words) > 1:
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


def resolve_article(
    article: Article, found: list[Mention], lexicon: Lexicon, register: Register
) -> tuple[tuple[Mention, ...], tuple[str, ...]]:
    """The article's final mentions and actor ids, in text order.

    The whole article is evidence: a surname joins the one full name of the article that ends
    with it, a given name alone the one full name that begins with it, and a name that a cue
    showed to be an actor once ("President Reagan") is that actor wherever else the article
    names it without a cue ("Reagan said" at the start of a sentence)."""
    full = [m for m in found if m.actor_id != "?" and " " in m.text.strip()]
    surnames = surname_index(full, lexicon)
    first_names = first_name_index(full)
    confirmed = {
        fold_key(m.text): m.actor_id
        for m in found
        if m.actor_id != "?" and m.layer.startswith("rule:") and " " not in m.text.strip()
    }
    short = short_names(found)
    confirmed.update(short)
    resolved: list[Mention] = []
    for mention in found:
        if mention.actor_id == "?" or mention.layer.startswith("rule:person"):
            key = fold_key(mention.text)
            owner = surnames.get(key)
            if mention.layer == "candidate:first-name" or (owner is None and " " not in key):
                owner = first_names.get(key)
            if owner and owner != mention.actor_id:
                how = "resolve:surname" if owner == surnames.get(key) else "resolve:first-name"
                mention = Mention(owner, mention.start, mention.end, mention.text, how)
            elif mention.actor_id == "?":
                if mention.layer != "candidate" or key not in confirmed:
                    continue
                mention = Mention(confirmed[key], mention.start, mention.end, mention.text, "resolve:article")
        elif (
            mention.layer == "rule:organisation"
            and short.get(fold_key(mention.text), mention.actor_id) != mention.actor_id
        ):
            # "Kestrel Mining", itself a name of a body, after "Kestrel Mining Inc."
            mention = Mention(
                short[fold_key(mention.text)], mention.start, mention.end, mention.text, "resolve:article"
            )
        resolved.append(mention)
    return apply_editor(article, resolved, lexicon, register)


def _rejected(mention: Mention, register: Register, removed: set[str], lexicon: Lexicon) -> bool:
    names = {mention.actor_id, fold_key(mention.text)}
    known = lexicon.actors.get(mention.actor_id)
    if known:
        names.add(fold_key(known.name))
    return bool(names & (register.reject | removed))


def apply_editor(
    article: Article, mentions: list[Mention], lexicon: Lexicon, register: Register
) -> tuple[tuple[Mention, ...], tuple[str, ...]]:
    """The register's merges and rejects, then the article's own additions and removals."""
    removed = {x if ":" in x else fold_key(x) for x in article.corrections.get("not_actors", ())}
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
    return tuple(kept), tuple(actor_ids)


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


_actor_and_text = itemgetter(0, 3)  # of a Mention


def resolve_archive(articles: Iterable[Article], lexicon: Lexicon) -> dict[str, ActorStats]:
    """One entry per actor id: display name, aliases seen, articles and mention counts."""
    seen: dict[str, list[str]] = defaultdict(list)
    named: Counter = Counter()  # (actor id, text as written) -> mentions; counted in C
    for article in articles:
        named.update(map(_actor_and_text, article.mentions))
        for actor_id in article.actors:
            seen[actor_id].append(article.id)
    texts: dict[str, Counter] = defaultdict(Counter)
    counts: Counter = Counter()
    for (actor_id, text), number in named.items():
        texts[actor_id][" ".join(text.split())] += number
        counts[actor_id] += number
    result = {}
    for actor_id, article_ids in seen.items():
        kind = actor_id.split(":", 1)[0]
        known = lexicon.actors.get(actor_id)
        aliases = tuple(sorted(texts[actor_id]))
        if known:
            actor = Actor(actor_id, known.type, known.name, aliases, known.country)
        else:
            # An actor the rules found: named as the articles name it most, full names first.
            forms = texts[actor_id]
            name = (
                max(forms, key=lambda text: (" " in text, forms[text], len(text)))
                if forms
                else actor_id.split(":", 1)[1].replace("-", " ").title()
            )
            actor = Actor(actor_id, kind, name, aliases)
        names = tuple(sorted({actor.name, *aliases, *(known.aliases if known else ())}))
        result[actor_id] = ActorStats(actor, article_ids, counts[actor_id], names)
    return result
