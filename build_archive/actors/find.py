"""The actor-finding stage: one article in, the same article with its mentions and actors out.

Pure and per article (lists, then rules, then resolution within the article and the editor's
word), so it can be cached by content hash and run in parallel; everything that needs the whole
archive is in `resolve.join_names`, `resolve.join_surnames` and `resolve.resolve_archive`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from typing import NamedTuple

from ..folding import UPPER_CLASS, fold, fold_key, is_all_caps, occurs_as_word, starts_sentence
from ..model import Article, Mention
from .lexicon import Lexicon
from .lists import find_list_mentions
from .register import Register
from .resolve import article_lands, resolve_article
from .rules import (
    EVERYDAY_ONE,
    FUNCTION_WORDS,
    GENERIC_ORG_WORDS,
    MONTHS_DAYS,
    NOT_ORGANISATIONS,
    OCCUPATIONS,
    ORG_BEFORE,
    PERSON_TITLES,
    RARE_NAME,
    SENTENCE_STARTERS,
    SENTENCE_WORD,
    _Article,
    _org_compound_before,
    find_rule_mentions,
    organisation_id,
    slug,
    title_word,
)
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
    found = qualify_organisations(text, found, lexicon, article.lang)
    if "Nasdaq" in text or "NASDAQ" in text or "S&P" in text or "Poor" in text:
        found = market_indices(text, found)
    resolved = resolve_article(article, found, lexicon, register)
    return replace(
        article, mentions=resolved.mentions, actors=resolved.actors, candidates=resolved.candidates
    )


def find_evidence_mentions(text: str, folded: str, lexicon: Lexicon, lang: str) -> list[Mention]:
    """What the lists and rules find in a text, in text order, before the tagger and resolution."""
    listed = geographic_names(
        text, apart(text, find_list_mentions(text, folded, lexicon, lang), lexicon), lang
    )
    if lang == "nl" and "inisterie van" in text:
        listed = home_ministries(text, listed, lexicon)
    if lang == "nl":
        listed = home_places(listed, lexicon)
    ruled = find_rule_mentions(text, folded, lexicon, listed, lang)
    listed, ruled = join_organisations(text, listed, ruled)
    listed, ruled = name_clubs(text, listed, ruled, lexicon)
    listed, ruled = places_in_longer_names(text, listed, ruled, lexicon, lang)
    # A listed organisation that a rule's name went on from keeps its list's layer ("Federal
    # Reserve Bank of New York"); either holds the places inside it.
    organisations = [m for m in ruled if m.layer in ("rule:organisation", "list:organisation")]
    # A listed place inside an organisation's name ("Universiteit van Tilburg") is part of it,
    # and so is one after the hyphen of a double surname ("Anja Meulenbelt-Breda").
    persons = [m for m in ruled if m.actor_id.startswith("person:")]
    listed = [
        m
        for m in listed
        if not any(o.start <= m.start and m.end <= o.end for o in organisations)
        and not (
            text[m.start - 1 : m.start] == "-" and any(p.start < m.start and m.end <= p.end for p in persons)
        )
    ]
    listed = [m for m in listed if not _starts_longer_name(text, m, lexicon)]
    found = legal_forms_after(
        text, spelled_acronyms(expand_acronyms(text, sorted(listed + ruled, key=lambda m: (m.start, m.end))))
    )
    found = party_families(text, found)
    if " and " in text or " en " in text:
        found = joined_by_and(text, found, lexicon, lang)
    if lang == "nl":
        found = type_by_article(text, join_ampersands(text, found), lexicon)
        if "de regering" in folded:
            found = lower_case_governments(text, found)
    described = type_described(
        text,
        type_teams(
            text,
            type_addressed(
                text,
                type_enumerations(
                    text,
                    type_initialled(
                        text, type_withheld(text, join_districts(text, found), lexicon, lang), lang
                    ),
                    lexicon,
                    lang,
                ),
                lexicon,
                lang,
            ),
            lexicon,
            lang,
        ),
        lexicon,
        lang,
    )
    found = type_sites(text, type_traded(text, type_athletes(text, described, lexicon, lang), lexicon, lang))
    found = described_persons(text, hyphenated_names(text, found, lexicon, lang), lexicon, lang)
    if lang == "en" and "he " in text:
        found = press_names(text, found)
    if lang == "en":
        found = persons_by_relation(
            text, genitive_businesses(text, numbered_names(text, found), lexicon, lang), lexicon
        )
        if ", " in text:
            found = titled_appositions(text, found)
        if " on " in text:
            found = bodies_on(text, found)
    if '"' in text or "'" in text or "“" in text or "‘" in text:
        found = quoted_nicknames(text, found, lexicon)
    if lang == "nl" and " van " in text:
        found = given_name_van_place(text, found)
        if _Article(text, folded, lexicon, lang).old_spelling:
            found = addressed_double_surnames(text, found)
    return venues(text, regnal_names(text, surnames_not_towns(text, found)))


# The bodies that give a stock index its name: the index is no body ("the S&P 500", "the Nasdaq
# composite"), the exchange or the agency is.
INDEX_NAMERS = frozenset({"organisation:nasdaq", "organisation:standard-and-poors"})
INDEX_AFTER_NAME = re.compile(
    r"(?:['’]s)?(?:/| ?\d| (?:[Cc]omposite|[Ii]ndex|[Aa]verage|[Ii]ndustrials|[Ff]utures)\b|-(?:index|indexcijfer)\b)"
)
# "the S&P" is the index, as "the Dow" is; the agency goes without an article ("S&P cut").
INDEX_BEFORE = re.compile(r"(?:(?<![\w-])[Tt]he |\d \()\Z")
# An exchange's own uses: trading on it, listing on it, the exchange by its full name, speaking.
ON_EXCHANGE = re.compile(r"(?<![\w-])(?:on|op)(?: the| de)? \Z")
EXCHANGE_AFTER = re.compile(r"(?: Stock Market| OMX|-listed| said| says| announced| zei| meldde)\b")


def market_indices(text: str, found: list[Mention]) -> list[Mention]:
    """Without the mentions that name a stock index after the body behind it. "Nasdaq" alone is
    the exchange only where it trades, lists or speaks ("listed on the Nasdaq"); moving by points
    it is the index ("the Nasdaq fell 20 points"), and annotators of news mark an index as no
    body, so the archive does too."""
    kept = []
    for mention in found:
        if mention.actor_id in INDEX_NAMERS:
            if INDEX_AFTER_NAME.match(text, mention.end):
                continue
            if mention.text == "S&P" and INDEX_BEFORE.search(text, max(0, mention.start - 4), mention.start):
                continue  # "the S&P gained", "the Standard & Poor's 500 (S&P)": the index
            if (
                mention.actor_id == "organisation:nasdaq"
                and " " not in mention.text
                and not ON_EXCHANGE.search(text, 0, mention.start)
                and not EXCHANGE_AFTER.match(text, mention.end)
            ):
                continue
        kept.append(mention)
    return kept


# A capitalised word and "and" right before a name ("Transport and General Workers Union").
AND_BEFORE = re.compile(r"(?<![\w'’&.-])(" + UPPER_CLASS + r"[a-z]+) (?:and|en) \Z")


def joined_by_and(text: str, found: list[Mention], lexicon: Lexicon, lang: str) -> list[Mention]:
    """A body's name with "and" inside ("Transport and General Workers Union", "Bond voor
    Natuur en Milieu" aside): an everyday word in capitals right before "and" and a name that a
    body's word ends, is one name with it, where nothing before the word goes on in capitals
    and the word is no name of its own ("Ford and General Motors" are two)."""
    taken = {m.start: m for m in found}
    joined: dict[int, Mention] = {}
    for mention in found:
        if mention.layer != "rule:organisation" or " " not in mention.text:
            continue
        if fold(mention.text.rsplit(" ", 1)[-1]) not in GENERIC_ORG_WORDS:
            continue
        before = AND_BEFORE.search(text, max(0, mention.start - 30), mention.start)
        if before is None:
            continue
        word, start = fold(before.group(1)), before.start(1)
        other = taken.get(start)
        if (
            (other is not None and other.actor_id != "?")
            # the word ends another name ("Partij voor de Toekomst en Brabantse Zuivel NV")
            or any(m.start < start < m.end for m in found)
            or word in lexicon.entries
            or word in lexicon.first_names
            or lexicon.zipf(word, lang) < RARE_NAME  # a rare word is a name of its own
            or _capital_before(text, start)
        ):
            continue
        name = text[start : mention.end]
        joined[start] = Mention(organisation_id(name), start, mention.end, name, mention.layer)
    if not joined:
        return found
    spans = [(m.start, m.end) for m in joined.values()]
    kept = [m for m in found if not any(s <= m.start and m.end <= e for s, e in spans)]
    return sorted(kept + list(joined.values()), key=lambda m: (m.start, m.end))


def _capital_before(text: str, start: int) -> bool:
    """Whether the word before `start` is a name's, in capitals ("Ford Motor and ..."), not a
    function word opening the sentence ("The Transport and ...")."""
    words = text[max(0, start - 30) : start].split()
    return bool(words) and words[-1][:1].isupper() and fold(words[-1]) not in FUNCTION_WORDS


# A capitalised word joined by a hyphen to a name, before or after it ("Dlamini-Zuma").
HYPHENED_BEFORE = re.compile(UPPER_CLASS + r"[\w'’]*-\Z")
HYPHENED_AFTER = re.compile("-" + UPPER_CLASS)


DOUBLE_NAME = re.compile(UPPER_CLASS + r"[\w'’]*(?:-" + UPPER_CLASS + r"[\w'’]*)+")
GIVEN_NAME_BEFORE = re.compile(r"(?<![\w'’-])(" + UPPER_CLASS + r"[\w'’]*) \Z")


def apart(text: str, listed: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """The lists' persons that stand apart: a listed person's name joined by a hyphen to another
    name that the article gives after a given name is part of a double surname ("Nkosazana
    Dlamini-Zuma"), someone else's; a ticket of two ("Biden-Harris") names both."""
    doubles: set[str] = set()
    for match in DOUBLE_NAME.finditer(text):
        given = GIVEN_NAME_BEFORE.search(text, max(0, match.start() - 30), match.start())
        if given is not None and fold(given.group(1)) in lexicon.first_names:
            doubles.add(match.group())
    if not doubles:
        return listed
    return [
        m
        for m in listed
        if m.layer != "list:person"
        or not (
            HYPHENED_BEFORE.search(text, max(0, m.start - 30), m.start) or HYPHENED_AFTER.match(text, m.end)
        )
        or _double_around(text, m) not in doubles
    ]


def _double_around(text: str, mention: Mention) -> str:
    start = mention.start
    while start > 0 and (text[start - 1] == "-" or text[start - 1].isalpha() or text[start - 1] in "'’"):
        start -= 1
    end = mention.end
    while end < len(text) and (text[end] == "-" or text[end].isalpha() or text[end] in "'’"):
        end += 1
    return text[start:end]


def home_places(listed: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """In a Dutch article, a name that is a Dutch or Belgian town and a foreign place
    ("Middelburg" in Zeeland and in South Africa) is the Dutch or Belgian town, unless the
    article names the foreign place's country, or another place in it: the lists rank places by
    size, and a foreign place is the larger one as often as not."""
    if not lexicon.home_places:
        return listed
    countries = {
        mention.actor_id if mention.actor_id.startswith("country:") else lexicon.actors[mention.actor_id].country
        for mention in listed
        if mention.layer in PLACE_LAYERS | {ADJECTIVE} and mention.actor_id in lexicon.actors
        and fold_key(mention.text) not in lexicon.home_places
    }  # fmt: skip
    result = []
    for mention in listed:
        town = lexicon.home_places.get(fold_key(mention.text)) if mention.layer == "list:place" else None
        if (
            town is not None
            and mention.actor_id in lexicon.actors
            and lexicon.actors[mention.actor_id].country not in countries
        ):
            mention = mention._replace(actor_id=town)
        result.append(mention)
    return result


# Words of a geographic feature or a division of land that, capitalised right after a listed
# place, make one longer place of it ("Kent County", "Hudson River").
FEATURES_AFTER = frozenset(
    """
    county counties district districts township parish province river lake island islands isle
    bay sea ocean gulf strait valley mountains mountain hills peninsula coast creek reservoir
    canyon desert forest harbour harbor dock docks avenue road street highway square boulevard
    """.split()
)
# Words that, capitalised right before a listed place, make one longer place of it ("Lake
# Geneva", "Mount Kenya", "Port of Rotterdam", "City of Leeds").
FEATURES_BEFORE = re.compile(
    r"(?<![\w'’-])(?:(?:Lake|Mount|Mt\.|Cape|Isle|Gulf|Greater|Upper|Lower|Northern|Southern|Eastern|Western|Central)"
    r"|(?:Port|City|County|Province|Island|Isle|Gulf|Bay|Strait|Sea|Diocese|Borough|District) of)"
    r" \Z"
)
DISTRICT = re.compile(
    r"-(?:Noord|Zuid|Oost|West|Centrum|Noordoost|Noordwest|Zuidoost|Zuidwest|Nieuw-West)\b(?!-)"
)
COMPASS_BEFORE = re.compile(r"(?<![\w-])(?:Noord|Zuid|Oost|West|Midden|Centraal)(?:oost|west)?-\Z")
FEATURE_AFTER = re.compile(r"(?: " + UPPER_CLASS + r"\w+)+")
PLACE_LAYERS = frozenset({"list:place", "list:country"})
ADJECTIVE = "list:country-adjective"
# A listed place that a feature word extends is as sure a place as the list's own.
FEATURE_LAYER = "rule:place-feature"


def geographic_names(text: str, listed: list[Mention], lang: str) -> list[Mention]:
    """A listed place with the word of a feature or a division of land before or after it
    names that feature or division, a place of its own: "Mount Kenya" is no mention of the
    country and "Kent County" in Michigan no mention of the English county. So does a place
    with a word of a part before it ("Northern Kenya") and, in English, with a country
    adjective ("Spanish Sahara"); a Dutch one says where the place lies ("het Franse Lyon")."""
    result = []
    for mention in listed:
        if mention.layer not in PLACE_LAYERS:
            result.append(mention)
            continue
        start, end = mention.start, mention.end
        compass = COMPASS_BEFORE.search(text, max(0, start - 12), start) if lang == "nl" else None
        if compass is not None:
            # "Oost-Oekraïne", "Noord-Frankrijk": Dutch writes a part of a land as one word
            # with it, a mention of that land
            result.append(
                Mention(mention.actor_id, compass.start(), end, text[compass.start() : end], mention.layer)
            )
            continue
        before = FEATURES_BEFORE.search(text, max(0, start - 20), start)
        if before is not None:
            start = before.start()
        elif (
            lang != "nl"
            and result
            and result[-1].layer == ADJECTIVE
            and result[-1].end == start - 1
            and text[start - 1] == " "
            and result[-1].text[:1].isupper()
        ):
            # "Spanish Sahara", "Dutch Guiana": a colony or a region named after its country
            start = result.pop().start
        after = FEATURE_AFTER.match(text, end)
        if after is not None:
            words = after.group().split()
            count = 0
            while count < len(words) and fold(words[count]) in FEATURES_AFTER:
                count += 1
            if count:
                end += len(" ".join(words[:count])) + 1
        district = DISTRICT.match(text, end) if lang == "nl" and mention.layer == "list:place" else None
        if district is not None and (start, end) == (mention.start, mention.end):
            # "Rotterdam-Zuid", "Amsterdam-Noord": a part of the town, written as one name
            end = district.end()
            result.append(Mention(mention.actor_id, start, end, text[start:end], mention.layer))
        elif (start, end) == (mention.start, mention.end):
            result.append(mention)
        else:
            name = text[start:end]
            result.append(Mention(f"place:{slug(name)}", start, end, name, FEATURE_LAYER))
    return result


# The district a place's name may be followed by, as in "Washington, D.C." and "Washington DC":
# one place, whose letters are no place or body of their own.
DISTRICT_AFTER = re.compile(r",? (?:D\. ?C\.|DC\b)")


def join_districts(text: str, found: list[Mention]) -> list[Mention]:
    """A listed place followed by "D.C." (with or without a comma) is one mention of that place;
    a mention of the letters themselves goes."""
    result: list[Mention] = []
    end = -1
    for mention in found:
        if mention.start < end:
            continue  # inside the district just joined to the place before it
        after = DISTRICT_AFTER.match(text, mention.end) if mention.layer in PLACE_LAYERS else None
        if after is not None or (
            mention.text.endswith(("D.C", "D. C")) and text[mention.end : mention.end + 1] == "."
        ):
            # "Washington D.C": the list's name stops before the full stop of the letters
            end = after.end() if after is not None else mention.end + 1
            mention = Mention(mention.actor_id, mention.start, end, text[mention.start : end], mention.layer)
        result.append(mention)
    return result


NEXT_NAME_WORD = re.compile(r" (" + UPPER_CLASS + r"[\w'’]*(?:-\w+)*)(?![\w'’-])")


PLACE_FROM = re.compile(r"(?:^|\W)(?:from|uit) \Z")


def _starts_longer_name(text: str, mention: Mention, lexicon: Lexicon) -> bool:
    """Whether a listed place is only the first word(s) of a longer name that goes on with a
    capitalised word: a team ("Leeds Rhinos"), an orchestra ("Rotterdam Philharmonisch"), a
    newspaper, a hall or a festival. A title ("California Governor"), a month or a day,
    another listed name, or a given name after "from" ("Senator from Vermont Bernie Sanders")
    after it says nothing of the kind. A country before a name is its
    qualifier and still a mention ("United States Treasury"), and a heading in capitals
    ("ENGELAND De regering ...") runs on into its text."""
    if mention.layer not in ("list:place", FEATURE_LAYER) or mention.text.isupper():
        return False
    after = NEXT_NAME_WORD.match(text, mention.end)
    if after is None:
        return False
    word = fold(after.group(1))
    return not (
        word in PERSON_TITLES
        or word in MONTHS_DAYS
        or word in FUNCTION_WORDS
        or word in lexicon.entries
        or after.group(1).isupper()
        # "Senator from Vermont Bernie Sanders": after "from" the town is where the person
        # after it is from ("the collection of Alma Gilbert" names one person)
        or (
            word in lexicon.first_names and PLACE_FROM.search(text[max(0, mention.start - 6) : mention.start])
        )
    )


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
        if before is not None and INITIAL_FIRST.match(mention.text):
            before = None  # "te Tiel N. L. Post en Zoon": a person's firm, not the town's
        after = starts.get(mention.end + 1) if mention.layer == "candidate:organisation" else None
        if before is not None and text[before.end] in JOINS:
            first, last, listed_part = before, mention, before
        elif after is not None and text[mention.end] in JOINS:
            first, last, listed_part = mention, after, after
        else:
            result.append(mention)
            continue
        end = last.end
        double = DOUBLE_PLACE.match(text, end) if after is not None else None
        if double is not None:
            # "Gerechtshof Arnhem-Leeuwarden", "Veiligheidsregio Rotterdam-Rijnmond": the body
            # of two places, or of a place and its region
            end = double.end()
            joined.update(m for m in listed if last.end < m.start and m.end <= end)
        name = text[first.start : end]
        if before is not None and before.actor_id.startswith("organisation:"):
            actor_id, layer = before.actor_id, before.layer
        else:
            actor_id, layer = organisation_id(name), "rule:organisation"
        joined.add(listed_part)
        result.append(Mention(actor_id, first.start, end, name, layer))
    return Joined([m for m in listed if m not in joined], result)


DOUBLE_PLACE = re.compile(r"(?:-" + UPPER_CLASS + r"[\w'’]+)+")


ORGANISATION_LAYERS = frozenset({"rule:organisation", "candidate:organisation"})
# An initial opening a name: the name of a person, or of a firm named after one.
INITIAL_FIRST = re.compile(UPPER_CLASS + r"\. ")


def _listed_name(inside: list[Mention], start: int, end: int) -> str | None:
    """The listed organisation that a spelled-out name is ("Centraal Bureau voor de Statistiek
    (CBS)"), else None."""
    return next(
        (
            m.actor_id
            for m in inside
            if m.start == start
            and m.end == end
            and m.layer.startswith("list:")
            and m.actor_id.startswith("organisation:")
        ),
        None,
    )


# A country's adjective before a ministry ("het Franse ministerie van Financiën").
COUNTRY_BEFORE = re.compile(UPPER_CLASS + r"\w+e \Z")


def home_ministries(text: str, listed: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """The list's Dutch ministries named by their portfolio ("het ministerie van Financiën")
    are Dutch only in an article about the Netherlands or no other country, with no country's
    adjective before them ("het Franse ministerie van Financiën" is France's, which no list
    knows) and the portfolio capitalised ("het ministerie van financiën" of any country)."""
    ministries = [
        m for m in listed if m.layer == "list:organisation" and m.text[:11].lower() == "ministerie "
    ]
    if not ministries:
        return listed
    lands = article_lands(listed, lexicon)
    abroad = any(n > lands["country:nl"] for c, n in lands.items() if c and c != "country:nl")
    foreign = {
        m
        for m in ministries
        if abroad
        or _adjective_before(text, m)
        or not text[m.start + len("ministerie van ") : m.end][:1].isupper()
    }
    return [m for m in listed if m not in foreign]


def _adjective_before(text: str, mention: Mention) -> bool:
    before = COUNTRY_BEFORE.search(text, max(0, mention.start - 30), mention.start)
    return before is not None and not starts_sentence(text, before.start())


def spelled_acronyms(found: list[Mention]) -> list[Mention]:
    """An acronym and the name its capitals spell out in the same article are one organisation,
    wherever the article spells it out ("de VNG, de Vereniging van Nederlandse Gemeenten", "het
    Centraal Bureau voor de Statistiek ... het CBS"), if exactly one of the article's names
    spells it: a list's actor if either is listed, else the spelled-out name's."""
    acronyms = {
        m.text: m.actor_id
        for m in found
        if m.text.isupper()
        and 2 <= len(m.text) <= 6
        and m.text.isalpha()
        and m.actor_id.startswith("organisation:")
    }
    if not acronyms:
        return found
    spelled: dict[str, set[str]] = defaultdict(set)
    for m in found:
        if m.actor_id.startswith("organisation:") and " " in m.text and not m.text.isupper():
            letters = "".join(word[0] for word in m.text.split() if word[:1].isupper())
            if len(letters) > 1 and letters in acronyms:
                spelled[letters].add(m.actor_id)
    listed = {m.actor_id for m in found if m.layer.startswith("list:")}
    joined: dict[str, str] = {}
    for letters, ids in spelled.items():
        acronym = acronyms[letters]
        if len(ids) != 1 or acronym in ids or (acronym in listed and ids <= listed):
            continue
        name = next(iter(ids))
        if acronym in listed:
            joined[name] = acronym
        else:
            joined[acronym] = name
    if not joined:
        return found
    return [m._replace(actor_id=joined[m.actor_id]) if m.actor_id in joined else m for m in found]


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
            if token[0] != capitals[-1] or (
                token.lower() in SENTENCE_STARTERS and starts_sentence(text, word.start())
            ):
                return None  # "Volgens Brakkeveld (VB)": the sentence's word spells nothing
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
        actor_id = listed.actor_id if listed else _listed_name(inside, start, end) or organisation_id(name)
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


# After a country in brackets (its closing bracket, after an abbreviation's full stop or not).
BRACKET_CLOSE = re.compile(r"\.?\)")


def type_athletes(text: str, found: list[Mention], lexicon: Lexicon, lang: str) -> list[Mention]:
    """A name of no kind with a country in brackets right after it is a competitor's, as sports
    results write them ("Sampras (U.S.) beat Kafelnikov (Russia) 6-3 6-4", "1. Gebrselassie
    (Ethiopia) 12:44.90"): a person, unless it is an everyday word or capitals."""
    result = list(found)
    for index in range(len(found) - 1):
        mention, country = found[index], found[index + 1]
        if (
            mention.layer == "candidate"
            and country.layer == "list:country"
            and text[mention.end : country.start] == " ("
            and BRACKET_CLOSE.match(text, country.end) is not None
            and not is_all_caps(mention.text)
            and lexicon.zipf(fold(mention.text.split()[-1]), lang) < EVERYDAY_ITEM
        ):
            result[index] = Mention(
                f"person:{slug(mention.text)}", mention.start, mention.end, mention.text, "rule:person-cue"
            )
    return result


# "Social Democrats", "Christian Democrats", "Free Democrats": a party of a family that a word
# before the plural names, in any country, no mention of the listed party that the plural alone
# may name ("Democrats", "Republicans").
PARTY_FAMILY = re.compile(r"(?<![\w'’-])(?:Social|Christian|Free|New|National|Radical) \Z")


def party_families(text: str, found: list[Mention]) -> list[Mention]:
    """A listed party named by a plural alone ("Democrats") that a word of a party family stands
    before is a party of its own, one name with that word, not the listed party."""
    result = []
    for mention in found:
        family = (
            PARTY_FAMILY.search(text, max(0, mention.start - 12), mention.start)
            if mention.layer == "list:organisation" and mention.text.endswith("s") and " " not in mention.text
            else None
        )
        if family is not None:
            name = text[family.start() : mention.end]
            mention = Mention(organisation_id(name), family.start(), mention.end, name, "rule:organisation")
        result.append(mention)
    return result


# The legal forms that may follow a company's name, as news writes them ("Fiat SpA", "Volvo AB",
# "Ford Motor Co Ltd", "Grupo Varela S.A."): a form with a full stop inside keeps its last one.
_LEGAL_FORM = (
    r"(?:Inc|Corp|Co|Cos|Ltd|Plc|PLC|plc|LLC|NV|BV|AG|GmbH|SA|SpA|SAB|AB|ASA|Oyj|Bhd|Berhad|Tbk|LP"
    r"|N\.V\.|B\.V\.|S\.A\.|S\.p\.A\.|L\.P\.|S\.A\.B\.)"
)
LEGAL_AFTER = re.compile(rf"(?: {_LEGAL_FORM}(?![\w&-]))(?:\.? {_LEGAL_FORM}(?![\w&-]))*")
# After a name that ends in a form already, its abbreviation's full stop may come first ("Nomura
# Securities Co. Ltd.").
MORE_LEGAL_AFTER = re.compile(rf"(?:\.? {_LEGAL_FORM}(?![\w&-]))+")
LEGAL_END = re.compile(rf"(?<![\w&-]){_LEGAL_FORM}\Z")


def legal_forms_after(text: str, found: list[Mention]) -> list[Mention]:
    """A company's legal form right after its name is part of the name ("Fiat SpA", "Volvo
    AB", "Ford Motor Co"), whichever list or rule found the name: the form is no place ("Spa")
    and no body of its own ("AB"), and the company keeps its id."""
    result: list[Mention] = []
    end = -1
    for mention in found:
        if mention.start < end:
            continue  # the form just joined to the company before it
        after = None
        if _organisation(mention):
            more = LEGAL_END.search(mention.text) is not None
            after = (MORE_LEGAL_AFTER if more else LEGAL_AFTER).match(text, mention.end)
        if after is not None:
            end = after.end()
            mention = Mention(mention.actor_id, mention.start, end, text[mention.start : end], mention.layer)
        result.append(mention)
    return result


# What joins two names into one firm's name: the ampersand is no "and" of prose.
AMPERSANDS = frozenset({" & "})
# Words after an ampersand that end a firm's name whatever stands before them ("E. von Windheim &
# Co", "Hope & Cie", "Dekker & Zn").
FIRM_TAILS = frozenset("co cie c zn zonen zoon sons son company partners".split())
# A number or an index word after the joined name ("S&P 500", "Standard & Poor's 500-index",
# "the S & P) index"): an index of the firm, no firm.
INDEX_AFTER = re.compile(r"(?:['’]s)?(?: ?\d|\)? ?-?ind)")


def join_ampersands(text: str, found: list[Mention]) -> list[Mention]:
    """In Dutch, names joined by an ampersand are one firm's name ("Brinkers & Vollema", "Dekker
    & Zn"), not a person beside a person: a word on either side, or any name before a firm's
    tail; not before a number or "index" ("S & P 500"), not two places or countries (a list
    names "Trinidad & Tobago" whole), and not two persons' full names. Titles and lists join
    longer names with it ("Glory Home & Away"), and OCR reads it inside words."""
    result: list[Mention] = []
    for mention in found:
        previous = result[-1] if result else None
        if (
            previous is not None
            and text[previous.end : mention.start] in AMPERSANDS
            and " " not in mention.text
            and (" " not in previous.text or fold(mention.text) in FIRM_TAILS)
            and previous.text[:1].isupper()
            and mention.text[:1].isupper()
            and INDEX_AFTER.match(text, mention.end) is None
            and not all(m.actor_id.startswith(("place:", "country:")) for m in (previous, mention))
            and not all(m.actor_id.startswith("person:") and " " in m.text for m in (previous, mention))
        ):
            name = text[previous.start : mention.end]
            result[-1] = Mention(
                organisation_id(name), previous.start, mention.end, name, "rule:organisation"
            )
            continue
        result.append(mention)
    return result


# "de Duitse Keller", "het Britse Halvergate": in Dutch a name after a nationality adjective
# takes the article of what it names, "de" for a person and "het" for a company (of the neuter
# "het bedrijf" left out).
# What after the name says it is neither: a stock index's figures ("de Duitse Dax 2,8%", "de
# Japanse Nikkei 225", "de Braziliaanse Bovespa verloor 6,89%") or a body's acronym ("de
# Amerikaanse Rekenkamer (GAO)").
NOT_BY_ARTICLE = re.compile(
    r" \d| \(" + UPPER_CLASS + r"{2,}\)|[^.\n]{0,60}(?:%|procent|punten|index|indices|indexen|beurs)"
)
# A name of no kind, or a person only by a verb of saying after it or by its rare words.
ARTICLE_TYPED = frozenset({"candidate", "rule:person-cue", "rule:rare-name"})
GENDER_ARTICLE = re.compile(r"(?:\A|\W)(de|het) \Z", re.IGNORECASE)


def type_by_article(text: str, found: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """A name that nothing else placed, after an article and a country adjective, is a person
    after "de" (one word: "de Amerikaanse Lehman Brothers" is a firm) and an organisation after
    "het", in today's spelling; "het" outweighs a verb of saying after it ("het
    Zweedse X meldt"); not an everyday word ("de Franse Revolutie") and, after "de", not an
    acronym ("de Amerikaanse FBI")."""
    found = list(found)
    old_spelling: bool | None = None
    for index in range(1, len(found)):
        mention, adjective = found[index], found[index - 1]
        if (
            mention.layer not in ARTICLE_TYPED
            or adjective.layer != ADJECTIVE
            or text[adjective.end : mention.start] != " "
        ):
            continue
        article = GENDER_ARTICLE.search(text[max(0, adjective.start - 5) : adjective.start])
        last = fold(mention.text).split()[-1]
        if (
            article is None
            or (lexicon.zipf(last, "nl") >= EVERYDAY_ITEM and last not in lexicon.common_surnames)
            or NOT_BY_ARTICLE.match(text, mention.end) is not None
        ):
            continue
        if old_spelling is None:
            # old papers write "de Fransche Moniteur", "het Wetgevend Ligchaam": capitalised
            # nouns, no names
            old_spelling = _Article(text, fold(text), lexicon, "nl").old_spelling
        if old_spelling:
            return found
        if article.group(1).lower() == "het":
            found[index] = Mention(
                organisation_id(mention.text), mention.start, mention.end, mention.text, "rule:organisation"
            )
        elif mention.layer == "candidate" and " " not in mention.text and not is_all_caps(mention.text):
            found[index] = Mention(
                f"person:{slug(mention.text)}", mention.start, mention.end, mention.text, "rule:person-cue"
            )
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
            if other.actor_id == "?" or other.layer == ADJECTIVE:
                continue
            between = text[other.end : mention.start] if order.step == 1 else text[mention.end : other.start]
            if between not in ENUMERATION or starts_sentence(text, mention.start):
                continue
            words = fold(mention.text).split()
            if len(words) == 1 and (
                (lexicon.zipf(words[0], lang) >= EVERYDAY_ITEM and not _between(text, found, index))
                or len(words[0].strip(".")) == 1
            ):
                continue  # an everyday word or a lone initial ("en C°.", "A. M.") is no item
            kind = other.actor_id.split(":", 1)[0]
            kind = "place" if kind == "country" else kind
            actor_id = (
                organisation_id(mention.text) if kind == "organisation" else f"{kind}:{slug(mention.text)}"
            )
            found[index] = Mention(actor_id, mention.start, mention.end, mention.text, "rule:enumeration")
    return found


def _between(text: str, found: list[Mention], index: int) -> bool:
    """Whether a name is an item of an enumeration whose other items, two at least and one after
    it, are names of one kind ("Chrysler, Ford and General Motors", "Ford, Chrysler en General
    Motors") and the article never writes it in lower case: then even an everyday word ("Ford",
    "Total") is an item of the list. The last item may be the next sentence's first word ("...,
    Berlijn en Toch kwam niemand")."""
    kinds = set()
    count = 0
    for step in (1, -1):
        if step < 0 and count == 0:
            return False
        here = index
        while 0 <= here + step < len(found):
            near, other = found[here], found[here + step]
            between = text[other.end : near.start] if step < 0 else text[near.end : other.start]
            if other.actor_id == "?" or other.layer == ADJECTIVE or between not in ENUMERATION:
                break
            kinds.add(other.actor_id.split(":", 1)[0])
            count += 1
            here += step
    if count < 2 or len(kinds) != 1:
        return False
    return not _written_in_lower_case(text, found[index].text)


# Initials and the particles of a surname, in lower case or in capitals ("A. van ", "J. H. VAN
# DER "): what follows them is the surname, though a town or a country shares it.
_INITIALS = r"((?:" + UPPER_CLASS + r"\. ?){1,5})"
_PARTICLES = r"((?i:(?:van|von|de|der|den|ten|ter|du|des|la|le) ){1,3})"
INITIALLED = re.compile(r"(?<![\w.])" + _INITIALS + _PARTICLES + r"\Z")
INITIALLED_NAME = re.compile(_INITIALS + _PARTICLES + UPPER_CLASS + r"[\w'’-]+")
# A capitalised word before one letter of a Roman number makes it a regnal number ("Willem I.
# van Oranje"), no initial.
REGNAL_BEFORE = re.compile(UPPER_CLASS + r"[\w'’-]*[^\W\d_] [IVX]\. \Z")
# What a surname after initials and particles may have been taken for.
INITIALLED_LAYERS = frozenset({"list:place", "list:country", "rule:place", "candidate", "rule:enumeration"})


# "Mohammed B.", "Volkert van der G.": Dutch news names a suspect or a victim by a given name and
# the first letter of the surname. "I" after a name is a Roman number ("Willem I.").
WITHHELD = re.compile(
    r"(" + UPPER_CLASS + r"(?<![\w.'’-].)[\w'’]+)((?: (?:van|de|der|den|ten|ter|el|al))*) "
    r"([A-HJ-Z])\.(?! ?" + UPPER_CLASS + r"\.)(?: (\w+))?"
)
# A word after the letter that opens a sentence rather than going on with the name (Zipf): a
# sentence seldom opens with a noun alone ("Henk J. Berg"), but with the commonest words.
SENTENCE_AFTER = 5.0
# A word before particles and an initial that is no word of its own (Zipf): a given name.
RARE_GIVEN = 3.0


def type_withheld(text: str, found: list[Mention], lexicon: Lexicon, lang: str) -> list[Mention]:
    """In Dutch, a given name and the initial of a surname are one person ("Mohammed B. werd
    veroordeeld"), and so are a rare word, particles and an initial ("Volkert van der G."),
    where a lone given name or initial would be none and the given name may be a listed town
    ("Ramon"); not when a surname follows the initial ("Jan P. Balkenende")."""
    if lang != "nl" or "." not in text:
        return found
    names: list[Mention] = []
    for match in WITHHELD.finditer(text):
        given = fold(match.group(1))
        if match.group(1).isupper():
            continue  # a word in capitals, a heading's or OCR's
        if given not in lexicon.first_names and not (
            match.group(2) and lexicon.zipf(given, "nl") < RARE_GIVEN  # "Volkert van der G."
        ):
            continue
        after = match.group(4)
        if after is not None and after[:1].isupper() and not _opens_sentence(fold(after), lexicon):
            continue  # "Jan P. Balkenende", "George W. Bush": the initial of a middle name
        end = match.end(3) + 1
        name = text[match.start() : end]
        names.append(Mention(f"person:{slug(name)}", match.start(), end, name, "rule:person-cue"))
    if not names:
        return found
    kept = [m for m in found if not any(n.start < m.end and m.start < n.end for n in names)]
    return sorted(kept + names, key=lambda m: (m.start, m.end))


def _opens_sentence(word: str, lexicon: Lexicon) -> bool:
    """Whether a capitalised word after an initial opens the next sentence ("De", "Hij"): a
    function word or an everyday Dutch word that no list has as a name or a surname."""
    if word in FUNCTION_WORDS or word in SENTENCE_STARTERS:
        return True
    return (
        lexicon.frequencies.get("nl", {}).get(word, 0.0) >= SENTENCE_AFTER
        and word not in lexicon.entries
        and word not in lexicon.common_surnames
        and word not in lexicon.census_surnames
        and word not in lexicon.person_surnames
    )


def type_initialled(text: str, found: list[Mention], lang: str) -> list[Mention]:
    """In Dutch, initials and a particle before a name make it a surname ("A. van Assen", "E. M.
    van Lier", "K. van Spanje"): the person's, with the initials and the particles, not the town
    or the country of that name. A name of no kind written so in capitals ("F. VAN LANSCHOT",
    as notices print it) is a person's too."""
    if lang != "nl":
        return found
    result: list[Mention] = []
    for mention in found:
        if mention.layer not in INITIALLED_LAYERS or not mention.text[:1].isupper():
            result.append(mention)
            continue
        if mention.actor_id == "?" and INITIALLED_NAME.fullmatch(mention.text):
            result.append(Mention(f"person:{slug(mention.text)}", *mention[1:4], "rule:person-cue"))
            continue
        lead = (
            INITIALLED.search(text, max(0, mention.start - 40), mention.start)
            if " " not in mention.text and text[mention.start - 1 : mention.start] == " "
            else None
        )
        if lead is None or REGNAL_BEFORE.search(text, max(0, lead.start() - 30), lead.end(1)):
            result.append(mention)
            continue
        while result and result[-1].start >= lead.start():
            result.pop()  # the initials, read as a name of no kind
        name = text[lead.start() : mention.end]
        result.append(Mention(f"person:{slug(name)}", lead.start(), mention.end, name, "rule:person-cue"))
    return result


# A word of address right before a name ("de heer Kampen", "Wed. Barneveld", "Mrs. Washington"),
# and those that address several ("de heeren Mackay, Delprat en Hoffman", "de hh.", "Messrs.").
_LEAD = r"((?:(?:van|von|de|der|den|ten|ter|te|du|da|di|del|della) ){0,3})"
_ADDRESS_WORDS = (
    "heer heeren heren hh mevrouw mevr mejuffrouw mej wed weduwe mr dr jhr jonkheer ds messrs mrs ms".split()
)
_ADDRESS = r"(?<![\w.])(" + "|".join(_ADDRESS_WORDS) + r")\.?:?\s"
ADDRESSED = re.compile(_ADDRESS + _LEAD + r"\Z", re.IGNORECASE)
# A word of address anywhere in a text.
ANY_ADDRESS = re.compile(_ADDRESS, re.IGNORECASE)
# Where a word of address may begin: its first letter as a character class, which the regex
# engine scans for fast, where ANY_ADDRESS is tried at every character of a text.
_FIRST_LETTERS = "".join(sorted({word[0] for word in _ADDRESS_WORDS}))
MAYBE_ADDRESS = re.compile(
    rf"[{_FIRST_LETTERS}{_FIRST_LETTERS.upper()}](?<![\w.].)"
    rf"(?i:{'|'.join(sorted({word[1:] for word in _ADDRESS_WORDS}))})\.?:?\s"
)
# The next item of a list of names, its particles in lower case ("..., van Hasselt").
NEXT_ITEM = re.compile(rf"(?:, |,? en |,? and ){_LEAD}\Z")
PLURAL_ADDRESS = frozenset({"heeren", "heren", "hh", "messrs"})
# What a surname after a word of address may have been taken for: a place, a name of no kind, or
# a given name alone ("de heer Olivier", "Mr. Thomas": a surname that is a given name too).
ADDRESSED_LAYERS = frozenset(
    {"list:place", "rule:place", "rule:enumeration", "candidate", "candidate:first-name"}
)


# "den kastelein Drost", "de bakker Barneveld": an occupation after an article, right before a
# name, addresses one person as a word of address does.
OCCUPATION_BEFORE = re.compile(r"(?<![\w-])(?:de|den|der|De|Den) ([a-z]+) \Z")


def _occupation_before(text: str, start: int) -> bool:
    # The word before the space before the name is the occupation, if any: looked up before
    # the window is searched, since a search tries every position of it.
    if (
        text[start - 1 : start] != " "
        or text[text.rfind(" ", 0, start - 1) + 1 : start - 1] not in OCCUPATIONS
    ):
        return False
    match = OCCUPATION_BEFORE.search(text, max(0, start - 30), start)
    return match is not None and match.group(1) in OCCUPATIONS


def type_addressed(text: str, found: list[Mention], lexicon: Lexicon, lang: str) -> list[Mention]:
    """A name right after a word of address is a person's, though a town or a word shares it
    ("de heer Kampen", "de heer Poort"); after a plural one every name of the list that follows
    is ("de heeren Mackay, Delprat en Hoffman"), but for an initial or an everyday word. In
    Dutch an occupation after an article addresses one ("den bakker Barneveld"). Only
    one-word names, places and names of no kind are retyped: a country or an organisation keeps
    its kind."""
    found = list(found)
    # Most articles hold no word of address at all: then no name is searched for one.
    maybe = MAYBE_ADDRESS.search(text)
    addressing = maybe is not None and ANY_ADDRESS.search(text, maybe.start()) is not None
    plural_until = -1  # the end of the last name of a list addressed in the plural
    for index, mention in enumerate(found):
        item = NEXT_ITEM.match(text, plural_until, mention.start) if plural_until >= 0 else None
        plural_until = -1
        # The first place in the window where a word of address may begin, found by its first
        # letter: no ADDRESSED match begins before it.
        maybe = MAYBE_ADDRESS.search(text, max(0, mention.start - 30), mention.start) if addressing else None
        address = ADDRESSED.search(text, maybe.start(), mention.start) if maybe is not None else None
        occupation = address is None and lang == "nl" and _occupation_before(text, mention.start)
        if item is not None:
            particles = item.group(1)
            plural_until = mention.end
        elif address is not None:
            particles = address.group(2)
            if address.group(1).lower() in PLURAL_ADDRESS:
                plural_until = mention.end
        elif occupation:
            particles = ""
        else:
            continue
        if (
            mention.layer in ADDRESSED_LAYERS
            and (mention.actor_id.startswith(("place:", "?")) or mention.layer == "rule:enumeration")
            and " " not in mention.text
            and mention.text[:1].isupper()
            and len(mention.text.strip(".")) > 1  # "en M. kwamen": an initial
            # an everyday word is no item of the list ("..., en Toch"), a town may be a surname
            and (
                address is not None
                or occupation
                or mention.layer != "candidate"
                or lexicon.zipf(fold(mention.text), lang) < EVERYDAY_ITEM
                or fold(mention.text) in lexicon.common_surnames
            )
        ):
            start = mention.start - len(particles)  # "..., van Hasselt": the particles are the name's
            name = text[start : mention.end]
            found[index] = Mention(f"person:{slug(name)}", start, mention.end, name, "rule:person-cue")
    return found


# A team's name in sports results: up to four capitalised words.
TEAM = UPPER_CLASS + r"[\w.'’-]*(?: " + UPPER_CLASS + r"[\w.'’-]*){0,3}"
# "Harwick 2 Dunmore 1", "Harwick 102 Dunmore 99 (overtime)": a line of results, two teams and
# their scores; "Harwick 30 21 5 4 70 31 68": a line of a league table, a team and its counts.
SPORTS_LINE = re.compile(
    rf"[ \t]*({TEAM})[ \t]+\d{{1,3}}(?:[ \t]+({TEAM})[ \t]+\d{{1,3}}[ \t]*(?:\([^()\n]*\))?"
    rf"|(?:[ \t]+\d{{1,3}}){{4,}})[ \t]*"
)
# "Harwick beat Dunmore 2-1", "Breda versloeg Tilburg met 3-1": a verb of a match between two
# teams, in a sentence with a score.
MATCH_VERBS = tuple(
    f" {verb.replace('_', ' ')} "
    for verb in "beat defeated edged thrashed routed drew_with lost_to versloeg klopte won_van verloor_van".split()
)
# "Breda won zondag met 2-0 van Tilburg", "Breda speelde 1-1 gelijk tegen Tilburg": a Dutch
# verb of a match, a few lower-case words or the score, and the word before the other team.
DUTCH_MATCH = re.compile(
    r" (?:won|wint|winnen|wonnen|verloor|verliest|verloren|speelde|speelt|speelden)"
    r"(?: (?:[a-z]+|\d{1,3}-\d{1,3})){0,4} (?:van|tegen) "
)
# "Gisteren won Breda met 2-1 van Tilburg": the verb before the first team.
DUTCH_MATCH_AFTER = re.compile(
    rf" (?:won|wint|verloor|verliest|speelde|speelt|klopte|versloeg) ({TEAM})"
    r"(?: (?:[a-z]+|\d{1,3}-\d{1,3})){0,4} (?:van|tegen) " + rf"({TEAM})"
)
# "Lokeren - Anderlecht 1-3": two teams joined by a dash, and their score.
MATCH_PAIR = re.compile(rf"(?<![\w.'’-])({TEAM})[ \t]+[-–][ \t]+({TEAM})[ \t]+\d{{1,3}}-\d{{1,3}}(?![\d-])")
# "played for Harwick", "speelde voor Breda": what a player plays for is a club, and so is whose
# player, goalkeeper or trainer one is ("de spits van Lokeren", "trainer van Breda").
_PLAYS_FOR = (
    r"\b(?:(?:play(?:s|ed|ing)?|signed|debut(?:ed)?|speel(?:t|de|den)|kwam uit|komt uit|tekende)"
    r" (?:\d+ (?:games|matches|seasons|wedstrijden|seizoenen) )?(?:for|with|voor|bij)"
    r"|coach(?:es|ed)|captain(?:s|ed)|trainde|(?:trainer|coach|spits|doelman|keeper|aanvaller|"
    r"verdediger|middenvelder|aanvoerder|speler|spelers|supporters) van) "
)
# "the Harwick players", "North Melbourne player Jon Okafor", "Kalmar coach Nanne Bergstrand",
# "Barnsley manager Danny Wilson": whose players, coach or manager they are is a club (a
# coach or a manager only with a name after: "the London coach crashed" was a bus, and "a
# Chicago manager" may be anyone's).
PLAYERS_AFTER = re.compile(
    r" (?:player|players|speler|spelers|striker|strikers|midfielder|defender|goalkeeper|"
    r"keeper|forward|winger|playmaker|centre-back|center-back|full-back|fullback|quarterback|"
    r"pitcher|outfielder|linebacker|(?:coach|manager)(?= " + UPPER_CLASS + r"))\b"
)
PLAYS_FOR = re.compile(_PLAYS_FOR + r"\Z")
# The words that end what PLAYS_FOR reads, right before the space before a name.
PLAYS_FOR_ENDS = tuple("for with voor bij coaches coached captains captained trainde van".split())
ANY_PLAYS_FOR = re.compile(_PLAYS_FOR)
# Where a match of ANY_PLAYS_FOR may begin: the first letter of one of its words, then the
# word's beginning (a character class the regex engine skips to; `\b` first is tried at every
# character).
MAYBE_PLAYS_FOR = re.compile(
    r"[acdkmpstv](?<!\w.)(?:lay|igned|ebut|peel|peler|wam uit|omt uit|ekende|oach|aptain|rain|pits|oelman|"
    r"eeper|anvaller|erdediger|iddenvelder|anvoerder|upporters)"
)
# "joined Harwick from Dunmore", "on loan at Harwick": in an article about sport, what a player
# joins or comes from is a club; where one moves or returns to may be the town or the state.
TRANSFER_BEFORE = re.compile(
    r"(?<![\w-])(?:join(?:s|ed|ing)|on loan (?:to|from|at)|loaned to|signed from)(?: the)? \Z"
    r"|(?<![\w-])join(?:s|ed|ing) " + TEAM + r" from \Z"
)
# "Harwick were favourites", "Harwick have won": British sports writing gives a club a plural
# verb, which a town's name never takes.
PLURAL_AFTER = re.compile(r" (?:were|are|have)\b")
# "in London were": a town after a word of place stays the town.
PLACE_WORD_BEFORE = re.compile(r"(?<![\w-])(?:in|at|near|from|of|to) \Z", re.IGNORECASE)
SCORE_HYPHEN = re.compile(r"-(?=\d)")
# "Harwick drew 1-1 with Dunmore", "lost 2-1 to Dunmore": a verb of a match with its score
# before the other team.
SCORED_VERB = re.compile(r" (?:drew|lost|won) \d{1,3}-\d{1,3} (?:with|to|against|at|over) ")
TEAM_BEFORE = re.compile(rf"({TEAM})\Z")
TEAM_AFTER = re.compile(TEAM)
# A score ("2-1", not a date's "1.2-3"). Its first digit is read before what stands before it:
# the regex engine skips to a digit, where a lookbehind first is tried at every character.
SCORE = re.compile(r"\d(?<![\d.,]\d)\d{0,2}-\d{1,3}(?![\d-])")
# What a team's name may have been taken for: a listed town, a rule's place, a name of no kind.
TEAM_LAYERS = frozenset(
    {"list:place", FEATURE_LAYER, "rule:place", "rule:enumeration", "candidate", "candidate:first-name"}
)


def type_teams(text: str, found: list[Mention], lexicon: Lexicon, lang: str) -> list[Mention]:
    """A town's name in sports results names its club: the teams of a line of results or of a
    league table, and those that a verb of a match joins in a sentence with a score ("Harwick
    beat Dunmore 2-1"), are organisations, where a list or a rule made a place of them or left
    them open. A country stays a country (its national team is named as the country) and a
    person a person."""
    # Where a team's name ends (the words before it may open a sentence) and where one begins
    # (the words after it may go on), by where it was seen.
    in_lines: dict[int, int] = {}
    before_verb: dict[int, int] = {}
    after_verb: dict[int, int] = {}
    line_start = 0
    for line in text.split("\n"):  # a line that ends in a count or a bracket may be results
        last = line.rstrip()[-1:]
        if (last.isdigit() or last == ")") and (
            match := SPORTS_LINE.fullmatch(text, line_start, line_start + len(line))
        ):
            in_lines[match.end(1)] = match.start(1)
            if match.group(2):
                in_lines[match.end(2)] = match.start(2)
        line_start += len(line) + 1
    seen = -1
    for hyphen in SCORE_HYPHEN.finditer(text):  # a score ("2-1") is rare; its line is read whole
        at = hyphen.start()
        if at == 0 or not text[at - 1].isdigit() or at < seen:
            continue
        line_start = text.rfind("\n", 0, at) + 1
        seen = text.find("\n", at)
        seen = len(text) if seen < 0 else seen
        if SCORE.search(text, line_start, seen):
            for verb_text in MATCH_VERBS:
                found_at = text.find(verb_text, line_start, seen)
                if found_at >= 0:
                    _team_verb(text, line_start, found_at, found_at + len(verb_text), before_verb, after_verb)
            for scored in SCORED_VERB.finditer(text, line_start, seen):
                _team_verb(text, line_start, scored.start(), scored.end(), before_verb, after_verb)
            for verb in DUTCH_MATCH.finditer(text, line_start, seen):
                _team_verb(text, line_start, verb.start(), verb.end(), before_verb, after_verb)
            for pair in (
                *MATCH_PAIR.finditer(text, line_start, seen),
                *DUTCH_MATCH_AFTER.finditer(text, line_start, seen),
            ):
                in_lines[pair.end(1)] = pair.start(1)
                # a full stop after the second team ends the sentence
                in_lines[pair.start(2) + len(pair.group(2).rstrip("."))] = pair.start(2)
    # "Newcastle beat Tottenham to go top of the league": in an article about sport, two towns
    # (or a town and a body the lists or the rules know: "Arsenal beat Derby") with only a verb
    # of a match between them are clubs without a score too.
    pairs = [
        (first, second)
        for first, second in zip(found, found[1:], strict=False)
        if _team_side(first) and _team_side(second) and _verb_between(text, first, second, lang)
    ]
    if pairs and sports_article(text):
        for first, second in pairs:
            in_lines[first.end] = first.start
            in_lines[second.end] = second.start
    # a transfer or a plural verb makes a club of a town in an article about sport only; the
    # towns are looked at first, as few articles have such a town and most have a plural verb
    moved = {
        m.start
        for m in found
        if m.layer == "list:place"
        and (
            TRANSFER_BEFORE.search(text, max(0, m.start - 60), m.start) is not None
            or (
                PLURAL_AFTER.match(text, m.end) is not None
                and PLACE_WORD_BEFORE.search(text, max(0, m.start - 8), m.start) is None
            )
        )
    }
    moves = bool(moved) and sports_article(text)
    if (
        not in_lines
        and not before_verb
        and not moves
        and (
            (maybe := MAYBE_PLAYS_FOR.search(text)) is None
            or ANY_PLAYS_FOR.search(text, maybe.start()) is None
        )
        and PLAYERS_AFTER.search(text) is None
    ):
        return found

    def team(m: Mention) -> bool:
        if m.layer not in TEAM_LAYERS or not (m.actor_id == "?" or m.actor_id.startswith("place:")):
            return False
        if in_lines.get(m.end, m.end) <= m.start or m.end <= after_verb.get(m.start, -1):
            return True
        if (
            text[m.start - 1 : m.start] == " "
            and text.endswith(PLAYS_FOR_ENDS, 0, m.start - 1)
            and PLAYS_FOR.search(text, max(0, m.start - 24), m.start) is not None
        ):
            return True  # "he played for Harwick", "speelde voor Breda": a player's club
        if PLAYERS_AFTER.match(text, m.end) is not None and (
            m.actor_id != "?"
            or (
                lexicon.zipf(fold(m.text.split()[0]), lang) < EVERYDAY_ONE
                and not _written_in_lower_case(text, m.text)
            )
        ):
            # "Harwick players", "Sampdoria coach Sven Eriksson"; not "Going forward", nor a
            # game the article writes in lower case too ("Iranian Chess players")
            return True
        if moves and m.layer == "list:place" and m.start in moved:
            return True  # "joined Harwick from Dunmore", "Harwick were favourites"
        # "Gisteren versloeg Breda": an everyday word opening the sentence is no team
        return before_verb.get(m.end, m.end) <= m.start and not (
            m.actor_id == "?"
            and starts_sentence(text, m.start)
            and lexicon.zipf(fold(m.text.split()[0]), lang) >= EVERYDAY_ONE
        )

    teams = [m for m in found if team(m)]
    # A club the article's results or a match's score showed is that club wherever the article
    # names it alone ("Chelsea beat Harwick 2-0. Chelsea manager ..."), where no list or rule
    # placed the name; what one plays "for" may be anything else as well ("for the Chess sites").
    named = {
        fold_key(m.text)
        for m in teams
        if m.actor_id == "?"
        and (
            in_lines.get(m.end, m.end) <= m.start
            or m.end <= after_verb.get(m.start, -1)
            or before_verb.get(m.end, m.end) <= m.start
        )
    }
    typed = [
        Mention(organisation_id(m.text), m.start, m.end, m.text, "rule:team")
        if m in teams or (m.actor_id == "?" and m.layer in TEAM_LAYERS and fold_key(m.text) in named)
        else m
        for m in found
    ]
    ends = dict(in_lines)
    ends.update(before_verb)
    for start, end in after_verb.items():  # "drew with Harwick. Dunmore were": the sentence's end ends it
        cut = text.find(". ", start, end)
        ends[cut if cut >= 0 else start + len(text[start:end].rstrip("."))] = start
    return club_countries(text, whole_teams(text, typed, ends, lexicon), ends)


def whole_teams(text: str, found: list[Mention], ends: dict[int, int], lexicon: Lexicon) -> list[Mention]:
    """A team's name of several words that the lists read as a town and a name after it
    ("Paris St Germain drew 1-1", "Real Sociedad 2 Harwick 1") is one club, not its last words:
    the mentions that fill the team's place in the results, a space apart, are joined."""
    joined: list[Mention] = []
    index = 0
    while index < len(found):
        m = found[index]
        stop = index
        if m.layer in TEAM_LAYERS or m.layer == "rule:team":
            while (
                stop + 1 < len(found)
                and found[stop].end + 1 == found[stop + 1].start
                and text[found[stop].end] == " "
                and (found[stop + 1].layer in TEAM_LAYERS or found[stop + 1].layer == "rule:team")
            ):
                stop += 1
        start = ends.get(found[stop].end, found[stop].end)
        if start < m.start and (m.layer in TEAM_LAYERS or m.layer == "rule:team"):
            # "Paris St Germain drew": a listed town before the rest of the team's name, which
            # the lists dropped for the capitalised words after it, opens the club's name
            town = lexicon.entries.get(fold_key(text[start : m.start - 1]))
            if (
                text[m.start - 1] == " "
                and text[m.start - 2] not in ".,;:"
                and town is not None
                and town.actor_id.startswith(("place:", "country:"))
            ):
                m = Mention(m.actor_id, start, m.end, text[start : m.end], m.layer)
        if (stop > index or m is not found[index]) and ends.get(found[stop].end, found[stop].end) <= m.start:
            name = text[m.start : found[stop].end]
            joined.append(Mention(organisation_id(name), m.start, found[stop].end, name, "rule:team"))
        else:
            joined.extend(found[index : stop + 1])
        index = stop + 1
    return joined


def club_countries(text: str, found: list[Mention], ends: dict[int, int]) -> list[Mention]:
    """A country in a team's place of a result against a club is a club named as its country
    ("Monaco beat Nantes 2-1"): national teams play national teams, so a country's name stays
    the country only where the other side is a country too."""
    if not any(m.layer == "rule:team" for m in found):
        return found
    typed = list(found)
    for index, m in enumerate(found):
        if not m.actor_id.startswith("country:") or m.layer == "list:country-adjective":
            continue
        if ends.get(m.end, m.end) > m.start:
            continue
        sentence_start = max(text.rfind("\n", 0, m.start), text.rfind(". ", 0, m.start)) + 1
        sentence_end = min(
            (at for at in (text.find("\n", m.end), text.find(". ", m.end)) if at >= 0), default=len(text)
        )
        sides = [
            other
            for other in found
            if other is not m
            and sentence_start <= other.start
            and other.end <= sentence_end
            and ends.get(other.end, other.end) <= other.start
        ]
        nearest = min(sides, key=lambda other: abs(other.start - m.start), default=None)
        if nearest is not None and nearest.layer == "rule:team":
            typed[index] = Mention(organisation_id(m.text), m.start, m.end, m.text, "rule:team")
    return typed


def _team_side(mention: Mention) -> bool:
    return (mention.actor_id.startswith("place:") and mention.layer in TEAM_LAYERS) or _organisation(mention)


def _verb_between(text: str, first: Mention, second: Mention, lang: str) -> bool:
    """Whether only a verb of a match stands between two names."""
    between = text[first.end : second.start]
    return between in MATCH_VERBS or (lang == "nl" and DUTCH_MATCH.fullmatch(between) is not None)


def _team_verb(
    text: str, line_start: int, start: int, end: int, before: dict[int, int], after: dict[int, int]
) -> None:
    """Notes the teams on either side of a verb of a match."""
    first = TEAM_BEFORE.search(text, max(line_start, start - 80), start)
    second = TEAM_AFTER.match(text, end)
    if first is not None and second is not None:
        before[first.end()] = first.start()
        after[second.start()] = second.end()


# Legal forms that may follow a company's name after a comma ("Cascade Timberlands, LLC").
LEGAL_AFTER_COMMA = re.compile(
    r", (?:Inc|LLC|L\.L\.C|Ltd|Corp|Co|Plc|PLC|plc|GmbH|AG|N\.V|NV|B\.V|BV|S\.A|SA|S\.p\.A|SpA|LP|L\.P)\b\.?"
)
# An ordinal or a Roman numeral right before a body's name numbers a unit of it ("65th Air
# Division", "IV Corps", "2e Kamer" stays the list's).
ORDINAL_BEFORE = re.compile(r"(?<![\w.,-])(?:\d{1,4}(?:st|nd|rd|th|d|e|ste|de)|[IVXL]{2,6}|V|X) \Z")
# What a name of a body opened by a capitalised "The" mid-sentence keeps ("The Scout
# Association", "The Ramones"): the article is part of the name, as in a title.
THE_BEFORE = re.compile(r"(?<=[\w,;] )The \Z")
ORGANISATION_ID = "organisation:"


def _organisation(mention: Mention) -> bool:
    return mention.actor_id.startswith(ORGANISATION_ID) and mention.layer != "list:country-adjective"


def qualify_organisations(text: str, found: list[Mention], lexicon: Lexicon, lang: str) -> list[Mention]:
    """The words around an organisation's name that belong to it: a country before it ("U.S.
    Air Force", "US Federal Reserve": the country's body, one name), a country or a continent
    after it ("Ford Australia", "GM Europe": a company's branch there, a body of its own), in
    English a country adjective before a body the tagger found, an ordinal or a Roman numeral
    before it ("65th Air Division", "IV Corps") and a capitalised "The" before it mid-sentence
    ("The Scout Association", "The Ramones"). A country joined to a body is no mention of its
    own; a listed body keeps its id, a body the rules or the tagger named is the country's own
    ("U.S. Air Force" and "UAE Air Force" are two)."""
    result: list[Mention] = []
    index = 0
    while index < len(found):
        mention = found[index]
        following = found[index + 1] if index + 1 < len(found) else None
        if (
            following is not None
            and mention.layer == "list:country-adjective"
            and lang != "nl"  # Dutch inflects it: "de Amerikaanse Air Force" is the Air Force
            and mention.text[:1].isupper()
            and following.layer == "model:crf"
            and _organisation(following)
            and text[mention.end : following.start] == " "
        ):
            # "British Commonwealth of Nations": the rules join a country's adjective to the
            # body they find after it, and so for the tagger's
            name = text[mention.start : following.end]
            result.append(Mention(organisation_id(name), mention.start, following.end, name, following.layer))
            index += 2
            continue
        if (
            following is not None
            and mention.layer == "list:country"
            and _organisation(following)
            and following.layer != "candidate:organisation"
            and _gap_of_country(text, mention, following)
        ):
            name = text[mention.start : following.end]
            listed = following.layer.startswith("list:")
            actor_id = following.actor_id if listed else organisation_id(name)
            result.append(Mention(actor_id, mention.start, following.end, name, following.layer))
            index += 2
            continue
        if (
            following is not None
            and _organisation(mention)
            and text[mention.end : following.start] == " "
            and _country_or_continent(following, lexicon)
            and not _title_after(text, following.end)
        ):
            name = text[mention.start : following.end]
            result.append(
                Mention(organisation_id(name), mention.start, following.end, name, "rule:organisation")
            )
            index += 2
            continue
        result.append(mention)
        index += 1
    return [_with_words_before(text, m) if _organisation(m) else m for m in result]


def _gap_of_country(text: str, country: Mention, body: Mention) -> bool:
    """Whether only a space (after an abbreviation's full stop: "U.S. Air Force") stands between
    a country and a body's name."""
    gap = text[country.end : body.start]
    return gap == " " or (gap == ". " and "." in country.text)


def _country_or_continent(mention: Mention, lexicon: Lexicon) -> bool:
    if mention.layer == "list:country":
        return True
    actor = lexicon.actors.get(mention.actor_id)
    return mention.layer == "list:place" and actor is not None and actor.country is None


def _title_after(text: str, end: int) -> bool:
    """'the UN Syria envoy': a country after a body that a title follows says whose envoy."""
    word = NEXT_WORD.match(text, end)
    return word is not None and fold(word.group(1)) in PERSON_TITLES


NEXT_WORD = re.compile(r" (\w+)")


def _with_words_before(text: str, mention: Mention) -> Mention:
    start = mention.start
    ordinal = ORDINAL_BEFORE.search(text, max(0, start - 12), start)
    actor_id = mention.actor_id
    if ordinal is not None and mention.layer.startswith("rule:"):
        start = ordinal.start()  # one unit of several the article may number
        actor_id = organisation_id(text[start : mention.end])
    the = THE_BEFORE.search(text, max(0, start - 4), start)
    if the is not None and not starts_sentence(text, the.start()):
        start = the.start()
    if start == mention.start:
        return mention
    return Mention(actor_id, start, mention.end, text[start : mention.end], mention.layer)


# Nouns for a kind of body that, in a description right after a name, say the name is one:
# "Herman Miller, the furniture maker", "Avenged Sevenfold is an American band", "Brakveld,
# een Amerikaans softwarebedrijf". The organisation words before a name count as well.
DESCRIBING_NOUNS = ORG_BEFORE | frozenset(
    """
    maker makers firm firms carrier retailer lender insurer publisher label brand conglomerate
    subsidiary startup start-up charity organisation organization association corporation
    agency broadcaster network operator supplier developer producer outfit franchise ensemble
    bank brokerage miner refiner exporter importer distributor consortium cooperative utility
    regulator watchdog giant daily tabloid exchange bourse
    orkest uitgeverij uitgever merk dochter dochteronderneming keten supermarkt vereniging
    stichting organisatie
    """.split()
)
# Words that may follow the noun of a description and still end it ("a band from Ohio", "een
# bedrijf uit Delft"); any other word after it makes the noun a qualifier ("the band's singer",
# "a company spokesman").
DESCRIPTION_ENDS = frozenset(
    """
    in from that which who whose with based headquartered founded formed owned known and or for at
    on since by to uit met dat die gevestigd opgericht en sinds
    """.split()
)
# Nouns of a description that "of" may follow and still say a body ("Tellmark, the world's
# largest maker of memory chips"): what it makes or sells; not "a giant of literature", nor
# what a person may be of something too ("the producer of the film", "a carrier of the virus").
MAKERS = frozenset(
    """
    maker makers supplier distributor exporter importer retailer refiner lender insurer bank group
    fabrikant leverancier exporteur importeur
    """.split()
)
OF_WORDS_AFTER = frozenset("of van".split())
# What links a name to its description: an apposition or a copula.
DESCRIBED = re.compile(
    r"(?:,| is| was| are| were| became| werd| wordt| zijn| waren) (?:a|an|the|een|de|het|"
    + UPPER_CLASS
    + r"[\w-]*['’]s) "
)  # "Sime Darby, Malaysia's biggest plantation firm": a country's genitive as the article
DESCRIPTION_WORD = re.compile(r"[\w'’&-]+|[^\w\s]")
# The layers whose type a description may change: names the rules or the tagger typed from
# weak evidence, names left open, and a list's town (a club named after it).
DESCRIBABLE = frozenset(
    {
        "candidate",
        "candidate:first-name",
        "rule:rare-name",
        "rule:first-name",
        "rule:person-cue",
        "rule:enumeration",
        "rule:place",
        "list:place",
        "model:crf",
    }
)
DESCRIPTION_WORDS = 6
DESCRIPTION_STOPS = frozenset("of van and en or".split())
# A capitalised word right before a name: the name may be the end of a longer one ("the
# Sacramento River Cats"), which the tagger may still find whole.
WORD_BEFORE_NAME = re.compile(r"(?<![\w'’-])" + UPPER_CLASS + r"[\w'’-]* \Z")


def describes_organisation(text: str, end: int) -> bool:
    """Whether the words after a name describe it as a body: an apposition or a copula, an
    article, at most a few words and a noun for a kind of body that ends the description."""
    linked = DESCRIBED.match(text, end)
    if linked is None:
        return False
    words = [m.group() for m in DESCRIPTION_WORD.finditer(text, linked.end(), linked.end() + 80)]
    for index, word in enumerate(words[:DESCRIPTION_WORDS]):
        folded = fold(word)
        if not word[:1].isalnum() or folded in DESCRIPTION_STOPS or folded in PERSON_TITLES:
            # the description ended, it is of something else ("a member of"), it goes on to a
            # second one ("a champion and supplier of") or it describes a person
            return False
        if word[:1].islower() and (folded in DESCRIBING_NOUNS or _org_compound_before(folded)):
            following = words[index + 1] if index + 1 < len(words) else "."
            return (
                not following[:1].isalnum()
                or fold(following) in DESCRIPTION_ENDS
                or (folded in MAKERS and fold(following) in OF_WORDS_AFTER)
            )
    return False


def type_described(text: str, found: list[Mention], lexicon: Lexicon, lang: str) -> list[Mention]:
    """A name that a description calls a body ("Herman Miller, the furniture maker", "Cascade
    Timberlands, LLC") is an organisation wherever the article names it, where only weak
    evidence, a list's town or nothing typed it."""
    bodies: set[str] = set()
    for mention in found:
        if (
            mention.layer not in DESCRIBABLE
            or not mention.text[:1].isupper()
            # "It is a public cooperative.": an everyday word opening the sentence, which the
            # article writes in lower case as well ("Ford is the third-largest automaker" is a name)
            or (
                " " not in mention.text
                and lexicon.zipf(fold(mention.text), lang) >= EVERYDAY_ONE
                and _written_in_lower_case(text, mention.text)
            )
        ):
            continue
        # What follows the name first: it seldom describes a body, and the word before is read
        # only then.
        if not (LEGAL_AFTER_COMMA.match(text, mention.end) or describes_organisation(text, mention.end)):
            continue
        before = WORD_BEFORE_NAME.search(text, max(0, mention.start - 30), mention.start)
        if (
            before is not None
            and fold(before.group().strip()) not in SENTENCE_WORDS
            and not starts_sentence(text, before.start())
        ):
            continue
        bodies.add(fold_key(mention.text))
    return _as_organisations(found, bodies, DESCRIBABLE)


def _written_in_lower_case(text: str, name: str) -> bool:
    return occurs_as_word(text, name.lower())


def _as_organisations(found: list[Mention], bodies: set[str], layers: frozenset[str]) -> list[Mention]:
    """Every mention of `found` in one of `layers` whose name (folded) is in `bodies`, made an
    organisation: the article said what it is once, and that holds wherever it names it."""
    if not bodies:
        return found
    return [
        Mention(organisation_id(m.text), m.start, m.end, m.text, "rule:organisation")
        if m.layer in layers and fold_key(m.text) in bodies
        else m
        for m in found
    ]


# A web address's domain right after a name ("Detik.com", "Brandpunt.nl"): a site is its publisher.
SITE_AFTER = re.compile(r"\.(?:com|net|org|nl|be|de|fr|co\.uk|io)(?![\w-]|\.\w)")
# A word with a capital inside is a person's name after these ("McNab", "MacFarlane", "DeVos",
# "LaSorda", "DiCaprio", "O'Leary"), else a brand's or a site's ("HotNews", "AppleInsider").
NAME_PREFIXES = frozenset("mc mac de des di da du la le van von fitz st o d".split())
INNER_CAPITAL = re.compile(r"([a-z]+)[A-Z]")
# The layers of a person that only weak evidence made one.
WEAKLY_PERSONS = frozenset({"rule:person-cue", "rule:rare-name", "candidate"})


def type_sites(text: str, found: list[Mention]) -> list[Mention]:
    """A name that weak evidence or nothing typed is an organisation where a web domain follows
    it ("volgens Detik.com": the site, named with its domain); a one-word person that only weak
    evidence typed, where it has a capital inside after no surname's prefix ("volgens
    HotNews")."""
    result = []
    for mention in found:
        if mention.layer in WEAKLY_PERSONS and mention.text[:1].isupper():
            site = SITE_AFTER.match(text, mention.end)
            # a word of no kind with a capital inside is as often a product ("BlackBerry")
            person = mention.actor_id.startswith("person:") and " " not in mention.text
            inner = INNER_CAPITAL.match(mention.text, 1) if person else None
            if site is not None:
                name = text[mention.start : site.end()]
                mention = Mention(organisation_id(name), mention.start, site.end(), name, "rule:organisation")
            elif (
                inner is not None
                and fold(mention.text[: inner.end(1)]) not in NAME_PREFIXES
                and not _after_title(text, mention)  # "Mr. TorvanCo"
            ):
                mention = Mention(
                    organisation_id(mention.text),
                    mention.start,
                    mention.end,
                    mention.text,
                    "rule:organisation",
                )
        result.append(mention)
    return result


# Words of business news right before a name that make it a company's ("shares of Infosys",
# "a stake in Zain", "chief executive of Bharti Airtel", "an analyst at Nomura"). Shares in
# "the" name are an index's ("shares in the FTSE").
TRADED_BEFORE = re.compile(
    r"(?<![\w-])(?:(?:shares (?:of|in)|stakes? in|shareholders (?:of|in))|(?:(?:chief executive|"
    r"chief executive officer|CEO|chairman|chairwoman|chief financial officer|CFO) of|"
    r"(?:analyst|analysts|economist|economists|strategist|strategists|trader|traders|broker|brokers) "
    r"(?:at|with)|subsidiary of|takeover of|merger with|acquisition of)(?: the)?) \Z",
    re.IGNORECASE,
)
# The words that end what TRADED_BEFORE reads: a window is searched only after one of them.
TRADED_LAST = re.compile(r" (?:of|in|at|with|the) \Z", re.IGNORECASE)
# The same in Dutch ("de aandelen van Kerstholt", "het aandeel Kerstholt", "de omzet van X",
# "overgenomen door X"); not a win or a loss, which a player has as well, and not what "de"
# or "het" stands before ("de aandelen van de AEX": an index).
TRADED_BEFORE_NL = re.compile(
    r"(?<![\w-])(?:(?:aandelen|aandeelhouders|beurswaarde|marktwaarde|omzet|nettowinst|"
    r"jaarcijfers|kwartaalcijfers|beursgang|dochteronderneming|dochterbedrijf|overname) van"
    r"|aandelen in|belang in|het aandeel|fusie met|overgenomen door|overname door"
    r"|(?:analist|analisten|econoom|economen|handelaar|handelaren) (?:bij|van)) \Z",
    re.IGNORECASE,
)
# What a Dutch company reports or cuts, right after its name ("Vopak boekte vorig jaar meer winst",
# "Hagemeyer schrapt 500 banen") or after the verb before it ("Gisteren boekte Vopak winst").
_RESULTS_NL = r"(?:winst|verlies|omzet|nettowinst|kwartaalwinst|jaarwinst|bedrijfswinst|nettoverlies)"
_JOBS_NL = (
    r"(?:\d[\d.,]*|honderden|duizenden|tientallen) (?:banen|arbeidsplaatsen|werknemers|jobs|"
    r"personeelsleden|medewerkers)"
)
_REPORTS_NL = r"(?:boekte|boekt|boekten|behaalde|behaalt|leed|lijdt|maakte|maakt)"
_CUTS_NL = r"(?:schrapt|schrapte|ontslaat|ontsloeg|snoeit|snoeide)"
REPORTED_NL = re.compile(
    rf" (?:{_REPORTS_NL}(?: [a-z]+){{0,3}} {_RESULTS_NL}|{_CUTS_NL}(?: [a-z]+){{0,3}} {_JOBS_NL})\b"
)
REPORTED_BEFORE_NL = re.compile(rf"(?<![\w-])(?:{_REPORTS_NL}|{_CUTS_NL}) \Z")
REPORTED_OBJECT_NL = re.compile(rf"(?: [a-z]+){{0,3}} (?:{_RESULTS_NL}|{_JOBS_NL})\b")
# A number after a name makes an index or a model of it ("the FTSE 100", "Nikkei 225").
NUMBER_AFTER = re.compile(r" \d")
# ... and right after it ("Wipro shares fell", "Sumitomo Mitsui's net profit", "Linkin Park's
# drummer"): what only a company or a band has, as its genitive, or its shares moving.
TRADED_AFTER = re.compile(
    r"(?:['’]s? (?:shares|stock|share price|shareholders|net profit|net income|net loss|"
    r"operating profit|pre-tax profit|quarterly|revenues?|board of directors|chief executive|"
    r"CEO|chief financial officer|subsidiary|subsidiaries|stock market value|market value)"
    r"| (?:shares|stock) (?:rose|fell|gained|lost|jumped|slumped|dropped|climbed|tumbled|"
    r"closed|ended|traded|slipped|surged|soared|plunged|edged|were|have|had))\b"
)
# A singer has a guitarist too ("Madonna's guitarist"): these say a band only of a name of
# two words or more that opens with no given name.
BAND_AFTER = re.compile(
    r"['’]s (?:lead singer|lead vocalist|vocalist|guitarist|lead guitarist|drummer|bassist|"
    r"keyboardist|frontman|frontwoman|line-up|lineup|band members)\b"
)
# The layers whose type business words may change: names typed from weak evidence, names left
# open; never a list's name ("chief executive of Hong Kong" is the territory's).
TRADABLE = DESCRIBABLE - {"list:place"}
# Who works or speaks for a body, right before its name ("officials at Petrobras", "employees
# of Electrolux", "a spokesman for Halliburton") or right after it ("a Citigroup spokeswoman",
# "Qantas engineers", "Sinopec's refineries"), and what a company reports ("Sinopec reported a
# 10 percent rise in profit"). A person has staff and a spokesman too ("a spokeswoman for
# Pelosi"), so these say a body only of one word that is no name of a person; a people has
# officials, workers and forces ("Ilocano officials"), so those count only before the name.
STAFF_BEFORE = re.compile(
    r"(?<![\w-])(?:(?:officials|executives|employees|workers|staff|engineers|managers|directors|sources) "
    r"(?:at|of|with)|(?:spokesman|spokeswoman|spokesperson) (?:for|at))(?: the)? \Z",
    re.IGNORECASE,
)
STAFF_AFTER = re.compile(
    r"(?:['’]s)? (?:spokesman|spokeswoman|spokesperson|executives?|employees|analysts?|"
    r"economists?|strategists?)\b"
    r"|['’]s (?:earnings|profits?|sales|refiner(?:y|ies)|plants?|factor(?:y|ies)|stores|customers|"
    r"subscribers|workforce|headquarters|credit rating|bonds|debt|unit|division|management)\b"
)
REPORTED = re.compile(
    r" (?:reported|posted|booked|recorded)(?: an?| its)?(?: (?:net|quarterly|annual|record|higher|"
    r"lower|bigger|smaller|first-quarter|second-quarter|third-quarter|fourth-quarter|first-half|"
    r"full-year|[\d.,]+(?: percent| per cent|%)))* (?:profits?|loss|losses|revenues?|sales|"
    r"earnings|rise|fall|drop|increase|decline|jump)\b"
)
# "Morgan Stanley analyst Tom Rees", "Goldman Sachs chief economist Jan Ott": whose analyst or
# economist a named person is, is a body, though its name opens with a given name (a person has
# advisers and spokesmen, not analysts).
ANALYST_NAMED = re.compile(
    r" (?:chief |senior |market |equity |oil |currency )?(?:analyst|economist|strategist)s? " + UPPER_CLASS
)
# "PepsiCo said it", "Petrobras said on Monday its": a body speaks of itself as "it".
SAID_IT = re.compile(r" (?:said|says|announced|added)(?: on \w+| in a statement)?(?: that)? (?:it|its)\b")
# A capital inside one word names a company ("PepsiCo", "ConocoPhillips", "BlackRock"), not a
# person, whose inner capitals follow a short prefix ("McCain", "DeVos", "MacArthur").
BRAND_WORD = re.compile(r"[A-Z][a-z]{2,}[A-Z][a-z]*[A-Z]?[a-z]*")
SURNAME_PREFIXES = ("Mac", "Van", "Von", "Del", "Fitz", "Des", "Der", "Den", "Ter", "Ten", "Las", "Los")
# What a name's "'s" is followed by when it is part of the name ("Moody's cut the rating",
# "Sainsbury's said"): a verb, where the genitive of a person's name has a noun.
NAME_S_VERB = re.compile(
    r"['’]s (?:said|says|cut|raised|lowered|downgraded|upgraded|affirmed|rated|rates|reported|"
    r"announced|warned|placed|revised|agreed|posted|expects|estimated|estimates|kept|assigned|"
    r"withdrew)\b"
)
NAME_S = re.compile(r"['’]s(?![\w'’-])")
# "Investors sold Orvell shares", "trading in Orvell shares": a name between a verb of trading
# and "shares" or "stock" names what is traded ("Smith shares his view" has no such verb before).
SHARES_NOUN = re.compile(r" (?:shares|stock)\b")
SHARES_TRADED = re.compile(
    r"(?<![\w-])(?:sold|bought|buy|sell|selling|buying|trading in|dumped|owns|holds|held|block of) \Z",
    re.IGNORECASE,
)
# "Kyodo news agency said", "the Harwick Star newspaper reported": a word for a body that
# reports the news, right after its name, as wire copy quotes its sources.
KIND_AFTER = re.compile(r" (?:news agency|press agency|news service|newspaper|daily newspaper|broadcaster)\b")


def type_traded(text: str, found: list[Mention], lexicon: Lexicon, lang: str) -> list[Mention]:
    """A name that news treats as a company (its shares trade, it has a chief executive, a
    profit, a stake in it is bought) or as a band (it has a drummer, a frontman) is an
    organisation wherever the article names it, where only weak evidence or nothing typed it:
    such a body needs no cue word in its name ("Infosys", "Sumitomo Mitsui"), a speech verb
    after it made a person of it, and a word of a site a place ("Linkin Park")."""
    if lang not in ("en", "nl"):
        return found
    english = lang == "en"
    bodies: set[str] = set()
    if english:
        # "The band Jesus Jones" holds for the article's "Jesus Jones played" as well, unless a
        # person's longer name ends with it ("the band Van Halen" of "Eddie Van Halen")
        bodies = {fold_key(m.text) for m in found if m.layer == "rule:organisation" and _kind_before(text, m)}
        if bodies:
            bodies -= {
                key
                for m in found
                if m.actor_id.startswith("person:")
                for key in bodies
                if (name := fold_key(m.text)) != key and name.endswith(" " + key)
            }
    for mention in found:
        if mention.layer not in TRADABLE or not mention.text[:1].isupper():
            continue
        words = fold(mention.text).split()
        if NUMBER_AFTER.match(text, mention.end) is not None:
            continue
        if (
            (english and TRADED_AFTER.match(text, mention.end) is not None)
            or (
                english
                and TRADED_LAST.search(text, max(0, mention.start - 6), mention.start) is not None
                and TRADED_BEFORE.search(text, max(0, mention.start - 40), mention.start) is not None
            )
            or (
                not english
                and TRADED_BEFORE_NL.search(text, max(0, mention.start - 40), mention.start) is not None
            )
            or (not english and _reports_nl(text, mention, lexicon))
            or (
                english
                and len(words) > 1
                and words[0] not in lexicon.first_names
                and BAND_AFTER.match(text, mention.end) is not None
            )
            or (english and ANALYST_NAMED.match(text, mention.end) is not None)
            or (english and KIND_AFTER.match(text, mention.end) is not None)
            or (
                english
                and words[0] not in lexicon.first_names
                and SHARES_NOUN.match(text, mention.end) is not None
                and SHARES_TRADED.search(text, max(0, mention.start - 16), mention.start) is not None
            )
        ):
            bodies.add(fold_key(mention.text))
    found = _as_organisations(found, bodies, TRADABLE)
    if not english:
        return found
    return _as_organisations(*_staffed(text, found, lexicon), TRADABLE - {"rule:place", "rule:first-name"})


def _reports_nl(text: str, mention: Mention, lexicon: Lexicon) -> bool:
    """Whether a Dutch name is a company by what it reports or cuts ("Vopak boekte meer
    winst", "Gisteren schrapte Hagemeyer 500 banen"): one that opens with no given name, ends in
    no surname and holds a word that is no everyday one ("Jan Smit boekte winst" is a person's)."""
    if REPORTED_NL.match(text, mention.end) is None and (
        REPORTED_BEFORE_NL.search(text, max(0, mention.start - 12), mention.start) is None
        or REPORTED_OBJECT_NL.match(text, mention.end) is None
    ):
        return False
    words = fold_key(mention.text).split(" ")
    return (
        words[0] not in lexicon.first_names
        and not _persons_word(words[-1], lexicon)
        and any(lexicon.zipf(word, "nl") < EVERYDAY_ITEM for word in words)
    )


def _persons_word(key: str, lexicon: Lexicon) -> bool:
    """Whether a word (folded) may name a person: a given name, a surname of the lists or of
    the census."""
    return (
        key in lexicon.first_names
        or key in lexicon.person_surnames
        or key in lexicon.common_surnames
        or key in lexicon.census_surnames
    )


def _words_of_longer_names(found: list[Mention]) -> set[str]:
    """The words (folded) of the article's names of two words or more that are no body or
    place: a person's, whose one word alone stays that person's ("Ren said it")."""
    return {
        word
        for m in found
        if " " in m.text and not m.actor_id.startswith(("organisation:", "place:", "country:"))
        for word in fold_key(m.text).split(" ")
    }


def _staffed(text: str, found: list[Mention], lexicon: Lexicon) -> tuple[list[Mention], set[str]]:
    """The one-word names that an English article shows to be bodies by their staff, their
    reports, their speaking of themselves as "it", an inner capital or an "'s" that belongs to
    the name ("Moody's cut"); those "'s" names are taken whole wherever the article names them."""
    bodies: set[str] = set()
    possessive: set[str] = set()
    persons_words = _words_of_longer_names(found)
    for mention in found:
        if mention.layer not in TRADABLE or not mention.text[:1].isupper():
            continue
        key = fold_key(mention.text)
        # Which of the two sets the name's evidence puts it in, if any; the title before it is
        # read last, for the few names with evidence.
        into: set[str] | None = None
        if " " in mention.text:
            if _staffed_name(text, mention, lexicon):
                into = bodies  # "Grupo Televisa reported a 5 percent rise in profit"
        elif _inner_capital(mention, lexicon):
            into = bodies
        elif key in persons_words or _persons_word(key, lexicon):
            continue  # "a spokeswoman for Pelosi", "Johnson's earnings"
        elif NAME_S_VERB.match(text, mention.end) and (
            lexicon.zipf(key, "en") < EVERYDAY_ITEM
            or PAIR_BEFORE.search(text, max(0, mention.start - 30), mention.start)
        ):
            into = possessive  # "Moody's cut", "Standard & Poor's said"
        elif lexicon.zipf(key, "en") >= EVERYDAY_ITEM:
            continue  # "Local officials", "It said it"
        elif (
            STAFF_AFTER.match(text, mention.end) is not None
            or REPORTED.match(text, mention.end) is not None
            or SAID_IT.match(text, mention.end) is not None
            or STAFF_BEFORE.search(text, max(0, mention.start - 30), mention.start) is not None
        ):
            into = bodies
        if into is not None and not _after_title(text, mention):  # "Mr Kelvora said it", "Mr. CreepyPasta"
            into.add(key)
    if possessive:
        named = [
            _with_name_s(text, m) if fold_key(m.text) in possessive and m.layer in TRADABLE else m
            for m in found
        ]
        whole = [m for m in named if m not in found]
        found = [
            m for m in named if m in whole or not any(w.start <= m.start and m.end <= w.end for w in whole)
        ]
    return found, bodies


def _staffed_name(text: str, mention: Mention, lexicon: Lexicon) -> bool:
    """Whether a name of two words or more is a body by its staff, its reports or its "it":
    one that opens with no given name, ends in no surname and holds a rare word ("Grupo
    Televisa", not "John Kerrigan" nor "Local Government")."""
    words = fold_key(mention.text).split(" ")
    return (
        words[0] not in lexicon.first_names
        and not _persons_word(words[-1], lexicon)
        and any(lexicon.zipf(word, "en") < EVERYDAY_ITEM for word in words)
        and (
            STAFF_AFTER.match(text, mention.end) is not None
            or REPORTED.match(text, mention.end) is not None
            or SAID_IT.match(text, mention.end) is not None
            or STAFF_BEFORE.search(text, max(0, mention.start - 30), mention.start) is not None
        )
    )


# The layers of a person named from weak evidence, which an inner capital overrules; a name
# left open with one may as well be a product's ("JavaScript") and stays for the tagger.
PERSON_GUESSES = frozenset({"rule:person-cue", "rule:rare-name"})
WORD_BEFORE = re.compile(r"([\w.]+)[ ]\Z")


def _kind_before(text: str, mention: Mention) -> bool:
    """Whether a word for a kind of body stands right before a name ("the band X", "the
    carmaker X")."""
    before = WORD_BEFORE.search(text, max(0, mention.start - 20), mention.start)
    return before is not None and before.group(1) in ORG_BEFORE


def _after_title(text: str, mention: Mention) -> bool:
    before = WORD_BEFORE.search(text, max(0, mention.start - 20), mention.start)
    return before is not None and title_word(fold(before.group(1)).rstrip("."))


def _inner_capital(mention: Mention, lexicon: Lexicon) -> bool:
    """Whether one word that weak evidence made a person is a company by its inner capital
    ("PepsiCo said"), and no given name and surname written as one ("EliasHabermas")."""
    if (
        mention.layer not in PERSON_GUESSES
        or not BRAND_WORD.fullmatch(mention.text)
        or mention.text.startswith(SURNAME_PREFIXES)
    ):
        return False
    head = re.match(r"[A-Z][a-z]+", mention.text)
    return head is not None and fold(head.group()) not in lexicon.first_names


# The first name of a pair before "&" ("Standard & Poor's"), which the "'s" ends.
PAIR_BEFORE = re.compile(UPPER_CLASS + r"[\w'’-]* & \Z")


def _with_name_s(text: str, mention: Mention) -> Mention:
    if NAME_S.match(text, mention.end) is None:
        return mention
    pair = PAIR_BEFORE.search(text, max(0, mention.start - 30), mention.start)
    start = mention.start if pair is None else pair.start()
    name = text[start : mention.end + 2]
    return Mention(organisation_id(name), start, mention.end + 2, name, "rule:organisation")


# "Baltimore Colts", "Sacramento River Cats", "Go Ahead Eagles": a town and a plural nickname
# (one or two capitalised words) name a club. Plurals of places, features, events and the like
# after a town are no club ("Niagara Falls", "Beijing Games", "London Docklands").
CLUB_AFTER = re.compile(r"((?: " + UPPER_CLASS + r"[\w'’]*){1,2}s)(?![\w'’-])")
SENTENCE_WORDS = SENTENCE_STARTERS | FUNCTION_WORDS
NO_CLUB = frozenset(
    """
    falls heights springs gardens towers woods lakes downs fields plains flats keys sands rocks
    hills mountains islands isles docks docklands highlands lowlands meadows estates grounds cliffs
    waters banks shores beaches parks villas apartments houses halls rooms studios buildings
    games olympics championships championship series finals masters trials awards talks accords
    agreements riots protests attacks bombings marathons festivals days nights times news
    airlines airways motors industries systems holdings partners associates brothers sons
    """.split()
)


def name_clubs(text: str, listed: list[Mention], ruled: list[Mention], lexicon: Lexicon) -> Joined:
    """A listed town followed by a plural nickname names a club: the town is then no mention of
    its own, and what the rules made of the nickname gives way."""
    clubs: list[Mention] = []
    kept: list[Mention] = []
    for mention in listed:
        after = (
            CLUB_AFTER.match(text, mention.end) if mention.layer in ("list:place", FEATURE_LAYER) else None
        )
        words = fold(after.group(1)).split() if after is not None else [""]
        last = words[-1]
        if (
            after is None
            or last in NO_CLUB
            # "Senator from Vermont Bernie Sanders", "Charlotte Charles": a person's name after
            # a town (a given name, a surname of the lists), no nickname of a club
            or words[0] in lexicon.first_names
            or last in lexicon.first_names
            or last in lexicon.person_surnames
            or last in lexicon.common_surnames
            or last in PERSON_TITLES
            or last[:-1] in PERSON_TITLES  # "Amsterdam Councillors"
            or last in lexicon.entries  # "Germany Netherlands": two listed names
            or mention.text.isupper()
            or any(
                len(word) < 3 or word.isupper() or fold(word) in SENTENCE_WORDS
                for word in after.group(1).split()
            )
        ):
            kept.append(mention)
            continue
        name = text[mention.start : after.end()]
        clubs.append(Mention(organisation_id(name), mention.start, after.end(), name, "rule:team"))
    if not clubs:
        return Joined(listed, ruled)
    ruled = [m for m in ruled if not any(c.start <= m.start and m.end <= c.end for c in clubs)]
    return Joined(kept, sorted(ruled + clubs, key=lambda m: (m.start, m.end)))


# Words that, capitalised right after a listed place, end a company's name though no list of
# a body's words holds them ("Hong Kong Gas", "Kansai Power", "Siam Cement"): alone they are
# goods, after a place a utility or a maker.
COMPANY_AFTER = frozenset("gas power cement tobacco textiles".split())
# Words that, after a town, name its club where the article is about sport ("Sheffield
# Wednesday", "Derby County", "Leicester City", "Ipswich Town"); elsewhere a county, a city or
# a day ("in London Wednesday") is what it says.
CLUB_WORDS_AFTER = frozenset("city town county wednesday".split())
# Words of an article about sport, where a town's name is as often its club's.
SPORTS_WORDS = re.compile(
    r"\b(?:[Ss]occer|[Ff]ootball|[Rr]ugby|[Hh]ockey|[Ll]eague|[Dd]ivision|[Pp]remiership|"
    r"[Cc]hampionship|[Ss]triker|[Mm]idfielder|[Gg]oalkeeper|[Dd]efender|[Ss]tandings|Cup|"
    r"scored|equali[sz]er|half-time|[Vv]oetbal|[Ee]redivisie|[Cc]ompetitie|[Dd]oelpunt(?:en)?|"
    r"[Dd]oelman)\b"
)
NAMED_PLACE_LAYERS = PLACE_LAYERS | {FEATURE_LAYER}
CLUB_AFTER_WORD = re.compile(r" (" + UPPER_CLASS + r"[a-z]+)(?![\w'’-])")


def _goes_on(text: str, word: re.Match[str]) -> bool:
    """Whether a capitalised word follows ("Leicester City Council" is the town's council)."""
    return NEXT_NAME_WORD.match(text, word.end()) is not None


def sports_article(text: str) -> bool:
    """Whether the article's words are those of a match or a competition."""
    return SPORTS_WORDS.search(text) is not None or SCORE.search(text) is not None


def places_in_longer_names(
    text: str, listed: list[Mention], ruled: list[Mention], lexicon: Lexicon, lang: str
) -> Joined:
    """A listed place inside a longer capitalised name is no mention of the place: a company's
    word after it makes a company of the whole ("Hong Kong Gas"), a club's word after a town in
    an article about sport makes its club ("Sheffield Wednesday", "Derby County"), and a name
    the rules left open right before it ("Hutchison Whampoa") makes one name with it, of a kind
    the rest of the article or the tagger may tell."""
    sports: bool | None = None
    # a name the rules left open, or took for a person's on weak evidence alone ("said
    # Hutchison Whampoa")
    candidates = {
        m.end: m for m in ruled if (m.layer == "candidate" and m.actor_id == "?") or m.layer in PERSON_GUESSES
    }
    made: list[Mention] = []
    gone: set[Mention] = set()
    kept: list[Mention] = []
    for mention in listed:
        adjective = mention.layer == ADJECTIVE and mention.text[:1].isupper()
        if not (adjective or mention.layer in NAMED_PLACE_LAYERS) or mention.text.isupper():
            kept.append(mention)
            continue
        start, end = mention.start, mention.end
        after = CLUB_AFTER_WORD.match(text, end)
        if after is not None and fold(after.group(1)) in COMPANY_AFTER and not (adjective and lang == "nl"):
            # "British Gas"
            name = text[start : after.end()]
            made.append(Mention(organisation_id(name), start, after.end(), name, "rule:organisation"))
            continue
        if mention.layer == FEATURE_LAYER and mention.text.endswith(" County"):
            club_end = end
        elif (
            after is not None
            and mention.layer == "list:place"
            and fold(after.group(1)) in CLUB_WORDS_AFTER
            and not _goes_on(text, after)
        ):
            club_end = after.end()
        else:
            club_end = -1
        if club_end > 0:
            if sports is None:  # read once, and only for a name that may be a club's
                sports = sports_article(text)
            if sports:
                name = text[start:club_end]
                made.append(Mention(organisation_id(name), start, club_end, name, "rule:team"))
                continue
        # (old Dutch capitalises nouns: "Stad Almelo", "Ambt Ommen" are the town's)
        # (a country after a name is as often its qualifier: "Alto Peru", "Badminton Canada")
        before = candidates.get(start - 1) if mention.layer == "list:place" and lang != "nl" else None
        if (
            before is not None
            and text[before.end] == " "
            and text[before.start - 1 : before.start] != "-"
            # a town named as a word ("Lincoln Reservoir") ends a name of the word's kind
            and lexicon.zipf(fold(mention.text), lang) < SENTENCE_WORD
            and before.text.isalpha()
            # an everyday word before a town ("East Maidstone", "Hotel Essex") is the tagger's to
            # join to it or not
            and lexicon.zipf(fold(before.text), lang) < SENTENCE_WORD
            and fold(before.text) not in lexicon.first_names
            and fold(before.text) not in PERSON_TITLES
        ):
            # "Hutchison Whampoa": one name, the place its last word
            gone.add(before)
            name = text[before.start : end]
            made.append(Mention("?", before.start, end, name, "candidate"))
            continue
        kept.append(mention)
    if not made:
        return Joined(listed, ruled)
    ruled = [
        m for m in ruled if m not in gone and not any(c.start <= m.start and m.end <= c.end for c in made)
    ]
    return Joined(kept, sorted(ruled + made, key=lambda m: (m.start, m.end)))


# "Kim Dae-jung", "Lee Teng-hui", "Ban Ki-moon": a short family name, then a given name of two
# syllables joined by a hyphen, the second in lower case, as Korean and Taiwanese names are
# romanised; no English word is written so.
# Its first capital is read before what stands before it: the regex engine skips to a capital,
# where a lookbehind first is tried at every character.
ROMANISED_NAME = re.compile(r"([A-Z](?<![\w'’-][A-Z])[a-z]{1,4}) ([A-Z][a-z]{1,5})-[a-z]{2,5}(?![\w'’-])")
# "Ken Saro-Wiwa": a given name before a double surname.
GIVEN_BEFORE_DOUBLE = re.compile(r"(?<![\w'’-])(" + UPPER_CLASS + r"[a-z]+) \Z")


def hyphenated_names(text: str, found: list[Mention], lexicon: Lexicon, lang: str) -> list[Mention]:
    """Persons whose names a hyphen shows, though no list knows them and no cue stands near: a
    romanised East Asian name ("Kim Dae-jung said"), which the rules cut after its first word,
    and a given name of the lists before a double surname that was left open ("Ken Saro-Wiwa
    was hanged"). A double name of the lists (a place: "Emilia-Romagna") is never left open."""
    if "-" not in text:
        return found
    persons: list[Mention] = []
    for match in ROMANISED_NAME.finditer(text):
        family = fold(match.group(1))
        syllable = fold(match.group(2))
        if (
            family in FUNCTION_WORDS
            or family in SENTENCE_STARTERS
            or lexicon.zipf(syllable, lang) >= EVERYDAY_ONE
        ):
            continue  # "York City-based", "Flex Type-in": an everyday word before the hyphen
        if _persons_word(family, lexicon) or (lang == "en" and lexicon.zipf(family, lang) < EVERYDAY_ONE):
            persons.append(_person(text, match.start(), match.end()))
    for m in found:
        if m.actor_id != "?" or "-" not in m.text or not DOUBLE_NAME.fullmatch(m.text):
            continue
        given = GIVEN_BEFORE_DOUBLE.search(text, max(0, m.start - 20), m.start)
        if given is None or any(o.start < m.start and given.start() < o.end for o in found):
            continue
        word = fold(given.group(1))
        if word in lexicon.first_names or (
            # a given name the lists leave out as an everyday word ("Ken"), before a double
            # surname of two words no language uses (in English: old Dutch print breaks its
            # words with hyphens)
            lang == "en"
            and word not in FUNCTION_WORDS
            and word not in SENTENCE_STARTERS
            and word not in MONTHS_DAYS
            and not title_word(word)
            and all(lexicon.zipf(half, lang) < EVERYDAY_ONE for half in fold(m.text).split("-"))
        ):
            persons.append(_person(text, given.start(), m.end))
    if not persons:
        return found
    kept = [m for m in found if not any(p.start < m.end and m.start < p.end for p in persons)]
    return sorted(kept + persons, key=lambda m: (m.start, m.end))


def _person(text: str, start: int, end: int) -> Mention:
    return Mention(f"person:{slug(text[start:end])}", start, end, text[start:end], "rule:person-cue")


# "Wu Yi, China's trade minister, said": a name, then an apposition that ends in a person's
# title (a country's genitive, an article or nothing before it) and a comma.
DESCRIBED_PERSON = re.compile(
    r", (?:(?:the|a|an|" + UPPER_CLASS + r"[\w-]*['’]s) )?(?:[a-z-]+ ){0,2}([a-z]+),"
)


def described_persons(text: str, found: list[Mention], lexicon: Lexicon, lang: str) -> list[Mention]:
    """A name left open that an apposition calls by a person's title ("Wu Yi, China's trade
    minister, said") is a person; so is the same name wherever the article names it."""
    if lang != "en" or ", " not in text:
        return found
    named: set[str] = set()
    for m in found:
        if text[m.end : m.end + 1] != "," or m.layer not in DESCRIBABLE or m.layer == "list:place":
            continue
        described = DESCRIBED_PERSON.match(text, m.end)
        if described is None or described.group(1) not in PERSON_TITLES or m.actor_id.startswith("person:"):
            continue
        first = fold(m.text.split()[0])
        if first in lexicon.first_names or lexicon.zipf(first, lang) < EVERYDAY_ONE:
            # not "Yesterday, the defence minister,", "Republican Larry Hogan, the governor,"
            named.add(fold_key(m.text))
    if not named:
        return found
    return [
        _person(text, m.start, m.end)
        if m.layer in DESCRIBABLE and m.layer != "list:place" and fold_key(m.text) in named
        else m
        for m in found
    ]


# A newspaper or broadcaster by its name after "the": one to three capitalised words, then the
# word that papers and stations end their names in ("the Sunday Chronicle", "the Kenya Times",
# "the Daily Nation").
PRESS_NAME = re.compile(
    r"(?<![\w'’-])[Tt]he ((?:" + UPPER_CLASS + r"[\w'’-]* ){1,3}(?:Times|Chronicle|Herald|Tribune|Gazette"
    r"|Telegraph|Journal|Observer|Courier|Mail|Post|News|Standard|Express|Independent|Mirror|Guardian"
    r"|Monitor|Nation|Shimbun|Star|Sun|Inquirer|Examiner|Sentinel|Dispatch|Advertiser|Bulletin"
    r"|Argus|Clarion))(?![\w'’-]| " + UPPER_CLASS + ")"
)
# What makes such a name a source quoted, not a title or a slogan: a verb of telling before it or
# a verb of reporting after it.
PRESS_BEFORE = re.compile(
    r"(?:\b(?:told|to|according to|in|by|with|for|of|from|quoted in|quoted by|wrote in|interview with) |\A|\n|[.!?][\"'”’]? )\Z"
)
PRESS_AFTER = re.compile(
    r"(?:,? (?:newspaper|daily|weekly|reported|reports|said|says|quoted|cited|wrote|published|"
    r"added|ran|carried|broadcast|television|radio|website)\b|['’]s (?:website|report|editor|reporter|correspondent)\b)"
)


def press_names(text: str, found: list[Mention]) -> list[Mention]:
    """A paper or station named after "the", told something or reporting it, is one organisation:
    any place, person or shorter name found inside it is part of that name ("told the Kenya
    Times" is no Kenya)."""
    named: list[Mention] = []
    for press in PRESS_NAME.finditer(text):
        start, end = press.span(1)
        if not (
            PRESS_BEFORE.search(text, max(0, press.start() - 20), press.start())
            or PRESS_AFTER.match(text, end)
        ):
            continue
        words = press.group(1).split()
        if any(fold(word) in FUNCTION_WORDS for word in words):
            continue
        inside = [m for m in found if m.start < end and start < m.end]
        if any(m.layer == "list:organisation" and m.start <= start and end <= m.end for m in inside):
            continue  # a listed paper ("the New York Times")
        if any(m.start < start or end < m.end for m in inside):
            continue  # part of a longer name found otherwise
        named.append(
            Mention(organisation_id(text[start:end]), start, end, text[start:end], "rule:organisation")
        )
    return _in_place_of(found, named)


# What only a person is or has, said of a name no list knows: "who" after it, kin and trials after
# its genitive, and what is done to persons before it ("police arrested Teodorescu").
PERSON_RELATION_AFTER = re.compile(
    r", who(?:se)?\b|['’]s (?:wife|husband|son|sons|daughter|daughters|father|mother|brother|sister"
    r"|lawyer|lawyers|attorney|attorneys|family|widow|children|girlfriend|boyfriend|uncle|aunt|nephew"
    r"|niece|parents|funeral|murder|arrest|killers|killer|birthday|bodyguards)\b"
    r"| (?:was|has been|had been) (?:born|arrested|detained|charged|sentenced|convicted|jailed"
    r"|acquitted|kidnapped|murdered|assassinated|extradited|hanged|executed)\b"
)
PERSON_RELATION_BEFORE = re.compile(
    r"(?<![\w-])(?:arrested|detained|charged|sentenced|convicted|executed|acquitted|jailed|kidnapped"
    r"|murdered|assassinated|interviewed|married|pardoned|extradited|hanged|freed) \Z"
)
RELATED_LAYERS = frozenset({"candidate", "rule:rare-name"})


def persons_by_relation(text: str, found: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """A name no list knows that the text relates as only persons are related ("Halvorsen, who
    scored twice", "Ogundipe's lawyer", "police arrested Teodorescu") is a person, and so is the
    same name wherever the article names it."""
    named: set[str] = set()
    for m in found:
        if m.layer not in RELATED_LAYERS or m.actor_id.startswith(("organisation:", "place:", "country:")):
            continue
        if not (
            PERSON_RELATION_AFTER.match(text, m.end)
            or PERSON_RELATION_BEFORE.search(text, max(0, m.start - 14), m.start)
        ):
            continue
        first = fold(m.text.split()[0])
        if (
            lexicon.zipf(first, "en") < EVERYDAY_ONE
            and not is_all_caps(m.text)
            and first not in PERSON_TITLES
            and first[:-1] not in PERSON_TITLES  # "Senators, who"
        ):
            named.add(fold_key(m.text))
    if not named:
        return found
    return [
        _person(text, m.start, m.end)
        if m.layer in RELATED_LAYERS and m.actor_id == "?" and fold_key(m.text) in named
        else m
        for m in found
    ]


# A shop or a firm named in the genitive of its founder ("Macy's", "Dillard's"): the name with
# its "'s", then no noun that the genitive would own, but a pause, "and", a preposition or a verb.
_GENITIVE_FOLLOWERS = (
    "and or on in at to for with from said says opened reported closed has had is was will would"
    " announced sells sold plans planned stores store shops shop restaurants"
)
GENITIVE_FOLLOWERS = frozenset(_GENITIVE_FOLLOWERS.split())
GENITIVE_NAME_AFTER = re.compile(
    r"['’]s(?=[,.;:)]|$| (?:" + _GENITIVE_FOLLOWERS.replace(" ", "|") + r")\b)", re.MULTILINE
)
# Genitives side by side before what they own together ("Kepler's and Newton's laws").
GENITIVE_CHAIN = re.compile(r"['’]s,? (?:and|or) " + UPPER_CLASS + r"[\w'’-]*['’]s ([a-z]+)")
GENITIVE_NAME_LAYERS = frozenset(
    {"candidate", "candidate:first-name", "rule:rare-name", "rule:organisation", "rule:place"}
)
# How everyday a word may be (Zipf) and still be a shop's name in the genitive ("That's",
# "Tyler's" are a contraction and a word).
GENITIVE_NAME_WORD = 4.0


def genitive_businesses(text: str, found: list[Mention], lexicon: Lexicon, lang: str) -> list[Mention]:
    """A one-word name that the text writes in the genitive without anything the genitive owns
    ("Macy's, Dillard's and Kohl's reported", "shoppers went to Hartigan's on Saturday") is a
    business by that genitive, "'s" and all; a name a list or a given name makes a person's or a
    place's keeps its type ("Britain's, and", "John's car"), and so does a word of a person's name
    of the article ("Tasha's on her post" after "Tasha Yar"), an everyday word or an acronym."""
    if "'s" not in text and "’s" not in text:
        return found
    persons = {fold_key(word) for m in found if m.actor_id.startswith("person:") for word in m.text.split()}
    named = {}
    for m in found:
        if m.layer in GENITIVE_NAME_LAYERS and " " not in m.text and not m.actor_id.startswith("person:"):
            genitive = GENITIVE_NAME_AFTER.match(text, m.end)
            if genitive is None or fold_key(m.text) in persons or is_all_caps(m.text):
                continue
            chain = GENITIVE_CHAIN.match(text, m.end)
            if chain is not None and chain.group(1) not in GENITIVE_FOLLOWERS:
                continue
            if lexicon.zipf(fold(m.text), lang) < GENITIVE_NAME_WORD:
                named[fold_key(m.text)] = genitive.end() - m.end
    if not named:
        return found
    result = []
    for m in found:
        size = named.get(fold_key(m.text)) if m.layer in GENITIVE_NAME_LAYERS else None
        if (
            size is not None
            and not m.actor_id.startswith("person:")
            and text[m.end : m.end + size] in ("'s", "’s")
        ):
            end = m.end + size
            m = Mention(
                organisation_id(text[m.start : end]), m.start, end, text[m.start : end], "rule:organisation"
            )
        result.append(m)
    return result


# The last words of a military unit's name, which an ordinal before it numbers ("the 65th Fighter
# Wing", "IV Corps").
UNIT_WORDS = frozenset(
    "wing division corps brigade regiment battalion squadron fleet army command group".split()
)
# A station's number after its name, and then no more figures ("BBC Radio 4", "Fox 7", "Channel
# 4 News"), unlike a score or an amount ("Fox 7-2", "Rai 3.5").
STATION_NUMBER = re.compile(r" \d{1,2}(?![\d.,:%/-]\d|[\d%-])")
STATION_WORDS = frozenset("radio channel tv television fox rai".split())
STATION_AFTER = re.compile(r" (?:News|television|TV|radio|channel)\b")
NUMBERED_LAYERS = frozenset({"candidate", "candidate:organisation", "rule:organisation", "list:organisation"})


def numbered_names(text: str, found: list[Mention]) -> list[Mention]:
    """Names whose number is part of them: a unit after its ordinal ("the 65th Fighter Wing") and
    a station before its channel's number ("BBC Radio 4", "Channel 4 News", "France 2
    television"): one organisation, number and all."""
    result = []
    numbered: list[Mention] = []
    for m in found:
        start, end = m.start, m.end
        last = fold(m.text.split()[-1])
        if m.layer in NUMBERED_LAYERS and last in UNIT_WORDS:
            ordinal = ORDINAL_BEFORE.search(text, max(0, m.start - 12), m.start)
            if ordinal is not None:
                start = ordinal.start()
        number = STATION_NUMBER.match(text, m.end)
        if number is not None and (
            (m.layer in NUMBERED_LAYERS and last in STATION_WORDS)
            or (
                m.actor_id.startswith(("organisation:", "country:"))
                and STATION_AFTER.match(text, number.end())
            )
        ):
            end = number.end()
            if STATION_AFTER.match(text, end) and text[end + 1 : end + 5] == "News":
                end += 5  # "Channel 4 News": the programme's name is the station's
        if (start, end) != (m.start, m.end):
            name = text[start:end]
            m = Mention(organisation_id(name), start, end, name, "rule:organisation")
            numbered.append(m)
        result.append(m)
    if not numbered:
        return result
    return [m for m in result if not any(n.start <= m.start and m.end <= n.end and n != m for n in numbered)]


# "The spokesman, Dang Van Khoa, declined": a person's title after an article or a genitive, a
# comma, then the name and a comma.
TITLE_BEFORE_NAME = re.compile(
    r"(?<![\w'’-])(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|" + UPPER_CLASS + r"[\w-]*['’]s)"
    r" (?:[a-z-]+ ){0,2}([a-z]+), (" + UPPER_CLASS + r"[\w'’-]*(?: " + UPPER_CLASS + r"[\w'’-]*){1,3}),"
)
WEAK_LAYERS = frozenset({"candidate", "candidate:first-name", "rule:rare-name", "rule:person-cue"})


def titled_appositions(text: str, found: list[Mention]) -> list[Mention]:
    """A name of two to four words between commas after a person's title ("the spokesman, Dang
    Van Khoa,", "Uganda's president, Yoweri Museveni,") is one person, whatever list knows its
    words; a name a list or a rule made a place or a body keeps its type."""
    named: list[Mention] = []
    for match in TITLE_BEFORE_NAME.finditer(text):
        if match.group(1) not in PERSON_TITLES:
            continue
        start, end = match.span(2)
        inside = [m for m in found if m.start < end and start < m.end]
        if any(m.layer not in WEAK_LAYERS or m.start < start or end < m.end for m in inside):
            continue
        if any(m.start == start and m.end == end and m.actor_id.startswith("person:") for m in inside):
            continue
        named.append(_person(text, start, end))
    return _in_place_of(found, named)


# Bodies named after what they deal with, joined by "on" ("the Commission on Presidential
# Debates", "the Council on Foreign Relations"), as others are by "of" or "for".
BODY_WORDS_BEFORE_ON = frozenset(
    "commission committee subcommittee council center centre institute office board bureau panel forum".split()
)
ON_BETWEEN = frozenset({" on "})
AND_NAME_AFTER = re.compile(r" and " + UPPER_CLASS + r"[\w'’-]*(?![\w'’-])")
ON_LAYERS = frozenset({"candidate", "candidate:organisation", "rule:organisation", "list:organisation"})


def bodies_on(text: str, found: list[Mention]) -> list[Mention]:
    """A body's word and the capitalised name after "on" are one organisation; the name after
    "on" alone is no actor there ("Foreign Relations")."""
    result: list[Mention] = []
    skip = -1
    for index, m in enumerate(found):
        if index == skip:
            continue
        following = found[index + 1] if index + 1 < len(found) else None
        if (
            following is not None
            and m.layer in ON_LAYERS
            and following.layer in ("candidate", "candidate:organisation", "rule:organisation")
            and fold(m.text.split()[-1]) in BODY_WORDS_BEFORE_ON
            and text[m.end : following.start] in ON_BETWEEN
        ):
            end = following.end
            more = AND_NAME_AFTER.match(text, end)
            if more is not None:
                end = more.end()  # "the Committee on Ways and Means"
            name = text[m.start : end]
            result.append(Mention(organisation_id(name), m.start, end, name, "rule:organisation"))
            skip = index + 1
            continue
        result.append(m)
    return result


# A nickname in quotes inside a person's name: given names, the nickname, the surname ("William
# Henry "Bulldog" Travers", "Robert 'Bobby' Kellerman").
NICKNAMED = re.compile(
    r"(?<![\w'’-])((?:" + UPPER_CLASS + r"[\w'’-]* ){1,3})([\"“'‘])(" + UPPER_CLASS + r"[\w'’.-]*"
    r"(?: "
    + UPPER_CLASS
    + r"[\w'’.-]*){0,2})[\"”'’] ((?:(?i:di|de|da|du|del|der|den|van|von|le|la) )?"
    + UPPER_CLASS
    + r"[\w'’-]+)(?![\w'’-])"
)


def quoted_nicknames(text: str, found: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """A given name, a nickname in quotes and a surname are one person's name, quotes and all;
    the given name alone, the nickname and the surname are no actors of their own there."""
    named = []
    persons = [m.start for m in found if m.actor_id.startswith("person:")]
    for match in NICKNAMED.finditer(text):
        # where the given names begin: the first word, or a person's name found after a title
        # ("Striker Demetrios "Takis" Papadakis")
        starts = [p for p in persons if match.start() <= p < match.end(1)]
        if fold(match.group(1).split()[0]) in lexicon.first_names:
            starts.insert(0, match.start())
        if starts:
            start = starts[0]
            # the person's id leaves the nickname out: "William Henry Travers" elsewhere
            person = f"person:{slug(text[start : match.end(1)] + match.group(4))}"
            named.append(Mention(person, start, match.end(), text[start : match.end()], "rule:person-cue"))
    return _in_place_of(found, named)


def _in_place_of(found: list[Mention], named: list[Mention]) -> list[Mention]:
    """`found` with `named` in place of every mention that overlaps one of them, in text order."""
    if not named:
        return found
    kept = [m for m in found if not any(n.start < m.end and m.start < n.end for n in named)]
    return sorted(kept + named, key=lambda m: (m.start, m.end))


# A café, hotel or theatre and its name ("Café Americain", "Hotel des Indes", "Theater Carré").
VENUE = re.compile(
    r"(?<![\w'’-])(?:Café|Cafe|Hotel|Restaurant|Brasserie|Theater|Theatre|Bioscoop|Logement)"
    r"(?: (?:des|du|de|het|la|le|l'))?(?: " + UPPER_CLASS + r"[\w'’-]*)+"
)
VENUE_WORDS = ("Caf", "Hotel", "Restaurant", "Brasserie", "Theat", "Bioscoop", "Logement")


def venues(text: str, found: list[Mention]) -> list[Mention]:
    """A café, hotel or theatre named is one organisation, the name after the venue's word no
    place or country of its own ("Café Americain" is no town nor the United States, "Hotel
    des Indes" no India); a listed venue keeps its list's entry."""
    if not any(word in text for word in VENUE_WORDS):
        return found
    for venue in VENUE.finditer(text):
        start, end = venue.span()
        if any(m.start == start and m.end == end and m.layer.startswith("list:") for m in found):
            continue  # a listed venue ("Hotel Krasnapolsky")
        if any(m.start < end and start < m.end and not (start <= m.start and m.end <= end) for m in found):
            continue  # a name that goes on past the venue's
        name = venue.group()
        body = Mention(organisation_id(name), start, end, name, "rule:organisation")
        found = sorted(
            [m for m in found if not (start <= m.start and m.end <= end)] + [body],
            key=lambda m: (m.start, m.end),
        )
    return found


# "de regering" as today's news writes it, in lower case; not "de regering van Frankrijk", "de
# regering-Schoof" or "de regeringspartijen", whose government another word names.
LOWER_GOVERNMENT = re.compile(r"(?<![\w'’-])(?:de|De) (regering)(?![\w'’-]| van | der )")


def lower_case_governments(text: str, found: list[Mention]) -> list[Mention]:
    """'De regering wil meer geld': the word alone is a body of no name, as "de Regering"
    capitalised is, which the resolution gives to the government of the country the article is
    about, if the article makes that clear (see resolve.governments)."""
    words = [
        Mention("?", match.start(1), match.end(1), match.group(1), "candidate:organisation")
        for match in LOWER_GOVERNMENT.finditer(text)
    ]
    if not words:
        return found
    return sorted(found + words, key=lambda m: (m.start, m.end))


# Between a given name and the town that ends a Dutch family name ("Jaap van Delden").
VAN_BETWEEN = re.compile(r" (?:van|Van)(?: (?:der|den|de))? ")


def _persons_of_pairs(
    text: str, found: list[Mention], pair: Callable[[Mention, Mention], bool], layer: str | None = None
) -> list[Mention]:
    """Each mention and the one after it that `pair` takes for one person's name made one
    person's mention (in `layer`, else the first mention's)."""
    result: list[Mention] = []
    index = 0
    while index < len(found):
        mention = found[index]
        if index + 1 < len(found) and pair(mention, found[index + 1]):
            end = found[index + 1].end
            name = text[mention.start : end]
            result.append(Mention(f"person:{slug(name)}", mention.start, end, name, layer or mention.layer))
            index += 2
            continue
        result.append(mention)
        index += 1
    return result


def given_name_van_place(text: str, found: list[Mention]) -> list[Mention]:
    """'aldus directeur Jaap van Delden', 'Anna van Gent': a given name, "van" and a listed
    town are one person, as Dutch family names are made of towns; the town alone is no place
    of the article. Another capitalised word after the town makes a longer name, left to
    the rules ("Jan van Gent Zuid")."""

    def pair(given: Mention, town: Mention) -> bool:
        return (
            given.layer == "candidate:first-name"
            and town.layer == "list:place"
            and " " not in town.text
            and VAN_BETWEEN.fullmatch(text, given.end, town.start) is not None
            and NEXT_NAME_WORD.match(text, town.end) is None
        )

    return _persons_of_pairs(text, found, pair, "rule:first-name")


def addressed_double_surnames(text: str, found: list[Mention]) -> list[Mention]:
    """'de heer de Vos van Steenwijk', 'Jhr. Van Tets van Goudriaan' in an old paper: after a word
    of address, a surname, "van" and a listed town or a name of no kind are one patrician
    surname, named after an estate; the town is no place of the article. (A rank is no word of
    address: "burgemeester Van Zanen van Den Haag" is the mayor of a town; today's news writes
    "van" for what a person is of, "Mevrouw Van den Bossche van Brakkeveld".)"""

    def pair(person: Mention, town: Mention) -> bool:
        return (
            person.actor_id.startswith("person:")
            and "." not in person.text  # "de heer W. ten Bruggencate van Almelo": from the town
            and town.layer in ("list:place", "candidate")
            and " " not in town.text
            and text[person.end : town.start] == " van "
            and NEXT_NAME_WORD.match(text, town.end) is None
            and ADDRESSED.search(text, max(0, person.start - 30), person.start) is not None
        )

    return _persons_of_pairs(text, found, pair)


# A word before a name that makes it a place ("te Hoogland", "uit Putten", "in Ede").
TOWN_WORD_BEFORE = re.compile(
    r"(?<![\w'’-])(?:te|in|uit|naar|bij|nabij|tot|near|at|from|to) \Z", re.IGNORECASE
)


def surnames_not_towns(text: str, found: list[Mention]) -> list[Mention]:
    """'De heer Hoogland sprak. ... Hoogland zeide': a surname that a title or a word of address
    gives to a person in the article is that person's wherever it stands alone, though a town
    has the name too; after "te", "in" or "uit" it is still the town."""
    surnames = {
        fold_key(m.text): m.actor_id for m in found if m.layer == "rule:person-cue" and " " not in m.text
    }
    if not surnames:
        return found
    return [
        Mention(surnames[key], m.start, m.end, m.text, "rule:person-cue")
        if m.layer == "list:place"
        and (key := fold_key(m.text)) in surnames
        and TOWN_WORD_BEFORE.search(text, max(0, m.start - 8), m.start) is None
        else m
        for m in found
    ]


# A regnal name: a given name or two and a number ("Willem III", "Frederik Willem IV").
REGNAL = re.compile(UPPER_CLASS + r"[\w'’-]* [IVX]{1,5}\Z")
REGNAL_GIVEN_LAYERS = frozenset({"list:person", "candidate:first-name", "candidate", "rule:first-name"})


def regnal_names(text: str, found: list[Mention]) -> list[Mention]:
    """'Koning Frederik Willem IV': a given name right before a regnal name is its first name
    (not another person, nor today's king of that name); and a regnal name found once is the
    same person wherever the article writes it again, also where its first word opens a
    sentence ("Pius IX sprak")."""
    regnal = [m for m in found if m.actor_id.startswith("person:") and REGNAL.search(m.text)]
    if not regnal:
        return found
    result: list[Mention] = []
    for mention in found:
        if (
            result
            and mention in regnal
            and result[-1].layer in REGNAL_GIVEN_LAYERS
            and " " not in result[-1].text
            and text[result[-1].end : mention.start] == " "
        ):
            first = result.pop()
            name = text[first.start : mention.end]
            mention = Mention(f"person:{slug(name)}", first.start, mention.end, name, mention.layer)
        result.append(mention)
    names = {m.text: m.actor_id for m in result if m.actor_id.startswith("person:") and REGNAL.search(m.text)}
    for name, actor_id in names.items():
        for match in re.finditer(r"(?<![\w'’-])" + re.escape(name) + r"(?![\w'’-])", text):
            start, end = match.span()
            if any(m.start <= start and end <= m.end and m.actor_id.startswith("person:") for m in result):
                continue
            if any(
                m.start < end and start < m.end and not (start <= m.start and m.end <= end) for m in result
            ):
                continue
            result = [m for m in result if not (start <= m.start and m.end <= end)]
            result.append(Mention(actor_id, start, end, name, "rule:person-title"))
    return sorted(result, key=lambda m: (m.start, m.end))
