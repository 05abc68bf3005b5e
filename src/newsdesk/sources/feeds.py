"""Feeds and sitemaps: RSS 2.0, RSS 1.0 (RDF), Atom, sitemap, sitemap index, Google News sitemap -> entries.

XML from the web is hostile input. It is parsed with a hardened lxml pull parser (`hardened_parser`):
entities are never substituted (resolve_entities=False: XXE and billion-laughs expansions stay inert), DTDs are
never loaded (load_dtd=False) and nothing is fetched over the network (no_network=True), huge_tree stays off so
libxml2 keeps its own depth / text-size / amplification limits. On top of that: a byte cap, an element-depth cap, a
URL-count cap (parsing stops as soon as it is reached, the rest of the document is never parsed), and for
`collect()` a cap on nested sitemap-index depth and on the number of documents, with a visited set (a sitemap
index that lists itself, or an endless chain, ends at the caps).

`parse_feed(bytes)` is pure (no I/O). `collect(urls)` fetches through `newsdesk.sources.fetch` (accept="xml":
the same deadline, size cap, address checks and robots.txt as pages) and walks sitemap indexes.
"""

from __future__ import annotations

import email.utils
import re
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable, Mapping
from urllib.parse import urljoin, urlsplit

from lxml import etree

from newsdesk.sources.urls import FetchError, canonical_url

DEFAULT_MAX_BYTES = 50_000_000  # sitemap protocol: 50 MB uncompressed at most
DEFAULT_MAX_URLS = 50_000  # sitemap protocol: 50,000 URLs per file
DEFAULT_MAX_XML_DEPTH = 64  # real feeds nest < 10 levels
DEFAULT_MAX_INDEX_DEPTH = 3  # index -> index -> index -> urlset
DEFAULT_MAX_DOCUMENTS = 100
FEED_CHUNK = 64 * 1024


class FeedError(FetchError):
    """The document is not a usable feed/sitemap; `rule` names why (xml-syntax, too-large, depth, not-a-feed...)."""

    retryable = False

    def __init__(self, rule: str, detail: str, *, url: str | None = None) -> None:
        super().__init__(f"{rule}: {detail}", url=url)
        self.rule = rule
        self.detail = detail


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str | None = None
    published: datetime | None = None
    lastmod: datetime | None = None
    source: str | None = None  # the feed/sitemap URL it came from


@dataclass
class Feed:
    kind: str  # rss | rdf | atom | sitemap | sitemapindex
    entries: list[FeedEntry] = field(default_factory=list)
    sitemaps: list[FeedEntry] = field(default_factory=list)  # children of a sitemap index
    title: str | None = None
    truncated: bool = False  # the URL cap stopped parsing
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (url, reason): non-http links, duplicates...
    entities_declared: bool = False  # the document declared entities; none were expanded


def hardened_parser(**events: Any) -> Any:
    """An lxml parser (pull parser when `events=` is given) that resolves no entity and loads nothing."""
    options = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, dtd_validation=False,
                   attribute_defaults=False, remove_comments=True, remove_pis=True, collect_ids=False, recover=False)
    if events:
        return etree.XMLPullParser(**events, **options)
    return etree.XMLParser(**options)


def _local(tag: Any) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _text(el: Any) -> str | None:
    if el is None:
        return None
    parts = [t for t in el.itertext() if isinstance(t, str)]
    value = " ".join("".join(parts).split())
    return value or None


def parse_date(value: str | None) -> datetime | None:
    """RFC 822 (RSS), ISO 8601 / W3C datetime (Atom, sitemaps); naive values are taken as UTC."""
    if not value:
        return None
    value = value.strip()
    dt: datetime | None = None
    try:
        dt = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        dt = None
    if dt is None:
        iso = value.replace("Z", "+00:00").replace("z", "+00:00")
        try:
            dt = datetime.fromisoformat(iso)
        except ValueError:
            m = re.match(r"^(\d{4})-(\d{2})$|^(\d{4})$", value)
            if not m:
                return None
            dt = datetime(int(m.group(1) or m.group(3)), int(m.group(2) or 1), 1)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt


def _gunzip_capped(data: bytes, max_bytes: int) -> bytes:
    d = zlib.decompressobj(31)
    try:
        out = d.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise FeedError("xml-syntax", f"gzip data does not decode: {exc}") from None
    if len(out) > max_bytes:
        raise FeedError("too-large", f"over {max_bytes} bytes after gunzip")
    return out


_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)


def parse_feed(data: bytes, *, base_url: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
               max_urls: int = DEFAULT_MAX_URLS, max_xml_depth: int = DEFAULT_MAX_XML_DEPTH) -> Feed:
    """Parse one feed or sitemap document (bytes; gzip accepted) into entries. Raises FeedError."""
    if len(data) > max_bytes:
        raise FeedError("too-large", f"{len(data)} bytes, over the {max_bytes} byte cap", url=base_url)
    if data[:2] == b"\x1f\x8b":
        data = _gunzip_capped(data, max_bytes)
    if not data.strip():
        raise FeedError("not-a-feed", "empty document", url=base_url)
    parser = hardened_parser(events=("start", "end"))
    state = _State(base_url=base_url, max_urls=max_urls)
    state.feed.entities_declared = bool(_ENTITY_DECL.search(data[:65536]))
    depth = 0
    try:
        for offset in range(0, len(data), FEED_CHUNK):
            parser.feed(data[offset: offset + FEED_CHUNK])
            for event, el in parser.read_events():
                if event == "start":
                    depth += 1
                    if depth > max_xml_depth:
                        raise FeedError("depth", f"XML nested deeper than {max_xml_depth} levels", url=base_url)
                    if depth == 1:
                        state.root(el)
                else:
                    depth -= 1
                    state.end(el, depth)
                if state.full:
                    break
            if state.full:
                break
        if not state.full:
            parser.close()
    except etree.XMLSyntaxError as exc:
        raise FeedError("xml-syntax", str(exc)[:300], url=base_url) from None
    if state.feed.kind == "":
        raise FeedError("not-a-feed", "empty document", url=base_url)
    return state.feed


class _State:
    ROOTS = {"rss": "rss", "rdf": "rdf", "feed": "atom", "urlset": "sitemap", "sitemapindex": "sitemapindex"}

    def __init__(self, base_url: str | None, max_urls: int) -> None:
        self.base_url = base_url
        self.max_urls = max_urls
        self.feed = Feed(kind="")
        self.seen: set[str] = set()
        self.full = False

    def root(self, el: Any) -> None:
        kind = self.ROOTS.get(_local(el.tag))
        if kind is None:
            raise FeedError("not-a-feed", f"root element <{_local(el.tag) or el.tag}> is not RSS/Atom/sitemap",
                            url=self.base_url)
        self.feed.kind = kind

    def _url(self, raw: str | None) -> str | None:
        if not raw:
            return None
        raw = raw.strip()
        try:
            url = urljoin(self.base_url, raw) if self.base_url else raw
            scheme = urlsplit(url).scheme.lower()
        except ValueError as exc:  # e.g. "https://]]>": an unclosed IPv6 bracket; skip the entry, keep the feed
            self.feed.skipped.append((raw[:200], f"invalid url: {exc}"))
            return None
        if scheme not in ("http", "https"):
            self.feed.skipped.append((raw[:200], f"scheme {scheme or 'none'}"))
            return None
        return url

    def _add(self, target: list[FeedEntry], entry: FeedEntry) -> None:
        key = canonical_url(entry.url)
        if key in self.seen:
            self.feed.skipped.append((entry.url, "duplicate"))
            return
        self.seen.add(key)
        target.append(entry)
        if len(self.feed.entries) + len(self.feed.sitemaps) >= self.max_urls:
            self.feed.truncated = True
            self.full = True

    def end(self, el: Any, depth: int) -> None:
        name = _local(el.tag)
        kind = self.feed.kind
        parent = el.getparent()
        if name == "title" and parent is not None and _local(parent.tag) in ("channel", "feed") and \
                self.feed.title is None:
            self.feed.title = _text(el)
            return
        entry: FeedEntry | None = None
        target = self.feed.entries
        if kind in ("rss", "rdf") and name == "item":
            entry = self._rss_item(el)
        elif kind == "atom" and name == "entry":
            entry = self._atom_entry(el)
        elif kind == "sitemap" and name == "url" and depth == 1:
            entry = self._sitemap_url(el)
        elif kind == "sitemapindex" and name == "sitemap" and depth == 1:
            entry = self._sitemap_url(el)
            target = self.feed.sitemaps
        else:
            return
        if entry is not None:
            self._add(target, entry)
        # free what is done with: the element and any already-processed siblings
        el.clear()
        while el.getprevious() is not None and parent is not None:
            del parent[0]

    @staticmethod
    def _children(el: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for child in el:
            name = _local(child.tag)
            if name and name not in out:
                out[name] = child
        return out

    def _rss_item(self, el: Any) -> FeedEntry | None:
        c = self._children(el)
        link = _text(c.get("link"))
        if not link and el.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"):
            link = el.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
        guid = c.get("guid")
        if not link and guid is not None and (guid.get("isPermaLink", "true").lower() != "false"):
            link = _text(guid)
        url = self._url(link)
        if url is None:
            return None
        published = parse_date(_text(c.get("pubdate")) or _text(c.get("date")) or _text(c.get("published")))
        lastmod = parse_date(_text(c.get("modified")) or _text(c.get("updated")))
        return FeedEntry(url, _text(c.get("title")), published, lastmod, self.base_url)

    def _atom_entry(self, el: Any) -> FeedEntry | None:
        href = None
        for child in el:
            if _local(child.tag) != "link":
                continue
            rel = (child.get("rel") or "alternate").lower()
            if rel == "alternate" and (child.get("type") in (None, "", "text/html", "application/xhtml+xml")):
                href = child.get("href")
                break
        c = self._children(el)
        if not href:
            ident = _text(c.get("id"))
            href = ident if ident and ident.startswith(("http://", "https://")) else None
        url = self._url(href)
        if url is None:
            return None
        published = parse_date(_text(c.get("published")) or _text(c.get("issued")))
        lastmod = parse_date(_text(c.get("updated")) or _text(c.get("modified")))
        return FeedEntry(url, _text(c.get("title")), published, lastmod, self.base_url)

    def _sitemap_url(self, el: Any) -> FeedEntry | None:
        c = self._children(el)
        url = self._url(_text(c.get("loc")))
        if url is None:
            return None
        title = published = None
        news = c.get("news")
        if news is not None:  # Google News sitemap
            n = self._children(news)
            title = _text(n.get("title"))
            published = parse_date(_text(n.get("publication_date")))
        return FeedEntry(url, title, published, parse_date(_text(c.get("lastmod"))), self.base_url)


# ----------------------------------------------------------------------------------------------- collecting


@dataclass
class Collected:
    """Everything `collect()` found: article entries (deduplicated), the documents read, and per-document errors."""

    entries: list[FeedEntry] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    not_modified: list[str] = field(default_factory=list)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (url, rule, message)
    truncated: bool = False


def collect(
    urls: str | Iterable[str],
    *,
    fetcher: Any = None,
    max_index_depth: int = DEFAULT_MAX_INDEX_DEPTH,
    max_documents: int = DEFAULT_MAX_DOCUMENTS,
    max_urls: int = DEFAULT_MAX_URLS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    validators: dict[str, dict[str, str]] | None = None,
    **fetch_options: Any,
) -> Collected:
    """Fetch feeds / sitemaps (walking sitemap indexes breadth-first) and return their article entries.

    Caps: `max_index_depth` levels of nested indexes, `max_documents` fetched documents, `max_urls` entries in all.
    `validators` ({url: {"etag":..., "last_modified":...}}) enables conditional requests and is updated in place;
    a 304 lands in `not_modified`. One bad document is an error row, not an exception.
    """
    from newsdesk.sources.fetch import default_fetcher

    fetcher = fetcher or default_fetcher()
    queue: list[tuple[str, int]] = [(u, 0) for u in ([urls] if isinstance(urls, str) else list(urls))]
    visited: set[str] = set()
    out = Collected()
    seen_entries: set[str] = set()
    while queue:
        url, depth = queue.pop(0)
        key = canonical_url(url)
        if key in visited:
            continue
        visited.add(key)
        if len(out.documents) >= max_documents:
            out.errors.append((url, "documents", f"over the {max_documents} document cap: not fetched"))
            out.truncated = True
            continue
        headers: dict[str, str] = {}
        known = (validators or {}).get(url, {})
        if known.get("etag"):
            headers["If-None-Match"] = known["etag"]
        if known.get("last_modified"):
            headers["If-Modified-Since"] = known["last_modified"]
        try:
            result = fetcher.fetch(url, accept="xml", max_bytes=max_bytes, headers=headers, **fetch_options)
        except FetchError as exc:
            out.errors.append((url, getattr(exc, "reason", None) or type(exc).__name__, str(exc)))
            continue
        out.documents.append(url)
        if validators is not None:
            validators[url] = {k: v for k, v in (("etag", result.headers.get("etag")),
                                                  ("last_modified", result.headers.get("last-modified"))) if v}
        if result.status == 304:
            out.not_modified.append(url)
            continue
        remaining = max_urls - len(out.entries)
        try:
            feed = parse_feed(result.body, base_url=result.final_url, max_bytes=max_bytes, max_urls=max(1, remaining))
        except FeedError as exc:
            out.errors.append((url, exc.rule, exc.detail))
            continue
        for child in feed.sitemaps:
            if depth + 1 > max_index_depth:
                out.errors.append((child.url, "index-depth", f"sitemap index nested deeper than {max_index_depth}"))
                out.truncated = True
                continue
            if canonical_url(child.url) not in visited:
                queue.append((child.url, depth + 1))
        for entry in feed.entries:
            k = canonical_url(entry.url)
            if k in seen_entries:
                continue
            seen_entries.add(k)
            out.entries.append(entry)
            if len(out.entries) >= max_urls:
                out.truncated = True
                break
        if feed.truncated or len(out.entries) >= max_urls:
            out.truncated = True
            if len(out.entries) >= max_urls:
                queue.clear()
    return out


def entries_to_refs(entries: Iterable[FeedEntry]) -> list[Mapping[str, Any]]:
    """Plain dicts (url, title, published ISO, lastmod ISO) for flows and run summaries."""
    return [{"url": e.url, "title": e.title, "published": e.published.isoformat() if e.published else None,
             "lastmod": e.lastmod.isoformat() if e.lastmod else None} for e in entries]


__all__ = ["Collected", "Feed", "FeedEntry", "FeedError", "collect", "entries_to_refs", "hardened_parser",
           "parse_date", "parse_feed"]
