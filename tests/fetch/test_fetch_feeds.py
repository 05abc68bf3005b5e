"""feeds.py: RSS / RDF / Atom / sitemap / sitemap index / Google News sitemap parsing and collecting."""

from __future__ import annotations

import gzip
from datetime import datetime, timezone

import pytest

from fetch_harness import FakeResolver, Site, page, respond
from newsdesk.sources.feeds import FeedError, collect, entries_to_refs, hardened_parser, parse_date, parse_feed
from newsdesk.sources.fetch import Fetcher, FetchPolicy

RSS2 = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Wire</title>
<image><title>logo</title><url>http://w.test/logo.png</url></image>
<item><title>Zelensky &amp; Trump</title><link>http://w.test/a?utm_source=rss</link>
<pubDate>Sun, 12 Oct 2025 10:00:00 +0300</pubDate></item>
<item><title>Guid only</title><guid isPermaLink="true">http://w.test/b</guid><dc:date>2025-10-11T08:00:00Z</dc:date></item>
<item><title>Not a link</title><guid isPermaLink="false">tag:w.test,2025:1</guid></item>
<item><title>Script</title><link>javascript:alert(1)</link></item>
<item><title>Relative</title><link>/c</link></item>
<item><title>Dup</title><link>http://W.TEST/a#x</link></item>
</channel></rss>"""

RDF = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>R</title></channel>
<item rdf:about="http://r.test/1"><title>One</title><link>http://r.test/1</link><dc:date>2025-10-12</dc:date></item>
</rdf:RDF>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>E1</title><link rel="edit" href="/edit/1"/><link href="/e/1"/><id>urn:x</id>
<published>2025-10-12T09:00:00+02:00</published><updated>2025-10-12T10:00:00+02:00</updated></entry>
<entry><title>E2</title><id>https://a.test/e/2</id><updated>2025-10-13T00:00:00Z</updated></entry></feed>"""

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://n.test/kyiv</loc>
<news:news><news:publication><news:name>NationPress</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2025-10-12T09:00:00+03:00</news:publication_date><news:title>Kyiv talks</news:title></news:news>
</url><url><loc>https://n.test/old</loc><lastmod>2025-09</lastmod></url></urlset>"""


def test_rss2() -> None:
    feed = parse_feed(RSS2, base_url="http://w.test/feed.xml")
    assert feed.kind == "rss" and feed.title == "Wire"
    assert [e.url for e in feed.entries] == ["http://w.test/a?utm_source=rss", "http://w.test/b", "http://w.test/c"]
    assert feed.entries[0].title == "Zelensky & Trump"
    assert feed.entries[0].published == datetime(2025, 10, 12, 7, 0, tzinfo=timezone.utc)
    assert feed.entries[1].published == datetime(2025, 10, 11, 8, 0, tzinfo=timezone.utc)
    reasons = dict(feed.skipped)
    assert reasons["javascript:alert(1)"] == "scheme javascript" and reasons["http://W.TEST/a#x"] == "duplicate"


def test_rdf_and_atom() -> None:
    rdf = parse_feed(RDF)
    assert rdf.kind == "rdf" and [e.url for e in rdf.entries] == ["http://r.test/1"]
    atom = parse_feed(ATOM, base_url="https://a.test/feed")
    assert atom.kind == "atom" and atom.title == "A"
    assert [e.url for e in atom.entries] == ["https://a.test/e/1", "https://a.test/e/2"]
    assert atom.entries[0].published == datetime(2025, 10, 12, 7, 0, tzinfo=timezone.utc)
    assert atom.entries[0].lastmod == datetime(2025, 10, 12, 8, 0, tzinfo=timezone.utc)


def test_google_news_sitemap_and_gzip() -> None:
    feed = parse_feed(gzip.compress(NEWS))
    assert feed.kind == "sitemap"
    kyiv, old = feed.entries
    assert kyiv.title == "Kyiv talks" and kyiv.published == datetime(2025, 10, 12, 6, 0, tzinfo=timezone.utc)
    assert old.lastmod == datetime(2025, 9, 1, tzinfo=timezone.utc)
    refs = entries_to_refs(feed.entries)
    assert refs[0]["published"] == "2025-10-12T09:00:00+03:00"


@pytest.mark.parametrize("doc,rule", [
    (b"<html><body>not a feed</body></html>", "not-a-feed"),
    (b"<rss><channel><item>", "xml-syntax"),
    (b"", "not-a-feed"),
    (b"<rss>" + b"<a>" * 80 + b"</a>" * 80 + b"</rss>", "depth"),
])
def test_bad_documents_raise_feed_error(doc: bytes, rule: str) -> None:
    with pytest.raises(FeedError) as info:
        parse_feed(doc)
    assert info.value.rule == rule


def test_byte_and_url_caps() -> None:
    with pytest.raises(FeedError) as info:
        parse_feed(b"<rss>" + b" " * 2000 + b"</rss>", max_bytes=1000)
    assert info.value.rule == "too-large"
    with pytest.raises(FeedError):
        parse_feed(gzip.compress(b"<urlset>" + b" " * 5000 + b"</urlset>"), max_bytes=1000)
    many = b"<urlset>" + b"".join(b"<url><loc>http://x.test/%d</loc></url>" % i for i in range(5000)) + b"</urlset>"
    feed = parse_feed(many, max_urls=10)
    assert len(feed.entries) == 10 and feed.truncated


def test_hardened_parser_settings() -> None:
    parser = hardened_parser()
    from lxml import etree

    doc = b"<!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/hostname'>]><r>&x;</r>"
    root = etree.fromstring(doc, parser)
    assert "".join(root.itertext()) == "&x;"  # the reference stays an unresolved entity node, never the file
    assert parse_date("Sun, 12 Oct 2025 10:00:00 GMT") == datetime(2025, 10, 12, 10, tzinfo=timezone.utc)
    assert parse_date("2025-10-12") == datetime(2025, 10, 12, tzinfo=timezone.utc)
    assert parse_date("yesterday") is None


@pytest.mark.timeout(60)
def test_collect_walks_indexes_and_uses_conditional_requests() -> None:
    box: dict[str, Site] = {}

    def index(h):  # type: ignore[no-untyped-def]
        s = box["s"]
        body = (f"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><sitemap><loc>{s.url('/news.xml')}"
                f"</loc></sitemap><sitemap><loc>{s.url('/missing.xml')}</loc></sitemap></sitemapindex>").encode()
        respond(h, 200, body, content_type="application/xml")

    def feed(h):  # type: ignore[no-untyped-def]
        if h.headers.get("If-None-Match") == '"f1"':
            respond(h, 304, b"", {"ETag": '"f1"'}, content_type=None)
        else:
            respond(h, 200, RSS2, {"ETag": '"f1"'}, content_type="application/rss+xml")

    with Site(routes={"/robots.txt": page(b"", status=404), "/index.xml": index, "/news.xml": page(NEWS, "text/xml"),
                      "/feed.xml": feed}) as site:
        box["s"] = site
        f = Fetcher(FetchPolicy(min_interval_s=0), allow="127.0.0.1", resolver=FakeResolver())
        validators: dict[str, dict[str, str]] = {}
        out = collect([site.url("/index.xml"), site.url("/feed.xml")], fetcher=f, validators=validators)
        # breadth-first: both roots, then the index's children; 3 from the RSS feed + 2 from the news sitemap
        assert [e.url for e in out.entries] == ["http://w.test/a?utm_source=rss", "http://w.test/b", site.url("/c"),
                                                "https://n.test/kyiv", "https://n.test/old"]
        assert out.documents == [site.url("/index.xml"), site.url("/feed.xml"), site.url("/news.xml")]
        assert [e[1] for e in out.errors] == ["HTTPError"]  # the missing child sitemap, recorded not raised
        assert validators[site.url("/feed.xml")] == {"etag": '"f1"'}
        again = collect(site.url("/feed.xml"), fetcher=f, validators=validators)
        assert again.not_modified == [site.url("/feed.xml")] and again.entries == []
