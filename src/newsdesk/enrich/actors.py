"""Actors: spaCy entities canonicalised within one article, then resolved against the curated alias table.

- noise is dropped: time zones, currency codes, market indices, model numbers ("Trent 900"), bare legal forms,
  events ("Paris Air Show", "Developers Conference");
- NER labels are voted per surface form (a name tagged ORG twice and PERSON once is an organisation), and person
  entities whose head word names a thing ("App Store", "Moscone Center") are re-typed;
- titles written inside a person entity ("Spokeswoman Sandy Angers") become roles, not part of the name;
- surname-only and first-name-only mentions merge into the full name ("Zelensky" -> "Volodymyr Zelensky"), and so
  do honorific forms ("Mr Lavrov"); a lone surname or first name that matches no full name is kept only when
  something marks it as a person (a title or honorific before it, a speech verb after it, the alias table); one
  NER also tagged ORG in the article is that organisation ("Ryanair"), and a listed first name and one more word
  is a person even when the word names a thing ("Jim Press");
- organisations: a leading "the", a trailing possessive, legal forms ("Inc.", "Ltd", "Group") and the suffix
  "news agency" do not make a new organisation; an acronym merges with its expansion ("EU" / "European Union",
  "Government Accountability Office (GAO)"), also after a country's code ("USAF" / "Air Force"); a short name
  written after the full one merges into it ("Lockheed Martin" ... "Lockheed"); "<airline> Flight 574" is the airline;
- countries: names, demonyms and ISO codes resolve to one country actor ("Russian", "U.S." -> Russia, United
  States); a capital used for its government ("Moscow remains open to talks", "Washington's position") is the
  country, a capital as a location ("outages in Kyiv") is a place actor, and also an alias of its country when the
  country is an actor of the article;
- the curated alias table (`newsdesk.enrich.aliases`) gives well-known actors one canonical name, country and QID;
- sources cited ("as reported by Xinhua news agency") are flagged `is_source`;
- the title is matched against actors found in the body (NER on title case produces noise such as "Trump Discuss");
- precision guards: no actors from table rows, scores, handles or model numbers ("Everton 2", "Choice 2-4",
  "@nytimes", "RAV4 Hybrid"), nor product names ("MacBook Air", "Apple TV"), nor a maker named with its model
  ("Airbus A380", also in the title) or tagged right before its product ("Ford Taurus", "Lockheed Tristar"), nor
  a name after a product's ("iTunes Music Store"), nor an index moving by
  points ("the Nasdaq fell 80 points"), nor families ("the Bidens"), nor
  adjectives NER calls groups ("Democratic", "European"); two surnames written together ("Trump Machado") are two
  people, not one, and a person's full name resolves through the alias table only by a full name;
- every link gets a confidence (`CONFIDENCE`): what vouches for it (the alias table, a country named by its name,
  a title or speech verb, repeated mentions, the gazetteer) against what does not (a country only as an
  adjective, a single unmarked mention, a type the rest of the batch disagrees with);
- `harmonise_types`: across a batch (a corpus), a name typed one way in most of its articles takes that type in
  the others ("Cisco" a place once, an organisation four times, is an organisation).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from newsdesk.enrich.aliases import alias_index
from newsdesk.lang import Language, get, known_first_names, alternation
from newsdesk.lang.places import Place, lookup
from newsdesk.record import Actor, identity_key, normalise_name, org_key, person_key

# The canonicaliser's words are English for every language (canonical names and roles are English): lang/en/.
_EN = get("en")
FIRST_NAMES = known_first_names()
# Roles as written (lowercase) -> normalised role (lang/en/roles.tsv). Longest match wins.
ROLES = _EN.roles
_ROLE_RE = "|".join(re.escape(r) for r in sorted(ROLES, key=len, reverse=True))
# A role right before a person: "[Ukrainian|US|Russia's] Foreign Minister [Sergei Lavrov]"
ROLE_BEFORE = re.compile(r"(?i:\b(?P<role>" + _ROLE_RE + r"))\s+$")


@dataclass(frozen=True)
class RoleRules:
    """How roles are found before a name and normalised, per language."""

    before: re.Pattern[str]
    table: dict[str, str]


ENGLISH_ROLES = RoleRules(ROLE_BEFORE, ROLES)


def role_rules(language: Language) -> RoleRules:
    """The roles read before a name in `language`'s text: English's, or its own (lang/<code>/roles.tsv) on top of
    English's. Another language's roles may end compounds ("Polizeipräsident", "US-Präsident", "Kremlchef") and
    normalise to the same roles; only that language's text is read with them (an English "chef" is no role)."""
    if language.code == _EN.code:
        return ENGLISH_ROLES
    return _role_rules(language.code)


@lru_cache(maxsize=None)
def _role_rules(code: str) -> RoleRules:
    table = {**ROLES, **get(code).roles}
    alt = "|".join(re.escape(r) for r in sorted(table, key=len, reverse=True) if not r.endswith("."))
    return RoleRules(re.compile(r"(?i:(?<![\w-])(?P<role>(?:\w+-)?\w*?(?:" + alt + r")))\s+$"), table)


HONORIFIC_BEFORE = re.compile(r"\b(?:" + "|".join(sorted((h.capitalize() for h in _EN.honorifics), key=len,
                                                             reverse=True)) + r")\.?\s+$")
SOURCE_BEFORE = re.compile(
    r"(?:as\s+reported\s+by|according\s+to|reported\s+by|cited\s+by|quoted\s+by|told)\s+(?:the\s+)?$", re.I
)
SOURCE_AFTER = re.compile(r"^\s+(?:reported|said\s+in\s+a\s+report|news\s+agency\s+reported)", re.I)
SPEECH_AFTER = re.compile(
    r"^(?:,\s+\w+(?:\s+\w+){0,6},)?\s+(?:" + alternation(_EN.speech_verbs) + r")\b", re.I)
ORG_SUFFIXES = re.compile(r"\s+(?:news\s+agency|newswire|news\s+service)$", re.I)
FLIGHT = re.compile(r"^(?P<airline>.+?)\s+Flight(?:\s+\d+)?$")
ABBREVIATION_AFTER = re.compile(r"^\s*\(\s*(?P<abbr>[A-Z][A-Za-z&.\-]{1,9})\s*\)")
LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "NORP": "group",
          "FAC": "place"}

# Entities that are never actors: time zones, currency codes, market indices.
NON_ACTORS = _EN.words("non_actors.txt")
# Words a person's name does not start with: titles NER sometimes includes ("Spokeswoman Sandy Angers").
# Hereditary and religious titles are kept in the name ("King Charles", "Pope Francis").
TITLE_WORDS = _EN.words("title_words.txt")
# Head words that make a "person" entity a thing: organisations, then places.
ORG_HEADS = _EN.words("org_heads.txt")
# ... and those that never end a person's name, even after a first name ("Douglas Aircraft")
COMPANY_HEADS = _EN.words("company_heads.txt")
PLACE_HEADS = _EN.words("place_heads.txt")
# Head words of events, which are not actors ("Paris Air Show", "Worldwide Developers Conference").
EVENT_HEADS = _EN.words("event_heads.txt")
ACRONYM_STOPWORDS = _EN.words("acronym_stopwords.txt")
LOCATIVE_BEFORE = re.compile(r"\b(?:" + alternation(_EN.words("locative_words.txt")) + r")\s*$", re.I)
METONYMY_AFTER = re.compile(r"^(?:['’]s\b|\s+(?:" + alternation(_EN.words("metonymy_verbs.txt")) + r")\b)")


@dataclass
class _Cluster:
    name: str
    type: str
    country: str | None = None
    mentions: int = 0
    aliases: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    roles_written: list[str] = field(default_factory=list)
    first_offset: int = 10**9
    in_lead: bool = False
    is_source: bool = False
    person_cue: bool = False  # a title, honorific or speech verb marks this name as a person's
    qid: str | None = None
    extra_aliases: set[str] = field(default_factory=set)  # forms that name it without being a mention here
    by_name: bool = False  # a country or place written by its name (not only as a demonym: "Japanese")
    gazetteer: bool = False  # a place the gazetteer knows

    def add(self, surface: str, offset: int, lead_end: int) -> None:
        self.mentions += 1
        self.aliases.add(surface)
        self.first_offset = min(self.first_offset, offset)
        self.in_lead = self.in_lead or offset < lead_end

    def absorb(self, other: "_Cluster") -> None:
        self.mentions += other.mentions
        self.aliases |= other.aliases | {other.name}
        self.extra_aliases |= other.extra_aliases
        self.first_offset = min(self.first_offset, other.first_offset)
        self.in_lead = self.in_lead or other.in_lead
        self.is_source = self.is_source or other.is_source
        self.person_cue = self.person_cue or other.person_cue
        self.by_name = self.by_name or other.by_name
        self.gazetteer = self.gazetteer or other.gazetteer
        self.country = self.country or other.country
        self.qid = self.qid or other.qid
        for r in other.roles:
            if r not in self.roles:
                self.roles.append(r)
        for r in other.roles_written:
            if r not in self.roles_written:
                self.roles_written.append(r)

    def add_role(self, written: str, country: str, table: dict[str, str] = ROLES) -> None:
        role = _normalise_role(written, table)
        if role and role not in self.roles:
            self.roles.append(role)
        if written not in self.roles_written:
            self.roles_written.append(written)
        if country and not self.country:
            self.country = country


@dataclass
class _Mention:
    surface: str
    label: str
    start: int
    end: int
    with_article: bool = False  # written "the X" ("the Beatles", but also "the Obama administration")


def _clean_surface(text: str) -> str:
    s = text.strip().strip("\"'“”‘’()[],.;:")
    s = re.sub(r"(?:'s|’s|')$", "", s)
    s = re.sub(r"^(?:the|The)\s+", "", s)
    return " ".join(s.split())


# Words before a number that make it part of a name ("Channel 4", "Formula 1", "Apollo 11", "Local 90").
NUMBERED_NAMES = _EN.words("numbered_names.txt")
SCORE = re.compile(r"\d+\s*[-–:]\s*\d+")
# Product names and product-line words: an "organisation" that is one of these, or ends in a model word, is a
# product ("MacBook Air", "Mac OS X", "Apple TV"); products are not actors.
PRODUCT_WORDS = _EN.words("product_words.txt")
MODEL_WORDS = _EN.words("model_words.txt")


INDEX_AFTER = re.compile(r"^(?:['’]s)?\s+\d{2,4}\b")
# A model designation right after a maker's name: "Airbus A380", "Airbus A330-200", "Vickers VC-10" name aircraft,
# products, not the maker (a bare number, "Boeing 787", is INDEX_AFTER's)
MODEL_AFTER = re.compile(r"^\s+[A-Z]{1,3}-?\d{2,4}(?:-\d{1,4})?s?\b")
# An index moving by points ("The Nasdaq fell 82.65 points"): the market index, not the exchange
INDEX_MOVE_AFTER = re.compile(
    r"^\s+(?:(?:index|composite|average)\s+)?(?:" + alternation(_EN.words("index_move_verbs.txt")) + r")"  # "fell"
    r"\s+(?:(?:up|down|higher|lower|by|almost|nearly|about|some|another)\s+)*[\d.,]+\s+points\b", re.I)
GOVERNMENT = re.compile(r"(?:(?P<c1>.+?)\s+(?:[Gg]overnment|[Aa]dministration)"
                        r"|[Gg]overnment\s+of\s+(?:the\s+)?(?P<c2>.+))")


def _junk_number(surface: str) -> bool:
    """A table cell, score or model number rather than a name: "Everton 2", "Choice 2-4", "Megan Cook 4",
    "7 Habits...", "RAV4 Hybrid", "R5000" (a single short code such as "G7" or "3M" is a name)."""
    if SCORE.search(surface):
        return True
    words = surface.split()
    for i, w in enumerate(words):
        core = w.strip(".,;:()")
        if not any(c.isdigit() for c in core):
            continue
        if len(words) == 1:
            return len(core) > 4
        if core.isdigit() and i > 0 and words[i - 1].lower().strip(".,") in NUMBERED_NAMES:
            continue
        if re.fullmatch(r"\d+(?:st|nd|rd|th)", core):  # "17th Street", "101st Airborne"
            continue
        return True
    return False


def _product_word_before(before: str) -> bool:
    """A product name written just before the entity: "iTunes [Music Store]", "iTunes "[App Store]", "iPhone [SDK]"."""
    m = re.search(r"([\w-]+)\s[\s\"'“”‘’]*$", before)
    return m is not None and normalise_name(m.group(1)) in PRODUCT_WORDS


def _is_product(surface: str) -> bool:
    toks = normalise_name(surface).split()
    return bool(toks) and (any(t in PRODUCT_WORDS for t in toks) or (len(toks) > 1 and toks[-1] in MODEL_WORDS))


def _plausible(surface: str, label: str) -> bool:
    if surface[:1] in "@#" or "@" in surface or "http" in surface.lower() or " - " in surface or "|" in surface:
        return False  # handles, hashtags, e-mail addresses, links; two names run together ("San Jose - Cisco")
    if _junk_number(surface):
        return False
    if label in ("ORG", "GPE", "LOC", "FAC") and _is_product(surface):
        return False
    if label == "PERSON" and len(surface.split()) > 1 and normalise_name(surface).split()[-1] in PRODUCT_WORDS | {
            "os", "osx", "sdk", "tv", "ai", "app", "pro"}:
        return False  # "Mac OSX", "Clipboard AI" tagged PERSON: products and apps
    if label == "NORP" and not surface.endswith("s") and lookup(surface) is None:
        return False  # an adjective ("Democratic", "European"), not a group of people ("Democrats")
    letters = sum(c.isalpha() for c in surface)
    if letters < 2 or (label == "PERSON" and letters < 3):
        return False
    if not surface[:1].isupper() and not surface[:1].isdigit():
        return False
    if surface.isdigit() or normalise_name(surface) in NON_ACTORS:
        return False
    if len(surface.split()) > 1 and normalise_name(surface).split()[-1] in EVENT_HEADS:
        return False
    if org_key(surface) == "" or normalise_name(surface) in {"inc", "corp", "llc", "ltd", "plc", "co", "group"}:
        return False
    # a standalone number of 3+ digits is a model or flight number ("Trent 900", "787 Dreamliner")
    return not any(t.isdigit() and len(t) >= 3 for t in surface.split())


def _person_key(name: str) -> list[str]:
    """Name tokens without honorifics, transliteration variants folded (see `newsdesk.record.person_key`)."""
    return person_key(name).split()


def _strip_titles(surface: str) -> tuple[str, str]:
    """A person surface without leading titles ("Spokeswoman Sandy Angers" -> "Sandy Angers", "Spokeswoman")."""
    words = surface.split()
    i = 0
    while i < len(words) - 1 and words[i].lower().rstrip(".,") in TITLE_WORDS:
        i += 1
    if i == 0:
        return surface, ""
    rest = words[i:]
    if rest and rest[0].lower() in ("of", "at", "for"):  # "Chief Executive of Ryanair" is not a name
        return surface, ""
    return " ".join(rest).lstrip(", "), " ".join(words[:i]).rstrip(",")


def _titled_name(surface: str) -> bool:
    """A title word, then two or three capitalised words that do not name a thing ("Senator John McCain")."""
    words = surface.split()
    if len(words) < 3 or words[0].lower().rstrip(".") not in TITLE_WORDS:
        return False
    rest = words[1:]
    while rest and rest[0].lower().rstrip(".") in TITLE_WORDS:
        rest = rest[1:]
    return 2 <= len(rest) <= 3 and all(w[:1].isupper() for w in rest) and \
        rest[-1].lower() not in ORG_HEADS | PLACE_HEADS and lookup(" ".join(rest)) is None


def _vote_labels(mentions: list[_Mention]) -> None:
    """Relabel each mention with the majority NER label of its surface form within the article."""
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        votes.setdefault(normalise_name(m.surface), Counter())[m.label] += 1
    for m in mentions:
        (best, n), *rest = votes[normalise_name(m.surface)].most_common()
        if rest and n > rest[0][1]:
            m.label = best


def extract_actors(doc: Doc, title: str, lead_end: int = 0, skip: tuple[int, int] = (0, 0),
                   places: Callable[[str], Place | None] = lookup, roles: RoleRules = ENGLISH_ROLES) -> list[Actor]:
    """Canonical actors of one article from its parsed body (`doc`: spaCy's, or any object with `.text` and
    `.ents` shaped like spaCy's, as `newsdesk.enrich.german` builds) and its title; `skip` is the dateline's span;
    `places` resolves country and place names and `roles` reads titles (the German ones for German text)."""
    text = doc.text
    clusters: dict[tuple[str, str], _Cluster] = {}
    persons: list[tuple[str, int, str, str, bool]] = []  # (surface, offset, role_written, role_country, cue)
    abbreviations: dict[str, _Cluster] = {}  # "gao" -> the cluster written "Government Accountability Office (GAO)"
    capital_aliases: list[tuple[str, str]] = []  # (country code, capital) for capitals used as places

    def cluster(key: tuple[str, str], name: str, type_: str, country: str | None) -> _Cluster:
        c = clusters.get(key)
        if c is None:
            c = clusters[key] = _Cluster(name, type_, country)
        return c

    mentions = []
    ents = list(doc.ents)
    for n, ent in enumerate(ents):
        if ent.label_ not in LABELS or skip[0] <= ent.start_char < skip[1]:
            continue
        nxt = ents[n + 1] if n + 1 < len(ents) else None
        if ent.label_ == "ORG" and nxt is not None and nxt.label_ == "PRODUCT" \
                and text[ent.end_char: nxt.start_char] == " ":
            continue  # "Lockheed Tristar", "Ford Taurus": the maker's product
        surface = _clean_surface(ent.text)
        if ent.label_ != "PERSON" and (fm := FLIGHT.match(surface)) is not None:
            surface = fm.group("airline")  # "Adam Air Flight 574": the airline is the actor
        label = ent.label_
        if label != "PERSON" and _titled_name(surface):
            label = "PERSON"  # "Spokeswoman Sandy Angers" tagged ORG: a title, then a name
        if label != "PERSON" and not FLIGHT.match(_clean_surface(ent.text)) \
                and (INDEX_AFTER.match(text[ent.end_char: ent.end_char + 12])
                     or INDEX_MOVE_AFTER.match(text[ent.end_char: ent.end_char + 60])):
            continue  # "Standard & Poor's 500", "Nikkei 225", "the Nasdaq fell 80 points": an index
        if (label != "PERSON" and MODEL_AFTER.match(text[ent.end_char: ent.end_char + 16])) \
                or _product_word_before(text[max(0, ent.start_char - 20): ent.start_char]):
            continue  # "Airbus A380", "iTunes Music Store", "iPhone SDK": products
        if (gov := GOVERNMENT.fullmatch(surface)) is not None and label != "PERSON" \
                and (gp := places(gov.group("c1") or gov.group("c2"))) is not None \
                and gp.kind in ("country", "demonym"):
            surface, label = gp.country, "GPE"  # "Canadian Government", "Government of Japan": the country
        if _plausible(surface, label):
            with_article = bool(re.match(r"(?i)the\s", ent.text)) or bool(
                re.search(r"(?i)\bthe\s+$", text[max(0, ent.start_char - 5): ent.start_char]))
            mentions.append(_Mention(surface, label, ent.start_char, ent.end_char, with_article))
    org_forms = {normalise_name(m.surface) for m in mentions if m.label == "ORG"}
    _vote_labels(mentions)
    surnames = _surnames(mentions)
    # places written as places somewhere in the article: an ORG mention of the same place ("Kyiv" tagged ORG
    # after "in Kiev") is that place too (document-level type consistency)
    seen_places = {pl.name for m in mentions if m.label != "ORG" and (pl := places(m.surface)) is not None}

    for m in mentions:
        surface, label = m.surface, m.label
        before = text[max(0, m.start - 60): m.start]
        after = text[m.end: m.end + 60]
        place = places(surface)
        if place is not None and (label != "ORG" or place.name in seen_places):
            # countries and demonyms are one actor per country; capitals as seats of government too
            if place.kind == "capital" and not _metonymic(before, after):
                c = cluster(("place", normalise_name(place.name)), place.name, "place", place.code)
                capital_aliases.append((place.code, surface))
            elif place.kind == "city":  # a region across countries ("Europa") has no country code
                c = cluster(("place", normalise_name(place.name)), place.name, "place", place.code or None)
            else:
                c = cluster(("country", place.code), place.country, "country", place.code)
            c.add(surface, m.start, lead_end)
            c.gazetteer = True
            c.by_name = c.by_name or place.kind != "demonym"
            continue
        if label == "PERSON":
            name, titles = _strip_titles(surface)
            head = normalise_name(name).split()[-1] if normalise_name(name) else ""
            # "the Beatles", "the Rolling Stones": a plural name after "the" is a group, not a person
            plural_group = m.with_article and head.endswith("s") and not head.endswith("ss")
            # a first name and one more word is a person whatever the word ("Jim Press", "Tom Banks")
            first_and_one = len(name.split()) == 2 and name.split()[0] in FIRST_NAMES
            if (head in ORG_HEADS or head in PLACE_HEADS or plural_group) and not first_and_one \
                    or head in COMPANY_HEADS:
                type_ = "place" if head in PLACE_HEADS else "organization"
                c = cluster((type_, identity_key(surface, type_)), surface, type_, None)
                c.add(surface, m.start, lead_end)
                continue
            role_written, role_country = _role_before(before, places, roles)
            if titles and not role_written:
                role_written = titles if _normalise_role(titles, roles.table) else ""
            cue = bool(role_written or titles or HONORIFIC_BEFORE.search(before) or SPEECH_AFTER.match(after)
                       or SOURCE_BEFORE.search(before))
            if (pair := _two_surnames(name, surnames)) is not None:  # "Trump Machado": two people, not one
                persons.append((pair[0], m.start, role_written, role_country, cue))
                persons.append((pair[1], m.start + len(pair[0]) + 1, "", "", cue))
                continue
            persons.append((name, m.start, role_written, role_country, cue))
            continue
        type_ = LABELS[label]
        name = surface
        if type_ == "organization":
            name = ORG_SUFFIXES.sub("", name)
        c = cluster((type_, identity_key(name, type_)), name, type_, None)
        c.add(surface, m.start, lead_end)
        if SOURCE_BEFORE.search(before) or SOURCE_AFTER.match(after[:40]):
            c.is_source = True
        if (ab := ABBREVIATION_AFTER.match(after)) is not None and type_ != "group":
            abbreviations.setdefault(normalise_name(ab.group("abbr")), c)

    _merge_persons(persons, clusters, lead_end, roles.table)
    _merge_abbreviations(clusters, abbreviations)
    _merge_country_prefixed(clusters)
    _merge_acronyms(clusters)
    _merge_org_prefixes(clusters)
    _merge_misspellings(clusters)
    _merge_surname_entities(clusters)
    _resolve_known(clusters)
    _drop_unmarked_single_names(clusters, org_forms)
    _drop_families(clusters)
    for code, capital in capital_aliases:
        if ("country", code) in clusters:
            clusters[("country", code)].extra_aliases.add(capital)
    return _finish(clusters, title)


def _metonymic(before: str, after: str) -> bool:
    """A capital standing for its government: "Moscow remains open", "Washington's position" (not "in Kyiv")."""
    return not LOCATIVE_BEFORE.search(before) and bool(METONYMY_AFTER.match(after))


def _role_before(before: str, places: Callable[[str], Place | None] = lookup,
                 roles: RoleRules = ENGLISH_ROLES) -> tuple[str, str]:
    """The role written just before a name ("German Economy Minister"), with the country named before it."""
    m = roles.before.search(before)
    if not m:
        return "", ""
    role = m.group("role")
    if "-" in role and (place := places(role.split("-")[0])) is not None:  # "US-Präsident"
        return role, place.code
    words = re.sub(r"(?:'s|’s)$", "", before[: m.start()].rstrip()).split()[-4:]
    # walk left over capitalised words: a place gives the country, other words qualify the role ("Economy")
    qualifiers: list[str] = []
    while words and words[-1][:1].isupper():
        for n in (3, 2, 1):
            cand = " ".join(words[-n:]) if len(words) >= n else ""
            if cand[:1].isupper() and (place := places(re.sub(r"(?:'s|’s|-)$", "", cand))) is not None:
                return " ".join([cand, *qualifiers, role]), place.code
        qualifiers.insert(0, words.pop())
        if len(qualifiers) > 2:
            break
    return " ".join([*qualifiers[-1:], role]) if qualifiers and role.lower() == "minister" else role, ""


def _merge_persons(persons: list[tuple[str, int, str, str, bool]], clusters: dict[tuple[str, str], _Cluster],
                   lead_end: int, role_table: dict[str, str] = ROLES) -> None:
    """Full names first; then single tokens merge into the unique full name ending (or starting) with them."""
    full: dict[str, _Cluster] = {}
    for surface, offset, role_w, role_cc, cue in sorted(persons, key=lambda p: -len(_person_key(p[0]))):
        toks = _person_key(surface)
        if not toks:
            continue
        key = " ".join(toks)
        target: _Cluster | None = full.get(key)
        if target is None and len(toks) == 1:
            hits = {id(c): c for k, c in full.items()
                    if len(k.split()) > 1 and toks[0] in (k.split()[-1], k.split()[0])}
            if len(hits) == 1:
                target = next(iter(hits.values()))
        if target is None:
            # a longer name that extends an existing one ("Donald Trump Jr." vs "Donald Trump") stays separate
            target = clusters.setdefault(("person", identity_key(surface, "person")), _Cluster(surface, "person"))
            full[key] = target
        target.add(surface, offset, lead_end)
        target.person_cue = target.person_cue or cue
        if role_w:
            target.add_role(role_w, role_cc, role_table)


def _normalise_role(written: str, table: dict[str, str] = ROLES) -> str | None:
    """The known role a written title ends with; "X Minister" roles we don't list keep their qualifier."""
    w = written.lower()
    for r in sorted(table, key=len, reverse=True):
        if w.endswith(r):
            if table[r] == "Minister" and r == "minister":
                parts = written.split()
                lead = parts[-2] if len(parts) >= 2 and lookup(parts[-2]) is None else ""
                return f"{lead.title()} Minister".strip()
            return table[r]
    return None


def _tokens(c: _Cluster) -> list[str]:
    return org_key(c.name).split() if c.type == "organization" else normalise_name(c.name).split()


def _move(clusters: dict[tuple[str, str], _Cluster], src_key: tuple[str, str], target: _Cluster) -> None:
    src = clusters.pop(src_key)
    if src is not target:
        target.absorb(src)


def _merge_abbreviations(clusters: dict[tuple[str, str], _Cluster], abbreviations: dict[str, _Cluster]) -> None:
    """An abbreviation defined in the text ("Singapore Airlines (SIA)") names the same organisation."""
    for key, c in list(clusters.items()):
        target = abbreviations.get(normalise_name(c.name))
        if target is not None and target is not c and c.type in ("organization", "place", "person") \
                and any(t is target for t in clusters.values()):
            _move(clusters, key, target)


def _initials(tokens: list[str]) -> str:
    return "".join(t[0] for t in tokens if t not in ACRONYM_STOPWORDS)


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _merge_acronyms(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """"EU" / "European Union", "UAW" / "United Auto Workers": an acronym joins its unique expansion."""
    orgs = [(k, c) for k, c in clusters.items() if c.type == "organization" and len(_tokens(c)) > 1]
    for key, c in list(clusters.items()):
        if c.type not in ("organization", "place") or not _is_acronym(c.name):
            continue
        want = c.name.replace(".", "").replace("&", "").lower()
        hits = [t for k, t in orgs if k in clusters and _initials(_tokens(t)) == want]
        if not hits and len(want) > 3 and (p := lookup(want[:2].upper())) is not None and p.kind == "country":
            # a country's code, then the initials of a name: "USAF" is the "Air Force" of the same article
            hits = [t for k, t in orgs if k in clusters and _initials(_tokens(t)) == want[2:]]
        if len(hits) == 1 and hits[0] is not c:
            _move(clusters, key, hits[0])


def _merge_org_prefixes(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """A short name written after a longer one it begins ("Lockheed Martin" ... "Lockheed") is that organisation.

    The longer name must come first and be the only one the short name begins, so "UN" written before
    "UN General Assembly" (or beside "UN Security Council") stays the UN. A person entity that such a short
    organisation name begins ("Northrop Grumman" tagged PERSON, then "Northrop") is an organisation too."""
    for key, c in sorted(clusters.items(), key=lambda kv: len(_tokens(kv[1]))):
        if key not in clusters or c.type != "organization" or _is_acronym(c.name):
            continue
        toks = _tokens(c)
        longer = [(k, t) for k, t in clusters.items() if t is not c and t.type in ("organization", "person")
                  and len(_tokens(t)) > len(toks) and _tokens(t)[: len(toks)] == toks]
        if len(longer) != 1:
            continue
        lkey, target = longer[0]
        if target.first_offset >= c.first_offset:
            continue
        if target.type == "person":
            if target.roles:  # a person with a title is a person ("President Donald" ... "Donald")
                continue
            del clusters[lkey]
            target.type = "organization"
            okey = ("organization", identity_key(target.name, "organization"))
            if okey in clusters:
                clusters[okey].absorb(target)
                target = clusters[okey]
            else:
                clusters[okey] = target
        _move(clusters, key, target)


def _one_transposition(a: str, b: str) -> bool:
    """`b` is `a` with two adjacent letters swapped ("chrysler" / "chrylser")."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _merge_misspellings(clusters: dict[tuple[str, str], _Cluster], min_letters: int = 6) -> None:
    """An organisation written once with two adjacent letters swapped ("Unlike Chrylser, GM ...") beside the same
    name spelled right is that organisation: the classic typing slip, in names of `min_letters` or more (short
    names and acronyms differ by a swap: "ABC" / "BAC"). The form with more mentions is the name."""
    orgs = [(k, c) for k, c in clusters.items() if c.type == "organization" and not _is_acronym(c.name)]
    for key, c in sorted(orgs, key=lambda kc: kc[1].mentions):
        if key not in clusters:
            continue
        a = org_key(c.name).replace(" ", "")
        if len(a) < min_letters:
            continue
        for k2, t in orgs:
            if k2 != key and k2 in clusters and t.mentions >= c.mentions \
                    and _one_transposition(a, org_key(t.name).replace(" ", "")):
                _move(clusters, key, t)
                break


def _merge_country_prefixed(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """"U.S. Air Force" / "Air Force", "US Senate" / "Senate": an organisation named with its country in front is
    the same as the one named without it, in one article."""
    for key, c in list(clusters.items()):
        if key not in clusters or c.type != "organization":
            continue
        words = c.name.split()
        for n in (3, 2, 1):
            if len(words) <= n:
                continue
            place = lookup(" ".join(words[:n]))
            if place is None or place.kind not in ("country", "demonym"):
                continue
            short = ("organization", identity_key(" ".join(words[n:]), "organization"))
            if short in clusters and clusters[short] is not c:
                c.absorb(clusters.pop(short))
                c.country = c.country or place.code
            break


def _merge_surname_entities(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """NER sometimes labels a bare surname as an organisation ("Reiche added"): fold it into the person."""
    surnames: dict[str, _Cluster] = {}
    for (type_, _key), c in clusters.items():
        toks = _person_key(c.name)
        if type_ == "person" and len(toks) > 1:
            surnames.setdefault(toks[-1], c)
    for (type_, key), c in list(clusters.items()):
        if type_ in ("organization", "place", "group") and person_key(c.name) in surnames:
            person = surnames[person_key(c.name)]
            person.absorb(c)
            person.person_cue = True
            del clusters[(type_, key)]


def _resolve_known(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """Give actors in the curated alias table their canonical name, country and QID (merging duplicates)."""
    index = alias_index()
    if not len(index):
        return
    for key, c in list(clusters.items()):
        if key not in clusters or c.type == "country":
            continue
        # a person's name never resolves to an organisation; an entity NER tagged ORG or GPE may be a known person
        types = [c.type] if c.type == "person" else [c.type, "organization", "person"]
        known = None
        forms = [c.name, *sorted(c.aliases)]
        if c.type == "person" and len(_person_key(c.name)) > 1:
            # a full name resolves by a full name: "Trump Machado" (with the alias "Trump") is not Donald Trump
            forms = [f for f in forms if len(_person_key(f)) > 1]
        for form in forms:
            for t in types:
                known = index.resolve(form, t)
                if known is not None:
                    break
            if known is not None:
                break
        if known is None:
            continue
        new_key = (known.type, identity_key(known.name, known.type))
        if c.name != known.name:
            c.aliases.add(c.name)
            c.name = known.name
        c.type, c.qid = known.type, known.wikidata_qid or c.qid
        c.country = known.country or c.country
        c.person_cue = True
        del clusters[key]
        if new_key in clusters and clusters[new_key] is not c:
            clusters[new_key].absorb(c)
            clusters[new_key].name, clusters[new_key].qid = known.name, c.qid
        else:
            clusters[new_key] = c


def _known_surnames() -> frozenset[str]:
    """Surnames (person keys) of the people in the alias table ("trump", "zelenski")."""
    index = alias_index()
    return frozenset(_person_key(a.name)[-1] for a in index.actors.values()
                     if a.type == "person" and len(_person_key(a.name)) > 1)


def _surnames(mentions: list[_Mention]) -> set[str]:
    """Surnames of the full names NER found in the article, and of the people in the alias table."""
    out = set(_known_surnames())
    for m in mentions:
        if m.label == "PERSON":
            toks = _person_key(_strip_titles(m.surface)[0])
            if len(toks) > 1:
                out.add(toks[-1])
    return out


def _two_surnames(name: str, surnames: set[str]) -> tuple[str, str] | None:
    """A two-word "name" whose words are both surnames of other people ("Trump Machado"), split in two."""
    words = name.split()
    toks = _person_key(name)
    if len(words) != 2 or len(toks) != 2 or toks[0] not in surnames or toks[1] not in surnames:
        return None
    return words[0], words[1]


def _drop_families(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """"The Bidens", "the Obamas": a person's surname in the plural names a family, not a place or organisation."""
    surnames = {_person_key(c.name)[-1] for (t, _), c in clusters.items()
                if t == "person" and len(_person_key(c.name)) > 1} | _known_surnames()
    for key, c in list(clusters.items()):
        toks = _person_key(c.name)
        if c.type != "person" and len(toks) == 1 and toks[0].endswith("s") and toks[0][:-1] in surnames:
            del clusters[key]


def _drop_unmarked_single_names(clusters: dict[tuple[str, str], _Cluster],
                                org_forms: set[str] | frozenset[str] = frozenset()) -> None:
    """A one-word "person" that merged with no full name and has no title, honorific or speech verb around it is
    more often a product or a mis-tagged word ("Safari", "Worldliner") than a person: leave it out, unless NER also
    called that word an organisation in the article ("Ryanair" tagged ORG once and PERSON three times): then it is
    the organisation."""
    for key, c in list(clusters.items()):
        if c.type == "person" and len(_person_key(c.name)) == 1 and not c.person_cue and not c.qid:
            del clusters[key]
            if normalise_name(c.name) in org_forms:
                c.type = "organization"
                okey = ("organization", identity_key(c.name, "organization"))
                if okey in clusters:
                    clusters[okey].absorb(c)
                else:
                    clusters[okey] = c


# Confidence of a link by what vouches for it (the first rule that applies); see `_confidence`.
CONFIDENCE = {
    "known": 0.95,            # the curated alias table names it (canonical name, QID)
    "country_named": 0.95,    # a country written by its name, code or capital ("Russia", "U.S.", "Moscow said")
    "place_gazetteer": 0.9,   # a city or place the gazetteer knows
    "person_marked": 0.9,     # a full name with a title, honorific or speech verb, or named twice
    "org_repeated": 0.85,     # an organisation named twice, defined by an acronym, or in the title
    "person_full": 0.75,      # a full name, once, nothing else around it
    "place_repeated": 0.75,   # a place the gazetteer does not know, named twice
    "single_name": 0.6,       # one word kept for a title or speech verb ("Lavrov said")
    "org_once": 0.6,          # an organisation named once
    "place_once": 0.55,       # a place the gazetteer does not know, named once
    "country_demonym": 0.5,   # a country only as an adjective ("Japanese carmakers")
    "group": 0.5,             # a group of people ("Republicans")
}
RETYPED_CAP = 0.7  # a link whose type the rest of the batch overruled (`harmonise_types`)


def _confidence(c: _Cluster, in_title: bool) -> float:
    if c.qid:
        return CONFIDENCE["known"]
    if c.type == "country":
        return CONFIDENCE["country_named" if c.by_name else "country_demonym"]
    if c.type == "place":
        if c.gazetteer:
            return CONFIDENCE["place_gazetteer"]
        return CONFIDENCE["place_repeated" if c.mentions > 1 or in_title else "place_once"]
    if c.type == "person":
        if len(_person_key(c.name)) == 1:
            return CONFIDENCE["single_name"]
        return CONFIDENCE["person_marked" if c.person_cue or c.roles or c.mentions > 1 else "person_full"]
    if c.type == "organization":
        return CONFIDENCE["org_repeated" if c.mentions > 1 or in_title or c.is_source else "org_once"]
    return CONFIDENCE["group"]


def harmonise_types(batch: list[list[Actor]], min_articles: int = 2, share: float = 2 / 3) -> int:
    """Corpus-level type consistency across a batch of articles: a name (identity key) typed person, organisation or
    place in at least `min_articles` articles and `share` of all the articles it appears in takes that type in the
    others ("Cisco" a place once, an organisation four times). Actors from the alias table and countries keep
    their type. Re-typed links keep at most confidence RETYPED_CAP. Returns how many links changed."""
    votes: dict[str, Counter[str]] = {}
    for actors in batch:
        for a in actors:
            if a.type in ("person", "organization", "place") and not a.wikidata_qid:
                votes.setdefault(normalise_name(a.name), Counter())[a.type] += 1
    changed = 0
    for actors in batch:
        for a in actors:
            v = votes.get(normalise_name(a.name))
            if v is None or a.type not in v or a.wikidata_qid:
                continue
            best, n = v.most_common(1)[0]
            if best != a.type and n >= min_articles and n >= share * sum(v.values()):
                a.type = best  # type: ignore[assignment]
                if best != "place":
                    a.country = a.country if best == "person" else None
                a.confidence = min(a.confidence, RETYPED_CAP)
                changed += 1
    if changed:
        for actors in batch:
            actors[:] = _dedupe(actors)
    return changed


def _dedupe(actors: list[Actor]) -> list[Actor]:
    """One actor per id in an article (a re-typed actor may meet the article's own actor of that type)."""
    out: dict[str, Actor] = {}
    for a in actors:
        b = out.get(a.actor_id)
        if b is None:
            out[a.actor_id] = a
            continue
        b.mentions += a.mentions
        b.aliases = sorted((set(b.aliases) | set(a.aliases) | {a.name}) - {b.name})
        b.roles += [r for r in a.roles if r not in b.roles]
        b.roles_written += [r for r in a.roles_written if r not in b.roles_written]
        b.first_offset = min(b.first_offset, a.first_offset)
        b.in_title, b.in_lead = b.in_title or a.in_title, b.in_lead or a.in_lead
        b.is_source = b.is_source or a.is_source
        b.country = b.country or a.country
        b.confidence = max(b.confidence, a.confidence)
    return list(out.values())


# A name right before a model designation in a title names the product ("Airbus A320 jets"), as in the body.
PRODUCT_IN_TITLE = re.compile(r"[\w&.-]+(?=\s+(?:[A-Z]{1,3}-?\d{2,4}|(?!(?:19|20)\d\d\b)\d{3,4})(?:-\d{1,4})?s?\b)")


def _finish(clusters: dict[tuple[str, str], _Cluster], title: str) -> list[Actor]:
    title_key = f" {normalise_name(PRODUCT_IN_TITLE.sub(' ', title))} "
    out = []
    for c in clusters.values():
        if c.mentions == 0:
            continue
        in_title = any(f" {normalise_name(a)} " in title_key for a in c.aliases | {c.name})
        out.append(Actor(
            name=c.name, type=c.type, country=c.country, mentions=c.mentions + (1 if in_title else 0),  # type: ignore[arg-type]
            aliases=sorted((c.aliases | c.extra_aliases) - {c.name}), roles=c.roles, roles_written=c.roles_written,
            first_offset=c.first_offset, in_title=in_title, in_lead=c.in_lead, is_source=c.is_source,
            wikidata_qid=c.qid, confidence=_confidence(c, in_title),
        ))
    out.sort(key=lambda a: (-a.mentions, a.first_offset))
    return out
