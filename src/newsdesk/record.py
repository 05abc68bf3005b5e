"""The one record type passed between stages: an article and the facts extracted from it.

`to_json()` is the stable `newsdesk extract --json` contract; store/ derives its rows from the same objects.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from datetime import date, datetime
from importlib import resources
from typing import Any, Literal

from newsdesk.agencies import wire_agencies
from newsdesk.lang import read_entries

ActorType = Literal["person", "organization", "country", "place", "group"]
Granularity = Literal["day", "week", "month", "quarter", "season", "year", "decade"]
TimexType = Literal["date", "time", "duration", "set"]


@dataclass
class Dateline:
    place: str | None = None
    date: date | None = None  # resolved day (year inferred when the dateline has none)
    agency: str | None = None
    raw: str | None = None


@dataclass
class Article:
    """A cleaned article: text plus metadata, before enrichment."""

    source_ref: str
    input_format: str
    title: str
    text: str
    url: str | None = None
    canonical_url: str | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    language: str | None = None
    published_at: datetime | None = None
    published_source: str | None = None
    published_inferred: bool = False
    dateline: Dateline = field(default_factory=Dateline)
    fetched_at: datetime | None = None
    lead_end: int = 0  # char offset where the lead (first paragraph after the dateline) ends
    flags: list[str] = field(default_factory=list)  # what cleaning repaired or doubted ("charset_repaired:...")
    # fields given with the input that were not usable: (field, rule, reason, value as given); quarantined in
    # `rejects` while the article lands without them
    bad_fields: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        h = hashlib.sha256()
        h.update(self.title.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
        h.update(self.text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    @property
    def article_id(self) -> str:
        key = self.canonical_url or self.url
        basis = ("url:" + key) if key else ("hash:" + self.content_hash)
        return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    @property
    def wire_agencies(self) -> list[str]:
        """Agencies credited in the byline or the dateline, by short name ("dpa", "AP")."""
        return wire_agencies(self.authors, self.dateline.agency)

    @property
    def word_count(self) -> int:
        """Whitespace-separated words, with each CJK character counted as a word (those scripts use no spaces)."""
        cjk = sum(1 for c in self.text if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af")
        if not cjk:
            return len(self.text.split())
        return cjk + sum(1 for w in self.text.split() if not any("\u3040" <= c <= "\ud7af" for c in w))


@dataclass
class Actor:
    name: str
    type: ActorType
    country: str | None = None
    mentions: int = 0
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    roles_written: list[str] = field(default_factory=list)
    first_offset: int = 0
    in_title: bool = False
    in_lead: bool = False
    is_source: bool = False
    wikidata_qid: str | None = None  # from the curated alias table, when the actor is a known one
    # how sure the link (this actor in this article) is, 0..1, from what vouches for it: the alias table, a country
    # named by name rather than by a demonym, a full name with a title or a speech verb, repeated mentions, a
    # gazetteer place (see newsdesk.enrich.actors.CONFIDENCE); the dashboard and SQL filter on it
    confidence: float = 1.0

    @property
    def actor_id(self) -> str:
        return actor_id_for(self.name, self.type, self.country)


@lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """Case- and punctuation-insensitive key for names (cached: the German mention finder asks for the same few
    thousand strings about 3,000 times per article)."""
    import unicodedata

    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = "".join(c.lower() if c.isalnum() else " " for c in s)
    return " ".join(s.split())


_DATA = resources.files("newsdesk") / "data"  # the words of the identity keys (sorted, unique, checked)
# Titles dropped from person keys (data/name_titles.txt); generational suffixes are kept, folded
# (data/generational_suffixes.tsv: Donald Trump Jr. is not Donald Trump).
HONORIFICS = frozenset(r[0] for r in read_entries(_DATA / "name_titles.txt"))
GENERATIONAL = {k: v for k, v in read_entries(_DATA / "generational_suffixes.tsv", columns=2)}
# Legal-form words ending organisation names (data/legal_forms.txt): "Apple Inc." and "Apple" are one organisation.
LEGAL_SUFFIXES = frozenset(r[0] for r in read_entries(_DATA / "legal_forms.txt"))


def _skeleton_token(tok: str) -> str:
    """One name token with transliteration variation folded: y/i, doubled letters, x/ks, final -ij/-iy."""
    if tok in GENERATIONAL:
        return GENERATIONAL[tok]
    t = tok.replace("x", "ks").replace("y", "i")
    t = "".join(c for i, c in enumerate(t) if i == 0 or c != t[i - 1])  # Zelenskii -> Zelenski, Phillip -> Philip
    t = t[:-2] + "i" if t.endswith("ij") else t
    return t


@lru_cache(maxsize=1 << 16)
def person_key(name: str) -> str:
    """The identity key of a person: normalised, without honorifics, transliteration variants folded.

    Zelensky / Zelenskyy / Zelenskiy and Sergei / Sergey share a key; "Donald Trump Jr." keeps its generational
    suffix and so stays apart from "Donald Trump"."""
    toks = [t for t in normalise_name(name).split() if t not in HONORIFICS]
    return " ".join(_skeleton_token(t) for t in toks)


def org_key(name: str) -> str:
    """The identity key of an organisation: normalised, without a leading article or trailing legal forms."""
    toks = normalise_name(name).split()
    if len(toks) > 1 and toks[0] == "the":
        toks = toks[1:]
    while len(toks) > 1 and toks[-1] in LEGAL_SUFFIXES:
        toks = toks[:-1]
    return " ".join(toks)


def identity_key(name: str, type_: str) -> str:
    """The key actor ids hash: person_key for people, org_key for organisations, normalise_name otherwise."""
    if type_ == "person":
        return person_key(name)
    if type_ == "organization":
        return org_key(name)
    return normalise_name(name)


def actor_id_for(name: str, type_: str, country: str | None) -> str:
    """Stable actor id: countries by ISO code, everything else by type + identity key (see identity_key)."""
    if type_ == "country" and country:
        return f"country:{country}"
    digest = hashlib.sha256(f"{type_}|{identity_key(name, type_)}".encode()).hexdigest()[:12]
    return f"{type_[:3]}:{digest}"


@dataclass
class DateMention:
    """A time expression. `start`/`end`/`granularity` give the calendar interval it denotes (None for durations,
    sets and PRESENT_REF/PAST_REF/FUTURE_REF); `type` and `value` are its TimeML normalisation (TIMEX3 type in lower
    case: date, time, duration, set; value in ISO 8601 / TimeML form: 2025-10-12, 2025-W41, 2025-10-12T09:00, P3Y,
    XXXX-WXX-2, PRESENT_REF). `function` is "creation_time" for the dateline's date (the document creation time in
    TimeML terms: metadata, not an event the story mentions), else "". A value left empty is derived from the
    calendar interval."""

    text: str
    start: date | None
    end: date | None
    granularity: Granularity | None
    sentence: str
    offset: int = 0
    type: TimexType = "date"
    value: str = ""
    function: str = ""

    def __post_init__(self) -> None:
        if not self.value and self.start is not None and self.end is not None and self.granularity:
            self.value = calendar_value(self.start, self.end, self.granularity)


_SEASON_CODE = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}


def _unit_value(d: date, gran: str) -> str:
    if gran == "week":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if gran == "month":
        return f"{d.year}-{d.month:02d}"
    if gran == "quarter":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if gran == "season":
        return f"{d.year}-{_SEASON_CODE.get(d.month, 'XX')}"
    if gran == "year":
        return str(d.year)
    if gran == "decade":
        return str(d.year)[:3]
    return d.isoformat()


def calendar_value(start: date, end: date, gran: str) -> str:
    """TimeML value of a calendar interval: the unit that holds it ("2025-10-12", "2025-W41", "2025-W41-WE",
    "2025-Q3", "2025-SU", "199" for the 1990s), or start/end units joined by "/" for a range of several units
    ("2009/2010", "2025-03/2025-05", "2025-10-10/2025-10-12")."""
    if gran == "week" and start.weekday() == 5 and (end - start).days == 1:
        return _unit_value(start, "week") + "-WE"
    a, b = _unit_value(start, gran), _unit_value(end, gran)
    if gran == "season":
        return a
    return a if a == b else f"{a}/{b}"


@dataclass
class TopicScore:
    code: str
    label: str
    score: float
    method: str = "keywords-v1"


@dataclass
class Quote:
    text: str
    speaker: str | None
    start: int
    end: int
    speaker_actor_id: str | None = None


@dataclass
class ArticleFacts:
    """An article with everything extracted from it."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    topics: list[TopicScore] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The `extract --json` contract (field names and shapes are stable)."""
        a = self.article
        return {
            "article": {
                "id": a.article_id,
                "url": a.url,
                "canonical_url": a.canonical_url,
                "title": a.title,
                "published_at": a.published_at.isoformat() if a.published_at else None,
                "published_source": a.published_source,
                "published_inferred": a.published_inferred,
                "authors": list(a.authors),
                "wire_agencies": a.wire_agencies,
                "site_name": a.site_name,
                "language": a.language,
                "dateline": {
                    "place": a.dateline.place,
                    "date": a.dateline.date.isoformat() if a.dateline.date else None,
                    "agency": a.dateline.agency,
                },
                "source_ref": a.source_ref,
                "content_hash": a.content_hash,
                "text": a.text,
            },
            "actors": [
                {
                    "id": x.actor_id,
                    "name": x.name,
                    "type": x.type,
                    "country": x.country,
                    "mentions": x.mentions,
                    "aliases": list(x.aliases),
                    "roles": list(x.roles),
                    "roles_written": list(x.roles_written),
                    "is_source": x.is_source,
                    "wikidata_qid": x.wikidata_qid,
                    "confidence": x.confidence,
                }
                for x in self.actors
            ],
            "dates": [
                {
                    "text": d.text,
                    "start": d.start.isoformat() if d.start else None,
                    "end": d.end.isoformat() if d.end else None,
                    "granularity": d.granularity,
                    "sentence": d.sentence,
                    "type": d.type,
                    "value": d.value,
                    "function": d.function or None,
                }
                for d in self.dates
            ],
            "topics": [{"code": t.code, "label": t.label, "score": round(t.score, 4)} for t in self.topics],
            "quotes": [{"speaker": q.speaker, "text": q.text} for q in self.quotes],
        }


def as_dict(obj: Any) -> dict[str, Any]:
    return asdict(obj)
