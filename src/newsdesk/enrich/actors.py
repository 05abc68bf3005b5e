"""Actors: spaCy entities canonicalised within one article.

- surname-only mentions merge into the full name ("Zelensky" -> "Volodymyr Zelensky");
- demonyms, capitals and country names resolve to one country actor with its ISO code ("Russian", "Moscow" -> Russia);
- titles before a name become roles with their country ("Ukrainian President" -> role President, country UA);
- sources cited ("as reported by Xinhua news agency") are flagged `is_source`;
- the title is matched against actors found in the body (NER on title case produces noise such as "Trump Discuss").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsdesk.enrich.places import lookup
from newsdesk.record import Actor, normalise_name

# Roles as written (lowercase) -> normalised role. Longest match wins.
ROLES = {
    "president": "President", "vice president": "Vice President", "prime minister": "Prime Minister",
    "premier": "Prime Minister", "chancellor": "Chancellor", "foreign minister": "Foreign Minister",
    "foreign secretary": "Foreign Minister", "minister of foreign affairs": "Foreign Minister",
    "defence minister": "Defence Minister", "defense minister": "Defence Minister",
    "defense secretary": "Defence Minister", "defence secretary": "Defence Minister",
    "finance minister": "Finance Minister", "interior minister": "Interior Minister",
    "energy minister": "Energy Minister", "health minister": "Health Minister", "minister": "Minister",
    "secretary of state": "Secretary of State", "secretary-general": "Secretary-General",
    "secretary general": "Secretary-General", "king": "King", "queen": "Queen", "prince": "Prince",
    "pope": "Pope", "governor": "Governor", "senator": "Senator", "sen.": "Senator", "rep.": "Representative",
    "congressman": "Representative", "congresswoman": "Representative", "mayor": "Mayor",
    "ambassador": "Ambassador", "envoy": "Envoy", "spokesperson": "Spokesperson", "spokesman": "Spokesperson",
    "spokeswoman": "Spokesperson", "general": "General", "gen.": "General", "commander": "Commander",
    "chief executive": "CEO", "ceo": "CEO", "chairman": "Chair", "chairwoman": "Chair", "chair": "Chair",
    "leader": "Leader", "opposition leader": "Opposition Leader", "judge": "Judge", "justice": "Justice",
    "attorney general": "Attorney General", "speaker": "Speaker", "coach": "Coach", "manager": "Manager",
}
_ROLE_RE = "|".join(re.escape(r) for r in sorted(ROLES, key=len, reverse=True))
# A role right before a person: "[Ukrainian|US|Russia's] Foreign Minister [Sergei Lavrov]"
ROLE_BEFORE = re.compile(r"(?i:\b(?P<role>" + _ROLE_RE + r"))\s+$")
SOURCE_BEFORE = re.compile(
    r"(?:as\s+reported\s+by|according\s+to|reported\s+by|cited\s+by|quoted\s+by|told)\s+(?:the\s+)?$", re.I
)
SOURCE_AFTER = re.compile(r"^\s+(?:reported|said\s+in\s+a\s+report|news\s+agency\s+reported)", re.I)
ORG_SUFFIXES = re.compile(r"\s+(?:news\s+agency|newswire|news\s+service)$", re.I)
LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "NORP": "group",
          "FAC": "place"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "prof"}


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

    def add(self, surface: str, offset: int, lead_end: int) -> None:
        self.mentions += 1
        self.aliases.add(surface)
        self.first_offset = min(self.first_offset, offset)
        self.in_lead = self.in_lead or offset < lead_end


def _clean_surface(text: str) -> str:
    s = text.strip().strip("\"'“”‘’()[],.;:")
    s = re.sub(r"(?:'s|’s|')$", "", s)
    s = re.sub(r"^(?:the|The)\s+", "", s)
    return " ".join(s.split())


def _plausible(surface: str, label: str) -> bool:
    letters = sum(c.isalpha() for c in surface)
    if letters < 2 or (label == "PERSON" and letters < 3):
        return False
    if not surface[:1].isupper() and not surface[:1].isdigit():
        return False
    return not surface.isdigit()


def _person_key(name: str) -> list[str]:
    toks = [t for t in normalise_name(name).split() if t not in HONORIFICS]
    return toks


def extract_actors(doc: Doc, title: str, lead_end: int = 0, skip: tuple[int, int] = (0, 0)) -> list[Actor]:
    """Canonical actors of one article from its parsed body (`doc`) and its title; `skip` is the dateline's span."""
    text = doc.text
    clusters: dict[tuple[str, str], _Cluster] = {}
    persons: list[tuple[str, int, str, str]] = []  # (surface, offset, role_written, role_country)

    def cluster(key: tuple[str, str], name: str, type_: str, country: str | None) -> _Cluster:
        c = clusters.get(key)
        if c is None:
            c = clusters[key] = _Cluster(name, type_, country)
        return c

    for ent in doc.ents:
        if ent.label_ not in LABELS or skip[0] <= ent.start_char < skip[1]:
            continue
        surface = _clean_surface(ent.text)
        if not _plausible(surface, ent.label_):
            continue
        before = text[max(0, ent.start_char - 60): ent.start_char]
        place = lookup(surface)
        if place is not None and ent.label_ != "ORG":
            # countries, their demonyms and capitals are one actor per country; other big cities stay places
            if place.kind == "city":
                c = cluster(("place", normalise_name(place.name)), place.name, "place", place.code)
            else:
                c = cluster(("country", place.code), place.country, "country", place.code)
            c.add(surface, ent.start_char, lead_end)
            continue
        if ent.label_ == "PERSON":
            role_written, role_country = _role_before(before)
            persons.append((surface, ent.start_char, role_written, role_country))
            continue
        type_ = LABELS[ent.label_]
        name = ORG_SUFFIXES.sub("", surface) if type_ == "organization" else surface
        c = cluster((type_, normalise_name(name)), name, type_, None)
        c.add(surface, ent.start_char, lead_end)
        if SOURCE_BEFORE.search(before) or SOURCE_AFTER.match(text[ent.end_char: ent.end_char + 40]):
            c.is_source = True

    _merge_persons(persons, clusters, lead_end)
    _merge_surname_entities(clusters)
    return _finish(clusters, title)


def _role_before(before: str) -> tuple[str, str]:
    """The role written just before a name ("German Economy Minister"), with the country named before it."""
    m = ROLE_BEFORE.search(before)
    if not m:
        return "", ""
    role = m.group("role")
    words = re.sub(r"(?:'s|’s)$", "", before[: m.start()].rstrip()).split()[-4:]
    # walk left over capitalised words: a place gives the country, other words qualify the role ("Economy")
    qualifiers: list[str] = []
    while words and words[-1][:1].isupper():
        for n in (3, 2, 1):
            cand = " ".join(words[-n:]) if len(words) >= n else ""
            if cand[:1].isupper() and (place := lookup(re.sub(r"(?:'s|’s)$", "", cand))) is not None:
                return " ".join([cand, *qualifiers, role]), place.code
        qualifiers.insert(0, words.pop())
        if len(qualifiers) > 2:
            break
    return " ".join([*qualifiers[-1:], role]) if qualifiers and role.lower() == "minister" else role, ""


def _merge_persons(persons: list[tuple[str, int, str, str]], clusters: dict[tuple[str, str], _Cluster],
                   lead_end: int) -> None:
    """Full names first; then single tokens merge into the unique full name ending (or starting) with them."""
    full: dict[str, _Cluster] = {}
    for surface, offset, role_w, role_cc in sorted(persons, key=lambda p: -len(_person_key(p[0]))):
        toks = _person_key(surface)
        if not toks:
            continue
        key = " ".join(toks)
        target: _Cluster | None = full.get(key)
        if target is None and len(toks) == 1:
            hits = {id(c): c for k, c in full.items() if len(k.split()) > 1 and toks[0] in (k.split()[-1], k.split()[0])}
            if len(hits) == 1:
                target = next(iter(hits.values()))
        if target is None:
            # a longer name that extends an existing one ("Donald Trump Jr." vs "Donald Trump") stays separate
            target = clusters.setdefault(("person", key), _Cluster(surface, "person"))
            full[key] = target
        target.add(surface, offset, lead_end)
        if role_w:
            role = _normalise_role(role_w)
            if role and role not in target.roles:
                target.roles.append(role)
            if role_w not in target.roles_written:
                target.roles_written.append(role_w)
            if role_cc and not target.country:
                target.country = role_cc


def _normalise_role(written: str) -> str | None:
    """The known role a written title ends with; "X Minister" roles we don't list keep their qualifier."""
    w = written.lower()
    for r in sorted(ROLES, key=len, reverse=True):
        if w.endswith(r):
            if ROLES[r] == "Minister":
                parts = written.split()
                lead = parts[-2] if len(parts) >= 2 and lookup(parts[-2]) is None else ""
                return f"{lead.title()} Minister".strip()
            return ROLES[r]
    return None


def _merge_surname_entities(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """NER sometimes labels a bare surname as an organisation ("Reiche added"): fold it into the person."""
    surnames: dict[str, _Cluster] = {}
    for (type_, key), c in clusters.items():
        if type_ == "person" and len(key.split()) > 1:
            surnames.setdefault(key.split()[-1], c)
    for (type_, key), c in list(clusters.items()):
        if type_ in ("organization", "place", "group") and key in surnames and not c.is_source:
            person = surnames[key]
            person.mentions += c.mentions
            person.aliases |= c.aliases
            person.first_offset = min(person.first_offset, c.first_offset)
            del clusters[(type_, key)]


def _finish(clusters: dict[tuple[str, str], _Cluster], title: str) -> list[Actor]:
    title_key = f" {normalise_name(title)} "
    out = []
    for c in clusters.values():
        if c.mentions == 0:
            continue
        in_title = any(f" {normalise_name(a)} " in title_key for a in c.aliases | {c.name})
        out.append(Actor(
            name=c.name, type=c.type, country=c.country, mentions=c.mentions + (1 if in_title else 0),
            aliases=sorted(c.aliases - {c.name}), roles=c.roles, roles_written=c.roles_written,
            first_offset=c.first_offset, in_title=in_title, in_lead=c.in_lead, is_source=c.is_source,
        ))
    out.sort(key=lambda a: (-a.mentions, a.first_offset))
    return out
