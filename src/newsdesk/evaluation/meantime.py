"""MEANTIME (English): actors and dates of our pipeline against hand-annotated gold, document by document.

Corpus: ``<corpora>/meantime_en/meantime_en_intradoc_flat.jsonl`` (120 Wikinews articles, see its ABOUT.md). Nothing
is copied; the corpus is read where it lies.

Actors (``meantime_actor_precision`` / ``_recall`` / ``_f1``)
-------------------------------------------------------------
* What runs: the real pipeline. Each document becomes an ``InputRecord`` (format ``jsonl-text``: the headline as
  title, the body lines as text, the document creation time as ``published``), then ``newsdesk.clean.clean`` and
  ``newsdesk.enrich.facts.enrich_batch``. The corpus text is tokenised (``Boeing 's``, ``( USAF )``, ```` `` ````);
  it is detokenised first (``detokenise``) because the pipeline reads prose. The date line (line 1, the document
  creation time) is metadata, not body text, and is left out.
* Gold entities: entity mentions typed PER, ORG or LOC (through REFERS_TO) at a named level (``NAM``, ``PRE.NAM``).
  Mentions collapse into one gold entity when they share a DBpedia link (``/page/`` and ``/resource/`` are the same
  link) or the same normalised instance descriptor (``TAG_DESCRIPTOR``). A gold entity's names are its instance
  descriptor (also without a trailing ``(...)`` or ``, ...`` qualifier: ``London, UK`` -> ``London``), the text of
  each of its named mentions and the title of its DBpedia page; all compared as ``normalise_name`` keys, with a
  leading "the" and a trailing possessive dropped.
  Coordinated mentions ("Boeing and Lockheed Martin") are left out; their members are entities of their own. A gold
  person is also named by its surname alone.
* Scope: MEANTIME annotates only the headline and the first four sentences (lines 0-5). Our actors count when they
  are of type person / organization / country / place and have a mention there (in the title, or a first mention
  before the end of the fourth body sentence). Groups (NORP that is not a nationality) are not counted. An actor
  whose names match only a named mention the annotators left untyped (e.g. some "US") is ignored, neither right nor
  wrong; an actor naming a product or financial entity (PRO, FIN: "MacBook", "Dow Jones") counts as wrong.
* Matching: an actor matches a gold entity when any of its names or aliases equals one of the entity's names.
  Matching is one-to-one (a maximum bipartite matching per document): an entity we split into two actors gives one
  true positive and one false positive, so splits cost precision. Types are not required to agree for a match (the
  share of matches whose types agree, PER=person, ORG=organization, LOC=country/place, is reported separately).
* precision = matched actors / our actors in scope; recall = matched gold entities / gold entities;
  F1 = 2PR/(P+R), all micro-averaged over the corpus.
* Per type (``meantime_actor_{per,org,loc}_f1``): the same matching restricted to one type on both sides (our
  person / organization / country+place against gold PER / ORG / LOC), so a name found with the wrong type counts
  once as a miss and once as a wrong actor. The baseline is the bare spaCy model on the same documents and scope
  (``bare_spacy_actors``: its PERSON, ORG and GPE/LOC/FAC entities, one per distinct text and label).
* Development and held-aside parts: a fixed third of the documents (``held_aside``: by a hash of the doc id) is kept
  aside. Rules are changed looking at the misses of the development part only (``--misses`` lists only those);
  the held-aside part's figures are printed, never its misses. Keys ending ``_dev`` / ``_held`` are the parts;
  keys without a suffix are the whole corpus.

Dates (``meantime_date_exact``)
-------------------------------
For every document: spaCy (``newsdesk.enrich.nlp.parse``) for DATE spans and sentences, then ``find_dates`` with
published = the DCT. Printed figures:

* found: share of gold DATE expressions that one of our mentions overlaps (character overlap);
* resolved exactly: share of gold DATE expressions overlapped by a mention with the gold granularity whose range lies
  inside the gold range (a day must be that day; "earlier this week" = Monday..publication day lies inside the gold
  week). Gold values are mapped to calendar ranges:
    YYYY-MM-DD[Txx] -> day (a time of day, e.g. 2008-01-09TMO, is dropped), DD-MM-YYYY (one DCT is written so) -> day,
    YYYY-MM and YYYY-MM-XX -> month, YYYY-Www -> ISO week (Monday..Sunday), YYYY-Www-WE -> that week's Saturday..Sunday
    (granularity week), YYYY-Qn -> quarter, YYYY-SP/SU/FA/WI -> meteorological season (winter Y = Dec Y..Feb Y+1),
    YYYY -> year, YYY (e.g. "197" for "70s") -> decade.
  Values that are not a calendar range are left out of the denominator and listed: PRESENT_REF / PAST_REF /
  FUTURE_REF, XXXX-XX-XX (unknown), durations typed DATE (P9D, PXD ...), fiscal years (FY2007).
* precision: share of our mentions that exactly match an overlapping gold TIMEX3 (DATE, or the date part of a TIME
  such as "Friday morning"). MEANTIME annotates only the headline, the date line and the first four sentences of
  each article (lines 0-5 of `text`), so only mentions there are scored; mentions overlapping only gold values that
  are not calendar ranges (durations, *_REF) are neither right nor wrong, and so are our own mentions that are not
  calendar intervals (durations, sets, PRESENT/PAST/FUTURE_REF: ``newsdesk.evaluation.timebank`` scores those).

Run: ``python -m newsdesk.evaluation.meantime [--corpora DIR] [--json-out FILE] [--misses]``
(``bench/dates_meantime.py`` prints the date report alone).
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from newsdesk.enrich.dates import find_dates
from newsdesk.record import Actor, DateMention, normalise_name

FLAT_FILE = "meantime_en_intradoc_flat.jsonl"


def corpus_file(corpora_dir: Path) -> Path:
    return Path(corpora_dir) / "meantime_en" / FLAT_FILE


@lru_cache(maxsize=2)
def _load(path: str) -> tuple[dict[str, Any], ...]:
    with open(path, encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


def load_docs(corpora_dir: Path) -> list[dict[str, Any]]:
    """The corpus' documents (one JSON object each), read once per process."""
    return list(_load(str(corpus_file(corpora_dir))))


# ---- dates --------------------------------------------------------------------------------------------------

ANNOTATED_LINES = 6  # headline, date line, first four sentences

_SEASONS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_DATELINE = re.compile(r"^\s*([A-Z][a-z]+)\s+([0-9]{1,2})\s*,\s*([0-9]{4})\s*$")


@dataclass(frozen=True)
class GoldRange:
    start: date
    end: date
    gran: str


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def gold_range(value: str) -> GoldRange | None:
    """Calendar range of a TIMEX3 value, or None when the value is not one (refs, durations, unknowns)."""
    v = value.strip()
    try:
        if m := re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T.*)?", v):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return GoldRange(d, d, "day")
        if m := re.fullmatch(r"([0-9]{2})-([0-9]{2})-([0-9]{4})", v):
            d = date(int(m[3]), int(m[2]), int(m[1]))
            return GoldRange(d, d, "day")
        if m := re.fullmatch(r"([0-9]{4})-([0-9]{2})(?:-XX)?", v):
            y, mo = int(m[1]), int(m[2])
            return GoldRange(date(y, mo, 1), _month_end(y, mo), "month")
        if m := re.fullmatch(r"([0-9]{4})-W([0-9]{2})(-WE)?", v):
            mon = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return GoldRange(mon + timedelta(days=5), mon + timedelta(days=6), "week")
            return GoldRange(mon, mon + timedelta(days=6), "week")
        if m := re.fullmatch(r"([0-9]{4})-Q([1-4])", v):
            y, q = int(m[1]), int(m[2])
            return GoldRange(date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter")
        if m := re.fullmatch(r"([0-9]{4})-(SP|SU|FA|WI)", v):
            y, s = int(m[1]), _SEASONS[m[2]]
            if s == 12:
                return GoldRange(date(y, 12, 1), _month_end(y + 1, 2), "season")
            return GoldRange(date(y, s, 1), _month_end(y, s + 2), "season")
        if m := re.fullmatch(r"([0-9]{4})", v):
            y = int(m[1])
            return GoldRange(date(y, 1, 1), date(y, 12, 31), "year")
        if m := re.fullmatch(r"([0-9]{3})X?", v):
            y = int(m[1]) * 10
            return GoldRange(date(y, 1, 1), date(y + 9, 12, 31), "decade")
    except ValueError:
        return None
    return None


def _excluded_kind(value: str) -> str:
    if value.endswith("_REF"):
        return value
    if value.startswith("P"):
        return "duration"
    if value.startswith("FY"):
        return "fiscal year"
    if "XXXX" in value:
        return "unknown (XXXX)"
    return "other"


def parse_dct(doc: dict[str, Any]) -> date | None:
    """The document creation time: ISO, or DD-MM-YYYY; when missing, the article's own date line (line 1)."""
    raw = doc.get("dct")
    if raw:
        g = gold_range(raw)
        if g and g.gran == "day":
            return g.start
    lines = doc["text"].split("\n")
    if len(lines) > 1 and (m := _DATELINE.match(lines[1])):
        months = {n: i for i, n in enumerate(calendar.month_name) if n}
        if m[1] in months:
            return date(int(m[3]), months[m[1]], int(m[2]))
    return None


def _matches(mention: DateMention, g: GoldRange) -> bool:
    if mention.start is None or mention.end is None:  # durations, sets and *_REF have no calendar interval
        return False
    return mention.granularity == g.gran and g.start <= mention.start and mention.end <= g.end


@dataclass
class DateScore:
    gold: int = 0
    found: int = 0
    exact: int = 0
    gold_body: int = 0  # without the CREATION_TIME date lines
    exact_body: int = 0
    found_body: int = 0
    mentions_scored: int = 0
    mentions_right: int = 0
    mentions_ignored: int = 0
    excluded: Counter[str] = field(default_factory=Counter)
    by_gran: Counter[tuple[str, bool]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    docs: int = 0
    docs_dct_from_text: int = 0
    docs_skipped: int = 0
    seconds: float = 0.0

    def figures(self) -> dict[str, float]:
        return {
            "found": self.found / max(1, self.gold),
            "exact": self.exact / max(1, self.gold),
            "exact_body": self.exact_body / max(1, self.gold_body),
            "precision": self.mentions_right / max(1, self.mentions_scored),
        }


def _mention_str(m: DateMention) -> str:
    return f"{m.text!r}->{m.start}..{m.end}/{m.granularity}"


def measure_dates(corpora_dir: Path, use_spacy: bool = True) -> DateScore:
    """Run spaCy + find_dates on every MEANTIME document and score against the gold TIMEX3 DATE values."""
    docs = load_docs(corpora_dir)
    parsed: list[Any] = [None] * len(docs)
    if use_spacy:
        from newsdesk.enrich.nlp import parse

        parsed = list(parse([d["text"] for d in docs]))
    # warm-up outside the timing: the first dateparser call loads its language data (~0.1-0.2 s, once per process)
    find_dates("It was 2025/10/12 then.", date(2025, 10, 12), [(7, 17)])
    score = DateScore()
    for doc, sp in zip(docs, parsed):
        pub = parse_dct(doc)
        if pub is None:
            score.docs_skipped += 1
            continue
        score.docs += 1
        if not doc.get("dct") or gold_range(doc["dct"]) is None:
            score.docs_dct_from_text += 1
        text: str = doc["text"]
        spans = sents = None
        if sp is not None:
            spans = [(e.start_char, e.end_char) for e in sp.ents if e.label_ == "DATE"]
            sents = [(s.start_char, s.end_char) for s in sp.sents]
        t0 = time.perf_counter()
        mentions = find_dates(text, pub, spans, sents)
        score.seconds += time.perf_counter() - t0

        timexes = [(t, gold_range(t["value"])) for t in doc["timex3"]]
        for t, g in timexes:
            if t["type"] != "DATE":
                continue
            if g is None:
                score.excluded[_excluded_kind(t["value"])] += 1
                continue
            over = [m for m in mentions if m.offset < t["end"] and t["start"] < m.offset + len(m.text)]
            ok = any(_matches(m, g) for m in over)
            body = t.get("function") != "CREATION_TIME"
            score.gold += 1
            score.found += bool(over)
            score.exact += ok
            score.gold_body += body
            score.found_body += body and bool(over)
            score.exact_body += body and ok
            score.by_gran[(g.gran, ok)] += 1
            if not ok:
                got = ", ".join(_mention_str(m) for m in over) or "nothing"
                score.misses.append(f"{doc['doc_id']} pub={pub} gold {t['text']!r}={t['value']} got {got}")

        lines = text.split("\n")
        annotated_end = sum(len(x) + 1 for x in lines[:ANNOTATED_LINES])
        for m in mentions:
            if m.offset >= annotated_end or m.start is None:
                continue  # (durations, sets and *_REF have no calendar interval: not scored here, see timebank.py)
            near = [(t, g) for t, g in timexes if t["start"] < m.offset + len(m.text) and m.offset < t["end"]]
            if any(g is not None and _matches(m, g) for _, g in near):
                score.mentions_scored += 1
                score.mentions_right += 1
            elif near and all(g is None for _, g in near):
                score.mentions_ignored += 1
            else:
                score.mentions_scored += 1
                gold = ", ".join(f"{t['text']!r}={t['value']}" for t, _ in near) or "no gold"
                score.wrong.append(f"{doc['doc_id']} pub={pub} ours {_mention_str(m)} vs {gold}")
    return score


def report_dates(score: DateScore, label: str) -> str:
    f = score.figures()
    out = [
        f"== {label}",
        (
            f"documents: {score.docs} (DCT read from the date line: {score.docs_dct_from_text};"
            f" skipped: {score.docs_skipped})"
        ),
        f"gold DATE expressions with a calendar value: {score.gold} "
        f"(left out, not calendar ranges: {sum(score.excluded.values())} = "
        + ", ".join(f"{k} {v}" for k, v in score.excluded.most_common())
        + ")",
        f"found (span overlap):          {score.found}/{score.gold} = {f['found']:.3f}",
        f"resolved exactly:              {score.exact}/{score.gold} = {f['exact']:.3f}",
        f"  without the date lines (DCT): {score.exact_body}/{score.gold_body} = {f['exact_body']:.3f}",
        "  by gold granularity: "
        + ", ".join(
            f"{g} {score.by_gran[(g, True)]}/{score.by_gran[(g, True)] + score.by_gran[(g, False)]}"
            for g in ("day", "week", "month", "quarter", "season", "year", "decade")
            if score.by_gran[(g, True)] + score.by_gran[(g, False)]
        ),
        (
            f"precision (annotated lines):   {score.mentions_right}/{score.mentions_scored} = {f['precision']:.3f}"
            f" (ignored, overlapping only non-calendar gold: {score.mentions_ignored})"
        ),
        (
            f"find_dates time: {score.seconds * 1000:.1f} ms for {score.docs} documents "
            f"({score.seconds * 1000 / max(1, score.docs):.2f} ms/doc, spaCy excluded)"
        ),
    ]
    return "\n".join(out)




# ---- actors -------------------------------------------------------------------------------------------------

GOLD_TYPES = {"PER": "person", "ORG": "organization", "LOC": "place"}
NAMED_LEVELS = {"NAM", "PRE.NAM"}
ACTOR_TYPES = {"person", "organization", "country", "place"}
TYPES_AGREE = {"PER": {"person"}, "ORG": {"organization"}, "LOC": {"country", "place"}}
BODY_LINES_ANNOTATED = 4  # after the headline and the date line, the first four sentences carry gold entities

_DETOK: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"``\s*"), '"'),                                     # `` opens a quotation
    (re.compile(r"\s*''"), '"'),                                     # '' closes it
    (re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", re.I), r"\1"),   # clitics
    (re.compile(r"(\w)\s+'(?=\s|$)"), r"\1'"),                       # plural possessive "Jobs '"
    (re.compile(r"\b([A-Z])'\s+(?=[A-Z])"), r"\1'"),                 # O' Leary -> O'Leary
    (re.compile(r"\s+([,.;:!?%)\]}])"), r"\1"),                      # no space before closing punctuation
    (re.compile(r"([(\[{$#])\s+"), r"\1"),                           # nor after opening punctuation / currency
]


def detokenise(line: str) -> str:
    """Tokenised corpus text back to prose ("Boeing 's ( USAF ) $ 40" -> "Boeing's (USAF) $40")."""
    s = line
    for pat, rep in _DETOK:
        s = pat.sub(rep, s)
    return " ".join(s.split())


def name_key(name: str) -> str:
    """A comparison key: normalise_name without a leading article or a trailing possessive."""
    k = normalise_name(name)
    k = re.sub(r"^(?:the|a|an) ", "", k)
    k = re.sub(r" s$", "", k) if re.search(r"['’]s?$", name.strip()) else k
    return k


@dataclass
class GoldEntity:
    label: str               # the instance descriptor (or first mention) for reports
    type: str                # PER | ORG | LOC
    names: set[str]          # name keys


def _dbpedia_key(link: str | None) -> str | None:
    if not link or not link.strip():
        return None
    tail = link.strip().rstrip("/").rsplit("/", 1)[-1]
    return unquote(tail).replace("_", " ").strip() or None


def _variants(text: str) -> set[str]:
    """A descriptor and its shorter forms: without a "(...)" part, and before a ", qualifier"."""
    out = {text}
    bare = re.sub(r"\s*\([^)]*\)", " ", text)
    out.add(bare)
    out.add(bare.split(",")[0])
    return {k for k in (name_key(x) for x in out) if k}


def _is_conjunction(m: dict[str, Any], named: list[dict[str, Any]]) -> bool:
    """A mention such as "Boeing and Lockheed Martin" (two or more other named mentions inside its span)."""
    inside = [o for o in named if o is not m and m["start"] <= o["start"] and o["end"] <= m["end"]
              and (o["start"], o["end"]) != (m["start"], m["end"])]
    return len(inside) >= 2 and bool(re.search(r"\band\b|&", m["text"]))


def untyped_names(doc: dict[str, Any]) -> set[str]:
    """Names of named mentions the annotators left without an entity type (their annotation is incomplete)."""
    return {k for m in doc["entity_mentions"] if m.get("syntactic_type") in NAMED_LEVELS and not m.get("ent_type")
            for k in _variants(detokenise(m["text"]))}


def gold_entities(doc: dict[str, Any]) -> list[GoldEntity]:
    """Named PER/ORG/LOC mentions collapsed into entities (shared DBpedia link or shared instance descriptor).

    Coordinations ("Boeing and Lockheed Martin", annotated as one named mention of a group) are left out: their
    members are entities of their own."""
    named = [m for m in doc["entity_mentions"] if m.get("syntactic_type") in NAMED_LEVELS]
    mentions = [m for m in named if m.get("ent_type") in GOLD_TYPES and not _is_conjunction(m, named)]
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, m in enumerate(mentions):
        keys = []
        if (db := _dbpedia_key(m.get("dbpedia"))) is not None:
            keys.append("db:" + db.lower())
        if m.get("instance") and name_key(m["instance"]):
            keys.append("inst:" + name_key(m["instance"]))
        else:
            keys.append("text:" + name_key(m["text"]))
        for k in keys:
            if k in first:
                parent[find(i)] = find(first[k])
            else:
                first[k] = i
    groups: dict[int, list[dict[str, Any]]] = {}
    for i, m in enumerate(mentions):
        groups.setdefault(find(i), []).append(m)
    out = []
    for ms in groups.values():
        names: set[str] = set()
        for m in ms:
            names |= _variants(detokenise(m["text"]))
            if m.get("instance"):
                names |= _variants(m["instance"])
            if (db := _dbpedia_key(m.get("dbpedia"))) is not None:
                names |= _variants(db)
        type_ = Counter(m["ent_type"] for m in ms).most_common(1)[0][0]
        if type_ == "PER":  # a person is also named by surname alone ("Jobs" for Steve Jobs)
            full = [m["instance"] for m in ms if m.get("instance")] or [ms[0]["text"]]
            names |= {k.split()[-1] for k in _variants(full[0]) if len(k.split()) > 1}
        label = next((m["instance"].strip() for m in ms if m.get("instance")), ms[0]["text"])
        out.append(GoldEntity(label, type_, names))
    return out


def actor_names(actor: Actor) -> set[str]:
    return {k for k in (name_key(x) for x in [actor.name, *actor.aliases]) if k}


def _max_matching(edges: dict[int, list[int]]) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths): left index -> right index."""
    match_r: dict[int, int] = {}

    def augment(u: int, seen: set[int]) -> bool:
        for v in edges.get(u, []):
            if v in seen:
                continue
            seen.add(v)
            if v not in match_r or augment(match_r[v], seen):
                match_r[v] = u
                return True
        return False

    for u in edges:
        augment(u, set())
    return {u: v for v, u in match_r.items()}


def held_aside(doc_id: str) -> bool:
    """The documents kept aside while rules are changed (about a third, fixed by a hash of the doc id)."""
    import hashlib

    return int(hashlib.sha256(f"meantime:{doc_id}".encode()).hexdigest(), 16) % 3 == 0


PARTS = ("dev", "held")
PER_TYPE = {"PER": "per", "ORG": "org", "LOC": "loc"}


@dataclass
class TypeCounts:
    """One type's one-to-one matching, type-strict on both sides."""

    gold: Counter[str] = field(default_factory=Counter)
    ours: Counter[str] = field(default_factory=Counter)
    matched: Counter[str] = field(default_factory=Counter)

    def f1(self, t: str) -> dict[str, float]:
        p = self.matched[t] / max(1, self.ours[t])
        r = self.matched[t] / max(1, self.gold[t])
        return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


@dataclass
class ActorScore:
    docs: int = 0
    gold: int = 0
    ours: int = 0
    matched: int = 0
    ignored: int = 0
    type_agree: int = 0
    by_gold_type: Counter[tuple[str, bool]] = field(default_factory=Counter)
    by_our_type: Counter[tuple[str, bool]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    per_type: TypeCounts = field(default_factory=TypeCounts)
    parts: dict[str, "ActorScore"] = field(default_factory=dict)  # dev / held, same fields (no misses for held)
    baseline: "ActorScore | None" = None  # the bare spaCy model, same documents and scope

    def figures(self) -> dict[str, float]:
        p = self.matched / max(1, self.ours)
        r = self.matched / max(1, self.gold)
        return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                "type_agreement": self.type_agree / max(1, self.matched)}


def _has_date_line(doc: dict[str, Any], lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    line1_start = len(lines[0]) + 1
    line1_end = line1_start + len(lines[1])
    if any(t.get("function") == "CREATION_TIME" and line1_start <= t["start"] < line1_end for t in doc["timex3"]):
        return True
    return bool(_DATELINE.match(lines[1]))


def to_input(doc: dict[str, Any]) -> tuple[Any, int]:
    """The document as the loader would read a JSONL line ({"title", "text", "published", "url"}), plus how many
    of its body lines carry gold annotation."""
    from newsdesk.sources.files import InputRecord

    lines = doc["text"].split("\n")
    date_line = _has_date_line(doc, lines)
    body = lines[2:] if date_line else lines[1:]
    n_annotated = BODY_LINES_ANNOTATED if date_line else BODY_LINES_ANNOTATED + 1
    dct = parse_dct(doc)
    rec = InputRecord(
        source_ref=f"meantime:{doc['doc_id']}", format="jsonl-text", title=detokenise(doc.get("title") or lines[0]),
        text="\n".join(detokenise(x) for x in body), url=doc.get("url"),
        published=dct.isoformat() if dct else None,
    )
    return rec, n_annotated


def _annotated_end(text: str, body_lines: list[str], n: int) -> int:
    """Character offset in the cleaned text where the annotated body lines end."""
    kept = [x for x in body_lines if x.strip()][:n]
    if not kept:
        return 0
    at = text.find(kept[-1].strip())
    if at >= 0:
        return at + len(kept[-1].strip())
    return sum(len(x) + 1 for x in text.split("\n")[:n])


ORG_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}


def bare_spacy_actors(doc: Any, title_doc: Any) -> list[Actor]:
    """The bare model's entities as actors: PERSON, ORG and GPE/LOC/FAC spans, one per distinct text and label (the
    first mention's offset kept), those of the title marked in_title. No rules, no alias table."""
    out: dict[tuple[str, str], Actor] = {}
    for d, in_title in ((title_doc, True), (doc, False)):
        for e in d.ents:
            t = ORG_LABELS.get(e.label_)
            if t is None or not name_key(e.text):
                continue
            key = (t, name_key(e.text))
            a = out.get(key)
            if a is None:
                out[key] = Actor(name=e.text, type=t, first_offset=10**9 if in_title else e.start_char,  # type: ignore[arg-type]
                                 in_title=in_title)
            elif in_title:
                a.in_title = True
            else:
                a.first_offset = min(a.first_offset, e.start_char)
    return list(out.values())


def _score_doc(score: ActorScore, doc: dict[str, Any], gold: list[GoldEntity], ours: list[Actor],
               misses: bool) -> None:
    """Add one document's matching (overall and per type) to `score`."""
    names = [actor_names(a) for a in ours]
    # an actor that names only a mention the annotators left untyped is neither right nor wrong
    untyped = untyped_names(doc)
    keep = [i for i, n in enumerate(names) if not (n & untyped) or any(n & g.names for g in gold)]
    score.ignored += len(ours) - len(keep)
    ours, names = [ours[i] for i in keep], [names[i] for i in keep]
    edges = {i: [j for j, g in enumerate(gold) if names[i] & g.names] for i in range(len(ours))}
    match = _max_matching({i: js for i, js in edges.items() if js})
    score.docs += 1
    score.gold += len(gold)
    score.ours += len(ours)
    score.matched += len(match)
    hit_gold = set(match.values())
    for i, j in match.items():
        score.type_agree += ours[i].type in TYPES_AGREE[gold[j].type]
    for gt in PER_TYPE:
        gi = [j for j, g in enumerate(gold) if g.type == gt]
        oi = [i for i, a in enumerate(ours) if a.type in TYPES_AGREE[gt]]
        typed = _max_matching({i: [j for j in edges[i] if j in gi] for i in oi if any(j in gi for j in edges[i])})
        score.per_type.gold[gt] += len(gi)
        score.per_type.ours[gt] += len(oi)
        score.per_type.matched[gt] += len(typed)
    for j, g in enumerate(gold):
        score.by_gold_type[(g.type, j in hit_gold)] += 1
        if j not in hit_gold and misses:
            score.misses.append(f"{doc['doc_id']} {g.type} {g.label!r}")
    for i, a in enumerate(ours):
        score.by_our_type[(a.type, i in match)] += 1
        if i not in match and misses:
            if edges[i]:
                taken = {j: k for k, j in match.items()}
                why = "duplicate of " + "; ".join(
                    f"{gold[j].label!r} taken by {ours[taken[j]].name!r}" for j in edges[i] if j in taken)
            else:
                why = "no gold entity"
            score.wrong.append(f"{doc['doc_id']} {a.type} {a.name!r} aliases={a.aliases} ({why})")
        elif i in match and misses and a.type not in TYPES_AGREE[gold[match[i]].type]:
            score.wrong.append(f"{doc['doc_id']} {a.type} {a.name!r} (type: gold {gold[match[i]].type})")


def measure_actors(corpora_dir: Path, misses: bool = True, baseline: bool = True) -> ActorScore:
    """Run clean + enrich_batch on every document and score its canonical actors against the gold entities; the
    bare spaCy model is scored on the same documents (``score.baseline``), and both per part (``score.parts``).
    Misses are collected for the development part only: the held-aside part's are never listed."""
    from newsdesk.clean import clean
    from newsdesk.enrich.facts import enrich_batch

    score = ActorScore(parts={p: ActorScore() for p in PARTS})
    base = ActorScore(parts={p: ActorScore() for p in PARTS})
    docs = load_docs(corpora_dir)
    t0 = time.perf_counter()
    prepared = []
    for doc in docs:
        rec, n_annotated = to_input(doc)
        art = clean(rec)
        prepared.append((doc, rec, art, n_annotated))
    score.seconds["clean"] += time.perf_counter() - t0
    t0 = time.perf_counter()
    facts = enrich_batch([p[2] for p in prepared], batch_size=32)
    score.seconds["enrich"] += time.perf_counter() - t0
    bare: list[list[Actor]] = [[] for _ in prepared]
    if baseline:
        from newsdesk.enrich.nlp import parse

        t0 = time.perf_counter()
        bodies = list(parse([p[2].text for p in prepared], batch_size=32))
        titles = list(parse([p[2].title for p in prepared], batch_size=32))
        bare = [bare_spacy_actors(b, t) for b, t in zip(bodies, titles)]
        base.seconds["spacy"] += time.perf_counter() - t0
    t0 = time.perf_counter()
    for (doc, rec, art, n_annotated), f, sp in zip(prepared, facts, bare):
        gold = gold_entities(doc)
        end = _annotated_end(art.text, (rec.text or "").split("\n"), n_annotated)
        part = "held" if held_aside(doc["doc_id"]) else "dev"
        ours = [a for a in f.actors if a.type in ACTOR_TYPES and (a.in_title or a.first_offset < end)]
        _score_doc(score, doc, gold, ours, False)
        _score_doc(score.parts[part], doc, gold, ours, misses and part == "dev")
        if baseline:
            theirs = [a for a in sp if a.in_title or a.first_offset < end]
            _score_doc(base, doc, gold, theirs, False)
            _score_doc(base.parts[part], doc, gold, theirs, False)
    score.misses, score.wrong = score.parts["dev"].misses, score.parts["dev"].wrong
    score.baseline = base if baseline else None
    score.seconds["score"] += time.perf_counter() - t0
    return score


def report_actors(score: ActorScore) -> str:
    f = score.figures()

    def split(c: Counter[tuple[str, bool]], keys: tuple[str, ...]) -> str:
        return ", ".join(f"{k} {c[(k, True)]}/{c[(k, True)] + c[(k, False)]}" for k in keys
                         if c[(k, True)] + c[(k, False)])

    return "\n".join([
        "== actors: our canonical actors vs MEANTIME named PER/ORG/LOC entities (headline + first 4 sentences)",
        f"documents: {score.docs}; gold entities: {score.gold}; our actors in scope: {score.ours}; "
        f"matched one-to-one: {score.matched}; ignored (naming only untyped gold mentions): {score.ignored}",
        f"precision: {f['precision']:.3f}  recall: {f['recall']:.3f}  F1: {f['f1']:.3f}  "
        f"(types agree on {f['type_agreement']:.3f} of matches)",
        "  recall by gold type: " + split(score.by_gold_type, ("PER", "ORG", "LOC")),
        "  precision by our type: " + split(score.by_our_type, ("person", "organization", "country", "place")),
        *_part_lines(score),
        "time: " + ", ".join(f"{k} {v:.1f}s" for k, v in score.seconds.items()),
    ])


def _part_lines(score: ActorScore) -> list[str]:
    out = []
    for label, s in [("all", score), *score.parts.items()]:
        f = s.figures()
        b = score.baseline if label == "all" else (score.baseline.parts.get(label) if score.baseline else None)
        fb = b.figures() if b is not None else None
        line = (f"  {label:<4} ({s.docs} docs): P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f}"
                + (f"  | bare spaCy P {fb['precision']:.3f} R {fb['recall']:.3f} F1 {fb['f1']:.3f}" if fb else ""))
        out.append(line)
        types = []
        for gt, short in PER_TYPE.items():
            x = s.per_type.f1(gt)
            y = b.per_type.f1(gt)["f1"] if b is not None else None
            types.append(f"{short} F1 {x['f1']:.3f}" + (f" (spaCy {y:.3f})" if y is not None else ""))
        out.append("        per type: " + ", ".join(types))
    return out


# ---- the report -----------------------------------------------------------------------------------------------

def figures(actors: ActorScore, dates: DateScore, seconds: float) -> dict[str, Any]:
    """The report's keys (the quality report and the CI floors read them)."""
    fa, fd = actors.figures(), dates.figures()
    return {
        "meantime_actor_f1": round(fa["f1"], 4),
        "meantime_actor_precision": round(fa["precision"], 4),
        "meantime_actor_recall": round(fa["recall"], 4),
        "meantime_actor_type_agreement": round(fa["type_agreement"], 4),
        "meantime_actor_counts": {"docs": actors.docs, "gold": actors.gold, "ours": actors.ours,
                                  "matched": actors.matched, "ignored": actors.ignored},
        **actor_part_figures(actors),
        "meantime_date_exact": round(fd["exact"], 4),
        "meantime_date_exact_body": round(fd["exact_body"], 4),
        "meantime_date_found": round(fd["found"], 4),
        "meantime_date_precision": round(fd["precision"], 4),
        "meantime_date_counts": {"docs": dates.docs, "gold": dates.gold, "exact": dates.exact},
        "seconds": round(seconds, 2),
        "seconds_by_stage": {**{f"actors_{k}": round(v, 2) for k, v in actors.seconds.items()},
                             "dates_find_dates": round(dates.seconds, 2)},
    }


def actor_part_figures(actors: ActorScore) -> dict[str, Any]:
    """Per part (dev / held) and per type (per / org / loc) figures, and the bare spaCy model's beside them
    (``..._baseline``)."""
    out: dict[str, Any] = {}
    for suffix, s, b in [("", actors, actors.baseline),
                         *((f"_{p}", actors.parts[p], actors.baseline.parts[p] if actors.baseline else None)
                           for p in actors.parts)]:
        if suffix:
            f = s.figures()
            for k in ("f1", "precision", "recall"):
                out[f"meantime_actor_{k}{suffix}"] = round(f[k], 4)
                if b is not None:
                    out[f"meantime_actor_{k}{suffix}_baseline"] = round(b.figures()[k], 4)
            out[f"meantime_actor_docs{suffix}"] = s.docs
        elif b is not None:
            for k in ("f1", "precision", "recall"):
                out[f"meantime_actor_{k}_baseline"] = round(b.figures()[k], 4)
        for gt, short in PER_TYPE.items():
            out[f"meantime_actor_{short}_f1{suffix}"] = round(s.per_type.f1(gt)["f1"], 4)
            out[f"meantime_actor_{short}_n{suffix}"] = s.per_type.gold[gt]
            if b is not None:
                out[f"meantime_actor_{short}_f1{suffix}_baseline"] = round(b.per_type.f1(gt)["f1"], 4)
    return out


def evaluate(corpora_dir: Path) -> dict[str, Any]:
    """Both MEANTIME figures from one run of the real pipeline code over the corpus."""
    t0 = time.perf_counter()
    actors = measure_actors(Path(corpora_dir), misses=False)
    dates = measure_dates(Path(corpora_dir), use_spacy=True)
    return figures(actors, dates, time.perf_counter() - t0)


def main(argv: list[str] | None = None) -> int:
    from newsdesk.settings import load_settings

    ap = argparse.ArgumentParser(description="MEANTIME actor and date figures of the pipeline.")
    ap.add_argument("--corpora", type=Path, help="the corpora folder (default: $NEWSDESK_CORPORA or ../shared/corpora)")
    ap.add_argument("--json-out", type=Path, help="also write the figures as JSON to this file")
    ap.add_argument("--misses", action="store_true", help="list gold entities we miss and actors that match none")
    args = ap.parse_args(argv)
    corpora = args.corpora or load_settings().corpora_dir
    if not corpus_file(corpora).exists():
        print(f"MEANTIME not found under {corpora} (set NEWSDESK_CORPORA)", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    actors = measure_actors(corpora, misses=args.misses)
    dates = measure_dates(corpora, use_spacy=True)
    out = figures(actors, dates, time.perf_counter() - t0)
    print(report_actors(actors))
    print(report_dates(dates, "dates: rules + spaCy DATE spans (the pipeline)"))
    print(json.dumps({k: v for k, v in out.items() if not isinstance(v, dict)}))
    if args.json_out:
        args.json_out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    if args.misses:
        print("\n-- gold entities missed (development part only; the held-aside part's are never listed):\n"
              + "\n".join(actors.misses))
        print("\n-- our actors matching no gold entity, or with the wrong type (development part only):\n"
              + "\n".join(actors.wrong))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
