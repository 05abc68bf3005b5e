"""Publication dates: parsing the many ways pages write them, and picking the publication time."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from newsdesk import lang
from newsdesk.metadata.meta_tags import mkey
from newsdesk.metadata.text import _text


# --------------------------------------------------------------------------------------------- dates

_NUM_DATE = re.compile(
    r"^(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})(?:[,\s]+(?:um\s+)?(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2}))?)?"
)
_JAVA_DATE = re.compile(r"^[A-Za-z]{3}\s+(?P<mon>[A-Za-z]{3})\s+(?P<d>\d{1,2})\s+(?P<H>\d{2}):(?P<M>\d{2}):(?P<S>\d{2})"
                        r"\s+(?P<tz>[A-Z]{2,5})?\s*(?P<y>\d{4})$")
# Java's Date.toString() month: the three-letter English forms of lang/en/months.tsv ("oct" -> 10)
_MON = {w: int(n) for w, n, _form in lang.get("en").rows("months.tsv") if len(w) == 3}
_TZ_ABBR = {"": None, "UTC": timezone.utc, "GMT": timezone.utc, "Z": timezone.utc,
            "CET": timezone(timedelta(hours=1)), "CEST": timezone(timedelta(hours=2)),
            "MEZ": timezone(timedelta(hours=1)), "MESZ": timezone(timedelta(hours=2)),
            "BST": timezone(timedelta(hours=1)), "EET": timezone(timedelta(hours=2)),
            "EEST": timezone(timedelta(hours=3)), "EST": timezone(timedelta(hours=-5)),
            "EDT": timezone(timedelta(hours=-4)), "PST": timezone(timedelta(hours=-8)),
            "PDT": timezone(timedelta(hours=-7)), "JST": timezone(timedelta(hours=9)),
            "KST": timezone(timedelta(hours=9))}
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z|[+-]\d{2}:?\d{2})?$")


def parse_datetime(value: Any) -> datetime | date | None:
    """A publication timestamp as written in metadata: aware datetime when it carries an offset, naive datetime
    when it has a time but no offset, ``date`` when it has no time of day; None when it cannot be read."""
    if value is None:
        return None
    if isinstance(value, (int, float)) or (isinstance(value, str) and re.fullmatch(r"\d{10}(\d{3})?", value.strip())):
        try:
            ts = float(value)
            ts = ts / 1000 if ts > 1e11 else ts
            return datetime.fromtimestamp(ts, tz=timezone.utc)
        except (OverflowError, ValueError, OSError):
            return None
    v = _text(value)
    if not v or len(v) > 80:
        return None
    iso = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$", v)
    if iso:
        y, mo, d, rest = int(iso[1]), int(iso[2]), int(iso[3]), iso[4].strip()
        try:
            day = date(y, mo, d)
        except ValueError:
            return None
        if not rest:
            return day
        rest = rest.lstrip("Tt ").replace(" ", "")
        m = re.match(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?",
                     rest, re.I)
        if not m:
            return day
        hh, mi, ss = int(m[1]), int(m[2]), int(m[3] or 0)
        frac = int((m[4] or "0")[:6].ljust(6, "0"))
        tz = _tz(m[5])
        try:
            return datetime(y, mo, d, hh, mi, ss, frac, tzinfo=tz)
        except ValueError:
            return day
    m = _COMPACT.match(v)
    if m:
        try:
            if m[4]:
                return datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6] or 0), tzinfo=_tz(m[7]))
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    m = _NUM_DATE.match(v)
    if m:
        try:
            if m["H"]:
                return datetime(int(m["y"]), int(m["m"]), int(m["d"]), int(m["H"]), int(m["M"]), int(m["S"] or 0))
            return date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
    m = _JAVA_DATE.match(v)  # "Fri Apr 28 19:20:36 CEST 2023"
    if m and m["mon"].lower() in _MON and (m["tz"] or "").upper() in _TZ_ABBR:
        try:
            tz = _TZ_ABBR[(m["tz"] or "").upper()]
            return datetime(int(m["y"]), _MON[m["mon"].lower()], int(m["d"]), int(m["H"]), int(m["M"]), int(m["S"]),
                            tzinfo=tz)
        except ValueError:
            return None
    if re.match(r"^[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", v):
        try:
            return parsedate_to_datetime(v)
        except (TypeError, ValueError, IndexError):
            return None
    return None


def _tz(text: str | None) -> timezone | None:
    if not text:
        return None
    t = text.upper()
    if t in ("Z", "UTC", "GMT"):
        return timezone.utc
    m = re.match(r"^([+-])(\d{1,2}):?(\d{2})?$", t)
    if not m:
        return None
    delta = timedelta(hours=int(m[2]), minutes=int(m[3] or 0))
    if delta > timedelta(hours=14):
        return None
    return timezone(-delta if m[1] == "-" else delta)


def _instant(d: datetime | date) -> datetime:
    """A sortable instant: aware as is, naive and dates read as UTC (a date at the start of its day)."""
    if isinstance(d, datetime):
        return d if d.tzinfo else d.replace(tzinfo=timezone.utc)
    return datetime(d.year, d.month, d.day, tzinfo=timezone.utc)


# explicit publication times (tier 1) and generic dates that usually mean the same (tier 2); never "modified"
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "published_time",
    "article:published", "article.published", "datepublished", "pubdate", "publishdate", "publish-date",
    "publish_date", "publication_date", "publicationdate", "published_at", "published", "publisheddate",
    "content:publishdate", "dc.date.issued", "dcterms.issued", "sailthru.date", "parsely-pub-date",
    "cxenseparse:recs:publishtime", "cxenseparse:publishtime", "cxenseparse:recs:published_time",
    "prism.publicationdate", "citation_publication_date", "article:original_published_time",
    "originalpublicationdate", "og:pubdate", "firstpublished", "first_published",
)
DATE_META = ("date", "dc.date", "dcterms.date", "date.available", "date.created", "datecreated", "dc.date.created",
             "dcterms.created", "citation_date", "displaydate", "pdate")


def _published_candidates(arts: list[dict[str, Any]], pages: list[dict[str, Any]], meta: dict[str, list[str]],
                          tree: Any) -> list[tuple[int, str, datetime | date]]:
    """(tier, source, value): tier 1 = stated publication times, tier 2 = creation / generic dates."""
    out: list[tuple[int, str, datetime | date]] = []
    for src, objs in (("json-ld", arts[:1]), ("json-ld-page", [] if arts else pages[:1])):
        for o in objs:
            for k, tier in (("datePublished", 1), ("dateCreated", 2)):
                vals = o.get(k) if isinstance(o.get(k), list) else [o.get(k)]
                for v in vals[:3]:
                    d = parse_datetime(v)
                    if d is not None:
                        out.append((tier, f"{src}:{k}", d))
    for keys, tier in ((PUBLISHED_META, 1), (DATE_META, 2)):
        for k in keys:
            for v in meta.get(mkey(k), [])[:1]:
                d = parse_datetime(v)
                if d is not None:
                    out.append((tier, f"meta:{k}", d))
    # <time> elements and microdata marked as the publication time
    for el in tree.xpath('//*[@itemprop="datePublished"][not(self::meta)] | //time[@pubdate]')[:3]:
        d = parse_datetime(el.get("datetime") or el.get("content") or el.text_content())
        if d is not None:
            out.append((1, "time", d))
    if not out:  # <time class="published"> and the like: the first one only (later ones belong to teasers)
        for el in tree.xpath('//time[@datetime][contains(@class,"publish") or contains(@class,"entry-date") or '
                             'contains(@class,"pubdate")]')[:1]:
            d = parse_datetime(el.get("datetime"))
            if d is not None:
                out.append((3, "time-class", d))
    return out


def _plausible(d: datetime | date, now: datetime) -> bool:
    inst = _instant(d)
    return datetime(1995, 1, 1, tzinfo=timezone.utc) <= inst <= now + timedelta(days=2)


def pick_published(cands: list[tuple[int, str, datetime | date]],
                   now: datetime | None = None) -> tuple[datetime | date | None, str | None]:
    """The earliest plausible candidate of the best tier; a date-only value gives way to a datetime of that day."""
    now = now or datetime.now(timezone.utc)
    ok = [(t, s, d) for t, s, d in cands if _plausible(d, now)]
    if not ok:
        return None, None
    tier = min(t for t, _, _ in ok)
    ok = [(s, d) for t, s, d in ok if t == tier]
    src, best = min(ok, key=lambda sd: (_instant(sd[1]), isinstance(sd[1], datetime) is False))
    if not isinstance(best, datetime):
        same = [(s, d) for s, d in ok if isinstance(d, datetime) and _local_date(d) == best]
        if same:
            src, best = min(same, key=lambda sd: _instant(sd[1]))
    return best, src


def _local_date(d: datetime | date) -> date:
    return d.date() if isinstance(d, datetime) else d
