"""Article metadata from an HTML page: title, publication date, authors, site name, language.

Generic sources only (no per-publisher rules), strongest first:

* JSON-LD (``<script type="application/ld+json">``): objects of an article type (NewsArticle, Article,
  ReportageNewsArticle, BlogPosting, LiveBlogPosting, ...), found in lists, ``@graph`` and ``mainEntity``;
  ``headline``, ``datePublished`` / ``dateCreated``, ``author`` (Person names; ``@id`` references resolved in the
  graph; Organizations dropped), ``publisher.name``;
* OpenGraph and other meta tags (``og:title``, ``og:site_name``, ``article:published_time``, ``pubdate``, ``date``,
  ``dc.*``, ``parsely-*``, ``sailthru.*``, ``cxenseparse:*``, ``author``, ``article:author``, ...), microdata
  (``itemprop``);
* the page itself: ``<h1>``, ``<title>``, ``<time>`` elements and bylines (``rel=author``, ``itemprop=author``,
  elements whose class names say byline/author).

Rules:

* **title**: the publisher's declared headline: the first of JSON-LD headline, og:title, the page's first
  ``<h1>``, twitter:title, other meta titles, ``<title>``. Every candidate is first cleaned of site-name prefixes
  and suffixes (a segment after/before a separator such as `` | ``, `` - ``, `` – ``, `` — ``, `` :: ``, `` · ``,
  ``｜`` or ``：`` that names the site: og:site_name, the JSON-LD publisher, application-name, the host name, or
  a "by <author>" / date segment), and a candidate that another candidate extends by such a segment is cut to it.
  (Measured on the fundus corpus, a vote between the sources did worse than this fixed order: publishers give
  different headlines to search engines, social cards and the page, and no source is right everywhere.)
* **published**: the earliest of the stated publication times of the article (JSON-LD ``datePublished`` of the
  article object, publication meta tags such as ``article:published_time``, ``pubdate``, ``dc.date.issued``,
  ``parsely-pub-date``, ``sailthru.date``, microdata ``itemprop=datePublished`` and ``<time pubdate>``); only when
  there is none, the earliest creation / generic date (JSON-LD ``dateCreated``, ``date``, ``dc.date``); then the
  first ``<time class="...published...">``. "modified"/"updated" values are never used. (Creation dates are not
  mixed with publication dates: on the fundus corpus ``dateCreated`` is often the day the draft was started,
  days or months before publication.) A value keeps its timezone when it has one (aware datetime); a date
  without a time of day is a ``date``; implausible values (before 1995, after tomorrow) are ignored.
* **authors**: people only, from the first source that names any (JSON-LD Person authors, then author meta
  tags, then bylines): "A and B", "A, B und C", "A og B" are split; "By"/"Von"/"Por"/... prefixes, e-mail
  addresses, URLs, handles, job titles after a comma, and parenthesised notes are removed; names of the site,
  the publisher, news agencies, and words such as "Staff", "Redaktion", "Newsdesk", "Agencies" are dropped;
  duplicates (case, hyphenation and diacritics aside) are merged.
"""

from __future__ import annotations

import html as htmllib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any, Iterable
from urllib.parse import urlsplit

from newsdesk.agencies import WIRE_AGENCIES, wire_agency

ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle", "satiricalarticle", "blogposting",
    "liveblogposting", "socialmediaposting", "techarticle", "scholarlyarticle", "report", "advertisercontentarticle",
    "claimreview", "medicalscholarlyarticle", "discussionforumposting",
}
PAGE_TYPES = {"webpage", "itempage", "collectionpage", "medicalwebpage", "aboutpage"}

_WS = re.compile(r"[\s\u00a0\u200b\u200c\u200d\u2060\ufeff]+")


def _plain_text(value: str) -> str:
    """articleBody as paragraphs of text: markup some sites leave in it removed, entities decoded."""
    value = re.sub(r"(?i)<\s*(?:br|/p|/div|/h[1-6]|/li)\s*/?>", "\n", value)
    value = htmllib.unescape(re.sub(r"<[^>]{0,2000}>", " ", value))
    lines = (" ".join(line.split()) for line in value.splitlines())
    return "\n".join(line for line in lines if line)


def _clean_space(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def _text(value: Any) -> str:
    """A JSON-LD / meta value as clean text (HTML entities decoded, tags dropped, whitespace collapsed)."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or ""
    if not isinstance(value, str):
        value = str(value)
    if "&" in value:
        value = htmllib.unescape(htmllib.unescape(value))
    if "<" in value and ">" in value:
        value = re.sub(r"<[^>]{0,200}>", " ", value)
    return unicodedata.normalize("NFC", _clean_space(value))


def _key(text: str) -> str:
    """A loose comparison key: lower case, letters and digits only, diacritics kept as base letters."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return "".join(c for c in s.casefold() if c.isalnum())


# --------------------------------------------------------------------------------------------- JSON-LD


def _loads_lenient(raw: str) -> Any:
    raw = raw.strip()
    if raw.startswith("<!--"):
        raw = raw[4:]
    if raw.endswith("-->"):
        raw = raw[:-3]
    raw = re.sub(r"^\s*(?://|/\*)?\s*<!\[CDATA\[(?:\s*\*/)?", "", raw)
    raw = re.sub(r"(?://|/\*)?\s*\]\]>\s*(?:\*/)?\s*$", "", raw).strip().rstrip(";")
    try:
        return json.loads(raw, strict=False)
    except ValueError:
        pass
    fixed = re.sub(r",\s*([}\]])", r"\1", raw)  # trailing commas
    fixed = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", " ", fixed)
    try:
        return json.loads(fixed, strict=False)
    except ValueError:
        return None


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type") or obj.get("type") or []
    if isinstance(t, str):
        t = [t]
    out = set()
    for x in t if isinstance(t, list) else []:
        if isinstance(x, str):
            out.add(x.rsplit("/", 1)[-1].rsplit(":", 1)[-1].strip().lower())
    return out


def json_ld_objects(tree: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page: top-level, in lists, in ``@graph``, and main entities."""
    out: list[dict[str, Any]] = []
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        data = _loads_lenient(script.text or "")
        stack = [data]
        while stack:
            x = stack.pop(0)
            if isinstance(x, list):
                stack.extend(x)
            elif isinstance(x, dict):
                out.append(x)
                for k in ("@graph", "mainEntity"):
                    if isinstance(x.get(k), (list, dict)):
                        stack.append(x[k])
    return out


def _ld_ids(objs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {o["@id"]: o for o in objs if isinstance(o.get("@id"), str) and len(o) > 1}


def _same_page(obj: dict[str, Any], urls: set[str]) -> bool:
    for k in ("url", "mainEntityOfPage", "@id"):
        v = obj.get(k)
        if isinstance(v, dict):
            v = v.get("@id") or v.get("url")
        if isinstance(v, str) and _url_key(v) in urls:
            return True
    return False


def _url_key(url: str) -> str:
    try:
        p = urlsplit(url.strip())
    except ValueError:
        return url
    return (p.netloc.lower().removeprefix("www.") + p.path.rstrip("/")).lower()


def article_objects(objs: list[dict[str, Any]], page_urls: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The article objects, the one describing this page first (by URL), then in page order."""
    arts = [o for o in objs if _types(o) & ARTICLE_TYPES]
    keys = {_url_key(u) for u in page_urls if u}
    if keys and len(arts) > 1:
        arts.sort(key=lambda o: not _same_page(o, keys))
    return arts


# --------------------------------------------------------------------------------------------- meta tags


@lru_cache(maxsize=8192)
def mkey(name: str) -> str:
    """Meta tag names compared without case and punctuation: article:published_time = article:published:time."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def meta_tags(tree: Any) -> dict[str, list[str]]:
    """Meta tags by normalised (``mkey``) property / name / itemprop / http-equiv, values kept in page order."""
    out: dict[str, list[str]] = {}
    for el in tree.iterfind(".//meta"):
        content = el.get("content")
        if content is None or not content.strip():
            continue
        keys = {mkey(el.get(attr) or "") for attr in ("property", "name", "itemprop", "http-equiv")}
        for key in keys - {""}:
            out.setdefault(key, []).append(content.strip())
    return out


def _first(meta: dict[str, list[str]], *keys: str) -> str | None:
    for k in keys:
        for v in meta.get(mkey(k), []):
            t = _text(v)
            if t:
                return t
    return None


# --------------------------------------------------------------------------------------------- dates

_NUM_DATE = re.compile(
    r"^(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})(?:[,\s]+(?:um\s+)?(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2}))?)?"
)
_JAVA_DATE = re.compile(r"^[A-Za-z]{3}\s+(?P<mon>[A-Za-z]{3})\s+(?P<d>\d{1,2})\s+(?P<H>\d{2}):(?P<M>\d{2}):(?P<S>\d{2})"
                        r"\s+(?P<tz>[A-Z]{2,5})?\s*(?P<y>\d{4})$")
_MON = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
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
        m = re.match(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?", rest, re.I)
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


# --------------------------------------------------------------------------------------------- authors

# Credits that name no one: dropped.
AGENCIES = set(WIRE_AGENCIES) | {"agencies", "agencias", "agenturen", "nachrichtenagenturen", "nachrichtenagentur",
                                 "wire services", "news agencies", "agences", "agenzie"}

NON_PERSON_WORDS = {
    "staff", "redaktion", "editorial", "editors", "editor", "newsroom", "newsdesk", "news desk", "desk", "team",
    "online", "digital", "admin", "administrator", "webmaster", "web", "agency", "agencies", "agenturen",
    "agentur", "nachrichten", "news", "press", "presse", "wire", "correspondent", "reporter", "reporters",
    "redacción", "redaccion", "rédaction", "redazione", "redactie", "redaksjonen", "redaktionen", "toimitus",
    "guest", "contributor", "contributors", "author", "autor", "autorin", "journalist", "kontakt", "contact",
    "sponsored", "partner", "anzeige", "advertorial", "unknown", "anonymous", "none", "null", "undefined",
    "facebook", "twitter", "instagram", "linkedin", "x", "mail", "e-mail", "email", "homepage", "tv", "autoren",
    "authors", "mehr", "more", "profil", "profile", "uhr", "min", "minuten", "lesezeit",
}
_BY_PREFIX = re.compile(
    r"^(?:(?:written|reported|text|texte|words|story|photos?|fotos?|interview|ein\s+(?:kommentar|gastbeitrag)"
    r"|eine\s+analyse|analyse|kommentar)\s+(?:and\s+\w+\s+)?)?"
    r"(?:by|from|von|vom|por|par|av|af|door|di|da|de|di\s+|от|przez|autorin/autor|autor(?:in|en|innen)?|authors?|"
    r"text|texto|texte|redakcja)"
    r"\s*[:\-–]?\s+", re.I)
_SPLIT = re.compile(r"\s*(?:;|\||\s+and\s+|\s+und\s+|\s+&\s+|\s+og\s+|\s+och\s+|\s+y\s+|\s+e\s+|\s+et\s+|\s+en\s+|"
                    r"\s+i\s+|\s+a\s+|\s+ve\s+|\s+и\s+|\s+oraz\s+|,\s*(?=\S))\s*", re.I)
_JOB_SUFFIX = re.compile(r"\s*(?:기자|특파원|記者|编辑|編集委員)(?=$|[\s,;])", re.I)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|de|at|ch|org|net|co\.uk|uk|fr|es|it|nl|be|io|info)\b\S*",
                   re.I)


def _author_names_from_ld(value: Any, ids: dict[str, dict[str, Any]], depth: int = 0) -> list[tuple[str, bool]]:
    """(name, is_person) pairs from a JSON-LD author value (string, object, list, @id reference)."""
    if depth > 3 or value is None:
        return []
    if isinstance(value, list):
        out: list[tuple[str, bool]] = []
        for v in value:
            out.extend(_author_names_from_ld(v, ids, depth + 1))
        return out
    if isinstance(value, str):
        return [(_text(value), True)] if value.strip() else []
    if isinstance(value, dict):
        if set(value) <= {"@id", "@type"} and isinstance(value.get("@id"), str) and value["@id"] in ids:
            value = ids[value["@id"]]
        types = _types(value)
        is_person = not (types & {"organization", "newsmediaorganization", "corporation", "organisation", "website",
                                  "brand", "onlinebusiness", "localbusiness", "governmentorganization"})
        name = value.get("name")
        if not name and (value.get("givenName") or value.get("familyName")):
            name = f"{_text(value.get('givenName'))} {_text(value.get('familyName'))}"
        if isinstance(name, list):
            return [(_text(n), is_person) for n in name if _text(n)]
        name = _text(name)
        return [(name, is_person)] if name else []
    return []


def _outlet_keys(site_names: Iterable[str], host: str | None) -> set[str]:
    keys = {_key(s) for s in site_names if s and _key(s)}
    if host:
        h = host.lower().removeprefix("www.")
        keys.add(_key(h))
        first = h.split(".")[0]
        if len(first) >= 3:
            keys.add(_key(first))
    return {k for k in keys if k}


def _is_outlet(name: str, outlet_keys: set[str]) -> bool:
    k = _key(name)
    if not k:
        return True
    if k in outlet_keys:
        return True
    if any(_key(w) in outlet_keys for w in name.split() if len(_key(w)) >= 3):
        return True
    for o in outlet_keys:
        if len(o) >= 4 and (o in k or k in o) and not _looks_like_person(name):
            return True
        if len(o) >= 4 and k.startswith(o) and len(k) - len(o) <= 4:  # "nieuwsbladbe", "ndrde"
            return True
    return False


def _looks_like_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)


_FUNCTION_WORDS = {"by", "von", "vom", "por", "par", "av", "af", "door", "di", "da", "de", "and", "und", "et", "y",
                   "og", "och", "the", "der", "die", "das", "le", "la", "el", "il"}
_PARTICLES = {"von", "van", "der", "de", "da", "di", "del", "la", "le", "zu", "den", "ten", "ter", "bin", "al", "el",
              "du", "dos", "das", "do", "y", "und"}


# Agency codes that are also editors' initials when written in lower case ("ap", "pa", "tt"): credited only in
# capitals; "dpa", "afp", "epd", "kna", "sid", "dts", "ddp" are written in lower case by their own style.
_LOWERCASE_AGENCIES = {"dpa", "afp", "epd", "kna", "sid", "dts", "ddp", "dpa-afx", "reuters", "xinhua", "bloomberg"}


def _credited_agency(part: str) -> bool:
    p = part.strip(" .")
    return bool(wire_agency(p)) and (not p.islower() or p in _LOWERCASE_AGENCIES)


def _looks_like_surname_first(parts: list[str]) -> bool:
    """ "Smith, John": a surname then a first name, not "Frankfurt, Germany" or "Politik, Ausland"."""
    from newsdesk.lang import known_first_names
    from newsdesk.lang.places import lookup

    return parts[1] in known_first_names() and lookup(parts[0]) is None and lookup(parts[1]) is None


def clean_author(raw: str, outlet_keys: set[str]) -> list[str]:
    """One author string as written to zero or more person names."""
    s = _text(raw)
    if not s:
        return []
    s = _EMAIL.sub(" ", s)
    s = _URL.sub(" ", s)
    # agencies credited in parentheses or joined by slashes: "Anna Müller (dpa)", "dpa/lno", "AFP/dpa"
    credited = [a for group in re.findall(r"\(([^)]*)\)", s) for a in re.split(r"\s*[/,;]\s*", group)
                if _credited_agency(a)]
    s = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", s)  # "(dpa)", "[Bearbeitung]"
    if "/" in s:
        slashed = [p.strip() for p in s.split("/")]
        if any(_credited_agency(p) for p in slashed):
            credited += [p for p in slashed if _credited_agency(p)]
            # what else the slashes join is an editor's code or a place note ("Reuters/kra Frankfurt")
            s = " ".join(p for p in slashed if not wire_agency(p) and p[:1].isupper())
    s = re.sub(r"(?:^|\s)@\w+", " ", s)  # handles
    s = _clean_space(s).strip(" ,;:|-–—/·•*")
    s = _JOB_SUFFIX.sub("", s).strip()
    parts = [p for p in _SPLIT.split(s) if p and p.strip()]
    comma_parts = [p.strip() for p in s.split(",")]
    if len(comma_parts) > 1 and len(comma_parts[0].split()) >= 2 and all(len(p.split()) <= 2 for p in comma_parts[1:]) \
            and not any(" and " in p or " und " in p for p in comma_parts):
        # "Jane Roe, Berlin" / "David Straub, MDR THÜRINGEN" / "Jane Roe, Korrespondentin": a name and a note
        if all(len(p.split()) == 1 or p.isupper() for p in comma_parts[1:]):
            parts = [comma_parts[0]] + [p for p in comma_parts[1:] if wire_agency(p)]
    if len(comma_parts) > 1 and all(len(p.split()) == 1 for p in comma_parts):
        if len(comma_parts) == 2 and not any(wire_agency(p) for p in comma_parts) and \
                all(p[:1].isupper() and not p.isupper() for p in comma_parts) and _looks_like_surname_first(comma_parts):
            parts = [f"{comma_parts[1]} {comma_parts[0]}"]  # "Smith, John" -> "John Smith"
        else:
            # "Frankfurt, Germany", "Politik, Ausland": a place or a list of tags, not a list of people
            parts = [p for p in comma_parts if wire_agency(p)]
    out: list[str] = [*credited]
    for part in parts:
        part = _BY_PREFIX.sub("", part.strip(" ,;:|-–—/·•*\"'“”„")).strip(" ,;:|-–—/·•*")
        part = _BY_PREFIX.sub("", part).strip()
        if not part:
            continue
        low = part.casefold()
        if low in WIRE_AGENCIES:
            if _credited_agency(part):
                out.append(part)
            continue
        if low in AGENCIES or low in NON_PERSON_WORDS or low in _FUNCTION_WORDS:
            continue
        if re.search(r"agentur|agency|agencia|agence|agenzia|redaktion|redaction|rédaction|newsroom|staff\b", low):
            continue
        words = low.split()
        if any(w in NON_PERSON_WORDS or w in AGENCIES for w in words) and not _looks_like_person(part):
            continue
        if words and (words[-1] in {"staff", "redaktion", "team", "desk", "newsroom", "reporter", "correspondent",
                                     "editors", "editor", "contributor", "wire"}):
            continue
        if _is_outlet(part, outlet_keys):
            continue
        if re.search(r"\d", part) or len(words) > 6 or len(part) > 60:
            continue
        if "/" in part or ":" in part:
            continue
        if part.isupper() and len(part) <= 4 and len(words) == 1:
            continue  # initials / agency codes such as "amw", "AFP"
        if part.islower() and len(words) == 1:
            continue  # "ssi", "kicker": a handle or a code, not a name
        if len(words) == 1 and (re.search(r"[a-z][A-Z]|[_#]|-[a-z]", part)):
            continue  # "GuterMensch", "hinter-dem-Regenbogen": user handles
        out.append(part)
    # people first, then the agencies credited in parentheses or slashes
    return merge_authors([*[o for o in out if not wire_agency(o)], *[o for o in out if wire_agency(o)]])


_NAME_WORD = r"(?:[^\W\d_][^\W\d_'’.\-]*\.?)"
_NAME_LINE = re.compile(
    rf"^(?:(?:by|von|par|por|door|av)\s+)?(?P<names>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,3}}"
    rf"(?:\s*(?:/|,|&|\band\b|\bund\b)\s*{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,3}}){{0,3}})$", re.I)


# Words of headings and boilerplate that look like names when capitalised ("What Happens Next", "Lesen Sie Auch",
# "All Rights Reserved"): a byline paragraph holding any of them is not one.
_NOT_NAME_WORDS = set("""
a an the of and or to in on at for with from by as is are was be what who why how when where which this that these
next more most read also see related stories story news breaking live update updates latest top key takeaways
highlights summary all rights reserved copyright advertisement sponsored video photos photo gallery comments share
follow subscribe newsletter sign login home page editor editors note opinion analysis explainer watch listen podcast
day week today yesterday tomorrow new old big small first last best worst our your my his her their its we you they
der die das den dem des ein eine einer und oder zu im in am an auf aus bei mit nach von vor über unter für auch
lesen sie mehr weitere artikel thema themen zum zur das wichtigste kurz überblick anzeige werbung foto fotos video
newsletter abo kommentar kommentare teilen folgen startseite heute gestern morgen neu neue neues aktuell aktuelle
le la les un une et du des de en el los las y del por con para il lo gli di che
""".split())


def _is_name_line(names: str) -> bool:
    from newsdesk.lang.places import lookup

    words = [w for w in re.findall(r"[^\W\d_]+", names) if w.lower() not in ("and", "und")]
    if any(w.lower() in _NOT_NAME_WORDS for w in words) or any(len(w) < 2 for w in words):
        return False
    if lookup(names) is not None or any(lookup(p) is not None for p in re.split(r"\s*[/,&]\s*", names)):
        return False  # "NEW YORK", "Hong Kong": a dateline or a place, not a person
    # names are written one way: all "Title Case" or all CAPITALS ("Classificação NASCAR" is a heading)
    return all(w[:1].isupper() and not w[1:].isupper() for w in words) or all(w.isupper() for w in words)


def byline_in_text(text: str, outlet_keys: set[str] = frozenset()) -> tuple[list[str], str]:
    """A byline the extractor left in the article text as its own paragraph, among the first three or the last
    ("Mohloai Mpesi",
    "Mathatisi Sebusi/Mohalenyane Phakela", "Lê Phương"): the people it names, and the text without it.
    Only a paragraph of two to four capitalised words per name (no digits, no sentence) counts."""
    paras = text.split("\n")
    if len(paras) < 4:
        return [], text
    for i in (0, 1, 2, len(paras) - 1):  # a standfirst may come before it
        line = paras[i].strip()
        m = _NAME_LINE.match(line) if len(line) <= 80 else None
        if m is None or not _is_name_line(m.group("names")):
            continue
        names = merge_authors(n for part in re.split(r"\s*(?:/|,|&|\band\b|\bund\b)\s*", m.group("names"))
                              for n in clean_author(part, set(outlet_keys)))
        if names:
            return names, "\n".join(paras[:i] + paras[i + 1:])
    return [], text


def merge_authors(names: Iterable[str]) -> list[str]:
    """Deduplicate names ignoring case, hyphens/spaces and diacritics; keep the first spelling."""
    seen: set[str] = set()
    out: list[str] = []
    for n in names:
        k = _key(n)
        if k and k not in seen:
            seen.add(k)
            out.append(n)
    return out


_BYLINE_XPATH = ('//body//*[contains(@class,"byline") or contains(@class,"author") or contains(@class,"Author") '
                 'or contains(@class,"Byline")][not(ancestor::footer)][not(self::img)][not(self::script)]'
                 '[not(self::style)][not(self::meta)]')
_NOT_BYLINE = re.compile(r"avatar|image|img|bio|desc|url|social|photo|pic|follow|more|teaser|label|icon|date|time|"
                         r"comment|related|recommend|widget|newsletter|popup|modal|overlay")


def _byline_groups(tree: Any) -> list[list[str]]:
    """Candidate bylines from the page body, in page order; each group is the texts of one byline block
    (rel=author links, itemprop=author, byline/author class names; then a field labelled "Autor"/"Author")."""
    groups: list[list[str]] = []
    items: list[str] = []
    for el in tree.xpath('//*[@itemprop="author"]')[:6]:
        names = el.xpath('.//*[@itemprop="name"]')
        if names:
            items.extend((n.get("content") or n.text_content()) for n in names)
        elif el.tag != "meta" and len(el.text_content()) < 120:
            items.append(el.get("content") or el.text_content())
    if items:
        groups.append(items)
    links = [el.text_content() for el in tree.xpath('//a[@rel="author"]')[:6]]
    if links:
        groups.append(links)
    matches = [el for el in tree.xpath(_BYLINE_XPATH)[:60] if not _NOT_BYLINE.search((el.get("class") or "").lower())]
    inside = set(matches)
    top_of: dict[Any, Any] = {}
    has_inner: set[Any] = set()
    for el in matches:
        top = el
        for anc in el.iterancestors():
            if anc in inside:
                has_inner.add(anc)
                top = anc
        top_of[el] = top
    tops = [el for el in matches if top_of[el] is el]
    for top in tops[:8]:
        leaves = [el for el in matches if top_of[el] is top and el is not top and el not in has_inner]
        texts = [_clean_space(el.text_content()) for el in (leaves or [top])]
        texts = [t for t in texts if 0 < len(t) < 100]
        if texts:
            groups.append(texts[:6])
    labels = " or ".join(f'starts-with(normalize-space(.), "{w}")'
                         for w in ("Autor", "Author", "By ", "by ", "BY ", "Von ", "von ", "Por ", "Par "))
    n = 0
    for el in tree.xpath(f'//body//*[self::li or self::p or self::div or self::span or self::dd][{labels}]')[:20]:
        text = _clean_space(el.text_content())
        if len(text) < 60:  # a labelled field or a short "By Jane Roe" line; a sentence is not a byline
            groups.append([text])
            n += 1
            if n == 3:
                break
    return groups


_AUTHOR_META = ("author", "article:author", "og:article:author", "og:author", "article:author_name", "parsely-author",
                "sailthru.author", "dc.creator", "dcterms.creator", "cxenseparse:author", "byl", "citation_author",
                "dcsext.author", "articleauthor", "twitter:misc:written by", "twitter:data1")


def _pick_authors(tree: Any, meta: dict[str, list[str]], ld_authors: list[str],
                  outlet_keys: set[str]) -> tuple[list[str], str | None]:
    """People from the first source that names any: JSON-LD, then author meta tags, then bylines (looked at
    only when the metadata names nobody). A source that credits only a wire agency ("dpa") does not end the
    search for people: the agency is kept beside the people a later source names."""
    names = merge_authors(ld_authors)
    if names and not all(wire_agency(n) for n in names):
        return names, "json-ld"
    credits = names
    people, source = _pick_people(tree, meta, outlet_keys)
    if people:
        return merge_authors([*people, *credits]), source
    return (credits, "json-ld") if credits else ([], None)


def _pick_people(tree: Any, meta: dict[str, list[str]], outlet_keys: set[str]) -> tuple[list[str], str | None]:
    for k in _AUTHOR_META:
        if k == "twitter:data1" and not re.search(r"writ|auth|autor|von|by",
                                                  " ".join(meta.get(mkey("twitter:label1"), [])), re.I):
            continue  # WordPress puts "Written by" / "Est. reading time" pairs in twitter:label1/data1
        names = merge_authors(n for v in meta.get(mkey(k), []) for n in clean_author(v, outlet_keys))
        if names:
            return names, "meta"
    for group in _byline_groups(tree):
        names = merge_authors(n for v in group for n in clean_author(v, outlet_keys))
        if names:
            return names, "byline"
    return [], None


# --------------------------------------------------------------------------------------------- titles

SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " * ", " / ", " ‹ ", " › ", " « ", " » ", "｜", "：",
              " ─ ", " ~ ", " ― ", "‖", " ｜ ", " −")
_SEP_RE = re.compile("(" + "|".join(re.escape(s) for s in sorted(set(SEPARATORS), key=len, reverse=True)) + ")")
_DATE_SEG = re.compile(r"^\W*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\W*$")


def _is_site_segment(seg: str, outlet_keys: set[str]) -> bool:
    s = seg.strip()
    k = _key(s)
    if not k:
        return True
    if _DATE_SEG.match(s) or re.match(r"^(?:by|von|par|por|av|door)\s", s, re.I):
        return True
    for o in outlet_keys:
        if len(o) >= 2 and (k == o or (len(o) >= 3 and (k.startswith(o) or k.endswith(o) or o.startswith(k) and len(k) >= 3))):
            return True
    return False


def strip_site_name(title: str, outlet_keys: set[str]) -> str:
    """Drop leading and trailing segments that name the site (or are a date or a "by <author>" note)."""
    parts = _SEP_RE.split(title)
    # parts = [seg, sep, seg, sep, seg ...]
    segs = parts[0::2]
    seps = parts[1::2]
    if len(segs) < 2:
        return title.strip()
    changed = True
    while changed and len(segs) > 1:
        changed = False
        if _is_site_segment(segs[-1], outlet_keys):
            segs, seps, changed = segs[:-1], seps[:-1], True
            continue
        if len(segs) > 1 and _is_site_segment(segs[0], outlet_keys) and seps[0].strip() in ("|", "｜", "::", "·", "•", "‹", "›", "«", "»"):
            segs, seps, changed = segs[1:], seps[1:], True
    out = segs[0]
    for sep, seg in zip(seps, segs[1:]):
        out += sep + seg
    return out.strip()


def _cut_extensions(cands: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A candidate that another one extends with a separator and more text is cut to the shorter one."""
    texts = {t for _, t in cands if t}
    out = []
    for src, t in cands:
        best = t
        for other in texts:
            if other != t and len(other) >= 8 and t.startswith(other):
                rest = t[len(other):]
                if _SEP_RE.match(rest) or rest[:2] in ("｜", "：") or re.match(r"^\s*[|:·•\-–—]\s", rest):
                    if len(other) < len(best) or best == t:
                        best = other
        out.append((src, best))
    return out


def _title_candidates(arts: list[dict[str, Any]], meta: dict[str, list[str]], tree: Any) -> list[tuple[str, str]]:
    c: list[tuple[str, str]] = []
    for o in arts[:1]:
        h = _text(o.get("headline")) or _text(o.get("name"))
        if h:
            c.append(("json-ld", h))
    for k in ("og:title",):
        v = _first(meta, k)
        if v:
            c.append((k, v))
    h1s = [_clean_space(h.text_content()) for h in tree.iterfind(".//h1")]
    h1s = [h for h in h1s if len(h) >= 8]
    if h1s:
        c.append(("h1", h1s[0]))
    for k in ("twitter:title", "sailthru.title", "parsely-title", "dc.title", "cxenseparse:title", "title"):
        v = _first(meta, k)
        if v:
            c.append(("meta:title" if k == "title" else k, v))  # <meta name="title">, not the <title> element
    t = tree.find(".//head/title")
    if t is None:
        t = tree.find(".//title")
    if t is not None and _clean_space(t.text_content()):
        c.append(("title", _clean_space(t.text_content())))
    return [(s, unicodedata.normalize("NFC", v)) for s, v in c]


def clean_titles(cands: list[tuple[str, str]], outlet_keys: set[str]) -> list[tuple[str, str]]:
    """(source, title) candidates cleaned of site names and cut to another candidate they merely extend."""
    cleaned = [(s, strip_site_name(t, outlet_keys)) for s, t in cands]
    return _cut_extensions([(s, t) for s, t in cleaned if t])


def pick_title(cands: list[tuple[str, str]], outlet_keys: set[str]) -> tuple[str | None, str | None]:
    """The first candidate in source order (JSON-LD headline, og:title, <h1>, twitter:title, other meta titles,
    <title>), cleaned of site names and cut to another candidate it merely extends."""
    cleaned = clean_titles(cands, outlet_keys)
    if not cleaned:
        return None, None
    return cleaned[0][1], cleaned[0][0]


@dataclass
class PageMeta:
    title: str | None = None
    title_source: str | None = None
    title_candidates: list[tuple[str, str]] = field(default_factory=list)  # every (source, cleaned title)
    raw_titles: list[tuple[str, str]] = field(default_factory=list)  # every (source, title as written)
    article_body: str | None = None  # JSON-LD articleBody (pages that render their text with JavaScript)
    outlet_keys: set[str] = field(default_factory=set)  # normalised names of the outlet (site, publisher, host)
    published: datetime | date | None = None
    published_source: str | None = None
    authors: list[str] = field(default_factory=list)
    authors_source: str | None = None
    site_name: str | None = None
    publisher: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    url: str | None = None


def extract(tree: Any, url: str | None = None, now: datetime | None = None) -> PageMeta:
    """Metadata of the page whose parsed tree (lxml) is `tree`; `url` is where it was fetched from, if known."""
    meta = meta_tags(tree)
    canonical = None
    for el in tree.iterfind(".//link"):
        if (el.get("rel") or "").strip().lower() == "canonical" and el.get("href"):
            canonical = el.get("href").strip()
            break
    og_url = _first(meta, "og:url")
    objs = json_ld_objects(tree)
    ids = _ld_ids(objs)
    arts = article_objects(objs, [u for u in (url, canonical, og_url) if u])
    pages = [o for o in objs if _types(o) & PAGE_TYPES]

    site_name = _first(meta, "og:site_name", "application-name", "apple-mobile-web-app-title", "sitename", "site_name")
    publisher = None
    for o in arts[:1] + [o for o in objs if _types(o) & {"newsmediaorganization", "organization", "website"}][:2]:
        p = o.get("publisher") if _types(o) & ARTICLE_TYPES else o
        if isinstance(p, dict) and "@id" in p and set(p) <= {"@id", "@type"}:
            p = ids.get(p["@id"], p)
        if isinstance(p, list):
            p = p[0] if p else None
        name = _text(p.get("name")) if isinstance(p, dict) else (_text(p) if isinstance(p, str) else "")
        if name:
            publisher = name
            break
    publisher = publisher or _first(meta, "publisher", "dc.publisher", "article:publisher")
    if publisher and _URL.match(publisher):
        publisher = None
    host = None
    for u in (url, canonical, og_url):
        if u:
            try:
                host = urlsplit(u).hostname
            except ValueError:
                host = None
            if host:
                break
    site_names = [x for x in (site_name, publisher, _first(meta, "twitter:site")) if x]
    outlet_keys = _outlet_keys([s.lstrip("@") for s in site_names], host)

    pm = PageMeta(site_name=site_name or publisher, publisher=publisher, canonical_url=canonical, url=og_url,
                  outlet_keys=outlet_keys)
    raw_titles = _title_candidates(arts, meta, tree)
    pm.title, pm.title_source = pick_title(raw_titles, outlet_keys)
    pm.title_candidates = clean_titles(raw_titles, outlet_keys)
    pm.raw_titles = raw_titles
    for o in arts[:1]:
        body = o.get("articleBody")
        if isinstance(body, list):
            body = "\n".join(b for b in body if isinstance(b, str))
        if isinstance(body, str) and body.strip():
            pm.article_body = _plain_text(body)
    pm.published, pm.published_source = pick_published(_published_candidates(arts, pages, meta, tree), now)

    ld_authors: list[str] = []
    for o in arts[:1]:
        value = o.get("author") or o.get("creator")
        for name, is_person in _author_names_from_ld(value, ids):
            if is_person:
                ld_authors.extend(clean_author(name, outlet_keys))
            elif wire_agency(name):  # an agency typed as an Organization
                ld_authors.append(_clean_space(name))
    pm.authors, pm.authors_source = _pick_authors(tree, meta, ld_authors, outlet_keys)

    lang = tree.get("lang") or tree.get("xml:lang") or _first(meta, "og:locale", "content-language", "language", "dc.language")
    if not lang:
        for o in arts[:1]:
            lang = _text(o.get("inLanguage")) or None
    if lang:
        lang = re.split(r"[-_]", lang.strip())[0].lower() or None
    pm.language = lang if lang and re.fullmatch(r"[a-z]{2,3}", lang) else None
    return pm
