"""Layer 2 of actor finding: rules for the persons, organisations and places no list knows.

A rule needs positive evidence before it names an actor: a given name followed by a surname, a
title, role or nationality just before the name ("minister", "woordvoerder van", "Swede"), a
speech verb or an age after it ("zei", "said", "(54)"), an organisation word inside it ("Partij",
"Bank", "NV", "Inc."), an acronym in running text, a place word or "in" before it ("de stad",
"the town of", "near"), or words too rare to be anything but a name. A capitalised word without
such evidence is only a candidate: the article or the archive may still show what it is
(resolution). Everyday words of the article's language, generic nouns and titles are never
actors on their own. That is how the rules stay precise on sentence-initial words, "het
Westen", months and weekdays, in any language whose names are capitalised.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import NamedTuple

from slugify import slugify

from ..folding import UPPER_CLASS, fold, fold_key, is_all_caps, occurs_as_word, starts_sentence
from ..model import Mention
from .lexicon import Lexicon
from .spelling import known_as, likely_forms

_U = UPPER_CLASS
NAME_WORD = _U + r"[\w]*(?:['’][\w]+)?(?:-[\w]+)*"
INITIAL = rf"(?:{_U}\.)+"
# Lower-case words that may stand inside a name: particles of persons' names and the
# connectors of organisation names ("Partij van de Arbeid", "Bank of America").
PARTICLES = frozenset(
    "van de der den ter ten te von zu da di del della du le la bin ibn al el abu dos das do y e "
    "'t voor of for the and en het des".split()
)
NAME_PARTICLES = frozenset(
    "van de der den ter ten te von zu da di del della du le la bin ibn al el abu dos das do y 't".split()
)
COORDINATION = frozenset({"en", "and", "y", "e"})
_PARTICLE_RE = "|".join(sorted((re.escape(p) for p in PARTICLES), key=len, reverse=True))
# The first capital is matched before the look back at the character before it, so that the
# regex engine skips to capitals instead of trying every character of the text.
SEQUENCE = re.compile(
    rf"{_U}(?<![\w.].)(?:\.(?:{_U}\.)*|[\w]*(?:['’][\w]+)?(?:-[\w]+)*)"
    rf"(?:[ ](?:(?:{_PARTICLE_RE})[ ])*(?:{INITIAL}|{NAME_WORD}))*"
)
TOKEN = re.compile(rf"{INITIAL}|{NAME_WORD}|\S+")
INITIAL_RE = re.compile(rf"{INITIAL}|{_U}")
ACRONYM = re.compile(rf"{_U}{{2,6}}")
ROMAN = re.compile(r"[IVXLCDM]+")
# A Roman numeral as numbers are written ("XIV", "MCM"), not any run of its letters ("VLD").
ROMAN_NUMBER = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# Honorifics written as initials before a name ("Z. H. Pius IX", "H.M. de Koningin", "H.R.H."):
# Zijne/Hare (Koninklijke) Hoogheid, Majesteit, Excellentie, Heiligheid; His/Her Royal Highness.
HONORIFICS = frozenset("zh zm hm zkh hkh zeh zke hrh hm hh".split())
HEADLINE = 80  # characters: how far a line in capitals is read around an acronym

PERSON_TITLES = frozenset(
    """
    president presidente premier minister ministers minister-president staatssecretaris kanselier
    bondskanselier koning koningin prins prinses paus kardinaal bisschop aartsbisschop imam rabbijn
    burgemeester wethouder gouverneur senator congreslid kamerlid kamerleden europarlementarier ambassadeur
    diplomaat topdiplomaat gezant generaal kolonel majoor kapitein commandant opperbevelhebber
    woordvoerder woordvoerster zegsman zegsvrouw directeur directrice topman topvrouw
    bestuursvoorzitter voorzitter ceo cfo oprichter eigenaar leider partijleider fractievoorzitter
    fractieleider lijsttrekker oppositieleider ambtgenoot collega advocaat aanklager rechter
    hoogleraar professor onderzoeker wetenschapper econoom analist deskundige journalist
    correspondent verslaggever columnist schrijver schrijfster auteur dichter kunstenaar zanger
    zangeres rapper acteur actrice regisseur trainer coach bondscoach aanvoerder spits doelman keeper
    wielrenner schaatser tennisser atleet aanvaller middenvelder verdediger kenner
    zaakvoerder informateur formateur verkenner raadslid gemeenteraadslid statenlid
    bewindsman bewindsvrouw ombudsman procureur-generaal advocaat-generaal hoofdcommissaris korpschef
    rector decaan spreker doctor opvolger opvolgster voorganger voorgangster partijgenoot partijgenote echtgenoot
    echtgenote rivaal uitdager verdachte oud-premier oud-president ex-president oud-minister
    vicepresident vicepremier vice-president vice-premier secretaris-generaal commissaris
    eurocommissaris chef topambtenaar dictator sjeik emir ayatollah kroonprins dominee pastoor dokter
    arts chirurg mevrouw meneer heer mr dr drs ir prof dhr mevr mw exc excellentie mgr monseigneur
    ds
    prime chancellor king queen prince princess pope cardinal bishop mayor governor congressman
    congresswoman representative ambassador envoy general colonel captain commander admiral
    spokesman spokeswoman spokesperson director chairman chairwoman chair chief executive founder
    owner leader lawyer attorney prosecutor judge researcher scientist economist analyst expert
    reporter author writer poet artist singer actor actress manager striker goalkeeper player
    secretary undersecretary under-secretary officer mrs ms sir dame lord lady counterpart
    colleague deputy former vice senior junior
    nominee candidate businessman businesswoman entrepreneur activist campaigner billionaire tycoon
    philanthropist assemblyman assemblywoman assemblymember councilman councilwoman councillor
    councilor alderman lawmaker legislator politician astronaut physicist chemist biologist
    immunologist epidemiologist virologist astronomer historian archaeologist anthropologist
    psychologist sociologist commentator presenter novelist playwright filmmaker composer musician
    guitarist drummer bassist songwriter comedian photographer surgeon physician archbishop priest
    pastor rabbi cleric chaplain magistrate grandmaster boxer wrestler sprinter swimmer cyclist
    golfer midfielder vocalist keyboardist trumpeter saxophonist pianist violinist cellist frontman
    frontwoman zakenman zakenvrouw activiste kandidate
    juniors rookie veteran sophomore freshman
    lieutenant luitenant sergeant korporaal corporal sheriff coroner detective inspector inspecteur
    marshal maarschalk admiraal brigadier soldaat schout-bij-nacht adviser advisor adviseur speaker
    constable commissioner emperor empress keizer keizerin tsaar tsar sultan hertog hertogin
    duke duchess baron barones earl graaf gravin jonkheer jhr reverend lt sgt capt gen cmdr
    adm gov sen rep maj kol brig cpl pvt pte
    aartshertog aartshertogin groothertog groothertogin vorst vorstin
    uitgever uitgevers drukker notaris deurwaarder griffier predikant kapelaan apotheker koopman
    weduwe wed wwe heren hh publisher editor notary
    prasident kanzler bundeskanzler ministerin sprecher sprecherin herr frau
    ministre porte-parole chancelier roi reine monsieur madame
    """.split()
)
# Dutch titles of women, most of them a title above with its female ending ("analiste",
# "correspondente", "voorzitster"), as much a title before a name as the male form; and the
# one who shows a lot for sale in old notices ("Aanwijzer").
PERSON_TITLES = PERSON_TITLES | frozenset(
    """
    aanwijzer analiste journaliste correspondente columniste econome onderzoekster wetenschapster
    voorzitster bestuursvoorzitster oprichtster eigenares leidster aanvoerster trainster
    spreekster verslaggeefster kunstenares ambassadrice senatrice gouverneur lerares
    advocate rechteres dichteres regisseuse presentatrice
    """.split()
)
# Dutch sportsmen and sportswomen by their sport, as news writes them before a name
# ("Schaatsster Jutta Leerdam", "keepster Daphne van Domselaar"), the female forms irregular:
# titles to `title_word`, kept apart from PERSON_TITLES, which the tagger reads as a feature.
SPORT_TITLES = frozenset(
    """
    voetballer voetbalster schaatsster zwemmer zwemster wielrenster renster atleet atlete
    hardloper hardloopster tennisser tennisster turner turnster roeier roeister judoka keepster
    doelman doelvrouw aanvaller aanvalster verdediger middenvelder spelverdeler speelster
    sprintster golfster hockeyer hockeyster handballer handbalster volleyballer volleybalster
    basketballer darter zeiler zeilster bokser bokster skiër skiester snowboarder autocoureur
    """.split()
)
# Titles written as abbreviations, whose full stop does not end a sentence ("dr. Okafor", "Wed.
# Broeks", "Gen. Lee"): a title written out and followed by a full stop ends one.
ABBREVIATED_TITLES = frozenset(
    "mr dr drs ir prof dhr mevr mw exc mgr jhr wed wwe hh mrs ms lt sgt capt gen cmdr adm gov sen rep maj kol "
    "brig cpl pvt pte ds".split()
)
# Titles of those known by their given name alone ("koning Willem", "Emperor Napoleon", "paus
# Pius"): after one of them a given name alone is a person's name.
REGNAL_TITLES = frozenset(
    """
    koning koningin keizer keizerin prins prinses kroonprins kroonprinses paus tsaar tsarina
    sultan hertog hertogin groothertog groothertogin aartshertog aartshertogin vorst vorstin
    king queen emperor empress prince princess pope tsar czar czarina kaiser kaiserin
    """.split()
)
# Capitalised words that name a portfolio after "minister van" / "Secretary of": never actors.
PORTFOLIOS = frozenset(
    """
    buitenlandse binnenlandse zaken defensie justitie veiligheid financien economische klimaat
    energie koninkrijksrelaties volksgezondheid welzijn sport onderwijs cultuur wetenschap sociale
    werkgelegenheid infrastructuur waterstaat landbouw natuur voedselkwaliteit asiel migratie
    handel ontwikkelingssamenwerking volkshuisvesting ruimtelijke ordening medische zorg
    rechtsbescherming armoedebeleid digitalisering mededinging milieu verkeer media jeugd gezin
    emancipatie integratie
    foreign home affairs defence defense justice finance health education interior state treasury
    economy trade energy transport environment agriculture labour labor commerce homeland security
    culture staff
    """.split()
)
ORG_WORDS = frozenset(
    """
    partij party bank bond unie union raad council commissie commission ministerie ministry
    departement department agentschap agency instituut institute institut universiteit university
    universitat universite hogeschool academie academy ziekenhuis hospital kliniek clinic stichting
    foundation fonds fund vereniging association federatie federation groep group holding holdings
    corporation corp company inc ltd limited nv bv ag gmbh plc llc airlines airways motors omroep
    krant dagblad courant gazette tribune journal tribunaal tribunal hof court rechtbank politie
    police leger army navy marine luchtmacht organisatie organization organisation beweging movement
    front alliantie alliance coalitie coalition centrum center centre autoriteit authority dienst
    bureau board committee comite club fc verbond senaat senate parlement parliament congres congress
    assemblee assembly regering government kabinet cabinet gemeente vakbond trust technologies
    systems pharma pharmaceuticals laboratories studios records entertainment networks telecom
    communications industries industrie brouwerij brewery verzekeraar insurance investments ventures
    school college museum orkest orchestra kerk church exchange beurs bourse
    united rovers wanderers albion athletic hotspur afc sc cf ac bc vv sv
    workers motors computer computers automotive airplanes aerospace aviation railways railroad shipping logistics
    electric energy petroleum oil steel chemical chemicals foods brands capital partners
    securities financial bancorp mining resources media software labs robotics wireless
    broadcasting network television radio news herald magazine administration office service
    services corps brigade division regiment battalion fleet squadron force guard society league
    confederation theatre theater opera ballet choir ensemble syndicaat syndicate
    fabrieken maatschappij verzekeringen uitgeverij brandweer inspectie genootschap waterschap
    bibliotheek zorggroep gasthuis hogeraad
    stores ratings enterprises electronics semiconductor semiconductors properties breweries
    textiles metals petrochemicals pharmaceutical therapeutics beverages supermarkets bancshares
    reinsurance instruments shipyards rederij scheepswerf
    times telegraph chronicle observer courier koerier nieuwsblad bode
    railway spoorwegen spoorweg tramweg
    infantry cavalry artillery rifles fusiliers dragoons hussars lancers marines
    infanterie cavalerie artillerie huzaren mariniers bataljon korps
    """.split()
) | frozenset(
    # What opens or ends a company's name in the languages of the markets English newswire
    # reports on ("Banco Varela", "Companhia Vale do Rio Doce", "Kabushiki Kaisha Tovaro",
    # "Malayan Banking Bhd"): a body's word as much as "Bank" or "Corp", though no English one.
    """
    banco banca banque bankhaus grupo groupe gruppo compania companhia compagnie compagnia societe
    sociedad sociedade societa empresa empresas industrias petroleos comercio corporacion
    corporacao caja caixa kabushiki kaisha aktiengesellschaft aktiebolag bolsa borsa
    sa spa sab bhd berhad tbk oyj asa
    """.split()
)
# Last words of English newspapers' names that are no organisation words elsewhere ("the
# Jakarta Post", "Asahi Shimbun", "the Philadelphia Inquirer"); after a given name they end a
# person's ("Emily Post").
PRESS_WORDS = frozenset(
    "post shimbun inquirer enquirer examiner statesman sentinel dispatch advertiser".split()
)
# Organisation words that, capitalised and alone, name the one legislature of the country the
# news is about ("the Senate voted", "de Kamer stemde in"), unlike "the Bank" or "the Board".
LEGISLATURES = frozenset("senate senaat congress congres parliament parlement kamer".split())
# Endings of one-word names compounded with an organisation word.
ORG_ENDINGS = ("bank", "partij", "partei", "bond", "unie", "groep", "gruppe", "verband", "werke", "omroep")
# Organisation words that name a kind of body, not one body: alone (or with each other) they are
# no actor ("Bank", "Corp", "the Ministry"), but after a listed name they end it ("Singapore
# Airlines", "British Airways Plc").
GENERIC_ORG_WORDS = ORG_WORDS | frozenset("co cos".split())
# Capitals that abbreviate something other than a body: currencies, measures, ranks, titles,
# events and the like. Any other acronym in running text names an organisation.
NOT_ORGANISATIONS = frozenset(
    """
    ceo cfo coo cto cio gdp bbp bnp ipo tv ok pm am pc dna hiv aids gps usb pdf ai it ict mw kw kwh
    gw usd eur gbp jpy chf cny vat btw mp mep mba phd bsc msc pr hr id nb ps ad bc cet gmt utc est
    pst cdt edt faq sms app cd dvd lp ep vip suv lng lpg nv bv plc inc ltd corp llc ag gmbh sa jr sr
    mr mrs ms dr st vs ek wk nk os cao aow ww zzp mkb mvp usa rip ft ha km kg mph lb oz
    ftse dax cac djia aex bel ibex smi hang
    covid sars mers lgbt lgbtq lhbt lhbti api url html http https css json xml sql vpn isp cpu gpu
    ram rom lan wifi ufo diy dui mri icu etf cpi eps roi std ngo ngos eula gnu cbd fgm ist bst cest
    ceo's pvc ov ic ggd lcd led oled hd ssd
    """.split()
)
# How everyday a word may be (Zipf) and still be taken for part of a name: at a sentence start,
# a rarer word than this is a name's first word, not the sentence's; a one-word person or a
# name's first word at least this everyday is an ordinary word with a capital; a name of words
# all rarer than RARE_NAME is a name even without a given name; a word rarer than EVERYDAY_PLACE
# after "in" or "near" is a place (towns are named more often than most persons).
SENTENCE_WORD = 3.0
EVERYDAY_ONE = 4.5
RARE_NAME = 3.5
EVERYDAY_PLACE = 4.0
# Words inside a name that make it a place ("Johan Cruijff ArenA", "Schiphol Airport").
PLACE_WORDS = frozenset(
    "stadion stadium arena luchthaven airport plein square straat street brug bridge paleis palace "
    "kasteel castle kathedraal cathedral park gracht kanaal canal rivier river meer lake gebergte station "
    "avenue boulevard mosque moskee synagogue synagoge".split()
)
# Endings of Dutch compounds that name a street or a square after a person ("Karel
# Doormanstraat", "Johan de Wittlaan"): a place, not the person.
STREET_ENDINGS = ("straat", "laan", "plein", "gracht", "singel", "kade", "dreef")
# Last words of things named after a person that are no person: a law, a treaty, a prize, a
# show, an instrument ("Voting Rights Act", "Abraham Accords", "James Webb Space Telescope").
NAMED_THINGS = frozenset(
    "act accord accords treaty doctrine prize award awards trophy medal telescope show".split()
)
ORG_BEFORE = frozenset(
    """
    bedrijf bedrijven concern concerns partij partijen organisatie beweging bank banken omroep krant
    fabrikant fabrikanten autofabrikant autofabrikanten vliegtuigfabrikant maatschappij
    luchtvaartmaatschappij verzekeraar supermarktketen keten winkelketen vakbond club ploeg
    company companies firm firms group party carmaker carmakers automaker automakers airline
    airlines insurer retailer chain manufacturer maker broadcaster newspaper union club team band
    agency brokerage lender miner persbureau
    """.split()
)
# Last words of airlines' names that no surname is, though a given name may open the name
# ("Adam Air", "Lion Air"); first, they open titles ("Air Chief Marshal").
AIRLINE_ENDS = frozenset({"air", "aero"})
# Endings of Dutch compounds that say what kind of body the name after them is ("autobedrijf
# Ford", "vliegtuigbouwer Boeing", "softwareconcern", "oliemaatschappij").
# English words for a kind of company that open a sentence before its name ("Airline Calder Air
# cancelled", "Carmaker Vantor said"): no part of the name.
COMPANY_KINDS = frozenset(
    "airline carmaker automaker chipmaker drugmaker steelmaker retailer insurer lender brewer miner".split()
)
ORG_BEFORE_ENDINGS = (
    "bedrijf",
    "fabrikant",
    "concern",
    "bouwer",
    "producent",
    "maatschappij",
    "verzekeraar",
    # "woningcorporatie Ymere", "pensioenfonds ABP", "energieleverancier Eneco"
    "corporatie",
    "fonds",
    "leverancier",
    "uitgeverij",
    "brouwerij",
    "keten",
)


# "het in San Jose gevestigde Cisco": what has its seat somewhere is a body, not a person.
SEATED = frozenset({"gevestigde"})


def _org_before(word: str) -> bool:
    return word in ORG_BEFORE or word in SEATED or _org_compound_before(word)


def _org_compound_before(word: str) -> bool:
    return len(word) > 9 and word.endswith(ORG_BEFORE_ENDINGS)


# The layer of a given name that a regnal title before it makes a person's name.
TITLE_NAME = "rule:person-title"
PERSON_AFTER = re.compile(
    r"\s*(?:,\s*)?(?:zei|zegt|zeggen|stelt|stelde|verklaart|verklaarde|meldt|meldde|schrijft|schreef|vertelde|vertelt|"
    r"liet\s+weten|benadrukte|waarschuwde|reageerde|twitterde|antwoordde|voegde|"
    r"said|says|told|added|wrote|tweeted|warned|stated|argued|insisted|explained|"
    r"sagte|sagt|erklarte|a\s+declare|a\s+dit|affirme)\b"
    r"|\s*\(\d{1,3}\)"
)
# "Kuchma, 58, told": English newswire gives a person's age between commas after the name
# (Dutch in brackets, as PERSON_AFTER reads; a Dutch number between commas is as often a count).
AGE_AFTER = re.compile(r",\s\d{1,3},\s(?![\d$£€])")
MONTHS_DAYS = frozenset(
    """
    januari februari maart april mei juni juli augustus september oktober november december
    january february march may june july august october
    januar februar marz juni juli oktober dezember janvier fevrier mars avril mai juin juillet aout
    septembre octobre novembre decembre
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday thursday
    friday saturday sunday montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi
    mercredi jeudi vendredi samedi dimanche
    januarij februarij junij julij dingsdag zaturdag
    """.split()
)
# Capitalised words that begin sentences or titles and are never part of a name.
FUNCTION_WORDS = frozenset(
    """
    de het een the a an this that these those dit dat deze die der das ein eine le la les un une
    """.split()
)
# Words that often begin a sentence before a name ("Volgens Jan Jansen", "Bij Shell").
SENTENCE_STARTERS = frozenset(
    """
    volgens ook maar toen daarna dus nu zo want bij in op met voor na door tijdens namens tegen over
    zonder sinds hoewel omdat als terwijl nadat toch wel al according also but then now so at on
    with for after by during when while if as since although because before without
    """.split()
)
TITLE_SUFFIXES = (
    "minister",
    "president",
    "premier",
    "woordvoerder",
    "voorzitter",
    "topman",
    "chef",
    "leider",
    "adviseur",  # "veiligheidsadviseur"
    # "luchtvaartanalist", "hoofdeconoom", "bankdirecteur", "oorlogscorrespondent"
    "analist",
    "analiste",
    "econoom",
    "directeur",
    "correspondent",
    "journalist",
    "kandidaat",  # "presidentskandidaat"
    # Dutch ranks compounded with a rank or a grade: "brigadegeneraal", "luitenant-generaal",
    # "generaal-majoor", "vice-admiraal", "veldmaarschalk", "luitenant-kolonel".
    "generaal",
    "admiraal",
    "maarschalk",
    "majoor",
    "kolonel",
)
# Military ranks (and their abbreviations): with the words of address below, they make the
# listed place's name after them a person's surname ("General Montgomery", "Dr. Livingstone",
# "generaal Montgomery").
RANKS = frozenset(
    """
    general generaal admiral admiraal colonel kolonel major majoor captain kapitein lieutenant
    luitenant sergeant corporal korporaal marshal maarschalk brigadier commodore private soldaat
    gen adm col maj capt lt sgt cpl pvt pte kol brig cmdr
    """.split()
)
# Words of the title list that say what a person was or is, not what they are called: before
# a listed place they leave it a place ("former Yugoslavia", "Senior Bowl").
NOT_BEFORE_NAMES = frozenset(
    "former vice senior junior juniors rookie veteran sophomore freshman colleague deputy chief".split()
)
# English ranks that are everyday words too ("Major League", "Private Eye", "Commodore
# International"): a rank only before a person's name, a given name or a word no dictionary
# has ("Major Tom Hollister", "Private Dalloway").
# So are titles that also name a portfolio or a body's seat ("Justice Department", "Member
# States"): "Justice Ruth Bader Ginsburg", "Board Member Jennifer Homendy".
RANKS_BEFORE_NAMES = frozenset("major private commodore justice member".split())


PLACE_NOUNS = frozenset(
    "stad dorp plaats provincie regio deelstaat staat eiland havenstad hoofdstad grensstad badplaats stadje".split()
)
PLACE_NOUNS_OF = frozenset("city town village region province state island port".split())
# "de haven van Zeebrugge", "de burgemeester van Katwijk": what only a town has, of a name.
TOWN_NOUNS_VAN = frozenset(
    "haven gemeente gemeenteraad burgemeester inwoners bewoners stadhuis binnenstad omgeving "
    "station deelgemeente".split()
)
CONTRACTIONS = frozenset("ve ll re d m t".split())
# Capitalised particles that begin a Dutch place's name ("in Ter Apel", "uit Den Ham").
PLACE_PARTICLES = frozenset("Ter Ten Den Het".split())
# Words before a rare one-word name that make it a place ("in Tilburg", "te Zwolle").
PLACE_BEFORE = frozenset("in near nabij outside te uit".split())
PERSON_BEFORE_WORDS = frozenset("aldus volgens zegt zei said says".split())
# "van" and "of", with the way the scans of old papers often read "van" (n as u).
OF_WORDS = frozenset("van of vau".split())
# Verbs of saying that name the speaker right after them once a quotation or a clause before
# them ends in a comma or a quote ("..., stelt Wolthuis.", '"Nee," schreef Wolthuis'); elsewhere
# what follows them may be their object ("Het kabinet stelt Brakveld aan").
SPEECH_INVERTED = frozenset(
    "zegt zei stelt stelde meldt meldde schrijft schreef vertelt vertelde verklaart verklaarde "
    "reageert reageerde antwoordt antwoordde benadrukt benadrukte waarschuwt waarschuwde zegde "
    "said says told wrote added".split()
)
QUOTE_ENDS = (",", '"', "'", "”", "’", "“", "‘")
CONNECTORS = frozenset({"of", "for", "voor", "the", "het"})
OF = frozenset({"of", "for", "voor"})


class Token(NamedTuple):
    text: str
    start: int
    end: int
    folded: str

    @property
    def is_particle(self) -> bool:
        return self.folded in PARTICLES and not self.text[:1].isupper() or self.folded in COORDINATION

    @property
    def is_compound(self) -> bool:
        """'Minsk-akkoorden': a capitalised word glued to a lower-case one is a common noun."""
        return "-" in self.text and any(part[:1].islower() for part in self.text.split("-")[1:])


@lru_cache(maxsize=65536)
def slug(name: str) -> str:
    return slugify(name) or fold(name)


# The legal forms that end a company's name and that the articles leave off once it is named.
LEGAL_FORMS = frozenset(
    "inc corp corporation co cos ltd limited plc nv bv ag gmbh sa spa sab llc lp bhd berhad tbk oyj asa".split()
)
# Words before a legal form that name the same company as the name without them ("Apple
# Computer", "Ford Motor Company"); not a plural ("General Motors" is no "General").
COMPANY_TAILS = frozenset("company computer motor".split())
# Articles that a company word may follow: "The Company" is its whole name.
ARTICLES = frozenset("the a an de het een la le les die der das".split())


@lru_cache(maxsize=65536)
def organisation_id(name: str) -> str:
    """One id for a company's name with and without its legal form and company word, so that
    "Citigroup Inc." of one article and "Citigroup" of another are one actor of the archive."""
    words = name.split()
    while len(words) > 1 and fold_key(words[-1]) in LEGAL_FORMS:
        words.pop()
    while len(words) > 1 and fold_key(words[-1]) in COMPANY_TAILS:
        words.pop()
    if len(words) == 1 and fold_key(words[0]) in ARTICLES:
        return f"organisation:{slug(name)}"
    return f"organisation:{slug(' '.join(words))}"


def _covered(spans: list[tuple[int, int]], starts: list[int], position: int) -> bool:
    index = bisect_right(starts, position) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def _words_before(folded: str, position: int, count: int = 3) -> list[str]:
    """The `count` words before a position, nearest last ("minister van de" -> [.., 'van', 'de'])."""
    return folded[max(0, position - 50) : position].split()[-count:]


class _Article:
    """What the rules look at besides the name itself: the whole text, folded once, and its
    language (whose everyday words are no names)."""

    __slots__ = ("text", "folded", "lexicon", "lang", "_old_spelling")

    def __init__(self, text: str, folded: str, lexicon: Lexicon, lang: str) -> None:
        self.text, self.folded, self.lexicon, self.lang = text, folded, lexicon, lang
        self._old_spelling: bool | None = None

    @property
    def old_spelling(self) -> bool:
        """Dutch in the spelling of before 1947 ("eene", "zoo", "Nederlandsche"), as old papers
        print it: a text that capitalises nouns far more than today's."""
        if self._old_spelling is None:
            hits = set()
            for match in OLD_SPELLING.finditer(self.folded):
                hits.add(match.group())
                if len(hits) >= OLD_SPELLING_WORDS:
                    break
            self._old_spelling = len(hits) >= OLD_SPELLING_WORDS
        return self._old_spelling

    def abbreviation(self, token: Token) -> bool:
        """'Binnenl.', 'Aand.', 'Nation.': the head of an everyday word cut off with a full stop,
        as tables and headings abbreviate; no name, though no list or word count knows it."""
        return self.text[token.end : token.end + 1] == "." and self.cut_head(token)

    def cut_head(self, token: Token) -> bool:
        """'Binnenl', 'Oblig': the head of an everyday word, its full stop lost or not."""
        word = token.folded
        if (
            len(word) < 3
            or not word.isalpha()
            or self.lexicon.zipf(word, self.lang) >= ABBREVIATED
            or word in self.lexicon.entries
            or word in self.lexicon.first_names
            or word in self.lexicon.person_surnames
            or word in self.lexicon.common_surnames
        ):
            return False
        words = _everyday_words(self.lexicon, self.lang)
        index = bisect_left(words, word)
        return index < len(words) and words[index].startswith(word) and len(words[index]) > len(word) + 1

    def everyday(self, word: str, floor: float) -> bool:
        key = (self.lang, word, floor)
        answer = self.lexicon.memo.get(key)
        if answer is None:
            if len(self.lexicon.memo) > MEMO_SIZE:
                self.lexicon.memo.clear()
            answer = self.lexicon.memo[key] = self._everyday(word, floor)
        return answer

    def _everyday(self, word: str, floor: float) -> bool:
        """Whether a folded word is at least this everyday in the article's language (Zipf
        scale: 4 is a word of every newspaper page, 3 of every few pages). A contraction is as
        everyday as its first word ("I've", "they're")."""
        head, apostrophe, tail = word.partition("'")
        if apostrophe and tail in CONTRACTIONS:
            return len(head) == 1 or self.lexicon.zipf(head, self.lang) >= floor
        if self.lexicon.zipf(word, self.lang) >= floor:
            return True
        if self.lang != "nl":
            return False
        # "Binnenlandsche", "Beursberigten": an everyday word in the spelling of old papers.
        dutch = self.lexicon.frequencies.get("nl", {})
        return any(dutch.get(form, 0.0) >= floor for form in likely_forms(word))


# How many answers about words a lexicon keeps (a few tens of MB at most).
MEMO_SIZE = 500_000
# A word rarer than this (Zipf) is no word of its own, so it may be an abbreviation of one.
ABBREVIATED = 2.0
_EVERYDAY_WORDS: dict[tuple[int, str], list[str]] = {}


def _everyday_words(lexicon: Lexicon, lang: str) -> list[str]:
    """The everyday words of a language (Zipf RARE_NAME and up), sorted, to look up by prefix."""
    key = (id(lexicon), lang)
    words = _EVERYDAY_WORDS.get(key)
    if words is None:
        frequencies = lexicon.frequencies.get(lang) or lexicon.frequencies.get("en", {})
        words = _EVERYDAY_WORDS[key] = sorted(w for w, z in frequencies.items() if z >= RARE_NAME)
    return words


def find_rule_mentions(
    text: str, folded: str, lexicon: Lexicon, taken: list[Mention], lang: str = "nl"
) -> list[Mention]:
    """Mentions of unlisted actors, plus `candidate` mentions (actor id "?") for resolution."""
    ordered = sorted(taken, key=lambda m: m.start)
    spans = [(m.start, m.end) for m in ordered]
    starts = [s for s, _ in spans]
    context = _Article(text, folded, lexicon, lang)
    found: list[Mention] = []
    for match in SEQUENCE.finditer(text):
        first, last = match.span()
        index = bisect_right(starts, first) - 1
        if index >= 0 and spans[index][0] <= first and spans[index][1] >= last:
            continue  # wholly inside one list mention: nothing left for the rules
        if " " not in match.group():  # one word, the common case: no tokenising needed
            word = folded[first:last]
            if word in FUNCTION_WORDS or word in SENTENCE_STARTERS:
                continue
            if word in MONTHS_DAYS and "".join(_words_before(folded, first, 1)).rstrip(".") not in ADDRESS:
                continue  # "in May", but "de heer May", "Mr. August"
            token = Token(match.group(), first, last, word)
            if not (index >= 0 and spans[index][1] > first) and not token.is_compound:
                found.extend(_classify([token], context))
            continue
        part: list[Token] = []
        tokens = [
            Token(t.group(), t.start(), t.end(), folded[t.start() : t.end()])
            for t in TOKEN.finditer(text, first, last)
        ]
        taken_to = -1  # where a listed name that completes the organisation before it ends
        for index, token in enumerate(tokens):
            covered = _covered(spans, starts, token.start)
            if token.start < taken_to:
                part.append(token)  # the rest of it: "Liberal Party of Nova Scotia"
            elif covered and _names_organisation(part, ordered[bisect_right(starts, token.start) - 1]):
                part.append(token)  # "Universiteit van Tilburg", "Bank of England"
                taken_to = spans[bisect_right(starts, token.start) - 1][1]
            elif token.folded in COORDINATION and (
                _org_goes_on(part, tokens[index + 1 : index + 2])
                or _second_field(part, covered, tokens[index + 1 :], spans, starts, lexicon)
            ):
                part.append(token)  # "Kamer van Koophandel en Fabrieken", "Hope en Co"
            elif (
                covered
                or token.is_compound
                or token.folded in MONTHS_DAYS
                or token.folded in COORDINATION
                or token.text == "&"
            ):
                found.extend(_classify(part, context))
                part = []
            else:
                part.append(token)
                if _possessor(part, tokens[index + 1 :], lexicon):
                    found.extend(_classify(part, context))  # "Dick Cheney's BlackBerry"
                    part = []
        found.extend(_classify(part, context))
    return found


def _possessor(part: list[Token], following: list[Token], lexicon: Lexicon) -> bool:
    """Whether a person's name (a given name first) or an acronym in the genitive ends before
    the capitalised words after it: what they have is a name of its own ("Dick Cheney's
    BlackBerry", "CNBC's Mad Money"), unless an organisation word makes one body's name of it
    ("Moody's Investors Service"). Other genitives may open a name ("Hawke's Bay", "People's
    Liberation Army", "Uncle John's Band")."""
    token = part[-1]
    return (
        bool(following)
        and token.text.endswith(("'s", "’s"))
        and (
            (len(part) > 1 and part[0].folded in lexicon.first_names)
            or (len(part) == 1 and ACRONYM.fullmatch(token.text[:-2]) is not None)
        )
        and not any(_org_word(t.folded) for t in following)
    )


def _org_head(word: str) -> bool:
    """An organisation word that may open a name ("Partij van de Arbeid", "Kamer van Koophandel")."""
    return word in ORG_WORDS or word in LEGISLATURES


# Organisation words that, after "en" / "and", complete the name of the body before them
# ("Kamer van Koophandel en Fabrieken", "Hope en Co", "Tul en Zoon", "Smith and Sons").
ORG_TAILS = frozenset("fabrieken nijverheid co comp cie zoon zonen sons son company".split())


def _org_goes_on(part: list[Token], following: list[Token]) -> bool:
    """Whether "en" / "and" joins a word that completes an organisation's name to it, rather
    than a name of its own."""
    return bool(part) and bool(following) and _org_tail(following[0])


def _second_field(
    part: list[Token],
    covered: bool,
    following: list[Token],
    spans: list[tuple[int, int]],
    starts: list[int],
    lexicon: Lexicon,
) -> bool:
    """Whether "and" joins a second field to a body named after what it deals with
    ("Department of Natural Resources and Mines", "College of Obstetricians and
    Gynecologists"): after an organisation word and "of" / "for", between words that no list
    knows (not "the University of Texas and Harvard"), a field of a word or two that opens
    with no given name (not "the Bank of Harwick and John Smith")."""
    if covered or not following or len(following) > 2 or len(part) < 3:
        return False
    if not following[0].text[:1].isupper() or following[0].folded in lexicon.first_names:
        return False
    if _covered(spans, starts, following[0].start) or _covered(spans, starts, part[-1].start):
        return False
    if any(token.folded in COORDINATION for token in part):
        return False  # one second field at most
    connector = next((i for i, token in enumerate(part) if token.folded in OF), None)
    return (
        connector is not None
        and 0 < connector < len(part) - 1
        and any(_org_word(token.folded) for token in part[:connector])
    )


def _org_tail(token: Token) -> bool:
    return token.folded.rstrip(".") in ORG_TAILS and token.text[:1].isupper()


# The old genitive article before a Dutch place name: "'s-Gravenhage", "'s Hertogenbosch".
GENITIVE_ARTICLES = ("'s-", "'s ", "’s-", "’s ")
# Genitive nouns without the -s that "'s" otherwise asks for ("in 's Heeren naam").
GENITIVE_NOUNS = frozenset("heeren heren".split())


def genitive_article(text: str, start: int) -> bool:
    """Whether the old genitive article "'s" stands right before a word, as a word of its own."""
    return text[max(0, start - 3) : start] in GENITIVE_ARTICLES and (
        start == 3 or not text[start - 4].isalnum()
    )


def _genitive_place(tokens: list[Token], text: str) -> bool:
    """A capitalised word after "'s" names a place ("'s-Gravenhage", "'s Hage", "'s Bosch"):
    the article is the old genitive "des" frozen into the name. Written with a space, it may
    still be a genitive of its own ("'s Lands", "'s Konings", "'s Morgens"), whose noun then
    ends in -s; with a hyphen it is a place name."""
    start = tokens[0].start
    if not genitive_article(text, start):
        return False
    first = tokens[0].folded
    return text[start - 1] == "-" or (not first.endswith("s") and first not in GENITIVE_NOUNS)


def _names_organisation(part: list[Token], mention: Mention) -> bool:
    """Whether a listed place or country completes the organisation name before it ("Bank of
    England", "Supreme Court of the United Kingdom")."""
    of = part[:-1] if part and part[-1].folded == "the" else part
    return (
        len(of) >= 2
        and of[-1].folded in {"van", "of", "voor", "for", "de", "du", "des"}
        and mention.actor_id.startswith(("place:", "country:"))
        and (of is part or mention.layer != "list:country-adjective")  # "of the British Museum"
        and any(t.folded in ORG_WORDS for t in of)
    )


def _is_title(token: Token, dutch: bool = False) -> bool:
    return title_word(token.folded, dutch)


# The word tests below read fixed tables (and old spellings): asked again and again about the
# same words, so their answers are kept per word.
@lru_cache(maxsize=1 << 16)
def title_word(word: str, dutch: bool = False) -> bool:
    return (
        word in PERSON_TITLES
        or word in SPORT_TITLES
        or word.endswith(TITLE_SUFFIXES)
        or (dutch and known_as(word, PERSON_TITLES) is not None)  # "Kommissaris"
        # "oud-burgemeester", "ex-Kamerlid": what a person was is a title as well
        or (
            word.startswith(FORMER_PREFIXES)
            and (title_word(rest := word.partition("-")[2], dutch) or rest in FORMER_ROLES)
        )
    )


FORMER_PREFIXES = ("oud-", "ex-")
# What a person may have been, though the word alone is no title ("oud-international Van
# Hanegem"; "International" opens bodies' names).
FORMER_ROLES = frozenset("international speler prof topspeler kampioen wereldkampioen".split())


@lru_cache(maxsize=1 << 16)
def _portfolio(word: str, dutch: bool = False) -> bool:
    return word in PORTFOLIOS or (dutch and known_as(word, PORTFOLIOS) is not None)  # "Finantien"


@lru_cache(maxsize=1 << 16)
def _org_word(word: str, dutch: bool = False) -> bool:
    return word in ORG_WORDS or (
        dutch
        and (
            known_as(word, ORG_WORDS) is not None  # "Syndikaat"
            or _dutch_org_compound(word)
        )
    )


# Endings of Dutch compounds that name a kind of body: "Gerechtshof", "Veiligheidsregio",
# "Omgevingsdienst", "Concertgebouworkest", "Waterschapsbank".
DUTCH_ORG_ENDINGS = (
    "gerechtshof",
    "regio",
    "dienst",
    "orkest",
    "ziekenhuis",
    "inspectie",
    "autoriteit",
    "instituut",
    "genootschap",
    "vereniging",
    "stichting",
    "federatie",
    "universiteit",
    "hogeschool",
    "omroep",
)


def _dutch_org_compound(word: str) -> bool:
    return word.endswith(DUTCH_ORG_ENDINGS) and len(word) >= 9 and not word.endswith("-")


def _nationality(token: Token, lexicon: Lexicon) -> bool:
    """'Swede', 'Nederlander', 'Briton': a demonym before a name says who the person is, and
    is no part of the name. English plural demonyms are listed; their singular is the word."""
    for key in (token.folded, token.folded + "s"):
        entry = lexicon.entries.get(key)
        if entry is not None and entry.layer == "list:country-adjective":
            return True
    return False


def _trim(part: list[Token], context: _Article) -> tuple[list[Token], bool, Token | None]:
    """Drop what cannot belong to the name: leading titles and roles, nationality words (both
    evidence of a person), portfolios, function words, a sentence-initial everyday word
    (returned: it may still begin an organisation's name); trailing particles and initials."""
    person_cue = False
    initial = None
    dutch = context.lang == "nl"
    while part:
        head = part[0]
        honorific = _honorific(part) if len(part) > 1 else 0
        if honorific:
            person_cue = True
            part = part[honorific:]
            continue
        if head.text == "General" and _general_company(part, context):
            break  # "General Mills": a company's name, not a general's
        if (
            dutch
            and len(part) == 1
            and rank_word(head.folded)
            and _rank_surname_after_title(head, person_cue, context)
        ):
            break  # "minister Keijzer", "burgemeester Koning": the rank is the surname
        if title_word(head.folded, dutch) or (
            len(part) > 2 and title_word(part[1].folded, dutch) and not _given_name_and_rank(part, context)
        ):
            person_cue = True  # "minister", "Agriculture Minister"
        elif head.folded in RANKS_BEFORE_NAMES and len(part) > 1 and _names_a_person(part[1], context):
            person_cue = True  # "Major Tom Hollister", but "Major League Baseball"
        elif len(part) > 3 and (role := _role_words(part, context)) is not None:
            # "National Security Adviser John Bolton", "Senate Majority Leader Mitch McConnell":
            # the role is no part of the name, nor a body of its own
            person_cue = True
            part = part[role:]
            continue
        elif _portfolio(head.folded, dutch) and (
            person_cue or _after_portfolio_title(context.folded, head.start)
        ):
            person_cue = True
        elif len(part) > 1 and _nationality(head, context.lexicon):
            person_cue = True
        elif head.is_particle and not (head.folded in NAME_PARTICLES and head.text[:1].isupper()):
            pass
        elif head.folded in FUNCTION_WORDS and not (
            head.folded in NAME_PARTICLES
            and len(part) > 1
            and (not _article_before_acronym(part) or context.old_spelling)  # OCR: "De PILLBN"
        ):
            pass
        elif (
            len(part) > 1
            and (_org_compound_before(head.folded) or head.folded in COMPANY_KINDS)
            and starts_sentence(context.text, head.start)
        ):
            pass  # "Autofabrikant Ford": the kind of body, which the word before the name says
        elif (
            len(part) > 1
            and head.folded not in context.lexicon.first_names
            and head.folded not in NAME_PARTICLES
            and (not part[1].is_particle or not _org_head(head.folded))  # "Partij van de Arbeid"
            and not person_cue  # after "Z. H." or a title a name goes on
            and starts_sentence(context.text, head.start)
            and not _after_abbreviated_title(context.folded, head.start)  # "Dr. Don Wright"
            and (head.folded in SENTENCE_STARTERS or context.everyday(head.folded, SENTENCE_WORD))
            and not _foreign_spelling(head.text, dutch)  # "Crédit Lyonnais", "Société Générale"
            and not (dutch and _foreign_acute(head.text))  # "Crédit Agricole maakte bekend"
            and not _family_name_first(part, context)  # "Tang Jiaxuan said"
            # "Zhang Wei said", "Nguyen Tan Dung told": a family name written first is as
            # frequent as a word, but the Census knows it as a surname and no everyday word
            and (
                dutch
                or head.folded in SENTENCE_STARTERS
                or head.folded not in context.lexicon.census_surnames
                or head.folded in MONTHS_DAYS
                or head.folded in context.lexicon.entries
                or context.everyday(head.folded, EVERYDAY_ONE)
            )
        ):
            # "Volgens Jan Jansen": the sentence's first word is not part of a person's name
            initial = None if head.folded in SENTENCE_STARTERS else head
        else:
            break
        part = part[1:]
    while (
        part
        and (
            part[-1].is_particle
            or part[-1].folded in NAME_PARTICLES
            or (
                len(part) > 1
                and INITIAL_RE.fullmatch(part[-1].text)  # "George W."
                and not _regnal_name(part[-2:], context.text, context)  # "Karel V"
            )
            or (
                len(part) > 2
                and _portfolio(part[-1].folded, dutch)
                and part[-2].is_particle
                and not _org_word(part[-3].folded, dutch)
            )  # "van Defensie", but "Ministry of Defence", "Ministerie van Defensie" are one body
            or (
                len(part) > 1
                and part[-1].folded in CAPTION_LABELS
                and context.text[part[-1].end : part[-1].end + 1] == ":"
            )  # "Elizabeth Warren Image: U.S. Senate", a picture's caption and its credit
        )
    ):
        part = part[:-1]
    return part, person_cue, initial


# Accented letters of everyday Dutch words ("één", "café", "ideeën", "reünie"); other accents
# ("Société", "Ça", "Crédit" in English) are no everyday word's of the article's language.
DUTCH_ACCENTS = frozenset("éèëïöüäÉÈËÏÖÜÄ")


def _foreign_spelling(word: str, dutch: bool) -> bool:
    """Whether a word's accents say it is no everyday word of the article's language, though its
    letters without them are one ("Crédit" is no English "credit")."""
    if word.isascii():
        return False
    return any(
        not char.isascii() and char.isalpha() and not (dutch and char in DUTCH_ACCENTS) for char in word
    )


# Dutch writes an acute accent at a word's end ("café", "privé", "cafés") and in "één" (or
# for stress), French inside one ("Crédit", "Société", "Générale").
def _foreign_acute(word: str) -> bool:
    """Whether a capitalised word's acute accent inside it says it is French, no Dutch word."""
    body = word.lower().rstrip("s")[:-1]
    return "é" in body and "éé" not in body


# How everyday a sentence's first word may be and still be a family name written first, before
# a given name that no word count knows ("Tang Jiaxuan said"; not "Later Jiaxuan said").
FAMILY_NAME_WORD = 4.0


def _family_name_first(part: list[Token], context: _Article) -> bool:
    """Whether two words opening a sentence are a family name and a rare given name that speak
    or are given an age: the first word, though a word of the language too, is the name's."""
    if len(part) != 2:
        return False
    head, given = part
    end = given.end
    return (
        head.folded not in SENTENCE_STARTERS
        and not context.everyday(head.folded, FAMILY_NAME_WORD)
        and given.folded not in context.lexicon.first_names
        and not context.everyday(given.folded, RARE_NAME)
        and (
            PERSON_AFTER.match(context.folded, end, end + 40) is not None
            or (context.lang != "nl" and AGE_AFTER.match(context.folded, end, end + 40) is not None)
        )
    )


# Words that label what follows them with a colon under a picture or a quote ("Image: Reuters",
# "Foto: ANP"): after a name, no part of it.
CAPTION_LABELS = frozenset(
    "image images photo photos picture pictures credit credits source video audio map graphic "
    "illustration foto fotos beeld bron kaart illustratie".split()
)


def _after_abbreviated_title(folded: str, position: int) -> bool:
    """Whether the word at `position` follows a title's abbreviation ("Dr. Don Wright"): its
    full stop ends no sentence."""
    before = _words_before(folded, position, 1)
    return bool(before) and before[0].endswith(".") and before[0][:-1] in ABBREVIATED_TITLES


def _article_before_acronym(part: list[Token]) -> bool:
    """'De CVP', 'De ANWB': an article opening a sentence before capitals, which no surname's
    particle is ("De Jong"; a heading in capitals, "DE JONG", writes the particle so too)."""
    return len(part) > 1 and is_all_caps(part[1].text) and not is_all_caps(part[0].text)


# Ranks that are Dutch family names as well ("Koning", "Prins", "Keijzer", "De Graaf").
RANK_SURNAMES = REGNAL_TITLES | frozenset("graaf bisschop ridder baron kardinaal".split())


@lru_cache(maxsize=1 << 16)
def rank_word(word: str) -> bool:
    """Whether a folded word is a rank that is a family name too, in any spelling ("keijzer")."""
    return word in RANK_SURNAMES or known_as(word, RANK_SURNAMES) is not None


def _rank_surname_after_title(head: Token, person_cue: bool, context: _Article) -> bool:
    """Whether a capitalised rank (a `rank_word`) alone after another title is a family name:
    nobody writes two titles in a row, so in "minister Keijzer" or "wethouder Koning" the
    second word is the holder's surname (but "koning Willem", "Prins Hendrik" stay a title and
    a name)."""
    if not head.text[:1].isupper():
        return False
    before = _words_before(context.folded, head.start, 1)
    title = before[0] if before else ""
    return (
        (person_cue or title_word(title, True))
        and not rank_word(title)
        and title not in NAME_PARTICLES
        and title not in FUNCTION_WORDS
    )


def _foreign_paper(part: list[Token], lexicon: Lexicon) -> bool:
    """'De Morning Post', 'de Jakarta Post' in Dutch: an English paper's name of two words or
    more before its press word, none a given name or a particle (not "Kees Post", "Van der
    Post"), as Dutch quotes it."""
    words = [t for t in part if t.folded not in FUNCTION_WORDS]
    return (
        len(words) >= 2
        and not any(t.is_particle or t.folded in NAME_PARTICLES for t in words)
        and not any(t.folded in lexicon.first_names for t in words)
    )


PLACE_WORD_BEFORE = re.compile(r"(?<![\w'’-])" + _U + r"[\w'’-]* \Z")


def _paper_of_place(part: list[Token], context: _Article) -> bool:
    """'de Jakarta Post', 'de Bangkok Post': the press word alone after a listed town or
    country, which names the paper with it, as the list's name before an organisation word
    does ("Singapore Airlines")."""
    if len(part) != 1:
        return False
    before = PLACE_WORD_BEFORE.search(context.text, max(0, part[0].start - 40), part[0].start)
    if before is None:
        return False
    entry = context.lexicon.entries.get(fold_key(before.group()[:-1]))
    return entry is not None and entry.actor_id.startswith(("place:", "country:"))


def _table_words(words: list[Token], context: _Article) -> bool:
    """Two words or more, one the cut-off head of an everyday word and the others everyday
    words or such heads too: the row heading of a table ("Dito Binnenl", "Oblig te Lond"), as
    a scan prints it with or without its full stops."""
    heads = [context.cut_head(t) for t in words]
    return (
        len(words) > 1
        and any(heads)
        and all(
            head
            or t.folded in FUNCTION_WORDS
            or (context.everyday(t.folded, SENTENCE_WORD) and t.folded not in context.lexicon.first_names)
            for head, t in zip(heads, words, strict=True)
        )
    )


# The first word of a firm of brothers ("Gebr. Stoop", "Gebroeders Pasman").
FIRM_HEADS = frozenset({"gebr", "gebroeders"})
# Monarchs, whose "van" names the land they rule ("de Keizer van Rusland"), not a family.
MONARCHS = frozenset("koning koningin keizer keizerin tsaar czaar sultan king queen emperor empress".split())


def _realm(token: Token, context: _Article) -> bool:
    """'de Keizerin van Kusland', 'de Koning van Pruissen': one name after a monarch's title
    and "van" is the land ruled, whatever list misses it (a misprint, an old spelling), not the
    family name that a title and "van" open elsewhere ("de heer van Hall")."""
    if context.lang != "nl":
        return False
    before = _words_before(context.folded, token.start, 2)
    return len(before) == 2 and before[1] == "van" and before[0] in MONARCHS


def _given_name_and_rank(part: list[Token], context: _Article) -> bool:
    """'Mona Keijzer van Volkshuisvesting', 'Anna Prins': a given name and a rank that is a
    family name too are one person's name, no role before a name."""
    return (
        context.lang == "nl" and part[0].folded in context.lexicon.first_names and rank_word(part[1].folded)
    )


# How many capitalised words may stand before the title that ends a role ("Senate Majority
# Leader", "Homeland Security Secretary"): the part of a role the title alone does not cut.
ROLE_WORDS = 3


def _role_words(part: list[Token], context: _Article) -> int | None:
    """How many words at the head of a part are a role before a person's name: a few everyday
    words (no given name) and then a title, with a name after it that begins with a given name
    or is no everyday word; else None."""
    dutch = context.lang == "nl"
    lexicon = context.lexicon
    for index in range(2, min(ROLE_WORDS, len(part) - 2) + 1):
        if not _is_title(part[index], dutch):
            continue
        if any(
            t.folded in lexicon.first_names or not context.everyday(t.folded, SENTENCE_WORD)
            for t in part[:index]
        ):
            return None
        rest = part[index + 1 :]
        if rest[0].folded in lexicon.first_names or (len(rest) == 1 and _names_a_person(rest[0], context)):
            return index + 1
        return None
    return None


def _names_a_person(token: Token, context: _Article) -> bool:
    """Whether a word after a rank that is an everyday word too begins a person's name: a given
    name, a listed or common surname, a listed place's name (a surname too: "Major Montgomery")
    or a word that is no everyday word ("Hollister")."""
    lexicon = context.lexicon
    word = token.folded
    entry = lexicon.entries.get(word)
    return (
        word in lexicon.first_names
        or word in lexicon.person_surnames
        or word in lexicon.common_surnames
        or (entry is not None and entry.layer == "list:place")
        or (token.text[:1].isupper() and not context.everyday(word, RARE_NAME))
    )


class Held(NamedTuple):
    body: int  # where the body's name ends
    title: int  # where the title (and the holder's name after it, if any) begins


def _title_held(part: list[Token], context: _Article) -> Held | None:
    """Where a body's (or a place's) name ends and the title of someone in it begins, when
    after the title the part ends ("Iranian Chess Federation President", "Senate Majority
    Leader": the everyday words of the role are no part of the body) or goes on with a
    person's name ("NTSB Board Member Jennifer Homendy": a given name, a surname of the lists
    or a word no dictionary has); else None. A title that opens the part is `_trim`'s, and
    "General Motors" is a company, not a general."""
    dutch = context.lang == "nl"
    lexicon = context.lexicon
    for index in range(1, len(part)):
        token = part[index]
        if (
            not (_is_title(token, dutch) or token.folded in RANKS_BEFORE_NAMES)
            or token.folded in NAME_PARTICLES
        ):
            continue
        if index == 1 and _general_company(part, context):
            continue
        before = [t for t in part[:index] if t.folded not in CONNECTORS]
        if not before or all(_is_title(t, dutch) for t in before) or before[0].folded in lexicon.first_names:
            return None  # a run of titles, or a person's name before a title
        rest = index
        while rest < len(part) and (_is_title(part[rest], dutch) or part[rest].folded in RANKS_BEFORE_NAMES):
            rest += 1
        if rest == len(part):
            if token.folded in RANKS_BEFORE_NAMES:
                return None
            body = index
            while body > 0 and (
                part[body - 1].folded in CONNECTORS
                or (
                    not _org_word(part[body - 1].folded, dutch)
                    and not part[body - 1].text.isupper()
                    and context.everyday(part[body - 1].folded, RARE_NAME)
                )
            ):
                body -= 1
            return Held(body, rest) if body else None
        first = part[rest]
        if (
            first.folded in lexicon.first_names
            or first.folded in lexicon.person_surnames
            or (not first.text.isupper() and not context.everyday(first.folded, RARE_NAME))
        ):
            return Held(index, index)
        return None
    return None


# Everyday English words after "General" that make a phrase, not a company ("General Elections").
GENERAL_PHRASES = frozenset("elections affairs orders".split())


def _general_company(part: list[Token], context: _Article) -> bool:
    """'General Electric', 'General Mills', 'General Motors': the English "General" before an
    everyday word that is no person's name, and that is an organisation word or a plural (what
    a company makes or does), begins a company's name; before a surname ("General Smith") it is
    the rank of a person."""
    if len(part) < 2 or part[0].text != "General":
        return False
    word = part[1].folded
    lexicon = context.lexicon
    return (
        (word in ORG_WORDS or word.endswith("s"))
        and word not in GENERAL_PHRASES
        and lexicon.zipf(word, "en") >= RARE_NAME
        and word not in lexicon.first_names
        and word not in lexicon.person_surnames
        and word not in lexicon.common_surnames
    )


# What people are by trade or office, in Dutch old and new, before their surname ("de landbouwer
# Schaap", "de kastelein Brinkhorst", "den surnumerair Bergsma"): evidence of a person like a
# title, but never cut off a name's head as one, since most are surnames too ("Bakker", "Smid").
OCCUPATIONS = frozenset(
    """
    landbouwer akkerbouwer tuinder veehouder boer arbeider dagloner daglooner knecht dienstbode
    kastelein herbergier logementhouder winkelier bakker slager smid timmerman metselaar
    schilder molenaar kuiper schipper visscher visser koetsier voerman veldwachter rijksveldwachter
    marechaussee agent politieagent surnumerair commies ontvanger klerk controleur opzigter
    opzichter onderwijzer hoofdonderwijzer schoolmeester geneesheer heelmeester vroedvrouw
    redacteur redakteur hoofdredacteur hoofdredakteur uitgever boekhandelaar beeldhouwer componist
    toonkunstenaar pianist violist organist tenor bariton sopraan pastoor kapelaan pater frater
    broeder zuster koster procureur rentmeester dijkgraaf schout schepen veldheer gedeputeerde
    """.split()
)
# Words of address for several persons; "HH." is also "Heilige" ("de HH. Sacramenten").
PLURAL_ADDRESS = frozenset({"heeren", "heren", "hh"})
KNOWN_WORD = 3.0  # Zipf: a word that word counts know at all
# Words of address before a surname that begins with particles in lower case ("de heer van
# Hall", "Mr. van der Berg"): there "van" is the name's, not "of" as after "voorzitter".
ADDRESS = frozenset(
    "heer heeren heren hh mevrouw mevr mw dhr mr dr drs ir prof jhr jonkheer baron barones ridder "
    "wed weduwe wwe mej mejuffrouw juffrouw mijnheer mynheer mrs ms ds".split()
)
LEAD_PARTICLES = re.compile(
    r"(?:(?<=[\s,(])|^)((?:(?:van|von|de|der|den|ten|ter|te|du|da|di|del|della) ){1,3})$"
)
LIST_PARTICLES = ("van ", "von ", "ten ", "ter ")
LEAD_WORDS = frozenset("van von de der den ten ter te du da di del della".split())
WORD_BEFORE = re.compile(r"(\w+)\.?\s*$")
# A name's last word right before "en" / "and": the list of names goes on after it.
LIST_ITEM_BEFORE = re.compile(_U + r"\w+\s+$")


def particle_lead(text: str, folded: str, start: int, listed: bool = True) -> int | None:
    """Where a name begins whose particles the text writes in lower case, if a word of address
    stands before them ("de heer van Hall") or, with `listed`, they begin an item of a list of
    names ("Cornelissen, van Marie en van Roijen"); else None."""
    if start < 4 or text[start - 1] != " ":
        return None
    space = text.rfind(" ", max(0, start - 7), start - 1)
    if text[space + 1 : start - 1] not in LEAD_WORDS:
        return None  # no lower-case particle right before: the common case
    chain = LEAD_PARTICLES.search(text, max(0, start - 24), start)
    if chain is None:
        return None
    begin = chain.start(1)
    word = WORD_BEFORE.search(folded, max(0, begin - 24), begin)
    if word is not None and word.group(1) in ADDRESS:
        return begin
    if not listed or not chain.group(1).startswith(LIST_PARTICLES):
        return None
    separator = text[max(0, begin - 2) : begin]
    if separator == ", " or (
        word is not None
        and word.group(1) in {"en", "and"}
        and LIST_ITEM_BEFORE.search(text, max(0, word.start() - 30), word.start())
    ):
        return begin
    return None


# Words of Dutch spelled as before 1947, which no modern text writes: "eene", "zijne", "zoo",
# "mogt", the adjectives in -sche ("Nederlandsche", not the "-ische" of "Russische").
OLD_SPELLING = re.compile(r"\b(?:eene[nr]?|zijne[n]?|hunne[n]?|mogt|zoo|regt|\w*[^i\W]schen?)\b")
OLD_SPELLING_WORDS = 2  # distinct such words that make a text one of old spelling
# Endings of Dutch words that names seldom have: the old adjective ("Westfaalsche", "Baardwijkschen").
OLD_ADJECTIVE_ENDINGS = ("sche", "schen")
PLURAL_ENDINGS = ("en", "s")
MIXED_CAPITALS = re.compile(r"\w[a-zß-ÿ]+[A-ZÀ-Þ]")


def _reads_as_dutch(token: Token, context: _Article) -> bool:
    """A capitalised word that reads as a Dutch word rather than a name: an old adjective, the
    plural of an everyday word ("Erwten", "Rokken", "Hammen"), or a word whose capitals OCR
    scattered ("ISouwland", "FaUfc"), which is no name to be sure of."""
    word = token.folded
    if word.endswith(OLD_ADJECTIVE_ENDINGS) or (
        MIXED_CAPITALS.search(token.text) and not token.text.startswith(("Mc", "Mac"))
    ):
        return True
    return _plural_of(word, context, RARE_NAME)


def _plural_of(word: str, context: _Article, floor: float) -> bool:
    """Whether a folded word is the plural of a word at least this everyday ("erwten",
    "rokken", "apothekers"), not of a given name ("Willems", "Jans")."""
    for ending in PLURAL_ENDINGS:
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < 3:
            continue
        for form in (stem, stem[:-1]) if stem[-1] == stem[-2] else (stem,):  # "rokk-en"
            if form not in context.lexicon.first_names and context.everyday(form, floor):
                return True
    return False


REGNAL_NUMBER = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})")


def _regnal_name(part: list[Token], text: str, context: _Article) -> bool:
    """A given name and a Roman number ("Karel V", "Pius IX", "Willem III"): one name of a
    monarch or a pope. One letter (I, V, X) only after a listed given name and without a full
    stop, since it is an initial otherwise ("George W.")."""
    if len(part) != 2 or not part[1].text or not REGNAL_NUMBER.fullmatch(part[1].text):
        return False
    head, number = part
    if not head.text[:1].isupper() or head.text.isupper() or head.is_particle:
        return False
    if head.folded in context.lexicon.first_names:
        return len(number.text) > 1 or text[number.end : number.end + 1] != "."
    return len(number.text) > 1 and not context.everyday(head.folded, EVERYDAY_ONE)


def _place_of_residence(part: list[Token], context: _Article) -> int | None:
    """Where a Dutch "te" stands between a full name and a place ("W. J. Gezelschap te
    IJsselmuiden", as notices name people): a name has no "te" after its surname. Right after
    one given name ("Jan te Winkel") or an initial ("J. te Winkel") it is the surname's particle."""
    if context.lang != "nl":
        return None
    for index in range(2, len(part) - 1):
        if part[index].text != "te":
            continue
        head = [t for t in part[:index] if not t.is_particle]
        surname = part[index - 1]
        if (
            len(head) >= 2
            and not surname.is_particle
            and not INITIAL_RE.fullmatch(surname.text)
            and surname.folded not in context.lexicon.first_names
            and part[index + 1].text[:1].isupper()
        ):
            return index
    return None


def _honorific(part: list[Token]) -> int:
    """How many initials at the head of a name spell an honorific ("Z. H.", "H.M."), else 0."""
    if len(part) < 2 or (len(part[0].text) > 1 and part[0].text[1] != "."):
        return 0  # no initial first: the common case
    letters = ""
    for index, token in enumerate(part[:-1]):
        if not INITIAL_RE.fullmatch(token.text):
            break
        letters += token.folded.replace(".", "")
        if letters in HONORIFICS:
            return index + 1
    return 0


def _surname_with_particle(part: list[Token]) -> bool:
    """'De Koning', 'Van der Graaf': capitalised particles and one word after them."""
    return (
        len(part) >= 2
        and all(t.folded in NAME_PARTICLES for t in part[:-1])
        and part[0].text[:1].isupper()
        and not is_all_caps(part[0].text)
        and not _portfolio(part[-1].folded, True)
    )


def _person_of(part: list[Token], context: _Article, person_cue: bool = False) -> int | None:
    """Where a lower-case "van" stands after a given name and a surname that took no particle
    ("Mieke Vogels van Agalev", "Louis Gallois van EADS"), or after a title and two names
    ("topman Ton Bakker van Vopak", where "Ton" is a word too): the person is of a body or a
    place named after it, which modern Dutch writes so; a surname of two parts joined by "van"
    belongs to the spelling of old papers ("Gevers van Endegeest")."""
    if len(part) < 4 or not (person_cue or part[0].folded in context.lexicon.first_names):
        return None
    first_names = context.lexicon.first_names
    for index in range(2, len(part) - 1):
        token = part[index]
        if token.text != "van" or context.old_spelling:
            continue
        surname = part[index - 1]
        if (
            surname.is_particle
            or surname.folded in NAME_PARTICLES
            or surname.folded in first_names
            or any(t.folded in NAME_PARTICLES for t in part[1 : index - 1])
        ):
            return None  # "Jan Pieter van Dam", "Jan van der Berg van ..."
        return index
    return None


def _person_of_body(part: list[Token], context: _Article, person_cue: bool) -> int | None:
    """Where "van" after a person's name with particles begins the body the person is of, an
    organisation word opening it ("Rens van de Schoot van de Universiteit Utrecht", "Jan de
    Vries van het Wereld Natuur Fonds"): a surname's particles come before it, never a body."""
    if not (person_cue or part[0].folded in context.lexicon.first_names) or context.old_spelling:
        return None
    for index in range(3, len(part) - 1):
        if part[index].text != "van" or part[index - 1].is_particle or part[index - 1].text[:1].islower():
            continue
        body = next((t for t in part[index + 1 :] if t.folded not in ("de", "het")), None)
        if body is not None and body.text[:1].isupper() and _org_word(body.folded, True):
            return index
    return None


def _second_particle_group(part: list[Token]) -> int | None:
    """Where a second particle begins after a surname that began with particles: a person's name
    has one group of them ("Jan van den Berg"), so "van de PvdA" after it is about something
    else."""
    surname = False
    for index, token in enumerate(part[:-1]):
        if token.folded in NAME_PARTICLES:
            if surname and not token.text[:1].isupper():
                return index
        elif index and part[index - 1].folded in NAME_PARTICLES:
            surname = True
    return None


def _double_surname(part: list[Token], second: int, context: _Article) -> bool:
    """'Van Haersma de With', 'De Vos van Steenwijk' in an old paper: a patrician surname of
    two parts, each with its particles, unless what follows the second particles is an
    organisation's ("Van den Bossche van Agalev"). Today's news writes a second "van" for what
    a person is of ("Van den Bossche van Brakkeveld"), old papers for the second part of a
    surname; a second "de" or "ten" is never "of"."""
    if context.lang != "nl":
        return False
    rest = fold_key(context.text[part[second].end : part[-1].end])
    entry = context.lexicon.entries.get(rest)
    if entry is not None and entry.actor_id.startswith("organisation:"):
        return False
    if any(_org_word(t.folded, True) for t in part[second:]):
        return False
    return context.old_spelling or part[second].folded not in OF_WORDS


def _generic(word: str, kinds: frozenset[str]) -> bool:
    """A word that says what kind of thing a name is, or a function word: nothing that tells
    one organisation or place from another."""
    word = word.replace(".", "")
    return word in kinds or word in FUNCTION_WORDS or word in PARTICLES


def _acronym(token: Token, context: _Article) -> bool:
    """Capitals alone, in running text: not a Roman numeral, not an abbreviation of something
    other than a body, not a word of a line in capitals (a headline)."""
    if not ACRONYM.fullmatch(token.text) or token.folded in NOT_ORGANISATIONS:
        return False
    if ROMAN.fullmatch(token.text) and (
        context.lang != "nl" or ROMAN_NUMBER.fullmatch(token.text) or context.old_spelling
    ):
        # In modern Dutch, capitals of Roman letters that make no number name a body ("VLD");
        # in old papers they are as often a scan's misreading ("IMI")
        return False
    # A word in capitals ("IS", "OP") or two letters that are also an everyday abbreviation
    # are not reliably a body's initials; in old papers, whose notices print nouns in capitals
    # ("een HUISJE en ERF", "KELDER"), no word that word counts know at all is.
    floor = RARE_NAME if len(token.folded) == 2 else EVERYDAY_ONE
    if context.lang == "nl" and len(token.folded) > 2 and context.old_spelling:
        floor = KNOWN_WORD
    if context.everyday(token.folded, floor):
        return False
    if _words_before(context.folded, token.start, 1) in (["a"], ["an"], ["een"]):
        return False  # "an NGO", "een API": the name of a kind of thing
    line = context.text.rfind("\n", 0, token.start) + 1
    opening = context.text[line : token.start]
    if not opening.strip("( \t") and (opening.endswith("((") or context.text.startswith(":", token.end)):
        return False  # "((WN))", "NOS:": an interviewer's or a speaker's label, not a mention
    # The words around it on its line, as far as a headline would reach.
    line_start = max(line, token.start - HEADLINE)
    line_end = context.text.find("\n", token.end, token.end + HEADLINE)
    around = context.text[line_start : line_end if line_end >= 0 else token.end + HEADLINE]
    letters = sum(map(str.isalpha, around))
    return sum(map(str.isupper, around)) * 2 < letters


def _after_portfolio_title(folded: str, position: int) -> bool:
    """'minister van (de) Buitenlandse Zaken', 'Secretary of State': the capitalised words
    after a title and 'van'/'of' name a portfolio."""
    words = _words_before(folded, position)
    if words and words[-1] in {"de", "het", "the"}:
        words = words[:-1]
    return (
        len(words) >= 2
        and words[-1] in {"van", "voor", "of", "for"}
        and (
            words[-2] in PERSON_TITLES or words[-2] in {"ministerie", "ministry", "department", "departement"}
        )
    )


# An age as Dutch writes it before a name: "de 54-jarige Brakkeveld".
AGE_BEFORE = re.compile(r"\d{1,3}-jarige \Z")


def _dutch_person_before(text: str, start: int, previous_word: str, context: _Article) -> bool:
    """Whether what stands right before a name says that a person bears it: an age ("de
    54-jarige Brakkeveld") or, in modern Dutch, a demonym, a noun for a person of a country ("de
    Belg Museeuw", "de Nederlander Dekker"), unlike the adjective that may stand before a
    company ("het Franse Renault"). Old papers capitalise nouns after a demonym too."""
    if previous_word.endswith("-jarige") and AGE_BEFORE.search(text, max(0, start - 12), start) is not None:
        return True
    if previous_word not in context.lexicon.entries:
        return False  # the common case
    entry = context.lexicon.entries[previous_word]
    return (
        entry is not None
        and entry.layer == "list:country-adjective"
        and not previous_word.endswith(("e", "s", "sch"))
        and text[start - len(previous_word) - 1 : start - len(previous_word)].isupper()
        and not context.old_spelling
    )


# Dutch nouns that a person's name completes after a hyphen: "het kabinet-Rutte", "de
# regering-Verhofstadt", "de commissie-Van Traa", "de zaak-Dutroux", "de wet-Mulder".
NAMED_AFTER = re.compile(r"(?<![\w-])(?:kabinet|regering|commissie|zaak|affaire|wet|tijdperk)-\Z")


# Dutch titles of those who run or speak for a body: "de topman van X", "CEO van X".
BODY_ROLES = frozenset(
    """
    ceo cfo coo cto topman topvrouw directeur directrice bestuursvoorzitter bestuursvoorzitster
    president-directeur woordvoerder woordvoerster oprichter oprichtster eigenaar eigenares
    hoofdeconoom
    """.split()
)


# Endings of Dutch words for those who work at a body ("econoom bij X", "marktanalist bij X").
STAFF_ENDINGS = (
    "analist",
    "econoom",
    "onderzoeker",
    "medewerker",
    "werknemer",
    "adviseur",
    "strateeg",
    "manager",
)


def _body_role(word: str) -> bool:
    return word in BODY_ROLES or word.endswith(("woordvoerder", "woordvoerster", "topman", "directeur"))


def _initials_only(words: list[Token]) -> bool:
    return all(len(t.text.rstrip(".")) <= 1 for t in words)


# Portfolio words that alone after "the" name one body of the article's country ("the Treasury
# said"), though before a name or after a country's they are a portfolio ("Treasury Secretary").
BODIES_ALONE = frozenset({"treasury"})
# The roles a company has, in capitals before the name of who holds them ("Orvell Chief
# Executive John Marr", "Pellam Chairman Ann Wood"), as many words as they take.
COMPANY_ROLES = (
    ("chief", "executive", "officer"),
    ("chief", "financial", "officer"),
    ("chief", "executive"),
    ("managing", "director"),
    ("chairman",),
    ("chairwoman",),
    ("ceo",),
)


def _company_before_role(part: list[Token], context: _Article) -> int:
    """How many words at the head of a part are a company's name before the role its executive
    holds, with the executive's name after the role ("Orvell Chief Executive John Marr"): one
    or two capitalised words, the first no given name, that are no everyday words and no
    listed names (those the lists find themselves); else 0. An everyday word there is a
    portfolio or a kind of body ("Agriculture Minister", "Board Chairman")."""
    if context.lang != "en" or len(part) < 4:
        return 0
    lexicon = context.lexicon
    for size in (1, 2):
        if len(part) < size + 3:
            return 0
        head = part[:size]
        folded = [t.folded for t in part[size:]]
        role = next((r for r in COMPANY_ROLES if tuple(folded[: len(r)]) == r), None)
        if role is None or len(folded) == len(role):
            continue
        after = part[size + len(role)]
        if (
            head[0].folded in lexicon.first_names
            or not all(t.text[:1].isupper() for t in head)
            or any(context.everyday(t.folded, RARE_NAME) or t.folded in lexicon.entries for t in head)
            or not (after.folded in lexicon.first_names or after.folded in lexicon.person_surnames)
        ):
            return 0
        return size
    return 0


def _classify(part: list[Token], context: _Article) -> list[Mention]:
    company = _company_before_role(part, context)
    if company:
        # "Orvell Chief Executive John Marr": the company, then its executive
        start, end = part[0].start, part[company - 1].end
        name = context.text[start:end]
        body = Mention(organisation_id(name), start, end, name, "rule:organisation")
        return [body, *_classify(part[company:], context)]
    alone = part[1:] if len(part) == 2 and part[0].folded == "the" else part
    if (
        len(alone) == 1
        and alone[0].folded in BODIES_ALONE
        and context.folded.endswith("the ", 0, alone[0].start)
    ):
        # "the Treasury said": a body that the resolution gives to the article's country
        return [Mention("?", alone[0].start, alone[0].end, alone[0].text, "candidate:organisation")]
    if part and part[0].folded in FIRM_HEADS:
        # "Gebr. Donkers": the brothers' firm; the word alone names no one
        if len(part) == 1:
            return []
        name = context.text[part[0].start : part[-1].end]
        return [Mention(organisation_id(name), part[0].start, part[-1].end, name, "rule:organisation")]
    part, person_cue, initial = _trim(part, context)
    if not part:
        return []
    if len(part) == 1 and _realm(part[0], context):
        token = part[0]
        return [Mention(f"place:{slug(token.text)}", token.start, token.end, token.text, "rule:place")]
    possessive = part[-1].text.endswith(("'s", "’s")) and len(part[-1].text) > 2
    if possessive:  # "the Unity Party's nominee": the name is read without its genitive
        last = part[-1]
        part = part[:-1] + [Token(last.text[:-2], last.start, last.end - 2, last.folded[:-2])]
    at = _place_of_residence(part, context) if len(part) > 3 else None
    if at is not None:  # "J. Santee Nieweg te Feer": a person and where they live
        return _classify(part[:at], context) + _classify(part[at + 1 :], context)
    held = _title_held(part, context) if len(part) > 1 else None
    if held is not None:
        # "Supreme Court Justice Ruth Bader Ginsburg", "Libertarian Party Vice Chairman Arvin
        # Vohra": the body, then the person who holds the title in it (the title cut off there)
        holder = _classify(part[held.title :], context) if held.title < len(part) else []
        return _classify(part[: held.body], context) + holder
    text, folded_text, lexicon = context.text, context.folded, context.lexicon
    start, end = part[0].start, part[-1].end
    name = text[start:end]
    if not name.strip():
        return []
    folded = [t.folded for t in part]
    before = _words_before(folded_text, start)
    previous_word = before[-1] if before else ""
    if previous_word.endswith(".") and previous_word[:-1] in ABBREVIATED_TITLES:
        # "Wed. Broeks", "Dr. Okafor": the full stop is the abbreviation's. After a title
        # written out ("bij de notaris. Voorts", "partij.\nRogge") it ends the sentence, and
        # the word after it opens the next one.
        previous_word = previous_word[:-1]
    person_cue = (
        person_cue
        or previous_word in PERSON_TITLES
        or previous_word.endswith(TITLE_SUFFIXES)
        # "Ajax-trainer Heitinga", "CDA-leider Bontenbal", "oud-burgemeester Van der Laan": a
        # compound that ends in a title is one
        or (
            context.lang == "nl"
            and "-" in previous_word
            and (title_word(previous_word.rsplit("-", 1)[1]) or title_word(previous_word))
        )
        or (
            context.lang == "nl"
            and text[start - 1 : start] == "-"
            and NAMED_AFTER.search(text, max(0, start - 12), start) is not None
        )
        or (context.lang == "nl" and _dutch_person_before(text, start, previous_word, context))
        or (context.lang == "nl" and before[-3:] == ["ten", "huize", "van"])  # "ten huize van Mulder"
        or (context.lang == "nl" and previous_word.removeprefix("oud-") in OCCUPATIONS)
    )
    if (
        len(part) == 1
        and folded[0] in LEGISLATURES
        and not starts_sentence(text, start)
        and text[end : end + 1] != "-"  # "Senaat-debat"
        and not text[end + 1 : end + 2].isdigit()  # "Kamer 12": a room
    ):
        return [Mention(organisation_id(name), start, end, name, "rule:organisation")]
    if part[0].text == "General" and _general_company(part, context):
        return [Mention(organisation_id(name), start, end, name, "rule:organisation")]
    # An organisation word names the whole part only if it stands before any connector: "Bank
    # of England" is one organisation, "Emily Carter of Harvard University" is not.
    head = folded[: next((i for i, word in enumerate(folded) if word in CONNECTORS), len(folded))]
    dutch = context.lang == "nl"
    at_van = _person_of(part, context, person_cue) if dutch else None
    if dutch and at_van is None:
        at_van = _person_of_body(part, context, person_cue)
    if at_van is not None:
        # "Mieke Vogels van Agalev", "Louis Gallois van EADS", "Tom Bakker van Oostvaart
        # Capital": a person of what follows "van", whose organisation word names that alone
        return _classify(part[:at_van], context) + _classify(part[at_van + 1 :], context)
    press = folded[-1] in PRESS_WORDS and folded[0] not in lexicon.first_names
    if press and dutch:
        press = _foreign_paper(part, lexicon) or _paper_of_place(part, context)
    if (
        press
        or any(_org_word(word.replace(".", ""), dutch) for word in head)
        or (len(head) > 1 and not LEGISLATURES.isdisjoint(head))  # "Kamer van Koophandel"
        or (len(part) > 1 and folded[-1] in AIRLINE_ENDS)  # "Adam Air": an airline, no surname
        or (
            len(part) > 1
            and any(part[i - 1].folded in COORDINATION and _org_tail(part[i]) for i in range(1, len(part)))
        )
        or (_org_before(previous_word) and not person_cue)
        # "Banco Varela said", "Compagnie Générale des Eaux": a body's word of another language
        # that opens the sentence opens the name after it, not the sentence only ("Senate
        # Majority leader", "Electric Avenue": an everyday word of the article's opens the sentence)
        or (
            initial is not None
            and _org_word(initial.folded, dutch)
            and not context.everyday(initial.folded, EVERYDAY_PLACE)
            and text[initial.end : start] == " "
        )
    ):
        if len(part) > 1 and folded[0] in FUNCTION_WORDS:  # "De Partij voor de Toekomst"
            start = part[1].start
        elif initial is not None and text[initial.end : start] == " ":  # "Kestrel Mining Inc. meldde"
            start = initial.start
        name = text[start:end]
        if all(
            _generic(word, GENERIC_ORG_WORDS)
            or (dutch and _org_word(word, dutch))
            or (press and word in PRESS_WORDS)
            for word in fold(name).split()
        ):
            # "Bank", "the Ministry", "Airlines Ltd": a kind of body, which a listed name
            # just before may still complete (see actors.join_organisations).
            return [Mention("?", start, end, name, "candidate:organisation")]
        return [Mention(organisation_id(name), start, end, name, "rule:organisation")]
    if any(map(str.isdigit, name)):
        return []  # "COVID-19", "F-16", "Airbus A380": a code or a model, no person and no place
    if dutch and _genitive_place(part, text):
        start -= 3
        # "'s-Gravenhage" is the listed Den Haag: the list's place, else a place of its own
        listed = context.lexicon.entries.get(fold_key(text[start:end]))
        if listed is not None and listed.actor_id.startswith("place:"):
            return [Mention(listed.actor_id, start, end, text[start:end], listed.layer)]
        return [Mention(f"place:{slug(text[start:end])}", start, end, text[start:end], "rule:place")]
    if not PLACE_WORDS.isdisjoint(folded) and not (
        # "nominee Darrell Castle", "councillor Ann Park": a title before a given name and a
        # surname that is a site word too; but "Queen Elizabeth Bridge" is named after one
        len(part) == 2
        and folded[0] in lexicon.first_names
        and title_word(previous_word, dutch)
        and previous_word not in REGNAL_TITLES
    ):
        if all(_generic(word, PLACE_WORDS) for word in folded):
            return []  # "Lake", "the River": no place of its own
        return [Mention(f"place:{slug(name)}", start, end, name, "rule:place")]
    if not CONNECTORS.isdisjoint(folded):
        # Not an organisation: split at the connectors and judge the pieces on their own.
        # A piece that ends in an organisation word goes on over "of" ("Emily Carter of the
        # University of Tilburg" is a person and the University of Tilburg).
        pieces: list[list[Token]] = [[]]
        for token in part:
            if token.folded not in CONNECTORS:
                pieces[-1].append(token)
            elif token.folded in OF and pieces[-1] and _org_word(pieces[-1][-1].folded, dutch):
                pieces[-1].append(token)
            else:
                pieces.append([])
        return [m for piece in pieces for m in _classify(piece, context)]
    if (len(before) >= 2 and before[-2] in {"de", "het"} and previous_word in PLACE_NOUNS) or (
        len(before) >= 3 and before[-3] == "the" and before[-2] in PLACE_NOUNS_OF and previous_word == "of"
    ):
        return [Mention(f"place:{slug(name)}", start, end, name, "rule:place")]
    if (
        dutch
        and len(before) >= 2
        and previous_word == "van"
        and before[-2] in TOWN_NOUNS_VAN
        and not person_cue
        and folded[0] not in lexicon.first_names
        and not any(t.is_particle for t in part)
    ):
        return [Mention(f"place:{slug(name)}", start, end, name, "rule:place")]
    second = _second_particle_group(part)
    # "Van den Bossche van Agalev": a person of something
    if second is not None and not _double_surname(part, second, context):
        of = [
            m if m.layer != "rule:person-cue" else Mention("?", m.start, m.end, m.text, "candidate")
            for m in _classify(part[second:], context)
        ]  # what the person is of is no person for the cue after them
        return _classify(part[:second], context) + of
    words = [t for t in part if not t.is_particle]
    if any(text[t.end : t.end + 1] == "." and context.abbreviation(t) for t in words) and all(
        INITIAL_RE.fullmatch(t.text) or context.abbreviation(t) for t in words
    ):
        return []  # "Binnenl.", "B. Aand.": abbreviated words of a table
    if dutch and not person_cue and _table_words(words, context):
        return []  # "Dito Binnenl", "Oblig te Lond": a table's heads, their stops lost to the scan
    if (
        len(words) == 1
        and len(words[0].folded) <= 2
        and text[words[0].end : words[0].end + 1] == "."
        and text[max(0, words[0].start - 2) : words[0].start] != "& "  # "Dekker & Zn.": a firm
    ):
        return []  # "Jf.", "I.": an initial or a numbering, misread or not, names no one alone
    if context.lang == "nl" and len(words) == 1 and _split_word(words[0], context):
        return []  # "Gede puteerde Staten", "Binnenland sche Zaken": a word the scan split
    # After a title a particle and a title's word are a surname ("aanvoerder De Koning")
    surname_after_title = person_cue and dutch and _surname_with_particle(part)
    if (
        dutch
        and len(part) == 1
        and rank_word(part[0].folded)
        and _rank_surname_after_title(part[0], person_cue, context)
    ):
        surname_after_title = True  # "minister Keijzer"
    if (
        all(
            _portfolio(t.folded, dutch) or title_word(t.folded, dutch) or t.folded in NAME_PARTICLES
            for t in words
        )
        and not surname_after_title
    ):
        return []  # "van Volksgezondheid" after a minister's name, "De Voorzitter"
    if (
        len(words) >= 2
        and _is_title(words[-1], dutch)
        and not any(t.folded in lexicon.first_names for t in words)
        and words[-1].folded not in lexicon.person_surnames
        and words[-1].folded not in lexicon.common_surnames
        and not surname_after_title
    ):
        return []  # "(Chief) Operating Officer", "Algemeen Directeur": a role ends in its noun
    if previous_word == "des" and all(_is_title(t._replace(folded=t.folded[:-1]), dutch) for t in words):
        return []  # "Commissaris des Konings": a title in the genitive, nobody's name
    if (
        dutch
        and len(before) >= 2
        and (
            (previous_word == "van" and _body_role(before[-2]))
            # "econoom bij Brantwijk", "directeur bij Dorsvelt": where one works
            or (previous_word == "bij" and (_body_role(before[-2]) or before[-2].endswith(STAFF_ENDINGS)))
        )
        and folded[0] not in lexicon.first_names
        and folded[-1] not in lexicon.person_surnames
        and folded[-1] not in lexicon.common_surnames
        and not _initials_only(words)
    ):
        # "CEO van Aer Lingus", "een woordvoerder van Brakmoor Logistiek": whose officer speaks
        # is a body, and so is where an economist works
        return [Mention(organisation_id(name), start, end, name, "rule:organisation")]
    lead = particle_lead(text, folded_text, start, listed=False)
    if lead is None and len(words) == 1 and not context.everyday(words[0].folded, EVERYDAY_ONE):
        lead = particle_lead(text, folded_text, start)  # an item of a list: a surname, one word
    if lead is not None and not (is_all_caps(words[0].text) and len(words[0].text) <= 3):
        # "de heer van Hall", "Cornelissen, van Marie, van Roijen": the particles in lower case
        # belong to the name
        return [Mention(f"person:{slug(text[lead:end])}", lead, end, text[lead:end], "rule:person-cue")]
    if (
        (len(words) == 1 or (dutch and len(words) == 2 and words[0].text in PLACE_PARTICLES))
        and previous_word in PLACE_BEFORE
        and words[-1].text.istitle()  # not "in RHEL", "in CentOS"
        and (not person_cue or text[start - 3 : start] == "te ")  # "Notaris te Olst"
        and text[end : end + 1] not in ("'", "’")
        and not context.everyday(words[-1].folded, EVERYDAY_PLACE)
    ):
        return [Mention(f"place:{slug(name)}", start, end, name, "rule:place")]  # "near Poolesville"
    last = words[-1]
    if (
        all(t.folded in NAME_PARTICLES or t.folded in FUNCTION_WORDS for t in words[:-1])
        and last.folded.endswith(ORG_ENDINGS)
        and len(last.folded) > 6
        and not context.everyday(last.folded, RARE_NAME)
    ):
        # "(De) Bundesbank", "Kreditbank": a compound of an organisation word, but not an
        # everyday one ("Rechtbank", "Schietpartij")
        return [Mention(organisation_id(last.text), last.start, last.end, last.text, "rule:organisation")]
    addressed = previous_word in ADDRESS or (
        # "ten huize van DROST", "den kastelein DROST": a surname in capitals, no acronym
        dutch and (before[-3:] == ["ten", "huize", "van"] or previous_word in OCCUPATIONS)
    )
    if len(words) == 1 and not (addressed and len(words[0].text) >= 4) and _acronym(words[0], context):
        # "NHL", "UAW", "NASA said": an acronym in running text names a body, never a person.
        return [Mention(organisation_id(name), start, end, name, "rule:acronym")]
    initial_only = all(len(t.text) <= 2 for t in words)
    given_name = len(words) >= 2 and (
        folded[0] in lexicon.first_names
        # "Hunter Biden", but not "Music Store" for a listed Støre
        or (folded[-1] in lexicon.person_surnames and not context.everyday(folded[0], EVERYDAY_ONE))
    )
    if (
        previous_word in PLURAL_ADDRESS
        and len(words) == 1
        and words[0].folded not in lexicon.common_surnames
        and words[0].folded not in lexicon.person_surnames
        and (_plural_of(words[0].folded, context, KNOWN_WORD) or words[0].folded[:-2] in OCCUPATIONS)
    ):
        return []  # "de heeren Apothekers", "de HH. Sacramenten" (Heilige): a kind of people or things
    if len(words) >= 2 and last.folded in NAMED_THINGS and not person_cue:
        return []  # "Abraham Accords", "John Lewis Voting Rights Act": named after a person
    if (
        len(words) >= 2
        and last.folded.endswith(STREET_ENDINGS)
        and len(last.folded) > 7
        and last.text[1:].islower()
        and not person_cue
    ):
        # "Karel Doormanstraat": as sure as a listed place's feature word ("Kent County")
        return [Mention(f"place:{slug(name)}", start, end, name, "rule:place-feature")]
    if _regnal_name(words, text, context):
        # "Pius IX", "Karel V", "Gregorius XVI": a monarch's or a pope's name and number
        return [Mention(f"person:{slug(name)}", start, end, name, TITLE_NAME)]
    if len(words) == 1 and words[0].folded in lexicon.first_names and previous_word in REGNAL_TITLES:
        # "keizer Napoleon", "Prince Albert": a monarch's or a pope's own name
        return [Mention(f"person:{slug(name)}", start, end, name, TITLE_NAME)]
    if (
        len(words) == 1
        and words[0].folded in lexicon.first_names
        and words[0].folded not in lexicon.person_surnames
        and not (person_cue and words[0].folded in lexicon.common_surnames)  # "Commodore Perry"
    ):
        # A given name alone ("John said") names nobody in particular: only a full name of the
        # article that begins with it can say who (resolution).
        return [Mention("?", start, end, name, "candidate:first-name")]
    if (
        len(words) == 1
        and words[0].folded not in lexicon.person_surnames
        and not (person_cue and words[0].folded in lexicon.common_surnames)  # "General Smith"
        and not surname_after_title  # "burgemeester Koning"
        and context.everyday(words[0].folded, EVERYDAY_ONE)
    ):
        # "They said", "Agreement said": an everyday word with a capital.
        return [Mention("?", start, end, name, "candidate")]
    if (
        previous_word == "the"  # Dutch plurals of names end in -s too ("de Vos")
        and not person_cue
        and not given_name
        and not possessive  # "the President's claims": one of a kind, not a team
        and folded[-1].endswith("s")
        and folded[-1] not in lexicon.common_surnames  # "the Dow Jones": an index, a surname
        and folded[-1] not in lexicon.person_surnames
    ):
        # "the Falcons", "the West Coast Eagles": a team or a band, named in the plural
        return [Mention(organisation_id(name), start, end, name, "rule:organisation")]
    rare = (
        previous_word not in FUNCTION_WORDS
        and 2 <= len(words) <= 3
        and all(
            len(t.folded) > 2 and not t.text.isupper() and not context.everyday(t.folded, RARE_NAME)
            for t in words
        )
        # "Dito Binnenl" in a table that writes "dito" too: a word of the article's, no name
        and not (dutch and any(_written_lower(text, t.text) for t in words))
    ) or (
        # "Simu Liu", "Aparna Garg": a word that no list of given names and no word
        # count knows, then a surname of the Census that is no everyday word
        not dutch
        and previous_word not in FUNCTION_WORDS
        and len(words) == 2
        and folded[1] in lexicon.census_surnames
        and not context.everyday(folded[1], EVERYDAY_ONE)
        and len(folded[0]) > 2
        and not words[0].text.isupper()
        and not context.everyday(folded[0], RARE_NAME)
    )
    # A speech verb after one capitalised word proves nothing after an article ("the West
    # said") or after an everyday word that opens the sentence ("Toch zei ..."); after a rare
    # word there ("Wolthuizen zegt") it names the speaker. An age in brackets always does.
    after = PERSON_AFTER.match(folded_text, end, end + 40) or (
        None if dutch else AGE_AFTER.match(folded_text, end, end + 40)
    )
    # A verb of saying right after a sentence's first word ("Verhofstadt reageerde"), no comma
    speaks_after = after if after is not None and "," not in after.group() else None
    thinks = DUTCH_PERSON_AFTER.match(folded_text, end, end + 40) if after is None and dutch else None
    if (
        thinks is not None
        and "," not in thinks.group()
        and _no_subject_after(folded_text, thinks.end())
        and not context.old_spelling
    ):
        after = thinks  # "Zalm denkt", not "In den Moniteur vindt men"
    weak = len(words) == 1 and (
        previous_word in FUNCTION_WORDS
        or (
            starts_sentence(text, start)
            and context.everyday(folded[0], SENTENCE_WORD)
            and not (
                dutch
                and speaks_after is not None
                and not context.old_spelling
                and not _plural_verb(speaks_after.group())
                and _subject_of_verb(folded_text, speaks_after.end(), folded[0], context)
            )
        )
    )
    # "Mac OS": an acronym is no name's part; but a name written all in capitals ("TOM
    # KESTRELWOOD", as old papers and notices print them) begins with a given name, no acronym.
    in_capitals = (
        given_name
        and len(folded[0]) >= 3
        and all(is_all_caps(t.text) for t in words)
        # not a headline, though a surname may be an everyday word too ("GERRIT BOS")
        and not any(
            context.everyday(t.folded, EVERYDAY_ONE) and t.folded not in lexicon.common_surnames
            for t in words[1:]
        )
    )
    if not in_capitals and any(
        len(t.text) <= 3 and is_all_caps(t.text) and not ROMAN.fullmatch(t.text) for t in words
    ):
        return [Mention("?", start, end, name, "candidate")]
    # "Halvorsen Maritime said", "volgens Verhoeckx Bouw": a name that ends in an everyday word
    # names a company or a body, however it speaks; a common surname ("Ken Lewis", "Peter
    # Visser") or a name with a particle ("De Jong") aside. Only a title says it is a person.
    body_like = (
        len(words) >= 2
        and words[0].folded not in NAME_PARTICLES
        and last.folded not in lexicon.person_surnames
        and last.folded not in lexicon.common_surnames
        and last.folded not in lexicon.first_names
        and context.everyday(last.folded, RARE_NAME)
    )
    speech_before = (
        (dutch and text[end : end + 1] == ":" and SPEAKER_COLON.match(text, end) is not None)
        or previous_word in PERSON_BEFORE_WORDS
        or before[-2:] == ["according", "to"]
        or (previous_word in SPEECH_INVERTED and len(before) >= 2 and before[-2].endswith(QUOTE_ENDS))
    )
    speaks = (after and not after.group().strip().startswith("(")) or speech_before
    # "Zhang Wei, a spokesman for the ministry,": a title in an apposition says who the name is
    titled = not dutch and len(words) >= 2 and _title_apposition(text, end)
    if body_like and speaks and not person_cue and not given_name:
        # "According to Halvorsen Maritime", "Verhoeckx Bouw meldde": a body that speaks
        return [Mention(organisation_id(name), start, end, name, "rule:organisation")]
    cue = (
        person_cue
        or (not body_like and (speech_before or titled))
        or (dutch and not body_like and _party_after(text, end, lexicon, len(words) == 1))
        or (
            len(words) >= 2
            and INITIAL_RE.fullmatch(words[0].text)  # "H. Vader", "J.W. Brinkhorst"
            and words[0].text.endswith(".")
            and not context.everyday(folded[-1], EVERYDAY_ONE)  # "H. Vader" is a word with an initial
        )
        or (
            after
            and not body_like
            and (not weak or after.group().strip().startswith("("))
            # "de voorzitter van Brakmoor zei", "hoogheemraden van Delfland zeggen": the one who
            # speaks is named before "van"
            and not (len(words) == 1 and previous_word in OF_WORDS and text[start - 4 : start] != "Van ")
        )
    )
    if (
        rare
        and dutch
        and not (cue or given_name)
        and (context.old_spelling or any(_reads_as_dutch(t, context) for t in words))
    ):
        # Old papers and their notices capitalise nouns ("Graauwe Erwten", "Staalveren Rokken"),
        # and their rare words are old spellings and compounds as often as names: there, and for
        # rare words that read as Dutch anywhere, the tagger decides.
        return [Mention("?", start, end, name, "candidate")]
    if (cue or given_name or rare) and not initial_only:
        return [
            Mention(
                f"person:{slug(name)}",
                start,
                end,
                name,
                "rule:first-name" if given_name else "rule:person-cue" if cue else "rule:rare-name",
            )
        ]
    return [Mention("?", start, end, name, "candidate")]


# An apposition after a name: an article, up to three words, and the noun it ends in, before
# "for", "of", "at" or a comma ("Zhang Wei, a spokesman for the ministry", "Ana Lima, the
# party's treasurer,").
APPOSITION = re.compile(r", (?:a|an|the) (?:[\w'’-]+ ){0,3}?([a-z][\w-]*)(?: (?:for|of|at|with|in|to)\b|,)")


# The lower-case rest of a word that a scan split after its first letters ("Gede puteerde").
SPLIT_REST = re.compile(r" (\w{2,})\b")
# How everyday a word put back together must be, and how rare its rest alone.
SPLIT_WHOLE = 3.0


def _split_word(token: Token, context: _Article) -> bool:
    """Whether a capitalised word and the lower-case word after it are one everyday word that
    old papers' scans print apart ("Gede puteerde" for "Gedeputeerde"): no name. The rest must
    be no word of its own ("Kok en" is no "koken")."""
    rest = SPLIT_REST.match(context.text, token.end)
    if rest is None or not rest.group(1).islower():
        return False
    folded = context.folded[rest.start(1) : rest.end(1)]
    return not context.everyday(folded, SPLIT_WHOLE) and context.everyday(token.folded + folded, SPLIT_WHOLE)


def _written_lower(text: str, word: str) -> bool:
    """Whether the article also writes the word in lower case, as an ordinary word."""
    lower = word.lower()
    return lower != word and occurs_as_word(text, lower)


def _title_apposition(text: str, end: int) -> bool:
    match = APPOSITION.match(text, end, end + 80)
    return match is not None and title_word(fold(match.group(1)))


# Dutch verbs of saying and thinking after a person's name ("Zalm denkt", "Kostunica erkende"):
# what bodies seldom do, or which the lists and acronyms type first.
DUTCH_PERSON_AFTER = re.compile(
    r"\s*(?:,\s*)?(?:vindt|vond|denkt|dacht|meent|meende|gelooft|geloofde|hoopt|hoopte|vreest|vreesde|"
    r"zegde|beklemtoonde|erkent|erkende|ontkent|ontkende|benadrukt|reageert|antwoordt|twittert)\b"
)
# Words that, right after the verb, are its subject: the word before the verb then opened a
# sentence in inversion ("Toch zei hij", "Daarna meldde de minister"), no name.
SUBJECT_WORDS = frozenset("hij zij ze het de een men we wij ik jij je u er die dit deze".split())


def _subject_of_verb(folded: str, verb_end: int, word: str, context: _Article) -> bool:
    """Whether a sentence-opening word before a verb of saying is its subject, a name: a word
    less everyday than the adverbs that open sentences ("Zalm denkt", not "Toch denkt"), with
    no other subject after the verb."""
    return not context.everyday(word, EVERYDAY_ONE) and _no_subject_after(folded, verb_end)


def _plural_verb(verb: str) -> bool:
    """Whether a Dutch verb of saying is in the plural ("zeggen"): its subject is then several,
    a plural noun that opens the sentence ("Analisten zeggen"), not one person's name."""
    word = re.search(r"\w+", verb)
    return word is not None and word.group().endswith("en")  # not "liet weten"


def _no_subject_after(folded: str, verb_end: int) -> bool:
    """Whether the word after a verb is no subject of its own (a pronoun, an article, a title)."""
    following = folded[verb_end : verb_end + 30].split()
    if not following:
        return True
    word = following[0].strip(".,;:!?\"'")
    return word not in SUBJECT_WORDS and not title_word(word, True)


# A name before a colon and a quotation, as Dutch headlines and reports give a speaker's words:
# 'Wolthuizen: "We gaan door"'.
SPEAKER_COLON = re.compile(r":\s*[\"'“‘„]")


# A party or another body in brackets right after a name: "Annemans (VB)", "Jan Smit (D66)".
PARTY_AFTER = re.compile(r" ?\((" + _U + r"[\w&'./-]{0,14})\)")


def _party_after(text: str, end: int, lexicon: Lexicon, one_word: bool) -> bool:
    """Whether a name is followed by the body its bearer speaks for, in brackets, as Dutch news
    names a politician ("Verhoeven (D66)"): a listed organisation, or after a one-word name
    capitals that name one (after a longer name they may be its ticker: "Dow Jones (INDU)").
    A country there ("(VS)") is a sportsman's too, but also a company's seat, so it says nothing;
    a name spelled out before its acronym ("Space Company (EADS)") is an organisation's, which
    the organisation words or the acronym's expansion type first."""
    if text[end : end + 1] != "(" and text[end : end + 2] != " (":
        return False  # the common case
    match = PARTY_AFTER.match(text, end, end + 18)
    if match is None:
        return False
    body = match.group(1)
    entry = lexicon.entries.get(fold_key(body))
    if entry is not None:
        return entry.actor_id.startswith("organisation:")
    letters = body.replace("-", "").replace(".", "").replace("&", "")
    return (
        one_word
        and sum(c.isupper() for c in letters) >= 2
        and letters.isalnum()
        and fold(letters) not in NOT_ORGANISATIONS
        and not ROMAN_NUMBER.fullmatch(letters)
    )


def admit_model_name(
    tokens: list[Token], kind: str, text: str, folded: str, lexicon: Lexicon, lang: str
) -> tuple[int, int] | None:
    """Where a name that the statistical tagger proposes begins and ends, once titles, roles,
    nationality words and function words are cut off it; None when what is left is no actor on
    its own by the rules' own measure: a lower-case word, an everyday word of the article's
    language, a lone given name, an initial, a generic noun, a title, a month or a compound."""
    context = _Article(text, folded, lexicon, lang)
    part, _, _ = _trim(list(tokens), context)
    if not part or not part[0].text[:1].isupper() or not part[-1].text[:1].isupper():
        return None
    if any(token.is_compound for token in part):
        return None  # "Minsk-akkoorden"
    words = [t for t in part if not t.is_particle]
    if all(
        _generic(t.folded, GENERIC_ORG_WORDS | PLACE_WORDS)
        or _is_title(t, lang == "nl")
        or _portfolio(t.folded, lang == "nl")
        or t.folded in MONTHS_DAYS
        or t.folded in SENTENCE_STARTERS
        or t.folded in NOT_ORGANISATIONS
        for t in words
    ):
        return None
    if kind != "person" and _is_title(words[-1], lang == "nl"):
        return None  # a role ("Senate Majority Leader"), whose holder the rules name apart
    start, end = part[0].start, part[-1].end
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    if len(words) == 1:
        word = words[0]
        if (
            len(word.folded.replace(".", "")) <= 2  # an initial
            or (kind == "person" and word.folded in lexicon.first_names)
            or (kind == "person" and is_all_caps(word.text))  # an acronym is nobody's name
            or (context.everyday(word.folded, EVERYDAY_ONE) and word.folded not in lexicon.person_surnames)
            or (starts_sentence(text, word.start) and context.everyday(word.folded, SENTENCE_WORD))
            or context.abbreviation(word)
        ):
            return None
    return start, end
