"""Clean: an input record (HTML or plain text) becomes an Article (text + metadata, dateline, publication date).

HTML: the page is parsed once (trafilatura's parser); `newsdesk.metadata` reads title, authors, publication date,
site name and language from JSON-LD / OpenGraph / meta tags / bylines (htmldate as the date fallback), and
trafilatura extracts the body text (see `extract_body`). Quality and speed: `newsdesk eval`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timezone
from typing import Any

import htmldate
import trafilatura
from trafilatura.utils import load_html

from newsdesk import lang, metadata
from newsdesk.record import Article, Dateline
from newsdesk.sources.files import InputRecord, decode_html, scrub


class CleanError(ValueError):
    """The input cannot become an article (no text, unparseable); `rule` names why."""

    def __init__(self, rule: str, reason: str) -> None:
        super().__init__(reason)
        self.rule = rule


MIN_TEXT_CHARS = 80
# Datelines are written the English way ("WASHINGTON, Jan. 5, 2025 (Reuters)"): English month names, lang/en/months.tsv
MONTHS = lang.get("en").months
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
# "Kyiv, Oct 12 (NationPress) ...", "WASHINGTON, Jan. 5, 2025 (Reuters) - ...", "LONDON (AP) — ...",
# "Hamburg (dpa/lno) - ..." (agency and regional desk)
DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z\u00C0-\u024F.'\-]*(?:\s[A-Z][A-Za-z\u00C0-\u024F.'\-]*){0,3}?)"
    r"(?:,\s*(?P<mon>(?i:" + _MONTH_RE + r"))\.?\s+(?P<day>\d{1,2})(?:,?\s+(?P<year>\d{4}))?)?"
    r"\s*\((?P<agency>(?:[A-Z][\w.&'\-]*|[a-z]{2,5}(?:-[A-Za-z]{2,5})?)(?:\s[A-Z][\w.&'\-]*){0,3}(?:/[A-Za-z]{2,8}){0,2})\)"
    r"\s*[-\u2013\u2014:]*\s*",
)
SUMMARY_HEADINGS = {"synopsis", "key takeaways", "highlights", "summary"}


def parse_dateline(paragraph: str, reference: date | None) -> tuple[Dateline, int]:
    """Parse a leading dateline; return it and the offset where the story text starts (0 when none)."""
    m = DATELINE_RE.match(paragraph)
    if not m:
        return Dateline(), 0
    place = m.group("place").strip().rstrip(",")
    if not place or len(place.split()) > 4:
        return Dateline(), 0
    # without a date, only "LONDON (AP) ..." or "London (AP) - ..." is a dateline, not "General Motors (GM) said"
    if not m.group("mon") and not place.isupper() and not re.search(r"[-\u2013\u2014:]\s*$", m.group(0)):
        return Dateline(), 0
    d: date | None = None
    if m.group("mon"):
        month, day = MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("day"))
        year = int(m.group("year")) if m.group("year") else None
        d = _resolve_month_day(month, day, year, reference)
    place = place.title() if place.isupper() else place
    return Dateline(place=place, date=d, agency=m.group("agency").strip(), raw=m.group(0).strip()), m.end()


def _resolve_month_day(month: int, day: int, year: int | None, reference: date | None) -> date | None:
    """A dateline's month/day; without a year, the occurrence closest to (and not well after) the reference."""
    try:
        if year is not None:
            return date(year, month, day)
        if reference is None:
            return None
        candidates = []
        for y in (reference.year - 1, reference.year, reference.year + 1):
            try:
                candidates.append(date(y, month, day))
            except ValueError:
                continue
        # a dateline is written on or just before publication: allow at most 2 days "in the future"
        ok = [c for c in candidates if (c - reference).days <= 2]
        return min(ok or candidates, key=lambda c: abs((c - reference).days))
    except ValueError:
        return None


def parse_published(value: str | None) -> datetime | None:
    """ISO-like date/time string to a naive UTC datetime (None when unparseable)."""
    if not value:
        return None
    v = value.strip()
    try:
        dt = datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", v)
        if not m:
            return None
        try:
            dt = datetime(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    if dt.tzinfo is not None:
        try:
            dt = dt.astimezone(timezone.utc).replace(tzinfo=None)
        except OverflowError:  # e.g. 9999-12-31T23:00-05:00 is past the end of the calendar in UTC
            return None
    return dt


def _split_paragraphs(text: str) -> list[str]:
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return [ln for ln in lines if ln]


def clean_text(rec: InputRecord, reference: date | None) -> Article:
    """A plain-text article: title line, optional summary blocks, dateline paragraph, body."""
    raw = scrub(rec.text or "")
    paras = _split_paragraphs(raw)
    if rec.title:
        title = rec.title.strip()
    elif paras:
        title, paras = paras[0], paras[1:]
    else:
        raise CleanError("empty_text", "the text is empty")
    # Drop "Synopsis" / "Key Takeaways" blocks: editor-written summaries that would double-count facts.
    body: list[str] = []
    in_summary = False
    for p in paras:
        if p.lower().rstrip(":") in SUMMARY_HEADINGS:
            in_summary = True
            continue
        if in_summary and p[:1] in "-*\u2022":
            continue
        in_summary = False
        body.append(p)
    dateline, lead_end = Dateline(), 0
    for i, p in enumerate(body[:3]):
        dl, cut = parse_dateline(p, reference)
        if cut:
            dateline = dl
            body = body[i:]  # text starts at the dateline paragraph (dateline kept: it carries the place)
            lead_end = len(body[0])
            break
    text = "\n".join(body)
    if not lead_end and body:
        lead_end = len(body[0])
    return Article(
        source_ref=rec.source_ref, input_format=rec.format, title=title, text=text, url=rec.url,
        canonical_url=rec.url, dateline=dateline, lead_end=lead_end,
        # given authors get the same cleaning as a page's: split, people and credited agencies, no duplicates
        authors=metadata.merge_authors(n for a in rec.authors or [] for n in metadata.clean_author(a, set())),
    )


def _absolute(link: str | None, base: str | None) -> str | None:
    """An absolute http(s) URL, resolving a relative link against `base`; None when that is impossible."""
    if not link:
        return None
    from urllib.parse import urljoin, urlsplit

    if base and not urlsplit(link).scheme:
        link = urljoin(base, link)
    return link if urlsplit(link).scheme in ("http", "https") and urlsplit(link).netloc else None


# Body text: trafilatura's precision-oriented extraction, unless it kept too little of the default one.
# Measured on both corpora (bench: `newsdesk eval`): favor_precision alone wins on scrapinghub_aeb but loses on
# fundus where it truncates a few long articles; this guard keeps the gain on both.
FULL_ARTICLE_WORDS = 200  # a precision extraction this long is taken as the whole article
KEEP_RATIO = 0.6  # a shorter one must keep at least this share of the default extraction's words
_WORD = re.compile(r"\w+")


def extract_body(tree: Any, url: str | None) -> str:
    """The article text of a parsed page ("" when there is none)."""
    opts: dict[str, Any] = {"url": url, "with_metadata": False, "include_comments": False}
    doc = trafilatura.bare_extraction(tree, favor_precision=True, **opts)
    text = (doc.text or "") if doc is not None else ""
    n = len(_WORD.findall(text))
    if n < FULL_ARTICLE_WORDS:
        alt = trafilatura.bare_extraction(tree, **opts)
        alt_text = (alt.text or "") if alt is not None else ""
        m = len(_WORD.findall(alt_text))
        if m and n / m < KEEP_RATIO:
            text = alt_text
    return text


def _fallback_date(tree: Any, url: str | None) -> datetime | None:
    """htmldate (as trafilatura runs it) when the page's structured metadata has no publication date."""
    try:
        # markup, URL and dated labels only: the extensive search turns any year in the text ("since 2021") into
        # a publication date (2021-01-01); on the fundus pages without metadata dates it found nothing more
        found = htmldate.find_date(tree, extensive_search=False, original_date=True, url=url, verbose=False)
    except Exception:  # htmldate raises assorted errors on odd pages; a missing date is not fatal
        return None
    return parse_published(found) if found else None


def _naive_utc(value: datetime | date | None) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        return datetime.combine(value, time())
    if value.tzinfo is not None:
        return value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


PARSER_MAX_DEPTH = 255  # libxml2 silently cuts HTML trees deeper than this


def _max_depth(tree: Any) -> int:
    """Deepest element nesting, in one pass (stops counting at the parser's limit)."""
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > deepest:
            deepest = depth
            if deepest >= PARSER_MAX_DEPTH:
                break
    return deepest


def _decode_html(data: bytes) -> tuple[str, list[str]]:
    """Local HTML bytes: valid UTF-8 first (saved pages are often re-encoded while keeping a stale <meta charset>),
    else the charset the page declares; bytes that fit neither are repaired and flagged (files.decode_html)."""
    from newsdesk.sources.fetch import detect_charset

    return decode_html(data, detect_charset("", data), prefer_utf8=True)


def clean_html(rec: InputRecord, reference: date | None) -> Article:
    """An HTML page: trafilatura for the text, `newsdesk.metadata` for title, authors, date and site name."""
    if isinstance(rec.html, str):
        html, flags = rec.html, list(rec.extra.get("decode_flags", []))
    else:
        html, flags = _decode_html(rec.html or b"")
    if not html.strip():
        raise CleanError("empty_html", "the page is empty")
    try:
        tree = load_html(html)
    except Exception as exc:  # lxml raises several unrelated types for garbage
        raise CleanError("unparseable_html", f"{type(exc).__name__}: {exc}") from exc
    if tree is None:
        raise CleanError("unparseable_html", "the page cannot be parsed as HTML")
    page = metadata.extract(tree, rec.url)
    text = scrub(extract_body(tree, rec.url))
    if _max_depth(tree) >= PARSER_MAX_DEPTH:
        raise CleanError("html_too_deep", f"the page nests elements {PARSER_MAX_DEPTH}+ levels deep; the HTML "
                                          "parser drops everything below that, so its text cannot be trusted")
    if not text.strip() and page.article_body:
        text = scrub(page.article_body)  # the page renders its text with JavaScript; its JSON-LD carries it
    if not text.strip():
        raise CleanError("no_article_text", "no article text found in the page")
    title = scrub(page.title or "")
    if not title:
        raise CleanError("missing_title", "no title found in the page")
    authors = list(page.authors)
    if not authors:  # no one named in the metadata: a byline paragraph left in the text names them
        authors, text = metadata.byline_in_text(text, page.outlet_keys)
    published, published_source = _naive_utc(page.published), "metadata"
    if published is None:
        published, published_source = _fallback_date(tree, rec.url), "htmldate"
    paras = _split_paragraphs(text)
    if published is not None:
        reference = published.date()
    dateline, lead_end = Dateline(), (len(paras[0]) if paras else 0)
    for p in paras[:3]:  # a byline or standfirst may come before the dateline paragraph
        dl, cut = parse_dateline(p, reference)
        if cut:
            dateline, lead_end = dl, text.find(p) + len(p)
            break
    url = _absolute(rec.url or page.url, None)
    canonical = _absolute(page.canonical_url, url)
    return Article(
        source_ref=rec.source_ref, input_format=rec.format, title=title, text=text, url=url,
        canonical_url=canonical or url, authors=[scrub(a) for a in authors], site_name=page.site_name or None,
        language=page.language, published_at=published, published_source=published_source if published else None,
        dateline=dateline, lead_end=lead_end, flags=flags,
    )


def clean(rec: InputRecord, published: date | None = None) -> Article:
    """Clean one input record; `published` (e.g. from --published) wins over anything found in the article."""
    given = parse_published(rec.published) if rec.published else None
    bad_given = bool(rec.published) and given is None and published is None
    if published is not None:
        given = datetime.combine(published, time())
    reference = (given.date() if given else None) or (rec.file_mtime.date() if rec.file_mtime else None)
    art = clean_html(rec, reference) if rec.format in ("html", "jsonl-html") else clean_text(rec, reference)
    if art.language is None:
        art.language = lang.detect(art.text)  # a page that declares none, a plain text
    art.fetched_at = rec.file_mtime.replace(tzinfo=None) if rec.file_mtime else None
    if given is not None:
        art.published_at, art.published_source, art.published_inferred = given, "input", False
        if art.dateline.raw and art.dateline.date is None:
            pass
    elif art.published_at is None and art.dateline.date is not None:
        art.published_at = datetime.combine(art.dateline.date, time())
        year_given = bool(re.search(r"\d{4}", art.dateline.raw or ""))
        art.published_source = "dateline" if year_given else "dateline+reference"
        art.published_inferred = not year_given
    elif art.published_at is None and rec.file_mtime is not None and not bad_given:
        art.published_at = rec.file_mtime.astimezone(timezone.utc).replace(tzinfo=None)
        art.published_source, art.published_inferred = "file-mtime", True
    if bad_given:  # never replaced by a guess: the value is quarantined, the article keeps only true sources
        art.flags.append("published_rejected")
        art.bad_fields.append(("published", "bad_field:published",
                               f"published {str(rec.published)[:80]!r} is not a date (YYYY-MM-DD or ISO 8601)",
                               str(rec.published)[:2000]))
    return art
